//! The preview's site, made again after each save from the files that
//! changed and made page by page on demand, is byte for byte the site a
//! full build writes: after edits, additions and deletions of notes,
//! issues and case tables, with the same parse cache kept throughout;
//! both when it is told which paths changed (as serve's file watcher
//! tells it) and when it has to look at every file.

use crate::common;

use gongkai::content::Changed;
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

/// A copy of the fixture `name`, a preview of it, and the fixtures' date.
fn previewed(name: &str) -> (tempfile::TempDir, Preview, chrono::NaiveDate) {
    let site = common::copy_fixture(name);
    let preview = Preview::new(site.path().to_path_buf(), BASE.to_string());
    let date = chrono::NaiveDate::parse_from_str(common::FULL_AS_OF, "%Y-%m-%d").unwrap();
    (site, preview, date)
}

/// Adds a paragraph at the end of a text file.
fn append(path: &Path, paragraph: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, format!("{text}\n{paragraph}\n")).unwrap();
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

/// What the preview is told after a step changed `paths`: the paths, as
/// serve's watcher names them, or nothing (it then looks at every file).
fn changed(told: bool, paths: &[&str]) -> Changed {
    if told { Changed::Only(paths.iter().map(|p| p.to_string()).collect()) } else { Changed::Anything }
}

fn edits_additions_and_deletions(told: bool) {
    let (site, mut preview, date) = previewed("full");
    let (root, as_of) = (site.path(), common::FULL_AS_OF);
    assert_same_as_build(&preview.generation(date, None, &Changed::Anything), root, as_of, "at the start");

    // An edit to a note's text: the same size would hide it from a cache
    // that looked at sizes only, so the text grows.
    let notes = note_files(root);
    let first = &notes[0];
    append(&root.join(first), "补充说明：现场复核已完成，资料已归档。");
    let site = preview.generation(date, None, &changed(told, &[first]));
    assert_same_as_build(&site, root, as_of, "a note edited");

    // A new note that changes an issue's status and one that adds a note
    // to the updates list.
    let issue = std::fs::read_dir(root.join("content/issues"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().into_owned())
        .min()
        .unwrap();
    let added = "content/notes/2024/2024-06-10-preview-added.md";
    write(
        root,
        added,
        &format!(
            "---\ntitle: 整改通过现场核查\ndate: 2024-06-10\nissues: [\"{issue}\"]\nstatus: done\n---\n\n经现场核查，整改措施已全部落实。\n"
        ),
    );
    assert_same_as_build(
        &preview.generation(date, None, &changed(told, &[added])),
        root,
        as_of,
        "a note added",
    );

    // An issue edited.
    let issue_file = format!("content/issues/{issue}.yaml");
    let text = std::fs::read_to_string(root.join(&issue_file)).unwrap();
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    edit(root, &issue_file, &title_line, &format!("{title_line}（已调整）"));
    let site = preview.generation(date, None, &changed(told, &[&issue_file]));
    assert_same_as_build(&site, root, as_of, "an issue edited");

    // The same files in another order: the first issue numbered last, and
    // a note dated before the others (the list of files is kept only
    // while every page keeps its path).
    let number_line = std::fs::read_to_string(root.join(&issue_file))
        .unwrap()
        .lines()
        .find(|l| l.starts_with("number:"))
        .unwrap()
        .to_string();
    edit(root, &issue_file, &number_line, "number: 99");
    let site = preview.generation(date, None, &changed(told, &[&issue_file]));
    assert_same_as_build(&site, root, as_of, "an issue numbered last");
    let moved = &notes[1];
    let date_line = std::fs::read_to_string(root.join(moved))
        .unwrap()
        .lines()
        .find(|l| l.starts_with("date:"))
        .unwrap()
        .to_string();
    edit(root, moved, &date_line, "date: 2020-01-01");
    let site = preview.generation(date, None, &changed(told, &[moved]));
    assert_same_as_build(&site, root, as_of, "a note dated before the others");

    // Notes deleted: the added one and one that was there at the start.
    std::fs::remove_file(root.join(added)).unwrap();
    let last = notes.last().unwrap();
    std::fs::remove_file(root.join(last)).unwrap();
    let site = preview.generation(date, None, &changed(told, &[added, last]));
    assert_same_as_build(&site, root, as_of, "notes deleted");

    // Saved as editors save: the text written to a hidden file, which is
    // then renamed over the note.
    let (folder, name) = first.rsplit_once('/').unwrap();
    let temp = format!("{folder}/.{name}.tmp");
    let text = std::fs::read_to_string(root.join(first)).unwrap();
    std::fs::write(root.join(&temp), text.replace("补充说明", "再次补充说明")).unwrap();
    std::fs::rename(root.join(&temp), root.join(first)).unwrap();
    let site = preview.generation(date, None, &changed(told, &[&temp, first]));
    assert_same_as_build(&site, root, as_of, "a note saved through a hidden file");

    // A folder of notes renamed: the watcher names the two folders only.
    let renamed = format!("{folder}-renamed");
    std::fs::rename(root.join(folder), root.join(&renamed)).unwrap();
    let site = preview.generation(date, None, &changed(told, &[folder, &renamed]));
    assert_same_as_build(&site, root, as_of, "a folder of notes renamed");

    // A template of the site's own, then edited, then removed: the
    // templates compiled for one save are not those of the next.
    let template = "themes/default/templates/note.html";
    let built_in = std::fs::read_to_string(common::example_root().join(template)).unwrap();
    assert!(built_in.contains("</h1>"), "{template} has a heading");
    write(root, template, &built_in.replacen("</h1>", "（本站模板）</h1>", 1));
    let site = preview.generation(date, None, &changed(told, &[template]));
    assert_same_as_build(&site, root, as_of, "a template of the site's own");
    edit(root, template, "（本站模板）", "（本站模板，已修改）");
    let site = preview.generation(date, None, &changed(told, &[template]));
    assert_same_as_build(&site, root, as_of, "the template edited");
    std::fs::remove_dir_all(root.join("themes")).unwrap();
    let site = preview.generation(date, None, &changed(told, &["themes"]));
    assert_same_as_build(&site, root, as_of, "the template removed");
}

#[test]
fn the_preview_after_edits_additions_and_deletions_is_the_build() {
    edits_additions_and_deletions(false);
}

#[test]
fn the_preview_told_what_changed_after_edits_additions_and_deletions_is_the_build() {
    edits_additions_and_deletions(true);
}

/// Makes the first note a symbolic link to `elsewhere.md` at the root,
/// which does not exist yet; returns that path and the note's text.
#[cfg(unix)]
fn link_first_note_elsewhere(root: &Path) -> (std::path::PathBuf, String) {
    let first = note_files(root).remove(0);
    let text = std::fs::read_to_string(root.join(&first)).unwrap();
    let elsewhere = root.join("elsewhere.md");
    std::fs::remove_file(root.join(&first)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join(&first)).unwrap();
    (elsewhere, text)
}

/// A note that is a link to a file elsewhere: its changes have no event
/// in the notes folder, so the preview looks at it though not told.
#[cfg(unix)]
#[test]
fn a_linked_note_changed_elsewhere_is_read_again() {
    let (site, mut preview, date) = previewed("full");
    let (root, as_of) = (site.path(), common::FULL_AS_OF);
    let (elsewhere, text) = link_first_note_elsewhere(root);
    std::fs::write(&elsewhere, text).unwrap();
    assert_same_as_build(&preview.generation(date, None, &Changed::Anything), root, as_of, "at the start");
    append(&elsewhere, "补充说明：链接的文件改了。");
    let site = preview.generation(date, None, &changed(true, &["elsewhere.md"]));
    assert_same_as_build(&site, root, as_of, "the linked file edited");
}

/// A watcher on a case-insensitive disk names the folder as it is on disk
/// (`content/Notes/` made in Explorer), not as the loader reads it: the
/// preview then looks at every file rather than miss the change.
#[test]
fn a_change_named_in_another_spelling_is_still_seen() {
    let (site, mut preview, date) = previewed("full");
    let (root, as_of) = (site.path(), common::FULL_AS_OF);
    assert_same_as_build(&preview.generation(date, None, &Changed::Anything), root, as_of, "at the start");
    let first = note_files(root).remove(0);
    append(&root.join(&first), "补充说明：另一种写法的路径。");
    let spelled = first.replace("content/notes/", "content/Notes/");
    let site = preview.generation(date, None, &changed(true, &[&spelled]));
    assert_same_as_build(&site, root, as_of, "a note edited, its folder named in other letter case");
}

/// A note that is a link to a file not there yet: the preview reports it,
/// and sees the file once it is made, though its watcher cannot.
#[cfg(unix)]
#[test]
fn a_broken_link_mended_elsewhere_is_seen() {
    let (site, mut preview, date) = previewed("full");
    let (root, as_of) = (site.path(), common::FULL_AS_OF);
    let (elsewhere, text) = link_first_note_elsewhere(root);
    let broken = preview.generation(date, None, &Changed::Anything);
    assert!(!broken.is_site(), "a broken link is an error");
    std::fs::write(&elsewhere, text).unwrap();
    let site = preview.generation(date, None, &changed(true, &["elsewhere.md"]));
    assert_same_as_build(&site, root, as_of, "the linked file made");
}

/// An empty `content/cases/` made after the start is the build's error.
#[test]
fn an_empty_cases_folder_made_later_is_reported() {
    let (site, mut preview, date) = previewed("full");
    let root = site.path();
    assert!(preview.generation(date, None, &Changed::Anything).is_site());
    std::fs::create_dir(root.join("content/cases")).unwrap();
    let site = preview.generation(date, None, &Changed::Anything);
    assert!(
        site.diags.iter().any(|d| d.is_error() && d.to_string().contains("cases.yaml")),
        "{:?}",
        site.diags
    );
}

fn cases_edited_and_removed(told: bool) {
    let (site, mut preview, date) = previewed("cases");
    let (root, as_of) = (site.path(), common::FULL_AS_OF);
    assert_same_as_build(&preview.generation(date, None, &Changed::Anything), root, as_of, "at the start");
    let (table, settings) = ("content/cases/第3批.csv", "content/cases/cases.yaml");
    edit(root, table, "以后公开的一件。", "以后公开的一件，已补充说明。");
    edit(root, settings, "published: 2024-07-01", "published: 2024-06-01");
    let site = preview.generation(date, None, &changed(told, &[table, settings]));
    assert_same_as_build(&site, root, as_of, "a batch edited and published");
    edit(root, settings, "  - file: 2023-09-进展.csv\n    update: true\n    published: 2023-09-30\n", "");
    let removed = "content/cases/2023-09-进展.csv";
    std::fs::remove_file(root.join(removed)).unwrap();
    let site = preview.generation(date, None, &changed(told, &[settings, removed]));
    assert_same_as_build(&site, root, as_of, "an update table removed");
}

#[test]
fn the_preview_of_cases_after_a_table_is_edited_and_removed_is_the_build() {
    cases_edited_and_removed(false);
}

#[test]
fn the_preview_of_cases_told_what_changed_is_the_build() {
    cases_edited_and_removed(true);
}

#[test]
fn an_error_in_a_saved_file_is_reported_and_gives_no_site_until_fixed() {
    let (site, mut preview, date) = previewed("full");
    let root = site.path();
    assert!(preview.generation(date, None, &Changed::Anything).is_site());
    let first = note_files(root).remove(0);
    let text = std::fs::read_to_string(root.join(&first)).unwrap();
    std::fs::write(root.join(&first), text.replacen("date:", "dat:", 1)).unwrap();
    let broken = preview.generation(date, None, &changed(true, &[&first]));
    assert!(!broken.is_site());
    assert!(
        broken.diags.iter().any(|d| d.is_error() && d.to_string().starts_with(&first)),
        "{:?}",
        broken.diags
    );
    std::fs::write(root.join(&first), text).unwrap();
    let site = preview.generation(date, None, &changed(true, &[&first]));
    assert_same_as_build(&site, root, common::FULL_AS_OF, "fixed");
}
