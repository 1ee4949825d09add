//! Pods: members of a pod share the infra container's network (localhost) and host name,
//! `pod rm` refuses a running pod in podman's words and `pod rm -f` leaves nothing (no
//! process, state or mount), unknown pods and what a member may not ask for fail in one line
//! with podman's exit codes, and `pod ps`/`pod inspect`/`ps --pod` show what podman shows.

mod common;

use std::path::PathBuf;

use common::home::Home;
use common::*;

/// A home with its own runtime directory, and a busybox root of the test user's own.
fn setup(name: &str) -> (Home, PathBuf) {
    (
        Home::new().private_runtime(),
        rootfs_copy(&unique(&format!("pods-{name}"))),
    )
}

/// Nothing of the home's pods and containers is left: no process with `marker`, no state,
/// no pod record or name, no mount.
fn nothing_left(h: &Home, marker: &str) {
    assert!(
        wait_for(10, || processes_with(marker).is_empty()),
        "processes left"
    );
    assert!(
        h.containers().is_empty(),
        "state left: {:?}",
        h.containers()
    );
    assert!(names_in(&h.runtime_dir().join("names")).is_empty());
    let pods = h.runtime_dir().join("pods");
    let records: Vec<_> = names_in(&pods)
        .into_iter()
        .filter(|n| n.ends_with(".json"))
        .collect();
    assert!(records.is_empty(), "pod records left: {records:?}");
    assert!(names_in(&pods.join("names")).is_empty());
    assert!(host_mounts_with(h.path().to_str().unwrap()).is_empty());
    assert_eq!(h.ok(&["pod", "ps", "-q"]), "");
    assert_eq!(h.ok(&["ps", "-aq"]), "");
}

#[test]
fn members_of_a_pod_reach_each_other_on_localhost_and_share_its_host_name() {
    let (h, root) = setup("localhost");
    let root = root.to_str().unwrap();
    let pod = unique("pod");
    let marker = unique("hello");
    let pod_id = h.ok(&["pod", "create", "--name", &pod]).trim().to_string();
    assert_eq!(pod_id.len(), 64, "{pod_id}");
    let status = h.ok(&["pod", "inspect", &pod, "--format", "{{.State}}"]);
    assert_eq!(status.trim(), "Created");
    // The server listens on the pod's loopback: only a member of the pod can reach it.
    let script = format!("echo {marker} | nc -l -p 7777");
    let server = h
        .ok(&[
            "run", "-d", "--name", &marker, "--pod", &pod, "--rootfs", root, "sh", "-c", &script,
        ])
        .trim()
        .to_string();
    let client = "hostname; for i in $(seq 100); do nc 127.0.0.1 7777 </dev/null && exit 0; sleep 0.1; done; exit 1";
    let out = h.ok(&[
        "run", "--rm", "--pod", &pod, "--rootfs", root, "sh", "-c", client,
    ]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some(pod.as_str()), "host name: {out}");
    assert_eq!(lines.next(), Some(marker.as_str()), "reply: {out}");
    // A container outside the pod has a loopback of its own.
    let alone = h.output(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--rootfs",
        root,
        "sh",
        "-c",
        "nc 127.0.0.1 7777 </dev/null",
    ]);
    assert!(!alone.status.success(), "reached the pod from outside");
    // The member shows its pod; the infra container runs no command of an image.
    let shown = h.ok(&["inspect", "--format", "{{.Pod}}", &server]);
    assert_eq!(shown.trim(), pod_id);
    let ps = h.ok(&[
        "ps",
        "-a",
        "--pod",
        "--format",
        "{{.Names}} {{.PodName}} {{.IsInfra}}",
    ]);
    assert!(ps.contains(&format!("{marker} {pod} false")), "{ps}");
    assert!(
        ps.contains(&format!("{}-infra {pod} true", &pod_id[..12])),
        "{ps}"
    );
    let table = h.ok(&["ps", "-a", "--pod"]);
    assert!(table.lines().next().unwrap().contains("POD ID"), "{table}");
    let listed = h.ok(&[
        "pod",
        "ps",
        "--filter",
        &format!("name=^{pod}$"),
        "--format",
        "{{.Name}} {{.NumberOfContainers}} {{.InfraID}}",
    ]);
    let infra = h.ok(&["pod", "inspect", &pod, "--format", "{{.InfraContainerID}}"]);
    assert_eq!(
        listed.trim(),
        format!("{pod} 2 {}", &infra.trim()[..12]),
        "{listed}"
    );
    assert_eq!(h.ok(&["pod", "rm", "-f", "-t", "0", &pod]).trim(), pod_id);
    nothing_left(&h, &marker);
}

#[test]
fn pod_rm_refuses_a_running_pod_and_rm_f_leaves_nothing() {
    let (h, root) = setup("rm");
    let root = root.to_str().unwrap();
    let pod = unique("podrm");
    let marker = unique("sleeper");
    let pod_id = h.ok(&["pod", "create", &pod]).trim().to_string();
    let script = format!("sleep 1000; : {marker}");
    let member = h
        .ok(&[
            "run", "-d", "--pod", &pod, "--rootfs", root, "sh", "-c", &script,
        ])
        .trim()
        .to_string();
    assert_eq!(
        h.ok(&["pod", "ps", "--format", "{{.Status}}"]).trim(),
        "Running"
    );
    let out = h.output(&["pod", "rm", &pod]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "Error: not all containers could be removed from pod {pod_id}: removing pod containers"
        )
    );
    assert!(
        lines.iter().any(|l| l.contains(&format!("cannot remove container {member} as it is running - running or paused containers cannot be removed without force: container state improper"))),
        "{err}"
    );
    assert!(
        !processes_with(&marker).is_empty(),
        "the refused rm stopped it"
    );
    assert_eq!(h.ok(&["pod", "exists", &pod]), "");
    // Stopped, the pod can go without -f.
    assert_eq!(h.ok(&["pod", "stop", "-t", "0", &pod]).trim(), pod_id);
    assert_eq!(
        h.ok(&["pod", "ps", "--format", "{{.Status}}"]).trim(),
        "Exited"
    );
    assert!(processes_with(&marker).is_empty());
    assert_eq!(h.ok(&["pod", "start", &pod]).trim(), pod_id);
    assert!(wait_for(10, || !processes_with(&marker).is_empty()));
    assert_eq!(h.ok(&["pod", "rm", "-f", "-t", "0", &pod]).trim(), pod_id);
    nothing_left(&h, &marker);
    let out = h.output(&["pod", "exists", &pod]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_pod_unknown_or_a_member_asking_what_the_pod_decides_fails_in_one_line() {
    let (h, root) = setup("errors");
    let root = root.to_str().unwrap();
    let bogus = unique("bogus");
    // podman's exit codes: 1 for rm and exists, 125 for the others.
    let out = h.output(&["pod", "rm", &bogus]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!("Error: no pod with name or ID {bogus} found: no such pod\n")
    );
    assert_eq!(h.ok(&["pod", "rm", "-f", "-t", "-1", &bogus]), "");
    assert_eq!(h.ok(&["pod", "rm", "--ignore", &bogus]), "");
    h.fails(&["pod", "inspect", &bogus], "no such pod");
    h.fails(&["pod", "stop", &bogus], "no such pod");
    h.fails(
        &["run", "--rm", "--pod", &bogus, "--rootfs", root, "true"],
        "no such pod",
    );
    assert_eq!(h.output(&["pod", "exists", &bogus]).status.code(), Some(1));
    h.fails(
        &["pod", "create", "--share", "mnt"],
        "invalid kernel namespace to share: mnt",
    );
    // Ports belong to the pod: refused on a member, before a new pod is made.
    let pod = unique("ports");
    let id = h.ok(&["pod", "create", "--name", &pod]).trim().to_string();
    h.fails(&["pod", "create", "--name", &pod], "pod already exists");
    let refused = "published or exposed ports must be defined when the pod is created";
    h.fails(
        &[
            "run", "--rm", "--pod", &pod, "-p", "8080:80", "--rootfs", root, "true",
        ],
        refused,
    );
    let new = unique("new");
    h.fails(
        &[
            "run",
            "--rm",
            "--pod",
            &format!("new:{new}"),
            "-p",
            "8080:80",
            "--rootfs",
            root,
            "true",
        ],
        refused,
    );
    assert_eq!(h.output(&["pod", "exists", &new]).status.code(), Some(1));
    h.fails(
        &[
            "run",
            "--rm",
            "--pod",
            &pod,
            "--hostname",
            "x",
            "--rootfs",
            root,
            "true",
        ],
        "hostname",
    );
    // The infra container goes with its pod, not alone.
    let infra = format!("{}-infra", &id[..12]);
    h.fails(&["rm", "-f", &infra], "is the infra container of pod");
    assert_eq!(h.ok(&["rm", "-a", "-f"]), "");
    // Only the infra container (created, not started) is left of the refused members.
    assert_eq!(h.containers().len(), 1);
    assert_eq!(h.ok(&["pod", "rm", &pod]).trim(), id);
    // A pod made by `run --pod new:NAME`, and `pod prune` of a pod that no longer runs.
    let out = h.ok(&[
        "run",
        "--rm",
        "--pod",
        &format!("new:{new}"),
        "--rootfs",
        root,
        "hostname",
    ]);
    assert_eq!(out.trim(), new);
    h.ok(&["pod", "stop", &new]);
    // --exit-policy stop: the pod stops when its last member ends (continue: it runs on).
    let stops = unique("stops");
    h.ok(&["pod", "create", "--exit-policy", "stop", "--name", &stops]);
    h.ok(&["run", "--rm", "--pod", &stops, "--rootfs", root, "true"]);
    let state = h.ok(&[
        "pod",
        "inspect",
        &stops,
        "--format",
        "{{.ExitPolicy}} {{.State}}",
    ]);
    assert_eq!(state.trim(), "stop Exited");
    h.fails(
        &["pod", "create", "--exit-policy", "bogus"],
        "invalid pod exit policy",
    );
    let pruned = h.ok(&["pod", "prune", "-f"]);
    assert_eq!(pruned.lines().count(), 2, "{pruned}");
    nothing_left(&h, &new);
}
