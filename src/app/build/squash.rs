//! `build --squash` / `--squash-all`: the final stage's new layers (or all its layers)
//! applied in order onto one directory in the user namespace, the base's files they delete
//! kept as whiteouts, and that directory written as one layer the way every build layer is
//! (`layer::commit`); the history as buildah leaves it (`plan::build::squash`).

use std::collections::BTreeMap;

use serde_json::json;

use super::Builder;
use super::layer::{self, WorkDir};
use crate::error::Result;
use crate::host::job::HostUserns;
use crate::plan::build::cache_key;
use crate::plan::build::config::StageState;
use crate::plan::build::squash::{Squash, history, split};
use crate::store::build_cache::{self, Entry};
use crate::store::job::{Job, Userns};
use crate::store::layer_writer::LayerOptions;

/// The stage with its layers squashed as `how` says.
pub fn squash(b: &Builder<'_>, mut state: StageState, how: Squash) -> Result<StageState> {
    let (keep, write) = split(how, state.layers.len(), state.base_layers);
    let key = cache_key(
        &state.key,
        &format!("squash {how:?}"),
        &BTreeMap::new(),
        None,
    );
    let cached = (write && !b.args.no_cache)
        .then(|| build_cache::get(&b.store, &key))
        .flatten();
    if let Some(e) = cached {
        state.layers.truncate(keep);
        state.layers.push(e.layer);
    } else if write {
        let work = WorkDir::new(&b.store)?;
        let dest = work.path.join("layer");
        let (base, new) = state.layers.split_at(keep);
        let dirs = |ls: &[crate::plan::build::config::LayerRef]| {
            ls.iter()
                .map(|l| b.store.layer_dir(&l.diff_id))
                .collect::<Vec<_>>()
        };
        HostUserns.run(&Job::Apply {
            blobs: new.iter().map(|l| b.store.blob_path(&l.digest)).collect(),
            dest: dest.clone(),
            shift: None,
            existing: false,
            squash: (!base.is_empty()).then(|| (dirs(new), dirs(base))),
        })?;
        let opts = LayerOptions {
            zstd: b.args.zstd,
            epoch: b.epoch,
            ..Default::default()
        };
        let one = layer::commit(&b.store, &dest, opts)?;
        let entry = Entry {
            layer: one.clone(),
            created: state.created.clone(),
            created_by: String::new(),
        };
        build_cache::put(&b.store, &key, &entry);
        state.layers.truncate(keep);
        state.layers.push(one);
        drop(work);
    }
    let entries = state.config["history"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let layer = state.layers.len() > keep;
    // The last layer's time: an unchanged rebuild makes the same image.
    let h = history(how, &entries, state.base_history, layer, &state.created);
    state.config["history"] = json!(h);
    Ok(state)
}
