//! `nook load -i FILE`: docker-archive (`manifest.json` with RepoTags), oci-archive and OCI
//! layout directories (`index.json`, `blobs/`), plain or gzip/zstd compressed. Every file is
//! staged in `tmp/` with its digest, blobs are checked against the names and sizes that
//! claim them, moved into `blobs/`, and each image goes through `Store::import`. Archive
//! paths never become paths of ours: staged files get names we choose.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::job::Userns;
use super::{Store, hash_reader, unpack};
use crate::error::{Error, Result};
use crate::plan::image_ref::{ImageRef, valid_digest};
use crate::plan::manifest::{DOCKER_LIST, Descriptor, Index, Manifest, OCI_INDEX, parse_manifest};

pub struct Loaded {
    pub id: String,
    pub names: Vec<String>,
}

struct Staged {
    path: PathBuf,
    digest: String,
    size: u64,
    /// A temp file of ours (moved into `blobs/` or removed), not the user's file.
    temp: bool,
}

#[derive(Default)]
struct Files {
    map: BTreeMap<String, Staged>,
    links: BTreeMap<String, String>,
    /// Blobs this load put into the store, removed again if it fails.
    added: Vec<String>,
}

impl Drop for Files {
    fn drop(&mut self) {
        for s in self.map.values().filter(|s| s.temp) {
            let _ = fs::remove_file(&s.path);
        }
    }
}

fn clean(name: &str) -> String {
    unpack::normalize(Path::new(name))
        .to_string_lossy()
        .into_owned()
}

/// podman's words for an archive that is none, which its scripts look for.
const NOT_AN_IMAGE: &str = "payload does not match any of the supported image formats";

fn bad(input: &Path, why: &str) -> Error {
    Error::Usage(format!(
        "cannot load {}: {}; give an archive made by docker save, podman save or skopeo (docker-archive, oci-archive or an OCI layout directory)",
        input.display(),
        unpack::one_line(why)
    ))
}

impl Files {
    fn get(&self, name: &str) -> Option<&Staged> {
        let mut name = clean(name);
        for _ in 0..8 {
            match self.links.get(&name) {
                Some(t) => name = t.clone(),
                None => break,
            }
        }
        self.map.get(&name)
    }

    fn read(&self, name: &str, input: &Path) -> Result<Vec<u8>> {
        let s = self
            .get(name)
            .ok_or_else(|| bad(input, &format!("it has no {name}")))?;
        let mut buf = Vec::new();
        File::open(&s.path)
            .and_then(|f| f.take(64 << 20).read_to_end(&mut buf))
            .map_err(|e| Error::io(format!("cannot read {name} of the archive"), e))?;
        Ok(buf)
    }

    /// Move the staged file into `blobs/`; `claimed` is the digest its name or descriptor
    /// gives, which it must match.
    fn commit(
        &mut self,
        store: &Store,
        name: &str,
        claimed: Option<&Descriptor>,
        input: &Path,
    ) -> Result<(String, u64)> {
        let s = self
            .get(name)
            .ok_or_else(|| bad(input, &format!("{name} is missing from it")))?;
        let (digest, size, path, temp) = (s.digest.clone(), s.size, s.path.clone(), s.temp);
        if let Some(d) = claimed
            && (d.digest != digest || d.size != size)
        {
            return Err(bad(
                input,
                &format!(
                    "blob {} is corrupt: its content has digest {digest} and {size} bytes, the archive claims {} and {}",
                    name, d.digest, d.size
                ),
            ));
        }
        if !store.has(&digest) {
            if temp {
                store
                    .commit_verified(&path, &digest)
                    .map_err(|e| Error::io("cannot move a blob into the store", e))?;
            } else {
                let file = File::open(&path)
                    .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
                if store.put_stream(file)?.0 != digest {
                    return Err(bad(
                        input,
                        &format!("{name} changed while it was being loaded"),
                    ));
                }
            }
            self.added.push(digest.clone());
        }
        Ok((digest, size))
    }
}

fn stage_archive(store: &Store, input: &Path) -> Result<Files> {
    let f = File::open(input).map_err(|e| bad(input, &e.to_string()))?;
    let r = unpack::decompress(BufReader::with_capacity(1 << 16, f))
        .map_err(|e| bad(input, &e.to_string()))?;
    let mut ar = tar::Archive::new(r);
    let mut files = Files::default();
    let entries = ar.entries().map_err(|e| {
        bad(
            input,
            &format!("{NOT_AN_IMAGE}: it is not a tar archive ({e})"),
        )
    })?;
    for entry in entries {
        let mut e = entry.map_err(|e| {
            bad(
                input,
                &format!("{NOT_AN_IMAGE}: it is corrupt or truncated ({e})"),
            )
        })?;
        let name = clean(
            &e.path()
                .map_err(|e| bad(input, &e.to_string()))?
                .to_string_lossy(),
        );
        match e.header().entry_type() {
            tar::EntryType::Regular | tar::EntryType::Continuous => {
                let path = store
                    .temp_path()
                    .map_err(|e| Error::io("cannot create a temp file", e))?;
                let mut out = File::create(&path)
                    .map_err(|e| Error::io("cannot write into the image store", e))?;
                files.map.insert(
                    name.clone(),
                    Staged {
                        path: path.clone(),
                        digest: String::new(),
                        size: 0,
                        temp: true,
                    },
                );
                let (digest, size) = hash_reader(Tee {
                    r: &mut e,
                    w: &mut out,
                })
                .map_err(|e| {
                    bad(
                        input,
                        &format!("{NOT_AN_IMAGE}: it is corrupt or truncated ({e})"),
                    )
                })?;
                if let Some(s) = files.map.get_mut(&name) {
                    (s.digest, s.size) = (digest, size);
                }
            }
            tar::EntryType::Symlink | tar::EntryType::Link => {
                if let Ok(Some(t)) = e.link_name() {
                    let base = if e.header().entry_type() == tar::EntryType::Symlink {
                        Path::new(&name).parent().unwrap_or(Path::new("")).join(t)
                    } else {
                        t.into_owned()
                    };
                    files.links.insert(name, clean(&base.to_string_lossy()));
                }
            }
            _ => {}
        }
    }
    Ok(files)
}

struct Tee<'a, R, W> {
    r: &'a mut R,
    w: &'a mut W,
}

impl<R: Read, W: Write> Read for Tee<'_, R, W> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.r.read(buf)?;
        self.w.write_all(&buf[..n])?;
        Ok(n)
    }
}

fn stage_dir(input: &Path) -> Result<Files> {
    let mut files = Files::default();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = input.join(&rel);
        let entries = fs::read_dir(&dir).map_err(|e| bad(input, &e.to_string()))?;
        for e in entries.flatten() {
            let r = rel.join(e.file_name());
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                stack.push(r);
            } else if ft.is_file() {
                let (digest, size) = File::open(e.path())
                    .and_then(hash_reader)
                    .map_err(|err| bad(input, &format!("cannot read {}: {err}", r.display())))?;
                files.map.insert(
                    clean(&r.to_string_lossy()),
                    Staged {
                        path: e.path(),
                        digest,
                        size,
                        temp: false,
                    },
                );
            }
        }
    }
    Ok(files)
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DockerEntry {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

fn names_of(tags: &[String]) -> Result<Vec<ImageRef>> {
    tags.iter()
        .map(|t| ImageRef::parse(t).map_err(Error::Usage))
        .collect()
}

/// `load` of the archive on standard input: copied into the store's `tmp/` first (an archive
/// is read more than once), removed afterwards.
pub fn load_stdin(store: &Store, userns: &dyn Userns) -> Result<Vec<Loaded>> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "no archive to load: give one with -i FILE, or pipe it in (nook load < FILE)".into(),
        ));
    }
    load_reader(
        store,
        &mut std::io::stdin().lock(),
        "standard input",
        "standard input is empty: pipe an archive in, or give -i FILE",
        userns,
    )
}

/// Load the archive `reader` gives (standard input, a download), kept in the store's
/// temporary directory while it loads; `from` names it in errors, `empty` is the error for
/// nothing at all.
pub fn load_reader(
    store: &Store,
    reader: &mut dyn std::io::Read,
    from: &str,
    empty: &str,
    userns: &dyn Userns,
) -> Result<Vec<Loaded>> {
    let temp = store
        .temp_path()
        .map_err(|e| Error::io("cannot create a file in the store", e))?;
    let copied = fs::File::create(&temp).and_then(|mut f| std::io::copy(reader, &mut f));
    let result = match copied {
        Ok(0) => Err(Error::Usage(empty.into())),
        Ok(_) => load(store, &temp, userns),
        Err(e) => Err(Error::io(format!("cannot read the archive from {from}"), e)),
    };
    let _ = fs::remove_file(&temp);
    result
}

/// Load every image in `input` (a file or an OCI layout directory), its layers unpacked in
/// `userns`.
pub fn load(store: &Store, input: &Path, userns: &dyn Userns) -> Result<Vec<Loaded>> {
    let mut files = if input.is_dir() {
        stage_dir(input)?
    } else {
        stage_archive(store, input)?
    };
    let result = load_staged(store, input, &mut files, userns);
    if result.is_err() {
        // Must happen under the lock: a blob another load has just indexed stays.
        if let Ok(_lock) = store.lock()
            && let Ok(index) = store.read_index()
        {
            for d in &files.added {
                if !index.blob_used(d, usize::MAX) {
                    let _ = fs::remove_file(store.blob_path(d));
                }
            }
        }
    }
    result
}

fn load_staged(
    store: &Store,
    input: &Path,
    files: &mut Files,
    userns: &dyn Userns,
) -> Result<Vec<Loaded>> {
    if files.get("manifest.json").is_some() {
        let list: Vec<DockerEntry> =
            serde_json::from_slice(&files.read("manifest.json", input)?)
                .map_err(|e| bad(input, &format!("its manifest.json is not valid ({e})")))?;
        let mut out = Vec::new();
        for entry in list {
            let config = files.read(&entry.config, input)?;
            let (config_digest, config_size) = files.commit(store, &entry.config, None, input)?;
            let mut layers = Vec::new();
            for l in &entry.layers {
                let (digest, size) = files.commit(store, l, None, input)?;
                layers.push(Descriptor {
                    media_type: "application/vnd.docker.image.rootfs.diff.tar".into(),
                    digest,
                    size,
                    platform: None,
                    annotations: BTreeMap::new(),
                });
            }
            let manifest = Manifest {
                schema_version: 2,
                media_type: crate::plan::manifest::DOCKER_MANIFEST.into(),
                config: Descriptor {
                    media_type: "application/vnd.docker.container.image.v1+json".into(),
                    digest: config_digest,
                    size: config_size,
                    platform: None,
                    annotations: BTreeMap::new(),
                },
                layers,
            };
            let manifest = serde_json::to_vec(&manifest).unwrap_or_default();
            let names = names_of(entry.repo_tags.as_deref().unwrap_or(&[]))?;
            let id = store.import(&manifest, &config, &names, userns)?;
            out.push(Loaded {
                id,
                names: names.iter().map(ImageRef::to_string).collect(),
            });
        }
        return Ok(out);
    }
    if files.get("index.json").is_none() {
        return Err(bad(
            input,
            "it has neither manifest.json (docker-archive) nor index.json (OCI)",
        ));
    }
    let index: Index = serde_json::from_slice(&files.read("index.json", input)?)
        .map_err(|e| bad(input, &format!("its index.json is not valid ({e})")))?;
    let mut todo: Vec<(Descriptor, Option<String>)> =
        index.manifests.into_iter().map(|d| (d, None)).collect();
    let mut out = Vec::new();
    let mut depth = 0;
    while let Some((d, inherited)) = todo.pop() {
        let name = d
            .annotations
            .get("io.containerd.image.name")
            .or_else(|| {
                d.annotations
                    .get("org.opencontainers.image.ref.name")
                    .filter(|n| n.contains(['/', ':']))
            })
            .cloned()
            .or(inherited);
        if !valid_digest(&d.digest) {
            return Err(bad(
                input,
                &format!("it names an invalid digest {:?}", d.digest),
            ));
        }
        let blob = format!("blobs/sha256/{}", &d.digest[7..]);
        let bytes = files.read(&blob, input)?;
        if crate::plan::digest::digest_of(&bytes) != d.digest {
            return Err(bad(
                input,
                &format!("blob {} is corrupt (digest mismatch)", d.digest),
            ));
        }
        let is_index = d.media_type == OCI_INDEX
            || d.media_type == DOCKER_LIST
            || (parse_manifest(&bytes).is_err() && serde_json::from_slice::<Index>(&bytes).is_ok());
        if is_index {
            depth += 1;
            if depth > 16 {
                return Err(bad(input, "its indexes nest too deep"));
            }
            let nested: Index =
                serde_json::from_slice(&bytes).map_err(|e| bad(input, &e.to_string()))?;
            let host = crate::plan::manifest::host_arch();
            let fits: Vec<_> = nested
                .manifests
                .into_iter()
                .filter(|m| {
                    m.platform
                        .as_ref()
                        .is_none_or(|p| p.os == "linux" && p.architecture == host)
                })
                .collect();
            todo.extend(fits.into_iter().map(|m| (m, name.clone())));
            continue;
        }
        let m = parse_manifest(&bytes).map_err(|e| bad(input, &e))?;
        let config = files.read(&format!("blobs/sha256/{}", &m.config.digest[7..]), input)?;
        for desc in std::iter::once(&m.config).chain(&m.layers) {
            files.commit(
                store,
                &format!("blobs/sha256/{}", &desc.digest[7..]),
                Some(desc),
                input,
            )?;
        }
        // An OCI reference name without a registry is nook's own: localhost/NAME, as podman.
        let names = name
            .iter()
            .map(|t| ImageRef::parse_local(t).map_err(Error::Usage))
            .collect::<Result<Vec<_>>>()?;
        let id = store.import(&bytes, &config, &names, userns)?;
        out.push(Loaded {
            id,
            names: names.iter().map(ImageRef::to_string).collect(),
        });
    }
    if out.is_empty() {
        return Err(bad(input, "it holds no image for this machine's platform"));
    }
    Ok(out)
}
