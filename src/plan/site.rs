//! PURE: what a site's administrator configures for many users at once, in podman's files:
//! read-only image stores (`additionalimagestores` of storage.conf's `[storage.options]`)
//! and registry mirrors (registries.conf's `[[registry.mirror]]`, tried before the registry).
//! Only these keys are read; a hand-rolled reader keeps a TOML crate out of the build.

/// One `KEY = VALUE` of a TOML line, comments dropped (a `#` inside quotes is kept).
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once('=')?;
    Some((k.trim(), v.trim()))
}

fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The quoted strings of a TOML array's text.
fn strings(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `additionalimagestores` of a storage.conf's `[storage.options]` (an array that may span
/// lines).
pub fn additional_image_stores(conf: &str) -> Vec<String> {
    let mut table = String::new();
    let mut collecting: Option<String> = None;
    for raw in conf.lines() {
        let line = strip_comment(raw).trim();
        if let Some(text) = &mut collecting {
            text.push_str(line);
            if line.contains(']') {
                return strings(text);
            }
            continue;
        }
        if line.starts_with('[') {
            table = line.replace(' ', "");
            continue;
        }
        if table != "[storage.options]" {
            continue;
        }
        if let Some(("additionalimagestores", v)) = key_value(line) {
            if v.contains(']') {
                return strings(v);
            }
            collecting = Some(v.to_string());
        }
    }
    collecting.map(|t| strings(&t)).unwrap_or_default()
}

/// A place to pull an image from: a mirror or the registry itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub registry: String,
    pub repository: String,
    /// The file marks it insecure (plain HTTP allowed).
    pub insecure: bool,
}

#[derive(Debug, Default)]
struct Entry {
    prefix: Option<String>,
    location: Option<String>,
    digest_only: bool,
    mirrors: Vec<(String, bool)>,
}

fn entries(conf: &str) -> Vec<Entry> {
    let mut all: Vec<Entry> = Vec::new();
    // Which table the lines belong to: none, a [[registry]], or its latest [[registry.mirror]].
    let (mut in_registry, mut in_mirror) = (false, false);
    for raw in conf.lines() {
        let line = strip_comment(raw).trim();
        if line.starts_with('[') {
            let t = line.replace(' ', "");
            in_registry = t == "[[registry]]";
            in_mirror = t == "[[registry.mirror]]" && !all.is_empty();
            if in_registry {
                all.push(Entry::default());
            }
            if in_mirror && let Some(e) = all.last_mut() {
                e.mirrors.push((String::new(), false));
            }
            continue;
        }
        let Some((k, v)) = key_value(line) else {
            continue;
        };
        let value = v.trim_matches(['"', '\'']).to_string();
        let Some(e) = all.last_mut() else { continue };
        if in_mirror {
            if let Some(m) = e.mirrors.last_mut() {
                match k {
                    "location" => m.0 = value,
                    "insecure" => m.1 = value == "true",
                    _ => {}
                }
            }
        } else if in_registry {
            match k {
                "prefix" => e.prefix = Some(value),
                "location" => e.location = Some(value),
                "mirror-by-digest-only" => e.digest_only = value == "true",
                _ => {}
            }
        }
    }
    all
}

/// `registry/repository` under `prefix`: the rest after it (empty or starting with '/').
fn under<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let prefix = prefix.trim_end_matches('/');
    let rest = name.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// Where `registry/repository` is pulled from, in order: the mirrors of the registries.conf
/// entry whose prefix (else location) matches it longest (none for a tag when the entry
/// says `mirror-by-digest-only`), with the matched prefix replaced by each mirror's location.
/// The registry itself is not in the list.
pub fn mirrors(conf: &str, registry: &str, repository: &str, by_digest: bool) -> Vec<Source> {
    let name = format!("{registry}/{repository}");
    let best = entries(conf)
        .into_iter()
        .filter_map(|e| {
            let prefix = e.prefix.clone().or_else(|| e.location.clone())?;
            under(&name, &prefix)?;
            Some((prefix.trim_end_matches('/').len(), prefix, e))
        })
        .max_by_key(|(len, _, _)| *len);
    let Some((_, prefix, entry)) = best else {
        return Vec::new();
    };
    if entry.digest_only && !by_digest {
        return Vec::new();
    }
    let rest = under(&name, &prefix).unwrap_or("");
    entry
        .mirrors
        .iter()
        .filter(|(location, _)| !location.is_empty())
        .filter_map(|(location, insecure)| {
            let full = format!("{}{rest}", location.trim_end_matches('/'));
            let (registry, repository) = full.split_once('/')?;
            Some(Source {
                registry: registry.to_string(),
                repository: repository.to_string(),
                insecure: *insecure,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additional_stores_in_one_line_or_many() {
        let one = "[storage]\ndriver = \"overlay\"\n[storage.options]\nadditionalimagestores = [ \"/srv/images\", \"/opt/site\" ]  # site\n";
        assert_eq!(additional_image_stores(one), ["/srv/images", "/opt/site"]);
        let many = "[storage.options]\nadditionalimagestores = [\n  \"/srv/a\", # first\n  \"/srv/b\",\n]\nsize = \"\"\n";
        assert_eq!(additional_image_stores(many), ["/srv/a", "/srv/b"]);
        // Only [storage.options]'s key counts.
        let elsewhere = "[storage]\nadditionalimagestores = [\"/x\"]\n";
        assert!(additional_image_stores(elsewhere).is_empty());
        assert!(additional_image_stores("").is_empty());
    }

    const CONF: &str = r#"
unqualified-search-registries = ["docker.io"]

[[registry]]
prefix = "docker.io"
location = "docker.io"
[[registry.mirror]]
location = "mirror.site:5000/hub"
insecure = true
[[registry.mirror]]
location = "mirror2.site"

[[registry]]
location = "quay.io/pinned"
mirror-by-digest-only = true
[[registry.mirror]]
location = "cache.site/quay" # digests only
"#;

    #[test]
    fn mirrors_replace_the_matched_prefix_in_order() {
        let m = mirrors(CONF, "docker.io", "library/debian", false);
        assert_eq!(
            m,
            [
                Source {
                    registry: "mirror.site:5000".into(),
                    repository: "hub/library/debian".into(),
                    insecure: true
                },
                Source {
                    registry: "mirror2.site".into(),
                    repository: "library/debian".into(),
                    insecure: false
                },
            ]
        );
        // No entry, or a prefix that only looks alike: none.
        assert!(mirrors(CONF, "ghcr.io", "a/b", false).is_empty());
        assert!(mirrors(CONF, "quay.io", "pinnedx/a", true).is_empty());
        // mirror-by-digest-only: a digest goes to the mirror, a tag does not.
        assert!(mirrors(CONF, "quay.io", "pinned/app", false).is_empty());
        let m = mirrors(CONF, "quay.io", "pinned/app", true);
        assert_eq!(
            (m[0].registry.as_str(), m[0].repository.as_str()),
            ("cache.site", "quay/app")
        );
    }
}
