//! pasta: its command line and the program to execute.

use std::path::{Path, PathBuf};

use super::{DEFAULT_MTU, DEFAULT_SUBNET, PortMapping, Proto, TAP};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::network::ports::tests::m;

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
    fn pasta_runs_its_avx2_build_directly() {
        let passt = Path::new("/usr/bin/passt");
        let avx2 = PathBuf::from("/usr/bin/passt.avx2");
        assert_eq!(pasta_program(passt, true, true), avx2);
        assert_eq!(pasta_program(passt, false, true), passt);
        assert_eq!(pasta_program(passt, true, false), passt);
        assert_eq!(pasta_program(&avx2, true, true), avx2);
    }
}
