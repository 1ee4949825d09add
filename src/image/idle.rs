//! Idle limits on registry transfers, the pure parts: how long a registry may send (next to)
//! nothing before an attempt counts as stalled (`NOOK_NETWORK_TIMEOUT`), the window that
//! measures it, the backoff between attempts and the message when every attempt stalled.
//! `client.rs` applies them to every request and every body read (manifests, tokens, blobs).

use std::time::Duration;

/// The environment variable that sets the limit, in seconds.
pub const ENV: &str = "NOOK_NETWORK_TIMEOUT";

/// How long a registry may send nothing (or a trickle) when `NOOK_NETWORK_TIMEOUT` is unset.
pub const DEFAULT: Duration = Duration::from_secs(60);

/// Fewer bytes than this within the limit is no progress: a registry that trickles a byte now
/// and then has stalled too (as with curl's `--speed-limit` and `--speed-time`).
pub const MIN_PROGRESS: u64 = 1024;

/// The largest limit accepted: a day.
const MAX_SECONDS: u64 = 24 * 3600;

/// The limit from the value of `NOOK_NETWORK_TIMEOUT` (unset or empty: the default). Err: the
/// one-line reason.
pub fn parse_limit(value: Option<&str>) -> Result<Duration, String> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(DEFAULT);
    };
    match v.parse::<u64>() {
        Ok(s) if (1..=MAX_SECONDS).contains(&s) => Ok(Duration::from_secs(s)),
        _ => Err(format!(
            "invalid {ENV}={v:?}: expected whole seconds from 1 to {MAX_SECONDS}, how long a registry may send nothing (default {}; e.g. {ENV}=300 for a slow link)",
            DEFAULT.as_secs()
        )),
    }
}

/// The progress of one transfer, measured over the time spent waiting for the network only
/// (not the time the reader spends elsewhere, e.g. writing or unpacking what it read).
#[derive(Debug, Clone)]
pub struct Window {
    limit: Duration,
    waited: Duration,
    bytes: u64,
}

impl Window {
    pub fn new(limit: Duration) -> Window {
        Window {
            limit,
            waited: Duration::ZERO,
            bytes: 0,
        }
    }

    /// Records a read that waited `took` and brought `n` bytes (0: the end of the data).
    /// Returns true when the transfer has stalled: fewer than `MIN_PROGRESS` bytes while
    /// waiting `limit` since the last time it made that much progress.
    pub fn record(&mut self, n: usize, took: Duration) -> bool {
        self.waited += took;
        self.bytes += n as u64;
        if self.bytes >= MIN_PROGRESS {
            self.waited = Duration::ZERO;
            self.bytes = 0;
            return false;
        }
        n > 0 && self.waited >= self.limit
    }
}

/// The pause after failed attempt `attempt` (counted from 0) before the next: 0.2 s, doubled
/// each time, at most 6.4 s.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(200 << attempt.min(5))
}

/// The one line for a transfer that stalled on every attempt: names the registry, what it was
/// doing, and what the user can do.
pub fn stalled(registry: &str, what: &str, limit: Duration, attempts: u32) -> String {
    let tries = if attempts == 1 {
        "once".to_string()
    } else {
        format!("{attempts} times")
    };
    format!(
        "registry {registry} stopped sending ({what}: less than 1 KiB in {} s, tried {tries}): check the network or try again later; on a slow link allow more time with {ENV}=SECONDS (default {})",
        limit.as_secs(),
        DEFAULT.as_secs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn the_limit_comes_from_the_environment() {
        assert_eq!(parse_limit(None), Ok(DEFAULT));
        assert_eq!(parse_limit(Some("")), Ok(DEFAULT));
        assert_eq!(parse_limit(Some(" 300 ")), Ok(300 * S));
        assert_eq!(parse_limit(Some("1")), Ok(S));
        for bad in ["0", "-5", "1.5", "10s", "abc", "86401"] {
            let e = parse_limit(Some(bad)).unwrap_err();
            assert!(e.starts_with(&format!("invalid {ENV}=")), "{e}");
            assert!(!e.contains('\n'));
        }
    }

    #[test]
    fn silence_for_the_limit_is_a_stall() {
        let mut w = Window::new(2 * S);
        assert!(!w.record(4096, S / 10));
        assert!(!w.record(100, S));
        // The read that waited past the limit with nothing new.
        assert!(!w.record(0, S), "the end of the data is not a stall");
        assert!(w.record(1, S));
    }

    #[test]
    fn a_trickle_is_a_stall_too() {
        // A byte every half second: 2 bytes a second never makes 1 KiB in 2 s.
        let mut w = Window::new(2 * S);
        let stalled_at = (1..=10).find(|_| w.record(1, S / 2));
        assert_eq!(stalled_at, Some(4));
        // 600 bytes a second is slow but progress: 1 KiB within every 2 s.
        let mut w = Window::new(2 * S);
        assert!((0..100).all(|_| !w.record(600, S)));
    }

    #[test]
    fn progress_restarts_the_window() {
        let mut w = Window::new(10 * S);
        assert!(!w.record(1000, 9 * S));
        // 1 KiB reached: the 9 s waited so far no longer count.
        assert!(!w.record(100, S / 2));
        assert!(!w.record(10, 9 * S));
        assert!(w.record(10, S));
    }

    #[test]
    fn time_not_spent_waiting_does_not_count() {
        // Reads that return at once (buffered data) never stall, however long the reader
        // takes between them.
        let mut w = Window::new(S);
        assert!((0..10_000).all(|_| !w.record(1, Duration::ZERO)));
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let pauses: Vec<u128> = (0..8).map(|a| backoff(a).as_millis()).collect();
        assert_eq!(pauses, [200, 400, 800, 1600, 3200, 6400, 6400, 6400]);
    }

    #[test]
    fn the_stall_message_is_one_line_with_the_fix() {
        let m = stalled("127.0.0.1:5000", "downloading sha256:ab", 2 * S, 4);
        assert_eq!(
            m,
            "registry 127.0.0.1:5000 stopped sending (downloading sha256:ab: less than 1 KiB in 2 s, tried 4 times): check the network or try again later; on a slow link allow more time with NOOK_NETWORK_TIMEOUT=SECONDS (default 60)"
        );
        assert!(stalled("r", "w", S, 1).contains("tried once"));
    }
}
