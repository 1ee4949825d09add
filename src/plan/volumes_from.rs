//! `run --volumes-from CONTAINER[:ro|rw]`, decided: the user mounts of another container
//! (its named and anonymous volumes, its binds of host paths) as `-v` specs of the new one,
//! at the same places; a place the new container mounts something of its own at is left out.

use super::mounts::Op;

/// `CONTAINER[:OPTIONS]`: the container and whether its mounts are read-only (None: each as
/// it is in the container). podman's options: ro, rw, z, Z (SELinux, nothing to do here).
pub fn parse(spec: &str) -> Result<(&str, Option<bool>), String> {
    let (name, opts) = spec.split_once(':').unwrap_or((spec, ""));
    if name.is_empty() {
        return Err(format!(
            "invalid --volumes-from {spec:?}: give a container's name or ID"
        ));
    }
    let mut readonly = None;
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => readonly = Some(true),
            "rw" => readonly = Some(false),
            "z" | "Z" => {}
            _ => {
                return Err(format!(
                    "invalid --volumes-from {spec:?}: unsupported option {o:?} (use ro, rw or z)"
                ));
            }
        }
    }
    Ok((name, readonly))
}

/// The `-v` specs of the user mounts in `ops` (a container's plan): binds that are neither
/// of nook's own state directory `state_dir` nor devices; a source `.../NAME/_data` of one
/// of `volumes` is that volume. Targets in `taken` are left out.
pub fn specs(
    ops: &[Op],
    state_dir: &str,
    volumes: &[String],
    readonly: Option<bool>,
    taken: &[String],
) -> Vec<String> {
    let mut out = Vec::new();
    for op in ops {
        let Op::Bind {
            source,
            target,
            readonly: ro,
            ..
        } = op
        else {
            continue;
        };
        if source.starts_with(state_dir) || source.starts_with("/dev/") || taken.contains(target) {
            continue;
        }
        let volume = volumes
            .iter()
            .find(|v| source.ends_with(&format!("/{v}/_data")));
        let mode = if readonly.unwrap_or(*ro) { "ro" } else { "rw" };
        out.push(format!(
            "{}:{target}:{mode}",
            volume.map_or(source.as_str(), |v| v.as_str())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bind(source: &str, target: &str, readonly: bool) -> Op {
        Op::Bind {
            source: source.into(),
            target: target.into(),
            recursive: true,
            readonly,
        }
    }

    #[test]
    fn options_and_names() {
        assert_eq!(parse("web").unwrap(), ("web", None));
        assert_eq!(parse("web:ro,z").unwrap(), ("web", Some(true)));
        assert_eq!(parse("web:rw").unwrap(), ("web", Some(false)));
        assert!(parse(":ro").unwrap_err().contains("container's name"));
        assert!(parse("web:exec").unwrap_err().contains("\"exec\""));
    }

    #[test]
    fn the_user_mounts_become_specs() {
        let ops = vec![
            bind("/run/user/1/nook/c1/hosts", "/etc/hosts", false),
            bind("/dev/null", "/dev/null", false),
            bind(
                "/home/u/.local/share/nook/volumes/data/_data",
                "/vol",
                false,
            ),
            bind("/srv/www", "/www", true),
            bind("/srv/other", "/mine", false),
        ];
        let vols = vec!["data".to_string()];
        let taken = vec!["/mine".to_string()];
        assert_eq!(
            specs(&ops, "/run/user/1/nook/c1", &vols, None, &taken),
            vec!["data:/vol:rw".to_string(), "/srv/www:/www:ro".to_string()]
        );
        assert_eq!(
            specs(&ops, "/run/user/1/nook/c1", &vols, Some(true), &[]),
            vec!["data:/vol:ro", "/srv/www:/www:ro", "/srv/other:/mine:ro"]
        );
    }
}
