//! Bridge networks on disk: one JSON record each (`plan::network::ipam::NetworkRecord`,
//! podman's shape) in `networks/` beside the volumes (`$XDG_DATA_HOME/nook/networks/NAME.json`),
//! written whole and renamed, so a reader sees all of a record or none. The default network
//! (`nook`, 10.88.0.0/16, what `--network bridge` means) is made on first use.

use std::fs;
use std::io::ErrorKind;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::plan::network::ipam::{self, Cidr, CreateRequest, NetworkRecord};

pub struct Networks {
    dir: PathBuf,
}

/// podman's words for a network that is not there.
pub fn not_found(name: &str) -> Error {
    Error::Usage(format!(
        "unable to find network with name or ID {name}: network not found (see nook network ls, or nook network create {name})"
    ))
}

impl Networks {
    pub fn open() -> Result<Networks> {
        let volumes = crate::store::location::prepare()?.volumes;
        let dir = volumes.with_file_name("networks");
        crate::store::private::create_dir(&dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        Ok(Networks { dir })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    /// Every network, by name.
    pub fn list(&self) -> Vec<NetworkRecord> {
        let mut all: Vec<NetworkRecord> = fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
            .filter_map(|e| fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice(&b).ok())
            .collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }

    /// The network named `key` (or whose id starts with it).
    pub fn get(&self, key: &str) -> Option<NetworkRecord> {
        if ipam::valid_name(key)
            && let Ok(b) = fs::read(self.path(key))
            && let Ok(r) = serde_json::from_slice(&b)
        {
            return Some(r);
        }
        if key.len() < 3 {
            return None;
        }
        let mut by_id = self.list().into_iter().filter(|r| r.id.starts_with(key));
        match (by_id.next(), by_id.next()) {
            (Some(r), None) => Some(r),
            _ => None,
        }
    }

    /// The network `name`, the default one made when it is asked for the first time.
    pub fn resolve(&self, name: &str) -> Result<NetworkRecord> {
        if let Some(r) = self.get(name) {
            return Ok(r);
        }
        if name != ipam::DEFAULT_NETWORK {
            return Err(not_found(name));
        }
        let req = CreateRequest {
            name: name.to_string(),
            subnet: Some(ipam::DEFAULT_NETWORK_SUBNET.to_string()),
            ..Default::default()
        };
        match self.create(&req) {
            Ok(r) => Ok(r),
            // Made meanwhile by another run.
            Err(_) => self.get(name).ok_or_else(|| not_found(name)),
        }
    }

    /// Create a network as `req` says (the checks are `ipam::plan_create`'s).
    pub fn create(&self, req: &CreateRequest) -> Result<NetworkRecord> {
        let existing: Vec<(String, Cidr)> = self
            .list()
            .iter()
            .filter_map(|r| Some((r.name.clone(), r.subnet().ok()?.0)))
            .collect();
        let id = crate::host::facts::random_id()?;
        let created = crate::plan::volume::rfc3339(crate::store::now());
        let record = ipam::plan_create(req, &existing, &id, &created).map_err(Error::Usage)?;
        let path = self.path(&record.name);
        let tmp = self
            .dir
            .join(format!(".{}.{}.tmp", record.name, std::process::id()));
        let text = serde_json::to_string_pretty(&record)
            .map_err(|e| Error::Internal(format!("internal error: {e}")))?;
        let io = |e| Error::io(format!("cannot write {}", path.display()), e);
        fs::write(&tmp, text).map_err(io)?;
        // A hard link fails when the name is taken: two creates at once make one network.
        let linked = fs::hard_link(&tmp, &path);
        let _ = fs::remove_file(&tmp);
        match linked {
            Ok(()) => Ok(record),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(Error::Usage(format!(
                "network name {} already used: network already exists (choose another name, or pass --ignore)",
                record.name
            ))),
            Err(e) => Err(io(e)),
        }
    }

    pub fn remove(&self, name: &str) -> Result<()> {
        let path = self.path(name);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Err(not_found(name)),
            Err(e) => Err(Error::io(format!("cannot remove {}", path.display()), e)),
        }
    }
}
