//! Blob downloads into a `BlobSink`: streamed, sha256 and size verified on the way, resumed
//! with a Range request from a partial file left by an interrupted pull, one downloader per
//! blob at a time (flock on the partial file), small blobs (manifests, configs) from memory.
//! A layer's bytes also go to the sink's `LayerFeed` (the unpacker) as they are written: from
//! the partial file first when resuming, then from the network.

use crate::plan::digest::{hex, hex_of, sha256_hex};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use ureq::http::StatusCode;

use super::client::Client;
use super::idle;
use super::manifest::Descriptor;
use super::{BlobSink, ImageError, LayerFeed, StartFeed};

/// Attempts to finish one blob when the connection breaks mid-stream.
const STREAM_ATTEMPTS: u32 = 4;

fn io(what: String) -> impl FnOnce(std::io::Error) -> ImageError {
    move |source| ImageError::Io { what, source }
}

/// Writes `data` (already verified against `digest`) into the sink unless it is there.
pub fn store_bytes(sink: &dyn BlobSink, digest: &str, data: &[u8]) -> Result<(), ImageError> {
    if sink.has(digest) {
        return Ok(());
    }
    let temp = sink
        .temp_path()
        .map_err(io("creating a temporary file in the store".into()))?;
    let result = (|| {
        let mut f = File::create(&temp)?;
        f.write_all(data)?;
        f.sync_all()?;
        sink.commit(&temp, digest)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io(format!("writing blob {digest} into the store")))
}

/// Reads a small blob (config) into memory, verifying digest and size.
pub fn fetch_small(
    client: &Client,
    repo: &str,
    scope: &str,
    desc: &Descriptor,
    limit: u64,
) -> Result<Vec<u8>, ImageError> {
    if desc.size > limit {
        return Err(ImageError::Registry(format!(
            "{} is {} bytes, more than nook accepts ({limit})",
            desc.digest, desc.size
        )));
    }
    let path = format!("/v2/{repo}/blobs/{}", desc.digest);
    let what = format!("reading {}", desc.digest);
    let mut attempt = 0;
    loop {
        // A broken or stalled body is tried again there; a short one here; a wrong one not.
        let (parts, data) = client.get_bytes(&path, None, scope, limit, &what)?;
        check_status(client, repo, &desc.digest, parts.status)?;
        if (data.len() as u64) < desc.size && attempt + 1 < STREAM_ATTEMPTS {
            std::thread::sleep(idle::backoff(attempt));
            attempt += 1;
            continue;
        }
        let got = sha256_hex(&data);
        if got != hex_of(&desc.digest) || data.len() as u64 != desc.size {
            let len = data.len() as u64;
            return Err(mismatch(client, repo, &desc.digest, &got, len, desc.size));
        }
        return Ok(data);
    }
}

fn check_status(
    client: &Client,
    repo: &str,
    digest: &str,
    status: StatusCode,
) -> Result<(), ImageError> {
    match status {
        s if s.is_success() => Ok(()),
        StatusCode::NOT_FOUND => Err(ImageError::NotFound(format!(
            "registry {} has no blob {digest} for {repo} (the image is incomplete there)",
            client.registry
        ))),
        s => Err(ImageError::Registry(format!(
            "registry {}: blob {digest}: HTTP {s}",
            client.registry
        ))),
    }
}

fn mismatch(
    client: &Client,
    repo: &str,
    digest: &str,
    got: &str,
    len: u64,
    size: u64,
) -> ImageError {
    ImageError::Digest(format!(
        "blob {digest} of {}/{repo} failed verification (got sha256:{got}, {len} of {size} bytes): the registry's copy is corrupt or was tampered with",
        client.registry
    ))
}

/// Where a partly downloaded blob waits for the next attempt: next to the sink's temp files.
fn partial_path(sink: &dyn BlobSink, digest: &str) -> std::io::Result<PathBuf> {
    let temp = sink.temp_path()?;
    let dir = temp.parent().unwrap_or(Path::new("."));
    Ok(dir.join(format!("pull-{}.partial", hex_of(digest))))
}

/// The first byte of a `Content-Range: bytes START-END/TOTAL` answer.
fn range_start(v: &str) -> Option<u64> {
    v.trim()
        .strip_prefix("bytes ")?
        .split('-')
        .next()?
        .trim()
        .parse()
        .ok()
}

/// Opens and locks the partial file at `path`, waiting for another pull that holds it. The
/// lock must be on the file still at `path` (not one renamed or removed meanwhile).
fn lock_partial(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::MetadataExt;
    loop {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        crate::store::lock::wait(&file, path)?;
        match std::fs::metadata(path) {
            Ok(m) if m.ino() == file.metadata()?.ino() => return Ok(file),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
    }
}

/// The feed of one download: given what goes into the blob file, given up when the download
/// starts again from byte 0 (the store then unpacks the blob from its file, as after an
/// interrupted pull). Dropped unfinished (an error return), the feed cleans up after itself.
struct Tee<'a> {
    feed: Option<Box<dyn LayerFeed + 'a>>,
    fed: u64,
    taking: bool,
}

impl Tee<'_> {
    fn write(&mut self, data: &[u8]) {
        if let (true, Some(f)) = (self.taking, self.feed.as_mut()) {
            // A feed that stopped taking bytes says why in `finish`; the download goes on,
            // so that a corrupt blob is reported as such.
            self.taking = f.feed(data).is_ok();
        }
        self.fed += data.len() as u64;
    }

    fn restart(&mut self) {
        if self.fed > 0
            && let Some(f) = self.feed.take()
        {
            let _ = f.finish(false);
        }
        self.fed = 0;
    }

    fn finish(&mut self, verified: bool) -> Result<(), ImageError> {
        match self.feed.take() {
            Some(f) => f.finish(verified),
            None => Ok(()),
        }
    }
}

/// Downloads one blob into the sink, feeding its bytes to what `feed` gives as they come and
/// telling `on_bytes` how many bytes it has so far.
/// Returns false when it was already there.
pub fn fetch(
    client: &Client,
    repo: &str,
    scope: &str,
    desc: &Descriptor,
    sink: &dyn BlobSink,
    feed: &StartFeed<'_>,
    on_bytes: &dyn Fn(u64),
) -> Result<bool, ImageError> {
    if sink.has(&desc.digest) {
        return Ok(false);
    }
    let path = partial_path(sink, &desc.digest)
        .map_err(io("creating a temporary file in the store".into()))?;
    let what = format!("writing {}", path.display());
    let mut file = lock_partial(&path).map_err(io(what.clone()))?;
    if sink.has(&desc.digest) {
        // The other pull finished it; our (re)created partial file is empty and unused.
        let _ = std::fs::remove_file(&path);
        return Ok(false);
    }
    let mut tee = Tee {
        feed: feed(),
        fed: 0,
        taking: true,
    };
    let mut hasher = Sha256::new();
    let mut have = 0u64;
    let mut buf = vec![0u8; 256 << 10];
    // Resume: hash (and feed) what an earlier attempt left.
    loop {
        let n = file.read(&mut buf).map_err(io(what.clone()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        tee.write(&buf[..n]);
        have += n as u64;
    }
    on_bytes(have);
    if have > desc.size {
        tee.restart();
        file.set_len(0).map_err(io(what.clone()))?;
        file.seek(SeekFrom::Start(0)).map_err(io(what.clone()))?;
        hasher = Sha256::new();
        have = 0;
    }
    let blob_path = format!("/v2/{repo}/blobs/{}", desc.digest);
    let mut attempt = 0;
    while have < desc.size {
        let resp = client.get(&blob_path, None, scope, (have > 0).then_some(have))?;
        let status = resp.status();
        let start = resp
            .headers()
            .get("content-range")
            .and_then(|v| v.to_str().ok())
            .and_then(range_start);
        let misplaced = status == StatusCode::PARTIAL_CONTENT && start != Some(have);
        if status == StatusCode::RANGE_NOT_SATISFIABLE
            || misplaced
            || (status == StatusCode::OK && have > 0)
        {
            // No resume from here: start again from byte 0.
            tee.restart();
            file.set_len(0).map_err(io(what.clone()))?;
            file.seek(SeekFrom::Start(0)).map_err(io(what.clone()))?;
            hasher = Sha256::new();
            have = 0;
            if status != StatusCode::OK {
                attempt += 1;
                if attempt >= STREAM_ATTEMPTS {
                    break;
                }
                continue;
            }
        } else {
            check_status(client, repo, &desc.digest, status)?;
        }
        // Under the idle limit: a registry that stops sending (or trickles) fails this
        // attempt, and the next one resumes from what arrived.
        let mut reader = client.watch(resp.into_body().into_reader());
        let broke = loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break None,
                Ok(n) => n,
                Err(e) => break Some(e),
            };
            have += n as u64;
            if have > desc.size {
                break None;
            }
            hasher.update(&buf[..n]);
            if let Err(e) = file.write_all(&buf[..n]) {
                if crate::error::is_full_errno(&e) {
                    // On a full disk the partial file only holds space the user must free.
                    let _ = file.set_len(0);
                    let _ = std::fs::remove_file(&path);
                }
                return Err(io(what.clone())(e));
            }
            tee.write(&buf[..n]);
            on_bytes(have);
        };
        if have > desc.size {
            break;
        }
        match broke {
            Some(_) if attempt + 1 < STREAM_ATTEMPTS => {
                std::thread::sleep(idle::backoff(attempt));
                attempt += 1;
            }
            Some(e) => {
                let what = format!("downloading {}", desc.digest);
                return Err(client.broke(&what, &e, attempt + 1));
            }
            None if have < desc.size => {
                if attempt + 1 >= STREAM_ATTEMPTS {
                    break;
                }
                attempt += 1;
            }
            None => {}
        }
    }
    let got = hex(&hasher.finalize());
    let verified = have == desc.size && got == hex_of(&desc.digest);
    // Must happen before the blob is committed: an unpack that fails takes the blob with it,
    // and the unpacked layer is kept only when the blob verified.
    let unpacked = tee.finish(verified);
    if !verified || unpacked.is_err() {
        // Emptied before unlinking: a pull waiting on this file's lock starts from zero.
        let _ = file.set_len(0);
        let _ = std::fs::remove_file(&path);
    }
    if !verified {
        return Err(mismatch(client, repo, &desc.digest, &got, have, desc.size));
    }
    unpacked?;
    file.sync_all().map_err(io(what.clone()))?;
    // Must happen while holding the lock: a waiting pull then sees the blob committed.
    sink.commit(&path, &desc.digest)
        .map_err(io(format!("moving {} into the store", desc.digest)))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_and_hex() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(hex_of("sha256:ab"), "ab");
        assert_eq!(range_start("bytes 100-199/200"), Some(100));
        assert_eq!(range_start("bytes */200"), None);
        assert_eq!(range_start("items 1-2/3"), None);
    }
}
