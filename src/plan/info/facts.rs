//! The facts `nook info` judges, as `host::facts::for_info` reads them, and the pure readers of
//! their raw text (kernel release, cgroup mounts, `--version` and `getcap` output).

use serde::Serialize;

use crate::plan::idmap::Subids;
use crate::plan::overlay::{Driver, Probed};

/// `newuidmap` or `newgidmap`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IdHelper {
    pub path: Option<String>,
    /// Found through `PATH` (nook runs the helpers by name), not only in a system directory.
    pub on_path: bool,
    /// Owned by root with the setuid bit.
    pub setuid_root: bool,
    /// It has file capabilities (`getcap`); `None` when that could not be told.
    pub file_caps: Option<bool>,
}

/// A helper program nook may run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tool {
    pub path: Option<String>,
    pub on_path: bool,
    /// The line of `--version` naming the version.
    pub version: Option<String>,
}

/// How the cgroup file systems are mounted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CgroupMode {
    /// cgroup v2 only, at `/sys/fs/cgroup`.
    Unified,
    /// v1 controllers, with an empty cgroup v2 at `/sys/fs/cgroup/unified`.
    Hybrid,
    /// cgroup v1 only.
    Legacy,
    /// No cgroup file system found.
    #[default]
    Unknown,
}

/// The facts `nook info` judges, as `host::facts::for_info` reads them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facts {
    pub kernel_release: Option<String>,
    /// `(major, minor)` of the release.
    pub kernel_version: Option<(u32, u32)>,
    /// `/proc/sys/user/max_user_namespaces` (`None`: absent or unreadable).
    pub max_user_namespaces: Option<u64>,
    /// `/proc/sys/kernel/unprivileged_userns_clone` (Debian, older Ubuntu; `None`: absent).
    pub unprivileged_userns_clone: Option<u64>,
    /// `/proc/sys/kernel/apparmor_restrict_unprivileged_userns` (Ubuntu 23.10+; `None`: absent).
    pub apparmor_restrict_unprivileged_userns: Option<u64>,
    /// nook's AppArmor profile is installed in `/etc/apparmor.d`.
    pub apparmor_profile_installed: bool,
    pub uid: u32,
    pub gid: u32,
    pub user_name: String,
    pub subuid: Subids,
    pub subgid: Subids,
    pub newuidmap: IdHelper,
    pub newgidmap: IdHelper,
    /// The pid of the user's namespace holder, when one runs (`host::userns`).
    pub userns_holder: Option<i32>,
    /// `overlay` is listed in `/proc/filesystems` (`None`: unreadable).
    pub overlay_in_filesystems: Option<bool>,
    pub fuse_overlayfs: Tool,
    pub dev_fuse_exists: bool,
    /// `/dev/fuse` is readable and writable by the caller.
    pub dev_fuse_rw: bool,
    pub cgroup_mode: CgroupMode,
    /// Controllers delegated to the user's systemd manager (its `cgroup.controllers`).
    pub cgroup_user_controllers: Option<String>,
    /// The caller's own cgroup v2 path (from `/proc/self/cgroup`).
    pub cgroup_self: Option<String>,
    /// The caller may create cgroups below its own.
    pub cgroup_self_writable: bool,
    /// The batch scheduler's job nook runs in (Slurm, PBS, LSF, HTCondor).
    pub batch_job: Option<crate::plan::cgroup::BatchJob>,
    pub dbus_session_bus_address: Option<String>,
    /// `$XDG_RUNTIME_DIR/bus` is a socket.
    pub user_bus_socket: bool,
    pub xdg_runtime_dir: Option<String>,
    pub xdg_runtime_dir_exists: bool,
    /// Owner of `/tmp/nook-UID` if it exists (it must be the caller).
    pub fallback_runtime_dir_owner: Option<u32>,
    pub slirp4netns: Tool,
    pub pasta: Tool,
    pub dev_net_tun_exists: bool,
    /// `/dev/net/tun` is readable and writable by the caller.
    pub dev_net_tun_rw: bool,
    /// The kernel has seccomp filters (`Seccomp:` in /proc/self/status).
    pub seccomp_kernel: bool,
    /// `/proc/sys/kernel/seccomp/actions_avail`.
    pub seccomp_actions: Option<String>,
    /// The libseccomp nook is linked with.
    pub libseccomp_version: Option<String>,
    /// The image store's directory (`store::location`), or `None` when it cannot be found.
    pub store_root: Option<String>,
    /// Where the named volumes are (`store::location`; `--volumepath` moves them).
    pub volume_path: Option<String>,
    /// Why the store is there, or why it cannot be found (a bad storage.conf ...).
    pub store_why: String,
    /// The store's file system (`plan::storage::fs_name`).
    pub store_fs: Option<String>,
    /// The runtime directory's file system, where containers' upper dirs live.
    pub upper_fs: Option<String>,
    /// The driver asked for without a flag (`NOOK_STORAGE_DRIVER`, storage.conf), and where.
    pub driver_asked: Option<(Driver, String)>,
    /// The kernel overlay probe on the store's file system (`None`: not probed).
    pub overlay_probe: Option<Probed>,
    /// Why the probe could not run at all.
    pub overlay_probe_error: Option<String>,
}

/// `(major, minor)` of a kernel release such as `6.1.0-18-amd64`.
pub fn kernel_version(release: &str) -> Option<(u32, u32)> {
    let mut parts = release.trim().split('.');
    let major = parts.next()?.parse().ok()?;
    let minor: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((major, minor.parse().ok()?))
}

/// The cgroup layout, from whether `/sys/fs/cgroup/cgroup.controllers` exists and the
/// contents of `/proc/self/mounts`.
pub fn cgroup_mode(root_controllers: bool, mounts: &str) -> CgroupMode {
    if root_controllers {
        return CgroupMode::Unified;
    }
    let mut legacy = false;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace().skip(1);
        match (fields.next(), fields.next()) {
            (Some("/sys/fs/cgroup/unified"), Some("cgroup2")) => return CgroupMode::Hybrid,
            (Some(_), Some("cgroup")) => legacy = true,
            _ => {}
        }
    }
    if legacy {
        CgroupMode::Legacy
    } else {
        CgroupMode::Unknown
    }
}

/// The line of a `--version` output that names the version: the first that names the tool
/// (`fuse-overlayfs` prints its FUSE library first), else the first non-empty line.
pub fn version_line(tool: &str, output: &str) -> Option<String> {
    let lines = || output.lines().map(str::trim).filter(|l| !l.is_empty());
    lines()
        .find(|l| l.contains(tool))
        .or_else(|| lines().next())
        .map(str::to_string)
}

/// Whether `getcap PATH` output gives `path` file capabilities (it prints nothing otherwise;
/// `PATH cap_setuid=ep` in libcap 2.4x, `PATH = cap_setuid+ep` before).
pub fn has_file_caps(getcap_stdout: &str, path: &str) -> bool {
    getcap_stdout.lines().any(|l| {
        l.strip_prefix(path)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace) && rest.contains("cap_"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kernel_versions() {
        assert_eq!(kernel_version("6.1.0-18-amd64"), Some((6, 1)));
        assert_eq!(kernel_version("5.11-rc1\n"), Some((5, 11)));
        assert_eq!(kernel_version("6.18.44-fc-v657"), Some((6, 18)));
        assert_eq!(kernel_version("garbage"), None);
        assert_eq!(kernel_version("6.x"), None);
    }

    #[test]
    fn reads_cgroup_layout_from_mounts() {
        let hybrid = "cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\ncgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n";
        let legacy = "cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n";
        assert_eq!(cgroup_mode(true, ""), CgroupMode::Unified);
        assert_eq!(cgroup_mode(false, hybrid), CgroupMode::Hybrid);
        assert_eq!(cgroup_mode(false, legacy), CgroupMode::Legacy);
        assert_eq!(
            cgroup_mode(false, "proc /proc proc rw 0 0\n"),
            CgroupMode::Unknown
        );
    }

    #[test]
    fn picks_version_lines_and_file_caps() {
        let fuse = "fusermount3 version: 3.14.0\nfuse-overlayfs: version 1.10\nFUSE library version 3.14.0\n";
        assert_eq!(
            version_line("fuse-overlayfs", fuse).as_deref(),
            Some("fuse-overlayfs: version 1.10")
        );
        assert_eq!(
            version_line("pasta", "\npasta 0^20230509.g96f8d55-1\nCopyright\n").as_deref(),
            Some("pasta 0^20230509.g96f8d55-1")
        );
        assert_eq!(version_line("x", "1.0\n").as_deref(), Some("1.0"));
        assert_eq!(version_line("x", "\n"), None);

        assert!(has_file_caps(
            "/usr/bin/newuidmap cap_setuid=ep\n",
            "/usr/bin/newuidmap"
        ));
        assert!(has_file_caps(
            "/usr/bin/newuidmap = cap_setuid+ep\n",
            "/usr/bin/newuidmap"
        ));
        assert!(!has_file_caps("", "/usr/bin/newuidmap"));
        assert!(!has_file_caps(
            "/usr/bin/newuidmap2 cap_setuid=ep\n",
            "/usr/bin/newuidmap"
        ));
    }
}
