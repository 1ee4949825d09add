//! `nook top` and `nook stats`: the columns of the container's processes (ps's descriptors,
//! podman's headers) and the readings of its cgroup, rendered from plain values.

use std::collections::BTreeMap;

/// One process of the container, as the host read it from /proc.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Proc {
    /// Its pid in the container's PID namespace, and its host pid.
    pub pid: i32,
    pub host_pid: i32,
    /// Its parent's pid in the container (0: outside it).
    pub ppid: i32,
    pub pgid: i32,
    /// Ids as the container sees them, and their names there when it has them.
    pub uid: u32,
    pub gid: u32,
    pub user: Option<String>,
    pub group: Option<String>,
    pub host_uid: u32,
    /// Seconds since it started, and CPU seconds it used.
    pub elapsed: f64,
    pub cpu: f64,
    pub tty: Option<String>,
    pub state: char,
    pub nice: i64,
    pub vsz_kib: u64,
    pub comm: String,
    pub args: Vec<String>,
    /// "CapEff" of /proc/PID/status, and its Seccomp mode.
    pub cap_eff: String,
    pub seccomp: String,
}

/// The descriptors `nook top` knows, with podman's headers.
const DESCRIPTORS: &[(&str, &str)] = &[
    ("user", "USER"),
    ("pid", "PID"),
    ("ppid", "PPID"),
    ("pcpu", "%CPU"),
    ("etime", "ELAPSED"),
    ("tty", "TTY"),
    ("time", "TIME"),
    ("args", "COMMAND"),
    ("comm", "COMMAND"),
    ("group", "GROUP"),
    ("hpid", "HPID"),
    ("huser", "HUSER"),
    ("nice", "NI"),
    ("pgid", "PGID"),
    ("state", "STATE"),
    ("vsz", "VSZ"),
    ("capeff", "EFFECTIVE CAPS"),
    ("seccomp", "SECCOMP"),
];

/// podman's default columns.
pub const DEFAULT: &[&str] = &[
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

/// The descriptors asked for (each word may hold several, comma-separated, as ps takes
/// them; `-eo` and `-o` are accepted and skipped).
pub fn descriptors(words: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for word in words {
        for d in word.split(',').filter(|d| !d.is_empty()) {
            if matches!(d, "-eo" | "-o" | "-e" | "-ef" | "-A") {
                continue;
            }
            if !DESCRIPTORS.iter().any(|(name, _)| *name == d) {
                let known: Vec<&str> = DESCRIPTORS.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown descriptor {d:?} for nook top: use {}",
                    known.join(", ")
                ));
            }
            out.push(d.to_string());
        }
    }
    if out.is_empty() {
        out = DEFAULT.iter().map(|d| d.to_string()).collect();
    }
    Ok(out)
}

/// A duration as Go prints one (podman's ELAPSED and TIME): `0s`, `1.5s`, `2m3s`, `1h2m3s`.
pub fn go_duration(secs: f64) -> String {
    let ms = (secs * 1000.0).round() as u64;
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let s = rest as f64 / 1000.0;
    let s = format!("{s}s");
    match (h, m) {
        (0, 0) => s,
        (0, m) => format!("{m}m{s}"),
        (h, m) => format!("{h}h{m}m{s}"),
    }
}

fn value(p: &Proc, d: &str) -> String {
    let name_or_id = |name: &Option<String>, id: u32| name.clone().unwrap_or(id.to_string());
    match d {
        "user" => name_or_id(&p.user, p.uid),
        "group" => name_or_id(&p.group, p.gid),
        "pid" => p.pid.to_string(),
        "ppid" => p.ppid.to_string(),
        "pgid" => p.pgid.to_string(),
        "hpid" => p.host_pid.to_string(),
        "huser" => p.host_uid.to_string(),
        "pcpu" => {
            let pct = if p.elapsed > 0.0 {
                100.0 * p.cpu / p.elapsed
            } else {
                0.0
            };
            format!("{pct:.3}")
        }
        "etime" => go_duration(p.elapsed),
        "time" => go_duration(p.cpu.floor()),
        "tty" => p.tty.clone().unwrap_or_else(|| "?".into()),
        "args" if !p.args.is_empty() => p.args.join(" "),
        "args" | "comm" => p.comm.clone(),
        "nice" => p.nice.to_string(),
        "state" => p.state.to_string(),
        "vsz" => p.vsz_kib.to_string(),
        "capeff" => p.cap_eff.clone(),
        "seccomp" => match p.seccomp.as_str() {
            "0" => "disabled".into(),
            "1" => "strict".into(),
            "2" => "filter".into(),
            other => other.into(),
        },
        _ => String::new(),
    }
}

/// A table: each column as wide as its widest cell, separated by two spaces (the last one
/// unpadded).
pub fn table(headers: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  ", w = *w));
            }
        }
        out.push('\n');
        out
    };
    let mut text = line(headers);
    for row in rows {
        text.push_str(&line(row));
    }
    text
}

/// `nook top`'s output: a header line and one line per process, ordered by pid.
pub fn render(descriptors: &[String], procs: &[Proc]) -> String {
    let headers: Vec<String> = descriptors
        .iter()
        .map(|d| {
            DESCRIPTORS
                .iter()
                .find(|(name, _)| name == d)
                .map(|(_, h)| h.to_string())
                .unwrap_or_default()
        })
        .collect();
    let mut sorted: Vec<&Proc> = procs.iter().collect();
    sorted.sort_by_key(|p| p.pid);
    let rows: Vec<Vec<String>> = sorted
        .iter()
        .map(|p| descriptors.iter().map(|d| value(p, d)).collect())
        .collect();
    table(&headers, &rows)
}

/// The name of `id` in a passwd or group file's text.
pub fn name_of(text: &str, id: u32) -> Option<String> {
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.get(2)?.parse::<u32>().ok()? == id).then(|| f[0].to_string())
    })
}

/// The id a host id is inside a user namespace, from its map's text (`inside outside count`
/// lines); None when unmapped.
pub fn inside_id(map: &str, host: u32) -> Option<u32> {
    map.lines().find_map(|l| {
        let f: Vec<u64> = l
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        let (inside, outside, count) = (*f.first()?, *f.get(1)?, *f.get(2)?);
        let host = u64::from(host);
        (host >= outside && host < outside + count).then(|| (inside + host - outside) as u32)
    })
}

/// A terminal's name from `tty_nr` of /proc/PID/stat (0: none).
pub fn tty_name(tty_nr: u64) -> Option<String> {
    if tty_nr == 0 {
        return None;
    }
    let major = (tty_nr >> 8) & 0xfff;
    let minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);
    Some(match major {
        136..=143 => format!("pts/{}", (major - 136) * 256 + minor),
        4 if minor < 64 => format!("tty{minor}"),
        _ => format!("{major}:{minor}"),
    })
}

/// One reading of a container's cgroup (v2 files), for `nook stats`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub id: String,
    pub name: String,
    /// cpu.stat's usage_usec, and when it was read (microseconds on a monotonic clock).
    pub cpu_usec: u64,
    pub at_usec: u64,
    pub mem: u64,
    /// memory.max; None: "max" (then the host's memory is the limit).
    pub mem_limit: Option<u64>,
    pub host_mem: u64,
    pub pids: u64,
    pub block_read: u64,
    pub block_write: u64,
    pub net_rx: u64,
    pub net_tx: u64,
}

/// Sizes as podman prints them in stats: decimal units, four significant digits (Go's
/// `%.4g`), such as 0B, 12.34kB, 1.5MB.
pub fn size(bytes: u64) -> String {
    const UNITS: &[&str] = &["B", "kB", "MB", "GB", "TB", "PB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    let whole = (v.trunc() as u64).to_string().len();
    let decimals = 4usize.saturating_sub(whole);
    let text = format!("{v:.decimals$}");
    let text = match text.contains('.') {
        true => text.trim_end_matches('0').trim_end_matches('.').to_string(),
        false => text,
    };
    format!("{text}{}", UNITS[unit])
}

/// The fields of one container's line, by the names `--format` templates use.
pub fn fields(
    now: &Reading,
    before: Option<&Reading>,
    lifetime_usec: u64,
) -> BTreeMap<String, String> {
    let cpu = match before {
        Some(b) if now.at_usec > b.at_usec => {
            100.0 * now.cpu_usec.saturating_sub(b.cpu_usec) as f64
                / (now.at_usec - b.at_usec) as f64
        }
        _ if lifetime_usec > 0 => 100.0 * now.cpu_usec as f64 / lifetime_usec as f64,
        _ => 0.0,
    };
    let limit = now
        .mem_limit
        .unwrap_or(now.host_mem)
        .min(now.host_mem.max(1));
    let mem_pct = if limit > 0 {
        100.0 * now.mem as f64 / limit as f64
    } else {
        0.0
    };
    [
        ("ID", now.id.chars().take(12).collect::<String>()),
        ("Name", now.name.clone()),
        ("CPUPerc", format!("{cpu:.2}%")),
        ("MemUsage", format!("{} / {}", size(now.mem), size(limit))),
        ("MemPerc", format!("{mem_pct:.2}%")),
        (
            "NetIO",
            format!("{} / {}", size(now.net_rx), size(now.net_tx)),
        ),
        (
            "BlockIO",
            format!("{} / {}", size(now.block_read), size(now.block_write)),
        ),
        ("PIDs", now.pids.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// podman's stats table columns.
pub const STATS_COLUMNS: &[(&str, &str)] = &[
    ("ID", "ID"),
    ("Name", "NAME"),
    ("CPUPerc", "CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET IO"),
    ("BlockIO", "BLOCK IO"),
    ("PIDs", "PIDS"),
];

/// One line per container from a `--format` template: `{{.Field}}` replaced, `\t` a tab; a
/// `table` prefix adds a header line of the fields' column names. `json` gives one JSON
/// array of objects.
pub fn format_stats(template: &str, lines: &[BTreeMap<String, String>]) -> Result<String, String> {
    if template == "json" {
        return serde_json::to_string_pretty(lines)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string());
    }
    let (header, body) = match template.strip_prefix("table") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, template),
    };
    let body = body.replace("\\t", "\t");
    let render = |get: &dyn Fn(&str) -> Option<String>| -> Result<String, String> {
        let mut out = String::new();
        let mut rest = body.as_str();
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let end = rest[start..]
                .find("}}")
                .ok_or_else(|| format!("unclosed {{{{ in --format {template:?}"))?;
            let field = rest[start + 2..start + end].trim().trim_start_matches('.');
            out.push_str(&get(field).ok_or_else(|| {
                let known: Vec<&str> = STATS_COLUMNS.iter().map(|(k, _)| *k).collect();
                format!(
                    "unknown field {field:?} in --format: use {}",
                    known.join(", ")
                )
            })?);
            rest = &rest[start + end + 2..];
        }
        out.push_str(rest);
        out.push('\n');
        Ok(out)
    };
    let mut text = String::new();
    if header {
        text.push_str(&render(&|f| {
            STATS_COLUMNS
                .iter()
                .find(|(k, _)| *k == f)
                .map(|(_, h)| h.to_string())
        })?);
    }
    for line in lines {
        text.push_str(&render(&|f| line.get(f).cloned())?);
    }
    Ok(text)
}

#[cfg(test)]
#[path = "top_tests.rs"]
mod tests;
