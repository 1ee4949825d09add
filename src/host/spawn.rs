//! Starts `nook __init` (a re-execution of this binary) and drives the handshake with it.
//! The child is killed and reaped if the host side gives up, so nothing is left running.

use std::os::fd::AsRawFd;
use std::process::{Child, Command};

use nix::sys::signal::{Signal, kill};
use nix::unistd::{Pid, getpid};

use crate::error::{Error, Result, UsernsSysctls, describe_init};
use crate::proto::{Channel, FromInit, ToInit};
use crate::proto::{FD_ENV, PARENT_ENV};
use crate::proto::{InitError, init_exit_code};

pub struct Init {
    child: Option<Child>,
    pub chan: Channel,
}

fn read_sysctl(path: &str) -> Option<u64> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// Turn a container-side failure into the user's one line and exit code.
pub fn init_error(e: InitError) -> Error {
    let sysctls = if matches!(
        e,
        InitError::Sys {
            step: crate::proto::Step::UnshareUser,
            ..
        }
    ) {
        UsernsSysctls {
            max_user_namespaces: read_sysctl("/proc/sys/user/max_user_namespaces"),
            unprivileged_userns_clone: read_sysctl("/proc/sys/kernel/unprivileged_userns_clone"),
            apparmor_restrict: read_sysctl(
                "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
            ),
        }
    } else {
        UsernsSysctls::default()
    };
    Error::Init {
        code: init_exit_code(&e),
        message: describe_init(&e, &sysctls),
    }
}

impl Init {
    pub fn spawn() -> Result<Init> {
        let (host, theirs) =
            Channel::pair().map_err(|e| Error::io("cannot create a socket pair", e))?;
        // The duplicate has no close-on-exec flag, so it is the one descriptor that crosses.
        let inherited = nix::unistd::dup(theirs.as_fd())
            .map_err(|e| Error::io("cannot duplicate a descriptor", e.into()))?;
        let child = Command::new("/proc/self/exe")
            .arg("__init")
            .env(FD_ENV, inherited.as_raw_fd().to_string())
            .env(PARENT_ENV, getpid().as_raw().to_string())
            .spawn()
            .map_err(|e| Error::io("cannot start nook's container side (/proc/self/exe)", e))?;
        Ok(Init {
            child: Some(child),
            chan: host,
        })
    }

    pub fn pid(&self) -> Pid {
        Pid::from_raw(self.child.as_ref().map(|c| c.id() as i32).unwrap_or(0))
    }

    pub fn send(&self, msg: &ToInit) -> Result<()> {
        self.chan.send(msg, None).map_err(init_error)
    }

    /// Receive a message; a `Failed` from the container side becomes the error.
    pub fn recv(&mut self) -> Result<(FromInit, Option<std::os::fd::OwnedFd>)> {
        match self.chan.expect::<FromInit>() {
            Ok((FromInit::Failed(e), _)) => {
                self.reap();
                Err(init_error(e))
            }
            Ok(msg) => Ok(msg),
            Err(e) => Err(init_error(e)),
        }
    }

    /// Wait for the container side to exit (it does right after its last message).
    pub fn reap(&mut self) {
        // The container side waits for the channel to close before it exits.
        let _ = nix::sys::socket::shutdown(
            std::os::fd::AsRawFd::as_raw_fd(&self.chan.as_fd()),
            nix::sys::socket::Shutdown::Both,
        );
        if let Some(mut child) = self.child.take() {
            let _ = child.wait();
        }
    }
}

impl Drop for Init {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // The container's PID 1 dies with it (its parent-death signal).
            let _ = kill(Pid::from_raw(child.id() as i32), Signal::SIGKILL);
            let _ = child.wait();
        }
    }
}
