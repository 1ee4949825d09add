//! A container on bridge networks (`--network NAME`): its leases, the bridges and its veth
//! pairs in the rootless network namespace (`netns`), and the network part of every member's
//! `/etc/hosts`, kept current under the state's lock. Interfaces are made over rtnetlink by
//! one forked child (`links`) that joins the rootless namespace, then the container's: both
//! are owned by the same user namespace (the holder's), so root there may make the veth in
//! one and put its peer in the other. Only a bridge's iptables rules, once per bridge, still
//! run a program (`iptables` through `nsenter`).

use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nix::unistd::Pid;

use super::netns::{self, Lease, State};
use super::networks::Networks;
use super::{links, rtnl};
use crate::error::{Error, Result};
use crate::plan::network::ipam;
use crate::plan::run::RunPlan;

/// The container's leases; released by `detach` (or reclaimed once its process is gone).
pub struct Attached {
    container: String,
}

/// The names on `nets`: an address each, its container's name, aliases and short id.
fn network_entries(state: &State, nets: &BTreeSet<&str>) -> Vec<(Ipv4Addr, Vec<String>)> {
    let mut entries: Vec<(Ipv4Addr, Vec<String>)> = Vec::new();
    for l in state
        .leases
        .iter()
        .filter(|l| nets.contains(l.network.as_str()))
    {
        if entries.iter().any(|(ip, _)| *ip == l.ip) {
            continue;
        }
        let mut names = vec![l.name.clone()];
        names.extend(l.aliases.iter().cloned());
        names.push(l.container[..l.container.len().min(12)].to_string());
        entries.push((l.ip, names));
    }
    entries
}

/// The hosts file of each of `networks` (what its DNS responder answers), and the network
/// part of each member's `/etc/hosts`, both from the same leases.
pub fn rewrite_hosts(state: &State, networks: &[String]) {
    let touched: BTreeSet<&str> = networks.iter().map(String::as_str).collect();
    for n in &touched {
        let one = BTreeSet::from([*n]);
        let text = crate::plan::network::netdns::hosts_file(&network_entries(state, &one));
        super::resolvers::write_hosts(n, &text);
    }
    let members: BTreeSet<&str> = state
        .leases
        .iter()
        .filter(|l| touched.contains(l.network.as_str()))
        .map(|l| l.container.as_str())
        .collect();
    for c in members {
        let mine: Vec<&Lease> = state.leases.iter().filter(|l| l.container == c).collect();
        let Some(first) = mine.first() else { continue };
        let nets: BTreeSet<&str> = mine.iter().map(|l| l.network.as_str()).collect();
        let current = std::fs::read_to_string(&first.hosts).unwrap_or_default();
        let entries = network_entries(state, &nets);
        // In place: the file is bind-mounted into the container.
        let _ = std::fs::write(&first.hosts, ipam::splice_hosts(&current, &entries));
    }
}

pub(super) fn same_userns(a: i32, b: Pid) -> bool {
    let ino = |p: String| std::fs::metadata(p).map(|m| m.ino()).ok();
    let x = ino(format!("/proc/{a}/ns/user"));
    x.is_some() && x == ino(format!("/proc/{b}/ns/user"))
}

/// Put the container whose `__init` is `init` on its plan's networks.
pub fn attach(plan: &RunPlan, init: Pid, state_dir: &Path) -> Result<Option<Attached>> {
    let Some(b) = plan.network.bridge() else {
        return Ok(None);
    };
    let nets = Networks::open()?;
    let records = b
        .networks
        .iter()
        .map(|n| nets.resolve(n))
        .collect::<Result<Vec<_>>>()?;
    let mut l = netns::lock()?;
    let gone = l.reclaim();
    let holder = l.ensure(Path::new(&format!("/proc/{init}/ns/user")))?;
    if !same_userns(holder, init) {
        return Err(Error::Usage(
            "the rootless network namespace belongs to another user namespace than this container's: stop the containers on networks (or run nook system migrate) and try again".into(),
        ));
    }
    let me = std::process::id() as i32;
    let owner_start = netns::start_time(me).unwrap_or(0);
    let mut p = Plumbing::default();
    let mut leases = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let asked = b.ip_on(i, &r.name);
        let (ip, gw, mac) = p.link(&l.state, r, &plan.id, i, asked, i == 0, init.as_raw())?;
        l.state.last.insert(r.name.clone(), ip);
        leases.push(Lease {
            network: r.name.clone(),
            container: plan.id.clone(),
            name: plan.name.clone(),
            aliases: b.aliases_on(&r.name),
            ip,
            owner: me,
            owner_start,
            hosts: state_dir.join("hosts"),
            gateway: Some(gw),
            internal: r.internal,
            device: format!("eth{i}"),
            mac,
        });
    }
    p.apply(&mut l, holder, init.as_raw(), &records)?;
    l.state.leases.extend(leases);
    l.save()?;
    let mut touched = gone;
    touched.extend(records.iter().map(|r| r.name.clone()));
    rewrite_hosts(&l.state, &touched);
    drop(l);
    let gateways: Vec<Ipv4Addr> = leases_gateways(&records);
    resolv_conf(plan, state_dir, &gateways);
    // Answered once the manager's responders serve these networks (and their names).
    netns::ask_manager(true);
    Ok(Some(Attached {
        container: plan.id.clone(),
    }))
}

/// What puts a container on networks: in the rootless namespace (bridges, veths: `outer`),
/// in the container's (addresses, route: `inner`), both sent over rtnetlink by one forked
/// child (`links`), and the iptables rules of a bridge made now.
#[derive(Default)]
pub(super) struct Plumbing {
    outer: links::Script,
    inner: links::Script,
    rules: Vec<String>,
}

impl Plumbing {
    /// Add the container `id` (network namespace of `pid`) to `r` as `eth{i}`: its address
    /// (`asked`, else the first free one) and the gateway.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn link(
        &mut self,
        state: &State,
        r: &ipam::NetworkRecord,
        id: &str,
        i: usize,
        asked: Option<Ipv4Addr>,
        default_route: bool,
        pid: i32,
    ) -> Result<(Ipv4Addr, Ipv4Addr, String)> {
        let (subnet, gw) = r.subnet().map_err(Error::Usage)?;
        let used: Vec<Ipv4Addr> = state
            .leases
            .iter()
            .filter(|x| x.network == r.name)
            .map(|x| x.ip)
            .collect();
        let last = state.last.get(&r.name).copied();
        let ip =
            ipam::address_after(&r.name, subnet, gw, &used, asked, last).map_err(Error::Usage)?;
        let mac = random_mac()?;
        let br = &r.network_interface;
        let o = &mut self.outer;
        let made = self
            .rules
            .iter()
            .any(|x| x.contains(&format!("-i {br} -o {br}")));
        if !state.bridges.contains(br) && !made {
            o.send(
                format!("make bridge {br} (mtu {})", r.mtu()),
                rtnl::new_bridge(br, r.mtu()),
            );
            let slot = o.lookup(br);
            o.send(
                format!("add {gw}/{} to {br}", subnet.prefix),
                rtnl::new_addr(gw, subnet.prefix, slot),
            );
            self.rules
                .push(format!("-I FORWARD -i {br} -o {br} -j ACCEPT"));
            match r.internal {
                true => {
                    self.rules.push(format!("-A FORWARD -i {br} -j DROP"));
                    self.rules.push(format!("-A FORWARD -o {br} -j DROP"));
                }
                false => self.rules.push(format!(
                    "-t nat -A POSTROUTING -s {subnet} ! -o {br} -j MASQUERADE"
                )),
            }
        }
        let veth = ipam::veth_name(id, i);
        let eth = format!("eth{i}");
        let fd = o.netns_fd(pid).map_err(fail)?;
        let master = o.lookup(br);
        o.send(
            format!("make veth {veth} (peer {eth}) on {br}"),
            rtnl::new_veth(&veth, master, &eth, fd, r.mtu(), mac),
        );
        let dev = self.inner.lookup(&eth);
        self.inner.send(
            format!("add {ip}/{} to {eth}", subnet.prefix),
            rtnl::new_addr(ip, subnet.prefix, dev),
        );
        self.inner
            .send(format!("bring {eth} up"), rtnl::link_up(dev));
        if default_route && !r.internal {
            self.inner.send(
                format!("add the default route via {gw}"),
                rtnl::default_route(gw),
            );
        }
        Ok((ip, gw, rtnl::mac_text(&mac)))
    }

    /// Make the interfaces; the bridges made are recorded in the state.
    pub(super) fn apply(
        self,
        l: &mut netns::Locked,
        holder: i32,
        pid: i32,
        records: &[ipam::NetworkRecord],
    ) -> Result<()> {
        let mut all = links::Script::default();
        all.enter(holder).map_err(fail)?;
        all.append(self.outer);
        all.enter(pid).map_err(fail)?;
        all.append(self.inner);
        all.run(holder).map_err(fail)?;
        for r in records.iter().map(|r| r.network_interface.clone()) {
            if !l.state.bridges.contains(&r) {
                l.state.bridges.push(r);
            }
        }
        for rule in &self.rules {
            let mut argv = vec!["iptables"];
            argv.extend(rule.split(' '));
            netns::run_in(holder, &argv, "").map_err(fail)?;
        }
        Ok(())
    }
}

/// A MAC address for a container's interface: random, locally administered, unicast.
fn random_mac() -> Result<[u8; 6]> {
    let id = crate::host::facts::random_id()?;
    let mut mac = [0u8; 6];
    for (i, b) in mac.iter_mut().enumerate() {
        *b = u8::from_str_radix(id.get(2 * i..2 * i + 2).unwrap_or("00"), 16).unwrap_or(0);
    }
    mac[0] = (mac[0] & 0xfc) | 0x02;
    Ok(mac)
}

fn fail(e: String) -> Error {
    Error::Usage(format!("cannot connect the container to its network: {e}"))
}

fn leases_gateways(records: &[ipam::NetworkRecord]) -> Vec<Ipv4Addr> {
    records
        .iter()
        .filter_map(|r| r.subnet().ok().map(|(_, gw)| gw))
        .collect()
}

/// The container's `/etc/resolv.conf` (in place: it is bind-mounted) names its networks'
/// responders, unless `--dns` named servers.
pub(super) fn resolv_conf(plan: &RunPlan, state_dir: &Path, gateways: &[Ipv4Addr]) {
    if plan.network.dns_given {
        return;
    }
    let path = state_dir.join("resolv.conf");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    let _ = std::fs::write(
        &path,
        crate::plan::network::netdns::resolv_conf(&current, gateways),
    );
}

impl Attached {
    /// Release the container's leases and take it out of the others' `/etc/hosts` (its
    /// interfaces go with its network namespace).
    pub fn detach(self) {
        let Ok(mut l) = netns::lock() else { return };
        let mut touched = l.reclaim();
        l.state.leases.retain(|x| {
            let mine = x.container == self.container;
            if mine {
                touched.push(x.network.clone());
            }
            !mine
        });
        let _ = l.save();
        rewrite_hosts(&l.state, &touched);
        drop(l);
        // The manager ends a responder no network needs, or ends with the last container.
        netns::ask_manager(false);
    }
}
