//! PURE: the order of `nook images` rows (one per name of each image), podman's `--sort`.

use std::cmp::Ordering;

/// `--sort created|id|repository|size|tag` (podman's keys; `created`, newest first, is the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Created,
    Id,
    Repository,
    Size,
    Tag,
}

impl SortKey {
    pub fn parse(text: &str) -> Result<SortKey, String> {
        Ok(match text {
            "" | "created" => SortKey::Created,
            "id" => SortKey::Id,
            "repository" => SortKey::Repository,
            "size" => SortKey::Size,
            "tag" => SortKey::Tag,
            other => {
                return Err(format!(
                    "\"{other}\" is not a valid option for --sort: use created, id, repository, size or tag"
                ));
            }
        })
    }
}

/// What a row is sorted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowKey<'a> {
    pub id: &'a str,
    pub repository: &'a str,
    pub tag: &'a str,
    /// Seconds since the epoch.
    pub created: i64,
    pub size: u64,
}

/// podman's order for `key`: created newest first, the others ascending; ties by repository
/// then tag, so the listing is stable from one call to the next.
pub fn compare(key: SortKey, a: &RowKey, b: &RowKey) -> Ordering {
    let names = |a: &RowKey, b: &RowKey| (a.repository, a.tag).cmp(&(b.repository, b.tag));
    let first = match key {
        SortKey::Created => b.created.cmp(&a.created),
        SortKey::Id => a.id.cmp(b.id),
        SortKey::Repository => Ordering::Equal,
        SortKey::Size => a.size.cmp(&b.size),
        SortKey::Tag => a.tag.cmp(b.tag),
    };
    first.then_with(|| names(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(id: &'a str, repository: &'a str, tag: &'a str, created: i64) -> RowKey<'a> {
        RowKey {
            id,
            repository,
            tag,
            created,
            size: created as u64,
        }
    }

    fn sorted(key: SortKey, rows: &[RowKey]) -> Vec<String> {
        let mut rows = rows.to_vec();
        rows.sort_by(|a, b| compare(key, a, b));
        rows.iter()
            .map(|r| format!("{}:{}", r.repository, r.tag))
            .collect()
    }

    #[test]
    fn podmans_keys_and_orders() {
        // podman issue 23803: by repository, then by tag.
        let rows = [
            row("b", "reg/x", "1", 1),
            row("b", "reg/x", "3", 1),
            row("b", "reg/x", "2", 1),
            row("a", "reg/a", "a", 3),
            row("c", "zzz/y", "latest", 2),
        ];
        assert_eq!(
            sorted(SortKey::Repository, &rows),
            ["reg/a:a", "reg/x:1", "reg/x:2", "reg/x:3", "zzz/y:latest"]
        );
        assert_eq!(
            sorted(SortKey::Created, &rows),
            ["reg/a:a", "zzz/y:latest", "reg/x:1", "reg/x:2", "reg/x:3"]
        );
        assert_eq!(
            sorted(SortKey::Size, &rows),
            ["reg/x:1", "reg/x:2", "reg/x:3", "zzz/y:latest", "reg/a:a"]
        );
        assert_eq!(sorted(SortKey::Id, &rows)[0], "reg/a:a");
        assert_eq!(sorted(SortKey::Tag, &rows)[0], "reg/x:1");
        assert_eq!(SortKey::parse("repository"), Ok(SortKey::Repository));
        assert_eq!(SortKey::parse(""), Ok(SortKey::Created));
        let e = SortKey::parse("name").unwrap_err();
        assert!(e.contains("--sort") && e.contains("repository"), "{e}");
    }
}
