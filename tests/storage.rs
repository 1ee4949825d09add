//! Storage end to end, as the unprivileged user: an image of 128 layers with both drivers,
//! `nook unshare`, `nook system prune` and `reset`, and a `nook run` killed mid-run whose
//! subordinate-owned directories the next command removes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::{stderr, stdout};

fn scripts_dir() -> PathBuf {
    std::env::var_os("NOOK_SCRIPTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts"))
}

fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("nook-storage-")
            .tempdir()
            .unwrap()
    })
    .path()
}

/// An image made by scripts/testimages.py with `extra` options; returns the archive.
fn testimage(extra: &[&str], file: &str) -> PathBuf {
    let out = scratch().join("images");
    let path = out.join(file);
    if !path.exists() {
        let st = Command::new("python3")
            .arg(scripts_dir().join("testimages.py"))
            .arg(&out)
            .args(extra)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run scripts/testimages.py");
        assert!(st.success(), "testimages.py {extra:?} failed");
    }
    path
}

fn many_layers() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| testimage(&["--many-layers", "128"], "many-128.oci.tar"))
}

#[allow(dead_code)]
fn busybox() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| testimage(&["--busybox-only"], "busybox.oci.tar"))
}

/// A data directory (image store) of its own for each test; the runtime directory is the
/// user's, shared with the other tests.
struct Store {
    dir: tempfile::TempDir,
}

impl Store {
    fn new() -> Store {
        Store {
            dir: tempfile::Builder::new()
                .prefix("nook-store-")
                .tempdir()
                .unwrap(),
        }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("nook/storage")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = common::nook();
        c.env("XDG_DATA_HOME", self.dir.path()).args(args);
        c
    }

    fn nook(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("spawn nook")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.nook(args);
        assert!(
            out.status.success(),
            "nook {args:?} failed ({:?}): {}{}",
            out.status.code(),
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    }

    fn load(&self, file: &Path) {
        self.ok(&["load", "-i", file.to_str().unwrap()]);
    }

    fn entries(&self, sub: &str) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.root().join(sub))
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Layers hold files of subordinate ids: let nook remove them from inside.
        let _ = self.nook(&["rmi", "-a", "-f"]);
    }
}

#[test]
fn an_image_of_128_layers_runs_with_both_drivers() {
    let s = Store::new();
    s.load(many_layers());
    assert_eq!(s.entries("layers").len(), 128);
    for driver in ["overlay", "vfs"] {
        let out = s.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--storage-driver",
            driver,
            "localhost/many:128",
            "cat",
            "/many/top",
            "/many/127",
            "/many/1",
            "/etc/os-release",
        ]);
        assert_eq!(
            out, "top\nlayer 127\nlayer 1\nNAME=\"nook busybox\"\nID=nook-busybox\n",
            "{driver}"
        );
    }
}

#[test]
fn unshare_runs_as_root_of_the_mapped_namespace_and_removes_subordinate_files() {
    let s = Store::new();
    let dir = scratch().join(common::unique("owned"));
    let d = dir.to_str().unwrap();
    // Inside: uid 0, the user's maps, and files chowned to a subordinate id.
    let out = s.ok(&[
        "unshare",
        "sh",
        "-c",
        &format!("id -u; mkdir -p {d}/sub && touch {d}/sub/f && chown -R 42:42 {d}"),
    ]);
    assert_eq!(out, "0\n");
    let map = s.ok(&["unshare", "cat", "/proc/self/uid_map"]);
    let (uid, _) = common::ids();
    assert!(
        map.split_whitespace().collect::<Vec<_>>()[..3] == ["0", &uid.to_string(), "1"],
        "{map}"
    );
    // The user cannot remove them directly...
    assert!(std::fs::remove_dir_all(&dir).is_err());
    assert!(dir.join("sub").exists());
    // ...nook unshare can.
    s.ok(&["unshare", "rm", "-rf", d]);
    assert!(!dir.exists());
    // The exit code is passed through; a missing command is 127, a signal 128+N.
    assert_eq!(
        s.nook(&["unshare", "sh", "-c", "exit 7"]).status.code(),
        Some(7)
    );
    let out = s.nook(&["unshare", "no-such-command-here"]);
    assert_eq!(out.status.code(), Some(127), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);
    assert_eq!(
        s.nook(&["unshare", "sh", "-c", "kill -9 $$"]).status.code(),
        Some(137)
    );
    // Without a command: $SHELL, reading its standard input.
    let out = s
        .cmd(&["unshare"])
        .env("SHELL", "/bin/sh")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(b"echo shell $(id -u)\n")?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(stdout(&out), "shell 0\n", "{}", stderr(&out));
}
