//! Reads podman's `containers.conf` files, as podman finds them: the system's
//! (`/usr/share/containers/containers.conf`, then `/etc/containers/containers.conf`, each with
//! its `.d` drop-ins), then the user's (`$XDG_CONFIG_HOME/containers/containers.conf` and its
//! drop-ins); `CONTAINERS_CONF` names the one file to read instead of all those;
//! `CONTAINERS_CONF_OVERRIDE` a file read last. `plan::containers_conf` parses them.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::plan::containers_conf::{self, ContainersConf};

/// A file and the `.conf` files of its `.d` directory, sorted.
fn with_dropins(file: PathBuf) -> Vec<PathBuf> {
    let dir = PathBuf::from(format!("{}.d", file.display()));
    let mut extra: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .collect();
    extra.sort();
    std::iter::once(file).chain(extra).collect()
}

/// The files to read, in order (those that do not exist are passed over).
pub fn conf_files() -> Vec<PathBuf> {
    let mut files = match std::env::var_os("CONTAINERS_CONF").filter(|v| !v.is_empty()) {
        Some(one) => vec![PathBuf::from(one)],
        None => {
            let mut f = with_dropins("/usr/share/containers/containers.conf".into());
            f.extend(with_dropins("/etc/containers/containers.conf".into()));
            if let Some(config) = dirs::config_dir() {
                f.extend(with_dropins(config.join("containers/containers.conf")));
            }
            f
        }
    };
    if let Some(o) = std::env::var_os("CONTAINERS_CONF_OVERRIDE").filter(|v| !v.is_empty()) {
        files.push(PathBuf::from(o));
    }
    files
}

fn read(path: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Usage(format!(
            "cannot read {}: {e}: make it readable, or point CONTAINERS_CONF elsewhere",
            path.display()
        ))),
    }
}

/// What the containers.conf files say, merged.
pub fn containers_conf() -> Result<ContainersConf> {
    let mut texts = Vec::new();
    for f in conf_files() {
        if let Some(t) = read(&f)? {
            texts.push((f.display().to_string(), t));
        }
    }
    containers_conf::load(&texts).map_err(Error::Usage)
}
