//! Unit tests of `plan::oci`: bundles as Slurm hands them to a runtime.

use super::*;
use crate::plan::request::RunRequest;

/// A config.json as Slurm 22.05 rewrites it into its spool directory (`%b`): an absolute
/// root.path, the srun command, the job's environment, user 0:0, and umoci's namespaces
/// and root-to-root mapping.
const SLURM: &str = r#"{
  "ociVersion": "1.0.2",
  "process": {
    "terminal": false,
    "user": {"uid": 0, "gid": 0},
    "args": ["cat", "/bundle-marker"],
    "env": ["PATH=/usr/bin:/bin", "SLURM_JOB_ID=12", "HOME=/root"],
    "cwd": "/",
    "capabilities": {"bounding": ["CAP_KILL"]},
    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}]
  },
  "root": {"path": "/home/ann/bundle/rootfs", "readonly": false},
  "hostname": "umoci-default",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid","strictatime","mode=755","size=65536k"]},
    {"destination": "/dev/pts", "type": "devpts", "source": "devpts"},
    {"destination": "/sys", "type": "none", "source": "/sys", "options": ["rbind","nosuid","noexec","nodev","ro"]},
    {"destination": "/etc/resolv.conf", "type": "bind", "source": "/etc/resolv.conf", "options": ["ro","rbind"]},
    {"destination": "/data", "type": "bind", "source": "data", "options": ["rbind","rw"]},
    {"destination": "/scratch", "type": "tmpfs", "source": "tmpfs"}
  ],
  "linux": {
    "uidMappings": [{"containerID": 0, "hostID": 0, "size": 1}],
    "namespaces": [{"type": "pid"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "user"}]
  }
}"#;

fn bundle(config: &str) -> Result<RunRequest, BundleError> {
    bundle_request(config, Path::new("/spool/oci-job12"), RunRequest::default())
}

#[test]
fn a_slurm_bundle_becomes_a_run_request() {
    let r = bundle(SLURM).unwrap();
    assert_eq!(r.root, RootRequest::Dir("/home/ann/bundle/rootfs".into()));
    assert_eq!(r.command, ["cat", "/bundle-marker"]);
    assert!(r.env.contains(&"SLURM_JOB_ID=12".to_string()));
    assert_eq!(r.user.as_deref(), Some("0:0"));
    assert_eq!(r.workdir.as_deref(), Some("/"));
    assert_eq!(r.hostname.as_deref(), Some("umoci-default"));
    assert!(!r.tty && r.interactive);
    // No network namespace: the host's network, as runc.
    assert_eq!(r.network.mode, Some(Mode::Host));
    // The standard mounts are nook's own; a bind the file's, a relative source the bundle's.
    assert_eq!(
        r.mounts.volumes,
        [
            "/etc/resolv.conf:/etc/resolv.conf:ro",
            "/spool/oci-job12/data:/data"
        ]
    );
    assert_eq!(r.mounts.tmpfs, ["/scratch"]);
}

#[test]
fn the_flags_of_the_command_line_stay_and_a_network_namespace_is_kept() {
    let base = RunRequest {
        remove: true,
        name: Some("n1.ann.12.0.0".into()),
        ..RunRequest::default()
    };
    let config = SLURM.replace(
        r#"{"type": "user"}"#,
        r#"{"type": "user"}, {"type": "network"}"#,
    );
    let r = bundle_request(&config, Path::new("/b"), base).unwrap();
    assert!(r.remove);
    assert_eq!(r.name.as_deref(), Some("n1.ann.12.0.0"));
    assert_eq!(r.network.mode, None);
    // A relative root is the bundle's, a read-only one read-only.
    let config = SLURM.replace(
        r#""path": "/home/ann/bundle/rootfs", "readonly": false"#,
        r#""path": "rootfs", "readonly": true"#,
    );
    let r = bundle(&config).unwrap();
    assert_eq!(r.root, RootRequest::Dir("/spool/oci-job12/rootfs".into()));
    assert!(r.mounts.read_only);
}

#[test]
fn what_nook_cannot_do_is_one_line() {
    let e = bundle("{").unwrap_err();
    assert!(
        e.starts_with("/spool/oci-job12/config.json: not an OCI runtime configuration"),
        "{e}"
    );
    let e = bundle(r#"{"process": {"args": ["sh"]}}"#).unwrap_err();
    assert_eq!(
        e,
        "/spool/oci-job12/config.json has no root.path: name the root file system directory"
    );
    let e = bundle(r#"{"root": {"path": "r"}, "process": {"args": []}}"#).unwrap_err();
    assert!(
        e.ends_with("has no process.args: name the command to run"),
        "{e}"
    );
    let joined = SLURM.replace(
        r#"{"type": "ipc"}"#,
        r#"{"type": "ipc", "path": "/proc/1/ns/ipc"}"#,
    );
    let e = bundle(&joined).unwrap_err();
    assert!(
        e.contains("joining an existing ipc namespace (/proc/1/ns/ipc) is not supported"),
        "{e}"
    );
    let odd = SLURM.replace(
        r#""type": "tmpfs", "source": "tmpfs"}"#,
        r#""type": "nfs", "source": "srv:/x"}"#,
    );
    let e = bundle(&odd).unwrap_err();
    assert_eq!(
        e,
        "bundle mount of type \"nfs\" on /scratch is not supported: use bind or tmpfs mounts"
    );
}

#[test]
fn the_job_of_a_bundle_is_in_its_environment() {
    let r = bundle(SLURM).unwrap();
    let job = job_of_env(&r.env).unwrap();
    assert_eq!(job.describe(), "Slurm job 12");
    assert_eq!(job_of_env(&["PATH=/bin".into()]), None);
}

#[test]
fn state_documents() {
    let s = oci_state("n1.ann.12.0.0", Some(42), "/b");
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"{"ociVersion":"1.0.2","id":"n1.ann.12.0.0","status":"running","pid":42,"bundle":"/b"}"#
    );
    assert_eq!(oci_state("x", None, "").status, "stopped");
}
