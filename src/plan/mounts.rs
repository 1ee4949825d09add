//! The root file system setup as a list of operations (bubblewrap's `SetupOp` model): which
//! mounts, in which order, with which flags. `init/rootfs.rs` executes them and decides nothing.

use serde::{Deserialize, Serialize};

/// Mount flags the plan may ask for (the rest stay the kernel's defaults).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flags {
    pub nosuid: bool,
    pub nodev: bool,
    pub noexec: bool,
    pub rdonly: bool,
}

const NOSUID_NODEV_NOEXEC: Flags = Flags {
    nosuid: true,
    nodev: true,
    noexec: true,
    rdonly: false,
};

/// One step of the root file system setup. Paths named `target`/`path` are inside the
/// container (absolute, resolved under the new root, never outside it); `source` is a host path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// A new file system of `fstype` on `target` (a directory, created if missing).
    Mount {
        fstype: String,
        target: String,
        flags: Flags,
        data: String,
    },
    /// A host path bound onto `target`, which is created as a file or a directory like the source.
    Bind {
        source: String,
        target: String,
        recursive: bool,
        readonly: bool,
    },
    /// A symbolic link at `path` pointing to `to`.
    Symlink { to: String, path: String },
    /// Hide `path`: `/dev/null` over a file, an empty read-only tmpfs over a directory.
    /// Skipped when `path` does not exist.
    Mask { path: String },
    /// Add `flags` (noexec, nosuid, nodev) to the mount on `path`, keeping its own: `-v`'s
    /// options.
    Restrict { path: String, flags: Flags },
    /// Make `path` read-only (skipped when it does not exist).
    ReadOnly { path: String },
    /// Make the root itself read-only (`--read-only`), once every mount point in it exists.
    ReadOnlyRoot,
    /// `--userns=keep-id`: copies of the root's `/etc/passwd` and `/etc/group` in the host
    /// directory `dir`, with `passwd` and `group` appended unless an entry has `uid` (`gid`),
    /// bound over the originals (`plan::podman_files::with_entry` decides).
    AddUser {
        uid: u32,
        gid: u32,
        passwd: String,
        group: String,
        dir: String,
    },
}

/// What the setup depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RootfsOptions {
    /// The container has its own network namespace: sysfs can be mounted fresh.
    pub own_netns: bool,
    /// `--privileged`: no masked or read-only paths, `/sys` writable.
    pub privileged: bool,
    /// Group 5 (`tty`) is mapped, so devpts can give it the slaves.
    pub tty_group_mapped: bool,
}

/// Device nodes bound from the host (a user namespace cannot `mknod`).
pub const DEVICES: [&str; 6] = ["null", "zero", "full", "random", "urandom", "tty"];

/// Paths hidden from the container (podman's defaults).
pub const MASKED: [&str; 12] = [
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/interrupts",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
];

/// The masked paths: podman's defaults, less `unmask` (`ALL` for every one), plus `mask`.
/// None when privileged.
pub fn masked_paths(privileged: bool, mask: &[String], unmask: &[String]) -> Vec<String> {
    if privileged {
        return Vec::new();
    }
    let all = unmask.iter().any(|u| u == "ALL");
    MASKED
        .iter()
        .map(|p| p.to_string())
        .filter(|p| !all && !unmask.contains(p))
        .chain(mask.iter().cloned())
        .collect()
}

/// Paths the container may read but not write (podman's defaults).
pub const READ_ONLY: [&str; 6] = [
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

fn mount(fstype: &str, target: &str, flags: Flags, data: &str) -> Op {
    Op::Mount {
        fstype: fstype.into(),
        target: target.into(),
        flags,
        data: data.into(),
    }
}

/// A plain bind of the host file `source` on `target`.
pub fn bind_op(source: &str, target: &str) -> Op {
    bind(source, target, false, false)
}

fn bind(source: &str, target: &str, recursive: bool, readonly: bool) -> Op {
    Op::Bind {
        source: source.into(),
        target: target.into(),
        recursive,
        readonly,
    }
}

/// The operations that turn a directory into the container's root, in order. `etc_files`
/// are `(host file, container path)` pairs bound last, so they win over the image's files;
/// then the user's mounts (`plan/volume.rs`), before the masks.
pub fn rootfs_ops(
    opts: RootfsOptions,
    masked: &[String],
    etc_files: &[(String, String)],
    user: &[Op],
) -> Vec<Op> {
    let mut ops = vec![
        mount("proc", "/proc", NOSUID_NODEV_NOEXEC, ""),
        mount(
            "tmpfs",
            "/dev",
            Flags {
                nosuid: true,
                ..Flags::default()
            },
            "mode=755,size=65536k",
        ),
    ];
    ops.extend(
        DEVICES
            .iter()
            .map(|d| bind(&format!("/dev/{d}"), &format!("/dev/{d}"), false, false)),
    );
    for (to, path) in [
        ("/proc/self/fd", "/dev/fd"),
        ("/proc/self/fd/0", "/dev/stdin"),
        ("/proc/self/fd/1", "/dev/stdout"),
        ("/proc/self/fd/2", "/dev/stderr"),
        ("pts/ptmx", "/dev/ptmx"),
    ] {
        ops.push(Op::Symlink {
            to: to.into(),
            path: path.into(),
        });
    }
    // gid=5 must be mapped or the kernel refuses the devpts mount (EINVAL).
    let pts_data = if opts.tty_group_mapped {
        "newinstance,ptmxmode=0666,mode=0620,gid=5"
    } else {
        "newinstance,ptmxmode=0666,mode=0620"
    };
    ops.push(mount(
        "devpts",
        "/dev/pts",
        Flags {
            nosuid: true,
            noexec: true,
            ..Flags::default()
        },
        pts_data,
    ));
    ops.push(mount(
        "tmpfs",
        "/dev/shm",
        NOSUID_NODEV_NOEXEC,
        "mode=1777,size=65536k",
    ));
    ops.push(mount("mqueue", "/dev/mqueue", NOSUID_NODEV_NOEXEC, ""));
    // sysfs can only be mounted by the owner of the network namespace; with the host's
    // network the host's /sys is bound instead, as podman does.
    if opts.own_netns {
        ops.push(mount(
            "sysfs",
            "/sys",
            Flags {
                rdonly: !opts.privileged,
                ..NOSUID_NODEV_NOEXEC
            },
            "",
        ));
    } else {
        ops.push(bind("/sys", "/sys", true, !opts.privileged));
    }
    for (source, target) in etc_files {
        ops.push(bind(source, target, false, false));
    }
    ops.extend(user.iter().cloned());
    if !opts.privileged {
        ops.extend(masked.iter().map(|p| Op::Mask {
            path: p.to_string(),
        }));
        ops.extend(READ_ONLY.iter().map(|p| Op::ReadOnly {
            path: p.to_string(),
        }));
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: RootfsOptions = RootfsOptions {
        own_netns: true,
        privileged: false,
        tty_group_mapped: true,
    };

    fn defaults() -> Vec<String> {
        masked_paths(false, &[], &[])
    }

    fn position(ops: &[Op], pred: impl Fn(&Op) -> bool) -> usize {
        ops.iter().position(pred).expect("op present")
    }

    fn is_mount_at(op: &Op, at: &str) -> bool {
        matches!(op, Op::Mount { target, .. } if target == at)
    }

    #[test]
    fn dev_is_mounted_before_what_lives_in_it() {
        let ops = rootfs_ops(OPTS, &defaults(), &[], &[]);
        let dev = position(&ops, |o| is_mount_at(o, "/dev"));
        let null = position(
            &ops,
            |o| matches!(o, Op::Bind { target, .. } if target == "/dev/null"),
        );
        let pts = position(&ops, |o| is_mount_at(o, "/dev/pts"));
        assert!(dev < null && dev < pts);
    }

    #[test]
    fn masks_come_after_proc_and_sys() {
        let ops = rootfs_ops(OPTS, &defaults(), &[], &[]);
        let sys = position(&ops, |o| is_mount_at(o, "/sys"));
        let first_mask = position(&ops, |o| matches!(o, Op::Mask { .. }));
        assert!(sys < first_mask);
        for p in [
            "/proc/kcore",
            "/proc/keys",
            "/proc/timer_list",
            "/proc/sched_debug",
            "/proc/scsi",
            "/proc/acpi",
            "/sys/firmware",
        ] {
            assert!(ops.contains(&Op::Mask { path: p.into() }), "{p}");
        }
        for p in [
            "/proc/sys",
            "/proc/sysrq-trigger",
            "/proc/irq",
            "/proc/bus",
            "/proc/fs",
        ] {
            assert!(ops.contains(&Op::ReadOnly { path: p.into() }), "{p}");
        }
    }

    #[test]
    fn sys_is_read_only_sysfs_with_own_netns() {
        let ops = rootfs_ops(OPTS, &defaults(), &[], &[]);
        assert!(ops.iter().any(
            |o| matches!(o, Op::Mount { fstype, flags, .. } if fstype == "sysfs" && flags.rdonly)
        ));
    }

    #[test]
    fn host_network_binds_sys() {
        let ops = rootfs_ops(
            RootfsOptions {
                own_netns: false,
                ..OPTS
            },
            &defaults(),
            &[],
            &[],
        );
        assert!(
            !ops.iter()
                .any(|o| matches!(o, Op::Mount { fstype, .. } if fstype == "sysfs"))
        );
        assert!(ops.contains(&bind("/sys", "/sys", true, true)));
    }

    #[test]
    fn privileged_has_no_masks() {
        let ops = rootfs_ops(
            RootfsOptions {
                privileged: true,
                ..OPTS
            },
            &masked_paths(true, &[], &[]),
            &[],
            &[],
        );
        assert!(
            !ops.iter()
                .any(|o| matches!(o, Op::Mask { .. } | Op::ReadOnly { .. }))
        );
    }

    #[test]
    fn devpts_gid_only_when_mapped() {
        let data = |opts| {
            rootfs_ops(opts, &defaults(), &[], &[])
                .into_iter()
                .find_map(|o| match o {
                    Op::Mount { fstype, data, .. } if fstype == "devpts" => Some(data),
                    _ => None,
                })
        };
        assert!(data(OPTS).unwrap().contains("gid=5"));
        assert!(
            !data(RootfsOptions {
                tty_group_mapped: false,
                ..OPTS
            })
            .unwrap()
            .contains("gid=")
        );
    }

    #[test]
    fn etc_files_are_bound_before_masks() {
        let files = [("/state/hosts".to_string(), "/etc/hosts".to_string())];
        let ops = rootfs_ops(OPTS, &defaults(), &files, &[]);
        let hosts = position(
            &ops,
            |o| matches!(o, Op::Bind { target, .. } if target == "/etc/hosts"),
        );
        let mask = position(&ops, |o| matches!(o, Op::Mask { .. }));
        assert!(hosts < mask);
    }

    #[test]
    fn user_mounts_come_after_etc_files_and_before_masks() {
        let files = [("/state/hosts".to_string(), "/etc/hosts".to_string())];
        let user = [bind("/home/me/hosts", "/etc/hosts", true, true)];
        let ops = rootfs_ops(OPTS, &defaults(), &files, &user);
        let mine = position(&ops, |o| o == &user[0]);
        let hosts = position(
            &ops,
            |o| matches!(o, Op::Bind { source, .. } if source == "/state/hosts"),
        );
        let mask = position(&ops, |o| matches!(o, Op::Mask { .. }));
        assert!(hosts < mine && mine < mask);
    }
}
