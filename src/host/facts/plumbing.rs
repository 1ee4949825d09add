//! The host facts of devices, CDI specs and resource limits: the CDI spec directories and
//! their files (read only when a CDI device is asked for), what is at each host path the
//! request names, the caller's resource limits and the host's name.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::plan::idmap::IdMapping;
use crate::plan::plumbing::{self, HostPath, PlumbingFacts, RLIMITS};
use crate::plan::request::HostRequest;
use crate::proto::errno_of;

/// Where CDI specs are looked for, lowest precedence first: `--cdi-spec-dir`, else
/// `NOOK_CDI_SPEC_DIRS` (colon-separated), else /etc/cdi then /var/run/cdi.
pub fn cdi_dirs(asked: &[PathBuf]) -> Vec<PathBuf> {
    if !asked.is_empty() {
        return asked.to_vec();
    }
    match std::env::var_os("NOOK_CDI_SPEC_DIRS") {
        Some(v) if !v.is_empty() => std::env::split_paths(&v)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        _ => vec!["/etc/cdi".into(), "/var/run/cdi".into()],
    }
}

/// The spec files of `dirs` (`*.yaml`, `*.yml`, `*.json`; by name within a directory). A
/// missing directory has none; a spec that cannot be read is an error.
fn cdi_files(dirs: &[PathBuf]) -> Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                )
            })
            .collect();
        files.sort();
        for f in files {
            let text = fs::read_to_string(&f).map_err(|e| {
                Error::Usage(format!(
                    "cannot read CDI spec {}: {}: make it readable or remove it",
                    f.display(),
                    errno_of(&e).desc()
                ))
            })?;
            out.push((f, text));
        }
    }
    Ok(out)
}

/// The device nodes below `dir` (a few levels deep, as /dev/dri/by-path).
fn devices_below(dir: &Path, depth: u32, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let Ok(m) = fs::symlink_metadata(&p) else {
            continue;
        };
        let t = m.file_type();
        if t.is_char_device() || t.is_block_device() {
            out.push(p.to_string_lossy().into_owned());
        } else if t.is_dir() && depth < 4 {
            devices_below(&p, depth + 1, out);
        }
    }
}

fn host_path(path: &str) -> HostPath {
    match fs::metadata(path) {
        Err(e) => HostPath::Missing(errno_of(&e).desc().to_string()),
        Ok(m) if m.file_type().is_char_device() || m.file_type().is_block_device() => {
            HostPath::Device
        }
        Ok(m) if m.is_dir() => {
            let mut devices = Vec::new();
            devices_below(Path::new(path), 0, &mut devices);
            HostPath::Dir { devices }
        }
        Ok(m) if m.is_file() => HostPath::File,
        Ok(_) => HostPath::Other,
    }
}

/// The caller's limits, as (`--ulimit` name, soft, hard).
fn rlimits() -> Vec<(String, u64, u64)> {
    RLIMITS
        .iter()
        .filter_map(|name| {
            let r = plumbing::resource(name)?;
            let (soft, hard) = nix::sys::resource::getrlimit(r).ok()?;
            Some((name.to_string(), soft, hard))
        })
        .collect()
}

pub fn read(req: &HostRequest) -> Result<PlumbingFacts> {
    let cdi = !plumbing::cdi_names(req).map_err(Error::Usage)?.is_empty();
    let cdi_dirs = cdi_dirs(&req.cdi_spec_dirs);
    let cdi_files = match cdi {
        true => cdi_files(&cdi_dirs)?,
        false => Vec::new(),
    };
    let paths = plumbing::paths_to_check(req, &cdi_files)
        .into_iter()
        .map(|p| {
            let fact = host_path(&p);
            (p, fact)
        })
        .collect();
    Ok(PlumbingFacts {
        paths,
        cdi_dirs,
        cdi_files,
        rlimits: rlimits(),
        oom_score_adj: std::fs::read_to_string("/proc/self/oom_score_adj")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0),
        host_name: match req.uts.as_deref() {
            Some("host") => nix::unistd::gethostname()
                .map(|h| h.to_string_lossy().into_owned())
                .unwrap_or_default(),
            _ => String::new(),
        },
        auto_taken: Default::default(),
        joined: None,
    })
}

/// The uid and gid maps of the running `--userns=auto` containers among `running` (their
/// state directories, whose plan.json holds the plan).
pub fn auto_taken(running: &[PathBuf]) -> (Vec<IdMapping>, Vec<IdMapping>) {
    let mut taken = (Vec::new(), Vec::new());
    for dir in running {
        let Some(plan) = fs::read(dir.join("plan.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<crate::plan::RunPlan>(&b).ok())
        else {
            continue;
        };
        if plan.plumbing.userns_auto {
            taken.0.extend(plan.ids.uid);
            taken.1.extend(plan.ids.gid);
        }
    }
    taken
}
