//! Digests as OCI writes them (`sha256:<hex>`): the one place that hashes bytes and spells
//! the result.

use sha2::{Digest, Sha256};

/// Lower-case hex of some bytes (a hash's output).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sha256 of `data`, in hex.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// `sha256:<hex>` of `data`.
pub fn digest_of(data: &[u8]) -> String {
    format!("sha256:{}", sha256_hex(data))
}

/// The hex part of `sha256:<hex>` (a bare hex stays as it is).
pub fn hex_of(digest: &str) -> &str {
    digest.strip_prefix("sha256:").unwrap_or(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_input_has_the_well_known_digest() {
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(sha256_hex(b""), empty);
        assert_eq!(digest_of(b""), format!("sha256:{empty}"));
        assert_eq!(hex_of(&digest_of(b"")), empty);
        assert_eq!(hex_of("ab"), "ab");
        assert_eq!(hex(&[0, 0xab, 0xff]), "00abff");
    }
}
