//! The user's namespace holder on the container side (`ToInit::Hold`, see `host::userns`):
//! make and map a user namespace as a container's, then fork a child that lives on in it,
//! detached, until the host's record of it is gone, names another holder, or has not been
//! touched by a session for the idle time. Sessions with the same maps join its namespace
//! instead of running the setuid helpers.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::unistd::{ForkResult, Pid, getpid, setsid};

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

/// The holder's life: its own session (no terminal's signals reach it), nothing open, and
/// a look at its record every few seconds.
fn live(record: &std::path::Path, idle: Duration) -> ! {
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
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
    for sig in [Signal::SIGINT, Signal::SIGHUP, Signal::SIGQUIT] {
        let _ = crate::sys::ignore(sig as libc::c_int);
    }
    // It only sleeps from here on: the code and heap of the start that made it can go, and
    // what each look at the record faults back in (the kernel maps a page's neighbours too)
    // goes again before the next sleep.
    crate::sys::trim_heap();
    let code = crate::sys::code_and_data_ranges();
    let me = getpid().as_raw().to_string();
    loop {
        crate::sys::release_code_pages(&code);
        std::thread::sleep(TICK);
        let mine = std::fs::read_to_string(record).is_ok_and(|s| s.trim() == me);
        let fresh = std::fs::metadata(record)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age < idle);
        if !mine || !fresh {
            std::process::exit(0);
        }
    }
}
