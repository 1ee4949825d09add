//! The story of each command, top to bottom, one call per step: one file per command group
//! (`run`, `pull` with login and logout, `images`, `volume`, `ps` with port, `life` (create,
//! start, stop, kill, wait, rm...) with its `monitor` and `logs`, `info`,
//! `unshare`, `system`), what they print in `output`. This file only picks the command.

use crate::cli::{
    Command, ContainerCommand, ImageCommand, NetworkCommand, SystemCommand, VolumeCommand,
};
use crate::error::Result;
#[cfg(test)]
use crate::plan::request::RunRequest;

mod attach;
mod build;
mod commit;
mod cp;
mod desktop;
pub mod dns;
mod exec;
pub mod generate;
pub mod globals;
mod health;
mod history;
mod images;
mod info;
mod inspect;
mod launch;
pub mod life;
mod logs;
pub mod monitor;
mod network;
mod oci;
mod output;
mod pod;
mod pod_member;
mod pod_show;
mod ps;
mod pull;
pub mod run;
mod run_compat;
mod run_image;
mod share;
mod system;
mod system_check;
pub mod template;
mod unshare;
mod volume;
mod volume_io;

/// Run a parsed command; returns the process exit code.
pub fn dispatch(command: Command) -> Result<u8> {
    // Must happen before the command touches the store: what an older nook left readable by
    // other users is made private first (a few stats; one line when something changed).
    crate::store::private::repair(&crate::host::state::runtime_dir(
        nix::unistd::getuid().as_raw(),
    ));
    match command {
        Command::Run(args) => run::run(&args),
        Command::Build(args) => build::build(&args),
        Command::Push(args) => share::push(&args),
        Command::Save(args) => share::save(&args),
        Command::Commit(args) => commit::commit(&args),
        Command::Import(args) => commit::import(&args),
        Command::Export(args) => commit::export(&args),
        Command::Info(args) => info::info(&args),
        Command::Ps(args) => ps::ps(&args),
        Command::Rm(args) => life::rm(&args),
        Command::Create(args) => life::create(&args),
        Command::Start(args) => logs::start(&args),
        Command::Stop(args) => life::stop(&args),
        Command::Restart(args) => life::restart(&args),
        Command::Kill(args) => life::kill(&args),
        Command::Wait(args) => life::wait(&args),
        Command::Rename(args) => life::rename(&args),
        Command::Logs(args) => logs::logs(&args),
        Command::Pause(args) => life::pause(&args, true),
        Command::Unpause(args) => life::pause(&args, false),
        Command::Attach(args) => attach::attach(&args),
        Command::Port(args) => ps::port(&args),
        Command::Inspect(args) => inspect::inspect(&args),
        Command::Container(cmd) => match cmd {
            ContainerCommand::Inspect(args) => inspect::container_inspect(&args),
            ContainerCommand::Exists(args) => inspect::exists(&args),
            ContainerCommand::Ls(args) => ps::ps(&args),
            ContainerCommand::Port(args) => ps::port(&args),
            ContainerCommand::Rm(args) => life::rm(&args),
        },
        Command::Version(args) => info::version(&args),
        Command::Load(args) => images::load(&args),
        Command::Images(args) => images::images(&args),
        Command::Rmi(args) => images::rmi(&args),
        Command::Tag(args) => images::tag(&args),
        Command::Untag(args) => images::untag(&args),
        Command::Image(cmd) => match cmd {
            ImageCommand::Inspect(args) => images::inspect(&args),
            ImageCommand::Prune(args) => images::prune(&args),
            ImageCommand::Ls(args) => images::images(&args),
            ImageCommand::Rm(args) => images::rmi(&args),
            ImageCommand::Load(args) => images::load(&args),
            ImageCommand::Tag(args) => images::tag(&args),
            ImageCommand::Untag(args) => images::untag(&args),
            ImageCommand::Exists(args) => images::exists(&args),
            ImageCommand::Build(args) => build::build(&args),
            ImageCommand::Push(args) => share::push(&args),
            ImageCommand::Save(args) => share::save(&args),
            ImageCommand::History(args) => history::history(&args),
            ImageCommand::Import(args) => commit::import(&args),
        },
        Command::Pull(args) => pull::pull(&args),
        Command::Login(args) => pull::login(&args),
        Command::Logout(args) => pull::logout(&args),
        Command::Network(cmd) => match cmd {
            NetworkCommand::Create(args) => network::create(&args),
            NetworkCommand::Ls(args) => network::ls(&args),
            NetworkCommand::Inspect(args) => network::inspect(&args),
            NetworkCommand::Rm(args) => network::rm(&args),
            NetworkCommand::Prune(args) => network::prune(&args),
            NetworkCommand::Exists(args) => network::exists(&args),
            NetworkCommand::Connect(args) => network::connect(&args),
            NetworkCommand::Disconnect(args) => network::disconnect(&args),
        },
        Command::Pod(cmd) => pod::pod(&cmd),
        Command::Volume(cmd) => match cmd {
            VolumeCommand::Create(args) => volume::create(&args),
            VolumeCommand::Ls(args) => volume::ls(&args),
            VolumeCommand::Inspect(args) => volume::inspect(&args),
            VolumeCommand::Rm(args) => volume::rm(&args),
            VolumeCommand::Prune(args) => volume::prune(&args),
            VolumeCommand::Exists(args) => volume::exists(&args),
            VolumeCommand::Export(args) => volume_io::export(&args),
            VolumeCommand::Import(args) => volume_io::import(&args),
        },
        Command::Unshare(args) => unshare::unshare(&args),
        Command::System(cmd) => match cmd {
            SystemCommand::Prune(args) => system::prune(&args),
            SystemCommand::Reset(args) => system::reset(&args),
            SystemCommand::Migrate => system::migrate(),
            SystemCommand::Check(args) => system_check::check(&args),
        },
        Command::Exec(args) => exec::exec(&args),
        Command::Cp(args) => cp::cp(&args),
        Command::Top(args) => exec::top(&args),
        Command::Stats(args) => exec::stats(&args),
        Command::Healthcheck(crate::cli::HealthcheckCommand::Run(args)) => health::run(&args),
        Command::State(args) => oci::state(&args),
        Command::Delete(args) => oci::delete(&args),
    }
}

/// The request of `nook run ARGS...` as the command line makes it: for the plan's unit tests,
/// which speak in flags as users do.
#[cfg(test)]
pub(crate) fn run_request(args: &[&str]) -> RunRequest {
    let line = ["nook", "run"].iter().chain(args);
    match crate::cli::Cli::from_command_line(line).map(|c| c.command) {
        Ok(Command::Run(r)) => run::request(&r, &Default::default()),
        other => panic!("not a nook run command line: {args:?}: {other:?}"),
    }
}
