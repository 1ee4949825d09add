//! The per-container monitor, nook's own (as podman's conmon, no daemon): `nook __monitor
//! ID` is started detached (its own session, no terminal) by `run -d`, `start` and
//! `restart`, holds the container's lock for as long as the container lives, runs it as
//! `nook run` does with its output on pipes it writes to the log, records how each run ended
//! (exit code, time, OOM, signal), applies `--restart` and `--rm`, and ends with it. Its
//! starter waits on a pipe for one word: `ok` once the command was executed, else the exit
//! code and the one line of the error. SIGKILL of the monitor kills the container with it
//! (`__init`'s parent-death signal); readers then settle its record as exited.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::process::{Command, ExitCode, Stdio};

use nix::fcntl::{FcntlArg, FdFlag, OFlag, fcntl};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::unistd::getuid;

use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::host::life::Ended;
use crate::host::logfile::Sink;
use crate::host::state::{Container, Containers};
use crate::host::{life as hostlife, network, seccomp, volume};
use crate::plan::RunPlan;
use crate::plan::exit::Status;
use crate::plan::life::{RestartPolicy, Stream};
use crate::plan::overlay::Driver;
use crate::plan::request::RunRequest;
use crate::plan::run::Root;

use super::launch::{Launched, begin, launch};
use super::output::print;

/// The hidden subcommand of the monitor.
pub const SUBCOMMAND: &str = "__monitor";
const LOCK_ENV: &str = "_NOOK_MONITOR_LOCK";
const REPORT_ENV: &str = "_NOOK_MONITOR_REPORT";

/// `nook run -d`: the container is created here (errors of the request come straight from
/// this process), then its monitor starts it; prints its full ID.
pub fn run_detached(
    req: &RunRequest,
    life: &super::life::Options,
    containers: &Containers,
    args: &crate::cli::RunArgs,
) -> Result<u8> {
    let (plan, held) =
        super::run::prepare(req, containers, life, &args.image, args.bundle.as_deref())?;
    let lock = super::life::keep_created(held)?;
    spawn(containers, &plan.id, lock, true)?;
    life.write_cidfile(&plan.id)?;
    print(&format!("{}\n", plan.id))?;
    Ok(0)
}

/// Start a kept container (created or exited) under a monitor of its own; returns once
/// its command was executed.
pub fn start_detached(containers: &Containers, id: &str, fresh: bool) -> Result<()> {
    let dir = containers.container_dir(id);
    super::pod::rejoin(containers, &dir)?;
    let name = hostlife::record_of(&dir)
        .map(|r| r.name)
        .unwrap_or_else(|| id.to_string());
    let lock = containers.lock_kept(&dir, &name)?;
    spawn(containers, id, lock, fresh)
}

fn inheritable(fd: impl AsFd) -> Result<OwnedFd> {
    // dup(2) leaves close-on-exec off: the one way across exec.
    nix::unistd::dup(fd.as_fd()).map_err(|e| Error::io("cannot duplicate a descriptor", e.into()))
}

/// Start the monitor of container `id`, handing it `lock`, and wait for its word. A `fresh`
/// container (made by this `run -d`) is removed again when it cannot start.
fn spawn(containers: &Containers, id: &str, lock: File, fresh: bool) -> Result<()> {
    let (rd, wr) = nix::unistd::pipe2(OFlag::O_CLOEXEC)
        .map_err(|e| Error::io("cannot create a pipe", e.into()))?;
    let lock_fd = inheritable(&lock)?;
    let report_fd = inheritable(&wr)?;
    let mut cmd = Command::new("/proc/self/exe");
    cmd.arg(SUBCOMMAND)
        .arg(id)
        .env(LOCK_ENV, lock_fd.as_raw_fd().to_string())
        .env(REPORT_ENV, report_fd.as_raw_fd().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    crate::sys::new_session(&mut cmd);
    let spawned = cmd.spawn();
    // The monitor holds the lock now (or nobody: then the container is as it was).
    drop((lock_fd, report_fd, wr, lock));
    if let Err(e) = spawned {
        return Err(Error::io(
            "cannot start the container's monitor (/proc/self/exe)",
            e,
        ));
    }
    let mut word = String::new();
    let _ = File::from(rd).read_to_string(&mut word);
    if word.trim() == "ok" {
        return Ok(());
    }
    let (code, message) = match word.split_once(' ') {
        Some((c, m)) => (c.parse().unwrap_or(125), m.trim().to_string()),
        None => (
            125,
            "the container's monitor ended before the container started: see nook logs".into(),
        ),
    };
    if fresh {
        let dir = containers.container_dir(id);
        hostlife::wait_unlocked(&dir);
        if let Some(r) = hostlife::record_of(&dir) {
            containers.remove(&dir, &r.name);
        }
    }
    Err(Error::Init {
        message,
        code,
        errno: None,
    })
}

/// `nook __monitor ID`.
pub fn main() -> ExitCode {
    let fd_of = |key: &str| {
        std::env::var(key)
            .ok()
            .and_then(|v| v.parse::<i32>().ok())
            .map(crate::sys::own_fd)
    };
    let (Some(id), Some(lock), Some(report)) =
        (std::env::args().nth(2), fd_of(LOCK_ENV), fd_of(REPORT_ENV))
    else {
        eprintln!("Error: nook __monitor is started by nook run -d and nook start");
        return ExitCode::from(125);
    };
    for fd in [&lock, &report] {
        let _ = fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC));
    }
    let mut report = Some(File::from(report));
    match serve(&id, File::from(lock), &mut report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(mut r) = report.take() {
                let line = e.to_string().replace('\n', " ");
                let _ = writeln!(r, "{} {line}", e.exit_code());
            }
            ExitCode::from(125)
        }
    }
}

fn serve(id: &str, lock: File, report: &mut Option<File>) -> Result<()> {
    let containers = Containers::open(getuid().as_raw())?;
    let (container, plan) = containers.adopt(id, lock)?;
    let record = container
        .record()
        .ok_or_else(|| Error::Internal(format!("the record of container {id} is missing")))?;
    let policy = match &record.restart_policy {
        Some(p) => RestartPolicy::parse(p).map_err(Error::Usage)?,
        None => RestartPolicy::No,
    };
    let mut sink = crate::host::tee::sink_for(&containers, &record)?;
    if matches!(sink, Sink::File(_)) {
        let path = containers.log_path(&record);
        container.update(|r| r.log_path = Some(path))?;
    }
    container.clear_stop_request();
    let mut restarts = record.restart_count;
    // `-i`: attach clients send the container's input here.
    let attach = match plan.process.interactive {
        true => Some(hostlife::listen_attach(container.dir())?),
        false => None,
    };
    loop {
        let ended = match once(&plan, &container, &mut sink, report, attach.as_ref()) {
            Ok(ended) => ended,
            // The first start's failure goes to the starter; a restart's to the record.
            Err(e) if report.is_some() => return Err(e),
            Err(e) => Ended {
                code: e.exit_code(),
                oom: false,
                reason: Some(format!("it could not be restarted: {e}")),
                timed_out: false,
            },
        };
        container.ended(&ended)?;
        if !policy.restarts(ended.code, restarts, container.stop_requested()) {
            break;
        }
        restarts += 1;
        container.update(|r| r.restart_count = restarts)?;
        // A command that fails at once must not spin a core.
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    container.clear_stop_request();
    super::pod::member_ended(&containers, id, record.pod.as_deref());
    if plan.remove {
        if let Some(code) = container.record().and_then(|r| r.exit_code) {
            container.leave_code(code);
        }
        containers.remove(container.dir(), &record.name);
        super::volume::remove_anonymous_volumes(&plan)?;
    }
    Ok(())
}

/// The root file system of a kept container, made again where it went (the runtime
/// directory was removed): the overlay's directories, or the vfs copy.
fn ensure_rootfs(plan: &RunPlan) -> Result<()> {
    match (&plan.root, plan.driver, &plan.overlay) {
        (Root::Image { blobs, shift, .. }, Some(Driver::Vfs), _) if !plan.rootfs.exists() => {
            crate::store::rootfs::Rootfs::create(blobs, &plan.rootfs, *shift, &HostUserns)?.keep();
        }
        (Root::Image { .. }, Some(_), Some(spec)) => {
            for dir in [&spec.mount.upper, &spec.mount.work, &spec.mount.target] {
                use std::os::unix::fs::DirBuilderExt;
                match std::fs::DirBuilder::new().mode(0o755).create(dir) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(Error::io(format!("cannot create {}", dir.display()), e)),
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// One run of the container: started, its output logged until it ends.
fn once(
    plan: &RunPlan,
    container: &Container,
    sink: &mut Sink,
    report: &mut Option<File>,
    attach: Option<&UnixListener>,
) -> Result<Ended> {
    ensure_rootfs(plan)?;
    // Each run starts its health anew (`starting`).
    super::health::reset(container.dir(), plan);
    let seccomp = match &plan.process.seccomp {
        Some(filter) => Some(seccomp::program(filter)?),
        None => None,
    };
    let ports = network::reserve_ports(&plan.network.ports)?;
    volume::create_all(&plan.volumes)?;
    let pipe = || {
        nix::unistd::pipe2(OFlag::O_CLOEXEC)
            .map_err(|e| Error::io("cannot create a pipe", e.into()))
    };
    let ((out_r, out_w), (err_r, err_w)) = (pipe()?, pipe()?);
    // `-i` without a terminal: the container's stdin is a pipe attach clients write to.
    let (in_r, in_w) = match plan.process.interactive && !plan.process.tty {
        true => {
            let (r, w) = pipe()?;
            (Some(r), Some(w))
        }
        false => (None, None),
    };
    let begun = begin(plan, seccomp, Some((out_w, err_w, in_r)), 0)?;
    let mut launched = launch(begun, plan, ports, container)?;
    if let Some(mut r) = report.take() {
        let _ = r.write_all(b"ok\n");
    }
    // The monitor lives as long as its container: the holder's spare it joined goes now.
    launched.init.end_spare();
    let input = match (&launched.pty, in_w) {
        (Some(pty), _) if plan.process.interactive => nix::unistd::dup(pty.as_fd()).ok(),
        (_, w) => w,
    };
    let mut inputs = Inputs {
        listener: attach,
        clients: Vec::new(),
        target: input,
        tty: plan.process.tty,
    };
    let mut timer = super::health::Timer::of(plan);
    let status = pump(
        &mut launched,
        out_r,
        err_r,
        sink,
        &mut inputs,
        timer.as_mut(),
    )?;
    let (ended, mut init) = launched.end(plan, status);
    init.reap();
    Ok(ended)
}

/// Where attach clients' input goes: the container's stdin pipe or its terminal.
struct Inputs<'a> {
    listener: Option<&'a UnixListener>,
    clients: Vec<UnixStream>,
    target: Option<OwnedFd>,
    tty: bool,
}

impl Inputs<'_> {
    fn accept(&mut self) {
        if let Some(l) = self.listener {
            while let Ok((c, _)) = l.accept() {
                self.clients.push(c);
            }
        }
    }

    /// Pass on what client `i` sent; at its end of input a pipe is closed (the container
    /// reads its end of input), a terminal stays.
    fn forward(&mut self, i: usize, buf: &mut [u8]) -> bool {
        match self.clients[i].read(buf) {
            Ok(0) | Err(_) => {
                if !self.tty {
                    self.target = None;
                }
                false
            }
            Ok(n) => {
                if let Some(t) = &self.target {
                    let _ = nix::unistd::write(t, &buf[..n]);
                }
                true
            }
        }
    }
}

/// Copy what the container writes to the log, and attach clients' input to it, until its
/// PID 1 ends.
fn pump(
    launched: &mut Launched,
    out: OwnedFd,
    err: OwnedFd,
    sink: &mut Sink,
    inputs: &mut Inputs,
    mut timer: Option<&mut super::health::Timer>,
) -> Result<Status> {
    // With a terminal, its output is the container's stdout.
    let mut sources: Vec<(Option<OwnedFd>, Stream)> =
        vec![(Some(out), Stream::Stdout), (Some(err), Stream::Stderr)];
    if let Some(pty) = launched.pty.take() {
        sources.push((Some(pty), Stream::Stdout));
    }
    let mut buf = vec![0u8; 65536];
    // From here on it copies output and waits: the code that started the container can go,
    // given back just before the first wait (what runs between is faulted back in, 64 KiB
    // around each page touched) with the heap's free pages.
    let mut release = Some(crate::sys::code_and_data_ranges());
    loop {
        let mut fds = vec![PollFd::new(launched.init.channel_fd(), PollFlags::POLLIN)];
        let live: Vec<usize> = (0..sources.len())
            .filter(|i| sources[*i].0.is_some())
            .collect();
        for i in &live {
            if let Some(fd) = &sources[*i].0 {
                fds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
            }
        }
        let first_client = fds.len() + usize::from(inputs.listener.is_some());
        if let Some(l) = inputs.listener {
            fds.push(PollFd::new(l.as_fd(), PollFlags::POLLIN));
        }
        for c in &inputs.clients {
            fds.push(PollFd::new(c.as_fd(), PollFlags::POLLIN));
        }
        if let Some(ranges) = release.take() {
            crate::sys::trim_heap();
            crate::sys::release_code_pages(&ranges);
        }
        let wait = timer
            .as_ref()
            .map_or(PollTimeout::NONE, |t| t.poll_timeout());
        match poll(&mut fds, wait) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(Error::io("poll failed", e.into())),
        }
        let ready = |f: &PollFd| {
            f.revents().is_some_and(|r| {
                r.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR)
            })
        };
        let exited = ready(&fds[0]);
        let readable: Vec<usize> = live
            .iter()
            .zip(&fds[1..])
            .filter(|(_, f)| ready(f))
            .map(|(i, _)| *i)
            .collect();
        let knocked = inputs.listener.is_some() && ready(&fds[first_client - 1]);
        let talked: Vec<usize> = fds[first_client..]
            .iter()
            .enumerate()
            .filter(|(_, f)| ready(f))
            .map(|(i, _)| i)
            .collect();
        drop(fds);
        if let Some(t) = timer.as_mut() {
            t.tick();
        }
        for i in readable {
            copy(&mut sources[i], sink, &mut buf, false);
        }
        // Backwards: a client that ended is removed without moving the ones still to read.
        for i in talked.into_iter().rev() {
            if !inputs.forward(i, &mut buf) {
                inputs.clients.remove(i);
            }
        }
        if knocked {
            inputs.accept();
        }
        if exited {
            let status = launched.init.wait_exit()?;
            // What is left in the pipes: every writer is gone with PID 1's namespace.
            for s in sources.iter_mut() {
                copy(s, sink, &mut buf, true);
            }
            return Ok(status);
        }
    }
}

/// Read what `source` has (all of it when `drain`) into the log; closed at end of input.
fn copy(source: &mut (Option<OwnedFd>, Stream), sink: &mut Sink, buf: &mut [u8], drain: bool) {
    let Some(fd) = &source.0 else { return };
    if drain {
        let _ = fcntl(fd, FcntlArg::F_SETFL(OFlag::O_NONBLOCK));
    }
    loop {
        match nix::unistd::read(fd.as_fd(), buf) {
            Ok(0) => {
                source.0 = None;
                return;
            }
            Ok(n) => sink.write(source.1, &buf[..n]),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(nix::errno::Errno::EAGAIN) => return,
            // EIO: a terminal whose other side closed.
            Err(_) => {
                source.0 = None;
                return;
            }
        }
        if !drain {
            return;
        }
    }
}
