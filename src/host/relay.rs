//! While the container runs: forward signals to its PID 1, copy between the caller's
//! terminal and the container's, and wait for the exit status.

use std::io::Write;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigmaskHow, Signal, kill, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::unistd::Pid;

use super::session::Session;
use super::tty;
use crate::error::{Error, Result};
use crate::plan::exit::Status;
use crate::proto::forwarded_signals;

/// Block the forwarded signals and receive them through a descriptor instead. Must happen
/// before the container side starts, so that no signal is lost or acts on nook itself.
pub fn take_signals() -> Result<SignalFd> {
    let set = forwarded_signals();
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&set), None)
        .map_err(|e| Error::io("cannot block signals", e.into()))?;
    SignalFd::with_flags(&set, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
        .map_err(|e| Error::io("cannot create a signalfd", e.into()))
}

fn readable(fd: &PollFd) -> bool {
    fd.revents()
        .is_some_and(|r| r.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR))
}

/// Writes to a borrowed descriptor.
struct FdWriter<'a>(BorrowedFd<'a>);

impl Write for FdWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        nix::unistd::write(self.0, buf).map_err(std::io::Error::from)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Our stdout, and the log of a foreground container with a terminal.
struct Logged<'a, W: Write>(W, Option<&'a mut super::tee::Tee>);

impl<W: Write> Write for Logged<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(buf)?;
        if let Some(t) = self.1.as_mut() {
            t.log_tty(&buf[..n]);
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Copy what is available on `from` to `to`; false at end of input (EIO on a terminal whose
/// other side closed).
fn pump(from: BorrowedFd<'_>, to: &mut impl Write) -> bool {
    let mut buf = [0u8; 16384];
    match nix::unistd::read(from, &mut buf) {
        Ok(0) => false,
        Ok(n) => to.write_all(&buf[..n]).is_ok() && to.flush().is_ok(),
        Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => true,
        Err(_) => false,
    }
}

/// How long a container inside a batch job has, after the step's SIGTERM (scancel, the time
/// limit, srun's kill), before nook kills it: a PID 1 without a handler ignores SIGTERM,
/// and once the job's script is gone nothing else would reach it (podman's stop timeout).
pub const JOB_STOP_GRACE: Duration = Duration::from_secs(10);

/// Inside a batch job: the step's end reaches nook as SIGTERM even when its parent (the job
/// script) dies without sending one.
pub fn end_with_parent() {
    let _ = nix::sys::prctl::set_pdeathsig(Signal::SIGTERM);
}

/// Run until the container's PID 1 ends; returns how it ended. With `stop_grace` (inside a
/// batch job), a SIGTERM, SIGINT or SIGHUP is forwarded and followed by SIGKILL: at once
/// when PID 1 does not catch it (the kernel drops it then), else when PID 1 is still there
/// that long after.
/// How long a foreground container runs before its runner hands back its start-up code.
const SETTLE: Duration = Duration::from_secs(1);

pub fn run(
    session: &mut Session,
    signals: &SignalFd,
    pid1: Pid,
    pty: Option<OwnedFd>,
    interactive: bool,
    stop_grace: Option<Duration>,
) -> Result<Status> {
    run_teed(session, signals, pid1, pty, interactive, stop_grace, None)
}

/// `run`, with the container's output also written to its log through `tee` (a foreground
/// run's: its pipes, or its terminal's stream).
pub fn run_teed(
    session: &mut Session,
    signals: &SignalFd,
    pid1: Pid,
    pty: Option<OwnedFd>,
    interactive: bool,
    stop_grace: Option<Duration>,
    mut tee: Option<super::tee::Tee>,
) -> Result<Status> {
    let mut deadline: Option<Instant> = None;
    // Raw mode only when our keystrokes go to the container: its terminal does the line
    // editing and signal keys then, not ours.
    let _raw = if pty.is_some() && interactive {
        tty::RawMode::enable()
    } else {
        None
    };
    if let Some(p) = &pty {
        tty::copy_winsize(p.as_fd());
    }
    let mut pty_open = pty.is_some();
    let mut stdin_open = pty.is_some() && interactive;
    let stdin = std::io::stdin();
    // A container that is still running a second after it started is a long one: the code
    // that started it is handed back then (`sys::release_code_pages`), so a foreground run
    // that waits for hours costs the pages of this loop, not those of its start.
    let mut settle = Some(Instant::now() + SETTLE);
    loop {
        let mut fds = vec![
            PollFd::new(signals.as_fd(), PollFlags::POLLIN),
            PollFd::new(session.channel_fd(), PollFlags::POLLIN),
        ];
        if let (Some(p), true) = (&pty, pty_open) {
            fds.push(PollFd::new(p.as_fd(), PollFlags::POLLIN));
        }
        let stdin_slot = fds.len();
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        let tee_slot = fds.len();
        let pipes: Vec<usize> = match &tee {
            Some(t) => t
                .fds()
                .into_iter()
                .map(|(i, fd)| {
                    fds.push(PollFd::new(fd, PollFlags::POLLIN));
                    i
                })
                .collect(),
            None => Vec::new(),
        };
        let timeout = match deadline.into_iter().chain(settle).min() {
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now()).as_millis();
                PollTimeout::try_from(left.min(60_000) as i32).unwrap_or(PollTimeout::ZERO)
            }
            None => PollTimeout::NONE,
        };
        match poll(&mut fds, timeout) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(Error::io("poll failed", e.into())),
        }
        let (sig_ready, chan_ready) = (readable(&fds[0]), readable(&fds[1]));
        let pty_ready = pty_open && readable(&fds[2]);
        let stdin_ready = stdin_open && readable(&fds[stdin_slot]);
        let piped: Vec<usize> = pipes
            .iter()
            .zip(&fds[tee_slot..])
            .filter(|(_, f)| readable(f))
            .map(|(i, _)| *i)
            .collect();
        drop(fds);
        if let Some(t) = tee.as_mut() {
            for i in piped {
                t.copy(i, false);
            }
        }
        if settle.is_some_and(|d| Instant::now() >= d) {
            settle = None;
            crate::sys::trim_heap();
            crate::sys::release_code_pages(&crate::sys::code_and_data_ranges());
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            let _ = kill(pid1, Signal::SIGKILL);
            deadline = None;
        }
        if sig_ready {
            while let Ok(Some(info)) = signals.read_signal() {
                match Signal::try_from(info.ssi_signo as i32) {
                    Ok(Signal::SIGWINCH) => {
                        if let Some(p) = &pty {
                            tty::copy_winsize(p.as_fd());
                        }
                    }
                    Ok(sig) => {
                        let _ = kill(pid1, sig);
                        let ending =
                            matches!(sig, Signal::SIGTERM | Signal::SIGINT | Signal::SIGHUP);
                        if let (true, Some(grace), None) = (ending, stop_grace, deadline) {
                            let status = std::fs::read_to_string(format!("/proc/{pid1}/status"))
                                .unwrap_or_default();
                            match crate::plan::cgroup::catches(&status, sig as i32) {
                                true => deadline = Some(Instant::now() + grace),
                                false => {
                                    let _ = kill(pid1, Signal::SIGKILL);
                                }
                            }
                        }
                    }
                    Err(_) => {}
                }
            }
        }
        if let (true, Some(p)) = (pty_ready, &pty) {
            pty_open = pump(
                p.as_fd(),
                &mut Logged(std::io::stdout().lock(), tee.as_mut()),
            );
        }
        if let (true, Some(p)) = (stdin_ready, &pty) {
            stdin_open = pump(stdin.as_fd(), &mut FdWriter(p.as_fd()));
        }
        if chan_ready {
            let status = session.wait_exit()?;
            if let (Some(p), true) = (&pty, pty_open) {
                drain(p, tee.as_mut());
            }
            if let Some(t) = tee.as_mut() {
                t.drain();
            }
            // The caller reaps the container side, after reading its cgroup.
            return Ok(status);
        }
    }
}

/// Copy what the container wrote to its terminal before it ended.
fn drain(pty: &OwnedFd, tee: Option<&mut super::tee::Tee>) {
    let _ = nix::fcntl::fcntl(
        pty,
        nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
    );
    let mut out = Logged(std::io::stdout().lock(), tee);
    let mut buf = [0u8; 16384];
    // Stops at EAGAIN (nothing left) or EIO (no writer left), as well as at end of input.
    while let Ok(n @ 1..) = nix::unistd::read(pty.as_fd(), &mut buf) {
        if out.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = out.flush();
}
