//! `Client::call`: the requests that send something (a push's HEAD, POST and PUT), with
//! the same auth, retries and idle limit as `get`.

use ureq::Body;
use ureq::http::{Response, StatusCode};

use super::{ATTEMPTS, Challenge, Client, ImageError, stalled};

/// The body of a request that sends one (`Client::call`).
pub enum Payload<'a> {
    Empty,
    Bytes(&'a [u8]),
    /// A blob file, opened again for each attempt.
    File(&'a std::path::Path),
}

impl Client {
    /// `method` (HEAD, POST, PUT, PATCH) on `target` (a /v2/ path, or a URL the registry
    /// gave in a Location header) with the auth `scope` needs, as `get` does.
    pub fn call(
        &self,
        method: &str,
        target: &str,
        scope: &str,
        content_type: Option<&str>,
        payload: Payload<'_>,
    ) -> Result<Response<Body>, ImageError> {
        let url = match target.starts_with("http://") || target.starts_with("https://") {
            true => target.to_string(),
            false => format!("{}{target}", self.base),
        };
        let what = format!("{method} {}", target.split('?').next().unwrap_or(target));
        for fresh in [false, true] {
            let auth = self.authorization(scope, fresh)?;
            let resp = self
                .send(|a| {
                    if method == "HEAD" {
                        let mut req = a.head(&url);
                        if let Some(h) = &auth {
                            req = req.header("Authorization", h);
                        }
                        return req.call();
                    }
                    let mut req = match method {
                        "POST" => a.post(&url),
                        "PATCH" => a.patch(&url),
                        _ => a.put(&url),
                    };
                    if let Some(h) = &auth {
                        req = req.header("Authorization", h);
                    }
                    if let Some(ct) = content_type {
                        req = req.header("Content-Type", ct);
                    }
                    match &payload {
                        Payload::Empty => req.header("Content-Length", "0").send_empty(),
                        Payload::Bytes(b) => req.send(*b),
                        Payload::File(p) => req.send(std::fs::File::open(p)?),
                    }
                })
                .map_err(|e| {
                    if stalled(&e) {
                        self.stall(&what, ATTEMPTS)
                    } else {
                        ImageError::Network(format!("registry {}: {what}: {e}", self.registry))
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
