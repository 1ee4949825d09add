//! What podman's own system tests check, third round (issue 21), end to end as the
//! unprivileged user: `run --umask`, `--preserve-fds`, `--timeout`, `--attach`, and the
//! image and volume listings' filters and fields.

mod common;

use std::process::{Command, Output};

use common::home::Home;
use common::podman::{run, run_ok, with_busybox};
use common::{stderr, stdout};

/// `sh -c SCRIPT` with this home's nook as "$NOOK" (its environment too): for what a
/// shell does around nook, such as descriptors opened for it.
fn shell(h: &Home, script: &str) -> Output {
    let nook = h.nook();
    let mut c = Command::new("sh");
    c.arg("-c").arg(script).env("NOOK", nook.get_program());
    for (k, v) in nook.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.output().expect("spawn sh")
}

#[test]
fn umask_is_podmans_0022_or_the_one_given_and_exec_shares_it() {
    // podman's 075-exec "podman run umask".
    let h = with_busybox();
    let out = shell(
        &h,
        "umask 077; \"$NOOK\" run --rm --network none busybox grep Umask /proc/self/status",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("0022"), "{}", stdout(&out));
    let out = run_ok(
        &h,
        &[
            "--umask",
            "0724",
            "busybox",
            "grep",
            "Umask",
            "/proc/self/status",
        ],
    );
    assert!(out.contains("0724"), "{out}");
    let out = run_ok(
        &h,
        &[
            "--umask",
            "027",
            "busybox",
            "sh",
            "-c",
            "touch /f; stat -c %a /f",
        ],
    );
    assert_eq!(out.trim(), "640");
    // An exec in a detached container gets the container's umask (as with crun).
    let id = h.ok(&[
        "run",
        "-d",
        "--network",
        "none",
        "--umask",
        "0077",
        "busybox",
        "sleep",
        "60",
    ]);
    let id = id.trim();
    let out = h.ok(&["exec", id, "grep", "Umask", "/proc/self/status"]);
    assert!(out.contains("0077"), "{out}");
    h.ok(&["rm", "-f", "-t", "0", id]);
    let err = h.fails(
        &["run", "--rm", "--umask", "0999", "busybox", "true"],
        "umask",
    );
    assert!(err.contains("invalid umask string 0999"), "{err}");
    assert!(h.containers().is_empty(), "{:?}", h.containers());
}

#[test]
fn preserve_fds_passes_descriptors_3_and_up() {
    // podman's 030-run "podman run --preserve-fds": fd 4 read inside.
    let h = with_busybox();
    let file = h.path().join("content");
    std::fs::write(&file, "through fd 4\n").unwrap();
    let script = format!(
        "\"$NOOK\" run --rm -i --network none --preserve-fds=2 busybox sh -c 'cat <&4; ls /proc/self/fd' 3</dev/null 4<{}",
        file.display()
    );
    let out = shell(&h, &script);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("through fd 4"));
    // 0 1 2, the two passed on, and ls's own directory descriptor: nothing of nook's.
    let fds: Vec<u32> = lines.filter_map(|l| l.trim().parse().ok()).collect();
    assert!(fds.iter().all(|fd| *fd <= 5), "{fds:?}");
    assert!(fds.contains(&3) && fds.contains(&4), "{fds:?}");
    // Without the flag, fd 4 stays outside.
    let script = format!(
        "\"$NOOK\" run --rm --network none busybox sh -c 'cat <&4' 4<{}",
        file.display()
    );
    let out = shell(&h, &script);
    assert!(!out.status.success());
    assert!(!stdout(&out).contains("through"));
    // A descriptor that is not open: podman's words, exit 125, nothing left.
    let out = shell(
        &h,
        "exec 3<&- 4<&-; \"$NOOK\" run --rm --network none --preserve-fds=2 busybox true",
    );
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("file descriptor 3 is not available"),
        "{}",
        stderr(&out)
    );
    assert!(h.containers().is_empty());
}

#[test]
fn timeout_kills_the_container_with_exit_255() {
    // podman's 030-run "podman run --timeout - basic test".
    let h = with_busybox();
    let name = common::unique("tmo");
    let out = h.output(&[
        "run",
        "--name",
        &name,
        "--network",
        "none",
        "--timeout",
        "2",
        "busybox",
        "sleep",
        "60",
    ]);
    assert_eq!(out.status.code(), Some(255), "{}", stderr(&out));
    let state = h.ok(&[
        "inspect",
        "--format",
        "{{.State.Status}} {{.State.ExitCode}}",
        &name,
    ]);
    assert_eq!(state.trim(), "exited -1");
    h.ok(&["rm", &name]);
    // A container that ends in time keeps its own exit code.
    let out = run(&h, &["--timeout", "30", "busybox", "sh", "-c", "exit 3"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

#[test]
fn images_filter_and_labels_as_podman_lists_them() {
    // podman's 010-images "podman images - filter" and the .Labels of "custom formats".
    let h = with_busybox();
    let opts = [
        "images",
        "--noheading",
        "--no-trunc",
        "--format={{.ID}}--{{.Repository}}:{{.Tag}}",
    ];
    let list = |filter: &str| {
        let mut a = opts.to_vec();
        a.push(filter);
        h.ok(&a)
    };
    assert_eq!(list("--filter=after=busybox"), "");
    assert_eq!(list("--filter=before=busybox"), "");
    let bb = h.ok(&["inspect", "--format", "{{.Id}}", "busybox"]);
    let bb = bb.trim();
    let name = common::unique("flt");
    h.ok(&[
        "run",
        "--name",
        &name,
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    let new = h.ok(&["commit", "-q", "-c", "LABEL tier=gold", &name, "filtered"]);
    let new = new.trim().trim_start_matches("sha256:");
    let mine = format!("sha256:{new}--localhost/filtered:latest\n");
    let theirs = format!("sha256:{bb}--docker.io/library/busybox:latest\n");
    assert_eq!(list("--filter=after=busybox"), mine);
    assert_eq!(list("--filter=since=busybox"), mine);
    assert_eq!(list("--filter=before=filtered"), theirs);
    assert_eq!(list("--filter=reference=filtered"), mine);
    assert_eq!(list("--filter=reference=busy*"), theirs);
    assert_eq!(list("--filter=label=tier=gold"), mine);
    assert_eq!(list("--filter=label!=tier"), theirs);
    assert_eq!(list("--filter=dangling=true"), "");
    // Two filters: both must pass.
    let mut a = opts.to_vec();
    a.extend(["--filter=dangling=false", "--filter=label=tier"]);
    assert_eq!(h.ok(&a), mine);
    // The labels, in a template and in json.
    let out = h.ok(&[
        "images",
        "--filter=reference=filtered",
        "--format",
        "{{.Labels.tier}}",
    ]);
    assert_eq!(out, "gold\n");
    let out = h.ok(&["images", "--filter=reference=filtered", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["Labels"]["tier"], "gold");
    // podman's words for a filter without a value.
    let err = h.fails(&["image", "list", "-f", "json"], "invalid image filter");
    assert!(
        err.contains(
            r#"invalid image filter "json": must be in the format "filter=value or filter!=value""#
        ),
        "{err}"
    );
    h.ok(&["rm", &name]);
}

#[test]
fn attach_without_stdout_prints_the_id() {
    // podman's 030-run "podman run --attach stdin prints container ID".
    let h = with_busybox();
    let name = common::unique("att");
    let out = h.ok(&[
        "run",
        "--name",
        &name,
        "--network",
        "none",
        "--attach",
        "stdin",
        "busybox",
        "echo",
        "hello",
    ]);
    let id = h.ok(&["inspect", "--format", "{{.Id}}", &name]);
    assert_eq!(out, id);
    h.ok(&["rm", &name]);
    // Only stderr: stdout goes nowhere, stderr comes through.
    let out = run(
        &h,
        &[
            "-a",
            "stderr",
            "busybox",
            "sh",
            "-c",
            "echo out; echo err >&2",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // No ID either: podman prints it only when neither stdout nor stderr is attached.
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "err\n");
    // All three: as without the flag.
    let out = run_ok(
        &h,
        &[
            "-a", "stdin", "-a", "stdout", "-a", "stderr", "busybox", "echo", "hi",
        ],
    );
    assert_eq!(out, "hi\n");
    let err = h.fails(
        &["run", "--rm", "-a", "stdio", "busybox", "true"],
        "--attach",
    );
    assert!(err.contains("invalid stream \"stdio\""), "{err}");
}

#[test]
fn volume_ls_filters_names_as_regular_expressions_and_labels() {
    // podman's 160-volumes "podman volume filter --name".
    let h = Home::new();
    for v in ["volume_1_x", "volume_2_x", "other"] {
        h.ok(&["volume", "create", v]);
    }
    h.ok(&["volume", "create", "--label", "tier=gold", "labelled"]);
    let ls = |filters: &[&str]| {
        let mut a = vec!["volume", "ls", "--format", "{{.Name}}"];
        a.extend(filters);
        h.ok(&a)
    };
    assert_eq!(ls(&["--filter", "name=volume_1.+"]), "volume_1_x\n");
    // `*` repeats the `1` of a regular expression (not a glob): both match.
    assert_eq!(
        ls(&["--filter", "name=volume_1*"]),
        "volume_1_x\nvolume_2_x\n"
    );
    assert_eq!(ls(&["--filter", "label=tier"]), "labelled\n");
    assert_eq!(ls(&["--filter", "label=tier=gold"]), "labelled\n");
    assert_eq!(ls(&["--filter", "label=tier=lead"]), "");
    // Two filters: both must pass.
    assert_eq!(ls(&["-f", "name=l", "-f", "label=tier"]), "labelled\n");
    assert_eq!(
        h.ok(&[
            "volume",
            "ls",
            "-q",
            "--filter",
            "driver=local",
            "--filter",
            "name=^o"
        ]),
        "other\n"
    );
    // podman's 160-volumes "basic": `volume list -n`, no header row.
    assert_eq!(
        h.ok(&["volume", "list", "-n", "--filter", "name=^o"]),
        "local     other\n"
    );
    h.fails(
        &["volume", "ls", "--filter", "colour=red"],
        "invalid volume filter",
    );
    h.fails(
        &["volume", "ls", "--filter", "name=("],
        "invalid volume filter",
    );
}
