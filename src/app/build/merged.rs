//! Reading a stage's file system from its unpacked layers without mounting them (for COPY
//! --from, the destination of COPY, USER names in --chown): the top-most layer that has a
//! path wins, a whiteout (0:0 character device) deletes it, an opaque directory hides what
//! is below it.

use std::collections::BTreeMap;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

fn whiteout(p: &Path) -> bool {
    p.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_char_device() && m.rdev() == 0)
}

fn opaque(p: &Path) -> bool {
    let mut buf = [0u8; 4];
    matches!(rustix::fs::lgetxattr(p, "user.overlay.opaque", &mut buf[..]), Ok(1) if buf[0] == b'y')
}

/// The host path of `rel` (relative to the root) in `layers` (lowest first), if the
/// stage has it.
pub fn find(layers: &[PathBuf], rel: &str) -> Option<PathBuf> {
    let rel = rel.trim_matches('/');
    if rel.is_empty() {
        return layers.last().cloned();
    }
    let comps: Vec<&str> = rel.split('/').collect();
    for l in layers.iter().rev() {
        // An ancestor deleted or made opaque in this layer hides the lower ones.
        let mut hidden = false;
        let mut dir = l.clone();
        for c in &comps[..comps.len() - 1] {
            dir.push(c);
            if whiteout(&dir) {
                return None;
            }
            if opaque(&dir) {
                hidden = true;
            }
        }
        let p = l.join(rel);
        if p.symlink_metadata().is_ok() {
            return (!whiteout(&p)).then_some(p);
        }
        if hidden {
            return None;
        }
    }
    None
}

/// The entries of directory `rel` of the stage: name -> host path of the top-most one.
pub fn list(layers: &[PathBuf], rel: &str) -> BTreeMap<String, PathBuf> {
    let rel = rel.trim_matches('/');
    let mut seen: BTreeMap<String, Option<PathBuf>> = BTreeMap::new();
    for l in layers.iter().rev() {
        let d = match rel.is_empty() {
            true => l.clone(),
            false => l.join(rel),
        };
        let Ok(entries) = std::fs::read_dir(&d) else {
            if d.symlink_metadata().is_ok() {
                break;
            }
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let p = e.path();
            seen.entry(name)
                .or_insert_with(|| (!whiteout(&p)).then_some(p));
        }
        if opaque(&d) {
            break;
        }
    }
    seen.into_iter()
        .filter_map(|(k, v)| v.map(|p| (k, p)))
        .collect()
}

/// The uid and gid of `spec` (`user[:group]`, names looked up in the stage's
/// /etc/passwd and /etc/group).
pub fn owner(layers: &[PathBuf], spec: &str) -> Result<(u32, u32), String> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let read = |f: &str| {
        find(layers, f)
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default()
    };
    let lookup = |file: &str, name: &str| -> Option<(u32, u32)> {
        read(file).lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 3 && f[0] == name).then(|| {
                let id = f[2].parse().unwrap_or(0);
                (id, f[3].parse().unwrap_or(id))
            })
        })
    };
    let (uid, primary) = match user.parse::<u32>() {
        Ok(n) => (n, n),
        Err(_) => lookup("etc/passwd", user)
            .ok_or_else(|| format!("--chown {spec}: no user {user} in the image's /etc/passwd"))?,
    };
    let gid = match group {
        None => primary,
        Some(g) => match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => lookup("etc/group", g)
                .map(|(id, _)| id)
                .ok_or_else(|| format!("--chown {spec}: no group {g} in the image's /etc/group"))?,
        },
    };
    Ok((uid, gid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_most_layer_wins() {
        let d = tempfile::tempdir().unwrap();
        let (a, b) = (d.path().join("a"), d.path().join("b"));
        std::fs::create_dir_all(a.join("etc")).unwrap();
        std::fs::create_dir_all(b.join("etc")).unwrap();
        std::fs::write(a.join("etc/x"), "low").unwrap();
        std::fs::write(a.join("etc/y"), "low").unwrap();
        std::fs::write(b.join("etc/x"), "high").unwrap();
        std::fs::write(
            a.join("etc/passwd"),
            "root:x:0:0::/:/bin/sh\napp:x:42:43::/:/bin/sh\n",
        )
        .unwrap();
        let layers = vec![a.clone(), b.clone()];
        assert_eq!(find(&layers, "/etc/x"), Some(b.join("etc/x")));
        assert_eq!(find(&layers, "etc/y"), Some(a.join("etc/y")));
        assert_eq!(find(&layers, "etc/z"), None);
        let names: Vec<String> = list(&layers, "etc").into_keys().collect();
        assert_eq!(names, ["passwd", "x", "y"]);
        assert_eq!(owner(&layers, "app"), Ok((42, 43)));
        assert_eq!(owner(&layers, "7:8"), Ok((7, 8)));
        assert_eq!(owner(&layers, "app:9"), Ok((42, 9)));
        assert!(owner(&layers, "nobody").is_err());
    }
}
