//! PURE: podman's `containers.conf`, for the keys nook has a meaning for. The files are read
//! by `host::facts::conf` (the system's, then the user's, or `CONTAINERS_CONF` alone, then
//! `CONTAINERS_CONF_OVERRIDE`); a later file's key replaces an earlier one's. Unknown tables
//! and keys are ignored; a malformed file is one line naming the file and the line.

use std::net::IpAddr;

use serde::Deserialize;

use super::cgroup::ManagerFlag;
use super::network::{Mode, SlirpOptions};
use super::request::Userns;

/// What the files say, merged. `None` and empty lists: not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainersConf {
    /// `[containers] default_ulimits`, as `--ulimit` takes them (`nofile=1024:2048`).
    pub default_ulimits: Vec<String>,
    pub dns_servers: Vec<IpAddr>,
    pub dns_options: Vec<String>,
    /// `[containers] env`: variables every container starts with (the image's come after).
    pub env: Vec<String>,
    pub read_only: Option<bool>,
    pub userns: Option<Userns>,
    /// `[containers] tz` (recorded; nook does not set the container's time zone yet).
    pub tz: Option<String>,
    pub log_driver: Option<String>,
    pub pids_limit: Option<i64>,
    pub oom_score_adj: Option<i32>,
    pub cgroup_manager: Option<ManagerFlag>,
    /// `[engine] events_logger` (accepted: nook keeps no event log).
    pub events_logger: Option<String>,
    /// `[network] default_rootless_network_cmd`: the network when `--network` is not given.
    pub network_cmd: Option<Mode>,
}

#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    containers: Containers,
    #[serde(default)]
    engine: Engine,
    #[serde(default)]
    network: Network,
}

#[derive(Debug, Default, Deserialize)]
struct Containers {
    default_ulimits: Option<Vec<String>>,
    dns_servers: Option<Vec<String>>,
    dns_options: Option<Vec<String>>,
    env: Option<Vec<String>>,
    read_only: Option<bool>,
    userns: Option<String>,
    tz: Option<String>,
    log_driver: Option<String>,
    pids_limit: Option<i64>,
    oom_score_adj: Option<i32>,
}

#[derive(Debug, Default, Deserialize)]
struct Engine {
    cgroup_manager: Option<String>,
    events_logger: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Network {
    default_rootless_network_cmd: Option<String>,
}

/// The line of byte offset `at` in `text` (1-based).
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// The line holding `key = ` in `text`, for a value that parsed but means nothing to nook.
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

/// `text` with each line that is only a comment left empty (line numbers kept), unless it has
/// a multi-line string, in which a `#` line may be content. The files shipped are mostly
/// comments (24 KB, 30 lines of TOML in Debian's), and parsing them is a measurable part of
/// every start.
fn without_comment_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("\"\"\"") || text.contains("'''") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() / 4);
    for line in text.split_inclusive('\n') {
        match line.trim_start().starts_with('#') {
            true if line.ends_with('\n') => out.push('\n'),
            true => {}
            false => out.push_str(line),
        }
    }
    out.into()
}

/// Apply the file `file` with contents `text` over `conf`.
pub fn apply(conf: &mut ContainersConf, file: &str, text: &str) -> Result<(), String> {
    let text = &*without_comment_lines(text);
    let parsed: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        let why = e.message().lines().next().unwrap_or("invalid TOML").trim();
        format!("{file}:{line}: {why}: fix the line or remove it")
    })?;
    let bad = |key: &str, value: &str, want: &str| {
        format!(
            "{file}:{}: {key} = {value:?} is not understood by nook: use {want}",
            line_of_key(text, key)
        )
    };
    let c = parsed.containers;
    if let Some(v) = c.default_ulimits {
        conf.default_ulimits = v;
    }
    if let Some(v) = c.dns_servers {
        conf.dns_servers = v
            .iter()
            .map(|s| s.parse().map_err(|_| bad("dns_servers", s, "IP addresses")))
            .collect::<Result<_, _>>()?;
    }
    if let Some(v) = c.dns_options {
        conf.dns_options = v;
    }
    if let Some(v) = c.env {
        if let Some(e) = v.iter().find(|e| e.is_empty() || e.starts_with('=')) {
            return Err(bad("env", e, "NAME=VALUE entries"));
        }
        conf.env = v;
    }
    conf.read_only = c.read_only.or(conf.read_only);
    if let Some(u) = c.userns {
        conf.userns = Some(match u.as_str() {
            "" | "host" => Userns::Default,
            "keep-id" => Userns::KeepId,
            other => return Err(bad("userns", other, "\"keep-id\" or \"host\"")),
        });
    }
    conf.tz = c.tz.or(conf.tz.take());
    conf.log_driver = c.log_driver.or(conf.log_driver.take());
    conf.pids_limit = c.pids_limit.or(conf.pids_limit);
    conf.oom_score_adj = c.oom_score_adj.or(conf.oom_score_adj);
    let e = parsed.engine;
    if let Some(m) = e.cgroup_manager {
        conf.cgroup_manager = Some(match m.as_str() {
            "systemd" => ManagerFlag::Systemd,
            "cgroupfs" => ManagerFlag::Cgroupfs,
            other => return Err(bad("cgroup_manager", other, "\"systemd\" or \"cgroupfs\"")),
        });
    }
    conf.events_logger = e.events_logger.or(conf.events_logger.take());
    if let Some(n) = parsed.network.default_rootless_network_cmd {
        conf.network_cmd = Some(match n.as_str() {
            "slirp4netns" => Mode::Slirp4netns(SlirpOptions::default()),
            "pasta" => Mode::Pasta(Vec::new()),
            other => {
                return Err(bad(
                    "default_rootless_network_cmd",
                    other,
                    "\"slirp4netns\" or \"pasta\"",
                ));
            }
        });
    }
    Ok(())
}

/// The files, in the order read (file name, contents), merged.
pub fn load(files: &[(String, String)]) -> Result<ContainersConf, String> {
    let mut conf = ContainersConf::default();
    for (file, text) in files {
        apply(&mut conf, file, text)?;
    }
    Ok(conf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Result<ContainersConf, String> {
        load(&[("/etc/containers/containers.conf".into(), text.into())])
    }

    #[test]
    fn comment_lines_are_emptied_and_line_numbers_kept() {
        let text = "# a\n  # b\n[containers]\npids_limit = 5 # c\n#d";
        assert_eq!(
            without_comment_lines(text),
            "\n\n[containers]\npids_limit = 5 # c\n"
        );
        let e = one("# one\n# two\n[containers]\npids_limit = \"x\"\n").unwrap_err();
        assert!(e.contains("containers.conf:4:"), "{e}");
        // In a multi-line string a `#` line is content: the text is parsed as it is.
        let s = "[containers]\nenv = [\"\"\"A=1\n# not a comment\"\"\"]\n";
        assert_eq!(without_comment_lines(s), s);
    }

    #[test]
    fn the_keys_nook_reads() {
        let c = one(r#"
# a comment
[containers]
default_ulimits = [
  "nofile=1024:2048",
]
dns_servers = ["192.0.2.1", "2001:db8::1"]
dns_options = ["ndots:2"]
env = ["A=1", "B=2"]
read_only = true
userns = "keep-id"
tz = "local"
log_driver = "k8s-file"
pids_limit = 100
oom_score_adj = 3
default_capabilities = ["CHOWN"]
unknown_key = 3

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"

[engine.runtimes]
runc = ["/usr/bin/runc"]

[network]
default_rootless_network_cmd = "pasta"

[machine]
cpus = 2
"#)
        .unwrap();
        assert_eq!(c.default_ulimits, ["nofile=1024:2048"]);
        assert_eq!(c.dns_servers.len(), 2);
        assert_eq!(c.dns_options, ["ndots:2"]);
        assert_eq!(c.env, ["A=1", "B=2"]);
        assert_eq!(c.read_only, Some(true));
        assert_eq!(c.userns, Some(Userns::KeepId));
        assert_eq!(c.tz.as_deref(), Some("local"));
        assert_eq!(c.log_driver.as_deref(), Some("k8s-file"));
        assert_eq!(c.pids_limit, Some(100));
        assert_eq!(c.oom_score_adj, Some(3));
        assert_eq!(c.cgroup_manager, Some(ManagerFlag::Cgroupfs));
        assert_eq!(c.events_logger.as_deref(), Some("file"));
        assert_eq!(c.network_cmd, Some(Mode::Pasta(Vec::new())));
        assert_eq!(one("").unwrap(), ContainersConf::default());
    }

    #[test]
    fn later_files_replace_the_keys_they_set() {
        let c = load(&[
            (
                "a".into(),
                "[containers]\nenv = [\"A=1\"]\npids_limit = 5\n".into(),
            ),
            ("b".into(), "[containers]\nenv = [\"B=2\"]\n".into()),
        ])
        .unwrap();
        assert_eq!(c.env, ["B=2"]);
        assert_eq!(c.pids_limit, Some(5));
    }

    #[test]
    fn a_malformed_file_is_one_line_naming_file_and_line() {
        let e = one("[containers]\n\nenv = [\"A=1\"\n").unwrap_err();
        assert!(e.starts_with("/etc/containers/containers.conf:"), "{e}");
        assert_eq!(e.lines().count(), 1, "{e}");
        let e = one("[containers]\npids_limit = \"many\"\n").unwrap_err();
        assert!(e.starts_with("/etc/containers/containers.conf:2:"), "{e}");
        let e = one("[engine]\n cgroup_manager = \"none\"\n").unwrap_err();
        assert!(
            e.starts_with("/etc/containers/containers.conf:2: cgroup_manager"),
            "{e}"
        );
        let e = one("[containers]\ndns_servers = [\"x\"]\n").unwrap_err();
        assert!(e.contains("dns_servers"), "{e}");
    }
}
