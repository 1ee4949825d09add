//! `nook build`, `push` and `save` as the unprivileged user: a multi-stage build (a file
//! removed by a later step, uid 42's files, an empty directory, a symbolic link) run by nook,
//! pushed to a local registry, checked by `skopeo inspect`, pulled and run by nook and by
//! podman with the same output; `nook save` loaded by podman; the build cache's hits and
//! misses; bad input refused with nothing left behind. The base is busybox (the COPY of a
//! root file system into `FROM scratch`); `debian_` tests build FROM the Debian test image
//! pulled from the registry.

mod common;

use common::build::{build, built, context, registry_sh};
use common::home::Home;
use common::output_of as sh;

use std::process::{Command, Output};
use std::sync::OnceLock;

/// One plain registry for the test process; its address.
fn registry() -> &'static str {
    static ADDR: OnceLock<String> = OnceLock::new();
    ADDR.get_or_init(|| {
        let dir = common::scratch().join("registry");
        sh(registry_sh().arg("start").arg(&dir).arg("plain"))
    })
}

/// podman as the test user with this home's directories (runc: crun is not installed).
fn podman(home: &Home, args: &[&str]) -> Output {
    Command::new("podman")
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
        .env("HOME", home.path())
        .env("XDG_RUNTIME_DIR", home.runtime_dir())
        .env("XDG_DATA_HOME", home.data())
        .env("XDG_CONFIG_HOME", home.config())
        .args([
            "--runtime",
            "runc",
            "--cgroup-manager",
            "cgroupfs",
            "--events-backend",
            "file",
        ])
        .args(args)
        .output()
        .expect("podman is installed (scripts/test.sh PACKAGES)")
}

fn podman_ok(home: &Home, args: &[&str]) -> String {
    let out = podman(home, args);
    assert!(
        out.status.success(),
        "podman {args:?}: {}{}",
        common::stdout(&out),
        common::stderr(&out)
    );
    common::stdout(&out)
}

fn last_line(s: &str) -> String {
    s.lines().last().unwrap_or("").to_string()
}

const MULTI: &str = r#"FROM scratch AS builder
COPY rootfs/ /
ARG WHO=builder
RUN mkdir -p /out/empty && echo "made by $WHO" > /out/file && ln -s file /out/link && echo gone > /out/gone && chown -R 42:42 /out
RUN rm /out/gone

FROM scratch
COPY rootfs/ /
COPY --from=builder /out /out
COPY --chown=42:42 note.txt /out/note.txt
RUN chown 42:42 /out/file && rm /etc/group-extra
WORKDIR /out
ENV GREETING=hello
CMD ["sh", "-c", "echo $GREETING; cat file; ls -lnd . empty file link note.txt | awk '{print $1, $3, $4, $NF}'; ls gone /etc/group-extra 2>&1 | wc -l"]
"#;

const EXPECTED: &str = "hello\nmade by builder\n";

fn check_output(out: &str) {
    assert!(out.starts_with(EXPECTED), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.contains(&"drwxr-xr-x 0 0 empty"), "{out}");
    assert!(lines.contains(&"-rw-r--r-- 42 42 file"), "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("lrwxrwxrwx 0 0") && l.ends_with("file")),
        "{out}"
    );
    assert!(lines.contains(&"-rw-r--r-- 42 42 note.txt"), "{out}");
    // Both `ls` of removed files failed: two lines of errors.
    assert_eq!(lines.last(), Some(&"2"), "{out}");
}

#[test]
fn build_multistage_run_push_pull_and_podman() {
    let home = Home::new().private_runtime();
    let ctx = context(MULTI, &[("note.txt", "a note\n")]);
    std::fs::write(ctx.join("rootfs/etc/group-extra"), "x\n").unwrap();
    let out = built(&home, &ctx, &["-t", "multi", "-t", "multi:v2"]);
    assert!(
        out.contains("[1/2] STEP 1/5: FROM scratch AS builder"),
        "{out}"
    );
    assert!(out.contains("[2/2] STEP 8/8: CMD"), "{out}");
    assert!(out.contains("COMMIT multi"), "{out}");
    assert!(
        out.contains("Successfully tagged localhost/multi:v2"),
        "{out}"
    );
    let id = last_line(&out);
    assert_eq!(id.len(), 64, "{out}");
    let ran = home.ok(&["run", "--rm", "--network", "none", "localhost/multi"]);
    check_output(&ran);
    let images = home.ok(&["images"]);
    assert!(
        images.contains("localhost/multi") && images.contains(&id[..12]),
        "{images}"
    );

    // Pushed, inspected by skopeo, removed, pulled back and run.
    let dest = format!("{}/built/multi:v1", registry());
    home.ok(&["push", "--tls-verify=false", "localhost/multi", &dest]);
    let again = home.output(&["push", "--tls-verify=false", "localhost/multi", &dest]);
    let said = common::stderr(&again);
    assert!(
        again.status.success() && said.contains("skipped: already exists"),
        "{said}"
    );
    assert!(
        !said.contains(&format!("Copying blob sha256:{}\n", "")),
        "{said}"
    );
    let inspect = sh(Command::new("skopeo")
        .args(["inspect", "--tls-verify=false"])
        .arg(format!("docker://{dest}")));
    let v: serde_json::Value = serde_json::from_str(&inspect).unwrap();
    assert_eq!(
        v["Layers"].as_array().map(|a| a.len()),
        Some(4),
        "{inspect}"
    );
    assert!(v["Env"].to_string().contains("GREETING=hello"), "{inspect}");
    home.ok(&["rmi", "localhost/multi", "localhost/multi:v2"]);
    home.ok(&["pull", "-q", "--tls-verify=false", &dest]);
    check_output(&home.ok(&["run", "--rm", "--network", "none", &dest]));

    // podman pulls and runs it with the same output.
    podman_ok(&home, &["pull", "-q", "--tls-verify=false", &dest]);
    let by_podman = podman_ok(&home, &["run", "--rm", "--network", "none", &dest]);
    assert_eq!(by_podman, ran);
    podman_ok(&home, &["rmi", "-a", "-f"]);
}

#[test]
fn build_cache_hits_and_misses() {
    let home = Home::new().private_runtime();
    let file = "FROM scratch\nCOPY rootfs/ /\nARG V=1\nRUN echo run $V > /r\nCOPY data.txt /data.txt\nRUN cat /data.txt /r > /both\n";
    let ctx = context(file, &[("data.txt", "one\n")]);
    let first = built(&home, &ctx, &["-t", "c"]);
    assert!(!first.contains("Using cache"), "{first}");
    let second = built(&home, &ctx, &["-t", "c"]);
    assert_eq!(second.matches("--> Using cache").count(), 4, "{second}");
    assert_eq!(
        last_line(&first),
        last_line(&second),
        "an unchanged rebuild is the same image"
    );
    // A changed source: the COPY of it and what follows run again, not what is before.
    std::fs::write(ctx.join("data.txt"), "two\n").unwrap();
    let third = built(&home, &ctx, &["-t", "c"]);
    assert_eq!(third.matches("--> Using cache").count(), 2, "{third}");
    assert_ne!(last_line(&third), last_line(&second));
    let both = home.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "localhost/c",
        "cat",
        "/both",
    ]);
    assert_eq!(both, "two\nrun 1\n");
    // A changed build argument: the RUN that sees it runs again.
    let fourth = built(&home, &ctx, &["-t", "c", "--build-arg", "V=2"]);
    assert_eq!(fourth.matches("--> Using cache").count(), 1, "{fourth}");
    let no_cache = built(&home, &ctx, &["-t", "c", "--no-cache"]);
    assert!(!no_cache.contains("Using cache"), "{no_cache}");
    // .containerignore leaves files out of the context.
    std::fs::write(ctx.join(".containerignore"), "data.txt\n").unwrap();
    home.fails(
        &["build", ctx.to_str().unwrap()],
        ".containerignore leaves it out",
    );
}

#[test]
fn build_refuses_bad_input_and_leaves_nothing() {
    let home = Home::new().private_runtime();
    let outside = context("FROM scratch\nCOPY ../x /\n", &[]);
    home.fails(
        &["build", outside.to_str().unwrap()],
        "outside the build context",
    );
    let link = context("FROM scratch\nCOPY escape /\n", &[]);
    std::os::unix::fs::symlink("/etc/passwd", link.join("escape")).unwrap();
    home.fails(
        &["build", link.to_str().unwrap()],
        "outside the build context",
    );
    let unknown = context("FROM scratch\nFROBNICATE x\n", &[]);
    home.fails(&["build", unknown.to_str().unwrap()], "line 2");
    let platform = context("FROM scratch\n", &[]);
    home.fails(
        &[
            "build",
            "--platform",
            "linux/s390x",
            platform.to_str().unwrap(),
        ],
        "only for this machine",
    );
    // A failing RUN stops the build with its exit code, naming the step; no image is made
    // and no container or step directory is left.
    let failing = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN exit 3\nRUN echo never\n",
        &[],
    );
    let out = build(&home, &failing, &["-t", "failing"]);
    assert_eq!(out.status.code(), Some(3), "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains("building at STEP \"RUN exit 3\""),
        "{}",
        common::stderr(&out)
    );
    assert!(!common::stdout(&out).contains("never"));
    assert!(!home.ok(&["images"]).contains("failing"));
    assert_eq!(home.containers(), Vec::<String>::new());
    assert!(
        home.entries("tmp").iter().all(|e| !e.starts_with("build-")),
        "{:?}",
        home.entries("tmp")
    );
}

#[test]
fn build_save_is_loaded_by_podman_and_nook() {
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN echo saved > /s\nCMD [\"cat\", \"/s\"]\n",
        &[],
    );
    built(&home, &ctx, &["-t", "saved"]);
    let tar = home.path().join("saved.tar");
    home.ok(&["save", "-o", tar.to_str().unwrap(), "localhost/saved"]);
    let loaded = podman_ok(&home, &["load", "-i", tar.to_str().unwrap()]);
    assert!(loaded.contains("localhost/saved:latest"), "{loaded}");
    assert_eq!(
        podman_ok(
            &home,
            &["run", "--rm", "--network", "none", "localhost/saved"]
        ),
        "saved\n"
    );
    podman_ok(&home, &["rmi", "-a", "-f"]);
    let oci = home.path().join("saved-oci.tar");
    home.ok(&[
        "save",
        "--format",
        "oci-archive",
        "-o",
        oci.to_str().unwrap(),
        "localhost/saved",
    ]);
    home.ok(&["rmi", "localhost/saved"]);
    home.ok(&["load", "-i", oci.to_str().unwrap()]);
    let id = home.ok(&["images", "-q"]);
    let id = id.lines().next().unwrap_or_default().to_string();
    assert_eq!(
        home.ok(&["run", "--rm", "--network", "none", &id]),
        "saved\n"
    );
}

#[test]
fn build_commit_export_import_and_history() {
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN echo base > /base\nCMD [\"cat\", \"/base\"]\n",
        &[],
    );
    built(&home, &ctx, &["-t", "base"]);
    let history = home.ok(&["image", "history", "localhost/base"]);
    let rows: Vec<&str> = history.lines().collect();
    assert!(
        rows[0].starts_with("ID") && rows[1].contains("CMD"),
        "{history}"
    );
    assert!(
        rows.iter().any(|r| r.contains("echo base > /base")),
        "{history}"
    );
    assert!(
        rows.iter().skip(2).all(|r| r.starts_with("<missing>")),
        "{history}"
    );
    // A container's changes committed, with a new command.
    home.ok(&[
        "run",
        "--name",
        "changer",
        "--network",
        "none",
        "localhost/base",
        "sh",
        "-c",
        "echo changed > /c && rm /base",
    ]);
    let id = home.ok(&[
        "commit",
        "-q",
        "-c",
        "CMD [\"cat\", \"/c\"]",
        "-f",
        "docker",
        "-m",
        "changed it",
        "changer",
        "committed",
    ]);
    assert_eq!(id.trim().len(), 64, "{id}");
    assert_eq!(
        home.ok(&["run", "--rm", "--network", "none", "localhost/committed"]),
        "changed\n"
    );
    let gone = home.output(&[
        "run",
        "--rm",
        "--network",
        "none",
        "localhost/committed",
        "ls",
        "/base",
    ]);
    assert!(!gone.status.success(), "the removed file stays removed");
    assert!(
        home.ok(&["image", "history", "localhost/committed"])
            .contains("changed it")
    );
    // Exported as a tar, imported as an image: the same files.
    let tar = home.path().join("export.tar");
    home.ok(&["export", "-o", tar.to_str().unwrap(), "changer"]);
    let list = sh(Command::new("tar").arg("tf").arg(&tar));
    assert!(
        list.lines().any(|l| l.trim_start_matches("./") == "c"),
        "c missing from the export"
    );
    assert!(
        !list
            .lines()
            .any(|l| l.trim_start_matches("./") == "base" || l.contains(".wh."))
    );
    let imported = home.ok(&[
        "import",
        "-q",
        "-c",
        "CMD [\"cat\", \"/c\"]",
        tar.to_str().unwrap(),
        "imported",
    ]);
    assert!(imported.trim().starts_with("sha256:"), "{imported}");
    assert_eq!(
        home.ok(&["run", "--rm", "--network", "none", "localhost/imported"]),
        "changed\n"
    );
    home.fails(
        &["commit", "no-such-container"],
        "no container no-such-container",
    );
}
