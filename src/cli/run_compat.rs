//! `nook run`'s flags that exist for podman's scripts: `--systemd`, `--oom-score-adj`,
//! `--kernel-memory`, `--device-cgroup-rule`, `--umask`,
//! `--preserve-fds`, `--timeout`.

use clap::Args;

use crate::plan::compat::SystemdMode;

#[derive(Debug, Default, Args)]
pub struct CompatArgs {
    /// Mount the volumes and binds of another container at the same places:
    /// CONTAINER[:ro|rw] (default: each as that container has it)
    #[arg(
        long,
        value_name = "CONTAINER[:ro|rw]",
        help_heading = "Podman compatibility"
    )]
    pub volumes_from: Vec<String>,

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

    /// The command's umask, in octal (default: 0022, as podman)
    #[arg(long, value_name = "MASK", help_heading = "Podman compatibility")]
    pub umask: Option<String>,

    /// Pass descriptors 3 to 3+N-1 of nook's own to the command (all must be open; not with
    /// --detach)
    #[arg(long, value_name = "N", help_heading = "Podman compatibility")]
    pub preserve_fds: Option<u32>,

    /// Attach only these streams (stdin, stdout, stderr; repeatable): what is left out goes
    /// to /dev/null, and without stdout the container's ID is printed, as podman
    #[arg(
        long,
        short = 'a',
        value_name = "STREAM",
        help_heading = "Podman compatibility"
    )]
    pub attach: Vec<String>,

    /// Stop the container (SIGKILL) after SECONDS: exit code 255, as podman
    #[arg(long, value_name = "SECONDS", help_heading = "Podman compatibility")]
    pub timeout: Option<u64>,

    /// Run in the pod POD (name or ID; new:NAME makes it first): join the namespaces its
    /// infra container holds (network, IPC, host name by default), which starts if it is not
    /// running; ports are the pod's (`nook pod create -p`)
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
}
