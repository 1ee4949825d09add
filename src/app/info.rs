//! The story of `nook info`.

use crate::cli::{Format, InfoArgs};
use crate::error::Result;
use crate::host::facts;
use crate::plan;

use super::output::print;

pub fn info(args: &InfoArgs) -> Result<u8> {
    let report = plan::info::report(&facts::for_info());
    match args.format {
        Format::Table => print(&report.to_table()),
        Format::Json => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report.to_json()).unwrap_or_default()
        )),
    }
}
