//! `DirSink`: a plain directory of verified blobs (`blobs/sha256/<hex>`, temp files in `tmp/`),
//! used by `nook pull` until the store implements `BlobSink`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::BlobSink;
use crate::plan::image_ref::valid_digest;

pub struct DirSink {
    root: PathBuf,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl DirSink {
    /// A sink over `root` (e.g. `$XDG_DATA_HOME/nook/storage`), creating `blobs/sha256` and `tmp`
    /// (private, as the store's own).
    pub fn new(root: &Path) -> std::io::Result<DirSink> {
        crate::store::private::create_dir(&root.join("blobs/sha256"))?;
        crate::store::private::create_dir(&root.join("tmp"))?;
        Ok(DirSink {
            root: root.to_path_buf(),
        })
    }

    /// Where the blob `sha256:<hex>` lives.
    pub fn blob_path(&self, digest: &str) -> PathBuf {
        self.root
            .join("blobs/sha256")
            .join(digest.strip_prefix("sha256:").unwrap_or(digest))
    }
}

impl BlobSink for DirSink {
    fn has(&self, digest: &str) -> bool {
        valid_digest(digest) && self.blob_path(digest).is_file()
    }

    fn temp_path(&self) -> std::io::Result<PathBuf> {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        Ok(self
            .root
            .join("tmp")
            .join(format!("blob-{}-{n}-{nanos}", std::process::id())))
    }

    fn commit(&self, temp: &Path, digest: &str) -> std::io::Result<()> {
        if !valid_digest(digest) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("bad digest {digest}"),
            ));
        }
        std::fs::rename(temp, self.blob_path(digest))?;
        // The rename is durable once the directory is synced.
        std::fs::File::open(self.root.join("blobs/sha256"))?.sync_all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_moves_into_blobs() {
        let dir = tempfile::tempdir().unwrap();
        let sink = DirSink::new(dir.path()).unwrap();
        let d = format!("sha256:{}", "c".repeat(64));
        assert!(!sink.has(&d));
        let t = sink.temp_path().unwrap();
        assert_ne!(t, sink.temp_path().unwrap());
        std::fs::write(&t, b"x").unwrap();
        sink.commit(&t, &d).unwrap();
        assert!(sink.has(&d));
        assert!(!t.exists());
        assert!(sink.commit(&t, "md5:00").is_err());
    }
}
