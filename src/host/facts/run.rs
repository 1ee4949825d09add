//! The facts `nook run` decides from: every one read once, in one place, so that nothing is
//! read again later and decided differently.

use std::collections::BTreeMap;
use std::path::PathBuf;

use nix::unistd::{getgid, getuid};

use super::{find_program, random_id, subid_files, tty_size, tun, user_name};
use crate::error::{Error, Result};
use crate::host::{cgroup, driver, volume};
use crate::plan::image_config::ImageFacts;
use crate::plan::network::NetFacts;
use crate::plan::request::RunRequest;
use crate::plan::run::Facts;
use crate::proto::errno_of;

/// The network helpers and whether `/dev/net/tun` can be opened for reading and writing.
fn net_facts() -> NetFacts {
    let tun = tun();
    NetFacts {
        slirp4netns: find_program("slirp4netns").map(|p| p.path),
        pasta: find_program("pasta").map(|p| p.path),
        tun_exists: tun.exists,
        tun_usable: tun.rw,
    }
}

/// Just what the id mapping needs (the image store's jobs).
pub fn id_facts() -> Facts {
    let uid = getuid();
    let (subuid, subgid) = subid_files();
    Facts {
        uid: uid.as_raw(),
        gid: getgid().as_raw(),
        user_name: user_name(uid),
        subuid: subuid.text,
        subgid: subgid.text,
        helpers: find_program("newuidmap").is_some() && find_program("newgidmap").is_some(),
        ..Facts::default()
    }
}

/// Everything `nook run` decides from, read once: the volume specs are checked first (a bad
/// one fails before anything is pulled), then `image` finds (or pulls) the image, then the
/// caller, the id files and helpers, the host files the container gets copies of, the
/// mounts' host paths, the storage driver's facts and the cgroups.
pub fn for_run(
    req: &RunRequest,
    image: impl FnOnce() -> Result<Option<ImageFacts>>,
    state_dir_of: impl Fn(&str) -> PathBuf,
) -> Result<Facts> {
    let mounts = &req.mounts;
    let requests = crate::plan::volume::parse_all(&mounts.volumes, &mounts.mounts, &mounts.tmpfs)
        .map_err(Error::Usage)?;
    let image = image()?;
    let rootfs = match req.rootfs_dir() {
        // An image: the private copy goes into the container's directory (set below).
        None => PathBuf::new(),
        Some(dir) => match std::fs::canonicalize(dir) {
            Ok(p) if p.is_dir() => p,
            Ok(p) => {
                return Err(Error::Usage(format!(
                    "root file system {} is not a directory: give a directory holding a root file system",
                    p.display()
                )));
            }
            Err(e) => {
                return Err(Error::Usage(format!(
                    "root file system {dir}: {}: give an existing directory (for example one made by scripts/busybox-rootfs.sh)",
                    errno_of(&e).desc()
                )));
            }
        },
    };
    let env_files = req
        .env_files
        .iter()
        .map(|p| {
            std::fs::read_to_string(p).map_err(|e| {
                Error::Usage(format!(
                    "cannot read --env-file {}: {}",
                    p.display(),
                    errno_of(&e).desc()
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let seccomp_profile = crate::plan::run::seccomp_profile_path(&req.security.options)
        .map(|path| {
            std::fs::read_to_string(path).map_err(|e| {
                Error::Usage(format!(
                    "cannot read seccomp profile {path}: {}: give a readable JSON file",
                    errno_of(&e).desc()
                ))
            })
        })
        .transpose()?;
    let volume::ResolvedMounts {
        mounts,
        volumes,
        anonymous,
    } = volume::resolve(&requests)?;
    let storage = match &image {
        Some(i) => Some(driver::storage_facts(req.storage_driver, &i.store)?),
        None => None,
    };
    let plumbing = super::plumbing::read(&req.host)?;
    let ids = id_facts();
    let id = random_id()?;
    let state_dir = state_dir_of(&id);
    Ok(Facts {
        cgroup: cgroup::read_facts(&ids.user_name),
        host_env: std::env::vars().collect::<BTreeMap<_, _>>(),
        host_resolv: std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default(),
        host_hosts: std::fs::read_to_string("/etc/hosts").unwrap_or_default(),
        host_ips: match crate::plan::network::needs_host_ips(req.network.mode.as_ref()) {
            true => host_ips(),
            false => Vec::new(),
        },
        env_files,
        rootfs: match req.rootfs_dir() {
            Some(_) => rootfs,
            None => state_dir.join("rootfs"),
        },
        private_dir: state_dir.clone(),
        state_dir,
        id,
        tty_size: if req.tty { tty_size() } else { None },
        seccomp_profile,
        net: net_facts(),
        image,
        mounts,
        volumes,
        anonymous_volumes: anonymous,
        storage,
        devices: cgroup::device_numbers(&req.cgroup.limits),
        plumbing,
        ..ids
    })
}

/// The host's addresses, in interface order (none when they cannot be listed).
fn host_ips() -> Vec<std::net::IpAddr> {
    let Ok(all) = nix::ifaddrs::getifaddrs() else {
        return Vec::new();
    };
    all.filter_map(|a| {
        let addr = a.address?;
        match (addr.as_sockaddr_in(), addr.as_sockaddr_in6()) {
            (Some(v4), _) => Some(std::net::IpAddr::V4(v4.ip())),
            (_, Some(v6)) => Some(std::net::IpAddr::V6(v6.ip())),
            _ => None,
        }
    })
    .collect()
}
