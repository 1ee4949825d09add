//! A RUN's `--mount`s made into the `--mount`/`--tmpfs` words of its container: cache
//! directories kept in the store's `build-mounts/` (locked for `sharing=locked`), context
//! or stage paths bound read-only, tmpfs, and `--secret` files bound read-only (a mount:
//! never in the layer). Also what of them goes into the step's cache key.

use std::fs::File;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::Builder;
use super::tree::digest_tree;
use crate::error::{Error, Result};
use crate::plan::build::context::source_in_context;
use crate::plan::build::runmount::{RunMount, Sharing, cache_dir_name};
use crate::plan::request::PullPolicy;

/// The container's mount words, and the locks held while it runs.
#[derive(Default)]
pub struct Prepared {
    pub mounts: Vec<String>,
    pub tmpfs: Vec<String>,
    pub _locks: Vec<File>,
}

fn usage(m: String) -> Error {
    Error::Usage(m)
}

/// A bind source: its host path (read-only), and its key for the cache.
fn bind_source(b: &Builder<'_>, source: &str, from: Option<&str>) -> Result<(PathBuf, String)> {
    let Some(from) = from else {
        let rel = source_in_context(source).map_err(|_| {
            usage(format!(
                "RUN --mount source={source}: it is outside the build context: bind paths inside it"
            ))
        })?;
        let host = std::fs::canonicalize(b.context.join(&rel)).map_err(|e| {
            usage(format!(
                "RUN --mount source={source}: {e}: name a path in the build context"
            ))
        })?;
        if !host.starts_with(&b.context) {
            return Err(usage(format!(
                "RUN --mount source={source}: it leads outside the build context: bind paths inside it"
            )));
        }
        let mut h = Sha256::new();
        digest_tree(&host, &rel, &b.ignore, &mut h)?;
        return Ok((host, crate::plan::digest::hex(&h.finalize())));
    };
    let (layers, key) = match b.cf.stage_index(from, b.cf.stages.len()) {
        Some(s) => {
            let st = b.built.get(&s).ok_or_else(|| {
                usage(format!(
                    "RUN --mount from={from}: the stage is not built before this one: name an earlier stage"
                ))
            })?;
            (st.layers.clone(), st.key.clone())
        }
        None => {
            let img = b.image(from, PullPolicy::Missing)?;
            (img.layers, img.id)
        }
    };
    let rel = source.trim_matches('/');
    let holding: Vec<PathBuf> = layers
        .iter()
        .rev()
        .map(|l| b.store.layer_dir(&l.diff_id).join(rel))
        .filter(|p| p.symlink_metadata().is_ok())
        .collect();
    match holding.as_slice() {
        [one] => Ok((one.clone(), format!("{key}:{rel}"))),
        [] => Err(usage(format!(
            "RUN --mount from={from}: {source} is not in it: name a path it has"
        ))),
        [top, ..] if top.is_file() => Ok((top.clone(), format!("{key}:{rel}"))),
        _ => Err(usage(format!(
            "RUN --mount from={from},source={source}: the directory is spread over several layers, which nook cannot bind: COPY --from={from} it instead"
        ))),
    }
}

/// What the mounts add to the step's cache key (bind sources' content; the rest as written).
pub fn key(b: &Builder<'_>, mounts: &[RunMount]) -> Result<String> {
    let mut out = String::new();
    for m in mounts {
        out.push_str(&format!("{m:?}\n"));
        if let RunMount::Bind { source, from, .. } = m {
            out.push_str(&bind_source(b, source, from.as_deref())?.1);
            out.push('\n');
        }
    }
    Ok(out)
}

/// Make the mounts ready for the step's container.
pub fn prepare(b: &Builder<'_>, mounts: &[RunMount]) -> Result<Prepared> {
    let mut p = Prepared::default();
    for m in mounts {
        match m {
            RunMount::Cache {
                target,
                id,
                sharing,
                readonly,
            } => {
                let base = b.store.root().join("build-mounts");
                let dir = base.join(cache_dir_name(id));
                std::fs::create_dir_all(&dir)
                    .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
                if *sharing == Sharing::Locked {
                    let lock = base.join(format!("{}.lock", cache_dir_name(id)));
                    let f = crate::store::lock::open(&lock)
                        .and_then(|f| f.lock().map(|()| f))
                        .map_err(|e| Error::io(format!("cannot lock {}", lock.display()), e))?;
                    p._locks.push(f);
                }
                let ro = if *readonly { ",ro" } else { "" };
                p.mounts.push(format!(
                    "type=bind,source={},target={target}{ro}",
                    dir.display()
                ));
            }
            RunMount::Bind {
                target,
                source,
                from,
            } => {
                let (host, _) = bind_source(b, source, from.as_deref())?;
                p.mounts.push(format!(
                    "type=bind,source={},target={target},ro",
                    host.display()
                ));
            }
            RunMount::Tmpfs { target, size } => p.tmpfs.push(match size {
                Some(s) => format!("{target}:size={s}"),
                None => target.clone(),
            }),
            RunMount::Secret {
                id,
                target,
                required,
            } => match b.secrets.get(id) {
                Some(src) => p.mounts.push(format!(
                    "type=bind,source={},target={target},ro",
                    src.display()
                )),
                None if *required => {
                    return Err(usage(format!(
                        "RUN --mount=type=secret,id={id} is required and no --secret id={id} was given: pass --secret id={id},src=FILE"
                    )));
                }
                None => {}
            },
        }
    }
    Ok(p)
}
