//! The image a `nook run IMAGE` runs: found in the store, copied from a site's read-only
//! store, or pulled as `--pull` says; with `--userns=keep-id` or a map that leaves the caller
//! out, its shifted view.

use std::io::IsTerminal;

use nix::unistd::getuid;

use crate::error::{Error, Result};
use crate::plan;
use crate::plan::image_config::ImageFacts;
use crate::plan::request::{PullPolicy, RootRequest, RunRequest, Userns};
use crate::store::lookup as images;

use super::pull;

/// Copy the image from an administrator's read-only store (`additionalimagestores`), if one
/// has it; false when none does.
fn from_site_store(reference: &str) -> Result<bool> {
    let stores = crate::store::site::additional_stores();
    if stores.is_empty() {
        return Ok(false);
    }
    let store = crate::store::Store::open()?;
    crate::store::site::import(&stores, reference, &store, &crate::host::job::HostUserns)
}

/// The image of `nook run IMAGE`, pulled first as `--pull` says (none for `--rootfs`); with
/// `--userns=keep-id`, its keep-id view (`plan::keep_id`), made once and kept in the store.
pub(crate) fn image_for_run(req: &RunRequest) -> Result<Option<ImageFacts>> {
    let mut image = pulled_image(&req.root)?;
    if let (Some(i), Userns::KeepId) = (&mut image, req.userns) {
        let shift = plan::keep_id::Shift::KeepId {
            uid: getuid().as_raw(),
            gid: nix::unistd::getgid().as_raw(),
        };
        images::keep_id_view(i, shift, &crate::host::job::HostUserns)?;
    }
    Ok(image)
}

/// The image of `nook run IMAGE`, pulled first as `--pull` says (none for `--rootfs`).
fn pulled_image(root: &RootRequest) -> Result<Option<ImageFacts>> {
    let RootRequest::Image {
        reference,
        pull,
        platform,
        tls_verify,
        quiet,
    } = root
    else {
        return Ok(None);
    };
    if let Some(archive) = archive_path(reference) {
        return from_archive(archive, *quiet).map(Some);
    }
    // One reading of the store unless the image must be pulled: a stored image asks no
    // registry (podman's default, --pull=missing).
    let mut _pulling = None;
    if matches!(pull, PullPolicy::Missing | PullPolicy::Never) {
        match images::resolve_for_run(reference)? {
            Some(image) => return Ok(Some(image)),
            // A site's read-only store counts as local: copied from, never pulled.
            None if from_site_store(reference)? => {
                return images::resolve_for_run(reference)?
                    .map(Some)
                    .ok_or_else(|| images::not_found_for_run(reference));
            }
            None if *pull == PullPolicy::Never => return Err(never_pulled(reference)),
            None => {}
        }
        // Tasks of a job starting at once: one pulls, the others wait for it and find the
        // image stored (no manifest or config fetched again).
        _pulling = Some(crate::store::Store::open()?.pull_lock(reference)?);
        if let Some(image) = images::resolve_for_run(reference)? {
            return Ok(Some(image));
        }
    }
    images::directory_hint(reference)?;
    let name = plan::image_ref::ImageRef::parse(reference).map_err(Error::Usage)?;
    let platform = platform
        .as_deref()
        .map(crate::image::manifest::parse_platform)
        .transpose()
        .map_err(Error::Usage)?;
    let opts = crate::image::PullOptions {
        platform,
        tls_verify: *tls_verify,
        credentials: None,
        auth_file: None,
        progress: !quiet && std::io::stderr().is_terminal(),
        jobs: 0,
    };
    // podman's messages, also where there are no progress bars (its scripts read them).
    let say = !quiet && !opts.progress;
    if say {
        eprintln!("Trying to pull {name}...");
    }
    match pull::pull_image(&name, &opts) {
        // --pull=newer: a registry that cannot tell leaves the stored image in use.
        Err(e) if *pull == PullPolicy::Newer => {
            if let Some(image) = images::resolve_for_run(reference)? {
                if !quiet {
                    eprintln!("Warning: {e}: running the stored {reference}");
                }
                return Ok(Some(image));
            }
            return Err(e);
        }
        other => other?,
    };
    if say {
        eprintln!("Writing manifest to image destination");
    }
    images::resolve_for_run(reference)?
        .map(Some)
        .ok_or_else(|| images::not_found_for_run(reference))
}

/// The archive of `docker-archive:PATH` or `oci-archive:PATH` (podman's transports), with
/// an image reference after the path (`PATH:REF`) left out.
fn archive_path(reference: &str) -> Option<&std::path::Path> {
    let rest = ["docker-archive:", "oci-archive:"]
        .iter()
        .find_map(|t| reference.strip_prefix(t))?;
    let path = match rest.rsplit_once(':') {
        Some((p, _)) if !std::path::Path::new(rest).exists() => p,
        _ => rest,
    };
    Some(std::path::Path::new(path))
}

/// `nook run docker-archive:PATH`: the archive's image loaded into the store first (as `nook
/// load` does), said in podman's words unless `quiet`; its first image is run.
fn from_archive(path: &std::path::Path, quiet: bool) -> Result<ImageFacts> {
    let store = crate::store::Store::open()?;
    let loaded = crate::store::load::load(&store, path, &crate::host::job::HostUserns)?;
    let Some(first) = loaded.first() else {
        return Err(Error::Usage(format!(
            "{} holds no image: give an archive written by nook save or podman save",
            path.display()
        )));
    };
    let index = store.read_index()?;
    if let (false, Some(f)) = (quiet, index.find(&first.id)) {
        let i = &index.images[f.position()];
        let mut text = "Getting image source signatures\n".to_string();
        for l in &i.layers {
            text += &format!("Copying blob {}\n", l.digest);
        }
        text += &format!(
            "Copying config {}\nWriting manifest to image destination\n",
            i.config_digest()
        );
        eprint!("{text}");
    }
    images::resolve_for_run(&first.id)?
        .ok_or_else(|| Error::Internal(format!("image {} loaded but not found", first.id)))
}

/// `--pull=never` of an image the store does not have: podman's words (its scripts match
/// them), which name the image; a directory named instead gets the --rootfs hint.
fn never_pulled(reference: &str) -> Error {
    match images::directory_hint(reference) {
        Err(e) => e,
        Ok(()) => Error::Usage(format!("{reference}: image not known")),
    }
}

/// An image run with a map that leaves the caller out (`--userns=auto|nomap`, a `--uidmap`
/// not from 0): its layers' copies shifted for that map (`plan::keep_id::Shift::Map`), made
/// once per map and kept in the store, so that its files keep their owners inside.
pub(super) fn shift_image_for_map(req: &RunRequest, facts: &mut plan::run::Facts) -> Result<()> {
    if facts.image.as_ref().is_none_or(|i| i.shift.is_some()) {
        return Ok(());
    }
    // A refused request is refused by the plan, with its own line.
    let Ok(ids) = plan::run::container_ids(req, facts) else {
        return Ok(());
    };
    if !plan::run::unmapped_caller(&ids, facts.uid) || facts.plumbing.joined.is_some() {
        return Ok(());
    }
    let (Ok(default), Some(image)) = (plan::run::default_ids(facts), facts.image.as_mut()) else {
        return Ok(());
    };
    if let Some(shift) = plan::keep_id::map_shift(&ids, &default) {
        images::keep_id_view(image, shift, &crate::host::job::HostUserns)?;
    }
    Ok(())
}
