//! User-namespace id mappings: parse `/etc/subuid`-style files (the one parser, for `nook run`
//! and `nook info` alike) and decide which maps to write.

use serde::{Deserialize, Serialize};

/// One line of a `uid_map`/`gid_map`: `inside outside count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdMapping {
    pub inside: u32,
    pub outside: u32,
    pub count: u32,
}

/// A subordinate range of the caller from `/etc/subuid` or `/etc/subgid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SubidRange {
    pub start: u32,
    pub count: u32,
}

/// A line of a subordinate-id file that names the caller but cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line} ({text:?}) is malformed: expected NAME:START:COUNT")]
pub struct SubidError {
    pub line: usize,
    pub text: String,
}

/// The caller's ranges in a subordinate-id file, matched by name or by numeric id as
/// `newuidmap` does. Lines of other users are not our business and are passed over even when
/// malformed; a malformed line that names the caller is an error, since `newuidmap` would
/// then refuse or map something other than what we planned.
pub fn parse_subid(text: &str, name: &str, id: u32) -> Result<Vec<SubidRange>, SubidError> {
    let mut ranges = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split(':');
        let owner = fields.next().unwrap_or_default();
        if owner != name && owner.parse::<u32>().ok() != Some(id) {
            continue;
        }
        let bad = || SubidError {
            line: index + 1,
            text: raw.to_string(),
        };
        let start = fields.next().and_then(|f| f.parse::<u32>().ok());
        let count = fields.next().and_then(|f| f.parse::<u32>().ok());
        match (start, count, fields.next()) {
            (Some(start), Some(count), None) if count > 0 && start.checked_add(count).is_some() => {
                ranges.push(SubidRange { start, count })
            }
            _ => return Err(bad()),
        }
    }
    Ok(ranges)
}

/// What one subordinate-id file says about the caller, as `nook info` reports it: the file,
/// whether it could be read, the caller's ranges, or why its line is unusable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Subids {
    /// The file that was read.
    pub file: String,
    /// The file exists and could be read.
    pub present: bool,
    pub ranges: Vec<SubidRange>,
    /// The caller's line is malformed (`SubidError`'s message).
    pub error: Option<String>,
}

impl Subids {
    /// The caller's ranges in the contents of `file` (`None`: it could not be read), by
    /// `parse_subid`.
    pub fn parse(file: &str, text: Option<&str>, name: &str, id: u32) -> Subids {
        let parsed = text.map(|t| parse_subid(t, name, id));
        Subids {
            file: file.to_string(),
            present: text.is_some(),
            error: parsed
                .as_ref()
                .and_then(|p| p.as_ref().err())
                .map(|e| e.to_string()),
            ranges: parsed.and_then(Result::ok).unwrap_or_default(),
        }
    }

    /// The file gives the caller at least one range and no malformed line.
    pub fn has_ranges(&self) -> bool {
        self.error.is_none() && !self.ranges.is_empty()
    }
}

/// True when the caller's own id lies inside one of its subordinate ranges: such a map would
/// give the same host id twice, and the kernel refuses overlapping maps.
pub fn overlaps_own_id(ranges: &[SubidRange], id: u32) -> bool {
    ranges
        .iter()
        .any(|r| id >= r.start && u64::from(id) < u64::from(r.start) + u64::from(r.count))
}

/// The map for one id kind. `host` is the caller's id; `keep_as` is the id it gets inside
/// (`0` by default, its own id with `--userns=keep-id`). The subordinate ranges fill every
/// other inside id in order, starting at 0 and skipping `keep_as`.
pub fn build_map(host: u32, keep_as: u32, ranges: &[SubidRange]) -> Vec<IdMapping> {
    let mut maps = vec![IdMapping {
        inside: keep_as,
        outside: host,
        count: 1,
    }];
    let mut next_inside: u32 = 0;
    for range in ranges {
        let mut outside = range.start;
        let mut left = range.count;
        while left > 0 {
            if next_inside == keep_as {
                next_inside = match next_inside.checked_add(1) {
                    Some(n) => n,
                    None => return sorted(maps),
                };
            }
            // A piece ends at the kept id (if it lies ahead) or when the range runs out.
            let room = if keep_as > next_inside {
                keep_as - next_inside
            } else {
                u32::MAX - next_inside
            };
            let count = left.min(room);
            if count == 0 {
                break;
            }
            maps.push(IdMapping {
                inside: next_inside,
                outside,
                count,
            });
            next_inside += count;
            outside += count;
            left -= count;
        }
    }
    sorted(maps)
}

fn sorted(mut maps: Vec<IdMapping>) -> Vec<IdMapping> {
    maps.sort_by_key(|m| m.inside);
    maps
}

/// The single mapping used without subordinate ids: the caller alone.
pub fn single_map(host: u32, keep_as: u32) -> Vec<IdMapping> {
    vec![IdMapping {
        inside: keep_as,
        outside: host,
        count: 1,
    }]
}

/// Arguments for `newuidmap`/`newgidmap` after the pid: `inside outside count` triples.
pub fn helper_args(maps: &[IdMapping]) -> Vec<String> {
    maps.iter()
        .flat_map(|m| [m.inside, m.outside, m.count])
        .map(|n| n.to_string())
        .collect()
}

/// The text written to `/proc/PID/uid_map` when the map is written directly.
pub fn map_file_text(maps: &[IdMapping]) -> String {
    maps.iter()
        .map(|m| format!("{} {} {}\n", m.inside, m.outside, m.count))
        .collect()
}

/// The maps of a `/proc/PID/uid_map` (or `gid_map`) as the kernel prints them; lines that
/// do not parse are left out.
pub fn parse_map_file(text: &str) -> Vec<IdMapping> {
    text.lines()
        .filter_map(|line| {
            let mut n = line.split_whitespace().map(|f| f.parse::<u32>().ok());
            Some(IdMapping {
                inside: n.next()??,
                outside: n.next()??,
                count: n.next()??,
            })
        })
        .collect()
}

/// Whether container id `id` has a host id under `maps`.
pub fn is_mapped(maps: &[IdMapping], id: u32) -> bool {
    maps.iter()
        .any(|m| id >= m.inside && u64::from(id) < u64::from(m.inside) + u64::from(m.count))
}

#[cfg(test)]
mod tests {
    #[test]
    fn proc_maps_parse_as_the_kernel_prints_them() {
        let text = "         0       1000          1\n         1     100000      65536\n";
        assert_eq!(
            parse_map_file(text),
            vec![
                IdMapping {
                    inside: 0,
                    outside: 1000,
                    count: 1
                },
                IdMapping {
                    inside: 1,
                    outside: 100000,
                    count: 65536
                },
            ]
        );
        assert_eq!(
            parse_map_file(&map_file_text(&parse_map_file(text))),
            parse_map_file(text)
        );
        assert!(parse_map_file("").is_empty());
        assert!(parse_map_file("0 1000\n").is_empty());
    }

    use super::*;

    fn m(inside: u32, outside: u32, count: u32) -> IdMapping {
        IdMapping {
            inside,
            outside,
            count,
        }
    }

    #[test]
    fn parses_by_name_and_by_uid() {
        let text = "# comment\nbob:1:2\nalice:100000:65536\n\n1000:300000:10\n";
        let got = parse_subid(text, "alice", 1000).unwrap();
        assert_eq!(
            got,
            vec![
                SubidRange {
                    start: 100000,
                    count: 65536
                },
                SubidRange {
                    start: 300000,
                    count: 10
                }
            ]
        );
    }

    #[test]
    fn no_line_is_no_range() {
        assert!(parse_subid("bob:1:2\n", "alice", 1000).unwrap().is_empty());
        assert!(parse_subid("", "alice", 1000).unwrap().is_empty());
    }

    #[test]
    fn malformed_line_of_the_caller_is_an_error() {
        for bad in [
            "alice:abc:10",
            "alice:100000",
            "alice:1:2:3",
            "alice:1:0",
            "alice:4294967295:2",
        ] {
            let err = parse_subid(&format!("bob:1:2\n{bad}\n"), "alice", 1000).unwrap_err();
            assert_eq!(err.line, 2, "{bad}");
        }
    }

    #[test]
    fn malformed_line_of_another_user_is_ignored() {
        let got = parse_subid("garbage\nbob:x:y\nalice:5:6\n", "alice", 1000).unwrap();
        assert_eq!(got, vec![SubidRange { start: 5, count: 6 }]);
    }

    #[test]
    fn a_file_is_reported_as_present_with_ranges_or_with_its_error() {
        let s = Subids::parse("/etc/subuid", Some("alice:100000:65536\n"), "alice", 1000);
        assert!(s.present);
        assert_eq!(s.file, "/etc/subuid");
        assert_eq!(
            s.ranges,
            [SubidRange {
                start: 100000,
                count: 65536
            }]
        );
        assert!(s.has_ranges());

        let s = Subids::parse("/etc/subuid", Some("alice:x:1\n"), "alice", 1000);
        assert_eq!(
            s.error.as_deref(),
            Some("line 1 (\"alice:x:1\") is malformed: expected NAME:START:COUNT")
        );
        assert!(s.ranges.is_empty() && s.present && !s.has_ranges());

        let s = Subids::parse("/etc/subgid", None, "alice", 1000);
        assert_eq!(
            s,
            Subids {
                file: "/etc/subgid".into(),
                ..Subids::default()
            }
        );
        assert!(!s.has_ranges());
        assert!(!Subids::parse("/etc/subgid", Some("bob:1:2\n"), "alice", 1000).has_ranges());
    }

    #[test]
    fn default_map_is_caller_then_range() {
        let r = [SubidRange {
            start: 100000,
            count: 65536,
        }];
        assert_eq!(
            build_map(1000, 0, &r),
            vec![m(0, 1000, 1), m(1, 100000, 65536)]
        );
    }

    #[test]
    fn several_ranges_are_contiguous_inside() {
        let r = [
            SubidRange {
                start: 100000,
                count: 10,
            },
            SubidRange {
                start: 200000,
                count: 5,
            },
        ];
        assert_eq!(
            build_map(1000, 0, &r),
            vec![m(0, 1000, 1), m(1, 100000, 10), m(11, 200000, 5)]
        );
    }

    #[test]
    fn keep_id_splits_the_range_around_the_caller() {
        let r = [SubidRange {
            start: 100000,
            count: 65536,
        }];
        assert_eq!(
            build_map(1000, 1000, &r),
            vec![m(0, 100000, 1000), m(1000, 1000, 1), m(1001, 101000, 64536)]
        );
    }

    #[test]
    fn keep_id_with_a_small_range() {
        let r = [SubidRange {
            start: 100000,
            count: 10,
        }];
        assert_eq!(
            build_map(1000, 1000, &r),
            vec![m(0, 100000, 10), m(1000, 1000, 1)]
        );
    }

    #[test]
    fn helper_args_and_file_text() {
        let maps = [m(0, 1000, 1), m(1, 100000, 65536)];
        assert_eq!(
            helper_args(&maps),
            ["0", "1000", "1", "1", "100000", "65536"]
        );
        assert_eq!(map_file_text(&maps), "0 1000 1\n1 100000 65536\n");
    }

    #[test]
    fn own_id_inside_range_is_detected() {
        let r = [SubidRange {
            start: 900,
            count: 200,
        }];
        assert!(overlaps_own_id(&r, 1000));
        assert!(!overlaps_own_id(&r, 1100));
    }

    #[test]
    fn mapped_ids() {
        let maps = [m(0, 1000, 1), m(1, 100000, 65536)];
        assert!(is_mapped(&maps, 0));
        assert!(is_mapped(&maps, 5));
        assert!(!is_mapped(&maps, 65537));
        assert!(!is_mapped(&single_map(1000, 0), 5));
    }
}
