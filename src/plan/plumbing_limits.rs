//! `--ulimit` (and podman's default raise of nofile and nproc to the caller's hard limits)
//! and `--sysctl` (namespaced parameters only).

use super::{RLIMITS, Rlimit};
use crate::plan::run::PlanError;

/// The IPC namespace's parameters (besides fs.mqueue.*).
const IPC_SYSCTLS: [&str; 8] = [
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

/// `--sysctl NAME=VALUE`, each checked against the namespace it belongs to.
pub fn sysctls(
    specs: &[String],
    own_netns: bool,
    share_ipc: bool,
    share_uts: bool,
) -> Result<Vec<(String, String)>, PlanError> {
    let mut out = Vec::new();
    for s in specs {
        let Some((name, value)) = s.split_once('=') else {
            return Err(format!("invalid --sysctl {s:?}: use NAME=VALUE"));
        };
        let name = name.trim().replace('/', ".");
        let ok_chars = !name.is_empty()
            && !name.split('.').any(|p| p.is_empty() || p == "..")
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        if !ok_chars {
            return Err(format!("invalid --sysctl {s:?}: use NAME=VALUE"));
        }
        let refuse = |why: &str| Err(format!("--sysctl {name}: {why}"));
        if IPC_SYSCTLS.contains(&name.as_str()) || name.starts_with("fs.mqueue.") {
            if share_ipc {
                return refuse(
                    "the container uses the host's IPC namespace (--ipc host), which it cannot change",
                );
            }
        } else if name.starts_with("net.") {
            if !own_netns {
                return refuse(
                    "the container uses the host's network (--network host), which it cannot change",
                );
            }
        } else if name == "kernel.domainname" {
            if share_uts {
                return refuse(
                    "the container uses the host's UTS namespace (--uts host), which it cannot change",
                );
            }
        } else if name == "kernel.hostname" {
            return refuse("set the host name with --hostname");
        } else {
            return refuse(
                "not a namespaced parameter, so a container cannot set it: use net.*, kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.* or kernel.domainname",
            );
        }
        out.push((name, value.to_string()));
    }
    Ok(out)
}

fn value(s: &str) -> Option<u64> {
    match s {
        "-1" | "unlimited" => Some(u64::MAX),
        n => n.parse().ok(),
    }
}

fn show(v: u64) -> String {
    match v {
        u64::MAX => "unlimited".into(),
        n => n.to_string(),
    }
}

/// containers.conf's `default_ulimits` under the `--ulimit` flags: a flag replaces the
/// default of its name (`rlimits` keeps the last), `--ulimit host` replaces them all.
pub fn with_defaults(defaults: &[String], given: &[String]) -> Vec<String> {
    match given.iter().any(|g| g == "host") {
        true => given.to_vec(),
        false => defaults.iter().chain(given).cloned().collect(),
    }
}

/// `--ulimit NAME=SOFT[:HARD]` and `--ulimit host`, against the caller's own limits
/// (`current`: name, soft, hard): an unprivileged user may lower a hard limit, never raise
/// it. Without `host`, nofile and nproc not given are raised to the caller's hard limits.
pub fn rlimits(specs: &[String], current: &[(String, u64, u64)]) -> Result<Vec<Rlimit>, PlanError> {
    if specs.iter().any(|s| s == "host") {
        if specs.len() > 1 {
            return Err("--ulimit host keeps every limit of yours: give it alone".into());
        }
        return Ok(Vec::new());
    }
    let hard_of = |name: &str| current.iter().find(|c| c.0 == name).map(|c| c.2);
    let mut out: Vec<Rlimit> = Vec::new();
    for s in specs {
        let bad = || {
            format!(
                "invalid --ulimit {s:?}: use NAME=SOFT[:HARD] with NAME one of {} (-1: unlimited), or host",
                RLIMITS.join(", ")
            )
        };
        let (name, values) = s.split_once('=').ok_or_else(bad)?;
        if !RLIMITS.contains(&name) {
            return Err(bad());
        }
        let (soft, hard) = match values.split_once(':') {
            Some((a, b)) => (value(a).ok_or_else(bad)?, value(b).ok_or_else(bad)?),
            None => {
                let v = value(values).ok_or_else(bad)?;
                (v, v)
            }
        };
        if soft > hard {
            // podman's words, which its system tests compare.
            let podman = |v: u64| match v {
                u64::MAX => "-1 (unlimited)".to_string(),
                n => n.to_string(),
            };
            return Err(format!(
                "ulimit option {s:?} requires name=SOFT:HARD, failed to be parsed: ulimit soft limit must be less than or equal to hard limit: soft: {}, hard: {}",
                podman(soft),
                podman(hard)
            ));
        }
        if let Some(max) = hard_of(name)
            && hard > max
        {
            return Err(format!(
                "--ulimit {s}: the hard limit {} is above yours ({}), which only root can raise: use at most {}",
                show(hard),
                show(max),
                show(max)
            ));
        }
        out.retain(|r| r.name != name);
        out.push(Rlimit {
            name: name.into(),
            soft,
            hard,
        });
    }
    for name in ["nofile", "nproc"] {
        if let (false, Some(hard)) = (out.iter().any(|r| r.name == name), hard_of(name)) {
            out.push(Rlimit {
                name: name.into(),
                soft: hard,
                hard,
            });
        }
    }
    Ok(out)
}

/// The kernel's resource of a `--ulimit` name.
pub fn resource(name: &str) -> Option<nix::sys::resource::Resource> {
    use nix::sys::resource::Resource as R;
    Some(match name {
        "as" => R::RLIMIT_AS,
        "core" => R::RLIMIT_CORE,
        "cpu" => R::RLIMIT_CPU,
        "data" => R::RLIMIT_DATA,
        "fsize" => R::RLIMIT_FSIZE,
        "locks" => R::RLIMIT_LOCKS,
        "memlock" => R::RLIMIT_MEMLOCK,
        "msgqueue" => R::RLIMIT_MSGQUEUE,
        "nice" => R::RLIMIT_NICE,
        "nofile" => R::RLIMIT_NOFILE,
        "nproc" => R::RLIMIT_NPROC,
        "rss" => R::RLIMIT_RSS,
        "rtprio" => R::RLIMIT_RTPRIO,
        "rttime" => R::RLIMIT_RTTIME,
        "sigpending" => R::RLIMIT_SIGPENDING,
        "stack" => R::RLIMIT_STACK,
        _ => return None,
    })
}
