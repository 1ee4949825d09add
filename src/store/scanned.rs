//! The store as `nook system check` scanned it (`check_scan.rs`): what its decisions
//! (`check.rs`) are made on, plain values.

use std::collections::BTreeMap;

use super::index::Index;
use super::layer::Found;

/// A manifest as read: its config digest and its layers (digest, size), or why not.
pub type ReadManifest = Result<(String, Vec<(String, u64)>), String>;
/// A layer blob as read: the digest of its uncompressed tar and its bytes of file content,
/// or why not.
pub type ReadLayer = Result<(String, u64), String>;

/// A blob file in `blobs/sha256`, and what reading it found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blob {
    pub size: u64,
    /// Seconds since it was last written.
    pub age: u64,
    /// `sha256:` of its bytes, when it was read (manifests and configs always; layer blobs in
    /// a full check, and those of layers without a completion record).
    pub digest: Option<String>,
    /// Read as a manifest: its config digest and its layers (digest, size), or why not.
    pub manifest: Option<ReadManifest>,
    /// Read as a config: its diff_ids, or why not.
    pub diff_ids: Option<Result<Vec<String>, String>>,
    /// Read as a layer: the digest of the uncompressed tar and its bytes of file content.
    pub unpacked: Option<ReadLayer>,
}

/// An unpacked layer (`layers/HEX`) and its record (`layer-info/HEX`), by diff_id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerSeen {
    pub dir: bool,
    pub record: Found,
    pub age: u64,
    /// Its lock was held by another process during the scan (an unpack at work).
    pub busy: bool,
}

/// What a file in `tmp/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Temp {
    /// `blob-PID-...`: a blob being written by PID.
    Blob {
        alive: bool,
    },
    /// `layer-HEX`: a layer being unpacked under its lock.
    Layer {
        busy: bool,
    },
    /// `pull-HEX.partial`: a download, resumable, locked while it runs.
    Partial {
        busy: bool,
    },
    /// `probe-PID`: an overlay probe's directories.
    Probe {
        alive: bool,
    },
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TempSeen {
    pub name: String,
    pub kind: Temp,
    pub dir: bool,
    pub age: u64,
}

/// A named volume's directory, or a volume being created (`.tmp-NAME-PID`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeSeen {
    pub name: String,
    pub data: bool,
    /// `volume.json`: None when missing, Some(false) when unreadable.
    pub meta: Option<bool>,
    /// For `.tmp-NAME-PID`: whether PID lives.
    pub creating: Option<bool>,
}

/// The store as scanned.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// The index, or why it cannot be read.
    pub index: Option<Result<Index, String>>,
    /// `images.json.tmp`, seen under the index lock (a killed index write's).
    pub index_temp: bool,
    pub blobs: BTreeMap<String, Blob>,
    /// Files in `blobs/sha256` whose names are not digests.
    pub stray_blobs: Vec<String>,
    pub layers: BTreeMap<String, LayerSeen>,
    pub temps: Vec<TempSeen>,
    /// Lock files in `locks/` (their hex), with whether another process held them.
    pub locks: Vec<(String, bool)>,
    pub volumes: Vec<VolumeSeen>,
}
