//! The lifecycle's side of the container state: records kept in the data directory and
//! brought back after the runtime directory went away, records whose monitor died settled
//! as exited, a kept container reopened by its monitor, and signals to a container's PID 1
//! through a pidfd.

use std::fs::{self, File};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

use super::state::{
    Container, ContainerRecord, ContainerStatus, Containers, PID_FILE, PLAN_FILE, is_locked,
    read_record, write_json, write_record,
};
use crate::error::{Error, Result};
use crate::plan::RunPlan;
use crate::plan::exit::Status;

/// The time now, in nanoseconds since the epoch.
pub fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// When the machine started, in nanoseconds since the epoch (`btime` of /proc/stat).
fn boot_ns() -> Option<u64> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().find(|l| l.starts_with("btime "))?;
    let secs: u64 = line[6..].trim().parse().ok()?;
    Some(secs * 1_000_000_000)
}

/// How a container's run ended, as its record keeps it.
#[derive(Debug, Clone)]
pub struct Ended {
    pub code: u8,
    pub oom: bool,
    pub reason: Option<String>,
    /// Killed by `run --timeout`: no exit code of its own recorded (podman's -1).
    pub timed_out: bool,
}

impl Ended {
    pub fn of(status: Status, oom: bool) -> Ended {
        let reason = match status {
            _ if oom => Some("out of memory: killed by the kernel".to_string()),
            Status::Signaled(sig) => Some(format!(
                "killed by signal {sig} ({})",
                nix::sys::signal::Signal::try_from(sig)
                    .map(|s| s.as_str())
                    .unwrap_or("unknown")
            )),
            Status::Exited(_) => None,
        };
        Ended {
            code: status.code(),
            oom,
            reason,
            timed_out: false,
        }
    }

    pub fn apply(&self, r: &mut ContainerRecord) {
        r.exit_code = (!self.timed_out).then_some(self.code);
        r.status = ContainerStatus::Exited;
        r.pid = None;
        r.finished_ns = Some(now_ns());
        r.oom_killed = self.oom;
        r.exit_reason = self.reason.clone();
    }
}

fn running_status(s: ContainerStatus) -> bool {
    matches!(
        s,
        ContainerStatus::Running | ContainerStatus::Paused | ContainerStatus::Stopping
    )
}

impl Containers {
    /// The data directory of container `id`: none for a `--rm` one (nothing of it must
    /// survive) or without a data directory.
    pub(super) fn data_dir(&self, id: &str, remove: bool) -> Option<PathBuf> {
        match remove {
            true => None,
            false => self.data.as_ref().map(|d| d.join(id)),
        }
    }

    /// Change the plan of the container of `dir` (and its mirror in the data directory):
    /// `network connect` and `disconnect` record the container's networks there.
    pub fn update_plan(
        &self,
        dir: &Path,
        f: impl FnOnce(&mut RunPlan) -> std::result::Result<(), String>,
    ) -> Result<()> {
        let record = read_record(dir).ok_or_else(|| {
            Error::Internal(format!("the record of {} is missing", dir.display()))
        })?;
        let mut plan: RunPlan = fs::read(dir.join(PLAN_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| {
                Error::Usage(format!(
                    "container {} has no plan: remove it (nook rm {})",
                    record.name, record.name
                ))
            })?;
        f(&mut plan).map_err(Error::Usage)?;
        if let Some(data) = self.data_dir(&record.id, record.remove) {
            write_json(&data, PLAN_FILE, &plan)?;
        }
        write_json(dir, PLAN_FILE, &plan)
    }

    /// Where the root file system's own directories of container `id` go when they must
    /// survive a reboot (a kept container's, in the data directory); none: beside its state.
    pub fn private_dir(&self, id: &str, remove: bool) -> Option<PathBuf> {
        self.data_dir(id, remove)
    }

    /// The k8s-file log of a container (in the data directory when it is kept there).
    pub fn log_path(&self, r: &ContainerRecord) -> PathBuf {
        self.data_dir(&r.id, r.remove)
            .unwrap_or_else(|| self.container_dir(&r.id))
            .join("ctr.log")
    }

    /// Bring back the containers the data directory keeps and the runtime directory lost
    /// (a restart of the machine): their records say why they ended.
    pub(super) fn recover(&self) {
        let Some(data) = &self.data else { return };
        let Ok(entries) = fs::read_dir(data) else {
            return;
        };
        for e in entries.filter_map(|e| e.ok()) {
            let id = e.file_name().to_string_lossy().into_owned();
            let dir = self.container_dir(&id);
            if dir.exists() {
                continue;
            }
            let Some(mut record) = read_record(&e.path()) else {
                continue;
            };
            if running_status(record.status) {
                record.status = ContainerStatus::Exited;
                record.pid = None;
                record.exit_code = None;
                record.finished_ns = Some(now_ns());
                record.exit_reason = Some(
                    "nook's runtime directory was removed while it ran (as a restart of the machine does)"
                        .into(),
                );
            }
            let plan = fs::read(e.path().join(PLAN_FILE));
            let made = fs::DirBuilder::new().mode_private().create(&dir).is_ok();
            if !made {
                continue;
            }
            if let Ok(plan) = plan {
                let _ = fs::write(dir.join(PLAN_FILE), plan);
            }
            let _ = write_record(&dir, Some(&e.path()), &record);
            let _ = std::os::unix::fs::symlink(&id, self.root.join("names").join(&record.name));
        }
    }

    /// A record whose container has no live nook behind it but says it runs: its monitor
    /// was killed (or the machine restarted); recorded as exited with the reason, once.
    pub(super) fn settle(&self, dir: &Path, record: ContainerRecord) -> ContainerRecord {
        let Some((code, reason)) = crate::plan::life::reconcile(
            running_status(record.status),
            false,
            record.started_ns,
            boot_ns(),
        ) else {
            return record;
        };
        // Under the container's lock: a monitor starting it right now wins.
        let Ok(Some(_lock)) = crate::store::lock::try_take(&dir.join("lock")) else {
            return record;
        };
        let Some(mut fresh) = read_record(dir) else {
            return record;
        };
        if !running_status(fresh.status) {
            return fresh;
        }
        fresh.status = ContainerStatus::Exited;
        fresh.exit_code = code;
        fresh.pid = None;
        fresh.finished_ns = Some(now_ns());
        fresh.exit_reason = Some(reason.to_string());
        let _ = fs::remove_file(dir.join(PID_FILE));
        let data = self.data_dir(&fresh.id, fresh.remove);
        let _ = write_record(dir, data.as_deref(), &fresh);
        fresh
    }

    /// Take a kept container's lock to start it (its monitor, or `nook start` handing the
    /// lock on): refused while it runs.
    pub fn lock_kept(&self, dir: &Path, name: &str) -> Result<File> {
        crate::store::lock::try_take(&dir.join("lock"))
            .map_err(|e| Error::io("cannot lock the container", e))?
            .ok_or_else(|| {
                Error::Usage(format!(
                    "container {name} is already running: stop it first (nook stop {name})"
                ))
            })
    }

    /// A kept container, held through `lock` (taken by `lock_kept`, maybe by another
    /// process that handed it on): its plan, and a guard that never removes it by itself.
    pub fn adopt(&self, id: &str, lock: File) -> Result<(Container, RunPlan)> {
        let dir = self.container_dir(id);
        let record = read_record(&dir).ok_or_else(|| {
            Error::Usage(format!(
                "no container with name or ID {id:?} found: no such container"
            ))
        })?;
        let plan: RunPlan = fs::read(dir.join(PLAN_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| {
                Error::Usage(format!(
                    "container {} cannot be started: its plan is missing; remove it (nook rm {})",
                    record.name, record.name
                ))
            })?;
        // The runtime directory may be new (after a restart): the files the plan binds.
        for (file, contents) in &plan.files {
            let path = dir.join(file);
            if !path.exists() {
                let _ = fs::write(&path, contents);
                let _ =
                    fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644));
            }
        }
        let container = Container {
            dir,
            data: self.data_dir(id, record.remove),
            name_link: None,
            lock: Some(lock),
            keep: true,
        };
        Ok((container, plan))
    }
}

trait PrivateDir {
    fn mode_private(&mut self) -> &mut Self;
}

impl PrivateDir for fs::DirBuilder {
    fn mode_private(&mut self) -> &mut Self {
        use std::os::unix::fs::DirBuilderExt;
        self.mode(0o711)
    }
}

impl Container {
    /// Change the record (read, `f`, written back with its mirror).
    pub fn update(&self, f: impl FnOnce(&mut ContainerRecord)) -> Result<()> {
        let mut record = read_record(&self.dir).ok_or_else(|| {
            Error::Internal(format!("the record of {} is missing", self.dir.display()))
        })?;
        f(&mut record);
        if let Some(data) = &self.data {
            crate::store::private::create_dir(data)
                .map_err(|e| Error::io(format!("cannot create {}", data.display()), e))?;
        }
        write_record(&self.dir, self.data.as_deref(), &record)
    }

    /// The record as written.
    pub fn record(&self) -> Option<ContainerRecord> {
        read_record(&self.dir)
    }

    /// Keep the container (created, or exited) and hand its lock on: to the monitor that
    /// starts it, or to nobody (dropped).
    pub fn keep_locked(mut self) -> Result<File> {
        self.keep = true;
        self.name_link = None;
        self.lock.take().ok_or_else(|| {
            Error::Internal("internal error: a container guard without its lock".into())
        })
    }

    /// The container's run ended (it may start again, as its restart policy says): its
    /// pid file goes first (a stale pid could name a new process), then the record says so.
    pub fn ended(&self, ended: &Ended) -> Result<()> {
        let _ = fs::remove_file(self.dir.join(PID_FILE));
        self.update(|r| ended.apply(r))
    }

    /// Leave the exit code of a `--rm` container that is about to be removed in its lock
    /// file, for the waiters that hold it open (`wait_unlocked_code`).
    pub fn leave_code(&self, code: u8) {
        if let Some(lock) = &self.lock {
            let _ = std::os::unix::fs::FileExt::write_all_at(
                lock,
                crate::plan::record::left_code_text(code).as_bytes(),
                0,
            );
        }
    }

    /// Whether `nook stop` asked this container to end (no restart then).
    pub fn stop_requested(&self) -> bool {
        self.dir.join(STOP_FILE).exists()
    }

    pub fn clear_stop_request(&self) {
        let _ = fs::remove_file(self.dir.join(STOP_FILE));
    }

    /// Write the plan anew (a restart's new ports).
    pub fn write_plan(&self, plan: &RunPlan) -> Result<()> {
        if let Some(data) = &self.data {
            write_json(data, PLAN_FILE, plan)?;
        }
        write_json(&self.dir, PLAN_FILE, plan)
    }
}

/// The file whose presence tells the monitor the user stopped its container.
pub const STOP_FILE: &str = "stopping";

/// The record of a container directory, as readers see it.
pub fn record_of(dir: &Path) -> Option<ContainerRecord> {
    read_record(dir)
}

/// Whether the container of `dir` has a live nook behind it.
pub fn is_running(dir: &Path) -> bool {
    is_locked(dir)
}

/// Wait until the container of `dir` has no live nook behind it (its lock is free).
pub fn wait_unlocked(dir: &Path) {
    let _ = wait_unlocked_code(dir);
}

/// `wait_unlocked`, and the exit code a `--rm` container's nook left in its lock file
/// before it removed the container (`Container::leave_code`): the lock file this waiter
/// holds open outlives its directory.
pub fn wait_unlocked_code(dir: &Path) -> Option<u8> {
    let mut f = File::open(dir.join("lock")).ok()?;
    f.lock_shared().ok()?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut f, &mut text).ok()?;
    crate::plan::record::left_code(&text)
}

/// PID 1 of a running container as a pidfd: the pid file read, the process opened, the pid
/// file read again (the pid was not reused in between).
pub fn open_pid1(dir: &Path) -> Option<OwnedFd> {
    let read = || {
        fs::read_to_string(dir.join(PID_FILE))
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok())
            .filter(|p| *p > 0)
    };
    let pid = read()?;
    let fd = crate::sys::pidfd_open(pid).ok()?;
    (read() == Some(pid) && is_locked(dir)).then_some(fd)
}

/// Send `sig` to the process a pidfd names (ESRCH: it already ended, fine).
pub fn signal(pidfd: &OwnedFd, sig: i32) -> Result<()> {
    match crate::sys::pidfd_send_signal(pidfd.as_fd(), sig) {
        Ok(()) | Err(nix::errno::Errno::ESRCH) => Ok(()),
        Err(e) => Err(Error::io(
            format!("cannot send signal {sig} to the container"),
            e.into(),
        )),
    }
}

/// Wait up to `timeout` for the process a pidfd names to end; true when it did.
pub fn wait_exit(pidfd: &OwnedFd, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let ms = u16::try_from(left.as_millis()).unwrap_or(u16::MAX);
        let mut fds = [PollFd::new(pidfd.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::from(ms)) {
            Ok(n) if n > 0 => return true,
            Ok(_) if left.is_zero() => return false,
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            Err(_) => return false,
        }
    }
}

impl Containers {
    /// Give a container a new name: the new name claimed first (refused when taken), the
    /// record changed, the old name let go.
    pub fn rename(&self, dir: &Path, record: &ContainerRecord, new: &str) -> Result<()> {
        if !crate::plan::run::valid_name(new) {
            return Err(Error::Usage(format!(
                "invalid container name {new:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit"
            )));
        }
        let link = self.root.join("names").join(new);
        match std::os::unix::fs::symlink(&record.id, &link) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::Usage(format!(
                    "the container name {new:?} is already in use: choose another name"
                )));
            }
            Err(e) => return Err(Error::io("cannot record the container name", e)),
        }
        self.change(dir, |r| r.name = new.to_string());
        let old = self.root.join("names").join(&record.name);
        if fs::read_link(&old).is_ok_and(|t| t == Path::new(&record.id)) {
            let _ = fs::remove_file(old);
        }
        Ok(())
    }

    /// Set the status a record shows (pause, unpause).
    pub fn set_status(&self, dir: &Path, status: ContainerStatus) {
        self.change(dir, |r| r.status = status);
    }

    fn change(&self, dir: &Path, f: impl FnOnce(&mut ContainerRecord)) {
        if let Some(mut r) = read_record(dir) {
            f(&mut r);
            let data = self.data_dir(&r.id, r.remove);
            let _ = write_record(dir, data.as_deref(), &r);
        }
    }
}

/// A container's plan, as its directory keeps it.
pub fn plan_of(dir: &Path) -> Option<RunPlan> {
    serde_json::from_slice(&fs::read(dir.join(PLAN_FILE)).ok()?).ok()
}

/// The monitor's attach socket of the container of `dir`, named through /proc/self/fd so that
/// a long directory path stays within a socket address's 108 bytes.
pub fn attach_socket(dir: &Path) -> PathBuf {
    match File::open(dir) {
        // The descriptor is leaked on purpose: the path names it for as long as we use it.
        Ok(f) => {
            let fd = std::os::fd::IntoRawFd::into_raw_fd(f);
            PathBuf::from(format!("/proc/self/fd/{fd}/attach"))
        }
        Err(_) => dir.join("attach"),
    }
}

/// The monitor's end of the attach socket: private (0600), not blocking.
pub fn listen_attach(dir: &Path) -> Result<std::os::unix::net::UnixListener> {
    let _ = fs::remove_file(dir.join("attach"));
    let l = std::os::unix::net::UnixListener::bind(attach_socket(dir))
        .map_err(|e| Error::io("cannot create the container's attach socket", e))?;
    let _ = fs::set_permissions(
        dir.join("attach"),
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    );
    l.set_nonblocking(true)
        .map_err(|e| Error::io("cannot create the container's attach socket", e))?;
    Ok(l)
}

/// The record of a container that has just started (PID 1 `pid`, published `ports`).
pub fn started(r: &mut ContainerRecord, pid: i32, ports: Vec<crate::plan::network::PortMapping>) {
    r.status = ContainerStatus::Running;
    r.pid = Some(pid);
    r.started_ns = Some(now_ns());
    r.finished_ns = None;
    r.exit_code = None;
    r.exit_reason = None;
    r.oom_killed = false;
    r.ports = ports;
}
