//! What `nook run` and `nook create` do for podman's scripts: containers.conf's `log_driver`
//! under `--log-driver`, and the flags taken only for podman's sake (warned or refused).

use crate::cli::RunArgs;
use crate::error::{Error, Result};
use crate::plan;
use crate::plan::containers_conf::ContainersConf;

/// The lifecycle flags, containers.conf's `log_driver` when `--log-driver` is left out.
pub fn life_args(args: &RunArgs, conf: &ContainersConf) -> crate::cli::LifeArgs {
    let mut life = args.life.clone();
    if life.log_driver.is_none() {
        life.log_driver = conf.log_driver.clone();
    }
    life
}

/// The flags nook takes for podman's scripts: a refusal, or warnings printed.
pub fn compat(args: &RunArgs) -> Result<()> {
    // Repeated --network flags: bridge networks only (`request` merges them).
    plan::network::membership::merge(&args.network).map_err(Error::Usage)?;
    let c = &args.compat;
    for w in plan::compat::check(c.kernel_memory.is_some(), &c.device_cgroup_rule)
        .map_err(Error::Usage)?
    {
        eprintln!("Warning: {w}");
    }
    Ok(())
}
