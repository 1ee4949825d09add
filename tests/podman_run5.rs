//! What podman's own system tests check, fifth round (issue 21), end to end as the
//! unprivileged user: `-v` mount options and `:U`, `run --pull` and its messages, the global
//! `--runtime-flag`, runs from archives, and what inspect tells of a run.

mod common;

use std::os::unix::fs::MetadataExt;

use common::build::Registry;
use common::podman::{dir_in, run, run_ok, with_busybox};
use common::stderr;

#[test]
fn volume_noexec_nosuid_nodev_are_the_mounts_flags() {
    // podman's 160-volumes "volume: exec/noexec".
    let h = with_busybox();
    let d = dir_in(&h, "scripts");
    let script = d.join("s");
    std::fs::write(&script, "#!/bin/sh\necho got here\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let noexec = format!("{}:/vol:noexec,z", d.display());
    let out = run(&h, &["-v", &noexec, "busybox", "/vol/s"]);
    assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("permission denied"),
        "{}",
        stderr(&out)
    );
    // The default is exec; the flags add to ro and to each other.
    let plain = format!("{}:/vol:z", d.display());
    assert_eq!(
        run_ok(&h, &["-v", &plain, "busybox", "/vol/s"]),
        "got here\n"
    );
    let both = format!("{}:/vol:ro,nosuid,nodev", d.display());
    let mounts = run_ok(
        &h,
        &["-v", &both, "busybox", "grep", " /vol ", "/proc/mounts"],
    );
    let opts: Vec<&str> = mounts
        .split_whitespace()
        .nth(3)
        .unwrap()
        .split(',')
        .collect();
    for o in ["ro", "nosuid", "nodev"] {
        assert!(opts.contains(&o), "{mounts}");
    }
    assert!(!opts.contains(&"noexec"), "{mounts}");
    // noexec then exec: the last one wins.
    let again = format!("{}:/vol:noexec,exec", d.display());
    assert_eq!(
        run_ok(&h, &["-v", &again, "busybox", "/vol/s"]),
        "got here\n"
    );
    common::failed(
        &run(
            &h,
            &[
                "-v",
                &format!("{}:/vol:nosense", d.display()),
                "busybox",
                "true",
            ],
        ),
        "unsupported option \"nosense\"",
    );
}

#[test]
fn u_chowns_a_mount_only_while_its_top_is_not_the_users() {
    // podman's 160-volumes "volume user test": a later start leaves what was chowned inside
    // the mount since as it is, once the mount's top belongs to the user.
    let h = with_busybox();
    let d = dir_in(&h, "owned");
    std::fs::write(d.join("f"), "x").unwrap();
    let name = common::unique("u");
    let v = format!("{}:/data:U", d.display());
    let out = h.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        &name,
        "--user",
        "1000:2000",
        "-v",
        &v,
        "busybox",
        "stat",
        "-c",
        "%u:%g",
        "/data",
        "/data/f",
    ]);
    assert_eq!(out, "1000:2000\n1000:2000\n");
    let d_s = d.to_str().unwrap();
    h.ok(&["unshare", "chown", "-R", "100:200", d_s]);
    // The top is not the user's: chowned again, all of it.
    assert_eq!(
        h.ok(&["start", "--attach", &name]),
        "1000:2000\n1000:2000\n"
    );
    let f = d.join("f");
    h.ok(&["unshare", "chown", "100:200", f.to_str().unwrap()]);
    assert_eq!(h.ok(&["start", "--attach", &name]), "1000:2000\n100:200\n");
    let start = common::ranges("/etc/subuid", common::ids().0)[0].0;
    assert_eq!(std::fs::metadata(&f).unwrap().uid(), start + 99);
    h.ok(&["unshare", "rm", "-rf", d_s]);
    h.ok(&["rm", &name]);
}

/// How many times the registry's log shows a manifest fetched (GET) for `repo`.
fn manifest_gets(reg: &Registry, repo: &str) -> usize {
    reg.log()
        .lines()
        .filter(|l| l.contains(&format!("\"GET /v2/{repo}/manifests/")))
        .count()
}

#[test]
fn run_pull_policies_and_their_messages_are_podmans() {
    // podman's 030-run "podman run --pull".
    let reg = Registry::logged();
    let h = with_busybox();
    let remote = format!("{}/r5/busybox:v1", reg.addr);
    h.ok(&["push", "--tls-verify=false", "busybox", &remote]);
    let tls = "--tls-verify=false";
    for never in ["--pull=never", "--pull=false"] {
        common::failed(
            &run(&h, &[never, &remote, "true"]),
            &format!("Error: {remote}: image not known"),
        );
    }
    common::failed(
        &run(&h, &["--pull=never", "mybusybox", "true"]),
        "Error: mybusybox: image not known",
    );
    assert_eq!(manifest_gets(&reg, "r5/busybox"), 0, "{}", reg.log());
    // Missing: pulled, in podman's words also where stderr is no terminal.
    let out = run(&h, &["--pull=missing", tls, &remote, "true"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("Trying to pull {remote}...\n")),
        "{err}"
    );
    assert!(
        err.contains("Writing manifest to image destination"),
        "{err}"
    );
    let gets = manifest_gets(&reg, "r5/busybox");
    assert!(gets >= 1, "{}", reg.log());
    // Present: no registry asked, nothing said.
    let out = run(&h, &["--pull=missing", tls, &remote, "true"]);
    assert!(
        out.status.success() && stderr(&out).is_empty(),
        "{}",
        stderr(&out)
    );
    assert_eq!(manifest_gets(&reg, "r5/busybox"), gets);
    // Always (and its alias true): asked again; --quiet says nothing.
    let out = run(&h, &["--pull=always", tls, &remote, "true"]);
    assert!(
        stderr(&out).starts_with("Trying to pull"),
        "{}",
        stderr(&out)
    );
    let out = run(&h, &["--pull=true", "-q", tls, &remote, "true"]);
    assert!(
        out.status.success() && stderr(&out).is_empty(),
        "{}",
        stderr(&out)
    );
    let after = manifest_gets(&reg, "r5/busybox");
    assert!(after >= gets + 2, "{}", reg.log());
    // Newer: asks the registry; one that cannot be reached (HTTPS to a plain HTTP registry)
    // leaves the stored image in use, with a warning.
    let out = run(&h, &["--pull=newer", tls, &remote, "true"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(manifest_gets(&reg, "r5/busybox") > after, "{}", reg.log());
    let out = run(&h, &["--pull=newer", &remote, "echo", "ran"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(common::stdout(&out), "ran\n");
    assert!(stderr(&out).contains("Warning: "), "{}", stderr(&out));
    let out = run(&h, &["--pull=newer", "127.0.0.1:1/none:1", "true"]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
}

#[test]
fn runtime_flags_are_refused_where_a_container_would_start() {
    // podman's 030-run "global runtime option" and 070-build "global runtime flags test".
    let h = with_busybox();
    for args in [
        vec![
            "--runtime-flag",
            "invalidflag",
            "run",
            "--rm",
            "busybox",
            "true",
        ],
        vec![
            "run",
            "--runtime-flag=invalidflag",
            "--rm",
            "busybox",
            "true",
        ],
    ] {
        let out = h.output(&args);
        assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));
        assert!(stderr(&out).contains("--invalidflag"), "{}", stderr(&out));
    }
    // Nothing that starts no container minds it.
    h.ok(&["--runtime-flag", "invalidflag", "images", "-q"]);
    let name = common::unique("rf");
    h.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        &name,
        "busybox",
        "true",
    ]);
    let out = h.output(&["--runtime-flag", "x", "start", &name]);
    assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));
    h.ok(&["start", "--attach", &name]);
    h.ok(&["rm", &name]);
    // build: buildah's exit 1 at the first RUN, naming the flag.
    let ctx = common::build::context("FROM busybox\nRUN echo ran\n", &[]);
    let out = h.output(&[
        "--runtime-flag",
        "invalidflag",
        "build",
        "-t",
        "rf5",
        ctx.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("building at STEP \"RUN echo ran\"") && err.contains("invalidflag"),
        "{err}"
    );
    assert!(h.output(&["image", "exists", "rf5"]).status.code() == Some(1));
}

#[test]
fn container_inspect_shows_the_images_digest() {
    // podman's 030-run "inspect includes image data".
    let h = with_busybox();
    let id = h.ok(&["inspect", "busybox", "--format", "{{.ID}}"]);
    let digests = h.ok(&["inspect", "busybox", "--format", "{{json .RepoDigests}}"]);
    let name = common::unique("dg");
    h.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        &name,
        "busybox",
        "true",
    ]);
    let out = h.ok(&[
        "container",
        "inspect",
        &name,
        "--format",
        "{{.ImageName}} {{.Image}}",
    ]);
    assert_eq!(out, format!("docker.io/library/busybox:latest {id}"));
    let digest = h.ok(&[
        "container",
        "inspect",
        &name,
        "--format",
        "{{.ImageDigest}}",
    ]);
    let digest = digest.trim();
    assert!(
        digest.starts_with("sha256:") && digest.len() == 71,
        "{digest}"
    );
    assert!(
        digests.contains(&format!("busybox@{digest}")),
        "{digests} {digest}"
    );
    h.ok(&["rm", &name]);
}

#[test]
fn run_and_create_of_a_docker_archive_load_it_first() {
    // podman's 030-run "podman run docker-archive".
    let h = with_busybox();
    let name = common::unique("ar");
    let out = h.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        &name,
        "--entrypoint=[\"/bin/echo\",\"MAGIC5\"]",
        "busybox",
    ]);
    assert_eq!(out, "MAGIC5\n");
    h.ok(&["commit", "-q", &name, "ar5"]);
    // podman's commit: the container's entrypoint and command become the image's.
    let cfg = h.ok(&[
        "inspect",
        "ar5",
        "--format",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}}",
    ]);
    assert_eq!(cfg, "[\"/bin/echo\",\"MAGIC5\"] []\n");
    let archive = h.path().join("ar5.tar");
    let archive_s = archive.to_str().unwrap();
    h.ok(&["save", "--quiet", "ar5", "-o", archive_s]);
    h.ok(&["rmi", "ar5"]);
    h.ok(&["rm", &name]);
    let transport = format!("docker-archive:{archive_s}");
    let second = common::unique("ar");
    let out = h.output(&["run", "--network", "none", "--name", &second, &transport]);
    assert_eq!(common::stdout(&out), "MAGIC5\n", "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("Getting image source signatures\n"),
        "{err}"
    );
    for said in [
        "Copying blob sha256:",
        "Copying config sha256:",
        "Writing manifest",
    ] {
        assert!(err.contains(said), "{said}: {err}");
    }
    let names = h.ok(&["ps", "-a", "--format", "{{.Names}} {{.Image}}"]);
    assert!(
        names.contains(&format!("{second} localhost/ar5:latest")),
        "{names}"
    );
    h.ok(&["rm", &second]);
    h.ok(&["rmi", "ar5"]);
    // create, then start --attach; -q says nothing.
    let cid = h.ok(&["create", "-q", "--network", "none", &transport]);
    assert_eq!(h.ok(&["start", "--attach", cid.trim()]), "MAGIC5\n");
    h.ok(&["rm", cid.trim()]);
    h.ok(&["rmi", "ar5"]);
    common::failed(
        &run(&h, &["docker-archive:/nonexistent/a.tar"]),
        "cannot load /nonexistent/a.tar",
    );
}

#[test]
fn attach_shows_the_streams_named_and_the_log_keeps_all() {
    // podman's 030-run "does not truncate or hang with big output".
    let h = with_busybox();
    let name = common::unique("big");
    let out = h.output(&[
        "run",
        "--network",
        "none",
        "--name",
        &name,
        "--attach",
        "stderr",
        "--log-driver",
        "k8s-file",
        "busybox",
        "sh",
        "-c",
        "dd if=/dev/zero count=700000 bs=1; echo to-err >&2",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{} bytes shown", out.stdout.len());
    let err = stderr(&out);
    assert!(
        err.starts_with("700000+0 records in\n700000+0 records out\n"),
        "{err}"
    );
    assert!(err.ends_with("to-err\n"), "{err}");
    let path = h.ok(&[
        "inspect",
        "-l",
        "--format",
        "{{.HostConfig.LogConfig.Path}}",
    ]);
    let log = std::fs::read(path.trim()).unwrap();
    assert_eq!(log.iter().filter(|b| **b == 0).count(), 700000);
    let logs = h.output(&["logs", &name]);
    assert!(stderr(&logs).contains("to-err"), "{}", stderr(&logs));
    h.ok(&["rm", &name]);
    // -a stdin: the ID first; the output is logged, not shown.
    let out = run(&h, &["-a", "stdin", "busybox", "echo", "quiet"]);
    let shown = common::stdout(&out);
    assert_eq!(shown.trim().len(), 64, "{shown}");
}

#[test]
fn volumes_from_mounts_another_containers_volumes_and_binds() {
    // podman's 070-build "build --volumes-from conflict", and the flag itself.
    let h = with_busybox();
    let d = dir_in(&h, "vf");
    std::fs::write(d.join("h"), "hostfile\n").unwrap();
    let name = common::unique("vf");
    let vol = common::unique("vfvol");
    let bind = format!("{}:/h:ro", d.display());
    h.ok(&[
        "run",
        "-d",
        "--network",
        "none",
        "--name",
        &name,
        "-v",
        &format!("{vol}:/vol"),
        "-v",
        &bind,
        "busybox",
        "sleep",
        "60",
    ]);
    h.ok(&["exec", &name, "sh", "-c", "echo invol > /vol/f"]);
    let out = run_ok(
        &h,
        &[
            "--volumes-from",
            &name,
            "busybox",
            "sh",
            "-c",
            "cat /vol/f /h/h; touch /vol/w; touch /h/w 2>/dev/null; true",
        ],
    );
    assert_eq!(out, "invol\nhostfile\n");
    // The bind stays read-only, the volume was writable; :ro makes every one read-only.
    assert!(!d.join("w").exists());
    h.ok(&["exec", &name, "ls", "/vol/w"]);
    let out = run(
        &h,
        &[
            "--volumes-from",
            &format!("{name}:ro"),
            "busybox",
            "touch",
            "/vol/x",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("Read-only file system"),
        "{}",
        stderr(&out)
    );
    // A place the run mounts at itself keeps its own.
    let own = format!("{}:/vol", d.display());
    let out = run_ok(
        &h,
        &["--volumes-from", &name, "-v", &own, "busybox", "ls", "/vol"],
    );
    assert_eq!(out, "h\n");
    common::failed(
        &run(&h, &["--volumes-from", "no-such-ctr", "busybox", "true"]),
        "no container with name or ID \"no-such-ctr\"",
    );
    h.ok(&["rm", "-f", "-t", "0", &name]);
    // An image's VOLUME in the other container is no conflict.
    let ctx = common::build::context("FROM busybox\nVOLUME /vol\n", &[]);
    h.ok(&["build", "-q", "-t", "vf5", ctx.to_str().unwrap()]);
    h.ok(&[
        "run",
        "-d",
        "--network",
        "none",
        "--name",
        &name,
        "vf5",
        "sleep",
        "60",
    ]);
    assert_eq!(
        run_ok(
            &h,
            &["--volumes-from", &name, "busybox", "echo", "no conflict"]
        ),
        "no conflict\n"
    );
    h.ok(&["rm", "-f", "-v", "-t", "0", &name]);
}
