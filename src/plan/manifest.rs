//! Manifests and indexes (OCI and Docker schema 2): media types, serde types, parsing (as a
//! registry serves them, and as an image in the store or an archive holds them), platform
//! choice. Pure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::image_ref::valid_digest;

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const OCI_LAYER_TAR: &str = "application/vnd.oci.image.layer.v1.tar";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
const DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1";

/// What nook asks for: both image manifest kinds and both index kinds.
pub const ACCEPT: &str = "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";

/// Largest manifest accepted (the distribution spec's limit is 4 MiB).
pub const MAX_MANIFEST: u64 = 4 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        match &self.variant {
            Some(v) => write!(f, "/{v}"),
            None => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    #[serde(default)]
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

/// An OCI image manifest or a Docker schema 2 manifest (the same shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub schema_version: u32,
    #[serde(default)]
    pub media_type: String,
    pub config: Descriptor,
    pub layers: Vec<Descriptor>,
}

/// An OCI index or a Docker manifest list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    pub schema_version: u32,
    #[serde(default)]
    pub media_type: String,
    pub manifests: Vec<Descriptor>,
}

/// What a registry answered for a reference: an image manifest, or an index to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestOrIndex {
    Image {
        config: Descriptor,
        layers: Vec<Descriptor>,
    },
    Index(Vec<Descriptor>),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    #[serde(default)]
    schema_version: Option<u32>,
    #[serde(default)]
    media_type: Option<String>,
    #[serde(default)]
    config: Option<Descriptor>,
    #[serde(default)]
    layers: Option<Vec<Descriptor>>,
    #[serde(default)]
    manifests: Option<Vec<Descriptor>>,
}

/// Parses a manifest or index; `content_type` is the response's header (the body's own
/// `mediaType` wins when present).
pub fn parse(body: &[u8], content_type: &str) -> Result<ManifestOrIndex, String> {
    let raw: Raw = serde_json::from_slice(body).map_err(|e| format!("malformed manifest: {e}"))?;
    let kind = raw.media_type.clone().unwrap_or_else(|| {
        content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    });
    if kind.starts_with(DOCKER_SCHEMA1) || raw.schema_version == Some(1) {
        return Err("the image uses Docker schema 1 manifests, which nook does not support; push it again with a current tool".into());
    }
    let descs = |v: Vec<Descriptor>| -> Result<Vec<Descriptor>, String> {
        match v.iter().find(|d| !valid_digest(&d.digest)) {
            Some(d) => Err(format!(
                "manifest names an unsupported digest {:?} (only sha256 is supported)",
                d.digest
            )),
            None => Ok(v),
        }
    };
    match (kind.as_str(), raw.manifests, raw.config, raw.layers) {
        (OCI_INDEX | DOCKER_LIST, Some(m), _, _) => Ok(ManifestOrIndex::Index(descs(m)?)),
        (OCI_MANIFEST | DOCKER_MANIFEST, _, Some(c), Some(l)) => {
            let config = descs(vec![c])?.remove(0);
            Ok(ManifestOrIndex::Image {
                config,
                layers: descs(l)?,
            })
        }
        // No (known) media type: go by shape, as containers/image does for OCI.
        (_, Some(m), None, None) if !is_known(&kind) => Ok(ManifestOrIndex::Index(descs(m)?)),
        (_, None, Some(c), Some(l)) if !is_known(&kind) => {
            let config = descs(vec![c])?.remove(0);
            Ok(ManifestOrIndex::Image {
                config,
                layers: descs(l)?,
            })
        }
        _ => Err(format!(
            "unsupported or malformed manifest (media type {kind:?})"
        )),
    }
}

fn is_known(kind: &str) -> bool {
    [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].contains(&kind)
}

/// A manifest that names an image we can unpack: its layers must be tar (plain, gzip, zstd).
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, String> {
    let m: Manifest = serde_json::from_slice(bytes)
        .map_err(|e| format!("the image manifest is not a valid OCI or Docker v2 manifest: {e}"))?;
    if m.schema_version != 2 {
        return Err(format!(
            "unsupported manifest schema version {}",
            m.schema_version
        ));
    }
    for d in std::iter::once(&m.config).chain(&m.layers) {
        if !valid_digest(&d.digest) {
            return Err(format!(
                "the manifest names an invalid digest {:?}",
                d.digest
            ));
        }
    }
    if let Some(l) = m.layers.iter().find(|l| {
        !(l.media_type.is_empty() || l.media_type.contains("tar") || l.media_type.contains("layer"))
    }) {
        return Err(format!("unsupported layer media type {:?}", l.media_type));
    }
    Ok(m)
}

/// This machine's architecture in OCI terms (`amd64`, `arm64`, ...).
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

/// The platform nook runs on, in Go's names (what registries use).
pub fn host_platform() -> Platform {
    Platform {
        os: "linux".into(),
        architecture: host_arch().into(),
        variant: None,
    }
}

/// Parses `--platform OS/ARCH[/VARIANT]`.
pub fn parse_platform(s: &str) -> Result<Platform, String> {
    let parts: Vec<&str> = s.split('/').collect();
    let ok = |p: &&str| !p.is_empty();
    match parts.as_slice() {
        [os, arch] if ok(os) && ok(arch) => Ok(Platform {
            os: os.to_string(),
            architecture: arch.to_string(),
            variant: None,
        }),
        [os, arch, v] if ok(os) && ok(arch) && ok(v) => Ok(Platform {
            os: os.to_string(),
            architecture: arch.to_string(),
            variant: Some(v.to_string()),
        }),
        _ => Err(format!(
            "invalid --platform {s:?}: expected OS/ARCH[/VARIANT], e.g. linux/arm64"
        )),
    }
}

/// arm64's only variant is v8, often left out: treat "no variant" as v8 there.
fn variant(p: &Platform) -> Option<&str> {
    match (p.architecture.as_str(), p.variant.as_deref()) {
        ("arm64", None) => Some("v8"),
        (_, v) => v,
    }
}

/// The index entry for `want`: same os and architecture; with a variant asked for, the same
/// variant; without, the entry without a variant first, else the first match.
pub fn choose<'a>(entries: &'a [Descriptor], want: &Platform) -> Result<&'a Descriptor, String> {
    let matching: Vec<&Descriptor> = entries
        .iter()
        .filter(|d| {
            d.platform
                .as_ref()
                .is_some_and(|p| p.os == want.os && p.architecture == want.architecture)
        })
        .collect();
    let found = if want.variant.is_some() {
        matching
            .iter()
            .find(|d| d.platform.as_ref().and_then(variant) == variant(want))
    } else {
        matching
            .iter()
            .find(|d| d.platform.as_ref().and_then(variant) == variant(want))
            .or(matching.first())
    };
    found.copied().ok_or_else(|| {
        let have: Vec<String> = entries
            .iter()
            .filter_map(|d| d.platform.as_ref().map(|p| p.to_string()))
            .collect();
        format!(
            "no image for platform {want} (the image has: {}); choose one with --platform",
            if have.is_empty() {
                "none listed".to_string()
            } else {
                have.join(", ")
            }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(c: char) -> String {
        format!("sha256:{}", c.to_string().repeat(64))
    }

    fn entry(c: char, os: &str, arch: &str, v: Option<&str>) -> String {
        let v = v
            .map(|v| format!(r#","variant":"{v}""#))
            .unwrap_or_default();
        format!(
            r#"{{"mediaType":"{OCI_MANIFEST}","digest":"{}","size":10,"platform":{{"os":"{os}","architecture":"{arch}"{v}}}}}"#,
            hex(c)
        )
    }

    fn index(entries: &[String]) -> Vec<Descriptor> {
        let body = format!(
            r#"{{"schemaVersion":2,"mediaType":"{OCI_INDEX}","manifests":[{}]}}"#,
            entries.join(",")
        );
        match parse(body.as_bytes(), "").unwrap() {
            ManifestOrIndex::Index(m) => m,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn image_manifests_of_both_kinds() {
        for kind in [OCI_MANIFEST, DOCKER_MANIFEST] {
            let body = format!(
                r#"{{"schemaVersion":2,"mediaType":"{kind}","config":{{"mediaType":"c","digest":"{}","size":3}},"layers":[{{"mediaType":"l","digest":"{}","size":5}}]}}"#,
                hex('a'),
                hex('b')
            );
            let ManifestOrIndex::Image { config, layers } = parse(body.as_bytes(), "").unwrap()
            else {
                panic!()
            };
            assert_eq!(config.digest, hex('a'));
            assert_eq!(layers.len(), 1);
            assert_eq!(layers[0].size, 5);
        }
    }

    #[test]
    fn media_type_from_the_header_when_the_body_has_none() {
        let body = format!(
            r#"{{"schemaVersion":2,"manifests":[{}]}}"#,
            entry('a', "linux", "amd64", None)
        );
        assert!(matches!(
            parse(
                body.as_bytes(),
                "application/vnd.docker.distribution.manifest.list.v2+json; x=y"
            )
            .unwrap(),
            ManifestOrIndex::Index(_)
        ));
    }

    #[test]
    fn schema1_and_foreign_digests_are_refused() {
        let e = parse(br#"{"schemaVersion":1,"name":"x"}"#, "").unwrap_err();
        assert!(e.contains("schema 1"));
        let body = format!(
            r#"{{"mediaType":"{OCI_INDEX}","manifests":[{{"digest":"sha512:00","size":1}}]}}"#
        );
        assert!(parse(body.as_bytes(), "").unwrap_err().contains("sha512"));
        assert!(parse(b"not json", "").unwrap_err().contains("malformed"));
    }

    #[test]
    fn platform_choice() {
        let idx = index(&[
            entry('a', "linux", "amd64", None),
            entry('b', "linux", "arm64", Some("v8")),
            entry('c', "linux", "arm", Some("v6")),
            entry('d', "linux", "arm", Some("v7")),
        ]);
        let pick = |p: &str| choose(&idx, &parse_platform(p).unwrap()).map(|d| d.digest.clone());
        assert_eq!(pick("linux/amd64").unwrap(), hex('a'));
        assert_eq!(pick("linux/arm64").unwrap(), hex('b'));
        assert_eq!(pick("linux/arm64/v8").unwrap(), hex('b'));
        assert_eq!(pick("linux/arm/v7").unwrap(), hex('d'));
        assert_eq!(pick("linux/arm").unwrap(), hex('c'));
        let e = pick("linux/s390x").unwrap_err();
        assert!(e.contains("linux/amd64, linux/arm64/v8"), "{e}");
        assert!(pick("linux/arm/v5").is_err());
    }

    #[test]
    fn platform_flag_parsing() {
        assert_eq!(parse_platform("linux/arm64").unwrap().architecture, "arm64");
        assert_eq!(
            parse_platform("linux/arm/v7").unwrap().variant.as_deref(),
            Some("v7")
        );
        for bad in ["linux", "linux/", "/amd64", "a/b/c/d"] {
            assert!(parse_platform(bad).is_err(), "{bad}");
        }
        assert_eq!(host_platform().os, "linux");
    }

    #[test]
    fn stored_manifests_must_be_schema_2_with_tar_layers() {
        let d = format!("sha256:{}", "a".repeat(64));
        let good = format!(
            r#"{{"schemaVersion":2,"config":{{"digest":"{d}","size":1}},"layers":[{{"mediaType":"{OCI_LAYER_TAR}+gzip","digest":"{d}","size":2}}]}}"#
        );
        assert_eq!(parse_manifest(good.as_bytes()).unwrap().layers.len(), 1);
        assert!(
            parse_manifest(
                good.replace("\"schemaVersion\":2", "\"schemaVersion\":1")
                    .as_bytes()
            )
            .is_err()
        );
        assert!(parse_manifest(good.replace(&d, "sha256:x").as_bytes()).is_err());
        assert!(
            parse_manifest(good.replace(OCI_LAYER_TAR, "application/json").as_bytes()).is_err()
        );
    }
}
