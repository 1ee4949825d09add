//! Per-container state under `$XDG_RUNTIME_DIR/nook` (or a private `/tmp/nook-UID`): one
//! directory per container, held by a lock for as long as its `nook run` or its monitor
//! lives, names as atomic symlinks. A container whose lock is free has no live nook behind
//! it. The record and the plan of a kept container are mirrored in the data directory
//! (`containers/ID` beside the store), with its logs, so that they survive a reboot.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::plan::RunPlan;

pub use crate::plan::record::{ContainerRecord, ContainerStatus};

/// Whether `dir` can hold our runtime state: a directory of ours. After `su`, the variable
/// may still name the previous user's directory.
pub fn usable_runtime_dir(dir: &Path, uid: u32) -> bool {
    fs::metadata(dir).is_ok_and(|m| m.is_dir() && m.uid() == uid)
}

/// The runtime directory: `$XDG_RUNTIME_DIR/nook`, else `/tmp/nook-UID` (as over su or cron).
pub fn runtime_dir(uid: u32) -> PathBuf {
    // The global --runroot (app::globals).
    if let Some(dir) = std::env::var_os("NOOK_RUNROOT").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(dir) if !dir.is_empty() && usable_runtime_dir(Path::new(&dir), uid) => {
            Path::new(&dir).join("nook")
        }
        _ => PathBuf::from(format!("/tmp/nook-{uid}")),
    }
}

/// The user's containers: one state directory each under the runtime directory (the image
/// store is `store::Store`).
pub struct Containers {
    pub(super) root: PathBuf,
    /// Where kept containers' records, plans and logs survive (`containers/` beside the
    /// store); none when there is no data directory.
    pub(super) data: Option<PathBuf>,
}

pub(super) fn mkdir_private(path: &Path, uid: u32) -> Result<()> {
    match fs::DirBuilder::new().mode(0o700).create(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            // Under /tmp anyone could have made it first: it must be ours and private.
            let meta = fs::symlink_metadata(path)
                .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            if !meta.is_dir() || meta.uid() != uid || meta.mode() & 0o077 != 0 {
                return Err(Error::Usage(format!(
                    "{} is not a private directory owned by you: remove it, or set XDG_RUNTIME_DIR",
                    path.display()
                )));
            }
            Ok(())
        }
        Err(e) => Err(Error::io(format!("cannot create {}", path.display()), e)),
    }
}

pub(super) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl Containers {
    pub fn open(uid: u32) -> Result<Containers> {
        let root = runtime_dir(uid);
        mkdir_private(&root, uid)?;
        for sub in ["containers", "names"] {
            mkdir_private(&root.join(sub), uid)?;
        }
        let data = crate::store::location::locate()
            .ok()
            .map(|l| l.top.join("containers"));
        let containers = Containers { root, data };
        containers.recover();
        Ok(containers)
    }

    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.root.join("containers").join(id)
    }

    fn name_link(&self, name: &str) -> PathBuf {
        self.root.join("names").join(name)
    }

    /// Create the container's directory, take its lock, claim its name and write its files
    /// (its record as `fill` completes it).
    /// Everything is undone if the returned guard is dropped before `finish`.
    pub fn create(
        &self,
        plan: &RunPlan,
        ports: &[crate::plan::network::PortMapping],
        fill: impl FnOnce(&mut ContainerRecord),
    ) -> Result<Container> {
        let dir = self.container_dir(&plan.id);
        fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        let mut guard = Container {
            dir: dir.clone(),
            data: self.data_dir(&plan.id, plan.remove),
            name_link: None,
            lock: None,
            keep: false,
        };
        // In a directory just made: nobody else can hold it, so it is taken without waiting.
        let lock = crate::store::lock::try_take(&dir.join("lock"))
            .map_err(|e| Error::io("cannot lock the container", e))?
            .ok_or_else(|| {
                Error::Usage(format!(
                    "the lock of the new container {} is held by another process: run again",
                    plan.id
                ))
            })?;
        guard.lock = Some(lock);
        let link = self.name_link(&plan.name);
        match std::os::unix::fs::symlink(&plan.id, &link) {
            Ok(()) => guard.name_link = Some(link),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                let owner = fs::read_link(&link)
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "the container name {:?} is already in use by {}: remove that container (nook rm {}) or choose another name",
                    plan.name,
                    &owner[..owner.len().min(12)],
                    plan.name
                )));
            }
            Err(e) => return Err(Error::io("cannot record the container name", e)),
        }
        for (file, contents) in &plan.files {
            let path = dir.join(file);
            fs::write(&path, contents)
                .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
            // World-readable: processes of other ids inside the container read them.
            let _ = fs::set_permissions(&path, fs::Permissions::from_mode(0o644));
        }
        // The directory itself must be searchable by the container's subordinate ids for
        // the bind mounts of those files to be readable by them.
        let _ = fs::set_permissions(&dir, fs::Permissions::from_mode(0o711));
        let mut record = ContainerRecord {
            id: plan.id.clone(),
            name: plan.name.clone(),
            command: plan.process.argv.clone(),
            rootfs: plan.rootfs.clone(),
            created: now(),
            remove: plan.remove,
            exit_code: None,
            ports: ports.to_vec(),
            image: plan.image.clone(),
            volumes: plan.volumes.clone(),
            store: match &plan.root {
                crate::plan::run::Root::Image { store, .. } => Some(store.clone()),
                crate::plan::run::Root::Dir => None,
            },
            status: ContainerStatus::Running,
            pid: None,
            started_ns: None,
            finished_ns: None,
            oom_killed: false,
            exit_reason: None,
            image_name: None,
            labels: Default::default(),
            annotations: Default::default(),
            stop_signal: None,
            stop_timeout: None,
            restart_policy: None,
            restart_count: 0,
            log_driver: None,
            log_path: None,
            pod: None,
        };
        fill(&mut record);
        // What `exec`, `cp` and `--ipc container:NAME` need of a running container: its plan
        // (process, security, ids) and, once known, its PID 1 (`Container::set_pid`).
        write_json(&dir, PLAN_FILE, plan)?;
        if let Some(data) = &guard.data {
            crate::store::private::create_dir(data)
                .map_err(|e| Error::io(format!("cannot create {}", data.display()), e))?;
            write_json(data, PLAN_FILE, plan)?;
        }
        write_record(&dir, guard.data.as_deref(), &record)?;
        // The plan's filter is not part of its JSON: `nook exec` reads it here (null when
        // the container runs unconfined).
        write_json(&dir, SECCOMP_FILE, &plan.process.seccomp)?;
        Ok(guard)
    }

    /// A running container by name, full id or unique id prefix: its record, plan and PID 1.
    /// Podman's messages for an unknown container and for one that is not running.
    pub fn live(&self, key: &str) -> Result<Live> {
        let Some((dir, record, running)) = self.find(key) else {
            return Err(Error::Usage(format!(
                "no container with name or ID {key:?} found: no such container"
            )));
        };
        let not_running = || {
            Error::Usage(format!(
                "container {} is not running: start it first (nook start {key})",
                record.name
            ))
        };
        if !running {
            return Err(not_running());
        }
        let plan: RunPlan = fs::read(dir.join(PLAN_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(not_running)?;
        let pid = fs::read_to_string(dir.join(PID_FILE))
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok())
            .filter(|pid| *pid > 0)
            .ok_or_else(not_running)?;
        Ok(Live {
            dir,
            record,
            plan,
            pid: nix::unistd::Pid::from_raw(pid),
        })
    }

    /// Every container directory with its record (None when unreadable) and whether it runs.
    pub fn list(&self) -> Vec<(PathBuf, Option<ContainerRecord>, bool)> {
        let Ok(entries) = fs::read_dir(self.root.join("containers")) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .map(|e| {
                let dir = e.path();
                let record = read_record(&dir);
                let running = is_locked(&dir);
                // A record that says it runs with no live nook behind it: settled as exited.
                let record = match (record, running) {
                    (Some(r), false) => Some(self.settle(&dir, r)),
                    (other, _) => other,
                };
                (dir, record, running)
            })
            .collect()
    }

    /// Remove what dead `nook run --rm` processes (killed, or crashed) left behind.
    pub fn reap_stale(&self) {
        let _ = self.list_reaped();
    }

    /// Every container as `list` gives it (read once), less what dead `nook run --rm`
    /// processes left behind, which is removed.
    pub fn list_reaped(&self) -> Vec<(PathBuf, Option<ContainerRecord>, bool)> {
        let mut all = self.list();
        all.retain(|(dir, record, running)| {
            let age = || {
                fs::metadata(dir)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .map_or(0, |d| d.as_secs())
            };
            if !crate::plan::record::stale(record.as_ref(), *running, age) {
                return true;
            }
            match record {
                Some(r) => self.remove(dir, &r.name),
                None => {
                    let _ = fs::remove_dir_all(dir);
                }
            }
            false
        });
        all
    }

    /// Remove a stopped container's directory and its name.
    pub fn remove(&self, dir: &Path, name: &str) {
        let link = self.name_link(name);
        if fs::read_link(&link).is_ok_and(|target| dir.ends_with(&target)) {
            let _ = fs::remove_file(&link);
        }
        // An image container's private copy holds files of subordinate ids: removed from
        // inside the user namespace (a --rootfs container has no such directory).
        // A kept one's is in the data directory, a `--rm` one's in the runtime directory.
        let data = dir
            .file_name()
            .and_then(|id| self.data_dir(&id.to_string_lossy(), false));
        let private: Vec<_> = std::iter::once(dir)
            .chain(data.as_deref())
            .flat_map(|d| crate::store::rootfs::PRIVATE_DIRS.map(|name| d.join(name)))
            .collect();
        let _ = crate::store::rootfs::remove_trees(&private, &crate::host::job::HostUserns);
        if let Some(data) = data {
            let _ = fs::remove_dir_all(data);
        }
        let _ = fs::remove_dir_all(dir);
    }

    /// Find a container by name, full id or unique id prefix.
    pub fn find(&self, key: &str) -> Option<(PathBuf, ContainerRecord, bool)> {
        let all: Vec<_> = self
            .list()
            .into_iter()
            .filter_map(|(d, r, running)| r.map(|r| (d, r, running)))
            .collect();
        if let Some(hit) = all.iter().find(|(_, r, _)| r.name == key || r.id == key) {
            return Some(hit.clone());
        }
        let mut prefixed = all.into_iter().filter(|(_, r, _)| r.id.starts_with(key));
        match (prefixed.next(), prefixed.next()) {
            (Some(one), None) if !key.is_empty() => Some(one),
            _ => None,
        }
    }
}

/// The file of a container's state directory that holds its `RunPlan` (JSON).
pub const PLAN_FILE: &str = "plan.json";
/// The file that holds its PID 1 as a pid of the host's namespace, while it runs.
pub const PID_FILE: &str = "pid";
/// The plan a container was made with (kept with a stopped container's state too).
pub fn read_plan(dir: &Path) -> Option<RunPlan> {
    serde_json::from_slice(&fs::read(dir.join(PLAN_FILE)).ok()?).ok()
}

/// The file that holds its seccomp filter (`plan::seccomp::Filter`, JSON; null: none).
pub const SECCOMP_FILE: &str = "seccomp.json";

/// The seccomp filter of the container whose state directory is `dir`: `Ok(None)` when it
/// runs unconfined; an error when the file is missing (a container of an older nook), so
/// that a process is never started with less confinement than the container's.
pub fn seccomp_filter(dir: &Path) -> Result<Option<crate::plan::seccomp::Filter>> {
    let missing = || {
        Error::Usage(format!(
            "the container's seccomp filter is not recorded in {}: it was started by an older nook; restart it",
            dir.display()
        ))
    };
    let bytes = fs::read(dir.join(SECCOMP_FILE)).map_err(|_| missing())?;
    serde_json::from_slice(&bytes).map_err(|_| missing())
}

/// A running container, as other commands see it.
#[derive(Debug)]
pub struct Live {
    pub dir: PathBuf,
    pub record: ContainerRecord,
    pub plan: RunPlan,
    /// Its PID 1, a pid of the host's namespace.
    pub pid: nix::unistd::Pid,
}

pub(super) fn read_record(dir: &Path) -> Option<ContainerRecord> {
    serde_json::from_slice(&fs::read(dir.join(RECORD_FILE)).ok()?).ok()
}

/// Write the record in the container's directory and, for a kept container, its mirror in
/// the data directory (first: a record the runtime directory has is also on disk).
pub(super) fn write_record(
    dir: &Path,
    data: Option<&Path>,
    record: &ContainerRecord,
) -> Result<()> {
    if let Some(data) = data {
        write_json(data, RECORD_FILE, record)?;
    }
    write_json(dir, RECORD_FILE, record)
}

pub(super) const RECORD_FILE: &str = "state.json";

/// Write `file` of a container's directory atomically (a temporary file, then a rename).
pub(super) fn write_json(dir: &Path, file: &str, value: &impl Serialize) -> Result<()> {
    let body = serde_json::to_vec(value)
        .map_err(|e| Error::Internal(format!("cannot encode the container's {file}: {e}")))?;
    write_atomic(dir, file, &body)
}

fn write_atomic(dir: &Path, file: &str, body: &[u8]) -> Result<()> {
    let tmp = dir.join(format!("{file}.tmp"));
    let fail = |e| Error::io("cannot write the container state", e);
    let mut f = File::create(&tmp).map_err(fail)?;
    f.write_all(body).map_err(fail)?;
    fs::rename(&tmp, dir.join(file)).map_err(fail)
}

pub(super) fn is_locked(dir: &Path) -> bool {
    let Ok(f) = OpenOptions::new().read(true).open(dir.join("lock")) else {
        return false;
    };
    matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock))
}

/// A container's state, held for the life of its `nook run`.
pub struct Container {
    pub(super) dir: PathBuf,
    /// The record's mirror in the data directory (a kept container's).
    pub(super) data: Option<PathBuf>,
    pub(super) name_link: Option<PathBuf>,
    pub(super) lock: Option<File>,
    pub(super) keep: bool,
}

impl Container {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Record the container's PID 1 (a pid of the host's namespace) once it is known.
    pub fn set_pid(&self, pid: nix::unistd::Pid) -> Result<()> {
        write_atomic(&self.dir, PID_FILE, pid.as_raw().to_string().as_bytes())
    }

    /// The container ended: keep it as stopped (without `--rm`), or remove it.
    pub fn finish(mut self, remove: bool, ended: &super::life::Ended) {
        // Must happen before the record says it ended: a stale pid could name a new process.
        let _ = fs::remove_file(self.dir.join(PID_FILE));
        if remove {
            self.leave_code(ended.code);
        } else {
            self.keep = self.update(|r| ended.apply(r)).is_ok();
        }
    }
}

impl Drop for Container {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        if let Some(link) = self.name_link.take() {
            let _ = fs::remove_file(link);
        }
        // A kept container that failed to start: its data directory goes too (its root's
        // directories in it went first, with the guard of the root file system).
        if let Some(data) = &self.data {
            let _ = fs::remove_dir_all(data);
        }
        let _ = fs::remove_dir_all(&self.dir);
        drop(self.lock.take());
    }
}
