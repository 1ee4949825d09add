//! Safe layer extraction: tar entries applied one by one (never `Archive::unpack`), every
//! path resolved inside the destination with openat2(RESOLVE_IN_ROOT), so no entry can
//! create, change or read anything outside it, whatever `..`, absolute paths, symlinks or
//! hard links it uses. gzip, zstd and plain tar are told apart by their magic bytes.
//!
//! Two modes: `Layer` keeps whiteouts in the form the kernel overlay reads in a user
//! namespace (`.wh.NAME` -> 0:0 character device, `.wh..wh..opq` -> `user.overlay.opaque=y`);
//! `Apply` carries them out on a tree that already holds the layers below (the copy driver).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{CString, OsStr, OsString};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use nix::errno::Errno;
use nix::fcntl::AtFlags;
use nix::fcntl::{OFlag, open, openat};
use nix::sys::stat::{
    FchmodatFlags, Mode, SFlag, UtimensatFlags, fchmod, fchmodat, futimens, makedev, mkdirat,
    mknodat, utimensat,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, fchown, fchownat, linkat, symlinkat};
use sha2::{Digest, Sha256};

use super::safe::{Root, plain_name, remove_entry};

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

/// Wrap `r` in the decompressor its first bytes call for.
pub fn decompress<'a>(mut r: impl BufRead + 'a) -> io::Result<Box<dyn Read + 'a>> {
    // A pipe (a layer streaming in) may give fewer bytes than a magic number at first: gather
    // four, then read them again ahead of the rest.
    let mut head = Vec::with_capacity(4);
    while head.len() < 4 {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let n = buf.len().min(4 - head.len());
        head.extend_from_slice(&buf[..n]);
        r.consume(n);
    }
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    let zstd = head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
    let r = io::Cursor::new(head).chain(r);
    if gzip {
        Ok(Box::new(flate2::bufread::MultiGzDecoder::new(r)))
    } else if zstd {
        Ok(Box::new(zstd::stream::read::Decoder::with_buffer(r)?))
    } else {
        Ok(Box::new(r))
    }
}

#[derive(Debug, Clone, Copy)]
struct Meta {
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

/// Extract the tar stream `blob` (compressed or not) into the directory `dest`.
pub fn extract(blob: impl Read + Send, dest: &Path, opts: &Options) -> Result<Report, String> {
    extract_inner(blob, dest, opts).map_err(|e| one_line(&e))
}

/// Bytes of uncompressed tar handed from the decompressing thread to the extracting one at
/// a time, and how many such chunks may wait (bounds the memory in flight to a few MB).
const CHUNK: usize = 1 << 18;
const CHUNKS_AHEAD: usize = 16;

/// The reading end of the decompressing thread: chunks of the uncompressed stream.
struct Chunks {
    rx: std::sync::mpsc::Receiver<io::Result<Vec<u8>>>,
    cur: Vec<u8>,
    pos: usize,
}

impl Read for Chunks {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.cur.len() {
            match self.rx.recv() {
                Ok(Ok(chunk)) => {
                    self.cur = chunk;
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(_) => return Ok(0), // the thread is done: end of stream
            }
        }
        let n = buf.len().min(self.cur.len() - self.pos);
        buf[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Decompress and hash `blob` to its end, sending the uncompressed bytes in chunks; returns
/// the `sha256:` of all of them (the diff_id). Stops early when the receiver is gone.
fn decompress_into(
    blob: impl Read,
    tx: std::sync::mpsc::SyncSender<io::Result<Vec<u8>>>,
) -> Option<String> {
    let mut reader = match decompress(BufReader::with_capacity(1 << 18, blob)) {
        Ok(r) => r,
        Err(e) => {
            let _ = tx.send(Err(e));
            return None;
        }
    };
    let mut hash = Sha256::new();
    loop {
        let mut chunk = vec![0u8; CHUNK];
        let mut len = 0;
        while len < CHUNK {
            match reader.read(&mut chunk[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return None;
                }
            }
        }
        if len == 0 {
            return Some(format!("sha256:{}", hex(&hash.finalize())));
        }
        chunk.truncate(len);
        hash.update(&chunk);
        if tx.send(Ok(chunk)).is_err() {
            return None;
        }
    }
}

fn extract_inner(blob: impl Read + Send, dest: &Path, opts: &Options) -> Result<Report, String> {
    let fd = open(
        dest,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| format!("cannot open {}: {}", dest.display(), e.desc()))?;
    let mut x = Extractor {
        root: Root { fd },
        opts: *opts,
        dirs: Vec::new(),
        written: BTreeSet::new(),
        opaque: Vec::new(),
        report: Report::default(),
        devices: Vec::new(),
        chown_failed: false,
        xattr_failed: false,
        parent: None,
        buf: Vec::new(),
        me: (
            nix::unistd::geteuid().as_raw(),
            nix::unistd::getegid().as_raw(),
        ),
    };
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
                .map_err(|e| format!("the layer is not a tar archive: {e}"))?;
            for entry in entries {
                let mut entry =
                    entry.map_err(|e| format!("the layer is corrupt or truncated: {e}"))?;
                let path = entry
                    .path()
                    .map(|p| p.into_owned())
                    .map_err(|e| format!("the layer has an unreadable path: {e}"))?;
                x.entry(&mut entry, &path)
                    .map_err(|e| format!("cannot extract {}: {e}", path.display()))?;
            }
            // The tar ends before the stream does (padding): the diff_id covers all of it.
            io::copy(&mut archive.into_inner(), &mut io::sink())
                .map_err(|e| format!("the layer is corrupt or truncated: {e}"))?;
            Ok::<(), String>(())
        })();
        // The receiver is gone with the archive: the thread stops if we gave up early.
        let hashed = worker
            .join()
            .map_err(|_| "the decompressing thread failed".to_string())?;
        result?;
        hashed.ok_or_else(|| "the layer is corrupt or truncated".to_string())
    })?;
    x.finish()
        .map_err(|e| format!("cannot finish the layer: {e}"))?;
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

/// What a layer entry named `.wh.REST` asks for.
#[derive(Debug, PartialEq, Eq)]
enum Whiteout<'a> {
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
fn whiteout_kind(rest: &[u8]) -> Res<Whiteout<'_>> {
    if rest == b".wh..opq" {
        return Ok(Whiteout::Opaque);
    }
    if rest.starts_with(b".wh.") {
        return Ok(Whiteout::Bookkeeping);
    }
    let name = OsStr::from_bytes(rest);
    if !plain_name(name) {
        return Err(format!(
            "a whiteout of {name:?} is refused (it may only delete an entry of its own directory): the image is broken or hostile, do not use it"
        ));
    }
    Ok(Whiteout::Delete(name))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

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
    /// The last parent directory resolved, dropped by anything that may replace it.
    parent: Option<(PathBuf, Rc<OwnedFd>)>,
    buf: Vec<u8>,
    /// Our effective uid and gid: the owner of the files we create.
    me: (u32, u32),
}

type Res<T> = Result<T, String>;

fn sys<T>(what: &str, r: nix::Result<T>) -> Res<T> {
    r.map_err(|e| format!("{what}: {}", e.desc()))
}

impl Extractor {
    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<R>, path: &Path) -> Res<()> {
        let rel = normalize(path);
        let h = entry.header();
        let meta = Meta {
            mode: h.mode().map_err(|e| e.to_string())? & 0o7777,
            uid: h.uid().map_err(|e| e.to_string())? as u32,
            gid: h.gid().map_err(|e| e.to_string())? as u32,
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
                    .map_err(|e| e.to_string())?
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
                    .map_err(|e| e.to_string())?
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
                    Err(e) => return Err(format!("cannot create the node: {}", e.desc())),
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
    fn copy(&mut self, from: &mut impl Read, to: &mut File) -> Res<u64> {
        if self.buf.is_empty() {
            self.buf = vec![0; 1 << 18];
        }
        let mut total = 0u64;
        loop {
            let n = match from.read(&mut self.buf) {
                Ok(0) => return Ok(total),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(format!("cannot write: {e}")),
            };
            to.write_all(&self.buf[..n])
                .map_err(|e| format!("cannot write: {e}"))?;
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

    fn whiteout(&mut self, parent: &Path, name: &OsStr) -> Res<()> {
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
                Err(e) => Err(format!("cannot open its directory: {}", e.desc())),
            },
        }
    }

    fn opaque_dir(&mut self, dir: &Path) -> Res<()> {
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

    /// Opaque directories emptied of what lower layers had, then directory owners, modes and
    /// times, deepest first (creating children would change a parent's time again).
    fn finish(&mut self) -> Res<()> {
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

#[cfg(test)]
#[path = "unpack_tests.rs"]
mod tests;
