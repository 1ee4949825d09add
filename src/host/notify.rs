//! systemd's readiness protocol: `READY=1` as one datagram on `$NOTIFY_SOCKET` (a path, or
//! an abstract socket written `@name`), for `nook run --sdnotify=conmon` under a unit.

use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};

/// Tell the service manager the service is up; nothing when there is no manager listening.
/// A failure is one warning: the unit then times out in its start, which names the cause.
pub fn ready() {
    let Some(socket) = std::env::var_os("NOTIFY_SOCKET").filter(|s| !s.is_empty()) else {
        return;
    };
    let sent = (|| -> std::io::Result<()> {
        let bytes = socket.as_encoded_bytes();
        let addr = match bytes.strip_prefix(b"@") {
            Some(name) => SocketAddr::from_abstract_name(name)?,
            None => SocketAddr::from_pathname(&socket)?,
        };
        let sock = UnixDatagram::unbound()?;
        sock.send_to_addr(b"READY=1\n", &addr)?;
        Ok(())
    })();
    if let Err(e) = sent {
        eprintln!(
            "Warning: cannot tell systemd the container is up (NOTIFY_SOCKET={}): {e}",
            socket.to_string_lossy()
        );
    }
}
