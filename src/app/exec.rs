//! `nook exec`, `nook top` and `nook stats`, top to bottom: find the running container, read
//! what the host knows, plan, then join it (exec) or read its /proc and cgroup (top, stats).

use std::collections::BTreeMap;
use std::io::IsTerminal;

use nix::unistd::getuid;

use crate::cli::{ExecArgs, StatsArgs, TopArgs};
use crate::error::{Error, Result};
use crate::host::state::Containers;
use crate::host::{exec as host_exec, relay, top as host_top};
use crate::plan::exec::{self as plan, ExecPlan, ExecRequest};
use crate::plan::top;

/// The request of a command line: the one place that reads `ExecArgs`.
pub fn request(args: &ExecArgs) -> ExecRequest {
    ExecRequest {
        command: args.command.clone(),
        env: args.env.clone(),
        interactive: args.interactive,
        tty: args.tty,
        detach: args.detach,
        user: args.user.clone(),
        workdir: args.workdir.clone(),
        privileged: args.privileged,
    }
}

pub fn exec(args: &ExecArgs) -> Result<u8> {
    super::globals::runtime_flags()?;
    let req = request(args);
    let containers = Containers::open(getuid().as_raw())?;
    let live = containers.live(&args.container)?;
    let facts = host_exec::facts(&args.env_file, req.tty && !req.detach)?;
    let process = plan::process(
        &live.plan.process,
        &req,
        &facts.host_env,
        &facts.env_files,
        facts.tty_size,
    )
    .map_err(Error::Usage)?;
    let plan = ExecPlan {
        pid: host_exec::joinable(live.pid).as_raw(),
        join: plan::namespaces_to_join(live.plan.own_netns),
        process,
        detach: req.detach,
    };
    let seccomp = host_exec::seccomp_program(&live)?;
    let signals = relay::take_signals()?;
    let mut session = host_exec::start(&plan, seccomp)?;
    let pid = session.wait_pid()?;
    let pty = match plan.process.tty {
        true => Some(session.wait_pty()?),
        false => None,
    };
    session.wait_started()?;
    let status = relay::run(
        &mut session,
        &signals,
        pid,
        pty,
        plan.process.interactive,
        None,
    )?;
    session.reap();
    Ok(status.code())
}

pub fn top(args: &TopArgs) -> Result<u8> {
    let (container, words) = args
        .words
        .split_first()
        .ok_or_else(|| Error::Usage("nook top needs a container: nook top CONTAINER".into()))?;
    let descriptors = top::descriptors(words).map_err(Error::Usage)?;
    let containers = Containers::open(getuid().as_raw())?;
    let live = containers.live(container)?;
    let procs = host_top::processes(live.pid);
    print!("{}", top::render(&descriptors, &procs));
    Ok(0)
}

/// One line per container as `--format` says (podman's table by default).
fn stats_text(format: Option<&str>, lines: &[BTreeMap<String, String>]) -> Result<String> {
    let default: String = format!(
        "table {}",
        top::STATS_COLUMNS
            .iter()
            .map(|(k, _)| format!("{{{{.{k}}}}}"))
            .collect::<Vec<_>>()
            .join("\\t")
    );
    let template = format.unwrap_or(&default);
    let text = top::format_stats(template, lines).map_err(Error::Usage)?;
    // A table's columns aligned as podman's are (tabs become padding).
    if template.starts_with("table") {
        let rows: Vec<Vec<String>> = text
            .lines()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect();
        if let Some((header, rows)) = rows.split_first() {
            return Ok(top::table(header, rows));
        }
    }
    Ok(text)
}

pub fn stats(args: &StatsArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let keys: Vec<String> = match args.containers.is_empty() {
        false => args.containers.clone(),
        true => containers
            .list()
            .into_iter()
            .filter(|(_, _, running)| *running)
            .filter_map(|(_, record, _)| record.map(|r| r.id))
            .collect(),
    };
    let mut targets = Vec::new();
    for key in &keys {
        let live = containers.live(key)?;
        let Some(dir) = host_top::own_cgroup(live.pid) else {
            return Err(Error::Usage(format!(
                "container {} has no cgroup of its own to read: nook stats needs cgroup v2 and a systemd user session (see nook info)",
                live.record.name
            )));
        };
        let started = live
            .record
            .started_ns
            .unwrap_or(live.record.created * 1_000_000_000);
        targets.push((live, dir, started));
    }
    let stream = !args.no_stream && std::io::stdout().is_terminal();
    let mut before: BTreeMap<String, top::Reading> = BTreeMap::new();
    loop {
        let now_ns = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let mut lines = Vec::new();
        for (live, dir, started) in &targets {
            let r = host_top::reading(&live.record.id, &live.record.name, live.pid, dir);
            let life = now_ns.saturating_sub(*started) / 1000;
            lines.push(top::fields(&r, before.get(&r.id), life));
            before.insert(r.id.clone(), r);
        }
        let text = stats_text(args.format.as_deref(), &lines)?;
        if stream {
            print!("\x1b[2J\x1b[H");
        }
        print!("{text}");
        if !stream {
            return Ok(0);
        }
        std::thread::sleep(std::time::Duration::from_secs(args.interval.max(1)));
    }
}
