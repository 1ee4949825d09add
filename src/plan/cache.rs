//! The form of nook's cache entries (the compiled seccomp program, slirp4netns's features):
//! three header lines naming the format, the entry's key and the sha256 of its content, then
//! the content. An entry is used only when all three match: anything else (a write cut
//! short, another key's entry, an older format, a file put there by someone else) is
//! compiled or probed again and overwritten. The hash finds damage, not forgery: what keeps
//! a container from writing an entry is where it is kept (host::cache).

use crate::plan::digest::sha256_hex;

const MAGIC: &[u8] = b"nook-cache 1";

/// Why an entry is not used (for tests and debugging; the caller only rebuilds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// Not in this format (an older nook's raw entry, or garbage).
    Format,
    /// An entry for another key.
    Key,
    /// The content does not hash to the recorded sha256.
    Hash,
}

/// The key as written in the header: a JSON string, so any key fits on one line.
fn key_line(key: &str) -> Vec<u8> {
    let mut line = b"key ".to_vec();
    line.extend_from_slice(
        serde_json::to_string(key)
            .unwrap_or_else(|_| "\"\"".into())
            .as_bytes(),
    );
    line
}

/// The entry that holds `content` for `key`.
pub fn encode(key: &str, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + key.len() + 96);
    out.extend_from_slice(MAGIC);
    out.push(b'\n');
    out.extend_from_slice(&key_line(key));
    out.push(b'\n');
    out.extend_from_slice(b"sha256 ");
    out.extend_from_slice(sha256_hex(content).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(content);
    out
}

/// The content of `entry` if it is an intact entry for `key`.
pub fn decode<'a>(key: &str, entry: &'a [u8]) -> Result<&'a [u8], Invalid> {
    let mut rest = entry;
    let mut line = || -> Result<&'a [u8], Invalid> {
        let end = rest
            .iter()
            .position(|b| *b == b'\n')
            .ok_or(Invalid::Format)?;
        let (l, r) = (&rest[..end], &rest[end + 1..]);
        rest = r;
        Ok(l)
    };
    if line()? != MAGIC {
        return Err(Invalid::Format);
    }
    let k = line()?;
    if !k.starts_with(b"key ") {
        return Err(Invalid::Format);
    }
    let h = line()?.strip_prefix(b"sha256 ").ok_or(Invalid::Format)?;
    if k != key_line(key).as_slice() {
        return Err(Invalid::Key);
    }
    if h != sha256_hex(rest).as_bytes() {
        return Err(Invalid::Hash);
    }
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_round_trips() {
        for (key, content) in [
            ("0123abcd", &b"\x06\0\0\0\0\0\xff\x7f"[..]),
            ("/usr/bin/slirp4netns:1234:5678", b"{\"sandbox\":true}"),
            ("", b""),
            ("a key\nwith \"odd\" bytes", b"content\nover\nlines\n"),
        ] {
            let e = encode(key, content);
            assert_eq!(decode(key, &e), Ok(content), "{key:?}");
        }
    }

    #[test]
    fn the_header_is_three_lines() {
        let e = encode("k", b"body");
        let text = String::from_utf8(e).unwrap();
        let lines: Vec<&str> = text.splitn(4, '\n').collect();
        assert_eq!(lines[0], "nook-cache 1");
        assert_eq!(lines[1], "key \"k\"");
        assert_eq!(lines[2], format!("sha256 {}", sha256_hex(b"body")));
        assert_eq!(lines[3], "body");
    }

    #[test]
    fn anything_but_an_intact_entry_of_the_key_is_refused() {
        let good = encode("key", b"the content");
        assert_eq!(decode("other", &good), Err(Invalid::Key));
        // Changed content, with the header kept: the hash no longer matches.
        let mut changed = good.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert_eq!(decode("key", &changed), Err(Invalid::Hash));
        let mut longer = good.clone();
        longer.extend_from_slice(b"more");
        assert_eq!(decode("key", &longer), Err(Invalid::Hash));
        assert_eq!(decode("key", &good[..good.len() - 1]), Err(Invalid::Hash));
        // Cut in its header, an older nook's raw program or JSON, garbage, nothing.
        let header_end = good.len() - b"the content".len();
        for cut in [0, 5, 13, 20, header_end - 1] {
            assert_eq!(decode("key", &good[..cut]), Err(Invalid::Format), "{cut}");
        }
        for raw in [
            &b"\x06\0\0\0\0\0\xff\x7f"[..],
            b"{\"key\":\"key\",\"features\":{\"sandbox\":false,\"seccomp\":false}}",
            b"nook-cache 2\nkey \"key\"\nsha256 00\nx",
            b"nook-cache 1\nkey\"key\"\nsha256 00\nx",
            b"nook-cache 1\nkey \"key\"\nsha512 00\nx",
            b"",
        ] {
            assert_eq!(decode("key", raw), Err(Invalid::Format), "{raw:?}");
        }
        // The hash of other content, or in capitals, is not the hash.
        let forged = [&good[..header_end], &b"\x06\0\0\0\0\0\xff\x7f"[..]].concat();
        assert_eq!(decode("key", &forged), Err(Invalid::Hash));
        let upper = String::from_utf8(good.clone()).unwrap().replacen(
            &sha256_hex(b"the content"),
            &sha256_hex(b"the content").to_uppercase(),
            1,
        );
        assert_eq!(decode("key", upper.as_bytes()), Err(Invalid::Hash));
    }
}
