//! `nook __generate NORMAL_DIR [EARLY_DIR LATE_DIR]`, the systemd user generator (installed
//! as /usr/lib/systemd/user-generators/nook-user-generator): each `NAME.container` of the
//! search path becomes `NORMAL_DIR/NAME.service`, with its `[Install]` links. A bad file gets
//! one line on stderr (the journal) naming FILE:LINE: KEY, and no unit; the others still get
//! theirs. The search path, first match of a name wins: `$XDG_CONFIG_HOME/nook/systemd`
//! (default `~/.config/nook/systemd`), `/etc/nook/systemd/users/UID`, `/etc/nook/systemd/users`.

use std::path::{Path, PathBuf};

use std::process::ExitCode;

use crate::plan::quadlet;

/// The hidden command's name (handled in main.rs before clap).
pub const SUBCOMMAND: &str = "__generate";

/// Where `.container` files are looked for, in order.
fn search_path() -> Vec<PathBuf> {
    let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    let config = non_empty("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| non_empty("HOME").map(|h| PathBuf::from(h).join(".config")));
    let uid = nix::unistd::getuid();
    let mut dirs: Vec<PathBuf> = config.map(|c| c.join("nook/systemd")).into_iter().collect();
    dirs.push(PathBuf::from(format!("/etc/nook/systemd/users/{uid}")));
    dirs.push(PathBuf::from("/etc/nook/systemd/users"));
    dirs
}

/// A unit name's stem: what systemd accepts, without templates (`@`).
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":_.-".contains(c))
}

/// The `.container` files of the search path: (NAME, path), one per name.
fn container_files(dirs: &[PathBuf]) -> Vec<(String, PathBuf)> {
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut here: Vec<(String, PathBuf)> = entries
            .flatten()
            .filter_map(|e| {
                let path = e.path();
                let name = path.file_name()?.to_str()?.strip_suffix(".container")?;
                Some((name.to_string(), path.clone()))
            })
            .filter(|(name, _)| !found.iter().any(|(n, _)| n == name))
            .collect();
        here.sort();
        found.extend(here);
    }
    found
}

/// `nook __generate NORMAL_DIR [EARLY_DIR LATE_DIR]` (systemd.generator(7)); status 1
/// when a file was bad (its units made all the same), 125 on a bad call.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
    let out = match args.as_slice() {
        [normal] | [normal, _, _] => PathBuf::from(normal),
        _ => {
            eprintln!("Error: usage: nook {SUBCOMMAND} NORMAL_DIR [EARLY_DIR LATE_DIR]");
            return ExitCode::from(125);
        }
    };
    if !out.is_dir() {
        eprintln!(
            "Error: {}: no such directory: systemd passes the generator's output directory",
            out.display()
        );
        return ExitCode::from(125);
    }
    let nook = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "/usr/bin/nook".to_string());
    let mut bad = false;
    for (name, path) in container_files(&search_path()) {
        if let Err(line) = one(&name, &path, &nook, &out) {
            bad = true;
            eprintln!("nook-generator: {line}; no unit made of it");
        }
    }
    ExitCode::from(u8::from(bad))
}

/// Write the unit of one file, or say (FILE:LINE: KEY: WHY) why there is none.
fn one(name: &str, path: &Path, nook: &str, out: &Path) -> std::result::Result<(), String> {
    let shown = path.display().to_string();
    if !valid_name(name) {
        return Err(format!(
            "{shown}: {name:?} is not a unit name: use letters, digits and : _ . -"
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let generated =
        quadlet::translate(name, &shown, &text, nook).map_err(|p| p.describe(&shown))?;
    let unit = out.join(&generated.unit);
    std::fs::write(&unit, &generated.text)
        .map_err(|e| format!("{shown}: cannot write {}: {e}", unit.display()))?;
    for dir in &generated.wants {
        let dir = out.join(dir);
        let link = dir.join(&generated.unit);
        let made = std::fs::create_dir_all(&dir).and_then(|()| {
            std::os::unix::fs::symlink(Path::new("..").join(&generated.unit), &link)
        });
        if let Err(e) = made {
            let _ = std::fs::remove_file(&unit);
            return Err(format!("{shown}: cannot link {}: {e}", link.display()));
        }
    }
    Ok(())
}
