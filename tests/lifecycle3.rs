//! Containers that live on, third round: `rm -f` of a `--rm` container racing its own
//! removal, foreground runs logged like podman's (`logs`, `logs -f` from another process).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::home::Home;
use common::*;

/// The busybox image of scripts/testimages.py, made once per test process.
fn busybox() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| {
        let out = scratch().join("images-lifecycle3");
        let path = out.join("busybox.oci.tar");
        if !path.exists() {
            let st = Command::new("python3")
                .arg(scripts_dir().join("testimages.py"))
                .arg(&out)
                .arg("--busybox-only")
                .stdout(std::process::Stdio::null())
                .status()
                .expect("run scripts/testimages.py");
            assert!(st.success(), "testimages.py failed");
        }
        path
    })
}

/// A home with its own runtime directory and the busybox image.
fn setup() -> Home {
    let h = Home::new().private_runtime();
    h.ok(&["load", "-i", busybox().to_str().unwrap()]);
    h
}

/// Nothing of the home's containers is left: no state, no record, no process with
/// `marker`, no mount.
fn nothing_left(h: &Home, marker: &str) {
    assert!(
        wait_for(10, || processes_with(marker).is_empty()),
        "processes left"
    );
    assert!(
        h.containers().is_empty(),
        "state left: {:?}",
        h.containers()
    );
    assert!(names_in(&h.runtime_dir().join("names")).is_empty());
    assert!(names_in(&h.data().join("nook/containers")).is_empty());
    assert!(host_mounts_with(h.path().to_str().unwrap()).is_empty());
}

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
