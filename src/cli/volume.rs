//! The volume commands: volume create, ls, inspect, rm and prune.

use clap::{Args, Subcommand};

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
    /// `table`, `json`, a Go template (`{{.Name}}`) or `table TEMPLATE`
    #[arg(long, default_value = "")]
    pub format: String,
    /// Print no header row
    #[arg(long, alias = "no-heading")]
    pub noheading: bool,
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
