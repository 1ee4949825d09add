//! PURE: systemd's unit file syntax as quadlet reads it (sections, `Key=Value` lines,
//! comments, backslash continuation lines, quoted words), for `nook __generate`, which turns
//! `NAME.container` files into user services (`container` has the keys).

mod container;

pub use container::{Generated, translate};

/// One `Key=Value` line (its continuations joined), with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub line: usize,
    pub key: String,
    pub value: String,
}

/// A `[Section]` and its entries, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub entries: Vec<Entry>,
}

/// What is wrong with a file: the line (1-based), the key when there is one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub key: Option<String>,
    pub why: String,
}

impl Problem {
    pub fn at(e: &Entry, why: impl Into<String>) -> Problem {
        Problem {
            line: e.line,
            key: Some(e.key.clone()),
            why: why.into(),
        }
    }

    /// `FILE:LINE: KEY: WHY` (the generator's log line).
    pub fn describe(&self, file: &str) -> String {
        match &self.key {
            Some(k) => format!("{file}:{}: {k}: {}", self.line, self.why),
            None => format!("{file}:{}: {}", self.line, self.why),
        }
    }
}

/// Parse a unit file as systemd does: `#` and `;` start comment lines, a line ending in a
/// backslash continues on the next (the backslash becomes a space; comment lines inside are
/// skipped), blanks around the `=` go.
pub fn parse(text: &str) -> Result<Vec<Section>, Problem> {
    let mut sections: Vec<Section> = Vec::new();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    while let Some((number, raw)) = lines.next() {
        let mut line = raw.trim().to_string();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        while line.ends_with('\\') {
            line.pop();
            line.push(' ');
            // Comment lines inside a continuation are skipped; it goes on after them.
            let next = lines.find(|(_, l)| {
                let l = l.trim_start();
                !(l.starts_with('#') || l.starts_with(';'))
            });
            match next {
                Some((_, next)) => line.push_str(next.trim()),
                None => break,
            }
        }
        let line = line.trim_end();
        if let Some(name) = line.strip_prefix('[') {
            let Some(name) = name.strip_suffix(']').filter(|n| !n.is_empty()) else {
                return Err(Problem {
                    line: number,
                    key: None,
                    why: format!("bad section header {line:?}: write it as [Name]"),
                });
            };
            sections.push(Section {
                name: name.to_string(),
                entries: Vec::new(),
            });
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(Problem {
                line: number,
                key: None,
                why: format!("{line:?} is not a Key=Value line"),
            });
        };
        let Some(section) = sections.last_mut() else {
            return Err(Problem {
                line: number,
                key: Some(key.trim().to_string()),
                why: "a key before the first [Section]".into(),
            });
        };
        section.entries.push(Entry {
            line: number,
            key: key.trim().to_string(),
            value: value.trim().to_string(),
        });
    }
    Ok(sections)
}

/// Split a value into words as systemd does for `Exec=` and `Environment=`: blanks separate
/// words; double and single quotes group; a backslash escapes the next character (`\n`,
/// `\t` and the like as C does) outside single quotes.
pub fn split_words(value: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(words);
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match (quote, c) {
                (None, c) if c.is_whitespace() => break,
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (Some('\''), c) => word.push(c),
                (_, '\\') => match chars.next() {
                    Some('n') => word.push('\n'),
                    Some('t') => word.push('\t'),
                    Some('r') => word.push('\r'),
                    Some(e) => word.push(e),
                    None => return Err("a backslash at the end of the value".into()),
                },
                (_, c) => word.push(c),
            }
        }
        if let Some(q) = quote {
            return Err(format!("unbalanced {q} quote"));
        }
        words.push(word);
    }
}

/// One word for an `Exec*=` line of the generated unit: quoted when needed, with `%` and
/// `$` doubled so that systemd neither expands specifiers nor variables in it.
pub fn quote_word(word: &str) -> String {
    let escaped = word.replace('%', "%%").replace('$', "$$");
    let plain = !escaped.is_empty()
        && escaped
            .chars()
            .all(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '\\' | ';'));
    if plain {
        return escaped;
    }
    let mut out = String::from("\"");
    for c in escaped.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// systemd's booleans.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "t" | "on" => Some(true),
        "0" | "no" | "n" | "false" | "f" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
