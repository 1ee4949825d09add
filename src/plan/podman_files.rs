//! PURE: what a container gets because podman gives it: `/run/.containerenv`, the caller's
//! `/etc/passwd` and `/etc/group` entries with `--userns=keep-id`, and whether a missing
//! working directory may be created.

use super::image_config::ImageFacts;
use super::mounts::Op;
use super::volume::Resolved;

/// The text of `/run/.containerenv` of a `--privileged` container (others get an empty
/// file, as podman's), in podman's format (shell-sourceable `key="value"`
/// lines; toolbox, distrobox and `systemd-detect-virt` read it).
pub fn containerenv(
    privileged: bool,
    name: &str,
    id: &str,
    image: &ImageFacts,
    rootless: bool,
) -> String {
    if !privileged {
        return String::new();
    }
    let (image, image_id) = (&image.name, &image.id);
    format!(
        "engine=\"nook-{}\"\nname={name:?}\nid={id:?}\nimage={image:?}\nimageid={image_id:?}\nrootless={}\n",
        env!("CARGO_PKG_VERSION"),
        u8::from(rootless)
    )
}

/// The container path of `/run/.containerenv`.
pub const CONTAINERENV: &str = "/run/.containerenv";

fn target(m: &Resolved) -> &str {
    match m {
        Resolved::Bind { target, .. } | Resolved::Tmpfs { target, .. } => target,
    }
}

/// `/run/.containerenv` is bound unless the user mounted a host directory on `/run` (podman
/// leaves such a mount as it is).
pub fn wants_containerenv(mounts: &[Resolved]) -> bool {
    !mounts
        .iter()
        .any(|m| matches!(m, Resolved::Bind { .. }) && target(m) == "/run")
}

/// Whether `path` is `base` or lies under it.
fn within(path: &str, base: &str) -> bool {
    let base = base.trim_end_matches('/');
    path == base || path.starts_with(&format!("{base}/"))
}

/// Whether the working directory `cwd` may be created when the root lacks it: podman creates
/// the image's `WorkingDir` (and `/`), and a directory under a mount (or holding one, which the
/// mount creates anyway); a `--workdir` of neither must exist (else exit 126).
pub fn may_create_workdir(
    cwd: &str,
    asked: Option<&str>,
    image_workdir: Option<&str>,
    mounts: &[Resolved],
) -> bool {
    asked.is_none()
        || cwd == "/"
        || image_workdir.is_some_and(|w| w.trim_end_matches('/') == cwd.trim_end_matches('/'))
        || mounts
            .iter()
            .any(|m| within(cwd, target(m)) || within(target(m), cwd))
}

/// The caller's `/etc/passwd` and `/etc/group` entries for `--userns=keep-id` (as podman
/// appends them), written by `__init` into copies of the image's files in `dir` unless the
/// image has an entry with that id. The home directory is the caller's own when it is mounted
/// into the container, else the working directory.
pub fn keep_id_user(
    user: &str,
    uid: u32,
    gid: u32,
    host_home: Option<&str>,
    cwd: &str,
    mounts: &[Resolved],
    dir: &str,
) -> Op {
    let home = host_home
        .map(|h| h.trim_end_matches('/'))
        .filter(|h| mounts.iter().any(|m| target(m) == *h))
        .unwrap_or(cwd);
    Op::AddUser {
        uid,
        gid,
        passwd: format!("{user}:*:{uid}:{gid}:{user}:{home}:/bin/sh"),
        group: format!("{user}:x:{gid}:{user}"),
        dir: dir.to_string(),
    }
}

/// `text` (a passwd or group file) with `line` appended, unless an entry has the id `id` in
/// its third field (`None`: the file stays as it is).
pub fn with_entry(text: &str, line: &str, id: u32) -> Option<String> {
    let taken = text
        .lines()
        .any(|l| l.split(':').nth(2).and_then(|f| f.parse::<u32>().ok()) == Some(id));
    if taken {
        return None;
    }
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(line);
    out.push('\n');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bind(s: &str, t: &str) -> Resolved {
        Resolved::Bind {
            source: s.into(),
            target: t.into(),
            readonly: false,
        }
    }

    #[test]
    fn containerenv_is_podmans_format() {
        let image = ImageFacts {
            id: "cd34".into(),
            name: "quay.io/x/y:1".into(),
            config: crate::plan::image_config::ImageConfig::parse(b"{}").unwrap(),
            blobs: Vec::new(),
            layers: Vec::new(),
            store: "/s".into(),
            shift: None,
        };
        assert_eq!(containerenv(false, "web", "ab12", &image, true), "");
        let t = containerenv(true, "web", "ab12", &image, true);
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[0].starts_with("engine=\"nook-"), "{t}");
        assert_eq!(
            &lines[1..],
            [
                "name=\"web\"",
                "id=\"ab12\"",
                "image=\"quay.io/x/y:1\"",
                "imageid=\"cd34\"",
                "rootless=1"
            ]
        );
        assert!(wants_containerenv(&[bind("/h", "/srv")]));
        assert!(!wants_containerenv(&[bind("/h", "/run")]));
    }

    #[test]
    fn a_missing_workdir_is_created_only_where_podman_creates_it() {
        let none: &[Resolved] = &[];
        assert!(may_create_workdir("/srv", None, Some("/srv"), none));
        assert!(may_create_workdir(
            "/srv",
            Some("/srv/"),
            Some("/srv"),
            none
        ));
        assert!(!may_create_workdir(
            "/nope",
            Some("/nope"),
            Some("/srv"),
            none
        ));
        assert!(!may_create_workdir("/nope", Some("/nope"), None, none));
        let vol = [bind("/h", "/data")];
        assert!(may_create_workdir("/data/x", Some("/data/x"), None, &vol));
        assert!(may_create_workdir("/data", Some("/data"), None, &vol));
        let file = [bind("/h/f", "/w/foo")];
        assert!(may_create_workdir("/w", Some("/w"), None, &file));
        assert!(!may_create_workdir("/dat", Some("/dat"), None, &vol));
    }

    #[test]
    fn keep_id_entries() {
        let op = keep_id_user("alice", 1000, 1001, Some("/home/alice"), "/srv", &[], "/s");
        let Op::AddUser { passwd, group, .. } = &op else {
            panic!("{op:?}")
        };
        assert_eq!(passwd, "alice:*:1000:1001:alice:/srv:/bin/sh");
        assert_eq!(group, "alice:x:1001:alice");
        let mounted = [bind("/home/alice", "/home/alice")];
        let op = keep_id_user(
            "alice",
            1000,
            1001,
            Some("/home/alice/"),
            "/",
            &mounted,
            "/s",
        );
        assert!(matches!(&op, Op::AddUser { passwd, .. } if passwd.contains(":/home/alice:")));
        let text = "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1::/:/bin/false";
        assert_eq!(
            with_entry(text, "a:*:1000:1000:a:/:/bin/sh", 1000).unwrap(),
            format!("{text}\na:*:1000:1000:a:/:/bin/sh\n")
        );
        assert_eq!(with_entry(text, "x", 1), None);
        assert_eq!(with_entry("", "x:1", 5).unwrap(), "x:1\n");
    }
}
