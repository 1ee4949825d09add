//! `nook push`'s registry side: each blob the registry lacks uploaded (a HEAD first, so a
//! push run again sends only what is missing), then the manifest, with a token for
//! `pull,push` on the repository.

use std::path::PathBuf;

use ureq::http::StatusCode;

use super::client::{Client, Payload};
use super::{ImageError, Target};

/// A blob to push: its digest and where the store keeps it.
pub struct Blob {
    pub digest: String,
    pub path: PathBuf,
}

/// The scope a push needs.
pub fn push_scope(repository: &str) -> String {
    format!("repository:{repository}:pull,push")
}

/// Where to PUT an upload: the Location the registry gave, with the digest added.
pub fn upload_url(location: &str, digest: &str) -> String {
    let sep = if location.contains('?') { '&' } else { '?' };
    format!("{location}{sep}digest={}", digest.replace(':', "%3A"))
}

fn status_error(what: &str, registry: &str, status: StatusCode) -> ImageError {
    match status {
        StatusCode::FORBIDDEN => ImageError::Unauthorized(format!(
            "registry {registry} refused {what} (HTTP 403): log in with an account that may push there"
        )),
        StatusCode::NOT_FOUND => ImageError::NotFound(format!(
            "registry {registry}: {what}: HTTP 404 (no such repository?)"
        )),
        s => ImageError::Registry(format!("registry {registry}: {what}: HTTP {s}")),
    }
}

/// Send `blob` unless the registry has it; returns whether it was sent.
pub fn blob(client: &Client, target: &Target, blob: &Blob) -> Result<bool, ImageError> {
    let scope = push_scope(&target.repository);
    let repo = &target.repository;
    let head = client.call(
        "HEAD",
        &format!("/v2/{repo}/blobs/{}", blob.digest),
        &scope,
        None,
        Payload::Empty,
    )?;
    if head.status().is_success() {
        return Ok(false);
    }
    let start = client.call(
        "POST",
        &format!("/v2/{repo}/blobs/uploads/"),
        &scope,
        None,
        Payload::Empty,
    )?;
    if start.status() != StatusCode::ACCEPTED {
        return Err(status_error(
            "starting an upload",
            &client.registry,
            start.status(),
        ));
    }
    let location = start
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ImageError::Registry(format!(
                "registry {} started an upload without a Location",
                client.registry
            ))
        })?
        .to_string();
    let put = client.call(
        "PUT",
        &upload_url(&location, &blob.digest),
        &scope,
        Some("application/octet-stream"),
        Payload::File(&blob.path),
    )?;
    if !put.status().is_success() {
        return Err(status_error(
            &format!("uploading blob {}", blob.digest),
            &client.registry,
            put.status(),
        ));
    }
    Ok(true)
}

/// PUT the manifest under the target's tag (or digest).
pub fn manifest(
    client: &Client,
    target: &Target,
    body: &[u8],
    media_type: &str,
) -> Result<(), ImageError> {
    let repo = &target.repository;
    let resp = client.call(
        "PUT",
        &format!("/v2/{repo}/manifests/{}", target.reference),
        &push_scope(repo),
        Some(media_type),
        Payload::Bytes(body),
    )?;
    if !resp.status().is_success() {
        return Err(status_error(
            "writing the manifest",
            &client.registry,
            resp.status(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_urls_keep_the_registrys_query() {
        let d = "sha256:ab";
        assert_eq!(
            upload_url("/v2/x/blobs/uploads/u1", d),
            "/v2/x/blobs/uploads/u1?digest=sha256%3Aab"
        );
        assert_eq!(
            upload_url("http://r/v2/x/blobs/uploads/u1?_state=s", d),
            "http://r/v2/x/blobs/uploads/u1?_state=s&digest=sha256%3Aab"
        );
        assert_eq!(push_scope("a/b"), "repository:a/b:pull,push");
    }
}
