//! `data/all.zip`: every data file in one download. Deterministic, so that
//! builds stay byte-identical: entries in the given order, each dated by
//! the content it is made from (never the clock), fixed permissions.

use super::data::DataFile;
use chrono::{Datelike, NaiveDateTime, Timelike};
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The zip of `files`.
pub fn zip(files: &[DataFile]) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for file in files {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(9))
            .unix_permissions(0o644)
            .last_modified_time(dos_time(file.updated));
        // Writing to memory fails only on a broken zip library; the data
        // files are still written on their own, so an incomplete zip is
        // the worst case.
        if zip.start_file(file.name, options).is_err() || zip.write_all(&file.bytes).is_err() {
            break;
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// Zip stores local time without a zone, which for this site is Beijing
/// time; times outside the zip range fall back to its earliest date.
fn dos_time(t: Option<NaiveDateTime>) -> DateTime {
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

    fn file(name: &'static str, text: &str, updated: Option<NaiveDateTime>) -> DataFile {
        DataFile { name, bytes: text.as_bytes().to_vec(), records: Some(1), updated }
    }

    #[test]
    fn same_files_same_bytes_and_entries_in_order() {
        let t = chrono::NaiveDate::from_ymd_opt(2024, 6, 10).unwrap().and_hms_opt(8, 0, 0).unwrap();
        let files = [file("b.csv", "x,y\r\n", Some(t)), file("a.json", "[]\n", None)];
        let one = zip(&files);
        assert_eq!(one, zip(&files));
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(one)).unwrap();
        let names: Vec<String> =
            (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect();
        assert_eq!(names, ["b.csv", "a.json"]);
        let mut entry = archive.by_index(0).unwrap();
        let mtime = entry.last_modified().unwrap();
        assert_eq!((mtime.year(), mtime.month(), mtime.day(), mtime.hour()), (2024, 6, 10, 8));
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        assert_eq!(text, "x,y\r\n");
        drop(entry);
        assert_eq!(archive.by_index(1).unwrap().last_modified().unwrap().year(), 1980);
    }
}
