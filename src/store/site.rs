//! Read-only image stores an administrator provisions for every user of a site (podman's
//! `additionalimagestores`): another nook store's `images.json` and blobs, read and never
//! written. An image found there is copied into the user's store from those files (each blob
//! verified against its digest, the layers unpacked in the user's own id mapping, since
//! the site's unpacked layers belong to the administrator's ids): no registry is asked.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use super::Store;
use super::index::{Found, Index};
use super::job::Userns;
use crate::error::{Error, Result};
use crate::plan::digest::hex_of;
use crate::plan::image_ref::ImageRef;

/// The storage.conf files that may name additional stores, as podman reads them: the
/// system's, the user's containers one, and nook's own.
pub fn conf_files() -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("/etc/containers/storage.conf")];
    if let Some(dir) = dirs::config_dir() {
        files.push(dir.join("containers/storage.conf"));
        files.push(dir.join("nook/storage.conf"));
    }
    files
}

/// Every additional image store those files name, in order, once each.
pub fn additional_stores() -> Vec<PathBuf> {
    let mut stores: Vec<PathBuf> = Vec::new();
    for file in conf_files() {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        for s in crate::plan::site::additional_image_stores(&text) {
            let p = PathBuf::from(s);
            if p.is_absolute() && !stores.contains(&p) {
                stores.push(p);
            }
        }
    }
    stores
}

fn blob(dir: &Path, digest: &str) -> PathBuf {
    dir.join("blobs/sha256").join(hex_of(digest))
}

/// Copy image `key` from the first of `stores` that has it into `store` (unpacking its
/// layers in `userns`); `Ok(false)` when none has it. A store that cannot be read is passed
/// over, as podman does.
pub fn import(stores: &[PathBuf], key: &str, store: &Store, userns: &dyn Userns) -> Result<bool> {
    for dir in stores {
        let Ok(bytes) = fs::read(dir.join("images.json")) else {
            continue;
        };
        let Ok(index) = serde_json::from_slice::<Index>(&bytes) else {
            eprintln!(
                "Warning: image store {} has an unreadable images.json: passed over",
                dir.display()
            );
            continue;
        };
        let Some(found) = index.find(key) else {
            continue;
        };
        let image = &index.images[found.position()];
        let names: Vec<String> = match &found {
            Found::Name(_, full) => vec![full.clone()],
            Found::Id(_) => image.names.clone(),
        };
        let names: Vec<ImageRef> = names
            .iter()
            .filter_map(|n| ImageRef::parse(n).ok())
            .collect();
        let read = |digest: &str| {
            fs::read(blob(dir, digest)).map_err(|e| {
                Error::io(
                    format!("cannot read {} of image store {}", digest, dir.display()),
                    e,
                )
            })
        };
        let manifest = read(&image.digest)?;
        let config = read(&image.config_digest())?;
        for layer in &image.layers {
            if store.has(&layer.digest) {
                continue;
            }
            let path = blob(dir, &layer.digest);
            let file = File::open(&path)
                .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            let (digest, _) = store.put_stream(file)?;
            if digest != layer.digest {
                return Err(Error::Usage(format!(
                    "image store {}: blob {} holds {digest}: the store is damaged; tell its administrator",
                    dir.display(),
                    layer.digest
                )));
            }
        }
        store.import(&manifest, &config, &names, userns)?;
        return Ok(true);
    }
    Ok(false)
}
