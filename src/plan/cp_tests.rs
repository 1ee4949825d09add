//! Unit tests of `plan::cp`.

use super::*;

#[test]
fn one_side_is_the_containers() {
    let e = endpoints("web:/etc/hosts", "./out").unwrap();
    assert_eq!(e.direction, Direction::Out);
    assert_eq!(
        (e.container.as_str(), e.container_path.as_str()),
        ("web", "/etc/hosts")
    );
    assert_eq!(e.host_path, "./out");
    let e = endpoints("/tmp/a:b", "web:tmp").unwrap();
    assert_eq!(e.direction, Direction::In);
    assert_eq!(e.host_path, "/tmp/a:b");
    assert_eq!(e.container_path, "/tmp");
    assert_eq!(endpoints("web:", "x").unwrap().container_path, "/");
    assert!(
        endpoints("a:/x", "b:/y")
            .unwrap_err()
            .contains("two containers")
    );
    assert!(endpoints("./a", "/b").unwrap_err().contains("no container"));
    let e = endpoints("-", "web:/x").unwrap();
    assert!(e.direction == Direction::In && is_stream(&e.host_path));
    let e = endpoints("web:/x", "-").unwrap();
    assert!(e.direction == Direction::Out && is_stream(&e.host_path));
    assert!(endpoints("-", "-").is_err());
    assert!(endpoints("web:/x", "").is_err());
}

#[test]
fn sources() {
    let s = |dir: &str, name: Option<&str>| Source {
        dir: dir.into(),
        name: name.map(str::to_string),
    };
    assert_eq!(source("/etc/hosts"), s("/etc", Some("hosts")));
    assert_eq!(source("/etc/"), s("/", Some("etc")));
    assert_eq!(source("/etc/."), s("/etc", None));
    assert_eq!(source("/"), s("/", None));
    assert_eq!(source("/."), s("/", None));
    assert_eq!(source("rel"), s(".", Some("rel")));
}

#[test]
fn landings_follow_dockers_rules() {
    let file = source("/etc/hosts");
    let dir = source("/etc");
    let contents = source("/etc/.");
    // Into an existing directory: under the source's name, or merged.
    assert_eq!(
        landing(&file, Kind::File, "/out", Some(Kind::Dir)),
        Ok(Landing::Inside(Some("hosts".into())))
    );
    assert_eq!(
        landing(&contents, Kind::Dir, "/out", Some(Kind::Dir)),
        Ok(Landing::Inside(None))
    );
    // A missing destination becomes the copy.
    assert_eq!(
        landing(&dir, Kind::Dir, "/out/new", None),
        Ok(Landing::Beside("new".into()))
    );
    assert_eq!(
        landing(&dir, Kind::Dir, "/out/new/", None),
        Ok(Landing::Beside("new".into()))
    );
    assert!(
        landing(&file, Kind::File, "/out/new/", None)
            .unwrap_err()
            .contains("does not exist")
    );
    // A file is overwritten by a file, never by a directory.
    assert_eq!(
        landing(&file, Kind::File, "/out/f", Some(Kind::File)),
        Ok(Landing::Beside("f".into()))
    );
    assert!(landing(&dir, Kind::Dir, "/out/f", Some(Kind::File)).is_err());
    assert!(landing(&file, Kind::File, "/out/f/", Some(Kind::File)).is_err());
    assert!(landing(&file, Kind::File, "..", None).is_err());
    assert_eq!(parent_of("/out/new/"), "/out");
    assert_eq!(parent_of("new"), ".");
    assert_eq!(parent_of("/new"), "/");
}
