//! `nook run --rootfs` end to end, as the unprivileged user running the tests, with the real
//! newuidmap/newgidmap. Assertions look from inside the container (what it sees) and from
//! outside (exit codes, leftovers).

mod common;

use common::*;

const DEFAULT_CAPS: u64 = 0x8004_05fb;

fn status_field(status: &str, field: &str) -> String {
    status
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

fn map_lines(text: &str) -> Vec<(u32, u32, u32)> {
    text.lines()
        .map(|l| {
            let n: Vec<u32> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
            (n[0], n[1], n[2])
        })
        .collect()
}

/// The maps nook must write: the caller as 0, then the subordinate ranges from 1 on.
fn expected_map(host: u32, file: &str) -> Vec<(u32, u32, u32)> {
    let ranges = ranges(file, host);
    let mut want = vec![(0, host, 1)];
    let mut next = 1;
    for (start, count) in ranges {
        want.push((next, start, count));
        next += count;
    }
    want
}

#[test]
fn root_pid1_hostname_and_maps() {
    let out = sh(
        &[],
        "id -u; id -g; echo $$; hostname; echo ---; cat /proc/self/uid_map; echo ---; cat /proc/self/gid_map",
    );
    let mut parts = out.split("---\n");
    let head: Vec<&str> = parts.next().unwrap().lines().collect();
    assert_eq!(head[0], "0", "uid inside");
    assert_eq!(head[1], "0", "gid inside");
    assert_eq!(head[2], "1", "the command is PID 1");
    assert_eq!(head[3].len(), 12, "short hostname: {}", head[3]);
    assert!(head[3].chars().all(|c| c.is_ascii_hexdigit()));
    let (uid, gid) = ids();
    assert_eq!(
        map_lines(parts.next().unwrap()),
        expected_map(uid, "/etc/subuid")
    );
    assert_eq!(
        map_lines(parts.next().unwrap()),
        expected_map(gid, "/etc/subgid")
    );
}

#[test]
fn subordinate_ids_work_inside() {
    if ranges("/etc/subuid", ids().0).is_empty() {
        panic!(
            "the test user needs /etc/subuid and /etc/subgid ranges (scripts/test.sh adds them)"
        );
    }
    let root = rootfs_copy("chown");
    let out = nook()
        .args(["run", "--rm", "--rootfs"])
        .arg(&root)
        .args([
            "sh",
            "-c",
            "touch /tmp/f && chown 1000:1000 /tmp/f && stat -c '%u %g' /tmp/f",
        ])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).trim(), "1000 1000", "{}", stderr(&out));
    let meta = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(root.join("tmp/f")).unwrap());
    let (start, _) = ranges("/etc/subuid", ids().0)[0];
    assert_eq!(
        meta,
        start + 999,
        "uid 1000 inside is subordinate id start+999 outside"
    );
}

#[test]
fn keep_id_maps_the_caller_to_itself() {
    let (uid, gid) = ids();
    let out = sh(
        &["--userns=keep-id"],
        "id -u; id -g; grep -c . /proc/self/uid_map",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], uid.to_string());
    assert_eq!(lines[1], gid.to_string());
    let maps = sh(&["--userns=keep-id"], "cat /proc/self/uid_map");
    assert!(map_lines(&maps).contains(&(uid, uid, 1)), "{maps}");
}

#[test]
fn single_mapping_without_ranges_warns_once() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("subuid");
    std::fs::write(&empty, "").unwrap();
    let mut c = nook();
    c.env("NOOK_SUBUID_FILE", &empty)
        .env("NOOK_SUBGID_FILE", &empty);
    c.args(["run", "--rm", "--rootfs"]).arg(rootfs()).args([
        "sh",
        "-c",
        "id -u; cat /proc/self/uid_map",
    ]);
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "0");
    assert_eq!(map_lines(lines[1]), vec![(0, ids().0, 1)]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one warning line: {err}");
    assert!(
        err.starts_with("Warning:") && err.contains("single mapping"),
        "{err}"
    );
}

#[test]
fn malformed_subuid_file_is_one_line_125() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("subuid");
    std::fs::write(&bad, format!("{}:notanumber:65536\n", user_name())).unwrap();
    let name = unique("badsub");
    let mut c = nook();
    c.env("NOOK_SUBUID_FILE", &bad);
    c.args(["run", "--rm", "--name", &name, "--rootfs"])
        .arg(rootfs())
        .arg("true");
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(125));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("/etc/subuid line 1") && err.contains("usermod"),
        "{err}"
    );
    assert!(!state_of(&name));
}

#[test]
fn default_capabilities_and_no_new_privs() {
    let status = sh(&[], "cat /proc/self/status");
    assert_eq!(
        u64::from_str_radix(&status_field(&status, "CapEff"), 16).unwrap(),
        DEFAULT_CAPS
    );
    assert_eq!(
        u64::from_str_radix(&status_field(&status, "CapBnd"), 16).unwrap(),
        DEFAULT_CAPS
    );
    assert_eq!(status_field(&status, "NoNewPrivs"), "0");
    let status = sh(
        &["--security-opt", "no-new-privileges"],
        "cat /proc/self/status",
    );
    assert_eq!(status_field(&status, "NoNewPrivs"), "1");
}

#[test]
fn cap_add_and_drop() {
    let status = sh(
        &["--cap-add", "sys_admin", "--cap-drop", "CAP_CHOWN"],
        "cat /proc/self/status",
    );
    let eff = u64::from_str_radix(&status_field(&status, "CapEff"), 16).unwrap();
    assert_ne!(eff & (1 << 21), 0, "CAP_SYS_ADMIN added");
    assert_eq!(eff & 1, 0, "CAP_CHOWN dropped");
    let status = sh(&["--cap-drop", "all"], "cat /proc/self/status");
    assert_eq!(status_field(&status, "CapEff"), "0000000000000000");
}

#[test]
fn non_root_user_has_no_effective_caps() {
    let status = sh(&["-u", "1000:1000"], "id -u; id -g; cat /proc/self/status");
    let mut lines = status.lines();
    assert_eq!(lines.next(), Some("1000"));
    assert_eq!(lines.next(), Some("1000"));
    assert_eq!(status_field(&status, "CapEff"), "0000000000000000");
    assert_eq!(
        u64::from_str_radix(&status_field(&status, "CapBnd"), 16).unwrap(),
        DEFAULT_CAPS
    );
}

#[test]
fn user_names_and_supplementary_groups() {
    let out = sh(&["-u", "tester"], "id -u; id -g; id -G; echo $HOME");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "1000");
    assert_eq!(lines[1], "1000");
    let groups: Vec<&str> = lines[2].split_whitespace().collect();
    assert!(groups.contains(&"10"), "wheel lists tester: {groups:?}");
    assert_eq!(lines[3], "/home/tester");
    let out = run(&["-u", "nosuchuser"], &["true"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(stderr(&out).contains("nosuchuser"), "{}", stderr(&out));
}

#[test]
fn privileged_has_every_cap_and_no_masks() {
    let status = sh(
        &["--privileged"],
        "cat /proc/self/status; echo ---; cat /proc/self/mountinfo",
    );
    let eff = u64::from_str_radix(&status_field(&status, "CapEff"), 16).unwrap();
    assert_eq!(eff.count_ones(), 41, "{eff:x}");
    let mounts = status.split("---").nth(1).unwrap();
    assert!(!mounts.contains(" /proc/keys "), "{mounts}");
    assert!(!mounts.contains(" /sys/firmware "));
}

#[test]
fn masked_and_read_only_paths() {
    let out = sh(
        &[],
        "cat /proc/self/mountinfo; echo ---; wc -c < /proc/keys; ls -A /sys/firmware | wc -l; \
         (echo x > /proc/sys/kernel/domainname) 2>/dev/null && echo procsys-writable || echo procsys-ro; \
         (mkdir /sys/nook) 2>/dev/null && echo sys-writable || echo sys-ro; \
         (echo x > /proc/sysrq-trigger) 2>/dev/null && echo sysrq-writable || echo sysrq-ro",
    );
    let (mounts, checks) = out.split_once("---\n").unwrap();
    for masked in [
        "/proc/keys",
        "/proc/timer_list",
        "/proc/acpi",
        "/sys/firmware",
    ] {
        if std::path::Path::new(masked).exists() {
            assert!(
                mounts.contains(&format!(" {masked} ")),
                "{masked} masked: {mounts}"
            );
        }
    }
    let c: Vec<&str> = checks.lines().map(str::trim).collect();
    assert_eq!(c[0], "0", "/proc/keys reads empty");
    assert_eq!(c[1], "0", "/sys/firmware is empty");
    assert_eq!(c[2], "procsys-ro");
    assert_eq!(c[3], "sys-ro");
    assert_eq!(c[4], "sysrq-ro");
    for ro in ["/proc/sys", "/proc/bus", "/proc/fs", "/proc/irq"] {
        let line = mounts.lines().find(|l| l.split(' ').nth(4) == Some(ro));
        let line = line.unwrap_or_else(|| panic!("{ro} mounted: {mounts}"));
        assert!(line.split(' ').nth(5).unwrap().starts_with("ro"), "{line}");
    }
}

#[test]
fn dev_proc_and_etc_files() {
    let out = sh(
        &["--hostname", "box"],
        "ls /dev; echo ---; echo hi > /dev/null && echo null-ok; head -c 4 /dev/zero | wc -c; \
         readlink /dev/ptmx; readlink /dev/fd; cat /etc/hostname; grep box /etc/hosts; \
         test -f /etc/resolv.conf && echo resolv; ps -o pid= | wc -l; cat /proc/self/mountinfo | head -1",
    );
    let (dev, rest) = out.split_once("---\n").unwrap();
    for d in [
        "null", "zero", "full", "random", "urandom", "tty", "pts", "shm", "mqueue", "ptmx", "fd",
        "stdin",
    ] {
        assert!(dev.lines().any(|l| l == d), "/dev/{d}: {dev}");
    }
    let r: Vec<&str> = rest.lines().map(str::trim).collect();
    assert_eq!(r[0], "null-ok");
    assert_eq!(r[1], "4");
    assert_eq!(r[2], "pts/ptmx");
    assert_eq!(r[3], "/proc/self/fd");
    assert_eq!(r[4], "box");
    assert!(r[5].contains("\tbox "), "{}", r[5]);
    assert_eq!(r[6], "resolv");
    assert!(
        r[7].parse::<u32>().unwrap() <= 3,
        "only the container's processes are visible"
    );
    let root_line = r[8];
    assert_eq!(root_line.split(' ').nth(4), Some("/"), "{root_line}");
}

#[test]
fn the_old_root_is_gone() {
    let marker = rootfs().to_string_lossy().into_owned();
    let out = sh(&[], "cat /proc/self/mountinfo; ls /proc/1/root/; ls /..");
    let root_entries = sh(&[], "ls /");
    assert!(out.contains("bin") && root_entries.contains("bin"));
    // The host's root appears nowhere: every mount is the rootfs, a file system nook made, or a bind.
    assert!(!out.lines().any(|l| l.split(' ').nth(4) == Some("/oldroot")));
    let mountinfo: Vec<&str> = out.lines().filter(|l| l.contains(" - ")).collect();
    assert!(mountinfo[0].contains(&marker) || mountinfo[0].split(' ').nth(4) == Some("/"));
    assert!(
        !mountinfo
            .iter()
            .any(|l| l.split(' ').nth(4) == Some("/work"))
    );
}

#[test]
fn network_none_has_only_loopback_up() {
    let none = ["--network", "none"];
    let out = sh(&none, "cat /proc/net/dev; ip link show lo");
    let ifaces: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_once(':').map(|(i, _)| i.trim()))
        .filter(|i| {
            !i.contains(' ') && !i.is_empty() && !i.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    assert!(ifaces.contains(&"lo"), "{out}");
    assert!(
        !ifaces
            .iter()
            .any(|i| i.starts_with("eth") || i.starts_with("en") || *i == "tap0"),
        "{out}"
    );
    assert!(out.contains("UP") || out.contains(",UP"), "lo is up: {out}");
    let talk = sh(
        &none,
        "echo over-lo | nc -l -p 5555 & sleep 0.3; nc 127.0.0.1 5555 </dev/null; wait",
    );
    assert_eq!(talk.trim(), "over-lo", "loopback carries traffic");
    let ping = sh(&none, "cat /proc/sys/net/ipv4/ping_group_range");
    assert_eq!(
        ping.split_whitespace().collect::<Vec<_>>(),
        ["0", "0"],
        "unprivileged ping as podman"
    );
}

#[test]
fn network_host_shares_interfaces() {
    let host = std::fs::read_to_string("/proc/net/dev").unwrap();
    let inside = sh(&["--network", "host"], "cat /proc/net/dev");
    let names = |t: &str| -> Vec<String> {
        t.lines()
            .skip(2)
            .filter_map(|l| l.split(':').next())
            .map(|s| s.trim().to_string())
            .collect()
    };
    let mut a = names(&host);
    let mut b = names(&inside);
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn environment_workdir_entrypoint() {
    let dir = tempfile::tempdir().unwrap();
    let envfile = dir.path().join("env");
    std::fs::write(&envfile, "# comment\nFROM_FILE=yes\nBOTH=file\n").unwrap();
    let mut c = nook();
    c.env("NOOK_TEST_HOSTVAR", "from-host");
    c.args([
        "run",
        "--rm",
        "-e",
        "A=1",
        "-e",
        "BOTH=flag",
        "-e",
        "NOOK_TEST_HOSTVAR",
        "--env-file",
    ])
    .arg(&envfile)
    // A --workdir the root lacks is an error (podman's exit 126): one it has.
    .args(["-w", "/etc", "--entrypoint", "/bin/sh", "--rootfs"])
    .arg(rootfs())
    .args([
        "-c",
        "echo $A $FROM_FILE $BOTH $NOOK_TEST_HOSTVAR; pwd; echo $PATH; echo $HOME; echo $container",
    ]);
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let l: Vec<&str> = text.lines().collect();
    assert_eq!(l[0], "1 yes flag from-host");
    assert_eq!(l[1], "/etc");
    assert_eq!(
        l[2],
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    );
    assert_eq!(l[3], "/root");
    assert_eq!(l[4], "nook");
}

#[test]
fn entrypoint_as_json_array() {
    let out = run(&["--entrypoint", r#"["/bin/echo","a b"]"#], &["c"]);
    assert_eq!(stdout(&out), "a b c\n");
}

#[test]
fn no_descriptor_is_inherited() {
    use std::os::fd::AsRawFd;
    // Leave a descriptor open without close-on-exec in nook's own process.
    let file = std::fs::File::open("/etc/hostname").unwrap();
    let raw = nix::unistd::dup(&file).unwrap();
    let mut c = nook();
    c.args(["run", "--rm", "--rootfs"])
        .arg(rootfs())
        .args(["sh", "-c", "ls /proc/$$/fd; true"]);
    let out = c.output().unwrap();
    drop(raw);
    let fds: Vec<&str> = std::str::from_utf8(&out.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(fds, ["0", "1", "2"], "stderr: {}", stderr(&out));
    let _ = file.as_raw_fd();
}

#[test]
fn exit_codes() {
    assert_eq!(run(&[], &["sh", "-c", "exit 3"]).status.code(), Some(3));
    assert_eq!(run(&[], &["true"]).status.code(), Some(0));
    let nf = run(&[], &["no-such-command"]);
    assert_eq!(nf.status.code(), Some(127));
    assert_eq!(stderr(&nf).lines().count(), 1);
    assert!(
        stderr(&nf).contains("`no-such-command` not found"),
        "{}",
        stderr(&nf)
    );
    let ne = run(&[], &["/etc/passwd"]);
    assert_eq!(ne.status.code(), Some(126));
    assert_eq!(stderr(&ne).lines().count(), 1);
    assert_eq!(
        run(&["--init"], &["sh", "-c", "kill -TERM $$"])
            .status
            .code(),
        Some(143)
    );
    assert_eq!(
        run(&["--init"], &["sh", "-c", "exit 7"]).status.code(),
        Some(7)
    );
    assert_eq!(
        run(&[], &["sh", "-c", "sleep 5 & kill -KILL $!; wait $!"])
            .status
            .code(),
        Some(137)
    );
}

#[test]
fn bad_input_is_one_line_125_and_leaves_nothing() {
    let cases: Vec<Vec<String>> = vec![
        vec![
            "run".into(),
            "--frobnicate".into(),
            "--rootfs".into(),
            "x".into(),
        ],
        vec![
            "run".into(),
            "--rm".into(),
            "--rootfs".into(),
            "/nonexistent/rootfs".into(),
            "true".into(),
        ],
        vec![
            "run".into(),
            "--rm".into(),
            "--rootfs".into(),
            "/etc/hostname".into(),
            "true".into(),
        ],
        vec![
            "run".into(),
            "--network".into(),
            "no-such-network".into(),
            "--rootfs".into(),
            rootfs().to_string_lossy().into(),
            "true".into(),
        ],
        vec![
            "run".into(),
            "--cap-add".into(),
            "CAP_FLY".into(),
            "--rootfs".into(),
            rootfs().to_string_lossy().into(),
            "true".into(),
        ],
        vec![
            "run".into(),
            "--rm".into(),
            "--rootfs".into(),
            rootfs().to_string_lossy().into(),
        ],
        vec![
            "run".into(),
            "--rm".into(),
            "-w".into(),
            "relative".into(),
            "--rootfs".into(),
            rootfs().to_string_lossy().into(),
            "true".into(),
        ],
        vec![
            "run".into(),
            "--rm".into(),
            "docker.io/library/debian".into(),
            "true".into(),
        ],
        vec!["frobnicate".into()],
    ];
    let before = container_dirs().len();
    for args in cases {
        let out = nook().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(125), "{args:?}: {}", stderr(&out));
        let err = common::error_of(&stderr(&out));
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.starts_with("Error: "), "{err}");
    }
    // Other tests may run containers meanwhile; none of these may have added one.
    assert!(container_dirs().len() <= before + 2);
}

#[test]
fn rm_removes_state_and_kept_containers_can_be_removed() {
    let name = unique("keep");
    let out = nook()
        .args(["run", "--name", &name, "--rootfs"])
        .arg(rootfs())
        .args(["sh", "-c", "exit 4"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(state_of(&name), "kept without --rm");
    let ps = nook().args(["ps", "-a"]).output().unwrap();
    let row = stdout(&ps)
        .lines()
        .find(|l| l.ends_with(&name))
        .map(str::to_string);
    assert!(
        row.as_deref().is_some_and(|r| r.contains("Exited (4)")),
        "{}",
        stdout(&ps)
    );
    // The name is taken while the stopped container exists.
    let again = nook()
        .args(["run", "--rm", "--name", &name, "--rootfs"])
        .arg(rootfs())
        .arg("true")
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(125));
    assert!(
        stderr(&again).contains("already in use"),
        "{}",
        stderr(&again)
    );
    let rm = nook().args(["rm", &name]).output().unwrap();
    assert!(rm.status.success(), "{}", stderr(&rm));
    assert!(!state_of(&name));
    let name2 = unique("gone");
    let out = nook()
        .args(["run", "--rm", "--name", &name2, "--rootfs"])
        .arg(rootfs())
        .arg("true")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!state_of(&name2), "--rm leaves nothing");
}

#[test]
fn runtime_dir_falls_back_to_private_tmp() {
    let mut c = nook();
    c.env_remove("XDG_RUNTIME_DIR");
    c.args(["run", "--rm", "--rootfs"])
        .arg(rootfs())
        .args(["sh", "-c", "echo ok"]);
    let out = c.output().unwrap();
    assert_eq!(stdout(&out), "ok\n", "{}", stderr(&out));
    let dir = std::path::PathBuf::from(format!("/tmp/nook-{}", ids().0));
    let meta = std::fs::metadata(&dir).unwrap();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777,
        0o700
    );
}

#[test]
fn user_namespaces_disabled_is_one_error_line_125() {
    // A nested user namespace may lower its own limit: no root needed to test this refusal.
    let name = unique("nouserns");
    let script = format!(
        "echo 0 > /proc/sys/user/max_user_namespaces && exec {} run --rm --name {name} --rootfs {} true",
        nook_bin().display(),
        rootfs().display()
    );
    let out = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "sh", "-c", &script])
        .env("NOOK_SUBUID_FILE", "/dev/null")
        .output()
        .expect("unshare from util-linux");
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    let err = stderr(&out);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("Error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].contains("user.max_user_namespaces") && errors[0].contains("sysctl"),
        "{err}"
    );
    assert!(!state_of(&name), "nothing left behind");
}

#[test]
fn info_reports_this_machine() {
    let out = nook().arg("info").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    for name in [
        "user namespaces",
        "id mapping",
        "kernel overlay",
        "cgroups",
        "slirp4netns",
    ] {
        assert!(table.contains(name), "{name}: {table}");
    }
    let out = nook().args(["info", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let checks = v["checks"].as_array().expect("checks");
    let idmap = checks
        .iter()
        .find(|c| c["name"] == "id mapping")
        .expect("id mapping check");
    // The machine this runs on gives the test user ranges (scripts/test.sh): that must show.
    let has_ranges = !ranges("/etc/subuid", ids().0).is_empty();
    assert_eq!(idmap["status"] == "ok", has_ranges, "{idmap}");
    assert_eq!(
        v["choices"]["id_mapping"],
        if has_ranges { "subordinate" } else { "single" }
    );
}
