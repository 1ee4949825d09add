//! `network connect` and `network disconnect` of a running container: a veth added in (or
//! removed from) its network namespace, its lease taken (or freed), the network's hosts file
//! (and so its DNS) and the members' `/etc/hosts` rewritten, the container's resolv.conf
//! naming the gateways of the networks it is on.

use std::net::Ipv4Addr;

use super::bridge::{Plumbing, resolv_conf, rewrite_hosts, same_userns};
use super::netns::{self, Lease};
use super::networks::{Networks, not_found};
use crate::error::{Error, Result};
use crate::host::state::Live;

fn gateways(state: &netns::State, id: &str) -> Vec<Ipv4Addr> {
    state
        .leases
        .iter()
        .filter(|l| l.container == id)
        .filter_map(|l| l.gateway)
        .collect()
}

/// The interface of the `pos`th lease of a container (recorded since `device` exists).
fn device(l: &Lease, pos: usize) -> String {
    match l.device.is_empty() {
        true => format!("eth{pos}"),
        false => l.device.clone(),
    }
}

/// Put the running container `live` on `network` too.
pub fn connect(live: &Live, network: &str, ip: Option<Ipv4Addr>, aliases: &[String]) -> Result<()> {
    let plan = &live.plan;
    // `none`: started so, or disconnected from its last network since (its plan says so).
    let own = matches!(
        plan.network.mode,
        crate::plan::network::Mode::Bridge(_) | crate::plan::network::Mode::None
    );
    if !own {
        return Err(Error::Usage(format!(
            "container {} is not on a bridge network: network connect needs a container started with --network NAME",
            plan.name
        )));
    }
    let record = Networks::open()?
        .get(network)
        .ok_or_else(|| not_found(network))?;
    let mut l = netns::lock()?;
    let mut touched = l.reclaim();
    // Started again when it ended with the last container on a network.
    let userns = format!("/proc/{}/ns/user", live.pid.as_raw());
    let holder = l.ensure(std::path::Path::new(&userns))?;
    if !same_userns(holder, live.pid) {
        return Err(Error::Usage(
            "the rootless network namespace belongs to another user namespace than this container's: restart the container".into(),
        ));
    }
    let mine: Vec<(usize, &Lease)> = l
        .state
        .leases
        .iter()
        .filter(|x| x.container == plan.id)
        .enumerate()
        .collect();
    if mine.iter().any(|(_, x)| x.network == record.name) {
        return Err(Error::Usage(format!(
            "container {} is already connected to network {:?}: network is already connected",
            plan.id, record.name
        )));
    }
    let used: Vec<String> = mine.iter().map(|(i, x)| device(x, *i)).collect();
    let Some(i) = (0..64).find(|i| !used.contains(&format!("eth{i}"))) else {
        return Err(Error::Usage(format!(
            "container {} is on too many networks: disconnect it from one first",
            plan.name
        )));
    };
    let (owner, owner_start) = match mine.first() {
        Some((_, x)) => (x.owner, x.owner_start),
        None => {
            let pid = live.pid.as_raw();
            (pid, netns::start_time(pid).unwrap_or(0))
        }
    };
    let first = mine.is_empty();
    let mut p = Plumbing::default();
    let (ip, gw, mac) = p.link(&l.state, &record, &plan.id, i, ip, first, live.pid.as_raw())?;
    l.state.last.insert(record.name.clone(), ip);
    p.apply(
        &mut l,
        holder,
        live.pid.as_raw(),
        std::slice::from_ref(&record),
    )?;
    l.state.leases.push(Lease {
        network: record.name.clone(),
        container: plan.id.clone(),
        name: plan.name.clone(),
        aliases: aliases.to_vec(),
        ip,
        owner,
        owner_start,
        hosts: live.dir.join("hosts"),
        gateway: Some(gw),
        internal: record.internal,
        device: format!("eth{i}"),
        mac,
    });
    l.save()?;
    touched.push(record.name.clone());
    rewrite_hosts(&l.state, &touched);
    let gws = gateways(&l.state, &plan.id);
    drop(l);
    resolv_conf(plan, &live.dir, &gws);
    netns::ask_manager(true);
    Ok(())
}

/// Take the running container `live` off `network`.
pub fn disconnect(live: &Live, network: &str) -> Result<()> {
    let plan = &live.plan;
    let name = Networks::open()?
        .get(network)
        .map(|r| r.name)
        .ok_or_else(|| not_found(network))?;
    let mut l = netns::lock()?;
    let mut touched = l.reclaim();
    let at = l
        .state
        .leases
        .iter()
        .filter(|x| x.container == plan.id)
        .enumerate()
        .find(|(_, x)| x.network == name)
        .map(|(pos, x)| device(x, pos));
    let Some(dev) = at else {
        return Err(Error::Usage(format!(
            "container {} is not connected to network {name}: network not found",
            plan.id
        )));
    };
    // One end of the pair gone takes the other with it, off the bridge.
    let pid = live.pid.as_raw();
    let mut del = super::links::Script::default();
    let gone = del.enter(pid).map(|s| s.lookup(&dev)).and_then(|slot| {
        del.send(format!("delete {dev}"), super::rtnl::del_link(slot));
        del.run(pid)
    });
    gone.map_err(|e| Error::Usage(format!("cannot disconnect the container: {e}")))?;
    l.state
        .leases
        .retain(|x| !(x.container == plan.id && x.network == name));
    l.save()?;
    touched.push(name);
    rewrite_hosts(&l.state, &touched);
    // Off its last network: rewrite_hosts no longer sees it; its own file loses the section.
    if !l.state.leases.iter().any(|x| x.container == plan.id) {
        let path = live.dir.join("hosts");
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        let _ = std::fs::write(
            &path,
            crate::plan::network::ipam::splice_hosts(&current, &[]),
        );
    }
    let gws = gateways(&l.state, &plan.id);
    drop(l);
    resolv_conf(plan, &live.dir, &gws);
    netns::ask_manager(false);
    Ok(())
}

/// The leases the container `id` holds now (its live networks and addresses).
pub fn leases_of(id: &str) -> Vec<Lease> {
    netns::lock()
        .map(|l| {
            l.state
                .leases
                .into_iter()
                .filter(|x| x.container == id)
                .collect()
        })
        .unwrap_or_default()
}
