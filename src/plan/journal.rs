//! A journald container's output read back: the `journalctl` arguments that select its
//! entries (the `CONTAINER_ID_FULL` field nook writes with each line) and its JSON export
//! (`-o json`, one object a line) parsed into log entries. Pure.

use serde_json::Value;

use super::life::{LogEntry, Stream};

/// The arguments of `journalctl` for the entries of container `id`, after `cursor` when
/// given (a follower's next step). No `--user`: that opens the user's own journal file only,
/// and a journal that does not split by user keeps the lines in the system's (journalctl
/// opens every file the caller may read).
pub fn journalctl_args(id: &str, cursor: Option<&str>) -> Vec<String> {
    let mut args = vec![
        "--no-pager".to_string(),
        "-q".to_string(),
        "-o".to_string(),
        "json".to_string(),
    ];
    if let Some(c) = cursor {
        args.push(format!("--after-cursor={c}"));
    }
    args.push(format!("CONTAINER_ID_FULL={id}"));
    args
}

/// One line of `journalctl -o json`: the entry (none when it has no message, as journald
/// leaves out a message too large to show) and its cursor. MESSAGE is a string, or an
/// array of bytes when it is not UTF-8; stderr lines carry PRIORITY 3 (as nook and podman
/// write them); `CONTAINER_PARTIAL_MESSAGE=true` marks a line without its newline.
pub fn parse_json_line(line: &str) -> Option<(Option<LogEntry>, Option<String>)> {
    let v: Value = serde_json::from_str(line).ok()?;
    let obj = v.as_object()?;
    let cursor = obj
        .get("__CURSOR")
        .and_then(Value::as_str)
        .map(str::to_string);
    let content = match obj.get("MESSAGE") {
        Some(Value::String(s)) => Some(s.as_bytes().to_vec()),
        Some(Value::Array(bytes)) => bytes
            .iter()
            .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect::<Option<Vec<u8>>>(),
        _ => None,
    };
    let field = |key: &str| obj.get(key).and_then(Value::as_str);
    let entry = content.map(|content| LogEntry {
        ns: field("__REALTIME_TIMESTAMP")
            .and_then(|us| us.parse::<u64>().ok())
            .map_or(0, |us| us.saturating_mul(1000)),
        stream: match field("PRIORITY").and_then(|p| p.parse::<u8>().ok()) {
            Some(p) if p <= 3 => Stream::Stderr,
            _ => Stream::Stdout,
        },
        partial: field("CONTAINER_PARTIAL_MESSAGE") == Some("true"),
        content,
    });
    Some((entry, cursor))
}

/// Every entry of a `journalctl -o json` output, and the last cursor in it.
pub fn parse_json(text: &str) -> (Vec<LogEntry>, Option<String>) {
    let (mut entries, mut last) = (Vec::new(), None);
    for (entry, cursor) in text.lines().filter_map(parse_json_line) {
        entries.extend(entry);
        last = cursor.or(last);
    }
    (entries, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arguments_select_the_container_and_go_on_after_a_cursor() {
        assert_eq!(
            journalctl_args("abc", None),
            ["--no-pager", "-q", "-o", "json", "CONTAINER_ID_FULL=abc"]
        );
        assert_eq!(
            journalctl_args("abc", Some("s=1;i=2"))[4],
            "--after-cursor=s=1;i=2"
        );
    }

    #[test]
    fn json_lines_become_entries_with_stream_time_and_cursor() {
        let text = concat!(
            r#"{"__CURSOR":"c1","__REALTIME_TIMESTAMP":"1700000000123456","PRIORITY":"6","MESSAGE":"hello","CONTAINER_ID_FULL":"abc"}"#,
            "\n",
            r#"{"__CURSOR":"c2","__REALTIME_TIMESTAMP":"1700000000200000","PRIORITY":"3","MESSAGE":[104,105,255]}"#,
            "\n",
            r#"{"__CURSOR":"c3","__REALTIME_TIMESTAMP":"1700000000300000","MESSAGE":null}"#,
            "\n",
            r#"{"__CURSOR":"c4","PRIORITY":"6","MESSAGE":"part","CONTAINER_PARTIAL_MESSAGE":"true"}"#,
            "\n",
            "not json\n",
        );
        let (entries, cursor) = parse_json(text);
        assert_eq!(cursor.as_deref(), Some("c4"));
        assert_eq!(entries.len(), 3, "the entry without a message is left out");
        assert_eq!(entries[0].content, b"hello");
        assert_eq!(entries[0].stream, Stream::Stdout);
        assert_eq!(entries[0].ns, 1_700_000_000_123_456_000);
        assert!(!entries[0].partial);
        assert_eq!(entries[1].content, [104, 105, 255], "a message in bytes");
        assert_eq!(entries[1].stream, Stream::Stderr);
        assert!(entries[2].partial);
        assert_eq!(parse_json(""), (Vec::new(), None));
    }
}
