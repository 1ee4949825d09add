//! Runs one store job (unpack, apply, remove, overlay probe) in a fresh `nook __init` inside
//! a user namespace mapped with the user's subordinate ids.

use crate::error::{Error, Result};
use crate::host::spawn::Init;
use crate::host::{facts, idmap};
use crate::plan::overlay::Probed;
use crate::proto::{FromInit, Job, ToInit};

/// Run `job`; returns the warnings to show the user and the bytes it wrote.
pub fn run(job: &Job) -> Result<(Vec<String>, u64)> {
    match exchange(job)? {
        FromInit::JobDone { warnings, size } => Ok((warnings, size)),
        other => Err(unexpected(&other)),
    }
}

/// Run a `Job::ProbeOverlay`; returns whether the kernel overlay worked.
pub fn probe(job: &Job) -> Result<Probed> {
    match exchange(job)? {
        FromInit::Probed(p) => Ok(p),
        other => Err(unexpected(&other)),
    }
}

/// Send `job` to a fresh `__init`, write its maps, and return its answer.
fn exchange(job: &Job) -> Result<FromInit> {
    let ids = crate::plan::run::default_ids(&facts::id_facts()).map_err(Error::Usage)?;
    let mut init = Init::spawn()?;
    init.send(&ToInit::Job(job.clone()))?;
    match init.recv()? {
        (FromInit::Unshared, _) => {}
        (other, _) => return Err(unexpected(&other)),
    }
    idmap::write_maps(init.pid(), &ids)?;
    init.send(&ToInit::MapsWritten)?;
    let (answer, _) = init.recv()?;
    init.reap();
    Ok(answer)
}

fn unexpected(got: &FromInit) -> Error {
    Error::Usage(format!(
        "internal error: expected the store job's result, got {got:?}"
    ))
}
