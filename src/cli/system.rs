//! The commands about the machine and the store as a whole: info, unshare, system prune,
//! system reset and system check.

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// `table`, `json`, or a Go template over the JSON (`{{.Host.Security.Rootless}}`)
    #[arg(long, short = 'f', default_value = "table")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// A Go template (`{{.Client.Version}}`) or `json`
    #[arg(long, short = 'f', default_value = "")]
    pub format: String,
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

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Remove stopped containers and unused images, layers and blobs
    Prune(SystemPruneArgs),
    /// Remove every container, image and volume of nook for this user
    Reset(SystemResetArgs),
    /// End the process that holds your user namespace, so that the next run maps a new one
    /// from the current /etc/subuid and /etc/subgid
    Migrate,
    /// Check the image store, the volumes and the containers' records for damage and
    /// leftovers of killed commands
    Check(SystemCheckArgs),
}

#[derive(Debug, Args)]
pub struct SystemCheckArgs {
    /// Remove damaged images (the next run pulls them again) and what nothing uses, and
    /// write wrong records anew
    #[arg(long, short = 'r')]
    pub repair: bool,
    /// Trust each layer's completion record instead of reading every layer blob again
    #[arg(long, short = 'q')]
    pub quick: bool,
    /// Unused layers and blobs younger than this are taken for a pull's or load's at work
    /// (a number with s, m or h)
    #[arg(long, short = 'm', default_value = "10m", value_name = "DURATION")]
    pub max: String,
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
