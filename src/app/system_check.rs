//! The story of `nook system check [--repair] [--quick]` (podman 5's command): scan the store
//! and the volumes (`store::check_scan`), decide what is wrong (`store::check`, pure), add
//! the containers' records whose containers are gone, print it all as podman does, and with
//! `--repair` fix it (`store::check_repair`, `Containers::reap_stale`) and check again.
//! Exits 125 when damage is found and not repaired.

use std::collections::BTreeSet;
use std::path::Path;

use nix::unistd::getuid;

use super::images::used_by_containers;
use super::output::print;
use crate::cli::SystemCheckArgs;
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::host::state::{ContainerRecord, Containers};
use crate::store::check::{self, Finding, Fix, Rules, Subject, short};
use crate::store::{Store, check_repair, check_scan, location};

/// `--max`: seconds, from `90`, `90s`, `10m`, `2h`, `1d`.
pub fn parse_max(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let (num, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => t.split_at(at),
        None => (t, "s"),
    };
    let n: u64 = num.parse().map_err(|_| bad_max(text))?;
    let per = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => return Err(bad_max(text)),
    };
    Ok(n.saturating_mul(per))
}

fn bad_max(text: &str) -> String {
    format!("invalid --max {text:?}: give a duration such as 30s, 10m or 1h")
}

/// Why a container's record is left of a container that is gone (None: it is not).
/// `record`: whether it asked `--rm` (None: no record), `running`: its lock is held, `age`:
/// seconds since its directory was made.
pub fn gone(record: Option<bool>, running: bool, age: u64) -> Option<&'static str> {
    match (record, running) {
        (_, true) => None,
        (Some(true), false) => Some("its nook run --rm was killed: nothing runs it"),
        (Some(false), false) => None,
        (None, false) if age > 60 => Some("it has no record: its creation was killed"),
        (None, false) => None,
    }
}

/// The title of a finding, as podman's report names them.
fn title(f: &Finding) -> String {
    match (&f.subject, &f.fix) {
        (Subject::Index, _) => "Damaged image index".into(),
        (Subject::Image(id), Fix::RecordSizes(_)) => format!("Wrong sizes of image {id}"),
        (Subject::Image(id), _) => format!("Damaged image {id}"),
        (Subject::Layer(d), Fix::RemoveLayer) => format!("Unused layer {}", short(d)),
        (Subject::Layer(d), _) => format!("Damaged layer {}", short(d)),
        (Subject::Blob(d), _) => format!("Unused blob {d}"),
        (Subject::Leftover(p), _) => format!("Leftover {p}"),
        (Subject::Volume(n), _) => format!("Damaged volume {n}"),
    }
}

/// What the check prints: each finding with its problems, then each gone container.
pub fn report(findings: &[Finding], containers: &[(String, &str)]) -> String {
    let mut text = String::new();
    for f in findings {
        text += &format!("{}:\n", title(f));
        for p in &f.problems {
            text += &format!("  * {p}\n");
        }
        if let Fix::Leave(why) = &f.fix {
            text += &format!("  (not repaired: {why})\n");
        }
    }
    for (id, why) in containers {
        text += &format!("Damaged container {id}:\n  * {why}\n");
    }
    text
}

/// Containers whose records are left of containers that are gone: (id, why).
type Gone = Vec<(String, &'static str)>;

fn gone_containers(state: &Containers) -> Gone {
    let age = |dir: &Path| {
        std::fs::metadata(dir)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .map_or(0, |d| d.as_secs())
    };
    state
        .list()
        .into_iter()
        .filter_map(|(dir, record, running)| {
            let why = gone(record.as_ref().map(|r| r.remove), running, age(&dir))?;
            let id = record.map(|r: ContainerRecord| r.id).unwrap_or_else(|| {
                dir.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            Some((id, why))
        })
        .collect()
}

pub fn check(args: &SystemCheckArgs) -> Result<u8> {
    let max_age = parse_max(&args.max).map_err(Error::Usage)?;
    let store = Store::open()?;
    let volumes = location::locate()?.volumes;
    let volumes = volumes.is_dir().then_some(volumes.as_path());
    let state = Containers::open(getuid().as_raw())?;
    let look = |full: bool| -> Result<(Vec<Finding>, Gone)> {
        let in_use: BTreeSet<String> = used_by_containers(store.root()).into_keys().collect();
        let scan = check_scan::scan(&store, volumes, full)?;
        let rules = Rules { max_age, in_use };
        Ok((check::findings(&scan, &rules), gone_containers(&state)))
    };
    let (findings, gone) = look(!args.quick)?;
    print(&report(&findings, &gone))?;
    if findings.is_empty() && gone.is_empty() {
        return Ok(0);
    }
    if !args.repair {
        return Err(Error::Usage(
            "damage detected in local storage (listed above): nook system check --repair removes damaged images and leftovers and writes wrong records anew".into(),
        ));
    }
    let mut done = check_repair::repair(&store, volumes, &findings, &HostUserns)?;
    if !gone.is_empty() {
        state.reap_stale();
        done.extend(
            gone.iter()
                .map(|(id, _)| format!("Deleted damaged container: {id}")),
        );
    }
    print(&done.iter().map(|l| format!("{l}\n")).collect::<String>())?;
    // What the repair did is checked again (blobs read in full were removed or kept whole).
    let (left, gone) = look(false)?;
    if !left.is_empty() || !gone.is_empty() {
        print(&report(&left, &gone))?;
        return Err(Error::Usage(
            "damage in local storage still present after repair attempt (listed above): remove what uses it, then check again".into(),
        ));
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_ages_read_as_podman_durations() {
        assert_eq!(parse_max("0"), Ok(0));
        assert_eq!(parse_max("90s"), Ok(90));
        assert_eq!(parse_max("10m"), Ok(600));
        assert_eq!(parse_max("2h"), Ok(7200));
        assert!(parse_max("ten").unwrap_err().contains("30s, 10m or 1h"));
        assert!(parse_max("5y").is_err());
    }

    #[test]
    fn a_record_is_gone_when_nothing_runs_its_rm_container() {
        assert_eq!(gone(Some(true), true, 999), None);
        assert!(gone(Some(true), false, 0).is_some_and(|w| w.contains("--rm was killed")));
        assert_eq!(
            gone(Some(false), false, 999),
            None,
            "a kept container stays"
        );
        assert_eq!(gone(None, false, 10), None, "being created");
        assert!(gone(None, false, 61).is_some());
        assert_eq!(gone(None, true, 999), None);
    }

    #[test]
    fn the_report_reads_like_podmans() {
        let f = vec![
            Finding {
                subject: Subject::Image("ab".repeat(32)),
                problems: vec!["manifest sha256:x is missing".into()],
                fix: Fix::RemoveImage,
            },
            Finding {
                subject: Subject::Leftover("tmp/blob-1-2-3".into()),
                problems: vec!["a temporary blob of a nook that is gone".into()],
                fix: Fix::RemoveFile { userns: false },
            },
            Finding {
                subject: Subject::Image("cd".repeat(32)),
                problems: vec!["layer blob sha256:y is missing".into()],
                fix: Fix::Leave("a container uses it".into()),
            },
        ];
        let text = report(&f, &[("c1".into(), "its nook run --rm was killed")]);
        assert_eq!(
            text,
            format!(
                "Damaged image {}:\n  * manifest sha256:x is missing\nLeftover tmp/blob-1-2-3:\n  \
                 * a temporary blob of a nook that is gone\nDamaged image {}:\n  * layer blob \
                 sha256:y is missing\n  (not repaired: a container uses it)\nDamaged container \
                 c1:\n  * its nook run --rm was killed\n",
                "ab".repeat(32),
                "cd".repeat(32)
            )
        );
        assert_eq!(report(&[], &[]), "");
    }
}
