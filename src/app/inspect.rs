//! The story of `nook inspect`, `nook container inspect` and `nook container exists`:
//! containers (and images and volumes) as podman's inspect shows them, as JSON or through a
//! `--format` template.

use nix::unistd::getuid;
use serde_json::{Value as Json, json};

use crate::cli::{AnyInspectArgs, ContainerInspectArgs, ExistsArgs, InspectType};
use crate::error::{Error, Result};
use crate::host::state::{ContainerStatus, Containers, PLAN_FILE};
use crate::plan::RunPlan;
use crate::plan::container::{rfc3339_nano, status_name};
use crate::plan::mounts::Op;
use crate::plan::network::Mode;

use super::output::print;
use super::ps::{Shown, shown};
use super::template;

/// Go's zero time, which podman shows for a time that has not come.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

pub fn inspect(args: &AnyInspectArgs) -> Result<u8> {
    run(
        &args.names,
        args.kind,
        &args.format,
        args.latest,
        "no such object: {:?}",
    )
}

pub fn container_inspect(args: &ContainerInspectArgs) -> Result<u8> {
    run(
        &args.names,
        InspectType::Container,
        &args.format,
        args.latest,
        "no such container {:?}",
    )
}

/// `nook container exists NAME`: exit 0 when it does, 1 when not (podman).
pub fn exists(args: &ExistsArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    Ok(if containers.find(&args.name).is_some() {
        0
    } else {
        1
    })
}

fn run(
    names: &[String],
    kind: InspectType,
    format: &str,
    latest: bool,
    missing: &str,
) -> Result<u8> {
    // A bad template is refused before anything is looked up.
    let format = template::Format::parse(format, "").map_err(Error::Usage)?;
    let wants = |k: InspectType| kind == InspectType::All || kind == k;
    let containers = Containers::open(getuid().as_raw())?;
    let all = shown(&containers);
    let mut keys: Vec<String> = names.to_vec();
    if latest {
        keys.extend(all.last().map(|c| c.record.id.clone()));
    }
    let mut found = Vec::new();
    let mut first_missing = None;
    for key in &keys {
        let hit = if wants(InspectType::Container) {
            find(&all, key).map(|c| {
                let mut j = container_json(c, read_plan(c).as_ref());
                j["ImageDigest"] = image_digest(c.record.image.as_deref())
                    .unwrap_or_default()
                    .into();
                j
            })
        } else {
            None
        };
        let hit = match hit {
            Some(h) => Some(h),
            None if wants(InspectType::Image) => super::images::image_json(key)?,
            None => None,
        };
        let hit = match hit {
            Some(h) => Some(h),
            None if wants(InspectType::Volume) => super::volume::volume_json(key)?,
            None => None,
        };
        match hit {
            Some(h) => found.push(h),
            None => {
                first_missing.get_or_insert_with(|| key.clone());
            }
        }
    }
    let text = match format {
        template::Format::Json => template::pretty(&Json::Array(found)),
        f => {
            let view: Vec<Json> = found.iter().map(template::go_names).collect();
            f.render(&view, &[], true).map_err(Error::Usage)?
        }
    };
    print(&text)?;
    match first_missing {
        Some(key) => Err(Error::Usage(missing.replace("{:?}", &format!("{key:?}")))),
        None => Ok(0),
    }
}

/// podman's `.ImageDigest` of a container: its image's manifest digest, while the store has
/// the image.
fn image_digest(id: Option<&str>) -> Option<String> {
    let index = crate::store::Store::open().ok()?.read_index().ok()?;
    let found = index.find(id?)?;
    Some(index.images[found.position()].digest.clone())
}

/// A container by name, full ID or unique ID prefix.
fn find<'a>(all: &'a [Shown], key: &str) -> Option<&'a Shown> {
    let key = key.strip_prefix('/').unwrap_or(key);
    if let Some(c) = all
        .iter()
        .find(|c| c.record.name == key || c.record.id == key)
    {
        return Some(c);
    }
    let mut prefixed = all.iter().filter(|c| c.record.id.starts_with(key));
    match (prefixed.next(), prefixed.next()) {
        (Some(one), None) if !key.is_empty() => Some(one),
        _ => None,
    }
}

fn read_plan(c: &Shown) -> Option<RunPlan> {
    serde_json::from_slice(&std::fs::read(c.dir.join(PLAN_FILE)).ok()?).ok()
}

/// `"80/tcp": [{"HostIp": "", "HostPort": "8080"}]`, podman's map of published ports.
fn port_map(ports: &[crate::plan::network::PortMapping]) -> Json {
    let mut map = serde_json::Map::new();
    for p in ports {
        let key = format!("{}/{}", p.container_port, p.proto.as_str());
        let entry = map.entry(key).or_insert_with(|| json!([]));
        if let Json::Array(list) = entry {
            list.push(json!({
                "HostIp": p.host_ip.map(|ip| ip.to_string()).unwrap_or_default(),
                "HostPort": p.host_port.to_string(),
            }));
        }
    }
    Json::Object(map)
}

/// A container as podman's inspect shows it, for what nook knows of it: its record, and the
/// plan it was run with (absent for records of an older nook).
pub(super) fn container_json(c: &Shown, plan: Option<&RunPlan>) -> Json {
    let r = &c.record;
    let running = matches!(
        c.status,
        ContainerStatus::Running | ContainerStatus::Paused | ContainerStatus::Stopping
    );
    let time = |ns: Option<u64>| ns.map_or(ZERO_TIME.to_string(), rfc3339_nano);
    let started = match c.status {
        ContainerStatus::Created => None,
        _ => Some(c.started_ns()),
    };
    let finished = match c.status {
        ContainerStatus::Exited => Some(c.finished_ns()),
        _ => None,
    };
    let argv: &[String] = plan.map_or(&r.command[..], |p| &p.process.argv[..]);
    let empty = Vec::new();
    let env = plan.map_or(&empty, |p| &p.process.env);
    let (mounts, binds) = plan.map_or_else(|| (vec![], vec![]), |p| mounts(p, &r.volumes));
    let limits = plan.map(|p| &p.cgroup.limits);
    let user = plan.map_or(String::new(), |p| {
        let u = &p.process.user;
        match &u.group {
            Some(g) => format!("{}:{g}", u.user),
            None => u.user.clone(),
        }
    });
    let network_mode = plan.map_or(String::new(), |p| match &p.network.mode {
        Mode::None => "none".into(),
        Mode::Host => "host".into(),
        Mode::Slirp4netns(_) => "slirp4netns".into(),
        Mode::Pasta(_) => "pasta".into(),
        Mode::Bridge(_) => "bridge".into(),
        Mode::Container(name) => format!("container:{name}"),
        Mode::Ns(path) => format!("ns:{path}"),
    });
    let (restart_name, restart_max) = restart(r.restart_policy.as_deref());
    json!({
        "Id": r.id,
        "Created": rfc3339_nano(c.created_ns),
        "Path": argv.first().cloned().unwrap_or_default(),
        "Args": argv.iter().skip(1).collect::<Vec<_>>(),
        "State": {
            "OciVersion": "1.0.2",
            "Status": status_name(c.status),
            "Running": c.status == ContainerStatus::Running,
            "Paused": c.status == ContainerStatus::Paused,
            "Restarting": false,
            "OOMKilled": r.oom_killed,
            "Dead": false,
            "Pid": if running { c.pid().unwrap_or(0) } else { 0 },
            "ExitCode": if c.status == ContainerStatus::Exited { r.exit_code.map_or(-1, i32::from) } else { 0 },
            "Error": r.exit_reason.clone().unwrap_or_else(|| lost(c)),
            "StartedAt": time(started),
            "FinishedAt": time(finished),
            "CheckpointedAt": ZERO_TIME,
            "RestoredAt": ZERO_TIME,
            "Health": super::health::read(&c.dir, plan),
        },
        "Image": r.image.clone().unwrap_or_default(),
        "ImageName": r.image_name.clone().or_else(|| r.image.clone()).unwrap_or_default(),
        "Rootfs": if r.image.is_none() { r.rootfs.display().to_string() } else { String::new() },
        "Pod": c.record.pod.clone().unwrap_or_default(),
        "Name": r.name,
        "RestartCount": r.restart_count,
        "Driver": plan.and_then(|p| p.driver.as_ref()).map(|d| format!("{d:?}").to_lowercase()).unwrap_or_else(|| "vfs".into()),
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "ExecIDs": [],
        "Mounts": mounts,
        "Dependencies": [],
        "NetworkSettings": {
            "Networks": networks(plan, &r.id, running),
            "Ports": port_map(&r.ports),
            "SandboxKey": "",
        },
        "IsInfra": plan.is_some_and(|p| p.process.pause),
        "IsService": false,
        "Config": {
            "Hostname": plan.map_or(String::new(), |p| p.hostname.clone()),
            "Domainname": "",
            "User": user,
            "Tty": plan.is_some_and(|p| p.process.tty),
            "OpenStdin": plan.is_some_and(|p| p.process.interactive),
            "Env": env,
            "Cmd": argv,
            "Image": r.image_name.clone().or_else(|| r.image.clone()).unwrap_or_default(),
            "WorkingDir": plan.map_or("/".to_string(), |p| p.process.cwd.clone()),
            "Entrypoint": [],
            "Healthcheck": plan.and_then(|p| p.health.as_ref()).map(|h| &h.config),
            "Labels": r.labels,
            "Annotations": r.annotations,
            "StopSignal": r.stop_signal.clone().unwrap_or_else(|| "SIGTERM".into()),
            "StopTimeout": r.stop_timeout.unwrap_or(10),
        },
        "HostConfig": {
            "Binds": binds,
            "LogConfig": {
                "Type": r.log_driver.clone().unwrap_or_else(|| "passthrough".into()),
                "Path": r.log_path.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            },
            "NetworkMode": network_mode,
            "PortBindings": port_map(&r.ports),
            "RestartPolicy": { "Name": restart_name, "MaximumRetryCount": restart_max },
            "AutoRemove": r.remove,
            "Memory": limits.and_then(|l| l.memory).unwrap_or(0),
            "MemorySwap": limits.and_then(|l| l.memory_swap).map_or(0, |s| s.map_or(-1, |v| v as i64)),
            "MemoryReservation": limits.and_then(|l| l.memory_reservation).unwrap_or(0),
            "NanoCpus": limits.and_then(|l| l.cpu_max).map_or(0, |(q, p)| q * 1_000_000_000 / p.max(1)),
            "CpusetCpus": limits.and_then(|l| l.cpuset_cpus.clone()).unwrap_or_default(),
            "PidsLimit": limits.and_then(|l| l.pids_max).map_or(0, |m| m.map_or(-1, |v| v as i64)),
            "Privileged": false,
            "ReadonlyRootfs": plan.is_some_and(|p| p.ops.iter().any(|o| matches!(o, Op::ReadOnlyRoot))),
            "IpcMode": "private",
            "UTSMode": "private",
            "CgroupManager": plan.map_or("cgroupfs".to_string(), |p| format!("{:?}", p.cgroup.manager).to_lowercase()),
        },
    })
}

/// Why a container that its record says runs has exited: nothing holds it any more.
/// podman's `NetworkSettings.Networks` for a container on bridge networks: each network by
/// name, with the address it holds while it runs (empty when it does not).
fn networks(plan: Option<&RunPlan>, id: &str, running: bool) -> Json {
    let Some(b) = plan.and_then(|p| p.network.bridge()) else {
        return json!({});
    };
    let leases = match running {
        true => crate::host::network::connect::leases_of(id),
        false => Vec::new(),
    };
    let nets = crate::host::network::networks::Networks::open().ok();
    let mut names: Vec<String> = b.networks.clone();
    names.extend(leases.iter().map(|l| l.network.clone()));
    let mut out = serde_json::Map::new();
    for name in names {
        if out.contains_key(&name) {
            continue;
        }
        let record = nets.as_ref().and_then(|n| n.get(&name));
        if running && !leases.iter().any(|l| l.network == name) {
            // Disconnected since it started.
            continue;
        }
        let lease = leases.iter().find(|l| l.network == name);
        // podman's: the aliases given, then the short id and the host name.
        let mut aliases = lease.map_or_else(|| b.aliases.clone(), |l| l.aliases.clone());
        for a in std::iter::once(id[..id.len().min(12)].to_string())
            .chain(plan.map(|p| p.hostname.clone()))
        {
            if !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        let prefix = record
            .as_ref()
            .and_then(|r| r.subnet().ok())
            .map_or(0, |(c, _)| c.prefix);
        out.insert(
            name.clone(),
            json!({
                "EndpointID": "",
                "Gateway": lease.and_then(|l| l.gateway).map(|g| g.to_string()).unwrap_or_default(),
                "IPAddress": lease.map(|l| l.ip.to_string()).unwrap_or_default(),
                "IPPrefixLen": if lease.is_some() { prefix } else { 0 },
                "IPv6Gateway": "",
                "GlobalIPv6Address": "",
                "GlobalIPv6PrefixLen": 0,
                "MacAddress": lease.map(|l| l.mac.clone()).unwrap_or_default(),
                "NetworkID": record.map(|r| r.id).unwrap_or_default(),
                "DriverOpts": null,
                "IPAMConfig": null,
                "Links": null,
                "Aliases": aliases,
            }),
        );
    }
    Json::Object(out)
}

fn lost(c: &Shown) -> String {
    if c.status == ContainerStatus::Exited && c.record.status != ContainerStatus::Exited {
        "its nook process ended without recording the exit (killed, or the machine restarted)"
            .into()
    } else {
        String::new()
    }
}

/// `--restart` as podman's RestartPolicy: ("on-failure", 2) for `on-failure:2`, ("", 0)
/// for none.
fn restart(policy: Option<&str>) -> (String, u64) {
    match policy {
        None | Some("no") => (String::new(), 0),
        Some(p) => match p.split_once(':') {
            Some((name, n)) => (name.to_string(), n.parse().unwrap_or(0)),
            None => (p.to_string(), 0),
        },
    }
}

/// The user's mounts (binds of host paths and named volumes; not nook's own files of the
/// state directory nor its devices) as podman's `Mounts`, and as `HostConfig.Binds`.
fn mounts(plan: &RunPlan, volumes: &[String]) -> (Vec<Json>, Vec<String>) {
    let mut list = Vec::new();
    let mut binds = Vec::new();
    for op in &plan.ops {
        let Op::Bind {
            source,
            target,
            readonly,
            ..
        } = op
        else {
            continue;
        };
        if source.starts_with(&*plan.state_dir.to_string_lossy()) || source.starts_with("/dev/") {
            continue;
        }
        let volume = volumes
            .iter()
            .find(|v| source.ends_with(&format!("/{v}/_data")));
        let mode = if *readonly { "ro" } else { "rw" };
        binds.push(format!(
            "{}:{target}:{mode}",
            volume.map_or(source.as_str(), |v| v.as_str())
        ));
        list.push(json!({
            "Type": if volume.is_some() { "volume" } else { "bind" },
            "Name": volume.cloned().unwrap_or_default(),
            "Source": source,
            "Destination": target,
            "Driver": if volume.is_some() { "local" } else { "" },
            "Mode": "",
            "Options": ["rbind"],
            "RW": !readonly,
            "Propagation": "rprivate",
        }));
    }
    (list, binds)
}

#[cfg(test)]
#[path = "inspect_tests.rs"]
mod tests;
