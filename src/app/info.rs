//! The story of `nook info`.

use crate::cli::{Format, InfoArgs};
use crate::error::Result;
use crate::host::probe;
use crate::plan;

use super::output::print;

pub fn info(args: &InfoArgs) -> Result<u8> {
    let mut facts = probe::gather();
    probe::store(&mut facts);
    let report = plan::info::report(&facts);
    match args.format {
        Format::Table => print(&report.to_table()),
        Format::Json => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report.to_json()).unwrap_or_default()
        )),
    }
}
