//! `nook exec` on the host: the facts an exec needs (the caller's environment and terminal,
//! which namespaces differ from nook's, the container's seccomp program), and the container
//! side's start, placed in the container's cgroup where nook may put it there.

use std::collections::BTreeMap;
use std::path::Path;

use nix::unistd::Pid;

use crate::error::{Error, Result};
use crate::host::session::{Session, Spawned};
use crate::host::state::{self, Live};
use crate::plan::exec::ExecPlan;
use crate::plan::info::CgroupMode;
use crate::proto::{ToInit, errno_of};

/// What the host knows for one exec.
pub struct ExecFacts {
    pub host_env: BTreeMap<String, String>,
    /// Contents of each `--env-file`, in order.
    pub env_files: Vec<String>,
    /// Rows and columns of the caller's terminal, when it has one.
    pub tty_size: Option<(u16, u16)>,
}

pub fn facts(env_files: &[std::path::PathBuf], tty: bool) -> Result<ExecFacts> {
    let env_files = env_files
        .iter()
        .map(|p| {
            std::fs::read_to_string(p).map_err(|e| {
                Error::Usage(format!(
                    "cannot read --env-file {}: {}",
                    p.display(),
                    errno_of(&e).desc()
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ExecFacts {
        host_env: std::env::vars().collect(),
        env_files,
        tty_size: if tty {
            crate::host::facts::tty_size()
        } else {
            None
        },
    })
}

/// A process of the container whose namespaces nook may join and whose /proc files it may
/// read: PID 1, or with `--init` (nook's reaper, not dumpable: closed to its owner too) its
/// child, the command, which shares every namespace with it.
pub fn joinable(pid1: Pid) -> Pid {
    use crate::host::top::{pid_ns, stat_fields};
    if pid_ns(pid1.as_raw()).is_some() {
        return pid1;
    }
    let parent = pid1.as_raw().to_string();
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .find(|pid| {
            stat_fields(*pid).is_some_and(|(_, f)| f.get(1) == Some(&parent))
                && pid_ns(*pid).is_some()
        })
        .map(Pid::from_raw)
        .unwrap_or(pid1)
}

/// The compiled seccomp program of the container's command (from the cache, usually).
pub fn seccomp_program(live: &Live) -> Result<Option<Vec<u8>>> {
    match state::seccomp_filter(&live.dir)? {
        Some(filter) => crate::host::seccomp::program(&filter).map(Some),
        None => Ok(None),
    }
}

/// Move `pid` into the cgroup of the container's PID 1 when that is a cgroup v2 of its own
/// that nook may write (a systemd scope or nook's cgroupfs child); otherwise it stays in
/// nook's, as the container itself does when it has no cgroup of its own.
fn join_cgroup(container: Pid, pid: Pid) {
    use crate::host::cgroup;
    if cgroup::mode() != CgroupMode::Unified {
        return;
    }
    let (Some(theirs), Some(ours)) = (
        cgroup::cgroup_of(&container.to_string()),
        cgroup::cgroup_of("self"),
    ) else {
        return;
    };
    if theirs == ours {
        return;
    }
    let procs = Path::new("/sys/fs/cgroup")
        .join(theirs.trim_start_matches('/'))
        .join("cgroup.procs");
    // Refused when the common ancestor is not ours to write (a scope under the user's
    // manager, nook started from a login session): the process then stays in nook's cgroup.
    let _ = std::fs::write(procs, pid.to_string());
}

/// Start the container side on `plan`: joined, forked, and its steps to follow.
pub fn start(plan: &ExecPlan, seccomp: Option<Vec<u8>>) -> Result<Session> {
    let spawned = Spawned::new()?;
    join_cgroup(Pid::from_raw(plan.pid), spawned.pid());
    spawned.begin(&ToInit::Exec {
        plan: Box::new(plan.clone()),
        seccomp,
    })
}
