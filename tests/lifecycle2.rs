//! Containers that live on, continued: a kept container of an image survives a reboot (its
//! root's changes and record in the data directory), foreground runs are logged, `wait` on a
//! `--rm` container gets its code, `logs` of a journald container without a journal.

mod common;

use std::os::unix::fs::DirBuilderExt;
use std::path::Path;

use common::home::nothing_left;
use common::podman::with_busybox as setup;
use common::*;

#[test]
fn a_kept_containers_root_and_record_survive_a_reboot() {
    for driver in ["overlay", "vfs"] {
        let marker = unique(&format!("reboot-{driver}"));
        let h = setup();
        let script =
            format!(": {marker}; cat /kept.txt 2>/dev/null || echo none; echo {driver} >/kept.txt");
        let id = h
            .ok(&[
                "run",
                "-d",
                "--network",
                "none",
                "--storage-driver",
                driver,
                "--name",
                &marker,
                "busybox",
                "sh",
                "-c",
                &script,
            ])
            .trim()
            .to_string();
        assert_eq!(h.ok(&["wait", &marker]), "0\n");
        assert_eq!(h.ok(&["logs", &marker]), "none\n");
        let data = h.data().join("nook/containers").join(&id);
        let own = match driver {
            "vfs" => "rootfs",
            _ => "upper",
        };
        assert!(
            data.join(own).is_dir(),
            "{driver}: the root's changes are in the data directory"
        );
        let state = h.runtime_dir().join("containers").join(&id);
        assert!(
            !state.join(own).exists(),
            "{driver}: nothing of the root in the runtime directory"
        );
        // A reboot: the holder ends, the runtime directory (a tmpfs) is gone, a new empty one.
        h.ok(&["system", "migrate"]);
        let run = h.runtime().unwrap();
        std::fs::remove_dir_all(&run).unwrap();
        std::fs::DirBuilder::new().mode(0o700).create(&run).unwrap();
        let ps = h.ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
        assert!(
            ps.starts_with(&format!("{marker} Exited (0)")),
            "{driver}: {ps}"
        );
        h.ok(&["start", &marker]);
        assert_eq!(h.ok(&["wait", &marker]), "0\n");
        assert_eq!(
            h.ok(&["logs", &marker]),
            format!("none\n{driver}\n"),
            "{driver}: the file written before the reboot is still there"
        );
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("kept.txt");
        h.ok(&["cp", &format!("{marker}:/kept.txt"), dest.to_str().unwrap()]);
        assert_eq!(
            std::fs::read_to_string(&dest).unwrap(),
            format!("{driver}\n")
        );
        h.ok(&["rm", &marker]);
        nothing_left(&h, &marker);
    }
}

#[test]
fn wait_prints_the_code_of_a_rm_container() {
    let marker = unique("waitrm");
    let h = setup();
    // Detached: its monitor removes it as it ends.
    let script = format!(": {marker}; sleep 1; exit 3");
    h.ok(&[
        "run",
        "-d",
        "--rm",
        "--network",
        "none",
        "--name",
        &marker,
        "busybox",
        "sh",
        "-c",
        &script,
    ]);
    assert_eq!(h.ok(&["wait", &marker]), "3\n");
    // In the foreground: the nook run that removes it.
    let fg = format!("{marker}-fg");
    let script = format!(": {marker}; sleep 2; exit 4");
    let mut run = h
        .nook()
        .args([
            "run",
            "--rm",
            "--network",
            "none",
            "--name",
            &fg,
            "busybox",
            "sh",
            "-c",
            &script,
        ])
        .spawn()
        .unwrap();
    assert!(wait_for(20, || !h
        .ok(&["ps", "-q", "--filter", &format!("name={fg}")])
        .is_empty()));
    assert_eq!(h.ok(&["wait", &fg]), "4\n");
    assert_eq!(run.wait().unwrap().code(), Some(4));
    nothing_left(&h, &marker);
}

#[test]
fn logs_of_a_journald_container_without_a_journal_is_one_line() {
    let marker = unique("journal");
    let h = setup();
    let id = h
        .ok(&[
            "create",
            "--network",
            "none",
            "--name",
            &marker,
            "busybox",
            "true",
        ])
        .trim()
        .to_string();
    // As a container made where a journal was (this machine has none, and nook refuses
    // --log-driver journald without one): its records say journald.
    let records = [
        h.runtime_dir()
            .join("containers")
            .join(&id)
            .join("state.json"),
        h.data()
            .join("nook/containers")
            .join(&id)
            .join("state.json"),
    ];
    for path in &records {
        let mut r: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        r["log_driver"] = "journald".into();
        std::fs::write(path, serde_json::to_vec(&r).unwrap()).unwrap();
    }
    let empty = |d: &str| std::fs::read_dir(d).map_or(true, |mut d| d.next().is_none());
    let no_journal = !Path::new("/run/systemd/journal/socket").exists()
        && empty("/run/log/journal")
        && empty("/var/log/journal");
    if no_journal {
        let line = h.fails(&["logs", &marker], "journald");
        assert!(line.contains("no journal"), "{line}");
    } else {
        // A journal: nothing was written for it, nothing comes back, and no error.
        assert_eq!(h.ok(&["logs", &marker]), "");
    }
    h.ok(&["rm", &marker]);
    nothing_left(&h, &marker);
}
