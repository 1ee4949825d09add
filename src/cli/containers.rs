//! The commands about containers that `nook run` made: ps, rm, port, inspect and exists.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show containers of every state (default: the running ones)
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Print the IDs only
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Show the latest container made (of any state)
    #[arg(long, short = 'l')]
    pub latest: bool,
    /// Show the N latest containers made (of any state)
    #[arg(long = "last", short = 'n', value_name = "N")]
    pub last: Option<usize>,
    /// Do not shorten IDs and commands
    #[arg(long)]
    pub no_trunc: bool,
    /// Show the size of each container's own files, and with its image's
    #[arg(long, short = 's')]
    pub size: bool,
    /// Print no header row
    #[arg(long, alias = "no-heading")]
    pub noheading: bool,
    /// Accepted for podman's scripts: nook has no containers of other tools to show
    #[arg(long)]
    pub external: bool,
    /// Show the pod of each container (POD ID and PODNAME columns)
    #[arg(long, short = 'p')]
    pub pod: bool,
    /// Show only the containers that match: name=, id=, status=, label=, ancestor=, exited=
    /// (several of one key: any; of different keys: all)
    #[arg(long, short = 'f', value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// `json`, a Go template (`{{.Names}}`), or `table TEMPLATE` (with a header row)
    #[arg(long, default_value = "")]
    pub format: String,
    /// Order by command, created, id, image, names, runningfor, size or status
    #[arg(long, default_value = "created")]
    pub sort: String,
}

#[derive(Debug, Args)]
pub struct PortArgs {
    /// Name or ID of the container
    pub container: String,
    /// Show only where this container port is published (PORT, PORT/tcp or PORT/udp)
    #[arg(value_name = "PORT")]
    pub port: Option<String>,
}

/// What `inspect` looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InspectType {
    /// A container, else an image, else a volume
    All,
    Container,
    Image,
    Volume,
}

#[derive(Debug, Args)]
pub struct AnyInspectArgs {
    /// Names or IDs of containers, images or volumes
    #[arg(required_unless_present = "latest")]
    pub names: Vec<String>,
    /// What the names are
    #[arg(long = "type", short = 't', value_enum, default_value_t = InspectType::All)]
    pub kind: InspectType,
    /// `json` (the default) or a Go template run for each one (`{{.State.Status}}`)
    #[arg(long, short = 'f', default_value = "json")]
    pub format: String,
    /// Inspect the latest container made
    #[arg(long, short = 'l')]
    pub latest: bool,
    /// Accepted for podman's scripts (sizes are not computed)
    #[arg(long, short = 's')]
    pub size: bool,
}

#[derive(Debug, Args)]
pub struct ContainerInspectArgs {
    /// Names or IDs of containers
    #[arg(required_unless_present = "latest")]
    pub names: Vec<String>,
    /// `json` (the default) or a Go template run for each one (`{{.State.Status}}`)
    #[arg(long, short = 'f', default_value = "json")]
    pub format: String,
    /// Inspect the latest container made
    #[arg(long, short = 'l')]
    pub latest: bool,
    /// Accepted for podman's scripts (sizes are not computed)
    #[arg(long, short = 's')]
    pub size: bool,
}

#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// Name or ID
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum ContainerCommand {
    /// Show containers as JSON or through a template
    Inspect(ContainerInspectArgs),
    /// Exit 0 if the container exists, 1 if not
    Exists(ExistsArgs),
    /// List containers
    #[command(alias = "ps", alias = "list")]
    Ls(PsArgs),
    /// List a container's published ports
    Port(PortArgs),
    /// Remove containers (as nook rm)
    Rm(super::RmArgs),
}
