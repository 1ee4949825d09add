//! The run plan: everything `nook run` will do, decided from the command line and the facts
//! the host side gathered, before any namespace exists.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::caps::{self, CapMask};
use super::cgroup::{self as cgroup, CgroupPlan};
use super::files;
use super::idmap;
use super::mounts::{self, Op, RootfsOptions};
use super::network::{self, NetworkPlan};
use super::overlay::{self as overlay, Driver};
use super::podman_files;
use super::process::{self, UserSpec};
use super::request::{RunRequest, Userns};
use super::seccomp;
pub use super::security::seccomp_profile_path;
use super::security::security_opts;
use super::volume;

/// The container's process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessPlan {
    pub argv: Vec<String>,
    /// The part of `argv` that is the entrypoint (the rest is the command): `commit`'s.
    #[serde(default)]
    pub entrypoint: Vec<String>,
    pub env: Vec<String>,
    pub cwd: String,
    /// The working directory may be created when the root lacks it (else exit 126).
    #[serde(default)]
    pub create_cwd: bool,
    /// Container paths (`-v ...:U`) whose files go to the container's user before the command.
    #[serde(default)]
    pub chown: Vec<String>,
    pub user: UserSpec,
    /// The bounding set; root gets it as its effective set at exec.
    pub caps: CapMask,
    pub no_new_privs: bool,
    pub tty: bool,
    pub interactive: bool,
    /// Run nook's minimal reaper as PID 1.
    pub init: bool,
    /// A pod's infra container: PID 1 stays nook and waits for a signal (no command).
    #[serde(default)]
    pub pause: bool,
    /// `setgroups(2)` is allowed (not with a single mapping, where it is denied).
    pub setgroups: bool,
    /// Initial terminal size (rows, columns) with `-t`.
    pub tty_size: Option<(u16, u16)>,
    /// The process's umask (`--umask`, podman's 0022 by default).
    #[serde(default = "default_umask")]
    pub umask: u32,
    /// Descriptors 3 to 3+N-1 of `nook run` that reach the command (`--preserve-fds`).
    #[serde(default)]
    pub preserve_fds: u32,
    /// The seccomp filter (none: unconfined). The host side compiles it and sends the
    /// program along with the plan (`ToInit::Start`).
    #[serde(skip)]
    pub seccomp: Option<seccomp::Filter>,
}

/// podman's default umask (containers.conf's `umask`).
pub fn default_umask() -> u32 {
    0o022
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunPlan {
    pub id: String,
    pub name: String,
    pub rootfs: PathBuf,
    pub state_dir: PathBuf,
    pub hostname: String,
    pub own_netns: bool,
    pub network: NetworkPlan,
    /// One line to print before the container starts (for example: no network helper).
    pub info: Option<String>,
    /// Lines printed as they are before the container starts, as podman prints the warnings
    /// of a container's creation.
    #[serde(default)]
    pub warnings: Vec<String>,
    pub ids: IdPlan,
    pub ops: Vec<Op>,
    pub process: ProcessPlan,
    /// Files the host writes into the state directory before start: (file name, contents).
    pub files: Vec<(String, String)>,
    /// Namespaced sysctls set before the container starts: (name, value).
    pub sysctls: Vec<(String, String)>,
    pub remove: bool,
    /// The ID of the image the container is made from.
    pub image: Option<String>,
    /// How an image's layers become the root file system (none for `--rootfs`).
    pub driver: Option<Driver>,
    /// The kernel overlay (or fuse-overlayfs) of the image's layers, mounted on `rootfs` by
    /// `__init` (none for `--rootfs` and for the vfs driver, which copies the layers there).
    pub overlay: Option<super::overlay::OverlaySpec>,
    /// The container's cgroup: the host's business only.
    #[serde(skip)]
    pub cgroup: CgroupPlan,
    pub root: Root,
    /// The named volumes the container uses.
    pub volumes: Vec<String>,
    /// Those of them that are anonymous (`-v /path`): removed with the container.
    #[serde(default)]
    pub anonymous_volumes: Vec<String>,
    /// Devices, groups, shared namespaces, sysctls, limits, CDI hooks.
    #[serde(default)]
    pub plumbing: super::plumbing::Plumbing,
    /// The healthcheck (`nook healthcheck run`, the monitor's timer).
    #[serde(default)]
    pub health: Option<super::health::HealthPlan>,
}

/// Where the root file system comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Root {
    /// `--rootfs DIR`: the user's directory, used as it is.
    Dir,
    /// An image: its unpacked `layers` (lowest first) under a kernel overlay, or its layer
    /// `blobs` applied in order into the container's own `rootfs` directory (vfs).
    Image {
        blobs: Vec<PathBuf>,
        layers: Vec<PathBuf>,
        /// The root of the image store they are in.
        store: PathBuf,
        /// `--userns=keep-id`: `layers` are keep-id copies; vfs applies `blobs` so.
        #[serde(default)]
        shift: Option<super::keep_id::Shift>,
    },
}

/// A problem with the request itself: one line, exit code 125.
pub type PlanError = String;

pub use super::run_facts::Facts;
pub use super::run_ids::{IdPlan, container_ids, default_ids, unmapped_caller};

/// Container names as podman accepts them: the rule of network names too.
pub use super::network::ipam::valid_name;

/// Decide the whole run, before anything of it exists.
pub fn build(req: &RunRequest, facts: &Facts) -> Result<RunPlan, PlanError> {
    let mut warnings = Vec::new();
    // docker's form `/NAME` is the name NAME, as podman 5 reads it.
    let name = match req
        .name
        .as_deref()
        .map(|n| n.strip_prefix('/').unwrap_or(n))
    {
        Some(n) if !valid_name(n) => {
            return Err(format!(
                "invalid container name {n:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit"
            ));
        }
        Some(n) => n.to_string(),
        None => format!("nook-{}", &facts.id[..8]),
    };
    let own_netns_asked = !matches!(req.network.mode, Some(network::Mode::Host));
    let mut host = super::plumbing::plan(
        &req.host,
        &facts.plumbing,
        own_netns_asked,
        facts.helpers,
        req.hostname.is_some(),
    )?;
    let net_joined = match &req.network.mode {
        Some(network::Mode::Container(name)) => Some(name.as_str()),
        _ => None,
    };
    host.plumbing.join = super::plumbing::join_with_net(
        host.plumbing.join,
        net_joined,
        facts.plumbing.joined.as_ref(),
    )?;
    warnings.append(&mut host.warnings);
    let hostname = super::plumbing::hostname(req.hostname.as_deref(), &host.plumbing, facts)?;
    let ids = container_ids(req, facts)?;
    let become_root = unmapped_caller(&ids, facts.uid);
    let image = facts.image.as_ref().map(|i| &i.config);
    let user = match (req.user.as_deref(), image.and_then(|c| c.user())) {
        (Some(u), _) | (None, Some(u)) => UserSpec::parse(u)?,
        (None, None) if req.userns == Userns::KeepId => UserSpec {
            user: facts.uid.to_string(),
            group: Some(facts.gid.to_string()),
        },
        (None, None) => UserSpec {
            user: "0".into(),
            group: None,
        },
    };
    let argv = match image {
        Some(c) => c.argv(req.entrypoint.as_deref(), &req.command),
        None => process::argv(req.entrypoint.as_deref(), &[], &req.command),
    };
    let entrypoint = match image {
        Some(c) => c.entrypoint(req.entrypoint.as_deref()),
        None => process::argv(req.entrypoint.as_deref(), &[], &[]),
    };
    if argv.is_empty() {
        return Err(match &facts.image {
            Some(i) => format!(
                "image {} has no command (Entrypoint and Cmd are empty): name one after the image",
                i.name
            ),
            None => "no command given: name one after the root file system, as in: nook run --rootfs DIR sh".into(),
        });
    }
    let mut defaults = vec![
        ("PATH", process::DEFAULT_PATH.to_string()),
        ("container", "nook".to_string()),
        ("HOSTNAME", hostname.clone()),
    ];
    if req.tty {
        defaults.push(("TERM", "xterm".to_string()));
    }
    // containers.conf's env, then the image's Env, then env files and -e, each overriding
    // what came before.
    let mut entries: Vec<String> = req.default_env.clone();
    // As podman: the host's proxy variables, under everything but containers.conf's env.
    if req.host.http_proxy {
        entries.extend(process::PROXY_ENV.iter().map(|v| v.to_string()));
    }
    entries.extend(image.map(|c| c.env().to_vec()).unwrap_or_default());
    // --env-host: every host variable, over the image's (a bare `*` copies them all).
    if req.host.env_host {
        entries.push("*".to_string());
    }
    entries.extend(
        facts
            .env_files
            .iter()
            .flat_map(|t| process::parse_env_file(t)),
    );
    entries.extend(req.env.iter().cloned());
    // A CDI spec's environment wins over every other, as the CDI library applies it.
    entries.append(&mut host.env);
    if let Some(bad) = entries.iter().find(|e| e.starts_with('=') || e.is_empty()) {
        return Err(format!(
            "invalid environment variable {bad:?}: use NAME=VALUE"
        ));
    }
    let env = process::environment(&facts.host_env, &defaults, &entries);
    let caps = caps::resolve(
        &req.security.cap_add,
        &req.security.cap_drop,
        req.security.privileged,
    )?;
    let security = security_opts(&req.security.options)?;
    let seccomp = match (
        &facts.seccomp_profile,
        security.unconfined || req.security.privileged,
    ) {
        // --privileged drops the filter, as podman does.
        (_, true) => None,
        (Some(text), false) => Some(seccomp::from_json(text, caps).map_err(|e| {
            format!(
                "seccomp profile {}: {e}; give a profile in the docker/OCI JSON format",
                security.profile.as_deref().unwrap_or("")
            )
        })?),
        (None, false) => Some(seccomp::default_filter(caps)),
    };
    let masked = mounts::masked_paths(req.security.privileged, &security.mask, &security.unmask);
    let exposed = image.map(|c| c.exposed_ports()).unwrap_or_default();
    let mut ports = network::ports(&req.network.publish, req.network.publish_all, &exposed)?;
    if req.network.mode == Some(network::Mode::Host) && !ports.is_empty() {
        ports.clear();
        warnings.push(network::PORTS_DISCARDED.to_string());
    }
    let (mut network, info) = network::choose(req.network.mode.as_ref(), &facts.net, ports)?;
    network.dns_given = !req.network.dns.is_empty();
    match &mut network.mode {
        network::Mode::Bridge(b) => {
            b.ip = req.network.ip;
            b.aliases = req.network.aliases.clone();
        }
        _ if req.network.ip.is_some() || !req.network.aliases.is_empty() => {
            return Err(
                "--ip and --network-alias need a bridge network: add --network NAME (or bridge)"
                    .into(),
            );
        }
        _ => {}
    }
    let own_netns = network.own_netns();
    if become_root {
        if let network::Mode::Slirp4netns(o) = &mut network.mode {
            o.no_sandbox = true;
        }
        super::userns::check_unmapped_caller(
            &req.userns,
            facts
                .image
                .as_ref()
                .is_some_and(|i| !matches!(i.shift, Some(super::keep_id::Shift::Map { .. }))),
        )?;
    }
    let (extra_hosts, dns) = files::asked(&req.network)?;
    let etc = |file: &str| {
        (
            facts.state_dir.join(file).to_string_lossy().into_owned(),
            format!("/etc/{file}"),
        )
    };
    let joined_net = facts
        .plumbing
        .joined
        .as_ref()
        .filter(|_| net_joined.is_some());
    // A pod's member has a hosts file of its own: the pod's, with its name (as podman's).
    let pod_hosts = joined_net
        .filter(|_| req.pod.is_some())
        .map(|j| j.hosts.as_str());
    // --network container:NAME: that container's hosts and resolv.conf, as podman shares them.
    let net_etc = |file: &str| match joined_net.filter(|_| file != "hosts" || pod_hosts.is_none()) {
        Some(j) => (
            j.dir.join(file).to_string_lossy().into_owned(),
            format!("/etc/{file}"),
        ),
        None => etc(file),
    };
    let (mut user_mounts, last) = volume::ops(
        &facts.mounts,
        req.mounts.read_only,
        req.mounts.read_only_tmpfs.unwrap_or(true),
    );
    user_mounts.extend(volume::restrictions(&req.mounts.volumes));
    user_mounts.append(&mut host.ops);
    let mut ops = mounts::rootfs_ops(
        RootfsOptions {
            own_netns,
            privileged: req.security.privileged,
            tty_group_mapped: idmap::is_mapped(&ids.gid, 5),
        },
        &masked,
        &[etc("hostname"), net_etc("hosts"), net_etc("resolv.conf")],
        &user_mounts,
    );
    let cwd = req
        .workdir
        .clone()
        .or_else(|| image.and_then(|c| c.working_dir()).map(str::to_string))
        .unwrap_or_else(|| "/".to_string());
    // Not in a --rootfs directory: it is the user's, and may not be writable inside.
    let containerenv = facts.image.is_some() && podman_files::wants_containerenv(&facts.mounts);
    if containerenv {
        let (source, _) = etc("containerenv");
        ops.push(mounts::bind_op(&source, podman_files::CONTAINERENV));
    }
    if req.userns == Userns::KeepId {
        ops.push(podman_files::keep_id_user(
            &facts.user_name,
            facts.uid,
            facts.gid,
            facts.host_env.get("HOME").map(String::as_str),
            &cwd,
            &facts.mounts,
            &facts.state_dir.to_string_lossy(),
        ));
    }
    ops.extend(last);
    super::plumbing::adjust_ops(&mut ops, &host.plumbing, host.shm_size, &facts.plumbing);
    let host_network = !own_netns;
    let mut files = vec![
        ("hostname".to_string(), files::hostname(&hostname)),
        (
            "hosts".to_string(),
            files::hosts(&files::HostsFor {
                hostname: &hostname,
                name: &name,
                host_network,
                host_hosts: &facts.host_hosts,
                own_ip: network.guest(),
                host_internal: network::host_internal(&network.mode, &facts.host_ips),
                extra: &extra_hosts,
                pod_hosts,
            }),
        ),
        (
            "resolv.conf".to_string(),
            files::resolv_conf_for(
                &facts.host_resolv,
                host_network,
                network.subnet().map(|s| s.dns()),
                &dns,
            ),
        ),
    ];
    if let Some(i) = facts.image.as_ref().filter(|_| containerenv) {
        let rootless = facts.uid != 0;
        let text =
            podman_files::containerenv(req.security.privileged, &name, &facts.id, i, rootless);
        files.push(("containerenv".to_string(), text));
    }
    if !host.plumbing.hooks.is_empty() {
        // The OCI bundle the hooks are given: the state directory, whose config.json names
        // the root (NVIDIA's hooks read it).
        files.push((
            "config.json".to_string(),
            super::cdi::config_json(&facts.rootfs, &env, &hostname),
        ));
    }
    let process = ProcessPlan {
        argv,
        entrypoint,
        env,
        create_cwd: podman_files::may_create_workdir(
            &cwd,
            req.workdir.as_deref(),
            image.and_then(|c| c.working_dir()),
            &facts.mounts,
        ),
        cwd,
        chown: volume::chown_targets(&req.mounts.volumes),
        user,
        caps,
        no_new_privs: security.no_new_privs,
        seccomp,
        tty: req.tty,
        interactive: req.interactive,
        init: req.init,
        pause: req.pause,
        setgroups: ids.helpers,
        tty_size: if req.tty { facts.tty_size } else { None },
        umask: super::compat::parse_umask(req.umask.as_deref())?,
        preserve_fds: req.preserve_fds,
    };
    if !process.cwd.starts_with('/') {
        return Err(format!(
            "invalid --workdir {:?}: give an absolute path inside the container",
            process.cwd
        ));
    }
    let (driver, overlay) = match (&facts.image, &facts.storage) {
        (Some(i), Some(s)) => {
            let (d, o) =
                overlay::for_run(s, &i.layers, &facts.private_dir, req.remove, become_root)?;
            (Some(d), o)
        }
        (Some(_), None) => return Err("internal error: no storage facts for an image".into()),
        (None, _) => (None, None),
    };
    let cgroup = cgroup::plan(&req.cgroup, &facts.cgroup, &facts.devices, &facts.id, &name)?;
    Ok(RunPlan {
        id: facts.id.clone(),
        name,
        rootfs: facts.rootfs.clone(),
        state_dir: facts.state_dir.clone(),
        hostname,
        own_netns,
        network,
        info,
        warnings,
        ids,
        ops,
        process,
        files,
        // As podman: unprivileged ping (ICMP sockets) for the container's own root group.
        sysctls: if own_netns {
            vec![("net.ipv4.ping_group_range".to_string(), "0 0".to_string())]
        } else {
            Vec::new()
        },
        remove: req.remove,
        image: facts.image.as_ref().map(|i| i.id.clone()),
        driver,
        overlay,
        cgroup,
        root: match &facts.image {
            Some(i) => Root::Image {
                blobs: i.blobs.clone(),
                layers: i.layers.clone(),
                store: i.store.clone(),
                shift: i.shift,
            },
            None => Root::Dir,
        },
        volumes: facts.volumes.clone(),
        anonymous_volumes: facts.anonymous_volumes.clone(),
        plumbing: super::plumbing::Plumbing {
            userns_auto: matches!(req.userns, Userns::Auto { .. }),
            become_root,
            ..host.plumbing
        },
        health: super::health::plan(
            &req.health,
            facts
                .image
                .as_ref()
                .and_then(|i| i.config.config.healthcheck.as_ref()),
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::cgroup::CgroupFacts;
    use crate::plan::idmap::IdMapping;
    use crate::plan::network::NetFacts;

    /// The request of a command line: the tests speak in flags, as users do.
    fn args(a: &[&str]) -> RunRequest {
        crate::app::run_request(a)
    }

    fn facts() -> Facts {
        Facts {
            uid: 1000,
            gid: 1000,
            user_name: "alice".into(),
            subuid: Some("alice:100000:65536\n".into()),
            subgid: Some("alice:100000:65536\n".into()),
            helpers: true,
            host_env: [("TERM".to_string(), "screen".to_string())].into(),
            host_resolv: "nameserver 127.0.0.53\nnameserver 1.1.1.1\n".into(),
            host_hosts: String::new(),
            host_ips: vec!["127.0.0.1".parse().unwrap(), "192.0.2.7".parse().unwrap()],
            env_files: vec![],
            id: "0123456789abcdef".repeat(4),
            rootfs: "/r".into(),
            state_dir: "/run/user/1000/nook/containers/x".into(),
            private_dir: "/run/user/1000/nook/containers/x".into(),
            tty_size: Some((24, 80)),
            seccomp_profile: None,
            net: NetFacts::default(),
            image: None,
            mounts: Vec::new(),
            volumes: Vec::new(),
            anonymous_volumes: Vec::new(),
            storage: None,
            cgroup: CgroupFacts::default(),
            devices: Vec::new(),
            plumbing: Default::default(),
        }
    }

    #[test]
    fn new_namespaces_are_the_ones_neither_shared_nor_joined() {
        let new = |a: &[&str]| build(&args(a), &facts()).unwrap().new_namespaces();
        let all = libc::CLONE_NEWNET | libc::CLONE_NEWUTS | libc::CLONE_NEWIPC;
        assert_eq!(new(&["--rootfs", "/r", "sh"]), all);
        assert_eq!(
            new(&["--network", "none", "--rootfs", "/r", "sh"]),
            all,
            "none is a network namespace of its own, with only lo"
        );
        assert_eq!(
            new(&["--network", "host", "--rootfs", "/r", "sh"]),
            libc::CLONE_NEWUTS | libc::CLONE_NEWIPC
        );
        assert_eq!(
            new(&["--network", "ns:/run/netns/x", "--rootfs", "/r", "sh"]),
            libc::CLONE_NEWUTS | libc::CLONE_NEWIPC
        );
        let mut shared = build(&args(&["--rootfs", "/r", "sh"]), &facts()).unwrap();
        shared.plumbing.share_uts = true;
        shared.plumbing.share_ipc = true;
        assert_eq!(shared.new_namespaces(), libc::CLONE_NEWNET);
        let mut joined = build(&args(&["--rootfs", "/r", "sh"]), &facts()).unwrap();
        joined.plumbing.join = Some(crate::plan::plumbing::Join {
            pid: 7,
            ipc: true,
            pid_ns: false,
            net: true,
            uts: false,
        });
        assert_eq!(joined.new_namespaces(), libc::CLONE_NEWUTS);
    }

    #[test]
    fn defaults() {
        let p = build(&args(&["--rootfs", "/r", "sh"]), &facts()).unwrap();
        assert_eq!(p.hostname, "0123456789ab");
        assert_eq!(p.name, "nook-01234567");
        assert!(p.ids.helpers && p.ids.warning.is_none());
        assert_eq!(p.ids.uid.len(), 2);
        assert_eq!(p.process.user.user, "0");
        assert_eq!(p.process.cwd, "/");
        assert!(p.own_netns);
        assert!(p.process.env.contains(&"HOSTNAME=0123456789ab".to_string()));
        assert!(!p.process.env.iter().any(|e| e.starts_with("TERM=")));
        let resolv = &p.files.iter().find(|f| f.0 == "resolv.conf").unwrap().1;
        assert_eq!(resolv, "nameserver 1.1.1.1\n");
    }

    #[test]
    fn slirp4netns_by_default_when_installed() {
        let mut f = facts();
        f.net = NetFacts {
            slirp4netns: Some("/usr/bin/slirp4netns".into()),
            pasta: None,
            tun_exists: true,
            tun_usable: true,
        };
        let p = build(
            &args(&[
                "-p",
                "8080:80",
                "--add-host",
                "db:10.0.2.2",
                "-h",
                "box",
                "--rootfs",
                "/r",
                "sh",
            ]),
            &f,
        )
        .unwrap();
        assert!(matches!(p.network.mode, network::Mode::Slirp4netns(_)));
        assert!(p.own_netns && p.info.is_none());
        assert_eq!(p.network.ports.len(), 1);
        let file = |n: &str| p.files.iter().find(|f| f.0 == n).unwrap().1.clone();
        assert_eq!(file("resolv.conf"), "nameserver 10.0.2.3\n");
        assert!(file("hosts").ends_with(
            "10.0.2.100\tbox nook-01234567\n\
             192.0.2.7\thost.containers.internal host.docker.internal\n\
             10.0.2.2\tdb\n"
        ));
        let p = build(&args(&["--dns", "192.0.2.9", "--rootfs", "/r", "sh"]), &f).unwrap();
        assert_eq!(
            p.files.iter().find(|f| f.0 == "resolv.conf").unwrap().1,
            "nameserver 192.0.2.9\n"
        );
        // Without helpers the default is no network, said once.
        let p = build(&args(&["--rootfs", "/r", "sh"]), &facts()).unwrap();
        assert_eq!(p.network.mode, network::Mode::None);
        assert!(p.info.is_some());
        assert!(build(&args(&["-p", "80:80", "--rootfs", "/r", "sh"]), &facts()).is_err());
    }

    #[test]
    fn the_hosts_proxy_variables_pass_unless_http_proxy_is_false() {
        let mut f = facts();
        f.host_env
            .insert("https_proxy".into(), "http://proxy:3128".into());
        f.host_env.insert("NO_PROXY".into(), "localhost".into());
        let env = |a: &[&str]| build(&args(a), &f).unwrap().process.env;
        let on = env(&["--rootfs", "/r", "sh"]);
        assert!(on.contains(&"https_proxy=http://proxy:3128".to_string()));
        assert!(on.contains(&"NO_PROXY=localhost".to_string()));
        assert!(!on.iter().any(|e| e.starts_with("http_proxy=")));
        let over = env(&["-e", "NO_PROXY=x", "--rootfs", "/r", "sh"]);
        assert!(over.contains(&"NO_PROXY=x".to_string()));
        let off = env(&["--http-proxy=false", "--rootfs", "/r", "sh"]);
        assert!(
            !off.iter().any(|e| e.to_lowercase().contains("proxy")),
            "{off:?}"
        );
        assert_eq!(env(&["--http-proxy", "--rootfs", "/r", "sh"]), on);
    }

    #[test]
    fn ports_with_the_host_network_are_discarded_with_a_warning() {
        let p = build(
            &args(&["-p", "8080:80", "--net=host", "--rootfs", "/r", "sh"]),
            &facts(),
        )
        .unwrap();
        assert_eq!(p.network.mode, network::Mode::Host);
        assert!(p.network.ports.is_empty());
        assert_eq!(p.warnings, [network::PORTS_DISCARDED]);
        let p = build(&args(&["--net=host", "--rootfs", "/r", "sh"]), &facts()).unwrap();
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn a_leading_slash_of_a_name_is_dropped() {
        let p = build(&args(&["--name", "/web", "--rootfs", "/r", "sh"]), &facts()).unwrap();
        assert_eq!(p.name, "web");
        assert!(
            build(
                &args(&["--name", "//web", "--rootfs", "/r", "sh"]),
                &facts()
            )
            .is_err()
        );
    }

    #[test]
    fn single_mapping_without_ranges_warns() {
        let mut f = facts();
        f.subuid = Some("bob:1:2\n".into());
        let p = build(&args(&["--rootfs", "/r", "sh"]), &f).unwrap();
        assert!(!p.ids.helpers);
        assert_eq!(p.ids.uid, idmap::single_map(1000, 0));
        assert!(p.ids.warning.unwrap().contains("usermod"));
        assert!(!p.process.setgroups);
    }

    #[test]
    fn single_mapping_without_helpers() {
        let mut f = facts();
        f.helpers = false;
        let p = build(&args(&["--rootfs", "/r", "sh"]), &f).unwrap();
        assert!(p.ids.warning.unwrap().contains("uidmap"));
    }

    #[test]
    fn malformed_subuid_is_an_error() {
        let mut f = facts();
        f.subuid = Some("alice:x:65536\n".into());
        let e = build(&args(&["--rootfs", "/r", "sh"]), &f).unwrap_err();
        assert!(e.starts_with("/etc/subuid line 1"), "{e}");
    }

    #[test]
    fn keep_id_runs_as_the_caller() {
        let p = build(
            &args(&["--rootfs", "--userns=keep-id", "/r", "id"]),
            &facts(),
        )
        .unwrap();
        assert_eq!(p.process.user.user, "1000");
        assert!(p.ids.uid.contains(&IdMapping {
            inside: 1000,
            outside: 1000,
            count: 1
        }));
    }

    #[test]
    fn tty_sets_term() {
        let p = build(&args(&["-t", "--rootfs", "/r", "sh"]), &facts()).unwrap();
        assert!(p.process.env.contains(&"TERM=xterm".to_string()));
        let p = build(
            &args(&["-t", "-e", "TERM", "--rootfs", "/r", "sh"]),
            &facts(),
        )
        .unwrap();
        assert!(p.process.env.contains(&"TERM=screen".to_string()));
    }

    #[test]
    fn user_mounts_and_read_only_root_are_planned() {
        let mut f = facts();
        f.mounts = vec![volume::Resolved::Bind {
            source: "/home/alice/src".into(),
            target: "/src".into(),
            readonly: true,
        }];
        f.volumes = vec!["cache".into()];
        let p = build(&args(&["--read-only", "--rootfs", "/r", "sh"]), &f).unwrap();
        assert_eq!(p.ops.last(), Some(&Op::ReadOnlyRoot));
        let src = p
            .ops
            .iter()
            .position(|o| matches!(o, Op::Bind { target, readonly: true, .. } if target == "/src"))
            .expect("the bind is planned");
        let tmp = p
            .ops
            .iter()
            .position(|o| matches!(o, Op::Mount { target, .. } if target == "/tmp"))
            .expect("--read-only mounts a tmpfs on /tmp");
        let mask = p
            .ops
            .iter()
            .position(|o| matches!(o, Op::Mask { .. }))
            .unwrap();
        assert!(src < mask && tmp < mask);
        assert_eq!(p.volumes, ["cache"]);
        let p = build(&args(&["--rootfs", "/r", "sh"]), &facts()).unwrap();
        assert!(!p.ops.contains(&Op::ReadOnlyRoot));
        let p = build(
            &args(&[
                "--read-only",
                "--read-only-tmpfs=false",
                "--rootfs",
                "/r",
                "sh",
            ]),
            &facts(),
        )
        .unwrap();
        assert!(
            !p.ops
                .iter()
                .any(|o| matches!(o, Op::Mount { target, .. } if target == "/tmp"))
        );
    }

    #[test]
    fn bad_requests_are_errors() {
        let f = facts();
        for bad in [
            vec!["--rootfs", "/r"],
            vec!["--name", "_x", "--rootfs", "/r", "sh"],
            vec!["-w", "rel", "--rootfs", "/r", "sh"],
            vec!["--cap-add", "fly", "--rootfs", "/r", "sh"],
            vec![
                "--security-opt",
                "apparmor=myprofile",
                "--rootfs",
                "/r",
                "sh",
            ],
            vec!["-e", "=x", "--rootfs", "/r", "sh"],
            vec!["-u", "a:", "--rootfs", "/r", "sh"],
            vec!["-p", "80:80:80:80", "--rootfs", "/r", "sh"],
            vec!["--add-host", "nocolon", "--rootfs", "/r", "sh"],
        ] {
            assert!(build(&args(&bad), &f).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names() {
        assert!(valid_name("web-1.a_b"));
        assert!(!valid_name("_x"));
        assert!(!valid_name(""));
        assert!(!valid_name("a/b"));
    }

    #[test]
    fn seccomp_default_unconfined_profile_and_privileged() {
        let p = build(&args(&["--rootfs", "/r", "sh"]), &facts()).unwrap();
        assert_eq!(
            p.process.seccomp,
            Some(seccomp::default_filter(p.process.caps))
        );
        let p = build(
            &args(&[
                "--security-opt",
                "seccomp=unconfined",
                "--rootfs",
                "/r",
                "sh",
            ]),
            &facts(),
        )
        .unwrap();
        assert_eq!(p.process.seccomp, None);
        let p = build(&args(&["--privileged", "--rootfs", "/r", "sh"]), &facts()).unwrap();
        assert_eq!(p.process.seccomp, None);
        let mut f = facts();
        f.seccomp_profile = Some(r#"{"defaultAction":"SCMP_ACT_ALLOW"}"#.into());
        let a = args(&["--security-opt", "seccomp=/p.json", "--rootfs", "/r", "sh"]);
        assert_eq!(seccomp_profile_path(&a.security.options), Some("/p.json"));
        let p = build(&a, &f).unwrap();
        assert_eq!(p.process.seccomp.unwrap().default, seccomp::Action::Allow);
        f.seccomp_profile = Some("not json".into());
        let e = build(&a, &f).unwrap_err();
        assert!(e.contains("/p.json") && e.contains("docker/OCI"), "{e}");
    }

    #[test]
    fn mask_and_unmask() {
        let p = build(
            &args(&[
                "--security-opt",
                "mask=/etc/shadow:/srv",
                "--security-opt",
                "unmask=/proc/keys",
                "--rootfs",
                "/r",
                "sh",
            ]),
            &facts(),
        )
        .unwrap();
        let masked: Vec<&str> = p
            .ops
            .iter()
            .filter_map(|o| match o {
                Op::Mask { path } => Some(path.as_str()),
                _ => None,
            })
            .collect();
        assert!(masked.contains(&"/etc/shadow") && masked.contains(&"/srv"));
        assert!(!masked.contains(&"/proc/keys"));
        assert!(masked.contains(&"/proc/kcore"));
        let p = build(
            &args(&["--security-opt", "unmask=ALL", "--rootfs", "/r", "sh"]),
            &facts(),
        )
        .unwrap();
        assert!(!p.ops.iter().any(|o| matches!(o, Op::Mask { .. })));
        assert!(
            build(
                &args(&["--security-opt", "mask=relative", "--rootfs", "/r", "sh"]),
                &facts()
            )
            .is_err()
        );
    }

    #[test]
    fn no_new_privileges() {
        let p = build(
            &args(&[
                "--security-opt",
                "no-new-privileges",
                "--rootfs",
                "/r",
                "sh",
            ]),
            &facts(),
        )
        .unwrap();
        assert!(p.process.no_new_privs);
    }
}
