//! Hostile containers: a static probe (tests/probe/probe.c, built here) makes the calls an
//! attacker would try from inside and reports each errno as JSON; the tests assert on that
//! report and on the host around it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;
use serde_json::Value;

const EPERM: i64 = 1;
const ENOENT: i64 = 2;
const ESRCH: i64 = 3;
const EACCES: i64 = 13;
const EROFS: i64 = 30;
const ENOSYS: i64 = 38;

fn probe_source() -> PathBuf {
    std::env::var_os("NOOK_REPO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .join("tests/probe/probe.c")
}

/// A root file system with the probe at /probe, built once.
fn probe_rootfs() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = rootfs_copy("probe-rootfs");
        let out = Command::new("cc")
            .args(["-static", "-O1", "-o"])
            .arg(dir.join("probe"))
            .arg(probe_source())
            .output()
            .expect("cc (gcc) to build the probe");
        assert!(out.status.success(), "building the probe: {}", stderr(&out));
        dir
    })
}

fn probe(opts: &[&str], args: &[&str]) -> Value {
    probe_with(nook(), opts, args)
}

/// The probe in a container of `nook` (the binary under test, or a copy of it).
fn probe_with(mut nook: Command, opts: &[&str], args: &[&str]) -> Value {
    let out = nook
        .arg("run")
        .arg("--rm")
        .args(opts)
        .arg("--rootfs")
        .arg(probe_rootfs())
        .arg("/probe")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "probe failed: {} {}",
        stdout(&out),
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

fn errno(report: &Value, key: &str) -> i64 {
    report[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{key} missing in {report}"))
}

fn host_pid() -> String {
    std::process::id().to_string()
}

#[test]
fn the_default_filter_refuses_what_escapes() {
    let r = probe(&[], &[&host_pid()]);
    for call in [
        "mount",
        "umount2",
        "reboot",
        "kexec_load",
        "init_module",
        "finit_module",
        "swapon",
        "keyctl",
        "add_key",
        "bpf",
        "perf_event_open",
        "unshare_user",
        "unshare_mount",
        "setns",
        "clone_newns",
        "open_by_handle_at",
        "socket_vsock",
        "personality_bsd",
    ] {
        assert_eq!(errno(&r, call), EPERM, "{call}: {r}");
    }
    assert_eq!(errno(&r, "clone3"), ENOSYS, "libc falls back to clone: {r}");
    assert_eq!(errno(&r, "clone_thread_like"), 0, "plain fork works: {r}");
}

#[test]
fn the_host_stays_out_of_reach() {
    let r = probe(&[], &[&host_pid()]);
    // /sys is read-only, and so is /proc/sysrq-trigger where the kernel has it.
    assert_eq!(errno(&r, "mkdir_sys"), EROFS, "{r}");
    assert_ne!(errno(&r, "write_sys"), 0, "{r}");
    let sysrq = errno(&r, "write_sysrq_trigger");
    if Path::new("/proc/sysrq-trigger").exists() {
        assert!(sysrq != 0 && sysrq != ENOENT, "{r}");
    } else {
        assert_eq!(sysrq, ENOENT);
    }
    // Masked: /proc/kcore and /proc/keys read as empty files.
    for (key, path) in [("kcore_bytes", "/proc/kcore"), ("keys_bytes", "/proc/keys")] {
        let want = if Path::new(path).exists() { 0 } else { -ENOENT };
        assert_eq!(r[key].as_i64(), Some(want), "{key}: {r}");
    }
    // The test process is not visible, so it cannot be signalled.
    assert_eq!(errno(&r, "kill_host_pid"), ESRCH, "{r}");
    assert_eq!(
        r["visible_pids"].as_i64(),
        Some(1),
        "only the probe itself: {r}"
    );
    // `..` of the root, also through /proc/1/root, is the root.
    assert_eq!(r["dotdot_is_root"].as_i64(), Some(1));
    assert_eq!(r["pid1_root_dotdot_is_root"].as_i64(), Some(1));
}

#[test]
fn the_filter_holds_for_a_non_root_user() {
    // Installed before the identity change there (no_new_privs not asked for).
    let r = probe(&["-u", "1000:1000"], &[&host_pid()]);
    for call in ["mount", "unshare_user", "keyctl", "bpf", "setns"] {
        assert_eq!(errno(&r, call), EPERM, "{call}: {r}");
    }
    let status = sh(&["-u", "1000"], "grep Seccomp: /proc/self/status");
    assert_eq!(status.split_whitespace().nth(1), Some("2"), "{status}");
}

#[test]
fn unconfined_and_privileged_lift_the_filter() {
    let confined = probe(&[], &[&host_pid(), "lifted"]);
    assert_eq!(errno(&confined, "keyctl"), EPERM);
    assert_eq!(errno(&confined, "unshare_user"), EPERM);
    let lifted = probe(
        &["--security-opt", "seccomp=unconfined"],
        &[&host_pid(), "lifted"],
    );
    assert_eq!(errno(&lifted, "keyctl"), 0, "{lifted}");
    assert_eq!(errno(&lifted, "unshare_user"), 0, "{lifted}");
    for (opts, want) in [
        (vec![], "2"),
        (vec!["--security-opt", "seccomp=unconfined"], "0"),
        (vec!["--privileged"], "0"),
    ] {
        let status = sh(&opts, "grep Seccomp: /proc/self/status");
        assert_eq!(
            status.split_whitespace().nth(1),
            Some(want),
            "{opts:?}: {status}"
        );
    }
}

#[test]
fn a_custom_profile_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("deny-mkdir.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction": "SCMP_ACT_ALLOW",
            "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}"#,
    )
    .unwrap();
    let opt = format!("seccomp={}", profile.display());
    let denied = sh(&["--security-opt", &opt], "mkdir /tmp/x 2>&1; echo rc=$?");
    assert!(
        denied.contains("Permission denied") && denied.contains("rc=1"),
        "{denied}"
    );
    // Everything else is allowed by that profile: the default's refusals are gone.
    let allowed = sh(
        &["--security-opt", &opt],
        "unshare -U true && echo unshared",
    );
    assert_eq!(allowed.trim(), "unshared");
    let normal = sh(&[], "mkdir /tmp/x && echo made");
    assert_eq!(normal.trim(), "made");
    // A broken profile is one line, 125, nothing started.
    std::fs::write(&profile, "{ not json").unwrap();
    let out = run(&["--security-opt", &opt], &["true"]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("deny-mkdir.json"), "{}", stderr(&out));
    let missing = run(
        &["--security-opt", "seccomp=/nonexistent/profile.json"],
        &["true"],
    );
    assert_eq!(missing.status.code(), Some(125));
    assert_eq!(stderr(&missing).lines().count(), 1);
}

/// A copy of the binary under test that the test user owns and may write: the container's
/// root is that user on the host, so only nook's own protection keeps it from the file.
fn writable_nook_copy(dir: &Path) -> PathBuf {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let copy = dir.join("nook");
    std::fs::copy(nook_bin(), &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
    let meta = std::fs::metadata(&copy).unwrap();
    assert_eq!(meta.uid(), nix::unistd::getuid().as_raw());
    assert!(nix::unistd::access(&copy, nix::unistd::AccessFlags::W_OK).is_ok());
    copy
}

fn sha256_of(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_nook_binary_cannot_be_reached_for_writing() {
    let dir = tempfile::tempdir().unwrap();
    let copy = writable_nook_copy(dir.path());
    let before = sha256_of(&copy);
    let with_copy = || {
        let mut c = Command::new(&copy);
        c.stdin(std::process::Stdio::null());
        c
    };
    // With --init, PID 1 is nook itself: non-dumpable, so its /proc entries are closed to
    // the container's processes (EACCES), and its executable cannot be opened through
    // /proc/1/exe. Dumpable, the open would reach the file (and write it, or fail ETXTBSY).
    let r = probe_with(with_copy(), &["--init"], &[&host_pid()]);
    assert_eq!(errno(&r, "open_pid1_exe_write"), EACCES, "{r}");
    // Even with CAP_SYS_PTRACE in the container: that capability is of the container's
    // user namespace, and nook's memory belongs to the one above it.
    let r = probe_with(
        with_copy(),
        &["--init", "--cap-add", "SYS_PTRACE"],
        &[&host_pid()],
    );
    assert_eq!(errno(&r, "open_pid1_exe_write"), EACCES, "{r}");
    let script = "cat /proc/1/exe >/dev/null 2>&1 && echo readable || echo closed; \
         readlink /proc/1/exe >/dev/null 2>&1 && echo linkable || echo unlinkable; \
         (echo x >> /proc/1/exe) 2>/dev/null && echo WRITABLE || echo not-writable";
    for opts in [&["--init"][..], &["--init", "--cap-add", "SYS_PTRACE"]] {
        let out = with_copy()
            .args(["run", "--rm"])
            .args(opts)
            .arg("--rootfs")
            .arg(rootfs())
            .args(["sh", "-c", script])
            .output()
            .unwrap();
        assert!(out.status.success(), "{opts:?}: {}", stderr(&out));
        assert_eq!(
            stdout(&out).split_whitespace().collect::<Vec<_>>(),
            ["closed", "unlinkable", "not-writable"],
            "{opts:?}"
        );
    }
    // The copy on the host is unchanged and still runs.
    assert_eq!(sha256_of(&copy), before, "the nook binary was changed");
    assert!(
        with_copy()
            .arg("--version")
            .output()
            .unwrap()
            .status
            .success()
    );
}

#[test]
fn mask_and_unmask_options() {
    let out = sh(
        &[
            "--security-opt",
            "mask=/etc/hostname",
            "--security-opt",
            "unmask=/proc/keys",
        ],
        "wc -c < /etc/hostname; grep -c ' /proc/keys ' /proc/self/mountinfo; true",
    );
    let l: Vec<&str> = out.lines().map(str::trim).collect();
    assert_eq!(l[0], "0", "masked /etc/hostname reads empty: {out}");
    assert_eq!(l[1], "0", "/proc/keys unmasked: {out}");
}

#[test]
fn a_fifo_as_passwd_does_not_hang_the_start() {
    let root = rootfs_copy("fifo-passwd");
    std::fs::remove_file(root.join("etc/passwd")).unwrap();
    nix::unistd::mkfifo(
        &root.join("etc/passwd"),
        nix::sys::stat::Mode::from_bits_truncate(0o644),
    )
    .unwrap();
    let mut child = nook()
        .args(["run", "--rm", "--rootfs"])
        .arg(&root)
        .args(["sh", "-c", "echo started"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    assert!(
        wait_for(10, || child.try_wait().ok().flatten().is_some()),
        "nook hung on a FIFO"
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(stdout(&out).trim(), "started");
}

#[test]
fn the_working_directory_is_inside_the_container() {
    let out = sh(
        &["-w", "/tmp"],
        "readlink /proc/self/cwd; readlink /proc/1/cwd; true",
    );
    assert_eq!(out.lines().next(), Some("/tmp"), "{out}");
}

#[test]
fn symlinks_in_the_root_cannot_send_setup_outside_it() {
    let root = rootfs_copy("hostile-links");
    // A directory on the host the caller may write to, named by absolute and relative links.
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("hosts");
    std::fs::remove_file(root.join("etc/hosts")).ok();
    std::os::unix::fs::symlink(&target, root.join("etc/hosts")).unwrap();
    let up = "../".repeat(20);
    let rel = format!("{up}{}", outside.path().join("resolv.conf").display());
    std::fs::remove_file(root.join("etc/resolv.conf")).ok();
    std::os::unix::fs::symlink(&rel, root.join("etc/resolv.conf")).unwrap();
    std::fs::remove_dir_all(root.join("dev")).unwrap();
    let dev = outside.path().join("dev");
    std::os::unix::fs::symlink(format!("{up}{}", dev.display()), root.join("dev")).unwrap();
    let out = nook()
        .args(["run", "--rm", "--rootfs"])
        .arg(&root)
        .args([
            "sh",
            "-c",
            "cat /etc/hosts | grep -c 127.0.0.1; ls /dev/null",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let host_side: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert!(
        host_side.is_empty(),
        "setup wrote outside the root: {host_side:?}"
    );
    // The links were followed inside the root instead.
    let inside = |p: &Path| root.join(p.strip_prefix("/").unwrap());
    assert!(inside(&target).is_file());
    assert!(inside(&dev).is_dir());
}

/// One BPF instruction, `return SECCOMP_RET_ALLOW`: a filter that allows everything.
const ALLOW_ALL: [u8; 8] = [0x06, 0, 0, 0, 0, 0, 0xff, 0x7f];

/// nook with a home and a runtime directory of its own, so that the cache entries this test
/// forges are seen by its own runs only (other tests run at the same time).
struct OwnHome {
    dir: tempfile::TempDir,
}

impl OwnHome {
    fn new() -> OwnHome {
        use std::os::unix::fs::DirBuilderExt;
        let dir = tempfile::Builder::new()
            .prefix("nook-home-")
            .tempdir()
            .unwrap();
        for sub in ["home", "run"] {
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(dir.path().join(sub))
                .unwrap();
        }
        OwnHome { dir }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// Where nook keeps its caches now: in the private runtime directory.
    fn cache(&self) -> PathBuf {
        self.dir.path().join("run/nook/cache")
    }

    /// Where nook kept them before: under $HOME, which `-v $HOME:/h` hands to a container.
    fn old_cache(&self) -> PathBuf {
        self.home().join(".cache/nook")
    }

    fn nook(&self) -> Command {
        let mut c = nook();
        c.env("HOME", self.home())
            .env("XDG_RUNTIME_DIR", self.dir.path().join("run"))
            .env_remove("XDG_CACHE_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_DATA_HOME");
        c
    }

    /// Write `bytes` at `rel` under $HOME from inside a container given `-v $HOME:/h`.
    fn write_from_a_container(&self, rel: &str, bytes: &[u8]) {
        let staged = self.home().join("staged");
        std::fs::write(&staged, bytes).unwrap();
        let (dir, _) = rel.rsplit_once('/').unwrap();
        let script = format!("mkdir -p /h/{dir} && cp /h/staged /h/{rel} && rm /h/staged");
        let vol = format!("{}:/h", self.home().display());
        let out = self
            .nook()
            .args(["run", "--rm", "-v", &vol, "--rootfs"])
            .arg(rootfs())
            .args(["sh", "-c", &script])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(std::fs::read(self.home().join(rel)).unwrap(), bytes);
    }
}

/// The first two header lines of a cache entry (format and key), and its content.
fn split_entry(entry: &[u8]) -> (&[u8], &[u8]) {
    let mut ends = entry
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1);
    let (second, third) = (ends.nth(1).unwrap(), ends.next().unwrap());
    assert!(entry.starts_with(b"nook-cache 1\nkey "), "{entry:?}");
    (&entry[..second], &entry[third..])
}

/// An entry with the header of `good` (so the right key) and a sha256 line for `hashed`.
fn forged_entry(good: &[u8], hashed: &[u8], content: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let hex: String = Sha256::digest(hashed)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut e = split_entry(good).0.to_vec();
    e.extend_from_slice(format!("sha256 {hex}\n").as_bytes());
    e.extend_from_slice(content);
    e
}

fn mode_of(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_container_cannot_weaken_the_cached_seccomp_filter() {
    let h = OwnHome::new();
    let refuses = |when: &str| {
        let r = probe_with(h.nook(), &[], &[&host_pid()]);
        for call in ["mount", "keyctl", "unshare_user", "bpf", "reboot"] {
            assert_eq!(errno(&r, call), EPERM, "{when}: {call}: {r}");
        }
    };
    refuses("first run");
    // The program is cached in the private runtime directory, checked there.
    let dir = h.cache().join("seccomp");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with(".bpf"), "{names:?}");
    let entry = dir.join(&names[0]);
    assert_eq!(mode_of(&h.cache()), 0o700);
    assert_eq!(mode_of(&dir), 0o700);
    assert_eq!(mode_of(&entry), 0o600);
    let good = std::fs::read(&entry).unwrap();
    assert_eq!(split_entry(&good).1.len() % 8, 0);
    assert!(
        !h.old_cache().exists(),
        "nothing is cached under $HOME any more"
    );
    // A container given $HOME writes an allow-all program where nook used to read it: as
    // nook wrote it before, then as a well-formed entry of today's format.
    let old = format!(".cache/nook/seccomp/{}", names[0]);
    h.write_from_a_container(&old, &ALLOW_ALL);
    refuses("raw allow-all at the old path");
    h.write_from_a_container(&old, &forged_entry(&good, &ALLOW_ALL, &ALLOW_ALL));
    refuses("well-formed allow-all entry at the old path");
    // In the private directory itself (as if it were reached): the key's header with
    // another content, and a raw program, are compiled again and overwritten.
    for (what, forged) in [
        (
            "wrong hash",
            forged_entry(&good, split_entry(&good).1, &ALLOW_ALL),
        ),
        ("raw allow-all", ALLOW_ALL.to_vec()),
        ("garbage", b"nook-cache 1\nnot an entry".to_vec()),
    ] {
        std::fs::write(&entry, &forged).unwrap();
        refuses(what);
        assert_eq!(
            std::fs::read(&entry).unwrap(),
            good,
            "{what}: not rewritten"
        );
    }
}

/// slirp4netns processes started by the nook process `pid`, with their command lines.
fn slirp_of(pid: u32) -> Vec<String> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
            let after = stat.rsplit_once(") ").map(|(_, r)| r).unwrap_or("");
            stat.contains("(slirp4netns) ")
                && after.split_whitespace().nth(1) == Some(pid.to_string().as_str())
        })
        .filter_map(|p| std::fs::read(format!("/proc/{p}/cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .collect()
}

#[test]
fn a_container_cannot_weaken_the_cached_slirp4netns_features() {
    let h = OwnHome::new();
    let run = || {
        let child = h
            .nook()
            .args(["run", "--rm", "--network", "slirp4netns", "--rootfs"])
            .arg(rootfs())
            .args(["sleep", "2"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut seen = Vec::new();
        // Its command line is read once exec has set it up: the name changes first.
        wait_for(10, || {
            seen = slirp_of(child.id());
            !seen.is_empty() && seen.iter().all(|c| c.contains(" tap0"))
        });
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(seen.len(), 1, "slirp4netns of this run: {seen:?}");
        seen.remove(0)
    };
    let first = run();
    let entry = h.cache().join("slirp4netns.json");
    assert_eq!(mode_of(&entry), 0o600);
    let good = std::fs::read(&entry).unwrap();
    let features: Value = serde_json::from_slice(split_entry(&good).1).unwrap();
    assert_eq!(
        features,
        serde_json::json!({"sandbox": true, "seccomp": true}),
        "the installed slirp4netns must offer its sandbox and seccomp filter for this test"
    );
    for flag in ["--enable-sandbox", "--enable-seccomp"] {
        assert!(first.contains(flag), "{first}");
    }
    // Its key, as nook before this change wrote it under $HOME, and now.
    let key = std::str::from_utf8(split_entry(&good).0)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .strip_prefix("key ")
        .unwrap()
        .to_string();
    let weak = br#"{"sandbox":false,"seccomp":false}"#;
    let old = format!(
        r#"{{"key":{key},"features":{}}}"#,
        std::str::from_utf8(weak).unwrap()
    );
    let old_path = ".cache/nook/slirp4netns.json";
    let rounds: [(&str, &dyn Fn()); 3] = [
        ("the old entry at the old path", &|| {
            h.write_from_a_container(old_path, old.as_bytes())
        }),
        ("a well-formed entry at the old path", &|| {
            h.write_from_a_container(old_path, &forged_entry(&good, weak, weak))
        }),
        ("a wrong hash at the new path", &|| {
            std::fs::write(&entry, forged_entry(&good, split_entry(&good).1, weak)).unwrap()
        }),
    ];
    for (what, forge) in rounds {
        forge();
        let later = run();
        for flag in ["--enable-sandbox", "--enable-seccomp"] {
            assert!(later.contains(flag), "{what}: weakened: {later}");
        }
        assert_eq!(
            std::fs::read(&entry).unwrap(),
            good,
            "{what}: not rewritten"
        );
    }
}
