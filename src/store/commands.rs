//! The story of each image command (`load`, `images`, `rmi`, `tag`, `image inspect`,
//! `image prune`) and the image half of `nook run`: find the image, build its root file
//! system (the copy driver), remove it again.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use super::index::{Found, Index, parse_rfc3339};
use super::job::{Job, Userns};
use super::{Store, load};
use crate::cli::{Format, ImagesArgs, InspectArgs, LoadArgs, PruneArgs, RmiArgs, TagArgs};
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::plan::image_config::{ImageConfig, ImageFacts};
use crate::plan::image_ref::ImageRef;
use crate::plan::overlay::OverlayMount;

fn print(text: &str) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(Error::io("cannot write to standard output", e)),
    }
}

fn not_found(key: &str) -> Error {
    match ImageRef::parse(key) {
        Err(e) if !key.bytes().all(|b| b.is_ascii_hexdigit()) => Error::Usage(e),
        _ => Error::Usage(format!("image {key} not found: see nook images")),
    }
}

/// Sizes as podman prints them: SI units, three significant digits.
pub fn human_size(bytes: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1000.0 && u < units.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        return format!("{bytes} B");
    }
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {}", units[u])
}

pub fn ago(then: i64, now: i64) -> String {
    let s = (now - then).max(0);
    match s {
        0..60 => format!("{s} seconds ago"),
        60..3600 => format!("{} minutes ago", s / 60),
        3600..86400 => format!("{} hours ago", s / 3600),
        86400..1209600 => format!("{} days ago", s / 86400),
        1209600..5184000 => format!("{} weeks ago", s / 604800),
        5184000..63072000 => format!("{} months ago", s / 2592000),
        _ => format!("{} years ago", s / 31536000),
    }
}

fn created(i: &super::index::Image) -> i64 {
    i.created
        .as_deref()
        .and_then(parse_rfc3339)
        .unwrap_or(i.added as i64)
}

pub fn load(args: &LoadArgs) -> Result<u8> {
    let store = Store::open()?;
    let loaded = load::load(&store, &args.input, &HostUserns)?;
    let mut text = String::new();
    for l in loaded {
        if l.names.is_empty() {
            text += &format!("Loaded image: sha256:{}\n", l.id);
        }
        for n in l.names {
            text += &format!("Loaded image: {n}\n");
        }
    }
    print(&text)
}

pub fn images(args: &ImagesArgs) -> Result<u8> {
    let store = Store::open()?;
    let index = store.read_index()?;
    let mut list = index.images.clone();
    list.sort_by_key(|i| std::cmp::Reverse(created(i)));
    let short = |id: &str| {
        if args.no_trunc {
            format!("sha256:{id}")
        } else {
            id[..12.min(id.len())].to_string()
        }
    };
    if args.quiet {
        return print(&list.iter().map(|i| short(&i.id) + "\n").collect::<String>());
    }
    if args.format == Format::Json {
        let v: Vec<_> = list
            .iter()
            .map(|i| {
                serde_json::json!({
                    "Id": i.id, "Names": i.names, "Digest": i.digest, "Created": created(i),
                    "CreatedAt": i.created, "Size": i.size(), "Dangling": i.names.is_empty(),
                })
            })
            .collect();
        return print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ));
    }
    let now = super::now() as i64;
    let mut rows = vec![[
        "REPOSITORY".into(),
        "TAG".into(),
        "IMAGE ID".into(),
        "CREATED".into(),
        "SIZE".into(),
    ]];
    for i in &list {
        let names: Vec<(String, String)> = if i.names.is_empty() {
            vec![("<none>".into(), "<none>".into())]
        } else {
            i.names
                .iter()
                .map(|n| match ImageRef::parse(n) {
                    Ok(r) => (r.name(), r.tag.unwrap_or_else(|| "<none>".into())),
                    Err(_) => (n.clone(), "<none>".into()),
                })
                .collect()
        };
        for (repo, tag) in names {
            rows.push([
                repo,
                tag,
                short(&i.id),
                ago(created(i), now),
                human_size(i.size()),
            ]);
        }
    }
    let widths: Vec<usize> = (0..5)
        .map(|c| rows.iter().map(|r| r[c].len()).max().unwrap_or(0) + 2)
        .collect();
    let text: String = rows
        .iter()
        .map(|r| {
            let line: String = (0..5)
                .map(|c| format!("{:<w$}", r[c], w = widths[c]))
                .collect();
            line.trim_end().to_string() + "\n"
        })
        .collect();
    print(&text)
}

/// Image IDs of the store at `root`, each with a container made from it that holds it, and
/// whether that container runs: kept containers (not `--rm`), and running `--rm` ones (their
/// overlay reads the image's layer directories). A dead `--rm` container's leftovers hold
/// nothing, nor do containers of another store.
fn used_by_containers(root: &Path) -> BTreeMap<String, (String, bool)> {
    let Ok(state) = crate::host::state::Containers::open(nix::unistd::getuid().as_raw()) else {
        return BTreeMap::new();
    };
    state
        .list()
        .into_iter()
        .filter_map(|(_, r, up)| Some((r?, up)))
        .filter(|(r, up)| !r.remove || *up)
        .filter(|(r, _)| r.store.as_deref().is_none_or(|s| s == root))
        .filter_map(|(r, up)| Some((r.image?, (r.name, up))))
        .collect()
}

fn position(found: &Found) -> usize {
    match found {
        Found::Name(i, _) | Found::Id(i) => *i,
    }
}

pub fn rmi(args: &RmiArgs) -> Result<u8> {
    let store = Store::open()?;
    let _lock = store.lock()?;
    let mut index = store.read_index()?;
    let used = used_by_containers(store.root());
    let keys: Vec<String> = if args.all {
        index.images.iter().map(|i| i.id.clone()).collect()
    } else {
        args.images.clone()
    };
    let mut failed = None;
    let mut text = String::new();
    for key in &keys {
        let Some(found) = index.find(key) else {
            if !args.ignore {
                failed = Some(not_found(key));
            }
            continue;
        };
        let i = position(&found);
        if let Found::Name(_, name) = &found
            && index.images[i].names.len() > 1
        {
            index.images[i].names.retain(|n| n != name);
            store.write_index(&index)?;
            text += &format!("Untagged: {name}\n");
            continue;
        }
        // Even with -f: a running container's overlay reads the image's layers.
        match used.get(&index.images[i].id) {
            Some((c, true)) => {
                failed = Some(Error::Usage(format!(
                    "image {key} is in use by running container {c}: wait for it to end"
                )));
                continue;
            }
            Some((c, false)) if !args.force => {
                failed = Some(Error::Usage(format!(
                    "image {key} is in use by container {c}: remove the container (nook rm {c}) or use nook rmi -f"
                )));
                continue;
            }
            _ => {}
        }
        let image = store.delete_image(&mut index, i, &HostUserns)?;
        for n in &image.names {
            text += &format!("Untagged: {n}\n");
        }
        text += &format!("Deleted: {}\n", image.id);
    }
    print(&text)?;
    match failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

pub fn tag(args: &TagArgs) -> Result<u8> {
    let names = args
        .names
        .iter()
        .map(|n| match ImageRef::parse(n) {
            Ok(r) if r.digest.is_some() => Err(Error::Usage(format!(
                "cannot tag with a digest ({n}): give NAME[:TAG]"
            ))),
            Ok(r) => Ok(r.to_string()),
            Err(e) => Err(Error::Usage(e)),
        })
        .collect::<Result<Vec<_>>>()?;
    let store = Store::open()?;
    let _lock = store.lock()?;
    let mut index = store.read_index()?;
    let found = index
        .find(&args.image)
        .ok_or_else(|| not_found(&args.image))?;
    let image = index.images[position(&found)].clone();
    index.add(image, &names);
    store.write_index(&index)?;
    Ok(0)
}

pub fn inspect(args: &InspectArgs) -> Result<u8> {
    let store = Store::open()?;
    let index = store.read_index()?;
    let mut out = Vec::new();
    for key in &args.images {
        let found = index.find(key).ok_or_else(|| not_found(key))?;
        let i = &index.images[position(&found)];
        let cfg =
            ImageConfig::parse(&store.read_blob(&i.config_digest())?).map_err(Error::Usage)?;
        let repo_digests: Vec<String> = i
            .names
            .iter()
            .filter_map(|n| ImageRef::parse(n).ok())
            .map(|r| format!("{}@{}", r.name(), i.digest))
            .collect();
        out.push(serde_json::json!({
            "Id": i.id, "Digest": i.digest, "RepoTags": i.names, "RepoDigests": repo_digests,
            "Created": cfg.created, "Config": cfg.config, "Architecture": cfg.architecture,
            "Os": cfg.os, "Size": i.size(), "Labels": cfg.config.labels,
            "RootFS": { "Type": "layers", "Layers": cfg.rootfs.diff_ids },
        }));
    }
    print(&format!(
        "{}\n",
        serde_json::to_string_pretty(&out).unwrap_or_default()
    ))
}

pub fn prune(args: &PruneArgs) -> Result<u8> {
    let text: String = prune_images(args.all)?
        .iter()
        .map(|id| format!("{id}\n"))
        .collect();
    print(&text)
}

/// Remove unnamed images (every image with `all`) that no container uses (kept or running
/// ones), then the layers and blobs no image needs; returns the removed images' IDs.
pub fn prune_images(all: bool) -> Result<Vec<String>> {
    let store = Store::open()?;
    store.clean_tmp(&HostUserns)?;
    let _lock = store.lock()?;
    let mut index = store.read_index()?;
    let used = used_by_containers(store.root());
    let mut ids = Vec::new();
    while let Some(i) = index
        .images
        .iter()
        .position(|i| (all || i.names.is_empty()) && !used.contains_key(&i.id))
    {
        ids.push(store.delete_image(&mut index, i, &HostUserns)?.id);
    }
    store.collect_garbage(&index, &HostUserns)?;
    Ok(ids)
}

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
    let i = &index.images[position(&found)];
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
    }))
}

/// A container's private copy of its image; removed (from inside the user namespace `userns`,
/// its files belong to subordinate ids) when dropped unless kept.
pub struct Rootfs<'a> {
    paths: Vec<PathBuf>,
    keep: bool,
    userns: &'a dyn Userns,
}

impl<'a> Rootfs<'a> {
    /// Apply the layers in order into `dest` (the vfs driver), in `userns`.
    pub fn create(blobs: &[PathBuf], dest: &Path, userns: &'a dyn Userns) -> Result<Rootfs<'a>> {
        let guard = Rootfs {
            paths: vec![dest.to_path_buf()],
            keep: false,
            userns,
        };
        let (warnings, _) = userns.run(&Job::Apply {
            blobs: blobs.to_vec(),
            dest: dest.to_path_buf(),
        })?;
        for w in warnings {
            eprintln!("Warning: {w}");
        }
        Ok(guard)
    }

    /// The directories of a kernel overlay (the overlay driver): upper and work, and the
    /// mount point, which `__init` mounts in the container's mount namespace.
    pub fn overlay(spec: &OverlayMount, userns: &'a dyn Userns) -> Result<Rootfs<'a>> {
        let mut guard = Rootfs {
            paths: Vec::new(),
            keep: false,
            userns,
        };
        for dir in [&spec.upper, &spec.work, &spec.target] {
            // 0755: the upper directory's mode is the container's `/`.
            std::fs::DirBuilder::new()
                .mode(0o755)
                .create(dir)
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
            guard.paths.push(dir.clone());
        }
        Ok(guard)
    }

    pub fn keep(mut self) {
        self.keep = true;
    }
}

/// The directories a container made from an image may own (`PRIVATE_DIRS` of its state dir),
/// holding files of subordinate ids: removed from inside the user namespace.
pub const PRIVATE_DIRS: [&str; 3] = ["rootfs", "upper", "work"];

impl Drop for Rootfs<'_> {
    fn drop(&mut self) {
        if !self.keep {
            let _ = remove_trees(&self.paths, self.userns);
        }
    }
}

/// Remove a tree holding files of subordinate ids.
pub fn remove_tree(path: &Path, userns: &dyn Userns) -> Result<()> {
    remove_trees(std::slice::from_ref(&path.to_path_buf()), userns)
}

/// Remove trees that may hold files of subordinate ids. Each is first removed as ourselves,
/// which is all it takes when the container wrote only as its root (our own uid): no process
/// to start. What that leaves (files of other ids) goes in one job in the user namespace
/// `userns`.
pub fn remove_trees(paths: &[PathBuf], userns: &dyn Userns) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for p in paths {
        // overlayfs makes the directories it keeps in its work directory (ours) mode 0, which
        // stops a listing: `work`, and with `volatile` `work/incompat/volatile`. Parents first.
        for inner in ["work", "work/incompat", "work/incompat/volatile"] {
            let inner = p.join(inner);
            if std::fs::symlink_metadata(&inner)
                .is_ok_and(|m| m.is_dir() && m.permissions().mode() & 0o700 == 0)
            {
                let _ = std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o700));
            }
        }
    }
    let rest: Vec<PathBuf> = paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_ok() && std::fs::remove_dir_all(p).is_err())
        .cloned()
        .collect();
    if rest.is_empty() {
        return Ok(());
    }
    userns.run(&Job::Remove { paths: rest }).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_ages_read_like_podman() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(4_520_000), "4.52 MB");
        assert_eq!(human_size(124_800_000), "125 MB");
        assert_eq!(human_size(12_340), "12.3 kB");
        assert_eq!(ago(0, 30), "30 seconds ago");
        assert_eq!(ago(0, 3 * 86400), "3 days ago");
        assert_eq!(ago(0, 21 * 86400), "3 weeks ago");
        assert_eq!(ago(0, 400 * 86400), "13 months ago");
    }
}
