//! `nook cp`, top to bottom.

use crate::cli::CpArgs;
use crate::error::{Error, Result};

pub fn cp(_args: &CpArgs) -> Result<u8> {
    Err(Error::Usage("nook cp: not yet".into()))
}
