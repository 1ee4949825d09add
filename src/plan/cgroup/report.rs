//! PURE: what is printed after a run from the container's cgroup files: the OOM line and
//! `--stats`.

use crate::plan::units::binary;

/// A `KEY VALUE` line's value from a flat-keyed cgroup file (memory.events, cpu.stat).
pub fn keyed(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let mut it = l.split_whitespace();
        (it.next() == Some(key)).then(|| it.next()?.parse().ok())?
    })
}

/// The OOM line, when `memory.events` counted a kill.
pub fn oom_message(memory_events: &str, limit: Option<u64>) -> Option<String> {
    let kills = keyed(memory_events, "oom_kill")?;
    if kills == 0 {
        return None;
    }
    let limit = limit.map_or(String::new(), |l| format!(" (limit {})", binary(l)));
    Some(format!(
        "container was killed by the kernel: out of memory{limit}"
    ))
}

/// The OOM line of a container that has no cgroup of its own but shares the one nook runs in
/// (inside a batch job whose cgroup is not delegated: the job's limit applies). `before` and
/// `after` are that cgroup's `memory.events` around the run (the job's other processes may
/// have been killed earlier); only a container that ended with SIGKILL's status 137 (`killed`) while the count
/// went up is said to be out of memory. `memory_max` holds `memory.max` of that cgroup and of
/// each of its ancestors: the smallest number is the limit that applied.
pub fn shared_oom_message(
    before: &str,
    after: &str,
    killed: bool,
    memory_max: &[String],
) -> Option<String> {
    let kills = |t: &str| keyed(t, "oom_kill").unwrap_or(0);
    if !killed || kills(after) <= kills(before) {
        return None;
    }
    let limit = memory_max
        .iter()
        .filter_map(|m| m.trim().parse::<u64>().ok())
        .min();
    oom_message("oom_kill 1", limit)
}

/// What `--stats` prints after the run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub memory_peak: Option<u64>,
    pub cpu_usec: Option<u64>,
    pub user_usec: Option<u64>,
    pub system_usec: Option<u64>,
    pub nr_periods: Option<u64>,
    pub nr_throttled: Option<u64>,
    pub pids_peak: Option<u64>,
}

impl Stats {
    pub fn from_files(
        memory_peak: Option<&str>,
        cpu_stat: Option<&str>,
        pids_peak: Option<&str>,
    ) -> Stats {
        let cpu = cpu_stat.unwrap_or("");
        Stats {
            memory_peak: memory_peak.and_then(|t| t.trim().parse().ok()),
            cpu_usec: keyed(cpu, "usage_usec"),
            user_usec: keyed(cpu, "user_usec"),
            system_usec: keyed(cpu, "system_usec"),
            nr_periods: keyed(cpu, "nr_periods"),
            nr_throttled: keyed(cpu, "nr_throttled"),
            pids_peak: pids_peak.and_then(|t| t.trim().parse().ok()),
        }
    }

    /// Lines for standard error; what the kernel did not report says "n/a".
    pub fn text(&self) -> String {
        let na = || "n/a".to_string();
        let secs = |u: Option<u64>| u.map_or_else(na, |u| format!("{:.3}s", u as f64 / 1e6));
        let throttled = match (self.nr_throttled, self.nr_periods) {
            (Some(t), Some(p)) => format!("{t} of {p} periods"),
            (Some(t), None) => t.to_string(),
            _ => na(),
        };
        format!(
            "stats: memory peak {}, cpu {} (user {}, system {}), throttled {}, pids peak {}\n",
            self.memory_peak.map_or_else(na, binary),
            secs(self.cpu_usec),
            secs(self.user_usec),
            secs(self.system_usec),
            throttled,
            self.pids_peak.map_or_else(na, |p| p.to_string()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports() {
        let events = "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n";
        assert_eq!(
            oom_message(events, Some(64 << 20)).as_deref(),
            Some("container was killed by the kernel: out of memory (limit 64 MiB)")
        );
        assert_eq!(oom_message("oom_kill 0\n", Some(1)), None);
        assert_eq!(oom_message("", Some(1)), None);
        let max = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            shared_oom_message(
                "oom_kill 2\n",
                "oom_kill 3\n",
                true,
                &max(&["max\n", "67108864\n", "134217728\n"])
            )
            .as_deref(),
            Some("container was killed by the kernel: out of memory (limit 64 MiB)")
        );
        // Earlier kills in the job, a container that was not SIGKILLed, no counter: nothing.
        assert_eq!(
            shared_oom_message("oom_kill 2", "oom_kill 2", true, &[]),
            None
        );
        assert_eq!(
            shared_oom_message("oom_kill 0", "oom_kill 1", false, &[]),
            None
        );
        assert_eq!(shared_oom_message("", "", true, &[]), None);
        assert_eq!(
            shared_oom_message("", "oom_kill 1", true, &max(&["max"])).as_deref(),
            Some("container was killed by the kernel: out of memory")
        );
        let cpu = "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\nnr_periods 30\nnr_throttled 12\nthrottled_usec 9\n";
        let s = Stats::from_files(Some("8388608\n"), Some(cpu), Some("3\n"));
        assert_eq!(
            s.text(),
            "stats: memory peak 8 MiB, cpu 1.500s (user 1.000s, system 0.500s), throttled 12 of 30 periods, pids peak 3\n"
        );
        assert!(
            Stats::from_files(None, None, None)
                .text()
                .contains("memory peak n/a")
        );
    }
}
