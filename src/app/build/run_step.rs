//! A RUN step: a container made by nook's own run path (the same facts, plan, namespaces,
//! mappings, seccomp filter and defaults as `nook run`) from the stage's layers, with the
//! stage's environment, WORKDIR and USER, whose overlay upper directory is the build's; when
//! the command succeeds, that directory becomes the step's layer.

use std::os::fd::OwnedFd;

use nix::unistd::getuid;

use super::Builder;
use super::layer::{self, WorkDir};
use crate::error::{Error, Result};

use crate::host::session::Spawned;
use crate::host::state::Containers;
use crate::host::{acquire, cgroup, facts, network, relay};
use crate::plan;
use crate::plan::build::config::{LayerRef, StageState};
use crate::plan::build::runmount::RunMount;
use crate::plan::build::runstep::{mount_points, with_upper};
use crate::plan::image_config::{ImageConfig, ImageFacts};
use crate::plan::overlay::Driver;
use crate::plan::request::{
    HostRequest, MountRequest, NetworkRequest, PullPolicy, RootRequest, RunRequest, SecurityRequest,
};
use crate::proto::ToInit;
use crate::store::layer_writer::LayerOptions;

/// The stage as an image `nook run` can use: its config with the RUN's environment and no
/// entrypoint or command, its layers.
fn image_facts(b: &Builder<'_>, state: &StageState) -> Result<ImageFacts> {
    let mut doc = state.config.clone();
    let c = &mut doc["config"];
    if !c.is_object() {
        *c = serde_json::json!({});
    }
    c["Env"] = serde_json::json!(state.run_env());
    c["WorkingDir"] = serde_json::json!(state.workdir());
    if let Some(obj) = c.as_object_mut() {
        obj.remove("Entrypoint");
        obj.remove("Cmd");
    }
    let bytes = serde_json::to_vec(&doc).unwrap_or_default();
    let config = ImageConfig::parse(&bytes).map_err(Error::Usage)?;
    // A layer twice in the stack (two steps that changed nothing) only once, at its top
    // place: the same directory twice makes the kernel overlay fail (ELOOP), and the lower
    // copy is hidden by the upper one anyway.
    let layers: Vec<&LayerRef> = state
        .layers
        .iter()
        .enumerate()
        .filter(|(i, l)| !state.layers[i + 1..].iter().any(|u| u.diff_id == l.diff_id))
        .map(|(_, l)| l)
        .collect();
    Ok(ImageFacts {
        id: plan::digest::sha256_hex(&bytes),
        name: "nook-build".into(),
        config,
        blobs: layers
            .iter()
            .map(|l| b.store.blob_path(&l.digest))
            .collect(),
        layers: layers
            .iter()
            .map(|l| b.store.layer_dir(&l.diff_id))
            .collect(),
        store: b.store.root().to_path_buf(),
        shift: None,
    })
}

/// Unblocks the signals `relay::take_signals` blocked, when dropped: between steps an
/// interrupt stops the build (what it leaves in the store's tmp/ goes with the next
/// command's cleanup; no image is half written).
struct Unblock;

impl Drop for Unblock {
    fn drop(&mut self) {
        let set = crate::proto::forwarded_signals();
        let how = nix::sys::signal::SigmaskHow::SIG_UNBLOCK;
        let _ = nix::sys::signal::sigprocmask(how, Some(&set), None);
    }
}

/// `-q`'s streams for the step's container: stdout and stderr into `path`, stdin empty.
fn quiet_output(path: &std::path::Path) -> Result<(OwnedFd, OwnedFd, Option<OwnedFd>)> {
    let out = std::fs::File::create(path)
        .map_err(|e| Error::io(format!("cannot create {}", path.display()), e))?;
    let err = out
        .try_clone()
        .map_err(|e| Error::io("cannot duplicate a descriptor", e))?;
    let input =
        std::fs::File::open("/dev/null").map_err(|e| Error::io("cannot open /dev/null", e))?;
    Ok((out.into(), err.into(), Some(input.into())))
}

/// A failed step's captured output, on stderr (what `-q` hid explains the failure).
fn show_output(path: &std::path::Path) {
    if let Ok(mut f) = std::fs::File::open(path) {
        let _ = std::io::copy(&mut f, &mut std::io::stderr().lock());
    }
}

/// Run `argv` in the stage. `Ok(Err(code))`: the command failed with `code`.
pub fn run(
    b: &Builder<'_>,
    state: &StageState,
    argv: Vec<String>,
    mounts: &[RunMount],
    network: Option<crate::plan::network::Mode>,
) -> Result<std::result::Result<LayerRef, u8>> {
    if state.layers.is_empty() {
        return Err(Error::Usage(
            "RUN needs a base with a shell: the stage is FROM scratch with no files".into(),
        ));
    }
    let image = image_facts(b, state)?;
    let lowers = image.layers.clone();
    let prepared = super::mounts::prepare(b, mounts)?;
    let req = RunRequest {
        root: RootRequest::Image {
            reference: "nook-build".into(),
            pull: PullPolicy::Never,
            platform: None,
            tls_verify: None,
            quiet: true,
        },
        command: argv,
        remove: true,
        storage_driver: b.args.storage_driver,
        mounts: MountRequest {
            mounts: prepared.mounts.clone(),
            tmpfs: prepared.tmpfs.clone(),
            ..Default::default()
        },
        network: NetworkRequest {
            mode: network,
            ..Default::default()
        },
        host: HostRequest {
            ulimits: b.args.ulimit.clone(),
            ..Default::default()
        },
        security: SecurityRequest {
            cap_add: b.args.cap_add.clone(),
            cap_drop: b.args.cap_drop.clone(),
            privileged: false,
            options: b.args.security_opt.clone(),
        },
        ..Default::default()
    };
    let containers = Containers::open(getuid().as_raw())?;
    let facts = facts::for_run(&req, || Ok(Some(image)), |id| containers.container_dir(id))?;
    let mut plan = plan::run::build(&req, &facts).map_err(Error::Usage)?;
    let work = WorkDir::new(&b.store)?;
    let (upper, workdir) = (work.path.join("upper"), work.path.join("work"));
    let kernel = facts
        .storage
        .as_ref()
        .map(|s| s.machine.kernel)
        .unwrap_or((0, 0));
    plan.overlay = match (&plan.overlay, plan.driver) {
        (Some(spec), Some(Driver::Overlay | Driver::FuseOverlayfs)) => {
            Some(with_upper(spec, &upper, &workdir, kernel).map_err(Error::Usage)?)
        }
        _ => {
            return Err(Error::Usage(
                "RUN steps need the overlay or fuse-overlayfs storage driver (vfs has no upper directory to make a layer of): build with --storage-driver overlay (or fuse-overlayfs)".into(),
            ));
        }
    };
    // Mount points the image did not have, then directories only copied up to hold them.
    let (targets, parents) = mount_points(&plan.ops);
    let mut skip: Vec<String> = targets
        .into_iter()
        .filter(|p| {
            let rel = p.trim_start_matches('/');
            !lowers
                .iter()
                .any(|l| l.join(rel).symlink_metadata().is_ok())
        })
        .collect();
    skip.extend(parents);
    let signals = relay::take_signals()?;
    // Dropped last: between steps an interrupt stops nook itself again.
    let _unblock = Unblock;
    let held = acquire::acquire(&plan, &containers)?;
    // -q: the command's output goes to a file, shown only when the step fails.
    let quiet = b.args.quiet;
    let spawned = match quiet {
        true => Spawned::with_output(Some(quiet_output(&work.path.join("output"))?))?,
        false => Spawned::new()?,
    };
    let pending = cgroup::start(&plan.cgroup, spawned.pid());
    let start = ToInit::Start {
        plan: Box::new(plan.clone()),
        seccomp: held.seccomp.clone(),
    };
    let mut init = spawned.start(&start, &plan.ids, None)?;
    init.prepared()?;
    init.wait_ready()?;
    let cg = pending.ready(init.pid())?;
    let ready = network::ready_pipe(&plan.network)?;
    init.go(ready.as_ref().map(|(r, _)| r))?;
    let acquire::Held {
        ports,
        rootfs,
        container,
        ..
    } = held;
    let net = network::start(&plan.network, init.pid(), container.dir(), ports)?;
    if let Some((_, w)) = ready {
        network::signal_ready(w)?;
    }
    let pid1 = init.wait_pid()?;
    container.set_pid(pid1)?;
    if let Some(cg) = &cg {
        cg.release_init(init.pid());
    }
    init.wait_started()?;
    let status = relay::run(&mut init, &signals, pid1, None, false, None)?;
    init.reap();
    drop(cg);
    if let Some(net) = net {
        net.stop();
    }
    let ended = crate::host::life::Ended::of(status, false);
    let code = ended.code;
    if code != 0 && quiet {
        show_output(&work.path.join("output"));
    }
    let layer = match code {
        0 => Some(layer::commit(
            &b.store,
            &upper,
            LayerOptions {
                zstd: b.args.zstd,
                epoch: b.epoch,
                skip,
                chown: Vec::new(),
                keep: false,
            },
        )),
        _ => None,
    };
    drop(rootfs);
    container.finish(true, &ended);
    drop(work);
    match layer {
        Some(l) => Ok(Ok(l?)),
        None => Ok(Err(code)),
    }
}
