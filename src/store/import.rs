//! Importing an image whose blobs are in `blobs/`: its missing layers unpacked (each under
//! its layer lock, a few at once), then the image added to the index under the index lock.
//!
//! Every record written after a wait is computed from the disk as it is after that wait:
//! the layer sizes come from the layers' completion records (`layer.rs`), read under the
//! index lock, never from what this process itself unpacked (a nook that waited for another
//! one's unpack did no work and saw no size).

use super::index::{Image, Layer};
use super::job::{Job, Userns};
use super::{Store, layer, lock, now};
use crate::error::{Error, Result};
use crate::plan::digest::{digest_of, hex_of};
use crate::plan::image_config::ImageConfig;
use crate::plan::image_ref::ImageRef;
use crate::plan::manifest::parse_manifest;

impl Store {
    /// Record an image whose blobs are all in `blobs/`: unpack its missing layers (several
    /// at once, in `userns`; `nook pull` streamed some already), then add it to the index
    /// with `names`. Returns the image ID.
    pub fn import(
        &self,
        manifest: &[u8],
        config: &[u8],
        names: &[ImageRef],
        userns: &dyn Userns,
    ) -> Result<String> {
        let m = parse_manifest(manifest).map_err(Error::Usage)?;
        let cfg = ImageConfig::parse(config).map_err(Error::Usage)?;
        let config_digest = digest_of(config);
        if config_digest != m.config.digest {
            return Err(Error::Usage(format!(
                "the image config does not match its manifest (expected {}, got {config_digest}): the image is corrupt",
                m.config.digest
            )));
        }
        if m.layers.len() != cfg.rootfs.diff_ids.len() {
            return Err(Error::Usage(format!(
                "the manifest lists {} layers but the config {}: the image is corrupt",
                m.layers.len(),
                cfg.rootfs.diff_ids.len()
            )));
        }
        if let Some(l) = m.layers.iter().find(|l| !self.has(&l.digest)) {
            return Err(Error::Usage(format!(
                "layer blob {} is missing from the store",
                l.digest
            )));
        }
        self.put(config)?;
        let pairs: Vec<(String, String)> = m
            .layers
            .iter()
            .zip(&cfg.rootfs.diff_ids)
            .map(|(l, d)| (l.digest.clone(), d.clone()))
            .collect();
        // A `nook rmi` running meanwhile may remove a layer or blob this image shares with
        // the image it removes: check again under the lock, and unpack again if so.
        let (_lock, mut index, manifest_digest) = loop {
            self.unpack_all(&pairs, userns)?;
            // After the layers: a failed unpack leaves no manifest naming them.
            let manifest_digest = self.put(manifest)?;
            self.put(config)?;
            let lock = self.lock()?;
            let complete = pairs
                .iter()
                .all(|(d, diff)| self.has(d) && self.layer_dir(diff).is_dir())
                && self.has(&manifest_digest);
            if complete {
                break (lock, self.read_index()?, manifest_digest);
            }
            if let Some((d, _)) = pairs.iter().find(|(d, _)| !self.has(d)) {
                return Err(Error::Usage(format!(
                    "layer blob {d} was removed while the image was being imported: load or pull it again"
                )));
            }
        };
        // Under the index lock, every layer in place: the sizes as the disk has them.
        let layers = pairs
            .iter()
            .map(|(digest, diff_id)| Layer {
                digest: digest.clone(),
                diff_id: diff_id.clone(),
                size: self
                    .layer_size(diff_id)
                    .or_else(|| index.layer_size(diff_id))
                    .unwrap_or(0),
            })
            .collect();
        let id = hex_of(&config_digest).to_string();
        let image = Image {
            id: id.clone(),
            names: Vec::new(),
            digest: manifest_digest,
            layers,
            created: cfg.created.clone(),
            added: now(),
            names_history: vec![],
        };
        let names: Vec<String> = names.iter().map(ImageRef::to_string).collect();
        index.add(image, &names);
        self.write_index(&index)?;
        Ok(id)
    }

    /// The bytes of a layer in place, from its completion record (None for a layer an older
    /// nook unpacked: the index has its size).
    pub fn layer_size(&self, diff_id: &str) -> Option<u64> {
        let record = layer::record_path(&self.layer_dir(diff_id));
        layer::size_of(&layer::read(&record), diff_id)
    }

    /// Unpack every layer not yet in `layers/`, a few at once.
    fn unpack_all(&self, pairs: &[(String, String)], userns: &dyn Userns) -> Result<()> {
        let mut todo: Vec<&(String, String)> = Vec::new();
        for p in pairs {
            if !self.layer_dir(&p.1).is_dir() && !todo.iter().any(|t| t.1 == p.1) {
                todo.push(p);
            }
        }
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 4);
        let queue = std::sync::Mutex::new(todo);
        let results = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| {
                    loop {
                        let next = queue.lock().ok().and_then(|mut q| q.pop());
                        let Some((digest, diff_id)) = next else { break };
                        let r = self.unpack_one(digest, diff_id, userns);
                        if let Ok(mut all) = results.lock() {
                            all.push(r);
                        }
                    }
                });
            }
        });
        for r in results.into_inner().unwrap_or_default() {
            r?;
        }
        Ok(())
    }

    fn unpack_one(&self, digest: &str, diff_id: &str, userns: &dyn Userns) -> Result<()> {
        let hex = hex_of(diff_id);
        // Must be held before looking at tmp/layer-<hex>: whoever holds it owns that dir,
        // so one found there is a killed run's leftover, safe to remove.
        let _lock = lock::take(&self.layer_lock(diff_id))?;
        let dest = self.layer_dir(diff_id);
        if dest.is_dir() {
            return Ok(());
        }
        let (warnings, _) = userns.run(&Job::Unpack {
            blob: self.blob_path(digest),
            temp: self.root.join("tmp").join(format!("layer-{hex}")),
            record: layer::record_path(&dest),
            dest,
            diff_id: diff_id.to_string(),
            shift: None,
        })?;
        for w in warnings {
            eprintln!("Warning: layer {}: {w}", &hex[..12.min(hex.len())]);
        }
        Ok(())
    }

    /// The lock a layer is unpacked (and removed) under.
    pub fn layer_lock(&self, diff_id: &str) -> std::path::PathBuf {
        self.root
            .join("locks")
            .join(format!("{}.lock", hex_of(diff_id)))
    }
}
