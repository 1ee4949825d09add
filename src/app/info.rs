//! The story of `nook info` and `nook version`.

use crate::cli::{InfoArgs, VersionArgs};
use crate::error::{Error, Result};
use crate::host::facts;
use crate::plan;

use super::output::print;
use super::template;

pub fn info(args: &InfoArgs) -> Result<u8> {
    let report = plan::info::report(&facts::for_info());
    let desktop = plan::desktop::decide(&facts::desktop(false));
    let json = || {
        let mut v = report.to_json();
        if let serde_json::Value::Object(m) = &mut v {
            m.insert(
                "desktop".into(),
                serde_json::to_value(&desktop.pieces).unwrap_or_default(),
            );
        }
        v
    };
    match args.format.as_str() {
        "table" | "" => print(&format!("{}{}", report.to_table(), desktop_table(&desktop))),
        "json" => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&json()).unwrap_or_default()
        )),
        f => print(&template::render(f, &json()).map_err(Error::Usage)?),
    }
}

/// The pieces `nook run --desktop` would give a container from this session.
fn desktop_table(d: &plan::desktop::Desktop) -> String {
    let mut out = String::from("\ndesktop (nook run --desktop):\n");
    for p in &d.pieces {
        let mark = if p.present { "ok" } else { "-" };
        out.push_str(&format!("{mark:<4}{:<12}{}\n", p.name, p.detail));
    }
    if !d.display {
        out.push_str("    (no display: --desktop refuses to run from this session)\n");
    }
    out
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
