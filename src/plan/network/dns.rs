//! The DNS responder of container networks, pure: the hosts file, the DNS message codec (a
//! query's header and question, read with bounds and compression pointers checked; a
//! response's header, question and answers) and the decision for each query — answer from the
//! hosts file, NXDOMAIN for an unknown name of the zone, or forward to the upstream resolvers.
//!
//! The hosts file (`nook __dns --hosts FILE`) is plain /etc/hosts syntax, written by whoever
//! builds the network: one address per line followed by its names, the first the canonical
//! name (answered for PTR), the others aliases; `#` starts a comment; blank lines and lines
//! whose first word is not an IPv4 or IPv6 address are skipped. An address may appear on
//! several lines and a name on several addresses (all are answered). Names match without
//! regard to ASCII case, with or without the zone's domain (`--domain`, `dns.podman` as
//! aardvark-dns's), so `web`, `WEB.dns.podman` and `web.dns.podman.` are one name. Example:
//!
//! ```text
//! 10.89.0.2 web api        # container web, alias api
//! 10.89.0.3 db
//! fd00::3   db
//! ```

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Record types answered here.
pub const TYPE_A: u16 = 1;
pub const TYPE_PTR: u16 = 12;
pub const TYPE_AAAA: u16 = 28;
pub const TYPE_ANY: u16 = 255;
/// The Internet class.
pub const CLASS_IN: u16 = 1;
/// TTL of the answers: 0, as aardvark-dns (containers come and go; nothing should cache them).
pub const TTL: u32 = 0;
/// The largest UDP response without EDNS (RFC 1035); TCP responses may be 65535 bytes.
pub const UDP_MAX: usize = 512;
/// The domain of container names, as podman's.
pub const DEFAULT_DOMAIN: &str = "dns.podman";

/// Response codes.
pub const NOERROR: u8 = 0;
pub const FORMERR: u8 = 1;
pub const SERVFAIL: u8 = 2;
pub const NXDOMAIN: u8 = 3;
pub const NOTIMP: u8 = 4;

const HEADER: usize = 12;
const QR: u16 = 0x8000;
const AA: u16 = 0x0400;
const TC: u16 = 0x0200;
const RD: u16 = 0x0100;
const RA: u16 = 0x0080;
const OPCODE: u16 = 0x7800;
/// At most this many compression pointers are followed in one name.
const MAX_JUMPS: usize = 16;
/// The longest name on the wire (RFC 1035 2.3.4).
const MAX_NAME: usize = 255;

/// The names of a hosts file: name -> addresses, address -> canonical name.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hosts {
    names: HashMap<String, Vec<IpAddr>>,
    canonical: HashMap<IpAddr, String>,
}

impl Hosts {
    /// Parse /etc/hosts syntax (see the module's docs); never fails, skips what it cannot read.
    pub fn parse(text: &str) -> Hosts {
        let mut hosts = Hosts::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default();
            let mut words = line.split_whitespace();
            let Some(ip) = words.next().and_then(|w| w.parse::<IpAddr>().ok()) else {
                continue;
            };
            for name in words {
                let Some(name) = normalize(name) else {
                    continue;
                };
                if let Entry::Vacant(e) = hosts.canonical.entry(ip) {
                    e.insert(name.clone());
                }
                let ips = hosts.names.entry(name).or_default();
                if !ips.contains(&ip) {
                    ips.push(ip);
                }
            }
        }
        hosts
    }

    /// The addresses of `name` (lower case, no trailing dot).
    pub fn lookup(&self, name: &str) -> Option<&[IpAddr]> {
        self.names.get(name).map(Vec::as_slice)
    }

    /// The canonical name of `ip`.
    pub fn name_of(&self, ip: &IpAddr) -> Option<&str> {
        self.canonical.get(ip).map(String::as_str)
    }
}

/// A name as the lookups key it: lower case, no trailing dot, labels of letters, digits, `-`
/// and `_` only, each 1 to 63 bytes; none for anything else.
fn normalize(name: &str) -> Option<String> {
    let name = name.strip_suffix('.').unwrap_or(name);
    let ok = !name.is_empty()
        && name.len() < MAX_NAME
        && name.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    ok.then(|| name.to_ascii_lowercase())
}

/// What the responder knows: the hosts and its domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    pub hosts: Hosts,
    /// Lower case, no dots at either end; empty for none.
    pub domain: String,
}

impl Zone {
    pub fn new(hosts: Hosts, domain: &str) -> Zone {
        let domain = domain.trim_matches('.').to_ascii_lowercase();
        Zone { hosts, domain }
    }
}

/// The question of a query, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The labels as the client wrote them (their case is echoed back).
    pub labels: Vec<Vec<u8>>,
    pub qtype: u16,
    pub qclass: u16,
}

impl Question {
    /// The lookup key of the name (see `normalize`); none for names no hosts file can hold.
    pub fn key(&self) -> Option<String> {
        let parts: Option<Vec<&str>> = self
            .labels
            .iter()
            .map(|l| std::str::from_utf8(l).ok())
            .collect();
        normalize(&parts?.join("."))
    }
}

/// A query that can be answered or forwarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub id: u16,
    pub flags: u16,
    pub question: Question,
}

/// Why a packet is not a query to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bad {
    /// Not worth a reply: shorter than a header, or a response (replying could loop).
    Drop,
    /// Reply with this code to the header's id and opcode.
    Reply { id: u16, flags: u16, rcode: u8 },
}

/// Read a query: its header and its one question. Every offset is bounds-checked; a name's
/// compression pointers must point backwards, at most `MAX_JUMPS` of them.
pub fn parse_query(packet: &[u8]) -> Result<Query, Bad> {
    if packet.len() < HEADER {
        return Err(Bad::Drop);
    }
    let id = be16(packet, 0).ok_or(Bad::Drop)?;
    let flags = be16(packet, 2).ok_or(Bad::Drop)?;
    if flags & QR != 0 {
        return Err(Bad::Drop);
    }
    let bad = |rcode| Bad::Reply { id, flags, rcode };
    if flags & OPCODE != 0 {
        return Err(bad(NOTIMP));
    }
    if be16(packet, 4) != Some(1) {
        return Err(bad(FORMERR));
    }
    let (labels, end) = read_name(packet, HEADER).ok_or(bad(FORMERR))?;
    let qtype = be16(packet, end).ok_or(bad(FORMERR))?;
    let qclass = be16(packet, end + 2).ok_or(bad(FORMERR))?;
    let question = Question {
        labels,
        qtype,
        qclass,
    };
    Ok(Query {
        id,
        flags,
        question,
    })
}

fn be16(packet: &[u8], at: usize) -> Option<u16> {
    let b = packet.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

/// Read the name at `start`: its labels and the offset just after it where it started (after
/// the first pointer when it has one). None for anything malformed.
pub fn read_name(packet: &[u8], start: usize) -> Option<(Vec<Vec<u8>>, usize)> {
    let mut labels = Vec::new();
    let (mut at, mut end, mut jumps, mut total) = (start, None, 0, 0usize);
    loop {
        let len = *packet.get(at)?;
        match len & 0xC0 {
            0x00 if len == 0 => {
                return Some((labels, end.unwrap_or(at + 1)));
            }
            0x00 => {
                let len = usize::from(len);
                total += len + 1;
                if total + 1 > MAX_NAME {
                    return None;
                }
                labels.push(packet.get(at + 1..at + 1 + len)?.to_vec());
                at += 1 + len;
            }
            0xC0 => {
                let target = usize::from(be16(packet, at)? & 0x3FFF);
                jumps += 1;
                // Backwards only: no loops, and at most MAX_JUMPS hops.
                if target >= at || jumps > MAX_JUMPS {
                    return None;
                }
                end.get_or_insert(at + 2);
                at = target;
            }
            _ => return None,
        }
    }
}

/// Put a name on the wire, uncompressed.
fn write_name(out: &mut Vec<u8>, labels: &[Vec<u8>]) {
    for l in labels {
        out.push(l.len() as u8);
        out.extend_from_slice(l);
    }
    out.push(0);
}

/// What to do with a packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send this response.
    Answer(Vec<u8>),
    /// Ask the upstream resolvers and relay their answer (SERVFAIL when none answers).
    Forward(Query),
    /// Say nothing.
    Drop,
}

/// The decision for one packet; `max` is the largest response the transport carries.
pub fn decide(packet: &[u8], zone: &Zone, max: usize) -> Action {
    let query = match parse_query(packet) {
        Ok(q) => q,
        Err(Bad::Drop) => return Action::Drop,
        Err(Bad::Reply { id, flags, rcode }) => {
            return Action::Answer(error_header(id, flags, rcode));
        }
    };
    let q = &query.question;
    if q.qclass != CLASS_IN && q.qclass != TYPE_ANY {
        return Action::Forward(query);
    }
    let Some(key) = q.key() else {
        return Action::Forward(query);
    };
    if q.qtype == TYPE_PTR {
        return match reverse(&key).and_then(|ip| zone.hosts.name_of(&ip)) {
            Some(name) => {
                let fqdn = match zone.domain.as_str() {
                    "" => name.to_string(),
                    d if name.ends_with(&format!(".{d}")) => name.to_string(),
                    d => format!("{name}.{d}"),
                };
                let labels: Vec<Vec<u8>> = fqdn.split('.').map(|l| l.as_bytes().to_vec()).collect();
                let mut rdata = Vec::new();
                write_name(&mut rdata, &labels);
                Action::Answer(response(&query, NOERROR, &[(TYPE_PTR, rdata)], max))
            }
            None => Action::Forward(query),
        };
    }
    let short = match zone.domain.as_str() {
        "" => None,
        d => key.strip_suffix(d).and_then(|s| s.strip_suffix('.')),
    };
    let in_zone = !zone.domain.is_empty() && (short.is_some() || key == zone.domain);
    let found = zone
        .hosts
        .lookup(&key)
        .or_else(|| short.and_then(|s| zone.hosts.lookup(s)));
    match found {
        Some(ips) => {
            let records: Vec<(u16, Vec<u8>)> = ips
                .iter()
                .filter_map(|ip| match ip {
                    IpAddr::V4(v4) if matches!(q.qtype, TYPE_A | TYPE_ANY) => {
                        Some((TYPE_A, v4.octets().to_vec()))
                    }
                    IpAddr::V6(v6) if matches!(q.qtype, TYPE_AAAA | TYPE_ANY) => {
                        Some((TYPE_AAAA, v6.octets().to_vec()))
                    }
                    _ => None,
                })
                .collect();
            Action::Answer(response(&query, NOERROR, &records, max))
        }
        None if key == zone.domain => Action::Answer(response(&query, NOERROR, &[], max)),
        None if in_zone => Action::Answer(response(&query, NXDOMAIN, &[], max)),
        None => Action::Forward(query),
    }
}

/// The address a reverse name (`4.3.2.1.in-addr.arpa`, 32 nibbles `.ip6.arpa`) stands for.
pub fn reverse(key: &str) -> Option<IpAddr> {
    if let Some(rest) = key.strip_suffix(".in-addr.arpa") {
        let mut octets = rest
            .split('.')
            .map(|p| p.parse::<u8>().ok())
            .collect::<Option<Vec<u8>>>()?;
        if octets.len() != 4 || rest.split('.').any(|p| p.len() > 1 && p.starts_with('0')) {
            return None;
        }
        octets.reverse();
        return Some(IpAddr::V4(Ipv4Addr::new(
            octets[0], octets[1], octets[2], octets[3],
        )));
    }
    let rest = key.strip_suffix(".ip6.arpa")?;
    let nibbles = rest
        .split('.')
        .map(|p| match p.len() {
            1 => u8::from_str_radix(p, 16).ok(),
            _ => None,
        })
        .collect::<Option<Vec<u8>>>()?;
    if nibbles.len() != 32 {
        return None;
    }
    let mut bytes = [0u8; 16];
    for (i, pair) in nibbles.rchunks(2).enumerate() {
        bytes[i] = (pair[1] << 4) | pair[0];
    }
    Some(IpAddr::V6(Ipv6Addr::from(bytes)))
}

/// A response to `query`: its question echoed, these answers (type, rdata) under the
/// question's name, authoritative. Answers that would pass `max` bytes are left out and the
/// response says it is truncated (TC), so the client asks again over TCP.
pub fn response(query: &Query, rcode: u8, answers: &[(u16, Vec<u8>)], max: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(UDP_MAX);
    let mut flags = QR | AA | RA | (query.flags & (OPCODE | RD)) | u16::from(rcode & 0x0F);
    out.extend_from_slice(&query.id.to_be_bytes());
    out.extend_from_slice(&flags.to_be_bytes());
    out.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]);
    write_name(&mut out, &query.question.labels);
    out.extend_from_slice(&query.question.qtype.to_be_bytes());
    out.extend_from_slice(&query.question.qclass.to_be_bytes());
    let mut count: u16 = 0;
    for (rtype, rdata) in answers {
        let Ok(len) = u16::try_from(rdata.len()) else {
            continue;
        };
        if out.len() + 12 + rdata.len() > max {
            flags |= TC;
            out[2..4].copy_from_slice(&flags.to_be_bytes());
            break;
        }
        // The question's name, by a pointer to it (offset 12).
        out.extend_from_slice(&[0xC0, 0x0C]);
        out.extend_from_slice(&rtype.to_be_bytes());
        out.extend_from_slice(&CLASS_IN.to_be_bytes());
        out.extend_from_slice(&TTL.to_be_bytes());
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(rdata);
        count += 1;
    }
    out[6..8].copy_from_slice(&count.to_be_bytes());
    out
}

/// A header-only response with `rcode` (FORMERR, NOTIMP: the question could not be read).
pub fn error_header(id: u16, flags: u16, rcode: u8) -> Vec<u8> {
    let flags = QR | RA | (flags & (OPCODE | RD)) | u16::from(rcode & 0x0F);
    let mut out = Vec::with_capacity(HEADER);
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&flags.to_be_bytes());
    out.extend_from_slice(&[0; 8]);
    out
}

/// SERVFAIL for a query no upstream answered.
pub fn servfail(query: &Query) -> Vec<u8> {
    let mut out = response(query, SERVFAIL, &[], UDP_MAX);
    // Not authoritative: the answer was someone else's to give.
    out[2] &= !((AA >> 8) as u8);
    out
}

/// The packet with another id (forwarding gives each upstream query an id of its own).
pub fn with_id(packet: &[u8], id: u16) -> Vec<u8> {
    let mut out = packet.to_vec();
    if let Some(head) = out.get_mut(0..2) {
        head.copy_from_slice(&id.to_be_bytes());
    }
    out
}

/// Whether `packet` is the upstream's response to the query sent with `id`.
pub fn is_response_to(packet: &[u8], id: u16) -> bool {
    be16(packet, 0) == Some(id) && be16(packet, 2).is_some_and(|f| f & QR != 0)
}

/// An upstream resolver or a listen address: `IP`, `IP:PORT`, `[IPv6]:PORT`; port 53 by
/// default.
pub fn parse_endpoint(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let bare = text.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, 53))
        .map_err(|_| format!("{text:?} is not an address: give IP or IP:PORT, as 10.0.2.3:53"))
}

/// The nameservers of a resolv.conf, port 53, in order.
pub fn resolv_conf_nameservers(text: &str) -> Vec<SocketAddr> {
    text.lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            (words.next() == Some("nameserver")).then_some(())?;
            // An IPv6 link-local address may carry a zone (fe80::1%eth0): not usable here.
            let ip: IpAddr = words.next()?.parse().ok()?;
            Some(SocketAddr::new(ip, 53))
        })
        .collect()
}

/// The upstreams to use: those given, else resolv.conf's; never one of our own listen
/// addresses (that would forward to itself forever).
pub fn upstreams(
    given: &[SocketAddr],
    resolv_conf: &str,
    listen: &[SocketAddr],
) -> Vec<SocketAddr> {
    let all = match given {
        [] => resolv_conf_nameservers(resolv_conf),
        some => some.to_vec(),
    };
    all.into_iter().filter(|u| !listen.contains(u)).collect()
}

#[cfg(test)]
#[path = "dns_tests.rs"]
mod tests;
