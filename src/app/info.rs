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
    let nets = networks_json();
    let mut data = report.to_json();
    if let Some(o) = data.as_object_mut() {
        o.insert("networks".into(), nets.clone());
        o.insert(
            "desktop".into(),
            serde_json::to_value(&desktop.pieces).unwrap_or_default(),
        );
    }
    match args.format.as_str() {
        "table" | "" => print(&format!(
            "{}{}{}",
            report.to_table(),
            networks_table(&nets),
            desktop_table(&desktop)
        )),
        "json" => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&data).unwrap_or_default()
        )),
        f => print(&template::render(f, &data).map_err(Error::Usage)?),
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

/// The bridge networks and the rootless network namespace, for `nook info`.
fn networks_json() -> serde_json::Value {
    use crate::host::network::netns;
    let names: Vec<String> = crate::host::network::networks::Networks::open()
        .map(|n| n.list().into_iter().map(|r| r.name).collect())
        .unwrap_or_default();
    let state = netns::lock()
        .ok()
        .map(|l| (l.running(), l.state.leases.len()));
    let (holder, leases) = state.unwrap_or((None, 0));
    let way_out = match (holder, netns::program("iptables")) {
        (_, None) => "none: iptables is not installed (sudo apt-get install iptables)",
        (None, _) => "slirp4netns with iptables masquerading (when the namespace runs)",
        (Some(_), _) if netns::dir().join("way-out").exists() => "slirp4netns",
        (Some(_), _) => "none: slirp4netns did not start (see its log in the runtime directory)",
    };
    let dns = match holder {
        None => "nook __dns on each network's gateway (when the namespace runs)".to_string(),
        Some(_) => std::fs::read_to_string(netns::dir().join("dns"))
            .unwrap_or_else(|_| "starting".to_string()),
    };
    serde_json::json!({
        "names": names,
        "rootlessNetns": {
            "running": holder.is_some(),
            "pid": holder,
            "leases": leases,
            "wayOut": way_out,
            "dns": dns,
        },
    })
}

fn networks_table(v: &serde_json::Value) -> String {
    let names: Vec<&str> = v["names"]
        .as_array()
        .map(|a| a.iter().filter_map(|n| n.as_str()).collect())
        .unwrap_or_default();
    let r = &v["rootlessNetns"];
    format!(
        "networks:     {}\nrootless netns: running {}, pid {}, {} leases, way out: {}, dns: {}\n",
        names.join(", "),
        r["running"],
        r["pid"],
        r["leases"],
        r["wayOut"].as_str().unwrap_or(""),
        r["dns"].as_str().unwrap_or("")
    )
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
