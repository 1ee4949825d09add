//! The user namespace's mapping of a run: the caller's subordinate ranges, or a single
//! mapping when there are none (with `--userns=keep-id`, the caller's own ids kept).

use serde::{Deserialize, Serialize};

use super::idmap::{self, IdMapping};
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
