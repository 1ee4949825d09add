//! Where the image store lives and which driver the user configured: `storage.conf` parsed,
//! file systems named from their `statfs` magic, and the store's location decided (pure).

use std::path::{Path, PathBuf};

use super::overlay::Driver;

/// What `$XDG_CONFIG_HOME/nook/storage.conf` says (containers-storage.conf's keys).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StorageConf {
    /// `[storage] driver`; empty means automatic, as in containers-storage.conf.
    pub driver: Option<Driver>,
    /// `[storage] rootless_storage_path`, with `$HOME`, `$UID` and `$USER` expanded.
    pub rootless_storage_path: Option<PathBuf>,
}

/// Values `rootless_storage_path` may name, as containers-storage expands them.
#[derive(Debug, Clone, Default)]
pub struct Vars {
    pub home: Option<String>,
    pub uid: u32,
    pub user: String,
}

/// Parse `text`, the contents of `file`. Other tables and keys (podman's `runroot`,
/// `[storage.options]` ...) are ignored; a bad driver or a relative path is one line naming
/// the file and the fix.
pub fn parse_conf(text: &str, file: &str, vars: &Vars) -> Result<StorageConf, String> {
    let mut conf = StorageConf::default();
    let mut table = String::new();
    for line in text.lines() {
        let line = strip_comment(line).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') {
            table = line.trim_matches(['[', ']', ' ']).to_string();
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if table != "storage" {
            continue;
        }
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
        match (key.trim(), unquoted) {
            ("driver", Some("")) => conf.driver = None,
            ("driver", Some(v)) => {
                conf.driver = Some(v.parse().map_err(|_| {
                    format!(
                        "{file}: unknown storage driver {v:?}: set driver = \"overlay\", \
                         \"fuse-overlayfs\" or \"vfs\" in [storage]"
                    )
                })?)
            }
            ("rootless_storage_path", Some("")) => conf.rootless_storage_path = None,
            ("rootless_storage_path", Some(v)) => {
                let path = expand(v, vars);
                if !Path::new(&path).is_absolute() {
                    return Err(format!(
                        "{file}: rootless_storage_path {v:?} is not an absolute path: \
                         write it in full (or start it with $HOME)"
                    ));
                }
                conf.rootless_storage_path = Some(PathBuf::from(path));
            }
            ("driver" | "rootless_storage_path", None) => {
                return Err(format!(
                    "{file}: {} = {value} is not a quoted string: write {} = \"...\"",
                    key.trim(),
                    key.trim()
                ));
            }
            _ => {}
        }
    }
    Ok(conf)
}

/// A line without its `#` comment (a `#` inside a quoted string stays).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('#', None) => return &line[..i],
            _ => {}
        }
    }
    line
}

fn expand(value: &str, vars: &Vars) -> String {
    let mut out = value.to_string();
    if let Some(home) = &vars.home {
        out = out.replace("$HOME", home);
    }
    out.replace("$UID", &vars.uid.to_string())
        .replace("$USER", &vars.user)
}

/// `statfs` magic numbers (`linux/magic.h` and the file systems' own headers).
const FILESYSTEMS: &[(u32, &str, bool)] = &[
    (0xEF53, "ext4", false),
    (0x5846_5342, "xfs", false),
    (0x9123_683E, "btrfs", false),
    (0x0102_1994, "tmpfs", false),
    (0x2FC1_2FC1, "zfs", false),
    (0xF2F5_2010, "f2fs", false),
    (0xCA45_1A4E, "bcachefs", false),
    (0x794C_7630, "overlay", false),
    (0x6969, "nfs", true),
    (0xFF53_4D42, "cifs", true),
    (0xFE53_4D42, "smb3", true),
    (0x517B, "smb", true),
    (0x5346_414F, "afs", true),
    (0x6B41_4653, "afs", true),
    (0x00C3_6400, "ceph", true),
    (0x0102_1997, "9p", true),
    (0x0BD0_0BD0, "lustre", true),
    (0x4750_4653, "gpfs", true),
    (0x1983_0326, "beegfs", true),
    (0x7375_7245, "coda", true),
    (0x564C, "ncpfs", true),
    // sshfs, glusterfs, s3fs and the like: nothing says they keep ids or xattrs.
    (0x6573_5546, "fuse", true),
];

/// Where a kernel overlay of a container lives, as said in `nook info` and the driver's
/// reason: the store's file system (its layers), and the runtime directory's (the upper dirs)
/// when that is another type.
pub fn place_name(store: &str, upper: Option<&str>) -> String {
    match upper {
        Some(u) if u != store => format!("{store}, containers' upper dirs on {u}"),
        _ => store.to_string(),
    }
}

/// The name of a file system type, or its magic in hex.
pub fn fs_name(f_type: u32) -> String {
    FILESYSTEMS
        .iter()
        .find(|(magic, _, _)| *magic == f_type)
        .map(|(_, name, _)| name.to_string())
        .unwrap_or_else(|| format!("file system 0x{f_type:x}"))
}

/// The network (or FUSE) file system `f_type` is, where files of subordinate ids and overlay
/// upper directories cannot live (lchown fails, no user xattrs); `None` for a local one.
pub fn network_fs(f_type: u32) -> Option<&'static str> {
    FILESYSTEMS
        .iter()
        .find(|(magic, _, network)| *magic == f_type && *network)
        .map(|(_, name, _)| *name)
}

/// Whether the file system `plan::storage::fs_name` called `name` is a network one.
pub fn is_network_name(name: &str) -> bool {
    FILESYSTEMS
        .iter()
        .any(|(_, n, network)| *n == name && *network)
}

/// What decides where the store is.
#[derive(Debug, Clone, Default)]
pub struct LocationFacts {
    /// `NOOK_STORAGE`, when set and not empty.
    pub env: Option<PathBuf>,
    /// `rootless_storage_path` of storage.conf, and the file's path.
    pub conf: Option<(PathBuf, String)>,
    /// `$XDG_DATA_HOME` (or `~/.local/share`).
    pub data_dir: Option<PathBuf>,
    /// The `statfs` type of the data directory (or of its nearest existing parent).
    pub data_fs: Option<u32>,
    pub uid: u32,
    /// `NOOK_VOLUME_PATH` (the global `--volumepath`), when set and not empty.
    pub volumes_env: Option<PathBuf>,
}

/// Where the store and the named volumes are, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub root: PathBuf,
    pub volumes: PathBuf,
    pub why: String,
    /// A directory of the user's own that must be created private (0700) and checked first.
    pub private: Option<PathBuf>,
    /// nook's own outermost directory, which holds the store and the volumes and is kept
    /// private (0700): `nook/` of the data directory, the store a user named, or the local one.
    pub top: PathBuf,
}

/// Where the store goes on local disk when the home directory is on a network file system.
pub fn local_dir(uid: u32) -> PathBuf {
    PathBuf::from(format!("/var/tmp/nook-{uid}"))
}

/// The store: `NOOK_STORAGE`, else storage.conf's `rootless_storage_path`, else
/// `$XDG_DATA_HOME/nook/storage` unless that is on a network file system, in which case
/// `/var/tmp/nook-UID/storage`. Volumes stay beside the store (in it when it was named),
/// unless `--volumepath` (NOOK_VOLUME_PATH) puts them elsewhere.
pub fn locate(f: &LocationFacts) -> Result<Location, String> {
    let mut l = locate_store(f)?;
    if let Some(v) = &f.volumes_env {
        l.volumes = v.clone();
    }
    Ok(l)
}

fn locate_store(f: &LocationFacts) -> Result<Location, String> {
    if let Some(root) = &f.env {
        return Ok(Location {
            volumes: root.join("volumes"),
            root: root.clone(),
            why: "NOOK_STORAGE".into(),
            private: None,
            top: root.clone(),
        });
    }
    if let Some((root, file)) = &f.conf {
        return Ok(Location {
            volumes: root.join("volumes"),
            root: root.clone(),
            why: format!("rootless_storage_path in {file}"),
            private: None,
            top: root.clone(),
        });
    }
    let data = f.data_dir.as_ref().ok_or(
        "cannot find your data directory: set HOME or XDG_DATA_HOME, or NOOK_STORAGE".to_string(),
    )?;
    if let Some(fs) = f.data_fs.and_then(network_fs) {
        let local = local_dir(f.uid);
        return Ok(Location {
            root: local.join("storage"),
            volumes: local.join("volumes"),
            why: format!(
                "{} is on {fs}, which cannot hold files of subordinate ids: local disk instead \
                 (rootless_storage_path in storage.conf chooses)",
                data.display()
            ),
            private: Some(local.clone()),
            top: local,
        });
    }
    Ok(Location {
        root: data.join("nook/storage"),
        volumes: data.join("nook/volumes"),
        why: "the data directory".into(),
        private: None,
        top: data.join("nook"),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn places_name_the_upper_dirs_only_when_elsewhere() {
        assert_eq!(place_name("ext4", Some("ext4")), "ext4");
        assert_eq!(place_name("ext4", None), "ext4");
        assert_eq!(
            place_name("ext4", Some("tmpfs")),
            "ext4, containers' upper dirs on tmpfs"
        );
    }

    use super::*;

    fn vars() -> Vars {
        Vars {
            home: Some("/home/ann".into()),
            uid: 1000,
            user: "ann".into(),
        }
    }

    #[test]
    fn the_storage_table_of_containers_storage_conf_is_read() {
        let text = r#"
# podman's file, as users write it
[storage]
driver = "vfs"   # a comment
runroot = "/run/user/1000/containers"
rootless_storage_path = "$HOME/.local/share/containers/storage-$UID-$USER"

[storage.options]
driver = "btrfs"
mount_program = "/usr/bin/fuse-overlayfs"
"#;
        let c = parse_conf(text, "s.conf", &vars()).unwrap();
        assert_eq!(c.driver, Some(Driver::Vfs));
        assert_eq!(
            c.rootless_storage_path,
            Some(PathBuf::from(
                "/home/ann/.local/share/containers/storage-1000-ann"
            ))
        );
        let c = parse_conf("[storage]\ndriver = 'overlay'\n", "f", &vars()).unwrap();
        assert_eq!(c.driver, Some(Driver::Overlay));
        let c = parse_conf("[storage]\ndriver = \"\"\n", "f", &vars()).unwrap();
        assert_eq!(c, StorageConf::default());
        assert_eq!(
            parse_conf("", "f", &vars()).unwrap(),
            StorageConf::default()
        );
        let c = parse_conf("[other]\ndriver = \"zfs\"\n", "f", &vars()).unwrap();
        assert_eq!(c.driver, None);
    }

    #[test]
    fn bad_values_are_one_line_naming_the_file_and_the_fix() {
        let e = parse_conf(
            "[storage]\ndriver = \"btrfs\"\n",
            "/c/storage.conf",
            &vars(),
        )
        .unwrap_err();
        assert!(e.starts_with("/c/storage.conf: unknown storage driver \"btrfs\""));
        assert!(e.contains("\"vfs\"") && !e.contains('\n'), "{e}");
        let e =
            parse_conf("[storage]\nrootless_storage_path = \"x/y\"\n", "f", &vars()).unwrap_err();
        assert!(e.contains("not an absolute path"), "{e}");
        let e = parse_conf("[storage]\ndriver = vfs\n", "f", &vars()).unwrap_err();
        assert!(e.contains("driver = \"...\""), "{e}");
        // $HOME unknown: the path stays relative-looking and is refused.
        let no_home = Vars {
            home: None,
            ..vars()
        };
        let e = parse_conf(
            "[storage]\nrootless_storage_path = \"$HOME/s\"\n",
            "f",
            &no_home,
        );
        assert!(e.is_err());
    }

    #[test]
    fn network_file_systems_are_named_and_local_ones_are_not() {
        for (magic, name) in [
            (0x6969, "nfs"),
            (0xFF53_4D42, "cifs"),
            (0xFE53_4D42, "smb3"),
            (0x5346_414F, "afs"),
            (0x00C3_6400, "ceph"),
            (0x0102_1997, "9p"),
            (0x0BD0_0BD0, "lustre"),
            (0x4750_4653, "gpfs"),
            (0x6573_5546, "fuse"),
        ] {
            assert_eq!(network_fs(magic), Some(name), "{magic:x}");
        }
        for local in [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0x2FC1_2FC1] {
            assert_eq!(network_fs(local), None, "{local:x}");
        }
        assert_eq!(fs_name(0xEF53), "ext4");
        assert!(is_network_name("nfs") && !is_network_name("ext4"));
        assert_eq!(fs_name(0x1234), "file system 0x1234");
    }

    fn facts() -> LocationFacts {
        LocationFacts {
            env: None,
            conf: None,
            data_dir: Some("/home/ann/.local/share".into()),
            data_fs: Some(0xEF53),
            uid: 1000,
            volumes_env: None,
        }
    }

    #[test]
    fn volumepath_moves_the_volumes_only() {
        let f = LocationFacts {
            env: Some("/t/s".into()),
            volumes_env: Some("/v/here".into()),
            ..facts()
        };
        let l = locate(&f).unwrap();
        assert_eq!(l.root, PathBuf::from("/t/s"));
        assert_eq!(l.volumes, PathBuf::from("/v/here"));
    }

    #[test]
    fn the_store_is_in_the_data_directory_on_local_disk() {
        let l = locate(&facts()).unwrap();
        assert_eq!(l.root, PathBuf::from("/home/ann/.local/share/nook/storage"));
        assert_eq!(
            l.volumes,
            PathBuf::from("/home/ann/.local/share/nook/volumes")
        );
        assert_eq!(l.private, None);
        assert_eq!(l.top, PathBuf::from("/home/ann/.local/share/nook"));
        let none = LocationFacts {
            data_dir: None,
            ..facts()
        };
        assert!(locate(&none).unwrap_err().contains("XDG_DATA_HOME"));
    }

    #[test]
    fn a_home_on_nfs_moves_the_store_to_var_tmp_unless_configured() {
        let nfs = LocationFacts {
            data_fs: Some(0x6969),
            ..facts()
        };
        let l = locate(&nfs).unwrap();
        assert_eq!(l.root, PathBuf::from("/var/tmp/nook-1000/storage"));
        assert_eq!(l.volumes, PathBuf::from("/var/tmp/nook-1000/volumes"));
        assert_eq!(l.private, Some(PathBuf::from("/var/tmp/nook-1000")));
        assert_eq!(l.top, PathBuf::from("/var/tmp/nook-1000"));
        assert!(l.why.contains("is on nfs"), "{}", l.why);
        // What the user configured wins, network or not: they chose.
        let conf = LocationFacts {
            conf: Some(("/scratch/ann".into(), "/c/storage.conf".into())),
            ..nfs.clone()
        };
        let l = locate(&conf).unwrap();
        assert_eq!(l.root, PathBuf::from("/scratch/ann"));
        assert_eq!(l.volumes, PathBuf::from("/scratch/ann/volumes"));
        assert_eq!(l.top, PathBuf::from("/scratch/ann"));
        assert!(l.why.contains("/c/storage.conf"));
        let env = LocationFacts {
            env: Some("/t/s".into()),
            ..conf
        };
        let l = locate(&env).unwrap();
        assert_eq!(
            (l.root, l.why),
            (PathBuf::from("/t/s"), "NOOK_STORAGE".into())
        );
    }
}
