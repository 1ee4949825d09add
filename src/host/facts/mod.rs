//! Reads the host (effects only; no decisions): one reader per fact, so that `nook info` and
//! `nook run` cannot see the same machine differently. `for_run` gathers what a run decides
//! from, `for_info` what `nook info` judges; both call the readers below.

mod conf;
mod desktop;
mod helpers;
mod info;
mod plumbing;
mod run;

use std::fs;
use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use nix::unistd::{AccessFlags, Uid, User, access};

use crate::error::{Error, Result, UsernsSysctls};
use crate::plan::info::kernel_version;

pub use conf::containers_conf;
pub use desktop::desktop;
pub use info::for_info;
pub use plumbing::auto_taken;
pub use run::{for_run, id_facts};

/// Where helpers are looked for after `PATH` (sbin is often missing from users' `PATH`).
const SYSTEM_DIRS: [&str; 6] = [
    "/usr/local/bin",
    "/usr/bin",
    "/bin",
    "/usr/local/sbin",
    "/usr/sbin",
    "/sbin",
];

/// A helper program, where `find_program` found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    pub path: PathBuf,
    /// Found through `PATH`, not only in one of the system directories.
    pub on_path: bool,
}

/// The directories a program is looked for in, in order, each with whether it came from
/// `PATH`: the absolute entries of `PATH` (a relative one names a different directory from
/// each working directory), then the system directories.
fn search_dirs(path_var: &std::ffi::OsStr) -> Vec<(PathBuf, bool)> {
    std::env::split_paths(path_var)
        .filter(|dir| dir.is_absolute())
        .map(|dir| (dir, true))
        .chain(SYSTEM_DIRS.iter().map(|dir| (PathBuf::from(dir), false)))
        .collect()
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Where a helper program is: the first directory of `search_dirs` holding a regular file
/// of that name with an execute bit.
pub fn find_program(name: &str) -> Option<Program> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    search_dirs(&path)
        .into_iter()
        .map(|(dir, on_path)| Program {
            path: dir.join(name),
            on_path,
        })
        .find(|p| is_executable(&p.path))
}

/// The running kernel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kernel {
    /// `/proc/sys/kernel/osrelease` (`None`: unreadable).
    pub release: Option<String>,
    /// `(major, minor)` of the release.
    pub version: Option<(u32, u32)>,
}

pub fn kernel() -> Kernel {
    let release = sysctl::<String>("/proc/sys/kernel/osrelease");
    Kernel {
        version: release.as_deref().and_then(kernel_version),
        release,
    }
}

/// The value of a file under `/proc/sys`, trimmed and parsed (`None`: absent, unreadable or
/// not a `T`).
pub fn sysctl<T: std::str::FromStr>(path: &str) -> Option<T> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// The sysctls that allow or forbid unprivileged user namespaces.
pub fn userns_sysctls() -> UsernsSysctls {
    UsernsSysctls {
        max_user_namespaces: sysctl("/proc/sys/user/max_user_namespaces"),
        unprivileged_userns_clone: sysctl("/proc/sys/kernel/unprivileged_userns_clone"),
        apparmor_restrict: sysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"),
    }
}

/// One subordinate-id file and its contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubidFile {
    pub path: String,
    /// `None`: missing or unreadable.
    pub text: Option<String>,
}

/// `/etc/subuid` and `/etc/subgid`. `NOOK_SUBUID_FILE` and `NOOK_SUBGID_FILE` replace them
/// for tests of malformed files (read the same way; `newuidmap` itself always reads the real
/// ones). Where /etc/nsswitch.conf has a `subid:` line naming a service (SSSD, FreeIPA), the
/// ranges come from shadow's `getsubids`, as newuidmap finds them (the path then says so).
pub fn subid_files() -> (SubidFile, SubidFile) {
    let read = |var: &str, default: &str| {
        let path = std::env::var(var).unwrap_or_else(|_| default.to_string());
        SubidFile {
            text: fs::read_to_string(&path).ok(),
            path,
        }
    };
    let overridden = std::env::var_os("NOOK_SUBUID_FILE").is_some()
        || std::env::var_os("NOOK_SUBGID_FILE").is_some();
    let service = fs::read_to_string("/etc/nsswitch.conf")
        .ok()
        .and_then(|t| crate::plan::idmap::nsswitch_subid(&t));
    if let (Some(service), false) = (service, overridden) {
        let name = user_name(nix::unistd::getuid());
        let ask = |group: bool| {
            let program = find_program("getsubids")?;
            let mut cmd = std::process::Command::new(program.path);
            if group {
                cmd.arg("-g");
            }
            let out = cmd
                .arg(&name)
                .stderr(std::process::Stdio::null())
                .output()
                .ok()?;
            // No ranges: getsubids fails; the user then has none, as with an empty file.
            Some(crate::plan::idmap::getsubids_as_file(
                &String::from_utf8_lossy(&out.stdout),
            ))
        };
        return (
            SubidFile {
                path: format!("getsubids {name} (nsswitch.conf subid: {service})"),
                text: ask(false),
            },
            SubidFile {
                path: format!("getsubids -g {name} (nsswitch.conf subid: {service})"),
                text: ask(true),
            },
        );
    }
    (
        read("NOOK_SUBUID_FILE", "/etc/subuid"),
        read("NOOK_SUBGID_FILE", "/etc/subgid"),
    )
}

/// A character device the container side opens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Device {
    pub exists: bool,
    /// The caller may open it for reading and writing.
    pub rw: bool,
}

fn device(path: &str) -> Device {
    Device {
        exists: Path::new(path).exists(),
        rw: access(path, AccessFlags::R_OK | AccessFlags::W_OK).is_ok(),
    }
}

/// `/dev/net/tun`, which slirp4netns and pasta need.
pub fn tun() -> Device {
    device("/dev/net/tun")
}

/// `/dev/fuse`, which fuse-overlayfs needs.
pub fn fuse() -> Device {
    device("/dev/fuse")
}

/// `fuse-overlayfs` is installed and `/dev/fuse` can be opened for reading and writing.
pub fn fuse_usable() -> bool {
    find_program("fuse-overlayfs").is_some() && fuse().rw
}

/// The caller's user name (`$USER`, else the number, when the passwd database has none).
pub fn user_name(uid: Uid) -> String {
    match User::from_uid(uid) {
        Ok(Some(u)) => u.name,
        _ => std::env::var("USER").unwrap_or_else(|_| uid.to_string()),
    }
}

/// A random container id: 64 hex digits from the kernel's generator.
pub fn random_id() -> Result<String> {
    let mut bytes = [0u8; 32];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| Error::io("cannot read /dev/urandom", e))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Rows and columns of the terminal on standard input, when it has one.
pub(crate) fn tty_size() -> Option<(u16, u16)> {
    let stdin = std::io::stdin();
    crate::sys::get_winsize(stdin.as_fd())
        .ok()
        .map(|ws| (ws.ws_row, ws.ws_col))
        .filter(|(r, c)| *r > 0 && *c > 0)
}

/// `DIR/bus` (DIR: the runtime directory) is a socket, the systemd user manager's bus: the one
/// rule by which `nook run` asks for a scope and `nook info` reports a user bus.
pub fn user_bus_socket(runtime_dir: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(runtime_dir.join("bus")).is_ok_and(|m| m.file_type().is_socket())
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::*;

    #[test]
    fn relative_path_entries_are_skipped_and_system_dirs_follow() {
        let dirs = search_dirs(OsStr::new(".:bin::/opt/x/bin:/usr/bin"));
        let (path, system): (Vec<_>, Vec<_>) = dirs.iter().partition(|(_, on_path)| *on_path);
        assert_eq!(
            path.iter().map(|(d, _)| d.as_path()).collect::<Vec<_>>(),
            [Path::new("/opt/x/bin"), Path::new("/usr/bin")]
        );
        assert_eq!(system.len(), SYSTEM_DIRS.len());
        assert_eq!(
            dirs.last().map(|(d, _)| d.as_path()),
            Some(Path::new("/sbin"))
        );
        assert_eq!(search_dirs(OsStr::new("")).len(), SYSTEM_DIRS.len());
    }

    #[test]
    fn only_regular_files_with_an_execute_bit_are_programs() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("tool");
        fs::write(&file, "#!/bin/sh\n").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(!is_executable(&file));
        fs::set_permissions(&file, fs::Permissions::from_mode(0o700)).unwrap();
        assert!(is_executable(&file));
        assert!(!is_executable(dir.path()));
        assert!(!is_executable(&dir.path().join("absent")));
    }

    #[test]
    fn reads_this_machine() {
        let k = kernel();
        assert!(k.release.is_some());
        assert_eq!(k.version, k.release.as_deref().and_then(kernel_version));
        assert_eq!(sysctl::<u64>("/proc/sys/nonexistent"), None);
        assert_eq!(sysctl::<u64>("/proc/sys/kernel/ostype"), None);
        if let Some(sh) = find_program("sh") {
            assert!(sh.path.is_absolute() && is_executable(&sh.path));
        }
        assert_eq!(find_program("nook-no-such-program"), None);
    }
}
