//! `nook cp` on the container side: open the host's end first, then enter the container
//! (join a running one's user and mount namespaces, or mount a stopped one's root in a user
//! namespace of its own and chroot there), so that every container path, symbolic links
//! included, resolves inside the container's root; then copy between the two, entry by entry.

use std::ffi::OsStr;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, openat};
use nix::sched::{CloneFlags, setns, unshare};
use nix::sys::stat::{FileStat, Mode, SFlag, UtimensatFlags, fstatat, mkdirat, utimensat};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, UnlinkatFlags, chdir, chroot, fchownat, symlinkat, unlinkat};

use super::Host;
use super::exec::tie_to_parent;
use crate::plan::cp::{self, CpPlan, Direction, Kind, Landing, Reach};
use crate::proto::{FromInit, InitError};

fn fail(path: &str, e: Errno) -> InitError {
    InitError::Job {
        message: format!("{path}: {}", e.desc()),
        errno: Some(e as i32),
    }
}

fn user(message: String) -> InitError {
    InitError::Job {
        message,
        errno: None,
    }
}

fn open_dir(at: Option<BorrowedFd<'_>>, path: &str) -> Result<OwnedFd, Errno> {
    let flags = OFlag::O_DIRECTORY | OFlag::O_RDONLY | OFlag::O_CLOEXEC;
    match at {
        Some(dir) => openat(dir, path, flags, Mode::empty()),
        None => nix::fcntl::open(path, flags, Mode::empty()),
    }
}

fn kind_of(st: &FileStat) -> Kind {
    match SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits()) {
        SFlag::S_IFDIR => Kind::Dir,
        SFlag::S_IFREG => Kind::File,
        SFlag::S_IFLNK => Kind::Symlink,
        _ => Kind::Other,
    }
}

/// One end of the copy, opened: the directory the source is in (or the destination, or its
/// parent), and what is there.
struct Side {
    /// The source's directory; or the destination itself when it is a directory.
    dir: OwnedFd,
    /// The destination's parent (a destination only).
    parent: Option<OwnedFd>,
    kind: Option<Kind>,
}

/// The source: its directory, and what its last component names (not followed).
fn open_source(path: &str) -> Result<(Side, cp::Source), InitError> {
    let src = cp::source(path);
    let dir = open_dir(None, &src.dir).map_err(|e| fail(&src.dir, e))?;
    let kind = match &src.name {
        Some(name) => kind_of(
            &fstatat(dir.as_fd(), name.as_str(), AtFlags::AT_SYMLINK_NOFOLLOW)
                .map_err(|e| fail(path, e))?,
        ),
        None => Kind::Dir,
    };
    let side = Side {
        dir,
        parent: None,
        kind: Some(kind),
    };
    Ok((side, src))
}

/// The destination: itself when it is a directory, else its parent (which must exist).
fn open_destination(path: &str) -> Result<Side, InitError> {
    let parent_path = cp::parent_of(path);
    let parent = open_dir(None, &parent_path).map_err(|e| fail(&parent_path, e))?;
    let kind = match nix::sys::stat::stat(path) {
        Ok(st) => Some(kind_of(&st)),
        Err(Errno::ENOENT) => None,
        Err(e) => return Err(fail(path, e)),
    };
    let dir = match kind {
        Some(Kind::Dir) => open_dir(None, path).map_err(|e| fail(path, e))?,
        _ => parent
            .try_clone()
            .map_err(|e| fail(path, crate::proto::errno_of(&e)))?,
    };
    Ok(Side {
        dir,
        parent: Some(parent),
        kind,
    })
}

/// Enter the container: from here on `/` is its root.
fn enter(host: &Host<'_>, reach: &Reach) -> Result<Option<std::process::Child>, InitError> {
    crate::sys::set_dumpable(false).map_err(|e| fail("prctl", e))?;
    match reach {
        Reach::Join { pid, flags } => {
            let pidfd =
                crate::sys::pidfd_open(*pid).map_err(|e| fail("the container's PID 1", e))?;
            setns(&pidfd, CloneFlags::from_bits_retain(*flags))
                .map_err(|e| fail("joining the container's namespaces", e))?;
            tie_to_parent(host.0)?;
            Ok(None)
        }
        Reach::Disk { rootfs, overlay } => {
            host.unshare_user()?;
            unshare(CloneFlags::CLONE_NEWNS).map_err(|e| fail("unshare", e))?;
            host.wait_maps()?;
            tie_to_parent(host.0)?;
            nix::mount::mount(
                None::<&str>,
                "/",
                None::<&str>,
                nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
                None::<&str>,
            )
            .map_err(|e| fail("/", e))?;
            let fuse = match overlay {
                Some(spec) => super::overlay::mount(spec)?,
                None => None,
            };
            let root = rootfs.display().to_string();
            chroot(rootfs.as_path()).map_err(|e| fail(&root, e))?;
            chdir("/").map_err(|e| fail(&root, e))?;
            Ok(fuse)
        }
    }
}

pub(super) fn run(host: Host, plan: &CpPlan) -> Result<FromInit, InitError> {
    if cp::is_stream(&plan.host_path) {
        let fuse = enter(&host, &plan.reach)?;
        let size = match plan.direction {
            Direction::In => unpack_stdin(&plan.container_path, plan.archive)?,
            Direction::Out => archive_stdout(&plan.container_path)?,
        };
        if let Some(mut f) = fuse {
            let _ = f.kill();
            let _ = f.wait();
        }
        return Ok(FromInit::JobDone {
            warnings: Vec::new(),
            size,
        });
    }
    // The host's end is opened before the container is entered: afterwards `/` is the
    // container's, and a host path would resolve there.
    let (opened_source, opened_dest) = match plan.direction {
        Direction::In => (Some(open_source(&plan.host_path)?), None),
        Direction::Out => (None, Some(open_destination(&plan.host_path)?)),
    };
    let fuse = enter(&host, &plan.reach)?;
    let ((src, source), dest, dest_path) = match (opened_source, opened_dest) {
        (Some(s), None) => (
            s,
            open_destination(&plan.container_path)?,
            &plan.container_path,
        ),
        (None, Some(d)) => (open_source(&plan.container_path)?, d, &plan.host_path),
        _ => return Err(InitError::Protocol("cp: no side opened".into())),
    };
    let src_kind = src.kind.unwrap_or(Kind::Other);
    let landing = cp::landing(&source, src_kind, dest_path, dest.kind).map_err(user)?;
    let (to_dir, to_name) = match &landing {
        Landing::Inside(name) => (dest.dir.as_fd(), name.clone()),
        Landing::Beside(name) => match &dest.parent {
            Some(p) => (p.as_fd(), Some(name.clone())),
            None => return Err(InitError::Protocol("cp: no parent opened".into())),
        },
    };
    let mut copier = Copier {
        archive: plan.archive,
        bytes: 0,
        warnings: Vec::new(),
    };
    match (&source.name, to_name) {
        (Some(from), Some(to)) => copier.entry(src.dir.as_fd(), from, to_dir, &to)?,
        (None, to) => {
            // A directory's contents: merged into the target, made first when missing.
            let target = match to {
                Some(to) => {
                    copier.make_dir(to_dir, &to, None)?;
                    open_dir(Some(to_dir), &to).map_err(|e| fail(&to, e))?
                }
                None => to_dir
                    .try_clone_to_owned()
                    .map_err(|e| fail(".", crate::proto::errno_of(&e)))?,
            };
            copier.contents(src.dir.as_fd(), target.as_fd())?;
        }
        (Some(from), None) => {
            let target = to_dir
                .try_clone_to_owned()
                .map_err(|e| fail(".", crate::proto::errno_of(&e)))?;
            copier.entry(src.dir.as_fd(), from, target.as_fd(), from)?;
        }
    }
    if let Some(mut f) = fuse {
        let _ = f.kill();
        let _ = f.wait();
    }
    Ok(FromInit::JobDone {
        warnings: copier.warnings,
        size: copier.bytes,
    })
}

struct Copier {
    archive: bool,
    bytes: u64,
    warnings: Vec<String>,
}

fn name_str(name: &OsStr) -> String {
    name.to_string_lossy().into_owned()
}

impl Copier {
    /// Copy `name` of `from` as `to` in `into`: a directory with everything under it, a
    /// file's contents, a symbolic link as a link; owner, mode and times kept as `-a` says.
    fn entry(
        &mut self,
        from: BorrowedFd<'_>,
        name: &str,
        into: BorrowedFd<'_>,
        to: &str,
    ) -> Result<(), InitError> {
        let st = fstatat(from, name, AtFlags::AT_SYMLINK_NOFOLLOW).map_err(|e| fail(name, e))?;
        match kind_of(&st) {
            Kind::Dir => {
                self.make_dir(into, to, Some(&st))?;
                let src = open_dir(Some(from), name).map_err(|e| fail(name, e))?;
                let dst = open_dir(Some(into), to).map_err(|e| fail(to, e))?;
                self.contents(src.as_fd(), dst.as_fd())?;
            }
            Kind::File => self.file(from, name, into, to, &st)?,
            Kind::Symlink => {
                let target = nix::fcntl::readlinkat(from, name).map_err(|e| fail(name, e))?;
                replace(into, to)?;
                symlinkat(target.as_os_str(), into, to).map_err(|e| fail(to, e))?;
            }
            Kind::Other => {
                self.warnings
                    .push(format!("skipped {name}: not a file, directory or link"));
                return Ok(());
            }
        }
        self.finish(into, to, &st);
        Ok(())
    }

    /// Every entry of directory `from` into directory `into`.
    fn contents(&mut self, from: BorrowedFd<'_>, into: BorrowedFd<'_>) -> Result<(), InitError> {
        let mut dir = nix::dir::Dir::from_fd(
            from.try_clone_to_owned()
                .map_err(|e| fail(".", crate::proto::errno_of(&e)))?,
        )
        .map_err(|e| fail(".", e))?;
        let names: Vec<String> = dir
            .iter()
            .filter_map(|e| e.ok())
            .map(|e| name_str(OsStr::from_bytes(e.file_name().to_bytes())))
            .filter(|n| n != "." && n != "..")
            .collect();
        for name in names {
            self.entry(from, &name, into, &name)?;
        }
        Ok(())
    }

    fn make_dir(
        &mut self,
        into: BorrowedFd<'_>,
        to: &str,
        st: Option<&FileStat>,
    ) -> Result<(), InitError> {
        let mode = st.map(|s| s.st_mode & 0o7777).unwrap_or(0o755);
        match mkdirat(into, to, Mode::from_bits_truncate(mode | 0o700)) {
            Ok(()) => Ok(()),
            Err(Errno::EEXIST) => match fstatat(into, to, AtFlags::AT_SYMLINK_NOFOLLOW) {
                Ok(existing) if kind_of(&existing) == Kind::Dir => Ok(()),
                _ => Err(user(format!(
                    "cannot copy the directory over {to}: it exists and is not a directory"
                ))),
            },
            Err(e) => Err(fail(to, e)),
        }
    }

    fn file(
        &mut self,
        from: BorrowedFd<'_>,
        name: &str,
        into: BorrowedFd<'_>,
        to: &str,
        st: &FileStat,
    ) -> Result<(), InitError> {
        let src = openat(
            from,
            name,
            OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| fail(name, e))?;
        // A link in the destination is replaced, never followed.
        if fstatat(into, to, AtFlags::AT_SYMLINK_NOFOLLOW).is_ok_and(|s| kind_of(&s) != Kind::File)
        {
            replace(into, to)?;
        }
        let dst = openat(
            into,
            to,
            OFlag::O_WRONLY
                | OFlag::O_CREAT
                | OFlag::O_TRUNC
                | OFlag::O_NOFOLLOW
                | OFlag::O_CLOEXEC,
            Mode::from_bits_truncate((st.st_mode & 0o777) | 0o200),
        )
        .map_err(|e| fail(to, e))?;
        let mut reader = std::fs::File::from(src);
        let mut writer = std::fs::File::from(dst);
        self.bytes += std::io::copy(&mut reader, &mut writer)
            .map_err(|e| fail(to, crate::proto::errno_of(&e)))?;
        Ok(())
    }

    /// Owner (with `-a`), mode and modification time of the copy, as the source's.
    fn finish(&mut self, into: BorrowedFd<'_>, to: &str, st: &FileStat) {
        if self.archive {
            // An id the namespace does not map (EINVAL) leaves the copy the container root's.
            let _ = fchownat(
                into,
                to,
                Some(Uid::from_raw(st.st_uid)),
                Some(Gid::from_raw(st.st_gid)),
                AtFlags::AT_SYMLINK_NOFOLLOW,
            );
        }
        if kind_of(st) != Kind::Symlink {
            let mode = Mode::from_bits_truncate(st.st_mode & 0o7777);
            let _ = nix::sys::stat::fchmodat(
                into,
                to,
                mode,
                nix::sys::stat::FchmodatFlags::FollowSymlink,
            );
        }
        let atime = TimeSpec::new(st.st_atime, st.st_atime_nsec);
        let mtime = TimeSpec::new(st.st_mtime, st.st_mtime_nsec);
        let _ = utimensat(into, to, &atime, &mtime, UtimensatFlags::NoFollowSymlink);
    }
}

/// Remove what is at `to` unless it is a directory (a file or link the copy replaces).
fn replace(into: BorrowedFd<'_>, to: &str) -> Result<(), InitError> {
    match unlinkat(into, to, UnlinkatFlags::NoRemoveDir) {
        Ok(()) | Err(Errno::ENOENT) => Ok(()),
        Err(e) => Err(fail(to, e)),
    }
}

fn io_fail(path: &str, e: std::io::Error) -> InitError {
    fail(path, crate::proto::errno_of(&e))
}

/// `nook cp - CONTAINER:DIR`: the tar stream on standard input, unpacked into the
/// container's directory `dir` (which must exist), owners kept with `-a`.
fn unpack_stdin(dir: &str, archive: bool) -> Result<u64, InitError> {
    match nix::sys::stat::stat(dir) {
        Ok(st) if kind_of(&st) == Kind::Dir => {}
        Ok(_) => {
            return Err(user(format!(
                "{dir} is not a directory: a tar stream is unpacked into a directory"
            )));
        }
        Err(e) => return Err(fail(dir, e)),
    }
    let mut tar = tar::Archive::new(std::io::stdin().lock());
    tar.set_preserve_permissions(true);
    tar.set_preserve_ownerships(archive);
    tar.set_overwrite(true);
    tar.unpack(dir)
        .map_err(|e| user(format!("cannot unpack the tar stream into {dir}: {e}")))?;
    Ok(0)
}

/// `nook cp CONTAINER:PATH -`: PATH as a tar stream on standard output (ids as the
/// container sees them; links as links).
fn archive_stdout(path: &str) -> Result<u64, InitError> {
    use std::io::Write;
    let src = cp::source(path);
    let mut out = std::io::stdout().lock();
    let mut tar = tar::Builder::new(&mut out);
    tar.follow_symlinks(false);
    let full = match &src.name {
        Some(name) => format!("{}/{name}", src.dir.trim_end_matches('/')),
        None => src.dir.clone(),
    };
    let st = nix::sys::stat::lstat(full.as_str()).map_err(|e| fail(path, e))?;
    let name = src.name.clone().unwrap_or_else(|| ".".into());
    match kind_of(&st) {
        Kind::Dir => tar.append_dir_all(&name, &full),
        _ => tar.append_path_with_name(&full, &name),
    }
    .map_err(|e| io_fail(path, e))?;
    tar.finish().map_err(|e| io_fail(path, e))?;
    drop(tar);
    out.flush().map_err(|e| io_fail(path, e))?;
    Ok(0)
}
