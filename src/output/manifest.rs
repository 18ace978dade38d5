//! The release manifest: every file of a build with its size and SHA-256,
//! so that the uploader can tell what changed and verify what was copied,
//! and the published content of the release, so that the next build can
//! tell what it changes (the 本次更新 page). It lives in the output folder
//! as `.gongkai-manifest.json`, a file no page links to.

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

/// Writes the manifest file: indented at the top, each file (and each
/// entry of the release) on a line of its own, so that it reads and diffs
/// by line and stays small (a site of ten thousand issues lists 170,000
/// files). Written as it is serialized: it is tens of megabytes.
pub fn write(m: &Manifest, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut json = serde_json::Serializer::with_formatter(&mut *out, Lines::default());
    m.serialize(&mut json)?;
    out.write_all(b"\n")
}

/// serde_json's pretty layout, but an object in a list (a file, a note of
/// the release) is written compactly, on one line.
#[derive(Default)]
struct Lines {
    /// Each open list (true) or object (false), and whether it is compact.
    open: Vec<(bool, bool)>,
    pretty: serde_json::ser::PrettyFormatter<'static>,
}

impl Lines {
    fn compact(&self) -> bool {
        self.open.last().is_some_and(|&(_, compact)| compact)
    }

    fn begin(&mut self, list: bool) -> bool {
        let compact = self.compact() || (!list && self.open.last().is_some_and(|&(list, _)| list));
        self.open.push((list, compact));
        compact
    }

    fn end(&mut self) -> bool {
        self.open.pop().is_some_and(|(_, compact)| compact)
    }
}

type Io = std::io::Result<()>;

/// Before a compact value or key: a comma, but for the first.
fn comma<W: ?Sized + std::io::Write>(w: &mut W, first: bool) -> Io {
    if first { Ok(()) } else { w.write_all(b",") }
}

impl serde_json::ser::Formatter for Lines {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> Io {
        if self.begin(true) { w.write_all(b"[") } else { self.pretty.begin_array(w) }
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> Io {
        if self.end() { w.write_all(b"]") } else { self.pretty.end_array(w) }
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> Io {
        if self.compact() { comma(w, first) } else { self.pretty.begin_array_value(w, first) }
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> Io {
        if self.compact() { Ok(()) } else { self.pretty.end_array_value(w) }
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> Io {
        if self.begin(false) { w.write_all(b"{") } else { self.pretty.begin_object(w) }
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> Io {
        if self.end() { w.write_all(b"}") } else { self.pretty.end_object(w) }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> Io {
        if self.compact() { comma(w, first) } else { self.pretty.begin_object_key(w, first) }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> Io {
        if self.compact() { w.write_all(b":") } else { self.pretty.begin_object_value(w) }
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> Io {
        if self.compact() { Ok(()) } else { self.pretty.end_object_value(w) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_is_on_a_line_of_its_own_and_reads_back() {
        let m = Manifest {
            generator: "gongkai".into(),
            version: "1".into(),
            as_of: "2024-06-15".into(),
            files: vec![entry("a.html", b"a"), entry("b/index.html", b"")],
            release: None,
        };
        let mut bytes = Vec::new();
        write(&m, &mut bytes).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let a = r#"    {"path":"a.html","size":1,"sha256":"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"},"#;
        assert!(text.starts_with("{\n  \"generator\": \"gongkai\",\n"), "{text}");
        assert!(text.contains(&format!("  \"files\": [\n{a}\n    {{\"path\":\"b/index.html\"")), "{text}");
        assert!(text.ends_with("}\n"));
        assert_eq!(serde_json::from_slice::<Manifest>(&bytes).unwrap(), m);
    }
}
