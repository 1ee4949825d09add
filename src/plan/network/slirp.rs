//! slirp4netns: its options, the features of the installed version, its command line and the
//! requests and replies of its API socket.

use std::net::Ipv4Addr;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{DEFAULT_MTU, DEFAULT_SUBNET, PortMapping, Subnet, TAP};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlirpOptions {
    /// Let the container reach the host's loopback at the gateway address (.2).
    pub allow_host_loopback: bool,
    pub mtu: u32,
    pub subnet: Subnet,
    /// The container's maps leave the caller out: slirp4netns's sandbox (a mount namespace
    /// of its own, made in the container's user namespace, where the caller's uid is not
    /// mapped) would leave it unable to bind its API socket; it runs without.
    #[serde(default)]
    pub no_sandbox: bool,
}

impl Default for SlirpOptions {
    fn default() -> Self {
        SlirpOptions {
            allow_host_loopback: false,
            mtu: DEFAULT_MTU,
            subnet: DEFAULT_SUBNET,
            no_sandbox: false,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::network::Proto;
    use crate::plan::network::ports::tests::m;

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
}
