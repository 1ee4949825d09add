//! A foreground run's log, as podman's: what the container writes goes to the caller's
//! stdout and stderr as before and to the container's log too (k8s-file or the journal, as
//! its record says), stdout and stderr kept apart; with a terminal, its stream as stdout.

use std::os::fd::{AsFd, OwnedFd};

use nix::fcntl::{FcntlArg, OFlag, fcntl};

use super::logfile::{LogFile, Sink};
use super::state::{Container, ContainerRecord, Containers};
use crate::error::{Error, Result};
use crate::plan::life::{LogDriver, Stream};

/// Where the container's output goes, as its record says.
pub fn sink_for(containers: &Containers, record: &ContainerRecord) -> Result<Sink> {
    let driver =
        LogDriver::parse(record.log_driver.as_deref().unwrap_or("")).map_err(Error::Usage)?;
    Ok(match driver {
        LogDriver::K8sFile => {
            let max = record
                .annotations
                .get("nook.log.max-size")
                .and_then(|m| m.parse().ok());
            Sink::File(LogFile::open(&containers.log_path(record), max)?)
        }
        LogDriver::Journald => Sink::Journal {
            socket: std::os::unix::net::UnixDatagram::unbound()
                .map_err(|e| Error::io("cannot open a socket to the journal", e))?,
            id: record.id.clone(),
            name: record.name.clone(),
        },
        LogDriver::None | LogDriver::Passthrough => Sink::None,
    })
}

/// The log of a foreground container and the read ends of its output pipes (none with a
/// terminal: its stream is copied by the relay, and logged on the way).
pub struct Tee {
    sink: Sink,
    sources: Vec<(Option<OwnedFd>, Stream)>,
    /// Streams logged but not shown (`run --attach` without them).
    hidden: Vec<Stream>,
}

/// The container's standard streams for `launch`: stdout, stderr, stdin (none: ours).
pub type Output = Option<(OwnedFd, OwnedFd, Option<OwnedFd>)>;

/// A foreground container's log, when its log driver keeps one (`logged`; `none` and
/// `passthrough` keep none, and its output goes straight to ours as before), with the pipes
/// its output then goes through (none with a terminal). Made before the container exists
/// (its container side starts with the pipes); the log itself is opened once it does
/// (`Tee::open_log`).
pub fn foreground(logged: bool, tty: bool) -> Result<(Option<Tee>, Output)> {
    if !logged {
        return Ok((None, None));
    }
    if tty {
        let tee = Tee {
            sink: Sink::None,
            sources: Vec::new(),
            hidden: Vec::new(),
        };
        return Ok((Some(tee), None));
    }
    let pipe = || {
        nix::unistd::pipe2(OFlag::O_CLOEXEC)
            .map_err(|e| Error::io("cannot create a pipe", e.into()))
    };
    let ((out_r, out_w), (err_r, err_w)) = (pipe()?, pipe()?);
    let tee = Tee {
        sink: Sink::None,
        sources: vec![(Some(out_r), Stream::Stdout), (Some(err_r), Stream::Stderr)],
        hidden: Vec::new(),
    };
    Ok((Some(tee), Some((out_w, err_w, None))))
}

impl Tee {
    /// The pipes still open, with their index for `copy`.
    pub fn fds(&self) -> Vec<(usize, std::os::fd::BorrowedFd<'_>)> {
        self.sources
            .iter()
            .enumerate()
            .filter_map(|(i, (fd, _))| fd.as_ref().map(|f| (i, f.as_fd())))
            .collect()
    }

    /// Open the log `container`'s record names: what the pipes carry from now on goes there.
    pub fn open_log(&mut self, containers: &Containers, container: &Container) -> Result<()> {
        if let Some(record) = container.record() {
            self.sink = sink_for(containers, &record)?;
        }
        Ok(())
    }

    /// Log `stream` without showing it (`run --attach` of the other ones).
    pub fn hide(&mut self, stream: Stream) {
        self.hidden.push(stream);
    }

    /// Log what the terminal gave (already copied to our stdout).
    pub fn log_tty(&mut self, bytes: &[u8]) {
        self.sink.write(Stream::Stdout, bytes);
    }

    /// Copy what pipe `i` has to our stdout or stderr and to the log (all of it when
    /// `drain`: the container has ended); closed at its end.
    pub fn copy(&mut self, i: usize, drain: bool) {
        let stream = self.sources[i].1;
        let Some(fd) = self.sources[i].0.take() else {
            return;
        };
        if drain {
            let _ = fcntl(&fd, FcntlArg::F_SETFL(OFlag::O_NONBLOCK));
        }
        let mut buf = [0u8; 16384];
        loop {
            let n = match nix::unistd::read(fd.as_fd(), &mut buf) {
                // At its end (or EIO): closed.
                Ok(0) => return,
                Ok(n) => n,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::EAGAIN) => break,
                Err(_) => return,
            };
            // Unbuffered, as the container wrote it (a prompt without its newline shows).
            let shown = match stream {
                s if self.hidden.contains(&s) => true,
                Stream::Stderr => write_all(std::io::stderr().as_fd(), &buf[..n]),
                _ => write_all(std::io::stdout().as_fd(), &buf[..n]),
            };
            self.sink.write(stream, &buf[..n]);
            // Our reader went (`nook run ... | head -1`): the pipe closes, so that the
            // container's next write fails as it did when it wrote to ours directly.
            if !shown {
                return;
            }
            if !drain {
                break;
            }
        }
        self.sources[i].0 = Some(fd);
    }

    /// The container ended: what is left in the pipes.
    pub fn drain(&mut self) {
        for i in 0..self.sources.len() {
            self.copy(i, true);
        }
    }
}

/// Write all of `bytes` to `fd`; false when its reader has gone (EPIPE). Other failures lose
/// the bytes (the log still has them).
fn write_all(fd: std::os::fd::BorrowedFd<'_>, mut bytes: &[u8]) -> bool {
    while !bytes.is_empty() {
        match nix::unistd::write(fd, bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(nix::errno::Errno::EINTR) => {}
            Err(nix::errno::Errno::EPIPE) => return false,
            Err(_) => return true,
        }
    }
    true
}
