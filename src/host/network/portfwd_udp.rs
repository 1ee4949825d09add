//! Published UDP ports of a container on bridge networks (`-p HOST:CTR/udp`), beside the
//! TCP forwarder (`portfwd`): nook holds the host socket it reserved; for each client (its
//! address and port) `nook __portfwd` makes a UDP socket in the container's network namespace
//! connected to the container's address and port, and hands it back. Datagrams from the
//! client go out through that socket; a thread per client sends the container's replies back
//! from the host socket, and ends after `IDLE` without a reply (as rootlesskit's UDP proxy).

use std::collections::HashMap;
use std::net::{SocketAddr, SocketAddrV4, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::portfwd_child::{Reply, Request};
use crate::proto::Channel;

/// A published UDP port: the socket reserved on the host and the port inside.
pub struct PublishedUdp {
    pub socket: UdpSocket,
    pub container_port: u16,
}

/// How long a client's flow lives without a reply.
const IDLE: Duration = Duration::from_secs(60);
/// How often a blocked receive looks at the stop flag.
const POLL: Duration = Duration::from_millis(250);
/// The largest datagram.
const MAX: usize = 65535;

type Flows = Arc<Mutex<HashMap<SocketAddr, Arc<UdpSocket>>>>;

/// Ask the helper for a socket connected to `target` inside the container.
fn connect(chan: &Mutex<Channel>, target: SocketAddrV4) -> Option<UdpSocket> {
    let chan = chan.lock().ok()?;
    chan.send(&Request::ConnectUdp(target), None).ok()?;
    match chan.recv::<Reply>() {
        Ok(Some((Reply::Connected, Some(fd)))) => Some(UdpSocket::from(fd)),
        _ => None,
    }
}

/// Relay the datagrams of `host` to `target` until `stop`.
pub fn relay(
    host: Arc<UdpSocket>,
    chan: Arc<Mutex<Channel>>,
    stop: Arc<AtomicBool>,
    target: SocketAddrV4,
) {
    let _ = host.set_read_timeout(Some(POLL));
    let flows: Flows = Arc::default();
    let mut threads: Vec<std::thread::JoinHandle<()>> = Vec::new();
    let mut buf = vec![0u8; MAX];
    while !stop.load(Ordering::SeqCst) {
        threads.retain(|t| !t.is_finished());
        let Ok((n, peer)) = host.recv_from(&mut buf) else {
            continue;
        };
        let known = flows.lock().ok().and_then(|f| f.get(&peer).cloned());
        let flow = match known {
            Some(f) => f,
            None => {
                let Some(inner) = connect(&chan, target) else {
                    continue;
                };
                let inner = Arc::new(inner);
                if let Ok(mut f) = flows.lock() {
                    f.insert(peer, inner.clone());
                }
                let (h, i, f, s) = (host.clone(), inner.clone(), flows.clone(), stop.clone());
                let spawned = std::thread::Builder::new()
                    .name("nook-udp".into())
                    .spawn(move || replies(&h, &i, peer, &f, &s));
                match spawned {
                    Ok(t) => threads.push(t),
                    Err(_) => {
                        if let Ok(mut f) = flows.lock() {
                            f.remove(&peer);
                        }
                    }
                }
                inner
            }
        };
        // Nothing listening inside: the datagram is lost, as on a wire.
        let _ = flow.send(&buf[..n]);
    }
    // None holds the host socket once this returns (a restarted container binds it again).
    for t in threads {
        let _ = t.join();
    }
}

/// Send what the container answers on `inner` back to `peer`, until the flow is idle.
fn replies(
    host: &UdpSocket,
    inner: &UdpSocket,
    peer: SocketAddr,
    flows: &Flows,
    stop: &AtomicBool,
) {
    let _ = inner.set_read_timeout(Some(POLL));
    let mut buf = vec![0u8; MAX];
    let mut last = Instant::now();
    while !stop.load(Ordering::SeqCst) && last.elapsed() < IDLE {
        match inner.recv(&mut buf) {
            Ok(n) => {
                let _ = host.send_to(&buf[..n], peer);
                last = Instant::now();
            }
            // A timeout, or the port unreachable inside (ECONNREFUSED): the flow stays.
            Err(_) => continue,
        }
    }
    if let Ok(mut f) = flows.lock() {
        f.remove(&peer);
    }
}
