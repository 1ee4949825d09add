//! The user's rootless network namespace, where the bridges of the networks in use live, and
//! its state. One `nook __netns` process (the manager, in the host's namespaces, its own
//! session) forks a child that joins the user's shared user namespace (the holder's, the one
//! every container is in) and unshares a network namespace: the child holds it. The manager
//! attaches one slirp4netns to it (tap0, 10.0.2.100: the way out, masqueraded with
//! iptables-nft inside) and looks at the leases when asked on its socket (`sock`: a run that
//! attached waits for the answer, which comes once its networks' DNS responders serve; a run
//! that detached does not wait) and every two seconds (for a run killed before it could ask):
//! when no container with one is alive, it ends, and with it the child (parent-death signal)
//! and slirp4netns (its exit pipe). A SIGKILLed manager takes both with it; the next run finds its pid (with start time)
//! dead and starts another.
//!
//! State: `RUNTIME_DIR/netns/state.json` (manager, namespace holder, bridges made, leases),
//! read and written under `RUNTIME_DIR/netns/lock` (flock). A lease ties a container's
//! address on a network to a live process (pid and start time: the run or monitor that
//! started it); a lease whose process is gone is reclaimed by whoever takes the lock next.

use std::fs::{self, File};
use std::io::{BufRead, Write};
use std::net::Ipv4Addr;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use nix::fcntl::{Flock, FlockArg};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::plan::proc_stat::ProcStat;

/// The manager's hidden command.
pub const SUBCOMMAND: &str = "__netns";

/// A container's address on one network, and the names others find it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    pub network: String,
    pub container: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub ip: Ipv4Addr,
    pub owner: i32,
    pub owner_start: u64,
    /// The container's `/etc/hosts` (host side), rewritten when the network changes.
    pub hosts: PathBuf,
    /// The network's gateway (where its DNS responder listens) and whether it is internal.
    #[serde(default)]
    pub gateway: Option<Ipv4Addr>,
    #[serde(default)]
    pub internal: bool,
    /// Its interface in the container (`eth0`, `eth1`...).
    #[serde(default)]
    pub device: String,
    /// That interface's MAC address (`aa:bb:...`), chosen at random when it is made.
    #[serde(default)]
    pub mac: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    /// The manager: pid and start time.
    pub manager: Option<(i32, u64)>,
    /// The process holding the namespace.
    pub holder: Option<i32>,
    /// Bridges made in this namespace.
    pub bridges: Vec<String>,
    pub leases: Vec<Lease>,
    /// The networks whose DNS responder (`nook __dns`, the manager's child) is ready.
    #[serde(default)]
    pub dns: Vec<String>,
    /// Each network's last address given (the next is searched from after it).
    #[serde(default)]
    pub last: std::collections::BTreeMap<String, Ipv4Addr>,
}

/// The start time of `pid` (field 22 of /proc/PID/stat), if it runs (a zombie does not: a
/// SIGKILLed manager may wait a while for its reaper).
pub fn start_time(pid: i32) -> Option<u64> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let stat = ProcStat::parse(&text)?;
    stat.start_time().filter(|_| !stat.ended())
}

fn alive(pid: i32, start: u64) -> bool {
    start_time(pid) == Some(start)
}

pub fn dir() -> PathBuf {
    crate::host::state::runtime_dir(nix::unistd::getuid().as_raw()).join("netns")
}

/// The state, locked until dropped.
pub struct Locked {
    _lock: Flock<File>,
    path: PathBuf,
    pub state: State,
}

pub fn lock() -> Result<Locked> {
    let dir = dir();
    crate::store::private::create_dir(&dir)
        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    let file = File::create(dir.join("lock"))
        .map_err(|e| Error::io(format!("cannot open {}/lock", dir.display()), e))?;
    let lock = Flock::lock(file, FlockArg::LockExclusive)
        .map_err(|(_, e)| Error::io("cannot lock the network state", e.into()))?;
    let path = dir.join("state.json");
    let state = fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    Ok(Locked {
        _lock: lock,
        path,
        state,
    })
}

impl Locked {
    pub fn save(&self) -> Result<()> {
        let tmp = self.path.with_extension("tmp");
        let text = serde_json::to_vec(&self.state)
            .map_err(|e| Error::Internal(format!("internal error: {e}")))?;
        fs::write(&tmp, text)
            .and_then(|()| fs::rename(&tmp, &self.path))
            .map_err(|e| Error::io(format!("cannot write {}", self.path.display()), e))
    }

    /// Drop the leases whose process is gone; returns the networks they were on.
    pub fn reclaim(&mut self) -> Vec<String> {
        let (live, dead): (Vec<Lease>, Vec<Lease>) = std::mem::take(&mut self.state.leases)
            .into_iter()
            .partition(|l| alive(l.owner, l.owner_start));
        self.state.leases = live;
        dead.into_iter().map(|l| l.network).collect()
    }

    /// The running manager's namespace holder, if the manager runs.
    pub fn running(&self) -> Option<i32> {
        match self.state.manager {
            Some((pid, start)) if alive(pid, start) => self.state.holder,
            _ => None,
        }
    }

    /// The namespace holder, a manager started first when none runs. `userns` is the user
    /// namespace (a `/proc/PID/ns/user`) the namespace is made in.
    pub fn ensure(&mut self, userns: &Path) -> Result<i32> {
        if let Some(h) = self.running() {
            return Ok(h);
        }
        // A manager that died took its namespace with it: nothing of it is left.
        self.state.manager = None;
        self.state.holder = None;
        self.state.bridges.clear();
        let (pid, holder) = spawn(userns)?;
        let start = start_time(pid).unwrap_or(0);
        self.state.manager = Some((pid, start));
        self.state.holder = Some(holder);
        self.save()?;
        Ok(holder)
    }
}

/// Start a manager and wait for its word: `ok HOLDER`.
fn spawn(userns: &Path) -> Result<(i32, i32)> {
    let mut cmd = Command::new("/proc/self/exe");
    cmd.arg(SUBCOMMAND)
        .arg(dir())
        .arg(userns)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    crate::sys::new_session(&mut cmd);
    let mut child = cmd
        .spawn()
        .map_err(|e| Error::io("cannot start nook's network namespace (/proc/self/exe)", e))?;
    let mut word = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = std::io::BufReader::new(out).read_line(&mut word);
    }
    let pid = child.id() as i32;
    match word.trim().strip_prefix("ok ").and_then(|h| h.parse().ok()) {
        Some(holder) => Ok((pid, holder)),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            Err(Error::Usage(format!(
                "cannot make the rootless network namespace: {}",
                match word.trim() {
                    "" => "its process ended without a word",
                    w => w,
                }
            )))
        }
    }
}

/// The manager's socket: a connection is a request to bring the networks' responders in line
/// with the leases now (and to end if none is left); answered `ok` once done.
fn socket_path(dir: &Path) -> PathBuf {
    dir.join("sock")
}

/// Ask the running manager to look at the leases now; with `wait`, until it has (the
/// responders of the caller's networks serve, their hosts files are current). A manager that
/// does not answer (ended meanwhile) is not waited for.
pub fn ask_manager(wait: bool) {
    use std::io::Read;
    let Ok(mut s) = std::os::unix::net::UnixStream::connect(socket_path(&dir())) else {
        return;
    };
    if s.write_all(b"sync\n").is_err() || !wait {
        return;
    }
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    let mut answer = [0u8; 3];
    let _ = s.read(&mut answer);
}

/// A program from the system's directories (a user's PATH may lack /usr/sbin).
pub fn program(name: &str) -> Option<PathBuf> {
    ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.exists())
}

/// Run `argv` in the user and network namespaces of `pid` (as root there), `input` on its
/// standard input: for iptables, once per bridge (interfaces are made over netlink: `links`).
pub fn run_in(pid: i32, argv: &[&str], input: &str) -> std::result::Result<(), String> {
    let nsenter =
        program("nsenter").ok_or("nsenter is not installed: sudo apt-get install util-linux")?;
    let prog = program(argv[0]).ok_or_else(|| format!("{} is not installed", argv[0]))?;
    let mut child = Command::new(nsenter)
        .args(["-t", &pid.to_string(), "-U", "-n", "--"])
        .arg(prog)
        .args(&argv[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run nsenter: {e}"))?;
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(input.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("cannot wait for {}: {e}", argv[0]))?;
    match out.status.success() {
        true => Ok(()),
        false => Err(format!(
            "{} failed: {}",
            argv.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )),
    }
}

/// `nook __netns DIR USERNS`: the manager.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let (Some(dir), Some(userns)) = (args.first(), args.get(1)) else {
        return ExitCode::from(125);
    };
    match manage(Path::new(dir), Path::new(userns)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            println!("{why}");
            ExitCode::from(125)
        }
    }
}

fn manage(dir: &Path, userns: &Path) -> std::result::Result<(), String> {
    use nix::sched::{CloneFlags, setns, unshare};
    let ns = File::open(userns).map_err(|e| format!("cannot open {}: {e}", userns.display()))?;
    let (rd, wr) = nix::unistd::pipe().map_err(|e| format!("cannot create a pipe: {e}"))?;
    let me = nix::unistd::getpid();
    let holder = match crate::sys::fork().map_err(|e| format!("cannot fork: {e}"))? {
        nix::unistd::ForkResult::Child => {
            drop(rd);
            // Not the starter's pipe: it waits for the manager's word, up to its end.
            if let Ok(null) = File::options().write(true).open("/dev/null") {
                let _ = nix::unistd::dup2_stdout(&null);
            }
            let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
            if nix::unistd::getppid() != me {
                std::process::exit(1);
            }
            let made = setns(&ns, CloneFlags::CLONE_NEWUSER)
                .and_then(|()| unshare(CloneFlags::CLONE_NEWNET));
            if made.is_err() {
                std::process::exit(1);
            }
            let _ = nix::unistd::write(&wr, b"r");
            drop(wr);
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        nix::unistd::ForkResult::Parent { child } => child,
    };
    drop((wr, ns));
    let mut b = [0u8; 1];
    if !matches!(nix::unistd::read(&rd, &mut b), Ok(1)) {
        return Err("cannot join your user namespace and make a network namespace".into());
    }
    let h = holder.as_raw();
    let mut setup = super::links::Script::default();
    setup.enter(h)?;
    setup
        .send("bring lo up".into(), super::rtnl::up_index(1))
        .write("/proc/sys/net/ipv4/ip_forward", b"1");
    setup.run(h)?;
    // Containers of two networks do not reach each other (each bridge lets its own traffic
    // through first: `bridge::ensure_bridge`).
    let _ = run_in(
        h,
        &[
            "iptables", "-A", "FORWARD", "-i", "nook+", "-o", "nook+", "-j", "DROP",
        ],
        "",
    );
    let slirp = way_out(dir, h);
    let sock = socket_path(dir);
    let _ = fs::remove_file(&sock);
    let listener = std::os::unix::net::UnixListener::bind(&sock)
        .map_err(|e| format!("cannot listen on {}: {e}", sock.display()))?;
    let _ = listener.set_nonblocking(true);
    println!("ok {h}");
    let _ = std::io::stdout().flush();
    if let Ok(null) = File::options().write(true).open("/dev/null") {
        let _ = nix::unistd::dup2_stdout(&null);
    }
    watch(holder, &listener, &sock);
    drop(listener);
    // Its exit pipe closes: slirp4netns ends; reaped here, so nothing is left.
    if let Some((mut child, exit)) = slirp {
        drop(exit);
        let _ = child.wait();
    }
    Ok(())
}

/// slirp4netns attached to the namespace (the way out), or None when it cannot run: the
/// networks then have no way out, and `nook info` says so.
fn way_out(dir: &Path, holder: i32) -> Option<(std::process::Child, std::os::fd::OwnedFd)> {
    let slirp = program("slirp4netns")?;
    let (ready_r, ready_w) = nix::unistd::pipe().ok()?;
    let (exit_r, exit_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ok()?;
    let exit_r = nix::unistd::dup(&exit_r).ok()?;
    let log = File::create(dir.join("slirp4netns.log")).ok()?;
    let child = Command::new(slirp)
        .args([
            "--configure",
            "--mtu=65520",
            "--disable-host-loopback",
            "--api-socket=slirp.sock",
        ])
        .arg(format!("--ready-fd={}", ready_w.as_raw_fd()))
        .arg(format!("--exit-fd={}", exit_r.as_raw_fd()))
        .arg(holder.to_string())
        .arg("tap0")
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .ok()?;
    drop((ready_w, exit_r));
    let mut b = [0u8; 1];
    let _ = nix::unistd::read(&ready_r, &mut b);
    let _ = fs::write(dir.join("way-out"), "slirp4netns");
    Some((child, exit_w))
}

/// The requests waiting on the manager's socket, after up to `tick` of waiting for one.
fn requests(
    listener: &std::os::unix::net::UnixListener,
    tick: Duration,
) -> Vec<std::os::unix::net::UnixStream> {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let ms = PollTimeout::try_from(tick.as_millis() as i32).unwrap_or(PollTimeout::MAX);
    let _ = poll(&mut [PollFd::new(listener.as_fd(), PollFlags::POLLIN)], ms);
    let mut asked = Vec::new();
    while let Ok((s, _)) = listener.accept() {
        asked.push(s);
    }
    asked
}

/// How often the manager looks without being asked: for a lease holder killed before it could
/// say so (SIGKILL), and for the namespace's holder.
const TICK: Duration = Duration::from_secs(2);

/// Keep the DNS responders to the networks in use, when asked (a run attached or detached: its
/// request is answered once done) or every `TICK`; end when no lease is alive (its state
/// cleared under the lock), or when the namespace's holder died.
fn watch(holder: Pid, listener: &std::os::unix::net::UnixListener, sock: &Path) {
    use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
    let mut dns = super::resolvers::Resolvers::default();
    loop {
        let asked = requests(listener, TICK);
        let answer = |asked: Vec<std::os::unix::net::UnixStream>| {
            for mut s in asked {
                let _ = s.set_nonblocking(false);
                let _ = s.write_all(b"ok\n");
            }
        };
        if !matches!(
            waitpid(holder, Some(WaitPidFlag::WNOHANG)),
            Ok(WaitStatus::StillAlive)
        ) {
            if let Ok(mut l) = lock() {
                l.state = State {
                    last: std::mem::take(&mut l.state.last),
                    ..State::default()
                };
                let _ = l.save();
                // Under the lock: see below.
                let _ = fs::remove_file(sock);
            }
            dns.stop_all();
            return;
        }
        let Ok(mut l) = lock() else { continue };
        let gone = l.reclaim();
        if l.state.leases.is_empty() {
            // The networks' last addresses outlive the namespace (podman's IPAM keeps them).
            l.state = State {
                last: std::mem::take(&mut l.state.last),
                ..State::default()
            };
            let _ = l.save();
            // Under the lock: once it is released, the next run starts another manager,
            // which binds a new socket at this path; removed later, it would be that one's,
            // and its runs' requests would find no socket (not waited for: a new network's
            // responder not started before the run went on).
            let _ = fs::remove_file(sock);
            dns.stop_all();
            let _ = fs::remove_file(dir().join("way-out"));
            let _ = nix::sys::signal::kill(holder, nix::sys::signal::Signal::SIGKILL);
            let _ = waitpid(holder, None);
            return;
        }
        if !gone.is_empty() {
            super::bridge::rewrite_hosts(&l.state, &gone);
        }
        if dns.sync(holder.as_raw(), &mut l.state) || !gone.is_empty() {
            let _ = l.save();
        }
        drop(l);
        answer(asked);
    }
}
