//! What other local users can reach of a user's nook, as two unprivileged users (the second
//! one through `sudo -n -u`, see common::other_user): nothing of the store, the volumes, the
//! containers' state or the cache, even in a home directory they can enter, and no setuid file
//! of an image or a volume runs as the owner; the modes nook keeps (0700, 0600) and the repair
//! of an older installation's; store locks held by another user or by a stuck process of the
//! owner: said after 3 s, given up on with one line and exit 125, and everything works after.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use common::home::Home;
use common::{stderr, stdout};

const EACCES: i64 = 13;

/// A user's nook in a "home" that other users can enter (0755, a shared machine's), with its
/// data, cache, runtime and config directories in it (0755 too): only nook's own modes keep
/// anybody out.
fn new_owner() -> Home {
    let o = Home::new().private_runtime();
    for dir in [
        o.path().to_path_buf(),
        o.data(),
        o.cache(),
        o.runtime().unwrap(),
        o.config(),
    ] {
        fs::create_dir_all(&dir).unwrap();
        set_mode(&dir, 0o755);
    }
    o
}

/// This file's names for the owner's directories, and a way to run a container.
impl Home {
    fn nook_dir(&self) -> PathBuf {
        self.data().join("nook")
    }

    fn nook_cache(&self) -> PathBuf {
        self.cache().join("nook")
    }

    fn auth(&self) -> PathBuf {
        self.runtime().unwrap().join("containers/auth.json")
    }

    /// `nook run --rm --network none OPTS --rootfs BUSYBOX sh -c SCRIPT`, asserting success.
    fn sh(&self, opts: &[&str], script: &str) -> String {
        let rootfs = common::rootfs().to_str().unwrap();
        let mut all = vec!["run", "--rm", "--network", "none"];
        all.extend_from_slice(opts);
        all.extend_from_slice(&["--rootfs", rootfs, "sh", "-c", script]);
        self.ok(&all)
    }
}

/// `~/.cache/nook` as an older nook left it (its caches now live in the runtime directory):
/// the umask's 0755, with an entry in it. The next command must make it private.
fn leftover_cache(o: &Home) {
    let dir = o.nook_cache().join("seccomp");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("old.bpf"), b"old").unwrap();
    set_mode(&o.nook_cache(), 0o755);
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .mode()
        & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {mode:o} {}: {e}", path.display()));
}

/// A static program that prints its effective uid, built once.
fn euid_program() -> &'static Path {
    static PROGRAM: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PROGRAM
        .get_or_init(|| {
            let dir = tempfile::Builder::new()
                .prefix("nook-euid-")
                .tempdir()
                .unwrap();
            let src = dir.path().join("euid.c");
            fs::write(
                &src,
                "#include <stdio.h>\n#include <unistd.h>\n\
                 int main(void) { printf(\"%u\\n\", (unsigned)geteuid()); return 0; }\n",
            )
            .unwrap();
            let bin = dir.path().join("euid");
            let out = Command::new("cc")
                .args(["-static", "-O1", "-o"])
                .arg(&bin)
                .arg(&src)
                .output()
                .expect("cc (gcc) to build the euid program");
            assert!(out.status.success(), "cc: {}", stderr(&out));
            (dir, bin)
        })
        .1
}

fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A docker-archive `localhost/setuid:1` of one layer holding `/euid`, setuid (4755) root's,
/// built once; and the layer's diff_id hex (its directory name under `layers/`).
fn setuid_image() -> &'static (PathBuf, String) {
    static IMAGE: OnceLock<(tempfile::TempDir, (PathBuf, String))> = OnceLock::new();
    &IMAGE
        .get_or_init(|| {
            let dir = tempfile::Builder::new()
                .prefix("nook-suid-img-")
                .tempdir()
                .unwrap();
            let program = fs::read(euid_program()).unwrap();
            let mut layer = tar::Builder::new(Vec::new());
            let mut h = tar::Header::new_ustar();
            h.set_path("euid").unwrap();
            h.set_size(program.len() as u64);
            h.set_mode(0o4755);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(1_700_000_000);
            h.set_entry_type(tar::EntryType::Regular);
            h.set_cksum();
            layer.append(&h, program.as_slice()).unwrap();
            let layer = layer.into_inner().unwrap();
            let diff = sha256_hex(&layer);
            let config = serde_json::to_vec(&serde_json::json!({
                "architecture": "amd64",
                "os": "linux",
                "config": { "Cmd": ["/euid"] },
                "rootfs": { "type": "layers", "diff_ids": [format!("sha256:{diff}")] },
            }))
            .unwrap();
            let config_name = format!("{}.json", sha256_hex(&config));
            let manifest = serde_json::to_vec(&serde_json::json!([{
                "Config": config_name,
                "RepoTags": ["localhost/setuid:1"],
                "Layers": [format!("{diff}/layer.tar")],
            }]))
            .unwrap();
            let mut archive = tar::Builder::new(Vec::new());
            for (name, data) in [
                (config_name.clone(), config),
                (format!("{diff}/layer.tar"), layer),
                ("manifest.json".to_string(), manifest),
            ] {
                let mut h = tar::Header::new_ustar();
                h.set_path(&name).unwrap();
                h.set_size(data.len() as u64);
                h.set_mode(0o644);
                h.set_mtime(1_700_000_000);
                h.set_cksum();
                archive.append(&h, data.as_slice()).unwrap();
            }
            let path = dir.path().join("setuid.docker.tar");
            fs::write(&path, archive.into_inner().unwrap()).unwrap();
            // Readable by the owner's nook only (the temp dir is 0700).
            (dir, (path, diff))
        })
        .1
}

/// What the other user gets trying each `OP:PATH` (list a directory, read a file, execute a
/// program): the errno (0: it worked) and, for a program that ran, its output.
fn attempts(other: &str, what: &[String]) -> Vec<(String, i64, String)> {
    const SCRIPT: &str = r#"
import json, os, subprocess, sys
out = []
for spec in sys.argv[1:]:
    op, path = spec.split(":", 1)
    r = {"spec": spec, "errno": 0, "out": ""}
    try:
        if op == "list":
            os.listdir(path)
        elif op == "read":
            with open(path, "rb") as f:
                f.read(1)
        elif op == "exec":
            p = subprocess.run([path], capture_output=True, timeout=20)
            r["out"] = p.stdout.decode(errors="replace").strip()
    except OSError as e:
        r["errno"] = e.errno
    out.append(r)
print(json.dumps(out))
"#;
    let out = common::as_other(other, "python3")
        .args(["-c", SCRIPT])
        .args(what)
        .output()
        .expect("sudo python3");
    assert!(
        out.status.success(),
        "python3 as {other}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["spec"].as_str().unwrap().to_string(),
                r["errno"].as_i64().unwrap(),
                r["out"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn two_users_the_other_cannot_reach_the_store_volumes_runtime_or_cache_nor_run_setuid_files() {
    let Some(other) = common::other_user() else {
        return;
    };
    let me = common::ids().0.to_string();
    let o = new_owner();
    leftover_cache(&o);
    let (archive, diff) = setuid_image();
    o.ok(&["load", "-i", archive.to_str().unwrap()]);
    // The threat is real: the layer's file is setuid and the owner's on the host.
    let in_layer = o.store().join("layers").join(diff).join("euid");
    let meta = fs::metadata(&in_layer).unwrap();
    assert_eq!(
        (meta.mode() & 0o7777, meta.uid().to_string()),
        (0o4755, me.clone()),
        "{}",
        in_layer.display()
    );
    // A container makes a setuid copy in a named volume.
    let euid = format!("{}:/euid:ro", euid_program().display());
    o.sh(
        &["-v", "data:/v", "-v", &euid],
        "cp /euid /v/euid && chmod 4755 /v/euid",
    );
    let in_volume = o.volumes().join("data/_data/euid");
    let meta = fs::metadata(&in_volume).unwrap();
    assert_eq!(
        (meta.mode() & 0o7777, meta.uid().to_string()),
        (0o4755, me.clone())
    );
    // The owner runs them as itself.
    assert_eq!(common::output_of(&mut Command::new(&in_layer)), me);
    assert_eq!(common::output_of(&mut Command::new(&in_volume)), me);
    let blob = fs::read_dir(o.store().join("blobs/sha256"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for dir in [o.runtime_dir(), o.nook_cache()] {
        assert!(dir.is_dir(), "{} was not made", dir.display());
    }
    let spec = |op: &str, p: &Path| format!("{op}:{}", p.display());
    // Where nook's own modes are all that stands: the home and the data directory are open.
    let open = attempts(
        &other,
        &[
            spec("list", o.path()),
            spec("list", &o.data()),
            spec("list", &o.runtime().unwrap()),
        ],
    );
    for (what, errno, _) in &open {
        assert_eq!(*errno, 0, "{what}: the test's home must be open to {other}");
    }
    let closed = [
        spec("list", &o.nook_dir()),
        spec("list", &o.store()),
        spec("list", &o.store().join("layers")),
        spec("list", &o.store().join("blobs/sha256")),
        spec("list", &o.volumes()),
        spec("list", &o.volumes().join("data/_data")),
        spec("list", &o.runtime_dir()),
        spec("list", &o.nook_cache()),
        spec("read", &blob),
        spec("read", &o.store().join("images.json")),
        spec("read", &in_layer),
        spec("read", &in_volume),
        spec("exec", &in_layer),
        spec("exec", &in_volume),
    ];
    let got = attempts(&other, &closed);
    assert_eq!(got.len(), closed.len());
    for (what, errno, out) in got {
        assert_ne!(out, me, "{what} ran with the owner's euid");
        assert_eq!(
            errno, EACCES,
            "{what}: {other} got errno {errno} (output {out:?})"
        );
    }
}

/// A registry that answers every request 200 `{}`: enough for `nook login` (no challenge).
fn open_registry() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            // One read, whatever it is: a TLS hello (nook tries https first) gets the same
            // plain answer, which it refuses at once, and falls back to http.
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let _ = conn.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\
                  Docker-Distribution-API-Version: registry/2.0\r\nConnection: close\r\n\r\n{}",
            );
        }
    });
    addr
}

#[test]
fn the_store_is_private_and_an_older_installations_modes_are_repaired_once() {
    let o = new_owner();
    leftover_cache(&o);
    let (archive, diff) = setuid_image();
    o.ok(&["load", "-i", archive.to_str().unwrap()]);
    o.ok(&["volume", "create", "vol"]);
    o.sh(&["-v", "vol:/v"], "echo x > /v/file");
    let registry = open_registry();
    let login = o.ok(&[
        "login",
        "--tls-verify=false",
        "-u",
        "ann",
        "-p",
        "secret",
        &registry,
    ]);
    assert_eq!(login.trim(), "Login Succeeded!");
    let store = o.store();
    let dirs = [
        o.nook_dir(),
        store.clone(),
        store.join("blobs"),
        store.join("blobs/sha256"),
        store.join("layers"),
        store.join("tmp"),
        store.join("locks"),
        o.volumes(),
        o.volumes().join("vol"),
        o.runtime_dir(),
        o.runtime_dir().join("containers"),
        o.runtime_dir().join("names"),
        o.nook_cache(),
    ];
    let layer_lock = store.join("locks").join(format!("{diff}.lock"));
    let files = [store.join("index.lock"), layer_lock.clone(), o.auth()];
    for d in &dirs {
        assert_eq!(mode(d), 0o700, "{}", d.display());
    }
    for f in &files {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }

    // An older nook's modes (the umask's): repaired by the next command, said once.
    let older = [
        o.nook_dir(),
        store.clone(),
        store.join("blobs"),
        store.join("blobs/sha256"),
        store.join("layers"),
        store.join("tmp"),
        store.join("locks"),
        o.volumes(),
        o.runtime_dir(),
        o.nook_cache(),
    ];
    for d in &older {
        set_mode(d, 0o755);
    }
    for f in &files {
        set_mode(f, 0o644);
    }
    let out = o.output(&["images"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    assert!(
        err.starts_with("Info: made nook's files private to you (chmod 0700 ~/data/nook and 7 directories in it, ~/run/nook, ~/cache/nook; chmod 0600 ~/run/containers/auth.json)"),
        "{err}"
    );
    for d in &older {
        assert_eq!(mode(d), 0o700, "{}", d.display());
    }
    assert_eq!(mode(&o.auth()), 0o600);
    // Lock files are made private when next taken.
    o.ok(&["tag", "localhost/setuid:1", "localhost/setuid:2"]);
    assert_eq!(mode(&store.join("index.lock")), 0o600);
    // Nothing more to say.
    let out = o.output(&["images"]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).contains("localhost/setuid"),
        "{}",
        stdout(&out)
    );
}

/// A background process, killed with its process group and waited for when dropped.
struct Holder {
    child: Child,
    group: bool,
}

impl Holder {
    /// `flock PATH ARGS...` of the owner, in a process group of its own.
    fn owner(path: &Path, args: &[&str]) -> Holder {
        let child = Command::new("flock")
            .arg(path)
            .args(args)
            .stdin(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("flock");
        Holder { child, group: true }
    }

    /// `flock PATH cat` as the other user: it holds the lock until its standard input closes.
    fn other(other: &str, path: &Path) -> Holder {
        let child = common::as_other(other, "flock")
            .arg(path)
            .arg("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("sudo flock");
        Holder {
            child,
            group: false,
        }
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        if self.group {
            let _ = nix::sys::signal::killpg(
                nix::unistd::Pid::from_raw(self.child.id() as i32),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
        // The other user's `cat` ends at the end of its input, and `flock` with it.
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// Whether someone holds the flock on `path` (nobody while the file does not exist: `flock`
/// creates it once it runs).
fn locked(path: &Path) -> bool {
    let Ok(f) = fs::File::open(path) else {
        return false;
    };
    matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock))
}

/// `nook ARGS` with NOOK_LOCK_TIMEOUT: its output and how long it took.
fn timed(o: &Home, timeout: &str, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = o
        .nook()
        .args(args)
        .env("NOOK_LOCK_TIMEOUT", timeout)
        .output()
        .unwrap();
    (out, start.elapsed())
}

/// The lines of a wait given up on: the waiting line, then one error line, exit 125.
fn gave_up(out: &Output, took: Duration, limit: u64, waiting: &str, error: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(125), "{err}");
    assert!(
        took >= Duration::from_secs(limit) && took < Duration::from_secs(limit + 15),
        "took {took:?}: {err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    let info = lines
        .iter()
        .filter(|l| l.starts_with("Info: waiting for "))
        .count();
    assert_eq!(info, 1, "one waiting line: {err}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(waiting) && l.ends_with(" ...")),
        "{err}"
    );
    let last = lines.last().unwrap();
    assert!(last.starts_with("Error: "), "{err}");
    for e in error {
        assert!(last.contains(e), "{e:?} not in {last}");
    }
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("Error: ")).count(),
        1,
        "{err}"
    );
}

#[test]
fn two_users_a_store_lock_held_by_another_user_is_named_and_given_up_on() {
    let Some(other) = common::other_user() else {
        return;
    };
    let o = new_owner();
    let (archive, _) = setuid_image();
    o.ok(&["load", "-i", archive.to_str().unwrap()]);
    // As an older nook left it: the other user can still open the lock.
    let index_lock = o.store().join("index.lock");
    set_mode(&o.nook_dir(), 0o755);
    set_mode(&o.store(), 0o755);
    set_mode(&index_lock, 0o644);
    let holder = Holder::other(&other, &index_lock);
    assert!(
        common::wait_for(20, || locked(&index_lock)),
        "{other} did not take the lock"
    );
    let pid = holder.child.id().to_string();
    let (out, took) = timed(&o, "5", &["tag", "localhost/setuid:1", "localhost/taken:1"]);
    let err = stderr(&out);
    // The store was made private first; the lock stays held by the descriptor opened before.
    assert!(
        err.starts_with("Info: made nook's files private to you"),
        "{err}"
    );
    assert_eq!(mode(&o.store()), 0o700);
    gave_up(
        &out,
        took,
        5,
        "Info: waiting for the image store lock held by PID ",
        &[
            &format!(
                "the image store lock {} is held by PID",
                index_lock.display()
            ),
            "(flock ",
            &format!("of user {other}, not by you"),
            "ask them or an administrator to end it",
            "NOOK_LOCK_TIMEOUT",
        ],
    );
    // sudo's pid is not the holder's: the holder is the flock it started.
    assert!(!err.contains(&format!("PID {pid} ")), "{err}");
    assert!(
        o.ok(&["images"]).contains("localhost/setuid"),
        "the store still works"
    );
    drop(holder);
    assert!(!locked(&index_lock), "the lock outlived its holder");
    o.ok(&["tag", "localhost/setuid:1", "localhost/taken:1"]);
    assert!(o.ok(&["images"]).contains("localhost/taken"));
}

#[test]
fn a_stuck_holder_of_a_store_lock_is_named_and_given_up_on() {
    let o = new_owner();
    let (archive, diff) = setuid_image();
    o.ok(&["load", "-i", archive.to_str().unwrap()]);
    let index_lock = o.store().join("index.lock");
    let holder = Holder::owner(&index_lock, &["sleep", "60"]);
    assert!(common::wait_for(20, || locked(&index_lock)));
    let pid = holder.child.id();
    let (out, took) = timed(&o, "5", &["tag", "localhost/setuid:1", "localhost/stuck:1"]);
    gave_up(
        &out,
        took,
        5,
        &format!("Info: waiting for the image store lock held by PID {pid} (flock "),
        &[
            &format!(
                "the image store lock {} is held by PID {pid} (flock ",
                index_lock.display()
            ),
            "which has done nothing for 5 s",
            &format!("kill {pid}"),
            "NOOK_LOCK_TIMEOUT=SECONDS",
        ],
    );
    drop(holder);
    o.ok(&["tag", "localhost/setuid:1", "localhost/stuck:1"]);
    assert!(o.ok(&["images"]).contains("localhost/stuck"));

    // A layer's lock: a load that must unpack that layer gives up the same way.
    o.ok(&["rmi", "-a"]);
    assert!(!o.store().join("layers").join(diff).exists());
    let layer_lock = o.store().join("locks").join(format!("{diff}.lock"));
    let holder = Holder::owner(&layer_lock, &["sleep", "60"]);
    assert!(common::wait_for(20, || locked(&layer_lock)));
    let (out, took) = timed(&o, "4", &["load", "-i", archive.to_str().unwrap()]);
    gave_up(
        &out,
        took,
        4,
        &format!(
            "Info: waiting for the lock of layer {} held by PID ",
            &diff[..12]
        ),
        &[&format!(
            "the lock of layer {} {}",
            &diff[..12],
            layer_lock.display()
        )],
    );
    assert!(!o.ok(&["images"]).contains("localhost/setuid"));
    drop(holder);
    o.ok(&["load", "-i", archive.to_str().unwrap()]);
    assert!(o.ok(&["images"]).contains("localhost/setuid"));
}

#[test]
fn a_holder_that_works_is_waited_for_longer_than_the_limit() {
    let o = new_owner();
    let (archive, _) = setuid_image();
    o.ok(&["load", "-i", archive.to_str().unwrap()]);
    let index_lock = o.store().join("index.lock");
    // About 8 s of small reads: busy, never idle for a second.
    let holder = Holder::owner(
        &index_lock,
        &[
            "sh",
            "-c",
            "i=0; while [ $i -lt 40 ]; do cat /etc/passwd /etc/group >/dev/null; sleep 0.2; i=$((i+1)); done",
        ],
    );
    assert!(common::wait_for(20, || locked(&index_lock)));
    let (out, took) = timed(
        &o,
        "3",
        &["tag", "localhost/setuid:1", "localhost/patient:1"],
    );
    let err = stderr(&out);
    assert!(
        out.status.success(),
        "gave up on a working holder after {took:?}: {err}"
    );
    assert!(
        took > Duration::from_secs(5),
        "took {took:?}: the holder was not waited for"
    );
    assert!(
        err.starts_with("Info: waiting for the image store lock held by PID ")
            && err.lines().count() == 1,
        "{err}"
    );
    drop(holder);
    assert!(o.ok(&["images"]).contains("localhost/patient"));
}
