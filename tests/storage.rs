//! Storage end to end, as the unprivileged user: copy-on-write, whiteouts and opaque
//! directories with every driver (two containers of one image at once), an image of 128
//! layers with every driver,
//! fuse-overlayfs copy-on-write and whiteouts, ten containers of one image at once, the
//! driver chosen by a probe (shown by `nook info`) or by storage.conf, the store moved by
//! storage.conf, `nook unshare`, `nook system prune` and `reset`, and a `nook run` killed
//! mid-run whose subordinate-owned directories the next command removes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::home::Home;
use common::{stderr, stdout};

/// An image made by scripts/testimages.py with `extra` options; returns the archive.
fn testimage(extra: &[&str], file: &str) -> PathBuf {
    // One directory per set: two sets written at once must not share a file.
    let out = common::scratch().join(format!("images-{file}"));
    let path = out.join(file);
    if !path.exists() {
        let st = Command::new("python3")
            .arg(common::scripts_dir().join("testimages.py"))
            .arg(&out)
            .args(extra)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run scripts/testimages.py");
        assert!(st.success(), "testimages.py {extra:?} failed");
    }
    path
}

fn many_layers() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| testimage(&["--many-layers", "128"], "many-128.oci.tar"))
}

fn layered() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| testimage(&[], "layers.oci.tar"))
}

fn busybox() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| testimage(&["--busybox-only"], "busybox.oci.tar"))
}

/// This file's way of loading an image into a store.
impl Home {
    fn load(&self, file: &Path) {
        self.ok(&["load", "-i", file.to_str().unwrap()]);
    }
}

#[test]
fn an_image_of_128_layers_runs_with_every_driver() {
    let s = Home::new();
    s.load(many_layers());
    assert_eq!(s.entries("layers").len(), 128);
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        let out = s.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--storage-driver",
            driver,
            "localhost/many:128",
            "cat",
            "/many/top",
            "/many/127",
            "/many/1",
            "/etc/os-release",
        ]);
        assert_eq!(
            out, "top\nlayer 127\nlayer 1\nNAME=\"nook busybox\"\nID=nook-busybox\n",
            "{driver}"
        );
    }
}

#[test]
fn unshare_runs_as_root_of_the_mapped_namespace_and_removes_subordinate_files() {
    let s = Home::new();
    let dir = common::scratch().join(common::unique("owned"));
    let d = dir.to_str().unwrap();
    // Inside: uid 0, the user's maps, and files chowned to a subordinate id.
    let out = s.ok(&[
        "unshare",
        "sh",
        "-c",
        &format!("id -u; mkdir -p {d}/sub && touch {d}/sub/f && chown -R 42:42 {d}"),
    ]);
    assert_eq!(out, "0\n");
    let map = s.ok(&["unshare", "cat", "/proc/self/uid_map"]);
    let (uid, _) = common::ids();
    assert!(
        map.split_whitespace().collect::<Vec<_>>()[..3] == ["0", &uid.to_string(), "1"],
        "{map}"
    );
    // The user cannot remove them directly...
    assert!(std::fs::remove_dir_all(&dir).is_err());
    assert!(dir.join("sub").exists());
    // ...nook unshare can.
    s.ok(&["unshare", "rm", "-rf", d]);
    assert!(!dir.exists());
    // The exit code is passed through; a missing command is 127, a signal 128+N.
    assert_eq!(
        s.output(&["unshare", "sh", "-c", "exit 7"]).status.code(),
        Some(7)
    );
    let out = s.output(&["unshare", "no-such-command-here"]);
    assert_eq!(out.status.code(), Some(127), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);
    assert_eq!(
        s.output(&["unshare", "sh", "-c", "kill -9 $$"])
            .status
            .code(),
        Some(137)
    );
    // Without a command: $SHELL, reading its standard input.
    let out = s
        .nook()
        .args(["unshare"])
        .env("SHELL", "/bin/sh")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(b"echo shell $(id -u)\n")?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(stdout(&out), "shell 0\n", "{}", stderr(&out));
}

fn run(s: &Home, opts: &[&str], cmd: &[&str]) -> Output {
    let mut all = vec!["run", "--network", "none"];
    all.extend_from_slice(opts);
    all.push("busybox");
    all.extend_from_slice(cmd);
    s.output(&all)
}

#[test]
fn system_prune_removes_stopped_containers_and_unused_images() {
    let s = Home::new().private_runtime();
    s.load(busybox());
    s.load(many_layers());
    let out = run(
        &s,
        &["--name", "kept"],
        &["sh", "-c", "mkdir /d && echo x > /d/f && chown -R 42 /d"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(s.containers().len(), 1);
    // Asks first: without a terminal, -f is required, and nothing is removed.
    let out = s.output(&["system", "prune"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(stderr(&out).contains("add -f"), "{}", stderr(&out));
    assert_eq!(s.containers().len(), 1);
    // Without -a: the stopped container goes; both images have names and stay.
    let out = s.ok(&["system", "prune", "-f"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Deleted Containers", "{out}");
    assert_eq!(lines[1].len(), 64, "{out}");
    assert!(lines[2].starts_with("Total reclaimed space: "), "{out}");
    assert_eq!(lines.len(), 3, "{out}");
    assert!(s.containers().is_empty());
    assert_eq!(s.entries("layers").len(), 128);
    // With -a: every image no container uses; a running container keeps its image.
    let mut running = s
        .nook()
        .args([
            "run",
            "--rm",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            "touch /ready; exec sleep 60",
        ])
        .spawn()
        .unwrap();
    let up = common::wait_for(30, || {
        s.containers().iter().any(|id| {
            s.runtime_dir()
                .join("containers")
                .join(id)
                .join("upper/ready")
                .exists()
        })
    });
    assert!(up, "the running container did not start");
    let out = s.ok(&["system", "prune", "-a", "-f"]);
    assert!(out.starts_with("Deleted Images\n"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
    assert_eq!(s.ok(&["images", "-q"]).lines().count(), 1);
    assert_eq!(s.entries("layers").len(), 1);
    running.kill().unwrap();
    running.wait().unwrap();
    let out = s.ok(&["system", "prune", "-a", "-f"]);
    assert!(out.starts_with("Deleted Images\n"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
    let reclaimed = out.lines().last().unwrap();
    assert!(reclaimed.ends_with(" MB"), "{reclaimed}");
    assert!(s.entries("layers").is_empty());
    assert!(s.entries("blobs/sha256").is_empty());
    assert_eq!(s.ok(&["images", "-q"]), "");
    // Nothing left: still a report.
    assert_eq!(
        s.ok(&["system", "prune", "-a", "-f"]),
        "Total reclaimed space: 0 B\n"
    );
}

#[test]
fn system_reset_removes_everything_of_nook() {
    let s = Home::new().private_runtime();
    s.load(busybox());
    let out = run(
        &s,
        &["--name", "kept"],
        &[
            "sh",
            "-c",
            "mkdir /d && echo x > /d/f && chown -R 42 /d && chmod 700 /d",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let volumes = s.volumes().join("v/_data");
    std::fs::create_dir_all(&volumes).unwrap();
    s.ok(&["unshare", "chown", "42:42", volumes.to_str().unwrap()]);
    let out = s.output(&["system", "reset"]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    assert!(s.store().join("layers").exists());
    s.ok(&["system", "reset", "-f"]);
    assert!(!s.store().exists());
    assert!(!s.runtime_dir().exists());
    assert!(!s.volumes().exists());
    // nook starts afresh.
    assert_eq!(s.ok(&["images", "-q"]), "");
    assert_eq!(s.ok(&["ps", "-a"]).lines().count(), 1);
}

fn overlays_of(id: &str) -> Vec<String> {
    let mut found = common::host_mounts_with(id);
    for pid in std::fs::read_dir("/proc").unwrap().flatten() {
        let name = pid.file_name().to_string_lossy().into_owned();
        if name.parse::<u32>().is_ok()
            && let Ok(text) = std::fs::read_to_string(format!("/proc/{name}/mountinfo"))
        {
            found.extend(text.lines().filter(|l| l.contains(id)).map(str::to_string));
        }
    }
    found
}

#[test]
fn a_killed_run_is_cleaned_up_by_the_next_command() {
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        let s = Home::new().private_runtime();
        s.load(busybox());
        let marker = format!("sleep {}", 7000 + std::process::id() % 1000);
        let script = format!(
            "mkdir /d && echo x > /d/f && chown -R 42 /d && chmod 700 /d && touch /ready && exec {marker}"
        );
        let mut child = s
            .nook()
            .args([
                "run",
                "--rm",
                "--network",
                "none",
                "--storage-driver",
                driver,
                "busybox",
                "sh",
                "-c",
                &script,
            ])
            .spawn()
            .unwrap();
        let ready = common::wait_for(30, || {
            s.containers().iter().any(|id| {
                let dir = s.runtime_dir().join("containers").join(id);
                dir.join("upper/ready").exists() || dir.join("rootfs/ready").exists()
            })
        });
        assert!(ready, "{driver}: the container did not start");
        let id = s.containers().remove(0);
        child.kill().unwrap();
        child.wait().unwrap();
        // Everything dies with nook: __init, PID 1, the command; the mounts with them.
        assert!(
            common::wait_for(10, || common::processes_with(&marker).is_empty()),
            "{driver}: left running"
        );
        // fuse-overlayfs names the container's directory on its command line.
        assert!(
            common::wait_for(10, || common::processes_with(&id).is_empty()),
            "{driver}: {:?} left running",
            common::processes_with(&id)
        );
        assert!(
            common::wait_for(10, || overlays_of(&id).is_empty()),
            "{driver}: {:?}",
            overlays_of(&id)
        );
        // Left behind: the directory, holding files of a subordinate id.
        let dir = s.runtime_dir().join("containers").join(&id);
        assert!(dir.exists(), "{driver}");
        // The next command removes it.
        s.ok(&["ps", "-a"]);
        assert!(!dir.exists(), "{driver}: {dir:?} left");
        assert!(s.containers().is_empty(), "{driver}");
    }
}

#[test]
fn fuse_overlayfs_copies_on_write_and_honours_whiteouts() {
    let s = Home::new();
    s.load(layered());
    s.load(busybox());
    let run = |image: &str, opts: &[&str], script: &str| {
        let mut all = vec![
            "run",
            "--rm",
            "--network",
            "none",
            "--storage-driver",
            "fuse-overlayfs",
        ];
        all.extend_from_slice(opts);
        all.extend_from_slice(&[image, "sh", "-c", script]);
        s.ok(&all)
    };
    // The root is fuse-overlayfs's, inside the container only.
    let out = run(
        "localhost/layers:1",
        &[],
        "grep -c ' / .*fuse-overlayfs' /proc/self/mountinfo",
    );
    assert_eq!(out, "1\n");
    // Whiteouts (0:0 devices) delete, an opaque directory hides what is below it.
    let out = run(
        "localhost/layers:1",
        &[],
        "ls /data; ls /opq; for p in /data/gone /olddir /opq/old /opq/sub /etc/os-release; do \
         test -e $p && echo present $p; done; echo end",
    );
    assert_eq!(out, "keep\nnew\nend\n");
    // Writes go to the container's upper directory, never to the shared layers.
    let out = run(
        "busybox",
        &[],
        "echo changed > /etc/os-release && cat /etc/os-release && rm /bin/suid-marker && \
         test ! -e /bin/suid-marker && echo removed",
    );
    assert_eq!(out, "changed\nremoved\n");
    let layer = s.store().join("layers").join(
        s.entries("layers")
            .into_iter()
            .find(|l| {
                s.store()
                    .join("layers")
                    .join(l)
                    .join("bin/suid-marker")
                    .exists()
            })
            .expect("the busybox layer"),
    );
    let os_release = std::fs::read_to_string(layer.join("etc/os-release")).unwrap();
    assert!(os_release.contains("nook busybox"), "{os_release}");
    // Other ids of the container reach the files too (allow_other), with the image's owners.
    let out = run("busybox", &["-u", "42"], "id -u; cat /home/owned42");
    assert_eq!(out, "42\nforty-two\n");
    // A kept container keeps its changes until nook rm; nothing runs after it ends.
    let name = common::unique("fuse");
    s.ok(&[
        "run",
        "--network",
        "none",
        "--storage-driver",
        "fuse-overlayfs",
        "--name",
        &name,
        "busybox",
        "sh",
        "-c",
        "echo kept > /kept",
    ]);
    let (dir, id) = common::container_dirs()
        .into_iter()
        .map(|id| (common::runtime_dir().join("containers").join(&id), id))
        .find(|(d, _)| {
            std::fs::read_to_string(d.join("state.json")).is_ok_and(|t| t.contains(&name))
        })
        .expect("the kept container's directory");
    // A kept container's root lives in the data directory, beside its record (it survives a
    // reboot); the runtime directory keeps only its live state.
    let data = s.store().parent().unwrap().join("containers").join(&id);
    assert_eq!(
        std::fs::read_to_string(data.join("upper/kept")).unwrap(),
        "kept\n"
    );
    assert!(!dir.join("upper").exists());
    assert!(
        common::processes_with(&id).is_empty(),
        "{:?}",
        common::processes_with(&id)
    );
    assert!(overlays_of(&id).is_empty(), "{:?}", overlays_of(&id));
    s.ok(&["rm", &name]);
    assert!(!dir.exists());
    assert!(!data.exists());
}

/// The file system type of the container's root, as it sees it.
#[test]
fn copy_on_write_whiteouts_and_opaque_dirs_with_every_driver() {
    let s = Home::new();
    s.load(layered());
    let layer_file = |rel: &str| -> Vec<String> {
        s.entries("layers")
            .into_iter()
            .filter_map(|l| {
                std::fs::read_to_string(s.store().join("layers").join(l).join(rel)).ok()
            })
            .collect()
    };
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        let sync = common::scratch().join(format!("cow-{driver}"));
        std::fs::create_dir_all(&sync).unwrap();
        let volume = format!("{}:/sync", sync.display());
        let base = [
            "run",
            "--rm",
            "--network",
            "none",
            "--storage-driver",
            driver,
        ];
        // Container A changes a lower file and deletes one, then waits for B to look.
        let mut a_args = base.to_vec();
        a_args.extend_from_slice(&["-v", &volume, "localhost/layers:1", "sh", "-c"]);
        a_args.push(
            "echo from-a > /data/keep && rm /opq/new && touch /sync/a; i=0; \
             while [ ! -e /sync/b ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; \
             cat /data/keep; test -e /opq/new || echo new-gone-in-a",
        );
        let a = s
            .nook()
            .args(&a_args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        assert!(
            common::wait_for(20, || sync.join("a").exists()),
            "{driver}: container A never wrote"
        );
        // Container B, from the same image at the same time, sees the image as it is: later
        // layers' whiteouts delete, the opaque directory hides the lower one's files.
        let mut b_args = base.to_vec();
        b_args.extend_from_slice(&["localhost/layers:1", "sh", "-c"]);
        b_args.push(
            "cat /data/keep; ls /data /opq; for p in /data/gone /olddir /opq/old /opq/sub \
             /etc/os-release; do test -e $p && echo present $p; done; echo end",
        );
        let seen = s.ok(&b_args);
        std::fs::write(sync.join("b"), "").unwrap();
        let a = a.wait_with_output().unwrap();
        assert!(a.status.success(), "{driver}: A failed: {}", stderr(&a));
        assert_eq!(stdout(&a), "from-a\nnew-gone-in-a\n", "{driver}");
        assert_eq!(
            seen, "data/keep\n/data:\nkeep\n\n/opq:\nnew\nend\n",
            "{driver}: B saw A's writes or the layers wrongly"
        );
        // The shared layers are untouched.
        assert_eq!(layer_file("data/keep"), ["data/keep\n"], "{driver}");
        assert_eq!(layer_file("opq/new"), ["new\n"], "{driver}");
    }
}

#[test]
fn a_rm_containers_overlay_skips_syncs_and_a_kept_ones_does_not() {
    let s = Home::new();
    s.load(busybox());
    let root_options = "awk '$5 == \"/\" { print $NF }' /proc/self/mountinfo";
    let out = run(&s, &["--rm"], &["sh", "-c", root_options]);
    assert!(
        stdout(&out).contains("volatile"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let name = common::unique("kept-sync");
    let out = run(&s, &["--name", &name], &["sh", "-c", root_options]);
    let kept = stdout(&out);
    s.ok(&["rm", &name]);
    assert!(
        kept.contains("userxattr") && !kept.contains("volatile"),
        "{kept}"
    );
}

const ROOT_FS: &str = "awk '$5 == \"/\" { print $(NF-2) }' /proc/self/mountinfo";

#[test]
fn ten_containers_from_one_image_at_once_each_see_only_their_own_writes() {
    let s = Home::new().private_runtime();
    s.load(busybox());
    // No driver asked for: the ten first runs race to probe the kernel overlay, too.
    let children: Vec<_> = (0..10)
        .map(|i| {
            let script = format!(
                "echo {i} > /mine-{i} && cat /mine-{i} && ls / | grep -c '^mine-' && {ROOT_FS}"
            );
            s.nook()
                .args([
                    "run",
                    "--rm",
                    "--network",
                    "none",
                    "busybox",
                    "sh",
                    "-c",
                    &script,
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{i}: {}", stderr(&out));
        assert_eq!(stdout(&out), format!("{i}\n1\noverlay\n"), "{i}");
    }
    // The image is unchanged, and every --rm container is gone with its mounts.
    let out = run(
        &s,
        &["--rm"],
        &["sh", "-c", "ls / | grep -c '^mine-' || true"],
    );
    assert_eq!(stdout(&out), "0\n", "{}", stderr(&out));
    assert_eq!(s.containers(), Vec::<String>::new());
    let runtime = s.runtime_dir().display().to_string();
    assert_eq!(common::host_mounts_with(&runtime), Vec::<String>::new());
    assert_eq!(s.entries("tmp"), Vec::<String>::new());
}

#[test]
fn info_shows_the_store_and_the_driver_a_probe_chose_once() {
    let s = Home::new();
    let info = s.ok(&["info"]);
    let root = s.store().display().to_string();
    assert!(
        info.contains(&format!("image store       {root} on ")),
        "{info}"
    );
    assert!(info.contains("(the data directory)"), "{info}");
    assert!(
        info.contains("\nstorage:      overlay: kernel ")
            && info.contains("mounts overlayfs in a user namespace on this store's"),
        "{info}"
    );
    assert!(info.contains("(probed)"), "{info}");
    // Recorded in the store: later runs and `nook info` read it instead of probing.
    let record = s.store().join("overlay-probe.json");
    let before = std::fs::metadata(&record).unwrap().modified().unwrap();
    assert!(std::fs::read_to_string(&record).unwrap().contains("Mounts"));
    s.load(busybox());
    let out = run(&s, &["--rm"], &["sh", "-c", ROOT_FS]);
    assert_eq!(stdout(&out), "overlay\n", "{}", stderr(&out));
    s.ok(&["info"]);
    assert_eq!(
        std::fs::metadata(&record).unwrap().modified().unwrap(),
        before
    );
    // The probe leaves nothing behind.
    assert_eq!(s.entries("tmp"), Vec::<String>::new());
}

#[test]
fn storage_conf_chooses_the_driver_and_the_flag_or_variable_overrides_it() {
    let s = Home::new();
    s.load(busybox());
    s.storage_conf("# as containers-storage.conf\n[storage]\ndriver = \"vfs\"\n");
    let fs_with = |opts: &[&str], env: Option<&str>| {
        let mut all = vec!["run", "--rm", "--network", "none"];
        all.extend_from_slice(opts);
        all.extend_from_slice(&["busybox", "sh", "-c", ROOT_FS]);
        let mut c = s.nook();
        c.args(&all);
        if let Some(d) = env {
            c.env("NOOK_STORAGE_DRIVER", d);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{opts:?}: {}", stderr(&out));
        stdout(&out)
    };
    // A copy: the root is a directory of the store's own file system, not an overlay.
    let copied = fs_with(&[], None);
    assert!(
        !copied.trim().is_empty() && !copied.contains("overlay"),
        "{copied}"
    );
    assert_eq!(fs_with(&["--storage-driver", "overlay"], None), "overlay\n");
    assert_eq!(fs_with(&[], Some("overlay")), "overlay\n");
    let info = s.ok(&["info"]);
    assert!(
        info.contains("\nstorage:      vfs: asked for (storage.conf)"),
        "{info}"
    );
}

#[test]
fn a_bad_driver_in_storage_conf_is_one_line_and_nothing_is_left() {
    let s = Home::new().private_runtime();
    s.load(busybox());
    s.storage_conf("[storage]\ndriver = \"btrfs\"\n");
    let out = run(&s, &["--rm"], &["true"]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("storage.conf: unknown storage driver \"btrfs\"") && err.contains("vfs"),
        "{err}"
    );
    assert_eq!(s.containers(), Vec::<String>::new());
    s.storage_conf("");
}

#[test]
fn rootless_storage_path_in_storage_conf_moves_the_store() {
    let s = Home::new();
    let elsewhere = s.path().join("elsewhere");
    s.storage_conf(&format!(
        "[storage]\nrootless_storage_path = \"{}\"\n",
        elsewhere.display()
    ));
    s.load(busybox());
    assert!(!s.store().exists(), "the default store was created");
    let layers = std::fs::read_dir(elsewhere.join("layers")).unwrap().count();
    assert_eq!(layers, 1);
    let out = run(&s, &["--rm"], &["cat", "/etc/os-release"]);
    assert!(stdout(&out).contains("nook busybox"), "{}", stderr(&out));
    let info = s.ok(&["info"]);
    assert!(
        info.contains(&format!("{} on ", elsewhere.display()))
            && info.contains("(rootless_storage_path in "),
        "{info}"
    );
    // Named volumes live in the store named there.
    run(&s, &["--rm", "-v", "vol:/v"], &["touch", "/v/f"]);
    assert!(elsewhere.join("volumes/vol/_data/f").exists());
    s.ok(&["volume", "rm", "vol"]);
}

/// Unmounts a FUSE mount of the test user's when dropped.
struct FuseMount(PathBuf);

impl Drop for FuseMount {
    fn drop(&mut self) {
        let _ = Command::new("fusermount3").arg("-u").arg(&self.0).status();
    }
}

#[test]
fn a_data_directory_on_a_network_file_system_puts_the_store_on_local_disk() {
    // No NFS here: a FUSE file system (as sshfs is) mounted by the user through the setuid
    // fusermount3, with fuse-overlayfs, is one of the types nook must not put the store on.
    // A runtime directory of its own: `system reset` below must not touch other tests'.
    let s = Home::new().private_runtime();
    let base = s.path().join("fuse");
    for d in ["lower", "upper", "work", "mnt"] {
        std::fs::create_dir_all(base.join(d)).unwrap();
    }
    let mnt = base.join("mnt");
    let st = Command::new("fuse-overlayfs")
        .arg("-o")
        .arg(format!(
            "lowerdir={0}/lower,upperdir={0}/upper,workdir={0}/work",
            base.display()
        ))
        .arg(&mnt)
        .status()
        .expect("run fuse-overlayfs");
    assert!(st.success(), "fuse-overlayfs could not mount {mnt:?}");
    let _mounted = FuseMount(mnt.clone());
    let data = mnt.join("data");
    let (uid, _) = common::ids();
    let local = PathBuf::from(format!("/var/tmp/nook-{uid}"));
    let on_fuse = |args: &[&str]| {
        s.nook()
            .env("XDG_DATA_HOME", &data)
            .args(args)
            .output()
            .expect("spawn nook")
    };
    let existed = std::fs::symlink_metadata(&local).is_ok();
    if !existed {
        // Someone else's link in its place is refused, in one line, and left alone.
        std::os::unix::fs::symlink(s.path(), &local).unwrap();
        let out = on_fuse(&["images"]);
        let _ = std::fs::remove_file(&local);
        assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("is not a directory of yours"),
            "{}",
            stderr(&out)
        );
    }
    let out = on_fuse(&["load", "-i", busybox().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Said once, when the directory is made.
    let said = stderr(&out).contains(&format!(
        "Info: nook keeps images and volumes in {}: {} is on fuse",
        local.display(),
        data.display()
    ));
    assert_eq!(said, !existed, "{}", stderr(&out));
    let meta = std::fs::symlink_metadata(&local).unwrap();
    use std::os::unix::fs::MetadataExt;
    assert!(meta.is_dir() && meta.uid() == uid && meta.mode() & 0o777 == 0o700);
    assert!(!data.join("nook/storage").exists());
    let out = on_fuse(&["run", "--rm", "--network", "none", "busybox", "true"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Info:"), "{}", stderr(&out));
    let info = stdout(&on_fuse(&["info"]));
    assert!(
        info.contains(&format!(
            "image store       {}/storage on ",
            local.display()
        )) && info.contains("is on fuse, which cannot hold files of subordinate ids"),
        "{info}"
    );
    assert!(
        std::fs::read_dir(local.join("storage/layers"))
            .unwrap()
            .count()
            == 1
    );
    let out = on_fuse(&["system", "reset", "-f"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!local.join("storage").exists());
    if !existed {
        let _ = std::fs::remove_dir(&local);
    }
    // A store the user put on it anyway: layers on FUSE under upper dirs on local disk
    // (the runtime directory), which the kernel overlay takes; info says where it probed.
    s.storage_conf(&format!(
        "[storage]\nrootless_storage_path = \"{}\"\n",
        mnt.join("store").display()
    ));
    let info = s.ok(&["info"]);
    assert!(
        info.contains("\nstorage:      overlay: ")
            && info.contains("on this store's fuse, containers' upper dirs on ")
            && info.contains("(probed)"),
        "{info}"
    );
    assert!(
        info.contains("cannot hold files of subordinate ids"),
        "{info}"
    );
    s.storage_conf("");
    // Upper dirs on FUSE (a runtime directory there): the probe's kernel overlay mounts but
    // cannot be written through, so a run would get fuse-overlayfs; info says so, and why.
    let rt = mnt.join("rt");
    std::fs::create_dir(&rt).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&rt, std::fs::Permissions::from_mode(0o700)).unwrap();
    let out = s
        .nook()
        .args(["info"])
        .env("XDG_RUNTIME_DIR", &rt)
        .output()
        .unwrap();
    let info = stdout(&out);
    assert!(
        info.contains("kernel overlay refused on ")
            && info.contains("containers' upper dirs on fuse: ")
            && info.contains("\nstorage:      fuse-overlayfs: "),
        "{info}{}",
        stderr(&out)
    );
    assert!(!info.contains("(probed)"), "{info}");
    // The probe leaves nothing behind, where it wrote its upper or its lower layer.
    assert_eq!(
        std::fs::read_dir(rt.join("nook"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("probe-"))
            })
            .count(),
        0
    );
    assert_eq!(s.entries("tmp"), Vec::<String>::new());
}
