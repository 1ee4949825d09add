//! Volumes and mounts, decided: `-v`, `--mount`, `--tmpfs` and `--read-only` parsed and
//! checked (podman's syntax), then turned into root file system operations in order.

use super::mounts::{Flags, Op};

/// What the user asked to mount, before host paths are checked and volumes created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A host path (absolute, or relative to the current directory when it starts with `.`).
    Bind {
        source: String,
        target: String,
        readonly: bool,
    },
    /// A named volume, created on first use; an empty name is an anonymous volume, named
    /// by the host side.
    Volume {
        name: String,
        target: String,
        readonly: bool,
    },
    /// A fresh tmpfs: `data` holds the file system options (size=, mode=, ...).
    Tmpfs {
        target: String,
        flags: Flags,
        data: String,
    },
}

impl Request {
    pub fn target(&self) -> &str {
        match self {
            Request::Bind { target, .. }
            | Request::Volume { target, .. }
            | Request::Tmpfs { target, .. } => target,
        }
    }
}

/// A request resolved by the host side: every source is an existing absolute host path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Bind {
        source: String,
        target: String,
        readonly: bool,
    },
    Tmpfs {
        target: String,
        flags: Flags,
        data: String,
    },
}

/// Volume names as podman accepts them.
pub fn valid_volume_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

fn check_target(target: &str, flag: &str, spec: &str) -> Result<String, String> {
    if !target.starts_with('/') {
        return Err(format!(
            "invalid {flag} {spec:?}: the container path {target:?} must be absolute"
        ));
    }
    let clean = normalize(target);
    if clean == "/" {
        return Err(format!(
            "invalid {flag} {spec:?}: cannot mount over the container's root \"/\""
        ));
    }
    Ok(clean)
}

/// `/a//b/./c/` as `/a/b/c` (`..` is kept out: it is refused).
fn normalize(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    format!("/{}", parts.join("/"))
}

/// `-v [HOST-DIR|NAME:]CONTAINER-DIR[:OPTIONS]`.
pub fn parse_volume(spec: &str) -> Result<Request, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (source, target, opts) = match parts.as_slice() {
        // `-v /ctr/path`: an anonymous volume (a fresh named volume with a random name).
        [t] if t.starts_with('/') => ("", *t, ""),
        [s, t] => (*s, *t, ""),
        [s, t, o] => (*s, *t, *o),
        _ => {
            return Err(format!(
                "invalid -v {spec:?}: use HOST-DIR:CONTAINER-DIR[:ro|rw] or NAME:CONTAINER-DIR[:ro|rw]"
            ));
        }
    };
    let mut readonly = false;
    for opt in opts.split(',').filter(|o| !o.is_empty()) {
        match opt {
            "ro" => readonly = true,
            "rw" => readonly = false,
            // SELinux relabelling: nothing to do without SELinux.
            "z" | "Z" => {}
            // Chown to the container's user: `chown_targets`.
            "U" => {}
            // Mount flags: `restrictions`.
            "exec" | "noexec" | "suid" | "nosuid" | "dev" | "nodev" => {}
            _ => {
                return Err(format!(
                    "invalid -v {spec:?}: unsupported option {opt:?} (use ro, rw, [no]exec, [no]suid, [no]dev, U or z)"
                ));
            }
        }
    }
    let target = check_target(target, "-v", spec)?;
    if parts.len() == 1 {
        return Ok(Request::Volume {
            name: String::new(),
            target,
            readonly,
        });
    }
    source_request(source, target, readonly, "-v", spec)
}

fn source_request(
    source: &str,
    target: String,
    readonly: bool,
    flag: &str,
    spec: &str,
) -> Result<Request, String> {
    if source.is_empty() {
        return Err(format!(
            "invalid {flag} {spec:?}: give a host path or a volume name as the source"
        ));
    }
    if source.starts_with('/') || source.starts_with('.') {
        return Ok(Request::Bind {
            source: source.to_string(),
            target,
            readonly,
        });
    }
    volume_request(source, target, readonly, flag, spec)
}

fn volume_request(
    name: &str,
    target: String,
    readonly: bool,
    flag: &str,
    spec: &str,
) -> Result<Request, String> {
    if !valid_volume_name(name) {
        return Err(format!(
            "invalid {flag} {spec:?}: {name:?} is neither a path (start it with / or .) nor a volume name (letters, digits, '_', '.', '-')"
        ));
    }
    Ok(Request::Volume {
        name: name.to_string(),
        target,
        readonly,
    })
}

fn parse_bool(value: Option<&str>, key: &str, spec: &str) -> Result<bool, String> {
    match value {
        None | Some("true") | Some("1") => Ok(true),
        Some("false") | Some("0") => Ok(false),
        Some(v) => Err(format!(
            "invalid --mount {spec:?}: {key}={v:?} must be true or false"
        )),
    }
}

/// `--mount type=bind|volume|tmpfs,source=...,target=...[,readonly][,tmpfs-size=...]`.
pub fn parse_mount(spec: &str) -> Result<Request, String> {
    let mut kind = None;
    let mut source = None;
    let mut target = None;
    let mut readonly = false;
    let mut data = Vec::new();
    for field in spec.split(',').filter(|f| !f.is_empty()) {
        let (key, value) = match field.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (field, None),
        };
        match (key, value) {
            ("type", Some(v)) => kind = Some(v),
            ("source" | "src", Some(v)) => source = Some(v),
            ("target" | "destination" | "dst", Some(v)) => target = Some(v),
            ("readonly" | "ro", v) => readonly = parse_bool(v, key, spec)?,
            ("tmpfs-size", Some(v)) => data.push(format!("size={v}")),
            ("tmpfs-mode", Some(v)) => data.push(format!("mode={v}")),
            _ => {
                return Err(format!(
                    "invalid --mount {spec:?}: unsupported field {field:?} (use type, source, target, readonly, tmpfs-size, tmpfs-mode)"
                ));
            }
        }
    }
    let Some(target) = target else {
        return Err(format!(
            "invalid --mount {spec:?}: give target=CONTAINER-DIR"
        ));
    };
    let target = check_target(target, "--mount", spec)?;
    match kind {
        Some("bind") => match source {
            Some(s) if s.starts_with('/') || s.starts_with('.') => Ok(Request::Bind {
                source: s.to_string(),
                target,
                readonly,
            }),
            _ => Err(format!(
                "invalid --mount {spec:?}: a bind mount needs source=HOST-PATH (absolute, or starting with .)"
            )),
        },
        Some("volume") => match source {
            Some(name) => volume_request(name, target, readonly, "--mount", spec),
            None => Err(format!("invalid --mount {spec:?}: give source=VOLUME-NAME")),
        },
        Some("tmpfs") if source.is_none() => {
            let flags = Flags {
                rdonly: readonly,
                ..TMPFS_FLAGS
            };
            Ok(Request::Tmpfs {
                target,
                flags,
                data: data.join(","),
            })
        }
        Some("tmpfs") => Err(format!(
            "invalid --mount {spec:?}: a tmpfs mount takes no source"
        )),
        _ => Err(format!(
            "invalid --mount {spec:?}: give type=bind, type=volume or type=tmpfs"
        )),
    }
}

/// Podman's defaults for `--tmpfs`: rw, noexec, nosuid, nodev.
const TMPFS_FLAGS: Flags = Flags {
    nosuid: true,
    nodev: true,
    noexec: true,
    rdonly: false,
};

/// `--tmpfs CONTAINER-DIR[:OPTIONS]`, options as mount(8)'s tmpfs options.
pub fn parse_tmpfs(spec: &str) -> Result<Request, String> {
    let (target, opts) = spec.split_once(':').unwrap_or((spec, ""));
    let target = check_target(target, "--tmpfs", spec)?;
    let mut flags = TMPFS_FLAGS;
    let mut data = Vec::new();
    for opt in opts.split(',').filter(|o| !o.is_empty()) {
        match opt {
            "ro" => flags.rdonly = true,
            "rw" => flags.rdonly = false,
            "exec" => flags.noexec = false,
            "noexec" => flags.noexec = true,
            "suid" => flags.nosuid = false,
            "nosuid" => flags.nosuid = true,
            "dev" => flags.nodev = false,
            "nodev" => flags.nodev = true,
            o if ["size=", "mode=", "uid=", "gid=", "nr_inodes=", "nr_blocks="]
                .iter()
                .any(|p| o.starts_with(p)) =>
            {
                data.push(o.to_string())
            }
            _ => {
                return Err(format!(
                    "invalid --tmpfs {spec:?}: unsupported option {opt:?} (use ro, rw, [no]exec, [no]suid, [no]dev, size=, mode=, uid=, gid=, nr_inodes=)"
                ));
            }
        }
    }
    Ok(Request::Tmpfs {
        target,
        flags,
        data: data.join(","),
    })
}

/// The container paths of the `-v ...:U` mounts, whose contents `__init` gives to the
/// container's user before the command starts (as podman does).
pub fn chown_targets(volumes: &[String]) -> Vec<String> {
    volumes
        .iter()
        .filter(|v| {
            let parts: Vec<&str> = v.split(':').collect();
            parts.len() == 3 && parts[2].split(',').any(|o| o == "U")
        })
        .filter_map(|v| parse_volume(v).ok())
        .map(|r| r.target().to_string())
        .collect()
}

/// The `-v` mounts given noexec, nosuid or nodev: `Op::Restrict` after the binds (the last
/// of `exec`/`noexec` given wins, as mount(8)'s).
pub fn restrictions(volumes: &[String]) -> Vec<Op> {
    let mut ops = Vec::new();
    for v in volumes {
        let (Ok(r), Some(opts)) = (parse_volume(v), v.splitn(3, ':').nth(2)) else {
            continue;
        };
        let mut flags = Flags::default();
        for o in opts.split(',') {
            match o {
                "exec" | "noexec" => flags.noexec = o == "noexec",
                "suid" | "nosuid" => flags.nosuid = o == "nosuid",
                "dev" | "nodev" => flags.nodev = o == "nodev",
                _ => {}
            }
        }
        if flags != Flags::default() {
            let path = r.target().to_string();
            ops.push(Op::Restrict { path, flags });
        }
    }
    ops
}

/// `--mount type=devpts,target=/dev/pts[,...]`, which tools pass verbatim: the container
/// already has a devpts of its own there, so it is accepted and changes nothing. True when
/// `spec` is one; other targets are refused.
fn devpts_mount(spec: &str) -> Result<bool, String> {
    let fields: Vec<&str> = spec.split(',').collect();
    if !fields.contains(&"type=devpts") {
        return Ok(false);
    }
    let target = fields.iter().find_map(|f| {
        ["target=", "destination=", "dst="]
            .iter()
            .find_map(|k| f.strip_prefix(k))
    });
    match target.map(|t| t.trim_end_matches('/')) {
        Some("/dev/pts") => Ok(true),
        _ => Err(format!(
            "invalid --mount {spec:?}: a devpts mount is supported at target=/dev/pts only (the container's own)"
        )),
    }
}

/// Every mount request of a run, in the order given. The same mount given twice counts once
/// (scripts append options); two different ones on one container path are refused.
pub fn parse_all(
    volumes: &[String],
    mounts: &[String],
    tmpfs: &[String],
) -> Result<Vec<Request>, String> {
    let mut all = Vec::new();
    for v in volumes {
        all.push(parse_volume(v)?);
    }
    for m in mounts {
        if devpts_mount(m)? {
            continue;
        }
        all.push(parse_mount(m)?);
    }
    for t in tmpfs {
        all.push(parse_tmpfs(t)?);
    }
    let mut kept: Vec<Request> = Vec::new();
    for r in all {
        match kept.iter().find(|o| o.target() == r.target()) {
            Some(o) if *o == r => {}
            Some(_) => {
                // podman's words: scripts match them.
                return Err(format!("{}: duplicate mount destination", r.target()));
            }
            None => kept.push(r),
        }
    }
    Ok(kept)
}

/// The directories `--read-only` keeps writable (as tmpfs) unless `--read-only-tmpfs=false`.
pub const READ_ONLY_TMPFS: [(&str, &str); 3] = [
    ("/tmp", "mode=1777"),
    ("/var/tmp", "mode=1777"),
    ("/run", "mode=755"),
];

/// The operations of the user's mounts, parents before children, and of `--read-only`.
/// They come after the container's own mounts (/proc, /dev, /etc files), so a user's mount
/// wins, and before the masks; the root is made read-only last, once every mount point exists.
pub fn ops(mounts: &[Resolved], read_only: bool, read_only_tmpfs: bool) -> (Vec<Op>, Vec<Op>) {
    let mut all: Vec<Resolved> = Vec::new();
    if read_only && read_only_tmpfs {
        for (path, mode) in READ_ONLY_TMPFS {
            if !mounts.iter().any(|m| target_of(m) == path) {
                all.push(Resolved::Tmpfs {
                    target: path.to_string(),
                    flags: Flags {
                        nosuid: true,
                        nodev: true,
                        ..Flags::default()
                    },
                    data: mode.to_string(),
                });
            }
        }
    }
    all.extend(mounts.iter().cloned());
    // Stable: equal depths keep the user's order.
    all.sort_by_key(|m| target_of(m).matches('/').count());
    let user = all
        .into_iter()
        .map(|m| match m {
            Resolved::Bind {
                source,
                target,
                readonly,
            } => Op::Bind {
                source,
                target,
                recursive: true,
                readonly,
            },
            Resolved::Tmpfs {
                target,
                flags,
                data,
            } => Op::Mount {
                fstype: "tmpfs".into(),
                target,
                flags,
                data,
            },
        })
        .collect();
    let last = if read_only {
        vec![Op::ReadOnlyRoot]
    } else {
        Vec::new()
    };
    (user, last)
}

fn target_of(m: &Resolved) -> &str {
    match m {
        Resolved::Bind { target, .. } | Resolved::Tmpfs { target, .. } => target,
    }
}

/// `nook volume ls`: podman's columns.
pub fn table(names: &[String]) -> String {
    let mut text = format!("{:<10}{}\n", "DRIVER", "VOLUME NAME");
    for n in names {
        text += &format!("{:<10}{n}\n", "local");
    }
    text
}

/// Seconds since the epoch as RFC 3339 in UTC.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86400) as i64;
    let rem = secs % 86400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_and_dates() {
        assert_eq!(table(&["a".into()]), "DRIVER    VOLUME NAME\nlocal     a\n");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_709_209_815), "2024-02-29T12:30:15Z");
    }

    #[test]
    fn volume_specs() {
        assert_eq!(
            parse_volume("/srv/data:/data:ro").unwrap(),
            Request::Bind {
                source: "/srv/data".into(),
                target: "/data".into(),
                readonly: true
            }
        );
        assert_eq!(
            parse_volume("./d:/d/").unwrap(),
            Request::Bind {
                source: "./d".into(),
                target: "/d".into(),
                readonly: false
            }
        );
        assert_eq!(
            parse_volume("cache:/var/cache:rw,z").unwrap(),
            Request::Volume {
                name: "cache".into(),
                target: "/var/cache".into(),
                readonly: false
            }
        );
    }

    #[test]
    fn bad_volume_specs_name_the_problem() {
        for (spec, needle) in [
            ("data", "HOST-DIR:CONTAINER-DIR"),
            ("/a:b", "must be absolute"),
            ("/a:/", "root"),
            ("/a:/b:rx", "\"rx\""),
            ("bad name:/b", "neither a path"),
            (":/b", "give a host path"),
            ("/a:/b:ro:x", "HOST-DIR"),
        ] {
            let err = parse_volume(spec).unwrap_err();
            assert!(err.contains(needle), "{spec}: {err}");
        }
    }

    #[test]
    fn devpts_at_dev_pts_is_accepted_and_changes_nothing() {
        let all = parse_all(&[], &["type=devpts,destination=/dev/pts,uid=0".into()], &[]).unwrap();
        assert!(all.is_empty());
        assert!(parse_all(&[], &["type=devpts,target=/mnt".into()], &[]).is_err());
    }

    #[test]
    fn mount_specs() {
        assert_eq!(
            parse_mount("type=bind,source=/h,target=/c,readonly").unwrap(),
            Request::Bind {
                source: "/h".into(),
                target: "/c".into(),
                readonly: true
            }
        );
        assert_eq!(
            parse_mount("type=volume,src=v1,dst=/c,ro=false").unwrap(),
            Request::Volume {
                name: "v1".into(),
                target: "/c".into(),
                readonly: false
            }
        );
        assert_eq!(
            parse_mount("type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=700").unwrap(),
            Request::Tmpfs {
                target: "/t".into(),
                flags: TMPFS_FLAGS,
                data: "size=1m,mode=700".into()
            }
        );
        for (spec, needle) in [
            ("type=bind,target=/c", "source=HOST-PATH"),
            ("type=bind,source=/h", "target="),
            ("type=nfs,target=/c", "type=bind"),
            (
                "type=bind,source=/h,target=/c,bind-propagation=shared",
                "unsupported",
            ),
            ("type=tmpfs,source=/h,target=/c", "no source"),
            (
                "type=bind,source=/h,target=/c,readonly=maybe",
                "true or false",
            ),
        ] {
            let err = parse_mount(spec).unwrap_err();
            assert!(err.contains(needle), "{spec}: {err}");
        }
    }

    #[test]
    fn tmpfs_specs() {
        assert_eq!(
            parse_tmpfs("/scratch:size=1m,exec,mode=1777").unwrap(),
            Request::Tmpfs {
                target: "/scratch".into(),
                flags: Flags {
                    noexec: false,
                    ..TMPFS_FLAGS
                },
                data: "size=1m,mode=1777".into()
            }
        );
        assert!(parse_tmpfs("/x:bogus").unwrap_err().contains("bogus"));
        assert!(parse_tmpfs("x").unwrap_err().contains("absolute"));
    }

    #[test]
    fn a_path_mounted_twice_is_refused() {
        let err = parse_all(&["/a:/x".into()], &[], &["/x/".into()]).unwrap_err();
        assert_eq!(err, "/x: duplicate mount destination");
        let err = parse_all(&["/a:/x".into(), "/b:/x".into()], &[], &[]).unwrap_err();
        assert!(err.contains("duplicate mount destination"), "{err}");
        let err = parse_all(&["/a:/x".into(), "/a:/x:ro".into()], &[], &[]).unwrap_err();
        assert!(err.contains("duplicate mount destination"), "{err}");
    }

    #[test]
    fn the_same_mount_twice_counts_once() {
        let all = parse_all(
            &["/a:/x".into(), "/a:/x/".into(), "v:/y".into()],
            &[
                "type=bind,src=/a,dst=/x".into(),
                "type=volume,src=v,dst=/y".into(),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn u_marks_a_mount_for_the_containers_user() {
        assert_eq!(
            chown_targets(&["/h:/a:U".into(), "v:/b/:ro,U".into(), "/h:/c:ro".into()]),
            ["/a", "/b"]
        );
        assert!(parse_volume("/h:/a:U").is_ok());
    }

    #[test]
    fn a_container_path_alone_is_an_anonymous_volume() {
        assert_eq!(
            parse_volume("/data/").unwrap(),
            Request::Volume {
                name: String::new(),
                target: "/data".into(),
                readonly: false
            }
        );
        assert!(parse_volume("data").is_err());
    }

    fn bind(s: &str, t: &str) -> Resolved {
        Resolved::Bind {
            source: s.into(),
            target: t.into(),
            readonly: false,
        }
    }

    #[test]
    fn parents_are_mounted_before_children() {
        let (user, last) = ops(&[bind("/h/b", "/a/b"), bind("/h/a", "/a")], false, true);
        let targets: Vec<_> = user
            .iter()
            .map(|o| match o {
                Op::Bind { target, .. } => target.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(targets, ["/a", "/a/b"]);
        assert!(last.is_empty());
    }

    #[test]
    fn read_only_root_keeps_tmp_writable() {
        let (user, last) = ops(&[bind("/h", "/run")], true, true);
        assert_eq!(last, [Op::ReadOnlyRoot]);
        let tmpfs: Vec<_> = user
            .iter()
            .filter_map(|o| match o {
                Op::Mount { target, .. } => Some(target.as_str()),
                _ => None,
            })
            .collect();
        // The user's own /run wins over the default tmpfs.
        assert_eq!(tmpfs, ["/tmp", "/var/tmp"]);
        let (user, last) = ops(&[], true, false);
        assert!(user.is_empty());
        assert_eq!(last, [Op::ReadOnlyRoot]);
    }
}
