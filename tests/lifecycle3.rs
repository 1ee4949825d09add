//! Containers that live on, third round: `rm -f` of a `--rm` container racing its own
//! removal, foreground runs logged like podman's (`logs`, `logs -f` from another process).

mod common;

use common::home::{Home, nothing_left};
use common::podman::with_busybox as setup;
use common::*;

#[test]
fn rm_f_of_a_rm_container_that_removes_itself_succeeds() {
    let marker = unique("rmrace");
    let h = setup();
    // Each container ends about when rm -f comes: rm -f finds it running, or ending, or
    // being removed by its monitor, or gone; every time both end with it gone and rm exits 0.
    for i in 0..20u32 {
        let script = format!(": {marker}; sleep 0.{}", i % 4 + 1);
        let id = h
            .ok(&[
                "run",
                "-d",
                "--rm",
                "--network",
                "none",
                "busybox",
                "sh",
                "-c",
                &script,
            ])
            .trim()
            .to_string();
        std::thread::sleep(std::time::Duration::from_millis(u64::from(i % 5) * 70));
        let out = h.output(&["rm", "-f", &id]);
        assert!(
            out.status.success(),
            "round {i}: rm -f failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            h.ok(&["ps", "-a", "-q", "--no-trunc"]).trim().is_empty(),
            "round {i}: the container is still listed"
        );
    }
    nothing_left(&h, &marker);
}

/// `nook logs NAME`'s two streams as one, in the order it wrote them.
fn logs_merged(h: &Home, name: &str) -> String {
    let path = scratch().join(unique("logs-merged"));
    let file = std::fs::File::create(&path).unwrap();
    let st = h
        .nook()
        .args(["logs", name])
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .expect("spawn nook logs");
    assert!(st.success(), "nook logs {name} failed");
    let text = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    text
}

#[test]
fn a_foreground_run_is_logged_and_still_printed() {
    let marker = unique("fglog");
    let h = setup();
    let name = unique("fg");
    let script = format!(": {marker}; echo out; echo err >&2; printf 'no newline'");
    let out = h.output(&[
        "run",
        "--name",
        &name,
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        &script,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The caller still gets each stream on its own.
    assert_eq!(stdout(&out), "out\nno newline");
    assert_eq!(stderr(&out), "err\n");
    // podman's k8s-file log: each stream kept apart, in order.
    let logs = h.output(&["logs", &name]);
    assert!(logs.status.success(), "{}", stderr(&logs));
    assert_eq!(stdout(&logs), "out\nno newline");
    assert_eq!(stderr(&logs), "err\n");
    assert_eq!(logs_merged(&h, &name), "out\nerr\nno newline");
    assert_eq!(
        h.ok(&[
            "inspect",
            "--format",
            "{{.HostConfig.LogConfig.Type}}",
            &name
        ]),
        "k8s-file\n"
    );
    // A second run of it (start -a) adds to the same log (after the first run's last
    // line, which had no newline, as podman's k8s-file reads back).
    let again = h.output(&["start", "-a", &name]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), "out\nno newline");
    assert_eq!(
        logs_merged(&h, &name),
        "out\nerr\nno newlineout\nerr\nno newline"
    );
    // none and passthrough keep today's direct path: printed, not logged.
    for driver in ["none", "passthrough"] {
        let other = unique(driver);
        let out = h.output(&[
            "run",
            "--name",
            &other,
            "--log-driver",
            driver,
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            &script,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), "out\nno newline");
        assert_eq!(stderr(&out), "err\n");
        h.fails(&["logs", &other], &format!("'{driver}' log driver"));
        h.ok(&["rm", &other]);
    }
    h.ok(&["rm", &name]);
    nothing_left(&h, &marker);
}

#[test]
fn logs_f_follows_a_foreground_run_from_another_process() {
    let marker = unique("fgfollow");
    let h = setup();
    let name = unique("fgf");
    let flag = scratch().join(unique("fgflag"));
    // The container prints `one`, then waits until the test has started following it.
    let script = format!(
        ": {marker}; echo one; while [ ! -e /flag/go ]; do sleep 0.05; done; echo two; echo three >&2"
    );
    std::fs::create_dir_all(&flag).unwrap();
    let fg = h
        .nook()
        .args([
            "run",
            "--rm",
            "--name",
            &name,
            "--network",
            "none",
            "-v",
            &format!("{}:/flag", flag.display()),
            "busybox",
            "sh",
            "-c",
            &script,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn nook run");
    assert!(
        wait_for(30, || h
            .output(&["logs", &name])
            .stdout
            .starts_with(b"one\n")),
        "the first line never reached the log"
    );
    let mut follower = h
        .nook()
        .args(["logs", "-f", &name])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn nook logs -f");
    // `logs -f` has printed what was there: the rest comes while it follows.
    let mut first = [0u8; 4];
    std::io::Read::read_exact(follower.stdout.as_mut().unwrap(), &mut first).unwrap();
    assert_eq!(&first, b"one\n");
    std::fs::write(flag.join("go"), "").unwrap();
    let fg = fg.wait_with_output().unwrap();
    assert!(fg.status.success(), "{}", stderr(&fg));
    assert_eq!(stdout(&fg), "one\ntwo\n");
    assert_eq!(stderr(&fg), "three\n");
    // The follower ends with the container, having printed all of it.
    let followed = follower.wait_with_output().unwrap();
    assert!(followed.status.success(), "{}", stderr(&followed));
    assert_eq!(stdout(&followed), "two\n");
    assert_eq!(stderr(&followed), "three\n");
    let _ = std::fs::remove_dir_all(&flag);
    nothing_left(&h, &marker);
}

#[test]
fn a_foreground_run_whose_reader_went_ends() {
    // `nook run ... yes | head -1`: the container's next write fails once the reader has
    // gone, as when it wrote to the reader directly; it does not fill its log forever.
    let marker = unique("fgpipe");
    let h = setup();
    let script = format!(": {marker}; yes");
    let mut fg = h
        .nook()
        .args([
            "run",
            "--rm",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            &script,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn nook run");
    let mut first = [0u8; 2];
    std::io::Read::read_exact(fg.stdout.as_mut().unwrap(), &mut first).unwrap();
    assert_eq!(&first, b"y\n");
    drop(fg.stdout.take());
    let ended = wait_for(30, || fg.try_wait().unwrap().is_some());
    if !ended {
        let _ = fg.kill();
        let _ = fg.wait();
    }
    assert!(ended, "nook run went on after its reader went");
    nothing_left(&h, &marker);
}
