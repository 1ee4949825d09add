//! The network commands: network create, ls, inspect, rm, prune, exists, connect and disconnect.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Create a bridge network (prints its name)
    Create(NetworkCreateArgs),
    /// List networks
    #[command(alias = "list")]
    Ls(NetworkLsArgs),
    /// Show networks' details as JSON
    Inspect(NetworkInspectArgs),
    /// Remove networks
    #[command(alias = "remove")]
    Rm(NetworkRmArgs),
    /// Remove every network no container uses (the default network stays)
    Prune(NetworkPruneArgs),
    /// Exit 0 when the network exists, 1 when it does not
    Exists(NetworkExistsArgs),
    /// Put a container on a network too (a stopped one joins it at its next start)
    Connect(NetworkConnectArgs),
    /// Take a container off a network
    Disconnect(NetworkDisconnectArgs),
}

#[derive(Debug, Args)]
pub struct NetworkCreateArgs {
    /// The network's name
    pub name: String,
    /// The driver: bridge (the only one)
    #[arg(long, short = 'd', value_name = "DRIVER")]
    pub driver: Option<String>,
    /// The network's IPv4 subnet (default: the first free /24 of 10.89.0.0/16)
    #[arg(long, value_name = "CIDR")]
    pub subnet: Option<String>,
    /// The gateway's address (default: the subnet's first)
    #[arg(long, value_name = "IP")]
    pub gateway: Option<String>,
    /// No way out of the network: its containers reach only each other
    #[arg(long)]
    pub internal: bool,
    /// Set a label on the network (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Succeed when the network already exists
    #[arg(long)]
    pub ignore: bool,
    /// A driver option: mtu=N, the MTU of the bridge and the containers' interfaces on it
    /// (default 65520, slirp4netns's)
    #[arg(long, short = 'o', value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NetworkLsArgs {
    /// Print only the networks' names
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// `table`, `json`, a Go template (`{{.Name}}`) or `table TEMPLATE`
    #[arg(long, default_value = "")]
    pub format: String,
    /// Print no header row
    #[arg(long, short = 'n', alias = "no-heading")]
    pub noheading: bool,
    /// Show only the networks that match: name=NAME (a substring), driver=bridge
    #[arg(long, short = 'f', value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NetworkInspectArgs {
    /// The networks
    #[arg(required = true)]
    pub names: Vec<String>,
    /// `json` (the default) or a Go template run for each network (`{{.Subnets}}`)
    #[arg(long, short = 'f', default_value = "json")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct NetworkRmArgs {
    /// The networks
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Remove the containers that use the network too; a network that does not exist is
    /// no error
    #[arg(long, short = 'f')]
    pub force: bool,
    /// Seconds the containers removed with -f get to stop before they are killed (-1: each
    /// container's own stop timeout)
    #[arg(
        long,
        short = 't',
        value_name = "SECONDS",
        allow_hyphen_values = true,
        default_value = "10"
    )]
    pub time: i64,
}

#[derive(Debug, Args)]
pub struct NetworkPruneArgs {
    /// Do not ask for confirmation (nook never asks)
    #[arg(long, short = 'f')]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct NetworkExistsArgs {
    /// The network
    pub name: String,
}

#[derive(Debug, Args)]
pub struct NetworkConnectArgs {
    /// The container's address on the network (default: the first free one)
    #[arg(long, value_name = "IP")]
    pub ip: Option<std::net::Ipv4Addr>,
    /// Another name the container is found by on this network (repeat for more)
    #[arg(long, value_name = "NAME")]
    pub alias: Vec<String>,
    /// The network
    pub network: String,
    /// The container (name or ID)
    pub container: String,
}

#[derive(Debug, Args)]
pub struct NetworkDisconnectArgs {
    /// Accepted for podman's sake (a running container is always disconnected)
    #[arg(long, short = 'f')]
    pub force: bool,
    /// The network
    pub network: String,
    /// The container (name or ID)
    pub container: String,
}
