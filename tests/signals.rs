//! Signals, terminals and teardown: forwarding to the container, SIGKILL of nook itself,
//! `-t`/`-i` with and without a real terminal.

mod common;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use common::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

#[test]
fn signals_are_forwarded() {
    for (sig, code) in [
        (Signal::SIGTERM, 42),
        (Signal::SIGINT, 43),
        (Signal::SIGHUP, 44),
        (Signal::SIGUSR1, 45),
    ] {
        let marker = unique("sigfwd");
        let script = format!(
            "trap 'exit 42' TERM; trap 'exit 43' INT; trap 'exit 44' HUP; trap 'exit 45' USR1; \
             : {marker}; touch /tmp/ready-{marker}; while :; do sleep 0.05; done"
        );
        let root = rootfs_copy(&marker);
        let mut child = nook()
            .args(["run", "--rm", "--rootfs"])
            .arg(&root)
            .args(["sh", "-c", &script])
            .spawn()
            .unwrap();
        assert!(wait_for(10, || root
            .join(format!("tmp/ready-{marker}"))
            .exists()));
        kill(Pid::from_raw(child.id() as i32), sig).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{sig:?}");
    }
}

#[test]
fn signal_death_is_128_plus_n_with_init() {
    let marker = unique("sigdeath");
    let root = rootfs_copy(&marker);
    let mut child = nook()
        .args(["run", "--rm", "--init", "--rootfs"])
        .arg(&root)
        .args([
            "sh",
            "-c",
            &format!(": {marker}; touch /tmp/ready; exec sleep 60"),
        ])
        .spawn()
        .unwrap();
    assert!(wait_for(10, || root.join("tmp/ready").exists()));
    std::thread::sleep(Duration::from_millis(100));
    kill(Pid::from_raw(child.id() as i32), Signal::SIGTERM).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(143));
}

#[test]
fn sigkill_of_nook_takes_everything_with_it() {
    let marker = unique("sigkill");
    let name = unique("killed");
    let root = rootfs_copy(&marker);
    let mut child = nook()
        .args(["run", "--rm", "--name", &name, "--rootfs"])
        .arg(&root)
        .args([
            "sh",
            "-c",
            &format!("sleep 300 & touch /tmp/ready; exec sh -c 'sleep 301; : {marker}'"),
        ])
        .spawn()
        .unwrap();
    assert!(wait_for(10, || root.join("tmp/ready").exists()));
    assert!(wait_for(5, || !processes_with(&marker).is_empty()));
    kill(Pid::from_raw(child.id() as i32), Signal::SIGKILL).unwrap();
    let _ = child.wait();
    // The container's processes, its PID namespace and nook __init all die.
    assert!(
        wait_for(10, || processes_with(&marker).is_empty()),
        "container processes survived: {:?}",
        processes_with(&marker)
    );
    // No mount of the container is visible on the host (they lived in its mount namespace).
    assert!(host_mounts_with(&root.to_string_lossy()).is_empty());
    // The state is left by a dead process; the next nook command removes it.
    let ps = nook().args(["ps", "-a"]).output().unwrap();
    assert!(ps.status.success());
    assert!(
        !state_of(&name),
        "stale --rm state removed by the next command"
    );
}

#[test]
fn interactive_stdin_through_a_pipe() {
    let mut child = nook()
        .args(["run", "--rm", "-i", "--rootfs"])
        .arg(rootfs())
        .args(["sh", "-c", "read line; echo got:$line; cat | wc -l"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"hello\na\nb\nc\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "got:hello\n3\n");
}

#[test]
fn without_interactive_stdin_is_empty() {
    let mut child = nook()
        .args(["run", "--rm", "--rootfs"])
        .arg(rootfs())
        .args(["sh", "-c", "cat | wc -c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"ignored").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
}

#[test]
fn tty_without_a_terminal() {
    let out = run(
        &["-t"],
        &["sh", "-c", "tty; test -t 1 && echo stdout-is-tty"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out).replace('\r', "");
    assert!(text.contains("/dev/pts/0"), "{text}");
    assert!(text.contains("stdout-is-tty"));
}

/// A real terminal around nook, from util-linux's `script`.
/// Run `inner` under script(1), keeping its input open until it ends (script stops when its
/// input closes).
fn in_terminal(inner: &str) -> String {
    use std::io::Read;
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
fn tty_in_a_real_terminal_with_window_size() {
    let inner = format!(
        "stty rows 33 cols 101; {} run --rm -it --rootfs {} sh -c 'stty size; tty; echo $TERM; exit 5'; echo outer-exit=$?",
        nook_bin().display(),
        rootfs().display()
    );
    let text = in_terminal(&inner);
    assert!(text.contains("33 101"), "window size passed on: {text}");
    assert!(text.contains("/dev/pts/0"), "{text}");
    assert!(text.contains("xterm"), "{text}");
    assert!(text.contains("outer-exit=5"), "{text}");
}

#[test]
fn tty_input_reaches_the_container() {
    let inner = format!(
        "{} run --rm -it --rootfs {} sh -c 'read x; echo got-$x'",
        nook_bin().display(),
        rootfs().display()
    );
    let mut child = std::process::Command::new("script")
        .args(["-qfec", &inner, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    stdin.write_all(b"ping\r").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(text.contains("got-ping"), "{text}");
}

#[test]
fn window_changes_reach_the_container() {
    let inner = format!(
        "stty rows 20 cols 80; {} run --rm -t --rootfs {} sh -c 'stty size; i=0; while [ \"$(stty size)\" = \"20 80\" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; stty size' </dev/tty & sleep 1; stty rows 50 cols 120; wait $!",
        nook_bin().display(),
        rootfs().display()
    );
    let text = in_terminal(&inner);
    let sizes: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(' ') && l.split(' ').all(|w| w.parse::<u32>().is_ok()))
        .collect();
    assert_eq!(sizes, ["20 80", "50 120"], "{text}");
}
