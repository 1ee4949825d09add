//! Bridge networks end to end, second part (as the unprivileged user with the real binary):
//! ports published from a container on a network (`-p`, `-P`, `nook port`, inspect), not from
//! an internal one; `--network container:NAME`; `network connect` of a stopped container and
//! `network rm` of a network joined that way. Every home has its own runtime directory, so its
//! own rootless namespace; host ports are chosen free at run time.

mod common;

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::home::Home;
use common::{scripts_dir, stderr, stdout, wait_for};

fn home() -> Home {
    Home::new().private_runtime()
}

fn rootfs() -> &'static str {
    common::rootfs().to_str().unwrap()
}

/// A port free on the host's loopback right now.
fn free_port() -> u16 {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    l.local_addr().expect("addr").port()
}

/// `GET /PATH` at 127.0.0.1:port, retried until an answer with a body comes (the forwarder
/// accepts before the server in the container listens: then the connection closes empty).
fn http_get(port: u16, path: &str) -> String {
    let end = Instant::now() + Duration::from_secs(15);
    while Instant::now() < end {
        if let Ok(mut s) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let req = format!("GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n");
            let mut got = String::new();
            let answered =
                s.write_all(req.as_bytes()).is_ok() && s.read_to_string(&mut got).is_ok();
            let ok = answered && got.starts_with("HTTP/1.") && got.contains(" 200 ");
            if let Some((_, body)) = got.split_once("\r\n\r\n").filter(|_| ok) {
                return body.to_string();
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    String::new()
}

impl Home {
    /// The `nook port NAME` output.
    fn ports(&self, name: &str) -> String {
        self.ok(&["port", name])
    }
}

/// A home whose store holds `localhost/entry:1` (scripts/testimages.py: exposes 8080/tcp,
/// user 42:42), for `-P`.
fn entry_home() -> &'static Home {
    static HOME: OnceLock<Home> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = home();
        let images = home.path().join("images");
        let st = Command::new("python3")
            .arg(scripts_dir().join("testimages.py"))
            .arg(&images)
            .stdout(Stdio::null())
            .status()
            .expect("run scripts/testimages.py");
        assert!(st.success(), "testimages.py failed");
        home.ok(&["load", "-i", images.join("entry.oci.tar").to_str().unwrap()]);
        home
    })
}

#[test]
fn a_port_of_a_container_on_a_network_is_published_on_the_host() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.70.0/24", "pubnet"]);
    let port = free_port();
    let spec = format!("127.0.0.1:{port}:8080");
    h.web("web", "pubnet", &["-p", &spec, "--ip", "10.89.70.9"]);
    let hostname = h.ok(&["exec", "web", "cat", "/etc/hostname"]);
    assert!(!hostname.trim().is_empty());
    assert_eq!(http_get(port, "/hostname"), hostname);
    assert_eq!(h.ports("web"), format!("8080/tcp -> 127.0.0.1:{port}\n"));
    let ports = h.ok(&[
        "inspect",
        "--format",
        "{{json .NetworkSettings.Ports}}",
        "web",
    ]);
    assert!(
        ports.contains("8080/tcp") && ports.contains(&port.to_string()),
        "{ports}"
    );
    // Still reachable by the other containers on the network, at its address.
    let out = h.output(&[
        "run",
        "--rm",
        "--network",
        "pubnet",
        "--rootfs",
        rootfs(),
        "timeout",
        "10",
        "wget",
        "-q",
        "-O-",
        "http://10.89.70.9:8080/hostname",
    ]);
    assert_eq!(stdout(&out), hostname, "{}", stderr(&out));
    h.ok(&["rm", "-f", "-t", "0", "web"]);
    // The host port is free again once the container is gone.
    assert!(wait_for(10, || TcpListener::bind((
        Ipv4Addr::LOCALHOST,
        port
    ))
    .is_ok()));
    h.nothing_left();
}

#[test]
fn publish_all_on_a_network_publishes_the_exposed_ports() {
    let h = entry_home();
    h.ok(&["network", "create", "allnet"]);
    h.ok(&[
        "run",
        "-d",
        "--name",
        "exposed",
        "--network",
        "allnet",
        "-P",
        "--entrypoint",
        "httpd",
        "localhost/entry:1",
        "-f",
        "-p",
        "8080",
        "-h",
        "/etc",
    ]);
    let line = h.ports("exposed");
    let port: u16 = line
        .trim()
        .strip_prefix("8080/tcp -> 0.0.0.0:")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("nook port: {line:?}"));
    assert_ne!(port, 8080, "-P must choose a free host port");
    let hostname = h.ok(&["exec", "exposed", "cat", "/etc/hostname"]);
    assert_eq!(http_get(port, "/hostname"), hostname);
    h.ok(&["rm", "-f", "-t", "0", "exposed"]);
    h.nothing_left();
}

#[test]
fn an_internal_network_publishes_no_ports() {
    let h = home();
    h.ok(&["network", "create", "--internal", "closed"]);
    h.ok(&["network", "create", "--subnet", "10.89.71.0/24", "open"]);
    let port = free_port();
    let spec = format!("127.0.0.1:{port}:8080");
    // As netavark: no port mappings on an internal network; refused before anything starts.
    let out = h.output(&[
        "run",
        "-d",
        "--name",
        "sealed",
        "--network",
        "closed",
        "-p",
        &spec,
        "--rootfs",
        rootfs(),
        "true",
    ]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains("closed is internal") && e.trim().lines().count() == 1,
        "{e}"
    );
    assert!(h.output(&["inspect", "sealed"]).status.code() != Some(0));
    // On an internal network and another one: published at its address on the other.
    h.web("both", "closed,open", &["-p", &spec]);
    let hostname = h.ok(&["exec", "both", "cat", "/etc/hostname"]);
    assert_eq!(http_get(port, "/hostname"), hostname);
    h.ok(&["rm", "-f", "-t", "0", "both"]);
    h.nothing_left();
}

#[test]
fn a_container_joins_the_network_namespace_of_another() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.72.0/24", "shared"]);
    // A's server listens on its loopback only: only its network namespace reaches it.
    h.ok(&[
        "run",
        "-d",
        "--name",
        "a",
        "--network",
        "shared",
        "--ip",
        "10.89.72.5",
        "--rootfs",
        rootfs(),
        "httpd",
        "-f",
        "-p",
        "127.0.0.1:8080",
        "-h",
        "/etc",
    ]);
    let a_hostname = h.ok(&["exec", "a", "cat", "/etc/hostname"]);
    let a_hosts = h.ok(&["exec", "a", "cat", "/etc/hosts"]);
    let a_resolv = h.ok(&["exec", "a", "cat", "/etc/resolv.conf"]);
    let script = "timeout 10 wget -q -O- http://127.0.0.1:8080/hostname; echo ---; \
                  ip -4 -o addr show eth0; echo ---; cat /etc/hosts; echo ---; cat /etc/resolv.conf";
    let out = h.output(&[
        "run",
        "--rm",
        "--network",
        "container:a",
        "--rootfs",
        rootfs(),
        "sh",
        "-c",
        script,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got = stdout(&out);
    let parts: Vec<&str> = got.split("---\n").collect();
    assert_eq!(parts.len(), 4, "{got}");
    assert_eq!(parts[0], a_hostname, "{got}");
    assert!(parts[1].contains("10.89.72.5/24"), "{got}");
    assert_eq!(parts[2], a_hosts, "as podman: A's /etc/hosts");
    assert_eq!(parts[3], a_resolv, "as podman: A's /etc/resolv.conf");
    // An unknown container, one that does not run, and -p: one line, exit 125, nothing made.
    h.ok(&["run", "--name", "ended", "--rootfs", rootfs(), "true"]);
    let cases: [(&str, &[&str], &str); 3] = [
        (
            "container:nosuch",
            &[],
            "no container with name or ID \"nosuch\" found",
        ),
        ("container:ended", &[], "container ended is not running"),
        (
            "container:a",
            &["-p", "8081:80"],
            "cannot be used with --network container:a",
        ),
    ];
    for (net, opts, needle) in cases {
        let mut args = vec!["run", "--name", "joiner", "--network", net];
        args.extend_from_slice(opts);
        args.extend_from_slice(&["--rootfs", rootfs(), "true"]);
        let out = h.output(&args);
        assert_eq!(out.status.code(), Some(125), "{net}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(
            e.contains(needle) && e.trim().lines().count() == 1,
            "{net}: {e}"
        );
        assert!(h.output(&["inspect", "joiner"]).status.code() != Some(0));
    }
    h.ok(&["rm", "-f", "-t", "0", "a", "ended"]);
    h.nothing_left();
}

#[test]
fn a_stopped_container_connected_to_a_network_joins_it_at_its_next_start() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.73.0/24", "first"]);
    h.ok(&["network", "create", "--subnet", "10.89.74.0/24", "later"]);
    // Created (never started) on `first`, then connected to `later` with an address and alias.
    h.ok(&[
        "create",
        "--name",
        "web",
        "--network",
        "first",
        "--rootfs",
        rootfs(),
        "httpd",
        "-f",
        "-p",
        "8080",
        "-h",
        "/etc",
    ]);
    h.ok(&[
        "network",
        "connect",
        "--ip",
        "10.89.74.20",
        "--alias",
        "www",
        "later",
        "web",
    ]);
    let out = h.output(&["network", "connect", "later", "web"]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already connected"),
        "{}",
        stderr(&out)
    );
    // `network rm` sees the network joined through connect: refused without -f.
    let out = h.output(&["network", "rm", "later"]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("network is being used"),
        "{}",
        stderr(&out)
    );
    h.ok(&["start", "web"]);
    let addrs = h.ok(&["exec", "web", "ip", "-4", "-o", "addr"]);
    assert!(
        addrs.contains("10.89.73.") && addrs.contains("10.89.74.20/24"),
        "{addrs}"
    );
    let hostname = h.ok(&["exec", "web", "cat", "/etc/hostname"]);
    let got = h.output(&[
        "run",
        "--rm",
        "--network",
        "later",
        "--rootfs",
        rootfs(),
        "timeout",
        "10",
        "wget",
        "-q",
        "-O-",
        "http://www:8080/hostname",
    ]);
    assert_eq!(stdout(&got), hostname, "{}", stderr(&got));
    // Stopped again, disconnected from `first`: the next start has only `later`.
    h.ok(&["stop", "-t", "0", "web"]);
    h.ok(&["network", "disconnect", "first", "web"]);
    let out = h.output(&["network", "disconnect", "first", "web"]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not connected"),
        "{}",
        stderr(&out)
    );
    h.ok(&["network", "rm", "first"]);
    h.ok(&["start", "web"]);
    let addrs = h.ok(&["exec", "web", "ip", "-4", "-o", "addr"]);
    assert!(
        !addrs.contains("10.89.73.") && addrs.contains("10.89.74.20/24"),
        "{addrs}"
    );
    // With -f, as podman: the containers on it (running or not) are removed, then it.
    h.ok(&["stop", "-t", "0", "web"]);
    assert_eq!(h.ok(&["network", "rm", "-f", "later"]), "later\n");
    assert!(h.output(&["inspect", "web"]).status.code() != Some(0));
    assert_eq!(
        h.output(&["network", "exists", "later"]).status.code(),
        Some(1)
    );
    h.nothing_left();
}

#[test]
fn network_rm_sees_a_running_container_connected_to_it() {
    let h = home();
    h.ok(&["network", "create", "home"]);
    h.ok(&["network", "create", "extra"]);
    h.web("svc", "home", &[]);
    h.ok(&["network", "connect", "extra", "svc"]);
    let out = h.output(&["network", "rm", "extra"]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains("network is being used") && e.contains("svc"),
        "{e}"
    );
    // Recorded: after a stop and start it is on `extra` again.
    h.ok(&["stop", "-t", "0", "svc"]);
    h.ok(&["start", "svc"]);
    let addrs = h.ok(&["exec", "svc", "ip", "-o", "link"]);
    assert!(addrs.contains("eth1"), "{addrs}");
    assert_eq!(h.ok(&["network", "rm", "-f", "extra"]), "extra\n");
    assert!(h.output(&["inspect", "svc"]).status.code() != Some(0));
    h.nothing_left();
}

#[test]
fn per_network_options_give_the_address_and_aliases() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.75.0/24", "opts"]);
    h.web("server", "opts:ip=10.89.75.9,alias=db,alias=store", &[]);
    let addrs = h.ok(&["exec", "server", "ip", "-4", "-o", "addr", "show", "eth0"]);
    assert!(addrs.contains("10.89.75.9/24"), "{addrs}");
    let hostname = h.ok(&["exec", "server", "cat", "/etc/hostname"]);
    let out = h.output(&[
        "run", "--rm", "--network", "opts", "--rootfs", rootfs(), "sh", "-c",
        "timeout 10 wget -q -O- http://db:8080/hostname && timeout 10 wget -q -O- http://store:8080/hostname",
    ]);
    assert_eq!(
        stdout(&out),
        format!("{hostname}{hostname}"),
        "{}",
        stderr(&out)
    );
    let out = h.output(&[
        "run",
        "--rm",
        "--network",
        "opts:mac=aa:bb",
        "--rootfs",
        rootfs(),
        "true",
    ]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("unsupported option"),
        "{}",
        stderr(&out)
    );
    h.ok(&["rm", "-f", "-t", "0", "server"]);
    h.nothing_left();
}

#[test]
fn repeated_network_flags_put_a_container_on_each_network() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.76.0/24", "left"]);
    h.ok(&["network", "create", "--subnet", "10.89.77.0/24", "right"]);
    h.web(
        "twice",
        "left",
        &["--network", "right:ip=10.89.77.9,alias=api"],
    );
    let eth1 = h.ok(&["exec", "twice", "ip", "-4", "-o", "addr", "show", "eth1"]);
    assert!(eth1.contains("10.89.77.9/24"), "{eth1}");
    let eth0 = h.ok(&["exec", "twice", "ip", "-4", "-o", "addr", "show", "eth0"]);
    assert!(eth0.contains("10.89.76."), "{eth0}");
    let hostname = h.ok(&["exec", "twice", "cat", "/etc/hostname"]);
    // By name from `left`, by its alias on `right` (the alias is right's only).
    for (net, url) in [
        ("left", "http://twice:8080/hostname"),
        ("right", "http://api:8080/hostname"),
    ] {
        let out = h.output(&[
            "run",
            "--rm",
            "--network",
            net,
            "--rootfs",
            rootfs(),
            "timeout",
            "10",
            "wget",
            "-q",
            "-O-",
            url,
        ]);
        assert_eq!(stdout(&out), hostname, "{net}: {}", stderr(&out));
    }
    let out = h.output(&[
        "run",
        "--rm",
        "--network",
        "left",
        "--rootfs",
        rootfs(),
        "timeout",
        "5",
        "wget",
        "-q",
        "-O-",
        "http://api:8080/hostname",
    ]);
    assert!(!out.status.success(), "api is an alias on right only");
    // Other modes do not combine: one line, 125, nothing created.
    for other in ["host", "none", "container:twice"] {
        let out = h.output(&[
            "run",
            "--name",
            "mixed",
            "--network",
            "left",
            "--network",
            other,
            "--rootfs",
            rootfs(),
            "true",
        ]);
        assert_eq!(out.status.code(), Some(125), "{other}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(
            e.contains(&format!("--network {other} cannot be given with other"))
                && e.trim().lines().count() == 1,
            "{e}"
        );
        assert!(h.output(&["inspect", "mixed"]).status.code() != Some(0));
    }
    h.ok(&["rm", "-f", "-t", "0", "twice"]);
    h.nothing_left();
}

/// What a UDP echo at 127.0.0.1:`port` sends back to `msg`, asked from a fresh client socket
/// until it answers (the server may not listen yet: datagrams before are lost).
fn udp_echo(port: u16, msg: &[u8]) -> String {
    let sock = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    sock.set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    let mut buf = [0u8; 256];
    let end = Instant::now() + Duration::from_secs(15);
    while Instant::now() < end {
        let _ = sock.send_to(msg, (Ipv4Addr::LOCALHOST, port));
        if let Ok(n) = sock.recv(&mut buf) {
            return String::from_utf8_lossy(&buf[..n]).into_owned();
        }
    }
    String::new()
}

#[test]
fn a_udp_port_of_a_container_on_a_network_is_published_on_the_host() {
    let h = home();
    h.ok(&["network", "create", "udpnet"]);
    let port = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|s| s.local_addr())
        .expect("a free UDP port")
        .port();
    let spec = format!("127.0.0.1:{port}:5353/udp");
    let root = common::rootfs_with_socat().to_str().unwrap();
    h.ok(&[
        "run",
        "-d",
        "--name",
        "uecho",
        "--network",
        "udpnet",
        "-p",
        &spec,
        "--rootfs",
        root,
        "/usr/bin/socat",
        "UDP-RECVFROM:5353,fork",
        "PIPE",
    ]);
    assert_eq!(h.ports("uecho"), format!("5353/udp -> 127.0.0.1:{port}\n"));
    // Through the container's address on the network, and back to each client.
    assert_eq!(udp_echo(port, b"ping-udp"), "ping-udp");
    assert_eq!(udp_echo(port, b"second-client"), "second-client");
    h.ok(&["rm", "-f", "-t", "0", "uecho"]);
    // The host port is given back with the container.
    assert!(wait_for(10, || std::net::UdpSocket::bind((
        Ipv4Addr::LOCALHOST,
        port
    ))
    .is_ok()));
    h.nothing_left();
}

#[test]
fn network_create_mtu_option_sets_the_interfaces_mtu() {
    let h = home();
    h.ok(&["network", "create", "-o", "mtu=9000", "jumbo"]);
    let inspect: serde_json::Value =
        serde_json::from_str(&h.ok(&["network", "inspect", "jumbo"])).unwrap();
    assert_eq!(inspect[0]["options"]["mtu"], "9000", "{inspect}");
    h.ok(&["network", "create", "plain"]);
    let script = "cat /sys/class/net/eth0/mtu";
    let out = h.output(&[
        "run",
        "--rm",
        "--network",
        "jumbo",
        "--rootfs",
        rootfs(),
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(stdout(&out), "9000\n", "{}", stderr(&out));
    // Without the option: slirp4netns's 65520 (README: the rootless bridge never meets a wire).
    let out = h.output(&[
        "run",
        "--rm",
        "--network",
        "plain",
        "--rootfs",
        rootfs(),
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(stdout(&out), "65520\n", "{}", stderr(&out));
    for (opt, needle) in [
        ("mtu=abc", "invalid mtu"),
        ("mtu=70000", "invalid mtu 70000"),
        ("vlan=2", "unsupported bridge network option vlan"),
    ] {
        let out = h.output(&["network", "create", "-o", opt, "bad"]);
        assert_eq!(out.status.code(), Some(125), "{opt}");
        let e = stderr(&out);
        assert!(
            e.contains(needle) && e.trim().lines().count() == 1,
            "{opt}: {e}"
        );
    }
    assert_eq!(
        h.output(&["network", "exists", "bad"]).status.code(),
        Some(1)
    );
    h.nothing_left();
}

#[test]
fn network_ns_path_joins_the_network_namespace_at_the_path() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.77.0/24", "nsnet"]);
    h.web("nsweb", "nsnet", &["--ip", "10.89.77.5"]);
    let pid = h.ok(&["inspect", "--format", "{{.State.Pid}}", "nsweb"]);
    let ns = format!("ns:/proc/{}/ns/net", pid.trim());
    let out = h.output(&[
        "run",
        "--rm",
        "--network",
        &ns,
        "--rootfs",
        rootfs(),
        "sh",
        "-c",
        "ip -4 addr show eth0 && timeout 10 wget -q -O- http://127.0.0.1:8080/hostname",
    ]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("inet 10.89.77.5/24"),
        "{}",
        stdout(&out)
    );
    let inspect = h.ok(&[
        "inspect",
        "--format",
        "{{.HostConfig.NetworkMode}}",
        "nsweb",
    ]);
    assert_eq!(inspect, "bridge\n");
    for (mode, needle) in [
        ("ns:/etc/hostname", "not a network namespace"),
        ("ns:/proc/self/ns/net", "not owned by your user namespace"),
        ("ns:/nonexistent/netns", "cannot open it"),
    ] {
        let out = h.output(&[
            "run",
            "--rm",
            "--network",
            mode,
            "--rootfs",
            rootfs(),
            "true",
        ]);
        assert_eq!(out.status.code(), Some(125), "{mode}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(
            e.contains(needle) && e.trim().lines().count() == 1,
            "{mode}: {e}"
        );
    }
    h.ok(&["rm", "-f", "-t", "0", "nsweb"]);
    h.nothing_left();
}
