//! PURE: which cgroup a container gets (systemd scope, delegated cgroupfs subtree, none, or
//! an error naming what is missing), the transient unit's properties and the controllers to
//! enable. The limit flags are in `limits`, the texts printed after a run in `report`.

use std::collections::BTreeSet;

use super::request::CgroupRequest;

pub mod job;
mod limits;
mod report;

pub use job::{BatchJob, catches, detect as detect_job};
pub use limits::*;
pub use report::*;

/// A problem with the request or with what the machine offers: one line, exit code 125.
pub type CgroupError = String;

/// `--cgroups`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CgroupsMode {
    /// A cgroup per container when one can be had (default)
    #[default]
    Enabled,
    /// No cgroup of its own: the container stays in nook's (no limits)
    Disabled,
    /// Split nook's own cgroup (a systemd unit's, with Delegate=yes) in two: nook waits in
    /// one child, the container runs in the other; no scope of its own
    Split,
}

/// `--cgroup-manager`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ManagerFlag {
    /// A transient scope of the systemd user manager, over D-Bus (default)
    #[default]
    Systemd,
    /// A child of nook's own cgroup, which must be delegated and writable
    Cgroupfs,
}

/// How cgroups are laid out on the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Pure cgroup v2.
    Unified,
    /// Controllers on cgroup v1 (hybrid or legacy).
    V1,
    /// No cgroup file system.
    #[default]
    None,
}

/// What the host side found, for the manager decision.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CgroupFacts {
    pub layout: Layout,
    /// A user bus address is known (DBUS_SESSION_BUS_ADDRESS, or $XDG_RUNTIME_DIR/bus).
    pub user_bus: bool,
    /// Controllers the systemd user manager has (`user@UID.service/cgroup.controllers`).
    pub user_manager_controllers: Option<String>,
    /// nook's own cgroup is writable by us (a delegated subtree).
    pub self_writable: bool,
    /// Controllers available in nook's own cgroup (`cgroup.controllers`).
    pub self_controllers: Option<String>,
    pub user_name: String,
    /// The batch job nook runs in: never a systemd scope then.
    pub job: Option<BatchJob>,
}

/// Which cgroup the container gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Manager {
    /// A transient `nook-<id>.scope` of the systemd user manager.
    Systemd,
    /// A child of nook's own delegated cgroup.
    Cgroupfs,
    /// None: the container stays in nook's cgroup.
    #[default]
    None,
    /// nook's own cgroup, split: nook in its `supervisor` child, the container in
    /// `container` (`--cgroups=split`, under a systemd unit).
    Split,
}

fn missing_controller(wanted: &BTreeSet<&'static str>, have: Option<&str>) -> Option<&'static str> {
    let have: Vec<&str> = have?.split_whitespace().collect();
    wanted.iter().find(|c| !have.contains(c)).copied()
}

fn not_delegated(c: &str) -> CgroupError {
    format!(
        "cannot set resource limits: controller {c} not delegated: add Delegate=cpu cpuset io memory pids to user@.service (a drop-in in /etc/systemd/system/user@.service.d/)"
    )
}

/// Choose the manager, or say what is missing when a limit was asked and none can enforce it.
pub fn decide(
    mode: CgroupsMode,
    flag: ManagerFlag,
    limits: &Limits,
    f: &CgroupFacts,
) -> Result<Manager, CgroupError> {
    let asked = limits.any();
    let wanted = limits.controllers();
    if mode == CgroupsMode::Disabled {
        if asked {
            return Err(format!(
                "cannot set {} with --cgroups=disabled: leave out one or the other",
                limits.first_flag()
            ));
        }
        return Ok(Manager::None);
    }
    if mode == CgroupsMode::Split {
        return match (f.layout, f.self_writable) {
            (Layout::Unified, true) => match missing_controller(&wanted, f.self_controllers.as_deref()) {
                Some(c) if asked => Err(format!(
                    "cannot set resource limits: controller {c} not delegated to nook's cgroup: give the unit Delegate=yes"
                )),
                _ => Ok(Manager::Split),
            },
            (Layout::Unified, false) => Err(
                "cannot use --cgroups=split: nook's own cgroup is not delegated to you: run it in a systemd unit with Delegate=yes".into(),
            ),
            _ => Err("cannot use --cgroups=split: it needs cgroup v2 (boot with systemd.unified_cgroup_hierarchy=1)".into()),
        };
    }
    let fail = |why: String| if asked { Err(why) } else { Ok(Manager::None) };
    let cgroupfs = || match missing_controller(&wanted, f.self_controllers.as_deref()) {
        Some(c) if asked => Err(format!(
            "cannot set resource limits: controller {c} not delegated to nook's cgroup: enable it in the parent's cgroup.subtree_control"
        )),
        _ => Ok(Manager::Cgroupfs),
    };
    // Inside a batch job the container stays in the job's cgroup: a child of it where that
    // is delegated to us, else the job's own (`job_notice` says so for a limit flag).
    if f.job.is_some() {
        return match f.layout == Layout::Unified && f.self_writable {
            true => cgroupfs(),
            false => Ok(Manager::None),
        };
    }
    match f.layout {
        Layout::Unified => {}
        Layout::V1 => {
            return fail(format!(
                "cannot set {}: cgroup v1 host: nook sets limits on cgroup v2 only (boot with systemd.unified_cgroup_hierarchy=1)",
                limits.first_flag()
            ));
        }
        Layout::None => {
            return fail(format!(
                "cannot set {}: no cgroup file system at /sys/fs/cgroup",
                limits.first_flag()
            ));
        }
    }
    match flag {
        ManagerFlag::Systemd if f.user_bus => {
            match missing_controller(&wanted, f.user_manager_controllers.as_deref()) {
                Some(c) if asked => Err(not_delegated(c)),
                _ => Ok(Manager::Systemd),
            }
        }
        _ if f.self_writable => cgroupfs(),
        ManagerFlag::Systemd => fail(no_session(limits, &f.user_name)),
        ManagerFlag::Cgroupfs => fail(format!(
            "cannot set {} with --cgroup-manager=cgroupfs: nook's own cgroup is not delegated to you (use the systemd manager)",
            limits.first_flag()
        )),
    }
}

/// The one line a limit flag gets inside a batch job whose cgroup is not ours to divide.
pub fn job_notice(limits: &Limits, f: &CgroupFacts, manager: Manager) -> Option<String> {
    let job = f.job.as_ref()?;
    (limits.any() && manager == Manager::None).then(|| {
        format!(
            "{} not applied: running inside {}, whose cgroup is not delegated to you: the job's limits apply (ask the scheduler, as in srun --mem=SIZE --cpus-per-task=N)",
            limits.first_flag(),
            job.describe()
        )
    })
}

/// podman's warning (which its system tests grep) for limit flags on a cgroup v1 host that
/// set no limit, as `--memory=0`; a real limit there is refused by `decide`.
pub fn v1_warning(given: &LimitArgs, limits: &Limits, f: &CgroupFacts) -> Option<&'static str> {
    (f.layout == Layout::V1 && *given != LimitArgs::default() && !limits.any())
        .then_some("Resource limits are not supported and ignored on cgroups V1 rootless systems")
}

/// The container's cgroup, decided before anything starts: a refused limit fails the run
/// with nothing to undo.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CgroupPlan {
    pub manager: Manager,
    pub limits: Limits,
    /// The files written in the container's cgroup, with their values.
    pub files: Vec<(String, String)>,
    /// The controllers the limits need.
    pub wanted: BTreeSet<&'static str>,
    /// The systemd scope's name, and its description (the container's name).
    pub unit: String,
    pub description: String,
    pub id: String,
    pub user_name: String,
    /// `--stats`.
    pub stats: bool,
    /// One line to print before the run (a limit flag inside a batch job).
    pub notice: Option<String>,
    /// podman's own line, printed as is: limit flags that ask for no limit on cgroup v1.
    pub v1_warning: Option<&'static str>,
    /// Inside a batch job: the container ends with the step (`host::relay`).
    pub in_job: bool,
}

/// Decide the container's cgroup. `devices` holds the host's answer for each device path of
/// `--device-read-bps` and `--device-write-bps`: its MAJ:MIN, or why it cannot be used.
pub fn plan(
    req: &CgroupRequest,
    facts: &CgroupFacts,
    devices: &[(String, Result<String, String>)],
    id: &str,
    name: &str,
) -> Result<CgroupPlan, CgroupError> {
    let limits = Limits::parse(&req.limits)?;
    let manager = decide(req.mode, req.manager, &limits, facts)?;
    let mut numbers = Vec::new();
    for r in limits.read_bps.iter().chain(&limits.write_bps) {
        match devices.iter().find(|(path, _)| *path == r.path) {
            Some((path, Ok(n))) => numbers.push((path.clone(), n.clone())),
            Some((_, Err(why))) => return Err(why.clone()),
            None => return Err(format!("internal error: no device number for {}", r.path)),
        }
    }
    let lookup = |p: &str| numbers.iter().find(|(d, _)| d == p).map(|(_, m)| m.clone());
    Ok(CgroupPlan {
        notice: job_notice(&limits, facts, manager),
        v1_warning: v1_warning(&req.limits, &limits, facts),
        in_job: facts.job.is_some(),
        manager,
        files: limits.files(&lookup),
        wanted: limits.controllers(),
        limits,
        unit: unit_name(id),
        description: name.to_string(),
        id: id.to_string(),
        user_name: facts.user_name.clone(),
        stats: req.stats,
    })
}

/// The error when the user bus cannot be reached (also when connecting to it fails).
pub fn no_session(limits: &Limits, user: &str) -> CgroupError {
    format!(
        "cannot set {}: no systemd user session: loginctl enable-linger {user} (and log in again), or set DBUS_SESSION_BUS_ADDRESS",
        limits.first_flag()
    )
}

/// The transient unit's name.
pub fn unit_name(id: &str) -> String {
    format!("nook-{}.scope", &id[..id.len().min(12)])
}

/// A property value of StartTransientUnit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prop {
    Bool(bool),
    Str(String),
    Pids(Vec<u32>),
}

/// The properties of the container's scope: its first process, delegation (the subtree is
/// ours to write), and collection even when it failed, so nothing is left behind.
pub fn unit_properties(id: &str, name: &str, pid: u32) -> Vec<(&'static str, Prop)> {
    vec![
        (
            "Description",
            Prop::Str(format!(
                "nook container {name} ({})",
                &id[..id.len().min(12)]
            )),
        ),
        ("PIDs", Prop::Pids(vec![pid])),
        ("Delegate", Prop::Bool(true)),
        ("CollectMode", Prop::Str("inactive-or-failed".into())),
    ]
}

/// The text to write into `cgroup.subtree_control`.
pub fn subtree_control(wanted: &BTreeSet<&'static str>, available: &str) -> String {
    // Always ask memory, pids and cpu when offered: accounting for --stats and OOM reports.
    let base = ["cpu", "memory", "pids"];
    available
        .split_whitespace()
        .filter(|c| wanted.contains(c) || base.contains(c))
        .map(|c| format!("+{c}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> CgroupFacts {
        CgroupFacts {
            layout: Layout::Unified,
            user_bus: true,
            user_manager_controllers: Some("cpuset cpu io memory pids".into()),
            self_writable: false,
            self_controllers: None,
            user_name: "alice".into(),
            job: None,
        }
    }

    #[test]
    fn memory_zero_on_cgroup_v1_gets_podmans_warning() {
        let v1 = CgroupFacts {
            layout: Layout::V1,
            ..facts()
        };
        let zero = LimitArgs {
            memory: Some("0".into()),
            ..LimitArgs::default()
        };
        let parsed = Limits::parse(&zero).unwrap();
        assert!(
            v1_warning(&zero, &parsed, &v1)
                .unwrap()
                .contains("cgroups V1 rootless")
        );
        assert_eq!(v1_warning(&zero, &parsed, &facts()), None);
        let none = LimitArgs::default();
        assert_eq!(v1_warning(&none, &Limits::default(), &v1), None);
        // A real limit is no warning: decide refuses it.
        let mem = LimitArgs {
            memory: Some("64m".into()),
            ..LimitArgs::default()
        };
        assert_eq!(v1_warning(&mem, &Limits::parse(&mem).unwrap(), &v1), None);
    }

    #[test]
    fn inside_a_batch_job_there_is_never_a_scope() {
        let none = Limits::default();
        let mem = limits(|a| a.memory = Some("64m".into())).unwrap();
        let (en, sd) = (CgroupsMode::Enabled, ManagerFlag::Systemd);
        let job = CgroupFacts {
            job: Some(BatchJob {
                scheduler: "Slurm",
                id: "12".into(),
                step: Some("0".into()),
            }),
            ..facts()
        };
        // A user bus is reachable, yet the container stays in the job's cgroup.
        assert_eq!(decide(en, sd, &none, &job), Ok(Manager::None));
        assert_eq!(decide(en, sd, &mem, &job), Ok(Manager::None));
        assert_eq!(job_notice(&none, &job, Manager::None), None);
        assert_eq!(
            job_notice(&mem, &job, Manager::None).unwrap(),
            "--memory not applied: running inside Slurm job 12 step 0, whose cgroup is not delegated to you: the job's limits apply (ask the scheduler, as in srun --mem=SIZE --cpus-per-task=N)"
        );
        // Also on cgroup v1, where outside a job a limit is an error.
        let v1 = CgroupFacts {
            layout: Layout::V1,
            ..job.clone()
        };
        assert_eq!(decide(en, sd, &mem, &v1), Ok(Manager::None));
        // A delegated, writable step cgroup: a child of it, which --memory narrows.
        let own = CgroupFacts {
            self_writable: true,
            self_controllers: Some("cpu memory pids".into()),
            ..job.clone()
        };
        assert_eq!(decide(en, sd, &mem, &own), Ok(Manager::Cgroupfs));
        assert_eq!(job_notice(&mem, &own, Manager::Cgroupfs), None);
        // --cgroups=disabled with a limit is still the user's contradiction.
        assert!(decide(CgroupsMode::Disabled, sd, &mem, &job).is_err());
        // The plan carries the line.
        let mut req = CgroupRequest::default();
        req.limits.memory = Some("64m".into());
        let p = plan(&req, &job, &[], &"ab".repeat(32), "web").unwrap();
        assert!(p.notice.unwrap().contains("Slurm job 12"));
        assert_eq!(
            plan(&req, &facts(), &[], &"ab".repeat(32), "web")
                .unwrap()
                .notice,
            None
        );
    }

    fn limits(f: impl FnOnce(&mut LimitArgs)) -> Result<Limits, CgroupError> {
        let mut a = LimitArgs::default();
        f(&mut a);
        Limits::parse(&a)
    }

    #[test]
    fn the_plan_holds_the_manager_the_files_and_each_device_answer() {
        let mut req = CgroupRequest {
            stats: true,
            ..Default::default()
        };
        req.limits.memory = Some("64m".into());
        req.limits.device_read_bps = vec!["/dev/sda:1mb".into()];
        let dev = |n: Result<&str, &str>| {
            vec![(
                "/dev/sda".to_string(),
                n.map(str::to_string).map_err(str::to_string),
            )]
        };
        let id = "ab".repeat(32);
        let p = plan(&req, &facts(), &dev(Ok("8:0")), &id, "web").unwrap();
        assert_eq!(p.manager, Manager::Systemd);
        assert_eq!(p.unit, unit_name(&id));
        assert_eq!(
            (p.description.as_str(), p.user_name.as_str()),
            ("web", "alice")
        );
        assert!(p.stats && p.wanted.contains("memory") && p.wanted.contains("io"));
        assert!(
            p.files
                .iter()
                .any(|(f, v)| f == "io.max" && v.starts_with("8:0 "))
        );
        // The host's refusal of a device is the run's error, after the flags are checked.
        let e = plan(
            &req,
            &facts(),
            &dev(Err(
                "cannot use --device-read-bps /dev/sda: not a block device",
            )),
            &id,
            "web",
        );
        assert_eq!(
            e.unwrap_err(),
            "cannot use --device-read-bps /dev/sda: not a block device"
        );
        req.limits.memory = Some("lots".into());
        let e = plan(&req, &facts(), &dev(Err("no")), &id, "web").unwrap_err();
        assert!(e.contains("--memory"), "{e}");
    }

    #[test]
    fn manager_decision() {
        let none = Limits::default();
        let mem = limits(|a| a.memory = Some("64m".into())).unwrap();
        let (en, sd) = (CgroupsMode::Enabled, ManagerFlag::Systemd);
        assert_eq!(decide(en, sd, &none, &facts()), Ok(Manager::Systemd));
        assert_eq!(decide(en, sd, &mem, &facts()), Ok(Manager::Systemd));
        // Disabled: fine alone, an error with a limit.
        assert_eq!(
            decide(CgroupsMode::Disabled, sd, &none, &facts()),
            Ok(Manager::None)
        );
        let e = decide(CgroupsMode::Disabled, sd, &mem, &facts()).unwrap_err();
        assert_eq!(
            e,
            "cannot set --memory with --cgroups=disabled: leave out one or the other"
        );
        // cgroup v1: silent without limits, the named error with one.
        let v1 = CgroupFacts {
            layout: Layout::V1,
            ..facts()
        };
        assert_eq!(decide(en, sd, &none, &v1), Ok(Manager::None));
        let e = decide(en, sd, &mem, &v1).unwrap_err();
        assert!(e.starts_with("cannot set --memory: cgroup v1 host"), "{e}");
        // No bus.
        let nobus = CgroupFacts {
            user_bus: false,
            ..facts()
        };
        assert_eq!(decide(en, sd, &none, &nobus), Ok(Manager::None));
        let e = decide(en, sd, &mem, &nobus).unwrap_err();
        assert!(
            e.contains("no systemd user session: loginctl enable-linger alice"),
            "{e}"
        );
        // No bus, but a delegated cgroup of our own.
        let own = CgroupFacts {
            self_writable: true,
            self_controllers: Some("memory pids".into()),
            ..nobus.clone()
        };
        assert_eq!(decide(en, sd, &mem, &own), Ok(Manager::Cgroupfs));
        let cpu = limits(|a| a.cpus = Some("1".into())).unwrap();
        assert!(
            decide(en, sd, &cpu, &own)
                .unwrap_err()
                .contains("controller cpu not delegated")
        );
        assert_eq!(
            decide(en, ManagerFlag::Cgroupfs, &mem, &own),
            Ok(Manager::Cgroupfs)
        );
        let e = decide(en, ManagerFlag::Cgroupfs, &mem, &facts()).unwrap_err();
        assert!(e.contains("--cgroup-manager=cgroupfs"), "{e}");
        assert_eq!(
            decide(en, ManagerFlag::Cgroupfs, &none, &facts()),
            Ok(Manager::None)
        );
        // A controller the user manager lacks.
        let thin = CgroupFacts {
            user_manager_controllers: Some("memory pids".into()),
            ..facts()
        };
        let e = decide(en, sd, &cpu, &thin).unwrap_err();
        assert!(
            e.contains("controller cpu not delegated: add Delegate=cpu cpuset io memory pids to user@.service"),
            "{e}"
        );
        assert_eq!(decide(en, sd, &none, &thin), Ok(Manager::Systemd));
    }

    #[test]
    fn split_takes_nooks_own_delegated_cgroup_or_says_why_not() {
        let none = Limits::default();
        let mem = limits(|a| a.memory = Some("64m".into())).unwrap();
        let (split, sd) = (CgroupsMode::Split, ManagerFlag::Systemd);
        let unit = CgroupFacts {
            self_writable: true,
            self_controllers: Some("cpu memory pids".into()),
            ..facts()
        };
        assert_eq!(decide(split, sd, &none, &unit), Ok(Manager::Split));
        assert_eq!(decide(split, sd, &mem, &unit), Ok(Manager::Split));
        // Never a scope, even with a user bus and no delegation: an error instead.
        assert!(
            decide(split, sd, &none, &facts())
                .unwrap_err()
                .contains("Delegate=yes")
        );
        let no_memory = CgroupFacts {
            self_controllers: Some("cpu pids".into()),
            ..unit.clone()
        };
        assert!(
            decide(split, sd, &mem, &no_memory)
                .unwrap_err()
                .contains("controller memory")
        );
        assert_eq!(decide(split, sd, &none, &no_memory), Ok(Manager::Split));
        let v1 = CgroupFacts {
            layout: Layout::V1,
            ..unit
        };
        assert!(
            decide(split, sd, &none, &v1)
                .unwrap_err()
                .contains("cgroup v2")
        );
    }

    #[test]
    fn unit_and_subtree() {
        let id = "0123456789abcdef0123";
        assert_eq!(unit_name(id), "nook-0123456789ab.scope");
        let p = unit_properties(id, "web", 42);
        assert!(p.contains(&("PIDs", Prop::Pids(vec![42]))));
        assert!(p.contains(&("Delegate", Prop::Bool(true))));
        assert!(p.contains(&("CollectMode", Prop::Str("inactive-or-failed".into()))));
        let wanted: BTreeSet<_> = ["io"].into_iter().collect();
        assert_eq!(
            subtree_control(&wanted, "cpuset cpu io memory pids"),
            "+cpu +io +memory +pids"
        );
        assert_eq!(subtree_control(&BTreeSet::new(), "memory"), "+memory");
    }
}
