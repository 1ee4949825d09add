//! Runs one store job (unpack, apply, remove) in a fresh `nook __init` inside a user
//! namespace mapped with the user's subordinate ids.

use crate::error::{Error, Result};
use crate::host::spawn::Init;
use crate::host::{facts, idmap};
use crate::proto::{FromInit, Job, ToInit};

/// Run `job`; returns the warnings to show the user and the bytes it wrote.
pub fn run(job: &Job) -> Result<(Vec<String>, u64)> {
    let ids = crate::plan::run::default_ids(&facts::id_facts()).map_err(Error::Usage)?;
    let mut init = Init::spawn()?;
    init.send(&ToInit::Job(job.clone()))?;
    match init.recv()? {
        (FromInit::Unshared, _) => {}
        (other, _) => return Err(unexpected(&other)),
    }
    idmap::write_maps(init.pid(), &ids)?;
    init.send(&ToInit::MapsWritten)?;
    let result = match init.recv()? {
        (FromInit::JobDone { warnings, size }, _) => Ok((warnings, size)),
        (other, _) => Err(unexpected(&other)),
    };
    init.reap();
    result
}

fn unexpected(got: &FromInit) -> Error {
    Error::Usage(format!(
        "internal error: expected the store job's result, got {got:?}"
    ))
}
