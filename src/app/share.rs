//! Sending images elsewhere: `nook push` (to a registry, only the blobs it lacks) and
//! `nook save` (docker-archive, oci-archive or an OCI layout directory, which `nook load`,
//! `podman load` and `docker load` read).

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use crate::cli::{ArchiveFormat, ManifestFormat, PushArgs, SaveArgs};
use crate::error::{Error, Result};
use crate::image::push::{self, Blob, Sent};
use crate::image::{PullOptions, reference};
use crate::plan::build::config::{LayerRef, manifest as make_manifest};
use crate::plan::digest::{digest_of, hex_of};
use crate::plan::image_ref::ImageRef;
use crate::plan::manifest::{Manifest, parse_manifest};
use crate::store::Store;
use crate::store::index::{Image, Index};

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

/// The image `key` names (a name, `localhost/` added to a short one as build names them,
/// or an ID) and the name it was found by.
fn find<'a>(index: &'a Index, key: &str) -> Result<(&'a Image, Option<String>)> {
    let found = index.find(key).or_else(|| {
        let local = super::build::local_name(key).ok()?;
        index.find(&local.to_string())
    });
    let f = found.ok_or_else(|| {
        Error::Usage(format!(
            "image {key} not found: nook images lists the images in the store"
        ))
    })?;
    let img = &index.images[f.position()];
    let name = match f {
        crate::store::index::Found::Name(_, n) => Some(n),
        crate::store::index::Found::Id(_) => img.names.first().cloned(),
    };
    Ok((img, name))
}

fn manifest_of(store: &Store, img: &Image) -> Result<(Vec<u8>, Manifest)> {
    let bytes = store.read_blob(&img.digest)?;
    let m = parse_manifest(&bytes).map_err(Error::Usage)?;
    Ok((bytes, m))
}

pub fn push(args: &PushArgs) -> Result<u8> {
    let auth_file = super::pull::auth_file_arg(args.authfile.as_deref())?;
    let store = Store::open()?;
    let index = store.read_index()?;
    let (img, name) = find(&index, &args.image)?;
    let dest = match args.destination.as_deref().or(name.as_deref()) {
        Some(d) => {
            ImageRef::parse(d.strip_prefix("docker://").unwrap_or(d)).map_err(Error::Usage)?
        }
        None => {
            return Err(Error::Usage(format!(
                "image {} has no name: give a destination, as in nook push {} REGISTRY/NAME:TAG",
                args.image, args.image
            )));
        }
    };
    let (stored, m) = manifest_of(&store, img)?;
    if let Some(c) = &args.compression_format {
        let have = match m.layers.iter().any(|l| l.media_type.contains("zstd")) {
            true => "zstd",
            false => "gzip",
        };
        if c != have {
            return Err(Error::Usage(format!(
                "--compression-format {c}: nook pushes layers as stored ({have}): leave the flag out"
            )));
        }
    }
    let docker_now = m.media_type == DOCKER_MANIFEST;
    let (body, media_type) = match args.format {
        Some(ManifestFormat::V2s2) if !docker_now => {
            (convert(&store, img, &m, true)?, DOCKER_MANIFEST)
        }
        Some(ManifestFormat::Oci) if docker_now => (convert(&store, img, &m, false)?, OCI_MANIFEST),
        _ if docker_now => (stored, DOCKER_MANIFEST),
        _ => (stored, OCI_MANIFEST),
    };
    let target = reference::target(&dest);
    let credentials = args
        .creds
        .as_deref()
        .map(super::pull::parse_creds)
        .transpose()?;
    let opts = PullOptions {
        tls_verify: args.tls_verify,
        credentials,
        auth_file,
        ..Default::default()
    };
    let say = |line: String| {
        if !args.quiet {
            eprintln!("{line}");
        }
    };
    let client = crate::image::connect(&target, &opts)?;
    say("Getting image source signatures".into());
    // Where else on this registry the store's images say each blob is.
    let known: Vec<(Vec<String>, Vec<String>)> = store
        .read_index()?
        .images
        .iter()
        .map(|i| {
            (
                i.names.clone(),
                i.layers.iter().map(|l| l.digest.clone()).collect(),
            )
        })
        .collect();
    let blobs: Vec<Blob> = m
        .layers
        .iter()
        .map(|l| Blob {
            digest: l.digest.clone(),
            path: store.blob_path(&l.digest),
            from: push::mount_source(&target.registry, &target.repository, &l.digest, &known),
        })
        .collect();
    if let Some(b) = blobs.iter().find(|b| !b.path.is_file()) {
        return Err(Error::Usage(format!(
            "image {} is missing blob {}: pull or build it again",
            args.image, b.digest
        )));
    }
    // A few blobs at once, as podman sends them.
    let queue = std::sync::Mutex::new(blobs.iter().collect::<Vec<_>>());
    let failed = std::sync::Mutex::new(None);
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| {
                while let Some(b) = queue.lock().ok().and_then(|mut q| q.pop()) {
                    match push::blob(&client, &target, b) {
                        Ok(Sent::Uploaded) => say(format!("Copying blob {}", &b.digest)),
                        Ok(Sent::Mounted(from)) => say(format!(
                            "Copying blob {} skipped: mounted from {from}",
                            &b.digest
                        )),
                        Ok(Sent::Exists) => say(format!(
                            "Copying blob {} skipped: already exists",
                            &b.digest
                        )),
                        Err(e) => {
                            if let Ok(mut f) = failed.lock() {
                                f.get_or_insert(e);
                            }
                            break;
                        }
                    }
                }
            });
        }
    });
    if let Some(e) = failed.into_inner().ok().flatten() {
        return Err(e.into());
    }
    let config = Blob {
        digest: img.config_digest(),
        path: store.blob_path(&img.config_digest()),
        from: None,
    };
    push::blob(&client, &target, &config)?;
    say(format!("Copying config {}", config.digest));
    say("Writing manifest to image destination".into());
    push::manifest(&client, &target, &body, media_type)?;
    let digest = digest_of(&body);
    if let Some(f) = &args.digestfile {
        std::fs::write(f, &digest)
            .map_err(|e| Error::io(format!("cannot write --digestfile {}", f.display()), e))?;
    }
    Ok(0)
}

/// The manifest of `img` in the other format (the config blob is the same).
fn convert(store: &Store, img: &Image, m: &Manifest, docker: bool) -> Result<Vec<u8>> {
    let config = store.read_blob(&img.config_digest())?;
    let layers: Vec<LayerRef> = m
        .layers
        .iter()
        .map(|l| LayerRef {
            digest: l.digest.clone(),
            diff_id: String::new(),
            blob_size: l.size,
            size: 0,
            media_type: l.media_type.clone(),
        })
        .collect();
    Ok(make_manifest(docker, &config, &layers))
}

pub fn save(args: &SaveArgs) -> Result<u8> {
    if args.multi_image_archive && args.format != ArchiveFormat::DockerArchive {
        return Err(Error::Usage(
            "--multi-image-archive is for docker-archive: leave out --format, or -m".into(),
        ));
    }
    let store = Store::open()?;
    let index = store.read_index()?;
    let mut images = Vec::new();
    for key in &args.images {
        let (img, name) = find(&index, key)?;
        // podman's: an image saved by its ID is saved without a name.
        let by_id = matches!(index.find(key), Some(crate::store::index::Found::Id(_)));
        images.push((img.clone(), name.filter(|_| !by_id)));
    }
    if args.format == ArchiveFormat::OciDir {
        let dir = args
            .output
            .clone()
            .ok_or_else(|| Error::Usage("--format oci-dir needs -o DIRECTORY".into()))?;
        return oci_dir(&store, &images, &dir, args.uncompressed).map(|()| 0);
    }
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            File::create(p).map_err(|e| Error::io(format!("cannot create {}", p.display()), e))?,
        ),
        None if io::stdout().is_terminal() => {
            return Err(Error::Usage(
                "refusing to write an archive to the terminal: use -o FILE or redirect the output"
                    .into(),
            ));
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut tar = tar::Builder::new(io::BufWriter::with_capacity(1 << 20, out));
    let written = match args.format {
        ArchiveFormat::DockerArchive => docker_archive(&store, &images, &mut tar),
        _ => oci_archive(&store, &images, &mut tar, args.uncompressed),
    };
    let finished = written.and_then(|()| {
        let mut w = tar
            .into_inner()
            .map_err(|e| Error::io("cannot write the archive", e))?;
        w.flush()
            .map_err(|e| Error::io("cannot write the archive", e))
    });
    if finished.is_err()
        && let Some(p) = &args.output
    {
        let _ = std::fs::remove_file(p);
    }
    finished.map(|()| 0)
}

fn append(tar: &mut tar::Builder<impl Write>, path: &str, data: &[u8]) -> Result<()> {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_mtime(0);
    tar.append_data(&mut h, path, data)
        .map_err(|e| Error::io("cannot write the archive", e))
}

fn append_file(tar: &mut tar::Builder<impl Write>, path: &str, file: &Path) -> Result<()> {
    let io = |e| Error::io(format!("cannot add {} to the archive", file.display()), e);
    let mut f = File::open(file).map_err(io)?;
    let len = f.metadata().map_err(io)?.len();
    let mut h = tar::Header::new_gnu();
    h.set_size(len);
    h.set_mode(0o644);
    h.set_mtime(0);
    tar.append_data(&mut h, path, &mut f).map_err(io)
}

/// A layer blob's tar, decompressed (gzip, zstd or plain), into `dest`.
fn decompress(blob: &Path, dest: &Path) -> io::Result<()> {
    let mut f = File::open(blob)?;
    let mut magic = [0u8; 4];
    let n = f.read(&mut magic)?;
    drop(f);
    let f = io::BufReader::new(File::open(blob)?);
    let mut r: Box<dyn Read> = match &magic[..n] {
        [0x1f, 0x8b, ..] => Box::new(flate2::read::MultiGzDecoder::new(f)),
        [0x28, 0xb5, 0x2f, 0xfd] => Box::new(zstd::Decoder::with_buffer(f)?),
        _ => Box::new(f),
    };
    let mut out = io::BufWriter::new(File::create(dest)?);
    io::copy(&mut r, &mut out)?;
    out.flush()
}

fn docker_archive(
    store: &Store,
    images: &[(Image, Option<String>)],
    tar: &mut tar::Builder<impl Write>,
) -> Result<()> {
    let mut entries = Vec::new();
    let mut done: Vec<String> = Vec::new();
    for (img, name) in images {
        let config = store.read_blob(&img.config_digest())?;
        append(tar, &format!("{}.json", img.id), &config)?;
        let mut layers = Vec::new();
        for l in &img.layers {
            let file = format!("{}.tar", hex_of(&l.diff_id));
            if !done.contains(&file) {
                let temp = store
                    .temp_path()
                    .map_err(|e| Error::io("cannot create a temp file", e))?;
                let r = decompress(&store.blob_path(&l.digest), &temp)
                    .map_err(|e| Error::io(format!("cannot read layer {}", l.digest), e))
                    .and_then(|()| append_file(tar, &file, &temp));
                let _ = std::fs::remove_file(&temp);
                r?;
                done.push(file.clone());
            }
            layers.push(file);
        }
        let tags: Vec<&String> = name.iter().collect();
        entries.push(serde_json::json!({
            "Config": format!("{}.json", img.id),
            "RepoTags": tags,
            "Layers": layers,
        }));
    }
    append(
        tar,
        "manifest.json",
        &serde_json::to_vec(&entries).unwrap_or_default(),
    )
}

/// The blobs of an OCI layout: the store's, and those made for it (`--uncompressed`'s
/// layers and manifests), removed when it is dropped.
#[derive(Default)]
struct Layout {
    /// (digest, file) of each blob, in order, once each.
    blobs: Vec<(String, std::path::PathBuf)>,
    made: Vec<std::path::PathBuf>,
    index: Vec<u8>,
}

impl Drop for Layout {
    fn drop(&mut self) {
        for f in &self.made {
            let _ = std::fs::remove_file(f);
        }
    }
}

impl Layout {
    fn add(&mut self, digest: String, file: std::path::PathBuf) {
        if !self.blobs.iter().any(|(d, _)| *d == digest) {
            self.blobs.push((digest, file));
        }
    }

    fn temp(&mut self, store: &Store) -> Result<std::path::PathBuf> {
        let t = store
            .temp_path()
            .map_err(|e| Error::io("cannot create a temp file", e))?;
        self.made.push(t.clone());
        Ok(t)
    }
}

/// The OCI layout of `images`; `uncompressed`: compressed layers decompressed, in manifests
/// of their own (podman's `save --uncompressed`).
fn oci_layout(
    store: &Store,
    images: &[(Image, Option<String>)],
    uncompressed: bool,
) -> Result<Layout> {
    let mut out = Layout::default();
    let mut manifests = Vec::new();
    for (img, name) in images {
        let (mut bytes, m) = manifest_of(store, img)?;
        let mut digest = img.digest.clone();
        let compressed = |t: &str| t.contains("gzip") || t.contains("zstd");
        if uncompressed && m.layers.iter().any(|l| compressed(&l.media_type)) {
            let mut doc: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| Error::Internal(format!("manifest of {}: {e}", img.id)))?;
            if let Some(layers) = doc["layers"].as_array_mut() {
                for l in layers.iter_mut() {
                    let (Some(t), Some(d)) = (l["mediaType"].as_str(), l["digest"].as_str()) else {
                        continue;
                    };
                    let Some(diff_id) = img
                        .layers
                        .iter()
                        .find(|x| x.digest == d)
                        .map(|x| x.diff_id.clone())
                    else {
                        continue;
                    };
                    if !compressed(t) {
                        continue;
                    }
                    let plain = out.temp(store)?;
                    decompress(&store.blob_path(d), &plain)
                        .map_err(|e| Error::io(format!("cannot read layer {d}"), e))?;
                    let size = std::fs::metadata(&plain)
                        .map_err(|e| Error::io("cannot read a layer", e))?
                        .len();
                    let plain_type = match t.starts_with("application/vnd.docker") {
                        true => "application/vnd.docker.image.rootfs.diff.tar",
                        false => "application/vnd.oci.image.layer.v1.tar",
                    };
                    l["mediaType"] = serde_json::json!(plain_type);
                    l["digest"] = serde_json::json!(diff_id);
                    l["size"] = serde_json::json!(size);
                    out.add(diff_id, plain);
                }
            }
            bytes = serde_json::to_vec(&doc).map_err(|e| Error::Internal(e.to_string()))?;
            digest = digest_of(&bytes);
            let file = out.temp(store)?;
            std::fs::write(&file, &bytes).map_err(|e| Error::io("cannot write a manifest", e))?;
            out.add(digest.clone(), file);
        } else {
            out.add(digest.clone(), store.blob_path(&digest));
            for l in &m.layers {
                out.add(l.digest.clone(), store.blob_path(&l.digest));
            }
        }
        out.add(img.config_digest(), store.blob_path(&img.config_digest()));
        let mt = match m.media_type.is_empty() {
            true => OCI_MANIFEST.to_string(),
            false => m.media_type.clone(),
        };
        let mut desc = serde_json::json!({"mediaType": mt, "digest": digest, "size": bytes.len()});
        if let Some(n) = name {
            desc["annotations"] = serde_json::json!({"org.opencontainers.image.ref.name": n});
        }
        manifests.push(desc);
    }
    let index = serde_json::json!({"schemaVersion": 2, "manifests": manifests});
    out.index = serde_json::to_vec(&index).unwrap_or_default();
    Ok(out)
}

const OCI_LAYOUT: &[u8] = br#"{"imageLayoutVersion":"1.0.0"}"#;

fn oci_archive(
    store: &Store,
    images: &[(Image, Option<String>)],
    tar: &mut tar::Builder<impl Write>,
    uncompressed: bool,
) -> Result<()> {
    let layout = oci_layout(store, images, uncompressed)?;
    append(tar, "oci-layout", OCI_LAYOUT)?;
    for (d, file) in &layout.blobs {
        append_file(tar, &format!("blobs/sha256/{}", hex_of(d)), file)?;
    }
    append(tar, "index.json", &layout.index)
}

fn oci_dir(
    store: &Store,
    images: &[(Image, Option<String>)],
    dir: &Path,
    uncompressed: bool,
) -> Result<()> {
    let layout = oci_layout(store, images, uncompressed)?;
    let io = |e| Error::io(format!("cannot write {}", dir.display()), e);
    let b = dir.join("blobs/sha256");
    std::fs::create_dir_all(&b).map_err(io)?;
    std::fs::write(dir.join("oci-layout"), OCI_LAYOUT).map_err(io)?;
    for (d, file) in &layout.blobs {
        let dest = b.join(hex_of(d));
        if !dest.exists() {
            std::fs::copy(file, &dest).map_err(io)?;
        }
    }
    std::fs::write(dir.join("index.json"), &layout.index).map_err(io)
}
