//! Images end to end, as the unprivileged user: archives built locally by
//! scripts/testimages.py are loaded, listed, tagged, removed and run; hostile layers must
//! not reach a sentinel directory outside the store; bad input fails in one line, exit 125,
//! with nothing half-written left in the store.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::home::Home;
use common::{stderr, stdout};

struct Fixtures {
    _tmp: tempfile::TempDir,
    images: PathBuf,
    sentinel: PathBuf,
}

/// The test images, built once per test process, and the sentinel the hostile ones aim at.
fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(|| {
        let tmp = tempfile::Builder::new()
            .prefix("nook-img-")
            .tempdir()
            .unwrap();
        let images = tmp.path().join("images");
        let sentinel = tmp.path().join("sentinel");
        std::fs::create_dir(&sentinel).unwrap();
        std::fs::write(sentinel.join("file"), "orig\n").unwrap();
        let st = Command::new("python3")
            .arg(common::scripts_dir().join("testimages.py"))
            .arg(&images)
            .arg("--sentinel")
            .arg(&sentinel)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run scripts/testimages.py");
        assert!(st.success(), "testimages.py failed");
        Fixtures {
            _tmp: tmp,
            images,
            sentinel,
        }
    })
}

fn image(name: &str) -> PathBuf {
    fixtures().images.join(name)
}

/// A store and a runtime directory of its own (containers of other tests, running at the
/// same time, must not hold this store's images).
fn new_store() -> Home {
    Home::new().private_runtime()
}

/// This file's ways of using a store.
impl Home {
    fn load(&self, file: &str) -> String {
        self.ok(&["load", "-i", image(file).to_str().unwrap()])
    }

    fn run(&self, args: &[&str]) -> String {
        let mut all = vec!["run", "--rm", "--network", "none"];
        all.extend_from_slice(args);
        self.ok(&all)
    }
}

fn uid_start() -> u32 {
    let (uid, _) = common::ids();
    common::ranges("/etc/subuid", uid)
        .first()
        .map(|r| r.0)
        .expect("a /etc/subuid range for the test user")
}

#[test]
fn every_archive_kind_loads_and_runs() {
    for file in [
        "busybox.docker.tar",
        "busybox.docker.tar.gz",
        "busybox.oci.tar",
        "busybox-oci",
    ] {
        let s = new_store();
        assert_eq!(
            s.load(file),
            "Loaded image: docker.io/library/busybox:latest\n",
            "{file}"
        );
        let out = s.run(&["busybox", "cat", "/etc/os-release"]);
        assert!(out.contains("nook busybox"), "{file}: {out}");
        assert_eq!(s.entries("layers").len(), 1);
        assert!(
            s.entries("tmp").is_empty(),
            "{file}: {:?}",
            s.entries("tmp")
        );
    }
}

#[test]
fn ownership_and_modes_come_from_the_image() {
    let s = new_store();
    s.load("busybox.oci.tar");
    let out = s.run(&[
        "busybox",
        "sh",
        "-c",
        "stat -c '%u %g %a' /home/owned42 /bin/suid-marker",
    ]);
    assert_eq!(out, "42 42 640\n0 0 4755\n");
    // On the host the file belongs to the subordinate id that maps to 42.
    let layer = s.store().join("layers").join(&s.entries("layers")[0]);
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(layer.join("home/owned42")).unwrap();
    assert_eq!(meta.uid(), uid_start() + 41);
    // Extended attributes from the tar's PAX headers are kept.
    assert_eq!(
        user_xattr(&layer.join("etc/xattr-file"), "user.nook"),
        "from-the-layer"
    );
}

#[allow(unsafe_code)]
fn user_xattr(path: &Path, name: &str) -> String {
    use std::os::unix::ffi::OsStrExt;
    let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let n = std::ffi::CString::new(name).unwrap();
    let mut buf = [0u8; 256];
    // SAFETY: NUL-terminated strings and a live buffer of the given length.
    let len = unsafe { libc::getxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    assert!(len >= 0, "no {name} on {}", path.display());
    String::from_utf8_lossy(&buf[..len as usize]).into_owned()
}

#[test]
fn the_image_config_is_applied() {
    let s = new_store();
    s.load("entry.oci.tar");
    assert_eq!(s.run(&["localhost/entry:1"]), "entry: default-cmd\n");
    assert_eq!(s.run(&["localhost/entry:1", "a", "b"]), "entry: a b\n");
    let script = "id -u; id -g; pwd; echo $GREETING; echo $OVERRIDE";
    let out = s.run(&[
        "-e",
        "OVERRIDE=cli",
        "--entrypoint",
        "sh",
        "localhost/entry:1",
        "-c",
        script,
    ]);
    assert_eq!(out, "42\n42\n/srv\nhello from the image\ncli\n");
    let out = s.run(&[
        "-u",
        "0",
        "-w",
        "/tmp",
        "--entrypoint",
        "sh",
        "localhost/entry:1",
        "-c",
        "id -u; pwd",
    ]);
    assert_eq!(out, "0\n/tmp\n");
}

#[test]
fn whiteouts_and_opaque_directories_hide_lower_files() {
    let s = new_store();
    s.load("layers.oci.tar");
    let out = s.run(&[
        "localhost/layers:1",
        "sh",
        "-c",
        "ls -A /data /opq; ls -d /olddir /etc/os-release /data/gone /opq/sub 2>&1; true",
    ]);
    assert!(out.contains("/data:\nkeep\n"), "{out}");
    assert!(out.contains("/opq:\nnew\n"), "{out}");
    for gone in ["/olddir", "/etc/os-release", "/data/gone", "/opq/sub"] {
        assert!(
            out.contains(&format!("{gone}: No such file")),
            "{gone} visible: {out}"
        );
    }
    // The stored layers keep them in overlay form: a 0:0 character device.
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let found = s.entries("layers").iter().any(|l| {
        std::fs::symlink_metadata(s.store().join("layers").join(l).join("data/gone"))
            .is_ok_and(|m| m.file_type().is_char_device() && m.rdev() == 0)
    });
    assert!(found, "no whiteout device in the stored layers");
}

/// Files a hostile layer must not reach besides the sentinel directory: in the store's
/// `tmp/` (another pull's partial download, of a live process, that nook keeps), beside the
/// store and above it; and the directories holding them gain nothing.
struct Canaries {
    files: Vec<PathBuf>,
}

impl Canaries {
    fn plant(s: &Home) -> Canaries {
        s.ok(&["images", "-q"]); // creates the store
        let tmp = s.store().join("tmp");
        assert!(tmp.is_dir(), "no {}", tmp.display());
        let files = vec![
            tmp.join(format!("blob-{}-canary", std::process::id())),
            s.store().with_file_name("canary"),
            s.path().join("canary"),
        ];
        for f in &files {
            std::fs::write(f, "canary\n").unwrap();
        }
        Canaries { files }
    }

    fn check(&self, s: &Home, what: &str) {
        for f in &self.files {
            assert_eq!(
                std::fs::read_to_string(f).ok().as_deref(),
                Some("canary\n"),
                "{what}: {} was changed or removed",
                f.display()
            );
        }
        let tmp = s.entries("tmp");
        assert_eq!(
            tmp,
            [format!("blob-{}-canary", std::process::id())],
            "{what}: tmp"
        );
        assert_eq!(listing(s.path()), ["canary", "data", "run"], "{what}");
        let f = fixtures();
        assert_eq!(listing(f._tmp.path()), ["images", "sentinel"], "{what}");
        assert_eq!(
            listing(&f.sentinel),
            ["file"],
            "{what} wrote into the sentinel directory"
        );
        assert_eq!(
            std::fs::read_to_string(f.sentinel.join("file")).unwrap(),
            "orig\n",
            "{what}"
        );
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// What loading hostile-N does: its payload lands inside the layer (path in the container,
/// content), or the load is refused with one line naming the layer and this.
enum Want<'a> {
    Lands(&'a str, &'static str),
    Refused(&'static str),
}

/// A refused load: one line naming the layer and the entry, 125, nothing left in the store.
fn refused(s: &Home, out: &std::process::Output, what: &str, needle: &str) {
    common::failed(out, needle);
    assert!(
        stderr(out).contains("layer sha256:"),
        "{what}: {}",
        stderr(out)
    );
    assert!(s.ok(&["images", "-q"]).is_empty(), "{what} half-loaded");
    assert!(
        s.entries("layers").is_empty(),
        "{what}: {:?}",
        s.entries("layers")
    );
    assert!(s.entries("blobs/sha256").is_empty(), "{what}: blobs left");
}

#[test]
fn hostile_layers_never_reach_outside() {
    use Want::*;
    let sentinel = fixtures().sentinel.to_str().unwrap().to_string();
    let pwned = format!("{sentinel}/pwned");
    let wants = [
        (1, Lands(&pwned, "dotdot\n")),
        (2, Lands(&pwned, "absolute\n")),
        (
            3,
            Refused("cannot extract evil/pwned: cannot create its parent directory"),
        ),
        (
            4,
            Refused("cannot extract evil/pwned: cannot create its parent directory"),
        ),
        (5, Lands("/evil", "through a symlink to a file\n")),
        (
            6,
            Refused("cannot extract hl: the hard link's target is missing"),
        ),
        (7, Lands("/hl", "through a hard link\n")),
        (8, Lands(&pwned, "via ..\n")),
        (
            9,
            Refused("cannot extract .wh...: a whiteout of \"..\" is refused"),
        ),
        (
            10,
            Refused("cannot extract .wh..: a whiteout of \".\" is refused"),
        ),
        (
            11,
            Refused("cannot extract evil/.wh.sentinel: cannot create its parent directory"),
        ),
    ];
    // The images have no shell: a static busybox from outside reads the payload.
    let busybox = format!(
        "{}:/busybox:ro",
        common::rootfs().join("bin/busybox").display()
    );
    for (n, want) in wants {
        let what = format!("hostile-{n}");
        let s = new_store();
        let canaries = Canaries::plant(&s);
        let out = s.output(&[
            "load",
            "-i",
            image(&format!("{what}.oci.tar")).to_str().unwrap(),
        ]);
        canaries.check(&s, &what);
        match want {
            Lands(path, content) => {
                assert_eq!(
                    common::succeeded(&[&what], &out),
                    format!("Loaded image: localhost/{what}:1\n")
                );
                // Sanitised: inside the container, under either driver (overlay mounts the
                // stored layer, vfs applies it to a copy).
                for driver in ["overlay", "vfs"] {
                    let image = format!("localhost/{what}:1");
                    let got = s.run(&[
                        "--storage-driver",
                        driver,
                        "-v",
                        &busybox,
                        &image,
                        "/busybox",
                        "cat",
                        path,
                    ]);
                    assert_eq!(got, content, "{what} {driver}");
                }
            }
            Refused(needle) => refused(&s, &out, &what, needle),
        }
        canaries.check(&s, &what);
    }
}

/// A whiteout of `..` at the top of a layer named the store's `tmp/`, and emptied it.
#[test]
fn a_whiteout_of_dotdot_removes_nothing_above_the_layer() {
    let s = new_store();
    let canaries = Canaries::plant(&s);
    let out = s.output(&["load", "-i", image("hostile-9.oci.tar").to_str().unwrap()]);
    canaries.check(&s, "hostile-9");
    refused(&s, &out, "hostile-9", "a whiteout of \"..\" is refused");
    // The store still works.
    assert_eq!(
        s.load("busybox.oci.tar"),
        "Loaded image: docker.io/library/busybox:latest\n"
    );
    canaries.check(&s, "busybox after hostile-9");
}

#[test]
fn two_loads_at_once_both_succeed() {
    let s = new_store();
    let file = image("busybox.oci.tar");
    let spawn = || {
        s.nook()
            .args(["load", "-i", file.to_str().unwrap()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for c in [a, b] {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(s.ok(&["images", "-q"]).lines().count(), 1);
    assert_eq!(s.entries("layers").len(), 1);
    assert!(s.entries("tmp").is_empty());
    assert!(s.run(&["busybox", "true"]).is_empty());
}

#[test]
fn images_tag_rmi_and_inspect() {
    let s = new_store();
    s.load("busybox.docker.tar");
    s.load("entry.oci.tar");
    s.ok(&["tag", "busybox", "localhost/mine:2"]);
    let table = s.ok(&["images"]);
    let head = table.lines().next().unwrap();
    assert!(
        head.starts_with("REPOSITORY")
            && head.contains("TAG")
            && head.contains("IMAGE ID")
            && head.contains("CREATED")
            && head.ends_with("SIZE"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("docker.io/library/busybox ") && l.contains(" latest ")),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("localhost/mine ") && l.contains(" 2 ")),
        "{table}"
    );
    assert_eq!(s.ok(&["images", "-q"]).lines().count(), 2);
    let json: serde_json::Value =
        serde_json::from_str(&s.ok(&["images", "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    let inspect: serde_json::Value =
        serde_json::from_str(&s.ok(&["image", "inspect", "localhost/entry:1"])).unwrap();
    assert_eq!(inspect[0]["Config"]["WorkingDir"], "/srv");
    assert_eq!(inspect[0]["RootFS"]["Layers"].as_array().unwrap().len(), 1);
    // Untag one name, then remove: the shared layer stays while entry uses it.
    assert_eq!(
        s.ok(&["rmi", "localhost/mine:2"]),
        "Untagged: localhost/mine:2\n"
    );
    let out = s.ok(&["rmi", "busybox"]);
    assert!(
        out.starts_with("Untagged: docker.io/library/busybox:latest\nDeleted: "),
        "{out}"
    );
    assert_eq!(s.entries("layers").len(), 1);
    assert!(s.run(&["localhost/entry:1"]).contains("entry:"));
    s.ok(&["rmi", "localhost/entry:1"]);
    assert!(s.ok(&["images", "-q"]).is_empty());
    assert!(s.entries("layers").is_empty() && s.entries("blobs/sha256").is_empty());
    // A missing image: exit 1 (podman's), and nothing with -i or -f.
    let out = s.output(&["rmi", "busybox"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "Error: busybox: image not known\n");
    assert!(s.output(&["rmi", "-f", "busybox"]).status.success());
    assert!(s.output(&["rmi", "-i", "busybox"]).status.success());
}

#[test]
fn rmi_refuses_an_image_a_kept_container_uses() {
    let s = new_store();
    // A store and a runtime directory of its own: no other test's container holds its image.
    s.load("layers.oci.tar");
    let name = format!("keep-{}", std::process::id());
    let image = "localhost/layers:1";
    s.ok(&["run", "--network", "none", "--name", &name, image, "true"]);
    s.fails(&["rmi", image], "in use by container");
    s.ok(&["rm", &name]);
    s.ok(&["rmi", image]);
}

#[test]
fn a_running_container_holds_its_image_in_its_own_store_only() {
    let s = new_store();
    s.load("busybox.oci.tar");
    // A second store with the same image, whose containers share the runtime directory.
    let other = Home::new().env("XDG_RUNTIME_DIR", s.runtime().unwrap());
    let busybox = image("busybox.oci.tar");
    assert!(
        other
            .output(&["load", "-i", busybox.to_str().unwrap()])
            .status
            .success()
    );
    let name = format!("holds-{}", std::process::id());
    let mut running = s
        .nook()
        .args([
            "run",
            "--rm",
            "--network",
            "none",
            "--name",
            &name,
            "busybox",
        ])
        .args(["sh", "-c", "trap 'exit 0' TERM; sleep 30 & wait"])
        .spawn()
        .unwrap();
    assert!(
        common::wait_for(10, || stdout(&s.output(&["ps"])).contains(&name)),
        "the container never ran"
    );
    // Its overlay reads the image's layers: not removed, not even with -f, nor pruned.
    s.fails(&["rmi", "busybox"], "in use by running container");
    s.fails(&["rmi", "-f", "busybox"], "in use by running container");
    s.ok(&["image", "prune", "-a"]);
    assert!(s.ok(&["images"]).contains("busybox"));
    // The same image in another store is free.
    let out = other.output(&["rmi", "busybox"]);
    assert!(out.status.success(), "{}", stderr(&out));
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(running.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    assert!(running.wait().unwrap().success());
    s.ok(&["rmi", "busybox"]);
}

#[test]
fn bad_input_is_one_line_and_leaves_nothing() {
    let s = new_store();
    s.fails(&["load", "-i", "/nonexistent/archive.tar"], "cannot load");
    let tmp = tempfile::tempdir().unwrap();
    let text = tmp.path().join("text.tar");
    std::fs::write(&text, "not an archive at all\n".repeat(100)).unwrap();
    s.fails(&["load", "-i", text.to_str().unwrap()], "cannot load");
    // Truncated in the middle of the layer blob.
    let whole = std::fs::read(image("busybox.oci.tar")).unwrap();
    let cut = tmp.path().join("cut.tar");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    s.fails(&["load", "-i", cut.to_str().unwrap()], "cannot load");
    // A layer blob whose content does not match its digest.
    let dir = tmp.path().join("corrupt");
    assert!(
        Command::new("cp")
            .arg("-r")
            .arg(image("busybox-oci"))
            .arg(&dir)
            .status()
            .unwrap()
            .success()
    );
    let biggest = std::fs::read_dir(dir.join("blobs/sha256"))
        .unwrap()
        .flatten()
        .max_by_key(|e| e.metadata().unwrap().len())
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&biggest).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&biggest, bytes).unwrap();
    s.fails(&["load", "-i", dir.to_str().unwrap()], "corrupt");
    for sub in ["tmp", "layers", "blobs/sha256"] {
        assert!(s.entries(sub).is_empty(), "{sub}: {:?}", s.entries(sub));
    }
    assert!(s.ok(&["images", "-q"]).is_empty());
    s.fails(
        &["run", "--rm", "--pull=never", "busybox", "true"],
        "busybox: image not known",
    );
    // A missing image is pulled first, said as podman says it ("Trying to pull"): a registry
    // that is not there is then one line too.
    s.fails(
        &[
            "run",
            "--rm",
            "-q",
            "--tls-verify=false",
            "127.0.0.1:1/nothing:1",
            "true",
        ],
        "127.0.0.1:1",
    );
    s.fails(
        &["run", "--rm", "Bad:Ref", "true"],
        "invalid image reference",
    );
    s.fails(&["tag", "nothing", "x"], "not found");
    let dir = format!("{}/", tmp.path().display());
    s.fails(&["run", "--rm", &dir, "true"], "add --rootfs");
}

#[test]
fn a_killed_unpack_leaves_nothing_taken_for_complete() {
    let s = new_store();
    s.load("busybox.oci.tar");
    let layer = s.entries("layers")[0].clone();
    s.ok(&["rmi", "busybox"]);
    assert!(s.entries("layers").is_empty());
    // What an unpack killed halfway leaves: a partial tree under tmp/, no layer.
    let partial = s.store().join("tmp").join(format!("layer-{layer}"));
    std::fs::create_dir_all(partial.join("bin")).unwrap();
    std::fs::write(partial.join("bin/half-written"), "x").unwrap();
    s.load("busybox.oci.tar");
    assert!(s.entries("tmp").is_empty(), "{:?}", s.entries("tmp"));
    let dir = s.store().join("layers").join(&layer);
    assert!(!dir.join("bin/half-written").exists());
    assert!(dir.join("bin/busybox").is_file());
    assert_eq!(
        s.run(&["busybox", "cat", "/etc/os-release"])
            .lines()
            .count(),
        2
    );
}

#[test]
fn containers_made_from_images_leave_nothing_behind() {
    let s = new_store();
    s.load("busybox.oci.tar");
    // The overlay driver writes to the container's upper directory, vfs to its private copy.
    for (driver, written) in [("overlay", "upper/made"), ("vfs", "rootfs/made")] {
        let name = format!("gone-{driver}-{}", std::process::id());
        let with = |args: &[&str]| {
            let mut all = vec!["run", "--network", "none", "--storage-driver", driver];
            all.extend_from_slice(args);
            all.iter().map(|a| a.to_string()).collect::<Vec<_>>()
        };
        let rm_run = with(&["--rm", "--name", &name, "busybox", "true"]);
        s.ok(&rm_run.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(!s.ok(&["ps", "-a"]).contains(&name));
        let kept = with(&["--name", &name, "busybox", "touch", "/made"]);
        s.ok(&kept.iter().map(String::as_str).collect::<Vec<_>>());
        let ps: serde_json::Value =
            serde_json::from_str(&s.ok(&["ps", "-a", "--format", "json"])).unwrap();
        let id = ps
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["Names"][0] == name.as_str())
            .map(|c| c["Id"].as_str().unwrap().to_string())
            .expect("the kept container is listed");
        // A kept container's root lives in the data directory (it survives a reboot), its
        // live state in the runtime directory.
        let dir = s.runtime_dir().join("containers").join(&id);
        let data = s.store().parent().unwrap().join("containers").join(&id);
        assert!(
            data.join(written).exists(),
            "{driver}: no {written} in {}",
            data.display()
        );
        // podman's rm echoes the name or ID it was given.
        assert_eq!(s.ok(&["rm", &name]), format!("{name}\n"));
        assert!(!dir.exists(), "{} left behind", dir.display());
        assert!(!data.exists(), "{} left behind", data.display());
    }
}

#[test]
fn image_prune_removes_unnamed_then_unused_images() {
    let s = new_store();
    s.load("busybox.oci.tar");
    s.load("entry.oci.tar");
    // The busybox name moves to the entry image: busybox's image is left without a name.
    s.ok(&["tag", "localhost/entry:1", "docker.io/library/busybox"]);
    let table = s.ok(&["images"]);
    assert!(table.lines().any(|l| l.starts_with("<none>")), "{table}");
    assert_eq!(s.ok(&["image", "prune"]).lines().count(), 1);
    assert_eq!(s.ok(&["images", "-q"]).lines().count(), 1);
    assert_eq!(s.entries("layers").len(), 1, "the shared layer stays");
    s.ok(&["image", "prune", "-a"]);
    assert!(s.ok(&["images", "-q"]).is_empty());
    for sub in ["layers", "blobs/sha256", "tmp"] {
        assert!(s.entries(sub).is_empty(), "{sub}: {:?}", s.entries(sub));
    }
}
