//! The slirp4netns API client: one JSON request per connection on its Unix socket, the write
//! side shut down, the reply read to its end; an `error` key in the reply is an error.

use std::io::ErrorKind;
use std::net::Ipv4Addr;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::UnixStream;

use crate::plan::network::{self, PortMapping};

/// Tries to connect while the socket is not there yet (the caller bounds the whole wait).
const CONNECT_TRIES: u32 = 400;

async fn request(socket: &Path, body: &str) -> Result<Value, String> {
    let mut tries = 0;
    let mut stream = loop {
        match UnixStream::connect(socket).await {
            Ok(s) => break s,
            Err(e)
                if tries < CONNECT_TRIES
                    && matches!(e.kind(), ErrorKind::NotFound | ErrorKind::ConnectionRefused) =>
            {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            Err(e) => return Err(format!("API socket {}: {e}", socket.display())),
        }
    };
    stream
        .write_all(body.as_bytes())
        .await
        .map_err(|e| format!("API request: {e}"))?;
    // The end of the request is the end of the stream.
    stream
        .shutdown()
        .await
        .map_err(|e| format!("API request: {e}"))?;
    let mut reply = Vec::new();
    stream
        .read_to_end(&mut reply)
        .await
        .map_err(|e| format!("API reply: {e}"))?;
    network::api_reply(&reply)
}

/// Publish one port; returns slirp4netns's id for it.
pub async fn add_hostfwd(socket: &Path, p: &PortMapping, guest: Ipv4Addr) -> Result<u64, String> {
    let v = request(socket, &network::add_hostfwd_request(p, guest)).await?;
    Ok(v.get("id").and_then(Value::as_u64).unwrap_or(0))
}

/// Every published port, as slirp4netns lists them.
pub async fn list_hostfwd(socket: &Path) -> Result<Vec<Value>, String> {
    let v = request(socket, &network::list_hostfwd_request()).await?;
    Ok(v.get("entries")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default())
}

pub async fn remove_hostfwd(socket: &Path, id: u64) -> Result<(), String> {
    request(socket, &network::remove_hostfwd_request(id))
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::network::Proto;

    /// A stand-in for slirp4netns's API: answers each connection with the next reply and
    /// returns the requests it read.
    async fn serve(listener: tokio::net::UnixListener, replies: Vec<&'static str>) -> Vec<String> {
        let mut seen = Vec::new();
        for reply in replies {
            let (mut s, _) = listener.accept().await.unwrap();
            let mut req = String::new();
            s.read_to_string(&mut req).await.unwrap();
            seen.push(req);
            s.write_all(reply.as_bytes()).await.unwrap();
        }
        seen
    }

    #[test]
    fn one_request_per_connection_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("api.sock");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let listener = tokio::net::UnixListener::bind(&sock).unwrap();
            let server = tokio::spawn(serve(
                listener,
                vec![
                    r#"{"return": {"id": 7}}"#,
                    r#"{"return": {"entries": [{"id": 7, "proto": "tcp"}]}}"#,
                    r#"{"error": {"desc": "bad request: remove_hostfwd: bad id"}}"#,
                ],
            ));
            let p = PortMapping {
                host_ip: None,
                host_port: 18080,
                container_port: 80,
                proto: Proto::Tcp,
            };
            assert_eq!(
                add_hostfwd(&sock, &p, Ipv4Addr::new(10, 0, 2, 100)).await,
                Ok(7)
            );
            let list = list_hostfwd(&sock).await.unwrap();
            assert_eq!(list[0]["id"], 7);
            let e = remove_hostfwd(&sock, 9).await.unwrap_err();
            assert!(e.contains("bad id"), "{e}");
            let seen = server.await.unwrap();
            assert!(seen[0].contains("\"add_hostfwd\"") && seen[0].contains("18080"));
            assert!(seen[1].contains("list_hostfwd"));
            assert!(seen[2].contains("\"id\":9"));
        });
    }

    #[test]
    fn a_missing_socket_is_an_error() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let e = rt
            .block_on(list_hostfwd(Path::new("/nonexistent/dir/api.sock")))
            .unwrap_err();
        assert!(e.contains("/nonexistent/dir/api.sock"), "{e}");
    }
}
