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

/// One `--mount` of a RUN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunMount {
    /// A directory of the user's kept across builds, by `id` (the target by default).
    Cache {
        target: String,
        id: String,
        sharing: Sharing,
        readonly: bool,
    },
    /// A path of the context (or of the stage or image `from`), read-only.
    Bind {
        target: String,
        source: String,
        from: Option<String>,
    },
    Tmpfs {
        target: String,
        size: Option<String>,
    },
    /// The `--secret` of that `id`, read-only at `target` (`/run/secrets/ID`).
    Secret {
        id: String,
        target: String,
        required: bool,
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
            })
        }
        "bind" => {
            if rw {
                return Err(bad(
                    "rw bind mounts are not supported by nook build: leave rw out (the mount is read-only)".into(),
                ));
            }
            Ok(RunMount::Bind {
                target: target.ok_or_else(|| bad("give an absolute target=".into()))?,
                source: source.unwrap_or_default(),
                from,
            })
        }
        "tmpfs" => Ok(RunMount::Tmpfs {
            target: target.ok_or_else(|| bad("give an absolute target=".into()))?,
            size,
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
                readonly: false
            }
        );
        assert_eq!(
            parse_mount("type=cache,id=pip,dst=/c,sharing=locked,ro").unwrap(),
            RunMount::Cache {
                target: "/c".into(),
                id: "pip".into(),
                sharing: Sharing::Locked,
                readonly: true
            }
        );
        assert_eq!(
            parse_mount("target=/src,source=app,from=builder").unwrap(),
            RunMount::Bind {
                target: "/src".into(),
                source: "app".into(),
                from: Some("builder".into())
            }
        );
        assert_eq!(
            parse_mount("type=tmpfs,target=/t,size=1m").unwrap(),
            RunMount::Tmpfs {
                target: "/t".into(),
                size: Some("1m".into())
            }
        );
        assert_eq!(
            parse_mount("type=secret,id=tok").unwrap(),
            RunMount::Secret {
                id: "tok".into(),
                target: "/run/secrets/tok".into(),
                required: false
            }
        );
        assert_eq!(
            parse_mount("type=secret,target=/etc/key,required").unwrap(),
            RunMount::Secret {
                id: "key".into(),
                target: "/etc/key".into(),
                required: true
            }
        );
    }

    #[test]
    fn bad_mounts_say_what_to_do() {
        for (v, needle) in [
            ("type=cache", "absolute target"),
            ("type=cache,target=rel", "absolute target"),
            ("type=ssh,target=/x", "type=ssh is not supported"),
            ("type=cache,target=/x,uid=1", "option uid"),
            ("type=bind,target=/x,rw", "rw bind"),
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
