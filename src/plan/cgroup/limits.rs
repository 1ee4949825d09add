//! PURE: podman's limit flags (`--memory`, `--cpus`, `--pids-limit`, ...) validated, and the
//! cgroup v2 files they become.

use std::collections::BTreeSet;

use super::CgroupError;

/// The limit flags, as typed (the part of `nook run`'s arguments this module reads).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LimitArgs {
    pub memory: Option<String>,
    pub memory_swap: Option<String>,
    pub memory_reservation: Option<String>,
    pub cpus: Option<String>,
    pub cpu_shares: Option<u64>,
    pub cpu_weight: Option<u64>,
    pub cpuset_cpus: Option<String>,
    pub pids_limit: Option<i64>,
    pub device_read_bps: Vec<String>,
    pub device_write_bps: Vec<String>,
}

/// A byte rate for one device, its path as typed (the host resolves it to MAJ:MIN).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRate {
    pub path: String,
    pub bytes: u64,
}

/// The validated limits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Limits {
    pub memory: Option<u64>,
    /// memory + swap, podman's meaning; `Some(None)` is -1 (unlimited swap).
    pub memory_swap: Option<Option<u64>>,
    pub memory_reservation: Option<u64>,
    /// cpu.max: (quota, period) in microseconds.
    pub cpu_max: Option<(u64, u64)>,
    pub cpu_weight: Option<u64>,
    pub cpuset_cpus: Option<String>,
    /// pids.max; `Some(None)` is unlimited (-1 or 0, as podman takes them).
    pub pids_max: Option<Option<u64>>,
    pub read_bps: Vec<DeviceRate>,
    pub write_bps: Vec<DeviceRate>,
}

/// The period `--cpus` uses, as podman does.
pub const CPU_PERIOD: u64 = 100_000;
/// The smallest memory limit podman accepts.
pub const MIN_MEMORY: u64 = 6 * 1024 * 1024;

/// A size as docker and podman take them: `64m`, `1g`, `512k`, `1.5g`, `64MiB`, `100` (bytes).
pub fn parse_size(flag: &str, s: &str) -> Result<u64, CgroupError> {
    let bad = || {
        format!(
            "invalid {flag} {s:?}: use a number of bytes with an optional unit, as in 64m or 1g"
        )
    };
    let t = s.trim();
    let digits = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let num: f64 = num.parse().map_err(|_| bad())?;
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit.strip_suffix('b').unwrap_or(&unit);
    let unit = unit.strip_suffix('i').unwrap_or(unit);
    let mult: u64 = match unit {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        "p" => 1 << 50,
        _ => return Err(bad()),
    };
    let bytes = num * mult as f64;
    if !bytes.is_finite() || bytes < 0.0 || bytes >= u64::MAX as f64 {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// `--cpu-shares` (cgroup v1 scale, 2..262144) to `cpu.weight` (1..10000), as crun converts
/// it since 1.23: the default share 1024 becomes the default weight 100.
pub fn shares_to_weight(shares: u64) -> u64 {
    if shares <= 2 {
        return 1;
    }
    if shares >= 262_144 {
        return 10_000;
    }
    let l = (shares as f64).log2();
    let exponent = (l * l + 125.0 * l) / 612.0 - 7.0 / 34.0;
    (10f64.powf(exponent).ceil() as u64).clamp(1, 10_000)
}

fn parse_rate(flag: &str, s: &str) -> Result<DeviceRate, CgroupError> {
    let Some((path, rate)) = s.rsplit_once(':') else {
        return Err(format!(
            "invalid {flag} {s:?}: use DEVICE:RATE, as in /dev/sda:10mb"
        ));
    };
    if !path.starts_with("/dev/") {
        return Err(format!(
            "invalid {flag} {s:?}: the device must be a path under /dev, as in /dev/sda:10mb"
        ));
    }
    Ok(DeviceRate {
        path: path.to_string(),
        bytes: parse_size(flag, rate)?,
    })
}

/// A cpuset list such as `0-2,4`.
fn valid_cpuset(s: &str) -> bool {
    !s.is_empty()
        && s.split(',').all(|part| {
            let mut ends = part.splitn(2, '-');
            let a = ends.next().map(|a| a.parse::<u32>());
            let b = ends.next().map(|b| b.parse::<u32>());
            match (a, b) {
                (Some(Ok(_)), None) => true,
                (Some(Ok(a)), Some(Ok(b))) => a <= b,
                _ => false,
            }
        })
}

impl Limits {
    /// Validate the flags; an error names the flag and the fix.
    pub fn parse(a: &LimitArgs) -> Result<Limits, CgroupError> {
        let mut l = Limits::default();
        // --memory=0: no limit, as in podman.
        let memory = match &a.memory {
            Some(m) => Some((m, parse_size("--memory", m)?)).filter(|(_, v)| *v > 0),
            None => None,
        };
        if let Some((m, v)) = memory {
            if v < MIN_MEMORY {
                return Err(format!(
                    "invalid --memory {m:?}: the minimum memory limit is 6m"
                ));
            }
            l.memory = Some(v);
        }
        if let Some(s) = &a.memory_swap {
            let Some(mem) = l.memory else {
                return Err(
                    "--memory-swap needs --memory: it is the limit of memory plus swap".into(),
                );
            };
            if s.trim() == "-1" {
                l.memory_swap = Some(None);
            } else {
                let v = parse_size("--memory-swap", s)?;
                if v < mem {
                    return Err(format!(
                        "invalid --memory-swap {s:?}: it is memory plus swap, so it must be at least --memory (or -1 for unlimited swap)"
                    ));
                }
                l.memory_swap = Some(Some(v));
            }
        }
        if let Some(r) = &a.memory_reservation {
            let v = parse_size("--memory-reservation", r)?;
            if l.memory.is_some_and(|m| v > m) {
                return Err(format!(
                    "invalid --memory-reservation {r:?}: it must not be above --memory"
                ));
            }
            l.memory_reservation = Some(v);
        }
        if let Some(c) = &a.cpus {
            let v: f64 = c.trim().parse().unwrap_or(-1.0);
            if !(v > 0.0 && v.is_finite() && v <= 4096.0) {
                return Err(format!(
                    "invalid --cpus {c:?}: use a positive number of CPUs, as in 0.5 or 2"
                ));
            }
            let quota = ((v * CPU_PERIOD as f64).round() as u64).max(1000);
            l.cpu_max = Some((quota, CPU_PERIOD));
        }
        match (a.cpu_shares, a.cpu_weight) {
            (Some(_), Some(_)) => {
                return Err("--cpu-shares and --cpu-weight set the same thing: use one".into());
            }
            (Some(s), None) if !(2..=262_144).contains(&s) => {
                return Err(format!(
                    "invalid --cpu-shares {s}: use a number from 2 to 262144 (default 1024)"
                ));
            }
            (Some(s), None) => l.cpu_weight = Some(shares_to_weight(s)),
            (None, Some(w)) if !(1..=10_000).contains(&w) => {
                return Err(format!(
                    "invalid --cpu-weight {w}: use a number from 1 to 10000 (default 100)"
                ));
            }
            (None, w) => l.cpu_weight = w,
        }
        if let Some(c) = &a.cpuset_cpus {
            if !valid_cpuset(c.trim()) {
                return Err(format!(
                    "invalid --cpuset-cpus {c:?}: use a list of CPUs and ranges, as in 0-2,4"
                ));
            }
            l.cpuset_cpus = Some(c.trim().to_string());
        }
        if let Some(p) = a.pids_limit {
            l.pids_max = match p {
                -1 | 0 => Some(None),
                p if p > 0 => Some(Some(p as u64)),
                p => {
                    return Err(format!(
                        "invalid --pids-limit {p}: use a positive number, or -1 for no limit"
                    ));
                }
            };
        }
        for r in &a.device_read_bps {
            l.read_bps.push(parse_rate("--device-read-bps", r)?);
        }
        for r in &a.device_write_bps {
            l.write_bps.push(parse_rate("--device-write-bps", r)?);
        }
        Ok(l)
    }

    /// Whether any limit was asked (then a missing cgroup is an error, not a shrug).
    pub fn any(&self) -> bool {
        // --pids-limit -1 asks for no limit: it needs no cgroup.
        let unlimited_pids = Limits {
            pids_max: None,
            ..self.clone()
        };
        unlimited_pids != Limits::default() || matches!(self.pids_max, Some(Some(_)))
    }

    /// The first flag asked, to name in an error.
    pub fn first_flag(&self) -> &'static str {
        [
            (self.memory.is_some(), "--memory"),
            (self.memory_reservation.is_some(), "--memory-reservation"),
            (self.cpu_max.is_some(), "--cpus"),
            (self.cpu_weight.is_some(), "--cpu-weight"),
            (self.cpuset_cpus.is_some(), "--cpuset-cpus"),
            (self.pids_max.is_some(), "--pids-limit"),
            (!self.read_bps.is_empty(), "--device-read-bps"),
            (!self.write_bps.is_empty(), "--device-write-bps"),
        ]
        .iter()
        .find(|(set, _)| *set)
        .map(|(_, f)| *f)
        .unwrap_or("a resource limit")
    }

    /// The controllers these limits need enabled for the container's cgroup. `memory`,
    /// `pids` and `cpu` are always asked when available (accounting and `--stats`).
    pub fn controllers(&self) -> BTreeSet<&'static str> {
        let mut c = BTreeSet::new();
        if self.memory.is_some() || self.memory_swap.is_some() || self.memory_reservation.is_some()
        {
            c.insert("memory");
        }
        if self.cpu_max.is_some() || self.cpu_weight.is_some() {
            c.insert("cpu");
        }
        if self.cpuset_cpus.is_some() {
            c.insert("cpuset");
        }
        if self.pids_max.is_some() {
            c.insert("pids");
        }
        if !self.read_bps.is_empty() || !self.write_bps.is_empty() {
            c.insert("io");
        }
        c
    }

    /// The cgroup v2 files to write in the container's cgroup, in order. `devices` gives
    /// "MAJ:MIN" for each device path of the rate flags (resolved by the host).
    pub fn files(&self, devices: &dyn Fn(&str) -> Option<String>) -> Vec<(String, String)> {
        let mut f = Vec::new();
        let max = |v: Option<u64>| v.map_or("max".to_string(), |v| v.to_string());
        if let Some(m) = self.memory {
            f.push(("memory.max".into(), m.to_string()));
            // podman: --memory-swap is memory plus swap; without it swap equals memory
            // (twice the limit in all), as docker does.
            let swap = match self.memory_swap {
                Some(Some(total)) => Some(total - m),
                Some(None) => None,
                None => Some(m),
            };
            f.push(("memory.swap.max".into(), max(swap)));
        }
        if let Some(r) = self.memory_reservation {
            f.push(("memory.low".into(), r.to_string()));
        }
        if let Some((quota, period)) = self.cpu_max {
            f.push(("cpu.max".into(), format!("{quota} {period}")));
        }
        if let Some(w) = self.cpu_weight {
            f.push(("cpu.weight".into(), w.to_string()));
        }
        if let Some(c) = &self.cpuset_cpus {
            f.push(("cpuset.cpus".into(), c.clone()));
        }
        if let Some(p) = self.pids_max {
            f.push(("pids.max".into(), max(p)));
        }
        // One io.max line per device: its read and write rates together.
        let mut devs: Vec<&str> = Vec::new();
        for r in self.read_bps.iter().chain(&self.write_bps) {
            if !devs.contains(&r.path.as_str()) {
                devs.push(&r.path);
            }
        }
        for path in devs {
            let Some(majmin) = devices(path) else {
                continue;
            };
            let mut line = majmin;
            if let Some(r) = self.read_bps.iter().rfind(|r| r.path == path) {
                line += &format!(" rbps={}", r.bytes);
            }
            if let Some(w) = self.write_bps.iter().rfind(|r| r.path == path) {
                line += &format!(" wbps={}", w.bytes);
            }
            f.push(("io.max".into(), line));
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(f: impl FnOnce(&mut LimitArgs)) -> Result<Limits, CgroupError> {
        let mut a = LimitArgs::default();
        f(&mut a);
        Limits::parse(&a)
    }

    #[test]
    fn sizes_as_podman_takes_them() {
        assert_eq!(parse_size("--memory", "64m"), Ok(64 << 20));
        assert_eq!(parse_size("--memory", "64MB"), Ok(64 << 20));
        assert_eq!(parse_size("--memory", "64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("--memory", "1g"), Ok(1 << 30));
        assert_eq!(parse_size("--memory", "1.5g"), Ok(3 << 29));
        assert_eq!(parse_size("--memory", "4096"), Ok(4096));
        assert_eq!(parse_size("--memory", "512k"), Ok(512 << 10));
        for bad in ["", "m", "64x", "-1", "1..2m", "64 mm"] {
            let e = parse_size("--memory", bad).unwrap_err();
            assert!(e.starts_with("invalid --memory"), "{bad}: {e}");
        }
    }

    #[test]
    fn memory_files_and_swap_semantics() {
        let l = limits(|a| a.memory = Some("64m".into())).unwrap();
        let none = |_: &str| None;
        assert_eq!(
            l.files(&none),
            [
                ("memory.max".to_string(), "67108864".to_string()),
                ("memory.swap.max".to_string(), "67108864".to_string())
            ]
        );
        let l = limits(|a| {
            a.memory = Some("64m".into());
            a.memory_swap = Some("96m".into());
            a.memory_reservation = Some("32m".into());
        })
        .unwrap();
        let f = l.files(&none);
        assert_eq!(f[1], ("memory.swap.max".into(), (32u64 << 20).to_string()));
        assert_eq!(f[2], ("memory.low".into(), (32u64 << 20).to_string()));
        let l = limits(|a| {
            a.memory = Some("64m".into());
            a.memory_swap = Some("-1".into());
        })
        .unwrap();
        assert_eq!(l.files(&none)[1].1, "max");
        // memory.swap.max 0: no swap at all when both are equal.
        let l = limits(|a| {
            a.memory = Some("64m".into());
            a.memory_swap = Some("64m".into());
        })
        .unwrap();
        assert_eq!(l.files(&none)[1].1, "0");
    }

    #[test]
    fn memory_zero_is_no_limit() {
        for zero in ["0", "0m", "0b"] {
            let l = limits(|a| a.memory = Some(zero.into())).unwrap();
            assert_eq!(l.memory, None, "{zero}");
            assert!(!l.any(), "{zero}");
        }
    }

    #[test]
    fn memory_errors() {
        let e = limits(|a| a.memory_swap = Some("1g".into())).unwrap_err();
        assert!(e.contains("--memory-swap needs --memory"), "{e}");
        let e = limits(|a| {
            a.memory = Some("64m".into());
            a.memory_swap = Some("32m".into());
        })
        .unwrap_err();
        assert!(e.contains("at least --memory"), "{e}");
        let e = limits(|a| a.memory = Some("1m".into())).unwrap_err();
        assert!(e.contains("minimum memory limit is 6m"), "{e}");
        let e = limits(|a| {
            a.memory = Some("64m".into());
            a.memory_reservation = Some("128m".into());
        })
        .unwrap_err();
        assert!(e.contains("--memory-reservation"), "{e}");
    }

    #[test]
    fn cpu_flags() {
        let none = |_: &str| None;
        let l = limits(|a| a.cpus = Some("0.5".into())).unwrap();
        assert_eq!(l.files(&none), [("cpu.max".into(), "50000 100000".into())]);
        let l = limits(|a| a.cpus = Some("2".into())).unwrap();
        assert_eq!(l.cpu_max, Some((200_000, 100_000)));
        for bad in ["0", "-1", "abc", "inf"] {
            assert!(limits(|a| a.cpus = Some(bad.into())).is_err(), "{bad}");
        }
        assert_eq!(
            limits(|a| a.cpu_shares = Some(1024)).unwrap().cpu_weight,
            Some(100)
        );
        assert_eq!(
            limits(|a| a.cpu_weight = Some(500)).unwrap().cpu_weight,
            Some(500)
        );
        assert!(limits(|a| a.cpu_weight = Some(0)).is_err());
        assert!(limits(|a| a.cpu_shares = Some(1)).is_err());
        let e = limits(|a| {
            a.cpu_shares = Some(512);
            a.cpu_weight = Some(50);
        })
        .unwrap_err();
        assert!(e.contains("use one"));
        let l = limits(|a| a.cpuset_cpus = Some("0-1,3".into())).unwrap();
        assert_eq!(l.files(&none), [("cpuset.cpus".into(), "0-1,3".into())]);
        for bad in ["", "a", "2-1", "1,,2"] {
            assert!(
                limits(|a| a.cpuset_cpus = Some(bad.into())).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn shares_convert_as_crun_does() {
        assert_eq!(shares_to_weight(2), 1);
        assert_eq!(shares_to_weight(1024), 100);
        assert_eq!(shares_to_weight(262_144), 10_000);
        assert!(shares_to_weight(512) < 100 && shares_to_weight(2048) > 100);
    }

    #[test]
    fn pids_and_io() {
        let l = limits(|a| a.pids_limit = Some(20)).unwrap();
        let none = |_: &str| None;
        assert_eq!(l.files(&none), [("pids.max".into(), "20".into())]);
        assert_eq!(
            limits(|a| a.pids_limit = Some(-1)).unwrap().files(&none),
            [("pids.max".into(), "max".into())]
        );
        assert!(limits(|a| a.pids_limit = Some(-5)).is_err());
        assert!(!limits(|a| a.pids_limit = Some(-1)).unwrap().any());
        assert!(limits(|a| a.pids_limit = Some(1)).unwrap().any());
        let l = limits(|a| {
            a.device_read_bps = vec!["/dev/vda:1mb".into()];
            a.device_write_bps = vec!["/dev/vda:2m".into(), "/dev/vdb:1k".into()];
        })
        .unwrap();
        let dev = |p: &str| match p {
            "/dev/vda" => Some("254:0".to_string()),
            _ => None,
        };
        assert_eq!(
            l.files(&dev),
            [("io.max".into(), "254:0 rbps=1048576 wbps=2097152".into())]
        );
        assert_eq!(l.controllers().into_iter().collect::<Vec<_>>(), ["io"]);
        assert!(limits(|a| a.device_read_bps = vec!["sda:1m".into()]).is_err());
        assert!(limits(|a| a.device_read_bps = vec!["/dev/sda".into()]).is_err());
    }
}
