//! `nook __generate`, the systemd user generator, run as systemd runs it (the real binary,
//! as the unprivileged user, `NORMAL_DIR EARLY_DIR LATE_DIR`) on a user's own
//! `$XDG_CONFIG_HOME/nook/systemd`: a unit per good `.container` file with its `[Install]`
//! link, none for a bad one and a line naming FILE:LINE: KEY; and what the generated
//! `ExecStart` does outside a unit (`--cgroups=split` has no delegated cgroup: 125).

mod common;

use std::path::Path;

use common::home::Home;
use common::{stderr, stdout};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn generator_container_files_become_units_and_a_bad_one_none() {
    let home = Home::new();
    let dir = home.config().join("nook/systemd");
    let rootfs = common::rootfs().to_str().unwrap().to_string();
    write(
        &dir,
        "web.container",
        &format!(
            "# a service\n[Unit]\nDescription=Web\n[Container]\nRootfs={rootfs}\nNetwork=none\nEnvironment=GREETING=\"hello there\"\nExec=sh -c \\\n  'echo $GREETING; sleep 1'\n[Service]\nRestart=on-failure\n[Install]\nWantedBy=default.target\n"
        ),
    );
    write(
        &dir,
        "bad.container",
        "[Container]\nImage=alpine\nMemory=64m\nMemry=64m\n",
    );
    write(&dir, "notes.txt", "not a unit\n");
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path();
    let o = home
        .nook()
        .arg("__generate")
        .args([out, out, out])
        .output()
        .unwrap();
    // A bad file: status 1 (systemd logs it), the other files still get their units.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let bad = dir.join("bad.container");
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "nook-generator: {}:4: Memry: unknown key in [Container]: nook-systemd.unit(5) lists the keys nook reads; no unit made of it",
            bad.display()
        )
    );
    assert!(!out.join("bad.service").exists());
    let mut made: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    assert_eq!(made, ["default.target.wants", "web.service"]);
    let link = out.join("default.target.wants/web.service");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("../web.service")
    );
    let unit = std::fs::read_to_string(out.join("web.service")).unwrap();
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap();
    assert_eq!(
        exec,
        format!(
            "{} run --rm --replace --name=systemd-web --cgroups=split --sdnotify=conmon --network=none \"--env=GREETING=hello there\" --rootfs {rootfs} sh -c \"echo $$GREETING; sleep 1\"",
            common::nook_bin().canonicalize().unwrap().display()
        )
    );
    for line in [
        "Description=Web",
        "Type=notify",
        "KillMode=mixed",
        "Delegate=yes",
        "Restart=on-failure",
        "WantedBy=default.target",
    ] {
        assert!(unit.lines().any(|l| l == line), "{line}:\n{unit}");
    }

    // Fixed, the file gets its unit too, and the run is clean (status 0, nothing said).
    write(
        &dir,
        "bad.container",
        "[Container]\nImage=alpine\nMemory=64m\n",
    );
    let again = tempfile::tempdir().unwrap();
    let o = home
        .nook()
        .arg("__generate")
        .arg(again.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert!(again.path().join("bad.service").exists());
    assert!(
        again
            .path()
            .join("default.target.wants/web.service")
            .exists()
    );
}

#[test]
fn generator_no_files_no_units_and_bad_calls() {
    let home = Home::new();
    let out = tempfile::tempdir().unwrap();
    let o = home
        .nook()
        .arg("__generate")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    let o = home.nook().arg("__generate").output().unwrap();
    assert_eq!(o.status.code(), Some(125));
    assert_eq!(
        stderr(&o),
        "Error: usage: nook __generate NORMAL_DIR [EARLY_DIR LATE_DIR]\n"
    );
    let o = home
        .nook()
        .args(["__generate", "/nonexistent/generator"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(125));
    assert!(stderr(&o).contains("/nonexistent/generator: no such directory"));
}

#[test]
fn generator_split_outside_a_delegated_unit_is_refused_with_nothing_left() {
    // What the unit runs, run outside one: the caller's cgroup is not delegated (or not v2)
    // here, so --cgroups=split refuses with one line and 125, and no container is kept.
    let home = Home::new().private_runtime();
    let rootfs = common::rootfs().to_str().unwrap();
    let o = home.output(&[
        "run",
        "--rm",
        "--cgroups=split",
        "--sdnotify=conmon",
        "--network",
        "none",
        "--rootfs",
        rootfs,
        "true",
    ]);
    assert_eq!(o.status.code(), Some(125), "{}", stderr(&o));
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.starts_with("Error: cannot use --cgroups=split: "), "{e}");
    let ps = home.output(&["ps", "-a", "-q"]);
    assert_eq!(stdout(&ps), "");
}
