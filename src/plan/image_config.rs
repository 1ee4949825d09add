//! OCI image configs (serde), and what an image's config means for the container's process:
//! argv from Entrypoint and Cmd, Env, WorkingDir, User, ExposedPorts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::network::Proto;

/// The runtime part of an image config (`config` in the JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RuntimeConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmd: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_signal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<super::health::HealthConfig>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootFs {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub diff_ids: Vec<String>,
}

/// An image config blob (OCI image-spec config, as Docker writes it too).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(default)]
    pub config: RuntimeConfig,
    #[serde(default)]
    pub rootfs: RootFs,
}

impl ImageConfig {
    pub fn parse(bytes: &[u8]) -> Result<ImageConfig, String> {
        let c: ImageConfig = serde_json::from_slice(bytes)
            .map_err(|e| format!("the image config is not valid JSON: {e}"))?;
        if let Some(bad) = c
            .rootfs
            .diff_ids
            .iter()
            .find(|d| !super::image_ref::valid_digest(d))
        {
            return Err(format!(
                "the image config names an invalid layer diff_id {bad:?}"
            ));
        }
        Ok(c)
    }

    /// The command: `--entrypoint` replaces the image's entrypoint and drops its Cmd (as
    /// docker and podman do); arguments after the image replace Cmd.
    pub fn argv(&self, entrypoint: Option<&str>, command: &[String]) -> Vec<String> {
        let cmd: &[String] = if !command.is_empty() || entrypoint.is_some() {
            command
        } else {
            self.config.cmd.as_deref().unwrap_or(&[])
        };
        super::process::argv(
            entrypoint,
            self.config.entrypoint.as_deref().unwrap_or(&[]),
            cmd,
        )
    }

    /// The entrypoint part of `argv`'s answer: `--entrypoint`, else the image's.
    pub fn entrypoint(&self, entrypoint: Option<&str>) -> Vec<String> {
        let image = self.config.entrypoint.as_deref().unwrap_or(&[]);
        super::process::argv(entrypoint, image, &[])
    }

    pub fn env(&self) -> &[String] {
        self.config.env.as_deref().unwrap_or(&[])
    }

    pub fn working_dir(&self) -> Option<&str> {
        self.config.working_dir.as_deref().filter(|w| !w.is_empty())
    }

    pub fn user(&self) -> Option<&str> {
        self.config.user.as_deref().filter(|u| !u.is_empty())
    }

    /// `"80/tcp"`, `"53/udp"`, `"8080"` keys; ones that do not parse are ignored.
    pub fn exposed_ports(&self) -> Vec<(u16, Proto)> {
        let Some(ports) = &self.config.exposed_ports else {
            return Vec::new();
        };
        ports
            .keys()
            .filter_map(|k| {
                let (port, proto) = k.split_once('/').unwrap_or((k, "tcp"));
                let proto = match proto {
                    "tcp" => Proto::Tcp,
                    "udp" => Proto::Udp,
                    _ => return None,
                };
                Some((port.parse().ok()?, proto))
            })
            .collect()
    }
}

/// The image `nook run` was given, as the plan needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFacts {
    /// The image ID (hex digest of its config).
    pub id: String,
    /// Its first name, or its ID.
    pub name: String,
    pub config: ImageConfig,
    /// Its layer blobs, lowest first.
    pub blobs: Vec<std::path::PathBuf>,
    /// Its unpacked layer directories, lowest first.
    pub layers: Vec<std::path::PathBuf>,
    /// The root of the image store it is in.
    pub store: std::path::PathBuf,
    /// `--userns=keep-id`: `layers` are the keep-id copies, and vfs applies the blobs with
    /// this shift (`plan::keep_id`).
    pub shift: Option<super::keep_id::Shift>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(json: &str) -> ImageConfig {
        ImageConfig::parse(json.as_bytes()).unwrap()
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn argv_follows_docker_rules() {
        let c = cfg(r#"{"config":{"Entrypoint":["/bin/ep"],"Cmd":["--default"]}}"#);
        assert_eq!(c.argv(None, &[]), s(&["/bin/ep", "--default"]));
        assert_eq!(c.argv(None, &s(&["x"])), s(&["/bin/ep", "x"]));
        assert_eq!(c.argv(Some("sh"), &[]), s(&["sh"]));
        assert_eq!(c.argv(Some(""), &s(&["ls"])), s(&["ls"]));
        let c = cfg(r#"{"config":{"Cmd":["sh"]}}"#);
        assert_eq!(c.argv(None, &[]), s(&["sh"]));
        assert_eq!(c.argv(None, &s(&["ls", "-l"])), s(&["ls", "-l"]));
        assert!(cfg("{}").argv(None, &[]).is_empty());
    }

    #[test]
    fn fields_and_ports() {
        let c = cfg(
            r#"{"architecture":"amd64","os":"linux","config":{"User":"42","WorkingDir":"/srv","Env":["A=1"],
            "ExposedPorts":{"80/tcp":{},"53/udp":{},"8080":{},"x/sctp":{}}},
            "rootfs":{"type":"layers","diff_ids":[]}}"#,
        );
        assert_eq!(c.user(), Some("42"));
        assert_eq!(c.working_dir(), Some("/srv"));
        assert_eq!(c.env(), s(&["A=1"]));
        let mut p = c.exposed_ports();
        p.sort_by_key(|x| x.0);
        assert_eq!(
            p,
            vec![(53, Proto::Udp), (80, Proto::Tcp), (8080, Proto::Tcp)]
        );
        assert_eq!(cfg(r#"{"config":{"User":""}}"#).user(), None);
    }

    fn plan(args: &[&str], config: &str) -> Result<crate::plan::RunPlan, String> {
        let facts = crate::plan::run::Facts {
            uid: 1000,
            gid: 1000,
            user_name: "alice".into(),
            id: "0123456789abcdef".repeat(4),
            state_dir: "/run/user/1000/nook/containers/x".into(),
            private_dir: "/run/user/1000/nook/containers/x".into(),
            rootfs: "/run/user/1000/nook/containers/x/rootfs".into(),
            image: Some(ImageFacts {
                id: "ab".repeat(32),
                name: "localhost/x:1".into(),
                config: cfg(config),
                blobs: vec!["/s/blobs/sha256/1".into(), "/s/blobs/sha256/2".into()],
                layers: vec!["/s/layers/1".into(), "/s/layers/2".into()],
                store: "/s".into(),
                shift: None,
            }),
            storage: Some(crate::plan::overlay::StorageFacts {
                asked: Some(crate::plan::overlay::Driver::Vfs),
                machine: crate::plan::overlay::OverlayFacts {
                    kernel: (6, 1),
                    fuse: false,
                    probe: None,
                    fs: "ext4".into(),
                },
                fuse_program: None,
            }),
            ..Default::default()
        };
        crate::plan::run::build(&crate::app::run_request(args), &facts)
    }

    #[test]
    fn the_run_plan_applies_the_image() {
        let c = r#"{"config":{"Entrypoint":["/ep"],"Cmd":["x"],"Env":["PATH=/opt/bin","A=image"],
            "WorkingDir":"/srv","User":"42:7","ExposedPorts":{"80/tcp":{}}}}"#;
        let p = plan(&["--network", "none", "img"], c).unwrap();
        assert_eq!(p.process.argv, s(&["/ep", "x"]));
        assert!(p.process.env.contains(&"PATH=/opt/bin".to_string()));
        assert!(p.process.env.contains(&"A=image".to_string()));
        assert_eq!(p.process.cwd, "/srv");
        assert_eq!(
            (
                p.process.user.user.as_str(),
                p.process.user.group.as_deref()
            ),
            ("42", Some("7"))
        );
        assert_eq!(p.image.as_deref(), Some("ab".repeat(32).as_str()));
        assert!(matches!(&p.root, crate::plan::run::Root::Image { blobs, .. } if blobs.len() == 2));
        let p = plan(
            &[
                "--network",
                "none",
                "-e",
                "A=cli",
                "-w",
                "/",
                "-u",
                "0",
                "img",
            ],
            c,
        )
        .unwrap();
        assert!(p.process.env.contains(&"A=cli".to_string()));
        assert!(!p.process.env.contains(&"A=image".to_string()));
        assert_eq!(
            (p.process.cwd.as_str(), p.process.user.user.as_str()),
            ("/", "0")
        );
        let e = plan(&["--network", "none", "img"], "{}").unwrap_err();
        assert!(e.contains("has no command"), "{e}");
    }

    #[test]
    fn bad_configs() {
        assert!(ImageConfig::parse(b"not json").is_err());
        assert!(ImageConfig::parse(br#"{"rootfs":{"diff_ids":["sha256:zz"]}}"#).is_err());
    }
}
