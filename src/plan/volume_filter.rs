//! `volume ls --filter`: podman's name= (a regular expression, found anywhere in the name),
//! label=KEY[=VALUE] and driver= filters.

use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub enum Filter {
    Name(regex_lite::Regex),
    Label { key: String, value: Option<String> },
    Driver(String),
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
        "label" => match value.split_once('=') {
            Some((k, v)) => Filter::Label {
                key: k.into(),
                value: Some(v.into()),
            },
            None => Filter::Label {
                key: value.into(),
                value: None,
            },
        },
        "driver" => Filter::Driver(value.into()),
        _ => {
            return Err(format!(
                "invalid volume filter {key:?}: use name, label or driver"
            ));
        }
    })
}

/// Does the volume `name` (of the local driver) with `labels` pass `filter`?
pub fn matches(filter: &Filter, name: &str, labels: &BTreeMap<String, String>) -> bool {
    match filter {
        Filter::Name(re) => re.is_match(name),
        Filter::Label { key, value } => match (labels.get(key), value) {
            (Some(v), Some(want)) => v == want,
            (Some(_), None) => true,
            (None, _) => false,
        },
        Filter::Driver(d) => d == "local",
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
}
