//! Containers that live on: run -d and its monitor, create, start, stop, restart, kill, wait,
//! rm, rename, --replace, --cidfile, restart policies, pause; a killed monitor, a wiped
//! runtime directory, many containers at once, and stop/rm/start racing from several shells.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::home::{Home, nothing_left};
use common::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// A home of its own (containers of other tests stay out of its `ps`) and a root of its own.
fn setup(marker: &str) -> (Home, PathBuf) {
    (Home::new().private_runtime(), rootfs_copy(marker))
}

fn run_d(h: &Home, root: &Path, opts: &[&str], cmd: &[&str]) -> String {
    let mut args = vec!["run", "-d"];
    args.extend_from_slice(opts);
    args.push("--rootfs");
    let root = root.to_str().unwrap();
    args.push(root);
    args.extend_from_slice(cmd);
    let id = h.ok(&args).trim().to_string();
    assert_eq!(id.len(), 64, "run -d prints the full ID: {id}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    id
}

/// The record of container `id`, as JSON.
fn record(h: &Home, id: &str) -> serde_json::Value {
    let path = h
        .runtime_dir()
        .join("containers")
        .join(id)
        .join("state.json");
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

/// The monitor of container `id`: its container side, a fork of it, has the same command
/// line but is named `nook-init`.
fn monitor_of(id: &str) -> Vec<i32> {
    processes_with(&format!("__monitor {id}"))
        .into_iter()
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/comm"))
                .is_ok_and(|c| c.trim() != "nook-init")
        })
        .collect()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

#[test]
fn detached_container_lives_stops_starts_and_goes() {
    let marker = unique("life");
    let (h, root) = setup(&marker);
    let script = format!(
        "trap 'exit 5' USR1; : {marker}; echo out; echo err >&2; while :; do sleep 0.1; done"
    );
    let id = run_d(&h, &root, &["--name", &marker], &["sh", "-c", &script]);
    assert_eq!(monitor_of(&id).len(), 1, "one monitor");
    let ps = h.ok(&["ps"]);
    assert!(ps.contains(&marker) && ps.contains("Up"), "{ps}");
    assert!(wait_for(10, || h.ok(&["logs", &marker]) == "out\n"));
    let out = h.output(&["logs", &marker]);
    assert_eq!(stderr(&out), "err\n", "stderr kept apart");
    let r = record(&h, &id);
    assert_eq!(r["status"], "running");
    assert!(r["pid"].as_i64().unwrap() > 0);
    assert!(r["started_ns"].as_u64().is_some());
    assert_eq!(r["log_driver"], "k8s-file");
    // A second start of a running one is refused in one line; so is rm without -f.
    h.fails(&["start", &marker], "already running");
    // rm without -f: podman's exit status 2, in one line.
    let out = h.output(&["rm", &marker]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("as it is running"),
        "{}",
        stderr(&out)
    );
    // The shell as PID 1 has no handler for SIGTERM, which it then ignores: -t 1 kills it
    // after a second.
    assert_eq!(h.ok(&["stop", "-t", "1", &marker]), format!("{marker}\n"));
    assert!(
        monitor_of(&id).is_empty(),
        "the monitor ends with its container"
    );
    assert_eq!(h.ok(&["wait", &marker]), "137\n");
    let r = record(&h, &id);
    assert_eq!(r["status"], "exited");
    assert_eq!(r["exit_code"], 137);
    assert!(r["finished_ns"].as_u64().unwrap() >= r["started_ns"].as_u64().unwrap());
    assert!(h.ok(&["ps", "-a"]).contains("Exited (137)"));
    // Stopping a stopped container is no error, as with podman.
    assert_eq!(h.ok(&["stop", &marker]), format!("{marker}\n"));
    // Started again: same container, the log goes on.
    assert_eq!(h.ok(&["start", &marker]), format!("{marker}\n"));
    assert!(wait_for(10, || h.ok(&["logs", &marker]) == "out\nout\n"));
    assert_eq!(
        h.ok(&["kill", "-s", "USR1", &marker]),
        format!("{marker}\n")
    );
    assert_eq!(h.ok(&["wait", &marker]), "5\n");
    assert_eq!(h.ok(&["restart", &id[..12]]), format!("{id}\n"));
    assert!(h.ok(&["ps"]).contains(&marker));
    assert_eq!(
        h.ok(&["rm", "-f", "-t", "0", &marker]),
        format!("{marker}\n")
    );
    nothing_left(&h, &marker);
}

#[test]
fn create_then_start_attached_gives_the_exit_code() {
    let marker = unique("create");
    let (h, root) = setup(&marker);
    let script = format!(": {marker}; echo hello from $0; exit 7");
    let out = h.ok(&[
        "create",
        "--name",
        &marker,
        "--rootfs",
        root.to_str().unwrap(),
        "sh",
        "-c",
        &script,
    ]);
    let id = out.trim();
    assert_eq!(id.len(), 64);
    assert_eq!(record(&h, id)["status"], "created");
    assert!(processes_with(&marker).is_empty(), "created, not started");
    let out = h.output(&["start", "-a", &marker]);
    assert_eq!(code(&out), Some(7), "{}", stderr(&out));
    assert_eq!(stdout(&out), "hello from sh\n");
    assert_eq!(h.ok(&["wait", &marker]), "7\n");
    h.ok(&["rm", &marker]);
    nothing_left(&h, &marker);
}

#[test]
fn on_failure_2_runs_exactly_three_times() {
    let marker = unique("onfail");
    let (h, root) = setup(&marker);
    let script = format!(": {marker}; echo run; exit 3");
    let id = run_d(
        &h,
        &root,
        &["--restart", "on-failure:2"],
        &["sh", "-c", &script],
    );
    assert_eq!(h.ok(&["wait", &id]), "3\n");
    assert_eq!(h.ok(&["logs", &id]), "run\nrun\nrun\n");
    assert_eq!(record(&h, &id)["restart_count"], 2);
    // A clean exit is not restarted.
    let ok = run_d(&h, &root, &["--restart", "on-failure"], &["true"]);
    assert_eq!(h.ok(&["wait", &ok]), "0\n");
    assert_eq!(record(&h, &ok)["restart_count"], 0);
    // `always` restarts until stopped; stop ends it for good.
    let always = run_d(&h, &root, &["--restart", "always"], &["sh", "-c", "exit 1"]);
    assert!(wait_for(20, || record(&h, &always)["restart_count"]
        .as_u64()
        .unwrap()
        >= 2));
    h.ok(&["stop", "-t", "0", &always]);
    assert!(monitor_of(&always).is_empty());
    h.fails(
        &[
            "run",
            "--rm",
            "--restart",
            "always",
            "--rootfs",
            root.to_str().unwrap(),
            "true",
        ],
        "conflict",
    );
    h.ok(&["rm", "-a", "-f"]);
    nothing_left(&h, &marker);
}

#[test]
fn killed_monitor_takes_its_container_and_says_so() {
    let marker = unique("killmon");
    let (h, root) = setup(&marker);
    let id = run_d(
        &h,
        &root,
        &[],
        &["sh", "-c", &format!(": {marker}; sleep 60; true")],
    );
    let monitor = monitor_of(&id);
    assert_eq!(monitor.len(), 1);
    assert!(wait_for(5, || processes_with(&marker).len() == 1));
    kill(Pid::from_raw(monitor[0]), Signal::SIGKILL).unwrap();
    assert!(
        wait_for(10, || processes_with(&marker).is_empty()),
        "the container dies with its monitor"
    );
    let ps = h.ok(&["ps", "-a"]);
    assert!(ps.contains("Exited (137)"), "never a ghost Up: {ps}");
    let r = record(&h, &id);
    assert_eq!(r["status"], "exited");
    assert!(
        r["exit_reason"]
            .as_str()
            .unwrap()
            .contains("monitor was killed")
    );
    // It can start again. (Waited for: the shell forks `sleep`, and until that child
    // executes it carries the shell's command line too.)
    h.ok(&["start", &id]);
    assert!(
        wait_for(5, || processes_with(&marker).len() == 1),
        "one container again: {:?}",
        processes_with(&marker)
    );
    h.ok(&["rm", "-f", "-t", "0", &id]);
    nothing_left(&h, &marker);
}

#[test]
fn wiped_runtime_directory_leaves_exited_records() {
    let marker = unique("wipe");
    let (h, root) = setup(&marker);
    let script = format!(": {marker}; echo said; sleep 60; true");
    let id = run_d(&h, &root, &["--name", &marker], &["sh", "-c", &script]);
    assert!(wait_for(10, || h.ok(&["logs", &marker]) == "said\n"));
    // A reboot: every process gone, the runtime directory (a tmpfs) empty.
    kill(Pid::from_raw(monitor_of(&id)[0]), Signal::SIGKILL).unwrap();
    assert!(wait_for(10, || processes_with(&marker).is_empty()));
    std::fs::remove_dir_all(h.runtime_dir()).unwrap();
    let ps = h.ok(&["ps", "-a"]);
    assert!(ps.contains(&marker) && ps.contains("Exited"), "{ps}");
    assert!(!ps.contains("Up"), "{ps}");
    let r = record(&h, &id);
    assert!(
        r["exit_reason"]
            .as_str()
            .unwrap()
            .contains("runtime directory was removed")
    );
    assert_eq!(h.ok(&["logs", &marker]), "said\n", "the log survives");
    // Started again by name (the name came back with the record).
    h.ok(&["start", &marker]);
    assert!(wait_for(10, || h.ok(&["logs", &marker]) == "said\nsaid\n"));
    h.ok(&["rm", "-f", "-t", "0", &marker]);
    nothing_left(&h, &marker);
}

#[test]
fn chatty_logs_rotate_and_read_back() {
    let marker = unique("chatty");
    let (h, root) = setup(&marker);
    let script = format!(
        ": {marker}; i=0; while [ $i -lt 3000 ]; do i=$((i+1)); echo line $i; done; echo bye >&2"
    );
    let id = run_d(
        &h,
        &root,
        &["--log-opt", "max-size=8k"],
        &["sh", "-c", &script],
    );
    assert_eq!(h.ok(&["wait", &id]), "0\n");
    let log = PathBuf::from(record(&h, &id)["log_path"].as_str().unwrap());
    assert!(
        log.starts_with(h.data()),
        "the log is in the data directory: {log:?}"
    );
    let size = std::fs::metadata(&log).unwrap().len();
    assert!(size <= 8192, "rotated at max-size: {size}");
    let old = PathBuf::from(format!("{}.1", log.display()));
    assert!(std::fs::metadata(&old).unwrap().len() <= 8192);
    // Each line in podman's k8s-file format.
    let text = std::fs::read_to_string(&log).unwrap();
    let last = text.lines().rev().nth(1).unwrap();
    let f: Vec<&str> = last.splitn(4, ' ').collect();
    assert!(f[0].contains('T') && f[0].ends_with('Z'), "{last}");
    assert_eq!(&f[1..], ["stdout", "F", "line 3000"]);
    // What is kept reads back in order, ending with the last line.
    let out = h.output(&["logs", &id]);
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.last(), Some(&"line 3000"));
    assert!(lines.len() > 100, "{}", lines.len());
    let first: u32 = lines[0].strip_prefix("line ").unwrap().parse().unwrap();
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(*l, format!("line {}", first + i as u32));
    }
    assert_eq!(stderr(&out), "bye\n");
    // --tail counts the lines of both streams: the last is stderr's.
    let out = h.output(&["logs", "--tail", "3", &id]);
    assert_eq!(stdout(&out), "line 2999\nline 3000\n");
    assert_eq!(stderr(&out), "bye\n");
    let t = h.ok(&["logs", "-t", "--tail", "2", &id]);
    assert!(t.ends_with(" line 3000\n") && t.contains('T'), "{t}");
    assert_eq!(h.ok(&["logs", "--since", "2099-01-01T00:00:00Z", &id]), "");
    assert_eq!(h.ok(&["logs", "--until", "1h", &id]), "");
    let n = h.ok(&["logs", "--names", "--tail", "2", &id]);
    assert!(n.ends_with(" line 3000\n") && n.starts_with("nook-"), "{n}");
    h.fails(&["logs", "--since", "whenever", &id], "invalid time");
    h.ok(&["rm", &id]);
    nothing_left(&h, &marker);
}

#[test]
fn logs_follow_until_the_container_ends() {
    let marker = unique("follow");
    let (h, root) = setup(&marker);
    let script = format!(": {marker}; echo one; sleep 1; echo two");
    let id = run_d(&h, &root, &[], &["sh", "-c", &script]);
    assert_eq!(h.ok(&["logs", "-f", &id]), "one\ntwo\n");
    h.ok(&["rm", &id]);
    let none = run_d(&h, &root, &["--log-driver", "none"], &["true"]);
    h.fails(&["logs", &none], "'none' log driver");
    h.ok(&["rm", "-f", &none]);
    nothing_left(&h, &marker);
}

#[test]
fn fifty_detached_containers_ten_at_a_time() {
    let marker = unique("fifty");
    let (h, root) = setup(&marker);
    let script = format!(": {marker}; sleep 120; true");
    let ids: Vec<String> = (0..5)
        .flat_map(|batch| {
            let handles: Vec<_> = (0..10)
                .map(|i| {
                    let name = format!("{marker}-{batch}-{i}");
                    let mut c = h.nook();
                    c.args(["run", "-d", "--name", &name, "--rootfs"])
                        .arg(&root)
                        .args(["sh", "-c", &script]);
                    std::thread::spawn(move || c.output().unwrap())
                })
                .collect();
            handles
                .into_iter()
                .map(|t| {
                    succeeded(&["run", "-d"], &t.join().unwrap())
                        .trim()
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(ids.len(), 50);
    let ps = h.ok(&["ps"]);
    for batch in 0..5 {
        for i in 0..10 {
            assert!(ps.contains(&format!("{marker}-{batch}-{i}")), "{ps}");
        }
    }
    assert_eq!(processes_with(&marker).len(), 50);
    let stopped = h.ok(&["stop", "--all", "-t", "0"]);
    assert_eq!(stopped.lines().count(), 50);
    assert!(processes_with("__monitor").iter().all(|p| {
        let cmd = std::fs::read(format!("/proc/{p}/cmdline")).unwrap_or_default();
        !ids.iter()
            .any(|id| String::from_utf8_lossy(&cmd).contains(id.as_str()))
    }));
    assert!(!h.ok(&["ps"]).contains(&marker));
    assert_eq!(h.ok(&["rm", "--all"]).lines().count(), 50);
    nothing_left(&h, &marker);
}

#[test]
fn concurrent_stop_rm_and_start_stay_consistent() {
    let marker = unique("race");
    let (h, root) = setup(&marker);
    let script = format!(": {marker}; sleep 60; true");
    for _ in 0..3 {
        let id = run_d(&h, &root, &[], &["sh", "-c", &script]);
        let calls: Vec<Vec<String>> = vec![
            vec!["stop".into(), "-t".into(), "0".into(), id.clone()],
            vec![
                "rm".into(),
                "-f".into(),
                "-t".into(),
                "0".into(),
                id.clone(),
            ],
            vec!["start".into(), id.clone()],
            vec!["stop".into(), "-t".into(), "0".into(), id.clone()],
        ];
        let handles: Vec<_> = calls
            .into_iter()
            .map(|args| {
                let mut c = h.nook();
                c.args(&args);
                std::thread::spawn(move || (args, c.output().unwrap()))
            })
            .collect();
        for t in handles {
            let (args, out) = t.join().unwrap();
            // Each either did its work or refused in one line (start of a running or removed
            // one, stop of a removed one); none crashed or hung.
            if !out.status.success() {
                let err = stderr(&out);
                assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
                assert!(err.starts_with("Error: "), "{args:?}: {err}");
            }
        }
        // Whatever the order, one more rm -f leaves nothing.
        h.ok(&["rm", "-f", "-t", "0", &id]);
        assert!(monitor_of(&id).is_empty());
    }
    nothing_left(&h, &marker);
}

#[test]
fn foreground_run_is_stopped_from_another_shell() {
    let marker = unique("fg");
    let (h, root) = setup(&marker);
    let mut child = h
        .nook()
        .args(["run", "--name", &marker, "--rootfs"])
        .arg(&root)
        .args([
            "sh",
            "-c",
            &format!(
                "trap 'exit 42' TERM; : {marker}; touch /tmp/ready; while :; do sleep 0.1; done"
            ),
        ])
        .spawn()
        .unwrap();
    assert!(wait_for(10, || root.join("tmp/ready").exists()));
    assert!(h.ok(&["ps"]).contains(&marker));
    assert_eq!(h.ok(&["stop", &marker]), format!("{marker}\n"));
    assert_eq!(child.wait().unwrap().code(), Some(42));
    assert_eq!(h.ok(&["wait", &marker]), "42\n");
    h.ok(&["rm", &marker]);
    nothing_left(&h, &marker);
}

#[test]
fn replace_cidfile_rename_and_labels() {
    let marker = unique("names");
    let (h, root) = setup(&marker);
    let cidfile = h.path().join("cid");
    let cid = cidfile.to_str().unwrap();
    let script = format!(": {marker}; sleep 60; true");
    let first = run_d(
        &h,
        &root,
        &[
            "--name",
            &marker,
            "--cidfile",
            cid,
            "--label",
            "a=b",
            "--annotation",
            "x=y",
            "--stop-signal",
            "KILL",
            "--stop-timeout",
            "3",
        ],
        &["sh", "-c", &script],
    );
    assert_eq!(std::fs::read_to_string(&cidfile).unwrap(), first);
    let r = record(&h, &first);
    assert_eq!(r["labels"]["a"], "b");
    assert_eq!(r["annotations"]["x"], "y");
    assert_eq!(r["stop_signal"], "KILL");
    assert_eq!(r["stop_timeout"], 3);
    // An existing cidfile, a taken name: refused, nothing made.
    let rootfs = root.to_str().unwrap();
    h.fails(
        &["run", "-d", "--cidfile", cid, "--rootfs", rootfs, "true"],
        "exists",
    );
    h.fails(
        &["run", "-d", "--name", &marker, "--rootfs", rootfs, "true"],
        "already in use",
    );
    assert_eq!(h.containers().len(), 1);
    let second = run_d(
        &h,
        &root,
        &["--replace", "--name", &marker],
        &["sh", "-c", &script],
    );
    assert_ne!(first, second);
    assert!(monitor_of(&first).is_empty());
    assert_eq!(h.containers(), vec![second.clone()]);
    let renamed = format!("{marker}-new");
    h.ok(&["rename", &marker, &renamed]);
    assert!(h.ok(&["ps"]).contains(&renamed));
    h.fails(&["stop", &marker], "no container");
    h.fails(&["rename", &renamed, "bad/name"], "invalid container name");
    // The stop signal is KILL: no wait for the timeout.
    h.ok(&["stop", &renamed]);
    assert_eq!(h.ok(&["wait", &renamed]), "137\n");
    h.ok(&["rm", &renamed]);
    nothing_left(&h, &marker);
}

#[test]
fn bad_input_is_one_line_and_125() {
    let marker = unique("bad");
    let (h, root) = setup(&marker);
    let missing = format!("{marker}-missing");
    for cmd in [
        "start", "stop", "kill", "wait", "logs", "restart", "pause", "unpause",
    ] {
        h.fails(&[cmd, &missing], "no container with name or ID");
    }
    // rm: exit 1 for a missing container, as podman; none with -f or -i.
    let out = h.output(&["rm", &missing]);
    assert_eq!(code(&out), Some(1));
    assert!(stderr(&out).contains("no container with name or ID"));
    h.ok(&["rm", "-f", &missing]);
    h.ok(&["rm", "-i", &missing]);
    let rootfs = root.to_str().unwrap();
    for (flags, needle) in [
        (vec!["--restart", "sometimes"], "invalid restart policy"),
        (vec!["--stop-signal", "SIGNOPE"], "invalid signal"),
        (vec!["--log-driver", "syslog"], "invalid log driver"),
        (vec!["--log-opt", "max-size=lots"], "max-size"),
        (vec!["--log-driver", "passthrough"], "without -d"),
    ] {
        let mut args = vec!["run", "-d"];
        args.extend(flags);
        args.extend(["--rootfs", rootfs, "true"]);
        h.fails(&args, needle);
    }
    // A command that cannot start: the monitor's error and podman's 127, nothing left.
    let out = h.output(&["run", "-d", "--rootfs", rootfs, "/nonexistent"]);
    assert_eq!(code(&out), Some(127));
    assert!(stdout(&out).is_empty());
    assert_eq!(stderr(&out).lines().count(), 1);
    assert!(
        stderr(&out).contains("/nonexistent` not found"),
        "{}",
        stderr(&out)
    );
    assert!(h.containers().is_empty());
    let id = run_d(&h, &root, &[], &["true"]);
    assert_eq!(h.ok(&["wait", &id]), "0\n");
    h.fails(&["kill", &id], "can only kill running containers");
    if !Path::new("/run/systemd/journal/socket").exists() {
        h.fails(
            &[
                "run",
                "-d",
                "--log-driver",
                "journald",
                "--rootfs",
                rootfs,
                "true",
            ],
            "no journal",
        );
    }
    h.ok(&["rm", &id]);
    nothing_left(&h, &marker);
}

#[test]
fn pause_freezes_or_says_why_not() {
    let marker = unique("pause");
    let (h, root) = setup(&marker);
    let script =
        format!(": {marker}; i=0; while :; do i=$((i+1)); echo $i > /tmp/n; sleep 0.05; done");
    let id = run_d(&h, &root, &[], &["sh", "-c", &script]);
    let out = h.output(&["pause", &id]);
    if out.status.success() {
        assert_eq!(record(&h, &id)["status"], "paused");
        let n = std::fs::read_to_string(root.join("tmp/n")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(
            std::fs::read_to_string(root.join("tmp/n")).unwrap(),
            n,
            "frozen"
        );
        h.fails(&["pause", &id], "not running");
        h.ok(&["unpause", &id]);
        assert!(wait_for(10, || std::fs::read_to_string(root.join("tmp/n"))
            .unwrap()
            != n));
    } else {
        failed(&out, "no cgroup of its own");
        h.fails(&["unpause", &id], "not paused");
    }
    h.ok(&["rm", "-f", "-t", "0", &id]);
    nothing_left(&h, &marker);
}

#[test]
fn attach_sends_input_and_follows_output() {
    use std::io::Write;
    use std::process::Stdio;
    let marker = unique("attach");
    let (h, root) = setup(&marker);
    let script = format!(": {marker}; read a; echo got $a; read b; exit $b");
    let id = run_d(&h, &root, &["-i"], &["sh", "-c", &script]);
    let talk = |args: &[&str], input: &[u8]| {
        let mut child = h
            .nook()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.as_mut().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = talk(&["attach", &id], b"hello\n7\n");
    assert_eq!(code(&out), Some(7), "{}", stderr(&out));
    assert_eq!(stdout(&out), "got hello\n");
    h.fails(&["attach", &id], "only attach to running containers");
    let out = talk(&["start", "-a", "-i", &id], b"again\n3\n");
    assert_eq!(code(&out), Some(3), "{}", stderr(&out));
    assert_eq!(stdout(&out), "got again\n");
    assert_eq!(h.ok(&["logs", &id]), "got hello\ngot again\n");
    h.ok(&["rm", &id]);
    nothing_left(&h, &marker);
}
