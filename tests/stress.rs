//! The store under concurrency and SIGKILL, a short round for CI: tests/stress/stress.sh with
//! a fixed seed, 3 workers for 20 s (pulls, runs, tags, rmi, prunes, loads, volumes, random
//! SIGKILLs of nook's processes), then no process or mount left, `system check` clean or
//! clean after `--repair` of leftovers only, and every image left runs. The script prints the
//! seed and how to replay it; a longer round by hand is in its header.

mod common;

use std::process::Command;

#[test]
fn stress_short_round_leaves_a_clean_store() {
    let script = common::scripts_dir().join("../tests/stress/stress.sh");
    let dir = common::scratch().join("stress");
    let out = Command::new("bash")
        .arg(&script)
        .args(["--seed", "42", "--workers", "3", "--seconds", "20"])
        .arg("--nook")
        .arg(common::nook_bin())
        .arg("--dir")
        .arg(&dir)
        .output()
        .expect("run tests/stress/stress.sh");
    let text = format!("{}{}", common::stdout(&out), common::stderr(&out));
    println!("{text}");
    assert!(out.status.success(), "the stress round failed:\n{text}");
    assert!(text.contains("stress: PASS (seed 42)"), "{text}");
}
