//! Finding images: the image `nook run` names (or why it is missing), and the images a
//! prune removes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::Store;
use super::index::Index;
use super::job::Userns;
use crate::error::{Error, Result};
use crate::plan::image_config::{ImageConfig, ImageFacts};
use crate::plan::image_ref::ImageRef;
use crate::plan::keep_id::Shift;

/// `nook run KEY` of an image the store does not have (and was not to pull).
pub fn not_found_for_run(key: &str) -> Error {
    if let Err(e) = directory_hint(key) {
        return e;
    }
    match ImageRef::parse(key) {
        Ok(r) => Error::Usage(format!(
            "image {r} not found: nook pull {key} or nook load -i FILE"
        )),
        Err(e) => Error::Usage(e),
    }
}

/// A directory named where an image was expected: the user forgot `--rootfs`.
pub fn directory_hint(key: &str) -> Result<()> {
    if key.contains('/') && Path::new(key).is_dir() {
        return Err(Error::Usage(format!(
            "no image {key}: to use the directory {key} as the root file system, add --rootfs"
        )));
    }
    Ok(())
}

/// The image `nook run` names, or `None` when the store does not have it.
pub fn resolve_for_run(key: &str) -> Result<Option<ImageFacts>> {
    let store = Store::open()?;
    let index: Index = store.read_index()?;
    let Some(found) = index.find(key) else {
        return Ok(None);
    };
    let i = &index.images[found.position()];
    let config = ImageConfig::parse(&store.read_blob(&i.config_digest())?).map_err(Error::Usage)?;
    let blobs: Vec<PathBuf> = i
        .layers
        .iter()
        .map(|l| store.blob_path(&l.digest))
        .collect();
    if let Some(missing) = blobs.iter().find(|b| !b.is_file()) {
        return Err(Error::Usage(format!(
            "image {key} is damaged (blob {} is missing): remove it (nook rmi {key}) and load or pull it again",
            missing.display()
        )));
    }
    let layers: Vec<PathBuf> = i
        .layers
        .iter()
        .map(|l| store.layer_dir(&l.diff_id))
        .collect();
    if let Some(missing) = layers.iter().find(|l| !l.is_dir()) {
        return Err(Error::Usage(format!(
            "image {key} is damaged (layer {} is missing): remove it (nook rmi {key}) and load or pull it again",
            missing.display()
        )));
    }
    let name = i.names.first().cloned().unwrap_or_else(|| i.id.clone());
    Ok(Some(ImageFacts {
        id: i.id.clone(),
        name,
        config,
        blobs,
        layers,
        store: store.root().to_path_buf(),
        shift: None,
    }))
}

/// The full name `key` found `image` by in its store (`busybox` is
/// docker.io/library/busybox:latest, `myapp` localhost/myapp:latest); none for an ID.
pub fn resolved_name(image: &ImageFacts, key: &str) -> Option<String> {
    let index = Store::at(image.store.clone()).ok()?.read_index().ok()?;
    match index.find(key)? {
        super::index::Found::Name(_, name) => Some(name),
        super::index::Found::Id(_) => None,
    }
}

/// The `--userns=keep-id` view of `image`: its layers' keep-id copies (unpacked now, in
/// `userns`, where the store lacks them) in place of its layers.
pub fn keep_id_view(image: &mut ImageFacts, shift: Shift, userns: &dyn Userns) -> Result<()> {
    let store = Store::at(image.store.clone())?;
    let index: Index = store.read_index()?;
    let Some(found) = index.find(&image.id) else {
        return Err(not_found_for_run(&image.id));
    };
    let pairs: Vec<(String, String)> = index.images[found.position()]
        .layers
        .iter()
        .map(|l| (l.digest.clone(), l.diff_id.clone()))
        .collect();
    image.layers = store.shifted_layers(&pairs, shift, userns)?;
    image.shift = Some(shift);
    Ok(())
}

/// Remove unnamed images (every image with `all`) but those in `in_use` (the IDs of the
/// images containers hold), then the layers and blobs no image needs, layers in `userns`;
/// returns the removed images' IDs.
pub fn prune_images(
    store: &Store,
    all: bool,
    in_use: &BTreeSet<String>,
    userns: &dyn Userns,
) -> Result<Vec<String>> {
    store.clean_tmp(userns)?;
    let _lock = store.lock()?;
    let mut index = store.read_index()?;
    let mut ids = Vec::new();
    while let Some(i) = index
        .images
        .iter()
        .position(|i| (all || i.names.is_empty()) && !in_use.contains(&i.id))
    {
        ids.push(store.delete_image(&mut index, i, userns)?.id);
    }
    store.collect_garbage(&index, userns)?;
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::index::{Image, Layer};
    use crate::store::job::{Job, Recorder};

    fn image(id: &str, names: &[&str], diff_ids: &[&str]) -> Image {
        Image {
            id: id.repeat(64),
            names: names.iter().map(|n| n.to_string()).collect(),
            digest: format!("sha256:{}", "m".repeat(63) + id),
            layers: diff_ids
                .iter()
                .map(|d| Layer {
                    digest: format!("sha256:{}", "b".repeat(63) + d),
                    diff_id: format!("sha256:{}", d.repeat(64)),
                    size: 1,
                })
                .collect(),
            created: None,
            added: 0,
            names_history: vec![],
        }
    }

    #[test]
    fn a_prune_keeps_named_and_held_images_and_shared_layers() {
        let d = tempfile::tempdir().unwrap();
        let store = Store::at(d.path().to_path_buf()).unwrap();
        let images = vec![
            image("1", &["localhost/named:1"], &["a"]),
            image("2", &[], &["a", "b"]),
            image("3", &[], &["c"]),
        ];
        for i in &images {
            for l in &i.layers {
                std::fs::create_dir_all(store.layer_dir(&l.diff_id)).unwrap();
            }
        }
        let _lock = store.lock().unwrap();
        store.write_index(&Index { images }).unwrap();
        drop(_lock);
        let jobs = Recorder::default();
        let held = BTreeSet::from(["3".repeat(64)]);
        let removed = prune_images(&store, false, &held, &jobs).unwrap();
        assert_eq!(removed, ["2".repeat(64)]);
        let left: Vec<String> = store
            .read_index()
            .unwrap()
            .images
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(left, ["1".repeat(64), "3".repeat(64)]);
        // Layer a stays with image 1; b was image 2's alone.
        let gone = store.layer_dir(&format!("sha256:{}", "b".repeat(64)));
        assert!(matches!(&jobs.jobs()[..], [Job::Remove { paths }] if paths == &[gone]));
    }
}
