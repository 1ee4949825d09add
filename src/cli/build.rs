//! `nook build` (also `nook image build`), `nook commit`, `nook push`, `nook save`,
//! `nook export`, `nook import` and `nook image history`: making and sharing images.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::plan::build::runstep::{BuildNetwork, parse_build_network};
use crate::plan::request::PullPolicy;

/// `--format` of build and commit: the manifest and config format of the image made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ImageFormat {
    /// OCI image manifest and config
    #[default]
    Oci,
    /// Docker image manifest, version 2 schema 2
    Docker,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The build context: a directory (default: the first -f file's, else the current one);
    /// - reads the Containerfile from standard input, with an empty context
    #[arg(value_name = "CONTEXT")]
    pub context: Option<PathBuf>,
    /// The Containerfile (default: Containerfile, else Dockerfile, in the context); several
    /// are joined; - is standard input
    #[arg(long, short = 'f', value_name = "FILE")]
    pub file: Vec<PathBuf>,
    /// Name the image (several allowed); a name without a registry is localhost/NAME
    #[arg(long, short = 't', value_name = "NAME[:TAG]")]
    pub tag: Vec<String>,
    /// Set a build argument (NAME=VALUE, or NAME to take it from the environment)
    #[arg(long, value_name = "NAME[=VALUE]")]
    pub build_arg: Vec<String>,
    /// Build up to this stage (an AS name) only
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// Do not use cached steps (every step runs again)
    #[arg(long)]
    pub no_cache: bool,
    /// Pull base images: always (--pull alone), missing, never (default "missing")
    #[arg(long, value_name = "POLICY", num_args = 0..=1, require_equals = true, default_missing_value = "always", default_value = "missing", hide_default_value = true)]
    pub pull: PullPolicy,
    /// Pull base images every time (the same as --pull=always)
    #[arg(long, conflicts_with_all = ["pull", "pull_never"])]
    pub pull_always: bool,
    /// Never pull base images: they must be in the store (the same as --pull=never)
    #[arg(long, conflicts_with = "pull")]
    pub pull_never: bool,
    /// Keep and reuse each step's layer (default: true, else $BUILDAH_LAYERS); false: no
    /// cached step is used nor stored
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub layers: Option<bool>,
    /// Stages built at once: accepted as podman's; nook builds the stages one after another
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Write the build's output (steps, RUN output, errors) to this file instead
    #[arg(long, value_name = "FILE")]
    pub logfile: Option<PathBuf>,
    /// A resource limit for RUN steps, as nook run --ulimit: NAME=SOFT[:HARD] (several allowed)
    #[arg(long, value_name = "NAME=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// A security option for RUN steps, as nook run --security-opt (seccomp=unconfined ...)
    #[arg(long, value_name = "OPTION")]
    pub security_opt: Vec<String>,
    /// Add a capability to RUN steps, as nook run --cap-add
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability from RUN steps, as nook run --cap-drop
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Read the ignore patterns from this file instead of .containerignore/.dockerignore
    #[arg(long, value_name = "FILE")]
    pub ignorefile: Option<PathBuf>,
    /// Network of RUN steps: private (as nook run gives), none, host, slirp4netns, pasta
    #[arg(long, value_name = "MODE", value_parser = parse_build_network)]
    pub network: Option<BuildNetwork>,
    /// Manifest and config format of the image: oci or docker
    #[arg(long, value_enum, default_value_t = ImageFormat::Oci)]
    pub format: ImageFormat,
    /// Write the image ID to this file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Print only the image ID (no steps, no RUN output)
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Platform of the image: only this machine's (OS/ARCH) is supported
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// Add a label to the image (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Squash the new layers of the final stage into one, on top of the base image's
    #[arg(long)]
    pub squash: bool,
    /// Squash all of the image's layers, the base image's too, into one
    #[arg(long)]
    pub squash_all: bool,
    /// Require HTTPS and verify certificates when pulling base images
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials for pulling base images, instead of the stored ones
    #[arg(long, value_name = "USER:PASSWORD")]
    pub creds: Option<String>,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, else
    /// $XDG_RUNTIME_DIR/containers/auth.json)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// A secret for RUN --mount=type=secret: id=NAME,src=FILE (mounted, never in a layer)
    #[arg(long, value_name = "id=NAME,src=FILE")]
    pub secret: Vec<String>,
    /// Compress new layers with zstd instead of gzip
    #[arg(long)]
    pub zstd: bool,
    /// The global --storage-driver (or NOOK_STORAGE_DRIVER), set by `Cli::from_command_line`.
    #[arg(skip)]
    pub storage_driver: Option<crate::plan::overlay::Driver>,
}

impl BuildArgs {
    /// `--pull`, or `--pull-always`/`--pull-never` (podman's older spellings).
    pub fn pull_policy(&self) -> PullPolicy {
        match (self.pull_always, self.pull_never) {
            (true, _) => PullPolicy::Always,
            (_, true) => PullPolicy::Never,
            _ => self.pull,
        }
    }
}

/// `nook push --format`: the manifest format sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ManifestFormat {
    /// OCI image manifest
    Oci,
    /// Docker image manifest, version 2 schema 2
    V2s2,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The image to push (a name or ID in the store)
    pub image: String,
    /// Where to: [REGISTRY/]NAME[:TAG] (default: the image's name); a docker:// prefix is allowed
    pub destination: Option<String>,
    /// Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials for the registry, instead of the stored ones
    #[arg(long, value_name = "USER:PASSWORD")]
    pub creds: Option<String>,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, else
    /// $XDG_RUNTIME_DIR/containers/auth.json)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Write the pushed manifest's digest to this file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<PathBuf>,
    /// Manifest format to send (default: the image's own)
    #[arg(long, value_enum)]
    pub format: Option<ManifestFormat>,
    /// Compression of the layers sent: only the stored one (gzip for images nook builds) is supported
    #[arg(long, value_name = "gzip|zstd")]
    pub compression_format: Option<String>,
    /// Print nothing but errors
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `nook save --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ArchiveFormat {
    /// docker load's tar (manifest.json, configs, uncompressed layers)
    #[default]
    DockerArchive,
    /// An OCI image layout in a tar
    OciArchive,
    /// An OCI image layout in a directory
    OciDir,
}

#[derive(Debug, Args)]
pub struct SaveArgs {
    /// The images to save (names or IDs)
    #[arg(required = true)]
    pub images: Vec<String>,
    /// Write to this file (or directory, for oci-dir); default: standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Archive format
    #[arg(long, value_enum, default_value_t = ArchiveFormat::DockerArchive)]
    pub format: ArchiveFormat,
    /// Print nothing
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Several images in one docker-archive (podman's -m; nook's docker-archive holds every
    /// image given either way, and `load` loads them all)
    #[arg(long, short = 'm')]
    pub multi_image_archive: bool,
    /// Layers uncompressed in an oci-archive or oci-dir (docker-archive's always are)
    #[arg(long)]
    pub uncompressed: bool,
}

#[derive(Debug, Args)]
pub struct CommitArgs {
    /// The container (name or ID)
    pub container: String,
    /// The new image's name (without one, the image has none)
    pub image: Option<String>,
    /// Apply a Containerfile instruction to the config (ENV, CMD, ENTRYPOINT, LABEL, USER, WORKDIR, EXPOSE, VOLUME...)
    #[arg(long, short = 'c', value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// The commit message, kept in the image's history and config (docker format only:
    /// with -f docker, as podman's)
    #[arg(long, short = 'm')]
    pub message: Option<String>,
    /// The author, kept in the image's config
    #[arg(long, short = 'a')]
    pub author: Option<String>,
    /// Manifest and config format: oci or docker
    #[arg(long, short = 'f', value_enum, default_value_t = ImageFormat::Oci)]
    pub format: ImageFormat,
    /// Print only the image ID
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The tarball (plain, gzip or zstd), or - for standard input
    pub file: String,
    /// The new image's name
    pub reference: Option<String>,
    /// Apply a Containerfile instruction to the config (CMD, ENV, ...)
    #[arg(long, short = 'c', value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// The commit message, kept in the image's history
    #[arg(long, short = 'm')]
    pub message: Option<String>,
    /// Print only the image ID
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The image (name or ID)
    pub image: String,
    /// Do not truncate the IDs and commands
    #[arg(long)]
    pub no_trunc: bool,
    /// Print only the IDs
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Output format: json (default: a table)
    #[arg(long)]
    pub format: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The container (name or ID)
    pub container: String,
    /// Write to this file (default: standard output)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
