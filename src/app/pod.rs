//! The story of a pod: `pod create` records it and makes its infra container (a created
//! container whose PID 1 is nook's pause, from an empty root of nook's: no image), `run
//! --pod` makes a member that joins the infra's namespaces (`member`, the joins of
//! `--network container:` and `--ipc container:`), and `pod start|stop|kill|rm|prune` act on
//! every container of the pod, the infra first to start and last to go. `pod ps`, `pod
//! inspect` and `pod exists` are in pod_show.rs.

use std::path::PathBuf;
use std::time::Duration;

use nix::unistd::getuid;

use crate::cli::{
    Cli, Command, PodCommand, PodCreateArgs, PodKillArgs, PodPruneArgs, PodRmArgs, PodStartArgs,
    PodStopArgs,
};
use crate::error::{Error, Result};
use crate::host::life as hostlife;
use crate::host::pod::Pods;
use crate::host::state::{ContainerRecord, Containers};
use crate::plan::pod::{self as plan, PodRecord};

use super::output::print;
use super::pod_member::start_infra;
pub(crate) use super::pod_member::{infra_kept, member, member_ended, rejoin};

pub fn pod(cmd: &PodCommand) -> Result<u8> {
    match cmd {
        PodCommand::Create(a) => create(a),
        PodCommand::Ps(a) => super::pod_show::ps(a),
        PodCommand::Inspect(a) => super::pod_show::inspect(a),
        PodCommand::Exists(a) => super::pod_show::exists(a),
        PodCommand::Start(a) => start(a),
        PodCommand::Stop(a) => stop(a),
        PodCommand::Kill(a) => kill(a),
        PodCommand::Rm(a) => rm(a),
        PodCommand::Prune(a) => prune(a),
    }
}

/// podman's words for a pod that is not there.
pub(super) fn no_such_pod(key: &str) -> String {
    format!("no pod with name or ID {key} found: no such pod")
}

fn create(a: &PodCreateArgs) -> Result<u8> {
    let name = a.name.clone().or_else(|| a.pod_name.clone());
    let infra = a.infra.unwrap_or(true) && !a.no_infra;
    let pod = make(&Spec {
        name,
        infra,
        infra_name: a.infra_name.clone(),
        share: a.share.clone(),
        publish: a.publish.clone(),
        network: a.network.clone(),
        hostname: a.hostname.clone(),
        labels: a.label.clone(),
        replace: a.replace,
        exit_policy: a.exit_policy.clone(),
    })?;
    print(&format!("{}\n", pod.id)).map(drop)?;
    Ok(0)
}

/// What `pod create` (or `run --pod new:NAME`) asks for.
#[derive(Default)]
pub(super) struct Spec {
    pub(super) name: Option<String>,
    pub(super) infra: bool,
    pub(super) infra_name: Option<String>,
    pub(super) share: Option<String>,
    pub(super) publish: Vec<String>,
    pub(super) network: Vec<String>,
    pub(super) hostname: Option<String>,
    pub(super) labels: Vec<String>,
    pub(super) replace: bool,
    pub(super) exit_policy: Option<String>,
}

/// Record the pod and make its infra container (created, not started: the first member or
/// `pod start` starts it). Nothing is left behind when the infra cannot be made.
pub(super) fn make(s: &Spec) -> Result<PodRecord> {
    let share = plan::share(s.share.as_deref(), s.infra).map_err(Error::Usage)?;
    let exit_stop = plan::exit_policy(s.exit_policy.as_deref()).map_err(Error::Usage)?;
    if !s.infra && (!s.publish.is_empty() || !s.network.is_empty()) {
        return Err(Error::Usage(
            "--publish and --network belong to the infra container: drop --infra=false".into(),
        ));
    }
    // A network that does not exist fails the create, as podman's (the infra container
    // would only find out when it starts).
    for n in s.network.iter().filter(|n| *n != "private") {
        if let Ok(crate::plan::network::Mode::Bridge(b)) = crate::plan::network::parse_mode(n) {
            let networks = crate::host::network::networks::Networks::open()?;
            if let Some(missing) = b
                .networks
                .iter()
                .find(|n| *n != "podman" && networks.get(n).is_none())
            {
                return Err(crate::host::network::networks::not_found(missing));
            }
        }
    }
    let id = crate::host::facts::random_id()?;
    let name = s
        .name
        .clone()
        .unwrap_or_else(|| format!("nook-pod-{}", &id[..8]));
    if !crate::plan::run::valid_name(&name) {
        return Err(Error::Usage(format!(
            "invalid pod name {name:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit"
        )));
    }
    let labels = crate::plan::life::key_values(&s.labels, "label").map_err(Error::Usage)?;
    let mut pod = PodRecord {
        id: id.clone(),
        hostname: s.hostname.clone().unwrap_or_else(|| name.clone()),
        name,
        created: crate::host::life::now_ns() / 1_000_000_000,
        infra_id: None,
        share,
        labels,
        network: s.network.clone(),
        publish: s.publish.clone(),
        exit_stop,
    };
    let pods = Pods::open(getuid().as_raw())?;
    if let Some(old) = pods
        .find(&pod.name)
        .filter(|p| s.replace && p.name == pod.name)
    {
        remove_pod(&pods, &old, Some(0))?;
    }
    pods.create(&pod)?;
    if s.infra {
        match make_infra(&pods, &pod, s) {
            Ok(infra) => pod.infra_id = Some(infra),
            Err(e) => {
                pods.remove(&pod);
                return Err(e);
            }
        }
        if let Err(e) = pods.write(&pod) {
            let _ = remove_pod(&pods, &pod, Some(0));
            return Err(e);
        }
    }
    Ok(pod)
}

/// The infra container, made as `nook create --rootfs PAUSE-ROOT` would make it, its PID 1
/// nook's pause; returns its ID.
fn make_infra(pods: &Pods, pod: &PodRecord, s: &Spec) -> Result<String> {
    let root = pods.pause_root()?;
    let infra_name = plan::infra_name(&pod.id, s.infra_name.as_deref());
    let mut line: Vec<String> = ["nook", "create", "--rootfs", "--name", &infra_name]
        .map(String::from)
        .to_vec();
    if pod.share.iter().any(|k| k == "uts") {
        line.extend(["--hostname".into(), pod.hostname.clone()]);
    }
    for p in &s.publish {
        line.extend(["-p".into(), p.clone()]);
    }
    // podman's `private` is the default network.
    for n in s.network.iter().filter(|n| *n != "private") {
        line.extend(["--network".into(), n.clone()]);
    }
    line.push(root.to_string_lossy().into_owned());
    line.push("/catatonit".into());
    let args = match Cli::from_command_line(&line).map(|c| c.command) {
        Ok(Command::Create(args)) => args,
        Ok(_) => return Err(Error::Usage("internal error: not a create line".into())),
        Err(e) => return Err(Error::Usage(crate::cli::usage_line(&e))),
    };
    super::run_compat::compat(&args)?;
    let conf = crate::host::facts::containers_conf()?;
    let mut req = super::run::request(&args, &conf);
    req.pause = true;
    req.pod = Some(pod.id.clone());
    let mut life = super::life::Options::of(&super::run_compat::life_args(&args, &conf), false)?;
    life.detach = true;
    let containers = Containers::open(getuid().as_raw())?;
    let (plan, held) = super::run::prepare(&req, &containers, &life, &args.image, None)?;
    super::life::keep_created(held)?;
    Ok(plan.id)
}

/// The pod's containers (directory, record, running), the infra container last.
pub(super) fn members(
    containers: &Containers,
    pod: &PodRecord,
) -> Vec<(PathBuf, ContainerRecord, bool)> {
    let mut all: Vec<_> = containers
        .list()
        .into_iter()
        .filter_map(|(d, r, running)| r.map(|r| (d, r, running)))
        .filter(|(_, r, _)| r.pod.as_deref() == Some(pod.id.as_str()))
        .collect();
    all.sort_by_key(|(_, r, _)| (pod.infra_id.as_deref() == Some(r.id.as_str()), r.created));
    all
}

/// The pods named, or every one with `all`; podman's exit code 125 for a missing one
/// (rm's is 1) unless `ignore`.
fn for_pods(
    keys: &[String],
    all: bool,
    ignore: bool,
    missing_code: u8,
    mut each: impl FnMut(&Pods, &PodRecord) -> Result<()>,
) -> Result<u8> {
    let pods = Pods::open(getuid().as_raw())?;
    let list: Vec<(String, Option<PodRecord>)> = match all {
        true => pods
            .list()
            .into_iter()
            .map(|p| (p.id.clone(), Some(p)))
            .collect(),
        false => keys.iter().map(|k| (k.clone(), pods.find(k))).collect(),
    };
    let mut failed = None;
    for (key, pod) in list {
        let result = match pod {
            None if ignore => continue,
            None => Err(Error::Init {
                message: no_such_pod(&key),
                code: missing_code,
                errno: None,
            }),
            Some(pod) => each(&pods, &pod).and_then(|()| print(&format!("{}\n", pod.id)).map(drop)),
        };
        if let Err(e) = result
            && let Some(prev) = failed.replace(e)
        {
            eprintln!("Error: {prev}");
        }
    }
    failed.map_or(Ok(0), Err)
}

fn start(a: &PodStartArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    for_pods(&a.pods, a.all, false, 125, |_, pod| {
        if let Some(infra) = &pod.infra_id {
            start_infra(&containers, infra)?;
        }
        for (dir, r, running) in members(&containers, pod) {
            if !running
                && Some(&r.id) != pod.infra_id.as_ref()
                && hostlife::record_of(&dir).is_some()
            {
                super::monitor::start_detached(&containers, &r.id, false)?;
            }
        }
        Ok(())
    })
}

/// `-t` as podman reads it: negative waits without end.
fn seconds(t: Option<i64>) -> Option<u64> {
    t.map(|t| u64::try_from(t).unwrap_or(u64::from(u32::MAX)))
}

/// Stop the pod's running containers, the members first, the infra last.
fn stop_all(containers: &Containers, pod: &PodRecord, time: Option<u64>) -> Result<()> {
    for (dir, r, running) in members(containers, pod) {
        if running {
            super::life::stop_one(&dir, &r, time)?;
        }
    }
    Ok(())
}

fn stop(a: &PodStopArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let time = seconds(a.time);
    for_pods(&a.pods, a.all, a.ignore, 125, |_, pod| {
        stop_all(&containers, pod, time)
    })
}

fn kill(a: &PodKillArgs) -> Result<u8> {
    let sig = crate::plan::life::parse_signal(&a.signal).map_err(Error::Usage)?;
    let containers = Containers::open(getuid().as_raw())?;
    for_pods(&a.pods, a.all, false, 125, |_, pod| {
        for (dir, _, running) in members(&containers, pod) {
            if let (true, Some(pid1)) = (running, hostlife::open_pid1(&dir)) {
                hostlife::signal(&pid1, sig)?;
            }
        }
        Ok(())
    })
}

/// Remove a stopped container under its lock (its own `--rm` may be removing it).
fn remove_container(
    containers: &Containers,
    dir: &std::path::Path,
    r: &ContainerRecord,
) -> Result<()> {
    for _ in 0..100 {
        match containers.lock_kept(dir, &r.name) {
            Ok(lock) => {
                if hostlife::record_of(dir).is_some() {
                    containers.remove(dir, &r.name);
                } else {
                    let _ = std::fs::remove_dir_all(dir);
                }
                drop(lock);
                return Ok(());
            }
            Err(_) if hostlife::record_of(dir).is_none() => return Ok(()),
            Err(_) => {
                hostlife::wait_unlocked(dir);
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
    Err(Error::Usage(format!(
        "cannot remove container {}: it was started again meanwhile; stop it first",
        r.id
    )))
}

/// Remove the pod: its containers (stopped first when `force` gives a timeout), then its
/// record. Without `force`, a running container refuses it, in podman's words.
fn remove_pod(pods: &Pods, pod: &PodRecord, force: Option<u64>) -> Result<()> {
    let containers = Containers::open(getuid().as_raw())?;
    let list = members(&containers, pod);
    // The infra container is stopped with the pod, as podman's: only members keep it.
    let infra = pod.infra_id.as_deref();
    let busy: Vec<_> = list
        .iter()
        .filter(|(_, r, running)| *running && Some(r.id.as_str()) != infra)
        .collect();
    if force.is_none() && !busy.is_empty() {
        let mut text = format!(
            "not all containers could be removed from pod {}: removing pod containers",
            pod.id
        );
        for (_, r, _) in busy {
            text.push_str(&format!("\nError: cannot remove container {} as it is running - running or paused containers cannot be removed without force: container state improper", r.id));
        }
        return Err(Error::Usage(text));
    }
    stop_all(&containers, pod, force.or(Some(10)))?;
    for (dir, r, _) in &list {
        remove_container(&containers, dir, r)?;
    }
    pods.remove(pod);
    Ok(())
}

fn rm(a: &PodRmArgs) -> Result<u8> {
    let force = a.force.then(|| seconds(a.time).unwrap_or(10));
    for_pods(&a.pods, a.all, a.ignore || a.force, 1, |pods, pod| {
        remove_pod(pods, pod, force)
    })
}

fn prune(_: &PodPruneArgs) -> Result<u8> {
    let containers = Containers::open(getuid().as_raw())?;
    let pods = Pods::open(getuid().as_raw())?;
    for pod in pods.list() {
        if members(&containers, &pod)
            .iter()
            .all(|(_, _, running)| !running)
        {
            remove_pod(&pods, &pod, None)?;
            print(&format!("{}\n", pod.id))?;
        }
    }
    Ok(0)
}
