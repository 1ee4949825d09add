//! A step's directory made a layer of the store: written (in the user namespace) into a
//! blob, the blob committed, the directory renamed into `layers/` (or dropped when the
//! store has that layer already). The build's scratch directories live in the store's
//! `tmp/` (the same file system as `layers/`) and go when dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::error::{Error, Result};
use crate::host::job::{HostUserns, write_layer};
use crate::plan::build::config::{LayerRef, OCI_GZIP, OCI_ZSTD};
use crate::plan::digest::hex_of;
use crate::store::Store;
use crate::store::job::Job;
use crate::store::layer_writer::LayerOptions;
use crate::store::rootfs::remove_tree;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A scratch directory of the build (`tmp/build-PID-N`), removed when dropped.
pub struct WorkDir {
    pub path: PathBuf,
}

impl WorkDir {
    pub fn new(store: &Store) -> Result<WorkDir> {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = store
            .root()
            .join("tmp")
            .join(format!("build-{}-{n}", std::process::id()));
        if path.exists() {
            remove_tree(&path, &HostUserns)?;
        }
        crate::store::private::create_dir(&path)
            .map_err(|e| Error::io(format!("cannot create {}", path.display()), e))?;
        Ok(WorkDir { path })
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if self.path.exists() {
            let _ = remove_tree(&self.path, &HostUserns);
        }
    }
}

/// Move the directory `from` to `to` (another parent): that needs write permission on
/// the directory itself (its `..` changes), which a layer's root of mode 0555 (an image
/// whose root is read-only, as the upper directory's root copies it) lacks: given for the
/// move, then taken back.
fn rename_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::symlink_metadata(from)?.permissions().mode() & 0o7777;
    let read_only = mode & 0o200 == 0;
    if read_only {
        std::fs::set_permissions(from, std::fs::Permissions::from_mode(mode | 0o200))?;
    }
    let moved = std::fs::rename(from, to);
    let at = match moved {
        Ok(()) => to,
        Err(_) => from,
    };
    if read_only {
        let _ = std::fs::set_permissions(at, std::fs::Permissions::from_mode(mode));
    }
    moved
}

/// Make `dir` a layer of the store; `dir` is gone afterwards.
pub fn commit(store: &Store, dir: &Path, opts: LayerOptions) -> Result<LayerRef> {
    let temp = store
        .temp_path()
        .map_err(|e| Error::io("cannot create a temp file", e))?;
    let zstd = opts.zstd;
    let job = Job::WriteLayer {
        dir: dir.to_path_buf(),
        blob: temp.clone(),
        opts,
    };
    let written = write_layer(&job);
    let w = match written {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
    };
    let stored = match store.has(&w.digest) {
        true => std::fs::remove_file(&temp),
        false => store.commit_verified(&temp, &w.digest),
    };
    stored.map_err(|e| Error::io("cannot store a layer blob", e))?;
    let hex = hex_of(&w.diff_id);
    let _lock = crate::store::lock::take(&store.root().join("locks").join(format!("{hex}.lock")))?;
    let dest = store.layer_dir(&w.diff_id);
    if dest.is_dir() {
        remove_tree(dir, &HostUserns)?;
    } else {
        // Must happen before the rename: a layer directory always has its completion record
        // (store::layer), which is where the index's sizes come from.
        let record = crate::store::layer::LayerRecord {
            diff_id: w.diff_id.clone(),
            size: w.size,
        };
        crate::store::layer::write(&crate::store::layer::record_path(&dest), &record)
            .map_err(|e| Error::io("cannot write a layer's completion record", e))?;
        rename_dir(dir, &dest)
            .map_err(|e| Error::io(format!("cannot move the layer to {}", dest.display()), e))?;
    }
    Ok(LayerRef {
        digest: w.digest,
        diff_id: w.diff_id,
        blob_size: w.blob_size,
        size: w.size,
        media_type: match zstd {
            true => OCI_ZSTD.into(),
            false => OCI_GZIP.into(),
        },
    })
}
