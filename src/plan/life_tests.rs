//! Unit tests of plan/life.rs.

use super::*;

#[test]
fn restart_policies() {
    use RestartPolicy::*;
    assert_eq!(RestartPolicy::parse("no"), Ok(No));
    assert_eq!(RestartPolicy::parse("always"), Ok(Always));
    assert_eq!(RestartPolicy::parse("unless-stopped"), Ok(UnlessStopped));
    assert_eq!(RestartPolicy::parse("on-failure"), Ok(OnFailure(None)));
    assert_eq!(RestartPolicy::parse("on-failure:2"), Ok(OnFailure(Some(2))));
    for bad in ["sometimes", "on-failure:x", "always:2", "on-failure:"] {
        assert!(RestartPolicy::parse(bad).is_err(), "{bad}");
    }
    // on-failure:2 runs three times in all: restarts after the first and second failures.
    let p = OnFailure(Some(2));
    assert!(p.restarts(1, 0, false));
    assert!(p.restarts(1, 1, false));
    assert!(!p.restarts(1, 2, false));
    assert!(!p.restarts(0, 0, false));
    assert!(Always.restarts(0, 100, false));
    assert!(!Always.restarts(1, 0, true));
    assert!(!No.restarts(1, 0, false));
}

#[test]
fn signals() {
    assert_eq!(parse_signal("SIGTERM"), Ok(15));
    assert_eq!(signal_name(15), "SIGTERM");
    assert_eq!(signal_name(6), "SIGABRT");
    assert_eq!(signal_name(40), "40");
    assert_eq!(parse_signal("term"), Ok(15));
    assert_eq!(parse_signal("KILL"), Ok(9));
    assert_eq!(parse_signal("10"), Ok(10));
    assert_eq!(parse_signal("SIGRTMIN+3"), Ok(37));
    assert!(parse_signal("SIGFOO").is_err());
    assert!(parse_signal("0").is_err());
    assert!(parse_signal("99").is_err());
}

#[test]
fn log_options() {
    assert_eq!(log_max_size(&[]), Ok(None));
    assert_eq!(log_max_size(&["max-size=10k".into()]), Ok(Some(10240)));
    assert!(log_max_size(&["max-size=ten".into()]).is_err());
    assert!(log_max_size(&["tag=x".into()]).is_err());
    assert_eq!(LogDriver::parse("journald"), Ok(LogDriver::Journald));
    assert!(LogDriver::parse("syslog").is_err());
}

#[test]
fn only_k8s_file_and_journald_keep_a_log() {
    assert!(LogDriver::K8sFile.keeps_log() && LogDriver::Journald.keeps_log());
    assert!(!LogDriver::None.keeps_log() && !LogDriver::Passthrough.keeps_log());
}

#[test]
fn labels() {
    let m = key_values(&["a=1".into(), "b".into(), "c=x=y".into()], "label").unwrap();
    assert_eq!(m["a"], "1");
    assert_eq!(m["b"], "");
    assert_eq!(m["c"], "x=y");
    assert!(key_values(&["=1".into()], "label").is_err());
}

#[test]
fn times() {
    assert_eq!(rfc3339_nano(0), "1970-01-01T00:00:00.000000000Z");
    let ns = 1_796_000_000_123_456_789;
    let text = rfc3339_nano(ns);
    assert_eq!(parse_rfc3339(&text), Some(ns));
    assert_eq!(
        parse_rfc3339("2026-12-07T01:00:00+01:00"),
        parse_rfc3339("2026-12-07T00:00:00Z")
    );
    assert_eq!(
        parse_rfc3339("2000-02-29T00:00:00Z"),
        Some(951_782_400_000_000_000)
    );
    let now = 10_000 * 1_000_000_000;
    assert_eq!(parse_time("10s", now), Ok(now - 10_000_000_000));
    assert_eq!(parse_time("1h1m", now), Ok(now - 3_660_000_000_000));
    assert_eq!(parse_time("5", now), Ok(5_000_000_000));
    assert!(parse_time("yesterday", now).is_err());
    assert!(parse_time("", now).is_err());
}

#[test]
fn log_lines() {
    let line = log_line(5, Stream::Stderr, true, b"a b");
    assert_eq!(line, b"1970-01-01T00:00:00.000000005Z stderr P a b\n");
    let e = parse_log_line(&line[..line.len() - 1]).unwrap();
    assert_eq!(e.ns, 5);
    assert_eq!(e.stream, Stream::Stderr);
    assert!(e.partial);
    assert_eq!(e.content, b"a b");
    let e = parse_log_line(b"1970-01-01T00:00:01Z stdout F ").unwrap();
    assert!(e.content.is_empty());
    assert!(parse_log_line(b"garbage").is_none());
}

#[test]
fn reconciliation() {
    assert_eq!(reconcile(true, true, Some(1), Some(2)), None);
    assert_eq!(reconcile(false, false, Some(1), Some(2)), None);
    assert_eq!(
        reconcile(true, false, Some(1), Some(2)).map(|r| r.0),
        Some(None)
    );
    assert_eq!(
        reconcile(true, false, Some(3), Some(2)).map(|r| r.0),
        Some(Some(137))
    );
    assert_eq!(
        reconcile(true, false, None, None).map(|r| r.0),
        Some(Some(137))
    );
}
