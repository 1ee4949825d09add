//! What `nook top` and `nook stats` read on the host: the container's processes from /proc
//! (those in its PID namespace) and its cgroup v2 files, when it has a cgroup of its own.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use nix::unistd::Pid;

use crate::host::cgroup;
use crate::plan::info::CgroupMode;
use crate::plan::proc_stat::ProcStat;
use crate::plan::top::{Proc, Reading, inside_id, name_of, tty_name};

fn read(path: impl AsRef<Path>) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

pub(crate) fn pid_ns(pid: i32) -> Option<(u64, u64)> {
    let m = std::fs::metadata(format!("/proc/{pid}/ns/pid")).ok()?;
    Some((m.dev(), m.ino()))
}

fn status_field<'a>(status: &'a str, key: &str) -> Option<&'a str> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .map(str::trim)
}

fn first_number(text: Option<&str>) -> u32 {
    text.and_then(|t| t.split_whitespace().next())
        .and_then(|w| w.parse().ok())
        .unwrap_or(0)
}

/// The fields of /proc/PID/stat after the command name (the state is the first).
pub(crate) fn stat_fields(pid: i32) -> Option<(String, Vec<String>)> {
    let text = read(format!("/proc/{pid}/stat"))?;
    let stat = ProcStat::parse(&text)?;
    let rest = stat.rest.iter().map(|f| f.to_string()).collect();
    Some((stat.comm.to_string(), rest))
}

/// Every process in the PID namespace of the container whose PID 1 is `pid1`.
pub fn processes(pid1: Pid) -> Vec<Proc> {
    let probe = crate::host::exec::joinable(pid1).as_raw();
    let Some(ns) = pid_ns(probe) else {
        return Vec::new();
    };
    let uid_map = read(format!("/proc/{probe}/uid_map")).unwrap_or_default();
    let gid_map = read(format!("/proc/{probe}/gid_map")).unwrap_or_default();
    // The container's own names (its root, as its processes see it).
    let passwd = read(format!("/proc/{probe}/root/etc/passwd")).unwrap_or_default();
    let group = read(format!("/proc/{probe}/root/etc/group")).unwrap_or_default();
    let ticks = nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .filter(|t| *t > 0)
        .unwrap_or(100) as f64;
    let uptime: f64 = read("/proc/uptime")
        .and_then(|t| t.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    let pids: Vec<i32> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        // PID 1 itself even when its namespace cannot be read (nook's reaper).
        .filter(|pid| *pid == pid1.as_raw() || pid_ns(*pid) == Some(ns))
        .collect();
    let mut procs = Vec::new();
    let mut inner: BTreeMap<i32, i32> = BTreeMap::new();
    let mut parents: Vec<i32> = Vec::new();
    for host_pid in pids {
        let (Some(status), Some((comm, f))) = (
            read(format!("/proc/{host_pid}/status")),
            stat_fields(host_pid),
        ) else {
            continue;
        };
        let num = |i: usize| f.get(i).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        let pid = status_field(&status, "NSpid")
            .and_then(|v| v.split_whitespace().last()?.parse().ok())
            .unwrap_or(0);
        inner.insert(host_pid, pid);
        parents.push(num(1) as i32);
        let host_uid = first_number(status_field(&status, "Uid"));
        let host_gid = first_number(status_field(&status, "Gid"));
        let uid = inside_id(&uid_map, host_uid).unwrap_or(65534);
        let gid = inside_id(&gid_map, host_gid).unwrap_or(65534);
        let args = read(format!("/proc/{host_pid}/cmdline"))
            .map(|c| {
                c.split('\0')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let start = num(19) as f64 / ticks;
        procs.push(Proc {
            pid,
            host_pid,
            ppid: 0,
            pgid: num(2) as i32,
            uid,
            gid,
            user: name_of(&passwd, uid),
            group: name_of(&group, gid),
            host_uid,
            elapsed: (uptime - start).max(0.0),
            cpu: (num(11) + num(12)) as f64 / ticks,
            tty: tty_name(num(4) as u64),
            state: f.first().and_then(|s| s.chars().next()).unwrap_or('?'),
            nice: num(16),
            vsz_kib: num(20) as u64 / 1024,
            comm,
            args,
            cap_eff: status_field(&status, "CapEff").unwrap_or("").to_string(),
            seccomp: status_field(&status, "Seccomp").unwrap_or("").to_string(),
        });
    }
    for (p, parent) in procs.iter_mut().zip(parents) {
        p.ppid = inner.get(&parent).copied().unwrap_or(0);
        // Group ids are host pids too: as the container sees them where they are its own.
        p.pgid = inner.get(&p.pgid).copied().unwrap_or(0);
    }
    procs
}

/// The cgroup v2 directory of the container whose PID 1 is `pid1`, when it has one of its
/// own (nook's layout: a `container` child of its scope or of nook's cgroupfs directory).
pub fn own_cgroup(pid1: Pid) -> Option<PathBuf> {
    if cgroup::mode() != CgroupMode::Unified {
        return None;
    }
    let path = cgroup::cgroup_of(&pid1.to_string())?;
    if !path.ends_with("/container") {
        return None;
    }
    let dir = Path::new("/sys/fs/cgroup").join(path.trim_start_matches('/'));
    dir.join("cgroup.procs").exists().then_some(dir)
}

fn keyed(text: &str, key: &str) -> u64 {
    crate::plan::cgroup::keyed(text, key).unwrap_or(0)
}

/// Microseconds since the first call (readings are compared with each other only).
fn micros_now() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_micros() as u64
}

/// One reading of the cgroup `dir` and of the network of `pid1`.
pub fn reading(id: &str, name: &str, pid1: Pid, dir: &Path) -> Reading {
    let number = |file: &str| {
        read(dir.join(file))
            .and_then(|t| t.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let (mut block_read, mut block_write) = (0, 0);
    for line in read(dir.join("io.stat")).unwrap_or_default().lines() {
        for word in line.split_whitespace() {
            if let Some(v) = word.strip_prefix("rbytes=") {
                block_read += v.parse::<u64>().unwrap_or(0);
            } else if let Some(v) = word.strip_prefix("wbytes=") {
                block_write += v.parse::<u64>().unwrap_or(0);
            }
        }
    }
    let (mut net_rx, mut net_tx) = (0, 0);
    for line in read(format!("/proc/{pid1}/net/dev"))
        .unwrap_or_default()
        .lines()
        .skip(2)
    {
        let Some((iface, counters)) = line.split_once(':') else {
            continue;
        };
        if iface.trim() == "lo" {
            continue;
        }
        let c: Vec<u64> = counters
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        net_rx += c.first().copied().unwrap_or(0);
        net_tx += c.get(8).copied().unwrap_or(0);
    }
    let host_mem = read("/proc/meminfo")
        .map(|t| keyed(&t.replace(':', ""), "MemTotal") * 1024)
        .unwrap_or(0);
    Reading {
        id: id.to_string(),
        name: name.to_string(),
        cpu_usec: keyed(
            &read(dir.join("cpu.stat")).unwrap_or_default(),
            "usage_usec",
        ),
        at_usec: micros_now(),
        mem: number("memory.current"),
        mem_limit: read(dir.join("memory.max")).and_then(|t| t.trim().parse().ok()),
        host_mem,
        pids: number("pids.current"),
        block_read,
        block_write,
        net_rx,
        net_tx,
    }
}
