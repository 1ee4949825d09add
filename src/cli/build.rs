//! `nook build` (also `nook image build`), `nook commit`, `nook push`, `nook save`,
//! `nook export`, `nook import` and `nook image history`: making and sharing images.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::plan::network::{Mode, parse_mode};
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
    /// The build context: a directory (default: the current one)
    #[arg(value_name = "CONTEXT")]
    pub context: Option<PathBuf>,
    /// The Containerfile (default: Containerfile, else Dockerfile, in the context)
    #[arg(long, short = 'f', value_name = "FILE")]
    pub file: Option<PathBuf>,
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
    /// When to pull base images: missing, always, never (--pull alone: always)
    #[arg(long, value_name = "POLICY", num_args = 0..=1, require_equals = true, default_missing_value = "always", default_value = "missing")]
    pub pull: PullPolicy,
    /// Network of RUN steps: host, none, slirp4netns, pasta (default: as nook run)
    #[arg(long, value_name = "MODE", value_parser = parse_mode)]
    pub network: Option<Mode>,
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
    /// Squash the image's new layers into one
    #[arg(long)]
    pub squash: bool,
    /// Require HTTPS and verify certificates when pulling base images
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials for pulling base images, instead of the stored ones
    #[arg(long, value_name = "USER:PASSWORD")]
    pub creds: Option<String>,
    /// Compress new layers with zstd instead of gzip
    #[arg(long)]
    pub zstd: bool,
}
