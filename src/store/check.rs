//! `nook system check`'s decisions, pure: from a description of the store as scanned
//! (`check_scan.rs`), what is wrong and what `--repair` does about it (`check_repair.rs`
//! carries it out). An image is damaged when its manifest, config, a layer blob or an
//! unpacked layer is missing, does not match its digest or is incomplete: repair removes it
//! (unless a container uses it), so that the next run pulls it again. What nothing uses any
//! more (layers, blobs, temporaries, partial downloads and lock files left by killed nooks)
//! is removed; a wrong size or a missing completion record is written anew.

use std::collections::BTreeSet;

use super::index::{Image, Index};
use super::layer::Found;

pub use super::scanned::*;

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Index,
    Image(String),
    Layer(String),
    Blob(String),
    /// A leftover file, by its path in the store (`tmp/...`, `locks/...`).
    Leftover(String),
    Volume(String),
}

/// What `--repair` does about a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Move the index aside (`images.json.corrupt`): the images are gone, their files
    /// garbage.
    SetIndexAside,
    RemoveImage,
    /// Record these layer sizes (diff_id, bytes) in the image's entry.
    RecordSizes(Vec<(String, u64)>),
    /// Remove the layer's directory, its record and its lock file.
    RemoveLayer,
    /// Write the layer's completion record with this size.
    WriteRecord(u64),
    RemoveBlob,
    /// Remove the file or tree (`userns`: it may hold files of subordinate ids).
    RemoveFile {
        userns: bool,
    },
    /// Remove a lock file, if it is still free.
    RemoveLock,
    WriteVolumeMeta,
    RemoveVolume,
    /// Nothing: the reason.
    Leave(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub subject: Subject,
    pub problems: Vec<String>,
    pub fix: Fix,
}

/// How the check is made.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Unused layers and blobs younger than this (seconds) may be a pull's or load's about
    /// to be indexed: not reported.
    pub max_age: u64,
    /// Image IDs that containers use: damaged ones are left, said as such.
    pub in_use: BTreeSet<String>,
}

/// Every problem the scan shows, with its fix, in a stable order.
pub fn findings(scan: &Scan, rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    let empty = Index::default();
    let index = match &scan.index {
        Some(Ok(ix)) => ix,
        Some(Err(e)) => {
            out.push(Finding {
                subject: Subject::Index,
                problems: vec![e.clone()],
                fix: Fix::SetIndexAside,
            });
            &empty
        }
        None => &empty,
    };
    let mut removed: BTreeSet<&str> = BTreeSet::new();
    for image in &index.images {
        let problems = image_problems(image, scan);
        if !problems.is_empty() {
            let fix = match rules.in_use.contains(&image.id) {
                true => {
                    Fix::Leave("a container uses it: remove the container, then check again".into())
                }
                false => {
                    removed.insert(&image.id);
                    Fix::RemoveImage
                }
            };
            out.push(Finding {
                subject: Subject::Image(image.id.clone()),
                problems,
                fix,
            });
        } else if let Some(f) = size_finding(image, scan) {
            out.push(f);
        }
    }
    let kept: Vec<&Image> = index
        .images
        .iter()
        .filter(|i| !removed.contains(i.id.as_str()))
        .collect();
    let dropped: Vec<&Image> = index
        .images
        .iter()
        .filter(|i| removed.contains(i.id.as_str()))
        .collect();
    out.extend(layer_findings(scan, &kept, &dropped, rules));
    out.extend(blob_findings(scan, &kept, &dropped, rules));
    out.extend(leftover_findings(scan));
    out.extend(volume_findings(scan));
    out
}

/// Why `image` is damaged (empty: it is whole).
pub fn image_problems(image: &Image, scan: &Scan) -> Vec<String> {
    let mut p = Vec::new();
    let config_digest = image.config_digest();
    let mut layers_listed: Option<Vec<(String, u64)>> = None;
    match scan.blobs.get(&image.digest) {
        None => p.push(format!("manifest {} is missing", image.digest)),
        Some(b) => {
            if let Some(got) = b.digest.as_ref().filter(|g| **g != image.digest) {
                p.push(format!(
                    "manifest {} does not match its digest (its content is {got})",
                    image.digest
                ));
            } else {
                match &b.manifest {
                    Some(Ok((config, layers))) => {
                        if *config != config_digest {
                            p.push(format!(
                                "manifest {} names config {config}, not the image's {config_digest}",
                                image.digest
                            ));
                        }
                        layers_listed = Some(layers.clone());
                    }
                    Some(Err(e)) => p.push(format!("manifest {} is not valid: {e}", image.digest)),
                    None => {}
                }
            }
        }
    }
    let mut diff_ids: Option<&Vec<String>> = None;
    match scan.blobs.get(&config_digest) {
        None => p.push(format!("config {config_digest} is missing")),
        Some(b) => match (&b.digest, &b.diff_ids) {
            (Some(got), _) if *got != config_digest => p.push(format!(
                "config {config_digest} does not match its digest (its content is {got})"
            )),
            (_, Some(Err(e))) => p.push(format!("config {config_digest} is not valid: {e}")),
            (_, Some(Ok(d))) => diff_ids = Some(d),
            _ => {}
        },
    }
    if let Some(listed) = &layers_listed {
        let recorded: Vec<&str> = image.layers.iter().map(|l| l.digest.as_str()).collect();
        let named: Vec<&str> = listed.iter().map(|(d, _)| d.as_str()).collect();
        if recorded != named {
            p.push("the index lists other layers than its manifest".into());
        }
    }
    if let Some(d) = diff_ids {
        let recorded: Vec<&String> = image.layers.iter().map(|l| &l.diff_id).collect();
        if recorded != d.iter().collect::<Vec<_>>() {
            p.push("the index lists other layers than its config".into());
        }
    }
    for (n, l) in image.layers.iter().enumerate() {
        let claimed = layers_listed
            .as_ref()
            .and_then(|ls| ls.get(n))
            .filter(|(d, _)| *d == l.digest)
            .map(|(_, s)| *s);
        p.extend(blob_problems(&l.digest, &l.diff_id, claimed, scan));
        let short = short(&l.diff_id);
        match scan.layers.get(&l.diff_id) {
            Some(seen) if seen.dir => match &seen.record {
                Found::Corrupt => p.push(format!("layer {short}'s completion record is corrupt")),
                Found::Record(r) if r.diff_id != l.diff_id => p.push(format!(
                    "layer {short}'s completion record is another layer's ({})",
                    r.diff_id
                )),
                _ => {}
            },
            _ => p.push(format!("layer {short} is missing (not unpacked)")),
        }
    }
    p
}

/// Why the layer blob `digest` (of `diff_id`, `claimed` bytes) is not what it must be.
fn blob_problems(digest: &str, diff_id: &str, claimed: Option<u64>, scan: &Scan) -> Vec<String> {
    let Some(b) = scan.blobs.get(digest) else {
        return vec![format!("layer blob {digest} is missing")];
    };
    let mut p = Vec::new();
    if let Some(want) = claimed.filter(|w| *w != b.size) {
        let how = match b.size < want {
            true => "truncated",
            false => "too long",
        };
        p.push(format!(
            "layer blob {digest} is {how} ({} bytes, its manifest says {want})",
            b.size
        ));
    }
    if let Some(got) = b.digest.as_ref().filter(|g| *g != digest) {
        p.push(format!(
            "layer blob {digest} does not match its digest (its content is {got})"
        ));
    }
    match &b.unpacked {
        Some(Err(e)) if p.is_empty() => p.push(format!("layer blob {digest} is not a layer: {e}")),
        Some(Ok((got, _))) if got != diff_id && p.is_empty() => p.push(format!(
            "layer blob {digest} unpacks to {got}, its config says {diff_id}"
        )),
        _ => {}
    }
    p
}

/// The sizes the image's entry records wrongly: each layer's size is its record's (or, for
/// a layer without one, what reading its blob counted).
fn size_finding(image: &Image, scan: &Scan) -> Option<Finding> {
    let mut wrong = Vec::new();
    let mut fixed = Vec::new();
    for l in &image.layers {
        let right = match scan.layers.get(&l.diff_id).map(|s| &s.record) {
            Some(Found::Record(r)) if r.diff_id == l.diff_id => Some(r.size),
            _ => scan
                .blobs
                .get(&l.digest)
                .and_then(|b| b.unpacked.as_ref())
                .and_then(|u| u.as_ref().ok())
                .filter(|(d, _)| *d == l.diff_id)
                .map(|(_, s)| *s),
        };
        if let Some(right) = right.filter(|r| *r != l.size) {
            wrong.push(format!(
                "layer {} is recorded as {} bytes, it holds {right}",
                short(&l.diff_id),
                l.size
            ));
            fixed.push((l.diff_id.clone(), right));
        }
    }
    (!wrong.is_empty()).then(|| Finding {
        subject: Subject::Image(image.id.clone()),
        problems: wrong,
        fix: Fix::RecordSizes(fixed),
    })
}

fn uses_layer(images: &[&Image], diff_id: &str) -> bool {
    images
        .iter()
        .any(|i| i.layers.iter().any(|l| l.diff_id == diff_id))
}

fn uses_blob(images: &[&Image], digest: &str) -> bool {
    images.iter().any(|i| {
        i.digest == digest
            || i.config_digest() == digest
            || i.layers.iter().any(|l| l.digest == digest)
    })
}

fn layer_findings(scan: &Scan, kept: &[&Image], dropped: &[&Image], rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    for (diff_id, seen) in &scan.layers {
        let subject = Subject::Layer(diff_id.clone());
        if seen.busy {
            continue;
        }
        if uses_layer(kept, diff_id) {
            // A whole image's layer (a damaged one made its image damaged).
            if seen.dir && seen.record == Found::Missing {
                let size = kept
                    .iter()
                    .flat_map(|i| &i.layers)
                    .filter(|l| l.diff_id == *diff_id)
                    .find_map(|l| scan.blobs.get(&l.digest)?.unpacked.clone()?.ok())
                    .filter(|(d, _)| d == diff_id)
                    .map(|(_, s)| s);
                out.push(Finding {
                    subject,
                    problems: vec![
                        "it has no completion record (an older nook unpacked it)".into(),
                    ],
                    fix: match size {
                        Some(s) => Fix::WriteRecord(s),
                        None => Fix::Leave("its blob could not be read to count its size".into()),
                    },
                });
            }
            continue;
        }
        let problem = if uses_layer(dropped, diff_id) {
            "only damaged images use it"
        } else if seen.age < rules.max_age {
            continue;
        } else if !seen.dir {
            "a completion record without its layer (an unpack was killed)"
        } else {
            "no image uses it (a pull or load was killed before it indexed the image)"
        };
        out.push(Finding {
            subject,
            problems: vec![problem.into()],
            fix: Fix::RemoveLayer,
        });
    }
    out
}

fn blob_findings(scan: &Scan, kept: &[&Image], dropped: &[&Image], rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    for (digest, b) in &scan.blobs {
        if uses_blob(kept, digest) {
            continue;
        }
        let problem = if uses_blob(dropped, digest) {
            "only damaged images use it"
        } else if b.age < rules.max_age {
            continue;
        } else {
            "no image uses it (a pull or load was killed before it indexed the image)"
        };
        out.push(Finding {
            subject: Subject::Blob(digest.clone()),
            problems: vec![problem.into()],
            fix: Fix::RemoveBlob,
        });
    }
    for name in &scan.stray_blobs {
        out.push(Finding {
            subject: Subject::Leftover(format!("blobs/sha256/{name}")),
            problems: vec!["not a blob (its name is not a digest)".into()],
            fix: Fix::RemoveFile { userns: false },
        });
    }
    out
}

fn leftover_findings(scan: &Scan) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |path: String, problem: &str, fix: Fix| {
        out.push(Finding {
            subject: Subject::Leftover(path),
            problems: vec![problem.into()],
            fix,
        })
    };
    if scan.index_temp {
        add(
            "images.json.tmp".into(),
            "a temporary index (an index write was killed)",
            Fix::RemoveFile { userns: false },
        );
    }
    for t in &scan.temps {
        let path = format!("tmp/{}", t.name);
        let userns = Fix::RemoveFile { userns: t.dir };
        match t.kind {
            Temp::Blob { alive: false } => {
                add(path, "a temporary blob of a nook that is gone", userns)
            }
            Temp::Layer { busy: false } => add(
                path,
                "a partly unpacked layer (an unpack was killed)",
                userns,
            ),
            Temp::Partial { busy: false } => add(
                path,
                "a partial download (a pull was killed; the next pull of its image resumes it)",
                Fix::RemoveLock,
            ),
            Temp::Probe { alive: false } => add(path, "an overlay probe's leftover", userns),
            Temp::Other => add(path, "not a file nook makes", userns),
            _ => {}
        }
    }
    for (hex, busy) in &scan.locks {
        let diff_id = format!("sha256:{hex}");
        let layer = scan.layers.get(&diff_id).is_some_and(|l| l.dir);
        let unpacking = scan.temps.iter().any(|t| t.name == format!("layer-{hex}"));
        if !busy && !layer && !unpacking {
            add(
                format!("locks/{hex}.lock"),
                "a stale lock: its layer is not in the store and nobody holds it",
                Fix::RemoveLock,
            );
        }
    }
    out
}

fn volume_findings(scan: &Scan) -> Vec<Finding> {
    let mut out = Vec::new();
    for v in &scan.volumes {
        let (problem, fix) = match (v.creating, v.data, v.meta) {
            (Some(true), _, _) => continue,
            (Some(false), _, _) => (
                "a volume whose creation was killed".to_string(),
                Fix::RemoveFile { userns: true },
            ),
            (None, false, _) => ("no _data directory: not a volume".into(), Fix::RemoveVolume),
            (None, true, None) => (
                "its metadata (volume.json) is missing".into(),
                Fix::WriteVolumeMeta,
            ),
            (None, true, Some(false)) => (
                "its metadata (volume.json) is corrupt".into(),
                Fix::WriteVolumeMeta,
            ),
            (None, true, Some(true)) => continue,
        };
        let subject = match v.creating {
            Some(_) => Subject::Leftover(format!("volumes/{}", v.name)),
            None => Subject::Volume(v.name.clone()),
        };
        out.push(Finding {
            subject,
            problems: vec![problem],
            fix,
        });
    }
    out
}

/// The first 12 hex digits of a digest.
pub fn short(digest: &str) -> &str {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    hex.get(..12).unwrap_or(hex)
}

/// Whether any finding is a problem (all are: a check with findings exits non-zero).
pub fn clean(findings: &[Finding]) -> bool {
    findings.is_empty()
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
