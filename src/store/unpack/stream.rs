//! The layer stream: gzip, zstd and plain tar told apart by their magic bytes, decompressed
//! and hashed on a thread of its own, and read back in chunks by the extracting one.

use std::io::{self, BufRead, BufReader, Read};

use sha2::{Digest, Sha256};

use super::hex;

/// Wrap `r` in the decompressor its first bytes call for.
pub fn decompress<'a>(mut r: impl BufRead + 'a) -> io::Result<Box<dyn Read + 'a>> {
    // A pipe (a layer streaming in) may give fewer bytes than a magic number at first: gather
    // four, then read them again ahead of the rest.
    let mut head = Vec::with_capacity(4);
    while head.len() < 4 {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let n = buf.len().min(4 - head.len());
        head.extend_from_slice(&buf[..n]);
        r.consume(n);
    }
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    let zstd = head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
    let r = io::Cursor::new(head).chain(r);
    if gzip {
        Ok(Box::new(flate2::bufread::MultiGzDecoder::new(r)))
    } else if zstd {
        Ok(Box::new(zstd::stream::read::Decoder::with_buffer(r)?))
    } else {
        Ok(Box::new(r))
    }
}

/// Bytes of uncompressed tar handed from the decompressing thread to the extracting one at
/// a time, and how many such chunks may wait (bounds the memory in flight to a few MB).
const CHUNK: usize = 1 << 18;
pub(super) const CHUNKS_AHEAD: usize = 16;

/// The reading end of the decompressing thread: chunks of the uncompressed stream.
pub(super) struct Chunks {
    pub(super) rx: std::sync::mpsc::Receiver<io::Result<Vec<u8>>>,
    pub(super) cur: Vec<u8>,
    pub(super) pos: usize,
}

impl Read for Chunks {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.cur.len() {
            match self.rx.recv() {
                Ok(Ok(chunk)) => {
                    self.cur = chunk;
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(_) => return Ok(0), // the thread is done: end of stream
            }
        }
        let n = buf.len().min(self.cur.len() - self.pos);
        buf[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Decompress and hash `blob` to its end, sending the uncompressed bytes in chunks; returns
/// the `sha256:` of all of them (the diff_id). Stops early when the receiver is gone.
pub(super) fn decompress_into(
    blob: impl Read,
    tx: std::sync::mpsc::SyncSender<io::Result<Vec<u8>>>,
) -> Option<String> {
    let mut reader = match decompress(BufReader::with_capacity(1 << 18, blob)) {
        Ok(r) => r,
        Err(e) => {
            let _ = tx.send(Err(e));
            return None;
        }
    };
    let mut hash = Sha256::new();
    loop {
        let mut chunk = vec![0u8; CHUNK];
        let mut len = 0;
        while len < CHUNK {
            match reader.read(&mut chunk[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return None;
                }
            }
        }
        if len == 0 {
            return Some(format!("sha256:{}", hex(&hash.finalize())));
        }
        chunk.truncate(len);
        hash.update(&chunk);
        if tx.send(Ok(chunk)).is_err() {
            return None;
        }
    }
}
