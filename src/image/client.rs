//! HTTP to one registry: the /v2/ ping, auth (anonymous, basic, Bearer tokens cached per
//! scope; credentials only to a safe token service), plain HTTP only when insecure, retries
//! with backoff on transient failures, and an idle limit on every read (`idle.rs`).

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::http::response::Parts;
use ureq::http::{Response, StatusCode};
use ureq::tls::TlsConfig;
use ureq::{Agent, Body};

use super::ImageError;
use super::auth::{Challenge, Credentials, parse_challenge, realm_may_get_credentials};
use super::idle::{self, Window};

/// Attempts for one request when the failure looks transient (5xx, 429, reset, timeout).
const ATTEMPTS: u32 = 4;

pub struct Client {
    agent: Agent,
    /// `https://HOST` or `http://HOST`.
    base: String,
    /// The registry as the user named it (for messages).
    pub registry: String,
    /// Marked insecure (`--tls-verify=false`, registries.conf).
    insecure: bool,
    /// How long a read may bring less than `idle::MIN_PROGRESS` bytes (`NOOK_NETWORK_TIMEOUT`).
    limit: Duration,
    creds: Option<Credentials>,
    challenge: Option<Challenge>,
    tokens: Mutex<HashMap<String, String>>,
}

/// The HTTP agent. `limit` bounds each socket read and write, and the wait for response
/// headers; a trickle within it is caught by `Watched` on the body.
fn agent(insecure: bool, limit: Duration, registry: &str) -> Agent {
    let mut tls = TlsConfig::builder().disable_verification(insecure);
    // A registry of a private CA: its certificates (`--cert-dir`, certs.d) are the roots.
    let cas: Vec<ureq::tls::Certificate<'static>> = super::config::ca_certs(registry)
        .iter()
        .flat_map(|pem| ureq::tls::parse_pem(pem).collect::<Vec<_>>())
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    if !cas.is_empty() {
        tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(&cas));
    }
    let tls = tls.build();
    Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(tls)
        .max_redirects(5)
        // Authorization goes along only to the same host (blob redirects to a CDN or S3 carry
        // their own signature and must not see the registry's token).
        .redirect_auth_headers(ureq::config::RedirectAuthHeaders::SameHost)
        .timeout_connect(Some(Duration::from_secs(15)))
        .timeout_recv_response(Some(limit))
        .timeout_per_read(Some(limit))
        .timeout_per_write(Some(limit))
        .user_agent(concat!("nook/", env!("CARGO_PKG_VERSION")))
        .build()
        .new_agent()
}

/// Whether an error is worth another attempt.
fn transient(e: &ureq::Error) -> bool {
    use std::io::ErrorKind::*;
    match e {
        // Not InvalidData: a TLS handshake with a plain HTTP server will not get better.
        ureq::Error::Io(io) => matches!(
            io.kind(),
            ConnectionReset
                | ConnectionAborted
                | ConnectionRefused
                | BrokenPipe
                | UnexpectedEof
                | TimedOut
                | Interrupted
        ),
        ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed | ureq::Error::Protocol(_) => true,
        _ => false,
    }
}

fn backoff(attempt: u32) {
    std::thread::sleep(idle::backoff(attempt));
}

/// Whether a request failed because the registry stopped sending (or reading) within the
/// limit, rather than refusing or breaking the connection.
fn stalled(e: &ureq::Error) -> bool {
    use ureq::Timeout::*;
    match e {
        ureq::Error::Timeout(t) => matches!(
            t,
            PerRead | PerWrite | SendRequest | SendBody | RecvResponse | RecvBody
        ),
        ureq::Error::Io(io) => io.kind() == std::io::ErrorKind::TimedOut,
        _ => false,
    }
}

/// Whether a body read failed because the registry stopped sending: the idle limit of the
/// socket (ureq's error inside), or `Watched`'s window.
pub fn body_stalled(e: &std::io::Error) -> bool {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
    {
        Some(u) => stalled(u),
        None => e.kind() == std::io::ErrorKind::TimedOut,
    }
}

/// Whether a body read that failed is worth another attempt: not when the body was larger
/// than allowed, which another attempt will not change.
fn body_retryable(e: &std::io::Error) -> bool {
    !matches!(
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<ureq::Error>()),
        Some(ureq::Error::BodyExceedsLimit(_))
    )
}

/// A response body read through the idle limit: fails with `TimedOut` once the registry has
/// sent fewer than `idle::MIN_PROGRESS` bytes while the reads waited for the limit (a read
/// that waits the whole limit for nothing fails in ureq itself).
pub struct Watched<R> {
    inner: R,
    window: Window,
    stalled: bool,
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.stalled {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the registry sends too little to make progress",
            ));
        }
        let start = Instant::now();
        let n = self.inner.read(buf)?;
        // The bytes of the read that filled the window are still given; the next read fails.
        self.stalled = self.window.record(n, start.elapsed());
        Ok(n)
    }
}

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Client {
    /// Connects to `registry` (host[:port]) and learns how it authenticates. Over HTTPS; when
    /// `insecure`, certificates are not verified and plain HTTP is tried if HTTPS fails.
    pub fn connect(
        registry: &str,
        api_host: &str,
        insecure: bool,
        creds: Option<Credentials>,
    ) -> Result<Client, ImageError> {
        let limit = idle::parse_limit(
            std::env::var_os(idle::ENV)
                .map(|v| v.to_string_lossy().into_owned())
                .as_deref(),
        )
        .map_err(ImageError::Invalid)?;
        let mut client = Client {
            agent: agent(insecure, limit, registry),
            base: format!("https://{api_host}"),
            registry: registry.to_string(),
            insecure,
            limit,
            creds,
            challenge: None,
            tokens: Mutex::new(HashMap::new()),
        };
        let resp = match client.send(|a| a.get(format!("{}/v2/", client.base)).call()) {
            Ok(r) => r,
            Err(_) if insecure => {
                client.base = format!("http://{api_host}");
                client
                    .send(|a| a.get(format!("{}/v2/", client.base)).call())
                    .map_err(|e| {
                        if stalled(&e) {
                            client.stall("GET /v2/", ATTEMPTS)
                        } else {
                            ImageError::Network(format!("cannot reach registry {registry}: {e}"))
                        }
                    })?
            }
            Err(e) if stalled(&e) => return Err(client.stall("GET /v2/", ATTEMPTS)),
            Err(e) => {
                return Err(ImageError::Network(format!(
                    "cannot reach registry {registry} over HTTPS: {e}; if it serves plain HTTP, use --tls-verify=false or set insecure = true for it in registries.conf"
                )));
            }
        };
        if resp.status() == StatusCode::UNAUTHORIZED {
            let header = resp
                .headers()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            client.challenge = Some(parse_challenge(header).ok_or_else(|| {
                ImageError::Registry(format!("registry {registry} asks for an authentication nook does not support: {header:?}"))
            })?);
        } else if !resp.status().is_success() {
            return Err(ImageError::Registry(format!(
                "registry {registry} answered HTTP {} at /v2/: is it an OCI registry?",
                resp.status()
            )));
        }
        Ok(client)
    }

    /// A body reader under the idle limit.
    pub fn watch<R: Read>(&self, inner: R) -> Watched<R> {
        Watched {
            inner,
            window: Window::new(self.limit),
            stalled: false,
        }
    }

    /// The error for a transfer that stalled on each of `attempts` attempts.
    fn stall(&self, what: &str, attempts: u32) -> ImageError {
        ImageError::Network(idle::stalled(&self.registry, what, self.limit, attempts))
    }

    /// The error for a body read that failed on the last of `attempts` attempts.
    pub fn broke(&self, what: &str, e: &std::io::Error, attempts: u32) -> ImageError {
        if body_stalled(e) {
            self.stall(what, attempts)
        } else {
            ImageError::Network(format!("registry {}: {what}: {e}", self.registry))
        }
    }

    /// Calls `request` and reads the body of a successful answer (at most `limit` bytes)
    /// under the idle limit; an answer whose body breaks off or stalls is asked for again
    /// after a backoff, up to `ATTEMPTS` times. Other answers come back with an empty body.
    /// `what` names the transfer in messages.
    fn fetch_body(
        &self,
        what: &str,
        limit: u64,
        request: impl Fn() -> Result<Response<Body>, ImageError>,
    ) -> Result<(Parts, Vec<u8>), ImageError> {
        let mut attempt = 0;
        loop {
            let (parts, body) = request()?.into_parts();
            if !parts.status.is_success() {
                return Ok((parts, Vec::new()));
            }
            let mut data = Vec::new();
            let reader = body.into_with_config().limit(limit).reader();
            match self.watch(reader).read_to_end(&mut data) {
                Ok(_) => return Ok((parts, data)),
                Err(e) if body_retryable(&e) && attempt + 1 < ATTEMPTS => {}
                Err(e) => return Err(self.broke(what, &e, attempt + 1)),
            }
            backoff(attempt);
            attempt += 1;
        }
    }

    /// GET `path` as `get` does and read the whole body of a successful answer (at most
    /// `limit` bytes), trying again when the body breaks off or stalls.
    pub fn get_bytes(
        &self,
        path: &str,
        accept: Option<&str>,
        scope: &str,
        limit: u64,
        what: &str,
    ) -> Result<(Parts, Vec<u8>), ImageError> {
        self.fetch_body(what, limit, || self.get(path, accept, scope, None))
    }

    /// Whether the registry wants credentials at all.
    pub fn challenge(&self) -> Option<&Challenge> {
        self.challenge.as_ref()
    }

    /// One call with retries on transient failures; 5xx and 429 answers are retried too.
    fn send(
        &self,
        call: impl Fn(&Agent) -> Result<Response<Body>, ureq::Error>,
    ) -> Result<Response<Body>, ureq::Error> {
        let mut attempt = 0;
        loop {
            match call(&self.agent) {
                Ok(r)
                    if (r.status().is_server_error()
                        || r.status() == StatusCode::TOO_MANY_REQUESTS)
                        && attempt + 1 < ATTEMPTS => {}
                Err(e) if transient(&e) && attempt + 1 < ATTEMPTS => {}
                other => return other,
            }
            backoff(attempt);
            attempt += 1;
        }
    }

    /// A Bearer token for `scope` from the challenge's realm (cached), or None.
    fn token(&self, scope: &str, fresh: bool) -> Result<Option<String>, ImageError> {
        let Some(Challenge::Bearer { realm, service, .. }) = &self.challenge else {
            return Ok(None);
        };
        if !fresh && let Some(t) = self.tokens.lock().ok().and_then(|m| m.get(scope).cloned()) {
            return Ok(Some(t));
        }
        let mut url = realm.clone();
        let mut sep = if url.contains('?') { '&' } else { '?' };
        if let Some(s) = service {
            url.push_str(&format!("{sep}service={}", enc(s)));
            sep = '&';
        }
        if !scope.is_empty() {
            url.push_str(&format!("{sep}scope={}", enc(scope)));
        }
        if self.creds.is_some() {
            // Must happen before the request: the credentials go along with it.
            let marked = |host: &str| super::config::insecure(host);
            realm_may_get_credentials(realm, &self.registry, &self.base, self.insecure, &marked)
                .map_err(ImageError::Unauthorized)?;
        }
        let what = format!("getting a token from {realm}");
        let (parts, body) = self.fetch_body(&what, 1 << 20, || {
            self.send(|a| {
                let mut req = a.get(&url);
                if let Some(c) = &self.creds {
                    req = req.header("Authorization", format!("Basic {}", c.encode()));
                }
                req.call()
            })
            .map_err(|e| {
                if stalled(&e) {
                    self.stall(&what, ATTEMPTS)
                } else {
                    ImageError::Network(format!(
                        "cannot get a token from {realm} for registry {}: {e}",
                        self.registry
                    ))
                }
            })
        })?;
        let status = parts.status;
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            return Err(self.refused());
        }
        if !status.is_success() {
            return Err(ImageError::Registry(format!(
                "the token service {realm} of registry {} answered HTTP {status}",
                self.registry
            )));
        }
        let v: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
            ImageError::Registry(format!(
                "the token service {realm} sent malformed JSON: {e}"
            ))
        })?;
        let token = ["token", "access_token"]
            .iter()
            .find_map(|k| v.get(k).and_then(|t| t.as_str()).filter(|t| !t.is_empty()))
            .ok_or_else(|| {
                ImageError::Registry(format!("the token service {realm} sent no token"))
            })?
            .to_string();
        if let Ok(mut m) = self.tokens.lock() {
            m.insert(scope.to_string(), token.clone());
        }
        Ok(Some(token))
    }

    fn refused(&self) -> ImageError {
        match &self.creds {
            Some(c) => ImageError::Unauthorized(format!(
                "registry {} refused the credentials of {:?}: log in again with 'nook login {}'",
                self.registry, c.user, self.registry
            )),
            None => ImageError::Unauthorized(format!(
                "registry {} requires authentication: log in with 'nook login {}'",
                self.registry, self.registry
            )),
        }
    }

    fn authorization(&self, scope: &str, fresh: bool) -> Result<Option<String>, ImageError> {
        match &self.challenge {
            None => Ok(None),
            Some(Challenge::Basic) => {
                Ok(self.creds.as_ref().map(|c| format!("Basic {}", c.encode())))
            }
            Some(Challenge::Bearer { .. }) => {
                Ok(self.token(scope, fresh)?.map(|t| format!("Bearer {t}")))
            }
        }
    }

    /// Checks the credentials: a token for no scope, or /v2/ with basic auth.
    pub fn verify_login(&self) -> Result<(), ImageError> {
        match &self.challenge {
            None => Ok(()),
            Some(Challenge::Bearer { .. }) => self.token("", true).map(|_| ()),
            Some(Challenge::Basic) => {
                let resp = self.get("/v2/", None, "", None)?;
                if resp.status().is_success() {
                    Ok(())
                } else {
                    Err(self.refused())
                }
            }
        }
    }

    /// GET `path` (starting with /v2/) with the auth `scope` needs; `from` asks for a byte range.
    /// Returns the response for any status but 401 (which is an error after one fresh token).
    pub fn get(
        &self,
        path: &str,
        accept: Option<&str>,
        scope: &str,
        from: Option<u64>,
    ) -> Result<Response<Body>, ImageError> {
        let url = format!("{}{path}", self.base);
        for fresh in [false, true] {
            let auth = self.authorization(scope, fresh)?;
            let resp = self
                .send(|a| {
                    let mut req = a.get(&url);
                    if let Some(acc) = accept {
                        req = req.header("Accept", acc);
                    }
                    if let Some(h) = &auth {
                        req = req.header("Authorization", h);
                    }
                    if let Some(n) = from {
                        req = req.header("Range", format!("bytes={n}-"));
                    }
                    req.call()
                })
                .map_err(|e| {
                    if stalled(&e) {
                        self.stall(&format!("GET {path}"), ATTEMPTS)
                    } else {
                        ImageError::Network(format!("registry {}: GET {path}: {e}", self.registry))
                    }
                })?;
            if resp.status() != StatusCode::UNAUTHORIZED {
                return Ok(resp);
            }
            if !matches!(self.challenge, Some(Challenge::Bearer { .. })) {
                break;
            }
        }
        Err(self.refused())
    }
}

#[path = "client_call.rs"]
mod call;
pub use call::Payload;

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives `chunk` bytes per read after `pause`, forever.
    struct Slow {
        chunk: usize,
        pause: Duration,
    }

    impl Read for Slow {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            std::thread::sleep(self.pause);
            let n = self.chunk.min(buf.len());
            buf[..n].fill(b'x');
            Ok(n)
        }
    }

    fn watched(chunk: usize, pause: Duration, limit: Duration) -> Watched<Slow> {
        Watched {
            inner: Slow { chunk, pause },
            window: Window::new(limit),
            stalled: false,
        }
    }

    #[test]
    fn a_trickling_body_fails_with_a_stall_and_keeps_what_came() {
        let ms = Duration::from_millis;
        let mut r = watched(1, ms(20), ms(100));
        let mut buf = [0u8; 16];
        let mut got = 0;
        let err = loop {
            match r.read(&mut buf) {
                Ok(n) => got += n,
                Err(e) => break e,
            }
            assert!(got < 100, "never stalled");
        };
        assert!(body_stalled(&err), "{err:?}");
        // 100 ms of waiting at a byte per 20 ms (or slower): at most the fifth byte fills
        // the window, and the bytes of that read are given.
        assert!((1..=5).contains(&got), "{got}");
        // A fast body of the same reads does not stall.
        let mut r = watched(2048, ms(20), ms(100));
        assert!((0..20).all(|_| r.read(&mut [0u8; 4096]).is_ok()));
    }

    #[test]
    fn timeouts_are_stalls_and_other_failures_are_not() {
        let timeout = |t| std::io::Error::other(ureq::Error::Timeout(t));
        assert!(body_stalled(&timeout(ureq::Timeout::PerRead)));
        assert!(body_stalled(&timeout(ureq::Timeout::RecvBody)));
        assert!(!body_stalled(&timeout(ureq::Timeout::Connect)));
        assert!(!body_stalled(&std::io::Error::from(
            std::io::ErrorKind::ConnectionReset
        )));
        let too_big = std::io::Error::other(ureq::Error::BodyExceedsLimit(10));
        assert!(!body_retryable(&too_big) && !body_stalled(&too_big));
        assert!(body_retryable(&std::io::Error::from(
            std::io::ErrorKind::UnexpectedEof
        )));
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            enc("repository:a/b:pull,push"),
            "repository%3Aa%2Fb%3Apull%2Cpush"
        );
        assert_eq!(enc("registry.docker.io"), "registry.docker.io");
    }
}
