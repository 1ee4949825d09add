//! `--ipc container:NAME`, `--pid container:NAME`, `--uts container:NAME` (its host name; a
//! pod's members join their infra container so) and `--network container:NAME`: the new
//! container joins the user namespace of a running one (the two must share it, or the kernel
//! refuses the joins) and its IPC namespace (System V IPC; /dev/mqueue, mounted fresh, shows
//! its queues; PID 1 also clones its /dev/shm out of its mount namespace, which a bind cannot
//! reach), its PID namespace or its network namespace (then, as podman, it also shares that
//! container's /etc/hosts and /etc/resolv.conf, bind-mounted from its state directory).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::plan::request::HostRequest;
use crate::plan::run::{IdPlan, PlanError};

/// The running container to join, as the host side found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// Its PID 1, a pid of the host's namespace.
    pub pid: i32,
    /// Its maps: the user namespace both share.
    pub ids: IdPlan,
    /// Its state directory (its hosts and resolv.conf files).
    pub dir: PathBuf,
    /// Its host name (the joiner's, when it joins the UTS namespace).
    pub hostname: String,
    /// Its `/etc/hosts` (a pod member's starts from its infra container's).
    pub hosts: String,
}

/// What the container side joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Join {
    /// PID 1 of the other container (host pid): its namespaces are /proc/PID/ns/*.
    pub pid: i32,
    pub ipc: bool,
    pub pid_ns: bool,
    /// `--network container:NAME`.
    #[serde(default)]
    pub net: bool,
    /// `--uts container:NAME`.
    #[serde(default)]
    pub uts: bool,
}

fn name_in(v: &Option<String>) -> Option<&str> {
    v.as_deref().and_then(|v| v.strip_prefix("container:"))
}

/// The container named by `--ipc container:NAME`, `--pid container:NAME`, `--uts
/// container:NAME` and `--network container:NAME` (`net`): one for all.
pub fn target(req: &HostRequest, net: Option<&str>) -> Result<Option<String>, PlanError> {
    let named = [
        ("--ipc", name_in(&req.ipc)),
        ("--pid", name_in(&req.pid)),
        ("--uts", name_in(&req.uts)),
        ("--network", net),
    ];
    let mut first: Option<(&str, &str)> = None;
    for (flag, name) in named {
        match (name, first) {
            (None, _) => {}
            (Some(""), _) => {
                return Err(format!(
                    "{flag} container: names no container: give container:NAME"
                ));
            }
            (Some(n), None) => first = Some((flag, n)),
            (Some(n), Some((f, a))) if n != a => {
                return Err(format!(
                    "{f} container:{a} and {flag} container:{n} name two containers: join one (the namespaces of both belong to its user namespace)"
                ));
            }
            (Some(_), Some(_)) => {}
        }
    }
    Ok(first.map(|(_, n)| n.to_string()))
}

/// Add the join of `--network container:NAME` (`net`) to the joins of `--ipc`/`--pid`.
pub fn with_net(
    join: Option<Join>,
    net: Option<&str>,
    joined: Option<&Joined>,
) -> Result<Option<Join>, PlanError> {
    let Some(name) = net else {
        return Ok(join);
    };
    let Some(j) = joined else {
        return Err(format!(
            "internal error: container {name} to join was not looked up"
        ));
    };
    let mut join = join.unwrap_or(Join {
        pid: j.pid,
        ipc: false,
        pid_ns: false,
        net: false,
        uts: false,
    });
    join.net = true;
    Ok(Some(join))
}

/// The joins of the request, given the container the host side found.
pub fn plan(req: &HostRequest, joined: Option<&Joined>) -> Result<Option<Join>, PlanError> {
    let Some(name) = target(req, None)? else {
        return Ok(None);
    };
    let Some(j) = joined else {
        return Err(format!(
            "internal error: container {name} to join was not looked up"
        ));
    };
    Ok(Some(Join {
        pid: j.pid,
        ipc: name_in(&req.ipc).is_some(),
        pid_ns: name_in(&req.pid).is_some(),
        net: false,
        uts: name_in(&req.uts).is_some(),
    }))
}

/// The container's host name: the host's with `--uts host`, the joined container's with
/// `--uts container:NAME` (a pod's), else `--hostname`, else the ID's first 12 digits.
pub fn hostname(
    given: Option<&str>,
    p: &super::Plumbing,
    facts: &crate::plan::run::Facts,
) -> Result<String, PlanError> {
    let joined = facts
        .plumbing
        .joined
        .as_ref()
        .filter(|_| p.join.is_some_and(|j| j.uts));
    let hostname = match (given, p.share_uts, joined) {
        (_, true, _) => facts.plumbing.host_name.clone(),
        (_, false, Some(j)) => j.hostname.clone(),
        (Some(h), false, None) => h.to_string(),
        (None, false, None) => facts.id[..12].to_string(),
    };
    if hostname.is_empty() || hostname.len() > 64 || hostname.contains(['/', ' ', '\0']) {
        return Err(format!(
            "invalid --hostname {hostname:?}: use at most 64 characters, no spaces or slashes"
        ));
    }
    Ok(hostname)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_container_for_both() {
        let mut r = HostRequest {
            ipc: Some("container:db".into()),
            ..Default::default()
        };
        assert_eq!(target(&r, None).unwrap().as_deref(), Some("db"));
        assert_eq!(target(&r, Some("db")).unwrap().as_deref(), Some("db"));
        assert!(target(&r, Some("web")).is_err());
        r.pid = Some("container:web".into());
        assert!(target(&r, None).is_err());
        r.pid = Some("container:db".into());
        let ids = IdPlan {
            uid: vec![],
            gid: vec![],
            helpers: true,
            warning: None,
        };
        let joined = Joined {
            pid: 42,
            ids,
            dir: "/run/c/db".into(),
            hostname: "db".into(),
            hosts: String::new(),
        };
        let j = plan(&r, Some(&joined)).unwrap().unwrap();
        assert!(j.ipc && j.pid_ns && j.pid == 42 && !j.net && !j.uts);
        let uts = HostRequest {
            uts: Some("container:db".into()),
            ..Default::default()
        };
        assert!(plan(&uts, Some(&joined)).unwrap().unwrap().uts);
        assert!(target(&uts, Some("web")).is_err());
        assert!(plan(&r, None).is_err());
        assert_eq!(plan(&HostRequest::default(), None), Ok(None));
        // --network container:db alone, and with the others.
        let n = with_net(None, Some("db"), Some(&joined)).unwrap().unwrap();
        assert!(n.net && !n.ipc && !n.pid_ns && n.pid == 42);
        let both = with_net(Some(j), Some("db"), Some(&joined))
            .unwrap()
            .unwrap();
        assert!(both.net && both.ipc && both.pid_ns);
        assert_eq!(with_net(Some(j), None, None), Ok(Some(j)));
        assert!(with_net(None, Some("db"), None).is_err());
    }
}
