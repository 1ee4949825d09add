//! nook: a rootless, per-user container runner. The binary is `src/main.rs`; this crate root
//! exposes the modules so integration tests can reach the CLI definition (man pages).
pub mod app;
pub mod cli;
pub mod error;
pub mod host;
pub mod image;
pub mod init;
pub mod plan;
pub mod proto;
pub mod store;
pub mod sys;
