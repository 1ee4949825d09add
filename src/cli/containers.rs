//! The commands about containers that `nook run` made: ps, rm and port.

use clap::Args;

use super::Format;

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
pub struct PortArgs {
    /// Name or ID of the container
    pub container: String,
    /// Show only where this container port is published (PORT, PORT/tcp or PORT/udp)
    #[arg(value_name = "PORT")]
    pub port: Option<String>,
}
