//! Runs one store job (unpack, apply, remove, overlay probe) in a fresh `nook __init` inside
//! a user namespace mapped with the user's subordinate ids: the host's `store::job::Userns`.

use std::os::fd::OwnedFd;

use crate::error::{Error, Result};
use crate::host::facts;
use crate::host::session::Session;
use crate::plan::overlay::Probed;
use crate::proto::{FromInit, ToInit};
use crate::store::job::{Job, RunningJob, Userns};

/// The store's jobs, each in a `nook __init` of its own.
pub struct HostUserns;

impl Userns for HostUserns {
    fn run(&self, job: &Job) -> Result<(Vec<String>, u64)> {
        run(job)
    }

    fn start(&self, job: &Job, fd: Option<&OwnedFd>) -> Result<Box<dyn RunningJob>> {
        Ok(Box::new(start(job, fd)?))
    }
}

/// A job under way: its user namespace is mapped and it is working.
struct Running {
    session: Session,
}

/// Start `job` (with `fd` riding along, e.g. the pipe a `Job::Stream` reads) and map its
/// user namespace.
fn start(job: &Job, fd: Option<&OwnedFd>) -> Result<Running> {
    let ids = crate::plan::run::default_ids(&facts::id_facts()).map_err(Error::Usage)?;
    let session = Session::open(&ToInit::Job(job.clone()), &ids, fd)?;
    Ok(Running { session })
}

impl Running {
    /// Send `last` if given (a `Commit`), then wait for the job's answer.
    fn answer(self, last: Option<&ToInit>) -> Result<FromInit> {
        if let Some(msg) = last {
            // A job that already failed has stopped reading: its failure is what counts.
            let _ = self.session.send(msg);
        }
        self.session.wait_answer()
    }

    /// Send `last` if given (a `Commit`), then wait for the job's result: the warnings to
    /// show the user and the bytes it wrote.
    fn finish(self, last: Option<&ToInit>) -> Result<(Vec<String>, u64)> {
        match self.answer(last)? {
            FromInit::JobDone { warnings, size } => Ok((warnings, size)),
            other => Err(unexpected(&other)),
        }
    }
}

impl RunningJob for Running {
    fn commit(self: Box<Self>, verified: bool) -> Result<(Vec<String>, u64)> {
        self.finish(Some(&ToInit::Commit(verified)))
    }
}

/// Run `job`; returns the warnings to show the user and the bytes it wrote.
fn run(job: &Job) -> Result<(Vec<String>, u64)> {
    start(job, None)?.finish(None)
}

/// Run a `Job::ProbeOverlay`; returns whether the kernel overlay worked.
pub fn probe(job: &Job) -> Result<Probed> {
    match start(job, None)?.answer(None)? {
        FromInit::Probed(p) => Ok(p),
        other => Err(unexpected(&other)),
    }
}

/// Run a `Job::WriteLayer`; returns the layer written.
pub fn write_layer(job: &Job) -> Result<crate::store::layer_writer::Written> {
    match start(job, None)?.answer(None)? {
        FromInit::LayerWritten(w) => Ok(w),
        other => Err(unexpected(&other)),
    }
}

fn unexpected(got: &FromInit) -> Error {
    Error::Internal(format!(
        "internal error: expected the store job's result, got {got:?}"
    ))
}
