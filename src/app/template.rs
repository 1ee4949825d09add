//! `--format` as podman reads it: `json`, a Go template (gotmpl) run once per item, or
//! `table TEMPLATE` (a header row, then the rows), tab-separated cells aligned as podman's
//! tabwriter does; the functions podman adds to Go's (json, upper, lower, title, join,
//! split, pad, truncate).

use std::sync::Arc;

use gotmpl::{Template, Value};
use serde_json::Value as Json;

/// A parsed `--format`.
pub enum Format {
    /// `--format json`: the command prints its own JSON.
    Json,
    /// A Go template, run once per item; `table` adds a header row.
    Template {
        table: bool,
        template: Template,
        /// The top-level fields the template names (`.ID` of `{{.ID}}`), for the header.
        fields: Vec<String>,
    },
}

impl Format {
    /// Parse `format`; an empty format or `table` alone is `default` (a `table ...` template).
    pub fn parse(format: &str, default: &str) -> Result<Format, String> {
        let format = match format.trim() {
            "json" => return Ok(Format::Json),
            "" | "table" => default,
            _ => format,
        };
        let (table, body) = match format.strip_prefix("table") {
            Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => {
                (true, rest.trim_start())
            }
            _ => (false, format),
        };
        let mut body = body.replace("\\t", "\t").replace("\\n", "\n");
        if !body.ends_with('\n') {
            body.push('\n');
        }
        let template = with_funcs(Template::new("format"))
            .parse(&body)
            .map_err(|e| format!("invalid --format {format:?}: {e}"))?;
        Ok(Format::Template {
            table,
            template,
            fields: fields(&body),
        })
    }

    /// The rows (each a JSON object) through the template, aligned; a `table` template
    /// first prints its header row (unless `noheading`): each field's name from `headers`
    /// (field, HEADER), else the field's name split at its capitals and upper-cased
    /// (`CreatedAt` is `CREATED AT`). `Json` prints the rows as a pretty JSON array.
    pub fn render(
        &self,
        rows: &[Json],
        headers: &[(&str, &str)],
        noheading: bool,
    ) -> Result<String, String> {
        let (table, template, fields) = match self {
            Format::Json => return Ok(pretty(&Json::Array(rows.to_vec()))),
            Format::Template {
                table,
                template,
                fields,
            } => (*table, template, fields),
        };
        let mut text = String::new();
        if table && !noheading {
            let header = header_row(rows.first(), headers, fields);
            // A template the header cannot satisfy (a function of a number) has no header.
            if let Ok(line) = template.execute_to_string(&header) {
                text += &line;
            }
        }
        for row in rows {
            text += &template
                .execute_to_string(&value(row))
                .map_err(|e| format!("cannot apply --format: {e}"))?;
        }
        Ok(align(&text))
    }
}

/// One value through a template (`inspect --format`, `info --format`), as podman does it:
/// `json` is the value as JSON, a final newline is added when the template has none.
pub fn render(format: &str, data: &Json) -> Result<String, String> {
    match Format::parse(format, "{{json .}}")? {
        Format::Json => Ok(pretty(data)),
        f => f.render(std::slice::from_ref(data), &[], true),
    }
}

/// An inspected object as podman's templates see it: Go's field names beside the JSON's
/// (`{{.ID}}` as well as `{{.Id}}`, `{{.ImageID}}` for a container's `Image`, as podman's
/// inspect accepts them).
pub fn go_names(v: &Json) -> Json {
    let mut v = v.clone();
    if let Json::Object(m) = &mut v {
        if let Some(id) = m.get("Id").cloned() {
            m.entry("ID").or_insert(id);
        }
        if let Some(image @ Json::String(_)) = m.get("Image").cloned() {
            m.entry("ImageID").or_insert(image);
        }
    }
    v
}

/// `value` as JSON with four spaces of indent (as podman prints it) and a final newline.
pub fn pretty(value: &Json) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    if value.serialize(&mut ser).is_err() {
        return "null\n".to_string();
    }
    String::from_utf8_lossy(&out).into_owned() + "\n"
}

/// A JSON value as a template value (objects become maps, numbers keep their kind).
pub fn value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Nil,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::Int(i),
            (None, Some(u)) => Value::Uint(u),
            _ => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        Json::String(s) => Value::String(s.as_str().into()),
        Json::Array(a) => Value::List(a.iter().map(value).collect()),
        Json::Object(o) => Value::Map(Arc::new(
            o.iter()
                .map(|(k, v)| (k.as_str().into(), value(v)))
                .collect(),
        )),
    }
}

/// A template value back as JSON, for the `json` function.
fn to_json(v: &Value) -> Json {
    match v {
        Value::Nil | Value::Function(_) => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Uint(u) => Json::from(*u),
        Value::Float(f) => Json::from(*f),
        Value::String(s) => Json::String(s.to_string()),
        Value::List(l) => Json::Array(l.iter().map(to_json).collect()),
        Value::Map(m) => Json::Object(m.iter().map(|(k, v)| (k.to_string(), to_json(v))).collect()),
    }
}

/// The header row's data: every field of the first row (and every field named in
/// `headers`) mapped to its heading; nested objects keep their shape.
fn header_row(first: Option<&Json>, headers: &[(&str, &str)], fields: &[String]) -> Value {
    fn heading(key: &str, headers: &[(&str, &str)]) -> String {
        headers
            .iter()
            .find(|(k, _)| *k == key)
            .map_or_else(|| split_camel(key).to_uppercase(), |(_, h)| h.to_string())
    }
    fn walk(obj: &serde_json::Map<String, Json>, headers: &[(&str, &str)]) -> Json {
        Json::Object(
            obj.iter()
                .map(|(k, v)| {
                    let h = match v {
                        Json::Object(inner) => walk(inner, &[]),
                        _ => Json::String(heading(k, headers)),
                    };
                    (k.clone(), h)
                })
                .collect(),
        )
    }
    let mut map = match first {
        Some(Json::Object(o)) => match walk(o, headers) {
            Json::Object(m) => m,
            _ => serde_json::Map::new(),
        },
        _ => serde_json::Map::new(),
    };
    for k in headers
        .iter()
        .map(|(k, _)| *k)
        .chain(fields.iter().map(String::as_str))
    {
        map.entry(k.to_string())
            .or_insert_with(|| Json::String(heading(k, headers)));
    }
    value(&Json::Object(map))
}

/// The names after a `.` that starts a field chain in `template` (`ID` and `State` in
/// `{{.ID}} {{.State.Status}}`), read from the text: enough to name header columns.
fn fields(template: &str) -> Vec<String> {
    let b = template.as_bytes();
    let mut out: Vec<String> = Vec::new();
    for (i, _) in template.match_indices('.') {
        // `$x.F`, `a.b` and `.A.B`'s second dot do not start a chain.
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b"_$".contains(&b[i - 1])) {
            continue;
        }
        let name: String = template[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// `CreatedAt` as `Created At`, `ID` as `ID` (a run of capitals is one word).
fn split_camel(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let starts_word = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase()
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase())
                    && chars[i - 1].is_uppercase());
        if starts_word {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Tab-separated cells aligned as podman's tabwriter (minimum width 12, padding 2): within
/// each run of lines that have tabs, a column is as wide as its widest cell plus two; the
/// last cell of a line is not padded.
pub fn align(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].contains('\t') {
            out += lines[i];
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].contains('\t') {
            i += 1;
        }
        let block: Vec<Vec<&str>> = lines[start..i]
            .iter()
            .map(|l| l.trim_end_matches('\n').split('\t').collect())
            .collect();
        let mut widths: Vec<usize> = Vec::new();
        for cells in &block {
            for (c, cell) in cells[..cells.len() - 1].iter().enumerate() {
                let w = (cell.chars().count() + 2).max(12);
                match widths.get_mut(c) {
                    Some(old) => *old = (*old).max(w),
                    None => widths.push(w),
                }
            }
        }
        for (cells, line) in block.iter().zip(&lines[start..i]) {
            let last = cells.len() - 1;
            for (c, cell) in cells.iter().enumerate() {
                out += cell;
                if c < last {
                    let pad = widths[c] - cell.chars().count();
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            if line.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

fn string_arg(args: &[Value], i: usize) -> String {
    args.get(i).map(|v| v.to_string()).unwrap_or_default()
}

fn text(s: impl Into<Arc<str>>) -> Value {
    Value::String(s.into())
}

/// The functions podman's templates have beyond Go's builtins.
fn with_funcs(t: Template) -> Template {
    t.func("json", |args| {
        let v = args.first().map(to_json).unwrap_or(Json::Null);
        Ok(text(serde_json::to_string(&v).unwrap_or_default()))
    })
    .func("upper", |args| Ok(text(string_arg(args, 0).to_uppercase())))
    .func("lower", |args| Ok(text(string_arg(args, 0).to_lowercase())))
    .func("title", |args| {
        let s = string_arg(args, 0);
        let mut out = String::with_capacity(s.len());
        let mut start = true;
        for c in s.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            start = c.is_whitespace();
        }
        Ok(text(out))
    })
    .func("join", |args| {
        let sep = string_arg(args, 1);
        let joined = match args.first() {
            Some(Value::List(items)) => items
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(&sep),
            Some(v) => v.to_string(),
            None => String::new(),
        };
        Ok(text(joined))
    })
    .func("split", |args| {
        let (s, sep) = (string_arg(args, 0), string_arg(args, 1));
        Ok(Value::List(s.split(sep.as_str()).map(text).collect()))
    })
    .func("pad", |args| {
        let n = |i: usize| args.get(i).and_then(Value::as_int).unwrap_or(0).max(0) as usize;
        let s = string_arg(args, 0);
        Ok(text(format!("{}{s}{}", " ".repeat(n(1)), " ".repeat(n(2)))))
    })
    .func("truncate", |args| {
        let n = args.get(1).and_then(Value::as_int).unwrap_or(0).max(0) as usize;
        Ok(text(
            string_arg(args, 0).chars().take(n).collect::<String>(),
        ))
    })
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
