//! Maps that leave the caller's own uid out (`--userns=auto`, `--uidmap 0:1:N`) with an
//! IMAGE, end to end as the unprivileged test user: the map comes from the user's
//! subordinate range, the image's files keep their owners inside (the store's copy of the
//! layers shifted for that map), the container writes to its root, and slirp4netns joins it.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::process::Stdio;

use common::podman::with_busybox;
use common::{ids, ranges, stderr, stdout};

const SCRIPT: &str = "cat /proc/self/uid_map; stat -c '%u:%g %a %n' / /etc /home/owned42 /bin/suid-marker; id -u; touch /etc/x && echo wrote";

/// The uid_map line of `out` as numbers, and the rest of its lines.
fn map_and_rest(out: &str) -> (Vec<u64>, Vec<String>) {
    let mut lines = out.lines();
    let map = lines
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (map, lines.map(str::to_string).collect())
}

const OWNERS: [&str; 6] = [
    "0:0 555 /",
    "0:0 755 /etc",
    "42:42 640 /home/owned42",
    "0:0 4755 /bin/suid-marker",
    "0",
    "wrote",
];

#[test]
fn userns_auto_runs_an_image_with_its_owners_and_the_network() {
    let h = with_busybox();
    let (uid, _) = ids();
    let (start, count) = ranges("/etc/subuid", uid)[0];
    // A listener of the host, reached at the gateway (slirp4netns, host loopback allowed).
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let script = format!("{SCRIPT}; echo through-slirp | nc 10.0.2.2 {port}");
    let child = h
        .nook()
        .args([
            "run",
            "--rm",
            "--userns=auto",
            "--network",
            "slirp4netns:allow_host_loopback=true",
            "busybox",
            "sh",
            "-c",
            &script,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    listener.set_nonblocking(true).unwrap();
    let mut got = String::new();
    let accepted = common::wait_for(60, || match listener.accept() {
        Ok((mut s, _)) => {
            s.set_nonblocking(false).unwrap();
            s.read_to_string(&mut got).unwrap();
            true
        }
        Err(_) => false,
    });
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(accepted, "nothing reached the host: {}", stderr(&out));
    assert_eq!(got, "through-slirp\n");
    let (map, rest) = map_and_rest(&stdout(&out));
    // A block of the user's subordinate ids, not the user's own.
    assert_eq!((map[0], map[2]), (0, 1024), "{map:?}");
    assert!(map[1] >= u64::from(start) && map[1] + 1024 <= u64::from(start) + u64::from(count));
    assert_eq!(rest, OWNERS);
    // The shifted copy is kept beside the layer, and goes with it.
    let layers = h.entries("layers");
    assert_eq!(layers.len(), 2, "{layers:?}");
    assert!(layers[1].contains(".idmap-0-"), "{layers:?}");
    assert!(h.containers().is_empty(), "{:?}", h.containers());
    h.ok(&["rmi", "busybox"]);
    assert!(h.entries("layers").is_empty(), "{:?}", h.entries("layers"));
}

#[test]
fn uidmap_from_one_runs_an_image_on_both_storage_drivers() {
    let h = with_busybox();
    let (uid, _) = ids();
    let (start, _) = ranges("/etc/subuid", uid)[0];
    for driver in ["overlay", "vfs"] {
        let out = h.output(&[
            "run",
            "--rm",
            "--storage-driver",
            driver,
            "--uidmap",
            "0:1:1000",
            "--network",
            "pasta",
            "busybox",
            "sh",
            "-c",
            &format!("{SCRIPT}; ip -4 addr show tap0 | grep -c 10.0.2.100"),
        ]);
        assert!(out.status.success(), "{driver}: {}", stderr(&out));
        let (map, rest) = map_and_rest(&stdout(&out));
        assert_eq!(map, vec![0, u64::from(start), 1000], "{driver}");
        assert_eq!(rest[..6], OWNERS, "{driver}");
        assert_eq!(rest[6], "1", "{driver}: pasta's address");
    }
    // fuse-overlayfs runs as the container's root, which cannot reach the caller's store:
    // asked for, it is refused in one line (chosen by default, vfs takes its place).
    let out = h.output(&[
        "run",
        "--rm",
        "--storage-driver",
        "fuse-overlayfs",
        "--uidmap",
        "0:1:1000",
        "busybox",
        "true",
    ]);
    assert_eq!(out.status.code(), Some(125), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "fuse-overlayfs cannot show an image through a map that leaves your own uid out"
        ) && stderr(&out).contains("use --storage-driver vfs"),
        "{}",
        stderr(&out)
    );
    // Two ranges cannot be shown through one shifted copy: one line, exit 125.
    let out = h.output(&[
        "run",
        "--rm",
        "--uidmap",
        "0:1:1000",
        "--uidmap",
        "1000:1001:10",
        "busybox",
        "true",
    ]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        stderr(&out).contains("one range of uids and one of gids"),
        "{}",
        stderr(&out)
    );
    assert!(h.containers().is_empty());
}
