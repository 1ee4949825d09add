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
pub mod trace;

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// The most lines a file under `src/` may have before its test module: past that, it does
    /// more than one thing and is split by what it does.
    const MAX_LINES: usize = 500;

    /// Files under `src/` still over `MAX_LINES`, until they are split. This list must only
    /// shrink: split a file that grows past the limit instead of adding it here.
    const STILL_TOO_LONG: &[&str] = &[];

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src/") {
            let path = entry.expect("read src/").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                // A test module of its own (`#[path = "x_tests.rs"] mod tests;`) is all tests.
                && !path.to_string_lossy().ends_with("_tests.rs")
            {
                out.push(path);
            }
        }
    }

    /// The lines before the `#[cfg(test)]` that opens the test module, or all of them.
    fn code_lines(text: &str) -> usize {
        let lines: Vec<&str> = text.lines().collect();
        let opens_tests = |i: usize| {
            lines[i] == "#[cfg(test)]"
                && lines[i..]
                    .iter()
                    .find(|l| !l.starts_with("#["))
                    .is_some_and(|l| l.contains("mod tests"))
        };
        (0..lines.len())
            .find(|&i| opens_tests(i))
            .unwrap_or(lines.len())
    }

    #[test]
    fn code_lines_stop_at_the_test_module() {
        let helper = "//! x\n\n#[cfg(test)]\nmod testing;\n\nfn a() {}\n";
        assert_eq!(code_lines(helper), 6);
        let inline = format!("{helper}\n#[cfg(test)]\npub(super) mod tests {{\n}}\n");
        assert_eq!(code_lines(&inline), 7);
        let file = format!("{helper}#[cfg(test)]\n#[path = \"x_tests.rs\"]\nmod tests;\n");
        assert_eq!(code_lines(&file), 6);
    }

    #[test]
    fn no_file_under_src_has_over_500_lines_before_its_tests() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        files.sort();
        let mut too_long = Vec::new();
        let mut short_now = Vec::new();
        for path in &files {
            let name = path
                .strip_prefix(&src)
                .expect("under src/")
                .to_string_lossy();
            let text = std::fs::read_to_string(path).expect("read a source file");
            let lines = code_lines(&text);
            let allowed = STILL_TOO_LONG.contains(&name.as_ref());
            if lines > MAX_LINES && !allowed {
                too_long.push(format!("src/{name}: {lines}"));
            } else if lines <= MAX_LINES && allowed {
                short_now.push(format!("src/{name}: {lines}"));
            }
        }
        assert!(
            too_long.is_empty(),
            "over {MAX_LINES} lines before the test module, split them by what they do: {too_long:?}"
        );
        assert!(
            short_now.is_empty(),
            "no longer over {MAX_LINES} lines, remove them from STILL_TOO_LONG: {short_now:?}"
        );
        for name in STILL_TOO_LONG {
            assert!(
                src.join(name).exists(),
                "src/{name} is gone, remove it from STILL_TOO_LONG"
            );
        }
    }
}
