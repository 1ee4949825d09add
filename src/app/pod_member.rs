//! A pod's members: `run --pod` joins the infra container's namespaces (`member`), a member
//! that starts again joins its infra's PID 1 of now (`rejoin`), a member that ends may stop
//! the pod (`--exit-policy stop`), and `rm` keeps a pod's infra container for `pod rm`.

use nix::unistd::getuid;

use crate::cli::RunArgs;
use crate::error::{Error, Result};
use crate::host::life as hostlife;
use crate::host::pod::Pods;
use crate::host::state::{ContainerRecord, Containers};
use crate::plan::pod::{self as plan, PodRecord, PodRef};
use crate::plan::request::RunRequest;

use super::pod::{Spec, make, members, no_such_pod};

/// `run --pod POD` and `create --pod POD`: the member's request joins what the pod shares
/// (its infra container started first when it is not running) and names the pod.
pub(crate) fn member(args: &RunArgs, mut req: RunRequest) -> Result<RunRequest> {
    let Some(value) = args.compat.pod.as_deref() else {
        return Ok(req);
    };
    let new_pod = value.starts_with("new:");
    let asks = plan::MemberAsks {
        publish: !args.publish.is_empty() || args.publish_all,
        network: !args.network.is_empty(),
        // With new:NAME, --hostname is the new pod's, as podman takes it.
        hostname: args.hostname.is_some() && !new_pod,
        ipc: args.host.ipc.is_some(),
        pid: args.host.pid.is_some(),
        uts: args.host.uts.is_some(),
    };
    let pods = Pods::open(getuid().as_raw())?;
    let pod = match plan::pod_ref(value).map_err(Error::Usage)? {
        PodRef::Existing(key) => pods
            .find(&key)
            .ok_or_else(|| Error::Usage(no_such_pod(&key)))?,
        PodRef::New(name) => {
            // Refused before the pod is made: nothing is left of a refused run.
            let new = PodRecord {
                name: name.clone(),
                infra_id: Some(String::new()),
                share: plan::share(None, true).map_err(Error::Usage)?,
                ..Default::default()
            };
            plan::member(&new, &asks).map_err(Error::Usage)?;
            make(&Spec {
                name: Some(name),
                infra: true,
                hostname: args.hostname.clone(),
                ..Default::default()
            })?
        }
    };
    let joins = plan::member(&pod, &asks).map_err(Error::Usage)?;
    req.pod = Some(pod.id.clone());
    if new_pod && joins.uts {
        req.hostname = None;
    }
    let Some(infra) = pod.infra_id.as_deref() else {
        return Ok(req);
    };
    if joins == plan::Joins::default() {
        return Ok(req);
    }
    let containers = Containers::open(getuid().as_raw())?;
    start_infra(&containers, infra)?;
    let target = Some(format!("container:{infra}"));
    if joins.net {
        req.network.mode = Some(crate::plan::network::Mode::Container(infra.to_string()));
    }
    if joins.ipc {
        req.host.ipc = target.clone();
    }
    if joins.pid {
        req.host.pid = target.clone();
    }
    if joins.uts {
        req.host.uts = target;
    }
    Ok(req)
}

/// `rm` of a pod's infra container while the pod exists: refused in podman's words when it
/// is named, skipped by `rm --all` (true: `pod rm` removes it).
pub(crate) fn infra_kept(r: &ContainerRecord, all: bool) -> Result<bool> {
    let Some(pod_id) = r.pod.as_deref() else {
        return Ok(false);
    };
    let pods = Pods::open(getuid().as_raw())?;
    match pods.find(pod_id) {
        Some(pod) if pod.infra_id.as_deref() == Some(r.id.as_str()) => match all {
            true => Ok(true),
            false => Err(Error::Usage(format!(
                "container {} is the infra container of pod {} and cannot be removed without removing the pod",
                r.id, pod.id
            ))),
        },
        _ => Ok(false),
    }
}

/// A pod member about to start: its pod's infra container started first, and the joins of
/// its plan pointed at the infra's PID 1 of now (the one recorded at create may be gone).
pub(crate) fn rejoin(containers: &Containers, dir: &std::path::Path) -> Result<()> {
    let Some(pod_id) = hostlife::record_of(dir).and_then(|r| r.pod) else {
        return Ok(());
    };
    let pods = Pods::open(getuid().as_raw())?;
    let Some(infra) = pods.find(&pod_id).and_then(|p| p.infra_id) else {
        return Ok(());
    };
    let joins = hostlife::plan_of(dir).and_then(|p| p.plumbing.join);
    if dir.ends_with(&infra) || joins.is_none() {
        return Ok(());
    }
    start_infra(containers, &infra)?;
    let pid = containers.live(&infra)?.pid.as_raw();
    containers.update_plan(dir, |plan| {
        if let Some(j) = plan.plumbing.join.as_mut() {
            j.pid = pid;
        }
        Ok(())
    })
}

/// A member of pod `pod_id` ended (its nook still holds it): with `--exit-policy stop`, the
/// pod stops (its infra container) when no other member runs. Not a member (`None`): nothing
/// to do, and nothing read.
pub(crate) fn member_ended(containers: &Containers, id: &str, pod_id: Option<&str>) {
    let Some(pod_id) = pod_id else {
        return;
    };
    let Some(pod) = Pods::open(getuid().as_raw())
        .ok()
        .and_then(|p| p.find(pod_id))
    else {
        return;
    };
    let infra = pod.infra_id.as_deref();
    if !pod.exit_stop || infra == Some(id) {
        return;
    }
    let list = members(containers, &pod);
    let others = list
        .iter()
        .any(|(_, r, running)| *running && r.id != id && Some(r.id.as_str()) != infra);
    if let Some((dir, r, true)) = list.iter().find(|(_, r, _)| Some(r.id.as_str()) == infra)
        && !others
    {
        let _ = super::life::stop_one(dir, r, Some(10));
    }
}

/// Start the infra container unless it runs (another member may be starting it meanwhile).
pub(super) fn start_infra(containers: &Containers, infra: &str) -> Result<()> {
    let Some((dir, _, running)) = containers.find(infra) else {
        return Err(Error::Usage(format!(
            "the pod's infra container {infra} is gone: remove the pod (nook pod rm -f) and create it again"
        )));
    };
    if running {
        return Ok(());
    }
    match super::monitor::start_detached(containers, infra, false) {
        Ok(()) => Ok(()),
        Err(_) if hostlife::is_running(&dir) => Ok(()),
        Err(e) => Err(e),
    }
}
