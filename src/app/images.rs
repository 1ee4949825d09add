//! The story of each image command (`load`, `images`, `rmi`, `tag`, `image inspect`,
//! `image prune`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use nix::unistd::getuid;

use crate::cli::{Format, ImagesArgs, InspectArgs, LoadArgs, PruneArgs, RmiArgs, TagArgs};
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::host::state::Containers;
use crate::plan::image_config::ImageConfig;
use crate::plan::image_ref::ImageRef;
use crate::store::index::{Found, Image, parse_rfc3339};
use crate::store::{Store, load, lookup};

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

fn created(i: &Image) -> i64 {
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
    let now = crate::store::now() as i64;
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
    let Ok(state) = Containers::open(getuid().as_raw()) else {
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
        let i = found.position();
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
    let image = index.images[found.position()].clone();
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
        let i = &index.images[found.position()];
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

/// Remove the images no container holds (unnamed ones only unless `all`), then the layers
/// and blobs no image needs; returns the removed images' IDs. Also `nook system prune`'s.
pub fn prune_unused(all: bool) -> Result<Vec<String>> {
    let store = Store::open()?;
    let in_use = used_by_containers(store.root()).into_keys().collect();
    lookup::prune_images(&store, all, &in_use, &HostUserns)
}

pub fn prune(args: &PruneArgs) -> Result<u8> {
    let text: String = prune_unused(args.all)?
        .iter()
        .map(|id| format!("{id}\n"))
        .collect();
    print(&text)
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
