//! Turns the facts of the machine (`host::facts::for_info`) into a report: what works, what is missing, and the fix for each.

mod cgroups;
mod choices;
mod facts;
mod findings;
mod ids;
mod network;
mod render;
mod runtime;
mod seccomp;
mod storage;
#[cfg(test)]
mod testing;

use serde::Serialize;

pub use choices::{CgroupManager, Choices, IdMapChoice, NetworkDriver, RootfsDriver};
pub use facts::{
    CgroupMode, Facts, IdHelper, Tool, cgroup_mode, has_file_caps, kernel_version, version_line,
};
pub use render::{go_arch, version};
pub use runtime::runtime_dir;
pub use storage::OVERLAY_USERNS_KERNEL;

/// Ordered by gravity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Works as nook wants it (or is not needed here).
    Ok,
    /// Present but limited or uncertain: nook works, with less.
    Warn,
    /// Absent or unusable: nook falls back to something worse, or cannot do it.
    Missing,
}

impl Status {
    pub fn mark(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Missing => "MISSING",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    /// What was found.
    pub detail: String,
    /// The command (or step) that fixes it; `None` when ok.
    pub fix: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub checks: Vec<Check>,
    pub choices: Choices,
    /// What was judged (`"probe"` in the JSON).
    pub facts: Facts,
}

pub fn report(p: &Facts) -> Report {
    let choices = choices::choices(p);
    let mut checks = vec![
        ids::user_namespaces(p),
        ids::id_mapping(p),
        storage::image_store(p),
        storage::kernel_overlay(p),
        storage::fuse_overlayfs(p),
        storage::dev_fuse(p),
        cgroups::cgroups(p),
        cgroups::user_bus(p),
        network::slirp4netns(p),
        network::pasta(p),
        network::dev_net_tun(p),
        seccomp::seccomp(p),
        runtime::runtime_dir_check(p),
    ];
    if let Some(job) = cgroups::batch_job(p) {
        checks.insert(8, job);
    }
    Report {
        checks,
        choices,
        facts: p.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{check, healthy};
    use super::*;

    #[test]
    fn healthy_machine_is_all_ok() {
        let r = report(&healthy());
        for c in &r.checks {
            assert_eq!(c.status, Status::Ok, "{c:?}");
            assert_eq!(c.fix, None, "{c:?}");
        }
        assert_eq!(r.checks.len(), 13);
        assert_eq!(
            r.choices,
            Choices {
                id_mapping: IdMapChoice::Subordinate,
                rootfs: RootfsDriver::KernelOverlay,
                rootfs_reason:
                    "kernel 6.1 mounts overlayfs in a user namespace on this store's ext4 (probed)"
                        .to_string(),
                network: NetworkDriver::Slirp4netns,
                cgroups: CgroupManager::Systemd,
                runtime_dir: "/run/user/1000/nook".to_string(),
                userns_holder: None,
            }
        );
        assert_eq!(
            check(&r, "id mapping").detail,
            "newuidmap /usr/bin/newuidmap (setuid), newgidmap /usr/bin/newgidmap (setuid), subuid 100000+65536, subgid 100000+65536"
        );
    }
}
