//! The command line, as clap derive structs only (they also generate the man pages and the
//! shell completions). Flag names follow podman's.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::plan::cgroup::{CgroupsMode, ManagerFlag};
use crate::plan::network::{Mode, parse_mode};

#[derive(Debug, Parser)]
#[command(
    name = "nook",
    version,
    about = "Run containers as an ordinary user: no root, no daemon",
    long_about = "nook runs Linux containers as the calling user. Each container gets a user \
namespace mapped from the user's /etc/subuid and /etc/subgid ranges, its own PID, mount, UTS, \
IPC, network and cgroup namespaces, and a root file system of its own.",
    after_long_help = "Storage: images and volumes live in NOOK_STORAGE, else \
rootless_storage_path of $XDG_CONFIG_HOME/nook/storage.conf (containers-storage.conf's keys: \
[storage] driver = \"overlay|fuse-overlayfs|vfs\", rootless_storage_path = \"DIR\"), else \
$XDG_DATA_HOME/nook/storage, except on a network file system (NFS, CIFS, AFS, Ceph, 9p, \
Lustre, GPFS, FUSE), which cannot hold files of subordinate ids: then /var/tmp/nook-UID, \
made private. The storage driver is --storage-driver, else NOOK_STORAGE_DRIVER, else \
storage.conf, else the kernel overlay where a probe (run once, kept in the store) mounts it, \
else fuse-overlayfs, else vfs. `nook info` shows the store, the driver and why. The store, the \
volumes, the containers' state and the cache are private to the user (0700; an older \
installation's are made so by the next command, which says it once). A command waiting for a \
lock of the store says who holds it after 3 s and gives up when the holder has done nothing for \
NOOK_LOCK_TIMEOUT seconds (default 60; another user's holder: after that long in all).

Registries: a registry that sends less than 1 KiB in NOOK_NETWORK_TIMEOUT seconds (default \
60) while nook waits for it (an answer, a manifest, a token or a blob) has stalled: nook tries \
again with backoff, resuming a blob where it stopped, then gives up; raise it for a slow link.",
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parse a command line. clap stops taking flags only once a trailing argument has a
    /// value, so `nook run` takes the image and the command as one list of words (the image
    /// starts it) and splits them here: a flag after the image belongs to the command.
    pub fn from_command_line<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let mut cli = Cli::try_parse_from(args)?;
        if let Command::Run(r) = &mut cli.command {
            let mut words = std::mem::take(&mut r.words).into_iter();
            r.image = words.next().unwrap_or_default();
            r.command = words.collect();
        }
        Ok(cli)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a command in a new container
    Run(Box<RunArgs>),
    /// Show what this machine offers to rootless containers, and how to fix what is missing
    Info(InfoArgs),
    /// List containers
    Ps(PsArgs),
    /// Remove stopped containers
    Rm(RmArgs),
    /// List a container's published ports
    Port(PortArgs),
    /// Load images from a docker-archive, an oci-archive or an OCI layout directory
    Load(LoadArgs),
    /// List images
    Images(ImagesArgs),
    /// Remove images
    Rmi(RmiArgs),
    /// Give an image more names
    Tag(TagArgs),
    /// Manage images
    #[command(subcommand)]
    Image(ImageCommand),
    /// Pull an image from a registry
    #[command(
        after_long_help = "Environment: NOOK_NETWORK_TIMEOUT=SECONDS (default 60): a registry \
that sends less than 1 KiB in that time while nook waits for it has stalled; nook tries again \
with backoff (a blob resumes where it stopped), then fails naming the registry. Raise it for \
a slow link."
    )]
    Pull(PullArgs),
    /// Log in to a registry (credentials are stored in auth.json, like podman's)
    Login(LoginArgs),
    /// Log out of a registry
    Logout(LogoutArgs),
    /// Manage volumes
    #[command(subcommand)]
    Volume(VolumeCommand),
    /// Run a command in a user namespace mapped like a container's (files of subordinate ids)
    Unshare(UnshareArgs),
    /// Manage nook's storage as a whole
    #[command(subcommand)]
    System(SystemCommand),
}

#[derive(Debug, Subcommand)]
pub enum VolumeCommand {
    /// Create a volume (with a random name when none is given)
    Create(VolumeCreateArgs),
    /// List volumes
    Ls(VolumeLsArgs),
    /// Show volumes' details as JSON
    Inspect(VolumeInspectArgs),
    /// Remove volumes
    Rm(VolumeRmArgs),
    /// Remove every volume no container uses
    Prune(VolumePruneArgs),
}

#[derive(Debug, Args)]
pub struct VolumeCreateArgs {
    /// The volume's name
    pub name: Option<String>,
    /// Succeed when the volume already exists
    #[arg(long)]
    pub ignore: bool,
}

#[derive(Debug, Args)]
pub struct VolumeLsArgs {
    /// Print only the volumes' names
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Output format: table or json
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct VolumeInspectArgs {
    /// The volumes
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct VolumeRmArgs {
    /// The volumes
    pub names: Vec<String>,
    /// Remove every volume
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Remove volumes even when a stopped container uses them (the container too)
    #[arg(long, short = 'f')]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct VolumePruneArgs {
    /// Do not ask (nook never asks; accepted as podman does)
    #[arg(long, short = 'f')]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Show images' details as JSON
    Inspect(InspectArgs),
    /// Remove images that have no name (with -a: every image no container uses)
    Prune(PruneArgs),
    /// List images
    Ls(ImagesArgs),
    /// Remove images
    Rm(RmiArgs),
    /// Load images from an archive
    Load(LoadArgs),
    /// Give an image more names
    Tag(TagArgs),
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// The archive (docker-archive or oci-archive, plain, gzip or zstd) or OCI layout directory
    #[arg(long, short = 'i', value_name = "FILE")]
    pub input: PathBuf,
    /// Print only the loaded images' IDs
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ImagesArgs {
    /// Print only image IDs
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Do not truncate image IDs
    #[arg(long)]
    pub no_trunc: bool,
}

#[derive(Debug, Args)]
pub struct RmiArgs {
    /// Names or IDs of the images
    #[arg(required_unless_present = "all")]
    pub images: Vec<String>,
    /// Remove every image
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Remove images that containers were made from too (their containers keep their copy)
    #[arg(long, short = 'f')]
    pub force: bool,
    /// Do not fail when an image does not exist
    #[arg(long, short = 'i')]
    pub ignore: bool,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// The image's name or ID
    pub image: String,
    /// The new names
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Names or IDs of the images
    #[arg(required = true)]
    pub images: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove every image no container uses, not only unnamed ones
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Do not ask (nook never asks; accepted as podman does)
    #[arg(long, short = 'f')]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Remove stopped containers and unused images, layers and blobs
    Prune(SystemPruneArgs),
    /// Remove every container, image and volume of nook for this user
    Reset(SystemResetArgs),
}

#[derive(Debug, Args)]
pub struct SystemPruneArgs {
    /// Remove every image no container uses, not only unnamed ones
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(long, short = 'f')]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SystemResetArgs {
    /// Do not ask for confirmation
    #[arg(long, short = 'f')]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct UnshareArgs {
    /// The command and its arguments (default: $SHELL)
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    pub command: Vec<String>,
}

/// `nook run --pull`: when the image is fetched from its registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PullPolicy {
    /// Pull only when the store does not have the image
    Missing,
    /// Pull every time (only missing layers are downloaded)
    Always,
    /// Never pull: the image must be in the store
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people
    Table,
    /// JSON for programs
    Json,
}

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show stopped containers too
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Names or IDs of containers to remove
    #[arg(required_unless_present = "all")]
    pub containers: Vec<String>,
    /// Remove all stopped containers
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Do not fail when a container does not exist
    #[arg(long, short = 'i')]
    pub ignore: bool,
}

#[derive(Debug, Args)]
pub struct PortArgs {
    /// Name or ID of the container
    pub container: String,
    /// Show only where this container port is published (PORT, PORT/tcp or PORT/udp)
    #[arg(value_name = "PORT")]
    pub port: Option<String>,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// Image to pull: [REGISTRY/]NAME[:TAG][@sha256:DIGEST] (docker.io/library/ by default)
    pub image: String,
    /// Print only the digest, no progress
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Platform of a multi-platform image: OS/ARCH[/VARIANT] (default: this machine's)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials for the registry, instead of the stored ones
    #[arg(long, value_name = "USER:PASSWORD")]
    pub creds: Option<String>,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Registry to log in to (host[:port], optionally /namespace)
    pub registry: String,
    /// User name
    #[arg(long, short = 'u')]
    pub username: Option<String>,
    /// Password (visible in the process list: prefer --password-stdin)
    #[arg(long, short = 'p', conflicts_with = "password_stdin")]
    pub password: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Registry to log out of
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub registry: Option<String>,
    /// Remove the credentials of every registry
    #[arg(long, short = 'a')]
    pub all: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Userns {
    /// The caller is root inside, the subordinate ids are 1 and up.
    Default,
    /// The caller keeps its own uid and gid inside.
    KeepId,
}

fn parse_userns(s: &str) -> Result<Userns, String> {
    match s {
        "" | "host" | "default" => Ok(Userns::Default),
        "keep-id" => Ok(Userns::KeepId),
        other => Err(format!(
            "unsupported user namespace mode {other:?}: use keep-id or leave it out"
        )),
    }
}

#[derive(Debug, Args)]
#[command(
    disable_help_flag = true,
    after_help = "Exit status: the command's own; 128+N when it was killed by signal N; \
125 when nook itself failed; 126 when the command cannot be executed; 127 when it was not found."
)]
pub struct RunArgs {
    /// The image to run (with --rootfs, the directory to use as the root file system), then
    /// the command and its arguments (default: the image's). Every word after the image
    /// belongs to the command, as with podman: `nook run IMAGE sh -c 'echo -e hi'`.
    #[arg(
        value_name = "IMAGE [COMMAND [ARG...]]",
        required = true,
        num_args = 1..,
        trailing_var_arg = true
    )]
    pub words: Vec<String>,

    /// The image (the first of `words`), set by `Cli::from_command_line`.
    #[arg(skip)]
    pub image: String,

    /// The command (the rest of `words`), set by `Cli::from_command_line`.
    #[arg(skip)]
    pub command: Vec<String>,

    /// The first argument is a directory to use as the root file system, not an image
    #[arg(long)]
    pub rootfs: bool,

    /// When to pull the image: missing (when the store lacks it), always, never
    #[arg(long, value_enum, value_name = "POLICY", default_value_t = PullPolicy::Missing)]
    pub pull: PullPolicy,

    /// Platform of a multi-platform image to pull: OS/ARCH[/VARIANT] (default: this machine's)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,

    /// Require HTTPS and verify certificates when pulling; --tls-verify=false allows plain HTTP
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,

    /// How an image's layers become the root file system: overlay (the kernel's, in the user
    /// namespace; the default where a probe mounts it on the store's file system),
    /// fuse-overlayfs (the default where it does not, when installed) or vfs (a private
    /// copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice
    #[arg(long, value_name = "DRIVER", env = "NOOK_STORAGE_DRIVER")]
    pub storage_driver: Option<crate::plan::overlay::Driver>,

    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,

    /// Bind a host directory or file, or a named volume (created on first use), into the
    /// container: HOST-PATH:CONTAINER-DIR[:ro|rw] or NAME:CONTAINER-DIR[:ro|rw]
    #[arg(long, short = 'v', value_name = "SOURCE:CONTAINER-DIR[:OPTS]")]
    pub volume: Vec<String>,

    /// Attach a mount: type=bind,source=HOST-PATH,target=DIR[,readonly],
    /// type=volume,source=NAME,target=DIR[,readonly] or type=tmpfs,target=DIR[,tmpfs-size=SIZE]
    #[arg(long, value_name = "type=TYPE,...")]
    pub mount: Vec<String>,

    /// Mount a fresh tmpfs: CONTAINER-DIR[:OPTIONS] (size=, mode=, ro, exec, ...; default
    /// rw,noexec,nosuid,nodev)
    #[arg(long, value_name = "DIR[:OPTS]")]
    pub tmpfs: Vec<String>,

    /// Mount the container's root file system read-only
    #[arg(long)]
    pub read_only: bool,

    /// With --read-only, mount tmpfs on /tmp, /var/tmp and /run (the default);
    /// --read-only-tmpfs=false leaves them read-only too
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only_tmpfs: Option<bool>,

    /// Assign a name to the container
    #[arg(long)]
    pub name: Option<String>,

    /// Keep standard input open and pass it to the container
    #[arg(long, short = 'i')]
    pub interactive: bool,

    /// Allocate a pseudo-terminal for the container
    #[arg(long, short = 't')]
    pub tty: bool,

    /// Set an environment variable (NAME=VALUE; NAME alone copies the host's value)
    #[arg(long, short = 'e', value_name = "NAME[=VALUE]")]
    pub env: Vec<String>,

    /// Read environment variables from a file of NAME=VALUE lines
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,

    /// Working directory inside the container
    #[arg(long, short = 'w', value_name = "DIR")]
    pub workdir: Option<String>,

    /// Run as this user and group (names from the container's /etc/passwd and /etc/group)
    #[arg(long, short = 'u', value_name = "USER[:GROUP]")]
    pub user: Option<String>,

    /// Container host name (default: the start of the container ID)
    #[arg(long, short = 'h', value_name = "NAME")]
    pub hostname: Option<String>,

    /// Override the image's entrypoint (a command, or a JSON array)
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,

    /// Add a capability to the default set (ALL for every one)
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,

    /// Drop a capability from the default set (ALL for every one)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,

    /// Give the container every capability and no masked or read-only paths
    #[arg(long)]
    pub privileged: bool,

    /// Security options: no-new-privileges, seccomp=unconfined, seccomp=PROFILE.json (docker/OCI
    /// format), mask=PATH[:PATH...], unmask=PATH[:PATH...] or unmask=ALL
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,

    /// Run a minimal init as PID 1 that forwards signals and reaps zombies
    #[arg(long)]
    pub init: bool,

    /// Network: slirp4netns[:allow_host_loopback=true,mtu=N,cidr=A.B.C.D/N] (default when
    /// installed), pasta[:OPTIONS], none (own namespace, loopback only) or host
    #[arg(long, alias = "net", value_name = "MODE", value_parser = parse_mode)]
    pub network: Option<Mode>,

    /// Publish a container port on the host: [HOSTIP:][HOSTPORT:]CTRPORT[/tcp|/udp], ranges
    /// as 8000-8002:80-82. Without HOSTIP the port listens on all the host's addresses, as
    /// in podman (8080:80 is reachable from other machines); 127.0.0.1:8080:80 publishes on
    /// loopback only
    #[arg(long, short = 'p', value_name = "SPEC")]
    pub publish: Vec<String>,

    /// Publish every port the image exposes on a free host port (--rootfs directories
    /// expose none)
    #[arg(long, short = 'P')]
    pub publish_all: bool,

    /// DNS server for the container's /etc/resolv.conf (default: the network's forwarder)
    #[arg(long, value_name = "IP")]
    pub dns: Vec<std::net::IpAddr>,

    /// DNS search domain ("." for none)
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,

    /// DNS resolver option (as in resolv.conf's options line)
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,

    /// Add a line to the container's /etc/hosts
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,

    /// User namespace mode: keep-id maps your uid and gid to the same ids inside
    #[arg(long, value_name = "MODE", value_parser = parse_userns, default_value = "")]
    pub userns: Userns,

    /// Memory limit, as in 64m or 1g (the kernel kills the container past it)
    #[arg(
        long,
        short = 'm',
        value_name = "SIZE",
        help_heading = "Resource limits"
    )]
    pub memory: Option<String>,

    /// Memory plus swap limit (-1: unlimited swap; default: twice --memory)
    #[arg(
        long,
        value_name = "SIZE",
        allow_hyphen_values = true,
        help_heading = "Resource limits"
    )]
    pub memory_swap: Option<String>,

    /// Memory the kernel reclaims from others first (memory.low)
    #[arg(long, value_name = "SIZE", help_heading = "Resource limits")]
    pub memory_reservation: Option<String>,

    /// Number of CPUs the container may use, as in 0.5 or 2 (cpu.max)
    #[arg(long, value_name = "N", help_heading = "Resource limits")]
    pub cpus: Option<String>,

    /// CPU shares, 2 to 262144 (default 1024), converted to cpu.weight
    #[arg(
        long,
        short = 'c',
        value_name = "SHARES",
        help_heading = "Resource limits"
    )]
    pub cpu_shares: Option<u64>,

    /// CPU weight, 1 to 10000 (default 100)
    #[arg(long, value_name = "WEIGHT", help_heading = "Resource limits")]
    pub cpu_weight: Option<u64>,

    /// CPUs the container may run on, as in 0-2,4
    #[arg(long, value_name = "LIST", help_heading = "Resource limits")]
    pub cpuset_cpus: Option<String>,

    /// Most processes the container may have (-1: no limit)
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Resource limits"
    )]
    pub pids_limit: Option<i64>,

    /// Limit reads from a block device, as in /dev/sda:10mb
    #[arg(long, value_name = "DEVICE:RATE", help_heading = "Resource limits")]
    pub device_read_bps: Vec<String>,

    /// Limit writes to a block device, as in /dev/sda:10mb
    #[arg(long, value_name = "DEVICE:RATE", help_heading = "Resource limits")]
    pub device_write_bps: Vec<String>,

    /// Give the container a cgroup of its own (disabled: none, and no limits)
    #[arg(long, value_enum, value_name = "MODE", default_value_t = CgroupsMode::Enabled, help_heading = "Resource limits")]
    pub cgroups: CgroupsMode,

    /// Who creates the container's cgroup: the systemd user manager, or nook in its own
    /// delegated cgroup
    #[arg(long, value_enum, value_name = "MANAGER", default_value_t = ManagerFlag::Systemd, help_heading = "Resource limits")]
    pub cgroup_manager: ManagerFlag,

    /// On exit, print the container's peak memory, CPU time and throttled periods
    #[arg(long, help_heading = "Resource limits")]
    pub stats: bool,

    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> RunArgs {
        let cli = Cli::from_command_line(["nook", "run"].iter().chain(args)).expect("parses");
        match cli.command {
            Command::Run(r) => *r,
            other => panic!("not run: {other:?}"),
        }
    }

    #[test]
    fn flags_after_the_image_belong_to_the_command() {
        let r = run(&["--entrypoint", "sh", "img", "-c", "id", "-m", "1"]);
        assert_eq!(r.image, "img");
        assert_eq!(r.command, ["-c", "id", "-m", "1"]);
        assert_eq!(r.cpu_shares, None);
        assert_eq!(r.memory, None);
    }

    #[test]
    fn command_keeps_its_own_flags() {
        let r = run(&["--rm", "--rootfs", "./r", "sh", "-c", "echo -e hi", "--rm"]);
        assert!(r.rm && r.rootfs);
        assert_eq!(r.image, "./r");
        assert_eq!(r.command, ["sh", "-c", "echo -e hi", "--rm"]);
    }

    #[test]
    fn short_flags_combine() {
        let r = run(&["-it", "-e", "A=1", "-u", "1:2", "-h", "box", "img"]);
        assert!(r.interactive && r.tty);
        assert_eq!(r.env, ["A=1"]);
        assert_eq!(r.user.as_deref(), Some("1:2"));
        assert_eq!(r.hostname.as_deref(), Some("box"));
    }

    #[test]
    fn network_and_userns_values() {
        assert_eq!(run(&["img"]).network, None);
        assert_eq!(run(&["--net", "host", "img"]).network, Some(Mode::Host));
        let r = run(&["-p", "8080:80", "-P", "--dns", "192.0.2.1", "img"]);
        assert_eq!(r.publish, ["8080:80"]);
        assert!(r.publish_all);
        assert!(Cli::try_parse_from(["nook", "run", "--dns", "nope", "img"]).is_err());
        assert_eq!(run(&["--userns=keep-id", "img"]).userns, Userns::KeepId);
        assert!(Cli::try_parse_from(["nook", "run", "--network", "bridge", "img"]).is_err());
    }

    #[test]
    fn resource_flags() {
        let r = run(&[
            "-m",
            "64m",
            "--cpus",
            "0.5",
            "--pids-limit",
            "-1",
            "--cgroups=disabled",
            "--cgroup-manager",
            "cgroupfs",
            "--stats",
            "--rootfs",
            "d",
            "-c",
            "x",
        ]);
        assert_eq!(r.memory.as_deref(), Some("64m"));
        assert_eq!(r.cpus.as_deref(), Some("0.5"));
        assert_eq!(r.pids_limit, Some(-1));
        assert_eq!(r.cgroups, CgroupsMode::Disabled);
        assert_eq!(r.cgroup_manager, ManagerFlag::Cgroupfs);
        assert!(r.stats);
        // -c after the root file system is the command's (sh -c), not --cpu-shares.
        assert_eq!(r.command, ["-c", "x"]);
        assert!(Cli::try_parse_from(["nook", "run", "--cgroups", "maybe", "img"]).is_err());
    }

    #[test]
    fn unknown_flag_is_an_error() {
        assert!(Cli::try_parse_from(["nook", "run", "--frobnicate", "img"]).is_err());
    }

    #[test]
    fn definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
