//! Safe layer extraction: tar entries applied one by one (never `Archive::unpack`), every
//! path resolved inside the destination with openat2(RESOLVE_IN_ROOT), so no entry can
//! create, change or read anything outside it, whatever `..`, absolute paths, symlinks or
//! hard links it uses. gzip, zstd and plain tar are told apart by their magic bytes.
//!
//! Two modes: `Layer` keeps whiteouts in the form the kernel overlay reads in a user
//! namespace (`.wh.NAME` -> 0:0 character device, `.wh..wh..opq` -> `user.overlay.opaque=y`);
//! `Apply` carries them out on a tree that already holds the layers below (the copy driver).
//!
//! - `stream.rs`: the layer stream: gzip, zstd or plain tar told apart, decompressed and hashed
//!   on a thread of its own.
//! - `entry.rs`: one tar entry applied inside the root, and the directories' metadata at the end.
//! - `whiteout.rs`: whiteouts and opaque directories, classified and carried out.

mod entry;
mod stream;
mod whiteout;

pub use stream::decompress;

use std::collections::BTreeSet;
use std::io::{self, Read};
use std::os::fd::OwnedFd;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use nix::fcntl::{OFlag, open};
use nix::sys::stat::Mode;

use super::safe::Root;
use entry::Meta;
use stream::{CHUNKS_AHEAD, Chunks, decompress_into};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractMode {
    Layer,
    Apply,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Set owners as in the tar (inside the user namespace); off for unit tests.
    pub chown: bool,
    pub mode: ExtractMode,
    /// Owners moved for a `--userns=keep-id` layer (`plan::keep_id`).
    pub shift: Option<crate::plan::keep_id::Shift>,
}

#[derive(Debug, Default)]
pub struct Report {
    /// `sha256:` of the uncompressed tar stream.
    pub diff_id: String,
    /// Bytes of regular file content.
    pub size: u64,
    pub warnings: Vec<String>,
}

/// Turn a tar path into one relative to the root: `/`, `.` dropped, `..` clamped at the root.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    out
}

/// Extract the tar stream `blob` (compressed or not) into the directory `dest`.
pub fn extract(blob: impl Read + Send, dest: &Path, opts: &Options) -> Result<Report, UnpackError> {
    extract_inner(blob, dest, opts).map_err(|e| e.map(|m| one_line(&m)))
}

fn extract_inner(blob: impl Read + Send, dest: &Path, opts: &Options) -> Res<Report> {
    let fd = open(
        dest,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| UnpackError::errno(format!("cannot open {}: {}", dest.display(), e.desc()), e))?;
    let me = (
        nix::unistd::geteuid().as_raw(),
        nix::unistd::getegid().as_raw(),
    );
    let mut x = Extractor::new(fd, *opts, me);
    // Decompression and hashing run on a thread of their own, so that they overlap with the
    // file creation here (the kernel's part, the larger one on most file systems).
    let (tx, rx) = std::sync::mpsc::sync_channel(CHUNKS_AHEAD);
    let diff_id = std::thread::scope(|s| {
        let worker = s.spawn(move || decompress_into(blob, tx));
        let mut archive = tar::Archive::new(Chunks {
            rx,
            cur: Vec::new(),
            pos: 0,
        });
        let result = (|| {
            let entries = archive
                .entries()
                .map_err(|e| UnpackError::io(format!("the layer is not a tar archive: {e}"), &e))?;
            for entry in entries {
                let mut entry = entry.map_err(|e| {
                    UnpackError::io(format!("the layer is corrupt or truncated: {e}"), &e)
                })?;
                let path = entry.path().map(|p| p.into_owned()).map_err(|e| {
                    UnpackError::io(format!("the layer has an unreadable path: {e}"), &e)
                })?;
                x.entry(&mut entry, &path)
                    .map_err(|e| e.map(|m| format!("cannot extract {}: {m}", path.display())))?;
            }
            // The tar ends before the stream does (padding): the diff_id covers all of it.
            io::copy(&mut archive.into_inner(), &mut io::sink()).map_err(|e| {
                UnpackError::io(format!("the layer is corrupt or truncated: {e}"), &e)
            })?;
            Ok::<(), UnpackError>(())
        })();
        // The receiver is gone with the archive: the thread stops if we gave up early.
        let hashed = worker
            .join()
            .map_err(|_| UnpackError::from("the decompressing thread failed"))?;
        result?;
        hashed.ok_or_else(|| UnpackError::from("the layer is corrupt or truncated"))
    })?;
    x.finish()
        .map_err(|e| e.map(|m| format!("cannot finish the layer: {m}")))?;
    let mut report = x.report;
    report.diff_id = diff_id;
    if !x.devices.is_empty() {
        report.warnings.push(format!(
            "skipped {} device node(s) an unprivileged user cannot create: {}",
            x.devices.len(),
            x.devices.join(", ")
        ));
    }
    Ok(report)
}

/// An error text made safe for one line: control characters (a tar parser quotes raw
/// header bytes) become `?`, and it is cut at 200 characters.
pub fn one_line(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(200)
        .collect();
    if s.chars().count() > 200 {
        out.push_str("...");
    }
    out
}

pub use crate::plan::digest::hex;

struct Extractor {
    root: Root,
    opts: Options,
    dirs: Vec<(PathBuf, Meta)>,
    /// Apply mode: every path this layer wrote, and the directories it made opaque.
    written: BTreeSet<PathBuf>,
    opaque: Vec<PathBuf>,
    report: Report,
    devices: Vec<String>,
    chown_failed: bool,
    xattr_failed: bool,
    /// The layer had a "./" entry (its root's metadata).
    root_seen: bool,
    /// The last parent directory resolved, dropped by anything that may replace it.
    parent: Option<(PathBuf, Rc<OwnedFd>)>,
    buf: Vec<u8>,
    /// Our effective uid and gid: the owner of the files we create.
    me: (u32, u32),
}

/// Why a layer did not extract: the one line for the user, and the errno when the system
/// gave one (a full disk is told by ENOSPC, never by the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpackError {
    pub message: String,
    pub errno: Option<i32>,
}

impl UnpackError {
    /// `message` about a refusal of the system's.
    fn errno(message: String, e: nix::errno::Errno) -> Self {
        UnpackError {
            message,
            errno: Some(e as i32),
        }
    }

    /// `message` about an I/O error, keeping its errno if it has one.
    fn io(message: String, e: &io::Error) -> Self {
        UnpackError {
            message,
            errno: e.raw_os_error(),
        }
    }

    /// The same error, its message rewritten (context added, made one line).
    fn map(self, f: impl FnOnce(String) -> String) -> Self {
        UnpackError {
            message: f(self.message),
            errno: self.errno,
        }
    }
}

impl std::fmt::Display for UnpackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UnpackError {}

impl From<String> for UnpackError {
    fn from(message: String) -> Self {
        UnpackError {
            message,
            errno: None,
        }
    }
}

impl From<&str> for UnpackError {
    fn from(message: &str) -> Self {
        message.to_string().into()
    }
}

impl Extractor {
    /// An extractor into the directory `fd`, as `me` (euid, egid), nothing written yet.
    fn new(fd: OwnedFd, opts: Options, me: (u32, u32)) -> Extractor {
        Extractor {
            root: Root { fd },
            opts,
            dirs: Vec::new(),
            written: BTreeSet::new(),
            opaque: Vec::new(),
            report: Report::default(),
            devices: Vec::new(),
            chown_failed: false,
            xattr_failed: false,
            root_seen: false,
            parent: None,
            buf: Vec::new(),
            me,
        }
    }
}

type Res<T> = Result<T, UnpackError>;

fn sys<T>(what: &str, r: nix::Result<T>) -> Res<T> {
    r.map_err(|e| UnpackError::errno(format!("{what}: {}", e.desc()), e))
}

#[cfg(test)]
#[path = "unpack_tests.rs"]
mod tests;
