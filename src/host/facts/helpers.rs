//! Asks the helper programs `nook info` reports on: their versions, and the file
//! capabilities of id helpers that are not setuid root, all at once under one deadline.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::find_program;
use crate::plan::info::{self, Facts};

/// All helper programs together get this long to answer `--version` or `getcap`.
const HELPERS_DEADLINE: Duration = Duration::from_millis(1500);

/// Fills in versions, and file capabilities of id helpers that are not setuid root, by
/// running the programs concurrently under one deadline.
pub(super) fn ask(p: &mut Facts) {
    let mut commands: Vec<(PathBuf, Vec<String>)> = Vec::new();
    let tools = [
        ("fuse-overlayfs", p.fuse_overlayfs.path.clone()),
        ("slirp4netns", p.slirp4netns.path.clone()),
        ("pasta", p.pasta.path.clone()),
    ];
    for (_, path) in &tools {
        if let Some(path) = path {
            commands.push((PathBuf::from(path), vec!["--version".to_string()]));
        }
    }
    let uncertain: Vec<String> = [&p.newuidmap, &p.newgidmap]
        .into_iter()
        .filter(|h| !h.setuid_root)
        .filter_map(|h| h.path.clone())
        .collect();
    let getcap = find_program("getcap").map(|p| p.path);
    if let (Some(getcap), false) = (&getcap, uncertain.is_empty()) {
        commands.push((getcap.clone(), uncertain.clone()));
    }
    let mut answers = run_all(&commands, HELPERS_DEADLINE).into_iter();
    for (name, path) in tools {
        if path.is_none() {
            continue;
        }
        let version = answers.next().flatten().and_then(|out| {
            info::version_line(name, &out.stdout).or_else(|| info::version_line(name, &out.stderr))
        });
        match name {
            "fuse-overlayfs" => p.fuse_overlayfs.version = version,
            "slirp4netns" => p.slirp4netns.version = version,
            _ => p.pasta.version = version,
        }
    }
    if getcap.is_none() || uncertain.is_empty() {
        return;
    }
    // Errors only (nothing on stdout, something on stderr) tell nothing either way.
    let caps = answers
        .next()
        .flatten()
        .filter(|out| !out.stdout.trim().is_empty() || out.stderr.trim().is_empty());
    if let Some(out) = caps {
        for helper in [&mut p.newuidmap, &mut p.newgidmap] {
            if let (false, Some(path)) = (helper.setuid_root, &helper.path) {
                helper.file_caps = Some(info::has_file_caps(&out.stdout, path));
            }
        }
    }
}

struct Output {
    stdout: String,
    stderr: String,
}

/// Runs every command at once; each answer is `None` if it could not start or did not finish
/// before the deadline (it is then killed).
fn run_all(commands: &[(PathBuf, Vec<String>)], deadline: Duration) -> Vec<Option<Output>> {
    let start = Instant::now();
    let (sender, receiver) = mpsc::channel();
    let mut children: Vec<Child> = Vec::new();
    for (index, (program, args)) in commands.iter().enumerate() {
        let spawned = Command::new(program)
            .args(args)
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let Ok(mut child) = spawned else { continue };
        let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
        let sender = sender.clone();
        // Pipes are read on their own threads so a program that hangs (or leaves a child
        // holding its pipe) cannot hold up `nook info` past the deadline.
        let reader = std::thread::Builder::new()
            .name("nook-probe".to_string())
            .spawn(move || {
                let output = Output {
                    stdout: read_all(stdout),
                    stderr: read_all(stderr),
                };
                // The receiver is gone only after the deadline; the answer is then moot.
                let _ = sender.send((index, output));
            });
        if reader.is_err() {
            let _ = child.kill();
        }
        children.push(child);
    }
    drop(sender);
    let mut answers: Vec<Option<Output>> = commands.iter().map(|_| None).collect();
    while let Some(left) = deadline.checked_sub(start.elapsed()) {
        match receiver.recv_timeout(left) {
            Ok((index, output)) => {
                if let Some(slot) = answers.get_mut(index) {
                    *slot = Some(output);
                }
            }
            // Every reader has answered, or the time is up.
            Err(_) => break,
        }
    }
    for mut child in children {
        if !matches!(child.try_wait(), Ok(Some(_))) {
            let _ = child.kill();
            // Reaped here if already dead; otherwise when nook exits (never block on it).
            let _ = child.try_wait();
        }
    }
    answers
}

fn read_all(pipe: Option<impl Read>) -> String {
    let mut bytes = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.read_to_end(&mut bytes);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hanging_program_is_killed_at_the_deadline() {
        let start = Instant::now();
        let answers = run_all(
            &[
                (PathBuf::from("/bin/sleep"), vec!["5".to_string()]),
                (PathBuf::from("/bin/echo"), vec!["hello".to_string()]),
                (PathBuf::from("/nonexistent/program"), Vec::new()),
            ],
            Duration::from_millis(300),
        );
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        assert!(answers[0].is_none());
        assert_eq!(
            answers[1].as_ref().map(|o| o.stdout.as_str()),
            Some("hello\n")
        );
        assert!(answers[2].is_none());
    }
}
