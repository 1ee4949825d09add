//! Unit tests of `heredoc`.

use super::*;

fn run_docs(text: &str) -> (String, BTreeMap<usize, RunDoc>) {
    let (out, docs) = take_run_docs(text).unwrap();
    assert_eq!(out.len(), text.len(), "positions hold");
    assert_eq!(out.lines().count(), text.lines().count(), "lines hold");
    (out, docs)
}

#[test]
fn markers_are_whole_words_with_names() {
    let m = markers("cat <<EOF <<-'A_1' <<\"B\" x<<C <<<here $((1<<2)) <<2");
    let got: Vec<_> = m
        .iter()
        .map(|m| (m.delim.as_str(), m.strip_tabs, m.quoted))
        .collect();
    assert_eq!(
        got,
        [
            ("EOF", false, false),
            ("A_1", true, true),
            ("B", false, true)
        ]
    );
    assert!(markers("echo '<<EOF'").is_empty());
}

#[test]
fn a_document_alone_is_the_script() {
    let text = "FROM x\nRUN <<EOF\necho one\necho two\nEOF\nRUN true\n";
    let (out, docs) = run_docs(text);
    assert_eq!(docs[&2].script, "echo one\necho two\n");
    assert!(out.starts_with("FROM x\nRUN _____\n"));
    assert!(out.ends_with("RUN true\n"));
    assert!(!out.contains("echo"));
}

#[test]
fn documents_after_a_command_and_flags_go_to_the_shell_as_written() {
    let text = "FROM x\nRUN --network=none cat <<A >/a && cat <<-\"B\" >/b\nfirst $HOME\nA\n\tsecond\n\tB\nCMD x\n";
    let (out, docs) = run_docs(text);
    assert_eq!(
        docs[&2].script,
        "cat <<A >/a && cat <<-\"B\" >/b\nfirst $HOME\nA\n\tsecond\n\tB\n"
    );
    assert!(out.contains("RUN --network=none cat ___ >/a && cat ______ >/b\n"));
    assert!(out.ends_with("CMD x\n"));
}

#[test]
fn tabs_are_stripped_from_a_lone_document_with_a_dash() {
    let (_, docs) = run_docs("FROM x\nRUN <<-EOF\n\techo hi\n\tEOF\n");
    assert_eq!(docs[&2].script, "echo hi\n");
}

#[test]
fn copy_documents_are_stepped_over_and_continuations_followed() {
    let text =
        "FROM x\nCOPY <<EOF /f\nRUN not an instruction\nEOF\nRUN echo \\\n  <<EOF\nhi\nEOF\n";
    let (out, docs) = run_docs(text);
    assert!(out.contains("RUN not an instruction"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[&5].script, "echo    <<EOF\nhi\nEOF\n");
}

#[test]
fn a_document_without_its_end_line_is_refused() {
    let e = take_run_docs("FROM x\nRUN <<EOF\necho\n").unwrap_err();
    assert!(
        e.contains("line 2") && e.contains("end it with a line EOF"),
        "{e}"
    );
}
