//! The storage driver of a run, with the facts `plan::overlay::choose` needs: the driver
//! asked for (`--storage-driver`, `NOOK_STORAGE_DRIVER`, storage.conf), the kernel, whether
//! fuse-overlayfs can run, and a probe of the kernel overlay on the store's file system, run
//! once and kept in the store (`overlay-probe.json`) for that kernel and file system.

use std::fs;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::error::{Error, Result};
use crate::host::{facts, job};
use crate::plan;
use crate::plan::overlay::{Driver, OverlayFacts, ProbeRecord, Probed, StorageFacts};
use crate::store::job::Job;
use crate::store::location;

/// The store's file with the last probe's outcome.
const RECORD: &str = "overlay-probe.json";

/// The driver asked for, and where: the command line (or its variable) over storage.conf.
pub fn asked(cli: Option<Driver>) -> Result<Option<(Driver, &'static str)>> {
    Ok(match cli {
        Some(d) => Some((d, "--storage-driver or NOOK_STORAGE_DRIVER")),
        None => location::conf()?.driver.map(|d| (d, "storage.conf")),
    })
}

/// Every fact of the choice for the store at `root` (probing the kernel overlay there if no
/// driver is asked for and no probe of this kernel on this file system is recorded).
pub fn facts(asked: Option<Driver>, root: &Path) -> Result<OverlayFacts> {
    let kernel = facts::kernel();
    let (release, version) = (
        kernel.release.unwrap_or_default(),
        kernel.version.unwrap_or((0, 0)),
    );
    let fs_type = location::fs_type(root).unwrap_or(0);
    let runtime = crate::host::state::runtime_dir(nix::unistd::getuid().as_raw());
    let probe = match plan::overlay::needs_probe(asked, version) {
        true => Some(probed(root, &release, version, fs_type)?),
        false => None,
    };
    let upper_fs = location::fs_type(&runtime).map(plan::storage::fs_name);
    Ok(OverlayFacts {
        kernel: version,
        fuse: facts::fuse_usable(),
        probe,
        fs: plan::storage::place_name(&plan::storage::fs_name(fs_type), upper_fs.as_deref()),
    })
}

/// The storage decision's facts for a run from the store at `root`: the driver asked for,
/// what the machine offers (probing the kernel overlay when it must) and fuse-overlayfs.
pub fn storage_facts(cli: Option<Driver>, root: &Path) -> Result<StorageFacts> {
    let asked = asked(cli)?.map(|(d, _)| d);
    Ok(StorageFacts {
        asked,
        machine: facts(asked, root)?,
        fuse_program: facts::find_program("fuse-overlayfs").map(|p| p.path),
    })
}

/// The recorded outcome for this kernel and file system, else a new probe (recorded).
fn probed(root: &Path, release: &str, version: (u32, u32), fs_type: u32) -> Result<Probed> {
    let dev = fs::metadata(root).map(|m| m.dev()).unwrap_or(0);
    // Containers' upper and work dirs live beside their state, in the runtime directory
    // (often a tmpfs): the probe puts its own there, and its lower layer in the store.
    let uid = nix::unistd::getuid().as_raw();
    crate::host::state::Containers::open(uid)?;
    let runtime = crate::host::state::runtime_dir(uid);
    let upper = (
        fs::metadata(&runtime).map(|m| m.dev()).unwrap_or(0),
        location::fs_type(&runtime).unwrap_or(0),
    );
    let file = root.join(RECORD);
    let recorded = fs::read(&file)
        .ok()
        .and_then(|b| serde_json::from_slice::<ProbeRecord>(&b).ok());
    if let Some(answer) = recorded
        .as_ref()
        .and_then(|r| r.answer(release, ((dev, fs_type), upper)))
    {
        return Ok(answer.clone());
    }
    let pid = std::process::id();
    let dir = runtime.join(format!("probe-{pid}"));
    let lower = root.join("tmp").join(format!("probe-{pid}-lower"));
    // The options of a `--rm` container, the common case (a kept one's differ in `volatile`
    // only, which every kernel with unprivileged overlayfs knows).
    let spec = plan::overlay::for_container(&[lower], &dir, version, true).map_err(Error::Usage)?;
    let result = job::probe(&Job::ProbeOverlay { dir, spec })?;
    let record = ProbeRecord {
        kernel: release.to_string(),
        dev,
        fs: fs_type,
        upper_dev: upper.0,
        upper_fs: upper.1,
        version: plan::overlay::PROBE_VERSION,
        result: result.clone(),
    };
    // Not recording is no error: the next run probes again.
    let _ = write_atomically(
        root,
        &file,
        &serde_json::to_vec(&record).unwrap_or_default(),
    );
    Ok(result)
}

/// Runs racing to record write whole files: a temp file in the store's `tmp/`, renamed.
fn write_atomically(root: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = root
        .join("tmp")
        .join(format!("blob-{}-probe", std::process::id()));
    let mut f = fs::File::create(&temp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    fs::rename(&temp, file)
}
