//! Which storage driver builds a container's root from its image layers, and how the kernel
//! overlay is asked for it: pure decisions, executed by `init/overlay.rs`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How the layers become one root file system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Driver {
    /// The kernel's overlayfs, mounted inside the user namespace (Linux >= 5.11, `userxattr`).
    Overlay,
    /// The layers copied into a private directory (podman's `vfs`): slow, works everywhere.
    Vfs,
    /// `fuse-overlayfs` run inside the container's namespaces (kernels without unprivileged
    /// overlayfs; needs the program and a usable /dev/fuse).
    FuseOverlayfs,
}

impl Driver {
    pub fn name(self) -> &'static str {
        match self {
            Driver::Overlay => "overlay",
            Driver::Vfs => "vfs",
            Driver::FuseOverlayfs => "fuse-overlayfs",
        }
    }
}

impl fmt::Display for Driver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Driver {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "overlay" | "overlay2" => Ok(Driver::Overlay),
            "vfs" | "copy" => Ok(Driver::Vfs),
            "fuse-overlayfs" => Ok(Driver::FuseOverlayfs),
            _ => Err(format!(
                "unknown storage driver {s:?}: use --storage-driver overlay, fuse-overlayfs or vfs"
            )),
        }
    }
}

/// What the machine offers, as far as the driver choice goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayFacts {
    /// Kernel version (major, minor).
    pub kernel: (u32, u32),
    /// `fuse-overlayfs` is installed and /dev/fuse is readable and writable.
    pub fuse: bool,
    /// Whether an unprivileged kernel overlay mounted on the store's file system (`None`:
    /// not probed, as on a kernel too old to try).
    pub probe: Option<Probed>,
    /// The store's file system, as `plan::storage::fs_name` names it.
    pub fs: String,
}

/// Everything the storage decision of a run from an image reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageFacts {
    /// The driver asked for (`--storage-driver`, `NOOK_STORAGE_DRIVER`, storage.conf).
    pub asked: Option<Driver>,
    pub machine: OverlayFacts,
    /// Where `fuse-overlayfs` is installed.
    pub fuse_program: Option<PathBuf>,
}

/// The outcome of mounting a tiny kernel overlay in a user namespace on the store's file
/// system, with the options a container gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Probed {
    Mounts,
    /// The step and errno that failed, e.g. "mount: EINVAL (Invalid argument)".
    Refused(String),
}

/// A probe's outcome as the store keeps it, valid for one kernel release with the layers on
/// one file system and the containers' upper dirs (in the runtime directory) on another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeRecord {
    /// `/proc/sys/kernel/osrelease`.
    pub kernel: String,
    /// The store's device (`st_dev`) and file system type (`statfs` magic).
    pub dev: u64,
    pub fs: u32,
    /// The same of the runtime directory, where containers' upper and work dirs live.
    #[serde(default)]
    pub upper_dev: u64,
    #[serde(default)]
    pub upper_fs: u32,
    /// What the probe tried (`PROBE_VERSION`): a record of an older probe is probed again.
    #[serde(default)]
    pub version: u32,
    pub result: Probed,
}

/// The probe's version: 2 replaces a directory through the overlay (an opaque one).
pub const PROBE_VERSION: u32 = 2;

/// Where a probe ran: (device, file system type) of the store and of the upper dirs.
pub type ProbePlace = ((u64, u32), (u64, u32));

impl ProbeRecord {
    /// The recorded outcome when it was probed on this kernel in this place; a new kernel (or
    /// a store or runtime directory moved elsewhere) must be probed again.
    pub fn answer(&self, kernel: &str, place: ProbePlace) -> Option<&Probed> {
        let here = ((self.dev, self.fs), (self.upper_dev, self.upper_fs));
        let current = self.version == PROBE_VERSION;
        (current && self.kernel == kernel && here == place).then_some(&self.result)
    }
}

/// The first kernel that mounts overlayfs in a user namespace (with `userxattr`).
pub const USERNS_OVERLAY: (u32, u32) = (5, 11);
/// The first kernel with `lowerdir+`, one layer per fsconfig call, with no length limit.
pub const LOWERDIR_PLUS: (u32, u32) = (6, 8);

/// Whether `nook run` must probe the kernel overlay before choosing: only when no driver is
/// asked for and the kernel is recent enough to try.
pub fn needs_probe(asked: Option<Driver>, kernel: (u32, u32)) -> bool {
    asked.is_none() && kernel >= USERNS_OVERLAY
}

/// The driver: the one asked for (`--storage-driver`, `NOOK_STORAGE_DRIVER`, storage.conf),
/// else the kernel overlay when a probe mounted one on the store's file system, else
/// fuse-overlayfs when it can run, else a copy. Returns the driver and why.
pub fn choose(asked: Option<Driver>, facts: &OverlayFacts) -> Result<(Driver, String), String> {
    let kernel_ok = facts.kernel >= USERNS_OVERLAY;
    let (maj, min) = facts.kernel;
    let fallback = |why: String| match facts.fuse {
        true => Ok((Driver::FuseOverlayfs, why)),
        false => Ok((
            Driver::Vfs,
            format!("{why}; fuse-overlayfs is not usable: layers are copied"),
        )),
    };
    match asked {
        Some(Driver::Overlay) if !kernel_ok => Err(format!(
            "storage driver overlay needs Linux 5.11 or later for unprivileged overlay mounts \
             (this is {maj}.{min}): use --storage-driver fuse-overlayfs or vfs"
        )),
        Some(Driver::FuseOverlayfs) if !facts.fuse => Err(
            "storage driver fuse-overlayfs needs the fuse-overlayfs program and a readable and \
             writable /dev/fuse (sudo apt-get install fuse-overlayfs): or use --storage-driver vfs"
                .into(),
        ),
        Some(d) => Ok((d, "asked for".into())),
        None if !kernel_ok => fallback(format!(
            "kernel {maj}.{min} is older than 5.11: no unprivileged overlayfs"
        )),
        None => match &facts.probe {
            Some(Probed::Mounts) => Ok((
                Driver::Overlay,
                format!(
                    "kernel {maj}.{min} mounts overlayfs in a user namespace on this store's {} (probed)",
                    facts.fs
                ),
            )),
            Some(Probed::Refused(why)) => {
                fallback(format!("kernel overlay refused on {}: {why}", facts.fs))
            }
            None => Ok((
                Driver::Overlay,
                format!("kernel {maj}.{min} mounts overlayfs in a user namespace (not probed yet)"),
            )),
        },
    }
}

/// The kernel overlay mount: layers bottom-most last, as overlayfs lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverlayMount {
    /// Image layers, top-most first.
    pub lower: Vec<PathBuf>,
    pub upper: PathBuf,
    pub work: PathBuf,
    /// Where the merged root is mounted (a host path, inside the container's mount namespace).
    pub target: PathBuf,
}

/// One call of the new mount API on an overlay file system context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Param {
    String(String, String),
    Flag(String),
}

/// The driver of a container made from an image, and the overlay `__init` mounts for it
/// (none for vfs, which copies the layers instead). `dir` is the container's directory;
/// `volatile`, a `--rm` container.
/// `unmapped`: the container's map leaves the caller out (`--userns=auto|nomap`, a
/// `--uidmap` not from 0; see `unmapped_driver`).
pub fn for_run(
    facts: &StorageFacts,
    layers: &[PathBuf],
    dir: &Path,
    volatile: bool,
    unmapped: bool,
) -> Result<(Driver, Option<OverlaySpec>), String> {
    let (mut driver, _) = choose(facts.asked, &facts.machine)?;
    if unmapped {
        driver = unmapped_driver(driver, facts.asked.is_some(), facts.machine.kernel)?;
    }
    let spec = match driver {
        Driver::Overlay => Some(for_container(layers, dir, facts.machine.kernel, volatile)?),
        Driver::FuseOverlayfs => {
            let program = facts.fuse_program.as_deref().ok_or(
                "fuse-overlayfs is not installed: sudo apt-get install fuse-overlayfs, or use --storage-driver vfs",
            )?;
            Some(fuse_for_container(layers, dir, program, volatile)?)
        }
        Driver::Vfs => None,
    };
    Ok((driver, spec))
}

/// The first kernel whose overlay takes its layers as descriptors (fsconfig's set-fd).
pub const LAYERS_BY_FD: (u32, u32) = (6, 13);

/// The driver for a map that leaves the caller out. The layers lie under the caller's
/// private directories, which the namespace's root cannot walk: the kernel overlay is then
/// configured from descriptors of them opened as the caller (Linux 6.13), and fuse-overlayfs,
/// which runs as that root and takes paths, cannot reach them. A driver chosen by default
/// that cannot do it gives way to vfs (a copy of the shifted layers); one asked for is
/// refused in one line.
pub fn unmapped_driver(driver: Driver, asked: bool, kernel: (u32, u32)) -> Result<Driver, String> {
    let (maj, min) = kernel;
    let why = match driver {
        Driver::Overlay if kernel < LAYERS_BY_FD => format!(
            "the kernel overlay shows an image through a map that leaves your own uid out only on Linux 6.13 or later (this is {maj}.{min})"
        ),
        Driver::FuseOverlayfs => "fuse-overlayfs cannot show an image through a map that leaves your own uid out (it runs as the container's root, which cannot reach your store)".to_string(),
        d => return Ok(d),
    };
    match asked {
        true => Err(format!("{why}: use --storage-driver vfs")),
        false => Ok(Driver::Vfs),
    }
}

/// The kernel overlay of one container: the mount and the fsconfig calls that make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverlaySpec {
    pub mount: OverlayMount,
    pub params: Vec<Param>,
    /// With the fuse-overlayfs driver: its program and arguments, run instead of the kernel
    /// mount (`params` is then empty).
    #[serde(default)]
    pub fuse: Option<Vec<String>>,
}

/// The kernel overlay for a container whose private directory is `dir` (upper, work and the
/// mount point `rootfs` inside it), of `layers` given bottom-most first as images list them.
/// `volatile` (a `--rm` container, whose upper directory is thrown away): the overlay skips
/// every sync of the upper file system (`fsync` in the container returns at once), as podman
/// mounts the overlays of `--rm` containers.
/// The lower directories of a mount, top-most first, each once at its top-most place: an image
/// whose stack has one layer twice (two steps that changed nothing, both the same empty layer)
/// would otherwise name one directory twice, which the kernel's overlay refuses (ELOOP); the
/// lower copy is hidden by the upper one anyway.
fn top_most_first(layers: &[PathBuf]) -> Vec<PathBuf> {
    let mut lower: Vec<PathBuf> = Vec::with_capacity(layers.len());
    for l in layers.iter().rev() {
        if !lower.contains(l) {
            lower.push(l.clone());
        }
    }
    lower
}

pub fn for_container(
    layers: &[PathBuf],
    dir: &Path,
    kernel: (u32, u32),
    volatile: bool,
) -> Result<OverlaySpec, String> {
    let mount = OverlayMount {
        lower: top_most_first(layers),
        upper: dir.join("upper"),
        work: dir.join("work"),
        target: dir.join("rootfs"),
    };
    let mut params = params(&mount, kernel)?;
    if volatile {
        params.push(Param::Flag("volatile".into()));
    }
    Ok(OverlaySpec {
        mount,
        params,
        fuse: None,
    })
}

/// The fuse-overlayfs mount of a container whose private directory is `dir`: `program` in the
/// foreground (so that it is `__init`'s child and dies with it), the layers top-most first.
/// `volatile`: as for `for_container`, fuse-overlayfs's `fsync=0`.
pub fn fuse_for_container(
    layers: &[PathBuf],
    dir: &Path,
    program: &Path,
    volatile: bool,
) -> Result<OverlaySpec, String> {
    let mount = OverlayMount {
        lower: top_most_first(layers),
        upper: dir.join("upper"),
        work: dir.join("work"),
        target: dir.join("rootfs"),
    };
    if mount.lower.is_empty() {
        return Err("an image without layers cannot be mounted".into());
    }
    for p in mount.lower.iter().chain([&mount.upper, &mount.work]) {
        check_path(p)?;
    }
    let lower: Vec<String> = mount
        .lower
        .iter()
        .map(|l| l.display().to_string())
        .collect();
    let mut options = format!(
        "lowerdir={},upperdir={},workdir={}",
        lower.join(":"),
        mount.upper.display(),
        mount.work.display()
    );
    if volatile {
        options.push_str(",fsync=0");
    }
    let argv = vec![
        program.display().to_string(),
        "-f".into(),
        "-o".into(),
        options,
        mount.target.display().to_string(),
    ];
    Ok(OverlaySpec {
        mount,
        params: Vec::new(),
        fuse: Some(argv),
    })
}

/// The page-size limit of the legacy mount(2) data string.
pub const MOUNT_DATA_MAX: usize = 4095;

/// The fsconfig calls that mount `m`. From Linux 6.8 every layer is its own `lowerdir+` call
/// (no limit on the number of layers); before, one `lowerdir=` string of colon-separated
/// layers, which must fit in a page: too long an error naming the fix.
pub fn params(m: &OverlayMount, kernel: (u32, u32)) -> Result<Vec<Param>, String> {
    let mut out = Vec::new();
    if m.lower.is_empty() {
        return Err("an image without layers cannot be mounted".into());
    }
    for p in m.lower.iter().chain([&m.upper, &m.work]) {
        check_path(p)?;
    }
    if kernel >= LOWERDIR_PLUS {
        for l in &m.lower {
            out.push(Param::String("lowerdir+".into(), l.display().to_string()));
        }
    } else {
        let joined = m
            .lower
            .iter()
            .map(|l| l.display().to_string())
            .collect::<Vec<_>>()
            .join(":");
        if joined.len() + 2 * m.upper.as_os_str().len() + 64 > MOUNT_DATA_MAX {
            return Err(format!(
                "the image has {} layers, too many for one overlay mount on Linux {}.{} \
                 (the layer list must fit in 4 KiB): use --storage-driver vfs, or Linux 6.8 \
                 or later",
                m.lower.len(),
                kernel.0,
                kernel.1
            ));
        }
        out.push(Param::String("lowerdir".into(), joined));
    }
    out.push(Param::String(
        "upperdir".into(),
        m.upper.display().to_string(),
    ));
    out.push(Param::String(
        "workdir".into(),
        m.work.display().to_string(),
    ));
    // Must be set for a mount inside a user namespace: whiteouts and opaque directories are
    // then read from `user.overlay.*` xattrs, which an unprivileged user can write.
    out.push(Param::Flag("userxattr".into()));
    Ok(out)
}

/// Overlay option values cannot hold `:` or `,` (list separators), and must be absolute.
fn check_path(p: &Path) -> Result<(), String> {
    let s = p.to_string_lossy();
    if !p.is_absolute() || s.contains(':') || s.contains(',') || s.contains('\n') {
        return Err(format!(
            "storage path {s:?} cannot be used in an overlay mount (it must be absolute, without \
             ':' or ','): move the store with XDG_DATA_HOME, or use --storage-driver vfs"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_layer_twice_in_the_stack_is_mounted_once_at_its_top_place() {
        let l = |p: &str| PathBuf::from(p);
        let spec = for_container(
            &[l("/s/base"), l("/s/empty"), l("/s/mid"), l("/s/empty")],
            Path::new("/r/c"),
            (6, 1),
            false,
        )
        .unwrap();
        assert_eq!(spec.mount.lower, [l("/s/empty"), l("/s/mid"), l("/s/base")]);
    }

    use super::*;

    fn m(n: usize) -> OverlayMount {
        OverlayMount {
            lower: (0..n)
                .map(|i| PathBuf::from(format!("/s/layers/{i:064}")))
                .collect(),
            upper: "/r/c/upper".into(),
            work: "/r/c/work".into(),
            target: "/r/c/rootfs".into(),
        }
    }

    #[test]
    fn names_parse() {
        assert_eq!("overlay".parse(), Ok(Driver::Overlay));
        assert_eq!("vfs".parse(), Ok(Driver::Vfs));
        assert_eq!("copy".parse(), Ok(Driver::Vfs));
        assert_eq!("fuse-overlayfs".parse(), Ok(Driver::FuseOverlayfs));
        assert!(
            "btrfs"
                .parse::<Driver>()
                .unwrap_err()
                .contains("--storage-driver")
        );
    }

    fn facts(kernel: (u32, u32), fuse: bool, probe: Option<Probed>) -> OverlayFacts {
        OverlayFacts {
            kernel,
            fuse,
            probe,
            fs: "ext4".into(),
        }
    }

    #[test]
    fn a_map_without_the_caller_takes_a_driver_that_reaches_the_layers() {
        let (o, f, v) = (Driver::Overlay, Driver::FuseOverlayfs, Driver::Vfs);
        let new = LAYERS_BY_FD;
        assert_eq!(unmapped_driver(o, true, new), Ok(o));
        assert_eq!(unmapped_driver(o, false, (6, 18)), Ok(o));
        assert_eq!(unmapped_driver(v, true, (5, 10)), Ok(v));
        // Chosen by default: vfs instead.
        assert_eq!(unmapped_driver(o, false, (6, 8)), Ok(v));
        assert_eq!(unmapped_driver(f, false, new), Ok(v));
        // Asked for: one line naming the way out.
        let e = unmapped_driver(o, true, (6, 8)).unwrap_err();
        assert!(e.contains("Linux 6.13 or later (this is 6.8)"), "{e}");
        assert!(e.ends_with(": use --storage-driver vfs"), "{e}");
        let e = unmapped_driver(f, true, new).unwrap_err();
        assert!(e.starts_with("fuse-overlayfs cannot show an image"), "{e}");
        assert!(e.ends_with(": use --storage-driver vfs"), "{e}");
    }

    #[test]
    fn a_run_gets_the_chosen_drivers_mount() {
        let layers = [PathBuf::from("/s/layers/a"), PathBuf::from("/s/layers/b")];
        let dir = Path::new("/run/user/1/nook/containers/c");
        let storage = |asked, fuse_program: Option<&str>| StorageFacts {
            asked,
            machine: facts((6, 8), true, Some(Probed::Mounts)),
            fuse_program: fuse_program.map(PathBuf::from),
        };
        let (d, spec) = for_run(&storage(None, None), &layers, dir, true, false).unwrap();
        let spec = spec.unwrap();
        assert_eq!(d, Driver::Overlay);
        assert_eq!(spec.mount.lower[0], layers[1]);
        assert_eq!(spec.mount.target, dir.join("rootfs"));
        assert!(spec.fuse.is_none());
        let (d, spec) =
            for_run(&storage(Some(Driver::Vfs), None), &layers, dir, true, false).unwrap();
        assert_eq!((d, spec), (Driver::Vfs, None));
        let fuse = Some(Driver::FuseOverlayfs);
        let (d, spec) = for_run(
            &storage(fuse, Some("/usr/bin/fuse-overlayfs")),
            &layers,
            dir,
            false,
            false,
        )
        .unwrap();
        assert_eq!(d, Driver::FuseOverlayfs);
        assert!(spec.unwrap().fuse.is_some());
        // A map that leaves the caller out: fuse-overlayfs chosen gives way to vfs.
        let fallback = StorageFacts {
            machine: facts((6, 8), true, Some(Probed::Refused("EPERM".into()))),
            ..storage(None, Some("/usr/bin/fuse-overlayfs"))
        };
        let (d, spec) = for_run(&fallback, &layers, dir, false, false).unwrap();
        assert_eq!((d, spec.is_some()), (Driver::FuseOverlayfs, true));
        let (d, spec) = for_run(&fallback, &layers, dir, false, true).unwrap();
        assert_eq!((d, spec), (Driver::Vfs, None));
        let e = for_run(&storage(fuse, None), &layers, dir, false, false).unwrap_err();
        assert!(e.starts_with("fuse-overlayfs is not installed"), "{e}");
    }

    #[test]
    fn a_recorded_probe_holds_for_the_same_kernel_and_file_system_only() {
        let r = ProbeRecord {
            kernel: "6.18.4-1".into(),
            dev: 2049,
            fs: 0xEF53,
            upper_dev: 25,
            upper_fs: 0x0102_1994,
            version: PROBE_VERSION,
            result: Probed::Mounts,
        };
        let here = ((2049, 0xEF53), (25, 0x0102_1994));
        assert_eq!(r.answer("6.18.4-1", here), Some(&Probed::Mounts));
        assert_eq!(r.answer("6.18.5-1", here), None);
        assert_eq!(r.answer("6.18.4-1", ((2050, 0xEF53), here.1)), None);
        assert_eq!(r.answer("6.18.4-1", ((2049, 0x6969), here.1)), None);
        // The runtime directory on another file system (tmpfs -> disk): probed again.
        assert_eq!(r.answer("6.18.4-1", (here.0, (26, 0xEF53))), None);
        // A record of an older probe, which tried less: probed again.
        let old = ProbeRecord {
            version: 1,
            ..r.clone()
        };
        assert_eq!(old.answer("6.18.4-1", here), None);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<ProbeRecord>(&json).unwrap(), r);
    }

    #[test]
    fn the_kernel_overlay_is_the_default_where_the_probe_mounted_it() {
        let ok = facts((6, 18), false, Some(Probed::Mounts));
        let (d, why) = choose(None, &ok).unwrap();
        assert_eq!(d, Driver::Overlay);
        assert!(why.contains("6.18") && why.contains("ext4") && why.contains("(probed)"));
        assert_eq!(choose(Some(Driver::Vfs), &ok).unwrap().0, Driver::Vfs);
        assert!(needs_probe(None, (5, 11)));
        assert!(!needs_probe(None, (5, 10)));
        assert!(!needs_probe(Some(Driver::Vfs), (6, 18)));
    }

    #[test]
    fn a_refused_probe_falls_back_to_fuse_overlayfs_then_a_copy() {
        let refused = Some(Probed::Refused("mount: EINVAL (Invalid argument)".into()));
        let (d, why) = choose(None, &facts((6, 18), true, refused.clone())).unwrap();
        assert_eq!(d, Driver::FuseOverlayfs);
        assert_eq!(
            why,
            "kernel overlay refused on ext4: mount: EINVAL (Invalid argument)"
        );
        let (d, why) = choose(None, &facts((6, 18), false, refused.clone())).unwrap();
        assert_eq!(d, Driver::Vfs);
        assert!(why.contains("EINVAL") && why.contains("copied"), "{why}");
        // Asked for, the overlay is tried anyway: the run's own mount error then says why.
        let asked = choose(Some(Driver::Overlay), &facts((6, 18), false, refused));
        assert_eq!(asked.unwrap().0, Driver::Overlay);
    }

    #[test]
    fn old_kernels_get_fuse_overlayfs_or_a_copy_and_refuse_the_overlay() {
        let old = facts((5, 10), false, None);
        assert_eq!(choose(None, &old).unwrap().0, Driver::Vfs);
        let e = choose(Some(Driver::Overlay), &old).unwrap_err();
        assert!(e.contains("5.11") && e.contains("vfs"), "{e}");
        let e = choose(Some(Driver::FuseOverlayfs), &facts((6, 1), false, None)).unwrap_err();
        assert!(e.contains("apt-get install fuse-overlayfs"), "{e}");
        let (d, why) = choose(None, &facts((5, 4), true, None)).unwrap();
        assert_eq!(d, Driver::FuseOverlayfs);
        assert!(why.contains("5.4"), "{why}");
        let asked = choose(Some(Driver::FuseOverlayfs), &facts((6, 8), true, None)).unwrap();
        assert_eq!(asked.0, Driver::FuseOverlayfs);
        // Not probed (the probe could not run): the kernel's version decides, and says so.
        let (d, why) = choose(None, &facts((6, 1), true, None)).unwrap();
        assert_eq!(d, Driver::Overlay);
        assert!(why.contains("not probed"), "{why}");
    }

    #[test]
    fn fuse_overlayfs_runs_in_the_foreground_with_the_layers_top_first() {
        let layers: Vec<PathBuf> = ["/s/l/a", "/s/l/b"].iter().map(PathBuf::from).collect();
        let spec =
            fuse_for_container(&layers, Path::new("/r/c"), Path::new("/usr/bin/f"), false).unwrap();
        assert!(spec.params.is_empty());
        assert_eq!(
            spec.fuse.unwrap(),
            [
                "/usr/bin/f",
                "-f",
                "-o",
                "lowerdir=/s/l/b:/s/l/a,upperdir=/r/c/upper,workdir=/r/c/work",
                "/r/c/rootfs"
            ]
        );
        let bad = [PathBuf::from("/s/l,x")];
        assert!(fuse_for_container(&bad, Path::new("/r/c"), Path::new("/f"), false).is_err());
        assert!(fuse_for_container(&[], Path::new("/r/c"), Path::new("/f"), false).is_err());
        // A --rm container's writes are never synced: it is thrown away.
        let rm = fuse_for_container(&layers, Path::new("/r/c"), Path::new("/f"), true).unwrap();
        assert!(rm.fuse.unwrap()[3].ends_with(",workdir=/r/c/work,fsync=0"));
    }

    #[test]
    fn new_kernels_get_one_call_per_layer_top_first() {
        let p = params(&m(200), (6, 8)).unwrap();
        let lowers: Vec<_> = p
            .iter()
            .filter_map(|p| match p {
                Param::String(k, v) if k == "lowerdir+" => Some(v.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(lowers.len(), 200);
        assert!(lowers[0].ends_with(&format!("{:064}", 0)));
        assert!(p.contains(&Param::String("upperdir".into(), "/r/c/upper".into())));
        assert!(p.contains(&Param::String("workdir".into(), "/r/c/work".into())));
        assert_eq!(p.last(), Some(&Param::Flag("userxattr".into())));
    }

    #[test]
    fn old_kernels_get_one_string_with_a_limit() {
        let p = params(&m(3), (5, 15)).unwrap();
        match &p[0] {
            Param::String(k, v) if k == "lowerdir" => assert_eq!(v.matches(':').count(), 2),
            other => panic!("{other:?}"),
        }
        let e = params(&m(128), (5, 15)).unwrap_err();
        assert!(e.contains("128 layers") && e.contains("vfs"), "{e}");
    }

    #[test]
    fn a_container_gets_upper_work_and_mount_point_in_its_dir_and_layers_top_first() {
        let layers = vec![
            PathBuf::from("/s/layers/base"),
            PathBuf::from("/s/layers/top"),
        ];
        let o = for_container(&layers, Path::new("/r/c"), (6, 8), false).unwrap();
        assert!(!o.params.contains(&Param::Flag("volatile".into())));
        assert_eq!(o.mount.lower[0], PathBuf::from("/s/layers/top"));
        assert_eq!(o.mount.target, PathBuf::from("/r/c/rootfs"));
        assert_eq!(o.mount.upper, PathBuf::from("/r/c/upper"));
        assert_eq!(
            o.params[0],
            Param::String("lowerdir+".into(), "/s/layers/top".into())
        );
        // A --rm container's upper directory is thrown away: never synced.
        let rm = for_container(&layers, Path::new("/r/c"), (6, 8), true).unwrap();
        assert_eq!(rm.params.last(), Some(&Param::Flag("volatile".into())));
    }

    #[test]
    fn separators_in_paths_are_refused() {
        let mut bad = m(1);
        bad.upper = "/home/a:b/upper".into();
        assert!(params(&bad, (6, 8)).unwrap_err().contains("':'"));
        let mut rel = m(1);
        rel.lower = vec!["layers/x".into()];
        assert!(params(&rel, (6, 8)).is_err());
        assert!(params(&m(0), (6, 8)).is_err());
    }
}
