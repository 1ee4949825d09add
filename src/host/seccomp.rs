//! Compiles a seccomp filter to BPF with libseccomp, once: programs are cached in the
//! private runtime directory (host::cache, `cache/seccomp/KEY.bpf`) by a key of the filter and
//! the library version, so a run normally only reads and checks a few kilobytes.

use std::io::{Read, Seek};

use libseccomp::{
    ScmpAction, ScmpArch, ScmpArgCompare, ScmpCompareOp, ScmpFilterContext, ScmpSyscall,
    ScmpVersion,
};

use crate::error::{Error, Result};
use crate::host::cache;
use crate::plan::seccomp::{Action, Cmp, Filter, cache_key, valid_program};

/// The libseccomp version in use ("2.5.4"), or None when it cannot tell.
pub fn library_version() -> Option<String> {
    ScmpVersion::current()
        .ok()
        .map(|v| format!("{}.{}.{}", v.major, v.minor, v.micro))
}

fn action(a: Action) -> ScmpAction {
    match a {
        Action::Allow => ScmpAction::Allow,
        Action::Errno(e) => ScmpAction::Errno(i32::from(e)),
        Action::KillProcess => ScmpAction::KillProcess,
        Action::KillThread => ScmpAction::KillThread,
        Action::Trap => ScmpAction::Trap,
        Action::Log => ScmpAction::Log,
    }
}

fn compare(c: Cmp) -> ScmpCompareOp {
    match c {
        Cmp::Ne => ScmpCompareOp::NotEqual,
        Cmp::Lt => ScmpCompareOp::Less,
        Cmp::Le => ScmpCompareOp::LessOrEqual,
        Cmp::Eq => ScmpCompareOp::Equal,
        Cmp::Ge => ScmpCompareOp::GreaterEqual,
        Cmp::Gt => ScmpCompareOp::Greater,
        Cmp::MaskedEq(mask) => ScmpCompareOp::MaskedEqual(mask),
    }
}

fn fail(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Usage(format!(
        "cannot build the seccomp filter ({what}: {e}); check libseccomp (nook info), or run with --security-opt seccomp=unconfined"
    ))
}

/// Compile `filter` for x86-64, x86 and, when the kernel runs them (`x32`), x32 calls into
/// a BPF program.
fn compile(filter: &Filter, x32: bool) -> Result<Vec<u8>> {
    let mut ctx = ScmpFilterContext::new(action(filter.default)).map_err(|e| fail("context", e))?;
    ctx.add_arch(ScmpArch::X86)
        .map_err(|e| fail("architecture", e))?;
    match x32 {
        true => ctx.add_arch(ScmpArch::X32).map(drop),
        // A kernel that runs no x32 call answers each with ENOSYS: so does the filter, which
        // is then a third smaller (the kernel converts and compiles it at every start).
        false => ctx
            .set_act_badarch(ScmpAction::Errno(libc::ENOSYS))
            .map(drop),
    }
    .map_err(|e| fail("architecture", e))?;
    // A binary tree over syscall numbers instead of a linear list: each system call of the
    // container, and the kernel's own evaluation of the filter when it is loaded, walk a
    // few dozen instructions instead of hundreds.
    ctx.set_ctl_optimize(2).map_err(|e| fail("optimize", e))?;
    for rule in &filter.rules {
        if rule.action == filter.default {
            continue; // libseccomp refuses rules that change nothing
        }
        let args: Vec<ScmpArgCompare> = rule
            .args
            .iter()
            .map(|a| ScmpArgCompare::new(a.index, compare(a.cmp), a.value))
            .collect();
        for name in &rule.names {
            // A name this libseccomp does not know exists on none of our architectures.
            let Ok(syscall) = ScmpSyscall::from_name(name) else {
                continue;
            };
            ctx.add_rule_conditional(action(rule.action), syscall, &args)
                .map_err(|e| fail(name, e))?;
        }
    }
    let mem =
        nix::sys::memfd::memfd_create(c"nook-seccomp", nix::sys::memfd::MFdFlags::MFD_CLOEXEC)
            .map_err(|e| fail("memfd", e))?;
    let mut file = std::fs::File::from(mem);
    ctx.export_bpf(&file).map_err(|e| fail("export", e))?;
    let mut program = Vec::new();
    file.rewind()
        .and_then(|_| file.read_to_end(&mut program))
        .map_err(|e| fail("read back", e))?;
    Ok(program)
}

/// The BPF program for `filter`, from the cache or freshly compiled (and then cached).
pub fn program(filter: &Filter) -> Result<Vec<u8>> {
    // Everything that shapes the program is in the key: the library and how it is asked.
    let x32 = crate::sys::x32_syscalls();
    let compiler = format!(
        "libseccomp {} optimize 2{}",
        library_version().unwrap_or_default(),
        if x32 { "" } else { " no-x32" }
    );
    let key = cache_key(filter, &compiler);
    let path = cache::path("seccomp", &format!("{key}.bpf"));
    let cached = path.as_deref().and_then(|p| cache::read(p, &key));
    if let Some(bytes) = cached.filter(|b| valid_program(b)) {
        return Ok(bytes);
    }
    let program = compile(filter, x32)?;
    if let Some(path) = path {
        cache::write(&path, &key, &program);
    }
    Ok(program)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::seccomp::{default_filter, valid_program};

    #[test]
    fn without_x32_the_default_filter_is_a_third_smaller() {
        let filter = default_filter(crate::plan::caps::all());
        let with = compile(&filter, true).expect("with x32");
        let without = compile(&filter, false).expect("without x32");
        assert!(valid_program(&with) && valid_program(&without));
        assert!(
            without.len() * 4 < with.len() * 3,
            "{} vs {}",
            without.len(),
            with.len()
        );
    }
}
