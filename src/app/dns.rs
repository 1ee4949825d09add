//! `nook __dns`: the container networks' DNS responder, started by nook on each network's
//! gateway address in the rootless network namespace. Answers its names from the hosts file,
//! forwards the rest (`plan::network::dns` decides, `host::network::dns` serves).

use std::process::ExitCode;

use clap::Parser;

use crate::cli::DnsArgs;
use crate::error::Result;
use crate::host::network::dns::{Options, serve};
use crate::plan::network::dns::upstreams;

/// The hidden subcommand.
pub const SUBCOMMAND: &str = "__dns";

/// `nook __dns`'s own command line (an early entry of main's: not a subcommand of clap's, so
/// the completions do not offer it).
#[derive(Debug, Parser)]
#[command(
    name = "nook __dns",
    about = "The DNS responder of container networks (internal: nook starts it)"
)]
struct DnsCli {
    #[command(flatten)]
    args: DnsArgs,
}

/// The early entry: parse, serve; bad arguments are one line and 125.
pub fn main() -> ExitCode {
    let code = match DnsCli::try_parse_from(std::env::args_os().skip(1)) {
        Ok(cli) => dns(&cli.args).unwrap_or_else(|e| {
            eprintln!("Error: {e}");
            e.exit_code()
        }),
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            0
        }
        Err(e) => {
            eprintln!("Error: {}", crate::cli::usage_line(&e));
            125
        }
    };
    ExitCode::from(code)
}

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
