//! ADD's local tar archives: which names are extracted, and xz or bzip2 ones made plain tar
//! first (by the host's `xz`/`bzip2`: the store's unpacker reads plain, gzip and zstd).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The decompressor a name needs before the store can unpack it (None: plain, gzip, zstd).
fn decompressor(p: &Path) -> Option<&'static str> {
    let n = p.to_string_lossy();
    match () {
        _ if [".tar.xz", ".txz"].iter().any(|s| n.ends_with(s)) => Some("xz"),
        _ if [".tar.bz2", ".tbz2", ".tbz"].iter().any(|s| n.ends_with(s)) => Some("bzip2"),
        _ => None,
    }
}

/// A tar archive ADD extracts (by its name, as buildah tells them).
pub fn is_archive(p: &Path) -> bool {
    let n = p.to_string_lossy();
    [".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.zstd"]
        .iter()
        .any(|s| n.ends_with(s))
        || decompressor(p).is_some()
}

/// The archive as the store can unpack it: itself, or a plain tar made in `work` (`n` names
/// it there).
pub fn readable(p: &Path, work: &Path, n: usize) -> Result<PathBuf> {
    let Some(tool) = decompressor(p) else {
        return Ok(p.to_path_buf());
    };
    let out = work.join(format!("archive-{n}.tar"));
    let file = std::fs::File::create(&out)
        .map_err(|e| Error::io(format!("cannot create {}", out.display()), e))?;
    let status = std::process::Command::new(tool)
        .arg("-dc")
        .arg(p)
        .stdin(std::process::Stdio::null())
        .stdout(file)
        .status();
    match status {
        Ok(s) if s.success() => Ok(out),
        Ok(_) => Err(Error::Usage(format!(
            "ADD {}: {tool} could not decompress it: give a valid archive",
            p.display()
        ))),
        Err(e) => Err(Error::Usage(format!(
            "ADD {}: cannot run {tool} ({e}): install it, or add a .tar or .tar.gz",
            p.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_by_name() {
        for n in [
            "a.tar",
            "a.tgz",
            "a.tar.zst",
            "a.tar.xz",
            "a.txz",
            "a.tar.bz2",
        ] {
            assert!(is_archive(Path::new(n)), "{n}");
        }
        assert!(!is_archive(Path::new("a.xz")));
        assert_eq!(decompressor(Path::new("a.tar.gz")), None);
        assert_eq!(decompressor(Path::new("a.tar.xz")), Some("xz"));
    }
}
