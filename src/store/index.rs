//! The image index (`images.json`): which images the store holds, their names, manifests,
//! configs and layers. Pure operations on the value; `store/mod.rs` reads and writes it.

use serde::{Deserialize, Serialize};

use crate::plan::image_ref::ImageRef;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub images: Vec<Image>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    /// Digest of the blob as stored (compressed or not).
    pub digest: String,
    /// Digest of the uncompressed tar: names the unpacked `layers/<hex>` directory.
    pub diff_id: String,
    /// Bytes of file content once unpacked.
    #[serde(default)]
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// The image ID: the hex digest of its config blob.
    pub id: String,
    /// Full references (`docker.io/library/busybox:latest`).
    pub names: Vec<String>,
    /// Digest of its manifest blob.
    pub digest: String,
    pub layers: Vec<Layer>,
    /// From the config (RFC 3339), when it says.
    #[serde(default)]
    pub created: Option<String>,
    /// When it entered the store (seconds since the epoch).
    pub added: u64,
    /// Every name the image has had, the current ones first, then the older ones newest
    /// first (podman's NamesHistory; `Index::remember_names` keeps it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names_history: Vec<String>,
}

impl Image {
    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.size).sum()
    }

    pub fn config_digest(&self) -> String {
        format!("sha256:{}", self.id)
    }
}

/// How a lookup key matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// By one of its names (the full reference given).
    Name(usize, String),
    /// By its ID, a unique prefix of it, or its manifest digest.
    Id(usize),
}

impl Found {
    /// The image's position in `Index::images`.
    pub fn position(&self) -> usize {
        match self {
            Found::Name(i, _) | Found::Id(i) => *i,
        }
    }
}

impl Index {
    /// Add `image`, or merge it into the entry with the same ID (whose layer sizes it
    /// brings up to date: they were read from the disk just now); `names` move to it from
    /// whichever image had them.
    pub fn add(&mut self, image: Image, names: &[String]) {
        for other in &mut self.images {
            other.names.retain(|n| !names.contains(n));
        }
        let slot = match self.images.iter().position(|i| i.id == image.id) {
            Some(i) => {
                for l in &mut self.images[i].layers {
                    if let Some(new) = image.layers.iter().find(|n| n.diff_id == l.diff_id)
                        && new.size > 0
                    {
                        l.size = new.size;
                    }
                }
                i
            }
            None => {
                self.images.push(image);
                self.images.len() - 1
            }
        };
        for n in names {
            if !self.images[slot].names.contains(n) {
                self.images[slot].names.push(n.clone());
            }
        }
    }

    /// Bring each image's names history up to date with its names: the current names first,
    /// then the history as it was (each name once), as containers/storage keeps it.
    pub fn remember_names(&mut self) {
        for i in &mut self.images {
            let mut history = i.names.clone();
            for n in &i.names_history {
                if !history.contains(n) {
                    history.push(n.clone());
                }
            }
            i.names_history = history;
        }
    }

    /// Find an image as podman does: by name first (short names expanded), then by ID, a
    /// unique ID prefix or `sha256:ID`, then by a name's `@digest`.
    pub fn find(&self, key: &str) -> Option<Found> {
        if let Ok(r) = ImageRef::parse(key) {
            let full = r.to_string();
            if let Some(i) = self.images.iter().position(|i| i.names.contains(&full)) {
                return Some(Found::Name(i, full));
            }
            // A short name also stands for the localhost/ name nook gave it (tag, load).
            if let Some(local) = ImageRef::local_alias(key).map(|l| l.to_string())
                && let Some(i) = self.images.iter().position(|i| i.names.contains(&local))
            {
                return Some(Found::Name(i, local));
            }
            if let Some(d) = &r.digest
                && let Some(i) = self
                    .images
                    .iter()
                    .position(|i| &i.digest == d || &i.config_digest() == d)
            {
                return Some(Found::Id(i));
            }
        }
        let hex = key.strip_prefix("sha256:").unwrap_or(key);
        if hex.len() >= 3 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut hits = self.images.iter().enumerate().filter(|(_, i)| {
                i.id.starts_with(hex) || i.digest.strip_prefix("sha256:") == Some(hex)
            });
            if let (Some((i, _)), None) = (hits.next(), hits.next()) {
                return Some(Found::Id(i));
            }
        }
        None
    }

    /// Whether any image other than `except` uses the layer with this diff_id.
    pub fn layer_used(&self, diff_id: &str, except: usize) -> bool {
        self.images
            .iter()
            .enumerate()
            .any(|(n, i)| n != except && i.layers.iter().any(|l| l.diff_id == diff_id))
    }

    /// Whether any image other than `except` refers to the blob.
    pub fn blob_used(&self, digest: &str, except: usize) -> bool {
        self.images.iter().enumerate().any(|(n, i)| {
            n != except
                && (i.digest == digest
                    || i.config_digest() == digest
                    || i.layers.iter().any(|l| l.digest == digest))
        })
    }

    /// The unpacked size of a layer some image already records.
    pub fn layer_size(&self, diff_id: &str) -> Option<u64> {
        self.images
            .iter()
            .flat_map(|i| &i.layers)
            .find(|l| l.diff_id == diff_id && l.size > 0)
            .map(|l| l.size)
    }
}

/// Seconds since the epoch of an RFC 3339 time (`2024-05-01T12:00:00.123Z`, `...+02:00`).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "Z" | "z" | "" => 0,
        o if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) => {
            let v = o[1..3].parse::<i64>().ok()? * 3600 + o[4..6].parse::<i64>().ok()? * 60;
            if o.starts_with('-') { -v } else { v }
        }
        _ => return None,
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    Some(days * 86400 + h * 3600 + mi * 60 + sec - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_history_keeps_the_current_names_first_then_the_older_ones() {
        let mut ix = Index::default();
        ix.add(image('a', &[], &[]), &["localhost/i:latest".into()]);
        ix.remember_names();
        ix.add(image('a', &[], &[]), &["localhost/t1:latest".into()]);
        ix.remember_names();
        ix.images[0].names.retain(|n| n != "localhost/t1:latest");
        ix.remember_names();
        ix.add(image('a', &[], &[]), &["localhost/t2:latest".into()]);
        ix.remember_names();
        ix.images[0].names.retain(|n| n != "localhost/t2:latest");
        ix.remember_names();
        assert_eq!(
            ix.images[0].names_history,
            [
                "localhost/i:latest",
                "localhost/t2:latest",
                "localhost/t1:latest"
            ]
        );
    }

    fn image(id: char, names: &[&str], layers: &[&str]) -> Image {
        Image {
            id: id.to_string().repeat(64),
            names: names.iter().map(|s| s.to_string()).collect(),
            digest: format!("sha256:{}", "f".repeat(63)) + &id.to_string(),
            layers: layers
                .iter()
                .map(|l| Layer {
                    digest: format!("blob-{l}"),
                    diff_id: l.to_string(),
                    size: 10,
                })
                .collect(),
            created: None,
            added: 0,
            names_history: vec![],
        }
    }

    #[test]
    fn add_moves_names_and_merges_ids() {
        let mut ix = Index::default();
        let bb = "docker.io/library/busybox:latest".to_string();
        ix.add(image('a', &[], &["l1"]), std::slice::from_ref(&bb));
        ix.add(image('b', &[], &["l1", "l2"]), std::slice::from_ref(&bb));
        assert!(ix.images[0].names.is_empty());
        assert_eq!(ix.images[1].names, [bb]);
        ix.add(
            image('b', &[], &["l1", "l2"]),
            &["localhost/x:1".to_string()],
        );
        assert_eq!(ix.images.len(), 2);
        assert_eq!(ix.images[1].names.len(), 2);
        assert_eq!(ix.images[1].size(), 20);
        // An entry recorded with a wrong size gets the size read from the disk now.
        let mut fixed = image('b', &[], &["l1", "l2"]);
        fixed.layers[1].size = 99;
        ix.add(fixed, &[]);
        assert_eq!((ix.images.len(), ix.images[1].size()), (2, 109));
    }

    #[test]
    fn find_by_name_id_prefix_and_digest() {
        let mut ix = Index::default();
        ix.add(
            image('a', &[], &["l1"]),
            &["docker.io/library/busybox:latest".into()],
        );
        ix.add(image('b', &[], &["l1"]), &["localhost:5000/x/y:2".into()]);
        assert_eq!(
            ix.find("busybox"),
            Some(Found::Name(0, "docker.io/library/busybox:latest".into()))
        );
        assert_eq!(
            ix.find("localhost:5000/x/y:2")
                .map(|f| matches!(f, Found::Name(1, _))),
            Some(true)
        );
        assert_eq!(ix.find("bbb"), Some(Found::Id(1)));
        assert_eq!(
            ix.find(&format!("sha256:{}", "a".repeat(64))),
            Some(Found::Id(0))
        );
        assert_eq!(ix.find("busybox:other"), None);
        assert_eq!(ix.find("ab"), None);
        assert!(ix.layer_used("l1", 0) && !ix.layer_used("l9", 0));
        assert!(ix.blob_used("blob-l1", 0));
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339("2024-02-29T12:30:15.123456789Z"),
            Some(1709209815)
        );
        assert_eq!(parse_rfc3339("2024-02-29T14:30:15+02:00"), Some(1709209815));
        assert_eq!(parse_rfc3339("yesterday"), None);
    }
}
