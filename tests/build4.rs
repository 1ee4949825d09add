//! `nook build`'s fourth round, as the unprivileged user: `--authfile` (build, pull, push,
//! login, logout) against a registry with htpasswd auth; the pull policies (`--pull=never`,
//! `--pull-never`, `--pull-always`), `--layers`, `--jobs`, `--logfile`, `--ulimit` and
//! `--ignorefile`; RUN mounts' `rw`, `uid`/`gid`/`mode`; COPY of hardlinked files.
//! The base is busybox, copied into `FROM scratch`.

mod common;

use common::build::{Registry, build, built, context};
use common::home::Home;

#[test]
fn build4_authfile_for_build_pull_push_login_logout() {
    let reg = Registry::start("basic");
    let home = Home::new().private_runtime();
    let authfile = home.path().join("my-auth.json");
    let a = authfile.to_str().unwrap();
    // A missing --authfile: one line, 125, before anything is read or pulled.
    for cmd in [
        &["build", "--authfile", "/nonexistent/auth.json", "-"][..],
        &["pull", "--authfile", "/nonexistent/auth.json", "busybox"],
        &["push", "--authfile", "/nonexistent/auth.json", "busybox"],
    ] {
        let out = home.output(cmd);
        common::failed(&out, "/nonexistent/auth.json: no such file or directory");
    }
    // login --authfile writes that file, not the default one.
    let default_file = home.runtime().unwrap().join("containers/auth.json");
    home.ok(&[
        "login",
        "--tls-verify=false",
        "--authfile",
        a,
        "-u",
        "tester",
        "-p",
        "s3cret",
        &reg.addr,
    ]);
    let text = std::fs::read_to_string(&authfile).unwrap();
    assert!(
        text.contains(&reg.addr) && text.contains("dGVzdGVyOnMzY3JldA=="),
        "{text}"
    );
    assert!(
        !default_file.exists(),
        "login wrote {}",
        default_file.display()
    );
    // push --authfile: a base image into the registry.
    let ctx = context("FROM scratch\nCOPY rootfs/ /\n", &[]);
    built(&home, &ctx, &["-t", "base4"]);
    let base = format!("{}/auth/base:v1", reg.addr);
    let out = home.output(&["push", "--tls-verify=false", "localhost/base4", &base]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        common::stderr(&out).contains("nook login"),
        "{}",
        common::stderr(&out)
    );
    home.ok(&[
        "push",
        "--tls-verify=false",
        "--authfile",
        a,
        "localhost/base4",
        &base,
    ]);
    home.ok(&["rmi", "localhost/base4"]);
    // build --authfile: FROM and COPY --from pull the base with that file's credentials.
    let from = context(
        &format!("FROM {base}\nCOPY --from={base} /bin/busybox /copied\nRUN echo built-$((6*7))\n"),
        &[],
    );
    let out = build(&home, &from, &["--tls-verify=false", "-t", "derived"]);
    assert!(!out.status.success(), "built without credentials");
    assert!(
        common::stderr(&out).contains("nook login"),
        "{}",
        common::stderr(&out)
    );
    let out = built(
        &home,
        &from,
        &["--tls-verify=false", "--authfile", a, "-t", "derived"],
    );
    assert!(out.contains("built-42"), "{out}");
    home.ok(&["rmi", "localhost/derived", &base]);
    // pull --authfile; REGISTRY_AUTH_FILE is the same file for every command.
    common::failed(
        &home.output(&["pull", "--tls-verify=false", &base]),
        "nook login",
    );
    home.ok(&["pull", "-q", "--tls-verify=false", "--authfile", a, &base]);
    home.ok(&["rmi", &base]);
    let with_env = Home::new()
        .private_runtime()
        .env("REGISTRY_AUTH_FILE", &authfile);
    with_env.ok(&["pull", "-q", "--tls-verify=false", &base]);
    // logout --authfile removes the entry from that file.
    assert_eq!(
        home.ok(&["logout", "--authfile", a, &reg.addr]).trim(),
        format!("Removed login credentials for {}", reg.addr)
    );
    let text = std::fs::read_to_string(&authfile).unwrap();
    assert!(!text.contains("dGVzdGVyOnMzY3JldA=="), "{text}");
    common::failed(
        &home.output(&["pull", "--tls-verify=false", "--authfile", a, &base]),
        "nook login",
    );
}

/// How many times the registry's log shows a manifest fetched (GET, not HEAD) for `repo`.
fn manifest_gets(reg: &Registry, repo: &str) -> usize {
    reg.log()
        .lines()
        .filter(|l| l.contains(&format!("\"GET /v2/{repo}/manifests/")))
        .count()
}

#[test]
fn build4_pull_never_and_pull_always() {
    let reg = Registry::logged();
    let home = Home::new().private_runtime();
    let ctx = context("FROM scratch\nCOPY rootfs/ /\n", &[]);
    built(&home, &ctx, &["-t", "base4p"]);
    let base = format!("{}/pol/base:v1", reg.addr);
    home.ok(&["push", "--tls-verify=false", "localhost/base4p", &base]);
    let from = context(&format!("FROM {base}\nRUN echo ran-$((2*21))\n"), &[]);
    // --pull-never: refused while the base is not stored, in podman's words; nothing pulled.
    for flag in ["--pull-never", "--pull=never"] {
        let err = common::failed(
            &build(&home, &from, &[flag, "--tls-verify=false"]),
            &format!("Error: creating build container: {base}: image not known"),
        );
        assert!(err.contains("nook pull"), "{err}");
    }
    assert_eq!(manifest_gets(&reg, "pol/base"), 0, "{}", reg.log());
    assert!(home.entries("tmp").is_empty(), "{:?}", home.entries("tmp"));
    // The default (missing) pulls once; --pull-never then builds from the stored base.
    built(&home, &from, &["--tls-verify=false"]);
    let gets = manifest_gets(&reg, "pol/base");
    assert!(gets >= 1, "{}", reg.log());
    let out = built(&home, &from, &["--pull-never", "--no-cache"]);
    assert!(out.contains("ran-42"), "{out}");
    built(&home, &from, &["--tls-verify=false"]);
    assert_eq!(manifest_gets(&reg, "pol/base"), gets, "{}", reg.log());
    // --pull-always (and --pull=always) ask the registry every time.
    built(&home, &from, &["--tls-verify=false", "--pull-always"]);
    assert!(manifest_gets(&reg, "pol/base") > gets, "{}", reg.log());
    let again = manifest_gets(&reg, "pol/base");
    built(&home, &from, &["--tls-verify=false", "--pull=always"]);
    assert!(manifest_gets(&reg, "pol/base") > again, "{}", reg.log());
    // The two spellings together are refused.
    let out = build(&home, &from, &["--pull-never", "--pull-always"]);
    assert_eq!(out.status.code(), Some(125), "{}", common::stderr(&out));
}

/// `nook build` with `env`: its stdout (it must succeed).
fn built_with(home: &Home, env: &[(&str, &str)], ctx: &std::path::Path, extra: &[&str]) -> String {
    let mut c = home.nook();
    c.arg("build").args(extra).arg(ctx);
    for (k, v) in env {
        c.env(k, v);
    }
    common::succeeded(extra, &c.output().unwrap())
}

#[test]
fn build4_layers_decides_the_cache() {
    let home = Home::new().private_runtime();
    let marker = common::unique("layers");
    let ctx = context(
        &format!("FROM scratch\nCOPY rootfs/ /\nRUN echo {marker} > /m\n"),
        &[],
    );
    let cached = |out: &str| out.contains("Using cache");
    // --layers=false first: nothing is taken from the cache, nothing put in it.
    let out = built(&home, &ctx, &["--layers=false"]);
    assert!(!cached(&out), "{out}");
    let out = built(&home, &ctx, &[]);
    assert!(!cached(&out), "--layers=false stored its steps: {out}");
    let out = built(&home, &ctx, &[]);
    assert!(cached(&out), "{out}");
    let out = built(&home, &ctx, &["--layers=true"]);
    assert!(cached(&out), "{out}");
    let out = built(&home, &ctx, &["--layers"]);
    assert!(cached(&out), "{out}");
    let out = built(&home, &ctx, &["--layers=false"]);
    assert!(!cached(&out), "{out}");
    // $BUILDAH_LAYERS, under the flag.
    let out = built_with(&home, &[("BUILDAH_LAYERS", "false")], &ctx, &[]);
    assert!(!cached(&out), "{out}");
    let out = built_with(&home, &[("BUILDAH_LAYERS", "false")], &ctx, &["--layers=1"]);
    assert!(cached(&out), "{out}");
    let out = built_with(&home, &[("BUILDAH_LAYERS", "1")], &ctx, &["--layers=false"]);
    assert!(!cached(&out), "{out}");
    let out = home.output(&["build", "--layers=maybe", ctx.to_str().unwrap()]);
    assert!(!out.status.success());
}

#[test]
fn build4_jobs_logfile_ulimit_ignorefile() {
    let home = Home::new().private_runtime();
    // --jobs N: accepted; a multi-stage build gives the same image with 1 and 4.
    let ctx = context(
        "FROM scratch AS a\nCOPY rootfs/ /\nRUN echo a > /a\n\
         FROM scratch AS b\nCOPY rootfs/ /\nRUN echo b > /b\n\
         FROM a\nCOPY --from=b /b /b\nRUN cat /a /b\n",
        &[],
    );
    let one = built(&home, &ctx, &["--jobs", "1", "-t", "jobs1"]);
    let four = built(&home, &ctx, &["--jobs=4", "-t", "jobs4"]);
    assert_eq!(one.lines().last(), four.lines().last(), "{one}\n{four}");
    // --logfile: steps, RUN output and COMMIT in the file; nothing on the terminal.
    let log = home.path().join("build.log");
    let out = home.output(&[
        "build",
        "--no-cache",
        "--logfile",
        log.to_str().unwrap(),
        "-t",
        "logged",
        ctx.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(common::stdout(&out), "");
    assert_eq!(common::stderr(&out), "");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("STEP 1/3: FROM scratch AS a") && text.contains("COMMIT logged"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l == "a"),
        "RUN output not logged: {text}"
    );
    // --ulimit: RUN steps get it, as nook run --ulimit.
    let ul = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN grep 'Max open files' /proc/self/limits | awk '{ print $4\":\"$5 }'\n",
        &[],
    );
    let out = built(&home, &ul, &["--ulimit", "nofile=101:102"]);
    assert!(out.lines().any(|l| l == "101:102"), "{out}");
    common::failed(
        &build(&home, &ul, &["--ulimit", "nofile=oops"]),
        "nofile=oops",
    );
    // --ignorefile replaces .dockerignore/.containerignore.
    let ig = context(
        "FROM scratch\nCOPY rootfs/ /\nCOPY files/ /files/\nRUN ls /files\n",
        &[
            ("files/a.txt", "a"),
            ("files/b.txt", "b"),
            (".dockerignore", "files/a.txt\n"),
            ("my.ignore", "files/b.txt\n"),
        ],
    );
    let out = built(&home, &ig, &["--no-cache"]);
    assert!(out.contains("b.txt") && !out.contains("a.txt"), "{out}");
    let file = ig.join("my.ignore");
    let out = built(
        &home,
        &ig,
        &["--no-cache", "--ignorefile", file.to_str().unwrap()],
    );
    assert!(out.contains("a.txt") && !out.contains("b.txt"), "{out}");
    common::failed(
        &build(&home, &ig, &["--ignorefile", "/nonexistent/ignore"]),
        "--ignorefile /nonexistent/ignore",
    );
}

#[test]
fn build4_run_mount_rw_bind_and_owners() {
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\n\
         RUN --mount=type=bind,source=data,target=/d,rw echo changed > /d/f && cat /d/f && touch /d/new\n\
         RUN test ! -e /d/new && echo no-trace\n\
         RUN --mount=type=cache,target=/c,id=owned4,uid=1000,gid=1001,mode=0750 stat -c 'cache %u:%g:%a' /c\n\
         RUN --mount=type=tmpfs,target=/t,uid=1000,gid=1001,mode=0700 stat -c 'tmpfs %u:%g:%a' /t\n\
         RUN --mount=type=secret,id=tok,uid=1000,mode=0440 stat -c 'secret %u:%g:%a' /run/secrets/tok && cat /run/secrets/tok\n\
         RUN --mount=type=secret,id=tok cat /run/secrets/tok\n",
        &[("data/f", "orig\n")],
    );
    let secret = ctx.join("tok.txt");
    std::fs::write(&secret, "s3cr3t-value\n").unwrap();
    let src = format!("id=tok,src={}", secret.display());
    let out = built(&home, &ctx, &["--secret", &src]);
    let lines: Vec<&str> = out.lines().collect();
    for want in [
        "changed",
        "no-trace",
        "cache 1000:1001:750",
        "tmpfs 1000:1001:700",
        "secret 1000:0:440",
    ] {
        assert!(lines.contains(&want), "{want:?} not in {out}");
    }
    assert_eq!(
        lines.iter().filter(|l| **l == "s3cr3t-value").count(),
        2,
        "{out}"
    );
    // The context is untouched: rw writes went to a copy.
    assert_eq!(
        std::fs::read_to_string(ctx.join("data/f")).unwrap(),
        "orig\n"
    );
    assert!(!ctx.join("data/new").exists());
    // Nothing of the copies is left in the store's tmp/.
    assert!(home.entries("tmp").is_empty(), "{:?}", home.entries("tmp"));
    // Without rw the bind is read-only.
    let ro = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN --mount=type=bind,source=data,target=/d echo x > /d/f\n",
        &[("data/f", "orig\n")],
    );
    let out = build(&home, &ro, &[]);
    assert!(!out.status.success(), "{}", common::stdout(&out));
}

#[test]
fn build4_copy_keeps_hardlinks() {
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\nCOPY files/ /test/\n\
         RUN stat -c '%i %h %n' /test/first /test/link1 /test/sub/link2 /test/alone\n",
        &[("files/first", "same\n"), ("files/alone", "alone\n")],
    );
    std::fs::create_dir_all(ctx.join("files/sub")).unwrap();
    std::fs::hard_link(ctx.join("files/first"), ctx.join("files/link1")).unwrap();
    std::fs::hard_link(ctx.join("files/first"), ctx.join("files/sub/link2")).unwrap();
    // A link to a file outside what is copied stays a plain file.
    std::fs::hard_link(ctx.join("files/alone"), ctx.join("outside")).unwrap();
    let out = built(&home, &ctx, &["-t", "links"]);
    let stats: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| l.contains(" /test/") && !l.contains("STEP"))
        .map(|l| l.split(' ').collect())
        .collect();
    assert_eq!(stats.len(), 4, "{out}");
    assert_eq!(stats[0][1], "3", "{out}");
    assert!(stats[..3].iter().all(|s| s[0] == stats[0][0]), "{out}");
    assert_eq!(stats[3][1], "1", "{out}");
    assert_ne!(stats[3][0], stats[0][0], "{out}");
    // In the layer: one file and two tar link entries to it.
    let blobs = home.store().join("blobs/sha256");
    let listings: Vec<String> = std::fs::read_dir(&blobs)
        .unwrap()
        .flatten()
        .map(|e| {
            let o = std::process::Command::new("tar")
                .arg("-tvzf")
                .arg(e.path())
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).into_owned()
        })
        .collect();
    let layer = listings
        .iter()
        .find(|l| l.contains("test/link1"))
        .expect("a layer with the links");
    assert_eq!(layer.matches(" link to test/first").count(), 2, "{layer}");
    let again = home.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "localhost/links",
        "cat",
        "/test/sub/link2",
    ]);
    assert_eq!(again.trim(), "same");
}

#[test]
fn build4_podman_output_and_xz_bzip2_archives() {
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\nADD my.tar.xz /x/\nADD my.tar.bz2 /b/\n\
         RUN cat /x/subtest/myfile1 /b/subtest/myfile1\n",
        &[("subtest/myfile1", "in-the-archive\n")],
    );
    for (flag, name) in [("-cJf", "my.tar.xz"), ("-cjf", "my.tar.bz2")] {
        common::output_of(
            std::process::Command::new("tar")
                .arg("-C")
                .arg(&ctx)
                .arg(flag)
                .arg(ctx.join(name))
                .arg("subtest"),
        );
    }
    let out = built(&home, &ctx, &["-t", "outfmt"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| **l == "in-the-archive").count(),
        2,
        "{out}"
    );
    // podman's tail: the last step's output, COMMIT with the name as given, the image's ID.
    let at = lines
        .iter()
        .position(|l| *l == "COMMIT outfmt")
        .expect(&out);
    assert_eq!(lines[at - 1], "in-the-archive", "{out}");
    assert!(lines[at + 1].starts_with("--> "), "{out}");
    assert_eq!(lines[at + 2], "Successfully tagged localhost/outfmt:latest");
    let help = home.ok(&["build", "--help"]);
    assert!(help.contains("(default \"missing\")"), "{help}");
}

#[test]
fn build4_security_opt_for_run_steps_and_no_containerfile() {
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\n\
         RUN grep Seccomp: /proc/self/status | awk '{ print $1$2 }'\n\
         RUN grep CapEff /proc/self/status\n",
        &[],
    );
    let out = built(&home, &ctx, &[]);
    assert!(out.lines().any(|l| l == "Seccomp:2"), "{out}");
    let default_caps = out
        .lines()
        .find(|l| l.starts_with("CapEff"))
        .unwrap()
        .to_string();
    let out = built(
        &home,
        &ctx,
        &[
            "--no-cache",
            "--security-opt",
            "seccomp=unconfined",
            "--cap-drop",
            "all",
        ],
    );
    assert!(out.lines().any(|l| l == "Seccomp:0"), "{out}");
    let caps = out.lines().find(|l| l.starts_with("CapEff")).unwrap();
    assert!(
        caps.ends_with("0000000000000000"),
        "{caps} (default {default_caps})"
    );
    // No Containerfile: podman's words.
    let empty = tempfile::Builder::new()
        .prefix("ctx-")
        .tempdir_in(common::scratch())
        .unwrap()
        .keep();
    let dir = std::fs::canonicalize(&empty).unwrap();
    let err = common::failed(
        &home.output(&["build", dir.to_str().unwrap()]),
        "no Containerfile or Dockerfile specified or found in context directory",
    );
    assert_eq!(
        err.trim(),
        format!(
            "Error: no Containerfile or Dockerfile specified or found in context directory, {}: no such file or directory",
            dir.display()
        )
    );
}

#[test]
fn build4_an_image_with_one_empty_layer_twice_builds_and_runs() {
    // Two steps that change nothing make the same empty layer twice in the stack: the build's
    // later steps and `nook run` mount it once (the kernel overlay refuses a directory named
    // twice), and the image's layer list keeps both.
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN true\nRUN true\nRUN echo after > /after\n",
        &[],
    );
    built(&home, &ctx, &["-t", "twice"]);
    let out = home.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "localhost/twice",
        "cat",
        "/after",
    ]);
    assert_eq!(out.trim(), "after");
}
