//! PURE: the `--userns=keep-id` view of an image. The store's layers are made for the default
//! mapping (the caller is root inside, subordinate ids 1 and up); keep-id maps the caller to
//! its own id instead, so the same files read through it would change owners (root's files
//! the caller's, uid N the owner N-1). keep-id containers get layers of their own, unpacked
//! once from the same blobs with every owner moved so that it reads the same through the
//! keep-id mapping, and kept in the store next to the default ones.
//!
//! Why a copy: an idmapped mount would cost no disk, but the kernel allows one only to
//! CAP_SYS_ADMIN in the user namespace that owns the layers' file system (`can_idmap_mount`
//! in fs/namespace.c), which a rootless user never has for the disk the store is on; the
//! fuse-overlayfs driver's uidmapping/gidmapping options would serve that driver only, and
//! translate on every access. A copy serves the three drivers alike and costs one unpack per
//! image, once: measured on the test Debian image (264 MB unpacked, 2 cores under load), the
//! first keep-id run took 6.5 s, the next ones 0.12 s (a default run: 0.15 s), for 281 MB more
//! disk.

use serde::{Deserialize, Serialize};

use super::idmap::IdMapping;
use super::run_ids::IdPlan;

/// How a store's copy of a layer moves owners: keep-id's (the ids the caller keeps inside),
/// or a map that leaves the caller out (`--userns=auto|nomap`, a `--uidmap` not from 0): one
/// range of container ids each for uids and gids, `outside` in the default mapping's terms
/// (the ids store jobs write). Untagged: a keep-id shift reads as it always did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Shift {
    KeepId { uid: u32, gid: u32 },
    Map { uids: IdMapping, gids: IdMapping },
}

/// The owner, in the default mapping's terms (the one store jobs run in), that a file of
/// container id `id` must have to read as `id` through the keep-id mapping that keeps `kept`.
///
/// Default mapping D: 0 -> caller, n -> sub+n-1. keep-id K: kept -> caller, n < kept ->
/// sub+n, n > kept -> sub+n-1. The owner to write is D⁻¹(K(id)).
pub fn owner(id: u32, kept: u32) -> u32 {
    match id.cmp(&kept) {
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Less => id + 1,
        std::cmp::Ordering::Greater => id,
    }
}

/// The owner, in the default mapping's terms, of a file of container id `id` under a map
/// without the caller: its range's id; one outside the range gets the caller's own id (0 in
/// the default mapping), which no such map holds, so it reads as the overflow id (nobody).
fn map_owner(id: u32, m: &IdMapping) -> u32 {
    match id.checked_sub(m.inside) {
        Some(off) if off < m.count => m.outside + off,
        _ => 0,
    }
}

impl Shift {
    /// `(uid, gid)` of a tar entry, as a shifted layer stores them.
    pub fn apply(&self, uid: u32, gid: u32) -> (u32, u32) {
        match self {
            Shift::KeepId { uid: ku, gid: kg } => (owner(uid, *ku), owner(gid, *kg)),
            Shift::Map { uids, gids } => (map_owner(uid, uids), map_owner(gid, gids)),
        }
    }

    /// The suffix of a shifted layer's directory, next to the default layer `layers/<hex>`.
    pub fn suffix(&self) -> String {
        match self {
            Shift::KeepId { uid, gid } => format!(".keep-id-{uid}-{gid}"),
            Shift::Map { uids: u, gids: g } => format!(
                ".idmap-{}-{}-{}-{}-{}-{}",
                u.inside, u.outside, u.count, g.inside, g.outside, g.count
            ),
        }
    }
}

/// The default mapping's id of host id `host` (the inverse of `default`), when it has one.
fn default_id(default: &[IdMapping], host: u32) -> Option<u32> {
    default
        .iter()
        .find(|m| host >= m.outside && host - m.outside < m.count)
        .map(|m| m.inside + (host - m.outside))
}

/// One map of a container without the caller, as a shift's range: a single range whose
/// host ids are consecutive ids of the default mapping.
fn map_range(maps: &[IdMapping], default: &[IdMapping]) -> Option<IdMapping> {
    let [m] = maps else { return None };
    let first = default_id(default, m.outside)?;
    let last = default_id(default, m.outside.checked_add(m.count.checked_sub(1)?)?)?;
    (last.checked_sub(first) == Some(m.count - 1)).then_some(IdMapping {
        inside: m.inside,
        outside: first,
        count: m.count,
    })
}

/// The shift that shows an image's files with their own owners through `ids`, a map that
/// leaves the caller out, given the caller's `default` one; `None` when either map is not
/// one range (the store's copies are made for one range each).
pub fn map_shift(ids: &IdPlan, default: &IdPlan) -> Option<Shift> {
    Some(Shift::Map {
        uids: map_range(&ids.uid, &default.uid)?,
        gids: map_range(&ids.gid, &default.gid)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::idmap::{IdMapping, SubidRange, build_map};

    fn host_of(maps: &[IdMapping], id: u32) -> Option<u32> {
        maps.iter()
            .find(|m| id >= m.inside && id - m.inside < m.count)
            .map(|m| m.outside + (id - m.inside))
    }

    #[test]
    fn every_id_reads_the_same_through_keep_id() {
        let ranges = [SubidRange {
            start: 100_000,
            count: 65536,
        }];
        let default = build_map(1000, 0, &ranges);
        let keep = build_map(1000, 1000, &ranges);
        for id in [0, 1, 2, 42, 999, 1000, 1001, 5000, 65535] {
            let host = host_of(&default, owner(id, 1000)).unwrap();
            assert_eq!(
                keep.iter()
                    .find(|m| host >= m.outside && host - m.outside < m.count)
                    .map(|m| m.inside + (host - m.outside)),
                Some(id),
                "{id}"
            );
        }
        assert_eq!(owner(0, 1000), 1);
        assert_eq!(owner(1000, 1000), 0);
        assert_eq!(owner(4242, 1000), 4242);
        let s = Shift::KeepId {
            uid: 1000,
            gid: 1001,
        };
        assert_eq!(s.apply(0, 1001), (1, 0));
        assert_eq!(s.suffix(), ".keep-id-1000-1001");
    }

    fn plan(maps: Vec<IdMapping>) -> IdPlan {
        IdPlan {
            uid: maps.clone(),
            gid: maps,
            helpers: true,
            warning: None,
        }
    }

    #[test]
    fn a_map_without_the_caller_shows_the_images_owners() {
        let ranges = [SubidRange {
            start: 100_000,
            count: 65536,
        }];
        let default = plan(build_map(1000, 0, &ranges));
        // --userns=auto's block: container 0..1024 on host 102_048.., default ids 2049..
        let auto = plan(vec![IdMapping {
            inside: 0,
            outside: 102_048,
            count: 1024,
        }]);
        let s = map_shift(&auto, &default).unwrap();
        for id in [0, 1, 42, 1023] {
            let host = host_of(&default.uid, s.apply(id, id).0).unwrap();
            assert_eq!(host, 102_048 + id, "{id}");
        }
        // Beyond the range: the caller's id, which the map does not hold (nobody inside).
        assert_eq!(s.apply(65534, 2000), (0, 0));
        assert_eq!(s.suffix(), ".idmap-0-2049-1024-0-2049-1024");
        // nomap: every subordinate id, from 0.
        let nomap = plan(vec![IdMapping {
            inside: 0,
            outside: 100_000,
            count: 65536,
        }]);
        assert_eq!(map_shift(&nomap, &default).unwrap().apply(5, 0), (6, 1));
        // Two ranges, or host ids the default map does not hold: no shift.
        let two = plan(vec![
            IdMapping {
                inside: 0,
                outside: 100_000,
                count: 10,
            },
            IdMapping {
                inside: 20,
                outside: 100_020,
                count: 10,
            },
        ]);
        assert_eq!(map_shift(&two, &default), None);
        let outside = plan(vec![IdMapping {
            inside: 0,
            outside: 300_000,
            count: 10,
        }]);
        assert_eq!(map_shift(&outside, &default), None);
        // A keep-id shift reads back as one (plans written before the map shifts).
        let old: Shift = serde_json::from_str(r#"{"uid":1000,"gid":1001}"#).unwrap();
        assert_eq!(
            old,
            Shift::KeepId {
                uid: 1000,
                gid: 1001
            }
        );
    }
}
