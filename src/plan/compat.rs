//! PURE: `nook run` flags that exist for podman's scripts: `--systemd` (tmpfs on /run and
//! /tmp for an init), `--oom-score-adj` (clamped to the caller's own), `--kernel-memory`
//! (a no-op with podman's warning) and `--device-cgroup-rule` (refused rootless, as podman).

/// `--systemd true|false|always`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SystemdMode {
    /// Systemd mode when the command is an init (`/sbin/init`, `/usr/sbin/init`,
    /// `/usr/local/sbin/init`, or a program named `systemd`), podman's default.
    #[default]
    True,
    False,
    Always,
}

impl SystemdMode {
    pub fn parse(text: &str) -> Result<SystemdMode, String> {
        Ok(match text.to_ascii_lowercase().as_str() {
            "true" | "" => SystemdMode::True,
            "false" => SystemdMode::False,
            "always" => SystemdMode::Always,
            _ => {
                return Err(format!(
                    "invalid --systemd {text:?}: use true, false or always"
                ));
            }
        })
    }

    /// Whether the container runs in systemd mode, for its first word (the entrypoint's,
    /// else the command's, as the command line gives them).
    pub fn applies(self, first: Option<&str>) -> bool {
        let init = first.is_some_and(|f| {
            matches!(f, "/sbin/init" | "/usr/sbin/init" | "/usr/local/sbin/init")
                || f.rsplit('/').next() == Some("systemd")
        });
        match self {
            SystemdMode::Always => true,
            SystemdMode::True => init,
            SystemdMode::False => false,
        }
    }
}

/// The `--tmpfs` entries systemd mode adds (podman mounts /run, /run/lock and /tmp; nook
/// mounts /run and /tmp): none where the command line already mounts something there.
pub fn systemd_tmpfs(on: bool, tmpfs: &[String], volumes: &[String]) -> Vec<String> {
    if !on {
        return Vec::new();
    }
    let target = |spec: &str| {
        spec.split(':')
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string()
    };
    let taken = |dir: &str| {
        tmpfs.iter().any(|t| target(t) == dir)
            || volumes.iter().any(|v| {
                v.split(':')
                    .nth(1)
                    .is_some_and(|d| d.trim_end_matches('/') == dir)
            })
    };
    ["/run", "/tmp"]
        .into_iter()
        .filter(|d| !taken(d))
        .map(|d| format!("{d}:rw,nosuid,nodev"))
        .collect()
}

/// `--oom-score-adj N` against the caller's own score (`current`): an unprivileged process
/// cannot go below it, so podman raises it there with a warning (the second value).
pub fn oom_score_adj(
    requested: Option<i32>,
    current: i32,
) -> Result<(Option<i32>, Option<String>), String> {
    let Some(n) = requested else {
        return Ok((None, None));
    };
    if !(-1000..=1000).contains(&n) {
        return Err(format!(
            "invalid --oom-score-adj {n}: use a number from -1000 to 1000"
        ));
    }
    let got = n.max(current);
    Ok((Some(got), oom_warning(Some(n), Some(got))))
}

/// podman's warning when `--oom-score-adj` was raised to the caller's own score.
pub fn oom_warning(requested: Option<i32>, planned: Option<i32>) -> Option<String> {
    match (requested, planned) {
        (Some(n), Some(got)) if n < got => Some(format!(
            "Requested oom_score_adj={n} is lower than the current one, changing to {got}"
        )),
        _ => None,
    }
}

/// The warnings and refusals of the flags nook takes only for podman's sake.
pub fn check(kernel_memory: bool, device_cgroup_rules: &[String]) -> Result<Vec<String>, String> {
    if !device_cgroup_rules.is_empty() {
        return Err(
            "device cgroup rules are not supported in rootless mode or in a user namespace".into(),
        );
    }
    Ok(match kernel_memory {
        true => {
            vec!["The --kernel-memory flag is no longer supported. This flag is a noop.".into()]
        }
        false => Vec::new(),
    })
}

/// `--umask`: an octal mask of at most 0777, as podman takes it.
pub fn parse_umask(text: Option<&str>) -> Result<u32, String> {
    let Some(t) = text else {
        return Ok(super::run::default_umask());
    };
    match u32::from_str_radix(t, 8) {
        Ok(m) if m <= 0o777 && !t.is_empty() => Ok(m),
        _ => Err(format!(
            "invalid umask string {t}: give an octal mask such as 0022"
        )),
    }
}

/// `--runtime-flag`s (space separated, as NOOK_RUNTIME_FLAGS holds them): the line that
/// refuses them, none when there are none. podman hands each to the OCI runtime as
/// `--FLAG`, and runc and crun refuse one they do not know; nook is its own runtime and
/// takes none.
pub fn runtime_flags_refused(flags: &str) -> Option<String> {
    let first = flags.split_whitespace().next()?;
    Some(format!(
        "runtime flag --{}: nook is its own OCI runtime and takes no runtime flags: drop --runtime-flag {first}",
        first.trim_start_matches('-')
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_flags_are_refused_naming_the_first() {
        assert_eq!(runtime_flags_refused(""), None);
        let m = runtime_flags_refused("invalidflag debug").unwrap();
        assert!(m.starts_with("runtime flag --invalidflag: "), "{m}");
        assert!(m.ends_with("drop --runtime-flag invalidflag"), "{m}");
        assert!(
            runtime_flags_refused("--log=x")
                .unwrap()
                .starts_with("runtime flag --log=x")
        );
    }

    #[test]
    fn systemd_mode_like_podman() {
        assert_eq!(SystemdMode::parse("always"), Ok(SystemdMode::Always));
        assert_eq!(SystemdMode::parse("FALSE"), Ok(SystemdMode::False));
        assert!(SystemdMode::parse("yes").unwrap_err().contains("--systemd"));
        assert!(SystemdMode::True.applies(Some("/sbin/init")));
        assert!(SystemdMode::True.applies(Some("/usr/lib/systemd/systemd")));
        assert!(!SystemdMode::True.applies(Some("top")));
        assert!(!SystemdMode::True.applies(None));
        assert!(SystemdMode::Always.applies(Some("top")));
        assert!(!SystemdMode::False.applies(Some("/sbin/init")));
        assert_eq!(
            systemd_tmpfs(true, &[], &[]),
            ["/run:rw,nosuid,nodev", "/tmp:rw,nosuid,nodev"]
        );
        assert_eq!(
            systemd_tmpfs(true, &["/run/".into()], &["/h:/tmp:ro".into()]),
            Vec::<String>::new()
        );
        assert!(systemd_tmpfs(false, &[], &[]).is_empty());
    }

    #[test]
    fn oom_score_adj_is_clamped_to_the_callers() {
        assert_eq!(oom_score_adj(None, 0), Ok((None, None)));
        assert_eq!(oom_score_adj(Some(5), 0), Ok((Some(5), None)));
        let (n, w) = oom_score_adj(Some(-1000), 200).unwrap();
        assert_eq!(n, Some(200));
        assert_eq!(
            w.unwrap(),
            "Requested oom_score_adj=-1000 is lower than the current one, changing to 200"
        );
        assert!(oom_score_adj(Some(1001), 0).is_err());
    }

    #[test]
    fn kernel_memory_warns_and_device_rules_are_refused() {
        assert!(check(false, &[]).unwrap().is_empty());
        assert!(check(true, &[]).unwrap()[0].contains("This flag is a noop."));
        assert_eq!(
            check(false, &["b 7:* rmw".into()]).unwrap_err(),
            "device cgroup rules are not supported in rootless mode or in a user namespace"
        );
    }
}
