//! Executes the root file system plan: every path is resolved inside the new root
//! (openat2 RESOLVE_IN_ROOT), so a symlink in the root file system can never send a mount or
//! a created file outside it. Then pivot_root, with the old root detached.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat2};
use nix::mount::{MntFlags, MsFlags, mount, umount2};
use nix::sys::stat::{Mode, mkdirat};
use nix::sys::statvfs::{FsFlags, fstatvfs};
use nix::unistd::{chdir, pivot_root, symlinkat};

use crate::plan::mounts::{Flags, Op};
use crate::proto::{InitError, Step};

fn fd_path(fd: &OwnedFd) -> String {
    format!("/proc/self/fd/{}", fd.as_raw_fd())
}

fn how(flags: OFlag) -> OpenHow {
    OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS)
}

/// Open `path` (absolute, inside the root) as an O_PATH descriptor, never leaving the root.
fn open_in(root: &OwnedFd, path: &str) -> Result<OwnedFd, Errno> {
    // EAGAIN: something was renamed or mounted somewhere on the system while a `..` was
    // resolved, so the kernel could not vouch that the walk stayed inside; its advice is to
    // try again (as the store's unpacker does).
    let mut tries = 0;
    loop {
        match openat2(root.as_fd(), path, how(OFlag::O_PATH)) {
            Err(Errno::EAGAIN) if tries < 100 => tries += 1,
            r => return r,
        }
    }
}

fn split(path: &str) -> (&str, &str) {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some(("", name)) => ("/", name),
        Some((parent, name)) => (parent, name),
        None => ("/", trimmed),
    }
}

/// `mkdir -p` inside the root, one component at a time.
fn mkdir_all(root: &OwnedFd, path: &str) -> Result<OwnedFd, InitError> {
    mkdir_all_depth(root, path, 0)
}

/// Where a symbolic link at `link` (inside the root) pointing to `to` leads, inside the
/// root: `..` stops at the root, as RESOLVE_IN_ROOT does.
fn link_target(link: &str, to: &str) -> String {
    let (parent, _) = split(link);
    let joined = if to.starts_with('/') {
        to.to_string()
    } else {
        format!("{parent}/{to}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn mkdir_all_depth(root: &OwnedFd, path: &str, depth: u32) -> Result<OwnedFd, InitError> {
    // The kernel's own limit on nested symbolic links.
    if depth > 40 {
        return Err(InitError::sys_at(Step::Mkdir, Errno::ELOOP, path));
    }
    match open_in(root, path) {
        Ok(fd) => return Ok(fd),
        Err(Errno::ENOENT) => {}
        Err(e) => return Err(InitError::sys_at(Step::Mkdir, e, path)),
    }
    let (parent, name) = split(path);
    let parent_fd = mkdir_all_depth(root, parent, depth + 1)?;
    match mkdirat(parent_fd.as_fd(), name, Mode::from_bits_truncate(0o755)) {
        Ok(()) => {}
        Err(Errno::EEXIST) => {
            // A dangling symbolic link: create what it points to, inside the root.
            if let Ok(to) = nix::fcntl::readlinkat(parent_fd.as_fd(), name) {
                let target = link_target(path, &to.to_string_lossy());
                mkdir_all_depth(root, &target, depth + 1)?;
            }
        }
        Err(e) => return Err(InitError::sys_at(Step::Mkdir, e, path)),
    }
    open_in(root, path).map_err(|e| InitError::sys_at(Step::Mkdir, e, path))
}

/// Open `path` inside the root, creating an empty file there if it is missing.
fn file_in(root: &OwnedFd, path: &str) -> Result<OwnedFd, InitError> {
    file_in_depth(root, path, 0)
}

fn file_in_depth(root: &OwnedFd, path: &str, depth: u32) -> Result<OwnedFd, InitError> {
    if depth > 40 {
        return Err(InitError::sys_at(Step::Bind, Errno::ELOOP, path));
    }
    match open_in(root, path) {
        Ok(fd) => return Ok(fd),
        Err(Errno::ENOENT) => {}
        Err(e) => return Err(InitError::sys_at(Step::Bind, e, path)),
    }
    let (parent, name) = split(path);
    let parent_fd = mkdir_all(root, parent)?;
    let how = OpenHow::new()
        .flags(OFlag::O_CREAT | OFlag::O_WRONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC)
        .mode(Mode::from_bits_truncate(0o644))
        .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS);
    match openat2(parent_fd.as_fd(), name, how) {
        Ok(created) => drop(created),
        // A dangling symbolic link: create the file it points to, inside the root.
        Err(Errno::ELOOP) => {
            let to = nix::fcntl::readlinkat(parent_fd.as_fd(), name)
                .map_err(|e| InitError::sys_at(Step::Bind, e, path))?;
            file_in_depth(root, &link_target(path, &to.to_string_lossy()), depth + 1)?;
        }
        Err(e) => return Err(InitError::sys_at(Step::Bind, e, path)),
    }
    open_in(root, path).map_err(|e| InitError::sys_at(Step::Bind, e, path))
}

fn ms_flags(f: Flags) -> MsFlags {
    let mut m = MsFlags::empty();
    m.set(MsFlags::MS_NOSUID, f.nosuid);
    m.set(MsFlags::MS_NODEV, f.nodev);
    m.set(MsFlags::MS_NOEXEC, f.noexec);
    m.set(MsFlags::MS_RDONLY, f.rdonly);
    m
}

/// The flags of the mount at `fd` that the kernel locks in a user namespace: a remount must
/// repeat them or it is refused.
fn locked_flags(fd: &OwnedFd) -> MsFlags {
    let Ok(st) = fstatvfs(fd) else {
        return MsFlags::empty();
    };
    let f = st.flags();
    let mut m = MsFlags::empty();
    for (st_flag, ms_flag) in [
        (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
        (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
        (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (FsFlags::ST_NOATIME, MsFlags::MS_NOATIME),
        (FsFlags::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
        (FsFlags::ST_RELATIME, MsFlags::MS_RELATIME),
    ] {
        if f.contains(st_flag) {
            m |= ms_flag;
        }
    }
    m
}

/// Remount the mount on top of `path` read-only.
fn remount_readonly(root: &OwnedFd, path: &str, step: Step) -> Result<(), InitError> {
    // Reopen: a descriptor taken before the bind still points below the new mount.
    let fd = open_in(root, path).map_err(|e| InitError::sys_at(step, e, path))?;
    let flags = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | locked_flags(&fd);
    mount(
        None::<&str>,
        fd_path(&fd).as_str(),
        None::<&str>,
        flags,
        None::<&str>,
    )
    .map_err(|e| InitError::sys_at(step, e, path))
}

fn bind(
    root: &OwnedFd,
    source: &str,
    target: &str,
    recursive: bool,
    readonly: bool,
) -> Result<(), InitError> {
    let is_dir = Path::new(source).is_dir();
    let fd = if is_dir {
        mkdir_all(root, target)?
    } else {
        file_in(root, target)?
    };
    let mut flags = MsFlags::MS_BIND;
    if recursive {
        flags |= MsFlags::MS_REC;
    }
    mount(
        Some(source),
        fd_path(&fd).as_str(),
        None::<&str>,
        flags,
        None::<&str>,
    )
    .map_err(|e| InitError::sys_at(Step::Bind, e, target))?;
    if readonly {
        remount_readonly(root, target, Step::Bind)?;
    }
    Ok(())
}

fn execute(root: &OwnedFd, op: &Op) -> Result<(), InitError> {
    match op {
        Op::Mount {
            fstype,
            target,
            flags,
            data,
        } => {
            let fd = mkdir_all(root, target)?;
            let data = (!data.is_empty()).then_some(data.as_str());
            mount(
                Some(fstype.as_str()),
                fd_path(&fd).as_str(),
                Some(fstype.as_str()),
                ms_flags(*flags),
                data,
            )
            .map_err(|e| InitError::sys_at(Step::Mount, e, target))
        }
        Op::Bind {
            source,
            target,
            recursive,
            readonly,
        } => bind(root, source, target, *recursive, *readonly),
        Op::Symlink { to, path } => {
            let (parent, name) = split(path);
            let parent_fd = mkdir_all(root, parent)?;
            match symlinkat(to.as_str(), parent_fd.as_fd(), name) {
                Ok(()) | Err(Errno::EEXIST) => Ok(()),
                Err(e) => Err(InitError::sys_at(Step::Symlink, e, path)),
            }
        }
        Op::Mask { path } => {
            let fd = match open_in(root, path) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) => return Ok(()),
                Err(e) => return Err(InitError::sys_at(Step::Mask, e, path)),
            };
            let is_dir = nix::sys::stat::fstat(&fd)
                .map(|st| st.st_mode & libc::S_IFMT == libc::S_IFDIR)
                .unwrap_or(false);
            let target = fd_path(&fd);
            let result = if is_dir {
                mount(
                    Some("tmpfs"),
                    target.as_str(),
                    Some("tmpfs"),
                    MsFlags::MS_RDONLY
                        | MsFlags::MS_NOSUID
                        | MsFlags::MS_NODEV
                        | MsFlags::MS_NOEXEC,
                    Some("mode=555"),
                )
            } else {
                mount(
                    Some("/dev/null"),
                    target.as_str(),
                    None::<&str>,
                    MsFlags::MS_BIND,
                    None::<&str>,
                )
            };
            result.map_err(|e| InitError::sys_at(Step::Mask, e, path))
        }
        Op::ReadOnly { path } => {
            let fd = match open_in(root, path) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) => return Ok(()),
                Err(e) => return Err(InitError::sys_at(Step::ReadOnly, e, path)),
            };
            mount(
                Some(fd_path(&fd).as_str()),
                fd_path(&fd).as_str(),
                None::<&str>,
                MsFlags::MS_BIND | MsFlags::MS_REC,
                None::<&str>,
            )
            .map_err(|e| InitError::sys_at(Step::ReadOnly, e, path))?;
            remount_readonly(root, path, Step::ReadOnly)
        }
        Op::Restrict { path, flags } => {
            let fd = open_in(root, path).map_err(|e| InitError::sys_at(Step::Bind, e, path))?;
            let ro = fstatvfs(&fd).is_ok_and(|s| s.flags().contains(FsFlags::ST_RDONLY));
            let mut m =
                MsFlags::MS_BIND | MsFlags::MS_REMOUNT | locked_flags(&fd) | ms_flags(*flags);
            m.set(MsFlags::MS_RDONLY, ro);
            mount(
                None::<&str>,
                fd_path(&fd).as_str(),
                None::<&str>,
                m,
                None::<&str>,
            )
            .map_err(|e| InitError::sys_at(Step::Bind, e, path))
        }
        // The root is a bind mount of its own (made by `prepare`): remounting it leaves
        // the mounts inside it as they are.
        Op::ReadOnlyRoot => remount_readonly(root, "/", Step::ReadOnly),
        Op::AddUser {
            uid,
            gid,
            passwd,
            group,
            dir,
        } => {
            for (name, line, id) in [("passwd", passwd, *uid), ("group", group, *gid)] {
                let target = format!("/etc/{name}");
                let text = read_in(root, &target).unwrap_or_default();
                let Some(text) = crate::plan::podman_files::with_entry(&text, line, id) else {
                    continue;
                };
                let source = Path::new(dir).join(name);
                std::fs::write(&source, text).map_err(|e| {
                    InitError::sys_at(Step::Bind, crate::proto::errno_of(&e), &target)
                })?;
                bind(root, &source.to_string_lossy(), &target, false, false)?;
            }
            Ok(())
        }
    }
}

/// The contents of the regular file `path` inside the root (`None`: missing or unreadable).
fn read_in(root: &OwnedFd, path: &str) -> Option<String> {
    let fd = openat2(root.as_fd(), path, how(OFlag::O_RDONLY)).ok()?;
    std::io::read_to_string(std::fs::File::from(fd)).ok()
}

/// Build the container's root from `rootfs` and switch to it.
/// `before_pivot` runs once every operation is done, before pivot_root (the hooks of the
/// createRuntime and createContainer stages).
pub fn prepare(
    rootfs: &Path,
    ops: &[Op],
    before_pivot: impl FnOnce() -> Result<(), InitError>,
) -> Result<(), InitError> {
    let root_str = rootfs.to_string_lossy();
    // Must happen before any mount: nothing we mount may propagate back to the host.
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .map_err(|e| InitError::sys_at(Step::MakePrivate, e, "/"))?;
    // pivot_root needs the new root to be a mount point.
    mount(
        Some(rootfs),
        rootfs,
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None::<&str>,
    )
    .map_err(|e| InitError::sys_at(Step::BindRootfs, e, &root_str))?;
    let root = nix::fcntl::open(
        rootfs,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| InitError::sys_at(Step::OpenRootfs, e, &root_str))?;
    for op in ops {
        execute(&root, op)?;
    }
    drop(root);
    before_pivot()?;
    chdir(rootfs).map_err(|e| InitError::sys_at(Step::PivotRoot, e, &root_str))?;
    // pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves
    // no path back to the host's file system.
    pivot_root(".", ".").map_err(|e| InitError::sys_at(Step::PivotRoot, e, &root_str))?;
    umount2(".", MntFlags::MNT_DETACH).map_err(|e| InitError::sys_at(Step::PivotRoot, e, "/"))?;
    chdir("/").map_err(|e| InitError::sys_at(Step::PivotRoot, e, "/"))
}

/// The root `rootfs`, reached as ourselves (under our private runtime directory, which the
/// namespace's root we become cannot walk): a bind of it attached over it, as a descriptor of
/// the bind, through which the root is then reached (a path through a descriptor of the
/// directory itself would lead under the bind).
pub fn reach(rootfs: &Path) -> Result<OwnedFd, InitError> {
    use rustix::mount::{MoveMountFlags, OpenTreeFlags, move_mount, open_tree};
    let root_str = rootfs.to_string_lossy();
    let fd = nix::fcntl::open(
        rootfs,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| InitError::sys_at(Step::OpenRootfs, e, &root_str))?;
    let fail = |e: rustix::io::Errno| {
        InitError::sys_at(
            Step::BindRootfs,
            nix::errno::Errno::from_raw(e.raw_os_error()),
            &root_str,
        )
    };
    let tree = open_tree(
        &fd,
        "",
        OpenTreeFlags::OPEN_TREE_CLONE
            | OpenTreeFlags::OPEN_TREE_CLOEXEC
            | OpenTreeFlags::AT_RECURSIVE
            | OpenTreeFlags::AT_EMPTY_PATH,
    )
    .map_err(fail)?;
    move_mount(
        &tree,
        "",
        &fd,
        "",
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH | MoveMountFlags::MOVE_MOUNT_T_EMPTY_PATH,
    )
    .map_err(fail)?;
    Ok(tree)
}

/// `-v ...:U`: `chown -R` of a mount, unless its top already is the user's (podman's rule:
/// a later start leaves what was chowned inside it since as it is).
pub(super) fn chown_mount(path: &std::path::Path, uid: u32, gid: u32) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let top = std::fs::symlink_metadata(path)?;
    if top.uid() == uid && top.gid() == gid {
        return Ok(());
    }
    chown_tree(path, uid, gid)
}

/// `chown -R` without following symbolic links (nor leaving the file system of `path`).
fn chown_tree(path: &std::path::Path, uid: u32, gid: u32) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let top = std::fs::symlink_metadata(path)?;
    let mut todo = vec![path.to_path_buf()];
    while let Some(p) = todo.pop() {
        std::os::unix::fs::lchown(&p, Some(uid), Some(gid))?;
        let meta = std::fs::symlink_metadata(&p)?;
        if meta.is_dir() && meta.dev() == top.dev() {
            for e in std::fs::read_dir(&p)? {
                todo.push(e?.path());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn link_targets_stay_in_the_root() {
        use super::link_target;
        assert_eq!(link_target("/var/run", "/run"), "/run");
        assert_eq!(link_target("/var/run", "../run"), "/run");
        assert_eq!(link_target("/dev", "../../../../tmp/x"), "/tmp/x");
        assert_eq!(link_target("/a/b", "./c/../d"), "/a/d");
    }

    #[test]
    fn split_paths() {
        assert_eq!(split("/etc/hosts"), ("/etc", "hosts"));
        assert_eq!(split("/dev"), ("/", "dev"));
        assert_eq!(split("/a/b/"), ("/a", "b"));
    }
}
