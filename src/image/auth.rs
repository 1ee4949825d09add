//! Registry authentication, the pure parts: `WWW-Authenticate` challenges, token scopes,
//! podman's auth.json (and docker's config.json) entries, registries.conf `insecure`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
        scope: Option<String>,
    },
}

/// Parses a `WWW-Authenticate` value: `Basic realm="x"` or
/// `Bearer realm="https://a/token",service="s",scope="repository:r:pull"` (quoted values may
/// hold commas; unquoted ones end at a comma).
pub fn parse_challenge(header: &str) -> Option<Challenge> {
    let header = header.trim();
    let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
    if scheme.eq_ignore_ascii_case("basic") {
        return Some(Challenge::Basic);
    }
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let params = parse_params(rest);
    let get = |k: &str| {
        params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone())
    };
    Some(Challenge::Bearer {
        realm: get("realm")?,
        service: get("service"),
        scope: get("scope"),
    })
}

fn parse_params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '=' && *c != ',')).collect();
        if name.is_empty() {
            return out;
        }
        if chars.next() != Some('=') {
            continue;
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            value = std::iter::from_fn(|| chars.next_if(|c| *c != ',')).collect();
        }
        out.push((name.trim().to_string(), value.trim().to_string()));
    }
}

/// The scheme and the authority (`host[:port]`, lowercase, without user info or the scheme's
/// default port) of a URL; None when it has no `scheme://`.
fn scheme_and_authority(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority
        .rsplit('@')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => "",
    };
    let authority = match authority.strip_suffix(default_port) {
        Some(a) if !default_port.is_empty() => a.to_string(),
        _ => authority,
    };
    Some((scheme, authority))
}

/// Whether the token service at `realm` (from the `WWW-Authenticate` of registry `registry`,
/// served at `base`, `https://HOST` or `http://HOST`) may be sent the user's credentials:
/// only over HTTPS, or over plain HTTP to a host marked insecure: the registry itself when it
/// is (`insecure`: `--tls-verify=false` or registries.conf), another host when
/// `marked_insecure` says registries.conf marks it. Err: the one line to show instead (no
/// credentials are sent).
pub fn realm_may_get_credentials(
    realm: &str,
    registry: &str,
    base: &str,
    insecure: bool,
    marked_insecure: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    let Some((scheme, host)) = scheme_and_authority(realm).filter(|(_, h)| !h.is_empty()) else {
        return Err(format!(
            "registry {registry} names a token service nook cannot use ({realm:?}): your credentials were not sent"
        ));
    };
    match scheme.as_str() {
        "https" => return Ok(()),
        "http" => {}
        _ => {
            return Err(format!(
                "registry {registry} names a token service over {scheme} ({realm}): nook sends credentials only over HTTPS, so they were not sent"
            ));
        }
    }
    let same_host = scheme_and_authority(base).is_some_and(|(_, b)| b == host);
    if (same_host && insecure) || marked_insecure(&host) {
        return Ok(());
    }
    Err(format!(
        "registry {registry} sends logins to the token service {realm} over plain HTTP, where anyone on the way can read them: your credentials were not sent; if you trust {host}, mark it insecure in registries.conf ([[registry]] location = \"{host}\" insecure = true)"
    ))
}

/// The token scope for pulling a repository.
pub fn pull_scope(repository: &str) -> String {
    format!("repository:{repository}:pull")
}

/// A user and password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, ***)", self.user)
    }
}

impl Credentials {
    pub fn encode(&self) -> String {
        STANDARD.encode(format!("{}:{}", self.user, self.password))
    }
}

/// The keys an auth file may use for `registry` and `repository`, most specific first
/// (podman allows `host/namespace/repo`; docker writes `https://index.docker.io/v1/`).
fn keys(registry: &str, repository: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let parts: Vec<&str> = repository.split('/').collect();
    for n in (1..=parts.len()).rev() {
        keys.push(format!("{registry}/{}", parts[..n].join("/")));
    }
    keys.push(registry.to_string());
    keys.push(format!("https://{registry}"));
    keys.push(format!("http://{registry}"));
    if registry == "docker.io" {
        keys.push("https://index.docker.io/v1/".into());
        keys.push("index.docker.io".into());
        keys.push("registry-1.docker.io".into());
    }
    keys
}

/// The credentials an auth.json or config.json text holds for a repository.
pub fn lookup(file: &str, registry: &str, repository: &str) -> Result<Option<Credentials>, String> {
    let doc: Value = serde_json::from_str(file).map_err(|e| format!("malformed JSON: {e}"))?;
    let Some(auths) = doc.get("auths").and_then(Value::as_object) else {
        return Ok(None);
    };
    for key in keys(registry, repository) {
        let Some(entry) = auths.get(&key) else {
            continue;
        };
        let Some(b64) = entry
            .get("auth")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        let raw = STANDARD
            .decode(b64.trim())
            .map_err(|_| format!("the \"auth\" of {key:?} is not base64"))?;
        let text =
            String::from_utf8(raw).map_err(|_| format!("the \"auth\" of {key:?} is not UTF-8"))?;
        let (user, password) = text
            .split_once(':')
            .ok_or_else(|| format!("the \"auth\" of {key:?} is not user:password"))?;
        return Ok(Some(Credentials {
            user: user.to_string(),
            password: password.to_string(),
        }));
    }
    Ok(None)
}

/// The auth.json text with `registry`'s entry set (Some) or removed (None); other content kept.
/// Returns the new text and whether an entry was removed.
pub fn update(
    file: Option<&str>,
    registry: &str,
    creds: Option<&Credentials>,
) -> Result<(String, bool), String> {
    let mut doc: Value = match file {
        Some(t) if !t.trim().is_empty() => {
            serde_json::from_str(t).map_err(|e| format!("malformed JSON: {e}"))?
        }
        _ => Value::Object(Map::new()),
    };
    let root = doc
        .as_object_mut()
        .ok_or("the top level is not a JSON object")?;
    let auths = root
        .entry("auths")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or("\"auths\" is not a JSON object")?;
    let removed = match creds {
        Some(c) => {
            auths.insert(
                registry.to_string(),
                serde_json::json!({ "auth": c.encode() }),
            );
            false
        }
        None => auths.remove(registry).is_some(),
    };
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    Ok((text + "\n", removed))
}

/// The auth.json text with every entry removed.
pub fn clear(file: Option<&str>) -> Result<String, String> {
    let mut doc: Value = match file {
        Some(t) if !t.trim().is_empty() => {
            serde_json::from_str(t).map_err(|e| format!("malformed JSON: {e}"))?
        }
        _ => Value::Object(Map::new()),
    };
    if let Some(root) = doc.as_object_mut() {
        root.insert("auths".into(), Value::Object(Map::new()));
    }
    Ok(serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n")
}

/// Whether registries.conf (TOML, v2 format) marks `registry` insecure: a `[[registry]]` table
/// whose `location` (or `prefix`) is the registry and with `insecure = true`. Only these keys
/// are read; a hand-rolled reader keeps a TOML crate out of the build.
pub fn conf_insecure(conf: &str, registry: &str) -> bool {
    let mut in_registry = false;
    let (mut location, mut insecure) = (None::<String>, false);
    let mut hit = false;
    let mut finish = |loc: &Option<String>, ins: bool| {
        if ins
            && loc
                .as_deref()
                .is_some_and(|l| l == registry || l.strip_suffix('/') == Some(registry))
        {
            hit = true;
        }
    };
    for line in conf.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') {
            if in_registry {
                finish(&location, insecure);
            }
            in_registry = line.replace(' ', "") == "[[registry]]";
            location = None;
            insecure = false;
            continue;
        }
        if !in_registry {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let v = v.trim().trim_matches(['"', '\'']);
        match k.trim() {
            "location" | "prefix" if location.is_none() || k.trim() == "location" => {
                location = Some(v.to_string())
            }
            "insecure" => insecure = v == "true",
            _ => {}
        }
    }
    if in_registry {
        finish(&location, insecure);
    }
    hit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_challenges() {
        let c = parse_challenge(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/debian:pull,push""#,
        );
        assert_eq!(
            c,
            Some(Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
                scope: Some("repository:library/debian:pull,push".into()),
            })
        );
        let c =
            parse_challenge(r#"bearer realm=http://127.0.0.1:1/token, service = "a\"b""#).unwrap();
        let Challenge::Bearer {
            realm,
            service,
            scope,
        } = c
        else {
            panic!()
        };
        assert_eq!(realm, "http://127.0.0.1:1/token");
        assert_eq!(service.as_deref(), Some("a\"b"));
        assert_eq!(scope, None);
        assert_eq!(
            parse_challenge(r#"Basic realm="Registry Realm""#),
            Some(Challenge::Basic)
        );
        assert_eq!(parse_challenge("Bearer service=x"), None);
        assert_eq!(parse_challenge("Negotiate"), None);
        assert_eq!(
            pull_scope("library/debian"),
            "repository:library/debian:pull"
        );
    }

    #[test]
    fn credentials_go_only_to_a_safe_realm() {
        let none = |_: &str| false;
        let may = |realm: &str, base: &str, insecure: bool| {
            realm_may_get_credentials(realm, "reg:5000", base, insecure, &none)
        };
        // HTTPS: always, on any host.
        assert!(may("https://auth.example/token", "https://reg:5000", false).is_ok());
        assert!(may("HTTPS://auth.example/token", "http://reg:5000", true).is_ok());
        // Plain HTTP to the registry itself, when it is marked insecure.
        assert!(may("http://reg:5000/token", "http://reg:5000", true).is_ok());
        assert!(may("http://REG:5000/token?x=1", "http://reg:5000", true).is_ok());
        assert!(may("http://reg/token", "http://reg:80", true).is_ok());
        // ... not when it is not.
        assert!(may("http://reg:5000/token", "https://reg:5000", false).is_err());
        // Plain HTTP to another host or port, even of an insecure registry: no.
        let e = may("http://127.0.0.1:6000/token", "http://127.0.0.1:5000", true).unwrap_err();
        assert!(
            e.contains("http://127.0.0.1:6000/token")
                && e.contains("not sent")
                && e.contains("location = \"127.0.0.1:6000\"")
                && !e.contains('\n'),
            "{e}"
        );
        assert!(may("http://reg:5001/token", "http://reg:5000", true).is_err());
        assert!(may("http://evil@reg:5000.attacker/t", "http://reg:5000", true).is_err());
        assert!(may("http://reg:5000@attacker/t", "http://reg:5000", true).is_err());
        // ... unless registries.conf marks that host insecure.
        let marked = |h: &str| h == "127.0.0.1:6000";
        assert!(
            realm_may_get_credentials(
                "http://127.0.0.1:6000/token",
                "127.0.0.1:5000",
                "http://127.0.0.1:5000",
                true,
                &marked
            )
            .is_ok()
        );
        // Other schemes, or no URL at all: never.
        assert!(may("ftp://reg:5000/token", "http://reg:5000", true).is_err());
        assert!(may("reg:5000/token", "http://reg:5000", true).is_err());
        assert!(may("http:///token", "http://reg:5000", true).is_err());
    }

    #[test]
    fn auth_file_lookup() {
        let file = r#"{"auths":{
            "127.0.0.1:5000":{"auth":"dXNlcjpwYTpzcw=="},
            "quay.io/team":{"auth":"dGVhbTp0"},
            "https://index.docker.io/v1/":{"auth":"aHViOmg="}}}"#;
        let c = lookup(file, "127.0.0.1:5000", "x/y").unwrap().unwrap();
        assert_eq!((c.user.as_str(), c.password.as_str()), ("user", "pa:ss"));
        assert_eq!(
            lookup(file, "quay.io", "team/app").unwrap().unwrap().user,
            "team"
        );
        assert_eq!(lookup(file, "quay.io", "other/app").unwrap(), None);
        assert_eq!(
            lookup(file, "docker.io", "library/debian")
                .unwrap()
                .unwrap()
                .user,
            "hub"
        );
        assert_eq!(lookup("{}", "a", "b").unwrap(), None);
        assert!(lookup(r#"{"auths":{"a":{"auth":"!!"}}}"#, "a", "b").is_err());
        assert!(lookup("nope", "a", "b").is_err());
    }

    #[test]
    fn auth_file_update_keeps_other_content() {
        let c = Credentials {
            user: "u".into(),
            password: "p".into(),
        };
        let (t, _) = update(
            Some(r#"{"auths":{"b":{"auth":"eDp5"}},"credHelpers":{}}"#),
            "a",
            Some(&c),
        )
        .unwrap();
        assert_eq!(lookup(&t, "a", "r").unwrap(), Some(c.clone()));
        assert_eq!(lookup(&t, "b", "r").unwrap().unwrap().user, "x");
        assert!(t.contains("credHelpers"));
        let (t, removed) = update(Some(&t), "a", None).unwrap();
        assert!(removed);
        assert_eq!(lookup(&t, "a", "r").unwrap(), None);
        let (_, removed) = update(Some(&t), "a", None).unwrap();
        assert!(!removed);
        let (t, _) = update(None, "a", Some(&c)).unwrap();
        assert!(
            lookup(&clear(Some(&t)).unwrap(), "a", "r")
                .unwrap()
                .is_none()
        );
        assert!(update(Some("[]"), "a", None).is_err());
    }

    #[test]
    fn registries_conf_insecure() {
        let conf = r#"
unqualified-search-registries = ["docker.io"]
[[registry]]
location = "127.0.0.1:5000"
insecure = true   # local
[[registry]]
location = "quay.io"
insecure = false
[[registry.mirror]]
location = "mirror.example"
insecure = true
"#;
        assert!(conf_insecure(conf, "127.0.0.1:5000"));
        assert!(!conf_insecure(conf, "quay.io"));
        assert!(!conf_insecure(conf, "mirror.example"));
        assert!(!conf_insecure(conf, "docker.io"));
        assert!(conf_insecure(
            "[[registry]]\nprefix='a.b'\ninsecure=true",
            "a.b"
        ));
    }
}
