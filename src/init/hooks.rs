//! CDI hooks on the container side: createRuntime and createContainer in PID 1 before
//! pivot_root (the host's file system still visible, the root prepared at its host path),
//! startContainer after it, just before the command; each with the OCI state on stdin.

use std::collections::BTreeMap;

use crate::plan::RunPlan;
use crate::plan::cdi;
use crate::proto::InitError;

/// PID 1's pid in the host's PID namespace, read from the host's /proc before pivot_root.
pub fn host_pid() -> Option<i32> {
    std::fs::read_link("/proc/self")
        .ok()?
        .to_str()?
        .parse()
        .ok()
}

/// Run the hooks of `stage`, in order; the first that fails fails the run.
pub fn run_stage(
    plan: &RunPlan,
    stage: &str,
    status: &str,
    pid: Option<i32>,
) -> Result<(), InitError> {
    let mut hooks = plan.plumbing.hooks_at(stage).peekable();
    if hooks.peek().is_none() {
        return Ok(());
    }
    let state = cdi::state_json(&plan.id, status, pid, &plan.state_dir, &BTreeMap::new());
    for hook in hooks {
        crate::host::hooks::run(hook, &state).map_err(InitError::User)?;
    }
    Ok(())
}
