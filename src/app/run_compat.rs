//! What `nook run` and `nook create` do for podman's scripts: containers.conf's `log_driver`
//! under `--log-driver`, and the flags taken only for podman's sake (warned or refused).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crate::cli::RunArgs;
use crate::error::{Error, Result};
use crate::plan;
use crate::plan::containers_conf::ContainersConf;

/// The lifecycle flags, containers.conf's `log_driver` when `--log-driver` is left out.
pub fn life_args(args: &RunArgs, conf: &ContainersConf) -> crate::cli::LifeArgs {
    let mut life = args.life.clone();
    if life.log_driver.is_none() {
        life.log_driver = conf.log_driver.clone();
    }
    life
}

/// The flags nook takes for podman's scripts: a refusal, or warnings printed.
pub fn compat(args: &RunArgs) -> Result<()> {
    // Repeated --network flags: bridge networks only (`request` merges them).
    plan::network::membership::merge(&args.network).map_err(Error::Usage)?;
    let c = &args.compat;
    for w in plan::compat::check(c.kernel_memory.is_some(), &c.device_cgroup_rule)
        .map_err(Error::Usage)?
    {
        eprintln!("Warning: {w}");
    }
    if let Some(bad) = c.attach.iter().find(|s| {
        !matches!(
            s.to_ascii_lowercase().as_str(),
            "stdin" | "stdout" | "stderr"
        )
    }) {
        return Err(Error::Usage(format!(
            "invalid stream \"{bad}\" for --attach - must be one of stdin, stdout, or stderr"
        )));
    }
    if let Some(n) = c.preserve_fds.filter(|n| *n > 0) {
        if args.life.detach {
            return Err(Error::Usage(
                "--preserve-fds works with a container in the foreground: leave out --detach"
                    .into(),
            ));
        }
        // As podman: every descriptor passed on must be open.
        for fd in 3..3u64 + u64::from(n) {
            if std::fs::symlink_metadata(format!("/proc/self/fd/{fd}")).is_err() {
                return Err(Error::Usage(format!(
                    "file descriptor {fd} is not available - the preserve-fds option requires that all file descriptors must be passed"
                )));
            }
        }
    }
    Ok(())
}

/// `--timeout SECONDS`: PID 1 is killed when the time is up, unless the container ended
/// first (the guard dropped). Through a pidfd: a reused pid is never signalled.
pub struct Timeout {
    _ended: mpsc::Sender<()>,
    fired: Arc<AtomicBool>,
}

impl Timeout {
    pub fn arm(seconds: Option<u64>, pid1: nix::unistd::Pid) -> Option<Timeout> {
        let seconds = seconds.filter(|s| *s > 0)?;
        let pidfd = crate::sys::pidfd_open(pid1.as_raw()).ok()?;
        let (tx, rx) = mpsc::channel::<()>();
        let fired = Arc::new(AtomicBool::new(false));
        let flag = fired.clone();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) =
                rx.recv_timeout(Duration::from_secs(seconds))
            {
                flag.store(true, Ordering::SeqCst);
                use std::os::fd::AsFd;
                let _ = crate::sys::pidfd_send_signal(pidfd.as_fd(), libc::SIGKILL);
            }
        });
        Some(Timeout { _ended: tx, fired })
    }

    /// The container was killed for its time: podman's exit code 255 and no exit code of
    /// its own (inspect's -1).
    pub fn apply(self, ended: &mut crate::host::life::Ended) {
        if self.fired.load(Ordering::SeqCst) {
            ended.code = 255;
            ended.timed_out = true;
            ended.reason = Some("killed by --timeout".into());
        }
    }
}

/// The container's output and its log (`tee::foreground`: `logged` when its log driver keeps
/// one; the log is opened once the container exists); with `--attach STREAM...`, the log
/// still has every stream but only those named show (podman's). With neither stdout nor
/// stderr (`-a stdin`), the container's ID is printed first, as podman does (030-run checks
/// both ways). Without a log (`--log-driver none`), the streams left out go to /dev/null.
pub fn attached_output(
    attach: &[String],
    id: &str,
    logged: bool,
    tty: bool,
) -> Result<(Option<crate::host::tee::Tee>, crate::host::tee::Output)> {
    use crate::plan::life::Stream;
    if attach.is_empty() {
        return crate::host::tee::foreground(logged, tty);
    }
    let has = |s: &str| attach.iter().any(|a| a.eq_ignore_ascii_case(s));
    // The log has every stream (podman's); only the attached ones show.
    let logged = match tty {
        true => (None, None),
        false => crate::host::tee::foreground(logged, false)?,
    };
    if let (Some(mut tee), Some(pipes)) = logged {
        for (name, stream) in [("stdout", Stream::Stdout), ("stderr", Stream::Stderr)] {
            if !has(name) {
                tee.hide(stream);
            }
        }
        if !has("stdout") && !has("stderr") {
            println!("{id}");
        }
        return Ok((Some(tee), Some(pipes)));
    }
    let stream = |ours: std::os::fd::BorrowedFd<'_>, on: bool| -> Result<std::os::fd::OwnedFd> {
        match on {
            true => nix::unistd::dup(ours)
                .map_err(|e| Error::io("cannot duplicate a standard stream", e.into())),
            false => std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/null")
                .map(Into::into)
                .map_err(|e| Error::io("cannot open /dev/null", e)),
        }
    };
    use std::os::fd::AsFd;
    if !has("stdout") && !has("stderr") {
        println!("{id}");
    }
    let out = stream(std::io::stdout().as_fd(), has("stdout"))?;
    let err = stream(std::io::stderr().as_fd(), has("stderr"))?;
    Ok((None, Some((out, err, None))))
}

/// `--volumes-from CONTAINER[:ro|rw]`: the user mounts of each container named, as `-v` specs
/// (`plan::volumes_from`), after the run's own; a place the run mounts at itself keeps its own.
pub fn volumes_from(
    args: &RunArgs,
    mut req: plan::request::RunRequest,
) -> Result<plan::request::RunRequest> {
    if args.compat.volumes_from.is_empty() {
        return Ok(req);
    }
    let m = &req.mounts;
    let taken: Vec<String> = plan::volume::parse_all(&m.volumes, &m.mounts, &m.tmpfs)
        .unwrap_or_default()
        .iter()
        .map(|r| r.target().to_string())
        .collect();
    let containers = crate::host::state::Containers::open(nix::unistd::getuid().as_raw())?;
    let mut added: Vec<String> = Vec::new();
    for spec in &args.compat.volumes_from {
        let (name, readonly) = plan::volumes_from::parse(spec).map_err(Error::Usage)?;
        let (dir, _, _) = containers.find(name).ok_or_else(|| {
            Error::Usage(format!(
                "--volumes-from {name}: no container with name or ID {name:?}: nook ps -a lists them"
            ))
        })?;
        let Some(p) = crate::host::state::read_plan(&dir) else {
            return Err(Error::Usage(format!(
                "--volumes-from {name}: that container has no plan to read its mounts from: recreate it"
            )));
        };
        let mut taken = taken.clone();
        taken.extend(
            added
                .iter()
                .filter_map(|a| a.split(':').nth(1).map(str::to_string)),
        );
        let state_dir = p.state_dir.to_string_lossy();
        added.extend(plan::volumes_from::specs(
            &p.ops, &state_dir, &p.volumes, readonly, &taken,
        ));
    }
    req.mounts.volumes.extend(added);
    Ok(req)
}
