//! Named volumes on disk (`$XDG_DATA_HOME/nook/volumes/NAME/_data`, podman's layout), the
//! host paths of `-v`/`--mount` checked before anything is created, and `nook volume`.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use nix::unistd::getuid;

use crate::cli::{
    Format, VolumeCreateArgs, VolumeInspectArgs, VolumeLsArgs, VolumePruneArgs, VolumeRmArgs,
};
use crate::error::{Error, Result};
use crate::host::state::Containers;
use crate::plan::volume::{self, Request, Resolved};

/// Where the volumes live (created on first use): beside the store, as
/// `store::location` finds it.
pub fn volumes_dir() -> Result<PathBuf> {
    let dir = crate::store::location::prepare()?.volumes;
    fs::create_dir_all(&dir)
        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    Ok(dir)
}

fn data_of(dir: &Path, name: &str) -> PathBuf {
    dir.join(name).join("_data")
}

/// Create the volume `name` unless it exists; true when it was created. Made complete in a
/// hidden directory, then renamed: a run racing this one sees all of it or nothing.
fn create(dir: &Path, name: &str) -> Result<bool> {
    let vol = dir.join(name);
    if vol.join("_data").is_dir() {
        return Ok(false);
    }
    let tmp = dir.join(format!(".tmp-{name}-{}", std::process::id()));
    let data = tmp.join("_data");
    let io = |e| Error::io(format!("cannot create {}", vol.display()), e);
    fs::create_dir_all(&data).map_err(io)?;
    let meta = serde_json::json!({ "CreatedAt": crate::store::now() });
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

/// Check every host path of the requests. Returns the mounts with absolute host sources,
/// and the names of the named volumes (created later by `create_all`).
pub fn resolve(requests: &[Request]) -> Result<(Vec<Resolved>, Vec<String>)> {
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
                names.push(name.clone());
                Resolved::Bind {
                    source: data_of(dir, name).to_string_lossy().into_owned(),
                    target: target.clone(),
                    readonly: *readonly,
                }
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
    Ok((resolved, names))
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

fn missing(name: &str) -> Error {
    Error::Usage(format!(
        "no volume with name {name:?} found: see nook volume ls"
    ))
}

pub fn create_cmd(args: &VolumeCreateArgs) -> Result<u8> {
    let name = match &args.name {
        Some(n) if !volume::valid_volume_name(n) => {
            return Err(Error::Usage(format!(
                "invalid volume name {n:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit"
            )));
        }
        Some(n) => n.clone(),
        None => crate::host::facts::random_id()?,
    };
    let dir = volumes_dir()?;
    if !create(&dir, &name)? && !args.ignore {
        return Err(Error::Usage(format!(
            "volume {name} already exists: choose another name, or pass --ignore"
        )));
    }
    println!("{name}");
    Ok(0)
}

pub fn ls(args: &VolumeLsArgs) -> Result<u8> {
    let dir = volumes_dir()?;
    let all = names(&dir);
    let text = match (args.quiet, args.format) {
        (_, Format::Json) => format!(
            "{}\n",
            serde_json::to_string_pretty(&all.iter().map(|n| details(&dir, n)).collect::<Vec<_>>())
                .unwrap_or_default()
        ),
        (true, Format::Table) => all.iter().map(|n| format!("{n}\n")).collect(),
        (false, Format::Table) => volume::table(&all),
    };
    print!("{text}");
    Ok(0)
}

fn details(dir: &Path, name: &str) -> serde_json::Value {
    let created = fs::read(dir.join(name).join("volume.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v["CreatedAt"].as_u64())
        .unwrap_or(0);
    serde_json::json!({
        "Name": name,
        "Driver": "local",
        "Mountpoint": data_of(dir, name),
        "CreatedAt": volume::rfc3339(created),
        "Labels": {},
        "Scope": "local",
        "Options": {},
    })
}

pub fn inspect(args: &VolumeInspectArgs) -> Result<u8> {
    let dir = volumes_dir()?;
    let mut list = Vec::new();
    for n in &args.names {
        if !volume::valid_volume_name(n) || !data_of(&dir, n).is_dir() {
            return Err(missing(n));
        }
        list.push(details(&dir, n));
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&list).unwrap_or_default()
    );
    Ok(0)
}

/// The containers (directory, name, running) that use each volume.
fn users(store: &Containers, name: &str) -> Vec<(PathBuf, String, bool)> {
    store
        .list()
        .into_iter()
        .filter_map(|(dir, r, running)| r.map(|r| (dir, r, running)))
        .filter(|(_, r, _)| r.volumes.iter().any(|v| v == name))
        .map(|(dir, r, running)| (dir, r.name, running))
        .collect()
}

/// Remove a volume: its files may belong to subordinate ids, so they go from inside the
/// user namespace.
fn remove(dir: &Path, name: &str) -> Result<()> {
    let vol = dir.join(name);
    crate::store::rootfs::remove_tree(&vol.join("_data"), &crate::host::job::HostUserns)?;
    fs::remove_dir_all(&vol).map_err(|e| Error::io(format!("cannot remove {}", vol.display()), e))
}

pub fn rm(args: &VolumeRmArgs) -> Result<u8> {
    let dir = volumes_dir()?;
    let store = Containers::open(getuid().as_raw())?;
    store.reap_stale();
    let targets = match (args.all, args.names.is_empty()) {
        (true, _) => names(&dir),
        (false, false) => args.names.clone(),
        (false, true) => {
            return Err(Error::Usage("give the volumes to remove, or --all".into()));
        }
    };
    let mut failed = None;
    for name in &targets {
        if !volume::valid_volume_name(name) || !data_of(&dir, name).is_dir() {
            failed = Some(missing(name));
            continue;
        }
        let users = users(&store, name);
        if let Some((_, c, _)) = users.iter().find(|(_, _, running)| *running) {
            failed = Some(Error::Usage(format!(
                "volume {name} is in use by running container {c}: wait for it to end"
            )));
            continue;
        }
        if let (Some((_, c, _)), false) = (users.first(), args.force) {
            failed = Some(Error::Usage(format!(
                "volume {name} is in use by container {c}: remove it first (nook rm {c}), or pass -f to remove both"
            )));
            continue;
        }
        for (cdir, c, _) in &users {
            store.remove(cdir, c);
        }
        remove(&dir, name)?;
        println!("{name}");
    }
    failed.map_or(Ok(0), Err)
}

pub fn prune(_args: &VolumePruneArgs) -> Result<u8> {
    let dir = volumes_dir()?;
    let store = Containers::open(getuid().as_raw())?;
    store.reap_stale();
    for name in names(&dir) {
        if users(&store, &name).is_empty() {
            remove(&dir, &name)?;
            println!("{name}");
        }
    }
    Ok(0)
}
