//! Capability names and the set a container keeps (`--cap-add`, `--cap-drop`, `--privileged`).

/// Every capability the kernel knows, indexed by number (linux/capability.h).
pub const NAMES: [&str; 41] = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

/// Podman's default set (containers.conf `default_capabilities`).
pub const DEFAULT: [&str; 11] = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
];

/// A capability set as a bit mask (bit N = capability N).
pub type CapMask = u64;

/// The number of `name`, which may be given as `net_raw`, `NET_RAW` or `CAP_NET_RAW`.
pub fn number(name: &str) -> Option<u32> {
    let upper = name.trim().to_ascii_uppercase();
    let full = if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    };
    NAMES.iter().position(|n| *n == full).map(|i| i as u32)
}

fn mask_of(names: &[&str]) -> CapMask {
    names
        .iter()
        .filter_map(|n| number(n))
        .fold(0, |m, n| m | (1 << n))
}

pub fn all() -> CapMask {
    (1u64 << NAMES.len()) - 1
}

/// The container's bounding set: the default (or all, when privileged), minus drops, plus
/// adds. `ALL` works in both lists; drops are applied before adds, as podman does.
pub fn resolve(add: &[String], drop: &[String], privileged: bool) -> Result<CapMask, String> {
    let mut set = if privileged { all() } else { mask_of(&DEFAULT) };
    let parse = |names: &[String]| -> Result<CapMask, String> {
        names.iter().try_fold(0, |m, name| {
            if name.eq_ignore_ascii_case("all") {
                Ok(all())
            } else {
                number(name)
                    .map(|n| m | (1 << n))
                    .ok_or_else(|| format!("unknown capability {name:?}: use a name such as NET_RAW or CAP_SYS_ADMIN (see capabilities(7))"))
            }
        })
    };
    set &= !parse(drop)?;
    set |= parse(add)?;
    Ok(set)
}

/// The numbers of the capabilities not in `mask`, to drop from the bounding set.
pub fn missing(mask: CapMask) -> Vec<u32> {
    (0..NAMES.len() as u32)
        .filter(|n| mask & (1 << n) == 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn names_in_every_spelling() {
        assert_eq!(number("net_raw"), Some(13));
        assert_eq!(number("CAP_NET_RAW"), Some(13));
        assert_eq!(number("Sys_Admin"), Some(21));
        assert_eq!(number("NOPE"), None);
    }

    #[test]
    fn default_set_is_podmans() {
        let set = resolve(&[], &[], false).unwrap();
        assert_eq!(set.count_ones(), 11);
        assert_eq!(set & (1 << 21), 0, "no CAP_SYS_ADMIN by default");
        assert_ne!(set & 1, 0, "CAP_CHOWN by default");
    }

    #[test]
    fn add_and_drop() {
        let set = resolve(&s(&["sys_admin"]), &s(&["chown"]), false).unwrap();
        assert_ne!(set & (1 << 21), 0);
        assert_eq!(set & 1, 0);
    }

    #[test]
    fn drop_all_then_add_one() {
        let set = resolve(&s(&["NET_BIND_SERVICE"]), &s(&["ALL"]), false).unwrap();
        assert_eq!(set, 1 << 10);
    }

    #[test]
    fn privileged_is_all() {
        assert_eq!(resolve(&[], &[], true).unwrap(), all());
        assert!(missing(all()).is_empty());
    }

    #[test]
    fn unknown_name_is_an_error() {
        let err = resolve(&s(&["CAP_FLY"]), &[], false).unwrap_err();
        assert!(err.contains("CAP_FLY"), "{err}");
    }
}
