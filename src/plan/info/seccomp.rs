//! The check of seccomp: kernel filters and the libseccomp nook is linked with.

use super::findings::one;
use super::{Check, Facts, Status};

pub(super) fn seccomp(p: &Facts) -> Check {
    let name = "seccomp";
    let library = p.libseccomp_version.as_deref().unwrap_or("unknown");
    if !p.seccomp_kernel {
        return one(
            name,
            Status::Missing,
            "the kernel has no seccomp filters: containers run unfiltered only with --security-opt seccomp=unconfined",
            Some("use a kernel built with CONFIG_SECCOMP_FILTER".to_string()),
        );
    }
    let actions = p.seccomp_actions.as_deref().unwrap_or("unknown actions");
    one(
        name,
        Status::Ok,
        format!(
            "kernel filters ({actions}), libseccomp {library}: the default filter applies to every container"
        ),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, healthy};
    use super::super::{Status, report};

    #[test]
    fn seccomp_missing_in_the_kernel() {
        let mut p = healthy();
        assert_eq!(check(&report(&p), "seccomp").status, Status::Ok);
        p.seccomp_kernel = false;
        let r = report(&p);
        let c = check(&r, "seccomp");
        assert_eq!(c.status, Status::Missing);
        assert!(
            c.fix
                .as_deref()
                .unwrap_or("")
                .contains("CONFIG_SECCOMP_FILTER")
        );
    }
}
