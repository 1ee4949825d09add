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
