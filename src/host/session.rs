//! The host's side of the handshake with one `nook __init` (a re-execution of this binary):
//! spawn it, send its first message, map its user namespace, then one role-named wait per
//! step. Every command that needs a user namespace (run, the store's jobs, unshare) goes
//! through here. The child is killed and reaped if the host side gives up, so nothing is
//! left running.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::process::Command;

use nix::sys::signal::{Signal, kill};
use nix::unistd::{ForkResult, Pid, getpid};

use crate::error::{Error, Result, UsernsSysctls, describe_init};
use crate::host::idmap;
use crate::plan::exit::Status;
use crate::plan::run::IdPlan;
use crate::proto::{
    Channel, FD_ENV, FromInit, InitError, KEEP_FDS_ENV, PARENT_ENV, Step, ToInit, init_exit_code,
};

/// A `nook __init` that has started and not yet been told anything.
pub struct Spawned {
    /// The container side's pid, until it is reaped.
    child: Option<Pid>,
    chan: Channel,
    /// Forked holding its first message already (`with_first`): `start` sends
    /// `ToInit::Preloaded` in its place.
    preloaded: bool,
    /// A pidfd of the holder's spare, whose namespaces the container side joins: ended with
    /// this, or by a monitor once its container has started (`Session::end_spare`).
    spare: Option<OwnedFd>,
}

/// A `nook __init` whose user namespace is mapped: the steps after that are its methods.
pub struct Session {
    inner: Spawned,
}

/// Turn a container-side failure into the user's one line and exit code.
pub fn init_error(e: InitError) -> Error {
    let sysctls = if matches!(
        e,
        InitError::Sys {
            step: Step::UnshareUser,
            ..
        }
    ) {
        crate::host::facts::userns_sysctls()
    } else {
        UsernsSysctls::default()
    };
    let errno = match &e {
        InitError::Sys { errno, .. } => Some(*errno),
        InitError::Job { errno, .. } => *errno,
        _ => None,
    };
    Error::Init {
        code: init_exit_code(&e),
        message: describe_init(&e, &sysctls),
        errno,
    }
}

/// The container side sent something the protocol does not allow at this point.
fn unexpected(want: &str, got: &FromInit) -> Error {
    Error::Internal(format!(
        "internal error: expected {want} from the container side, got {got:?}"
    ))
}

/// In a forked container side: `output`'s streams become its stdout, stderr (and stdin).
fn redirect(output: &(OwnedFd, OwnedFd, Option<OwnedFd>)) -> nix::Result<()> {
    nix::unistd::dup2_stdout(&output.0)?;
    nix::unistd::dup2_stderr(&output.1)?;
    match &output.2 {
        Some(input) => nix::unistd::dup2_stdin(input),
        None => Ok(()),
    }
}

impl Spawned {
    /// Start `nook __init`; it waits for its first message.
    pub fn new() -> Result<Spawned> {
        Spawned::spawn(&[], None, None)
    }

    /// `new`, with variables added to its environment.
    pub fn with_env(env: &[(&str, &std::ffi::OsStr)]) -> Result<Spawned> {
        Spawned::spawn(env, None, None)
    }

    /// `with_output`, with descriptors 3 to 3+N-1 of ours passed on to the command
    /// (`--preserve-fds`): an executed `__init` (a forked one closes what the host holds),
    /// told to keep them.
    pub fn keeping_fds(
        n: u32,
        output: Option<(OwnedFd, OwnedFd, Option<OwnedFd>)>,
    ) -> Result<Spawned> {
        let n = n.to_string();
        Spawned::spawn(&[(KEEP_FDS_ENV, std::ffi::OsStr::new(&n))], output, None)
    }

    /// Start `nook __init` with `output` (stdout, stderr, and stdin when given) as its
    /// standard streams (a monitor's pipes), else ours.
    pub fn with_output(output: Option<(OwnedFd, OwnedFd, Option<OwnedFd>)>) -> Result<Spawned> {
        Spawned::spawn(&[], output, None)
    }

    /// `with_output`, for a session whose first message is `first` (the one `start` is then
    /// given): a forked container side has it in its copy of our memory already, so it
    /// crosses neither as JSON nor through the socket (a run's plan and filter: tens of
    /// kilobytes written, read and parsed back at every start).
    pub fn with_first(
        output: Option<(OwnedFd, OwnedFd, Option<OwnedFd>)>,
        first: &ToInit,
    ) -> Result<Spawned> {
        Spawned::spawn(&[], output, Some(first))
    }

    fn spawn(
        env: &[(&str, &std::ffi::OsStr)],
        output: Option<(OwnedFd, OwnedFd, Option<OwnedFd>)>,
        first: Option<&ToInit>,
    ) -> Result<Spawned> {
        let (host, theirs) =
            Channel::pair().map_err(|e| Error::io("cannot create a socket pair", e))?;
        // A host with one thread forks its container side instead of executing this binary
        // again (about a millisecond less per start: no second load and link of a large
        // binary). The child starts as fresh as an executed one would (`init::forked`).
        // A monitor's container side forked shares its pages (the binary's relocated data,
        // the libraries') instead of holding copies of its own for the container's life.
        if env.is_empty() {
            let _ = std::io::stdout().flush();
            let parent = getpid();
            match crate::sys::fork_if_single_threaded() {
                Ok(Some(ForkResult::Child)) => {
                    drop(host);
                    if let Some(output) = &output
                        && redirect(output).is_err()
                    {
                        std::process::exit(125);
                    }
                    let code = crate::init::forked(theirs.into_fd(), parent, first);
                    // Without exit handlers: they belong to the host this is a copy of, and
                    // running them would only copy the pages they touch (the container's
                    // end waits for this exit).
                    let _ = std::io::stdout().flush();
                    crate::sys::exit_now(i32::from(code));
                }
                Ok(Some(ForkResult::Parent { child })) => {
                    // Our copies of the container's streams close with `output` here.
                    return Ok(Spawned {
                        child: Some(child),
                        chan: host,
                        preloaded: first.is_some(),
                        spare: None,
                    });
                }
                // More than one thread, or /proc unreadable: execute a fresh process.
                Ok(None) | Err(_) => {}
            }
        }
        // The duplicate has no close-on-exec flag, so it is the one descriptor that crosses.
        let inherited = nix::unistd::dup(theirs.as_fd())
            .map_err(|e| Error::io("cannot duplicate a descriptor", e.into()))?;
        let mut cmd = Command::new("/proc/self/exe");
        cmd.arg("__init")
            .env(FD_ENV, inherited.as_raw_fd().to_string())
            .env(PARENT_ENV, getpid().as_raw().to_string())
            .envs(env.iter().copied());
        if let Some((out, err, input)) = output {
            cmd.stdout(out).stderr(err);
            if let Some(input) = input {
                cmd.stdin(input);
            }
        }
        let child = cmd
            .spawn()
            .map_err(|e| Error::io("cannot start nook's container side (/proc/self/exe)", e))?;
        Ok(Spawned {
            child: Some(Pid::from_raw(child.id() as i32)),
            chan: host,
            preloaded: false,
            spare: None,
        })
    }

    pub fn pid(&self) -> Pid {
        self.child.unwrap_or(Pid::from_raw(0))
    }

    fn send(&self, msg: &ToInit, fd: Option<&OwnedFd>) -> Result<()> {
        self.chan.send(msg, fd).map_err(init_error)
    }

    /// Receive a message; a `Failed` from the container side becomes the error.
    fn recv(&mut self) -> Result<(FromInit, Option<OwnedFd>)> {
        match self.chan.expect::<FromInit>() {
            Ok((FromInit::Failed(e), _)) => {
                self.reap();
                Err(init_error(e))
            }
            Ok(msg) => Ok(msg),
            Err(e) => Err(init_error(e)),
        }
    }

    /// Send `first` (`Start`, `Job` or `Unshare`, with `fd` riding along), wait until the
    /// user namespace exists, write its maps as `ids` says and say so: the opening every
    /// role shares.
    /// A session whose maps the user's namespace holder has joins its namespace instead
    /// (`host::userns`): nothing to wait for, no helper to run.
    /// A session forked `with_first` holds `first` already, and is sent `Preloaded` instead.
    pub fn start(mut self, first: &ToInit, ids: &IdPlan, fd: Option<&OwnedFd>) -> Result<Session> {
        let joined = match first {
            ToInit::Hold => None,
            _ => crate::host::userns::join(ids),
        };
        let new_namespaces = match first {
            ToInit::Start { plan, .. } => plan.new_namespaces(),
            _ => 0,
        };
        let first = match self.preloaded {
            true => &ToInit::Preloaded,
            false => first,
        };
        if let Some(held) = &joined {
            self.send(&ToInit::Userns, Some(&held.ns))?;
            if new_namespaces != 0 {
                self.spare = crate::host::userns::claim_spare(held.pid);
                if let Some(spare) = &self.spare {
                    self.send(&ToInit::Spare, Some(spare))?;
                }
            }
            self.send(first, fd)?;
            return Ok(Session { inner: self });
        }
        self.send(first, fd)?;
        match self.recv()? {
            (FromInit::Unshared, _) => {}
            (other, _) => return Err(unexpected("Unshared", &other)),
        }
        idmap::write_maps(self.pid(), ids)?;
        self.send(&ToInit::MapsWritten, None)?;
        Ok(Session { inner: self })
    }

    /// Send `first` to a role that makes no user namespace of its own (`Exec`, which joins
    /// a container's): the session's steps follow at once.
    pub fn begin(self, first: &ToInit) -> Result<Session> {
        self.send(first, None)?;
        Ok(Session { inner: self })
    }

    /// Let the container side exit: it waits for the channel to close after its last message.
    fn let_go(&self) {
        let _ = nix::sys::socket::shutdown(
            self.chan.as_fd().as_raw_fd(),
            nix::sys::socket::Shutdown::Both,
        );
    }

    /// End the holder's spare, if this session claimed one: the container side has joined
    /// its namespaces (or never will), and the holder makes the next when it ends.
    fn end_spare(&mut self) {
        if let Some(spare) = self.spare.take() {
            let _ = crate::sys::pidfd_send_signal(spare.as_fd(), libc::SIGKILL);
        }
    }

    /// Wait for the container side to exit (it does right after its last message).
    fn reap(&mut self) {
        self.let_go();
        if let Some(child) = self.child.take() {
            wait(child);
        }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        self.end_spare();
        if let Some(child) = self.child.take() {
            // The container's PID 1 dies with it (its parent-death signal).
            let _ = kill(child, Signal::SIGKILL);
            wait(child);
        }
    }
}

/// Reap `child`, however long that takes (a signal interrupting the wait is no reason to
/// leave a zombie).
fn wait(child: Pid) {
    while let Err(nix::errno::Errno::EINTR) = nix::sys::wait::waitpid(child, None) {}
}

impl Session {
    /// Spawn `nook __init` and map it: for the roles with nothing to overlap.
    pub fn open(first: &ToInit, ids: &IdPlan, fd: Option<&OwnedFd>) -> Result<Session> {
        Spawned::new()?.start(first, ids, fd)
    }

    /// `nook __init` itself, as a pid of the host's namespace.
    pub fn pid(&self) -> Pid {
        self.inner.pid()
    }

    /// The channel, for the relay to poll.
    pub fn channel_fd(&self) -> BorrowedFd<'_> {
        self.inner.chan.as_fd()
    }

    /// Send a message of a later step (a store job's `Commit`).
    pub fn send(&self, msg: &ToInit) -> Result<()> {
        self.inner.send(msg, None)
    }

    fn expect(&mut self, want: &str, ok: impl Fn(&FromInit) -> bool) -> Result<Option<OwnedFd>> {
        let (msg, fd) = self.inner.recv()?;
        match ok(&msg) {
            true => Ok(fd),
            false => Err(unexpected(want, &msg)),
        }
    }

    /// The host holds what the container needs (`ToInit::Prepared`).
    pub fn prepared(&self) -> Result<()> {
        self.inner.send(&ToInit::Prepared, None)
    }

    /// Every namespace of the container exists.
    pub fn wait_ready(&mut self) -> Result<()> {
        self.expect("Ready", |m| matches!(m, FromInit::Ready))
            .map(drop)
    }

    /// Let the container start; `ready`, when given, is the read end of the pipe PID 1 waits
    /// on before the command starts.
    pub fn go(&self, ready: Option<&OwnedFd>) -> Result<()> {
        self.inner.send(&ToInit::Go, ready)
    }

    /// The container's (or `unshare`'s command's) PID 1.
    pub fn wait_pid(&mut self) -> Result<Pid> {
        match self.inner.recv()? {
            (FromInit::Pid(pid), _) => Ok(Pid::from_raw(pid)),
            (other, _) => Err(unexpected("Pid", &other)),
        }
    }

    /// The controlling side of the container's terminal.
    pub fn wait_pty(&mut self) -> Result<OwnedFd> {
        match self.inner.recv()? {
            (FromInit::Pty, Some(fd)) => Ok(fd),
            (other, _) => Err(unexpected("Pty", &other)),
        }
    }

    /// The command was executed.
    pub fn wait_started(&mut self) -> Result<()> {
        self.expect("Started", |m| matches!(m, FromInit::Started))
            .map(drop)
    }

    /// End the holder's spare whose namespaces the container joined, if the session
    /// claimed one: the holder then makes the next. A session does when it is dropped, after
    /// the container ended and was removed (making the next, on the other core, would slow
    /// both); one that lives on with its container ends it once the container started. The
    /// holder itself ends a spare that stays claimed for two of its looks (5 to 10 s).
    pub fn end_spare(&mut self) {
        self.inner.end_spare();
    }

    /// How PID 1 ended (read when the channel is readable).
    pub fn wait_exit(&mut self) -> Result<Status> {
        match self.inner.recv()? {
            (FromInit::Exited(status), _) => Ok(status),
            (other, _) => Err(unexpected("Exited", &other)),
        }
    }

    /// A store job's answer (`JobDone` or `Probed`); the session ends with it.
    pub fn wait_answer(mut self) -> Result<FromInit> {
        let answer = self.inner.recv().map(|(answer, _)| answer);
        self.inner.reap();
        answer
    }

    /// Let the container side exit and wait for it.
    pub fn reap(&mut self) {
        self.inner.reap();
    }

    /// Let the container side exit, to be waited for later (`reap`): its exit (the
    /// container's mounts and namespaces torn down) overlaps what the host does meanwhile.
    pub fn let_go(&self) {
        self.inner.let_go();
    }
}

/// `--oom-score-adj`: set on this process before it starts the container side, which
/// inherits it (a process in the user namespace may not write its own).
pub fn set_oom_score_adj(n: i32) -> Result<()> {
    std::fs::write("/proc/self/oom_score_adj", n.to_string()).map_err(|e| {
        Error::host(
            format!(
                "--oom-score-adj {n}: cannot write /proc/self/oom_score_adj: {e}: use a value at least your own (cat /proc/self/oom_score_adj)"
            ),
            &e,
        )
    })
}
