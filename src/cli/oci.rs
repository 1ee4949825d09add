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

#[derive(Debug, Args)]
pub struct KillArgs {
    /// The signal to send: a name (SIGTERM, TERM) or a number
    #[arg(long, short = 's', default_value = "SIGKILL")]
    pub signal: String,
    /// Names or IDs of the containers
    #[arg(required = true)]
    pub containers: Vec<String>,
}
