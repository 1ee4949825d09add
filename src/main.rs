//! nook's entry point: the container side first, else parse, run, and map errors to one line
//! and an exit code.

use std::process::ExitCode;

/// The processes nook starts of itself, entered before anything else runs (no thread, no
/// parsing): each must stay single-threaded, and none is a command of clap's.
/// A process nook starts of itself: its first argument, and its entry point.
type Entry = (&'static str, fn() -> ExitCode);

const EARLY: [Entry; 6] = [
    // The container side: untouched by anything the host side sets up.
    ("__init", nook::init::main),
    // A container's monitor: detached, it owns the container's `__init` (whose parent-death
    // signal needs the thread that started it to live as long as the container).
    (nook::app::monitor::SUBCOMMAND, nook::app::monitor::main),
    // The port forwarder's helper: it joins a user namespace, which a process with threads
    // cannot.
    (
        nook::host::network::portfwd_child::SUBCOMMAND,
        nook::host::network::portfwd_child::main,
    ),
    // The rootless network namespace's manager: it forks a child that joins a user namespace.
    (
        nook::host::network::netns::SUBCOMMAND,
        nook::host::network::netns::main,
    ),
    // The systemd user generator, early in the user manager's start (a hidden command of
    // clap's would still show in the completions).
    (nook::app::generate::SUBCOMMAND, nook::app::generate::main),
    // A network's DNS responder, one per network in the rootless network namespace.
    (nook::app::dns::SUBCOMMAND, nook::app::dns::main),
];

fn main() -> ExitCode {
    nook::trace::step("main");
    if let Some(first) = std::env::args_os().nth(1)
        && let Some((_, entry)) = EARLY.iter().find(|(name, _)| first == *name)
    {
        return entry();
    }
    let cli = match nook::cli::Cli::from_command_line(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    nook::trace::step("parsed");
    let applied = nook::app::globals::apply(&cli.globals);
    match applied.and_then(|()| nook::app::dispatch(cli.command)) {
        Ok(code) => {
            nook::trace::step("done");
            ExitCode::from(code)
        }
        Err(e) => {
            eprintln!("Error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// clap's errors, as one line (help and version go to stdout with status 0).
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                125
            } else {
                0
            },
        );
    }
    let first = nook::cli::usage_line(&e);
    use clap::CommandFactory;
    let known = nook::cli::Cli::command();
    let sub = std::env::args()
        .nth(1)
        .filter(|a| known.get_subcommands().any(|s| s.get_name() == a));
    let help = match sub {
        Some(s) => format!("nook {s} --help"),
        None => "nook --help".to_string(),
    };
    eprintln!("Error: {first}; see '{help}'");
    ExitCode::from(125)
}
