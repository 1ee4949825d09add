//! `nook cp` between the host and a container, running (through its namespaces) or stopped
//! (its root on disk): both directions, docker's landing rules, symbolic links that point
//! out of the root resolve inside it, ownership mapped, `-a`.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::running::Running;
use common::*;

fn cp(args: &[&str]) -> std::process::Output {
    nook().arg("cp").args(args).output().expect("spawn nook cp")
}

fn cp_ok(args: &[&str]) {
    let out = cp(args);
    succeeded(&["cp"], &out);
}

fn host_dir(name: &str) -> String {
    let dir = scratch().join(unique(name));
    std::fs::create_dir_all(&dir).unwrap();
    dir.display().to_string()
}

const SETUP: &str = "mkdir -p /data/sub && echo hello > /data/sub/f && chown 1000:1001 /data/sub/f \
    && ln -s /etc /data/abs && ln -s ../../../../../etc /data/rel && echo inside > /etc/marker";

#[test]
fn out_of_a_running_container() {
    let c = Running::start(&[], SETUP);
    let out = host_dir("out");
    // A directory into an existing directory: under its own name, owned by the user.
    cp_ok(&[&format!("{}:/data", c.name), &out]);
    let f = Path::new(&out).join("data/sub/f");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "hello\n");
    let (uid, gid) = ids();
    let meta = std::fs::metadata(&f).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (uid, gid));
    // Links are copied as links.
    let link = std::fs::read_link(Path::new(&out).join("data/abs")).unwrap();
    assert_eq!(link, Path::new("/etc"));
    // A file to a new name; the contents of a directory with DIR/.
    cp_ok(&[
        &format!("{}:/data/sub/f", c.name),
        &format!("{out}/renamed"),
    ]);
    assert_eq!(
        std::fs::read_to_string(format!("{out}/renamed")).unwrap(),
        "hello\n"
    );
    cp_ok(&[
        &format!("{}:/data/sub/.", c.name),
        &format!("{out}/contents"),
    ]);
    assert!(Path::new(&out).join("contents/f").is_file());
    // Missing source, missing destination directory: one line, 125, nothing made.
    let r = cp(&[&format!("{}:/no/such", c.name), &out]);
    assert_eq!(r.status.code(), Some(125));
    assert_eq!(stderr(&r).lines().count(), 1, "{}", stderr(&r));
    let r = cp(&[&format!("{}:/data/sub/f", c.name), &format!("{out}/nodir/")]);
    failed(&r, "does not exist");
    assert!(!Path::new(&out).join("nodir").exists());
}

#[test]
fn archive_keeps_the_container_ids() {
    let c = Running::start(&[], SETUP);
    let out = host_dir("archive");
    cp_ok(&["-a", &format!("{}:/data/sub/f", c.name), &out]);
    let meta = std::fs::metadata(Path::new(&out).join("f")).unwrap();
    // Container uid 1000 is the 1000th subordinate id after the user's own (container root).
    let (uid, gid) = ids();
    let sub_uid = ranges("/etc/subuid", uid)[0].0 + 999;
    let sub_gid = ranges("/etc/subgid", gid)[0].0 + 1000;
    assert_eq!((meta.uid(), meta.gid()), (sub_uid, sub_gid));
    // Into the container: without -a the copy is its root's, with -a the host's ids as the
    // container sees them (the user's own: root).
    let file = Path::new(&out).join("mine");
    std::fs::write(&file, "mine\n").unwrap();
    cp_ok(&[file.to_str().unwrap(), &format!("{}:/tmp/mine", c.name)]);
    assert_eq!(c.ok(&[], &["stat", "-c", "%u:%g", "/tmp/mine"]), "0:0\n");
}

#[test]
fn symlinks_pointing_out_of_the_root_stay_inside() {
    let c = Running::start(&[], SETUP);
    let out = host_dir("escape");
    // Reading through an absolute and a relative link to /etc reads the container's /etc.
    for link in ["abs", "rel"] {
        let dest = format!("{out}/{link}-marker");
        cp_ok(&[&format!("{}:/data/{link}/marker", c.name), &dest]);
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "inside\n");
    }
    // Writing through them writes the container's /etc, never the host's.
    let name = unique("planted");
    let file = Path::new(&out).join(&name);
    std::fs::write(&file, "planted\n").unwrap();
    for link in ["abs", "rel"] {
        cp_ok(&[file.to_str().unwrap(), &format!("{}:/data/{link}/", c.name)]);
    }
    assert!(!Path::new("/etc").join(&name).exists());
    assert_eq!(c.ok(&[], &["cat", &format!("/etc/{name}")]), "planted\n");
    // A link of the container's planted at the destination is replaced, not followed.
    c.ok(&[], &["ln", "-s", "/etc/passwd", "/tmp/trap"]);
    cp_ok(&[file.to_str().unwrap(), &format!("{}:/tmp/trap", c.name)]);
    assert_eq!(c.ok(&[], &["cat", "/tmp/trap"]), "planted\n");
    assert!(c.ok(&[], &["cat", "/etc/passwd"]).contains("root:"));
}

#[test]
fn into_and_out_of_a_stopped_container() {
    let name = unique("stopped");
    let root = rootfs_copy(&name);
    let out = nook()
        .args(["run", "--name", &name, "--rootfs"])
        .arg(&root)
        .args(["sh", "-c", SETUP])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = host_dir("stopped");
    cp_ok(&[&format!("{name}:/data/abs/marker"), &dir]);
    assert_eq!(
        std::fs::read_to_string(Path::new(&dir).join("marker")).unwrap(),
        "inside\n"
    );
    let file = Path::new(&dir).join("in");
    std::fs::write(&file, "in\n").unwrap();
    cp_ok(&[file.to_str().unwrap(), &format!("{name}:/data/rel/")]);
    assert_eq!(
        std::fs::read_to_string(root.join("etc/in")).unwrap(),
        "in\n"
    );
    let out = nook().args(["rm", &name]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn bad_input_is_one_line() {
    for (args, needle) in [
        (&["a", "b"][..], "no container named"),
        (&["x:/a", "y:/b"][..], "two containers"),
        (&["no-such-container-y:/a", "/tmp"][..], "no such container"),
        (&["-", "-"][..], "no container named"),
    ] {
        let out = cp(args);
        let err = failed(&out, needle);
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn tar_streams_both_ways() {
    let c = Running::start(&[], SETUP);
    // Out: the container's ids and links, as tar lists them.
    let out = nook()
        .args(["cp", &format!("{}:/data", c.name), "-"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let archive = scratch().join(format!("{}.tar", c.name));
    std::fs::write(&archive, &out.stdout).unwrap();
    let listing = std::process::Command::new("tar")
        .args(["tvf"])
        .arg(&archive)
        .output()
        .unwrap();
    let listing = stdout(&listing);
    assert!(
        listing.contains("1000/1001") && listing.contains("data/sub/f"),
        "{listing}"
    );
    assert!(listing.contains("data/abs -> /etc"), "{listing}");
    // In: unpacked into an existing directory of the container, owned by its root.
    let input = std::fs::File::open(&archive).unwrap();
    let out = nook()
        .args(["cp", "-", &format!("{}:/tmp", c.name)])
        .stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(c.ok(&[], &["cat", "/tmp/data/sub/f"]), "hello\n");
    assert_eq!(
        c.ok(&[], &["stat", "-c", "%u:%g", "/tmp/data/sub/f"]),
        "0:0\n"
    );
    let input = std::fs::File::open(&archive).unwrap();
    let out = nook()
        .args(["cp", "-", &format!("{}:/etc/passwd", c.name)])
        .stdin(input)
        .output()
        .unwrap();
    failed(&out, "not a directory");
}
