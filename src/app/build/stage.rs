//! One stage of a build: its base (scratch, an earlier stage, an image pulled as `--pull`
//! says), then each step: config steps applied, layer steps taken from the cache or run
//! (`run_step`, `copy`), with podman's output.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use serde_json::json;

use super::{copy, run_step};
use crate::cli::BuildArgs;
use crate::error::{Error, Result};
use crate::plan::build::config::{LayerRef, OCI_GZIP, StageState};
use crate::plan::build::context::Ignore;
use crate::plan::build::{Base, Cmd, Containerfile, Instr, Step, cache_key, parse};
use crate::plan::image_ref::ImageRef;
use crate::plan::manifest::parse_manifest;
use crate::plan::request::PullPolicy;
use crate::store::Store;
use crate::store::build_cache::{self, Entry};

/// A build under way.
pub struct Builder<'a> {
    pub store: Store,
    pub args: &'a BuildArgs,
    pub cf: &'a Containerfile,
    /// Each stage's base, expanded.
    pub bases: Vec<String>,
    /// `--build-arg`s.
    pub given: BTreeMap<String, String>,
    /// The ARGs before the first FROM (and the platform's), with their values.
    pub global: BTreeMap<String, String>,
    pub context: PathBuf,
    pub ignore: Vec<Ignore>,
    /// `--secret`s: id to file.
    pub secrets: BTreeMap<String, PathBuf>,
    /// The stages built so far.
    pub built: BTreeMap<usize, StageState>,
    pub stage_count: usize,
    /// `SOURCE_DATE_EPOCH`.
    pub epoch: Option<u64>,
    /// `--layers` (or `$BUILDAH_LAYERS`): steps are taken from and put in the cache.
    pub layers: bool,
    /// The step under way is the image's last: its layer's ID is not shown (the image's
    /// follows COMMIT, as podman prints it).
    pub last: bool,
}

/// An image's config document and layers, from the store.
pub struct ImageParts {
    pub id: String,
    pub config: serde_json::Value,
    pub layers: Vec<LayerRef>,
}

impl Builder<'_> {
    pub fn say(&self, line: &str) {
        if !self.args.quiet {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    }

    /// RFC 3339 time of a layer made now (or at `SOURCE_DATE_EPOCH`).
    pub fn now(&self) -> String {
        let secs = self.epoch.unwrap_or_else(crate::store::now);
        rfc3339(secs)
    }

    /// The values an ARG in a stage takes: a `--build-arg`, else a global ARG's value.
    fn arg_values(&self) -> BTreeMap<String, String> {
        let mut m = self.global.clone();
        m.extend(self.given.clone());
        m
    }

    /// Build stage `i` (the `n`th built). `Ok(Err(code))`: a RUN failed with `code`.
    pub fn stage(&mut self, i: usize, n: usize) -> Result<std::result::Result<StageState, u8>> {
        let cf = self.cf;
        let stage = &cf.stages[i];
        let total = stage.steps.len() + 1;
        let prefix = match self.stage_count {
            1 => String::new(),
            c => format!("[{}/{c}] ", n + 1),
        };
        self.say(&format!("{prefix}STEP 1/{total}: {}", stage.text));
        let mut triggers = Vec::new();
        let mut state = match cf.base_of(i, &self.bases[i]) {
            Base::Scratch => StageState::new(json!({}), Vec::new(), "scratch".into()),
            Base::Stage(s) => {
                let mut st = self.built.get(&s).cloned().ok_or_else(|| {
                    Error::Internal("internal error: a base stage was not built".into())
                })?;
                st.args.clear();
                st.cmd_set = false;
                st.based()
            }
            Base::Image(name) => {
                let img = self.image(&name, self.args.pull_policy())?;
                let list: Vec<String> = img.config["config"]["OnBuild"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                triggers = parse::triggers(&list, &name).map_err(Error::Usage)?;
                StageState::new(img.config, img.layers, format!("image:{}", img.id))
            }
        };
        // The base image's ONBUILD triggers run first, as buildah runs them.
        for step in &triggers {
            self.say(&format!("{prefix}ONBUILD {}", step.text));
            if let Err(code) = self.step(&mut state, step)? {
                return Ok(Err(code));
            }
        }
        for (j, step) in stage.steps.iter().enumerate() {
            self.last = n + 1 == self.stage_count && j + 1 == stage.steps.len();
            self.say(&format!("{prefix}STEP {}/{total}: {}", j + 2, step.text));
            if let Err(code) = self.step(&mut state, step)? {
                return Ok(Err(code));
            }
        }
        if n + 1 < self.stage_count {
            self.say(&format!("--> {}", &state.key[..12.min(state.key.len())]));
        }
        Ok(Ok(state))
    }

    fn step(&mut self, state: &mut StageState, step: &Step) -> Result<std::result::Result<(), u8>> {
        let at = |e: String| Error::Usage(format!("building at STEP \"{}\": {e}", step.text));
        match &step.instr {
            Instr::Run(cmd) => {
                let argv = cmd.argv(&state.shell);
                let by = match cmd {
                    Cmd::Shell(s) => format!("{} {s}", state.shell.join(" ")),
                    Cmd::Exec(v) => json!(v).to_string(),
                };
                let mode = step
                    .network
                    .clone()
                    .or(self.args.network.clone().and_then(|n| n.0));
                let network = format!("{mode:?}");
                let mounts = super::mounts::key(self, &step.mounts)?;
                let key = cache_key(
                    &state.key,
                    &format!("RUN {by} {network}\n{mounts}"),
                    &state.args,
                    None,
                );
                if self.cached(state, &key) {
                    return Ok(Ok(()));
                }
                // --runtime-flag: refused where the runtime would be, as buildah's exit 1.
                if let Err(e) = crate::app::globals::runtime_flags() {
                    let at = &step.text;
                    eprintln!("Error: building at STEP \"{at}\": while running runtime: {e}");
                    return Ok(Err(1));
                }
                let layer = match run_step::run(self, state, argv, &step.mounts, mode)? {
                    Ok(layer) => layer,
                    Err(code) => {
                        eprintln!(
                            "Error: building at STEP \"{}\": while running runtime: exit status {code}",
                            step.text
                        );
                        return Ok(Err(code));
                    }
                };
                self.made(state, key, layer, by);
            }
            Instr::Copy(spec) => {
                let plan = copy::prepare(self, state, spec).map_err(|e| match e {
                    Error::Usage(m) => at(m),
                    other => other,
                })?;
                let key = cache_key(&state.key, &plan.text, &state.args, Some(&plan.content));
                if self.cached(state, &key) {
                    return Ok(Ok(()));
                }
                let layer = copy::make(self, state, &plan)?;
                let by = format!("/bin/sh -c #(nop) {}", plan.text);
                self.made(state, key, layer, by);
            }
            other => {
                let values = self.arg_values();
                let by = state.apply(other, &values).map_err(at)?;
                state.history(&by, true);
                state.key = cache_key(&state.key, &by, &state.args, None);
            }
        }
        Ok(Ok(()))
    }

    /// Take the step's layer from the cache, when it is there (and `--no-cache` is not given).
    fn cached(&self, state: &mut StageState, key: &str) -> bool {
        if self.args.no_cache || !self.layers {
            return false;
        }
        let Some(e) = build_cache::get(&self.store, key) else {
            return false;
        };
        state.add_layer(e.layer, &e.created, &e.created_by);
        state.key = key.to_string();
        self.say(&format!("--> Using cache {key}"));
        if !self.last {
            self.say(&format!("--> {}", &key[..12]));
        }
        true
    }

    /// A step made `layer`: record it in the stage and in the cache.
    fn made(&self, state: &mut StageState, key: String, layer: LayerRef, by: String) {
        let created = self.now();
        let entry = Entry {
            layer: layer.clone(),
            created: created.clone(),
            created_by: by.clone(),
        };
        if self.layers {
            build_cache::put(&self.store, &key, &entry);
        }
        state.add_layer(layer, &created, &by);
        if !self.last {
            self.say(&format!("--> {}", &key[..12]));
        }
        state.key = key;
    }

    /// The pull policy of images named by `COPY --from` and `RUN --mount=from=`: missing,
    /// unless the build says never.
    pub fn policy_of_from(&self) -> PullPolicy {
        match self.args.pull_policy() {
            PullPolicy::Never => PullPolicy::Never,
            _ => PullPolicy::Missing,
        }
    }

    /// An image from the store, pulled first as `pull` says.
    pub fn image(&self, name: &str, pull: PullPolicy) -> Result<ImageParts> {
        let found = || -> Result<Option<usize>> {
            let index = self.store.read_index()?;
            Ok(index.find(name).map(|f| f.position()))
        };
        if pull == PullPolicy::Never && found()?.is_none() {
            // podman's words (its build tests read them), then the fix.
            return Err(Error::Usage(format!(
                "creating build container: {name}: image not known: nook pull {name} first, or build without --pull=never"
            )));
        }
        let newer = pull == PullPolicy::Newer;
        if pull == PullPolicy::Always
            || newer
            || (found()?.is_none() && pull == PullPolicy::Missing)
        {
            let r = ImageRef::parse(name).map_err(Error::Usage)?;
            let credentials = self
                .args
                .creds
                .as_deref()
                .map(crate::app::pull::parse_creds)
                .transpose()?;
            let opts = crate::image::PullOptions {
                platform: None,
                tls_verify: self.args.tls_verify,
                credentials,
                auth_file: self.args.authfile.clone(),
                progress: !self.args.quiet && std::io::stderr().is_terminal(),
                jobs: 0,
            };
            match crate::app::pull::pull_image(&r, &opts) {
                // --pull=newer: a registry that cannot tell leaves the stored image in use.
                Err(e) if newer && found()?.is_some() => eprintln!("Warning: {e}"),
                other => drop(other?),
            }
        }
        image_parts(&self.store, name)
    }
}

/// An image of the store (a name or ID): its config document and layers.
pub fn image_parts(store: &Store, name: &str) -> Result<ImageParts> {
    let index = store.read_index()?;
    let Some(f) = index.find(name) else {
        return Err(Error::Usage(format!(
            "image {name} not found: nook pull {name}, or build with --pull=missing"
        )));
    };
    let img = &index.images[f.position()];
    let manifest = parse_manifest(&store.read_blob(&img.digest)?).map_err(Error::Usage)?;
    let config: serde_json::Value = serde_json::from_slice(&store.read_blob(&img.config_digest())?)
        .map_err(|e| {
            Error::Usage(format!(
                "image {name} has a corrupt config ({e}): pull it again"
            ))
        })?;
    let layers = img
        .layers
        .iter()
        .zip(&manifest.layers)
        .map(|(l, d)| LayerRef {
            digest: l.digest.clone(),
            diff_id: l.diff_id.clone(),
            blob_size: d.size,
            size: l.size,
            media_type: match d.media_type.is_empty() {
                true => OCI_GZIP.into(),
                false => d.media_type.clone(),
            },
        })
        .collect();
    Ok(ImageParts {
        id: img.id.clone(),
        config,
        layers,
    })
}

/// Seconds since the epoch as RFC 3339 (UTC).
pub fn rfc3339(secs: u64) -> String {
    let days = secs / 86400;
    let rem = secs % 86400;
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_rfc3339() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
    }
}
