//! `--init`: a minimal PID 1 that starts the command, forwards signals to it, reaps every
//! orphan, and exits with the command's status (128+N when signal N killed it). A pod's infra
//! container (`pause`): PID 1 that starts nothing, reaps, and ends on a stop signal.

use std::os::fd::OwnedFd;

use nix::sys::signal::{SigSet, SigmaskHow, Signal, kill, sigprocmask};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, setsid};

use super::exec::{Launch, exec_command, fail};
use crate::plan::RunPlan;
use crate::proto::Channel;
use crate::proto::forwarded_signals;
use crate::proto::{InitError, Step};

pub fn run(plan: &RunPlan, seccomp: Option<&[u8]>, chan: Channel, tty: Option<OwnedFd>) -> ! {
    let mut waited = forwarded_signals();
    waited.add(Signal::SIGCHLD);
    if plan.process.pause {
        pause(&waited, chan, tty)
    }
    // Must happen before the fork: a signal arriving in between would otherwise be lost.
    let forked = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&waited), None)
        .and_then(|_| crate::sys::fork())
        .map_err(|e| InitError::sys(Step::Fork, e));
    match forked {
        Err(e) => fail(&chan, Err(e)),
        Ok(ForkResult::Child) => {
            let result = setsid()
                .map_err(|e| InitError::sys(Step::Pty, e))
                .and_then(|_| {
                    exec_command(
                        &plan.process,
                        &plan.plumbing,
                        seccomp,
                        &chan,
                        tty,
                        Launch::Container { id: &plan.id },
                    )
                });
            fail(&chan, result)
        }
        Ok(ForkResult::Parent { child }) => {
            // Our copies must close so that __init sees the channel end when the command execs.
            drop(tty);
            drop(chan);
            std::process::exit(supervise(child, &waited))
        }
    }
}

/// The infra container's PID 1 (catatonit -P's part): the namespaces stay as long as it
/// lives; SIGTERM, SIGINT, SIGHUP or SIGQUIT end it with status 0.
fn pause(waited: &SigSet, chan: Channel, tty: Option<OwnedFd>) -> ! {
    if let Err(e) = sigprocmask(SigmaskHow::SIG_BLOCK, Some(waited), None) {
        fail(&chan, Err(InitError::sys(Step::Fork, e)))
    }
    // `__init` sees its end of the channel close: started, as at an exec.
    drop(tty);
    drop(chan);
    // Nothing of the host's is kept (an exec would have closed it): then the members, which
    // open /proc/PID/ns/* of this process to join them, may (a non-dumpable process's are
    // root's).
    let _ = crate::sys::close_range(3, u32::MAX);
    let _ = crate::sys::set_dumpable(true);
    loop {
        match waited.wait() {
            Ok(Signal::SIGTERM | Signal::SIGINT | Signal::SIGHUP | Signal::SIGQUIT) => {
                std::process::exit(0)
            }
            Ok(Signal::SIGCHLD) => {
                while let Ok(WaitStatus::Exited(..) | WaitStatus::Signaled(..)) =
                    waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG))
                {}
            }
            _ => {}
        }
    }
}

fn supervise(child: Pid, waited: &SigSet) -> i32 {
    loop {
        let Ok(sig) = waited.wait() else { continue };
        if sig != Signal::SIGCHLD {
            if sig != Signal::SIGWINCH {
                let _ = kill(child, sig);
            }
            continue;
        }
        loop {
            match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(pid, code)) if pid == child => return code,
                Ok(WaitStatus::Signaled(pid, sig, _)) if pid == child => return 128 + sig as i32,
                Ok(WaitStatus::StillAlive) | Err(_) => break,
                Ok(_) => continue,
            }
        }
    }
}
