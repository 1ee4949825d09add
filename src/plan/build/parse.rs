//! A Containerfile's text into stages of steps, through the `parse-dockerfile` crate (syntax,
//! continuation lines, parser directives, JSON forms, heredocs); what nook does not support
//! is refused here, naming the line.

use parse_dockerfile as pd;

use super::heredoc;
use super::runmount::{RunMount, parse_mount};
use super::runstep::parse_run_network;
use super::{Cmd, Containerfile, CopySpec, Instr, Source, Stage, Step};
use crate::plan::network::Mode;

/// Parse `text` (the file is named `file` in messages).
pub fn parse(text: &str, file: &str) -> Result<Containerfile, String> {
    let (plain, run_docs) = heredoc::take_run_docs(text).map_err(|e| format!("{file}: {e}"))?;
    let df = pd::parse(&plain).map_err(|e| format!("{file}: {e}: fix the Containerfile"))?;
    let line_of = |pos: usize| text[..pos.min(text.len())].matches('\n').count() + 1;
    let mut out = Containerfile {
        global_args: Vec::new(),
        stages: Vec::new(),
    };
    for ins in &df.instructions {
        let start = keyword_start(ins);
        let line = line_of(start);
        let shown = display(&text[start..]);
        let at = |msg: String| format!("{file}:{line}: {msg}");
        if let pd::Instruction::From(f) = ins {
            let mut platform = None;
            for flag in &f.options {
                match (flag.name.value.as_ref(), &flag.value) {
                    ("platform", Some(v)) => platform = Some(v.value.to_string()),
                    (name, _) => return Err(at(unknown_flag(name, "FROM"))),
                }
            }
            out.stages.push(Stage {
                line,
                base: f.image.value.to_string(),
                name: f.as_.as_ref().map(|(_, n)| n.value.to_lowercase()),
                platform,
                text: shown,
                steps: Vec::new(),
            });
            continue;
        }
        let (mounts, network) = match ins {
            pd::Instruction::Run(r) => run_flags(&r.options).map_err(at)?,
            _ => (Vec::new(), None),
        };
        let instr = match (ins, run_docs.get(&line)) {
            (pd::Instruction::Run(_), Some(doc)) => Instr::Run(Cmd::Shell(doc.script.clone())),
            _ => instruction(ins, text, &shown).map_err(at)?,
        };
        match out.stages.last_mut() {
            Some(stage) => stage.steps.push(Step {
                line,
                text: shown,
                instr,
                mounts,
                network,
            }),
            None => match instr {
                Instr::Arg(a) => out.global_args.push(a),
                _ => return Err(at("only ARG may come before the first FROM".into())),
            },
        }
    }
    Ok(out)
}

/// RUN's flags: `--mount`s and `--network` (others refused).
type RunFlags = (Vec<RunMount>, Option<Mode>);
fn run_flags(flags: &[pd::Flag<'_>]) -> Result<RunFlags, String> {
    let (mut out, mut network) = (Vec::new(), None);
    for f in flags {
        match (f.name.value.as_ref(), &f.value) {
            ("mount", Some(v)) => out.push(parse_mount(&v.value)?),
            ("network", Some(v)) => network = parse_run_network(&v.value)?,
            (name, _) => return Err(unknown_flag(name, "RUN")),
        }
    }
    Ok((out, network))
}

fn unknown_flag(name: &str, ins: &str) -> String {
    format!("{ins} --{name} is not supported by nook build: remove it")
}

fn keyword_start(ins: &pd::Instruction<'_>) -> usize {
    use pd::Instruction as I;
    match ins {
        I::Add(i) => i.add.span.start,
        I::Arg(i) => i.arg.span.start,
        I::Cmd(i) => i.cmd.span.start,
        I::Copy(i) => i.copy.span.start,
        I::Entrypoint(i) => i.entrypoint.span.start,
        I::Env(i) => i.env.span.start,
        I::Expose(i) => i.expose.span.start,
        I::From(i) => i.from.span.start,
        I::Healthcheck(i) => i.healthcheck.span.start,
        I::Label(i) => i.label.span.start,
        I::Maintainer(i) => i.maintainer.span.start,
        I::Onbuild(i) => i.onbuild.span.start,
        I::Run(i) => i.run.span.start,
        I::Shell(i) => i.shell.span.start,
        I::Stopsignal(i) => i.stopsignal.span.start,
        I::User(i) => i.user.span.start,
        I::Volume(i) => i.volume.span.start,
        I::Workdir(i) => i.workdir.span.start,
        _ => 0,
    }
}

/// The instruction's logical line from `rest` (its text onwards): continuation lines
/// joined, comment lines inside it dropped, as podman prints a step.
fn display(rest: &str) -> String {
    let mut out = String::new();
    for line in rest.lines() {
        let t = line.trim();
        if !out.is_empty() && t.starts_with('#') {
            continue;
        }
        match t.strip_suffix('\\') {
            Some(head) => {
                out.push_str(head.trim_end());
                out.push(' ');
            }
            None => {
                out.push_str(t);
                break;
            }
        }
    }
    out.trim().to_string()
}

fn command(c: &pd::Command<'_>) -> Cmd {
    match c {
        pd::Command::Exec(v) => Cmd::Exec(v.value.iter().map(|s| s.value.to_string()).collect()),
        pd::Command::Shell(s) => Cmd::Shell(s.value.to_string()),
        _ => Cmd::Exec(Vec::new()),
    }
}

/// A RUN's shell script with its heredoc (the crate reads one, right after RUN): `RUN <<EOF`
/// alone runs the document as the script; `RUN <<EOF cmd args` runs the command with the
/// document as its input, as BuildKit does (expanded by the shell unless the delimiter was
/// quoted).
fn run_script(run: &pd::RunInstruction<'_>) -> Cmd {
    let cmd = command(&run.arguments);
    let (Cmd::Shell(s), Some(doc)) = (&cmd, run.here_docs.first()) else {
        return cmd;
    };
    let head = s.trim();
    if head.is_empty() {
        return Cmd::Shell(doc.value.to_string());
    }
    let delim = match doc.expand {
        true => "NOOK_EOF",
        false => "'NOOK_EOF'",
    };
    let mut body = doc.value.to_string();
    if !body.ends_with('\n') {
        body.push('\n');
    }
    Cmd::Shell(format!("{head} <<{delim}\n{body}NOOK_EOF\n"))
}

fn copy_spec(
    add: bool,
    flags: &[pd::Flag<'_>],
    src: &[pd::Source<'_>],
    dest: &pd::UnescapedString<'_>,
    shown: &str,
) -> Result<Instr, String> {
    let mut delims = heredoc::markers(shown).into_iter().map(|m| m.delim);
    let name = if add { "ADD" } else { "COPY" };
    let mut spec = CopySpec {
        add,
        from: None,
        chown: None,
        chmod: None,
        checksum: None,
        sources: Vec::new(),
        dest: dest.value.to_string(),
    };
    for flag in flags {
        let value = flag.value.as_ref().map(|v| v.value.to_string());
        match (flag.name.value.as_ref(), value) {
            ("from", Some(v)) if !add => spec.from = Some(v),
            ("chown", Some(v)) => spec.chown = Some(v),
            ("chmod", Some(v)) => spec.chmod = Some(v),
            ("checksum", Some(v)) if add => spec.checksum = Some(v),
            // A layer of its own is what nook makes anyway.
            ("link", _) => {}
            (n, _) => return Err(unknown_flag(n, name)),
        }
    }
    for s in src {
        spec.sources.push(match s {
            pd::Source::Path(p) => Source::Path(p.value.to_string()),
            pd::Source::HereDoc(d) => Source::Doc {
                name: delims.next().unwrap_or_else(|| "EOF".into()),
                body: d.value.to_string(),
                expand: d.expand,
            },
            _ => return Err(format!("a {name} source nook does not know")),
        });
    }
    Ok(Instr::Copy(spec))
}

fn instruction(ins: &pd::Instruction<'_>, text: &str, shown: &str) -> Result<Instr, String> {
    use pd::Instruction as I;
    let s = |u: &pd::UnescapedString<'_>| u.value.to_string();
    Ok(match ins {
        I::Run(r) => Instr::Run(run_script(r)),
        I::Copy(c) => copy_spec(false, &c.options, &c.src, &c.dest, shown)?,
        I::Add(a) => copy_spec(true, &a.options, &a.src, &a.dest, shown)?,
        I::Env(e) => Instr::Env(s(&e.arguments)),
        I::Arg(a) => Instr::Arg(s(&a.arguments)),
        I::Label(l) => Instr::Label(s(&l.arguments)),
        I::Workdir(w) => Instr::Workdir(s(&w.arguments)),
        I::User(u) => Instr::User(s(&u.arguments)),
        I::Entrypoint(e) => Instr::Entrypoint(command(&e.arguments)),
        I::Cmd(c) => Instr::Cmd(command(&c.arguments)),
        I::Expose(e) => Instr::Expose(e.arguments.iter().map(s).collect()),
        I::Volume(v) => Instr::Volume(match &v.arguments {
            pd::JsonOrStringArray::Json(a) => a.value.iter().map(s).collect(),
            pd::JsonOrStringArray::String(a) => a.iter().map(s).collect(),
        }),
        I::Stopsignal(x) => Instr::Stopsignal(s(&x.arguments)),
        I::Healthcheck(h) => match &h.arguments {
            pd::HealthcheckArguments::None { .. } => Instr::Healthcheck(None),
            pd::HealthcheckArguments::Cmd { arguments, .. } => {
                let mut flags = Vec::new();
                for f in &h.options {
                    let name = f.name.value.to_string();
                    if ![
                        "interval",
                        "timeout",
                        "start-period",
                        "start-interval",
                        "retries",
                    ]
                    .contains(&name.as_str())
                    {
                        return Err(unknown_flag(&name, "HEALTHCHECK"));
                    }
                    let v = f.value.as_ref().map(s).unwrap_or_default();
                    flags.push((name, v));
                }
                Instr::Healthcheck(Some((flags, command(arguments))))
            }
            _ => return Err("HEALTHCHECK needs CMD or NONE".into()),
        },
        I::Onbuild(o) => {
            let start = keyword_start(&o.instruction);
            Instr::Onbuild(display(&text[start..]))
        }
        I::Shell(sh) => Instr::Shell(sh.arguments.iter().map(s).collect()),
        I::Maintainer(m) => Instr::Maintainer(s(&m.name)),
        I::From(_) => return Err("FROM out of place".into()),
        _ => return Err("an instruction nook build does not know: remove it".into()),
    })
}

/// The ONBUILD triggers of a base image (its config's `OnBuild`) as steps to run right
/// after its FROM; `image` names it in messages.
pub fn triggers(list: &[String], image: &str) -> Result<Vec<Step>, String> {
    let mut out = Vec::new();
    for t in list {
        let bad = || {
            format!(
                "{image}: its ONBUILD trigger {t:?} is not one instruction nook can run: build FROM another image"
            )
        };
        let word = t
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        if ["FROM", "ONBUILD", "MAINTAINER"].contains(&word.as_str()) {
            return Err(bad());
        }
        let f = parse(&format!("FROM scratch\n{t}\n"), image).map_err(|_| bad())?;
        let mut steps = match <[Stage; 1]>::try_from(f.stages) {
            Ok([stage]) => stage.steps,
            Err(_) => return Err(bad()),
        };
        match steps.pop() {
            Some(mut step) if steps.is_empty() => {
                step.line = 0;
                out.push(step);
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}
