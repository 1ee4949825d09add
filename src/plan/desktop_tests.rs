//! Unit tests of `plan::desktop`: which pieces a session's facts give a container.

use super::*;

fn facts(env: &[(&str, &str)], paths: &[(&str, Kind)]) -> Facts {
    Facts {
        uid: 1000,
        env: env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        paths: paths.iter().map(|(p, k)| (p.to_string(), *k)).collect(),
        dri: Vec::new(),
        host_name: "desk".into(),
        host_network: false,
    }
}

fn bind(s: &str, t: &str, ro: bool) -> Bind {
    Bind {
        source: s.into(),
        target: t.into(),
        readonly: ro,
    }
}

fn piece<'a>(d: &'a Desktop, name: &str) -> &'a Piece {
    d.pieces.iter().find(|p| p.name == name).expect(name)
}

const RT: (&str, &str) = ("XDG_RUNTIME_DIR", "/run/user/1000");
const HOME: (&str, &str) = ("HOME", "/home/u");

#[test]
fn a_full_wayland_session_gets_every_piece() {
    let mut f = facts(
        &[
            RT,
            HOME,
            ("WAYLAND_DISPLAY", "wayland-1"),
            ("DISPLAY", ":0"),
        ],
        &[
            ("/run/user/1000/wayland-1", Kind::Socket),
            ("/tmp/.X11-unix/X0", Kind::Socket),
            ("/home/u/.Xauthority", Kind::File),
            ("/run/user/1000/pipewire-0", Kind::Socket),
            ("/run/user/1000/pulse/native", Kind::Socket),
            ("/home/u/.config/pulse/cookie", Kind::File),
        ],
    );
    f.dri = vec!["/dev/dri/card0".into(), "/dev/dri/renderD128".into()];
    let mut wanted = wanted(&f.env);
    wanted.sort();
    let mut known: Vec<_> = f.paths.keys().cloned().collect();
    known.sort();
    assert_eq!(wanted, known);
    let d = decide(&f);
    assert!(d.display);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    assert!(d.pieces.iter().all(|p| p.present), "{:?}", d.pieces);
    assert_eq!(
        d.binds,
        [
            bind(
                "/run/user/1000/wayland-1",
                "/run/user/1000/wayland-0",
                false
            ),
            bind("/tmp/.X11-unix/X0", "/tmp/.X11-unix/X0", false),
            bind("/home/u/.Xauthority", "/run/user/1000/Xauthority", true),
            bind(
                "/run/user/1000/pipewire-0",
                "/run/user/1000/pipewire-0",
                false
            ),
            bind(
                "/run/user/1000/pulse/native",
                "/run/user/1000/pulse/native",
                false
            ),
            bind(
                "/home/u/.config/pulse/cookie",
                "/run/user/1000/pulse/cookie",
                true
            ),
        ]
    );
    assert_eq!(
        d.env,
        [
            "WAYLAND_DISPLAY=wayland-0",
            "DISPLAY=:0",
            "XAUTHORITY=/run/user/1000/Xauthority",
            "PULSE_SERVER=unix:/run/user/1000/pulse/native",
            "PULSE_COOKIE=/run/user/1000/pulse/cookie",
            "XDG_RUNTIME_DIR=/run/user/1000",
        ]
    );
    assert_eq!(d.devices, f.dri);
    assert_eq!(
        piece(&d, "gpu").detail,
        "/dev/dri/card0, /dev/dri/renderD128"
    );
}

#[test]
fn x11_alone_with_a_cookie_named_by_xauthority() {
    let f = facts(
        &[("DISPLAY", "unix:7.0"), ("XAUTHORITY", "/tmp/cookie")],
        &[
            ("/tmp/.X11-unix/X7", Kind::Socket),
            ("/tmp/cookie", Kind::File),
        ],
    );
    let d = decide(&f);
    assert!(d.display);
    assert_eq!(
        d.binds,
        [
            bind("/tmp/.X11-unix/X7", "/tmp/.X11-unix/X7", false),
            bind("/tmp/cookie", "/run/user/1000/Xauthority", true),
        ]
    );
    assert_eq!(
        d.env,
        [
            "DISPLAY=:7",
            "XAUTHORITY=/run/user/1000/Xauthority",
            "XDG_RUNTIME_DIR=/run/user/1000",
        ]
    );
    assert_eq!(
        piece(&d, "x11").detail,
        "DISPLAY unix:7.0, socket /tmp/.X11-unix/X7, cookie /tmp/cookie"
    );
    assert!(!piece(&d, "wayland").present);
    assert!(!piece(&d, "pipewire").present);
    assert!(!piece(&d, "gpu").present);
}

#[test]
fn an_absolute_wayland_display_and_no_cookie() {
    let f = facts(
        &[("WAYLAND_DISPLAY", "/tmp/w/sock"), ("DISPLAY", ":1")],
        &[
            ("/tmp/w/sock", Kind::Socket),
            ("/tmp/.X11-unix/X1", Kind::Socket),
        ],
    );
    let d = decide(&f);
    assert_eq!(
        d.binds[0],
        bind("/tmp/w/sock", "/run/user/1000/wayland-0", false)
    );
    assert_eq!(
        piece(&d, "x11").detail,
        "DISPLAY :1, socket /tmp/.X11-unix/X1, no Xauthority cookie"
    );
    assert!(!d.env.iter().any(|e| e.starts_with("XAUTHORITY=")));
}

#[test]
fn an_abstract_only_x_socket_is_a_warning_unless_the_network_is_the_hosts() {
    let f = facts(&[("DISPLAY", ":3")], &[]);
    let d = decide(&f);
    assert!(!d.display);
    assert!(!piece(&d, "x11").present);
    assert_eq!(d.warnings.len(), 1);
    assert!(d.warnings[0].contains("--network host"), "{:?}", d.warnings);
    let mut f = f;
    f.host_network = true;
    let d = decide(&f);
    assert!(d.display && d.warnings.is_empty());
    assert_eq!(d.env, ["DISPLAY=:3"]);
    assert!(d.binds.is_empty());
}

#[test]
fn a_tcp_display_is_passed_on_with_a_warning() {
    let d = decide(&facts(&[("DISPLAY", "remote:10.0")], &[]));
    assert!(d.display);
    assert_eq!(d.env, ["DISPLAY=remote:10.0"]);
    assert_eq!(d.warnings.len(), 1);
    assert!(d.warnings[0].contains("TCP"));
    assert!(wanted(&facts(&[("DISPLAY", "remote:10")], &[]).env).is_empty());
}

#[test]
fn no_display_names_what_is_missing() {
    let d = decide(&facts(&[RT], &[]));
    assert!(!d.display);
    let line = no_display(&d);
    assert!(line.contains("WAYLAND_DISPLAY is not set"), "{line}");
    assert!(line.contains("DISPLAY is not set"), "{line}");
    assert!(!line.contains('\n'));
    // A WAYLAND_DISPLAY naming no socket is no display either.
    let d = decide(&facts(&[RT, ("WAYLAND_DISPLAY", "wayland-0")], &[]));
    assert!(!d.display);
    assert!(no_display(&d).contains("/run/user/1000/wayland-0 is not a socket"));
}

#[test]
fn a_path_with_a_colon_is_left_out_with_a_warning() {
    let f = facts(
        &[("WAYLAND_DISPLAY", "/tmp/a:b")],
        &[("/tmp/a:b", Kind::Socket)],
    );
    let d = decide(&f);
    assert!(!d.display);
    assert!(d.binds.is_empty());
    assert_eq!(d.warnings.len(), 1);
}

#[test]
fn pulse_server_names_the_socket() {
    let f = facts(
        &[RT, ("PULSE_SERVER", "unix:/tmp/pulse.sock")],
        &[("/tmp/pulse.sock", Kind::Socket)],
    );
    let d = decide(&f);
    assert!(piece(&d, "pulseaudio").present);
    assert_eq!(
        d.binds,
        [bind(
            "/tmp/pulse.sock",
            "/run/user/1000/pulse/native",
            false
        )]
    );
    // A TCP server is not ours to bind.
    let f = facts(&[RT, ("PULSE_SERVER", "tcp:host:4713")], &[]);
    assert!(!piece(&decide(&f), "pulseaudio").present);
}

#[test]
fn apply_adds_to_the_request_and_lets_the_user_win() {
    let mut f = facts(
        &[("DISPLAY", ":0"), HOME],
        &[
            ("/tmp/.X11-unix/X0", Kind::Socket),
            ("/home/u/.Xauthority", Kind::File),
        ],
    );
    f.dri = vec!["/dev/dri/renderD128".into()];
    let d = decide(&f);
    let mut req = RunRequest {
        env: vec!["DISPLAY=:9".into()],
        ..RunRequest::default()
    };
    apply(&mut req, &d, false, "desk");
    assert_eq!(
        req.mounts.volumes,
        [
            "/tmp/.X11-unix/X0:/tmp/.X11-unix/X0",
            "/home/u/.Xauthority:/run/user/1000/Xauthority:ro",
        ]
    );
    assert_eq!(req.host.devices, ["/dev/dri/renderD128"]);
    assert_eq!(req.host.group_add, ["keep-groups"]);
    assert_eq!(req.env.last().map(String::as_str), Some("DISPLAY=:9"));
    assert_eq!(req.env[0], "DISPLAY=:0");
    assert_eq!(req.userns, Userns::KeepId);
    assert_eq!(req.hostname.as_deref(), Some("desk"));

    // What the user gave stays: --userns, --group-add, --hostname, a -v at the same target,
    // the same --device.
    let mut req = RunRequest {
        userns: Userns::Auto { size: None },
        hostname: Some("mine".into()),
        ..RunRequest::default()
    };
    req.host.group_add = vec!["video".into()];
    req.host.devices = vec!["/dev/dri/renderD128:/dev/dri/renderD128:rw".into()];
    req.mounts.volumes = vec!["/elsewhere:/tmp/.X11-unix/X0".into()];
    apply(&mut req, &d, true, "desk");
    assert_eq!(req.userns, Userns::Auto { size: None });
    assert_eq!(req.hostname.as_deref(), Some("mine"));
    assert_eq!(req.host.group_add, ["video"]);
    assert_eq!(req.host.devices.len(), 1);
    assert_eq!(
        req.mounts.volumes,
        [
            "/elsewhere:/tmp/.X11-unix/X0",
            "/home/u/.Xauthority:/run/user/1000/Xauthority:ro",
        ]
    );
    // --uts host: the host's name already.
    let mut req = RunRequest::default();
    req.host.uts = Some("host".into());
    apply(&mut req, &d, false, "desk");
    assert_eq!(req.hostname, None);
}
