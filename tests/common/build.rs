//! Helpers of the build tests (tests/build*.rs): a build context over the busybox root file
//! system, `nook build` run as a home's user, and a throwaway registry (scripts/registry.sh).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::home::Home;
use super::output_of as sh;

/// A build context: the busybox root file system in `rootfs/`, the Containerfile and the
/// files given (their directories made).
pub fn context(containerfile: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = tempfile::Builder::new()
        .prefix("ctx-")
        .tempdir_in(super::scratch())
        .unwrap()
        .keep();
    sh(Command::new("cp")
        .arg("-a")
        .arg(super::rootfs())
        .arg(dir.join("rootfs")));
    std::fs::write(dir.join("Containerfile"), containerfile).unwrap();
    for (name, body) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    dir
}

/// `nook build EXTRA CTX` as the home's user.
pub fn build(home: &Home, ctx: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&str> = vec!["build"];
    args.extend(extra);
    args.push(ctx.to_str().unwrap());
    home.output(&args)
}

/// `nook build EXTRA CTX` succeeded: its stdout; the last line is the image ID.
pub fn built(home: &Home, ctx: &Path, extra: &[&str]) -> String {
    super::succeeded(&["build"], &build(home, ctx, extra))
}

/// scripts/registry.sh, its registries stopped when the test process ends.
pub fn registry_sh() -> Command {
    let mut c = Command::new("bash");
    c.arg(super::scripts_dir().join("registry.sh"))
        .env("REGISTRY_PARENT_PID", std::process::id().to_string());
    c
}

/// A registry of one test (`plain`, or `basic`: user tester, password s3cret), stopped on drop.
pub struct Registry {
    pub dir: PathBuf,
    /// 127.0.0.1:PORT
    pub addr: String,
}

impl Registry {
    pub fn start(mode: &str) -> Registry {
        let dir = super::scratch().join(super::unique("registry"));
        let addr = sh(registry_sh().arg("start").arg(&dir).arg(mode));
        Registry { dir, addr }
    }

    /// A plain registry logging each request to `registry.log` (see `log`).
    pub fn logged() -> Registry {
        let dir = super::scratch().join(super::unique("registry"));
        let addr = sh(registry_sh()
            .env("REGISTRY_ACCESS_LOG_OFF", "false")
            .arg("start")
            .arg(&dir)
            .arg("plain"));
        Registry { dir, addr }
    }

    /// The request lines of a `logged` registry so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("registry.log")).unwrap_or_default()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = registry_sh().arg("stop").arg(&self.dir).status();
    }
}
