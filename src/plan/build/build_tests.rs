//! Unit tests of `plan::build`: parsing, stages, cache keys, config steps.

use std::collections::BTreeMap;

use serde_json::json;

use super::config::{StageState, join_path};
use super::parse::parse;
use super::*;

const FILE: &str = r#"# syntax=docker/dockerfile:1
ARG BASE=debian
FROM $BASE AS builder
RUN echo one \
    two
COPY --chown=42:42 --chmod=644 a.txt b/ /dst/
RUN ["sh", "-c", "echo exec"]

FROM scratch AS unused
COPY x /

FROM builder
COPY --from=builder /dst /final
RUN <<EOF
echo heredoc
EOF
RUN <<END cat > /f
text
END
ENV A=1 B="two words"
CMD ["/bin/sh"]
"#;

#[test]
fn a_containerfile_parses_into_stages_and_steps() {
    let f = parse(FILE, "Containerfile").unwrap();
    assert_eq!(f.global_args, ["BASE=debian"]);
    assert_eq!(f.stages.len(), 3);
    let s0 = &f.stages[0];
    assert_eq!(
        (s0.base.as_str(), s0.name.as_deref()),
        ("$BASE", Some("builder"))
    );
    assert_eq!(s0.steps[0].text, "RUN echo one two");
    assert_eq!(s0.steps[0].line, 4);
    let Instr::Copy(c) = &s0.steps[1].instr else {
        panic!()
    };
    assert_eq!(c.chown.as_deref(), Some("42:42"));
    assert_eq!(c.chmod.as_deref(), Some("644"));
    assert_eq!(
        c.sources,
        [Source::Path("a.txt".into()), Source::Path("b/".into())]
    );
    assert_eq!(c.dest, "/dst/");
    assert_eq!(
        s0.steps[2].instr,
        Instr::Run(Cmd::Exec(vec![
            "sh".into(),
            "-c".into(),
            "echo exec".into()
        ]))
    );
    let s2 = &f.stages[2];
    let Instr::Run(Cmd::Shell(doc)) = &s2.steps[1].instr else {
        panic!()
    };
    assert_eq!(doc.trim(), "echo heredoc");
    let Instr::Run(Cmd::Shell(with_doc)) = &s2.steps[2].instr else {
        panic!()
    };
    assert_eq!(with_doc, "<<END cat > /f\ntext\nEND\n");
}

#[test]
fn a_target_needs_its_base_chain_and_copy_from_stages() {
    let f = parse(FILE, "Containerfile").unwrap();
    let bases = vec!["debian".to_string(), "scratch".into(), "builder".into()];
    assert_eq!(f.base_of(2, "builder"), Base::Stage(0));
    assert_eq!(f.base_of(1, "scratch"), Base::Scratch);
    assert_eq!(f.base_of(0, "debian"), Base::Image("debian".into()));
    assert_eq!(f.needed(2, &bases), [0, 2]);
    assert_eq!(f.target(Some("unused")).unwrap(), 1);
    assert!(f.target(Some("nope")).unwrap_err().contains("--target"));
}

#[test]
fn bad_input_names_the_line() {
    let e = parse("FROM a\nFROBNICATE x\n", "Containerfile").unwrap_err();
    assert!(e.contains("Containerfile"), "{e}");
    let e = parse("FROM a\nRUN --security=insecure true\n", "F").unwrap_err();
    assert!(e.starts_with("F:2: RUN --security"), "{e}");
    let e = parse("FROM a\nRUN --network=bridge true\n", "F").unwrap_err();
    assert!(e.starts_with("F:2: RUN --network=bridge"), "{e}");
    let e = parse("RUN true\n", "F").unwrap_err();
    assert!(e.contains("FROM"), "{e}");
}

#[test]
fn cache_keys_change_with_each_input() {
    let args = BTreeMap::new();
    let k = cache_key("p", "RUN x", &args, None);
    assert_eq!(k, cache_key("p", "RUN x", &args, None));
    assert_ne!(k, cache_key("q", "RUN x", &args, None));
    assert_ne!(k, cache_key("p", "RUN y", &args, None));
    assert_ne!(k, cache_key("p", "RUN x", &args, Some("sha256:1")));
    let mut a2 = BTreeMap::new();
    a2.insert("V".to_string(), "1".to_string());
    assert_ne!(k, cache_key("p", "RUN x", &a2, None));
}

#[test]
fn build_args_take_values_or_the_environment() {
    let env = |k: &str| (k == "HOME").then(|| "/h".to_string());
    let a = build_args(&["A=1".into(), "HOME".into(), "NONE".into()], &env).unwrap();
    assert_eq!(a.get("A").map(String::as_str), Some("1"));
    assert_eq!(a.get("HOME").map(String::as_str), Some("/h"));
    assert!(!a.contains_key("NONE"));
    assert!(build_args(&["=x".into()], &env).is_err());
}

#[test]
fn config_steps_change_the_config() {
    let mut s = StageState::new(
        json!({"config": {"Env": ["PATH=/bin"], "Cmd": ["sh"]}, "created": "2020-01-01T00:00:00Z"}),
        Vec::new(),
        "k".into(),
    );
    let mut given = BTreeMap::new();
    given.insert("V".to_string(), "given".to_string());
    s.apply(&Instr::Arg("V=default W=w".into()), &given)
        .unwrap();
    s.apply(&Instr::Env("X=$V Y=${W}2".into()), &given).unwrap();
    assert_eq!(s.env(), ["PATH=/bin", "X=given", "Y=w2"]);
    s.apply(&Instr::Workdir("/app".into()), &given).unwrap();
    s.apply(&Instr::Workdir("sub".into()), &given).unwrap();
    assert_eq!(s.workdir(), "/app/sub");
    s.apply(&Instr::Entrypoint(Cmd::Shell("run me".into())), &given)
        .unwrap();
    assert_eq!(
        s.config["config"]["Entrypoint"],
        json!(["/bin/sh", "-c", "run me"])
    );
    // ENTRYPOINT drops an inherited CMD.
    assert!(s.config["config"].get("Cmd").is_none());
    s.apply(&Instr::Expose(vec!["80".into(), "53/UDP".into()]), &given)
        .unwrap();
    assert_eq!(
        s.config["config"]["ExposedPorts"],
        json!({"80/tcp": {}, "53/udp": {}})
    );
    s.apply(&Instr::Label("a=b".into()), &given).unwrap();
    s.apply(&Instr::User("42".into()), &given).unwrap();
    assert_eq!(s.user().as_deref(), Some("42"));
    s.apply(
        &Instr::Healthcheck(Some((
            vec![("interval".into(), "1m30s".into())],
            Cmd::Shell("true".into()),
        ))),
        &given,
    )
    .unwrap();
    assert_eq!(
        s.config["config"]["Healthcheck"]["Interval"],
        json!(90_000_000_000u64)
    );
    assert!(s.run_env().contains(&"V=given".to_string()));
    assert!(
        s.apply(&Instr::Expose(vec!["http".into()]), &given)
            .is_err()
    );
}

#[test]
fn paths_join_like_workdir() {
    assert_eq!(join_path("/a", "b/../c"), "/a/c");
    assert_eq!(join_path("/a", "/x/"), "/x");
    assert_eq!(join_path("/", "."), "/");
}

#[test]
fn heredocs_parse_in_every_form() {
    let text = "FROM a\nRUN python3 <<EOF <<-'B'\nprint(1)\nEOF\n\techo $X\n\tB\nCOPY <<one <<\"two\" /dst/\n$X\none\nnot $X\ntwo\nRUN true\n";
    let f = parse(text, "F").unwrap();
    let steps = &f.stages[0].steps;
    assert_eq!(steps.len(), 3, "{steps:?}");
    assert_eq!(
        steps[0].instr,
        Instr::Run(Cmd::Shell(
            "python3 <<EOF <<-'B'\nprint(1)\nEOF\n\techo $X\n\tB\n".into()
        ))
    );
    assert_eq!(steps[0].text, "RUN python3 <<EOF <<-'B'");
    assert_eq!(steps[1].line, 7);
    let Instr::Copy(c) = &steps[1].instr else {
        panic!("{:?}", steps[1]);
    };
    assert_eq!(
        c.sources,
        [
            Source::Doc {
                name: "one".into(),
                body: "$X\n".into(),
                expand: true
            },
            Source::Doc {
                name: "two".into(),
                body: "not $X\n".into(),
                expand: false
            }
        ]
    );
    assert_eq!(steps[2].line, 12);
    let e = parse("FROM a\nRUN <<EOF\necho\n", "F").unwrap_err();
    assert!(e.starts_with("F: line 2:"), "{e}");
}

#[test]
fn documents_expand_variables_only() {
    let vars = |n: &str| (n == "X").then(|| "x".to_string());
    let got = words::expand_doc("a $X ${X} '$X' \\$X ${Y:-d} \"q\"\n", &vars).unwrap();
    assert_eq!(got, "a x x 'x' $X d \"q\"\n");
}

#[test]
fn onbuild_triggers_become_steps() {
    let steps = parse::triggers(
        &["RUN echo hi".into(), "COPY a /b".into(), "ENV X=1".into()],
        "base",
    )
    .unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0].instr, Instr::Run(Cmd::Shell("echo hi".into())));
    assert_eq!(steps[1].text, "COPY a /b");
    for bad in [
        "FROM x",
        "ONBUILD RUN x",
        "FROBNICATE",
        "RUN --security=insecure x",
    ] {
        let e = parse::triggers(&[bad.into()], "base").unwrap_err();
        assert!(e.starts_with("base: its ONBUILD trigger"), "{e}");
    }
}

#[test]
fn layers_flag_then_buildah_layers_then_true() {
    assert!(layers(None, None));
    assert!(!layers(None, Some("false")));
    assert!(!layers(None, Some("0")));
    assert!(layers(Some(true), Some("false")));
    assert!(!layers(Some(false), Some("1")));
    assert!(layers(None, Some("maybe")));
}
