//! nook's entry point: the container side first, else parse, run, and map errors to one line
//! and an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Must be the very first statement: `__init` has to stay single-threaded and untouched
    // by anything the host side sets up.
    if std::env::args_os().nth(1).is_some_and(|a| a == "__init") {
        return nook::init::main();
    }
    // A container's monitor: detached, it owns the container's `__init` (whose parent-death
    // signal needs the thread that started it to live as long as the container).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == nook::app::monitor::SUBCOMMAND)
    {
        return nook::app::monitor::main();
    }
    // The same for the port forwarder's helper: it joins a user namespace, which a process
    // with threads cannot.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == nook::host::network::portfwd_child::SUBCOMMAND)
    {
        return nook::host::network::portfwd_child::main();
    }
    // The systemd user generator: early in the user manager's start, outside clap (a
    // hidden command would still show in the completions).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == nook::app::generate::SUBCOMMAND)
    {
        return nook::app::generate::main();
    }
    let cli = match nook::cli::Cli::from_command_line(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let applied = nook::app::globals::apply(&cli.globals);
    match applied.and_then(|()| nook::app::dispatch(cli.command)) {
        Ok(code) => ExitCode::from(code),
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
    let rendered = e.render().to_string();
    let first = rendered.lines().next().unwrap_or("invalid arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
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
