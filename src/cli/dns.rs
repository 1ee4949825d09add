//! `nook __dns`: the hidden command of the container networks' DNS responder (started by
//! nook in the rootless network namespace, one per network; not for users).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

use crate::plan::network::dns::{DEFAULT_DOMAIN, parse_endpoint};

#[derive(Debug, Args)]
pub struct DnsArgs {
    /// Answer on this address, UDP and TCP (IP:PORT; repeat for more)
    #[arg(long, value_name = "IP:PORT", required = true, value_parser = parse_endpoint)]
    pub listen: Vec<SocketAddr>,
    /// The names to answer, in /etc/hosts syntax (re-read when it changes)
    #[arg(long, value_name = "FILE")]
    pub hosts: PathBuf,
    /// Forward other queries here (IP[:PORT]; repeat for more; default: /etc/resolv.conf's)
    #[arg(long, value_name = "IP[:PORT]", value_parser = parse_endpoint)]
    pub upstream: Vec<SocketAddr>,
    /// Forward nothing: answer only the names of the hosts file (an internal network)
    #[arg(long, conflicts_with = "upstream")]
    pub no_upstream: bool,
    /// The domain of the names (answered with or without it; empty for none)
    #[arg(long, value_name = "DOMAIN", default_value = DEFAULT_DOMAIN)]
    pub domain: String,
}
