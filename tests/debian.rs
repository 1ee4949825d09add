//! A real multi-layer Debian image (scripts/debian-image.sh: bookworm base, a layer of
//! whiteouts, a layer with an opaque directory; and bookworm-variant, the same base plus a
//! layer of its own) pushed with skopeo to a local docker-registry, pulled and run; and a pull
//! onto a full disk (a small tmpfs).
//!
//! NOOK_TEST_DEBIAN names the image's OCI layout and NOOK_TEST_SMALLFS the small tmpfs;
//! scripts/test.sh provides both as root. Without them these tests fail, naming what is
//! missing: test.sh filters them out (`--skip debian_`, `--skip smallfs_`) with a loud
//! SKIPPED line instead, except under CI.

mod common;

use common::home::Home;
use common::output_of as sh;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// A directory named by an environment variable, or a failure saying how to get it.
fn given(var: &str, check: &str, how: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(p) if !p.is_empty() && Path::new(&p).join(check).exists() => PathBuf::from(p),
        _ => panic!(
            "{var} is not set (or has no {check}): {how}; scripts/test.sh provides it as root, or filter these tests out with --skip debian_ --skip smallfs_"
        ),
    }
}

/// The OCI layout of scripts/debian-image.sh with tags bookworm and bookworm-variant.
fn layout() -> PathBuf {
    given(
        "NOOK_TEST_DEBIAN",
        "index.json",
        "build the image with `scripts/debian-image.sh DIR --variant bookworm-variant` as root",
    )
}

fn registry_sh() -> Command {
    let mut c = Command::new("bash");
    c.arg(common::scripts_dir().join("registry.sh"))
        .env("REGISTRY_PARENT_PID", std::process::id().to_string());
    c
}

/// One plain registry for the whole test process (it stops when the process exits), holding
/// debian:bookworm and debian:bookworm-variant; returns its address.
fn registry() -> &'static str {
    static ADDR: OnceLock<String> = OnceLock::new();
    ADDR.get_or_init(|| {
        let layout = layout();
        let dir = common::scratch().join("registry");
        let addr = sh(registry_sh().arg("start").arg(&dir).arg("plain"));
        for tag in ["bookworm", "bookworm-variant"] {
            sh(registry_sh()
                .arg("push")
                .arg(&dir)
                .arg(format!("oci:{}:{tag}", layout.display()))
                .arg(format!("debian:{tag}")));
        }
        addr
    })
}

fn image(tag: &str) -> String {
    format!("{}/debian:{tag}", registry())
}

/// A user's own nook for one test.
fn new_user() -> Home {
    Home::new().private_runtime()
}

/// This file's ways of using a user's store.
impl Home {
    fn pull(&self, tag: &str) -> String {
        let id = self.ok(&["pull", "-q", "--tls-verify=false", &image(tag)]);
        assert_eq!(id.trim().len(), 64, "pull prints the image ID: {id:?}");
        id.trim().to_string()
    }

    /// `nook run --rm --pull=never IMAGE sh -c SCRIPT`, its stdout.
    fn run(&self, tag: &str, script: &str) -> String {
        let img = image(tag);
        let args = [
            "run",
            "--rm",
            "--pull=never",
            "--network",
            "none",
            &img,
            "sh",
            "-c",
            script,
        ];
        self.ok(&args)
    }

    /// Bytes under `sub` of the store (`du -sb`; a few directories of subordinate ids may be
    /// unreadable, the same ones in every measurement).
    fn bytes(&self, sub: &str) -> u64 {
        let out = Command::new("du")
            .arg("-sb")
            .arg(self.store().join(sub))
            .stderr(Stdio::null())
            .output()
            .expect("du");
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .expect("du prints a size")
    }
}

#[test]
fn debian_pull_and_run_bookworm_with_its_whiteouts_and_opaque_dir() {
    let user = new_user();
    user.pull("bookworm");
    let os = user.run("bookworm", "cat /etc/os-release");
    assert!(os.contains("VERSION_CODENAME=bookworm"), "{os}");

    // Layer 2 deleted these (whiteouts); its neighbours in the same directories stay.
    let gone = user.run(
        "bookworm",
        "for p in /etc/motd /usr/share/doc/git /usr/share/doc/perl /usr/share/doc/curl \
         /usr/share/doc/bash /etc/passwd; do test -e $p && echo $p; done; cat /etc/nook-layer2",
    );
    assert_eq!(gone, "/usr/share/doc/bash\n/etc/passwd\nlayer 2\n");
    // Layer 3 made /usr/share/locale opaque: only its own file is left.
    assert_eq!(
        user.run("bookworm", "ls -A /usr/share/locale"),
        "nook.txt\n"
    );
    assert_eq!(
        user.run(
            "bookworm",
            "python3 -c 'import sys, json; print(json.dumps(sys.version_info[:2]))'"
        ),
        "[3, 11]\n"
    );
}

#[test]
fn debian_two_images_sharing_the_base_layer_store_it_once() {
    let user = new_user();
    user.pull("bookworm");
    let layers = user.entries("layers");
    assert_eq!(layers.len(), 3, "{layers:?}");
    let (blobs, unpacked) = (user.bytes("blobs"), user.bytes("layers"));
    assert!(blobs > 50_000_000, "the base blob is big: {blobs}");
    assert!(unpacked > 100_000_000, "the base layer is big: {unpacked}");

    user.pull("bookworm-variant");
    let after = user.entries("layers");
    assert_eq!(after.len(), 4, "one new layer only: {after:?}");
    assert!(layers.iter().all(|l| after.contains(l)));
    let (blobs2, unpacked2) = (user.bytes("blobs"), user.bytes("layers"));
    assert!(
        blobs2 - blobs < 1 << 20,
        "blobs grew by {} bytes",
        blobs2 - blobs
    );
    assert!(
        unpacked2 - unpacked < 1 << 20,
        "layers grew by {} bytes",
        unpacked2 - unpacked
    );
    assert_eq!(
        user.run(
            "bookworm-variant",
            "cat /etc/nook-variant; test -e /etc/nook-layer2 || echo no layer 2"
        ),
        "variant\nno layer 2\n"
    );
    let images = user.ok(&["images", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&images).expect("images json");
    assert_eq!(v.as_array().map(Vec::len), Some(2), "{images}");
}

#[test]
fn debian_six_pulls_at_once_into_an_empty_store_record_the_size() {
    // Each pull that waited for another's unpack recorded what it saw itself: 0 bytes.
    let user = new_user();
    let img = image("bookworm");
    let pulls: Vec<_> = (0..6)
        .map(|_| {
            user.nook()
                .args(["pull", "-q", "--tls-verify=false", &img])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut ids = Vec::new();
    for p in pulls {
        let out = p.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
        ids.push(common::stdout(&out).trim().to_string());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one image: {ids:?}");
    let size = |u: &Home| {
        let out = u.ok(&["image", "inspect", &ids[0]]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("inspect json");
        v[0]["Size"].as_u64().expect("a size")
    };
    let alone = new_user();
    alone.pull("bookworm");
    assert!(size(&alone) > 100_000_000, "{}", size(&alone));
    assert_eq!(size(&user), size(&alone), "the size a single pull records");
    let check = user.output(&["system", "check", "--quick"]);
    assert!(
        check.status.success() && check.stdout.is_empty(),
        "{}{}",
        common::stdout(&check),
        common::stderr(&check)
    );
}

/// Bytes free on the file system of `dir`.
fn available(dir: &Path) -> u64 {
    let out = sh(Command::new("df").args(["-B1", "--output=avail"]).arg(dir));
    out.lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("df prints the free bytes")
}

/// `nook pull` (or the pull of `nook run`) of the Debian image into `user`'s store failed
/// on the full disk, saying so in one line, and left nothing half-written: no temporary
/// files, no partial blob, no layer `partial` (the base layer's diff_id) and no image.
fn failed_cleanly(user: &Home, args: &[&str], base_layer: &str) {
    let out = user.output(args);
    let err = common::error_of(&common::stderr(&out));
    assert_eq!(out.status.code(), Some(125), "{args:?}: stderr {err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains("is full") && err.contains("free space") && err.contains("NOOK_STORAGE"),
        "{err}"
    );
    assert_eq!(user.entries("tmp"), Vec::<String>::new(), "{args:?}");
    let layers = user.entries("layers");
    assert!(!layers.iter().any(|l| l == base_layer), "{layers:?}");
    for b in user.entries("blobs/sha256") {
        let path = user.store().join("blobs/sha256").join(&b);
        let sum = sh(Command::new("sha256sum").arg(&path));
        assert_eq!(
            sum.split_whitespace().next(),
            Some(b.as_str()),
            "partial blob {b}"
        );
    }
    let images = user.ok(&["images", "--format", "json"]);
    assert_eq!(images.trim(), "[]");
}

#[test]
fn smallfs_debian_pull_onto_a_full_disk_fails_cleanly() {
    let small = given(
        "NOOK_TEST_SMALLFS",
        ".",
        "mount a tmpfs of 160 MiB owned by you",
    );
    // The base layer: about 104 MB compressed, 285 MB unpacked.
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(layout().join("index.json")).expect("index"))
            .expect("index.json");
    let manifest = index["manifests"][0]["digest"].as_str().expect("manifest");
    let blob = |d: &str| layout().join("blobs/sha256").join(&d[7..]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(blob(manifest)).expect("manifest")).expect("json");
    let config = manifest["config"]["digest"].as_str().expect("config");
    let config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(blob(config)).expect("config")).expect("json");
    let base = config["rootfs"]["diff_ids"][0].as_str().expect("diff_id")[7..].to_string();
    let img = image("bookworm");
    let pull = ["pull", "--tls-verify=false", &img];

    // While downloading: only 40 MiB free.
    let free = available(&small);
    assert!(
        free > 150 << 20,
        "NOOK_TEST_SMALLFS has {free} bytes free, 160 MiB wanted"
    );
    let filler = small.join(common::unique("filler"));
    let size = (free - (40 << 20)).to_string();
    sh(Command::new("fallocate").args(["-l", &size]).arg(&filler));
    let user = new_user().env("XDG_DATA_HOME", small.join(common::unique("data")));
    failed_cleanly(&user, &pull, &base);
    // `nook run` pulls the same way and says the same (-q: without "Trying to pull").
    let run = [
        "run",
        "--rm",
        "-q",
        "--tls-verify=false",
        "--network",
        "none",
        &img,
        "true",
    ];
    failed_cleanly(&user, &run, &base);
    // The small layers unpacked before the disk filled have roots of mode 0555 (podman's,
    // for a layer without "./"): removed in the user namespace, whose root may.
    let data = user.data().to_string_lossy().into_owned();
    user.ok(&["unshare", "rm", "-rf", &data]);
    std::fs::remove_file(&filler).expect("remove the filler");

    // With room for the blobs but not for them and the base layer's files together (a pull
    // unpacks each layer while it downloads, so the disk fills in either, whichever writes
    // last): the same one line, nothing half-written.
    failed_cleanly(&user, &pull, &base);
    // The layers unpacked hold files of subordinate ids: removed in the user namespace.
    user.ok(&["unshare", "rm", "-rf", &data]);
}
