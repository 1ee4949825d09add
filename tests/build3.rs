//! `nook build`'s third round, as the unprivileged user: `--squash` (the final stage's new
//! layers as one on top of the base's) and `--squash-all` (one layer), checked with `nook
//! image inspect` and `skopeo inspect`; RUN's network (`RUN --network=`, `build
//! --network`); ADD of a URL that never answers; and the flags podman's own build tests
//! read. The base is busybox, copied into `FROM scratch`.

mod common;

use common::build::{build, built, context};
use common::home::Home;
use common::output_of as sh;

use std::process::Command;

fn run(home: &Home, image: &str, script: &str) -> String {
    home.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        image,
        "sh",
        "-c",
        script,
    ])
}

/// The image's layers (diff_ids) and history, as `nook image inspect` gives them.
fn layers_and_history(home: &Home, image: &str) -> (usize, Vec<serde_json::Value>) {
    let out = home.ok(&["image", "inspect", image]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let layers = v[0]["RootFS"]["Layers"].as_array().unwrap().len();
    let id = v[0]["Id"].as_str().unwrap().to_string();
    let dir = common::scratch().join(format!("oci-{}", &id[..12]));
    let _ = std::fs::remove_dir_all(&dir);
    home.ok(&[
        "save",
        "--format",
        "oci-dir",
        "-o",
        dir.to_str().unwrap(),
        image,
    ]);
    let cfg = sh(Command::new("skopeo")
        .args(["inspect", "--config"])
        .arg(format!("oci:{}", dir.display())));
    let cfg: serde_json::Value = serde_json::from_str(&cfg).unwrap();
    let raw = sh(Command::new("skopeo")
        .arg("inspect")
        .arg(format!("oci:{}", dir.display())));
    let raw: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        raw["Layers"].as_array().map(Vec::len),
        Some(layers),
        "{raw}"
    );
    let history = cfg["history"].as_array().cloned().unwrap_or_default();
    let non_empty = history
        .iter()
        .filter(|h| h["empty_layer"] != serde_json::json!(true))
        .count();
    assert_eq!(non_empty, layers, "{cfg}");
    (layers, history)
}

#[test]
fn build3_squash_makes_the_new_layers_one() {
    let home = Home::new().private_runtime();
    let base = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN echo base > /base-file && echo doomed > /doomed\n",
        &[],
    );
    built(&home, &base, &["-t", "sqbase"]);
    assert_eq!(layers_and_history(&home, "localhost/sqbase").0, 2);

    let ctx = context(
        "FROM localhost/sqbase\nRUN echo one > /one && mkdir /d && echo x > /d/x\n\
         ENV SQ=1\nRUN echo two > /two && rm /one /doomed\nRUN rm -r /d && mkdir /d && echo y > /d/y\n\
         CMD [\"cat\", \"/two\"]\n",
        &[],
    );
    let plain = built(&home, &ctx, &["-t", "sqplain"]);
    assert!(plain.contains("COMMIT sqplain"), "{plain}");
    assert_eq!(layers_and_history(&home, "localhost/sqplain").0, 5);

    let out = built(&home, &ctx, &["--squash", "-t", "sqnew"]);
    let id = out.lines().last().unwrap().to_string();
    let (n, history) = layers_and_history(&home, "localhost/sqnew");
    assert_eq!(n, 3, "the base's two layers and one new: {history:?}");
    assert_eq!(history.len(), 3, "{history:?}");
    assert_eq!(
        history[2]["created_by"].as_str(),
        Some("/bin/sh -c #(nop) CMD [\"cat\",\"/two\"]")
    );
    let seen = run(
        &home,
        "localhost/sqnew",
        "cat /two /base-file; echo $SQ; test -e /doomed || echo doomed-gone; \
         test -e /one || echo one-gone; ls /d",
    );
    assert_eq!(seen, "two\nbase\n1\ndoomed-gone\none-gone\ny\n");
    assert_eq!(
        home.ok(&["run", "--rm", "--network", "none", "localhost/sqnew"]),
        "two\n"
    );

    // Again: the same image (the squashed layer is cached, its time the last step's).
    let again = built(&home, &ctx, &["--squash", "-t", "sqnew"]);
    assert_eq!(again.lines().last().unwrap(), id, "{again}");

    let all = built(&home, &ctx, &["--squash-all", "-t", "sqall"]);
    assert!(all.contains("COMMIT sqall"), "{all}");
    let (n, history) = layers_and_history(&home, "localhost/sqall");
    // Both: podman's line, exit 125, nothing built.
    let out = build(&home, &ctx, &["--squash", "--squash-all", "-t", "sqboth"]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(
        common::stderr(&out),
        "Error: cannot specify --squash-all with --squash\n"
    );
    assert!(!home.ok(&["images"]).contains("sqboth"));
    assert_eq!(n, 1, "{history:?}");
    assert_eq!(history.len(), 1, "{history:?}");
    let seen = run(
        &home,
        "localhost/sqall",
        "cat /two /base-file; test -e /doomed || echo doomed-gone; test -e /one || echo one-gone; ls /d",
    );
    assert_eq!(seen, "two\nbase\ndoomed-gone\none-gone\ny\n");
}

/// The interface names in a `/proc/net/dev`.
fn interfaces(dev: &str) -> Vec<String> {
    let mut v: Vec<String> = dev
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(|n| n.trim().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn build3_run_network_flag_and_build_network() {
    let home = Home::new().private_runtime();
    let ctx = context(
        "FROM scratch\nCOPY rootfs/ /\n\
         RUN --network=none cat /proc/net/dev > /net-none\n\
         RUN cat /proc/net/dev > /net-default\n\
         RUN --network=default cat /proc/net/dev > /net-default2\n",
        &[],
    );
    built(&home, &ctx, &["-t", "nets"]);
    let none = run(&home, "localhost/nets", "cat /net-none");
    assert_eq!(interfaces(&none), vec!["lo"], "{none}");
    // The default: the network `nook run` gives (its own namespace, with a way out).
    let default = interfaces(&run(&home, "localhost/nets", "cat /net-default"));
    let by_run = interfaces(&home.ok(&["run", "--rm", "localhost/nets", "cat", "/proc/net/dev"]));
    assert_eq!(default, by_run);
    assert!(default.len() > 1, "{default:?}");
    assert_eq!(
        interfaces(&run(&home, "localhost/nets", "cat /net-default2")),
        default
    );

    // build --network none: every RUN without a flag of its own has only loopback; private
    // is the default.
    let ctx2 = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN cat /proc/net/dev > /net\n",
        &[],
    );
    built(&home, &ctx2, &["--network", "none", "-t", "netnone"]);
    assert_eq!(
        interfaces(&run(&home, "localhost/netnone", "cat /net")),
        vec!["lo"]
    );
    built(&home, &ctx2, &["--network", "private", "-t", "netprivate"]);
    assert_eq!(
        interfaces(&run(&home, "localhost/netprivate", "cat /net")),
        default
    );

    // A mode BuildKit does not have: one line naming it, exit 125.
    let bad = context(
        "FROM scratch\nCOPY rootfs/ /\nRUN --network=bridge true\n",
        &[],
    );
    let out = build(&home, &bad, &[]);
    assert_eq!(out.status.code(), Some(125));
    let err = common::stderr(&out);
    assert!(
        err.contains(":3:") && err.contains("use default, none or host"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn build3_add_of_a_url_that_never_answers_times_out() {
    let home = Home::new().private_runtime();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts, reads nothing, answers nothing; holds the connections open.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in listener.incoming() {
            held.push(c);
        }
    });
    let url = format!("http://127.0.0.1:{port}/file.txt");
    let ctx = context(
        &format!("FROM scratch\nCOPY rootfs/ /\nADD {url} /file.txt\n"),
        &[],
    );
    let out = build(&home, &ctx, &["-t", "hangs"]);
    assert_eq!(out.status.code(), Some(125), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    let last = err.trim_end().lines().last().unwrap_or("");
    assert!(
        last.contains(&format!("ADD {url}: no answer within 30 s")),
        "{err}"
    );
    assert!(!home.ok(&["images"]).contains("hangs"));
}

/// An image whose root directory is mode 0555 (as podman's test image): its RUN layers
/// (whose upper directory's root copies that mode) go into the store.
#[test]
fn build3_run_on_a_read_only_root_and_containerfile_sources() {
    let home = Home::new().private_runtime();
    let root = common::scratch().join(format!("ro-root-{}", std::process::id()));
    sh(Command::new("cp")
        .arg("-a")
        .arg(common::rootfs())
        .arg(&root));
    sh(Command::new("chmod").arg("0555").arg(&root));
    let tar = root.with_extension("tar");
    sh(Command::new("tar")
        .arg("-C")
        .arg(&root)
        .arg("-cf")
        .arg(&tar)
        .arg("."));
    home.ok(&["import", "-q", tar.to_str().unwrap(), "localhost/roroot"]);
    let ctx = context("FROM localhost/roroot\nRUN echo unchanged\n", &[]);
    let out = built(&home, &ctx, &["-t", "onro"]);
    assert!(out.contains("COMMIT onro"), "{out}");
    assert_eq!(
        home.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "localhost/onro",
            "echo",
            "ran"
        ]),
        "ran\n"
    );

    // -f relative to the context when not found here; the context is then the argument.
    std::fs::write(
        ctx.join("Other"),
        "FROM localhost/roroot\nRUN echo other > /other\n",
    )
    .unwrap();
    built(&home, &ctx, &["-f", "Other", "-t", "other"]);
    assert_eq!(run(&home, "localhost/other", "cat /other"), "other\n");
    let out = build(&home, &ctx, &["-f", "Missing"]);
    assert_eq!(out.status.code(), Some(125));
    common::failed(&out, "Missing: no such file or directory");
    // -f alone: its directory is the context. Several -f are joined.
    let tail = ctx.join("Tail");
    std::fs::write(&tail, "COPY Other /copied\n").unwrap();
    let joined = home.ok(&[
        "build",
        "-t",
        "joined",
        "-f",
        ctx.join("Other").to_str().unwrap(),
        "-f",
        tail.to_str().unwrap(),
    ]);
    assert!(joined.contains("STEP 3/3: COPY Other /copied"), "{joined}");
    assert_eq!(
        run(&home, "localhost/joined", "head -1 /copied"),
        "FROM localhost/roroot\n"
    );

    // `-` as the context, or as -f: the Containerfile from standard input.
    use std::io::Write;
    let piped = |args: &[&str]| {
        let mut child = home
            .nook()
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"FROM localhost/roroot\nWORKDIR /piped\nRUN echo from-stdin\n")
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = piped(&["build", "-t", "piped", "-"]);
    let said = common::succeeded(&["build", "-"], &out);
    assert!(
        said.contains("STEP 3/3: RUN echo from-stdin") && said.contains("COMMIT"),
        "{said}"
    );
    assert_eq!(run(&home, "localhost/piped", "pwd"), "/piped\n");
    let out = piped(&["build", "-t", "piped2", "-f", "-", ctx.to_str().unwrap()]);
    common::succeeded(&["build", "-f", "-"], &out);

    // A step that fails before it runs says which, as podman.
    let bad = context("FROM localhost/roroot\nCOPY nothing-here /x\n", &[]);
    let out = build(&home, &bad, &[]);
    common::failed(&out, "building at STEP \"COPY nothing-here /x\": ");
}
