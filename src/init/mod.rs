//! `nook __init`: the container side. A fresh, single-threaded process that creates the
//! namespaces and executes the plan it is sent; it decides nothing of its own.

mod cp;
mod exec;
mod fuse;
pub mod holder;
mod hooks;
mod job;
mod join;
mod overlay;
mod reaper;
mod rootfs;
mod seccomp;
mod unshare;

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::process::ExitCode;

use nix::sched::{CloneFlags, setns, unshare};
use nix::sys::prctl;
use nix::sys::signal::{SigmaskHow, Signal, sigprocmask};
use nix::sys::socket::{AddressFamily, SockFlag, SockType, socket};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, getppid, sethostname};

use crate::plan::RunPlan;
use crate::plan::exit::Status;
use crate::proto::{Channel, FromInit, ToInit};
use crate::proto::{FD_ENV, InitError, KEEP_FDS_ENV, PARENT_ENV, Step, forwarded_signals};

/// Entry point of `nook __init`, called by `main` before anything else.
pub fn main() -> ExitCode {
    crate::trace::step("init main");
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
    // Must happen before the container forks: no descriptor the host left open may reach it,
    // but those `--preserve-fds` passes on (3 to 3+N-1).
    let keep: u32 = std::env::var(KEEP_FDS_ENV)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if crate::sys::cloexec_from(3 + keep).is_err() {
        return ExitCode::from(125);
    }
    ExitCode::from(serve(chan, None))
}

/// The container side in a child the host forked instead of executing this binary again
/// (`host::session`, when the host has one thread): the same process as `main` makes, with
/// the channel as its one descriptor besides the standard ones; `first`, the first message
/// when the host had it at the fork (it then sends `Preloaded`). Returns the exit status.
pub fn forked(chan: OwnedFd, parent: Pid, first: Option<&ToInit>) -> u8 {
    // Must happen first: if the host dies from here on, the kernel kills us too.
    if prctl::set_pdeathsig(Signal::SIGKILL).is_err() || getppid() != parent {
        return 125;
    }
    // Named apart from the host it is a copy of, in `ps` and `top` (cosmetic: ignored).
    let _ = prctl::set_name(c"nook-init");
    // Must happen before the container forks: what the host holds (its ports, locks,
    // pipes) must not stay open here, nor reach the container.
    let raw = chan.as_raw_fd() as u32;
    if crate::sys::close_range(3, raw - 1).is_err()
        || crate::sys::close_range(raw + 1, u32::MAX).is_err()
    {
        return 125;
    }
    serve(Channel::new(chan), first)
}

/// The container side's work once its channel is set up: the roles, then the last answer.
/// `preloaded` stands for the first message when the host sends `Preloaded`.
fn serve(chan: Channel, preloaded: Option<&ToInit>) -> u8 {
    // Ignore the return: a failure here only means signals stay deliverable, which is safe.
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&forwarded_signals()), None);
    // A `Userns` first means: join the namespace that rides along instead of making one;
    // a `Spare` after it, the holder's spare namespaces.
    let (first, userns, spare) = match chan.expect::<ToInit>() {
        Ok((ToInit::Userns, Some(fd))) => match chan.expect::<ToInit>() {
            Ok((ToInit::Spare, Some(pidfd))) => (chan.expect::<ToInit>(), Some(fd), Some(pidfd)),
            other => (other, Some(fd), None),
        },
        other => (other, None, None),
    };
    let received;
    let first = match first {
        Ok((ToInit::Preloaded, fd)) => preloaded
            .map(|m| (m, fd))
            .ok_or_else(|| InitError::Protocol("Preloaded, with nothing preloaded".into())),
        Ok((m, fd)) => {
            received = m;
            Ok((&received, fd))
        }
        Err(e) => Err(e),
    };
    let host = Host(&chan, userns, spare);
    let reply = match first {
        Ok((ToInit::Start { plan, seccomp }, _)) => match run(host, plan, seccomp.as_deref()) {
            Ok(status) => FromInit::Exited(status),
            Err(e) => FromInit::Failed(e),
        },
        Ok((ToInit::Job(j), fd)) => job::run(host, j, fd).unwrap_or_else(FromInit::Failed),
        Ok((ToInit::Unshare { argv, env }, _)) => match unshare::run(host, argv, env) {
            Ok(status) => FromInit::Exited(status),
            Err(e) => FromInit::Failed(e),
        },
        Ok((ToInit::Hold, _)) => match holder::hold(host) {
            // Only the process that answers gets here: the holder lives on in a child.
            Ok(pid) => FromInit::Held(pid.as_raw()),
            Err(e) => FromInit::Failed(e),
        },
        Ok((ToInit::Cp(plan), _)) => cp::run(host, plan).unwrap_or_else(FromInit::Failed),
        Ok((ToInit::Exec { plan, seccomp }, _)) => {
            match join::run(&chan, plan, seccomp.as_deref()) {
                Ok(status) => FromInit::Exited(status),
                Err(e) => FromInit::Failed(e),
            }
        }
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
            0
        }
        Err(_) => 125,
    }
}

/// The container side's half of the handshake, the mirror of `host::session`: one method
/// per step, anything else from the host is a protocol error. The second field is the
/// user namespace to join, when the host sent one (`ToInit::Userns`).
pub(crate) struct Host<'a>(
    pub(crate) &'a Channel,
    pub(crate) Option<OwnedFd>,
    /// A pidfd of the holder's spare (`ToInit::Spare`), whose namespaces a run joins.
    pub(crate) Option<OwnedFd>,
);

impl Host<'_> {
    /// Create the user namespace and tell the host, which writes its maps; or join the one
    /// the host sent, already mapped (then the host waits for nothing).
    pub(crate) fn unshare_user(&self) -> Result<(), InitError> {
        if let Some(ns) = &self.1 {
            return nix::sched::setns(ns, CloneFlags::CLONE_NEWUSER)
                .map_err(|e| InitError::sys(Step::UnshareUser, e));
        }
        unshare(CloneFlags::CLONE_NEWUSER).map_err(|e| InitError::sys(Step::UnshareUser, e))?;
        self.0.send(&FromInit::Unshared, None)
    }

    /// Join those of `new` that the spare the host sent holds (all three kinds, made by the
    /// holder in its user namespace, which this process has joined): the ones joined. Empty
    /// when no spare came, or when joining fails (the caller then makes them all).
    fn join_spare(&self, new: CloneFlags) -> CloneFlags {
        let held =
            new & (CloneFlags::CLONE_NEWNET | CloneFlags::CLONE_NEWUTS | CloneFlags::CLONE_NEWIPC);
        match &self.2 {
            Some(pidfd) if !held.is_empty() && setns(pidfd, held).is_ok() => held,
            _ => CloneFlags::empty(),
        }
    }

    /// The uid and gid maps are written (at once, for a joined namespace).
    pub(crate) fn wait_maps(&self) -> Result<(), InitError> {
        if self.1.is_some() {
            return Ok(());
        }
        match self.0.expect::<ToInit>()? {
            (ToInit::MapsWritten, _) => Ok(()),
            (other, _) => Err(InitError::Protocol(format!(
                "expected MapsWritten, got {other:?}"
            ))),
        }
    }

    /// The host holds what the container needs (its record, its root's directories).
    fn wait_prepared(&self) -> Result<(), InitError> {
        match self.0.expect::<ToInit>()? {
            (ToInit::Prepared, _) => Ok(()),
            (other, _) => Err(InitError::Protocol(format!(
                "expected Prepared, got {other:?}"
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

fn run(host: Host, plan: &RunPlan, seccomp: Option<&[u8]>) -> Result<Status, InitError> {
    let chan = host.0;
    // The user namespace comes first: it owns every namespace created after it, which is
    // what lets an unprivileged user create them.
    // --ipc/--pid container:NAME: the other container's namespaces, opened before its user
    // namespace is joined (we are still ourselves, its owner).
    let joined = match plan.plumbing.join {
        Some(j) => Some(open_joined(j)?),
        None => None,
    };
    // --network ns:PATH: opened as ourselves too (the host checked its owner).
    let ns_net = match &plan.network.mode {
        crate::plan::network::Mode::Ns(path) => Some(
            nix::fcntl::open(
                path.as_str(),
                nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_CLOEXEC,
                nix::sys::stat::Mode::empty(),
            )
            .map_err(|e| InitError::sys_at(Step::UnshareNamespaces, e, path))?,
        ),
        _ => None,
    };
    match &joined {
        Some(ns) => {
            setns(&ns.user, CloneFlags::CLONE_NEWUSER)
                .map_err(|e| InitError::sys(Step::UnshareUser, e))?;
            chan.send(&FromInit::Unshared, None)?;
        }
        None => host.unshare_user()?,
    }
    // While the host writes the id maps (two setuid helpers, the slowest step of a start),
    // create the other namespaces: the capabilities they need are ours from the moment the
    // user namespace exists, mapped or not.
    let shared = &plan.plumbing;
    let new = CloneFlags::from_bits_truncate(plan.new_namespaces());
    crate::trace::step("init user namespace");
    // New network, UTS and IPC namespaces the holder made ahead of time (the network's the
    // costliest to make, its loopback up already), when the host claimed a set; else ours.
    let spare = host.join_spare(new);
    unshare((new - spare) | CloneFlags::CLONE_NEWNS)
        .map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
    crate::trace::step("init namespaces");
    let joined_uts = joined.as_ref().and_then(|j| j.uts.as_ref());
    let joined_net = joined
        .as_ref()
        .and_then(|j| j.net.as_ref())
        .or(ns_net.as_ref());
    if let Some(ipc) = joined.as_ref().and_then(|j| j.ipc.as_ref()) {
        setns(ipc, CloneFlags::CLONE_NEWIPC)
            .map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
    }
    match joined_net {
        // --network container:NAME or ns:PATH: that network namespace, as it is.
        Some(net) => setns(net, CloneFlags::CLONE_NEWNET)
            .map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?,
        None if plan.own_netns && !spare.contains(CloneFlags::CLONE_NEWNET) => loopback_up()?,
        None => {}
    }
    match joined_uts {
        // --uts container:NAME (a pod's member): its host name.
        Some(uts) => setns(uts, CloneFlags::CLONE_NEWUTS)
            .map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?,
        None if !shared.share_uts => {
            sethostname(&plan.hostname).map_err(|e| InitError::sys(Step::Hostname, e))?
        }
        None => {}
    }
    host.wait_maps()?;
    crate::trace::step("init mapped");
    // The namespaces above are made while the host takes what the run needs (its record,
    // its root's directories): the overlay below mounts those.
    host.wait_prepared()?;
    // Must be re-armed after the maps exist: a credential change clears the death signal.
    prctl::set_pdeathsig(Signal::SIGKILL).map_err(|e| InitError::sys(Step::Fork, e))?;
    // Must happen after the maps exist (the overlay creates its work directory as our mapped
    // root) and before Ready, so that a refused mount fails the run before anything starts.
    let fuse = match &plan.overlay {
        Some(spec) if plan.plumbing.become_root && spec.fuse.is_none() => {
            overlay::mount_as_root(spec)?
        }
        Some(spec) => overlay::mount(spec)?,
        None => None,
    };
    // Must happen after the overlay: fuse-overlayfs, a child of ours, must not become PID 1
    // of the container's PID namespace (the first child after this call does).
    match joined.as_ref().and_then(|j| j.pid.as_ref()) {
        // The first child after this joins the other container's PID namespace.
        Some(pid_ns) => setns(pid_ns, CloneFlags::CLONE_NEWPID)
            .map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?,
        None if !shared.share_pid => unshare(CloneFlags::CLONE_NEWPID)
            .map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?,
        None => {}
    }
    for (name, value) in &plan.sysctls {
        // After the maps: the sysctl's owner check needs our ids mapped. /proc/sys/net
        // follows the opener's network namespace, so this sets the container's. A kernel
        // without the knob only loses the convenience, so the result is not fatal.
        let _ = std::fs::write(format!("/proc/sys/{}", name.replace('.', "/")), value);
    }
    for (name, value) in &shared.sysctls {
        // The user asked for these: a refusal fails the run.
        std::fs::write(format!("/proc/sys/{}", name.replace('.', "/")), value).map_err(|e| {
            InitError::User(format!(
                "--sysctl {name}={value}: the kernel refused it: {}: check the name and the value",
                crate::proto::errno_of(&e).desc()
            ))
        })?;
    }
    crate::trace::step("init overlay");
    host.ready()?;
    // Go may carry the read end of a pipe: the host is still starting the network helper,
    // and PID 1 waits for its byte before the command starts.
    let network_ready = host.wait_go()?;
    // Must happen after Go, because the host moves us into the container's cgroup before it
    // sends Go, and a cgroup namespace's root is the cgroup its creator is in.
    unshare(CloneFlags::CLONE_NEWCGROUP).map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
    crate::trace::step("init go");

    let (mine, theirs) =
        Channel::pair().map_err(|e| InitError::sys(Step::Fork, crate::proto::errno_of(&e)))?;
    // Read now: once PID 1 mounts the container's /proc, ours no longer shows us.
    let code = crate::sys::own_smaps();
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
            // From here on it only waits: the code that set the container up can go, once
            // the container has run for a second (a short command ends first, and reading
            // our smaps and handing pages back would only add to its start).
            if running_after(child, SETTLE_MS) {
                crate::sys::trim_heap();
                crate::sys::release_code_pages(&crate::sys::ranges_of(code));
            }
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

/// The namespaces of another container to join.
struct JoinedNs {
    user: OwnedFd,
    ipc: Option<OwnedFd>,
    pid: Option<OwnedFd>,
    net: Option<OwnedFd>,
    uts: Option<OwnedFd>,
}

fn open_joined(j: crate::plan::plumbing::Join) -> Result<JoinedNs, InitError> {
    let open = |ns: &str| {
        let path = format!("/proc/{}/ns/{ns}", j.pid);
        nix::fcntl::open(
            path.as_str(),
            nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )
        .map_err(|e| InitError::sys_at(Step::UnshareNamespaces, e, &path))
    };
    Ok(JoinedNs {
        user: open("user")?,
        ipc: j.ipc.then(|| open("ipc")).transpose()?,
        pid: j.pid_ns.then(|| open("pid")).transpose()?,
        net: j.net.then(|| open("net")).transpose()?,
        uts: j.uts.then(|| open("uts")).transpose()?,
    })
}

/// Pass on what PID 1 reports until it executes the command (its end of the socket closes).
pub(super) fn relay_start(
    chan: &Channel,
    from_child: &Channel,
    child: Pid,
) -> Result<(), InitError> {
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

/// How long a container runs before its `__init` hands back the pages of its start.
const SETTLE_MS: u16 = 1000;

/// `child` is still running `ms` milliseconds from now (true when that cannot be known).
fn running_after(child: Pid, ms: u16) -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let Ok(fd) = crate::sys::pidfd_open(child.as_raw()) else {
        return true;
    };
    let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
    loop {
        match poll(&mut fds, PollTimeout::from(ms)) {
            Ok(0) => return true,
            Ok(_) => return false,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return true,
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
