//! Mounts the kernel overlay of a container's image layers with the new mount API
//! (fsopen/fsconfig/fsmount/move_mount), as `plan/overlay.rs` decided. Runs inside the
//! container's user and mount namespaces, before the root file system is set up.

use std::os::fd::AsFd;

use nix::errno::Errno;
use rustix::fs::CWD;
use rustix::mount::{
    FsMountFlags, FsOpenFlags, MountAttrFlags, MoveMountFlags, fsconfig_create, fsconfig_set_flag,
    fsconfig_set_string, fsmount, fsopen, move_mount,
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
    let (m, params) = (&spec.mount, &spec.params);
    let target = m.target.display().to_string();
    let fs = fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC).map_err(|e| err(e, &target))?;
    for p in params {
        match p {
            Param::String(key, value) => {
                fsconfig_set_string(fs.as_fd(), key.as_str(), value.as_str())
                    .map_err(|e| err(e, value))?
            }
            Param::Flag(key) => {
                fsconfig_set_flag(fs.as_fd(), key.as_str()).map_err(|e| err(e, key))?
            }
        }
    }
    fsconfig_create(fs.as_fd()).map_err(|e| err(e, &target))?;
    let mnt = fsmount(
        fs.as_fd(),
        FsMountFlags::FSMOUNT_CLOEXEC,
        MountAttrFlags::empty(),
    )
    .map_err(|e| err(e, &target))?;
    move_mount(
        mnt.as_fd(),
        "",
        CWD,
        m.target.as_path(),
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )
    .map_err(|e| err(e, &target))?;
    Ok(None)
}
