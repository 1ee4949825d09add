//! `nook run`'s flags.

use std::path::PathBuf;

use clap::Args;

use crate::plan::cgroup::{CgroupsMode, ManagerFlag};
use crate::plan::network::{Mode, parse_mode};
pub use crate::plan::request::{PullPolicy, Userns};

/// `--sdnotify`: who tells a Type=notify unit that the service is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SdNotify {
    /// nook, once the container's process runs (podman's name: its monitor, conmon)
    Conmon,
    /// Nobody
    #[default]
    Ignore,
}

fn parse_userns(s: &str) -> Result<Userns, String> {
    match s {
        "" | "host" | "default" | "private" => Ok(Userns::Default),
        "keep-id" => Ok(Userns::KeepId),
        "nomap" => Ok(Userns::NoMap),
        "auto" => Ok(Userns::Auto { size: None }),
        other => match other.strip_prefix("auto:size=").map(str::parse::<u32>) {
            Some(Ok(size)) if size > 0 => Ok(Userns::Auto { size: Some(size) }),
            _ => Err(format!(
                "unsupported user namespace mode {other:?}: use keep-id, nomap, auto, auto:size=N or leave it out"
            )),
        },
    }
}

#[derive(Debug, Default, Args)]
#[command(
    disable_help_flag = true,
    args_override_self = true,
    after_help = "Exit status: the command's own; 128+N when it was killed by signal N; \
125 when nook itself failed; 126 when the command cannot be executed; 127 when it was not found."
)]
pub struct RunArgs {
    /// The image to run (with --rootfs, the directory to use as the root file system), then
    /// the command and its arguments (default: the image's). Every word after the image
    /// belongs to the command, as with podman: `nook run IMAGE sh -c 'echo -e hi'`.
    #[arg(
        value_name = "IMAGE [COMMAND [ARG...]]",
        required_unless_present = "bundle",
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

    /// Run the OCI runtime bundle DIR (DIR/config.json: root.path, process, hostname, bind
    /// mounts; no network namespace: the host's network) with nook's own user namespace; the
    /// one word after it, if any, names the container (as runc's ID; or --name)
    #[arg(long, value_name = "DIR", conflicts_with = "rootfs")]
    pub bundle: Option<std::path::PathBuf>,

    /// When to pull the image: missing (when the store lacks it), always, never
    #[arg(long, value_enum, value_name = "POLICY", default_value_t = PullPolicy::Missing)]
    pub pull: PullPolicy,

    /// Platform of a multi-platform image to pull: OS/ARCH[/VARIANT] (default: this machine's)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,

    /// Require HTTPS and verify certificates when pulling; --tls-verify=false allows plain HTTP
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,

    /// The global --storage-driver (or NOOK_STORAGE_DRIVER), set by `Cli::from_command_line`.
    #[arg(skip)]
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
    /// (type=devpts,target=/dev/pts is accepted: the container has its own)
    #[arg(long, value_name = "type=TYPE,...")]
    pub mount: Vec<String>,

    /// Mount a fresh tmpfs: CONTAINER-DIR[:OPTIONS] (size=, mode=, ro, exec, ...; default
    /// rw,noexec,nosuid,nodev)
    #[arg(long, value_name = "DIR[:OPTS]")]
    pub tmpfs: Vec<String>,

    /// Mount the container's root file system read-only (--read-only=false: read-write;
    /// default: containers.conf's read_only, else false)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only: Option<bool>,

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
    /// format), mask=PATH[:PATH...], unmask=PATH[:PATH...] or unmask=ALL; label=disable and
    /// apparmor=unconfined are accepted (nook applies neither SELinux labels nor AppArmor)
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,

    /// Run a minimal init as PID 1 that forwards signals and reaps zombies
    #[arg(long)]
    pub init: bool,

    /// Network: slirp4netns[:allow_host_loopback=true,mtu=N,cidr=A.B.C.D/N] (default when
    /// installed), pasta[:OPTIONS], none (own namespace, loopback only), host,
    /// container:NAME (that running container's network namespace), ns:PATH (the network
    /// namespace at PATH, e.g. /proc/PID/ns/net of a container of yours), or bridge networks by
    /// name (NAME[,NAME2], or NAME:ip=IP,alias=ALIAS; bridge is the default network, nook);
    /// repeat it for several bridge networks
    #[arg(long, alias = "net", value_name = "MODE", value_parser = parse_mode)]
    pub network: Vec<Mode>,

    /// The container's address on its (first) bridge network
    #[arg(long, value_name = "IP")]
    pub ip: Option<std::net::Ipv4Addr>,

    /// Another name of the container on its bridge networks
    #[arg(long = "network-alias", value_name = "ALIAS")]
    pub network_alias: Vec<String>,

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
    #[arg(long, alias = "dns-opt", value_name = "OPTION")]
    pub dns_option: Vec<String>,

    /// Add a line to the container's /etc/hosts
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,

    /// User namespace mode: keep-id maps your uid and gid to the same ids inside; auto
    /// (auto:size=N) gives the container a range of your subordinate ids no other running
    /// container has; nomap leaves your own uid and gid unmapped (default: containers.conf's
    /// userns, else host)
    #[arg(long, value_name = "MODE", value_parser = parse_userns)]
    pub userns: Option<Userns>,

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

    /// Under a systemd unit of Type=notify: conmon tells systemd the container is up once
    /// its process runs (READY=1 on $NOTIFY_SOCKET); ignore tells nothing
    #[arg(long, value_enum, value_name = "POLICY", default_value_t = SdNotify::Ignore)]
    pub sdnotify: SdNotify,

    /// The global --cgroup-manager, set by `Cli::from_command_line`.
    #[arg(skip)]
    pub cgroup_manager: Option<ManagerFlag>,

    /// On exit, print the container's peak memory, CPU time and throttled periods
    #[arg(long, help_heading = "Resource limits")]
    pub stats: bool,

    /// Give the container your display and sound: the Wayland and X11 sockets (with the X
    /// cookie), PipeWire and PulseAudio, the /dev/dri nodes, each when the host has it, and
    /// your own uid inside (--userns keep-id unless --userns is given); nook info lists them
    #[arg(long)]
    pub desktop: bool,

    #[command(flatten)]
    pub life: super::LifeArgs,
    #[command(flatten)]
    pub host: super::run_host::HostArgs,
    #[command(flatten)]
    pub compat: super::run_compat::CompatArgs,
    #[command(flatten)]
    pub health: super::health::HealthArgs,
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

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
        assert_eq!(run(&["img"]).network, []);
        assert_eq!(run(&["--net", "host", "img"]).network, [Mode::Host]);
        assert_eq!(
            run(&["--network", "a", "--net", "b", "img"]).network.len(),
            2
        );
        let r = run(&["-p", "8080:80", "-P", "--dns", "192.0.2.1", "img"]);
        assert_eq!(r.publish, ["8080:80"]);
        assert!(r.publish_all);
        assert!(Cli::try_parse_from(["nook", "run", "--dns", "nope", "img"]).is_err());
        assert_eq!(
            run(&["--userns=keep-id", "img"]).userns,
            Some(Userns::KeepId)
        );
        assert!(Cli::try_parse_from(["nook", "run", "--network", "a/b", "img"]).is_err());
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
        assert_eq!(r.cgroup_manager, Some(ManagerFlag::Cgroupfs));
        assert!(r.stats);
        // -c after the root file system is the command's (sh -c), not --cpu-shares.
        assert_eq!(r.command, ["-c", "x"]);
        assert!(Cli::try_parse_from(["nook", "run", "--cgroups", "maybe", "img"]).is_err());
    }

    #[test]
    fn a_single_value_flag_given_twice_takes_the_last() {
        let r = run(&[
            "--name",
            "a",
            "--name",
            "b",
            "-w",
            "/x",
            "--workdir",
            "/y",
            "-u",
            "1",
            "-u",
            "2",
            "--entrypoint",
            "a",
            "--entrypoint",
            "b",
            "-h",
            "h1",
            "--hostname",
            "h2",
            "-e",
            "A=1",
            "-e",
            "B=2",
            "--rm",
            "--rm",
            "img",
        ]);
        assert_eq!(r.name.as_deref(), Some("b"));
        assert_eq!(r.workdir.as_deref(), Some("/y"));
        assert_eq!(r.user.as_deref(), Some("2"));
        assert_eq!(r.entrypoint.as_deref(), Some("b"));
        assert_eq!(r.hostname.as_deref(), Some("h2"));
        // Lists still gather every value.
        assert_eq!(r.env, ["A=1", "B=2"]);
        assert!(r.rm);
    }

    #[test]
    fn host_plumbing_flags() {
        let r = run(&[
            "--device",
            "/dev/null:/dev/x:r",
            "--gpus",
            "all",
            "--group-add",
            "keep-groups",
            "--shm-size",
            "256m",
            "--ipc=host",
            "--pid",
            "host",
            "--ulimit",
            "nofile=10:20",
            "--timezone",
            "local",
            "--env-host",
            "--read-only=false",
            "--userns=auto:size=100",
            "img",
        ]);
        assert_eq!(r.host.device, ["/dev/null:/dev/x:r"]);
        assert_eq!(r.host.gpus.as_deref(), Some("all"));
        assert_eq!(r.host.ipc.as_deref(), Some("host"));
        assert_eq!(r.host.tz.as_deref(), Some("local"));
        assert!(r.host.env_host && r.read_only == Some(false));
        assert_eq!(r.userns, Some(Userns::Auto { size: Some(100) }));
        assert_eq!(run(&["--read-only", "img"]).read_only, Some(true));
        assert_eq!(run(&["--read-only=true", "img"]).read_only, Some(true));
        assert_eq!(
            run(&["--userns", "nomap", "img"]).userns,
            Some(Userns::NoMap)
        );
    }

    #[test]
    fn unknown_flag_is_an_error() {
        assert!(Cli::try_parse_from(["nook", "run", "--frobnicate", "img"]).is_err());
    }
}
