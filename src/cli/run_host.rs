//! `nook run`'s host plumbing flags: devices and GPUs (CDI), groups, shared memory, the
//! namespaces shared with the host, sysctls, limits, the environment and the time zone.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Default, Args)]
pub struct HostArgs {
    /// Add a host device: HOST[:CONTAINER][:PERMS] (a bind of the host node, as rootless
    /// podman does: the host's permissions of the node apply, PERMS of r, w, m cannot narrow
    /// them), a directory of devices, or a CDI device VENDOR/CLASS=NAME (NAME=all for every
    /// one) from the specs in /etc/cdi and /var/run/cdi
    #[arg(long, value_name = "DEVICE", help_heading = "Devices and host")]
    pub device: Vec<String>,

    /// GPUs to add through NVIDIA's CDI spec: all, or a comma-separated list of indexes or
    /// names (nvidia.com/gpu=...); the spec comes from `nvidia-ctk cdi generate`
    #[arg(long, value_name = "all|LIST", help_heading = "Devices and host")]
    pub gpus: Option<String>,

    /// Directory of CDI specs, instead of /etc/cdi and /var/run/cdi (repeatable; also
    /// NOOK_CDI_SPEC_DIRS, colon-separated)
    #[arg(long, value_name = "DIR", help_heading = "Devices and host")]
    pub cdi_spec_dir: Vec<PathBuf>,

    /// Add a supplementary group (a name from the container's /etc/group, or a number);
    /// keep-groups keeps your own supplementary groups (they show as nogroup inside)
    #[arg(
        long,
        value_name = "GROUP|keep-groups",
        help_heading = "Devices and host"
    )]
    pub group_add: Vec<String>,

    /// Size of /dev/shm, as in 256m or 1g (default 64m)
    #[arg(long, value_name = "SIZE", help_heading = "Devices and host")]
    pub shm_size: Option<String>,

    /// IPC namespace: private or shareable (the default: one of its own), host (the host's
    /// System V IPC and its /dev/shm) or container:NAME (a running container's System V IPC,
    /// message queues and /dev/shm; the two then share its user namespace)
    #[arg(long, value_name = "MODE", help_heading = "Devices and host")]
    pub ipc: Option<String>,

    /// PID namespace: private (the default), host (the host's processes, its /proc) or
    /// container:NAME (a running container's processes)
    #[arg(long, value_name = "MODE", help_heading = "Devices and host")]
    pub pid: Option<String>,

    /// UTS namespace: private (the default) or host (the host's name)
    #[arg(long, value_name = "MODE", help_heading = "Devices and host")]
    pub uts: Option<String>,

    /// Set a namespaced kernel parameter: NAME=VALUE (net.*, kernel.msg*, kernel.sem,
    /// kernel.shm*, fs.mqueue.*)
    #[arg(long, value_name = "NAME=VALUE", help_heading = "Devices and host")]
    pub sysctl: Vec<String>,

    /// Resource limit: NAME=SOFT[:HARD] (nofile, nproc, core, memlock, stack, ...; -1 for
    /// unlimited), or host to keep yours. By default nofile and nproc are raised to your
    /// hard limits
    #[arg(
        long,
        value_name = "NAME=SOFT[:HARD]",
        help_heading = "Devices and host"
    )]
    pub ulimit: Vec<String>,

    /// Pass your whole environment into the container (-e and --env-file still win)
    #[arg(long, help_heading = "Devices and host")]
    pub env_host: bool,

    /// Pass your proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy and their
    /// upper-case forms) into the container, under the image's Env, -e and --env-file; false
    /// passes none
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        default_value = "true",
        default_missing_value = "true",
        action = clap::ArgAction::Set,
        help_heading = "Devices and host"
    )]
    pub http_proxy: bool,

    /// Time zone of the container: local (the host's) or a zone such as Europe/Berlin
    #[arg(
        long,
        alias = "timezone",
        value_name = "ZONE",
        help_heading = "Devices and host"
    )]
    pub tz: Option<String>,

    /// Map container ids to ids of your user namespace range: CONTAINER:FROM:COUNT, where
    /// FROM 0 is you and 1 on are your subordinate ids (as in rootless podman)
    #[arg(
        long,
        value_name = "CONTAINER:FROM:COUNT",
        help_heading = "Devices and host"
    )]
    pub uidmap: Vec<String>,

    /// As --uidmap, for group ids (default: the same as --uidmap)
    #[arg(
        long,
        value_name = "CONTAINER:FROM:COUNT",
        help_heading = "Devices and host"
    )]
    pub gidmap: Vec<String>,
}
