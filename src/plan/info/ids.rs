//! The checks of user namespaces and of id mapping (newuidmap/newgidmap, /etc/subuid, /etc/subgid).

use super::findings::Findings;
use super::{Check, Facts, IdHelper, Status};
use crate::plan::idmap::{self, SubidRange, Subids};

/// The range suggested to users without one (the one `useradd` gives the first user).
const SUBID_RANGE: &str = "100000-165535";

pub(super) fn helper_found(h: &IdHelper) -> bool {
    h.path.is_some()
}

fn overlaps(s: &Subids, id: u32) -> Option<SubidRange> {
    s.ranges
        .iter()
        .copied()
        .find(|r| idmap::overlaps_own_id(&[*r], id))
}

pub(super) fn user_namespaces(p: &Facts) -> Check {
    let mut f = Findings::new();
    match p.max_user_namespaces {
        None => f.problem(
            Status::Missing,
            "no /proc/sys/user/max_user_namespaces: this kernel has no user namespaces",
            "boot a kernel built with CONFIG_USER_NS=y",
        ),
        Some(0) => f.problem(
            Status::Missing,
            "user.max_user_namespaces=0",
            "sudo sysctl -w user.max_user_namespaces=15000",
        ),
        Some(n) => f.note(format!("max {n}")),
    }
    match p.unprivileged_userns_clone {
        Some(0) => f.problem(
            Status::Missing,
            "kernel.unprivileged_userns_clone=0",
            "sudo sysctl -w kernel.unprivileged_userns_clone=1",
        ),
        Some(_) => f.note("unprivileged_userns_clone=1"),
        None => {}
    }
    match (p.apparmor_restrict_unprivileged_userns, p.apparmor_profile_installed) {
        (Some(0) | None, _) => {}
        (Some(_), true) => f.note("restricted by AppArmor; nook's profile is installed"),
        (Some(_), false) => f.problem(
            Status::Missing,
            "AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1)",
            "install nook's AppArmor profile (packaging/apparmor/nook) or sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0",
        ),
    }
    f.check("user namespaces")
}

pub(super) fn id_mapping(p: &Facts) -> Check {
    let mut f = Findings::new();
    let name = &p.user_name;
    let usermod =
        format!("sudo usermod --add-subuids {SUBID_RANGE} --add-subgids {SUBID_RANGE} {name}");
    for (tool, h) in [("newuidmap", &p.newuidmap), ("newgidmap", &p.newgidmap)] {
        let Some(path) = &h.path else {
            f.problem(
                Status::Missing,
                format!("no {tool}"),
                "sudo apt-get install uidmap",
            );
            continue;
        };
        match (h.setuid_root, h.file_caps) {
            (true, _) => f.note(format!("{tool} {path} (setuid)")),
            (false, Some(true)) => f.note(format!("{tool} {path} (file capabilities)")),
            (false, Some(false)) => f.problem(
                Status::Missing,
                format!("{tool} {path} is neither setuid root nor has file capabilities"),
                format!("sudo chmod u+s {path}"),
            ),
            (false, None) => f.problem(
                Status::Warn,
                format!("{tool} {path} is not setuid root (file capabilities unknown)"),
                format!("check with: /usr/sbin/getcap {path} (sudo apt-get install libcap2-bin)"),
            ),
        }
        if !h.on_path {
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            f.problem(
                Status::Warn,
                format!("{path} is not on PATH (nook runs {tool} by name)"),
                format!("export PATH=\"$PATH:{dir}\""),
            );
        }
    }
    for (kind, s, id) in [("subuid", &p.subuid, p.uid), ("subgid", &p.subgid, p.gid)] {
        let file = &s.file;
        if let Some(e) = &s.error {
            f.problem(
                Status::Missing,
                format!("{file} {e}"),
                format!("correct or remove that line of {file}, then: {usermod}"),
            );
        } else if !s.present {
            f.problem(Status::Missing, format!("no {file}"), usermod.as_str());
        } else if s.ranges.is_empty() {
            f.problem(
                Status::Missing,
                format!("no {file} range for {name}"),
                usermod.as_str(),
            );
        } else if let Some(r) = overlaps(s, id) {
            let last = u64::from(r.start) + u64::from(r.count) - 1;
            f.problem(
                Status::Missing,
                format!(
                    "{file} range {}+{} contains your own id {id}",
                    r.start, r.count
                ),
                format!(
                    "sudo usermod --del-{kind}s {}-{last} {name} && {usermod}",
                    r.start
                ),
            );
        } else {
            let ranges: Vec<String> = s
                .ranges
                .iter()
                .map(|r| format!("{}+{}", r.start, r.count))
                .collect();
            f.note(format!("{kind} {}", ranges.join(" ")));
        }
    }
    if f.status == Status::Missing {
        f.note("nook falls back to a single mapping");
    }
    f.check("id mapping")
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, fix, healthy, helper, subids};
    use super::super::{IdHelper, IdMapChoice, Status, report};
    use crate::plan::idmap::Subids;

    #[test]
    fn missing_ranges_suggest_usermod_for_the_user() {
        let mut p = healthy();
        p.subuid = subids("/etc/subuid", "bob:100000:65536\n");
        let r = report(&p);
        let c = check(&r, "id mapping");
        assert_eq!(c.status, Status::Missing);
        assert!(
            c.detail.contains("no /etc/subuid range for alice"),
            "{}",
            c.detail
        );
        assert_eq!(
            c.fix.as_deref(),
            Some("sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice")
        );
        assert_eq!(r.choices.id_mapping, IdMapChoice::Single);

        p.subgid = Subids::parse("/etc/subgid", None, "alice", 1000);
        let r = report(&p);
        // Both files point to the same fix, given once.
        assert_eq!(
            fix(&r, "id mapping"),
            "sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice"
        );
        assert!(check(&r, "id mapping").detail.contains("no /etc/subgid"));
    }

    #[test]
    fn missing_helper_suggests_uidmap() {
        let mut p = healthy();
        p.newgidmap = IdHelper::default();
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Missing);
        assert_eq!(fix(&r, "id mapping"), "sudo apt-get install uidmap");
        assert_eq!(r.choices.id_mapping, IdMapChoice::Single);
    }

    #[test]
    fn unprivileged_helper_is_missing_and_unknown_caps_warn() {
        let mut p = healthy();
        p.newuidmap.setuid_root = false;
        p.newuidmap.file_caps = Some(true);
        assert_eq!(check(&report(&p), "id mapping").status, Status::Ok);
        p.newuidmap.file_caps = None;
        assert_eq!(check(&report(&p), "id mapping").status, Status::Warn);
        p.newuidmap.file_caps = Some(false);
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Missing);
        assert_eq!(fix(&r, "id mapping"), "sudo chmod u+s /usr/bin/newuidmap");
    }

    #[test]
    fn malformed_and_overlapping_ranges_are_missing() {
        let mut p = healthy();
        p.subuid = subids("/etc/subuid", "alice:abc:10\n");
        assert_eq!(
            p.subuid.error.as_deref().map(|e| e.contains("line 1")),
            Some(true)
        );
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Missing);
        assert!(
            check(&r, "id mapping")
                .detail
                .contains("/etc/subuid line 1")
        );
        assert!(fix(&r, "id mapping").starts_with("correct or remove that line of /etc/subuid"));

        let mut p = healthy();
        p.subgid = subids("/etc/subgid", "alice:900:200\n");
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Missing);
        assert!(
            fix(&r, "id mapping").starts_with("sudo usermod --del-subgids 900-1099 alice && "),
            "{}",
            fix(&r, "id mapping")
        );
    }

    #[test]
    fn helper_off_path_warns() {
        let mut p = healthy();
        p.newuidmap = helper("/usr/sbin/newuidmap");
        p.newuidmap.on_path = false;
        let r = report(&p);
        assert_eq!(check(&r, "id mapping").status, Status::Warn);
        assert_eq!(fix(&r, "id mapping"), "export PATH=\"$PATH:/usr/sbin\"");
    }

    #[test]
    fn each_userns_sysctl_gets_its_own_fix() {
        let mut p = healthy();
        p.unprivileged_userns_clone = Some(0);
        let r = report(&p);
        assert_eq!(check(&r, "user namespaces").status, Status::Missing);
        assert_eq!(
            fix(&r, "user namespaces"),
            "sudo sysctl -w kernel.unprivileged_userns_clone=1"
        );

        let mut p = healthy();
        p.unprivileged_userns_clone = None;
        p.max_user_namespaces = Some(0);
        let r = report(&p);
        assert_eq!(check(&r, "user namespaces").status, Status::Missing);
        assert_eq!(
            fix(&r, "user namespaces"),
            "sudo sysctl -w user.max_user_namespaces=15000"
        );

        p.unprivileged_userns_clone = Some(0);
        let both = fix(&report(&p), "user namespaces");
        assert!(both.contains("user.max_user_namespaces=15000"));
        assert!(both.contains("kernel.unprivileged_userns_clone=1"));
    }

    #[test]
    fn apparmor_restriction_needs_the_profile_or_the_sysctl() {
        let mut p = healthy();
        p.apparmor_restrict_unprivileged_userns = Some(1);
        let r = report(&p);
        let c = check(&r, "user namespaces");
        assert_eq!(c.status, Status::Missing);
        assert_eq!(
            c.fix.as_deref(),
            Some(
                "install nook's AppArmor profile (packaging/apparmor/nook) or sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"
            )
        );
        p.apparmor_profile_installed = true;
        assert_eq!(check(&report(&p), "user namespaces").status, Status::Ok);
        p.apparmor_profile_installed = false;
        p.apparmor_restrict_unprivileged_userns = Some(0);
        assert_eq!(check(&report(&p), "user namespaces").status, Status::Ok);
    }
}
