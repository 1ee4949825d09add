//! Healthchecks as podman's: the check a container gets (`--health-*` flags over the image's
//! `Healthcheck`), the command it runs, and what one result does to the container's health
//! (`.State.Health` in inspect, `(healthy)` in ps). Pure.

use serde::{Deserialize, Serialize};

use super::build::config::duration_ns;

/// A healthcheck as an image config holds it (docker's `Healthcheck`; durations in ns, 0:
/// the default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthConfig {
    /// `["CMD", argv...]`, `["CMD-SHELL", line]` or `["NONE"]`.
    #[serde(default)]
    pub test: Vec<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub interval: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub timeout: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub start_period: u64,
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub retries: u32,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}

/// podman's defaults.
pub const DEFAULT_INTERVAL: u64 = 30_000_000_000;
pub const DEFAULT_TIMEOUT: u64 = 30_000_000_000;
pub const DEFAULT_RETRIES: u32 = 3;
/// How many results `.State.Health.Log` keeps.
pub const LOG_KEPT: usize = 5;

/// The `--health-*` flags as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthRequest {
    pub cmd: Option<String>,
    pub interval: Option<String>,
    pub retries: Option<u32>,
    pub timeout: Option<String>,
    pub start_period: Option<String>,
    pub none: bool,
}

/// The check a container runs, decided once at create: the flags over the image's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthPlan {
    /// What runs inside the container (argv).
    pub command: Vec<String>,
    /// Nanoseconds between periodic checks; none: `--health-interval disable`.
    pub interval: Option<u64>,
    pub timeout: u64,
    pub start_period: u64,
    pub retries: u32,
    /// As inspect shows it in `.Config.Healthcheck`.
    pub config: HealthConfig,
}

fn duration(flag: &str, v: &str) -> Result<u64, String> {
    // Go's durations; a bare number is seconds, as podman reads "30".
    if let Ok(secs) = v.parse::<u64>() {
        return Ok(secs * 1_000_000_000);
    }
    duration_ns(v)
        .ok_or_else(|| format!("invalid {flag} {v:?}: give a duration such as 30s or 1m30s"))
}

/// `--health-cmd` as the config's test: a JSON array is taken as it is (`CMD` added when it
/// names none), anything else runs in a shell (`CMD-SHELL`); `none` turns the image's off.
pub fn test_of(cmd: &str) -> Result<Vec<String>, String> {
    let t = cmd.trim();
    if t.eq_ignore_ascii_case("none") {
        return Ok(vec!["NONE".into()]);
    }
    if t.starts_with('[') {
        let v: Vec<String> = serde_json::from_str(t).map_err(|_| {
            format!("invalid --health-cmd {cmd:?}: a JSON array of strings, or a shell command")
        })?;
        return match v.first().map(String::as_str) {
            None => Err("--health-cmd must not be empty".into()),
            Some("CMD" | "CMD-SHELL" | "NONE") => Ok(v),
            Some(_) => Ok(std::iter::once("CMD".to_string()).chain(v).collect()),
        };
    }
    if t.is_empty() {
        return Err("--health-cmd must not be empty: give a command, or none".into());
    }
    Ok(vec!["CMD-SHELL".into(), cmd.to_string()])
}

/// The command of a test, or none for `NONE` and an empty test.
pub fn command_of(test: &[String]) -> Option<Vec<String>> {
    match test.split_first() {
        Some((kind, rest)) if kind == "CMD" && !rest.is_empty() => Some(rest.to_vec()),
        Some((kind, rest)) if kind == "CMD-SHELL" && !rest.is_empty() => {
            Some(vec!["/bin/sh".into(), "-c".into(), rest.join(" ")])
        }
        _ => None,
    }
}

/// The container's healthcheck: none without one, with `--no-healthcheck`, `--health-cmd
/// none` or an image's `NONE`; a flag without a command (here or in the image) is refused.
pub fn plan(
    req: &HealthRequest,
    image: Option<&HealthConfig>,
) -> Result<Option<HealthPlan>, String> {
    if req.none {
        return Ok(None);
    }
    let mut config = match &req.cmd {
        Some(cmd) => HealthConfig {
            test: test_of(cmd)?,
            ..Default::default()
        },
        None => image.cloned().unwrap_or_default(),
    };
    let interval = match req.interval.as_deref() {
        Some("disable") => None,
        Some(v) => Some(duration("--health-interval", v)?),
        None => Some(config.interval),
    };
    if let Some(v) = &req.timeout {
        config.timeout = duration("--health-timeout", v)?;
    }
    if let Some(v) = &req.start_period {
        config.start_period = duration("--health-start-period", v)?;
    }
    if let Some(n) = req.retries {
        config.retries = n;
    }
    if let Some(i) = interval {
        config.interval = i;
    }
    let Some(command) = command_of(&config.test) else {
        let flagged = req.interval.is_some()
            || req.timeout.is_some()
            || req.start_period.is_some()
            || req.retries.is_some();
        if flagged && config.test.is_empty() {
            return Err(
                "--health-* flags need a healthcheck: give --health-cmd (the image has none)"
                    .into(),
            );
        }
        return Ok(None);
    };
    let or = |n: u64, d: u64| if n == 0 { d } else { n };
    Ok(Some(HealthPlan {
        command,
        interval: interval.map(|i| or(i, DEFAULT_INTERVAL)),
        timeout: or(config.timeout, DEFAULT_TIMEOUT),
        start_period: config.start_period,
        retries: match config.retries {
            0 => DEFAULT_RETRIES,
            n => n,
        },
        config,
    }))
}

/// One check's result, as `.State.Health.Log` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthLog {
    pub start: String,
    pub end: String,
    pub exit_code: i32,
    pub output: String,
}

/// `.State.Health`: what the checks so far say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Health {
    pub status: String,
    pub failing_streak: u32,
    pub log: Vec<HealthLog>,
}

impl Default for Health {
    fn default() -> Self {
        Health {
            status: STARTING.into(),
            failing_streak: 0,
            log: Vec::new(),
        }
    }
}

pub const STARTING: &str = "starting";
pub const HEALTHY: &str = "healthy";
pub const UNHEALTHY: &str = "unhealthy";

/// The health after one more result (`since_start_ns`: how long the container had run when
/// the check began). A success is healthy at once; failures count only after the start
/// period and make it unhealthy at `retries` in a row.
pub fn record(h: &Health, plan: &HealthPlan, result: HealthLog, since_start_ns: u64) -> Health {
    let mut next = h.clone();
    if result.exit_code == 0 {
        next.status = HEALTHY.into();
        next.failing_streak = 0;
    } else if since_start_ns >= plan.start_period || h.status != STARTING {
        next.failing_streak += 1;
        if next.failing_streak >= plan.retries {
            next.status = UNHEALTHY.into();
        }
    }
    next.log.push(result);
    let extra = next.log.len().saturating_sub(LOG_KEPT);
    next.log.drain(..extra);
    next
}

/// ps's STATUS with the health: `Up 3 seconds (healthy)`.
pub fn with_status(status: String, health: Option<&Health>) -> String {
    match health {
        Some(h) => format!("{status} ({})", h.status),
        None => status,
    }
}

#[cfg(test)]
#[path = "health_tests.rs"]
mod tests;
