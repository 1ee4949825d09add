//! The pod commands: pod create, ps, inspect, exists, start, stop, kill, rm and prune.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum PodCommand {
    /// Create a pod: an infra container holding the namespaces its members share
    Create(PodCreateArgs),
    /// List pods
    #[command(visible_alias = "ls", alias = "list")]
    Ps(PodPsArgs),
    /// Show pods' details as JSON or through a --format template
    Inspect(PodInspectArgs),
    /// Exit 0 when the pod exists, 1 when it does not
    Exists(PodExistsArgs),
    /// Start pods: the infra container, then the members
    Start(PodStartArgs),
    /// Stop pods: the members, then the infra container
    Stop(PodStopArgs),
    /// Send a signal to the running containers of pods
    Kill(PodKillArgs),
    /// Remove pods (with -f their containers too, running or not)
    Rm(PodRmArgs),
    /// Remove every pod none of whose containers runs
    Prune(PodPruneArgs),
}

#[derive(Debug, Args)]
pub struct PodCreateArgs {
    /// The pod's name (or --name; default: a generated one)
    #[arg(value_name = "NAME")]
    pub pod_name: Option<String>,
    /// The pod's name
    #[arg(long, short = 'n', value_name = "NAME")]
    pub name: Option<String>,
    /// Make an infra container (nook's pause as its PID 1) to hold the shared namespaces;
    /// --infra=false makes none (then nothing is shared)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub infra: Option<bool>,
    /// Make no infra container (as --infra=false)
    #[arg(long, conflicts_with = "infra")]
    pub no_infra: bool,
    /// The infra container's name (default: the pod ID's first 12 digits, then -infra)
    #[arg(long, value_name = "NAME")]
    pub infra_name: Option<String>,
    /// The namespaces the members share: a list of ipc, net, pid, uts (default ipc,net,uts;
    /// +KIND adds to the default; none shares none)
    #[arg(long, value_name = "KINDS")]
    pub share: Option<String>,
    /// Publish a port of the pod (as nook run -p): the members' ports, as they share the
    /// network
    #[arg(
        long,
        short = 'p',
        value_name = "[[IP:]HOST-PORT:]CONTAINER-PORT[/PROTOCOL]"
    )]
    pub publish: Vec<String>,
    /// The pod's network (as nook run --network)
    #[arg(long, value_name = "MODE")]
    pub network: Vec<String>,
    /// The pod's host name (default: its name)
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Set a label on the pod (KEY=VALUE)
    #[arg(long, short = 'l', value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Remove a pod of the same name first (with its containers)
    #[arg(long)]
    pub replace: bool,
    /// What the pod does when its last member ends: continue (the infra container runs on)
    /// or stop (the pod stops)
    #[arg(long, value_name = "POLICY")]
    pub exit_policy: Option<String>,
}

#[derive(Debug, Args)]
pub struct PodPsArgs {
    /// Print the pods' IDs only
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// `json`, a Go template (`{{.Name}}`: .ID, .Name, .Status, .Created,
    /// .InfraID, .NumberOfContainers, .Labels) or `table TEMPLATE`
    #[arg(long, default_value = "")]
    pub format: String,
    /// Only the pods that match (all given must): name=REGEX, id=PREFIX, status=, label=KEY[=VALUE]
    #[arg(long, short = 'f', value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// Print no header row
    #[arg(long, short = 'n', alias = "no-heading")]
    pub noheading: bool,
    /// Do not shorten IDs
    #[arg(long)]
    pub no_trunc: bool,
}

#[derive(Debug, Args)]
pub struct PodInspectArgs {
    /// Names or IDs of the pods
    #[arg(required = true, value_name = "POD")]
    pub pods: Vec<String>,
    /// `json` (the default) or a Go template (`{{.State}}`, `{{.Name}}`,
    /// `{{.InfraContainerID}}`)
    #[arg(long, short = 'f', default_value = "json")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct PodExistsArgs {
    /// Name or ID of the pod
    pub pod: String,
}

#[derive(Debug, Args)]
pub struct PodStartArgs {
    /// Names or IDs of the pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Every pod
    #[arg(long, short = 'a')]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct PodStopArgs {
    /// Names or IDs of the pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Every pod
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Succeed for pods that do not exist
    #[arg(long, short = 'i')]
    pub ignore: bool,
    /// Seconds to wait for each container to stop before SIGKILL (default: its stop timeout)
    #[arg(
        long,
        short = 't',
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub time: Option<i64>,
}

#[derive(Debug, Args)]
pub struct PodKillArgs {
    /// Names or IDs of the pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Every pod
    #[arg(long, short = 'a')]
    pub all: bool,
    /// The signal (name or number)
    #[arg(long, short = 's', default_value = "KILL")]
    pub signal: String,
}

#[derive(Debug, Args)]
pub struct PodRmArgs {
    /// Names or IDs of the pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Every pod
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Stop and remove running containers of the pods too; succeed for pods that do not exist
    #[arg(long, short = 'f')]
    pub force: bool,
    /// Succeed for pods that do not exist
    #[arg(long, short = 'i')]
    pub ignore: bool,
    /// Seconds to wait for each container to stop before SIGKILL (with -f)
    #[arg(
        long,
        short = 't',
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub time: Option<i64>,
}

#[derive(Debug, Args)]
pub struct PodPruneArgs {
    /// Do not ask (nook never asks)
    #[arg(long, short = 'f')]
    pub force: bool,
}
