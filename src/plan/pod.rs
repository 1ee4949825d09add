//! Pods, decided: what `pod create` records (`PodRecord`), which namespaces a pod shares
//! (`--share`), what a member joins and what it may not ask for (podman's messages), the
//! pod's status from its containers', and `pod ps --filter`. Plain data and pure functions;
//! `host::pod` keeps the records, `app::pod` tells the story.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::plan::record::ContainerStatus;
use crate::plan::run::PlanError;

/// What nook keeps of a pod (`pod.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodRecord {
    pub id: String,
    pub name: String,
    /// Seconds since the epoch.
    pub created: u64,
    /// The infra container's ID (none with `--infra=false`).
    pub infra_id: Option<String>,
    /// The namespaces its members share, podman's names in podman's order.
    pub share: Vec<String>,
    /// The pod's host name (its name unless `--hostname`).
    pub hostname: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// `--network` as given to the infra container.
    #[serde(default)]
    pub network: Vec<String>,
    /// `-p` as given to the infra container.
    #[serde(default)]
    pub publish: Vec<String>,
    /// `--exit-policy stop`: the pod stops (its infra container) when its last member ends.
    #[serde(default)]
    pub exit_stop: bool,
}

/// `--exit-policy`: continue (the default) or stop; true for stop.
pub fn exit_policy(value: Option<&str>) -> Result<bool, PlanError> {
    match value {
        None | Some("continue") => Ok(false),
        Some("stop") => Ok(true),
        Some(v) => Err(format!(
            "running pod create option: invalid pod exit policy: {v:?}: use continue or stop"
        )),
    }
}

/// The namespaces a pod can share, in the order podman lists them.
const KINDS: [&str; 5] = ["cgroup", "ipc", "net", "pid", "uts"];
/// podman's default `--share`.
const DEFAULT: [&str; 3] = ["ipc", "net", "uts"];

/// `--share`: the namespaces the members share (through the infra container). `+KIND,...`
/// adds to the default (ipc,net,uts); `none` or "" shares none. Without an infra container
/// nothing can be shared.
pub fn share(spec: Option<&str>, infra: bool) -> Result<Vec<String>, PlanError> {
    let (mut kinds, list): (Vec<&str>, &str) = match spec {
        None if !infra => return Ok(Vec::new()),
        None => (DEFAULT.to_vec(), ""),
        Some(s) => match s.strip_prefix('+') {
            Some(rest) => (DEFAULT.to_vec(), rest),
            None => (Vec::new(), s),
        },
    };
    for k in list.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        match k {
            "none" => kinds.clear(),
            // The user namespace is always the infra's: the others belong to it.
            "user" => {}
            "cgroup" => {
                return Err("--share cgroup: nook gives each container a cgroup namespace of its own: leave cgroup out".into());
            }
            k if KINDS.contains(&k) => kinds.push(k),
            k => {
                return Err(format!(
                    "invalid kernel namespace to share: {k}. Options are: cgroup, ipc, net, pid, uts or none"
                ));
            }
        }
    }
    if !infra && !kinds.is_empty() {
        return Err("--share needs an infra container to hold the namespaces: drop --infra=false or --share".into());
    }
    let mut out: Vec<String> = KINDS
        .iter()
        .filter(|k| kinds.contains(k))
        .map(|k| k.to_string())
        .collect();
    out.dedup();
    Ok(out)
}

/// `--pod` as given: an existing pod, or `new:NAME` (made first, as podman does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodRef {
    Existing(String),
    New(String),
}

pub fn pod_ref(value: &str) -> Result<PodRef, PlanError> {
    match value.strip_prefix("new:") {
        _ if value.is_empty() || value == "new:" => {
            Err("--pod names no pod: give --pod NAME or --pod new:NAME".into())
        }
        Some(name) => Ok(PodRef::New(name.to_string())),
        None => Ok(PodRef::Existing(value.to_string())),
    }
}

/// What a member asked for that the pod may decide instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberAsks {
    pub publish: bool,
    pub network: bool,
    pub hostname: bool,
    pub ipc: bool,
    pub pid: bool,
    pub uts: bool,
}

/// The namespaces of the infra container a member joins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Joins {
    pub net: bool,
    pub ipc: bool,
    pub uts: bool,
    pub pid: bool,
}

/// What a member of `pod` joins; podman's refusals of what the pod decides.
pub fn member(pod: &PodRecord, asks: &MemberAsks) -> Result<Joins, PlanError> {
    let has = |k: &str| pod.infra_id.is_some() && pod.share.iter().any(|s| s == k);
    let j = Joins {
        net: has("net"),
        ipc: has("ipc"),
        uts: has("uts"),
        pid: has("pid"),
    };
    if j.net && asks.publish {
        return Err("invalid config provided: published or exposed ports must be defined when the pod is created: network cannot be configured when it is shared with a pod".into());
    }
    if j.net && asks.network {
        return Err("invalid config provided: networks must be defined when the pod is created: network cannot be configured when it is shared with a pod".into());
    }
    if j.uts && asks.hostname {
        return Err("invalid config provided: cannot set hostname when joining the pod UTS namespace: invalid configuration".into());
    }
    for (flag, asked, shared) in [
        ("--ipc", asks.ipc, j.ipc),
        ("--pid", asks.pid, j.pid),
        ("--uts", asks.uts, j.uts),
    ] {
        if asked && shared {
            return Err(format!(
                "{flag} cannot be used with --pod {}: the pod shares that namespace; leave {flag} out",
                pod.name
            ));
        }
    }
    Ok(j)
}

/// The infra container's name: `--infra-name`, else podman's `ID12-infra`.
pub fn infra_name(id: &str, given: Option<&str>) -> String {
    match given {
        Some(n) => n.to_string(),
        None => format!("{}-infra", &id[..12.min(id.len())]),
    }
}

/// A pod's status from its containers' (the infra's among them), as podman words it.
pub fn status(containers: &[ContainerStatus]) -> &'static str {
    let all = |s: ContainerStatus| containers.iter().all(|c| *c == s);
    match containers {
        [] => "Created",
        _ if all(ContainerStatus::Created) => "Created",
        _ if all(ContainerStatus::Running) => "Running",
        _ if all(ContainerStatus::Paused) => "Paused",
        _ if containers
            .iter()
            .all(|c| matches!(c, ContainerStatus::Exited | ContainerStatus::Created)) =>
        {
            "Exited"
        }
        _ => "Degraded",
    }
}

/// `pod ps --filter KEY=VALUE` (repeated: all must hold): name= (a substring or regular
/// expression, as podman), id= (a prefix), status= (lower case), label=KEY[=VALUE].
pub fn matches(pod: &PodRecord, status: &str, filters: &[String]) -> Result<bool, PlanError> {
    for f in filters {
        let Some((key, value)) = f.split_once('=') else {
            return Err(format!(
                "invalid --filter {f:?}: give KEY=VALUE (name, id, status, label)"
            ));
        };
        let ok = match key {
            "name" => regex_lite::Regex::new(value)
                .map_err(|e| format!("invalid --filter {f:?}: {e}"))?
                .is_match(&pod.name),
            "id" => pod.id.starts_with(value),
            "status" => status.eq_ignore_ascii_case(value),
            "label" => match value.split_once('=') {
                Some((k, v)) => pod.labels.get(k).is_some_and(|x| x == v),
                None => pod.labels.contains_key(value),
            },
            _ => {
                return Err(format!(
                    "invalid --filter {f:?}: nook filters pods by name, id, status and label"
                ));
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_as_podman() {
        assert_eq!(share(None, true).unwrap(), ["ipc", "net", "uts"]);
        assert_eq!(share(None, false).unwrap(), Vec::<String>::new());
        assert_eq!(share(Some("net"), true).unwrap(), ["net"]);
        assert_eq!(
            share(Some("+pid"), true).unwrap(),
            ["ipc", "net", "pid", "uts"]
        );
        assert_eq!(share(Some("uts,net,user"), true).unwrap(), ["net", "uts"]);
        assert_eq!(share(Some("none"), true).unwrap(), Vec::<String>::new());
        assert_eq!(share(Some(""), false).unwrap(), Vec::<String>::new());
        assert!(share(Some("cgroup"), true).is_err());
        assert_eq!(
            share(Some("mnt"), true).unwrap_err(),
            "invalid kernel namespace to share: mnt. Options are: cgroup, ipc, net, pid, uts or none"
        );
        assert!(share(Some("net"), false).is_err());
    }

    #[test]
    fn exit_policies() {
        assert_eq!(exit_policy(None), Ok(false));
        assert_eq!(exit_policy(Some("stop")), Ok(true));
        assert!(
            exit_policy(Some("invalid"))
                .unwrap_err()
                .contains("invalid pod exit policy: \"invalid\"")
        );
    }

    #[test]
    fn pod_refs() {
        assert_eq!(pod_ref("p"), Ok(PodRef::Existing("p".into())));
        assert_eq!(pod_ref("new:p"), Ok(PodRef::New("p".into())));
        assert!(pod_ref("new:").is_err());
        assert!(pod_ref("").is_err());
    }

    fn pod(share: &[&str], infra: bool) -> PodRecord {
        PodRecord {
            id: "a".repeat(64),
            name: "p".into(),
            infra_id: infra.then(|| "b".repeat(64)),
            share: share.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn members_join_what_the_pod_shares() {
        let p = pod(&["ipc", "net", "uts"], true);
        let j = member(&p, &MemberAsks::default()).unwrap();
        assert!(j.net && j.ipc && j.uts && !j.pid);
        let publish = MemberAsks {
            publish: true,
            ..Default::default()
        };
        let e = member(&p, &publish).unwrap_err();
        assert!(e.contains("published or exposed ports must be defined when the pod is created"));
        let hostname = MemberAsks {
            hostname: true,
            ..Default::default()
        };
        assert!(member(&p, &hostname).is_err());
        // Nothing shared: the member decides.
        let none = pod(&[], false);
        assert_eq!(member(&none, &publish), Ok(Joins::default()));
        assert!(member(&pod(&["ipc"], true), &publish).unwrap().ipc);
    }

    #[test]
    fn status_as_podman() {
        use ContainerStatus::*;
        assert_eq!(status(&[]), "Created");
        assert_eq!(status(&[Created, Created]), "Created");
        assert_eq!(status(&[Running, Running]), "Running");
        assert_eq!(status(&[Running, Exited]), "Degraded");
        assert_eq!(status(&[Exited, Created]), "Exited");
        assert_eq!(
            infra_name(&"c".repeat(64), None),
            format!("{}-infra", "c".repeat(12))
        );
        assert_eq!(infra_name("x", Some("i")), "i");
    }

    #[test]
    fn filters() {
        let mut p = pod(&[], false);
        p.name = "web-pod".into();
        p.labels.insert("a".into(), "1".into());
        let f = |v: &[&str]| {
            let v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            matches(&p, "Running", &v)
        };
        assert_eq!(f(&["name=web"]), Ok(true));
        assert_eq!(f(&["name=^db"]), Ok(false));
        assert_eq!(f(&["status=running", "label=a=1", "id=aa"]), Ok(true));
        assert_eq!(f(&["label=b"]), Ok(false));
        assert!(f(&["bogus=1"]).is_err());
        assert!(f(&["name"]).is_err());
    }
}
