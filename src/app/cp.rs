//! `nook cp`, top to bottom: which side is the container's, how to reach its files (join
//! a running container, or its root on disk for a stopped one), then one copy on the
//! container side.

use nix::unistd::getuid;

use crate::cli::CpArgs;
use crate::error::{Error, Result};
use crate::host::session::{Session, Spawned};
use crate::host::state::{self, Containers};
use crate::plan::cp::{self, CpPlan, Reach};
use crate::proto::{FromInit, ToInit};

pub fn cp(args: &CpArgs) -> Result<u8> {
    let ends = cp::endpoints(&args.src, &args.dest).map_err(Error::Usage)?;
    let containers = Containers::open(getuid().as_raw())?;
    let Some((dir, record, running)) = containers.find(&ends.container) else {
        return Err(Error::Usage(format!(
            "no container with name or ID {:?} found: no such container",
            ends.container
        )));
    };
    let (reach, ids) = if running {
        let live = containers.live(&ends.container)?;
        let reach = Reach::Join {
            pid: crate::host::exec::joinable(live.pid).as_raw(),
            flags: libc::CLONE_NEWUSER | libc::CLONE_NEWNS,
        };
        (reach, None)
    } else {
        let plan = state::read_plan(&dir).ok_or_else(|| {
            Error::Usage(format!(
                "the files of container {} are not recorded in {}: it was made by an older nook",
                record.name,
                dir.display()
            ))
        })?;
        let reach = Reach::Disk {
            rootfs: plan.rootfs.clone(),
            overlay: plan.overlay.clone(),
        };
        (reach, Some(plan.ids))
    };
    let msg = ToInit::Cp(Box::new(CpPlan {
        reach,
        direction: ends.direction,
        container_path: ends.container_path,
        host_path: ends.host_path,
        archive: args.archive,
    }));
    let answer = match ids {
        None => Spawned::new()?.begin(&msg)?.wait_answer()?,
        Some(ids) => Session::open(&msg, &ids, None)?.wait_answer()?,
    };
    if let FromInit::JobDone { warnings, .. } = answer {
        for w in warnings {
            eprintln!("Warning: {w}");
        }
    }
    Ok(0)
}
