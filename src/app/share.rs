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
    let store = Store::open()?;
    let index = store.read_index()?;
    let mut images = Vec::new();
    for key in &args.images {
        let (img, name) = find(&index, key)?;
        images.push((img.clone(), name));
    }
    if args.format == ArchiveFormat::OciDir {
        let dir = args
            .output
            .clone()
            .ok_or_else(|| Error::Usage("--format oci-dir needs -o DIRECTORY".into()))?;
        return oci_dir(&store, &images, &dir).map(|()| 0);
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
        _ => oci_archive(&store, &images, &mut tar),
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

/// The OCI layout of `images`: (path, source) of each blob, and index.json.
fn oci_layout(store: &Store, images: &[(Image, Option<String>)]) -> Result<(Vec<String>, Vec<u8>)> {
    let mut blobs: Vec<String> = Vec::new();
    let mut manifests = Vec::new();
    for (img, name) in images {
        let (bytes, m) = manifest_of(store, img)?;
        for d in [img.digest.clone(), img.config_digest()]
            .into_iter()
            .chain(m.layers.iter().map(|l| l.digest.clone()))
        {
            if !blobs.contains(&d) {
                blobs.push(d);
            }
        }
        let mt = match m.media_type.is_empty() {
            true => OCI_MANIFEST.to_string(),
            false => m.media_type.clone(),
        };
        let mut desc =
            serde_json::json!({"mediaType": mt, "digest": img.digest, "size": bytes.len()});
        if let Some(n) = name {
            desc["annotations"] = serde_json::json!({"org.opencontainers.image.ref.name": n});
        }
        manifests.push(desc);
    }
    let index = serde_json::json!({"schemaVersion": 2, "manifests": manifests});
    Ok((blobs, serde_json::to_vec(&index).unwrap_or_default()))
}

const OCI_LAYOUT: &[u8] = br#"{"imageLayoutVersion":"1.0.0"}"#;

fn oci_archive(
    store: &Store,
    images: &[(Image, Option<String>)],
    tar: &mut tar::Builder<impl Write>,
) -> Result<()> {
    let (blobs, index) = oci_layout(store, images)?;
    append(tar, "oci-layout", OCI_LAYOUT)?;
    for d in &blobs {
        append_file(
            tar,
            &format!("blobs/sha256/{}", hex_of(d)),
            &store.blob_path(d),
        )?;
    }
    append(tar, "index.json", &index)
}

fn oci_dir(store: &Store, images: &[(Image, Option<String>)], dir: &Path) -> Result<()> {
    let (blobs, index) = oci_layout(store, images)?;
    let io = |e| Error::io(format!("cannot write {}", dir.display()), e);
    let b = dir.join("blobs/sha256");
    std::fs::create_dir_all(&b).map_err(io)?;
    std::fs::write(dir.join("oci-layout"), OCI_LAYOUT).map_err(io)?;
    for d in &blobs {
        let dest = b.join(hex_of(d));
        if !dest.exists() {
            std::fs::copy(store.blob_path(d), &dest).map_err(io)?;
        }
    }
    std::fs::write(dir.join("index.json"), index).map_err(io)
}
