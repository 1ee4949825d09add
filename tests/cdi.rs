//! CDI end to end, as the unprivileged test user: a fake vendor's spec written by the test
//! (device nodes backed by harmless host nodes, a library directory, environment, additional
//! groups, a hook at every stage that records the state it was given), and the bad inputs.

mod common;

use std::path::{Path, PathBuf};

use common::home::Home;
use common::*;

const STAGES: [&str; 5] = [
    "createRuntime",
    "createContainer",
    "startContainer",
    "poststart",
    "poststop",
];

/// The hook: records its state, and at createContainer the bundle's config.json and whether
/// the root it names is prepared (the fake device node is there).
const HOOK: &str = r#"#!/bin/sh
stage=$1
rec=$2
cat > "$rec/$stage.json"
if [ "$stage" = createContainer ]; then
    bundle=$(sed -n 's/.*"bundle":"\([^"]*\)".*/\1/p' "$rec/$stage.json")
    cp "$bundle/config.json" "$rec/config.json"
    root=$(sed -n 's/.*"root":{"path":"\([^"]*\)".*/\1/p' "$rec/config.json")
    if [ -c "$root/dev/fake0" ]; then echo yes > "$rec/root-prepared"; fi
fi
"#;

/// A directory with the fake vendor's spec, its hook, its library and a record directory.
struct Vendor {
    specs: PathBuf,
    rec: PathBuf,
}

fn vendor(name: &str) -> Vendor {
    let base = scratch().join(unique(name));
    let (specs, rec, lib) = (base.join("cdi"), base.join("rec"), base.join("lib"));
    for d in [&specs, &rec, &lib] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(lib.join("libfake.so.1"), "fake library\n").unwrap();
    let hook = base.join("hook.sh");
    std::fs::write(&hook, HOOK).unwrap();
    std::fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let hooks: String = STAGES
        .iter()
        .map(|s| {
            format!(
                "    - hookName: {s}\n      path: {hook}\n      args: [hook.sh, {s}, {rec}]\n      env: [PATH=/usr/bin:/bin]\n",
                hook = hook.display(),
                rec = rec.display()
            )
        })
        .collect();
    let spec = format!(
        r#"cdiVersion: "0.6.0"
kind: vendor.test/fake
containerEdits:
  env: [FAKE_VENDOR=yes]
  mounts:
    - hostPath: {lib}
      containerPath: /opt/fake/lib
      options: [ro, nosuid, nodev, bind]
    # The hooks' own directory, at the same path: startContainer's path resolves inside.
    - hostPath: {base}
      containerPath: {base}
      options: [rbind]
  hooks:
{hooks}devices:
  - name: gpu0
    containerEdits:
      deviceNodes:
        - path: /dev/fake0
          hostPath: /dev/null
      additionalGIDs: [4321]
  - name: gpu1
    containerEdits:
      env: [FAKE_GPU1=yes]
      deviceNodes:
        - path: /dev/fake1
          hostPath: /dev/zero
          permissions: rw
"#,
        lib = lib.display(),
        base = base.display(),
    );
    std::fs::write(specs.join("fake.yaml"), spec).unwrap();
    Vendor { specs, rec }
}

fn run_cdi(specs: &Path, opts: &[&str], cmd: &[&str]) -> std::process::Output {
    run_cdi_with(nook(), specs, opts, cmd)
}

/// As `run_cdi`, with `c` (a `Home`'s nook, whose containers no other test shares).
fn run_cdi_with(
    mut c: std::process::Command,
    specs: &Path,
    opts: &[&str],
    cmd: &[&str],
) -> std::process::Output {
    c.args(["run", "--rm", "--cdi-spec-dir"])
        .arg(specs)
        .args(opts)
        .arg("--rootfs")
        .arg(rootfs())
        .args(cmd)
        .output()
        .unwrap()
}

fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}: {text}", path.display()))
}

#[test]
fn all_devices_of_a_vendor_get_every_edit_and_every_hook_its_state() {
    let v = vendor("fake-all");
    let out = run_cdi(
        &v.specs,
        &["--device", "vendor.test/fake=all"],
        &[
            "sh",
            "-c",
            "stat -c '%t:%T' /dev/fake0 /dev/fake1; cat /opt/fake/lib/libfake.so.1; \
             echo $FAKE_VENDOR $FAKE_GPU1; id -G; touch /opt/fake/lib/x 2>/dev/null || echo ro",
        ],
    );
    let text = succeeded(&["run", "--device", "vendor.test/fake=all"], &out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "1:3", "/dev/fake0 is /dev/null: {text}");
    assert_eq!(lines[1], "1:5", "/dev/fake1 is /dev/zero: {text}");
    assert_eq!(lines[2], "fake library");
    assert_eq!(lines[3], "yes yes");
    assert!(
        lines[4].split(' ').any(|g| g == "4321"),
        "additionalGIDs: {text}"
    );
    assert_eq!(lines[5], "ro", "the library mount is read-only");
    let status = ["creating", "creating", "created", "running", "stopped"];
    let mut id = None;
    let mut pid = None;
    for (stage, want) in STAGES.iter().zip(status) {
        let state = json(&v.rec.join(format!("{stage}.json")));
        assert_eq!(state["status"], want, "{stage}: {state}");
        assert_eq!(state["ociVersion"], "1.0.2");
        assert!(state["annotations"].is_object(), "{stage}: {state}");
        let this_id = state["id"].as_str().unwrap().to_string();
        assert_eq!(this_id.len(), 64, "{stage}: {state}");
        assert_eq!(id.get_or_insert(this_id.clone()), &this_id, "one id");
        assert!(state["bundle"].as_str().unwrap().ends_with(&this_id));
        if *stage != "poststop" {
            let p = state["pid"]
                .as_i64()
                .unwrap_or_else(|| panic!("{stage}: {state}"));
            assert!(p > 1, "a host pid: {stage}: {state}");
            assert_eq!(*pid.get_or_insert(p), p, "{stage}: the same PID 1");
        }
    }
    let config = json(&v.rec.join("config.json"));
    assert!(config["root"]["path"].as_str().unwrap().starts_with('/'));
    assert_eq!(
        std::fs::read_to_string(v.rec.join("root-prepared")).unwrap(),
        "yes\n",
        "createContainer runs with the root prepared at root.path"
    );
}

#[test]
fn one_device_by_name_from_a_json_spec_in_nook_cdi_spec_dirs() {
    let dir = scratch().join(unique("json-cdi"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("other.json"),
        r#"{"cdiVersion":"1.0.0","kind":"other.test/dev","devices":[
            {"name":"a","containerEdits":{"env":["WHICH=a"],"deviceNodes":[{"path":"/dev/a","hostPath":"/dev/null"}]}},
            {"name":"b","containerEdits":{"env":["WHICH=b"],"deviceNodes":[{"path":"/dev/b","hostPath":"/dev/zero"}]}}]}"#,
    )
    .unwrap();
    let out = nook()
        .env(
            "NOOK_CDI_SPEC_DIRS",
            format!("/nonexistent:{}", dir.display()),
        )
        .args(["run", "--rm", "--device", "other.test/dev=b", "--rootfs"])
        .arg(rootfs())
        .args(["sh", "-c", "echo $WHICH; ls /dev/a /dev/b 2>&1; true"])
        .output()
        .unwrap();
    let text = succeeded(&["run", "--device", "other.test/dev=b"], &out);
    assert!(text.starts_with("b\n") && text.contains("/dev/b"), "{text}");
    assert!(!text.contains("/dev/a\n"), "only the device named: {text}");
}

#[test]
fn node_fields_intel_rdt_and_net_devices_are_warned_about_or_refused() {
    let dir = scratch().join(unique("fields-cdi"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("fields.json"),
        r#"{"cdiVersion":"0.7.0","kind":"fields.test/dev","containerEdits":{"intelRdt":{"closID":"x"}},"devices":[
            {"name":"node","containerEdits":{"deviceNodes":[{"path":"/dev/f","hostPath":"/dev/null","type":"c","major":1,"minor":3,"fileMode":384,"uid":0,"gid":0}]}},
            {"name":"gone","containerEdits":{"deviceNodes":[{"path":"/dev/g","hostPath":"/dev/nook-no-such-node","type":"c","major":195,"minor":0}]}},
            {"name":"net","containerEdits":{"netDevices":[{"hostInterfaceName":"eth9","name":"eth9"}]}}]}"#,
    )
    .unwrap();
    let out = run_cdi(
        &dir,
        &["--device", "fields.test/dev=node"],
        &["stat", "-c", "%t:%T", "/dev/f"],
    );
    let text = succeeded(&["run", "--device", "fields.test/dev=node"], &out);
    assert_eq!(text, "1:3\n", "the host's node is bound");
    let err = stderr(&out);
    assert!(err.contains("intelRdt is not applied"), "{err}");
    assert!(
        err.contains("/dev/f: fileMode, uid and gid are not applied"),
        "{err}"
    );
    let h = Home::new().private_runtime();
    failed(
        &run_cdi_with(
            h.nook(),
            &dir,
            &["--device", "fields.test/dev=gone"],
            &["true"],
        ),
        "a rootless container cannot create one (type c, 195:0)",
    );
    failed(
        &run_cdi_with(
            h.nook(),
            &dir,
            &["--device", "fields.test/dev=net"],
            &["true"],
        ),
        "netDevices (for fields.test/dev=net)",
    );
    assert!(h.containers().is_empty(), "{:?}", h.containers());
}

#[test]
fn unknown_devices_and_vendors_are_one_line() {
    let v = vendor("fake-unknown");
    let h = Home::new().private_runtime();
    for (opt, needle) in [
        (
            "vendor.test/fake=gpu9",
            "unknown CDI device vendor.test/fake=gpu9",
        ),
        (
            "nobody.test/x=1",
            "unknown CDI vendor/class \"nobody.test/x\"",
        ),
    ] {
        failed(
            &run_cdi_with(h.nook(), &v.specs, &["--device", opt], &["true"]),
            needle,
        );
    }
    failed(
        &run_cdi_with(h.nook(), &v.specs, &["--gpus", "all"], &["true"]),
        "nvidia-ctk cdi generate",
    );
    assert!(h.containers().is_empty());
    assert!(!v.rec.join("createRuntime.json").exists(), "no hook ran");
}

#[test]
fn a_malformed_spec_names_its_file_and_field() {
    let v = vendor("fake-bad");
    let bad = v.specs.join("broken.yaml");
    std::fs::write(
        &bad,
        "cdiVersion: \"0.6.0\"\nkind: vendor.test/broken\ndevices:\n  - name: x\n    containerEdits:\n      deviceNodes:\n        - path: dev/x\n",
    )
    .unwrap();
    let err = failed(
        &run_cdi(&v.specs, &["--device", "vendor.test/fake=gpu0"], &["true"]),
        "devices[0].containerEdits.deviceNodes[0].path",
    );
    assert!(err.contains(&bad.display().to_string()), "{err}");
    std::fs::write(&bad, "cdiVersion: \"7.0.0\"\nkind: vendor.test/broken\n").unwrap();
    failed(
        &run_cdi(&v.specs, &["--device", "vendor.test/fake=gpu0"], &["true"]),
        "cdiVersion",
    );
}

#[test]
fn a_failing_hook_stops_the_start_and_leaves_nothing() {
    let dir = scratch().join(unique("failing-cdi"));
    std::fs::create_dir_all(&dir).unwrap();
    let marker = unique("nook-hook-marker");
    std::fs::write(
        dir.join("fail.yaml"),
            "cdiVersion: \"0.5.0\"\nkind: vendor.test/failing\ndevices:\n  - name: x\n    containerEdits:\n      hooks:\n        - hookName: createContainer\n          path: /bin/sh\n          args: [sh, -c, 'echo boom >&2; exit 3']\n",
    )
    .unwrap();
    let h = Home::new().private_runtime();
    let out = run_cdi_with(
        h.nook(),
        &dir,
        &["--device", "vendor.test/failing=x"],
        &["sh", "-c", &format!("echo {marker}; sleep 30")],
    );
    let err = failed(
        &out,
        "createContainer hook /bin/sh failed with exit code 3: boom",
    );
    assert!(
        !stdout(&out).contains(&marker),
        "the command never ran: {err}"
    );
    assert!(h.containers().is_empty(), "nothing left");
    assert!(processes_with(&marker).is_empty(), "no process left");
}
