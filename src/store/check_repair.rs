//! `nook system check --repair`: carries out the fixes `check::findings` decided, under the
//! index lock, each checked again against the index as it is now (a pull that indexed an
//! image meanwhile keeps its layers and blobs), and a layer or a temporary only under its own
//! lock, when free. Files of subordinate ids go from inside the user namespace. Returns the
//! lines that say what was done, in podman's words.

use std::fs;
use std::path::Path;

use super::check::{Finding, Fix, Subject, short};
use super::job::Userns;
use super::{Store, layer, lock, rootfs};
use crate::error::{Error, Result};

/// Carry out `findings`' fixes; `volumes` is the volumes' directory.
pub fn repair(
    store: &Store,
    volumes: Option<&Path>,
    findings: &[Finding],
    userns: &dyn Userns,
) -> Result<Vec<String>> {
    let root = store.root();
    let mut done = Vec::new();
    let _lock = store.lock()?;
    if findings.iter().any(|f| f.fix == Fix::SetIndexAside) {
        let aside = root.join("images.json.corrupt");
        fs::rename(root.join("images.json"), &aside)
            .map_err(|e| Error::io("cannot move the image index aside", e))?;
        done.push(format!(
            "Moved the damaged image index aside: {}",
            aside.display()
        ));
    }
    let mut index = store.read_index()?;
    let mut changed = false;
    for f in findings {
        let Subject::Image(id) = &f.subject else {
            continue;
        };
        let Some(pos) = index.images.iter().position(|i| i.id == *id) else {
            continue;
        };
        match &f.fix {
            Fix::RemoveImage => {
                index.images.remove(pos);
                changed = true;
                done.push(format!("Deleted damaged image: {id}"));
            }
            Fix::RecordSizes(sizes) => {
                for l in &mut index.images[pos].layers {
                    if let Some((_, s)) = sizes.iter().find(|(d, _)| *d == l.diff_id) {
                        l.size = *s;
                    }
                }
                changed = true;
                done.push(format!("Recorded the sizes of image: {id}"));
            }
            _ => {}
        }
    }
    if changed {
        store.write_index(&index)?;
    }
    let mut layers = Vec::new();
    for f in findings {
        match (&f.subject, &f.fix) {
            (Subject::Layer(d), Fix::RemoveLayer) if !index.layer_used(d, usize::MAX) => {
                layers.push(d.clone())
            }
            (Subject::Layer(d), Fix::WriteRecord(size)) => {
                let dir = store.layer_dir(d);
                if let Ok(Some(_held)) = lock::try_take(&store.layer_lock(d))
                    && dir.is_dir()
                {
                    let record = layer::LayerRecord {
                        diff_id: d.clone(),
                        size: *size,
                    };
                    layer::write(&layer::record_path(&dir), &record)
                        .map_err(|e| Error::io("cannot write a layer's record", e))?;
                    done.push(format!(
                        "Wrote the completion record of layer: {}",
                        short(d)
                    ));
                }
            }
            (Subject::Blob(d), Fix::RemoveBlob)
                if !index.blob_used(d, usize::MAX)
                    && fs::remove_file(store.blob_path(d)).is_ok() =>
            {
                done.push(format!("Deleted blob: {d}"));
            }
            (Subject::Leftover(path), fix)
                if remove_leftover(root, volumes, path, fix, userns)? =>
            {
                done.push(format!("Deleted leftover: {path}"));
            }
            (Subject::Volume(name), fix) => {
                if let Some(line) = repair_volume(volumes, name, fix, userns)? {
                    done.push(line);
                }
            }
            _ => {}
        }
    }
    for d in store.remove_layers(&layers, userns)? {
        done.push(format!("Deleted layer: {}", short(&d)));
    }
    Ok(done)
}

/// Remove the leftover at `path` (in the store, or `volumes/NAME` in the volumes'
/// directory); true when removed.
fn remove_leftover(
    root: &Path,
    volumes: Option<&Path>,
    path: &str,
    fix: &Fix,
    userns: &dyn Userns,
) -> Result<bool> {
    let full = match (path.strip_prefix("volumes/"), volumes) {
        (Some(name), Some(dir)) => dir.join(name),
        (Some(_), None) => return Ok(false),
        (None, _) => root.join(path),
    };
    let io = |e| Error::io(format!("cannot remove {}", full.display()), e);
    match fix {
        // Removed while held: a nook waiting on it opens the new one (`lock::take`).
        Fix::RemoveLock => match lock::try_take(&full).map_err(io)? {
            Some(_held) => fs::remove_file(&full).map(|()| true).map_err(io),
            None => Ok(false),
        },
        Fix::RemoveFile { userns: in_userns } => {
            // A partly unpacked layer is its unpack's while that holds the layer's lock (a
            // keep-id copy's too: `tmp/layer-<hex>.keep-id-...` is unpacked under <hex>'s).
            let hex = path
                .strip_prefix("tmp/layer-")
                .map(super::keep_id::base_name);
            let _held = match hex {
                Some(hex) => {
                    match lock::try_take(&root.join("locks").join(format!("{hex}.lock"))) {
                        Ok(Some(l)) => Some(l),
                        _ => return Ok(false),
                    }
                }
                None => None,
            };
            match *in_userns {
                true => rootfs::remove_tree(&full, userns)?,
                false => fs::remove_file(&full).map_err(io)?,
            }
            // The lock taken for it is a leftover too when its layer is not in the store.
            if let Some(hex) = hex
                && !root.join("layers").join(hex).exists()
            {
                let _ = fs::remove_file(root.join("locks").join(format!("{hex}.lock")));
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn repair_volume(
    volumes: Option<&Path>,
    name: &str,
    fix: &Fix,
    userns: &dyn Userns,
) -> Result<Option<String>> {
    let Some(dir) = volumes.map(|v| v.join(name)) else {
        return Ok(None);
    };
    match fix {
        Fix::WriteVolumeMeta => {
            let created = fs::metadata(dir.join("_data"))
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            let meta = serde_json::json!({ "CreatedAt": created });
            fs::write(dir.join("volume.json"), meta.to_string())
                .map_err(|e| Error::io(format!("cannot write {}", dir.display()), e))?;
            Ok(Some(format!("Rewrote the metadata of volume: {name}")))
        }
        Fix::RemoveVolume => {
            rootfs::remove_tree(&dir, userns)?;
            Ok(Some(format!("Deleted damaged volume: {name}")))
        }
        _ => Ok(None),
    }
}
