//! What the user asked `nook run` for, as plain values: made from the command line in
//! `app/run.rs` (and, later, from OCI bundles and CDI specs), read by the facts gatherer and
//! the planner. Nothing below `app/` sees a clap type.

use std::net::IpAddr;
use std::path::PathBuf;

use super::cgroup::{CgroupsMode, LimitArgs, ManagerFlag};
use super::network::Mode;
use super::overlay::Driver;

/// `nook run --pull`: when the image is fetched from its registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PullPolicy {
    /// Pull only when the store does not have the image
    #[default]
    #[value(alias = "ifmissing", alias = "ifnotpresent")]
    Missing,
    /// Pull every time (only missing layers are downloaded)
    #[value(alias = "true")]
    Always,
    /// Never pull: the image must be in the store
    #[value(alias = "false")]
    Never,
    /// Pull when the registry's image differs from the stored one; a stored image is used
    /// when the registry cannot be reached
    #[value(alias = "ifnewer")]
    Newer,
}

/// `--userns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Userns {
    /// The caller is root inside, the subordinate ids are 1 and up.
    #[default]
    Default,
    /// The caller keeps its own uid and gid inside.
    KeepId,
    /// A range of the subordinate ids no other running container has (`size`: how many).
    Auto { size: Option<u32> },
    /// The caller's own uid and gid are not mapped: only subordinate ids, from 0.
    NoMap,
}

/// Devices, groups, the namespaces shared with the host, sysctls, limits, the environment,
/// the time zone and explicit id maps, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostRequest {
    /// `--device`: host devices and CDI names, in order.
    pub devices: Vec<String>,
    /// `--gpus`.
    pub gpus: Option<String>,
    /// `--cdi-spec-dir` (empty: `NOOK_CDI_SPEC_DIRS`, else /etc/cdi and /var/run/cdi).
    pub cdi_spec_dirs: Vec<PathBuf>,
    pub group_add: Vec<String>,
    pub shm_size: Option<String>,
    pub ipc: Option<String>,
    pub pid: Option<String>,
    pub uts: Option<String>,
    pub sysctls: Vec<String>,
    pub ulimits: Vec<String>,
    pub env_host: bool,
    /// `--http-proxy`: the host's proxy variables are passed in (podman's default).
    pub http_proxy: bool,
    pub tz: Option<String>,
    pub uidmap: Vec<String>,
    pub gidmap: Vec<String>,
    /// `--oom-score-adj`, else containers.conf's `oom_score_adj`.
    pub oom_score_adj: Option<i32>,
}

/// Where the root file system comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootRequest {
    /// An image reference (name, name:tag, name@digest or an image ID).
    Image {
        reference: String,
        pull: PullPolicy,
        /// `--platform OS/ARCH[/VARIANT]`.
        platform: Option<String>,
        /// `--tls-verify`.
        tls_verify: Option<bool>,
        /// `--quiet`: no pull messages.
        quiet: bool,
    },
    /// `--rootfs DIR`, as typed.
    Dir(String),
}

impl Default for RootRequest {
    fn default() -> Self {
        RootRequest::Dir(String::new())
    }
}

/// `-v`, `--mount`, `--tmpfs` and the read-only flags, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MountRequest {
    pub volumes: Vec<String>,
    pub mounts: Vec<String>,
    pub tmpfs: Vec<String>,
    pub read_only: bool,
    /// `--read-only-tmpfs` (default true).
    pub read_only_tmpfs: Option<bool>,
}

/// The network flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkRequest {
    pub mode: Option<Mode>,
    pub publish: Vec<String>,
    pub publish_all: bool,
    pub dns: Vec<IpAddr>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    pub add_hosts: Vec<String>,
    /// `--ip` and `--network-alias`, for bridge networks.
    pub ip: Option<std::net::Ipv4Addr>,
    pub aliases: Vec<String>,
}

/// `--cap-add`, `--cap-drop`, `--privileged` and `--security-opt`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityRequest {
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub options: Vec<String>,
}

/// The resource flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CgroupRequest {
    pub mode: CgroupsMode,
    pub manager: ManagerFlag,
    pub limits: LimitArgs,
    /// `--stats`: print what the container used when it ends.
    pub stats: bool,
}

/// One `nook run`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunRequest {
    pub root: RootRequest,
    /// The command and its arguments (empty: the image's).
    pub command: Vec<String>,
    pub entrypoint: Option<String>,
    pub name: Option<String>,
    pub hostname: Option<String>,
    /// `--rm`.
    pub remove: bool,
    pub interactive: bool,
    pub tty: bool,
    /// `-e`, in order.
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub userns: Userns,
    /// `--init`: nook's reaper as PID 1.
    pub init: bool,
    /// `--storage-driver` (or `NOOK_STORAGE_DRIVER`).
    pub storage_driver: Option<Driver>,
    pub mounts: MountRequest,
    pub network: NetworkRequest,
    pub security: SecurityRequest,
    pub cgroup: CgroupRequest,
    pub host: HostRequest,
    /// containers.conf's `env`: variables the container starts with, before the image's.
    pub default_env: Vec<String>,
    /// containers.conf's `default_ulimits` (`nofile=1024:2048`), as read; `app::run` puts them
    /// under the `--ulimit` flags in `host.ulimits` (`plan::plumbing::with_defaults`).
    pub default_ulimits: Vec<String>,
    /// `--umask` as given (octal), podman's 0022 when left out.
    pub umask: Option<String>,
    /// `--preserve-fds N`: descriptors 3 to 3+N-1 go to the command.
    pub preserve_fds: u32,
    /// containers.conf's `log_driver` (`run -d` and `create` use it when `--log-driver` is left out).
    pub log_driver: Option<String>,
    /// `--health-*`, `--no-healthcheck`.
    pub health: super::health::HealthRequest,
    /// `--pod`: the ID of the pod the container belongs to (recorded; the joins are above).
    pub pod: Option<String>,
    /// A pod's infra container: nook's own pause as PID 1, no command executed.
    pub pause: bool,
}

impl RunRequest {
    /// `--rootfs DIR`: the directory, as typed.
    pub fn rootfs_dir(&self) -> Option<&str> {
        match &self.root {
            RootRequest::Dir(d) => Some(d),
            RootRequest::Image { .. } => None,
        }
    }
}
