//! `nook push`'s registry side: each blob the registry lacks uploaded (a HEAD first, so a
//! push run again sends only what is missing), then the manifest, with a token for
//! `pull,push` on the repository. A blob an image of the store has under another repository
//! of the same registry is mounted from there first (`?mount=&from=`), uploaded when the
//! registry answers 202 instead.

use std::path::PathBuf;

use ureq::http::StatusCode;

use super::client::{Client, Payload};
use super::{ImageError, Target};

/// A blob to push: its digest and where the store keeps it.
pub struct Blob {
    pub digest: String,
    pub path: PathBuf,
    /// A repository of the same registry known to have it: a cross-repository mount is
    /// tried first.
    pub from: Option<String>,
}

/// What `blob` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The registry had it.
    Exists,
    /// Mounted from that repository: nothing sent.
    Mounted(String),
    Uploaded,
}

/// A repository of `registry`, other than `repository`, of an image of the store that has
/// `digest` (`images`: each image's names and blob digests); the first by name.
pub fn mount_source(
    registry: &str,
    repository: &str,
    digest: &str,
    images: &[(Vec<String>, Vec<String>)],
) -> Option<String> {
    let mut repos: Vec<String> = images
        .iter()
        .filter(|(_, blobs)| blobs.iter().any(|b| b == digest))
        .flat_map(|(names, _)| names.iter())
        .filter_map(|n| crate::plan::image_ref::ImageRef::parse(n).ok())
        .filter(|r| r.registry == registry && r.repository != repository)
        .map(|r| r.repository)
        .collect();
    repos.sort();
    repos.into_iter().next()
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

/// Send `blob` unless the registry has it (or mounts it from `blob.from`).
pub fn blob(client: &Client, target: &Target, blob: &Blob) -> Result<Sent, ImageError> {
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
        return Ok(Sent::Exists);
    }
    let plain = || {
        client.call(
            "POST",
            &format!("/v2/{repo}/blobs/uploads/"),
            &scope,
            None,
            Payload::Empty,
        )
    };
    let start = match &blob.from {
        Some(from) => {
            let mount = client.call(
                "POST",
                &format!(
                    "/v2/{repo}/blobs/uploads/?mount={}&from={from}",
                    blob.digest
                ),
                &scope,
                None,
                Payload::Empty,
            )?;
            match mount.status() {
                StatusCode::CREATED => return Ok(Sent::Mounted(from.clone())),
                // The registry started an upload instead: send the blob to it.
                StatusCode::ACCEPTED => mount,
                _ => plain()?,
            }
        }
        None => plain()?,
    };
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
    Ok(Sent::Uploaded)
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
    fn blobs_mount_from_another_repository_of_the_registry() {
        let d = "sha256:aa";
        let images = vec![
            (vec!["r:5000/z/app:1".to_string()], vec![d.to_string()]),
            (
                vec!["r:5000/b/app:1".to_string(), "q.io/a/app:1".to_string()],
                vec![d.to_string()],
            ),
            (
                vec!["r:5000/a/other:1".to_string()],
                vec!["sha256:bb".to_string()],
            ),
        ];
        assert_eq!(
            mount_source("r:5000", "dest", d, &images).as_deref(),
            Some("b/app")
        );
        assert_eq!(
            mount_source("r:5000", "b/app", d, &images).as_deref(),
            Some("z/app")
        );
        assert_eq!(mount_source("q.io", "a/app", d, &images), None);
        assert_eq!(mount_source("r:5000", "dest", "sha256:cc", &images), None);
    }

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
