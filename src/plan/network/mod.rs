//! Network decisions: the mode and its options, `--add-host` and the choice of mode and helper
//! from what the host offers. Published ports, the helpers' command lines and the slirp4netns
//! API requests are in the files below. Pure: values in, values out.

pub mod dns;
pub mod ipam;
pub mod membership;
pub mod netdns;
mod pasta;
mod ports;
mod slirp;

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use pasta::{pasta_args, pasta_program};
pub use ports::{PortMapping, Proto, nook_forwards, parse_publish, port_lines, ports};
pub use slirp::{
    SlirpFeatures, SlirpOptions, add_hostfwd_request, api_reply, list_hostfwd_request,
    remove_hostfwd_request, slirp_args, slirp_features,
};

/// The default slirp4netns (and, for the same view inside, pasta) network.
pub const DEFAULT_SUBNET: Subnet = Subnet {
    network: Ipv4Addr::new(10, 0, 2, 0),
    prefix: 24,
};
/// MTU of the container's tap device, as podman sets it.
pub const DEFAULT_MTU: u32 = 65520;
/// The interface both helpers create inside the container.
pub const TAP: &str = "tap0";

/// An IPv4 network for slirp4netns's `--cidr`: gateway .2, DNS forwarder .3, guest .100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    pub network: Ipv4Addr,
    pub prefix: u8,
}

impl Subnet {
    fn host(&self, n: u32) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.network) + n)
    }
    pub fn gateway(&self) -> Ipv4Addr {
        self.host(2)
    }
    pub fn dns(&self) -> Ipv4Addr {
        self.host(3)
    }
    pub fn guest(&self) -> Ipv4Addr {
        self.host(100)
    }

    /// `A.B.C.D/N`, with room for the guest's .100 (N at most 25).
    pub fn parse(s: &str) -> Result<Subnet, String> {
        let bad = || format!("invalid cidr {s:?}: give an IPv4 network such as 10.0.3.0/24");
        let (ip, prefix) = s.split_once('/').ok_or_else(bad)?;
        let ip: Ipv4Addr = ip.parse().map_err(|_| bad())?;
        let prefix: u8 = prefix.parse().map_err(|_| bad())?;
        if !(1..=25).contains(&prefix) {
            return Err(format!(
                "invalid cidr {s:?}: the prefix must be between 1 and 25 (the guest is .100)"
            ));
        }
        let mask = u32::MAX << (32 - prefix);
        Ok(Subnet {
            network: Ipv4Addr::from(u32::from(ip) & mask),
            prefix,
        })
    }
}

/// `--network` as the user asked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Own network namespace with only loopback.
    None,
    /// The host's network namespace.
    Host,
    Slirp4netns(SlirpOptions),
    /// pasta, with extra pasta options given after `pasta:` (comma-separated, as podman).
    Pasta(Vec<String>),
    /// Bridge networks by name (`bridge` is the default network): a veth on each one's
    /// bridge in the user's rootless network namespace (`host::network::bridge`).
    Bridge(BridgeMode),
    /// `container:NAME`: the network namespace of that running container (plumbing_join).
    Container(String),
    /// `ns:PATH`: the network namespace at PATH (`/proc/PID/ns/net`, a bind-mounted one),
    /// owned by the user namespace the container runs in (checked by the host first).
    Ns(String),
}

/// `--network NAME[,NAME2]` with `--ip` and `--network-alias`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BridgeMode {
    pub networks: Vec<String>,
    /// The address on the first network.
    pub ip: Option<Ipv4Addr>,
    pub aliases: Vec<String>,
    /// Per-network options (`network connect --ip --alias`): `membership`.
    #[serde(default)]
    pub options: Vec<membership::NetworkOptions>,
}

/// Parse `--network`: `none`, `host`, `slirp4netns[:k=v,...]`, `pasta[:OPTIONS]`.
pub fn parse_mode(s: &str) -> Result<Mode, String> {
    let (name, opts) = match s.split_once(':') {
        Some((n, o)) => (n, Some(o)),
        None => (s, None),
    };
    match (name, opts) {
        ("none", None) => Ok(Mode::None),
        ("container", Some(name)) if !name.is_empty() => Ok(Mode::Container(name.to_string())),
        ("ns", Some(path)) if path.starts_with('/') => Ok(Mode::Ns(path.to_string())),
        ("ns", _) => Err(format!(
            "invalid network mode {s:?}: give ns:PATH with an absolute path, as ns:/proc/PID/ns/net"
        )),
        ("host", None) => Ok(Mode::Host),
        ("slirp4netns", opts) => {
            let mut o = SlirpOptions::default();
            for kv in opts.unwrap_or("").split(',').filter(|x| !x.is_empty()) {
                let (k, v) = kv.split_once('=').unwrap_or((kv, "true"));
                match k {
                    "allow_host_loopback" => {
                        o.allow_host_loopback = match v {
                            "true" => true,
                            "false" => false,
                            _ => return Err(format!("invalid {kv:?}: use true or false")),
                        }
                    }
                    "mtu" => {
                        o.mtu = v
                            .parse()
                            .ok()
                            .filter(|m| (68..=65521).contains(m))
                            .ok_or_else(|| format!("invalid {kv:?}: use 68 to 65521"))?
                    }
                    "cidr" => o.subnet = Subnet::parse(v)?,
                    _ => {
                        return Err(format!(
                            "unsupported slirp4netns option {k:?}: use allow_host_loopback=true, mtu=N or cidr=A.B.C.D/N"
                        ));
                    }
                }
            }
            Ok(Mode::Slirp4netns(o))
        }
        ("pasta", opts) => Ok(Mode::Pasta(
            opts.unwrap_or("")
                .split(',')
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect(),
        )),
        (_, None) if s.split(',').all(ipam::valid_name) => Ok(Mode::Bridge(BridgeMode {
            networks: s
                .split(',')
                .map(|n| match n {
                    "bridge" => ipam::DEFAULT_NETWORK.to_string(),
                    n => n.to_string(),
                })
                .collect(),
            ..Default::default()
        })),
        (name, Some(opts))
            if ipam::valid_name(name) && !["none", "host", "container", "ns"].contains(&name) =>
        {
            membership::with_options(name, opts).map(Mode::Bridge)
        }
        _ => Err(format!(
            "unsupported network mode {s:?}: use none, host, slirp4netns[:OPTIONS], pasta[:OPTIONS], container:NAME, bridge or a network's name"
        )),
    }
}

/// Parse `--add-host NAME:IP`.
pub fn parse_add_host(s: &str) -> Result<(String, IpAddr), String> {
    let bad =
        |why: &str| format!("invalid --add-host {s:?}: {why}; use NAME:IP, as in db:10.0.2.2");
    let (name, ip) = s.split_once(':').ok_or_else(|| bad("no ':'"))?;
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(bad("the name is empty or has spaces"));
    }
    let ip = ip
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .map_err(|_| bad("not an IP address"))?;
    Ok((name.to_string(), ip))
}

/// The network part of the run plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkPlan {
    pub mode: Mode,
    /// The helper program for slirp4netns or pasta.
    pub helper: Option<PathBuf>,
    pub ports: Vec<PortMapping>,
    /// `--dns` named servers: a bridge network's responders are not put in resolv.conf.
    #[serde(default)]
    pub dns_given: bool,
}

impl NetworkPlan {
    pub fn own_netns(&self) -> bool {
        self.mode != Mode::Host
    }

    /// The container's own address on its helper's network, if it has one.
    pub fn guest(&self) -> Option<Ipv4Addr> {
        self.subnet().map(|s| s.guest())
    }

    /// The helper's network (pasta is configured with slirp4netns's default one).
    pub fn subnet(&self) -> Option<Subnet> {
        match &self.mode {
            Mode::Slirp4netns(o) => Some(o.subnet),
            Mode::Pasta(_) => Some(DEFAULT_SUBNET),
            Mode::None | Mode::Host | Mode::Bridge(_) | Mode::Container(_) | Mode::Ns(_) => None,
        }
    }

    /// The container whose network namespace is joined (`--network container:NAME`).
    pub fn joined(&self) -> Option<&str> {
        match &self.mode {
            Mode::Container(name) => Some(name),
            _ => None,
        }
    }

    /// The bridge networks the container is on.
    pub fn bridge(&self) -> Option<&BridgeMode> {
        match &self.mode {
            Mode::Bridge(b) => Some(b),
            _ => None,
        }
    }
}

/// Where `host.containers.internal` leads: slirp4netns's gateway when it lets the container
/// reach the host's loopback, else the host's own address (through slirp4netns, or the
/// bridge networks' way out); none for the other modes (pasta gives the container the host's
/// address itself).
pub fn host_internal(mode: &Mode, host_ips: &[IpAddr]) -> Option<IpAddr> {
    match mode {
        Mode::Slirp4netns(o) if o.allow_host_loopback => Some(IpAddr::V4(o.subnet.gateway())),
        Mode::Slirp4netns(_) | Mode::Bridge(_) => super::files::host_address(host_ips),
        _ => None,
    }
}

/// Whether a run whose request names `requested` (None: the default, decided later) may need
/// the host's addresses (`host_internal`): not for the modes that never lead there, whose
/// runs then skip listing them.
pub fn needs_host_ips(requested: Option<&Mode>) -> bool {
    !matches!(
        requested,
        Some(Mode::None | Mode::Host | Mode::Pasta(_) | Mode::Container(_) | Mode::Ns(_))
    )
}

/// What the host offers for networking (from `host::facts`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetFacts {
    pub slirp4netns: Option<PathBuf>,
    pub pasta: Option<PathBuf>,
    pub tun_exists: bool,
    pub tun_usable: bool,
}

fn tun_advice(f: &NetFacts) -> &'static str {
    if f.tun_exists {
        "/dev/net/tun is not readable and writable by you: sudo chmod 0666 /dev/net/tun"
    } else {
        "/dev/net/tun does not exist: sudo modprobe tun"
    }
}

/// podman's warning when `-p` or `-P` meet `--network host`, which then runs without them.
pub const PORTS_DISCARDED: &str = "Port mappings have been discarded as one of the Host, Container, Pod, and None network modes are in use";

/// Decide the network: what was asked (or the default chain slirp4netns -> pasta -> none),
/// the helper to run, and the one info line to print when the default falls back to none.
pub fn choose(
    asked: Option<&Mode>,
    f: &NetFacts,
    ports: Vec<PortMapping>,
) -> Result<(NetworkPlan, Option<String>), String> {
    let plan = |mode, helper: Option<&PathBuf>, ports| NetworkPlan {
        mode,
        helper: helper.cloned(),
        ports,
        dns_given: false,
    };
    let (mode, helper, info) = match asked {
        Some(m @ (Mode::None | Mode::Host | Mode::Bridge(_) | Mode::Container(_) | Mode::Ns(_))) => {
            (m.clone(), None, None)
        }
        Some(m @ Mode::Slirp4netns(_)) => match (&f.slirp4netns, f.tun_usable) {
            (None, _) => {
                return Err(
                    "slirp4netns is not installed: sudo apt-get install slirp4netns, or use --network none"
                        .into(),
                );
            }
            (Some(_), false) => {
                return Err(format!(
                    "{}, or use --network none",
                    tun_advice(f)
                ));
            }
            (p, true) => (m.clone(), p.as_ref(), None),
        },
        Some(m @ Mode::Pasta(_)) => match (&f.pasta, f.tun_usable) {
            (None, _) => {
                return Err(
                    "pasta is not installed: sudo apt-get install passt, or use --network none"
                        .into(),
                );
            }
            (Some(_), false) => {
                return Err(format!(
                    "{}, or use --network none",
                    tun_advice(f)
                ));
            }
            (p, true) => (m.clone(), p.as_ref(), None),
        },
        None => match (&f.slirp4netns, &f.pasta, f.tun_usable) {
            (Some(p), _, true) => (Mode::Slirp4netns(SlirpOptions::default()), Some(p), None),
            (None, Some(p), true) => (Mode::Pasta(Vec::new()), Some(p), None),
            (None, None, _) => (
                Mode::None,
                None,
                Some("neither slirp4netns nor pasta is installed, so the container has no network (--network none): sudo apt-get install slirp4netns".to_string()),
            ),
            (_, _, false) => (
                Mode::None,
                None,
                Some(format!(
                    "the container has no network (--network none) because {}",
                    tun_advice(f)
                )),
            ),
        },
    };
    if !ports.is_empty() {
        match mode {
            Mode::Host => {
                return Err(
                    "-p and -P do nothing with --network host (the container uses the host's ports): leave them out"
                        .into(),
                );
            }
            Mode::None => {
                return Err(
                    "-p and -P need a network: use --network slirp4netns or pasta (install slirp4netns)"
                        .into(),
                );
            }
            Mode::Container(ref name) => {
                return Err(format!(
                    "-p and -P cannot be used with --network container:{name} (the ports are that container's): publish them when you start {name}"
                ));
            }
            Mode::Ns(ref path) => {
                return Err(format!(
                    "-p and -P cannot be used with --network ns:{path} (nook starts no network there): leave them out"
                ));
            }
            _ => {}
        }
    }
    Ok((plan(mode, helper, ports), info))
}

/// Where the published ports of a container on bridge networks lead: its address on the
/// first of its networks (in order: address, internal) that is not internal. netavark sets up
/// no port mappings on an internal network ("a closed network"), so none is used here.
pub fn publish_target(on: &[(Ipv4Addr, bool)]) -> Option<Ipv4Addr> {
    on.iter().find(|(_, internal)| !internal).map(|(ip, _)| *ip)
}

/// Refuse `-p`/`-P` for a container whose networks (name, internal) are all internal, before
/// anything starts.
pub fn check_publish(ports: &[PortMapping], networks: &[(String, bool)]) -> Result<(), String> {
    if ports.is_empty() || networks.iter().any(|(_, internal)| !internal) {
        return Ok(());
    }
    let names: Vec<&str> = networks.iter().map(|(n, _)| n.as_str()).collect();
    Err(format!(
        "-p and -P need a network that is not internal (an internal network has no port mappings, as with podman), but {} {}: add --network with another network, or leave -p out",
        names.join(", "),
        if names.len() == 1 {
            "is internal"
        } else {
            "are internal"
        }
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_modes_that_lead_to_the_host_need_its_addresses() {
        use super::{BridgeMode, Mode, needs_host_ips};
        assert!(needs_host_ips(None));
        assert!(needs_host_ips(Some(&Mode::Bridge(BridgeMode::default()))));
        assert!(needs_host_ips(Some(&Mode::Slirp4netns(Default::default()))));
        for m in [
            Mode::None,
            Mode::Host,
            Mode::Pasta(vec![]),
            Mode::Ns("/x".into()),
        ] {
            assert!(!needs_host_ips(Some(&m)));
            // The check holds for every such mode: none leads `host_internal` anywhere.
            assert_eq!(
                super::host_internal(&m, &["192.0.2.1".parse().unwrap()]),
                None
            );
        }
    }

    use super::*;
    use crate::plan::network::ports::tests::m;
    use std::path::Path;

    #[test]
    fn modes() {
        assert_eq!(parse_mode("none"), Ok(Mode::None));
        assert_eq!(parse_mode("host"), Ok(Mode::Host));
        assert_eq!(
            parse_mode("slirp4netns"),
            Ok(Mode::Slirp4netns(SlirpOptions::default()))
        );
        let Ok(Mode::Slirp4netns(o)) =
            parse_mode("slirp4netns:allow_host_loopback=true,mtu=1500,cidr=10.0.3.7/24")
        else {
            panic!()
        };
        assert!(o.allow_host_loopback);
        assert_eq!(o.mtu, 1500);
        assert_eq!(o.subnet.guest(), Ipv4Addr::new(10, 0, 3, 100));
        assert_eq!(o.subnet.dns(), Ipv4Addr::new(10, 0, 3, 3));
        assert_eq!(
            parse_mode("pasta:--map-gw,-4"),
            Ok(Mode::Pasta(vec!["--map-gw".into(), "-4".into()]))
        );
        let Ok(Mode::Bridge(b)) = parse_mode("bridge,net2") else {
            panic!()
        };
        assert_eq!(b.networks, [ipam::DEFAULT_NETWORK, "net2"]);
        assert_eq!(parse_mode("container:db"), Ok(Mode::Container("db".into())));
        assert_eq!(
            parse_mode("ns:/proc/7/ns/net"),
            Ok(Mode::Ns("/proc/7/ns/net".into()))
        );
        assert!(parse_mode("ns:rel/path").is_err());
        assert!(parse_mode("ns:").is_err());
        let p = vec![m(None, 8080, 80, Proto::Tcp)];
        let db = Mode::Container("db".into());
        let e = choose(Some(&db), &facts(true, true, true), p).unwrap_err();
        assert!(e.contains("publish them when you start db"), "{e}");
        let Ok(Mode::Bridge(b)) = parse_mode("front:ip=10.89.0.9,alias=web,alias=www") else {
            panic!()
        };
        assert_eq!(b.networks, ["front"]);
        assert_eq!(b.ip_on(0, "front"), Some(Ipv4Addr::new(10, 89, 0, 9)));
        assert_eq!(b.aliases_on("front"), ["web", "www"]);
        let Ok(Mode::Bridge(b)) = parse_mode("bridge:alias=x") else {
            panic!()
        };
        assert_eq!(b.networks, [ipam::DEFAULT_NETWORK]);
        assert_eq!(b.aliases_on(ipam::DEFAULT_NETWORK), ["x"]);
        for bad in [
            "front:ip=nope",
            "front:mac=aa:bb",
            "front:",
            "none:ip=10.0.0.1",
            "container:",
            "bad/name",
            "none:x",
            "slirp4netns:mtu=9",
            "slirp4netns:frob=1",
            "slirp4netns:cidr=10.0.0.0/30",
            "slirp4netns:allow_host_loopback=yes",
        ] {
            assert!(parse_mode(bad).is_err(), "{bad}");
        }
    }

    fn facts(slirp: bool, pasta: bool, tun: bool) -> NetFacts {
        NetFacts {
            slirp4netns: slirp.then(|| "/usr/bin/slirp4netns".into()),
            pasta: pasta.then(|| "/usr/bin/pasta".into()),
            tun_exists: true,
            tun_usable: tun,
        }
    }

    #[test]
    fn default_chain() {
        let (p, info) = choose(None, &facts(true, true, true), vec![]).unwrap();
        assert!(matches!(p.mode, Mode::Slirp4netns(_)) && info.is_none());
        assert_eq!(p.helper.as_deref(), Some(Path::new("/usr/bin/slirp4netns")));
        let (p, _) = choose(None, &facts(false, true, true), vec![]).unwrap();
        assert_eq!(p.mode, Mode::Pasta(vec![]));
        let (p, info) = choose(None, &facts(false, false, true), vec![]).unwrap();
        assert_eq!(p.mode, Mode::None);
        assert!(info.unwrap().contains("apt-get install slirp4netns"));
        let (p, info) = choose(None, &facts(true, true, false), vec![]).unwrap();
        assert_eq!(p.mode, Mode::None);
        assert!(info.unwrap().contains("chmod 0666 /dev/net/tun"));
    }

    #[test]
    fn asked_for_but_missing_is_an_error() {
        let slirp = Mode::Slirp4netns(SlirpOptions::default());
        let e = choose(Some(&slirp), &facts(false, true, true), vec![]).unwrap_err();
        assert!(e.contains("apt-get install slirp4netns"), "{e}");
        let e = choose(Some(&slirp), &facts(true, true, false), vec![]).unwrap_err();
        assert!(e.contains("/dev/net/tun"), "{e}");
        let e = choose(
            Some(&Mode::Pasta(vec![])),
            &facts(true, false, true),
            vec![],
        )
        .unwrap_err();
        assert!(e.contains("passt"), "{e}");
        let p = vec![m(None, 8080, 80, Proto::Tcp)];
        assert!(choose(Some(&Mode::None), &facts(true, true, true), p.clone()).is_err());
        assert!(choose(Some(&Mode::Host), &facts(true, true, true), p.clone()).is_err());
        assert!(choose(None, &facts(true, true, true), p).is_ok());
    }

    #[test]
    fn ports_on_bridge_networks() {
        let bridge = Mode::Bridge(BridgeMode::default());
        let tcp = vec![m(None, 8080, 80, Proto::Tcp)];
        let (p, _) = choose(Some(&bridge), &facts(true, true, true), tcp.clone()).unwrap();
        assert_eq!(p.ports, tcp);
        // UDP too: nook's forwarder relays it to the container's address.
        let udp = vec![m(None, 5353, 53, Proto::Udp)];
        let (p, _) = choose(Some(&bridge), &facts(true, true, true), udp.clone()).unwrap();
        assert_eq!(p.ports, udp);
        let a = Ipv4Addr::new(10, 89, 0, 2);
        let b = Ipv4Addr::new(10, 90, 0, 2);
        assert_eq!(publish_target(&[(a, false), (b, false)]), Some(a));
        assert_eq!(publish_target(&[(a, true), (b, false)]), Some(b));
        assert_eq!(publish_target(&[(a, true)]), None);
        let nets = |v: &[(&str, bool)]| -> Vec<(String, bool)> {
            v.iter().map(|(n, i)| (n.to_string(), *i)).collect()
        };
        assert!(check_publish(&tcp, &nets(&[("in", true), ("out", false)])).is_ok());
        assert!(check_publish(&[], &nets(&[("in", true)])).is_ok());
        let e = check_publish(&tcp, &nets(&[("in", true)])).unwrap_err();
        assert!(e.contains("in is internal"), "{e}");
    }

    #[test]
    fn add_host() {
        assert_eq!(
            parse_add_host("db:10.0.2.2").unwrap(),
            ("db".to_string(), "10.0.2.2".parse().unwrap())
        );
        assert_eq!(
            parse_add_host("v6:[::1]").unwrap().1,
            "::1".parse::<IpAddr>().unwrap()
        );
        assert!(parse_add_host("db").is_err());
        assert!(parse_add_host(":1.2.3.4").is_err());
        assert!(parse_add_host("db:nope").is_err());
    }
}
