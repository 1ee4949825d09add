//! Image references as docker and podman read them: `debian` is
//! `docker.io/library/debian:latest`, a first component with `.` or `:` (or `localhost`) is a
//! registry, `@sha256:...` pins a digest, a tag and a digest may both be given.

use std::fmt;

use serde::{Deserialize, Serialize};

pub const DEFAULT_REGISTRY: &str = "docker.io";
pub const DEFAULT_TAG: &str = "latest";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ImageRef {
    /// `docker.io`, `localhost:5000`, `quay.io`
    pub registry: String,
    /// `library/debian`, `x/y`
    pub repository: String,
    /// `latest` when neither a tag nor a digest was given.
    pub tag: Option<String>,
    /// `sha256:<64 hex>`
    pub digest: Option<String>,
}

/// Whether `s` is `sha256:` followed by 64 lowercase hex digits.
pub fn valid_digest(s: &str) -> bool {
    s.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn valid_tag(t: &str) -> bool {
    let mut b = t.bytes();
    t.len() <= 128
        && b.next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(&c))
}

/// One path component: lowercase alphanumerics separated by `.`, `_`, `__` or runs of `-`.
fn valid_component(c: &str) -> bool {
    let bytes = c.as_bytes();
    if bytes.is_empty() || !is_alnum(bytes[0]) || !is_alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if is_alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_alnum(bytes[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|b| b == b'-')) {
            return false;
        }
    }
    true
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

fn valid_registry(r: &str) -> bool {
    let (host, port) = match r.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (r, None),
    };
    let host_ok = !host.is_empty()
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    host_ok
        && port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

impl ImageRef {
    /// Parse and normalize a reference; the error is one line naming the problem.
    pub fn parse(input: &str) -> Result<ImageRef, String> {
        let bad = |why: &str| format!("invalid image reference {input:?}: {why}");
        if input.is_empty() {
            return Err(bad(
                "it is empty; give a name such as debian or docker.io/library/debian:bookworm",
            ));
        }
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("it contains spaces or control characters"));
        }
        let (rest, digest) = match input.split_once('@') {
            Some((r, d)) if valid_digest(d) => (r, Some(d.to_string())),
            Some(_) => {
                return Err(bad(
                    "the digest must be sha256: followed by 64 lowercase hex digits",
                ));
            }
            None => (input, None),
        };
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => {
                let at = last_slash + i;
                let tag = &rest[at + 1..];
                if !valid_tag(tag) {
                    return Err(bad(
                        "the tag may hold letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-')",
                    ));
                }
                (&rest[..at], Some(tag.to_string()))
            }
            None => (rest, None),
        };
        let (registry, path) = match name.split_once('/') {
            Some((first, path)) if first.contains(['.', ':']) || first == "localhost" => {
                (first.to_string(), path.to_string())
            }
            _ => (DEFAULT_REGISTRY.to_string(), name.to_string()),
        };
        if !valid_registry(&registry) {
            return Err(bad(
                "the registry must be a host name with an optional :port",
            ));
        }
        let registry = if registry == "index.docker.io" || registry == "registry-1.docker.io" {
            DEFAULT_REGISTRY.to_string()
        } else {
            registry
        };
        if path.is_empty() || path.split('/').any(str::is_empty) {
            return Err(bad(
                "the repository name is empty or has an empty path component",
            ));
        }
        if path.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(bad("repository names must be lowercase"));
        }
        if let Some(c) = path.split('/').find(|c| !valid_component(c)) {
            return Err(bad(&format!(
                "path component {c:?} may hold only lowercase letters, digits and single separators (., _, __, -)"
            )));
        }
        let repository = if registry == DEFAULT_REGISTRY && !path.contains('/') {
            format!("library/{path}")
        } else {
            path
        };
        if registry.len() + 1 + repository.len() > 255 {
            return Err(bad("the name is longer than 255 characters"));
        }
        let tag = match (&tag, &digest) {
            (None, None) => Some(DEFAULT_TAG.to_string()),
            _ => tag,
        };
        Ok(ImageRef {
            registry,
            repository,
            tag,
            digest,
        })
    }

    /// A name nook gives an image itself (`tag`, the reference name of an OCI archive it
    /// loads): podman's rule, a name without a registry is `localhost/NAME`, never
    /// `docker.io/library/NAME`, so that a later push cannot go to Docker Hub.
    pub fn parse_local(input: &str) -> Result<ImageRef, String> {
        let r = ImageRef::parse(input)?;
        let name = bare_name(input);
        if has_registry(name) {
            return Ok(r);
        }
        Ok(ImageRef {
            registry: "localhost".into(),
            repository: name.to_string(),
            ..r
        })
    }

    /// The `localhost/NAME` a reference without a registry also stands for when the store
    /// looks it up (`None` when it names a registry or is not a reference).
    pub fn local_alias(key: &str) -> Option<ImageRef> {
        match has_registry(bare_name(key)) {
            true => None,
            false => ImageRef::parse_local(key).ok(),
        }
    }

    /// `registry/repository`, the REPOSITORY column of `nook images`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }
}

/// A reference without its digest and tag.
fn bare_name(input: &str) -> &str {
    let rest = input.split('@').next().unwrap_or(input);
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[last_slash..].rfind(':') {
        Some(i) => &rest[..last_slash + i],
        None => rest,
    }
}

/// Whether the name (without tag or digest) starts with a registry, as `parse` reads it.
fn has_registry(name: &str) -> bool {
    name.split_once('/')
        .is_some_and(|(first, _)| first.contains(['.', ':']) || first == "localhost")
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn full(s: &str) -> String {
        ImageRef::parse(s).unwrap().to_string()
    }

    #[test]
    fn short_names_expand_like_docker() {
        assert_eq!(full("debian"), "docker.io/library/debian:latest");
        assert_eq!(full("debian:bookworm"), "docker.io/library/debian:bookworm");
        assert_eq!(full("alice/tool"), "docker.io/alice/tool:latest");
        assert_eq!(full("docker.io/debian"), "docker.io/library/debian:latest");
        assert_eq!(
            full("index.docker.io/library/debian:12"),
            "docker.io/library/debian:12"
        );
    }

    #[test]
    fn registries_are_detected() {
        let r = ImageRef::parse("localhost:5000/x/y:tag").unwrap();
        assert_eq!(
            (r.registry.as_str(), r.repository.as_str()),
            ("localhost:5000", "x/y")
        );
        assert_eq!(r.tag.as_deref(), Some("tag"));
        assert_eq!(full("localhost/busybox"), "localhost/busybox:latest");
        assert_eq!(full("quay.io/podman/hello"), "quay.io/podman/hello:latest");
        assert_eq!(full("127.0.0.1:5000/a"), "127.0.0.1:5000/a:latest");
        // A first component without '.', ':' or localhost is a path, not a registry.
        assert_eq!(full("myhost/a"), "docker.io/myhost/a:latest");
    }

    #[test]
    fn names_nook_gives_are_local_without_a_registry() {
        let local = |s: &str| ImageRef::parse_local(s).unwrap().to_string();
        assert_eq!(local("myapp"), "localhost/myapp:latest");
        assert_eq!(local("myapp:1"), "localhost/myapp:1");
        assert_eq!(local("library/myapp"), "localhost/library/myapp:latest");
        assert_eq!(local("a/b:2"), "localhost/a/b:2");
        assert_eq!(local("quay.io/a/b"), "quay.io/a/b:latest");
        assert_eq!(local("docker.io/b"), "docker.io/library/b:latest");
        assert_eq!(local("localhost:5000/b:x"), "localhost:5000/b:x");
        assert!(ImageRef::parse_local("Bad").is_err());
        assert_eq!(
            ImageRef::local_alias("web:2").map(|r| r.to_string()),
            Some("localhost/web:2".into())
        );
        assert_eq!(ImageRef::local_alias("quay.io/web"), None);
        // Pulling a short name still goes to docker.io.
        assert_eq!(full("myapp"), "docker.io/library/myapp:latest");
    }

    #[test]
    fn digests_and_tags() {
        let r = ImageRef::parse(&format!("debian@{D}")).unwrap();
        assert_eq!((r.tag.clone(), r.digest.as_deref()), (None, Some(D)));
        assert_eq!(r.to_string(), format!("docker.io/library/debian@{D}"));
        let r = ImageRef::parse(&format!("localhost:5000/d:12@{D}")).unwrap();
        assert_eq!(r.tag.as_deref(), Some("12"));
        assert_eq!(r.digest.as_deref(), Some(D));
    }

    #[test]
    fn malformed_references_are_refused() {
        for bad in [
            "",
            "Debian",
            "debian:",
            "debian:-x",
            "debian@sha256:abc",
            "debian@md5:0123",
            "a//b",
            "/a",
            "a/",
            "deb ian",
            "a..b",
            "-a",
            "a-",
            "localhost:port/a",
            "x/Y",
            &format!("debian:{}", "t".repeat(129)),
        ] {
            assert!(ImageRef::parse(bad).is_err(), "{bad:?} accepted");
        }
        let e = ImageRef::parse("Debian").unwrap_err();
        assert!(e.contains("lowercase"), "{e}");
    }

    #[test]
    fn separators_in_components() {
        for good in ["a_b", "a__b", "a.b", "a---b", "a-b.c_d"] {
            assert!(ImageRef::parse(good).is_ok(), "{good}");
        }
        for bad in ["a___b", "a._b", "a_.b"] {
            assert!(ImageRef::parse(bad).is_err(), "{bad}");
        }
    }
}
