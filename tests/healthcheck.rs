//! Healthchecks as podman's: `--health-*` flags and the image's HEALTHCHECK, `nook
//! healthcheck run` (exit 0 healthy, 1 unhealthy), `.State.Health` in inspect, ps's
//! `(healthy)`, and the monitor's periodic checks.

mod common;

use common::home::Home;
use common::podman::with_busybox;
use common::*;

fn run_d(h: &Home, opts: &[&str], cmd: &[&str]) -> String {
    let mut args = vec!["run", "-d", "--network", "none"];
    args.extend_from_slice(opts);
    args.push("--rootfs");
    args.push(rootfs().to_str().unwrap());
    args.extend_from_slice(cmd);
    h.ok(&args).trim().to_string()
}

fn health(h: &Home, name: &str) -> serde_json::Value {
    let out = h.ok(&["inspect", name]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v[0]["State"]["Health"].clone()
}

#[test]
fn healthcheck_run_says_healthy_or_unhealthy_and_inspect_and_ps_show_it() {
    let h = Home::new().private_runtime();
    let name = unique("hc");
    run_d(
        &h,
        &[
            "--name",
            &name,
            "--health-cmd",
            "echo checking; test -e /tmp/ok",
            "--health-interval",
            "disable",
            "--health-retries",
            "2",
        ],
        &["sleep", "600"],
    );
    assert_eq!(health(&h, &name)["Status"], "starting");
    assert!(h.ok(&["ps"]).contains("(starting)"), "{}", h.ok(&["ps"]));
    // One failure of two allowed: the check failed (exit 1), the status stays.
    let out = h.output(&["healthcheck", "run", &name]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "unhealthy\n");
    let hl = health(&h, &name);
    assert_eq!(
        (hl["Status"].as_str(), hl["FailingStreak"].as_u64()),
        (Some("starting"), Some(1))
    );
    let out = h.output(&["healthcheck", "run", &name]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let hl = health(&h, &name);
    assert_eq!(
        (hl["Status"].as_str(), hl["FailingStreak"].as_u64()),
        (Some("unhealthy"), Some(2))
    );
    assert_eq!(hl["Log"][1]["ExitCode"], 1);
    assert_eq!(hl["Log"][1]["Output"], "checking\n");
    assert!(h.ok(&["ps"]).contains("(unhealthy)"), "{}", h.ok(&["ps"]));
    // Healthy at once on a success.
    h.ok(&["exec", &name, "touch", "/tmp/ok"]);
    let out = h.output(&["healthcheck", "run", &name]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let hl = health(&h, &name);
    assert_eq!(
        (hl["Status"].as_str(), hl["FailingStreak"].as_u64()),
        (Some("healthy"), Some(0))
    );
    assert_eq!(hl["Log"].as_array().unwrap().len(), 3);
    let ps = h.ok(&["ps", "--format", "{{.Names}} {{.Status}}"]);
    assert!(
        ps.contains(&format!("{name} Up ")) && ps.contains("(healthy)"),
        "{ps}"
    );
    // The check's config, as inspect shows it.
    let out = h.ok(&["inspect", "--format", "{{.Config.Healthcheck.Test}}", &name]);
    assert!(out.contains("CMD-SHELL"), "{out}");
    h.ok(&["rm", "-f", "-t", "0", &name]);
}

#[test]
fn no_healthcheck_bad_flags_and_timeouts() {
    let h = Home::new().private_runtime();
    let name = unique("nohc");
    run_d(&h, &["--name", &name], &["sleep", "600"]);
    let out = h.output(&["healthcheck", "run", &name]);
    let err = failed(&out, "no defined healthcheck");
    assert_eq!(
        (out.status.code(), err.lines().count()),
        (Some(125), 1),
        "{err}"
    );
    assert!(health(&h, &name).is_null());
    h.ok(&["rm", "-f", "-t", "0", &name]);
    // A flag that makes no sense: one line, nothing left behind.
    let before = h.containers();
    let out = h.output(&[
        "run",
        "-d",
        "--health-cmd",
        "true",
        "--health-interval",
        "soon",
        "--rootfs",
        rootfs().to_str().unwrap(),
        "true",
    ]);
    let err = failed(&out, "--health-interval");
    assert_eq!(
        (out.status.code(), err.lines().count()),
        (Some(125), 1),
        "{err}"
    );
    assert_eq!(h.containers(), before);
    // A check that takes longer than its timeout fails.
    let name = unique("slowhc");
    run_d(
        &h,
        &[
            "--name",
            &name,
            "--health-cmd",
            "sleep 30",
            "--health-timeout",
            "1s",
            "--health-retries",
            "1",
            "--health-interval",
            "disable",
        ],
        &["sleep", "600"],
    );
    let out = h.output(&["healthcheck", "run", &name]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let hl = health(&h, &name);
    assert_eq!(hl["Status"], "unhealthy");
    assert_eq!(hl["Log"][0]["Output"], "Healthcheck command timed out");
    h.ok(&["rm", "-f", "-t", "0", &name]);
}

#[test]
fn the_monitor_checks_every_interval() {
    let h = Home::new().private_runtime();
    let name = unique("periodic");
    run_d(
        &h,
        &[
            "--name",
            &name,
            "--health-cmd",
            "test -e /tmp/ok",
            "--health-interval",
            "1s",
            "--health-retries",
            "1",
        ],
        &["sh", "-c", "sleep 2; touch /tmp/ok; sleep 600"],
    );
    assert!(
        wait_for(30, || health(&h, &name)["Status"] == "healthy"),
        "{}",
        health(&h, &name)
    );
    h.ok(&["rm", "-f", "-t", "0", &name]);
}

#[test]
fn the_images_healthcheck_is_used_unless_turned_off() {
    let h = with_busybox();
    let ctx = tempfile::Builder::new()
        .prefix("hc-")
        .tempdir_in(scratch())
        .unwrap();
    std::fs::write(
        ctx.path().join("Containerfile"),
        "FROM docker.io/library/busybox\nHEALTHCHECK --interval=1s --retries=1 CMD true\n",
    )
    .unwrap();
    let tag = unique("hcimage");
    h.ok(&["build", "-t", &tag, ctx.path().to_str().unwrap()]);
    let name = unique("imghc");
    h.ok(&[
        "run",
        "-d",
        "--network",
        "none",
        "--name",
        &name,
        &tag,
        "sleep",
        "600",
    ]);
    assert!(
        wait_for(30, || health(&h, &name)["Status"] == "healthy"),
        "{}",
        health(&h, &name)
    );
    let off = unique("nohc");
    h.ok(&[
        "run",
        "-d",
        "--network",
        "none",
        "--no-healthcheck",
        "--name",
        &off,
        &tag,
        "sleep",
        "600",
    ]);
    assert!(health(&h, &off).is_null());
    failed(
        &h.output(&["healthcheck", "run", &off]),
        "no defined healthcheck",
    );
    h.ok(&["rm", "-f", "-t", "0", &name, &off]);
}
