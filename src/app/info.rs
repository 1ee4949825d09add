//! The story of `nook info` and `nook version`.

use crate::cli::{InfoArgs, VersionArgs};
use crate::error::{Error, Result};
use crate::host::facts;
use crate::plan;

use super::output::print;
use super::template;

pub fn info(args: &InfoArgs) -> Result<u8> {
    let report = plan::info::report(&facts::for_info());
    match args.format.as_str() {
        "table" | "" => print(&report.to_table()),
        "json" => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report.to_json()).unwrap_or_default()
        )),
        f => print(&template::render(f, &report.to_json()).map_err(Error::Usage)?),
    }
}

/// `nook version`: podman's layout, nook's facts (the Rust compiler stands for Go's).
pub fn version(args: &VersionArgs) -> Result<u8> {
    let v = plan::info::version();
    let data = serde_json::json!({ "Client": v });
    if !args.format.is_empty() {
        return print(&template::render(&args.format, &data).map_err(Error::Usage)?);
    }
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let rows = [
        ("Client:", "nook".to_string()),
        ("Version:", s("Version")),
        ("API Version:", s("APIVersion")),
        ("Rust Version:", s("RustVersion")),
        ("Built:", s("BuiltTime")),
        ("OS/Arch:", s("OsArch")),
    ];
    let text: String = rows.iter().map(|(k, v)| format!("{k:<14}{v}\n")).collect();
    print(&text)
}
