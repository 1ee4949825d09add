//! `nook volume export` and `nook volume import`: a volume's files as a tar and back, read
//! and written as root of the user namespace (files of subordinate ids keep their owners,
//! as the container sees them, as podman's do).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{VolumeExportArgs, VolumeImportArgs};
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::host::volume::Volumes;
use crate::store::Store;
use crate::store::job::{Job, Userns};

fn volume_data(name: &str) -> Result<PathBuf> {
    Volumes::open()?
        .get(name)
        .map(|v| v.mountpoint)
        .ok_or_else(|| {
            Error::Usage(format!(
                "no volume with name {name:?} found: see nook volume ls"
            ))
        })
}

/// A temp file of the store's, removed when dropped.
struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn temp() -> Result<Temp> {
    Store::open()?
        .temp_path()
        .map(Temp)
        .map_err(|e| Error::io("cannot create a temp file", e))
}

pub fn export(args: &VolumeExportArgs) -> Result<u8> {
    let root = volume_data(&args.name)?;
    if args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(Error::Usage(
            "refusing to write a tar to the terminal: use -o FILE or redirect the output".into(),
        ));
    }
    let tmp = temp()?;
    HostUserns.run(&Job::Export {
        spec: None,
        root,
        out: tmp.0.clone(),
    })?;
    match &args.output {
        Some(p) => {
            std::fs::copy(&tmp.0, p)
                .map_err(|e| Error::io(format!("cannot write {}", p.display()), e))?;
        }
        None => {
            let mut f =
                std::fs::File::open(&tmp.0).map_err(|e| Error::io("cannot read the export", e))?;
            let mut out = std::io::stdout().lock();
            std::io::copy(&mut f, &mut out)
                .and_then(|_| out.flush())
                .map_err(|e| Error::io("cannot write the export", e))?;
        }
    }
    Ok(0)
}

pub fn import(args: &VolumeImportArgs) -> Result<u8> {
    let dest = volume_data(&args.name)?;
    let tmp = temp()?;
    let source: &Path = match args.source.as_str() {
        "-" => {
            let mut f = std::fs::File::create(&tmp.0)
                .map_err(|e| Error::io("cannot create a temp file", e))?;
            std::io::copy(&mut std::io::stdin().lock(), &mut f)
                .map_err(|e| Error::io("cannot read standard input", e))?;
            &tmp.0
        }
        path => {
            let p = Path::new(path);
            if !p.is_file() {
                return Err(Error::Usage(format!(
                    "cannot import {path}: no such file: give a tar file, or - for standard input"
                )));
            }
            p
        }
    };
    // The job runs as root of the user namespace: it reads the file by its absolute path.
    let blob =
        std::path::absolute(source).map_err(|e| Error::io("cannot resolve the tar's path", e))?;
    HostUserns.run(&Job::Apply {
        blobs: vec![blob],
        dest,
        shift: None,
        existing: true,
        squash: None,
    })?;
    Ok(0)
}
