//! The text of `/proc/PID/stat`, read once for every use nook has of it: a process's parent,
//! state, start time, CPU time and thread count. The command name comes in parentheses and
//! may hold spaces and parentheses itself, so the fields are counted after the last `)`.

/// One process's stat line, split.
pub struct ProcStat<'a> {
    /// The command name, without its parentheses.
    pub comm: &'a str,
    /// The fields after the name: `rest[0]` is field 3 of proc(5) (the state).
    pub rest: Vec<&'a str>,
}

impl<'a> ProcStat<'a> {
    pub fn parse(text: &'a str) -> Option<ProcStat<'a>> {
        let open = text.find('(')?;
        let close = text.rfind(')')?;
        Some(ProcStat {
            comm: text.get(open + 1..close)?,
            rest: text.get(close + 1..)?.split_whitespace().collect(),
        })
    }

    /// Field `n` as proc(5) numbers them (1 is the pid, 2 the name, 3 the state).
    fn field<T: std::str::FromStr>(&self, n: usize) -> Option<T> {
        self.rest.get(n.checked_sub(3)?)?.parse().ok()
    }

    /// Field 3: R, S, D, Z (zombie), X (dead) and so on.
    pub fn state(&self) -> Option<char> {
        self.rest.first()?.chars().next()
    }

    /// A zombie or a dead process: it holds none of its namespaces any more.
    pub fn ended(&self) -> bool {
        matches!(self.state(), Some('Z' | 'X'))
    }

    /// Field 4.
    pub fn ppid(&self) -> Option<i32> {
        self.field(4)
    }

    /// Fields 14 to 17: user and system time, its own and its waited-for children's, in
    /// clock ticks.
    pub fn cpu_ticks(&self) -> Option<u64> {
        (14..=17).map(|n| self.field::<u64>(n)).sum()
    }

    /// Field 20.
    pub fn threads(&self) -> Option<u32> {
        self.field(20)
    }

    /// Field 22: when it started, in clock ticks after boot; with its pid, it names one
    /// process for good (a pid is reused, a pid and start time are not).
    pub fn start_time(&self) -> Option<u64> {
        self.field(22)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ODD: &str = "4242 (a (b) c) S 17 4242 4242 0 -1 4194560 90 0 0 0 7 3 2 1 20 0 3 0 \
                       123456 4300800 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0";

    #[test]
    fn fields_are_counted_after_the_last_parenthesis() {
        let s = ProcStat::parse(ODD).expect("parses");
        assert_eq!(s.comm, "a (b) c");
        assert_eq!(s.state(), Some('S'));
        assert!(!s.ended());
        assert_eq!(s.ppid(), Some(17));
        assert_eq!(s.cpu_ticks(), Some(13));
        assert_eq!(s.threads(), Some(3));
        assert_eq!(s.start_time(), Some(123456));
    }

    #[test]
    fn short_or_broken_lines_give_nothing() {
        let short = ProcStat::parse("4242 (x) Z 17").expect("parses");
        assert!(short.ended());
        assert_eq!(short.ppid(), Some(17));
        assert_eq!(short.start_time(), None);
        assert_eq!(short.cpu_ticks(), None);
        assert!(ProcStat::parse("no parenthesis").is_none());
        assert!(ProcStat::parse(") (").is_none());
        assert_eq!(ProcStat::parse("1 (x) S x").and_then(|s| s.ppid()), None);
    }
}
