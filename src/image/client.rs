//! HTTP to one registry: the /v2/ ping, auth (anonymous, basic, Bearer tokens cached per
//! scope), plain HTTP only when insecure, retries with backoff on transient failures.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use ureq::http::{Response, StatusCode};
use ureq::tls::TlsConfig;
use ureq::{Agent, Body};

use super::ImageError;
use super::auth::{Challenge, Credentials, parse_challenge};

/// Attempts for one request when the failure looks transient (5xx, 429, reset, timeout).
const ATTEMPTS: u32 = 4;

pub struct Client {
    agent: Agent,
    /// `https://HOST` or `http://HOST`.
    base: String,
    /// The registry as the user named it (for messages).
    pub registry: String,
    creds: Option<Credentials>,
    challenge: Option<Challenge>,
    tokens: Mutex<HashMap<String, String>>,
}

fn agent(insecure: bool) -> Agent {
    let tls = TlsConfig::builder().disable_verification(insecure).build();
    Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(tls)
        .max_redirects(5)
        // Authorization goes along only to the same host (blob redirects to a CDN or S3 carry
        // their own signature and must not see the registry's token).
        .redirect_auth_headers(ureq::config::RedirectAuthHeaders::SameHost)
        .timeout_connect(Some(Duration::from_secs(15)))
        .timeout_recv_response(Some(Duration::from_secs(60)))
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
    std::thread::sleep(Duration::from_millis(200 << attempt.min(5)));
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
        let mut client = Client {
            agent: agent(insecure),
            base: format!("https://{api_host}"),
            registry: registry.to_string(),
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
                        ImageError::Network(format!("cannot reach registry {registry}: {e}"))
                    })?
            }
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
        let resp = self
            .send(|a| {
                let mut req = a.get(&url);
                if let Some(c) = &self.creds {
                    req = req.header("Authorization", format!("Basic {}", c.encode()));
                }
                req.call()
            })
            .map_err(|e| {
                ImageError::Network(format!(
                    "cannot get a token from {realm} for registry {}: {e}",
                    self.registry
                ))
            })?;
        let status = resp.status();
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            return Err(self.refused());
        }
        if !status.is_success() {
            return Err(ImageError::Registry(format!(
                "the token service {realm} of registry {} answered HTTP {status}",
                self.registry
            )));
        }
        let body = resp
            .into_body()
            .with_config()
            .limit(1 << 20)
            .read_to_vec()
            .map_err(|e| ImageError::Network(format!("reading a token from {realm}: {e}")))?;
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
                    ImageError::Network(format!("registry {}: GET {path}: {e}", self.registry))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            enc("repository:a/b:pull,push"),
            "repository%3Aa%2Fb%3Apull%2Cpush"
        );
        assert_eq!(enc("registry.docker.io"), "registry.docker.io");
    }
}
