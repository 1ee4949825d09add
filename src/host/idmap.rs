//! Writes the uid/gid maps of the new user namespace: through the setuid helpers
//! `newuidmap`/`newgidmap`, or directly (single mapping) when the plan says so.

use std::process::{Command, Stdio};

use nix::unistd::Pid;

use crate::error::{Error, Result};
use crate::plan::IdPlan;
use crate::plan::idmap::{helper_args, map_file_text};

fn write_proc(pid: Pid, file: &str, text: &str) -> Result<()> {
    let path = format!("/proc/{pid}/{file}");
    std::fs::write(&path, text).map_err(|e| Error::io(format!("cannot write {path}"), e))
}

pub fn write_maps(pid: Pid, ids: &IdPlan) -> Result<()> {
    if ids.uid.is_empty() && ids.gid.is_empty() {
        // A user namespace joined, not created (`--ipc`/`--pid container:NAME`).
        return Ok(());
    }
    if !ids.helpers {
        // An unprivileged process may map only itself, and only after giving up setgroups.
        write_proc(pid, "setgroups", "deny")?;
        write_proc(pid, "gid_map", &map_file_text(&ids.gid))?;
        return write_proc(pid, "uid_map", &map_file_text(&ids.uid));
    }
    // Both helpers run at once: each is a setuid exec, and waiting for one before
    // starting the other doubles their cost on the start path.
    let spawn = |helper: &str, maps| {
        let args = helper_args(maps);
        // The same lookup that decided the helpers exist (PATH, then the sbin directories).
        let program = super::facts::find_program(helper).map_or_else(|| helper.into(), |p| p.path);
        Command::new(program)
            .arg(pid.to_string())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map(|child| (format!("{helper} {pid} {}", args.join(" ")), child))
            .map_err(|e| Error::io(format!("cannot run {helper} (apt-get install uidmap)"), e))
    };
    let uid = spawn("newuidmap", &ids.uid)?;
    let gid = spawn("newgidmap", &ids.gid)?;
    let mut first_error = None;
    for (command, child) in [uid, gid] {
        let out = child
            .wait_with_output()
            .map_err(|e| Error::io(format!("{command} failed"), e))?;
        if !out.status.success() && first_error.is_none() {
            let why = String::from_utf8_lossy(&out.stderr)
                .trim()
                .replace('\n', "; ");
            first_error = Some(Error::Host {
                errno: None,
                message: format!(
                    "{command} failed: {why}: check that it is setuid root (ls -l $(command -v {})) and that /etc/subuid and /etc/subgid give you these ranges",
                    command.split(' ').next().unwrap_or("newuidmap")
                ),
            });
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
