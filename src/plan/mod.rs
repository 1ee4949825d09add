//! PURE: values in, values out. Everything nook decides lives here and is unit-tested with
//! plain values; no syscalls and no I/O.

pub mod build;
pub mod cache;
pub mod caps;
pub mod cdi;
pub mod cgroup;
pub mod container;
pub mod cp;
pub mod digest;
pub mod exec;
pub mod exit;
pub mod files;
pub mod idmap;
pub mod image_config;
pub mod image_ref;
pub mod info;
pub mod life;
pub mod manifest;
pub mod mounts;
pub mod network;
pub mod oci;
pub mod overlay;
pub mod plumbing;
pub mod process;
pub mod record;
pub mod request;
pub mod run;
pub mod seccomp;
pub mod security;
pub mod site;
pub mod storage;
pub mod top;
pub mod units;
pub mod userns;
pub mod volume;

pub use run::{IdPlan, ProcessPlan, RunPlan};
