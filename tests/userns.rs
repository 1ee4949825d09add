//! The user's namespace holder (`host::userns`), end to end as the unprivileged test user: runs
//! with subordinate ranges join one user namespace held by a process of the user's instead of
//! each running newuidmap and newgidmap; the maps are always the plan's; `nook system migrate`,
//! an idle time and a removed runtime directory end the holder; first runs started at once
//! share one holder; the holder keeps new network, UTS and IPC namespaces ready (its spare),
//! which the next run joins instead of making them.

mod common;

use std::path::Path;

use common::home::Home;
use common::*;

/// The holder's pid, from its record in `home`'s runtime directory.
fn holder(home: &Home) -> Option<i32> {
    std::fs::read_to_string(home.runtime_dir().join("userns"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The holder's spare, from its record: (pid, start time).
fn spare(home: &Home) -> Option<(i32, u64)> {
    let text = std::fs::read_to_string(home.runtime_dir().join("userns.spare")).ok()?;
    let (pid, start) = text.trim().split_once(' ')?;
    Some((pid.parse().ok()?, start.parse().ok()?))
}

/// A process's namespace of kind `ns` (`net:[N]`).
fn ns_of(pid: &str, ns: &str) -> String {
    std::fs::read_link(format!("/proc/{pid}/ns/{ns}"))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The parent of `pid`, from its stat.
fn parent_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// What a container sees of its namespaces: net, uts and ipc, then its host name and the
/// loopback's flags.
fn seen_namespaces(home: &Home, extra: &[&str]) -> Vec<String> {
    let out = home
        .nook()
        .args(["run", "--rm"])
        .args(extra)
        .arg("--rootfs")
        .arg(rootfs())
        .args([
            "sh",
            "-c",
            "for n in net uts ipc; do readlink /proc/self/ns/$n; done; hostname; cat /sys/class/net/lo/flags",
        ])
        .output()
        .expect("spawn nook");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().map(str::to_string).collect()
}

fn alive(pid: i32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// The user namespace (`user:[N]`) and the uid map a container sees.
fn ns_and_map(home: &Home, env: &[(&str, &str)]) -> (String, String) {
    let mut c = home.nook();
    for (k, v) in env {
        c.env(k, v);
    }
    c.args(["run", "--rm", "--network", "none", "--rootfs"])
        .arg(rootfs())
        .args([
            "sh",
            "-c",
            "readlink /proc/self/ns/user; cat /proc/self/uid_map",
        ]);
    let out = c.output().expect("spawn nook");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let (ns, map) = text.split_once('\n').expect("two parts");
    (
        ns.to_string(),
        map.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// The holder is there to save running the setuid helpers: without ranges, nothing to test.
fn require_ranges() {
    let has =
        !ranges("/etc/subuid", ids().0).is_empty() && !ranges("/etc/subgid", ids().1).is_empty();
    assert!(
        has,
        "the test user needs /etc/subuid and /etc/subgid ranges (scripts/test.sh makes them)"
    );
}

#[test]
fn runs_join_one_held_namespace_with_the_plans_maps() {
    require_ranges();
    let home = Home::new().private_runtime();
    let (first, map) = ns_and_map(&home, &[]);
    let pid = holder(&home).expect("the first run starts a holder");
    assert!(alive(pid), "the holder outlives the run that started it");
    // Its own session: no terminal's signal (^C, hangup) reaches it.
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    assert_eq!(
        fields[3],
        pid.to_string(),
        "session id of the holder: {stat}"
    );
    let held = std::fs::read_link(format!("/proc/{pid}/ns/user")).unwrap();
    assert_eq!(
        held.to_string_lossy(),
        first,
        "the first run joined the holder's namespace"
    );
    let (second, map2) = ns_and_map(&home, &[]);
    assert_eq!(second, first, "a later run joins the same namespace");
    assert_eq!(map2, map);
    let (uid, _) = ids();
    let (start, count) = ranges("/etc/subuid", uid)[0];
    assert!(
        map.starts_with(&format!("0 {uid} 1 1 {start} {count}")),
        "the container's map: {map}"
    );
    // Turned off: a namespace of its own, mapped the same way.
    let (own, map3) = ns_and_map(&home, &[("NOOK_SHARED_USERNS", "0")]);
    assert_ne!(own, first);
    assert_eq!(map3, map);
    // `nook info` names the holder.
    let info = home.output(&["info"]);
    assert!(
        stdout(&info).contains(&format!("held by PID {pid}")),
        "{}",
        stdout(&info)
    );
    // `nook system migrate` ends it; the next run maps a new namespace.
    let out = home.output(&["system", "migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(wait_for(10, || !alive(pid)), "the holder ended");
    let (after, _) = ns_and_map(&home, &[]);
    assert_ne!(after, first);
    let out = home.output(&["system", "migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_changed_range_never_joins_stale_maps() {
    require_ranges();
    let home = Home::new().private_runtime();
    let (first, _) = ns_and_map(&home, &[]);
    let old = holder(&home).expect("a holder");
    // Half of the user's range: newuidmap accepts it, and the plan's maps differ from the
    // holder's.
    let (uid, gid) = ids();
    let (us, uc) = ranges("/etc/subuid", uid)[0];
    let (gs, gc) = ranges("/etc/subgid", gid)[0];
    let name = user_name();
    let subuid = home.path().join("subuid");
    let subgid = home.path().join("subgid");
    std::fs::write(&subuid, format!("{name}:{us}:{}\n", uc / 2)).unwrap();
    std::fs::write(&subgid, format!("{name}:{gs}:{}\n", gc / 2)).unwrap();
    let env = [
        ("NOOK_SUBUID_FILE", subuid.to_str().unwrap()),
        ("NOOK_SUBGID_FILE", subgid.to_str().unwrap()),
    ];
    let (ns, map) = ns_and_map(&home, &env);
    assert_ne!(ns, first, "the old holder's maps are not the plan's");
    assert_eq!(map, format!("0 {uid} 1 1 {us} {}", uc / 2));
    let new = holder(&home).expect("a new holder");
    assert_ne!(new, old);
    // The old holder sees its record name another and ends by itself.
    assert!(wait_for(15, || !alive(old)), "the replaced holder ended");
    let (again, _) = ns_and_map(&home, &env);
    assert_eq!(again, ns, "the new holder is joined");
    let _ = home.output(&["system", "migrate"]);
    assert!(wait_for(10, || !alive(new)));
}

#[test]
fn the_holder_ends_when_idle_or_when_its_record_is_gone() {
    require_ranges();
    let home = Home::new().private_runtime();
    ns_and_map(&home, &[("NOOK_USERNS_IDLE", "1")]);
    let idle = holder(&home).expect("a holder");
    assert!(
        wait_for(15, || !alive(idle)),
        "an idle holder ends by itself"
    );
    ns_and_map(&home, &[]);
    let pid = holder(&home).expect("a holder");
    assert!(wait_for(5, || spare(&home).is_some()), "a spare is made");
    let (spare_pid, _) = spare(&home).unwrap();
    std::fs::remove_file(home.runtime_dir().join("userns")).unwrap();
    assert!(
        wait_for(15, || !alive(pid)),
        "a holder without a record ends"
    );
    assert!(wait_for(5, || !alive(spare_pid)), "its spare ends with it");
}

#[test]
fn runs_join_new_namespaces_the_holder_made_ahead() {
    require_ranges();
    let home = Home::new().private_runtime();
    ns_and_map(&home, &[]);
    let holder_pid = holder(&home).expect("a holder");
    assert!(
        wait_for(5, || spare(&home).is_some()),
        "the holder made a spare"
    );
    let (first, _) = spare(&home).unwrap();
    assert_eq!(
        parent_of(first),
        Some(holder_pid),
        "the spare is the holder's child"
    );
    let made: Vec<String> = ["net", "uts", "ipc"]
        .iter()
        .map(|ns| ns_of(&first.to_string(), ns))
        .collect();
    for (ns, kind) in made.iter().zip(["net", "uts", "ipc"]) {
        assert_ne!(
            *ns,
            ns_of("self", kind),
            "the spare's {kind} namespace is a new one"
        );
    }
    let seen = seen_namespaces(&home, &["--network", "none", "--hostname", "spare-test"]);
    assert_eq!(seen[..3], made[..], "the run joined the spare's namespaces");
    assert_eq!(seen[3], "spare-test", "the host name is the container's");
    let flags = u32::from_str_radix(seen[4].trim_start_matches("0x"), 16).unwrap();
    assert_eq!(flags & 1, 1, "the loopback is up: flags {}", seen[4]);
    // The run ended the spare it joined, and the holder made the next: new namespaces again.
    assert!(wait_for(5, || !alive(first)), "the joined spare ended");
    assert!(
        wait_for(5, || spare(&home).is_some_and(|(p, _)| p != first)),
        "the holder made the next spare"
    );
    let (second, _) = spare(&home).unwrap();
    // Read before the run below, which ends it.
    let next = ns_of(&second.to_string(), "net");
    let next_uts = ns_of(&second.to_string(), "uts");
    assert_ne!(next, made[0]);
    assert!(!next_uts.is_empty());
    // --network host: the host's network; the spare gives the UTS and IPC namespaces only.
    let seen = seen_namespaces(&home, &["--network", "host"]);
    assert_eq!(
        seen[0],
        ns_of("self", "net"),
        "--network host keeps the host's"
    );
    assert_eq!(seen[1], next_uts);
    assert_ne!(seen[0], next);
    // Turned off with the holder: the run makes its own namespaces, and the spare stays.
    assert!(
        wait_for(5, || spare(&home).is_some_and(|(p, _)| p != second)),
        "the holder made the next spare"
    );
    let (third, _) = spare(&home).unwrap();
    let mut c = home.nook();
    c.env("NOOK_SHARED_USERNS", "0")
        .args(["run", "--rm", "--network", "none", "--rootfs"])
        .arg(rootfs())
        .args(["readlink", "/proc/self/ns/net"]);
    let out = c.output().expect("spawn nook");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(stdout(&out).trim(), ns_of(&third.to_string(), "net"));
    assert_eq!(
        spare(&home).map(|(p, _)| p),
        Some(third),
        "a run of its own leaves the spare alone"
    );
    let out = home.output(&["system", "migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !home.runtime_dir().join("userns.spare").exists(),
        "migrate removed the spare's record"
    );
}

#[test]
fn a_spare_claimed_by_a_run_that_died_is_ended_and_replaced() {
    require_ranges();
    let home = Home::new().private_runtime();
    ns_and_map(&home, &[]);
    assert!(
        wait_for(5, || spare(&home).is_some()),
        "the holder made a spare"
    );
    let (pid, _) = spare(&home).unwrap();
    // What a run that died right after claiming it leaves: the record renamed away, the
    // spare running, never ended.
    let dir = home.runtime_dir();
    std::fs::rename(dir.join("userns.spare"), dir.join("userns.claim.1")).unwrap();
    assert!(
        wait_for(20, || !alive(pid)),
        "the holder ends a spare nobody ended"
    );
    assert!(
        wait_for(5, || spare(&home).is_some_and(|(p, _)| p != pid)),
        "and makes the next"
    );
    let out = home.output(&["system", "migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn first_runs_started_at_once_share_one_holder() {
    require_ranges();
    let home = Home::new().private_runtime();
    ns_and_map(&home, &[]);
    // No holder now: each of the runs below is a first run.
    let out = home.output(&["system", "migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        holder(&home).is_none(),
        "migrate removed the holder's record"
    );
    let runs: Vec<_> = (0..10)
        .map(|_| {
            home.nook()
                .args(["run", "--rm", "--network", "none", "--rootfs"])
                .arg(rootfs())
                .args(["readlink", "/proc/self/ns/user"])
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn nook")
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for run in runs {
        let out = run.wait_with_output().expect("wait for nook");
        assert!(out.status.success(), "{}", stderr(&out));
        seen.insert(stdout(&out).trim().to_string());
    }
    assert_eq!(seen.len(), 1, "the runs' user namespaces: {seen:?}");
    let pid = holder(&home).expect("one of them started a holder");
    let held = std::fs::read_link(format!("/proc/{pid}/ns/user")).unwrap();
    assert!(
        seen.contains(held.to_string_lossy().as_ref()),
        "the holder's namespace {held:?} is the runs' {seen:?}"
    );
    let out = home.output(&["system", "migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
