use super::*;

const YAML: &str = r#"
cdiVersion: "0.6.0"
kind: example.com/dev
containerEdits:
  env: [SPEC=1]
  hooks:
    - hookName: createContainer
      path: /usr/bin/hook
      args: [hook, create]
devices:
  - name: one
    containerEdits:
      env: ["ONE=1"]
      deviceNodes:
        - path: /dev/one
          hostPath: /dev/null
          permissions: r
      additionalGIDs: [44]
  - name: two
    containerEdits:
      mounts:
        - hostPath: /opt/lib
          containerPath: /usr/lib/vendor
          options: [ro, nosuid, nodev, bind]
"#;

fn spec() -> Spec {
    parse(Path::new("/etc/cdi/example.yaml"), YAML).unwrap()
}

#[test]
fn yaml_and_json_parse_alike() {
    let s = spec();
    assert_eq!(s.kind, "example.com/dev");
    assert_eq!(s.devices.len(), 2);
    assert_eq!(
        s.devices[0].container_edits.device_nodes[0].host(),
        "/dev/null"
    );
    assert_eq!(s.devices[0].container_edits.additional_gids, [44]);
    assert_eq!(s.edits.hooks[0].args, ["hook", "create"]);
    let json = r#"{"cdiVersion":"1.0.0","kind":"example.com/dev","devices":[{"name":"one","containerEdits":{"deviceNodes":[{"path":"/dev/one"}]}}]}"#;
    let j = parse(Path::new("/etc/cdi/x.json"), json).unwrap();
    assert_eq!(
        j.devices[0].container_edits.device_nodes[0].host(),
        "/dev/one"
    );
}

#[test]
fn malformed_specs_name_the_file_and_the_field() {
    let f = Path::new("/etc/cdi/bad.yaml");
    let e = parse(f, &YAML.replace("0.6.0", "9.9")).unwrap_err();
    assert!(e.contains("/etc/cdi/bad.yaml: cdiVersion"), "{e}");
    let e = parse(f, &YAML.replace("example.com/dev", "nokind")).unwrap_err();
    assert!(e.contains(": kind:"), "{e}");
    let e = parse(f, &YAML.replace("path: /dev/one", "path: dev/one")).unwrap_err();
    assert!(
        e.contains("devices[0].containerEdits.deviceNodes[0].path: must be absolute"),
        "{e}"
    );
    let e = parse(f, &YAML.replace("createContainer", "later")).unwrap_err();
    assert!(e.contains("containerEdits.hooks[0].hookName"), "{e}");
    let e = parse(f, &YAML.replace("permissions: r", "permissions: x")).unwrap_err();
    assert!(e.contains("permissions"), "{e}");
    let e = parse(f, &YAML.replace("name: two", "name: all")).unwrap_err();
    assert!(e.contains("devices[1].name"), "{e}");
    // The YAML library's own errors carry the path of the field.
    let e = parse(
        f,
        &YAML.replace("additionalGIDs: [44]", "additionalGIDs: [x]"),
    )
    .unwrap_err();
    assert!(
        e.contains("bad.yaml") && e.contains("additionalGIDs"),
        "{e}"
    );
    let e = parse(f, "cdiVersion: [").unwrap_err();
    assert!(e.starts_with("CDI spec /etc/cdi/bad.yaml: "), "{e}");
}

#[test]
fn names_resolve_to_spec_and_device_edits() {
    let s = [spec()];
    let dirs = [PathBuf::from("/etc/cdi")];
    let e = resolve(&s, &["example.com/dev=one".into()], &dirs).unwrap();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].env, ["SPEC=1"]);
    assert_eq!(e[1].env, ["ONE=1"]);
    let all = resolve(&s, &["example.com/dev=all".into()], &dirs).unwrap();
    assert_eq!(all.len(), 3);
    // Named twice, applied once.
    let twice = resolve(
        &s,
        &["example.com/dev=one".into(), "example.com/dev=all".into()],
        &dirs,
    )
    .unwrap();
    assert_eq!(twice.len(), 3);
    let e = resolve(&s, &["example.com/dev=three".into()], &dirs).unwrap_err();
    assert!(e.contains("unknown CDI device example.com/dev=three") && e.contains("one, two"));
    let e = resolve(&s, &["other.org/x=1".into()], &dirs).unwrap_err();
    assert!(
        e.contains("unknown CDI vendor/class") && e.contains("/etc/cdi"),
        "{e}"
    );
    let e = resolve(&s, &["nvidia.com/gpu=all".into()], &dirs).unwrap_err();
    assert!(e.contains("nvidia-ctk cdi generate"), "{e}");
}

#[test]
fn later_specs_win() {
    let mut late = spec();
    late.file = "/var/run/cdi/example.yaml".into();
    late.devices.truncate(1);
    let s = [spec(), late];
    let e = resolve(&s, &["example.com/dev=two".into()], &[]).unwrap_err();
    assert!(e.contains("/var/run/cdi/example.yaml"), "{e}");
}

#[test]
fn gpus_flag() {
    assert_eq!(gpus("all").unwrap(), ["nvidia.com/gpu=all"]);
    assert_eq!(
        gpus("device=0,1").unwrap(),
        ["nvidia.com/gpu=0", "nvidia.com/gpu=1"]
    );
    assert!(gpus("").is_err());
    assert_eq!(device_name("a.b/c=d"), Some(("a.b/c", "d")));
    assert_eq!(device_name("/dev/null"), None);
    assert_eq!(device_name("/dev/x=y"), None);
}

#[test]
fn state_and_config() {
    let s = state_json(
        "abc",
        "creating",
        Some(7),
        Path::new("/b"),
        &BTreeMap::new(),
    );
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["id"], "abc");
    assert_eq!(v["pid"], 7);
    assert_eq!(v["bundle"], "/b");
    assert_eq!(v["status"], "creating");
    let c: serde_json::Value =
        serde_json::from_str(&config_json(Path::new("/r"), &[], "h")).unwrap();
    assert_eq!(c["root"]["path"], "/r");
}
