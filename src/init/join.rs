//! `nook exec` on the container side: join a running container's namespaces (all at once
//! through a pidfd, the user namespace first), then fork the process into its PID namespace
//! and start it as the container's command was started.

use nix::sched::{CloneFlags, setns};
use nix::unistd::{ForkResult, setsid};

use super::exec::{Launch, exec_command, fail, open_pty, tie_to_parent};
use crate::plan::caps;
use crate::plan::exec::ExecPlan;
use crate::plan::exit::Status;
use crate::proto::{Channel, FromInit, InitError, Step};

pub(super) fn run(
    chan: &Channel,
    plan: &ExecPlan,
    seccomp: Option<&[u8]>,
) -> Result<Status, InitError> {
    // Must happen before anything of the container's is joined: its processes must not
    // ptrace us or open our /proc files while we hold the host's descriptors.
    crate::sys::set_dumpable(false).map_err(|e| InitError::sys(Step::Fork, e))?;
    let pidfd = crate::sys::pidfd_open(plan.pid).map_err(|e| InitError::sys(Step::Join, e))?;
    if plan.join != 0 {
        setns(&pidfd, CloneFlags::from_bits_retain(plan.join))
            .map_err(|e| InitError::sys(Step::Join, e))?;
    }
    drop(pidfd);
    // Must be re-armed: entering the user namespace changed our credentials, which clears it.
    tie_to_parent(chan)?;
    let (mine, theirs) =
        Channel::pair().map_err(|e| InitError::sys(Step::Fork, crate::proto::errno_of(&e)))?;
    // Our children are born in the container's PID namespace (setns on it moved only them).
    match crate::sys::fork().map_err(|e| InitError::sys(Step::Fork, e))? {
        ForkResult::Child => {
            drop(mine);
            let result = start(plan, seccomp, &theirs);
            fail(&theirs, result)
        }
        ForkResult::Parent { child } => {
            drop(theirs);
            chan.send(&FromInit::Pid(child.as_raw()), None)?;
            super::relay_start(chan, &mine, child)?;
            super::wait(child)
        }
    }
}

/// In the container: a session of its own, a terminal of its own with `-t`, the container's
/// bounding set, then the command.
fn start(
    plan: &ExecPlan,
    seccomp: Option<&[u8]>,
    chan: &Channel,
) -> Result<std::convert::Infallible, InitError> {
    tie_to_parent(chan)?;
    setsid().map_err(|e| InitError::sys(Step::Pty, e))?;
    let p = &plan.process;
    let tty = match p.tty {
        true => Some(open_pty(chan, p.tty_size)?),
        false => None,
    };
    // Must happen while we still hold CAP_SETPCAP, that is before the uid changes.
    for cap in caps::missing(p.caps) {
        crate::sys::capbset_drop(cap).map_err(|e| InitError::sys(Step::Capabilities, e))?;
    }
    let launch = Launch::Exec {
        detach: plan.detach,
    };
    // The user's groups of the container's /etc/group; no --group-add (nook exec has none).
    exec_command(p, &Default::default(), seccomp, chan, tty, launch)
}
