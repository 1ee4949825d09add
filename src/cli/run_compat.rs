//! `nook run`'s flags that exist for podman's scripts: `--systemd`, `--oom-score-adj`,
//! `--kernel-memory`, `--device-cgroup-rule`.

use clap::Args;

use crate::plan::compat::SystemdMode;

#[derive(Debug, Default, Args)]
pub struct CompatArgs {
    /// Systemd mode (tmpfs on /run and /tmp): true (when the command is /sbin/init or
    /// systemd), false, or always
    #[arg(
        long,
        value_name = "true|false|always",
        default_value = "true",
        value_parser = SystemdMode::parse,
        help_heading = "Podman compatibility"
    )]
    pub systemd: SystemdMode,

    /// The container's OOM killer score adjustment (-1000 to 1000); below your own it is
    /// raised to yours, with a warning (default: containers.conf's oom_score_adj)
    #[arg(
        long,
        value_name = "N",
        allow_hyphen_values = true,
        help_heading = "Podman compatibility"
    )]
    pub oom_score_adj: Option<i32>,

    /// Ignored with a warning, as podman does (cgroup v2 has no kernel memory limit)
    #[arg(long, value_name = "SIZE", help_heading = "Podman compatibility")]
    pub kernel_memory: Option<String>,

    /// Accepted for podman's scripts: nook prints no pull progress where it is not asked for
    #[arg(long, short = 'q', help_heading = "Podman compatibility")]
    pub quiet: bool,

    /// Refused, as rootless podman does: device cgroup rules need root
    #[arg(long, value_name = "RULE", help_heading = "Podman compatibility")]
    pub device_cgroup_rule: Vec<String>,
}
