//! Which networks a container's plan puts it on, as `network connect` and `network
//! disconnect` change it (podman records a connect in the container's configuration: a
//! stopped container joins the network at its next start, a running one again after a
//! restart), and the per-network options (`--ip`, aliases) each network keeps.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use super::{BridgeMode, Mode};

/// The options of one network of a container (`network connect --ip --alias`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NetworkOptions {
    pub network: String,
    pub ip: Option<Ipv4Addr>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl BridgeMode {
    /// The address asked for on the `i`th network, `name`.
    pub fn ip_on(&self, i: usize, name: &str) -> Option<Ipv4Addr> {
        self.options_of(name)
            .and_then(|o| o.ip)
            .or(if i == 0 { self.ip } else { None })
    }

    /// The aliases on network `name`: `--network-alias` (every network) and its own.
    pub fn aliases_on(&self, name: &str) -> Vec<String> {
        let mut all = self.aliases.clone();
        for a in self.options_of(name).map(|o| &o.aliases[..]).unwrap_or(&[]) {
            if !all.contains(a) {
                all.push(a.clone());
            }
        }
        all
    }

    fn options_of(&self, name: &str) -> Option<&NetworkOptions> {
        self.options.iter().find(|o| o.network == name)
    }
}

/// Put the plan of container `container` on `network` too (with its options). A container
/// without a network of its own (`none`) gets one; host, slirp4netns, pasta and joined
/// namespaces cannot, as with podman.
pub fn connect(
    mode: &mut Mode,
    container: &str,
    network: &str,
    ip: Option<Ipv4Addr>,
    aliases: &[String],
) -> Result<(), String> {
    if *mode == Mode::None {
        *mode = Mode::Bridge(BridgeMode::default());
    }
    let Mode::Bridge(b) = mode else {
        return Err(not_bridge(container));
    };
    if b.networks.iter().any(|n| n == network) {
        return Err(format!(
            "container {container} is already connected to network {network:?}: network is already connected"
        ));
    }
    b.networks.push(network.to_string());
    if ip.is_some() || !aliases.is_empty() {
        b.options.push(NetworkOptions {
            network: network.to_string(),
            ip,
            aliases: aliases.to_vec(),
        });
    }
    Ok(())
}

/// Take the plan of `container` off `network`; off its last one, it has no network (`none`).
pub fn disconnect(mode: &mut Mode, container: &str, network: &str) -> Result<(), String> {
    let Mode::Bridge(b) = mode else {
        return Err(not_bridge(container));
    };
    let Some(pos) = b.networks.iter().position(|n| n == network) else {
        return Err(format!(
            "container {container} is not connected to network {network}: network not found"
        ));
    };
    // `--ip` is the first network's: kept with it, not handed to the next one.
    if pos == 0 && b.ip.is_some() {
        b.ip = None;
    }
    b.networks.remove(pos);
    b.options.retain(|o| o.network != network);
    if b.networks.is_empty() {
        *mode = Mode::None;
    }
    Ok(())
}

/// `--network NAME:ip=IP,alias=ALIAS...` (podman's per-network options).
pub fn with_options(name: &str, opts: &str) -> Result<BridgeMode, String> {
    let network = match name {
        "bridge" => super::ipam::DEFAULT_NETWORK.to_string(),
        n => n.to_string(),
    };
    let mut o = NetworkOptions {
        network: network.clone(),
        ..Default::default()
    };
    let bad = |why: &str| {
        format!(
            "invalid --network {name}:{opts}: {why}; use NAME:ip=IP,alias=ALIAS (podman's options)"
        )
    };
    if opts.is_empty() {
        return Err(bad("no options after ':'"));
    }
    for kv in opts.split(',') {
        match kv.split_once('=') {
            Some(("ip", v)) => o.ip = Some(v.parse().map_err(|_| bad("not an IPv4 address"))?),
            Some(("alias", v)) if !v.is_empty() => o.aliases.push(v.to_string()),
            _ => return Err(bad(&format!("unsupported option {kv:?}"))),
        }
    }
    Ok(BridgeMode {
        networks: vec![network],
        options: vec![o],
        ..Default::default()
    })
}

/// Repeated `--network` flags, as podman takes them: one mode, or bridge networks only
/// (`--network a --network b:ip=IP` is `a,b` with b's options). None: no flag given.
pub fn merge(modes: &[Mode]) -> Result<Option<Mode>, String> {
    let (first, rest) = match modes {
        [] => return Ok(None),
        [one] => return Ok(Some(one.clone())),
        [first, rest @ ..] => (first, rest),
    };
    let mut all = BridgeMode::default();
    for m in std::iter::once(first).chain(rest) {
        let Mode::Bridge(b) = m else {
            return Err(format!(
                "--network {} cannot be given with other --network flags (several are bridge networks only): give one --network",
                mode_name(m)
            ));
        };
        for n in &b.networks {
            if all.networks.contains(n) {
                return Err(format!(
                    "--network {n} is given twice: name each network once"
                ));
            }
            all.networks.push(n.clone());
        }
        all.options.extend(b.options.iter().cloned());
    }
    Ok(Some(Mode::Bridge(all)))
}

fn mode_name(m: &Mode) -> String {
    match m {
        Mode::None => "none".into(),
        Mode::Host => "host".into(),
        Mode::Slirp4netns(_) => "slirp4netns".into(),
        Mode::Pasta(_) => "pasta".into(),
        Mode::Container(n) => format!("container:{n}"),
        Mode::Ns(p) => format!("ns:{p}"),
        Mode::Bridge(b) => b.networks.join(","),
    }
}

fn not_bridge(container: &str) -> String {
    format!(
        "container {container} is not on a bridge network: network connect needs a container created with --network NAME (or none)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(nets: &[&str]) -> Mode {
        Mode::Bridge(BridgeMode {
            networks: nets.iter().map(|n| n.to_string()).collect(),
            ip: Some(Ipv4Addr::new(10, 89, 0, 9)),
            aliases: vec!["web".into()],
            options: Vec::new(),
        })
    }

    #[test]
    fn connect_records_the_network_and_its_options() {
        let mut m = on(&["a"]);
        let ip = Ipv4Addr::new(10, 89, 1, 7);
        connect(&mut m, "c", "b", Some(ip), &["db".into()]).unwrap();
        let Mode::Bridge(b) = &m else { panic!() };
        assert_eq!(b.networks, ["a", "b"]);
        assert_eq!(b.ip_on(0, "a"), Some(Ipv4Addr::new(10, 89, 0, 9)));
        assert_eq!(b.ip_on(1, "b"), Some(ip));
        assert_eq!(b.aliases_on("a"), ["web"]);
        assert_eq!(b.aliases_on("b"), ["web", "db"]);
        let e = connect(&mut m, "c", "b", None, &[]).unwrap_err();
        assert!(e.contains("already connected"), "{e}");
        let mut none = Mode::None;
        connect(&mut none, "c", "a", None, &[]).unwrap();
        assert_eq!(none.clone(), {
            let mut b = BridgeMode::default();
            b.networks.push("a".into());
            Mode::Bridge(b)
        });
        assert!(connect(&mut Mode::Host, "c", "a", None, &[]).is_err());
        assert!(connect(&mut Mode::Container("x".into()), "c", "a", None, &[]).is_err());
    }

    #[test]
    fn repeated_network_flags_are_bridge_networks_only() {
        use crate::plan::network::parse_mode;
        let p = |v: &[&str]| -> Vec<Mode> { v.iter().map(|s| parse_mode(s).unwrap()).collect() };
        assert_eq!(merge(&[]), Ok(None));
        assert_eq!(merge(&p(&["host"])), Ok(Some(Mode::Host)));
        let Ok(Some(Mode::Bridge(b))) = merge(&p(&["a", "b:ip=10.89.3.4,alias=x", "c,d"])) else {
            panic!()
        };
        assert_eq!(b.networks, ["a", "b", "c", "d"]);
        assert_eq!(b.ip_on(1, "b"), Some(Ipv4Addr::new(10, 89, 3, 4)));
        assert_eq!(b.aliases_on("b"), ["x"]);
        assert_eq!(b.ip_on(0, "a"), None);
        let e = merge(&p(&["a", "host"])).unwrap_err();
        assert!(
            e.contains("--network host cannot be given with other"),
            "{e}"
        );
        let e = merge(&p(&["a", "container:db"])).unwrap_err();
        assert!(e.contains("container:db"), "{e}");
        let e = merge(&p(&["a,b", "b"])).unwrap_err();
        assert!(e.contains("--network b is given twice"), "{e}");
    }

    #[test]
    fn disconnect_forgets_the_network_and_the_last_one_leaves_none() {
        let mut m = on(&["a", "b"]);
        connect(&mut m, "c", "z", Some(Ipv4Addr::new(10, 1, 0, 5)), &[]).unwrap();
        disconnect(&mut m, "c", "a").unwrap();
        let Mode::Bridge(b) = &m else { panic!() };
        assert_eq!(b.networks, ["b", "z"]);
        assert_eq!(b.ip_on(0, "b"), None, "a's --ip does not move to b");
        assert_eq!(b.ip_on(1, "z"), Some(Ipv4Addr::new(10, 1, 0, 5)));
        disconnect(&mut m, "c", "z").unwrap();
        let e = disconnect(&mut m, "c", "z").unwrap_err();
        assert!(e.contains("is not connected to network z"), "{e}");
        disconnect(&mut m, "c", "b").unwrap();
        assert_eq!(m, Mode::None);
        assert!(disconnect(&mut m, "c", "b").is_err());
    }
}
