//! `nook run`'s healthcheck flags (podman's `--health-*`) and `nook healthcheck`.

use clap::{Args, Subcommand};

#[derive(Debug, Default, Args)]
pub struct HealthArgs {
    /// The check to run inside the container: a shell command, a JSON array
    /// ('["CMD","arg"]') or none (turns the image's HEALTHCHECK off)
    #[arg(long, value_name = "COMMAND", help_heading = "Healthcheck")]
    pub health_cmd: Option<String>,

    /// Time between checks (default 30s; disable: no periodic checks, only nook healthcheck run)
    #[arg(long, value_name = "DURATION", help_heading = "Healthcheck")]
    pub health_interval: Option<String>,

    /// Failures in a row before the container is unhealthy (default 3)
    #[arg(long, value_name = "N", help_heading = "Healthcheck")]
    pub health_retries: Option<u32>,

    /// Time a check may take before it counts as failed (default 30s)
    #[arg(long, value_name = "DURATION", help_heading = "Healthcheck")]
    pub health_timeout: Option<String>,

    /// Time after the start in which failures do not count (default 0s)
    #[arg(long, value_name = "DURATION", help_heading = "Healthcheck")]
    pub health_start_period: Option<String>,

    /// No healthcheck, not even the image's
    #[arg(long, help_heading = "Healthcheck")]
    pub no_healthcheck: bool,
}

#[derive(Debug, Subcommand)]
pub enum HealthcheckCommand {
    /// Run a container's healthcheck once: exit 0 healthy, 1 unhealthy (printed)
    Run(HealthcheckRunArgs),
}

#[derive(Debug, Args)]
pub struct HealthcheckRunArgs {
    /// The container (name, ID or ID prefix)
    pub container: String,
}
