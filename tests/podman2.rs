//! More of what podman's own system tests check (issue 21), end to end as the unprivileged
//! user: `images --sort`, containers.conf's `default_ulimits`, `oom_score_adj` and
//! `log_driver`, podman's `--ulimit` message, `--oom-score-adj`, `--systemd`,
//! `--kernel-memory`, `--device-cgroup-rule` and the cgroup v1 warning of `--memory=0`.

mod common;

use std::process::Command;

use common::podman::{conf, run, run_ok, with_busybox};
use common::{stderr, stdout};

/// The caller's own oom_score_adj (nook runs as this user, from this process).
fn own_oom_score_adj() -> i32 {
    std::fs::read_to_string("/proc/self/oom_score_adj")
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn images_sort_by_repository_then_tag() {
    // podman's 020-tag: tagged in the wrong order, listed by repository and tag.
    let h = with_busybox();
    for name in [
        "reg.example/i-x:1",
        "reg.example/i-x:3",
        "reg.example/i-x:2",
        "reg.example/i-a:a",
    ] {
        h.ok(&["tag", "busybox", name]);
    }
    let out = h.ok(&[
        "images",
        "--format",
        "{{.Repository}}:{{.Tag}}",
        "--sort",
        "repository",
    ]);
    assert_eq!(
        out,
        "docker.io/library/busybox:latest\nreg.example/i-a:a\nreg.example/i-x:1\nreg.example/i-x:2\nreg.example/i-x:3\n"
    );
    // The table too, and -n drops its header.
    let table = h.ok(&["images", "-n", "--sort", "repository"]);
    let repos: Vec<_> = table
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        repos,
        [
            "docker.io/library/busybox",
            "reg.example/i-a",
            "reg.example/i-x",
            "reg.example/i-x",
            "reg.example/i-x"
        ]
    );
    h.fails(
        &["images", "--sort", "name"],
        "is not a valid option for --sort",
    );
}

#[test]
fn containers_conf_default_ulimits_and_podmans_ulimit_message() {
    // podman's 030-run "ulimit from containers.conf" and "ulimit with -1".
    let h = with_busybox();
    let (_dir, file) = conf("[containers]\ndefault_ulimits = [\n  \"nofile=123:123\",\n]\n");
    let h = h.env("CONTAINERS_CONF_OVERRIDE", &file);
    let limits = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(["busybox", "grep", "Max open files", "/proc/self/limits"]);
        run_ok(&h, &args)
    };
    let words = |s: String| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(words(limits(&[]))[3..5], ["123", "123"]);
    assert_eq!(
        words(limits(&["--ulimit", "nofile=124:124"]))[3..5],
        ["124", "124"]
    );
    let out = run(&h, &["--ulimit", "core=-1:1000", "busybox", "true"]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(
        stderr(&out),
        "Error: ulimit option \"core=-1:1000\" requires name=SOFT:HARD, failed to be parsed: ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 1000\n"
    );
}

#[test]
fn oom_score_adj_flag_and_containers_conf() {
    // podman's 030-run "doesn't override oom-score-adj" and "clamps oom-score-adj".
    let h = with_busybox();
    let cur = own_oom_score_adj();
    let cat = ["busybox", "cat", "/proc/self/oom_score_adj"];
    assert_eq!(run_ok(&h, &cat), format!("{cur}\n"));
    let plus1 = format!("--oom-score-adj={}", cur + 1);
    let mut args = vec![plus1.as_str()];
    args.extend(cat);
    assert_eq!(run_ok(&h, &args), format!("{}\n", cur + 1));
    // Below the caller's own: raised to it, with podman's warning.
    assert!(
        cur > -1000,
        "the test user's oom_score_adj is already -1000"
    );
    let out = run(
        &h,
        &[
            "--oom-score-adj=-1000",
            "busybox",
            "cat",
            "/proc/self/oom_score_adj",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{cur}\n"));
    assert!(
        stderr(&out).contains(&format!(
            "Requested oom_score_adj=-1000 is lower than the current one, changing to {cur}"
        )),
        "{}",
        stderr(&out)
    );
    common::failed(
        &run(&h, &["--oom-score-adj=1001", "busybox", "true"]),
        "invalid --oom-score-adj 1001",
    );
    let (_dir, file) = conf(&format!("[containers]\noom_score_adj = {}\n", cur + 2));
    let hc = h.env("CONTAINERS_CONF_OVERRIDE", &file);
    assert_eq!(run_ok(&hc, &cat), format!("{}\n", cur + 2));
    let plus3 = format!("--oom-score-adj={}", cur + 3);
    let mut args = vec![plus3.as_str()];
    args.extend(cat);
    assert_eq!(run_ok(&hc, &args), format!("{}\n", cur + 3));
}

#[test]
fn systemd_kernel_memory_and_device_cgroup_rule() {
    let h = with_busybox();
    // podman's 030-run "Verify /run/.containerenv exist" with --systemd=always: /run and
    // /tmp are tmpfs, the file is there and empty.
    let out = run_ok(
        &h,
        &[
            "--systemd=always",
            "busybox",
            "sh",
            "-c",
            "stat -c %s /run/.containerenv; grep -E ' /(run|tmp) tmpfs ' /proc/mounts | cut -d' ' -f2,3",
        ],
    );
    assert_eq!(out, "0\n/run tmpfs\n/tmp tmpfs\n");
    // Not systemd mode for a command that is no init.
    let out = run_ok(
        &h,
        &[
            "--systemd=true",
            "busybox",
            "sh",
            "-c",
            "grep -c ' /tmp tmpfs ' /proc/mounts || true",
        ],
    );
    assert_eq!(out, "0\n");
    let bad = run(&h, &["--systemd=maybe", "busybox", "true"]);
    assert_eq!(bad.status.code(), Some(125), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("--systemd"), "{}", stderr(&bad));
    // --kernel-memory: podman's warning, and the command runs.
    let out = run(&h, &["--kernel-memory", "100", "busybox", "echo", "ran"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "ran\n");
    assert!(
        stderr(&out)
            .contains("The --kernel-memory flag is no longer supported. This flag is a noop."),
        "{}",
        stderr(&out)
    );
    // --device-cgroup-rule: podman's rootless refusal.
    let err = common::failed(
        &run(&h, &["--device-cgroup-rule=b 7:* rmw", "busybox", "true"]),
        "",
    );
    assert_eq!(
        err.trim_end(),
        "Error: device cgroup rules are not supported in rootless mode or in a user namespace"
    );
}

#[test]
fn memory_zero_warns_on_cgroup_v1_like_podman() {
    // podman's 030-run "--memory=0 runtime option": on a cgroup v1 host, rootless, its
    // warning first; on cgroup v2, just the output.
    let h = with_busybox();
    let v2 = Command::new("stat")
        .args(["-f", "-c", "%T", "/sys/fs/cgroup"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "cgroup2fs")
        .unwrap();
    let out = run(&h, &["--memory=0", "busybox", "echo", "hello"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "hello\n");
    let warned = stderr(&out).lines().any(|l| {
        l == "Resource limits are not supported and ignored on cgroups V1 rootless systems"
    });
    assert_eq!(warned, !v2, "v2 {v2}: {}", stderr(&out));
}

#[test]
fn containers_conf_log_driver_for_detached_containers() {
    let h = with_busybox();
    let (_dir, file) = conf("[containers]\nlog_driver = \"none\"\n");
    let h = h.env("CONTAINERS_CONF_OVERRIDE", &file);
    let name = common::unique("logconf");
    h.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        &name,
        "busybox",
        "true",
    ]);
    assert_eq!(
        h.ok(&[
            "inspect",
            "--format",
            "{{.HostConfig.LogConfig.Type}}",
            &name
        ]),
        "none\n"
    );
    let given = common::unique("logflag");
    h.ok(&[
        "create",
        "--network",
        "none",
        "--log-driver",
        "k8s-file",
        "--name",
        &given,
        "busybox",
        "true",
    ]);
    assert_eq!(
        h.ok(&[
            "inspect",
            "--format",
            "{{.HostConfig.LogConfig.Type}}",
            &given
        ]),
        "k8s-file\n"
    );
    h.ok(&["rm", &name, &given]);
}

#[test]
fn rm_and_volume_rm_of_what_is_in_use_exit_2() {
    // podman's 055-rm "running container, w/o and w/ force" and 160-volumes "volume rm --force".
    let h = with_busybox();
    let id = h
        .ok(&[
            "run",
            "-d",
            "--network",
            "none",
            "-v",
            "myvol:/myvol",
            "busybox",
            "sleep",
            "60",
        ])
        .trim()
        .to_string();
    let out = h.output(&["rm", &id]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "Error: cannot remove container {id} as it is running - running or paused containers cannot be removed without force: container state improper\n"
        )
    );
    let out = h.output(&["volume", "rm", "myvol"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "Error: volume myvol is being used by the following container(s): {id}: volume is being used\n"
        )
    );
    // -f stops the container and removes it with the volume; `volume list` is `ls`.
    assert_eq!(
        h.ok(&["volume", "rm", "myvol", "--force", "-t0"]),
        "myvol\n"
    );
    assert_eq!(h.ok(&["volume", "list", "--noheading"]), "");
    assert_eq!(h.ok(&["ps", "-a", "-q"]), "");
    // `container rm` is `rm`.
    h.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "gone",
        "busybox",
        "true",
    ]);
    assert_eq!(h.ok(&["container", "rm", "gone"]), "gone\n");
}

#[test]
fn rm_volumes_takes_the_anonymous_volumes() {
    // podman's 160-volumes "implicit creation with run": rm -a --volumes.
    let h = with_busybox();
    h.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        "anon",
        "-v",
        "/data",
        "busybox",
        "true",
    ]);
    assert_eq!(h.ok(&["volume", "ls", "-q"]).lines().count(), 1);
    h.ok(&["rm", "-a", "--volumes"]);
    assert_eq!(h.ok(&["volume", "ls", "-q"]), "");
}

#[test]
fn options_podman_scripts_pass() {
    let h = with_busybox();
    // The global --tmpdir (150-login's registry), run -q (075-exec), --userns=private (the
    // default, then overridden: 075-exec).
    let tmp = h.path().join("tmpdir");
    let tmp = tmp.to_str().unwrap();
    assert_eq!(
        h.ok(&[
            "--tmpdir",
            tmp,
            "run",
            "--rm",
            "-q",
            "--network",
            "none",
            "busybox",
            "echo",
            "ok"
        ]),
        "ok\n"
    );
    assert_eq!(
        run_ok(
            &h,
            &[
                "--userns=private",
                "--userns=keep-id",
                "busybox",
                "id",
                "-u"
            ]
        ),
        format!("{}\n", common::ids().0)
    );
    // 120-load: an archive that is none, in podman's words.
    let bad = h.path().join("invalid");
    std::fs::write(
        &bad,
        "I am an invalid file and should cause a podman-load error\n",
    )
    .unwrap();
    h.fails(
        &["load", "-i", bad.to_str().unwrap()],
        "payload does not match any of the supported image formats:",
    );
}

#[test]
fn exec_failures_in_podmans_words() {
    // podman's 030-run "basic tests": a missing command (127) and a directory (126).
    let h = with_busybox();
    let out = run(&h, &["busybox", "/no/such/command"]);
    assert_eq!(out.status.code(), Some(127), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("Error: ")
            && stderr(&out).contains("/no/such/command")
            && stderr(&out).contains("no such file or directory"),
        "{}",
        stderr(&out)
    );
    let out = run(&h, &["busybox", "/etc"]);
    assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot execute `/etc`: permission denied"),
        "{}",
        stderr(&out)
    );
}
