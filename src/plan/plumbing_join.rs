//! `--ipc container:NAME` and `--pid container:NAME`: the new container joins the user
//! namespace of a running one (the two must share it, or the kernel refuses the joins) and
//! its IPC namespace (System V IPC; /dev/mqueue, mounted fresh, shows its queues; PID 1 also
//! clones its /dev/shm out of its mount namespace, which a bind cannot reach) or its PID
//! namespace.

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
}

/// What the container side joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Join {
    /// PID 1 of the other container (host pid): its namespaces are /proc/PID/ns/*.
    pub pid: i32,
    pub ipc: bool,
    pub pid_ns: bool,
}

fn name_in(v: &Option<String>) -> Option<&str> {
    v.as_deref().and_then(|v| v.strip_prefix("container:"))
}

/// The container named by `--ipc container:NAME` and `--pid container:NAME` (one for both).
pub fn target(req: &HostRequest) -> Result<Option<String>, PlanError> {
    match (name_in(&req.ipc), name_in(&req.pid)) {
        (Some(""), _) | (_, Some("")) => {
            Err("--ipc or --pid container: names no container: give container:NAME".into())
        }
        (Some(a), Some(b)) if a != b => Err(format!(
            "--ipc container:{a} and --pid container:{b} name two containers: join one (the namespaces of both belong to its user namespace)"
        )),
        (a, b) => Ok(a.or(b).map(str::to_string)),
    }
}

/// The joins of the request, given the container the host side found.
pub fn plan(req: &HostRequest, joined: Option<&Joined>) -> Result<Option<Join>, PlanError> {
    let Some(name) = target(req)? else {
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
    }))
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
        assert_eq!(target(&r).unwrap().as_deref(), Some("db"));
        r.pid = Some("container:web".into());
        assert!(target(&r).is_err());
        r.pid = Some("container:db".into());
        let ids = IdPlan {
            uid: vec![],
            gid: vec![],
            helpers: true,
            warning: None,
        };
        let j = plan(&r, Some(&Joined { pid: 42, ids })).unwrap().unwrap();
        assert!(j.ipc && j.pid_ns && j.pid == 42);
        assert!(plan(&r, None).is_err());
        assert_eq!(plan(&HostRequest::default(), None), Ok(None));
    }
}
