//! The story of each command, top to bottom, one call per step.

use std::io::{IsTerminal, Write};

use nix::unistd::{Pid, getuid};

use crate::cli::{
    Command, Format, ImageCommand, InfoArgs, PortArgs, PsArgs, PullPolicy, RmArgs, RunArgs,
    VolumeCommand,
};
use crate::error::{Error, Result};
use crate::host::spawn::Init;
use crate::host::state::Store;
use crate::host::{cgroup, facts, idmap, network, probe, relay, seccomp, volume};
use crate::plan;
use crate::plan::overlay::Driver;
use crate::proto::{FromInit, ToInit};
use crate::store::commands as images;

mod pull;

/// Run a parsed command; returns the process exit code.
pub fn dispatch(command: Command) -> Result<u8> {
    // Must happen before the command touches the store: what an older nook left readable by
    // other users is made private first (a few stats; one line when something changed).
    crate::store::private::repair();
    match command {
        Command::Run(args) => run(&args),
        Command::Info(args) => info(&args),
        Command::Ps(args) => ps(&args),
        Command::Rm(args) => rm(&args),
        Command::Port(args) => port(&args),
        Command::Load(args) => images::load(&args),
        Command::Images(args) => images::images(&args),
        Command::Rmi(args) => images::rmi(&args),
        Command::Tag(args) => images::tag(&args),
        Command::Image(cmd) => match cmd {
            ImageCommand::Inspect(args) => images::inspect(&args),
            ImageCommand::Prune(args) => images::prune(&args),
            ImageCommand::Ls(args) => images::images(&args),
            ImageCommand::Rm(args) => images::rmi(&args),
            ImageCommand::Load(args) => images::load(&args),
            ImageCommand::Tag(args) => images::tag(&args),
        },
        Command::Pull(args) => pull::pull(&args),
        Command::Login(args) => pull::login(&args),
        Command::Logout(args) => pull::logout(&args),
        Command::Volume(cmd) => match cmd {
            VolumeCommand::Create(args) => volume::create_cmd(&args),
            VolumeCommand::Ls(args) => volume::ls(&args),
            VolumeCommand::Inspect(args) => volume::inspect(&args),
            VolumeCommand::Rm(args) => volume::rm(&args),
            VolumeCommand::Prune(args) => volume::prune(&args),
        },
        Command::Unshare(args) => crate::host::unshare::unshare(&args),
        Command::System(cmd) => match cmd {
            crate::cli::SystemCommand::Prune(args) => crate::host::system::prune(&args),
            crate::cli::SystemCommand::Reset(args) => crate::host::system::reset(&args),
        },
    }
}

fn warn(msg: &str) {
    eprintln!("Warning: {msg}");
}

pub fn run(args: &RunArgs) -> Result<u8> {
    // Must happen before anything is created: a bad spec or a missing host path fails the
    // run with nothing left behind.
    let requests =
        plan::volume::parse_all(&args.volume, &args.mount, &args.tmpfs).map_err(Error::Usage)?;
    let image = match args.rootfs {
        true => None,
        false => Some(image_for_run(args)?),
    };
    let store = Store::open(getuid().as_raw())?;
    store.reap_stale();
    let mut facts = facts::gather(args, |id| store.container_dir(id))?;
    facts.image = image;
    (facts.mounts, facts.volumes) = volume::resolve(&requests)?;
    let mut plan = plan::run::build(args, &facts)?;
    // Must happen before anything is created: a driver that cannot be used fails the run with
    // nothing to undo (and a first run's probe leaves nothing behind either).
    let driver = match &plan.root {
        plan::run::Root::Image { store, .. } => {
            Some(crate::host::driver::choose(args.storage_driver, store)?)
        }
        plan::run::Root::Dir => None,
    };
    if let Some(filter) = &plan.process.seccomp {
        plan.process.seccomp_program = Some(seccomp::program(filter)?);
    }
    if let Some(w) = &plan.ids.warning {
        warn(w);
    }
    if let Some(i) = &plan.info {
        eprintln!("Info: {i}");
    }
    // Must happen before anything is created: a limit that cannot be enforced fails the run
    // with nothing to undo.
    let cgroup = cgroup::prepare(args, &plan.id, &plan.name, &facts.user_name)?;
    // Must happen before anything is created: a port in use fails with nothing to undo.
    let reserved = network::reserve_ports(&mut plan.network.ports)?;
    let signals = relay::take_signals()?;
    let container = store.create(&plan)?;
    // Must happen after every check of the request (a taken name, a port in use): a run
    // refused leaves no new volume.
    volume::create_all(&plan.volumes)?;
    // Declared after the container: dropped (removed from inside the user namespace) before
    // the container's directory goes.
    let rootfs = match (&plan.root, driver) {
        (plan::run::Root::Image { blobs, layers, .. }, Some((driver, kernel))) => {
            Some(match driver {
                Driver::Overlay => {
                    let spec =
                        plan::overlay::for_container(layers, container.dir(), kernel, plan.remove)
                            .map_err(Error::Usage)?;
                    let guard = images::Rootfs::overlay(&spec.mount)?;
                    plan.overlay = Some(spec);
                    guard
                }
                Driver::FuseOverlayfs => {
                    let program = facts::find_program("fuse-overlayfs").ok_or_else(|| {
                    Error::Usage(
                        "fuse-overlayfs is not installed: sudo apt-get install fuse-overlayfs, or use --storage-driver vfs".into(),
                    )
                })?;
                    let spec = plan::overlay::fuse_for_container(
                        layers,
                        container.dir(),
                        &program,
                        plan.remove,
                    )
                    .map_err(Error::Usage)?;
                    let guard = images::Rootfs::overlay(&spec.mount)?;
                    plan.overlay = Some(spec);
                    guard
                }
                Driver::Vfs => images::Rootfs::create(blobs, &plan.rootfs)?,
            })
        }
        _ => None,
    };
    let mut init = Init::spawn()?;
    // Asked now, so that the D-Bus exchange overlaps the namespace setup.
    let pending = cgroup::start(cgroup, init.pid());
    init.send(&ToInit::Start(Box::new(plan.clone())))?;
    expect(&mut init, "Unshared", |m| matches!(m, FromInit::Unshared))?;
    idmap::write_maps(init.pid(), &plan.ids)?;
    init.send(&ToInit::MapsWritten)?;
    expect(&mut init, "Ready", |m| matches!(m, FromInit::Ready))?;
    // Must happen before Go because __init creates its cgroup namespace on Go, rooted in
    // the cgroup it is in.
    let cg = pending.ready(init.pid())?;
    // The helper attaches to __init's namespaces (they exist from Ready on) while PID 1
    // prepares the root; PID 1 waits for `ready`'s byte before the command starts (it may
    // use the network at once), sent once the interface is configured and every port is
    // published.
    let ready = network::ready_pipe(&plan.network)?;
    init.chan
        .send(&ToInit::Go, ready.as_ref().map(|(r, _)| r))
        .map_err(crate::host::spawn::init_error)?;
    let net = network::start(&plan.network, init.pid(), container.dir(), reserved)?;
    if let Some((_, w)) = ready {
        network::signal_ready(w)?;
    }
    let pid1 = match init.recv()? {
        (FromInit::Pid(pid), _) => Pid::from_raw(pid),
        (other, _) => return Err(unexpected("Pid", &other)),
    };
    let pty = if plan.process.tty {
        match init.recv()? {
            (FromInit::Pty, Some(fd)) => Some(fd),
            (other, _) => return Err(unexpected("Pty", &other)),
        }
    } else {
        None
    };
    if let Some(cg) = &cg {
        cg.release_init(init.pid());
    }
    expect(&mut init, "Started", |m| matches!(m, FromInit::Started))?;
    let status = relay::run(&mut init, &signals, pid1, pty, plan.process.interactive)?;
    // Must happen before __init is reaped: its scope goes away with it.
    let (oom, stats) = match &cg {
        Some(cg) => cg.report(args.stats),
        None => (None, args.stats.then(|| cgroup::no_stats().to_string())),
    };
    init.reap();
    drop(cg);
    if let Some(line) = oom {
        eprintln!("{line}");
    }
    if let Some(text) = stats {
        eprint!("{text}");
    }
    // Must happen before the state is finished: the helper's socket and log live in it.
    if let Some(net) = net {
        net.stop();
    }
    match rootfs {
        Some(r) if !plan.remove => r.keep(),
        other => drop(other),
    }
    container.finish(plan.remove, status.code());
    Ok(status.code())
}

/// The image of `nook run IMAGE`, pulled first as `--pull` says.
fn image_for_run(args: &RunArgs) -> Result<plan::image_config::ImageFacts> {
    // One reading of the store unless the image must be pulled.
    if args.pull != PullPolicy::Always {
        match images::resolve_for_run(&args.image)? {
            Some(image) => return Ok(image),
            None if args.pull == PullPolicy::Never => {
                return Err(images::not_found_for_run(&args.image));
            }
            None => {}
        }
    }
    images::directory_hint(&args.image)?;
    let name = plan::image_ref::ImageRef::parse(&args.image).map_err(Error::Usage)?;
    let platform = args
        .platform
        .as_deref()
        .map(crate::image::manifest::parse_platform)
        .transpose()
        .map_err(Error::Usage)?;
    let opts = crate::image::PullOptions {
        platform,
        tls_verify: args.tls_verify,
        credentials: None,
        progress: std::io::stderr().is_terminal(),
        jobs: 0,
    };
    pull::pull_image(&name, &opts)?;
    images::resolve_for_run(&args.image)?.ok_or_else(|| images::not_found_for_run(&args.image))
}

fn unexpected(want: &str, got: &FromInit) -> Error {
    Error::Usage(format!(
        "internal error: expected {want} from the container side, got {got:?}"
    ))
}

fn expect(init: &mut Init, want: &str, ok: impl Fn(&FromInit) -> bool) -> Result<()> {
    let (msg, _) = init.recv()?;
    if ok(&msg) {
        Ok(())
    } else {
        Err(unexpected(want, &msg))
    }
}

fn print(text: &str) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(0),
        // A closed pipe (nook info | head) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(Error::io("cannot write to standard output", e)),
    }
}

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

fn age(created: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(created);
    let secs = now.saturating_sub(created);
    match secs {
        0..60 => format!("{secs} seconds ago"),
        60..3600 => format!("{} minutes ago", secs / 60),
        3600..86400 => format!("{} hours ago", secs / 3600),
        _ => format!("{} days ago", secs / 86400),
    }
}

pub fn ps(args: &PsArgs) -> Result<u8> {
    let store = Store::open(getuid().as_raw())?;
    store.reap_stale();
    let mut rows: Vec<_> = store
        .list()
        .into_iter()
        .filter_map(|(_, r, running)| r.map(|r| (r, running)))
        .filter(|(_, running)| args.all || *running)
        .collect();
    rows.sort_by_key(|(r, _)| std::cmp::Reverse(r.created));
    let status = |r: &crate::host::state::Record, running: bool| match (running, r.exit_code) {
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
            age(r.created),
            status(r, *running),
            r.name
        );
    }
    print(&text)
}

pub fn port(args: &PortArgs) -> Result<u8> {
    let store = Store::open(getuid().as_raw())?;
    let Some((_, record, _)) = store.find(&args.container) else {
        return Err(Error::Usage(format!(
            "no container with name or ID {:?} found: see nook ps -a",
            args.container
        )));
    };
    let text = plan::network::port_lines(&record.ports, args.port.as_deref())?;
    print(&text)
}

pub fn rm(args: &RmArgs) -> Result<u8> {
    let store = Store::open(getuid().as_raw())?;
    store.reap_stale();
    let targets: Vec<String> = if args.all {
        store
            .list()
            .into_iter()
            .filter(|(_, _, running)| !running)
            .filter_map(|(_, r, _)| r.map(|r| r.id))
            .collect()
    } else {
        args.containers.clone()
    };
    let mut failed = None;
    for key in &targets {
        match store.find(key) {
            Some((_, r, true)) => {
                failed = Some(Error::Usage(format!(
                    "container {} is running: stop it first (it ends when its command does)",
                    r.name
                )))
            }
            Some((dir, r, false)) => {
                store.remove(&dir, &r.name);
                println!("{}", r.id);
            }
            None if args.ignore => {}
            None => {
                failed = Some(Error::Usage(format!(
                    "no container with name or ID {key:?} found: see nook ps -a"
                )))
            }
        }
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}
