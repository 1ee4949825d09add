//! Unit tests of `--format`: the templates podman scripts use.

use serde_json::json;

use super::*;

fn one(t: &str, data: Json) -> String {
    render(t, &data).unwrap()
}

#[test]
fn fields_nested_fields_and_a_final_newline() {
    let c = json!({"Names": "web", "ID": "abc", "State": {"Status": "running", "Pid": 42}});
    assert_eq!(one("{{.Names}}", c.clone()), "web\n");
    assert_eq!(
        one("{{.State.Status}} {{.State.Pid}}", c.clone()),
        "running 42\n"
    );
    assert_eq!(one("{{.ID}}\\n", c), "abc\n");
    let info = json!({"Host": {"Security": {"Rootless": true}}});
    assert_eq!(one("{{.Host.Security.Rootless}}", info), "true\n");
}

#[test]
fn json_of_everything_or_part() {
    let c = json!({"Config": {"Cmd": ["sleep", "5"], "User": ""}, "Id": "x"});
    assert_eq!(
        one("{{json .Config}}", c.clone()),
        "{\"Cmd\":[\"sleep\",\"5\"],\"User\":\"\"}\n"
    );
    assert_eq!(
        one("{{json .}}", c.clone()),
        "{\"Config\":{\"Cmd\":[\"sleep\",\"5\"],\"User\":\"\"},\"Id\":\"x\"}\n"
    );
    // Go prints a list as [a b] and a map as map[k:v].
    assert_eq!(one("{{.Config.Cmd}}", c.clone()), "[sleep 5]\n");
    assert_eq!(
        one("json", c),
        pretty(&json!({"Config": {"Cmd": ["sleep", "5"], "User": ""}, "Id": "x"}))
    );
}

#[test]
fn range_index_if_len_and_case() {
    let c = json!({"Labels": {"k": "v", "a": "b"}, "Env": ["A=1", "B=2"], "Name": "Web"});
    assert_eq!(one("{{index .Labels \"k\"}}", c.clone()), "v\n");
    assert_eq!(one("{{range .Env}}{{.}};{{end}}", c.clone()), "A=1;B=2;\n");
    assert_eq!(
        one(
            "{{range $k, $v := .Labels}}{{$k}}={{$v}} {{end}}",
            c.clone()
        ),
        "a=b k=v \n"
    );
    assert_eq!(
        one("{{if .Labels}}yes{{else}}no{{end}}", c.clone()),
        "yes\n"
    );
    assert_eq!(one("{{len .Env}}", c.clone()), "2\n");
    assert_eq!(
        one("{{upper .Name}} {{lower .Name}}", c.clone()),
        "WEB web\n"
    );
    assert_eq!(one("{{join .Env \",\"}}", c.clone()), "A=1,B=2\n");
    assert_eq!(one("{{.Labels.k}}", c), "v\n");
}

#[test]
fn a_table_has_a_header_and_aligned_columns() {
    let rows = [
        json!({"ID": "0123456789ab", "Status": "Up 3 minutes", "CreatedAt": "x"}),
        json!({"ID": "ba9876543210", "Status": "Created", "CreatedAt": "y"}),
    ];
    let f = Format::parse("table {{.ID}}\\t{{.Status}}\\t{{.CreatedAt}}", "").unwrap();
    let text = f.render(&rows, &[("ID", "CONTAINER ID")], false).unwrap();
    assert_eq!(
        text,
        "CONTAINER ID  STATUS        CREATED AT\n\
         0123456789ab  Up 3 minutes  x\n\
         ba9876543210  Created       y\n"
    );
    assert_eq!(
        f.render(&rows, &[("ID", "CONTAINER ID")], true).unwrap(),
        "0123456789ab  Up 3 minutes  x\nba9876543210  Created       y\n"
    );
    // No rows: the header still shows (named in the overrides or not).
    assert_eq!(
        f.render(&[], &[("ID", "CONTAINER ID"), ("Status", "STATUS")], false)
            .unwrap(),
        "CONTAINER ID  STATUS      CREATED AT\n"
    );
    // A short column is still 12 wide, as podman's.
    let f = Format::parse("table {{.A}}\\t{{.B}}", "").unwrap();
    assert_eq!(
        f.render(&[json!({"A": "x", "B": "y"})], &[], false)
            .unwrap(),
        "A           B\nx           y\n"
    );
}

#[test]
fn without_table_there_is_no_header_and_table_alone_is_the_default() {
    let rows = [json!({"ID": "a"}), json!({"ID": "b"})];
    let f = Format::parse("{{.ID}}", "table {{.ID}}").unwrap();
    assert_eq!(f.render(&rows, &[], false).unwrap(), "a\nb\n");
    let f = Format::parse("table", "table {{.ID}}").unwrap();
    assert_eq!(f.render(&rows, &[("ID", "X")], false).unwrap(), "X\na\nb\n");
    let f = Format::parse("", "table {{.ID}}").unwrap();
    assert_eq!(f.render(&rows, &[("ID", "X")], false).unwrap(), "X\na\nb\n");
    assert!(matches!(Format::parse("json", "").unwrap(), Format::Json));
}

#[test]
fn bad_templates_are_one_line_errors() {
    let e = Format::parse("{{.ID", "").err().unwrap();
    assert!(e.starts_with("invalid --format"), "{e}");
    assert!(!e.contains('\n'), "{e}");
    let e = render("{{index .A 5}}", &json!({"A": []})).unwrap_err();
    assert!(e.contains("cannot apply --format"), "{e}");
}

#[test]
fn headers_split_names_at_capitals() {
    assert_eq!(split_camel("CreatedAt"), "Created At");
    assert_eq!(split_camel("ID"), "ID");
    assert_eq!(split_camel("ImageID"), "Image ID");
    assert_eq!(split_camel("Names"), "Names");
}

#[test]
fn functions_podman_adds() {
    let d = json!({"S": "a b", "L": "a,b"});
    assert_eq!(one("{{title .S}}", d.clone()), "A B\n");
    assert_eq!(one("{{pad .S 1 2}}|", d.clone()), " a b  |\n");
    assert_eq!(one("{{truncate .S 1}}", d.clone()), "a\n");
    assert_eq!(one("{{len (split .L \",\")}}", d), "2\n");
}

#[test]
fn pretty_json_has_four_spaces() {
    assert_eq!(
        pretty(&json!([{"a": 1}])),
        "[\n    {\n        \"a\": 1\n    }\n]\n"
    );
}

#[test]
fn fields_named_by_a_template() {
    assert_eq!(
        fields("{{.ID}}\t{{ .State.Status }} {{$x.No}} {{index .Labels \"a.b\"}}"),
        ["ID", "State", "Labels"]
    );
}

#[test]
fn go_field_names_beside_jsons() {
    let v = go_names(&json!({"Id": "abc", "Image": "def"}));
    assert_eq!(one("{{.ID}} {{.Id}} {{.ImageID}}", v), "abc abc def\n");
    // An image's own Id stays; a non-string Image is no ImageID.
    let v = go_names(&json!({"Id": "x", "ID": "y", "Image": {"a": 1}}));
    assert_eq!(one("{{.ID}} {{.ImageID}}", v), "y <no value>\n");
}
