//! `nook run --desktop` end to end, as the unprivileged test user: an X client in a container
//! draws on an Xvfb display the test started with an Xauthority cookie, and the test's own
//! screenshot shows it; a Wayland client lists a headless weston's globals; the PipeWire and
//! PulseAudio sockets are there with their variables; files written to a mounted directory are
//! the user's (keep-id); no display at all is one line, exit 125, nothing left behind.
//! The container's programs are the host's (Xvfb's packages, weston, wayland-utils), copied
//! with the libraries `ldd` lists into a copy of the busybox root file system.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use common::*;

/// The host programs the container runs.
const CLIENTS: [&str; 3] = ["xsetroot", "xdpyinfo", "wayland-info"];

fn program(name: &str) -> PathBuf {
    let path = ["/usr/bin", "/bin", "/usr/local/bin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file());
    path.unwrap_or_else(|| {
        panic!("{name} is missing: apt-get install xvfb xauth x11-apps x11-utils x11-xserver-utils weston wayland-utils (scripts/test.sh's PACKAGES)")
    })
}

/// Copy the host file `path` to the same path under `root` (following links).
fn copy_in(root: &Path, path: &str) {
    let to = root.join(path.trim_start_matches('/'));
    if to.exists() {
        return;
    }
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(path, &to).unwrap_or_else(|e| panic!("copy {path}: {e}"));
}

/// The busybox root file system with `CLIENTS` and every library they load.
fn gui_rootfs() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = rootfs_copy("gui-rootfs");
        for name in CLIENTS {
            let bin = program(name);
            let bin = bin.to_str().unwrap();
            // The busybox tree's usr/bin is a link to bin: put the client in bin.
            std::fs::copy(bin, root.join("bin").join(name)).unwrap();
            let libs = output_of(Command::new("ldd").arg(bin));
            for word in libs.split_whitespace().filter(|w| w.starts_with('/')) {
                copy_in(&root, word);
            }
        }
        root
    })
}

/// An Xvfb server of the test's, on a free display, with a cookie of its own.
struct Xvfb {
    child: Child,
    display: String,
    auth: PathBuf,
}

impl Xvfb {
    fn start() -> Xvfb {
        let first = 100 + std::process::id() % 300;
        for n in (first..first + 40).filter(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists()) {
            let display = format!(":{n}");
            let auth = scratch().join(format!("xauth-{n}"));
            let cookie = random_hex();
            output_of(
                Command::new(program("xauth"))
                    .arg("-f")
                    .arg(&auth)
                    .args(["add", &display, ".", &cookie]),
            );
            let child = Command::new(program("Xvfb"))
                .arg(&display)
                .arg("-auth")
                .arg(&auth)
                // -noreset: the root's colour outlives the client that set it.
                .args(["-nolisten", "tcp", "-noreset", "-br"])
                .args(["-screen", "0", "64x48x24"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn Xvfb");
            let mut x = Xvfb {
                child,
                display,
                auth,
            };
            let up = wait_for(20, || {
                x.child.try_wait().ok().flatten().is_some() || x.client("xdpyinfo").is_ok()
            });
            if up && x.child.try_wait().ok().flatten().is_none() {
                return x;
            }
        }
        panic!("no free X display for Xvfb in 40 tries");
    }

    /// A host X client on this display: its stdout, or why not.
    fn client(&self, program_name: &str) -> Result<Vec<u8>, String> {
        let mut c = Command::new(program(program_name));
        if program_name == "xwd" {
            c.args(["-root", "-silent"]);
        }
        let out = c
            .args(["-display", &self.display])
            .env("XAUTHORITY", &self.auth)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        match out.status.success() {
            true => Ok(out.stdout),
            false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
        }
    }

    /// The colour (0xRRGGBB) of the screen's centre, from `xwd -root`.
    fn centre(&self) -> u32 {
        centre_pixel(&self.client("xwd").expect("xwd -root"))
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    let mut f = std::fs::File::open("/dev/urandom").unwrap();
    std::io::Read::read_exact(&mut f, &mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The centre pixel of an XWD dump (X11's xwd format: a header of big-endian 32-bit
/// fields, the colour map, then ZPixmap rows), as 0xRRGGBB of a TrueColor visual.
fn centre_pixel(xwd: &[u8]) -> u32 {
    let field = |i: usize| u32::from_be_bytes(xwd[i * 4..i * 4 + 4].try_into().unwrap());
    let (header, width, height) = (field(0) as usize, field(4), field(5));
    let (byte_order, bits_per_pixel, bytes_per_line) = (field(7), field(11), field(12) as usize);
    let (red, green, blue) = (field(14), field(15), field(16));
    let ncolors = field(19) as usize;
    assert_eq!(bits_per_pixel, 32, "a 24-bit screen has 32-bit pixels");
    let start = header + ncolors * 12;
    let at = start + (height / 2) as usize * bytes_per_line + (width / 2) as usize * 4;
    let b: [u8; 4] = xwd[at..at + 4].try_into().unwrap();
    let p = match byte_order {
        0 => u32::from_le_bytes(b),
        _ => u32::from_be_bytes(b),
    };
    let channel = |mask: u32| (p & mask) >> mask.trailing_zeros();
    (channel(red) << 16) | (channel(green) << 8) | channel(blue)
}

/// `nook` with only this session's display variables (none of the caller's).
fn session(h: &home::Home, vars: &[(&str, &str)]) -> Command {
    let mut c = h.nook();
    for k in [
        "WAYLAND_DISPLAY",
        "DISPLAY",
        "XAUTHORITY",
        "PULSE_SERVER",
        "PULSE_COOKIE",
    ] {
        c.env_remove(k);
    }
    for (k, v) in vars {
        c.env(k, v);
    }
    c
}

#[test]
fn desktop_x_client_in_the_container_draws_on_the_users_display() {
    let x = Xvfb::start();
    assert_eq!(x.centre(), 0x000000, "Xvfb -br starts black");
    let h = home::Home::new().private_runtime();
    let out_dir = scratch().join("desktop-out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let auth = x.auth.to_str().unwrap();
    let vars = [("DISPLAY", x.display.as_str()), ("XAUTHORITY", auth)];

    let info = output_of(session(&h, &vars).arg("info"));
    let x11_line = info.lines().find(|l| l.contains("x11")).unwrap_or_default();
    assert!(
        x11_line.starts_with("ok") && x11_line.contains(auth),
        "{info}"
    );

    let volume = format!("{}:/out", out_dir.display());
    let script = "xsetroot -solid red && xdpyinfo > /out/xdpyinfo && id -u && echo \"$DISPLAY $XAUTHORITY $XDG_RUNTIME_DIR\"";
    let out = session(&h, &vars)
        .args(["run", "--rm", "--desktop", "-v", &volume, "--rootfs"])
        .arg(gui_rootfs())
        .args(["sh", "-c", script])
        .output()
        .expect("spawn nook");
    let text = succeeded(&["run", "--desktop"], &out);
    let (uid, _) = ids();
    let n = x.display.trim_start_matches(':');
    assert_eq!(
        text,
        format!("{uid}\n:{n} /run/user/{uid}/Xauthority /run/user/{uid}\n")
    );
    // The client drew: the test's own screenshot of the display shows the container's red.
    assert_eq!(x.centre(), 0xff0000);
    // What the container wrote to the mounted directory is the user's (keep-id).
    let written = out_dir.join("xdpyinfo");
    let meta = std::fs::metadata(&written).unwrap();
    assert_eq!(meta.uid(), uid);
    let report = std::fs::read_to_string(&written).unwrap();
    assert!(
        report.contains(&format!("name of display:    :{n}")),
        "{report}"
    );
    assert!(h.containers().is_empty(), "{:?}", h.containers());
}

#[test]
fn desktop_wayland_client_sees_the_compositor_and_the_sound_sockets_are_there() {
    let h = home::Home::new().private_runtime();
    let rt = h.runtime().unwrap();
    let socket = "wl-nook-test";
    let mut weston = Command::new(program("weston"))
        .args(["--backend=headless-backend.so", "--idle-time=0"])
        .arg(format!("--socket={socket}"))
        .env("XDG_RUNTIME_DIR", &rt)
        .env("HOME", h.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn weston");
    let up = wait_for(20, || rt.join(socket).exists());
    // Stand-ins for a sound server's sockets: only their presence is checked.
    std::fs::create_dir_all(rt.join("pulse")).unwrap();
    let _pulse = std::os::unix::net::UnixListener::bind(rt.join("pulse/native")).unwrap();
    let _pw = std::os::unix::net::UnixListener::bind(rt.join("pipewire-0")).unwrap();
    let rt_s = rt.to_str().unwrap();
    let vars = [("WAYLAND_DISPLAY", socket), ("XDG_RUNTIME_DIR", rt_s)];
    let info = output_of(session(&h, &vars).arg("info"));
    let script = "wayland-info; echo \"$WAYLAND_DISPLAY $PULSE_SERVER\"; for s in \"$XDG_RUNTIME_DIR\"/wayland-0 \"$XDG_RUNTIME_DIR\"/pipewire-0 \"$XDG_RUNTIME_DIR\"/pulse/native; do [ -S $s ] && echo socket $s; done";
    let out = session(&h, &vars)
        .args(["run", "--rm", "--desktop", "--rootfs"])
        .arg(gui_rootfs())
        .args(["sh", "-c", script])
        .output()
        .expect("spawn nook");
    let _ = weston.kill();
    let _ = weston.wait();
    assert!(up, "weston made no socket {socket}");
    let text = succeeded(&["run", "--desktop"], &out);
    assert!(text.contains("interface: 'wl_compositor'"), "{text}");
    assert!(text.contains("interface: 'wl_shm'"), "{text}");
    let (uid, _) = ids();
    let rt_in = format!("/run/user/{uid}");
    assert!(
        text.contains(&format!("wayland-0 unix:{rt_in}/pulse/native\n")),
        "{text}"
    );
    for s in ["wayland-0", "pipewire-0", "pulse/native"] {
        assert!(text.contains(&format!("socket {rt_in}/{s}\n")), "{text}");
    }
    for piece in ["wayland", "pipewire", "pulseaudio"] {
        let line = info.lines().find(|l| l.contains(&format!(" {piece} ")));
        assert!(line.is_some_and(|l| l.starts_with("ok")), "{piece}: {info}");
    }
    assert!(h.containers().is_empty(), "{:?}", h.containers());
}

#[test]
fn desktop_without_a_display_is_one_line_and_leaves_nothing() {
    let h = home::Home::new().private_runtime();
    let root = rootfs().to_str().unwrap();
    let args = ["run", "--rm", "--desktop", "--rootfs", root, "true"];
    // No display variable at all, then a DISPLAY whose socket does not exist: one line
    // saying why each cannot serve.
    for (vars, why) in [
        (vec![], "DISPLAY is not set"),
        (
            vec![("DISPLAY", ":4093")],
            "no socket /tmp/.X11-unix/X4093 (an abstract socket needs --network host)",
        ),
    ] {
        let out = session(&h, &vars).args(args).output().unwrap();
        let err = failed(&out, "--desktop: no display");
        assert!(
            err.contains(why) && err.contains("set WAYLAND_DISPLAY or DISPLAY"),
            "{err}"
        );
        assert!(h.containers().is_empty(), "{:?}", h.containers());
    }
    let out = session(&h, &[])
        .args(["create", "--desktop", "--rootfs", root, "true"])
        .output()
        .unwrap();
    let err = failed(&out, "--desktop: no display");
    assert!(err.contains("WAYLAND_DISPLAY is not set"), "{err}");
    assert!(h.containers().is_empty(), "{:?}", h.containers());
}
