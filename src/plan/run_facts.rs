//! The facts a run is planned from: what the host side knows before planning.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::cgroup::CgroupFacts;
use super::image_config::ImageFacts;
use super::network::NetFacts;
use super::overlay::StorageFacts;

/// What the host side knows before planning (read from the system by `host::facts::for_run`).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub uid: u32,
    pub gid: u32,
    pub user_name: String,
    /// Contents of `/etc/subuid` and `/etc/subgid`; `None` when the file is missing.
    pub subuid: Option<String>,
    pub subgid: Option<String>,
    /// Both `newuidmap` and `newgidmap` are installed.
    pub helpers: bool,
    pub host_env: BTreeMap<String, String>,
    pub host_resolv: String,
    pub host_hosts: String,
    /// The host's addresses, interface by interface (`hostname -I`'s, loopback included).
    pub host_ips: Vec<std::net::IpAddr>,
    /// Contents of each `--env-file`, in order.
    pub env_files: Vec<String>,
    /// A fresh random container id (64 hex digits).
    pub id: String,
    /// Absolute path of the root file system directory.
    pub rootfs: PathBuf,
    /// The container's state directory.
    pub state_dir: PathBuf,
    /// Where an image root's own directories go (the overlay's upper, work and mount point,
    /// or the vfs copy): a kept container's data directory (they survive a reboot), else
    /// the state directory.
    pub private_dir: PathBuf,
    /// Rows and columns of the caller's terminal, when it has one.
    pub tty_size: Option<(u16, u16)>,
    /// Contents of the `--security-opt seccomp=FILE` profile.
    pub seccomp_profile: Option<String>,
    /// Network helpers and /dev/net/tun.
    pub net: NetFacts,
    /// The image, when running one (not `--rootfs`).
    pub image: Option<ImageFacts>,
    /// `-v`, `--mount` and `--tmpfs`, with host paths checked and volumes found.
    pub mounts: Vec<super::volume::Resolved>,
    /// The names of the named volumes among them.
    pub volumes: Vec<String>,
    /// Those of them that are anonymous (`-v /path`): removed with a `--rm` container.
    pub anonymous_volumes: Vec<String>,
    /// The storage driver's facts (a run from an image).
    pub storage: Option<StorageFacts>,
    /// The host's cgroups.
    pub cgroup: CgroupFacts,
    /// Each device path of `--device-read-bps` and `--device-write-bps`: its MAJ:MIN, or why
    /// it cannot be used.
    pub devices: Vec<(String, Result<String, String>)>,
    /// Devices, CDI specs, resource limits (`plan/plumbing.rs`).
    pub plumbing: super::plumbing::PlumbingFacts,
}

impl Facts {
    /// Keep the image root's own directories in `dir` (a kept container's data directory,
    /// as podman keeps a container's upper directory in its graphroot).
    pub fn keep_root_in(&mut self, dir: PathBuf) {
        if self.image.is_some() {
            self.rootfs = dir.join("rootfs");
        }
        self.private_dir = dir;
    }
}
