//! PID 1 of the container: builds the root, then becomes the command (or, with `--init`,
//! the reaper that starts it). Failures go back to `__init` as values before exit.

use std::convert::Infallible;
use std::ffi::CString;
use std::os::fd::{AsFd, OwnedFd};

use nix::fcntl::OFlag;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::pty::{grantpt, posix_openpt, ptsname_r, unlockpt};
use nix::sys::prctl;
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::stat::Mode;
use nix::unistd::{
    AccessFlags, ForkResult, Gid, Uid, access, chdir, dup2_stderr, dup2_stdin, dup2_stdout, execve,
    setresgid, setresuid, setsid,
};

use super::{hooks, reaper, rootfs, seccomp};
use crate::plan::process::{self, Identity};
use crate::plan::{ProcessPlan, RunPlan, caps};
use crate::proto::{Channel, FromInit};
use crate::proto::{InitError, Step, init_exit_code};

/// Entry of the forked PID 1; never returns.
pub fn container_main(
    plan: &RunPlan,
    seccomp: Option<&[u8]>,
    chan: Channel,
    network_ready: Option<OwnedFd>,
) -> ! {
    crate::trace::step("pid1 forked");
    let result = match setup(plan, &chan, network_ready) {
        Ok(tty) if plan.process.init || plan.process.pause => reaper::run(plan, seccomp, chan, tty),
        Ok(tty) => exec_command(
            &plan.process,
            &plan.plumbing,
            seccomp,
            &chan,
            tty,
            Launch::Container { id: &plan.id },
        ),
        Err(e) => Err(e),
    };
    fail(&chan, result)
}

/// Report a failure to `__init` and exit with its code.
pub(super) fn fail(chan: &Channel, result: Result<Infallible, InitError>) -> ! {
    let e = match result {
        Ok(never) => match never {},
        Err(e) => e,
    };
    let code = init_exit_code(&e);
    let _ = chan.send(&FromInit::Failed(e), None);
    std::process::exit(i32::from(code))
}

/// True when `__init` (the other end of `chan`) is gone.
fn parent_gone(chan: &Channel) -> bool {
    let mut fds = [PollFd::new(chan.as_fd(), PollFlags::POLLIN)];
    match poll(&mut fds, PollTimeout::ZERO) {
        Ok(_) => fds[0]
            .revents()
            .is_some_and(|r| r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR)),
        Err(_) => false,
    }
}

/// Arm the death signal and make sure the parent did not die before it was armed.
pub(super) fn tie_to_parent(chan: &Channel) -> Result<(), InitError> {
    prctl::set_pdeathsig(Signal::SIGKILL).map_err(|e| InitError::sys(Step::Fork, e))?;
    if parent_gone(chan) {
        std::process::exit(125);
    }
    Ok(())
}

/// Everything PID 1 does before the command: the root, the terminal, the bounding set.
fn setup(
    plan: &RunPlan,
    chan: &Channel,
    network_ready: Option<OwnedFd>,
) -> Result<Option<OwnedFd>, InitError> {
    // Must happen before the root is built: nothing in the container may ptrace this
    // process or open its /proc files while it still holds the host's descriptors.
    crate::sys::set_dumpable(false).map_err(|e| InitError::sys(Step::Fork, e))?;
    tie_to_parent(chan)?;
    setsid().map_err(|e| InitError::sys(Step::Pty, e))?;
    // Read before pivot_root, from the host's /proc: the pid the hooks' state gives.
    let pid = match plan.plumbing.hooks.is_empty() {
        true => None,
        false => hooks::host_pid(),
    };
    // --ipc container:NAME: a copy of the other container's /dev/shm mount, taken from its
    // mount namespace now (a bind cannot reach into another mount namespace), attached once
    // the root is ready.
    let shm = match plan.plumbing.join {
        Some(j) if j.ipc => Some(their_shm(j.pid)?),
        _ => None,
    };
    // Our own uid is not mapped (--userns=auto|nomap, --uidmap): the bind sources (in our
    // private directories) are opened while we are still ourselves, then we become the
    // namespace's root, or every file we create would fail with EOVERFLOW.
    // So is the root, made under our private runtime directory (an image's).
    let (ops, _sources, root) = match plan.plumbing.become_root {
        true => {
            let (ops, fds) = open_sources(&plan.ops)?;
            let root = rootfs::reach(&plan.rootfs)?;
            become_root()?;
            (ops, fds, Some(root))
        }
        false => (plan.ops.clone(), Vec::new(), None),
    };
    let rootfs_path = match &root {
        Some(fd) => std::path::PathBuf::from(format!(
            "/proc/self/fd/{}",
            std::os::fd::AsRawFd::as_raw_fd(fd)
        )),
        None => plan.rootfs.clone(),
    };
    rootfs::prepare(&rootfs_path, &ops, || {
        hooks::run_stage(plan, "createRuntime", "creating", pid)?;
        hooks::run_stage(plan, "createContainer", "creating", pid)
    })?;
    if let Some(tree) = shm {
        // The other container's /dev/shm over ours (--ipc container:NAME).
        rustix::mount::move_mount(
            &tree,
            "",
            rustix::fs::CWD,
            "/dev/shm",
            rustix::mount::MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
        )
        .map_err(|e| {
            InitError::sys_at(
                Step::Mount,
                nix::errno::Errno::from_raw(e.raw_os_error()),
                "/dev/shm",
            )
        })?;
    }
    hooks::run_stage(plan, "startContainer", "created", pid)?;
    for r in &plan.plumbing.rlimits {
        let Some(resource) = crate::plan::plumbing::resource(&r.name) else {
            continue;
        };
        nix::sys::resource::setrlimit(resource, r.soft, r.hard).map_err(|e| {
            InitError::User(format!(
                "--ulimit {}: cannot set {}:{}: {}: stay within your own limits (ulimit -a)",
                r.name,
                r.soft,
                r.hard,
                e.desc()
            ))
        })?;
    }
    let tty = if plan.process.tty {
        Some(open_pty(chan, plan.process.tty_size)?)
    } else {
        None
    };
    if let Some(fd) = network_ready {
        wait_for_network(fd)?;
    }
    // Must happen while we still hold CAP_SETPCAP, that is before the uid changes.
    for cap in caps::missing(plan.process.caps) {
        crate::sys::capbset_drop(cap).map_err(|e| InitError::sys(Step::Capabilities, e))?;
    }
    Ok(tty)
}

/// The root file system steps with each bind's source opened now (O_PATH) and named by its
/// descriptor, and the descriptors, to keep until the steps are done.
fn open_sources(
    ops: &[crate::plan::mounts::Op],
) -> Result<(Vec<crate::plan::mounts::Op>, Vec<OwnedFd>), InitError> {
    use crate::plan::mounts::Op;
    let mut fds = Vec::new();
    let mut out = Vec::with_capacity(ops.len());
    for op in ops {
        match op {
            Op::Bind {
                source,
                target,
                recursive,
                readonly,
            } => {
                let fd = nix::fcntl::open(
                    source.as_str(),
                    OFlag::O_PATH | OFlag::O_CLOEXEC,
                    Mode::empty(),
                )
                .map_err(|e| InitError::sys_at(crate::proto::Step::Bind, e, source))?;
                out.push(Op::Bind {
                    source: format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(&fd)),
                    target: target.clone(),
                    recursive: *recursive,
                    readonly: *readonly,
                });
                fds.push(fd);
            }
            other => out.push(other.clone()),
        }
    }
    Ok((out, fds))
}

/// A detached copy of the /dev/shm mount of the container whose PID 1 is `pid`: enter its
/// mount namespace, clone the mount, come back to ours.
fn their_shm(pid: i32) -> Result<OwnedFd, InitError> {
    use nix::sched::{CloneFlags, setns};
    let open = |path: &str| {
        nix::fcntl::open(path, OFlag::O_RDONLY | OFlag::O_CLOEXEC, Mode::empty())
            .map_err(|e| InitError::sys_at(Step::Mount, e, path))
    };
    let ours = open("/proc/self/ns/mnt")?;
    let theirs = open(&format!("/proc/{pid}/ns/mnt"))?;
    let shm = format!("/proc/{pid}/root/dev/shm");
    setns(&theirs, CloneFlags::CLONE_NEWNS).map_err(|e| InitError::sys_at(Step::Mount, e, &shm))?;
    let tree = rustix::mount::open_tree(
        rustix::fs::CWD,
        "/dev/shm",
        rustix::mount::OpenTreeFlags::OPEN_TREE_CLONE
            | rustix::mount::OpenTreeFlags::OPEN_TREE_CLOEXEC,
    );
    // Back first, whatever the clone gave: the rest of the setup happens in our namespace.
    setns(&ours, CloneFlags::CLONE_NEWNS).map_err(|e| InitError::sys_at(Step::Mount, e, "/"))?;
    tree.map_err(|e| {
        InitError::sys_at(
            Step::Mount,
            nix::errno::Errno::from_raw(e.raw_os_error()),
            &shm,
        )
    })
}

/// Become root of the user namespace (we hold every capability in it).
fn become_root() -> Result<(), InitError> {
    let g = Gid::from_raw(0);
    setresgid(g, g, g).map_err(|e| InitError::sys(Step::SetGid, e))?;
    let u = Uid::from_raw(0);
    setresuid(u, u, u).map_err(|e| InitError::sys(Step::SetUid, e))
}

/// Wait for the host's byte saying the network helper is ready (it was started while this
/// root was being prepared). Must happen before the command starts: it may use the network
/// at once. End of file without the byte: the host failed (and is taking us down).
fn wait_for_network(fd: OwnedFd) -> Result<(), InitError> {
    let mut byte = [0u8; 1];
    loop {
        return match nix::unistd::read(&fd, &mut byte) {
            Ok(1) => Ok(()),
            Err(nix::errno::Errno::EINTR) => continue,
            Ok(_) => Err(InitError::Protocol("the network was not set up".into())),
            Err(e) => Err(InitError::Protocol(format!("waiting for the network: {e}"))),
        };
    }
}

/// A new terminal from the container's own devpts; the controlling side goes to the host.
pub(super) fn open_pty(chan: &Channel, size: Option<(u16, u16)>) -> Result<OwnedFd, InitError> {
    let err = |e| InitError::sys_at(Step::Pty, e, "/dev/pts/ptmx");
    let master = posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC).map_err(err)?;
    grantpt(&master).map_err(err)?;
    unlockpt(&master).map_err(err)?;
    let name = ptsname_r(&master).map_err(err)?;
    let slave = nix::fcntl::open(
        name.as_str(),
        OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| InitError::sys_at(Step::Pty, e, &name))?;
    if let Some((rows, cols)) = size {
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        crate::sys::set_winsize(slave.as_fd(), &ws).map_err(err)?;
    }
    let master = OwnedFd::from(master);
    chan.send(&FromInit::Pty, Some(&master))?;
    Ok(slave)
}

/// The contents of a regular file of the container, or nothing: a FIFO or device planted as
/// /etc/passwd must not hang or feed the setup. Opened without blocking and checked once
/// open, because with `nook exec` the container's processes may swap the file meanwhile.
fn read_or_empty(path: &str) -> String {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let Ok(mut file) = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    else {
        return String::new();
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return String::new();
    }
    let mut text = String::new();
    match file.read_to_string(&mut text) {
        Ok(_) => text,
        Err(_) => String::new(),
    }
}

/// How the process is started: as the container's command, or by `nook exec`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Launch<'a> {
    /// The container `id`'s command: a missing working directory is created when the plan
    /// says so, as docker does for a missing WORKDIR.
    Container { id: &'a str },
    /// Into a running container: the working directory must exist; `detach` leaves the
    /// process behind (a child of the container's PID 1) with no input or output.
    Exec { detach: bool },
}

/// Standard input, output and error on /dev/null (a detached exec).
fn null_stdio() -> Result<(), InitError> {
    let null = nix::fcntl::open("/dev/null", OFlag::O_RDWR | OFlag::O_CLOEXEC, Mode::empty())
        .map_err(|e| InitError::sys_at(Step::Exec, e, "/dev/null"))?;
    for dup in [dup2_stdin, dup2_stdout, dup2_stderr] {
        dup(&null).map_err(|e| InitError::sys(Step::Exec, e))?;
    }
    Ok(())
}

pub(super) fn is_executable(path: &str) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file()) && access(path, AccessFlags::X_OK).is_ok()
}

pub(super) fn cstrings(items: &[String]) -> Result<Vec<CString>, InitError> {
    items
        .iter()
        .map(|s| CString::new(s.as_bytes()))
        .collect::<Result<_, _>>()
        .map_err(|_| {
            InitError::User(
                "an argument or environment variable contains a NUL byte: remove it".into(),
            )
        })
}

fn set_identity(id: &Identity, setgroups: bool) -> Result<(), InitError> {
    if setgroups {
        let groups: Vec<Gid> = id.groups.iter().map(|g| Gid::from_raw(*g)).collect();
        nix::unistd::setgroups(&groups).map_err(|e| InitError::sys(Step::SetGroups, e))?;
    }
    let gid = Gid::from_raw(id.gid);
    setresgid(gid, gid, gid).map_err(|e| InitError::sys(Step::SetGid, e))?;
    let uid = Uid::from_raw(id.uid);
    setresuid(uid, uid, uid).map_err(|e| InitError::sys(Step::SetUid, e))
}

/// Become the command. Called in PID 1, in the reaper's child with `--init`, or in the
/// process `nook exec` forks into the container.
pub(super) fn exec_command(
    p: &ProcessPlan,
    plumbing: &crate::plan::plumbing::Plumbing,
    seccomp: Option<&[u8]>,
    chan: &Channel,
    tty: Option<OwnedFd>,
    launch: Launch,
) -> Result<Infallible, InitError> {
    let detach = launch == Launch::Exec { detach: true };
    match tty {
        Some(slave) => {
            crate::sys::set_controlling_tty(slave.as_fd())
                .map_err(|e| InitError::sys(Step::Pty, e))?;
            for dup in [dup2_stdin, dup2_stdout, dup2_stderr] {
                dup(&slave).map_err(|e| InitError::sys(Step::Pty, e))?;
            }
        }
        None if detach => null_stdio()?,
        None if !p.interactive => {
            let null = nix::fcntl::open(
                "/dev/null",
                OFlag::O_RDONLY | OFlag::O_CLOEXEC,
                Mode::empty(),
            )
            .map_err(|e| InitError::sys_at(Step::Exec, e, "/dev/null"))?;
            dup2_stdin(&null).map_err(|e| InitError::sys(Step::Exec, e))?;
        }
        None => {}
    }
    let id = process::resolve_user(
        &p.user,
        &read_or_empty("/etc/passwd"),
        &read_or_empty("/etc/group"),
    )
    .map_err(InitError::User)?;
    // `-v ...:U`: the mount's files become the user's (container root may chown them).
    for path in &p.chown {
        rootfs::chown_mount(std::path::Path::new(path), id.uid, id.gid)
            .map_err(|e| InitError::sys_at(Step::Chown, crate::proto::errno_of(&e), path))?;
    }
    let mut id = id;
    for g in plumbing
        .extra_groups(&read_or_empty("/etc/group"))
        .map_err(InitError::User)?
    {
        if !id.groups.contains(&g) {
            id.groups.push(g);
        }
    }
    let mut env = p.env.clone();
    if process::env_value(&env, "HOME").is_none() {
        env.push(format!("HOME={}", id.home));
    }
    if let Launch::Container { id: container } = launch {
        // Created as container root, as docker does for a missing WORKDIR (the plan says
        // when); else a working directory the root lacks is podman's exit 126.
        if p.create_cwd {
            std::fs::create_dir_all(&p.cwd)
                .map_err(|e| InitError::sys_at(Step::Chdir, crate::proto::errno_of(&e), &p.cwd))?;
        } else if !std::path::Path::new(&p.cwd).is_dir() {
            return Err(InitError::NoWorkdir {
                path: p.cwd.clone(),
                id: container.to_string(),
            });
        }
    }
    // The filter goes in as late as possible: just before exec when the process keeps the
    // right to install it (root inside, or no_new_privs), else just before the identity
    // change takes CAP_SYS_ADMIN away.
    let late_filter = id.uid == 0 || p.no_new_privs;
    if !late_filter {
        seccomp::load(seccomp)?;
    }
    // --group-add keep-groups: no setgroups at all, so the caller's own groups stay.
    set_identity(&id, p.setgroups && !plumbing.keep_groups)?;
    // After the identity change, so the user's own permissions apply.
    chdir(p.cwd.as_str()).map_err(|e| InitError::sys_at(Step::Chdir, e, &p.cwd))?;
    let path = process::env_value(&env, "PATH").unwrap_or(process::DEFAULT_PATH);
    let cmd = &p.argv[0];
    let program = process::find_in_path(cmd, path, is_executable)
        .ok_or_else(|| InitError::NotFound(cmd.clone()))?;
    if p.no_new_privs {
        prctl::set_no_new_privs().map_err(|e| InitError::sys(Step::NoNewPrivs, e))?;
    }
    // Re-armed after the identity change, which cleared it.
    tie_to_parent(chan)?;
    let argv = cstrings(&p.argv)?;
    let envp = cstrings(&env)?;
    let program_c = cstrings(std::slice::from_ref(&program))?.remove(0);
    // Must be the last steps before exec: the command starts with default signal handling,
    // and no descriptor but stdio survives (the channel closes on exec, telling __init).
    for sig in Signal::iterator().filter(|s| !matches!(s, Signal::SIGKILL | Signal::SIGSTOP)) {
        crate::sys::default_action(sig as libc::c_int)
            .map_err(|e| InitError::sys(Step::Exec, e))?;
    }
    sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None)
        .map_err(|e| InitError::sys(Step::Exec, e))?;
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(p.umask));
    // --preserve-fds N: descriptors 3 to 3+N-1 (the user's, kept open this far) stay.
    crate::sys::cloexec_from(3 + p.preserve_fds).map_err(|e| InitError::sys(Step::Exec, e))?;
    if late_filter {
        seccomp::load(seccomp)?;
    }
    // Detached: the process that waits on us ends now; the command goes on in a child of
    // ours, which the container's PID 1 inherits (a fork clears the parent-death signal).
    if detach
        && let ForkResult::Parent { .. } =
            crate::sys::fork().map_err(|e| InitError::sys(Step::Fork, e))?
    {
        std::process::exit(0);
    }
    crate::trace::step("pid1 exec");
    let e = match execve(&program_c, &argv, &envp) {
        Ok(never) => match never {},
        Err(e) => e,
    };
    Err(InitError::CannotExec {
        command: program,
        errno: e as i32,
    })
}
