//! podman's global options, handed down as plain values before the command runs: the
//! environment variables the store, the state and the facts read (`--root` is NOOK_STORAGE,
//! `--runroot` NOOK_RUNROOT, `--storage-driver` NOOK_STORAGE_DRIVER, `--log-level`
//! NOOK_LOG_LEVEL), and standard output redirected for `--out` and `--noout`.

use std::ffi::OsStr;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

/// Whether debug lines are wanted (`--log-level debug`, or NOOK_LOG_LEVEL=debug).
pub fn debug() -> bool {
    std::env::var("NOOK_LOG_LEVEL").is_ok_and(|l| l == "debug" || l == "trace")
}

/// Apply the global options. Must be called while the process has one thread (it sets
/// environment variables).
pub fn apply(g: &GlobalArgs) -> Result<()> {
    if let Some(root) = &g.root {
        crate::sys::set_env("NOOK_STORAGE", absolute(root)?.as_os_str());
    }
    if let Some(run) = &g.runroot {
        crate::sys::set_env("NOOK_RUNROOT", absolute(run)?.as_os_str());
    }
    if let Some(d) = g.storage_driver {
        crate::sys::set_env("NOOK_STORAGE_DRIVER", OsStr::new(d.name()));
    }
    if let Some(level) = &g.log_level {
        crate::sys::set_env("NOOK_LOG_LEVEL", OsStr::new(level));
    }
    if let Some(r) = &g.runtime
        && debug()
    {
        eprintln!("DEBU --runtime {r} is ignored: nook is its own runtime");
    }
    if !g.runtime_flag.is_empty() {
        crate::sys::set_env("NOOK_RUNTIME_FLAGS", OsStr::new(&g.runtime_flag.join(" ")));
    }
    let out = match (&g.out, g.noout) {
        (_, true) => Some(std::path::PathBuf::from("/dev/null")),
        (Some(f), false) => Some(f.clone()),
        (None, false) => None,
    };
    if let Some(path) = out {
        let file = std::fs::File::create(&path).map_err(|e| {
            Error::Usage(format!(
                "cannot write --out {}: {e}: give a file you may write",
                path.display()
            ))
        })?;
        nix::unistd::dup2_stdout(&file)
            .map_err(|e| Error::Usage(format!("cannot redirect standard output: {e}")))?;
    }
    Ok(())
}

fn absolute(p: &std::path::Path) -> Result<std::path::PathBuf> {
    std::path::absolute(p).map_err(|e| Error::Usage(format!("invalid path {}: {e}", p.display())))
}

/// `--runtime-flag FLAG` (NOOK_RUNTIME_FLAGS), checked where a container starts: the runtime
/// refuses a flag it does not know, and nook, its own runtime, knows none (podman's exit
/// code for a runtime's refusal, 126).
pub fn runtime_flags() -> Result<()> {
    let flags = std::env::var("NOOK_RUNTIME_FLAGS").unwrap_or_default();
    match crate::plan::compat::runtime_flags_refused(&flags) {
        None => Ok(()),
        Some(message) => Err(Error::Init {
            message,
            code: crate::plan::exit::NOT_EXECUTABLE,
            errno: None,
        }),
    }
}
