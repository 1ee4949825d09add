//! PURE: the decisions of a container's life after `run`: restart policies, stop signals,
//! log drivers and their options, podman's k8s-file log lines, times as RFC 3339, and what a
//! reader makes of a record whose monitor is gone.

use std::collections::BTreeMap;

/// `--restart`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestartPolicy {
    No,
    /// Restart after a non-zero exit, at most N times (None: without end).
    OnFailure(Option<u32>),
    Always,
    UnlessStopped,
}

impl RestartPolicy {
    pub fn parse(text: &str) -> Result<RestartPolicy, String> {
        let bad = || {
            format!(
                "invalid restart policy {text:?}: use no, on-failure[:N], always or unless-stopped"
            )
        };
        match text.split_once(':') {
            None | Some(("on-failure", _)) => {}
            Some(_) => return Err(bad()),
        }
        Ok(match text {
            "" | "no" => RestartPolicy::No,
            "always" => RestartPolicy::Always,
            "unless-stopped" => RestartPolicy::UnlessStopped,
            "on-failure" => RestartPolicy::OnFailure(None),
            _ => match text.strip_prefix("on-failure:").map(str::parse::<u32>) {
                Some(Ok(n)) => RestartPolicy::OnFailure(Some(n)),
                _ => return Err(bad()),
            },
        })
    }

    /// Whether a container that ended with `code`, restarted `done` times so far, starts
    /// again. A container the user stopped never does.
    pub fn restarts(self, code: u8, done: u32, stopped_by_user: bool) -> bool {
        if stopped_by_user {
            return false;
        }
        match self {
            RestartPolicy::No => false,
            RestartPolicy::Always | RestartPolicy::UnlessStopped => true,
            RestartPolicy::OnFailure(max) => code != 0 && max.is_none_or(|m| done < m),
        }
    }
}

/// The signals by name (without SIG), as `kill -l` lists them.
const NAMES: [(&str, i32); 31] = [
    ("HUP", 1),
    ("INT", 2),
    ("QUIT", 3),
    ("ILL", 4),
    ("TRAP", 5),
    ("ABRT", 6),
    ("IOT", 6),
    ("BUS", 7),
    ("FPE", 8),
    ("KILL", 9),
    ("USR1", 10),
    ("SEGV", 11),
    ("USR2", 12),
    ("PIPE", 13),
    ("ALRM", 14),
    ("TERM", 15),
    ("STKFLT", 16),
    ("CHLD", 17),
    ("CONT", 18),
    ("STOP", 19),
    ("TSTP", 20),
    ("TTIN", 21),
    ("TTOU", 22),
    ("URG", 23),
    ("XCPU", 24),
    ("XFSZ", 25),
    ("VTALRM", 26),
    ("PROF", 27),
    ("WINCH", 28),
    ("IO", 29),
    ("PWR", 30),
];

/// A signal by name (`SIGTERM`, `TERM`, `term`) or number (`15`).
pub fn parse_signal(text: &str) -> Result<i32, String> {
    let bad = || format!("invalid signal {text:?}: give a name (SIGTERM, KILL) or a number");
    if let Ok(n) = text.parse::<i32>() {
        return match n {
            1..=64 => Ok(n),
            _ => Err(bad()),
        };
    }
    let upper = text.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some((_, n)) = NAMES.iter().find(|(n, _)| *n == name) {
        return Ok(*n);
    }
    // SIGRTMIN+N as podman spells it.
    match name.strip_prefix("RTMIN+").map(str::parse::<i32>) {
        Some(Ok(n)) if n <= 30 => Ok(34 + n),
        _ => Err(bad()),
    }
}

/// A signal's name as podman prints it (`SIGTERM`), or its number.
pub fn signal_name(n: i32) -> String {
    match NAMES.iter().find(|(_, m)| *m == n) {
        Some((name, _)) => format!("SIG{name}"),
        None => n.to_string(),
    }
}

/// podman's warning, word for word (scripts look for it), when the stop signal did not stop
/// the container in time.
pub fn not_stopped(sig: i32, name: &str, waited: std::time::Duration) -> String {
    format!(
        "StopSignal {} failed to stop container {name} in {} seconds, resorting to SIGKILL",
        signal_name(sig),
        waited.as_secs()
    )
}

/// `--log-driver`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogDriver {
    K8sFile,
    None,
    Passthrough,
    Journald,
}

impl LogDriver {
    pub fn parse(text: &str) -> Result<LogDriver, String> {
        Ok(match text {
            "k8s-file" | "" => LogDriver::K8sFile,
            "none" => LogDriver::None,
            "passthrough" => LogDriver::Passthrough,
            "journald" => LogDriver::Journald,
            _ => {
                return Err(format!(
                    "invalid log driver {text:?}: use k8s-file, journald, none or passthrough"
                ));
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            LogDriver::K8sFile => "k8s-file",
            LogDriver::None => "none",
            LogDriver::Passthrough => "passthrough",
            LogDriver::Journald => "journald",
        }
    }

    /// Whether the container's output is kept (a file or the journal), and so goes through
    /// pipes nook copies from; `none` and `passthrough` keep nothing.
    pub fn keeps_log(self) -> bool {
        matches!(self, LogDriver::K8sFile | LogDriver::Journald)
    }
}

/// `--log-opt max-size=SIZE` (the only option nook knows; `path=` and `tag=` are refused).
pub fn log_max_size(opts: &[String]) -> Result<Option<u64>, String> {
    let mut max = None;
    for opt in opts {
        match opt.split_once('=') {
            Some(("max-size", v)) => {
                let n = super::cgroup::parse_size("--log-opt max-size", v)?;
                max = (n > 0).then_some(n);
            }
            _ => {
                return Err(format!(
                    "unsupported --log-opt {opt:?}: nook knows max-size=SIZE (as 10m)"
                ));
            }
        }
    }
    Ok(max)
}

/// `KEY=VALUE` words (`--label`, `--annotation`) as a map; a word without `=` has an empty
/// value, as with podman.
pub fn key_values(words: &[String], what: &str) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for w in words {
        let (k, v) = w.split_once('=').unwrap_or((w, ""));
        if k.is_empty() {
            return Err(format!("invalid {what} {w:?}: give KEY=VALUE"));
        }
        map.insert(k.to_string(), v.to_string());
    }
    Ok(map)
}

/// Which of a container's streams a log line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Nanoseconds since the epoch as RFC 3339 with nanoseconds, in UTC (podman's RFC3339Nano
/// keeps all nine digits in its logs).
pub fn rfc3339_nano(ns: u64) -> String {
    let secs = (ns / 1_000_000_000) as i64;
    let (y, mo, d) = civil(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{:09}Z",
        s / 3600,
        s / 60 % 60,
        s % 60,
        ns % 1_000_000_000
    )
}

/// An RFC 3339 time (`2026-12-07T10:00:00Z`, fractions and `+01:00` offsets allowed) as
/// nanoseconds since the epoch.
pub fn parse_rfc3339(text: &str) -> Option<u64> {
    let (date, rest) = text.split_once(['T', 't', ' '])?;
    let mut parts = date.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let (clock, offset) = match rest.find(['Z', 'z', '+', '-']) {
        Some(i) => rest.split_at(i),
        None => (rest, "Z"),
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let mut t = hms.splitn(3, ':');
    let h: i64 = t.next()?.parse().ok()?;
    let mi: i64 = t.next()?.parse().ok()?;
    let s: i64 = t.next().unwrap_or("0").parse().ok()?;
    let mut nanos: u64 = 0;
    for (i, c) in frac.chars().take(9).enumerate() {
        nanos += u64::from(c.to_digit(10)?) * 10u64.pow(8 - i as u32);
    }
    let off = match offset {
        "Z" | "z" => 0,
        o => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let (oh, om) = o[1..].split_once(':').unwrap_or((&o[1..], "0"));
            sign * (oh.parse::<i64>().ok()? * 3600 + om.parse::<i64>().ok()? * 60)
        }
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let secs = days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + s - off;
    u64::try_from(secs).ok().map(|s| s * 1_000_000_000 + nanos)
}

/// `--since`/`--until`: an RFC 3339 time, a Unix time in seconds, or a duration before `now`
/// (`10s`, `5m`, `1h30m`), as nanoseconds since the epoch.
pub fn parse_time(text: &str, now_ns: u64) -> Result<u64, String> {
    if let Some(ns) = parse_rfc3339(text) {
        return Ok(ns);
    }
    if let Ok(secs) = text.parse::<f64>()
        && secs >= 0.0
    {
        return Ok((secs * 1e9) as u64);
    }
    let bad = || {
        format!(
            "invalid time {text:?}: give an RFC 3339 time, Unix seconds or a duration such as 10m"
        )
    };
    let (mut total, mut num) = (0u64, String::new());
    for c in text.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(bad()),
        };
        total += num.parse::<u64>().map_err(|_| bad())? * unit;
        num.clear();
    }
    if !num.is_empty() || text.is_empty() {
        return Err(bad());
    }
    Ok(now_ns.saturating_sub(total * 1_000_000_000))
}

/// One line of a k8s-file log: `TIME STREAM F|P CONTENT\n`; `partial` (P) when the content
/// did not end with a newline.
pub fn log_line(ns: u64, stream: Stream, partial: bool, content: &[u8]) -> Vec<u8> {
    let mut line = format!(
        "{} {} {} ",
        rfc3339_nano(ns),
        stream.name(),
        if partial { "P" } else { "F" }
    )
    .into_bytes();
    line.extend_from_slice(content);
    line.push(b'\n');
    line
}

/// A line of a k8s-file log, read back: time, stream, partial, content (no newline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub ns: u64,
    pub stream: Stream,
    pub partial: bool,
    pub content: Vec<u8>,
}

pub fn parse_log_line(line: &[u8]) -> Option<LogEntry> {
    let mut parts = line.splitn(4, |b| *b == b' ');
    let time = std::str::from_utf8(parts.next()?).ok()?;
    let stream = match parts.next()? {
        b"stdout" => Stream::Stdout,
        b"stderr" => Stream::Stderr,
        _ => return None,
    };
    let partial = match parts.next()? {
        b"P" => true,
        b"F" => false,
        _ => return None,
    };
    Some(LogEntry {
        ns: parse_rfc3339(time)?,
        stream,
        partial,
        content: parts.next().unwrap_or_default().to_vec(),
    })
}

/// What a reader makes of a record whose container has no live nook behind it (its lock is
/// free) while the record says it runs: exited, killed with its monitor (PID 1 dies of its
/// parent-death signal: 137), or lost to a restart of the machine. None: the record stands.
pub fn reconcile(
    running_record: bool,
    locked: bool,
    started_ns: Option<u64>,
    boot_ns: Option<u64>,
) -> Option<(Option<u8>, &'static str)> {
    if !running_record || locked {
        return None;
    }
    match (started_ns, boot_ns) {
        (Some(started), Some(boot)) if started < boot => {
            Some((None, "the machine restarted while it ran"))
        }
        _ => Some((
            Some(137),
            "its monitor was killed (nook ended without recording an exit)",
        )),
    }
}

#[cfg(test)]
#[path = "life_tests.rs"]
mod tests;
