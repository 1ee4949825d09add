//! `--uidmap`/`--gidmap`, `--userns=auto` and `--userns=nomap`: maps other than the default
//! and keep-id ones, made from the caller's default map (its own id, then its subordinate
//! ids), as rootless podman makes them from its user namespace.

use super::idmap::{self, IdMapping};
use super::request::{RunRequest, Userns};
use super::run::{IdPlan, PlanError};

/// `--userns=auto` without a size: podman's smallest automatic range.
pub const AUTO_SIZE: u32 = 1024;

/// The maps of the request, or `None` when it asks for the default or keep-id ones.
/// `default` is the caller's default plan; `taken_uids`/`taken_gids` the maps of the other
/// running `auto` containers.
pub fn ids(
    req: &RunRequest,
    default: &IdPlan,
    taken_uids: &[IdMapping],
    taken_gids: &[IdMapping],
) -> Result<Option<IdPlan>, PlanError> {
    let explicit = !req.host.uidmap.is_empty() || !req.host.gidmap.is_empty();
    let what = match (explicit, req.userns) {
        (false, Userns::Default | Userns::KeepId) => return Ok(None),
        (true, Userns::Default) => "--uidmap and --gidmap",
        (true, _) => {
            return Err(
                "--uidmap and --gidmap cannot be used with --userns: give one or the other".into(),
            );
        }
        (false, Userns::Auto { .. }) => "--userns=auto",
        (false, Userns::NoMap) => "--userns=nomap",
    };
    if !default.helpers {
        return Err(format!(
            "{what} needs /etc/subuid and /etc/subgid ranges and newuidmap/newgidmap: see nook info"
        ));
    }
    let total = |maps: &[IdMapping]| maps.iter().map(|m| m.count).sum::<u32>();
    let (uid, gid) = match req.userns {
        _ if explicit => {
            let parse = |flag: &str, specs: &[String]| {
                specs
                    .iter()
                    .map(|s| idmap::parse_map(flag, s))
                    .collect::<Result<Vec<_>, _>>()
            };
            let u = parse("--uidmap", &req.host.uidmap)?;
            let g = match req.host.gidmap.is_empty() {
                true => u.clone(),
                false => parse("--gidmap", &req.host.gidmap)?,
            };
            let u = match u.is_empty() {
                true => g.clone(),
                false => u,
            };
            (
                idmap::translate("--uidmap", &u, &default.uid)?,
                idmap::translate("--gidmap", &g, &default.gid)?,
            )
        }
        Userns::NoMap => {
            let all = |maps: &[IdMapping]| {
                [IdMapping {
                    inside: 0,
                    outside: 1,
                    count: total(maps) - 1,
                }]
            };
            (
                idmap::translate(what, &all(&default.uid), &default.uid)?,
                idmap::translate(what, &all(&default.gid), &default.gid)?,
            )
        }
        Userns::Auto { size } => {
            let size = size.unwrap_or(AUTO_SIZE);
            let pick = |maps: &[IdMapping], taken: &[IdMapping], file: &str| {
                idmap::auto_map(size, maps, taken).ok_or_else(|| {
                    format!(
                        "--userns=auto: no {size} ids of your {file} range are free of other running containers' (you have {}): stop one, or ask for fewer with --userns=auto:size=N",
                        total(maps) - 1
                    )
                })
            };
            (
                pick(&default.uid, taken_uids, "/etc/subuid")?,
                pick(&default.gid, taken_gids, "/etc/subgid")?,
            )
        }
        _ => return Ok(None),
    };
    Ok(Some(IdPlan {
        uid,
        gid,
        helpers: true,
        warning: None,
    }))
}

/// A map that leaves the caller's own uid out (auto, nomap, an explicit one without FROM 0)
/// works with an image when the store can show the image's files through it (one range of
/// uids and one of gids: `plan::keep_id::Shift::Map`); `image` says it cannot.
pub fn check_unmapped_caller(userns: &Userns, image: bool) -> Result<(), PlanError> {
    let what = match userns {
        Userns::Auto { .. } => "--userns=auto",
        Userns::NoMap => "--userns=nomap",
        _ => "a --uidmap without your own uid (FROM 0)",
    };
    if image {
        return Err(format!(
            "{what} leaves your own uid unmapped, and nook shows an image's files through such a map only when it is one range of uids and one of gids: give one range (as in --uidmap 0:1:65536), or run a --rootfs directory"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(inside: u32, outside: u32, count: u32) -> IdMapping {
        IdMapping {
            inside,
            outside,
            count,
        }
    }

    fn default() -> IdPlan {
        IdPlan {
            uid: vec![m(0, 1000, 1), m(1, 100000, 65536)],
            gid: vec![m(0, 1000, 1), m(1, 100000, 65536)],
            helpers: true,
            warning: None,
        }
    }

    fn req(a: &[&str]) -> RunRequest {
        crate::app::run_request(a)
    }

    #[test]
    fn modes() {
        let d = default();
        assert_eq!(ids(&req(&["--rootfs", "/r", "sh"]), &d, &[], &[]), Ok(None));
        let p = ids(
            &req(&["--uidmap", "0:1:100", "--rootfs", "/r", "sh"]),
            &d,
            &[],
            &[],
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.uid, [m(0, 100000, 100)]);
        assert_eq!(p.gid, p.uid);
        let p = ids(
            &req(&["--userns=nomap", "--rootfs", "/r", "sh"]),
            &d,
            &[],
            &[],
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.uid, [m(0, 100000, 65536)]);
        let p = ids(
            &req(&["--userns=auto", "--rootfs", "/r", "sh"]),
            &d,
            &[m(0, 100000, 1024)],
            &[],
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.uid, [m(0, 101024, 1024)]);
        assert_eq!(p.gid, [m(0, 100000, 1024)]);
        assert!(
            ids(
                &req(&["--userns=auto:size=70000", "--rootfs", "/r", "sh"]),
                &d,
                &[],
                &[]
            )
            .is_err()
        );
        assert!(
            ids(
                &req(&[
                    "--userns=keep-id",
                    "--uidmap",
                    "0:0:1",
                    "--rootfs",
                    "/r",
                    "sh"
                ]),
                &d,
                &[],
                &[]
            )
            .is_err()
        );
        let single = IdPlan {
            helpers: false,
            ..default()
        };
        assert!(
            ids(
                &req(&["--userns=nomap", "--rootfs", "/r", "sh"]),
                &single,
                &[],
                &[]
            )
            .is_err()
        );
    }
}
