//! Store jobs on the container side: unpack a layer, build a private root file system, or
//! remove trees, as root of a user namespace mapped like a container's, so that a file
//! owned by uid 42 in the image lands on the subordinate id that maps to 42.

use std::fs::File;
use std::io::ErrorKind;
use std::os::fd::OwnedFd;
use std::path::Path;

use nix::sched::{CloneFlags, unshare};

use crate::error::{InitError, Step};
use crate::proto::{Channel, FromInit, Job, ToInit};
use crate::store::unpack::{ExtractMode, Options, extract};

/// `fd`: the read end of the pipe a `Job::Stream` reads the layer blob from.
pub fn run(
    chan: &Channel,
    job: &Job,
    fd: Option<OwnedFd>,
) -> Result<(Vec<String>, u64), InitError> {
    // The one place `nook __init` starts a thread: extraction decompresses on a second one,
    // after this unshare (which needs a single thread), and a job forks nothing afterwards.
    unshare(CloneFlags::CLONE_NEWUSER).map_err(|e| InitError::sys(Step::UnshareUser, e))?;
    chan.send(&FromInit::Unshared, None)?;
    super::expect_msg(chan, "MapsWritten", |m| matches!(m, ToInit::MapsWritten))?;
    match job {
        Job::Unpack {
            blob,
            temp,
            dest,
            diff_id,
        } => unpack(open(blob)?, temp, dest, diff_id, || Ok(true)),
        Job::Stream {
            temp,
            dest,
            diff_id,
        } => {
            let pipe = fd.ok_or_else(|| {
                InitError::Protocol("a streamed unpack came without its pipe".into())
            })?;
            unpack(File::from(pipe), temp, dest, diff_id, || {
                match chan.expect::<ToInit>()? {
                    (ToInit::Commit(verified), _) => Ok(verified),
                    (other, _) => Err(InitError::Protocol(format!(
                        "expected Commit, got {other:?}"
                    ))),
                }
            })
        }
        Job::Apply { blobs, dest } => {
            mkdir(dest)?;
            let mut warnings = Vec::new();
            for blob in blobs {
                let report = extract(open(blob)?, dest, &opts(ExtractMode::Apply))
                    .map_err(InitError::User)?;
                warnings.extend(report.warnings);
            }
            warnings.dedup();
            Ok((warnings, 0))
        }
        Job::Remove { paths } => {
            for p in paths {
                remove(p)?;
            }
            Ok((Vec::new(), 0))
        }
    }
}

fn opts(mode: ExtractMode) -> Options {
    Options { chown: true, mode }
}

fn open(blob: &Path) -> Result<File, InitError> {
    File::open(blob)
        .map_err(|e| InitError::User(format!("cannot open layer blob {}: {e}", blob.display())))
}

fn mkdir(dir: &Path) -> Result<(), InitError> {
    std::fs::create_dir(dir)
        .map_err(|e| InitError::User(format!("cannot create {}: {e}", dir.display())))
}

fn remove(path: &Path) -> Result<(), InitError> {
    let r = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) => Err(e),
    };
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(InitError::User(format!(
            "cannot remove {}: {e}",
            path.display()
        ))),
    }
}

/// Extracts `blob` into `temp`, checks its diff_id, then asks `commit` (the host's word that
/// the blob itself checked out) before `temp` becomes `dest`.
fn unpack(
    blob: File,
    temp: &Path,
    dest: &Path,
    diff_id: &str,
    commit: impl FnOnce() -> Result<bool, InitError>,
) -> Result<(Vec<String>, u64), InitError> {
    // Must happen before extracting: a killed unpack leaves its temp dir, never a layer.
    remove(temp)?;
    mkdir(temp)?;
    let report = match extract(blob, temp, &opts(ExtractMode::Layer)) {
        Ok(r) => r,
        Err(e) => {
            let _ = remove(temp);
            return Err(InitError::User(format!("layer {diff_id}: {e}")));
        }
    };
    if report.diff_id != diff_id {
        let _ = remove(temp);
        return Err(InitError::User(format!(
            "layer {diff_id}: its content does not match its digest (got {}): the image is corrupt, load or pull it again",
            report.diff_id
        )));
    }
    // Must happen before the rename: a layer whose blob failed verification never becomes
    // one, whatever its diff_id says.
    match commit() {
        Ok(true) => {}
        Ok(false) => {
            remove(temp)?;
            return Err(InitError::User(format!(
                "layer {diff_id}: not kept, its blob failed verification"
            )));
        }
        Err(e) => {
            let _ = remove(temp);
            return Err(e);
        }
    }
    if dest.exists() {
        // Another nook finished the same layer first; ours is a duplicate.
        remove(temp)?;
    } else {
        std::fs::rename(temp, dest).map_err(|e| {
            InitError::User(format!(
                "cannot move the layer into {}: {e}",
                dest.display()
            ))
        })?;
    }
    Ok((report.warnings, report.size))
}
