//! The on-disk image store under `$XDG_DATA_HOME/nook/storage`.

pub mod unpack;
