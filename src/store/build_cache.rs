//! `nook build`'s cache: `build-cache/<key>` holds the layer a step made (and when), so a
//! step with the same key is not run again while its blob and unpacked layer are still in
//! the store. Entries are written atomically; one whose layer was removed is a miss.

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Store;
use crate::plan::build::config::LayerRef;

/// What a cached step made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub layer: LayerRef,
    /// When the layer was made (RFC 3339).
    pub created: String,
    /// The step's history text.
    pub created_by: String,
}

fn path(store: &Store, key: &str) -> Option<PathBuf> {
    let ok = key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| store.root().join("build-cache").join(key))
}

/// The entry of `key`, if its layer is still complete in the store.
pub fn get(store: &Store, key: &str) -> Option<Entry> {
    let bytes = fs::read(path(store, key)?).ok()?;
    let e: Entry = serde_json::from_slice(&bytes).ok()?;
    let complete = store.has(&e.layer.digest) && store.layer_dir(&e.layer.diff_id).is_dir();
    complete.then_some(e)
}

/// Record `entry` under `key` (a cache that cannot be written only costs a rebuild).
pub fn put(store: &Store, key: &str, entry: &Entry) {
    let Some(p) = path(store, key) else { return };
    let dir = store.root().join("build-cache");
    let _ = super::private::create_dir(&dir);
    let tmp = dir.join(format!(".{key}.{}", std::process::id()));
    let body = serde_json::to_vec(entry).unwrap_or_default();
    if fs::write(&tmp, body)
        .and_then(|()| fs::rename(&tmp, &p))
        .is_err()
    {
        let _ = fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_a_hit_only_while_its_layer_is_complete() {
        let d = tempfile::tempdir().unwrap();
        let store = Store::at(d.path().to_path_buf()).unwrap();
        let digest = store.put(b"blob").unwrap();
        let e = Entry {
            layer: LayerRef {
                digest,
                diff_id: format!("sha256:{}", "a".repeat(64)),
                blob_size: 4,
                size: 0,
                media_type: crate::plan::build::config::OCI_GZIP.into(),
            },
            created: "2026-01-01T00:00:00Z".into(),
            created_by: "RUN x".into(),
        };
        let key = "b".repeat(64);
        put(&store, &key, &e);
        assert_eq!(get(&store, &key), None);
        fs::create_dir(store.layer_dir(&e.layer.diff_id)).unwrap();
        assert_eq!(get(&store, &key), Some(e.clone()));
        assert_eq!(get(&store, "../x"), None);
        put(&store, "../x", &e);
        assert!(!d.path().join("x").exists());
    }
}
