//! `nook build`, top to bottom: the Containerfile parsed, the stages the target needs built
//! step by step (`stage.rs`: cache, config steps; `run_step.rs`: RUN through the run path;
//! `copy.rs`: COPY and ADD), the image committed to the store under its names.

mod archive;
mod copy;
mod fetch;
mod heredoc;
mod layer;
mod merged;
mod mounts;
mod run_step;
mod squash;
mod stage;
mod tree;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{BuildArgs, ImageFormat};
use crate::error::{Error, Result};
use crate::host::job::HostUserns;
use crate::plan::build::config::{final_config, manifest};
use crate::plan::build::{self, context, words};
use crate::plan::image_ref::ImageRef;
use crate::plan::manifest::host_platform;
use crate::store::Store;

pub use stage::{Builder, image_parts, rfc3339};

/// A name given to `-t` (or commit): a name without a registry is `localhost/NAME`, as
/// podman names the images it makes.
pub fn local_name(name: &str) -> Result<ImageRef> {
    let first = name.split('/').next().unwrap_or("");
    let has_registry = name.contains('/') && (first.contains(['.', ':']) || first == "localhost");
    let full = match has_registry {
        true => name.to_string(),
        false => format!("localhost/{name}"),
    };
    ImageRef::parse(&full).map_err(Error::Usage)
}

/// An empty build context (`nook build -`), removed when dropped.
struct EmptyContext(PathBuf);

impl Drop for EmptyContext {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// Read a Containerfile: `-` is standard input; a relative path not found from here is
/// looked for in the context (as podman).
fn read_file(f: &Path, context: &Path) -> Result<(String, String)> {
    if f == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text)
            .map_err(|e| Error::io("cannot read the Containerfile from standard input", e))?;
        return Ok((text, "-".into()));
    }
    let path = match f.is_relative() && !f.exists() {
        true => context.join(f),
        false => f.to_path_buf(),
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            _ => e.to_string(),
        };
        Error::Usage(format!(
            "cannot read {}: {why}: give a readable Containerfile with -f",
            f.display()
        ))
    })?;
    Ok((text, path.display().to_string()))
}

/// The context directory and the Containerfile's text and name: `-f` (several are joined,
/// `-` is standard input), else Containerfile, else Dockerfile in the context. The context
/// is the argument, else the first `-f` file's directory, else the current one; `-` as the
/// context reads the Containerfile from standard input, with an empty context.
fn sources(args: &BuildArgs) -> Result<(PathBuf, String, String, Option<EmptyContext>)> {
    let stdin_context = args.context.as_deref() == Some(Path::new("-"));
    let mut empty = None;
    let context_arg = match (&args.context, args.file.first()) {
        _ if stdin_context => {
            let dir = std::env::temp_dir().join(format!("nook-build-{}", std::process::id()));
            let _ = std::fs::remove_dir(&dir);
            std::fs::create_dir(&dir)
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
            empty = Some(EmptyContext(dir.clone()));
            dir
        }
        (Some(c), _) => c.clone(),
        (None, Some(f)) if f != Path::new("-") && f.is_file() => f
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        (None, _) => PathBuf::from("."),
    };
    let context = std::fs::canonicalize(&context_arg)
        .ok()
        .filter(|p| p.is_dir())
        .ok_or_else(|| {
            Error::Usage(format!(
                "build context {} is not a directory: give an existing directory",
                context_arg.display()
            ))
        })?;
    if stdin_context {
        let (text, _) = read_file(Path::new("-"), &context)?;
        return Ok((context, text, "-".into(), empty));
    }
    if args.file.is_empty() {
        for name in ["Containerfile", "Dockerfile"] {
            let p = context.join(name);
            if p.is_file() {
                let (text, shown) = read_file(&p, &context)?;
                return Ok((context, text, shown, None));
            }
        }
        // podman's words (its build tests compare them whole).
        return Err(Error::Usage(format!(
            "no Containerfile or Dockerfile specified or found in context directory, {}: no such file or directory",
            context.display()
        )));
    }
    let mut texts = Vec::new();
    let mut shown = Vec::new();
    for f in &args.file {
        let (text, name) = read_file(f, &context)?;
        texts.push(text);
        shown.push(name);
    }
    Ok((context, texts.join("\n"), shown.join(","), None))
}

/// `--logfile`: the build's standard output and error go to the file (made or emptied), RUN
/// steps' output with them.
fn log_to(path: &Path) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| {
        Error::Usage(format!(
            "cannot write --logfile {}: {e}: give a file you may write",
            path.display()
        ))
    })?;
    let redirect =
        |e: nix::Error| Error::Usage(format!("cannot redirect the output to --logfile: {e}"));
    nix::unistd::dup2_stdout(&file).map_err(redirect)?;
    nix::unistd::dup2_stderr(&file).map_err(redirect)?;
    Ok(())
}

pub fn build(args: &BuildArgs) -> Result<u8> {
    let how = build::squash::mode(args.squash, args.squash_all).map_err(Error::Usage)?;
    crate::app::pull::auth_file_arg(args.authfile.as_deref())?;
    crate::plan::plumbing::rlimits(&args.ulimit, &[]).map_err(Error::Usage)?;
    if let Some(f) = &args.logfile {
        log_to(f)?;
    }
    let (context, text, shown, _empty) = sources(args)?;
    let cf = build::parse::parse(&text, &shown).map_err(Error::Usage)?;
    let here = host_platform();
    if let Some(p) = &args.platform {
        let want = crate::plan::manifest::parse_platform(p).map_err(Error::Usage)?;
        if want.os != here.os || want.architecture != here.architecture {
            return Err(Error::Usage(format!(
                "--platform {p}: nook builds only for this machine ({}/{}): leave --platform out",
                here.os, here.architecture
            )));
        }
    }
    let given =
        build::build_args(&args.build_arg, &|k| std::env::var(k).ok()).map_err(Error::Usage)?;
    let names = args
        .tag
        .iter()
        .map(|t| local_name(t))
        .collect::<Result<Vec<_>>>()?;
    let labels = args
        .label
        .iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(Error::Usage(format!(
                "invalid --label {l:?}: use KEY=VALUE"
            ))),
        })
        .collect::<Result<Vec<_>>>()?;
    let mut secrets = BTreeMap::new();
    for s in &args.secret {
        let (id, src) = build::runmount::parse_secret(s).map_err(Error::Usage)?;
        let path = std::fs::canonicalize(&src)
            .ok()
            .filter(|p| p.is_file())
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--secret {s}: {src} is not a readable file: give an existing file"
                ))
            })?;
        secrets.insert(id, path);
    }
    // ARGs before the first FROM: their values expand in FROM lines only.
    let mut global: BTreeMap<String, String> = build::platform_args(&here.os, &here.architecture);
    for a in &cf.global_args {
        let vars = |n: &str| global.get(n).cloned();
        for (k, default) in words::pairs(a, &vars, false).map_err(Error::Usage)? {
            if let Some(v) = given.get(&k).cloned().or(default) {
                global.insert(k, v);
            }
        }
    }
    let bases = cf
        .stages
        .iter()
        .map(|s| {
            let vars = |n: &str| global.get(n).cloned();
            words::expand_one(&s.base, &vars)
                .map_err(|e| Error::Usage(format!("{}:{}: FROM {}: {e}", shown, s.line, s.base)))
        })
        .collect::<Result<Vec<_>>>()?;
    let target = cf.target(args.target.as_deref()).map_err(Error::Usage)?;
    let needed = cf.needed(target, &bases);
    let ignore = match &args.ignorefile {
        Some(f) => context::parse_ignore(&std::fs::read_to_string(f).map_err(|e| {
            Error::Usage(format!(
                "cannot read --ignorefile {}: {e}: give a readable file",
                f.display()
            ))
        })?),
        None => [".containerignore", ".dockerignore"]
            .iter()
            .find_map(|n| std::fs::read_to_string(context.join(n)).ok())
            .map(|t| context::parse_ignore(&t))
            .unwrap_or_default(),
    };
    let store = Store::open()?;
    let mut b = Builder {
        store,
        args,
        cf: &cf,
        bases,
        given,
        global,
        context,
        ignore,
        secrets,
        built: BTreeMap::new(),
        stage_count: needed.len(),
        epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.parse().ok()),
        layers: build::layers(args.layers, std::env::var("BUILDAH_LAYERS").ok().as_deref()),
        last: false,
    };
    for (n, &i) in needed.iter().enumerate() {
        match b.stage(i, n)? {
            Ok(state) => {
                b.built.insert(i, state);
            }
            Err(code) => return Ok(code),
        }
    }
    let state = b
        .built
        .remove(&target)
        .ok_or_else(|| Error::Internal("internal error: the target stage was not built".into()))?;
    let state = match how {
        Some(how) => squash::squash(&b, state, how)?,
        None => state,
    };
    let config = final_config(&state, &labels, &here.os, &here.architecture);
    let config = serde_json::to_vec(&config).unwrap_or_default();
    let manifest = manifest(args.format == ImageFormat::Docker, &config, &state.layers);
    if !args.quiet {
        // The first name as given, as podman prints it.
        match args.tag.first() {
            Some(n) => println!("COMMIT {n}"),
            None => println!("COMMIT"),
        }
    }
    let id = b.store.import(&manifest, &config, &names, &HostUserns)?;
    if let Some(f) = &args.iidfile {
        std::fs::write(f, format!("sha256:{id}"))
            .map_err(|e| Error::io(format!("cannot write --iidfile {}", f.display()), e))?;
    }
    let mut out = std::io::stdout().lock();
    if !args.quiet {
        let _ = writeln!(out, "--> {}", &id[..12]);
        for n in &names {
            let _ = writeln!(out, "Successfully tagged {n}");
        }
    }
    let _ = writeln!(out, "{id}");
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::local_name;

    #[test]
    fn names_without_a_registry_are_local() {
        let n = |s: &str| local_name(s).unwrap().to_string();
        assert_eq!(n("myapp"), "localhost/myapp:latest");
        assert_eq!(n("me/app:v1"), "localhost/me/app:v1");
        assert_eq!(n("localhost/app"), "localhost/app:latest");
        assert_eq!(n("quay.io/x/y:2"), "quay.io/x/y:2");
        assert_eq!(n("127.0.0.1:5000/y"), "127.0.0.1:5000/y:latest");
        assert!(local_name("Bad Name").is_err());
    }
}
