//! Unit tests of `plan::top`.

use super::*;

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

#[test]
fn descriptors_default_and_chosen() {
    assert_eq!(descriptors(&[]).unwrap(), DEFAULT);
    assert_eq!(
        descriptors(&words(&["-eo", "pid,user", "args"])).unwrap(),
        ["pid", "user", "args"]
    );
    assert!(
        descriptors(&words(&["bogus"]))
            .unwrap_err()
            .contains("unknown descriptor")
    );
}

#[test]
fn durations_as_go_prints_them() {
    assert_eq!(go_duration(0.0), "0s");
    assert_eq!(go_duration(1.5), "1.5s");
    assert_eq!(go_duration(123.0), "2m3s");
    assert_eq!(go_duration(3723.25), "1h2m3.25s");
}

#[test]
fn the_default_table() {
    let p = Proc {
        pid: 1,
        host_pid: 4242,
        ppid: 0,
        uid: 0,
        user: Some("root".into()),
        elapsed: 10.0,
        cpu: 1.0,
        comm: "sleep".into(),
        args: words(&["sleep", "1000"]),
        ..Default::default()
    };
    let q = Proc {
        pid: 7,
        ppid: 1,
        uid: 1000,
        tty: Some("pts/0".into()),
        comm: "sh".into(),
        ..Default::default()
    };
    let text = render(&descriptors(&[]).unwrap(), &[q, p]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with("USER  PID  PPID  %CPU    ELAPSED  TTY    TIME  COMMAND"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("root  1    0     10.000  10s      ?      1s    sleep 1000"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("1000  7    1     0.000   0s       pts/0  0s    sh"),
        "{text}"
    );
    let hosts = render(
        &words(&["hpid", "seccomp"]),
        &[Proc {
            host_pid: 9,
            seccomp: "2".into(),
            ..Default::default()
        }],
    );
    assert_eq!(hosts, "HPID  SECCOMP\n9     filter\n");
}

#[test]
fn ids_names_and_terminals() {
    let map = "         0       1008          1\n         1    1000000      65536\n";
    assert_eq!(inside_id(map, 1008), Some(0));
    assert_eq!(inside_id(map, 1000999), Some(1000));
    assert_eq!(inside_id(map, 5), None);
    assert_eq!(
        name_of(
            "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n",
            65534
        )
        .as_deref(),
        Some("nobody")
    );
    assert_eq!(name_of("", 0), None);
    assert_eq!(tty_name(0), None);
    assert_eq!(tty_name(34816).as_deref(), Some("pts/0"));
    assert_eq!(tty_name(34817).as_deref(), Some("pts/1"));
}

#[test]
fn stats_lines_and_formats() {
    assert_eq!(size(0), "0B");
    assert_eq!(size(999), "999B");
    assert_eq!(size(1_500_000), "1.5MB");
    assert_eq!(size(12_345), "12.35kB");
    let before = Reading {
        cpu_usec: 1_000_000,
        at_usec: 10_000_000,
        ..Default::default()
    };
    let now = Reading {
        id: "0123456789abcdef".into(),
        name: "web".into(),
        cpu_usec: 1_500_000,
        at_usec: 11_000_000,
        mem: 50_000_000,
        mem_limit: Some(100_000_000),
        host_mem: 8_000_000_000,
        pids: 3,
        block_read: 1000,
        block_write: 0,
        net_rx: 10,
        net_tx: 20,
    };
    let f = fields(&now, Some(&before), 0);
    assert_eq!(f["CPUPerc"], "50.00%");
    assert_eq!(f["MemUsage"], "50MB / 100MB");
    assert_eq!(f["MemPerc"], "50.00%");
    assert_eq!(f["ID"], "0123456789ab");
    assert_eq!(f["PIDs"], "3");
    assert_eq!(f["BlockIO"], "1kB / 0B");
    // The first reading: over the container's life.
    assert_eq!(fields(&now, None, 3_000_000)["CPUPerc"], "50.00%");
    let out = format_stats("{{.Name}} {{ .PIDs }}", std::slice::from_ref(&f)).unwrap();
    assert_eq!(out, "web 3\n");
    let out = format_stats("table {{.Name}}\\t{{.CPUPerc}}", std::slice::from_ref(&f)).unwrap();
    assert_eq!(out, "NAME\tCPU %\nweb\t50.00%\n");
    assert!(
        format_stats("{{.Nope}}", std::slice::from_ref(&f))
            .unwrap_err()
            .contains("unknown field")
    );
    assert!(
        format_stats("json", &[f])
            .unwrap()
            .contains("\"Name\": \"web\"")
    );
}
