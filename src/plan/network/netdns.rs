//! The DNS of bridge networks, decided: each network's hosts file (the single source of its
//! names, for `nook __dns` and the members' `/etc/hosts`), the `nook __dns` arguments on the
//! gateway, and a member's `/etc/resolv.conf` (podman with aardvark-dns: the gateways as name
//! servers, `dns.podman` searched first).

use std::net::Ipv4Addr;

/// The domain the networks' names are answered in.
pub const DOMAIN: &str = "dns.podman";

/// slirp4netns's resolver, the way out's name server.
pub const SLIRP_RESOLVER: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 3);

/// One network's hosts file: a line per address, its names after it.
pub fn hosts_file(entries: &[(Ipv4Addr, Vec<String>)]) -> String {
    entries
        .iter()
        .map(|(ip, names)| format!("{ip}\t{}\n", names.join(" ")))
        .collect()
}

/// The upstream of a network's responder: slirp4netns's resolver when there is a way out,
/// the host's name servers (`__dns`'s default) when not, none for an internal network.
pub fn upstream(internal: bool, way_out: bool) -> Upstream {
    match (internal, way_out) {
        (true, _) => Upstream::None,
        (false, true) => Upstream::Given(SLIRP_RESOLVER),
        (false, false) => Upstream::Host,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upstream {
    None,
    Host,
    Given(Ipv4Addr),
}

/// The arguments of `nook __dns` for a network whose gateway is `gateway`.
pub fn dns_args(gateway: Ipv4Addr, hosts: &str, upstream: Upstream) -> Vec<String> {
    let mut a = vec![
        "--listen".to_string(),
        format!("{gateway}:53"),
        "--hosts".to_string(),
        hosts.to_string(),
        "--domain".to_string(),
        DOMAIN.to_string(),
    ];
    match upstream {
        Upstream::Given(ip) => a.extend(["--upstream".to_string(), format!("{ip}:53")]),
        Upstream::None => a.push("--no-upstream".to_string()),
        Upstream::Host => {}
    }
    a
}

/// A member's `/etc/resolv.conf`: the gateways of its networks as name servers, `dns.podman`
/// searched before the current search domains, the current options kept.
pub fn resolv_conf(current: &str, gateways: &[Ipv4Addr]) -> String {
    let words = |key: &str| -> Vec<String> {
        current
            .lines()
            .filter_map(|l| {
                let mut w = l.split_whitespace();
                (w.next() == Some(key)).then(|| w.map(str::to_string).collect::<Vec<_>>())
            })
            .flatten()
            .collect()
    };
    let mut search = vec![DOMAIN.to_string()];
    search.extend(words("search").into_iter().filter(|s| s != DOMAIN));
    let mut text = format!("search {}\n", search.join(" "));
    for g in gateways {
        text += &format!("nameserver {g}\n");
    }
    let options = words("options");
    if !options.is_empty() {
        text += &format!("options {}\n", options.join(" "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_file_has_a_line_per_address() {
        let ip = Ipv4Addr::new(10, 89, 0, 2);
        let text = hosts_file(&[(ip, vec!["web".into(), "www".into()])]);
        assert_eq!(text, "10.89.0.2\tweb www\n");
        assert_eq!(hosts_file(&[]), "");
    }

    #[test]
    fn upstream_follows_the_way_out() {
        assert_eq!(upstream(true, true), Upstream::None);
        assert_eq!(upstream(false, true), Upstream::Given(SLIRP_RESOLVER));
        assert_eq!(upstream(false, false), Upstream::Host);
    }

    #[test]
    fn dns_args_listen_on_the_gateway() {
        let gw = Ipv4Addr::new(10, 89, 0, 1);
        let a = dns_args(gw, "/run/n.hosts", Upstream::Given(SLIRP_RESOLVER));
        assert_eq!(
            a.join(" "),
            "--listen 10.89.0.1:53 --hosts /run/n.hosts --domain dns.podman --upstream 10.0.2.3:53"
        );
        assert!(dns_args(gw, "h", Upstream::None).contains(&"--no-upstream".to_string()));
        assert!(
            !dns_args(gw, "h", Upstream::Host)
                .iter()
                .any(|w| w.contains("upstream"))
        );
    }

    #[test]
    fn resolv_conf_names_the_gateways() {
        let cur = "search example.com\nnameserver 192.0.2.1\noptions ndots:2\n";
        let gws = [Ipv4Addr::new(10, 89, 0, 1), Ipv4Addr::new(10, 90, 0, 1)];
        assert_eq!(
            resolv_conf(cur, &gws),
            "search dns.podman example.com\nnameserver 10.89.0.1\nnameserver 10.90.0.1\noptions ndots:2\n"
        );
        // Rewritten again (network connect): the same, not dns.podman twice.
        let again = resolv_conf(&resolv_conf(cur, &gws), &gws);
        assert_eq!(again, resolv_conf(cur, &gws));
    }
}
