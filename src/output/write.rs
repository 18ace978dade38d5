//! Writing the site: atomically, and never over a user's files.
//!
//! The site is written into a new folder beside the output folder and
//! swapped in only when complete, so a failed build leaves the previous
//! site exactly as it was. An output folder is replaced only when it is
//! empty or holds an earlier gongkai build (it has a manifest).

use super::OutputFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Written into every build; its presence marks a folder as gongkai output.
pub const MANIFEST: &str = ".gongkai-manifest.json";

/// Files a repository keeps in an otherwise generated folder; they are
/// carried over into each new build.
const KEPT: &[&str] = &[".gitkeep", ".gitignore"];

#[derive(Debug)]
pub enum OutDirProblem {
    /// Wrong usage: the folder holds files gongkai did not write.
    NotOurs(PathBuf),
    Io(io::Error),
}

/// Whether `out` may be replaced: missing, empty (but for kept files), or an earlier build.
pub fn check_replaceable(out: &Path) -> Result<(), OutDirProblem> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(OutDirProblem::NotOurs(out.to_path_buf()));
    }
    if out.join(MANIFEST).is_file() {
        return Ok(());
    }
    for entry in fs::read_dir(out).map_err(OutDirProblem::Io)? {
        let entry = entry.map_err(OutDirProblem::Io)?;
        if !KEPT.iter().any(|k| entry.file_name() == *k) {
            return Err(OutDirProblem::NotOurs(out.to_path_buf()));
        }
    }
    Ok(())
}

/// Writes `files` as the new content of `out`, atomically.
pub fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.gongkai-new"));
    let previous = parent.join(format!(".{name}.gongkai-old"));
    // Left over by an interrupted run; ours to remove.
    for leftover in [&staging, &previous] {
        if leftover.exists() {
            fs::remove_dir_all(leftover)?;
        }
    }
    let result = fill(&staging, out, files).and_then(|()| swap(&staging, out, &previous));
    if result.is_err() && staging.exists() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, out: &Path, files: &[OutputFile]) -> io::Result<()> {
    fs::create_dir_all(staging)?;
    for file in files {
        let path = staging.join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, &file.bytes)?;
    }
    for kept in KEPT {
        let from = out.join(kept);
        if from.is_file() {
            fs::copy(&from, staging.join(kept))?;
        }
    }
    Ok(())
}

fn swap(staging: &Path, out: &Path, previous: &Path) -> io::Result<()> {
    if out.exists() {
        fs::rename(out, previous)?;
        if let Err(e) = fs::rename(staging, out) {
            fs::rename(previous, out)?;
            return Err(e);
        }
        fs::remove_dir_all(previous)?;
    } else {
        fs::rename(staging, out)?;
    }
    Ok(())
}
