//! The story of `nook logs` and of `nook start -a`'s output: a container's k8s-file log
//! (or a journald container's entries, through journalctl) read back (stdout lines to
//! stdout, stderr lines to stderr), filtered by time and tail, and followed while the
//! container runs.

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::unistd::getuid;

use crate::cli::{LogsArgs, StartArgs};
use crate::error::{Error, Result};
use crate::host::life::{self as hostlife, now_ns};
use crate::host::logfile;
use crate::host::state::{ContainerRecord, Containers};
use crate::plan::life::{LogDriver, LogEntry, Stream, parse_time, rfc3339_nano};

use super::output::print;

/// How entries are shown.
pub(super) struct Show {
    timestamps: bool,
    name: Option<String>,
    since: Option<u64>,
    until: Option<u64>,
}

impl Show {
    /// Content only, everything.
    pub(super) fn plain() -> Show {
        Show {
            timestamps: false,
            name: None,
            since: None,
            until: None,
        }
    }

    fn emit(&self, e: &LogEntry) {
        if self.since.is_some_and(|s| e.ns < s) || self.until.is_some_and(|u| e.ns > u) {
            return;
        }
        let mut line = Vec::new();
        if let Some(n) = &self.name {
            line.extend_from_slice(n.as_bytes());
            line.push(b' ');
        }
        if self.timestamps {
            line.extend_from_slice(rfc3339_nano(e.ns).as_bytes());
            line.push(b' ');
        }
        line.extend_from_slice(&e.content);
        if !e.partial {
            line.push(b'\n');
        }
        let _ = match e.stream {
            Stream::Stdout => std::io::stdout().lock().write_all(&line),
            Stream::Stderr => std::io::stderr().lock().write_all(&line),
        };
    }
}

/// The last `n` lines of `entries` (a partial entry belongs to the line it starts).
fn tail(entries: Vec<LogEntry>, n: Option<i64>) -> Vec<LogEntry> {
    let Some(n) = n.filter(|n| *n >= 0) else {
        return entries;
    };
    let mut full = 0;
    let mut start = entries.len();
    for (i, e) in entries.iter().enumerate().rev() {
        if !e.partial {
            if full == n {
                break;
            }
            full += 1;
        }
        start = i;
    }
    entries.into_iter().skip(start).collect()
}

/// Where a container's logs are read back from, as its log driver says.
enum Source {
    File(PathBuf),
    Journal,
}

fn source(containers: &Containers, r: &ContainerRecord) -> Result<Source> {
    let driver = LogDriver::parse(r.log_driver.as_deref().unwrap_or("")).map_err(Error::Usage)?;
    match driver {
        LogDriver::K8sFile => Ok(Source::File(containers.log_path(r))),
        LogDriver::Journald => Ok(Source::Journal),
        other => Err(Error::Usage(format!(
            "this container is using the '{}' log driver, cannot read logs: run it with --log-driver k8s-file (the default with -d)",
            other.name()
        ))),
    }
}

/// A journald container being followed: its entries after the last cursor, asked of
/// journalctl while it runs.
struct JournalFollower {
    id: String,
    name: String,
    dir: PathBuf,
    cursor: Option<String>,
    show: Show,
}

impl JournalFollower {
    fn step(&mut self) -> bool {
        let running = hostlife::is_running(&self.dir);
        let Ok((entries, cursor)) =
            logfile::journal_entries(&self.id, &self.name, self.cursor.as_deref())
        else {
            return false;
        };
        for e in &entries {
            self.show.emit(e);
        }
        self.cursor = cursor.or(self.cursor.take());
        let _ = std::io::stdout().flush();
        running || !entries.is_empty()
    }
}

/// A container's logs being followed.
enum Followed {
    File(Follower),
    Journal(JournalFollower),
}

/// A log being followed: where to read next, and which file that offset belongs to.
/// The log is kept open: the rest of it is read after it was rotated, or removed with its
/// `--rm` container.
pub(super) struct Follower {
    path: PathBuf,
    dir: PathBuf,
    file: Option<std::fs::File>,
    offset: u64,
    inode: u64,
    show: Show,
}

impl Follower {
    fn inode(path: &Path) -> u64 {
        std::fs::metadata(path).map(|m| m.ino()).unwrap_or(0)
    }

    pub(super) fn at_end(path: &Path, dir: &Path, show: Show) -> Follower {
        let file = std::fs::File::open(path).ok();
        let meta = file.as_ref().and_then(|f| f.metadata().ok());
        Follower {
            offset: meta.as_ref().map_or(0, |m| m.len()),
            inode: meta.as_ref().map_or(0, |m| m.ino()),
            file,
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
            show,
        }
    }

    /// Show what was written since the last step; false once the container has ended and
    /// everything was shown.
    pub(super) fn step(&mut self) -> bool {
        let running = hostlife::is_running(&self.dir);
        let inode = Follower::inode(&self.path);
        let mut shown = false;
        if inode != self.inode {
            // Rotated or removed: the rest of the file held, then the new one (if any).
            if let Some(f) = &self.file {
                for e in logfile::read_file_from(f, self.offset).0 {
                    self.show.emit(&e);
                    shown = true;
                }
            }
            self.file = std::fs::File::open(&self.path).ok();
            self.offset = 0;
            self.inode = inode;
        }
        if let Some(f) = &self.file {
            let (entries, at) = logfile::read_file_from(f, self.offset);
            for e in &entries {
                self.show.emit(e);
            }
            shown |= !entries.is_empty();
            self.offset = at;
        }
        let _ = std::io::stdout().flush();
        running || shown
    }
}

/// Follow logs until every container has ended.
fn follow_all(mut followers: Vec<Followed>) {
    while !followers.is_empty() {
        followers.retain_mut(|f| match f {
            Followed::File(f) => f.step(),
            Followed::Journal(j) => j.step(),
        });
        if !followers.is_empty() {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

pub fn logs(args: &LogsArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let now = now_ns();
    let time = |t: &Option<String>| {
        t.as_deref()
            .map(|t| parse_time(t, now))
            .transpose()
            .map_err(Error::Usage)
    };
    let (since, until) = (time(&args.since)?, time(&args.until)?);
    let mut found = Vec::new();
    for key in &args.containers {
        let Some((dir, r, _)) = containers.find(key) else {
            return Err(Error::Usage(format!(
                "no container with name or ID {key:?} found: no such container"
            )));
        };
        let from = source(&containers, &r)?;
        found.push((dir, r, from));
    }
    let mut followers = Vec::new();
    for (dir, r, from) in found {
        let show = Show {
            timestamps: args.timestamps,
            name: (args.names || args.containers.len() > 1).then(|| r.name.clone()),
            since,
            until,
        };
        let (entries, cursor) = match &from {
            Source::File(path) => (logfile::read_entries(path), None),
            Source::Journal => logfile::journal_entries(&r.id, &r.name, None)?,
        };
        for e in tail(entries, args.tail) {
            show.emit(&e);
        }
        if args.follow {
            followers.push(match from {
                Source::File(path) => Followed::File(Follower::at_end(&path, &dir, show)),
                Source::Journal => Followed::Journal(JournalFollower {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    dir,
                    cursor,
                    show,
                }),
            });
        }
    }
    let _ = std::io::stdout().flush();
    follow_all(followers);
    Ok(0)
}

pub fn start(args: &StartArgs) -> Result<u8> {
    super::globals::runtime_flags()?;
    let containers = Containers::open(getuid().as_raw())?;
    if args.attach && args.containers.len() > 1 {
        return Err(Error::Usage(
            "you cannot start and attach multiple containers at once: start them one by one".into(),
        ));
    }
    let mut failed = None;
    for key in &args.containers {
        let Some((dir, r, running)) = containers.find(key) else {
            failed = Some(Error::Usage(format!(
                "no container with name or ID {key:?} found: no such container"
            )));
            continue;
        };
        if running {
            failed = Some(Error::Usage(format!(
                "container {} is already running: stop it first (nook stop {key})",
                r.name
            )));
            continue;
        }
        if !args.attach {
            match super::monitor::start_detached(&containers, &r.id, false) {
                Ok(()) => {
                    print(&format!("{key}\n"))?;
                }
                Err(e) => failed = Some(e),
            }
            continue;
        }
        let start = || super::monitor::start_detached(&containers, &r.id, false);
        return super::attach::attach_to(&containers, &dir, &r, args.interactive, Some(&start));
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(content: &str, partial: bool) -> LogEntry {
        LogEntry {
            ns: 0,
            stream: Stream::Stdout,
            partial,
            content: content.as_bytes().to_vec(),
        }
    }

    #[test]
    fn tails_count_lines() {
        let all = vec![e("a", false), e("b1", true), e("b2", false), e("c", false)];
        let names = |v: Vec<LogEntry>| {
            v.into_iter()
                .map(|e| String::from_utf8(e.content).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(tail(all.clone(), Some(1))), ["c"]);
        assert_eq!(names(tail(all.clone(), Some(2))), ["b1", "b2", "c"]);
        assert_eq!(names(tail(all.clone(), Some(0))), Vec::<String>::new());
        assert_eq!(names(tail(all.clone(), None)).len(), 4);
        assert_eq!(names(tail(all, Some(-1))).len(), 4);
    }
}
