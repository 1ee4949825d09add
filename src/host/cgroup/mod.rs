//! The container's cgroup on the host side: decide the manager from the machine's facts,
//! ask systemd for a delegated scope (on a thread of its own, while the namespaces are being
//! set up), lay out the subtree (a `supervisor` leaf for `nook __init`, a `container` child
//! with the limits), and read what happened (OOM kills, `--stats`) before it goes away.

mod systemd;

use std::os::unix::fs::FileTypeExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use nix::unistd::Pid;

use crate::error::{Error, Result};
use crate::plan::cgroup::{
    self as plan, CgroupFacts, CgroupPlan, Layout, LimitArgs, Limits, Manager,
};
use crate::plan::info::CgroupMode;

const ROOT: &str = "/sys/fs/cgroup";

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// The cgroup v2 path of process `pid` (`self` for nook) as `/proc/PID/cgroup` names it,
/// such as `/user.slice/user-1000.slice/session-2.scope`.
pub fn cgroup_of(pid: &str) -> Option<String> {
    let text = read(Path::new(&format!("/proc/{pid}/cgroup")))?;
    let name = text.lines().find_map(|l| l.strip_prefix("0::"))?;
    Some(name.trim().to_string())
}

/// The directory of that cgroup under `/sys/fs/cgroup`.
fn own_cgroup(pid: &str) -> Option<PathBuf> {
    Some(Path::new(ROOT).join(cgroup_of(pid)?.trim_start_matches('/')))
}

fn writable(path: &Path) -> bool {
    nix::unistd::access(path, nix::unistd::AccessFlags::W_OK).is_ok()
}

/// How the cgroup file systems are mounted: the mount table is read only when neither
/// cgroup v2 at the root nor at `unified` (hybrid) says it at once (a long table costs every
/// start a tenth of a millisecond or more).
pub fn mode() -> CgroupMode {
    let unified = Path::new(ROOT).join("cgroup.controllers").exists();
    if !unified
        && nix::sys::statfs::statfs("/sys/fs/cgroup/unified")
            .is_ok_and(|s| s.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC)
    {
        return CgroupMode::Hybrid;
    }
    let mounts = match unified {
        true => String::new(),
        false => read(Path::new("/proc/self/mounts")).unwrap_or_default(),
    };
    crate::plan::info::cgroup_mode(unified, &mounts)
}

/// The controllers delegated to the caller's systemd user manager (its `cgroup.controllers`).
pub fn user_manager_controllers() -> Option<String> {
    let uid = nix::unistd::getuid();
    read(Path::new(&format!(
        "{ROOT}/user.slice/user-{uid}.slice/user@{uid}.service/cgroup.controllers"
    )))
    .map(|t| t.trim().to_string())
}

/// nook may create cgroups below its own (cgroup v2 only): its cgroup and that cgroup's
/// `cgroup.procs` are writable, and it is not the root (whose controllers belong to the
/// machine).
pub fn self_writable(mode: CgroupMode) -> bool {
    mode == CgroupMode::Unified
        && own_cgroup("self").is_some_and(|p| {
            writable(&p) && writable(&p.join("cgroup.procs")) && p != Path::new(ROOT)
        })
}

/// The host's cgroups, as far as the manager decision goes.
pub fn read_facts(user_name: &str) -> CgroupFacts {
    let mode = mode();
    CgroupFacts {
        layout: match mode {
            CgroupMode::Unified => Layout::Unified,
            CgroupMode::Hybrid | CgroupMode::Legacy => Layout::V1,
            CgroupMode::Unknown => Layout::None,
        },
        user_bus: systemd::bus_address().is_some(),
        user_manager_controllers: user_manager_controllers(),
        self_writable: self_writable(mode),
        self_controllers: own_cgroup("self").and_then(|p| read(&p.join("cgroup.controllers"))),
        user_name: user_name.to_string(),
        job: batch_job(),
    }
}

/// The batch job nook runs in (its variables, else a Slurm job's cgroup path).
pub fn batch_job() -> Option<plan::BatchJob> {
    let proc_cgroup = read(Path::new("/proc/self/cgroup")).unwrap_or_default();
    plan::detect_job(&|name| std::env::var(name).ok(), &proc_cgroup)
}

/// "MAJ:MIN" of a block device, for io.max.
fn majmin(flag: &str, path: &str) -> std::result::Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| {
        format!(
            "cannot use {flag} {path}: {}: name a block device",
            crate::proto::errno_of(&e).desc()
        )
    })?;
    if !meta.file_type().is_block_device() {
        return Err(format!("cannot use {flag} {path}: not a block device"));
    }
    let rdev = meta.rdev();
    Ok(format!("{}:{}", libc::major(rdev), libc::minor(rdev)))
}

/// The MAJ:MIN of each device of `--device-read-bps` and `--device-write-bps`, or why it
/// cannot be used (the plan reports that, after the flags themselves are checked).
pub fn device_numbers(limits: &LimitArgs) -> Vec<(String, std::result::Result<String, String>)> {
    let Ok(parsed) = Limits::parse(limits) else {
        return Vec::new();
    };
    let mut numbers: Vec<(String, std::result::Result<String, String>)> = Vec::new();
    for (flag, rates) in [
        ("--device-read-bps", &parsed.read_bps),
        ("--device-write-bps", &parsed.write_bps),
    ] {
        for r in rates {
            if !numbers.iter().any(|(p, _)| *p == r.path) {
                numbers.push((r.path.clone(), majmin(flag, &r.path)));
            }
        }
    }
    numbers
}

/// The scope being asked for while the container side sets up its namespaces.
pub struct Pending {
    prepared: CgroupPlan,
    job: Option<JoinHandle<std::result::Result<(), systemd::ScopeError>>>,
}

/// Start asking for the cgroup of `pid` (`nook __init`). For systemd, the D-Bus exchange runs
/// on a thread with its own current-thread runtime, so that it overlaps the id mapping and
/// the namespace setup; `nook __init` was started before that thread exists.
pub fn start(prepared: &CgroupPlan, pid: Pid) -> Pending {
    // Never a scope inside a batch job (the plan chose none; this keeps it so).
    let job = match (prepared.manager, systemd::bus_address()) {
        (Manager::Systemd, Some(address)) => {
            let unit = prepared.unit.clone();
            let props =
                plan::unit_properties(&prepared.id, &prepared.description, pid.as_raw() as u32);
            let spawned = std::thread::Builder::new()
                .name("nook-dbus".into())
                .spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .map_err(|_| systemd::ScopeError::NoBus)?;
                    rt.block_on(systemd::start_scope(&address, &unit, &props))
                });
            spawned.ok()
        }
        _ => None,
    };
    Pending {
        prepared: prepared.clone(),
        job,
    }
}

fn write(path: &Path, value: &str) -> std::io::Result<()> {
    std::fs::write(path, value)
}

fn cg_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    let message = format!(
        "cannot set up the container's cgroup: {what} {}: {}",
        path.display(),
        crate::proto::errno_of(&e).desc()
    );
    Error::host(message, &e)
}

/// The container's cgroup, alive for the run.
pub struct Cgroup {
    /// The scope (systemd) or nook's child (cgroupfs): holds `supervisor` and `container`.
    base: PathBuf,
    /// Whether nook made `base` itself (cgroupfs) and so removes it.
    owns_base: bool,
    container: PathBuf,
    memory_limit: Option<u64>,
}

impl Pending {
    /// Wait for the scope, then put `pid` in the container's cgroup with its limits. Must
    /// happen before `nook __init` creates its cgroup namespace, because the namespace's
    /// root is the cgroup it is in at that moment. `Ok(None)`: running without a cgroup
    /// (none asked, none to be had and no limit asked).
    pub fn ready(self, pid: Pid) -> Result<Option<Cgroup>> {
        let p = self.prepared;
        let asked = p.limits.any();
        let soft = |e: Error| if asked { Err(e) } else { Ok(None) };
        let (base, owns_base) = match p.manager {
            Manager::None => return Ok(None),
            Manager::Systemd => {
                let outcome = match self.job.map(|j| j.join()) {
                    Some(Ok(r)) => r,
                    _ => Err(systemd::ScopeError::NoBus),
                };
                match outcome {
                    Ok(()) => {}
                    Err(systemd::ScopeError::NoBus) => {
                        return soft(Error::Usage(plan::no_session(&p.limits, &p.user_name)));
                    }
                    Err(systemd::ScopeError::Failed(why)) => {
                        return soft(Error::Usage(format!(
                            "cannot set resource limits: the systemd user manager did not create {}: {why}",
                            p.unit
                        )));
                    }
                }
                match own_cgroup(&pid.to_string()) {
                    Some(b) => (b, false),
                    None => {
                        return soft(Error::Usage(
                            "cannot find the container's scope in /proc/PID/cgroup".into(),
                        ));
                    }
                }
            }
            Manager::Split => match own_cgroup("self") {
                Some(own) => match split_base(&own) {
                    Ok(()) => (own, false),
                    Err(e) => return soft(e),
                },
                None => return soft(Error::Usage("cannot read /proc/self/cgroup".into())),
            },
            Manager::Cgroupfs => match own_cgroup("self") {
                Some(own) => match cgroupfs_base(&own, &p) {
                    Ok(b) => (b, true),
                    Err(e) => return soft(e),
                },
                None => return soft(Error::Usage("cannot read /proc/self/cgroup".into())),
            },
        };
        let cg = Cgroup {
            container: base.join("container"),
            base,
            owns_base,
            memory_limit: p.limits.memory,
        };
        match cg.lay_out(pid, &p) {
            Ok(()) => Ok(Some(cg)),
            Err(e) => {
                drop(cg);
                soft(e)
            }
        }
    }
}

/// With the cgroupfs manager: `OWN/nook-<id>`, with the controllers enabled in OWN (whose own
/// processes, nook's at least, first move to a leaf: no internal processes).
fn cgroupfs_base(own: &Path, p: &CgroupPlan) -> Result<PathBuf> {
    let available = read(&own.join("cgroup.controllers")).unwrap_or_default();
    let control = plan::subtree_control(&p.wanted, &available);
    let ctl = own.join("cgroup.subtree_control");
    if !control.is_empty() && write(&ctl, &control).is_err() {
        // Must happen before the controllers are enabled: OWN holds nook, its init, and
        // whatever else started there ("no internal processes"); they move to a leaf.
        let leaf = own.join("nook-leaf");
        let _ = std::fs::create_dir(&leaf);
        let procs = read(&own.join("cgroup.procs")).unwrap_or_default();
        for pid in procs.split_whitespace() {
            let _ = write(&leaf.join("cgroup.procs"), pid);
        }
        write(&ctl, &control).map_err(|e| cg_error("enabling controllers in", &ctl, e))?;
    }
    let base = own.join(format!("nook-{}", &p.id[..p.id.len().min(12)]));
    std::fs::create_dir(&base).map_err(|e| cg_error("creating", &base, e))?;
    Ok(base)
}

/// With `--cgroups=split`: every process of nook's own cgroup (nook, its init, whatever the
/// unit started besides) moves to its `supervisor` child, so that OWN may give controllers to
/// its children and hold the container's in `container` ("no internal processes").
fn split_base(own: &Path) -> Result<()> {
    let sup = own.join("supervisor");
    match std::fs::create_dir(&sup) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            return Err(cg_error("creating", &sup, e));
        }
        _ => {}
    }
    let procs = read(&own.join("cgroup.procs")).unwrap_or_default();
    let target = sup.join("cgroup.procs");
    for pid in procs.split_whitespace() {
        // A process that ended meanwhile is no matter.
        match write(&target, pid) {
            Err(e) if e.raw_os_error() != Some(libc::ESRCH) => {
                return Err(cg_error("moving nook into", &target, e));
            }
            _ => {}
        }
    }
    Ok(())
}

impl Cgroup {
    fn lay_out(&self, pid: Pid, p: &CgroupPlan) -> Result<()> {
        let sup = self.base.join("supervisor");
        for dir in [&sup, &self.container] {
            match std::fs::create_dir(dir) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(cg_error("creating", dir, e));
                }
                _ => {}
            }
        }
        // Must happen before the controllers are enabled: a cgroup with processes of its own
        // cannot give controllers to its children ("no internal processes").
        let procs = self.container.join("cgroup.procs");
        write(&procs, &pid.to_string())
            .map_err(|e| cg_error("moving nook's init into", &procs, e))?;
        let available = read(&self.base.join("cgroup.controllers")).unwrap_or_default();
        let control = plan::subtree_control(&p.wanted, &available);
        let ctl = self.base.join("cgroup.subtree_control");
        if !control.is_empty() {
            write(&ctl, &control).map_err(|e| cg_error("enabling controllers in", &ctl, e))?;
        }
        for (file, value) in &p.files {
            let path = self.container.join(file);
            write(&path, value).map_err(|e| {
                let message = format!(
                    "cannot set {file} to {value:?} in the container's cgroup: {}",
                    crate::proto::errno_of(&e).desc()
                );
                Error::host(message, &e)
            })?;
        }
        Ok(())
    }

    /// `nook __init` leaves the container's cgroup once the container's PID 1 exists (its
    /// cgroup namespace is made): only the container's processes count against its limits.
    pub fn release_init(&self, pid: Pid) {
        let _ = write(&self.base.join("supervisor/cgroup.procs"), &pid.to_string());
    }

    /// The OOM line and the `--stats` line. Must be read before `nook __init` exits: the
    /// scope is removed as soon as it has no process left.
    pub fn report(&self, stats: bool) -> (Option<String>, Option<String>) {
        let events = read(&self.container.join("memory.events")).unwrap_or_default();
        let oom = plan::oom_message(&events, self.memory_limit);
        let stats = stats.then(|| {
            plan::Stats::from_files(
                read(&self.container.join("memory.peak")).as_deref(),
                read(&self.container.join("cpu.stat")).as_deref(),
                read(&self.container.join("pids.peak")).as_deref(),
            )
            .text()
        });
        (oom, stats)
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        // Empty by now (the container's processes died with its PID 1); systemd removes the
        // scope itself once `nook __init` is gone too.
        let _ = std::fs::remove_dir(&self.container);
        let _ = std::fs::remove_dir(self.base.join("supervisor"));
        if self.owns_base {
            let _ = std::fs::remove_dir(&self.base);
        }
    }
}

/// The cgroup a container without one of its own shares with nook inside a batch job (its
/// `memory.events` read before the run), for the OOM line when the job's limit kills it.
pub struct JobWatch {
    dir: PathBuf,
    before: String,
}

impl JobWatch {
    /// Watch nook's own cgroup (v2) when the container gets none of its own inside a job.
    pub fn start(p: &CgroupPlan) -> Option<JobWatch> {
        if !p.in_job || p.manager != Manager::None {
            return None;
        }
        let dir = own_cgroup("self")?;
        let before = read(&dir.join("memory.events"))?;
        Some(JobWatch { dir, before })
    }

    /// The OOM line, when the job's limit killed the container (`killed`: it ended with 137,
    /// SIGKILL's status, itself or as its shell reported a child's).
    pub fn oom(&self, killed: bool) -> Option<String> {
        let after = read(&self.dir.join("memory.events")).unwrap_or_default();
        let limits: Vec<String> = self
            .dir
            .ancestors()
            .take_while(|d| d.starts_with(ROOT) && *d != Path::new(ROOT))
            .filter_map(|d| read(&d.join("memory.max")))
            .collect();
        plan::shared_oom_message(&self.before, &after, killed, &limits)
    }
}

/// Text for a `--stats` request that has no cgroup to read.
pub fn no_stats() -> &'static str {
    "stats: not available: the container has no cgroup of its own\n"
}
