//! The user's registry files: credentials (podman's auth.json, docker's config.json), written
//! by login/logout (0600, atomically), and the `insecure` key of registries.conf.

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::ImageError;
use super::auth::{self, Credentials};

/// Where `nook login` writes: `$REGISTRY_AUTH_FILE`, else
/// `$XDG_RUNTIME_DIR/containers/auth.json` (podman's file), else the config dir's.
pub fn auth_file() -> PathBuf {
    if let Some(p) = std::env::var_os("REGISTRY_AUTH_FILE").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    match dirs::runtime_dir() {
        Some(d) => d.join("containers/auth.json"),
        None => config_auth_file(),
    }
}

fn config_auth_file() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from(".config"))
        .join("containers/auth.json")
}

/// The file `--authfile` names, else [`auth_file`]: where login writes and logout removes.
pub fn auth_file_or(given: Option<&Path>) -> PathBuf {
    given.map_or_else(auth_file, Path::to_path_buf)
}

/// The files credentials are read from, in order: only the `--authfile` one when given (as
/// containers/image reads a user-specified file alone).
fn read_files(given: Option<&Path>) -> Vec<PathBuf> {
    if let Some(p) = given {
        return vec![p.to_path_buf()];
    }
    let mut files = vec![auth_file(), config_auth_file()];
    if let Some(home) = dirs::home_dir() {
        files.push(home.join(".docker/config.json"));
    }
    files.dedup();
    files
}

fn read(path: &Path) -> Result<Option<String>, ImageError> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ImageError::Io {
            what: format!("reading {}", path.display()),
            source,
        }),
    }
}

/// The stored credentials for a repository, from the first file that has some (`given`:
/// the `--authfile`).
pub fn credentials(
    given: Option<&Path>,
    registry: &str,
    repository: &str,
) -> Result<Option<Credentials>, ImageError> {
    for path in read_files(given) {
        let Some(text) = read(&path)? else { continue };
        let found = auth::lookup(&text, registry, repository).map_err(|e| {
            ImageError::Invalid(format!("{}: {e}; fix or remove the file", path.display()))
        })?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Set by `login --cert-dir DIR` for the registry client of this process.
pub const CERT_DIR_ENV: &str = "_NOOK_CERT_DIR";

/// The CA certificates (PEM files' bytes) a registry's TLS certificate may chain to: the
/// `*.crt` of `--cert-dir`, else of the first containers certs.d directory named after the
/// registry (`$XDG_CONFIG_HOME/containers/certs.d/HOST:PORT`, then /etc/containers/certs.d,
/// /etc/docker/certs.d), as podman; none: the usual roots.
pub fn ca_certs(registry: &str) -> Vec<Vec<u8>> {
    let dirs: Vec<PathBuf> = match std::env::var_os(CERT_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(d) => vec![PathBuf::from(d)],
        None => [
            dirs::config_dir().map(|c| c.join("containers/certs.d")),
            Some(PathBuf::from("/etc/containers/certs.d")),
            Some(PathBuf::from("/etc/docker/certs.d")),
        ]
        .into_iter()
        .flatten()
        .map(|d| d.join(registry))
        .collect(),
    };
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "crt"))
            .collect();
        files.sort();
        let pems: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
        if !pems.is_empty() {
            return pems;
        }
    }
    Vec::new()
}

/// Whether `$XDG_CONFIG_HOME/containers/registries.conf` marks the registry insecure.
pub fn insecure(registry: &str) -> bool {
    let Some(dir) = dirs::config_dir() else {
        return false;
    };
    std::fs::read_to_string(dir.join("containers/registries.conf"))
        .map(|t| auth::conf_insecure(&t, registry))
        .unwrap_or(false)
}

/// Writes `text` to `path` atomically with mode 0600 (its directory 0700 when created).
fn write_private(path: &Path, text: &str) -> Result<(), ImageError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |source| ImageError::Io {
        what: format!("writing {}", path.display()),
        source,
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(fail)?;
    let temp = dir.join(format!(".auth.json.{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&temp)?;
        // The mode above is for a new file only: one left by a killed login keeps its own.
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(fail)
}

fn invalid(path: &Path) -> impl Fn(String) -> ImageError + '_ {
    move |e| ImageError::Invalid(format!("{}: {e}; fix or remove the file", path.display()))
}

/// Stores credentials for `key` (a registry, or registry/namespace) in the auth file.
pub fn save(given: Option<&Path>, key: &str, creds: &Credentials) -> Result<PathBuf, ImageError> {
    let path = auth_file_or(given);
    let old = read(&path)?;
    let (text, _) = auth::update(old.as_deref(), key, Some(creds)).map_err(invalid(&path))?;
    write_private(&path, &text)?;
    Ok(path)
}

/// Removes `key`'s credentials; false when there were none.
pub fn remove(given: Option<&Path>, key: &str) -> Result<bool, ImageError> {
    let path = auth_file_or(given);
    let Some(old) = read(&path)? else {
        return Ok(false);
    };
    let (text, removed) = auth::update(Some(&old), key, None).map_err(invalid(&path))?;
    if removed {
        write_private(&path, &text)?;
    }
    Ok(removed)
}

/// Removes every stored credential from the auth file.
pub fn remove_all(given: Option<&Path>) -> Result<(), ImageError> {
    let path = auth_file_or(given);
    let Some(old) = read(&path)? else {
        return Ok(());
    };
    let text = auth::clear(Some(&old)).map_err(invalid(&path))?;
    write_private(&path, &text)
}
