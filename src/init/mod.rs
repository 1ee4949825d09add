//! `nook __init`: the container side. A fresh, single-threaded process that creates the
//! namespaces and executes the plan it is sent; it decides nothing of its own.

mod exec;
mod fuse;
mod job;
mod overlay;
mod reaper;
mod rootfs;
mod unshare;

use std::os::fd::{AsFd, OwnedFd};
use std::process::ExitCode;

use nix::sched::{CloneFlags, unshare};
use nix::sys::prctl;
use nix::sys::signal::{SigmaskHow, Signal, sigprocmask};
use nix::sys::socket::{AddressFamily, SockFlag, SockType, socket};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, getppid, sethostname};

use crate::plan::RunPlan;
use crate::plan::exit::Status;
use crate::proto::{Channel, FromInit, ToInit};
use crate::proto::{FD_ENV, InitError, PARENT_ENV, Step, forwarded_signals};

/// Entry point of `nook __init`, called by `main` before anything else.
pub fn main() -> ExitCode {
    // Must happen first: if the host dies from here on, the kernel kills us too.
    if prctl::set_pdeathsig(Signal::SIGKILL).is_err() {
        return ExitCode::from(125);
    }
    let parent = std::env::var(PARENT_ENV)
        .ok()
        .and_then(|p| p.parse::<i32>().ok());
    if parent != Some(getppid().as_raw()) {
        // The host died before PDEATHSIG was armed, or we were run by hand.
        eprintln!("Error: nook __init is internal to nook run");
        return ExitCode::from(125);
    }
    let Some(raw) = std::env::var(FD_ENV).ok().and_then(|f| f.parse().ok()) else {
        return ExitCode::from(125);
    };
    let chan = Channel::new(crate::sys::own_fd(raw));
    // Must happen before the container forks: no descriptor the host left open may reach it.
    if crate::sys::cloexec_from(3).is_err() {
        return ExitCode::from(125);
    }
    // Ignore the return: a failure here only means signals stay deliverable, which is safe.
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&forwarded_signals()), None);
    let reply = match chan.expect::<ToInit>() {
        Ok((ToInit::Start { plan, seccomp }, _)) => match run(&chan, &plan, seccomp.as_deref()) {
            Ok(status) => FromInit::Exited(status),
            Err(e) => FromInit::Failed(e),
        },
        Ok((ToInit::Job(j), fd)) => job::run(&chan, &j, fd).unwrap_or_else(FromInit::Failed),
        Ok((ToInit::Unshare { argv, env }, _)) => match unshare::run(&chan, &argv, &env) {
            Ok(status) => FromInit::Exited(status),
            Err(e) => FromInit::Failed(e),
        },
        Ok((other, _)) => FromInit::Failed(InitError::Protocol(format!(
            "expected Start, got {other:?}"
        ))),
        Err(e) => FromInit::Failed(e),
    };
    match chan.send(&reply, None) {
        Ok(()) => {
            // Stay until the host has read the container's cgroup (closing the channel): the
            // scope disappears with its last process.
            let _ = chan.recv::<ToInit>();
            ExitCode::SUCCESS
        }
        Err(_) => ExitCode::from(125),
    }
}

/// The container side's half of the handshake, the mirror of `host::session`: one method
/// per step, anything else from the host is a protocol error.
pub(crate) struct Host<'a>(pub(crate) &'a Channel);

impl Host<'_> {
    /// Create the user namespace and tell the host, which writes its maps.
    pub(crate) fn unshare_user(&self) -> Result<(), InitError> {
        unshare(CloneFlags::CLONE_NEWUSER).map_err(|e| InitError::sys(Step::UnshareUser, e))?;
        self.0.send(&FromInit::Unshared, None)
    }

    /// The uid and gid maps are written.
    pub(crate) fn wait_maps(&self) -> Result<(), InitError> {
        match self.0.expect::<ToInit>()? {
            (ToInit::MapsWritten, _) => Ok(()),
            (other, _) => Err(InitError::Protocol(format!(
                "expected MapsWritten, got {other:?}"
            ))),
        }
    }

    /// Every namespace exists.
    fn ready(&self) -> Result<(), InitError> {
        self.0.send(&FromInit::Ready, None)
    }

    /// The host's go-ahead, with the read end of the network's ready pipe when it rides along.
    fn wait_go(&self) -> Result<Option<OwnedFd>, InitError> {
        match self.0.expect::<ToInit>()? {
            (ToInit::Go, fd) => Ok(fd),
            (other, _) => Err(InitError::Protocol(format!("expected Go, got {other:?}"))),
        }
    }
}

fn run(chan: &Channel, plan: &RunPlan, seccomp: Option<&[u8]>) -> Result<Status, InitError> {
    // The user namespace comes first: it owns every namespace created after it, which is
    // what lets an unprivileged user create them.
    let host = Host(chan);
    host.unshare_user()?;
    // While the host writes the id maps (two setuid helpers, the slowest step of a start),
    // create the other namespaces: the capabilities they need are ours from the moment the
    // user namespace exists, mapped or not.
    let mut flags = CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_NEWUTS | CloneFlags::CLONE_NEWIPC;
    if plan.own_netns {
        flags |= CloneFlags::CLONE_NEWNET;
    }
    unshare(flags).map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
    if plan.own_netns {
        loopback_up()?;
    }
    sethostname(&plan.hostname).map_err(|e| InitError::sys(Step::Hostname, e))?;
    host.wait_maps()?;
    // Must be re-armed after the maps exist: a credential change clears the death signal.
    prctl::set_pdeathsig(Signal::SIGKILL).map_err(|e| InitError::sys(Step::Fork, e))?;
    // Must happen after the maps exist (the overlay creates its work directory as our mapped
    // root) and before Ready, so that a refused mount fails the run before anything starts.
    let fuse = match &plan.overlay {
        Some(spec) => overlay::mount(spec)?,
        None => None,
    };
    // Must happen after the overlay: fuse-overlayfs, a child of ours, must not become PID 1
    // of the container's PID namespace (the first child after this call does).
    unshare(CloneFlags::CLONE_NEWPID).map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
    for (name, value) in &plan.sysctls {
        // After the maps: the sysctl's owner check needs our ids mapped. /proc/sys/net
        // follows the opener's network namespace, so this sets the container's. A kernel
        // without the knob only loses the convenience, so the result is not fatal.
        let _ = std::fs::write(format!("/proc/sys/{}", name.replace('.', "/")), value);
    }
    host.ready()?;
    // Go may carry the read end of a pipe: the host is still starting the network helper,
    // and PID 1 waits for its byte before the command starts.
    let network_ready = host.wait_go()?;
    // Must happen after Go, because the host moves us into the container's cgroup before it
    // sends Go, and a cgroup namespace's root is the cgroup its creator is in.
    unshare(CloneFlags::CLONE_NEWCGROUP).map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;

    let (mine, theirs) =
        Channel::pair().map_err(|e| InitError::sys(Step::Fork, crate::proto::errno_of(&e)))?;
    // Read now: once PID 1 mounts the container's /proc, ours no longer shows us.
    let code = crate::sys::code_ranges();
    // The first child of a process that unshared CLONE_NEWPID is PID 1 of the new namespace.
    match crate::sys::fork().map_err(|e| InitError::sys(Step::Fork, e))? {
        ForkResult::Child => {
            drop(mine);
            exec::container_main(plan, seccomp, theirs, network_ready)
        }
        ForkResult::Parent { child } => {
            drop(theirs);
            drop(network_ready);
            chan.send(&FromInit::Pid(child.as_raw()), None)?;
            relay_start(chan, &mine, child)?;
            // From here on it only waits: the code that set the container up can go.
            crate::sys::release_code_pages(&code);
            let status = wait(child);
            // The container is over: its file system server goes too (it would anyway, with
            // us, by its parent-death signal; reaped here, it leaves no zombie).
            if let Some(mut f) = fuse {
                let _ = f.kill();
                let _ = f.wait();
            }
            status
        }
    }
}

/// Pass on what PID 1 reports until it executes the command (its end of the socket closes).
fn relay_start(chan: &Channel, from_child: &Channel, child: Pid) -> Result<(), InitError> {
    loop {
        match from_child.recv::<FromInit>() {
            Ok(None) => return chan.send(&FromInit::Started, None),
            Ok(Some((FromInit::Pty, Some(fd)))) => chan.send(&FromInit::Pty, Some(&fd))?,
            Ok(Some((FromInit::Failed(e), _))) => {
                let _ = waitpid(child, None);
                return Err(e);
            }
            Ok(Some((other, _))) => {
                return Err(InitError::Protocol(format!(
                    "unexpected {other:?} from PID 1"
                )));
            }
            Err(e) => return Err(e),
        }
    }
}

pub(super) fn wait(child: Pid) -> Result<Status, InitError> {
    loop {
        match waitpid(child, None) {
            Ok(WaitStatus::Exited(_, code)) => return Ok(Status::Exited(code)),
            Ok(WaitStatus::Signaled(_, sig, _)) => return Ok(Status::Signaled(sig as i32)),
            Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(InitError::sys(Step::Wait, e)),
        }
    }
}

fn loopback_up() -> Result<(), InitError> {
    let sock: OwnedFd = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| InitError::sys(Step::Loopback, e))?;
    crate::sys::loopback_up(sock.as_fd()).map_err(|e| InitError::sys(Step::Loopback, e))
}
