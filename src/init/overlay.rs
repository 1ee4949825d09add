//! Mounts the kernel overlay of a container's image layers with the new mount API
//! (fsopen/fsconfig/fsmount/move_mount), as `plan/overlay.rs` decided. Runs inside the
//! container's user and mount namespaces, before the root file system is set up.

use std::os::fd::AsFd;

use nix::errno::Errno;
use rustix::fs::CWD;
use rustix::mount::{
    FsMountFlags, FsOpenFlags, MountAttrFlags, MoveMountFlags, fsconfig_create, fsconfig_set_fd,
    fsconfig_set_flag, fsconfig_set_string, fsmount, fsopen, move_mount,
};

use crate::plan::overlay::{OverlaySpec, Param};
use crate::proto::{InitError, Step};

fn err(e: rustix::io::Errno, what: &str) -> InitError {
    InitError::sys_at(Step::Overlay, Errno::from_raw(e.raw_os_error()), what)
}

/// Mount the merged layers of `spec` on its target; with fuse-overlayfs, returns its process.
pub fn mount(spec: &OverlaySpec) -> Result<Option<std::process::Child>, InitError> {
    // The upper directory is the container's `/`: its root's. Made by the caller, who is
    // root inside by default (nothing changes) but not with --userns=keep-id. A single
    // mapping has no root to give it to; it stays the caller's then.
    let _ = std::os::unix::fs::chown(&spec.mount.upper, Some(0), Some(0));
    if let Some(argv) = &spec.fuse {
        return super::fuse::mount(argv, &spec.mount.target).map(Some);
    }
    let m = &spec.mount;
    let target = m.target.display().to_string();
    let mnt = configure(spec, &[])?;
    attach(mnt, &m.target, &target)
}

/// The layers are given by descriptor: opened here, as ourselves.
const BY_FD: [&str; 3] = ["lowerdir+", "upperdir", "workdir"];

/// Mount the merged layers of `spec` for a container whose maps leave the caller out
/// (`--userns=auto|nomap`, a `--uidmap` not from 0): the overlay works with the credentials
/// of its mounter, which must be the namespace's root (the caller's own uid is not mapped,
/// so it could create no file in the upper directory), while the layers lie under the
/// caller's private directories, which only the caller may walk. So the layers are opened as
/// the caller, and the overlay is configured from their descriptors (Linux 6.13) by a thread
/// whose file system ids are root's (they are per thread).
pub fn mount_as_root(spec: &OverlaySpec) -> Result<Option<std::process::Child>, InitError> {
    let m = &spec.mount;
    let target = m.target.display().to_string();
    let mut fds = Vec::new();
    for p in &spec.params {
        if let Param::String(key, value) = p
            && BY_FD.contains(&key.as_str())
        {
            let fd = rustix::fs::open(
                value.as_str(),
                rustix::fs::OFlags::RDONLY
                    | rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .map_err(|e| err(e, value))?;
            fds.push((value.clone(), fd));
        }
    }
    let mnt = std::thread::scope(|s| {
        s.spawn(|| {
            nix::unistd::setfsgid(nix::unistd::Gid::from_raw(0));
            nix::unistd::setfsuid(nix::unistd::Uid::from_raw(0));
            configure(spec, &fds)
        })
        .join()
        .unwrap_or_else(|_| Err(InitError::Protocol("the overlay thread failed".into())))
    })?;
    // The thread's change of file system ids made the whole process non-dumpable (the
    // kernel does so on any such change), which would shut the network helper, running as
    // the caller, out of our namespaces' /proc files: we were dumpable before.
    crate::sys::set_dumpable(true).map_err(|e| InitError::sys(crate::proto::Step::Overlay, e))?;
    attach(mnt, &m.target, &target)
}

/// The overlay of `spec`, configured and made (not attached); the layers named in `fds`
/// given by those descriptors.
fn configure(
    spec: &OverlaySpec,
    fds: &[(String, rustix::fd::OwnedFd)],
) -> Result<rustix::fd::OwnedFd, InitError> {
    let target = spec.mount.target.display().to_string();
    let fs = fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC).map_err(|e| err(e, &target))?;
    for p in &spec.params {
        match p {
            Param::String(key, value) => match fds.iter().find(|(v, _)| v == value) {
                Some((_, fd)) => fsconfig_set_fd(fs.as_fd(), key.as_str(), fd.as_fd())
                    .map_err(|e| err(e, value))?,
                None => fsconfig_set_string(fs.as_fd(), key.as_str(), value.as_str())
                    .map_err(|e| err(e, value))?,
            },
            Param::Flag(key) => {
                fsconfig_set_flag(fs.as_fd(), key.as_str()).map_err(|e| err(e, key))?
            }
        }
    }
    fsconfig_create(fs.as_fd()).map_err(|e| err(e, &target))?;
    fsmount(
        fs.as_fd(),
        FsMountFlags::FSMOUNT_CLOEXEC,
        MountAttrFlags::empty(),
    )
    .map_err(|e| err(e, &target))
}

/// Attach the made overlay `mnt` on `at`.
fn attach(
    mnt: rustix::fd::OwnedFd,
    at: &std::path::Path,
    target: &str,
) -> Result<Option<std::process::Child>, InitError> {
    move_mount(
        mnt.as_fd(),
        "",
        CWD,
        at,
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )
    .map_err(|e| err(e, target))?;
    Ok(None)
}
