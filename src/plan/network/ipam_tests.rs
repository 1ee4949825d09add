//! Tests of bridge networks' decisions.

use super::*;

fn c(s: &str) -> Cidr {
    Cidr::parse(s).unwrap()
}

fn req(name: &str) -> CreateRequest {
    CreateRequest {
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn cidrs() {
    assert_eq!(c("10.89.3.7/24").to_string(), "10.89.3.0/24");
    assert!(c("10.88.0.0/16").overlaps(&c("10.88.5.0/24")));
    assert!(c("10.88.5.0/24").overlaps(&c("10.88.0.0/16")));
    assert!(!c("10.89.0.0/24").overlaps(&c("10.89.1.0/24")));
    assert!(c("10.89.0.0/24").contains("10.89.0.200".parse().unwrap()));
    for bad in ["10.0.0.0", "10.0.0.0/31", "x/24", "10.0.0.0/4"] {
        assert!(Cidr::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn create_picks_a_free_subnet_and_checks_overlaps() {
    let r = plan_create(&req("a"), &[], "0123456789abcdef", "t").unwrap();
    assert_eq!(r.subnets[0].subnet, "10.89.0.0/24");
    assert_eq!(r.subnets[0].gateway, "10.89.0.1");
    assert_eq!(r.network_interface, "nook-0123456789");
    let existing = [("a".to_string(), c("10.89.0.0/24"))];
    let r = plan_create(&req("b"), &existing, "id", "t").unwrap();
    assert_eq!(r.subnets[0].subnet, "10.89.1.0/24");
    assert!(
        plan_create(&req("a"), &existing, "id", "t")
            .unwrap_err()
            .contains("already exists")
    );
    let mut o = req("c");
    o.subnet = Some("10.89.0.128/25".into());
    assert!(
        plan_create(&o, &existing, "id", "t")
            .unwrap_err()
            .contains("already used")
    );
    o.subnet = Some("192.168.7.0/24".into());
    o.gateway = Some("192.168.7.254".into());
    o.internal = true;
    o.labels = vec!["k=v".into()];
    let r = plan_create(&o, &existing, "id", "t").unwrap();
    assert_eq!(r.subnets[0].gateway, "192.168.7.254");
    assert!(r.internal && r.labels["k"] == "v");
    o.gateway = Some("192.168.8.1".into());
    assert!(plan_create(&o, &existing, "id", "t").is_err());
    o.gateway = None;
    o.driver = Some("macvlan".into());
    assert!(plan_create(&o, &existing, "id", "t").is_err());
    assert!(plan_create(&req("-x"), &[], "id", "t").is_err());
}

#[test]
fn addresses() {
    let s = c("10.89.0.0/24");
    let gw: Ipv4Addr = "10.89.0.1".parse().unwrap();
    let ip = |s: &str| s.parse::<Ipv4Addr>().unwrap();
    assert_eq!(address("n", s, gw, &[], None).unwrap(), ip("10.89.0.2"));
    // After the last one given, round the subnet.
    let after = |used: &[Ipv4Addr], last: &str| {
        address_after("n", s, gw, used, None, Some(ip(last))).unwrap()
    };
    assert_eq!(after(&[], "10.89.0.2"), ip("10.89.0.3"));
    assert_eq!(after(&[ip("10.89.0.3")], "10.89.0.2"), ip("10.89.0.4"));
    assert_eq!(after(&[], "10.89.0.254"), ip("10.89.0.2"));
    assert_eq!(after(&[], "10.90.0.7"), ip("10.89.0.2"));
    assert_eq!(
        address("n", s, gw, &[ip("10.89.0.2")], None).unwrap(),
        ip("10.89.0.3")
    );
    assert_eq!(
        address("n", s, gw, &[], Some(ip("10.89.0.9"))).unwrap(),
        ip("10.89.0.9")
    );
    let e = address("n", s, gw, &[ip("10.89.0.9")], Some(ip("10.89.0.9"))).unwrap_err();
    assert!(e.contains("already allocated"), "{e}");
    assert!(address("n", s, gw, &[], Some(gw)).is_err());
    let e = address("n", s, gw, &[], Some(ip("10.90.0.9"))).unwrap_err();
    assert!(e.contains("not in the subnet"), "{e}");
    assert!(address("n", s, gw, &[], Some(ip("10.89.0.255"))).is_err());
    let tiny = c("10.1.0.0/30");
    assert!(address("n", tiny, tiny.first(), &[ip("10.1.0.2")], None).is_err());
}

#[test]
fn hosts_section_is_replaced() {
    let base = "127.0.0.1\tlocalhost\n";
    let a = splice_hosts(
        base,
        &[("10.89.0.2".parse().unwrap(), vec!["web".into(), "w".into()])],
    );
    assert_eq!(a, format!("{base}{HOSTS_MARK}\n10.89.0.2\tweb w\n"));
    let b = splice_hosts(&a, &[]);
    assert_eq!(b, format!("{base}{HOSTS_MARK}\n"));
}

#[test]
fn interface_names_fit() {
    assert!(bridge_name(&"f".repeat(64)).len() <= 15);
    assert!(veth_name(&"f".repeat(64), 3).len() <= 15);
    assert!(valid_name("net-1.a_b") && !valid_name("") && !valid_name("a/b"));
}

#[test]
fn create_takes_an_mtu_option_and_refuses_others() {
    let mut q = req("m");
    q.options = vec!["mtu=9000".into()];
    let r = plan_create(&q, &[], "0123456789abcdef", "t").unwrap();
    assert_eq!(r.options.get("mtu").map(String::as_str), Some("9000"));
    assert_eq!(r.mtu(), 9000);
    let plain = plan_create(&req("p"), &[], "0123456789abcdef", "t").unwrap();
    assert!(plain.options.is_empty());
    assert_eq!(plain.mtu(), DEFAULT_MTU);
    // Written without `options` when none was given (as records before it were).
    assert!(
        !serde_json::to_string(&plain)
            .unwrap()
            .contains("\"options\"")
    );
    for (bad, why) in [
        ("mtu=abc", "invalid mtu"),
        ("mtu=67", "from 68 to 65535"),
        ("mtu=65536", "from 68 to 65535"),
        ("vlan=3", "unsupported bridge network option vlan"),
    ] {
        q.options = vec![bad.into()];
        let e = plan_create(&q, &[], "0123456789abcdef", "t").unwrap_err();
        assert!(e.contains(why), "{bad}: {e}");
    }
}
