//! The image commands (load, images, rmi, tag and their `image` forms, image inspect and prune)
//! and the registry ones (pull, login, logout).

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Show images' details as JSON
    Inspect(InspectArgs),
    /// Remove images that have no name (with -a: every image no container uses)
    Prune(PruneArgs),
    /// List images
    #[command(alias = "list")]
    Ls(ImagesArgs),
    /// Remove images
    Rm(RmiArgs),
    /// Load images from an archive
    Load(LoadArgs),
    /// Give an image more names
    Tag(TagArgs),
    /// Remove names from an image (every name when none is given)
    Untag(UntagArgs),
    /// Exit 0 when the image exists, 1 when it does not
    Exists(ImageExistsArgs),
    /// Build an image from a Containerfile
    Build(Box<super::BuildArgs>),
    /// Send an image to a registry
    Push(super::PushArgs),
    /// Write images to an archive or an OCI layout directory
    Save(super::SaveArgs),
    /// Show an image's history
    History(super::HistoryArgs),
    /// Make an image of a tarball
    Import(super::ImportArgs),
}

#[derive(Debug, Args)]
pub struct UntagArgs {
    /// The image
    pub image: String,
    /// The names to remove (default: all of them)
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImageExistsArgs {
    /// The image
    pub image: String,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// The archive (docker-archive or oci-archive, plain, gzip or zstd) or OCI layout
    /// directory (default: an archive on standard input)
    #[arg(long, short = 'i', value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Print only the loaded images' IDs
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ImagesArgs {
    /// Only images of this name (as --filter reference=IMAGE)
    pub image: Option<String>,
    /// Print only image IDs
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// `table`, `json`, a Go template (`{{.Repository}}:{{.Tag}}`) or `table TEMPLATE`
    #[arg(long, default_value = "")]
    pub format: String,
    /// Do not truncate image IDs
    #[arg(long)]
    pub no_trunc: bool,
    /// Accepted for podman's scripts: nook has no intermediate images to show
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Print no header row
    #[arg(long, short = 'n', alias = "no-heading")]
    pub noheading: bool,
    /// Order of the rows: created (newest first), id, repository, size or tag
    #[arg(long, default_value = "created")]
    pub sort: String,
    /// Only images that pass FILTER (all given must): reference=NAME (`*` matches),
    /// dangling=true|false, label=KEY[=VALUE] (label!= for the others), before=IMAGE,
    /// since=IMAGE (after=), id=PREFIX
    #[arg(long, short = 'f', value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmiArgs {
    /// Names or IDs of the images
    #[arg(required_unless_present = "all")]
    pub images: Vec<String>,
    /// Remove every image
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Remove images that containers were made from too (their containers keep their copy)
    #[arg(long, short = 'f')]
    pub force: bool,
    /// Do not fail when an image does not exist
    #[arg(long, short = 'i')]
    pub ignore: bool,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// The image's name or ID
    pub image: String,
    /// The new names
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Names or IDs of the images
    #[arg(required = true)]
    pub images: Vec<String>,
    /// `json` (the default) or a Go template run for each image (`{{.Id}}`)
    #[arg(long, short = 'f', default_value = "json")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove every image no container uses, not only unnamed ones
    #[arg(long, short = 'a')]
    pub all: bool,
    /// Do not ask (nook never asks; accepted as podman does)
    #[arg(long, short = 'f')]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// Image to pull: [REGISTRY/]NAME[:TAG][@sha256:DIGEST] (docker.io/library/ by default)
    pub image: String,
    /// Print only the digest, no progress
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Platform of a multi-platform image: OS/ARCH[/VARIANT] (default: this machine's)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
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
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Registry to log in to (host[:port], optionally /namespace)
    pub registry: String,
    /// User name
    #[arg(long, short = 'u')]
    pub username: Option<String>,
    /// Password (visible in the process list: prefer --password-stdin)
    #[arg(long, short = 'p', conflicts_with = "password_stdin")]
    pub password: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// The credentials file to write (default: REGISTRY_AUTH_FILE, else
    /// $XDG_RUNTIME_DIR/containers/auth.json)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// A docker config.json to write instead (not with --authfile)
    #[arg(long, value_name = "FILE")]
    pub compat_auth_file: Option<std::path::PathBuf>,
    /// A directory of CA certificates (*.crt, PEM) the registry's TLS certificate must chain
    /// to (default: containers' certs.d/REGISTRY directories)
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// Print the user name the credentials for REGISTRY hold (exit 125 when there are none)
    #[arg(long)]
    pub get_login: bool,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Registry to log out of
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub registry: Option<String>,
    /// Remove the credentials of every registry
    #[arg(long, short = 'a')]
    pub all: bool,
    /// The credentials file to change (default: REGISTRY_AUTH_FILE, else
    /// $XDG_RUNTIME_DIR/containers/auth.json)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// A docker config.json to change instead (not with --authfile)
    #[arg(long, value_name = "FILE")]
    pub compat_auth_file: Option<std::path::PathBuf>,
}
