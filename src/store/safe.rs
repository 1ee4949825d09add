//! Path resolution that never leaves a root directory (openat2 with RESOLVE_IN_ROOT and
//! RESOLVE_NO_MAGICLINKS), and the few file operations the extractor needs on top of it.

use std::ffi::OsStr;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, OpenHow, ResolveFlag, openat2};
use nix::sys::stat::{Mode, fstatat, mkdirat};
use nix::unistd::{UnlinkatFlags, unlinkat};

/// The destination directory; every lookup stays inside it.
pub struct Root {
    pub fd: OwnedFd,
}

impl Root {
    pub fn resolve(&self, rel: &Path, flags: OFlag) -> nix::Result<OwnedFd> {
        let p = if rel.as_os_str().is_empty() {
            Path::new(".")
        } else {
            rel
        };
        // openat2 refuses flags O_PATH does not take (O_NOCTTY among them).
        let extra = if flags.contains(OFlag::O_PATH) {
            OFlag::O_CLOEXEC
        } else {
            OFlag::O_CLOEXEC | OFlag::O_NOCTTY
        };
        let how = OpenHow::new()
            .flags(flags | extra)
            .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
        // EAGAIN: something was renamed or mounted somewhere on the system while a `..` (of
        // a symlink's target) was resolved, so the kernel could not vouch that the walk
        // stayed inside; its advice is to try again.
        let mut tries = 0;
        loop {
            match openat2(&self.fd, p, how) {
                Err(Errno::EAGAIN) if tries < 100 => tries += 1,
                r => return r,
            }
        }
    }

    pub fn dir(&self, rel: &Path) -> nix::Result<OwnedFd> {
        self.resolve(rel, OFlag::O_PATH | OFlag::O_DIRECTORY)
    }

    /// The directory `rel`, created (0755) with its missing parents.
    pub fn mkdir_all(&self, rel: &Path) -> nix::Result<OwnedFd> {
        match self.dir(rel) {
            Err(Errno::ENOENT) => {}
            other => return other,
        }
        let mut cur = self.dir(Path::new(""))?;
        let mut prefix = PathBuf::new();
        for c in rel.components() {
            prefix.push(c);
            cur = match self.dir(&prefix) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) => {
                    match mkdirat(&cur, c.as_os_str(), Mode::from_bits_truncate(0o755)) {
                        Ok(()) | Err(Errno::EEXIST) => {}
                        Err(e) => return Err(e),
                    }
                    self.dir(&prefix)?
                }
                Err(e) => return Err(e),
            };
        }
        Ok(cur)
    }
}

fn is_dir(pfd: &OwnedFd, name: &OsStr) -> nix::Result<Option<bool>> {
    match fstatat(pfd, name, AtFlags::AT_SYMLINK_NOFOLLOW) {
        Ok(st) => Ok(Some(st.st_mode & libc::S_IFMT == libc::S_IFDIR)),
        Err(Errno::ENOENT) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `name` is one entry of a directory: not empty, not `.` or `..`, no `/` (or NUL).
/// Anything else, looked up in a directory, may name that directory or one above it.
pub fn plain_name(name: &OsStr) -> bool {
    let b = name.as_bytes();
    !b.is_empty() && b != b"." && b != b".." && !b.contains(&b'/') && !b.contains(&0)
}

/// Remove `name` in `pfd` (a whole tree for a directory unless `keep_dir`); true when a
/// directory was kept. Refuses (EINVAL) a name that is not a plain entry: `..` would be the
/// directory above `pfd`, `.` or an empty name `pfd` itself.
pub fn remove_entry(pfd: &OwnedFd, name: &OsStr, keep_dir: bool) -> nix::Result<bool> {
    // Must happen before the lookup: fstatat and the removal below resolve `name` from
    // `pfd` without RESOLVE_IN_ROOT, so only a plain name is sure to stay inside it.
    if !plain_name(name) {
        return Err(Errno::EINVAL);
    }
    match is_dir(pfd, name)? {
        None => Ok(false),
        Some(true) if keep_dir => Ok(true),
        Some(true) => {
            // std's remove_dir_all never follows a symlink below its starting point.
            let path = PathBuf::from(format!("/proc/self/fd/{}", pfd.as_raw_fd())).join(name);
            std::fs::remove_dir_all(path).map_err(|e| errno(&e))?;
            Ok(false)
        }
        Some(false) => unlinkat(pfd, name, UnlinkatFlags::NoRemoveDir).map(|_| false),
    }
}

pub fn errno(e: &io::Error) -> Errno {
    Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO))
}
