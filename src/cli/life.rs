//! The commands of a container's life after `run`: create's and run's lifecycle flags, start,
//! stop, restart, kill, wait, rm, rename, logs, pause, unpause and attach.

use std::path::PathBuf;

use clap::Args;

/// `nook run`'s and `nook create`'s flags about the container's life.
#[derive(Debug, Clone, Default, Args)]
pub struct LifeArgs {
    /// Run in the background and print the container's ID
    #[arg(long, short = 'd')]
    pub detach: bool,
    /// Restart policy: no, on-failure[:N], always or unless-stopped
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Set a label on the container
    #[arg(long, short = 'l', value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Set an annotation on the container
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// The signal `nook stop` sends first (default: the image's StopSignal, else SIGTERM)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds `nook stop` waits before it kills the container (default 10)
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Where the container's output goes: k8s-file (default), journald, none or passthrough
    #[arg(long, value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Log driver options: max-size=SIZE rotates the log file at that size
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Replace a container of the same name (it is removed first, even running)
    #[arg(long)]
    pub replace: bool,
    /// Write the container's ID to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// Names or IDs of containers to start
    #[arg(required = true)]
    pub containers: Vec<String>,
    /// Attach to the container's output and wait for it to end
    #[arg(long, short = 'a')]
    pub attach: bool,
    /// Keep standard input open (with -a)
    #[arg(long, short = 'i')]
    pub interactive: bool,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    /// Names or IDs of containers
    #[arg(required_unless_present = "all")]
    pub containers: Vec<String>,
    /// All running containers
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Do not fail when a container does not exist
    #[arg(long, short = 'i')]
    pub ignore: bool,
    /// Seconds to wait before killing the container (default: its --stop-timeout, else 10)
    #[arg(long, short = 't', value_name = "SECONDS")]
    pub time: Option<u64>,
}

#[derive(Debug, Args)]
pub struct KillArgs {
    /// Names or IDs of containers
    #[arg(required_unless_present = "all")]
    pub containers: Vec<String>,
    /// All running containers
    #[arg(long, short = 'a')]
    pub all: bool,
    /// The signal to send
    #[arg(long, short = 's', value_name = "SIGNAL", default_value = "KILL")]
    pub signal: String,
}

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Names or IDs of containers
    #[arg(required = true)]
    pub containers: Vec<String>,
    /// Do not fail when a container does not exist
    #[arg(long, short = 'i')]
    pub ignore: bool,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Names or IDs of containers to remove
    #[arg(required_unless_present = "all")]
    pub containers: Vec<String>,
    /// Remove all containers (with -f, running ones too)
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Stop and remove running containers too; a missing container is no error
    #[arg(long, short = 'f')]
    pub force: bool,
    /// Do not fail when a container does not exist
    #[arg(long, short = 'i')]
    pub ignore: bool,
    /// Seconds to wait for a running container to stop before it is killed (with -f)
    #[arg(long, short = 't', value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Remove the container's anonymous volumes (`-v /path`) with it
    #[arg(long, short = 'v')]
    pub volumes: bool,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    /// Name or ID of the container
    pub container: String,
    /// Its new name
    pub name: String,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Names or IDs of containers
    #[arg(required = true)]
    pub containers: Vec<String>,
    /// Follow the output as it comes, until the container ends
    #[arg(long, short = 'f')]
    pub follow: bool,
    /// Show only the last N lines
    #[arg(long, value_name = "N")]
    pub tail: Option<i64>,
    /// Show only what was written since TIME (RFC 3339, Unix seconds, or a duration as 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Show only what was written before TIME
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Show each line's time
    #[arg(long, short = 't')]
    pub timestamps: bool,
    /// Show each line's container name
    #[arg(long, short = 'n')]
    pub names: bool,
}

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// Names or IDs of containers
    #[arg(required_unless_present = "all")]
    pub containers: Vec<String>,
    /// All running containers
    #[arg(long, short = 'a')]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct AttachArgs {
    /// Name or ID of the container
    pub container: String,
    /// Do not send standard input
    #[arg(long)]
    pub no_stdin: bool,
}
