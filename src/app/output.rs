//! What the commands print: standard output that tolerates a closed pipe.

use std::io::Write;

use crate::error::{Error, Result};

/// Write `text` to standard output; returns the exit code 0.
pub fn print(text: &str) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(0),
        // A closed pipe (nook info | head) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(Error::io("cannot write to standard output", e)),
    }
}
