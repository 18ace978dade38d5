//! Writing the site: atomically, and never over a user's files.
//!
//! The site is written into a new folder beside the output folder and
//! swapped in only when complete, so a failed build leaves the previous
//! site exactly as it was. An output folder is replaced only when it is
//! empty or holds an earlier gongkai build (it has a manifest) with nothing
//! added by hand; kept files and OS junk do not count (see below).

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Written into every build; its presence marks a folder as gongkai output.
pub const MANIFEST: &str = ".gongkai-manifest.json";

/// Files a repository keeps in an otherwise generated folder; they are
/// carried over into each new build.
const KEPT: &[&str] = &[".gitkeep", ".gitignore"];

/// Files that Windows Explorer and the macOS Finder leave in any folder
/// they have shown (thumbnail caches, folder settings). They are not the
/// user's work: they do not make a folder foreign, and they go with the
/// old build when it is replaced.
const OS_JUNK: &[&str] = &["Thumbs.db", "desktop.ini", ".DS_Store"];

#[derive(Debug)]
pub enum OutDirProblem {
    /// Wrong usage: the output path is a file.
    NotAFolder,
    /// Wrong usage: the folder holds files gongkai did not write: the
    /// first one (relative to the folder, `/`-separated) and how many more.
    NotOurs {
        first: String,
        more: usize,
    },
    Io(io::Error),
}

/// Whether `out` may be replaced: missing, or holding only an earlier
/// build (with its manifest), kept files and OS junk.
pub fn check_replaceable(out: &Path) -> Result<(), OutDirProblem> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(OutDirProblem::NotAFolder);
    }
    // A file put into an earlier build by hand is the user's, not ours to
    // delete. (With an unreadable manifest the caller reports it and asks
    // `check_replaceable_by` once it knows the files of the new build.)
    let written: HashSet<String> = match super::manifest::read(out) {
        Ok(Some(m)) => m.files.into_iter().map(|f| f.path).collect(),
        Ok(None) => HashSet::new(),
        Err(_) => return Ok(()),
    };
    check_only_written(out, &written)
}

/// Whether `out`, whose manifest cannot be read, may be replaced by a build
/// of `files`: without the list of what the earlier build wrote, only the
/// files the new build writes again (and kept files, OS junk) are taken as ours.
pub fn check_replaceable_by<'a>(
    out: &Path,
    files: impl Iterator<Item = &'a str>,
) -> Result<(), OutDirProblem> {
    if !out.exists() {
        return Ok(());
    }
    check_only_written(out, &files.map(str::to_string).collect())
}

fn check_only_written(out: &Path, written: &HashSet<String>) -> Result<(), OutDirProblem> {
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| OutDirProblem::Io(e.into()))?;
        if entry.file_type().is_dir() || is_os_junk(entry.file_name()) {
            continue;
        }
        let rel = entry.path().strip_prefix(out).map(crate::content::ids::slash_path).unwrap_or_default();
        if !written.contains(&rel) && rel != MANIFEST && !KEPT.contains(&rel.as_str()) {
            foreign.push(rel);
        }
    }
    let more = foreign.len().saturating_sub(1);
    foreign.into_iter().next().map_or(Ok(()), |first| Err(OutDirProblem::NotOurs { first, more }))
}

fn is_os_junk(name: &OsStr) -> bool {
    OS_JUNK.iter().any(|junk| name.eq_ignore_ascii_case(junk))
}

/// Writes the single file `dest` (a change list, an archive) through a
/// temporary file beside it, renamed into place when complete, so a failure
/// leaves no half-written file; creates its folder.
pub fn write_file(dest: &Path, fill: impl FnOnce(fs::File) -> io::Result<()>) -> io::Result<()> {
    if let Some(dir) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dest.with_file_name(format!(".{name}.gongkai-tmp"));
    let result = fs::File::create(&temp).and_then(fill).and_then(|()| fs::rename(&temp, dest));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Writes a new file (a scaffold), never over an existing one; creates its folder.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    io::Write::write_all(&mut fs::OpenOptions::new().write(true).create_new(true).open(path)?, bytes)
}

/// The folder that holds `out` and the name of `out` in it: the staging
/// folder, the previous build and the lock live beside the output.
fn beside(out: &Path) -> (PathBuf, String) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    (parent, name)
}

/// The right to write one output folder, held from before its earlier
/// build is read until the new one is in place: two builds started at once
/// (two windows, a double-click) would otherwise share a staging folder
/// and break each other. It is an advisory lock on a file beside the
/// output, which the system releases when the process ends, however it
/// ends, so a killed build never blocks the next one.
#[derive(Debug)]
pub struct OutLock {
    file: fs::File,
    path: PathBuf,
}

#[derive(Debug)]
pub enum LockProblem {
    /// Another process holds the lock: its path.
    Held(PathBuf),
    Io(io::Error),
}

impl OutLock {
    pub fn acquire(out: &Path) -> Result<OutLock, LockProblem> {
        let (parent, name) = beside(out);
        fs::create_dir_all(&parent).map_err(LockProblem::Io)?;
        let path = parent.join(format!(".{name}.gongkai-lock"));
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(LockProblem::Io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => return Err(LockProblem::Held(path)),
                Err(fs::TryLockError::Error(e)) => return Err(LockProblem::Io(e)),
            }
            // The holder before us removes the file when it is done: a lock
            // taken on a file no longer at the path guards nothing; retry.
            if same_file(&file, &path) {
                return Ok(OutLock { file, path });
            }
        }
    }
}

impl Drop for OutLock {
    fn drop(&mut self) {
        // Removed while still locked, so nobody locks the old file after us.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// Where a build puts each file as soon as it is made. Called from many
/// threads at once.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

/// A sink that keeps nothing: `check` makes every file to check it.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }
}

/// The new site, written into a folder beside the output folder and put
/// in its place by [`Staging::commit`] only when complete: a failed or
/// refused build leaves the previous site exactly as it was (the staging
/// folder is removed when this is dropped uncommitted). The caller holds
/// the [`OutLock`] of the output folder.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    previous: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let (parent, name) = beside(out);
        fs::create_dir_all(&parent)?;
        let dir = parent.join(format!(".{name}.gongkai-new"));
        let previous = parent.join(format!(".{name}.gongkai-old"));
        // Left over by an interrupted run; ours to remove.
        for leftover in [&dir, &previous] {
            if leftover.exists() {
                fs::remove_dir_all(leftover)?;
            }
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging { dir, out: out.to_path_buf(), previous, committed: false })
    }

    /// Makes the folders of `paths` (before files are put in them in parallel).
    pub fn make_dirs<'a>(&self, paths: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let dirs: std::collections::BTreeSet<&str> =
            paths.filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir)).collect();
        for dir in dirs {
            fs::create_dir_all(self.dir.join(dir))?;
        }
        Ok(())
    }

    /// Writes the file `path` as `fill` makes it, for a file too large to
    /// make in memory first (see [`write_file`]).
    pub fn put_with(
        &self,
        path: &str,
        fill: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        write_file(&self.dir.join(path), |file| {
            let mut file = io::BufWriter::new(file);
            fill(&mut file)?;
            io::Write::flush(&mut file)
        })
    }

    /// Puts the new site in place of the output folder, with the files a
    /// repository keeps there.
    pub fn commit(mut self) -> io::Result<()> {
        for kept in KEPT {
            let from = self.out.join(kept);
            if from.is_file() {
                fs::copy(&from, self.dir.join(kept))?;
            }
        }
        swap(&self.dir, &self.out, &self.previous)?;
        self.committed = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let dest = self.dir.join(path);
        match fs::write(&dest, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(dir) = dest.parent() {
                    fs::create_dir_all(dir)?;
                }
                fs::write(&dest, bytes)
            }
            other => other,
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn swap(staging: &Path, out: &Path, previous: &Path) -> io::Result<()> {
    if out.exists() {
        fs::rename(out, previous)?;
        if let Err(e) = fs::rename(staging, out) {
            fs::rename(previous, out)?;
            return Err(e);
        }
        // The new site is in place; a leftover is removed by the next run.
        let _ = fs::remove_dir_all(previous);
    } else {
        fs::rename(staging, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// One file of a site.
    #[derive(Clone)]
    struct OutputFile {
        path: String,
        bytes: Vec<u8>,
    }

    /// Writes `files` as the new content of `out`, as a build does.
    fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<()> {
        let staging = Staging::begin(out)?;
        staging.make_dirs(files.iter().map(|f| f.path.as_str()))?;
        files.par_iter().try_for_each(|file| staging.put(&file.path, &file.bytes))?;
        staging.commit()
    }

    fn file(path: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: path.as_bytes().to_vec() }
    }

    fn earlier_build(out: &Path) {
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
        let mut bytes = Vec::new();
        super::super::manifest::write(&m, &mut bytes).unwrap();
        all.push(OutputFile { path: MANIFEST.into(), bytes });
        write_site(out, &all).unwrap();
    }

    fn foreign(out: &Path) -> (String, usize) {
        match check_replaceable(out) {
            Err(OutDirProblem::NotOurs { first, more }) => (first, more),
            other => panic!("{other:?}"),
        }
    }

    /// The manifest is written as it is serialized: a failure on the way
    /// is an error, and the earlier build stays as it was.
    #[test]
    fn a_file_written_as_it_is_made_can_fail_and_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        earlier_build(&out);
        let before = fs::read(out.join(MANIFEST)).unwrap();
        let staging = Staging::begin(&out).unwrap();
        let failed = staging.put_with(MANIFEST, |w| {
            w.write_all(b"{\"files\": [")?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "disk full");
        drop(staging);
        assert_eq!(fs::read(out.join(MANIFEST)).unwrap(), before);
        assert!(!dir.path().join(".public.gongkai-new").exists());

        let staging = Staging::begin(&out).unwrap();
        staging.put_with("a.txt", |w| w.write_all(b"whole")).unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read(out.join("a.txt")).unwrap(), b"whole");
    }

    #[test]
    fn an_earlier_build_is_replaced_but_files_added_by_hand_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        earlier_build(&out);
        fs::write(out.join(".gitkeep"), "").unwrap();
        assert!(check_replaceable(&out).is_ok());

        fs::create_dir_all(out.join("issues/01/own")).unwrap();
        fs::write(out.join("issues/01/own/note.txt"), "mine").unwrap();
        assert_eq!(foreign(&out), ("issues/01/own/note.txt".to_string(), 0));
        fs::write(out.join("google1234.html"), "mine").unwrap();
        fs::write(out.join("issues/.gitkeep"), "").unwrap();
        assert_eq!(foreign(&out), ("google1234.html".to_string(), 2));
    }

    #[test]
    fn a_folder_of_the_users_is_named_by_its_first_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mine");
        fs::create_dir_all(out.join("b")).unwrap();
        fs::write(out.join("b/c.jpg"), "").unwrap();
        fs::write(out.join("a.docx"), "").unwrap();
        assert_eq!(foreign(&out), ("a.docx".to_string(), 1));
        let file = dir.path().join("file.txt");
        fs::write(&file, "").unwrap();
        assert!(matches!(check_replaceable(&file), Err(OutDirProblem::NotAFolder)));
    }

    #[test]
    fn os_junk_is_not_the_users_and_goes_with_the_old_build() {
        let dir = tempfile::tempdir().unwrap();
        // A folder that Explorer or the Finder has shown, empty otherwise.
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("empty")).unwrap();
        fs::write(out.join("Thumbs.db"), "").unwrap();
        fs::write(out.join(".DS_Store"), "").unwrap();
        assert!(check_replaceable(&out).is_ok());
        // An earlier build browsed on Windows and on a Mac.
        earlier_build(&out);
        for junk in ["Thumbs.db", "issues/01/desktop.ini", "issues/DESKTOP.INI", ".DS_Store"] {
            fs::write(out.join(junk), "").unwrap();
        }
        assert!(check_replaceable(&out).is_ok());
        write_site(&out, &[file("index.html")]).unwrap();
        let left: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(&out).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["index.html"]);
    }
}
