//! More of what podman's own system tests check (issue 21, fifth round), end to end as the
//! unprivileged user: the global `--log-level`/`--debug` and their log lines, `--remote`
//! refused, podman's words for a missing or unknown command, `info`'s GraphOptions and
//! `--volumepath`, `images NAME` and the names history, save by ID and load from a URL.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;

use common::home::Home;
use common::podman::with_busybox;
use common::{stderr, stdout};

#[test]
fn log_levels_as_podman_reads_them() {
    let h = Home::new();
    let bad = h.output(&["--log-level=telepathic", "version"]);
    assert_eq!(bad.status.code(), Some(1), "{bad:?}");
    assert!(
        stderr(&bad).starts_with("Log Level \"telepathic\" is not supported, choose from: trace"),
        "{}",
        stderr(&bad)
    );
    let levels = |args: &[&str]| {
        let out = h.output(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stderr(&out)
    };
    let trace = levels(&["--log-level=trace", "version"]);
    for l in [" level=trace ", " level=debug ", " level=info "] {
        assert!(trace.contains(l), "trace shows {l}: {trace}");
    }
    let debug = levels(&["--log-level=debug", "version"]);
    assert!(debug.contains(" level=debug ") && !debug.contains(" level=trace "));
    let info = levels(&["--log-level=info", "version"]);
    assert!(info.contains(" level=info ") && !info.contains(" level=debug "));
    for quiet in ["warn", "warning", "error"] {
        let text = levels(&[&format!("--log-level={quiet}"), "version"]);
        assert!(!text.contains(" level="), "{quiet}: {text}");
    }
    assert!(levels(&["-D", "version"]).contains(" level=debug "));
    assert!(levels(&["--debug", "version"]).contains(" level=debug "));
    let both = h.output(&["--debug", "--log-level=panic", "version"]);
    assert_eq!(both.status.code(), Some(1));
    assert_eq!(
        stderr(&both),
        "Setting --log-level and --debug is not allowed\n"
    );
    // The lines look like logrus's.
    let line = debug.lines().find(|l| l.contains("level=debug")).unwrap();
    assert!(
        line.starts_with("time=\"") && line.contains(" msg=\""),
        "{line}"
    );
}

#[test]
fn remote_is_refused_and_listed_unless_implied() {
    let h = Home::new();
    let help = h.ok(&["--help"]);
    assert!(help.contains(" --remote "), "--help lists --remote");
    let implied = h
        .nook()
        .env("CONTAINER_HOST", "foobar")
        .arg("--help")
        .output();
    let implied = stdout(&implied.unwrap());
    assert!(!implied.contains(" --remote ") && implied.contains("Usage:"));
    for flag in ["--url", "--connection"] {
        let text = h.ok(&[flag, "foobar", "--help"]);
        assert!(!text.contains(" --remote "), "{flag}: --remote left out");
    }
    let line = h.fails(&["--remote", "version"], "--remote");
    assert!(line.contains("no service"), "{line}");
    h.fails(&["--url", "unix:///x", "images"], "no service");
    // Without a command: the usage, then podman's words, status 125.
    let bare = h.output(&["--remote"]);
    assert_eq!(bare.status.code(), Some(125));
    assert!(stdout(&bare).contains("Usage:"), "{bare:?}");
    assert_eq!(stderr(&bare), "Error: missing command 'nook COMMAND'\n");
}

#[test]
fn missing_and_unknown_commands_in_podmans_words() {
    let h = Home::new();
    let pod = h.output(&["pod"]);
    assert_eq!(pod.status.code(), Some(125));
    assert!(stdout(&pod).contains("Usage: nook pod"));
    assert_eq!(stderr(&pod), "Error: missing command 'nook pod COMMAND'\n");
    let nosuch = h.output(&["pod", "NoSuchCommand"]);
    assert_eq!(nosuch.status.code(), Some(125));
    assert!(
        stderr(&nosuch).starts_with("Error: unrecognized command `nook pod NoSuchCommand`"),
        "{}",
        stderr(&nosuch)
    );
    assert_eq!(stderr(&nosuch).lines().count(), 1, "{}", stderr(&nosuch));
}

#[test]
fn info_graph_options_and_volumepath() {
    let h = Home::new();
    let root = h.path().join("elsewhere");
    let vols = h.path().join("volumes-go-here");
    let (root, vols) = (root.to_str().unwrap(), vols.to_str().unwrap());
    let text = h.ok(&[
        "--storage-driver=vfs",
        "--root",
        root,
        "--volumepath",
        vols,
        "info",
        "--format",
        "{{ .Store.GraphOptions }}|{{ .Store.VolumePath }}|{{ .Store.GraphRoot }}",
    ]);
    assert_eq!(text.trim(), format!("map[]|{vols}|{root}"));
    // The volumes are made there.
    h.ok(&[
        "--root",
        root,
        "--volumepath",
        vols,
        "volume",
        "create",
        "v1",
    ]);
    assert!(std::path::Path::new(vols).join("v1/_data").is_dir());
    assert!(!std::path::Path::new(root).join("volumes/v1").exists());
}

#[test]
fn images_by_name_and_the_names_history() {
    let h = with_busybox();
    let history = |h: &Home| h.ok(&["images", "busybox", "--format", "{{ .History }}"]);
    assert_eq!(history(&h), "docker.io/library/busybox:latest\n");
    h.ok(&["tag", "busybox", "first"]);
    // `images NAME` lists that name's row only.
    assert_eq!(
        h.ok(&[
            "images",
            "localhost/first",
            "--format",
            "{{.Repository}}:{{.Tag}}"
        ]),
        "localhost/first:latest\n"
    );
    h.ok(&["rmi", "first"]);
    h.ok(&["tag", "busybox", "second"]);
    h.ok(&["rmi", "second"]);
    assert_eq!(
        history(&h),
        "docker.io/library/busybox:latest, localhost/second:latest, localhost/first:latest\n"
    );
}

#[test]
fn save_by_id_has_no_name_and_load_takes_a_url() {
    let h = with_busybox();
    let id = h.ok(&["images", "-q", "busybox"]).trim().to_string();
    let archive = h.path().join("by-id.tar");
    h.ok(&["save", &id, "-o", archive.to_str().unwrap()]);
    h.ok(&["rmi", &id]);
    h.ok(&["load", "-i", archive.to_str().unwrap()]);
    assert_eq!(
        h.ok(&["images", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"]),
        format!("{id} <none>:<none>\n")
    );
    h.ok(&["rmi", &id]);

    // A one-request HTTP server on a free port hands out an archive saved by name.
    let named = h.path().join("named.tar");
    let other = with_busybox();
    other.ok(&["save", "busybox", "-o", named.to_str().unwrap()]);
    let body = std::fs::read(&named).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut buf = [0u8; 1024];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = conn.read(&mut buf).unwrap();
            assert!(n > 0, "request ended early");
            request.extend_from_slice(&buf[..n]);
        }
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        conn.write_all(head.as_bytes()).unwrap();
        conn.write_all(&body).unwrap();
        String::from_utf8_lossy(&request).into_owned()
    });
    let url = format!("http://127.0.0.1:{port}/image.tar");
    let out = h.ok(&["load", "-i", &url]);
    assert_eq!(out, "Loaded image: docker.io/library/busybox:latest\n");
    let request = server.join().unwrap();
    assert!(request.starts_with("GET /image.tar "), "{request}");
    assert_eq!(h.ok(&["images", "-q", "busybox"]).trim(), id);
    // A URL nothing answers: one line, status 125, nothing loaded.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = dead.local_addr().unwrap().port();
    drop(dead);
    let gone = format!("http://127.0.0.1:{dead_port}/image.tar");
    h.fails(&["load", "-i", &gone], "cannot download");
}

#[test]
fn commit_message_needs_the_docker_format() {
    let h = with_busybox();
    let c = common::unique("c5");
    h.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        &c,
        "busybox",
        "touch",
        "/new",
    ]);
    let line = h.fails(&["commit", "-m", "comment", &c, "i5a"], "docker");
    assert_eq!(
        line,
        "Error: messages are only compatible with the docker image format (-f docker)\n"
    );
    let out = h.output(&["commit", &c, "--format", "docker", "-m", "comment", "i5b"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let words = stderr(&out);
    assert!(
        words.starts_with("Getting image") && words.contains("Writing manifest"),
        "{words}"
    );
    let quiet = h.ok(&[
        "commit", "-q", &c, "--format", "docker", "-m", "comment", "i5c",
    ]);
    assert_eq!(quiet.trim().len(), 64, "-q: the ID only: {quiet}");
    let comment = h.ok(&["image", "inspect", "--format", "{{.Comment}}", "i5c"]);
    assert_eq!(comment.trim(), "comment");
    h.ok(&["rm", &c]);
}
