//! Network decisions: the mode and its options, published ports (`-p`), `--add-host`, the
//! helpers' command lines and the slirp4netns API requests. Pure: values in, values out.

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlirpOptions {
    /// Let the container reach the host's loopback at the gateway address (.2).
    pub allow_host_loopback: bool,
    pub mtu: u32,
    pub subnet: Subnet,
}

impl Default for SlirpOptions {
    fn default() -> Self {
        SlirpOptions {
            allow_host_loopback: false,
            mtu: DEFAULT_MTU,
            subnet: DEFAULT_SUBNET,
        }
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
}

/// Parse `--network`: `none`, `host`, `slirp4netns[:k=v,...]`, `pasta[:OPTIONS]`.
pub fn parse_mode(s: &str) -> Result<Mode, String> {
    let (name, opts) = match s.split_once(':') {
        Some((n, o)) => (n, Some(o)),
        None => (s, None),
    };
    match (name, opts) {
        ("none", None) => Ok(Mode::None),
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
        _ => Err(format!(
            "unsupported network mode {s:?}: use none, host, slirp4netns[:OPTIONS] or pasta[:OPTIONS]"
        )),
    }
}

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
            Mode::None | Mode::Host => None,
        }
    }
}

/// What the host offers for networking (from `host/facts.rs`).
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
    };
    let (mode, helper, info) = match asked {
        Some(m @ (Mode::None | Mode::Host)) => (m.clone(), None, None),
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
            _ => {}
        }
    }
    Ok((plan(mode, helper, ports), info))
}

/// What `slirp4netns --help` says the installed version supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SlirpFeatures {
    pub sandbox: bool,
    pub seccomp: bool,
}

pub fn slirp_features(help: &str) -> SlirpFeatures {
    SlirpFeatures {
        sandbox: help.contains("--enable-sandbox"),
        seccomp: help.contains("--enable-seccomp"),
    }
}

/// slirp4netns's command line, as podman builds it, attached to the namespaces of `pid`.
pub fn slirp_args(
    o: &SlirpOptions,
    features: SlirpFeatures,
    pid: i32,
    ready_fd: i32,
    exit_fd: i32,
    api_socket: &Path,
) -> Vec<String> {
    let mut args = vec!["--configure".to_string(), format!("--mtu={}", o.mtu)];
    if !o.allow_host_loopback {
        args.push("--disable-host-loopback".into());
    }
    if o.subnet != DEFAULT_SUBNET {
        args.push(format!("--cidr={}/{}", o.subnet.network, o.subnet.prefix));
    }
    if features.sandbox {
        args.push("--enable-sandbox".into());
    }
    if features.seccomp {
        args.push("--enable-seccomp".into());
    }
    args.push(format!("--ready-fd={ready_fd}"));
    args.push(format!("--exit-fd={exit_fd}"));
    args.push(format!("--api-socket={}", api_socket.display()));
    args.push(pid.to_string());
    args.push(TAP.into());
    args
}

/// pasta's command line: in the foreground, attached to the namespaces of `pid`, with the same
/// view inside as slirp4netns (tap0, 10.0.2.100/24, gateway .2, DNS forwarder .3), no access
/// to the host's loopback and only the published ports.
pub fn pasta_args(extra: &[String], ports: &[PortMapping], pid: i32, log: &Path) -> Vec<String> {
    let s = DEFAULT_SUBNET;
    let mut args: Vec<String> = [
        "--foreground",
        "--quiet",
        "--config-net",
        "--ns-ifname",
        TAP,
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    let has = |flag: &str| extra.iter().any(|e| e == flag);
    if !has("-a") && !has("--address") {
        args.extend([
            "--address".into(),
            s.guest().to_string(),
            "--netmask".into(),
            s.prefix.to_string(),
        ]);
    }
    if !has("-g") && !has("--gateway") {
        args.extend(["--gateway".into(), s.gateway().to_string()]);
    }
    args.extend([
        "--mtu".into(),
        DEFAULT_MTU.to_string(),
        "--dns-forward".into(),
        s.dns().to_string(),
    ]);
    // `--map-gw` (podman's name) lets the container reach the host's loopback at the gateway.
    if !has("--map-gw") {
        args.push("--no-map-gw".into());
    }
    for proto in [Proto::Tcp, Proto::Udp] {
        let flag = if proto == Proto::Tcp { "-t" } else { "-u" };
        let mine: Vec<&PortMapping> = ports.iter().filter(|p| p.proto == proto).collect();
        if mine.is_empty() && !has(flag) {
            args.extend([flag.to_string(), "none".into()]);
        }
        for p in mine {
            let ip = p.host_ip.map(|ip| format!("{ip}/")).unwrap_or_default();
            args.extend([
                flag.to_string(),
                format!("{ip}{}:{}", p.host_port, p.container_port),
            ]);
        }
    }
    // Never forward the container's connections to the host's own ports.
    for flag in ["-T", "-U"] {
        if !has(flag) {
            args.extend([flag.to_string(), "none".into()]);
        }
    }
    args.extend(extra.iter().filter(|e| e.as_str() != "--map-gw").cloned());
    args.extend(["--log-file".into(), log.display().to_string()]);
    args.push(pid.to_string());
    args
}

/// Whether nook forwards this published port itself (slirp4netns's TCP ports: slirp4netns
/// would copy every byte through its user-space TCP stack) rather than the helper (UDP on
/// slirp4netns, everything on pasta, which forwards in the kernel's terms already).
pub fn nook_forwards(mode: &Mode, p: &PortMapping) -> bool {
    matches!(mode, Mode::Slirp4netns(_)) && p.proto == Proto::Tcp
}

/// The program to execute for pasta. pasta re-executes itself as `<its binary>.avx2` when the
/// CPU has AVX2 and that build is installed next to it (Debian's passt ships both): nook runs
/// that build directly, which saves an execution (a few ms of every start). `binary` is the
/// helper with symbolic links resolved (pasta is a link to passt).
pub fn pasta_program(binary: &Path, avx2_build_exists: bool, cpu_has_avx2: bool) -> PathBuf {
    let already = binary.extension().is_some_and(|e| e == "avx2");
    if avx2_build_exists && cpu_has_avx2 && !already {
        let mut name = binary.as_os_str().to_os_string();
        name.push(".avx2");
        PathBuf::from(name)
    } else {
        binary.to_path_buf()
    }
}

/// One slirp4netns API request (one JSON object per connection).
pub fn add_hostfwd_request(p: &PortMapping, guest: Ipv4Addr) -> String {
    serde_json::json!({
        "execute": "add_hostfwd",
        "arguments": {
            "proto": p.proto.as_str(),
            "host_addr": p.bind_ip().to_string(),
            "host_port": p.host_port,
            "guest_addr": guest.to_string(),
            "guest_port": p.container_port,
        }
    })
    .to_string()
}

pub fn list_hostfwd_request() -> String {
    serde_json::json!({"execute": "list_hostfwd"}).to_string()
}

pub fn remove_hostfwd_request(id: u64) -> String {
    serde_json::json!({"execute": "remove_hostfwd", "arguments": {"id": id}}).to_string()
}

/// A reply of the slirp4netns API: its `return` value, or the `error` it holds.
pub fn api_reply(bytes: &[u8]) -> Result<serde_json::Value, String> {
    let v: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        format!(
            "unreadable reply {:?}: {e}",
            String::from_utf8_lossy(bytes).trim()
        )
    })?;
    if let Some(err) = v.get("error") {
        let desc = err
            .get("desc")
            .and_then(|d| d.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| err.to_string());
        return Err(desc);
    }
    Ok(v.get("return").cloned().unwrap_or(serde_json::Value::Null))
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
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(ip: Option<[u8; 4]>, host: u16, ctr: u16, proto: Proto) -> PortMapping {
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
        for bad in [
            "bridge",
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
    fn slirp_command_line() {
        let o = SlirpOptions::default();
        let f = SlirpFeatures {
            sandbox: true,
            seccomp: true,
        };
        let a = slirp_args(&o, f, 42, 3, 4, Path::new("/run/x/slirp.sock"));
        assert_eq!(
            a.join(" "),
            "--configure --mtu=65520 --disable-host-loopback --enable-sandbox --enable-seccomp \
             --ready-fd=3 --exit-fd=4 --api-socket=/run/x/slirp.sock 42 tap0"
        );
        let o = SlirpOptions {
            allow_host_loopback: true,
            subnet: Subnet::parse("10.0.3.0/24").unwrap(),
            ..o
        };
        let a = slirp_args(&o, SlirpFeatures::default(), 42, 3, 4, Path::new("/s"));
        assert!(
            !a.iter()
                .any(|x| x.contains("host-loopback") || x.contains("enable-"))
        );
        assert!(a.contains(&"--cidr=10.0.3.0/24".to_string()));
        assert_eq!(
            slirp_features("--enable-sandbox  create a new mount namespace"),
            SlirpFeatures {
                sandbox: true,
                seccomp: false
            }
        );
    }

    #[test]
    fn pasta_command_line() {
        let ports = [
            m(None, 8080, 80, Proto::Tcp),
            m(Some([127, 0, 0, 1]), 5353, 53, Proto::Udp),
        ];
        let a = pasta_args(&[], &ports, 42, Path::new("/l")).join(" ");
        assert!(a.starts_with("--foreground --quiet --config-net --ns-ifname tap0 --address 10.0.2.100 --netmask 24 --gateway 10.0.2.2"), "{a}");
        assert!(a.contains("--dns-forward 10.0.2.3 --no-map-gw"), "{a}");
        assert!(
            a.contains("-t 8080:80 -u 127.0.0.1/5353:53 -T none -U none"),
            "{a}"
        );
        assert!(a.ends_with("--log-file /l 42"), "{a}");
        let a = pasta_args(&["--map-gw".into()], &[], 7, Path::new("/l")).join(" ");
        assert!(
            !a.contains("map-gw") && a.contains("-t none -u none"),
            "{a}"
        );
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
    }

    #[test]
    fn pasta_runs_its_avx2_build_directly() {
        let passt = Path::new("/usr/bin/passt");
        let avx2 = PathBuf::from("/usr/bin/passt.avx2");
        assert_eq!(pasta_program(passt, true, true), avx2);
        assert_eq!(pasta_program(passt, false, true), passt);
        assert_eq!(pasta_program(passt, true, false), passt);
        assert_eq!(pasta_program(&avx2, true, true), avx2);
    }

    #[test]
    fn api_requests_and_replies() {
        let r = add_hostfwd_request(&m(None, 8080, 80, Proto::Tcp), Ipv4Addr::new(10, 0, 2, 100));
        let v: serde_json::Value = serde_json::from_str(&r).unwrap();
        assert_eq!(v["execute"], "add_hostfwd");
        assert_eq!(v["arguments"]["host_addr"], "0.0.0.0");
        assert_eq!(v["arguments"]["host_port"], 8080);
        assert_eq!(v["arguments"]["guest_port"], 80);
        assert_eq!(api_reply(br#"{"return": {"id": 3}}"#).unwrap()["id"], 3);
        let e = api_reply(
            br#"{"error": {"desc": "bad request: add_hostfwd: slirp_add_hostfwd failed"}}"#,
        )
        .unwrap_err();
        assert!(e.contains("slirp_add_hostfwd failed"));
        assert!(api_reply(b"garbage").is_err());
        assert!(list_hostfwd_request().contains("list_hostfwd"));
        assert!(remove_hostfwd_request(3).contains("\"id\":3"));
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
        assert_eq!(port_lines(&p, Some("53")).unwrap(), "");
        assert!(port_lines(&p, Some("x")).is_err());
    }
}
