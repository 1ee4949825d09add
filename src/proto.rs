//! The handshake between the host side and `nook __init`: one message enum each way,
//! length-prefixed JSON on a Unix stream socket, file descriptors riding along as SCM_RIGHTS.
//! Receiving a message the protocol did not expect at that point is an error.

use std::io::{IoSlice, IoSliceMut, Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::UnixStream;

use nix::sys::socket::{ControlMessage, ControlMessageOwned, MsgFlags, recvmsg, sendmsg};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::plan::RunPlan;
use crate::plan::exit::{self, Status};
use crate::store::job::Job;

/// Environment variable naming the inherited socket descriptor of `nook __init`.
pub const FD_ENV: &str = "_NOOK_INIT_FD";
/// Environment variable naming the pid of the host side, to detect an early parent death.
pub const PARENT_ENV: &str = "_NOOK_PARENT_PID";
/// Environment variable: descriptors 3 to 3+N-1 go on to the command (`--preserve-fds`).
pub const KEEP_FDS_ENV: &str = "_NOOK_INIT_KEEP_FDS";

/// The signals the host forwards; the container side blocks them until exec, so a terminal's
/// Ctrl-C reaches the container through the host and never kills the plumbing in between.
pub fn forwarded_signals() -> nix::sys::signal::SigSet {
    use nix::sys::signal::{SigSet, Signal};
    let mut set = SigSet::empty();
    for s in [
        Signal::SIGINT,
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGWINCH,
    ] {
        set.add(s);
    }
    set
}

/// The container-side step that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    UnshareUser,
    UnshareNamespaces,
    Loopback,
    Hostname,
    Fork,
    MakePrivate,
    BindRootfs,
    OpenRootfs,
    Mkdir,
    Mount,
    Overlay,
    Bind,
    Symlink,
    Mask,
    ReadOnly,
    PivotRoot,
    Pty,
    Chdir,
    Chown,
    SetGroups,
    SetGid,
    SetUid,
    Capabilities,
    NoNewPrivs,
    Seccomp,
    Exec,
    Wait,
    /// `nook exec` joining a running container's namespaces.
    Join,
}

impl Step {
    pub fn describe(self) -> &'static str {
        match self {
            Step::UnshareUser => "creating the user namespace",
            Step::UnshareNamespaces => "creating the container's namespaces",
            Step::Loopback => "bringing up the loopback interface",
            Step::Hostname => "setting the host name",
            Step::Fork => "starting the container's first process",
            Step::MakePrivate => "making the mount namespace private",
            Step::BindRootfs => "binding the root file system",
            Step::OpenRootfs => "opening the root file system",
            Step::Mkdir => "creating a directory in the root file system",
            Step::Mount => "mounting",
            Step::Overlay => "mounting the image layers (kernel overlay)",
            Step::Bind => "bind-mounting",
            Step::Symlink => "creating a symbolic link",
            Step::Mask => "masking",
            Step::ReadOnly => "making read-only",
            Step::PivotRoot => "switching to the new root (pivot_root)",
            Step::Pty => "allocating a terminal",
            Step::Chdir => "changing to the working directory",
            Step::Chown => "giving a :U mount's files to the container's user",
            Step::SetGroups => "setting supplementary groups",
            Step::SetGid => "setting the group id",
            Step::SetUid => "setting the user id",
            Step::Capabilities => "dropping capabilities",
            Step::NoNewPrivs => "setting no_new_privs",
            Step::Seccomp => "loading the seccomp filter",
            Step::Exec => "executing the command",
            Step::Wait => "waiting for the container",
            Step::Join => "joining the container's namespaces",
        }
    }
}

/// A failure on the container side, carried to the host as a value (never as a string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InitError {
    /// A system call refused: which step, its errno, and the path it concerned.
    Sys {
        step: Step,
        errno: i32,
        path: Option<String>,
    },
    /// `-u` named a user or group the container does not have.
    User(String),
    /// A store job (unpack, apply, remove) failed: the one line for the user, and the errno
    /// when the system gave one (a full disk is told by ENOSPC, never by the text).
    Job { message: String, errno: Option<i32> },
    /// The command is not in the container's `PATH`.
    NotFound(String),
    /// `execve` failed.
    CannotExec { command: String, errno: i32 },
    /// The `--workdir` the root lacks (and may not be created), and the container's ID.
    NoWorkdir { path: String, id: String },
    /// The other side broke the protocol (a bug, or a dead process).
    Protocol(String),
}

impl InitError {
    pub fn sys(step: Step, errno: nix::errno::Errno) -> Self {
        InitError::Sys {
            step,
            errno: errno as i32,
            path: None,
        }
    }

    /// A store job's failure about an I/O error, keeping its errno if it has one.
    pub fn job_io(message: String, e: &std::io::Error) -> Self {
        InitError::Job {
            message,
            errno: e.raw_os_error(),
        }
    }

    pub fn sys_at(step: Step, errno: nix::errno::Errno, path: &str) -> Self {
        InitError::Sys {
            step,
            errno: errno as i32,
            path: Some(path.to_string()),
        }
    }
}

/// The exit code for a container-side failure.
pub fn init_exit_code(err: &InitError) -> u8 {
    match err {
        InitError::NotFound(_) => exit::NOT_FOUND,
        InitError::CannotExec { errno, .. } => exit::exec_failure_code(*errno),
        InitError::NoWorkdir { .. } => exit::NOT_EXECUTABLE,
        _ => exit::NOOK_ERROR,
    }
}

/// The errno of an I/O error (EIO when it carries none).
pub fn errno_of(e: &std::io::Error) -> nix::errno::Errno {
    nix::errno::Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO))
}

/// Host -> container side.
#[derive(Debug, Serialize, Deserialize)]
pub enum ToInit {
    /// The whole plan; the container side decides nothing of its own.
    Start {
        plan: Box<RunPlan>,
        /// The compiled seccomp filter (BPF), loaded just before the command runs.
        #[serde(with = "crate::plan::seccomp::hex_program")]
        seccomp: Option<Vec<u8>>,
    },
    /// The uid and gid maps of the new user namespace are in place.
    MapsWritten,
    /// Before the first message: join the user namespace whose descriptor rides along (the
    /// user's holder's, mapped as this session's plan says: `host::userns`) instead of
    /// making one and waiting for its maps.
    Userns,
    /// After `Userns`, before the first message: a pidfd of the holder's spare rides along,
    /// a process of the joined namespace's holder sitting in new network (loopback up), UTS
    /// and IPC namespaces made ahead of time. The run joins those of them its plan makes
    /// new (`RunPlan::new_namespaces`) instead of making them; the host ends the spare once
    /// the run is ready, and the holder makes the next.
    Spare,
    /// Instead of `Start`: become the user's namespace holder: make and map a user
    /// namespace like a container's, then live on in it, detached, so that later sessions
    /// join it instead of running the setuid helpers (`host::userns`).
    Hold,
    /// The host holds what the container needs of it (its record, its root's directories,
    /// taken while the container side made its namespaces): go on to its root.
    Prepared,
    /// Host-side setup against the namespaces is done: start the container. When the read
    /// end of a pipe rides along, the network helper is still starting: PID 1 prepares the
    /// root meanwhile and waits for one byte on it before the command starts.
    Go,
    /// Instead of `Start`: do one store job inside a user namespace with the user's maps
    /// (files owned by subordinate ids can only be made and removed from there).
    Job(Job),
    /// Ends a `Job::Stream` once the blob's download is over: true when its size and digest
    /// checked out, so the unpacked layer may become the layer; false removes it.
    Commit(bool),
    /// Instead of `Start`: `nook unshare`, run `argv` (with `env` added) as root of a user
    /// namespace mapped like a container's, in a mount namespace of its own.
    Unshare {
        argv: Vec<String>,
        env: Vec<(String, String)>,
    },
    /// Instead of `Start`: `nook exec`, join a running container's namespaces and run a
    /// process there as the plan says (the container's filter rides along, compiled).
    Exec {
        plan: Box<crate::plan::exec::ExecPlan>,
        #[serde(with = "crate::plan::seccomp::hex_program")]
        seccomp: Option<Vec<u8>>,
    },
    /// Instead of the first message: the one the host held when it forked this container
    /// side, which holds it too (`Spawned::with_first`).
    Preloaded,
    /// Instead of `Start`: `nook cp`, copy between the host and a container (joined when
    /// it runs, else its root on disk in a user namespace mapped as its own); answered with
    /// `JobDone`.
    Cp(Box<crate::plan::cp::CpPlan>),
}

/// Container side -> host.
#[derive(Debug, Serialize, Deserialize)]
pub enum FromInit {
    /// The user namespace exists: write its maps.
    Unshared,
    /// A `Hold` is done: the holder's pid (it lives on; the process that answers exits).
    Held(i32),
    /// Every other namespace exists (network, cgroup setup may attach to it now).
    Ready,
    /// The container's PID 1, as a pid of the host's namespace.
    Pid(i32),
    /// The terminal's controlling side (the descriptor rides along).
    Pty,
    /// The command was executed.
    Started,
    /// The container's PID 1 ended.
    Exited(Status),
    /// Setup failed.
    Failed(InitError),
    /// A `Job` is done: warnings for the user, bytes of file content written.
    JobDone { warnings: Vec<String>, size: u64 },
    /// A `ProbeOverlay` job is done: whether the kernel overlay worked.
    Probed(crate::plan::overlay::Probed),
    /// A `WriteLayer` job is done: the layer's digests and sizes.
    LayerWritten(crate::store::layer_writer::Written),
}

/// Largest message accepted (a plan with a very large environment still fits).
const MAX_MESSAGE: usize = 16 << 20;

/// One end of the socket pair.
pub struct Channel {
    sock: UnixStream,
}

impl Channel {
    pub fn new(fd: OwnedFd) -> Self {
        Channel {
            sock: UnixStream::from(fd),
        }
    }

    pub fn pair() -> std::io::Result<(Channel, Channel)> {
        let (a, b) = UnixStream::pair()?;
        Ok((Channel { sock: a }, Channel { sock: b }))
    }

    pub fn into_fd(self) -> OwnedFd {
        OwnedFd::from(self.sock)
    }

    pub fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        self.sock.as_fd()
    }

    /// Send `msg`, with `fd` attached when given.
    pub fn send<T: Serialize>(&self, msg: &T, fd: Option<&OwnedFd>) -> Result<(), InitError> {
        let body = serde_json::to_vec(msg).map_err(|e| InitError::Protocol(e.to_string()))?;
        let header = (body.len() as u32).to_le_bytes();
        let iov = [IoSlice::new(&header), IoSlice::new(&body)];
        let raw = fd.map(|f| [f.as_raw_fd()]);
        let cmsg: Vec<ControlMessage> = raw.iter().map(|r| ControlMessage::ScmRights(r)).collect();
        let sent = sendmsg::<()>(self.sock.as_raw_fd(), &iov, &cmsg, MsgFlags::empty(), None)
            .map_err(|e| InitError::Protocol(format!("send: {e}")))?;
        let total = header.len() + body.len();
        if sent < total {
            // The descriptor went with the first bytes; the rest is plain data.
            let rest = [header.as_slice(), body.as_slice()].concat();
            (&self.sock)
                .write_all(&rest[sent..])
                .map_err(|e| InitError::Protocol(format!("send: {e}")))?;
        }
        Ok(())
    }

    /// Receive one message and the descriptor that came with it. `Ok(None)` at end of stream.
    pub fn recv<T: DeserializeOwned>(&self) -> Result<Option<(T, Option<OwnedFd>)>, InitError> {
        let mut header = [0u8; 4];
        let mut cmsg_space = nix::cmsg_space!([std::os::fd::RawFd; 1]);
        let (got, fd) = {
            let mut iov = [IoSliceMut::new(&mut header)];
            let msg = loop {
                match recvmsg::<()>(
                    self.sock.as_raw_fd(),
                    &mut iov,
                    Some(&mut cmsg_space),
                    MsgFlags::MSG_CMSG_CLOEXEC,
                ) {
                    Err(nix::errno::Errno::EINTR) => continue,
                    other => break other,
                }
            }
            .map_err(|e| InitError::Protocol(format!("receive: {e}")))?;
            let mut fd = None;
            for c in msg
                .cmsgs()
                .map_err(|e| InitError::Protocol(e.to_string()))?
            {
                if let ControlMessageOwned::ScmRights(fds) = c {
                    for raw in fds {
                        // Each received descriptor is new and ours alone.
                        let owned = crate::sys::own_fd(raw);
                        if fd.is_none() {
                            fd = Some(owned);
                        }
                    }
                }
            }
            (msg.bytes, fd)
        };
        if got == 0 {
            return Ok(None);
        }
        if got < header.len() {
            (&self.sock)
                .read_exact(&mut header[got..])
                .map_err(|e| InitError::Protocol(format!("receive: {e}")))?;
        }
        let len = u32::from_le_bytes(header) as usize;
        if len > MAX_MESSAGE {
            return Err(InitError::Protocol(format!("message of {len} bytes")));
        }
        let mut body = vec![0u8; len];
        (&self.sock)
            .read_exact(&mut body)
            .map_err(|e| InitError::Protocol(format!("receive: {e}")))?;
        let msg = serde_json::from_slice(&body).map_err(|e| InitError::Protocol(e.to_string()))?;
        Ok(Some((msg, fd)))
    }

    /// Receive a message, treating end of stream as an error.
    pub fn expect<T: DeserializeOwned>(&self) -> Result<(T, Option<OwnedFd>), InitError> {
        self.recv()?
            .ok_or_else(|| InitError::Protocol("the other side closed the channel".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_failures_have_their_codes() {
        assert_eq!(init_exit_code(&InitError::NotFound("x".into())), 127);
        assert_eq!(
            init_exit_code(&InitError::CannotExec {
                command: "/x".into(),
                errno: libc::EACCES
            }),
            126
        );
        assert_eq!(init_exit_code(&InitError::User("u".into())), 125);
        let job = InitError::Job {
            message: "j".into(),
            errno: Some(libc::ENOSPC),
        };
        assert_eq!(init_exit_code(&job), 125);
    }
    use std::io::Seek;

    #[test]
    fn round_trip_with_and_without_fd() {
        let (a, b) = Channel::pair().unwrap();
        a.send(&FromInit::Pid(42), None).unwrap();
        let file = tempfile::tempfile().unwrap();
        a.send(&FromInit::Pty, Some(&OwnedFd::from(file))).unwrap();
        a.send(&FromInit::Exited(Status::Signaled(9)), None)
            .unwrap();
        drop(a);
        let (m, fd) = b.expect::<FromInit>().unwrap();
        assert!(matches!(m, FromInit::Pid(42)) && fd.is_none());
        let (m, fd) = b.expect::<FromInit>().unwrap();
        assert!(matches!(m, FromInit::Pty));
        let mut f = std::fs::File::from(fd.expect("fd passed"));
        assert_eq!(f.stream_position().unwrap(), 0);
        let (m, _) = b.expect::<FromInit>().unwrap();
        assert!(matches!(m, FromInit::Exited(Status::Signaled(9))));
        assert!(b.recv::<FromInit>().unwrap().is_none());
        assert!(b.expect::<FromInit>().is_err());
    }

    #[test]
    fn large_messages_cross() {
        let (a, b) = Channel::pair().unwrap();
        let big = InitError::User("x".repeat(1 << 20));
        let sender = std::thread::spawn(move || a.send(&FromInit::Failed(big), None));
        let (m, _) = b.expect::<FromInit>().unwrap();
        sender.join().unwrap().unwrap();
        assert!(matches!(m, FromInit::Failed(InitError::User(s)) if s.len() == 1 << 20));
    }
}
