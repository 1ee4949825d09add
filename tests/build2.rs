//! `nook build`'s second round, as the unprivileged user: `-q` (only the image ID; a failing
//! step's output on stderr), here-documents in their Containerfile forms (RUN after a
//! command, several at once, `<<-`, quoted delimiters, COPY), and ONBUILD triggers kept in
//! the config and run by a build FROM that image. The base is busybox, copied into
//! `FROM scratch`.

mod common;

use common::build::{build, built, context};
use common::home::Home;
use common::output_of as sh;

use std::path::Path;
use std::process::Command;

fn run(home: &Home, image: &str) -> String {
    home.ok(&["run", "--rm", "--network", "none", image])
}

#[test]
fn build2_quiet_prints_only_the_image_id() {
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN echo said-by-run && echo also-on-stderr >&2\n",
        &[],
    );
    let out = build(&home, &ctx, &["-q", "-t", "quiet"]);
    let stdout = common::succeeded(&["build", "-q"], &out);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].len() == 64 && lines[0].bytes().all(|b| b.is_ascii_hexdigit()),
        "{stdout}"
    );
    let stderr = common::stderr(&out);
    assert!(
        !stderr.contains("said-by-run") && !stderr.contains("also-on-stderr"),
        "{stderr}"
    );
    assert!(home.ok(&["images"]).contains(&lines[0][..12]));

    // Without -q the same build shows its steps (from the cache now).
    let loud = built(&home, &ctx, &["-t", "quiet"]);
    assert!(loud.contains("STEP 3/3: RUN echo said-by-run"), "{loud}");

    // A failing step: its output explains it, on stderr, and the exit code is the step's.
    let bad = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN echo why-it-failed; exit 3\n",
        &[],
    );
    let out = build(&home, &bad, &["-q"]);
    assert_eq!(out.status.code(), Some(3), "{}", common::stderr(&out));
    assert!(common::stdout(&out).is_empty(), "{}", common::stdout(&out));
    let stderr = common::stderr(&out);
    assert!(stderr.contains("why-it-failed"), "{stderr}");
    assert!(stderr.contains("exit status 3"), "{stderr}");
}

const HEREDOCS: &str = "FROM scratch
COPY rootfs/ /
ARG WHO=world
RUN <<EOF
echo one > /one
echo two >> /one
EOF
RUN cat <<A >/a && cat <<-\"B\" >/b
hello $WHO
A
\tnot $WHO
\tB
RUN <<-EOF
\techo tabbed > /tabbed
\tEOF
COPY <<greeting <<'raw' /docs/
hi $WHO
greeting
keep $WHO
raw
COPY <<EOF /single
single
EOF
CMD [\"sh\", \"-c\", \"cat /one /a /b /tabbed /docs/greeting /docs/raw /single; stat -c '%a %u' /single\"]
";

#[test]
fn build2_heredocs_in_run_and_copy() {
    let home = Home::new().private_runtime();
    let ctx = context(HEREDOCS, &[]);
    let out = built(&home, &ctx, &["--build-arg", "WHO=nook", "-t", "docs"]);
    assert!(
        out.contains("STEP 5/9: RUN cat <<A >/a && cat <<-\"B\" >/b\n"),
        "{out}"
    );
    assert_eq!(
        run(&home, "localhost/docs"),
        "one\ntwo\nhello nook\nnot $WHO\ntabbed\nhi nook\nkeep $WHO\nsingle\n644 0\n"
    );
    // A document without its end line names the line.
    let bad = context("FROM scratch\nRUN cat <<EOF\nno end\n", &[]);
    let out = build(&home, &bad, &[]);
    let said = common::failed(&out, "line 2");
    assert!(said.contains("end it with a line EOF"), "{said}");
}

#[test]
fn build2_onbuild_triggers_run_in_the_child() {
    let home = Home::new().private_runtime();
    let base = context(
        "FROM scratch\nCOPY rootfs/ /\nONBUILD RUN echo triggered > /trig\nONBUILD COPY note.txt /note\n",
        &[("note.txt", "base note\n")],
    );
    let out = built(&home, &base, &["-t", "onbase"]);
    assert!(
        out.contains("STEP 3/4: ONBUILD RUN echo triggered > /trig\n"),
        "{out}"
    );
    // Kept in the image's config.
    let dir = common::scratch().join(common::unique("onbase-oci"));
    home.ok(&[
        "save",
        "--format",
        "oci-dir",
        "-o",
        dir.to_str().unwrap(),
        "localhost/onbase",
    ]);
    let configs = sh(Command::new("grep")
        .args(["-rl", "OnBuild"])
        .arg(dir.join("blobs")));
    let config = std::fs::read_to_string(configs.lines().next().unwrap()).unwrap();
    assert!(
        config.contains("\"OnBuild\":[\"RUN echo triggered > /trig\",\"COPY note.txt /note\"]"),
        "{config}"
    );

    // A build FROM it runs the triggers first, with its own context.
    let child = context(
        "FROM localhost/onbase\nRUN cat /trig /note > /both\nCMD [\"cat\", \"/both\"]\n",
        &[("note.txt", "child note\n")],
    );
    let out = built(&home, &child, &["-t", "onchild"]);
    assert!(out.contains("ONBUILD RUN echo triggered > /trig"), "{out}");
    assert_eq!(run(&home, "localhost/onchild"), "triggered\nchild note\n");
    // The child does not pass the triggers on.
    let grandchild = context("FROM localhost/onchild\nRUN test ! -e /x\n", &[]);
    let out = built(&home, &grandchild, &[]);
    assert!(!out.contains("ONBUILD"), "{out}");
}

const MOUNTS: &str = "FROM scratch
COPY rootfs/ /
RUN --mount=type=cache,target=/cache,id=c1,sharing=locked echo run >> /cache/log && wc -l < /cache/log > /count
RUN --mount=type=bind,source=data,target=/data cp /data/file /from-bind && ! touch /data/new 2>/dev/null
RUN --mount=type=tmpfs,target=/scratch touch /scratch/x && grep -q ' /scratch tmpfs' /proc/mounts && echo tmpfs > /tmpfs-ok
RUN --mount=type=secret,id=tok,required tr a-z A-Z < /run/secrets/tok > /secret-used
CMD [\"sh\", \"-c\", \"cat /count /from-bind /tmpfs-ok /secret-used; for p in /cache /data /scratch /run/secrets/tok; do test -e $p && echo $p; done; true\"]
";

#[test]
fn build2_run_mounts_cache_bind_tmpfs_and_secret() {
    let home = Home::new().private_runtime();
    let ctx = context(MOUNTS, &[]);
    std::fs::create_dir(ctx.join("data")).unwrap();
    std::fs::write(ctx.join("data/file"), "bound\n").unwrap();
    let secret = common::scratch().join(common::unique("secret"));
    std::fs::write(&secret, "s3cret\n").unwrap();
    let given = format!("id=tok,src={}", secret.display());
    built(&home, &ctx, &["--secret", &given, "-t", "mounts"]);
    assert_eq!(
        run(&home, "localhost/mounts"),
        "1\nbound\ntmpfs\nS3CRET\n",
        "the mounts' targets and the secret are not in the image"
    );
    // The cache directory outlives the build: a second run of the step sees the first's line.
    built(
        &home,
        &ctx,
        &["--no-cache", "--secret", &given, "-t", "mounts"],
    );
    assert_eq!(run(&home, "localhost/mounts"), "2\nbound\ntmpfs\nS3CRET\n");
    // A changed bind source is a cache miss.
    built(&home, &ctx, &["--secret", &given, "-t", "mounts"]);
    std::fs::write(ctx.join("data/file"), "changed\n").unwrap();
    let out = built(&home, &ctx, &["--secret", &given, "-t", "mounts"]);
    // The COPY and the cache mount's RUN come from the cache; the bind's RUN and after do not.
    assert_eq!(out.matches("--> Using cache").count(), 2, "{out}");
    assert_eq!(
        run(&home, "localhost/mounts"),
        "2\nchanged\ntmpfs\nS3CRET\n"
    );

    // A required secret not given, a bind out of the context: one line, 125.
    let out = build(&home, &ctx, &["--no-cache"]);
    common::failed(&out, "pass --secret id=tok,src=FILE");
    let out = build(&home, &ctx, &["--secret", "id=tok"]);
    common::failed(&out, "use id=NAME,src=FILE");
    let bad = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN --mount=type=bind,source=../..,target=/x true\n",
        &[],
    );
    common::failed(&build(&home, &bad, &[]), "outside the build context");
    let bad = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN --mount=type=ssh true\n",
        &[],
    );
    common::failed(&build(&home, &bad, &[]), "type=ssh is not supported");
    assert!(
        home.entries("tmp").iter().all(|e| !e.starts_with("build-")),
        "{:?}",
        home.entries("tmp")
    );
}

#[test]
fn build2_on_vfs_refuses_run_naming_the_fix() {
    let home = Home::new().private_runtime();
    let ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN true\n", &[]);
    let out = home.output(&["--storage-driver", "vfs", "build", ctx.to_str().unwrap()]);
    common::failed(&out, "build with --storage-driver overlay");
    assert!(home.containers().is_empty(), "{:?}", home.containers());
    // Without RUN there is nothing the driver does: the build works.
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\nCMD [\"echo\", \"hi\"]\n",
        &[],
    );
    let out = home.output(&[
        "--storage-driver",
        "vfs",
        "build",
        "-t",
        "novfs",
        ctx.to_str().unwrap(),
    ]);
    common::succeeded(&["build"], &out);
}

/// `python3 -m http.server` on a free loopback port serving `dir`, stopped when dropped.
struct Served {
    child: std::process::Child,
    port: u16,
}

impl Served {
    fn start(dir: &Path) -> Served {
        use std::io::BufRead;
        let mut child = Command::new("python3")
            .args(["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"])
            .current_dir(dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        let port = line
            .split(" port ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Served { child, port }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn build2_add_fetches_urls_and_unpacks_local_archives() {
    let home = Home::new().private_runtime();
    let www = common::scratch().join(common::unique("www"));
    std::fs::create_dir(&www).unwrap();
    std::fs::write(www.join("hello.txt"), "hello\n").unwrap();
    std::fs::write(www.join("inner.txt"), "inner\n").unwrap();
    sh(Command::new("tar")
        .arg("-cf")
        .arg(www.join("app.tar"))
        .arg("-C")
        .arg(&www)
        .arg("inner.txt"));
    let sum = sh(Command::new("sha256sum").arg(www.join("app.tar")));
    let sum = sum.split_whitespace().next().unwrap().to_string();
    let served = Served::start(&www);
    let url = format!("http://127.0.0.1:{}", served.port);
    let file = format!(
        "FROM scratch\nCOPY rootfs/ /\nADD {url}/hello.txt /hello.txt\nADD --checksum=sha256:{sum} {url}/app.tar /dl/\nADD app.tar /unpacked/\nCMD [\"sh\", \"-c\", \"cat /hello.txt; stat -c '%a %u' /hello.txt; ls /dl /unpacked\"]\n"
    );
    let ctx = context(&file, &[]);
    std::fs::copy(www.join("app.tar"), ctx.join("app.tar")).unwrap();
    let out = built(&home, &ctx, &["-t", "fetched"]);
    let id = out.lines().last().unwrap().to_string();
    assert_eq!(
        run(&home, "localhost/fetched"),
        "hello\n600 0\n/dl:\napp.tar\n\n/unpacked:\ninner.txt\n",
        "the download is kept as a file (0600), the local archive unpacked"
    );
    // Unchanged downloads: the steps come from the cache, the same image.
    let again = built(&home, &ctx, &["-t", "fetched"]);
    assert!(again.contains("Using cache"), "{again}");
    assert_eq!(again.lines().last().unwrap(), id);

    // A wrong checksum, a missing file, a COPY of a URL: one line, 125.
    let bad = context(
        &format!(
            "FROM scratch\nADD --checksum=sha256:{} {url}/hello.txt /h\n",
            "0".repeat(64)
        ),
        &[],
    );
    common::failed(&build(&home, &bad, &[]), "fix --checksum or the URL");
    let bad = context(&format!("FROM scratch\nADD {url}/missing /m\n"), &[]);
    common::failed(&build(&home, &bad, &[]), "check the URL");
    let bad = context(&format!("FROM scratch\nCOPY {url}/hello.txt /h\n"), &[]);
    common::failed(&build(&home, &bad, &[]), "only ADD fetches");
    assert!(
        home.entries("tmp").iter().all(|e| !e.starts_with("build-")),
        "{:?}",
        home.entries("tmp")
    );
}

#[test]
fn build2_push_mounts_blobs_from_another_repository() {
    let home = Home::new().private_runtime();
    let dir = common::scratch().join(common::unique("registry-mount"));
    let addr = sh(Command::new("bash")
        .arg(common::scripts_dir().join("registry.sh"))
        .env("REGISTRY_PARENT_PID", std::process::id().to_string())
        .env("REGISTRY_ACCESS_LOG_OFF", "false")
        .args(["start"])
        .arg(&dir)
        .arg("plain"));
    let ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN echo x > /x\n", &[]);
    built(&home, &ctx, &["-t", "mnt"]);
    let first = format!("{addr}/first/mnt:1");
    home.ok(&["push", "--tls-verify=false", "localhost/mnt", &first]);
    // The store now knows the image (and its blobs) under first/mnt of that registry.
    home.ok(&["pull", "-q", "--tls-verify=false", &first]);
    let second = format!("{addr}/second/mnt:1");
    let out = home.output(&["push", "--tls-verify=false", "localhost/mnt", &second]);
    let said = common::stderr(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(
        said.matches("skipped: mounted from first/mnt").count(),
        2,
        "{said}"
    );
    let log = std::fs::read_to_string(dir.join("registry.log")).unwrap();
    assert!(
        log.contains("/v2/second/mnt/blobs/uploads/?mount=sha256"),
        "{log}"
    );
    let inspect = sh(Command::new("skopeo")
        .args(["inspect", "--tls-verify=false"])
        .arg(format!("docker://{second}")));
    let v: serde_json::Value = serde_json::from_str(&inspect).unwrap();
    assert_eq!(
        v["Layers"].as_array().map(|a| a.len()),
        Some(2),
        "{inspect}"
    );
    sh(Command::new("bash")
        .arg(common::scripts_dir().join("registry.sh"))
        .arg("stop")
        .arg(&dir));
}
