//! Archives of podman's commands: `save -m` (several images in one docker-archive, loaded
//! back all at once, to a file and through a pipe), `save --uncompressed`, and volumes as
//! tars (`volume export`, `volume import`) with `volume prune --filter`.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::home::Home;
use common::podman::{image, with_busybox};
use common::*;

/// A home with two different images: busybox and localhost/entry:1.
fn two_images() -> Home {
    let h = with_busybox();
    h.ok(&["load", "-i", image("entry.oci.tar").to_str().unwrap()]);
    h
}

const IMG1: &str = "docker.io/library/busybox:latest";
const IMG2: &str = "localhost/entry:1";

fn both_exist(h: &Home) {
    for img in [IMG1, IMG2] {
        let out = h.output(&["image", "exists", img]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{img} missing: {}",
            h.ok(&["images"])
        );
    }
}

#[test]
fn save_m_writes_several_images_and_load_loads_them_all() {
    let h = two_images();
    let dir = tempfile::tempdir_in(h.path()).unwrap();
    let archive = dir.path().join("multi.tar");
    h.ok(&["save", "-m", "-o", archive.to_str().unwrap(), IMG1, IMG2]);
    h.ok(&["rmi", "-f", IMG1, IMG2]);
    assert_eq!(h.output(&["image", "exists", IMG1]).status.code(), Some(1));
    let loaded = h.ok(&["load", "-i", archive.to_str().unwrap()]);
    assert!(loaded.contains(IMG1) && loaded.contains(IMG2), "{loaded}");
    both_exist(&h);
    // Through a pipe, as `podman save -m A B | cat > FILE`.
    let out = h
        .nook()
        .args(["save", "-m", IMG1, IMG2])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    h.ok(&["rmi", "-f", IMG1, IMG2]);
    let mut load = h
        .nook()
        .args(["load"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    load.stdin.take().unwrap().write_all(&out.stdout).unwrap();
    let done = load.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", stderr(&done));
    both_exist(&h);
    // -m is docker-archive's; --uncompressed is accepted.
    failed(
        &h.output(&[
            "save",
            "-m",
            "--format",
            "oci-archive",
            "-o",
            "/dev/null",
            IMG1,
        ]),
        "docker-archive",
    );
    // --uncompressed: an oci-archive whose layers are plain tars, loaded back as they are.
    let oci = dir.path().join("u.tar");
    h.ok(&[
        "save",
        "--uncompressed",
        "--format",
        "oci-archive",
        "-o",
        oci.to_str().unwrap(),
        IMG1,
    ]);
    let x = dir.path().join("x");
    std::fs::create_dir(&x).unwrap();
    output_of(
        std::process::Command::new("tar")
            .arg("-C")
            .arg(&x)
            .arg("-xf")
            .arg(&oci),
    );
    let blob = |d: &str| x.join("blobs/sha256").join(&d[7..]);
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(x.join("index.json")).unwrap()).unwrap();
    let m: serde_json::Value = serde_json::from_slice(
        &std::fs::read(blob(index["manifests"][0]["digest"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    for l in m["layers"].as_array().unwrap() {
        assert!(l["mediaType"].as_str().unwrap().ends_with(".tar"), "{m}");
        let bytes = std::fs::read(blob(l["digest"].as_str().unwrap())).unwrap();
        assert_eq!(&bytes[257..262], b"ustar", "a plain tar");
        assert_eq!(bytes.len() as u64, l["size"].as_u64().unwrap());
    }
    h.ok(&["rmi", "-f", IMG1]);
    h.ok(&["load", "-i", oci.to_str().unwrap()]);
    assert_eq!(h.output(&["image", "exists", IMG1]).status.code(), Some(0));
}

#[test]
fn volumes_export_and_import_keep_files_and_owners() {
    let h = with_busybox();
    h.ok(&["volume", "create", "src"]);
    h.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "src:/v",
        IMG1,
        "sh",
        "-c",
        "echo hello > /v/file; mkdir /v/d; echo x > /v/d/y; chown 1000:1000 /v/d/y",
    ]);
    let dir = tempfile::tempdir_in(h.path()).unwrap();
    let tar = dir.path().join("v.tar");
    h.ok(&["volume", "export", "src", "-o", tar.to_str().unwrap()]);
    let listing = output_of(std::process::Command::new("tar").arg("-tvf").arg(&tar));
    assert!(
        listing.contains("file") && listing.contains("d/y"),
        "{listing}"
    );
    assert!(
        listing.contains("1000/1000"),
        "owners as the container sees them: {listing}"
    );
    // Into another volume, from the file and from standard input.
    h.ok(&["volume", "create", "dst"]);
    h.ok(&["volume", "import", "dst", tar.to_str().unwrap()]);
    let seen = h.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "dst:/v",
        IMG1,
        "sh",
        "-c",
        "cat /v/file /v/d/y; stat -c %u:%g /v/d/y",
    ]);
    assert_eq!(seen, "hello\nx\n1000:1000\n");
    h.ok(&["volume", "create", "piped"]);
    let mut child = h
        .nook()
        .args(["volume", "import", "piped", "-"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&tar).unwrap())
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert!(h.volumes().join("piped/_data/file").is_file());
    // Export to standard output.
    let out = h.nook().args(["volume", "export", "src"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        out.stdout.len() as u64,
        std::fs::metadata(&tar).unwrap().len()
    );
    // A missing volume or file: one line, 125.
    failed(
        &h.output(&["volume", "export", "nope", "-o", "/dev/null"]),
        "no volume",
    );
    failed(
        &h.output(&["volume", "import", "nope", tar.to_str().unwrap()]),
        "no volume",
    );
    failed(
        &h.output(&["volume", "import", "dst", "/no/such.tar"]),
        "no such file",
    );
}

#[test]
fn volume_prune_filters_by_label_and_age() {
    let h = Home::new().private_runtime();
    h.ok(&["volume", "create", "--label", "keep=yes", "kept"]);
    h.ok(&["volume", "create", "--label", "tmp=1", "scratch1"]);
    h.ok(&["volume", "create", "plain"]);
    // Without -f: the list and the question; no answer removes nothing.
    let mut ask = h
        .nook()
        .args(["volume", "prune", "--filter", "label=tmp"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    ask.stdin.take().unwrap().write_all(b"N\n").unwrap();
    let asked = ask.wait_with_output().unwrap();
    assert!(asked.status.success());
    let text = stdout(&asked);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("WARNING!") && lines[1] == "scratch1",
        "{text}"
    );
    assert_eq!(h.ok(&["volume", "ls", "-q"]), "kept\nplain\nscratch1\n");
    // Nothing is older than an hour.
    assert_eq!(h.ok(&["volume", "prune", "-f", "--filter", "until=1h"]), "");
    assert_eq!(
        h.ok(&["volume", "prune", "-f", "--filter", "label=tmp"]),
        "scratch1\n"
    );
    assert_eq!(
        h.ok(&["volume", "prune", "--force", "--filter", "label!=keep"]),
        "plain\n"
    );
    assert_eq!(h.ok(&["volume", "ls", "-q"]), "kept\n");
    failed(
        &h.output(&["volume", "prune", "-f", "--filter", "colour=red"]),
        "invalid volume filter",
    );
    assert_eq!(h.ok(&["volume", "prune", "-f"]), "kept\n");
}
