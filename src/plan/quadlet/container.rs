//! PURE: a `NAME.container` file's keys (quadlet's, for what nook has) become the
//! `NAME.service` unit that runs `nook run` in the foreground, in the unit's own cgroup.

use super::{Entry, Problem, Section, parse, parse_bool, quote_word, split_words};

/// The unit made of one `.container` file, and the `[Install]` links a generator makes
/// (systemd does not enable generated units: `default.target.wants/NAME.service` and such).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `NAME.service`.
    pub unit: String,
    pub text: String,
    /// Directories (`default.target.wants`...) that get a link to the unit.
    pub wants: Vec<String>,
}

/// How a key's value becomes flags.
#[derive(Clone, Copy)]
enum Kind {
    /// One flag with the whole value.
    One(&'static str),
    /// One flag per word of the value (systemd's quoting).
    Words(&'static str),
    /// The flag alone when the value is a true boolean.
    Bool(&'static str),
}

/// quadlet's `[Container]` keys that map to one `nook run` flag each.
const KEYS: &[(&str, Kind)] = &[
    ("AddCapability", Kind::Words("--cap-add")),
    ("AddDevice", Kind::One("--device")),
    ("AddHost", Kind::One("--add-host")),
    ("Annotation", Kind::Words("--annotation")),
    ("DNS", Kind::One("--dns")),
    ("DNSOption", Kind::One("--dns-option")),
    ("DNSSearch", Kind::One("--dns-search")),
    ("DropCapability", Kind::Words("--cap-drop")),
    ("Entrypoint", Kind::One("--entrypoint")),
    ("Environment", Kind::Words("--env")),
    ("EnvironmentFile", Kind::One("--env-file")),
    ("EnvironmentHost", Kind::Bool("--env-host")),
    ("GroupAdd", Kind::One("--group-add")),
    ("HostName", Kind::One("--hostname")),
    ("Label", Kind::Words("--label")),
    ("Memory", Kind::One("--memory")),
    ("Mount", Kind::One("--mount")),
    ("Network", Kind::One("--network")),
    ("PidsLimit", Kind::One("--pids-limit")),
    ("PublishPort", Kind::One("--publish")),
    ("Pull", Kind::One("--pull")),
    ("ReadOnly", Kind::Bool("--read-only")),
    ("ReadOnlyTmpfs", Kind::Bool("--read-only-tmpfs")),
    ("RunInit", Kind::Bool("--init")),
    (
        "SecurityLabelDisable",
        Kind::Bool("--security-opt=label=disable"),
    ),
    ("ShmSize", Kind::One("--shm-size")),
    ("StopSignal", Kind::One("--stop-signal")),
    ("StopTimeout", Kind::One("--stop-timeout")),
    ("Sysctl", Kind::Words("--sysctl")),
    ("Timezone", Kind::One("--tz")),
    ("Tmpfs", Kind::One("--tmpfs")),
    ("Ulimit", Kind::One("--ulimit")),
    ("UserNS", Kind::One("--userns")),
    ("Volume", Kind::One("--volume")),
    ("WorkingDir", Kind::One("--workdir")),
];

fn check_value(e: &Entry) -> Result<(), Problem> {
    let bad = |why: String| Err(Problem::at(e, why));
    match e.key.as_str() {
        "Memory" | "ShmSize" => {
            if let Err(why) = crate::plan::cgroup::parse_size(&e.key, &e.value) {
                return bad(why);
            }
        }
        "PidsLimit" | "StopTimeout" if e.value.parse::<i64>().is_err() => {
            return bad(format!("{:?} is not a number", e.value));
        }
        // quadlet's `Network=` may also name a `.network` unit: nook has none.
        "Network" if e.value.ends_with(".network") => {
            return bad(format!(
                "{:?} names a quadlet .network unit, which nook does not read: create the network with `nook network create` and give its name",
                e.value
            ));
        }
        "Network" => {
            if let Err(why) = crate::plan::network::parse_mode(&e.value) {
                return bad(why);
            }
        }
        "ContainerName"
            if e.value.is_empty()
                || !e
                    .value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) =>
        {
            return bad(format!(
                "{:?}: use letters, digits, _ . and - only",
                e.value
            ));
        }
        _ => {}
    }
    Ok(())
}

/// Turn the text of `NAME.container` (found at `path`) into `NAME.service`, running the
/// binary `nook`. Any unknown key, bad value or missing `Image=` is a problem: no unit.
pub fn translate(name: &str, path: &str, text: &str, nook: &str) -> Result<Generated, Problem> {
    let sections = parse(text)?;
    let container: Vec<&Entry> = sections
        .iter()
        .filter(|s| s.name == "Container")
        .flat_map(|s| &s.entries)
        .collect();
    if container.is_empty() && !sections.iter().any(|s| s.name == "Container") {
        return Err(Problem {
            line: 1,
            key: None,
            why: "no [Container] section".into(),
        });
    }
    let mut flags: Vec<String> = Vec::new();
    let mut image: Option<&Entry> = None;
    let mut rootfs: Option<&Entry> = None;
    let mut exec: Vec<String> = Vec::new();
    let mut container_name = format!("systemd-{name}");
    let mut user: Option<String> = None;
    let mut group: Option<String> = None;
    let mut extra: Vec<String> = Vec::new();
    for e in &container {
        let words = || split_words(&e.value).map_err(|why| Problem::at(e, why));
        check_value(e)?;
        if let Some((_, kind)) = KEYS.iter().find(|(k, _)| *k == e.key) {
            match *kind {
                Kind::One(_) if e.value.is_empty() => return Err(Problem::at(e, "an empty value")),
                Kind::One(flag) => flags.push(format!("{flag}={}", e.value)),
                Kind::Words(flag) => {
                    flags.extend(words()?.into_iter().map(|w| format!("{flag}={w}")))
                }
                Kind::Bool(flag) => match parse_bool(&e.value) {
                    Some(true) => flags.push(flag.to_string()),
                    Some(false) => {}
                    None => {
                        return Err(Problem::at(
                            e,
                            format!("{:?} is not a boolean: use yes or no", e.value),
                        ));
                    }
                },
            }
            continue;
        }
        match e.key.as_str() {
            "Image" => image = Some(e),
            "Rootfs" => rootfs = Some(e),
            "Exec" => exec = words()?,
            "ContainerName" => container_name = e.value.clone(),
            "User" => user = Some(e.value.clone()),
            "Group" => group = Some(e.value.clone()),
            "NookArgs" | "PodmanArgs" => extra.extend(words()?),
            _ => {
                return Err(Problem::at(
                    e,
                    "unknown key in [Container]: nook-systemd.unit(5) lists the keys nook reads",
                ));
            }
        }
    }
    match (user, group) {
        (Some(u), Some(g)) => flags.push(format!("--user={u}:{g}")),
        (Some(u), None) => flags.push(format!("--user={u}")),
        (None, Some(g)) => {
            let e = container.iter().rev().find(|e| e.key == "Group");
            return Err(match e {
                Some(e) => Problem::at(e, "Group= needs User="),
                None => Problem {
                    line: 1,
                    key: None,
                    why: format!("Group={g} needs User="),
                },
            });
        }
        (None, None) => {}
    }
    let what: Vec<String> = match (image, rootfs) {
        (Some(i), None) if !i.value.is_empty() => vec![i.value.clone()],
        // podman's --rootfs is a switch: the directory takes the image's place.
        (None, Some(r)) if !r.value.is_empty() => vec!["--rootfs".into(), r.value.clone()],
        (Some(i), Some(_)) => return Err(Problem::at(i, "Image= and Rootfs= exclude each other")),
        (Some(e), None) | (None, Some(e)) => return Err(Problem::at(e, "an empty value")),
        (None, None) => {
            return Err(Problem {
                line: 1,
                key: Some("Image".into()),
                why: "[Container] needs Image= (or Rootfs=)".into(),
            });
        }
    };
    let mut argv: Vec<String> = vec![
        nook.to_string(),
        "run".into(),
        "--rm".into(),
        "--replace".into(),
        format!("--name={container_name}"),
        "--cgroups=split".into(),
        "--sdnotify=conmon".into(),
    ];
    argv.extend(flags);
    argv.extend(extra);
    argv.extend(what);
    argv.extend(exec);
    Ok(Generated {
        unit: format!("{name}.service"),
        text: render(name, path, &sections, &argv)?,
        wants: install_links(&sections)?,
    })
}

fn render(
    name: &str,
    path: &str,
    sections: &[Section],
    argv: &[String],
) -> Result<String, Problem> {
    let mut out = format!("# Made by nook __generate from {path}: edit that file, not this one.\n");
    let has_description = sections
        .iter()
        .filter(|s| s.name == "Unit")
        .flat_map(|s| &s.entries)
        .any(|e| e.key == "Description");
    out.push_str("[Unit]\n");
    if !has_description {
        out.push_str(&format!("Description=nook container {name}\n"));
    }
    out.push_str(&format!("SourcePath={path}\n"));
    pass_through(&mut out, sections, "Unit");
    out.push_str("\n[Service]\n");
    // The container's cgroup is made under the unit's own (`--cgroups=split`).
    out.push_str("Delegate=yes\n");
    // nook says READY=1 once the container's process runs (`--sdnotify=conmon`).
    out.push_str("Type=notify\nNotifyAccess=main\n");
    // SIGTERM to nook, which hands it to the container; what remains then gets SIGKILL.
    out.push_str("KillMode=mixed\n");
    // A container ended by SIGTERM (nook's 143) stopped cleanly.
    out.push_str("SuccessExitStatus=143\n");
    out.push_str("SyslogIdentifier=%N\n");
    // The user's namespace holder must not live (and die) in the unit's cgroup.
    out.push_str("Environment=NOOK_SHARED_USERNS=0\n");
    let line: Vec<String> = argv.iter().map(|w| quote_word(w)).collect();
    out.push_str(&format!("ExecStart={}\n", line.join(" ")));
    pass_through(&mut out, sections, "Service");
    for s in sections {
        if !matches!(s.name.as_str(), "Unit" | "Service" | "Container") {
            out.push_str(&format!("\n[{}]\n", s.name));
            for e in &s.entries {
                out.push_str(&format!("{}={}\n", e.key, e.value));
            }
        }
    }
    Ok(out)
}

fn pass_through(out: &mut String, sections: &[Section], name: &str) {
    for e in sections
        .iter()
        .filter(|s| s.name == name)
        .flat_map(|s| &s.entries)
    {
        out.push_str(&format!("{}={}\n", e.key, e.value));
    }
}

/// `WantedBy=` and `RequiredBy=` of `[Install]`: the `.wants`/`.requires` directories.
fn install_links(sections: &[Section]) -> Result<Vec<String>, Problem> {
    let mut dirs = Vec::new();
    for e in sections
        .iter()
        .filter(|s| s.name == "Install")
        .flat_map(|s| &s.entries)
    {
        let suffix = match e.key.as_str() {
            "WantedBy" => "wants",
            "RequiredBy" => "requires",
            _ => continue,
        };
        for target in split_words(&e.value).map_err(|why| Problem::at(e, why))? {
            if target.contains('/') || !target.contains('.') {
                return Err(Problem::at(e, format!("{target:?} is not a unit name")));
            }
            let dir = format!("{target}.{suffix}");
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
    }
    Ok(dirs)
}
