//! `nook system prune` (stopped containers, unused images, layers and blobs) and `nook system
//! reset` (everything of nook's for this user), removing files of subordinate ids from inside
//! the user namespace.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use nix::unistd::getuid;

use super::images::prune_unused;
use super::output::print;
use crate::cli::{SystemPruneArgs, SystemResetArgs};
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::host::state::{self, Containers};
use crate::plan::units;
use crate::store::job::{Job, Userns};

/// Bytes of file content under `path` (what can be read of it: a subordinate id's private
/// directory counts as empty).
pub fn disk_usage(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| disk_usage(&e.path()))
        .sum()
}

/// Ask `question` on the terminal; without one, the user must say `-f`.
fn confirm(question: &str, command: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(format!(
            "{command} asks for confirmation, but standard input is not a terminal: add -f"
        )));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("cannot read the answer", e))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// What `nook system prune` prints, as podman does.
pub fn prune_report(containers: &[String], images: &[String], reclaimed: u64) -> String {
    let mut text = String::new();
    for (title, ids) in [("Containers", containers), ("Images", images)] {
        if !ids.is_empty() {
            text += &format!("Deleted {title}\n");
            for id in ids {
                text += &format!("{id}\n");
            }
        }
    }
    text + &format!("Total reclaimed space: {}\n", units::decimal(reclaimed))
}

pub fn prune(args: &SystemPruneArgs) -> Result<u8> {
    if !args.force {
        let what = match args.all {
            true => "all stopped containers, all images no container uses",
            false => "all stopped containers, all unnamed images",
        };
        let q = format!("WARNING! This removes {what}, and unused layers and blobs. Continue?");
        if !confirm(&q, "nook system prune")? {
            return Ok(0);
        }
    }
    let state = Containers::open(getuid().as_raw())?;
    state.reap_stale();
    let mut containers = Vec::new();
    let mut reclaimed = 0;
    for (dir, record, running) in state.list() {
        if let (false, Some(r)) = (running, record) {
            reclaimed += disk_usage(&dir);
            state.remove(&dir, &r.name);
            containers.push(r.id);
        }
    }
    let root = crate::store::Store::open()?.root().to_path_buf();
    let before = disk_usage(&root);
    // Running containers keep their images: their overlays read the layers.
    let images = prune_unused(args.all)?;
    reclaimed += before.saturating_sub(disk_usage(&root));
    let networks = super::network::prune_unused()?;
    let mut report = prune_report(&containers, &images, reclaimed);
    if !networks.is_empty() {
        let at = report.rfind("Total reclaimed").unwrap_or(report.len());
        report.insert_str(at, &format!("Deleted Networks\n{networks}"));
    }
    print(&report)
}

/// The directories `nook system reset` removes: the runtime directory, the image store and
/// the volumes (which may be inside the store).
pub fn reset_paths(runtime: PathBuf, storage: PathBuf, volumes: PathBuf) -> Vec<PathBuf> {
    let mut paths = vec![runtime, storage];
    if !volumes.starts_with(&paths[1]) {
        paths.push(volumes);
    }
    paths
}

/// `nook system migrate`: end the user's namespace holder (podman's command of that name ends
/// its pause process), so that the next run maps a new namespace, from the current
/// /etc/subuid and /etc/subgid. Containers that run keep theirs.
pub fn migrate() -> Result<u8> {
    crate::host::userns::stop();
    Ok(0)
}

pub fn reset(args: &SystemResetArgs) -> Result<u8> {
    let uid = getuid().as_raw();
    let state = Containers::open(uid)?;
    state.reap_stale();
    if let Some((_, r, _)) = state.list().into_iter().find(|(_, _, running)| *running) {
        let name = r.map(|r| r.name).unwrap_or_default();
        return Err(Error::Usage(format!(
            "container {name} is running: wait for it to end (or end its nook run), then reset"
        )));
    }
    let location = crate::store::location::locate()?;
    crate::host::userns::stop();
    // The removal's own user namespace: a holder started for it would record itself (and
    // its spare, a moment later) in the runtime directory being removed.
    crate::host::userns::make_own();
    let mut paths = reset_paths(state::runtime_dir(uid), location.root, location.volumes);
    // The kept containers' records and logs.
    paths.push(location.top.join("containers"));
    if !args.force {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let q = format!(
            "WARNING! This removes every container, image and volume of nook ({}). Continue?",
            list.join(", ")
        );
        if !confirm(&q, "nook system reset")? {
            return Ok(0);
        }
    }
    let existing: Vec<PathBuf> = paths
        .into_iter()
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .collect();
    if !existing.is_empty() {
        // Layers, upper directories and volumes hold files of subordinate ids.
        HostUserns.run(&Job::Remove { paths: existing })?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prune_report_reads_like_podmans() {
        assert_eq!(prune_report(&[], &[], 0), "Total reclaimed space: 0 B\n");
        let text = prune_report(&["c1".into()], &["i1".into(), "i2".into()], 4_520_000);
        assert_eq!(
            text,
            "Deleted Containers\nc1\nDeleted Images\ni1\ni2\nTotal reclaimed space: 4.52 MB\n"
        );
    }

    #[test]
    fn reset_removes_runtime_storage_and_volumes() {
        let p = reset_paths(
            "/run/user/1/nook".into(),
            "/d/nook/storage".into(),
            "/d/nook/volumes".into(),
        );
        let want: Vec<PathBuf> = ["/run/user/1/nook", "/d/nook/storage", "/d/nook/volumes"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(p, want);
        let inside = reset_paths("/r".into(), "/s".into(), "/s/volumes".into());
        assert_eq!(inside, [PathBuf::from("/r"), PathBuf::from("/s")]);
    }

    #[test]
    fn disk_usage_counts_file_content() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("a")).unwrap();
        std::fs::write(d.path().join("a/f"), b"12345").unwrap();
        std::fs::write(d.path().join("g"), b"123").unwrap();
        assert_eq!(disk_usage(d.path()), 8);
        assert_eq!(disk_usage(&d.path().join("missing")), 0);
    }
}
