//! The story of `nook volume create`, `ls`, `inspect`, `rm` and `prune`.

use std::path::PathBuf;

use nix::unistd::getuid;

use crate::cli::{
    VolumeCreateArgs, VolumeExistsArgs, VolumeInspectArgs, VolumeLsArgs, VolumePruneArgs,
    VolumeRmArgs,
};
use crate::error::{Error, Result};
use crate::host::state::Containers;
use crate::host::volume::{Volume, Volumes};
use crate::plan::{volume, volume_filter, volume_opts};

use super::output::{json, print};
use super::template::Format;

fn missing(name: &str) -> Error {
    Error::Usage(format!(
        "no volume with name {name:?} found: see nook volume ls"
    ))
}

pub fn create(args: &VolumeCreateArgs) -> Result<u8> {
    let name = match &args.name {
        Some(n) if !volume::valid_volume_name(n) => {
            return Err(Error::Usage(format!(
                "invalid volume name {n:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit"
            )));
        }
        Some(n) => n.clone(),
        None => crate::host::facts::random_id()?,
    };
    let opts =
        volume_opts::parse(args.driver.as_deref(), &args.label, &args.opt).map_err(Error::Usage)?;
    // A bound host path must exist (podman checks it here, and says it so).
    if let Some(dev) = volume_opts::bind_device(&opts.options)
        && let Err(e) = std::fs::metadata(dev)
    {
        let why = crate::proto::errno_of(&e).desc().to_lowercase();
        return Err(Error::Usage(format!(
            "invalid volume option device for driver 'local': faccessat {dev}: {why}"
        )));
    }
    let volumes = Volumes::open()?;
    if !volumes.create(&name, &opts)? && !args.ignore {
        return Err(Error::Usage(format!(
            "volume {name} already exists: choose another name, or pass --ignore"
        )));
    }
    print(&format!("{name}\n"))
}

/// A volume as podman's JSON shows it.
fn to_json(v: &Volume) -> serde_json::Value {
    serde_json::json!({
        "Name": v.name,
        "Driver": "local",
        "Mountpoint": v.mountpoint,
        "CreatedAt": volume::rfc3339(v.created),
        "Labels": v.labels,
        "Scope": "local",
        "Options": v.options,
    })
}

/// `nook volume exists NAME`: exit status 0 when the volume exists, 1 when not.
pub fn exists(args: &VolumeExistsArgs) -> Result<u8> {
    Ok(if Volumes::open()?.get(&args.name).is_some() {
        0
    } else {
        1
    })
}

pub fn ls(args: &VolumeLsArgs) -> Result<u8> {
    let filters = volume_filter::parse_all(&args.filter).map_err(Error::Usage)?;
    let list: Vec<Volume> = Volumes::open()?
        .list()
        .into_iter()
        .filter(|v| {
            filters
                .iter()
                .all(|f| volume_filter::matches(f, &v.name, &v.labels))
        })
        .collect();
    let names: Vec<String> = list.iter().map(|v| v.name.clone()).collect();
    let text = match (args.quiet, args.format.as_str()) {
        (_, "json") => json(&list.iter().map(to_json).collect::<Vec<_>>()),
        (true, _) => names.iter().map(|n| format!("{n}\n")).collect(),
        (false, "" | "table") => {
            let text = volume::table(&names);
            match text.split_once('\n') {
                Some((_, rows)) if args.noheading => rows.to_string(),
                _ => text,
            }
        }
        (false, f) => {
            let format = Format::parse(f, "").map_err(Error::Usage)?;
            let rows: Vec<_> = list.iter().map(to_json).collect();
            format
                .render(&rows, &[("Name", "VOLUME NAME")], args.noheading)
                .map_err(Error::Usage)?
        }
    };
    print(&text)
}

pub fn inspect(args: &VolumeInspectArgs) -> Result<u8> {
    let format = Format::parse(&args.format, "").map_err(Error::Usage)?;
    let volumes = Volumes::open()?;
    let mut list = Vec::new();
    for n in &args.names {
        list.push(to_json(&volumes.get(n).ok_or_else(|| missing(n))?));
    }
    let text = match format {
        Format::Json => super::template::pretty(&serde_json::Value::Array(list)),
        f => f.render(&list, &[], true).map_err(Error::Usage)?,
    };
    print(&text)
}

/// A volume as `volume inspect` shows it, if there is one of that name.
pub(super) fn volume_json(name: &str) -> Result<Option<serde_json::Value>> {
    Ok(Volumes::open()?.get(name).as_ref().map(to_json))
}

/// The containers (directory, name, running) that use the volume `name`.
fn users(
    containers: &Containers,
    name: &str,
) -> Vec<(PathBuf, crate::host::state::ContainerRecord, bool)> {
    containers
        .list()
        .into_iter()
        .filter_map(|(dir, r, running)| r.map(|r| (dir, r, running)))
        .filter(|(_, r, _)| r.volumes.iter().any(|v| v == name))
        .collect()
}

pub fn rm(args: &VolumeRmArgs) -> Result<u8> {
    let volumes = Volumes::open()?;
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    let targets = match (args.all, args.names.is_empty()) {
        (true, _) => volumes.names(),
        (false, false) => args.names.clone(),
        (false, true) => {
            return Err(Error::Usage("give the volumes to remove, or --all".into()));
        }
    };
    let mut failed = None;
    for name in &targets {
        if volumes.get(name).is_none() {
            // podman: -f and --ignore pass over a missing volume; else exit 1.
            if !args.force && !args.ignore {
                // podman's words: scripts match them.
                failed = Some(Error::NoSuch(format!(
                    "no volume with name {name:?} found: no such volume"
                )));
            }
            continue;
        }
        let users = users(&containers, name);
        if !users.is_empty() && !args.force {
            // podman's words and exit status 2 (its scripts compare both); -f removes the
            // containers too.
            let ids: Vec<_> = users.iter().map(|(_, r, _)| r.id.as_str()).collect();
            failed = Some(Error::Init {
                message: format!(
                    "volume {name} is being used by the following container(s): {}: volume is being used",
                    ids.join(",")
                ),
                code: 2,
                errno: None,
            });
            continue;
        }
        for (dir, r, running) in &users {
            if *running {
                super::life::stop_one(dir, r, args.time.or(Some(10)))?;
            }
            containers.remove(dir, &r.name);
        }
        volumes.remove(name)?;
        print(&format!("{name}\n"))?;
    }
    failed.map_or(Ok(0), Err)
}

pub fn prune(args: &VolumePruneArgs) -> Result<u8> {
    let filters = volume_filter::parse_all(&args.filter).map_err(Error::Usage)?;
    let now = crate::host::life::now_ns() / 1_000_000_000;
    let volumes = Volumes::open()?;
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    let unused: Vec<String> = volumes
        .list()
        .into_iter()
        .filter(|v| {
            filters
                .iter()
                .all(|f| volume_filter::matches_at(f, &v.name, &v.labels, v.created, now))
        })
        .map(|v| v.name)
        .filter(|name| users(&containers, name).is_empty())
        .collect();
    // Without --force, podman lists them and asks.
    if !args.force && !unused.is_empty() && !confirmed(&unused)? {
        return Ok(0);
    }
    for name in unused {
        volumes.remove(&name)?;
        print(&format!("{name}\n"))?;
    }
    Ok(0)
}

/// podman's question before a prune: the volumes, then yes or no (no unless `y` is typed).
fn confirmed(names: &[String]) -> Result<bool> {
    let mut text = String::from(
        "WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:\n",
    );
    for n in names {
        text.push_str(&format!("{n}\n"));
    }
    text.push_str("Are you sure you want to continue? [y/N] ");
    print(&text)?;
    let mut answer = String::new();
    let _ = std::io::stdin().read_line(&mut answer);
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// A `--rm` container's anonymous volumes (`-v /path`) go with it, as podman's do.
pub(crate) fn remove_anonymous_volumes(plan: &crate::plan::RunPlan) -> Result<()> {
    if plan.anonymous_volumes.is_empty() {
        return Ok(());
    }
    let volumes = crate::host::volume::Volumes::open()?;
    for v in &plan.anonymous_volumes {
        if let Err(e) = volumes.remove(v) {
            eprintln!("Warning: cannot remove anonymous volume {v}: {e}");
        }
    }
    Ok(())
}
