//! The OCI runtime interface batch schedulers drive (`nook run --bundle`, `state`, `kill`,
//! `delete`), and nook inside a batch job (told by its variables): no scope, one line for a
//! limit flag, and the container ends with the step. Slurm itself: tests/slurm/run.sh.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// A bundle whose config.json runs `args` in the shared busybox root file system (an absolute
/// root.path, read-only use), with `extra` JSON members added to the top level.
fn bundle(name: &str, args: &[&str], extra: &str) -> PathBuf {
    let dir = scratch().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let args = serde_json::to_string(args).unwrap();
    let root = serde_json::to_string(&rootfs().display().to_string()).unwrap();
    let config = format!(
        r#"{{"ociVersion": "1.0.2",
  "process": {{"terminal": false, "user": {{"uid": 0, "gid": 0}}, "args": {args},
              "env": ["PATH=/bin", "FOO=from-the-bundle"], "cwd": "/tmp"}},
  "root": {{"path": {root}}},
  "linux": {{"namespaces": [{{"type": "pid"}}, {{"type": "mount"}}, {{"type": "user"}}],
            "uidMappings": [{{"containerID": 0, "hostID": 0, "size": 1}}]}}
  {extra}}}"#
    );
    std::fs::write(dir.join("config.json"), config).unwrap();
    dir
}

fn net_ns() -> String {
    std::fs::read_link("/proc/self/ns/net")
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn a_bundle_runs_as_its_config_says_with_the_hosts_network() {
    let b = bundle(
        "bundle-basic",
        &[
            "sh",
            "-c",
            "echo $FOO; hostname; pwd; id -u; readlink /proc/self/ns/net; exit 3",
        ],
        r#", "hostname": "bundled""#,
    );
    let out = nook()
        .args(["run", "--rm", "--bundle"])
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..4],
        ["from-the-bundle", "bundled", "/tmp", "0"],
        "{text}"
    );
    // No network namespace in the file: the host's network.
    assert_eq!(lines[4], net_ns(), "{text}");
    // With one, the container has its own.
    let b = bundle(
        "bundle-netns",
        &["readlink", "/proc/self/ns/net"],
        r#", "hostname": "x""#,
    );
    let cfg = std::fs::read_to_string(b.join("config.json"))
        .unwrap()
        .replace(
            r#"{"type": "user"}"#,
            r#"{"type": "user"}, {"type": "network"}"#,
        );
    std::fs::write(b.join("config.json"), cfg).unwrap();
    let out = nook()
        .args(["run", "--rm", "--network", "none", "--bundle"])
        .arg(&b)
        .output()
        .unwrap();
    let own = succeeded(&["run", "--bundle"], &out);
    assert_ne!(own.trim(), net_ns());
}

#[test]
fn state_kill_and_delete_by_the_bundles_id() {
    let id = unique("oci-id");
    let b = bundle(
        "bundle-life",
        &["sh", "-c", "touch /dev/shm/ready; exec sleep 60"],
        "",
    );
    let mut child = nook()
        .args(["run", "--init", "--bundle"])
        .arg(&b)
        .arg(&id)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let state = |id: &str| nook().args(["state", id]).output().unwrap();
    let running = wait_for(20, || {
        stdout(&state(&id)).contains(r#""status": "running""#)
    });
    let out = state(&id);
    assert!(running, "{} {}", stdout(&out), stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["id"], id.as_str());
    assert!(doc["pid"].as_i64().unwrap() > 1);
    assert_eq!(
        Path::new(doc["bundle"].as_str().unwrap()),
        std::path::absolute(&b).unwrap()
    );
    // kill -s TERM: --init's PID 1 hands it on; sleep dies of it.
    let out = nook().args(["kill", "-s", "TERM", &id]).output().unwrap();
    assert_eq!(succeeded(&["kill"], &out).trim(), id);
    assert_eq!(child.wait().unwrap().code(), Some(143));
    // Kept (no --rm) and stopped, until deleted.
    let out = state(&id);
    assert!(
        stdout(&out).contains(r#""status": "stopped""#),
        "{}",
        stderr(&out)
    );
    let out = nook().args(["delete", &id]).output().unwrap();
    succeeded(&["delete"], &out);
    assert!(!state_of(&id));
    let out = state(&id);
    assert_eq!(out.status.code(), Some(125));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    let out = nook().args(["kill", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(125));
    let out = nook()
        .args(["kill", "-s", "SIGNOPE", &id])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    assert!(stderr(&out).contains("invalid signal \"SIGNOPE\""));
}

#[test]
fn delete_force_ends_a_running_container() {
    let id = unique("oci-force");
    let b = bundle("bundle-force", &["sleep", "60"], "");
    let mut child = nook()
        .args(["run", "--rm", "--bundle"])
        .arg(&b)
        .arg(&id)
        .spawn()
        .unwrap();
    assert!(wait_for(20, || stdout(
        &nook().args(["state", &id]).output().unwrap()
    )
    .contains("running")));
    let out = nook().args(["delete", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(125));
    assert!(
        stderr(&out).contains("use nook delete --force"),
        "{}",
        stderr(&out)
    );
    let out = nook().args(["delete", "--force", &id]).output().unwrap();
    succeeded(&["delete", "--force"], &out);
    assert_eq!(child.wait().unwrap().code(), Some(137));
    assert!(!state_of(&id));
}

#[test]
fn a_bad_bundle_is_one_line_and_leaves_nothing() {
    let id = unique("bad-bundle");
    let empty = scratch().join("bundle-empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = nook()
        .args(["run", "--bundle"])
        .arg(&empty)
        .arg(&id)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    let err = stderr(&out);
    assert!(
        err.contains("config.json: No such file or directory: give an OCI runtime bundle"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let b = bundle("bundle-words", &["true"], "");
    let out = nook()
        .args(["run", "--bundle"])
        .arg(&b)
        .args([id.as_str(), "echo", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    assert!(stderr(&out).contains("with --bundle the command is config.json's process.args"));
    assert!(!state_of(&id));
}

#[test]
fn inside_a_batch_job_a_limit_flag_says_the_jobs_limits_apply() {
    let out = nook()
        .env("SLURM_JOB_ID", "4242")
        .env("SLURM_STEP_ID", "0")
        .args(["run", "--rm", "--memory", "64m", "--rootfs"])
        .arg(rootfs())
        .args(["true"])
        .output()
        .unwrap();
    succeeded(&["run", "--memory"], &out);
    assert!(
        stderr(&out).contains("Warning: --memory not applied: running inside Slurm job 4242 step 0, whose cgroup is not delegated to you: the job's limits apply"),
        "{}",
        stderr(&out)
    );
    let out = nook()
        .env("PBS_JOBID", "77.server")
        .args(["info"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("inside PBS job 77.server: containers never get a systemd scope"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn inside_a_batch_job_the_steps_sigterm_ends_a_pid_1_that_ignores_it() {
    let marker = unique("jobterm");
    // PID 1 is a shell without a trap (the marker is its $0), waiting for sleep.
    let mut child = nook()
        .env("SLURM_JOB_ID", "4243")
        .args(["run", "--rm", "--rootfs"])
        .arg(rootfs())
        .args(["sh", "-c", "sleep 60; exit 0", &marker])
        .spawn()
        .unwrap();
    // nook's own command line and the container's PID 1 name the marker.
    assert!(wait_for(20, || processes_with(&marker).len() >= 2));
    kill(Pid::from_raw(child.id() as i32), Signal::SIGTERM).unwrap();
    // Outside a job the SIGTERM is forwarded and dropped by the kernel (PID 1 has no
    // handler), and the run ends with sleep (status 0); inside one, nook kills it at once.
    assert_eq!(child.wait().unwrap().code(), Some(137));
    assert!(wait_for(10, || processes_with(&marker).is_empty()));
}
