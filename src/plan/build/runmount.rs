//! `RUN --mount=...` (BuildKit's and buildah's forms: `type=cache`, `bind`, `tmpfs`,
//! `secret`) and `--secret id=..,src=..`, read into what the RUN step's container mounts.

/// How builds share a cache mount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// Every step at once (the default).
    Shared,
    /// One step at a time: others wait (`private` too: nook has no second copy to give).
    Locked,
}

/// `uid=`, `gid=` and `mode=` (octal) of a cache, tmpfs or secret mount, as the container
/// sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Owner {
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub mode: Option<u32>,
}

impl Owner {
    pub fn is_set(&self) -> bool {
        self.uid.is_some() || self.gid.is_some() || self.mode.is_some()
    }
}

/// One `--mount` of a RUN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunMount {
    /// A directory of the user's kept across builds, by `id` (the target by default); made
    /// with `owner` (mode 0755 by default) when new.
    Cache {
        target: String,
        id: String,
        sharing: Sharing,
        readonly: bool,
        owner: Owner,
    },
    /// A path of the context (or of the stage or image `from`), read-only; `rw`: a
    /// throwaway copy the step may write to (the writes are discarded, as buildah).
    Bind {
        target: String,
        source: String,
        from: Option<String>,
        rw: bool,
    },
    Tmpfs {
        target: String,
        size: Option<String>,
        owner: Owner,
    },
    /// The `--secret` of that `id`, read-only at `target` (`/run/secrets/ID`); with an
    /// `owner`, a copy with those ids and mode (0400 by default).
    Secret {
        id: String,
        target: String,
        required: bool,
        owner: Owner,
    },
}

fn yes(v: Option<&str>, key: &str) -> Result<bool, String> {
    match v {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(v) => Err(format!("{key}={v}: use {key}=true or {key}=false")),
    }
}

/// One `--mount=` value.
pub fn parse_mount(value: &str) -> Result<RunMount, String> {
    let bad = |m: String| format!("RUN --mount={value}: {m}");
    let mut kind = "bind".to_string();
    let (mut target, mut source, mut from, mut id) = (None, None, None, None);
    let (mut sharing, mut readonly, mut rw, mut required, mut size) =
        (Sharing::Shared, false, false, false, None);
    let mut owner = Owner::default();
    for part in value.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = match part.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (part, None),
        };
        let val = || {
            v.map(String::from)
                .ok_or_else(|| bad(format!("{k} needs a value")))
        };
        match k {
            "type" => kind = val()?,
            "target" | "dst" | "destination" => target = Some(val()?),
            "source" | "src" => source = Some(val()?),
            "from" => from = Some(val()?),
            "id" => id = Some(val()?),
            "sharing" => {
                sharing = match v {
                    Some("shared") => Sharing::Shared,
                    Some("locked" | "private") => Sharing::Locked,
                    _ => return Err(bad("sharing is shared, private or locked".into())),
                }
            }
            "ro" | "readonly" => readonly = yes(v, k).map_err(bad)?,
            "rw" | "readwrite" => rw = yes(v, k).map_err(bad)?,
            "required" => required = yes(v, k).map_err(bad)?,
            "size" | "tmpfs-size" => size = Some(val()?),
            "uid" | "gid" => {
                let n = val()?
                    .parse::<u32>()
                    .map_err(|_| bad(format!("{k} is a number: {k}=1000")))?;
                match k {
                    "uid" => owner.uid = Some(n),
                    _ => owner.gid = Some(n),
                }
            }
            "mode" => {
                let m = val()?;
                let n = u32::from_str_radix(&m, 8)
                    .ok()
                    .filter(|n| *n <= 0o7777)
                    .ok_or_else(|| bad(format!("mode={m}: give an octal mode, e.g. mode=0755")))?;
                owner.mode = Some(n);
            }
            _ => {
                return Err(bad(format!(
                    "the option {k} is not supported by nook build: remove it"
                )));
            }
        }
    }
    let target = target.filter(|t| t.starts_with('/'));
    match kind.as_str() {
        "cache" => {
            let target = target.ok_or_else(|| bad("give an absolute target=".into()))?;
            Ok(RunMount::Cache {
                id: id.unwrap_or_else(|| target.clone()),
                target,
                sharing,
                readonly,
                owner,
            })
        }
        "bind" => {
            if owner.is_set() {
                return Err(bad(
                    "uid, gid and mode are for cache, tmpfs and secret mounts: leave them out of a bind".into(),
                ));
            }
            Ok(RunMount::Bind {
                target: target.ok_or_else(|| bad("give an absolute target=".into()))?,
                source: source.unwrap_or_default(),
                from,
                rw: rw && !readonly,
            })
        }
        "tmpfs" => Ok(RunMount::Tmpfs {
            target: target.ok_or_else(|| bad("give an absolute target=".into()))?,
            size,
            owner,
        }),
        "secret" => {
            let id = match (id, &target) {
                (Some(id), _) => id,
                (None, Some(t)) => t.rsplit('/').next().unwrap_or("").to_string(),
                (None, None) => return Err(bad("give id=".into())),
            };
            Ok(RunMount::Secret {
                target: target.unwrap_or_else(|| format!("/run/secrets/{id}")),
                id,
                required,
                owner,
            })
        }
        other => Err(bad(format!(
            "type={other} is not supported by nook build: use cache, bind, tmpfs or secret"
        ))),
    }
}

/// `--secret id=ID,src=PATH` (`source=`, `type=file` too): the id and the file.
pub fn parse_secret(value: &str) -> Result<(String, String), String> {
    let bad = |m: &str| format!("invalid --secret {value:?}: {m}");
    let (mut id, mut src) = (None, None);
    for part in value.split(',') {
        match part.split_once('=') {
            Some(("id", v)) if !v.is_empty() => id = Some(v.to_string()),
            Some(("src" | "source", v)) if !v.is_empty() => src = Some(v.to_string()),
            Some(("type", "file")) => {}
            _ => return Err(bad("use id=NAME,src=FILE")),
        }
    }
    match (id, src) {
        (Some(id), Some(src)) => Ok((id, src)),
        _ => Err(bad("use id=NAME,src=FILE")),
    }
}

/// A cache mount's directory name under the store's `build-mounts/` (any id is safe).
pub fn cache_dir_name(id: &str) -> String {
    crate::plan::digest::sha256_hex(id.as_bytes())[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_parse_with_buildkits_defaults() {
        assert_eq!(
            parse_mount("type=cache,target=/root/.cache").unwrap(),
            RunMount::Cache {
                target: "/root/.cache".into(),
                id: "/root/.cache".into(),
                sharing: Sharing::Shared,
                readonly: false,
                owner: Owner::default()
            }
        );
        assert_eq!(
            parse_mount("type=cache,id=pip,dst=/c,sharing=locked,ro,uid=1000,gid=10,mode=0700")
                .unwrap(),
            RunMount::Cache {
                target: "/c".into(),
                id: "pip".into(),
                sharing: Sharing::Locked,
                readonly: true,
                owner: Owner {
                    uid: Some(1000),
                    gid: Some(10),
                    mode: Some(0o700)
                }
            }
        );
        assert_eq!(
            parse_mount("target=/src,source=app,from=builder").unwrap(),
            RunMount::Bind {
                target: "/src".into(),
                source: "app".into(),
                from: Some("builder".into()),
                rw: false
            }
        );
        assert!(matches!(
            parse_mount("type=bind,target=/src,rw").unwrap(),
            RunMount::Bind { rw: true, .. }
        ));
        assert_eq!(
            parse_mount("type=tmpfs,target=/t,size=1m").unwrap(),
            RunMount::Tmpfs {
                target: "/t".into(),
                size: Some("1m".into()),
                owner: Owner::default()
            }
        );
        assert_eq!(
            parse_mount("type=secret,id=tok").unwrap(),
            RunMount::Secret {
                id: "tok".into(),
                target: "/run/secrets/tok".into(),
                required: false,
                owner: Owner::default()
            }
        );
        assert_eq!(
            parse_mount("type=secret,target=/etc/key,required").unwrap(),
            RunMount::Secret {
                id: "key".into(),
                target: "/etc/key".into(),
                required: true,
                owner: Owner::default()
            }
        );
    }

    #[test]
    fn bad_mounts_say_what_to_do() {
        for (v, needle) in [
            ("type=cache", "absolute target"),
            ("type=cache,target=rel", "absolute target"),
            ("type=ssh,target=/x", "type=ssh is not supported"),
            ("type=cache,target=/x,uid=x", "uid is a number"),
            ("type=cache,target=/x,mode=999", "octal mode"),
            ("type=bind,target=/x,uid=1", "leave them out of a bind"),
            ("type=cache,target=/x,wat=1", "option wat"),
            ("type=cache,target=/x,sharing=maybe", "sharing is"),
            ("type=secret", "give id="),
        ] {
            let e = parse_mount(v).unwrap_err();
            assert!(
                e.starts_with("RUN --mount=") && e.contains(needle),
                "{v}: {e}"
            );
        }
    }

    #[test]
    fn secrets_need_an_id_and_a_file() {
        assert_eq!(
            parse_secret("id=tok,src=/f").unwrap(),
            ("tok".into(), "/f".into())
        );
        assert!(parse_secret("id=tok").is_err());
        assert!(parse_secret("src=/f,env=X").is_err());
        assert_eq!(cache_dir_name("a").len(), 32);
        assert_ne!(cache_dir_name("a"), cache_dir_name("../a"));
    }
}
