//! `nook healthcheck run`, and the monitor's healthcheck timer: the check runs inside the
//! container through `nook exec` (a child, with the check's timeout), its result goes to
//! the container's `health.json` (`.State.Health`), under a lock of its own.

use std::fs::File;
use std::io::{Read, Seek};
use std::os::fd::AsFd;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::unistd::getuid;

use crate::cli::HealthcheckRunArgs;
use crate::error::{Error, Result};
use crate::host::life::now_ns;
use crate::host::state::Containers;
use crate::plan::RunPlan;
use crate::plan::health::{self, Health, HealthLog, HealthPlan};
use crate::plan::life::rfc3339_nano;

/// The container's health, beside its record (the monitor and `healthcheck run` write it).
pub const HEALTH_FILE: &str = "health.json";
const OUTPUT_KEPT: usize = 4096;

/// `nook healthcheck run CONTAINER`.
pub fn run(args: &HealthcheckRunArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let live = containers.live(&args.container)?;
    let Some(plan) = &live.plan.health else {
        return Err(Error::Usage(format!(
            "container {} has no defined healthcheck: create it with --health-cmd",
            live.record.name
        )));
    };
    let result = check(&live.dir, &live.record.id, plan)?;
    let started = live.record.started_ns.unwrap_or(0);
    let since = now_ns().saturating_sub(started);
    let ok = result.exit_code == 0;
    update(&live.dir, |h| health::record(h, plan, result, since))?;
    if ok {
        return Ok(0);
    }
    println!("{}", health::UNHEALTHY);
    Ok(1)
}

/// The health recorded for the container of `dir`: none without a healthcheck; `starting`
/// before the first result.
pub fn read(dir: &Path, plan: Option<&RunPlan>) -> Option<Health> {
    plan?.health.as_ref()?;
    Some(recorded(dir).unwrap_or_default())
}

/// The health file as written (none before a run with a healthcheck wrote it).
pub fn recorded(dir: &Path) -> Option<Health> {
    serde_json::from_slice(&std::fs::read(dir.join(HEALTH_FILE)).ok()?).ok()
}

/// A run starts: its health is `starting` (none without a healthcheck).
pub fn reset(dir: &Path, plan: &RunPlan) {
    let _ = std::fs::remove_file(dir.join(HEALTH_FILE));
    if plan.health.is_some() {
        let _ = update(dir, |_| Health::default());
    }
}

fn update(dir: &Path, f: impl FnOnce(&Health) -> Health) -> Result<()> {
    let lock = File::create(dir.join("health.lock"))
        .map_err(|e| Error::io("cannot open the healthcheck's lock", e))?;
    lock.lock()
        .map_err(|e| Error::io("cannot lock the healthcheck's state", e))?;
    let old = recorded(dir).unwrap_or_default();
    let new = f(&old);
    let text = serde_json::to_vec(&new).map_err(|e| Error::Internal(e.to_string()))?;
    let tmp = dir.join(format!("{HEALTH_FILE}.{}", std::process::id()));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, dir.join(HEALTH_FILE)))
        .map_err(|e| Error::io("cannot write the container's health", e))
}

/// Run the check once, inside the container (`nook exec`), killed after its timeout.
fn check(dir: &Path, id: &str, plan: &HealthPlan) -> Result<HealthLog> {
    let start = now_ns();
    // The output goes to a file of no name (a pipe could fill while we wait).
    let out_path = dir.join(format!("health-out.{}", std::process::id()));
    let mut out = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&out_path)
        .map_err(|e| Error::io("cannot create the healthcheck's output file", e))?;
    let _ = std::fs::remove_file(&out_path);
    let err = out
        .try_clone()
        .map_err(|e| Error::io("cannot duplicate a descriptor", e))?;
    let err_copy = out
        .try_clone()
        .map_err(|e| Error::io("cannot duplicate a descriptor", e))?;
    let mut child = Command::new("/proc/self/exe")
        .arg("exec")
        .arg(id)
        .args(&plan.command)
        .stdin(Stdio::null())
        .stdout(Stdio::from(err))
        .stderr(Stdio::from(err_copy))
        .spawn()
        .map_err(|e| Error::io("cannot start nook exec for the healthcheck", e))?;
    let (code, timed_out) = wait_for(&mut child, plan.timeout)?;
    let mut text = Vec::new();
    let _ = out.rewind();
    let _ = (&mut out).take(OUTPUT_KEPT as u64).read_to_end(&mut text);
    let mut output = String::from_utf8_lossy(&text).into_owned();
    if timed_out {
        output = "Healthcheck command timed out".into();
    }
    Ok(HealthLog {
        start: rfc3339_nano(start),
        end: rfc3339_nano(now_ns()),
        exit_code: code,
        output,
    })
}

/// Wait for `child` for at most `timeout_ns`: its exit code, or 1 and true once it was
/// stopped (SIGTERM, which exec passes on to the check, then SIGKILL).
fn wait_for(child: &mut Child, timeout_ns: u64) -> Result<(i32, bool)> {
    let pidfd = crate::sys::pidfd_open(child.id() as i32)
        .map_err(|e| Error::io("cannot open the healthcheck's process", e.into()))?;
    let deadline = now_ns().saturating_add(timeout_ns);
    loop {
        let left_ms = deadline.saturating_sub(now_ns()) / 1_000_000;
        if left_ms == 0 {
            break;
        }
        let mut fds = [PollFd::new(pidfd.as_fd(), PollFlags::POLLIN)];
        let ms = PollTimeout::try_from(left_ms.min(60_000) as i32).unwrap_or(PollTimeout::MAX);
        match poll(&mut fds, ms) {
            Ok(0) | Err(nix::errno::Errno::EINTR) => continue,
            Ok(_) => {
                let status = child
                    .wait()
                    .map_err(|e| Error::io("cannot wait for the healthcheck", e))?;
                return Ok((status.code().unwrap_or(1), false));
            }
            Err(e) => return Err(Error::io("poll failed", e.into())),
        }
    }
    let _ = crate::sys::pidfd_send_signal(pidfd.as_fd(), libc::SIGTERM);
    let mut fds = [PollFd::new(pidfd.as_fd(), PollFlags::POLLIN)];
    if !matches!(poll(&mut fds, PollTimeout::from(1000u16)), Ok(1)) {
        let _ = child.kill();
    }
    let _ = child.wait();
    Ok((1, true))
}

/// The monitor's healthcheck timer: every interval one `nook healthcheck run` child (never
/// two at once), reaped as the monitor's poll loop passes by.
pub struct Timer {
    interval_ns: u64,
    next_ns: u64,
    child: Option<Child>,
    id: String,
}

impl Timer {
    /// The timer of a container with periodic checks; none without.
    pub fn of(plan: &RunPlan) -> Option<Timer> {
        let interval_ns = plan.health.as_ref()?.interval?;
        Some(Timer {
            interval_ns,
            next_ns: now_ns().saturating_add(interval_ns),
            child: None,
            id: plan.id.clone(),
        })
    }

    /// How long the monitor's poll may wait: until the next check, and at most a second
    /// while a check runs (to reap it).
    pub fn poll_timeout(&self) -> PollTimeout {
        let mut ms = self.next_ns.saturating_sub(now_ns()) / 1_000_000 + 1;
        if self.child.is_some() {
            ms = ms.min(1000);
        }
        PollTimeout::try_from(ms.min(60_000) as i32).unwrap_or(PollTimeout::MAX)
    }

    /// Reap a finished check, and start the next when it is due.
    pub fn tick(&mut self) {
        if let Some(c) = &mut self.child
            && !matches!(c.try_wait(), Ok(None))
        {
            self.child = None;
        }
        let now = now_ns();
        if now < self.next_ns {
            return;
        }
        self.next_ns = now.saturating_add(self.interval_ns);
        if self.child.is_some() {
            return;
        }
        self.child = Command::new("/proc/self/exe")
            .args(["healthcheck", "run", &self.id])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok();
    }

    /// The container ended: a check still running is ended too.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        self.stop();
    }
}
