//! Misbehaving registries for `tests/registry.rs`: a small HTTP/1.1 server on 127.0.0.1 (a
//! thread per connection, one request per connection) that serves an image from an OCI layout
//! (manifest, config, layers; `Range` honoured) and then stalls where asked, a Bearer-token
//! variant, and the token service it names. Every request is recorded. Each server stops by
//! itself: when dropped, or after `LIFETIME` at the latest; a stalled connection is held
//! silent for at most `SILENCE`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LIFETIME: Duration = Duration::from_secs(240);
const SILENCE: Duration = Duration::from_secs(60);

/// What one request asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub range: Option<String>,
    pub authorization: Option<String>,
}

/// How the registry misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stall {
    /// Serves everything.
    None,
    /// The manifest's headers, then nothing.
    ManifestHeaders,
    /// The victim blob's headers, then nothing.
    BlobHeaders,
    /// The first half of the victim blob, then nothing (a resumed request: the rest of the
    /// first half, or nothing at all).
    BlobHalf,
    /// The victim blob one byte at a time, with this pause between bytes.
    BlobTrickle(Duration),
}

type Handler = dyn Fn(&Request, &mut TcpStream, &AtomicBool) + Send + Sync;

/// A server on 127.0.0.1; stops when dropped.
pub struct Server {
    pub addr: String,
    log: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start(handler: Arc<Handler>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("address").to_string();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log2, stop2) = (log.clone(), stop.clone());
        std::thread::spawn(move || {
            let end = Instant::now() + LIFETIME;
            while !stop2.load(Ordering::SeqCst) && Instant::now() < end {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (log, stop, handler) = (log2.clone(), stop2.clone(), handler.clone());
                        std::thread::spawn(move || connection(stream, &log, &stop, &*handler));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Server { addr, log, stop }
    }

    /// The requests so far.
    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn connection(mut s: TcpStream, log: &Mutex<Vec<Request>>, stop: &AtomicBool, handler: &Handler) {
    let _ = s.set_nonblocking(false);
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = s.set_write_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 << 10 {
        match s.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
        if !head[0].is_ascii_uppercase() {
            // Not HTTP (a TLS handshake): answer as a plain HTTP server does.
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            return;
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let path = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .unwrap_or("")
        .to_string();
    let header = |name: &str| {
        text.split("\r\n").skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let req = Request {
        path,
        range: header("range"),
        authorization: header("authorization"),
    };
    log.lock().unwrap().push(req.clone());
    handler(&req, &mut s, stop);
}

/// Writes status and headers (`Connection: close`: one request per connection).
fn head(s: &mut TcpStream, status: &str, headers: &[(&str, String)]) -> bool {
    let mut text = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    s.write_all(text.as_bytes()).is_ok()
}

fn answer(s: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut all = headers.to_vec();
    all.push(("Content-Length", body.len().to_string()));
    if head(s, status, &all) {
        let _ = s.write_all(body);
    }
}

/// Holds the connection open and silent, until the server stops or `SILENCE` passes.
fn silence(stop: &AtomicBool) {
    let end = Instant::now() + SILENCE;
    while !stop.load(Ordering::SeqCst) && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The image the fake registries serve: an OCI layout's blobs, its manifest, and the blob
/// that misbehaves.
#[derive(Clone)]
pub struct Image {
    pub blobs: PathBuf,
    pub manifest: String,
    pub victim: String,
}

impl Image {
    fn blob(&self, digest: &str) -> Option<Vec<u8>> {
        let hex = digest.strip_prefix("sha256:")?;
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        std::fs::read(self.blobs.join(hex)).ok()
    }
}

/// The first byte of a `Range: bytes=N-` header.
fn range_start(range: Option<&str>) -> Option<usize> {
    range?
        .strip_prefix("bytes=")?
        .strip_suffix('-')?
        .parse()
        .ok()
}

/// Serves `/v2/`, manifests (any repository, any tag, or the manifest's digest) and blobs.
fn serve_image(image: &Image, stall: Stall, req: &Request, s: &mut TcpStream, stop: &AtomicBool) {
    let p = req.path.as_str();
    if p == "/v2/" {
        return answer(s, "200 OK", &[], b"{}");
    }
    if p.contains("/manifests/") {
        let body = image.blob(&image.manifest).expect("the layout's manifest");
        let media: serde_json::Value = serde_json::from_slice(&body).expect("manifest JSON");
        let headers = [
            (
                "Content-Type",
                media["mediaType"].as_str().unwrap_or("").to_string(),
            ),
            ("Docker-Content-Digest", image.manifest.clone()),
            ("Content-Length", body.len().to_string()),
        ];
        if head(s, "200 OK", &headers) {
            if stall == Stall::ManifestHeaders {
                return silence(stop);
            }
            let _ = s.write_all(&body);
        }
        return;
    }
    let Some(digest) = p.split("/blobs/").nth(1) else {
        return answer(s, "404 Not Found", &[], b"");
    };
    let Some(data) = image.blob(digest) else {
        return answer(s, "404 Not Found", &[], b"");
    };
    let start = range_start(req.range.as_deref())
        .unwrap_or(0)
        .min(data.len());
    let (status, mut headers) = if req.range.is_some() {
        let range = format!("bytes {start}-{}/{}", data.len().max(1) - 1, data.len());
        ("206 Partial Content", vec![("Content-Range", range)])
    } else {
        ("200 OK", Vec::new())
    };
    headers.push(("Content-Length", (data.len() - start).to_string()));
    if !head(s, status, &headers) {
        return;
    }
    let rest = &data[start..];
    match stall {
        _ if digest != image.victim => {
            let _ = s.write_all(rest);
        }
        Stall::BlobHeaders => silence(stop),
        Stall::BlobHalf => {
            let half = (data.len() / 2).saturating_sub(start);
            let _ = s.write_all(&rest[..half.min(rest.len())]);
            let _ = s.flush();
            silence(stop);
        }
        Stall::BlobTrickle(pause) => {
            for b in rest {
                if stop.load(Ordering::SeqCst) || s.write_all(&[*b]).is_err() {
                    return;
                }
                std::thread::sleep(pause);
            }
        }
        Stall::None | Stall::ManifestHeaders => {
            let _ = s.write_all(rest);
        }
    }
}

/// A registry serving `image`, misbehaving as `stall` says.
pub fn registry(image: Image, stall: Stall) -> Server {
    Server::start(Arc::new(
        move |req: &Request, s: &mut TcpStream, stop: &AtomicBool| {
            serve_image(&image, stall, req, s, stop)
        },
    ))
}

/// The token the token service gives everyone, and the registry wants.
const TOKEN: &str = "fake-token";

/// A token service on its own port: gives `TOKEN` to anyone at `/token`.
pub fn token_service() -> Server {
    Server::start(Arc::new(
        |req: &Request, s: &mut TcpStream, _: &AtomicBool| {
            if req.path.starts_with("/token") {
                let body = format!(r#"{{"token":"{TOKEN}"}}"#);
                answer(
                    s,
                    "200 OK",
                    &[("Content-Type", "application/json".into())],
                    body.as_bytes(),
                );
            } else {
                answer(s, "404 Not Found", &[], b"");
            }
        },
    ))
}

/// A registry serving `image` to holders of the token from `realm`, and a Bearer challenge
/// naming `realm` to everyone else.
pub fn token_registry(image: Image, realm: String) -> Server {
    Server::start(Arc::new(
        move |req: &Request, s: &mut TcpStream, stop: &AtomicBool| {
            if req.authorization.as_deref() != Some(&format!("Bearer {TOKEN}")) {
                let challenge = format!(r#"Bearer realm="{realm}",service="fake""#);
                return answer(
                    s,
                    "401 Unauthorized",
                    &[("WWW-Authenticate", challenge)],
                    b"",
                );
            }
            serve_image(&image, Stall::None, req, s, stop)
        },
    ))
}
