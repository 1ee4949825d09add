//! Seccomp filters as values: nook's default (an allowlist equivalent in effect to the default
//! profile of docker and podman) and profiles in the docker/OCI JSON format, resolved for the
//! container's capabilities and this machine's architectures.

use serde::{Deserialize, Serialize};

use super::caps::{self, CapMask};

/// What a matching rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    Allow,
    Errno(u16),
    KillProcess,
    KillThread,
    Trap,
    Log,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cmp {
    Ne,
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
    /// `(arg & mask) == value`
    MaskedEq(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Arg {
    pub index: u32,
    pub cmp: Cmp,
    pub value: u64,
}

/// `action` for every syscall in `names` whose arguments meet all of `args`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rule {
    pub names: Vec<String>,
    pub action: Action,
    pub args: Vec<Arg>,
}

/// A complete filter for one process, ready to compile.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filter {
    pub default: Action,
    pub rules: Vec<Rule>,
}

const EPERM: u16 = 1;
const ENOSYS: u16 = 38;

/// Allowed for every container (x86, x86-64 and x32 names; a name unknown to an architecture
/// is skipped when compiling).
#[rustfmt::skip]
const ALLOWED: &[&str] = &[
    // files and directories
    "access", "chdir", "chmod", "chown", "chown32", "close", "close_range", "copy_file_range",
    "creat", "dup", "dup2", "dup3", "faccessat", "faccessat2", "fadvise64", "fadvise64_64",
    "fallocate", "fanotify_mark", "fchdir", "fchmod", "fchmodat", "fchown", "fchown32",
    "fchownat", "fcntl", "fcntl64", "fdatasync", "flock", "fstat", "fstat64", "fstatat64",
    "fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futimesat", "getcwd",
    "getdents", "getdents64", "inotify_add_watch", "inotify_init", "inotify_init1",
    "inotify_rm_watch", "lchown", "lchown32", "link", "linkat", "_llseek", "lseek", "lstat",
    "lstat64", "mkdir", "mkdirat", "mknod", "mknodat", "name_to_handle_at", "newfstatat", "open",
    "openat", "openat2", "pread64", "preadv", "preadv2", "pwrite64", "pwritev", "pwritev2",
    "read", "readahead", "readlink", "readlinkat", "readv", "rename", "renameat", "renameat2",
    "rmdir", "sendfile", "sendfile64", "splice", "stat", "stat64", "statfs", "statfs64", "statx",
    "symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "tee", "truncate", "truncate64",
    "umask", "unlink", "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes", "vmsplice",
    "write", "writev",
    // extended attributes
    "fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "getxattr", "lgetxattr", "listxattr",
    "llistxattr", "lremovexattr", "lsetxattr", "removexattr", "setxattr",
    // memory
    "brk", "madvise", "membarrier", "memfd_create", "memfd_secret", "mincore", "mlock", "mlock2",
    "mlockall", "mmap", "mmap2", "mprotect", "mremap", "msync", "munlock", "munlockall", "munmap",
    "pkey_alloc", "pkey_free", "pkey_mprotect", "remap_file_pages",
    // processes, threads, identity
    "capget", "capset", "execve", "execveat", "exit", "exit_group", "fork", "vfork",
    "get_robust_list", "set_robust_list", "get_thread_area", "set_thread_area", "set_tid_address",
    "getcpu", "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups",
    "getgroups32", "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getresgid",
    "getresgid32", "getresuid", "getresuid32", "getrlimit", "getrusage", "getsid", "gettid",
    "getuid", "getuid32", "ioprio_get", "ioprio_set", "prctl", "prlimit64", "rseq",
    "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_get_priority_max",
    "sched_get_priority_min", "sched_getscheduler", "sched_rr_get_interval",
    "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr", "sched_setparam",
    "sched_setscheduler", "sched_yield", "seccomp", "setfsgid", "setfsgid32", "setfsuid",
    "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32", "setpgid", "setpriority",
    "setregid", "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid",
    "setreuid32", "setrlimit", "setsid", "setuid", "setuid32", "ugetrlimit", "uname", "sysinfo",
    "times", "wait4", "waitid", "waitpid", "landlock_add_rule", "landlock_create_ruleset",
    "landlock_restrict_self", "process_mrelease", "pidfd_open", "pidfd_send_signal",
    // signals
    "kill", "pause", "restart_syscall", "rt_sigaction", "rt_sigpending", "rt_sigprocmask",
    "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait",
    "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "sigaltstack", "signalfd", "signalfd4",
    "sigprocmask", "sigreturn", "tgkill", "tkill",
    // time and timers
    "adjtimex", "alarm", "clock_adjtime", "clock_adjtime64", "clock_getres",
    "clock_getres_time64", "clock_gettime", "clock_gettime64", "clock_nanosleep",
    "clock_nanosleep_time64", "getitimer", "gettimeofday", "nanosleep", "setitimer", "time",
    "timer_create", "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64",
    "timer_settime", "timer_settime64", "timerfd_create", "timerfd_gettime", "timerfd_gettime64",
    "timerfd_settime", "timerfd_settime64",
    // waiting and events
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2",
    "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "futex", "futex_time64", "futex_waitv",
    "_newselect", "pipe", "pipe2", "poll", "ppoll", "ppoll_time64", "pselect6", "pselect6_time64",
    "select",
    // asynchronous I/O
    "io_cancel", "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64",
    "io_setup", "io_submit", "io_uring_enter", "io_uring_register", "io_uring_setup", "ioctl",
    // System V and POSIX IPC
    "ipc", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64",
    "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd",
    "semctl", "semget", "semop", "semtimedop", "semtimedop_time64", "shmat", "shmctl", "shmdt",
    "shmget",
    // sockets (socket itself is filtered below)
    "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt", "listen",
    "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "send", "sendmmsg", "sendmsg",
    "sendto", "setsockopt", "shutdown", "socketcall", "socketpair", "getrandom",
    // x86 specifics
    "arch_prctl", "modify_ldt",
    // debugging of the container's own processes (the kernel checks ptrace access; 4.8+)
    "process_vm_readv", "process_vm_writev", "ptrace",
];

/// Allowed only with a capability (the capability would be pointless without them).
#[rustfmt::skip]
const WITH_CAP: &[(&str, &[&str])] = &[
    ("CAP_DAC_READ_SEARCH", &["open_by_handle_at"]),
    ("CAP_SYS_ADMIN", &[
        "bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick",
        "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree", "perf_event_open",
        "quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns", "syslog", "umount",
        "umount2", "unshare",
    ]),
    ("CAP_SYS_BOOT", &["reboot"]),
    ("CAP_SYS_CHROOT", &["chroot"]),
    ("CAP_SYS_MODULE", &["delete_module", "init_module", "finit_module"]),
    ("CAP_SYS_PACCT", &["acct"]),
    ("CAP_SYS_PTRACE", &["kcmp", "pidfd_getfd", "process_madvise"]),
    ("CAP_SYS_RAWIO", &["iopl", "ioperm"]),
    ("CAP_SYS_TIME", &["settimeofday", "stime", "clock_settime", "clock_settime64"]),
    ("CAP_SYS_TTY_CONFIG", &["vhangup"]),
    ("CAP_SYS_NICE", &["get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"]),
    ("CAP_SYSLOG", &["syslog"]),
    ("CAP_BPF", &["bpf"]),
    ("CAP_PERFMON", &["perf_event_open"]),
];

/// Namespace flags of clone(2): CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET.
pub const CLONE_NAMESPACES: u64 = 0x7E02_0000;
/// The one socket family refused, as docker does: AF_VSOCK reaches the hypervisor.
const AF_VSOCK: u64 = 40;
/// personality(2) values a container may set: PER_LINUX, UNAME26, ADDR_NO_RANDOMIZE, both,
/// and the query 0xffffffff.
const PERSONALITIES: [u64; 5] = [0x0, 0x8, 0x20000, 0x20008, 0xffff_ffff];

fn has(caps: CapMask, name: &str) -> bool {
    caps::number(name).is_some_and(|n| caps & (1 << n) != 0)
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// nook's default filter for a container with the bounding set `caps`.
pub fn default_filter(caps: CapMask) -> Filter {
    let allow = |list: &[&str]| Rule {
        names: names(list),
        action: Action::Allow,
        args: vec![],
    };
    let mut rules = vec![allow(ALLOWED)];
    for (cap, list) in WITH_CAP {
        if has(caps, cap) {
            rules.push(allow(list));
        }
    }
    rules.push(Rule {
        names: names(&["socket"]),
        action: Action::Allow,
        args: vec![Arg {
            index: 0,
            cmp: Cmp::Ne,
            value: AF_VSOCK,
        }],
    });
    for p in PERSONALITIES {
        rules.push(Rule {
            names: names(&["personality"]),
            action: Action::Allow,
            args: vec![Arg {
                index: 0,
                cmp: Cmp::Eq,
                value: p,
            }],
        });
    }
    if !has(caps, "CAP_SYS_ADMIN") {
        // Threads and processes yes, new namespaces no.
        rules.push(Rule {
            names: names(&["clone"]),
            action: Action::Allow,
            args: vec![Arg {
                index: 0,
                cmp: Cmp::MaskedEq(CLONE_NAMESPACES),
                value: 0,
            }],
        });
        // clone3 passes its flags in memory a filter cannot read: ENOSYS makes libc fall back
        // to clone, which is filtered above.
        rules.push(Rule {
            names: names(&["clone3"]),
            action: Action::Errno(ENOSYS),
            args: vec![],
        });
    }
    Filter {
        default: Action::Errno(EPERM),
        rules,
    }
}

// ---- the docker/OCI JSON profile format ----

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    default_action: String,
    #[serde(default)]
    default_errno_ret: Option<u16>,
    #[serde(default)]
    syscalls: Vec<ProfileRule>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileRule {
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    name: Option<String>,
    action: String,
    #[serde(default)]
    errno_ret: Option<u16>,
    #[serde(default)]
    args: Option<Vec<ProfileArg>>,
    #[serde(default)]
    includes: Option<Filterable>,
    #[serde(default)]
    excludes: Option<Filterable>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileArg {
    index: u32,
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Filterable {
    #[serde(default)]
    caps: Option<Vec<String>>,
    #[serde(default)]
    arches: Option<Vec<String>>,
}

fn action(name: &str, errno: Option<u16>) -> Result<Action, String> {
    Ok(match name {
        "SCMP_ACT_ALLOW" => Action::Allow,
        "SCMP_ACT_ERRNO" => Action::Errno(errno.unwrap_or(EPERM)),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => Action::KillThread,
        "SCMP_ACT_KILL_PROCESS" => Action::KillProcess,
        "SCMP_ACT_TRAP" => Action::Trap,
        "SCMP_ACT_LOG" => Action::Log,
        other => return Err(format!("unsupported seccomp action {other:?}")),
    })
}

fn cmp(op: &str, value_two: u64) -> Result<Cmp, String> {
    Ok(match op {
        "SCMP_CMP_NE" => Cmp::Ne,
        "SCMP_CMP_LT" => Cmp::Lt,
        "SCMP_CMP_LE" => Cmp::Le,
        "SCMP_CMP_EQ" => Cmp::Eq,
        "SCMP_CMP_GE" => Cmp::Ge,
        "SCMP_CMP_GT" => Cmp::Gt,
        // docker's format puts the mask in `value` and the expected result in `valueTwo`.
        "SCMP_CMP_MASKED_EQ" => Cmp::MaskedEq(value_two),
        other => return Err(format!("unsupported seccomp comparison {other:?}")),
    })
}

/// Architectures the rules concern on this machine (docker's names).
const OUR_ARCHES: [&str; 3] = ["amd64", "x86", "x32"];

fn applies(includes: &Filterable, excludes: &Filterable, caps: CapMask) -> bool {
    let inc_caps = includes
        .caps
        .as_ref()
        .is_none_or(|c| c.iter().all(|n| has(caps, n)));
    let inc_arch = includes
        .arches
        .as_ref()
        .is_none_or(|a| a.iter().any(|x| OUR_ARCHES.contains(&x.as_str())));
    let exc_caps = excludes
        .caps
        .as_ref()
        .is_some_and(|c| c.iter().any(|n| has(caps, n)));
    let exc_arch = excludes
        .arches
        .as_ref()
        .is_some_and(|a| a.iter().any(|x| x == "amd64"));
    inc_caps && inc_arch && !exc_caps && !exc_arch
}

/// Parse a profile in the docker/OCI JSON format and resolve it for `caps`.
pub fn from_json(text: &str, caps: CapMask) -> Result<Filter, String> {
    let p: Profile =
        serde_json::from_str(text).map_err(|e| format!("not a seccomp profile: {e}"))?;
    let mut rules = Vec::new();
    for r in p.syscalls {
        let empty = Filterable::default();
        if !applies(
            r.includes.as_ref().unwrap_or(&empty),
            r.excludes.as_ref().unwrap_or(&empty),
            caps,
        ) {
            continue;
        }
        let mut names = r.names;
        names.extend(r.name);
        if names.is_empty() {
            continue;
        }
        let args = r
            .args
            .unwrap_or_default()
            .into_iter()
            .map(|a| {
                let c = cmp(&a.op, a.value_two)?;
                // For MASKED_EQ our value is the expected result, the mask rides in Cmp.
                let (cmp, value) = match c {
                    Cmp::MaskedEq(two) => (Cmp::MaskedEq(a.value), two),
                    other => (other, a.value),
                };
                if a.index > 5 {
                    return Err(format!(
                        "seccomp argument index {} is out of range 0-5",
                        a.index
                    ));
                }
                Ok(Arg {
                    index: a.index,
                    cmp,
                    value,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        rules.push(Rule {
            names,
            action: action(&r.action, r.errno_ret.or(p.default_errno_ret))?,
            args,
        });
    }
    Ok(Filter {
        default: action(&p.default_action, p.default_errno_ret)?,
        rules,
    })
}

/// Compiled programs cross to the container side as one hex string, not as a JSON array of
/// numbers: a quarter of the size and a fraction of the parsing time.
pub mod hex_program {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(program: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        match program {
            Some(bytes) => {
                let text: String = bytes
                    .iter()
                    .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0xf)]])
                    .map(char::from)
                    .collect();
                s.serialize_some(&text)
            }
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        if text.len() % 2 != 0 {
            return Err(D::Error::custom("odd-length hex program"));
        }
        let nibble = |c: u8| match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            _ => Err(D::Error::custom("not a hex program")),
        };
        text.as_bytes()
            .chunks_exact(2)
            .map(|pair| Ok(nibble(pair[0])? << 4 | nibble(pair[1])?))
            .collect::<Result<Vec<u8>, _>>()
            .map(Some)
    }
}

/// A stable name for a compiled filter in the cache (sha256 of its JSON form; the compiler
/// version is part of the input so an upgrade never reuses an older program).
pub fn cache_key(filter: &Filter, compiler: &str) -> String {
    // A cryptographic hash: a profile made to collide with the default filter's key would
    // otherwise have its program cached under that key, and loaded for the default.
    use sha2::{Digest, Sha256};
    let text = serde_json::to_string(filter).unwrap_or_default();
    let mut h = Sha256::new();
    h.update(compiler.as_bytes());
    h.update(b"\n");
    h.update(text.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `bytes` can be a BPF program: whole instructions (8 bytes each), at least one.
pub fn valid_program(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.len().is_multiple_of(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(f: &Filter, name: &str) -> bool {
        f.rules.iter().any(|r| {
            r.action == Action::Allow && r.args.is_empty() && r.names.iter().any(|n| n == name)
        })
    }

    #[test]
    fn default_refuses_what_docker_refuses() {
        let f = default_filter(caps::resolve(&[], &[], false).unwrap());
        assert_eq!(f.default, Action::Errno(EPERM));
        for refused in [
            "mount",
            "umount2",
            "reboot",
            "kexec_load",
            "init_module",
            "swapon",
            "keyctl",
            "add_key",
            "bpf",
            "perf_event_open",
            "unshare",
            "setns",
            "open_by_handle_at",
        ] {
            assert!(!allowed(&f, refused), "{refused}");
        }
        for ok in ["read", "execve", "socketpair", "setresuid", "chroot"] {
            assert!(allowed(&f, ok), "{ok}");
        }
        let no_chroot = default_filter(caps::resolve(&[], &["SYS_CHROOT".into()], false).unwrap());
        assert!(
            !allowed(&no_chroot, "chroot"),
            "chroot follows CAP_SYS_CHROOT"
        );
    }

    #[test]
    fn capabilities_open_their_syscalls() {
        let set = caps::resolve(&["SYS_ADMIN".into()], &[], false).unwrap();
        let f = default_filter(set);
        for name in ["mount", "unshare", "setns", "clone", "chroot"] {
            assert!(allowed(&f, name), "{name}");
        }
        assert!(!f.rules.iter().any(|r| r.action == Action::Errno(ENOSYS)));
    }

    #[test]
    fn clone_is_filtered_on_namespace_flags_and_clone3_is_enosys() {
        let f = default_filter(caps::resolve(&[], &[], false).unwrap());
        let clone = f
            .rules
            .iter()
            .find(|r| r.names == ["clone"])
            .expect("clone rule");
        assert_eq!(
            clone.args,
            vec![Arg {
                index: 0,
                cmp: Cmp::MaskedEq(CLONE_NAMESPACES),
                value: 0
            }]
        );
        let clone3 = f
            .rules
            .iter()
            .find(|r| r.names == ["clone3"])
            .expect("clone3 rule");
        assert_eq!(clone3.action, Action::Errno(ENOSYS));
    }

    #[test]
    fn socket_and_personality_are_argument_filtered() {
        let f = default_filter(0);
        assert!(f.rules.iter().any(|r| r.names == ["socket"]
            && r.args[0].cmp == Cmp::Ne
            && r.args[0].value == AF_VSOCK));
        assert_eq!(
            f.rules
                .iter()
                .filter(|r| r.names == ["personality"])
                .count(),
            5
        );
    }

    #[test]
    fn docker_format_with_includes_and_masks() {
        let text = r#"{
            "defaultAction": "SCMP_ACT_ALLOW",
            "syscalls": [
                {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                {"name": "mount", "action": "SCMP_ACT_ERRNO", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                {"names": ["clone"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
                {"names": ["s390_x"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["s390x"]}}
            ]
        }"#;
        let f = from_json(text, 0).unwrap();
        assert_eq!(f.default, Action::Allow);
        assert_eq!(
            f.rules.len(),
            2,
            "the CAP_SYS_ADMIN and s390x rules do not apply"
        );
        assert_eq!(f.rules[0].action, Action::Errno(13));
        assert_eq!(
            f.rules[1].args[0],
            Arg {
                index: 0,
                cmp: Cmp::MaskedEq(2114060288),
                value: 0
            }
        );
        let with_admin = from_json(
            text,
            caps::resolve(&["SYS_ADMIN".into()], &[], false).unwrap(),
        )
        .unwrap();
        assert_eq!(with_admin.rules.len(), 3);
    }

    #[test]
    fn bad_profiles_are_errors() {
        assert!(from_json("{", 0).is_err());
        assert!(from_json(r#"{"defaultAction": "SCMP_ACT_NOPE"}"#, 0).is_err());
        assert!(from_json(r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["x"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 9, "value": 0, "op": "SCMP_CMP_EQ"}]}]}"#, 0).is_err());
    }

    #[test]
    fn programs_cross_as_hex() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct P {
            #[serde(with = "hex_program")]
            program: Option<Vec<u8>>,
        }
        let p = P {
            program: Some(vec![0, 1, 0xab, 0xff]),
        };
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(text, r#"{"program":"0001abff"}"#);
        assert_eq!(serde_json::from_str::<P>(&text).unwrap(), p);
        let none = P { program: None };
        assert_eq!(
            serde_json::from_str::<P>(&serde_json::to_string(&none).unwrap()).unwrap(),
            none
        );
        assert!(serde_json::from_str::<P>(r#"{"program":"abc"}"#).is_err());
    }

    #[test]
    fn cache_keys_differ_by_filter_and_compiler() {
        let a = default_filter(0);
        let b = default_filter(caps::all());
        assert_ne!(cache_key(&a, "2.5.4"), cache_key(&b, "2.5.4"));
        assert_ne!(cache_key(&a, "2.5.4"), cache_key(&a, "2.6.0"));
        assert_eq!(cache_key(&a, "2.5.4"), cache_key(&a, "2.5.4"));
        // A file name of hex digits only, long enough not to be forced into a collision.
        let k = cache_key(&a, "2.5.4");
        assert_eq!(k.len(), 64);
        assert!(k.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn a_program_is_whole_instructions() {
        assert!(valid_program(&[6, 0, 0, 0, 0, 0, 0xff, 0x7f]));
        assert!(valid_program(&[0; 64]));
        assert!(!valid_program(&[]));
        assert!(!valid_program(&[0; 7]));
        assert!(!valid_program(&[0; 12]));
    }
}
