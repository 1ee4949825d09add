//! Contents of the files nook generates for a container: /etc/hostname, /etc/hosts, /etc/resolv.conf.

pub fn hostname(name: &str) -> String {
    format!("{name}\n")
}

/// `/etc/hosts`: with the host's network, the host's file with the container's name added;
/// otherwise loopback names and the container's name.
pub fn hosts(hostname: &str, host_network: bool, host_hosts: &str) -> String {
    if host_network {
        let mut text = host_hosts.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("127.0.1.1\t{hostname}\n"));
        return text;
    }
    format!(
        "127.0.0.1\tlocalhost localhost.localdomain\n\
         ::1\tlocalhost ip6-localhost ip6-loopback\n\
         127.0.1.1\t{hostname}\n"
    )
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
        let h = hosts("abc123", false, "ignored");
        assert!(h.contains("127.0.0.1\tlocalhost"));
        assert!(h.ends_with("127.0.1.1\tabc123\n"));
        let h = hosts("abc123", true, "10.0.0.1 server");
        assert_eq!(h, "10.0.0.1 server\n127.0.1.1\tabc123\n");
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
