//! The building blocks of a check: findings gathered into one `Check`, and the details and
//! fixes several checks share (helper programs, character devices).

use super::{Check, Status, Tool};

/// What one check found: notes for the detail, the worst status, the fixes in order.
pub(super) struct Findings {
    pub(super) status: Status,
    notes: Vec<String>,
    fixes: Vec<String>,
}

impl Findings {
    pub(super) fn new() -> Findings {
        Findings {
            status: Status::Ok,
            notes: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub(super) fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    pub(super) fn problem(
        &mut self,
        status: Status,
        note: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.status = self.status.max(status);
        self.notes.push(note.into());
        let fix = fix.into();
        if !self.fixes.contains(&fix) {
            self.fixes.push(fix);
        }
    }

    pub(super) fn check(self, name: &'static str) -> Check {
        let fix =
            (self.status != Status::Ok && !self.fixes.is_empty()).then(|| self.fixes.join("; "));
        Check {
            name,
            status: self.status,
            detail: self.notes.join(", "),
            fix,
        }
    }
}

pub(super) fn one(
    name: &'static str,
    status: Status,
    detail: impl Into<String>,
    fix: Option<String>,
) -> Check {
    Check {
        name,
        status,
        detail: detail.into(),
        fix,
    }
}

pub(super) fn tool_detail(path: &str, t: &Tool) -> String {
    let version = t.version.as_deref().unwrap_or("version unknown");
    let off = if t.on_path { "" } else { " (not on PATH)" };
    format!("{path}{off} ({version})")
}

/// A character device the caller must open read-write: ok, or what is wrong and its fix.
pub(super) fn device(
    exists: bool,
    rw: bool,
    path: &str,
    module: &str,
) -> Result<(), (String, String)> {
    match (exists, rw) {
        (_, true) => Ok(()),
        (false, false) => Err(("absent".to_string(), format!("sudo modprobe {module}"))),
        (true, false) => Err((
            "not readable and writable by you".to_string(),
            format!("sudo chmod 0666 {path}"),
        )),
    }
}
