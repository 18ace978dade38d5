//! The release manifest: every file of a build with its size and SHA-256,
//! so that the uploader can tell what changed and verify what was copied.

use super::write::MANIFEST;
use super::{OutputFile, Site};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub generator: String,
    pub version: String,
    pub as_of: String,
    pub files: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

pub fn manifest(site: &Site, as_of: chrono::NaiveDate) -> Manifest {
    Manifest {
        generator: "gongkai".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        as_of: as_of.format("%Y-%m-%d").to_string(),
        files: site
            .files
            .iter()
            .map(|f| Entry { path: f.path.clone(), size: f.bytes.len() as u64, sha256: sha256_hex(&f.bytes) })
            .collect(),
    }
}

pub fn to_file(m: &Manifest) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(m).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile { path: MANIFEST.into(), bytes }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
