//! `nook exec`, `nook top` and `nook stats`, top to bottom: find the running container, read
//! what the host knows, plan, then join it (exec) or read its /proc and cgroup (top, stats).

use nix::unistd::getuid;

use crate::cli::{ExecArgs, StatsArgs, TopArgs};
use crate::error::{Error, Result};
use crate::host::state::Containers;
use crate::host::{exec as host_exec, relay};
use crate::plan::exec::{self as plan, ExecPlan, ExecRequest};

/// The request of a command line: the one place that reads `ExecArgs`.
pub fn request(args: &ExecArgs) -> ExecRequest {
    ExecRequest {
        command: args.command.clone(),
        env: args.env.clone(),
        interactive: args.interactive,
        tty: args.tty,
        detach: args.detach,
        user: args.user.clone(),
        workdir: args.workdir.clone(),
        privileged: args.privileged,
    }
}

pub fn exec(args: &ExecArgs) -> Result<u8> {
    let req = request(args);
    let containers = Containers::open(getuid().as_raw())?;
    let live = containers.live(&args.container)?;
    let facts = host_exec::facts(&args.env_file, req.tty && !req.detach, &live)?;
    let process = plan::process(
        &live.plan.process,
        &req,
        &facts.host_env,
        &facts.env_files,
        facts.tty_size,
    )
    .map_err(Error::Usage)?;
    let plan = ExecPlan {
        pid: live.pid.as_raw(),
        join: plan::namespaces_to_join(&facts.theirs, &facts.ours),
        process,
        detach: req.detach,
    };
    let seccomp = host_exec::seccomp_program(&live)?;
    let signals = relay::take_signals()?;
    let mut session = host_exec::start(&plan, seccomp)?;
    let pid = session.wait_pid()?;
    let pty = match plan.process.tty {
        true => Some(session.wait_pty()?),
        false => None,
    };
    session.wait_started()?;
    let status = relay::run(&mut session, &signals, pid, pty, plan.process.interactive)?;
    session.reap();
    Ok(status.code())
}

pub fn top(_args: &TopArgs) -> Result<u8> {
    Err(Error::Usage("nook top: not yet".into()))
}

pub fn stats(_args: &StatsArgs) -> Result<u8> {
    Err(Error::Usage("nook stats: not yet".into()))
}
