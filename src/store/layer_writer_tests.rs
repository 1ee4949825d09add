//! Unit tests of the layer writer: sorted, reproducible entries and both digests.

use std::io::Read;
use std::os::unix::fs::symlink;

use super::*;
use crate::store::hash_reader;

fn tree(root: &Path) {
    fs::create_dir_all(root.join("b/empty")).unwrap();
    fs::write(root.join("b/file"), b"hello").unwrap();
    fs::write(root.join("a"), b"x").unwrap();
    fs::hard_link(root.join("a"), root.join("c")).unwrap();
    symlink("b/file", root.join("link")).unwrap();
}

fn entries(blob: &Path, zstd: bool) -> (Vec<(String, tar::EntryType, String)>, String) {
    let f = File::open(blob).unwrap();
    let mut raw = Vec::new();
    match zstd {
        true => zstd::Decoder::new(f)
            .unwrap()
            .read_to_end(&mut raw)
            .unwrap(),
        false => flate2::read::GzDecoder::new(f)
            .read_to_end(&mut raw)
            .unwrap(),
    };
    let (diff_id, _) = hash_reader(&raw[..]).unwrap();
    let mut a = tar::Archive::new(&raw[..]);
    let list = a
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let link = e
                .link_name()
                .unwrap()
                .map(|l| l.display().to_string())
                .unwrap_or_default();
            (
                e.path().unwrap().display().to_string(),
                e.header().entry_type(),
                link,
            )
        })
        .collect();
    (list, diff_id)
}

#[test]
fn a_directory_becomes_a_sorted_layer_with_both_digests() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("upper");
    tree(&root);
    let blob = d.path().join("blob");
    let opts = LayerOptions {
        epoch: Some(1000),
        ..Default::default()
    };
    let w = write(&root, &blob, &opts).unwrap();
    let (digest, size) = hash_reader(File::open(&blob).unwrap()).unwrap();
    assert_eq!((w.digest.clone(), w.blob_size), (digest, size));
    assert_eq!(w.size, 6);
    let (list, diff_id) = entries(&blob, false);
    assert_eq!(w.diff_id, diff_id);
    let names: Vec<&str> = list.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["a", "b", "b/empty", "b/file", "c", "link"]);
    assert_eq!(list[4].1, tar::EntryType::Link);
    assert_eq!(list[4].2, "a");
    assert_eq!(
        (list[5].1, list[5].2.as_str()),
        (tar::EntryType::Symlink, "b/file")
    );
    // The same tree written again is the same layer (times are clamped to the epoch).
    let again = write(&root, &d.path().join("blob2"), &opts).unwrap();
    assert_eq!(again, w);
    let z = write(
        &root,
        &d.path().join("blob3"),
        &LayerOptions { zstd: true, ..opts },
    )
    .unwrap();
    assert_eq!(z.diff_id, w.diff_id);
    assert_ne!(z.digest, w.digest);
    assert_eq!(entries(&d.path().join("blob3"), true).1, w.diff_id);
}

#[test]
fn empty_mount_points_are_left_out() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("upper");
    tree(&root);
    fs::create_dir_all(root.join("proc")).unwrap();
    fs::write(root.join("hosts"), b"").unwrap();
    let opts = LayerOptions {
        skip: vec!["/proc".into(), "/hosts".into(), "/b".into()],
        ..Default::default()
    };
    write(&root, &d.path().join("blob"), &opts).unwrap();
    let (list, _) = entries(&d.path().join("blob"), false);
    let names: Vec<&str> = list.iter().map(|(n, _, _)| n.as_str()).collect();
    // /b is not empty: it stays.
    assert_eq!(names, ["a", "b", "b/empty", "b/file", "c", "link"]);
}
