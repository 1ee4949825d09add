//! The container process: argv, environment, user and working directory, decided from values.

use std::collections::BTreeMap;

pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The command to run: `--entrypoint` (a JSON array, or one word) followed by the arguments.
pub fn argv(entrypoint: Option<&str>, image_entrypoint: &[String], cmd: &[String]) -> Vec<String> {
    let mut out: Vec<String> = match entrypoint {
        Some(e) if e.trim_start().starts_with('[') => {
            serde_json::from_str::<Vec<String>>(e).unwrap_or_else(|_| vec![e.to_string()])
        }
        Some("") => Vec::new(),
        Some(e) => vec![e.to_string()],
        None => image_entrypoint.to_vec(),
    };
    out.extend(cmd.iter().cloned());
    out
}

/// Parse `KEY=VALUE` lines of an `--env-file`: blank lines and `#` comments are skipped, a
/// bare `KEY` takes the host's value (and is dropped when the host has none), as podman does.
pub fn parse_env_file(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_end_matches(['\r', '\n']).to_string())
        .collect()
}

/// The proxy variables `--http-proxy` passes in (containers/common's list).
pub const PROXY_ENV: [&str; 8] = [
    "http_proxy",
    "https_proxy",
    "ftp_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "FTP_PROXY",
    "NO_PROXY",
];

/// The container's environment, in the order podman builds it: defaults, then env files, then
/// `-e`. A bare `NAME` (in a file or `-e`) copies the host's value; `NAME*` copies every host
/// variable with that prefix.
pub fn environment(
    host: &BTreeMap<String, String>,
    defaults: &[(&str, String)],
    entries: &[String],
) -> Vec<String> {
    let mut env: Vec<(String, String)> = defaults
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let mut set = |k: &str, v: &str| match env.iter_mut().find(|(key, _)| key == k) {
        Some(slot) => slot.1 = v.to_string(),
        None => env.push((k.to_string(), v.to_string())),
    };
    for entry in entries {
        match entry.split_once('=') {
            Some((k, v)) => set(k, v),
            None => match entry.strip_suffix('*') {
                Some(prefix) => host
                    .iter()
                    .filter(|(k, _)| k.starts_with(prefix))
                    .for_each(|(k, v)| set(k, v)),
                None => {
                    if let Some(v) = host.get(entry.as_str()) {
                        set(entry, v)
                    }
                }
            },
        }
    }
    env.into_iter().map(|(k, v)| format!("{k}={v}")).collect()
}

pub fn env_value<'a>(env: &'a [String], key: &str) -> Option<&'a str> {
    env.iter()
        .filter_map(|e| e.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// `-u USER[:GROUP]`, each part a name or a number.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserSpec {
    pub user: String,
    pub group: Option<String>,
}

impl UserSpec {
    pub fn parse(spec: &str) -> Result<Self, String> {
        let (user, group) = match spec.split_once(':') {
            Some((u, g)) => (u, Some(g)),
            None => (spec, None),
        };
        if user.is_empty() || group == Some("") {
            return Err(format!(
                "invalid --user {spec:?}: use USER[:GROUP], each a name or a number"
            ));
        }
        Ok(UserSpec {
            user: user.to_string(),
            group: group.map(str::to_string),
        })
    }
}

/// Who the process runs as, after looking the names up in the container's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
    pub home: String,
}

struct PasswdEntry<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

fn passwd_entries(text: &str) -> impl Iterator<Item = PasswdEntry<'_>> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        Some(PasswdEntry {
            name: f.first()?,
            uid: f.get(2)?.parse().ok()?,
            gid: f.get(3)?.parse().ok()?,
            home: f.get(5).copied().unwrap_or("/"),
        })
    })
}

/// (name, gid, members) of each line of a group file.
pub(crate) fn group_entries(text: &str) -> impl Iterator<Item = (&str, u32, Vec<&str>)> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        let members = f
            .get(3)
            .map(|m| m.split(',').filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        Some((*f.first()?, f.get(2)?.parse().ok()?, members))
    })
}

/// Resolve a user spec against the container's `/etc/passwd` and `/etc/group` (either may be
/// empty). Numeric ids need no entry, as in docker; names must exist. Supplementary groups are
/// those of `/etc/group` listing the user, unless a group was given explicitly.
pub fn resolve_user(spec: &UserSpec, passwd: &str, group: &str) -> Result<Identity, String> {
    let entry = match spec.user.parse::<u32>() {
        Ok(uid) => passwd_entries(passwd).find(|e| e.uid == uid),
        Err(_) => Some(
            passwd_entries(passwd)
                .find(|e| e.name == spec.user)
                .ok_or_else(|| {
                    format!(
                        "no user {:?} in the container's /etc/passwd: use a numeric id (-u 1000) or one of its users",
                        spec.user
                    )
                })?,
        ),
    };
    let uid = match &entry {
        Some(e) => e.uid,
        None => spec.user.parse().unwrap_or(0),
    };
    let (gid, explicit) = match &spec.group {
        Some(g) => match g.parse::<u32>() {
            Ok(gid) => (gid, true),
            Err(_) => (
                group_entries(group)
                    .find(|(name, _, _)| name == g)
                    .map(|(_, gid, _)| gid)
                    .ok_or_else(|| {
                        format!("no group {g:?} in the container's /etc/group: use a numeric id")
                    })?,
                true,
            ),
        },
        None => (entry.as_ref().map(|e| e.gid).unwrap_or(uid), false),
    };
    let mut groups = vec![gid];
    if let (false, Some(e)) = (explicit, &entry) {
        for (_, g, members) in group_entries(group) {
            if members.contains(&e.name) && !groups.contains(&g) {
                groups.push(g);
            }
        }
    }
    let home = entry
        .as_ref()
        .map(|e| e.home.to_string())
        .unwrap_or_else(|| "/".to_string());
    Ok(Identity {
        uid,
        gid,
        groups,
        home,
    })
}

/// Where `cmd` is found: itself when it has a slash, else the first directory of `path` that
/// holds an executable of that name (`is_executable` asks the file system).
pub fn find_in_path(cmd: &str, path: &str, is_executable: impl Fn(&str) -> bool) -> Option<String> {
    if cmd.contains('/') {
        return Some(cmd.to_string());
    }
    path.split(':')
        .map(|dir| if dir.is_empty() { "." } else { dir })
        .map(|dir| format!("{}/{cmd}", dir.trim_end_matches('/')))
        .find(|candidate| is_executable(candidate))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn argv_from_entrypoint_forms() {
        assert_eq!(
            argv(None, &[], &v(&["sh", "-c", "x"])),
            v(&["sh", "-c", "x"])
        );
        assert_eq!(
            argv(Some("/bin/sh"), &[], &v(&["-c", "x"])),
            v(&["/bin/sh", "-c", "x"])
        );
        assert_eq!(
            argv(Some(r#"["/bin/sh","-c"]"#), &[], &v(&["x"])),
            v(&["/bin/sh", "-c", "x"])
        );
        assert_eq!(argv(None, &v(&["/e"]), &v(&["a"])), v(&["/e", "a"]));
        assert_eq!(argv(Some(""), &v(&["/e"]), &v(&["a"])), v(&["a"]));
    }

    #[test]
    fn environment_order_and_host_copies() {
        let host: BTreeMap<String, String> = [("HOME", "/home/a"), ("LC_ALL", "C"), ("LC_X", "y")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = environment(
            &host,
            &[("PATH", "/bin".to_string()), ("TERM", "xterm".to_string())],
            &v(&["A=1", "PATH=/x", "HOME", "MISSING", "LC_*", "A=2"]),
        );
        assert_eq!(
            env,
            v(&[
                "PATH=/x",
                "TERM=xterm",
                "A=2",
                "HOME=/home/a",
                "LC_ALL=C",
                "LC_X=y"
            ])
        );
        assert_eq!(env_value(&env, "A"), Some("2"));
    }

    #[test]
    fn env_file_lines() {
        assert_eq!(
            parse_env_file("# c\n\nA=1\n  B=two words\nC\r\n"),
            v(&["A=1", "B=two words", "C"])
        );
    }

    #[test]
    fn user_spec_parse() {
        assert_eq!(
            UserSpec::parse("1000:100").unwrap(),
            UserSpec {
                user: "1000".into(),
                group: Some("100".into())
            }
        );
        assert!(UserSpec::parse(":1").is_err());
        assert!(UserSpec::parse("a:").is_err());
    }

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n";
    const GROUP: &str = "root:x:0:\nwheel:x:10:alice,bob\nalice:x:1000:\nstaff:x:50:bob\n";

    #[test]
    fn resolve_by_name_with_supplementary_groups() {
        let id = resolve_user(&UserSpec::parse("alice").unwrap(), PASSWD, GROUP).unwrap();
        assert_eq!(
            id,
            Identity {
                uid: 1000,
                gid: 1000,
                groups: vec![1000, 10],
                home: "/home/alice".into()
            }
        );
    }

    #[test]
    fn resolve_numeric_without_entry() {
        let id = resolve_user(&UserSpec::parse("4242").unwrap(), PASSWD, GROUP).unwrap();
        assert_eq!((id.uid, id.gid, id.home.as_str()), (4242, 4242, "/"));
        let id = resolve_user(&UserSpec::parse("0").unwrap(), "", "").unwrap();
        assert_eq!((id.uid, id.gid), (0, 0));
    }

    #[test]
    fn resolve_group_by_name() {
        let id = resolve_user(&UserSpec::parse("alice:staff").unwrap(), PASSWD, GROUP).unwrap();
        assert_eq!((id.uid, id.gid, id.groups.clone()), (1000, 50, vec![50]));
    }

    #[test]
    fn unknown_names_are_errors() {
        assert!(resolve_user(&UserSpec::parse("mallory").unwrap(), PASSWD, GROUP).is_err());
        assert!(resolve_user(&UserSpec::parse("alice:nogroup").unwrap(), PASSWD, GROUP).is_err());
    }

    #[test]
    fn path_lookup() {
        let exists = |p: &str| p == "/usr/bin/ls" || p == "/bin/ls";
        assert_eq!(
            find_in_path("ls", "/usr/local/bin:/usr/bin:/bin", exists).as_deref(),
            Some("/usr/bin/ls")
        );
        assert_eq!(find_in_path("nope", "/bin", exists), None);
        assert_eq!(find_in_path("./x", "/bin", exists).as_deref(), Some("./x"));
    }
}
