//! `--desktop` on `nook run` and `nook create`: the host's display, sound and GPU pieces
//! (`plan::desktop` decides) added to the request.

use crate::cli::RunArgs;
use crate::error::{Error, Result};
use crate::host::facts;
use crate::plan;
use crate::plan::request::RunRequest;

/// `--desktop`: the display, sound and GPU pieces the host has, added to the request (no
/// display at all is a usage error, before anything is made).
pub fn desktop(args: &RunArgs, mut req: RunRequest) -> Result<RunRequest> {
    if !args.desktop {
        return Ok(req);
    }
    let host_network = matches!(req.network.mode, Some(plan::network::Mode::Host));
    let facts = facts::desktop(host_network);
    let d = plan::desktop::decide(&facts);
    if !d.display {
        return Err(Error::Usage(plan::desktop::no_display(&d)));
    }
    for w in &d.warnings {
        eprintln!("{w}");
    }
    plan::desktop::apply(&mut req, &d, args.userns.is_some(), &facts.host_name);
    Ok(req)
}
