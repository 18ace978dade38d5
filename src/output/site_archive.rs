//! The whole built site as one archive for hand-over (`build --archive`):
//! `.zip` for Windows offices, `.tar.gz` (`.tgz`) for servers. The archive
//! holds exactly the files of the build (the manifest included, so the
//! receiver can check every file), under their output paths, with folder
//! entries, in path order, every entry dated the as-of date (00:00 Beijing
//! time) with fixed permissions: the same build gives the same bytes.

use super::zip_writer::{self, ZipEntry};
use chrono::{NaiveDate, NaiveTime};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Zip,
    TarGz,
}

/// The format a file name asks for, by its extension (any letter case).
pub fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".zip") {
        Some(Format::Zip)
    } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        Some(Format::TarGz)
    } else {
        None
    }
}

/// One entry: a folder (path ends in `/`) or a file, by its path.
#[derive(Debug, PartialEq)]
enum Item<'a> {
    Dir(String),
    File(&'a str),
}

/// Folders before what they hold, everything in path order.
fn items<'a>(files: &[&'a str]) -> Vec<Item<'a>> {
    let mut dirs = BTreeSet::new();
    for f in files {
        let mut path = *f;
        while let Some((parent, _)) = path.rsplit_once('/') {
            dirs.insert(format!("{parent}/"));
            path = parent;
        }
    }
    let mut items: Vec<(String, Item)> = dirs.into_iter().map(|d| (d.clone(), Item::Dir(d))).collect();
    items.extend(files.iter().map(|f| (f.to_string(), Item::File(f))));
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items.into_iter().map(|(_, item)| item).collect()
}

/// Writes the archive of the `files` of the built site in `dir` (paths
/// relative to it) to `dest`, whole or not at all. Each file is read when
/// its turn comes, so a large site is never held in memory.
pub fn write(dest: &Path, format: Format, dir: &Path, files: &[&str], as_of: NaiveDate) -> io::Result<()> {
    super::write::write_file(dest, |file| match format {
        Format::Zip => write_zip(file, dir, files, as_of),
        Format::TarGz => write_tar_gz(file, dir, files, as_of),
    })
}

fn write_zip(file: File, dir: &Path, files: &[&str], as_of: NaiveDate) -> io::Result<()> {
    let modified = Some(as_of.and_time(NaiveTime::MIN));
    let items = items(files);
    let entries = items.iter().map(|item| match item {
        Item::Dir(d) => Ok(ZipEntry::folder(d, modified)),
        Item::File(f) => Ok(ZipEntry::owned(f, std::fs::read(dir.join(f))?, modified)),
    });
    zip_writer::write_zip(BufWriter::new(file), entries)?.into_inner().map_err(|e| e.into_error())?.sync_all()
}

fn write_tar_gz(file: File, dir: &Path, files: &[&str], as_of: NaiveDate) -> io::Result<()> {
    let mtime = as_of
        .and_time(NaiveTime::MIN)
        .and_local_timezone(crate::dates::beijing())
        .single()
        .map(|t| t.timestamp().max(0) as u64)
        .unwrap_or(0);
    // No file name and a zero time in the gzip header: same bytes every time.
    let gz = flate2::GzBuilder::new().mtime(0).write(BufWriter::new(file), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    for item in items(files) {
        let mut header = tar::Header::new_gnu();
        header.set_mtime(mtime);
        header.set_uid(0);
        header.set_gid(0);
        match item {
            Item::Dir(d) => {
                header.set_entry_type(tar::EntryType::Directory);
                header.set_mode(0o755);
                header.set_size(0);
                tar.append_data(&mut header, d, io::empty())?;
            }
            Item::File(f) => {
                let bytes = std::fs::read(dir.join(f))?;
                header.set_entry_type(tar::EntryType::Regular);
                header.set_mode(0o644);
                header.set_size(bytes.len() as u64);
                tar.append_data(&mut header, f, bytes.as_slice())?;
            }
        }
    }
    tar.into_inner()?.finish()?.into_inner().map_err(|e| e.into_error())?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of(Path::new("/tmp/site.zip")), Some(Format::Zip));
        assert_eq!(format_of(Path::new("发布包.ZIP")), Some(Format::Zip));
        assert_eq!(format_of(Path::new("site.tar.gz")), Some(Format::TarGz));
        assert_eq!(format_of(Path::new("site.tgz")), Some(Format::TarGz));
        assert_eq!(format_of(Path::new("site.rar")), None);
        assert_eq!(format_of(Path::new("site.gz")), None);
    }

    #[test]
    fn folders_come_before_their_files() {
        let files = ["a-b.html", "a/b/c.html", "a/index.html", "index.html"];
        let names: Vec<String> = items(&files)
            .into_iter()
            .map(|i| match i {
                Item::Dir(d) => d,
                Item::File(f) => f.to_string(),
            })
            .collect();
        assert_eq!(names, ["a-b.html", "a/", "a/b/", "a/b/c.html", "a/index.html", "index.html"]);
    }
}
