//! The command line, as clap derive structs only (they also generate the man pages and the
//! shell completions). Flag names follow podman's. One file per group of commands; everything
//! is re-exported here, so callers name `cli::RunArgs`, `cli::ImagesArgs` and so on.

mod build;
mod containers;
mod dns;
mod exec;
mod fast;
mod health;
mod images;
mod life;
mod network;
mod oci;
mod pod;
mod run;
mod run_compat;
mod run_host;
mod system;
mod volume;

use clap::{Parser, Subcommand, ValueEnum};

pub use build::{
    ArchiveFormat, BuildArgs, CommitArgs, ExportArgs, HistoryArgs, ImageFormat, ImportArgs,
    ManifestFormat, PushArgs, SaveArgs,
};
pub use containers::{
    AnyInspectArgs, ContainerCommand, ContainerInspectArgs, ExistsArgs, InspectType, PortArgs,
    PsArgs,
};
pub use dns::DnsArgs;
pub use exec::{CpArgs, ExecArgs, StatsArgs, TopArgs};
pub use health::{HealthArgs, HealthcheckCommand, HealthcheckRunArgs};
pub use images::{
    ImageCommand, ImageExistsArgs, ImagesArgs, InspectArgs, LoadArgs, LoginArgs, LogoutArgs,
    PruneArgs, PullArgs, RmiArgs, TagArgs, UntagArgs,
};
pub use life::{
    AttachArgs, KillArgs, LifeArgs, LogsArgs, PauseArgs, RenameArgs, RmArgs, StartArgs, StopArgs,
    WaitArgs,
};
pub use network::{
    NetworkCommand, NetworkConnectArgs, NetworkCreateArgs, NetworkDisconnectArgs,
    NetworkExistsArgs, NetworkInspectArgs, NetworkLsArgs, NetworkPruneArgs, NetworkRmArgs,
};
pub use oci::{DeleteArgs, StateArgs};
pub use pod::{
    PodCommand, PodCreateArgs, PodExistsArgs, PodInspectArgs, PodKillArgs, PodPruneArgs, PodPsArgs,
    PodRmArgs, PodStartArgs, PodStopArgs,
};
pub use run::{PullPolicy, RunArgs, SdNotify, Userns};
pub use run_compat::CompatArgs;
pub use run_host::HostArgs;
pub use system::{
    InfoArgs, SystemCheckArgs, SystemCommand, SystemPruneArgs, SystemResetArgs, UnshareArgs,
    VersionArgs,
};
pub use volume::{
    VolumeCommand, VolumeCreateArgs, VolumeExistsArgs, VolumeExportArgs, VolumeImportArgs,
    VolumeInspectArgs, VolumeLsArgs, VolumePruneArgs, VolumeRmArgs,
};

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
    disable_help_subcommand = true,
    args_override_self = true
)]
pub struct Cli {
    #[command(flatten)]
    pub globals: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// podman's global options, before or after the command. `app::globals` hands them down as
/// plain values (environment variables the store and the facts read); `run` gets the storage
/// driver and the cgroup manager in its own arguments (`Cli::from_command_line`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct GlobalArgs {
    /// Where images and volumes are kept (as NOOK_STORAGE)
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub root: Option<std::path::PathBuf>,
    /// Where the containers' runtime state is kept (default $XDG_RUNTIME_DIR/nook)
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub runroot: Option<std::path::PathBuf>,
    /// How an image's layers become a container's root file system: overlay (the kernel's, in
    /// the user namespace; the default where a probe mounts it on the store's file system),
    /// fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy).
    /// Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice
    #[arg(
        long,
        global = true,
        value_name = "DRIVER",
        env = "NOOK_STORAGE_DRIVER",
        help_heading = "Global options"
    )]
    pub storage_driver: Option<crate::plan::overlay::Driver>,
    /// Who creates a container's cgroup: the systemd user manager, or nook in its own
    /// delegated cgroup (default: containers.conf's cgroup_manager, else systemd)
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "MANAGER",
        help_heading = "Global options"
    )]
    pub cgroup_manager: Option<crate::plan::cgroup::ManagerFlag>,
    /// Messages to print: trace, debug, info, warn (the default), warning, error, fatal or
    /// panic; debug and trace add nook's log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)
    #[arg(
        long,
        global = true,
        value_name = "LEVEL",
        help_heading = "Global options"
    )]
    pub log_level: Option<String>,
    /// As --log-level=debug (docker's flag)
    #[arg(long, short = 'D', global = true, help_heading = "Global options")]
    pub debug: bool,
    /// Refused: podman's --remote reaches a podman service, and nook has none (it runs
    /// containers itself)
    #[arg(long, global = true, help_heading = "Global options")]
    pub remote: bool,
    /// A podman service's URL (refused: nook has no service)
    #[arg(
        long,
        global = true,
        value_name = "URL",
        help_heading = "Global options"
    )]
    pub url: Option<String>,
    /// A podman service connection's name (refused: nook has no service)
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        help_heading = "Global options"
    )]
    pub connection: Option<String>,
    /// Where named volumes are kept (default: beside the store)
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub volumepath: Option<std::path::PathBuf>,
    /// Discard standard output
    #[arg(long, global = true, help_heading = "Global options")]
    pub noout: bool,
    /// Send standard output to FILE instead
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub out: Option<std::path::PathBuf>,
    /// Accepted for podman's scripts: nook keeps no event log
    #[arg(
        long,
        global = true,
        value_name = "BACKEND",
        help_heading = "Global options"
    )]
    pub events_backend: Option<String>,
    /// Accepted for podman's scripts and ignored: nook keeps no temporary state of its own
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub tmpdir: Option<std::path::PathBuf>,
    /// Accepted for podman's scripts and ignored: nook is its own runtime
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub runtime: Option<String>,
    /// A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so
    /// a command that starts a container refuses it (exit 126; build: 1 at its first RUN)
    #[arg(
        long,
        global = true,
        value_name = "FLAG",
        help_heading = "Global options"
    )]
    pub runtime_flag: Vec<String>,
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
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        let mut cli = match fast::run_only(&args) {
            Some(cli) => cli,
            None => {
                use clap::{CommandFactory, FromArgMatches};
                let mut command = Cli::command();
                if remote_implied(&args) {
                    command = command.mut_arg("remote", |a| a.hide(true));
                }
                Cli::from_arg_matches(&command.try_get_matches_from(args)?)?
            }
        };
        if let Command::Run(r) | Command::Create(r) = &mut cli.command {
            // With --bundle the one word is the container's ID (as runc's), kept as the image
            // word for `app::run` to take.
            let mut words = std::mem::take(&mut r.words).into_iter();
            r.image = words.next().unwrap_or_default();
            r.command = words.collect();
            r.storage_driver = cli.globals.storage_driver;
            r.cgroup_manager = cli.globals.cgroup_manager;
        }
        if let Command::Build(b) | Command::Image(ImageCommand::Build(b)) = &mut cli.command {
            b.storage_driver = cli.globals.storage_driver;
        }
        if let Command::Exec(e) = &mut cli.command {
            let mut words = std::mem::take(&mut e.words).into_iter();
            e.container = words.next().unwrap_or_default();
            e.command = words.collect();
        }
        Ok(cli)
    }
}

/// Whether podman would be remote already (CONTAINER_HOST, CONTAINER_CONNECTION, --url,
/// --connection), when its help leaves --remote out; nook's does the same.
fn remote_implied(args: &[std::ffi::OsString]) -> bool {
    let env = |k| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    env("CONTAINER_HOST")
        || env("CONTAINER_CONNECTION")
        || args.iter().skip(1).any(|a| {
            let a = a.to_string_lossy();
            ["--url", "--connection"]
                .iter()
                .any(|f| a == *f || a.starts_with(&format!("{f}=")))
        })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a command in a new container
    Run(Box<RunArgs>),
    /// Build an image from a Containerfile
    Build(Box<BuildArgs>),
    /// Send an image to a registry
    Push(PushArgs),
    /// Write images to an archive (docker-archive, oci-archive) or an OCI layout directory
    Save(SaveArgs),
    /// Make an image of a container's changes
    Commit(CommitArgs),
    /// Make an image of a tarball
    Import(ImportArgs),
    /// Write a stopped container's file system as a tar
    Export(ExportArgs),
    /// Show what this machine offers to rootless containers, and how to fix what is missing
    Info(InfoArgs),
    /// List containers
    Ps(PsArgs),
    /// Remove containers
    Rm(RmArgs),
    /// Create a container without starting it (flags as nook run's)
    Create(Box<RunArgs>),
    /// Start created or stopped containers
    Start(StartArgs),
    /// Stop running containers: their stop signal, then SIGKILL after the timeout
    Stop(StopArgs),
    /// Stop and start containers again
    Restart(StopArgs),
    /// Send a signal to running containers
    Kill(KillArgs),
    /// Wait for containers to end and print their exit codes
    Wait(WaitArgs),
    /// Give a container a new name
    Rename(RenameArgs),
    /// Show a container's output
    Logs(LogsArgs),
    /// Freeze running containers (cgroup freezer)
    Pause(PauseArgs),
    /// Thaw paused containers
    Unpause(PauseArgs),
    /// Follow a running container's output and send it your input (ctrl-p ctrl-q detaches)
    Attach(AttachArgs),
    /// List a container's published ports
    Port(PortArgs),
    /// Show containers, images or volumes as JSON or through a --format template
    Inspect(AnyInspectArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerCommand),
    /// Show nook's version as podman shows its own
    Version(VersionArgs),
    /// Load images from a docker-archive, an oci-archive or an OCI layout directory
    Load(LoadArgs),
    /// List images
    Images(ImagesArgs),
    /// Remove images
    Rmi(RmiArgs),
    /// Give an image more names
    Tag(TagArgs),
    /// Remove names from an image
    Untag(UntagArgs),
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
    /// Manage bridge networks
    #[command(subcommand)]
    Network(NetworkCommand),
    /// Manage pods: containers that share namespaces held by an infra container
    #[command(subcommand)]
    Pod(PodCommand),
    /// Run a command in a user namespace mapped like a container's (files of subordinate ids)
    Unshare(UnshareArgs),
    /// Manage nook's storage as a whole
    #[command(subcommand)]
    System(SystemCommand),
    /// Run a process in a running container
    Exec(Box<ExecArgs>),
    /// Copy files between a container and the host
    Cp(CpArgs),
    /// Show the processes of a running container
    Top(TopArgs),
    /// Show the resource use of running containers
    Stats(StatsArgs),
    /// Run containers' healthchecks
    #[command(subcommand)]
    Healthcheck(HealthcheckCommand),
    /// Print a container's OCI runtime state (JSON), for batch schedulers' OCI interface
    State(StateArgs),
    /// Remove a container (--force: kill it first), for batch schedulers' OCI interface
    Delete(DeleteArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people
    Table,
    /// JSON for programs
    Json,
}

/// The first line of a clap error, as nook prints it ("the following required arguments were
/// not provided:" joined with the next line, which names them).
pub fn usage_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match (first.strip_suffix(':'), lines.next()) {
        (Some(head), Some(next)) => format!("{head}: {next}"),
        _ => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
