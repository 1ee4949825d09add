//! `nook __dns`: the container networks' DNS responder, started by nook on each network's
//! gateway address in the rootless network namespace. Answers its names from the hosts file,
//! forwards the rest (`plan::network::dns` decides, `host::network::dns` serves).

use crate::cli::DnsArgs;
use crate::error::Result;
use crate::host::network::dns::{Options, serve};
use crate::plan::network::dns::upstreams;

/// The hidden subcommand.
pub const SUBCOMMAND: &str = "__dns";

/// Serve until SIGTERM; exit 0 then.
pub fn dns(args: &DnsArgs) -> Result<u8> {
    let resolv_conf = match args.upstream.is_empty() && !args.no_upstream {
        true => std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default(),
        false => String::new(),
    };
    serve(Options {
        upstreams: match args.no_upstream {
            true => Vec::new(),
            false => upstreams(&args.upstream, &resolv_conf, &args.listen),
        },
        listen: args.listen.clone(),
        hosts: args.hosts.clone(),
        domain: args.domain.clone(),
    })?;
    Ok(0)
}
