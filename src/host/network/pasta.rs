//! pasta (Debian's `passt`): started in the foreground against the container's namespaces,
//! with its ports on the command line; ready when the container has its default route;
//! killed with nook by a parent-death signal.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use super::{Backend, Helper, READY_TIMEOUT, Target, log_tail};
use crate::error::{Error, Result};
use crate::plan::network::{self, TAP};

pub struct Pasta<'a> {
    pub extra: &'a [String],
}

/// The container's namespace has a default route on the tap device (pasta's last step).
fn configured(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/net/route")).is_ok_and(|t| {
        t.lines().any(|l| {
            let mut w = l.split_whitespace();
            w.next() == Some(TAP) && w.next() == Some("00000000")
        })
    })
}

/// The build of pasta to execute (see `network::pasta_program`).
fn program(helper: &Path) -> PathBuf {
    let Ok(binary) = std::fs::canonicalize(helper) else {
        return helper.to_path_buf();
    };
    let avx2 = network::pasta_program(&binary, true, true);
    let exists = avx2 != binary && avx2.is_file();
    #[cfg(target_arch = "x86_64")]
    let cpu = std::arch::is_x86_feature_detected!("avx2");
    #[cfg(not(target_arch = "x86_64"))]
    let cpu = false;
    network::pasta_program(&binary, exists, cpu)
}

impl Backend for Pasta<'_> {
    fn name(&self) -> &'static str {
        "pasta"
    }

    async fn start(&self, t: &Target<'_>) -> Result<Helper> {
        let log_path = t.dir.join("pasta.log");
        let err_path = t.dir.join("pasta.stderr");
        let stderr = std::fs::File::create(&err_path)
            .map_err(|e| Error::io(format!("cannot create {}", err_path.display()), e))?;
        let args = network::pasta_args(self.extra, t.ports, t.pid.as_raw(), &log_path);
        let mut cmd = std::process::Command::new(program(t.helper));
        // pasta tells its mode from its name; the AVX2 build is named passt.avx2.
        cmd.arg0("pasta")
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr);
        // pasta has no exit pipe: it must die with nook even when nook is SIGKILLed.
        crate::sys::kill_with_parent(&mut cmd);
        let mut cmd = tokio::process::Command::from(cmd);
        cmd.kill_on_drop(true);
        let child = cmd
            .spawn()
            .map_err(|e| Error::io(format!("cannot start {}", t.helper.display()), e))?;
        let mut helper = Helper { child, _exit: None };
        let pid = t.pid.as_raw();
        let wait = async {
            loop {
                if configured(pid) {
                    return Ok(());
                }
                if let Ok(Some(status)) = helper.child.try_wait() {
                    return Err(format!(
                        "pasta exited ({status}): {}",
                        log_tail(&[log_path.clone(), err_path.clone()])
                    ));
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        };
        let waited = tokio::time::timeout(READY_TIMEOUT, wait).await;
        let why = match waited {
            Ok(Ok(())) => return Ok(helper),
            Ok(Err(why)) => why,
            Err(_) => format!(
                "not ready within {} s ({})",
                READY_TIMEOUT.as_secs(),
                log_tail(&[log_path, err_path])
            ),
        };
        helper.kill_and_wait().await;
        Err(Error::Usage(format!(
            "pasta could not set up the container's network: {why}; use --network none to run without it"
        )))
    }
}
