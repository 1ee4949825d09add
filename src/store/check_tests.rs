use super::*;
use crate::store::index::Layer;
use crate::store::layer::LayerRecord;

fn d(c: char) -> String {
    format!("sha256:{}", c.to_string().repeat(64))
}

/// A whole image `id` (one char) with layers (blob char, diff_id char), and the scan that
/// sees it all in place.
fn whole(scan: &mut Scan, ix: &mut Index, id: char, layers: &[(char, char)]) {
    let image = Image {
        id: id.to_string().repeat(64),
        names: vec![],
        digest: d(id.to_ascii_uppercase()),
        layers: layers
            .iter()
            .map(|(b, l)| Layer {
                digest: d(*b),
                diff_id: d(*l),
                size: 100,
            })
            .collect(),
        created: None,
        added: 0,
        names_history: vec![],
    };
    let listed: Vec<(String, u64)> = layers.iter().map(|(b, _)| (d(*b), 10)).collect();
    scan.blobs.insert(
        image.digest.clone(),
        Blob {
            size: 5,
            age: 9999,
            digest: Some(image.digest.clone()),
            manifest: Some(Ok((image.config_digest(), listed))),
            ..Blob::default()
        },
    );
    scan.blobs.insert(
        image.config_digest(),
        Blob {
            size: 5,
            age: 9999,
            digest: Some(image.config_digest()),
            diff_ids: Some(Ok(layers.iter().map(|(_, l)| d(*l)).collect())),
            ..Blob::default()
        },
    );
    for (b, l) in layers {
        scan.blobs.insert(
            d(*b),
            Blob {
                size: 10,
                age: 9999,
                ..Blob::default()
            },
        );
        scan.layers.insert(
            d(*l),
            LayerSeen {
                dir: true,
                record: Found::Record(LayerRecord {
                    diff_id: d(*l),
                    size: 100,
                }),
                age: 9999,
                busy: false,
            },
        );
    }
    ix.images.push(image);
}

fn rules() -> Rules {
    Rules {
        max_age: 600,
        in_use: BTreeSet::new(),
    }
}

/// Two whole images sharing layer (b, 1).
fn store() -> Scan {
    let mut scan = Scan::default();
    let mut ix = Index::default();
    whole(&mut scan, &mut ix, 'e', &[('b', '1'), ('c', '2')]);
    whole(&mut scan, &mut ix, 'f', &[('b', '1')]);
    scan.index = Some(Ok(ix));
    scan
}

fn id(c: char) -> String {
    c.to_string().repeat(64)
}

#[test]
fn a_whole_store_has_no_findings() {
    assert_eq!(findings(&store(), &rules()), vec![]);
    assert!(clean(&[]));
}

#[test]
fn a_truncated_layer_blob_damages_every_image_using_it_and_goes_with_them() {
    let mut scan = store();
    scan.blobs.get_mut(&d('b')).unwrap().size = 4;
    let f = findings(&scan, &rules());
    let images: Vec<&Finding> = f
        .iter()
        .filter(|f| matches!(f.subject, Subject::Image(_)))
        .collect();
    assert_eq!(images.len(), 2, "{f:#?}");
    assert!(images.iter().all(|f| f.fix == Fix::RemoveImage));
    assert!(images[0].problems[0].contains("is truncated (4 bytes, its manifest says 10)"));
    // Nothing is left to use their layers and blobs: all go, whatever their age.
    let gone_layers: Vec<&Subject> = f
        .iter()
        .filter(|f| f.fix == Fix::RemoveLayer)
        .map(|f| &f.subject)
        .collect();
    assert_eq!(
        gone_layers,
        [&Subject::Layer(d('1')), &Subject::Layer(d('2'))]
    );
    assert_eq!(f.iter().filter(|f| f.fix == Fix::RemoveBlob).count(), 6);
}

#[test]
fn a_layer_blob_read_in_full_must_match_its_digest_and_diff_id() {
    let mut scan = store();
    scan.blobs.get_mut(&d('c')).unwrap().digest = Some(d('9'));
    let f = findings(&scan, &rules());
    assert_eq!(f[0].subject, Subject::Image(id('e')));
    assert!(f[0].problems[0].contains("does not match its digest (its content is"));
    // Image f shares only the whole layer: it stays, with its blobs.
    assert!(!f.iter().any(|f| f.subject == Subject::Image(id('f'))));
    assert!(!f.iter().any(|f| f.subject == Subject::Blob(d('b'))));
    assert!(f.iter().any(|f| f.subject == Subject::Blob(d('c'))));

    let mut scan = store();
    scan.blobs.get_mut(&d('c')).unwrap().unpacked = Some(Ok((d('8'), 100)));
    let f = findings(&scan, &rules());
    assert!(f[0].problems[0].contains("unpacks to"), "{f:#?}");
}

#[test]
fn a_missing_blob_or_layer_and_a_bad_manifest_damage_the_image() {
    let mut scan = store();
    scan.blobs.remove(&d('c'));
    let f = findings(&scan, &rules());
    assert_eq!(f[0].subject, Subject::Image(id('e')));
    assert_eq!(f[0].problems, [format!("layer blob {} is missing", d('c'))]);

    let mut scan = store();
    scan.layers.get_mut(&d('2')).unwrap().dir = false;
    let f = findings(&scan, &rules());
    assert_eq!(
        f[0].problems,
        ["layer 222222222222 is missing (not unpacked)"]
    );

    let mut scan = store();
    scan.blobs.get_mut(&d('E')).unwrap().digest = Some(d('7'));
    let f = findings(&scan, &rules());
    assert_eq!(f[0].subject, Subject::Image(id('e')));
    assert!(
        f[0].problems[0].starts_with(&format!("manifest {} does not match its digest", d('E')))
    );

    let mut scan = store();
    scan.blobs.remove(&d('F'));
    let f = findings(&scan, &rules());
    assert_eq!(f[0].subject, Subject::Image(id('f')));
    assert!(f[0].problems[0].contains("is missing"));
}

#[test]
fn a_damaged_image_a_container_uses_is_left_and_said_so() {
    let mut scan = store();
    scan.blobs.remove(&d('c'));
    let mut r = rules();
    r.in_use.insert(id('e'));
    let f = findings(&scan, &r);
    assert_eq!(f.len(), 1, "its layers and blobs stay: {f:#?}");
    assert!(matches!(&f[0].fix, Fix::Leave(w) if w.contains("container")));
}

#[test]
fn wrong_sizes_are_recorded_anew_from_the_layers_records() {
    let mut scan = store();
    let Some(Ok(ix)) = scan.index.as_mut() else {
        unreachable!()
    };
    ix.images[1].layers[0].size = 0;
    let f = findings(&scan, &rules());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subject, Subject::Image(id('f')));
    assert_eq!(f[0].fix, Fix::RecordSizes(vec![(d('1'), 100)]));
    assert!(f[0].problems[0].contains("recorded as 0 bytes, it holds 100"));
}

#[test]
fn a_layer_without_a_record_gets_one_from_its_blob() {
    let mut scan = store();
    scan.layers.get_mut(&d('2')).unwrap().record = Found::Missing;
    scan.blobs.get_mut(&d('c')).unwrap().unpacked = Some(Ok((d('2'), 100)));
    let f = findings(&scan, &rules());
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].subject, Subject::Layer(d('2')));
    assert_eq!(f[0].fix, Fix::WriteRecord(100));
    // A corrupt record is damage.
    scan.layers.get_mut(&d('2')).unwrap().record = Found::Corrupt;
    let f = findings(&scan, &rules());
    assert!(f[0].problems[0].contains("completion record is corrupt"));
}

#[test]
fn unused_layers_and_blobs_go_when_old_and_stay_while_young_or_busy() {
    let mut scan = store();
    let seen = |age, dir, busy| LayerSeen {
        dir,
        record: Found::Missing,
        age,
        busy,
    };
    scan.layers.insert(d('5'), seen(9999, true, false));
    scan.layers.insert(d('6'), seen(5, true, false));
    scan.layers.insert(d('7'), seen(9999, true, true));
    scan.layers.insert(d('8'), seen(9999, false, false));
    scan.blobs.insert(
        d('a'),
        Blob {
            age: 9999,
            ..Blob::default()
        },
    );
    scan.blobs.insert(
        d('d'),
        Blob {
            age: 1,
            ..Blob::default()
        },
    );
    let f = findings(&scan, &rules());
    let subjects: Vec<&Subject> = f.iter().map(|f| &f.subject).collect();
    assert_eq!(
        subjects,
        [
            &Subject::Layer(d('5')),
            &Subject::Layer(d('8')),
            &Subject::Blob(d('a'))
        ]
    );
    assert!(f[1].problems[0].contains("record without its layer"));
}

#[test]
fn leftovers_of_killed_nooks_are_found_and_those_at_work_left() {
    let mut scan = store();
    let t = |name: &str, kind| TempSeen {
        name: name.into(),
        kind,
        dir: name.starts_with("layer") || name.starts_with("probe"),
        age: 0,
    };
    scan.temps = vec![
        t("blob-1-2-3", Temp::Blob { alive: false }),
        t("blob-4-5-6", Temp::Blob { alive: true }),
        t(
            &format!("layer-{}", "3".repeat(64)),
            Temp::Layer { busy: false },
        ),
        t(
            &format!("layer-{}", "4".repeat(64)),
            Temp::Layer { busy: true },
        ),
        t("pull-ab.partial", Temp::Partial { busy: false }),
        t("pull-cd.partial", Temp::Partial { busy: true }),
        t("probe-7-lower", Temp::Probe { alive: false }),
        t("junk", Temp::Other),
    ];
    scan.locks = vec![
        ("1".repeat(64), false),
        ("3".repeat(64), false),
        ("9".repeat(64), false),
        ("a".repeat(64), true),
    ];
    scan.index_temp = true;
    let f = findings(&scan, &rules());
    let got: Vec<(String, Fix)> = f
        .iter()
        .map(|f| match &f.subject {
            Subject::Leftover(p) => (p.clone(), f.fix.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    let file = Fix::RemoveFile { userns: false };
    let tree = Fix::RemoveFile { userns: true };
    assert_eq!(
        got,
        [
            ("images.json.tmp".into(), file.clone()),
            ("tmp/blob-1-2-3".into(), file.clone()),
            (format!("tmp/layer-{}", "3".repeat(64)), tree.clone()),
            ("tmp/pull-ab.partial".into(), Fix::RemoveLock),
            ("tmp/probe-7-lower".into(), tree),
            ("tmp/junk".into(), file),
            (format!("locks/{}.lock", "9".repeat(64)), Fix::RemoveLock),
        ]
    );
    assert!(f[6].problems[0].starts_with("a stale lock"));
}

#[test]
fn a_corrupt_index_is_set_aside_and_its_files_become_garbage() {
    let mut scan = store();
    scan.index = Some(Err("the image index is corrupt".into()));
    let f = findings(&scan, &rules());
    assert_eq!(f[0].fix, Fix::SetIndexAside);
    assert!(f.iter().any(|f| f.fix == Fix::RemoveLayer));
}

#[test]
fn volumes_need_their_data_and_metadata() {
    let mut scan = store();
    let v = |name: &str, data, meta, creating| VolumeSeen {
        name: name.into(),
        data,
        meta,
        creating,
    };
    scan.volumes = vec![
        v("ok", true, Some(true), None),
        v("nometa", true, None, None),
        v("badmeta", true, Some(false), None),
        v("nodata", false, Some(true), None),
        v(".tmp-x-1", false, None, Some(false)),
        v(".tmp-y-2", false, None, Some(true)),
    ];
    let f = findings(&scan, &rules());
    let got: Vec<(&Subject, &Fix)> = f.iter().map(|f| (&f.subject, &f.fix)).collect();
    assert_eq!(
        got,
        [
            (&Subject::Volume("nometa".into()), &Fix::WriteVolumeMeta),
            (&Subject::Volume("badmeta".into()), &Fix::WriteVolumeMeta),
            (&Subject::Volume("nodata".into()), &Fix::RemoveVolume),
            (
                &Subject::Leftover("volumes/.tmp-x-1".into()),
                &Fix::RemoveFile { userns: true }
            ),
        ]
    );
}
