//! ADD of a URL, the decisions: what is a URL, the file name it makes (the last segment of
//! its path, as docker names it), and `--checksum=sha256:HEX`.

/// Whether an ADD source is a URL nook fetches (http or https).
pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// The file a URL makes: the last segment of its path (query and fragment left out).
pub fn file_name(url: &str) -> Result<String, String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let name = path
        .split_once('/')
        .map_or("", |(_, p)| p)
        .rsplit('/')
        .next()
        .unwrap_or("");
    match name {
        "" | "." | ".." => Err(format!(
            "ADD {url}: the URL names no file: give a destination file name, not a directory"
        )),
        n => Ok(n.to_string()),
    }
}

/// `--checksum=sha256:HEX`: the hex digest to verify.
pub fn checksum(value: &str) -> Result<String, String> {
    match value.strip_prefix("sha256:") {
        Some(h) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
            Ok(h.to_ascii_lowercase())
        }
        _ => Err(format!(
            "ADD --checksum={value}: use --checksum=sha256:<64 hex digits>"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_file() {
        assert!(is_url("https://x/y") && is_url("http://x") && !is_url("ftp://x"));
        assert_eq!(
            file_name("https://h/a/b/app.tar.gz?x=1#f").unwrap(),
            "app.tar.gz"
        );
        assert_eq!(file_name("http://h:8000/f").unwrap(), "f");
        assert!(file_name("http://h/").is_err());
        assert!(file_name("http://h").is_err());
        assert!(file_name("http://h/a/..").is_err());
    }

    #[test]
    fn checksums_are_sha256() {
        let h = "A".repeat(64);
        assert_eq!(checksum(&format!("sha256:{h}")).unwrap(), "a".repeat(64));
        for bad in ["sha256:ab", "md5:00", &"b".repeat(64)] {
            assert!(
                checksum(bad).unwrap_err().contains("sha256:<64 hex"),
                "{bad}"
            );
        }
    }
}
