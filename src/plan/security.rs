//! `--security-opt`: no-new-privileges, the seccomp profile, masked and unmasked paths.

use super::run::PlanError;

/// What `--security-opt` asked for.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Security {
    pub no_new_privs: bool,
    pub unconfined: bool,
    pub profile: Option<String>,
    pub mask: Vec<String>,
    pub unmask: Vec<String>,
}

/// The profile file named by `--security-opt seccomp=FILE`, for the host side to read.
pub fn seccomp_profile_path(opts: &[String]) -> Option<&str> {
    opts.iter()
        .filter_map(|o| {
            o.strip_prefix("seccomp=")
                .or_else(|| o.strip_prefix("seccomp:"))
        })
        .rfind(|v| *v != "unconfined")
}

fn paths(list: &str) -> Vec<String> {
    list.split(':')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn security_opts(opts: &[String]) -> Result<Security, PlanError> {
    let mut sec = Security::default();
    for opt in opts {
        let (key, value) = opt
            .split_once(['=', ':'])
            .map(|(k, v)| (k, Some(v)))
            .unwrap_or((opt.as_str(), None));
        match (key, value) {
            ("no-new-privileges", None | Some("true")) => sec.no_new_privs = true,
            ("no-new-privileges", Some("false")) => sec.no_new_privs = false,
            ("seccomp", Some("unconfined")) => {
                sec.unconfined = true;
                sec.profile = None;
            }
            ("seccomp", Some(path)) if !path.is_empty() => {
                sec.unconfined = false;
                sec.profile = Some(path.to_string());
            }
            // No SELinux labels are applied, so disabling (or setting) them changes
            // nothing; tools pass them verbatim.
            ("label", Some(v)) if !v.is_empty() => {}
            // No AppArmor profile is applied to containers: unconfined is what they get.
            ("apparmor", Some("unconfined")) => {}
            ("mask", Some(list)) => sec.mask.extend(paths(list)),
            ("unmask", Some(list)) => sec.unmask.extend(paths(list)),
            _ => {
                return Err(format!(
                    "unsupported --security-opt {opt:?}: use no-new-privileges, seccomp=unconfined, seccomp=PROFILE.json, mask=PATH[:PATH], unmask=PATH[:PATH]|ALL, label=disable or apparmor=unconfined"
                ));
            }
        }
    }
    if let Some(bad) = sec
        .mask
        .iter()
        .chain(&sec.unmask)
        .find(|p| !p.starts_with('/') && *p != "ALL")
    {
        return Err(format!(
            "invalid masked path {bad:?} in --security-opt: give absolute paths inside the container"
        ));
    }
    Ok(sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_tools_pass_verbatim_are_accepted() {
        for ok in [
            "label=disable",
            "label:disable",
            "apparmor=unconfined",
            "label=type:x_t",
        ] {
            assert_eq!(security_opts(&[ok.into()]), Ok(Security::default()), "{ok}");
        }
        assert!(security_opts(&["apparmor=myprofile".into()]).is_err());
        assert!(security_opts(&["label=".into()]).is_err());
    }
}
