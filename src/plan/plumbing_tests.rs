use super::*;

fn req(f: impl FnOnce(&mut HostRequest)) -> HostRequest {
    let mut r = HostRequest::default();
    f(&mut r);
    r
}

fn facts() -> PlumbingFacts {
    PlumbingFacts {
        paths: [
            ("/dev/null".to_string(), HostPath::Device),
            (
                "/dev/dri".to_string(),
                HostPath::Dir {
                    devices: vec!["/dev/dri/card0".into(), "/dev/dri/by/renderD128".into()],
                },
            ),
            ("/etc/passwd".to_string(), HostPath::File),
            (
                "/dev/nope".to_string(),
                HostPath::Missing("No such file or directory".into()),
            ),
            (
                "/usr/share/zoneinfo/Europe/Berlin".to_string(),
                HostPath::File,
            ),
        ]
        .into(),
        rlimits: vec![
            ("nofile".into(), 1024, 524288),
            ("nproc".into(), 4000, 8000),
            ("core".into(), 0, u64::MAX),
        ],
        ..PlumbingFacts::default()
    }
}

fn plan_of(r: &HostRequest) -> Result<Planned, PlanError> {
    plan(r, &facts(), true, true, false)
}

#[test]
fn devices_are_binds() {
    let p = plan_of(&req(|r| {
        r.devices = vec![
            "/dev/null:/dev/mynull:r".into(),
            "/dev/null:rw".into(),
            "/dev/dri".into(),
        ]
    }))
    .unwrap();
    assert_eq!(
        p.ops,
        [
            bind("/dev/null", "/dev/mynull", false, true),
            bind("/dev/null", "/dev/null", false, false),
            bind("/dev/dri/card0", "/dev/dri/card0", false, false),
            bind(
                "/dev/dri/by/renderD128",
                "/dev/dri/by/renderD128",
                false,
                false
            ),
        ]
    );
    // Without w: bound read-only, and said that this does not stop writes to a device.
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(
        p.warnings[0].starts_with("Warning: --device /dev/null:/dev/mynull:r: bound read-only"),
        "{:?}",
        p.warnings
    );
    for (bad, want) in [
        ("/dev/nope", "No such file"),
        ("/etc/passwd", "not a device node"),
        ("dev/null", "invalid --device"),
        ("/dev/null:/x:q", "invalid --device"),
    ] {
        let e = plan_of(&req(|r| r.devices = vec![bad.into()])).unwrap_err();
        assert!(e.contains(want), "{bad}: {e}");
    }
}

#[test]
fn ulimits_default_raise_and_checks() {
    let p = plan_of(&HostRequest::default()).unwrap();
    assert_eq!(
        p.plumbing.rlimits,
        [
            Rlimit {
                name: "nofile".into(),
                soft: 524288,
                hard: 524288
            },
            Rlimit {
                name: "nproc".into(),
                soft: 8000,
                hard: 8000
            },
        ]
    );
    let p = plan_of(&req(|r| {
        r.ulimits = vec!["nofile=100:200".into(), "core=-1".into()]
    }))
    .unwrap();
    assert_eq!(
        p.plumbing.rlimits[0],
        Rlimit {
            name: "nofile".into(),
            soft: 100,
            hard: 200
        }
    );
    assert_eq!(p.plumbing.rlimits[1].soft, u64::MAX);
    assert_eq!(p.plumbing.rlimits[2].name, "nproc");
    assert!(
        plan_of(&req(|r| r.ulimits = vec!["host".into()]))
            .unwrap()
            .plumbing
            .rlimits
            .is_empty()
    );
    for (bad, want) in [
        ("nofile=2000000", "above yours (524288)"),
        (
            "nofile=10:5",
            "ulimit option \"nofile=10:5\" requires name=SOFT:HARD, failed to be parsed: ulimit soft limit must be less than or equal to hard limit: soft: 10, hard: 5",
        ),
        ("core=-1:1000", "soft: -1 (unlimited), hard: 1000"),
        ("files=1", "invalid --ulimit"),
        ("nofile=x", "invalid --ulimit"),
    ] {
        let e = plan_of(&req(|r| r.ulimits = vec![bad.into()])).unwrap_err();
        assert!(e.contains(want), "{bad}: {e}");
    }
}

#[test]
fn containers_conf_default_ulimits_under_the_flags() {
    use super::with_defaults;
    let conf = ["nofile=100:100".to_string(), "core=0".to_string()];
    let both = with_defaults(&conf, &["nofile=200:200".into()]);
    let p = plan_of(&req(|r| r.ulimits = both)).unwrap();
    let nofile = p
        .plumbing
        .rlimits
        .iter()
        .find(|r| r.name == "nofile")
        .unwrap();
    assert_eq!((nofile.soft, nofile.hard), (200, 200));
    assert!(p.plumbing.rlimits.iter().any(|r| r.name == "core"));
    assert_eq!(with_defaults(&conf, &["host".into()]), ["host"]);
    assert_eq!(with_defaults(&conf, &[]), conf);
}

#[test]
fn namespaces_shared_with_the_host() {
    let p = plan_of(&req(|r| {
        r.ipc = Some("host".into());
        r.pid = Some("host".into());
        r.uts = Some("host".into());
    }))
    .unwrap();
    assert!(p.plumbing.share_ipc && p.plumbing.share_pid && p.plumbing.share_uts);
    let e = plan_of(&req(|r| r.ipc = Some("container:db".into()))).unwrap_err();
    assert!(e.contains("container db"), "{e}");
    assert!(plan_of(&req(|r| r.uts = Some("container:db".into()))).is_err());
    assert!(plan_of(&req(|r| r.pid = Some("shareable".into()))).is_err());
    assert!(
        plan(
            &req(|r| r.uts = Some("host".into())),
            &facts(),
            true,
            true,
            true
        )
        .is_err()
    );
    let mut ops = vec![
        Op::Mount {
            fstype: "proc".into(),
            target: "/proc".into(),
            flags: Default::default(),
            data: String::new(),
        },
        Op::Mount {
            fstype: "tmpfs".into(),
            target: "/dev/shm".into(),
            flags: Default::default(),
            data: "mode=1777,size=65536k".into(),
        },
    ];
    let mut sized = ops.clone();
    adjust_ops(&mut ops, &p.plumbing, None, &facts());
    assert_eq!(ops[0], bind("/proc", "/proc", true, false));
    assert_eq!(ops[1], bind("/dev/shm", "/dev/shm", true, false));
    let p = plan_of(&req(|r| r.shm_size = Some("256m".into()))).unwrap();
    adjust_ops(&mut sized, &p.plumbing, p.shm_size, &facts());
    assert!(matches!(&sized[1], Op::Mount { data, .. } if data == "mode=1777,size=268435456"));
    assert!(plan_of(&req(|r| r.shm_size = Some("0".into()))).is_err());
}

#[test]
fn groups() {
    let p = plan_of(&req(|r| r.group_add = vec!["keep-groups".into()])).unwrap();
    assert!(p.plumbing.keep_groups && p.plumbing.group_add.is_empty());
    let p = plan_of(&req(|r| r.group_add = vec!["audio".into(), "44".into()])).unwrap();
    assert_eq!(p.plumbing.group_add, ["audio", "44"]);
    assert!(
        plan_of(&req(
            |r| r.group_add = vec!["keep-groups".into(), "x".into()]
        ))
        .is_err()
    );
    assert!(
        plan(
            &req(|r| r.group_add = vec!["x".into()]),
            &facts(),
            true,
            false,
            false
        )
        .is_err()
    );
}

#[test]
fn sysctls_only_namespaced() {
    let ok = sysctls(
        &["net.ipv4.ip_forward=1".into(), "kernel.shmmax=1000".into()],
        true,
        false,
        false,
    )
    .unwrap();
    assert_eq!(ok[1], ("kernel.shmmax".to_string(), "1000".to_string()));
    for (s, netns, ipc) in [
        ("vm.swappiness=1", true, false),
        ("net.core.somaxconn=1", false, false),
        ("kernel.sem=1 2 3 4", true, true),
        ("kernel.hostname=x", true, false),
        ("novalue", true, false),
    ] {
        assert!(sysctls(&[s.into()], netns, ipc, false).is_err(), "{s}");
    }
}

#[test]
fn time_zone() {
    assert_eq!(zone_file("local").unwrap(), "/etc/localtime");
    assert!(zone_file("../etc/passwd").is_err());
    let p = plan_of(&req(|r| r.tz = Some("Europe/Berlin".into()))).unwrap();
    assert_eq!(
        p.ops,
        [bind(
            "/usr/share/zoneinfo/Europe/Berlin",
            "/etc/localtime",
            false,
            true
        )]
    );
    let e = plan_of(&req(|r| r.tz = Some("Mars/Olympus".into()))).unwrap_err();
    assert!(e.contains("no zone file"), "{e}");
}

#[test]
fn cdi_devices_apply_their_edits() {
    let spec = r#"{"cdiVersion":"0.6.0","kind":"example.com/dev",
      "containerEdits":{"env":["A=1"],"additionalGIDs":[44],
        "hooks":[{"hookName":"poststop","path":"/bin/true"}]},
      "devices":[{"name":"x","containerEdits":{
        "deviceNodes":[{"path":"/dev/x","hostPath":"/dev/null"}],
        "mounts":[{"hostPath":"/dev/dri","containerPath":"/lib/x","options":["ro","bind"]}]}}]}"#;
    let mut f = facts();
    f.cdi_files = vec![("/etc/cdi/x.json".into(), spec.into())];
    let r = req(|r| r.devices = vec!["example.com/dev=all".into()]);
    assert_eq!(paths_to_check(&r, &f.cdi_files), ["/dev/dri", "/dev/null"]);
    let p = plan(&r, &f, true, true, false).unwrap();
    assert_eq!(p.env, ["A=1"]);
    assert_eq!(p.plumbing.gids, [44]);
    assert_eq!(p.plumbing.hooks_at("poststop").count(), 1);
    assert_eq!(
        p.ops,
        [
            bind("/dev/null", "/dev/x", false, false),
            bind("/dev/dri", "/lib/x", false, true)
        ]
    );
    f.paths.insert(
        "/dev/null".into(),
        HostPath::Missing("No such file or directory".into()),
    );
    let e = plan(&r, &f, true, true, false).unwrap_err();
    assert!(e.contains("CDI device node /dev/null (for /dev/x)"), "{e}");
    let e = plan(
        &req(|r| r.gpus = Some("all".into())),
        &facts(),
        true,
        true,
        false,
    )
    .unwrap_err();
    assert!(e.contains("nvidia-ctk cdi generate"), "{e}");
}

#[test]
fn cdi_node_fields_a_rootless_bind_cannot_honour() {
    let spec = r#"{"cdiVersion":"0.7.0","kind":"example.com/dev",
      "containerEdits":{"intelRdt":{"closID":"x"}},
      "devices":[
        {"name":"a","containerEdits":{"deviceNodes":[{"path":"/dev/a","hostPath":"/dev/null",
          "type":"c","major":1,"minor":3,"fileMode":438,"uid":0,"gid":0}]}},
        {"name":"gone","containerEdits":{"deviceNodes":[{"path":"/dev/g","hostPath":"/dev/nope",
          "type":"c","major":195,"minor":0}]}},
        {"name":"net","containerEdits":{"netDevices":[{"hostInterfaceName":"eth1","name":"eth1"}]}}]}"#;
    let mut f = facts();
    f.cdi_files = vec![("/etc/cdi/x.json".into(), spec.into())];
    let p = plan(
        &req(|r| r.devices = vec!["example.com/dev=a".into()]),
        &f,
        true,
        true,
        false,
    )
    .unwrap();
    assert_eq!(p.ops, [bind("/dev/null", "/dev/a", false, false)]);
    assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
    assert!(
        p.warnings[0].contains("intelRdt is not applied"),
        "{:?}",
        p.warnings
    );
    assert!(p.warnings[1].contains("fileMode, uid and gid are not applied"));
    let e = plan(
        &req(|r| r.devices = vec!["example.com/dev=gone".into()]),
        &f,
        true,
        true,
        false,
    )
    .unwrap_err();
    assert!(
        e.contains("/dev/nope (for /dev/g): No such file or directory, and a rootless container cannot create one (type c, 195:0)"),
        "{e}"
    );
    let e = plan(
        &req(|r| r.devices = vec!["example.com/dev=net".into()]),
        &f,
        true,
        true,
        false,
    )
    .unwrap_err();
    assert!(e.contains("netDevices (for example.com/dev=net)"), "{e}");
    assert!(e.contains("/etc/cdi/x.json"), "{e}");
    // A type that is no node type names the field.
    f.cdi_files = vec![(
        "/etc/cdi/y.json".into(),
        r#"{"cdiVersion":"0.7.0","kind":"example.com/y","devices":[{"name":"a","containerEdits":{"deviceNodes":[{"path":"/dev/a","type":"x"}]}}]}"#.into(),
    )];
    let e = plan(
        &req(|r| r.devices = vec!["example.com/y=a".into()]),
        &f,
        true,
        true,
        false,
    )
    .unwrap_err();
    assert!(
        e.contains("devices[0].containerEdits.deviceNodes[0].type"),
        "{e}"
    );
}
