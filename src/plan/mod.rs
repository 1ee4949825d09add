//! PURE: values in, values out. Everything nook decides lives here and is unit-tested with
//! plain values; no syscalls and no I/O.

pub mod build;
pub mod cache;
pub mod caps;
pub mod cdi;
pub mod cgroup;
pub mod container;
pub mod containers_conf;
pub mod cp;
pub mod digest;
pub mod exec;
pub mod exit;
pub mod files;
pub mod idmap;
pub mod image_config;
pub mod image_ref;
pub mod info;
pub mod keep_id;
pub mod life;
pub mod manifest;
pub mod mounts;
pub mod network;
pub mod oci;
pub mod overlay;
pub mod plumbing;
pub mod podman_files;
pub mod process;
pub mod quadlet;
pub mod record;
pub mod request;
pub mod run;
mod run_facts;
mod run_ids;
pub mod seccomp;
pub mod security;
pub mod site;
pub mod storage;
pub mod top;
pub mod units;
pub mod userns;
pub mod volume;
pub mod volume_opts;

pub use run::{IdPlan, ProcessPlan, RunPlan};
