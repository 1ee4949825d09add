//! slirp4netns: started as podman did, attached to the container's namespaces, ready when it
//! writes to its ready pipe, ended by closing its exit pipe; ports published over its API.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::SystemTime;

use nix::fcntl::{FcntlArg, FdFlag, OFlag, fcntl};
use tokio::io::AsyncReadExt;

use super::{Backend, Helper, READY_TIMEOUT, Target, api, log_tail};
use crate::error::{Error, Result};
use crate::host::cache;
use crate::plan::network::{self, SlirpFeatures, SlirpOptions};

/// The API socket's name in the container's state directory.
const SOCKET: &str = "slirp4netns.sock";

pub struct Slirp4netns<'a> {
    pub opts: &'a SlirpOptions,
}

/// A pipe end numbered 3 or more (so stdio set-up in the child cannot overwrite it) that the
/// helper inherits; nook's own ends stay close-on-exec.
fn inheritable(fd: OwnedFd) -> Result<OwnedFd> {
    let high = fcntl(&fd, FcntlArg::F_DUPFD_CLOEXEC(3))
        .map(crate::sys::own_fd)
        .map_err(|e| Error::io("cannot duplicate a pipe", e.into()))?;
    fcntl(&high, FcntlArg::F_SETFD(FdFlag::empty()))
        .map_err(|e| Error::io("cannot set up a pipe", e.into()))?;
    Ok(high)
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(OFlag::O_CLOEXEC).map_err(|e| Error::io("cannot create a pipe", e.into()))
}

/// What the installed slirp4netns supports, from its `--help`, cached (host::cache,
/// `cache/slirp4netns.json`) by path, size and modification time so it is asked once.
async fn features(binary: &Path) -> SlirpFeatures {
    let key = std::fs::metadata(binary)
        .ok()
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            format!("{}:{}:{mtime}", binary.display(), m.len())
        })
        .unwrap_or_default();
    let path = cache::path("", "slirp4netns.json");
    if let Some(f) = path
        .as_deref()
        .and_then(|p| cache::read(p, &key))
        .and_then(|b| serde_json::from_slice::<SlirpFeatures>(&b).ok())
    {
        return f;
    }
    let help = tokio::process::Command::new(binary)
        .arg("--help")
        .stdin(Stdio::null())
        .output()
        .await
        .map(|o| {
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
        })
        .unwrap_or_default();
    let features = network::slirp_features(&help);
    if let (Some(path), Ok(json)) = (path, serde_json::to_vec(&features)) {
        cache::write(&path, &key, &json);
    }
    features
}

impl Backend for Slirp4netns<'_> {
    fn name(&self) -> &'static str {
        "slirp4netns"
    }

    async fn start(&self, t: &Target<'_>) -> Result<Helper> {
        let mut features = features(t.helper).await;
        features.sandbox &= !self.opts.no_sandbox;
        let (ready_read, ready_write) = pipe()?;
        let (exit_read, exit_write) = pipe()?;
        let (ready_write, exit_read) = (inheritable(ready_write)?, inheritable(exit_read)?);
        // A socket path must fit in 108 bytes, and the state directory's may not: slirp4netns
        // binds it relative to its working directory, nook reaches it through a descriptor.
        let dir = std::fs::File::open(t.dir)
            .map_err(|e| Error::io(format!("cannot open {}", t.dir.display()), e))?;
        let socket = PathBuf::from(format!("/proc/self/fd/{}/{SOCKET}", dir.as_raw_fd()));
        let log_path = t.dir.join("slirp4netns.log");
        let log = std::fs::File::create(&log_path)
            .map_err(|e| Error::io(format!("cannot create {}", log_path.display()), e))?;
        let args = network::slirp_args(
            self.opts,
            features,
            t.pid.as_raw(),
            ready_write.as_raw_fd(),
            exit_read.as_raw_fd(),
            Path::new(SOCKET),
        );
        let child = tokio::process::Command::new(t.helper)
            .args(&args)
            .current_dir(t.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| Error::io(format!("cannot start {}", t.helper.display()), e))?;
        // Only the helper may hold these: the ready pipe reports its end, the exit pipe ours.
        drop(ready_write);
        drop(exit_read);
        let helper = Helper {
            child,
            _exit: Some(exit_write),
        };
        let guest = self.opts.subnet.guest();
        let waited =
            tokio::time::timeout(READY_TIMEOUT, ready(ready_read, t, &socket, guest)).await;
        drop(dir);
        let why = match waited {
            Ok(Ok(())) => return Ok(helper),
            Ok(Err(why)) => why,
            Err(_) => format!(
                "not ready within {} s ({})",
                READY_TIMEOUT.as_secs(),
                log_tail(&[log_path])
            ),
        };
        helper.kill_and_wait().await;
        Err(Error::Usage(format!(
            "slirp4netns could not set up the container's network: {why}; use --network none to run without it"
        )))
    }
}

/// Wait for the ready pipe, then publish every port (one API connection each, concurrently).
async fn ready(
    ready_read: OwnedFd,
    t: &Target<'_>,
    socket: &Path,
    guest: std::net::Ipv4Addr,
) -> Result<(), String> {
    let mut pipe = tokio::net::unix::pipe::Receiver::from_owned_fd(ready_read)
        .map_err(|e| format!("ready pipe: {e}"))?;
    let mut byte = [0u8; 1];
    let n = pipe
        .read(&mut byte)
        .await
        .map_err(|e| format!("ready pipe: {e}"))?;
    if n == 0 {
        // It closed its end without writing: it failed, and said why in its log.
        return Err(log_tail(&[t.dir.join("slirp4netns.log")]));
    }
    let mut set = tokio::task::JoinSet::new();
    for p in t.ports.iter().copied() {
        let socket = socket.to_path_buf();
        set.spawn(async move {
            api::add_hostfwd(&socket, &p, guest).await.map_err(|e| {
                format!(
                    "cannot publish host port {}/{}: {e}",
                    p.host_port,
                    p.proto.as_str()
                )
            })
        });
    }
    while let Some(done) = set.join_next().await {
        done.map_err(|e| e.to_string())??;
    }
    Ok(())
}
