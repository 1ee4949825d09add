//! A user's own nook for one test: HOME, the XDG directories and storage.conf in a private
//! directory, none of the caller's NOOK_* settings, and everything the test made removed when
//! the `Home` is dropped.
//!
//! Every test that keeps images, volumes or containers' state uses one, so that a developer's
//! own `~/.config/nook/storage.conf`, `NOOK_STORAGE` (which `nook unshare` exports) or
//! `REGISTRY_AUTH_FILE` can never send a test to the real store or credentials.

use std::ffi::{OsStr, OsString};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A private directory holding the user's HOME and XDG directories:
/// `data` (XDG_DATA_HOME: the store and the volumes), `config` (XDG_CONFIG_HOME: storage.conf,
/// registries.conf), `cache`, `state`, and `run` (XDG_RUNTIME_DIR) with `private_runtime`.
/// Without a private runtime directory, containers' state goes to the caller's runtime
/// directory (shared with the other tests running at the same time).
pub struct Home {
    dir: PathBuf,
    /// Whether `run` is this home's own runtime directory, which `system reset` may remove.
    own_runtime: bool,
    /// Variables set on every command after the isolation, in order (the last one wins).
    env: Vec<(OsString, OsString)>,
}

impl Home {
    pub fn new() -> Home {
        let dir = tempfile::Builder::new()
            .prefix("nook-home-")
            .tempdir()
            .expect("a temporary home")
            .keep();
        Home {
            dir,
            own_runtime: false,
            env: Vec::new(),
        }
    }

    /// A runtime directory of its own (`run`, 0700): containers of other tests, running at
    /// the same time, do not show in `nook ps`, cannot hold this store's images, and
    /// `system reset` touches nothing of theirs.
    pub fn private_runtime(mut self) -> Home {
        let run = self.dir.join("run");
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&run)
            .expect("a private runtime directory");
        self.own_runtime = true;
        self.env("XDG_RUNTIME_DIR", run)
    }

    /// Sets `key` for every command of this home (e.g. XDG_DATA_HOME to put the store
    /// elsewhere, or XDG_RUNTIME_DIR to share another home's); the accessors follow it.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Home {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Writes `$XDG_CONFIG_HOME/nook/storage.conf` (again: it replaces the last one).
    pub fn storage_conf(&self, text: &str) {
        let dir = self.config().join("nook");
        std::fs::create_dir_all(&dir).expect("the nook config directory");
        std::fs::write(dir.join("storage.conf"), text).expect("storage.conf");
    }

    /// HOME: the private directory itself.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    fn var(&self, key: &str) -> Option<PathBuf> {
        self.env
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| PathBuf::from(v))
    }

    /// XDG_DATA_HOME.
    pub fn data(&self) -> PathBuf {
        self.var("XDG_DATA_HOME")
            .unwrap_or_else(|| self.dir.join("data"))
    }

    /// XDG_CONFIG_HOME.
    pub fn config(&self) -> PathBuf {
        self.var("XDG_CONFIG_HOME")
            .unwrap_or_else(|| self.dir.join("config"))
    }

    /// XDG_CACHE_HOME.
    pub fn cache(&self) -> PathBuf {
        self.var("XDG_CACHE_HOME")
            .unwrap_or_else(|| self.dir.join("cache"))
    }

    /// XDG_RUNTIME_DIR when this home sets one (`private_runtime`, or `env`).
    pub fn runtime(&self) -> Option<PathBuf> {
        self.var("XDG_RUNTIME_DIR")
    }

    /// Where nook keeps this home's containers' state.
    pub fn runtime_dir(&self) -> PathBuf {
        match self.runtime() {
            Some(run) => run.join("nook"),
            None => super::runtime_dir(),
        }
    }

    /// The image store where nook puts it by default (storage.conf can move it).
    pub fn store(&self) -> PathBuf {
        self.data().join("nook/storage")
    }

    /// The named volumes, by default.
    pub fn volumes(&self) -> PathBuf {
        self.data().join("nook/volumes")
    }

    /// `nook` with this home: HOME and every XDG directory set, XDG_RUNTIME_DIR the caller's
    /// unless this home has its own, and no NOOK_* variable or REGISTRY_AUTH_FILE of the
    /// caller's (nook reads NOOK_STORAGE, NOOK_STORAGE_DRIVER, NOOK_SUBUID_FILE,
    /// NOOK_SUBGID_FILE, NOOK_LOCK_TIMEOUT, NOOK_NETWORK_TIMEOUT; the tests' own NOOK_BIN,
    /// NOOK_SCRIPTS ... stay in the test process, where they are read).
    pub fn nook(&self) -> Command {
        let mut c = super::isolated(&self.dir);
        for (key, value) in &self.env {
            c.env(key, value);
        }
        c
    }

    /// `nook ARGS`: its output.
    pub fn output(&self, args: &[&str]) -> Output {
        self.nook().args(args).output().expect("spawn nook")
    }

    /// `nook ARGS` succeeded: its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        super::succeeded(args, &self.output(args))
    }

    /// `nook ARGS` failed in one line naming `needle`, exit 125: that line.
    pub fn fails(&self, args: &[&str], needle: &str) -> String {
        super::failed(&self.output(args), needle)
    }

    /// The names in `sub` of the default store (`layers`, `tmp`, `blobs/sha256` ...), sorted.
    pub fn entries(&self, sub: &str) -> Vec<String> {
        super::names_in(&self.store().join(sub))
    }

    /// The ids of this home's containers that have a directory, sorted.
    pub fn containers(&self) -> Vec<String> {
        super::names_in(&self.runtime_dir().join("containers"))
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        // Layers, containers' upper directories and volumes hold files of subordinate ids,
        // which only nook, in the user namespace, can remove. `system reset` also removes the
        // runtime directory: only this home's own.
        let reset = self.own_runtime && self.output(&["system", "reset", "-f"]).status.success();
        if !reset {
            let _ = self.output(&["volume", "rm", "-a", "-f"]);
            let _ = self.output(&["rmi", "-a", "-f"]);
        }
        if std::fs::remove_dir_all(&self.dir).is_err() {
            // What is left (a killed container's files, a test's own chowned files).
            let _ = self
                .nook()
                .args(["unshare", "rm", "-rf"])
                .arg(&self.dir)
                .output();
        }
    }
}

/// Nothing of the home's containers is left: no state directory, no record, no name, no
/// process with `marker`, no mount.
pub fn nothing_left(h: &Home, marker: &str) {
    assert!(
        super::wait_for(10, || super::processes_with(marker).is_empty()),
        "processes left"
    );
    assert!(
        h.containers().is_empty(),
        "state left: {:?}",
        h.containers()
    );
    assert!(super::names_in(&h.runtime_dir().join("names")).is_empty());
    assert!(super::names_in(&h.data().join("nook/containers")).is_empty());
    assert!(super::host_mounts_with(h.path().to_str().unwrap()).is_empty());
}
