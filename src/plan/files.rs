//! Contents of the files nook generates for a container: /etc/hostname, /etc/hosts, /etc/resolv.conf.

use std::net::{IpAddr, Ipv4Addr};

pub fn hostname(name: &str) -> String {
    format!("{name}\n")
}

/// `/etc/hosts`: with the host's network, the host's file with the container's name added;
/// otherwise loopback names and the container's name (at its own address when it has one on
/// a helper's network); then every `--add-host`.
pub fn hosts(
    hostname: &str,
    host_network: bool,
    host_hosts: &str,
    own_ip: Option<Ipv4Addr>,
    extra: &[(String, IpAddr)],
) -> String {
    let own = own_ip
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "127.0.1.1".to_string());
    let mut text = if host_network {
        let mut text = host_hosts.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("127.0.1.1\t{hostname}\n"));
        text
    } else {
        format!(
            "127.0.0.1\tlocalhost localhost.localdomain\n\
             ::1\tlocalhost ip6-localhost ip6-loopback\n\
             {own}\t{hostname}\n"
        )
    };
    for (name, ip) in extra {
        text.push_str(&format!("{ip}\t{name}\n"));
    }
    text
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
        let h = hosts("abc123", false, "ignored", None, &[]);
        assert!(h.contains("127.0.0.1\tlocalhost"));
        assert!(h.ends_with("127.0.1.1\tabc123\n"));
        let h = hosts("abc123", true, "10.0.0.1 server", None, &[]);
        assert_eq!(h, "10.0.0.1 server\n127.0.1.1\tabc123\n");
        let extra = [("db".to_string(), "10.0.2.2".parse().unwrap())];
        let h = hosts("abc", false, "", Some(Ipv4Addr::new(10, 0, 2, 100)), &extra);
        assert!(h.ends_with("10.0.2.100\tabc\n10.0.2.2\tdb\n"), "{h}");
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
