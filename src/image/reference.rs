//! Image references as the registry client needs them: the parsed reference (from
//! `plan/image_ref.rs`) as a `Target`, and the host an API is served from.

use super::Target;
use crate::plan::image_ref::ImageRef;

/// The registry images without a registry part come from (podman's default search is
/// `docker.io` too when registries.conf names no other).
pub const DEFAULT_REGISTRY: &str = "docker.io";

/// The registry client's view of a reference parsed by `plan/image_ref.rs`: a digest wins
/// over a tag, and neither means `latest`.
pub fn target(r: &ImageRef) -> Target {
    Target {
        registry: r.registry.clone(),
        repository: r.repository.clone(),
        reference: r
            .digest
            .clone()
            .or_else(|| r.tag.clone())
            .unwrap_or_else(|| "latest".to_string()),
    }
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
        let t = target(&ImageRef::parse(s).unwrap());
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
    fn docker_hub_api_host() {
        assert_eq!(api_host("docker.io"), "registry-1.docker.io");
        assert_eq!(api_host("localhost:5000"), "localhost:5000");
    }
}
