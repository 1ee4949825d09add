//! The caller's terminal: raw mode while a container owns it, restored on every way out.

use std::os::fd::{AsFd, BorrowedFd};

use nix::sys::termios::{SetArg, Termios, cfmakeraw, tcgetattr, tcsetattr};

/// Puts a terminal in raw mode; dropping it restores the saved settings.
pub struct RawMode {
    saved: Termios,
}

impl RawMode {
    /// Raw mode on standard input, when it is a terminal (otherwise nothing to do).
    pub fn enable() -> Option<RawMode> {
        let stdin = std::io::stdin();
        let saved = tcgetattr(stdin.as_fd()).ok()?;
        let mut raw = saved.clone();
        cfmakeraw(&mut raw);
        tcsetattr(stdin.as_fd(), SetArg::TCSANOW, &raw).ok()?;
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = tcsetattr(std::io::stdin().as_fd(), SetArg::TCSAFLUSH, &self.saved);
    }
}

/// Copy the window size of standard input's terminal to `pty`.
pub fn copy_winsize(pty: BorrowedFd<'_>) {
    if let Ok(ws) = crate::sys::get_winsize(std::io::stdin().as_fd()) {
        let _ = crate::sys::set_winsize(pty, &ws);
    }
}
