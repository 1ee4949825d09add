//! The one place that finds the image store and the volumes: reads `NOOK_STORAGE`,
//! `$XDG_CONFIG_HOME/nook/storage.conf` and the data directory's file system, lets
//! `plan::storage::locate` decide, and creates the private local directory it may ask for.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use nix::unistd::getuid;

use crate::error::{Error, Result};
use crate::plan::storage::{self, Location, LocationFacts, StorageConf, Vars};

/// `$XDG_CONFIG_HOME/nook/storage.conf`.
pub fn conf_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("nook/storage.conf"))
}

/// storage.conf, read and parsed once per process (absent: empty).
pub fn conf() -> Result<StorageConf> {
    static CONF: OnceLock<std::result::Result<StorageConf, String>> = OnceLock::new();
    CONF.get_or_init(|| {
        let Some(path) = conf_path() else {
            return Ok(StorageConf::default());
        };
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(StorageConf::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let vars = Vars {
            home: dirs::home_dir().map(|h| h.display().to_string()),
            uid: getuid().as_raw(),
            user: std::env::var("USER").unwrap_or_default(),
        };
        storage::parse_conf(&text, &path.display().to_string(), &vars)
    })
    .clone()
    .map_err(Error::Usage)
}

/// The `statfs` type of `path`, or of its nearest existing parent.
pub fn fs_type(path: &Path) -> Option<u32> {
    path.ancestors().find_map(|p| {
        nix::sys::statfs::statfs(p)
            .ok()
            // Magic numbers are 32 bits; some ABIs hold them in a signed word.
            .map(|s| s.filesystem_type().0 as u32)
    })
}

/// Where the store and the volumes are, and why; creates nothing.
pub fn locate() -> Result<Location> {
    let conf = conf()?;
    let data_dir = dirs::data_dir();
    let facts = LocationFacts {
        env: std::env::var_os("NOOK_STORAGE")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from),
        conf: conf.rootless_storage_path.map(|p| {
            let file = conf_path().unwrap_or_default().display().to_string();
            (p, file)
        }),
        data_fs: data_dir.as_deref().and_then(fs_type),
        data_dir,
        uid: getuid().as_raw(),
        volumes_env: std::env::var_os("NOOK_VOLUME_PATH")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from),
    };
    storage::locate(&facts).map_err(Error::Usage)
}

/// Where the store and the volumes are, with the private local directory made when the
/// data directory is on a network file system.
pub fn prepare() -> Result<Location> {
    let location = locate()?;
    if let Some(dir) = &location.private
        && private_dir(dir, getuid().as_raw())?
    {
        eprintln!(
            "Info: nook keeps images and volumes in {}: {}",
            dir.display(),
            location.why
        );
    }
    Ok(location)
}

/// Create `dir` mode 0700, or check that the one there is a directory of ours that nobody
/// else can write (in /var/tmp anyone could have made it first); true when created.
fn private_dir(dir: &Path, uid: u32) -> Result<bool> {
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            // Not followed: a symbolic link planted by someone else is refused as such.
            let meta = fs::symlink_metadata(dir)
                .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
            if !meta.is_dir() || meta.uid() != uid || meta.mode() & 0o022 != 0 {
                return Err(Error::Usage(format!(
                    "{} is not a directory of yours that only you can write: remove it, or \
                     set rootless_storage_path in {}",
                    dir.display(),
                    conf_path()
                        .map(|p| p.display().to_string())
                        .unwrap_or("~/.config/nook/storage.conf".into())
                )));
            }
            Ok(false)
        }
        Err(e) => Err(Error::io(format!("cannot create {}", dir.display()), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_private_directory_is_made_once_and_a_foreign_one_refused() {
        let t = tempfile::tempdir().unwrap();
        let uid = getuid().as_raw();
        let dir = t.path().join("nook-x");
        assert!(private_dir(&dir, uid).unwrap());
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
        assert!(!private_dir(&dir, uid).unwrap());
        // Someone else's (as far as this uid goes), a link, or writable by others: refused.
        let e = private_dir(&dir, uid + 1).unwrap_err().to_string();
        assert!(e.contains("remove it"), "{e}");
        let link = t.path().join("link");
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert!(private_dir(&link, uid).is_err());
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
        assert!(private_dir(&dir, uid).is_err());
    }

    #[test]
    fn the_file_system_of_a_missing_path_is_its_parents() {
        let t = tempfile::tempdir().unwrap();
        assert_eq!(
            fs_type(&t.path().join("a/b/c")),
            fs_type(t.path()),
            "statfs of the nearest existing parent"
        );
        assert!(fs_type(t.path()).is_some());
    }
}
