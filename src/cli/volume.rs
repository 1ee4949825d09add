//! The volume commands: volume create, ls, inspect, rm, prune, exists, export and import.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum VolumeCommand {
    /// Create a volume (with a random name when none is given)
    Create(VolumeCreateArgs),
    /// List volumes
    #[command(alias = "list")]
    Ls(VolumeLsArgs),
    /// Show volumes' details as JSON
    Inspect(VolumeInspectArgs),
    /// Remove volumes
    Rm(VolumeRmArgs),
    /// Remove every volume no container uses
    Prune(VolumePruneArgs),
    /// Exit 0 when the volume exists, 1 when it does not
    Exists(VolumeExistsArgs),
    /// Write a volume's files as a tar (to standard output, or -o FILE)
    Export(VolumeExportArgs),
    /// Add the files of a tar (plain or gzip'd; - for standard input) to a volume
    Import(VolumeImportArgs),
}

#[derive(Debug, Args)]
pub struct VolumeExportArgs {
    /// The volume
    pub name: String,
    /// Write to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct VolumeImportArgs {
    /// The volume (it must exist)
    pub name: String,
    /// The tar file, or - for standard input
    pub source: String,
}

#[derive(Debug, Args)]
pub struct VolumeCreateArgs {
    /// The volume's name
    pub name: Option<String>,
    /// Succeed when the volume already exists
    #[arg(long)]
    pub ignore: bool,
    /// The volume driver: local (the only one)
    #[arg(long, short = 'd', value_name = "DRIVER")]
    pub driver: Option<String>,
    /// Set a label on the volume (KEY=VALUE)
    #[arg(long, short = 'l', value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// The local driver's options: type=tmpfs, device=..., o=MOUNT-OPTIONS (o=bind with
    /// device=/HOST/PATH binds a host directory)
    #[arg(long = "opt", short = 'o', value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
}

#[derive(Debug, Args)]
pub struct VolumeExistsArgs {
    /// The volume
    pub name: String,
}

#[derive(Debug, Args)]
pub struct VolumeLsArgs {
    /// Print only the volumes' names
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// `table`, `json`, a Go template (`{{.Name}}`) or `table TEMPLATE`
    #[arg(long, default_value = "")]
    pub format: String,
    /// Print no header row
    #[arg(long, short = 'n', alias = "no-heading")]
    pub noheading: bool,
    /// Only volumes that pass FILTER (all given must): name=REGEX, label=KEY[=VALUE],
    /// driver=local
    #[arg(long, short = 'f', value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, Args)]
pub struct VolumeInspectArgs {
    /// The volumes
    #[arg(required = true)]
    pub names: Vec<String>,
    /// `json` (the default) or a Go template run for each volume (`{{.Mountpoint}}`)
    #[arg(long, short = 'f', default_value = "json")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct VolumeRmArgs {
    /// The volumes
    pub names: Vec<String>,
    /// Remove every volume
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Remove volumes even when containers use them (the containers too, stopped first); a
    /// missing volume is no error
    #[arg(long, short = 'f')]
    pub force: bool,
    /// A missing volume is no error
    #[arg(long)]
    pub ignore: bool,
    /// Seconds to wait for a running container that uses the volume to stop (with -f)
    #[arg(long, short = 't', value_name = "SECONDS")]
    pub time: Option<u64>,
}

#[derive(Debug, Args)]
pub struct VolumePruneArgs {
    /// Do not ask: without it the volumes are listed and nothing is removed unless you
    /// answer y
    #[arg(long, short = 'f')]
    pub force: bool,
    /// Only volumes that pass FILTER (all given must): label=KEY[=VALUE],
    /// label!=KEY[=VALUE], until=DURATION|UNIX-TIME, name=REGEX
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}
