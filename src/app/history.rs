//! `nook image history`: an image's history entries, newest first, as podman prints them
//! (the image ID on the top row, `<missing>` below; each layer's size on the entry that
//! made it).

use crate::cli::HistoryArgs;
use crate::error::{Error, Result};
use crate::plan::units::decimal;
use crate::store::Store;
use crate::store::index::parse_rfc3339;

use super::output::{ago, json, now, print, table};

pub fn history(args: &HistoryArgs) -> Result<u8> {
    let store = Store::open()?;
    let index = store.read_index()?;
    let found = index
        .find(&args.image)
        .or_else(|| {
            let local = super::build::local_name(&args.image).ok()?;
            index.find(&local.to_string())
        })
        .ok_or_else(|| Error::Usage(format!("image {} not found: see nook images", args.image)))?;
    let img = &index.images[found.position()];
    let config: serde_json::Value = serde_json::from_slice(&store.read_blob(&img.config_digest())?)
        .map_err(|e| Error::Usage(format!("image {} has a corrupt config: {e}", args.image)))?;
    let entries = config["history"].as_array().cloned().unwrap_or_default();
    let mut layers = img.layers.iter();
    // (created, created_by, size, comment), oldest first.
    let mut rows: Vec<(String, String, u64, String)> = Vec::new();
    for h in &entries {
        let empty = h["empty_layer"].as_bool().unwrap_or(false);
        let size = match empty {
            true => 0,
            false => layers.next().map_or(0, |l| l.size),
        };
        rows.push((
            h["created"].as_str().unwrap_or("").to_string(),
            h["created_by"].as_str().unwrap_or("").to_string(),
            size,
            h["comment"].as_str().unwrap_or("").to_string(),
        ));
    }
    if entries.is_empty() {
        for l in &img.layers {
            rows.push((String::new(), String::new(), l.size, String::new()));
        }
    }
    rows.reverse();
    let id = |i: usize| match (i, args.no_trunc) {
        (0, true) => img.id.clone(),
        (0, false) => img.id[..12].to_string(),
        _ => "<missing>".to_string(),
    };
    if args.quiet {
        let text: String = (0..rows.len()).map(|i| format!("{}\n", id(i))).collect();
        return print(&text);
    }
    if args.format.as_deref() == Some("json") {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .enumerate()
            .map(|(i, (created, by, size, comment))| {
                serde_json::json!({"id": id(i), "created": created, "createdBy": by, "size": size, "comment": comment})
            })
            .collect();
        return print(&format!("{}\n", json(&list)));
    }
    let t = now();
    let mut table_rows = vec![[
        "ID".to_string(),
        "CREATED".into(),
        "CREATED BY".into(),
        "SIZE".into(),
        "COMMENT".into(),
    ]];
    for (i, (created, by, size, comment)) in rows.iter().enumerate() {
        let when = parse_rfc3339(created).map_or_else(String::new, |c| ago(c, t));
        let by = match (args.no_trunc, by.chars().count() > 45) {
            (false, true) => format!("{}...", by.chars().take(42).collect::<String>()),
            _ => by.clone(),
        };
        table_rows.push([id(i), when, by, decimal(*size), comment.clone()]);
    }
    print(&table(&table_rows))
}
