//! The story of `nook network create`, `ls`, `inspect`, `rm`, `prune`, `exists`, `connect`
//! and `disconnect`.

use nix::unistd::getuid;

use crate::cli::{
    NetworkConnectArgs, NetworkCreateArgs, NetworkDisconnectArgs, NetworkExistsArgs,
    NetworkInspectArgs, NetworkLsArgs, NetworkPruneArgs, NetworkRmArgs,
};
use crate::error::{Error, Result};
use crate::host::network::networks::{Networks, not_found};
use std::path::PathBuf;

use crate::host::state::{ContainerRecord, Containers, read_plan};
use crate::plan::network::ipam::{self, CreateRequest, NetworkRecord};
use crate::plan::network::membership;

use super::output::{json, print};
use super::template::Format;

pub fn create(args: &NetworkCreateArgs) -> Result<u8> {
    let nets = Networks::open()?;
    if args.ignore && nets.get(&args.name).is_some() {
        return print(&format!("{}\n", args.name));
    }
    let req = CreateRequest {
        name: args.name.clone(),
        driver: args.driver.clone(),
        subnet: args.subnet.clone(),
        gateway: args.gateway.clone(),
        internal: args.internal,
        labels: args.label.clone(),
        options: args.opt.clone(),
    };
    let r = nets.create(&req)?;
    print(&format!("{}\n", r.name))
}

fn to_json(r: &NetworkRecord) -> serde_json::Value {
    serde_json::to_value(r).unwrap_or_default()
}

/// A row for `ls --format` templates: podman's field names.
fn row(r: &NetworkRecord) -> serde_json::Value {
    serde_json::json!({
        "Name": r.name,
        "ID": &r.id[..r.id.len().min(12)],
        "Driver": r.driver,
        "Subnets": r.subnets.iter().map(|s| s.subnet.clone()).collect::<Vec<_>>().join(","),
        "Internal": r.internal,
        "Labels": r.labels,
        "Options": r.options,
        "NetworkInterface": r.network_interface,
        "Created": r.created,
    })
}

fn matches(r: &NetworkRecord, filters: &[String]) -> Result<bool> {
    for f in filters {
        let ok = match f.split_once('=') {
            Some(("name", v)) => r.name.contains(v),
            Some(("driver", v)) => r.driver == v,
            Some(("id", v)) => r.id.starts_with(v),
            _ => {
                return Err(Error::Usage(format!(
                    "invalid filter {f:?}: use name=NAME, id=ID or driver=bridge"
                )));
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn ls(args: &NetworkLsArgs) -> Result<u8> {
    let mut list = Vec::new();
    for r in Networks::open()?.list() {
        if matches(&r, &args.filter)? {
            list.push(r);
        }
    }
    let text = match (args.quiet, args.format.as_str()) {
        (_, "json") => json(&list.iter().map(to_json).collect::<Vec<_>>()),
        (true, _) => list.iter().map(|r| format!("{}\n", r.name)).collect(),
        (false, f) => {
            let f = match f {
                "" | "table" => "table {{.ID}}\t{{.Name}}\t{{.Driver}}",
                f => f,
            };
            let format = Format::parse(f, "").map_err(Error::Usage)?;
            let rows: Vec<_> = list.iter().map(row).collect();
            let headers = [
                ("ID", "NETWORK ID"),
                ("Name", "NAME"),
                ("Driver", "DRIVER"),
                ("Subnets", "SUBNETS"),
            ];
            format
                .render(&rows, &headers, args.noheading)
                .map_err(Error::Usage)?
        }
    };
    print(&text)
}

pub fn inspect(args: &NetworkInspectArgs) -> Result<u8> {
    let format = Format::parse(&args.format, "").map_err(Error::Usage)?;
    let nets = Networks::open()?;
    let mut list = Vec::new();
    for n in &args.names {
        list.push(to_json(&nets.get(n).ok_or_else(|| not_found(n))?));
    }
    let text = match format {
        Format::Json => super::template::pretty(&serde_json::Value::Array(list)),
        f => f.render(&list, &[], true).map_err(Error::Usage)?,
    };
    print(&text)
}

pub fn exists(args: &NetworkExistsArgs) -> Result<u8> {
    Ok(match Networks::open()?.get(&args.name) {
        Some(_) => 0,
        None => 1,
    })
}

/// The containers (id, name) whose plan puts them on network `name`.
fn users(containers: &Containers, name: &str) -> Vec<(String, String)> {
    containers
        .list()
        .into_iter()
        .filter_map(|(dir, r, _)| Some((read_plan(&dir)?, r?)))
        .filter(|(p, _)| {
            p.network
                .bridge()
                .is_some_and(|b| b.networks.iter().any(|n| n == name))
        })
        .map(|(_, r)| (r.id, r.name))
        .collect()
}

pub fn rm(args: &NetworkRmArgs) -> Result<u8> {
    let nets = Networks::open()?;
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    // A negative time leaves each container its own stop timeout.
    let time: Vec<String> = match args.time {
        t if t < 0 => Vec::new(),
        t => vec!["-t".into(), t.to_string()],
    };
    for key in &args.names {
        // podman's words and status (1) for a network that is not there; -f ignores it.
        let Some(r) = nets.get(key) else {
            if args.force {
                continue;
            }
            return Err(Error::NoSuch(format!(
                "unable to find network with name or ID {key}: network not found"
            )));
        };
        if r.name == ipam::DEFAULT_NETWORK {
            return Err(Error::Usage(format!(
                "default network {} cannot be removed",
                r.name
            )));
        }
        let using = users(&containers, &r.name);
        if !using.is_empty() && !args.force {
            return Err(Error::Usage(format!(
                "{:?} has associated containers with it ({}): network is being used; remove them first, or use -f to remove them too",
                r.name,
                using
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        for (id, _) in &using {
            let done = std::process::Command::new("/proc/self/exe")
                .args(["rm", "-f"])
                .args(&time)
                .arg(id)
                .stdout(std::process::Stdio::null())
                .status()
                .map_err(|e| Error::io("cannot remove a container of the network", e))?;
            if !done.success() {
                return Err(Error::Usage(format!(
                    "cannot remove container {id} of network {}: see nook rm -f {id}",
                    r.name
                )));
            }
        }
        nets.remove(&r.name)?;
        print(&format!("{}\n", r.name))?;
    }
    Ok(0)
}

/// Remove every network no container uses; prints their names.
pub fn prune(_args: &NetworkPruneArgs) -> Result<u8> {
    print(&prune_unused()?)?;
    Ok(0)
}

/// The networks no container uses, removed (`network prune`, `system prune`): their names.
/// The default network stays, as podman's does (`network rm` refuses it too).
pub(crate) fn prune_unused() -> Result<String> {
    let nets = Networks::open()?;
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    let mut out = String::new();
    for r in nets.list() {
        if r.name == ipam::DEFAULT_NETWORK {
            continue;
        }
        if users(&containers, &r.name).is_empty() && nets.remove(&r.name).is_ok() {
            out.push_str(&format!("{}\n", r.name));
        }
    }
    Ok(out)
}

/// The container `key` (its directory, record and whether it runs), with podman's message.
fn container(containers: &Containers, key: &str) -> Result<(PathBuf, ContainerRecord, bool)> {
    containers.find(key).ok_or_else(|| {
        Error::Usage(format!(
            "no container with name or ID {key:?} found: no such container"
        ))
    })
}

/// `network connect [--ip IP] [--alias NAME]... NETWORK CONTAINER`: silent on success. A
/// running container is put on the network now; either way, as podman, the network is
/// recorded in the container's plan, so a stopped container joins it at its next start.
pub fn connect(args: &NetworkConnectArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let (dir, record, running) = container(&containers, &args.container)?;
    let net = Networks::open()?
        .get(&args.network)
        .ok_or_else(|| not_found(&args.network))?;
    if let Some(ip) = args.ip {
        let (subnet, gw) = net.subnet().map_err(Error::Usage)?;
        ipam::address(&net.name, subnet, gw, &[], Some(ip)).map_err(Error::Usage)?;
    }
    let record_it = |p: &mut crate::plan::RunPlan| {
        membership::connect(
            &mut p.network.mode,
            &record.name,
            &net.name,
            args.ip,
            &args.alias,
        )
    };
    if running {
        let live = containers.live(&args.container)?;
        crate::host::network::connect::connect(&live, &net.name, args.ip, &args.alias)?;
        // It runs on the network now; a plan that cannot say so only loses the restart.
        let _ = containers.update_plan(&dir, record_it);
        return Ok(0);
    }
    // Under its lock: a start at the same time reads the plan before or after.
    let _lock = containers.lock_kept(&dir, &record.name)?;
    containers.update_plan(&dir, record_it)?;
    Ok(0)
}

/// `network disconnect [-f] NETWORK CONTAINER`: silent on success; the plan forgets the
/// network too (a stopped container is only changed there).
pub fn disconnect(args: &NetworkDisconnectArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let (dir, record, running) = container(&containers, &args.container)?;
    let net = Networks::open()?
        .get(&args.network)
        .map(|r| r.name)
        .ok_or_else(|| not_found(&args.network))?;
    let forget = |p: &mut crate::plan::RunPlan| {
        membership::disconnect(&mut p.network.mode, &record.name, &net)
    };
    if running {
        let live = containers.live(&args.container)?;
        crate::host::network::connect::disconnect(&live, &net)?;
        let _ = containers.update_plan(&dir, forget);
        return Ok(0);
    }
    let _lock = containers.lock_kept(&dir, &record.name)?;
    containers.update_plan(&dir, forget)?;
    Ok(0)
}
