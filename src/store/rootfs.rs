//! A container's root file system made from its image, and the removal of trees that hold
//! files of subordinate ids (a container's private copy, its overlay's upper and work
//! directories, a volume), which may take a job in the user namespace.

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::job::{Job, Userns};
use crate::error::{Error, Result};
use crate::plan::keep_id::Shift;
use crate::plan::overlay::OverlayMount;

/// A container's private copy of its image; removed (from inside the user namespace `userns`,
/// its files belong to subordinate ids) when dropped unless kept.
pub struct Rootfs<'a> {
    paths: Vec<PathBuf>,
    keep: bool,
    userns: &'a dyn Userns,
}

impl<'a> Rootfs<'a> {
    /// Apply the layers in order into `dest` (the vfs driver), in `userns`; owners moved by
    /// `shift` for `--userns=keep-id`.
    pub fn create(
        blobs: &[PathBuf],
        dest: &Path,
        shift: Option<Shift>,
        userns: &'a dyn Userns,
    ) -> Result<Rootfs<'a>> {
        let guard = Rootfs {
            paths: vec![dest.to_path_buf()],
            keep: false,
            userns,
        };
        let (warnings, _) = userns.run(&Job::Apply {
            blobs: blobs.to_vec(),
            dest: dest.to_path_buf(),
            shift,
            existing: false,
            squash: None,
        })?;
        for w in warnings {
            eprintln!("Warning: {w}");
        }
        Ok(guard)
    }

    /// The directories of a kernel overlay (the overlay driver): upper and work, and the
    /// mount point, which `__init` mounts in the container's mount namespace.
    /// With a map's `shift` (`--userns=auto|nomap`, a `--uidmap` not from 0), upper and work
    /// become the container root's: the caller's own uid is not in its namespace.
    pub fn overlay(
        spec: &OverlayMount,
        shift: Option<Shift>,
        userns: &'a dyn Userns,
    ) -> Result<Rootfs<'a>> {
        let mut guard = Rootfs {
            paths: Vec::new(),
            keep: false,
            userns,
        };
        // The upper directory's mode is the container's `/`: the top layer's (0555 when no
        // layer names "./", as podman's).
        let root_mode = spec
            .lower
            .first()
            .and_then(|l| std::fs::metadata(l).ok())
            .map_or(0o755, |m| m.permissions().mode() & 0o7777);
        for dir in [&spec.upper, &spec.work, &spec.target] {
            let mode = if dir == &spec.upper { root_mode } else { 0o755 };
            // Created 0700 then set: the umask would take bits away.
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(dir)
                .and_then(|()| std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)))
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
            guard.paths.push(dir.clone());
        }
        if let Some(s @ Shift::Map { .. }) = shift {
            let (uid, gid) = s.apply(0, 0);
            userns.run(&Job::Chown {
                paths: vec![spec.upper.clone(), spec.work.clone()],
                uid,
                gid,
            })?;
        }
        Ok(guard)
    }

    pub fn keep(mut self) {
        self.keep = true;
    }
}

/// The directories a container made from an image may own (`PRIVATE_DIRS` of its state dir),
/// holding files of subordinate ids: removed from inside the user namespace.
pub const PRIVATE_DIRS: [&str; 3] = ["rootfs", "upper", "work"];

impl Drop for Rootfs<'_> {
    fn drop(&mut self) {
        if !self.keep {
            let _ = remove_trees(&self.paths, self.userns);
        }
    }
}

/// Remove a tree holding files of subordinate ids.
pub fn remove_tree(path: &Path, userns: &dyn Userns) -> Result<()> {
    remove_trees(std::slice::from_ref(&path.to_path_buf()), userns)
}

/// Remove trees that may hold files of subordinate ids. Each is first removed as ourselves,
/// which is all it takes when the container wrote only as its root (our own uid): no process
/// to start. What that leaves (files of other ids) goes in one job in the user namespace
/// `userns`.
pub fn remove_trees(paths: &[PathBuf], userns: &dyn Userns) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for p in paths {
        // overlayfs makes the directories it keeps in its work directory (ours) mode 0, which
        // stops a listing: `work`, and with `volatile` `work/incompat/volatile`. Parents first.
        // The upper directory has the container's `/` mode (0555 often): ours to open up.
        for inner in ["", "work", "work/incompat", "work/incompat/volatile"] {
            let inner = p.join(inner);
            if std::fs::symlink_metadata(&inner)
                .is_ok_and(|m| m.is_dir() && m.permissions().mode() & 0o700 != 0o700)
            {
                let _ = std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o700));
            }
        }
    }
    let rest: Vec<PathBuf> = paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_ok() && std::fs::remove_dir_all(p).is_err())
        .cloned()
        .collect();
    if rest.is_empty() {
        return Ok(());
    }
    userns.run(&Job::Remove { paths: rest }).map(drop)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::store::job::Recorder;

    #[test]
    fn trees_of_our_own_files_go_without_a_user_namespace() {
        let d = tempfile::tempdir().unwrap();
        let upper = d.path().join("upper");
        std::fs::create_dir_all(upper.join("etc")).unwrap();
        std::fs::write(upper.join("etc/f"), b"x").unwrap();
        // overlayfs leaves its work directory mode 0.
        let work = d.path().join("work");
        std::fs::create_dir_all(work.join("work/incompat/volatile")).unwrap();
        for inner in ["work/incompat/volatile", "work/incompat", "work"] {
            std::fs::set_permissions(work.join(inner), std::fs::Permissions::from_mode(0o000))
                .unwrap();
        }
        let jobs = Recorder::default();
        let missing = d.path().join("rootfs");
        remove_trees(&[upper.clone(), work.clone(), missing], &jobs).unwrap();
        assert!(!upper.exists() && !work.exists());
        assert!(jobs.jobs().is_empty());
    }

    #[test]
    fn a_kept_rootfs_stays_and_a_dropped_one_goes() {
        let d = tempfile::tempdir().unwrap();
        let spec = |name: &str| OverlayMount {
            lower: Vec::new(),
            upper: d.path().join(name).join("upper"),
            work: d.path().join(name).join("work"),
            target: d.path().join(name).join("rootfs"),
        };
        let jobs = Recorder::default();
        let (kept, dropped) = (spec("kept"), spec("dropped"));
        for s in [&kept, &dropped] {
            std::fs::create_dir(s.upper.parent().unwrap()).unwrap();
        }
        Rootfs::overlay(&kept, None, &jobs).unwrap().keep();
        drop(Rootfs::overlay(&dropped, None, &jobs).unwrap());
        assert!(kept.upper.is_dir() && kept.work.is_dir() && kept.target.is_dir());
        assert!(!dropped.upper.exists() && !dropped.work.exists() && !dropped.target.exists());
        assert!(jobs.jobs().is_empty());
    }
}
