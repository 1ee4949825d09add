//! Unit tests of the unit file syntax and of the `.container` translation.

use super::*;

const NOOK: &str = "/usr/bin/nook";

fn unit(text: &str) -> Generated {
    translate(
        "web",
        "/home/a/.config/nook/systemd/web.container",
        text,
        NOOK,
    )
    .unwrap()
}

fn exec_start(g: &Generated) -> String {
    g.text
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap()
        .to_string()
}

fn problem(text: &str) -> String {
    translate("web", "web.container", text, NOOK)
        .unwrap_err()
        .describe("web.container")
}

#[test]
fn sections_comments_and_continuations() {
    let text = "# a comment\n[Unit]\nDescription = My web\n\n; another\n[Container]\nExec=sh -c \\\n  # skipped inside the continuation\n  'echo hi'\nImage=alpine\n";
    let s = parse(text).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].name, "Unit");
    assert_eq!(
        s[0].entries[0],
        Entry {
            line: 3,
            key: "Description".into(),
            value: "My web".into()
        }
    );
    assert_eq!(s[1].entries[0].key, "Exec");
    assert_eq!(s[1].entries[0].line, 7);
    assert_eq!(s[1].entries[0].value, "sh -c  'echo hi'");
    assert_eq!(s[1].entries[1].line, 10);
    assert_eq!(
        parse("Image=x\n").unwrap_err(),
        Problem {
            line: 1,
            key: Some("Image".into()),
            why: "a key before the first [Section]".into()
        }
    );
    assert_eq!(parse("[Container]\njunk\n").unwrap_err().line, 2);
    assert_eq!(parse("[Container\n").unwrap_err().line, 1);
}

#[test]
fn words_as_systemd_splits_them() {
    assert_eq!(
        split_words(r#"a "b c" 'd "e"' f\ g "h\"i" 'j\k'"#).unwrap(),
        ["a", "b c", "d \"e\"", "f g", "h\"i", "j\\k"]
    );
    assert_eq!(split_words("  ").unwrap(), Vec::<String>::new());
    assert_eq!(
        split_words("A=1 B=\"two words\"").unwrap(),
        ["A=1", "B=two words"]
    );
    assert!(split_words("\"open").is_err());
    assert!(split_words("end\\").is_err());
}

#[test]
fn words_quoted_for_exec_lines() {
    assert_eq!(quote_word("plain"), "plain");
    assert_eq!(quote_word("two words"), "\"two words\"");
    assert_eq!(quote_word("50%"), "50%%");
    assert_eq!(quote_word("$HOME"), "$$HOME");
    assert_eq!(quote_word("a\"b\\c"), "\"a\\\"b\\\\c\"");
    assert_eq!(quote_word(""), "\"\"");
    // What is quoted splits back to the same words (systemd's own reading of ExecStart).
    let words = ["sh", "-c", "echo \"hi there\"; exit 3", "x\ty"];
    let line: Vec<String> = words.iter().map(|w| quote_word(w)).collect();
    assert_eq!(split_words(&line.join(" ")).unwrap(), words);
}

#[test]
fn a_container_becomes_a_foreground_run_in_the_units_cgroup() {
    let g = unit(
        "[Unit]\nDescription=Web\n[Container]\nImage=docker.io/library/nginx:latest\nPublishPort=8080:80\nVolume=%h/site:/usr/share/nginx/html:ro\nEnvironment=A=1 \"B=two words\"\nMemory=64m\nNetwork=slirp4netns\nExec=nginx -g 'daemon off;'\n[Service]\nRestart=on-failure\n[Install]\nWantedBy=default.target\n",
    );
    assert_eq!(g.unit, "web.service");
    assert_eq!(g.wants, ["default.target.wants"]);
    assert_eq!(
        exec_start(&g),
        "/usr/bin/nook run --rm --replace --name=systemd-web --cgroups=split --sdnotify=conmon \
--publish=8080:80 --volume=%%h/site:/usr/share/nginx/html:ro --env=A=1 \"--env=B=two words\" \
--memory=64m --network=slirp4netns docker.io/library/nginx:latest nginx -g \"daemon off;\""
    );
    let t = &g.text;
    for line in [
        "[Unit]",
        "Description=Web",
        "SourcePath=/home/a/.config/nook/systemd/web.container",
        "[Service]",
        "Delegate=yes",
        "Type=notify",
        "KillMode=mixed",
        "Restart=on-failure",
        "[Install]",
        "WantedBy=default.target",
    ] {
        assert!(t.lines().any(|l| l == line), "{line} missing from\n{t}");
    }
    assert!(!t.contains("[Container]"));
    assert!(!t.contains("Description=nook container"));
    // The [Service] keys of the file come after the generated ones: they win.
    let at = |l: &str| t.lines().position(|x| x == l).unwrap();
    assert!(at("Restart=on-failure") > at("KillMode=mixed"));
}

#[test]
fn other_keys_and_defaults() {
    let g = unit(
        "[Container]\nImage=alpine\nContainerName=box\nUser=1000\nGroup=100\nWorkingDir=/srv\nLabel=a=b c=d\nAnnotation=k=v\nRunInit=yes\nReadOnly=false\nPodmanArgs=--tz=UTC\nNookArgs=--hostname h\nEnvironmentFile=/etc/x.env\n",
    );
    assert_eq!(
        exec_start(&g),
        "/usr/bin/nook run --rm --replace --name=box --cgroups=split --sdnotify=conmon \
--workdir=/srv --label=a=b --label=c=d --annotation=k=v --init --env-file=/etc/x.env \
--user=1000:100 --tz=UTC --hostname h alpine"
    );
    assert!(g.text.contains("Description=nook container web\n"));
    assert!(g.wants.is_empty());
    let g = unit("[Container]\nRootfs=/srv/root\nExec=/bin/sh\n");
    assert!(exec_start(&g).ends_with(" --rootfs /srv/root /bin/sh"));
}

#[test]
fn bad_files_name_the_line_and_the_key() {
    assert_eq!(
        problem("[Container]\nImage=alpine\nFrobnicate=yes\n"),
        "web.container:3: Frobnicate: unknown key in [Container]: nook-systemd.unit(5) lists the keys nook reads"
    );
    assert_eq!(
        problem("[Container]\nImage=alpine\nMemory=lots\n"),
        "web.container:3: Memory: invalid Memory \"lots\": use a number of bytes with an optional unit, as in 64m or 1g"
    );
    assert!(
        problem("[Container]\nImage=a\nRunInit=maybe\n").starts_with("web.container:3: RunInit: ")
    );
    assert!(
        problem("[Container]\nImage=a\nNetwork=web.network\n")
            .starts_with("web.container:3: Network: ")
    );
    assert!(
        problem("[Container]\nImage=a\nPidsLimit=x\n").starts_with("web.container:3: PidsLimit: ")
    );
    assert!(
        problem("[Container]\nImage=a\nPublishPort=\n")
            .starts_with("web.container:3: PublishPort: ")
    );
    assert!(
        problem("[Container]\nImage=a\nExec=sh -c 'x\n")
            .starts_with("web.container:3: Exec: unbalanced")
    );
    assert!(
        problem("[Container]\nImage=a\nContainerName=a b\n")
            .starts_with("web.container:3: ContainerName: ")
    );
    assert!(problem("[Container]\nImage=a\nGroup=1\n").starts_with("web.container:3: Group: "));
    assert_eq!(
        problem("[Container]\nExec=true\n"),
        "web.container:1: Image: [Container] needs Image= (or Rootfs=)"
    );
    assert_eq!(
        problem("[Unit]\nDescription=x\n"),
        "web.container:1: no [Container] section"
    );
    assert!(
        problem("[Container]\nImage=a\n[Install]\nWantedBy=../x\n")
            .starts_with("web.container:4: WantedBy: ")
    );
}

#[test]
fn booleans() {
    for t in ["1", "yes", "TRUE", "on"] {
        assert_eq!(parse_bool(t), Some(true));
    }
    for f in ["0", "no", "false", "Off"] {
        assert_eq!(parse_bool(f), Some(false));
    }
    assert_eq!(parse_bool("maybe"), None);
}
