//! A stage's image as it is built: the OCI config document (kept as JSON so that what nook
//! does not model survives), its layers and SHELL; how each config instruction changes it,
//! its history, and the final config and manifest.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::words::{expand, expand_one, pairs};
use super::{Cmd, Instr};

/// One layer of the image being built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerRef {
    pub digest: String,
    pub diff_id: String,
    /// Bytes of the blob.
    pub blob_size: u64,
    /// Bytes of file content once unpacked.
    pub size: u64,
    /// The blob's media type (OCI names; `manifest` turns them into Docker's).
    pub media_type: String,
}

pub const OCI_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const OCI_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
pub const OCI_TAR: &str = "application/vnd.oci.image.layer.v1.tar";

/// A stage being built.
#[derive(Debug, Clone, PartialEq)]
pub struct StageState {
    /// The whole config document (`config`, `rootfs`, `history`...).
    pub config: Value,
    pub layers: Vec<LayerRef>,
    pub shell: Vec<String>,
    /// The ARGs declared in this stage, with their values.
    pub args: BTreeMap<String, String>,
    /// The cache key of the last step.
    pub key: String,
    /// When the last layer was made (RFC 3339): config steps take their parent's time, so
    /// an unchanged rebuild makes the same image ID.
    pub created: String,
    /// CMD was set in this stage (ENTRYPOINT then keeps it).
    pub cmd_set: bool,
    /// Layers and history entries the stage's base had (what `--squash` keeps).
    pub base_layers: usize,
    pub base_history: usize,
}

impl StageState {
    /// A stage from a base's config document (`{}` for scratch), its layers and key.
    pub fn new(mut config: Value, layers: Vec<LayerRef>, key: String) -> StageState {
        if !config.is_object() {
            config = json!({});
        }
        let created = config["created"]
            .as_str()
            .unwrap_or("1970-01-01T00:00:00Z")
            .to_string();
        // The base's own triggers are its children's business, not kept in the child.
        if let Some(c) = config.get_mut("config").and_then(Value::as_object_mut) {
            c.remove("OnBuild");
        }
        StageState {
            config,
            layers,
            shell: vec!["/bin/sh".into(), "-c".into()],
            args: BTreeMap::new(),
            key,
            created,
            cmd_set: false,
            base_layers: 0,
            base_history: 0,
        }
        .based()
    }

    /// The stage as a base: what it has now is what `--squash` keeps.
    pub fn based(mut self) -> StageState {
        self.base_layers = self.layers.len();
        self.base_history = self.config["history"].as_array().map_or(0, Vec::len);
        self
    }

    fn runtime(&mut self) -> &mut Map<String, Value> {
        let root = self.config.as_object_mut().expect("made an object in new");
        let c = root.entry("config").or_insert_with(|| json!({}));
        if !c.is_object() {
            *c = json!({});
        }
        c.as_object_mut().expect("just made an object")
    }

    /// `Env` of the config.
    pub fn env(&self) -> Vec<String> {
        self.config["config"]["Env"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn workdir(&self) -> String {
        match self.config["config"]["WorkingDir"].as_str() {
            Some(w) if !w.is_empty() => w.to_string(),
            _ => "/".into(),
        }
    }

    pub fn user(&self) -> Option<String> {
        self.config["config"]["User"]
            .as_str()
            .filter(|u| !u.is_empty())
            .map(String::from)
    }

    /// A variable as instructions see it: ENV first, then the stage's ARGs.
    pub fn var(&self, name: &str) -> Option<String> {
        let prefix = format!("{name}=");
        self.env()
            .iter()
            .rev()
            .find_map(|e| e.strip_prefix(&prefix).map(String::from))
            .or_else(|| self.args.get(name).cloned())
    }

    /// The environment of a RUN: the config's, then the ARGs not overridden by it.
    pub fn run_env(&self) -> Vec<String> {
        let mut env = self.env();
        for (k, v) in &self.args {
            if !env.iter().any(|e| e.split('=').next() == Some(k)) {
                env.push(format!("{k}={v}"));
            }
        }
        env
    }

    fn set_env(&mut self, key: &str, value: &str) {
        let mut env = self.env();
        let prefix = format!("{key}=");
        env.retain(|e| !e.starts_with(&prefix) && e != key);
        env.push(format!("{key}={value}"));
        self.runtime().insert("Env".into(), json!(env));
    }

    /// Add a history entry.
    pub fn history(&mut self, created_by: &str, empty_layer: bool) {
        let mut h = json!({"created": self.created, "created_by": created_by});
        if empty_layer {
            h["empty_layer"] = json!(true);
        }
        let root = self.config.as_object_mut().expect("made an object in new");
        match root.get_mut("history").and_then(Value::as_array_mut) {
            Some(a) => a.push(h),
            None => {
                root.insert("history".into(), json!([h]));
            }
        }
    }

    /// A layer made by a step at `created`.
    pub fn add_layer(&mut self, layer: LayerRef, created: &str, created_by: &str) {
        self.created = created.to_string();
        self.layers.push(layer);
        self.history(created_by, false);
    }

    /// Carry out a config-only instruction (ARG included: `given` holds the build
    /// arguments). Returns its history text.
    pub fn apply(
        &mut self,
        instr: &Instr,
        given: &BTreeMap<String, String>,
    ) -> Result<String, String> {
        let this = self.clone();
        let vars = move |n: &str| this.var(n);
        let nop = |s: String| format!("/bin/sh -c #(nop) {s}");
        Ok(match instr {
            Instr::Arg(a) => {
                for (k, default) in pairs(a, &vars, false)? {
                    let v = given.get(&k).cloned().or(default);
                    if let Some(v) = v {
                        self.args.insert(k.clone(), v);
                    } else {
                        self.args.remove(&k);
                    }
                }
                nop(format!("ARG {a}"))
            }
            Instr::Env(e) => {
                let kv = pairs(e, &vars, true)?;
                let mut shown = Vec::new();
                for (k, v) in kv {
                    let v = v.ok_or_else(|| format!("ENV {k} has no value: use ENV {k}=VALUE"))?;
                    self.set_env(&k, &v);
                    shown.push(format!("{k}={v}"));
                }
                nop(format!("ENV {}", shown.join(" ")))
            }
            Instr::Label(l) => {
                let mut shown = Vec::new();
                for (k, v) in pairs(l, &vars, true)? {
                    let v = v.unwrap_or_default();
                    let labels = self.runtime().entry("Labels").or_insert_with(|| json!({}));
                    if !labels.is_object() {
                        *labels = json!({});
                    }
                    labels[&k] = json!(v);
                    shown.push(format!("{k}={v}"));
                }
                nop(format!("LABEL {}", shown.join(" ")))
            }
            Instr::Workdir(w) => {
                let w = expand_one(w, &vars)?;
                let dir = join_path(&self.workdir(), &w);
                self.runtime().insert("WorkingDir".into(), json!(dir));
                nop(format!("WORKDIR {dir}"))
            }
            Instr::User(u) => {
                let u = expand_one(u, &vars)?;
                self.runtime().insert("User".into(), json!(u));
                nop(format!("USER {u}"))
            }
            Instr::Entrypoint(c) => {
                let argv = c.argv(&self.shell);
                self.runtime().insert("Entrypoint".into(), json!(argv));
                if !self.cmd_set {
                    self.runtime().remove("Cmd");
                }
                nop(format!("ENTRYPOINT {}", json!(argv)))
            }
            Instr::Cmd(c) => {
                let argv = c.argv(&self.shell);
                self.runtime().insert("Cmd".into(), json!(argv));
                self.cmd_set = true;
                nop(format!("CMD {}", json!(argv)))
            }
            Instr::Expose(ports) => {
                let mut shown = Vec::new();
                for p in ports {
                    for p in expand(p, &vars, true)? {
                        let key = match p.contains('/') {
                            true => p.to_lowercase(),
                            false => format!("{p}/tcp"),
                        };
                        let (num, _) = key.split_once('/').unwrap_or((&key, ""));
                        if num.split('-').any(|n| n.parse::<u16>().is_err()) {
                            return Err(format!("EXPOSE {p}: not a port: use PORT[/tcp|udp]"));
                        }
                        let e = self.runtime().entry("ExposedPorts").or_insert(json!({}));
                        e[&key] = json!({});
                        shown.push(key);
                    }
                }
                nop(format!("EXPOSE {}", shown.join(" ")))
            }
            Instr::Volume(vols) => {
                let mut shown = Vec::new();
                for v in vols {
                    let v = expand_one(v, &vars)?;
                    let e = self.runtime().entry("Volumes").or_insert(json!({}));
                    e[&v] = json!({});
                    shown.push(v);
                }
                nop(format!("VOLUME {}", json!(shown)))
            }
            Instr::Stopsignal(s) => {
                let s = expand_one(s, &vars)?;
                self.runtime().insert("StopSignal".into(), json!(s));
                nop(format!("STOPSIGNAL {s}"))
            }
            Instr::Healthcheck(h) => {
                let value = match h {
                    None => json!({"Test": ["NONE"]}),
                    Some((flags, cmd)) => healthcheck(flags, cmd)?,
                };
                self.runtime().insert("Healthcheck".into(), value);
                nop("HEALTHCHECK".into())
            }
            Instr::Onbuild(t) => {
                let e = self.runtime().entry("OnBuild").or_insert(json!([]));
                if let Some(a) = e.as_array_mut() {
                    a.push(json!(t));
                }
                nop(format!("ONBUILD {t}"))
            }
            Instr::Shell(s) => {
                if s.is_empty() {
                    return Err("SHELL needs a JSON array: SHELL [\"/bin/bash\", \"-c\"]".into());
                }
                self.shell = s.clone();
                nop(format!("SHELL {}", json!(s)))
            }
            Instr::Maintainer(m) => {
                self.config["author"] = json!(m);
                nop(format!("MAINTAINER {m}"))
            }
            Instr::Run(_) | Instr::Copy(_) => {
                return Err("internal error: a layer step applied as a config step".into());
            }
        })
    }
}

/// `HEALTHCHECK [--interval=D ...] CMD ...` as the config holds it (durations in ns).
fn healthcheck(flags: &[(String, String)], cmd: &Cmd) -> Result<Value, String> {
    let test = match cmd {
        Cmd::Shell(s) => json!(["CMD-SHELL", s]),
        Cmd::Exec(v) => json!(
            ["CMD"]
                .into_iter()
                .chain(v.iter().map(|s| s.as_str()))
                .collect::<Vec<_>>()
        ),
    };
    let mut h = json!({ "Test": test });
    for (k, v) in flags {
        let field = match k.as_str() {
            "interval" => "Interval",
            "timeout" => "Timeout",
            "start-period" => "StartPeriod",
            "start-interval" => "StartInterval",
            _ => {
                let n: u64 = v
                    .parse()
                    .map_err(|_| format!("HEALTHCHECK --retries={v}: not a number"))?;
                h["Retries"] = json!(n);
                continue;
            }
        };
        h[field] = json!(duration_ns(v).ok_or_else(|| format!(
            "HEALTHCHECK --{k}={v}: not a duration: use for example 30s or 1m30s"
        ))?);
    }
    Ok(h)
}

/// `1m30s`, `500ms`, `2h` in nanoseconds.
pub fn duration_ns(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let n_end = rest.find(|c: char| !c.is_ascii_digit())?;
        let n: u64 = rest[..n_end].parse().ok()?;
        rest = &rest[n_end..];
        let u_end = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = match &rest[..u_end] {
            "ns" => 1,
            "us" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(unit)?)?;
        rest = &rest[u_end..];
    }
    Some(total)
}

/// `path` relative to `base` (absolute paths stay), normalized.
pub fn join_path(base: &str, path: &str) -> String {
    let joined = match path.starts_with('/') {
        true => path.to_string(),
        false => format!("{base}/{path}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The image config of a finished stage: its layers' diff_ids, the creation time, the
/// platform, the `--label`s.
pub fn final_config(
    state: &StageState,
    labels: &[(String, String)],
    os: &str,
    arch: &str,
) -> Value {
    let mut s = state.clone();
    for (k, v) in labels {
        let l = s.runtime().entry("Labels").or_insert_with(|| json!({}));
        l[k] = json!(v);
    }
    let diff_ids: Vec<&str> = state.layers.iter().map(|l| l.diff_id.as_str()).collect();
    let mut c = s.config;
    c["rootfs"] = json!({"type": "layers", "diff_ids": diff_ids});
    c["created"] = json!(state.created);
    if c["os"].as_str().is_none_or(str::is_empty) {
        c["os"] = json!(os);
    }
    if c["architecture"].as_str().is_none_or(str::is_empty) {
        c["architecture"] = json!(arch);
    }
    c
}

/// The manifest of an image with this config blob and layers: `docker` (v2s2) or OCI.
pub fn manifest(docker: bool, config: &[u8], layers: &[LayerRef]) -> Vec<u8> {
    let config_digest = crate::plan::digest::digest_of(config);
    let (mt, cfg_mt) = match docker {
        true => (
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.container.image.v1+json",
        ),
        false => (
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.config.v1+json",
        ),
    };
    let layers: Vec<Value> = layers
        .iter()
        .map(|l| {
            json!({
                "mediaType": layer_media_type(&l.media_type, docker),
                "digest": l.digest,
                "size": l.blob_size,
            })
        })
        .collect();
    let m = json!({
        "schemaVersion": 2,
        "mediaType": mt,
        "config": {"mediaType": cfg_mt, "digest": config_digest, "size": config.len()},
        "layers": layers,
    });
    serde_json::to_vec(&m).unwrap_or_default()
}

/// A layer media type as the manifest format names it.
pub fn layer_media_type(mt: &str, docker: bool) -> &'static str {
    let zstd = mt.contains("zstd");
    let plain = !zstd && !mt.contains("gzip");
    match (docker, zstd, plain) {
        (true, _, true) => "application/vnd.docker.image.rootfs.diff.tar",
        (true, _, false) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
        (false, true, _) => OCI_ZSTD,
        (false, false, true) => OCI_TAR,
        (false, false, false) => OCI_GZIP,
    }
}
