//! Registry client: pulls an image's manifest, config and layer blobs from an OCI registry into
//! a `BlobSink`, every blob verified. It does not unpack (that is the store's job), but hands
//! each layer's bytes to the sink's `LayerFeed` as they arrive, so the store can.

pub mod auth;
mod blob;
mod client;
pub mod config;
pub mod idle;
pub mod progress;
pub mod push;
pub mod reference;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use ureq::http::StatusCode;

use crate::plan::image_ref::valid_digest;

/// The manifest types and parsing live with the other pure decisions, in `plan`.
pub use crate::plan::manifest;
pub use auth::Credentials;
pub use client::Client;
pub use config::CERT_DIR_ENV;

use manifest::{ManifestOrIndex, Platform};
use progress::{Bars, State};

/// Largest image config accepted.
const MAX_CONFIG: u64 = 16 << 20;

/// Where verified blobs go: the store (`store::stream::StreamSink`).
pub trait BlobSink: Sync {
    /// Whether the blob `sha256:<hex>` is present (and therefore complete and verified).
    fn has(&self, digest: &str) -> bool;
    /// A fresh temporary file path in `<root>/tmp` (partial downloads also live in that dir).
    fn temp_path(&self) -> std::io::Result<PathBuf>;
    /// Moves a verified temporary file into `blobs/`.
    fn commit(&self, temp: &Path, digest: &str) -> std::io::Result<()>;
    /// Something to feed layer `index` (blob `digest`) of the image with `config` to while it
    /// downloads (an unpacker), or None to download it only.
    fn layer_feed(
        &self,
        _config: &[u8],
        _index: usize,
        _digest: &str,
    ) -> Option<Box<dyn LayerFeed + '_>> {
        None
    }
}

/// Gives the feed for one layer download (called once its partial file is locked).
pub type StartFeed<'a> = dyn Fn() -> Option<Box<dyn LayerFeed + 'a>> + 'a;

/// Takes a layer blob's bytes in order from byte 0 while it downloads.
pub trait LayerFeed: Send {
    /// The next bytes. An error means the feed stopped taking them (its `finish` says why).
    fn feed(&mut self, data: &[u8]) -> std::io::Result<()>;
    /// The download is over; `verified`: the blob's size and digest checked out. Returns what
    /// the feed made of it (an error fails the pull).
    fn finish(self: Box<Self>, verified: bool) -> Result<(), ImageError>;
}

/// What to pull: registry (as named, e.g. `docker.io`), repository, tag or `sha256:` digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub registry: String,
    pub repository: String,
    pub reference: String,
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sep = if valid_digest(&self.reference) {
            '@'
        } else {
            ':'
        };
        write!(
            f,
            "{}/{}{sep}{}",
            self.registry, self.repository, self.reference
        )
    }
}

/// What a pull left in the sink.
#[derive(Debug, Clone)]
pub struct Pulled {
    pub manifest_digest: String,
    pub manifest: Vec<u8>,
    pub config_digest: String,
    pub config: Vec<u8>,
    /// Layer digests (of the compressed blobs), in order.
    pub layers: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PullOptions {
    /// `--platform`; None means the host's (linux/amd64 here).
    pub platform: Option<Platform>,
    /// `--tls-verify`: Some(false) allows plain HTTP and unverified certificates; None asks
    /// registries.conf.
    pub tls_verify: Option<bool>,
    /// Credentials given on the command line; None reads auth.json and docker's config.json.
    pub credentials: Option<Credentials>,
    /// `--authfile`: the only file credentials are read from (None: the usual ones).
    pub auth_file: Option<std::path::PathBuf>,
    /// Print a line per blob on stderr.
    pub progress: bool,
    /// Layers downloaded at once (0 means 3).
    pub jobs: usize,
}

/// Errors of the registry client; each displays as one line that names the fix.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// A malformed reference or option.
    #[error("{0}")]
    Invalid(String),
    /// No such repository, tag, digest or blob.
    #[error("{0}")]
    NotFound(String),
    /// Credentials missing or refused.
    #[error("{0}")]
    Unauthorized(String),
    /// A blob or manifest whose content does not match its digest or size.
    #[error("{0}")]
    Digest(String),
    /// The registry could not be reached, or broke off.
    #[error("{0}")]
    Network(String),
    /// The registry answered something nook cannot use.
    #[error("{0}")]
    Registry(String),
    /// A verified layer blob that would not unpack (the message is the unpacker's, the
    /// errno the system's when it gave one).
    #[error("{message}")]
    Unpack { message: String, errno: Option<i32> },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

/// Connects to the target's registry with the credentials and TLS policy the options and the
/// user's files give.
pub fn connect(target: &Target, opts: &PullOptions) -> Result<Client, ImageError> {
    let insecure = match opts.tls_verify {
        Some(v) => !v,
        None => config::insecure(&target.registry),
    };
    let creds = match &opts.credentials {
        Some(c) => Some(c.clone()),
        None => config::credentials(
            opts.auth_file.as_deref(),
            &target.registry,
            &target.repository,
        )?,
    };
    Client::connect(
        &target.registry,
        reference::api_host(&target.registry),
        insecure,
        creds,
    )
}

/// Pulls `target`: the manifest for the wanted platform, its config and every layer blob the
/// sink does not have yet, into the sink.
pub fn pull(
    target: &Target,
    opts: &PullOptions,
    sink: &dyn BlobSink,
) -> Result<Pulled, ImageError> {
    let client = connect(target, opts)?;
    let repo = &target.repository;
    let scope = auth::pull_scope(repo);
    let want = opts
        .platform
        .clone()
        .unwrap_or_else(manifest::host_platform);

    let (mut digest, mut body, mut parsed) =
        fetch_manifest(&client, target, &target.reference, &scope)?;
    if let ManifestOrIndex::Index(entries) = &parsed {
        let chosen = manifest::choose(entries, &want)
            .map_err(ImageError::Invalid)?
            .digest
            .clone();
        (digest, body, parsed) = fetch_manifest(&client, target, &chosen, &scope)?;
    }
    let ManifestOrIndex::Image { config, layers } = parsed else {
        return Err(ImageError::Registry(format!(
            "{target}: an index points to another index, which nook does not follow"
        )));
    };
    let bars = opts.progress.then(progress::Bars::stderr);
    let config_bytes = blob::fetch_small(&client, repo, &scope, &config, MAX_CONFIG)?;
    check_platform(&config_bytes, &want);
    let fetch = LayerFetch {
        client: &client,
        repo,
        scope: &scope,
        config: &config_bytes,
    };
    fetch_layers(&fetch, &layers, sink, opts.jobs, bars.as_ref())?;
    // Must happen after the layers: a config or manifest present in the sink then means its
    // layers are present too.
    let had = sink.has(&config.digest);
    blob::store_bytes(sink, &config.digest, &config_bytes)?;
    if let Some(b) = &bars {
        let state = if had { State::Skipped } else { State::Done };
        b.add("config", &config.digest, state);
    }
    blob::store_bytes(sink, &digest, &body)?;
    Ok(Pulled {
        manifest_digest: digest,
        manifest: body,
        config_digest: config.digest,
        config: config_bytes,
        layers: layers.into_iter().map(|l| l.digest).collect(),
    })
}

/// A manifest by tag or digest, verified against the digest asked for or the one the registry
/// announces.
fn fetch_manifest(
    client: &Client,
    target: &Target,
    reference: &str,
    scope: &str,
) -> Result<(String, Vec<u8>, ManifestOrIndex), ImageError> {
    let path = format!("/v2/{}/manifests/{reference}", target.repository);
    let (parts, body) = client.get_bytes(
        &path,
        Some(manifest::ACCEPT),
        scope,
        manifest::MAX_MANIFEST,
        &format!("reading manifest {reference}"),
    )?;
    let status = parts.status;
    if status == StatusCode::NOT_FOUND {
        return Err(ImageError::NotFound(format!(
            "{}/{}: manifest {reference} not found in registry {}: check the name and tag",
            target.registry, target.repository, client.registry
        )));
    }
    if !status.is_success() {
        return Err(ImageError::Registry(format!(
            "registry {}: manifest {reference}: HTTP {status}",
            client.registry
        )));
    }
    let header = |n: &str| {
        parts
            .headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (content_type, announced) = (header("content-type"), header("docker-content-digest"));
    let digest = crate::plan::digest::digest_of(&body);
    let expected = if valid_digest(reference) {
        reference
    } else {
        announced.as_str()
    };
    if !expected.is_empty() && valid_digest(expected) && expected != digest {
        return Err(ImageError::Digest(format!(
            "manifest {reference} of {target} failed verification: expected {expected}, got {digest}"
        )));
    }
    let parsed = manifest::parse(&body, &content_type)
        .map_err(|e| ImageError::Registry(format!("{target}: {e}")))?;
    Ok((digest, body, parsed))
}

/// Warns when a single-platform image is not for the platform asked for (podman does too).
fn check_platform(config: &[u8], want: &Platform) {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(config) else {
        return;
    };
    let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let (os, arch) = (field("os"), field("architecture"));
    if (!os.is_empty() && os != want.os) || (!arch.is_empty() && arch != want.architecture) {
        eprintln!(
            "Warning: image platform ({os}/{arch}) does not match the expected platform ({want})"
        );
    }
}

/// Where the layers come from, and the image config they belong to.
struct LayerFetch<'a> {
    client: &'a Client,
    repo: &'a str,
    scope: &'a str,
    config: &'a [u8],
}

/// Downloads the missing layers, `jobs` at once, each fed to the sink's unpacker as it
/// arrives; the first failure stops the others. With `bars`, each layer has a line from the
/// start, updated as its bytes arrive.
fn fetch_layers(
    from: &LayerFetch,
    layers: &[manifest::Descriptor],
    sink: &dyn BlobSink,
    jobs: usize,
    bars: Option<&Bars>,
) -> Result<(), ImageError> {
    let lines: Vec<Option<usize>> = layers
        .iter()
        .map(|l| {
            let state = State::Copying {
                done: 0,
                total: Some(l.size),
            };
            bars.map(|b| b.add("blob", &l.digest, state))
        })
        .collect();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let first_error: Mutex<Option<ImageError>> = Mutex::new(None);
    let workers = if jobs == 0 { 3 } else { jobs }.min(layers.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while !failed.load(Ordering::SeqCst) {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(layer) = layers.get(i) else { break };
                    let line = bars.zip(lines.get(i).copied().flatten());
                    let total = Some(layer.size);
                    let on_bytes = |done: u64| {
                        if let Some((b, n)) = line {
                            b.set(n, State::Copying { done, total });
                        }
                    };
                    let feed = || sink.layer_feed(from.config, i, &layer.digest);
                    let fetched = blob::fetch(
                        from.client,
                        from.repo,
                        from.scope,
                        layer,
                        sink,
                        &feed,
                        &on_bytes,
                    );
                    match fetched {
                        Ok(fetched) => {
                            if let Some((b, n)) = line {
                                b.set(n, if fetched { State::Done } else { State::Skipped });
                            }
                        }
                        Err(e) => {
                            failed.store(true, Ordering::SeqCst);
                            if let Ok(mut slot) = first_error.lock() {
                                slot.get_or_insert(e);
                            }
                        }
                    }
                }
            });
        }
    });
    match first_error.into_inner() {
        Ok(Some(e)) => Err(e),
        _ => Ok(()),
    }
}
