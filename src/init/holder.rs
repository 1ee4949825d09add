//! The user's namespace holder on the container side (`ToInit::Hold`, see `host::userns`):
//! make and map a user namespace as a container's, then fork a child that lives on in it,
//! detached, until the host's record of it is gone, names another holder, or has not been
//! touched by a session for the idle time. Sessions with the same maps join its namespace
//! instead of running the setuid helpers.
//!
//! The holder also keeps a spare: a child sitting in new network (loopback up), UTS and IPC
//! namespaces, made ahead of time and recorded in `RUNTIME_DIR/userns.spare` (`PID START`).
//! A run claims it (renames the record away), joins those of them it makes new, and ends it
//! when it is done (`host::userns::claim_spare`, `ToInit::Spare`); the holder, woken by
//! SIGCHLD, makes the next. Making a network namespace is the costliest step of a start
//! after the id maps (about 0.3 ms here), and this way it is made between runs. Every run
//! still gets namespaces no other container had. A spare that stays claimed and not ended
//! for two of the holder's looks (its run died, or lives on) is ended and replaced.

use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sched::{CloneFlags, unshare};
use nix::sys::prctl;
use nix::sys::signal::{SigSet, SigmaskHow, Signal, kill, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, getpid, getppid, setsid};

use crate::plan::proc_stat::ProcStat;
use crate::proto::{InitError, Step};

/// The environment variables the host passes: the holder's record, and its idle time.
pub const RECORD_ENV: &str = "NOOK_USERNS_RECORD";
pub const IDLE_ENV: &str = "NOOK_USERNS_IDLE";

/// How often the holder looks at its record.
const TICK: Duration = Duration::from_secs(5);

/// Make and map the namespace, then leave a holder in it; returns the holder's pid.
pub(crate) fn hold(host: super::Host) -> Result<Pid, InitError> {
    let record = std::env::var_os(RECORD_ENV)
        .map(PathBuf::from)
        .ok_or_else(|| InitError::Protocol(format!("{RECORD_ENV} is not set")))?;
    let idle = std::env::var(IDLE_ENV)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map_or(Duration::from_secs(600), Duration::from_secs);
    host.unshare_user()?;
    host.wait_maps()?;
    match crate::sys::fork().map_err(|e| InitError::sys(Step::Fork, e))? {
        // A child of a fork has no parent-death signal: it outlives this process and the
        // session's host, as it must.
        ForkResult::Child => live(&record, idle),
        ForkResult::Parent { child } => Ok(child),
    }
}

/// The holder's life: its own session (no terminal's signals reach it), nothing open, a
/// spare kept ready, and a look at its record every few seconds.
fn live(record: &Path, idle: Duration) -> ! {
    let _ = setsid();
    // Standard descriptors on /dev/null, nothing else open: the holder keeps no terminal,
    // pipe or socket of its caller's alive.
    if let Ok(null) = std::fs::File::open("/dev/null") {
        let _ = nix::unistd::dup2_stdin(&null);
        let _ = nix::unistd::dup2_stdout(&null);
        let _ = nix::unistd::dup2_stderr(&null);
    }
    let _ = crate::sys::close_range(3, u32::MAX);
    // SIGTERM ends it (`nook system migrate`); the terminal's signals do not reach it.
    // SIGCHLD (its spare ended) is read from a signalfd.
    let mut chld = SigSet::empty();
    chld.add(Signal::SIGCHLD);
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&chld), None);
    for sig in [Signal::SIGINT, Signal::SIGHUP, Signal::SIGQUIT] {
        let _ = crate::sys::ignore(sig as libc::c_int);
    }
    let chld = SignalFd::with_flags(&chld, SfdFlags::SFD_CLOEXEC).ok();
    let spare_record = record.with_extension(SPARE_EXT);
    let me = getpid();
    // It mostly sleeps from here on: the code and heap of the start that made it can go,
    // and what each wake faults back in (the kernel maps a page's neighbours too) goes
    // again before the next sleep. Its spares do the same.
    crate::sys::trim_heap();
    let code = crate::sys::code_and_data_ranges();
    // With no signalfd the holder could not tell when its spare is taken: it keeps none.
    let mut spare = chld
        .as_ref()
        .and_then(|_| make_spare(&spare_record, me, &code));
    let mut unrecorded = 0;
    let mut look = Instant::now() + TICK;
    loop {
        crate::sys::release_code_pages(&code);
        let wait = look.saturating_duration_since(Instant::now());
        match &chld {
            Some(fd) if signalled(fd, wait) => {
                spare = reap(spare, &spare_record, me, &code);
                unrecorded = 0;
                continue;
            }
            Some(_) => {}
            None => std::thread::sleep(wait),
        }
        if Instant::now() < look {
            continue;
        }
        look = Instant::now() + TICK;
        let mine = std::fs::read_to_string(record).is_ok_and(|s| s.trim() == me.to_string());
        let fresh = std::fs::metadata(record)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age < idle);
        if !mine || !fresh {
            std::process::exit(0);
        }
        // A spare that its record has not named for two looks was claimed by a session
        // that died before ending it: end it, and make the next.
        match spare {
            Some(pid) if !recorded(&spare_record, pid) => {
                unrecorded += 1;
                if unrecorded >= 2 {
                    let _ = kill(pid, Signal::SIGKILL);
                }
            }
            _ => unrecorded = 0,
        }
    }
}

/// SIGCHLD arrived within `wait` (and is read).
fn signalled(fd: &SignalFd, wait: Duration) -> bool {
    let ms = u16::try_from(wait.as_millis()).unwrap_or(u16::MAX);
    let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
    match poll(&mut fds, PollTimeout::from(ms)) {
        Ok(n) if n > 0 => {
            let _ = fd.read_signal();
            true
        }
        _ => false,
    }
}

/// Reap the holder's ended children; the spare that is still to be had. A spare killed
/// (claimed and joined) is replaced; one that failed on its own is not: the sessions then
/// make their namespaces themselves, as without a holder.
fn reap(mut spare: Option<Pid>, record: &Path, me: Pid, code: &[(usize, usize)]) -> Option<Pid> {
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Signaled(pid, sig, _)) if Some(pid) == spare => {
                spare = match sig {
                    Signal::SIGKILL => make_spare(record, me, code),
                    _ => None,
                };
            }
            Ok(WaitStatus::Exited(pid, _)) if Some(pid) == spare => spare = None,
            Ok(WaitStatus::StillAlive) | Err(_) => return spare,
            Ok(_) => {}
        }
    }
}

/// The spare's record names `pid`.
fn recorded(record: &Path, pid: Pid) -> bool {
    std::fs::read_to_string(record)
        .ok()
        .and_then(|t| parse_spare(&t))
        .is_some_and(|(p, _)| p == pid.as_raw())
}

/// Fork the next spare: a child of the holder's that makes new network (its loopback up),
/// UTS and IPC namespaces and says so, then sleeps until a session that claimed it has
/// joined them and ends it; it dies with the holder. The holder records it in `record`
/// (`PID START`): the holder is the one process that writes there, so that once it has
/// ended nothing does (`nook system reset` removes the directory after that).
fn make_spare(record: &Path, holder: Pid, code: &[(usize, usize)]) -> Option<Pid> {
    let (ready_r, ready_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ok()?;
    match crate::sys::fork() {
        Ok(ForkResult::Child) => {
            drop(ready_r);
            let code = match be_spare(holder, ready_w, code) {
                Ok(()) => 0,
                Err(_) => 1,
            };
            std::process::exit(code)
        }
        Ok(ForkResult::Parent { child }) => {
            drop(ready_w);
            // One byte once its namespaces are made; the pipe's end if it failed (it exits,
            // and is not made again).
            let mut byte = [0u8; 1];
            if matches!(nix::unistd::read(&ready_r, &mut byte), Ok(1)) {
                let _ = record_spare(record, child);
            }
            Some(child)
        }
        Err(_) => None,
    }
}

fn be_spare(
    holder: Pid,
    ready: std::os::fd::OwnedFd,
    code: &[(usize, usize)],
) -> Result<(), nix::errno::Errno> {
    prctl::set_pdeathsig(Signal::SIGKILL)?;
    // The holder may have ended before the death signal was armed.
    if getppid() != holder {
        return Ok(());
    }
    unshare(CloneFlags::CLONE_NEWNET | CloneFlags::CLONE_NEWUTS | CloneFlags::CLONE_NEWIPC)?;
    super::loopback_up().map_err(|_| nix::errno::Errno::EIO)?;
    nix::unistd::write(&ready, b"1")?;
    drop(ready);
    crate::sys::trim_heap();
    loop {
        crate::sys::release_code_pages(code);
        nix::unistd::pause();
    }
}

/// Write the spare's record: whole, then renamed, so that a session never reads half of it.
fn record_spare(record: &Path, spare: Pid) -> std::io::Result<()> {
    let text = std::fs::read_to_string(format!("/proc/{spare}/stat"))?;
    let start = ProcStat::parse(&text)
        .and_then(|s| s.start_time())
        .ok_or(std::io::ErrorKind::InvalidData)?;
    let tmp = record.with_extension(format!("{SPARE_EXT}.tmp"));
    std::fs::write(&tmp, spare_line(spare.as_raw(), start))
        .and_then(|()| std::fs::rename(&tmp, record))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// The file name extension of the spare's record, beside the holder's.
pub const SPARE_EXT: &str = "spare";

/// The spare's record: its pid and start time (field 22 of its stat), which a session
/// checks against the process before it joins its namespaces.
pub fn spare_line(pid: i32, start: u64) -> String {
    format!("{pid} {start}\n")
}

/// A spare's record read back: (pid, start time).
pub fn parse_spare(text: &str) -> Option<(i32, u64)> {
    let (pid, start) = text.trim().split_once(' ')?;
    let pid = pid.parse().ok().filter(|p| *p > 0)?;
    Some((pid, start.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spare_record_reads_back() {
        assert_eq!(parse_spare(&spare_line(4242, 987654)), Some((4242, 987654)));
        assert_eq!(parse_spare("4242"), None);
        assert_eq!(parse_spare("0 12"), None);
        assert_eq!(parse_spare("x 12"), None);
        assert_eq!(parse_spare(""), None);
    }
}
