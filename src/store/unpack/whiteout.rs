//! Whiteouts: what a `.wh.` entry asks for (refused unless it names an entry of its own
//! directory), and how it is carried out in each mode (kept for the overlay, or applied).

use std::ffi::OsStr;
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::{Mode, SFlag, mknodat};

use super::super::safe::{plain_name, remove_entry};
use super::{ExtractMode, Extractor, Res, UnpackError, sys};

/// What a layer entry named `.wh.REST` asks for.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Whiteout<'a> {
    /// `.wh..wh..opq`: the directory hides what lower layers have in it.
    Opaque,
    /// aufs bookkeeping (`.wh..wh.plnk` and the like): nothing to do.
    Bookkeeping,
    /// `.wh.NAME`: NAME, an entry of the same directory, is deleted.
    Delete(&'a OsStr),
}

/// `rest`: the name after `.wh.`. Only a plain name may be deleted: `..` would be the
/// directory above (the store's `tmp/` for a layer at the top), `.` or an empty name the
/// directory itself.
pub(super) fn whiteout_kind(rest: &[u8]) -> Res<Whiteout<'_>> {
    if rest == b".wh..opq" {
        return Ok(Whiteout::Opaque);
    }
    if rest.starts_with(b".wh.") {
        return Ok(Whiteout::Bookkeeping);
    }
    let name = OsStr::from_bytes(rest);
    if !plain_name(name) {
        return Err(UnpackError::from(format!(
            "a whiteout of {name:?} is refused (it may only delete an entry of its own directory): the image is broken or hostile, do not use it"
        )));
    }
    Ok(Whiteout::Delete(name))
}

impl Extractor {
    pub(super) fn whiteout(&mut self, parent: &Path, name: &OsStr) -> Res<()> {
        match self.opts.mode {
            ExtractMode::Layer => {
                let pfd = sys(
                    "cannot create its parent directory",
                    self.root.mkdir_all(parent),
                )?;
                sys("cannot replace", remove_entry(&pfd, name, false))?;
                sys(
                    "cannot create the whiteout",
                    mknodat(&pfd, name, SFlag::S_IFCHR, Mode::empty(), 0),
                )
            }
            ExtractMode::Apply => match self.root.dir(parent) {
                Ok(pfd) => sys("cannot remove", remove_entry(&pfd, name, false)).map(drop),
                Err(Errno::ENOENT | Errno::ENOTDIR) => Ok(()),
                Err(e) => Err(UnpackError::errno(
                    format!("cannot open its directory: {}", e.desc()),
                    e,
                )),
            },
        }
    }

    pub(super) fn opaque_dir(&mut self, dir: &Path) -> Res<()> {
        match self.opts.mode {
            ExtractMode::Layer => {
                sys("cannot create the directory", self.root.mkdir_all(dir))?;
                let fd = sys(
                    "cannot open the directory",
                    self.root.resolve(
                        dir,
                        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
                    ),
                )?;
                sys(
                    "cannot mark the directory opaque (user xattrs unsupported here?)",
                    crate::sys::fsetxattr(fd.as_fd(), c"user.overlay.opaque", b"y"),
                )
            }
            ExtractMode::Apply => {
                self.opaque.push(dir.to_path_buf());
                Ok(())
            }
        }
    }
}
