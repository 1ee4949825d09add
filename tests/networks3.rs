//! Networking as podman's system tests (500-networking.bats) expect it, end to end as the
//! unprivileged user with the real binary: `network rm` of a missing or the default network
//! (and `network prune`, which keeps the default one),
//! `-t`; `--dns-opt`; a published port already in use (status 126); `nook port` of a port the
//! container does not publish; the names in a slirp4netns container's /etc/hosts; a pod's
//! /etc/hosts. Every home has its own runtime directory; host ports are chosen free at run
//! time.

mod common;

use std::net::{Ipv4Addr, TcpListener};

use common::home::Home;
use common::{stderr, stdout};

fn home() -> Home {
    Home::new().private_runtime()
}

fn rootfs() -> &'static str {
    common::rootfs().to_str().unwrap()
}

#[test]
fn network_rm_speaks_podmans_words_for_missing_and_default_networks() {
    let h = home();
    let out = h.output(&["network", "rm", "bogusnet"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "Error: unable to find network with name or ID bogusnet: network not found\n"
    );
    // -f: a missing network is no error, and says nothing; -t is accepted (-1 too).
    let out = h.output(&["network", "rm", "-t", "-1", "--force", "bogusnet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!((stdout(&out), stderr(&out)), (String::new(), String::new()));
    h.ok(&["network", "create", "rmnet"]);
    assert_eq!(
        h.ok(&["network", "rm", "-t", "0", "--force", "bogusnet", "rmnet"]),
        "rmnet\n"
    );
    let out = h.output(&["network", "exists", "rmnet"]);
    assert_eq!(out.status.code(), Some(1));
    // The default network is made on first use and never removed.
    h.ok(&["network", "create", "--ignore", "nook"]);
    h.fails(
        &["network", "rm", "-t", "0", "-f", "nook"],
        "default network nook cannot be removed",
    );
    assert_eq!(h.ok(&["network", "exists", "nook"]), "");
    // Nor pruned: `network prune` removes the unused networks but the default one.
    h.ok(&["network", "create", "unused1"]);
    assert_eq!(h.ok(&["network", "prune", "-f"]), "unused1\n");
    assert_eq!(h.ok(&["network", "exists", "nook"]), "");
}

#[test]
fn dns_opt_is_dns_options_other_name() {
    let h = home();
    for flag in ["--dns-opt=ndots:3", "--dns-option=ndots:3"] {
        let out = h.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            flag,
            "--rootfs",
            rootfs(),
            "cat",
            "/etc/resolv.conf",
        ]);
        assert!(out.contains("options ndots:3\n"), "{flag}: {out}");
    }
}

#[test]
fn a_published_port_in_use_fails_with_podmans_status_and_words() {
    let h = home();
    let held = TcpListener::bind((Ipv4Addr::UNSPECIFIED, 0)).expect("bind");
    let port = held.local_addr().expect("addr").port();
    let spec = format!("{port}:80");
    let out = h.output(&["run", "--rm", "-p", &spec, "--rootfs", rootfs(), "true"]);
    assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{port}/tcp: address already in use")),
        "{err}"
    );
    assert!(h.containers().is_empty(), "nothing left behind");
}

#[test]
fn port_names_a_port_the_container_does_not_publish() {
    let h = home();
    let port = {
        let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        l.local_addr().expect("addr").port()
    };
    let spec = format!("127.0.0.1:{port}:80");
    h.ok(&[
        "run",
        "-d",
        "--name",
        "pub",
        "-p",
        &spec,
        "--rootfs",
        rootfs(),
        "sleep",
        "60",
    ]);
    assert_eq!(
        h.ok(&["port", "pub", "80/tcp"]),
        format!("127.0.0.1:{port}\n")
    );
    let out = h.output(&["port", "pub", "99/tcp"]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(
        stderr(&out),
        "Error: failed to find published port \"99/tcp\"\n"
    );
    h.ok(&["rm", "-f", "-t", "0", "pub"]);
}

/// The host's first address that is neither loopback nor link-local, as `hostname -I`
/// lists them (podman's system test takes its first).
fn host_ip() -> String {
    let out = std::process::Command::new("hostname")
        .arg("-I")
        .output()
        .expect("hostname -I");
    stdout(&out)
        .split_whitespace()
        .find(|a| !a.contains(':') && !a.starts_with("169.254."))
        .expect("an IPv4 address of the host")
        .to_string()
}

#[test]
fn a_slirp4netns_containers_hosts_names_it_and_the_host() {
    let h = home();
    let hosts = h.ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns:cidr=10.0.7.0/24",
        "--name",
        "named",
        "--hostname",
        "box",
        "--rootfs",
        rootfs(),
        "cat",
        "/etc/hosts",
    ]);
    assert!(hosts.contains("10.0.7.100\tbox named\n"), "{hosts}");
    let internal = format!(
        "{}\thost.containers.internal host.docker.internal\n",
        host_ip()
    );
    assert!(hosts.contains(&internal), "{hosts}");
    // With the host's loopback reachable, the name leads to slirp4netns's gateway.
    let hosts = h.ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns:allow_host_loopback=true",
        "--rootfs",
        rootfs(),
        "cat",
        "/etc/hosts",
    ]);
    assert!(
        hosts.contains("10.0.2.2\thost.containers.internal"),
        "{hosts}"
    );
    // No network: no way to the host, no name for it.
    let hosts = h.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--rootfs",
        rootfs(),
        "cat",
        "/etc/hosts",
    ]);
    assert!(!hosts.contains("host.containers.internal"), "{hosts}");
}

#[test]
fn a_pods_members_see_the_pods_hosts_with_their_own_name() {
    let h = home();
    h.ok(&["pod", "create", "--name", "hp", "--infra-name", "hp-infra"]);
    let cat = |name: &str, rm: bool| {
        let mut a = vec!["run", "--pod", "hp", "--name", name];
        if rm {
            a.push("--rm");
        }
        a.extend(["--rootfs", rootfs(), "cat", "/etc/hosts"]);
        h.ok(&a)
    };
    let one = cat("con1", true);
    assert!(one.contains("\thp hp-infra\n"), "{one}");
    assert!(one.contains("127.0.0.1\tcon1\n"), "{one}");
    let two = cat("con2", false);
    assert!(two.contains("\thp hp-infra\n"), "{two}");
    assert!(
        two.contains("127.0.0.1\tcon2\n") && !two.contains("con1"),
        "{two}"
    );
    assert_eq!(one.lines().count(), two.lines().count());
    let names = h.ok(&[
        "run",
        "--rm",
        "--pod",
        "hp",
        "--rootfs",
        rootfs(),
        "sh",
        "-c",
        "hostname && cat /etc/hostname",
    ]);
    assert_eq!(names, "hp\nhp\n");
    h.ok(&["pod", "rm", "-f", "-t", "0", "hp"]);
}

#[test]
fn stop_says_when_the_stop_signal_did_not_stop_the_container() {
    let h = home();
    h.ok(&[
        "run",
        "-d",
        "--name",
        "stubborn",
        "--rootfs",
        rootfs(),
        "sh",
        "-c",
        "trap '' TERM; while :; do sleep 1; done",
    ]);
    let out = h.output(&["restart", "-t", "1", "stubborn"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "StopSignal SIGTERM failed to stop container stubborn in 1 seconds, resorting to SIGKILL"
        ),
        "{}",
        stderr(&out)
    );
    // -t 0 asks for SIGKILL, and a container that stops at its signal: no warning.
    let out = h.output(&["stop", "-t", "0", "stubborn"]);
    assert!(
        out.status.success() && stderr(&out).is_empty(),
        "{}",
        stderr(&out)
    );
    let out = h.output(&["rm", "-f", "-t", "0", "stubborn"]);
    assert!(out.status.success(), "{}", stderr(&out));
    h.ok(&[
        "run",
        "-d",
        "--name",
        "meek",
        "--rootfs",
        rootfs(),
        "sh",
        "-c",
        "trap 'exit 0' TERM; while :; do sleep 1; done",
    ]);
    let out = h.output(&["stop", "-t", "5", "meek"]);
    assert!(
        out.status.success() && stderr(&out).is_empty(),
        "{}",
        stderr(&out)
    );
}

/// `curl` of `http://127.0.0.1:PORT/hostname` (3 s at most): its output, if it succeeded.
fn curl(port: u16) -> Option<String> {
    let out = std::process::Command::new("curl")
        .args(["--max-time", "3", "-s", "-S"])
        .arg(format!("http://127.0.0.1:{port}/hostname"))
        .output()
        .expect("curl");
    out.status.success().then(|| stdout(&out))
}

/// `inspect` of `name` on `net`: address, MAC address and aliases.
fn on_net(h: &Home, name: &str, net: &str) -> Vec<String> {
    let f = format!(
        "{{{{(index .NetworkSettings.Networks \"{net}\").IPAddress}}}}\n\
         {{{{(index .NetworkSettings.Networks \"{net}\").MacAddress}}}}\n\
         {{{{(index .NetworkSettings.Networks \"{net}\").Aliases}}}}"
    );
    h.ok(&["inspect", "--format", &f, name])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn published_ports_follow_a_container_through_network_connect_and_disconnect() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.90.0/24", "cd1"]);
    h.ok(&["network", "create", "--subnet", "10.89.91.0/24", "cd2"]);
    let port = {
        let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        l.local_addr().expect("addr").port()
    };
    let spec = format!("127.0.0.1:{port}:8080");
    h.web("cdweb", "cd1", &["-p", &spec, "--hostname", "cdhost"]);
    let id = h.ok(&["inspect", "--format", "{{.Id}}", "cdweb"]);
    let first = on_net(&h, "cdweb", "cd1");
    assert_eq!(first[2], format!("[{} cdhost]", &id[..12]), "{first:?}");
    assert!(
        first[1].len() == 17 && first[1].starts_with(|c| c != ' '),
        "{first:?}"
    );
    assert!(common::wait_for(15, || curl(port).is_some_and(|b| b == "cdhost\n")));
    assert!(
        h.ok(&["exec", "cdweb", "cat", "/etc/hosts"])
            .contains(&first[0])
    );
    assert_eq!(h.ok(&["network", "disconnect", "cd1", "cdweb"]), "");
    assert!(
        !h.ok(&["exec", "cdweb", "cat", "/etc/hosts"])
            .contains(&first[0])
    );
    assert_eq!(curl(port), None, "nothing to forward to off every network");
    assert_eq!(h.ok(&["network", "connect", "cd1", "cdweb"]), "");
    assert_eq!(curl(port).as_deref(), Some("cdhost\n"));
    let again = on_net(&h, "cdweb", "cd1");
    assert_ne!(again[0], first[0], "a new address");
    assert_ne!(again[1], first[1], "a new MAC address");
    assert!(
        h.ok(&["exec", "cdweb", "cat", "/etc/hosts"])
            .contains(&again[0])
    );
    // On a second network, then off the first: the port leads to the second.
    h.ok(&["network", "connect", "cd2", "cdweb"]);
    assert_eq!(on_net(&h, "cdweb", "cd2")[2], first[2]);
    h.ok(&["network", "disconnect", "cd1", "cdweb"]);
    assert_eq!(curl(port).as_deref(), Some("cdhost\n"));
    h.ok(&["rm", "-f", "-t", "0", "cdweb"]);
    h.ok(&["network", "rm", "-f", "cd1", "cd2"]);
}
