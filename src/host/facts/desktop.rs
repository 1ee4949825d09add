//! The host facts of `--desktop` (`plan::desktop::Facts`): the session's variables, what
//! exists at the paths they name, the /dev/dri nodes and the host's name. Only reads.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::FileTypeExt;

use crate::plan::desktop::{ENV_KEYS, Facts, Kind, wanted};

/// The facts, for a container that shares the host's network (`host_network`) or not.
pub fn desktop(host_network: bool) -> Facts {
    let env: BTreeMap<String, String> = ENV_KEYS
        .iter()
        .filter_map(|k| {
            std::env::var(k)
                .ok()
                .filter(|v| !v.is_empty())
                .map(|v| (k.to_string(), v))
        })
        .collect();
    let paths = wanted(&env)
        .into_iter()
        .filter_map(|p| kind(&p).map(|k| (p, k)))
        .collect();
    Facts {
        uid: nix::unistd::getuid().as_raw(),
        env,
        paths,
        dri: dri(),
        host_name: nix::unistd::gethostname()
            .map(|h| h.to_string_lossy().into_owned())
            .unwrap_or_default(),
        host_network,
    }
}

fn kind(path: &str) -> Option<Kind> {
    let t = fs::metadata(path).ok()?.file_type();
    Some(match () {
        _ if t.is_socket() => Kind::Socket,
        _ if t.is_file() => Kind::File,
        _ if t.is_dir() => Kind::Dir,
        _ if t.is_char_device() || t.is_block_device() => Kind::Device,
        _ => Kind::Other,
    })
}

/// /dev/dri's render and card nodes, sorted (toolbox gives both).
fn dri() -> Vec<String> {
    let Ok(entries) = fs::read_dir("/dev/dri") else {
        return Vec::new();
    };
    let mut nodes: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name.starts_with("renderD") || name.starts_with("card"))
                && e.file_type().is_ok_and(|t| t.is_char_device())
        })
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    nodes.sort();
    nodes
}
