//! Networking end to end with the real helpers: every test of the shared suite runs once with
//! slirp4netns and once with pasta (`both!` below). Services listen inside the container;
//! clients on the host connect to 127.0.0.1 only, and the host-loopback server listens on
//! 127.0.0.1 only: no traffic leaves this machine. Every wait is bounded.

mod common;

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Slirp,
    Pasta,
}

impl Backend {
    fn mode(self) -> &'static str {
        match self {
            Backend::Slirp => "slirp4netns",
            Backend::Pasta => "pasta",
        }
    }

    /// The same network, with the host's loopback reachable at the gateway (10.0.2.2).
    fn with_host_loopback(self) -> &'static str {
        match self {
            Backend::Slirp => "slirp4netns:allow_host_loopback=true",
            Backend::Pasta => "pasta:--map-gw",
        }
    }
}

/// Process names of the helpers (pasta re-executes itself as passt or passt.avx2).
const HELPERS: [&str; 4] = ["slirp4netns", "pasta", "passt", "passt.avx2"];

/// (state, parent pid, command name) of a process, None once it is gone.
fn stat(pid: i32) -> Option<(char, i32, String)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let comm = text[open + 1..close].to_string();
    let mut rest = text[close + 2..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some((state, ppid, comm))
}

/// Network helpers started by the nook process `pid`.
fn helpers_of(pid: u32) -> Vec<i32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|p| {
            stat(*p).is_some_and(|(state, ppid, comm)| {
                ppid == pid as i32 && state != 'Z' && HELPERS.contains(&comm.as_str())
            })
        })
        .collect()
}

/// nook's port forwarder helpers (`nook __portfwd`, slirp4netns only) started by `pid`.
fn forwarders_of(pid: u32) -> Vec<i32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|p| {
            stat(*p).is_some_and(|(state, ppid, _)| ppid == pid as i32 && state != 'Z')
                && std::fs::read(format!("/proc/{p}/cmdline"))
                    .is_ok_and(|c| c.split(|b| *b == 0).any(|a| a == b"__portfwd"))
        })
        .collect()
}

/// A process that has exited (a zombie nobody reaped yet counts as gone).
fn gone(pid: i32) -> bool {
    stat(pid).is_none_or(|(state, _, _)| state == 'Z' || state == 'X')
}

/// A container running in the background; killed if the test ends early.
struct Bg {
    child: Option<Child>,
}

impl Bg {
    fn spawn(opts: &[&str], root: &Path, script: &str) -> Bg {
        let child = nook()
            .arg("run")
            .arg("--rm")
            .args(opts)
            .arg("--rootfs")
            .arg(root)
            .args(["sh", "-c", script])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn nook");
        Bg { child: Some(child) }
    }

    fn exited(&mut self) -> bool {
        self.child
            .as_mut()
            .is_none_or(|c| matches!(c.try_wait(), Ok(Some(_))))
    }

    fn pid(&self) -> u32 {
        self.child.as_ref().map(|c| c.id()).unwrap_or(0)
    }

    /// Wait (at most 20 s) for the container to end.
    fn finish(mut self) -> Output {
        let mut child = self.child.take().expect("running");
        let end = Instant::now() + Duration::from_secs(20);
        while Instant::now() < end {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        child.wait_with_output().expect("wait for nook")
    }
}

impl Drop for Bg {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// The host port `nook port NAME CTRPORT` reports, waiting for the container to exist.
fn host_port_of(name: &str, ctr: &str) -> u16 {
    let mut found = None;
    assert!(
        wait_for(10, || {
            let out = nook()
                .args(["port", name, ctr])
                .output()
                .expect("nook port");
            found = stdout(&out)
                .trim()
                .rsplit_once(':')
                .and_then(|(_, p)| p.parse().ok());
            found.is_some()
        }),
        "nook port {name} {ctr} never answered"
    );
    found.unwrap_or(0)
}

/// Connect to 127.0.0.1:port and read to the end, until something arrives (the helper may
/// accept before the service in the container listens: then the connection closes empty).
fn tcp_read(port: u16) -> String {
    tcp_read_at(Ipv4Addr::LOCALHOST, port)
}

/// `tcp_read` at another of the host's addresses.
fn tcp_read_at(ip: Ipv4Addr, port: u16) -> String {
    let end = Instant::now() + Duration::from_secs(10);
    while Instant::now() < end {
        if let Ok(mut s) =
            TcpStream::connect_timeout(&SocketAddr::from((ip, port)), Duration::from_secs(2))
        {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let mut got = String::new();
            let _ = s.read_to_string(&mut got);
            if !got.is_empty() {
                return got;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    String::new()
}

/// A free port on the host's loopback (held by the returned listener).
fn held_tcp_port() -> (TcpListener, u16) {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    let port = l.local_addr().expect("addr").port();
    (l, port)
}

fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "nook failed ({:?}): stdout {} stderr {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
}

// ------------------------------------------------------------------ the shared suite

fn interface_route_and_dns(b: Backend) {
    let out = sh(
        &["--network", b.mode()],
        "ip -4 addr show tap0; ip route; cat /etc/resolv.conf",
    );
    assert!(out.contains("inet 10.0.2.100/24"), "{out}");
    assert!(out.contains("default via 10.0.2.2 dev tap0"), "{out}");
    assert!(out.contains("nameserver 10.0.2.3"), "{out}");
    let out = sh(
        &[
            "--network",
            b.mode(),
            "--dns",
            "192.0.2.53",
            "--dns-search",
            "example.test",
            "--dns-option",
            "ndots:2",
        ],
        "cat /etc/resolv.conf",
    );
    assert_eq!(
        out,
        "search example.test\nnameserver 192.0.2.53\noptions ndots:2\n"
    );
}

fn tcp_port_answers(b: Backend) {
    let name = unique("tcp");
    let bg = Bg::spawn(
        &[
            "--network",
            b.mode(),
            "--name",
            &name,
            "-p",
            "127.0.0.1::8080",
        ],
        rootfs(),
        "echo hello-tcp | timeout 15 nc -l -p 8080",
    );
    let port = host_port_of(&name, "8080/tcp");
    assert_eq!(tcp_read(port).trim(), "hello-tcp");
    let helpers = helpers_of(bg.pid());
    let out = bg.finish();
    assert_ok(&out);
    assert!(
        wait_for(5, || helpers.iter().all(|p| gone(*p))),
        "helper left: {helpers:?}"
    );
    assert!(!state_of(&name));
}

/// Send `msg` to 127.0.0.1:port every 200 ms until `done` says so (at most 10 s); returns
/// the first reply, if any came.
fn udp_until(port: u16, msg: &[u8], mut done: impl FnMut() -> bool) -> String {
    let sock = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    sock.set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    let mut buf = [0u8; 64];
    let end = Instant::now() + Duration::from_secs(10);
    while !done() && Instant::now() < end {
        let _ = sock.send_to(msg, (Ipv4Addr::LOCALHOST, port));
        if let Ok(n) = sock.recv(&mut buf) {
            return String::from_utf8_lossy(&buf[..n]).into_owned();
        }
    }
    String::new()
}

fn udp_port_answers(b: Backend) {
    // A datagram from a client on the host reaches the service in the container.
    let name = unique("udp");
    let mut bg = Bg::spawn(
        &[
            "--network",
            b.mode(),
            "--name",
            &name,
            "-p",
            "127.0.0.1::5353/udp",
        ],
        rootfs_with_socat(),
        "timeout 15 /usr/bin/socat -u UDP-RECVFROM:5353 STDOUT",
    );
    let port = host_port_of(&name, "5353/udp");
    udp_until(port, b"hello-udp", || bg.exited());
    let out = bg.finish();
    assert_ok(&out);
    assert_eq!(stdout(&out), "hello-udp");
    // The service's answer reaches the client. A client on the host's loopback appears in
    // the container as the gateway (slirp4netns) or as 127.0.0.1 (pasta): libslirp drops
    // replies to the gateway unless the host's loopback is allowed, and pasta 2023-03 loses
    // replies of such spliced flows, so this half runs with slirp4netns only.
    if b == Backend::Slirp {
        let name = unique("udp-echo");
        let bg = Bg::spawn(
            &[
                "--network",
                b.with_host_loopback(),
                "--name",
                &name,
                "-p",
                "127.0.0.1::5353/udp",
            ],
            rootfs_with_socat(),
            "timeout 15 /usr/bin/socat -T 2 UDP-LISTEN:5353 PIPE",
        );
        let port = host_port_of(&name, "5353/udp");
        assert_eq!(udp_until(port, b"echo-udp", || false), "echo-udp");
        assert_ok(&bg.finish());
    }
}

fn two_containers_publish_at_once(b: Backend) {
    let (a, c) = (unique("two-a"), unique("two-b"));
    let first = Bg::spawn(
        &["--network", b.mode(), "--name", &a, "-p", "127.0.0.1::80"],
        rootfs(),
        "echo from-a | timeout 15 nc -l -p 80",
    );
    let second = Bg::spawn(
        &["--network", b.mode(), "--name", &c, "-p", "127.0.0.1::80"],
        rootfs(),
        "echo from-b | timeout 15 nc -l -p 80",
    );
    let (pa, pb) = (host_port_of(&a, "80"), host_port_of(&c, "80"));
    assert_ne!(pa, pb);
    assert_eq!(tcp_read(pb).trim(), "from-b");
    assert_eq!(tcp_read(pa).trim(), "from-a");
    assert_ok(&first.finish());
    assert_ok(&second.finish());
}

fn port_in_use_fails_cleanly(b: Backend) {
    let (_held, port) = held_tcp_port();
    let udp = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    let uport = udp.local_addr().expect("addr").port();
    for spec in [
        format!("127.0.0.1:{port}:80"),
        format!("127.0.0.1:{uport}:53/udp"),
    ] {
        let name = unique("inuse");
        let out = nook()
            .args([
                "run",
                "--rm",
                "--network",
                b.mode(),
                "--name",
                &name,
                "-p",
                &spec,
                "--rootfs",
            ])
            .arg(rootfs())
            .arg("true")
            .output()
            .expect("nook");
        // podman's status (126) and words ("PORT...address already in use").
        assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("address already in use"), "{err}");
        assert!(
            err.contains(&spec.split(':').nth(1).unwrap_or("?").to_string()),
            "{err}"
        );
        assert!(!state_of(&name), "nothing left behind");
    }
}

/// The local addresses (`/proc/net/tcp` hex, e.g. `0100007F`) that listen on TCP `port`, IPv4
/// and IPv6.
fn listening_on(port: u16) -> Vec<String> {
    let mut found = Vec::new();
    for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            let Some((addr, p)) = f.get(1).and_then(|a| a.split_once(':')) else {
                continue;
            };
            // State 0A: LISTEN.
            if f.get(3) == Some(&"0A") && u16::from_str_radix(p, 16) == Ok(port) {
                found.push(addr.to_string());
            }
        }
    }
    found
}

/// A host port nothing listens on right now.
fn free_tcp_port() -> u16 {
    held_tcp_port().1
}

/// `-p 127.0.0.1:PORT:80` listens on loopback only (another loopback address, 127.0.0.2, is
/// refused); `-p PORT:80` on all addresses, as the README and `--help` say.
fn loopback_publish_is_loopback_only(b: Backend) {
    let port = free_tcp_port();
    let name = unique("lo-only");
    let spec = format!("127.0.0.1:{port}:80");
    let bg = Bg::spawn(
        &["--network", b.mode(), "--name", &name, "-p", &spec],
        rootfs(),
        "echo loopback-only | timeout 15 nc -l -p 80",
    );
    assert_eq!(host_port_of(&name, "80"), port);
    assert!(
        wait_for(10, || !listening_on(port).is_empty()),
        "nothing listens on {port}"
    );
    let addrs = listening_on(port);
    assert!(addrs.iter().all(|a| a == "0100007F"), "{spec}: {addrs:?}");
    let other = SocketAddr::from((Ipv4Addr::new(127, 0, 0, 2), port));
    let refused = TcpStream::connect_timeout(&other, Duration::from_secs(2));
    assert!(refused.is_err(), "{spec} accepted a connection to {other}");
    assert_eq!(tcp_read(port).trim(), "loopback-only");
    assert_ok(&bg.finish());

    let port = free_tcp_port();
    let name = unique("all-addr");
    let spec = format!("{port}:80");
    let bg = Bg::spawn(
        &["--network", b.mode(), "--name", &name, "-p", &spec],
        rootfs(),
        "echo all-addresses | timeout 15 nc -l -p 80",
    );
    assert_eq!(host_port_of(&name, "80"), port);
    assert_eq!(
        tcp_read_at(Ipv4Addr::new(127, 0, 0, 2), port).trim(),
        "all-addresses"
    );
    assert_ok(&bg.finish());
}

fn host_loopback_only_when_allowed(b: Backend) {
    let (listener, port) = held_tcp_port();
    listener.set_nonblocking(true).expect("nonblocking");
    let server = std::thread::spawn(move || {
        let mut served = 0;
        let end = Instant::now() + Duration::from_secs(20);
        while Instant::now() < end && served < 1 {
            match listener.accept() {
                Ok((mut s, _)) => {
                    let _ = s.write_all(b"host-hello\n");
                    served += 1;
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        served
    });
    let script = format!("timeout 5 nc 10.0.2.2 {port} </dev/null; echo done");
    // pasta without --map-gw would send a connection to 10.0.2.2 out of this machine as
    // ordinary traffic: only slirp4netns, which refuses it itself, is tried by default.
    if b == Backend::Slirp {
        let out = sh(&["--network", b.mode()], &script);
        assert!(!out.contains("host-hello"), "{out}");
    }
    let out = sh(&["--network", b.with_host_loopback()], &script);
    assert!(out.contains("host-hello"), "{out}");
    assert_eq!(server.join().expect("server"), 1);
}

fn hosts_and_add_host_resolve(b: Backend) {
    let out = sh(
        &[
            "--network",
            b.mode(),
            "-h",
            "box",
            "--add-host",
            "db:127.0.0.1",
        ],
        "(echo via-db | nc -l -p 7000 &); (echo via-box | nc -l -p 7001 &); sleep 0.3; \
         timeout 5 nc db 7000; timeout 5 nc box 7001; cat /etc/hosts",
    );
    let l: Vec<&str> = out.lines().collect();
    assert_eq!(l[0], "via-db", "{out}");
    assert_eq!(l[1], "via-box", "{out}");
    // The host name, then the container's name, as podman writes them.
    assert!(out.contains("10.0.2.100\tbox nook-"), "{out}");
    assert!(out.contains("127.0.0.1\tdb\n"), "{out}");
}

fn sigkill_of_nook_ends_the_helper(b: Backend) {
    let marker = unique("netkill");
    let bg = Bg::spawn(
        &["--network", b.mode(), "-p", "127.0.0.1::80"],
        rootfs(),
        &format!("exec sh -c 'sleep 60; : {marker}'"),
    );
    let mut helpers = Vec::new();
    assert!(wait_for(10, || {
        helpers = helpers_of(bg.pid());
        !helpers.is_empty()
    }));
    assert!(wait_for(10, || !processes_with(&marker).is_empty()));
    // With slirp4netns, nook's own forwarder publishes the TCP port (it starts once
    // slirp4netns is ready): it must go too.
    let mut forwarders = Vec::new();
    if b == Backend::Slirp {
        assert!(
            wait_for(10, || {
                forwarders = forwarders_of(bg.pid());
                !forwarders.is_empty()
            }),
            "no port forwarder"
        );
    } else {
        assert_eq!(forwarders_of(bg.pid()), Vec::<i32>::new());
    }
    helpers.extend(forwarders);
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(bg.pid() as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .expect("kill");
    let _ = bg.finish();
    assert!(
        wait_for(10, || helpers.iter().all(|p| gone(*p))),
        "helper survived nook: {helpers:?}"
    );
    assert!(wait_for(10, || processes_with(&marker).is_empty()));
}

fn tcp_bulk_both_ways_and_half_close(b: Backend) {
    // 8 MiB out and back through the published port: both directions carry every byte in
    // order, and the client's end of input (shutdown for writing) reaches the service, whose
    // end then reaches the client.
    let name = unique("bulk");
    let bg = Bg::spawn(
        &[
            "--network",
            b.mode(),
            "--name",
            &name,
            "-p",
            "127.0.0.1::7000",
        ],
        rootfs_with_socat(),
        // -t 20: after the client's end of input, socat keeps sending what the pipe still holds
        // for up to 20 s (its default, 0.5 s, cut the echo short on a loaded machine). The
        // service lives up to 90 s: a CI machine running two test threads beside it once
        // took long enough to cut the echo short at 30.
        "timeout 90 /usr/bin/socat -t 20 TCP-LISTEN:7000 PIPE",
    );
    let port = host_port_of(&name, "7000");
    let data: Vec<u8> = (0..8u32 << 20).map(|i| (i % 251) as u8).collect();
    let mut echoed = Vec::new();
    let mut how = String::new();
    let end = Instant::now() + Duration::from_secs(20);
    while echoed.is_empty() && Instant::now() < end {
        let Ok(mut s) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        let began = Instant::now();
        let mut w = s.try_clone().expect("clone");
        let out = data.clone();
        let writer = std::thread::spawn(move || {
            let ok = w.write_all(&out).is_ok();
            let _ = w.shutdown(std::net::Shutdown::Write);
            ok
        });
        let mut got = Vec::new();
        let read = s.read_to_end(&mut got);
        let wrote = writer.join();
        if got.is_empty() {
            // The service did not listen yet: the connection was accepted, then closed.
            std::thread::sleep(Duration::from_millis(100));
            continue;
        }
        how = format!(
            "read: {:?}, all written: {wrote:?}, after {:?}",
            read.map(drop),
            began.elapsed()
        );
        echoed = got;
    }
    assert_eq!(echoed.len(), data.len(), "{how}");
    assert!(echoed == data, "the bytes came back changed");
    assert_ok(&bg.finish());
}

fn nothing_listening_ends_the_connection(b: Backend) {
    // Published, but nothing listens inside: a client's connection ends (closed or reset)
    // without data, at once, and keeps doing so.
    let name = unique("refused");
    let bg = Bg::spawn(
        &["--network", b.mode(), "--name", &name, "-p", "127.0.0.1::9"],
        rootfs(),
        "sleep 3",
    );
    let port = host_port_of(&name, "9");
    for _ in 0..3 {
        let started = Instant::now();
        if let Ok(mut s) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) {
            s.set_read_timeout(Some(Duration::from_secs(5)))
                .expect("timeout");
            let mut buf = [0u8; 16];
            match s.read(&mut buf) {
                Ok(n) => assert_eq!(n, 0, "data from nowhere"),
                Err(e) => assert!(
                    matches!(
                        e.kind(),
                        std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
                    ),
                    "{e}"
                ),
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "the connection hung"
        );
    }
    drop(bg);
}

/// A home of this test process's own (common::home::Home) whose store holds
/// `localhost/entry:1` from scripts/testimages.py, whose config exposes 8080/tcp. Loaded once,
/// and, as a static, never dropped (scripts/test.sh removes the temporary directory).
fn entry_home() -> &'static home::Home {
    static HOME: OnceLock<home::Home> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = home::Home::new();
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

/// `-P` publishes the image's ExposedPorts on free host ports, which `nook port` reports.
fn publish_all_publishes_the_exposed_ports(b: Backend) {
    let name = unique("pub-all");
    let child = entry_home()
        .nook()
        .args(["run", "--rm", "--network", b.mode(), "--name", &name, "-P"])
        .args(["--entrypoint", "sh", "localhost/entry:1", "-c"])
        .arg("echo exposed | timeout 15 nc -l -p 8080")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nook");
    let bg = Bg { child: Some(child) };
    let port = host_port_of(&name, "8080");
    assert_ne!(
        port, 8080,
        "-P must choose a free host port, not the container's"
    );
    assert_eq!(tcp_read(port).trim(), "exposed");
    assert_ok(&bg.finish());
}

macro_rules! both {
    ($($test:ident),* $(,)?) => {
        mod slirp4netns {
            $( #[test] fn $test() { super::$test(super::Backend::Slirp) } )*
        }
        mod pasta {
            $( #[test] fn $test() { super::$test(super::Backend::Pasta) } )*
        }
    };
}

both!(
    interface_route_and_dns,
    tcp_port_answers,
    udp_port_answers,
    two_containers_publish_at_once,
    port_in_use_fails_cleanly,
    loopback_publish_is_loopback_only,
    host_loopback_only_when_allowed,
    hosts_and_add_host_resolve,
    sigkill_of_nook_ends_the_helper,
    tcp_bulk_both_ways_and_half_close,
    nothing_listening_ends_the_connection,
    publish_all_publishes_the_exposed_ports,
);

// ------------------------------------------------------------------ defaults and errors

#[test]
fn default_network_is_slirp4netns() {
    let name = unique("default");
    let bg = Bg::spawn(
        &["--name", &name],
        rootfs(),
        "ip -4 addr show tap0; sleep 1",
    );
    let mut helpers = Vec::new();
    assert!(wait_for(10, || {
        helpers = helpers_of(bg.pid());
        !helpers.is_empty()
    }));
    let comm = helpers.first().and_then(|p| stat(*p)).map(|s| s.2);
    assert_eq!(comm.as_deref(), Some("slirp4netns"));
    let out = bg.finish();
    assert_ok(&out);
    assert!(stdout(&out).contains("10.0.2.100"), "{}", stdout(&out));
    assert_eq!(stderr(&out), "", "nothing on stderr");
}

#[test]
fn bad_port_specs_are_one_line_125() {
    for spec in [
        "99999:80",
        "8080:80/sctp",
        "8000-8002:80",
        "a:b",
        "1.2.3:80:80",
    ] {
        let name = unique("badport");
        let out = nook()
            .args(["run", "--rm", "--name", &name, "-p", spec, "--rootfs"])
            .arg(rootfs())
            .arg("true")
            .output()
            .expect("nook");
        assert_eq!(out.status.code(), Some(125), "{spec}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("Error: invalid port spec"), "{err}");
        assert!(!state_of(&name));
    }
    let out = run(&["--network", "none", "-p", "8080:80"], &["true"]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
}

/// nook in a user and mount namespace of its own where `hide` (shell commands run as that
/// namespace's root) changed what it sees of the host.
fn nook_with(hide: &str, args: &str) -> Output {
    let script = format!(
        "{hide} && exec {} run --rm {args} --rootfs {} sh -c 'cat /proc/net/dev'",
        nook_bin().display(),
        rootfs().display()
    );
    Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .env("NOOK_SUBUID_FILE", "/dev/null")
        .env("NOOK_SUBGID_FILE", "/dev/null")
        .stdin(Stdio::null())
        .output()
        .expect("unshare from util-linux")
}

const HIDE_SLIRP: &str = "mount --bind /dev/null /usr/bin/slirp4netns";
const HIDE_PASTA: &str = "mount --bind /dev/null /usr/bin/pasta";
const HIDE_TUN: &str = "mount -t tmpfs none /dev/net";

#[test]
fn missing_helper_or_tun_is_one_line_125() {
    for (hide, network, want) in [
        (HIDE_SLIRP, "slirp4netns", "apt-get install slirp4netns"),
        (HIDE_PASTA, "pasta", "apt-get install passt"),
        (HIDE_TUN, "slirp4netns", "/dev/net/tun"),
        (HIDE_TUN, "pasta", "/dev/net/tun"),
    ] {
        let name = unique("missing");
        let out = nook_with(hide, &format!("--name {name} --network {network}"));
        assert_eq!(out.status.code(), Some(125), "{hide}: {}", stderr(&out));
        let err = stderr(&out);
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("Error:")).collect();
        assert_eq!(errors.len(), 1, "{err}");
        assert!(errors[0].contains(want), "{err}");
        assert!(!state_of(&name));
    }
}

#[test]
fn without_helpers_the_default_is_none_with_one_info_line() {
    let out = nook_with(&format!("{HIDE_SLIRP} && {HIDE_PASTA}"), "");
    assert_ok(&out);
    let err = stderr(&out);
    let infos: Vec<&str> = err.lines().filter(|l| l.starts_with("Info:")).collect();
    assert_eq!(infos.len(), 1, "{err}");
    assert!(infos[0].contains("no network"), "{err}");
    assert!(!stdout(&out).contains("tap0"), "{}", stdout(&out));
}
