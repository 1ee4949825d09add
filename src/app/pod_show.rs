//! What is shown of pods: `pod ps` (podman's columns, `--format`, `--filter`), `pod inspect`,
//! `pod exists`, and the pod columns of the containers' own `ps` and `inspect`.

use std::collections::HashMap;

use nix::unistd::getuid;
use serde_json::{Value as Json, json};

use crate::cli::{PodExistsArgs, PodInspectArgs, PodPsArgs};
use crate::error::{Error, Result};
use crate::host::pod::Pods;
use crate::host::state::{ContainerRecord, Containers};
use crate::plan::pod::{self as plan, PodRecord};

use super::output::print;
use super::template::{self, Format};

const POD_TABLE: &str = "table {{.ID}}\\t{{.Name}}\\t{{.Status}}\\t{{.Created}}\\t{{.InfraID}}\\t{{.NumberOfContainers}}";
const POD_HEADERS: &[(&str, &str)] = &[
    ("ID", "POD ID"),
    ("InfraID", "INFRA ID"),
    ("NumberOfContainers", "# OF CONTAINERS"),
];

/// A pod with its containers as they are now.
struct Seen {
    pod: PodRecord,
    status: &'static str,
    containers: Vec<(ContainerRecord, crate::plan::record::ContainerStatus)>,
}

fn seen(containers: &Containers, pod: PodRecord) -> Seen {
    let list: Vec<_> = super::pod::members(containers, &pod)
        .into_iter()
        .map(|(_, r, running)| {
            let s = crate::plan::container::effective_status(r.status, running);
            (r, s)
        })
        .collect();
    let states: Vec<_> = list.iter().map(|(_, s)| *s).collect();
    Seen {
        status: plan::status(&states),
        pod,
        containers: list,
    }
}

fn created_text(secs: u64) -> String {
    let now = crate::host::life::now_ns() / 1_000_000_000;
    format!(
        "{} ago",
        crate::plan::container::human_duration(now.saturating_sub(secs))
    )
}

pub fn ps(a: &PodPsArgs) -> Result<u8> {
    let format = Format::parse(&a.format, POD_TABLE).map_err(Error::Usage)?;
    let containers = Containers::open(getuid().as_raw())?;
    let pods = Pods::open(getuid().as_raw())?;
    let mut list = Vec::new();
    for pod in pods.list() {
        let s = seen(&containers, pod);
        if plan::matches(&s.pod, s.status, &a.filter).map_err(Error::Usage)? {
            list.push(s);
        }
    }
    let short = |id: &str| -> String {
        match a.no_trunc {
            true => id.to_string(),
            false => id.chars().take(12).collect(),
        }
    };
    if a.quiet {
        return print(
            &list
                .iter()
                .map(|s| short(&s.pod.id) + "\n")
                .collect::<String>(),
        );
    }
    let rows: Vec<Json> = list
        .iter()
        .map(|s| {
            let p = &s.pod;
            let infra = p.infra_id.clone().unwrap_or_default();
            match format {
                Format::Json => json!({
                    "Id": p.id,
                    "Name": p.name,
                    "Status": s.status,
                    "Created": p.created,
                    "InfraId": infra,
                    "Labels": p.labels,
                    "Containers": s.containers.iter().map(|(r, st)| json!({
                        "Id": r.id, "Names": r.name,
                        "Status": crate::plan::container::status_name(*st),
                    })).collect::<Vec<_>>(),
                }),
                _ => json!({
                    "ID": short(&p.id),
                    "Id": short(&p.id),
                    "Name": p.name,
                    "Status": s.status,
                    "Created": created_text(p.created),
                    "InfraID": short(&infra),
                    "InfraId": short(&infra),
                    "NumberOfContainers": s.containers.len(),
                    "Labels": p.labels,
                }),
            }
        })
        .collect();
    let text = format
        .render(&rows, POD_HEADERS, a.noheading)
        .map_err(Error::Usage)?;
    print(&text)
}

fn inspect_json(s: &Seen) -> Json {
    let p = &s.pod;
    json!({
        "Id": p.id,
        "Name": p.name,
        "Created": p.created,
        "State": s.status,
        "Hostname": p.hostname,
        "Labels": p.labels,
        "CreateInfra": p.infra_id.is_some(),
        "InfraContainerID": p.infra_id.clone().unwrap_or_default(),
        "SharedNamespaces": p.share,
        "ExitPolicy": if p.exit_stop { "stop" } else { "continue" },
        "InfraConfig": {
            "HostNetwork": p.network.iter().any(|n| n == "host"),
            "PortBindings": p.publish,
            "Networks": p.network,
        },
        "NumContainers": s.containers.len(),
        "Containers": s.containers.iter().map(|(r, st)| json!({
            "Id": r.id,
            "Name": r.name,
            "State": crate::plan::container::status_name(*st),
        })).collect::<Vec<_>>(),
    })
}

pub fn inspect(a: &PodInspectArgs) -> Result<u8> {
    let format = Format::parse(&a.format, "").map_err(Error::Usage)?;
    let containers = Containers::open(getuid().as_raw())?;
    let pods = Pods::open(getuid().as_raw())?;
    let mut found = Vec::new();
    let mut missing = None;
    for key in &a.pods {
        match pods.find(key) {
            Some(pod) => found.push(inspect_json(&seen(&containers, pod))),
            None => {
                missing.get_or_insert_with(|| key.clone());
            }
        }
    }
    let text = match format {
        Format::Json => template::pretty(&Json::Array(found)),
        f => f.render(&found, &[], true).map_err(Error::Usage)?,
    };
    print(&text)?;
    match missing {
        Some(key) => Err(Error::Usage(super::pod::no_such_pod(&key))),
        None => Ok(0),
    }
}

pub fn exists(a: &PodExistsArgs) -> Result<u8> {
    let pods = Pods::open(getuid().as_raw())?;
    Ok(match pods.find(&a.pod) {
        Some(_) => 0,
        None => 1,
    })
}

/// Each pod's name and infra container, by pod ID (for `ps`).
pub(super) fn names() -> HashMap<String, (String, Option<String>)> {
    Pods::open(getuid().as_raw())
        .map(|p| p.list())
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.id, (p.name, p.infra_id)))
        .collect()
}

/// A `ps` row with the container's pod: `Pod` (shortened unless `full`), `PodName`,
/// `IsInfra`.
pub(super) fn mark(
    mut row: Json,
    r: &ContainerRecord,
    pods: &HashMap<String, (String, Option<String>)>,
    full: bool,
) -> Json {
    let Some(id) = r.pod.as_deref() else {
        return row;
    };
    let (name, infra) = pods.get(id).cloned().unwrap_or_default();
    let shown: String = match full {
        true => id.to_string(),
        false => id.chars().take(12).collect(),
    };
    if let Some(o) = row.as_object_mut() {
        o.insert("Pod".into(), json!(shown));
        o.insert("PodName".into(), json!(name));
        o.insert(
            "IsInfra".into(),
            json!(infra.as_deref() == Some(r.id.as_str())),
        );
    }
    row
}
