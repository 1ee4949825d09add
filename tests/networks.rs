//! Bridge networks end to end, as the unprivileged user with the real binary: containers on
//! one network reach each other by name and alias (busybox httpd serving its /etc), not
//! across networks; an internal network has no default route; ten containers started at
//! once all find each other in /etc/hosts; the rootless network namespace (its `__netns`
//! manager and slirp4netns) is gone after the last container, and rebuilt after a SIGKILL;
//! bad input fails in one line with exit 125. Every home has its own runtime directory, so
//! its own rootless namespace. Traffic stays inside the user's namespaces.

mod common;

use std::process::Output;

use common::home::Home;
use common::{stderr, stdout, wait_for};

fn home() -> Home {
    Home::new().private_runtime()
}

fn rootfs() -> &'static str {
    common::rootfs().to_str().unwrap()
}

impl Home {
    /// `nook run --rm --network NET OPTS --rootfs BUSYBOX sh -c SCRIPT`.
    fn on(&self, net: &str, opts: &[&str], script: &str) -> Output {
        let mut all = vec!["run", "--rm", "--network", net];
        all.extend_from_slice(opts);
        all.extend_from_slice(&["--rootfs", rootfs(), "sh", "-c", script]);
        self.output(&all)
    }

    /// The address `name` resolves to through DNS from inside `client` (busybox nslookup,
    /// asking the name server of the container's resolv.conf).
    fn lookup(&self, client: &str, name: &str) -> Option<String> {
        let out = self.output(&["exec", client, "timeout", "10", "nslookup", name]);
        let text = stdout(&out);
        // The answer follows the server's own lines: the last Address line.
        let addr = text
            .lines()
            .filter_map(|l| l.strip_prefix("Address:"))
            .map(|a| a.split_whitespace().next().unwrap_or("").to_string())
            .next_back();
        (out.status.success() && text.contains("Name:"))
            .then_some(addr)
            .flatten()
    }

    fn manager(&self) -> i32 {
        let state = std::fs::read_to_string(self.runtime_dir().join("netns/state.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&state).unwrap();
        v["manager"][0].as_i64().expect("a manager") as i32
    }
}

fn ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: ({:?}) {}{}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
    stdout(out)
}

#[test]
fn containers_reach_each_other_by_name_and_alias_and_not_across_networks() {
    let h = home();
    assert_eq!(
        h.ok(&["network", "create", "--subnet", "10.89.50.0/24", "front"]),
        "front\n"
    );
    h.ok(&["network", "create", "back"]);
    h.web(
        "web",
        "front",
        &["--network-alias", "www", "--ip", "10.89.50.10"],
    );
    let got = ok(
        &h.on(
            "front",
            &[],
            "timeout 10 wget -q -O- http://web:8080/hostname && timeout 10 wget -q -O- http://www:8080/hostname",
        ),
        "client on front",
    );
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines.len(), 2, "{got}");
    assert_eq!(lines[0], lines[1]);
    assert!(!lines[0].is_empty());
    // The same address from the other network: no way across.
    let out = h.on(
        "back",
        &[],
        "timeout 3 wget -q -O- http://10.89.50.10:8080/hostname",
    );
    assert!(!out.status.success(), "reached across: {}", stdout(&out));
    let inspect = h.ok(&["network", "inspect", "front"]);
    assert!(
        inspect.contains("\"subnet\": \"10.89.50.0/24\""),
        "{inspect}"
    );
    assert!(
        inspect.contains("\"network_interface\": \"nook-"),
        "{inspect}"
    );
    let info = h.ok(&["info"]);
    assert!(info.contains("rootless netns: running true"), "{info}");
    h.ok(&["rm", "-f", "web"]);
    h.nothing_left();
    assert_eq!(h.ok(&["network", "rm", "front", "back"]), "front\nback\n");
}

#[test]
fn containers_resolve_each_other_through_the_networks_dns() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.70.0/24", "named"]);
    h.web(
        "dweb",
        "named",
        &["--network-alias", "dalias", "--ip", "10.89.70.10"],
    );
    h.ok(&[
        "run",
        "-d",
        "--name",
        "client",
        "--network",
        "named",
        "--rootfs",
        rootfs(),
        "sleep",
        "300",
    ]);
    let resolv = h.ok(&["exec", "client", "cat", "/etc/resolv.conf"]);
    assert!(resolv.contains("nameserver 10.89.70.1\n"), "{resolv}");
    assert!(resolv.contains("search dns.podman"), "{resolv}");
    assert!(!resolv.contains("nameserver 10.0.2.3"), "{resolv}");
    let web = Some("10.89.70.10".to_string());
    assert_eq!(h.lookup("client", "dweb"), web);
    assert_eq!(h.lookup("client", "dalias"), web);
    assert_eq!(h.lookup("client", "dweb.dns.podman"), web);
    // Containers started after the client: each found at once, without restarting the
    // client (`run -d` returns once the manager answered that the network's responder serves
    // its name), and gone at once after `rm`. Twenty rounds, names of one length: the hosts
    // file is rewritten with the same size again and again (a responder that trusted its
    // stat would miss some).
    for i in 0..20 {
        let (name, ip) = (format!("late{i:02}"), format!("10.89.70.{}", 100 + i));
        h.web(&name, "named", &["--ip", &ip]);
        assert_eq!(h.lookup("client", &name), Some(ip), "round {i}");
        h.ok(&["rm", "-f", "-t", "0", &name]);
        assert_eq!(h.lookup("client", &name), None, "round {i}: removed");
    }
    h.web("late", "named", &["--ip", "10.89.70.20"]);
    assert_eq!(h.lookup("client", "late"), Some("10.89.70.20".to_string()));
    let info = h.ok(&["info"]);
    assert!(info.contains(", dns: 1 responders"), "{info}");
    assert_eq!(
        h.netns_processes()
            .iter()
            .filter(|p| std::fs::read_to_string(format!("/proc/{p}/cmdline"))
                .is_ok_and(|c| c.contains("__dns")))
            .count(),
        1,
        "one responder for the network"
    );
    // Gone from DNS once removed.
    h.ok(&["rm", "-f", "-t", "0", "late"]);
    assert_eq!(h.lookup("client", "late"), None);
    h.ok(&["rm", "-f", "-t", "0", "dweb", "client"]);
    h.nothing_left();
}

#[test]
fn a_running_container_connected_to_a_second_network_is_found_there() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.80.0/24", "neta"]);
    h.ok(&["network", "create", "--subnet", "10.89.81.0/24", "netb"]);
    h.web("srv", "neta", &[]);
    h.ok(&[
        "run",
        "-d",
        "--name",
        "peer",
        "--network",
        "netb",
        "--rootfs",
        rootfs(),
        "sleep",
        "300",
    ]);
    assert_eq!(h.lookup("peer", "srv"), None);
    assert_eq!(
        h.ok(&[
            "network",
            "connect",
            "--alias",
            "srvb",
            "--ip",
            "10.89.81.30",
            "netb",
            "srv"
        ]),
        ""
    );
    let at_b = Some("10.89.81.30".to_string());
    assert_eq!(h.lookup("peer", "srv"), at_b);
    assert_eq!(h.lookup("peer", "srvb"), at_b);
    let got = ok(
        &h.output(&[
            "exec",
            "peer",
            "timeout",
            "10",
            "wget",
            "-q",
            "-O-",
            "http://srvb:8080/hostname",
        ]),
        "peer reaches srv on netb",
    );
    assert!(!got.trim().is_empty());
    let inspect: serde_json::Value = serde_json::from_str(&h.ok(&["inspect", "srv"])).unwrap();
    let on = &inspect[0]["NetworkSettings"]["Networks"];
    assert_eq!(on["netb"]["IPAddress"], "10.89.81.30", "{on}");
    assert_eq!(on["netb"]["Gateway"], "10.89.81.1", "{on}");
    assert_eq!(on["netb"]["IPPrefixLen"], 24, "{on}");
    assert_eq!(on["netb"]["Aliases"][0], "srvb", "{on}");
    assert!(
        on["neta"]["IPAddress"]
            .as_str()
            .unwrap()
            .starts_with("10.89.80."),
        "{on}"
    );
    let ps = h.ok(&[
        "ps",
        "--filter",
        "name=srv",
        "--format",
        "{{.Names}} {{.Networks}}",
    ]);
    assert_eq!(ps, "srv neta,netb\n");
    let resolv = h.ok(&["exec", "srv", "cat", "/etc/resolv.conf"]);
    assert!(
        resolv.contains("nameserver 10.89.80.1\nnameserver 10.89.81.1\n"),
        "{resolv}"
    );
    let again = h.output(&["network", "connect", "netb", "srv"]);
    assert_eq!(again.status.code(), Some(125));
    assert!(
        stderr(&again).contains("already connected"),
        "{}",
        stderr(&again)
    );
    assert_eq!(h.ok(&["network", "disconnect", "netb", "srv"]), "");
    assert!(wait_for(10, || h.lookup("peer", "srv").is_none()));
    let out = h.output(&["exec", "srv", "ip", "-4", "addr"]);
    assert!(!stdout(&out).contains("10.89.81."), "{}", stdout(&out));
    let inspect: serde_json::Value = serde_json::from_str(&h.ok(&["inspect", "srv"])).unwrap();
    let on = &inspect[0]["NetworkSettings"]["Networks"];
    assert!(on.get("netb").is_none() && on.get("neta").is_some(), "{on}");
    let again = h.output(&["network", "disconnect", "-f", "netb", "srv"]);
    assert_eq!(again.status.code(), Some(125));
    assert!(
        stderr(&again).contains("is not connected to network netb"),
        "{}",
        stderr(&again)
    );
    let missing = h.output(&["network", "connect", "nosuch", "srv"]);
    assert_eq!(missing.status.code(), Some(125));
    assert!(
        stderr(&missing).contains("network not found"),
        "{}",
        stderr(&missing)
    );
    h.ok(&["rm", "-f", "-t", "0", "srv", "peer"]);
    h.nothing_left();
}

#[test]
fn internal_network_has_no_route_out_and_default_network_has_one() {
    let h = home();
    h.ok(&["network", "create", "--internal", "sealed"]);
    let routes = ok(&h.on("sealed", &[], "ip route"), "internal");
    assert!(!routes.contains("default"), "{routes}");
    assert!(routes.contains("eth0"), "{routes}");
    let routes = ok(&h.on("bridge", &[], "ip route"), "bridge");
    assert!(routes.contains("default via 10.88.0.1"), "{routes}");
    assert!(h.ok(&["network", "ls", "-q"]).contains("nook\n"));
    h.nothing_left();
}

#[test]
fn ten_containers_started_at_once_find_each_other() {
    let h = home();
    h.ok(&["network", "create", "ten"]);
    // One container first: the user's namespace holder exists before the ten start (ten
    // first sessions at once may each make a holder, and only one wins: see the report).
    h.web("first", "ten", &[]);
    let names: Vec<String> = (0..10).map(|i| format!("c{i}")).collect();
    let children: Vec<_> = names
        .iter()
        .map(|n| {
            h.nook()
                .args([
                    "run",
                    "-d",
                    "--name",
                    n,
                    "--network",
                    "ten",
                    "--rootfs",
                    rootfs(),
                ])
                .args(["sleep", "120"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let script = names
        .iter()
        .map(|n| format!("grep -qw {n} /etc/hosts"))
        .collect::<Vec<_>>()
        .join(" && ");
    for n in &names {
        let out = h.output(&["exec", n, "sh", "-c", &script]);
        assert!(
            out.status.success(),
            "{n} misses a name: {}",
            h.ok(&["exec", n, "cat", "/etc/hosts"])
        );
    }
    let out = ok(&h.on("ten", &[], "grep -w c9 /etc/hosts"), "an eleventh");
    assert!(out.contains("c9"), "{out}");
    let mut rm = vec!["rm", "-f", "-t", "0", "first"];
    rm.extend(names.iter().map(String::as_str));
    h.ok(&rm);
    h.nothing_left();
    // Removed containers are gone from the others' view, and their addresses free again.
    let hosts = ok(&h.on("ten", &[], "cat /etc/hosts"), "after");
    // A word: a short id may hold "c3" (0c3e8bfb6f49 did).
    assert!(!hosts.split_whitespace().any(|w| w == "c3"), "{hosts}");
}

#[test]
fn a_killed_rootless_namespace_is_rebuilt_by_the_next_run() {
    let h = home();
    h.web("survivor", "bridge", &[]);
    let manager = h.manager();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(manager),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    assert!(
        wait_for(10, || h.netns_processes().is_empty()),
        "SIGKILL left {:?}",
        h.netns_processes()
    );
    let out = ok(
        &h.on("bridge", &[], "ip -4 addr show eth0; ip route"),
        "rebuilt",
    );
    assert!(out.contains("10.88.0."), "{out}");
    assert_ne!(h.manager(), manager);
    h.ok(&["rm", "-f", "-t", "0", "survivor"]);
    h.nothing_left();
}

#[test]
fn bad_input_fails_in_one_line() {
    let h = home();
    h.ok(&["network", "create", "--subnet", "10.89.60.0/24", "one"]);
    let cases: [(&[&str], &str); 6] = [
        (
            &["network", "create", "--subnet", "10.89.60.128/25", "two"],
            "already used",
        ),
        (&["network", "create", "one"], "already exists"),
        (&["network", "inspect", "nosuch"], "network not found"),
        (
            &[
                "run",
                "--rm",
                "--network",
                "nosuch",
                "--rootfs",
                rootfs(),
                "true",
            ],
            "network not found",
        ),
        (
            &[
                "run",
                "--rm",
                "--network",
                "one",
                "--ip",
                "10.1.2.3",
                "--rootfs",
                rootfs(),
                "true",
            ],
            "not in the subnet",
        ),
        (
            &["network", "create", "--gateway", "10.1.1.1", "three"],
            "needs --subnet",
        ),
    ];
    for (args, needle) in cases {
        let out = h.output(args);
        assert_eq!(out.status.code(), Some(125), "{args:?}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(
            e.contains(needle) && e.trim().lines().count() == 1,
            "{args:?}: {e}"
        );
    }
    assert!(!h.ok(&["network", "ls", "-q"]).contains("two"));
    h.web("holder", "one", &["--ip", "10.89.60.7"]);
    let out = h.on("one", &["--ip", "10.89.60.7"], "true");
    assert_eq!(out.status.code(), Some(125));
    assert!(
        stderr(&out).contains("already allocated"),
        "{}",
        stderr(&out)
    );
    let out = h.output(&["network", "rm", "one"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        stderr(&out).contains("network is being used"),
        "{}",
        stderr(&out)
    );
    assert_eq!(h.ok(&["network", "rm", "-f", "one"]), "one\n");
    assert!(h.output(&["inspect", "holder"]).status.code() != Some(0));
    assert_eq!(
        h.output(&["network", "exists", "one"]).status.code(),
        Some(1)
    );
    h.nothing_left();
}
