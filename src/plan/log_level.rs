//! The global `--log-level` and `--debug` as podman reads them (logrus's levels), and the
//! shape of a log line (`time="..." level=debug msg="..."`, as podman's scripts grep them).

/// logrus's levels, the most talkative first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
    Panic,
}

const NAMES: [(&str, Level); 8] = [
    ("trace", Level::Trace),
    ("debug", Level::Debug),
    ("info", Level::Info),
    ("warn", Level::Warn),
    ("warning", Level::Warn),
    ("error", Level::Error),
    ("fatal", Level::Fatal),
    ("panic", Level::Panic),
];

impl Level {
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(_, l)| *l == self)
            .map(|(n, _)| *n)
            .unwrap_or("warn")
    }

    pub fn parse(s: &str) -> Option<Level> {
        NAMES.iter().find(|(n, _)| *n == s).map(|(_, l)| *l)
    }
}

/// The level the global options ask for (warn when neither is given), or podman's message
/// (which podman prints without `Error:` and ends with status 1).
pub fn choose(log_level: Option<&str>, debug: bool) -> Result<Level, String> {
    match (log_level, debug) {
        (Some(_), true) => Err("Setting --log-level and --debug is not allowed".into()),
        (None, true) => Ok(Level::Debug),
        (None, false) => Ok(Level::Warn),
        (Some(l), false) => Level::parse(l).ok_or_else(|| {
            let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
            format!(
                "Log Level {l:?} is not supported, choose from: {}",
                names.join(", ")
            )
        }),
    }
}

/// One log line as logrus writes it: `time="RFC3339" level=LEVEL msg="MESSAGE"` (the message
/// quoted as Go quotes it).
pub fn line(time: &str, level: Level, msg: &str) -> String {
    let quoted = serde_json::to_string(msg).unwrap_or_default();
    format!("time=\"{time}\" level={} msg={quoted}", level.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_as_podman_reads_them() {
        assert_eq!(choose(None, false), Ok(Level::Warn));
        assert_eq!(choose(None, true), Ok(Level::Debug));
        assert_eq!(choose(Some("warning"), false), Ok(Level::Warn));
        assert_eq!(choose(Some("trace"), false), Ok(Level::Trace));
        assert_eq!(
            choose(Some("telepathic"), false).unwrap_err(),
            "Log Level \"telepathic\" is not supported, choose from: trace, debug, info, warn, \
             warning, error, fatal, panic"
        );
        assert_eq!(
            choose(Some("panic"), true).unwrap_err(),
            "Setting --log-level and --debug is not allowed"
        );
        assert!(Level::Trace < Level::Debug && Level::Info < Level::Warn);
    }

    #[test]
    fn a_line_as_logrus_writes_it() {
        assert_eq!(
            line("2026-12-07T17:00:00Z", Level::Debug, "a \"b\""),
            "time=\"2026-12-07T17:00:00Z\" level=debug msg=\"a \\\"b\\\"\""
        );
    }
}
