//! Host plumbing, decided: `--device` (host nodes and CDI devices, with the specs' edits),
//! `--gpus`, `--group-add`, `--shm-size`, `--ipc`/`--pid`/`--uts host`, `--sysctl`,
//! `--ulimit` (and the default raise of nofile and nproc), `--tz`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::cdi::{self, Hook};
use super::mounts::Op;
use super::request::HostRequest;
use super::run::PlanError;

/// What is at a host path the request names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPath {
    /// Nothing usable: why (the errno's text).
    Missing(String),
    /// A character or block device.
    Device,
    /// A directory, with the device nodes below it (absolute host paths).
    Dir { devices: Vec<String> },
    /// A regular file.
    File,
    /// A socket, a FIFO.
    Other,
}

/// What the host side read for these decisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlumbingFacts {
    /// Each host path of `paths_to_check`: what is there.
    pub paths: BTreeMap<String, HostPath>,
    /// The CDI spec directories searched, lowest precedence first.
    pub cdi_dirs: Vec<PathBuf>,
    /// The CDI spec files found there (path and contents), lowest precedence first.
    pub cdi_files: Vec<(PathBuf, String)>,
    /// The caller's resource limits: (name as `--ulimit` says it, soft, hard).
    pub rlimits: Vec<(String, u64, u64)>,
    /// The host's name (for `--uts host`).
    pub host_name: String,
    /// The caller's `/proc/self/oom_score_adj`.
    pub oom_score_adj: i32,
    /// The running container of `--ipc`/`--pid container:NAME`.
    pub joined: Option<Joined>,
    /// `--userns=auto`: the uid and gid maps of the other running `auto` containers.
    pub auto_taken: (Vec<super::idmap::IdMapping>, Vec<super::idmap::IdMapping>),
}

/// A resource limit PID 1 sets before the command (`u64::MAX`: unlimited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rlimit {
    pub name: String,
    pub soft: u64,
    pub hard: u64,
}

/// What the container side does about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plumbing {
    pub rlimits: Vec<Rlimit>,
    /// `--oom-score-adj`, written to `/proc/self/oom_score_adj` before the command.
    #[serde(default)]
    pub oom_score_adj: Option<i32>,
    pub share_ipc: bool,
    pub share_pid: bool,
    pub share_uts: bool,
    /// `--group-add keep-groups`: no setgroups, the caller's groups stay.
    pub keep_groups: bool,
    /// `--group-add` groups (names of the container's /etc/group, or numbers).
    pub group_add: Vec<String>,
    /// CDI `additionalGIDs`.
    pub gids: Vec<u32>,
    /// `--sysctl`: set before the container starts; a refusal fails the run.
    pub sysctls: Vec<(String, String)>,
    /// CDI hooks, in the order the specs give them.
    pub hooks: Vec<Hook>,
    /// `--ipc`/`--pid container:NAME`: the namespaces joined.
    pub join: Option<Join>,
    /// The maps are `--userns=auto`'s (other auto containers keep clear of them).
    pub userns_auto: bool,
    /// The caller's own uid is not mapped (`--userns=auto|nomap`, `--uidmap`): the container
    /// side becomes root of the new namespace once the maps exist, or it could create no file.
    pub become_root: bool,
}

impl Plumbing {
    /// The supplementary groups to add: `--group-add` (names looked up in the container's
    /// /etc/group, numbers as they are), then CDI's additional gids.
    pub fn extra_groups(&self, group_file: &str) -> Result<Vec<u32>, String> {
        let mut out = Vec::new();
        for g in &self.group_add {
            let gid = match g.parse::<u32>() {
                Ok(n) => n,
                Err(_) => super::process::group_entries(group_file)
                    .find(|(name, _, _)| name == g)
                    .map(|(_, gid, _)| gid)
                    .ok_or_else(|| {
                        format!(
                            "--group-add {g}: no such group in the container's /etc/group: use a number or one of its groups"
                        )
                    })?,
            };
            out.push(gid);
        }
        out.extend(&self.gids);
        Ok(out)
    }

    pub fn hooks_at<'a>(&'a self, stage: &'a str) -> impl Iterator<Item = &'a Hook> + 'a {
        self.hooks.iter().filter(move |h| h.hook_name == stage)
    }
}

/// The decisions, for `run::build` to fold into the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Planned {
    pub plumbing: Plumbing,
    /// Device and CDI binds and the time zone, after the user's mounts.
    pub ops: Vec<Op>,
    /// CDI environment, which wins over every other.
    pub env: Vec<String>,
    /// `--shm-size` in bytes.
    pub shm_size: Option<u64>,
    /// Lines to print before the container starts (what is not applied, and why).
    pub warnings: Vec<String>,
}

/// The resource names of `--ulimit`.
pub const RLIMITS: [&str; 16] = [
    "as",
    "core",
    "cpu",
    "data",
    "fsize",
    "locks",
    "memlock",
    "msgqueue",
    "nice",
    "nofile",
    "nproc",
    "rss",
    "rtprio",
    "rttime",
    "sigpending",
    "stack",
];

/// A host device of `--device`: (host path, container path, read-only).
fn parse_device(v: &str) -> Result<(String, String, bool), PlanError> {
    let perms_ok = |p: &str| !p.is_empty() && p.chars().all(|c| "rwm".contains(c));
    let parts: Vec<&str> = v.split(':').collect();
    let (host, target, perms) = match parts.as_slice() {
        [h] => (*h, *h, "rwm"),
        [h, p] if perms_ok(p) => (*h, *h, *p),
        [h, t] => (*h, *t, "rwm"),
        [h, t, p] => (*h, *t, *p),
        _ => ("", "", ""),
    };
    if !host.starts_with('/') || !target.starts_with('/') || !perms_ok(perms) {
        return Err(format!(
            "invalid --device {v:?}: use HOST-PATH[:CONTAINER-PATH][:PERMS] (absolute paths, PERMS of r, w, m) or VENDOR/CLASS=NAME for a CDI device"
        ));
    }
    Ok((host.into(), target.into(), !perms.contains('w')))
}

/// The CDI device names of the request (`--device VENDOR/CLASS=NAME` and `--gpus`).
pub fn cdi_names(req: &HostRequest) -> Result<Vec<String>, PlanError> {
    let mut names: Vec<String> = req
        .devices
        .iter()
        .filter(|d| cdi::device_name(d).is_some())
        .cloned()
        .collect();
    if let Some(g) = &req.gpus {
        names.extend(cdi::gpus(g)?);
    }
    Ok(names)
}

/// The file `--tz` binds on /etc/localtime.
pub fn zone_file(tz: &str) -> Result<String, PlanError> {
    if tz == "local" {
        return Ok("/etc/localtime".into());
    }
    let ok = !tz.is_empty()
        && !tz.starts_with('/')
        && tz
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
    match ok {
        true => Ok(format!("/usr/share/zoneinfo/{tz}")),
        false => Err(format!(
            "invalid --tz {tz:?}: use local or a zone such as Europe/Berlin"
        )),
    }
}

/// The host paths the host side must look at for this request (devices, the CDI specs'
/// nodes and mounts, the zone file). Specs that do not parse are skipped here; planning
/// reports them.
pub fn paths_to_check(req: &HostRequest, cdi_files: &[(PathBuf, String)]) -> Vec<String> {
    let mut out: Vec<String> = req
        .devices
        .iter()
        .filter(|d| cdi::device_name(d).is_none())
        .filter_map(|d| parse_device(d).ok().map(|(h, _, _)| h))
        .collect();
    for (file, text) in cdi_files {
        if let Ok(spec) = cdi::parse(file, text) {
            for e in
                std::iter::once(&spec.edits).chain(spec.devices.iter().map(|d| &d.container_edits))
            {
                out.extend(e.device_nodes.iter().map(|n| n.host().to_string()));
                out.extend(e.mounts.iter().map(|m| m.host_path.clone()));
            }
        }
    }
    if req.ipc.as_deref() == Some("host") {
        out.push("/dev/mqueue".into());
    }
    if let Some(z) = req.tz.as_deref().and_then(|t| zone_file(t).ok()) {
        out.push(z);
    }
    out.sort();
    out.dedup();
    out
}

fn bind(source: &str, target: &str, recursive: bool, readonly: bool) -> Op {
    Op::Bind {
        source: source.into(),
        target: target.into(),
        recursive,
        readonly,
    }
}

fn host_path<'a>(facts: &'a PlumbingFacts, path: &str) -> &'a HostPath {
    const UNKNOWN: HostPath = HostPath::Other;
    facts.paths.get(path).unwrap_or(&UNKNOWN)
}

/// `--device HOST[:CONTAINER][:PERMS]` as binds (a directory: every device below it).
fn device_ops(v: &str, facts: &PlumbingFacts) -> Result<Vec<Op>, PlanError> {
    let (host, target, ro) = parse_device(v)?;
    match host_path(facts, &host) {
        HostPath::Device => Ok(vec![bind(&host, &target, false, ro)]),
        HostPath::Dir { devices } => Ok(devices
            .iter()
            .map(|d| {
                let rest = d.strip_prefix(host.trim_end_matches('/')).unwrap_or(d);
                bind(
                    d,
                    &format!("{}{rest}", target.trim_end_matches('/')),
                    false,
                    ro,
                )
            })
            .collect()),
        HostPath::Missing(why) => Err(format!(
            "--device {v}: {host}: {why}: give an existing device node (see ls -l /dev)"
        )),
        HostPath::File | HostPath::Other => Err(format!(
            "--device {v}: {host} is not a device node: bind files with -v instead"
        )),
    }
}

fn cdi_edits(
    req: &HostRequest,
    facts: &PlumbingFacts,
    planned: &mut Planned,
) -> Result<(), PlanError> {
    let names = cdi_names(req)?;
    if names.is_empty() {
        return Ok(());
    }
    let specs = facts
        .cdi_files
        .iter()
        .map(|(f, t)| cdi::parse(f, t))
        .collect::<Result<Vec<_>, _>>()?;
    for edits in cdi::resolve(&specs, &names, &facts.cdi_dirs)? {
        planned.env.extend(edits.env);
        if edits.intel_rdt.is_some() {
            planned.warnings.push("Warning: a CDI spec's intelRdt is not applied: a rootless container cannot write resctrl".into());
        }
        for n in &edits.device_nodes {
            match host_path(facts, n.host()) {
                HostPath::Device => {}
                HostPath::Missing(why) => return Err(n.missing(why)),
                _ => {
                    return Err(format!(
                        "CDI device node {} (for {}) is not a device node: fix the spec",
                        n.host(),
                        n.path
                    ));
                }
            }
            let ro = n.permissions.as_deref().is_some_and(|p| !p.contains('w'));
            planned.ops.push(bind(n.host(), &n.path, false, ro));
            planned.warnings.extend(n.ignored());
        }
        for m in &edits.mounts {
            if let HostPath::Missing(why) = host_path(facts, &m.host_path) {
                return Err(format!(
                    "CDI mount {} (for {}): {why}: fix the spec or the driver installation",
                    m.host_path, m.container_path
                ));
            }
            let ro = m.options.iter().any(|o| o == "ro");
            let recursive = !m.options.iter().any(|o| o == "bind");
            planned
                .ops
                .push(bind(&m.host_path, &m.container_path, recursive, ro));
        }
        planned.plumbing.gids.extend(edits.additional_gids);
        planned.plumbing.hooks.extend(edits.hooks);
    }
    Ok(())
}

/// `--ipc`, `--pid`, `--uts`: whether the host's namespace is shared.
fn share(flag: &str, value: Option<&str>, allowed: &[&str]) -> Result<bool, PlanError> {
    match value {
        None | Some("") => Ok(false),
        Some("host") => Ok(true),
        Some(v) if allowed.contains(&v) => Ok(false),
        // Joined (plumbing_join.rs), not shared with the host.
        Some(v) if v.starts_with("container:") => Ok(false),
        Some(v) => Err(format!(
            "invalid --{flag} {v:?}: use {} or host",
            allowed.join(", ")
        )),
    }
}

#[path = "plumbing_join.rs"]
mod join;
pub use join::{Join, Joined, hostname, target as join_target, with_net as join_with_net};

#[path = "plumbing_limits.rs"]
mod limits;
pub use limits::{resource, rlimits, sysctls, with_defaults};

/// Decide the plumbing. `own_netns`: the container has its own network; `setgroups`: it may
/// set supplementary groups; `hostname_given`: `--hostname` was used.
pub fn plan(
    req: &HostRequest,
    facts: &PlumbingFacts,
    own_netns: bool,
    setgroups: bool,
    hostname_given: bool,
) -> Result<Planned, PlanError> {
    let mut planned = Planned::default();
    for d in req.devices.iter().filter(|d| cdi::device_name(d).is_none()) {
        planned.ops.extend(device_ops(d, facts)?);
        if parse_device(d)?.2 {
            planned.warnings.push(format!("Warning: --device {d}: bound read-only, but the kernel lets a process write to a device node on a read-only mount, and a rootless container has no device cgroup to stop it (nor does podman's)"));
        }
    }
    cdi_edits(req, facts, &mut planned)?;
    let p = &mut planned.plumbing;
    p.share_ipc = share("ipc", req.ipc.as_deref(), &["private", "shareable", "none"])?;
    p.share_pid = share("pid", req.pid.as_deref(), &["private"])?;
    p.share_uts = share("uts", req.uts.as_deref(), &["private"])?;
    p.join = join::plan(req, facts.joined.as_ref())?;
    if p.share_uts && hostname_given {
        return Err(
            "--hostname cannot be used with --uts host: the container has the host's name".into(),
        );
    }
    p.keep_groups = req.group_add.iter().any(|g| g == "keep-groups");
    if p.keep_groups && req.group_add.len() > 1 {
        return Err(
            "the '--group-add keep-groups' option is not allowed with other groups: give it alone"
                .into(),
        );
    }
    if !p.keep_groups {
        for g in &req.group_add {
            if g.is_empty() || g.contains([':', ',', '\n']) {
                return Err(format!(
                    "invalid --group-add {g:?}: give a group name or number, or keep-groups"
                ));
            }
            p.group_add.push(g.clone());
        }
    }
    if !setgroups && (!p.group_add.is_empty() || !p.gids.is_empty()) {
        return Err("supplementary groups (--group-add, a CDI spec's additionalGIDs) need /etc/subgid ranges and newgidmap: see nook info".into());
    }
    p.sysctls = sysctls(&req.sysctls, own_netns, p.share_ipc, p.share_uts)?;
    p.rlimits = rlimits(&req.ulimits, &facts.rlimits)?;
    p.oom_score_adj = super::compat::oom_score_adj(req.oom_score_adj, facts.oom_score_adj)?.0;
    planned.shm_size = match &req.shm_size {
        Some(s) => match super::cgroup::parse_size("--shm-size", s)? {
            0 => {
                return Err(format!(
                    "invalid --shm-size {s:?}: give a size above 0, as in 256m"
                ));
            }
            n => Some(n),
        },
        None => None,
    };
    if planned.shm_size.is_some() && planned.plumbing.share_ipc {
        return Err(
            "--shm-size cannot be used with --ipc host: the container uses the host's /dev/shm"
                .into(),
        );
    }
    if let Some(tz) = &req.tz {
        let file = zone_file(tz)?;
        match host_path(facts, &file) {
            HostPath::File => planned.ops.push(bind(&file, "/etc/localtime", false, true)),
            _ => {
                return Err(format!(
                    "--tz {tz}: no zone file {file} on this host: use local or a zone of /usr/share/zoneinfo, as in Europe/Berlin"
                ));
            }
        }
    }
    Ok(planned)
}

/// Rewrite the standard root file system steps as the plumbing says: the host's /proc with
/// `--pid host`, the host's /dev/shm and /dev/mqueue with `--ipc host` (none when the host
/// has no /dev/mqueue: a user namespace cannot mount the host's IPC namespace's),
/// `--shm-size`.
pub fn adjust_ops(ops: &mut Vec<Op>, p: &Plumbing, shm_size: Option<u64>, facts: &PlumbingFacts) {
    if p.share_ipc && !matches!(host_path(facts, "/dev/mqueue"), HostPath::Dir { .. }) {
        ops.retain(|o| !matches!(o, Op::Mount { target, .. } if target == "/dev/mqueue"));
    }
    for op in ops.iter_mut() {
        let Op::Mount { target, data, .. } = op else {
            continue;
        };
        match target.as_str() {
            "/proc" if p.share_pid => *op = bind("/proc", "/proc", true, false),
            "/dev/shm" | "/dev/mqueue" if p.share_ipc => {
                *op = bind(&target.clone(), &target.clone(), true, false)
            }
            "/dev/shm" => {
                if let Some(size) = shm_size {
                    *data = format!("mode=1777,size={size}");
                }
            }
            _ => {}
        }
    }
}

impl super::RunPlan {
    /// The network, UTS and IPC namespaces the container gets new, as CLONE_NEW* flags: the
    /// others it shares with the host or joins (`--network ns:PATH`, `container:NAME`, a
    /// pod's). `__init` makes them, or joins a set the user's namespace holder made ahead
    /// of time (`host::userns`): new namespaces either way, never another container's.
    pub fn new_namespaces(&self) -> libc::c_int {
        let join = self.plumbing.join;
        let ns_path = matches!(self.network.mode, super::network::Mode::Ns(_));
        let mut flags = 0;
        if self.own_netns && !ns_path && join.is_none_or(|j| !j.net) {
            flags |= libc::CLONE_NEWNET;
        }
        if !self.plumbing.share_uts && join.is_none_or(|j| !j.uts) {
            flags |= libc::CLONE_NEWUTS;
        }
        if !self.plumbing.share_ipc && join.is_none_or(|j| !j.ipc) {
            flags |= libc::CLONE_NEWIPC;
        }
        flags
    }
}

#[cfg(test)]
#[path = "plumbing_tests.rs"]
mod tests;
