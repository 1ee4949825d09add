//! ADD of a URL: the file downloaded (http or https, certificates verified) into a scratch
//! directory of the build, its sha256 computed on the way and checked against
//! `--checksum`, mode 0600 as docker gives it; ADD copies it from there, never unpacked.
//! A server that does not connect, or stops sending, for `TIMEOUT_SECS` fails the step.

use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::plan::build::fetch::{TIMEOUT_SECS, failure};

/// Download `url` into `dir` as `name`; the file and its sha256 (hex).
pub fn download(
    url: &str,
    dir: &Path,
    name: &str,
    want: Option<&str>,
) -> Result<(PathBuf, String)> {
    let failed = |e: String| Error::Usage(failure(url, &e));
    let limit = Some(std::time::Duration::from_secs(TIMEOUT_SECS));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(limit)
        .timeout_per_read(limit)
        .timeout_per_write(limit)
        .build()
        .into();
    let resp = agent.get(url).call().map_err(|e| failed(e.to_string()))?;
    let mut body = resp.into_body().into_reader();
    let path = dir.join(name);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| Error::io(format!("cannot create {}", path.display()), e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = body
            .read(&mut buf)
            .map_err(|e| failed(format!("reading the download: {e}")))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        file.write_all(&buf[..n])
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    }
    let got = crate::plan::digest::hex(&h.finalize());
    if let Some(w) = want
        && w != got
    {
        return Err(Error::Usage(format!(
            "ADD {url}: the download's checksum is sha256:{got}, not sha256:{w}: fix --checksum or the URL"
        )));
    }
    Ok((path, got))
}
