//! Published TCP ports without slirp4netns in the data path (like rootlesskit's "builtin"
//! port driver): nook accepts on the host port with the listener it reserved, `nook
//! __portfwd` (in the container's namespaces) connects to the container's address and hands
//! the socket back, and two threads per connection move the bytes with splice(2). UDP ports
//! (containers on bridge networks) go through the same helper: `portfwd_udp`.

use std::net::{Shutdown, SocketAddrV4, TcpListener, TcpStream};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use nix::fcntl::{FcntlArg, OFlag, fcntl};
use nix::unistd::Pid;

use super::portfwd_child::{FD_ENV, Reply, Request, SUBCOMMAND};
use crate::error::{Error, Result};
use crate::proto::Channel;

/// Bytes asked of one splice call, and the pipe size asked for (the default is 64 KiB;
/// unprivileged users may have up to /proc/sys/fs/pipe-max-size, 1 MiB by default).
const CHUNK: usize = 1 << 20;

/// A published TCP port: the listener reserved on the host and the port inside.
pub struct Published {
    pub listener: TcpListener,
    pub container_port: u16,
}

/// Where the forwarder connects to: a helper's fixed guest address, or the address a
/// container on bridge networks has now on its first network that is not internal (read from
/// the rootless network state at each connection: `network connect` and `disconnect` change
/// it while the container runs).
#[derive(Debug, Clone)]
pub enum Guest {
    Fixed(std::net::Ipv4Addr),
    Leased {
        /// The rootless network namespace's `state.json`.
        state: std::path::PathBuf,
        container: String,
    },
}

impl Guest {
    /// The address now (none: the container is on no network that is not internal).
    pub fn now(&self) -> Option<std::net::Ipv4Addr> {
        match self {
            Guest::Fixed(ip) => Some(*ip),
            Guest::Leased { state, container } => {
                // Written whole and renamed: read without the lock.
                let text = std::fs::read(state).ok()?;
                let s: super::netns::State = serde_json::from_slice(&text).ok()?;
                let on: Vec<(std::net::Ipv4Addr, bool)> = s
                    .leases
                    .iter()
                    .filter(|l| &l.container == container)
                    .map(|l| (l.ip, l.internal))
                    .collect();
                crate::plan::network::publish_target(&on)
            }
        }
    }
}

/// The forwarder of a running container.
pub struct Forwarder {
    helper: Child,
    stop: Arc<AtomicBool>,
    listeners: Vec<Arc<TcpListener>>,
    threads: Vec<JoinHandle<()>>,
}

/// Start the helper in the namespaces of `pid` and accept on every listener. Must be called
/// from nook's main thread: the helper's parent-death signal follows the thread that starts it.
pub fn start(
    pid: Pid,
    guest: Guest,
    ports: Vec<Published>,
    udp: Vec<super::portfwd_udp::PublishedUdp>,
) -> Result<Forwarder> {
    let (ours, theirs) =
        Channel::pair().map_err(|e| Error::io("cannot create a socket pair", e))?;
    // The duplicate has no close-on-exec flag, so it is the one descriptor that crosses.
    let inherited = nix::unistd::dup(theirs.as_fd())
        .map_err(|e| Error::io("cannot duplicate a descriptor", e.into()))?;
    let mut cmd = Command::new("/proc/self/exe");
    cmd.arg(SUBCOMMAND)
        .arg(pid.as_raw().to_string())
        .env(FD_ENV, inherited.as_raw_fd().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    crate::sys::kill_with_parent(&mut cmd);
    let mut helper = cmd
        .spawn()
        .map_err(|e| Error::io("cannot start nook's port forwarder (/proc/self/exe)", e))?;
    drop((inherited, theirs));
    let failed = |why: String, helper: &mut Child| {
        let _ = helper.kill();
        let _ = helper.wait();
        Err(Error::Usage(format!(
            "cannot publish the container's TCP ports: {why}; use --network pasta, or run without -p"
        )))
    };
    match ours.recv::<Reply>() {
        Ok(Some((Reply::Ready, _))) => {}
        Ok(Some((Reply::Failed(why), _))) => return failed(why, &mut helper),
        Ok(other) => return failed(format!("the forwarder said {other:?}"), &mut helper),
        Err(e) => return failed(format!("the forwarder failed: {e:?}"), &mut helper),
    }
    let chan = Arc::new(Mutex::new(ours));
    let stop = Arc::new(AtomicBool::new(false));
    let mut listeners = Vec::new();
    let mut threads = Vec::new();
    for p in ports {
        let listener = Arc::new(p.listener);
        let (l, c, s) = (listener.clone(), chan.clone(), stop.clone());
        let (g, port) = (guest.clone(), p.container_port);
        let spawned = std::thread::Builder::new()
            .name("nook-accept".into())
            .spawn(move || accept_loop(&l, &c, &s, &g, port));
        match spawned {
            Ok(t) => threads.push(t),
            Err(e) => return failed(format!("cannot start a thread: {e}"), &mut helper),
        }
        listeners.push(listener);
    }
    // UDP has no connections: its relays keep the address of the start.
    let first = guest
        .now()
        .unwrap_or(crate::plan::network::DEFAULT_SUBNET.guest());
    for p in udp {
        let target = SocketAddrV4::new(first, p.container_port);
        let (sock, c, s) = (Arc::new(p.socket), chan.clone(), stop.clone());
        let spawned = std::thread::Builder::new()
            .name("nook-udp".into())
            .spawn(move || super::portfwd_udp::relay(sock, c, s, target));
        match spawned {
            Ok(t) => threads.push(t),
            Err(e) => return failed(format!("cannot start a thread: {e}"), &mut helper),
        }
    }
    Ok(Forwarder {
        helper,
        stop,
        listeners,
        threads,
    })
}

impl Forwarder {
    /// Stop accepting and end the helper. Connections still open end with nook.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for l in &self.listeners {
            // Wakes the thread blocked in accept(2) (it then fails with EINVAL).
            let _ = nix::sys::socket::shutdown(l.as_raw_fd(), nix::sys::socket::Shutdown::Both);
        }
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        let _ = self.helper.kill();
        let _ = self.helper.wait();
    }
}

/// Ask the helper for a connection to `target` inside the container.
fn connect(chan: &Mutex<Channel>, target: SocketAddrV4) -> Option<TcpStream> {
    let chan = chan.lock().ok()?;
    chan.send(&Request::Connect(target), None).ok()?;
    match chan.recv::<Reply>() {
        Ok(Some((Reply::Connected, Some(fd)))) => Some(TcpStream::from(fd)),
        _ => None,
    }
}

fn accept_loop(
    l: &TcpListener,
    chan: &Mutex<Channel>,
    stop: &AtomicBool,
    guest: &Guest,
    port: u16,
) {
    loop {
        let client = l.accept();
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok((client, _)) = client else {
            // Out of descriptors, say: do not spin.
            std::thread::sleep(std::time::Duration::from_millis(10));
            continue;
        };
        // Nothing listens inside (or the helper is gone): the client sees its connection
        // accepted, then closed, as with rootlesskit.
        let Some(server) = guest
            .now()
            .and_then(|ip| connect(chan, SocketAddrV4::new(ip, port)))
        else {
            continue;
        };
        // Each side's bytes go out as they come (as rootlesskit's Go sockets do): Nagle's
        // delay would otherwise add up with the other side's, on every small exchange.
        let _ = client.set_nodelay(true);
        let _ = server.set_nodelay(true);
        let _ = std::thread::Builder::new()
            .name("nook-conn".into())
            .spawn(move || forward(client, server));
    }
}

/// Copy both ways until both sides have finished; this thread does one direction and a
/// second thread the other.
fn forward(client: TcpStream, server: TcpStream) {
    let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let back = std::thread::Builder::new()
        .name("nook-conn".into())
        .spawn(move || copy(&s2, &c2));
    copy(&client, &server);
    if let Ok(t) = back {
        let _ = t.join();
    }
}

/// Move bytes from `from` to `to` through a pipe until `from` ends, then pass the end on
/// (shutdown for writing). On an error both connections are shut down, which also ends the
/// other direction.
fn copy(from: &TcpStream, to: &TcpStream) {
    let ok = pipe_copy(from.as_fd(), to.as_fd());
    if ok {
        let _ = to.shutdown(Shutdown::Write);
    } else {
        let _ = from.shutdown(Shutdown::Both);
        let _ = to.shutdown(Shutdown::Both);
    }
}

fn pipe_copy(from: BorrowedFd<'_>, to: BorrowedFd<'_>) -> bool {
    let Ok((r, w)) = nix::unistd::pipe2(OFlag::O_CLOEXEC) else {
        return false;
    };
    // A larger pipe moves more per call; the default size works too.
    let _ = fcntl(&w, FcntlArg::F_SETPIPE_SZ(CHUNK as i32));
    loop {
        let n = match splice_retry(from, w.as_fd()) {
            Ok(0) => return true,
            Ok(n) => n,
            Err(_) => return false,
        };
        let mut left = n;
        while left > 0 {
            match splice_retry(r.as_fd(), to) {
                Ok(0) | Err(_) => return false,
                Ok(m) => left -= m.min(left),
            }
        }
    }
}

fn splice_retry(
    from: BorrowedFd<'_>,
    to: BorrowedFd<'_>,
) -> std::result::Result<usize, nix::errno::Errno> {
    loop {
        match crate::sys::splice(from, to, CHUNK) {
            Err(nix::errno::Errno::EINTR) => continue,
            other => return other,
        }
    }
}
