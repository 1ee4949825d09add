//! Helpers of the tests of what podman's own system tests check (tests/podman*.rs): the
//! test images, a home with busybox, `run --rm`, scratch directories, a containers.conf.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use super::home::Home;
use super::stderr;
use super::stdout;

/// The test images of scripts/testimages.py, built once per test process.
pub fn image(name: &str) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let tmp = tempfile::Builder::new()
            .prefix("nook-podman-")
            .tempdir()
            .unwrap();
        let st = Command::new("python3")
            .arg(super::scripts_dir().join("testimages.py"))
            .arg(tmp.path())
            .stdout(Stdio::null())
            .status()
            .expect("run scripts/testimages.py");
        assert!(st.success(), "testimages.py failed");
        tmp
    });
    dir.path().join(name)
}

/// A home with busybox loaded (docker.io/library/busybox:latest).
pub fn with_busybox() -> Home {
    let h = Home::new().private_runtime();
    h.ok(&["load", "-i", image("busybox.oci.tar").to_str().unwrap()]);
    h
}

/// `nook run --rm --network none ARGS`.
pub fn run(h: &Home, args: &[&str]) -> Output {
    let mut all = vec!["run", "--rm", "--network", "none"];
    all.extend_from_slice(args);
    h.output(&all)
}

/// `run`, which must succeed: its standard output.
pub fn run_ok(h: &Home, args: &[&str]) -> String {
    let out = run(h, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// A scratch directory the test user owns, under the home (removed with it).
pub fn dir_in(h: &Home, name: &str) -> PathBuf {
    let d = h.path().join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A containers.conf with `text`, for CONTAINERS_CONF_OVERRIDE (kept as long as the dir).
pub fn conf(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("nook-cc2-")
        .tempdir()
        .unwrap();
    let file = dir.path().join("containers.conf");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}
