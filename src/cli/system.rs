//! The commands about the machine and the store as a whole: info, unshare, system prune and
//! system reset.

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
