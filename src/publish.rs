//! The release step of `gongkai build`: build the site and put it in the
//! output folder, never over a user's files and never half-written, and say
//! what changed since the build before it there. One call, one report:
//! the command line prints it, the tests read it.
//!
//! In order: take the output folder's lock, refuse a folder that is not an
//! earlier build, read the earlier build's manifest (its release is what
//! the 本次更新 page compares with), build into a staging folder beside it,
//! stop on errors (or on warnings, when strict) and remove the staging
//! folder, else put it in place of the output folder, then write the change
//! list and the hand-over archive.

use crate::build::{self, Outcome};
use crate::model::release::ReleaseHistory;
use crate::output::changes::{self, FileChange};
use crate::output::manifest::{self, Manifest, ReadProblem};
use crate::output::site_archive::{self, Format};
use crate::output::write::{self, LockProblem, OutDirProblem, OutLock, Staging};
use chrono::NaiveDate;
use std::io::{self, Write};
use std::path::PathBuf;

/// What to publish, where.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub out: PathBuf,
    pub as_of: NaiveDate,
    /// Replaces `base_url` of site.yaml (already checked).
    pub base_url: Option<String>,
    /// Warnings fail too.
    pub strict: bool,
    /// Where to write the change list.
    pub changes: Option<PathBuf>,
    /// Where to write the archive of the whole site, in which format.
    pub archive: Option<(PathBuf, Format)>,
}

/// Why nothing was published; the output folder is as it was.
#[derive(Debug)]
pub enum Refused {
    /// Another build holds the lock of the output folder (its path).
    Locked(PathBuf),
    /// The lock file cannot be made.
    Lock(io::Error),
    /// The output folder is not an earlier build, or cannot be read.
    Folder(OutDirProblem),
    /// The content has errors (or warnings, when strict): the build's
    /// diagnostics, and whether strictness refused it.
    Content { outcome: Box<Outcome>, unreadable_manifest: Option<ReadProblem>, strict: bool },
    /// Writing the site failed (before the build, when the staging folder
    /// cannot be made: no outcome).
    Write { error: io::Error, outcome: Option<Box<Outcome>>, unreadable_manifest: Option<ReadProblem> },
}

/// A site published.
#[derive(Debug)]
pub struct Published {
    pub outcome: Outcome,
    /// The earlier build's manifest could not be read: this was taken as a
    /// first build.
    pub unreadable_manifest: Option<ReadProblem>,
    /// The earlier build in the output folder, if any.
    pub previous: Option<Manifest>,
    /// The files written, as the manifest lists them (without itself).
    pub files: usize,
    /// Every file added, changed or removed since the earlier build.
    pub changes: Vec<FileChange>,
    /// This release and the one before it.
    pub release: Option<ReleaseHistory>,
    /// The change list written: its path and lines, or why it failed.
    pub change_list: Option<(PathBuf, io::Result<usize>)>,
    /// The archive written: its path, or why it failed.
    pub archive: Option<(PathBuf, io::Result<()>)>,
}

impl Published {
    /// Whether the change list or the archive failed (the site itself is published).
    pub fn extras_failed(&self) -> bool {
        self.change_list.as_ref().is_some_and(|(_, r)| r.is_err())
            || self.archive.as_ref().is_some_and(|(_, r)| r.is_err())
    }
}

impl Outcome {
    pub fn warnings(&self) -> usize {
        self.diags.iter().filter(|d| !d.is_error()).count()
    }
}

/// Builds the site of `options.root` and publishes it into `options.out`.
pub fn publish(options: &Options) -> Result<Published, Refused> {
    let out = &options.out;
    // Held until the end: the earlier build is read and replaced by this one alone.
    let _lock = OutLock::acquire(out).map_err(|e| match e {
        LockProblem::Held(path) => Refused::Locked(path),
        LockProblem::Io(e) => Refused::Lock(e),
    })?;
    write::check_replaceable(out).map_err(Refused::Folder)?;
    let (previous, unreadable_manifest) = match manifest::read(out) {
        Ok(m) => (m, None),
        Err(why) => (None, Some(why)),
    };
    let earlier = previous.as_ref().and_then(|m| m.release.clone());
    // Its list of files is read again to compare, not held through the
    // build: a province's lists 170,000 files.
    let had_previous = previous.is_some();
    drop(previous);
    let staging = Staging::begin(out).map_err(|error| Refused::Write {
        error,
        outcome: None,
        unreadable_manifest: None,
    })?;
    let outcome =
        build::build_after(&options.root, options.as_of, options.base_url.as_deref(), earlier, &staging);
    if options.strict && outcome.manifest.is_some() && outcome.warnings() > 0 {
        return Err(Refused::Content { outcome: Box::new(outcome), unreadable_manifest, strict: true });
    }
    let Some(manifest) = &outcome.manifest else {
        return Err(Refused::Content { outcome: Box::new(outcome), unreadable_manifest, strict: false });
    };
    // The earlier build's list of files, read again (see above): should it
    // have become unreadable meanwhile, that is as if it had been from the start.
    let (previous, unreadable_manifest) = match (had_previous, unreadable_manifest) {
        (true, _) => match manifest::read(out) {
            Ok(Some(m)) => (Some(m), None),
            Ok(None) => (None, Some(ReadProblem::Io(io::ErrorKind::NotFound.into()))),
            Err(why) => (None, Some(why)),
        },
        (false, why) => (None, why),
    };
    // Without the earlier manifest, only the files this build writes again count as ours.
    if unreadable_manifest.is_some() {
        write::check_replaceable_by(out, manifest.files.iter().map(|f| f.path.as_str()))
            .map_err(Refused::Folder)?;
    }
    let written = match &outcome.write_error {
        Some(e) => Err(io::Error::new(e.kind(), e.to_string())),
        None => staging
            .put_with(write::MANIFEST, |w| manifest::write(manifest, w))
            .and_then(|()| staging.commit()),
    };
    if let Err(error) = written {
        return Err(Refused::Write { error, outcome: Some(Box::new(outcome)), unreadable_manifest });
    }
    let file_changes = match &previous {
        Some(before) => changes::between(before, manifest),
        None => changes::all_added(manifest),
    };
    let change_list = options.changes.as_ref().map(|path| {
        let written = write::write_file(path, |mut f| f.write_all(changes::list(&file_changes).as_bytes()));
        (path.clone(), written.map(|()| file_changes.len()))
    });
    let archive = options.archive.as_ref().map(|(path, format)| {
        let mut files: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
        files.push(write::MANIFEST);
        (path.clone(), site_archive::write(path, *format, out, &files, options.as_of))
    });
    Ok(Published {
        files: manifest.files.len(),
        release: manifest.release.clone(),
        changes: file_changes,
        change_list,
        archive,
        previous,
        unreadable_manifest,
        outcome,
    })
}
