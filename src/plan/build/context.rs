//! The build context's rules: `.containerignore` patterns, glob matching of COPY sources,
//! and paths that must stay inside the context.

/// One `.containerignore` line: a pattern, `!` when it re-includes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    pub pattern: String,
    pub include: bool,
}

/// The patterns of a `.containerignore` (or `.dockerignore`) file.
pub fn parse_ignore(text: &str) -> Vec<Ignore> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (include, p) = match l.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, l),
            };
            Ignore {
                pattern: clean(p),
                include,
            }
        })
        .filter(|i| !i.pattern.is_empty())
        .collect()
}

/// A relative path without `./`, leading or doubled slashes, or a trailing one.
pub fn clean(p: &str) -> String {
    p.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a walk of the context leaves `path` out: it is ignored, and, for a directory, no
/// exception pattern names a path under it (moby's rule, which buildah follows: `!dir/x*`
/// walks `dir`, `!*/x*` alone does not).
pub fn skipped(rules: &[Ignore], path: &str, is_dir: bool) -> bool {
    if !ignored(rules, path) {
        return false;
    }
    let under = format!("{path}/");
    !(is_dir
        && rules
            .iter()
            .any(|r| r.include && r.pattern.starts_with(&under)))
}

/// Whether `path` (relative to the context, `/`-separated) is left out: the last pattern
/// that matches it or one of its parent directories decides.
pub fn ignored(rules: &[Ignore], path: &str) -> bool {
    let mut out = false;
    for r in rules {
        let mut prefix = String::new();
        let mut hit = false;
        for (i, comp) in path.split('/').enumerate() {
            if i > 0 {
                prefix.push('/');
            }
            prefix.push_str(comp);
            if glob(&r.pattern, &prefix) {
                hit = true;
                break;
            }
        }
        if hit {
            out = !r.include;
        }
    }
    out
}

/// Whether `name` matches `pattern`: `*` and `?` within one component, `**` any number of
/// components, `[abc]`/`[a-z]`/`[!a]` classes, `\` escapes.
pub fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<&str> = pattern.split('/').collect();
    let n: Vec<&str> = name.split('/').collect();
    glob_parts(&p, &n)
}

fn glob_parts(p: &[&str], n: &[&str]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some(&"**") => (0..=n.len()).any(|k| glob_parts(&p[1..], &n[k..])),
        Some(first) => {
            !n.is_empty()
                && component(first.as_bytes(), n[0].as_bytes())
                && glob_parts(&p[1..], &n[1..])
        }
    }
}

fn component(p: &[u8], s: &[u8]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some(b'*') => (0..=s.len()).any(|k| component(&p[1..], &s[k..])),
        Some(b'?') => !s.is_empty() && component(&p[1..], &s[1..]),
        Some(b'[') => {
            let Some(close) = p.iter().skip(1).position(|&c| c == b']').map(|i| i + 1) else {
                return s.first() == Some(&b'[') && component(&p[1..], &s[1..]);
            };
            let Some(&c) = s.first() else { return false };
            let mut class = &p[1..close];
            let negate = matches!(class.first(), Some(b'!' | b'^'));
            if negate {
                class = &class[1..];
            }
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == b'-' {
                    hit |= class[i] <= c && c <= class[i + 2];
                    i += 3;
                } else {
                    hit |= class[i] == c;
                    i += 1;
                }
            }
            hit != negate && component(&p[close + 1..], &s[1..])
        }
        Some(b'\\') if p.len() > 1 => s.first() == Some(&p[1]) && component(&p[2..], &s[1..]),
        Some(&c) => s.first() == Some(&c) && component(&p[1..], &s[1..]),
    }
}

/// Whether `pattern` has glob characters.
pub fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?', '['])
}

/// A COPY source as a path relative to the context root: `..` that would leave the context
/// is refused (naming the source and the fix).
pub fn source_in_context(src: &str) -> Result<String, String> {
    let mut parts: Vec<&str> = Vec::new();
    for c in src.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!(
                        "COPY source {src:?} is outside the build context: copy files from inside the context directory only"
                    ));
                }
            }
            c => parts.push(c),
        }
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_within_components() {
        assert!(glob("*.txt", "a.txt"));
        assert!(!glob("*.txt", "d/a.txt"));
        assert!(glob("d/*.txt", "d/a.txt"));
        assert!(glob("**/*.txt", "x/y/a.txt"));
        assert!(glob("**/*.txt", "a.txt"));
        assert!(glob("file?.[a-c]", "file1.b"));
        assert!(!glob("file?.[!a-c]", "file1.b"));
        assert!(glob("a\\*", "a*"));
        assert!(!glob("a\\*", "ab"));
    }

    #[test]
    fn ignored_directories_are_walked_only_for_exceptions_under_them() {
        let rules = parse_ignore("test*\n!test2*\nsubdir1\nsubdir2\n!*/sub1*\n!subdir1/sub3*\n");
        assert!(!skipped(&rules, "subdir1", true));
        assert!(skipped(&rules, "subdir2", true));
        assert!(!skipped(&rules, "subdir1/sub1", false));
        assert!(skipped(&rules, "subdir1/sub2", false));
        assert!(!skipped(&rules, "subdir1/sub3.txt", false));
        assert!(skipped(&rules, "test1", false));
        assert!(!skipped(&rules, "test2.txt", false));
    }

    #[test]
    fn ignore_files_exclude_and_reinclude() {
        let rules = parse_ignore("# c\n\nnode_modules\n*.log\n!keep.log\n./build/\n");
        assert!(ignored(&rules, "node_modules"));
        assert!(ignored(&rules, "node_modules/x/y.js"));
        assert!(ignored(&rules, "a.log"));
        assert!(!ignored(&rules, "keep.log"));
        assert!(ignored(&rules, "build/out"));
        assert!(!ignored(&rules, "src/main.rs"));
    }

    #[test]
    fn sources_cannot_leave_the_context() {
        assert_eq!(source_in_context("./a/../b/").unwrap(), "b");
        assert_eq!(source_in_context(".").unwrap(), "");
        assert!(
            source_in_context("../x")
                .unwrap_err()
                .contains("outside the build context")
        );
        assert!(source_in_context("a/../../x").is_err());
    }
}
