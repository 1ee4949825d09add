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

/// One `--uidmap`/`--gidmap` value, `CONTAINER:FROM:COUNT`, FROM an id of the caller's
/// own range (0: the caller, 1 on: its subordinate ids in order), as rootless podman reads it.
pub fn parse_map(flag: &str, spec: &str) -> Result<IdMapping, String> {
    let n: Vec<Option<u32>> = spec.split(':').map(|f| f.trim().parse().ok()).collect();
    match n.as_slice() {
        [Some(inside), Some(outside), Some(count)]
            if *count > 0
                && inside.checked_add(*count).is_some()
                && outside.checked_add(*count).is_some() =>
        {
            Ok(IdMapping {
                inside: *inside,
                outside: *outside,
                count: *count,
            })
        }
        _ => Err(format!(
            "invalid {flag} {spec:?}: use CONTAINER:FROM:COUNT (FROM 0 is you, 1 on your subordinate ids), as in 0:1:65536"
        )),
    }
}

/// Maps whose `outside` ids are ids of the caller's range (as `--uidmap` gives them) as maps
/// to host ids, through `default` (the caller's default map, 0 the caller and 1 on the
/// subordinate ids), split where its pieces end. An id beyond the range is an error.
pub fn translate(
    flag: &str,
    maps: &[IdMapping],
    default: &[IdMapping],
) -> Result<Vec<IdMapping>, String> {
    let total: u64 = default.iter().map(|m| u64::from(m.count)).sum();
    let mut out = Vec::new();
    for m in maps {
        if u64::from(m.outside) + u64::from(m.count) > total {
            return Err(format!(
                "{flag} {}:{}:{}: your range has ids 0 to {} only (0 is you, then /etc/subuid and /etc/subgid): map fewer ids",
                m.inside,
                m.outside,
                m.count,
                total.saturating_sub(1)
            ));
        }
        let (mut inside, mut from, mut left) = (m.inside, m.outside, m.count);
        while left > 0 {
            let Some(piece) = default.iter().find(|d| {
                from >= d.inside && u64::from(from) < u64::from(d.inside) + u64::from(d.count)
            }) else {
                return Err(format!("{flag}: id {from} of your range is not mapped"));
            };
            let count = left.min(piece.inside + (piece.count - 1) - from + 1);
            out.push(IdMapping {
                inside,
                outside: piece.outside + (from - piece.inside),
                count,
            });
            inside += count;
            from += count;
            left -= count;
        }
    }
    out.sort_by_key(|m| m.inside);
    if out
        .windows(2)
        .any(|w| u64::from(w[0].inside) + u64::from(w[0].count) > u64::from(w[1].inside))
    {
        return Err(format!(
            "{flag}: two maps give the same container id: make them disjoint"
        ));
    }
    Ok(out)
}

/// `--userns=auto`: the first `size` ids of the caller's subordinate ids (its range from 1
/// on) that overlap no host id of `taken` (the maps of the other running `auto`
/// containers), as a map from container id 0.
pub fn auto_map(size: u32, default: &[IdMapping], taken: &[IdMapping]) -> Option<Vec<IdMapping>> {
    let total: u64 = default.iter().map(|m| u64::from(m.count)).sum();
    let hosts = |maps: &[IdMapping]| -> Vec<(u64, u64)> {
        maps.iter()
            .map(|m| {
                (
                    u64::from(m.outside),
                    u64::from(m.outside) + u64::from(m.count),
                )
            })
            .collect()
    };
    let taken = hosts(taken);
    let mut start: u64 = 1;
    while start + u64::from(size) <= total {
        let want = [IdMapping {
            inside: 0,
            outside: start as u32,
            count: size,
        }];
        let map = translate("--userns=auto", &want, default).ok()?;
        match hosts(&map)
            .iter()
            .flat_map(|(a, b)| taken.iter().filter(move |(c, d)| a < d && c < b))
            .map(|(_, d)| *d)
            .max()
        {
            None => return Some(map),
            // Past the end of the block it overlaps, in the caller's range.
            Some(_) => start += u64::from(size),
        }
    }
    None
}

/// The service of the `subid:` line of an nsswitch.conf (`None`: no such line, or `files`,
/// which means /etc/subuid and /etc/subgid as always).
pub fn nsswitch_subid(text: &str) -> Option<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .find_map(|l| l.strip_prefix("subid:"))
        .and_then(|v| v.split_whitespace().next())
        .filter(|s| *s != "files")
        .map(str::to_string)
}

/// `getsubids [-g] NAME`'s output (`0: NAME START COUNT` lines) as /etc/subuid lines, so that
/// one parser reads both.
pub fn getsubids_as_file(output: &str) -> String {
    output
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            match f.as_slice() {
                [index, owner, start, count] if index.ends_with(':') => {
                    Some(format!("{owner}:{start}:{count}\n"))
                }
                _ => None,
            }
        })
        .collect()
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
    fn explicit_maps_go_through_the_callers_range() {
        let default = [m(0, 1000, 1), m(1, 100000, 10), m(11, 200000, 100)];
        let want = [
            parse_map("--uidmap", "0:0:1").unwrap(),
            parse_map("--uidmap", "1:5:10").unwrap(),
        ];
        assert_eq!(
            translate("--uidmap", &want, &default).unwrap(),
            vec![m(0, 1000, 1), m(1, 100004, 6), m(7, 200000, 4)]
        );
        assert!(
            translate("--uidmap", &[m(0, 100, 20)], &default)
                .unwrap_err()
                .contains("0 to 110")
        );
        assert!(translate("--uidmap", &[m(0, 1, 2), m(1, 5, 1)], &default).is_err());
        for bad in ["0:1", "a:1:2", "0:1:0", "0:1:2:3"] {
            assert!(parse_map("--uidmap", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn auto_takes_a_block_no_other_auto_container_has() {
        let default = [m(0, 1000, 1), m(1, 100000, 65536)];
        let first = auto_map(1024, &default, &[]).unwrap();
        assert_eq!(first, vec![m(0, 100000, 1024)]);
        let second = auto_map(1024, &default, &first).unwrap();
        assert_eq!(second, vec![m(0, 101024, 1024)]);
        assert!(auto_map(65536, &default, &first).is_none());
        assert!(auto_map(70000, &default, &[]).is_none());
    }

    #[test]
    fn subordinate_ids_from_nss() {
        assert_eq!(
            nsswitch_subid("passwd: files\nsubid: sss\n").as_deref(),
            Some("sss")
        );
        assert_eq!(nsswitch_subid("subid:   files\n"), None);
        assert_eq!(nsswitch_subid("# subid: sss\npasswd: files\n"), None);
        let text = getsubids_as_file("0: alice 100000 65536\n1: alice 300000 10\n");
        assert_eq!(text, "alice:100000:65536\nalice:300000:10\n");
        assert_eq!(parse_subid(&text, "alice", 1000).unwrap().len(), 2);
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
