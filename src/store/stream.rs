//! Pulls that unpack while they download: a `BlobSink` over the store whose `LayerFeed` pipes
//! each layer blob's bytes, as they arrive, into an unpack job (`Job::Stream`) in the user
//! namespace. The job decompresses, hashes and extracts into `tmp/layer-<hex>` at once, and
//! renames it to `layers/<diff_id>` only when the host reports the blob verified and the
//! diff_id it computed matches. The layer lock is held from the first byte to that answer.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Store;
use super::job::{Job, RunningJob, Userns};
use crate::image::{BlobSink, ImageError, LayerFeed};
use crate::plan::digest::hex_of;
use crate::plan::image_config::ImageConfig;
use crate::plan::image_ref::valid_digest;

/// Bytes the kernel buffers between the download and the unpack job.
const PIPE_SIZE: libc::c_int = 1 << 20;

/// Blobs into the store's `blobs/`, layers unpacked into its `layers/` on the way.
pub struct StreamSink<'a> {
    store: &'a Store,
    /// Where the unpack jobs run.
    userns: &'a dyn Userns,
}

/// Whether a layer is worth streaming: it is not unpacked yet and no other nook is unpacking
/// it (a held layer lock); otherwise its blob only downloads, and the import that follows
/// finds the layer, or waits for the other nook, or unpacks the blob from its file.
pub fn should_stream(unpacked: bool, lock_free: bool) -> bool {
    !unpacked && lock_free
}

impl<'a> StreamSink<'a> {
    pub fn new(store: &'a Store, userns: &'a dyn Userns) -> Self {
        StreamSink { store, userns }
    }

    fn start(&self, diff_id: &str) -> Option<Stream> {
        let hex = hex_of(diff_id);
        let lock = super::lock::try_take(&self.store.layer_lock(diff_id)).ok()?;
        // Checked after taking the lock: a layer renamed into place meanwhile is seen.
        if !should_stream(self.store.layer_dir(diff_id).is_dir(), lock.is_some()) {
            return None;
        }
        let lock = lock?;
        let (read, write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ok()?;
        // A larger pipe lets the download run ahead of the unpack a little; the default
        // size works too.
        let _ = nix::fcntl::fcntl(&write, nix::fcntl::FcntlArg::F_SETPIPE_SZ(PIPE_SIZE));
        let dest = self.store.layer_dir(diff_id);
        let job = Job::Stream {
            temp: self.store.root.join("tmp").join(format!("layer-{hex}")),
            record: super::layer::record_path(&dest),
            dest,
            diff_id: diff_id.to_string(),
        };
        // A job that cannot start leaves the layer to the import after the download, which
        // unpacks it from the blob and reports the same failure, if it persists.
        let job = self.userns.start(&job, Some(&read)).ok()?;
        Some(Stream {
            job: Some(job),
            pipe: Some(File::from(write)),
            diff_id: diff_id.to_string(),
            _lock: lock,
        })
    }
}

impl BlobSink for StreamSink<'_> {
    fn has(&self, digest: &str) -> bool {
        self.store.has(digest)
    }

    fn temp_path(&self) -> std::io::Result<PathBuf> {
        self.store.temp_path()
    }

    fn commit(&self, temp: &Path, digest: &str) -> std::io::Result<()> {
        if !valid_digest(digest) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("bad digest {digest}"),
            ));
        }
        // The image client checked the digest while the blob downloaded.
        self.store.commit_verified(temp, digest)
    }

    fn layer_feed(
        &self,
        config: &[u8],
        index: usize,
        _digest: &str,
    ) -> Option<Box<dyn LayerFeed + '_>> {
        let cfg = ImageConfig::parse(config).ok()?;
        let diff_id = cfg.rootfs.diff_ids.get(index)?;
        self.start(diff_id)
            .map(|s| Box::new(s) as Box<dyn LayerFeed + '_>)
    }
}

/// One layer's unpack job and the pipe into it.
struct Stream {
    job: Option<Box<dyn RunningJob>>,
    pipe: Option<File>,
    diff_id: String,
    /// The layer lock, released after the job has answered (fields drop after `drop`).
    _lock: File,
}

impl Stream {
    fn end(&mut self, verified: bool) -> Option<crate::error::Result<(Vec<String>, u64)>> {
        // Must happen before Commit: the job reads the pipe to its end before it listens.
        self.pipe = None;
        let job = self.job.take()?;
        Some(job.commit(verified))
    }
}

impl LayerFeed for Stream {
    fn feed(&mut self, data: &[u8]) -> std::io::Result<()> {
        let Some(pipe) = self.pipe.as_mut() else {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        };
        let r = pipe.write_all(data);
        if r.is_err() {
            // The job stopped reading (it failed): nothing more to give it.
            self.pipe = None;
        }
        r
    }

    fn finish(mut self: Box<Self>, verified: bool) -> Result<(), ImageError> {
        match self.end(verified) {
            // The size is the layer's record's (the import reads it under the index lock).
            Some(Ok((warnings, _))) => {
                let short = &hex_of(&self.diff_id)[..12.min(hex_of(&self.diff_id).len())];
                for w in warnings {
                    eprintln!("Warning: layer {short}: {w}");
                }
                Ok(())
            }
            Some(Err(e)) => Err(ImageError::Unpack {
                message: e.to_string(),
                errno: e.errno(),
            }),
            None => Ok(()),
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // Given up midway (an error, or a download that starts over): the job removes what
        // it unpacked.
        let _ = self.end(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_only_layers_missing_and_free() {
        assert!(should_stream(false, true));
        assert!(!should_stream(true, true));
        assert!(!should_stream(false, false));
        assert!(!should_stream(true, false));
    }
}
