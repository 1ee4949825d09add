//! What a run holds on the host before `nook __init` starts, taken in one step once the plan
//! is complete: the compiled seccomp program, the published ports, the container's record and
//! its named volumes, the root file system's directories. Each part is a guard: a run that
//! fails later (or a `--rm` one that ends) undoes what was taken by dropping it.

use crate::error::Result;
use crate::host::job::HostUserns;
use crate::host::network::{self, Reserved};
use crate::host::state::{Container, Containers};
use crate::host::{seccomp, volume};
use crate::plan::overlay::Driver;
use crate::plan::run::{Root, RunPlan};
use crate::store::rootfs::Rootfs;

/// The guards of one run. Fields drop in order: the root file system (removed from inside
/// the user namespace) goes before the container's directory that holds it.
pub struct Held {
    /// The compiled seccomp filter, for `ToInit::Start`.
    pub seccomp: Option<Vec<u8>>,
    /// The published host ports, bound until the network helper takes them over.
    pub ports: Reserved,
    pub rootfs: Option<Rootfs<'static>>,
    pub container: Container,
}

/// Take everything `plan` needs on the host, in the order that leaves nothing behind when a
/// step is refused.
pub fn acquire(plan: &RunPlan, containers: &Containers) -> Result<Held> {
    acquire_with(plan, containers, |_| {})
}

/// `acquire`, with `fill` completing the container's record before its one first write (a
/// run's lifecycle options: no second write of the record per start).
pub fn acquire_with(
    plan: &RunPlan,
    containers: &Containers,
    fill: impl FnOnce(&mut crate::plan::record::ContainerRecord),
) -> Result<Held> {
    let seccomp = checked(plan)?;
    take(plan, containers, seccomp, fill)
}

/// The checks that create nothing, first: the compiled seccomp program (a profile the
/// library refuses fails the run with nothing to undo), and the published ports free.
pub fn checked(plan: &RunPlan) -> Result<Option<Vec<u8>>> {
    let seccomp = match &plan.process.seccomp {
        Some(filter) => Some(seccomp::program(filter)?),
        None => None,
    };
    network::check_publish(&plan.network)?;
    Ok(seccomp)
}

/// What `checked` left: take the ports, create the container's record, its volumes and its
/// root; `seccomp` is `checked`'s program.
pub fn take(
    plan: &RunPlan,
    containers: &Containers,
    seccomp: Option<Vec<u8>>,
    fill: impl FnOnce(&mut crate::plan::record::ContainerRecord),
) -> Result<Held> {
    let ports = network::reserve_ports(&plan.network.ports)?;
    let container = containers.create(plan, &ports.ports, fill)?;
    // Must happen after every check of the request (a taken name, a port in use): a run
    // refused leaves no new volume.
    volume::create_all(&plan.volumes)?;
    let rootfs = match (&plan.root, plan.driver, &plan.overlay) {
        (Root::Image { blobs, shift, .. }, Some(Driver::Vfs), _) => {
            Some(Rootfs::create(blobs, &plan.rootfs, *shift, &HostUserns)?)
        }
        (Root::Image { shift, .. }, Some(_), Some(spec)) => {
            Some(Rootfs::overlay(&spec.mount, *shift, &HostUserns)?)
        }
        _ => None,
    };
    Ok(Held {
        seccomp,
        ports,
        rootfs,
        container,
    })
}
