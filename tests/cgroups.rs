//! Resource limits on a machine without a usable cgroup v2 (this CI: hybrid cgroups, no
//! systemd): a limit is refused with one line and exit 125 and nothing is started or left;
//! without a limit the container runs silently, in its own cgroup namespace. On a cgroup v2
//! machine the expectations follow what it offers (see `expected_refusal`). The cases that
//! need a real systemd user manager run in the VM suite (tests/vm/).

mod common;

use std::path::Path;

use common::*;

fn unified() -> bool {
    Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

fn user_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists())
}

/// The one line nook must print when `flag` is asked here, or None when this machine can
/// enforce limits (a cgroup v2 host with a user bus): then the refusal tests do not apply
/// and say so by failing loudly rather than passing quietly.
fn expected_refusal(flag: &str) -> Option<String> {
    if !unified() {
        return Some(format!(
            "Error: cannot set {flag}: cgroup v1 host: nook sets limits on cgroup v2 only (boot with systemd.unified_cgroup_hierarchy=1)"
        ));
    }
    if !user_bus() {
        return Some(format!(
            "Error: cannot set {flag}: no systemd user session: loginctl enable-linger {} (and log in again), or set DBUS_SESSION_BUS_ADDRESS",
            user_name()
        ));
    }
    None
}

fn refusal(flag: &str) -> String {
    expected_refusal(flag).expect(
        "this machine has cgroup v2 and a user bus: limits are enforced here; run the VM suite (tests/vm/run.sh) for them",
    )
}

#[test]
fn a_limit_is_refused_with_one_line_and_nothing_left() {
    let dir = rootfs_copy("cg-refused");
    let name = unique("cgref");
    let out = nook()
        .args([
            "run", "--rm", "--name", &name, "--memory", "64m", "--rootfs",
        ])
        .arg(&dir)
        .args(["touch", "/started"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    assert_eq!(stderr(&out), format!("{}\n", refusal("--memory")));
    assert!(stdout(&out).is_empty());
    assert!(!dir.join("started").exists(), "the container ran");
    // By name, not by counting: other tests of this file run containers at the same time.
    assert!(!state_of(&name), "state left behind");
    assert!(processes_with(&name).is_empty());
}

#[test]
fn every_limit_flag_is_refused_naming_itself() {
    for (flag, value) in [
        ("--memory", "6m"),
        ("--memory-reservation", "32m"),
        ("--cpus", "0.5"),
        ("--cpu-shares", "512"),
        ("--cpu-weight", "50"),
        ("--cpuset-cpus", "0"),
        ("--pids-limit", "10"),
    ] {
        let out = run(&[flag, value], &["true"]);
        assert_eq!(out.status.code(), Some(125), "{flag}: {}", stderr(&out));
        let shown = if flag == "--cpu-shares" {
            "--cpu-weight"
        } else {
            flag
        };
        assert_eq!(stderr(&out), format!("{}\n", refusal(shown)), "{flag}");
    }
}

#[test]
fn bad_values_are_usage_errors_before_anything_else() {
    for (args, want) in [
        (
            &["--memory", "64x"][..],
            "Error: invalid --memory \"64x\": use a number of bytes with an optional unit, as in 64m or 1g\n",
        ),
        (
            &["--memory-swap", "1g"][..],
            "Error: --memory-swap needs --memory: it is the limit of memory plus swap\n",
        ),
        (
            &["--cpus", "0"][..],
            "Error: invalid --cpus \"0\": use a positive number of CPUs, as in 0.5 or 2\n",
        ),
        (
            &["--pids-limit", "-7"][..],
            "Error: invalid --pids-limit -7: use a positive number, or -1 for no limit\n",
        ),
        (
            &["--device-read-bps", "sda:1m"][..],
            "Error: invalid --device-read-bps \"sda:1m\": the device must be a path under /dev, as in /dev/sda:10mb\n",
        ),
        (
            &["--cgroups=disabled", "--memory", "64m"][..],
            "Error: cannot set --memory with --cgroups=disabled: leave out one or the other\n",
        ),
    ] {
        let out = run(args, &["true"]);
        assert_eq!(out.status.code(), Some(125), "{args:?}");
        assert_eq!(stderr(&out), want, "{args:?}");
    }
}

#[test]
fn without_a_limit_it_runs_silently_in_its_own_cgroup_namespace() {
    let out = run(&[], &["cat", "/proc/self/cgroup"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    assert!(!text.is_empty());
    // Every hierarchy's path is the namespace's root: the cgroup namespace exists.
    for line in text.lines() {
        assert!(line.ends_with(":/"), "{line:?} in {text}");
    }
}

#[test]
fn cgroups_disabled_runs() {
    let out = run(&["--cgroups=disabled"], &["echo", "ok"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "ok\n");
    assert_eq!(stderr(&out), "");
    let out = run(&["--cgroup-manager", "cgroupfs"], &["echo", "ok"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn stats_without_a_cgroup_say_so() {
    if expected_refusal("--stats").is_none() {
        panic!("this machine can give containers a cgroup: --stats is tested in the VM suite");
    }
    let out = run(&["--stats"], &["true"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "stats: not available: the container has no cgroup of its own\n"
    );
}
