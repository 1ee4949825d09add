//! A container's processes started and ended: `__init` spawned with the plan (`begin`: it
//! makes the namespaces while the host takes the run's record and root), the cgroup and
//! network set up around it until the command runs (`launch`), and what is read and stopped
//! once it ended (`Launched::end`). `nook run` and a detached container's monitor both use
//! it.

use crate::error::Result;
use crate::host::life::Ended;
use crate::host::session::{Session, Spawned};
use crate::host::state::Container;
use crate::host::{cgroup, network};
use crate::plan;
use crate::plan::exit::Status;
use crate::proto::ToInit;

/// A monitor's pipes for the container: stdout, stderr, and stdin (with `-i`).
pub(crate) type Output = (
    std::os::fd::OwnedFd,
    std::os::fd::OwnedFd,
    Option<std::os::fd::OwnedFd>,
);

/// A container that runs: the session with its `__init`, its cgroup and network helper,
/// PID 1 and the controlling side of its terminal.
pub(crate) struct Launched {
    pub init: Session,
    pub pid1: nix::unistd::Pid,
    pub pty: Option<std::os::fd::OwnedFd>,
    cg: Option<cgroup::Cgroup>,
    /// Inside a job, no cgroup of its own: the job's, watched for an OOM kill.
    job_watch: Option<cgroup::JobWatch>,
    net: Option<network::Network>,
    bridge: Option<network::bridge::Attached>,
}

/// A container side started before its container's record exists: it makes the
/// namespaces while the host takes what the run needs (`acquire::take`), then waits for
/// `launch`.
pub(crate) struct Begun {
    init: Session,
    /// Inside a job, no cgroup of its own: the job's, watched for an OOM kill.
    job_watch: Option<cgroup::JobWatch>,
}

/// Start the container side of `plan`: `output` (stdout, stderr, stdin) are its standard
/// streams when given (a monitor's or the log's pipes), else ours; `keep_fds` of our
/// descriptors from 3 on are passed on (a foreground `--preserve-fds`). Dropped before
/// `launch`, it is killed and reaped.
pub(crate) fn begin(
    plan: &plan::RunPlan,
    seccomp: Option<Vec<u8>>,
    output: Option<Output>,
    keep_fds: u32,
) -> Result<Begun> {
    // Inherited by the container side (which, in the user namespace, may not write it).
    if let Some(n) = plan.plumbing.oom_score_adj {
        crate::host::session::set_oom_score_adj(n)?;
    }
    let job_watch = cgroup::JobWatch::start(&plan.cgroup);
    let start = ToInit::Start {
        plan: Box::new(plan.clone()),
        seccomp,
    };
    let spawned = match keep_fds {
        0 => Spawned::with_first(output, &start)?,
        n => Spawned::keeping_fds(n, output)?,
    };
    // Joining another container's user namespace: its maps exist, none to write.
    let no_maps = plan::IdPlan {
        uid: Vec::new(),
        gid: Vec::new(),
        helpers: false,
        warning: None,
    };
    let ids = match plan.plumbing.join {
        Some(_) => &no_maps,
        None => &plan.ids,
    };
    crate::trace::step("init spawned");
    let init = spawned.start(&start, ids, None)?;
    Ok(Begun { init, job_watch })
}

/// Start the container `begun` began, whose state `container` holds and whose published
/// ports `ports` holds. Returns once the command was executed; its record then says it
/// runs, with its PID 1.
pub(crate) fn launch(
    begun: Begun,
    plan: &plan::RunPlan,
    ports: network::Reserved,
    container: &Container,
) -> Result<Launched> {
    let Begun {
        mut init,
        job_watch,
    } = begun;
    // Asked now, so that the D-Bus exchange overlaps the rest of the namespace setup.
    let pending = cgroup::start(&plan.cgroup, init.pid());
    init.prepared()?;
    init.wait_ready()?;
    crate::trace::step("init ready");
    // Must happen before Go because __init creates its cgroup namespace on Go, rooted in
    // the cgroup it is in.
    let cg = pending.ready(init.pid())?;
    // The helper attaches to __init's namespaces (they exist from Ready on) while PID 1
    // prepares the root; PID 1 waits for `ready`'s byte before the command starts (it may
    // use the network at once), sent once the interface is configured and every port is
    // published.
    let ready = network::ready_pipe(&plan.network)?;
    init.go(ready.as_ref().map(|(r, _)| r))?;
    let mapped = ports.ports.clone();
    let bridge = network::bridge::attach(plan, init.pid(), container.dir())?;
    let net = match &bridge {
        Some(_) => network::publish_bridge(&plan.id, init.pid(), ports)?,
        None => network::start(&plan.network, init.pid(), container.dir(), ports)?,
    };
    if let Some((_, w)) = ready {
        network::signal_ready(w)?;
    }
    crate::trace::step("network started");
    let pid1 = init.wait_pid()?;
    container.set_pid(pid1)?;
    container.update(|r| crate::host::life::started(r, pid1.as_raw(), mapped))?;
    let pty = match plan.process.tty {
        true => Some(init.wait_pty()?),
        false => None,
    };
    if let Some(cg) = &cg {
        cg.release_init(init.pid());
    }
    init.wait_started()?;
    crate::trace::step("command started");
    crate::host::hooks::run_host_stage(plan, "poststart", "running", Some(pid1.as_raw()));
    Ok(Launched {
        init,
        pid1,
        pty,
        cg,
        job_watch,
        net,
        bridge,
    })
}

impl Launched {
    /// The container ended with `status`: its OOM report and statistics read, its
    /// network helper stopped, its `__init` let go (returned, for the caller to reap once its
    /// own work is done; reaped already when its cgroup had to be emptied).
    pub(crate) fn end(mut self, plan: &plan::RunPlan, status: Status) -> (Ended, Session) {
        crate::host::hooks::run_host_stage(plan, "poststop", "stopped", None);
        // Must happen before __init is reaped: its scope goes away with it.
        let (oom, stats) = match &self.cg {
            Some(cg) => cg.report(plan.cgroup.stats),
            None => (
                self.job_watch
                    .as_ref()
                    .and_then(|w| w.oom(status.code() == 137)),
                plan.cgroup.stats.then(|| cgroup::no_stats().to_string()),
            ),
        };
        self.init.let_go();
        if let Some(cg) = self.cg.take() {
            self.init.reap();
            drop(cg);
        }
        if let Some(line) = &oom {
            eprintln!("{line}");
        }
        if let Some(text) = stats {
            eprint!("{text}");
        }
        // Must happen before the state is finished: the helper's socket and log live in it.
        if let Some(net) = self.net.take() {
            net.stop();
        }
        if let Some(b) = self.bridge.take() {
            b.detach();
        }
        (Ended::of(status, oom.is_some()), self.init)
    }
}
