//! `nook exec`, `nook cp`, `nook top` and `nook stats`: commands that reach into a container
//! (running, or for `cp` stopped and kept).

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Keep standard input open and pass it to the process
    #[arg(long, short = 'i')]
    pub interactive: bool,

    /// Allocate a pseudo-terminal for the process
    #[arg(long, short = 't')]
    pub tty: bool,

    /// Start the process and return at once, leaving it running in the container
    #[arg(long, short = 'd')]
    pub detach: bool,

    /// Set an environment variable (NAME=VALUE; NAME alone copies the host's value)
    #[arg(long, short = 'e', value_name = "NAME[=VALUE]")]
    pub env: Vec<String>,

    /// Read environment variables from a file of NAME=VALUE lines
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,

    /// Run as this user and group (names from the container's /etc/passwd and /etc/group)
    #[arg(long, short = 'u', value_name = "USER[:GROUP]")]
    pub user: Option<String>,

    /// Working directory inside the container (default: the container's)
    #[arg(long, short = 'w', value_name = "DIR")]
    pub workdir: Option<String>,

    /// Give the process every capability (the container's seccomp filter still applies)
    #[arg(long)]
    pub privileged: bool,

    /// The container (name, ID or unique ID prefix), then the command and its arguments.
    /// Every word after the container belongs to the command.
    #[arg(
        value_name = "CONTAINER COMMAND [ARG...]",
        required = true,
        num_args = 1..,
        trailing_var_arg = true
    )]
    pub words: Vec<String>,

    /// The container (the first of `words`), set by `Cli::from_command_line`.
    #[arg(skip)]
    pub container: String,

    /// The command (the rest of `words`), set by `Cli::from_command_line`.
    #[arg(skip)]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
#[command(
    after_long_help = "SRC and DEST are each a host path or CONTAINER:PATH (one of \
them a container's). PATH is resolved inside the container's root file system: a symbolic \
link in the container never leads out of it. Files copied into a container belong to its \
root, files copied out belong to you, unless --archive keeps their owners. `-` as SRC reads \
a tar stream from standard input; as DEST it writes one to standard output."
)]
pub struct CpArgs {
    /// Keep the files' owners (uid and gid as the container sees them)
    #[arg(long, short = 'a')]
    pub archive: bool,

    /// Where to copy from: PATH on the host, CONTAINER:PATH, or - (a tar stream on stdin)
    #[arg(value_name = "SRC")]
    pub src: String,

    /// Where to copy to: PATH on the host, CONTAINER:PATH, or - (a tar stream on stdout)
    #[arg(value_name = "DEST")]
    pub dest: String,
}

#[derive(Debug, Args)]
pub struct TopArgs {
    /// The container, then ps's descriptors (user, pid, ppid, pcpu, etime, tty, time, args,
    /// comm, rss, vsz, nice, stat...; default: user pid ppid pcpu etime tty time args)
    #[arg(
        value_name = "CONTAINER [DESCRIPTOR...]",
        required = true,
        num_args = 1..,
        trailing_var_arg = true
    )]
    pub words: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Show one reading and exit (the default when standard output is not a terminal)
    #[arg(long)]
    pub no_stream: bool,

    /// Every container, not only running ones
    #[arg(long, short = 'a')]
    pub all: bool,

    /// A Go template per container ({{.Name}}, {{.ID}}, {{.CPUPerc}}, {{.MemUsage}},
    /// {{.MemPerc}}, {{.PIDs}}, {{.BlockIO}}, {{.NetIO}}), or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Seconds between readings when streaming
    #[arg(long, short = 'i', default_value_t = 5, value_name = "SECONDS")]
    pub interval: u64,

    /// The containers (default: every running one)
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}
