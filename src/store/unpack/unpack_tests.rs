//! Unit tests of safe extraction on tiny crafted tars (no privileges, no user namespace).

use super::*;
// What the tests reach beyond `extract`, from the parts it is split into.
use super::super::safe::remove_entry;
use super::whiteout::{Whiteout, whiteout_kind};
use nix::errno::Errno;
use sha2::{Digest, Sha256};
use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

enum E<'a> {
    File(&'a str, &'a [u8], u32),
    Dir(&'a str),
    Sym(&'a str, &'a str),
    Hard(&'a str, &'a str),
}

/// A tar whose names are written raw, so `..` and absolute paths get through.
fn tar(entries: &[E]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let mut h = tar::Header::new_old();
        let (name, kind, data, mode, link): (&str, _, &[u8], u32, Option<&str>) = match e {
            E::File(n, d, m) => (n, tar::EntryType::Regular, d, *m, None),
            E::Dir(n) => (n, tar::EntryType::Directory, b"", 0o755, None),
            E::Sym(n, t) => (n, tar::EntryType::Symlink, b"", 0o777, Some(t)),
            E::Hard(n, t) => (n, tar::EntryType::Link, b"", 0o644, Some(t)),
        };
        let old = h.as_old_mut();
        old.name[..name.len()].copy_from_slice(name.as_bytes());
        if let Some(t) = link {
            old.linkname[..t.len()].copy_from_slice(t.as_bytes());
        }
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(data.len() as u64);
        h.set_mtime(1_000_000_000);
        h.set_uid(0);
        h.set_gid(0);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }
    b.into_inner().unwrap()
}

struct Env {
    _tmp: tempfile::TempDir,
    dest: PathBuf,
    outside: PathBuf,
    sentinel: PathBuf,
}

fn env() -> Env {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("layer");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&dest).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let sentinel = outside.join("sentinel");
    std::fs::write(&sentinel, "untouched").unwrap();
    Env {
        dest,
        outside,
        sentinel,
        _tmp: tmp,
    }
}

const LAYER: Options = Options {
    chown: false,
    mode: ExtractMode::Layer,
    shift: None,
};
const APPLY: Options = Options {
    chown: false,
    mode: ExtractMode::Apply,
    shift: None,
};

fn untouched(e: &Env) {
    assert_eq!(std::fs::read_to_string(&e.sentinel).unwrap(), "untouched");
    assert_eq!(std::fs::metadata(&e.sentinel).unwrap().nlink(), 1);
    let names: Vec<_> = std::fs::read_dir(&e.outside)
        .unwrap()
        .map(|d| d.unwrap().file_name())
        .collect();
    assert_eq!(names, ["sentinel"], "something was created outside");
}

#[test]
fn dotdot_and_absolute_paths_stay_inside() {
    let e = env();
    let out = e.outside.to_str().unwrap();
    let abs = format!("{out}/abs");
    let t = tar(&[
        E::File("../x", b"1", 0o644),
        E::File("a/../../../y", b"2", 0o644),
        E::File(&abs, b"3", 0o644),
        E::File("../outside/sentinel", b"pwned", 0o644),
    ]);
    extract(&t[..], &e.dest, &LAYER).unwrap();
    assert_eq!(std::fs::read(e.dest.join("x")).unwrap(), b"1");
    assert_eq!(std::fs::read(e.dest.join("y")).unwrap(), b"2");
    assert_eq!(std::fs::read(e.dest.join(&abs[1..])).unwrap(), b"3");
    untouched(&e);
}

#[test]
fn symlinks_never_lead_outside() {
    let e = env();
    let out = e.outside.to_str().unwrap().to_string();
    let rel = format!("{}{}", "../".repeat(12), &out[1..]);
    let sentinel = e.sentinel.to_str().unwrap().to_string();
    // Dangling inside the layer: writing through them fails, and nothing lands outside.
    for t in [
        tar(&[E::Sym("abs", &out), E::File("abs/pwn", b"a", 0o644)]),
        tar(&[E::Sym("rel", &rel), E::File("rel/pwn", b"a", 0o644)]),
    ] {
        assert!(extract(&t[..], &env().dest, &LAYER).is_err());
    }
    let t = tar(&[
        E::Dir(&out[1..]),
        E::Sym("abs", &out),
        E::File("abs/pwn", b"a", 0o644),
        E::Sym("rel", &rel),
        E::File("rel/pwn2", b"b", 0o644),
        E::Sym("passwd", &sentinel),
        E::File("passwd", b"overwritten?", 0o644),
        E::Dir("d"),
        E::Sym("d/up", ".."),
        E::File("d/up/z", b"c", 0o644),
    ]);
    extract(&t[..], &e.dest, &LAYER).unwrap();
    // Resolved as inside the container: the absolute target is under the layer root.
    assert_eq!(
        std::fs::read(e.dest.join(&out[1..]).join("pwn")).unwrap(),
        b"a"
    );
    assert_eq!(
        std::fs::read(e.dest.join(&out[1..]).join("pwn2")).unwrap(),
        b"b"
    );
    assert_eq!(
        std::fs::read(e.dest.join("passwd")).unwrap(),
        b"overwritten?"
    );
    assert!(
        std::fs::symlink_metadata(e.dest.join("passwd"))
            .unwrap()
            .is_file()
    );
    assert_eq!(std::fs::read(e.dest.join("z")).unwrap(), b"c");
    untouched(&e);
}

#[test]
fn hard_links_never_reach_outside() {
    let e = env();
    let sentinel = e.sentinel.to_str().unwrap().to_string();
    // A hard link to a path outside resolves inside, where nothing exists: an error.
    let t = tar(&[E::Hard("h", "../outside/sentinel")]);
    assert!(extract(&t[..], &e.dest, &LAYER).is_err());
    let t = tar(&[E::Hard("h", &sentinel)]);
    assert!(extract(&t[..], &e.dest, &LAYER).is_err());
    // A hard link to a symlink that points outside links the symlink itself; writing the
    // name again replaces it instead of writing through.
    let t = tar(&[
        E::Sym("l", &sentinel),
        E::Hard("hl", "l"),
        E::File("hl", b"x", 0o644),
        E::File("f", b"shared", 0o644),
        E::Hard("g", "f"),
    ]);
    extract(&t[..], &e.dest, &LAYER).unwrap();
    assert!(
        std::fs::symlink_metadata(e.dest.join("l"))
            .unwrap()
            .is_symlink()
    );
    assert_eq!(std::fs::read(e.dest.join("hl")).unwrap(), b"x");
    assert_eq!(
        std::fs::metadata(e.dest.join("g")).unwrap().ino(),
        std::fs::metadata(e.dest.join("f")).unwrap().ino()
    );
    untouched(&e);
}

#[test]
fn modes_times_and_setuid_are_kept() {
    let e = env();
    let t = tar(&[
        E::Dir("bin"),
        E::File("bin/su", b"#!", 0o4755),
        E::File("ro", b"r", 0o400),
    ]);
    extract(&t[..], &e.dest, &LAYER).unwrap();
    let m = std::fs::metadata(e.dest.join("bin/su")).unwrap();
    assert_eq!(m.permissions().mode() & 0o7777, 0o4755);
    assert_eq!(m.mtime(), 1_000_000_000);
    assert_eq!(
        std::fs::metadata(e.dest.join("bin")).unwrap().mtime(),
        1_000_000_000
    );
    assert_eq!(
        std::fs::metadata(e.dest.join("ro"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o400
    );
}

#[test]
fn whiteouts_in_overlay_form() {
    let e = env();
    let t = tar(&[
        E::Dir("d"),
        E::File("d/.wh..wh..opq", b"", 0o644),
        E::File(".wh.gone", b"", 0o644),
        E::File(".wh..wh.plnk", b"", 0o644),
    ]);
    extract(&t[..], &e.dest, &LAYER).unwrap();
    let m = std::fs::symlink_metadata(e.dest.join("gone")).unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(m.file_type().is_char_device() && m.rdev() == 0);
    assert!(!e.dest.join(".wh.gone").exists() && !e.dest.join(".wh..wh.plnk").exists());
    let mut buf = [0u8; 4];
    let path = std::ffi::CString::new(e.dest.join("d").as_os_str().as_bytes()).unwrap();
    // A test may read an xattr through libc directly (unsafe stays out of the crate proper).
    let n = xattr_get(&path, c"user.overlay.opaque", &mut buf);
    assert_eq!(&buf[..n], b"y");
}

#[allow(unsafe_code)]
fn xattr_get(path: &std::ffi::CStr, name: &std::ffi::CStr, buf: &mut [u8]) -> usize {
    // SAFETY: NUL-terminated strings and a live buffer of the given length.
    let n = unsafe {
        libc::getxattr(
            path.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    assert!(n >= 0, "getxattr failed");
    n as usize
}

#[test]
fn apply_mode_honours_whiteouts_and_opaque_dirs() {
    let e = env();
    let base = tar(&[
        E::File("keep", b"k", 0o644),
        E::File("gone", b"g", 0o644),
        E::Dir("dir"),
        E::File("dir/old", b"o", 0o644),
        E::Dir("opq"),
        E::File("opq/old", b"o", 0o644),
        E::Sym("link", "/etc"),
    ]);
    let upper = tar(&[
        E::File(".wh.gone", b"", 0o644),
        E::File("dir/.wh.old", b"", 0o644),
        E::Dir("opq"),
        E::File("opq/new", b"n", 0o644),
        E::File("opq/.wh..wh..opq", b"", 0o644),
        E::Dir("link"),
        E::File("link/f", b"f", 0o644),
    ]);
    extract(&base[..], &e.dest, &APPLY).unwrap();
    extract(&upper[..], &e.dest, &APPLY).unwrap();
    assert!(e.dest.join("keep").exists());
    assert!(!e.dest.join("gone").exists() && !e.dest.join(".wh.gone").exists());
    assert!(e.dest.join("dir").is_dir() && !e.dest.join("dir/old").exists());
    assert!(!e.dest.join("opq/old").exists() && e.dest.join("opq/new").exists());
    assert!(!e.dest.join("opq/.wh..wh..opq").exists());
    // An upper directory replaces a lower symlink instead of writing through it.
    assert!(
        std::fs::symlink_metadata(e.dest.join("link"))
            .unwrap()
            .is_dir()
    );
    untouched(&e);
}

#[test]
fn compression_is_detected_and_diff_id_is_of_the_tar() {
    let t = tar(&[E::File("a", b"hello", 0o644)]);
    let want = format!("sha256:{}", hex(&Sha256::digest(&t)));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&t).unwrap();
    let gz = gz.finish().unwrap();
    let zst = zstd::stream::encode_all(&t[..], 1).unwrap();
    for blob in [t.clone(), gz, zst] {
        let e = env();
        let r = extract(&blob[..], &e.dest, &LAYER).unwrap();
        assert_eq!(r.diff_id, want);
        assert_eq!(r.size, 5);
        assert_eq!(std::fs::read(e.dest.join("a")).unwrap(), b"hello");
    }
}

/// A reader that gives one byte at a time, as a pipe may at the start of a stream.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(1).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn compression_is_detected_from_a_stream_that_trickles_in() {
    let t = tar(&[E::File("a", b"hello", 0o644)]);
    let want = format!("sha256:{}", hex(&Sha256::digest(&t)));
    let zst = zstd::stream::encode_all(&t[..], 1).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&t).unwrap();
    for blob in [zst, gz.finish().unwrap(), t.clone()] {
        let e = env();
        let r = extract(Trickle(&blob), &e.dest, &LAYER).unwrap();
        assert_eq!(r.diff_id, want);
        assert_eq!(std::fs::read(e.dest.join("a")).unwrap(), b"hello");
    }
}

#[test]
fn corrupt_and_truncated_layers_fail() {
    let t = tar(&[E::File("a", &[7u8; 3000], 0o644)]);
    let e = env();
    assert!(extract(&t[..700], &e.dest, &LAYER).is_err());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&t).unwrap();
    let mut gz = gz.finish().unwrap();
    let n = gz.len();
    gz[n / 2] ^= 0xff;
    assert!(extract(&gz[..], &env().dest, &LAYER).is_err());
}

#[test]
fn a_replaced_parent_is_resolved_again() {
    let e = env();
    let t = tar(&[
        E::Dir("b/"),
        E::Sym("a", "b"),
        E::File("a/x", b"via link", 0o644),
        // A directory replaces the symlink: a/y goes into it, not into b.
        E::Dir("a/"),
        E::File("a/y", b"in a", 0o644),
        // A file replaces a directory holding the last parent: c/d/f must not survive in it.
        E::File("c/d/f", b"1", 0o644),
        E::File("c/d", b"now a file", 0o644),
        E::File("c/g", b"2", 0o644),
        E::File("c/g", b"3", 0o600),
    ]);
    extract(&t[..], &e.dest, &LAYER).unwrap();
    let d = &e.dest;
    assert_eq!(std::fs::read_to_string(d.join("b/x")).unwrap(), "via link");
    assert!(std::fs::symlink_metadata(d.join("a")).unwrap().is_dir());
    assert_eq!(std::fs::read_to_string(d.join("a/y")).unwrap(), "in a");
    assert!(!d.join("b/y").exists());
    assert_eq!(
        std::fs::read_to_string(d.join("c/d")).unwrap(),
        "now a file"
    );
    assert_eq!(std::fs::read_to_string(d.join("c/g")).unwrap(), "3");
    let mode = std::fs::metadata(d.join("c/g"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn big_files_and_a_truncated_gzip() {
    let e = env();
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    let t = tar(&[E::File("big", &big, 0o644), E::File("small", b"s", 0o644)]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&t).unwrap();
    let gz = gz.finish().unwrap();
    let report = extract(&gz[..], &e.dest, &LAYER).unwrap();
    assert_eq!(std::fs::read(e.dest.join("big")).unwrap(), big);
    let want = format!("sha256:{}", hex(&Sha256::digest(&t)));
    assert_eq!(report.diff_id, want, "the diff_id covers the whole tar");
    let e2 = env();
    assert!(extract(&gz[..gz.len() / 2], &e2.dest, &LAYER).is_err());
}

#[test]
fn whiteout_names_are_classified_and_only_plain_names_deleted() {
    assert_eq!(whiteout_kind(b".wh..opq"), Ok(Whiteout::Opaque));
    assert_eq!(whiteout_kind(b".wh.plnk"), Ok(Whiteout::Bookkeeping));
    assert_eq!(
        whiteout_kind(b"gone"),
        Ok(Whiteout::Delete(OsStr::new("gone")))
    );
    assert_eq!(
        whiteout_kind(b"..."),
        Ok(Whiteout::Delete(OsStr::new("...")))
    );
    for bad in [&b".."[..], b".", b"", b"a/b", b"../x", b"/", b"a\0b"] {
        let err = whiteout_kind(bad).unwrap_err();
        assert!(err.message.contains("refused"), "{err}");
        assert_eq!(err.errno, None, "a refusal of nook's carries no errno");
    }
    assert!(
        whiteout_kind(b"..")
            .unwrap_err()
            .message
            .contains("a whiteout of \"..\" is refused")
    );
}

/// Every way to name something other than an entry of the directory.
#[test]
fn the_removal_helper_refuses_what_is_not_a_plain_name() {
    let e = env();
    std::fs::write(e.dest.join("f"), "kept").unwrap();
    let fd = open(
        &e.dest,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .unwrap();
    for bad in ["..", ".", "", "../outside", "f/", "/"] {
        for keep_dir in [false, true] {
            assert_eq!(
                remove_entry(&fd, OsStr::new(bad), keep_dir),
                Err(Errno::EINVAL),
                "{bad:?}"
            );
        }
    }
    assert_eq!(std::fs::read_to_string(e.dest.join("f")).unwrap(), "kept");
    untouched(&e);
    // A plain name still goes.
    assert_eq!(remove_entry(&fd, OsStr::new("f"), false), Ok(false));
    assert!(!e.dest.join("f").exists());
}

/// The layer's directory, its sibling `outside` with the sentinel, and files of both: a
/// whiteout of `..` at the top would empty the directory holding them (the store's `tmp/`).
#[test]
fn whiteouts_of_dot_and_dotdot_are_refused_and_remove_nothing() {
    for opts in [LAYER, APPLY] {
        for name in [".wh...", ".wh..", ".wh.", "sub/.wh...", "sub/.wh.."] {
            let e = env();
            std::fs::write(e.dest.join("mine"), "lower").unwrap();
            let t = tar(&[
                E::Dir("sub"),
                E::File("sub/x", b"x", 0o644),
                E::File(name, b"", 0o644),
            ]);
            let r = extract(&t[..], &e.dest, &opts);
            untouched(&e);
            assert_eq!(
                std::fs::read_to_string(e.dest.join("mine")).unwrap(),
                "lower"
            );
            assert_eq!(std::fs::read(e.dest.join("sub/x")).unwrap(), b"x", "{name}");
            let err = r.unwrap_err().message;
            assert!(
                err.starts_with(&format!("cannot extract {name}: a whiteout of \"")),
                "{name}: {err}"
            );
            assert!(err.contains("is refused"), "{err}");
            assert_eq!(err.lines().count(), 1);
        }
    }
}

/// Whiteouts and opaque directories reached through symlinks act inside the root: `up`
/// points above it, where the sibling `outside` lies.
#[test]
fn whiteouts_through_symlinks_stay_inside() {
    for opts in [LAYER, APPLY] {
        let e = env();
        std::fs::write(e.dest.join("outside"), "inner").unwrap();
        let t = tar(&[
            E::Sym("up", "../.."),
            E::File("up/.wh.outside", b"", 0o644),
            E::Sym("abs", "/"),
            E::File("abs/.wh.sentinel", b"", 0o644),
        ]);
        extract(&t[..], &e.dest, &opts).unwrap();
        untouched(&e);
        // The whiteout took (or, as a layer, marks) the inner file of that name.
        let inner = std::fs::symlink_metadata(e.dest.join("outside"));
        match opts.mode {
            ExtractMode::Apply => assert!(inner.is_err()),
            ExtractMode::Layer => {
                use std::os::unix::fs::FileTypeExt;
                assert!(inner.unwrap().file_type().is_char_device());
            }
        }
        // An opaque marker under a symlink: a layer refuses it (the directory is opened
        // without following), an applied one empties nothing outside.
        let t = tar(&[
            E::Sym("up", "../.."),
            E::File("up/.wh..wh..opq", b"", 0o644),
        ]);
        let r = extract(&t[..], &e.dest, &opts);
        assert_eq!(r.is_err(), opts.mode == ExtractMode::Layer, "{r:?}");
        untouched(&e);
    }
}

/// An opaque directory at the top of an applied layer empties the root of what lower
/// layers had, and nothing above it.
#[test]
fn an_opaque_root_is_emptied_inside_only() {
    let e = env();
    let base = tar(&[
        E::File("old", b"o", 0o644),
        E::Dir("d"),
        E::File("d/f", b"f", 0o644),
    ]);
    let upper = tar(&[
        E::File(".wh..wh..opq", b"", 0o644),
        E::File("new", b"n", 0o644),
    ]);
    extract(&base[..], &e.dest, &APPLY).unwrap();
    extract(&upper[..], &e.dest, &APPLY).unwrap();
    let names: Vec<_> = std::fs::read_dir(&e.dest)
        .unwrap()
        .map(|d| d.unwrap().file_name())
        .collect();
    assert_eq!(names, ["new"]);
    untouched(&e);
}

#[test]
fn hard_links_to_the_root_or_above_are_refused() {
    for target in ["..", "a/..", ".", "/", "../.."] {
        let e = env();
        let t = tar(&[E::Hard("h", target)]);
        let err = extract(&t[..], &e.dest, &LAYER).unwrap_err();
        assert!(
            err.message.contains("a hard link to the root directory"),
            "{target}: {err}"
        );
        untouched(&e);
    }
}

#[test]
fn system_errors_keep_their_errno_and_their_text() {
    let err = sys::<()>("cannot create", Err(Errno::ENOSPC)).unwrap_err();
    assert_eq!(err.errno, Some(libc::ENOSPC));
    assert_eq!(err.to_string(), "cannot create: No space left on device");
    let full = io::Error::from_raw_os_error(libc::EDQUOT);
    let err = UnpackError::io(format!("cannot write: {full}"), &full)
        .map(|m| format!("cannot extract a: {m}"));
    assert_eq!(err.errno, Some(libc::EDQUOT));
    assert!(
        err.message.starts_with("cannot extract a: cannot write: "),
        "{err}"
    );
    assert_eq!(UnpackError::from("plain").errno, None);
}

#[test]
fn a_missing_destination_carries_its_errno() {
    let e = env();
    let t = tar(&[E::File("a", b"a", 0o644)]);
    let err = extract(&t[..], &e.dest.join("absent"), &LAYER).unwrap_err();
    assert_eq!(err.errno, Some(libc::ENOENT));
    assert!(err.message.starts_with("cannot open "), "{err}");
}

#[test]
fn a_full_disk_while_writing_a_file_carries_enospc() {
    // /dev/full refuses every write with ENOSPC, as a full disk does.
    let Ok(mut full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        panic!("/dev/full is needed for this test");
    };
    let e = env();
    let fd = open(
        &e.dest,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .unwrap();
    let mut x = Extractor::new(fd, LAYER, (0, 0));
    let err = x.copy(&mut &b"content"[..], &mut full).unwrap_err();
    assert_eq!(err.errno, Some(libc::ENOSPC));
    let text = io::Error::from_raw_os_error(libc::ENOSPC);
    assert_eq!(err.message, format!("cannot write: {text}"));
}
