//! A layer from a directory (a build step's overlay upper directory, or the files a COPY
//! put together): run as root of the user namespace, so owners read are the container's
//! ids. Overlay whiteouts (0:0 character devices, `.wh.` files of fuse-overlayfs) and opaque
//! directories become `.wh.` entries; entries are sorted, times clamped to
//! `SOURCE_DATE_EPOCH` when given; the tar is compressed (gzip, or zstd) and both digests
//! are computed in the same pass. The directory itself is left in the store's unpacked form
//! (overlay whiteouts, `user.overlay.opaque`), ready to be renamed into `layers/`.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::plan::digest;

/// What the writer is asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerOptions {
    pub zstd: bool,
    /// `SOURCE_DATE_EPOCH`: no time in the layer is later.
    pub epoch: Option<u64>,
    /// Relative paths dropped when they are empty files or directories (mount points the
    /// run made, which the image did not have).
    pub skip: Vec<String>,
    /// Relative paths whose trees are given these owners first (`COPY --chown`).
    pub chown: Vec<(String, u32, u32)>,
    /// Leave the directory as it is (`nook commit` of a container's upper directory): the
    /// store unpacks the layer from its blob instead.
    #[serde(default)]
    pub keep: bool,
}

/// The layer written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// Of the compressed blob.
    pub digest: String,
    pub blob_size: u64,
    /// Of the uncompressed tar.
    pub diff_id: String,
    /// Bytes of file content.
    pub size: u64,
}

/// Counts and hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
    len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn hashing<W>(inner: W) -> Hashing<W> {
    Hashing {
        inner,
        hash: Sha256::new(),
        len: 0,
    }
}

const OPAQUE: [&str; 3] = [
    "user.overlay.opaque",
    "trusted.overlay.opaque",
    "user.fuseoverlayfs.opaque",
];

fn xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; 256];
    match rustix::fs::lgetxattr(path, name, &mut buf[..]) {
        Ok(n) => {
            buf.truncate(n);
            Some(buf)
        }
        Err(_) => None,
    }
}

fn is_opaque(path: &Path) -> bool {
    OPAQUE
        .iter()
        .any(|n| xattr(path, n).is_some_and(|v| v == b"y"))
}

/// Write the layer of `dir` into `blob`.
pub fn write(dir: &Path, blob: &Path, opts: &LayerOptions) -> io::Result<Written> {
    for (rel, uid, gid) in &opts.chown {
        chown_tree(&dir.join(rel), *uid, *gid)?;
    }
    for rel in &opts.skip {
        let p = dir.join(rel.trim_start_matches('/'));
        if let Ok(m) = fs::symlink_metadata(&p) {
            let empty = match m.is_dir() {
                true => fs::read_dir(&p)
                    .map(|mut d| d.next().is_none())
                    .unwrap_or(false),
                false => m.is_file() && m.len() == 0,
            };
            if empty {
                let _ = match m.is_dir() {
                    true => fs::remove_dir(&p),
                    false => fs::remove_file(&p),
                };
            }
        }
    }
    let file = File::create(blob)?;
    let compressed = hashing(io::BufWriter::with_capacity(1 << 20, file));
    let (diff, size, compressed) = match opts.zstd {
        true => {
            let enc = zstd::Encoder::new(compressed, 3)?;
            let (tar, size) = write_tar(dir, hashing(enc), opts)?;
            (tar.hash, size, tar.inner.finish()?)
        }
        false => {
            let enc = flate2::GzBuilder::new()
                .mtime(0)
                .write(compressed, flate2::Compression::fast());
            let (tar, size) = write_tar(dir, hashing(enc), opts)?;
            (tar.hash, size, tar.inner.finish()?)
        }
    };
    let mut out = compressed.inner;
    out.flush()?;
    out.get_ref().sync_all()?;
    Ok(Written {
        digest: format!("sha256:{}", digest::hex(&compressed.hash.finalize())),
        blob_size: compressed.len,
        diff_id: format!("sha256:{}", digest::hex(&diff.finalize())),
        size,
    })
}

fn chown_tree(path: &Path, uid: u32, gid: u32) -> io::Result<()> {
    let m = fs::symlink_metadata(path)?;
    std::os::unix::fs::lchown(path, Some(uid), Some(gid))?;
    if m.is_dir() {
        for e in fs::read_dir(path)? {
            chown_tree(&e?.path(), uid, gid)?;
        }
    }
    Ok(())
}

struct Walk<'a, W: Write> {
    tar: tar::Builder<W>,
    opts: &'a LayerOptions,
    links: HashMap<(u64, u64), PathBuf>,
    size: u64,
}

fn write_tar<W: Write>(
    dir: &Path,
    out: Hashing<W>,
    opts: &LayerOptions,
) -> io::Result<(Hashing<W>, u64)> {
    let mut tar = tar::Builder::new(out);
    tar.mode(tar::HeaderMode::Complete);
    tar.follow_symlinks(false);
    let mut w = Walk {
        tar,
        opts,
        links: HashMap::new(),
        size: 0,
    };
    w.dir(dir, Path::new(""))?;
    let size = w.size;
    Ok((w.tar.into_inner()?, size))
}

impl<W: Write> Walk<'_, W> {
    fn header(&self, m: &fs::Metadata, kind: tar::EntryType) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(m.mode() & 0o7777);
        h.set_uid(u64::from(m.uid()));
        h.set_gid(u64::from(m.gid()));
        let mtime = m.mtime().max(0) as u64;
        h.set_mtime(self.opts.epoch.map_or(mtime, |e| mtime.min(e)));
        h.set_size(0);
        h
    }

    fn empty(&mut self, path: &Path, mut h: tar::Header) -> io::Result<()> {
        h.set_size(0);
        self.tar.append_data(&mut h, path, io::empty())
    }

    /// The entries of `full` (the layer's `rel`), sorted by name.
    fn dir(&mut self, full: &Path, rel: &Path) -> io::Result<()> {
        let mut names: Vec<_> = fs::read_dir(full)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<io::Result<_>>()?;
        names.sort();
        for name in names {
            let path = full.join(&name);
            let rel = rel.join(&name);
            self.entry(&path, &rel)?;
        }
        Ok(())
    }

    fn entry(&mut self, path: &Path, rel: &Path) -> io::Result<()> {
        let m = fs::symlink_metadata(path)?;
        let ft = m.file_type();
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned());
        if ft.is_char_device() && m.rdev() == 0 {
            // An overlay whiteout: the lower layers' entry is deleted.
            let wh = rel.with_file_name(format!(".wh.{}", name.unwrap_or_default()));
            return self.empty(&wh, self.header(&m, tar::EntryType::Regular));
        }
        if ft.is_file() && name.as_deref().is_some_and(|n| n.starts_with(".wh.")) && m.len() == 0 {
            // fuse-overlayfs's whiteout where it could not make a device: kept as it is.
            return self.empty(rel, self.header(&m, tar::EntryType::Regular));
        }
        if ft.is_dir() {
            self.empty(rel, self.header(&m, tar::EntryType::Directory))?;
            if is_opaque(path) {
                let mut h = self.header(&m, tar::EntryType::Regular);
                h.set_mode(0o644);
                self.empty(&rel.join(".wh..wh..opq"), h)?;
            }
            return self.dir(path, rel);
        }
        if ft.is_symlink() {
            let target = fs::read_link(path)?;
            let mut h = self.header(&m, tar::EntryType::Symlink);
            return self.tar.append_link(&mut h, rel, target);
        }
        if ft.is_file() {
            if m.nlink() > 1 {
                let key = (m.dev(), m.ino());
                if let Some(first) = self.links.get(&key) {
                    let mut h = self.header(&m, tar::EntryType::Link);
                    let first = first.clone();
                    return self.tar.append_link(&mut h, rel, first);
                }
                self.links.insert(key, rel.to_path_buf());
            }
            let mut h = self.header(&m, tar::EntryType::Regular);
            h.set_size(m.len());
            self.size += m.len();
            let caps = xattr(path, "security.capability");
            if let Some(c) = caps {
                let key = "SCHILY.xattr.security.capability";
                self.tar.append_pax_extensions([(key, c.as_slice())])?;
            }
            let f = File::open(path)?;
            return self.tar.append_data(&mut h, rel, f);
        }
        let kind = match () {
            _ if ft.is_fifo() => tar::EntryType::Fifo,
            _ if ft.is_char_device() => tar::EntryType::Char,
            _ if ft.is_block_device() => tar::EntryType::Block,
            // A socket has no tar form: left out, as tar does.
            _ => return Ok(()),
        };
        let mut h = self.header(&m, kind);
        let rdev = m.rdev();
        h.set_device_major(libc::major(rdev))?;
        h.set_device_minor(libc::minor(rdev))?;
        self.empty(rel, h)
    }
}

/// Make `dir` the store's unpacked form of the layer just written: fuse-overlayfs's `.wh.`
/// files become 0:0 devices and its opaque marks `user.overlay.opaque`; other overlay
/// bookkeeping xattrs go.
pub fn to_store_form(dir: &Path) -> io::Result<()> {
    for e in fs::read_dir(dir)? {
        let e = e?;
        let path = e.path();
        let ft = e.file_type()?;
        let name = e.file_name().to_string_lossy().into_owned();
        if ft.is_file() && name == ".wh..wh..opq" {
            fs::remove_file(&path)?;
            rustix::fs::lsetxattr(
                dir,
                "user.overlay.opaque",
                b"y",
                rustix::fs::XattrFlags::empty(),
            )?;
        } else if ft.is_file()
            && let Some(target) = name.strip_prefix(".wh.")
        {
            fs::remove_file(&path)?;
            let t = dir.join(target);
            rustix::fs::mknodat(
                rustix::fs::CWD,
                &t,
                rustix::fs::FileType::CharacterDevice,
                rustix::fs::Mode::empty(),
                0,
            )?;
        } else if ft.is_dir() {
            for x in [
                "user.overlay.origin",
                "user.overlay.impure",
                "user.fuseoverlayfs.opaque",
            ] {
                if x == "user.fuseoverlayfs.opaque" && xattr(&path, x).is_some_and(|v| v == b"y") {
                    let _ = rustix::fs::lsetxattr(
                        &path,
                        "user.overlay.opaque",
                        b"y",
                        rustix::fs::XattrFlags::empty(),
                    );
                }
                let _ = rustix::fs::lremovexattr(&path, x);
            }
            to_store_form(&path)?;
        }
    }
    Ok(())
}

/// `dir` as an uncompressed tar in `out` (`nook export`), entries sorted.
pub fn write_plain(dir: &Path, out: &Path) -> io::Result<u64> {
    let file = io::BufWriter::with_capacity(1 << 20, File::create(out)?);
    let (tar, size) = write_tar(dir, hashing(file), &LayerOptions::default())?;
    let mut f = tar.inner;
    f.flush()?;
    Ok(size)
}

/// A tar stream (`nook import`: plain, gzip or zstd, told by its first bytes) stored as a
/// gzip layer blob in `blob`, its digests computed in the same pass.
pub fn compress_tar(input: impl io::Read, blob: &Path) -> io::Result<Written> {
    let mut input = io::BufReader::with_capacity(1 << 20, input);
    let head = io::BufRead::fill_buf(&mut input)?;
    let mut reader: Box<dyn io::Read> = match head {
        [0x1f, 0x8b, ..] => Box::new(flate2::bufread::MultiGzDecoder::new(input)),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Box::new(zstd::Decoder::with_buffer(input)?),
        _ => Box::new(input),
    };
    let file = File::create(blob)?;
    let compressed = hashing(io::BufWriter::with_capacity(1 << 20, file));
    let enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(compressed, flate2::Compression::fast());
    let mut tar = hashing(enc);
    let size = io::copy(&mut reader, &mut tar)?;
    let diff = tar.hash;
    let compressed = tar.inner.finish()?;
    let mut out = compressed.inner;
    out.flush()?;
    out.get_ref().sync_all()?;
    Ok(Written {
        digest: format!("sha256:{}", digest::hex(&compressed.hash.finalize())),
        blob_size: compressed.len,
        diff_id: format!("sha256:{}", digest::hex(&diff.finalize())),
        size,
    })
}

#[cfg(test)]
#[path = "layer_writer_tests.rs"]
mod tests;
