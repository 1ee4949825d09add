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
    let level = match nook::app::globals::level(&cli.globals) {
        Ok(level) => level,
        Err(message) => {
            // podman's words and status for a bad --log-level, with no "Error:".
            eprintln!("{message}");
            return ExitCode::from(1);
        }
    };
    let applied = nook::app::globals::apply(&cli.globals, level);
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
        if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            // The help on standard output, then podman's words for a command that needs a
            // subcommand.
            let path = command_path();
            let _ = help_of(&path).print_help();
            eprintln!("Error: missing command '{path} COMMAND'");
            return ExitCode::from(125);
        }
        let _ = e.print();
        return ExitCode::from(0);
    }
    let path = command_path();
    if e.kind() == ErrorKind::MissingSubcommand {
        // As without flags: the command's help, then podman's words.
        let _ = help_of(&path).print_help();
        eprintln!("Error: missing command '{path} COMMAND'");
        return ExitCode::from(125);
    }
    if e.kind() == ErrorKind::InvalidSubcommand {
        // podman's words ("unrecognized command `podman pod nosuch`"), on one line.
        let word = e
            .get(clap::error::ContextKind::InvalidSubcommand)
            .map(|v| v.to_string())
            .unwrap_or_default();
        eprintln!("Error: unrecognized command `{path} {word}`; see '{path} --help'");
        return ExitCode::from(125);
    }
    let first = nook::cli::usage_line(&e);
    eprintln!("Error: {first}; see '{path} --help'");
    ExitCode::from(125)
}

/// The command named by `path` ("nook pod"), for its help.
fn help_of(path: &str) -> clap::Command {
    use clap::CommandFactory;
    let mut command = nook::cli::Cli::command().bin_name("nook");
    command.build();
    for word in path.split(' ').skip(1) {
        if let Some(sub) = command.find_subcommand(word) {
            let sub = sub.clone();
            command = sub;
        }
    }
    command
}

/// "nook" and the commands named on the command line (`nook pod create`), as far as they are
/// nook's.
fn command_path() -> String {
    use clap::CommandFactory;
    let mut command = nook::cli::Cli::command();
    let mut path = String::from("nook");
    for word in std::env::args().skip(1).filter(|a| !a.starts_with('-')) {
        // Other words are flags' values or arguments.
        if let Some(sub) = command.find_subcommand(&word) {
            path = format!("{path} {}", sub.get_name());
            let sub = sub.clone();
            command = sub;
        }
    }
    path
}
