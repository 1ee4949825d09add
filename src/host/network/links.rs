//! Interfaces made in-process over rtnetlink, in the namespaces of the user's shared user
//! namespace: a forked child joins that user namespace (root there owns both the rootless
//! network namespace and every container's), then each network namespace in turn, and sends
//! the messages `rtnl` encoded, one acknowledgement each. No `nsenter`, no `ip`: one fork
//! per container start (the old path forked and executed `nsenter` + `ip -batch` twice).
//!
//! Everything the child uses (messages, namespace descriptors, the path of a sysctl, the
//! slots of looked-up indexes) is made before the fork: the run may have other threads (the
//! D-Bus exchange for its cgroup), so the child makes system calls only. Its word back is
//! the failed step's number and errno on a pipe, named here by the step's label.

use std::ffi::CString;
use std::fs::File;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use nix::errno::Errno;
use nix::sched::{CloneFlags, setns};
use nix::sys::socket::{AddressFamily, MsgFlags, SockFlag, SockProtocol, SockType};

use super::rtnl::{self, Answer, Msg, Slot};

enum Step {
    /// Join this network namespace and open a netlink socket in it.
    Enter(OwnedFd),
    /// Send; expect an acknowledgement.
    Send(Msg),
    /// Look a link up by name; keep its index in the slot.
    Lookup(Msg, Slot),
    /// Write bytes to a file (a sysctl of the current network namespace).
    Write(CString, &'static [u8]),
}

/// Steps run in one child, in order.
#[derive(Default)]
pub struct Script {
    steps: Vec<(String, Step)>,
    slots: usize,
    /// Descriptors the messages name (a veth peer's namespace), open until the child ends.
    keep: Vec<OwnedFd>,
}

fn open_ns(pid: i32, kind: &str) -> Result<OwnedFd, String> {
    let path = format!("/proc/{pid}/ns/{kind}");
    File::open(&path)
        .map(OwnedFd::from)
        .map_err(|e| format!("cannot open {path}: {e}"))
}

impl Script {
    /// Talk to the network namespace of `pid` from here on.
    pub fn enter(&mut self, pid: i32) -> Result<&mut Self, String> {
        let fd = open_ns(pid, "net")?;
        self.steps.push((
            format!("enter the network namespace of {pid}"),
            Step::Enter(fd),
        ));
        Ok(self)
    }

    /// A descriptor of `pid`'s network namespace the child keeps open (for a veth's peer).
    pub fn netns_fd(&mut self, pid: i32) -> Result<u32, String> {
        let fd = open_ns(pid, "net")?;
        let raw = fd.as_raw_fd() as u32;
        self.keep.push(fd);
        Ok(raw)
    }

    pub fn send(&mut self, label: String, msg: Msg) -> &mut Self {
        self.steps.push((label, Step::Send(msg)));
        self
    }

    /// Look up link `name`; returns the slot its index will be in.
    pub fn lookup(&mut self, name: &str) -> Slot {
        let slot = self.slots;
        self.slots += 1;
        self.steps.push((
            format!("find link {name}"),
            Step::Lookup(rtnl::get_link(name), slot),
        ));
        slot
    }

    pub fn write(&mut self, path: &'static str, value: &'static [u8]) -> &mut Self {
        if let Ok(p) = CString::new(path) {
            self.steps
                .push((format!("write {path}"), Step::Write(p, value)));
        }
        self
    }

    /// `other`'s steps after these (its slots renumbered after ours).
    pub fn append(&mut self, other: Script) {
        let off = self.slots;
        for (label, mut step) in other.steps {
            match &mut step {
                Step::Send(m) => shift(m, off),
                Step::Lookup(m, slot) => {
                    shift(m, off);
                    *slot += off;
                }
                Step::Enter(_) | Step::Write(..) => {}
            }
            self.steps.push((label, step));
        }
        self.slots += other.slots;
        self.keep.extend(other.keep);
    }

    /// Run the steps as root of the user namespace of `userns_pid` (a process in it).
    pub fn run(mut self, userns_pid: i32) -> Result<(), String> {
        if self.steps.is_empty() {
            return Ok(());
        }
        let userns = open_ns(userns_pid, "user")?;
        let (rd, wr) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
            .map_err(|e| format!("cannot create a pipe: {e}"))?;
        let mut slots = vec![0u32; self.slots];
        let mut buf = vec![0u8; 16384];
        match crate::sys::fork_syscalls_only().map_err(|e| format!("cannot fork: {e}"))? {
            nix::unistd::ForkResult::Child => {
                drop(rd);
                let code = match child(&userns, &mut self.steps, &mut slots, &mut buf) {
                    Ok(()) => 0,
                    Err((step, errno)) => {
                        let mut word = [0u8; 8];
                        word[..4].copy_from_slice(&(step as u32).to_ne_bytes());
                        word[4..].copy_from_slice(&(errno as i32).to_ne_bytes());
                        let _ = nix::unistd::write(&wr, &word);
                        1
                    }
                };
                crate::sys::exit_now(code)
            }
            nix::unistd::ForkResult::Parent { child } => {
                drop(wr);
                let mut word = [0u8; 8];
                let n = read_full(&rd, &mut word);
                let status = nix::sys::wait::waitpid(child, None);
                if n == 8 {
                    let step = u32::from_ne_bytes([word[0], word[1], word[2], word[3]]);
                    let errno =
                        Errno::from_raw(i32::from_ne_bytes([word[4], word[5], word[6], word[7]]));
                    let what = match step {
                        u32::MAX => "join the user namespace".to_string(),
                        s => self
                            .steps
                            .get(s as usize)
                            .map(|(l, _)| l.clone())
                            .unwrap_or_default(),
                    };
                    return Err(format!("cannot {what}: {}", errno.desc()));
                }
                match status {
                    Ok(nix::sys::wait::WaitStatus::Exited(_, 0)) => Ok(()),
                    other => Err(format!("the netlink child ended: {other:?}")),
                }
            }
        }
    }
}

fn shift(m: &mut Msg, off: usize) {
    for (_, slot) in &mut m.patch {
        *slot += off;
    }
}

fn read_full(fd: &OwnedFd, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match nix::unistd::read(fd, &mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(Errno::EINTR) => continue,
            Err(_) => break,
        }
    }
    n
}

/// The child's work: system calls only (see the module docs). An error names its step
/// (`u32::MAX` for joining the user namespace) and errno.
fn child(
    userns: &OwnedFd,
    steps: &mut [(String, Step)],
    slots: &mut [u32],
    buf: &mut [u8],
) -> Result<(), (usize, Errno)> {
    setns(userns, CloneFlags::CLONE_NEWUSER).map_err(|e| (u32::MAX as usize, e))?;
    let mut sock: Option<OwnedFd> = None;
    for (i, (_, step)) in steps.iter_mut().enumerate() {
        let fail = |e: Errno| (i, e);
        match step {
            Step::Enter(fd) => {
                setns(fd.as_fd(), CloneFlags::CLONE_NEWNET).map_err(fail)?;
                let s = nix::sys::socket::socket(
                    AddressFamily::Netlink,
                    SockType::Raw,
                    SockFlag::SOCK_CLOEXEC,
                    SockProtocol::NetlinkRoute,
                )
                .map_err(fail)?;
                sock = Some(s);
            }
            Step::Send(msg) | Step::Lookup(msg, _) => {
                let s = sock.as_ref().ok_or((i, Errno::EBADF))?;
                msg.fill(slots);
                nix::sys::socket::send(s.as_raw_fd(), &msg.bytes, MsgFlags::empty())
                    .map_err(fail)?;
                let n = loop {
                    match nix::sys::socket::recv(s.as_raw_fd(), buf, MsgFlags::empty()) {
                        Err(Errno::EINTR) => continue,
                        r => break r.map_err(fail)?,
                    }
                };
                match (rtnl::answer(&buf[..n.min(buf.len())]), &*step) {
                    (Answer::Err(e), _) => return Err((i, Errno::from_raw(e))),
                    (Answer::Link(index), Step::Lookup(_, slot)) => {
                        if let Some(s) = slots.get_mut(*slot) {
                            *s = index;
                        }
                    }
                    (Answer::Ok, Step::Send(_)) => {}
                    _ => return Err((i, Errno::EPROTO)),
                }
            }
            Step::Write(path, value) => {
                let fd = nix::fcntl::open(
                    path.as_c_str(),
                    nix::fcntl::OFlag::O_WRONLY | nix::fcntl::OFlag::O_CLOEXEC,
                    nix::sys::stat::Mode::empty(),
                )
                .map_err(fail)?;
                nix::unistd::write(&fd, value).map_err(fail)?;
            }
        }
    }
    Ok(())
}
