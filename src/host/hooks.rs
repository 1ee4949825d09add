//! CDI hooks, the program side: one hook run with the OCI state on its standard input (the
//! container side runs createRuntime, createContainer and startContainer through it), and
//! the host's stages, poststart and poststop, run by `nook run` itself.

use std::collections::BTreeMap;

use crate::plan::RunPlan;
use crate::plan::cdi::{self, Hook};

/// One hook: its program with its argv and environment (only its own, as runtimes give
/// it), the state on stdin, its standard error kept for the message. `timeout` seconds, if
/// given, after which it is killed.
pub fn run(hook: &Hook, state: &str) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};

    let what = format!("CDI {} hook {}", hook.hook_name, hook.path);
    let mut cmd = Command::new(&hook.path);
    if let Some((first, rest)) = hook.args.split_first() {
        cmd.arg0(first).args(rest);
    }
    cmd.env_clear()
        .envs(hook.env.iter().filter_map(|e| e.split_once('=')))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| {
        format!(
            "{what}: cannot run it: {}: fix the spec or install the hook",
            crate::proto::errno_of(&e).desc()
        )
    })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A hook that does not read its input is not an error.
        let _ = stdin.write_all(state.as_bytes());
    }
    if let Some(secs) = hook.timeout {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        while matches!(child.try_wait(), Ok(None)) {
            if std::time::Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{what} did not finish within its timeout of {secs} s: fix the hook or raise its timeout"
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr)
        .trim()
        .replace('\n', "; ");
    let how = match (
        out.status.code(),
        std::os::unix::process::ExitStatusExt::signal(&out.status),
    ) {
        (Some(c), _) => format!("exit code {c}"),
        (None, Some(s)) => format!("signal {s}"),
        _ => "an unknown status".into(),
    };
    Err(format!(
        "{what} failed with {how}{}: the container was not started; fix the hook or the spec",
        match stderr.is_empty() {
            true => String::new(),
            false => format!(": {stderr}"),
        }
    ))
}

/// The hooks of a host stage (poststart, poststop): a failure is a warning, as the
/// runtime spec says, and the container goes on (or is already gone).
pub fn run_host_stage(plan: &RunPlan, stage: &str, status: &str, pid: Option<i32>) {
    let mut hooks = plan.plumbing.hooks_at(stage).peekable();
    if hooks.peek().is_none() {
        return;
    }
    let state = cdi::state_json(&plan.id, status, pid, &plan.state_dir, &BTreeMap::new());
    for hook in hooks {
        if let Err(e) = run(hook, &state) {
            eprintln!(
                "Warning: {}",
                e.replace(": the container was not started", "")
            );
        }
    }
}
