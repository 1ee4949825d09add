//! `nook __portfwd PID`: the port forwarder's helper in the container's network namespace.
//! A fresh single-threaded process (joining a user namespace needs one): it joins the user
//! then the network namespace of PID, and for each request connects to the container's
//! address and port and hands the connected socket back to nook (SCM_RIGHTS). It dies with
//! nook (parent-death signal) and ends when nook closes the channel.

use std::net::{Ipv4Addr, SocketAddrV4, TcpStream, UdpSocket};
use std::os::fd::OwnedFd;
use std::process::ExitCode;

use nix::sched::{CloneFlags, setns};
use serde::{Deserialize, Serialize};

use crate::proto::Channel;

/// The environment variable naming the channel's descriptor.
pub const FD_ENV: &str = "_NOOK_PORTFWD_FD";
/// The hidden subcommand.
pub const SUBCOMMAND: &str = "__portfwd";

/// nook -> helper.
#[derive(Debug, Serialize, Deserialize)]
pub enum Request {
    /// Connect to this address of the container (the socket rides back with the reply).
    Connect(SocketAddrV4),
    /// A UDP socket connected to this address of the container (it rides back likewise).
    ConnectUdp(SocketAddrV4),
}

/// helper -> nook.
#[derive(Debug, Serialize, Deserialize)]
pub enum Reply {
    /// Inside the container's namespaces, ready for requests.
    Ready,
    /// Connected; the socket rides along.
    Connected,
    /// The connection failed with this errno (ECONNREFUSED: nothing listens there).
    Refused(i32),
    /// Setting up failed: why, for the user.
    Failed(String),
}

/// Join the user namespace, then the network namespace, of `pid`. Must happen in this order
/// because joining the network namespace needs CAP_SYS_ADMIN in the user namespace that owns
/// it, which only membership in that user namespace (we own it) gives.
fn enter(pid: i32) -> Result<(), String> {
    let open = |ns: &str| {
        std::fs::File::open(format!("/proc/{pid}/ns/{ns}"))
            .map(OwnedFd::from)
            .map_err(|e| format!("cannot open /proc/{pid}/ns/{ns}: {e}"))
    };
    let (user, net) = (open("user")?, open("net")?);
    setns(&user, CloneFlags::CLONE_NEWUSER)
        .map_err(|e| format!("cannot join the container's user namespace: {e}"))?;
    setns(&net, CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("cannot join the container's network namespace: {e}"))
}

/// Entry point, called by `main` before anything else (no thread may exist: see `enter`).
pub fn main() -> ExitCode {
    let Some(raw) = std::env::var(FD_ENV).ok().and_then(|f| f.parse().ok()) else {
        eprintln!("Error: nook {SUBCOMMAND} is internal to nook run");
        return ExitCode::from(125);
    };
    let chan = Channel::new(crate::sys::own_fd(raw));
    let pid = std::env::args().nth(2).and_then(|p| p.parse::<i32>().ok());
    let entered = match pid {
        Some(pid) => enter(pid),
        None => Err(format!("usage: nook {SUBCOMMAND} PID")),
    };
    if let Err(why) = entered {
        let _ = chan.send(&Reply::Failed(why), None);
        return ExitCode::from(125);
    }
    if chan.send(&Reply::Ready, None).is_err() {
        return ExitCode::from(125);
    }
    // It only relays from here on: the code and heap of its start can go.
    crate::sys::trim_heap();
    crate::sys::release_code_pages(&crate::sys::code_and_data_ranges());
    // Until nook closes the channel (Ok(None)) or it breaks.
    while let Ok(Some((request, _))) = chan.recv::<Request>() {
        let made = match request {
            Request::Connect(addr) => TcpStream::connect(addr).map(OwnedFd::from),
            Request::ConnectUdp(addr) => UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
                .and_then(|s| s.connect(addr).map(|()| OwnedFd::from(s))),
        };
        let sent = match made {
            Ok(fd) => chan.send(&Reply::Connected, Some(&fd)),
            Err(e) => chan.send(&Reply::Refused(e.raw_os_error().unwrap_or(0)), None),
        };
        if sent.is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}
