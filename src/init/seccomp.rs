//! The container's seccomp program, as the host compiled it (host/seccomp.rs), loaded into
//! the process about to become the command.

use crate::proto::{InitError, Step};

/// The BPF program as the kernel's `sock_filter` array (8 bytes each, native byte order).
fn decode_program(bytes: &[u8]) -> Vec<libc::sock_filter> {
    bytes
        .chunks_exact(8)
        .map(|c| libc::sock_filter {
            code: u16::from_ne_bytes([c[0], c[1]]),
            jt: c[2],
            jf: c[3],
            k: u32::from_ne_bytes([c[4], c[5], c[6], c[7]]),
        })
        .collect()
}

/// Load the container's seccomp program, if it has one: the last step before its command.
pub(super) fn load(program: Option<&[u8]>) -> Result<(), InitError> {
    crate::trace::step("pid1 set up");
    match program {
        Some(bytes) => crate::sys::seccomp_set_filter(&decode_program(bytes))
            .map_err(|e| InitError::sys(Step::Seccomp, e)),
        None => Ok(()),
    }
}
