//! `nook exec`: the process to start in a running container, decided from the container's
//! recorded process and the exec's flags (environment, user, working directory, privileges).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::caps;
use super::process::{self, UserSpec};
use super::run::ProcessPlan;

/// The namespaces an exec can join, as `/proc/PID/ns/NAME` names them, with their clone flag.
pub const NAMESPACES: &[(&str, i32)] = &[
    ("user", libc::CLONE_NEWUSER),
    ("mnt", libc::CLONE_NEWNS),
    ("uts", libc::CLONE_NEWUTS),
    ("ipc", libc::CLONE_NEWIPC),
    ("net", libc::CLONE_NEWNET),
    ("pid", libc::CLONE_NEWPID),
    ("cgroup", libc::CLONE_NEWCGROUP),
];

/// What `nook exec` asks for, read from its command line.
#[derive(Debug, Clone, Default)]
pub struct ExecRequest {
    pub command: Vec<String>,
    pub env: Vec<String>,
    pub interactive: bool,
    pub tty: bool,
    pub detach: bool,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub privileged: bool,
}

/// Everything the container side needs to start the process in the container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecPlan {
    /// The container's PID 1, a pid of the host's namespace: its namespaces are joined.
    pub pid: i32,
    /// The clone flags of the namespaces to join (those that differ from nook's own).
    pub join: i32,
    pub process: ProcessPlan,
    /// Leave the process running and return at once (`-d`).
    pub detach: bool,
}

/// The clone flags of the namespaces to join: every namespace the container made for itself
/// (a container run with the host's network shares nook's, which is not joined: the kernel
/// would refuse a namespace of the host's). Decided from the plan rather than by comparing
/// /proc/PID/ns: PID 1 may be nook's reaper, whose /proc files are closed to its owner.
pub fn namespaces_to_join(own_netns: bool) -> i32 {
    NAMESPACES
        .iter()
        .filter(|(name, _)| own_netns || *name != "net")
        .fold(0, |flags, (_, flag)| flags | flag)
}

/// The exec's process: the container's command's settings, with the exec's command, the
/// container's environment followed by `--env-file` and `-e` (a bare NAME copies the host's
/// value), `-u` and `-w` when given, and every capability with `--privileged`.
pub fn process(
    container: &ProcessPlan,
    req: &ExecRequest,
    host_env: &BTreeMap<String, String>,
    env_files: &[String],
    tty_size: Option<(u16, u16)>,
) -> Result<ProcessPlan, String> {
    if req.command.is_empty() {
        // podman's words (its 075-exec checks them), then the usage.
        return Err(
            "must provide a non-empty command to start an exec session: \
             nook exec CONTAINER COMMAND [ARG...]"
                .into(),
        );
    }
    let pairs: Vec<(String, String)> = container
        .env
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let defaults: Vec<(&str, String)> =
        pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let mut entries: Vec<String> = env_files
        .iter()
        .flat_map(|text| process::parse_env_file(text))
        .collect();
    entries.extend(req.env.iter().cloned());
    let tty = req.tty && !req.detach;
    let mut env = process::environment(host_env, &defaults, &entries);
    if tty && process::env_value(&env, "TERM").is_none() {
        env.push("TERM=xterm".into());
    }
    let user = match &req.user {
        Some(spec) => UserSpec::parse(spec)?,
        None => container.user.clone(),
    };
    let cwd = match &req.workdir {
        Some(dir) if !dir.starts_with('/') => {
            return Err(format!(
                "invalid --workdir {dir:?}: give an absolute path in the container"
            ));
        }
        Some(dir) => dir.clone(),
        None => container.cwd.clone(),
    };
    Ok(ProcessPlan {
        argv: req.command.clone(),
        entrypoint: Vec::new(),
        env,
        cwd,
        // An exec's working directory must exist; no -v ...:U to apply again.
        create_cwd: false,
        chown: Vec::new(),
        user,
        caps: match req.privileged {
            true => caps::all(),
            false => container.caps,
        },
        no_new_privs: container.no_new_privs,
        tty,
        interactive: req.interactive && !req.detach,
        init: false,
        pause: false,
        setgroups: container.setgroups,
        tty_size: if tty { tty_size } else { None },
        seccomp: container.seccomp.clone(),
        // As crun does: an exec gets the container's umask.
        umask: container.umask,
        preserve_fds: 0,
    })
}

#[cfg(test)]
#[path = "exec_tests.rs"]
mod tests;
