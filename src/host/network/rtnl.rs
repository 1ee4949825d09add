//! rtnetlink messages (NETLINK_ROUTE), encoded by hand: the few a bridge network needs
//! (a bridge, a veth pair with its peer in another network namespace and its host end on the
//! bridge, addresses, a default route, a link up, a link deleted, a link looked up by name) and
//! the two answers read back (an acknowledgement's error code, a looked-up link's index).
//! Pure: bytes in, bytes out; `links` sends them from inside the namespaces.
//!
//! An interface index only known once an earlier message ran (the bridge a veth joins, the
//! container's end of a pair) is a `Slot`: the message carries a zero at `Msg::patch`'s
//! offsets and the sender writes the looked-up index there, so nothing is encoded (nor
//! allocated) between fork and exit.

use std::net::Ipv4Addr;

const NLMSG_ERROR: u16 = 2;
const RTM_NEWLINK: u16 = 16;
const RTM_DELLINK: u16 = 17;
const RTM_GETLINK: u16 = 18;
const RTM_NEWADDR: u16 = 20;
const RTM_NEWROUTE: u16 = 24;
const NLM_F_REQUEST: u16 = 0x1;
const NLM_F_ACK: u16 = 0x4;
const NLM_F_REPLACE: u16 = 0x100;
const NLM_F_EXCL: u16 = 0x200;
const NLM_F_CREATE: u16 = 0x400;
const AF_INET: u8 = 2;
const IFF_UP: u32 = 1;
const IFLA_ADDRESS: u16 = 1;
const IFLA_IFNAME: u16 = 3;
const IFLA_MTU: u16 = 4;
const IFLA_MASTER: u16 = 10;
const IFLA_LINKINFO: u16 = 18;
const IFLA_NET_NS_FD: u16 = 28;
const IFLA_INFO_KIND: u16 = 1;
const IFLA_INFO_DATA: u16 = 2;
const VETH_INFO_PEER: u16 = 1;
const IFA_ADDRESS: u16 = 1;
const IFA_LOCAL: u16 = 2;
const RTA_GATEWAY: u16 = 5;
const RT_TABLE_MAIN: u8 = 254;
const RTPROT_BOOT: u8 = 3;
const RTN_UNICAST: u8 = 1;
/// Where `ifinfomsg.ifi_index` and `ifaddrmsg.ifa_index` sit in a message (after the header).
const INDEX_AT: usize = 16 + 4;

/// Where a looked-up interface index is kept between messages.
pub type Slot = usize;

/// One request: its bytes, and the slots whose index goes at which offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub bytes: Vec<u8>,
    pub patch: Vec<(usize, Slot)>,
}

impl Msg {
    /// Write the slots' indexes in place (no allocation).
    pub fn fill(&mut self, slots: &[u32]) {
        for &(at, slot) in &self.patch {
            let v = slots.get(slot).copied().unwrap_or(0);
            if let Some(b) = self.bytes.get_mut(at..at + 4) {
                b.copy_from_slice(&v.to_ne_bytes());
            }
        }
    }
}

/// A message under construction: the header (its length set by `done`), nested attributes.
struct Builder {
    buf: Vec<u8>,
    patch: Vec<(usize, Slot)>,
    open: Vec<usize>,
}

impl Builder {
    fn new(kind: u16, flags: u16) -> Self {
        let mut buf = Vec::with_capacity(128);
        buf.extend_from_slice(&0u32.to_ne_bytes());
        buf.extend_from_slice(&kind.to_ne_bytes());
        buf.extend_from_slice(&(flags | NLM_F_REQUEST).to_ne_bytes());
        buf.extend_from_slice(&1u32.to_ne_bytes()); // sequence
        buf.extend_from_slice(&0u32.to_ne_bytes()); // port: the kernel's
        Builder {
            buf,
            patch: Vec::new(),
            open: Vec::new(),
        }
    }

    /// `struct ifinfomsg`: any family, `index`, `flags` set in `change`.
    fn ifinfo(&mut self, index: u32, flags: u32, change: u32) -> &mut Self {
        self.buf.extend_from_slice(&[0, 0, 0, 0]);
        self.buf.extend_from_slice(&index.to_ne_bytes());
        self.buf.extend_from_slice(&flags.to_ne_bytes());
        self.buf.extend_from_slice(&change.to_ne_bytes());
        self
    }

    fn align(&mut self) {
        while !self.buf.len().is_multiple_of(4) {
            self.buf.push(0);
        }
    }

    fn attr(&mut self, kind: u16, data: &[u8]) -> &mut Self {
        self.align();
        self.buf
            .extend_from_slice(&((4 + data.len()) as u16).to_ne_bytes());
        self.buf.extend_from_slice(&kind.to_ne_bytes());
        self.buf.extend_from_slice(data);
        self.align();
        self
    }

    fn name(&mut self, kind: u16, name: &str) -> &mut Self {
        let mut z = name.as_bytes().to_vec();
        z.push(0);
        self.attr(kind, &z)
    }

    /// A u32 attribute whose value is `slot`'s index.
    fn slot_attr(&mut self, kind: u16, slot: Slot) -> &mut Self {
        self.attr(kind, &[0; 4]);
        self.patch.push((self.buf.len() - 4, slot));
        self
    }

    fn nest(&mut self, kind: u16) -> &mut Self {
        self.align();
        self.open.push(self.buf.len());
        self.buf.extend_from_slice(&[0, 0]);
        self.buf.extend_from_slice(&kind.to_ne_bytes());
        self
    }

    fn end(&mut self) -> &mut Self {
        if let Some(at) = self.open.pop() {
            let len = (self.buf.len() - at) as u16;
            self.buf[at..at + 2].copy_from_slice(&len.to_ne_bytes());
        }
        self
    }

    fn done(&mut self) -> Msg {
        let len = self.buf.len() as u32;
        self.buf[0..4].copy_from_slice(&len.to_ne_bytes());
        Msg {
            bytes: std::mem::take(&mut self.buf),
            patch: std::mem::take(&mut self.patch),
        }
    }
}

const NEW: u16 = NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;

/// `ip link add NAME address MAC mtu MTU type bridge` and up (or up, if it is there: left by
/// a run that failed after making it). An MTU given keeps the bridge's (its ports' do not
/// lower it). So does a MAC address given: without one, a bridge takes the lowest of its
/// ports' and changes it when a container's veth joins or leaves, and the members' ARP
/// entries for the gateway (their DNS responder) point at a MAC no longer there for seconds.
pub fn new_bridge(name: &str, mtu: u32) -> Msg {
    Builder::new(RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE)
        .ifinfo(0, IFF_UP, IFF_UP)
        .name(IFLA_IFNAME, name)
        .attr(IFLA_ADDRESS, &bridge_mac(name))
        .attr(IFLA_MTU, &mtu.to_ne_bytes())
        .nest(IFLA_LINKINFO)
        .attr(IFLA_INFO_KIND, b"bridge")
        .end()
        .done()
}

/// A MAC address as `ip link` shows it (`02:ab:...`).
pub fn mac_text(mac: &[u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A bridge's MAC address: locally administered, unicast, from its name (FNV-1a), so the
/// same bridge made again has the same one.
pub fn bridge_mac(name: &str) -> [u8; 6] {
    let h = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let b = h.to_be_bytes();
    [0x02, b[3], b[4], b[5], b[6], b[7]]
}

/// `ip link add NAME mtu MTU master MASTER up type veth peer name PEER mtu MTU netns
/// NETNS_FD`. The peer stays down (the kernel cannot open it before the pair is joined:
/// ENOTCONN); `link_up` in its namespace, after its address.
pub fn new_veth(
    name: &str,
    master: Slot,
    peer: &str,
    netns_fd: u32,
    mtu: u32,
    peer_mac: [u8; 6],
) -> Msg {
    Builder::new(RTM_NEWLINK, NEW)
        .ifinfo(0, IFF_UP, IFF_UP)
        .name(IFLA_IFNAME, name)
        .attr(IFLA_MTU, &mtu.to_ne_bytes())
        .slot_attr(IFLA_MASTER, master)
        .nest(IFLA_LINKINFO)
        .attr(IFLA_INFO_KIND, b"veth")
        .nest(IFLA_INFO_DATA)
        .nest(VETH_INFO_PEER)
        .ifinfo(0, 0, 0)
        .name(IFLA_IFNAME, peer)
        .attr(IFLA_ADDRESS, &peer_mac)
        .attr(IFLA_MTU, &mtu.to_ne_bytes())
        .attr(IFLA_NET_NS_FD, &netns_fd.to_ne_bytes())
        .end()
        .end()
        .end()
        .done()
}

/// `ip link set DEV up` for the link at `slot`.
pub fn link_up(slot: Slot) -> Msg {
    let mut b = Builder::new(RTM_NEWLINK, NLM_F_ACK);
    b.ifinfo(0, IFF_UP, IFF_UP);
    b.patch.push((INDEX_AT, slot));
    b.done()
}

/// `ip link set` the interface numbered `index` up (the loopback is 1 in every namespace).
pub fn up_index(index: u32) -> Msg {
    Builder::new(RTM_NEWLINK, NLM_F_ACK)
        .ifinfo(index, IFF_UP, IFF_UP)
        .done()
}

/// `ip link del DEV` for the link at `slot`.
pub fn del_link(slot: Slot) -> Msg {
    let mut b = Builder::new(RTM_DELLINK, NLM_F_ACK);
    b.ifinfo(0, 0, 0);
    b.patch.push((INDEX_AT, slot));
    b.done()
}

/// `ip link show NAME`: answered by the link (its index: `link_index`) or an error.
pub fn get_link(name: &str) -> Msg {
    Builder::new(RTM_GETLINK, 0)
        .ifinfo(0, 0, 0)
        .name(IFLA_IFNAME, name)
        .done()
}

/// `ip addr replace IP/PREFIX dev DEV` for the link at `slot`.
pub fn new_addr(ip: Ipv4Addr, prefix: u8, slot: Slot) -> Msg {
    let mut b = Builder::new(RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE);
    b.buf.extend_from_slice(&[AF_INET, prefix, 0, 0]);
    b.buf.extend_from_slice(&0u32.to_ne_bytes());
    b.patch.push((INDEX_AT, slot));
    b.attr(IFA_LOCAL, &ip.octets())
        .attr(IFA_ADDRESS, &ip.octets())
        .done()
}

/// `ip route add default via GW`.
pub fn default_route(gw: Ipv4Addr) -> Msg {
    let mut b = Builder::new(RTM_NEWROUTE, NEW);
    // rtmsg: family, dst_len, src_len, tos, table, protocol, scope (universe), type; flags.
    b.buf
        .extend_from_slice(&[AF_INET, 0, 0, 0, RT_TABLE_MAIN, RTPROT_BOOT, 0, RTN_UNICAST]);
    b.buf.extend_from_slice(&0u32.to_ne_bytes());
    b.attr(RTA_GATEWAY, &gw.octets()).done()
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_ne_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// What the kernel answered to one request (the first message of `reply`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// An acknowledgement without error.
    Ok,
    /// An error: the errno (positive).
    Err(i32),
    /// A link: its index.
    Link(u32),
    /// Anything else (cut short, another type).
    Unknown,
}

/// Read the first message of `reply` (bounds checked: a short or odd reply is `Unknown`).
pub fn answer(reply: &[u8]) -> Answer {
    let (Some(len), Some(kind)) = (u32_at(reply, 0), u16_at(reply, 4)) else {
        return Answer::Unknown;
    };
    if (len as usize) < 16 || reply.len() < 16 {
        return Answer::Unknown;
    }
    match kind {
        NLMSG_ERROR => match u32_at(reply, 16).map(|e| e as i32) {
            Some(0) => Answer::Ok,
            Some(e) => Answer::Err(e.saturating_neg()),
            None => Answer::Unknown,
        },
        RTM_NEWLINK => u32_at(reply, INDEX_AT).map_or(Answer::Unknown, Answer::Link),
        _ => Answer::Unknown,
    }
}

#[cfg(test)]
#[path = "rtnl_tests.rs"]
mod tests;
