//! Named volumes on disk (`$XDG_DATA_HOME/nook/volumes/NAME/_data`, podman's layout), and
//! the host paths of `-v`/`--mount` checked before anything is created.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use std::collections::BTreeMap;

use crate::plan::volume::{self, Request, Resolved};
use crate::plan::volume_opts::{self, VolumeOpts};

/// Where the volumes live (created on first use, private: a container's setuid file in a
/// volume must not be reachable by other users): beside the store, as `store::location`
/// finds it.
pub fn volumes_dir() -> Result<PathBuf> {
    let dir = crate::store::location::prepare()?.volumes;
    crate::store::private::create_dir(&dir)
        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    Ok(dir)
}

fn data_of(dir: &Path, name: &str) -> PathBuf {
    dir.join(name).join("_data")
}

/// Create the volume `name` unless it exists; true when it was created. Made complete in a
/// hidden directory, then renamed: a run racing this one sees all of it or nothing.
fn create(dir: &Path, name: &str) -> Result<bool> {
    create_with(dir, name, &VolumeOpts::default())
}

fn create_with(dir: &Path, name: &str, opts: &VolumeOpts) -> Result<bool> {
    let vol = dir.join(name);
    if vol.join("_data").is_dir() {
        return Ok(false);
    }
    let tmp = dir.join(format!(".tmp-{name}-{}", std::process::id()));
    let data = tmp.join("_data");
    let io = |e| Error::io(format!("cannot create {}", vol.display()), e);
    // The volume's own directory is private as the volumes directory; `_data`, the root
    // of the mount, keeps the umask's mode for the container's other users.
    crate::store::private::create_dir(&tmp)
        .and_then(|()| fs::create_dir_all(&data))
        .map_err(io)?;
    let meta = serde_json::json!({
        "CreatedAt": crate::store::now(),
        "Driver": "local",
        "Labels": opts.labels,
        "Options": opts.options,
    });
    let made =
        fs::write(tmp.join("volume.json"), meta.to_string()).and_then(|()| fs::rename(&tmp, &vol));
    match made {
        Ok(()) => Ok(true),
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            match vol.join("_data").is_dir() {
                // Another run made it first.
                true => Ok(false),
                false => Err(io(e)),
            }
        }
    }
}

/// Create the named volumes a run uses that do not exist yet.
pub fn create_all(names: &[String]) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let dir = volumes_dir()?;
    for n in names {
        create(&dir, n)?;
    }
    Ok(())
}

/// The mounts of a run with absolute host sources, the names of its volumes (created later
/// by `create_all`), and of those among them that are anonymous (`-v /path`).
pub struct ResolvedMounts {
    pub mounts: Vec<Resolved>,
    pub volumes: Vec<String>,
    pub anonymous: Vec<String>,
}

/// Check every host path of the requests.
pub fn resolve(requests: &[Request]) -> Result<ResolvedMounts> {
    // Every host path first: a missing one fails the run before any volume is created.
    let mut sources = Vec::new();
    for r in requests {
        if let Request::Bind { source, .. } = r {
            let path = fs::canonicalize(source).map_err(|e| match e.kind() {
                ErrorKind::NotFound => Error::Usage(format!(
                    "host path {source} does not exist: create it first (nook does not create it)"
                )),
                _ => Error::Usage(format!("cannot use host path {source}: {e}")),
            })?;
            sources.push(path.to_string_lossy().into_owned());
        }
    }
    let mut sources = sources.into_iter();
    let mut resolved = Vec::new();
    let mut names = Vec::new();
    let mut anonymous = Vec::new();
    let dir = match requests.iter().any(|r| matches!(r, Request::Volume { .. })) {
        true => Some(crate::store::location::locate()?.volumes),
        false => None,
    };
    for r in requests {
        resolved.push(match r {
            Request::Bind {
                target, readonly, ..
            } => Resolved::Bind {
                source: sources.next().unwrap_or_default(),
                target: target.clone(),
                readonly: *readonly,
            },
            Request::Volume {
                name,
                target,
                readonly,
            } => {
                let dir = dir.as_deref().unwrap_or(Path::new("."));
                // An anonymous volume (`-v /path`): a fresh volume named as podman names them.
                let name = match name.is_empty() {
                    true => {
                        let fresh = crate::host::facts::random_id()?;
                        anonymous.push(fresh.clone());
                        fresh
                    }
                    false => name.clone(),
                };
                names.push(name.clone());
                // A volume made with -o (tmpfs, or a bind of a host path) mounts as it says.
                let options = read_meta(dir, &name).options;
                volume_opts::mount(
                    &options,
                    &data_of(dir, &name).to_string_lossy(),
                    target,
                    *readonly,
                )
            }
            Request::Tmpfs {
                target,
                flags,
                data,
            } => Resolved::Tmpfs {
                target: target.clone(),
                flags: *flags,
                data: data.clone(),
            },
        });
    }
    Ok(ResolvedMounts {
        mounts: resolved,
        volumes: names,
        anonymous,
    })
}

/// Every volume's name, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .filter(|e| e.path().join("_data").is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A named volume, as `nook volume ls` and `inspect` show it.
pub struct Volume {
    pub name: String,
    /// Its `_data` directory, what a container mounts.
    pub mountpoint: PathBuf,
    /// Seconds since the epoch (0 when its `volume.json` cannot be read).
    pub created: u64,
    /// `volume create --label`.
    pub labels: BTreeMap<String, String>,
    /// `volume create -o` (the local driver's options).
    pub options: BTreeMap<String, String>,
}

/// What a volume's `volume.json` says (defaults when it cannot be read).
struct Meta {
    created: u64,
    labels: BTreeMap<String, String>,
    options: BTreeMap<String, String>,
}

fn read_meta(dir: &Path, name: &str) -> Meta {
    let v = fs::read(dir.join(name).join("volume.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .unwrap_or_default();
    let map = |key: &str| {
        serde_json::from_value::<BTreeMap<String, String>>(v[key].clone()).unwrap_or_default()
    };
    Meta {
        created: v["CreatedAt"].as_u64().unwrap_or(0),
        labels: map("Labels"),
        options: map("Options"),
    }
}

/// The user's named volumes, in `volumes_dir()`.
pub struct Volumes {
    dir: PathBuf,
}

impl Volumes {
    /// The volumes' directory, created on first use.
    pub fn open() -> Result<Volumes> {
        Ok(Volumes {
            dir: volumes_dir()?,
        })
    }

    /// Create the volume `name` with `opts` unless it exists; true when it was created.
    pub fn create(&self, name: &str, opts: &VolumeOpts) -> Result<bool> {
        create_with(&self.dir, name, opts)
    }

    /// Every volume's name, sorted.
    pub fn names(&self) -> Vec<String> {
        names(&self.dir)
    }

    /// Every volume, sorted by name.
    pub fn list(&self) -> Vec<Volume> {
        self.names().iter().map(|n| self.details(n)).collect()
    }

    /// The volume `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<Volume> {
        match volume::valid_volume_name(name) && data_of(&self.dir, name).is_dir() {
            true => Some(self.details(name)),
            false => None,
        }
    }

    fn details(&self, name: &str) -> Volume {
        let meta = read_meta(&self.dir, name);
        Volume {
            name: name.to_string(),
            mountpoint: data_of(&self.dir, name),
            created: meta.created,
            labels: meta.labels,
            options: meta.options,
        }
    }

    /// Remove the volume `name`: its files may belong to subordinate ids, so they go from
    /// inside the user namespace.
    pub fn remove(&self, name: &str) -> Result<()> {
        let vol = self.dir.join(name);
        crate::store::rootfs::remove_tree(&vol.join("_data"), &HostUserns)?;
        fs::remove_dir_all(&vol)
            .map_err(|e| Error::io(format!("cannot remove {}", vol.display()), e))
    }
}
