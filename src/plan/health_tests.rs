//! Unit tests of plan::health.

use super::*;

fn req(cmd: &str) -> HealthRequest {
    HealthRequest {
        cmd: Some(cmd.into()),
        ..Default::default()
    }
}

#[test]
fn a_health_cmd_is_a_shell_line_or_a_json_array() {
    assert_eq!(test_of("curl -f x").unwrap(), ["CMD-SHELL", "curl -f x"]);
    assert_eq!(test_of(r#"["ls","/"]"#).unwrap(), ["CMD", "ls", "/"]);
    assert_eq!(test_of(r#"["CMD","ls"]"#).unwrap(), ["CMD", "ls"]);
    assert_eq!(test_of("none").unwrap(), ["NONE"]);
    assert!(test_of("[1,2]").is_err());
    assert!(test_of(" ").is_err());
    assert_eq!(
        command_of(&test_of("exit 1").unwrap()).unwrap(),
        ["/bin/sh", "-c", "exit 1"]
    );
    assert_eq!(command_of(&["NONE".to_string()]), None);
}

#[test]
fn flags_override_the_images_check_and_defaults_are_podmans() {
    let image = HealthConfig {
        test: vec!["CMD".into(), "true".into()],
        interval: 5_000_000_000,
        ..Default::default()
    };
    let p = plan(&HealthRequest::default(), Some(&image))
        .unwrap()
        .unwrap();
    assert_eq!(p.command, ["true"]);
    assert_eq!(p.interval, Some(5_000_000_000));
    assert_eq!(p.timeout, DEFAULT_TIMEOUT);
    assert_eq!(p.retries, DEFAULT_RETRIES);
    let mut r = req("false");
    r.interval = Some("1s".into());
    r.retries = Some(1);
    r.timeout = Some("2".into());
    let p = plan(&r, Some(&image)).unwrap().unwrap();
    assert_eq!(p.command, ["/bin/sh", "-c", "false"]);
    assert_eq!(
        (p.interval, p.timeout, p.retries),
        (Some(1_000_000_000), 2_000_000_000, 1)
    );
    r.interval = Some("disable".into());
    assert_eq!(plan(&r, None).unwrap().unwrap().interval, None);
    let p = plan(&req("true"), None).unwrap().unwrap();
    assert_eq!(p.interval, Some(DEFAULT_INTERVAL));
}

#[test]
fn no_check_is_none_and_flags_without_a_check_are_refused() {
    let image = HealthConfig {
        test: vec!["CMD".into(), "true".into()],
        ..Default::default()
    };
    let off = HealthRequest {
        none: true,
        ..Default::default()
    };
    assert_eq!(plan(&off, Some(&image)).unwrap(), None);
    assert_eq!(plan(&req("none"), Some(&image)).unwrap(), None);
    assert_eq!(plan(&HealthRequest::default(), None).unwrap(), None);
    let lone = HealthRequest {
        retries: Some(2),
        ..Default::default()
    };
    assert!(plan(&lone, None).unwrap_err().contains("--health-cmd"));
    let bad = HealthRequest {
        interval: Some("soon".into()),
        ..req("true")
    };
    assert!(plan(&bad, None).unwrap_err().contains("--health-interval"));
}

#[test]
fn results_move_the_status_as_podmans_do() {
    let p = plan(
        &HealthRequest {
            retries: Some(2),
            start_period: Some("10s".into()),
            ..req("true")
        },
        None,
    )
    .unwrap()
    .unwrap();
    let log = |code| HealthLog {
        exit_code: code,
        ..Default::default()
    };
    let h = Health::default();
    // In the start period a failure does not count.
    let h = record(&h, &p, log(1), 1_000_000_000);
    assert_eq!((h.status.as_str(), h.failing_streak), (STARTING, 0));
    let h = record(&h, &p, log(1), 11_000_000_000);
    assert_eq!((h.status.as_str(), h.failing_streak), (STARTING, 1));
    let h = record(&h, &p, log(1), 12_000_000_000);
    assert_eq!((h.status.as_str(), h.failing_streak), (UNHEALTHY, 2));
    let h = record(&h, &p, log(0), 13_000_000_000);
    assert_eq!((h.status.as_str(), h.failing_streak), (HEALTHY, 0));
    let mut h = h;
    for _ in 0..10 {
        h = record(&h, &p, log(0), 20_000_000_000);
    }
    assert_eq!(h.log.len(), LOG_KEPT);
    assert_eq!(
        with_status("Up 3 seconds".into(), Some(&h)),
        "Up 3 seconds (healthy)"
    );
}
