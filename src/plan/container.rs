//! PURE: what `ps` and `inspect` say of a container: its status (the record's word checked
//! against its lock), podman's STATUS texts and ages, `ps --filter`, and the PORTS column.

use std::collections::BTreeMap;

use crate::plan::network::PortMapping;
use crate::plan::record::ContainerStatus;

/// The status to show: a record that says the container runs (or is paused or stopping)
/// while nothing holds its lock has lost its monitor or `nook run` (killed, or the machine
/// restarted): it has exited.
pub fn effective_status(recorded: ContainerStatus, locked: bool) -> ContainerStatus {
    match recorded {
        ContainerStatus::Running | ContainerStatus::Paused | ContainerStatus::Stopping
            if !locked =>
        {
            ContainerStatus::Exited
        }
        s => s,
    }
}

/// Podman's lower-case name of a status (`State.Status` of inspect, `.State` of ps).
pub fn status_name(status: ContainerStatus) -> &'static str {
    match status {
        ContainerStatus::Created => "created",
        ContainerStatus::Running => "running",
        ContainerStatus::Paused => "paused",
        ContainerStatus::Stopping => "stopping",
        ContainerStatus::Exited => "exited",
    }
}

/// A duration as podman's ps says it (go-units' HumanDuration): `Less than a second`,
/// `1 second`, `3 seconds`, `About a minute`, `5 minutes`, `About an hour`, `30 hours`,
/// `3 days`, `2 weeks`, `4 months`, `2 years`.
pub fn human_duration(secs: u64) -> String {
    let hours = (secs + 1800) / 3600;
    match secs {
        0 => "Less than a second".into(),
        1 => "1 second".into(),
        2..60 => format!("{secs} seconds"),
        60..120 => "About a minute".into(),
        120..3600 => format!("{} minutes", secs / 60),
        _ if hours == 1 => "About an hour".into(),
        _ if hours < 48 => format!("{hours} hours"),
        _ if hours < 24 * 7 * 2 => format!("{} days", hours / 24),
        _ if hours < 24 * 30 * 2 => format!("{} weeks", hours / 24 / 7),
        _ if hours < 24 * 365 * 2 => format!("{} months", hours / 24 / 30),
        _ => format!("{} years", secs / 3600 / 24 / 365),
    }
}

/// The STATUS column: `Up 3 minutes` (since it started), `Exited (3) 2 seconds ago` (since
/// it ended), `Created`, `Paused`, `Stopping`.
pub fn status_text(status: ContainerStatus, exit_code: Option<u8>, since_secs: u64) -> String {
    match status {
        ContainerStatus::Running => format!("Up {}", human_duration(since_secs)),
        ContainerStatus::Exited => format!(
            "Exited ({}) {} ago",
            exit_code.map_or(-1, i32::from),
            human_duration(since_secs)
        ),
        ContainerStatus::Created => "Created".into(),
        ContainerStatus::Paused => "Paused".into(),
        ContainerStatus::Stopping => "Stopping".into(),
    }
}

/// The PORTS column: `0.0.0.0:8080->80/tcp, 127.0.0.1:5353->53/udp`.
pub fn ports_text(ports: &[PortMapping]) -> String {
    ports
        .iter()
        .map(|p| {
            format!(
                "{}:{}->{}/{}",
                p.bind_ip(),
                p.host_port,
                p.container_port,
                p.proto.as_str()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Nanoseconds since the epoch as RFC 3339 with nanoseconds in UTC, as podman's inspect
/// (Go's RFC3339Nano: no trailing zeros in the fraction).
pub fn rfc3339_nano(ns: u64) -> String {
    let secs = crate::plan::volume::rfc3339(ns / NS);
    let base = secs.trim_end_matches('Z');
    match ns % NS {
        0 => format!("{base}Z"),
        frac => format!("{base}.{}Z", format!("{frac:09}").trim_end_matches('0')),
    }
}

/// Nanoseconds since the epoch as Go prints a time (`2024-02-29 12:30:15.5 +0000 UTC`).
pub fn go_time(ns: u64) -> String {
    rfc3339_nano(ns)
        .replacen('T', " ", 1)
        .trim_end_matches('Z')
        .to_string()
        + " +0000 UTC"
}

const NS: u64 = 1_000_000_000;

/// What `ps --filter` looks at in a container.
pub struct Item<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub status: ContainerStatus,
    pub exit_code: Option<u8>,
    pub labels: &'a BTreeMap<String, String>,
    /// The image reference it was run with (`docker.io/library/alpine:latest`).
    pub image_name: &'a str,
    pub image_id: &'a str,
}

/// `ps --filter KEY=VALUE...`: filters of one key match when any of their values does,
/// filters of different keys must all match; several `label` filters must all match (as
/// podman 5).
#[derive(Debug, Default)]
pub struct Filters {
    by_key: BTreeMap<String, Vec<String>>,
}

const KEYS: &str = "name, id, status, label, ancestor or exited";
/// podman's states; "unknown" (a state podman gives a container it cannot read) matches
/// none of nook's, and podman's scripts ask for it to find leaks.
const STATUSES: [&str; 7] = [
    "created", "running", "paused", "stopping", "stopped", "exited", "unknown",
];

impl Filters {
    pub fn parse(args: &[String]) -> Result<Filters, String> {
        let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for arg in args {
            let Some((key, value)) = arg.split_once('=') else {
                return Err(format!("invalid filter {arg:?}: use KEY=VALUE ({KEYS})"));
            };
            match key {
                "name" | "id" | "label" | "ancestor" => {}
                "status" if STATUSES.contains(&value) => {}
                "status" => {
                    return Err(format!(
                        "invalid status {value:?} in --filter: use {}",
                        STATUSES.join(", ")
                    ));
                }
                "exited" if value.parse::<i32>().is_ok() => {}
                "exited" => {
                    return Err(format!(
                        "invalid exit code {value:?} in --filter exited=: use a number"
                    ));
                }
                _ => return Err(format!("invalid filter {key:?}: use {KEYS}")),
            }
            by_key.entry(key.into()).or_default().push(value.into());
        }
        Ok(Filters { by_key })
    }

    /// Whether a status filter is given: it shows containers of every state, as `-a`.
    pub fn has_status(&self) -> bool {
        self.by_key.contains_key("status")
    }

    pub fn matches(&self, c: &Item) -> bool {
        self.by_key.iter().all(|(key, values)| match key.as_str() {
            "label" => values.iter().all(|v| label_matches(c.labels, v)),
            _ => values.iter().any(|v| one_matches(key, v, c)),
        })
    }
}

fn one_matches(key: &str, value: &str, c: &Item) -> bool {
    match key {
        "name" => regex_or_equal(value, c.name),
        "id" => {
            if value.chars().all(|ch| ch.is_ascii_hexdigit()) {
                c.id.starts_with(&value.to_ascii_lowercase())
            } else {
                regex_or_equal(value, c.id)
            }
        }
        "status" => {
            let want = if value == "stopped" { "exited" } else { value };
            status_name(c.status) == want
        }
        "exited" => {
            c.status == ContainerStatus::Exited && c.exit_code.map(i32::from) == value.parse().ok()
        }
        "ancestor" => ancestor_matches(value, c.image_name, c.image_id),
        _ => false,
    }
}

/// `label=KEY` (it has the label) or `label=KEY=VALUE`.
fn label_matches(labels: &BTreeMap<String, String>, filter: &str) -> bool {
    match filter.split_once('=') {
        Some((k, v)) => labels.get(k).is_some_and(|have| have == v),
        None => labels.contains_key(filter),
    }
}

/// A regular expression found in `text` (podman's name and id filters), or, when `pattern`
/// is no valid expression, the same text.
fn regex_or_equal(pattern: &str, text: &str) -> bool {
    match regex_lite::Regex::new(pattern) {
        Ok(re) => re.is_match(text),
        Err(_) => pattern == text,
    }
}

/// `ancestor=IMAGE`: the image's ID (or a prefix of it), or its name as given, with or
/// without the registry, `library/` and `:latest` (`alpine` is `docker.io/library/alpine:latest`).
fn ancestor_matches(want: &str, image_name: &str, image_id: &str) -> bool {
    let id = image_id.strip_prefix("sha256:").unwrap_or(image_id);
    if !want.is_empty() && want.chars().all(|c| c.is_ascii_hexdigit()) && id.starts_with(want) {
        return true;
    }
    let with_tag = |s: &str| {
        let last = s.rsplit('/').next().unwrap_or(s);
        if last.contains(':') || s.contains('@') {
            s.to_string()
        } else {
            format!("{s}:latest")
        }
    };
    let (want, have) = (with_tag(want), with_tag(image_name));
    have == want
        || have.ends_with(&format!("/{want}"))
        || have.ends_with(&format!("/library/{want}"))
}

#[cfg(test)]
#[path = "container_tests.rs"]
mod tests;
