//! Runs one store job (unpack, apply, remove, overlay probe) in a fresh `nook __init` inside
//! a user namespace mapped with the user's subordinate ids.

use std::os::fd::OwnedFd;

use crate::error::{Error, Result};
use crate::host::spawn::{Init, init_error};
use crate::host::{facts, idmap};
use crate::plan::overlay::Probed;
use crate::proto::{FromInit, Job, ToInit};

/// A job under way: its user namespace is mapped and it is working.
pub struct Running {
    init: Init,
}

/// Start `job` (with `fd` riding along, e.g. the pipe a `Job::Stream` reads) and map its
/// user namespace.
pub fn start(job: &Job, fd: Option<&OwnedFd>) -> Result<Running> {
    let ids = crate::plan::run::default_ids(&facts::id_facts()).map_err(Error::Usage)?;
    let mut init = Init::spawn()?;
    init.chan
        .send(&ToInit::Job(job.clone()), fd)
        .map_err(init_error)?;
    match init.recv()? {
        (FromInit::Unshared, _) => {}
        (other, _) => return Err(unexpected(&other)),
    }
    idmap::write_maps(init.pid(), &ids)?;
    init.send(&ToInit::MapsWritten)?;
    Ok(Running { init })
}

impl Running {
    /// Send `last` if given (a `Commit`), then wait for the job's answer.
    fn answer(mut self, last: Option<&ToInit>) -> Result<FromInit> {
        if let Some(msg) = last {
            // A job that already failed has stopped reading: its failure is what counts.
            let _ = self.init.send(msg);
        }
        let answer = self.init.recv().map(|(answer, _)| answer);
        self.init.reap();
        answer
    }

    /// Send `last` if given (a `Commit`), then wait for the job's result: the warnings to
    /// show the user and the bytes it wrote.
    pub fn finish(self, last: Option<&ToInit>) -> Result<(Vec<String>, u64)> {
        match self.answer(last)? {
            FromInit::JobDone { warnings, size } => Ok((warnings, size)),
            other => Err(unexpected(&other)),
        }
    }
}

/// Run `job`; returns the warnings to show the user and the bytes it wrote.
pub fn run(job: &Job) -> Result<(Vec<String>, u64)> {
    start(job, None)?.finish(None)
}

/// Run a `Job::ProbeOverlay`; returns whether the kernel overlay worked.
pub fn probe(job: &Job) -> Result<Probed> {
    match start(job, None)?.answer(None)? {
        FromInit::Probed(p) => Ok(p),
        other => Err(unexpected(&other)),
    }
}

fn unexpected(got: &FromInit) -> Error {
    Error::Usage(format!(
        "internal error: expected the store job's result, got {got:?}"
    ))
}
