//! CDI (Container Device Interface) specs: the subset nook applies, parsed from YAML or JSON,
//! checked (the file and the field named in every error), and device names resolved to the
//! container edits they ask for (env, device nodes, mounts, additional groups, hooks).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The spec versions nook reads (the oldest released to the current one).
pub const VERSIONS: [&str; 8] = [
    "0.3.0", "0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0", "0.9.0", "1.0.0",
];

/// The hook stages a spec may name, in the order a container meets them.
pub const STAGES: [&str; 5] = [
    "createRuntime",
    "createContainer",
    "startContainer",
    "poststart",
    "poststop",
];

/// One spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub file: PathBuf,
    /// `vendor/class`.
    pub kind: String,
    pub edits: Edits,
    pub devices: Vec<Device>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSpec {
    cdi_version: String,
    kind: String,
    #[serde(default)]
    container_edits: Edits,
    #[serde(default)]
    devices: Vec<Device>,
}

/// A named device of a spec.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub name: String,
    #[serde(default)]
    pub container_edits: Edits,
}

/// `containerEdits`: what a spec or a device adds to the container.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Edits {
    #[serde(default)]
    pub env: Vec<String>,
    #[serde(default)]
    pub device_nodes: Vec<DeviceNode>,
    #[serde(default)]
    pub mounts: Vec<Mount>,
    #[serde(default)]
    pub hooks: Vec<Hook>,
    #[serde(default, rename = "additionalGIDs")]
    pub additional_gids: Vec<u32>,
    /// Intel RDT (resctrl) settings: a rootless container cannot write resctrl; ignored
    /// with a warning.
    #[serde(default)]
    pub intel_rdt: Option<serde_json::Value>,
    /// Host network interfaces to move into the container: refused (that needs root in the
    /// host's network namespace).
    #[serde(default)]
    pub net_devices: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceNode {
    /// The path inside the container.
    pub path: String,
    /// The host node (default: `path`).
    pub host_path: Option<String>,
    /// Of r, w and m (default rwm); without w the node is bound read-only.
    pub permissions: Option<String>,
    /// c, b, u or p, with `major` and `minor`: what a runtime as root would create. A
    /// rootless container can only bind the host's node.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub major: Option<i64>,
    pub minor: Option<i64>,
    /// The mode and owner a root runtime gives a node it creates; a bind keeps the host's.
    pub file_mode: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
}

impl DeviceNode {
    pub fn host(&self) -> &str {
        self.host_path.as_deref().unwrap_or(&self.path)
    }

    /// The line for a host node that is not there (`why`: the errno's text).
    pub fn missing(&self, why: &str) -> String {
        let (host, path) = (self.host(), &self.path);
        match (&self.kind, self.major, self.minor) {
            (Some(t), Some(major), Some(minor)) => format!(
                "CDI device node {host} (for {path}): {why}, and a rootless container cannot create one (type {t}, {major}:{minor}): load the driver that makes it, or create it as root"
            ),
            _ => format!(
                "CDI device node {host} (for {path}): {why}: fix the spec or the driver installation"
            ),
        }
    }

    /// The warning when the spec asks for a mode or owner, which a bind of the host's node
    /// cannot give (podman rootless does not either).
    pub fn ignored(&self) -> Option<String> {
        (self.file_mode.is_some() || self.uid.is_some() || self.gid.is_some()).then(|| {
            format!(
                "Warning: CDI device node {}: fileMode, uid and gid are not applied: a rootless container binds the host's node, with its own mode and owner",
                self.path
            )
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mount {
    pub host_path: String,
    pub container_path: String,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// A hook: a host program run at one stage with the OCI state on its standard input.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hook {
    pub hook_name: String,
    pub path: String,
    /// argv, its first word included (as in the runtime spec).
    #[serde(default)]
    pub args: Vec<String>,
    #[serde(default)]
    pub env: Vec<String>,
    /// Seconds.
    pub timeout: Option<u64>,
}

fn bad(file: &Path, field: &str, problem: &str) -> String {
    format!(
        "CDI spec {}: {field}: {problem}: fix the spec or remove the file",
        file.display()
    )
}

fn valid_vendor(v: &str) -> bool {
    v.starts_with(|c: char| c.is_ascii_alphanumeric())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
}

fn valid_name(n: &str) -> bool {
    n.starts_with(|c: char| c.is_ascii_alphanumeric())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-:".contains(c))
}

/// `vendor/class` of a spec's `kind`, when well formed.
fn split_kind(kind: &str) -> Option<(&str, &str)> {
    let (vendor, class) = kind.split_once('/')?;
    (valid_vendor(vendor) && valid_name(class) && !class.contains(':')).then_some((vendor, class))
}

fn check_edits(file: &Path, at: &str, e: &Edits) -> Result<(), String> {
    for (i, env) in e.env.iter().enumerate() {
        if !env.contains('=') || env.starts_with('=') {
            return Err(bad(file, &format!("{at}.env[{i}]"), "expected NAME=VALUE"));
        }
    }
    for (i, d) in e.device_nodes.iter().enumerate() {
        let field = format!("{at}.deviceNodes[{i}]");
        if !d.path.starts_with('/') {
            return Err(bad(file, &format!("{field}.path"), "must be absolute"));
        }
        if !d.host().starts_with('/') {
            return Err(bad(file, &format!("{field}.hostPath"), "must be absolute"));
        }
        if let Some(t) = &d.kind
            && !["c", "b", "u", "p"].contains(&t.as_str())
        {
            return Err(bad(file, &format!("{field}.type"), "use c, b, u or p"));
        }
        if let Some(p) = &d.permissions
            && (p.is_empty() || !p.chars().all(|c| "rwm".contains(c)))
        {
            return Err(bad(
                file,
                &format!("{field}.permissions"),
                "use letters of rwm",
            ));
        }
    }
    for (i, m) in e.mounts.iter().enumerate() {
        let field = format!("{at}.mounts[{i}]");
        if !m.host_path.starts_with('/') {
            return Err(bad(file, &format!("{field}.hostPath"), "must be absolute"));
        }
        if !m.container_path.starts_with('/') || m.container_path.trim_end_matches('/').is_empty() {
            return Err(bad(
                file,
                &format!("{field}.containerPath"),
                "must be an absolute path other than /",
            ));
        }
        if !matches!(m.kind.as_deref(), None | Some("bind") | Some("")) {
            return Err(bad(
                file,
                &format!("{field}.type"),
                "nook applies bind mounts only",
            ));
        }
    }
    for (i, h) in e.hooks.iter().enumerate() {
        let field = format!("{at}.hooks[{i}]");
        if !STAGES.contains(&h.hook_name.as_str()) {
            return Err(bad(
                file,
                &format!("{field}.hookName"),
                &format!(
                    "unknown stage {:?} (use one of {})",
                    h.hook_name,
                    STAGES.join(", ")
                ),
            ));
        }
        if !h.path.starts_with('/') {
            return Err(bad(file, &format!("{field}.path"), "must be absolute"));
        }
    }
    Ok(())
}

/// Parse and check one spec file (`.json` as JSON, anything else as YAML).
pub fn parse(file: &Path, text: &str) -> Result<Spec, String> {
    let raw: RawSpec = match file.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(text).map_err(|e| e.to_string()),
        _ => serde_yaml_ng::from_str(text).map_err(|e| e.to_string()),
    }
    .map_err(|e| {
        format!(
            "CDI spec {}: {e}: fix the spec or remove the file",
            file.display()
        )
    })?;
    if !VERSIONS.contains(&raw.cdi_version.as_str()) {
        return Err(bad(
            file,
            "cdiVersion",
            &format!(
                "unsupported version {:?} (nook reads {} to {})",
                raw.cdi_version,
                VERSIONS[0],
                VERSIONS[VERSIONS.len() - 1]
            ),
        ));
    }
    if split_kind(&raw.kind).is_none() {
        return Err(bad(
            file,
            "kind",
            &format!("{:?} is not VENDOR/CLASS (as in nvidia.com/gpu)", raw.kind),
        ));
    }
    check_edits(file, "containerEdits", &raw.container_edits)?;
    for (i, d) in raw.devices.iter().enumerate() {
        if !valid_name(&d.name) || d.name == "all" {
            return Err(bad(
                file,
                &format!("devices[{i}].name"),
                &format!("invalid device name {:?}", d.name),
            ));
        }
        check_edits(
            file,
            &format!("devices[{i}].containerEdits"),
            &d.container_edits,
        )?;
    }
    Ok(Spec {
        file: file.to_path_buf(),
        kind: raw.kind,
        edits: raw.container_edits,
        devices: raw.devices,
    })
}

/// A `--device` value that names a CDI device (`VENDOR/CLASS=NAME`), split.
pub fn device_name(value: &str) -> Option<(&str, &str)> {
    let (kind, name) = value.split_once('=')?;
    split_kind(kind)?;
    Some((kind, name))
}

/// The `--gpus` value as CDI names of NVIDIA's spec.
pub fn gpus(value: &str) -> Result<Vec<String>, String> {
    let v = value.strip_prefix("device=").unwrap_or(value);
    let v = v.trim_matches('"');
    if v == "all" {
        return Ok(vec!["nvidia.com/gpu=all".into()]);
    }
    let names: Vec<&str> = v.split(',').filter(|n| !n.is_empty()).collect();
    if names.is_empty() || !names.iter().all(|n| valid_name(n)) {
        return Err(format!(
            "invalid --gpus {value:?}: use all, or GPU indexes or names as in 0,1"
        ));
    }
    Ok(names
        .iter()
        .map(|n| format!("nvidia.com/gpu={n}"))
        .collect())
}

/// The edits the CDI devices `names` ask for, in order: each spec's own edits once (the
/// first time one of its devices is named), then each device's. Specs later in `specs` win
/// over earlier ones for the same kind (as /var/run/cdi over /etc/cdi).
pub fn resolve(specs: &[Spec], names: &[String], dirs: &[PathBuf]) -> Result<Vec<Edits>, String> {
    let mut out = Vec::new();
    let mut specs_used: Vec<usize> = Vec::new();
    let mut devices_used: Vec<(usize, usize)> = Vec::new();
    for full in names {
        let Some((kind, name)) = device_name(full) else {
            return Err(format!(
                "invalid CDI device {full:?}: use VENDOR/CLASS=NAME, as in nvidia.com/gpu=all"
            ));
        };
        let Some(s) = specs.iter().rposition(|s| s.kind == kind) else {
            let where_ = dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(" or ");
            if kind == "nvidia.com/gpu" {
                return Err(format!(
                    "no CDI spec for nvidia.com/gpu in {where_}: generate one with: sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml"
                ));
            }
            let mut known: Vec<&str> = specs.iter().map(|s| s.kind.as_str()).collect();
            known.dedup();
            return Err(format!(
                "unknown CDI vendor/class {kind:?} in --device {full}: no spec in {where_} defines it{}",
                match known.is_empty() {
                    true => String::new(),
                    false => format!(" (known: {})", known.join(", ")),
                }
            ));
        };
        let spec = &specs[s];
        let picked: Vec<usize> = match name {
            "all" => (0..spec.devices.len()).collect(),
            _ => match spec.devices.iter().position(|d| d.name == name) {
                Some(d) => vec![d],
                None => {
                    let known: Vec<&str> = spec.devices.iter().map(|d| d.name.as_str()).collect();
                    return Err(format!(
                        "unknown CDI device {full}: {} defines {} (or use {kind}=all)",
                        spec.file.display(),
                        match known.is_empty() {
                            true => "no devices".to_string(),
                            false => known.join(", "),
                        }
                    ));
                }
            },
        };
        let refuse = |e: &Edits| match e.net_devices.is_empty() {
            true => Ok(()),
            false => Err(format!(
                "CDI spec {}: netDevices (for {full}): a rootless container cannot take a host network interface (that needs root in the host's network namespace): leave out {full}",
                spec.file.display()
            )),
        };
        if !specs_used.contains(&s) {
            specs_used.push(s);
            refuse(&spec.edits)?;
            out.push(spec.edits.clone());
        }
        for d in picked {
            if !devices_used.contains(&(s, d)) {
                devices_used.push((s, d));
                refuse(&spec.devices[d].container_edits)?;
                out.push(spec.devices[d].container_edits.clone());
            }
        }
    }
    Ok(out)
}

/// The OCI state a hook reads on its standard input.
pub fn state_json(
    id: &str,
    status: &str,
    pid: Option<i32>,
    bundle: &Path,
    annotations: &BTreeMap<String, String>,
) -> String {
    let mut v = serde_json::json!({
        "ociVersion": "1.0.2",
        "id": id,
        "status": status,
        "bundle": bundle,
        "annotations": annotations,
    });
    if let Some(pid) = pid {
        v["pid"] = serde_json::json!(pid);
    }
    v.to_string()
}

/// The bundle's `config.json`: the runtime-spec fields hooks read (the root, the process's
/// environment, the host name).
pub fn config_json(rootfs: &Path, env: &[String], hostname: &str) -> String {
    serde_json::json!({
        "ociVersion": "1.0.2",
        "root": { "path": rootfs, "readonly": false },
        "process": { "env": env, "cwd": "/" },
        "hostname": hostname,
    })
    .to_string()
}

#[cfg(test)]
#[path = "cdi_tests.rs"]
mod tests;
