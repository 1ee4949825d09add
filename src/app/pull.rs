//! The story of `nook pull`, `nook login` and `nook logout`.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::cli::{LoginArgs, LogoutArgs, PullArgs};
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::image::{self, Credentials, PullOptions, config, manifest, reference};
use crate::plan::image_ref::ImageRef;
use crate::store::Store;
use crate::store::stream::StreamSink;

use super::output::print;

pub fn parse_creds(s: &str) -> Result<Credentials> {
    match s.split_once(':') {
        Some((user, password)) if !user.is_empty() => Ok(Credentials {
            user: user.into(),
            password: password.into(),
        }),
        _ => Err(Error::Usage(format!(
            "invalid --creds {s:?}: expected USER:PASSWORD"
        ))),
    }
}

/// `--authfile` for pull, push and build: the file must exist, as podman checks (login and
/// logout create or edit it instead).
pub fn auth_file_arg(given: Option<&Path>) -> Result<Option<PathBuf>> {
    let Some(path) = given else {
        return Ok(None);
    };
    match std::fs::metadata(path) {
        Ok(_) => Ok(Some(path.to_path_buf())),
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => e.to_string(),
            };
            Err(Error::Usage(format!(
                "credential file is not accessible: stat {}: {why}: give an existing file to --authfile (nook login --authfile FILE writes one)",
                path.display()
            )))
        }
    }
}

pub fn pull(args: &PullArgs) -> Result<u8> {
    let name = ImageRef::parse(&args.image).map_err(Error::Usage)?;
    let platform = args
        .platform
        .as_deref()
        .map(manifest::parse_platform)
        .transpose()
        .map_err(Error::Usage)?;
    let credentials = args.creds.as_deref().map(parse_creds).transpose()?;
    let auth_file = auth_file_arg(args.authfile.as_deref())?;
    let opts = PullOptions {
        platform,
        tls_verify: args.tls_verify,
        credentials,
        auth_file,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        jobs: 0,
    };
    // podman's words on standard error, bars or not (-q: none); with bars pull_image says them.
    let words = !args.quiet && !opts.progress;
    if words {
        eprintln!("Trying to pull {}...", reference::target(&name));
    }
    let id = pull_image(&name, &opts)?;
    if words {
        eprintln!("Writing manifest to image destination");
    }
    print(&format!("{id}\n"))
}

/// Download `name` into the store (only the blobs it lacks) and unpack and index it; returns
/// the image ID. Also what `nook run` does for an image it does not have (`--pull`).
pub fn pull_image(name: &ImageRef, opts: &PullOptions) -> Result<String> {
    let target = reference::target(name);
    let store = Store::open()?;
    let root = store.root().to_path_buf();
    if opts.progress {
        eprintln!("Trying to pull {target}...");
    }
    let full = |e: Error| {
        if e.is_disk_full() {
            crate::error::disk_full(&root)
        } else {
            e
        }
    };
    // Layers unpack while they download; those that did not (an earlier pull's blobs) are
    // unpacked by the import. The registries.conf mirrors are tried first, in order.
    // The store reads each layer's size from its completion record, not from this pull.
    let pulled = match from_mirrors(&target, opts, &store) {
        Some(pulled) => pulled,
        None => {
            let streaming = StreamSink::new(&store, &HostUserns);
            image::pull(&target, opts, &streaming).map_err(|e| full(e.into()))?
        }
    };
    if opts.progress {
        eprintln!("Writing manifest to image destination");
    }
    store
        .import(
            &pulled.manifest,
            &pulled.config,
            std::slice::from_ref(name),
            &HostUserns,
        )
        .map_err(full)
}

/// registries.conf as podman reads it: the user's, else the system's (empty: none).
fn registries_conf() -> String {
    let user = dirs::config_dir().map(|d| d.join("containers/registries.conf"));
    user.into_iter()
        .chain([std::path::PathBuf::from("/etc/containers/registries.conf")])
        .find_map(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default()
}

/// The image from the first of the target's registries.conf mirrors that has it (`None`:
/// no mirror, or none could give it; the registry itself is asked then).
fn from_mirrors(
    target: &image::Target,
    opts: &PullOptions,
    store: &Store,
) -> Option<image::Pulled> {
    let by_digest = crate::plan::image_ref::valid_digest(&target.reference);
    let conf = registries_conf();
    let mirrors =
        crate::plan::site::mirrors(&conf, &target.registry, &target.repository, by_digest);
    for m in mirrors {
        let at = image::Target {
            registry: m.registry.clone(),
            repository: m.repository.clone(),
            reference: target.reference.clone(),
        };
        let mut o = opts.clone();
        if m.insecure && o.tls_verify.is_none() {
            o.tls_verify = Some(false);
        }
        let streaming = StreamSink::new(store, &HostUserns);
        match image::pull(&at, &o, &streaming) {
            Ok(pulled) => return Some(pulled),
            Err(e) if opts.progress => eprintln!("Mirror {at}: {e}: trying the next source"),
            Err(_) => {}
        }
    }
    None
}

/// `REGISTRY` as auth.json keys it: no scheme, no trailing slash.
fn registry_key(s: &str) -> Result<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let s = s.trim_end_matches('/');
    if s.is_empty() || s.contains(char::is_whitespace) {
        return Err(Error::Usage(format!(
            "invalid registry {s:?}: expected HOST[:PORT]"
        )));
    }
    Ok(match s {
        "index.docker.io" | "registry-1.docker.io" => "docker.io".to_string(),
        _ => s.to_string(),
    })
}

/// `--authfile` or `--compat-auth-file` (one of them): the file this login or logout uses
/// (none: REGISTRY_AUTH_FILE, else the default, as `image::config` decides).
fn chosen_auth_file(
    authfile: Option<&std::path::Path>,
    compat: Option<&std::path::Path>,
) -> Result<Option<std::path::PathBuf>> {
    match (authfile, compat) {
        (Some(_), Some(_)) => Err(Error::Usage(
            "options for paths to the credential file and to the Docker-compatible credential file can not be set simultaneously: give one".into(),
        )),
        (Some(f), None) | (None, Some(f)) => Ok(Some(f.to_path_buf())),
        (None, None) => Ok(None),
    }
}

pub fn login(args: &LoginArgs) -> Result<u8> {
    let file = chosen_auth_file(args.authfile.as_deref(), args.compat_auth_file.as_deref())?;
    let key = registry_key(&args.registry)?;
    let host = key.split('/').next().unwrap_or(&key).to_string();
    if args.get_login {
        let (registry, repository) = key.split_once('/').unwrap_or((&key, ""));
        return match config::credentials(file.as_deref(), registry, repository)? {
            Some(c) => print(&format!("{}\n", c.user)),
            None => Err(Error::Usage(format!(
                "not logged into {key}: log in with nook login {key}"
            ))),
        };
    }
    if let Some(dir) = &args.cert_dir {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "--cert-dir {}: no such directory",
                dir.display()
            )));
        }
        crate::sys::set_env(image::CERT_DIR_ENV, dir.as_os_str());
    }
    let user = args.username.clone().ok_or_else(|| {
        Error::Usage("no user name given: use nook login -u USER --password-stdin REGISTRY".into())
    })?;
    let password = match (&args.password, args.password_stdin) {
        (Some(p), _) => p.clone(),
        (None, true) => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| Error::io("reading the password from standard input", e))?;
            s.trim_end_matches(['\n', '\r']).to_string()
        }
        (None, false) => {
            return Err(Error::Usage(
                "no password given: use --password-stdin (or -p PASSWORD)".into(),
            ));
        }
    };
    if password.is_empty() {
        return Err(Error::Usage(
            "the password is empty: pass it with --password-stdin".into(),
        ));
    }
    let creds = Credentials { user, password };
    let insecure = match args.tls_verify {
        Some(v) => !v,
        None => config::insecure(&host),
    };
    let client = image::Client::connect(
        &host,
        reference::api_host(&host),
        insecure,
        Some(creds.clone()),
    )?;
    // podman's words for refused credentials (its scripts match them).
    client.verify_login().map_err(|e| match e {
        image::ImageError::Unauthorized(m) if m.contains("refused the credentials") => {
            Error::Usage(format!("logging into {key:?}: invalid username/password"))
        }
        other => other.into(),
    })?;
    config::save(file.as_deref(), &key, &creds)?;
    print("Login Succeeded!\n")
}

pub fn logout(args: &LogoutArgs) -> Result<u8> {
    let file = chosen_auth_file(args.authfile.as_deref(), args.compat_auth_file.as_deref())?;
    if args.all {
        config::remove_all(file.as_deref())?;
        return print("Removed login credentials for all registries\n");
    }
    let key = registry_key(args.registry.as_deref().unwrap_or(""))?;
    if !config::remove(file.as_deref(), &key)? {
        return Err(Error::Usage(format!("not logged into {key}")));
    }
    print(&format!("Removed login credentials for {key}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_keys() {
        assert_eq!(registry_key("https://quay.io/").unwrap(), "quay.io");
        assert_eq!(registry_key("127.0.0.1:5000").unwrap(), "127.0.0.1:5000");
        assert_eq!(registry_key("index.docker.io").unwrap(), "docker.io");
        assert!(registry_key(" ").is_err());
        assert!(parse_creds("u:p:q").is_ok_and(|c| c.password == "p:q"));
        assert!(parse_creds(":p").is_err());
    }
}
