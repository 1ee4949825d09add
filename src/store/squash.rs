//! `build --squash`: the deletions of the new layers kept in their squashed tree. The new
//! layers applied in order onto one directory carry out their whiteouts, which loses those
//! of the base's files; here each deletion (a 0:0 character device, in the store's unpacked
//! layers) of a path the base has, and each opaque directory the base has, is written back
//! into the tree as the layer writer reads them (`.wh.NAME`, `user.overlay.opaque`). Runs as
//! root of the user namespace (the trees belong to subordinate ids).

use std::collections::BTreeSet;
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

fn whiteout(m: &std::fs::Metadata) -> bool {
    m.file_type().is_char_device() && m.rdev() == 0
}

fn opaque(p: &Path) -> bool {
    let mut buf = [0u8; 4];
    matches!(rustix::fs::lgetxattr(p, "user.overlay.opaque", &mut buf[..]), Ok(1) if buf[0] == b'y')
}

/// Whether the image of `layers` (lowest first, unpacked) has `rel`.
fn has(layers: &[PathBuf], rel: &Path) -> bool {
    let comps: Vec<_> = rel.components().collect();
    for l in layers.iter().rev() {
        let mut dir = l.clone();
        let mut hidden = false;
        for c in &comps[..comps.len().saturating_sub(1)] {
            dir.push(c);
            match dir.symlink_metadata() {
                Ok(m) if whiteout(&m) => return false,
                Ok(_) if opaque(&dir) => hidden = true,
                _ => {}
            }
        }
        if let Ok(m) = l.join(rel).symlink_metadata() {
            return !whiteout(&m);
        }
        if hidden {
            return false;
        }
    }
    false
}

/// Deleted paths and opaque directories of one unpacked layer, relative.
fn marks(
    root: &Path,
    rel: &Path,
    deleted: &mut BTreeSet<PathBuf>,
    opaques: &mut BTreeSet<PathBuf>,
) {
    let Ok(entries) = std::fs::read_dir(root.join(rel)) else {
        return;
    };
    for e in entries.flatten() {
        let r = rel.join(e.file_name());
        let Ok(m) = e.path().symlink_metadata() else {
            continue;
        };
        if whiteout(&m) {
            deleted.insert(r);
        } else if m.is_dir() {
            if opaque(&e.path()) {
                opaques.insert(r.clone());
            }
            marks(root, &r, deleted, opaques);
        }
    }
}

fn set_opaque(p: &Path) -> io::Result<()> {
    rustix::fs::lsetxattr(
        p,
        "user.overlay.opaque",
        b"y",
        rustix::fs::XattrFlags::empty(),
    )
    .map_err(io::Error::from)
}

/// After the new layers (`new`, unpacked) were applied onto `dest`: their deletions of what
/// the base (`base`, unpacked) has, written back.
pub fn keep_deletions(dest: &Path, new: &[PathBuf], base: &[PathBuf]) -> io::Result<()> {
    let (mut deleted, mut opaques) = (BTreeSet::new(), BTreeSet::new());
    for l in new {
        marks(l, Path::new(""), &mut deleted, &mut opaques);
    }
    for rel in &deleted {
        if !has(base, rel) {
            continue;
        }
        let at = dest.join(rel);
        match at.symlink_metadata() {
            // Deleted, then made again as a directory: the base's content must not show.
            Ok(m) if m.is_dir() => set_opaque(&at)?,
            Ok(_) => {}
            Err(_) => {
                let (Some(parent), Some(name)) = (at.parent(), rel.file_name()) else {
                    continue;
                };
                if parent.is_dir() {
                    let mut wh = std::ffi::OsString::from(".wh.");
                    wh.push(name);
                    std::fs::File::create(parent.join(wh))?;
                }
            }
        }
    }
    for rel in &opaques {
        let at = dest.join(rel);
        if has(base, rel) && at.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            set_opaque(&at)?;
        }
    }
    Ok(())
}
