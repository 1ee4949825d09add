//! The store's `--userns=keep-id` layers (`plan::keep_id` says why and how): one copy of a
//! layer per kept uid and gid, `layers/<hex>.keep-id-UID-GID`, unpacked from the layer's blob
//! on first use and removed with the layer.

use std::fs;
use std::path::PathBuf;

use super::Store;
use super::job::Userns;
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
                self.unpack_shifted(digest, diff_id, Some(shift), userns)?;
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
}
