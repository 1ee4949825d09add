//! The sockets of `nook __dns`, the container networks' DNS responder: UDP and TCP on each
//! listen address, one single-threaded tokio runtime, the hosts file re-read when its bytes
//! change (compared per query: write it whole and rename it into place), forwarded queries
//! on a fresh socket and a random id each, SIGTERM or SIGINT to end. What to answer is
//! decided in `plan::network::dns`.

use std::cell::{Cell, RefCell};
use std::hash::BuildHasher;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::task::spawn_local;
use tokio::time::timeout;

use crate::error::{Error, Result};
use crate::plan::network::dns::{self, Action, Hosts, Query, Zone};

/// How long one upstream has to answer before the next is asked.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a TCP client may stay silent.
const TCP_IDLE: Duration = Duration::from_secs(10);
/// Forwarded queries and TCP connections in flight at most; more are dropped.
const MAX_IN_FLIGHT: usize = 512;

/// What `nook __dns` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: Vec<SocketAddr>,
    pub hosts: PathBuf,
    pub upstreams: Vec<SocketAddr>,
    pub domain: String,
}

/// The hosts file and what was read from it last: its bytes, compared whole at each query.
/// Not its stat: a file renamed into place may get the inode number of the one it replaced
/// (ext4 hands a freed inode out again), have the same size (names of one length added and
/// removed), and a modification time equal to the last one's at the kernel's clock tick
/// (coarse timestamps before Linux 6.13), so a stamp can look unchanged when the names are
/// not. A hosts file is a few kilobytes: reading it per query costs microseconds.
struct HostsFile {
    path: PathBuf,
    domain: String,
    text: Vec<u8>,
    zone: Rc<Zone>,
}

impl HostsFile {
    fn load(path: PathBuf, domain: &str) -> Result<HostsFile> {
        let text = std::fs::read(&path).map_err(|e| {
            Error::Usage(format!(
                "cannot read the hosts file {}: {e}; give --hosts a file in /etc/hosts syntax",
                path.display()
            ))
        })?;
        let zone = Rc::new(Zone::new(
            Hosts::parse(&String::from_utf8_lossy(&text)),
            domain,
        ));
        Ok(HostsFile {
            path,
            domain: domain.to_string(),
            text,
            zone,
        })
    }

    /// The zone as the file is now; the last one read while the file cannot be read.
    fn current(&mut self) -> Rc<Zone> {
        if let Ok(text) = std::fs::read(&self.path)
            && text != self.text
        {
            self.zone = Rc::new(Zone::new(
                Hosts::parse(&String::from_utf8_lossy(&text)),
                &self.domain,
            ));
            self.text = text;
        }
        self.zone.clone()
    }
}

/// State shared by the tasks of the one thread.
struct Shared {
    hosts: RefCell<HostsFile>,
    upstreams: Vec<SocketAddr>,
    in_flight: Rc<Cell<usize>>,
    ids: std::collections::hash_map::RandomState,
    counter: Cell<u64>,
}

/// One of the `MAX_IN_FLIGHT` places, given back when dropped.
struct Slot(Rc<Cell<usize>>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

impl Shared {
    fn zone(&self) -> Rc<Zone> {
        self.hosts.borrow_mut().current()
    }

    fn admit(&self) -> Option<Slot> {
        let n = self.in_flight.get();
        (n < MAX_IN_FLIGHT).then(|| {
            self.in_flight.set(n + 1);
            Slot(self.in_flight.clone())
        })
    }

    /// An id no one outside can guess (SipHash of a counter under random keys).
    fn random_id(&self) -> u16 {
        let n = self.counter.get().wrapping_add(1);
        self.counter.set(n);
        self.ids.hash_one(n) as u16
    }
}

/// Block SIGTERM and SIGINT and receive them on a descriptor instead.
fn take_signals() -> Result<SignalFd> {
    let mut set = SigSet::empty();
    set.add(Signal::SIGTERM);
    set.add(Signal::SIGINT);
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&set), None)
        .map_err(|e| Error::io("cannot block signals", e.into()))?;
    SignalFd::with_flags(&set, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
        .map_err(|e| Error::io("cannot create a signalfd", e.into()))
}

/// Serve until SIGTERM or SIGINT. Prints `ready` on stdout once every socket listens.
pub fn serve(opts: Options) -> Result<()> {
    let signals = take_signals()?;
    let hosts = HostsFile::load(opts.hosts.clone(), &opts.domain)?;
    let mut sockets = Vec::new();
    for addr in &opts.listen {
        let bound = |proto: &str, e: std::io::Error| {
            Error::Usage(format!(
                "cannot listen on {addr} ({proto}): {e}; give --listen a free address of this host"
            ))
        };
        let udp = std::net::UdpSocket::bind(addr).map_err(|e| bound("UDP", e))?;
        let tcp = std::net::TcpListener::bind(addr).map_err(|e| bound("TCP", e))?;
        udp.set_nonblocking(true)
            .and_then(|()| tcp.set_nonblocking(true))
            .map_err(|e| Error::io("cannot set a socket non-blocking", e))?;
        sockets.push((udp, tcp));
    }
    let shared = Rc::new(Shared {
        hosts: RefCell::new(hosts),
        upstreams: opts.upstreams,
        in_flight: Rc::new(Cell::new(0)),
        ids: Default::default(),
        counter: Cell::new(0),
    });
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the DNS responder's runtime", e))?;
    let local = tokio::task::LocalSet::new();
    local.block_on(&rt, async move {
        let signals = crate::sys::watch_signalfd(signals)
            .map_err(|e| Error::io("cannot watch the signalfd", e))?;
        for (udp, tcp) in sockets {
            let udp = UdpSocket::from_std(udp).map_err(|e| Error::io("cannot use a socket", e))?;
            let tcp =
                TcpListener::from_std(tcp).map_err(|e| Error::io("cannot use a socket", e))?;
            spawn_local(udp_loop(Rc::new(udp), shared.clone()));
            spawn_local(tcp_loop(tcp, shared.clone()));
        }
        let mut out = std::io::stdout();
        let _ = writeln!(out, "ready").and_then(|()| out.flush());
        let mut guard = signals
            .readable()
            .await
            .map_err(|e| Error::io("cannot wait for signals", e))?;
        let _ = guard.get_inner().read_signal();
        guard.clear_ready();
        Ok(())
    })
}

async fn udp_loop(sock: Rc<UdpSocket>, shared: Rc<Shared>) {
    let mut buf = vec![0u8; 65535];
    loop {
        let (n, peer) = match sock.recv_from(&mut buf).await {
            Ok(got) => got,
            Err(_) => {
                // Not a reason to end; but never spin on an error that repeats.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let zone = shared.zone();
        match dns::decide(&buf[..n], &zone, dns::UDP_MAX) {
            Action::Answer(reply) => {
                let _ = sock.send_to(&reply, peer).await;
            }
            Action::Drop => {}
            Action::Forward(query) => {
                let Some(slot) = shared.admit() else {
                    continue;
                };
                let (packet, sock, shared) = (buf[..n].to_vec(), sock.clone(), shared.clone());
                spawn_local(async move {
                    let _slot = slot;
                    let reply = forward(&shared, &packet, &query, false).await;
                    let _ = sock.send_to(&reply, peer).await;
                });
            }
        }
    }
}

async fn tcp_loop(listener: TcpListener, shared: Rc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let Some(slot) = shared.admit() else {
            continue;
        };
        let shared = shared.clone();
        spawn_local(async move {
            let _slot = slot;
            let _ = tcp_client(stream, &shared).await;
        });
    }
}

/// Answer a TCP client's queries, one after another, until it closes or stays silent.
async fn tcp_client(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    loop {
        let Ok(Some(msg)) = timeout(TCP_IDLE, read_msg(&mut stream)).await? else {
            return Ok(());
        };
        let zone = shared.zone();
        let reply = match dns::decide(&msg, &zone, usize::from(u16::MAX)) {
            Action::Answer(reply) => reply,
            Action::Drop => return Ok(()),
            Action::Forward(query) => forward(shared, &msg, &query, true).await,
        };
        write_msg(&mut stream, &reply).await?;
    }
}

/// A length-prefixed message of a TCP stream; none at its end.
async fn read_msg(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 2];
    match stream.read_exact(&mut len).await {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut msg = vec![0u8; usize::from(u16::from_be_bytes(len))];
    stream.read_exact(&mut msg).await?;
    Ok(Some(msg))
}

async fn write_msg(stream: &mut TcpStream, msg: &[u8]) -> std::io::Result<()> {
    let len = u16::try_from(msg.len()).map_err(|_| std::io::ErrorKind::InvalidData)?;
    let mut framed = Vec::with_capacity(msg.len() + 2);
    framed.extend_from_slice(&len.to_be_bytes());
    framed.extend_from_slice(msg);
    stream.write_all(&framed).await
}

/// Ask the upstreams in turn (over TCP when the client used TCP) and return the first
/// answer under the client's id; SERVFAIL when none answers in time.
async fn forward(shared: &Shared, packet: &[u8], query: &Query, tcp: bool) -> Vec<u8> {
    for up in &shared.upstreams {
        let id = shared.random_id();
        let sent = dns::with_id(packet, id);
        let asked = match tcp {
            false => timeout(UPSTREAM_TIMEOUT, ask_udp(*up, &sent, id)).await,
            true => timeout(UPSTREAM_TIMEOUT, ask_tcp(*up, &sent, id)).await,
        };
        if let Ok(Ok(reply)) = asked {
            return dns::with_id(&reply, query.id);
        }
    }
    dns::servfail(query)
}

fn unspecified(of: &SocketAddr) -> SocketAddr {
    let ip = match of.ip() {
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    };
    SocketAddr::new(ip, 0)
}

async fn ask_udp(up: SocketAddr, packet: &[u8], id: u16) -> std::io::Result<Vec<u8>> {
    let sock = UdpSocket::bind(unspecified(&up)).await?;
    sock.connect(up).await?;
    sock.send(packet).await?;
    let mut buf = vec![0u8; 65535];
    loop {
        let n = sock.recv(&mut buf).await?;
        if dns::is_response_to(&buf[..n], id) {
            buf.truncate(n);
            return Ok(buf);
        }
    }
}

async fn ask_tcp(up: SocketAddr, packet: &[u8], id: u16) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(up).await?;
    write_msg(&mut stream, packet).await?;
    match read_msg(&mut stream).await? {
        Some(reply) if dns::is_response_to(&reply, id) => Ok(reply),
        _ => Err(std::io::ErrorKind::InvalidData.into()),
    }
}
