//! `nook build`'s decisions: the Containerfile as stages of steps (`parse`), words and
//! variables (`words`), which stages a target needs, the cache key of each step, and how
//! each instruction changes the image config (`config`). Pure: the builder in `app/build`
//! carries them out.

pub mod config;
pub mod context;
pub mod fetch;
pub mod heredoc;
pub mod parse;
pub mod runmount;
pub mod runstep;
pub mod squash;
pub mod words;

use std::collections::BTreeMap;

use crate::plan::digest::sha256_hex;

/// A command in shell form (run by the stage's SHELL) or exec form (JSON array).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cmd {
    Shell(String),
    Exec(Vec<String>),
}

impl Cmd {
    /// The argv it runs with `shell` (`/bin/sh -c` unless SHELL said otherwise).
    pub fn argv(&self, shell: &[String]) -> Vec<String> {
        match self {
            Cmd::Shell(s) => shell.iter().cloned().chain([s.clone()]).collect(),
            Cmd::Exec(v) => v.clone(),
        }
    }
}

/// One source of COPY or ADD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A path (glob) in the context or the `--from` stage or image, or an ADD URL.
    Path(String),
    /// A here-document (`COPY <<NAME /dst`): a file named NAME holding `body` (variables
    /// expanded unless the delimiter was quoted).
    Doc {
        name: String,
        body: String,
        expand: bool,
    },
}

/// COPY and ADD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopySpec {
    pub add: bool,
    pub from: Option<String>,
    pub chown: Option<String>,
    pub chmod: Option<String>,
    /// ADD `--checksum=sha256:HEX` of a URL.
    pub checksum: Option<String>,
    pub sources: Vec<Source>,
    pub dest: String,
}

/// An instruction after FROM, its arguments as written (variables are expanded when the
/// step runs, with the values of that point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instr {
    Run(Cmd),
    Copy(CopySpec),
    Env(String),
    Arg(String),
    Label(String),
    Workdir(String),
    User(String),
    Entrypoint(Cmd),
    Cmd(Cmd),
    Expose(Vec<String>),
    Volume(Vec<String>),
    Stopsignal(String),
    /// `HEALTHCHECK NONE` (None) or `[options] CMD ...`.
    Healthcheck(Option<(Vec<(String, String)>, Cmd)>),
    /// The trigger's text, kept in the config.
    Onbuild(String),
    Shell(Vec<String>),
    Maintainer(String),
}

impl Instr {
    /// Whether the step makes a layer (RUN, COPY, ADD), else it changes the config only.
    pub fn makes_layer(&self) -> bool {
        matches!(self, Instr::Run(_) | Instr::Copy(_))
    }
}

/// One instruction and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// 1-based line of the Containerfile.
    pub line: usize,
    /// The instruction as podman prints it (`RUN make all`).
    pub text: String,
    pub instr: Instr,
    /// RUN's `--mount` flags (none for other instructions).
    pub mounts: Vec<runmount::RunMount>,
    /// RUN's `--network` (`None`: the build's).
    pub network: Option<crate::plan::network::Mode>,
}

/// `FROM image [AS name]` and the steps up to the next FROM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub line: usize,
    /// The base as written (`scratch`, an image, an earlier stage's name; variables from
    /// the ARGs before the first FROM expand in it).
    pub base: String,
    pub name: Option<String>,
    pub platform: Option<String>,
    pub text: String,
    pub steps: Vec<Step>,
}

/// A parsed Containerfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Containerfile {
    /// The ARG instructions before the first FROM, as written.
    pub global_args: Vec<String>,
    pub stages: Vec<Stage>,
}

/// What a stage's base is, once its name is expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    Scratch,
    /// An earlier stage (its index).
    Stage(usize),
    Image(String),
}

impl Containerfile {
    /// The index of the stage named or numbered `key` before stage `before`.
    pub fn stage_index(&self, key: &str, before: usize) -> Option<usize> {
        let by_name = self.stages[..before]
            .iter()
            .position(|s| s.name.as_deref() == Some(key));
        by_name.or_else(|| key.parse::<usize>().ok().filter(|&i| i < before))
    }

    /// What stage `i`'s base (expanded to `base`) is.
    pub fn base_of(&self, i: usize, base: &str) -> Base {
        if base == "scratch" {
            return Base::Scratch;
        }
        match self.stage_index(base, i) {
            Some(s) => Base::Stage(s),
            None => Base::Image(base.to_string()),
        }
    }

    /// The stage `--target` names (by name), or the last one.
    pub fn target(&self, target: Option<&str>) -> Result<usize, String> {
        match target {
            None => Ok(self.stages.len() - 1),
            Some(t) => self
                .stages
                .iter()
                .position(|s| s.name.as_deref() == Some(t))
                .ok_or_else(|| {
                    format!("the Containerfile has no stage named {t:?}: give --target one of its AS names")
                }),
        }
    }

    /// The stages `target` needs (its base chain and every `COPY --from` stage, expanded with
    /// `bases`, the expanded base of each stage), in build order.
    pub fn needed(&self, target: usize, bases: &[String]) -> Vec<usize> {
        let mut need = vec![false; self.stages.len()];
        let mut todo = vec![target];
        while let Some(i) = todo.pop() {
            if std::mem::replace(&mut need[i], true) {
                continue;
            }
            if let Base::Stage(s) = self.base_of(i, &bases[i]) {
                todo.push(s);
            }
            for step in &self.stages[i].steps {
                if let Instr::Copy(c) = &step.instr
                    && let Some(from) = &c.from
                    && let Some(s) = self.stage_index(from, i)
                {
                    todo.push(s);
                }
            }
        }
        (0..self.stages.len()).filter(|&i| need[i]).collect()
    }
}

/// The cache key of a step: its parent's key, the instruction as expanded, the build
/// arguments in scope (a RUN sees them in its environment) and the digest of what COPY or
/// ADD reads.
pub fn cache_key(
    parent: &str,
    expanded: &str,
    args: &BTreeMap<String, String>,
    content: Option<&str>,
) -> String {
    let mut text = format!("nook-build-v1\n{parent}\n{expanded}\n");
    for (k, v) in args {
        text.push_str(&format!("arg {k}={v}\n"));
    }
    if let Some(c) = content {
        text.push_str(&format!("content {c}\n"));
    }
    sha256_hex(text.as_bytes())
}

/// `--build-arg K=V` (or `K`, taken from the environment by `env`).
pub fn build_args(
    given: &[String],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for a in given {
        match a.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                out.insert(k.to_string(), v.to_string());
            }
            None if !a.is_empty() => {
                if let Some(v) = env(a) {
                    out.insert(a.clone(), v);
                }
            }
            _ => return Err(format!("invalid --build-arg {a:?}: use NAME=VALUE")),
        }
    }
    Ok(out)
}

/// Whether steps are cached (`--layers`): the flag, else `$BUILDAH_LAYERS` (1/true/yes/on
/// or 0/false/no/off; anything else is ignored), else true, as podman.
pub fn layers(flag: Option<bool>, env: Option<&str>) -> bool {
    let env = env.and_then(|v| match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" | "y" => Some(true),
        "0" | "false" | "no" | "off" | "n" => Some(false),
        _ => None,
    });
    flag.or(env).unwrap_or(true)
}

/// The build arguments every build has without an ARG naming them being needed for the
/// value (podman sets these from the host platform).
pub fn platform_args(os: &str, arch: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for (k, v) in [
        ("TARGETPLATFORM", format!("{os}/{arch}")),
        ("TARGETOS", os.to_string()),
        ("TARGETARCH", arch.to_string()),
        ("BUILDPLATFORM", format!("{os}/{arch}")),
        ("BUILDOS", os.to_string()),
        ("BUILDARCH", arch.to_string()),
    ] {
        m.insert(k.to_string(), v);
    }
    m
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
