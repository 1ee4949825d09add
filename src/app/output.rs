//! What the commands print and how: standard output that tolerates a closed pipe, JSON,
//! aligned tables and ages (sizes are `plan::units`, shared with the pull's progress bars).

use std::io::Write;

use crate::error::{Error, Result};

/// Write `text` to standard output; returns the exit code 0.
pub fn print(text: &str) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(0),
        // A closed pipe (nook info | head) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(Error::io("cannot write to standard output", e)),
    }
}

/// `value` as pretty JSON, with a final newline.
pub fn json(value: &impl serde::Serialize) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(value).unwrap_or_default()
    )
}

/// Rows as columns two spaces apart, each as wide as its widest cell (the first row is the
/// heading), lines without trailing blanks.
pub fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let widths: Vec<usize> = (0..N)
        .map(|c| rows.iter().map(|r| r[c].len()).max().unwrap_or(0) + 2)
        .collect();
    rows.iter()
        .map(|r| {
            let line: String = (0..N)
                .map(|c| format!("{:<w$}", r[c], w = widths[c]))
                .collect();
            line.trim_end().to_string() + "\n"
        })
        .collect()
}

/// Seconds since the epoch (0 if the clock is before it).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// How long ago `then` was at `now` (seconds since the epoch), as podman says it: `30
/// seconds ago`, `3 weeks ago`, `13 months ago`.
pub fn ago(then: i64, now: i64) -> String {
    let s = (now - then).max(0);
    match s {
        0..60 => format!("{s} seconds ago"),
        60..3600 => format!("{} minutes ago", s / 60),
        // As podman (go-units): hours up to two days, then days.
        3600..172800 => format!("{} hours ago", s / 3600),
        172800..1209600 => format!("{} days ago", s / 86400),
        1209600..5184000 => format!("{} weeks ago", s / 604800),
        5184000..63072000 => format!("{} months ago", s / 2592000),
        _ => format!("{} years ago", s / 31536000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_like_podmans() {
        assert_eq!(ago(0, 30), "30 seconds ago");
        assert_eq!(ago(100, 30), "0 seconds ago");
        assert_eq!(ago(0, 150), "2 minutes ago");
        assert_eq!(ago(0, 5 * 3600), "5 hours ago");
        // Not "1 days ago".
        assert_eq!(ago(0, 30 * 3600), "30 hours ago");
        assert_eq!(ago(0, 3 * 86400), "3 days ago");
        assert_eq!(ago(0, 21 * 86400), "3 weeks ago");
        // nook ps said "400 days ago" here.
        assert_eq!(ago(0, 400 * 86400), "13 months ago");
        assert_eq!(ago(0, 3 * 365 * 86400), "3 years ago");
    }

    #[test]
    fn tables_align_their_columns() {
        let rows = [
            ["REPOSITORY".to_string(), "TAG".into(), "SIZE".into()],
            ["localhost/a".into(), "latest".into(), "1 MB".into()],
        ];
        assert_eq!(
            table(&rows),
            "REPOSITORY   TAG     SIZE\nlocalhost/a  latest  1 MB\n"
        );
    }

    #[test]
    fn json_ends_with_a_newline() {
        assert_eq!(json(&serde_json::json!({"a": 1})), "{\n  \"a\": 1\n}\n");
        assert_eq!(json(&Vec::<u8>::new()), "[]\n");
    }
}
