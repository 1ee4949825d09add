//! `nook system check [--repair] [--quick]` end to end, as the unprivileged user: a store with
//! two loaded images (scripts/testimages.py: busybox, and localhost/layers:1 on the same base
//! layer) is damaged by hand, one kind of damage per test; the check must find it (exit 125,
//! podman's report on stdout, one line on stderr), `--repair` must fix it and say so, and the
//! check after it must be clean, the images left must run.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::home::Home;
use common::{stderr, stdout};

/// The test images, built once per test process.
fn images() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::scratch().join("check-images");
        let st = Command::new("python3")
            .arg(common::scripts_dir().join("testimages.py"))
            .arg(&dir)
            .arg("--sentinel")
            .arg(common::scratch().join("no-sentinel"))
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run scripts/testimages.py");
        assert!(st.success(), "testimages.py failed");
        dir
    })
}

/// A store of its own holding busybox and localhost/layers:1.
fn loaded() -> Home {
    let s = Home::new().private_runtime();
    for file in ["busybox.oci.tar", "layers.oci.tar"] {
        s.ok(&["load", "-i", images().join(file).to_str().unwrap()]);
    }
    s
}

/// This file's ways of looking at a store.
impl Home {
    /// The image's manifest (parsed) by name.
    fn manifest(&self, name: &str) -> serde_json::Value {
        let out = self.ok(&["image", "inspect", name]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let digest = v[0]["Digest"].as_str().unwrap().to_string();
        let bytes = std::fs::read(self.blob(&digest)).unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    fn blob(&self, digest: &str) -> PathBuf {
        self.store().join("blobs/sha256").join(&digest[7..])
    }

    fn check(&self, args: &[&str]) -> Output {
        let mut all = vec!["system", "check"];
        all.extend_from_slice(args);
        self.output(&all)
    }

    /// `system check` and `--quick` are clean: exit 0, nothing said.
    fn clean(&self) {
        for args in [&[][..], &["--quick"]] {
            let out = self.check(args);
            assert!(
                out.status.success() && stdout(&out).is_empty(),
                "{args:?}: {}{}",
                stdout(&out),
                stderr(&out)
            );
        }
    }

    /// `system check ARGS` finds damage: exit 125, the report holds `needle`.
    fn finds(&self, args: &[&str], needle: &str) -> String {
        let out = self.check(args);
        let report = stdout(&out);
        common::failed(&out, "damage detected in local storage");
        assert!(report.contains(needle), "{needle:?} not in {report}");
        report
    }

    /// `system check --repair` repairs: exit 0, says `said`; then the store is clean.
    fn repairs(&self, said: &str) -> String {
        let out = self.check(&["--repair"]);
        let text = stdout(&out);
        assert!(out.status.success(), "{text}{}", stderr(&out));
        assert!(text.contains(said), "{said:?} not in {text}");
        self.clean();
        text
    }

    fn run_true(&self, image: &str) {
        self.ok(&["run", "--rm", "--network", "none", image, "true"]);
    }
}

#[test]
fn check_a_whole_store_is_clean_and_records_the_sizes() {
    let s = loaded();
    s.clean();
    let records = s.entries("layer-info");
    assert_eq!(records, s.entries("layers"), "one record per layer");
    let out = s.ok(&["images", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for image in v.as_array().unwrap() {
        assert!(image["Size"].as_u64().unwrap() > 100_000, "{image}");
    }
    // A kept container is not damage.
    s.ok(&[
        "run",
        "--name",
        "kept",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    s.clean();
}

#[test]
fn check_a_truncated_layer_blob_damages_its_images_which_repair_removes() {
    let s = loaded();
    let m = s.manifest("busybox");
    let base = m["layers"][0]["digest"].as_str().unwrap().to_string();
    let size = m["layers"][0]["size"].as_u64().unwrap();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(s.blob(&base))
        .unwrap();
    f.set_len(size / 2).unwrap();
    drop(f);
    // The quick check sees it by its size, the full one by its content.
    s.finds(&["--quick"], &format!("layer blob {base} is truncated"));
    let report = s.finds(&[], "Damaged image");
    assert_eq!(report.matches("Damaged image").count(), 2, "{report}");
    let said = s.repairs("Deleted damaged image: ");
    assert_eq!(said.matches("Deleted damaged image").count(), 2, "{said}");
    assert_eq!(s.ok(&["images", "-q"]), "");
    assert!(s.entries("layers").is_empty() && s.entries("blobs/sha256").is_empty());
    // Loaded again, it runs.
    s.ok(&[
        "load",
        "-i",
        images().join("busybox.oci.tar").to_str().unwrap(),
    ]);
    s.run_true("busybox");
    s.clean();
}

#[test]
fn check_a_missing_blob_damages_only_its_image() {
    let s = loaded();
    let m = s.manifest("localhost/layers:1");
    let config = m["config"]["digest"].as_str().unwrap().to_string();
    std::fs::remove_file(s.blob(&config)).unwrap();
    s.finds(&["--quick"], &format!("config {config} is missing"));
    s.repairs("Deleted damaged image: ");
    assert_eq!(s.ok(&["images", "-q"]).lines().count(), 1);
    s.run_true("busybox");
}

#[test]
fn check_a_manifest_that_does_not_match_its_digest_is_damage() {
    let s = loaded();
    let out = s.ok(&["image", "inspect", "busybox"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let digest = v[0]["Digest"].as_str().unwrap().to_string();
    let mut bytes = std::fs::read(s.blob(&digest)).unwrap();
    bytes.push(b'\n');
    std::fs::write(s.blob(&digest), bytes).unwrap();
    s.finds(
        &["--quick"],
        &format!("manifest {digest} does not match its digest"),
    );
    s.repairs("Deleted damaged image: ");
    assert_eq!(s.ok(&["images", "-q"]).lines().count(), 1);
    s.run_true("localhost/layers:1");
}

#[test]
fn check_orphan_temporaries_and_stale_locks_are_found_and_removed() {
    let s = loaded();
    let tmp = s.store().join("tmp");
    // A blob of a nook that is gone (no such pid), a half-unpacked layer nobody unpacks.
    std::fs::write(tmp.join("blob-999999999-1-1"), b"half a blob").unwrap();
    let hex = "7".repeat(64);
    std::fs::create_dir_all(tmp.join(format!("layer-{hex}/etc"))).unwrap();
    let stale = s
        .store()
        .join("locks")
        .join(format!("{}.lock", "9".repeat(64)));
    std::fs::write(&stale, b"").unwrap();
    let report = s.finds(&["--quick"], "Leftover tmp/blob-999999999-1-1");
    assert!(
        report.contains(&format!("Leftover tmp/layer-{hex}")),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "Leftover locks/{}.lock:\n  * a stale lock",
            "9".repeat(64)
        )),
        "{report}"
    );
    let said = s.repairs("Deleted leftover: tmp/blob-999999999-1-1");
    assert!(
        said.contains(&format!("Deleted leftover: tmp/layer-{hex}")),
        "{said}"
    );
    assert!(!stale.exists());
    assert!(s.entries("tmp").is_empty());
    s.run_true("busybox");
}

#[test]
fn check_a_record_without_its_container_is_found_and_reaped() {
    let s = loaded();
    s.ok(&[
        "run",
        "--name",
        "gone",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    // What a killed `nook run --rm` leaves: its record, asking --rm, and nothing running.
    let ids = s.containers();
    assert_eq!(ids.len(), 1);
    let state = s
        .runtime_dir()
        .join("containers")
        .join(&ids[0])
        .join("state.json");
    let mut record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    record["remove"] = serde_json::Value::Bool(true);
    std::fs::write(&state, record.to_string()).unwrap();
    s.finds(&["--quick"], "--rm was killed");
    s.repairs("Deleted damaged container: ");
    assert!(s.containers().is_empty());
}

#[test]
fn check_wrong_sizes_and_volume_metadata_are_written_anew() {
    let s = loaded();
    let index = s.store().join("images.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&index).unwrap()).unwrap();
    for image in v["images"].as_array_mut().unwrap() {
        for l in image["layers"].as_array_mut().unwrap() {
            l["size"] = serde_json::Value::from(0);
        }
    }
    std::fs::write(&index, v.to_string()).unwrap();
    s.ok(&["volume", "create", "data"]);
    std::fs::remove_file(s.volumes().join("data/volume.json")).unwrap();
    let report = s.finds(&["--quick"], "recorded as 0 bytes");
    assert!(report.contains("Damaged volume data:"), "{report}");
    s.repairs("Recorded the sizes of image: ");
    let out = s.ok(&["images", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v[0]["Size"].as_u64().unwrap() > 100_000, "{out}");
    assert!(s.volumes().join("data/volume.json").is_file());
}

#[test]
fn check_a_layer_without_its_record_gets_one_from_its_blob() {
    // As a layer unpacked by an older nook, which wrote no completion record.
    let s = loaded();
    let records = s.entries("layer-info");
    let gone = s.store().join("layer-info").join(&records[0]);
    let kept = std::fs::read(&gone).unwrap();
    std::fs::remove_file(&gone).unwrap();
    s.finds(&["--quick"], "it has no completion record");
    s.repairs("Wrote the completion record of layer: ");
    assert_eq!(
        std::fs::read(&gone).unwrap(),
        kept,
        "the same size, counted from the blob"
    );
    s.run_true("localhost/layers:1");
}
