//! The story of `nook ps` and `nook port`: the containers of this user, as podman lists
//! them (`Shown`: a record with its effective status, also for `inspect`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use nix::unistd::getuid;
use serde_json::{Value as Json, json};

use crate::cli::{PortArgs, PsArgs};
use crate::error::{Error, Result};
use crate::host::state::{ContainerRecord, ContainerStatus, Containers};
use crate::plan;
use crate::plan::units;

use super::output::print;
use super::template::Format;

/// A container as `ps` and `inspect` see it: its record, where it lives, its status.
pub(super) struct Shown {
    pub dir: PathBuf,
    pub record: ContainerRecord,
    pub status: ContainerStatus,
    /// When it was made, in nanoseconds (the record's second, its directory's birth within it).
    pub created_ns: u64,
}

/// Every container of the user, with its effective status, oldest first.
pub(super) fn shown(containers: &Containers) -> Vec<Shown> {
    shown_of(containers.list())
}

/// The containers of `list` (as `Containers::list` gives them), oldest first.
fn shown_of(list: Vec<(PathBuf, Option<ContainerRecord>, bool)>) -> Vec<Shown> {
    let mut all: Vec<Shown> = list
        .into_iter()
        .filter_map(|(dir, record, locked)| {
            let record = record?;
            let born = std::fs::metadata(&dir)
                .and_then(|m| m.created())
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map(|d| d.as_nanos() as u64);
            // The directory's birth orders containers made in the same second; a record
            // whose directory was made later (copied, restored) keeps its own second.
            let created_ns = born
                .filter(|ns| ns / NS == record.created)
                .unwrap_or(record.created * NS);
            Some(Shown {
                status: plan::container::effective_status(record.status, locked),
                created_ns,
                dir,
                record,
            })
        })
        .collect();
    all.sort_by_key(|c| c.created_ns);
    // Records that do not name their image (an older nook's) get its first name in the
    // store, read once.
    if all
        .iter()
        .any(|c| c.record.image_name.is_none() && c.record.image.is_some())
    {
        let index = crate::store::Store::open()
            .and_then(|s| s.read_index())
            .ok();
        for c in all.iter_mut().filter(|c| c.record.image_name.is_none()) {
            let named = index.as_ref().and_then(|index| {
                let id = c.record.image.as_deref()?;
                index
                    .images
                    .iter()
                    .find(|i| i.id == id)?
                    .names
                    .first()
                    .cloned()
            });
            c.record.image_name = named;
        }
    }
    all
}

const NS: u64 = 1_000_000_000;

pub(super) fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

impl Shown {
    pub fn started_ns(&self) -> u64 {
        self.record.started_ns.unwrap_or(self.created_ns)
    }

    pub fn finished_ns(&self) -> u64 {
        self.record.finished_ns.unwrap_or(self.started_ns())
    }

    /// `Up 3 minutes`, `Exited (0) 2 seconds ago`, `Created`.
    pub fn status_text(&self, now: u64) -> String {
        let since = match self.status {
            ContainerStatus::Exited => self.finished_ns(),
            _ => self.started_ns(),
        };
        let text = plan::container::status_text(
            self.status,
            self.record.exit_code,
            now.saturating_sub(since) / NS,
        );
        let health = match self.status {
            ContainerStatus::Running => super::health::recorded(&self.dir),
            _ => None,
        };
        plan::health::with_status(text, health.as_ref())
    }

    /// PID 1 of a live container: the record's, else its pid file's.
    pub fn pid(&self) -> Option<i32> {
        if matches!(
            self.status,
            ContainerStatus::Exited | ContainerStatus::Created
        ) {
            return None;
        }
        self.record.pid.or_else(|| {
            std::fs::read_to_string(self.dir.join(crate::host::state::PID_FILE))
                .ok()
                .and_then(|s| s.trim().parse().ok())
        })
    }

    pub fn image_name(&self) -> String {
        self.record
            .image_name
            .clone()
            .or_else(|| self.record.image.clone())
            .unwrap_or_else(|| self.record.rootfs.display().to_string())
    }

    fn item(&self) -> plan::container::Item<'_> {
        plan::container::Item {
            id: &self.record.id,
            name: &self.record.name,
            status: self.status,
            exit_code: self.record.exit_code,
            labels: &self.record.labels,
            image_name: self.record.image_name.as_deref().unwrap_or(""),
            image_id: self.record.image.as_deref().unwrap_or(""),
        }
    }
}

const PS_TABLE: &str = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.CreatedHuman}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";

const PS_HEADERS: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("CreatedHuman", "CREATED"),
    ("RunningFor", "RUNNING FOR"),
    ("CreatedAt", "CREATED AT"),
    ("ImageID", "IMAGE ID"),
    ("Pod", "POD ID"),
    ("PodName", "PODNAME"),
];

pub fn ps(args: &PsArgs) -> Result<u8> {
    let filters = plan::container::Filters::parse(&args.filter).map_err(Error::Usage)?;
    let default = if args.size {
        format!("{PS_TABLE}\\t{{{{.Size}}}}")
    } else {
        PS_TABLE.to_string()
    };
    let default = match args.pod {
        true => format!("{default}\\t{{{{.Pod}}}}\\t{{{{.PodName}}}}"),
        false => default,
    };
    let format = Format::parse(&args.format, &default).map_err(Error::Usage)?;
    let containers = Containers::open(getuid().as_raw())?;
    let pods = super::pod_show::names();
    // One reading of the containers' directories for both.
    let mut list = shown_of(containers.list_reaped());
    let every_state = args.all || args.latest || args.last.is_some() || filters.has_status();
    if !every_state {
        list.retain(|c| {
            c.status != ContainerStatus::Exited && c.status != ContainerStatus::Created
        });
    }
    list.retain(|c| filters.matches(&c.item()));
    if let Some(n) = args.last.or(args.latest.then_some(1)) {
        list.drain(..list.len().saturating_sub(n));
    }
    sort(&mut list, &args.sort)?;
    let short = |id: &str| -> String {
        if args.no_trunc {
            id.to_string()
        } else {
            id.chars().take(12).collect()
        }
    };
    if args.quiet {
        return print(
            &list
                .iter()
                .map(|c| short(&c.record.id) + "\n")
                .collect::<String>(),
        );
    }
    let now = now_ns();
    let sizes = args.size.then(|| image_sizes(&list));
    let rows: Vec<Json> = list
        .iter()
        .map(|c| {
            let size = sizes.as_ref().map(|s| (dir_size(&c.dir), image_size(s, c)));
            let full = args.no_trunc || matches!(format, Format::Json);
            let row = super::pod_show::mark(json_row(c, now, size), &c.record, &pods, full);
            match format {
                Format::Json => row,
                _ => template_row(c, row, now, args.no_trunc, size),
            }
        })
        .collect();
    let text = format
        .render(&rows, PS_HEADERS, args.noheading)
        .map_err(Error::Usage)?;
    print(&text)
}

fn sort(list: &mut [Shown], by: &str) -> Result<()> {
    match by {
        "created" | "runningfor" | "size" => {}
        "id" => list.sort_by(|a, b| a.record.id.cmp(&b.record.id)),
        "names" => list.sort_by(|a, b| a.record.name.cmp(&b.record.name)),
        "image" => list.sort_by_key(|c| c.image_name()),
        "command" => list.sort_by(|a, b| a.record.command.cmp(&b.record.command)),
        "status" => list.sort_by_key(|c| plan::container::status_name(c.status)),
        _ => {
            return Err(Error::Usage(format!(
                "invalid --sort {by:?}: use command, created, id, image, names, runningfor, size or status"
            )));
        }
    }
    Ok(())
}

/// The sizes of the images of `list`, by ID (for `--size`).
fn image_sizes(list: &[Shown]) -> BTreeMap<String, u64> {
    let Ok(store) = crate::store::Store::open() else {
        return BTreeMap::new();
    };
    let Ok(index) = store.read_index() else {
        return BTreeMap::new();
    };
    let wanted: Vec<&str> = list
        .iter()
        .filter_map(|c| c.record.image.as_deref())
        .collect();
    index
        .images
        .iter()
        .filter(|i| wanted.contains(&i.id.as_str()))
        .map(|i| (i.id.clone(), i.size()))
        .collect()
}

fn image_size(sizes: &BTreeMap<String, u64>, c: &Shown) -> u64 {
    c.record
        .image
        .as_deref()
        .and_then(|id| sizes.get(id))
        .copied()
        .unwrap_or(0)
}

/// The bytes of the files under `dir` that the user can reach (the container's own files;
/// directories of subordinate ids that are closed to the user are not counted).
fn dir_size(dir: &std::path::Path) -> u64 {
    let mut total = 0;
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => todo.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

/// A container as podman's `ps --format json` shows it.
fn json_row(c: &Shown, now: u64, size: Option<(u64, u64)>) -> Json {
    let r = &c.record;
    let exited = c.status == ContainerStatus::Exited;
    json!({
        "AutoRemove": r.remove,
        "Command": r.command,
        "Created": c.created_ns / NS,
        "CreatedAt": format!("{} ago", plan::container::human_duration(now.saturating_sub(c.created_ns) / NS)),
        "Exited": exited,
        "ExitedAt": if exited { (c.finished_ns() / NS) as i64 } else { -62135596800 },
        "ExitCode": r.exit_code.unwrap_or(0),
        "Id": r.id,
        "Image": c.image_name(),
        "ImageID": r.image.clone().unwrap_or_default(),
        "IsInfra": false,
        "Labels": r.labels,
        "Mounts": r.volumes,
        "Names": [r.name],
        "Networks": network_names(c),
        "Pid": c.pid().unwrap_or(0),
        "Pod": "",
        "PodName": "",
        "Ports": r.ports.iter().map(|p| json!({
            "host_ip": p.host_ip.map(|ip| ip.to_string()).unwrap_or_default(),
            "container_port": p.container_port,
            "host_port": p.host_port,
            "range": 1,
            "protocol": p.proto.as_str(),
        })).collect::<Vec<_>>(),
        "Restarts": r.restart_count,
        "Size": size.map(|(rw, image)| json!({"RwSize": rw, "RootFsSize": image + rw})),
        "StartedAt": if c.status == ContainerStatus::Created { 0 } else { c.started_ns() / NS },
        "State": plan::container::status_name(c.status),
        "Status": c.status_text(now),
    })
}

/// The bridge networks a container is on: its live leases while it runs (connected ones
/// too), else those it was started with.
fn network_names(c: &Shown) -> Vec<String> {
    let Some(plan) = crate::host::state::read_plan(&c.dir) else {
        return Vec::new();
    };
    let Some(b) = plan.network.bridge() else {
        return Vec::new();
    };
    if c.status == ContainerStatus::Running {
        let live: Vec<String> = crate::host::network::connect::leases_of(&plan.id)
            .into_iter()
            .map(|l| l.network)
            .collect();
        if !live.is_empty() {
            return live;
        }
    }
    b.networks.clone()
}

/// The fields a `ps` template sees (podman's psReporter): a short ID, one name, the status
/// as text, the command as one string, the ports as text.
fn template_row(
    c: &Shown,
    mut row: Json,
    now: u64,
    no_trunc: bool,
    size: Option<(u64, u64)>,
) -> Json {
    let r = &c.record;
    let short = |s: &str| -> String {
        if no_trunc {
            s.to_string()
        } else {
            s.chars().take(12).collect()
        }
    };
    let mut command = r.command.join(" ");
    if !no_trunc && command.chars().count() > 17 {
        command = command.chars().take(17).collect::<String>() + "...";
    }
    let ago = format!(
        "{} ago",
        plan::container::human_duration(now.saturating_sub(c.created_ns) / NS)
    );
    let created_at = plan::container::go_time(c.created_ns);
    if let Json::Object(m) = &mut row {
        for (k, v) in [
            ("ID", json!(short(&r.id))),
            ("Names", json!(r.name)),
            ("Command", json!(command)),
            ("CreatedHuman", json!(ago)),
            ("RunningFor", json!(ago)),
            ("CreatedAt", json!(created_at)),
            ("Created", json!(created_at)),
            ("Ports", json!(plan::container::ports_text(&r.ports))),
            ("ImageID", json!(short(r.image.as_deref().unwrap_or("")))),
            ("Mounts", json!(r.volumes.join(","))),
            ("Networks", json!(network_names(c).join(","))),
            (
                "Size",
                json!(
                    size.map(|(rw, image)| format!(
                        "{} (virtual {})",
                        units::decimal(rw),
                        units::decimal(image + rw)
                    ))
                    .unwrap_or_default()
                ),
            ),
        ] {
            m.insert(k.to_string(), v);
        }
    }
    row
}

pub fn port(args: &PortArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let Some((_, record, locked)) = containers.find(&args.container) else {
        return Err(Error::Usage(format!(
            "no container with name or ID {:?} found: see nook ps -a",
            args.container
        )));
    };
    // As podman: the ports of a container that does not run are published nowhere.
    let status = plan::container::effective_status(record.status, locked);
    // Nor does podman name the port it does not find there.
    let ports = match status {
        ContainerStatus::Exited | ContainerStatus::Created => return Ok(0),
        _ => &record.ports[..],
    };
    let text = plan::network::port_lines(ports, args.port.as_deref()).map_err(Error::Usage)?;
    print(&text)
}
