//! The systemd user manager over D-Bus: one transient, delegated `nook-<id>.scope` holding
//! the container side, asked with StartTransientUnit and waited for through JobRemoved.

use std::future::poll_fn;
use std::pin::Pin;
use std::time::Duration;

use futures_core::Stream;

use crate::plan::cgroup::Prop;

/// How long the user manager may take to create the scope (slow under emulation).
const JOB_TIMEOUT: Duration = Duration::from_secs(30);

#[zbus::proxy(
    interface = "org.freedesktop.systemd1.Manager",
    default_service = "org.freedesktop.systemd1",
    default_path = "/org/freedesktop/systemd1"
)]
trait SystemdManager {
    fn subscribe(&self) -> zbus::Result<()>;

    fn start_transient_unit(
        &self,
        name: &str,
        mode: &str,
        properties: &[(&str, zbus::Variant<'_>)],
        aux: &[(&str, &[(&str, zbus::Variant<'_>)])],
    ) -> zbus::Result<zbus::OwnedObjectPath>;

    #[zbus(signal)]
    fn job_removed(
        &self,
        id: u32,
        job: zbus::OwnedObjectPath,
        unit: String,
        result: String,
    ) -> zbus::Result<()>;
}

/// Where the user bus is: `DBUS_SESSION_BUS_ADDRESS`, else `$XDG_RUNTIME_DIR/bus`.
pub fn bus_address() -> Option<String> {
    let non_empty = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    non_empty("DBUS_SESSION_BUS_ADDRESS").or_else(|| {
        let dir = non_empty("XDG_RUNTIME_DIR")?;
        let dir = std::path::Path::new(&dir);
        crate::host::facts::user_bus_socket(dir)
            .then(|| format!("unix:path={}", dir.join("bus").display()))
    })
}

/// Why the scope could not be had (the caller decides whether that is fatal).
#[derive(Debug)]
pub enum ScopeError {
    /// The bus cannot be reached at all.
    NoBus,
    /// The manager refused or failed the unit.
    Failed(String),
}

fn variant(p: &Prop) -> zbus::Variant<'static> {
    match p {
        Prop::Bool(b) => zbus::Variant::from(*b),
        Prop::Str(s) => zbus::Variant::from(s.clone()),
        Prop::Pids(p) => zbus::Variant::from(p.clone()),
    }
}

/// Ask for the scope and wait until its start job is done. The connection is dropped at the
/// end: the scope lives on its own and collects itself when its last process exits.
pub async fn start_scope(
    address: &str,
    unit: &str,
    props: &[(&'static str, Prop)],
) -> Result<(), ScopeError> {
    let conn = zbus::conn::Builder::address(address)
        .build()
        .await
        .map_err(|_| ScopeError::NoBus)?;
    let manager = SystemdManagerProxy::new(&conn)
        .await
        .map_err(|_| ScopeError::NoBus)?;
    // Must happen before the call: the job may end before its path comes back to us, and a
    // signal that arrived before the match rule existed would be lost.
    let mut removed = manager
        .receive_job_removed()
        .await
        .map_err(|_| ScopeError::NoBus)?;
    manager.subscribe().await.map_err(|_| ScopeError::NoBus)?;
    let props: Vec<(&str, zbus::Variant<'_>)> =
        props.iter().map(|(k, v)| (*k, variant(v))).collect();
    let job = manager
        .start_transient_unit(unit, "fail", &props, &[])
        .await
        .map_err(|e| ScopeError::Failed(e.to_string()))?;
    let wait = async {
        loop {
            let Some(signal) = poll_fn(|cx| Pin::new(&mut removed).poll_next(cx)).await else {
                return Err(ScopeError::Failed(
                    "the bus closed before the job ended".into(),
                ));
            };
            let Ok(args) = signal.args() else { continue };
            if args.job() == &job {
                return match args.result().as_str() {
                    "done" => Ok(()),
                    other => Err(ScopeError::Failed(format!("its start job ended: {other}"))),
                };
            }
        }
    };
    match tokio::time::timeout(JOB_TIMEOUT, wait).await {
        Ok(r) => r,
        Err(_) => Err(ScopeError::Failed(format!(
            "no answer from the user manager in {}s",
            JOB_TIMEOUT.as_secs()
        ))),
    }
}
