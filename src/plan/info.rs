//! Turns the probe of the machine into a report: what works, what is missing, and the fix for each.

use serde::Serialize;
use serde_json::{Value, json};

use super::idmap::{self, SubidRange};
use super::overlay::{Driver, Probed};

/// The first Linux release that mounts overlayfs inside a user namespace.
pub const OVERLAY_USERNS_KERNEL: (u32, u32) = (5, 11);

/// Where users configure the store (containers-storage.conf's keys).
const STORAGE_CONF: &str = "~/.config/nook/storage.conf";

/// The range suggested to users without one (the one `useradd` gives the first user).
const SUBID_RANGE: &str = "100000-165535";

/// Controllers nook's resource limits need delegated to the user's systemd manager.
const LIMIT_CONTROLLERS: [&str; 3] = ["cpu", "memory", "pids"];

const DELEGATE_FIX: &str = "sudo mkdir -p /etc/systemd/system/user@.service.d && printf '[Service]\\nDelegate=cpu cpuset io memory pids\\n' | sudo tee /etc/systemd/system/user@.service.d/delegate.conf && sudo systemctl daemon-reload (then log in again)";

/// One subordinate range, as read from `/etc/subuid` or `/etc/subgid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IdRange {
    pub start: u32,
    pub count: u32,
}

/// What one subordinate-id file says about the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Subids {
    /// The file that was read.
    pub file: String,
    /// The file exists and could be read.
    pub present: bool,
    pub ranges: Vec<IdRange>,
    /// The caller's line is malformed (the parser's message).
    pub error: Option<String>,
}

impl Subids {
    /// Reads the caller's ranges out of the contents of `file` (`None`: it could not be read).
    pub fn parse(file: &str, text: Option<&str>, name: &str, id: u32) -> Subids {
        let mut subids = Subids {
            file: file.to_string(),
            present: text.is_some(),
            ..Subids::default()
        };
        match text.map(|t| idmap::parse_subid(t, name, id)) {
            Some(Ok(ranges)) => {
                subids.ranges = ranges
                    .into_iter()
                    .map(|r| IdRange {
                        start: r.start,
                        count: r.count,
                    })
                    .collect()
            }
            Some(Err(e)) => subids.error = Some(e.to_string()),
            None => {}
        }
        subids
    }
}

/// `newuidmap` or `newgidmap`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IdHelper {
    pub path: Option<String>,
    /// Found through `PATH` (nook runs the helpers by name), not only in a system directory.
    pub on_path: bool,
    /// Owned by root with the setuid bit.
    pub setuid_root: bool,
    /// It has file capabilities (`getcap`); `None` when that could not be told.
    pub file_caps: Option<bool>,
}

/// A helper program nook may run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tool {
    pub path: Option<String>,
    pub on_path: bool,
    /// The line of `--version` naming the version.
    pub version: Option<String>,
}

/// How the cgroup file systems are mounted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CgroupMode {
    /// cgroup v2 only, at `/sys/fs/cgroup`.
    Unified,
    /// v1 controllers, with an empty cgroup v2 at `/sys/fs/cgroup/unified`.
    Hybrid,
    /// cgroup v1 only.
    Legacy,
    /// No cgroup file system found.
    #[default]
    Unknown,
}

/// The facts `nook info` judges, as `host/probe.rs` read them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Probe {
    pub kernel_release: Option<String>,
    /// `(major, minor)` of the release.
    pub kernel_version: Option<(u32, u32)>,
    /// `/proc/sys/user/max_user_namespaces` (`None`: absent or unreadable).
    pub max_user_namespaces: Option<u64>,
    /// `/proc/sys/kernel/unprivileged_userns_clone` (Debian, older Ubuntu; `None`: absent).
    pub unprivileged_userns_clone: Option<u32>,
    /// `/proc/sys/kernel/apparmor_restrict_unprivileged_userns` (Ubuntu 23.10+; `None`: absent).
    pub apparmor_restrict_unprivileged_userns: Option<u32>,
    /// nook's AppArmor profile is installed in `/etc/apparmor.d`.
    pub apparmor_profile_installed: bool,
    pub uid: u32,
    pub gid: u32,
    pub user_name: String,
    pub subuid: Subids,
    pub subgid: Subids,
    pub newuidmap: IdHelper,
    pub newgidmap: IdHelper,
    /// `overlay` is listed in `/proc/filesystems` (`None`: unreadable).
    pub overlay_in_filesystems: Option<bool>,
    pub fuse_overlayfs: Tool,
    pub dev_fuse_exists: bool,
    /// `/dev/fuse` is readable and writable by the caller.
    pub dev_fuse_rw: bool,
    pub cgroup_mode: CgroupMode,
    /// Controllers delegated to the user's systemd manager (its `cgroup.controllers`).
    pub cgroup_user_controllers: Option<String>,
    /// The caller's own cgroup v2 path (from `/proc/self/cgroup`).
    pub cgroup_self: Option<String>,
    /// The caller may create cgroups below its own.
    pub cgroup_self_writable: bool,
    pub dbus_session_bus_address: Option<String>,
    /// `$XDG_RUNTIME_DIR/bus` is a socket.
    pub user_bus_socket: bool,
    pub xdg_runtime_dir: Option<String>,
    pub xdg_runtime_dir_exists: bool,
    /// Owner of `/tmp/nook-UID` if it exists (it must be the caller).
    pub fallback_runtime_dir_owner: Option<u32>,
    pub slirp4netns: Tool,
    pub pasta: Tool,
    pub dev_net_tun_exists: bool,
    /// `/dev/net/tun` is readable and writable by the caller.
    pub dev_net_tun_rw: bool,
    /// The kernel has seccomp filters (`Seccomp:` in /proc/self/status).
    pub seccomp_kernel: bool,
    /// `/proc/sys/kernel/seccomp/actions_avail`.
    pub seccomp_actions: Option<String>,
    /// The libseccomp nook is linked with.
    pub libseccomp_version: Option<String>,
    /// The image store's directory (`store::location`), or `None` when it cannot be found.
    pub store_root: Option<String>,
    /// Why the store is there, or why it cannot be found (a bad storage.conf ...).
    pub store_why: String,
    /// The store's file system (`plan::storage::fs_name`).
    pub store_fs: Option<String>,
    /// The runtime directory's file system, where containers' upper dirs live.
    pub upper_fs: Option<String>,
    /// The driver asked for without a flag (`NOOK_STORAGE_DRIVER`, storage.conf), and where.
    pub driver_asked: Option<(Driver, String)>,
    /// The kernel overlay probe on the store's file system (`None`: not probed).
    pub overlay_probe: Option<Probed>,
    /// Why the probe could not run at all.
    pub overlay_probe_error: Option<String>,
}

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
    None,
}

/// What nook would use on this machine, down each fallback chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choices {
    pub id_mapping: IdMapChoice,
    pub rootfs: RootfsDriver,
    /// Why `nook run` picks that driver (`plan::overlay::choose`).
    pub rootfs_reason: String,
    pub network: NetworkDriver,
    pub cgroups: CgroupManager,
    pub runtime_dir: String,
}

impl Choices {
    fn rows(&self) -> [(&'static str, String); 5] {
        let id = match self.id_mapping {
            IdMapChoice::Subordinate => "newuidmap with subordinate ranges",
            IdMapChoice::Single => "single mapping (only your own id inside)",
        };
        let rootfs = match self.rootfs {
            RootfsDriver::KernelOverlay => "overlay",
            RootfsDriver::FuseOverlayfs => "fuse-overlayfs",
            RootfsDriver::Copy => "vfs",
        };
        let network = match self.network {
            NetworkDriver::Slirp4netns => "slirp4netns",
            NetworkDriver::Pasta => "pasta",
            NetworkDriver::None => "none",
        };
        let cgroups = match self.cgroups {
            CgroupManager::Systemd => "systemd user scope",
            CgroupManager::Delegated => "delegated cgroup",
            CgroupManager::None => "none",
        };
        [
            ("id mapping", id.to_string()),
            (
                "storage",
                format!(
                    "{rootfs}: {} (--storage-driver overrides)",
                    self.rootfs_reason
                ),
            ),
            ("network", format!("{network} (the default of nook run)")),
            (
                "cgroups",
                format!("{cgroups} (the default of nook run; limits need cgroup v2)"),
            ),
            ("runtime dir", self.runtime_dir.clone()),
        ]
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub checks: Vec<Check>,
    pub choices: Choices,
    pub probe: Probe,
}

/// `(major, minor)` of a kernel release such as `6.1.0-18-amd64`.
pub fn kernel_version(release: &str) -> Option<(u32, u32)> {
    let mut parts = release.trim().split('.');
    let major = parts.next()?.parse().ok()?;
    let minor: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((major, minor.parse().ok()?))
}

/// The cgroup layout, from whether `/sys/fs/cgroup/cgroup.controllers` exists and the
/// contents of `/proc/self/mounts`.
pub fn cgroup_mode(root_controllers: bool, mounts: &str) -> CgroupMode {
    if root_controllers {
        return CgroupMode::Unified;
    }
    let mut legacy = false;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace().skip(1);
        match (fields.next(), fields.next()) {
            (Some("/sys/fs/cgroup/unified"), Some("cgroup2")) => return CgroupMode::Hybrid,
            (Some(_), Some("cgroup")) => legacy = true,
            _ => {}
        }
    }
    if legacy {
        CgroupMode::Legacy
    } else {
        CgroupMode::Unknown
    }
}

/// The line of a `--version` output that names the version: the first that names the tool
/// (`fuse-overlayfs` prints its FUSE library first), else the first non-empty line.
pub fn version_line(tool: &str, output: &str) -> Option<String> {
    let lines = || output.lines().map(str::trim).filter(|l| !l.is_empty());
    lines()
        .find(|l| l.contains(tool))
        .or_else(|| lines().next())
        .map(str::to_string)
}

/// Whether `getcap PATH` output gives `path` file capabilities (it prints nothing otherwise;
/// `PATH cap_setuid=ep` in libcap 2.4x, `PATH = cap_setuid+ep` before).
pub fn has_file_caps(getcap_stdout: &str, path: &str) -> bool {
    getcap_stdout.lines().any(|l| {
        l.strip_prefix(path)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace) && rest.contains("cap_"))
    })
}

/// `$XDG_RUNTIME_DIR/nook` when that directory exists, else `/tmp/nook-UID`, as
/// `host/state.rs` decides.
pub fn runtime_dir(p: &Probe) -> String {
    match &p.xdg_runtime_dir {
        Some(dir) if p.xdg_runtime_dir_exists => format!("{}/nook", dir.trim_end_matches('/')),
        _ => format!("/tmp/nook-{}", p.uid),
    }
}

/// Where the kernel overlay was probed: the store's file system, and the upper dirs'.
fn overlay_place(p: &Probe) -> String {
    crate::plan::storage::place_name(
        p.store_fs.as_deref().unwrap_or("file system"),
        p.upper_fs.as_deref(),
    )
}

pub fn report(p: &Probe) -> Report {
    let choices = choices(p);
    let checks = vec![
        user_namespaces(p),
        id_mapping(p),
        image_store(p),
        kernel_overlay(p),
        fuse_overlayfs(p),
        dev_fuse(p),
        cgroups(p),
        user_bus(p),
        slirp4netns(p),
        pasta(p),
        dev_net_tun(p),
        seccomp(p),
        runtime_dir_check(p),
    ];
    Report {
        checks,
        choices,
        probe: p.clone(),
    }
}

impl Report {
    /// Aligned columns (mark, name, detail), a `fix:` line under each check that is not ok,
    /// then the choices.
    pub fn to_table(&self) -> String {
        let mark_width = self.checks.iter().map(|c| c.status.mark().len()).max();
        let mark_width = mark_width.unwrap_or(0);
        let name_width = self.checks.iter().map(|c| c.name.len()).max();
        let name_width = name_width.unwrap_or(0);
        let mut out = String::new();
        for c in &self.checks {
            let line = format!(
                "{:<mark_width$}  {:<name_width$}  {}",
                c.status.mark(),
                c.name,
                c.detail
            );
            out.push_str(line.trim_end());
            out.push('\n');
            if let (false, Some(fix)) = (c.status == Status::Ok, &c.fix) {
                out.push_str(&format!("{:mark_width$}  fix: {fix}\n", ""));
            }
        }
        let rows = self.choices.rows();
        let label_width = rows.iter().map(|(l, _)| l.len() + 1).max().unwrap_or(0);
        out.push('\n');
        for (label, value) in rows {
            out.push_str(&format!("{:<label_width$}  {value}\n", format!("{label}:")));
        }
        out
    }

    /// `{"checks": [{name, status, detail, fix}], "choices": {...}, "probe": {...}}`.
    pub fn to_json(&self) -> Value {
        json!({
            "checks": serde_json::to_value(&self.checks).unwrap_or_default(),
            "choices": serde_json::to_value(&self.choices).unwrap_or_default(),
            "probe": serde_json::to_value(&self.probe).unwrap_or_default(),
        })
    }
}

/// What one check found: notes for the detail, the worst status, the fixes in order.
struct Findings {
    status: Status,
    notes: Vec<String>,
    fixes: Vec<String>,
}

impl Findings {
    fn new() -> Findings {
        Findings {
            status: Status::Ok,
            notes: Vec::new(),
            fixes: Vec::new(),
        }
    }

    fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    fn problem(&mut self, status: Status, note: impl Into<String>, fix: impl Into<String>) {
        self.status = self.status.max(status);
        self.notes.push(note.into());
        let fix = fix.into();
        if !self.fixes.contains(&fix) {
            self.fixes.push(fix);
        }
    }

    fn check(self, name: &'static str) -> Check {
        let fix =
            (self.status != Status::Ok && !self.fixes.is_empty()).then(|| self.fixes.join("; "));
        Check {
            name,
            status: self.status,
            detail: self.notes.join(", "),
            fix,
        }
    }
}

fn one(
    name: &'static str,
    status: Status,
    detail: impl Into<String>,
    fix: Option<String>,
) -> Check {
    Check {
        name,
        status,
        detail: detail.into(),
        fix,
    }
}

fn helper_found(h: &IdHelper) -> bool {
    h.path.is_some()
}

fn has_ranges(s: &Subids) -> bool {
    s.error.is_none() && !s.ranges.is_empty()
}

fn overlaps(s: &Subids, id: u32) -> Option<IdRange> {
    s.ranges.iter().copied().find(|r| {
        idmap::overlaps_own_id(
            &[SubidRange {
                start: r.start,
                count: r.count,
            }],
            id,
        )
    })
}

/// The kernel can mount overlayfs in a user namespace, and the probe on the store's file
/// system (when there was one) did not refuse it.
fn kernel_overlay_usable(p: &Probe) -> bool {
    p.kernel_version.is_some_and(|v| v >= OVERLAY_USERNS_KERNEL)
        && !matches!(p.overlay_probe, Some(Probed::Refused(_)))
}

fn choices(p: &Probe) -> Choices {
    // The same test as `plan::run`: both helpers installed and both files give ranges.
    let subordinate = helper_found(&p.newuidmap)
        && helper_found(&p.newgidmap)
        && has_ranges(&p.subuid)
        && has_ranges(&p.subgid);
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
    let cgroups = if bus_reachable(p) {
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
    }
}

fn user_namespaces(p: &Probe) -> Check {
    let mut f = Findings::new();
    match p.max_user_namespaces {
        None => f.problem(
            Status::Missing,
            "no /proc/sys/user/max_user_namespaces: this kernel has no user namespaces",
            "boot a kernel built with CONFIG_USER_NS=y",
        ),
        Some(0) => f.problem(
            Status::Missing,
            "user.max_user_namespaces=0",
            "sudo sysctl -w user.max_user_namespaces=15000",
        ),
        Some(n) => f.note(format!("max {n}")),
    }
    match p.unprivileged_userns_clone {
        Some(0) => f.problem(
            Status::Missing,
            "kernel.unprivileged_userns_clone=0",
            "sudo sysctl -w kernel.unprivileged_userns_clone=1",
        ),
        Some(_) => f.note("unprivileged_userns_clone=1"),
        None => {}
    }
    match (p.apparmor_restrict_unprivileged_userns, p.apparmor_profile_installed) {
        (Some(0) | None, _) => {}
        (Some(_), true) => f.note("restricted by AppArmor; nook's profile is installed"),
        (Some(_), false) => f.problem(
            Status::Missing,
            "AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1)",
            "install nook's AppArmor profile (packaging/apparmor/nook) or sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0",
        ),
    }
    f.check("user namespaces")
}

fn id_mapping(p: &Probe) -> Check {
    let mut f = Findings::new();
    let name = &p.user_name;
    let usermod =
        format!("sudo usermod --add-subuids {SUBID_RANGE} --add-subgids {SUBID_RANGE} {name}");
    for (tool, h) in [("newuidmap", &p.newuidmap), ("newgidmap", &p.newgidmap)] {
        let Some(path) = &h.path else {
            f.problem(
                Status::Missing,
                format!("no {tool}"),
                "sudo apt-get install uidmap",
            );
            continue;
        };
        match (h.setuid_root, h.file_caps) {
            (true, _) => f.note(format!("{tool} {path} (setuid)")),
            (false, Some(true)) => f.note(format!("{tool} {path} (file capabilities)")),
            (false, Some(false)) => f.problem(
                Status::Missing,
                format!("{tool} {path} is neither setuid root nor has file capabilities"),
                format!("sudo chmod u+s {path}"),
            ),
            (false, None) => f.problem(
                Status::Warn,
                format!("{tool} {path} is not setuid root (file capabilities unknown)"),
                format!("check with: /usr/sbin/getcap {path} (sudo apt-get install libcap2-bin)"),
            ),
        }
        if !h.on_path {
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            f.problem(
                Status::Warn,
                format!("{path} is not on PATH (nook runs {tool} by name)"),
                format!("export PATH=\"$PATH:{dir}\""),
            );
        }
    }
    for (kind, s, id) in [("subuid", &p.subuid, p.uid), ("subgid", &p.subgid, p.gid)] {
        let file = &s.file;
        if let Some(e) = &s.error {
            f.problem(
                Status::Missing,
                format!("{file} {e}"),
                format!("correct or remove that line of {file}, then: {usermod}"),
            );
        } else if !s.present {
            f.problem(Status::Missing, format!("no {file}"), usermod.as_str());
        } else if s.ranges.is_empty() {
            f.problem(
                Status::Missing,
                format!("no {file} range for {name}"),
                usermod.as_str(),
            );
        } else if let Some(r) = overlaps(s, id) {
            let last = u64::from(r.start) + u64::from(r.count) - 1;
            f.problem(
                Status::Missing,
                format!(
                    "{file} range {}+{} contains your own id {id}",
                    r.start, r.count
                ),
                format!(
                    "sudo usermod --del-{kind}s {}-{last} {name} && {usermod}",
                    r.start
                ),
            );
        } else {
            let ranges: Vec<String> = s
                .ranges
                .iter()
                .map(|r| format!("{}+{}", r.start, r.count))
                .collect();
            f.note(format!("{kind} {}", ranges.join(" ")));
        }
    }
    if f.status == Status::Missing {
        f.note("nook falls back to a single mapping");
    }
    f.check("id mapping")
}

fn kernel_overlay(p: &Probe) -> Check {
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

fn image_store(p: &Probe) -> Check {
    let name = "image store";
    match &p.store_root {
        Some(root) => {
            let fs = p.store_fs.as_deref().unwrap_or("unknown file system");
            let detail = format!("{root} on {fs} ({})", p.store_why);
            match super::storage::is_network_name(fs) {
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

fn tool_detail(path: &str, t: &Tool) -> String {
    let version = t.version.as_deref().unwrap_or("version unknown");
    let off = if t.on_path { "" } else { " (not on PATH)" };
    format!("{path}{off} ({version})")
}

fn fuse_overlayfs(p: &Probe) -> Check {
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

/// A character device the caller must open read-write: ok, or what is wrong and its fix.
fn device(exists: bool, rw: bool, path: &str, module: &str) -> Result<(), (String, String)> {
    match (exists, rw) {
        (_, true) => Ok(()),
        (false, false) => Err(("absent".to_string(), format!("sudo modprobe {module}"))),
        (true, false) => Err((
            "not readable and writable by you".to_string(),
            format!("sudo chmod 0666 {path}"),
        )),
    }
}

fn dev_fuse(p: &Probe) -> Check {
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

fn cgroups(p: &Probe) -> Check {
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

fn bus_reachable(p: &Probe) -> bool {
    p.dbus_session_bus_address.is_some() || p.user_bus_socket
}

fn user_bus(p: &Probe) -> Check {
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

fn slirp4netns(p: &Probe) -> Check {
    let name = "slirp4netns";
    let fix = Some("sudo apt-get install slirp4netns".to_string());
    match (&p.slirp4netns.path, &p.pasta.path) {
        (Some(path), _) => one(name, Status::Ok, tool_detail(path, &p.slirp4netns), None),
        (None, Some(_)) => one(
            name,
            Status::Missing,
            "not installed (pasta is used instead)",
            fix,
        ),
        (None, None) => one(
            name,
            Status::Missing,
            "not installed: containers get no network (only --network host)",
            fix,
        ),
    }
}

fn pasta(p: &Probe) -> Check {
    let name = "pasta";
    match (&p.pasta.path, &p.slirp4netns.path) {
        (Some(path), _) => one(name, Status::Ok, tool_detail(path, &p.pasta), None),
        (None, Some(_)) => one(
            name,
            Status::Ok,
            "not installed (not needed: slirp4netns is used)",
            None,
        ),
        (None, None) => one(
            name,
            Status::Missing,
            "not installed",
            Some("sudo apt-get install passt".to_string()),
        ),
    }
}

fn seccomp(p: &Probe) -> Check {
    let name = "seccomp";
    let library = p.libseccomp_version.as_deref().unwrap_or("unknown");
    if !p.seccomp_kernel {
        return one(
            name,
            Status::Missing,
            "the kernel has no seccomp filters: containers run unfiltered only with --security-opt seccomp=unconfined",
            Some("use a kernel built with CONFIG_SECCOMP_FILTER".to_string()),
        );
    }
    let actions = p.seccomp_actions.as_deref().unwrap_or("unknown actions");
    one(
        name,
        Status::Ok,
        format!(
            "kernel filters ({actions}), libseccomp {library}: the default filter applies to every container"
        ),
        None,
    )
}

fn dev_net_tun(p: &Probe) -> Check {
    let name = "/dev/net/tun";
    match device(p.dev_net_tun_exists, p.dev_net_tun_rw, name, "tun") {
        Ok(()) => one(name, Status::Ok, "readable and writable", None),
        Err((what, fix)) => one(
            name,
            Status::Missing,
            format!("{what}: slirp4netns and pasta cannot make the container's interface"),
            Some(fix),
        ),
    }
}

fn runtime_dir_check(p: &Probe) -> Check {
    let name = "runtime dir";
    let dir = runtime_dir(p);
    let fallback = format!("/tmp/nook-{}", p.uid);
    if dir == fallback
        && let Some(owner) = p.fallback_runtime_dir_owner.filter(|o| *o != p.uid)
    {
        return one(
            name,
            Status::Missing,
            format!("{fallback} belongs to uid {owner}, not to you"),
            Some(format!("sudo rm -rf {fallback}")),
        );
    }
    match (&p.xdg_runtime_dir, p.xdg_runtime_dir_exists) {
        (Some(_), true) => one(name, Status::Ok, dir, None),
        (Some(xdg), false) => one(
            name,
            Status::Warn,
            format!("XDG_RUNTIME_DIR={xdg} does not exist: using {dir}"),
            Some(format!("loginctl enable-linger {}", p.user_name)),
        ),
        (None, _) => one(
            name,
            Status::Warn,
            format!("XDG_RUNTIME_DIR is unset: using {dir}"),
            Some(format!(
                "log in with ssh or `machinectl shell {}@` rather than su, or export XDG_RUNTIME_DIR=/run/user/{}",
                p.user_name, p.uid
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool(path: &str, version: &str) -> Tool {
        Tool {
            path: Some(path.to_string()),
            on_path: true,
            version: Some(version.to_string()),
        }
    }

    fn helper(path: &str) -> IdHelper {
        IdHelper {
            path: Some(path.to_string()),
            on_path: true,
            setuid_root: true,
            file_caps: None,
        }
    }

    fn subids(file: &str, text: &str) -> Subids {
        Subids::parse(file, Some(text), "alice", 1000)
    }

    fn healthy() -> Probe {
        Probe {
            kernel_release: Some("6.1.0-18-amd64".to_string()),
            kernel_version: Some((6, 1)),
            max_user_namespaces: Some(63493),
            unprivileged_userns_clone: Some(1),
            apparmor_restrict_unprivileged_userns: None,
            apparmor_profile_installed: false,
            uid: 1000,
            gid: 1000,
            user_name: "alice".to_string(),
            subuid: subids("/etc/subuid", "alice:100000:65536\n"),
            subgid: subids("/etc/subgid", "alice:100000:65536\n"),
            newuidmap: helper("/usr/bin/newuidmap"),
            newgidmap: helper("/usr/bin/newgidmap"),
            overlay_in_filesystems: Some(true),
            fuse_overlayfs: tool("/usr/bin/fuse-overlayfs", "fuse-overlayfs: version 1.10"),
            dev_fuse_exists: true,
            dev_fuse_rw: true,
            cgroup_mode: CgroupMode::Unified,
            cgroup_user_controllers: Some("cpuset cpu io memory pids".to_string()),
            cgroup_self: Some("/user.slice/user-1000.slice/session-2.scope".to_string()),
            cgroup_self_writable: false,
            dbus_session_bus_address: Some("unix:path=/run/user/1000/bus".to_string()),
            user_bus_socket: true,
            xdg_runtime_dir: Some("/run/user/1000".to_string()),
            xdg_runtime_dir_exists: true,
            fallback_runtime_dir_owner: None,
            slirp4netns: tool("/usr/bin/slirp4netns", "slirp4netns version 1.2.0"),
            pasta: tool("/usr/bin/pasta", "pasta 0^20230509.g96f8d55-1"),
            dev_net_tun_exists: true,
            dev_net_tun_rw: true,
            seccomp_kernel: true,
            seccomp_actions: Some("kill_process errno allow".into()),
            libseccomp_version: Some("2.5.4".into()),
            store_root: Some("/home/alice/.local/share/nook/storage".into()),
            store_why: "the data directory".into(),
            store_fs: Some("ext4".into()),
            upper_fs: Some("ext4".into()),
            driver_asked: None,
            overlay_probe: Some(Probed::Mounts),
            overlay_probe_error: None,
        }
    }

    fn check<'a>(r: &'a Report, name: &str) -> &'a Check {
        match r.checks.iter().find(|c| c.name == name) {
            Some(c) => c,
            None => panic!("no check named {name}"),
        }
    }

    fn fix(r: &Report, name: &str) -> String {
        check(r, name).fix.clone().unwrap_or_default()
    }

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
            }
        );
        assert_eq!(
            check(&r, "id mapping").detail,
            "newuidmap /usr/bin/newuidmap (setuid), newgidmap /usr/bin/newgidmap (setuid), subuid 100000+65536, subgid 100000+65536"
        );
    }

    #[test]
    fn missing_ranges_suggest_usermod_for_the_user() {
        let mut p = healthy();
        p.subuid = subids("/etc/subuid", "bob:100000:65536\n");
        let r = report(&p);
        let c = check(&r, "id mapping");
        assert_eq!(c.status, Status::Missing);
        assert!(
            c.detail.contains("no /etc/subuid range for alice"),
            "{}",
            c.detail
        );
        assert_eq!(
            c.fix.as_deref(),
            Some("sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice")
        );
        assert_eq!(r.choices.id_mapping, IdMapChoice::Single);

        p.subgid = Subids::parse("/etc/subgid", None, "alice", 1000);
        let r = report(&p);
        // Both files point to the same fix, given once.
        assert_eq!(
            fix(&r, "id mapping"),
            "sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice"
        );
        assert!(check(&r, "id mapping").detail.contains("no /etc/subgid"));
    }

    #[test]
    fn missing_helper_suggests_uidmap() {
        let mut p = healthy();
        p.newgidmap = IdHelper::default();
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Missing);
        assert_eq!(fix(&r, "id mapping"), "sudo apt-get install uidmap");
        assert_eq!(r.choices.id_mapping, IdMapChoice::Single);
    }

    #[test]
    fn unprivileged_helper_is_missing_and_unknown_caps_warn() {
        let mut p = healthy();
        p.newuidmap.setuid_root = false;
        p.newuidmap.file_caps = Some(true);
        assert_eq!(check(&report(&p), "id mapping").status, Status::Ok);
        p.newuidmap.file_caps = None;
        assert_eq!(check(&report(&p), "id mapping").status, Status::Warn);
        p.newuidmap.file_caps = Some(false);
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Missing);
        assert_eq!(fix(&r, "id mapping"), "sudo chmod u+s /usr/bin/newuidmap");
    }

    #[test]
    fn malformed_and_overlapping_ranges_are_missing() {
        let mut p = healthy();
        p.subuid = subids("/etc/subuid", "alice:abc:10\n");
        assert_eq!(
            p.subuid.error.as_deref().map(|e| e.contains("line 1")),
            Some(true)
        );
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Missing);
        assert!(
            check(&r, "id mapping")
                .detail
                .contains("/etc/subuid line 1")
        );
        assert!(fix(&r, "id mapping").starts_with("correct or remove that line of /etc/subuid"));

        let mut p = healthy();
        p.subgid = subids("/etc/subgid", "alice:900:200\n");
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Missing);
        assert!(
            fix(&r, "id mapping").starts_with("sudo usermod --del-subgids 900-1099 alice && "),
            "{}",
            fix(&r, "id mapping")
        );
    }

    #[test]
    fn helper_off_path_warns() {
        let mut p = healthy();
        p.newuidmap = helper("/usr/sbin/newuidmap");
        p.newuidmap.on_path = false;
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Warn);
        assert_eq!(fix(&r, "id mapping"), "export PATH=\"$PATH:/usr/sbin\"");
    }

    #[test]
    fn each_userns_sysctl_gets_its_own_fix() {
        let mut p = healthy();
        p.unprivileged_userns_clone = Some(0);
        let r = report(&p);
        assert_eq!(check(&r, "user namespaces").status, Status::Missing);
        assert_eq!(
            fix(&r, "user namespaces"),
            "sudo sysctl -w kernel.unprivileged_userns_clone=1"
        );

        let mut p = healthy();
        p.unprivileged_userns_clone = None;
        p.max_user_namespaces = Some(0);
        let r = report(&p);
        assert_eq!(check(&r, "user namespaces").status, Status::Missing);
        assert_eq!(
            fix(&r, "user namespaces"),
            "sudo sysctl -w user.max_user_namespaces=15000"
        );

        p.unprivileged_userns_clone = Some(0);
        let both = fix(&report(&p), "user namespaces");
        assert!(both.contains("user.max_user_namespaces=15000"));
        assert!(both.contains("kernel.unprivileged_userns_clone=1"));
    }

    #[test]
    fn apparmor_restriction_needs_the_profile_or_the_sysctl() {
        let mut p = healthy();
        p.apparmor_restrict_unprivileged_userns = Some(1);
        let r = report(&p);
        let c = check(&r, "user namespaces");
        assert_eq!(c.status, Status::Missing);
        assert_eq!(
            c.fix.as_deref(),
            Some(
                "install nook's AppArmor profile (packaging/apparmor/nook) or sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"
            )
        );
        p.apparmor_profile_installed = true;
        assert_eq!(check(&report(&p), "user namespaces").status, Status::Ok);
        p.apparmor_profile_installed = false;
        p.apparmor_restrict_unprivileged_userns = Some(0);
        assert_eq!(check(&report(&p), "user namespaces").status, Status::Ok);
    }

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

    #[test]
    fn network_falls_back_to_pasta_then_none() {
        let mut p = healthy();
        p.slirp4netns = Tool::default();
        let r = report(&p);
        assert_eq!(check(&r, "slirp4netns").status, Status::Missing);
        assert_eq!(check(&r, "pasta").status, Status::Ok);
        assert_eq!(r.choices.network, NetworkDriver::Pasta);

        let mut p = healthy();
        p.pasta = Tool::default();
        assert_eq!(check(&report(&p), "pasta").status, Status::Ok);
        p.dev_net_tun_rw = false;
        let r = report(&p);
        assert_eq!(check(&r, "/dev/net/tun").status, Status::Missing);
        assert_eq!(fix(&r, "/dev/net/tun"), "sudo chmod 0666 /dev/net/tun");
        assert_eq!(r.choices.network, NetworkDriver::None);
        p.dev_net_tun_exists = false;
        assert_eq!(fix(&report(&p), "/dev/net/tun"), "sudo modprobe tun");
    }

    #[test]
    fn runtime_dir_falls_back_to_tmp() {
        let mut p = healthy();
        p.xdg_runtime_dir = None;
        p.xdg_runtime_dir_exists = false;
        let r = report(&p);
        assert_eq!(r.choices.runtime_dir, "/tmp/nook-1000");
        assert_eq!(check(&r, "runtime dir").status, Status::Warn);
        p.fallback_runtime_dir_owner = Some(1001);
        let r = report(&p);
        assert_eq!(check(&r, "runtime dir").status, Status::Missing);
        assert_eq!(fix(&r, "runtime dir"), "sudo rm -rf /tmp/nook-1000");
    }

    #[test]
    fn json_has_checks_choices_and_probe() {
        let mut p = healthy();
        p.cgroup_mode = CgroupMode::Hybrid;
        let v = report(&p).to_json();
        let checks = v["checks"].as_array().map(Vec::len);
        assert_eq!(checks, Some(13));
        for c in v["checks"].as_array().into_iter().flatten() {
            let keys: Vec<&String> = c
                .as_object()
                .map(|o| o.keys().collect())
                .unwrap_or_default();
            assert_eq!(keys, ["detail", "fix", "name", "status"]);
        }
        let cgroups = v["checks"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["name"] == "cgroups"));
        assert_eq!(cgroups.map(|c| c["status"].clone()), Some(json!("warn")));
        assert_eq!(v["checks"][0]["status"], "ok");
        assert_eq!(v["checks"][0]["fix"], Value::Null);
        assert_eq!(v["choices"]["id_mapping"], "subordinate");
        assert_eq!(v["choices"]["rootfs"], "kernel-overlay");
        assert_eq!(v["choices"]["network"], "slirp4netns");
        assert_eq!(v["choices"]["cgroups"], "systemd");
        assert_eq!(v["choices"]["runtime_dir"], "/run/user/1000/nook");
        assert_eq!(v["probe"]["uid"], 1000);
        assert_eq!(v["probe"]["cgroup_mode"], "hybrid");
        assert_eq!(v["probe"]["subuid"]["ranges"][0]["count"], 65536);
    }

    #[test]
    fn table_aligns_and_shows_fixes_of_non_ok_checks() {
        let mut p = healthy();
        p.dbus_session_bus_address = None;
        p.user_bus_socket = false;
        let table = report(&p).to_table();
        let lines: Vec<&str> = table.lines().collect();
        assert!(
            lines[0].starts_with("ok       user namespaces   max 63493"),
            "{table}"
        );
        let bus = lines
            .iter()
            .position(|l| l.starts_with("MISSING  systemd user bus  "));
        let bus = bus.unwrap_or_else(|| panic!("{table}"));
        assert_eq!(lines[bus + 1], "         fix: loginctl enable-linger alice");
        assert_eq!(table.matches("fix:").count(), 1, "{table}");
        // Every check's detail starts in the same column.
        let column = "ok       user namespaces   ".len();
        let check_lines: Vec<&&str> = lines
            .iter()
            .take_while(|l| !l.is_empty())
            .filter(|l| !l.contains("fix:"))
            .collect();
        assert_eq!(check_lines.len(), 13, "{table}");
        for line in check_lines {
            assert_eq!(&line[column - 2..column], "  ", "{line}");
            assert!(!line[column..].starts_with(' '), "{line}");
        }
        assert!(
            table.contains("\nid mapping:   newuidmap with subordinate ranges\n"),
            "{table}"
        );
        assert!(
            table.contains(
                "\nstorage:      overlay: kernel 6.1 mounts overlayfs in a user namespace on this store's ext4 (probed) (--storage-driver overrides)\n"
            ),
            "{table}"
        );
        assert!(
            table.contains("\nnetwork:      slirp4netns (the default of nook run)\n"),
            "{table}"
        );
    }

    #[test]
    fn seccomp_missing_in_the_kernel() {
        let mut p = healthy();
        assert_eq!(check(&report(&p), "seccomp").status, Status::Ok);
        p.seccomp_kernel = false;
        let r = report(&p);
        let c = check(&r, "seccomp");
        assert_eq!(c.status, Status::Missing);
        assert!(
            c.fix
                .as_deref()
                .unwrap_or("")
                .contains("CONFIG_SECCOMP_FILTER")
        );
    }

    #[test]
    fn parses_kernel_versions() {
        assert_eq!(kernel_version("6.1.0-18-amd64"), Some((6, 1)));
        assert_eq!(kernel_version("5.11-rc1\n"), Some((5, 11)));
        assert_eq!(kernel_version("6.18.44-fc-v657"), Some((6, 18)));
        assert_eq!(kernel_version("garbage"), None);
        assert_eq!(kernel_version("6.x"), None);
    }

    #[test]
    fn reads_cgroup_layout_from_mounts() {
        let hybrid = "cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\ncgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n";
        let legacy = "cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n";
        assert_eq!(cgroup_mode(true, ""), CgroupMode::Unified);
        assert_eq!(cgroup_mode(false, hybrid), CgroupMode::Hybrid);
        assert_eq!(cgroup_mode(false, legacy), CgroupMode::Legacy);
        assert_eq!(
            cgroup_mode(false, "proc /proc proc rw 0 0\n"),
            CgroupMode::Unknown
        );
    }

    #[test]
    fn picks_version_lines_and_file_caps() {
        let fuse = "fusermount3 version: 3.14.0\nfuse-overlayfs: version 1.10\nFUSE library version 3.14.0\n";
        assert_eq!(
            version_line("fuse-overlayfs", fuse).as_deref(),
            Some("fuse-overlayfs: version 1.10")
        );
        assert_eq!(
            version_line("pasta", "\npasta 0^20230509.g96f8d55-1\nCopyright\n").as_deref(),
            Some("pasta 0^20230509.g96f8d55-1")
        );
        assert_eq!(version_line("x", "1.0\n").as_deref(), Some("1.0"));
        assert_eq!(version_line("x", "\n"), None);

        assert!(has_file_caps(
            "/usr/bin/newuidmap cap_setuid=ep\n",
            "/usr/bin/newuidmap"
        ));
        assert!(has_file_caps(
            "/usr/bin/newuidmap = cap_setuid+ep\n",
            "/usr/bin/newuidmap"
        ));
        assert!(!has_file_caps("", "/usr/bin/newuidmap"));
        assert!(!has_file_caps(
            "/usr/bin/newuidmap2 cap_setuid=ep\n",
            "/usr/bin/newuidmap"
        ));
    }
}
