//! Context trees for COPY and ADD: every path not left out, and a digest of names, kinds,
//! modes, link targets and contents for the cache key.

use std::fs;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::plan::build::context::skipped;

/// Every path of the context (relative, `/`-separated) not left out, directories included.
pub fn walk_context(
    root: &Path,
    rel: &str,
    ignore: &[crate::plan::build::context::Ignore],
    out: &mut Vec<String>,
) -> Result<()> {
    let dir = root.join(rel);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for n in names {
        let r = if rel.is_empty() {
            n
        } else {
            format!("{rel}/{n}")
        };
        let is_dir = root.join(&r).symlink_metadata().is_ok_and(|m| m.is_dir());
        if skipped(ignore, &r, is_dir) {
            continue;
        }
        out.push(r.clone());
        if is_dir {
            walk_context(root, &r, ignore, out)?;
        }
    }
    Ok(())
}

/// Hash a context tree: names, kinds, modes, link targets and contents.
pub fn digest_tree(
    host: &Path,
    rel: &str,
    ignore: &[crate::plan::build::context::Ignore],
    h: &mut Sha256,
) -> Result<()> {
    let m = host
        .symlink_metadata()
        .map_err(|e| Error::io(format!("cannot read {}", host.display()), e))?;
    h.update(format!("{rel}\0{:o}\0", m.mode()).as_bytes());
    if m.file_type().is_symlink() {
        h.update(
            fs::read_link(host)
                .unwrap_or_default()
                .as_os_str()
                .as_encoded_bytes(),
        );
    } else if m.is_file() {
        let mut f = fs::File::open(host)
            .map_err(|e| Error::io(format!("cannot read {}", host.display()), e))?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = f
                .read(&mut buf)
                .map_err(|e| Error::io(format!("cannot read {}", host.display()), e))?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
        }
    } else if m.is_dir() {
        let mut names: Vec<String> = fs::read_dir(host)
            .map_err(|e| Error::io(format!("cannot read {}", host.display()), e))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for n in names {
            let r = if rel.is_empty() {
                n.clone()
            } else {
                format!("{rel}/{n}")
            };
            let is_dir = host.join(&n).symlink_metadata().is_ok_and(|m| m.is_dir());
            if !skipped(ignore, &r, is_dir) {
                digest_tree(&host.join(&n), &r, ignore, h)?;
            }
        }
    }
    h.update(b"\n");
    Ok(())
}
