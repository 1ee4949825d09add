//! A layer's completion record, `layer-info/<hex>`: the diff_id and the bytes of file content
//! of the layer unpacked in `layers/<hex>`. The unpack job writes it (synced) just before it
//! renames the finished layer into place, so a layer directory always has its record, and a
//! nook that waited for another one's unpack reads the size from it (it never saw the work).
//! A record without its directory is a killed unpack's (the next unpack writes it again); a
//! directory without one was unpacked by an older nook (its size is in the index only).

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerRecord {
    pub diff_id: String,
    /// Bytes of regular file content, as the unpack counted them.
    pub size: u64,
}

/// The record of the layer unpacked at `dir` (`ROOT/layers/HEX` -> `ROOT/layer-info/HEX`).
pub fn record_path(dir: &Path) -> PathBuf {
    let name = dir.file_name().unwrap_or_default();
    let root = dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("/"));
    root.join("layer-info").join(name)
}

/// Write the record (synced: it must be on disk before the directory it vouches for).
pub fn write(path: &Path, record: &LayerRecord) -> io::Result<()> {
    let body = serde_json::to_vec(record).map_err(io::Error::other)?;
    let mut f = File::create(path)?;
    f.write_all(&body)?;
    f.sync_all()
}

/// What `read` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Missing,
    /// Unreadable or not a record (a write cut short).
    Corrupt,
    Record(LayerRecord),
}

pub fn read(path: &Path) -> Found {
    match fs::read(path) {
        Ok(b) => match serde_json::from_slice(&b) {
            Ok(r) => Found::Record(r),
            Err(_) => Found::Corrupt,
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Found::Missing,
        Err(_) => Found::Corrupt,
    }
}

/// The size a record gives for `diff_id`, if it is one for that layer.
pub fn size_of(found: &Found, diff_id: &str) -> Option<u64> {
    match found {
        Found::Record(r) if r.diff_id == diff_id => Some(r.size),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_sit_beside_the_layers_and_read_back() {
        let hex = "a".repeat(64);
        assert_eq!(
            record_path(&Path::new("/s/layers").join(&hex)),
            Path::new("/s/layer-info").join(&hex)
        );
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("r");
        assert_eq!(read(&p), Found::Missing);
        let r = LayerRecord {
            diff_id: format!("sha256:{hex}"),
            size: 42,
        };
        write(&p, &r).unwrap();
        assert_eq!(read(&p), Found::Record(r.clone()));
        assert_eq!(size_of(&read(&p), &r.diff_id), Some(42));
        assert_eq!(size_of(&read(&p), "sha256:other"), None);
        fs::write(&p, b"{\"diff_id\":").unwrap();
        assert_eq!(read(&p), Found::Corrupt);
        assert_eq!(size_of(&Found::Corrupt, &r.diff_id), None);
    }
}
