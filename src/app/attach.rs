//! The story of `nook attach` (and of `nook start -a -i`): the container's output followed
//! from its log, the caller's standard input sent to its monitor's attach socket (which
//! writes it to the container's stdin or terminal); ctrl-p ctrl-q detaches from a terminal.

use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::unistd::getuid;

use crate::cli::AttachArgs;
use crate::error::{Error, Result};
use crate::host::life as hostlife;
use crate::host::state::{ContainerRecord, ContainerStatus, Containers};

use super::logs::{Follower, Show};

/// podman's detach keys: ctrl-p, ctrl-q.
const DETACH: [u8; 2] = [0x10, 0x11];

pub fn attach(args: &AttachArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let Some((dir, r, running)) = containers.find(&args.container) else {
        return Err(Error::Usage(format!(
            "no container with name or ID {:?} found: no such container",
            args.container
        )));
    };
    if !running {
        return Err(Error::Usage(format!(
            "you can only attach to running containers: {} is not running (nook start -a {})",
            r.name, args.container
        )));
    }
    attach_to(&containers, &dir, &r, !args.no_stdin, None)
}

/// Attach to the container of `dir` until it ends (its exit code) or the user detaches (0).
/// `before` runs once the output is being followed (start -a: the start itself).
pub fn attach_to(
    containers: &Containers,
    dir: &Path,
    r: &ContainerRecord,
    stdin: bool,
    before: Option<&dyn Fn() -> Result<()>>,
) -> Result<u8> {
    let plan = hostlife::plan_of(dir);
    let (tty, interactive) = plan
        .as_ref()
        .map(|p| (p.process.tty, p.process.interactive))
        .unwrap_or((false, false));
    let mut follower = Follower::at_end(&containers.log_path(r), dir, Show::plain());
    if let Some(start) = before {
        start()?;
    }
    let mut sock = match stdin && interactive {
        true => Some(
            UnixStream::connect(hostlife::attach_socket(dir))
                .map_err(|e| Error::io("cannot reach the container's monitor", e))?,
        ),
        false => None,
    };
    let input = std::io::stdin();
    let _raw = match tty && sock.is_some() {
        true => crate::host::tty::RawMode::enable(),
        false => None,
    };
    let mut last = 0u8;
    loop {
        if sock.is_some() {
            let mut fds = [PollFd::new(input.as_fd(), PollFlags::POLLIN)];
            let ready = matches!(poll(&mut fds, PollTimeout::from(100u16)), Ok(n) if n > 0);
            if ready {
                let mut buf = [0u8; 4096];
                match input.lock().read(&mut buf) {
                    Ok(0) | Err(_) => {
                        if let Some(s) = sock.take() {
                            let _ = s.shutdown(std::net::Shutdown::Write);
                        }
                    }
                    Ok(n) => {
                        let bytes = &buf[..n];
                        if tty && detaches(last, bytes) {
                            return Ok(0);
                        }
                        last = bytes[n - 1];
                        if let Some(s) = sock.as_mut()
                            && s.write_all(bytes).is_err()
                        {
                            sock = None;
                        }
                    }
                }
            }
        } else {
            std::thread::sleep(Duration::from_millis(100));
        }
        if !follower.step() {
            break;
        }
    }
    hostlife::wait_unlocked(dir);
    Ok(match containers.find(&r.id) {
        Some((_, r, _)) if r.status == ContainerStatus::Exited => r.exit_code.unwrap_or(0),
        _ => 0,
    })
}

/// Whether the keys typed (after `last`) are the detach sequence.
fn detaches(last: u8, bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == DETACH) || (last == DETACH[0] && bytes[0] == DETACH[1])
}

#[cfg(test)]
mod tests {
    #[test]
    fn detach_keys() {
        assert!(super::detaches(0, &[0x10, 0x11]));
        assert!(super::detaches(0x10, &[0x11]));
        assert!(!super::detaches(0, &[0x11]));
        assert!(!super::detaches(0, b"pq"));
    }
}
