//! What nook keeps of a container (`state.json`): the record `ps`, `inspect` and the
//! lifecycle's commands read, and the status as podman names it. Plain data; `host::state`
//! reads and writes it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// What `nook ps` and later commands know of a container.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    pub command: Vec<String>,
    pub rootfs: PathBuf,
    pub created: u64,
    pub remove: bool,
    /// The exit code, once the container has ended.
    pub exit_code: Option<u8>,
    /// Published ports, with the host ports chosen for `-P` and `-p CTRPORT`.
    #[serde(default)]
    pub ports: Vec<crate::plan::network::PortMapping>,
    /// The ID of the image it was made from (none for --rootfs).
    #[serde(default)]
    pub image: Option<String>,
    /// The named volumes it uses.
    #[serde(default)]
    pub volumes: Vec<String>,
    /// The image store its image is in (none for --rootfs): an image is in use only by
    /// containers of its own store.
    #[serde(default)]
    pub store: Option<PathBuf>,
    // The lifecycle's fields (issue 15). The monitor writes them; `ps`, `inspect` and the
    // other commands read them. Times are nanoseconds since the epoch.
    /// What the monitor last recorded; a reader whose container's lock is free treats a
    /// `Running`/`Paused`/`Stopping` record as exited (its monitor is gone).
    #[serde(default)]
    pub status: ContainerStatus,
    /// PID 1 of the container (a host pid) while it runs.
    #[serde(default)]
    pub pid: Option<i32>,
    #[serde(default)]
    pub started_ns: Option<u64>,
    #[serde(default)]
    pub finished_ns: Option<u64>,
    #[serde(default)]
    pub oom_killed: bool,
    /// Why it ended when its exit code does not say it ("killed by signal 9", "its monitor
    /// was killed", "the machine restarted").
    #[serde(default)]
    pub exit_reason: Option<String>,
    /// The image reference the user gave (`ImageName` in inspect).
    #[serde(default)]
    pub image_name: Option<String>,
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub annotations: std::collections::BTreeMap<String, String>,
    /// `--stop-signal` or the image's `StopSignal` (a name, "SIGTERM").
    #[serde(default)]
    pub stop_signal: Option<String>,
    /// Seconds between the stop signal and SIGKILL (`--stop-timeout`, default 10).
    #[serde(default)]
    pub stop_timeout: Option<u64>,
    /// `--restart` as given ("no", "on-failure:2", "always", "unless-stopped").
    #[serde(default)]
    pub restart_policy: Option<String>,
    #[serde(default)]
    pub restart_count: u32,
    /// "k8s-file", "none", "passthrough" or "journald".
    #[serde(default)]
    pub log_driver: Option<String>,
    /// The k8s-file log, when there is one.
    #[serde(default)]
    pub log_path: Option<PathBuf>,
    /// The ID of the pod it belongs to (`--pod`, or a pod's infra container).
    #[serde(default)]
    pub pod: Option<String>,
}

/// A container's state as podman names it (`State.Status` in inspect, lower case).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerStatus {
    /// Made by `nook create`, never started.
    Created,
    #[default]
    Running,
    Paused,
    Stopping,
    Exited,
}

/// Whether a container directory is left of a dead nook (removed by the next command): one
/// with no live nook behind it (`running` false) whose record is a `--rm` container's that
/// got past being created, or that has no record `age` (seconds) after it was made (a
/// record is written within moments of its directory, under its lock).
pub fn stale(record: Option<&ContainerRecord>, running: bool, age: impl FnOnce() -> u64) -> bool {
    match record {
        _ if running => false,
        Some(r) => r.remove && r.status != ContainerStatus::Created,
        None => age() > 60,
    }
}

/// What `rm` does when a container's lock is busy once it is stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusyRm {
    /// It is gone (its own `--rm`, or another `rm`): removed, as asked.
    Gone,
    /// Its own nook is removing it (`--rm`): wait for that nook, then look again.
    Wait,
    /// Something started it again meanwhile: refused.
    Refuse,
}

/// `rm`'s answer to a busy lock, from the record as it reads now (`None`: gone). A `--rm`
/// container's nook holds the lock while it removes it; podman's `rm -f` of a container
/// that removes itself succeeds.
pub fn busy_rm(record: Option<&ContainerRecord>) -> BusyRm {
    match record {
        None => BusyRm::Gone,
        Some(r) if r.remove => BusyRm::Wait,
        Some(_) => BusyRm::Refuse,
    }
}

/// What a `--rm` container's nook writes in its lock file as it ends: the exit code, for
/// the waiters holding that file open once the container is gone.
pub fn left_code_text(code: u8) -> String {
    format!("exit {code}\n")
}

/// The exit code `left_code_text` wrote, if the lock file holds one.
pub fn left_code(text: &str) -> Option<u8> {
    text.strip_prefix("exit ")?.trim_end().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_left_in_a_lock_file_reads_back() {
        for code in [0, 3, 137, 255] {
            assert_eq!(left_code(&left_code_text(code)), Some(code));
        }
        assert_eq!(left_code(""), None, "a lock file with nothing left");
        assert_eq!(left_code("exit 300\n"), None);
        assert_eq!(left_code("exit x"), None);
    }

    #[test]
    fn rm_waits_for_a_container_removing_itself_and_is_done_when_it_is_gone() {
        let rec = |remove| ContainerRecord {
            remove,
            status: ContainerStatus::Exited,
            ..Default::default()
        };
        assert_eq!(busy_rm(None), BusyRm::Gone);
        assert_eq!(busy_rm(Some(&rec(true))), BusyRm::Wait);
        assert_eq!(busy_rm(Some(&rec(false))), BusyRm::Refuse);
    }

    #[test]
    fn only_a_dead_rm_containers_record_or_an_old_empty_directory_is_stale() {
        let rec = |remove, status| ContainerRecord {
            remove,
            status,
            ..Default::default()
        };
        let never = || -> u64 { panic!("the age is read only without a record") };
        let exited_rm = rec(true, ContainerStatus::Exited);
        assert!(stale(Some(&exited_rm), false, never));
        assert!(!stale(Some(&exited_rm), true, never), "its nook lives");
        let created_rm = rec(true, ContainerStatus::Created);
        assert!(!stale(Some(&created_rm), false, never));
        let kept = rec(false, ContainerStatus::Exited);
        assert!(!stale(Some(&kept), false, never));
        assert!(!stale(None, false, || 10), "being created");
        assert!(stale(None, false, || 61));
        assert!(!stale(None, true, || 999));
    }
}
