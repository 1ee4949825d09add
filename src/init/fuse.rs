//! The fuse-overlayfs driver on the container side: start `fuse-overlayfs -f` as a child of
//! `__init` (in the container's user and mount namespaces, before its PID namespace), tied to
//! it by a parent-death signal so it never outlives the container, and wait for its mount.
//! `__init` then moves to a mount namespace of its own, so the container's pivot_root leaves
//! fuse-overlayfs's root alone.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sched::{CloneFlags, unshare};

use crate::proto::{InitError, Step};

/// How long fuse-overlayfs may take to mount.
const MOUNT_TIMEOUT: Duration = Duration::from_secs(20);

/// Whether `target` is a mount point in our mount namespace, per `mountinfo`'s fifth field.
fn mounted(mountinfo: &str, target: &Path) -> bool {
    let want = target.to_string_lossy().replace(' ', "\\040");
    mountinfo
        .lines()
        .any(|l| l.split(' ').nth(4) == Some(want.as_str()))
}

/// Start fuse-overlayfs and wait for its mount; returns it, to be ended with the container.
pub fn mount(argv: &[String], target: &Path) -> Result<Child, InitError> {
    let fail = |what: String| InitError::User(format!("fuse-overlayfs: {what}"));
    let Some((program, args)) = argv.split_first() else {
        return Err(fail("no program given".into()));
    };
    // Its messages go to a file beside the mount point: a pipe nobody reads could fill up.
    let log_path = target.with_file_name("fuse-overlayfs.log");
    let log = std::fs::File::create(&log_path).map_err(|e| {
        InitError::sys_at(
            Step::Overlay,
            crate::proto::errno_of(&e),
            &log_path.display().to_string(),
        )
    })?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    // Must be armed in the child before exec: when __init ends (the container is over, or nook
    // was killed), fuse-overlayfs is killed too, and the mount namespace can go.
    crate::sys::kill_with_parent(&mut cmd);
    let mut child = cmd
        .spawn()
        .map_err(|e| InitError::sys_at(Step::Overlay, crate::proto::errno_of(&e), program))?;
    let start = Instant::now();
    loop {
        let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        if mounted(&info, target) {
            // Must happen before the container's pivot_root, which moves the root of every
            // process of the mount namespace: fuse-overlayfs keeps this one (and its view of
            // the layers), the container gets a copy holding the same mount.
            unshare(CloneFlags::CLONE_NEWNS)
                .map_err(|e| InitError::sys(Step::UnshareNamespaces, e))?;
            return Ok(child);
        }
        if let Ok(Some(status)) = child.try_wait() {
            let text = std::fs::read_to_string(&log_path).unwrap_or_default();
            let last = text.lines().last().unwrap_or("").trim().to_string();
            return Err(fail(format!(
                "exited ({status}) before mounting {}: {last}",
                target.display()
            )));
        }
        if start.elapsed() > MOUNT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(InitError::sys_at(
                Step::Overlay,
                Errno::ETIMEDOUT,
                &target.display().to_string(),
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mount_point_is_found_by_its_fifth_field() {
        let info = "91 66 0:43 / /r/c/rootfs rw,nodev - fuse.fuse-overlayfs fuse-overlayfs rw\n\
                    92 66 0:44 / /r/c\\040x/rootfs rw - tmpfs t rw\n";
        assert!(mounted(info, Path::new("/r/c/rootfs")));
        assert!(mounted(info, Path::new("/r/c x/rootfs")));
        assert!(!mounted(info, Path::new("/r/c")));
        assert!(!mounted(info, Path::new("/")));
    }
}
