//! PURE: `nook run --desktop`, decided. From the session's variables (WAYLAND_DISPLAY, DISPLAY,
//! XAUTHORITY, XDG_RUNTIME_DIR...) and what the host has at the paths they name (`wanted`
//! lists them, `host/facts/desktop.rs` looks), which pieces a container gets: the Wayland
//! socket, X11 (socket and cookie), PipeWire, PulseAudio, the GPU's /dev/dri nodes. Each piece
//! becomes plain request additions (binds, devices, variables) that the ordinary `-v`,
//! `--device`, `-e`, `--group-add keep-groups` and `--userns keep-id` machinery carries out.

use std::collections::BTreeMap;

use super::request::{RunRequest, Userns};

/// What the host has at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Socket,
    File,
    Dir,
    Device,
    Other,
}

/// The facts `decide` judges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub uid: u32,
    /// The variables of the session that matter (`ENV_KEYS`), non-empty ones only.
    pub env: BTreeMap<String, String>,
    /// What exists at each path of `wanted(env)` (absent: nothing there).
    pub paths: BTreeMap<String, Kind>,
    /// The device nodes of /dev/dri (renderD*, card*), sorted.
    pub dri: Vec<String>,
    /// The host's name (the container gets it, so that the X cookie, kept per host name,
    /// matches inside).
    pub host_name: String,
    /// The container shares the host's network namespace (`--network host`): an abstract X
    /// socket or a TCP display is reachable.
    pub host_network: bool,
}

/// The variables `Facts::env` holds.
pub const ENV_KEYS: [&str; 7] = [
    "WAYLAND_DISPLAY",
    "DISPLAY",
    "XAUTHORITY",
    "XDG_RUNTIME_DIR",
    "HOME",
    "PULSE_SERVER",
    "PULSE_COOKIE",
];

/// A file or socket bound into the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bind {
    pub source: String,
    pub target: String,
    pub readonly: bool,
}

/// One piece as `nook info` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Piece {
    pub name: &'static str,
    pub present: bool,
    pub detail: String,
}

/// What `--desktop` adds to a container.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Desktop {
    pub pieces: Vec<Piece>,
    pub binds: Vec<Bind>,
    pub devices: Vec<String>,
    /// `KEY=VALUE`, set before the user's `-e` (which win).
    pub env: Vec<String>,
    /// Lines for stderr, each a piece the container will lack and why.
    pub warnings: Vec<String>,
    /// A display (Wayland or X11) the container can reach.
    pub display: bool,
}

/// The runtime directory inside: where the sockets go (the keep-id user's, as on the host).
pub fn inside_runtime_dir(uid: u32) -> String {
    format!("/run/user/{uid}")
}

/// X11's `DISPLAY`, read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum XDisplay {
    /// `:N`, `:N.S`, `unix:N`: the socket /tmp/.X11-unix/XN (or the abstract one).
    Local(u32),
    /// `HOST:N` over TCP.
    Tcp(String),
    /// Anything else (an absolute socket path, launchd's), passed on as it is.
    Other,
}

fn x_display(d: &str) -> XDisplay {
    let (host, rest) = match d.rsplit_once(':') {
        Some(hr) => hr,
        None => return XDisplay::Other,
    };
    let number = rest.split('.').next().unwrap_or_default();
    match (host, number.parse::<u32>()) {
        ("" | "unix", Ok(n)) => XDisplay::Local(n),
        (h, Ok(_)) if !h.contains('/') => XDisplay::Tcp(h.to_string()),
        _ => XDisplay::Other,
    }
}

fn join(dir: &str, name: &str) -> String {
    format!("{}/{name}", dir.trim_end_matches('/'))
}

/// The Wayland socket: an absolute WAYLAND_DISPLAY, else $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY.
fn wayland_socket(env: &BTreeMap<String, String>) -> Option<String> {
    let w = env.get("WAYLAND_DISPLAY")?;
    match w.starts_with('/') {
        true => Some(w.clone()),
        false => env.get("XDG_RUNTIME_DIR").map(|r| join(r, w)),
    }
}

/// XAUTHORITY, else ~/.Xauthority.
fn xauthority(env: &BTreeMap<String, String>) -> Option<String> {
    env.get("XAUTHORITY")
        .cloned()
        .or_else(|| env.get("HOME").map(|h| join(h, ".Xauthority")))
}

/// PulseAudio's socket: a `unix:` PULSE_SERVER, else $XDG_RUNTIME_DIR/pulse/native.
fn pulse_socket(env: &BTreeMap<String, String>) -> Option<String> {
    match env.get("PULSE_SERVER") {
        Some(s) => s
            .strip_prefix("unix:")
            .filter(|p| p.starts_with('/'))
            .map(str::to_string),
        None => env.get("XDG_RUNTIME_DIR").map(|r| join(r, "pulse/native")),
    }
}

/// PulseAudio's cookie: PULSE_COOKIE, else ~/.config/pulse/cookie.
fn pulse_cookie(env: &BTreeMap<String, String>) -> Option<String> {
    env.get("PULSE_COOKIE")
        .cloned()
        .or_else(|| env.get("HOME").map(|h| join(h, ".config/pulse/cookie")))
}

fn pipewire_socket(env: &BTreeMap<String, String>) -> Option<String> {
    env.get("XDG_RUNTIME_DIR").map(|r| join(r, "pipewire-0"))
}

/// The paths whose kind `decide` needs, given the session's variables.
pub fn wanted(env: &BTreeMap<String, String>) -> Vec<String> {
    let mut paths = Vec::new();
    paths.extend(wayland_socket(env));
    if let Some(XDisplay::Local(n)) = env.get("DISPLAY").map(|d| x_display(d)) {
        paths.push(format!("/tmp/.X11-unix/X{n}"));
    }
    paths.extend(xauthority(env));
    paths.extend(pulse_socket(env));
    paths.extend(pulse_cookie(env));
    paths.extend(pipewire_socket(env));
    paths
}

/// A path `-v` can carry (its separator is ':').
fn bindable(path: &str) -> bool {
    !path.contains([':', ',', '\n'])
}

/// Decide the pieces. Never fails: `display` says whether the container gets one.
pub fn decide(f: &Facts) -> Desktop {
    let mut d = Desktop::default();
    let rt = inside_runtime_dir(f.uid);
    let kind = |p: &Option<String>| p.as_ref().and_then(|p| f.paths.get(p).copied());
    // Wayland.
    let socket = wayland_socket(&f.env);
    let wayland = match (&socket, kind(&socket)) {
        (Some(s), Some(Kind::Socket)) => {
            let name = "wayland-0";
            let target = join(&rt, name);
            let ok = bind(&mut d, s, target, false);
            if ok {
                d.env.push(format!("WAYLAND_DISPLAY={name}"));
                d.display = true;
            }
            Piece {
                name: "wayland",
                present: ok,
                detail: format!("socket {s}"),
            }
        }
        (Some(s), _) => Piece {
            name: "wayland",
            present: false,
            detail: format!("WAYLAND_DISPLAY is set but {s} is not a socket"),
        },
        (None, _) => Piece {
            name: "wayland",
            present: false,
            detail: match f.env.contains_key("WAYLAND_DISPLAY") {
                true => "WAYLAND_DISPLAY is relative and XDG_RUNTIME_DIR is not set".into(),
                false => "WAYLAND_DISPLAY is not set".into(),
            },
        },
    };
    d.pieces.push(wayland);

    // X11.
    let x11 = x11(f, &mut d, &rt);
    d.pieces.push(x11);

    // PipeWire.
    let pw = pipewire_socket(&f.env);
    let piece = match (&pw, kind(&pw)) {
        (Some(s), Some(Kind::Socket)) => Piece {
            name: "pipewire",
            present: bind(&mut d, s, join(&rt, "pipewire-0"), false),
            detail: format!("socket {s}"),
        },
        (Some(s), _) => Piece {
            name: "pipewire",
            present: false,
            detail: format!("no socket {s}"),
        },
        (None, _) => Piece {
            name: "pipewire",
            present: false,
            detail: "XDG_RUNTIME_DIR is not set".into(),
        },
    };
    d.pieces.push(piece);

    // PulseAudio.
    let pulse = pulse_socket(&f.env);
    let piece = match (&pulse, kind(&pulse)) {
        (Some(s), Some(Kind::Socket)) => {
            let target = join(&rt, "pulse/native");
            let ok = bind(&mut d, s, target.clone(), false);
            let mut detail = format!("socket {s}");
            if ok {
                d.env.push(format!("PULSE_SERVER=unix:{target}"));
                let cookie = pulse_cookie(&f.env);
                if let (Some(c), Some(Kind::File)) = (&cookie, kind(&cookie)) {
                    let inside = join(&rt, "pulse/cookie");
                    if bind(&mut d, c, inside.clone(), true) {
                        d.env.push(format!("PULSE_COOKIE={inside}"));
                        detail.push_str(&format!(", cookie {c}"));
                    }
                }
            }
            Piece {
                name: "pulseaudio",
                present: ok,
                detail,
            }
        }
        (Some(s), _) => Piece {
            name: "pulseaudio",
            present: false,
            detail: format!("no socket {s}"),
        },
        (None, _) => Piece {
            name: "pulseaudio",
            present: false,
            detail: "XDG_RUNTIME_DIR is not set (or PULSE_SERVER is not a unix: path)".into(),
        },
    };
    d.pieces.push(piece);

    // The GPU.
    d.devices = f.dri.clone();
    d.pieces.push(Piece {
        name: "gpu",
        present: !f.dri.is_empty(),
        detail: match f.dri.is_empty() {
            true => "no /dev/dri render or card nodes".into(),
            false => f.dri.join(", "),
        },
    });

    if d.binds.iter().any(|b| b.target.starts_with(&rt)) {
        d.env.push(format!("XDG_RUNTIME_DIR={rt}"));
    }
    d
}

/// Bind `source` at `target`, unless `-v` cannot carry its path (then a warning): whether bound.
fn bind(d: &mut Desktop, source: &str, target: String, readonly: bool) -> bool {
    if !bindable(source) {
        d.warnings.push(format!(
            "Warning: --desktop: {source} cannot be bound (its path has ':' or ','); the container goes without it"
        ));
        return false;
    }
    d.binds.push(Bind {
        source: source.to_string(),
        target,
        readonly,
    });
    true
}

fn x11(f: &Facts, d: &mut Desktop, rt: &str) -> Piece {
    let Some(display) = f.env.get("DISPLAY") else {
        return Piece {
            name: "x11",
            present: false,
            detail: "DISPLAY is not set".into(),
        };
    };
    let mut detail = format!("DISPLAY {display}");
    match x_display(display) {
        XDisplay::Local(n) => {
            let socket = format!("/tmp/.X11-unix/X{n}");
            match f.paths.get(&socket) {
                Some(Kind::Socket) => {
                    if !bind(d, &socket, socket.clone(), false) {
                        return Piece {
                            name: "x11",
                            present: false,
                            detail,
                        };
                    }
                    detail.push_str(&format!(", socket {socket}"));
                }
                _ if f.host_network => detail.push_str(" (abstract socket, host network)"),
                _ => {
                    d.warnings.push(format!(
                        "Warning: --desktop: DISPLAY {display} has no socket {socket} (only an abstract socket or none), which a container with its own network cannot reach: use --network host"
                    ));
                    return Piece {
                        name: "x11",
                        present: false,
                        detail: format!(
                            "{detail}: no socket {socket} (an abstract socket needs --network host)"
                        ),
                    };
                }
            }
            d.env.push(format!("DISPLAY=:{n}"));
        }
        XDisplay::Tcp(host) => {
            if !f.host_network {
                d.warnings.push(format!(
                    "Warning: --desktop: DISPLAY {display} is on {host} over TCP: the container reaches it only through its network (--network host reaches what the host does)"
                ));
            }
            detail.push_str(" (TCP)");
            d.env.push(format!("DISPLAY={display}"));
        }
        XDisplay::Other => d.env.push(format!("DISPLAY={display}")),
    }
    d.display = true;
    let cookie = xauthority(&f.env);
    match cookie.as_ref().map(|c| (c, f.paths.get(c))) {
        Some((c, Some(Kind::File))) => {
            let inside = join(rt, "Xauthority");
            if bind(d, c, inside.clone(), true) {
                d.env.push(format!("XAUTHORITY={inside}"));
                detail.push_str(&format!(", cookie {c}"));
            }
        }
        _ => detail.push_str(", no Xauthority cookie"),
    }
    Piece {
        name: "x11",
        present: true,
        detail,
    }
}

/// `--desktop` with no display: podman-style one line, the problem and the fix.
pub fn no_display(d: &Desktop) -> String {
    let why: Vec<String> = d
        .pieces
        .iter()
        .filter(|p| p.name == "wayland" || p.name == "x11")
        .map(|p| p.detail.clone())
        .collect();
    format!(
        "--desktop: no display to give the container ({}): run it from a graphical session, or set WAYLAND_DISPLAY or DISPLAY",
        why.join("; ")
    )
}

/// Add the pieces to the request: binds as `-v`, devices as `--device` (with the caller's
/// groups kept, for the render and video groups the nodes belong to, unless `--group-add`
/// names groups), variables before the user's `-e`, `--userns keep-id` unless `userns_given`,
/// and the host's name unless `--hostname` or `--uts` say otherwise.
pub fn apply(req: &mut RunRequest, d: &Desktop, userns_given: bool, host_name: &str) {
    for b in &d.binds {
        let target_taken = req
            .mounts
            .volumes
            .iter()
            .any(|v| v.split(':').nth(1) == Some(b.target.as_str()));
        if target_taken {
            continue;
        }
        let ro = if b.readonly { ":ro" } else { "" };
        req.mounts
            .volumes
            .push(format!("{}:{}{ro}", b.source, b.target));
    }
    for dev in &d.devices {
        if !req
            .host
            .devices
            .iter()
            .any(|x| x.split(':').next() == Some(dev))
        {
            req.host.devices.push(dev.clone());
        }
    }
    if !d.devices.is_empty() && req.host.group_add.is_empty() {
        req.host.group_add.push("keep-groups".into());
    }
    let mut env = d.env.clone();
    env.append(&mut req.env);
    req.env = env;
    if !userns_given {
        req.userns = Userns::KeepId;
    }
    if req.hostname.is_none() && req.host.uts.is_none() && !host_name.is_empty() {
        req.hostname = Some(host_name.to_string());
    }
}

#[cfg(test)]
#[path = "desktop_tests.rs"]
mod tests;
