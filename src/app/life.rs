//! The story of a container's life after `run`: create, start, stop, restart, kill, wait,
//! rm, rename, pause and unpause, and the lifecycle options `run` and `create` record.

use std::path::PathBuf;
use std::time::Duration;

use nix::unistd::getuid;

use crate::cli::{KillArgs, LifeArgs, PauseArgs, RenameArgs, RmArgs, RunArgs, StopArgs, WaitArgs};
use crate::error::{Error, Result};
use crate::host::life as hostlife;
use crate::host::state::{ContainerRecord, ContainerStatus, Containers};
use crate::plan::life::{
    self as plan_life, LogDriver, RestartPolicy, key_values, log_max_size, parse_signal,
};
use crate::plan::record::{BusyRm, busy_rm};

use super::output::print;

/// The lifecycle flags of `run` and `create`, checked.
#[derive(Debug, Clone)]
pub struct Options {
    pub detach: bool,
    pub restart: Option<String>,
    pub labels: std::collections::BTreeMap<String, String>,
    pub annotations: std::collections::BTreeMap<String, String>,
    pub stop_signal: Option<String>,
    pub stop_timeout: Option<u64>,
    pub log_driver: LogDriver,
    pub log_max: Option<u64>,
    pub cidfile: Option<PathBuf>,
}

impl Options {
    pub fn of(a: &LifeArgs, remove: bool) -> Result<Options> {
        let restart = a
            .restart
            .as_deref()
            .map(RestartPolicy::parse)
            .transpose()
            .map_err(Error::Usage)?;
        if remove && restart.is_some_and(|r| r != RestartPolicy::No) {
            return Err(Error::Usage(
                "the --restart and --rm options conflict: a container removed when it ends cannot be restarted; drop one"
                    .into(),
            ));
        }
        if let Some(s) = &a.stop_signal {
            parse_signal(s).map_err(Error::Usage)?;
        }
        let log_driver =
            LogDriver::parse(a.log_driver.as_deref().unwrap_or("")).map_err(Error::Usage)?;
        if a.detach && log_driver == LogDriver::Passthrough {
            return Err(Error::Usage(
                "--log-driver passthrough needs the caller's terminal: use it without -d".into(),
            ));
        }
        if log_driver == LogDriver::Journald && !crate::host::logfile::journal_exists() {
            return Err(Error::Usage(
                "--log-driver journald: this machine has no journal (/run/systemd/journal/socket): use k8s-file".into(),
            ));
        }
        if let Some(f) = &a.cidfile
            && f.exists()
        {
            return Err(Error::Usage(format!(
                "container id file {} exists: remove it first, or give another --cidfile",
                f.display()
            )));
        }
        Ok(Options {
            detach: a.detach,
            restart: a.restart.clone(),
            labels: key_values(&a.label, "label").map_err(Error::Usage)?,
            annotations: key_values(&a.annotation, "annotation").map_err(Error::Usage)?,
            stop_signal: a.stop_signal.clone(),
            stop_timeout: a.stop_timeout,
            log_driver,
            log_max: log_max_size(&a.log_opt).map_err(Error::Usage)?,
            cidfile: a.cidfile.clone(),
        })
    }

    /// Write the lifecycle's fields into a new container's record.
    pub fn fill(
        &self,
        r: &mut ContainerRecord,
        image_stop: Option<String>,
        image_name: Option<String>,
    ) {
        r.labels = self.labels.clone();
        r.annotations = self.annotations.clone();
        r.stop_signal = self
            .stop_signal
            .clone()
            .or(image_stop)
            .or(Some("SIGTERM".into()));
        r.stop_timeout = Some(self.stop_timeout.unwrap_or(10));
        r.restart_policy = self.restart.clone();
        r.image_name = image_name;
        // A foreground run's output goes to the caller as it comes, and to its log as a
        // detached one's (none with `none` or `passthrough`).
        r.log_driver = Some(self.log_driver.name().to_string());
        if let Some(max) = self.log_max {
            r.annotations
                .entry("nook.log.max-size".into())
                .or_insert(max.to_string());
        }
    }

    pub fn write_cidfile(&self, id: &str) -> Result<()> {
        match &self.cidfile {
            Some(f) => std::fs::write(f, id)
                .map_err(|e| Error::io(format!("cannot write {}", f.display()), e)),
            None => Ok(()),
        }
    }
}

/// `--replace`: the container of that name goes first, running or not.
pub fn replace(containers: &Containers, name: Option<&str>) -> Result<()> {
    let Some(name) = name else { return Ok(()) };
    if let Some((dir, r, running)) = containers.find(name)
        && r.name == name
    {
        if running {
            stop_one(&dir, &r, Some(0))?;
        }
        containers.remove(&dir, &r.name);
    }
    Ok(())
}

/// `nook create`: the container made, its root file system kept, nothing started.
pub fn create(args: &RunArgs) -> Result<u8> {
    super::run_compat::compat(args)?;
    let conf = crate::host::facts::containers_conf()?;
    let req = super::run_compat::volumes_from(args, super::run::request(args, &conf))?;
    let req = super::pod::member(args, super::desktop::desktop(args, req)?)?;
    let mut life = Options::of(&super::run_compat::life_args(args, &conf), args.rm)?;
    life.detach = true;
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    if args.life.replace {
        replace(&containers, args.name.as_deref())?;
    }
    let (plan, held) = super::run::prepare(
        &req,
        &containers,
        &life,
        &args.image,
        args.bundle.as_deref(),
    )?;
    let id = plan.id.clone();
    keep_created(held)?;
    life.write_cidfile(&id)?;
    print(&format!("{id}\n"))?;
    Ok(0)
}

/// A container just made, kept as created: its root file system stays, its lock is handed
/// back (returned, for a monitor to take over).
pub fn keep_created(held: crate::host::acquire::Held) -> Result<std::fs::File> {
    held.container
        .update(|r| r.status = ContainerStatus::Created)?;
    if let Some(r) = held.rootfs {
        r.keep();
    }
    held.container.keep_locked()
}

/// One line to stdout.
fn say(text: &str) -> Result<()> {
    print(text).map(drop)
}

fn no_such(key: &str) -> Error {
    Error::Usage(format!(
        "no container with name or ID {key:?} found: no such container"
    ))
}

/// The containers a command names, or every one `all` picks.
fn targets(
    containers: &Containers,
    keys: &[String],
    all: Option<fn(&ContainerRecord, bool) -> bool>,
) -> Vec<String> {
    match all {
        Some(pick) => containers
            .list()
            .into_iter()
            .filter_map(|(_, r, running)| r.filter(|r| pick(r, running)).map(|r| r.id))
            .collect(),
        None => keys.to_vec(),
    }
}

/// Run `each` for every key; the last failure is returned (after the others ran), as podman
/// reports them.
fn for_each(keys: &[String], mut each: impl FnMut(&str) -> Result<()>) -> Result<u8> {
    let mut failed = None;
    for key in keys {
        if let Err(e) = each(key)
            && let Some(prev) = failed.replace(e)
        {
            eprintln!("Error: {prev}");
        }
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

/// Stop one running container: a stop request (no restart), its stop signal, SIGKILL after
/// `timeout` seconds (warned as podman, unless 0), and the wait until its nook has recorded it.
pub(crate) fn stop_one(
    dir: &std::path::Path,
    r: &ContainerRecord,
    timeout: Option<u64>,
) -> Result<()> {
    let _ = std::fs::write(dir.join(hostlife::STOP_FILE), b"");
    let sig = r
        .stop_signal
        .as_deref()
        .and_then(|s| parse_signal(s).ok())
        .unwrap_or(libc::SIGTERM);
    let wait = Duration::from_secs(timeout.or(r.stop_timeout).unwrap_or(10));
    let mut asked = false;
    // Its nook records the end, applies --rm, then lets the lock go. A monitor between two
    // runs of a restart policy may start one more before it sees the request: that one is
    // killed at once.
    while hostlife::is_running(dir) {
        match hostlife::open_pid1(dir) {
            Some(pid1) if !asked => {
                asked = true;
                hostlife::signal(&pid1, sig)?;
                if !hostlife::wait_exit(&pid1, wait) {
                    if !wait.is_zero() {
                        eprintln!("Warning: {}", plan_life::not_stopped(sig, &r.name, wait));
                    }
                    hostlife::signal(&pid1, libc::SIGKILL)?;
                }
            }
            Some(pid1) => {
                hostlife::signal(&pid1, libc::SIGKILL)?;
                std::thread::sleep(Duration::from_millis(10));
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    Ok(())
}

pub fn stop(args: &StopArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let all: Option<fn(&ContainerRecord, bool) -> bool> = args.all.then_some(|_, running| running);
    let keys = targets(&containers, &args.containers, all);
    for_each(&keys, |key| match containers.find(key) {
        Some((dir, r, running)) => {
            if running {
                stop_one(&dir, &r, args.time)?;
            }
            say(&format!("{key}\n"))
        }
        None if args.ignore => Ok(()),
        None => Err(no_such(key)),
    })
}

pub fn restart(args: &StopArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let all: Option<fn(&ContainerRecord, bool) -> bool> = args.all.then_some(|_, _| true);
    let keys = targets(&containers, &args.containers, all);
    for_each(&keys, |key| {
        let Some((dir, r, running)) = containers.find(key) else {
            return Err(no_such(key));
        };
        if running {
            stop_one(&dir, &r, args.time)?;
        }
        super::monitor::start_detached(&containers, &r.id, false)?;
        say(&format!("{}\n", r.id))
    })
}

pub fn kill(args: &KillArgs) -> Result<u8> {
    let sig = parse_signal(&args.signal).map_err(Error::Usage)?;
    let containers = Containers::open(getuid().as_raw())?;
    let all: Option<fn(&ContainerRecord, bool) -> bool> = args.all.then_some(|_, running| running);
    let keys = targets(&containers, &args.containers, all);
    for_each(&keys, |key| {
        let Some((dir, r, _)) = containers.find(key) else {
            return Err(no_such(key));
        };
        let Some(pid1) = hostlife::open_pid1(&dir) else {
            return Err(Error::Usage(format!(
                "can only kill running containers. {} is in state {}: container state improper",
                r.id,
                state_name(r.status)
            )));
        };
        // Only `stop` keeps a restart policy from starting it again, as with podman.
        hostlife::signal(&pid1, sig)?;
        say(&format!("{key}\n"))
    })
}

fn state_name(s: ContainerStatus) -> &'static str {
    match s {
        ContainerStatus::Created => "created",
        ContainerStatus::Running => "running",
        ContainerStatus::Paused => "paused",
        ContainerStatus::Stopping => "stopping",
        ContainerStatus::Exited => "exited",
    }
}

pub fn wait(args: &WaitArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    for_each(&args.containers, |key| {
        let Some((dir, mut r, _)) = containers.find(key) else {
            return match args.ignore {
                true => say("-1\n"),
                false => Err(no_such(key)),
            };
        };
        let mut left = None;
        loop {
            left = hostlife::wait_unlocked_code(&dir).or(left);
            match hostlife::record_of(&dir) {
                // A created container: until something starts it and it ends.
                Some(fresh) if fresh.status == ContainerStatus::Created => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Some(fresh) => {
                    r = fresh;
                    break;
                }
                // Removed (--rm) as it ended: its exit code went with it.
                None => break,
            }
        }
        let r = match containers.find(&r.id) {
            Some((_, settled, _)) => settled,
            None => r,
        };
        // A --rm container's record went with it: the code its nook left to its waiters.
        let code = r.exit_code.or(left).map(i32::from).unwrap_or(-1);
        say(&format!("{code}\n"))
    })
}

pub fn rm(args: &RmArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    let force = args.force;
    let pick: Option<fn(&ContainerRecord, bool) -> bool> = match (args.all, force) {
        (true, true) => Some(|_, _| true),
        (true, false) => Some(|_, running| !running),
        _ => None,
    };
    let keys = targets(&containers, &args.containers, pick);
    for_each(&keys, |key| {
        let Some((dir, r, running)) = containers.find(key) else {
            // Podman's exit code for a missing container in rm is 1, not 125.
            return match args.ignore || force {
                true => Ok(()),
                false => Err(Error::Init {
                    message: no_such(key).to_string(),
                    code: 1,
                    errno: None,
                }),
            };
        };
        if super::pod::infra_kept(&r, args.all)? {
            return Ok(());
        }
        if running {
            if !force {
                // podman's words and exit status 2 (its scripts compare both).
                return Err(Error::Init {
                    message: format!(
                        "cannot remove container {} as it is running - running or paused containers cannot be removed without force: container state improper",
                        r.id
                    ),
                    code: 2,
                    errno: None,
                });
            }
            stop_one(&dir, &r, args.time.or(Some(10)))?;
        }
        // Under its lock: a `start` from another shell cannot begin while it goes.
        let mut waits = 0;
        let lock = loop {
            match containers.lock_kept(&dir, &r.name) {
                Ok(lock) => break Some(lock),
                Err(_) => match busy_rm(hostlife::record_of(&dir).as_ref()) {
                    BusyRm::Gone => break None,
                    // Bounded: a lock file that cannot be opened must not spin.
                    BusyRm::Wait if waits < 50 => {
                        waits += 1;
                        hostlife::wait_unlocked(&dir);
                        std::thread::sleep(Duration::from_millis(waits));
                    }
                    _ => {
                        return Err(Error::Usage(format!(
                            "cannot remove container {}: it was started again meanwhile; stop it first",
                            r.id
                        )));
                    }
                },
            }
        };
        // It may have gone meanwhile (its own --rm, or another rm): what is left of its
        // directory (the lock file just made in it) goes too.
        let plan = args.volumes.then(|| hostlife::plan_of(&dir)).flatten();
        match hostlife::record_of(&dir) {
            Some(_) => containers.remove(&dir, &r.name),
            None if lock.is_some() => {
                let _ = std::fs::remove_dir_all(&dir);
            }
            None => {}
        }
        drop(lock);
        if let Some(plan) = plan {
            super::volume::remove_anonymous_volumes(&plan)?;
        }
        say(&format!("{key}\n"))
    })
}

pub fn rename(args: &RenameArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let Some((dir, r, _)) = containers.find(&args.container) else {
        return Err(no_such(&args.container));
    };
    containers.rename(&dir, &r, &args.name)?;
    Ok(0)
}

/// The cgroup directory nook made for a running container (`nook-ID…/container`), from
/// its PID 1's /proc entry.
fn own_cgroup(r: &ContainerRecord) -> Option<PathBuf> {
    let pid = r.pid?;
    let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
    let path = text.lines().find_map(|l| l.strip_prefix("0::"))?;
    let dir = PathBuf::from("/sys/fs/cgroup").join(path.trim_start_matches('/'));
    let parent = dir.parent()?.file_name()?.to_string_lossy().into_owned();
    let ours = dir.file_name().is_some_and(|n| n == "container")
        && parent.starts_with(&format!("nook-{}", &r.id[..r.id.len().min(12)]));
    ours.then_some(dir)
}

pub fn pause(args: &PauseArgs, freeze: bool) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let all: Option<fn(&ContainerRecord, bool) -> bool> = match freeze {
        true => args
            .all
            .then_some(|r, running| running && r.status == ContainerStatus::Running),
        false => args
            .all
            .then_some(|r, running| running && r.status == ContainerStatus::Paused),
    };
    let keys = targets(&containers, &args.containers, all);
    for_each(&keys, |key| {
        let Some((dir, r, running)) = containers.find(key) else {
            return Err(no_such(key));
        };
        let (want, word) = match freeze {
            true => (ContainerStatus::Running, "running"),
            false => (ContainerStatus::Paused, "paused"),
        };
        if !running || r.status != want {
            return Err(Error::Usage(format!(
                "\"{}\" is not {word}, can't {} it: container state improper",
                r.name,
                if freeze { "pause" } else { "unpause" }
            )));
        }
        let Some(cg) = own_cgroup(&r) else {
            return Err(Error::Usage(format!(
                "container {} has no cgroup of its own to freeze: run it where nook gets one (nook info says why not)",
                r.name
            )));
        };
        std::fs::write(cg.join("cgroup.freeze"), if freeze { "1" } else { "0" })
            .map_err(|e| Error::io(format!("cannot write {}/cgroup.freeze", cg.display()), e))?;
        containers.set_status(
            &dir,
            if freeze {
                ContainerStatus::Paused
            } else {
                ContainerStatus::Running
            },
        );
        say(&format!("{key}\n"))
    })
}
