//! ADD of a URL, the decisions: what is a URL, the file name it makes (the last segment of
//! its path, as docker names it), and `--checksum=sha256:HEX`.

/// Seconds an ADD download may wait to connect, or for the next bytes once connected
/// (podman has no such limit: a server that never answers hangs its build).
pub const TIMEOUT_SECS: u64 = 30;

/// The one line a failed download says: the URL, what went wrong, the timeout when that
/// was it.
pub fn failure(url: &str, error: &str) -> String {
    match error.contains("timeout") || error.contains("timed out") {
        true => format!(
            "ADD {url}: no answer within {TIMEOUT_SECS} s ({error}): check that the server is up, or download the file into the context and ADD it from there"
        ),
        false => format!("ADD {url}: {error}: check the URL"),
    }
}

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
    fn a_timeout_names_the_url_and_the_limit() {
        let m = failure("http://h/x", "timeout: per read");
        assert!(
            m.starts_with("ADD http://h/x: no answer within 30 s"),
            "{m}"
        );
        assert!(!m.contains('\n'));
        assert_eq!(
            failure("http://h/x", "404"),
            "ADD http://h/x: 404: check the URL"
        );
    }

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
