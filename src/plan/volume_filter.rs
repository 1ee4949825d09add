//! `volume ls --filter` and `volume prune --filter`: podman's name= (a regular expression,
//! found anywhere in the name), label=KEY[=VALUE], label!=KEY[=VALUE], driver= and until=
//! (a duration ago, or a Unix time) filters.

use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub enum Filter {
    Name(regex_lite::Regex),
    Label {
        key: String,
        value: Option<String>,
    },
    Driver(String),
    LabelNot {
        key: String,
        value: Option<String>,
    },
    /// Made before: a time this long ago (seconds), or a Unix time.
    Until(Cutoff),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cutoff {
    Ago(u64),
    At(u64),
}

fn label(value: &str) -> (String, Option<String>) {
    match value.split_once('=') {
        Some((k, v)) => (k.into(), Some(v.into())),
        None => (value.into(), None),
    }
}

/// Every `--filter` given, or the line naming the first that is wrong.
pub fn parse_all(texts: &[String]) -> Result<Vec<Filter>, String> {
    texts.iter().map(|t| parse(t)).collect()
}

/// `FILTER=VALUE`, or a line naming what is wrong.
pub fn parse(text: &str) -> Result<Filter, String> {
    let Some((key, value)) = text.split_once('=') else {
        return Err(format!(
            "invalid volume filter {text:?}: must be in the format \"filter=value\""
        ));
    };
    Ok(match key {
        "name" => Filter::Name(
            regex_lite::Regex::new(value)
                .map_err(|e| format!("invalid volume filter name={value}: {e}"))?,
        ),
        "label" => {
            let (key, value) = label(value);
            Filter::Label { key, value }
        }
        "label!" => {
            let (key, value) = label(value);
            Filter::LabelNot { key, value }
        }
        "driver" => Filter::Driver(value.into()),
        "until" => Filter::Until(match value.parse::<u64>() {
            Ok(secs) => Cutoff::At(secs),
            Err(_) => Cutoff::Ago(
                super::build::config::duration_ns(value).ok_or_else(|| {
                    format!(
                        "invalid volume filter until={value}: give a duration (24h) or a Unix time"
                    )
                })? / 1_000_000_000,
            ),
        }),
        _ => {
            return Err(format!(
                "invalid volume filter {key:?}: use name, label, label!, driver or until"
            ));
        }
    })
}

/// Does the volume `name` (of the local driver) with `labels` pass `filter`?
pub fn matches(filter: &Filter, name: &str, labels: &BTreeMap<String, String>) -> bool {
    matches_at(filter, name, labels, 0, 0)
}

/// `matches`, for a volume made at `created` (Unix seconds) when it is `now`.
pub fn matches_at(
    filter: &Filter,
    name: &str,
    labels: &BTreeMap<String, String>,
    created: u64,
    now: u64,
) -> bool {
    let has = |key: &String, value: &Option<String>| match (labels.get(key), value) {
        (Some(v), Some(want)) => v == want,
        (Some(_), None) => true,
        (None, _) => false,
    };
    match filter {
        Filter::Name(re) => re.is_match(name),
        Filter::Label { key, value } => has(key, value),
        Filter::LabelNot { key, value } => !has(key, value),
        Filter::Driver(d) => d == "local",
        Filter::Until(Cutoff::At(t)) => created < *t,
        Filter::Until(Cutoff::Ago(secs)) => created < now.saturating_sub(*secs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_regular_expressions_labels_and_driver_as_given() {
        let mut labels = BTreeMap::new();
        labels.insert("a".to_string(), "1".to_string());
        let m = |f: &str, name: &str| matches(&parse(f).unwrap(), name, &labels);
        assert!(m("name=volume_1.+", "volume_1_x"));
        assert!(!m("name=volume_1.+", "volume_2_x"));
        // `*` repeats the `1`: volume_ then any number of 1s, so both match.
        assert!(m("name=volume_1*", "volume_2_x"));
        assert!(m("name=ume", "volume"));
        assert!(m("label=a", "v") && m("label=a=1", "v") && !m("label=a=2", "v"));
        assert!(m("driver=local", "v") && !m("driver=nfs", "v"));
        assert!(parse("name=(").is_err());
        assert!(parse("colour=red").is_err());
        assert!(parse("json").is_err());
    }

    #[test]
    fn prune_filters_label_not_and_until() {
        let mut labels = BTreeMap::new();
        labels.insert("keep".to_string(), "yes".to_string());
        let m = |f: &str, created| matches_at(&parse(f).unwrap(), "v", &labels, created, 1000);
        assert!(!m("label!=keep", 0) && m("label!=other", 0) && m("label!=keep=no", 0));
        assert!(m("until=100s", 899) && !m("until=100s", 900));
        assert!(m("until=500", 499) && !m("until=500", 500));
        assert!(parse("until=soon").is_err());
    }
}
