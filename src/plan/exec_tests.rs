//! Unit tests of `plan::exec`.

use super::*;

fn container() -> ProcessPlan {
    ProcessPlan {
        argv: vec!["sleep".into(), "1000".into()],
        entrypoint: Vec::new(),
        env: vec![
            "PATH=/usr/bin:/bin".into(),
            "HOSTNAME=abc".into(),
            "A=from-image".into(),
        ],
        cwd: "/srv".into(),
        create_cwd: true,
        chown: vec!["/data".into()],
        user: UserSpec {
            user: "0".into(),
            group: None,
        },
        caps: 0b1010,
        no_new_privs: true,
        tty: true,
        interactive: true,
        init: true,
        pause: false,
        setgroups: true,
        umask: 0o027,
        preserve_fds: 2,
        tty_size: Some((24, 80)),
        seccomp: None,
    }
}

fn req(command: &[&str]) -> ExecRequest {
    ExecRequest {
        command: command.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

#[test]
fn the_container_settings_carry_over() {
    let p = process(&container(), &req(&["id"]), &BTreeMap::new(), &[], None).unwrap();
    assert_eq!(p.argv, ["id"]);
    assert_eq!(p.env, container().env);
    assert_eq!(p.cwd, "/srv");
    assert_eq!(p.user.user, "0");
    assert_eq!(p.caps, 0b1010);
    assert!(p.no_new_privs && p.setgroups);
    // Its own terminal and input, never the container command's, and no reaper.
    assert!(!p.tty && !p.interactive && !p.init);
    assert_eq!(p.tty_size, None);
}

#[test]
fn env_files_then_flags_override_the_container_env() {
    let host: BTreeMap<String, String> = [("FROM_HOST".to_string(), "h".to_string())].into();
    let mut r = req(&["env"]);
    r.env = vec!["B=flag".into(), "FROM_HOST".into(), "MISSING".into()];
    let files = vec!["# comment\nA=file\nB=file\n".to_string()];
    let p = process(&container(), &r, &host, &files, None).unwrap();
    assert!(p.env.contains(&"A=file".to_string()));
    assert!(p.env.contains(&"B=flag".to_string()));
    assert!(p.env.contains(&"FROM_HOST=h".to_string()));
    assert!(!p.env.iter().any(|e| e.starts_with("MISSING")));
    assert_eq!(p.env.iter().filter(|e| e.starts_with("A=")).count(), 1);
}

#[test]
fn user_workdir_tty_and_privileged() {
    let mut r = req(&["sh"]);
    r.user = Some("nobody:nogroup".into());
    r.workdir = Some("/tmp".into());
    r.tty = true;
    r.interactive = true;
    r.privileged = true;
    let p = process(&container(), &r, &BTreeMap::new(), &[], Some((10, 20))).unwrap();
    assert_eq!(p.user.user, "nobody");
    assert_eq!(p.user.group.as_deref(), Some("nogroup"));
    assert_eq!(p.cwd, "/tmp");
    assert!(p.tty && p.interactive);
    assert_eq!(p.tty_size, Some((10, 20)));
    assert!(p.env.contains(&"TERM=xterm".to_string()));
    assert_eq!(p.caps, caps::all());
}

#[test]
fn detached_has_no_terminal_nor_input() {
    let mut r = req(&["sleep", "5"]);
    r.detach = true;
    r.tty = true;
    r.interactive = true;
    let p = process(&container(), &r, &BTreeMap::new(), &[], Some((10, 20))).unwrap();
    assert!(!p.tty && !p.interactive);
    assert!(!p.env.iter().any(|e| e.starts_with("TERM=")));
}

#[test]
fn bad_requests_are_refused() {
    let none = process(&container(), &req(&[]), &BTreeMap::new(), &[], None);
    assert!(
        none.unwrap_err()
            .contains("must provide a non-empty command to start an exec session")
    );
    let mut r = req(&["ls"]);
    r.workdir = Some("relative".into());
    let rel = process(&container(), &r, &BTreeMap::new(), &[], None);
    assert!(rel.unwrap_err().contains("absolute"));
    let mut r = req(&["ls"]);
    r.user = Some("a:".into());
    assert!(process(&container(), &r, &BTreeMap::new(), &[], None).is_err());
}

#[test]
fn every_namespace_of_the_containers_own_is_joined() {
    let all = libc::CLONE_NEWUSER
        | libc::CLONE_NEWNS
        | libc::CLONE_NEWUTS
        | libc::CLONE_NEWIPC
        | libc::CLONE_NEWNET
        | libc::CLONE_NEWPID
        | libc::CLONE_NEWCGROUP;
    assert_eq!(namespaces_to_join(true), all);
    assert_eq!(namespaces_to_join(false), all & !libc::CLONE_NEWNET);
}
