//! A RUN's `--mount`s made into the `--mount`/`--tmpfs` words of its container: cache
//! directories kept in the store's `build-mounts/` (locked for `sharing=locked`, made with
//! their uid/gid/mode), context or stage paths bound read-only (`rw`: a throwaway copy),
//! tmpfs, and `--secret` files bound read-only (a mount: never in the layer; with
//! uid/gid/mode a copy). Also what of them goes into the step's cache key.

use std::fs::File;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::Builder;
use super::layer::WorkDir;
use super::tree::digest_tree;
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::plan::build::context::source_in_context;
use crate::plan::build::runmount::{Owner, RunMount, Sharing, cache_dir_name};
use crate::store::job::{Job, Userns};

/// The container's mount words, and the locks and throwaway copies held while it runs.
#[derive(Default)]
pub struct Prepared {
    pub mounts: Vec<String>,
    pub tmpfs: Vec<String>,
    pub _locks: Vec<File>,
    /// `rw` binds' and owned secrets' copies (removed when dropped).
    pub _scratch: Option<WorkDir>,
}

impl Prepared {
    /// A new path in the throwaway directory.
    fn scratch(&mut self, b: &Builder<'_>, name: &str) -> Result<PathBuf> {
        if self._scratch.is_none() {
            self._scratch = Some(WorkDir::new(&b.store)?);
        }
        let dir = self
            ._scratch
            .as_ref()
            .map(|w| w.path.clone())
            .unwrap_or_default();
        let n = self.mounts.len();
        Ok(dir.join(format!("{n}-{name}")))
    }
}

/// `mode`, then `uid`/`gid` (as the container sees them: given away in the user's mapped
/// namespace) of a path nook made.
fn give(path: &Path, owner: &Owner, default_mode: u32) -> Result<()> {
    let mode = owner.mode.unwrap_or(default_mode);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| Error::io(format!("cannot set the mode of {}", path.display()), e))?;
    if owner.uid.is_some() || owner.gid.is_some() {
        HostUserns.run(&Job::Chown {
            paths: vec![path.to_path_buf()],
            uid: owner.uid.unwrap_or(0),
            gid: owner.gid.unwrap_or(0),
        })?;
    }
    Ok(())
}

/// A copy of `source` (a file or a directory) at `dest`, for a bind the step may write to.
fn throwaway_copy(source: &Path, dest: &Path, shown: &str) -> Result<()> {
    let out = std::process::Command::new("cp")
        .args(["-a", "--reflink=auto", "--"])
        .arg(source)
        .arg(dest)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Error::io("cannot run cp", e))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(usage(format!(
            "RUN --mount source={shown},rw: cannot copy it ({}): bind it read-only (leave rw out)",
            err.lines().next().unwrap_or("").trim()
        )));
    }
    Ok(())
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
            let img = b.image(from, b.policy_of_from())?;
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
                owner,
            } => {
                let base = b.store.root().join("build-mounts");
                let dir = base.join(cache_dir_name(id));
                let new = !dir.exists();
                std::fs::create_dir_all(&dir)
                    .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
                // Made with its owner and mode (as buildah: a cache kept keeps its own).
                if new && owner.is_set() {
                    give(&dir, owner, 0o755)?;
                }
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
                rw,
            } => {
                let (host, _) = bind_source(b, source, from.as_deref())?;
                let (host, ro) = match rw {
                    true => {
                        let copy = p.scratch(b, "bind")?;
                        throwaway_copy(&host, &copy, source)?;
                        (copy, "")
                    }
                    false => (host, ",ro"),
                };
                p.mounts.push(format!(
                    "type=bind,source={},target={target}{ro}",
                    host.display()
                ));
            }
            RunMount::Tmpfs {
                target,
                size,
                owner,
            } => {
                let mut opts = Vec::new();
                if let Some(s) = size {
                    opts.push(format!("size={s}"));
                }
                if let Some(m) = owner.mode {
                    opts.push(format!("mode={m:o}"));
                }
                if let Some(u) = owner.uid {
                    opts.push(format!("uid={u}"));
                }
                if let Some(g) = owner.gid {
                    opts.push(format!("gid={g}"));
                }
                p.tmpfs.push(match opts.is_empty() {
                    true => target.clone(),
                    false => format!("{target}:{}", opts.join(",")),
                });
            }
            RunMount::Secret {
                id,
                target,
                required,
                owner,
            } => match b.secrets.get(id) {
                Some(src) if owner.is_set() => {
                    let copy = p.scratch(b, "secret")?;
                    std::fs::copy(src, &copy)
                        .map_err(|e| Error::io(format!("cannot copy the secret {id}"), e))?;
                    give(&copy, owner, 0o400)?;
                    p.mounts.push(format!(
                        "type=bind,source={},target={target},ro",
                        copy.display()
                    ));
                }
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
