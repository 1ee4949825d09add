//! The story of each image command (`load`, `images`, `rmi`, `tag`, `image inspect`,
//! `image prune`).

use std::collections::BTreeMap;
use std::path::Path;

use nix::unistd::getuid;

use crate::cli::{
    ImageExistsArgs, ImagesArgs, InspectArgs, LoadArgs, PruneArgs, RmiArgs, TagArgs, UntagArgs,
};
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::host::state::{ContainerRecord, Containers};
use crate::plan::image_config::ImageConfig;
use crate::plan::image_filter;
use crate::plan::image_ref::ImageRef;
use crate::plan::image_sort::{RowKey, SortKey, compare};
use crate::plan::units;
use crate::store::index::{Found, Image, parse_rfc3339};
use crate::store::{Store, load, lookup};

use super::output::{ago, json, now, print, table};

fn not_found(key: &str) -> Error {
    match ImageRef::parse(key) {
        Err(e) if !key.bytes().all(|b| b.is_ascii_hexdigit()) => Error::Usage(e),
        _ => Error::Usage(format!("image {key} not found: see nook images")),
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
    let url = args
        .input
        .as_ref()
        .and_then(|i| i.to_str())
        .filter(|i| i.starts_with("http://") || i.starts_with("https://"));
    let loaded = match (&args.input, url) {
        (_, Some(url)) => load_url(&store, url)?,
        (Some(input), None) => load::load(&store, input, &HostUserns)?,
        (None, None) => load::load_stdin(&store, &HostUserns)?,
    };
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

/// `load -i http(s)://...`: the archive downloaded into the store, then loaded (podman's).
fn load_url(store: &Store, url: &str) -> Result<Vec<load::Loaded>> {
    let response = ureq::get(url).call().map_err(|e| {
        Error::Usage(format!(
            "cannot download {url}: {e}: give the URL of an archive made by save"
        ))
    })?;
    let mut body = response.into_body();
    load::load_reader(
        store,
        &mut body.as_reader(),
        url,
        &format!("{url} is empty: give the URL of an archive made by save"),
        &HostUserns,
    )
}

pub fn images(args: &ImagesArgs) -> Result<u8> {
    let mut filters = args
        .filter
        .iter()
        .map(|f| image_filter::parse(f))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(Error::Usage)?;
    if let Some(image) = &args.image {
        filters.push(image_filter::Filter::Reference(image.clone()));
    }
    let store = Store::open()?;
    let mut index = store.read_index()?;
    let labels = labels_of(&store, &index.images);
    let kept = filtered(&index, &filters, &labels);
    index.images.retain(|i| kept.contains(&i.id));
    let mut rows = sorted_rows(&index.images, &args.sort)?;
    // `images NAME`: that name's rows only, not the image's other names.
    if let Some(image) = &args.image {
        rows.retain(|(_, repo, tag)| {
            image_filter::reference_matches(image, &format!("{repo}:{tag}"))
        });
    }
    // Per-image listings keep the order of each image's first row.
    let mut list: Vec<&Image> = Vec::new();
    for (i, _, _) in &rows {
        if !list.iter().any(|l| l.id == i.id) {
            list.push(i);
        }
    }
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
    if args.format == "json" {
        let v: Vec<_> = list
            .iter()
            .map(|i| {
                serde_json::json!({
                    "Id": i.id, "Names": i.names, "Digest": i.digest, "Created": created(i),
                    "CreatedAt": i.created, "Size": i.size(), "Dangling": i.names.is_empty(),
                    "Labels": labels.get(&i.id), "History": i.names_history,
                })
            })
            .collect();
        return print(&json(&v));
    }
    if !matches!(args.format.as_str(), "" | "table") {
        return images_template(args, &rows, &labels);
    }
    let now = now();
    let mut table_rows = vec![[
        "REPOSITORY".into(),
        "TAG".into(),
        "IMAGE ID".into(),
        "CREATED".into(),
        "SIZE".into(),
    ]];
    for (i, repo, tag) in &rows {
        table_rows.push([
            repo.clone(),
            tag.clone(),
            short(&i.id),
            ago(created(i), now),
            units::decimal(i.size()),
        ]);
    }
    let text = table(&table_rows);
    match text.split_once('\n') {
        Some((_, rows)) if args.noheading => print(rows),
        _ => print(&text),
    }
}

/// Each image's labels (from its configuration; none when it cannot be read), by ID.
fn labels_of(store: &Store, images: &[Image]) -> BTreeMap<String, BTreeMap<String, String>> {
    images
        .iter()
        .map(|i| {
            let labels = store
                .read_blob(&i.config_digest())
                .ok()
                .and_then(|b| ImageConfig::parse(&b).ok())
                .and_then(|c| c.config.labels)
                .unwrap_or_default();
            (i.id.clone(), labels)
        })
        .collect()
}

/// The IDs of the images that pass every filter (before=/since= name images of `index`).
fn filtered(
    index: &crate::store::index::Index,
    filters: &[image_filter::Filter],
    labels: &BTreeMap<String, BTreeMap<String, String>>,
) -> Vec<String> {
    let created_of = |key: &str| {
        index
            .find(key)
            .map(|f| created(&index.images[f.position()]))
    };
    let none = BTreeMap::new();
    index
        .images
        .iter()
        .filter(|i| {
            let c = image_filter::Candidate {
                id: &i.id,
                names: &i.names,
                created: created(i),
                labels: labels.get(&i.id).unwrap_or(&none),
            };
            filters
                .iter()
                .all(|f| image_filter::matches(f, &c, &created_of))
        })
        .map(|i| i.id.clone())
        .collect()
}

/// One row per name of each image (image, repository, tag), in `--sort`'s order.
fn sorted_rows<'a>(images: &'a [Image], sort: &str) -> Result<Vec<(&'a Image, String, String)>> {
    let key = SortKey::parse(sort).map_err(Error::Usage)?;
    let mut rows: Vec<_> = images
        .iter()
        .flat_map(|i| repo_tags(i).into_iter().map(move |(r, t)| (i, r, t)))
        .collect();
    fn row_key<'r>((i, r, t): &'r (&Image, String, String)) -> RowKey<'r> {
        RowKey {
            id: &i.id,
            repository: r,
            tag: t,
            created: created(i),
            size: i.size(),
        }
    }
    rows.sort_by(|a, b| compare(key, &row_key(a), &row_key(b)));
    Ok(rows)
}

/// Each name of each image as `repository` and `tag` (`<none>` for an image without one).
/// A name by digest (`pull NAME@sha256:...`) is a row only when the image has no tag, as
/// podman's: it shows in RepoDigests.
fn repo_tags(i: &Image) -> Vec<(String, String)> {
    let mut tagged = Vec::new();
    let mut by_digest = Vec::new();
    for n in &i.names {
        match ImageRef::parse(n) {
            Ok(r) if r.digest.is_some() && r.tag.is_none() => {
                by_digest.push((r.name(), "<none>".into()))
            }
            Ok(r) => tagged.push((r.name(), r.tag.unwrap_or_else(|| "<none>".into()))),
            Err(_) => tagged.push((n.clone(), "<none>".into())),
        }
    }
    by_digest.dedup();
    match (tagged.is_empty(), by_digest.is_empty()) {
        (false, _) => tagged,
        (true, false) => by_digest,
        (true, true) => vec![("<none>".into(), "<none>".into())],
    }
}

/// `images --format TEMPLATE`: one row per name of each image, with podman's fields.
fn images_template(
    args: &ImagesArgs,
    list: &[(&Image, String, String)],
    labels: &BTreeMap<String, BTreeMap<String, String>>,
) -> Result<u8> {
    let default = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    let format = super::template::Format::parse(&args.format, default).map_err(Error::Usage)?;
    let now = now();
    let mut rows = Vec::new();
    for (i, repo, tag) in list {
        let id = if args.no_trunc {
            format!("sha256:{}", i.id)
        } else {
            i.id[..12.min(i.id.len())].to_string()
        };
        rows.push(serde_json::json!({
            "ID": id, "Id": i.id, "Repository": repo, "Tag": tag, "Digest": i.digest,
            "Names": i.names, "Dangling": i.names.is_empty(), "Containers": 0,
            "Created": created(i), "CreatedAt": i.created,
            "CreatedSince": ago(created(i), now),
            "Size": units::decimal(i.size()), "VirtualSize": i.size(), "ReadOnly": false,
            "Labels": labels.get(&i.id),
            "History": i.names_history.join(", "),
        }));
    }
    let headers = [
        ("ID", "IMAGE ID"),
        ("CreatedSince", "CREATED"),
        ("CreatedAt", "CREATED AT"),
    ];
    let text = format
        .render(&rows, &headers, args.noheading)
        .map_err(Error::Usage)?;
    print(&text)
}

/// Image IDs of the store at `root` that the user's containers hold (see `held`).
pub fn used_by_containers(root: &Path) -> BTreeMap<String, (String, bool)> {
    let Ok(containers) = Containers::open(getuid().as_raw()) else {
        return BTreeMap::new();
    };
    let records = containers.list().into_iter();
    held(records.filter_map(|(_, r, up)| Some((r?, up))), root)
}

/// Image IDs of the store at `root`, each with a container made from it that holds it, and
/// whether that container runs: kept containers (not `--rm`), and running `--rm` ones (their
/// overlay reads the image's layer directories). A dead `--rm` container's leftovers hold
/// nothing, nor do containers of another store. `containers`: records, and whether each runs.
fn held(
    containers: impl Iterator<Item = (ContainerRecord, bool)>,
    root: &Path,
) -> BTreeMap<String, (String, bool)> {
    containers
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
            // podman: -f and --ignore pass over a missing image; else exit 1.
            if !args.ignore && !args.force {
                // podman's words: scripts match them.
                failed = Some(Error::NoSuch(format!("{key}: image not known")));
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
        .map(|n| match ImageRef::parse_local(n) {
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

/// `nook untag IMAGE [NAME...]`: the names go (every one without NAME); the image stays.
pub fn untag(args: &UntagArgs) -> Result<u8> {
    let store = Store::open()?;
    let _lock = store.lock()?;
    let mut index = store.read_index()?;
    let found = index
        .find(&args.image)
        .ok_or_else(|| not_found(&args.image))?;
    let i = found.position();
    let drop: Vec<String> = match args.names.is_empty() {
        true => index.images[i].names.clone(),
        false => args
            .names
            .iter()
            .map(|n| {
                let full = index.find(n).and_then(|f| match f {
                    Found::Name(at, name) if at == i => Some(name),
                    _ => None,
                });
                // podman's words, which its scripts compare.
                full.ok_or_else(|| Error::Usage(format!("{n}: tag not known")))
            })
            .collect::<Result<_>>()?,
    };
    index.images[i].names.retain(|n| !drop.contains(n));
    store.write_index(&index)?;
    Ok(0)
}

/// `nook image exists IMAGE`: exit status 0 when the store has it, 1 when not.
pub fn exists(args: &ImageExistsArgs) -> Result<u8> {
    let store = Store::open()?;
    let index = store.read_index()?;
    Ok(if index.find(&args.image).is_some() {
        0
    } else {
        1
    })
}

pub fn inspect(args: &InspectArgs) -> Result<u8> {
    // A bad template is refused before anything is looked up.
    let format = super::template::Format::parse(&args.format, "").map_err(Error::Usage)?;
    let mut out = Vec::new();
    for key in &args.images {
        out.push(image_json(key)?.ok_or_else(|| not_found(key))?);
    }
    let text = match format {
        super::template::Format::Json => super::template::pretty(&serde_json::Value::Array(out)),
        f => {
            let view: Vec<_> = out.iter().map(super::template::go_names).collect();
            f.render(&view, &[], true).map_err(Error::Usage)?
        }
    };
    print(&text)
}

/// An image as `image inspect` shows it, if the store has one of that name or ID.
pub(super) fn image_json(key: &str) -> Result<Option<serde_json::Value>> {
    let store = Store::open()?;
    let index = store.read_index()?;
    let Some(found) = index.find(key) else {
        return Ok(None);
    };
    let i = &index.images[found.position()];
    let blob = store.read_blob(&i.config_digest())?;
    let cfg = ImageConfig::parse(&blob).map_err(Error::Usage)?;
    // docker's config field (commit -f docker -m), which podman's inspect shows.
    let comment = serde_json::from_slice::<serde_json::Value>(&blob)
        .ok()
        .and_then(|v| v["comment"].as_str().map(String::from))
        .unwrap_or_default();
    let repo_digests: Vec<String> = i
        .names
        .iter()
        .filter_map(|n| ImageRef::parse(n).ok())
        .map(|r| format!("{}@{}", r.name(), i.digest))
        .collect();
    Ok(Some(serde_json::json!({
        "Id": i.id, "Digest": i.digest, "RepoTags": i.names, "RepoDigests": repo_digests,
        "Created": cfg.created, "Config": cfg.config, "Architecture": cfg.architecture,
        "Os": cfg.os, "Size": i.size(), "VirtualSize": i.size(), "Labels": cfg.config.labels,
        "RootFS": { "Type": "layers", "Layers": cfg.rootfs.diff_ids }, "Comment": comment,
    })))
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

    fn record(name: &str, image: &str, remove: bool, store: &str) -> ContainerRecord {
        ContainerRecord {
            id: name.repeat(8),
            name: name.into(),
            command: vec!["sh".into()],
            rootfs: "/r".into(),
            created: 0,
            remove,
            exit_code: None,
            ports: Vec::new(),
            image: Some(image.into()),
            volumes: Vec::new(),
            store: Some(store.into()),
            ..Default::default()
        }
    }

    #[test]
    fn kept_and_running_containers_of_the_store_hold_their_images() {
        let records = vec![
            (record("kept", "i1", false, "/s"), false),
            (record("rm-up", "i2", true, "/s"), true),
            (record("rm-dead", "i3", true, "/s"), false),
            (record("other", "i4", false, "/elsewhere"), true),
        ];
        let held = held(records.into_iter(), Path::new("/s"));
        let want = BTreeMap::from([
            ("i1".to_string(), ("kept".to_string(), false)),
            ("i2".to_string(), ("rm-up".to_string(), true)),
        ]);
        assert_eq!(held, want);
    }
}
