//! Errors, the advice printed with them, and their exit codes (125 nook, 126/127 the command).

use crate::plan::exit;
use crate::proto::{InitError, Step};

/// What the host knows about user namespace restrictions, read only when unsharing failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsernsSysctls {
    pub max_user_namespaces: Option<u64>,
    pub unprivileged_userns_clone: Option<u64>,
    pub apparmor_restrict: Option<u64>,
}

fn errno_text(errno: i32) -> String {
    nix::errno::Errno::from_raw(errno).desc().to_string()
}

/// Why creating a user namespace failed, and the fix.
pub fn userns_advice(errno: i32, s: &UsernsSysctls) -> String {
    if s.max_user_namespaces == Some(0) {
        return "user namespaces are disabled (user.max_user_namespaces = 0): sudo sysctl -w user.max_user_namespaces=15000".into();
    }
    if s.unprivileged_userns_clone == Some(0) {
        return "unprivileged user namespaces are disabled: sudo sysctl -w kernel.unprivileged_userns_clone=1".into();
    }
    if s.apparmor_restrict == Some(1) {
        return "AppArmor restricts unprivileged user namespaces: install nook's AppArmor profile (packaging/apparmor/nook) or sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0".into();
    }
    if errno == libc::ENOSPC {
        return "too many user namespaces (user.max_user_namespaces reached): sudo sysctl -w user.max_user_namespaces=15000".into();
    }
    if errno == libc::EINVAL {
        return "cannot create a user namespace from here (already inside a chroot or a threaded process?): run nook directly".into();
    }
    format!(
        "cannot create a user namespace: {}; check that the kernel allows unprivileged user namespaces (nook info)",
        errno_text(errno)
    )
}

/// The user-facing line for a container-side failure (without the "Error: " prefix).
pub fn describe_init(err: &InitError, sysctls: &UsernsSysctls) -> String {
    match err {
        InitError::Sys {
            step: Step::UnshareUser,
            errno,
            ..
        } => userns_advice(*errno, sysctls),
        InitError::Sys { step, errno, path } => {
            let at = path.as_deref().map(|p| format!(" {p}")).unwrap_or_default();
            let hint = match (step, *errno) {
                (Step::Chdir, e) if e == libc::ENOENT || e == libc::ENOTDIR => {
                    ": the working directory does not exist in the container; fix --workdir"
                }
                (Step::SetGid | Step::SetUid | Step::SetGroups, libc::EINVAL) => {
                    ": that id is not mapped into the user namespace (add a /etc/subuid range, or use an id below the range size)"
                }
                (Step::SetGroups, libc::EPERM) => {
                    ": supplementary groups need /etc/subgid ranges (single mapping denies setgroups)"
                }
                (Step::Overlay, _) => {
                    ": the kernel overlay cannot be used for this store; run with --storage-driver vfs (see nook info)"
                }
                // The root file system lacks a file nook binds over (/etc/hostname, a volume's
                // mount point) and the container's root cannot create it: a --rootfs of root's.
                (Step::Mkdir | Step::Bind, libc::EACCES | libc::EROFS) => {
                    ": the container's root cannot create it in the root file system (a --rootfs directory must belong to you, or to an id mapped into the container): use a copy you own (cp -a), or create that path in it"
                }
                (Step::Mount | Step::Bind, libc::EPERM) => {
                    ": the kernel refused the mount in the user namespace (see nook info)"
                }
                _ => "",
            };
            format!("{}{at}: {}{hint}", step.describe(), errno_text(*errno))
        }
        InitError::User(msg) => msg.clone(),
        InitError::NoWorkdir { path, id } => format!(
            "workdir {path:?} does not exist on container {id}: create it in the image, mount a volume there, or choose another --workdir"
        ),
        InitError::Job { message, .. } => message.clone(),
        InitError::NotFound(cmd) => format!(
            "executable file `{cmd}` not found in $PATH: check the command name, or give its full path"
        ),
        InitError::CannotExec { command, errno } => {
            if *errno == libc::ENOENT {
                format!(
                    "executable file `{command}` not found: no such file or directory: check the path (or its interpreter)"
                )
            } else {
                // Lower case, as podman's (Go's) errno words, which its scripts match.
                format!(
                    "cannot execute `{command}`: {}; check that it is an executable for this machine",
                    errno_text(*errno).to_lowercase()
                )
            }
        }
        InitError::Protocol(msg) => {
            format!("internal error between nook and its container side: {msg}")
        }
    }
}

/// An error of nook: one line for the user and an exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request cannot be carried out as given; the text names the fix.
    #[error("{0}")]
    Usage(String),
    /// The host refused something, said in words of nook's (with the fix); `errno` is the
    /// system's answer when it gave one.
    #[error("{message}")]
    Host {
        message: String,
        errno: Option<nix::errno::Errno>,
    },
    /// The image or volume named does not exist: exit status 1, as podman's.
    #[error("{0}")]
    NoSuch(String),
    /// nook broke an assumption of its own (a bug, or a side that died mid-protocol).
    #[error("{0}")]
    Internal(String),
    /// The system refused something on the host side.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// The registry client failed (pull, login).
    #[error(transparent)]
    Image(#[from] crate::image::ImageError),
    /// The container side failed; `message` is already described for the user, `errno` is
    /// the system's answer when it gave one.
    #[error("{message}")]
    Init {
        message: String,
        code: u8,
        errno: Option<i32>,
    },
}

impl Error {
    /// The host refused: `message` says what in words of nook's, `e` gives the errno.
    pub fn host(message: String, e: &std::io::Error) -> Self {
        Error::Host {
            message,
            errno: e.raw_os_error().map(nix::errno::Errno::from_raw),
        }
    }

    pub fn io(what: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            what: what.into(),
            source,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Init { code, .. } => *code,
            Error::NoSuch(_) => 1,
            _ => exit::NOOK_ERROR,
        }
    }

    /// The errno the system gave for this failure, on the host, the container side or in
    /// the registry client's I/O; none for the rest.
    pub fn errno(&self) -> Option<i32> {
        use crate::image::ImageError;
        match self {
            Error::Io { source, .. } | Error::Image(ImageError::Io { source, .. }) => {
                source.raw_os_error()
            }
            Error::Host { errno, .. } => errno.map(|e| e as i32),
            Error::Init { errno, .. } | Error::Image(ImageError::Unpack { errno, .. }) => *errno,
            Error::Usage(_) | Error::NoSuch(_) | Error::Internal(_) | Error::Image(_) => None,
        }
    }

    /// Whether the failure was a full disk (or quota): told by its errno only.
    pub fn is_disk_full(&self) -> bool {
        matches!(self.errno(), Some(libc::ENOSPC | libc::EDQUOT))
    }
}

/// Whether an errno says the disk, or the user's quota on it, is full.
pub fn is_full_errno(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ENOSPC | libc::EDQUOT))
}

/// The one line for a store operation that ran out of space on the disk holding `store`.
pub fn disk_full(store: &std::path::Path) -> Error {
    Error::Usage(format!(
        "the disk holding the image store {} is full: free space on it (nook image prune, nook rmi) or move the store to a bigger disk (rootless_storage_path in ~/.config/nook/storage.conf, or NOOK_STORAGE=DIR)",
        store.display()
    ))
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userns_advice_names_the_sysctl() {
        let s = UsernsSysctls {
            max_user_namespaces: Some(0),
            ..Default::default()
        };
        assert!(userns_advice(libc::ENOSPC, &s).contains("user.max_user_namespaces=15000"));
        let s = UsernsSysctls {
            unprivileged_userns_clone: Some(0),
            max_user_namespaces: Some(100),
            ..Default::default()
        };
        assert!(userns_advice(libc::EPERM, &s).contains("kernel.unprivileged_userns_clone=1"));
        let s = UsernsSysctls {
            apparmor_restrict: Some(1),
            ..Default::default()
        };
        assert!(userns_advice(libc::EPERM, &s).contains("AppArmor"));
    }

    #[test]
    fn a_root_owned_rootfs_says_whose_it_must_be() {
        let e = InitError::sys_at(Step::Bind, nix::errno::Errno::EACCES, "/etc/hostname");
        let m = describe_init(&e, &UsernsSysctls::default());
        assert!(
            m.starts_with("bind-mounting /etc/hostname: Permission denied"),
            "{m}"
        );
        assert!(m.contains("must belong to you"), "{m}");
    }

    #[test]
    fn full_disks_are_recognised_however_they_arrive() {
        let full = std::io::Error::from_raw_os_error(libc::ENOSPC);
        assert!(Error::io("writing a blob", full).is_disk_full());
        let quota = std::io::Error::from_raw_os_error(libc::EDQUOT);
        let image = crate::image::ImageError::Io {
            what: "writing".into(),
            source: quota,
        };
        assert!(Error::Image(image).is_disk_full());
        let job = InitError::Job {
            message: "layer sha256:ab: cannot extract /a: cannot write: no space".into(),
            errno: Some(libc::ENOSPC),
        };
        let from_init = Error::Init {
            message: describe_init(&job, &UsernsSysctls::default()),
            code: 125,
            errno: Some(libc::ENOSPC),
        };
        assert!(from_init.is_disk_full());
        let streamed = crate::image::ImageError::Unpack {
            message: "layer sha256:ab: cannot create: No space left on device".into(),
            errno: Some(libc::EDQUOT),
        };
        assert!(Error::Image(streamed).is_disk_full());
        let host = Error::Host {
            message: "cannot write".into(),
            errno: Some(nix::errno::Errno::ENOSPC),
        };
        assert!(host.is_disk_full());
        let other = std::io::Error::from_raw_os_error(libc::EACCES);
        assert!(!Error::io("writing a blob", other).is_disk_full());
        // Text is never read: a message that looks full is not, without its errno.
        let said = format!("{}", std::io::Error::from_raw_os_error(libc::ENOSPC));
        assert!(!Error::Usage(said.clone()).is_disk_full());
        let told = Error::Init {
            message: said,
            code: 125,
            errno: None,
        };
        assert!(!told.is_disk_full());
        let line = disk_full(std::path::Path::new("/s")).to_string();
        assert!(line.contains("/s is full") && line.contains("free space") && !line.contains('\n'));
    }

    #[test]
    fn messages_are_one_line() {
        let errs = [
            InitError::sys_at(Step::Mount, nix::errno::Errno::EPERM, "/proc"),
            InitError::sys(Step::UnshareUser, nix::errno::Errno::EPERM),
            InitError::NotFound("nope".into()),
            InitError::CannotExec {
                command: "/bin/x".into(),
                errno: libc::ENOEXEC,
            },
            InitError::Job {
                message: "layer sha256:ab: cannot create: No space left on device".into(),
                errno: Some(libc::ENOSPC),
            },
        ];
        for e in errs {
            let m = describe_init(&e, &UsernsSysctls::default());
            assert!(!m.contains('\n') && !m.is_empty(), "{m}");
        }
        assert!(
            describe_init(
                &InitError::NotFound("nope".into()),
                &UsernsSysctls::default()
            )
            .contains("`nope`")
        );
    }
}
