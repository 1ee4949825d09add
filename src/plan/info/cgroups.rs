//! The checks of cgroups and of the systemd user bus that hands out scopes.

use super::findings::one;
use super::{CgroupMode, Check, Facts, Status};

/// Controllers nook's resource limits need delegated to the user's systemd manager.
const LIMIT_CONTROLLERS: [&str; 3] = ["cpu", "memory", "pids"];

const DELEGATE_FIX: &str = "sudo mkdir -p /etc/systemd/system/user@.service.d && printf '[Service]\\nDelegate=cpu cpuset io memory pids\\n' | sudo tee /etc/systemd/system/user@.service.d/delegate.conf && sudo systemctl daemon-reload (then log in again)";

pub(super) fn cgroups(p: &Facts) -> Check {
    let name = "cgroups";
    let v1_fix =
        Some("boot with systemd.unified_cgroup_hierarchy=1 for resource limits".to_string());
    match p.cgroup_mode {
        CgroupMode::Unified => {
            let Some(controllers) = &p.cgroup_user_controllers else {
                return one(name, Status::Ok, "cgroup v2", None);
            };
            let have: Vec<&str> = controllers.split_whitespace().collect();
            let lacking: Vec<&str> = LIMIT_CONTROLLERS
                .into_iter()
                .filter(|c| !have.contains(c))
                .collect();
            let detail = format!("cgroup v2, delegated to you: {}", have.join(" "));
            if lacking.is_empty() {
                one(name, Status::Ok, detail, None)
            } else {
                one(
                    name,
                    Status::Warn,
                    format!(
                        "{detail} (no {}: those limits cannot be enforced)",
                        lacking.join(", ")
                    ),
                    Some(DELEGATE_FIX.to_string()),
                )
            }
        }
        CgroupMode::Hybrid => one(
            name,
            Status::Warn,
            "hybrid: controllers on cgroup v1, an empty cgroup v2 at /sys/fs/cgroup/unified (no resource limits)",
            v1_fix,
        ),
        CgroupMode::Legacy => one(
            name,
            Status::Warn,
            "cgroup v1 only (no resource limits)",
            v1_fix,
        ),
        CgroupMode::Unknown => one(
            name,
            Status::Missing,
            "no cgroup file system at /sys/fs/cgroup",
            v1_fix,
        ),
    }
}

/// Inside a batch job: what that means for containers (no check outside one).
pub(super) fn batch_job(p: &Facts) -> Option<Check> {
    let job = p.batch_job.as_ref()?;
    let within = match p.cgroup_mode == CgroupMode::Unified && p.cgroup_self_writable {
        true => {
            "each in a child of the job's cgroup (delegated to you), where --memory and --cpus narrow the job's limits"
        }
        false => {
            "in the job's cgroup, whose limits apply (limit flags are not applied: ask the scheduler, as in srun --mem)"
        }
    };
    Some(one(
        "batch job",
        Status::Ok,
        format!(
            "inside {}: containers never get a systemd scope (it would escape the job's limits, accounting and cancel); they stay {within}, and end with the step",
            job.describe()
        ),
        None,
    ))
}

pub(super) fn bus_reachable(p: &Facts) -> bool {
    p.dbus_session_bus_address.is_some() || p.user_bus_socket
}

pub(super) fn user_bus(p: &Facts) -> Check {
    let name = "systemd user bus";
    if let Some(address) = &p.dbus_session_bus_address {
        return one(
            name,
            Status::Ok,
            format!("DBUS_SESSION_BUS_ADDRESS={address}"),
            None,
        );
    }
    match (&p.xdg_runtime_dir, p.user_bus_socket) {
        (Some(dir), true) => one(name, Status::Ok, format!("{dir}/bus"), None),
        (Some(dir), false) => one(
            name,
            Status::Missing,
            format!(
                "no DBUS_SESSION_BUS_ADDRESS and no {dir}/bus: containers get no scope and no limits"
            ),
            Some(format!("loginctl enable-linger {}", p.user_name)),
        ),
        (None, _) => one(
            name,
            Status::Missing,
            "no DBUS_SESSION_BUS_ADDRESS and no XDG_RUNTIME_DIR: containers get no scope and no limits",
            Some(format!(
                "loginctl enable-linger {0}, then log in with ssh or `machinectl shell {0}@` rather than su",
                p.user_name
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, fix, healthy};
    use super::super::{CgroupManager, CgroupMode, Status, report};

    #[test]
    fn hybrid_and_legacy_cgroups_warn() {
        for mode in [CgroupMode::Hybrid, CgroupMode::Legacy] {
            let mut p = healthy();
            p.cgroup_mode = mode;
            let r = report(&p);
            assert_eq!(check(&r, "cgroups").status, Status::Warn, "{mode:?}");
            assert_eq!(
                fix(&r, "cgroups"),
                "boot with systemd.unified_cgroup_hierarchy=1 for resource limits"
            );
        }
    }

    #[test]
    fn undelegated_controllers_warn() {
        let mut p = healthy();
        p.cgroup_user_controllers = Some("memory pids".to_string());
        let r = report(&p);
        let c = check(&r, "cgroups");
        assert_eq!(c.status, Status::Warn);
        assert!(c.detail.contains("no cpu"), "{}", c.detail);
        assert!(fix(&r, "cgroups").contains("Delegate=cpu"));
    }

    #[test]
    fn no_bus_suggests_linger() {
        let mut p = healthy();
        p.dbus_session_bus_address = None;
        p.user_bus_socket = false;
        let r = report(&p);
        assert_eq!(check(&r, "systemd user bus").status, Status::Missing);
        assert_eq!(fix(&r, "systemd user bus"), "loginctl enable-linger alice");
        assert_eq!(r.choices.cgroups, CgroupManager::None);

        p.cgroup_self_writable = true;
        assert_eq!(report(&p).choices.cgroups, CgroupManager::Delegated);

        // The socket alone is enough.
        p.user_bus_socket = true;
        let r = report(&p);
        assert_eq!(check(&r, "systemd user bus").status, Status::Ok);
        assert_eq!(r.choices.cgroups, CgroupManager::Systemd);
    }

    #[test]
    fn a_batch_job_is_said_and_wins_over_the_bus() {
        let mut p = healthy();
        assert!(!report(&p).checks.iter().any(|c| c.name == "batch job"));
        p.batch_job = Some(crate::plan::cgroup::BatchJob {
            scheduler: "Slurm",
            id: "7".into(),
            step: Some("0".into()),
        });
        let r = report(&p);
        let c = check(&r, "batch job");
        assert_eq!(c.status, Status::Ok);
        assert!(
            c.detail
                .starts_with("inside Slurm job 7 step 0: containers never get a systemd scope"),
            "{}",
            c.detail
        );
        assert!(c.detail.contains("whose limits apply"), "{}", c.detail);
        assert_eq!(r.choices.cgroups, CgroupManager::Job);
        p.cgroup_self_writable = true;
        let r = report(&p);
        assert_eq!(r.choices.cgroups, CgroupManager::Delegated);
        assert!(
            check(&r, "batch job")
                .detail
                .contains("child of the job's cgroup")
        );
    }
}
