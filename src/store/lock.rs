//! Every flock nook takes on a store file (`index.lock`, `locks/<layer>.lock`, a download's
//! `tmp/pull-<blob>.partial`): lock files are created 0600, and a busy lock is tried again
//! until it is free, said after 3 s ("Info: waiting for the image store lock held by PID N
//! (COMMAND) ..."), and given up with one line when its holder is stuck.
//!
//! How long to wait: a store lock is held for as long as its work takes. The index lock is
//! held for an index update or the removal of an image's layers (seconds), but a layer's lock
//! and a download's lock for a whole download and unpack, so a second pull of an image that a
//! first one is still fetching waits minutes on a slow link. podman waits for that without a
//! limit, and failing that pull would be wrong. What must not make nook wait for ever is a
//! holder that does nothing: a stopped or hung process, a `flock` left running, or another
//! user's process (which no longer gets in once the store is private, but may have opened a
//! lock before). So the bound is on the holder's idleness, not on the wait: nook gives up when
//! a process of the user's own that holds the lock (with the processes it started: an unpack
//! runs in a child) has read, written and computed nothing for `NOOK_LOCK_TIMEOUT` seconds (60;
//! a stalled download fails on its own idle limit of the same length), and after that long in
//! all when the holder belongs to someone else or cannot be seen (another PID namespace):
//! no work of the user's is behind it. Another thread of the same nook (two downloads of
//! one blob in one pull) is waited for: that order is the code's own.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::plan::proc_stat::ProcStat;

/// How long a busy lock goes unmentioned.
const SAY_AFTER: Duration = Duration::from_secs(3);
/// How often the holder is looked at while waiting.
const LOOK_EVERY: Duration = Duration::from_secs(1);
/// `NOOK_LOCK_TIMEOUT` when unset.
const DEFAULT_LIMIT: u64 = 60;

/// Why a lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// The holder is stuck (or not the user's): the one line to show, naming the fix.
    Stuck(String),
    /// `NOOK_LOCK_TIMEOUT` is not a number of seconds.
    Invalid(String),
    Io(io::Error),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Stuck(m) | LockError::Invalid(m) => f.write_str(m),
            LockError::Io(e) => e.fmt(f),
        }
    }
}

impl From<LockError> for io::Error {
    fn from(e: LockError) -> io::Error {
        match e {
            LockError::Io(e) => e,
            LockError::Stuck(m) => io::Error::new(io::ErrorKind::TimedOut, m),
            LockError::Invalid(m) => io::Error::new(io::ErrorKind::InvalidInput, m),
        }
    }
}

impl From<LockError> for Error {
    fn from(e: LockError) -> Error {
        match e {
            LockError::Io(e) => Error::io("cannot lock the image store", e),
            LockError::Stuck(m) | LockError::Invalid(m) => Error::Usage(m),
        }
    }
}

/// Open (or create, 0600) the lock file `path`; one that others could open is made 0600
/// (an older nook made them with the umask).
pub fn open(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)?;
    if file.metadata()?.mode() & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// Open and lock `path`, waiting as the module says. The lock is on the file still at `path`:
/// a lock file is removed only by its holder, so one removed meanwhile is opened again.
pub fn take(path: &Path) -> Result<File, LockError> {
    loop {
        let file = open(path).map_err(LockError::Io)?;
        wait(&file, path)?;
        if still_at(&file, path).map_err(LockError::Io)? {
            return Ok(file);
        }
    }
}

/// Open and lock `path` if it is free at once (Some), without waiting.
pub fn try_take(path: &Path) -> io::Result<Option<File>> {
    loop {
        let file = open(path)?;
        match file.try_lock() {
            Ok(()) if still_at(&file, path)? => return Ok(Some(file)),
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Whether `file` is still the file at `path` (not removed or replaced meanwhile).
pub fn still_at(file: &File, path: &Path) -> io::Result<bool> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(m.ino() == file.metadata()?.ino() && m.dev() == file.metadata()?.dev()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// `NOOK_LOCK_TIMEOUT`: seconds a stuck holder is given (unset or empty: 60).
pub fn parse_limit(value: Option<&str>) -> Result<Duration, String> {
    match value.map(str::trim) {
        None | Some("") => Ok(Duration::from_secs(DEFAULT_LIMIT)),
        Some(v) => v.parse::<u64>().map(Duration::from_secs).map_err(|_| {
            format!(
                "NOOK_LOCK_TIMEOUT={v} is not a number of seconds: set it to how long nook may \
                 wait for a stuck lock holder (default {DEFAULT_LIMIT}), or unset it"
            )
        }),
    }
}

/// What to do next while a lock is busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Wait,
    /// Say that nook is waiting, and for whom (once).
    Say,
    GiveUp,
}

/// `waited`: since the first try; `stalled`: how long the holder has done nothing (for a
/// holder that is not the user's, or not visible: how long it has held the lock).
pub fn decide(waited: Duration, stalled: Duration, said: bool, limit: Duration) -> Step {
    if stalled >= limit {
        Step::GiveUp
    } else if !said && waited >= SAY_AFTER {
        Step::Say
    } else {
        Step::Wait
    }
}

/// The process holding a lock, as /proc shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: i32,
    /// Its real uid (None when /proc does not say).
    pub uid: Option<u32>,
    /// Its command line, short ("" when not readable).
    pub command: String,
    /// What it (and the processes it started) has read, written and computed so far: a
    /// number that grows while it works (None when not readable).
    pub work: Option<u64>,
}

/// Whether two looks saw the same holder (or none both times): else the lock changed hands.
pub fn same_holder(before: Option<&Holder>, after: Option<&Holder>) -> bool {
    before.map(|h| h.pid) == after.map(|h| h.pid)
}

/// Whether the holder worked between two looks: it is this very process (another thread's
/// work, ordered by the code), or the same one did something.
pub fn worked(before: Option<&Holder>, after: Option<&Holder>, me: i32) -> bool {
    match (before, after) {
        (_, Some(a)) if a.pid == me => true,
        (Some(b), Some(a)) if b.pid == a.pid => {
            matches!((b.work, a.work), (Some(x), Some(y)) if y > x)
        }
        _ => false,
    }
}

/// The pid holding the lock on the file `dev` (major, minor) `ino`, from /proc/locks: the
/// line of that device and inode, else the only holder of that inode (btrfs and overlayfs
/// report another device in `stat` than in /proc/locks). Waiters (`->`) are not holders.
pub fn holder_pid(locks: &str, dev: (u64, u64), ino: u64) -> Option<i32> {
    let mut exact = None;
    let mut by_inode = Vec::new();
    for line in locks.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.get(1) == Some(&"->") {
            continue;
        }
        let Some(at) = words.iter().position(|w| w.matches(':').count() == 2) else {
            continue;
        };
        let mut parts = words[at].split(':');
        let (Some(major), Some(minor), Some(inode)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let pid = at.checked_sub(1).and_then(|i| words[i].parse::<i32>().ok());
        let (Some(pid), Ok(inode)) = (pid, inode.parse::<u64>()) else {
            continue;
        };
        if inode != ino {
            continue;
        }
        let same_dev = u64::from_str_radix(major, 16).ok() == Some(dev.0)
            && u64::from_str_radix(minor, 16).ok() == Some(dev.1);
        if same_dev && exact.is_none() {
            exact = Some(pid);
        }
        if !by_inode.contains(&pid) {
            by_inode.push(pid);
        }
    }
    let pid = exact.or(match by_inode[..] {
        [one] => Some(one),
        _ => None,
    })?;
    // Not in this PID namespace (0), or an open file description lock (-1).
    (pid > 0).then_some(pid)
}

/// (parent pid, CPU ticks used: its own and its reaped children's) from /proc/PID/stat.
pub fn parse_stat(text: &str) -> Option<(i32, u64)> {
    let stat = ProcStat::parse(text)?;
    Some((stat.ppid()?, stat.cpu_ticks()?))
}

/// Bytes read and written (rchar + wchar) from /proc/PID/io.
pub fn parse_io(text: &str) -> Option<u64> {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    Some(field("rchar:")? + field("wchar:")?)
}

/// A command line (NUL-separated) as a short text: the program's name and its arguments.
pub fn short_command(cmdline: &[u8]) -> String {
    let words: Vec<String> = cmdline
        .split(|b| *b == 0)
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    let Some((first, rest)) = words.split_first() else {
        return String::new();
    };
    let name = first.rsplit('/').next().unwrap_or(first);
    let text = std::iter::once(name)
        .chain(rest.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

/// The lock at `path`, as the messages name it.
pub fn describe(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let short = |hex: &str| hex.chars().take(12).collect::<String>();
    if name == "index.lock" {
        "the image store lock".into()
    } else if let Some(hex) = name
        .strip_prefix("pull-")
        .and_then(|n| n.strip_suffix(".partial"))
    {
        format!("the download lock of blob {}", short(hex))
    } else if let Some(hex) = name.strip_suffix(".lock") {
        format!("the lock of layer {}", short(hex))
    } else {
        format!("the lock {name}")
    }
}

/// "PID N (COMMAND)", with "of user NAME" for someone else's.
fn who(h: &Holder, me: u32, user: &dyn Fn(u32) -> String) -> String {
    let mut s = format!("PID {}", h.pid);
    if !h.command.is_empty() {
        s += &format!(" ({})", h.command);
    }
    if let Some(uid) = h.uid.filter(|u| *u != me) {
        s += &format!(" of user {}", user(uid));
    }
    s
}

/// The line said while waiting (without "Info: ").
pub fn waiting_message(
    what: &str,
    h: Option<&Holder>,
    me: u32,
    user: &dyn Fn(u32) -> String,
) -> String {
    match h {
        Some(h) => format!("waiting for {what} held by {} ...", who(h, me, user)),
        None => format!("waiting for {what} held by another process ..."),
    }
}

/// The one line of giving up, naming the lock file, the holder and the fix.
pub fn stuck_message(
    what: &str,
    path: &Path,
    h: Option<&Holder>,
    me: u32,
    limit: Duration,
    user: &dyn Fn(u32) -> String,
) -> String {
    let secs = limit.as_secs();
    let longer = "or let nook wait longer with NOOK_LOCK_TIMEOUT=SECONDS";
    match h {
        Some(h) if h.uid.is_some_and(|u| u != me) => format!(
            "{what} {} is held by {}, not by you: ask them or an administrator to end it \
             (nook keeps the store private now, so it cannot happen again), {longer}",
            path.display(),
            who(h, me, user)
        ),
        Some(h) => format!(
            "{what} {} is held by {}, which has done nothing for {secs} s: end it if it is \
             stuck (kill {}), {longer}",
            path.display(),
            who(h, me, user),
            h.pid
        ),
        None => format!(
            "{what} {} is held by another process (not visible here), which did not release it \
             in {secs} s: end the process that holds it (fuser -v {}), {longer}",
            path.display(),
            path.display()
        ),
    }
}

/// The holder of `file`'s lock and what it has done so far, from /proc.
fn look(file: &File) -> Option<Holder> {
    let meta = file.metadata().ok()?;
    let dev = (
        nix::sys::stat::major(meta.dev()),
        nix::sys::stat::minor(meta.dev()),
    );
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid = holder_pid(&locks, dev, meta.ino())?;
    // /proc/locks keeps the pid of the process that took the lock; when it has ended, a
    // process that inherited the descriptor holds it (`flock FILE COMMAND`), not seen here.
    let work = work_of(pid)?;
    let uid = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        });
    let command = std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|c| short_command(&c))
        .unwrap_or_default();
    Some(Holder {
        pid,
        uid,
        command,
        work: Some(work),
    })
}

/// What `pid` and the processes it started (not this one) have read, written and computed.
fn work_of(pid: i32) -> Option<u64> {
    let me = std::process::id() as i32;
    let stat = |p: i32| {
        std::fs::read_to_string(format!("/proc/{p}/stat"))
            .ok()
            .and_then(|s| parse_stat(&s))
    };
    let work = |p: i32, ticks: u64| {
        let io = std::fs::read_to_string(format!("/proc/{p}/io"))
            .ok()
            .and_then(|s| parse_io(&s))
            .unwrap_or(0);
        io + ticks
    };
    let (_, ticks) = stat(pid)?;
    let mut total = work(pid, ticks);
    // Every process's parent, once: the holder's descendants are found from them.
    let all: Vec<(i32, i32, u64)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|p| *p != me && *p != pid)
        .filter_map(|p| stat(p).map(|(ppid, ticks)| (p, ppid, ticks)))
        .collect();
    let mut family = vec![pid];
    let mut i = 0;
    while let Some(&parent) = family.get(i) {
        for (p, _, ticks) in all.iter().filter(|(_, pp, _)| *pp == parent) {
            family.push(*p);
            total += work(*p, *ticks);
        }
        i += 1;
    }
    Some(total)
}

fn user_name(uid: u32) -> String {
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string())
}

/// Lock `file` (at `path`), waiting as the module says.
pub fn wait(file: &File, path: &Path) -> Result<(), LockError> {
    let limit = parse_limit(std::env::var("NOOK_LOCK_TIMEOUT").ok().as_deref())
        .map_err(LockError::Invalid)?;
    let me = nix::unistd::getuid().as_raw();
    let my_pid = std::process::id() as i32;
    let start = Instant::now();
    // When the lock last changed hands, and when its holder last worked (or changed).
    let mut changed = start;
    let mut last_work = start;
    let mut holder: Option<Holder> = None;
    let mut looked: Option<Instant> = None;
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        let now = Instant::now();
        let waited = now - start;
        if waited >= LOOK_EVERY.min(limit) && looked.is_none_or(|t| now - t >= LOOK_EVERY) {
            let seen = look(file);
            if looked.is_some() && !same_holder(holder.as_ref(), seen.as_ref()) {
                changed = now;
                last_work = now;
            } else if worked(holder.as_ref(), seen.as_ref(), my_pid) {
                last_work = now;
            }
            holder = seen;
            looked = Some(now);
        }
        // Only the user's own holder earns patience by working.
        let stalled = match &holder {
            Some(h) if h.uid == Some(me) => now - last_work,
            _ => now - changed,
        };
        let what = describe(path);
        match decide(waited, stalled, said, limit) {
            Step::Wait => {}
            Step::Say => {
                said = true;
                let line = waiting_message(&what, holder.as_ref(), me, &user_name);
                eprintln!("Info: {line}");
            }
            Step::GiveUp => {
                // The holder may have ended since the last try.
                if file.try_lock().is_ok() {
                    return Ok(());
                }
                let h = holder.as_ref();
                return Err(LockError::Stuck(stuck_message(
                    &what, path, h, me, limit, &user_name,
                )));
            }
        }
        // Short waits (another nook updating the index) end quickly; long ones cost little.
        let pause = if waited < LOOK_EVERY { 20 } else { 100 };
        std::thread::sleep(Duration::from_millis(pause));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(pid: i32, uid: u32, work: Option<u64>) -> Holder {
        Holder {
            pid,
            uid: Some(uid),
            command: "flock /s/index.lock sleep 60".into(),
            work,
        }
    }

    #[test]
    fn the_limit_is_whole_seconds_sixty_unless_set() {
        assert_eq!(parse_limit(None), Ok(Duration::from_secs(60)));
        assert_eq!(parse_limit(Some("")), Ok(Duration::from_secs(60)));
        assert_eq!(parse_limit(Some(" 5 ")), Ok(Duration::from_secs(5)));
        assert_eq!(parse_limit(Some("0")), Ok(Duration::ZERO));
        let e = parse_limit(Some("1m")).unwrap_err();
        assert!(
            e.starts_with("NOOK_LOCK_TIMEOUT=1m is not a number of seconds"),
            "{e}"
        );
        assert!(parse_limit(Some("-3")).is_err());
    }

    #[test]
    fn a_busy_lock_is_said_after_three_seconds_and_given_up_when_stalled_too_long() {
        let s = Duration::from_secs;
        let limit = s(60);
        assert_eq!(decide(s(1), s(1), false, limit), Step::Wait);
        assert_eq!(decide(s(3), s(3), false, limit), Step::Say);
        assert_eq!(decide(s(4), s(4), true, limit), Step::Wait);
        // A holder that works keeps nook waiting, however long.
        assert_eq!(decide(s(3600), s(2), true, limit), Step::Wait);
        assert_eq!(decide(s(70), s(60), true, limit), Step::GiveUp);
        // A short limit gives up before ever saying it waits.
        assert_eq!(decide(s(2), s(2), false, s(2)), Step::GiveUp);
        assert_eq!(
            decide(Duration::ZERO, Duration::ZERO, false, Duration::ZERO),
            Step::GiveUp
        );
    }

    #[test]
    fn work_is_the_holders_counters_growing_or_the_lock_changing_hands() {
        let a = holder(10, 1000, Some(5));
        assert!(
            !worked(None, Some(&a), 99),
            "a first look shows nothing yet"
        );
        assert!(!worked(Some(&a), Some(&a), 99));
        assert!(worked(Some(&a), Some(&holder(10, 1000, Some(6))), 99));
        assert!(!worked(Some(&a), Some(&holder(10, 1000, None)), 99));
        // Another process, or none visible: the lock changed hands (its clock starts again).
        assert!(same_holder(Some(&a), Some(&holder(10, 1000, Some(9)))));
        assert!(!same_holder(Some(&a), Some(&holder(11, 1000, Some(0)))));
        assert!(!same_holder(Some(&a), None));
        assert!(same_holder(None, None));
        assert!(!worked(Some(&a), None, 99));
        assert!(!worked(None, None, 99));
        // Another thread of this nook: its order is the code's.
        assert!(worked(Some(&a), Some(&holder(99, 1000, Some(5))), 99));
    }

    #[test]
    fn the_holder_is_found_by_device_and_inode_in_proc_locks() {
        let locks = "\
1: POSIX  ADVISORY  WRITE 812 00:19:4242 0 EOF
2: FLOCK  ADVISORY  WRITE 3021 fe:01:5325187 0 EOF
3: -> FLOCK  ADVISORY  WRITE 4000 fe:01:5325187 0 EOF
4: FLOCK  ADVISORY  READ 3100 08:11:77 0 EOF
5: OFDLCK ADVISORY  WRITE -1 08:11:78 0 EOF
6: FLOCK  ADVISORY  WRITE 0 08:11:79 0 EOF
";
        assert_eq!(holder_pid(locks, (0xfe, 0x01), 5325187), Some(3021));
        assert_eq!(holder_pid(locks, (0, 0x19), 4242), Some(812));
        assert_eq!(holder_pid(locks, (8, 0x11), 77), Some(3100));
        // Another device in stat than in /proc/locks (btrfs): the only holder of the inode.
        assert_eq!(holder_pid(locks, (0, 0x2a), 77), Some(3100));
        // Not visible from this PID namespace, or no pid at all.
        assert_eq!(holder_pid(locks, (8, 0x11), 78), None);
        assert_eq!(holder_pid(locks, (8, 0x11), 79), None);
        assert_eq!(holder_pid(locks, (8, 0x11), 80), None);
        assert_eq!(holder_pid("", (8, 0x11), 77), None);
    }

    #[test]
    fn proc_stat_and_io_give_the_work_done() {
        let stat =
            "3021 (my (odd) cmd) S 1 3021 3021 0 -1 4194560 100 0 0 0 7 3 2 1 20 0 1 0 5 1 1";
        assert_eq!(parse_stat(stat), Some((1, 13)));
        assert_eq!(parse_stat("garbage"), None);
        let io = "rchar: 1200\nwchar: 34\nsyscr: 5\nsyscw: 2\nread_bytes: 0\n";
        assert_eq!(parse_io(io), Some(1234));
        assert_eq!(parse_io("rchar: 1\n"), None);
    }

    #[test]
    fn locks_and_commands_are_named_shortly() {
        assert_eq!(describe(Path::new("/s/index.lock")), "the image store lock");
        let hex = "0123456789abcdef".repeat(4);
        assert_eq!(
            describe(&Path::new("/s/locks").join(format!("{hex}.lock"))),
            "the lock of layer 0123456789ab"
        );
        assert_eq!(
            describe(&Path::new("/s/tmp").join(format!("pull-{hex}.partial"))),
            "the download lock of blob 0123456789ab"
        );
        assert_eq!(
            short_command(b"/usr/bin/flock\0/s/index.lock\0sleep\x0060\0"),
            "flock /s/index.lock sleep 60"
        );
        assert_eq!(short_command(b""), "");
        let long = format!("/bin/nook\0pull\0{}\0", "x".repeat(100));
        let s = short_command(long.as_bytes());
        assert!(
            s.starts_with("nook pull xxx") && s.ends_with("...") && s.len() == 63,
            "{s}"
        );
    }

    #[test]
    fn the_messages_name_the_lock_the_holder_and_the_fix() {
        let name = |uid: u32| format!("user{uid}");
        let mine = holder(3021, 1000, Some(1));
        let what = "the image store lock";
        assert_eq!(
            waiting_message(what, Some(&mine), 1000, &name),
            "waiting for the image store lock held by PID 3021 (flock /s/index.lock sleep 60) ..."
        );
        assert_eq!(
            waiting_message(what, None, 1000, &name),
            "waiting for the image store lock held by another process ..."
        );
        let path = Path::new("/s/index.lock");
        let limit = Duration::from_secs(60);
        let m = stuck_message(what, path, Some(&mine), 1000, limit, &name);
        assert_eq!(
            m,
            "the image store lock /s/index.lock is held by PID 3021 (flock /s/index.lock sleep \
             60), which has done nothing for 60 s: end it if it is stuck (kill 3021), or let \
             nook wait longer with NOOK_LOCK_TIMEOUT=SECONDS"
        );
        let theirs = holder(4000, 1001, None);
        let m = stuck_message(what, path, Some(&theirs), 1000, limit, &name);
        assert!(
            m.contains("held by PID 4000 (flock /s/index.lock sleep 60) of user user1001, not by you: ask them or an administrator"),
            "{m}"
        );
        let m = stuck_message(what, path, None, 1000, limit, &name);
        assert!(
            m.contains("another process (not visible here)")
                && m.contains("fuser -v /s/index.lock"),
            "{m}"
        );
        assert!(!m.contains('\n'));
    }

    #[test]
    fn lock_files_are_made_private_and_a_busy_one_is_not_taken_at_once() {
        let t = tempfile::tempdir().unwrap();
        let path = t.path().join("index.lock");
        std::fs::write(&path, "").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let held = take(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
        assert!(try_take(&path).unwrap().is_none());
        let fresh = t.path().join("locks-x.lock");
        drop(try_take(&fresh).unwrap().expect("free"));
        assert_eq!(std::fs::metadata(&fresh).unwrap().mode() & 0o777, 0o600);
        drop(held);
        assert!(try_take(&path).unwrap().is_some());
    }
}
