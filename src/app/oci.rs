//! The OCI runtime interface, as a batch scheduler drives nook (Slurm's oci.conf names it for
//! RunTimeRun, Query, Kill and Delete): `nook run --bundle DIR`'s request, `nook state`,
//! `nook delete` and a minimal `nook kill [-s SIG] NAME...` (podman's syntax).

use std::path::Path;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill as send};
use nix::unistd::getuid;

use crate::cli::{DeleteArgs, RunArgs, StateArgs};
use crate::error::{Error, Result};
use crate::host::state::Containers;
use crate::plan::oci;
use crate::plan::request::RunRequest;
use crate::proto::errno_of;

use super::output::print;

/// The file of a container's state directory naming the bundle it was run from.
const BUNDLE_FILE: &str = "bundle";

/// The request of `nook run --bundle DIR [ID]`: the other flags', with what DIR/config.json
/// says (`plan::oci::bundle_request`).
pub fn bundle_request(dir: &Path, args: &RunArgs, base: RunRequest) -> Result<RunRequest> {
    if !args.command.is_empty() {
        return Err(Error::Usage(format!(
            "with --bundle the command is config.json's process.args: give at most the container's ID after the options, not {:?}",
            args.command.join(" ")
        )));
    }
    let file = dir.join("config.json");
    let text = std::fs::read_to_string(&file).map_err(|e| {
        Error::Usage(format!(
            "cannot read {}: {}: give an OCI runtime bundle (a directory holding config.json)",
            file.display(),
            errno_of(&e).desc()
        ))
    })?;
    let mut req = oci::bundle_request(&text, dir, base).map_err(Error::Usage)?;
    if req.name.is_none() && !args.image.is_empty() {
        req.name = Some(args.image.clone());
    }
    Ok(req)
}

/// Record which bundle a container was run from, for `nook state`.
pub fn record_bundle(state_dir: &Path, bundle: &Path) {
    let path = std::path::absolute(bundle).unwrap_or_else(|_| bundle.to_path_buf());
    let _ = std::fs::write(
        state_dir.join(BUNDLE_FILE),
        path.as_os_str().as_encoded_bytes(),
    );
}

/// `nook state ID`: the OCI runtime-spec state (JSON) of a container.
pub fn state(args: &StateArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let Some((dir, record, running)) = containers.find(&args.container) else {
        return Err(Error::Usage(format!(
            "container {:?} does not exist: see nook ps -a",
            args.container
        )));
    };
    let pid = match running {
        true => containers.live(&record.id).ok().map(|l| l.pid.as_raw()),
        false => None,
    };
    let bundle = std::fs::read_to_string(dir.join(BUNDLE_FILE)).unwrap_or_default();
    let mut s = oci::oci_state(&args.container, pid, &bundle);
    if running && pid.is_none() {
        s.status = "created";
    }
    let text = serde_json::to_string_pretty(&s)
        .map_err(|e| Error::Internal(format!("cannot encode the state: {e}")))?;
    print(&format!("{text}\n"))
}

/// `nook delete [--force] ID`: remove a stopped container; with --force a running one is
/// killed first and removed once its `nook run` has ended.
pub fn delete(args: &DeleteArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    let key = &args.container;
    let Some((_, record, running)) = containers.find(key) else {
        return Err(Error::Usage(format!(
            "container {key:?} does not exist: see nook ps -a"
        )));
    };
    if running {
        if !args.force {
            return Err(Error::Usage(format!(
                "container {} is running: stop it first, or use nook delete --force {key}",
                record.name
            )));
        }
        if let Ok(live) = containers.live(&record.id) {
            let _ = send(live.pid, Signal::SIGKILL);
        }
        // Its `nook run` sees PID 1 end and removes or keeps it as it was asked to.
        let start = Instant::now();
        while containers.find(&record.id).is_some_and(|(_, _, r)| r) {
            if start.elapsed() > Duration::from_secs(10) {
                return Err(Error::Usage(format!(
                    "container {} did not stop within 10 s of SIGKILL: try again",
                    record.name
                )));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    if let Some((dir, r, false)) = containers.find(&record.id) {
        containers.remove(&dir, &r.name);
    }
    Ok(0)
}
