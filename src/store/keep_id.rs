//! The store's `--userns=keep-id` layers (`plan::keep_id` says why and how): one copy of a
//! layer per kept uid and gid, `layers/<hex>.keep-id-UID-GID`, unpacked from the layer's blob
//! on first use (with its completion record, `layer-info/<hex>.keep-id-UID-GID`, as every
//! layer directory has one) under the layer's own lock, and removed with the layer.

use std::fs;
use std::path::PathBuf;

use super::job::{Job, Userns};
use super::{Store, layer, lock};
use crate::error::Result;
use crate::plan::digest::hex_of;
use crate::plan::keep_id::Shift;

impl Store {
    /// The directory of a layer's `--userns=keep-id` copy, next to the layer's.
    pub fn shifted_dir(&self, diff_id: &str, shift: Shift) -> PathBuf {
        let mut name = hex_of(diff_id).to_string();
        name.push_str(&shift.suffix());
        self.root.join("layers").join(name)
    }

    /// The keep-id copies of layers `pairs` (blob digest, diff_id), lowest first: each
    /// unpacked once from its blob with owners moved, then kept (removed with the layer).
    pub fn shifted_layers(
        &self,
        pairs: &[(String, String)],
        shift: Shift,
        userns: &dyn Userns,
    ) -> Result<Vec<PathBuf>> {
        let mut dirs = Vec::new();
        for (digest, diff_id) in pairs {
            let dir = self.shifted_dir(diff_id, shift);
            if !dir.is_dir() {
                self.unpack_shifted(digest, diff_id, shift, userns)?;
            }
            dirs.push(dir);
        }
        Ok(dirs)
    }

    /// A layer's directory and its keep-id copies, those that exist.
    pub(super) fn layer_dirs(&self, diff_id: &str) -> Vec<PathBuf> {
        let prefix = format!("{}.", hex_of(diff_id));
        let mut dirs: Vec<PathBuf> = fs::read_dir(self.root.join("layers"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.path())
            .collect();
        let main = self.layer_dir(diff_id);
        if main.exists() {
            dirs.push(main);
        }
        dirs
    }

    /// Unpack the keep-id copy of layer `diff_id` from its blob `digest`, unless it is there.
    /// Under the layer's lock: the copy is never unpacked while its layer is removed.
    fn unpack_shifted(
        &self,
        digest: &str,
        diff_id: &str,
        shift: Shift,
        userns: &dyn Userns,
    ) -> Result<()> {
        let dest = self.shifted_dir(diff_id, shift);
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Must be held before looking at tmp/layer-<name>: whoever holds it owns that dir,
        // so one found there is a killed run's leftover, safe to remove.
        let _lock = lock::take(&self.layer_lock(diff_id))?;
        if dest.is_dir() {
            return Ok(());
        }
        let (warnings, _) = userns.run(&Job::Unpack {
            blob: self.blob_path(digest),
            temp: self.root.join("tmp").join(format!("layer-{name}")),
            record: layer::record_path(&dest),
            dest,
            diff_id: diff_id.to_string(),
            shift: Some(shift),
        })?;
        let hex = hex_of(diff_id);
        for w in warnings {
            eprintln!("Warning: layer {}: {w}", &hex[..12.min(hex.len())]);
        }
        Ok(())
    }
}

/// The layer a name in `layers/`, `layer-info/` or `tmp/layer-` belongs to: a keep-id copy's
/// (`<hex>.keep-id-UID-GID`) is its layer's `<hex>`.
pub fn base_name(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_keep_id_copy_belongs_to_its_layer() {
        assert_eq!(super::base_name("abc.keep-id-1000-1000"), "abc");
        assert_eq!(super::base_name("abc"), "abc");
    }
}
