//! Where podman's own system tests look (issue 21), end to end as the unprivileged user:
//! `--userns=keep-id` sees the image's owners and gets a passwd entry, the names nook gives,
//! `--workdir`, `/run/.containerenv`, the root's mode, `-p` with the host network, flags given
//! twice, mounts given twice, `-f` of missing names, `/NAME`, `--memory=0`; the global
//! options; containers.conf; and the small commands podman scripts call.

mod common;

use std::os::unix::fs::MetadataExt;
use std::process::Command;

use common::home::Home;
use common::podman::{dir_in, image, run, run_ok, with_busybox};
use common::{stderr, stdout};

#[test]
fn keep_id_sees_the_images_owners_and_gets_a_passwd_entry() {
    let h = with_busybox();
    let script = "stat -c '%u:%g %a %n' / /etc /home/owned42 /bin/suid-marker; id -un; echo $HOME; touch /etc/x 2>&1; echo rc=$?";
    let default = run_ok(&h, &["busybox", "sh", "-c", script]);
    let keep = run_ok(&h, &["--userns=keep-id", "busybox", "sh", "-c", script]);
    let owners = |s: &str| s.lines().take(4).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        owners(&keep),
        [
            "0:0 555 /",
            "0:0 755 /etc",
            "42:42 640 /home/owned42",
            "0:0 4755 /bin/suid-marker"
        ],
        "{keep}"
    );
    assert_eq!(owners(&default), owners(&keep));
    let rest: Vec<&str> = keep.lines().skip(4).collect();
    assert_eq!(rest[0], common::user_name(), "{keep}");
    assert_eq!(rest[1], "/", "HOME: the working directory");
    assert!(
        rest[2].contains("Permission denied") && rest[3] == "rc=1",
        "{keep}"
    );
    // The keep-id copy is made once and kept beside the layer; rmi removes both.
    let (uid, gid) = common::ids();
    let layers = h.entries("layers");
    assert_eq!(layers.len(), 2, "{layers:?}");
    assert!(
        layers[1].ends_with(&format!(".keep-id-{uid}-{gid}")),
        "{layers:?}"
    );
    run_ok(&h, &["--userns=keep-id", "busybox", "true"]);
    assert_eq!(h.entries("layers"), layers);
    // The vfs driver applies the blobs with the same shift.
    let vfs = run_ok(
        &h,
        &[
            "--storage-driver",
            "vfs",
            "--userns=keep-id",
            "busybox",
            "sh",
            "-c",
            script,
        ],
    );
    assert_eq!(owners(&vfs), owners(&keep), "{vfs}");
    h.ok(&["rmi", "busybox"]);
    assert!(h.entries("layers").is_empty(), "{:?}", h.entries("layers"));
    // --user still wins over keep-id's own user.
    let h = with_busybox();
    assert_eq!(
        run_ok(
            &h,
            &["--userns=keep-id", "--user=0", "busybox", "id", "-un"]
        ),
        "root\n"
    );
}

#[test]
fn names_nook_gives_are_localhost() {
    let h = with_busybox();
    h.ok(&["tag", "busybox", "myapp", "other:2"]);
    let table = h.ok(&["images"]);
    assert!(
        table.lines().any(|l| l.starts_with("localhost/myapp ")),
        "{table}"
    );
    assert!(
        table.lines().any(|l| l.starts_with("localhost/other ")),
        "{table}"
    );
    assert!(!table.contains("docker.io/library/myapp"), "{table}");
    // The short name finds the localhost/ image.
    assert_eq!(run_ok(&h, &["myapp", "echo", "hi"]), "hi\n");
    assert_eq!(
        h.output(&["image", "exists", "other:2"]).status.code(),
        Some(0)
    );
    // An OCI archive whose reference name has no registry.
    let layout = h.path().join("short-oci");
    let copied = Command::new("cp")
        .arg("-r")
        .arg(image("busybox-oci"))
        .arg(&layout)
        .status()
        .unwrap();
    assert!(copied.success());
    let index = std::fs::read_to_string(layout.join("index.json")).unwrap();
    let index = index.replace("docker.io/library/busybox:latest", "shorty:2");
    std::fs::write(layout.join("index.json"), index).unwrap();
    assert_eq!(
        h.ok(&["load", "-i", layout.to_str().unwrap()]),
        "Loaded image: localhost/shorty:2\n"
    );
}

#[test]
fn a_workdir_the_image_lacks_exits_126() {
    let h = with_busybox();
    let out = run(&h, &["-w", "/i/do/not/exist", "busybox", "pwd"]);
    assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("Error: workdir \"/i/do/not/exist\" does not exist on container "),
        "{}",
        stderr(&out)
    );
    let vol = dir_in(&h, "wd");
    std::fs::write(vol.join("content"), "from the volume\n").unwrap();
    let v = format!("{}:/NotOnTheImage", vol.display());
    assert_eq!(
        run_ok(
            &h,
            &[
                "-w",
                "/NotOnTheImage",
                "-v",
                &v,
                "busybox",
                "cat",
                "content"
            ]
        ),
        "from the volume\n"
    );
    // A parent of a mount, and the image's own WorkingDir, are made.
    let f = format!("{}/content:/made/foo", vol.display());
    assert_eq!(
        run_ok(&h, &["-w", "/made", "-v", &f, "busybox", "cat", "foo"]),
        "from the volume\n"
    );
    h.ok(&["load", "-i", image("entry.oci.tar").to_str().unwrap()]);
    assert_eq!(
        run_ok(&h, &["--entrypoint", "pwd", "localhost/entry:1"]),
        "/srv\n"
    );
}

#[test]
fn containerenv_root_mode_and_names() {
    let h = with_busybox();
    // Empty unless --privileged, as podman's.
    assert_eq!(
        run_ok(&h, &["busybox", "stat", "-c", "%s", "/run/.containerenv"]),
        "0\n"
    );
    let env = run_ok(
        &h,
        &[
            "--privileged",
            "--name",
            "/slashed-web",
            "busybox",
            "cat",
            "/run/.containerenv",
        ],
    );
    let lines: Vec<&str> = env.lines().collect();
    assert!(lines[0].starts_with("engine=\"nook-"), "{env}");
    assert_eq!(lines[1], "name=\"slashed-web\"", "{env}");
    assert!(
        lines[2].starts_with("id=\"") && lines[2].len() == 4 + 64 + 1,
        "{env}"
    );
    assert_eq!(lines[3], "image=\"docker.io/library/busybox:latest\"");
    let id = h.ok(&["images", "-q", "--no-trunc"]);
    assert_eq!(
        lines[4],
        format!("imageid=\"{}\"", id.trim().trim_start_matches("sha256:"))
    );
    assert_eq!(lines[5], "rootless=1");
    // A host directory mounted on /run keeps its contents only.
    let run_dir = dir_in(&h, "run");
    let v = format!("{}:/run", run_dir.display());
    let out = run(
        &h,
        &[
            "--privileged",
            "-v",
            &v,
            "busybox",
            "cat",
            "/run/.containerenv",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    // A layer without "./": the root is 0555, with either driver.
    assert_eq!(run_ok(&h, &["busybox", "stat", "-c", "%a", "/"]), "555\n");
    assert_eq!(
        run_ok(
            &h,
            &["--storage-driver=vfs", "busybox", "stat", "-c", "%a", "/"]
        ),
        "555\n"
    );
}

#[test]
fn podmans_lenient_flags() {
    let h = with_busybox();
    // -p with --network host: the warning, then the command runs.
    let out = h.output(&[
        "run",
        "--rm",
        "-p",
        "8080",
        "--net=host",
        "busybox",
        "echo",
        "ran",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).lines().next(),
        Some(
            "Port mappings have been discarded as one of the Host, Container, Pod, and None network modes are in use"
        )
    );
    assert_eq!(stdout(&out), "ran\n");
    // A single-value flag twice: the last one.
    assert_eq!(
        run_ok(
            &h,
            &[
                "--hostname",
                "a",
                "-h",
                "b",
                "-w",
                "/etc",
                "-w",
                "/bin",
                "busybox",
                "sh",
                "-c",
                "hostname; pwd"
            ]
        ),
        "b\n/bin\n"
    );
    // The same bind twice counts once; one destination with two sources is refused.
    let (a, b) = (dir_in(&h, "a"), dir_in(&h, "b"));
    std::fs::write(a.join("f"), "a\n").unwrap();
    let va = format!("{}:/x", a.display());
    let vb = format!("{}:/x", b.display());
    assert_eq!(
        run_ok(&h, &["-v", &va, "-v", &va, "busybox", "cat", "/x/f"]),
        "a\n"
    );
    common::failed(
        &run(&h, &["-v", &va, "-v", &vb, "busybox", "true"]),
        "/x: duplicate mount destination",
    );
    // --memory=0: no limit.
    assert_eq!(run_ok(&h, &["--memory=0", "busybox", "echo", "ok"]), "ok\n");
}

#[test]
fn missing_names_with_and_without_force() {
    let h = Home::new().private_runtime();
    for args in [
        vec!["rmi", "-f", "nothere"],
        vec!["rmi", "--ignore", "nothere"],
        vec!["volume", "rm", "-f", "nothere"],
        vec!["volume", "rm", "--ignore", "nothere"],
    ] {
        let out = h.output(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    // podman's words, which its scripts match.
    for (args, said) in [
        (vec!["rmi", "nothere"], "Error: nothere: image not known\n"),
        (
            vec!["volume", "rm", "nothere"],
            "Error: no volume with name \"nothere\" found: no such volume\n",
        ),
    ] {
        let out = h.output(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), said);
    }
}

#[test]
fn global_options() {
    let h = Home::new().private_runtime();
    let root = h.path().join("elsewhere");
    let root_s = root.to_str().unwrap();
    let tar = image("busybox.oci.tar");
    h.ok(&["--root", root_s, "load", "-i", tar.to_str().unwrap()]);
    assert!(root.join("blobs/sha256").is_dir() && root.join("layers").is_dir());
    assert!(
        !h.store().join("layers").exists(),
        "the default store was used"
    );
    // --out, --noout, and the options accepted for podman's scripts.
    let out_file = h.path().join("out.txt");
    let quiet = h.ok(&[
        "--root",
        root_s,
        "--out",
        out_file.to_str().unwrap(),
        "--events-backend",
        "file",
        "--runtime",
        "runc",
        "--log-level",
        "error",
        "images",
        "-q",
    ]);
    assert_eq!(quiet, "");
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap().lines().count(),
        1
    );
    assert_eq!(h.ok(&["--root", root_s, "--noout", "images"]), "");
    let out = h.output(&[
        "--log-level=debug",
        "--runtime",
        "crun",
        "--root",
        root_s,
        "images",
    ]);
    assert!(
        stderr(&out).contains("--runtime crun is ignored"),
        "{}",
        stderr(&out)
    );
    // The storage driver and the cgroup manager are global, before or after the command.
    let runroot = h.path().join("runroot");
    let out = h.output(&[
        "--root",
        root_s,
        "--runroot",
        runroot.to_str().unwrap(),
        "--storage-driver",
        "vfs",
        "--cgroup-manager",
        "cgroupfs",
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "echo",
        "hi",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        runroot.join("containers").is_dir(),
        "--runroot was not used"
    );
    // podman's status and words for a level it does not know (001-basic checks both).
    let bad = h.output(&["--log-level", "loud", "images"]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("Log Level \"loud\" is not supported"));
}

#[test]
fn containers_conf_is_read() {
    let conf = tempfile::Builder::new()
        .prefix("nook-cc-")
        .tempdir()
        .unwrap();
    let file = conf.path().join("containers.conf");
    std::fs::write(
        &file,
        "[containers]\nenv = [\"FROM_CONF=1\", \"BOTH=conf\"]\ndns_servers = [\"192.0.2.53\"]\nunknown = 1\n[engine]\nevents_logger = \"file\"\nruntime = \"runc\"\n[machine]\ncpus = 2\n",
    )
    .unwrap();
    let h = with_busybox().env("CONTAINERS_CONF", &file);
    let out = run_ok(
        &h,
        &[
            "-e",
            "BOTH=flag",
            "busybox",
            "sh",
            "-c",
            "echo $FROM_CONF $BOTH; cat /etc/resolv.conf",
        ],
    );
    assert_eq!(out, "1 flag\nnameserver 192.0.2.53\n");
    // The override file comes last.
    let over = conf.path().join("override.conf");
    std::fs::write(&over, "[containers]\nenv = [\"FROM_CONF=2\"]\n").unwrap();
    let h = h.env("CONTAINERS_CONF_OVERRIDE", &over);
    assert_eq!(
        run_ok(&h, &["busybox", "sh", "-c", "echo $FROM_CONF"]),
        "2\n"
    );
    // The user's own file, read without CONTAINERS_CONF.
    let h = with_busybox();
    let user = h.config().join("containers");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("containers.conf"),
        "[containers]\nuserns = \"keep-id\"\n",
    )
    .unwrap();
    assert_eq!(
        run_ok(&h, &["busybox", "id", "-un"]),
        format!("{}\n", common::user_name())
    );
    // A malformed file: one line naming the file and the line, nothing run.
    std::fs::write(&file, "[containers]\n\nenv = [\"A=1\"\n").unwrap();
    let h = h.env("CONTAINERS_CONF", &file);
    let err = common::failed(&run(&h, &["busybox", "true"]), "containers.conf:");
    assert!(err.contains(&format!("{}:", file.display())), "{err}");
}

#[test]
fn image_and_volume_commands_podman_scripts_call() {
    let h = Home::new().private_runtime();
    // load from standard input
    let out = h
        .nook()
        .arg("load")
        .stdin(std::fs::File::open(image("busybox.oci.tar")).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Loaded image: docker.io/library/busybox:latest\n"
    );
    assert!(h.entries("tmp").is_empty(), "{:?}", h.entries("tmp"));
    let code = |args: &[&str]| h.output(args).status.code();
    assert_eq!(code(&["image", "exists", "busybox"]), Some(0));
    assert_eq!(code(&["image", "exists", "nothere"]), Some(1));
    assert_eq!(h.ok(&["images", "-a", "-q"]).lines().count(), 1);
    h.ok(&["tag", "busybox", "x1", "x2"]);
    h.ok(&["untag", "busybox", "x1"]);
    let table = h.ok(&["images"]);
    assert!(
        !table.contains("localhost/x1") && table.contains("localhost/x2"),
        "{table}"
    );
    h.ok(&["image", "untag", "busybox"]);
    assert!(h.ok(&["images"]).contains("<none>"));
    h.ok(&["tag", h.ok(&["images", "-q"]).trim(), "busybox"]);
    // volume exists, labels and the local driver's options
    assert_eq!(code(&["volume", "exists", "v1"]), Some(1));
    h.ok(&[
        "volume", "create", "--driver", "local", "--label", "a=b", "v1",
    ]);
    assert_eq!(code(&["volume", "exists", "v1"]), Some(0));
    let v: serde_json::Value = serde_json::from_str(&h.ok(&["volume", "inspect", "v1"])).unwrap();
    assert_eq!(v[0]["Labels"]["a"], "b");
    h.ok(&[
        "volume",
        "create",
        "-o",
        "type=tmpfs",
        "-o",
        "device=tmpfs",
        "-o",
        "o=size=2m",
        "t1",
    ]);
    assert_eq!(
        run_ok(
            &h,
            &[
                "-v",
                "t1:/t",
                "busybox",
                "sh",
                "-c",
                "stat -f -c %T /t; df -k /t | tail -1"
            ]
        )
        .lines()
        .next(),
        Some("tmpfs")
    );
    let host = dir_in(&h, "bound");
    std::fs::write(host.join("f"), "bound\n").unwrap();
    let dev = format!("device={}", host.display());
    h.ok(&["volume", "create", "-o", "o=bind", "-o", &dev, "b1"]);
    assert_eq!(
        run_ok(&h, &["-v", "b1:/b", "busybox", "cat", "/b/f"]),
        "bound\n"
    );
    common::failed(
        &h.output(&["volume", "create", "-o", "o=bind", "b2"]),
        "device",
    );
    common::failed(
        &h.output(&["volume", "create", "--driver", "nfs", "b3"]),
        "local",
    );
    common::failed(
        &h.output(&[
            "volume",
            "create",
            "-o",
            "type=bind",
            "-o",
            "device=/bogus",
            "b4",
        ]),
        "faccessat /bogus: no such file or directory",
    );
    // Anonymous volumes: kept without --rm, removed with it.
    let before = h.ok(&["volume", "ls", "-q"]).lines().count();
    run_ok(
        &h,
        &["-v", "/data", "busybox", "sh", "-c", "echo x > /data/f"],
    );
    assert_eq!(h.ok(&["volume", "ls", "-q"]).lines().count(), before);
    let name = common::unique("anon");
    let out = h.output(&[
        "run",
        "--network",
        "none",
        "--name",
        &name,
        "-v",
        "/data",
        "busybox",
        "true",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(h.ok(&["volume", "ls", "-q"]).lines().count(), before + 1);
    h.ok(&["rm", &name]);
    // :U gives the mount's files to the container's user.
    let mine = dir_in(&h, "mine");
    std::fs::write(mine.join("f"), "x").unwrap();
    let v = format!("{}:/m:U", mine.display());
    assert_eq!(
        run_ok(
            &h,
            &[
                "--user", "42:42", "-v", &v, "busybox", "stat", "-c", "%u:%g", "/m", "/m/f"
            ]
        ),
        "42:42\n42:42\n"
    );
    let start = common::ranges("/etc/subuid", common::ids().0)[0].0;
    assert_eq!(std::fs::metadata(mine.join("f")).unwrap().uid(), start + 41);
}
