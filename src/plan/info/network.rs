//! The checks of networking: slirp4netns, pasta and /dev/net/tun.

use super::findings::{device, one, tool_detail};
use super::{Check, Facts, Status};

pub(super) fn slirp4netns(p: &Facts) -> Check {
    let name = "slirp4netns";
    let fix = Some("sudo apt-get install slirp4netns".to_string());
    match (&p.slirp4netns.path, &p.pasta.path) {
        (Some(path), _) => one(name, Status::Ok, tool_detail(path, &p.slirp4netns), None),
        (None, Some(_)) => one(
            name,
            Status::Missing,
            "not installed (pasta is used instead)",
            fix,
        ),
        (None, None) => one(
            name,
            Status::Missing,
            "not installed: containers get no network (only --network host)",
            fix,
        ),
    }
}

pub(super) fn pasta(p: &Facts) -> Check {
    let name = "pasta";
    match (&p.pasta.path, &p.slirp4netns.path) {
        (Some(path), _) => one(name, Status::Ok, tool_detail(path, &p.pasta), None),
        (None, Some(_)) => one(
            name,
            Status::Ok,
            "not installed (not needed: slirp4netns is used)",
            None,
        ),
        (None, None) => one(
            name,
            Status::Missing,
            "not installed",
            Some("sudo apt-get install passt".to_string()),
        ),
    }
}

pub(super) fn dev_net_tun(p: &Facts) -> Check {
    let name = "/dev/net/tun";
    match device(p.dev_net_tun_exists, p.dev_net_tun_rw, name, "tun") {
        Ok(()) => one(name, Status::Ok, "readable and writable", None),
        Err((what, fix)) => one(
            name,
            Status::Missing,
            format!("{what}: slirp4netns and pasta cannot make the container's interface"),
            Some(fix),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, fix, healthy};
    use super::super::{NetworkDriver, Status, Tool, report};

    #[test]
    fn network_falls_back_to_pasta_then_none() {
        let mut p = healthy();
        p.slirp4netns = Tool::default();
        let r = report(&p);
        assert_eq!(check(&r, "slirp4netns").status, Status::Missing);
        assert_eq!(check(&r, "pasta").status, Status::Ok);
        assert_eq!(r.choices.network, NetworkDriver::Pasta);

        let mut p = healthy();
        p.pasta = Tool::default();
        assert_eq!(check(&report(&p), "pasta").status, Status::Ok);
        p.dev_net_tun_rw = false;
        let r = report(&p);
        assert_eq!(check(&r, "/dev/net/tun").status, Status::Missing);
        assert_eq!(fix(&r, "/dev/net/tun"), "sudo chmod 0666 /dev/net/tun");
        assert_eq!(r.choices.network, NetworkDriver::None);
        p.dev_net_tun_exists = false;
        assert_eq!(fix(&report(&p), "/dev/net/tun"), "sudo modprobe tun");
    }
}
