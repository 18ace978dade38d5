//! Writing the site: atomically, and never over a user's files.
//!
//! The site is written into a new folder beside the output folder and
//! swapped in only when complete, so a failed build leaves the previous
//! site exactly as it was. An output folder is replaced only when it is
//! empty or holds an earlier gongkai build (it has a manifest).

use super::OutputFile;
use rayon::prelude::*;
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

/// Whether `out` may be replaced: missing, empty (but for kept files), or
/// an earlier build. `NotOurs` names the first file that is in the way.
pub fn check_replaceable(out: &Path) -> Result<(), OutDirProblem> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(OutDirProblem::NotOurs(out.to_path_buf()));
    }
    if out.join(MANIFEST).is_file() {
        // A file put into an earlier build by hand is the user's, not ours
        // to delete. (An unreadable manifest is reported by the caller.)
        return match super::manifest::read(out) {
            Ok(Some(m)) => added_by_hand(out, &m).map_or(Ok(()), |p| Err(OutDirProblem::NotOurs(p))),
            _ => Ok(()),
        };
    }
    for entry in fs::read_dir(out).map_err(OutDirProblem::Io)? {
        let entry = entry.map_err(OutDirProblem::Io)?;
        if !KEPT.iter().any(|k| entry.file_name() == *k) {
            return Err(OutDirProblem::NotOurs(out.to_path_buf()));
        }
    }
    Ok(())
}

/// The first file under `out` that the build recorded in `m` did not write.
fn added_by_hand(out: &Path, m: &super::manifest::Manifest) -> Option<PathBuf> {
    let written: std::collections::HashSet<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .find(|p| {
            let rel = p.strip_prefix(out).map(crate::content::ids::slash_path).unwrap_or_default();
            !written.contains(rel.as_str()) && rel != MANIFEST && !KEPT.contains(&rel.as_str())
        })
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
    let dirs: std::collections::BTreeSet<PathBuf> =
        files.iter().filter_map(|f| staging.join(&f.path).parent().map(Path::to_path_buf)).collect();
    for dir in &dirs {
        fs::create_dir_all(dir)?;
    }
    // Large sites have tens of thousands of files: write them in parallel.
    files.par_iter().try_for_each(|file| fs::write(staging.join(&file.path), &file.bytes))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: path.as_bytes().to_vec() }
    }

    #[test]
    fn an_earlier_build_is_replaced_but_files_added_by_hand_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = [file("index.html"), file("issues/01/index.html")];
        let entries = files
            .iter()
            .map(|f| super::super::manifest::Entry { path: f.path.clone(), size: 0, sha256: String::new() })
            .collect();
        let m = super::super::manifest::Manifest {
            generator: "gongkai".into(),
            version: String::new(),
            as_of: String::new(),
            files: entries,
            release: None,
        };
        let mut all = files.to_vec();
        all.push(super::super::manifest::to_file(&m));
        write_site(&out, &all).unwrap();
        fs::write(out.join(".gitkeep"), "").unwrap();
        assert!(check_replaceable(&out).is_ok());

        fs::create_dir_all(out.join("issues/01/own")).unwrap();
        fs::write(out.join("issues/01/own/note.txt"), "mine").unwrap();
        match check_replaceable(&out) {
            Err(OutDirProblem::NotOurs(p)) => assert_eq!(p, out.join("issues/01/own/note.txt")),
            other => panic!("{other:?}"),
        }
    }
}
