//! `nook pull`, `nook login` and `nook logout` against real registries (Debian's
//! docker-registry on 127.0.0.1, started per test by scripts/registry.sh: plain, htpasswd, or
//! token auth through scripts/token-issuer.py), with busybox images pushed by skopeo; and
//! misbehaving registries written here (`registry/fake.rs`): stalls, and a token service on
//! another port over plain HTTP.

mod common;
#[path = "registry/fake.rs"]
mod fake;

use common::home::Home;
use common::output_of as sh;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The OCI layouts the tests push: `single` (tag v1), `multi` (tag multi, amd64 + arm64),
/// `big` (tag big: plus a 4 MiB random layer). Returns the layouts' directory.
fn layouts() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::scratch().join("layouts");
        let rootfs = dir.join("rootfs");
        sh(Command::new("bash")
            .arg(common::scripts_dir().join("busybox-rootfs.sh"))
            .arg(&rootfs));
        let py = common::scripts_dir().join("oci-busybox.py");
        for args in [
            &["single", "--tag", "v1"][..],
            &["multi", "--tag", "multi", "--multiarch"],
            &["big", "--tag", "big", "--big", "4"],
        ] {
            sh(Command::new("python3")
                .arg(&py)
                .arg(&rootfs)
                .arg(dir.join(args[0]))
                .args(&args[1..]));
        }
        dir
    })
}

fn digests(layout: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(layouts().join(layout).join("digests.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A registry of its own for one test, stopped on drop.
struct Registry {
    dir: PathBuf,
    addr: String,
}

impl Registry {
    fn start(mode: &str) -> Registry {
        let dir = tempfile::Builder::new()
            .prefix("registry-")
            .tempdir_in(common::scratch())
            .unwrap()
            .keep();
        let addr = sh(Registry::script().arg("start").arg(&dir).arg(mode));
        Registry { dir, addr }
    }

    fn script() -> Command {
        let mut c = Command::new("bash");
        c.arg(common::scripts_dir().join("registry.sh"))
            .env("REGISTRY_PARENT_PID", std::process::id().to_string());
        c
    }

    /// skopeo copy of a layout tag to REPO:TAG here, with extra skopeo arguments.
    fn push(&self, layout: &str, tag: &str, dest: &str, extra: &[&str]) {
        let src = format!("oci:{}:{tag}", layouts().join(layout).display());
        sh(Registry::script()
            .arg("push")
            .arg(&self.dir)
            .arg(src)
            .arg(dest)
            .args(extra));
    }

    fn image(&self, name: &str) -> String {
        format!("{}/{name}", self.addr)
    }

    fn blob_file(&self, digest: &str) -> PathBuf {
        PathBuf::from(sh(Registry::script()
            .arg("blob")
            .arg(&self.dir)
            .arg(digest)))
    }

    /// The host:port of the token issuer of a `token` registry (its realm is plain HTTP).
    fn token_host(&self) -> String {
        let conf = std::fs::read_to_string(self.dir.join("config.yml")).unwrap();
        conf.lines()
            .find_map(|l| l.trim().strip_prefix("realm: http://"))
            .and_then(|r| r.split('/').next())
            .expect("a token realm in config.yml")
            .to_string()
    }

    /// A throttling proxy in front of this registry (blob bodies at `kib` KiB/s).
    fn slow(&self, kib: u32) -> String {
        sh(Registry::script()
            .arg("slow")
            .arg(&self.dir)
            .arg(kib.to_string()))
    }

    /// A proxy that redirects blob requests to another host name (localhost).
    fn redirecting(&self) -> String {
        sh(Registry::script()
            .arg("slow")
            .arg(&self.dir)
            .arg("100000")
            .arg("redirect"))
    }

    /// A proxy that fails each first request: 503 for manifests, blobs cut off halfway.
    fn flaky(&self) -> String {
        sh(Registry::script()
            .arg("slow")
            .arg(&self.dir)
            .arg("100000")
            .arg("flaky"))
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = Registry::script().arg("stop").arg(&self.dir).status();
    }
}

/// A user's own nook for one test (its store, auth.json in its runtime directory,
/// registries.conf, docker's config.json in its home).
fn new_user() -> Home {
    Home::new().private_runtime()
}

/// This file's ways of using a user's store.
impl Home {
    fn pull(&self, args: &[&str]) -> Output {
        let mut all = vec!["pull"];
        all.extend_from_slice(args);
        self.output(&all)
    }

    /// Every blob in the store, each checked: its content hashes to its name.
    fn blobs(&self) -> Vec<String> {
        let dir = self.store().join("blobs/sha256");
        let mut names = Vec::new();
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let out = sh(Command::new("sha256sum").arg(e.path()));
            assert_eq!(
                out.split_whitespace().next(),
                Some(name.as_str()),
                "blob {name} is corrupt"
            );
            names.push(format!("sha256:{name}"));
        }
        names.sort();
        names
    }

    fn manifest(&self, digest: &str) -> serde_json::Value {
        let path = self.store().join("blobs/sha256").join(&digest[7..]);
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    }

    /// auth.json, where `nook login` writes.
    fn auth_file(&self) -> PathBuf {
        self.runtime().unwrap().join("containers/auth.json")
    }
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "nook failed ({:?}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// `nook pull ARGS` succeeded; returns the manifest digest of the image it stored (pull
/// prints the image ID, as podman does; `image inspect` has the digest).
fn pulled(user: &Home, args: &[&str]) -> String {
    let id = ok(&user.pull(args));
    assert_eq!(id.len(), 64, "pull prints the image ID: {id:?}");
    let out = ok(&user.output(&["image", "inspect", &id]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v[0]["Digest"].as_str().unwrap().to_string()
}

/// The manifest, config and layers of an image are all in the store.
fn assert_complete(user: &Home, manifest_digest: &str) {
    let blobs = user.blobs();
    let m = user.manifest(manifest_digest);
    assert!(blobs.contains(&manifest_digest.to_string()));
    let config = m["config"]["digest"].as_str().unwrap().to_string();
    assert!(blobs.contains(&config), "config {config} missing");
    for l in m["layers"].as_array().unwrap() {
        let d = l["digest"].as_str().unwrap().to_string();
        assert!(blobs.contains(&d), "layer {d} missing");
    }
    assert!(
        user.entries("tmp").is_empty(),
        "temporary files left: {:?}",
        user.entries("tmp")
    );
}

#[test]
fn registry_plain_registry_with_tls_verify_false() {
    let reg = Registry::start("plain");
    reg.push("single", "v1", "bb:v1", &[]);
    let user = new_user();
    let digest = pulled(&user, &["--tls-verify=false", &reg.image("bb:v1")]);
    assert_eq!(
        digest,
        digests("single")["manifests"]["amd64"].as_str().unwrap()
    );
    assert_complete(&user, &digest);
    assert_eq!(user.blobs().len(), 4, "manifest, config, two layers");
    // Again: nothing to download, same answer; -q prints only the digest.
    assert_eq!(
        pulled(&user, &["-q", "--tls-verify=false", &reg.image("bb:v1")]),
        digest
    );
    // By digest.
    let by_digest = format!("{}@{digest}", reg.image("bb"));
    assert_eq!(pulled(&user, &["--tls-verify=false", &by_digest]), digest);
}

#[test]
fn registry_plain_http_needs_tls_verify_false_or_registries_conf() {
    let reg = Registry::start("plain");
    reg.push("single", "v1", "bb:v1", &[]);
    let user = new_user();
    common::failed(&user.pull(&[&reg.image("bb:v1")]), "--tls-verify=false");
    assert!(user.blobs().is_empty());
    common::failed(
        &user.pull(&["--tls-verify", &reg.image("bb:v1")]),
        "--tls-verify=false",
    );
    let conf = user.config().join("containers");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("registries.conf"),
        format!(
            "[[registry]]\nlocation = \"{}\"\ninsecure = true\n",
            reg.addr
        ),
    )
    .unwrap();
    pulled(&user, &[&reg.image("bb:v1")]);
    // --tls-verify=true overrides the file.
    common::failed(
        &user.pull(&["--tls-verify=true", &reg.image("bb:v1")]),
        "--tls-verify=false",
    );
}

#[test]
fn registry_basic_auth_login_pull_logout() {
    let reg = Registry::start("basic");
    reg.push("single", "v1", "bb:v1", &[]);
    let user = new_user();
    let image = reg.image("bb:v1");
    common::failed(&user.pull(&["--tls-verify=false", &image]), "nook login");
    let login = |pass: &str| {
        let mut c = user.nook();
        c.args([
            "login",
            "--tls-verify=false",
            "-u",
            "tester",
            "--password-stdin",
            &reg.addr,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{pass}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    common::failed(&login("wrong"), "invalid username/password");
    let auth = user.auth_file();
    assert!(!auth.exists(), "a refused login wrote auth.json");
    assert_eq!(ok(&login("s3cret")), "Login Succeeded!");
    let mode = std::fs::metadata(&auth).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&auth).unwrap();
    assert!(
        text.contains(&reg.addr) && text.contains("dGVzdGVyOnMzY3JldA=="),
        "{text}"
    );
    pulled(&user, &["--tls-verify=false", &image]);
    // --creds instead of the stored ones: wrong ones fail.
    common::failed(
        &user.pull(&["--tls-verify=false", "--creds", "tester:nope", &image]),
        "refused",
    );
    assert_eq!(
        ok(&user.output(&["logout", &reg.addr])),
        format!("Removed login credentials for {}", reg.addr)
    );
    common::failed(&user.output(&["logout", &reg.addr]), "not logged into");
    let fresh = new_user();
    common::failed(
        &user.pull(&["--tls-verify=false", &reg.image("bb:v1")]),
        "nook login",
    );
    // docker's config.json is read too.
    std::fs::create_dir_all(fresh.path().join(".docker")).unwrap();
    std::fs::write(
        fresh.path().join(".docker/config.json"),
        format!(
            r#"{{"auths":{{"{}":{{"auth":"dGVzdGVyOnMzY3JldA=="}}}}}}"#,
            reg.addr
        ),
    )
    .unwrap();
    pulled(&fresh, &["--tls-verify=false", &image]);
    assert_eq!(
        ok(&fresh.output(&["logout", "--all"])),
        "Removed login credentials for all registries"
    );
}

#[test]
fn registry_token_auth_through_the_realm() {
    let reg = Registry::start("token");
    reg.push("single", "v1", "bb:v1", &[]);
    let user = new_user();
    // Anonymous: the issuer grants pull.
    let digest = pulled(&user, &["--tls-verify=false", &reg.image("bb:v1")]);
    assert_complete(&user, &digest);
    // The issuer's realm is plain HTTP on another port: no credentials go there until
    // registries.conf marks it insecure.
    let login = [
        "login",
        "--tls-verify=false",
        "-u",
        "tester",
        "-p",
        "s3cret",
        &reg.addr,
    ];
    common::failed(&user.output(&login), "your credentials were not sent");
    let mark_insecure = |user: &Home| {
        let conf = user.config().join("containers");
        std::fs::create_dir_all(&conf).unwrap();
        let text = format!(
            "[[registry]]\nlocation = \"{}\"\ninsecure = true\n",
            reg.token_host()
        );
        std::fs::write(conf.join("registries.conf"), text).unwrap();
    };
    mark_insecure(&user);
    // The issuer refuses wrong credentials; right ones log in.
    common::failed(
        &user.output(&[
            "login",
            "--tls-verify=false",
            "-u",
            "tester",
            "-p",
            "bad",
            &reg.addr,
        ]),
        "invalid username/password",
    );
    ok(&user.output(&login));
    let again = new_user();
    mark_insecure(&again);
    pulled(
        &again,
        &[
            "--tls-verify=false",
            "--creds",
            "tester:s3cret",
            &reg.image("bb:v1"),
        ],
    );
    common::failed(
        &again.pull(&[
            "--tls-verify=false",
            "--creds",
            "tester:bad",
            &reg.image("bb:v1"),
        ]),
        "refused",
    );
}

#[test]
fn registry_docker_schema2_and_oci_manifests() {
    let reg = Registry::start("plain");
    reg.push("single", "v1", "oci:v1", &[]);
    reg.push("single", "v1", "docker:v1", &["--format", "v2s2"]);
    let user = new_user();
    let oci_id = ok(&user.pull(&["--tls-verify=false", &reg.image("oci:v1")]));
    let docker_id = ok(&user.pull(&["--tls-verify=false", &reg.image("docker:v1")]));
    // One config, so one image (its ID is the config's digest), with two names.
    assert_eq!(oci_id, docker_id);
    let manifest_of = |media: &str| {
        user.blobs()
            .into_iter()
            .find(|d| {
                let text = std::fs::read_to_string(user.store().join("blobs/sha256").join(&d[7..]))
                    .unwrap_or_default();
                serde_json::from_str::<serde_json::Value>(&text)
                    .is_ok_and(|v| v["mediaType"] == media)
            })
            .unwrap_or_else(|| panic!("no {media} manifest in the store"))
    };
    let oci = manifest_of("application/vnd.oci.image.manifest.v1+json");
    let docker = manifest_of("application/vnd.docker.distribution.manifest.v2+json");
    assert_ne!(oci, docker);
    assert_complete(&user, &oci);
    assert_complete(&user, &docker);
}

#[test]
fn registry_multi_arch_index_picks_the_platform() {
    let reg = Registry::start("plain");
    reg.push("multi", "multi", "bb:multi", &["--all"]);
    let want = digests("multi");
    let user = new_user();
    let image = reg.image("bb:multi");
    let amd64 = pulled(&user, &["--tls-verify=false", &image]);
    assert_eq!(amd64, want["manifests"]["amd64"].as_str().unwrap());
    let arm64 = pulled(
        &user,
        &["--tls-verify=false", "--platform", "linux/arm64", &image],
    );
    assert_eq!(arm64, want["manifests"]["arm64"].as_str().unwrap());
    assert_complete(&user, &arm64);
    common::failed(
        &user.pull(&["--tls-verify=false", "--platform", "linux/s390x", &image]),
        "linux/arm64/v8",
    );
    common::failed(
        &user.pull(&["--tls-verify=false", "--platform", "linux", &image]),
        "--platform",
    );
}

#[test]
fn registry_tampered_blob_is_refused_and_not_kept() {
    let reg = Registry::start("plain");
    reg.push("single", "v1", "bb:v1", &[]);
    let layers = digests("single")["layers"].as_array().unwrap().clone();
    let victim = layers[0].as_str().unwrap().to_string();
    let file = reg.blob_file(&victim);
    let mut data = std::fs::read(&file).unwrap();
    let mid = data.len() / 2;
    data[mid] ^= 0xff;
    std::fs::write(&file, &data).unwrap();
    let user = new_user();
    common::failed(
        &user.pull(&["--tls-verify=false", &reg.image("bb:v1")]),
        "failed verification",
    );
    let blobs = user.blobs();
    assert!(!blobs.contains(&victim), "the tampered blob was kept");
    assert!(
        !blobs.contains(
            &digests("single")["manifests"]["amd64"]
                .as_str()
                .unwrap()
                .to_string()
        )
    );
    assert!(
        user.entries("tmp").is_empty(),
        "temporary files left: {:?}",
        user.entries("tmp")
    );
}

#[test]
fn registry_unknown_images_and_bad_references() {
    let reg = Registry::start("plain");
    reg.push("single", "v1", "bb:v1", &[]);
    let user = new_user();
    common::failed(
        &user.pull(&["--tls-verify=false", &reg.image("bb:nope")]),
        "not found",
    );
    common::failed(
        &user.pull(&["--tls-verify=false", &reg.image("nope:v1")]),
        "not found",
    );
    let missing = format!("{}@sha256:{}", reg.image("bb"), "0".repeat(64));
    common::failed(&user.pull(&["--tls-verify=false", &missing]), "not found");
    common::failed(&user.pull(&["Bad/Name"]), "invalid image reference");
    assert!(user.blobs().is_empty());
}

#[test]
fn registry_two_pulls_at_once_both_succeed() {
    let reg = Registry::start("plain");
    reg.push("big", "big", "big:v1", &[]);
    let proxy = reg.slow(4096);
    let user = new_user();
    let image = format!("{proxy}/big:v1");
    let spawn = || {
        user.nook()
            .args(["pull", "--tls-verify=false", &image])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let (da, db) = (ok(&a), ok(&b));
    assert_eq!(da, db, "both pulls print the same image ID");
    let out = ok(&user.output(&["image", "inspect", &da]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_complete(&user, v[0]["Digest"].as_str().unwrap());
}

#[test]
fn registry_killed_pull_resumes() {
    let reg = Registry::start("plain");
    let (user, image) = pull_killed_when(
        &reg,
        |user| partial_size(user) >= 1 << 20,
        "the download never got going",
    );
    let digest = pulled(&user, &["--tls-verify=false", &image]);
    assert_complete(&user, &digest);
    // The second run asked for the rest only.
    let log = std::fs::read_to_string(reg.dir.join("slow.log")).unwrap();
    assert!(
        log.lines().any(|l| l.contains("/blobs/")
            && l.contains("range=bytes=")
            && !l.contains("range=bytes=0-")),
        "no resumed download in the proxy's log:\n{log}"
    );
}

#[test]
fn registry_transient_failures_are_retried() {
    let reg = Registry::start("plain");
    reg.push("single", "v1", "bb:v1", &[]);
    let proxy = reg.flaky();
    let user = new_user();
    let digest = pulled(&user, &["--tls-verify=false", &format!("{proxy}/bb:v1")]);
    assert_eq!(
        digest,
        digests("single")["manifests"]["amd64"].as_str().unwrap()
    );
    assert_complete(&user, &digest);
    let log = std::fs::read_to_string(reg.dir.join("slow.log")).unwrap();
    let manifest_gets = log.lines().filter(|l| l.contains("/manifests/v1")).count();
    assert_eq!(manifest_gets, 2, "the 503 was not retried once:\n{log}");
    let layer = digests("single")["layers"][0].as_str().unwrap().to_string();
    assert!(
        log.lines().any(|l| l.contains(&layer)
            && l.contains("range=bytes=")
            && !l.contains("range=bytes=0-")),
        "the cut-off layer was not resumed:\n{log}"
    );
}

#[test]
fn registry_redirects_do_not_carry_credentials_to_another_host() {
    let reg = Registry::start("token");
    reg.push("single", "v1", "bb:v1", &[]);
    let proxy = reg.redirecting();
    let user = new_user();
    let digest = pulled(&user, &["--tls-verify=false", &format!("{proxy}/bb:v1")]);
    assert_complete(&user, &digest);
    let log = std::fs::read_to_string(reg.dir.join("slow.log")).unwrap();
    let (to_registry, redirected): (Vec<&str>, Vec<&str>) = log
        .lines()
        .filter(|l| l.contains("/blobs/"))
        .partition(|l| !l.starts_with("GET /redirected/"));
    assert!(!redirected.is_empty(), "no redirect was followed:\n{log}");
    assert!(to_registry.iter().all(|l| l.ends_with("auth=yes")), "{log}");
    assert!(
        redirected.iter().all(|l| l.ends_with("auth=no")),
        "the token went to another host:\n{log}"
    );
}

/// `nook ARGS` under script(1), a real terminal of 100 columns, as `user`: everything it
/// wrote there (stdout and stderr mixed, carriage returns kept).
fn in_terminal(user: &Home, args: &[&str]) -> String {
    let inner = format!(
        "stty cols 100; exec {} {}",
        common::nook_bin().display(),
        args.join(" ")
    );
    let c = user.nook();
    let envs: Vec<(std::ffi::OsString, Option<std::ffi::OsString>)> = c
        .get_envs()
        .map(|(k, v)| (k.to_owned(), v.map(|v| v.to_owned())))
        .collect();
    let mut script = Command::new("script");
    script.args(["-qfec", &inner, "/dev/null"]);
    for (k, v) in envs {
        match v {
            Some(v) => script.env(k, v),
            None => script.env_remove(k),
        };
    }
    let out = script
        .stdin(Stdio::null())
        .output()
        .expect("script(1) from util-linux");
    assert!(
        out.status.success(),
        "{args:?} in a terminal failed: {out:?}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn registry_progress_bars_on_a_terminal_only() {
    let reg = Registry::start("plain");
    reg.push("big", "big", "big:v1", &[]);
    // 4 MiB at 4 MiB/s: a second of bars to redraw.
    let proxy = reg.slow(4096);
    let image = format!("{proxy}/big:v1");
    let user = new_user();
    let text = in_terminal(&user, &["pull", "--tls-verify=false", &image]);
    // The layers of the image pulled, in order (the image ID is the last line).
    let id = text.trim().rsplit('\n').next().unwrap_or_default().trim();
    let inspect = ok(&user.output(&["image", "inspect", id]));
    let v: serde_json::Value = serde_json::from_str(&inspect).unwrap();
    let layers: Vec<String> = user.manifest(v[0]["Digest"].as_str().unwrap())["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["digest"].as_str().unwrap()[7..19].to_string())
        .collect();
    assert_eq!(layers.len(), 3, "{layers:?}");
    assert!(
        text.contains("\x1b[") && text.contains("A\r\x1b[2K"),
        "no redraw: {text:?}"
    );
    let shown: Vec<&str> = text
        .split(['\r', '\n'])
        .map(|l| l.rsplit("\x1b[2K").next().unwrap_or(l).trim())
        .collect();
    for l in &layers {
        let bar = format!("Copying blob {l} [");
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with(&bar) && s.contains("] ")),
            "no bar for {l}: {text:?}"
        );
    }
    let big_partly = shown
        .iter()
        .any(|s| s.contains("=>") && s.ends_with("/ 4.0MiB") && !s.contains("4.0MiB /"));
    assert!(big_partly, "no bar of the 4 MiB layer half way: {text:?}");
    // The final screen: each layer done, then the config, the manifest and the image ID.
    let tail: Vec<&str> = text
        .lines()
        .map(|l| l.rsplit("\x1b[2K").next().unwrap_or(l).trim())
        .collect();
    let n = tail.len();
    assert!(n > layers.len() + 3, "{text:?}");
    let end = &tail[n - layers.len() - 3..];
    for (i, l) in layers.iter().enumerate() {
        assert_eq!(end[i], format!("Copying blob {l} done"), "{text:?}");
    }
    assert!(
        end[layers.len()].starts_with("Copying config ") && end[layers.len()].ends_with(" done")
    );
    assert_eq!(
        end[layers.len() + 1],
        "Writing manifest to image destination"
    );
    assert_eq!(
        end[layers.len() + 2].len(),
        64,
        "the image ID last: {text:?}"
    );

    // The pull of `nook run` draws the same bars.
    let runner = new_user();
    let args = [
        "run",
        "--rm",
        "--network",
        "none",
        "--tls-verify=false",
        &image,
        "true",
    ];
    let text = in_terminal(&runner, &args);
    assert!(
        text.contains("A\r\x1b[2K") && text.contains(&format!("Copying blob {} done", layers[2])),
        "no bars from nook run: {text:?}"
    );

    // -q on a terminal, and no terminal: only the image ID.
    let quiet = new_user();
    let text = in_terminal(&quiet, &["pull", "-q", "--tls-verify=false", &image]);
    assert_eq!(text.trim().len(), 64, "-q prints the ID only: {text:?}");
    // No terminal: no bars, podman's words (its scripts grep "Trying to pull"); -q: none.
    let piped = new_user().pull(&["--tls-verify=false", &image]);
    assert!(piped.status.success(), "{piped:?}");
    assert_eq!(
        common::stderr(&piped),
        format!("Trying to pull {image}...\nWriting manifest to image destination\n"),
        "no terminal: podman's words, no bars"
    );
    let piped = new_user().pull(&["-q", "--tls-verify=false", &image]);
    assert!(piped.status.success(), "{piped:?}");
    assert_eq!(common::stderr(&piped), "", "-q without a terminal: nothing");
}

/// Names of the entries of `dir` (empty when it does not exist).
/// Size of the biggest `tmp/*.partial` download of the store, 0 when there is none.
/// `nook pull` of `big:v1` (4 MiB of random data) through a proxy at 512 KiB/s, about 8 s,
/// SIGKILLed once `when` holds (`what` says what never happened otherwise); the user whose
/// store it was, and the image.
fn pull_killed_when(reg: &Registry, when: impl Fn(&Home) -> bool, what: &str) -> (Home, String) {
    reg.push("big", "big", "big:v1", &[]);
    let proxy = reg.slow(512);
    let user = new_user();
    let image = format!("{proxy}/big:v1");
    let mut child = user
        .nook()
        .args(["pull", "--tls-verify=false", &image])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !when(&user) {
        assert!(Instant::now() < deadline, "{what}");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the pull ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    (user, image)
}

fn partial_size(user: &Home) -> u64 {
    std::fs::read_dir(user.store().join("tmp"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .filter_map(|e| e.metadata().ok().map(|m| m.len()))
        .max()
        .unwrap_or(0)
}

#[test]
fn registry_layer_whose_blob_fails_verification_is_not_unpacked() {
    let reg = Registry::start("plain");
    reg.push("single", "v1", "bb:v1", &[]);
    let victim = digests("single")["layers"][0].as_str().unwrap().to_string();
    let file = reg.blob_file(&victim);
    let mut data = std::fs::read(&file).unwrap();
    // Byte 4 is in the gzip header's MTIME: the layer still decompresses to the same tar with
    // the right diff_id, only the blob's digest is wrong. It unpacks while it downloads, and
    // must not become a layer.
    assert_eq!(&data[..2], &[0x1f, 0x8b], "the layer is gzip");
    data[4] ^= 0xff;
    std::fs::write(&file, &data).unwrap();
    let user = new_user();
    common::failed(
        &user.pull(&["--tls-verify=false", &reg.image("bb:v1")]),
        "failed verification",
    );
    assert!(
        !user.blobs().contains(&victim),
        "the tampered blob was kept"
    );
    let layers = user.entries("layers");
    // The other layer may have been unpacked (it verified); the tampered one is not there
    // under any name: the image has two layers.
    assert!(layers.len() <= 1, "layers kept: {layers:?}");
    let tmp = user.entries("tmp");
    assert!(tmp.is_empty(), "temporary files left: {tmp:?}");
    // No image was recorded.
    let out = ok(&user.output(&["images", "--format", "json"]));
    assert!(!out.contains("bb"), "an image was recorded: {out}");
}

#[test]
fn registry_pull_killed_while_a_layer_unpacks_then_again_completes() {
    let reg = Registry::start("plain");
    // The 4 MiB layer is an uncompressed tar in the layout: its diff_id is its digest there
    // (skopeo compresses it on the way into the registry).
    let big = digests("big")["layers"][2].as_str().unwrap()[7..].to_string();
    let unpacking = |user: &Home| user.store().join("tmp").join(format!("layer-{big}"));
    // Killed once the big layer is being unpacked while it downloads.
    let (user, image) = pull_killed_when(
        &reg,
        |user| partial_size(user) >= 1 << 20 && unpacking(user).join("big.bin").exists(),
        "the layer never started unpacking",
    );
    let unpacking = unpacking(&user);
    let layer = user.store().join("layers").join(&big);
    assert!(
        !layer.exists(),
        "a killed pull left a layer taken for complete"
    );
    let at_kill = partial_size(&user);

    let again = user
        .nook()
        .args(["pull", "--tls-verify=false", &image])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The resumed download unpacks too: once it has fetched more than the killed pull left
    // (the start of the blob then came from the partial file), the layer's temporary
    // directory is there.
    let mut seen = false;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !seen && Instant::now() < deadline {
        let size = partial_size(&user);
        seen = size > at_kill + (256 << 10) && unpacking.is_dir();
        if size == 0 && user.store().join("layers").join(&big).exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = again.wait_with_output().unwrap();
    let id = ok(&out);
    assert!(seen, "the resumed download did not unpack as it went");
    let inspect = ok(&user.output(&["image", "inspect", &id]));
    let v: serde_json::Value = serde_json::from_str(&inspect).unwrap();
    let manifest = v[0]["Digest"].as_str().unwrap();
    assert_complete(&user, manifest);
    let blob = user.manifest(manifest)["layers"][2]["digest"]
        .as_str()
        .unwrap()
        .to_string();
    let size = std::fs::metadata(layer.join("big.bin")).unwrap().len();
    assert_eq!(size, 4 << 20, "the layer is incomplete");
    assert_eq!(user.entries("layers").len(), 3);
    let log = std::fs::read_to_string(reg.dir.join("slow.log")).unwrap();
    assert!(
        log.lines().any(|l| l.contains(&blob)
            && l.contains("range=bytes=")
            && !l.contains("range=bytes=0-")),
        "the big layer {blob} was not resumed:\n{log}"
    );
}

/// The fake registries' image: the `single` layout (the one `Registry::push` sends as
/// `bb:v1`), its biggest layer misbehaving.
fn fake_image() -> fake::Image {
    let layout = layouts().join("single");
    let manifest = digests("single")["manifests"]["amd64"]
        .as_str()
        .unwrap()
        .to_string();
    let blobs = layout.join("blobs/sha256");
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(blobs.join(&manifest[7..])).unwrap()).unwrap();
    let victim = m["layers"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|l| l["size"].as_u64().unwrap())
        .unwrap()["digest"]
        .as_str()
        .unwrap()
        .to_string();
    fake::Image {
        blobs,
        manifest,
        victim,
    }
}

/// `nook pull` from a registry that stalls as `stall` says, with `NOOK_NETWORK_TIMEOUT=limit`:
/// fails within a bounded time with one line naming the registry and the setting, leaves no
/// blob of the image, no image and no temporary file but the partial download of the victim
/// (kept for a resume); then the same image from a good registry (Debian's docker-registry)
/// pulls completely. Returns the requests the stalling registry got, and the size the
/// victim's partial download had after the failure.
fn stalled_pull_fails_then_a_good_registry_works(
    stall: fake::Stall,
    limit: u32,
) -> (Vec<fake::Request>, u64) {
    let image = fake_image();
    let bad = fake::registry(image.clone(), stall);
    let user = new_user();
    let started = Instant::now();
    let out = user
        .nook()
        .env("NOOK_NETWORK_TIMEOUT", limit.to_string())
        .args(["pull", "--tls-verify=false", &format!("{}/bb:v1", bad.addr)])
        .output()
        .unwrap();
    let took = started.elapsed();
    common::failed(&out, &format!("registry {} stopped sending", bad.addr));
    common::failed(&out, &format!("less than 1 KiB in {limit} s"));
    common::failed(&out, "NOOK_NETWORK_TIMEOUT=SECONDS");
    assert!(took < Duration::from_secs(60), "the pull took {took:?}");
    // It waited for the registry before giving up, and tried again.
    assert!(took >= Duration::from_secs(limit.into()), "{took:?}");
    let requests = bad.requests();
    let tried = |what: &str| requests.iter().filter(|r| r.path.contains(what)).count();
    let what = if stall == fake::Stall::ManifestHeaders {
        "/manifests/".to_string()
    } else {
        image.victim.clone()
    };
    assert!(
        tried(&what) >= 2,
        "{what} was not tried again: {requests:?}"
    );
    // Nothing half-written in the store: no blob of the victim (nor the manifest, written
    // last), no image; in tmp/ at most the victim's partial download.
    let blobs = user.blobs();
    assert!(!blobs.contains(&image.victim), "{blobs:?}");
    assert!(!blobs.contains(&image.manifest), "{blobs:?}");
    let listed = ok(&user.output(&["images", "--format", "json"]));
    assert!(!listed.contains("bb"), "an image was recorded: {listed}");
    let partial = format!("pull-{}.partial", &image.victim[7..]);
    let tmp = user.entries("tmp");
    assert!(tmp.iter().all(|f| *f == partial), "left in tmp/: {tmp:?}");
    let kept = partial_size(&user);

    let good = Registry::start("plain");
    good.push("single", "v1", "bb:v1", &[]);
    let digest = pulled(
        &user,
        &["--tls-verify=false", &format!("{}/bb:v1", good.addr)],
    );
    assert_eq!(digest, image.manifest);
    assert_complete(&user, &digest);
    (requests, kept)
}

#[test]
fn registry_stall_after_the_manifest_headers() {
    let (requests, _) =
        stalled_pull_fails_then_a_good_registry_works(fake::Stall::ManifestHeaders, 2);
    assert!(
        !requests.iter().any(|r| r.path.contains("/blobs/")),
        "{requests:?}"
    );
}

#[test]
fn registry_stall_after_the_blob_headers() {
    stalled_pull_fails_then_a_good_registry_works(fake::Stall::BlobHeaders, 2);
}

#[test]
fn registry_stall_after_half_a_blob_resumes_with_range() {
    let (requests, kept) = stalled_pull_fails_then_a_good_registry_works(fake::Stall::BlobHalf, 2);
    let image = fake_image();
    let size = std::fs::metadata(image.blobs.join(&image.victim[7..]))
        .unwrap()
        .len();
    assert_eq!(kept, size / 2, "the first half is kept for a resume");
    assert!(
        requests.iter().any(|r| r.path.contains(&image.victim)
            && r.range.as_deref() == Some(&format!("bytes={}-", size / 2))),
        "the stalled download was not resumed with Range: {requests:?}"
    );
}

#[test]
fn registry_a_trickle_counts_as_a_stall() {
    // A byte a second never fails a read (the limit is 3 s), only the window of 1 KiB.
    stalled_pull_fails_then_a_good_registry_works(
        fake::Stall::BlobTrickle(Duration::from_secs(1)),
        3,
    );
}

#[test]
fn registry_network_timeout_must_be_whole_seconds() {
    let user = new_user();
    let bad = fake::registry(fake_image(), fake::Stall::None);
    for value in ["0", "abc", "1.5"] {
        let out = user
            .nook()
            .env("NOOK_NETWORK_TIMEOUT", value)
            .args(["pull", "--tls-verify=false", &format!("{}/bb:v1", bad.addr)])
            .output()
            .unwrap();
        common::failed(&out, &format!("invalid NOOK_NETWORK_TIMEOUT=\"{value}\""));
    }
    assert!(bad.requests().is_empty(), "nook went to the registry");
    // A valid one, and the fake registry serves a complete image when it does not stall.
    let out = user
        .nook()
        .env("NOOK_NETWORK_TIMEOUT", "30")
        .args(["pull", "--tls-verify=false", &format!("{}/bb:v1", bad.addr)])
        .output()
        .unwrap();
    ok(&out);
    assert_complete(&user, &fake_image().manifest);
}

/// `nook login` with `--password-stdin` as `user`.
fn login(user: &Home, registry: &str, password: &str) -> Output {
    let mut child = user
        .nook()
        .args([
            "login",
            "--tls-verify=false",
            "-u",
            "tester",
            "--password-stdin",
            registry,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn registry_credentials_never_go_to_a_plain_http_realm_elsewhere() {
    let tokens = fake::token_service();
    let realm = format!("http://{}/token", tokens.addr);
    let reg = fake::token_registry(fake_image(), realm.clone());
    let image = format!("{}/bb:v1", reg.addr);
    let basic = "Basic dGVzdGVyOnMzY3JldA=="; // tester:s3cret
    let sent_credentials = || {
        tokens
            .requests()
            .iter()
            .filter(|r| r.authorization.is_some())
            .count()
    };
    let user = new_user();
    // Anonymous: the realm gets asked, without credentials, and the pull works.
    pulled(&user, &["--tls-verify=false", &image]);
    assert!(!tokens.requests().is_empty(), "the realm was not asked");
    assert_eq!(sent_credentials(), 0);

    // nook login: refused before anything is sent; nothing stored.
    let out = login(&user, &reg.addr, "s3cret");
    common::failed(&out, "your credentials were not sent");
    common::failed(&out, &realm);
    common::failed(&out, &format!("location = \"{}\"", tokens.addr));
    assert_eq!(sent_credentials(), 0, "{:?}", tokens.requests());
    let auth = user.auth_file();
    assert!(!auth.exists(), "a refused login wrote auth.json");

    // Marked insecure in registries.conf, the realm's host gets them: the server records
    // the header it is sent, so the checks above could fail.
    let conf = user.config().join("containers/registries.conf");
    std::fs::create_dir_all(conf.parent().unwrap()).unwrap();
    std::fs::write(
        &conf,
        format!(
            "[[registry]]\nlocation = \"{}\"\ninsecure = true\n",
            tokens.addr
        ),
    )
    .unwrap();
    assert_eq!(ok(&login(&user, &reg.addr, "s3cret")), "Login Succeeded!");
    let got: Vec<_> = tokens
        .requests()
        .into_iter()
        .filter_map(|r| r.authorization)
        .collect();
    assert_eq!(got, [basic]);
    assert!(auth.exists());

    // Logged in, the mark removed: pull refuses, with nothing more sent to the realm.
    std::fs::remove_file(&conf).unwrap();
    let before = tokens.requests().len();
    let out = user.pull(&["--tls-verify=false", &image]);
    common::failed(&out, "your credentials were not sent");
    assert_eq!(tokens.requests().len(), before, "{:?}", tokens.requests());
    assert_eq!(sent_credentials(), 1);
    // --creds too.
    let fresh = new_user();
    let out = fresh.pull(&["--tls-verify=false", "--creds", "tester:s3cret", &image]);
    common::failed(&out, "your credentials were not sent");
    assert_eq!(sent_credentials(), 1);
    assert!(fresh.blobs().is_empty());
}

#[test]
fn login_authfile_get_login_and_cert_dir() {
    let reg = Registry::start("basic");
    let user = new_user();
    let dir = tempfile::tempdir_in(user.path()).unwrap();
    let file = dir.path().join("auth.json");
    let other = dir.path().join("env-auth.json");
    let f = file.to_str().unwrap();
    // --authfile wins over REGISTRY_AUTH_FILE; the default file is left alone.
    let out = user
        .nook()
        .env("REGISTRY_AUTH_FILE", &other)
        .args(["login", "--tls-verify=false", "--authfile", f])
        .args(["-u", "tester", "-p", "s3cret", &reg.addr])
        .output()
        .unwrap();
    assert_eq!(ok(&out), "Login Succeeded!");
    assert!(!other.exists() && !user.auth_file().exists());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["auths"][&reg.addr]["auth"], "dGVzdGVyOnMzY3JldA==");
    let get = |extra: &[&str]| {
        let mut args = vec!["login", "--get-login"];
        args.extend_from_slice(extra);
        args.push(&reg.addr);
        user.output(&args)
    };
    assert_eq!(ok(&get(&["--authfile", f])), "tester");
    common::failed(&get(&[]), "not logged into");
    // REGISTRY_AUTH_FILE alone is read as well.
    let out = user
        .nook()
        .env("REGISTRY_AUTH_FILE", &file)
        .args(["login", "--get-login", &reg.addr])
        .output()
        .unwrap();
    assert_eq!(ok(&out), "tester");
    common::failed(
        &user.output(&[
            "logout",
            "--authfile",
            f,
            "--compat-auth-file",
            f,
            &reg.addr,
        ]),
        "can not be set simultaneously",
    );
    assert_eq!(
        ok(&user.output(&["logout", "--authfile", f, &reg.addr])),
        format!("Removed login credentials for {}", reg.addr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["auths"], serde_json::json!({}));
    common::failed(&get(&["--authfile", f]), "not logged into");
    // A registry whose certificate is of a CA of its own: trusted through --cert-dir only.
    let tls = Registry::start("tls");
    let login = |extra: &[&str]| {
        let mut args = vec!["login", "--authfile", f, "-u", "a", "-p", "b"];
        args.extend_from_slice(extra);
        args.push(&tls.addr);
        user.output(&args)
    };
    common::failed(&login(&[]), "HTTPS");
    let certs = tls.dir.join("certs");
    assert_eq!(
        ok(&login(&["--cert-dir", certs.to_str().unwrap()])),
        "Login Succeeded!"
    );
    common::failed(&login(&["--cert-dir", "/no/such/dir"]), "no such directory");
}
