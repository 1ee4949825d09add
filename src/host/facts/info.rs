//! The facts `nook info` judges, read with the same readers as `nook run`'s. Never fails:
//! what cannot be read is recorded as absent.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nix::unistd::{getgid, getuid};

use super::{Program, find_program, fuse, kernel, subid_files, sysctl, tun, user_name};
use crate::host::cgroup;
use crate::plan::idmap::Subids;
use crate::plan::info::{Facts, IdHelper, Tool};

/// Where nook's AppArmor profile is installed by the packages.
const APPARMOR_PROFILE: &str = "/etc/apparmor.d/nook";

/// Everything `nook info` judges: the machine (`machine`), the helpers' answers, and the
/// image store as a first `nook run` finds it (`add_store`).
pub fn for_info() -> Facts {
    let mut facts = machine();
    add_store(&mut facts);
    facts
}

/// The machine, without the store: only reads (and asks the helpers their versions).
fn machine() -> Facts {
    let uid = getuid();
    let gid = getgid().as_raw();
    let user_name = user_name(uid);
    let uid = uid.as_raw();
    let kernel = kernel();
    let userns = super::userns_sysctls();
    let (subuid, subgid) = subid_files();
    let (fuse, tun) = (fuse(), tun());
    let xdg_runtime_dir = non_empty_env("XDG_RUNTIME_DIR");
    let cgroup_mode = cgroup::mode();

    let mut facts = Facts {
        kernel_release: kernel.release,
        kernel_version: kernel.version,
        max_user_namespaces: userns.max_user_namespaces,
        unprivileged_userns_clone: userns.unprivileged_userns_clone,
        apparmor_restrict_unprivileged_userns: userns.apparmor_restrict,
        apparmor_profile_installed: Path::new(APPARMOR_PROFILE).is_file(),
        uid,
        gid,
        subuid: Subids::parse(&subuid.path, subuid.text.as_deref(), &user_name, uid),
        subgid: Subids::parse(&subgid.path, subgid.text.as_deref(), &user_name, gid),
        user_name,
        newuidmap: id_helper("newuidmap"),
        newgidmap: id_helper("newgidmap"),
        userns_holder: crate::host::userns::holder().map(|p| p.as_raw()),
        overlay_in_filesystems: fs::read_to_string("/proc/filesystems").ok().map(|t| {
            t.lines()
                .any(|l| l.split_whitespace().last() == Some("overlay"))
        }),
        fuse_overlayfs: tool("fuse-overlayfs"),
        dev_fuse_exists: fuse.exists,
        dev_fuse_rw: fuse.rw,
        cgroup_mode,
        cgroup_user_controllers: cgroup::user_manager_controllers(),
        cgroup_self: cgroup::cgroup_of("self"),
        cgroup_self_writable: cgroup::self_writable(cgroup_mode),
        batch_job: cgroup::batch_job(),
        dbus_session_bus_address: non_empty_env("DBUS_SESSION_BUS_ADDRESS"),
        user_bus_socket: xdg_runtime_dir
            .as_deref()
            .is_some_and(|d| super::user_bus_socket(Path::new(d))),
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
        dev_net_tun_exists: tun.exists,
        dev_net_tun_rw: tun.rw,
        seccomp_kernel: fs::read_to_string("/proc/self/status")
            .is_ok_and(|s| s.lines().any(|l| l.starts_with("Seccomp:"))),
        seccomp_actions: sysctl("/proc/sys/kernel/seccomp/actions_avail"),
        libseccomp_version: crate::host::seccomp::library_version(),
        store_root: None,
        volume_path: None,
        store_why: String::new(),
        store_fs: None,
        upper_fs: None,
        driver_asked: None,
        overlay_probe: None,
        overlay_probe_error: None,
    };
    super::helpers::ask(&mut facts);
    facts
}

/// Where the image store is, the driver asked for without a flag, and the kernel overlay
/// probe on the store's file system, as `nook run` finds them (the store is created, and the
/// probe run if not yet recorded, as a first `nook run` would: apart from `machine`, which
/// only reads).
fn add_store(p: &mut Facts) {
    let store = match crate::store::Store::open() {
        Ok(s) => s,
        Err(e) => {
            p.store_why = e.to_string();
            return;
        }
    };
    let location = crate::store::location::locate();
    p.volume_path = location.as_ref().ok().map(|l| display(&l.volumes));
    p.store_why = location.map(|l| l.why).unwrap_or_default();
    p.store_root = Some(display(store.root()));
    p.store_fs = crate::store::location::fs_type(store.root()).map(crate::plan::storage::fs_name);
    let runtime = crate::host::state::runtime_dir(getuid().as_raw());
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

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn tool(name: &str) -> Tool {
    let found = find_program(name);
    Tool {
        path: found.as_ref().map(|p| display(&p.path)),
        on_path: found.is_some_and(|p| p.on_path),
        version: None,
    }
}

fn id_helper(name: &str) -> IdHelper {
    let found = find_program(name);
    let setuid_root = found
        .as_ref()
        .and_then(|p| fs::metadata(&p.path).ok())
        .is_some_and(|m| m.uid() == 0 && m.mode() & 0o4000 != 0);
    let Program { path, on_path } = match found {
        Some(p) => p,
        None => return IdHelper::default(),
    };
    IdHelper {
        path: Some(display(&path)),
        on_path,
        setuid_root,
        file_caps: None,
    }
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    use super::*;

    #[test]
    fn reads_the_machine_quickly_and_consistently() {
        let start = Instant::now();
        let p = machine();
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(p.uid, getuid().as_raw());
        assert!(p.kernel_release.is_some());
        assert!(p.kernel_version.is_some());
        assert!(!p.user_name.is_empty());
        // The same finder as `nook run`'s.
        assert_eq!(
            p.newuidmap.path.map(PathBuf::from),
            find_program("newuidmap").map(|p| p.path)
        );
        assert_eq!(p.dev_fuse_rw, fuse().rw);
    }
}
