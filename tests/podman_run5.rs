//! What podman's own system tests check, fifth round (issue 21), end to end as the
//! unprivileged user: `-v` mount options and `:U`, `run --pull` and its messages, the global
//! `--runtime-flag`, runs from archives, and what inspect tells of a run.

mod common;

use std::os::unix::fs::MetadataExt;

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
