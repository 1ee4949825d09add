//! What podman's scripts read, end to end as the unprivileged user: `ps` (columns, STATUS
//! texts, -a -q -l -n --no-trunc --size --noheading, filters, --sort, --format templates and
//! json), `inspect` and `container inspect`/`exists` of real containers (kept exited ones and
//! a running one), `port` of an exited container, and `--format` of images, image inspect,
//! volume ls, info and version.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use common::home::Home;
use common::{stderr, stdout};

/// This file's ways of using a home.
impl Home {
    /// A kept container: `nook run --name NAME --network none --rootfs BUSYBOX sh -c SCRIPT`.
    fn kept(&self, name: &str, script: &str) {
        let rootfs = common::rootfs().to_str().unwrap();
        let args = [
            "run",
            "--name",
            name,
            "--network",
            "none",
            "--rootfs",
            rootfs,
            "sh",
            "-c",
            script,
        ];
        let out = self.output(&args);
        assert!(
            out.status.code().is_some(),
            "{name}: {:?} {}",
            out.status,
            stderr(&out)
        );
    }

    /// A container running until it is sent SIGTERM (`nook run` in the background).
    fn running(&self, name: &str) -> Child {
        let rootfs = common::rootfs().to_str().unwrap();
        let child = self
            .nook()
            .args(["run", "--rm", "--network", "none", "--name", name])
            .args([
                "--rootfs",
                rootfs,
                "sh",
                "-c",
                "trap 'exit 0' TERM; sleep 60 & wait",
            ])
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        assert!(
            common::wait_for(20, || stdout(&self.output(&[
                "ps",
                "-q",
                "--filter",
                &format!("name=^{name}$")
            ]))
            .len()
                == 13),
            "{name} never ran"
        );
        child
    }

    /// `nook ARGS` must fail with exit code `code`; returns its standard error.
    fn exits(&self, args: &[&str], code: i32) -> String {
        let out = self.output(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        stderr(&out)
    }
}

fn stop(mut child: Child) {
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    assert!(child.wait().unwrap().success());
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

#[test]
fn ps_shows_podmans_columns_status_texts_flags_and_filters() {
    let home = Home::new().private_runtime();
    // Made in this order: ok, bad, up.
    home.kept("ok", "true");
    home.kept("bad", "exit 3");
    let up = home.running("up");

    let all = home.ok(&["ps", "-a"]);
    let rows = lines(&all);
    assert_eq!(rows.len(), 4, "{all}");
    for (i, column) in [
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ]
    .iter()
    .enumerate()
    {
        assert!(rows[0].contains(column), "column {i} {column}: {all}");
    }
    assert!(rows[0].starts_with("CONTAINER ID  IMAGE "), "{all}");
    let row = |name: &str| rows.iter().find(|r| r.ends_with(name)).copied().unwrap();
    assert!(row("bad").contains("Exited (3) "), "{all}");
    assert!(row("bad").contains(" ago "), "{all}");
    assert!(row("ok").contains("Exited (0) "), "{all}");
    assert!(row("up").contains("  Up "), "{all}");
    assert!(row("up").contains("sh -c trap 'exit ..."), "{all}");
    // The columns line up: every row's NAMES starts where the header's does.
    let at = rows[0].find("NAMES").unwrap();
    for r in &rows[1..] {
        assert_eq!(&r[at..], r.rsplit(' ').next().unwrap(), "{all}");
    }

    // Without -a: the running one only.
    let running = home.ok(&["ps"]);
    assert_eq!(lines(&running).len(), 2, "{running}");
    assert!(running.lines().nth(1).unwrap().ends_with("up"));
    assert_eq!(
        home.ok(&["ps", "--noheading", "--format", "{{.Names}}"]),
        "up\n"
    );
    assert_eq!(lines(&home.ok(&["ps", "-a", "--noheading"])).len(), 3);
    assert_eq!(
        home.ok(&[
            "ps",
            "-a",
            "--sort",
            "names",
            "--format",
            "{{.Names}} {{.State}}"
        ]),
        "bad exited\nok exited\nup running\n"
    );
    assert_eq!(
        home.ok(&["ps", "-a", "--format", "{{.Names}}"]),
        "ok\nbad\nup\n",
        "oldest first, as podman"
    );

    // IDs: short, full, of the latest, of the last two.
    let json: serde_json::Value =
        serde_json::from_str(&home.ok(&["ps", "-a", "--format", "json"])).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let id_of = |name: &str| {
        list.iter()
            .find(|c| c["Names"][0] == name)
            .map(|c| c["Id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let bad = list.iter().find(|c| c["Names"][0] == "bad").unwrap();
    assert_eq!(bad["State"], "exited");
    assert_eq!(bad["ExitCode"], 3);
    assert_eq!(bad["Exited"], true);
    assert!(bad["Status"].as_str().unwrap().starts_with("Exited (3)"));
    let up_id = id_of("up");
    assert_eq!(home.ok(&["ps", "-q"]), format!("{}\n", &up_id[..12]));
    assert_eq!(home.ok(&["ps", "-q", "--no-trunc"]), format!("{up_id}\n"));
    assert_eq!(home.ok(&["ps", "-l", "--format", "{{.Names}}"]), "up\n");
    assert_eq!(
        home.ok(&["ps", "-n", "2", "--format", "{{.Names}}"]),
        "bad\nup\n"
    );
    assert_eq!(
        home.ok(&["ps", "--no-trunc", "--format", "{{.ID}} {{.Command}}"]),
        format!("{up_id} sh -c trap 'exit 0' TERM; sleep 60 & wait\n")
    );

    // Filters: one key any, several keys all; a status filter shows every state.
    let names = |filters: &[&str]| {
        let mut args = vec!["ps", "--sort", "names", "--format", "{{.Names}}"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        home.ok(&args)
    };
    assert_eq!(names(&["status=stopped"]), "bad\nok\n");
    assert_eq!(names(&["status=exited", "exited=3"]), "bad\n");
    assert_eq!(names(&["status=exited", "exited=0"]), "ok\n");
    assert_eq!(names(&["status=exited", "status=running"]), "bad\nok\nup\n");
    assert_eq!(names(&["name=ok"]), "", "exited: not without -a");
    let bad_id = id_of("bad");
    assert_eq!(
        home.ok(&[
            "ps",
            "-a",
            "--filter",
            &format!("id={}", bad_id[..5].to_uppercase()),
            "--format",
            "{{.Names}}"
        ]),
        "bad\n"
    );
    assert_eq!(
        home.ok(&["ps", "-a", "--filter", "id=[^0-9a-f]", "--noheading"]),
        ""
    );
    assert_eq!(
        home.ok(&[
            "ps",
            "-a",
            "--filter",
            "name=^b",
            "--filter",
            "name=p$",
            "--format",
            "{{.Names}}"
        ]),
        "bad\nup\n"
    );

    // Templates: a table of podman's headings, --size.
    let table = home.ok(&[
        "ps",
        "-a",
        "--format",
        "table {{.ID}}\\t{{.Status}}\\t{{.Names}}",
    ]);
    assert!(table.starts_with("CONTAINER ID  STATUS "), "{table}");
    assert_eq!(lines(&table).len(), 4);
    let sizes = home.ok(&["ps", "-a", "--size", "--format", "{{.Size}}"]);
    assert!(sizes.lines().all(|l| l.contains("(virtual ")), "{sizes}");
    assert!(
        home.ok(&["ps", "-a", "--size"])
            .lines()
            .next()
            .unwrap()
            .ends_with("SIZE")
    );
    home.ok(&["ps", "--external"]);

    // Bad input: one line, 125.
    let err = home.exits(&["ps", "--filter", "pod=x"], 125);
    assert!(err.contains("invalid filter \"pod\""), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    home.exits(&["ps", "--filter", "status=up"], 125);
    home.exits(&["ps", "--format", "{{.ID"], 125);
    home.exits(&["ps", "--sort", "size-ish"], 125);
    stop(up);
    assert_eq!(home.ok(&["ps", "-q"]), "");
}

#[test]
fn inspect_and_exists_of_containers() {
    let home = Home::new().private_runtime();
    home.kept("bad", "exit 3");
    let up = home.running("up");

    let text = home.ok(&["inspect", "bad"]);
    assert!(
        text.starts_with("[\n    {\n        \""),
        "podman's 4-space JSON: {text}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let c = &v[0];
    assert_eq!(c["Name"], "bad");
    assert_eq!(c["Path"], "sh");
    assert_eq!(c["Args"], serde_json::json!(["-c", "exit 3"]));
    assert_eq!(c["State"]["Status"], "exited");
    assert_eq!(c["State"]["Running"], false);
    assert_eq!(c["State"]["ExitCode"], 3);
    assert_eq!(
        c["Config"]["Cmd"],
        serde_json::json!(["sh", "-c", "exit 3"])
    );
    assert_eq!(c["HostConfig"]["NetworkMode"], "none");
    let created = c["Created"].as_str().unwrap();
    assert!(created.ends_with('Z') && created.contains('T'), "{created}");
    let id = c["Id"].as_str().unwrap();
    assert_eq!(id.len(), 64);
    // Go's field name, as podman's templates take it, and the JSON's.
    assert_eq!(
        home.ok(&["inspect", "--format", "{{.ID}}", "bad"]),
        format!("{id}\n")
    );
    assert_eq!(
        home.ok(&["inspect", "--format", "{{.Id}}", id]),
        format!("{id}\n")
    );

    assert_eq!(
        home.ok(&[
            "inspect",
            "--format",
            "{{.State.Status}} {{.State.ExitCode}}",
            "bad"
        ]),
        "exited 3\n"
    );
    assert_eq!(
        home.ok(&[
            "container",
            "inspect",
            "--format",
            "{{.Name}}:{{.State.Running}}",
            "bad",
            "up"
        ]),
        "bad:false\nup:true\n"
    );
    let pid: i32 = home
        .ok(&["inspect", "--format", "{{.State.Pid}}", "up"])
        .trim()
        .parse()
        .unwrap();
    assert!(pid > 0 && std::path::Path::new(&format!("/proc/{pid}")).exists());
    assert_eq!(home.ok(&["inspect", "-l", "--format", "{{.Name}}"]), "up\n");
    let json = home.ok(&["inspect", "--format", "{{json .Config.Cmd}}", "bad"]);
    assert_eq!(json, "[\"sh\",\"-c\",\"exit 3\"]\n");

    // Unknown names: podman's messages, 125; what was found is still printed.
    let err = home.exits(&["inspect", "nosuch"], 125);
    assert!(err.contains("no such object: \"nosuch\""), "{err}");
    let out = home.output(&["inspect", "--format", "{{.Name}}", "bad", "nosuch"]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(stdout(&out), "bad\n");
    let err = home.exits(&["container", "inspect", "nosuch"], 125);
    assert!(err.contains("no such container"), "{err}");
    home.exits(&["inspect", "--type", "volume", "bad"], 125);
    home.exits(&["inspect", "--format", "{{.Name", "bad"], 125);

    home.ok(&["container", "exists", "bad"]);
    home.ok(&["container", "exists", "up"]);
    home.exits(&["container", "exists", "nosuch"], 1);
    stop(up);
    assert_eq!(
        home.ok(&["inspect", "--format", "{{.State.Status}}", "bad"]),
        "exited\n"
    );
}

#[test]
fn port_of_an_exited_container_lists_nothing() {
    let home = Home::new().private_runtime();
    let rootfs = common::rootfs().to_str().unwrap();
    let out = home.output(&["run", "--name", "p", "-p", "80", "--rootfs", rootfs, "true"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(home.ok(&["port", "p"]), "");
    assert_eq!(home.ok(&["container", "port", "p"]), "");
    let v: serde_json::Value = serde_json::from_str(&home.ok(&["inspect", "p"])).unwrap();
    // What was asked stays in the configuration.
    assert!(
        v[0]["HostConfig"]["PortBindings"]["80/tcp"].is_array(),
        "{v}"
    );
}

fn images() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("nook-ps-img-")
            .tempdir()
            .unwrap()
            .keep();
        let st = Command::new("python3")
            .arg(common::scripts_dir().join("testimages.py"))
            .arg(dir.join("images"))
            .stdout(Stdio::null())
            .status()
            .expect("run scripts/testimages.py");
        assert!(st.success(), "testimages.py failed");
        dir.join("images")
    })
}

#[test]
fn format_of_images_image_inspect_and_containers_of_images() {
    let home = Home::new().private_runtime();
    let archive = images().join("busybox.oci.tar");
    home.ok(&["load", "-i", archive.to_str().unwrap()]);
    assert_eq!(
        home.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]),
        "docker.io/library/busybox:latest\n"
    );
    let id = home.ok(&["images", "--no-trunc", "--format", "{{.ID}}"]);
    assert!(id.starts_with("sha256:") && id.len() == 72, "{id}");
    let table = home.ok(&["images", "--format", "table {{.ID}}\\t{{.Repository}}"]);
    assert!(table.starts_with("IMAGE ID      REPOSITORY\n"), "{table}");
    assert_eq!(
        lines(&home.ok(&["images", "--noheading"])).len(),
        1,
        "no header"
    );
    let full = home.ok(&["image", "inspect", "--format", "{{.Id}}", "busybox"]);
    assert_eq!(format!("sha256:{full}"), id);
    assert_eq!(
        home.ok(&[
            "inspect", "--type", "image", "--format", "{{.Id}}", "busybox"
        ]),
        full
    );
    assert_eq!(
        home.ok(&["inspect", "--format", "{{.Id}}", "busybox"]),
        full
    );

    home.ok(&[
        "run",
        "--name",
        "fromimg",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    assert_eq!(
        home.ok(&["ps", "-a", "--format", "{{.Image}}"]),
        "docker.io/library/busybox:latest\n"
    );
    assert_eq!(
        home.ok(&[
            "ps",
            "-a",
            "--filter",
            "ancestor=busybox",
            "--format",
            "{{.Names}}"
        ]),
        "fromimg\n"
    );
    assert_eq!(
        home.ok(&[
            "ps",
            "-a",
            "--filter",
            "ancestor=alpine",
            "--format",
            "{{.Names}}"
        ]),
        ""
    );
    assert_eq!(
        home.ok(&["inspect", "--format", "{{.Image}}", "fromimg"]),
        full
    );
    // A name that is a container and an image: the container, unless --type says image.
    assert_eq!(
        home.ok(&["inspect", "--format", "{{.Name}}", "fromimg"]),
        "fromimg\n"
    );
}

#[test]
fn format_of_volumes_info_and_version() {
    let home = Home::new().private_runtime();
    home.ok(&["volume", "create", "alpha"]);
    assert_eq!(
        home.ok(&["volume", "ls", "--format", "{{.Name}} {{.Driver}}"]),
        "alpha local\n"
    );
    assert_eq!(
        home.ok(&["volume", "ls", "--format", "table {{.Name}}"]),
        "VOLUME NAME\nalpha\n"
    );
    assert_eq!(
        home.ok(&["volume", "ls", "--noheading"]).trim(),
        "local     alpha"
    );
    assert_eq!(
        home.ok(&["volume", "inspect", "--format", "{{.Mountpoint}}", "alpha"]),
        format!("{}\n", home.volumes().join("alpha/_data").display())
    );
    assert_eq!(
        home.ok(&[
            "inspect",
            "--type",
            "volume",
            "--format",
            "{{.Name}}",
            "alpha"
        ]),
        "alpha\n"
    );

    assert_eq!(
        home.ok(&["info", "--format", "{{.Host.Security.Rootless}}"]),
        "true\n"
    );
    assert_eq!(
        home.ok(&["info", "--format", "{{.Store.GraphRoot}}"]),
        format!("{}\n", home.store().display())
    );
    let driver = home.ok(&["info", "--format", "{{.Store.GraphDriverName}}"]);
    assert!(
        ["overlay\n", "fuse-overlayfs\n", "vfs\n"].contains(&driver.as_str()),
        "{driver}"
    );
    let cg = home.ok(&["info", "--format", "{{.Host.CgroupsVersion}}"]);
    assert!(["v1\n", "v2\n"].contains(&cg.as_str()), "{cg}");
    let net = home.ok(&["info", "--format", "{{.Host.NetworkBackend}}"]);
    assert!(
        ["slirp4netns\n", "pasta\n", "none\n"].contains(&net.as_str()),
        "{net}"
    );
    // What info printed before stays.
    let json: serde_json::Value =
        serde_json::from_str(&home.ok(&["info", "--format", "json"])).unwrap();
    assert!(json["checks"].is_array() && json["Host"]["Security"]["Rootless"] == true);
    home.exits(&["info", "--format", "{{.Host"], 125);

    let version = home.ok(&["version"]);
    let keys: Vec<&str> = version
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "Client",
            "Version",
            "API Version",
            "Rust Version",
            "Built",
            "OS/Arch"
        ]
    );
    assert!(
        version.contains(&format!("Version:      {}\n", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    assert_eq!(
        home.ok(&["version", "--format", "{{.Client.Version}}"]),
        format!("{}\n", env!("CARGO_PKG_VERSION"))
    );
    let v: serde_json::Value =
        serde_json::from_str(&home.ok(&["version", "--format", "json"])).unwrap();
    assert_eq!(
        v["Client"]["OsArch"].as_str().unwrap().split('/').next(),
        Some("linux")
    );
}
