//! The one zip writer, for `data/all.zip` and for `build --archive`.
//! Deterministic, so that builds stay byte-identical: entries in the order
//! given, each dated by the caller (from the content or the as-of date,
//! never the clock), fixed permissions, no extra fields but the zip
//! library's own.

use chrono::{Datelike, NaiveDateTime, Timelike};
use std::io::{self, Seek, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// One entry of a zip.
pub struct ZipEntry<'a> {
    /// `/`-separated; a folder's name ends in `/`.
    pub name: &'a str,
    /// None for a folder.
    pub bytes: Option<std::borrow::Cow<'a, [u8]>>,
    /// Beijing wall-clock time (zip stores local time without a zone);
    /// None, or a time outside the zip range, is the range's earliest date
    /// (1980-01-01).
    pub modified: Option<NaiveDateTime>,
}

impl<'a> ZipEntry<'a> {
    pub fn file(name: &'a str, bytes: &'a [u8], modified: Option<NaiveDateTime>) -> Self {
        ZipEntry { name, bytes: Some(bytes.into()), modified }
    }

    /// A file whose bytes were read for it.
    pub fn owned(name: &'a str, bytes: Vec<u8>, modified: Option<NaiveDateTime>) -> Self {
        ZipEntry { name, bytes: Some(bytes.into()), modified }
    }

    pub fn folder(name: &'a str, modified: Option<NaiveDateTime>) -> Self {
        ZipEntry { name, bytes: None, modified }
    }
}

/// Writes `entries` as a zip into `sink` and returns the sink; an entry
/// that could not be read stops it.
pub fn write_zip<'a, W: Write + Seek>(
    sink: W,
    entries: impl IntoIterator<Item = io::Result<ZipEntry<'a>>>,
) -> io::Result<W> {
    let mut zip = ZipWriter::new(sink);
    for entry in entries {
        let entry = entry?;
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(zip_time(entry.modified));
        match &entry.bytes {
            None => {
                zip.add_directory(entry.name, options.unix_permissions(0o755)).map_err(io::Error::other)?
            }
            Some(bytes) => {
                let large = bytes.len() as u64 >= u64::from(u32::MAX);
                zip.start_file(entry.name, options.unix_permissions(0o644).large_file(large))
                    .map_err(io::Error::other)?;
                zip.write_all(bytes.as_ref())?;
            }
        }
    }
    zip.finish().map_err(io::Error::other)
}

/// The zip of `entries` in memory.
pub fn zip_bytes<'a>(entries: impl IntoIterator<Item = ZipEntry<'a>>) -> io::Result<Vec<u8>> {
    write_zip(io::Cursor::new(Vec::new()), entries.into_iter().map(Ok)).map(io::Cursor::into_inner)
}

/// The zip of the one-entry zips `parts`, in the order given, their
/// entries copied as compressed: the same bytes as [`zip_bytes`] of their
/// entries, but each part can be made, and its file dropped, on its own.
pub fn join<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(io::Cursor::new(Vec::new()));
    for part in parts {
        let archive = zip::ZipArchive::new(io::Cursor::new(part)).map_err(io::Error::other)?;
        zip.merge_archive(archive).map_err(io::Error::other)?;
    }
    zip.finish().map(io::Cursor::into_inner).map_err(io::Error::other)
}

fn zip_time(t: Option<NaiveDateTime>) -> DateTime {
    t.and_then(|t| {
        DateTime::from_date_and_time(
            u16::try_from(t.year()).ok()?,
            t.month() as u8,
            t.day() as u8,
            t.hour() as u8,
            t.minute() as u8,
            t.second() as u8,
        )
        .ok()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn same_entries_same_bytes_in_the_order_given_with_their_dates() {
        let t = chrono::NaiveDate::from_ymd_opt(2024, 6, 10).unwrap().and_hms_opt(8, 30, 0).unwrap();
        let long_ago = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let entries = || {
            [
                ZipEntry::file("b.csv", b"x,y\r\n", Some(t)),
                ZipEntry::folder("a/", Some(t)),
                ZipEntry::file("a/数据.json", b"[]\n", None),
                ZipEntry::file("c.txt", b"", Some(long_ago)),
            ]
        };
        let one = zip_bytes(entries()).unwrap();
        assert_eq!(one, zip_bytes(entries()).unwrap());

        let mut archive = zip::ZipArchive::new(io::Cursor::new(one)).unwrap();
        let names: Vec<String> =
            (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect();
        assert_eq!(names, ["b.csv", "a/", "a/数据.json", "c.txt"]);
        let mut first = archive.by_index(0).unwrap();
        let mtime = first.last_modified().unwrap();
        assert_eq!(
            (mtime.year(), mtime.month(), mtime.day(), mtime.hour(), mtime.minute()),
            (2024, 6, 10, 8, 30)
        );
        assert_eq!(first.unix_mode(), Some(0o100644));
        let mut text = String::new();
        first.read_to_string(&mut text).unwrap();
        assert_eq!(text, "x,y\r\n");
        drop(first);
        let folder = archive.by_index(1).unwrap();
        assert!(folder.is_dir());
        assert_eq!(folder.unix_mode(), Some(0o40755));
        drop(folder);
        // No date, or one before the zip range: the range's first day.
        for i in [2, 3] {
            let m = archive.by_index(i).unwrap().last_modified().unwrap();
            assert_eq!((m.year(), m.month(), m.day()), (1980, 1, 1));
        }
    }

    #[test]
    fn joined_parts_are_the_zip_of_their_entries() {
        let t = chrono::NaiveDate::from_ymd_opt(2024, 6, 10).unwrap().and_hms_opt(8, 30, 0).unwrap();
        let big: Vec<u8> = (0..200_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let entries = || {
            [
                ZipEntry::file("b.csv", b"x,y\r\n", Some(t)),
                ZipEntry::file("a/数据.json", &big, None),
                ZipEntry::file("c.txt", b"", Some(t)),
            ]
        };
        let parts: Vec<Vec<u8>> = entries().into_iter().map(|e| zip_bytes([e]).unwrap()).collect();
        assert_eq!(join(parts.iter().map(Vec::as_slice)).unwrap(), zip_bytes(entries()).unwrap());
        assert!(join([parts[0].as_slice(), b"not a zip".as_slice()]).is_err());
        assert!(join([parts[0].as_slice(), parts[0].as_slice()]).is_err(), "a name twice");
    }
}
