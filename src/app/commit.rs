//! `nook commit` (a container's changes, its overlay upper directory, as a new layer on its
//! image) and `nook import` (a tarball as a one-layer image); both take `-c` instructions
//! for the config, as podman does.

use nix::unistd::getuid;

use crate::cli::{CommitArgs, ImageFormat, ImportArgs};
use crate::error::{Error, Result};
use crate::host::job::{HostUserns, write_layer};
use crate::host::state::Containers;
use crate::plan::build::config::{LayerRef, OCI_GZIP, StageState, final_config, manifest};
use crate::plan::build::{Instr, parse};
use crate::plan::manifest::host_platform;
use crate::store::Store;
use crate::store::job::Job;
use crate::store::layer_writer::{LayerOptions, Written, compress_tar};

use super::build::{image_parts, local_name, rfc3339};

/// Apply `-c` instructions (Containerfile lines: ENV, CMD, ENTRYPOINT, LABEL, USER, WORKDIR,
/// EXPOSE, VOLUME, STOPSIGNAL, ONBUILD) to `state`.
fn changes(state: &mut StageState, list: &[String]) -> Result<()> {
    for c in list {
        let file =
            parse::parse(&format!("FROM scratch\n{c}\n"), "--change").map_err(Error::Usage)?;
        for step in file.stages.iter().flat_map(|s| &s.steps) {
            if matches!(step.instr, Instr::Run(_) | Instr::Copy(_) | Instr::Arg(_)) {
                return Err(Error::Usage(format!(
                    "--change {c:?}: only config instructions may be changed (ENV, CMD, ENTRYPOINT, LABEL, USER, WORKDIR, EXPOSE, VOLUME, STOPSIGNAL, ONBUILD)"
                )));
            }
            let by = state
                .apply(&step.instr, &Default::default())
                .map_err(|e| Error::Usage(format!("--change {c:?}: {e}")))?;
            state.history(&by, true);
        }
    }
    Ok(())
}

/// Store the image of `state` under `names`; returns its ID.
fn store_image(
    store: &Store,
    state: &StageState,
    names: &[String],
    docker: bool,
) -> Result<String> {
    let here = host_platform();
    let config = final_config(state, &[], &here.os, &here.architecture);
    let config = serde_json::to_vec(&config).unwrap_or_default();
    let manifest = manifest(docker, &config, &state.layers);
    let names = names
        .iter()
        .map(|n| local_name(n))
        .collect::<Result<Vec<_>>>()?;
    store.import(&manifest, &config, &names, &HostUserns)
}

fn layer_ref(store: &Store, w: Written, temp: &std::path::Path) -> Result<LayerRef> {
    let stored = match store.has(&w.digest) {
        true => std::fs::remove_file(temp),
        false => store.commit_verified(temp, &w.digest),
    };
    stored.map_err(|e| Error::io("cannot store a layer blob", e))?;
    Ok(LayerRef {
        digest: w.digest,
        diff_id: w.diff_id,
        blob_size: w.blob_size,
        size: w.size,
        media_type: OCI_GZIP.into(),
    })
}

pub fn commit(args: &CommitArgs) -> Result<u8> {
    // podman's: an OCI config has no place for a message.
    if args.message.is_some() && args.format != ImageFormat::Docker {
        return Err(Error::Usage(
            "messages are only compatible with the docker image format (-f docker)".into(),
        ));
    }
    let containers = Containers::open(getuid().as_raw())?;
    let (dir, record, _running) = containers.find(&args.container).ok_or_else(|| {
        Error::Usage(format!(
            "no container {}: nook ps -a lists the containers",
            args.container
        ))
    })?;
    let image = record.image.clone().ok_or_else(|| {
        Error::Usage(format!(
            "container {} runs a root directory (--rootfs), not an image: there is nothing to commit onto",
            args.container
        ))
    })?;
    // A kept container's upper directory is in the data directory, as its plan says.
    let plan = crate::host::state::read_plan(&dir);
    let process = plan.as_ref().map(|p| p.process.clone());
    let upper = plan
        .and_then(|p| p.overlay.map(|o| o.mount.upper))
        .unwrap_or_else(|| dir.join("upper"));
    if !upper.is_dir() {
        return Err(Error::Usage(format!(
            "container {} has no overlay upper directory (the vfs driver, or it was removed): nook commit needs the overlay or fuse-overlayfs driver",
            args.container
        )));
    }
    let store = Store::open()?;
    // podman's progress words (its scripts look for them), on standard error.
    if !args.quiet {
        eprintln!("Getting image {image}: the container's base");
    }
    let base = image_parts(&store, &image)?;
    let mut state = StageState::new(base.config, base.layers, String::new());
    let temp = store
        .temp_path()
        .map_err(|e| Error::io("cannot create a temp file", e))?;
    let job = Job::WriteLayer {
        dir: upper,
        blob: temp.clone(),
        opts: LayerOptions {
            keep: true,
            ..Default::default()
        },
    };
    let written = write_layer(&job).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })?;
    let layer = layer_ref(&store, written, &temp)?;
    if !args.quiet {
        eprintln!("Copying blob {} done", layer.digest);
    }
    let by = match &args.message {
        Some(m) => {
            state.config["comment"] = serde_json::json!(m);
            m.clone()
        }
        None => format!("nook commit {}", record.name),
    };
    state.add_layer(layer, &rfc3339(crate::store::now()), &by);
    // podman's: the container's entrypoint and command become the image's.
    if let Some(p) = process {
        let cmd = p.argv.get(p.entrypoint.len()..).unwrap_or_default();
        state.config["config"]["Entrypoint"] = serde_json::json!(p.entrypoint);
        state.config["config"]["Cmd"] = serde_json::json!(cmd);
    }
    if let Some(a) = &args.author {
        state.config["author"] = serde_json::json!(a);
    }
    changes(&mut state, &args.change)?;
    let names: Vec<String> = args.image.iter().cloned().collect();
    let id = store_image(&store, &state, &names, args.format == ImageFormat::Docker)?;
    if !args.quiet {
        eprintln!("Writing manifest to image destination");
    }
    println!("{id}");
    Ok(0)
}

pub fn import(args: &ImportArgs) -> Result<u8> {
    let store = Store::open()?;
    let input: Box<dyn std::io::Read> = match args.file.as_str() {
        "-" => Box::new(std::io::stdin().lock()),
        f if f.contains("://") => {
            return Err(Error::Usage(format!(
                "nook import {f}: importing from a URL is not supported: download it first"
            )));
        }
        f => Box::new(std::fs::File::open(f).map_err(|e| {
            Error::Usage(format!(
                "cannot read {f}: {e}: give a tar archive (plain, gzip or zstd)"
            ))
        })?),
    };
    let temp = store
        .temp_path()
        .map_err(|e| Error::io("cannot create a temp file", e))?;
    let written = compress_tar(input, &temp).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(format!("cannot import {}", args.file), e)
    })?;
    let layer = layer_ref(&store, written, &temp)?;
    let now = rfc3339(crate::store::now());
    let mut state = StageState::new(
        serde_json::json!({ "created": now }),
        Vec::new(),
        String::new(),
    );
    let by = match &args.message {
        Some(m) => m.clone(),
        None => format!("/bin/sh -c #(nop) ADD file:{} in /", &layer.diff_id[7..]),
    };
    state.add_layer(layer, &now, &by);
    changes(&mut state, &args.change)?;
    let names: Vec<String> = args.reference.iter().cloned().collect();
    let id = store_image(&store, &state, &names, false)?;
    if !args.quiet {
        eprintln!("Writing manifest to image destination");
    }
    println!("sha256:{id}");
    Ok(0)
}

/// `nook export`: a stopped container's file system as a tar.
pub fn export(args: &crate::cli::ExportArgs) -> Result<u8> {
    use crate::store::job::Userns;
    let containers = Containers::open(getuid().as_raw())?;
    let (dir, _record, running) = containers.find(&args.container).ok_or_else(|| {
        Error::Usage(format!(
            "no container {}: nook ps -a lists the containers",
            args.container
        ))
    })?;
    if running {
        return Err(Error::Usage(format!(
            "container {} is running: nook export reads a stopped container's files; stop it first",
            args.container
        )));
    }
    let plan_file = dir.join(crate::host::state::PLAN_FILE);
    let plan: crate::plan::RunPlan = std::fs::read(&plan_file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| {
            Error::Usage(format!(
                "container {} has no readable {}: it was made by an older nook; run it again",
                args.container,
                plan_file.display()
            ))
        })?;
    let (spec, root) = match &plan.overlay {
        Some(s) => (Some(s.clone()), s.mount.target.clone()),
        None => (None, plan.rootfs.clone()),
    };
    let store = Store::open()?;
    let (out, temp) = match &args.output {
        Some(p) => (
            std::path::absolute(p).map_err(|e| Error::io("cannot resolve -o", e))?,
            false,
        ),
        None => (
            store
                .temp_path()
                .map_err(|e| Error::io("cannot create a temp file", e))?,
            true,
        ),
    };
    let done = HostUserns.run(&Job::Export {
        spec,
        root,
        out: out.clone(),
    });
    if temp {
        let copied = done.and_then(|_| {
            let mut f =
                std::fs::File::open(&out).map_err(|e| Error::io("cannot read the export", e))?;
            std::io::copy(&mut f, &mut std::io::stdout().lock())
                .map_err(|e| Error::io("cannot write the export", e))
        });
        let _ = std::fs::remove_file(&out);
        copied?;
    } else {
        done?;
    }
    Ok(0)
}
