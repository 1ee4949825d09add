//! Host-side effects: reading facts, the state directory, starting the container side,
//! writing id maps, relaying signals and the terminal.

pub mod cache;
pub mod cgroup;
pub mod driver;
pub mod facts;
pub mod idmap;
pub mod job;
pub mod network;
pub mod probe;
pub mod relay;
pub mod seccomp;
pub mod spawn;
pub mod state;
pub mod system;
pub mod tty;
pub mod unshare;
pub mod volume;
