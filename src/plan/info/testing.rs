//! The facts of a healthy machine the unit tests start from, and lookups in a report.

use super::*;
use crate::plan::idmap::Subids;
use crate::plan::overlay::Probed;

pub(super) fn tool(path: &str, version: &str) -> Tool {
    Tool {
        path: Some(path.to_string()),
        on_path: true,
        version: Some(version.to_string()),
    }
}

pub(super) fn helper(path: &str) -> IdHelper {
    IdHelper {
        path: Some(path.to_string()),
        on_path: true,
        setuid_root: true,
        file_caps: None,
    }
}

pub(super) fn subids(file: &str, text: &str) -> Subids {
    Subids::parse(file, Some(text), "alice", 1000)
}

pub(super) fn healthy() -> Facts {
    Facts {
        kernel_release: Some("6.1.0-18-amd64".to_string()),
        kernel_version: Some((6, 1)),
        max_user_namespaces: Some(63493),
        unprivileged_userns_clone: Some(1),
        apparmor_restrict_unprivileged_userns: None,
        apparmor_profile_installed: false,
        uid: 1000,
        gid: 1000,
        user_name: "alice".to_string(),
        subuid: subids("/etc/subuid", "alice:100000:65536\n"),
        subgid: subids("/etc/subgid", "alice:100000:65536\n"),
        newuidmap: helper("/usr/bin/newuidmap"),
        newgidmap: helper("/usr/bin/newgidmap"),
        userns_holder: None,
        overlay_in_filesystems: Some(true),
        fuse_overlayfs: tool("/usr/bin/fuse-overlayfs", "fuse-overlayfs: version 1.10"),
        dev_fuse_exists: true,
        dev_fuse_rw: true,
        cgroup_mode: CgroupMode::Unified,
        cgroup_user_controllers: Some("cpuset cpu io memory pids".to_string()),
        cgroup_self: Some("/user.slice/user-1000.slice/session-2.scope".to_string()),
        cgroup_self_writable: false,
        batch_job: None,
        dbus_session_bus_address: Some("unix:path=/run/user/1000/bus".to_string()),
        user_bus_socket: true,
        xdg_runtime_dir: Some("/run/user/1000".to_string()),
        xdg_runtime_dir_exists: true,
        fallback_runtime_dir_owner: None,
        slirp4netns: tool("/usr/bin/slirp4netns", "slirp4netns version 1.2.0"),
        pasta: tool("/usr/bin/pasta", "pasta 0^20230509.g96f8d55-1"),
        dev_net_tun_exists: true,
        dev_net_tun_rw: true,
        seccomp_kernel: true,
        seccomp_actions: Some("kill_process errno allow".into()),
        libseccomp_version: Some("2.5.4".into()),
        store_root: Some("/home/alice/.local/share/nook/storage".into()),
        volume_path: Some("/home/alice/.local/share/nook/volumes".into()),
        store_why: "the data directory".into(),
        store_fs: Some("ext4".into()),
        upper_fs: Some("ext4".into()),
        driver_asked: None,
        overlay_probe: Some(Probed::Mounts),
        overlay_probe_error: None,
    }
}

pub(super) fn check<'a>(r: &'a Report, name: &str) -> &'a Check {
    match r.checks.iter().find(|c| c.name == name) {
        Some(c) => c,
        None => panic!("no check named {name}"),
    }
}

pub(super) fn fix(r: &Report, name: &str) -> String {
    check(r, name).fix.clone().unwrap_or_default()
}
