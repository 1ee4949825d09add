//! Reads what this machine offers to rootless containers (effects only; no decisions).

use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::unistd::{AccessFlags, User, access, getgid, getuid};

use crate::plan::idmap::Subids;
use crate::plan::info::{self, IdHelper, Probe, Tool};

/// Where helpers are looked for after `PATH` (sbin is often missing from users' `PATH`).
const SYSTEM_DIRS: [&str; 6] = [
    "/usr/local/bin",
    "/usr/bin",
    "/bin",
    "/usr/local/sbin",
    "/usr/sbin",
    "/sbin",
];

/// All helper programs together get this long to answer `--version` or `getcap`.
const HELPERS_DEADLINE: Duration = Duration::from_millis(1500);

/// Where nook's AppArmor profile is installed by the packages.
const APPARMOR_PROFILE: &str = "/etc/apparmor.d/nook";

/// Everything `nook info` judges. Never fails: what cannot be read is recorded as absent.
pub fn gather() -> Probe {
    let uid = getuid();
    let gid = getgid().as_raw();
    let user_name = match User::from_uid(uid) {
        Ok(Some(u)) => u.name,
        _ => std::env::var("USER").unwrap_or_else(|_| uid.to_string()),
    };
    let uid = uid.as_raw();
    let kernel_release = read_trimmed("/proc/sys/kernel/osrelease");
    let xdg_runtime_dir = non_empty_env("XDG_RUNTIME_DIR");
    let cgroup_mode = info::cgroup_mode(
        Path::new("/sys/fs/cgroup/cgroup.controllers").exists(),
        &fs::read_to_string("/proc/self/mounts").unwrap_or_default(),
    );
    let cgroup_self = fs::read_to_string("/proc/self/cgroup").ok().and_then(|t| {
        t.lines()
            .find_map(|l| l.strip_prefix("0::").map(str::to_string))
    });

    let mut probe = Probe {
        kernel_version: kernel_release.as_deref().and_then(info::kernel_version),
        kernel_release,
        max_user_namespaces: read_number("/proc/sys/user/max_user_namespaces"),
        unprivileged_userns_clone: read_number("/proc/sys/kernel/unprivileged_userns_clone"),
        apparmor_restrict_unprivileged_userns: read_number(
            "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
        ),
        apparmor_profile_installed: Path::new(APPARMOR_PROFILE).is_file(),
        uid,
        gid,
        // The same files `host/facts.rs` reads for `nook run`, test overrides included.
        subuid: subids("NOOK_SUBUID_FILE", "/etc/subuid", &user_name, uid),
        subgid: subids("NOOK_SUBGID_FILE", "/etc/subgid", &user_name, gid),
        user_name,
        newuidmap: id_helper("newuidmap"),
        newgidmap: id_helper("newgidmap"),
        overlay_in_filesystems: fs::read_to_string("/proc/filesystems").ok().map(|t| {
            t.lines()
                .any(|l| l.split_whitespace().last() == Some("overlay"))
        }),
        fuse_overlayfs: tool("fuse-overlayfs"),
        dev_fuse_exists: Path::new("/dev/fuse").exists(),
        dev_fuse_rw: read_write("/dev/fuse"),
        cgroup_mode,
        cgroup_user_controllers: read_trimmed(&format!(
            "/sys/fs/cgroup/user.slice/user-{uid}.slice/user@{uid}.service/cgroup.controllers"
        )),
        cgroup_self_writable: cgroup_mode == info::CgroupMode::Unified
            && cgroup_self.as_deref().is_some_and(|c| {
                access(
                    &Path::new("/sys/fs/cgroup").join(c.trim_start_matches('/')),
                    AccessFlags::W_OK,
                )
                .is_ok()
            }),
        cgroup_self,
        dbus_session_bus_address: non_empty_env("DBUS_SESSION_BUS_ADDRESS"),
        user_bus_socket: xdg_runtime_dir.as_deref().is_some_and(|d| {
            fs::metadata(Path::new(d).join("bus")).is_ok_and(|m| m.file_type().is_socket())
        }),
        // The same test as the state directory's: a directory of ours.
        xdg_runtime_dir_exists: xdg_runtime_dir
            .as_deref()
            .is_some_and(|d| crate::host::state::usable_runtime_dir(Path::new(d), uid)),
        xdg_runtime_dir,
        // Not followed: a symbolic link planted by someone else must show its owner.
        fallback_runtime_dir_owner: fs::symlink_metadata(format!("/tmp/nook-{uid}"))
            .ok()
            .map(|m| m.uid()),
        slirp4netns: tool("slirp4netns"),
        pasta: tool("pasta"),
        dev_net_tun_exists: Path::new("/dev/net/tun").exists(),
        dev_net_tun_rw: read_write("/dev/net/tun"),
        seccomp_kernel: fs::read_to_string("/proc/self/status")
            .is_ok_and(|s| s.lines().any(|l| l.starts_with("Seccomp:"))),
        seccomp_actions: fs::read_to_string("/proc/sys/kernel/seccomp/actions_avail")
            .ok()
            .map(|s| s.trim().to_string()),
        libseccomp_version: crate::host::seccomp::library_version(),
        store_root: None,
        store_why: String::new(),
        store_fs: None,
        upper_fs: None,
        driver_asked: None,
        overlay_probe: None,
        overlay_probe_error: None,
    };
    ask_helpers(&mut probe);
    probe
}

/// Where the image store is, the driver asked for without a flag, and the kernel overlay
/// probe on the store's file system, as `nook run` finds them (the store is created, and the
/// probe run if not yet recorded, as a first `nook run` would: apart from `gather`, which
/// only reads).
pub fn store(p: &mut Probe) {
    let store = match crate::store::Store::open() {
        Ok(s) => s,
        Err(e) => {
            p.store_why = e.to_string();
            return;
        }
    };
    let location = crate::store::location::locate();
    p.store_why = location.map(|l| l.why).unwrap_or_default();
    p.store_root = Some(display(store.root()));
    p.store_fs = crate::store::location::fs_type(store.root()).map(crate::plan::storage::fs_name);
    let runtime = crate::host::state::runtime_dir(nix::unistd::getuid().as_raw());
    p.upper_fs = crate::store::location::fs_type(&runtime).map(crate::plan::storage::fs_name);
    let env = std::env::var("NOOK_STORAGE_DRIVER").ok();
    p.driver_asked = match env.as_deref().map(str::parse) {
        Some(Ok(d)) => Some((d, "NOOK_STORAGE_DRIVER".into())),
        _ => crate::host::driver::asked(None)
            .ok()
            .flatten()
            .map(|(d, source)| (d, source.to_string())),
    };
    let asked = p.driver_asked.as_ref().map(|(d, _)| *d);
    match crate::host::driver::facts(asked, store.root()) {
        Ok(facts) => p.overlay_probe = facts.probe,
        Err(e) => p.overlay_probe_error = Some(e.to_string()),
    }
}

/// Fills in versions, and file capabilities of id helpers that are not setuid root, by
/// running the programs concurrently under one deadline.
fn ask_helpers(p: &mut Probe) {
    let mut commands: Vec<(PathBuf, Vec<String>)> = Vec::new();
    let tools = [
        ("fuse-overlayfs", p.fuse_overlayfs.path.clone()),
        ("slirp4netns", p.slirp4netns.path.clone()),
        ("pasta", p.pasta.path.clone()),
    ];
    for (_, path) in &tools {
        if let Some(path) = path {
            commands.push((PathBuf::from(path), vec!["--version".to_string()]));
        }
    }
    let uncertain: Vec<String> = [&p.newuidmap, &p.newgidmap]
        .into_iter()
        .filter(|h| !h.setuid_root)
        .filter_map(|h| h.path.clone())
        .collect();
    let getcap = find("getcap").0;
    if let (Some(getcap), false) = (&getcap, uncertain.is_empty()) {
        commands.push((getcap.clone(), uncertain.clone()));
    }
    let mut answers = run_all(&commands, HELPERS_DEADLINE).into_iter();
    for (name, path) in tools {
        if path.is_none() {
            continue;
        }
        let version = answers.next().flatten().and_then(|out| {
            info::version_line(name, &out.stdout).or_else(|| info::version_line(name, &out.stderr))
        });
        match name {
            "fuse-overlayfs" => p.fuse_overlayfs.version = version,
            "slirp4netns" => p.slirp4netns.version = version,
            _ => p.pasta.version = version,
        }
    }
    if getcap.is_none() || uncertain.is_empty() {
        return;
    }
    // Errors only (nothing on stdout, something on stderr) tell nothing either way.
    let caps = answers
        .next()
        .flatten()
        .filter(|out| !out.stdout.trim().is_empty() || out.stderr.trim().is_empty());
    if let Some(out) = caps {
        for helper in [&mut p.newuidmap, &mut p.newgidmap] {
            if let (false, Some(path)) = (helper.setuid_root, &helper.path) {
                helper.file_caps = Some(info::has_file_caps(&out.stdout, path));
            }
        }
    }
}

struct Output {
    stdout: String,
    stderr: String,
}

/// Runs every command at once; each answer is `None` if it could not start or did not finish
/// before the deadline (it is then killed).
fn run_all(commands: &[(PathBuf, Vec<String>)], deadline: Duration) -> Vec<Option<Output>> {
    let start = Instant::now();
    let (sender, receiver) = mpsc::channel();
    let mut children: Vec<Child> = Vec::new();
    for (index, (program, args)) in commands.iter().enumerate() {
        let spawned = Command::new(program)
            .args(args)
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let Ok(mut child) = spawned else { continue };
        let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
        let sender = sender.clone();
        // Pipes are read on their own threads so a program that hangs (or leaves a child
        // holding its pipe) cannot hold up `nook info` past the deadline.
        let reader = std::thread::Builder::new()
            .name("nook-probe".to_string())
            .spawn(move || {
                let output = Output {
                    stdout: read_all(stdout),
                    stderr: read_all(stderr),
                };
                // The receiver is gone only after the deadline; the answer is then moot.
                let _ = sender.send((index, output));
            });
        if reader.is_err() {
            let _ = child.kill();
        }
        children.push(child);
    }
    drop(sender);
    let mut answers: Vec<Option<Output>> = commands.iter().map(|_| None).collect();
    while let Some(left) = deadline.checked_sub(start.elapsed()) {
        match receiver.recv_timeout(left) {
            Ok((index, output)) => {
                if let Some(slot) = answers.get_mut(index) {
                    *slot = Some(output);
                }
            }
            // Every reader has answered, or the time is up.
            Err(_) => break,
        }
    }
    for mut child in children {
        if !matches!(child.try_wait(), Ok(Some(_))) {
            let _ = child.kill();
            // Reaped here if already dead; otherwise when nook exits (never block on it).
            let _ = child.try_wait();
        }
    }
    answers
}

fn read_all(pipe: Option<impl Read>) -> String {
    let mut bytes = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.read_to_end(&mut bytes);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A program found on `PATH` (`true`) or only in a system directory (`false`).
fn find(name: &str) -> (Option<PathBuf>, bool) {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let on_path = std::env::split_paths(&path)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p));
    if on_path.is_some() {
        return (on_path, true);
    }
    let system = SYSTEM_DIRS
        .iter()
        .map(|dir| Path::new(dir).join(name))
        .find(|p| is_executable(p));
    (system, false)
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn tool(name: &str) -> Tool {
    let (path, on_path) = find(name);
    Tool {
        path: path.as_deref().map(display),
        on_path,
        version: None,
    }
}

fn id_helper(name: &str) -> IdHelper {
    let (path, on_path) = find(name);
    let setuid_root = path
        .as_deref()
        .and_then(|p| fs::metadata(p).ok())
        .is_some_and(|m| m.uid() == 0 && m.mode() & 0o4000 != 0);
    IdHelper {
        path: path.as_deref().map(display),
        on_path,
        setuid_root,
        file_caps: None,
    }
}

fn subids(var: &str, default: &str, name: &str, id: u32) -> Subids {
    let file = std::env::var(var).unwrap_or_else(|_| default.to_string());
    let text = fs::read_to_string(&file).ok();
    Subids::parse(&file, text.as_deref(), name, id)
}

fn read_trimmed(path: &str) -> Option<String> {
    fs::read_to_string(path).ok().map(|t| t.trim().to_string())
}

fn read_number<T: std::str::FromStr>(path: &str) -> Option<T> {
    read_trimmed(path).and_then(|t| t.parse().ok())
}

fn read_write(path: &str) -> bool {
    access(path, AccessFlags::R_OK | AccessFlags::W_OK).is_ok()
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gathers_quickly_and_consistently() {
        let start = Instant::now();
        let p = gather();
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(p.uid, getuid().as_raw());
        assert!(p.kernel_release.is_some());
        assert!(p.kernel_version.is_some());
        assert!(!p.user_name.is_empty());
        if let Some(path) = &p.newuidmap.path {
            assert!(Path::new(path).is_file());
        }
    }

    #[test]
    fn a_hanging_program_is_killed_at_the_deadline() {
        let start = Instant::now();
        let answers = run_all(
            &[
                (PathBuf::from("/bin/sleep"), vec!["5".to_string()]),
                (PathBuf::from("/bin/echo"), vec!["hello".to_string()]),
                (PathBuf::from("/nonexistent/program"), Vec::new()),
            ],
            Duration::from_millis(300),
        );
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        assert!(answers[0].is_none());
        assert_eq!(
            answers[1].as_ref().map(|o| o.stdout.as_str()),
            Some("hello\n")
        );
        assert!(answers[2].is_none());
    }
}
