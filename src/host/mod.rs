//! Host-side effects: reading facts, the state directory, starting the container side,
//! writing id maps, relaying signals and the terminal.

pub mod acquire;
pub mod cache;
pub mod cgroup;
pub mod driver;
pub mod exec;
pub mod facts;
pub mod hooks;
pub mod idmap;
pub mod job;
pub mod life;
pub mod logfile;
pub mod network;
pub mod notify;
pub mod pod;
pub mod relay;
pub mod seccomp;
pub mod session;
pub mod state;
pub mod tee;
pub mod top;
pub mod tty;
pub mod userns;
pub mod volume;
