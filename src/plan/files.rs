//! Contents of the files nook generates for a container: /etc/hostname, /etc/hosts, /etc/resolv.conf.

use std::net::{IpAddr, Ipv4Addr};

pub fn hostname(name: &str) -> String {
    format!("{name}\n")
}

/// The names and addresses of a container's `/etc/hosts`.
#[derive(Debug, Clone, Default)]
pub struct HostsFor<'a> {
    pub hostname: &'a str,
    /// The container's name, after its host name on its own line, as podman writes it.
    pub name: &'a str,
    pub host_network: bool,
    /// The host's `/etc/hosts`.
    pub host_hosts: &'a str,
    /// Its address on a helper's network.
    pub own_ip: Option<Ipv4Addr>,
    /// Where `host.containers.internal` (and docker's `host.docker.internal`) lead.
    pub host_internal: Option<IpAddr>,
    /// `--add-host`.
    pub extra: &'a [(String, IpAddr)],
    /// A pod member's: the pod's (its infra container's) hosts file, which it adds its name
    /// to at 127.0.0.1.
    pub pod_hosts: Option<&'a str>,
}

/// `/etc/hosts`: with the host's network, the host's file with the container's names added;
/// otherwise loopback names and the container's host name and name (at its own address when
/// it has one on a helper's network) and the host's name as podman gives it; then every
/// `--add-host`.
pub fn hosts(h: &HostsFor<'_>) -> String {
    let HostsFor {
        hostname,
        host_network,
        host_hosts,
        own_ip,
        extra,
        ..
    } = *h;
    if let Some(pod) = h.pod_hosts {
        let sep = if pod.is_empty() || pod.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        return format!("{pod}{sep}127.0.0.1\t{}\n", h.name);
    }
    let names = match h.name.is_empty() {
        true => hostname.to_string(),
        false => format!("{hostname} {}", h.name),
    };
    let own = own_ip
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "127.0.1.1".to_string());
    let mut text = if host_network {
        let mut text = host_hosts.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("127.0.1.1\t{names}\n"));
        text
    } else {
        format!(
            "127.0.0.1\tlocalhost localhost.localdomain\n\
             ::1\tlocalhost ip6-localhost ip6-loopback\n\
             {own}\t{names}\n"
        )
    };
    if let Some(ip) = h.host_internal {
        text.push_str(&format!(
            "{ip}\thost.containers.internal host.docker.internal\n"
        ));
    }
    for (name, ip) in extra {
        text.push_str(&format!("{ip}\t{name}\n"));
    }
    text
}

/// The host's address a container reaches it at (`host.containers.internal`): its first IPv4
/// address that is neither loopback nor link-local, else such an IPv6 one (podman's choice).
pub fn host_address(ips: &[IpAddr]) -> Option<IpAddr> {
    let usable = |ip: &&IpAddr| match ip {
        IpAddr::V4(v4) => !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified(),
        IpAddr::V6(v6) => {
            !v6.is_loopback() && !v6.is_unspecified() && (v6.segments()[0] & 0xffc0) != 0xfe80
        }
    };
    let v4 = ips.iter().filter(|ip| ip.is_ipv4()).find(usable);
    v4.or_else(|| ips.iter().find(usable)).copied()
}

/// `--add-host` and the DNS flags of a request.
pub fn asked(
    req: &super::request::NetworkRequest,
) -> Result<(Vec<(String, IpAddr)>, DnsOptions), String> {
    let extra = req
        .add_hosts
        .iter()
        .map(|h| super::network::parse_add_host(h))
        .collect::<Result<Vec<_>, _>>()?;
    let dns = DnsOptions {
        servers: req.dns.clone(),
        search: req.dns_search.clone(),
        options: req.dns_options.clone(),
    };
    Ok((extra, dns))
}

/// `--dns`, `--dns-search` and `--dns-option` as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DnsOptions {
    pub servers: Vec<IpAddr>,
    pub search: Vec<String>,
    pub options: Vec<String>,
}

fn words_of(host_resolv: &str, key: &str) -> Vec<String> {
    host_resolv
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some(key)).then(|| w.map(str::to_string).collect::<Vec<_>>())
        })
        .flatten()
        .collect()
}

/// `/etc/resolv.conf` for a container: `--dns` servers, else the helper's DNS forwarder,
/// else the host's (minus loopback ones in an own network namespace); search domains and
/// options from the flags, else from the host.
pub fn resolv_conf_for(
    host_resolv: &str,
    host_network: bool,
    forwarder: Option<Ipv4Addr>,
    dns: &DnsOptions,
) -> String {
    if dns == &DnsOptions::default() && forwarder.is_none() {
        return resolv_conf(host_resolv, host_network);
    }
    let servers: Vec<String> = if !dns.servers.is_empty() {
        dns.servers.iter().map(|s| s.to_string()).collect()
    } else if let Some(f) = forwarder {
        vec![f.to_string()]
    } else {
        words_of(&resolv_conf(host_resolv, host_network), "nameserver")
    };
    let search = match dns.search.as_slice() {
        [] => {
            let mut s = words_of(host_resolv, "search");
            s.extend(words_of(host_resolv, "domain"));
            s
        }
        // podman's way of saying "no search domains".
        [dot] if dot == "." => Vec::new(),
        given => given.to_vec(),
    };
    let options = if dns.options.is_empty() {
        words_of(host_resolv, "options")
    } else {
        dns.options.clone()
    };
    let mut text = String::new();
    if !search.is_empty() {
        text += &format!("search {}\n", search.join(" "));
    }
    for s in servers {
        text += &format!("nameserver {s}\n");
    }
    if !options.is_empty() {
        text += &format!("options {}\n", options.join(" "));
    }
    text
}

/// `/etc/resolv.conf`: the host's, minus loopback name servers when the container has its own
/// network namespace (they would point at the container itself).
pub fn resolv_conf(host_resolv: &str, host_network: bool) -> String {
    if host_network {
        return host_resolv.to_string();
    }
    host_resolv
        .lines()
        .filter(|l| {
            let mut words = l.split_whitespace();
            !(words.next() == Some("nameserver")
                && words
                    .next()
                    .is_some_and(|ip| ip.starts_with("127.") || ip == "::1"))
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_names_the_container() {
        let base = HostsFor {
            hostname: "abc123",
            host_hosts: "ignored",
            ..Default::default()
        };
        let h = hosts(&base);
        assert!(h.contains("127.0.0.1\tlocalhost"));
        assert!(h.ends_with("127.0.1.1\tabc123\n"));
        let h = hosts(&HostsFor {
            name: "web",
            host_network: true,
            host_hosts: "10.0.0.1 server",
            ..base.clone()
        });
        assert_eq!(h, "10.0.0.1 server\n127.0.1.1\tabc123 web\n");
        let extra = [("db".to_string(), "10.0.2.2".parse().unwrap())];
        let h = hosts(&HostsFor {
            name: "web",
            own_ip: Some(Ipv4Addr::new(10, 0, 2, 100)),
            host_internal: Some("192.0.2.2".parse().unwrap()),
            extra: &extra,
            ..base.clone()
        });
        assert!(
            h.ends_with(
                "10.0.2.100\tabc123 web\n\
                 192.0.2.2\thost.containers.internal host.docker.internal\n\
                 10.0.2.2\tdb\n"
            ),
            "{h}"
        );
    }

    #[test]
    fn a_pod_member_adds_its_name_to_the_pods_hosts() {
        let pod = "127.0.0.1\tlocalhost\n10.0.2.100\tpod infra";
        let h = hosts(&HostsFor {
            hostname: "pod",
            name: "con1",
            pod_hosts: Some(pod),
            ..Default::default()
        });
        assert_eq!(h, format!("{pod}\n127.0.0.1\tcon1\n"));
    }

    #[test]
    fn the_host_is_its_first_address_that_is_neither_loopback_nor_link_local() {
        let ips = |v: &[&str]| -> Vec<IpAddr> { v.iter().map(|s| s.parse().unwrap()).collect() };
        let first = |v: &[&str]| host_address(&ips(v));
        assert_eq!(
            first(&[
                "127.0.0.1",
                "::1",
                "fe80::1",
                "169.254.0.9",
                "fd00::2",
                "192.0.2.2"
            ]),
            Some("192.0.2.2".parse().unwrap())
        );
        assert_eq!(
            first(&["127.0.0.1", "fe80::1", "fd00::2"]),
            Some("fd00::2".parse().unwrap())
        );
        assert_eq!(first(&["127.0.0.1", "::1"]), None);
    }

    #[test]
    fn resolv_points_at_the_forwarder_unless_dns_is_given() {
        let host = "search example.org\nnameserver 127.0.0.53\noptions edns0\n";
        let fwd = Some(Ipv4Addr::new(10, 0, 2, 3));
        let none = DnsOptions::default();
        assert_eq!(
            resolv_conf_for(host, false, fwd, &none),
            "search example.org\nnameserver 10.0.2.3\noptions edns0\n"
        );
        let dns = DnsOptions {
            servers: vec!["192.0.2.53".parse().unwrap()],
            search: vec!["a.test".into(), "b.test".into()],
            options: vec!["ndots:2".into()],
        };
        assert_eq!(
            resolv_conf_for(host, false, fwd, &dns),
            "search a.test b.test\nnameserver 192.0.2.53\noptions ndots:2\n"
        );
        let dot = DnsOptions {
            search: vec![".".into()],
            ..DnsOptions::default()
        };
        assert_eq!(
            resolv_conf_for(host, false, fwd, &dot),
            "nameserver 10.0.2.3\noptions edns0\n"
        );
        assert_eq!(resolv_conf_for(host, true, None, &none), host);
    }

    #[test]
    fn resolv_drops_loopback_servers_in_own_netns() {
        let host =
            "search example.org\nnameserver 127.0.0.53\nnameserver 9.9.9.9\nnameserver ::1\n";
        assert_eq!(
            resolv_conf(host, false),
            "search example.org\nnameserver 9.9.9.9\n"
        );
        assert_eq!(resolv_conf(host, true), host);
    }
}
