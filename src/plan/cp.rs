//! `nook cp`: which side is the container's, and where a copy lands, decided from paths and
//! what they name (docker's and podman's rules), before and after the container is entered.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::overlay::OverlaySpec;

/// What a path names (its last component not followed for a source, followed for a target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Dir,
    File,
    Symlink,
    /// A FIFO, socket or device: not copied.
    Other,
}

/// Which way the copy goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// From the container to the host.
    Out,
    /// From the host into the container.
    In,
}

/// `SRC DEST` of the command line, sorted out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub direction: Direction,
    pub container: String,
    pub container_path: String,
    /// `-` for a tar stream: read from standard input (In), written to standard output (Out).
    pub host_path: String,
}

/// The host side of a copy is a tar stream (`-`).
pub fn is_stream(host_path: &str) -> bool {
    host_path == "-"
}

/// `CONTAINER:PATH`, or a host path (one with a `/` before any `:` is always a host path,
/// as `./a:b` is).
fn container_part(arg: &str) -> Option<(&str, &str)> {
    let (name, path) = arg.split_once(':')?;
    (!name.is_empty() && !name.contains('/')).then_some((name, path))
}

pub fn endpoints(src: &str, dest: &str) -> Result<Endpoints, String> {
    let fix = "give exactly one side as CONTAINER:PATH, such as nook cp ctr:/etc/hosts ./hosts";
    let (direction, (container, path), host) = match (container_part(src), container_part(dest)) {
        (Some(c), None) => (Direction::Out, c, dest),
        (None, Some(c)) => (Direction::In, c, src),
        (Some(_), Some(_)) => {
            return Err(format!(
                "copying between two containers is not supported: {fix}"
            ));
        }
        (None, None) => return Err(format!("no container named in {src:?} {dest:?}: {fix}")),
    };
    if host.is_empty() {
        return Err(format!("an empty host path: {fix}"));
    }
    let path = match path {
        "" => "/".to_string(),
        p if p.starts_with('/') => p.to_string(),
        // Relative to the container's root, as podman takes it.
        p => format!("/{p}"),
    };
    Ok(Endpoints {
        direction,
        container: container.to_string(),
        container_path: path,
        host_path: host.to_string(),
    })
}

/// A source path split into its directory and last component; `name` is None when the
/// path asks for a directory's contents (`DIR/.`, or `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub dir: String,
    pub name: Option<String>,
}

fn parent_and_name(path: &str) -> (String, String) {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some(("", name)) => ("/".to_string(), name.to_string()),
        Some((dir, name)) => (dir.to_string(), name.to_string()),
        None => (".".to_string(), trimmed.to_string()),
    }
}

pub fn source(path: &str) -> Source {
    if let Some(dir) = path.strip_suffix("/.") {
        let dir = if dir.is_empty() { "/" } else { dir };
        return Source {
            dir: dir.to_string(),
            name: None,
        };
    }
    let (dir, name) = parent_and_name(path);
    match name.as_str() {
        "" | "." => Source {
            dir: if path.trim_end_matches('/').is_empty() {
                "/".to_string()
            } else {
                path.to_string()
            },
            name: None,
        },
        _ => Source {
            dir,
            name: Some(name),
        },
    }
}

/// Where the copy lands, relative to the destination path the user gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Landing {
    /// Inside the destination (an existing directory): as `name`, or merged into it (None).
    Inside(Option<String>),
    /// In the destination's parent directory, as the destination's last component.
    Beside(String),
}

/// docker's rules: a directory destination receives the source under its own name (its
/// contents for `DIR/.`); a missing destination becomes the copy (a trailing `/` asks for
/// a directory, so a file cannot be copied there); a file destination is overwritten by a
/// file and refuses a directory.
pub fn landing(
    src: &Source,
    src_kind: Kind,
    dest: &str,
    dest_kind: Option<Kind>,
) -> Result<Landing, String> {
    let dest_is_dir_path = dest.ends_with('/') || dest.ends_with("/.");
    match dest_kind {
        Some(Kind::Dir) => Ok(Landing::Inside(src.name.clone())),
        Some(_) if src_kind == Kind::Dir => Err(format!(
            "cannot copy a directory onto the file {dest}: name a directory, or a new path"
        )),
        Some(_) if dest_is_dir_path => Err(format!("{dest} is not a directory")),
        Some(_) => Ok(Landing::Beside(parent_and_name(dest).1)),
        None if dest_is_dir_path && src_kind != Kind::Dir => Err(format!(
            "the destination directory {dest} does not exist: create it first, or drop the trailing /"
        )),
        None => {
            let name = parent_and_name(dest).1;
            if name.is_empty() || name == "." || name == ".." {
                return Err(format!("{dest} names no new file: give a path to create"));
            }
            Ok(Landing::Beside(name))
        }
    }
}

/// The directory `landing` needs opened on the destination's side: the destination itself
/// or its parent.
pub fn parent_of(path: &str) -> String {
    parent_and_name(path).0
}

/// How the container side reaches the container's files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reach {
    /// A running container: join the user and mount namespaces of its PID 1 (a host pid).
    Join { pid: i32, flags: i32 },
    /// A stopped one: its root file system on disk, in a user namespace mapped as the
    /// container's, with its overlay mounted first when it has one.
    Disk {
        rootfs: PathBuf,
        overlay: Option<OverlaySpec>,
    },
}

/// Everything the container side needs for one copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CpPlan {
    pub reach: Reach,
    pub direction: Direction,
    pub container_path: String,
    pub host_path: String,
    /// Keep the owners' ids (else the copies belong to the container's root, which is the
    /// user on the host).
    pub archive: bool,
}

#[cfg(test)]
#[path = "cp_tests.rs"]
mod tests;
