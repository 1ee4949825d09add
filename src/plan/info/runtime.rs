//! Where containers' state lives (`$XDG_RUNTIME_DIR/nook` or `/tmp/nook-UID`) and its check.

use super::findings::one;
use super::{Check, Facts, Status};

/// `$XDG_RUNTIME_DIR/nook` when that directory exists, else `/tmp/nook-UID`, as
/// `host/state.rs` decides.
pub fn runtime_dir(p: &Facts) -> String {
    match &p.xdg_runtime_dir {
        Some(dir) if p.xdg_runtime_dir_exists => format!("{}/nook", dir.trim_end_matches('/')),
        _ => format!("/tmp/nook-{}", p.uid),
    }
}

pub(super) fn runtime_dir_check(p: &Facts) -> Check {
    let name = "runtime dir";
    let dir = runtime_dir(p);
    let fallback = format!("/tmp/nook-{}", p.uid);
    if dir == fallback
        && let Some(owner) = p.fallback_runtime_dir_owner.filter(|o| *o != p.uid)
    {
        return one(
            name,
            Status::Missing,
            format!("{fallback} belongs to uid {owner}, not to you"),
            Some(format!("sudo rm -rf {fallback}")),
        );
    }
    match (&p.xdg_runtime_dir, p.xdg_runtime_dir_exists) {
        (Some(_), true) => one(name, Status::Ok, dir, None),
        (Some(xdg), false) => one(
            name,
            Status::Warn,
            format!("XDG_RUNTIME_DIR={xdg} does not exist: using {dir}"),
            Some(format!("loginctl enable-linger {}", p.user_name)),
        ),
        (None, _) => one(
            name,
            Status::Warn,
            format!("XDG_RUNTIME_DIR is unset: using {dir}"),
            Some(format!(
                "log in with ssh or `machinectl shell {}@` rather than su, or export XDG_RUNTIME_DIR=/run/user/{}",
                p.user_name, p.uid
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, fix, healthy};
    use super::super::{Status, report};

    #[test]
    fn runtime_dir_falls_back_to_tmp() {
        let mut p = healthy();
        p.xdg_runtime_dir = None;
        p.xdg_runtime_dir_exists = false;
        let r = report(&p);
        assert_eq!(r.choices.runtime_dir, "/tmp/nook-1000");
        assert_eq!(check(&r, "runtime dir").status, Status::Warn);
        p.fallback_runtime_dir_owner = Some(1001);
        let r = report(&p);
        assert_eq!(check(&r, "runtime dir").status, Status::Missing);
        assert_eq!(fix(&r, "runtime dir"), "sudo rm -rf /tmp/nook-1000");
    }
}
