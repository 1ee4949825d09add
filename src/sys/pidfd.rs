//! Process file descriptors (signals that cannot reach a reused pid, waits for a process that
//! is not our child), and what a long-lived supervisor (a monitor, `__init`) does to itself:
//! a session of its own, its code pages handed back.
#![allow(unsafe_code)]

use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;

/// pidfd_open(2): a descriptor for process `pid`, close-on-exec.
pub fn pidfd_open(pid: i32) -> Result<OwnedFd, Errno> {
    // SAFETY: pidfd_open takes two integers and returns a new descriptor or -1.
    let r = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    Errno::result(r).map(|fd| super::own_fd(fd as i32))
}

/// pidfd_send_signal(2): send `sig` to the process `pidfd` names.
pub fn pidfd_send_signal(pidfd: BorrowedFd<'_>, sig: i32) -> Result<(), Errno> {
    // SAFETY: a null siginfo is allowed (the kernel fills it as kill(2) would); no memory of
    // ours is read or written.
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd.as_raw_fd(),
            sig,
            std::ptr::null::<libc::siginfo_t>(),
            0,
        )
    };
    Errno::result(r).map(drop)
}

/// Start the program `cmd` runs in a session of its own (setsid), away from the caller's
/// terminal and its hangup.
pub fn new_session(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the child between fork and exec and makes one
    // async-signal-safe call.
    unsafe {
        cmd.pre_exec(|| {
            // SAFETY: setsid takes no arguments and touches no memory of ours.
            if libc::setsid() == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// The ranges of this process's code (every `r-xp` file mapping, not [vdso]), for
/// `release_code_pages`; read early by a process whose /proc will stop showing itself.
pub fn code_ranges() -> Vec<(usize, usize)> {
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return Vec::new();
    };
    maps.lines()
        .filter_map(|line| {
            let mut f = line.split_whitespace();
            let (range, perms) = (f.next()?, f.next()?);
            if perms != "r-xp" || !line.contains(" /") {
                return None;
            }
            let (a, b) = range.split_once('-')?;
            Some((
                usize::from_str_radix(a, 16).ok()?,
                usize::from_str_radix(b, 16).ok()?,
            ))
        })
        .collect()
}

/// Hand back the pages of this process's code (`ranges`, from `code_ranges`): a supervisor
/// that waits for its container for days touches little of the code that started it, and
/// what it touches again is read back from the page cache. Text is never written, so nothing
/// is lost.
pub fn release_code_pages(ranges: &[(usize, usize)]) {
    for (a, b) in ranges {
        // SAFETY: the range is one of our own private, read-only, executable file mappings;
        // MADV_DONTNEED drops its page table entries and the next access faults the same
        // bytes back in from the file (text is never copied on write).
        unsafe {
            libc::madvise(*a as *mut libc::c_void, b - a, libc::MADV_DONTNEED);
        }
    }
}

/// Give the heap's free pages back to the system (malloc_trim(3)): a supervisor keeps what
/// it still uses, not the high-water mark of the start that came before.
pub fn trim_heap() {
    // SAFETY: malloc_trim takes an integer and only touches the allocator's own state, under
    // its lock.
    unsafe {
        libc::malloc_trim(0);
    }
}
