//! A container's log on disk: podman's k8s-file format written as output comes (complete
//! lines `F`, a fragment without its newline `P`), rotated at `max-size` (the current file
//! becomes `ctr.log.1`), and read back oldest first; or lines sent to the journal.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::host::life::now_ns;
use crate::plan::life::{LogEntry, Stream, log_line, parse_log_line};

const JOURNAL_SOCKET: &str = "/run/systemd/journal/socket";

/// Whether this machine has a journal to send lines to.
pub fn journal_exists() -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::metadata(JOURNAL_SOCKET).is_ok_and(|m| m.file_type().is_socket())
}

/// Whether this machine keeps a journal to read back: journald's socket, or journal files.
fn journal_readable() -> bool {
    let has_files = |dir: &str| fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    journal_exists() || has_files("/run/log/journal") || has_files("/var/log/journal")
}

/// The entries of journald container `id` (named `name`) after `cursor`, read with
/// `journalctl`, and the cursor after them; one line saying why when there is no journal.
pub fn journal_entries(
    id: &str,
    name: &str,
    cursor: Option<&str>,
) -> Result<(Vec<LogEntry>, Option<String>)> {
    let why = |reason: String| {
        Error::Usage(format!(
            "cannot read the logs of container {name}: it logs to journald and {reason}: run it with --log-driver k8s-file to keep its logs"
        ))
    };
    if !journal_readable() {
        return Err(why(format!(
            "this machine has no journal ({JOURNAL_SOCKET} is missing, /var/log/journal is empty)"
        )));
    }
    let out = std::process::Command::new("journalctl")
        .args(crate::plan::journal::journalctl_args(id, cursor))
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| why(format!("journalctl cannot be run ({e})")))?;
    if !out.status.success() {
        let text = String::from_utf8_lossy(&out.stderr);
        let first = text.lines().next().unwrap_or("").trim().to_string();
        return Err(why(format!("journalctl failed: {first}")));
    }
    Ok(crate::plan::journal::parse_json(&String::from_utf8_lossy(
        &out.stdout,
    )))
}

/// Where a container's output goes.
pub enum Sink {
    File(LogFile),
    Journal {
        socket: UnixDatagram,
        id: String,
        name: String,
    },
    None,
}

/// A k8s-file log being written.
pub struct LogFile {
    path: PathBuf,
    file: File,
    size: u64,
    max: Option<u64>,
}

fn open_append(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| Error::io(format!("cannot open the log {}", path.display()), e))
}

impl LogFile {
    pub fn open(path: &Path, max: Option<u64>) -> Result<LogFile> {
        let file = open_append(path)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(LogFile {
            path: path.to_path_buf(),
            file,
            size,
            max,
        })
    }

    fn append(&mut self, line: &[u8]) {
        if let Some(max) = self.max
            && self.size > 0
            && self.size + line.len() as u64 > max
        {
            let _ = fs::rename(&self.path, rotated(&self.path));
            if let Ok(f) = open_append(&self.path) {
                self.file = f;
                self.size = 0;
            }
        }
        if self.file.write_all(line).is_ok() {
            self.size += line.len() as u64;
        }
    }
}

/// The previous generation of a rotated log.
fn rotated(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".1");
    PathBuf::from(name)
}

impl Sink {
    /// Record what the container wrote on `stream`.
    pub fn write(&mut self, stream: Stream, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let ns = now_ns();
        for chunk in bytes.split_inclusive(|b| *b == b'\n') {
            let (content, partial) = match chunk.strip_suffix(b"\n") {
                Some(c) => (c, false),
                None => (chunk, true),
            };
            match self {
                Sink::File(f) => f.append(&log_line(ns, stream, partial, content)),
                Sink::Journal { socket, id, name } => {
                    let mut msg = format!(
                        "CONTAINER_ID_FULL={id}\nCONTAINER_ID={}\nCONTAINER_NAME={name}\nSYSLOG_IDENTIFIER={name}\nPRIORITY={}\n",
                        &id[..id.len().min(12)],
                        if stream == Stream::Stderr { 3 } else { 6 }
                    )
                    .into_bytes();
                    // MESSAGE in the binary-safe form: name, newline, length, bytes.
                    msg.extend_from_slice(b"MESSAGE\n");
                    msg.extend_from_slice(&(content.len() as u64).to_le_bytes());
                    msg.extend_from_slice(content);
                    msg.push(b'\n');
                    let _ = socket.send_to(&msg, JOURNAL_SOCKET);
                }
                Sink::None => {}
            }
        }
    }
}

/// The entries of a k8s-file log, oldest first (the rotated generation, then the current).
pub fn read_entries(path: &Path) -> Vec<LogEntry> {
    let mut out = Vec::new();
    for p in [rotated(path), path.to_path_buf()] {
        out.extend(read_from(&p, 0).0);
    }
    out
}

/// The entries of one log file from byte `offset` on, and the offset after the last whole
/// line (where a follower reads next).
pub fn read_from(path: &Path, offset: u64) -> (Vec<LogEntry>, u64) {
    match File::open(path) {
        Ok(f) => read_file_from(&f, offset),
        Err(_) => (Vec::new(), offset),
    }
}

/// `read_from` of a file kept open (a follower's: what was written before it was rotated
/// or removed is still read).
pub fn read_file_from(f: &File, offset: u64) -> (Vec<LogEntry>, u64) {
    let mut reader = BufReader::new(f);
    if std::io::Seek::seek(&mut reader, std::io::SeekFrom::Start(offset)).is_err() {
        return (Vec::new(), offset);
    }
    let (mut out, mut at, mut line) = (Vec::new(), offset, Vec::new());
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(n) if line.ends_with(b"\n") => {
                at += n as u64;
                if let Some(e) = parse_log_line(&line[..n - 1]) {
                    out.push(e);
                }
            }
            // A line being written: read again later.
            Ok(_) => break,
        }
    }
    (out, at)
}

/// The size of a log file (0 when missing): a follower that finds it shorter than where it
/// was knows the log was rotated.
pub fn size_of(path: &Path) -> u64 {
    fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}
