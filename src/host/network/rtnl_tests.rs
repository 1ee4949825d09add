//! Unit tests of the rtnetlink encoder: lengths, alignment, nesting, patched slots, answers.

use super::*;

fn u16s(b: &[u8], at: usize) -> u16 {
    u16::from_ne_bytes([b[at], b[at + 1]])
}

fn u32s(b: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// The attributes at `from..to`: (type, payload offset, payload length); checks each length
/// stays inside and every attribute starts 4-aligned.
fn attrs(b: &[u8], from: usize, to: usize) -> Vec<(u16, usize, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    while at < to {
        assert_eq!(at % 4, 0, "attribute at {at} not aligned");
        let len = u16s(b, at) as usize;
        assert!(
            len >= 4 && at + len <= to,
            "attribute at {at} of length {len} overruns {to}"
        );
        out.push((u16s(b, at + 2), at + 4, len - 4));
        at += len.next_multiple_of(4);
    }
    assert_eq!(at, to);
    out
}

#[test]
fn loopback_up_is_a_bare_newlink_with_the_index_and_up_flag() {
    let m = up_index(1);
    let b = &m.bytes;
    assert_eq!(b.len(), 32);
    assert_eq!(u32s(b, 0), 32);
    assert_eq!(u16s(b, 4), 16); // RTM_NEWLINK
    assert_eq!(u16s(b, 6), 0x1 | 0x4); // request, ack
    assert_eq!(u32s(b, 20), 1); // index
    assert_eq!(u32s(b, 24), 1); // IFF_UP
    assert_eq!(u32s(b, 28), 1); // change IFF_UP
    assert!(m.patch.is_empty());
}

#[test]
fn a_bridge_is_named_and_of_kind_bridge() {
    let m = new_bridge("nook-abc", 65520);
    let b = &m.bytes;
    assert_eq!(u32s(b, 0) as usize, b.len());
    assert_eq!(u16s(b, 6), 0x1 | 0x4 | 0x400);
    let top = attrs(b, 32, b.len());
    assert_eq!(top.len(), 4);
    assert_eq!(top[0].0, 3);
    assert_eq!(&b[top[0].1..top[0].1 + top[0].2], b"nook-abc\0");
    // A fixed MAC: locally administered, unicast, the same for the same name.
    assert_eq!(top[1].0, 1);
    let mac = &b[top[1].1..top[1].1 + top[1].2];
    assert_eq!(mac, bridge_mac("nook-abc"));
    assert_eq!(mac[0] & 0x03, 0x02);
    assert_ne!(bridge_mac("nook-abc"), bridge_mac("nook-abd"));
    assert_eq!((top[2].0, u32s(b, top[2].1)), (4, 65520));
    assert_eq!(top[3].0, 18);
    let info = attrs(b, top[3].1, top[3].1 + top[3].2);
    assert_eq!(info, vec![(1, info[0].1, 6)]);
    assert_eq!(&b[info[0].1..info[0].1 + 6], b"bridge");
}

#[test]
fn a_veth_nests_its_peer_with_name_and_namespace_and_patches_its_master() {
    let mut m = new_veth("veth1234", 0, "eth0", 7, 9000, [2, 0, 0, 0, 0, 1]);
    let len = m.bytes.len();
    assert_eq!(u32s(&m.bytes, 0) as usize, len);
    let top = attrs(&m.bytes, 32, len);
    let kinds: Vec<u16> = top.iter().map(|a| a.0).collect();
    assert_eq!(kinds, vec![3, 4, 10, 18]);
    assert_eq!(u32s(&m.bytes, top[1].1), 9000);
    let master = top[2].1;
    assert_eq!(m.patch, vec![(master, 0)]);
    m.fill(&[42]);
    assert_eq!(u32s(&m.bytes, master), 42);
    let b = &m.bytes;
    let info = attrs(b, top[3].1, top[3].1 + top[3].2);
    assert_eq!(info[0].0, 1);
    assert_eq!(&b[info[0].1..info[0].1 + 4], b"veth");
    assert_eq!(info[1].0, 2);
    let data = attrs(b, info[1].1, info[1].1 + info[1].2);
    assert_eq!(data.len(), 1);
    assert_eq!(data[0].0, 1); // VETH_INFO_PEER
    let peer = data[0].1;
    assert_eq!(u32s(b, peer + 8), 0); // the peer is brought up in its namespace
    let inner = attrs(b, peer + 16, peer + data[0].2);
    assert_eq!(inner[0].0, 3);
    assert_eq!(&b[inner[0].1..inner[0].1 + 5], b"eth0\0");
    // Its MAC address (IFLA_ADDRESS), as given.
    assert_eq!(
        (inner[1].0, &b[inner[1].1..inner[1].1 + 6]),
        (1, &[2, 0, 0, 0, 0, 1][..])
    );
    assert_eq!((inner[2].0, u32s(b, inner[2].1)), (4, 9000));
    assert_eq!(inner[3].0, 28);
    assert_eq!(u32s(b, inner[3].1), 7);
    assert_eq!(mac_text(&[2, 0xab, 0, 0, 0, 1]), "02:ab:00:00:00:01");
}

#[test]
fn an_address_carries_local_and_address_and_its_link_from_a_slot() {
    let mut m = new_addr(Ipv4Addr::new(10, 89, 0, 2), 24, 1);
    assert_eq!(m.patch, vec![(20, 1)]);
    m.fill(&[0, 9]);
    let b = &m.bytes;
    assert_eq!(u16s(b, 4), 20);
    assert_eq!(&b[16..20], &[2, 24, 0, 0]);
    assert_eq!(u32s(b, 20), 9);
    let a = attrs(b, 24, b.len());
    assert_eq!(a.len(), 2);
    for (_, at, len) in a {
        assert_eq!(&b[at..at + len], &[10, 89, 0, 2]);
    }
}

#[test]
fn the_default_route_goes_via_the_gateway_in_the_main_table() {
    let m = default_route(Ipv4Addr::new(10, 89, 0, 1));
    let b = &m.bytes;
    assert_eq!(u16s(b, 4), 24);
    assert_eq!(&b[16..24], &[2, 0, 0, 0, 254, 3, 0, 1]);
    assert_eq!(attrs(b, 28, b.len()), vec![(5, 32, 4)]);
    assert_eq!(&b[32..36], &[10, 89, 0, 1]);
}

#[test]
fn lookups_and_deletes_name_or_patch_the_link() {
    let g = get_link("eth1");
    assert_eq!(u16s(&g.bytes, 4), 18);
    assert_eq!(u16s(&g.bytes, 6), 0x1); // no ack: the answer is the link
    assert_eq!(attrs(&g.bytes, 32, g.bytes.len())[0].0, 3);
    let mut d = del_link(3);
    assert_eq!(u16s(&d.bytes, 4), 17);
    d.fill(&[0, 0, 0, 5]);
    assert_eq!(u32s(&d.bytes, 20), 5);
    let mut u = link_up(0);
    u.fill(&[6]);
    assert_eq!(u32s(&u.bytes, 20), 6);
}

fn reply(kind: u16, body: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&((16 + body.len()) as u32).to_ne_bytes());
    b.extend_from_slice(&kind.to_ne_bytes());
    b.extend_from_slice(&[0; 10]);
    b.extend_from_slice(body);
    b
}

#[test]
fn answers_are_read_safely() {
    assert_eq!(answer(&reply(2, &0i32.to_ne_bytes())), Answer::Ok);
    assert_eq!(answer(&reply(2, &(-17i32).to_ne_bytes())), Answer::Err(17));
    let mut link = vec![0u8; 16];
    link[4..8].copy_from_slice(&12u32.to_ne_bytes());
    assert_eq!(answer(&reply(16, &link)), Answer::Link(12));
    assert_eq!(answer(&[]), Answer::Unknown);
    assert_eq!(answer(&[1, 2, 3, 4, 5, 6]), Answer::Unknown);
    assert_eq!(answer(&reply(2, &[])), Answer::Unknown);
    assert_eq!(answer(&reply(16, &[0; 2])), Answer::Unknown);
    assert_eq!(answer(&reply(3, &[0; 4])), Answer::Unknown);
    assert_eq!(
        answer(&reply(2, &i32::MIN.to_ne_bytes())),
        Answer::Err(i32::MAX)
    );
}
