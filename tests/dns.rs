//! `nook __dns`, the container networks' DNS responder, end to end as the test user: real
//! responders on 127.0.0.1 (free ports picked at run time), queried with `dig` and with raw
//! packets; the upstream is a second `nook __dns` with a hosts file of its own.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use common::*;

/// A running `nook __dns`, SIGKILLed when dropped if still running.
struct Responder {
    child: Child,
    port: u16,
}

impl Drop for Responder {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A port free for both UDP and TCP on 127.0.0.1 right now.
fn free_port() -> u16 {
    loop {
        let udp = UdpSocket::bind("127.0.0.1:0").expect("bind UDP");
        let port = udp.local_addr().expect("local address").port();
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

/// Start `nook __dns` on a free port with `hosts` and `extra` arguments; returns once it
/// printed `ready` (another test may take the port in between: then it tries another).
fn start(hosts: &Path, extra: &[String]) -> Responder {
    for _ in 0..5 {
        let port = free_port();
        let mut child = nook()
            .args(["__dns", "--listen", &format!("127.0.0.1:{port}"), "--hosts"])
            .arg(hosts)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn nook __dns");
        let mut line = String::new();
        let out = child.stdout.take().expect("stdout");
        let _ = BufReader::new(out).read_line(&mut line);
        if line.trim() == "ready" {
            return Responder { child, port };
        }
        let done = child.wait_with_output().expect("wait for nook __dns");
        eprintln!("nook __dns did not start: {}", stderr(&done));
    }
    panic!("nook __dns did not start on any of five free ports");
}

fn hosts_file(name: &str, text: &str) -> PathBuf {
    let dir = scratch().join(unique(name));
    std::fs::create_dir_all(&dir).expect("directory of the hosts file");
    let path = dir.join("hosts");
    std::fs::write(&path, text).expect("write the hosts file");
    path
}

/// `dig @127.0.0.1 -p PORT ARGS...`: its whole output.
fn dig(port: u16, args: &[&str]) -> String {
    let out = Command::new("dig")
        .args(["@127.0.0.1", "-p", &port.to_string(), "+tries=1", "+time=5"])
        .args(args)
        .output()
        .expect("dig (package bind9-dnsutils)");
    let text = stdout(&out);
    assert!(out.status.success(), "dig {args:?}: {text}{}", stderr(&out));
    text
}

/// The answers of `dig +short`.
fn short(port: u16, args: &[&str]) -> Vec<String> {
    let mut all = vec!["+short"];
    all.extend_from_slice(args);
    dig(port, &all).lines().map(str::to_string).collect()
}

/// The status of the response (NOERROR, NXDOMAIN...) and whether it was authoritative.
fn status(port: u16, args: &[&str]) -> (String, bool) {
    let out = dig(port, args);
    let status = out
        .split("status: ")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .unwrap_or_else(|| panic!("no status in {out}"));
    let flags = out.split("flags: ").nth(1).unwrap_or_default();
    let aa = flags.split(';').next().unwrap_or_default().contains("aa");
    (status.to_string(), aa)
}

#[test]
fn answers_its_names_and_relays_the_rest_to_an_upstream() {
    let up_hosts = hosts_file("dns-up", "192.0.2.7 outside.example www\n");
    let upstream = start(&up_hosts, &["--domain".into(), "example".into()]);
    let hosts = hosts_file("dns", "10.89.0.2 web api\n10.89.0.3 db\nfd00::3 db\n");
    let dns = start(
        &hosts,
        &["--upstream".into(), format!("127.0.0.1:{}", upstream.port)],
    );
    let p = dns.port;
    for name in ["web", "WEB.dns.podman", "api", "api.dns.podman."] {
        assert_eq!(short(p, &[name]), ["10.89.0.2"], "{name}");
    }
    assert_eq!(short(p, &["+tcp", "db"]), ["10.89.0.3"]);
    assert_eq!(short(p, &["db", "AAAA"]), ["fd00::3"]);
    assert_eq!(short(p, &["-x", "10.89.0.2"]), ["web.dns.podman."]);
    assert_eq!(status(p, &["web"]), ("NOERROR".into(), true));
    assert_eq!(status(p, &["nobody.dns.podman"]), ("NXDOMAIN".into(), true));
    // Outside the zone: the upstream's answers, relayed (not authoritative here: they are
    // the upstream's, which is authoritative for its own).
    assert_eq!(short(p, &["outside.example"]), ["192.0.2.7"]);
    assert_eq!(short(p, &["+tcp", "outside.example"]), ["192.0.2.7"]);
    assert_eq!(status(p, &["nobody.example"]), ("NXDOMAIN".into(), true));
    assert_eq!(
        short(p, &["www"]),
        ["192.0.2.7"],
        "unknown short names go upstream"
    );
    assert!(
        short(upstream.port, &["web"]).is_empty(),
        "the upstream has its own names"
    );
}

#[test]
fn an_upstream_that_does_not_answer_is_servfail() {
    let hosts = hosts_file("dns-down", "10.89.0.2 web\n");
    // A port nothing listens on: the upstream refuses at once.
    let dead = free_port();
    let dns = start(&hosts, &["--upstream".into(), format!("127.0.0.1:{dead}")]);
    assert_eq!(status(dns.port, &["example.com"]).0, "SERVFAIL");
    assert_eq!(short(dns.port, &["web"]), ["10.89.0.2"]);
}

#[test]
fn follows_the_hosts_file_as_it_changes() {
    let hosts = hosts_file("dns-change", "10.89.0.2 web\n");
    let dns = start(&hosts, &[]);
    let p = dns.port;
    assert_eq!(short(p, &["web"]), ["10.89.0.2"]);
    assert_eq!(status(p, &["late.dns.podman"]).0, "NXDOMAIN");
    // Replaced whole (a new file renamed over it), as nook writes it.
    let next = hosts.with_extension("new");
    std::fs::write(&next, "10.89.0.9 web\n10.89.0.5 late\n").expect("write");
    std::fs::rename(&next, &hosts).expect("rename");
    assert_eq!(short(p, &["web"]), ["10.89.0.9"]);
    assert_eq!(short(p, &["late"]), ["10.89.0.5"]);
    // Rewritten in place, same size.
    std::fs::write(&hosts, "10.89.0.8 web\n10.89.0.6 late\n").expect("rewrite");
    assert_eq!(short(p, &["web"]), ["10.89.0.8"]);
    // Rewritten again and again, in place and renamed over it, same size each time and
    // within the same clock tick: each change is seen by the next query (the responder
    // compares the bytes; a stat stamp of inode, size and coarse times would miss some).
    for i in 0..30u8 {
        let text = format!("10.89.0.{} web\n10.89.0.6 late\n", i % 10);
        match i % 2 {
            0 => std::fs::write(&hosts, &text).expect("rewrite"),
            _ => {
                std::fs::write(&next, &text).expect("write");
                std::fs::rename(&next, &hosts).expect("rename");
            }
        }
        assert_eq!(
            short(p, &["web"]),
            [format!("10.89.0.{}", i % 10)],
            "round {i}"
        );
    }
    // Removed: the last names read stay.
    std::fs::remove_file(&hosts).expect("remove");
    assert_eq!(short(p, &["late"]), ["10.89.0.6"]);
}

/// A query for `name` (type A) with this id, as raw bytes.
fn raw_query(id: u16, name: &str) -> Vec<u8> {
    let mut p = id.to_be_bytes().to_vec();
    p.extend_from_slice(&[1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    for label in name.split('.') {
        p.push(label.len() as u8);
        p.extend_from_slice(label.as_bytes());
    }
    p.extend_from_slice(&[0, 0, 1, 0, 1]);
    p
}

#[test]
fn garbage_is_dropped_or_formerr_and_the_responder_goes_on() {
    let hosts = hosts_file("dns-garbage", "10.89.0.2 web\n");
    let dns = start(&hosts, &[]);
    let sock = UdpSocket::bind("127.0.0.1:0").expect("bind");
    sock.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    sock.connect(("127.0.0.1", dns.port)).expect("connect");
    let mut loop_ptr = raw_query(0x4242, "web");
    loop_ptr.truncate(12);
    loop_ptr.extend_from_slice(&[0xC0, 0x0C, 0, 1, 0, 1]);
    let mut response = raw_query(1, "web");
    response[2] |= 0x80;
    let noise: Vec<u8> = (0..1500u32).map(|i| (i * 7919 % 251) as u8).collect();
    for junk in [
        &b""[..],
        b"\x00",
        &[0xFF; 12],
        &response,
        &noise[..],
        &[0xC0; 600],
    ] {
        sock.send(junk).expect("send junk");
    }
    // A name that points at itself: FORMERR under its id, not a hang.
    sock.send(&loop_ptr).expect("send");
    let mut buf = [0u8; 600];
    let mut formerr = false;
    for _ in 0..4 {
        let n = sock.recv(&mut buf).expect("a reply to the looping name");
        if n >= 4 && buf[..2] == [0x42, 0x42] {
            assert_eq!(buf[3] & 0x0F, 1, "FORMERR");
            formerr = true;
            break;
        }
    }
    assert!(formerr, "no FORMERR for the looping name");
    // TCP: a length larger than what follows, then a closed connection; junk.
    for junk in [&[0x13, 0x88, 1, 2, 3][..], &[0, 3, 0xC0, 0x0C, 0]] {
        let mut s = TcpStream::connect(("127.0.0.1", dns.port)).expect("connect TCP");
        s.write_all(junk).expect("write junk");
    }
    assert_eq!(short(dns.port, &["web"]), ["10.89.0.2"]);
    assert_eq!(short(dns.port, &["+tcp", "web"]), ["10.89.0.2"]);
    // And a well-formed raw query after all that.
    sock.send(&raw_query(0x0707, "web")).expect("send");
    let n = sock.recv(&mut buf).expect("answer");
    assert_eq!(&buf[..2], &[7, 7]);
    assert_eq!(&buf[n - 4..n], &[10, 89, 0, 2]);
}

#[test]
fn sigterm_ends_it_with_status_zero_and_nothing_left() {
    let hosts = hosts_file("dns-term", "10.89.0.2 web\n");
    let dir = hosts.parent().expect("directory").to_path_buf();
    let mut dns = start(&hosts, &[]);
    assert_eq!(short(dns.port, &["web"]), ["10.89.0.2"]);
    let pid = Pid::from_raw(dns.child.id() as i32);
    kill(pid, Signal::SIGTERM).expect("SIGTERM");
    let ended = wait_for(10, || matches!(dns.child.try_wait(), Ok(Some(_))));
    assert!(ended, "nook __dns did not end on SIGTERM");
    let status = dns.child.wait().expect("status");
    assert_eq!(status.code(), Some(0));
    let mut err = String::new();
    if let Some(mut e) = dns.child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    assert_eq!(err, "", "nothing said on the way out");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("read the directory")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["hosts"], "no files of its own");
    // The port is free again.
    assert!(UdpSocket::bind(("127.0.0.1", dns.port)).is_ok());
    assert!(TcpListener::bind(("127.0.0.1", dns.port)).is_ok());
}

#[test]
fn bad_arguments_are_one_line_and_125() {
    let hosts = hosts_file("dns-bad", "10.89.0.2 web\n");
    let taken = UdpSocket::bind("127.0.0.1:0").expect("bind");
    let taken = taken.local_addr().expect("address").to_string();
    let h = hosts.to_str().expect("UTF-8 path");
    for (args, needle) in [
        (
            vec!["--listen", "nowhere", "--hosts", h],
            "is not an address",
        ),
        (vec!["--listen", "127.0.0.1:0"], "--hosts"),
        (vec!["--hosts", h], "--listen"),
        (
            vec!["--listen", "127.0.0.1:0", "--hosts", "/nonexistent/hosts"],
            "cannot read the hosts file",
        ),
        (vec!["--listen", &taken, "--hosts", h], "cannot listen on"),
        (
            vec!["--listen", "127.0.0.1:0", "--hosts", h, "--upstream", "x"],
            "is not an address",
        ),
    ] {
        let out = nook()
            .arg("__dns")
            .args(&args)
            .output()
            .expect("run nook __dns");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(125), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}: not ready");
    }
}
