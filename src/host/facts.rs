//! Reads what `nook run` needs to know of the host before planning (effects only): every
//! fact once, in one place, so that nothing is read again later and decided differently.

use std::collections::BTreeMap;
use std::io::Read;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use nix::unistd::{Uid, User, getgid, getuid};

use crate::error::{Error, Result};
use crate::host::{cgroup, driver, volume};
use crate::plan::image_config::ImageFacts;
use crate::plan::network::NetFacts;
use crate::plan::request::RunRequest;
use crate::plan::run::Facts;
use crate::proto::errno_of;

/// Where a helper program is, looking in PATH and the usual system directories.
pub fn find_program(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    path.split(':')
        .filter(|d| !d.is_empty())
        .chain(["/usr/bin", "/usr/sbin", "/bin", "/sbin"])
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

/// A random container id: 64 hex digits from the kernel's generator.
pub fn random_id() -> Result<String> {
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| Error::io("cannot read /dev/urandom", e))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn user_name(uid: Uid) -> String {
    match User::from_uid(uid) {
        Ok(Some(u)) => u.name,
        _ => std::env::var("USER").unwrap_or_else(|_| uid.to_string()),
    }
}

fn tty_size() -> Option<(u16, u16)> {
    let stdin = std::io::stdin();
    crate::sys::get_winsize(stdin.as_fd())
        .ok()
        .map(|ws| (ws.ws_row, ws.ws_col))
        .filter(|(r, c)| *r > 0 && *c > 0)
}

/// Subordinate-id files may be replaced for tests of malformed files (they are read the
/// same way; `newuidmap` itself always reads the real ones).
fn subid_file(var: &str, default: &str) -> Option<String> {
    let path = std::env::var(var).unwrap_or_else(|_| default.to_string());
    std::fs::read_to_string(path).ok()
}

/// The network helpers and whether `/dev/net/tun` can be opened for reading and writing.
fn net_facts() -> NetFacts {
    use nix::unistd::{AccessFlags, access};
    NetFacts {
        slirp4netns: find_program("slirp4netns"),
        pasta: find_program("pasta"),
        tun_exists: Path::new("/dev/net/tun").exists(),
        tun_usable: access("/dev/net/tun", AccessFlags::R_OK | AccessFlags::W_OK).is_ok(),
    }
}

/// Just what the id mapping needs (the image store's jobs).
pub fn id_facts() -> Facts {
    let uid = getuid();
    Facts {
        uid: uid.as_raw(),
        gid: getgid().as_raw(),
        user_name: user_name(uid),
        subuid: subid_file("NOOK_SUBUID_FILE", "/etc/subuid"),
        subgid: subid_file("NOOK_SUBGID_FILE", "/etc/subgid"),
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
    let (mounts, volumes) = volume::resolve(&requests)?;
    let storage = match &image {
        Some(i) => Some(driver::storage_facts(req.storage_driver, &i.store)?),
        None => None,
    };
    let ids = id_facts();
    let id = random_id()?;
    let state_dir = state_dir_of(&id);
    Ok(Facts {
        cgroup: cgroup::read_facts(&ids.user_name),
        host_env: std::env::vars().collect::<BTreeMap<_, _>>(),
        host_resolv: std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default(),
        host_hosts: std::fs::read_to_string("/etc/hosts").unwrap_or_default(),
        env_files,
        rootfs: match req.rootfs_dir() {
            Some(_) => rootfs,
            None => state_dir.join("rootfs"),
        },
        state_dir,
        id,
        tty_size: if req.tty { tty_size() } else { None },
        seccomp_profile,
        net: net_facts(),
        image,
        mounts,
        volumes,
        storage,
        devices: cgroup::device_numbers(&req.cgroup.limits),
        ..ids
    })
}
