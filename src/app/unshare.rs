//! `nook unshare [CMD...]`: run a command as root of a user namespace mapped with the user's
//! subordinate ids, as containers are (podman unshare), so that files owned by those ids
//! (layers, containers' upper directories, volumes) can be inspected or removed.

use nix::unistd::getuid;

use crate::cli::UnshareArgs;
use crate::error::{Error, Result};
use crate::host::session::Session;
use crate::host::{facts, relay, state};
use crate::proto::ToInit;

/// The command `nook unshare` runs without one: the user's shell.
pub fn command(args: &[String], shell: Option<String>) -> Vec<String> {
    match args.is_empty() {
        false => args.to_vec(),
        true => vec![shell.filter(|s| !s.is_empty()).unwrap_or("/bin/sh".into())],
    }
}

pub fn unshare(args: &UnshareArgs) -> Result<u8> {
    let argv = command(&args.command, std::env::var("SHELL").ok());
    let ids = crate::plan::run::default_ids(&facts::id_facts()).map_err(Error::Usage)?;
    if let Some(w) = &ids.warning {
        eprintln!("Warning: {w}");
    }
    let mut env = vec![(
        "NOOK_RUNROOT".to_string(),
        state::runtime_dir(getuid().as_raw()).display().to_string(),
    )];
    // The store as nook finds it (NOOK_STORAGE, storage.conf, local disk for a home on NFS).
    let location = crate::store::location::locate()?;
    env.push(("NOOK_STORAGE".into(), location.root.display().to_string()));
    // Must happen before the command starts: Ctrl-C goes to it (forwarded), not to nook.
    let signals = relay::take_signals()?;
    let mut session = Session::open(&ToInit::Unshare { argv, env }, &ids, None)?;
    let pid = session.wait_pid()?;
    let status = relay::run(&mut session, &signals, pid, None, false, None)?;
    session.reap();
    Ok(status.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_is_the_default_command() {
        let sh = Some("/bin/bash".to_string());
        assert_eq!(command(&[], sh.clone()), ["/bin/bash"]);
        assert_eq!(command(&[], None), ["/bin/sh"]);
        assert_eq!(command(&[], Some(String::new())), ["/bin/sh"]);
        let cmd = vec!["rm".to_string(), "-rf".into(), "x".into()];
        assert_eq!(command(&cmd, sh), cmd);
    }
}
