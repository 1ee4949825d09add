//! Volumes and mounts end to end, as the unprivileged user with the real binary: bind mounts
//! read-write and read-only, `--read-only`, `--tmpfs`, named volumes shared by two
//! containers (on a `--rootfs` directory and on a loaded busybox image), `nook volume`, and
//! bad input failing in one line with exit 125 and nothing left behind.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::home::Home;
use common::{stderr, stdout};

/// This file's ways of using a home of its own (`common::home::Home`).
impl Home {
    /// `nook run --rm --network none OPTS --rootfs BUSYBOX sh -c SCRIPT`.
    fn sh(&self, opts: &[&str], script: &str) -> Output {
        let mut all = vec!["run", "--rm", "--network", "none"];
        all.extend_from_slice(opts);
        let rootfs = common::rootfs().to_str().unwrap();
        all.extend_from_slice(&["--rootfs", rootfs, "sh", "-c", script]);
        self.output(&all)
    }

    fn sh_ok(&self, opts: &[&str], script: &str) -> String {
        let out = self.sh(opts, script);
        assert!(
            out.status.success(),
            "{opts:?} {script}: ({:?}) {}{}",
            out.status.code(),
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    }

    fn volume_names(&self) -> Vec<String> {
        common::names_in(&self.volumes())
    }
}

/// A failed write inside the container because the file system is read-only.
fn erofs(out: &Output) {
    assert!(
        !out.status.success(),
        "the write succeeded: {}",
        stdout(out)
    );
    assert!(
        stderr(out).contains("Read-only file system"),
        "not EROFS: {}",
        stderr(out)
    );
}

/// A host directory the test user owns, inside the test's home.
fn host_dir(home: &Home, name: &str) -> PathBuf {
    let dir = home.path().join(name);
    std::fs::create_dir(&dir).unwrap();
    dir
}

#[test]
fn bind_mount_writes_reach_the_host_as_the_user() {
    let home = Home::new();
    let dir = host_dir(&home, "shared");
    std::fs::write(dir.join("in"), "from host\n").unwrap();
    let spec = format!("{}:/data", dir.display());
    let out = home.sh_ok(
        &["-v", &spec],
        "cat /data/in; echo from container > /data/out",
    );
    assert_eq!(out, "from host\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("out")).unwrap(),
        "from container\n"
    );
    // Container root is the host user: the file is plainly ours.
    let meta = std::fs::metadata(dir.join("out")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), common::ids());
    // --mount type=bind, and a single file.
    let file = format!(
        "type=bind,source={},target=/etc/motd",
        dir.join("in").display()
    );
    assert_eq!(
        home.sh_ok(&["--mount", &file], "cat /etc/motd"),
        "from host\n"
    );
}

#[test]
fn read_only_binds_cannot_be_written() {
    let home = Home::new();
    let dir = host_dir(&home, "ro");
    std::fs::write(dir.join("f"), "keep\n").unwrap();
    let v = format!("{}:/data:ro", dir.display());
    let m = format!("type=bind,source={},target=/data,readonly", dir.display());
    for opts in [["-v", v.as_str()], ["--mount", m.as_str()]] {
        assert_eq!(home.sh_ok(&opts, "cat /data/f"), "keep\n");
        erofs(&home.sh(&opts, "echo x > /data/f"));
        erofs(&home.sh(&opts, "touch /data/new"));
    }
    assert_eq!(std::fs::read_to_string(dir.join("f")).unwrap(), "keep\n");
    assert!(!dir.join("new").exists());
}

#[test]
fn read_only_root_keeps_tmp_writable() {
    let home = Home::new();
    erofs(&home.sh(&["--read-only"], "touch /newfile"));
    erofs(&home.sh(&["--read-only"], "echo x >> /etc/passwd"));
    let out = home.sh_ok(
        &["--read-only"],
        "for d in /tmp /var/tmp /run; do touch $d/ok && echo $d; done",
    );
    assert_eq!(out, "/tmp\n/var/tmp\n/run\n");
    erofs(&home.sh(&["--read-only", "--read-only-tmpfs=false"], "touch /tmp/x"));
    // Nothing reached the root file system directory.
    assert!(!common::rootfs().join("newfile").exists());
    // A read-only root still takes the user's mounts.
    let dir = host_dir(&home, "rw");
    let v = format!("{}:/data", dir.display());
    home.sh_ok(&["--read-only", "-v", &v], "touch /data/ok");
    assert!(dir.join("ok").exists());
}

#[test]
fn tmpfs_mounts_are_fresh_and_sized() {
    let home = Home::new();
    let out = home.sh_ok(
        &[
            "--tmpfs",
            "/scratch:size=1m,mode=1777",
            "--mount",
            "type=tmpfs,target=/t2,tmpfs-size=2m",
        ],
        "touch /scratch/a /t2/b && df -k /scratch /t2 | awk 'NR>1 {print $2, $6}'; grep ' /scratch ' /proc/mounts",
    );
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("1024 /scratch"), "{out}");
    assert_eq!(lines.next(), Some("2048 /t2"), "{out}");
    // podman's defaults for --tmpfs: noexec, nosuid, nodev.
    let opts = lines.next().unwrap_or_default();
    for flag in ["noexec", "nosuid", "nodev"] {
        assert!(opts.contains(flag), "{opts}");
    }
}

#[test]
fn named_volume_persists_between_containers() {
    let home = Home::new();
    home.sh_ok(
        &["-v", "data1:/v"],
        "echo persisted > /v/file && mkdir /v/sub && touch /v/sub/x && chown -R 7:7 /v/sub",
    );
    assert_eq!(home.volume_names(), ["data1"]);
    let data = home.volumes().join("data1/_data");
    // Written by container root: the host user's file.
    assert_eq!(
        std::fs::metadata(data.join("file")).unwrap().uid(),
        common::ids().0
    );
    let out = home.sh_ok(
        &["--mount", "type=volume,source=data1,target=/w"],
        "cat /w/file; stat -c %u /w/sub/x",
    );
    assert_eq!(out, "persisted\n7\n");
    erofs(&home.sh(&["-v", "data1:/w:ro"], "touch /w/file"));
    // Files of subordinate ids go too.
    assert_eq!(home.ok(&["volume", "rm", "data1"]), "data1\n");
    assert!(home.volume_names().is_empty());
}

#[test]
fn volume_commands_list_inspect_remove_and_prune() {
    let home = Home::new();
    assert_eq!(home.ok(&["volume", "create", "alpha"]), "alpha\n");
    home.fails(&["volume", "create", "alpha"], "already exists");
    home.ok(&["volume", "create", "--ignore", "alpha"]);
    home.ok(&["volume", "create", "beta"]);
    home.fails(&["volume", "create", "no/slash"], "invalid volume name");
    assert_eq!(
        home.ok(&["volume", "ls"]),
        "DRIVER    VOLUME NAME\nlocal     alpha\nlocal     beta\n"
    );
    assert_eq!(home.ok(&["volume", "ls", "-q"]), "alpha\nbeta\n");
    let inspect: serde_json::Value =
        serde_json::from_str(&home.ok(&["volume", "inspect", "alpha"])).unwrap();
    assert_eq!(inspect[0]["Name"], "alpha");
    assert_eq!(inspect[0]["Driver"], "local");
    assert_eq!(
        inspect[0]["Mountpoint"],
        home.volumes().join("alpha/_data").to_str().unwrap()
    );
    home.fails(&["volume", "inspect", "nosuch"], "no volume");
    // A kept container holds its volume.
    let name = format!("volkeep-{}", std::process::id());
    let rootfs = common::rootfs().to_str().unwrap();
    home.ok(&[
        "run",
        "--name",
        &name,
        "--network",
        "none",
        "-v",
        "alpha:/a",
        "--rootfs",
        rootfs,
        "true",
    ]);
    // A run refused (its name is taken) creates no volume.
    let out = home.output(&[
        "run",
        "--name",
        &name,
        "--network",
        "none",
        "-v",
        "gamma:/g",
        "--rootfs",
        rootfs,
        "true",
    ]);
    common::failed(&out, "already in use");
    assert!(!home.volumes().join("gamma").exists());
    // podman's exit status 2 and words, naming the container by its ID.
    let out = home.output(&["volume", "rm", "alpha"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let id = home.ok(&[
        "ps",
        "-a",
        "-q",
        "--no-trunc",
        "--filter",
        &format!("name={name}"),
    ]);
    assert_eq!(
        stderr(&out),
        format!(
            "Error: volume alpha is being used by the following container(s): {}: volume is being used\n",
            id.trim()
        )
    );
    // prune leaves it too, and removes the unused one.
    assert_eq!(home.ok(&["volume", "prune", "-f"]), "beta\n");
    assert_eq!(home.volume_names(), ["alpha"]);
    // -f removes the volume and the stopped container.
    assert_eq!(home.ok(&["volume", "rm", "-f", "alpha"]), "alpha\n");
    assert!(home.volume_names().is_empty());
    let ps = home.ok(&["ps", "-a"]);
    assert!(!ps.contains(&name), "{ps}");
}

#[test]
fn bad_mounts_fail_in_one_line_and_leave_nothing() {
    let home = Home::new();
    let name = format!("badmount-{}", std::process::id());
    let missing = home.path().join("missing");
    let spec = format!("{}:/x", missing.display());
    // The named volume must not be created when the run fails.
    let out = home.sh(&["--name", &name, "-v", "newvol:/y", "-v", &spec], "true");
    common::failed(&out, &format!("{} does not exist", missing.display()));
    assert!(!missing.exists(), "the host path was created");
    assert!(home.volume_names().is_empty(), "{:?}", home.volume_names());
    for (opts, needle) in [
        (vec!["-v", "/tmp:relative"], "must be absolute"),
        (vec!["-v", "/tmp:/x:bogus"], "\"bogus\""),
        (vec!["-v", "/tmp:/"], "root"),
        (vec!["--mount", "type=nfs,target=/x"], "type=bind"),
        (vec!["--mount", "type=bind,target=/x"], "source="),
        (vec!["--tmpfs", "/x:nope"], "\"nope\""),
        (
            vec!["-v", "/tmp:/x", "--tmpfs", "/x"],
            "duplicate mount destination",
        ),
    ] {
        common::failed(&home.sh(&opts, "true"), needle);
    }
    assert!(home.volume_names().is_empty());
    // No container was created: its name is free and `ps -a` does not know it.
    assert!(!common::runtime_dir().join("names").join(&name).exists());
    assert!(!home.ok(&["ps", "-a"]).contains(&name));
}

// ------------------------------------------------------------------ on a loaded image

fn images_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = tempfile::Builder::new()
            .prefix("nook-volimg-")
            .tempdir()
            .unwrap();
        let scripts = std::env::var_os("NOOK_SCRIPTS")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts"));
        let st = Command::new("python3")
            .arg(scripts.join("testimages.py"))
            .arg(tmp.path())
            .arg("--busybox-only")
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run scripts/testimages.py");
        assert!(st.success(), "testimages.py failed");
        tmp
    })
    .path()
}

#[test]
fn volumes_and_read_only_on_an_image() {
    let home = Home::new();
    let archive = images_dir().join("busybox.oci.tar");
    home.ok(&["load", "-i", archive.to_str().unwrap()]);
    for driver in ["overlay", "vfs"] {
        let run = |opts: &[&str], script: &str| {
            let mut all = vec![
                "run",
                "--rm",
                "--network",
                "none",
                "--storage-driver",
                driver,
            ];
            all.extend_from_slice(opts);
            all.extend_from_slice(&["busybox", "sh", "-c", script]);
            home.output(&all)
        };
        let out = run(&["-v", "imgvol:/srv/v"], "echo $0 > /srv/v/by-image");
        assert!(out.status.success(), "{driver}: {}", stderr(&out));
        let out = run(&["-v", "imgvol:/data:ro"], "cat /data/by-image");
        assert_eq!(stdout(&out), "sh\n", "{driver}: {}", stderr(&out));
        let out = run(&["--read-only"], "touch /tmp/ok && touch /etc/no");
        erofs(&out);
        let out = run(&["--read-only"], "touch /tmp/ok && echo ok");
        assert_eq!(stdout(&out), "ok\n", "{driver}: {}", stderr(&out));
        home.ok(&["volume", "rm", "imgvol"]);
    }
}
