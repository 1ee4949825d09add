//! `build --squash` and `--squash-all`: which layers are squashed into one, and the history
//! the image keeps, as buildah writes it (`--squash-all` clears the history and adds one
//! entry for the one layer; `--squash` keeps the base's entries and adds one for the new
//! layer). The entry's `created_by` is the last step's.

use serde_json::{Value, json};

/// How the final stage's layers are squashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Squash {
    /// The stage's new layers into one, on top of the base's.
    New,
    /// The whole image into one layer.
    All,
}

/// `--squash` and `--squash-all` as a mode: none, one, or podman's refusal of both.
pub fn mode(squash: bool, squash_all: bool) -> Result<Option<Squash>, String> {
    match (squash, squash_all) {
        (true, true) => Err("cannot specify --squash-all with --squash".into()),
        (false, true) => Ok(Some(Squash::All)),
        (true, false) => Ok(Some(Squash::New)),
        (false, false) => Ok(None),
    }
}

/// The layers kept as they are (the first ones) and whether the rest need writing as one:
/// false when there is nothing to write (no layer, or the rest is one layer already).
pub fn split(how: Squash, layers: usize, base_layers: usize) -> (usize, bool) {
    let keep = match how {
        Squash::All => 0,
        Squash::New => base_layers.min(layers),
    };
    (keep, layers - keep > 1)
}

/// The history of the squashed image: `history` is the stage's (the base's first
/// `base_history` entries, then the stage's own), `layer` whether the image has a squashed
/// layer at the end (false: no new layer at all), `created` the image's time.
pub fn history(
    how: Squash,
    history: &[Value],
    base_history: usize,
    layer: bool,
    created: &str,
) -> Vec<Value> {
    let base = base_history.min(history.len());
    let mut out: Vec<Value> = match how {
        Squash::All => Vec::new(),
        Squash::New => history[..base].to_vec(),
    };
    let own = &history[base..];
    let by = own
        .last()
        .or(history.last())
        .and_then(|h| h["created_by"].as_str())
        .unwrap_or("");
    let mut h = json!({"created": created, "created_by": by});
    if !layer {
        h["empty_layer"] = json!(true);
    }
    if layer || !own.is_empty() {
        out.push(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_and_squash_all_conflict_as_in_podman() {
        assert_eq!(mode(false, false), Ok(None));
        assert_eq!(mode(true, false), Ok(Some(Squash::New)));
        assert_eq!(mode(false, true), Ok(Some(Squash::All)));
        assert_eq!(
            mode(true, true),
            Err("cannot specify --squash-all with --squash".into())
        );
    }

    fn entries() -> Vec<Value> {
        vec![
            json!({"created": "t0", "created_by": "base"}),
            json!({"created": "t1", "created_by": "RUN a"}),
            json!({"created": "t1", "created_by": "ENV x=1", "empty_layer": true}),
            json!({"created": "t2", "created_by": "RUN rm a"}),
            json!({"created": "t2", "created_by": "CMD x", "empty_layer": true}),
        ]
    }

    #[test]
    fn squash_keeps_the_base_layers() {
        assert_eq!(split(Squash::New, 5, 2), (2, true));
        assert_eq!(split(Squash::New, 3, 2), (2, false));
        assert_eq!(split(Squash::New, 2, 2), (2, false));
        assert_eq!(split(Squash::All, 5, 2), (0, true));
        assert_eq!(split(Squash::All, 1, 1), (0, false));
        assert_eq!(split(Squash::All, 0, 0), (0, false));
    }

    #[test]
    fn squash_history_is_the_base_and_one_entry() {
        let h = history(Squash::New, &entries(), 1, true, "t9");
        assert_eq!(
            h,
            vec![
                json!({"created": "t0", "created_by": "base"}),
                json!({"created": "t9", "created_by": "CMD x"}),
            ]
        );
        let none = history(Squash::New, &entries()[..1], 1, false, "t9");
        assert_eq!(none, vec![json!({"created": "t0", "created_by": "base"})]);
    }

    #[test]
    fn squash_all_history_is_one_entry() {
        let h = history(Squash::All, &entries(), 1, true, "t9");
        assert_eq!(h, vec![json!({"created": "t9", "created_by": "CMD x"})]);
        let only_base = history(Squash::All, &entries()[..1], 1, true, "t9");
        assert_eq!(
            only_base,
            vec![json!({"created": "t9", "created_by": "base"})]
        );
    }
}
