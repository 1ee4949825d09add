//! `images --filter`: podman's filters (reference=, dangling=, label=, before=, since=/after=,
//! id=), parsed and matched against an image's facts.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// A name, or a repository pattern with `*` (`busybox`, `localhost/*`, `*:latest`).
    Reference(String),
    Dangling(bool),
    /// `label=KEY` or `label=KEY=VALUE`; with `!=`, its negation.
    Label {
        key: String,
        value: Option<String>,
        not: bool,
    },
    /// Created before the image named.
    Before(String),
    /// Created after the image named (`since=` and `after=`).
    Since(String),
    Id(String),
}

/// One image as the filters see it: `created` in seconds, `names` full (`reg/repo:tag`).
pub struct Candidate<'a> {
    pub id: &'a str,
    pub names: &'a [String],
    pub created: i64,
    pub labels: &'a BTreeMap<String, String>,
}

/// `FILTER=VALUE` (or `FILTER!=VALUE` for labels), in podman's words when it is not.
pub fn parse(text: &str) -> Result<Filter, String> {
    let bad = || {
        format!(
            "invalid image filter {text:?}: must be in the format \"filter=value or filter!=value\""
        )
    };
    let (key, value) = text.split_once('=').ok_or_else(bad)?;
    let (key, not) = match key.strip_suffix('!') {
        Some(k) => (k, true),
        None => (key, false),
    };
    let v = value.to_string();
    Ok(match (key, not) {
        ("reference", false) => Filter::Reference(v),
        ("dangling", false) => match value {
            "true" | "1" => Filter::Dangling(true),
            "false" | "0" => Filter::Dangling(false),
            _ => {
                return Err(format!(
                    "invalid filter dangling={value}: give true or false"
                ));
            }
        },
        ("label", _) => match value.split_once('=') {
            Some((k, val)) => Filter::Label {
                key: k.into(),
                value: Some(val.into()),
                not,
            },
            None => Filter::Label {
                key: v,
                value: None,
                not,
            },
        },
        ("before", false) => Filter::Before(v),
        ("since" | "after", false) => Filter::Since(v),
        ("id", false) => Filter::Id(v.trim_start_matches("sha256:").into()),
        _ if key.is_empty() => return Err(bad()),
        _ => {
            return Err(format!(
                "invalid image filter {key:?}: use reference, dangling, label, before, since, after or id"
            ));
        }
    })
}

/// `*` matches any run of characters (`/` too), as podman's reference filter.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(tail) = text.strip_prefix(head) else {
                return false;
            };
            (0..=tail.len())
                .filter(|i| tail.is_char_boundary(*i))
                .any(|i| glob(rest, &tail[i..]))
        }
    }
}

/// Does `name` (`reg/repo:tag`) match the reference `pattern`: whole, by repository, or by
/// its last path components (`busybox` matches docker.io/library/busybox:latest).
pub fn reference_matches(pattern: &str, name: &str) -> bool {
    let repo = match name.rsplit_once(':') {
        Some((r, tag)) if !tag.contains('/') => r,
        _ => name,
    };
    [name, repo].iter().any(|n| {
        glob(pattern, n)
            || n.match_indices('/')
                .any(|(i, _)| glob(pattern, &n[i + 1..]))
    })
}

/// Does the image pass `filter`? `created_of` gives the creation time of an image named in
/// before=/since= (None: no such image, nothing passes).
pub fn matches(filter: &Filter, c: &Candidate, created_of: &dyn Fn(&str) -> Option<i64>) -> bool {
    match filter {
        Filter::Reference(p) => c.names.iter().any(|n| reference_matches(p, n)),
        Filter::Dangling(d) => c.names.is_empty() == *d,
        Filter::Label { key, value, not } => {
            let has = match (c.labels.get(key), value) {
                (Some(_), None) => true,
                (Some(v), Some(want)) => v == want,
                (None, _) => false,
            };
            has != *not
        }
        Filter::Before(x) => created_of(x).is_some_and(|t| c.created < t),
        Filter::Since(x) => created_of(x).is_some_and(|t| c.created > t),
        Filter::Id(p) => c.id.starts_with(p.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand<'a>(names: &'a [String], labels: &'a BTreeMap<String, String>) -> Candidate<'a> {
        Candidate {
            id: "abcdef",
            names,
            created: 100,
            labels,
        }
    }

    #[test]
    fn podmans_filters_parse_and_bad_ones_say_the_format() {
        assert_eq!(parse("before=x").unwrap(), Filter::Before("x".into()));
        assert_eq!(parse("after=x").unwrap(), Filter::Since("x".into()));
        assert_eq!(parse("dangling=true").unwrap(), Filter::Dangling(true));
        assert_eq!(
            parse("label!=a=b").unwrap(),
            Filter::Label {
                key: "a".into(),
                value: Some("b".into()),
                not: true
            }
        );
        assert_eq!(
            parse("json").unwrap_err(),
            "invalid image filter \"json\": must be in the format \"filter=value or filter!=value\""
        );
        assert!(parse("colour=red").unwrap_err().contains("use reference"));
        assert!(parse("dangling=maybe").is_err());
    }

    #[test]
    fn filters_match_names_labels_and_times() {
        let names = vec!["docker.io/library/busybox:latest".to_string()];
        let mut labels = BTreeMap::new();
        labels.insert("a".to_string(), "1".to_string());
        let c = cand(&names, &labels);
        let at = |n: &str| match n {
            "old" => Some(50),
            "new" => Some(150),
            _ => None,
        };
        let m = |f: &str| matches(&parse(f).unwrap(), &c, &at);
        assert!(m("reference=busybox"));
        assert!(m("reference=library/busybox:latest"));
        assert!(m("reference=docker.io/*"));
        assert!(m("reference=busy*"));
        assert!(!m("reference=alpine"));
        assert!(!m("reference=box"));
        assert!(m("dangling=false") && !m("dangling=true"));
        assert!(m("label=a") && m("label=a=1") && !m("label=a=2") && m("label!=a=2"));
        assert!(!m("label=b") && m("label!=b"));
        assert!(m("since=old") && !m("since=new") && m("before=new") && !m("before=old"));
        assert!(!m("before=missing"));
        assert!(m("id=abc") && m("id=sha256:abc") && !m("id=bcd"));
    }
}
