//! How a RUN step's container differs from `nook run`'s: its overlay's upper and work
//! directories are the build's (in the store, next to `layers/`, so the upper directory
//! becomes the layer by a rename), and the mount points the run makes are not the step's.

use std::path::Path;

use crate::plan::mounts::Op;
use crate::plan::network::{Mode, parse_mode};
use crate::plan::overlay::{OverlaySpec, Param, params};

/// `RUN --network=` (BuildKit's): `default` (the build's `--network`: `None`), `none`, `host`.
pub fn parse_run_network(v: &str) -> Result<Option<Mode>, String> {
    match v {
        "default" => Ok(None),
        "none" => Ok(Some(Mode::None)),
        "host" => Ok(Some(Mode::Host)),
        _ => Err(format!(
            "RUN --network={v} is not a network mode: use default, none or host"
        )),
    }
}

/// `build --network`: `None` for a RUN's own network as `nook run` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildNetwork(pub Option<Mode>);

/// `build --network`: `private` (and `default`) are a RUN's own network as `nook run`
/// gives it; otherwise as `nook run --network`.
pub fn parse_build_network(v: &str) -> Result<BuildNetwork, String> {
    match v {
        "private" | "default" => Ok(BuildNetwork(None)),
        _ => parse_mode(v).map(|m| BuildNetwork(Some(m))),
    }
}

/// `spec` with its upper and work directories moved to `upper` and `work` (the mount point
/// stays), for the kernel overlay or fuse-overlayfs.
pub fn with_upper(
    spec: &OverlaySpec,
    upper: &Path,
    work: &Path,
    kernel: (u32, u32),
) -> Result<OverlaySpec, String> {
    let mut out = spec.clone();
    let (old_upper, old_work) = (spec.mount.upper.display(), spec.mount.work.display());
    out.mount.upper = upper.to_path_buf();
    out.mount.work = work.to_path_buf();
    match &mut out.fuse {
        Some(argv) => {
            for a in argv.iter_mut() {
                *a = a
                    .replace(
                        &format!("upperdir={old_upper}"),
                        &format!("upperdir={}", upper.display()),
                    )
                    .replace(
                        &format!("workdir={old_work}"),
                        &format!("workdir={}", work.display()),
                    );
            }
        }
        None => {
            let volatile = spec.params.contains(&Param::Flag("volatile".into()));
            out.params = params(&out.mount, kernel)?;
            if volatile {
                out.params.push(Param::Flag("volatile".into()));
            }
        }
    }
    Ok(out)
}

/// The paths the run mounts on or binds to (created in the root when missing), and their
/// parent directories (copied up into the upper directory when a mount point is made in
/// them): empty ones the layer leaves out, deepest first.
pub fn mount_points(ops: &[Op]) -> (Vec<String>, Vec<String>) {
    let targets: Vec<String> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Mount { target, .. } | Op::Bind { target, .. } => Some(target.clone()),
            _ => None,
        })
        .collect();
    let mut parents: Vec<String> = Vec::new();
    for t in &targets {
        let mut p = Path::new(t).parent();
        while let Some(dir) = p.filter(|d| *d != Path::new("/")) {
            parents.push(dir.display().to_string());
            p = dir.parent();
        }
    }
    parents.sort_by_key(|p| std::cmp::Reverse(p.len()));
    parents.dedup();
    (targets, parents)
}

#[cfg(test)]
mod tests {
    use super::{parse_build_network, parse_run_network};
    use crate::plan::network::Mode;

    #[test]
    fn run_network_is_default_none_or_host() {
        assert_eq!(parse_run_network("default"), Ok(None));
        assert_eq!(parse_run_network("none"), Ok(Some(Mode::None)));
        assert_eq!(parse_run_network("host"), Ok(Some(Mode::Host)));
        assert!(
            parse_run_network("bridge")
                .unwrap_err()
                .contains("default, none or host")
        );
        assert_eq!(parse_build_network("private").map(|n| n.0), Ok(None));
        assert_eq!(
            parse_build_network("none").map(|n| n.0),
            Ok(Some(Mode::None))
        );
        let pasta = parse_build_network("pasta").map(|n| n.0);
        assert!(matches!(pasta, Ok(Some(Mode::Pasta(_)))));
    }
    use std::path::PathBuf;

    use super::*;
    use crate::plan::overlay::{for_container, fuse_for_container};

    #[test]
    fn the_upper_directory_moves_for_both_drivers() {
        let layers = [PathBuf::from("/s/layers/a")];
        let dir = Path::new("/r/c");
        let (up, work) = (Path::new("/s/tmp/b/upper"), Path::new("/s/tmp/b/work"));
        let k = for_container(&layers, dir, (6, 8), true).unwrap();
        let moved = with_upper(&k, up, work, (6, 8)).unwrap();
        assert_eq!(moved.mount.target, k.mount.target);
        assert!(
            moved
                .params
                .contains(&Param::String("upperdir".into(), up.display().to_string()))
        );
        assert!(moved.params.contains(&Param::Flag("volatile".into())));
        let f =
            fuse_for_container(&layers, dir, Path::new("/usr/bin/fuse-overlayfs"), true).unwrap();
        let moved = with_upper(&f, up, work, (6, 8)).unwrap();
        let argv = moved.fuse.unwrap();
        assert!(
            argv[3].contains("upperdir=/s/tmp/b/upper,workdir=/s/tmp/b/work"),
            "{argv:?}"
        );
        assert_eq!(argv[4], "/r/c/rootfs");
    }
}
