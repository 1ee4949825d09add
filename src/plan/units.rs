//! PURE: sizes written for people, in the form each reader expects. Three forms, not one,
//! because they follow what podman shows in the same place:
//! - `decimal`: the tables of `nook images` and `nook system prune`: SI units, three
//!   significant digits (`4.52 MB`), as podman's.
//! - `binary`: limits and usage after a run (the OOM line, `--stats`): binary units, whole
//!   when exact (`64 MiB`, `1.5 GiB`), as limits are given (`--memory 64m`).
//! - `binary_compact`: a pull's progress bars, as podman draws them: one decimal, no space
//!   (`12.3MiB`).

const BINARY: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];

/// SI units, three significant digits: `999 B`, `12.3 kB`, `4.52 MB`, `125 MB`.
pub fn decimal(bytes: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1000.0 && u < units.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        return format!("{bytes} B");
    }
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {}", units[u])
}

/// `bytes` in the largest binary unit that keeps it at least 1 as one decimal shows it
/// (1023.96 KiB is `1.0 MiB`, not `1024.0 KiB`), with that unit's index in `BINARY`; none
/// below 1 KiB.
fn in_binary_unit(bytes: u64) -> Option<(f64, usize)> {
    if bytes < 1024 {
        return None;
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1023.95 && unit + 1 < BINARY.len() {
        value /= 1024.0;
        unit += 1;
    }
    Some((value, unit))
}

/// Binary units, whole when exact: `100 B`, `64 MiB`, `1.5 GiB`.
pub fn binary(bytes: u64) -> String {
    match in_binary_unit(bytes) {
        None => format!("{bytes} B"),
        Some((value, unit)) => {
            let size = 1u64 << (10 * (unit + 1));
            match bytes.is_multiple_of(size) {
                true => format!("{} {}", bytes / size, BINARY[unit]),
                false => format!("{value:.1} {}", BINARY[unit]),
            }
        }
    }
}

/// Binary units with one decimal and no space: `512B`, `1.5KiB`, `12.3MiB`.
pub fn binary_compact(bytes: u64) -> String {
    match in_binary_unit(bytes) {
        None => format!("{bytes}B"),
        Some((value, unit)) => format!("{value:.1}{}", BINARY[unit]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_sizes_read_like_podmans_tables() {
        assert_eq!(decimal(0), "0 B");
        assert_eq!(decimal(999), "999 B");
        assert_eq!(decimal(12_340), "12.3 kB");
        assert_eq!(decimal(4_520_000), "4.52 MB");
        assert_eq!(decimal(124_800_000), "125 MB");
    }

    #[test]
    fn binary_sizes_are_whole_when_exact() {
        assert_eq!(binary(100), "100 B");
        assert_eq!(binary(64 << 20), "64 MiB");
        assert_eq!(binary(3 << 29), "1.5 GiB");
        assert_eq!(binary(8 << 20), "8 MiB");
        // Just under 1 MiB: one decimal shows it as 1.0 MiB, not 1024.0 KiB.
        assert_eq!(binary((1 << 20) - 1), "1.0 MiB");
        assert_eq!(binary(5 << 40), "5 TiB");
    }

    #[test]
    fn compact_sizes_read_like_podmans_progress_bars() {
        assert_eq!(binary_compact(0), "0B");
        assert_eq!(binary_compact(1023), "1023B");
        assert_eq!(binary_compact(1024), "1.0KiB");
        assert_eq!(binary_compact(1536), "1.5KiB");
        assert_eq!(binary_compact(12_897_485), "12.3MiB");
        assert_eq!(binary_compact(1024 * 1024 - 1), "1.0MiB");
        assert_eq!(binary_compact(3 << 30), "3.0GiB");
        assert_eq!(binary_compact(u64::MAX), "16777216.0TiB");
    }
}
