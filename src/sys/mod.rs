//! The only `unsafe` in nook: one system call per function, each with a `// SAFETY:` line.
//! Everything safe that nix already wraps is called from nix directly, not from here.
#![allow(unsafe_code)]

use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

use nix::errno::Errno;

mod pidfd;
pub use pidfd::{
    code_and_data_ranges, code_ranges, new_session, own_smaps, pidfd_open, pidfd_send_signal,
    ranges_of, release_code_pages, trim_heap,
};

/// Take ownership of a descriptor this process just received or inherited.
pub fn own_fd(raw: RawFd) -> OwnedFd {
    // SAFETY: callers pass a descriptor that was just received (SCM_RIGHTS) or inherited
    // through exec and that nothing else in this process owns or will close.
    unsafe { OwnedFd::from_raw_fd(raw) }
}

/// fork(2). The caller must be single-threaded (the container side always is).
pub fn fork() -> Result<nix::unistd::ForkResult, Errno> {
    // SAFETY: only called from `nook __init` and its children, which never start a thread,
    // so the child cannot inherit a lock held by another thread.
    unsafe { nix::unistd::fork() }
}

/// Drop one capability from the bounding set.
pub fn capbset_drop(cap: u32) -> Result<(), Errno> {
    // SAFETY: PR_CAPBSET_DROP takes an integer argument and touches no memory of ours.
    let r = unsafe { libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong, 0, 0, 0) };
    if r == -1 {
        // A capability newer than the running kernel is not in any set: nothing to drop.
        return match Errno::last() {
            Errno::EINVAL => Ok(()),
            e => Err(e),
        };
    }
    Ok(())
}

/// Mark the process (non-)dumpable, so that nothing in the container can ptrace it or open
/// its /proc files before it executes the command.
pub fn set_dumpable(dumpable: bool) -> Result<(), Errno> {
    // SAFETY: PR_SET_DUMPABLE takes an integer argument and touches no memory of ours.
    let r = unsafe { libc::prctl(libc::PR_SET_DUMPABLE, dumpable as libc::c_ulong, 0, 0, 0) };
    Errno::result(r).map(drop)
}

/// Mark every descriptor from `first` up close-on-exec (close_range with CLOSE_RANGE_CLOEXEC).
pub fn cloexec_from(first: u32) -> Result<(), Errno> {
    // SAFETY: close_range only changes descriptor flags; it reads no memory.
    let r = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            first,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    Errno::result(r).map(drop)
}

/// Close every descriptor from `first` to `last` (close_range); none when `last < first`.
pub fn close_range(first: u32, last: u32) -> Result<(), Errno> {
    if last < first {
        return Ok(());
    }
    // SAFETY: close_range closes descriptors; it reads no memory. The caller owns them all
    // and uses none of them afterwards.
    let r = unsafe { libc::syscall(libc::SYS_close_range, first, last, 0) };
    Errno::result(r).map(drop)
}

/// fork(2) of the host side, only while it has a single thread (read from /proc/self/stat
/// just before): None when it has more, and the caller executes a fresh process instead.
pub fn fork_if_single_threaded() -> Result<Option<nix::unistd::ForkResult>, Errno> {
    let stat = std::fs::read_to_string("/proc/self/stat").map_err(|_| Errno::EIO)?;
    let threads = crate::plan::proc_stat::ProcStat::parse(&stat).and_then(|s| s.threads());
    if threads != Some(1) {
        return Ok(None);
    }
    // SAFETY: the process has one thread (checked above, and nothing between that check
    // and this call starts one), so the child cannot inherit a lock held by another thread.
    unsafe { nix::unistd::fork() }.map(Some)
}

/// Whether this kernel runs x32 system calls (x86-64's ILP32 ABI: numbers with bit 30 set).
/// Most do not: built without it, or with it off unless booted with `syscall.x32=y`; such a
/// call then fails with ENOSYS whatever a seccomp filter says of it.
pub fn x32_syscalls() -> bool {
    const X32_SYSCALL_BIT: libc::c_long = 0x4000_0000;
    // SAFETY: getpid takes no argument and changes nothing, under either ABI's number.
    let r = unsafe { libc::syscall(X32_SYSCALL_BIT | libc::SYS_getpid) };
    r >= 0 || Errno::last() != Errno::ENOSYS
}

/// Make `tty` the controlling terminal of this (session-leader) process.
pub fn set_controlling_tty(tty: BorrowedFd<'_>) -> Result<(), Errno> {
    // SAFETY: TIOCSCTTY takes an integer argument, no pointer.
    let r = unsafe { libc::ioctl(tty.as_raw_fd(), libc::TIOCSCTTY, 0) };
    Errno::result(r).map(drop)
}

/// The window size of a terminal.
pub fn get_winsize(tty: BorrowedFd<'_>) -> Result<libc::winsize, Errno> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` into the valid, exclusively borrowed `ws`.
    let r = unsafe { libc::ioctl(tty.as_raw_fd(), libc::TIOCGWINSZ, &mut ws) };
    Errno::result(r).map(|_| ws)
}

/// Set the window size of a terminal.
pub fn set_winsize(tty: BorrowedFd<'_>, ws: &libc::winsize) -> Result<(), Errno> {
    // SAFETY: TIOCSWINSZ reads one `winsize` from the valid reference `ws`.
    let r = unsafe { libc::ioctl(tty.as_raw_fd(), libc::TIOCSWINSZ, ws) };
    Errno::result(r).map(drop)
}

/// The type of the namespace `ns` is (CLONE_NEWNET...): EINVAL or ENOTTY when it is none.
pub fn ns_type(ns: BorrowedFd<'_>) -> Result<i32, Errno> {
    // SAFETY: NS_GET_NSTYPE takes no argument and returns the type.
    let r = unsafe { libc::ioctl(ns.as_raw_fd(), libc::NS_GET_NSTYPE) };
    Errno::result(r)
}

/// The user namespace owning the namespace `ns` (a new descriptor).
pub fn ns_owner(ns: BorrowedFd<'_>) -> Result<OwnedFd, Errno> {
    // SAFETY: NS_GET_USERNS takes no argument and returns a new descriptor, owned here.
    let r = unsafe { libc::ioctl(ns.as_raw_fd(), libc::NS_GET_USERNS) };
    Errno::result(r).map(own_fd)
}

/// Bring the loopback interface up (SIOCSIFFLAGS through `sock`, an AF_INET datagram socket).
pub fn loopback_up(sock: BorrowedFd<'_>) -> Result<(), Errno> {
    // SAFETY: `ifreq` is plain data for which all zero bytes is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (dst, src) in req.ifr_name.iter_mut().zip(b"lo\0") {
        *dst = *src as libc::c_char;
    }
    req.ifr_ifru.ifru_flags =
        (libc::IFF_UP | libc::IFF_LOOPBACK | libc::IFF_RUNNING) as libc::c_short;
    // SAFETY: SIOCSIFFLAGS reads the name and flags from the valid reference `req`.
    let r = unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &req) };
    Errno::result(r).map(drop)
}

/// Restore signal `sig`'s default action. A command must not inherit the dispositions nook's
/// side had: the Rust runtime ignores SIGPIPE, and `nohup nook run ...` ignores SIGHUP (a shell
/// cannot trap a signal that was ignored when it started).
pub fn default_action(sig: libc::c_int) -> Result<(), Errno> {
    // SAFETY: installing SIG_DFL runs no handler code, so no async-signal-safety concern arises.
    let r = unsafe { libc::signal(sig, libc::SIG_DFL) };
    if r == libc::SIG_ERR {
        return Err(Errno::last());
    }
    Ok(())
}

/// Ignore signal `sig` (SIG_IGN).
pub fn ignore(sig: libc::c_int) -> Result<(), Errno> {
    // SAFETY: installing SIG_IGN runs no handler code, so no async-signal-safety concern arises.
    let r = unsafe { libc::signal(sig, libc::SIG_IGN) };
    if r == libc::SIG_ERR {
        return Err(Errno::last());
    }
    Ok(())
}

/// Install a seccomp filter given as a BPF program (an array of `struct sock_filter`).
pub fn seccomp_set_filter(program: &[libc::sock_filter]) -> Result<(), Errno> {
    let prog = libc::sock_fprog {
        len: program.len() as libc::c_ushort,
        filter: program.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: `prog` points to `program`, which outlives the call; the kernel copies it.
    let r = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            0,
            &prog as *const libc::sock_fprog,
        )
    };
    Errno::result(r).map(drop)
}

/// Have the program `cmd` starts receive SIGKILL when the thread that starts it ends (nook's
/// main thread: so a helper never outlives nook, even when nook itself is SIGKILLed).
pub fn kill_with_parent(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    let parent = nix::unistd::getpid();
    // SAFETY: the closure runs in the child between fork and exec; it allocates nothing and
    // makes only async-signal-safe calls (prctl, getppid).
    unsafe {
        cmd.pre_exec(move || {
            // SAFETY: PR_SET_PDEATHSIG takes an integer argument and touches no memory of ours.
            let r = libc::prctl(
                libc::PR_SET_PDEATHSIG,
                libc::SIGKILL as libc::c_ulong,
                0,
                0,
                0,
            );
            if r == -1 {
                return Err(std::io::Error::last_os_error());
            }
            // The parent may have died before the signal was armed: then do not start at all.
            if nix::unistd::getppid() != parent {
                return Err(std::io::Error::from_raw_os_error(libc::ESRCH));
            }
            Ok(())
        });
    }
}

/// splice(2): move up to `len` bytes from `from` to `to` (one of them a pipe) without a copy
/// through user space; blocks as the descriptors do. Returns the bytes moved (0: end of input).
pub fn splice(from: BorrowedFd<'_>, to: BorrowedFd<'_>, len: usize) -> Result<usize, Errno> {
    // SAFETY: no offsets are passed (null pointers: both ends use their file position, which
    // pipes and sockets do not have); splice reads no memory of ours.
    let r = unsafe {
        libc::splice(
            from.as_raw_fd(),
            std::ptr::null_mut(),
            to.as_raw_fd(),
            std::ptr::null_mut(),
            len,
            // Not SPLICE_F_MORE: it would hold back the last bytes of a small write.
            libc::SPLICE_F_MOVE,
        )
    };
    Errno::result(r).map(|n| n as usize)
}

/// fsetxattr(2): set extended attribute `name` on the open file `fd`.
pub fn fsetxattr(fd: BorrowedFd<'_>, name: &std::ffi::CStr, value: &[u8]) -> Result<(), Errno> {
    // SAFETY: `name` is NUL-terminated and `value` is a live slice of the given length.
    let r = unsafe {
        libc::fsetxattr(
            fd.as_raw_fd(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    };
    Errno::result(r).map(drop)
}

/// Set an environment variable of this process (the global options, handed down to every
/// layer and to the processes nook starts).
pub fn set_env(key: &str, value: &std::ffi::OsStr) {
    // SAFETY: called from `main` before the command runs, while the process has one thread:
    // nothing reads the environment concurrently.
    unsafe { std::env::set_var(key, value) }
}

/// Watch a signalfd from the current tokio runtime (epoll_ctl ADD).
pub fn watch_signalfd(
    fd: nix::sys::signalfd::SignalFd,
) -> std::io::Result<tokio::io::unix::AsyncFd<nix::sys::signalfd::SignalFd>> {
    // SAFETY: the AsyncFd takes the SignalFd, which owns its descriptor; nothing else can
    // close or replace that descriptor while it is registered.
    unsafe { tokio::io::unix::AsyncFd::register(fd) }.map_err(std::io::Error::from)
}

/// fork(2) from a process that may have other threads, for a child that only makes system
/// calls on memory the parent allocated before the fork and ends with `exit_now`
/// (`host::network::links`: setns, a netlink socket, send/recv).
pub fn fork_syscalls_only() -> Result<nix::unistd::ForkResult, Errno> {
    // SAFETY: the child takes no lock another thread could hold (no allocation, no stdio, no
    // Rust std lock): it runs system calls on buffers made before the fork, then `_exit`s.
    unsafe { nix::unistd::fork() }
}

/// _exit(2): end this process now, without exit handlers or flushing stdio (a forked child's).
pub fn exit_now(code: i32) -> ! {
    // SAFETY: _exit takes an integer and never returns; no memory of ours is touched.
    unsafe { libc::_exit(code) }
}
