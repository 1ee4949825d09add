//! The command line of `nook run` without clap's whole tree: building every command's
//! arguments (about 60 commands) costs a start about a millisecond of CPU and 300 page
//! faults, so a command line that starts with `run` is parsed by a tree of `run` alone.
//! Anything it does not parse (help, version, a mistake) goes to the full tree, which
//! gives the answer and the message; the tree of `run` is the full tree's (unit test).

use std::ffi::OsString;

use clap::{Args, FromArgMatches};

use super::{Cli, Command, GlobalArgs, RunArgs};
use crate::plan::network::parse_mode;

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
    if let Some(cli) = simple_run(args) {
        return Some(cli);
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

/// `run`'s arguments as clap gives them for a line with no flag (unit test: the same).
fn run_defaults() -> RunArgs {
    let mut run = RunArgs::default();
    // The flags whose clap default is not their type's.
    run.host.http_proxy = true;
    run
}

/// The commonest `run` lines without clap at all (building even the tree of `run` alone
/// costs a start about 0.3 ms): only the flags below, each in its plain form, before the
/// image; anything else (another flag, a value clap would refuse or read otherwise, `--`,
/// the environment's NOOK_STORAGE_DRIVER) is None, for clap to parse. Unit tests hold
/// every line it takes to clap's parse of it.
fn simple_run(args: &[OsString]) -> Option<Cli> {
    if std::env::var_os("NOOK_STORAGE_DRIVER").is_some() {
        return None;
    }
    let mut run = run_defaults();
    let mut words = args.iter().skip(2).map(|a| a.to_str());
    while let Some(word) = words.next() {
        let word = word?;
        if !word.starts_with('-') {
            run.words.push(word.to_string());
            for rest in words.by_ref() {
                run.words.push(rest?.to_string());
            }
            break;
        }
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v)),
            _ => (word, None),
        };
        let mut value = || -> Option<String> {
            let v = match inline {
                Some(v) => v,
                None => words.next()??,
            };
            (!v.is_empty() && !v.starts_with('-')).then(|| v.to_string())
        };
        match flag {
            "--rm" if inline.is_none() => run.rm = true,
            "--rootfs" if inline.is_none() => run.rootfs = true,
            "--network" | "--net" => run.network.push(parse_mode(&value()?).ok()?),
            "--name" => run.name = Some(value()?),
            "-e" | "--env" => run.env.push(value()?),
            "-v" | "--volume" => run.volume.push(value()?),
            "-p" | "--publish" => run.publish.push(value()?),
            "-w" | "--workdir" => run.workdir = Some(value()?),
            "-u" | "--user" => run.user = Some(value()?),
            // Short switches, alone or together (`-it`, `-dit`).
            f if f.len() > 1 && !f.starts_with("--") && inline.is_none() => {
                for c in f[1..].chars() {
                    match c {
                        'i' => run.interactive = true,
                        't' => run.tty = true,
                        'd' => run.life.detach = true,
                        _ => return None,
                    }
                }
            }
            _ => return None,
        }
    }
    if run.words.is_empty() {
        return None;
    }
    Some(Cli {
        globals: GlobalArgs::default(),
        command: Command::Run(Box::new(run)),
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
    fn the_commonest_lines_parse_without_clap_as_clap_parses_them() {
        for line in [
            "nook run img",
            "nook run --rm --network none --rootfs /r true",
            "nook run --rm --network=none busybox true",
            "nook run -it --name a -e A=1 -v /x:/y:ro -p 8080:80 busybox sh -c echo",
            "nook run -dit --net slirp4netns --name=b -w /tmp -u 1:2 img cat -e x",
            "nook run -ti -e A=1 -e B --volume v:/v --publish 1:2 --workdir / --user u img",
            "nook run --env=A=1 --name a --name b img --rm -it",
            "nook run --network mynet --network=other img",
        ] {
            let simple = simple_run(&argv(line)).expect(line);
            let full = <Cli as clap::Parser>::try_parse_from(argv(line)).expect(line);
            assert_eq!(format!("{simple:?}"), format!("{full:?}"), "{line}");
        }
    }

    #[test]
    fn other_lines_are_left_to_clap() {
        for line in [
            "nook run",
            "nook run --rm",
            "nook run --rm=true img",
            "nook run --name -x img",
            "nook run --name= img",
            "nook run -- img",
            "nook run -x img",
            "nook run -e",
            "nook run --network slirp4netns:nosuchoption=1 img",
            "nook run --pull always img",
            "nook run --help",
        ] {
            assert!(simple_run(&argv(line)).is_none(), "{line}");
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
