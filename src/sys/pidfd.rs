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
/// `release_code_pages`; cheap (/proc/self/maps), read early by a process whose /proc will
/// stop showing itself.
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

/// Its code and its read-only data that was never written (`clean_file_ranges`), for a
/// long-lived process off any start's path (reading smaps walks the page tables).
pub fn code_and_data_ranges() -> Vec<(usize, usize)> {
    std::fs::read_to_string("/proc/self/smaps")
        .map(|smaps| clean_file_ranges(&smaps))
        .unwrap_or_default()
}

/// This process's /proc/self/smaps, opened now and read later with `ranges_of`: the
/// descriptor keeps naming this process after /proc is remounted for a container.
pub fn own_smaps() -> Option<std::fs::File> {
    std::fs::File::open("/proc/self/smaps").ok()
}

/// `code_and_data_ranges` read through a descriptor from `own_smaps`.
pub fn ranges_of(smaps: Option<std::fs::File>) -> Vec<(usize, usize)> {
    use std::io::Read;
    let mut text = String::new();
    match smaps.map(|mut f| f.read_to_string(&mut text)) {
        Some(Ok(_)) => clean_file_ranges(&text),
        _ => Vec::new(),
    }
}

/// From the text of /proc/PID/smaps: the private file mappings that are executable or
/// read-only and hold no page of their own (`Anonymous: 0 kB`): dropping their pages loses
/// nothing, the file has every byte. A read-only mapping with such pages (a RELRO segment,
/// written by the dynamic linker before it was protected) is left alone.
pub fn clean_file_ranges(smaps: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let mut f = line.split_whitespace();
        let first = f.next().unwrap_or_default();
        if let Some((a, b)) = first.split_once('-').filter(|_| !first.ends_with(':')) {
            let perms = f.next().unwrap_or_default();
            let path = line.split_whitespace().nth(5).unwrap_or_default();
            let range = usize::from_str_radix(a, 16)
                .ok()
                .zip(usize::from_str_radix(b, 16).ok());
            current = range.filter(|_| matches!(perms, "r-xp" | "r--p") && path.starts_with('/'));
        } else if first == "Anonymous:"
            && let Some(range) = current.take()
            && f.next() == Some("0")
        {
            out.push(range);
        }
    }
    out
}

/// Hand back the pages of this process's code and read-only data (`ranges`, from
/// `code_ranges` or `code_and_data_ranges`): a supervisor that waits for its container for
/// days touches little of the code that started it, and what it touches again is read back
/// from the page cache. Nothing is lost: the ranges hold no page the file does not have.
pub fn release_code_pages(ranges: &[(usize, usize)]) {
    for (a, b) in ranges {
        // SAFETY: the range is one of our own private, never-written file mappings;
        // MADV_DONTNEED drops its page table entries and the next access faults the same
        // bytes back in from the file.
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

#[cfg(test)]
mod tests {
    use super::clean_file_ranges;

    #[test]
    fn only_never_written_file_mappings_are_released() {
        let smaps = "\
55d0a000-55d0b000 r--p 00000000 fe:01 123 /usr/bin/nook
Size:                  4 kB
Anonymous:             0 kB
55d0b000-55d0c000 r-xp 00001000 fe:01 123 /usr/bin/nook
Anonymous:             0 kB
55d0c000-55d0d000 r--p 00002000 fe:01 123 /usr/bin/nook
Anonymous:             4 kB
55d0d000-55d0e000 rw-p 00003000 fe:01 123 /usr/bin/nook
Anonymous:             0 kB
55d0e000-55d0f000 rw-p 00000000 00:00 0                  [heap]
Anonymous:             4 kB
7ffd0000-7ffd1000 r-xp 00000000 00:00 0                  [vdso]
Anonymous:             0 kB
";
        assert_eq!(
            clean_file_ranges(smaps),
            vec![(0x55d0a000, 0x55d0b000), (0x55d0b000, 0x55d0c000)]
        );
    }

    #[test]
    fn garbage_gives_nothing() {
        assert!(clean_file_ranges("").is_empty());
        assert!(clean_file_ranges("zz-yy r-xp\nAnonymous: 0 kB\n").is_empty());
    }
}
