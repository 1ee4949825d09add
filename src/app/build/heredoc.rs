//! COPY's here-documents as files: each written (variables expanded unless its delimiter
//! was quoted) into a scratch directory of the build, from where COPY takes it like a
//! file of the context.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use super::layer::WorkDir;
use crate::error::{Error, Result};
use crate::plan::build::words::expand_doc;
use crate::store::Store;

/// The scratch directory of a COPY or ADD's documents and downloads (made on first use).
pub fn scratch(store: &Store, dir: &mut Option<WorkDir>) -> Result<PathBuf> {
    if dir.is_none() {
        *dir = Some(WorkDir::new(store)?);
    }
    dir.as_ref()
        .map(|d| d.path.clone())
        .ok_or_else(|| Error::Internal("internal error: no scratch directory".into()))
}

/// Write the document `name` into `dir` (made on first use); its path.
pub fn write(
    store: &Store,
    dir: &mut Option<WorkDir>,
    name: &str,
    body: &str,
    expand: bool,
    vars: &dyn Fn(&str) -> Option<String>,
) -> Result<PathBuf> {
    let base = scratch(store, dir)?;
    let text = match expand {
        true => expand_doc(body, vars).map_err(|e| Error::Usage(format!("<<{name}: {e}")))?,
        false => body.to_string(),
    };
    let path = base.join(name);
    std::fs::write(&path, text)
        .and_then(|()| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)))
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    Ok(path)
}
