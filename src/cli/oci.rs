//! The OCI runtime commands a batch scheduler calls (Slurm's oci.conf: RunTimeQuery,
//! RunTimeKill, RunTimeDelete): state and delete, and kill with podman's syntax.

use clap::Args;

#[derive(Debug, Args)]
pub struct StateArgs {
    /// Name or ID of the container
    pub container: String,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Kill the container first (SIGKILL) when it is still running
    #[arg(long, short = 'f')]
    pub force: bool,
    /// Name or ID of the container
    pub container: String,
}
