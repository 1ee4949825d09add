//! Networking as podman's system tests (500-networking.bats) expect it, end to end as the
//! unprivileged user with the real binary: `network rm` of a missing or the default network,
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
