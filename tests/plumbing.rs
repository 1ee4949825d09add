//! Host plumbing end to end, as the unprivileged test user: devices, supplementary groups,
//! /dev/shm, resource limits, the host's IPC, PID and UTS namespaces, sysctls, the time zone,
//! the host's environment, explicit and automatic id maps, and the flags tools pass verbatim.

mod common;

use std::os::unix::fs::MetadataExt;

use common::*;

fn map_lines(text: &str) -> Vec<Vec<u64>> {
    text.lines()
        .map(|l| l.split_whitespace().map(|x| x.parse().unwrap()).collect())
        .collect()
}

/// The caller's own limit of `resource`: (soft, hard).
fn limit(resource: nix::sys::resource::Resource) -> (u64, u64) {
    nix::sys::resource::getrlimit(resource).unwrap()
}

fn show(v: u64) -> String {
    match v {
        u64::MAX => "unlimited".into(),
        n => n.to_string(),
    }
}

#[test]
fn a_device_is_the_host_node_at_the_path_asked() {
    let out = sh(
        &["--device", "/dev/null:/dev/mynull", "--device", "/dev/zero"],
        "stat -c '%t:%T %F' /dev/mynull /dev/zero; echo hi > /dev/mynull && head -c 3 /dev/zero | od -An -tx1",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "1:3 character special file", "{out}");
    assert_eq!(lines[1], "1:5 character special file", "{out}");
    assert_eq!(lines[2].trim(), "00 00 00");
}

#[test]
fn a_device_without_w_is_bound_read_only_and_says_what_that_does_not_stop() {
    for (perms, ro) in [("r", true), ("rw", false), ("rwm", false)] {
        let device = format!("/dev/null:/dev/xnull:{perms}");
        let out = run(
            &["--device", &device],
            &["sh", "-c", "grep ' /dev/xnull ' /proc/self/mountinfo"],
        );
        let text = succeeded(&["run", "--device", &device], &out);
        // The mount options are the sixth field of mountinfo.
        let opts: Vec<&str> = text
            .split_whitespace()
            .nth(5)
            .unwrap_or_else(|| panic!("{text}"))
            .split(',')
            .collect();
        assert_eq!(opts.contains(&"ro"), ro, "{perms}: {text}");
        let err = stderr(&out);
        assert_eq!(
            err.contains("bound read-only, but the kernel lets a process write"),
            ro,
            "{perms}: {err}"
        );
    }
}

#[test]
fn a_missing_device_is_one_line_and_leaves_nothing() {
    // A runtime directory of its own: other tests' containers come and go meanwhile.
    let h = home::Home::new().private_runtime();
    let root = rootfs().to_str().unwrap();
    for (device, needle) in [
        (
            "/dev/nook-no-such-device",
            "/dev/nook-no-such-device: No such file or directory",
        ),
        ("/etc/passwd", "is not a device node"),
    ] {
        h.fails(
            &["run", "--rm", "--device", device, "--rootfs", root, "true"],
            needle,
        );
    }
    assert!(h.containers().is_empty(), "{:?}", h.containers());
}

#[test]
fn nofile_and_nproc_are_raised_to_the_hard_limits_by_default() {
    use nix::sys::resource::Resource;
    let (_, nofile) = limit(Resource::RLIMIT_NOFILE);
    let (_, nproc) = limit(Resource::RLIMIT_NPROC);
    let out = sh(&[], "ulimit -n; ulimit -Hn; ulimit -u");
    assert_eq!(
        out,
        format!("{}\n{}\n{}\n", show(nofile), show(nofile), show(nproc)),
        "podman's default: nofile and nproc at the caller's hard limits"
    );
    // --ulimit host keeps the caller's own soft limit.
    let (soft, _) = limit(Resource::RLIMIT_NOFILE);
    assert_eq!(
        sh(&["--ulimit", "host"], "ulimit -n"),
        format!("{}\n", show(soft))
    );
}

#[test]
fn ulimit_sets_soft_and_hard_and_refuses_more_than_the_caller_has() {
    use nix::sys::resource::Resource;
    let out = sh(
        &["--ulimit", "nofile=100:200", "--ulimit", "nproc=50"],
        "ulimit -n; ulimit -Hn; ulimit -u; ulimit -Hu",
    );
    assert_eq!(out, "100\n200\n50\n50\n");
    let (_, hard) = limit(Resource::RLIMIT_NOFILE);
    if hard != u64::MAX {
        let above = format!("nofile={}", hard + 1);
        let out = run(&["--ulimit", &above], &["true"]);
        failed(&out, "above yours");
    }
    failed(
        &run(&["--ulimit", "files=1"], &["true"]),
        "invalid --ulimit",
    );
}

#[test]
fn shm_size_is_what_df_shows() {
    let out = sh(&["--shm-size", "256m"], "df -k /dev/shm | tail -n 1");
    let kib: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(kib[1], "262144", "{out}");
    let out = sh(&[], "df -k /dev/shm | tail -n 1");
    assert_eq!(out.split_whitespace().nth(1), Some("65536"), "{out}");
}

#[test]
fn ipc_host_sees_the_hosts_dev_shm() {
    let name = unique("nook-ipc-host");
    let host_file = std::path::Path::new("/dev/shm").join(&name);
    std::fs::write(&host_file, "from the host").unwrap();
    let inside = sh(&["--ipc", "host"], &format!("cat /dev/shm/{name}"));
    let private = run(&[], &["cat", &format!("/dev/shm/{name}")]);
    std::fs::remove_file(&host_file).unwrap();
    assert_eq!(inside, "from the host");
    assert!(
        !private.status.success(),
        "a private /dev/shm must not show it"
    );
}

#[test]
fn pid_host_sees_a_host_process() {
    let me = std::process::id();
    let out = sh(
        &["--pid", "host"],
        &format!("test -d /proc/{me} && echo seen; echo $$"),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "seen", "{out}");
    assert_ne!(
        lines[1], "1",
        "the command is not PID 1 in the host's namespace"
    );
    let private = sh(
        &[],
        &format!("test -d /proc/{me} && echo seen || echo hidden"),
    );
    assert_eq!(private, "hidden\n");
}

#[test]
fn uts_host_has_the_hosts_name() {
    let host = nix::unistd::gethostname().unwrap();
    assert_eq!(
        sh(&["--uts", "host"], "hostname"),
        format!("{}\n", host.to_string_lossy())
    );
    failed(
        &run(&["--uts", "host", "--hostname", "x"], &["true"]),
        "--uts host",
    );
}

#[test]
fn ipc_and_pid_of_a_running_container_are_joined() {
    let name = unique("joined");
    let mut first = nook()
        .args(["run", "--rm", "--name", &name, "--rootfs"])
        .arg(rootfs())
        .args([
            "sh",
            "-c",
            "echo shared > /dev/shm/from-first; readlink /proc/self/ns/ipc; readlink /proc/self/ns/pid; exec sleep 30",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut theirs = String::new();
    {
        use std::io::BufRead;
        let mut r = std::io::BufReader::new(first.stdout.as_mut().unwrap());
        for _ in 0..2 {
            r.read_line(&mut theirs).unwrap();
        }
    }
    let ipc = format!("container:{name}");
    let out = run(
        &["--ipc", &ipc, "--pid", &ipc],
        &[
            "sh",
            "-c",
            "readlink /proc/self/ns/ipc; ps -o comm | grep -c '^sleep'; cat /dev/shm/from-first",
        ],
    );
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(first.id() as i32),
        nix::sys::signal::Signal::SIGKILL,
    );
    let _ = first.wait();
    let ours = succeeded(&["run", "--ipc", &ipc], &out);
    let lines: Vec<&str> = ours.lines().collect();
    assert_eq!(
        lines[0],
        theirs.lines().next().unwrap(),
        "one IPC namespace"
    );
    assert_eq!(lines[1], "1", "the other container's sleep is seen: {ours}");
    assert_eq!(lines[2], "shared", "its /dev/shm: {ours}");
    for flag in ["--ipc", "--pid"] {
        let out = run(&[flag, "container:nook-no-such"], &["true"]);
        failed(&out, "nook-no-such");
    }
}

#[test]
fn namespaced_sysctls_are_set_and_others_refused() {
    let out = sh(
        &[
            "--sysctl",
            "kernel.shmmni=2048",
            "--network",
            "none",
            "--sysctl",
            "net.ipv4.ip_default_ttl=42",
        ],
        "cat /proc/sys/kernel/shmmni /proc/sys/net/ipv4/ip_default_ttl",
    );
    assert_eq!(out, "2048\n42\n");
    failed(
        &run(&["--sysctl", "vm.swappiness=10"], &["true"]),
        "not a namespaced parameter",
    );
    failed(
        &run(
            &["--network", "host", "--sysctl", "net.ipv4.ip_default_ttl=1"],
            &["true"],
        ),
        "--network host",
    );
}

/// A directory of root's, of one of the test user's supplementary groups, mode 2770
/// (`NOOK_TEST_PROJECT_DIR`, made by scripts/test.sh): only the group's rights let anyone in.
fn project_dir() -> std::path::PathBuf {
    let dir = std::env::var_os("NOOK_TEST_PROJECT_DIR")
        .map(std::path::PathBuf::from)
        .expect("NOOK_TEST_PROJECT_DIR (scripts/test.sh makes it as root)");
    let m = std::fs::metadata(&dir).unwrap();
    assert_ne!(
        m.uid(),
        ids().0,
        "the project directory must not be the test user's"
    );
    assert_eq!(m.mode() & 0o7777, 0o2770);
    dir
}

#[test]
fn project_keep_groups_reaches_a_directory_of_a_supplementary_group() {
    let dir = project_dir();
    let gid = std::fs::metadata(&dir).unwrap().gid();
    let file = unique("made");
    let mount = format!("{}:/project", dir.display());
    let kept = run(
        &["-v", &mount, "--group-add", "keep-groups"],
        &["sh", "-c", &format!("touch /project/{file} && id -G")],
    );
    let out = succeeded(&["run", "--group-add", "keep-groups"], &kept);
    assert!(
        out.contains("65534"),
        "the kept groups show as nogroup: {out}"
    );
    let made = std::fs::metadata(dir.join(&file)).unwrap();
    assert_eq!(made.gid(), gid, "the set-group-id directory's group");
    std::fs::remove_file(dir.join(&file)).unwrap();
    // Without it, setgroups drops the caller's groups: the directory is closed.
    let plain = run(&["-v", &mount], &["touch", &format!("/project/{file}")]);
    assert!(
        !plain.status.success(),
        "without keep-groups the group's rights are gone"
    );
    assert!(!dir.join(&file).exists());
    failed(
        &run(
            &["--group-add", "keep-groups", "--group-add", "audio"],
            &["true"],
        ),
        "keep-groups",
    );
}

#[test]
fn group_add_adds_a_group_of_the_container() {
    let out = sh(&["--group-add", "1234", "--group-add", "root"], "id -G");
    let ids: Vec<&str> = out.split_whitespace().collect();
    assert!(ids.contains(&"1234") && ids.contains(&"0"), "{out}");
}

#[test]
fn time_zone_and_host_environment() {
    if std::path::Path::new("/usr/share/zoneinfo/Asia/Tokyo").exists() {
        assert_eq!(sh(&["--tz", "Asia/Tokyo"], "date +%Z"), "JST\n");
    }
    failed(
        &run(&["--tz", "Nowhere/Atlantis"], &["true"]),
        "no zone file",
    );
    let mut c = nook();
    c.env("NOOK_PLUMBING_TEST_VAR", "from-host")
        .args(["run", "--rm", "--env-host", "--rootfs"])
        .arg(rootfs())
        .args(["sh", "-c", "echo $NOOK_PLUMBING_TEST_VAR"]);
    let out = c.output().unwrap();
    assert_eq!(succeeded(&["run", "--env-host"], &out), "from-host\n");
}

#[test]
fn uidmap_gives_the_asked_map() {
    let (uid, _) = ids();
    let (start, _) = ranges("/etc/subuid", uid)[0];
    let out = sh(
        &["--uidmap", "0:0:1", "--uidmap", "1:1001:2000"],
        "cat /proc/self/uid_map; echo; cat /proc/self/gid_map",
    );
    let (uids, gids) = out.split_once("\n\n").unwrap();
    let want = vec![
        vec![0, u64::from(uid), 1],
        vec![1, u64::from(start) + 1000, 2000],
    ];
    assert_eq!(map_lines(uids), want);
    // --gidmap defaults to the --uidmap's ranges, through the caller's group range.
    assert_eq!(map_lines(gids).len(), 2);
    failed(&run(&["--uidmap", "0:0"], &["true"]), "invalid --uidmap");
}

#[test]
fn userns_auto_and_nomap_leave_the_caller_out() {
    let (uid, _) = ids();
    let (start, count) = ranges("/etc/subuid", uid)[0];
    let auto = sh(
        &["--userns=auto:size=2048", "--network", "none"],
        "cat /proc/self/uid_map; id -u",
    );
    let lines = map_lines(auto.lines().next().unwrap());
    // A block of the caller's subordinate ids (others running at once may hold the first).
    let (from, n) = (lines[0][1], lines[0][2]);
    assert_eq!((lines.len(), lines[0][0], n), (1, 0, 2048), "{auto}");
    assert!(from >= u64::from(start) && from + n <= u64::from(start) + u64::from(count));
    assert!(auto.ends_with("\n0\n"));
    let nomap = sh(
        &["--userns=nomap", "--network", "none"],
        "cat /proc/self/uid_map",
    );
    assert_eq!(
        map_lines(&nomap),
        vec![vec![0, u64::from(start), u64::from(count)]]
    );
    // The network helper joins a namespace without the caller too.
    let nomap = sh(
        &["--userns=nomap"],
        "cat /proc/self/uid_map; ip -4 addr show tap0",
    );
    assert!(nomap.contains("10.0.2.100/24"), "{nomap}");
}

#[test]
fn two_auto_containers_get_disjoint_ranges() {
    let name = unique("auto-a");
    let mut first = nook()
        .args([
            "run",
            "--rm",
            "--name",
            &name,
            "--userns=auto",
            "--network",
            "none",
            "--rootfs",
        ])
        .arg(rootfs())
        .args(["sh", "-c", "cat /proc/self/uid_map; sleep 30"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    {
        use std::io::BufRead;
        let mut r = std::io::BufReader::new(first.stdout.as_mut().unwrap());
        r.read_line(&mut line).unwrap();
    }
    let second = sh(
        &["--userns=auto", "--network", "none"],
        "cat /proc/self/uid_map",
    );
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(first.id() as i32),
        nix::sys::signal::Signal::SIGKILL,
    );
    let _ = first.wait();
    let a = &map_lines(&line)[0];
    let b = &map_lines(&second)[0];
    assert!(
        a[1] + a[2] <= b[1] || b[1] + b[2] <= a[1],
        "{line} / {second}"
    );
}

#[test]
fn flags_tools_pass_verbatim_are_accepted() {
    let out = sh(
        &[
            "--security-opt",
            "label=disable",
            "--security-opt",
            "label:disable",
            "--security-opt",
            "apparmor=unconfined",
            "--read-only=false",
            "--mount",
            "type=devpts,destination=/dev/pts",
        ],
        "touch /tmp/made && echo ok",
    );
    assert_eq!(out, "ok\n");
    let ro = run(
        &["--read-only=true", "--read-only-tmpfs=false"],
        &["touch", "/tmp/made"],
    );
    assert!(!ro.status.success(), "--read-only=true is read-only");
}
