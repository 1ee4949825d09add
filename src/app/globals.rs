//! podman's global options, handed down as plain values before the command runs: the
//! environment variables the store, the state and the facts read (`--root` is NOOK_STORAGE,
//! `--runroot` NOOK_RUNROOT, `--volumepath` NOOK_VOLUME_PATH, `--storage-driver`
//! NOOK_STORAGE_DRIVER, `--log-level` NOOK_LOG_LEVEL), log lines as podman's, and --remote
//! refused, and standard output redirected for `--out` and `--noout`.

use std::ffi::OsStr;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::plan::log_level::{self, Level};

/// The level of log lines wanted (`--log-level`, `--debug`, else NOOK_LOG_LEVEL, else warn).
fn current() -> Level {
    std::env::var("NOOK_LOG_LEVEL")
        .ok()
        .and_then(|l| Level::parse(&l))
        .unwrap_or(Level::Warn)
}

/// Whether debug lines are wanted (`--log-level debug`, or NOOK_LOG_LEVEL=debug).
pub fn debug() -> bool {
    current() <= Level::Debug
}

/// Write one log line on standard error, as logrus does, when `level` is wanted.
pub fn log(level: Level, msg: &str) {
    if level >= current() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let time = crate::plan::volume::rfc3339(now);
        eprintln!("{}", log_level::line(&time, level, msg));
    }
}

/// The level the global options ask for, or podman's message for a bad one (status 1).
pub fn level(g: &GlobalArgs) -> std::result::Result<Option<Level>, String> {
    if g.log_level.is_none() && !g.debug {
        return Ok(None);
    }
    log_level::choose(g.log_level.as_deref(), g.debug).map(Some)
}

/// Apply the global options. Must be called while the process has one thread (it sets
/// environment variables).
pub fn apply(g: &GlobalArgs, level: Option<Level>) -> Result<()> {
    if g.remote || g.url.is_some() || g.connection.is_some() {
        return Err(Error::Usage(
            "--remote: nook has no service to connect to (it runs containers itself, with no \
             daemon): drop --remote, --url and --connection"
                .into(),
        ));
    }
    if let Some(root) = &g.root {
        crate::sys::set_env("NOOK_STORAGE", absolute(root)?.as_os_str());
    }
    if let Some(run) = &g.runroot {
        crate::sys::set_env("NOOK_RUNROOT", absolute(run)?.as_os_str());
    }
    if let Some(v) = &g.volumepath {
        crate::sys::set_env("NOOK_VOLUME_PATH", absolute(v)?.as_os_str());
    }
    if let Some(d) = g.storage_driver {
        crate::sys::set_env("NOOK_STORAGE_DRIVER", OsStr::new(d.name()));
    }
    if let Some(level) = level {
        crate::sys::set_env("NOOK_LOG_LEVEL", OsStr::new(level.name()));
    }
    let level = current();
    log(
        Level::Info,
        &format!("nook filtering at log level {}", level.name()),
    );
    if level <= Level::Debug {
        let args: Vec<String> = std::env::args().collect();
        log(Level::Debug, &format!("Called {}", args.join(" ")));
    }
    log(Level::Trace, &format!("global options: {g:?}"));
    if let Some(r) = &g.runtime {
        log(
            Level::Debug,
            &format!("--runtime {r} is ignored: nook is its own runtime"),
        );
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
