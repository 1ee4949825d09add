//! Shared helpers of the integration tests: the real `nook` binary, a busybox root file
//! system built by the project's own script, a user's own nook for one test (`Home`), and ways
//! to look for leftovers.
#![allow(dead_code)]

pub mod build;
pub mod home;
pub mod networks;
pub mod podman;
pub mod running;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The binary under test: `NOOK_BIN` (CI copies the release build where the test user can
/// read it), else the one cargo built for this test run.
pub fn nook_bin() -> PathBuf {
    std::env::var_os("NOOK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_nook")))
}

/// The project's scripts (`NOOK_SCRIPTS` in CI, where the test user cannot read the clone).
pub fn scripts_dir() -> PathBuf {
    std::env::var_os("NOOK_SCRIPTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts"))
}

/// A temporary directory kept for the whole test process.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("nook-it-")
            .tempdir()
            .expect("temporary directory")
    })
    .path()
}

/// A busybox root file system, built once per test process.
pub fn rootfs() -> &'static Path {
    static ROOTFS: OnceLock<PathBuf> = OnceLock::new();
    ROOTFS.get_or_init(|| {
        let dir = scratch().join("rootfs");
        let status = Command::new("bash")
            .arg(scripts_dir().join("busybox-rootfs.sh"))
            .arg(&dir)
            .stdout(Stdio::null())
            .status()
            .expect("run busybox-rootfs.sh");
        assert!(status.success(), "busybox-rootfs.sh failed");
        dir
    })
}

/// A private copy of the root file system, for tests that write to it.
pub fn rootfs_copy(name: &str) -> PathBuf {
    let dir = scratch().join(name);
    let status = Command::new("cp")
        .arg("-a")
        .arg(rootfs())
        .arg(&dir)
        .status()
        .expect("cp");
    assert!(status.success());
    dir
}

/// `nook` for a test: no standard input, and isolated from the caller's nook as every test
/// file is: HOME and the XDG data, config, cache and state directories in a home of this test
/// process's own (a `Home` gives a test one of its own), the caller's runtime directory, and
/// no NOOK_* variable or REGISTRY_AUTH_FILE of the caller's (a user's own storage.conf or
/// NOOK_STORAGE never reaches the tests).
pub fn nook() -> Command {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    let home = HOME.get_or_init(|| {
        let dir = scratch().join("home");
        std::fs::create_dir_all(&dir).expect("the test process's home");
        dir
    });
    isolated(home)
}

/// `nook` with `home` as HOME and its XDG directories (see `nook`).
pub fn isolated(home: &Path) -> Command {
    let mut c = Command::new(nook_bin());
    c.stdin(Stdio::null());
    for (key, _) in std::env::vars_os() {
        let name = key.to_string_lossy();
        let nooks = name.starts_with("NOOK_") || name.starts_with("_NOOK_");
        if nooks || (name.starts_with("XDG_") && name != "XDG_RUNTIME_DIR") {
            c.env_remove(&key);
        }
    }
    c.env_remove("REGISTRY_AUTH_FILE")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"));
    c
}

/// `nook run --rm --rootfs ROOTFS ARGS...` with the given extra options before the rootfs.
pub fn run(opts: &[&str], cmd: &[&str]) -> Output {
    let mut c = nook();
    c.arg("run")
        .arg("--rm")
        .args(opts)
        .arg("--rootfs")
        .arg(rootfs())
        .args(cmd);
    c.output().expect("spawn nook")
}

/// Run a shell script in a container and return its stdout, asserting success.
pub fn sh(opts: &[&str], script: &str) -> String {
    let out = run(opts, &["sh", "-c", script]);
    assert!(
        out.status.success(),
        "nook failed ({:?}): stdout {} stderr {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The caller's uid and gid.
pub fn ids() -> (u32, u32) {
    (
        nix::unistd::getuid().as_raw(),
        nix::unistd::getgid().as_raw(),
    )
}

pub fn user_name() -> String {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_default()
}

/// The caller's subordinate ranges in `file` (start, count), as newuidmap reads them.
pub fn ranges(file: &str, id: u32) -> Vec<(u32, u32)> {
    let name = user_name();
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.trim().split(':').collect();
            if f.len() != 3 || (f[0] != name && f[0] != id.to_string()) {
                return None;
            }
            Some((f[1].parse().ok()?, f[2].parse().ok()?))
        })
        .collect()
}

/// The runtime directory nook uses for this user.
pub fn runtime_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(d)
            if !d.is_empty()
                && std::fs::metadata(&d).is_ok_and(|m| {
                    m.is_dir() && std::os::unix::fs::MetadataExt::uid(&m) == ids().0
                }) =>
        {
            Path::new(&d).join("nook")
        }
        _ => PathBuf::from(format!("/tmp/nook-{}", ids().0)),
    }
}

/// Names of the container directories currently present.
pub fn container_dirs() -> Vec<String> {
    std::fs::read_dir(runtime_dir().join("containers"))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Pids of processes whose command line contains `marker`.
pub fn processes_with(marker: &str) -> Vec<i32> {
    let me = std::process::id() as i32;
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| *pid != me)
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| {
                    String::from_utf8_lossy(&c)
                        .replace('\0', " ")
                        .contains(marker)
                })
                .unwrap_or(false)
        })
        .collect()
}

/// Wait up to `secs` for `cond`.
pub fn wait_for(secs: u64, mut cond: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < end {
        if cond() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    cond()
}

/// Every mount on the host whose source or target mentions `needle`.
pub fn host_mounts_with(needle: &str) -> Vec<String> {
    std::fs::read_to_string("/proc/self/mountinfo")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains(needle))
        .map(str::to_string)
        .collect()
}

/// Whether any container state (directory or name) for `name` is present.
pub fn state_of(name: &str) -> bool {
    let root = runtime_dir();
    if std::fs::symlink_metadata(root.join("names").join(name)).is_ok() {
        return true;
    }
    container_dirs().iter().any(|id| {
        std::fs::read_to_string(root.join("containers").join(id).join("state.json"))
            .map(|s| s.contains(&format!("\"name\":\"{name}\"")))
            .unwrap_or(false)
    })
}

/// A name no other test uses.
pub fn unique(prefix: &str) -> String {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    )
}

/// `nook ARGS` succeeded (its output `out`): its standard output; else fail naming the call.
pub fn succeeded(args: &[&str], out: &Output) -> String {
    assert!(
        out.status.success(),
        "nook {args:?} failed ({:?}): {}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error without the progress a pull prints before it fails ("Trying to pull
/// REF...", podman's, also without a terminal): what is left is the error.
pub fn error_of(err: &str) -> String {
    err.lines()
        .filter(|l| !l.starts_with("Trying to pull "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `nook` failed (its output `out`) with exit 125 and one line, `Error: ` and naming
/// `needle` (after a pull's "Trying to pull" line, if it got that far): that line.
pub fn failed(out: &Output, needle: &str) -> String {
    let all = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(125),
        "stdout {} stderr {all}",
        stdout(out)
    );
    let err = error_of(&all);
    assert_eq!(err.lines().count(), 1, "not one line: {all}");
    assert!(
        err.starts_with("Error: ") && err.contains(needle),
        "{needle:?} not in {all}"
    );
    err
}

/// The names in `dir`, sorted (none when it does not exist).
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Run a host command (no stdin), asserting success; its stdout, trimmed.
pub fn output_of(cmd: &mut Command) -> String {
    let out = cmd.stdin(Stdio::null()).output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The second local user (`NOOK_TEST_OTHER`, whom scripts/test.sh creates and lets the test
/// user, and only it, `sudo -n -u` to), checked once. Without one a test is skipped loudly,
/// as scripts/test.sh skips the `two_users_` tests; under CI=true it fails instead.
pub fn other_user() -> Option<String> {
    static OTHER: OnceLock<Result<String, String>> = OnceLock::new();
    let found = OTHER.get_or_init(|| {
        let name = std::env::var("NOOK_TEST_OTHER")
            .ok()
            .filter(|n| !n.is_empty())
            .ok_or("NOOK_TEST_OTHER is not set")?;
        match Command::new("sudo")
            .args(["-n", "-u", &name, "--", "true"])
            .stdin(Stdio::null())
            .output()
        {
            Ok(o) if o.status.success() => Ok(name),
            Ok(o) => Err(format!(
                "sudo -n -u {name} true failed: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            )),
            Err(e) => Err(format!("cannot run sudo: {e}")),
        }
    });
    match found {
        Ok(name) => Some(name.clone()),
        Err(why) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("the second user is unavailable under CI=true: {why}")
        }
        Err(why) => {
            eprintln!("!!!!!!!! second user tests: SKIPPED ({why}) !!!!!!!!");
            None
        }
    }
}

/// `sudo -n -u OTHER -- PROGRAM`: a command run as the other user (no stdin).
pub fn as_other(other: &str, program: &str) -> Command {
    let mut c = Command::new("sudo");
    c.args(["-n", "-u", other, "--", program])
        .stdin(Stdio::null());
    c
}

/// The busybox root with socat (and the libraries `ldd` names) added, for UDP services.
pub fn rootfs_with_socat() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let socat = Path::new("/usr/bin/socat");
        assert!(
            socat.exists(),
            "socat is needed for the UDP tests: apt-get install socat (scripts/test.sh does)"
        );
        let root = rootfs_copy("with-socat");
        let ldd = Command::new("ldd").arg(socat).output().expect("ldd");
        let mut files = vec![socat.to_path_buf()];
        files.extend(
            String::from_utf8_lossy(&ldd.stdout)
                .split_whitespace()
                .filter(|w| w.starts_with('/'))
                .map(PathBuf::from),
        );
        for f in files {
            let dst = root.join(f.strip_prefix("/").expect("absolute"));
            std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
            std::fs::copy(&f, &dst).unwrap_or_else(|e| panic!("copy {}: {e}", f.display()));
        }
        root
    })
}
