//! `nook run`, top to bottom: request -> facts -> plan -> acquire -> session -> report.

use nix::unistd::getuid;

use crate::cli::RunArgs;
use crate::error::{Error, Result};
use crate::host::state::Containers;
use crate::host::{acquire, facts, relay};
use crate::plan;
use crate::plan::containers_conf::ContainersConf;
use crate::plan::request::{
    CgroupRequest, HostRequest, MountRequest, NetworkRequest, RootRequest, RunRequest,
    SecurityRequest,
};
use crate::store::lookup as images;

use super::launch::launch;

/// The request of a command line: the one place that reads `RunArgs`. What the command line
/// leaves out, containers.conf (`conf`) may set.
pub fn request(args: &RunArgs, conf: &ContainersConf) -> RunRequest {
    let or_conf = |given: &Vec<String>, conf: &Vec<String>| match given.is_empty() {
        true => conf.clone(),
        false => given.clone(),
    };
    RunRequest {
        root: match args.rootfs {
            true => RootRequest::Dir(args.image.clone()),
            false => RootRequest::Image {
                reference: args.image.clone(),
                pull: args.pull,
                platform: args.platform.clone(),
                tls_verify: args.tls_verify,
                quiet: args.compat.quiet,
            },
        },
        command: args.command.clone(),
        entrypoint: args.entrypoint.clone(),
        name: args.name.clone(),
        hostname: args.hostname.clone(),
        remove: args.rm,
        interactive: args.interactive,
        tty: args.tty,
        env: args.env.clone(),
        env_files: args.env_file.clone(),
        workdir: args.workdir.clone(),
        user: args.user.clone(),
        userns: args.userns.or(conf.userns).unwrap_or_default(),
        init: args.init,
        storage_driver: args.storage_driver,
        mounts: MountRequest {
            volumes: args.volume.clone(),
            mounts: args.mount.clone(),
            tmpfs: {
                let first = args
                    .entrypoint
                    .as_deref()
                    .or(args.command.first().map(String::as_str));
                let on = args.compat.systemd.applies(first);
                let mut t = args.tmpfs.clone();
                t.extend(plan::compat::systemd_tmpfs(on, &args.tmpfs, &args.volume));
                t
            },
            read_only: args.read_only.or(conf.read_only).unwrap_or(false),
            read_only_tmpfs: args.read_only_tmpfs,
        },
        network: NetworkRequest {
            // Refused by `run_compat::compat` when they cannot be merged.
            mode: plan::network::membership::merge(&args.network)
                .ok()
                .flatten()
                .or_else(|| conf.network_cmd.clone()),
            publish: args.publish.clone(),
            publish_all: args.publish_all,
            dns: match args.dns.is_empty() {
                true => conf.dns_servers.clone(),
                false => args.dns.clone(),
            },
            dns_search: args.dns_search.clone(),
            dns_options: or_conf(&args.dns_option, &conf.dns_options),
            add_hosts: args.add_host.clone(),
            ip: args.ip,
            aliases: args.network_alias.clone(),
        },
        security: SecurityRequest {
            cap_add: args.cap_add.clone(),
            cap_drop: args.cap_drop.clone(),
            privileged: args.privileged,
            options: args.security_opt.clone(),
        },
        cgroup: CgroupRequest {
            mode: args.cgroups,
            manager: args
                .cgroup_manager
                .or(conf.cgroup_manager)
                .unwrap_or_default(),
            limits: plan::cgroup::LimitArgs {
                memory: args.memory.clone(),
                memory_swap: args.memory_swap.clone(),
                memory_reservation: args.memory_reservation.clone(),
                cpus: args.cpus.clone(),
                cpu_shares: args.cpu_shares,
                cpu_weight: args.cpu_weight,
                cpuset_cpus: args.cpuset_cpus.clone(),
                pids_limit: args.pids_limit.or(conf.pids_limit),
                device_read_bps: args.device_read_bps.clone(),
                device_write_bps: args.device_write_bps.clone(),
            },
            stats: args.stats,
        },
        host: HostRequest {
            oom_score_adj: args.compat.oom_score_adj.or(conf.oom_score_adj),
            ..host_request(&args.host, conf)
        },
        default_env: conf.env.clone(),
        default_ulimits: conf.default_ulimits.clone(),
        umask: args.compat.umask.clone(),
        preserve_fds: args.compat.preserve_fds.unwrap_or(0),
        log_driver: conf.log_driver.clone(),
        health: crate::plan::health::HealthRequest {
            cmd: args.health.health_cmd.clone(),
            interval: args.health.health_interval.clone(),
            retries: args.health.health_retries,
            timeout: args.health.health_timeout.clone(),
            start_period: args.health.health_start_period.clone(),
            none: args.health.no_healthcheck,
        },
        ..Default::default()
    }
}

/// The host plumbing flags; containers.conf's `tz` when `--tz` is left out.
fn host_request(h: &crate::cli::HostArgs, conf: &ContainersConf) -> HostRequest {
    HostRequest {
        devices: h.device.clone(),
        gpus: h.gpus.clone(),
        cdi_spec_dirs: h.cdi_spec_dir.clone(),
        group_add: h.group_add.clone(),
        shm_size: h.shm_size.clone(),
        ipc: h.ipc.clone(),
        pid: h.pid.clone(),
        uts: h.uts.clone(),
        sysctls: h.sysctl.clone(),
        ulimits: plan::plumbing::with_defaults(&conf.default_ulimits, &h.ulimit),
        env_host: h.env_host,
        http_proxy: h.http_proxy,
        tz: h.tz.clone().or_else(|| conf.tz.clone()),
        uidmap: h.uidmap.clone(),
        gidmap: h.gidmap.clone(),
        oom_score_adj: None,
    }
}

pub fn run(args: &RunArgs) -> Result<u8> {
    super::run_compat::compat(args)?;
    super::globals::runtime_flags()?;
    let conf = facts::containers_conf()?;
    crate::trace::step("containers.conf read");
    let req = match &args.bundle {
        Some(dir) => super::oci::bundle_request(dir, args, request(args, &conf))?,
        None => request(args, &conf),
    };
    let req = super::run_compat::volumes_from(args, req)?;
    let req = super::pod::member(args, super::desktop::desktop(args, req)?)?;
    // Every lifecycle flag is checked before anything is pulled or created.
    let life = super::life::Options::of(&super::run_compat::life_args(args, &conf), args.rm)?;
    let containers = Containers::open(getuid().as_raw())?;
    containers.reap_stale();
    if args.life.replace {
        super::life::replace(&containers, args.name.as_deref())?;
    }
    if args.life.detach {
        return super::monitor::run_detached(&req, &life, &containers, args);
    }
    let signals = relay::take_signals()?;
    let planned = plan_for(&req, &containers, &args.image, args.bundle.as_deref())?;
    let plan = &planned.plan;
    crate::trace::step("planned");
    if plan.cgroup.in_job {
        relay::end_with_parent();
        crate::host::userns::make_own();
    }
    let seccomp = acquire::checked(plan)?;
    let (mut tee, output) = super::run_compat::attached_output(
        &args.compat.attach,
        &plan.id,
        life.log_driver.keeps_log(),
        plan.process.tty,
    )?;
    // The container side makes its namespaces (the largest part of a start) while the
    // container's record, volumes and root are made here, on the other core.
    let begun = super::launch::begin(plan, seccomp, output, plan.process.preserve_fds)?;
    let acquire::Held {
        ports,
        rootfs,
        container,
        ..
    } = planned.take(&req, &containers, &life, None, args.bundle.as_deref())?;
    crate::trace::step("prepared");
    life.write_cidfile(&plan.id)?;
    if let Some(t) = tee.as_mut() {
        t.open_log(&containers, &container)?;
    }
    let mut launched = match launch(begun, plan, ports, &container) {
        Ok(l) => l,
        Err(e) => {
            // What the container side wrote before it failed still shows.
            if let Some(t) = tee.as_mut() {
                t.drain();
            }
            return Err(e);
        }
    };
    if args.sdnotify == crate::cli::SdNotify::Conmon {
        crate::host::notify::ready();
    }
    // Under a systemd unit (`--cgroups=split`) as in a batch job: its stop's SIGTERM reaches
    // only nook (KillMode=mixed), and a PID 1 that ignores it must not hang the stop.
    let in_unit = plan.cgroup.manager == crate::plan::cgroup::Manager::Split;
    let grace = (plan.cgroup.in_job || in_unit).then_some(relay::JOB_STOP_GRACE);
    let timeout = super::run_compat::Timeout::arm(args.compat.timeout, launched.pid1);
    let status = relay::run_teed(
        &mut launched.init,
        &signals,
        launched.pid1,
        launched.pty.take(),
        plan.process.interactive,
        grace,
        tee,
    )?;
    crate::trace::step("command ended");
    let (mut ended, mut init) = launched.end(plan, status);
    if let Some(t) = timeout {
        t.apply(&mut ended);
    }
    if rootfs.is_some() {
        init.reap(); // its mounts of the root go with it, before the root is kept or removed
    }
    match rootfs {
        Some(r) if !plan.remove => r.keep(),
        other => drop(other),
    }
    super::pod::member_ended(&containers, &plan.id, req.pod.as_deref());
    crate::trace::step("ended");
    container.finish(plan.remove, &ended);
    init.reap();
    crate::trace::step("removed");
    if plan.remove {
        super::volume::remove_anonymous_volumes(plan)?;
    }
    Ok(ended.code)
}

/// Request -> facts -> plan -> acquire: the container exists (its record written with the
/// lifecycle's options), its lock held, its root file system made; nothing runs yet.
pub(crate) fn prepare(
    req: &RunRequest,
    containers: &Containers,
    life: &super::life::Options,
    image_name: &str,
    bundle: Option<&std::path::Path>,
) -> Result<(plan::RunPlan, acquire::Held)> {
    let planned = plan_for(req, containers, image_name, bundle)?;
    let seccomp = acquire::checked(&planned.plan)?;
    let held = planned.take(req, containers, life, seccomp, bundle)?;
    Ok((planned.plan, held))
}

/// A run's plan, with what its record takes of its image.
pub(crate) struct Planned {
    pub plan: plan::RunPlan,
    /// The image's stop signal.
    image_stop: Option<String>,
    /// The full name the user's image reference resolved to.
    image_name: Option<String>,
}

impl Planned {
    /// `acquire::take` for this plan (after `acquire::checked`, whose program `seccomp` is):
    /// the container's record (with the lifecycle's options), volumes and root.
    pub(crate) fn take(
        &self,
        req: &RunRequest,
        containers: &Containers,
        life: &super::life::Options,
        seccomp: Option<Vec<u8>>,
        bundle: Option<&std::path::Path>,
    ) -> Result<acquire::Held> {
        let held = acquire::take(&self.plan, containers, seccomp, |r| {
            life.fill(r, self.image_stop.clone(), self.image_name.clone());
            r.pod = req.pod.clone();
            if life.log_driver == crate::plan::life::LogDriver::K8sFile {
                r.log_path = Some(containers.log_path(r));
            }
        })?;
        if let Some(dir) = bundle {
            super::oci::record_bundle(held.container.dir(), dir);
        }
        Ok(held)
    }
}

/// Request -> facts -> plan: everything is decided before anything is created, so that a
/// refused request (a bad flag, a missing host path, a limit that cannot be enforced, a
/// driver that cannot be used) fails with nothing to undo.
fn plan_for(
    req: &RunRequest,
    containers: &Containers,
    image_name: &str,
    bundle: Option<&std::path::Path>,
) -> Result<Planned> {
    // --ipc/--pid/--network container:NAME: a running container, found before anything is
    // pulled.
    let net_joined = match &req.network.mode {
        Some(plan::network::Mode::Container(name)) => Some(name.as_str()),
        _ => None,
    };
    if let Some(plan::network::Mode::Ns(path)) = &req.network.mode {
        crate::host::network::check_netns_path(path)?;
    }
    let joined = match plan::plumbing::join_target(&req.host, net_joined).map_err(Error::Usage)? {
        Some(name) => {
            let live = containers.live(&name)?;
            Some(plan::plumbing::Joined {
                pid: live.pid.as_raw(),
                ids: live.plan.ids,
                hosts: std::fs::read_to_string(live.dir.join("hosts")).unwrap_or_default(),
                dir: live.dir,
                hostname: live.plan.hostname,
            })
        }
        None => None,
    };
    let mut facts = facts::for_run(
        req,
        || super::run_image::image_for_run(req),
        |id| containers.container_dir(id),
    )?;
    // A scheduler runs a bundle with its own environment; the job's is in the bundle's.
    if bundle.is_some() && facts.cgroup.job.is_none() {
        facts.cgroup.job = plan::oci::job_of_env(&req.env);
    }
    facts.plumbing.joined = joined;
    // A kept container's root outlives the runtime directory (a tmpfs): in the data directory.
    if let Some(dir) = containers.private_dir(&facts.id, req.remove) {
        facts.keep_root_in(dir);
    }
    if matches!(req.userns, plan::request::Userns::Auto { .. }) {
        let running: Vec<_> = containers
            .list()
            .into_iter()
            .filter(|(_, _, running)| *running)
            .map(|(dir, _, _)| dir)
            .collect();
        facts.plumbing.auto_taken = facts::auto_taken(&running);
    }
    crate::trace::step("facts read");
    super::run_image::shift_image_for_map(req, &mut facts)?;
    let plan = plan::run::build(req, &facts).map_err(Error::Usage)?;
    if let Some(w) = plan::compat::oom_warning(req.host.oom_score_adj, plan.plumbing.oom_score_adj)
    {
        eprintln!("Warning: {w}");
    }
    if let Some(w) = &plan.ids.warning {
        eprintln!("Warning: {w}");
    }
    for w in &plan.warnings {
        eprintln!("{w}");
    }
    if let Some(i) = &plan.info {
        eprintln!("Info: {i}");
    }
    if let Some(n) = &plan.cgroup.notice {
        eprintln!("Warning: {n}");
    }
    if let Some(w) = plan.cgroup.v1_warning {
        eprintln!("{w}");
    }
    let image_stop = facts
        .image
        .as_ref()
        .and_then(|i| i.config.config.stop_signal.clone());
    // As podman records it: the full name the user's reference resolved to in the store
    // (`busybox` is docker.io/library/busybox:latest, a built `myapp` localhost/myapp:latest),
    // or the image's first name when run by ID.
    let image_name = facts
        .image
        .as_ref()
        .map(|i| match i.id.starts_with(image_name) {
            true => i.name.clone(),
            false => images::resolved_name(i, image_name)
                .or_else(|| {
                    plan::image_ref::ImageRef::parse(image_name)
                        .ok()
                        .map(|r| r.to_string())
                })
                .unwrap_or_else(|| i.name.clone()),
        });
    Ok(Planned {
        plan,
        image_stop,
        image_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use crate::plan::cgroup::ManagerFlag;
    use crate::plan::request::Userns;

    fn req(args: &[&str], conf: &ContainersConf) -> RunRequest {
        let line = ["nook", "run"].iter().chain(args);
        match Cli::from_command_line(line).map(|c| c.command) {
            Ok(Command::Run(r)) => request(&r, conf),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn containers_conf_fills_what_the_command_line_leaves_out() {
        let conf = crate::plan::containers_conf::load(&[(
            "c".into(),
            "[containers]\nuserns = \"keep-id\"\nread_only = true\ndns_servers = [\"192.0.2.1\"]\nenv = [\"A=1\"]\npids_limit = 7\n[engine]\ncgroup_manager = \"cgroupfs\"\n".into(),
        )])
        .unwrap();
        let r = req(&["img"], &conf);
        assert_eq!(r.userns, Userns::KeepId);
        assert!(r.mounts.read_only);
        assert_eq!(
            r.network.dns,
            ["192.0.2.1".parse::<std::net::IpAddr>().unwrap()]
        );
        assert_eq!(r.default_env, ["A=1"]);
        assert_eq!(r.cgroup.limits.pids_limit, Some(7));
        assert_eq!(r.cgroup.manager, ManagerFlag::Cgroupfs);
        let r = req(
            &[
                "--userns=host",
                "--read-only=false",
                "--dns",
                "192.0.2.2",
                "--pids-limit",
                "3",
                "--cgroup-manager",
                "systemd",
                "img",
            ],
            &conf,
        );
        assert_eq!(r.userns, Userns::Default);
        assert!(!r.mounts.read_only);
        assert_eq!(
            r.network.dns,
            ["192.0.2.2".parse::<std::net::IpAddr>().unwrap()]
        );
        assert_eq!(r.cgroup.limits.pids_limit, Some(3));
        assert_eq!(r.cgroup.manager, ManagerFlag::Systemd);
        let r = req(&["img"], &ContainersConf::default());
        assert_eq!(r.userns, Userns::Default);
        assert_eq!(r.cgroup.manager, ManagerFlag::Systemd);
    }
}
