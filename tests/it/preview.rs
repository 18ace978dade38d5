//! The preview's site, made again after each save from the files that
//! changed and made page by page on demand, is byte for byte the site a
//! full build writes: after edits, additions and deletions of notes,
//! issues and case tables, with the same parse cache kept throughout.

use crate::common;

use gongkai::preview::{Generation, Preview};
use std::collections::BTreeSet;
use std::path::Path;

const BASE: &str = "http://127.0.0.1:9/";

/// Every file of a full build of `root` (without the build's manifest).
fn full_build(root: &Path, as_of: &str) -> Vec<(String, Vec<u8>)> {
    let (dir, output) = common::try_build_with(root, as_of, &["--base-url", BASE]);
    let out = dir.path().join("public");
    assert!(output.status.success(), "{}", common::stderr(&output));
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&out).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        if entry.file_type().is_file() && rel != ".gongkai-manifest.json" {
            files.push((rel, std::fs::read(entry.path()).unwrap()));
        }
    }
    files
}

fn assert_same_as_build(generation: &Generation, root: &Path, as_of: &str, step: &str) {
    assert!(generation.is_site(), "{step}: {:?}", generation.diags);
    let built = full_build(root, as_of);
    let built_paths: BTreeSet<&str> = built.iter().map(|(p, _)| p.as_str()).collect();
    let paths = generation.paths();
    let preview_paths: BTreeSet<&str> = paths.iter().map(String::as_str).collect();
    assert_eq!(preview_paths, built_paths, "{step}: the files differ");
    for (path, bytes) in &built {
        let made = generation.file(path).unwrap_or_else(|| panic!("{step}: no {path}"));
        assert!(made == *bytes, "{step}: {path} differs from the build's");
    }
    let check = generation.check(Default::default());
    assert!(check.iter().all(|d| !d.is_error()), "{step}: {check:?}");
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn note_files(root: &Path) -> Vec<String> {
    let mut notes: Vec<String> = walkdir::WalkDir::new(root.join("content/notes"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    notes.sort();
    notes
}

#[test]
fn the_preview_after_edits_additions_and_deletions_is_the_build() {
    let site = common::copy_fixture("full");
    let root = site.path();
    let as_of = common::FULL_AS_OF;
    let date = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
    let mut preview = Preview::new(root.to_path_buf(), BASE.to_string());
    assert_same_as_build(&preview.generation(date, None), root, as_of, "at the start");

    // An edit to a note's text: the same size would hide it from a cache
    // that looked at sizes only, so the text grows.
    let notes = note_files(root);
    let first = &notes[0];
    let text = std::fs::read_to_string(root.join(first)).unwrap();
    std::fs::write(root.join(first), format!("{text}\n补充说明：现场复核已完成，资料已归档。\n")).unwrap();
    assert_same_as_build(&preview.generation(date, None), root, as_of, "a note edited");

    // A new note that changes an issue's status and one that adds a note
    // to the updates list.
    let issue = std::fs::read_dir(root.join("content/issues"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().into_owned())
        .min()
        .unwrap();
    write(
        root,
        "content/notes/2024/2024-06-10-preview-added.md",
        &format!(
            "---\ntitle: 整改通过现场核查\ndate: 2024-06-10\nissues: [\"{issue}\"]\nstatus: done\n---\n\n经现场核查，整改措施已全部落实。\n"
        ),
    );
    assert_same_as_build(&preview.generation(date, None), root, as_of, "a note added");

    // An issue edited.
    let issue_file = format!("content/issues/{issue}.yaml");
    let text = std::fs::read_to_string(root.join(&issue_file)).unwrap();
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    edit(root, &issue_file, &title_line, &format!("{title_line}（已调整）"));
    assert_same_as_build(&preview.generation(date, None), root, as_of, "an issue edited");

    // Notes deleted: the added one and one that was there at the start.
    std::fs::remove_file(root.join("content/notes/2024/2024-06-10-preview-added.md")).unwrap();
    std::fs::remove_file(root.join(notes.last().unwrap())).unwrap();
    assert_same_as_build(&preview.generation(date, None), root, as_of, "notes deleted");
}

#[test]
fn the_preview_of_cases_after_a_table_is_edited_and_removed_is_the_build() {
    let site = common::copy_fixture("cases");
    let root = site.path();
    let as_of = common::FULL_AS_OF;
    let date = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
    let mut preview = Preview::new(root.to_path_buf(), BASE.to_string());
    assert_same_as_build(&preview.generation(date, None), root, as_of, "at the start");
    edit(root, "content/cases/第3批.csv", "以后公开的一件。", "以后公开的一件，已补充说明。");
    edit(root, "content/cases/cases.yaml", "published: 2024-07-01", "published: 2024-06-01");
    assert_same_as_build(&preview.generation(date, None), root, as_of, "a batch edited and published");
    edit(
        root,
        "content/cases/cases.yaml",
        "  - file: 2023-09-进展.csv\n    update: true\n    published: 2023-09-30\n",
        "",
    );
    std::fs::remove_file(root.join("content/cases/2023-09-进展.csv")).unwrap();
    assert_same_as_build(&preview.generation(date, None), root, as_of, "an update table removed");
}

#[test]
fn an_error_in_a_saved_file_is_reported_and_gives_no_site_until_fixed() {
    let site = common::copy_fixture("full");
    let root = site.path();
    let date = chrono::NaiveDate::parse_from_str(common::FULL_AS_OF, "%Y-%m-%d").unwrap();
    let mut preview = Preview::new(root.to_path_buf(), BASE.to_string());
    assert!(preview.generation(date, None).is_site());
    let first = note_files(root).remove(0);
    let text = std::fs::read_to_string(root.join(&first)).unwrap();
    std::fs::write(root.join(&first), text.replacen("date:", "dat:", 1)).unwrap();
    let broken = preview.generation(date, None);
    assert!(!broken.is_site());
    assert!(
        broken.diags.iter().any(|d| d.is_error() && d.to_string().starts_with(&first)),
        "{:?}",
        broken.diags
    );
    std::fs::write(root.join(&first), text).unwrap();
    assert_same_as_build(&preview.generation(date, None), root, common::FULL_AS_OF, "fixed");
}
