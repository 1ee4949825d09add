//! A minimal image reference parser for the registry client (registry, repository, tag or
//! digest, with docker.io/library defaulting). The store's full parser lives in plan/.

use super::Target;

/// The registry images without a registry part come from (podman's default search is
/// `docker.io` too when registries.conf names no other).
pub const DEFAULT_REGISTRY: &str = "docker.io";

/// Parses `[REGISTRY/]REPO[:TAG][@sha256:HEX]` the way docker and podman read it.
pub fn parse(input: &str) -> Result<Target, String> {
    let bad = |why: &str| {
        format!(
            "invalid image reference {input:?}: {why} (expected [REGISTRY/]NAME[:TAG][@sha256:DIGEST])"
        )
    };
    if input.is_empty() {
        return Err(bad("empty"));
    }
    let (rest, digest) = match input.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (input, None),
    };
    if let Some(d) = digest
        && !is_digest(d)
    {
        return Err(bad(
            "the digest must be sha256: and 64 lowercase hex digits",
        ));
    }
    // A tag is after the last ':' that follows the last '/'.
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(t) = tag
        && !is_tag(t)
    {
        return Err(bad("a tag is up to 128 letters, digits, '_', '.' or '-'"));
    }
    let (registry, path) = match name.split_once('/') {
        Some((first, path)) if first.contains(['.', ':']) || first == "localhost" => {
            (first.to_string(), path.to_string())
        }
        _ => (DEFAULT_REGISTRY.to_string(), name.to_string()),
    };
    let registry = match registry.as_str() {
        "index.docker.io" | "registry-1.docker.io" => DEFAULT_REGISTRY.to_string(),
        _ => registry,
    };
    let repository = if registry == DEFAULT_REGISTRY && !path.contains('/') {
        format!("library/{path}")
    } else {
        path
    };
    if !is_repository(&repository) {
        return Err(bad(
            "the name must be lowercase letters, digits and separators (. _ - /)",
        ));
    }
    let reference = match (digest, tag) {
        (Some(d), _) => d.to_string(),
        (None, Some(t)) => t.to_string(),
        (None, None) => "latest".to_string(),
    };
    Ok(Target {
        registry,
        repository,
        reference,
    })
}

/// `sha256:` and 64 lowercase hex digits (the only digest algorithm nook accepts).
pub fn is_digest(s: &str) -> bool {
    s.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn is_tag(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 128
        && !t.starts_with(['.', '-'])
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

fn is_repository(r: &str) -> bool {
    !r.is_empty()
        && r.split('/').all(|c| {
            !c.is_empty()
                && c.bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && c.bytes()
                    .last()
                    .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        })
}

/// The host the API is served from: Docker Hub's API is not at `docker.io`.
pub fn api_host(registry: &str) -> &str {
    if registry == DEFAULT_REGISTRY {
        "registry-1.docker.io"
    } else {
        registry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> (String, String, String) {
        let t = parse(s).unwrap();
        (t.registry, t.repository, t.reference)
    }

    #[test]
    fn short_names_default_to_docker_hub_library() {
        assert_eq!(
            t("debian"),
            ("docker.io".into(), "library/debian".into(), "latest".into())
        );
        assert_eq!(t("debian:bookworm").2, "bookworm");
        assert_eq!(t("user/app").1, "user/app");
        assert_eq!(t("docker.io/debian").1, "library/debian");
        assert_eq!(t("index.docker.io/library/debian").0, "docker.io");
    }

    #[test]
    fn registries_with_ports_and_localhost() {
        assert_eq!(
            t("localhost:5000/x/y:tag"),
            ("localhost:5000".into(), "x/y".into(), "tag".into())
        );
        assert_eq!(t("127.0.0.1:5000/bb").1, "bb");
        assert_eq!(t("localhost/bb").0, "localhost");
        assert_eq!(t("quay.io/a/b").2, "latest");
    }

    #[test]
    fn digests_win_over_tags() {
        let d = format!("sha256:{}", "a".repeat(64));
        assert_eq!(t(&format!("debian@{d}")).2, d);
        assert_eq!(t(&format!("debian:12@{d}")).2, d);
    }

    #[test]
    fn bad_references_are_refused_with_the_expected_form() {
        for bad in [
            "",
            "Debian",
            "debian:",
            "debian@sha256:abc",
            "a//b",
            "x/y:t@md5:00",
            "debian:-x",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("expected [REGISTRY/]NAME"), "{bad}: {e}");
        }
    }

    #[test]
    fn docker_hub_api_host() {
        assert_eq!(api_host("docker.io"), "registry-1.docker.io");
        assert_eq!(api_host("localhost:5000"), "localhost:5000");
    }
}
