//! PURE: the OCI runtime interface as a batch scheduler drives it (Slurm's `oci.conf`): an
//! OCI runtime-spec bundle's `config.json` turned into the same `RunRequest` as `nook run`'s
//! flags (nook's own user-namespace mapping replaces the file's), and the OCI state document
//! of `nook state`. `nook kill -s` reads its signal with `plan::life::parse_signal`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::network::Mode;
use super::request::{RootRequest, RunRequest};

/// A problem with the bundle: one line, exit code 125.
pub type BundleError = String;

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Spec {
    root: Option<SpecRoot>,
    process: Option<SpecProcess>,
    hostname: Option<String>,
    mounts: Vec<SpecMount>,
    linux: Option<SpecLinux>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SpecRoot {
    path: String,
    readonly: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SpecProcess {
    terminal: bool,
    user: SpecUser,
    args: Vec<String>,
    env: Vec<String>,
    cwd: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct SpecUser {
    uid: u32,
    gid: u32,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SpecMount {
    destination: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    source: Option<String>,
    options: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SpecLinux {
    namespaces: Vec<SpecNamespace>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SpecNamespace {
    #[serde(rename = "type")]
    kind: String,
    path: Option<String>,
}

/// The kernel's file systems every nook container has already (the runtime-spec's default
/// set, bound from the host in rootless configurations): a bundle's entries for them are
/// satisfied as they are.
const KERNEL: [&str; 7] = [
    "/proc",
    "/dev",
    "/dev/pts",
    "/dev/shm",
    "/dev/mqueue",
    "/sys",
    "/sys/fs/cgroup",
];

/// The same, with the directories a tmpfs of the default set covers.
const STANDARD: [&str; 9] = [
    "/proc",
    "/dev",
    "/dev/pts",
    "/dev/shm",
    "/dev/mqueue",
    "/sys",
    "/sys/fs/cgroup",
    "/run",
    "/tmp",
];

/// `base` (the request of `nook run`'s other flags) with what the bundle `dir` (its
/// `config.json` is `config`) says: the root file system (`root.path`, relative to the
/// bundle), the process (args, env, cwd, user, terminal), the hostname, bind mounts and
/// tmpfs mounts, and the network (no `network` namespace: the host's). The file's user
/// namespace and id mappings are not used: nook maps the caller's subordinate ids as for
/// every container.
pub fn bundle_request(
    config: &str,
    dir: &Path,
    base: RunRequest,
) -> Result<RunRequest, BundleError> {
    let file = dir.join("config.json");
    let file = file.display();
    let spec: Spec = serde_json::from_str(config).map_err(|e| {
        format!("{file}: not an OCI runtime configuration ({e}): give a bundle made by umoci, runc spec or a container tool")
    })?;
    let root = spec
        .root
        .filter(|r| !r.path.is_empty())
        .ok_or_else(|| format!("{file} has no root.path: name the root file system directory"))?;
    let process = spec
        .process
        .ok_or_else(|| format!("{file} has no process: name the command to run"))?;
    if process.args.is_empty() {
        return Err(format!(
            "{file} has no process.args: name the command to run"
        ));
    }
    let root_path = match Path::new(&root.path).is_absolute() {
        true => root.path.clone(),
        false => dir.join(&root.path).display().to_string(),
    };
    let mut req = base;
    req.root = RootRequest::Dir(root_path);
    req.command = process.args;
    req.entrypoint = None;
    req.env.extend(process.env);
    req.tty = process.terminal;
    // A runtime hands the command the caller's standard input, as runc does.
    req.interactive = true;
    if !process.cwd.is_empty() {
        req.workdir = Some(process.cwd);
    }
    req.user = Some(format!("{}:{}", process.user.uid, process.user.gid));
    if let Some(h) = spec.hostname.filter(|h| !h.is_empty()) {
        req.hostname = Some(h);
    }
    req.mounts.read_only |= root.readonly;
    for m in &spec.mounts {
        if let Some(flag) = mount_flag(m, dir)? {
            match flag {
                MountFlag::Volume(v) => req.mounts.volumes.push(v),
                MountFlag::Tmpfs(t) => req.mounts.tmpfs.push(t),
            }
        }
    }
    let namespaces = spec.linux.map(|l| l.namespaces).unwrap_or_default();
    if let Some(ns) = namespaces
        .iter()
        .find(|n| n.path.is_some() && n.kind != "user")
    {
        return Err(format!(
            "{file}: joining an existing {} namespace ({}) is not supported: remove its path",
            ns.kind,
            ns.path.as_deref().unwrap_or_default()
        ));
    }
    if !namespaces.iter().any(|n| n.kind == "network") && req.network.mode.is_none() {
        req.network.mode = Some(Mode::Host);
    }
    Ok(req)
}

enum MountFlag {
    Volume(String),
    Tmpfs(String),
}

/// The `-v` or `--tmpfs` of one bundle mount; `None` for the mounts every container has.
fn mount_flag(m: &SpecMount, dir: &Path) -> Result<Option<MountFlag>, BundleError> {
    let kind = m.kind.as_deref().unwrap_or("");
    let bind = kind == "bind" || m.options.iter().any(|o| o == "bind" || o == "rbind");
    if KERNEL.contains(&m.destination.as_str()) {
        return Ok(None);
    }
    if !bind {
        if STANDARD.contains(&m.destination.as_str()) {
            return Ok(None);
        }
        return match kind {
            "tmpfs" => Ok(Some(MountFlag::Tmpfs(m.destination.clone()))),
            _ => Err(format!(
                "bundle mount of type {kind:?} on {} is not supported: use bind or tmpfs mounts",
                m.destination
            )),
        };
    }
    let source = m.source.as_deref().unwrap_or("");
    if source.is_empty() || m.destination.is_empty() {
        return Err(format!(
            "bundle bind mount {:?} -> {:?}: give both source and destination",
            source, m.destination
        ));
    }
    let source = match Path::new(source).is_absolute() {
        true => source.to_string(),
        false => dir.join(source).display().to_string(),
    };
    let ro = m.options.iter().any(|o| o == "ro");
    let suffix = if ro { ":ro" } else { "" };
    Ok(Some(MountFlag::Volume(format!(
        "{source}:{}{suffix}",
        m.destination
    ))))
}

/// The batch job named by a bundle's `process.env` (a scheduler runs the runtime with its
/// own environment, and hands the job's to the container).
pub fn job_of_env(env: &[String]) -> Option<super::cgroup::BatchJob> {
    let var = |name: &str| {
        env.iter()
            .find_map(|e| e.strip_prefix(name)?.strip_prefix('='))
            .map(str::to_string)
    };
    super::cgroup::detect_job(&var, "")
}

/// The OCI runtime-spec state of a container (`nook state ID`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OciState {
    pub oci_version: &'static str,
    pub id: String,
    /// "created", "running" or "stopped".
    pub status: &'static str,
    /// PID 1 of a running container (0 otherwise, as runc).
    pub pid: i32,
    pub bundle: String,
}

pub fn oci_state(id: &str, running: Option<i32>, bundle: &str) -> OciState {
    OciState {
        oci_version: "1.0.2",
        id: id.to_string(),
        status: if running.is_some() {
            "running"
        } else {
            "stopped"
        },
        pid: running.unwrap_or(0),
        bundle: bundle.to_string(),
    }
}

#[cfg(test)]
#[path = "oci_tests.rs"]
mod tests;
