//! The user's pods on disk: one record each (`pods/ID.json`) under the runtime directory,
//! beside the containers, names claimed as atomic symlinks (`pods/names/NAME`), and the
//! empty root the infra containers run nook's pause from (`pods/pause-root`).

use std::fs;
use std::io::ErrorKind;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::plan::pod::PodRecord;

pub struct Pods {
    root: PathBuf,
}

impl Pods {
    pub fn open(uid: u32) -> Result<Pods> {
        let top = super::state::runtime_dir(uid);
        super::state::mkdir_private(&top, uid)?;
        let root = top.join("pods");
        super::state::mkdir_private(&root, uid)?;
        super::state::mkdir_private(&root.join("names"), uid)?;
        Ok(Pods { root })
    }

    fn record_path(&self, id: &str) -> PathBuf {
        self.root.join(format!("{id}.json"))
    }

    /// The infra containers' root file system: an empty directory of ours (the container's
    /// root needs nothing: its PID 1 is nook, which executes nothing).
    pub fn pause_root(&self) -> Result<PathBuf> {
        let dir = self.root.join("pause-root");
        match fs::create_dir(&dir) {
            Ok(()) => Ok(dir),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(dir),
            Err(e) => Err(Error::io(format!("cannot create {}", dir.display()), e)),
        }
    }

    /// Claim the pod's name and write its record. podman's words for a name in use.
    pub fn create(&self, pod: &PodRecord) -> Result<()> {
        let link = self.root.join("names").join(&pod.name);
        match std::os::unix::fs::symlink(&pod.id, &link) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Err(Error::Usage(format!(
                    "adding pod to state: name \"{}\" is in use: pod already exists: remove it (nook pod rm {}) or choose another --name",
                    pod.name, pod.name
                )));
            }
            Err(e) => return Err(Error::io(format!("cannot create {}", link.display()), e)),
        }
        self.write(pod).inspect_err(|_| {
            let _ = fs::remove_file(&link);
        })
    }

    pub fn write(&self, pod: &PodRecord) -> Result<()> {
        let path = self.record_path(&pod.id);
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_vec_pretty(pod)
            .map_err(|e| Error::Usage(format!("cannot encode the pod record: {e}")))?;
        fs::write(&tmp, text)
            .and_then(|()| fs::rename(&tmp, &path))
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
    }

    /// Every pod, oldest first.
    pub fn list(&self) -> Vec<PodRecord> {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return Vec::new();
        };
        let mut pods: Vec<PodRecord> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
            .filter_map(|e| fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice(&b).ok())
            .collect();
        pods.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        pods
    }

    /// A pod by name, full ID or unique ID prefix.
    pub fn find(&self, key: &str) -> Option<PodRecord> {
        let all = self.list();
        if let Some(hit) = all.iter().find(|p| p.name == key || p.id == key) {
            return Some(hit.clone());
        }
        let mut prefixed = all.into_iter().filter(|p| p.id.starts_with(key));
        match (prefixed.next(), prefixed.next()) {
            (Some(one), None) if !key.is_empty() => Some(one),
            _ => None,
        }
    }

    /// Remove the pod's record and its name (its containers are gone first).
    pub fn remove(&self, pod: &PodRecord) {
        let link = self.root.join("names").join(&pod.name);
        if fs::read_link(&link).is_ok_and(|t| t.as_os_str() == pod.id.as_str()) {
            let _ = fs::remove_file(&link);
        }
        let _ = fs::remove_file(self.record_path(&pod.id));
    }
}
