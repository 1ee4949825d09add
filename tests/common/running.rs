//! A container that runs while a test talks to it: a foreground `nook run --init` started
//! in the background (so it does not depend on `run -d`), ended when dropped.

use std::path::PathBuf;
use std::process::{Child, Stdio};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::{nook, rootfs_copy, runtime_dir, succeeded, unique, wait_for};

/// A container running `sh -c SCRIPT` in the foreground of a `nook run` child of the test;
/// ended (SIGTERM to nook run, forwarded by `--init` to the command) when dropped.
pub struct Running {
    pub name: String,
    pub root: PathBuf,
    child: Child,
}

impl Running {
    /// Start it with `opts` and wait until the command wrote /tmp/ready.
    pub fn start(opts: &[&str], script: &str) -> Running {
        let name = unique("ex");
        let root = rootfs_copy(&name);
        let child = nook()
            .args(["run", "--rm", "--init", "--name", &name])
            .args(opts)
            .arg("--rootfs")
            .arg(&root)
            .args([
                "sh",
                "-c",
                &format!("{script}; touch /tmp/ready; exec sleep 1000"),
            ])
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn nook run");
        let mut running = Running { name, root, child };
        // The command may run before nook records its PID 1: both are waited for.
        let link = runtime_dir().join("names").join(&running.name);
        let recorded = || {
            std::fs::read_link(&link).is_ok_and(|id| {
                runtime_dir()
                    .join("containers")
                    .join(id)
                    .join("pid")
                    .exists()
            })
        };
        let started = wait_for(20, || running.root.join("tmp/ready").exists() && recorded());
        if !started {
            // Dropping it ends the run.
            let _ = running.child.try_wait();
            drop(running);
            panic!("the container did not start");
        }
        running
    }

    /// `nook exec OPTS NAME CMD...`.
    pub fn exec(&self, opts: &[&str], cmd: &[&str]) -> std::process::Output {
        nook()
            .arg("exec")
            .args(opts)
            .arg(&self.name)
            .args(cmd)
            .output()
            .expect("spawn nook exec")
    }

    /// Its standard output, asserting success.
    pub fn ok(&self, opts: &[&str], cmd: &[&str]) -> String {
        let out = self.exec(opts, cmd);
        succeeded(&["exec"], &out)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = kill(Pid::from_raw(self.child.id() as i32), Signal::SIGTERM);
        let _ = self.child.wait();
    }
}
