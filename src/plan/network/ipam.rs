//! Bridge networks' decisions: the network record (podman's JSON shape), subnets (parse,
//! overlap, the next free one), addresses (next free, `--ip` checks), names of interfaces,
//! and the network section of a container's `/etc/hosts`. Pure: values in, values out.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

/// The network `--network bridge` means, created on first use (podman's `podman`, same subnet).
pub const DEFAULT_NETWORK: &str = "nook";
/// Its subnet, as podman's default network's.
pub const DEFAULT_NETWORK_SUBNET: &str = "10.88.0.0/16";
/// The line that starts the network part of a container's `/etc/hosts`.
pub const HOSTS_MARK: &str = "# nook networks";

/// An IPv4 network `A.B.C.D/N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub network: Ipv4Addr,
    pub prefix: u8,
}

impl Cidr {
    pub fn parse(s: &str) -> Result<Cidr, String> {
        let bad = || format!("invalid subnet {s:?}: give an IPv4 network such as 10.89.0.0/24");
        let (ip, prefix) = s.split_once('/').ok_or_else(bad)?;
        let ip: Ipv4Addr = ip.parse().map_err(|_| bad())?;
        let prefix: u8 = prefix.parse().map_err(|_| bad())?;
        if !(8..=30).contains(&prefix) {
            return Err(format!(
                "invalid subnet {s:?}: the prefix must be between 8 and 30"
            ));
        }
        Ok(Cidr {
            network: Ipv4Addr::from(u32::from(ip) & Cidr::mask_of(prefix)),
            prefix,
        })
    }

    fn mask_of(prefix: u8) -> u32 {
        u32::MAX << (32 - u32::from(prefix))
    }

    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & Cidr::mask_of(self.prefix) == u32::from(self.network)
    }

    pub fn overlaps(&self, other: &Cidr) -> bool {
        let p = self.prefix.min(other.prefix);
        let m = Cidr::mask_of(p);
        u32::from(self.network) & m == u32::from(other.network) & m
    }

    fn host(&self, n: u32) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.network) + n)
    }

    /// The first address: the default gateway.
    pub fn first(&self) -> Ipv4Addr {
        self.host(1)
    }

    fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.network) | !Cidr::mask_of(self.prefix))
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetRecord {
    pub subnet: String,
    pub gateway: String,
}

/// A network as it is kept on disk and shown by `network inspect` (podman's fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkRecord {
    pub name: String,
    pub id: String,
    pub driver: String,
    pub network_interface: String,
    pub created: String,
    pub subnets: Vec<SubnetRecord>,
    pub ipv6_enabled: bool,
    pub internal: bool,
    pub dns_enabled: bool,
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub ipam_options: std::collections::BTreeMap<String, String>,
    /// `network create -o KEY=VALUE`: `mtu` only (podman's `options`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub options: std::collections::BTreeMap<String, String>,
}

/// The MTU of a network's bridge and veths when `-o mtu=` does not say: slirp4netns's (the
/// rootless namespace's way out, tap0, has it). podman/netavark take 1500, the Ethernet
/// frame of a bridge that may lead to a wire; a rootless bridge never does: it ends in the
/// user's namespace, and the way out is slirp4netns, which ends every connection in a socket
/// of the host (the outside MTU is the host's business). A large MTU means fewer, larger
/// packets through the veths, bridge and netfilter: the container-to-container throughput
/// of bench/net.sh (README's Performance).
pub const DEFAULT_MTU: u32 = 65520;

/// The bounds of `-o mtu=`: IPv4's least, a veth's most.
const MTU_RANGE: std::ops::RangeInclusive<u32> = 68..=65535;

impl NetworkRecord {
    /// Its subnet and gateway (records are written by `create`, which checked them).
    pub fn subnet(&self) -> Result<(Cidr, Ipv4Addr), String> {
        let s = self.subnets.first().ok_or_else(|| {
            format!(
                "network {} has no subnet: remove it and create it again",
                self.name
            )
        })?;
        let cidr = Cidr::parse(&s.subnet)?;
        let gw = s
            .gateway
            .parse()
            .map_err(|_| format!("network {}: bad gateway {:?}", self.name, s.gateway))?;
        Ok((cidr, gw))
    }

    /// The MTU of its bridge and veths: `-o mtu=` or `DEFAULT_MTU`.
    pub fn mtu(&self) -> u32 {
        self.options
            .get("mtu")
            .and_then(|m| m.parse().ok())
            .filter(|m| MTU_RANGE.contains(m))
            .unwrap_or(DEFAULT_MTU)
    }
}

/// `network create -o KEY=VALUE...` checked: `mtu=N` (68 to 65535), as podman's bridge
/// driver names it; anything else is refused.
pub fn plan_options(
    given: &[String],
) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut options = std::collections::BTreeMap::new();
    for o in given {
        let (k, v) = o.split_once('=').unwrap_or((o, ""));
        match k {
            "mtu" => {
                let n: u32 = v.parse().map_err(|_| {
                    format!("invalid mtu {v:?}: give a number of bytes, e.g. -o mtu=1500")
                })?;
                if !MTU_RANGE.contains(&n) {
                    return Err(format!(
                        "invalid mtu {n}: give one from {} to {}",
                        MTU_RANGE.start(),
                        MTU_RANGE.end()
                    ));
                }
                options.insert(k.to_string(), n.to_string());
            }
            _ => {
                return Err(format!(
                    "unsupported bridge network option {k}: nook knows -o mtu=N"
                ));
            }
        }
    }
    Ok(options)
}

/// What `network create` asks for.
#[derive(Debug, Clone, Default)]
pub struct CreateRequest {
    pub name: String,
    pub driver: Option<String>,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub internal: bool,
    pub labels: Vec<String>,
    /// `-o KEY=VALUE`.
    pub options: Vec<String>,
}

/// Network names: podman's rule.
pub fn valid_name(n: &str) -> bool {
    let mut chars = n.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

/// The bridge's name in the rootless network namespace (15 bytes at most).
pub fn bridge_name(id: &str) -> String {
    format!("nook-{}", &id[..id.len().min(10)])
}

/// The host end of a container's veth: container id and the network's place in its list.
pub fn veth_name(container_id: &str, index: usize) -> String {
    format!(
        "nv{}{}",
        &container_id[..container_id.len().min(11)],
        index % 10
    )
}

/// The first /24 of 10.89.0.0/16 (podman's range for new networks) no network uses.
pub fn free_subnet(used: &[Cidr]) -> Result<Cidr, String> {
    (0..=255u8)
        .map(|n| Cidr {
            network: Ipv4Addr::new(10, 89, n, 0),
            prefix: 24,
        })
        .find(|c| !used.iter().any(|u| u.overlaps(c)))
        .ok_or_else(|| "every subnet of 10.89.0.0/16 is in use: give one with --subnet".to_string())
}

/// Decide a new network's record from `create`'s request and the networks there are
/// (name, subnet). `id` is a fresh 64-hex id, `created` the time.
pub fn plan_create(
    req: &CreateRequest,
    existing: &[(String, Cidr)],
    id: &str,
    created: &str,
) -> Result<NetworkRecord, String> {
    if !valid_name(&req.name) {
        return Err(format!(
            "invalid network name {:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit",
            req.name
        ));
    }
    match req.driver.as_deref() {
        None | Some("bridge") => {}
        Some(d) => {
            return Err(format!(
                "unsupported driver {d}: nook has the bridge driver only (-d bridge)"
            ));
        }
    }
    if existing.iter().any(|(n, _)| *n == req.name) {
        return Err(format!(
            "network name {} already used: network already exists (choose another name, or pass --ignore)",
            req.name
        ));
    }
    let used: Vec<Cidr> = existing.iter().map(|(_, c)| *c).collect();
    let subnet = match &req.subnet {
        Some(s) => {
            let c = Cidr::parse(s)?;
            if let Some((n, _)) = existing.iter().find(|(_, e)| e.overlaps(&c)) {
                return Err(format!(
                    "subnet {c} is already used on the host or by another config (network {n}): choose another --subnet"
                ));
            }
            c
        }
        None if req.gateway.is_some() => {
            return Err("--gateway needs --subnet: give the subnet the gateway is in".into());
        }
        None => free_subnet(&used)?,
    };
    let gateway = match &req.gateway {
        Some(g) => {
            let ip: Ipv4Addr = g
                .parse()
                .map_err(|_| format!("invalid gateway {g:?}: give an IPv4 address"))?;
            if !subnet.contains(ip) || ip == subnet.network || ip == subnet.broadcast() {
                return Err(format!(
                    "gateway {ip} is not in subnet {subnet}: give an address of the subnet"
                ));
            }
            ip
        }
        None => subnet.first(),
    };
    let options = plan_options(&req.options)?;
    let mut labels = std::collections::BTreeMap::new();
    for l in &req.labels {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    Ok(NetworkRecord {
        name: req.name.clone(),
        id: id.to_string(),
        driver: "bridge".into(),
        network_interface: bridge_name(id),
        created: created.to_string(),
        subnets: vec![SubnetRecord {
            subnet: subnet.to_string(),
            gateway: gateway.to_string(),
        }],
        ipv6_enabled: false,
        internal: req.internal,
        dns_enabled: false,
        labels,
        ipam_options: [("driver".to_string(), "host-local".to_string())].into(),
        options,
    })
}

/// A container's address on `net`: `asked` (checked) or the first free one.
pub fn address(
    net: &str,
    subnet: Cidr,
    gateway: Ipv4Addr,
    used: &[Ipv4Addr],
    asked: Option<Ipv4Addr>,
) -> Result<Ipv4Addr, String> {
    address_after(net, subnet, gateway, used, asked, None)
}

/// `address`, the free one searched from after `last` (the network's last one given), round
/// the subnet: as podman's IPAM, an address freed is not given again at once (a container
/// disconnected and connected again gets a new one).
pub fn address_after(
    net: &str,
    subnet: Cidr,
    gateway: Ipv4Addr,
    used: &[Ipv4Addr],
    asked: Option<Ipv4Addr>,
    last: Option<Ipv4Addr>,
) -> Result<Ipv4Addr, String> {
    if let Some(ip) = asked {
        if !subnet.contains(ip) || ip == subnet.network || ip == subnet.broadcast() {
            return Err(format!(
                "IPAM error: requested ip address {ip} is not in the subnet {subnet} of network {net}: give an address of it"
            ));
        }
        if ip == gateway || used.contains(&ip) {
            return Err(format!(
                "IPAM error: requested ip address {ip} is already allocated on network {net}: give another --ip, or leave it out"
            ));
        }
        return Ok(ip);
    }
    let size = 1u32 << (32 - u32::from(subnet.prefix));
    let start = last
        .filter(|l| subnet.contains(*l))
        .map_or(0, |l| u32::from(l) - u32::from(subnet.network));
    (1..size - 1)
        .map(|n| subnet.host((start + n - 1) % (size - 2) + 1))
        .find(|ip| *ip != gateway && !used.contains(ip))
        .ok_or_else(|| {
            format!("IPAM error: network {net} has no free address: remove a container from it")
        })
}

/// `/etc/hosts` with its network section replaced by `entries` (address, names).
pub fn splice_hosts(current: &str, entries: &[(Ipv4Addr, Vec<String>)]) -> String {
    let base = match current.find(HOSTS_MARK) {
        Some(i) => &current[..i],
        None => current,
    };
    let mut text = base.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(HOSTS_MARK);
    text.push('\n');
    for (ip, names) in entries {
        text.push_str(&format!("{ip}\t{}\n", names.join(" ")));
    }
    text
}

#[cfg(test)]
#[path = "ipam_tests.rs"]
mod tests;
