//! `nook unshare` on the container side: become root of a user namespace mapped like a
//! container's (and of a mount namespace of its own), run the user's command there, and
//! report how it ended. No other namespace: the command sees the host's processes and files.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

use nix::sched::{CloneFlags, unshare};
use nix::sys::prctl;
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::unistd::{ForkResult, execve};

use super::exec::{cstrings, is_executable};
use crate::plan::exit::Status;
use crate::plan::process;
use crate::proto::{Channel, FromInit};
use crate::proto::{InitError, Step};

/// Run `argv` in the namespaces; returns its exit status.
pub fn run(
    host: super::Host,
    argv: &[String],
    env: &[(String, String)],
) -> Result<Status, InitError> {
    let chan = host.0;
    host.unshare_user()?;
    host.wait_maps()?;
    // Must be re-armed after the maps exist: a credential change clears the death signal.
    prctl::set_pdeathsig(Signal::SIGKILL).map_err(|e| InitError::sys(Step::Fork, e))?;
    // After the maps: a mount namespace owned by the new user namespace, so that the
    // command may mount (as podman unshare allows) without touching the host's mounts.
    unshare(CloneFlags::CLONE_NEWNS).map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
    let envp = environment(env);
    let (mine, theirs) =
        Channel::pair().map_err(|e| InitError::sys(Step::Fork, crate::proto::errno_of(&e)))?;
    match crate::sys::fork().map_err(|e| InitError::sys(Step::Fork, e))? {
        ForkResult::Child => {
            drop(mine);
            let e = match exec(argv, &envp) {
                Err(e) => e,
                Ok(never) => match never {},
            };
            let _ = theirs.send(&FromInit::Failed(e), None);
            std::process::exit(127);
        }
        ForkResult::Parent { child } => {
            drop(theirs);
            // The command's end closes on exec; a message instead means it never started.
            match mine.recv::<FromInit>() {
                Ok(Some((FromInit::Failed(e), _))) => {
                    let _ = nix::sys::wait::waitpid(child, None);
                    return Err(e);
                }
                Ok(_) => {}
                Err(e) => return Err(e),
            }
            chan.send(&FromInit::Pid(child.as_raw()), None)?;
            super::wait(child)
        }
    }
}

/// Our environment, less nook's own plumbing variables, plus `extra`.
fn environment(extra: &[(String, String)]) -> Vec<CString> {
    let mut out: Vec<CString> = std::env::vars_os()
        .filter(|(k, _)| {
            k != crate::proto::FD_ENV
                && k != crate::proto::PARENT_ENV
                && !extra.iter().any(|(e, _)| k == e.as_str())
        })
        .filter_map(|(k, v)| {
            let mut b = k.as_bytes().to_vec();
            b.push(b'=');
            b.extend_from_slice(v.as_bytes());
            CString::new(b).ok()
        })
        .collect();
    out.extend(
        extra
            .iter()
            .filter_map(|(k, v)| CString::new(format!("{k}={v}")).ok()),
    );
    out
}

fn exec(argv: &[String], envp: &[CString]) -> Result<std::convert::Infallible, InitError> {
    let cmd = argv
        .first()
        .ok_or_else(|| InitError::User("no command to run".into()))?;
    let path = std::env::var("PATH").unwrap_or_else(|_| process::DEFAULT_PATH.to_string());
    let program = process::find_in_path(cmd, &path, is_executable)
        .ok_or_else(|| InitError::NotFound(cmd.clone()))?;
    prctl::set_pdeathsig(Signal::SIGKILL).map_err(|e| InitError::sys(Step::Fork, e))?;
    let argv_c = cstrings(argv)?;
    let program_c = cstrings(std::slice::from_ref(&program))?.remove(0);
    // Must be the last steps before exec: default signal handling, nothing inherited.
    for sig in Signal::iterator().filter(|s| !matches!(s, Signal::SIGKILL | Signal::SIGSTOP)) {
        crate::sys::default_action(sig as libc::c_int)
            .map_err(|e| InitError::sys(Step::Exec, e))?;
    }
    sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None)
        .map_err(|e| InitError::sys(Step::Exec, e))?;
    let e = match execve(&program_c, &argv_c, envp) {
        Ok(never) => match never {},
        Err(e) => e,
    };
    Err(InitError::CannotExec {
        command: program,
        errno: e as i32,
    })
}
