//! PURE: `nook volume create --driver local --label K=V -o K=V`: the local driver's options as
//! podman reads them, and the mount a volume made with them becomes. `-o type=tmpfs
//! -o device=tmpfs -o o=size=64m` is a tmpfs (a fresh one for each container that mounts it:
//! a rootless user cannot mount one on the host to share); `-o o=bind -o device=/path` binds
//! a host directory; without options the volume's own `_data` directory is bound.

use std::collections::BTreeMap;

use super::mounts::Flags;
use super::volume::Resolved;

/// A volume's driver, labels and options, as `volume.json` keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VolumeOpts {
    pub labels: BTreeMap<String, String>,
    pub options: BTreeMap<String, String>,
}

fn pair(s: &str, flag: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        None if !s.is_empty() && flag == "--label" => Ok((s.to_string(), String::new())),
        _ => Err(format!("invalid {flag} {s:?}: use KEY=VALUE")),
    }
}

/// Check `volume create`'s flags.
pub fn parse(
    driver: Option<&str>,
    labels: &[String],
    opts: &[String],
) -> Result<VolumeOpts, String> {
    if let Some(d) = driver.filter(|d| *d != "local") {
        return Err(format!(
            "volume driver {d:?} is not supported: nook has the local driver only (leave --driver out)"
        ));
    }
    let mut v = VolumeOpts::default();
    for l in labels {
        let (k, val) = pair(l, "--label")?;
        v.labels.insert(k, val);
    }
    for o in opts {
        let (k, val) = pair(o, "-o")?;
        match k.as_str() {
            "type" | "device" | "o" => {}
            other => {
                return Err(format!(
                    "unsupported -o {other:?} for the local driver: use type=, device= or o="
                ));
            }
        }
        v.options.insert(k, val);
    }
    let kind = v.options.get("type").map(String::as_str);
    let binds = bind_device(&v.options).is_some()
        || v.options
            .get("o")
            .is_some_and(|o| o.split(',').any(|x| x == "bind" || x == "rbind"))
        || kind == Some("bind");
    match (kind, binds, v.options.get("device")) {
        (Some("tmpfs"), false, _) | (None, false, None) => {}
        (_, true, Some(dev)) if dev.starts_with('/') => {}
        (_, true, _) => {
            return Err("-o o=bind needs -o device=/HOST/PATH (an absolute path)".into());
        }
        (Some(t), false, _) => {
            return Err(format!(
                "unsupported -o type={t:?}: nook mounts type=tmpfs, or binds with -o o=bind -o device=/PATH"
            ));
        }
        (None, false, Some(_)) => {
            return Err("-o device= needs -o type=tmpfs, or -o o=bind for a host path".into());
        }
    }
    Ok(v)
}

/// The host path a volume made with `options` binds (`None`: not a bind).
pub fn bind_device(options: &BTreeMap<String, String>) -> Option<&str> {
    let binds = options.get("type").is_some_and(|t| t == "bind")
        || options
            .get("o")
            .is_some_and(|o| o.split(',').any(|x| x == "bind" || x == "rbind"));
    options.get("device").map(String::as_str).filter(|_| binds)
}

/// The mount of a volume made with `options`, whose own directory is `data`, on `target`.
pub fn mount(
    options: &BTreeMap<String, String>,
    data: &str,
    target: &str,
    readonly: bool,
) -> Resolved {
    let o = options.get("o").cloned().unwrap_or_default();
    let binds = options.get("type").is_some_and(|t| t == "bind")
        || o.split(',').any(|x| x == "bind" || x == "rbind");
    match (
        options.get("type").map(String::as_str),
        binds,
        options.get("device"),
    ) {
        (_, true, Some(device)) => Resolved::Bind {
            source: device.clone(),
            target: target.to_string(),
            readonly: readonly || o.split(',').any(|x| x == "ro"),
        },
        (Some("tmpfs"), _, _) => {
            let mut flags = Flags {
                nosuid: true,
                nodev: true,
                ..Flags::default()
            };
            let mut data = Vec::new();
            for x in o.split(',').filter(|x| !x.is_empty()) {
                match x {
                    "ro" => flags.rdonly = true,
                    "noexec" => flags.noexec = true,
                    "exec" | "rw" | "suid" | "dev" | "nosuid" | "nodev" => {}
                    other => data.push(other.to_string()),
                }
            }
            flags.rdonly |= readonly;
            Resolved::Tmpfs {
                target: target.to_string(),
                flags,
                data: data.join(","),
            }
        }
        _ => Resolved::Bind {
            source: data.to_string(),
            target: target.to_string(),
            readonly,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn the_local_drivers_options() {
        let v = parse(
            Some("local"),
            &s(&["a=b", "c"]),
            &s(&["type=tmpfs", "device=tmpfs", "o=size=2m,uid=1000"]),
        )
        .unwrap();
        assert_eq!(v.labels["a"], "b");
        assert_eq!(v.labels["c"], "");
        assert_eq!(
            mount(&v.options, "/d", "/t", false),
            Resolved::Tmpfs {
                target: "/t".into(),
                flags: Flags {
                    nosuid: true,
                    nodev: true,
                    ..Flags::default()
                },
                data: "size=2m,uid=1000".into()
            }
        );
        let t = parse(None, &[], &s(&["type=bind", "device=/srv/y"])).unwrap();
        assert_eq!(bind_device(&t.options), Some("/srv/y"));
        let v = parse(None, &[], &s(&["o=bind", "device=/srv/x"])).unwrap();
        assert_eq!(bind_device(&v.options), Some("/srv/x"));
        assert_eq!(
            mount(&v.options, "/d", "/t", true),
            Resolved::Bind {
                source: "/srv/x".into(),
                target: "/t".into(),
                readonly: true
            }
        );
        assert_eq!(
            mount(&BTreeMap::new(), "/d", "/t", false),
            Resolved::Bind {
                source: "/d".into(),
                target: "/t".into(),
                readonly: false
            }
        );
    }

    #[test]
    fn what_the_local_driver_refuses() {
        assert!(
            parse(Some("nfs"), &[], &[])
                .unwrap_err()
                .contains("local driver")
        );
        assert!(
            parse(None, &[], &s(&["o=bind"]))
                .unwrap_err()
                .contains("device")
        );
        assert!(
            parse(None, &[], &s(&["type=nfs"]))
                .unwrap_err()
                .contains("type")
        );
        assert!(
            parse(None, &[], &s(&["size=1m"]))
                .unwrap_err()
                .contains("size")
        );
        assert!(parse(None, &[], &s(&["device=/x"])).is_err());
        assert!(parse(None, &s(&["=x"]), &[]).is_err());
    }
}
