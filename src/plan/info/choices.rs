//! What nook would use on this machine, down each fallback chain (the same decisions as `nook run`).

use serde::Serialize;

use super::cgroups::bus_reachable;
use super::ids::helper_found;
use super::runtime::runtime_dir;
use super::storage::overlay_place;
use super::{CgroupMode, Facts};
use crate::plan::overlay::Driver;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdMapChoice {
    /// `newuidmap`/`newgidmap` with the caller's subordinate ranges.
    Subordinate,
    /// The caller's own id alone.
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RootfsDriver {
    KernelOverlay,
    FuseOverlayfs,
    Copy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkDriver {
    Slirp4netns,
    Pasta,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CgroupManager {
    /// A transient scope asked of the systemd user manager.
    Systemd,
    /// A child of the caller's own, already delegated, cgroup.
    Delegated,
    /// The batch job's cgroup, whose limits apply (never a scope inside a job).
    Job,
    None,
}

/// What nook would use on this machine, down each fallback chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choices {
    pub id_mapping: IdMapChoice,
    /// The user's namespace holder that runs join (with subordinate ranges), when one runs.
    pub userns_holder: Option<i32>,
    pub rootfs: RootfsDriver,
    /// Why `nook run` picks that driver (`plan::overlay::choose`).
    pub rootfs_reason: String,
    pub network: NetworkDriver,
    pub cgroups: CgroupManager,
    pub runtime_dir: String,
}

pub(super) fn choices(p: &Facts) -> Choices {
    // The same test as `plan::run`: both helpers installed and both files give ranges.
    let subordinate = helper_found(&p.newuidmap)
        && helper_found(&p.newgidmap)
        && p.subuid.has_ranges()
        && p.subgid.has_ranges();
    // The same decision as `nook run` without --storage-driver.
    let facts = crate::plan::overlay::OverlayFacts {
        kernel: p.kernel_version.unwrap_or((0, 0)),
        fuse: p.fuse_overlayfs.path.is_some() && p.dev_fuse_rw,
        probe: p.overlay_probe.clone(),
        fs: overlay_place(p),
    };
    let asked = p.driver_asked.as_ref().map(|(d, _)| *d);
    let (rootfs, mut rootfs_reason) = match crate::plan::overlay::choose(asked, &facts) {
        Ok((Driver::Overlay, why)) => (RootfsDriver::KernelOverlay, why),
        Ok((Driver::FuseOverlayfs, why)) => (RootfsDriver::FuseOverlayfs, why),
        Ok((Driver::Vfs, why)) | Err(why) => (RootfsDriver::Copy, why),
    };
    if let Some((_, source)) = &p.driver_asked {
        rootfs_reason = format!("{rootfs_reason} ({source})");
    }
    let network = match (p.dev_net_tun_rw, &p.slirp4netns.path, &p.pasta.path) {
        (true, Some(_), _) => NetworkDriver::Slirp4netns,
        (true, None, Some(_)) => NetworkDriver::Pasta,
        _ => NetworkDriver::None,
    };
    let delegated = p.cgroup_mode == CgroupMode::Unified && p.cgroup_self_writable;
    let cgroups = if p.batch_job.is_some() {
        match delegated {
            true => CgroupManager::Delegated,
            false => CgroupManager::Job,
        }
    } else if bus_reachable(p) {
        CgroupManager::Systemd
    } else if p.cgroup_mode == CgroupMode::Unified && p.cgroup_self_writable {
        CgroupManager::Delegated
    } else {
        CgroupManager::None
    };
    Choices {
        id_mapping: if subordinate {
            IdMapChoice::Subordinate
        } else {
            IdMapChoice::Single
        },
        rootfs,
        rootfs_reason,
        network,
        cgroups,
        runtime_dir: runtime_dir(p),
        userns_holder: p.userns_holder.filter(|_| subordinate),
    }
}
