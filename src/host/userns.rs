//! The user's namespace holder: one long-lived process of the user's, holding a user
//! namespace mapped with the user's subordinate ranges, so that a session with the same maps
//! joins it (one setns) instead of making a namespace and running `newuidmap` and
//! `newgidmap` (two setuid programs: the largest single part of a start). podman keeps such
//! a "pause process" too.
//!
//! Its record is `RUNTIME_DIR/userns` (the runtime directory of `host::state`): the holder's
//! pid. A session joins only a namespace whose maps are exactly the ones its plan asks for,
//! read from the holder itself, so a changed `/etc/subuid` gets a new holder, never stale
//! maps. The holder ends by itself once its record is gone or names another holder, or after
//! `NOOK_USERNS_IDLE` seconds (default 600) with no session; `nook system migrate` ends it at
//! once. Finding or starting one happens under `RUNTIME_DIR/userns.lock` (flock), so first
//! sessions started together share one holder. `NOOK_SHARED_USERNS=0` turns it off: every
//! session makes its own namespace.
//!
//! The holder keeps a spare set of new network, UTS and IPC namespaces ready
//! (`init::holder`), which a run joins instead of making them (`claim_spare`).

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{ErrorKind, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use nix::fcntl::{Flock, FlockArg, OFlag, openat};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::stat::Mode;
use nix::unistd::{Pid, getuid};

use crate::host::session::Spawned;
use crate::init::holder::{IDLE_ENV, RECORD_ENV, SPARE_EXT, parse_spare};
use crate::plan::IdPlan;
use crate::plan::idmap::parse_map_file;
use crate::plan::proc_stat::ProcStat;
use crate::proto::{FromInit, ToInit};

/// Set to `0` to make every session create its own user namespace.
pub const SHARED_ENV: &str = "NOOK_SHARED_USERNS";

fn record() -> PathBuf {
    crate::host::state::runtime_dir(getuid().as_raw()).join("userns")
}

fn enabled() -> bool {
    std::env::var_os(SHARED_ENV).is_none_or(|v| v != "0")
}

/// The user namespace a session with `ids` joins: the holder's, started first if there is
/// none with these maps. None when the plan maps directly (no helpers: nothing to save),
/// when turned off, or when no holder can be had (the session then makes its own namespace,
/// and reports whatever goes wrong with it).
pub fn join(ids: &IdPlan) -> Option<Held> {
    if !ids.helpers || !enabled() || own_only() {
        return None;
    }
    let record = record();
    // The runtime directory is nook's private one, made by the commands that use it; with
    // none, there is nowhere safe to keep the record.
    if !record.parent().is_some_and(Path::is_dir) {
        return None;
    }
    if let Some(ns) = find(&record, ids) {
        return Some(ns);
    }
    // None yet: find or start one under `userns.lock`, so that first sessions started at
    // once make one holder between them (the others wait, then join the winner's) instead
    // of each its own namespace. Without the lock, go on alone as before.
    let _lock = File::create(record.with_extension("lock"))
        .ok()
        .and_then(|f| Flock::lock(f, FlockArg::LockExclusive).ok());
    if let Some(ns) = find(&record, ids) {
        return Some(ns);
    }
    start(&record, ids)
}

/// The holder's user namespace, as a session joins it.
pub struct Held {
    pub ns: OwnedFd,
    pub pid: Pid,
}

/// The recorded holder's namespace when its maps are `ids`', marked as in use (its idle
/// time starts again).
fn find(record: &Path, ids: &IdPlan) -> Option<Held> {
    let pid = read_pid(record)?;
    let ns = namespace_of(pid, ids)?;
    let _ = File::options()
        .write(true)
        .open(record)
        .and_then(|f| f.set_modified(SystemTime::now()));
    Some(Held { ns, pid })
}

/// Claim the spare of `holder` (the holder whose namespace the session joined): a pidfd of
/// the process sitting in new network, UTS and IPC namespaces, for `ToInit::Spare`. Its
/// record is renamed away first, so that one session alone gets it; the process is then
/// checked to be the recorded one and `holder`'s child. None when there is none ready: the
/// session makes its namespaces itself. The caller ends the spare once the container side
/// has joined them (the holder then makes the next).
pub fn claim_spare(holder: Pid) -> Option<OwnedFd> {
    let record = record().with_extension(SPARE_EXT);
    let claimed = record.with_extension(format!("claim.{}", nix::unistd::getpid()));
    fs::rename(&record, &claimed).ok()?;
    let text = fs::read_to_string(&claimed);
    let _ = fs::remove_file(&claimed);
    let (pid, start) = parse_spare(&text.ok()?)?;
    let pidfd = crate::sys::pidfd_open(pid).ok()?;
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The stat read is the pidfd's process's while that still runs (not a later process's
    // with a reused pid).
    let alive = crate::sys::pidfd_send_signal(pidfd.as_fd(), 0).is_ok();
    let stat = ProcStat::parse(&text)?;
    let ours = stat.ppid() == Some(holder.as_raw()) && stat.start_time() == Some(start);
    (alive && ours && !stat.ended()).then_some(pidfd)
}

/// Set by `make_own`.
static OWN_ONLY: AtomicBool = AtomicBool::new(false);

/// This process starts and joins no holder: every session makes its own namespace. For a
/// run whose plan says it is inside a batch job (a bundle run learns it from the bundle's
/// environment, not from its own), and for `system reset`, which removes the runtime
/// directory a holder it started would record itself and its spare in.
pub fn make_own() {
    OWN_ONLY.store(true, Ordering::Relaxed);
}

/// Every session of this process makes its own namespace: when told (`make_own`), and inside
/// a batch job, where nothing may outlive the job's step (the scheduler ends what the step
/// started, and a detached holder would escape it).
fn own_only() -> bool {
    OWN_ONLY.load(Ordering::Relaxed)
        || crate::plan::cgroup::job::detect(
            &|k| std::env::var(k).ok(),
            &fs::read_to_string("/proc/self/cgroup").unwrap_or_default(),
        )
        .is_some()
}

fn read_pid(record: &Path) -> Option<Pid> {
    let mut text = String::new();
    File::open(record).ok()?.read_to_string(&mut text).ok()?;
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|p| *p > 0)
        .map(Pid::from_raw)
}

/// `pid`'s user namespace, if its maps are `ids`' and it has not ended. Every file is opened
/// through one descriptor of `/proc/PID`, so all of them are of one process even if the pid
/// is reused meanwhile.
fn namespace_of(pid: Pid, ids: &IdPlan) -> Option<OwnedFd> {
    let dir = File::open(format!("/proc/{pid}")).ok()?;
    let open = |name: &str| {
        openat(
            &dir,
            name,
            OFlag::O_RDONLY | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .ok()
        .map(File::from)
    };
    let read = |name: &str| {
        let mut text = String::new();
        open(name)?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    // A zombie holder (killed, its reaper slow or absent, as in some containers' PID 1)
    // still names its namespace through its credentials, but keeps no spare and never
    // ends: a new one is started in its place.
    if read("stat").as_deref().and_then(ProcStat::parse)?.ended() {
        return None;
    }
    let ns = open("ns/user")?;
    let same = parse_map_file(&read("uid_map")?) == ids.uid
        && parse_map_file(&read("gid_map")?) == ids.gid;
    same.then(|| ns.into())
}

/// Start a holder with `ids`' maps, record it, and return its namespace.
fn start(record: &Path, ids: &IdPlan) -> Option<Held> {
    let idle = std::env::var_os(IDLE_ENV).unwrap_or_else(|| "600".into());
    let env: [(&str, &OsStr); 2] = [
        (RECORD_ENV, record.as_os_str()),
        (IDLE_ENV, idle.as_os_str()),
    ];
    let session = Spawned::with_env(&env)
        .ok()?
        .start(&ToInit::Hold, ids, None)
        .ok()?;
    let FromInit::Held(pid) = session.wait_answer().ok()? else {
        return None;
    };
    let pid = Pid::from_raw(pid);
    let ns = namespace_of(pid, ids).map(|ns| Held { ns, pid });
    // Written whole, then renamed: a session never reads half a pid. A holder that finds
    // its record naming another (two first sessions at once) ends by itself.
    let tmp = record.with_extension(format!("{pid}.tmp"));
    let written = File::create(&tmp)
        .and_then(|mut f| f.write_all(pid.as_raw().to_string().as_bytes()))
        .and_then(|()| fs::rename(&tmp, record));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
        return None;
    }
    ns
}

/// The holder as `nook info` shows it: its pid, when one runs.
pub fn holder() -> Option<Pid> {
    let pid = read_pid(&record())?;
    fs::metadata(format!("/proc/{pid}/ns/user")).ok()?;
    Some(pid)
}

/// End the holder (`nook system migrate`): its record goes, and it is told to end. Returns
/// its pid when there was one.
pub fn stop() -> Option<Pid> {
    let record = record();
    let pid = read_pid(&record);
    let _ = fs::remove_file(record.with_extension(SPARE_EXT));
    match fs::remove_file(&record) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(_) => return None,
    }
    let pid = pid?;
    // Only the holder itself (its pid may have been reused since): the one process started
    // with its record's variable.
    let needle = format!("{RECORD_ENV}=");
    let ours = fs::read(format!("/proc/{pid}/environ")).is_ok_and(|env| {
        env.split(|b| *b == 0)
            .any(|var| var.starts_with(needle.as_bytes()))
    });
    if ours {
        let ended = crate::sys::pidfd_open(pid.as_raw()).ok();
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
        // Once it has ended, nothing writes in the runtime directory any more (it is the one
        // writer of its spare's record): `system reset` removes that next.
        if let Some(fd) = ended {
            let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
            let _ = poll(&mut fds, PollTimeout::from(2000u16));
        }
        for spare in [SPARE_EXT, &format!("{SPARE_EXT}.tmp")] {
            let _ = fs::remove_file(record.with_extension(spare));
        }
    }
    Some(pid)
}
