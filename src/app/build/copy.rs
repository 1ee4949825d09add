//! COPY and ADD: the sources found (in the context, minus what `.containerignore` leaves
//! out, never outside it; or in an earlier stage or an image with `--from`), the digest of
//! their content for the cache key, then a layer holding them at the destination (ADD
//! extracts local tar archives through the store's unpacker).

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::Builder;
use super::archive::is_archive;
use super::layer::{self, WorkDir};
use super::tree::{digest_tree, walk_context};
use super::{heredoc, merged};
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::plan::build::config::{LayerRef, StageState, join_path};
use crate::plan::build::context::{glob, ignored, is_glob, skipped, source_in_context};
use crate::plan::build::words::expand_one;
use crate::plan::build::{CopySpec, Source, fetch};
use crate::plan::digest;
use crate::store::job::{Job, Userns};
use crate::store::layer_writer::LayerOptions;

/// One source found.
struct Found {
    /// Its host path.
    host: PathBuf,
    /// Its path in the context or the `--from` root (for ignore rules and the digest).
    rel: String,
    /// `--from`: the layers it is read from (directories are merged across them).
    layers: Option<Vec<PathBuf>>,
    /// Downloaded by ADD: never unpacked.
    fetched: bool,
}

/// A COPY or ADD ready to be made: its cache inputs and what it copies where.
pub struct CopyPlan {
    /// The instruction as expanded (`COPY --chown=42:42 a b /dst/`).
    pub text: String,
    /// The digest of what it reads.
    pub content: String,
    found: Vec<Found>,
    /// The absolute destination; `into`: sources go inside it.
    dest: String,
    into: bool,
    chown: Option<(u32, u32)>,
    chmod: Option<u32>,
    add: bool,
    /// The here-documents' files, while the plan lives.
    _docs: Option<WorkDir>,
}

fn usage(m: impl Into<String>) -> Error {
    Error::Usage(m.into())
}

/// Find the sources and digest them.
pub fn prepare(b: &Builder<'_>, state: &StageState, spec: &CopySpec) -> Result<CopyPlan> {
    let vars = |n: &str| state.var(n);
    let ex = |s: &str| expand_one(s, &vars).map_err(usage);
    let name = if spec.add { "ADD" } else { "COPY" };
    let chown = match &spec.chown {
        Some(c) => {
            let layers: Vec<PathBuf> = state
                .layers
                .iter()
                .map(|l| b.store.layer_dir(&l.diff_id))
                .collect();
            Some(merged::owner(&layers, &ex(c)?).map_err(usage)?)
        }
        None => None,
    };
    let chmod = match &spec.chmod {
        Some(m) => Some(u32::from_str_radix(&ex(m)?, 8).map_err(|_| {
            usage(format!(
                "{name} --chmod={m}: not an octal mode: use for example --chmod=644"
            ))
        })?),
        None => None,
    };
    let from_layers = match &spec.from {
        None => None,
        Some(f) => {
            let f = ex(f)?;
            let here = b.cf.stages.len();
            let (layers, key) = match b.cf.stage_index(&f, here) {
                Some(s) => {
                    let st = b.built.get(&s).ok_or_else(|| {
                        usage(format!("--from={f}: the stage is later in the Containerfile: name an earlier one"))
                    })?;
                    (st.layers.clone(), st.key.clone())
                }
                None => {
                    let img = b.image(&f, b.policy_of_from())?;
                    (img.layers, img.id)
                }
            };
            let dirs: Vec<PathBuf> = layers
                .iter()
                .map(|l| b.store.layer_dir(&l.diff_id))
                .collect();
            Some((dirs, key))
        }
    };
    let mut found = Vec::new();
    let mut words = Vec::new();
    let mut globbed = false;
    let mut docs = None;
    for s in &spec.sources {
        let p = match s {
            Source::Path(p) => ex(p)?,
            Source::Doc { name, body, expand } => {
                let host = heredoc::write(&b.store, &mut docs, name, body, *expand, &vars)?;
                words.push(format!("<<{name}"));
                found.push(Found {
                    host,
                    rel: name.clone(),
                    layers: None,
                    fetched: false,
                });
                continue;
            }
        };
        words.push(p.clone());
        if p.contains("://") {
            if !(spec.add && fetch::is_url(&p)) {
                return Err(usage(format!(
                    "{name} {p}: only ADD fetches, and only http and https URLs: use ADD with such a URL, or a file of the context"
                )));
            }
            let file = fetch::file_name(&p).map_err(usage)?;
            let want = match &spec.checksum {
                Some(c) => Some(fetch::checksum(&ex(c)?).map_err(usage)?),
                None => None,
            };
            let dir = heredoc::scratch(&b.store, &mut docs)?.join(format!("url-{}", found.len()));
            fs::create_dir(&dir)
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
            let (host, _) = super::fetch::download(&p, &dir, &file, want.as_deref())?;
            words.push(p.clone());
            found.push(Found {
                host,
                rel: file,
                layers: None,
                fetched: true,
            });
            continue;
        }
        if spec.checksum.is_some() {
            return Err(usage(format!(
                "ADD --checksum applies to URLs, not {p}: leave it out"
            )));
        }
        match &from_layers {
            Some((dirs, _)) => {
                let rel = p.trim_matches('/').to_string();
                let host = merged::find(dirs, &rel).ok_or_else(|| {
                    usage(format!(
                        "{name} --from: {p} is not in {}",
                        spec.from.as_deref().unwrap_or("")
                    ))
                })?;
                found.push(Found {
                    host,
                    rel,
                    layers: Some(dirs.clone()),
                    fetched: false,
                });
            }
            None => {
                let rel = source_in_context(&p).map_err(usage)?;
                if is_glob(&rel) {
                    globbed = true;
                    let mut all = Vec::new();
                    walk_context(&b.context, "", &b.ignore, &mut all)?;
                    let before = found.len();
                    for r in all.into_iter().filter(|r| glob(&rel, r)) {
                        found.push(Found {
                            host: b.context.join(&r),
                            rel: r,
                            layers: None,
                            fetched: false,
                        });
                    }
                    if found.len() == before {
                        return Err(usage(format!("{name} {p}: no file in the context matches")));
                    }
                    continue;
                }
                let host = b.context.join(&rel);
                if host.symlink_metadata().is_err() || (!rel.is_empty() && ignored(&b.ignore, &rel))
                {
                    return Err(usage(format!(
                        "{name} {p}: no such file in the build context {}{}",
                        b.context.display(),
                        if ignored(&b.ignore, &rel) {
                            " (.containerignore leaves it out)"
                        } else {
                            ""
                        }
                    )));
                }
                let real =
                    fs::canonicalize(&host).map_err(|e| Error::io(format!("{name} {p}"), e))?;
                if !real.starts_with(&b.context) {
                    return Err(usage(format!(
                        "{name} {p}: it is a symbolic link to {}, outside the build context: copy files from inside the context only",
                        real.display()
                    )));
                }
                found.push(Found {
                    host: real,
                    rel,
                    layers: None,
                    fetched: false,
                });
            }
        }
    }
    let dest_word = ex(&spec.dest)?;
    let dest = join_path(&state.workdir(), &dest_word);
    let layers: Vec<PathBuf> = state
        .layers
        .iter()
        .map(|l| b.store.layer_dir(&l.diff_id))
        .collect();
    let dest_is_dir = merged::find(&layers, &dest).is_some_and(|p| p.is_dir());
    let into = dest_word.ends_with('/')
        || found.len() > 1
        || globbed
        || dest_is_dir
        || (spec.add && dest_word.ends_with('.'));
    let mut flags = String::new();
    if let Some(f) = &spec.from {
        flags.push_str(&format!("--from={f} "));
    }
    if let Some((u, g)) = chown {
        flags.push_str(&format!("--chown={u}:{g} "));
    }
    if let Some(m) = chmod {
        flags.push_str(&format!("--chmod={m:o} "));
    }
    let text = format!(
        "{name} {flags}{} {dest}{}",
        words.join(" "),
        if into { "/" } else { "" }
    );
    let content = match &from_layers {
        Some((_, key)) => digest::sha256_hex(format!("{key}\n{}", words.join("\n")).as_bytes()),
        None => {
            let mut h = Sha256::new();
            for f in &found {
                digest_tree(&f.host, &f.rel, &b.ignore, &mut h)?;
            }
            digest::hex(&h.finalize())
        }
    };
    Ok(CopyPlan {
        text,
        content,
        found,
        dest,
        into,
        chown,
        chmod,
        add: spec.add,
        _docs: docs,
    })
}

/// Make the layer of `plan`.
pub fn make(b: &Builder<'_>, state: &StageState, plan: &CopyPlan) -> Result<LayerRef> {
    let work = WorkDir::new(&b.store)?;
    let root = work.path.join("layer");
    let layers: Vec<PathBuf> = state
        .layers
        .iter()
        .map(|l| b.store.layer_dir(&l.diff_id))
        .collect();
    mkdir_parents(&root, &plan.dest, plan.into, &layers)?;
    let mut chown = Vec::new();
    let mut links = Links::new();
    for f in &plan.found {
        let name = Path::new(&f.rel)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_dir = f.host.is_dir()
            && !f
                .host
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink());
        let target = match (is_dir, plan.into) {
            (true, _) => plan.dest.clone(),
            (false, true) => format!("{}/{name}", plan.dest.trim_end_matches('/')),
            (false, false) => plan.dest.clone(),
        };
        let host_target = root.join(target.trim_start_matches('/'));
        if plan.add && f.layers.is_none() && !f.fetched && !is_dir && is_archive(&f.host) {
            let blob = super::archive::readable(&f.host, &work.path, chown.len())?;
            let into = root.join(plan.dest.trim_start_matches('/'));
            fs::create_dir_all(&into)
                .map_err(|e| Error::io(format!("cannot create {}", into.display()), e))?;
            HostUserns.run(&Job::Apply {
                blobs: vec![blob],
                dest: into,
                shift: None,
                existing: true,
                squash: None,
            })?;
            continue;
        }
        let how = How {
            chmod: plan.chmod,
            ignore: &b.ignore,
        };
        copy_tree(f, &f.host, &f.rel, &host_target, &how, &mut links)?;
        if plan.chown.is_some() {
            if is_dir {
                for e in fs::read_dir(&host_target).into_iter().flatten().flatten() {
                    chown.push(rel_of(&root, &e.path()));
                }
            } else {
                chown.push(rel_of(&root, &host_target));
            }
        }
    }
    let chown = match plan.chown {
        Some((u, g)) => chown.into_iter().map(|p| (p, u, g)).collect(),
        None => Vec::new(),
    };
    let opts = LayerOptions {
        zstd: b.args.zstd,
        epoch: b.epoch,
        skip: Vec::new(),
        chown,
        keep: false,
    };
    let layer = layer::commit(&b.store, &root, opts)?;
    drop(work);
    Ok(layer)
}

fn rel_of(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .map(|r| r.display().to_string())
        .unwrap_or_default()
}

/// The directories above the destination (and the destination itself when sources go into
/// it), with the modes the stage has for them.
fn mkdir_parents(root: &Path, dest: &str, into: bool, layers: &[PathBuf]) -> Result<()> {
    let comps: Vec<&str> = dest.split('/').filter(|c| !c.is_empty()).collect();
    let upto = if into {
        comps.len()
    } else {
        comps.len().saturating_sub(1)
    };
    let mut p = root.to_path_buf();
    let mut rel = String::new();
    let mode = fs::Permissions::from_mode(0o755);
    fs::create_dir_all(&p).map_err(|e| Error::io(format!("cannot create {}", p.display()), e))?;
    fs::set_permissions(&p, mode.clone()).map_err(|e| Error::io("cannot set a mode", e))?;
    for c in &comps[..upto] {
        p.push(c);
        rel.push('/');
        rel.push_str(c);
        fs::create_dir_all(&p)
            .map_err(|e| Error::io(format!("cannot create {}", p.display()), e))?;
        let m = merged::find(layers, &rel)
            .and_then(|l| l.metadata().ok())
            .filter(|m| m.is_dir())
            .map_or(0o755, |m| m.mode() & 0o7777);
        fs::set_permissions(&p, fs::Permissions::from_mode(m))
            .map_err(|e| Error::io("cannot set a mode", e))?;
    }
    Ok(())
}

/// The first copy of each source file with several links, by (device, inode): later
/// names of it are linked to that copy, so the layer keeps them as hardlinks (as buildah).
type Links = std::collections::HashMap<(u64, u64), PathBuf>;

/// How a COPY copies: `--chmod`, and the ignore rules of the context.
struct How<'a> {
    chmod: Option<u32>,
    ignore: &'a [crate::plan::build::context::Ignore],
}

/// Copy `src` to `dest` (a directory's contents into `dest`), modes and times kept
/// (`chmod` instead of the modes when given), hardlinks kept.
fn copy_tree(
    f: &Found,
    src: &Path,
    rel: &str,
    dest: &Path,
    how: &How<'_>,
    links: &mut Links,
) -> Result<()> {
    let (chmod, ignore) = (how.chmod, how.ignore);
    let io = |what: &Path| {
        let what = what.display().to_string();
        move |e| Error::io(format!("cannot copy {what}"), e)
    };
    let m = src.symlink_metadata().map_err(io(src))?;
    if m.file_type().is_symlink() {
        let t = fs::read_link(src).map_err(io(src))?;
        let _ = fs::remove_file(dest);
        std::os::unix::fs::symlink(&t, dest).map_err(io(dest))?;
    } else if m.is_dir() {
        fs::create_dir_all(dest).map_err(io(dest))?;
        let entries: Vec<(String, PathBuf)> = match &f.layers {
            Some(layers) => merged::list(layers, rel).into_iter().collect(),
            None => fs::read_dir(src)
                .map_err(io(src))?
                .flatten()
                .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
                .collect(),
        };
        for (name, path) in entries {
            let r = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let walk_dir = path.symlink_metadata().is_ok_and(|m| m.is_dir());
            if f.layers.is_none() && skipped(ignore, &r, walk_dir) {
                continue;
            }
            copy_tree(f, &path, &r, &dest.join(&name), how, links)?;
        }
        let mode = chmod.unwrap_or(m.mode() & 0o7777);
        fs::set_permissions(dest, fs::Permissions::from_mode(mode)).map_err(io(dest))?;
    } else if m.is_file() {
        let _ = fs::remove_file(dest);
        if m.nlink() > 1 {
            let key = (m.dev(), m.ino());
            if let Some(first) = links.get(&key) {
                return fs::hard_link(first, dest).map_err(io(dest));
            }
            links.insert(key, dest.to_path_buf());
        }
        fs::copy(src, dest).map_err(io(src))?;
        let mode = chmod.unwrap_or(m.mode() & 0o7777);
        fs::set_permissions(dest, fs::Permissions::from_mode(mode)).map_err(io(dest))?;
    } else {
        // Devices, fifos and sockets are not copied.
        return Ok(());
    }
    let t = rustix::fs::Timestamps {
        last_access: rustix::fs::Timespec {
            tv_sec: m.atime(),
            tv_nsec: 0,
        },
        last_modification: rustix::fs::Timespec {
            tv_sec: m.mtime(),
            tv_nsec: 0,
        },
    };
    let _ = rustix::fs::utimensat(
        rustix::fs::CWD,
        dest,
        &t,
        rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
    );
    Ok(())
}
