//! One tar entry applied inside the root (directories, files, links, nodes), and what waits
//! for the end: opaque directories emptied, directory owners, modes and times.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{CString, OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use nix::errno::Errno;
use nix::fcntl::AtFlags;
use nix::fcntl::{OFlag, openat};
use nix::sys::stat::{
    FchmodatFlags, Mode, SFlag, UtimensatFlags, fchmod, fchmodat, futimens, makedev, mkdirat,
    mknodat, utimensat,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, fchown, fchownat, linkat, symlinkat};

use super::super::safe::remove_entry;
use super::whiteout::{Whiteout, whiteout_kind};
use super::{ExtractMode, Extractor, Res, UnpackError, normalize, sys};

#[derive(Debug, Clone, Copy)]
pub(super) struct Meta {
    mode: u32,
    uid: u32,
    gid: u32,
    mtime: i64,
}

fn times(m: &Meta) -> TimeSpec {
    TimeSpec::new(m.mtime, 0)
}

fn owner(m: &Meta) -> (Option<Uid>, Option<Gid>) {
    (Some(Uid::from_raw(m.uid)), Some(Gid::from_raw(m.gid)))
}

impl Extractor {
    pub(super) fn entry<R: Read>(&mut self, entry: &mut tar::Entry<R>, path: &Path) -> Res<()> {
        let rel = normalize(path);
        let h = entry.header();
        let (uid, gid) = (
            h.uid().map_err(|e| UnpackError::io(e.to_string(), &e))? as u32,
            h.gid().map_err(|e| UnpackError::io(e.to_string(), &e))? as u32,
        );
        let (uid, gid) = match self.opts.shift {
            Some(s) => s.apply(uid, gid),
            None => (uid, gid),
        };
        let meta = Meta {
            mode: h.mode().map_err(|e| UnpackError::io(e.to_string(), &e))? & 0o7777,
            uid,
            gid,
            mtime: h.mtime().unwrap_or(0) as i64,
        };
        let kind = h.entry_type();
        let name = rel.file_name().map(OsStr::to_os_string);
        let parent = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(w) = name
            .as_ref()
            .and_then(|n| n.as_bytes().strip_prefix(b".wh."))
        {
            self.parent = None; // a whiteout removes what may lie on the way to it
            return match whiteout_kind(w)? {
                Whiteout::Opaque => self.opaque_dir(&parent),
                Whiteout::Bookkeeping => Ok(()),
                Whiteout::Delete(name) => self.whiteout(&parent, name),
            };
        }
        if self.opts.mode == ExtractMode::Apply {
            self.written.insert(rel.clone());
        }
        let Some(name) = name else {
            // The root itself ("./"): only its metadata.
            if kind.is_dir() {
                self.root_seen = true;
                self.dirs.push((rel, meta));
            }
            return Ok(());
        };
        use tar::EntryType as T;
        if !matches!(kind, T::Regular | T::Continuous | T::GNUSparse) {
            // Anything but a regular file may replace a directory or a symlink on the way
            // to the cached parent: resolve it again afterwards.
            self.parent = None;
        }
        let pfd = sys(
            "cannot create its parent directory",
            self.parent_dir(&parent),
        )?;
        match kind {
            T::Directory => {
                let kept = sys("cannot replace", remove_entry(&pfd, &name, true))?;
                if !kept {
                    sys(
                        "cannot create",
                        mkdirat(&pfd, name.as_os_str(), Mode::from_bits_truncate(0o700)),
                    )?;
                }
                self.dirs.push((rel, meta));
            }
            T::Regular | T::Continuous | T::GNUSparse => self.file(entry, &pfd, &name, &meta)?,
            T::Symlink => {
                let target = entry
                    .link_name()
                    .map_err(|e| UnpackError::io(e.to_string(), &e))?
                    .ok_or("a symlink without a target")?
                    .into_owned();
                sys("cannot replace", remove_entry(&pfd, &name, false))?;
                sys(
                    "cannot create the symlink",
                    symlinkat(&target, &pfd, name.as_os_str()),
                )?;
                self.chown_at(&pfd, &name, &meta);
                let _ = utimensat(
                    &pfd,
                    name.as_os_str(),
                    &times(&meta),
                    &times(&meta),
                    UtimensatFlags::NoFollowSymlink,
                );
            }
            T::Link => {
                let target = entry
                    .link_name()
                    .map_err(|e| UnpackError::io(e.to_string(), &e))?
                    .ok_or("a hard link without a target")?;
                let target = normalize(&target);
                if target == rel {
                    return Ok(());
                }
                let (Some(tname), tparent) =
                    (target.file_name(), target.parent().unwrap_or(Path::new("")))
                else {
                    return Err("a hard link to the root directory".into());
                };
                let tfd = sys("the hard link's target is missing", self.root.dir(tparent))?;
                sys("cannot replace", remove_entry(&pfd, &name, false))?;
                sys(
                    &format!("cannot link to {}", target.display()),
                    linkat(&tfd, tname, &pfd, name.as_os_str(), AtFlags::empty()),
                )?;
            }
            T::Char | T::Block | T::Fifo => {
                let (flag, dev) = match kind {
                    T::Fifo => (SFlag::S_IFIFO, 0),
                    _ => {
                        let major = h.device_major().ok().flatten().unwrap_or(0);
                        let minor = h.device_minor().ok().flatten().unwrap_or(0);
                        let f = if kind == T::Char {
                            SFlag::S_IFCHR
                        } else {
                            SFlag::S_IFBLK
                        };
                        (f, makedev(major.into(), minor.into()))
                    }
                };
                sys("cannot replace", remove_entry(&pfd, &name, false))?;
                match mknodat(
                    &pfd,
                    name.as_os_str(),
                    flag,
                    Mode::from_bits_truncate(0o600),
                    dev,
                ) {
                    Ok(()) => {}
                    Err(Errno::EPERM) if flag != SFlag::S_IFIFO => {
                        self.devices.push(format!("/{}", rel.display()));
                        return Ok(());
                    }
                    Err(e) => {
                        return Err(UnpackError::errno(
                            format!("cannot create the node: {}", e.desc()),
                            e,
                        ));
                    }
                }
                self.chown_at(&pfd, &name, &meta);
                sys(
                    "cannot set its mode",
                    fchmodat(
                        &pfd,
                        name.as_os_str(),
                        Mode::from_bits_truncate(meta.mode),
                        FchmodatFlags::FollowSymlink,
                    ),
                )?;
                let _ = utimensat(
                    &pfd,
                    name.as_os_str(),
                    &times(&meta),
                    &times(&meta),
                    UtimensatFlags::NoFollowSymlink,
                );
            }
            T::XGlobalHeader | T::XHeader | T::GNULongName | T::GNULongLink => {}
            other => self.report.warnings.push(format!(
                "skipped /{} of unsupported tar type {other:?}",
                rel.display()
            )),
        }
        Ok(())
    }

    fn file<R: Read>(
        &mut self,
        entry: &mut tar::Entry<R>,
        pfd: &OwnedFd,
        name: &OsString,
        meta: &Meta,
    ) -> Res<()> {
        let mut xattrs = Vec::new();
        if let Ok(Some(exts)) = entry.pax_extensions() {
            for ext in exts.flatten() {
                let Some(key) = ext.key().ok().and_then(|k| k.strip_prefix("SCHILY.xattr.")) else {
                    continue;
                };
                if (key.starts_with("user.") || key == "security.capability")
                    && let Ok(k) = CString::new(key)
                {
                    xattrs.push((k, ext.value_bytes().to_vec()));
                }
            }
        }
        let create = || {
            openat(
                pfd,
                name.as_os_str(),
                OFlag::O_WRONLY
                    | OFlag::O_CREAT
                    | OFlag::O_EXCL
                    | OFlag::O_NOFOLLOW
                    | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o600),
            )
        };
        // Most names are new: try first, replace only what is there (one syscall saved).
        let fd = match create() {
            Err(Errno::EEXIST) => {
                // The removal may take a directory the cached parent lies in.
                self.parent = None;
                sys("cannot replace", remove_entry(pfd, name, false))?;
                sys("cannot create", create())?
            }
            r => sys("cannot create", r)?,
        };
        let mut file = File::from(fd);
        let n = self.copy(entry, &mut file)?;
        self.report.size += n;
        if self.needs_chown(meta) && fchown(&file, owner(meta).0, owner(meta).1).is_err() {
            self.chown_failed = true;
        }
        // Must happen after chown, which clears the setuid and setgid bits.
        sys(
            "cannot set its mode",
            fchmod(&file, Mode::from_bits_truncate(meta.mode)),
        )?;
        for (k, v) in &xattrs {
            if crate::sys::fsetxattr(file.as_fd(), k, v).is_err() && !self.xattr_failed {
                self.xattr_failed = true;
                self.report.warnings.push(format!(
                    "could not keep extended attribute {}",
                    k.to_string_lossy()
                ));
            }
        }
        let _ = futimens(&file, &times(meta), &times(meta));
        Ok(())
    }

    /// Copy a file's content with big writes (io::copy writes 8 KiB at a time).
    pub(super) fn copy(&mut self, from: &mut impl Read, to: &mut File) -> Res<u64> {
        if self.buf.is_empty() {
            self.buf = vec![0; 1 << 18];
        }
        let mut total = 0u64;
        loop {
            let n = match from.read(&mut self.buf) {
                Ok(0) => return Ok(total),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(UnpackError::io(format!("cannot write: {e}"), &e)),
            };
            to.write_all(&self.buf[..n])
                .map_err(|e| UnpackError::io(format!("cannot write: {e}"), &e))?;
            total += n as u64;
        }
    }

    /// The directory `rel` (created with its parents), the last one kept open: entries of a
    /// layer mostly come directory by directory.
    fn parent_dir(&mut self, rel: &Path) -> nix::Result<Rc<OwnedFd>> {
        if let Some((p, fd)) = &self.parent
            && p == rel
        {
            return Ok(fd.clone());
        }
        let fd = Rc::new(self.root.mkdir_all(rel)?);
        self.parent = Some((rel.to_path_buf(), fd.clone()));
        Ok(fd)
    }

    /// A new file already belongs to whoever creates it (in a fresh layer directory, where
    /// no setgid parent passes its group on): no chown for that owner.
    fn needs_chown(&self, meta: &Meta) -> bool {
        self.opts.chown
            && !(self.opts.mode == ExtractMode::Layer
                && meta.uid == self.me.0
                && meta.gid == self.me.1)
    }

    fn chown_at(&mut self, pfd: &OwnedFd, name: &OsStr, meta: &Meta) {
        if self.needs_chown(meta) {
            let (u, g) = owner(meta);
            if fchownat(pfd, name, u, g, AtFlags::AT_SYMLINK_NOFOLLOW).is_err() {
                self.chown_failed = true;
            }
        }
    }

    /// Opaque directories emptied of what lower layers had, then directory owners, modes and
    /// times, deepest first (creating children would change a parent's time again).
    pub(super) fn finish(&mut self) -> Res<()> {
        for dir in std::mem::take(&mut self.opaque) {
            let keep: BTreeSet<&OsStr> = self
                .written
                .iter()
                .filter_map(|p| p.strip_prefix(&dir).ok()?.components().next())
                .map(|c| c.as_os_str())
                .collect();
            let Ok(fd) = self.root.resolve(
                &dir,
                OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
            ) else {
                continue;
            };
            let pfd = sys("cannot open", self.root.dir(&dir))?;
            let names: Vec<OsString> = sys("cannot list", nix::dir::Dir::from_fd(fd))?
                .into_iter()
                .filter_map(|e| e.ok())
                .map(|e| OsStr::from_bytes(e.file_name().to_bytes()).to_os_string())
                .filter(|n| n != "." && n != "..")
                .collect();
            for n in names.iter().filter(|n| !keep.contains(n.as_os_str())) {
                sys(
                    "cannot empty the opaque directory",
                    remove_entry(&pfd, n, false),
                )?;
            }
        }
        // A layer without a "./" entry: its root is root's, mode 0555, as podman's
        // storage makes it (the mode of the container's `/` when no layer names it).
        if self.opts.mode == ExtractMode::Layer && !self.root_seen {
            let (uid, gid) = self.opts.shift.map_or((0, 0), |s| s.apply(0, 0));
            self.dirs.push((
                PathBuf::new(),
                Meta {
                    mode: 0o555,
                    uid,
                    gid,
                    mtime: crate::store::now() as i64,
                },
            ));
        }
        let mut dirs: BTreeMap<PathBuf, Meta> = BTreeMap::new();
        for (p, m) in std::mem::take(&mut self.dirs) {
            dirs.insert(p, m);
        }
        let mut ordered: Vec<_> = dirs.into_iter().collect();
        ordered.sort_by_key(|(p, _)| std::cmp::Reverse(p.components().count()));
        for (rel, meta) in ordered {
            let Ok(fd) = self.root.resolve(
                &rel,
                OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
            ) else {
                continue;
            };
            if self.opts.chown && fchown(&fd, owner(&meta).0, owner(&meta).1).is_err() {
                self.chown_failed = true;
            }
            sys(
                "cannot set a directory's mode",
                fchmod(&fd, Mode::from_bits_truncate(meta.mode)),
            )?;
            let _ = futimens(&fd, &times(&meta), &times(&meta));
        }
        if self.chown_failed {
            self.report.warnings.push(
                "some files keep your own id: their owners are not mapped (add /etc/subuid and /etc/subgid ranges)".into(),
            );
        }
        Ok(())
    }
}
