//! Containerfile words as the builder reads them: quotes removed, `$VAR`, `${VAR}`,
//! `${VAR:-default}` and `${VAR:+alternative}` replaced from the build's variables (ARG and
//! ENV), split on blanks outside quotes, as BuildKit's and buildah's shell lexer does.

/// Split `s` into words, expanding variables with `vars`. `split`: blanks outside quotes end a
/// word (ENV, LABEL, COPY); else the whole text is one word (WORKDIR, USER).
pub fn expand(
    s: &str,
    vars: &dyn Fn(&str) -> Option<String>,
    split: bool,
) -> Result<Vec<String>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut started = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' if split => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
                i += 1;
            }
            '\'' => {
                started = true;
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '\'')
                    .ok_or_else(|| format!("unmatched single quote in {s:?}"))?;
                word.extend(&chars[i + 1..i + 1 + end]);
                i += end + 2;
            }
            '"' => {
                started = true;
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(format!("unmatched double quote in {s:?}")),
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some('\\') if matches!(chars.get(i + 1), Some('"' | '\\' | '$')) => {
                            word.push(chars[i + 1]);
                            i += 2;
                        }
                        Some('$') => i = variable(&chars, i, vars, &mut word)?,
                        Some(&c) => {
                            word.push(c);
                            i += 1;
                        }
                    }
                }
            }
            '\\' if i + 1 < chars.len() => {
                started = true;
                word.push(chars[i + 1]);
                i += 2;
            }
            '$' => {
                started = true;
                i = variable(&chars, i, vars, &mut word)?;
            }
            c => {
                started = true;
                word.push(c);
                i += 1;
            }
        }
    }
    if started {
        words.push(word);
    }
    Ok(words)
}

/// One word: the text with variables expanded and quotes removed, blanks kept.
pub fn expand_one(s: &str, vars: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    Ok(expand(s, vars, false)?.join(""))
}

/// A here-document's text with `$VAR` and `${VAR...}` expanded (`\$` a plain `$`); quotes
/// and everything else kept as written.
pub fn expand_doc(s: &str, vars: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1) == Some(&'$') => {
                out.push('$');
                i += 2;
            }
            '$' => i = variable(&chars, i, vars, &mut out)?,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// The variable at `chars[i]` (a `$`), appended to `out`; returns the index after it.
fn variable(
    chars: &[char],
    i: usize,
    vars: &dyn Fn(&str) -> Option<String>,
    out: &mut String,
) -> Result<usize, String> {
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    match chars.get(i + 1) {
        Some('{') => {
            let close = chars[i + 2..]
                .iter()
                .position(|&c| c == '}')
                .ok_or("a ${ without its closing }")?;
            let inner: String = chars[i + 2..i + 2 + close].iter().collect();
            let name_end = inner.find(|c: char| !name_char(c)).unwrap_or(inner.len());
            let (name, rest) = inner.split_at(name_end);
            if name.is_empty() {
                return Err(format!("bad substitution ${{{inner}}}"));
            }
            let value = vars(name);
            let set = value.as_deref().is_some_and(|v| !v.is_empty());
            let text = match rest {
                "" => value.unwrap_or_default(),
                r if r.starts_with(":-") => match set {
                    true => value.unwrap_or_default(),
                    false => expand_one(&r[2..], vars)?,
                },
                r if r.starts_with(":+") => match set {
                    true => expand_one(&r[2..], vars)?,
                    false => String::new(),
                },
                r if r.starts_with('-') => match &value {
                    Some(v) => v.clone(),
                    None => expand_one(&r[1..], vars)?,
                },
                r if r.starts_with('+') => match value {
                    Some(_) => expand_one(&r[1..], vars)?,
                    None => String::new(),
                },
                r => return Err(format!("unsupported modifier {r:?} in ${{{inner}}}")),
            };
            out.push_str(&text);
            Ok(i + 3 + close)
        }
        Some(&c) if name_char(c) => {
            let len = match c.is_ascii_digit() {
                // `$1`: a positional parameter, one digit.
                true => 1,
                false => chars[i + 1..]
                    .iter()
                    .position(|&c| !name_char(c))
                    .unwrap_or(chars.len() - i - 1),
            };
            let name: String = chars[i + 1..i + 1 + len].iter().collect();
            out.push_str(&vars(&name).unwrap_or_default());
            Ok(i + 1 + len)
        }
        _ => {
            out.push('$');
            Ok(i + 1)
        }
    }
}

/// `KEY=VALUE ...` pairs (ENV, LABEL, ARG), or the legacy `KEY VALUE` of one pair (ENV and
/// LABEL only; `legacy`).
pub fn pairs(
    s: &str,
    vars: &dyn Fn(&str) -> Option<String>,
    legacy: bool,
) -> Result<Vec<(String, Option<String>)>, String> {
    let words = expand(s, vars, true)?;
    if legacy && words.first().is_some_and(|w| !w.contains('=')) {
        // `ENV KEY VALUE WITH SPACES`: the rest of the line after the first blank.
        let trimmed = s.trim_start();
        let rest = trimmed
            .find([' ', '\t'])
            .map_or("", |i| trimmed[i..].trim());
        let key = words[0].clone();
        return Ok(vec![(key, Some(expand_one(rest, vars)?))]);
    }
    Ok(words
        .into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (w, None),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<String> {
        match name {
            "A" => Some("one".into()),
            "EMPTY" => Some(String::new()),
            "SP" => Some("x y".into()),
            _ => None,
        }
    }

    fn ex(s: &str) -> Vec<String> {
        expand(s, &vars, true).unwrap()
    }

    #[test]
    fn variables_expand_outside_single_quotes() {
        assert_eq!(ex("$A ${A}b '$A' \"$A\""), ["one", "oneb", "$A", "one"]);
        assert_eq!(
            ex("${NONE:-def} ${A:-def} ${EMPTY:-d}"),
            ["def", "one", "d"]
        );
        assert_eq!(ex("${A:+alt} x${NONE:+alt}"), ["alt", "x"]);
        assert_eq!(ex("${EMPTY-d}x ${NONE-d}"), ["x", "d"]);
        assert_eq!(ex("a\\ b \\$A $ $1x"), ["a b", "$A", "$", "x"]);
        // An expanded value is not split again.
        assert_eq!(ex("$SP"), ["x y"]);
        assert!(expand("'open", &vars, true).is_err());
        assert!(expand("${A", &vars, true).is_err());
    }

    #[test]
    fn one_word_keeps_blanks() {
        assert_eq!(expand_one("/a b/$A", &vars).unwrap(), "/a b/one");
    }

    #[test]
    fn pairs_in_both_forms() {
        let p = pairs("K=v L=\"two words\" M", &vars, true).unwrap();
        assert_eq!(
            p,
            [
                ("K".into(), Some("v".into())),
                ("L".into(), Some("two words".into())),
                ("M".into(), None)
            ]
        );
        let legacy = pairs("KEY some value $A", &vars, true).unwrap();
        assert_eq!(legacy, [("KEY".into(), Some("some value one".into()))]);
    }
}
