//! nook's caches (the compiled seccomp program, slirp4netns's features) in `cache/` of the
//! private runtime directory: not under $HOME, where a container given `-v $HOME:/h` (its
//! root is the user on the host) could rewrite them and weaken later runs. Each entry is
//! checked before use (plan::cache); a cache that cannot be used only costs the work again.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use nix::unistd::getuid;

use crate::host::state::runtime_dir;
use crate::plan::cache;

/// Entries are a few kilobytes: anything bigger is not one of ours.
const MAX_ENTRY: u64 = 1 << 20;

/// `path`, created 0700 if missing, if it is a directory of `uid` that nobody else may
/// enter (a symlink is not followed).
fn private_dir(path: &Path, uid: u32) -> bool {
    let ours = |m: fs::Metadata| m.is_dir() && m.uid() == uid && m.mode() & 0o077 == 0;
    match fs::symlink_metadata(path) {
        Ok(m) => ours(m),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            match fs::DirBuilder::new().mode(0o700).create(path) {
                Ok(()) => true,
                // Made meanwhile by another nook: check it as any other.
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    fs::symlink_metadata(path).is_ok_and(ours)
                }
                Err(_) => false,
            }
        }
        Err(_) => false,
    }
}

/// The cache directory `cache/SUB` of the runtime directory, each level created 0700 and
/// checked to be ours; None when one is not (nothing is cached then).
fn dir(sub: &str) -> Option<PathBuf> {
    let uid = getuid().as_raw();
    let mut d = runtime_dir(uid);
    for part in ["", "cache", sub] {
        if !part.is_empty() {
            d.push(part);
        }
        if !private_dir(&d, uid) {
            return None;
        }
    }
    Some(d)
}

/// Where the entry `name` of `sub` ("" for the top) lives, if the cache can be used.
pub fn path(sub: &str, name: &str) -> Option<PathBuf> {
    dir(sub).map(|d| d.join(name))
}

/// The content of the entry at `path` if it is an intact entry for `key`.
pub fn read(path: &Path, key: &str) -> Option<Vec<u8>> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(MAX_ENTRY).read_to_end(&mut bytes).ok()?;
    cache::decode(key, &bytes).ok().map(<[u8]>::to_vec)
}

/// Store `content` for `key` at `path`, replacing what is there in one rename. Best effort:
/// a cache that cannot be written only costs the work next time.
pub fn write(path: &Path, key: &str, content: &[u8]) {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let stored = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&tmp)
        .and_then(|mut f| f.write_all(&cache::encode(key, content)))
        .and_then(|()| fs::rename(&tmp, path));
    if stored.is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn me() -> u32 {
        getuid().as_raw()
    }

    #[test]
    fn only_a_private_directory_of_ours_is_used() {
        let tmp = tempfile::tempdir().unwrap();
        let made = tmp.path().join("made");
        assert!(private_dir(&made, me()));
        let m = fs::symlink_metadata(&made).unwrap();
        assert!(m.is_dir() && m.mode() & 0o777 == 0o700);
        assert!(private_dir(&made, me()), "again, as it is");
        assert!(!private_dir(&made, me() + 1), "someone else's");
        fs::set_permissions(&made, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(!private_dir(&made, me()), "open to others");
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&made, &link).unwrap();
        fs::set_permissions(&made, fs::Permissions::from_mode(0o700)).unwrap();
        assert!(!private_dir(&link, me()), "a symlink, even to a good one");
        let file = tmp.path().join("file");
        fs::write(&file, "").unwrap();
        assert!(!private_dir(&file, me()));
        assert!(!private_dir(&tmp.path().join("no/such/parent"), me()));
    }

    #[test]
    fn entries_are_written_whole_and_read_back_checked() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("k.bpf");
        write(&path, "k", b"program");
        assert_eq!(read(&path, "k").as_deref(), Some(&b"program"[..]));
        assert_eq!(read(&path, "other"), None);
        assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
        // Replaced, not appended to; no temporary file left.
        write(&path, "k", b"new");
        assert_eq!(read(&path, "k").as_deref(), Some(&b"new"[..]));
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
        fs::write(&path, b"raw").unwrap();
        assert_eq!(read(&path, "k"), None);
    }

    #[test]
    fn a_symlink_or_a_fifo_is_no_entry() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        write(&real, "k", b"x");
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(read(&link, "k"), None);
        let fifo = tmp.path().join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        assert_eq!(read(&fifo, "k"), None, "and no wait for a writer");
    }
}
