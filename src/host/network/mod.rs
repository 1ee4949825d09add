//! The container's network on the host side: checks the published ports, starts the helper
//! (slirp4netns or pasta, one `Backend` each) against the container's network namespace on a
//! tokio runtime that lives only as long as the helper, with slirp4netns nook's own TCP port
//! forwarder (`portfwd`), and stops them. A container on bridge networks has no helper of its
//! own: its TCP ports are published by the same forwarder, to its address on its first
//! network that is not internal (`publish_bridge`).

mod api;
pub mod bridge;
pub mod connect;
pub mod dns;
mod links;
pub mod netns;
pub mod networks;
mod pasta;
mod portfwd;
pub mod portfwd_child;
mod portfwd_udp;
pub mod resolvers;
mod rtnl;
mod slirp;

use std::future::Future;
use std::io::ErrorKind;
use std::net::{SocketAddrV4, TcpListener, UdpSocket};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::unistd::Pid;

use crate::error::{Error, Result};
use crate::plan::network::{self, Mode, NetworkPlan, PortMapping, Proto};

pub use api::{add_hostfwd, list_hostfwd, remove_hostfwd};

/// How long a helper may take to configure the network and publish the ports.
const READY_TIMEOUT: Duration = Duration::from_secs(10);

/// What a backend starts against.
pub struct Target<'a> {
    /// A process in the container's user and network namespaces (`nook __init`).
    pub pid: Pid,
    /// The container's state directory: API socket and logs go there.
    pub dir: &'a Path,
    pub helper: &'a Path,
    pub ports: &'a [PortMapping],
}

/// A network helper: slirp4netns or pasta. Both pass the same integration suite
/// (tests/network.rs), which runs every test against each.
pub trait Backend {
    /// The helper's name, for messages.
    fn name(&self) -> &'static str;
    /// Start the helper; resolves once the container's interface is configured and every
    /// port is published.
    fn start(&self, target: &Target<'_>) -> impl Future<Output = Result<Helper>>;
}

/// A running helper. It is killed by `stop`; without that (nook killed), it ends
/// by itself: slirp4netns when its exit pipe closes, pasta by its parent-death signal.
pub struct Helper {
    child: tokio::process::Child,
    /// The write end of slirp4netns's exit pipe.
    _exit: Option<OwnedFd>,
}

impl Helper {
    /// Kill the helper and wait for it to end (when starting failed: nothing may be left).
    async fn kill_and_wait(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }

    /// Kill the helper without waiting for it to end: its exit tears down the container's tap
    /// device, which takes the kernel 10-50 ms (RCU grace periods under the rtnl lock), all of
    /// it added to every `nook run`. Like podman, nook leaves reaping it to init once nook
    /// has exited; a helper that already ended is reaped here.
    fn stop(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.try_wait();
    }
}

/// The last meaningful line a helper wrote to its log, for error messages.
fn log_tail(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("WARNING: Support for seccomp"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .next_back()
        .unwrap_or_else(|| "no message".to_string())
}

/// The container's network for the life of its run.
pub struct Network {
    /// The helper's runtime (none for a container on bridge networks).
    rt: Option<tokio::runtime::Runtime>,
    helper: Option<Helper>,
    forwarder: Option<portfwd::Forwarder>,
}

/// Start the helper the plan names (nothing for `none` and `host`), and with slirp4netns
/// nook's own forwarder for the published TCP ports. Must be called from nook's main thread
/// (helpers die with the thread that started them).
pub fn start(
    plan: &NetworkPlan,
    pid: Pid,
    dir: &Path,
    reserved: Reserved,
) -> Result<Option<Network>> {
    let helper = match (&plan.mode, &plan.helper) {
        (Mode::Slirp4netns(_) | Mode::Pasta(_), Some(h)) => h,
        _ => return Ok(None),
    };
    // With slirp4netns, nook forwards TCP itself (slirp4netns copies every byte through its
    // user-space TCP stack, at a fraction of the speed): keep those listeners; slirp4netns
    // publishes UDP, and pasta everything, binding the ports themselves.
    let ours = |p: &PortMapping| network::nook_forwards(&plan.mode, p);
    let Reserved { ports, tcp, udp } = reserved;
    let helper_ports: Vec<PortMapping> = ports.iter().copied().filter(|p| !ours(p)).collect();
    // Must happen before the helper starts: it binds the ports that the sockets dropped here
    // (UDP ones, and with pasta the TCP ones too) hold.
    let mut published = Vec::new();
    drop(udp);
    for (i, listener) in tcp {
        if let Some(p) = ports.get(i).filter(|p| ours(p)) {
            published.push(portfwd::Published {
                listener,
                container_port: p.container_port,
            });
        }
    }
    // Current-thread: nook's only thread runs it, so a helper's parent-death signal follows
    // nook's main thread, and `nook __init` was started before this runtime existed.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the network runtime", e))?;
    let target = Target {
        pid,
        dir,
        helper,
        ports: &helper_ports,
    };
    let started = match &plan.mode {
        Mode::Slirp4netns(opts) => rt.block_on(slirp::Slirp4netns { opts }.start(&target)),
        Mode::Pasta(extra) => rt.block_on(pasta::Pasta { extra }.start(&target)),
        Mode::None | Mode::Host | Mode::Bridge(_) | Mode::Container(_) | Mode::Ns(_) => {
            return Ok(None);
        }
    }?;
    let mut net = Network {
        rt: Some(rt),
        helper: Some(started),
        forwarder: None,
    };
    if !published.is_empty() {
        let guest = plan
            .guest()
            .unwrap_or(crate::plan::network::DEFAULT_SUBNET.guest());
        net.forwarder = Some(portfwd::start(
            pid,
            portfwd::Guest::Fixed(guest),
            published,
            Vec::new(),
        )?);
    }
    Ok(Some(net))
}

/// Refuse `-p`/`-P` for a container whose bridge networks are all internal (or unknown),
/// before anything is created.
pub fn check_publish(plan: &NetworkPlan) -> Result<()> {
    let Some(b) = plan.bridge().filter(|_| !plan.ports.is_empty()) else {
        return Ok(());
    };
    let nets = networks::Networks::open()?;
    let on = b
        .networks
        .iter()
        .map(|n| nets.resolve(n).map(|r| (r.name, r.internal)))
        .collect::<Result<Vec<_>>>()?;
    network::check_publish(&plan.ports, &on).map_err(Error::Usage)
}

/// Publish the TCP ports of the container `id` (on bridge networks, `__init` is `pid`):
/// nook's forwarder connects, in the container's network namespace, to its address on its
/// first network that is not internal. Called once it is attached (its leases exist).
pub fn publish_bridge(id: &str, pid: Pid, reserved: Reserved) -> Result<Option<Network>> {
    let Reserved { ports, tcp, udp } = reserved;
    if tcp.is_empty() && udp.is_empty() {
        return Ok(None);
    }
    let on: Vec<(std::net::Ipv4Addr, bool)> = netns::lock()?
        .state
        .leases
        .iter()
        .filter(|l| l.container == id)
        .map(|l| (l.ip, l.internal))
        .collect();
    network::publish_target(&on).ok_or_else(|| {
        Error::Usage(
            "-p and -P need a network that is not internal: add --network with another network, or leave -p out"
                .into(),
        )
    })?;
    // The address it has at each connection (network connect and disconnect change it).
    let guest = portfwd::Guest::Leased {
        state: netns::dir().join("state.json"),
        container: id.to_string(),
    };
    let published = tcp
        .into_iter()
        .filter_map(|(i, listener)| {
            ports.get(i).map(|p| portfwd::Published {
                listener,
                container_port: p.container_port,
            })
        })
        .collect();
    let udp = udp
        .into_iter()
        .filter_map(|(i, socket)| {
            ports.get(i).map(|p| portfwd_udp::PublishedUdp {
                socket,
                container_port: p.container_port,
            })
        })
        .collect();
    Ok(Some(Network {
        rt: None,
        helper: None,
        forwarder: Some(portfwd::start(pid, guest, published, udp)?),
    }))
}

impl Network {
    /// Stop the helper and wait for it to end.
    pub fn stop(mut self) {
        self.stop_helper();
    }

    fn stop_helper(&mut self) {
        if let Some(f) = self.forwarder.take() {
            f.stop();
        }
        if let (Some(h), Some(rt)) = (self.helper.take(), &self.rt) {
            // Inside the runtime: tokio's child handle needs it to be dropped.
            let _guard = rt.enter();
            h.stop();
        }
    }
}

impl Drop for Network {
    fn drop(&mut self) {
        self.stop_helper();
    }
}

/// The pipe PID 1 waits on before the command starts (read end, write end), when the plan
/// has a network helper to start.
pub fn ready_pipe(plan: &NetworkPlan) -> Result<Option<(OwnedFd, OwnedFd)>> {
    let bridge = matches!(plan.mode, Mode::Bridge(_));
    if !bridge
        && (!matches!(plan.mode, Mode::Slirp4netns(_) | Mode::Pasta(_)) || plan.helper.is_none())
    {
        return Ok(None);
    }
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map(Some)
        .map_err(|e| Error::io("cannot create a pipe", e.into()))
}

/// Tell PID 1 that the network is ready.
pub fn signal_ready(w: OwnedFd) -> Result<()> {
    nix::unistd::write(&w, b"N").map(drop).map_err(|e| {
        Error::io(
            "cannot tell the container that its network is ready",
            e.into(),
        )
    })
}

/// `--network ns:PATH`: PATH must be a network namespace owned by the user namespace the
/// container runs in (the user's shared one, `host::userns`): else setns would fail inside.
pub fn check_netns_path(path: &str) -> Result<()> {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let bad = |why: String| Error::Usage(format!("--network ns:{path}: {why}"));
    let file = std::fs::File::open(path).map_err(|e| bad(format!("cannot open it: {e}")))?;
    let is_net = crate::sys::ns_type(file.as_fd()).is_ok_and(|t| t == libc::CLONE_NEWNET);
    if !is_net {
        return Err(bad(
            "not a network namespace: give /proc/PID/ns/net of a process of yours or a bind-mounted netns file".into(),
        ));
    }
    let owner = crate::sys::ns_owner(file.as_fd())
        .ok()
        .and_then(|fd| std::fs::File::from(fd).metadata().ok())
        .map(|m| (m.dev(), m.ino()));
    let ours = crate::host::userns::holder()
        .and_then(|pid| std::fs::metadata(format!("/proc/{pid}/ns/user")).ok())
        .map(|m| (m.dev(), m.ino()));
    if owner.is_none() || owner != ours {
        return Err(bad(
            "the network namespace is not owned by your user namespace (nook's shared one): give the netns of one of your containers, e.g. /proc/PID/ns/net of its process".into(),
        ));
    }
    Ok(())
}

/// The host ports bound by `reserve_ports`, held until the network starts.
#[derive(Default)]
pub struct Reserved {
    /// The plan's ports with the host ports chosen where none was given (`-P`, `-p CTR`).
    pub ports: Vec<PortMapping>,
    /// Index in `ports`, listener.
    tcp: Vec<(usize, TcpListener)>,
    /// Index in `ports`, socket.
    udp: Vec<(usize, UdpSocket)>,
}

/// Check that every published host port is free (binding it, TCP or UDP), and choose free
/// ones where none was given. Must happen before anything starts, so that a port in use
/// fails the run with nothing to undo. The sockets stay bound (TCP ones listening) until
/// `start`: the TCP listeners become the forwarder's.
pub fn reserve_ports(planned: &[PortMapping]) -> Result<Reserved> {
    let mut held_tcp = Vec::new();
    let mut held_udp = Vec::new();
    let mut ports = planned.to_vec();
    for (i, p) in ports.iter_mut().enumerate() {
        let addr = SocketAddrV4::new(p.bind_ip(), p.host_port);
        let bound = match p.proto {
            Proto::Tcp => TcpListener::bind(addr).and_then(|l| {
                let port = l.local_addr()?.port();
                held_tcp.push((i, l));
                Ok(port)
            }),
            Proto::Udp => UdpSocket::bind(addr).and_then(|s| {
                let port = s.local_addr()?.port();
                held_udp.push((i, s));
                Ok(port)
            }),
        };
        let what = format!("host port {}/{}", p.host_port, p.proto.as_str());
        match bound {
            Ok(port) => p.host_port = port,
            // podman's exit status (126: the container cannot start) and words.
            Err(e) if e.kind() == ErrorKind::AddrInUse => {
                return Err(Error::Init {
                    message: format!(
                        "{what}: address already in use: choose another host port (-p OTHER:{}) or stop what uses it",
                        p.container_port
                    ),
                    code: 126,
                    errno: e.raw_os_error(),
                });
            }
            Err(e) if e.kind() == ErrorKind::PermissionDenied => {
                return Err(Error::Usage(format!(
                    "{what} is privileged: choose a port of 1024 or more, or lower net.ipv4.ip_unprivileged_port_start"
                )));
            }
            Err(e) if e.kind() == ErrorKind::AddrNotAvailable => {
                return Err(Error::Usage(format!(
                    "{what}: the address {} is not one of this host's: give one it has, or none",
                    p.bind_ip()
                )));
            }
            Err(e) => return Err(Error::io(format!("cannot check {what}"), e)),
        }
    }
    Ok(Reserved {
        ports,
        tcp: held_tcp,
        udp: held_udp,
    })
}
