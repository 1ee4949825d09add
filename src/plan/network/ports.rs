//! Published ports: parsing `-p`, adding `-P`'s exposed ports, which side forwards each one, and
//! the text of `nook port`.

use std::net::{IpAddr, Ipv4Addr};

use serde::{Deserialize, Serialize};

use super::Mode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Proto {
    Tcp,
    Udp,
}

impl Proto {
    pub fn as_str(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
        }
    }
}

/// One published port. `host_port` 0 means "a free port the host side chooses".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortMapping {
    pub host_ip: Option<Ipv4Addr>,
    pub host_port: u16,
    pub container_port: u16,
    pub proto: Proto,
}

impl PortMapping {
    /// The host address to bind (all addresses when none was given).
    pub fn bind_ip(&self) -> Ipv4Addr {
        self.host_ip.unwrap_or(Ipv4Addr::UNSPECIFIED)
    }
}

fn port_range(s: &str) -> Result<(u16, u16), String> {
    let port = |p: &str| -> Result<u16, String> {
        match p.parse::<u16>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!("{p:?} is not a port number (1 to 65535)")),
        }
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            if a > b {
                return Err(format!("the range {s:?} runs backwards"));
            }
            Ok((a, b))
        }
        None => port(s).map(|p| (p, p)),
    }
}

/// Parse one `-p [[HOSTIP:]HOSTPORT:]CTRPORT[/tcp|/udp]`, ranges allowed on both sides.
pub fn parse_publish(spec: &str) -> Result<Vec<PortMapping>, String> {
    let explain = |why: String| {
        format!(
            "invalid port spec {spec:?}: {why}; use [HOSTIP:]HOSTPORT:CTRPORT[/tcp|/udp], as in -p 8080:80"
        )
    };
    let (ports, proto) = match spec.rsplit_once('/') {
        Some((p, "tcp")) => (p, Proto::Tcp),
        Some((p, "udp")) => (p, Proto::Udp),
        Some((_, other)) => {
            return Err(explain(format!("unsupported protocol {other:?}")));
        }
        None => (spec, Proto::Tcp),
    };
    let parts: Vec<&str> = ports.split(':').collect();
    let (ip, host, ctr) = match parts.as_slice() {
        [ctr] => (None, "", *ctr),
        [host, ctr] => (None, *host, *ctr),
        [ip, host, ctr] => (Some(*ip), *host, *ctr),
        _ => return Err(explain("too many ':'".into())),
    };
    let host_ip = match ip {
        None | Some("") => None,
        Some(ip) => match ip.parse::<IpAddr>() {
            Ok(IpAddr::V4(v4)) => Some(v4),
            Ok(IpAddr::V6(_)) => {
                return Err(explain("IPv6 host addresses are not supported".into()));
            }
            Err(_) => return Err(explain(format!("{ip:?} is not an IP address"))),
        },
    };
    let (c0, c1) = port_range(ctr).map_err(explain)?;
    let hosts: Vec<u16> = if host.is_empty() {
        vec![0; usize::from(c1 - c0) + 1]
    } else {
        let (h0, h1) = port_range(host).map_err(explain)?;
        if h1 - h0 != c1 - c0 {
            return Err(explain(
                "the host and container ranges differ in length".into(),
            ));
        }
        (h0..=h1).collect()
    };
    Ok(hosts
        .into_iter()
        .zip(c0..=c1)
        .map(|(host_port, container_port)| PortMapping {
            host_ip,
            host_port,
            container_port,
            proto,
        })
        .collect())
}

/// Every `-p`, then (`-P`) each exposed port not published yet, on a free host port.
pub fn ports(
    specs: &[String],
    publish_all: bool,
    exposed: &[(u16, Proto)],
) -> Result<Vec<PortMapping>, String> {
    let mut all = Vec::new();
    for spec in specs {
        all.extend(parse_publish(spec)?);
    }
    if publish_all {
        for &(port, proto) in exposed {
            if !all
                .iter()
                .any(|m: &PortMapping| m.container_port == port && m.proto == proto)
            {
                all.push(PortMapping {
                    host_ip: None,
                    host_port: 0,
                    container_port: port,
                    proto,
                });
            }
        }
    }
    for (i, a) in all.iter().enumerate() {
        let clash = all[..i].iter().any(|b| {
            a.host_port != 0
                && a.host_port == b.host_port
                && a.proto == b.proto
                && (a.host_ip == b.host_ip || a.host_ip.is_none() || b.host_ip.is_none())
        });
        if clash {
            return Err(format!(
                "host port {}/{} is published twice: give each -p its own host port",
                a.host_port,
                a.proto.as_str()
            ));
        }
    }
    Ok(all)
}

/// Whether nook forwards this published port itself (slirp4netns's TCP ports: slirp4netns
/// would copy every byte through its user-space TCP stack; the TCP and UDP ports of a
/// container on bridge networks, which has no helper of its own) rather than the helper (UDP
/// on slirp4netns, everything on pasta, which forwards in the kernel's terms already).
pub fn nook_forwards(mode: &Mode, p: &PortMapping) -> bool {
    match mode {
        Mode::Slirp4netns(_) => p.proto == Proto::Tcp,
        Mode::Bridge(_) => true,
        _ => false,
    }
}

/// `nook port` lines: `80/tcp -> 0.0.0.0:8080`, optionally only for one `PORT[/PROTO]`.
pub fn port_lines(ports: &[PortMapping], only: Option<&str>) -> Result<String, String> {
    let filter = match only {
        None => None,
        Some(s) => {
            let bad = || format!("invalid port {s:?}: use PORT, PORT/tcp or PORT/udp");
            let (port, proto) = match s.split_once('/') {
                Some((p, "udp")) => (p, Proto::Udp),
                Some((p, "tcp")) => (p, Proto::Tcp),
                Some(_) => return Err(bad()),
                None => (s, Proto::Tcp),
            };
            let port: u16 = port.parse().map_err(|_| bad())?;
            Some((port, proto))
        }
    };
    let mut text = String::new();
    for p in ports {
        match filter {
            Some((port, proto)) if (port, proto) != (p.container_port, p.proto) => continue,
            Some(_) => text += &format!("{}:{}\n", p.bind_ip(), p.host_port),
            None => {
                text += &format!(
                    "{}/{} -> {}:{}\n",
                    p.container_port,
                    p.proto.as_str(),
                    p.bind_ip(),
                    p.host_port
                )
            }
        }
    }
    // podman's words for a port the container does not publish.
    match (only, text.is_empty()) {
        (Some(s), true) => Err(format!("failed to find published port {s:?}")),
        _ => Ok(text),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::plan::network::SlirpOptions;

    /// A mapping for the tests of the network plan.
    pub(crate) fn m(ip: Option<[u8; 4]>, host: u16, ctr: u16, proto: Proto) -> PortMapping {
        PortMapping {
            host_ip: ip.map(Ipv4Addr::from),
            host_port: host,
            container_port: ctr,
            proto,
        }
    }

    #[test]
    fn publish_specs() {
        assert_eq!(
            parse_publish("8080:80").unwrap(),
            [m(None, 8080, 80, Proto::Tcp)]
        );
        assert_eq!(
            parse_publish("127.0.0.1:8080:80/udp").unwrap(),
            [m(Some([127, 0, 0, 1]), 8080, 80, Proto::Udp)]
        );
        assert_eq!(
            parse_publish("8000-8002:80-82").unwrap(),
            [
                m(None, 8000, 80, Proto::Tcp),
                m(None, 8001, 81, Proto::Tcp),
                m(None, 8002, 82, Proto::Tcp)
            ]
        );
        assert_eq!(parse_publish("80").unwrap(), [m(None, 0, 80, Proto::Tcp)]);
        assert_eq!(
            parse_publish("127.0.0.1::80-81/tcp").unwrap(),
            [
                m(Some([127, 0, 0, 1]), 0, 80, Proto::Tcp),
                m(Some([127, 0, 0, 1]), 0, 81, Proto::Tcp)
            ]
        );
    }

    #[test]
    fn bad_publish_specs() {
        for bad in [
            "",
            "0:80",
            "8080:0",
            "70000:80",
            "a:80",
            "8080:80/sctp",
            "8000-8002:80",
            "8002-8000:80-82",
            "1.2.3:8080:80",
            "[::1]:8080:80",
            "1:2:3:4",
            "8080:",
        ] {
            let e = parse_publish(bad).unwrap_err();
            assert!(
                e.starts_with("invalid port spec") && !e.contains('\n'),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn duplicate_host_ports_are_refused() {
        let specs = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(ports(&specs(&["8080:80", "8080:81"]), false, &[]).is_err());
        assert!(ports(&specs(&["8080:80", "8080:80/udp"]), false, &[]).is_ok());
        assert!(ports(&specs(&["80", "81"]), false, &[]).is_ok());
    }

    #[test]
    fn publish_all_adds_exposed_ports_once() {
        let p = ports(
            &["8080:80".to_string()],
            true,
            &[(80, Proto::Tcp), (53, Proto::Udp)],
        )
        .unwrap();
        assert_eq!(
            p,
            [m(None, 8080, 80, Proto::Tcp), m(None, 0, 53, Proto::Udp)]
        );
        assert!(ports(&[], true, &[]).unwrap().is_empty());
    }

    #[test]
    fn nook_forwards_slirp4netns_tcp_only() {
        let tcp = m(None, 8080, 80, Proto::Tcp);
        let udp = m(None, 5353, 53, Proto::Udp);
        let slirp = Mode::Slirp4netns(SlirpOptions::default());
        assert!(nook_forwards(&slirp, &tcp));
        assert!(!nook_forwards(&slirp, &udp));
        assert!(!nook_forwards(&Mode::Pasta(vec![]), &tcp));
        assert!(!nook_forwards(&Mode::None, &tcp));
        assert!(nook_forwards(&Mode::Bridge(Default::default()), &tcp));
        assert!(nook_forwards(&Mode::Bridge(Default::default()), &udp));
    }

    #[test]
    fn port_listing() {
        let p = [
            m(None, 8080, 80, Proto::Tcp),
            m(Some([127, 0, 0, 1]), 5353, 53, Proto::Udp),
        ];
        assert_eq!(
            port_lines(&p, None).unwrap(),
            "80/tcp -> 0.0.0.0:8080\n53/udp -> 127.0.0.1:5353\n"
        );
        assert_eq!(port_lines(&p, Some("80")).unwrap(), "0.0.0.0:8080\n");
        assert_eq!(port_lines(&p, Some("53/udp")).unwrap(), "127.0.0.1:5353\n");
        assert_eq!(
            port_lines(&p, Some("53")).unwrap_err(),
            r#"failed to find published port "53""#
        );
        assert!(port_lines(&p, Some("x")).is_err());
    }
}
