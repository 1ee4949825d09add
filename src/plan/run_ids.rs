//! The user namespace's mapping of a run: the caller's subordinate ranges, or a single
//! mapping when there are none (with `--userns=keep-id`, the caller's own ids kept).

use serde::{Deserialize, Serialize};

use super::idmap::{self, IdMapping};
use super::request::{RunRequest, Userns};
use super::run::{Facts, PlanError};

/// How the user namespace is mapped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdPlan {
    pub uid: Vec<IdMapping>,
    pub gid: Vec<IdMapping>,
    /// Write through `newuidmap`/`newgidmap` (else directly, single mapping).
    pub helpers: bool,
    /// The one-line warning to print when falling back to a single mapping.
    pub warning: Option<String>,
}

/// The mapping of a container run with the default user namespace, which is also the one
/// the image store unpacks layers in.
pub fn default_ids(facts: &Facts) -> Result<IdPlan, PlanError> {
    id_plan(false, facts)
}

pub(super) fn id_plan(keep: bool, facts: &Facts) -> Result<IdPlan, PlanError> {
    let (keep_uid, keep_gid) = if keep { (facts.uid, facts.gid) } else { (0, 0) };
    let ranges = |text: &Option<String>, file: &str, id: u32| {
        let ranges = match text {
            Some(t) => idmap::parse_subid(t, &facts.user_name, id)
                .map_err(|e| format!("{file} {e}; fix it, or remove the line and run: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {}", facts.user_name))?,
            None => Vec::new(),
        };
        if idmap::overlaps_own_id(&ranges, id) {
            return Err(format!(
                "{file} gives {} a range that contains its own id {id}: choose a range that does not",
                facts.user_name
            ));
        }
        Ok(ranges)
    };
    let uids = ranges(&facts.subuid, "/etc/subuid", facts.uid)?;
    let gids = ranges(&facts.subgid, "/etc/subgid", facts.gid)?;
    let single = |why: String| IdPlan {
        uid: idmap::single_map(facts.uid, keep_uid),
        gid: idmap::single_map(facts.gid, keep_gid),
        helpers: false,
        warning: Some(format!(
            "{why}: using a single mapping (only your own uid inside), which may break some images"
        )),
    };
    if uids.is_empty() || gids.is_empty() {
        return Ok(single(format!(
            "no /etc/subuid and /etc/subgid ranges for {} (fix: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {})",
            facts.user_name, facts.user_name
        )));
    }
    if !facts.helpers {
        return Ok(single(
            "newuidmap/newgidmap not found (fix: apt-get install uidmap)".to_string(),
        ));
    }
    Ok(IdPlan {
        uid: idmap::build_map(facts.uid, keep_uid, &uids),
        gid: idmap::build_map(facts.gid, keep_gid, &gids),
        helpers: true,
        warning: None,
    })
}

/// The container's id maps: the default or keep-id ones, those of `--uidmap`/`--userns=auto|
/// nomap`, or those of the container whose namespaces it joins.
pub fn container_ids(req: &RunRequest, facts: &Facts) -> Result<IdPlan, PlanError> {
    let ids = id_plan(req.userns == Userns::KeepId, facts)?;
    let (taken_uids, taken_gids) = &facts.plumbing.auto_taken;
    let ids = super::userns::ids(req, &ids, taken_uids, taken_gids)?.unwrap_or(ids);
    // Joining another container's namespaces: its user namespace, so its maps.
    match &facts.plumbing.joined {
        Some(_) if req.userns != Userns::Default || !req.host.uidmap.is_empty() => Err(
            "--ipc, --pid or --network container:NAME shares that container's user namespace: leave out --userns and --uidmap".into(),
        ),
        Some(j) => Ok(j.ids.clone()),
        None => Ok(ids),
    }
}

/// The maps leave the caller's own uid `uid` out but map root: the container side becomes
/// root of its namespace (`--userns=auto|nomap`, a `--uidmap` not from 0).
pub fn unmapped_caller(ids: &IdPlan, uid: u32) -> bool {
    !ids.uid.iter().any(|m| m.outside == uid)
        && idmap::is_mapped(&ids.uid, 0)
        && idmap::is_mapped(&ids.gid, 0)
}
