//! The checks of storage: the image store, the kernel overlay, fuse-overlayfs and /dev/fuse.

use super::findings::{device, one, tool_detail};
use super::{Check, Facts, Status};
use crate::plan::overlay::Probed;

/// The first Linux release that mounts overlayfs inside a user namespace.
pub const OVERLAY_USERNS_KERNEL: (u32, u32) = (5, 11);

/// Where users configure the store (containers-storage.conf's keys).
const STORAGE_CONF: &str = "~/.config/nook/storage.conf";

/// Where the kernel overlay was probed: the store's file system, and the upper dirs'.
pub(super) fn overlay_place(p: &Facts) -> String {
    crate::plan::storage::place_name(
        p.store_fs.as_deref().unwrap_or("file system"),
        p.upper_fs.as_deref(),
    )
}

/// The kernel can mount overlayfs in a user namespace, and the probe on the store's file
/// system (when there was one) did not refuse it.
pub(super) fn kernel_overlay_usable(p: &Facts) -> bool {
    p.kernel_version.is_some_and(|v| v >= OVERLAY_USERNS_KERNEL)
        && !matches!(p.overlay_probe, Some(Probed::Refused(_)))
}

pub(super) fn kernel_overlay(p: &Facts) -> Check {
    let name = "kernel overlay";
    let Some((major, minor)) = p.kernel_version else {
        let release = p.kernel_release.as_deref().unwrap_or("unreadable");
        return one(
            name,
            Status::Warn,
            format!("kernel release {release} not understood"),
            Some("check /proc/sys/kernel/osrelease".to_string()),
        );
    };
    if p.kernel_version.is_none_or(|v| v < OVERLAY_USERNS_KERNEL) {
        let (need_major, need_minor) = OVERLAY_USERNS_KERNEL;
        return one(
            name,
            Status::Missing,
            format!(
                "Linux {major}.{minor}: overlay in user namespaces needs {need_major}.{need_minor}"
            ),
            Some(format!(
                "upgrade to Linux {need_major}.{need_minor} or later (until then nook uses fuse-overlayfs, or copies)"
            )),
        );
    }
    let fs = overlay_place(p);
    match (&p.overlay_probe, &p.overlay_probe_error) {
        (Some(Probed::Refused(why)), _) => {
            return one(
                name,
                Status::Warn,
                format!("Linux {major}.{minor}, refused on the store's {fs}: {why}"),
                Some(format!(
                    "put the store on a local ext4, xfs or btrfs: rootless_storage_path in {STORAGE_CONF} (until then nook uses fuse-overlayfs, or copies)"
                )),
            );
        }
        (Some(Probed::Mounts), _) => {
            return one(
                name,
                Status::Ok,
                format!("Linux {major}.{minor}, mounts on the store's {fs} (probed)"),
                None,
            );
        }
        (None, Some(e)) => {
            return one(
                name,
                Status::Warn,
                format!("Linux {major}.{minor}, not probed: {e}"),
                Some("see the user namespaces and id mapping checks".to_string()),
            );
        }
        (None, None) => {}
    }
    match p.overlay_in_filesystems {
        Some(true) => one(
            name,
            Status::Ok,
            format!("Linux {major}.{minor}, overlay loaded"),
            None,
        ),
        _ => one(
            name,
            Status::Warn,
            format!(
                "Linux {major}.{minor}, overlay not in /proc/filesystems (the module may load on demand)"
            ),
            Some("sudo modprobe overlay".to_string()),
        ),
    }
}

pub(super) fn image_store(p: &Facts) -> Check {
    let name = "image store";
    match &p.store_root {
        Some(root) => {
            let fs = p.store_fs.as_deref().unwrap_or("unknown file system");
            let detail = format!("{root} on {fs} ({})", p.store_why);
            match crate::plan::storage::is_network_name(fs) {
                // Only where the user chose it: nook itself moves off network file systems.
                true => one(
                    name,
                    Status::Warn,
                    format!("{detail}: {fs} cannot hold files of subordinate ids"),
                    Some(format!(
                        "set rootless_storage_path in {STORAGE_CONF} (or NOOK_STORAGE) to a local disk"
                    )),
                ),
                false => one(name, Status::Ok, detail, None),
            }
        }
        None => one(
            name,
            Status::Missing,
            p.store_why.clone(),
            Some(format!(
                "fix {STORAGE_CONF}, or set NOOK_STORAGE to a directory on local disk"
            )),
        ),
    }
}

pub(super) fn fuse_overlayfs(p: &Facts) -> Check {
    let name = "fuse-overlayfs";
    match &p.fuse_overlayfs.path {
        Some(path) => one(name, Status::Ok, tool_detail(path, &p.fuse_overlayfs), None),
        None if kernel_overlay_usable(p) => one(
            name,
            Status::Ok,
            "not installed (not needed: kernel overlay is used)",
            None,
        ),
        None => one(
            name,
            Status::Missing,
            "not installed: layers are copied for each container",
            Some("sudo apt-get install fuse-overlayfs".to_string()),
        ),
    }
}

pub(super) fn dev_fuse(p: &Facts) -> Check {
    let name = "/dev/fuse";
    match device(p.dev_fuse_exists, p.dev_fuse_rw, name, "fuse") {
        Ok(()) => one(name, Status::Ok, "readable and writable", None),
        Err((what, _)) if kernel_overlay_usable(p) => one(
            name,
            Status::Ok,
            format!("{what} (not needed: kernel overlay is used)"),
            None,
        ),
        Err((what, fix)) => one(
            name,
            Status::Missing,
            format!("{what}: fuse-overlayfs cannot run"),
            Some(fix),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, fix, healthy};
    use super::super::{RootfsDriver, Status, Tool, report};
    use crate::plan::overlay::{Driver, Probed};

    #[test]
    fn rootfs_falls_back_to_fuse_then_copy() {
        let mut p = healthy();
        p.kernel_version = Some((5, 10));
        p.overlay_probe = None;
        let r = report(&p);
        assert_eq!(check(&r, "kernel overlay").status, Status::Missing);
        assert_eq!(r.choices.rootfs, RootfsDriver::FuseOverlayfs);
        assert!(r.to_table().contains(
            "\nstorage:      fuse-overlayfs: kernel 5.10 is older than 5.11: no unprivileged overlayfs"
        ));
        p.dev_fuse_rw = false;
        let r = report(&p);
        assert_eq!(check(&r, "/dev/fuse").status, Status::Missing);
        assert_eq!(fix(&r, "/dev/fuse"), "sudo chmod 0666 /dev/fuse");
        assert_eq!(r.choices.rootfs, RootfsDriver::Copy);

        let mut p = healthy();
        p.fuse_overlayfs = Tool::default();
        p.dev_fuse_exists = false;
        p.dev_fuse_rw = false;
        let r = report(&p);
        assert_eq!(check(&r, "fuse-overlayfs").status, Status::Ok);
        assert_eq!(check(&r, "/dev/fuse").status, Status::Ok);
        p.overlay_in_filesystems = Some(false);
        p.overlay_probe = None;
        let r = report(&p);
        let c = check(&r, "kernel overlay");
        assert_eq!(c.status, Status::Warn);
        assert!(c.detail.contains("may load on demand"));
        assert_eq!(r.choices.rootfs, RootfsDriver::KernelOverlay);
    }

    #[test]
    fn a_refused_probe_and_a_configured_driver_are_shown_with_their_reasons() {
        let mut p = healthy();
        p.store_fs = Some("nfs".into());
        p.overlay_probe = Some(Probed::Refused("mount: EINVAL: Invalid argument".into()));
        // Upper dirs elsewhere are named, as the probe put its upper dir there.
        let mut apart = p.clone();
        apart.upper_fs = Some("tmpfs".into());
        assert!(
            check(&report(&apart), "kernel overlay")
                .detail
                .contains("refused on the store's nfs, containers' upper dirs on tmpfs: mount")
        );
        p.upper_fs = Some("nfs".into());
        let r = report(&p);
        let c = check(&r, "kernel overlay");
        assert_eq!(c.status, Status::Warn);
        assert!(
            c.detail
                .contains("refused on the store's nfs: mount: EINVAL"),
            "{c:?}"
        );
        assert!(fix(&r, "kernel overlay").contains("rootless_storage_path"));
        assert_eq!(check(&r, "image store").status, Status::Warn);
        assert!(fix(&r, "image store").contains("local disk"));
        assert_eq!(r.choices.rootfs, RootfsDriver::FuseOverlayfs);
        assert!(r.to_table().contains(
            "\nstorage:      fuse-overlayfs: kernel overlay refused on nfs: mount: EINVAL: Invalid argument (--storage-driver overrides)\n"
        ));
        // fuse-overlayfs is then needed: its absence is no longer fine.
        let mut no_fuse = p.clone();
        no_fuse.fuse_overlayfs = Tool::default();
        let r = report(&no_fuse);
        assert_eq!(check(&r, "fuse-overlayfs").status, Status::Missing);
        assert_eq!(r.choices.rootfs, RootfsDriver::Copy);
        p.driver_asked = Some((Driver::Vfs, "storage.conf".into()));
        let r = report(&p);
        assert_eq!(r.choices.rootfs, RootfsDriver::Copy);
        assert_eq!(r.choices.rootfs_reason, "asked for (storage.conf)");
    }

    #[test]
    fn the_image_store_is_shown_with_why_it_is_there() {
        let r = report(&healthy());
        assert_eq!(
            check(&r, "image store").detail,
            "/home/alice/.local/share/nook/storage on ext4 (the data directory)"
        );
        let mut p = healthy();
        p.store_root = None;
        p.store_why = "/c/storage.conf: unknown storage driver \"zfs\": ...".into();
        let r = report(&p);
        assert_eq!(check(&r, "image store").status, Status::Missing);
        assert!(check(&r, "image store").detail.contains("zfs"));
        assert!(fix(&r, "image store").contains("storage.conf"));
    }
}
