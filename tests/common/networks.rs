//! Helpers of the bridge-network tests (tests/networks.rs, tests/networks2.rs): a detached
//! web server on a network, and the processes of a home's rootless network namespace.

use super::home::Home;
use super::{processes_with, rootfs, wait_for};

impl Home {
    /// A detached busybox httpd on `net` (any `--network` value) serving the container's /etc
    /// on port 8080.
    pub fn web(&self, name: &str, net: &str, opts: &[&str]) {
        let mut all = vec!["run", "-d", "--name", name, "--network", net];
        all.extend_from_slice(opts);
        let root = rootfs().to_str().expect("a UTF-8 path");
        all.extend_from_slice(&["--rootfs", root, "httpd", "-f", "-p", "8080", "-h", "/etc"]);
        self.ok(&all);
    }

    /// The processes of this home's rootless network namespace: managers (and the child
    /// holding the namespace), slirp4netns (whose working directory is the state's) and the
    /// networks' DNS responders (which answer from the hosts files under it).
    pub fn netns_processes(&self) -> Vec<i32> {
        let dir = self.runtime_dir().join("netns");
        let mut all = processes_with(&format!("__netns {}", dir.display()));
        all.extend(
            processes_with("slirp4netns")
                .into_iter()
                .filter(|p| std::fs::read_link(format!("/proc/{p}/cwd")).is_ok_and(|c| c == dir)),
        );
        all.extend(processes_with(&format!("--hosts {}/hosts/", dir.display())));
        all
    }

    /// Nothing of the rootless network namespace runs (within 10 s).
    pub fn nothing_left(&self) {
        assert!(
            wait_for(10, || self.netns_processes().is_empty()),
            "left running: {:?}",
            self.netns_processes()
        );
    }
}
