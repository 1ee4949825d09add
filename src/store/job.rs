//! The store's work that needs the user namespace (files owned by subordinate ids can only be
//! made and removed from there): the jobs, and the `Userns` trait through which the store asks
//! for them. The host side implements it (`host::job::HostUserns`, a `nook __init` per job);
//! `app` hands it to the store operations that need it, so the store never starts a process.

use std::os::fd::OwnedFd;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::plan::keep_id::Shift;
use crate::plan::overlay::OverlaySpec;

/// Store work done as root of a user namespace mapped like a container's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Job {
    /// Extract the layer blob into `temp` (removed first: a killed run's leftover), check
    /// its diff_id, then rename it to `dest`.
    Unpack {
        blob: PathBuf,
        temp: PathBuf,
        dest: PathBuf,
        diff_id: String,
        /// A `--userns=keep-id` layer: owners moved (`plan::keep_id`).
        #[serde(default)]
        shift: Option<Shift>,
        /// The layer's completion record (`store::layer`), written just before the rename.
        record: PathBuf,
    },
    /// Like `Unpack`, the blob's bytes read from the pipe riding along with the message as
    /// they download; the rename to `dest` waits for `Commit(true)` (the blob verified).
    Stream {
        temp: PathBuf,
        dest: PathBuf,
        diff_id: String,
        record: PathBuf,
    },
    /// Apply layer blobs in order onto `dest`, carrying out whiteouts (the copy driver).
    Apply {
        blobs: Vec<PathBuf>,
        dest: PathBuf,
        #[serde(default)]
        shift: Option<Shift>,
        /// `dest` is a directory already there (`ADD archive DIR/` of a build): applied into
        /// as it is. Otherwise it is made, the root's, mode 0555.
        #[serde(default)]
        existing: bool,
        /// `build --squash`: the new layers' unpacked directories and the base's; their
        /// deletions of the base's paths are kept in `dest` (`store::squash`).
        #[serde(default)]
        squash: Option<(Vec<PathBuf>, Vec<PathBuf>)>,
    },
    /// Remove these trees.
    Remove { paths: Vec<PathBuf> },
    /// Give these directories (an overlay's upper and work, made by the caller) to `uid` and
    /// `gid`: the root of a container whose map leaves the caller out.
    Chown {
        paths: Vec<PathBuf>,
        uid: u32,
        gid: u32,
    },
    /// Mount `spec` (a one-layer kernel overlay with a container's options: its upper, work
    /// and mount point under `dir`, its lower layer elsewhere) in a mount namespace of its
    /// own, write through it, unmount it and remove `dir` and the lower layer.
    ProbeOverlay { dir: PathBuf, spec: OverlaySpec },
    /// Write the layer of `dir` (a build step's upper directory, or a COPY's files) into
    /// `blob`, then leave `dir` in the store's unpacked form (`store::layer_writer`).
    WriteLayer {
        dir: PathBuf,
        blob: PathBuf,
        opts: crate::store::layer_writer::LayerOptions,
    },
    /// Write the file system of a container that is not running into the tar file `out`:
    /// its overlay `spec` mounted in a mount namespace of the job's own, or `root` itself
    /// (the vfs driver's copy) when there is none.
    Export {
        spec: Option<OverlaySpec>,
        root: PathBuf,
        out: PathBuf,
    },
}

/// Runs store jobs as root of a user namespace mapped like a container's. `Sync`: layers are
/// unpacked by several threads at once.
pub trait Userns: Sync {
    /// Run `job` to its end; returns the warnings to show the user and the bytes of file
    /// content it wrote.
    fn run(&self, job: &Job) -> Result<(Vec<String>, u64)>;

    /// Start `job` with `fd` riding along (the pipe a `Job::Stream` reads); it works while the
    /// caller feeds it.
    fn start(&self, job: &Job, fd: Option<&OwnedFd>) -> Result<Box<dyn RunningJob>>;
}

/// A started `Job::Stream`. `Send`: the pull feeds it from its download threads.
pub trait RunningJob: Send {
    /// Tell the job whether the blob checked out (its layer is kept only then) and wait for
    /// its end, as `Userns::run` does.
    fn commit(self: Box<Self>, verified: bool) -> Result<(Vec<String>, u64)>;
}

/// A `Userns` for unit tests: records the jobs asked of it and does none of them.
#[cfg(test)]
#[derive(Default)]
pub struct Recorder(pub std::sync::Mutex<Vec<Job>>);

#[cfg(test)]
impl Recorder {
    /// The jobs asked so far.
    pub fn jobs(&self) -> Vec<Job> {
        self.0.lock().expect("not poisoned").clone()
    }
}

#[cfg(test)]
impl Userns for Recorder {
    fn run(&self, job: &Job) -> Result<(Vec<String>, u64)> {
        self.0.lock().expect("not poisoned").push(job.clone());
        Ok((Vec::new(), 0))
    }

    fn start(&self, _: &Job, _: Option<&OwnedFd>) -> Result<Box<dyn RunningJob>> {
        unimplemented!("no test streams a layer")
    }
}
