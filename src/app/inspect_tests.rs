//! Unit tests of inspect's JSON: podman's field names and times.

use std::path::PathBuf;

use super::*;
use crate::host::state::ContainerRecord;

fn shown(status: ContainerStatus) -> Shown {
    Shown {
        dir: PathBuf::from("/nowhere"),
        record: ContainerRecord {
            id: "ab".repeat(32),
            name: "web".into(),
            command: vec!["sleep".into(), "5".into()],
            exit_code: Some(3),
            image: Some("cd".repeat(32)),
            image_name: Some("docker.io/library/alpine:latest".into()),
            labels: [("k".to_string(), "v".to_string())].into(),
            restart_policy: Some("on-failure:2".into()),
            started_ns: Some(1_709_209_815_500_000_000),
            finished_ns: Some(1_709_209_820_000_000_000),
            pid: Some(42),
            status,
            ..Default::default()
        },
        status,
        created_ns: 1_709_209_815_000_000_000,
    }
}

#[test]
fn an_exited_container_as_podman_shows_it() {
    let v = container_json(&shown(ContainerStatus::Exited), None);
    assert_eq!(v["Id"], "ab".repeat(32));
    assert_eq!(v["Name"], "web");
    assert_eq!(v["Path"], "sleep");
    assert_eq!(v["Args"], json!(["5"]));
    assert_eq!(v["Created"], "2024-02-29T12:30:15Z");
    assert_eq!(v["State"]["Status"], "exited");
    assert_eq!(v["State"]["Running"], false);
    assert_eq!(v["State"]["ExitCode"], 3);
    assert_eq!(v["State"]["Pid"], 0);
    assert_eq!(v["State"]["StartedAt"], "2024-02-29T12:30:15.5Z");
    assert_eq!(v["State"]["FinishedAt"], "2024-02-29T12:30:20Z");
    assert_eq!(v["ImageName"], "docker.io/library/alpine:latest");
    assert_eq!(v["Config"]["Labels"]["k"], "v");
    assert_eq!(v["Config"]["Cmd"], json!(["sleep", "5"]));
    assert_eq!(v["HostConfig"]["RestartPolicy"]["Name"], "on-failure");
    assert_eq!(v["HostConfig"]["RestartPolicy"]["MaximumRetryCount"], 2);
}

#[test]
fn a_running_container_has_its_pid_and_no_end() {
    let v = container_json(&shown(ContainerStatus::Running), None);
    assert_eq!(v["State"]["Status"], "running");
    assert_eq!(v["State"]["Running"], true);
    assert_eq!(v["State"]["Pid"], 42);
    assert_eq!(v["State"]["ExitCode"], 0);
    assert_eq!(v["State"]["FinishedAt"], ZERO_TIME);
    let created = container_json(&shown(ContainerStatus::Created), None);
    assert_eq!(created["State"]["StartedAt"], ZERO_TIME);
}

#[test]
fn restart_policies() {
    assert_eq!(restart(None), (String::new(), 0));
    assert_eq!(restart(Some("no")), (String::new(), 0));
    assert_eq!(restart(Some("always")), ("always".into(), 0));
    assert_eq!(restart(Some("on-failure:5")), ("on-failure".into(), 5));
}

#[test]
fn a_record_that_says_running_without_its_lock_says_why_it_exited() {
    let mut c = shown(ContainerStatus::Exited);
    c.record.status = ContainerStatus::Running;
    c.record.exit_code = None;
    let v = container_json(&c, None);
    assert_eq!(v["State"]["Status"], "exited");
    assert!(
        v["State"]["Error"].as_str().unwrap().contains("killed"),
        "{v}"
    );
    c.record.exit_reason = Some("killed by signal 9".into());
    assert_eq!(
        container_json(&c, None)["State"]["Error"],
        "killed by signal 9"
    );
    // An exit the record saw has no such error.
    let v = container_json(&shown(ContainerStatus::Exited), None);
    assert_eq!(v["State"]["Error"], "");
}
