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

/// The keep-id shift of one store: the ids the caller keeps inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub uid: u32,
    pub gid: u32,
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

impl Shift {
    /// `(uid, gid)` of a tar entry, as a keep-id layer stores them.
    pub fn apply(&self, uid: u32, gid: u32) -> (u32, u32) {
        (owner(uid, self.uid), owner(gid, self.gid))
    }

    /// The suffix of a keep-id layer's directory, next to the default layer `layers/<hex>`.
    pub fn suffix(&self) -> String {
        format!(".keep-id-{}-{}", self.uid, self.gid)
    }
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
        let s = Shift {
            uid: 1000,
            gid: 1001,
        };
        assert_eq!(s.apply(0, 1001), (1, 0));
        assert_eq!(s.suffix(), ".keep-id-1000-1001");
    }
}
