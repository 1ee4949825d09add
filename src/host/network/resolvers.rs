//! The networks' DNS responders, run by the `__netns` manager: one `nook __dns` per network
//! in use, in the rootless network namespace (entered with `nsenter` through the namespace's
//! holder: its user namespace, where root may bind port 53, and its network namespace), on
//! the gateway's port 53, answering from the network's hosts file (`hosts_path`). Each is the
//! manager's child with a parent-death signal (`setpriv --pdeathsig`), ended by SIGTERM when
//! its network has no member left or the manager ends, so none outlives it.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use super::netns::{self, State};
use crate::plan::network::netdns;

/// The hosts file of `network`, the single source of its names.
pub fn hosts_path(network: &str) -> PathBuf {
    netns::dir().join("hosts").join(network)
}

/// Write `network`'s hosts file whole (renamed into place: `__dns` re-reads it on change).
pub fn write_hosts(network: &str, text: &str) {
    let path = hosts_path(network);
    if let Some(d) = path.parent() {
        let _ = crate::store::private::create_dir(d);
    }
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[derive(Default)]
pub struct Resolvers {
    running: BTreeMap<String, Child>,
    /// Networks whose responder could not start (not retried: its log says why).
    failed: Vec<String>,
}

impl Resolvers {
    /// Start the responders of the networks in use, end those of networks left; records the
    /// served networks in `state.dns`. Returns whether that changed.
    pub fn sync(&mut self, holder: i32, state: &mut State) -> bool {
        let mut used: BTreeMap<String, (std::net::Ipv4Addr, bool)> = BTreeMap::new();
        for l in &state.leases {
            if let Some(gw) = l.gateway {
                used.insert(l.network.clone(), (gw, l.internal));
            }
        }
        let before = state.dns.clone();
        // A responder that ended (killed, say) is started again below: a network in use is
        // never answered for by nothing.
        self.running.retain(|_, c| matches!(c.try_wait(), Ok(None)));
        let left: Vec<String> = self
            .running
            .keys()
            .filter(|n| !used.contains_key(*n))
            .cloned()
            .collect();
        for n in left {
            if let Some(c) = self.running.remove(&n) {
                end(c);
            }
        }
        self.failed.retain(|n| used.contains_key(n));
        let way_out = netns::dir().join("way-out").exists();
        for (net, (gw, internal)) in &used {
            if self.running.contains_key(net) || self.failed.contains(net) {
                continue;
            }
            let up = netdns::upstream(*internal, way_out);
            match start(holder, net, *gw, up) {
                Some(c) => {
                    self.running.insert(net.clone(), c);
                }
                None => self.failed.push(net.clone()),
            }
        }
        state.dns = self.running.keys().cloned().collect();
        let _ = std::fs::write(
            netns::dir().join("dns"),
            match (self.running.len(), self.failed.is_empty()) {
                (n, true) => format!("{n} responders"),
                (n, false) => format!(
                    "{n} responders, failed on {} (see dns-NETWORK.log in the runtime directory)",
                    self.failed.join(", ")
                ),
            },
        );
        before != state.dns
    }

    pub fn stop_all(&mut self) {
        for (_, c) in std::mem::take(&mut self.running) {
            end(c);
        }
        let _ = std::fs::remove_file(netns::dir().join("dns"));
    }
}

fn end(mut c: Child) {
    let pid = nix::unistd::Pid::from_raw(c.id() as i32);
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
    let _ = c.wait();
}

/// `nook __dns` for `network`, once it says `ready`.
fn start(
    holder: i32,
    network: &str,
    gw: std::net::Ipv4Addr,
    up: netdns::Upstream,
) -> Option<Child> {
    let nsenter = netns::program("nsenter")?;
    let setpriv = netns::program("setpriv")?;
    let exe = std::env::current_exe().ok()?;
    let hosts = hosts_path(network);
    if !hosts.exists() {
        write_hosts(network, "");
    }
    let log = File::create(netns::dir().join(format!("dns-{network}.log"))).ok()?;
    let mut child = Command::new(nsenter)
        .args(["-t", &holder.to_string(), "-U", "-n", "--"])
        .arg(setpriv)
        .args(["--pdeathsig", "TERM", "--"])
        .arg(exe)
        .arg(crate::app::dns::SUBCOMMAND)
        .args(netdns::dns_args(gw, &hosts.to_string_lossy(), up))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .ok()?;
    let mut word = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = std::io::BufReader::new(out).read_line(&mut word);
    }
    if word.trim() == "ready" {
        return Some(child);
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}
