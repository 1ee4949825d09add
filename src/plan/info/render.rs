//! The report as `nook info` prints it: an aligned table, or JSON.

use serde_json::{Value, json};

use super::{
    CgroupManager, CgroupMode, Choices, IdMapChoice, NetworkDriver, Report, RootfsDriver, Status,
};

impl Choices {
    fn rows(&self) -> [(&'static str, String); 5] {
        let id = match self.id_mapping {
            IdMapChoice::Subordinate => "newuidmap with subordinate ranges",
            IdMapChoice::Single => "single mapping (only your own id inside)",
        };
        let rootfs = match self.rootfs {
            RootfsDriver::KernelOverlay => "overlay",
            RootfsDriver::FuseOverlayfs => "fuse-overlayfs",
            RootfsDriver::Copy => "vfs",
        };
        let network = match self.network {
            NetworkDriver::Slirp4netns => "slirp4netns",
            NetworkDriver::Pasta => "pasta",
            NetworkDriver::None => "none",
        };
        let cgroups = match self.cgroups {
            CgroupManager::Systemd => "systemd user scope",
            CgroupManager::Delegated => "delegated cgroup",
            CgroupManager::Job => "the batch job's cgroup",
            CgroupManager::None => "none",
        };
        [
            (
                "id mapping",
                match (self.id_mapping, self.userns_holder) {
                    (IdMapChoice::Subordinate, Some(pid)) => format!(
                        "{id}, once: runs join the user namespace held by PID {pid} (nook system migrate ends it)"
                    ),
                    (IdMapChoice::Subordinate, None) => format!(
                        "{id}, once: the first run starts a process holding the user namespace, later runs join it"
                    ),
                    _ => id.to_string(),
                },
            ),
            (
                "storage",
                format!(
                    "{rootfs}: {} (--storage-driver overrides)",
                    self.rootfs_reason
                ),
            ),
            ("network", format!("{network} (the default of nook run)")),
            (
                "cgroups",
                format!("{cgroups} (the default of nook run; limits need cgroup v2)"),
            ),
            ("runtime dir", self.runtime_dir.clone()),
        ]
    }
}

impl Report {
    /// Aligned columns (mark, name, detail), a `fix:` line under each check that is not ok,
    /// then the choices.
    pub fn to_table(&self) -> String {
        let mark_width = self.checks.iter().map(|c| c.status.mark().len()).max();
        let mark_width = mark_width.unwrap_or(0);
        let name_width = self.checks.iter().map(|c| c.name.len()).max();
        let name_width = name_width.unwrap_or(0);
        let mut out = String::new();
        for c in &self.checks {
            let line = format!(
                "{:<mark_width$}  {:<name_width$}  {}",
                c.status.mark(),
                c.name,
                c.detail
            );
            out.push_str(line.trim_end());
            out.push('\n');
            if let (false, Some(fix)) = (c.status == Status::Ok, &c.fix) {
                out.push_str(&format!("{:mark_width$}  fix: {fix}\n", ""));
            }
        }
        let rows = self.choices.rows();
        let label_width = rows.iter().map(|(l, _)| l.len() + 1).max().unwrap_or(0);
        out.push('\n');
        for (label, value) in rows {
            out.push_str(&format!("{:<label_width$}  {value}\n", format!("{label}:")));
        }
        out
    }

    /// `{"checks": [{name, status, detail, fix}], "choices": {...}, "probe": {...}}`, and
    /// the keys of podman's info that its scripts read (`Host`, `Store`, `Version`).
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "checks": serde_json::to_value(&self.checks).unwrap_or_default(),
            "choices": serde_json::to_value(&self.choices).unwrap_or_default(),
            "probe": serde_json::to_value(&self.facts).unwrap_or_default(),
        });
        if let (Value::Object(m), Value::Object(podman)) = (&mut v, self.podman_keys()) {
            m.extend(podman);
        }
        v
    }

    /// What podman's `info` says under `Host`, `Store` and `Version`, for what nook has.
    fn podman_keys(&self) -> Value {
        let p = &self.facts;
        let c = &self.choices;
        let graph_driver = match c.rootfs {
            RootfsDriver::KernelOverlay => "overlay",
            RootfsDriver::FuseOverlayfs => "fuse-overlayfs",
            RootfsDriver::Copy => "vfs",
        };
        let network = match c.network {
            NetworkDriver::Slirp4netns => "slirp4netns",
            NetworkDriver::Pasta => "pasta",
            NetworkDriver::None => "none",
        };
        let cgroups_version = match p.cgroup_mode {
            CgroupMode::Unified => "v2",
            CgroupMode::Hybrid | CgroupMode::Legacy => "v1",
            CgroupMode::Unknown => "",
        };
        let cgroup_manager = match c.cgroups {
            CgroupManager::Systemd => "systemd",
            CgroupManager::Delegated | CgroupManager::Job | CgroupManager::None => "cgroupfs",
        };
        json!({
            "Host": {
                "Arch": go_arch(),
                "OS": std::env::consts::OS,
                "Kernel": p.kernel_release.clone().unwrap_or_default(),
                "CgroupsVersion": cgroups_version,
                "CgroupManager": cgroup_manager,
                "NetworkBackend": network,
                "RootlessNetworkCmd": network,
                "RemoteSocket": { "Exists": false, "Path": "" },
                "Security": {
                    "Rootless": p.uid != 0,
                    "SeccompEnabled": p.seccomp_kernel,
                    "SELinuxEnabled": false,
                    "AppArmorEnabled": false,
                },
            },
            "Store": {
                "GraphDriverName": graph_driver,
                "GraphRoot": p.store_root.clone().unwrap_or_default(),
                // nook's drivers take no options (storage.conf's are not read).
                "GraphOptions": {},
                "VolumePath": p.volume_path.clone().unwrap_or_default(),
                "RunRoot": c.runtime_dir,
            },
            "Version": version(),
        })
    }
}

/// The architecture as Go names it (podman's `OS/Arch`): amd64, arm64, ...
pub fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        "arm" => "arm",
        other => other,
    }
}

/// nook's version as podman's `version` shows its own (`Client` of `nook version`; the
/// Rust compiler stands for Go's).
pub fn version() -> Value {
    let built: i64 = option_env!("NOOK_BUILT")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    json!({
        "APIVersion": env!("CARGO_PKG_VERSION"),
        "Version": env!("CARGO_PKG_VERSION"),
        "GoVersion": option_env!("NOOK_RUSTC_VERSION").unwrap_or("rustc"),
        "RustVersion": option_env!("NOOK_RUSTC_VERSION").unwrap_or("rustc"),
        "GitCommit": "",
        "Built": built,
        "BuiltTime": crate::plan::volume::rfc3339(built.max(0) as u64),
        "OsArch": format!("{}/{}", std::env::consts::OS, go_arch()),
        "Os": std::env::consts::OS,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::testing::healthy;
    use super::super::{CgroupMode, report};

    #[test]
    fn json_has_checks_choices_and_probe() {
        let mut p = healthy();
        p.cgroup_mode = CgroupMode::Hybrid;
        let v = report(&p).to_json();
        let checks = v["checks"].as_array().map(Vec::len);
        assert_eq!(checks, Some(13));
        for c in v["checks"].as_array().into_iter().flatten() {
            let keys: Vec<&String> = c
                .as_object()
                .map(|o| o.keys().collect())
                .unwrap_or_default();
            assert_eq!(keys, ["detail", "fix", "name", "status"]);
        }
        let cgroups = v["checks"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["name"] == "cgroups"));
        assert_eq!(cgroups.map(|c| c["status"].clone()), Some(json!("warn")));
        assert_eq!(v["checks"][0]["status"], "ok");
        assert_eq!(v["checks"][0]["fix"], Value::Null);
        assert_eq!(v["choices"]["id_mapping"], "subordinate");
        assert_eq!(v["choices"]["rootfs"], "kernel-overlay");
        assert_eq!(v["choices"]["network"], "slirp4netns");
        assert_eq!(v["choices"]["cgroups"], "systemd");
        assert_eq!(v["choices"]["runtime_dir"], "/run/user/1000/nook");
        assert_eq!(v["probe"]["uid"], 1000);
        assert_eq!(v["probe"]["cgroup_mode"], "hybrid");
        assert_eq!(v["probe"]["subuid"]["ranges"][0]["count"], 65536);
        // The keys podman's scripts read.
        assert_eq!(v["Host"]["Security"]["Rootless"], true);
        assert_eq!(v["Host"]["CgroupsVersion"], "v1");
        assert_eq!(v["Host"]["NetworkBackend"], "slirp4netns");
        assert_eq!(v["Store"]["GraphDriverName"], "overlay");
        assert_eq!(v["Store"]["RunRoot"], "/run/user/1000/nook");
        assert_eq!(v["Version"]["Version"], env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn table_aligns_and_shows_fixes_of_non_ok_checks() {
        let mut p = healthy();
        p.dbus_session_bus_address = None;
        p.user_bus_socket = false;
        let table = report(&p).to_table();
        let lines: Vec<&str> = table.lines().collect();
        assert!(
            lines[0].starts_with("ok       user namespaces   max 63493"),
            "{table}"
        );
        let bus = lines
            .iter()
            .position(|l| l.starts_with("MISSING  systemd user bus  "));
        let bus = bus.unwrap_or_else(|| panic!("{table}"));
        assert_eq!(lines[bus + 1], "         fix: loginctl enable-linger alice");
        assert_eq!(table.matches("fix:").count(), 1, "{table}");
        // Every check's detail starts in the same column.
        let column = "ok       user namespaces   ".len();
        let check_lines: Vec<&&str> = lines
            .iter()
            .take_while(|l| !l.is_empty())
            .filter(|l| !l.contains("fix:"))
            .collect();
        assert_eq!(check_lines.len(), 13, "{table}");
        for line in check_lines {
            assert_eq!(&line[column - 2..column], "  ", "{line}");
            assert!(!line[column..].starts_with(' '), "{line}");
        }
        assert!(
            table.contains("\nid mapping:   newuidmap with subordinate ranges, once: the first run starts a process holding the user namespace, later runs join it\n"),
            "{table}"
        );
        assert!(
            table.contains(
                "\nstorage:      overlay: kernel 6.1 mounts overlayfs in a user namespace on this store's ext4 (probed) (--storage-driver overrides)\n"
            ),
            "{table}"
        );
        assert!(
            table.contains("\nnetwork:      slirp4netns (the default of nook run)\n"),
            "{table}"
        );
    }
}
