//! Unit tests of the DNS codec and decision: well-formed queries, every answer path, and
//! malformed or hostile packets (loops, pointers forward, truncation at every byte).

use super::*;

const HOSTS: &str = "\
# written by nook
10.89.0.2 web api   # alias api
10.89.0.3\tdb
fd00::3 db
10.89.0.4 Mixed.Case.
not-an-ip ghost
10.89.0.2 again
";

fn zone() -> Zone {
    Zone::new(Hosts::parse(HOSTS), "dns.podman")
}

fn query_with(id: u16, flags: u16, name: &str, qtype: u16) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&id.to_be_bytes());
    p.extend_from_slice(&flags.to_be_bytes());
    p.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]);
    for l in name.split('.').filter(|l| !l.is_empty()) {
        p.push(l.len() as u8);
        p.extend_from_slice(l.as_bytes());
    }
    p.push(0);
    p.extend_from_slice(&qtype.to_be_bytes());
    p.extend_from_slice(&CLASS_IN.to_be_bytes());
    p
}

fn query(name: &str, qtype: u16) -> Vec<u8> {
    query_with(0x1234, RD, name, qtype)
}

/// A response read back: rcode, flags, answers (type, rdata).
struct Resp {
    id: u16,
    flags: u16,
    rcode: u8,
    question: Option<Vec<Vec<u8>>>,
    answers: Vec<(u16, u32, Vec<u8>)>,
}

fn read(resp: &[u8]) -> Resp {
    let flags = be16(resp, 2).unwrap();
    let qd = be16(resp, 4).unwrap();
    let an = be16(resp, 6).unwrap();
    let mut at = HEADER;
    let mut question = None;
    if qd == 1 {
        let (labels, end) = read_name(resp, at).unwrap();
        question = Some(labels);
        at = end + 4;
    }
    let mut answers = Vec::new();
    for _ in 0..an {
        let (_, end) = read_name(resp, at).unwrap();
        let rtype = be16(resp, end).unwrap();
        let ttl = u32::from_be_bytes(resp[end + 4..end + 8].try_into().unwrap());
        let len = usize::from(be16(resp, end + 8).unwrap());
        answers.push((rtype, ttl, resp[end + 10..end + 10 + len].to_vec()));
        at = end + 10 + len;
    }
    assert_eq!(at, resp.len(), "no trailing bytes");
    Resp {
        id: be16(resp, 0).unwrap(),
        flags,
        rcode: (flags & 0x0F) as u8,
        question,
        answers,
    }
}

fn answer(packet: &[u8]) -> Resp {
    match decide(packet, &zone(), UDP_MAX) {
        Action::Answer(r) => read(&r),
        other => panic!("expected an answer, got {other:?}"),
    }
}

fn a(ip: [u8; 4]) -> (u16, u32, Vec<u8>) {
    (TYPE_A, TTL, ip.to_vec())
}

#[test]
fn hosts_file_names_aliases_and_comments() {
    let h = Hosts::parse(HOSTS);
    let v4 = |s: &str| s.parse::<IpAddr>().unwrap();
    assert_eq!(h.lookup("web"), Some(&[v4("10.89.0.2")][..]));
    assert_eq!(h.lookup("api"), Some(&[v4("10.89.0.2")][..]));
    assert_eq!(h.lookup("again"), Some(&[v4("10.89.0.2")][..]));
    assert_eq!(h.lookup("db"), Some(&[v4("10.89.0.3"), v4("fd00::3")][..]));
    assert_eq!(h.lookup("mixed.case"), Some(&[v4("10.89.0.4")][..]));
    assert_eq!(h.lookup("ghost"), None);
    assert_eq!(h.lookup("#"), None);
    assert_eq!(
        h.name_of(&v4("10.89.0.2")),
        Some("web"),
        "the first name is canonical"
    );
    assert_eq!(h.name_of(&v4("fd00::3")), Some("db"));
    assert_eq!(Hosts::parse(""), Hosts::default());
    assert_eq!(
        Hosts::parse("10.0.0.1 bad..name a/b ok"),
        Hosts::parse("10.0.0.1 ok")
    );
    assert_eq!(
        Hosts::parse("10.0.0.1 ok\n10.0.0.1 ok")
            .lookup("ok")
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn known_names_with_or_without_the_domain_any_case() {
    for name in [
        "web",
        "WEB",
        "web.dns.podman",
        "Web.DNS.podman.",
        "api",
        "api.dns.podman",
    ] {
        let r = answer(&query(name, TYPE_A));
        assert_eq!(r.rcode, NOERROR, "{name}");
        assert_eq!(r.answers, vec![a([10, 89, 0, 2])], "{name}");
        assert_eq!(r.id, 0x1234);
        assert_ne!(r.flags & QR, 0);
        assert_ne!(r.flags & AA, 0);
        assert_ne!(r.flags & RD, 0, "RD is copied");
        assert_eq!(r.flags & TC, 0);
    }
    // The question is echoed as the client wrote it (0x20 case randomisation survives).
    let r = answer(&query("wEb.dNs.podman", TYPE_A));
    assert_eq!(
        r.question.unwrap(),
        vec![b"wEb".to_vec(), b"dNs".to_vec(), b"podman".to_vec()]
    );
    let r = answer(&query("mixed.case.dns.podman", TYPE_A));
    assert_eq!(r.answers, vec![a([10, 89, 0, 4])]);
}

#[test]
fn aaaa_any_and_other_types() {
    let r = answer(&query("db", TYPE_AAAA));
    let v6: Ipv6Addr = "fd00::3".parse().unwrap();
    assert_eq!(r.answers, vec![(TYPE_AAAA, TTL, v6.octets().to_vec())]);
    let r = answer(&query("db", TYPE_ANY));
    assert_eq!(r.answers.len(), 2);
    // A name known without an address of the type: NOERROR, no answers (NODATA).
    let r = answer(&query("web", TYPE_AAAA));
    assert_eq!((r.rcode, r.answers.len()), (NOERROR, 0));
    let r = answer(&query("web", 15));
    assert_eq!((r.rcode, r.answers.len()), (NOERROR, 0));
}

#[test]
fn unknown_names_of_the_zone_are_nxdomain_others_are_forwarded() {
    let r = answer(&query("nobody.dns.podman", TYPE_A));
    assert_eq!((r.rcode, r.answers.len()), (NXDOMAIN, 0));
    let r = answer(&query("dns.podman", TYPE_A));
    assert_eq!(
        (r.rcode, r.answers.len()),
        (NOERROR, 0),
        "the zone itself exists"
    );
    for name in ["example.com", "nobody", "xdns.podman", "web.example.com"] {
        match decide(&query(name, TYPE_A), &zone(), UDP_MAX) {
            Action::Forward(q) => assert_eq!(q.id, 0x1234, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    // No domain: only the names themselves.
    let bare = Zone::new(Hosts::parse(HOSTS), "");
    assert!(matches!(
        decide(&query("web.dns.podman", TYPE_A), &bare, UDP_MAX),
        Action::Forward(_)
    ));
    assert!(matches!(
        decide(&query("web", TYPE_A), &bare, UDP_MAX),
        Action::Answer(_)
    ));
    // Another class, or a name no hosts file can hold: forwarded.
    let mut chaos = query("version.bind", 16);
    let n = chaos.len();
    chaos[n - 1] = 3;
    assert!(matches!(
        decide(&chaos, &zone(), UDP_MAX),
        Action::Forward(_)
    ));
    assert!(matches!(
        decide(&query("we b", TYPE_A), &zone(), UDP_MAX),
        Action::Forward(_)
    ));
}

#[test]
fn ptr_for_known_addresses() {
    let r = answer(&query("2.0.89.10.in-addr.arpa", TYPE_PTR));
    let mut want = Vec::new();
    write_name(
        &mut want,
        &[b"web".to_vec(), b"dns".to_vec(), b"podman".to_vec()],
    );
    assert_eq!(r.answers, vec![(TYPE_PTR, TTL, want)]);
    let six = "3.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa";
    let r = answer(&query(six, TYPE_PTR));
    assert_eq!(r.answers.len(), 1);
    assert!(matches!(
        decide(&query("9.9.9.9.in-addr.arpa", TYPE_PTR), &zone(), UDP_MAX),
        Action::Forward(_)
    ));
}

#[test]
fn reverse_names() {
    let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
    assert_eq!(reverse("4.3.2.1.in-addr.arpa"), ip("1.2.3.4"));
    assert_eq!(reverse("3.2.1.in-addr.arpa"), None);
    assert_eq!(reverse("256.3.2.1.in-addr.arpa"), None);
    assert_eq!(reverse("04.3.2.1.in-addr.arpa"), None);
    assert_eq!(reverse("5.4.3.2.1.in-addr.arpa"), None);
    assert_eq!(reverse("example.com"), None);
    let six = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";
    assert_eq!(reverse(six), ip("2001:db8::1"));
    assert_eq!(reverse("1.0.ip6.arpa"), None);
    assert_eq!(reverse(&six.replace("8.b", "88.b")), None);
}

#[test]
fn compression_pointers_backwards_are_followed() {
    // Header, then at 12 "dns.podman" as a name never used, then the question: "web" + ptr.
    let mut p = query_with(7, 0, "", TYPE_A);
    p.truncate(HEADER);
    p.extend_from_slice(b"\x03dns\x06podman\x00");
    let q = p.len();
    p.extend_from_slice(b"\x03web\xC0\x0C");
    p.extend_from_slice(&[0, 1, 0, 1]);
    // The name ends after the pointer, not after its target.
    assert_eq!(read_name(&p, q).unwrap().1, q + 6);
    let (labels, _) = read_name(&p, q).unwrap();
    assert_eq!(
        labels,
        vec![b"web".to_vec(), b"dns".to_vec(), b"podman".to_vec()]
    );
}

#[test]
fn hostile_names_are_rejected() {
    let named = |name: &[u8]| {
        let mut p = query_with(9, RD, "", TYPE_A);
        p.truncate(HEADER);
        p.extend_from_slice(name);
        p.extend_from_slice(&[0, 1, 0, 1]);
        p
    };
    let formerr = |p: &[u8]| match decide(p, &zone(), UDP_MAX) {
        Action::Answer(r) => {
            let r = read(&r);
            assert_eq!(
                (r.id, r.rcode, r.question, r.answers.len()),
                (9, FORMERR, None, 0)
            );
        }
        other => panic!("{p:?}: {other:?}"),
    };
    formerr(&named(b"\xC0\x0C")); // points at itself
    formerr(&named(b"\x03web\xC0\x0C")); // a loop through the label
    formerr(&named(b"\x03web\xC0\x20")); // points forwards
    formerr(&named(b"\xC0\xFF")); // beyond the end
    formerr(&named(b"\x40abc\x00")); // extended label type
    formerr(&named(b"\x80abc\x00")); // reserved label type
    formerr(&named(b"\x05ab")); // label past the end
    formerr(&named(b"\x03web")); // no terminating zero
    let mut long = Vec::new();
    for _ in 0..5 {
        long.push(63);
        long.extend_from_slice(&[b'a'; 63]);
    }
    long.push(0);
    formerr(&named(&long)); // 320 bytes > 255
    let mut p = named(b"\x03web\x00");
    p.truncate(p.len() - 1);
    formerr(&p); // class cut short
    // A chain of backward pointers longer than MAX_JUMPS.
    let mut chain = query_with(9, RD, "", TYPE_A);
    chain.truncate(HEADER);
    chain.extend_from_slice(b"\x01a\x00");
    for i in 0..40u16 {
        let prev = if i == 0 { 12 } else { 12 + 3 + 2 * (i - 1) };
        chain.extend_from_slice(&(0xC000 | prev).to_be_bytes());
    }
    let last = chain.len() - 2;
    assert_eq!(read_name(&chain, last), None);
    assert!(
        read_name(&chain, 12 + 3 + 2 * 10).is_some(),
        "a short chain is fine"
    );
}

#[test]
fn bad_headers() {
    let drop = |p: &[u8]| assert_eq!(decide(p, &zone(), UDP_MAX), Action::Drop, "{p:?}");
    drop(b"");
    drop(b"\x12");
    drop(&[0; 11]);
    // A response (QR set) is never answered.
    drop(&query_with(1, QR, "web", TYPE_A));
    let code = |p: &[u8]| match decide(p, &zone(), UDP_MAX) {
        Action::Answer(r) => read(&r).rcode,
        other => panic!("{other:?}"),
    };
    assert_eq!(code(&[0; 12]), FORMERR, "no question");
    let mut two = query("web", TYPE_A);
    two[5] = 2;
    assert_eq!(code(&two), FORMERR, "two questions");
    assert_eq!(
        code(&query_with(1, 0x2800, "web", TYPE_A)),
        NOTIMP,
        "UPDATE"
    );
    assert_eq!(
        code(&query_with(1, 0x1000, "web", TYPE_A)),
        NOTIMP,
        "STATUS"
    );
}

#[test]
fn every_truncation_and_bit_flip_is_safe() {
    let z = zone();
    for base in [
        query("web.dns.podman", TYPE_A),
        query("2.0.89.10.in-addr.arpa", TYPE_PTR),
    ] {
        for n in 0..=base.len() {
            let _ = decide(&base[..n], &z, UDP_MAX);
        }
        for i in 0..base.len() {
            for bit in 0..8 {
                let mut p = base.clone();
                p[i] ^= 1 << bit;
                let _ = decide(&p, &z, UDP_MAX);
            }
        }
    }
    // Every two-byte tail after a header: all pointer and label patterns.
    for x in 0..=u16::MAX {
        let mut p = query_with(1, 0, "", TYPE_A);
        p.truncate(HEADER);
        p.extend_from_slice(&x.to_be_bytes());
        p.extend_from_slice(&[0, 1, 0, 1]);
        let _ = decide(&p, &z, UDP_MAX);
    }
}

#[test]
fn trailing_sections_are_ignored() {
    // An EDNS OPT record in the additional section (dig sends one): still answered.
    let mut p = query("web", TYPE_A);
    p[11] = 1;
    p.extend_from_slice(&[0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(answer(&p).answers, vec![a([10, 89, 0, 2])]);
}

#[test]
fn large_answers_are_truncated_for_udp() {
    let text: String = (0..100)
        .map(|i| format!("10.0.{}.{} many\n", i / 250, i % 250))
        .collect();
    let z = Zone::new(Hosts::parse(&text), "dns.podman");
    let Action::Answer(r) = decide(&query("many", TYPE_A), &z, UDP_MAX) else {
        panic!()
    };
    assert!(r.len() <= UDP_MAX);
    let r = read(&r);
    assert_ne!(r.flags & TC, 0);
    assert!(r.answers.len() > 20 && r.answers.len() < 100);
    let Action::Answer(r) = decide(&query("many", TYPE_A), &z, 65535) else {
        panic!()
    };
    let r = read(&r);
    assert_eq!((r.flags & TC, r.answers.len()), (0, 100));
}

#[test]
fn servfail_ids_and_responses() {
    let Ok(q) = parse_query(&query("example.com", TYPE_A)) else {
        panic!()
    };
    let r = read(&servfail(&q));
    assert_eq!((r.id, r.rcode, r.flags & AA), (0x1234, SERVFAIL, 0));
    let p = query("example.com", TYPE_A);
    let sent = with_id(&p, 0xBEEF);
    assert_eq!(&sent[2..], &p[2..]);
    assert_eq!(parse_query(&sent).map(|q| q.id), Ok(0xBEEF));
    assert!(!is_response_to(&sent, 0xBEEF), "a query is not a response");
    let resp = response(&q, NOERROR, &[], UDP_MAX);
    assert!(is_response_to(&resp, 0x1234));
    assert!(!is_response_to(&resp, 0x1235));
    assert!(!is_response_to(&resp[..3], 0x1234));
    assert_eq!(with_id(b"\x01", 5), b"\x01".to_vec());
}

#[test]
fn endpoints_and_upstreams() {
    let sa = |s: &str| s.parse::<SocketAddr>().unwrap();
    assert_eq!(parse_endpoint("10.0.2.3"), Ok(sa("10.0.2.3:53")));
    assert_eq!(parse_endpoint("127.0.0.1:5353"), Ok(sa("127.0.0.1:5353")));
    assert_eq!(parse_endpoint("[fd00::1]:54"), Ok(sa("[fd00::1]:54")));
    assert_eq!(parse_endpoint("fd00::1"), Ok(sa("[fd00::1]:53")));
    assert_eq!(parse_endpoint("[fd00::1]"), Ok(sa("[fd00::1]:53")));
    for bad in ["", "web", "10.0.2.3:", "10.0.2.3:99999", "1.2.3.4.5"] {
        assert!(parse_endpoint(bad).is_err(), "{bad}");
    }
    let conf = "# comment\nsearch example.com\nnameserver 10.0.2.3\nnameserver fe80::1%eth0\n\
                nameserver  ::1\noptions ndots:1\nnameserver\n";
    assert_eq!(
        resolv_conf_nameservers(conf),
        vec![sa("10.0.2.3:53"), sa("[::1]:53")]
    );
    let listen = [sa("10.0.2.3:53")];
    assert_eq!(upstreams(&[], conf, &listen), vec![sa("[::1]:53")]);
    assert_eq!(
        upstreams(&[sa("1.1.1.1:53")], conf, &listen),
        vec![sa("1.1.1.1:53")]
    );
    assert_eq!(upstreams(&[], "", &[]), vec![]);
}
