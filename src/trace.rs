//! `NOOK_TRACE=1`: one line on standard error per step of a start, stamped with the wall clock
//! in microseconds (comparable across nook's processes), so that where a start's time goes can be read from one run of the real binary
//! (`bench/trace.sh` runs it many times and prints each step's median). Off, a step costs one
//! load of a cached flag.

use std::sync::OnceLock;

/// Whether this process traces (NOOK_TRACE set and not `0`), read once.
fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NOOK_TRACE").is_some_and(|v| v != "0"))
}

/// Note that `what` is done: `nook-trace MICROSECONDS PID WHAT` on standard error.
pub fn step(what: &str) {
    if !on() {
        return;
    }
    let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) else {
        return;
    };
    let us = now.as_micros();
    eprintln!("nook-trace {us} {} {what}", std::process::id());
}
