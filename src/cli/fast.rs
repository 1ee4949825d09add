//! The command line of `nook run` without clap's whole tree: building every command's
//! arguments (about 60 commands) costs a start about a millisecond of CPU and 300 page
//! faults, so a command line that starts with `run` is parsed by a tree of `run` alone.
//! Anything it does not parse (help, version, a mistake) goes to the full tree, which
//! gives the answer and the message; the tree of `run` is the full tree's (unit test).

use std::ffi::OsString;

use clap::{Args, FromArgMatches};

use super::{Cli, Command, GlobalArgs, RunArgs};

/// The top of the tree with `run` as its one command: `Cli`'s attributes, `Command::Run`'s.
fn run_tree() -> clap::Command {
    let top = clap::Command::new("nook")
        .version(env!("CARGO_PKG_VERSION"))
        .propagate_version(true)
        .disable_help_subcommand(true)
        .args_override_self(true);
    let run = <Box<RunArgs> as Args>::augment_args(clap::Command::new("run"))
        .about("Run a command in a new container")
        .long_about(None);
    GlobalArgs::augment_args(top).subcommand(run)
}

/// `args` parsed, when they are a `run` command line that parses; else None (the caller
/// parses them with the full tree).
pub(super) fn run_only(args: &[OsString]) -> Option<Cli> {
    if args.get(1).is_none_or(|a| a != "run") {
        return None;
    }
    let matches = run_tree().try_get_matches_from(args).ok()?;
    let globals = GlobalArgs::from_arg_matches(&matches).ok()?;
    let ("run", sub) = matches.subcommand()? else {
        return None;
    };
    let run = <Box<RunArgs> as FromArgMatches>::from_arg_matches(sub).ok()?;
    Some(Cli {
        globals,
        command: Command::Run(run),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn argv(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn the_run_tree_is_the_full_trees_run() {
        let mut full = Cli::command();
        full.build();
        let mut fast = run_tree();
        fast.build();
        let of = |c: &clap::Command| format!("{:?}", c.find_subcommand("run").expect("run"));
        assert_eq!(of(&fast), of(&full));
        let globals = |c: &clap::Command| {
            c.get_arguments()
                .map(|a| format!("{a:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(globals(&fast), globals(&full));
    }

    #[test]
    fn run_command_lines_parse_as_the_full_tree_parses_them() {
        for line in [
            "nook run --rm --network none --rootfs /r true",
            "nook run -it --name a -e A=1 -v /x:/y:ro -p 8080:80 busybox sh -c echo",
            "nook run --rm --root /s --cgroup-manager cgroupfs busybox ls -l",
            "nook run --security-opt seccomp=unconfined --cap-add NET_ADMIN img -- a --b",
            "nook run -d --replace --name x img",
        ] {
            let fast = run_only(&argv(line)).expect(line);
            let full = <Cli as clap::Parser>::try_parse_from(argv(line)).expect(line);
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{line}");
        }
    }

    #[test]
    fn anything_else_goes_to_the_full_tree() {
        for line in [
            "nook ps",
            "nook --root /s run img",
            "nook run --help",
            "nook run --version",
            "nook run --no-such-flag img",
            "nook run",
        ] {
            assert!(run_only(&argv(line)).is_none(), "{line}");
        }
    }
}
