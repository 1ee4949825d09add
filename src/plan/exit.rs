//! Exit codes: the container's own, 128+N for signal N, and nook's reserved 125/126/127.

use serde::{Deserialize, Serialize};

/// nook itself failed (bad input, a system refusal).
pub const NOOK_ERROR: u8 = 125;
/// The command exists but cannot be executed.
pub const NOT_EXECUTABLE: u8 = 126;
/// The command was not found.
pub const NOT_FOUND: u8 = 127;

/// How the container's first process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Exited(i32),
    Signaled(i32),
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Exited(code) => (code & 0xff) as u8,
            Status::Signaled(sig) => 128u8.saturating_add((sig & 0x7f) as u8),
        }
    }
}

/// The exit code for a failed `execve` of the command, by errno.
pub fn exec_failure_code(errno: i32) -> u8 {
    if errno == libc::ENOENT {
        NOT_FOUND
    } else {
        NOT_EXECUTABLE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(Status::Exited(3).code(), 3);
        assert_eq!(Status::Exited(256 + 7).code(), 7);
        assert_eq!(Status::Signaled(9).code(), 137);
        assert_eq!(Status::Signaled(15).code(), 143);
        assert_eq!(exec_failure_code(libc::ENOENT), 127);
        assert_eq!(exec_failure_code(libc::EACCES), 126);
        assert_eq!(exec_failure_code(libc::ENOEXEC), 126);
    }
}
