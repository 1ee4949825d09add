//! The on-disk image store under `$XDG_DATA_HOME/nook/storage`:
//!
//! - `blobs/sha256/<hex>`: manifests, configs and layer blobs by digest. A blob is written to
//!   `tmp/`, its digest checked, fsynced, then renamed into place, so a blob under `blobs/` is
//!   always complete and verified.
//! - `layers/<hex>/`: each layer unpacked once, named by its **diff_id** (the digest of the
//!   uncompressed tar, checked while unpacking), shared by every image that has it. It is
//!   unpacked into `tmp/layer-<hex>` under `locks/<hex>.lock` and renamed when complete: by
//!   `nook pull` while its blob downloads (`stream`), else from the blob file (`import`).
//! - `images.json`: the index, written atomically (temp, fsync, rename) under `index.lock`.
//!
//! Where it is (`NOOK_STORAGE`, storage.conf, local disk for a home on NFS): `location.rs`.
//! Its directories are 0700 and its lock files 0600 (`private.rs`); every lock is taken
//! through `lock.rs`, which says when it waits and gives up on a stuck holder.
//! Layers hold files of subordinate ids: the store unpacks and removes them through the
//! `job::Userns` its caller hands it (the store starts no process itself).

pub mod build_cache;
pub mod check;
pub mod check_repair;
pub mod check_scan;
pub mod import;
pub mod index;
pub mod job;
pub mod keep_id;
pub mod layer;
pub mod layer_writer;
pub mod load;
pub mod location;
pub mod lock;
pub mod lookup;
pub mod private;
pub mod rootfs;
pub mod safe;
pub mod scanned;
pub mod site;
pub mod squash;
pub mod stream;
pub mod unpack;

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::plan::digest::{self, hex_of};
use crate::plan::image_ref::valid_digest;
use index::{Image, Index};
use job::{Job, Userns};

/// A held pull lock (`Store::pull_lock`).
pub struct PullLock {
    path: PathBuf,
    _file: File,
}

impl Drop for PullLock {
    fn drop(&mut self) {
        // Removed while held: a run waiting on it opens the new one (`lock::take`).
        let _ = fs::remove_file(&self.path);
    }
}

pub struct Store {
    root: PathBuf,
}

/// `sha256:<hex>` and length of a stream.
pub fn hash_reader(mut r: impl Read) -> io::Result<(String, u64)> {
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        size += n as u64;
    }
    Ok((format!("sha256:{}", digest::hex(&hash.finalize())), size))
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn io_err(what: impl Into<String>) -> impl FnOnce(io::Error) -> Error {
    let what = what.into();
    move |e| Error::io(what, e)
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl Store {
    /// The store of the calling user (created on first use).
    pub fn open() -> Result<Store> {
        Store::at(location::prepare()?.root)
    }

    pub fn at(root: PathBuf) -> Result<Store> {
        for sub in ["blobs/sha256", "layers", "layer-info", "tmp", "locks"] {
            let dir = root.join(sub);
            private::create_dir(&dir)
                .map_err(io_err(format!("cannot create {}", dir.display())))?;
        }
        Ok(Store { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn blob_path(&self, digest: &str) -> PathBuf {
        self.root.join("blobs/sha256").join(hex_of(digest))
    }

    pub fn layer_dir(&self, diff_id: &str) -> PathBuf {
        self.root.join("layers").join(hex_of(diff_id))
    }

    pub fn has(&self, digest: &str) -> bool {
        valid_digest(digest) && self.blob_path(digest).is_file()
    }

    /// A fresh temp file path in `tmp/`.
    pub fn temp_path(&self) -> io::Result<PathBuf> {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        Ok(self
            .root
            .join("tmp")
            .join(format!("blob-{}-{nanos}-{n}", std::process::id())))
    }

    /// Check the temp file's digest, fsync it and rename it into `blobs/`.
    pub fn commit(&self, temp: &Path, digest: &str) -> io::Result<()> {
        let (got, _) = hash_reader(File::open(temp)?)?;
        if !valid_digest(digest) || got != digest {
            let _ = fs::remove_file(temp);
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("digest mismatch: expected {digest}, got {got}"),
            ));
        }
        self.commit_verified(temp, digest)
    }

    pub(crate) fn commit_verified(&self, temp: &Path, digest: &str) -> io::Result<()> {
        File::open(temp)?.sync_all()?;
        fs::rename(temp, self.blob_path(digest))?;
        // The rename is durable once the directory is synced.
        File::open(self.root.join("blobs/sha256"))?.sync_all()
    }

    /// Copy a stream into a blob; returns its digest and size.
    pub fn put_stream(&self, mut r: impl Read) -> Result<(String, u64)> {
        let temp = self
            .temp_path()
            .map_err(io_err("cannot create a temp file"))?;
        let result = (|| {
            let mut f = File::create(&temp)?;
            let mut hash = Sha256::new();
            let mut buf = vec![0u8; 1 << 16];
            let mut size = 0u64;
            loop {
                let n = r.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                hash.update(&buf[..n]);
                f.write_all(&buf[..n])?;
                size += n as u64;
            }
            let digest = format!("sha256:{}", digest::hex(&hash.finalize()));
            if self.has(&digest) {
                fs::remove_file(&temp)?;
            } else {
                self.commit_verified(&temp, &digest)?;
            }
            Ok((digest, size))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result.map_err(io_err("cannot write a blob into the image store"))
    }

    pub fn put(&self, bytes: &[u8]) -> Result<String> {
        self.put_stream(bytes).map(|(d, _)| d)
    }

    pub fn read_blob(&self, digest: &str) -> Result<Vec<u8>> {
        fs::read(self.blob_path(digest)).map_err(io_err(format!("cannot read blob {digest}")))
    }

    /// Hold the index lock (exclusive) until the returned file is dropped.
    pub fn lock(&self) -> Result<File> {
        Ok(lock::take(&self.root.join("index.lock"))?)
    }

    /// Hold the pull lock of `reference` (`locks/pull-<sha256 of it>.lock`): runs that start
    /// at once and lack the image (tasks of a job) pull it one at a time, and those that
    /// waited find it stored and ask no registry. The file goes when the guard is dropped.
    pub fn pull_lock(&self, reference: &str) -> Result<PullLock> {
        let path = self.root.join("locks").join(format!(
            "pull-{}.lock",
            digest::sha256_hex(reference.as_bytes())
        ));
        let file = lock::take(&path)?;
        Ok(PullLock { path, _file: file })
    }

    pub fn read_index(&self) -> Result<Index> {
        match fs::read(self.root.join("images.json")) {
            Ok(b) => serde_json::from_slice(&b).map_err(|e| {
                Error::Usage(format!(
                    "the image index {} is corrupt ({e}): move it away and load the images again",
                    self.root.join("images.json").display()
                ))
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Index::default()),
            Err(e) => Err(Error::io("cannot read the image index", e)),
        }
    }

    /// Write the index atomically; the caller holds `lock()`.
    pub fn write_index(&self, index: &Index) -> Result<()> {
        let tmp = self.root.join("images.json.tmp");
        let mut index = index.clone();
        index.remember_names();
        let body = serde_json::to_vec_pretty(&index).unwrap_or_default();
        let written = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(&body)?;
            f.sync_all()?;
            fs::rename(&tmp, self.root.join("images.json"))
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written.map_err(io_err("cannot write the image index"))
    }

    /// Remove image `i` from the index (the caller holds the lock and writes the index),
    /// then the layers (in `userns`) and blobs no other image uses. Returns the image removed.
    pub fn delete_image(&self, index: &mut Index, i: usize, userns: &dyn Userns) -> Result<Image> {
        let image = index.images[i].clone();
        let layers: Vec<String> = image
            .layers
            .iter()
            .filter(|l| !index.layer_used(&l.diff_id, i))
            .map(|l| l.diff_id.clone())
            .collect();
        let mut blobs: Vec<String> = image.layers.iter().map(|l| l.digest.clone()).collect();
        blobs.push(image.digest.clone());
        blobs.push(image.config_digest());
        blobs.retain(|b| !index.blob_used(b, i));
        index.images.remove(i);
        self.write_index(index)?;
        self.remove_layers(&layers, userns)?;
        for b in blobs {
            let _ = fs::remove_file(self.blob_path(&b));
        }
        Ok(image)
    }

    /// Remove these layers (in `userns`), their records and their lock files; the caller
    /// holds the index lock, and no image in the index uses them. A layer whose lock is held
    /// (another nook unpacks it, or checks it) is left: it is not garbage yet. Returns the
    /// diff_ids removed.
    pub fn remove_layers(&self, diff_ids: &[String], userns: &dyn Userns) -> Result<Vec<String>> {
        let mut held = Vec::new();
        for d in diff_ids {
            let path = self.layer_lock(d);
            if let Ok(Some(guard)) = lock::try_take(&path) {
                held.push((d.clone(), path, guard));
            }
        }
        // With each layer its `--userns=keep-id` copies (their records too).
        let dirs: Vec<PathBuf> = held
            .iter()
            .flat_map(|(d, _, _)| self.layer_dirs(d))
            .collect();
        if !dirs.is_empty() {
            userns.run(&Job::Remove {
                paths: dirs.clone(),
            })?;
        }
        for dir in &dirs {
            let _ = fs::remove_file(layer::record_path(dir));
        }
        // After the directories: a record without its layer is only a leftover, a layer
        // without its record would be one whose size is unknown.
        let mut removed = Vec::new();
        for (d, path, _guard) in &held {
            let _ = fs::remove_file(layer::record_path(&self.layer_dir(d)));
            // Removed while held: a nook waiting on it opens the new one (`lock::take`).
            let _ = fs::remove_file(path);
            removed.push(d.clone());
        }
        Ok(removed)
    }

    /// Blobs and layers no image refers to (older than ten minutes: a load or pull may be
    /// about to index younger ones), layers removed in `userns`. The caller holds the lock.
    pub fn collect_garbage(&self, index: &Index, userns: &dyn Userns) -> Result<Vec<String>> {
        let old = |p: &Path| {
            fs::symlink_metadata(p)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 600)
        };
        let mut removed = Vec::new();
        for e in fs::read_dir(self.root.join("blobs/sha256"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let digest = format!("sha256:{}", e.file_name().to_string_lossy());
            if !index.blob_used(&digest, usize::MAX) && old(&e.path()) {
                let _ = fs::remove_file(e.path());
                removed.push(digest);
            }
        }
        // Layer directories and records (a killed unpack's record has no directory).
        let mut layers: Vec<String> = Vec::new();
        for sub in ["layers", "layer-info"] {
            for e in fs::read_dir(self.root.join(sub))
                .into_iter()
                .flatten()
                .flatten()
            {
                // A keep-id copy (`<hex>.keep-id-...`) goes with its layer.
                let name = e.file_name().to_string_lossy().into_owned();
                let diff_id = format!("sha256:{}", keep_id::base_name(&name));
                if !index.layer_used(&diff_id, usize::MAX)
                    && old(&e.path())
                    && !layers.contains(&diff_id)
                {
                    layers.push(diff_id);
                }
            }
        }
        self.remove_layers(&layers, userns)?;
        Ok(removed)
    }

    /// Leftovers of killed runs in `tmp/` (layer dirs need the user namespace to go).
    pub fn clean_tmp(&self, userns: &dyn Userns) -> Result<()> {
        let Ok(entries) = fs::read_dir(self.root.join("tmp")) else {
            return Ok(());
        };
        let mut dirs = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(hex) = name.strip_prefix("layer-").map(keep_id::base_name) {
                let lock = lock::try_take(&self.root.join("locks").join(format!("{hex}.lock")));
                if lock.is_ok_and(|l| l.is_some()) {
                    dirs.push(e.path());
                }
            } else if let Some(pid) = name.strip_prefix("blob-").and_then(|r| r.split('-').next())
                && !Path::new(&format!("/proc/{pid}")).exists()
            {
                let _ = fs::remove_file(e.path());
            } else if let Some(pid) = name
                .strip_prefix("build-")
                .and_then(|r| r.split('-').next())
                && !Path::new(&format!("/proc/{pid}")).exists()
            {
                // A killed `nook build`'s step directories.
                dirs.push(e.path());
            } else if let Some(pid) = name
                .strip_prefix("probe-")
                .and_then(|r| r.split('-').next())
                && !Path::new(&format!("/proc/{pid}")).exists()
            {
                // A killed overlay probe's directories (its work dir is not ours to list).
                dirs.push(e.path());
            }
        }
        if !dirs.is_empty() {
            userns.run(&Job::Remove {
                paths: dirs.clone(),
            })?;
        }
        for dir in &dirs {
            let _ = fs::remove_file(layer::record_path(dir));
        }
        Ok(())
    }
}
