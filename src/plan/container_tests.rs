//! Unit tests of what ps and inspect say of a container.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use super::*;
use crate::plan::network::Proto;
use ContainerStatus::*;

#[test]
fn a_running_record_without_its_lock_has_exited() {
    assert_eq!(effective_status(Running, true), Running);
    assert_eq!(effective_status(Running, false), Exited);
    assert_eq!(effective_status(Paused, false), Exited);
    assert_eq!(effective_status(Stopping, false), Exited);
    assert_eq!(effective_status(Paused, true), Paused);
    assert_eq!(effective_status(Created, false), Created);
    assert_eq!(effective_status(Exited, true), Exited);
}

#[test]
fn durations_read_like_podmans() {
    assert_eq!(human_duration(0), "Less than a second");
    assert_eq!(human_duration(1), "1 second");
    assert_eq!(human_duration(59), "59 seconds");
    assert_eq!(human_duration(61), "About a minute");
    assert_eq!(human_duration(180), "3 minutes");
    assert_eq!(human_duration(3600), "About an hour");
    assert_eq!(human_duration(5 * 3600), "5 hours");
    assert_eq!(human_duration(30 * 3600), "30 hours");
    assert_eq!(human_duration(3 * 86400), "3 days");
    assert_eq!(human_duration(21 * 86400), "3 weeks");
    assert_eq!(human_duration(400 * 86400), "13 months");
    assert_eq!(human_duration(3 * 365 * 86400), "3 years");
}

#[test]
fn status_texts() {
    assert_eq!(status_text(Running, None, 180), "Up 3 minutes");
    assert_eq!(status_text(Exited, Some(3), 2), "Exited (3) 2 seconds ago");
    assert_eq!(
        status_text(Exited, Some(0), 0),
        "Exited (0) Less than a second ago"
    );
    assert_eq!(status_text(Created, None, 9), "Created");
    assert_eq!(status_text(Paused, None, 9), "Paused");
    assert_eq!(status_name(Exited), "exited");
}

#[test]
fn ports_column() {
    let p = |ip: Option<Ipv4Addr>, h, c, proto| PortMapping {
        host_ip: ip,
        host_port: h,
        container_port: c,
        proto,
    };
    let ports = [
        p(None, 8080, 80, Proto::Tcp),
        p(Some(Ipv4Addr::LOCALHOST), 5353, 53, Proto::Udp),
    ];
    assert_eq!(
        ports_text(&ports),
        "0.0.0.0:8080->80/tcp, 127.0.0.1:5353->53/udp"
    );
    assert_eq!(ports_text(&[]), "");
}

struct Owned {
    id: String,
    name: String,
    status: ContainerStatus,
    code: Option<u8>,
    labels: BTreeMap<String, String>,
    image: String,
}

fn item(o: &Owned) -> Item<'_> {
    Item {
        id: &o.id,
        name: &o.name,
        status: o.status,
        exit_code: o.code,
        labels: &o.labels,
        image_name: &o.image,
        image_id: "sha256:feedbeef",
    }
}

fn owned(id: &str, name: &str, status: ContainerStatus, code: Option<u8>) -> Owned {
    Owned {
        id: id.into(),
        name: name.into(),
        status,
        code,
        labels: [("a".to_string(), "1".to_string()), ("b".into(), "2".into())].into(),
        image: "docker.io/library/alpine:latest".into(),
    }
}

fn f(args: &[&str]) -> Filters {
    Filters::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
}

#[test]
fn filters_of_one_key_or_and_of_several_keys_and() {
    let run = owned("abc123", "running", Running, None);
    let ok = owned("bcd234", "stopped", Exited, Some(0));
    let bad = owned("cde345", "failed", Exited, Some(1));
    let all = [&run, &ok, &bad];
    let names = |fl: &Filters| -> Vec<&str> {
        all.iter()
            .filter(|o| fl.matches(&item(o)))
            .map(|o| o.name.as_str())
            .collect()
    };
    assert_eq!(names(&f(&["status=stopped"])), ["stopped", "failed"]);
    assert_eq!(names(&f(&["status=exited", "exited=1"])), ["failed"]);
    assert_eq!(
        names(&f(&["status=exited", "status=running"])),
        ["running", "stopped", "failed"]
    );
    assert_eq!(names(&f(&["id=ABC"])), ["running"]);
    assert_eq!(names(&f(&["id=^b"])), ["stopped"]);
    assert_eq!(names(&f(&["id=[^0-9a-f]"])), Vec::<&str>::new());
    assert_eq!(names(&f(&["id=abc123", "id=cde"])), ["running", "failed"]);
    // name= is a regular expression found in the name.
    assert_eq!(names(&f(&["name=ed$"])), ["stopped", "failed"]);
    assert_eq!(
        names(&f(&["name=running", "status=exited"])),
        Vec::<&str>::new()
    );
    assert!(f(&["status=created"]).has_status());
}

#[test]
fn labels_must_all_match() {
    let c = owned("abc", "x", Running, None);
    assert!(f(&["label=a"]).matches(&item(&c)));
    assert!(f(&["label=a=1", "label=b=2"]).matches(&item(&c)));
    assert!(!f(&["label=a=1", "label=b=3"]).matches(&item(&c)));
    assert!(!f(&["label=zz"]).matches(&item(&c)));
}

#[test]
fn ancestors_by_name_or_id() {
    let c = owned("abc", "x", Running, None);
    for yes in [
        "alpine",
        "alpine:latest",
        "library/alpine",
        "docker.io/library/alpine:latest",
        "feed",
    ] {
        assert!(f(&[&format!("ancestor={yes}")]).matches(&item(&c)), "{yes}");
    }
    for no in ["alpine:3", "busybox", "lpine", "beef"] {
        assert!(!f(&[&format!("ancestor={no}")]).matches(&item(&c)), "{no}");
    }
}

#[test]
fn bad_filters_are_refused() {
    let parse = |a: &str| Filters::parse(&[a.to_string()]);
    assert!(parse("nope").unwrap_err().contains("KEY=VALUE"));
    assert!(
        parse("pod=x")
            .unwrap_err()
            .contains("invalid filter \"pod\"")
    );
    assert!(parse("status=up").unwrap_err().contains("invalid status"));
    assert!(
        parse("status=unknown").is_ok(),
        "podman's leak check asks for it"
    );
    assert!(parse("exited=x").unwrap_err().contains("exit code"));
}

#[test]
fn times_as_podman_prints_them() {
    let t = 1_709_209_815 * NS;
    assert_eq!(rfc3339_nano(t), "2024-02-29T12:30:15Z");
    assert_eq!(rfc3339_nano(t + 500_000_000), "2024-02-29T12:30:15.5Z");
    assert_eq!(rfc3339_nano(t + 123), "2024-02-29T12:30:15.000000123Z");
    assert_eq!(go_time(t + 500_000_000), "2024-02-29 12:30:15.5 +0000 UTC");
}
