//! Store jobs on the container side: unpack a layer, build a private root file system,
//! remove trees, or probe the kernel overlay, as root of a user namespace mapped like a
//! container's, so that a file owned by uid 42 in the image lands on the subordinate id that
//! maps to 42.

use std::fs::File;
use std::io::ErrorKind;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::mount::{MntFlags, umount2};
use nix::sched::{CloneFlags, unshare};

use super::overlay;
use crate::plan::keep_id::Shift;
use crate::plan::overlay::{OverlaySpec, Probed};
use crate::proto::{FromInit, ToInit};
use crate::proto::{InitError, Step};
use crate::store::job::Job;
use crate::store::unpack::{ExtractMode, Options, UnpackError, extract};

/// `fd`: the read end of the pipe a `Job::Stream` reads the layer blob from.
pub fn run(host: super::Host, job: &Job, fd: Option<OwnedFd>) -> Result<FromInit, InitError> {
    let chan = host.0;
    // The one place `nook __init` starts a thread: extraction decompresses on a second one,
    // after this unshare (which needs a single thread), and a job forks nothing afterwards.
    host.unshare_user()?;
    host.wait_maps()?;
    let (warnings, size) = match job {
        Job::ProbeOverlay { dir, spec } => return probe(dir, spec).map(FromInit::Probed),
        Job::Export { spec, root, out } => {
            let mut fuse = None;
            if let Some(spec) = spec {
                // The mount dies with this process's mount namespace.
                unshare(CloneFlags::CLONE_NEWNS)
                    .map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
                fuse = overlay::mount(spec)?;
            }
            let written = crate::store::layer_writer::write_plain(root, out);
            if let Some(mut child) = fuse {
                let _ = umount2(root.as_path(), MntFlags::MNT_DETACH);
                let _ = child.wait();
            }
            let size = written.map_err(|e| {
                InitError::job_io(format!("cannot export {}: {e}", root.display()), &e)
            })?;
            (Vec::new(), size)
        }
        Job::WriteLayer { dir, blob, opts } => {
            let fail = |e: std::io::Error| {
                InitError::job_io(
                    format!("cannot write the layer of {}: {e}", dir.display()),
                    &e,
                )
            };
            let written = crate::store::layer_writer::write(dir, blob, opts).map_err(fail)?;
            if !opts.keep {
                crate::store::layer_writer::to_store_form(dir).map_err(fail)?;
            }
            return Ok(FromInit::LayerWritten(written));
        }
        Job::Unpack {
            blob,
            temp,
            dest,
            diff_id,
            record,
            shift,
        } => unpack(open(blob)?, temp, (dest, record), diff_id, *shift, || {
            Ok(true)
        })?,
        Job::Stream {
            temp,
            dest,
            diff_id,
            record,
        } => {
            let pipe = fd.ok_or_else(|| {
                InitError::Protocol("a streamed unpack came without its pipe".into())
            })?;
            unpack(
                File::from(pipe),
                temp,
                (dest, record),
                diff_id,
                None,
                || match chan.expect::<ToInit>()? {
                    (ToInit::Commit(verified), _) => Ok(verified),
                    (other, _) => Err(InitError::Protocol(format!(
                        "expected Commit, got {other:?}"
                    ))),
                },
            )?
        }
        Job::Apply {
            blobs,
            dest,
            shift,
            existing,
            squash,
        } => {
            if !existing {
                mkdir(dest)?;
                // Root's, mode 0555, unless a layer names "./" (as podman's storage).
                let (uid, gid) = shift.map_or((0, 0), |s| s.apply(0, 0));
                std::os::unix::fs::chown(dest, Some(uid), Some(gid))
                    .and_then(|()| {
                        use std::os::unix::fs::PermissionsExt;
                        std::fs::set_permissions(dest, std::fs::Permissions::from_mode(0o555))
                    })
                    .map_err(|e| {
                        InitError::job_io(format!("cannot set up {}: {e}", dest.display()), &e)
                    })?;
            }
            let mut warnings = Vec::new();
            for blob in blobs {
                let report = extract(open(blob)?, dest, &opts(ExtractMode::Apply, *shift))
                    .map_err(job_error)?;
                warnings.extend(report.warnings);
            }
            warnings.dedup();
            if let Some((new, base)) = squash {
                crate::store::squash::keep_deletions(dest, new, base).map_err(|e| {
                    InitError::job_io(format!("cannot squash into {}: {e}", dest.display()), &e)
                })?;
            }
            (warnings, 0)
        }
        Job::Remove { paths } => {
            for p in paths {
                remove(p)?;
            }
            (Vec::new(), 0)
        }
        Job::Chown { paths, uid, gid } => {
            for p in paths {
                std::os::unix::fs::chown(p, Some(*uid), Some(*gid)).map_err(|e| {
                    InitError::job_io(format!("cannot hand over {}: {e}", p.display()), &e)
                })?;
            }
            (Vec::new(), 0)
        }
    };
    Ok(FromInit::JobDone { warnings, size })
}

/// Mount the probe's overlay as a container's is mounted, copy a file up, delete one (a
/// whiteout) and create one through it; then unmount and remove it all. A refusal is the
/// answer, not an error; failing to set the probe up is an error.
fn probe(dir: &Path, spec: &OverlaySpec) -> Result<Probed, InitError> {
    let m = &spec.mount;
    // Must happen before creating: a killed probe's leftover (same pid, recycled) goes.
    // The lower layer is in the store, the rest under `dir` in the runtime directory.
    remove(dir)?;
    for lower in &m.lower {
        remove(lower)?;
    }
    for d in [dir, &m.upper, &m.work, &m.target]
        .into_iter()
        .chain(m.lower.iter().map(PathBuf::as_path))
    {
        mkdir(d)?;
    }
    for lower in &m.lower {
        let made = std::fs::create_dir(lower.join("replaced")).and_then(|()| {
            ["changed", "deleted", "replaced/old"]
                .iter()
                .try_for_each(|f| std::fs::write(lower.join(f), b"lower\n"))
        });
        made.map_err(|e| {
            InitError::job_io(format!("cannot write in {}: {e}", lower.display()), &e)
        })?;
    }
    // Must happen before the mount: it stays in this process's mount namespace, which dies
    // with it, so a probe killed midway leaves no mount behind.
    unshare(CloneFlags::CLONE_NEWNS).map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
    let result = match overlay::mount(spec) {
        Ok(_) => {
            let used = write_through(&m.target);
            let _ = umount2(&m.target, MntFlags::MNT_DETACH);
            match used {
                Ok(()) => Probed::Mounts,
                Err(e) => Probed::Refused(e),
            }
        }
        Err(InitError::Sys { errno, path, .. }) => {
            let e = Errno::from_raw(errno);
            let at = path.map(|p| format!(" ({p})")).unwrap_or_default();
            Probed::Refused(format!("mount: {e:?}: {}{at}", e.desc()))
        }
        Err(e) => return Err(e),
    };
    remove(dir)?;
    for lower in &m.lower {
        remove(lower)?;
    }
    Ok(result)
}

/// What a container does first on its root: change a lower file, delete one, create one,
/// and replace a directory (an opaque one).
fn write_through(merged: &Path) -> Result<(), String> {
    let step = |what: &str, r: std::io::Result<()>| {
        r.map_err(|e| {
            let errno = Errno::from_raw(e.raw_os_error().unwrap_or(0));
            format!("{what} through the overlay: {errno:?}: {}", errno.desc())
        })
    };
    step(
        "copying a file up",
        std::fs::write(merged.join("changed"), b"upper\n"),
    )?;
    step(
        "deleting a file",
        std::fs::remove_file(merged.join("deleted")),
    )?;
    step(
        "creating a file",
        std::fs::write(merged.join("created"), b"new\n"),
    )?;
    // A directory removed and made again is opaque: the upper file system must hold the
    // `user.overlay.opaque` xattr (a tmpfs before Linux 6.6 cannot).
    step(
        "replacing a directory",
        std::fs::remove_dir_all(merged.join("replaced"))
            .and_then(|()| std::fs::create_dir(merged.join("replaced"))),
    )?;
    if std::fs::read(merged.join("deleted")).map_err(|e| e.kind()) != Err(ErrorKind::NotFound) {
        return Err("a deleted file is still visible through the overlay".into());
    }
    match std::fs::read_dir(merged.join("replaced")).map(|mut d| d.next().is_none()) {
        Ok(true) => Ok(()),
        _ => Err("a replaced directory still shows the layer's files through the overlay".into()),
    }
}

/// An extraction's failure as the job's, its errno kept.
fn job_error(e: UnpackError) -> InitError {
    InitError::Job {
        message: e.message,
        errno: e.errno,
    }
}

fn opts(mode: ExtractMode, shift: Option<Shift>) -> Options {
    Options {
        chown: true,
        mode,
        shift,
    }
}

fn open(blob: &Path) -> Result<File, InitError> {
    File::open(blob).map_err(|e| {
        InitError::job_io(
            format!("cannot open layer blob {}: {e}", blob.display()),
            &e,
        )
    })
}

fn mkdir(dir: &Path) -> Result<(), InitError> {
    std::fs::create_dir(dir)
        .map_err(|e| InitError::job_io(format!("cannot create {}: {e}", dir.display()), &e))
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
        Err(e) => Err(InitError::job_io(
            format!("cannot remove {}: {e}", path.display()),
            &e,
        )),
    }
}

/// Extracts `blob` into `temp`, checks its diff_id, then asks `commit` (the host's word that
/// the blob itself checked out) before `temp` becomes `dest`, its completion record written
/// at `record` first.
fn unpack(
    blob: File,
    temp: &Path,
    (dest, record): (&Path, &Path),
    diff_id: &str,
    shift: Option<Shift>,
    commit: impl FnOnce() -> Result<bool, InitError>,
) -> Result<(Vec<String>, u64), InitError> {
    // Must happen before extracting: a killed unpack leaves its temp dir, never a layer.
    remove(temp)?;
    mkdir(temp)?;
    let report = match extract(blob, temp, &opts(ExtractMode::Layer, shift)) {
        Ok(r) => r,
        Err(e) => {
            let _ = remove(temp);
            return Err(InitError::Job {
                message: format!("layer {diff_id}: {}", e.message),
                errno: e.errno,
            });
        }
    };
    if report.diff_id != diff_id {
        let _ = remove(temp);
        return Err(InitError::Job {
            message: format!(
                "layer {diff_id}: its content does not match its digest (got {}): the image is corrupt, load or pull it again",
                report.diff_id
            ),
            errno: None,
        });
    }
    // Must happen before the rename: a layer whose blob failed verification never becomes
    // one, whatever its diff_id says.
    match commit() {
        Ok(true) => {}
        Ok(false) => {
            remove(temp)?;
            return Err(InitError::Job {
                message: format!("layer {diff_id}: not kept, its blob failed verification"),
                errno: None,
            });
        }
        Err(e) => {
            let _ = remove(temp);
            return Err(e);
        }
    }
    // Must happen before the rename: a layer directory always has its record (the size
    // that a nook which waited for this one reads).
    let written = crate::store::layer::LayerRecord {
        diff_id: diff_id.to_string(),
        size: report.size,
    };
    let found = crate::store::layer::read(record);
    if !dest.exists() || crate::store::layer::size_of(&found, diff_id).is_none() {
        crate::store::layer::write(record, &written).map_err(|e| {
            let _ = remove(temp);
            InitError::job_io(format!("cannot write {}: {e}", record.display()), &e)
        })?;
    }
    if dest.exists() {
        // Another nook finished the same layer first; ours is a duplicate.
        remove(temp)?;
    } else {
        std::fs::rename(temp, dest).map_err(|e| {
            InitError::job_io(
                format!("cannot move the layer into {}: {e}", dest.display()),
                &e,
            )
        })?;
    }
    Ok((report.warnings, report.size))
}
