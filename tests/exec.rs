//! `nook exec` into a running container (a foreground `nook run` started by the test):
//! exit codes, environment, user and working directory, the container's namespaces and
//! confinement (capabilities, seccomp, no_new_privs, masked paths), a terminal of its own,
//! `-d`, and SIGKILL of nook exec.

mod common;

use std::io::Read;
use std::process::Stdio;

use common::running::Running;
use common::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

#[test]
fn exit_codes_are_the_commands_and_podmans() {
    let c = Running::start(&[], "true");
    let out = c.exec(&[], &["true"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(c.exec(&[], &["sh", "-c", "exit 7"]).status.code(), Some(7));
    let out = c.exec(&[], &["no-such-command"]);
    assert_eq!(out.status.code(), Some(127), "{}", stderr(&out));
    assert!(stderr(&out).contains("not found"), "{}", stderr(&out));
    let out = c.exec(&[], &["/etc/passwd"]);
    assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));
    // Killed by a signal: 128+N.
    let out = c.exec(&[], &["sh", "-c", "kill -9 $$"]);
    assert_eq!(out.status.code(), Some(137));
    // Output and input pass through.
    assert_eq!(c.ok(&[], &["echo", "out"]), "out\n");
    let mut child = nook()
        .args(["exec", "-i", &c.name, "sh", "-c", "read x; echo got-$x"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"ping\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(stdout(&out), "got-ping\n");
    // Without -i, standard input is empty.
    let out = c.exec(&[], &["cat"]);
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
}

#[test]
fn unknown_and_stopped_containers_are_refused() {
    let out = nook()
        .args(["exec", "no-such-container-x", "true"])
        .output()
        .unwrap();
    let err = failed(&out, "no such container");
    assert_eq!(err.lines().count(), 1, "{err}");
    // A kept container that has ended.
    let name = unique("ended");
    let out = nook()
        .args(["run", "--name", &name, "--rootfs"])
        .arg(rootfs())
        .arg("true")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = nook().args(["exec", &name, "true"]).output().unwrap();
    let err = failed(&out, "is not running");
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = nook().args(["rm", &name]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // No command.
    let out = nook().args(["exec", &name]).output().unwrap();
    assert_eq!(out.status.code(), Some(125));
}

#[test]
fn env_user_and_workdir() {
    // A --workdir the root has (one it lacks is podman's exit 126, tests/podman.rs).
    let c = Running::start(&["-e", "A=run", "-e", "B=run", "-w", "/home"], "true");
    assert_eq!(
        c.ok(&[], &["sh", "-c", "echo $A $B; pwd"]),
        "run run\n/home\n"
    );
    let file = scratch().join(format!("{}.env", c.name));
    std::fs::write(&file, "# comment\nB=file\nC=file\n").unwrap();
    let out = nook()
        .args(["exec", "-e", "A=flag", "-e", "FROM_HOST", "--env-file"])
        .arg(&file)
        .args([
            "-w",
            "/tmp",
            &c.name,
            "sh",
            "-c",
            "echo $A $B $C $FROM_HOST; pwd",
        ])
        .env("FROM_HOST", "host")
        .output()
        .unwrap();
    assert_eq!(succeeded(&["exec"], &out), "flag file file host\n/tmp\n");
    // Names are the container's, HOME is the user's.
    assert_eq!(
        c.ok(&["-u", "nobody"], &["sh", "-c", "id -u; id -g; echo $HOME"]),
        format!("65534\n65534\n{}\n", home_of(&c, "nobody"))
    );
    assert_eq!(
        c.ok(&["-u", "1234:5678"], &["sh", "-c", "id -u; id -g"]),
        "1234\n5678\n"
    );
    let out = c.exec(&["-u", "no-such-user"], &["id"]);
    failed(&out, "no user \"no-such-user\"");
    let out = c.exec(&["-w", "/no/such/dir"], &["pwd"]);
    failed(&out, "working directory");
    // The container's own host name and PID namespace: its PID 1 is the reaper.
    let hostname = c.ok(&[], &["hostname"]);
    let host = nix::unistd::gethostname().unwrap();
    assert_ne!(hostname.trim(), host.to_string_lossy());
    assert_eq!(hostname, c.ok(&[], &["cat", "/etc/hostname"]));
    let comm = c.ok(&[], &["cat", "/proc/1/cmdline"]);
    assert!(comm.contains("init") || comm.contains("nook"), "{comm:?}");
    assert!(
        c.ok(&[], &["sh", "-c", "echo $$"])
            .trim()
            .parse::<u32>()
            .unwrap()
            < 100
    );
}

/// The home directory of `user` in the container's /etc/passwd.
fn home_of(c: &Running, user: &str) -> String {
    std::fs::read_to_string(c.root.join("etc/passwd"))
        .unwrap()
        .lines()
        .find(|l| l.starts_with(&format!("{user}:")))
        .and_then(|l| l.split(':').nth(5))
        .unwrap()
        .to_string()
}

const STATUS_KEYS: &str = "CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp:";

/// The confinement lines of /proc/self/status and the id maps, sent where `redirect` says.
fn confinement_script(redirect: &str) -> String {
    format!(
        "{{ grep -E '^({STATUS_KEYS})' /proc/self/status; cat /proc/self/uid_map /proc/self/gid_map; }} {redirect}"
    )
}

#[test]
fn the_process_is_confined_as_the_containers_command() {
    for opts in [
        &[][..],
        &[
            "--cap-drop",
            "chown",
            "--cap-drop",
            "kill",
            "--security-opt",
            "no-new-privileges",
        ][..],
        &[
            "--cap-add",
            "sys_admin",
            "--security-opt",
            "seccomp=unconfined",
        ][..],
    ] {
        let c = Running::start(opts, &confinement_script("> /tmp/command"));
        let command = std::fs::read_to_string(c.root.join("tmp/command")).unwrap();
        let exec = c.ok(&[], &["sh", "-c", &confinement_script("")]);
        assert_eq!(exec, command, "{opts:?}");
        let seccomp_on = !opts.contains(&"seccomp=unconfined");
        assert_eq!(exec.contains("Seccomp:\t2"), seccomp_on, "{exec}");
        assert_eq!(
            exec.contains("NoNewPrivs:\t1"),
            opts.contains(&"no-new-privileges"),
            "{exec}"
        );
        // Not the host's map: the container's user namespace.
        assert!(!exec.contains("0          0 4294967295"), "{exec}");
    }
}

#[test]
fn privileged_gives_every_capability_and_keeps_the_filter() {
    let c = Running::start(&[], "true");
    let plain = c.ok(&[], &["grep", "CapEff", "/proc/self/status"]);
    let privileged = c.ok(
        &["--privileged"],
        &["grep", "-E", "CapEff|Seccomp:", "/proc/self/status"],
    );
    assert_ne!(plain.lines().next(), privileged.lines().next());
    assert!(
        privileged.contains("CapEff:\t000001ffffffffff"),
        "{privileged}"
    );
    assert!(privileged.contains("Seccomp:\t2"), "{privileged}");
}

#[test]
fn masked_paths_stay_masked() {
    let c = Running::start(&[], "cat /proc/self/mountinfo > /tmp/mountinfo");
    // /proc/keys and /proc/timer_list are masked by a bind of /dev/null (when the kernel has
    // them), /proc/acpi and /proc/scsi by an empty read-only tmpfs.
    for path in ["/proc/keys", "/proc/timer_list"] {
        if c.exec(&[], &["test", "-e", path]).status.success() {
            assert_eq!(c.ok(&[], &["cat", path]), "", "{path}");
        }
    }
    // The same masks as the command's: the container's mount namespace.
    let masks = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.split_whitespace().nth(4))
            .filter(|p| p.starts_with("/proc/") || p.starts_with("/sys/"))
            .map(str::to_string)
            .collect()
    };
    let exec = masks(&c.ok(&[], &["cat", "/proc/self/mountinfo"]));
    let command = masks(&std::fs::read_to_string(c.root.join("tmp/mountinfo")).unwrap());
    assert!(exec.iter().any(|p| p == "/proc/keys"), "{exec:?}");
    assert_eq!(exec, command);
}

/// Run `inner` under script(1), a real terminal, keeping its input open until it ends.
fn in_terminal(inner: &str) -> String {
    let mut child = std::process::Command::new("script")
        .args(["-qfec", inner, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux");
    let _keep_open = child.stdin.take();
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    let _ = child.wait();
    String::from_utf8_lossy(&out).replace('\r', "")
}

#[test]
fn it_gives_a_terminal_of_its_own() {
    let c = Running::start(&[], "true");
    let inner = format!(
        "stty rows 31 cols 97; {} exec -it {} sh -c 'stty size; tty; echo $TERM; exit 6'; echo outer-exit=$?",
        nook_bin().display(),
        c.name
    );
    let text = in_terminal(&inner);
    assert!(text.contains("31 97"), "window size passed on: {text}");
    assert!(text.contains("/dev/pts/"), "{text}");
    assert!(text.contains("xterm"), "{text}");
    assert!(text.contains("outer-exit=6"), "{text}");
    // Without -t, no terminal even inside one.
    let inner = format!(
        "{} exec {} sh -c 'tty || echo no-tty'",
        nook_bin().display(),
        c.name
    );
    assert!(in_terminal(&inner).contains("no-tty"));
}

#[test]
fn detached_leaves_the_process_running() {
    let c = Running::start(&[], "true");
    let secs = format!("{}", 200_000 + std::process::id());
    let out = c.exec(&["-d"], &["sleep", &secs]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pattern = format!("sleep {secs}");
    assert!(wait_for(5, || !processes_with(&pattern).is_empty()));
    // It lives in the container: visible there, a child of its PID 1.
    let ps = c.ok(&[], &["ps", "-o", "ppid,args"]);
    let line = ps
        .lines()
        .find(|l| l.contains(&pattern))
        .unwrap_or_default();
    assert_eq!(line.split_whitespace().next(), Some("1"), "{ps}");
    drop(c);
    assert!(wait_for(10, || processes_with(&pattern).is_empty()));
}

#[test]
fn sigkill_of_nook_exec_kills_the_process() {
    let c = Running::start(&[], "true");
    let secs = format!("{}", 300_000 + std::process::id());
    let pattern = format!("sleep {secs}");
    let mut child = nook()
        .args(["exec", &c.name, "sleep", &secs])
        .spawn()
        .unwrap();
    assert!(wait_for(10, || !processes_with(&pattern).is_empty()));
    kill(Pid::from_raw(child.id() as i32), Signal::SIGKILL).unwrap();
    let _ = child.wait();
    assert!(
        wait_for(10, || processes_with(&pattern).is_empty()),
        "the executed process outlived nook exec"
    );
    // The container itself goes on.
    assert_eq!(c.ok(&[], &["echo", "alive"]), "alive\n");
}

#[test]
fn signals_reach_the_process() {
    let c = Running::start(&[], "true");
    let mut child = nook()
        .args([
            "exec",
            &c.name,
            "sh",
            "-c",
            "trap 'exit 42' TERM; touch /tmp/exec-ready; while :; do sleep 0.05; done",
        ])
        .spawn()
        .unwrap();
    assert!(wait_for(10, || c.root.join("tmp/exec-ready").exists()));
    kill(Pid::from_raw(child.id() as i32), Signal::SIGTERM).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(42));
}

#[test]
fn top_lists_the_containers_processes() {
    let c = Running::start(&[], "true");
    let out = c.exec(&["-d", "-u", "nobody"], &["sleep", "999"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = succeeded(&["top"], &nook().args(["top", &c.name]).output().unwrap());
    let lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"
        ]
    );
    // PID 1 (nook's reaper), the command and the exec'd process, with the container's pids
    // and names; nothing of the host's.
    let first: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(&first[..3], ["root", "1", "0"], "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("root") && l.ends_with("sleep 1000")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("nobody") && l.ends_with("sleep 999")),
        "{text}"
    );
    assert!(wait_for(5, || {
        let t = nook().args(["top", &c.name]).output().unwrap();
        stdout(&t).lines().count() == 4
    }));
    // ps's descriptors, comma-separated or not.
    let text = succeeded(
        &["top"],
        &nook()
            .args(["top", &c.name, "pid,seccomp", "args"])
            .output()
            .unwrap(),
    );
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0], ["PID", "SECCOMP", "COMMAND"], "{text}");
    assert!(
        rows.contains(&vec!["2", "filter", "sleep", "1000"]),
        "{text}"
    );
    let out = nook().args(["top", &c.name, "bogus"]).output().unwrap();
    failed(&out, "unknown descriptor");
}

#[test]
fn stats_read_the_containers_cgroup_or_say_there_is_none() {
    let c = Running::start(&[], "true");
    let pid1 = std::fs::read_to_string(
        runtime_dir()
            .join("containers")
            .join(std::fs::read_link(runtime_dir().join("names").join(&c.name)).unwrap())
            .join("pid"),
    )
    .unwrap();
    let cgroup = std::fs::read_to_string(format!("/proc/{}/cgroup", pid1.trim())).unwrap();
    let own = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
        && cgroup
            .lines()
            .any(|l| l.starts_with("0::") && l.ends_with("/container"));
    let out = nook()
        .args([
            "stats",
            "--no-stream",
            "--format",
            "{{.Name}} {{.PIDs}}",
            &c.name,
        ])
        .output()
        .unwrap();
    if own {
        assert_eq!(succeeded(&["stats"], &out), format!("{} 2\n", c.name));
    } else {
        let err = failed(&out, "has no cgroup of its own");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // Unknown containers, as everywhere.
    let out = nook()
        .args(["stats", "--no-stream", "no-such-container-z"])
        .output()
        .unwrap();
    failed(&out, "no such container");
}
