//! PURE: values in, values out. Everything nook decides lives here and is unit-tested with
//! plain values; no syscalls and no I/O.

pub mod build;
pub mod cache;
pub mod caps;
pub mod cgroup;
pub mod digest;
pub mod exit;
pub mod files;
pub mod idmap;
pub mod image_config;
pub mod image_ref;
pub mod info;
pub mod manifest;
pub mod mounts;
pub mod network;
pub mod overlay;
pub mod process;
pub mod request;
pub mod run;
pub mod seccomp;
pub mod security;
pub mod storage;
pub mod units;
pub mod volume;

pub use run::{IdPlan, ProcessPlan, RunPlan};
