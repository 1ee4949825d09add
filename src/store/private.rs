//! nook's files kept from other local users. A layer's setuid file, or one a container
//! `chmod 4755`s in a named volume, belongs to the user on the host: in a tree that others can
//! reach it is a setuid-you program anyone can run, and every image and volume is readable.
//! So each directory nook makes for the store, the volumes, the containers' state and its
//! cache is 0700 and its lock files and credentials 0600 (podman keeps its store 0700 for the
//! same reason), and `repair` makes an older installation's so at the start of each command:
//! a stat of each of those few directories, no walk (what is inside a private directory
//! cannot be reached).

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::unistd::getuid;

/// Create `dir` and its missing parents, mode 0700 (the parents are the user's own: the data,
/// runtime or cache directory, or one named for the store). An existing one is left as it
/// is: `repair` sees to it.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// What `repair` saw of a path (`lstat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub uid: u32,
    /// `st_mode`, the file type included.
    pub mode: u32,
}

/// How a path must be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A directory in the user's own tree: 0700.
    Dir,
    /// A directory in a directory anyone can write (`/tmp/nook-UID`, `/var/tmp/nook-UID`):
    /// 0700, but one that others can write is left alone, as someone else may have filled it
    /// first: the code that uses it refuses it, naming the fix.
    SharedDir,
    /// A file (credentials): 0600.
    File,
}

/// The mode `seen` must be given, or None: fine already, missing, not the user's, or not
/// what it should be (a symbolic link is never followed, nor a file where a directory should
/// be: the code that uses the path says what is wrong).
pub fn fix(kind: Kind, seen: Option<Seen>, uid: u32) -> Option<u32> {
    let seen = seen?;
    let (format, mode) = match kind {
        Kind::Dir | Kind::SharedDir => (libc::S_IFDIR, 0o700),
        Kind::File => (libc::S_IFREG, 0o600),
    };
    let exposed = seen.mode & 0o077 != 0;
    let others_write = seen.mode & 0o022 != 0;
    let ours = seen.mode & libc::S_IFMT == format && seen.uid == uid;
    (ours && exposed && !(kind == Kind::SharedDir && others_write)).then_some(mode)
}

/// Whether `seen` is a directory of the user's (not a link to one).
pub fn own_dir(seen: Seen, uid: u32) -> bool {
    seen.mode & libc::S_IFMT == libc::S_IFDIR && seen.uid == uid
}

/// `path` with the home directory written `~`.
fn short(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

/// The one line that says what `repair` changed (`fixed`: each path and its new mode): per
/// mode, the outermost paths, with how many changed inside each.
pub fn message(fixed: &[(PathBuf, u32)], home: Option<&Path>) -> String {
    let mut groups = Vec::new();
    let mut modes: Vec<u32> = fixed.iter().map(|(_, m)| *m).collect();
    modes.sort_unstable_by(|a, b| b.cmp(a));
    modes.dedup();
    for mode in modes {
        let paths: Vec<&PathBuf> = fixed
            .iter()
            .filter(|(_, m)| *m == mode)
            .map(|(p, _)| p)
            .collect();
        let outer = paths
            .iter()
            .filter(|p| !paths.iter().any(|q| q != *p && p.starts_with(q)));
        let items: Vec<String> = outer
            .map(|p| {
                let inside = paths.iter().filter(|q| *q != p && q.starts_with(p)).count();
                match inside {
                    0 => short(p, home),
                    1 => format!("{} and 1 directory in it", short(p, home)),
                    n => format!("{} and {n} directories in it", short(p, home)),
                }
            })
            .collect();
        groups.push(format!("chmod {mode:04o} {}", items.join(", ")));
    }
    format!(
        "made nook's files private to you ({}): other local users could reach your images and volumes",
        groups.join("; ")
    )
}

/// Every path `repair` looks at, and how it must be kept; a directory before what is in it.
fn checked(runtime: &Path) -> Vec<(PathBuf, Kind)> {
    // A directory whose parent anyone can write (/tmp, /var/tmp) is a shared one.
    let kind_of = |dir: &Path| match dir.parent().map(fs::symlink_metadata) {
        Some(Ok(m)) if m.mode() & 0o002 != 0 => Kind::SharedDir,
        _ => Kind::Dir,
    };
    let mut paths = Vec::new();
    // A storage.conf that cannot be read fails the commands that need the store, naming it.
    if let Ok(location) = super::location::locate() {
        paths.push((location.top.clone(), kind_of(&location.top)));
        let root = &location.root;
        for dir in [
            root.clone(),
            root.join("blobs"),
            root.join("blobs/sha256"),
            root.join("layers"),
            root.join("layer-info"),
            root.join("tmp"),
            root.join("locks"),
            location.volumes.clone(),
        ] {
            paths.push((dir, Kind::Dir));
        }
    }
    paths.push((runtime.to_path_buf(), kind_of(runtime)));
    paths.push((runtime.join("containers"), Kind::Dir));
    paths.push((runtime.join("names"), Kind::Dir));
    if let Some(cache) = dirs::cache_dir() {
        paths.push((cache.join("nook"), Kind::Dir));
    }
    paths.push((crate::image::config::auth_file(), Kind::File));
    paths.dedup_by(|a, b| a.0 == b.0);
    paths
}

/// Make private what an older nook (or a umask) left readable by others, saying so in one
/// line. Called at the start of every command, with the runtime directory of the containers'
/// state.
pub fn repair(runtime: &Path) {
    let uid = getuid().as_raw();
    let mut fixed = Vec::new();
    // Directories that are missing, or in /tmp not the user's own (a link someone planted
    // there): nothing is looked at through them. In the user's own tree a link is theirs
    // (a store moved to another disk), and what is behind it is looked at.
    let mut skipped: Vec<PathBuf> = Vec::new();
    for (path, kind) in checked(runtime) {
        if skipped.iter().any(|s| path.starts_with(s)) {
            continue;
        }
        let seen = fs::symlink_metadata(&path).ok().map(|m| Seen {
            uid: m.uid(),
            mode: m.mode(),
        });
        let foreign = kind == Kind::SharedDir && !seen.is_some_and(|s| own_dir(s, uid));
        if kind != Kind::File && (seen.is_none() || foreign) {
            skipped.push(path.clone());
        }
        let Some(mode) = fix(kind, seen, uid) else {
            continue;
        };
        match fs::set_permissions(&path, fs::Permissions::from_mode(mode)) {
            Ok(()) => fixed.push((path, mode)),
            Err(e) => eprintln!(
                "Warning: other local users can reach {} and nook cannot make it private ({e}): chmod {mode:04o} {}",
                path.display(),
                path.display()
            ),
        }
    }
    if !fixed.is_empty() {
        eprintln!("Info: {}", message(&fixed, dirs::home_dir().as_deref()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: u32 = libc::S_IFDIR;
    const FILE: u32 = libc::S_IFREG;

    fn seen(uid: u32, mode: u32) -> Option<Seen> {
        Some(Seen { uid, mode })
    }

    #[test]
    fn only_the_users_own_paths_that_others_can_reach_are_fixed() {
        // What the umask gave: fixed.
        assert_eq!(fix(Kind::Dir, seen(7, DIR | 0o755), 7), Some(0o700));
        assert_eq!(fix(Kind::Dir, seen(7, DIR | 0o711), 7), Some(0o700));
        assert_eq!(fix(Kind::Dir, seen(7, DIR | 0o777), 7), Some(0o700));
        assert_eq!(fix(Kind::File, seen(7, FILE | 0o644), 7), Some(0o600));
        // Private already, missing, someone else's: nothing to do.
        assert_eq!(fix(Kind::Dir, seen(7, DIR | 0o700), 7), None);
        assert_eq!(fix(Kind::File, seen(7, FILE | 0o600), 7), None);
        assert_eq!(fix(Kind::File, seen(7, FILE | 0o400), 7), None);
        assert_eq!(fix(Kind::Dir, None, 7), None);
        assert_eq!(fix(Kind::Dir, seen(8, DIR | 0o755), 7), None);
        // Not what it should be: a link is never followed, a file is not a directory.
        assert_eq!(fix(Kind::Dir, seen(7, libc::S_IFLNK | 0o777), 7), None);
        assert_eq!(fix(Kind::Dir, seen(7, FILE | 0o644), 7), None);
        assert_eq!(fix(Kind::File, seen(7, DIR | 0o755), 7), None);
        // What is looked at through a directory in /tmp: only the user's own, not a link.
        assert!(own_dir(
            Seen {
                uid: 7,
                mode: DIR | 0o755
            },
            7
        ));
        assert!(!own_dir(
            Seen {
                uid: 8,
                mode: DIR | 0o700
            },
            7
        ));
        assert!(!own_dir(
            Seen {
                uid: 7,
                mode: libc::S_IFLNK | 0o777
            },
            7
        ));
    }

    #[test]
    fn a_shared_directory_others_could_write_is_left_to_be_refused() {
        assert_eq!(fix(Kind::SharedDir, seen(7, DIR | 0o755), 7), Some(0o700));
        assert_eq!(fix(Kind::SharedDir, seen(7, DIR | 0o750), 7), Some(0o700));
        assert_eq!(fix(Kind::SharedDir, seen(7, DIR | 0o777), 7), None);
        assert_eq!(fix(Kind::SharedDir, seen(7, DIR | 0o775), 7), None);
        assert_eq!(fix(Kind::SharedDir, seen(7, DIR | 0o700), 7), None);
    }

    #[test]
    fn the_message_names_the_outermost_paths_once() {
        let home = Path::new("/home/ann");
        let d = "/home/ann/.local/share/nook";
        let fixed: Vec<(PathBuf, u32)> = [
            (d.to_string(), 0o700),
            (format!("{d}/storage"), 0o700),
            (format!("{d}/storage/layers"), 0o700),
            (format!("{d}/volumes"), 0o700),
            ("/home/ann/.cache/nook".into(), 0o700),
            ("/run/user/1000/nook".into(), 0o700),
            ("/home/ann/.config/containers/auth.json".into(), 0o600),
        ]
        .into_iter()
        .map(|(p, m)| (PathBuf::from(p), m))
        .collect();
        assert_eq!(
            message(&fixed, Some(home)),
            "made nook's files private to you (chmod 0700 ~/.local/share/nook and 3 directories \
             in it, ~/.cache/nook, /run/user/1000/nook; chmod 0600 \
             ~/.config/containers/auth.json): other local users could reach your images and \
             volumes"
        );
        let one = [
            (PathBuf::from("/s"), 0o700),
            (PathBuf::from("/s/tmp"), 0o700),
        ];
        assert!(message(&one, None).contains("(chmod 0700 /s and 1 directory in it)"));
        // A sibling whose name starts alike is not inside.
        let two = [(PathBuf::from("/s"), 0o700), (PathBuf::from("/st"), 0o700)];
        assert!(message(&two, None).contains("(chmod 0700 /s, /st)"));
    }

    #[test]
    fn directories_are_created_private_with_their_missing_parents() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("a/b/c");
        create_dir(&dir).unwrap();
        for d in [t.path().join("a"), t.path().join("a/b"), dir.clone()] {
            assert_eq!(fs::metadata(&d).unwrap().mode() & 0o7777, 0o700, "{d:?}");
        }
        // An existing one is left as it is (repair's business) and is not an error.
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        create_dir(&dir).unwrap();
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o7777, 0o755);
    }
}
