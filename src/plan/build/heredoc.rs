//! Here-documents of RUN in every form BuildKit and buildah take (`RUN <<EOF` after the
//! flags, `RUN cmd <<EOF`, several in one instruction, `<<-` stripping tabs, quoted
//! delimiters), taken out of the Containerfile before `parse-dockerfile` reads it (the crate
//! reads only one, right after RUN), and the delimiters of COPY's, which the crate reads.

use std::collections::BTreeMap;

/// A `<<WORD` marker of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Byte range of the marker in its line.
    pub start: usize,
    pub end: usize,
    pub delim: String,
    /// `<<-`: leading tabs are stripped from the document and its end line.
    pub strip_tabs: bool,
    /// The delimiter was quoted: no expansion in the document.
    pub quoted: bool,
}

/// The here-document markers of `line`: whole words `<<[-]WORD`, `<<[-]"WORD"`,
/// `<<[-]'WORD'` outside quotes (WORD a name: letters, digits, `_`, not starting with a digit;
/// `<<<` and `$((1<<2))` are not markers).
pub fn markers(line: &str) -> Vec<Marker> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == b'\'' || c == b'"' {
            quote = Some(c);
            i += 1;
            continue;
        }
        let word_start = i == 0 || b[i - 1].is_ascii_whitespace();
        if !(word_start && line[i..].starts_with("<<")) {
            i += 1;
            continue;
        }
        let end = b[i..]
            .iter()
            .position(|c| c.is_ascii_whitespace())
            .map_or(b.len(), |n| i + n);
        if let Some(m) = marker(&line[i..end]) {
            out.push(Marker { start: i, end, ..m });
        }
        i = end;
    }
    out
}

/// One word as a marker.
fn marker(word: &str) -> Option<Marker> {
    let rest = word.strip_prefix("<<")?;
    let (strip_tabs, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (quoted, delim) = match rest.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let inner = rest[1..].strip_suffix(q as char)?;
            (true, inner)
        }
        _ => (false, rest),
    };
    let ok = delim
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && delim.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then(|| Marker {
        start: 0,
        end: word.len(),
        delim: delim.to_string(),
        strip_tabs,
        quoted,
    })
}

/// A RUN with here-documents, taken out of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunDoc {
    /// What the shell runs: the document alone (`RUN <<EOF`, tabs stripped for `<<-`), else
    /// the command line followed by its documents and end lines as written, for the shell to
    /// read (it expands, strips tabs and honours quoted delimiters itself).
    pub script: String,
}

/// `text` with every RUN's here-documents taken out, the same length and lines (markers and
/// documents blanked, so positions and line numbers hold), and the scripts by the 1-based
/// line of their RUN. Documents of other instructions are stepped over.
pub fn take_run_docs(text: &str) -> Result<(String, BTreeMap<usize, RunDoc>), String> {
    let escape = escape_char(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut docs = BTreeMap::new();
    let mut i = 0;
    while i < lines.len() {
        let first = lines[i].trim_start();
        if first.trim().is_empty() || first.starts_with('#') {
            i += 1;
            continue;
        }
        // The instruction's physical lines (continuations; comment lines inside skipped).
        let start = i;
        let mut parts = Vec::new();
        loop {
            let l = lines[i].trim_end_matches(['\n', '\r']);
            let is_comment = i > start && l.trim_start().starts_with('#');
            i += 1;
            if is_comment {
                continue;
            }
            match l.trim_end().strip_suffix(escape) {
                Some(head) if i < lines.len() => parts.push((i - 1, head.to_string())),
                _ => {
                    parts.push((i - 1, l.to_string()));
                    break;
                }
            }
        }
        let keyword = parts[0].1.split_whitespace().next().unwrap_or("");
        let keyword = keyword.to_ascii_uppercase();
        let found: Vec<(usize, Marker)> = parts
            .iter()
            .flat_map(|(n, l)| markers(l).into_iter().map(move |m| (*n, m)))
            .collect();
        if found.is_empty() || !["RUN", "COPY", "ADD", "ONBUILD"].contains(&keyword.as_str()) {
            continue;
        }
        let mut bodies = Vec::new();
        for (_, m) in &found {
            let body_start = i;
            loop {
                let Some(l) = lines.get(i) else {
                    return Err(format!(
                        "line {}: the here-document <<{} has no end line: end it with a line {}",
                        start + 1,
                        m.delim,
                        m.delim
                    ));
                };
                i += 1;
                let l = l.trim_end_matches(['\n', '\r']);
                let l = match m.strip_tabs {
                    true => l.trim_start_matches('\t'),
                    false => l,
                };
                if l == m.delim {
                    break;
                }
            }
            bodies.push((body_start, i));
        }
        if keyword != "RUN" {
            continue;
        }
        // The command after RUN and its flags, markers as written.
        let joined = parts
            .iter()
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let command = after_flags(&joined);
        let script = match (found.len(), markers(command).as_slice()) {
            (1, [m]) if command.trim() == &command[m.start..m.end] => {
                let (a, z) = bodies[0];
                lines[a..z - 1]
                    .iter()
                    .map(|l| match found[0].1.strip_tabs {
                        true => l.trim_start_matches('\t'),
                        false => l,
                    })
                    .collect::<String>()
            }
            _ => {
                let mut s = command.trim().to_string();
                s.push('\n');
                for &(a, z) in &bodies {
                    for l in &lines[a..z] {
                        s.push_str(l);
                    }
                    if !s.ends_with('\n') {
                        s.push('\n');
                    }
                }
                s
            }
        };
        docs.insert(start + 1, RunDoc { script });
        for (n, m) in &found {
            let l = &mut out[*n];
            let blank = "_".repeat(m.end - m.start);
            l.replace_range(m.start..m.end, &blank);
        }
        for &(a, z) in &bodies {
            for l in &mut out[a..z] {
                *l = blank_line(l);
            }
        }
    }
    Ok((out.concat(), docs))
}

/// `line` as blanks of its length (its line end kept).
fn blank_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\n' | '\r' => out.push(c),
            c => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
        }
    }
    out
}

/// The text after the instruction keyword and its `--flag[=value]` words.
fn after_flags(line: &str) -> &str {
    let mut rest = line.trim_start();
    rest = rest
        .find(char::is_whitespace)
        .map_or("", |n| &rest[n..])
        .trim_start();
    while rest.starts_with("--") {
        rest = rest
            .find(char::is_whitespace)
            .map_or("", |n| &rest[n..])
            .trim_start();
    }
    rest
}

/// The escape character the `# escape=` parser directive names (a backslash by default).
fn escape_char(text: &str) -> char {
    for line in text.lines() {
        let Some(d) = line.trim().strip_prefix('#') else {
            break;
        };
        let d = d.trim();
        if let Some(v) = d
            .strip_prefix("escape=")
            .or_else(|| d.strip_prefix("escape ="))
        {
            return v.trim().chars().next().unwrap_or('\\');
        }
    }
    '\\'
}

#[cfg(test)]
#[path = "heredoc_tests.rs"]
mod tests;
