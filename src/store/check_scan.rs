//! `nook system check`'s look at the store: the `check::Scan` its decisions are made on, taken
//! under the index lock; every other lock is only peeked at (is another process holding it?),
//! never waited for. Manifests and configs are read and hashed; a layer
//! blob is read once, through two hashes at the same time (its digest, and its diff_id while
//! it decompresses), in a full check, and in a quick one only when its layer has no
//! completion record to trust.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::index::Index;
use super::scanned::{Blob, LayerSeen, ReadLayer, Scan, Temp, TempSeen, VolumeSeen};
use super::{Store, keep_id, layer, unpack};
use crate::error::Result;
use crate::plan::digest;
use crate::plan::image_config::ImageConfig;
use crate::plan::manifest::parse_manifest;

/// Seconds since `path` was last written (0 when unknown).
fn age(path: &Path) -> u64 {
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map_or(0, |d| d.as_secs())
}

fn alive(pid: &str) -> bool {
    pid.parse::<u32>().is_ok() && Path::new("/proc").join(pid).exists()
}

/// Whether another process holds the lock on the existing file `path` (a missing file is
/// held by nobody; this creates none).
pub fn held(path: &Path) -> bool {
    match File::options().read(true).open(path) {
        Ok(f) => matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

fn names(dir: &Path) -> Vec<(String, fs::DirEntry)> {
    let mut v: Vec<(String, fs::DirEntry)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A reader that hashes and counts what passes through it.
struct Hashing<R> {
    inner: R,
    hash: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

fn finish<R>(h: Hashing<R>) -> String {
    format!("sha256:{}", digest::hex(&h.hash.finalize()))
}

/// Read a layer blob once: its digest, and (decompressed) its diff_id and bytes of file
/// content, or why it is not a layer.
pub fn read_layer(path: &Path) -> io::Result<(String, ReadLayer)> {
    let mut raw = Hashing {
        inner: File::open(path)?,
        hash: Sha256::new(),
    };
    let unpacked = (|| {
        let stream = unpack::decompress(BufReader::with_capacity(1 << 16, &mut raw))
            .map_err(|e| e.to_string())?;
        let mut tar_hash = Hashing {
            inner: stream,
            hash: Sha256::new(),
        };
        let mut size = 0u64;
        {
            let mut archive = tar::Archive::new(&mut tar_hash);
            let entries = archive.entries().map_err(|e| e.to_string())?;
            for entry in entries {
                let entry = entry.map_err(|e| format!("corrupt or truncated: {e}"))?;
                if entry.header().entry_type().is_file() {
                    size += entry.size();
                }
            }
        }
        // The tar ends before the stream does (padding): the diff_id covers all of it.
        io::copy(&mut tar_hash, &mut io::sink()).map_err(|e| e.to_string())?;
        Ok((finish(tar_hash), size))
    })();
    // What the decompressor left unread (trailing bytes) still counts for the digest.
    io::copy(&mut raw, &mut io::sink())?;
    Ok((finish(raw), unpacked))
}

/// Scan `store` (and the volumes in `volumes`); `full`: read every layer blob.
pub fn scan(store: &Store, volumes: Option<&Path>, full: bool) -> Result<Scan> {
    let root = store.root();
    let mut scan = Scan::default();
    // Held to the end: no image is indexed or removed while the store is looked at (the
    // index lock is what rmi, prune and the end of a pull or load take), so what an image
    // lacks is damage, not a removal half seen. Locks of layers are only peeked at.
    let _lock = store.lock()?;
    scan.index = Some(store.read_index().map_err(|e| e.to_string()));
    scan.index_temp = root.join("images.json.tmp").exists();
    // Locks and temporaries before the layers: an unpack that ends meanwhile is then seen
    // with its layer, not as a leftover.
    for (name, e) in names(&root.join("locks")) {
        if let Some(hex) = name.strip_suffix(".lock") {
            scan.locks.push((hex.to_string(), held(&e.path())));
        }
    }
    for (name, e) in names(&root.join("tmp")) {
        let kind = if let Some(rest) = name.strip_prefix("blob-") {
            Temp::Blob {
                alive: alive(rest.split('-').next().unwrap_or("")),
            }
        } else if let Some(hex) = name.strip_prefix("layer-").map(keep_id::base_name) {
            Temp::Layer {
                busy: held(&root.join("locks").join(format!("{hex}.lock"))),
            }
        } else if name.starts_with("pull-") && name.ends_with(".partial") {
            Temp::Partial {
                busy: held(&e.path()),
            }
        } else if let Some(rest) = name.strip_prefix("probe-") {
            Temp::Probe {
                alive: alive(rest.split('-').next().unwrap_or("")),
            }
        } else {
            Temp::Other
        };
        scan.temps.push(TempSeen {
            dir: e.file_type().is_ok_and(|t| t.is_dir()),
            age: age(&e.path()),
            name,
            kind,
        });
    }
    for sub in ["layers", "layer-info"] {
        for (name, _) in names(&root.join(sub)) {
            // A keep-id copy is seen as (and removed with) its layer.
            let diff_id = format!("sha256:{}", keep_id::base_name(&name));
            if scan.layers.contains_key(&diff_id) {
                continue;
            }
            let dir = store.layer_dir(&diff_id);
            let record_path = layer::record_path(&dir);
            let seen = LayerSeen {
                dir: fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()),
                record: layer::read(&record_path),
                age: age(&dir).max(age(&record_path)),
                busy: held(&store.layer_lock(&diff_id)),
            };
            scan.layers.insert(diff_id, seen);
        }
    }
    for (name, e) in names(&root.join("blobs/sha256")) {
        if !is_hex64(&name) {
            scan.stray_blobs.push(name);
            continue;
        }
        let size = e.metadata().map_or(0, |m| m.len());
        let blob = Blob {
            size,
            age: age(&e.path()),
            ..Blob::default()
        };
        scan.blobs.insert(format!("sha256:{name}"), blob);
    }
    read_blobs(store, &mut scan, full);
    if let Some(dir) = volumes {
        scan.volumes = scan_volumes(dir);
    }
    Ok(scan)
}

/// Read what the check reads of the index's blobs (see the module's comment).
fn read_blobs(store: &Store, scan: &mut Scan, full: bool) {
    let index = match &scan.index {
        Some(Ok(ix)) => ix.clone(),
        _ => Index::default(),
    };
    let mut small = BTreeSet::new();
    let mut layers = BTreeSet::new();
    for i in &index.images {
        small.insert(i.digest.clone());
        small.insert(i.config_digest());
        for l in &i.layers {
            let unrecorded = scan
                .layers
                .get(&l.diff_id)
                .is_some_and(|s| s.dir && s.record == layer::Found::Missing);
            if full || unrecorded {
                layers.insert(l.digest.clone());
            }
        }
    }
    for d in small {
        let Some(b) = scan.blobs.get_mut(&d) else {
            continue;
        };
        let Ok(bytes) = fs::read(store.blob_path(&d)) else {
            b.digest = Some("(unreadable)".into());
            continue;
        };
        b.digest = Some(digest::digest_of(&bytes));
        b.manifest = Some(parse_manifest(&bytes).map(|m| {
            let layers = m
                .layers
                .iter()
                .map(|l| (l.digest.clone(), l.size))
                .collect();
            (m.config.digest, layers)
        }));
        b.diff_ids = Some(ImageConfig::parse(&bytes).map(|c| c.rootfs.diff_ids));
    }
    for d in layers {
        let Some(b) = scan.blobs.get_mut(&d) else {
            continue;
        };
        match read_layer(&store.blob_path(&d)) {
            Ok((digest, unpacked)) => {
                b.digest = Some(digest);
                b.unpacked = Some(unpacked);
            }
            Err(e) => b.unpacked = Some(Err(format!("cannot read it: {e}"))),
        }
    }
}

fn scan_volumes(dir: &Path) -> Vec<VolumeSeen> {
    let mut out = Vec::new();
    for (name, e) in names(dir) {
        if let Some(rest) = name.strip_prefix(".tmp-") {
            let creating = Some(alive(rest.rsplit('-').next().unwrap_or("")));
            out.push(VolumeSeen {
                name,
                data: false,
                meta: None,
                creating,
            });
            continue;
        }
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let meta = match fs::read(e.path().join("volume.json")) {
            Ok(b) => Some(
                serde_json::from_slice::<serde_json::Value>(&b)
                    .is_ok_and(|v| v["CreatedAt"].is_u64()),
            ),
            Err(_) => None,
        };
        out.push(VolumeSeen {
            data: e.path().join("_data").is_dir(),
            meta,
            creating: None,
            name,
        });
    }
    out
}
