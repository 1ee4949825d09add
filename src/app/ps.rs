//! The story of `nook ps` and `nook port`: the containers of this user.

use nix::unistd::getuid;

use crate::cli::{Format, PortArgs, PsArgs};
use crate::error::{Error, Result};
use crate::host::state::{ContainerRecord, Containers};
use crate::plan;

use super::output::{ago, now, print};

pub fn ps(args: &PsArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    let mut rows: Vec<_> = containers
        .list()
        .into_iter()
        .filter_map(|(_, r, running)| r.map(|r| (r, running)))
        .filter(|(_, running)| args.all || *running)
        .collect();
    rows.sort_by_key(|(r, _)| std::cmp::Reverse(r.created));
    let status = |r: &ContainerRecord, running: bool| match (running, r.exit_code) {
        (true, _) => "Up".to_string(),
        (false, Some(code)) => format!("Exited ({code})"),
        (false, None) => "Exited (unknown)".to_string(),
    };
    if args.format == Format::Json {
        let list: Vec<_> = rows
            .iter()
            .map(|(r, running)| {
                serde_json::json!({
                    "Id": r.id, "Names": [r.name], "Command": r.command,
                    "Created": r.created, "State": if *running { "running" } else { "exited" },
                    "ExitCode": r.exit_code, "Rootfs": r.rootfs,
                })
            })
            .collect();
        return print(&format!("{}\n", serde_json::Value::Array(list)));
    }
    let now = now();
    let mut text = format!(
        "{:<14}{:<24}{:<20}{:<18}{}\n",
        "CONTAINER ID", "COMMAND", "CREATED", "STATUS", "NAMES"
    );
    for (r, running) in &rows {
        let mut cmd = r.command.join(" ");
        if cmd.chars().count() > 22 {
            cmd = cmd.chars().take(19).collect::<String>() + "...";
        }
        text += &format!(
            "{:<14}{:<24}{:<20}{:<18}{}\n",
            &r.id[..r.id.len().min(12)],
            cmd,
            ago(r.created as i64, now),
            status(r, *running),
            r.name
        );
    }
    print(&text)
}

pub fn port(args: &PortArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let Some((_, record, _)) = containers.find(&args.container) else {
        return Err(Error::Usage(format!(
            "no container with name or ID {:?} found: see nook ps -a",
            args.container
        )));
    };
    let text =
        plan::network::port_lines(&record.ports, args.port.as_deref()).map_err(Error::Usage)?;
    print(&text)
}
