//! The man pages in `man/` and the shell completions in `packaging/completions/` are generated
//! from the clap definitions; this test fails when they are stale. Regenerate with
//! `NOOK_BLESS=1 cargo test --test docs`.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

/// Where the checked-in files are: `NOOK_REPO` (a readable copy, when the test user cannot
/// reach the clone) or the crate itself. Blessing always writes to the crate itself.
fn repo(bless: bool) -> PathBuf {
    match std::env::var_os("NOOK_REPO") {
        Some(dir) if !bless => PathBuf::from(dir),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    }
}

fn generated(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut cmd = nook::cli::Cli::command();
    cmd.build();
    let mut files = Vec::new();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut page)
        .expect("render nook(1)");
    files.push((root.join("man/nook.1"), page));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("nook-{}", sub.get_name());
        let sub = sub
            .clone()
            .name(name.clone())
            .version(cmd.get_version().unwrap_or_default().to_string());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub)
            .render(&mut page)
            .expect("render page");
        files.push((root.join(format!("man/{name}.1")), page));
    }
    for (shell, file) in [
        (clap_complete::Shell::Bash, "nook.bash"),
        (clap_complete::Shell::Zsh, "_nook"),
        (clap_complete::Shell::Fish, "nook.fish"),
    ] {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut cmd.clone(), "nook", &mut out);
        files.push((root.join("packaging/completions").join(file), out));
    }
    files
}

#[test]
fn man_pages_and_completions_are_current() {
    let bless = std::env::var_os("NOOK_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, content) in generated(&repo(bless)) {
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &content).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(content.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run NOOK_BLESS=1 cargo test --test docs): {stale:?}"
    );
}

#[test]
fn every_subcommand_has_a_page() {
    let cmd = nook::cli::Cli::command();
    let root = repo(false);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let page = root.join(format!("man/nook-{}.1", sub.get_name()));
        assert!(page.exists(), "{} missing", page.display());
    }
}
