//! The release manifest: every file of a build with its size and SHA-256,
//! so that the uploader can tell what changed and verify what was copied,
//! and the published content of the release, so that the next build can
//! tell what it changes (the 本次更新 page). It lives in the output folder
//! as `.gongkai-manifest.json`, a file no page links to.

use super::OutputFile;
use super::write::MANIFEST;
use crate::digest::sha256_hex;
use crate::model::release::ReleaseHistory;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub generator: String,
    pub version: String,
    pub as_of: String,
    pub files: Vec<Entry>,
    /// Absent in manifests of gongkai before releases were recorded.
    #[serde(default)]
    pub release: Option<ReleaseHistory>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// The manifest of a build of `files` (in path order).
pub fn manifest(files: Vec<Entry>, as_of: chrono::NaiveDate, release: ReleaseHistory) -> Manifest {
    Manifest {
        generator: "gongkai".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        as_of: as_of.format("%Y-%m-%d").to_string(),
        files,
        release: Some(release),
    }
}

/// The manifest's line for one file.
pub fn entry(path: &str, bytes: &[u8]) -> Entry {
    Entry { path: path.to_string(), size: bytes.len() as u64, sha256: sha256_hex(bytes) }
}

/// Why the manifest of an earlier build could not be read.
#[derive(Debug)]
pub enum ReadProblem {
    Io(std::io::Error),
    Invalid(serde_json::Error),
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadProblem::Io(e) => f.write_str(&crate::diagnostics::io_reason(e)),
            ReadProblem::Invalid(e) => {
                write!(f, "内容不是有效的清单（第 {} 行第 {} 列有误）", e.line(), e.column())
            }
        }
    }
}

/// The manifest of the build in the output folder `out`: None when there is none.
pub fn read(out: &Path) -> Result<Option<Manifest>, ReadProblem> {
    let path = out.join(MANIFEST);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(ReadProblem::Invalid),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ReadProblem::Io(e)),
    }
}

pub fn to_file(m: &Manifest) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(m).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile { path: MANIFEST.into(), bytes }
}
