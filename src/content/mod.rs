//! Stage 1: the files of a site root, read into a typed model with
//! diagnostics. Nothing here decides what is published or computed; that is
//! the model's job.

pub mod cases;
mod closure;
mod crossref;
mod fullwidth;
pub mod ids;
mod issue;
pub mod markdown;
mod note;
mod page;
pub mod personal_info;
pub mod placeholders;
pub mod progress_report;
mod site;
pub mod source;
pub mod spreadsheet;
mod target;
pub mod task_list;
pub mod theme;
pub mod yaml;

pub use issue::{Issue, IssueKind, Milestone};
pub use markdown::Markdown;
pub use note::{Acceptance, AcceptanceLevel, NoteDate, ProgressNote, Publicity};
pub use page::Page;
pub use site::{Identifiers, Publisher, SiteConfig, normalize_base_url};
pub use target::{Comparison, Observation, Target, TargetGoal, TargetKind};
pub use theme::Theme;

use crate::diagnostics::{self, Diagnostic};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// The status keys of the format, in the order of the contract's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    InProgress,
    BasicallyDone,
    Done,
    Closed,
    Ongoing,
    Reopened,
    /// 销号公示中: set by a note's `publicity`, never written in a file.
    Publicizing,
}

impl Status {
    pub const ALL: [(&'static str, Status); 7] = [
        ("in-progress", Status::InProgress),
        ("basically-done", Status::BasicallyDone),
        ("done", Status::Done),
        ("closed", Status::Closed),
        ("ongoing", Status::Ongoing),
        ("reopened", Status::Reopened),
        ("publicizing", Status::Publicizing),
    ];

    /// The statuses a file may set (all but `publicizing`).
    pub fn written() -> impl Iterator<Item = &'static (&'static str, Status)> {
        Status::ALL.iter().filter(|(_, s)| *s != Status::Publicizing)
    }

    /// The `status:` of an issue or note file. `publicizing` is explained:
    /// only a notice's dates make an issue publicizing.
    pub fn read(r: &mut yaml::Reader, node: &marked_yaml::Node) -> Option<Status> {
        let written: Vec<(&str, Status)> = Status::written().copied().collect();
        if let marked_yaml::Node::Scalar(s) = node
            && s.as_str().trim() == "publicizing"
        {
            let pos = r.pos(node);
            r.error(
                pos,
                "“publicizing”（销号公示中）不能写在 status 中：请在进展中写 publicity（公示起止日期 from、to 和意见反馈渠道 contact），公示期间状态自动为“销号公示中”",
            );
            return None;
        }
        r.choice(node, "status", &written)
    }

    pub fn key(self) -> &'static str {
        Status::ALL.iter().find(|(_, s)| *s == self).map(|(k, _)| *k).unwrap_or_default()
    }

    pub fn is_finished(self) -> bool {
        !matches!(self, Status::InProgress | Status::Reopened)
    }
}

/// Everything read from a site root.
#[derive(Debug)]
pub struct Content {
    pub root: PathBuf,
    pub site: SiteConfig,
    /// In ledger order: by number, then id. Shared with the preview's
    /// cache of files read (as are notes, targets and pages), so that a
    /// save does not copy every file's content again.
    pub issues: Vec<Arc<Issue>>,
    /// Every note, published or not, oldest first (ties by slug).
    pub notes: Vec<Arc<ProgressNote>>,
    pub targets: Vec<Arc<Target>>,
    /// In navigation order: by `order`, then slug.
    pub pages: Vec<Arc<Page>>,
    /// Attachments: paths relative to `content/files/`, sorted.
    pub files: Vec<String>,
    /// Ids whose file exists, even where the file itself has errors: a
    /// broken issue file must not make every note about it an error too.
    pub known: Arc<KnownIds>,
    pub theme: Theme,
    /// The 交办件 section, when `content/cases/` exists (shared with the
    /// preview's cache, as the files are).
    pub cases: Option<Arc<cases::CaseSection>>,
}

#[derive(Debug, Default)]
pub struct KnownIds {
    pub issues: BTreeSet<String>,
    pub notes: BTreeSet<String>,
    pub targets: BTreeSet<String>,
    pub pages: BTreeSet<String>,
}

/// Reads the site under `root`. Every problem found is in the returned
/// diagnostics; the content holds whatever could be read.
pub fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
    load_from(root, None, &Changed::Anything)
}

/// What may have changed on disk since a [`LoadCache`] was filled.
#[derive(Debug, Clone)]
pub enum Changed {
    /// Anything: every folder is listed again and every file's size and
    /// modification time compared with the cache's.
    Anything,
    /// Only these paths, relative to the site root and `/`-separated, as a
    /// file watcher names them: a folder is listed again only when a file
    /// was added, removed or renamed in it, and no other file is looked at.
    Only(BTreeSet<String>),
}

/// The files read before, each with its size and modification time, and
/// the folders as listed: the preview keeps them, so that after a save only
/// what changed is listed and read again.
#[derive(Default)]
pub struct LoadCache {
    /// What the personal-information check allowed when they were read.
    public: Vec<String>,
    issues: Cached<Issue>,
    notes: Cached<ProgressNote>,
    targets: Cached<Target>,
    pages: Cached<Page>,
    /// The ids of the listings held (made again when a folder is listed again).
    known: Option<Arc<KnownIds>>,
    cases: Option<CasesRead>,
}

/// The 交办件 section as read, with what it was read from: the issue ids
/// its rows were checked against and the stamp of every file of its folder.
struct CasesRead {
    /// Whether the folder exists (an empty one is an error).
    present: bool,
    stamps: Vec<(PathBuf, Option<Stamp>)>,
    known: Arc<KnownIds>,
    section: Option<Arc<cases::CaseSection>>,
    diags: Vec<Diagnostic>,
}

/// Every file under `content/cases/` with its size and modification time
/// (a table is a few files, and may be a link a watcher does not follow).
fn case_stamps(root: &Path) -> Vec<(PathBuf, Option<Stamp>)> {
    let files = ids::files_under(root, &root.join(cases::FOLDER), &mut Vec::new());
    files.into_iter().map(|e| (e.path().to_path_buf(), stamp(e.path()))).collect()
}

fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()))
}

type Stamp = (u64, Option<SystemTime>);
/// The files of one folder as read: each with its stamp, in the order of
/// the listing they were read for (none before the folder is first read).
struct Cached<T> {
    listing: Option<Arc<ids::Listing>>,
    read: Vec<Option<(Stamp, Shared<T>)>>,
}

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached { listing: None, read: Vec::new() }
    }
}

impl LoadCache {
    /// The listing of `content/<kind>/` its files were read for.
    fn listing(&self, kind: &str) -> Option<&Arc<ids::Listing>> {
        match kind {
            "issues" => self.issues.listing.as_ref(),
            "notes" => self.notes.listing.as_ref(),
            "targets" => self.targets.listing.as_ref(),
            "pages" => self.pages.listing.as_ref(),
            _ => None,
        }
    }
}

/// As [`load`], listing and reading again only what is not in `cache` as
/// it is now, as far as `changed` tells; `cache` then holds what was read.
pub fn load_with(root: &Path, cache: &mut LoadCache, changed: &Changed) -> (Content, Vec<Diagnostic>) {
    load_from(root, Some(cache), changed)
}

/// Whether a path a watcher names (relative to the root) is spelled as the
/// loader reads it: outside `content/`, in one of its folders, its
/// settings, or a name the loader ignores. Another spelling (`Notes/` on a
/// case-insensitive disk) could hide a change, so every file is looked at.
fn spelled_as_read(path: &str) -> bool {
    let Some(below) = path.strip_prefix("content/") else { return true };
    let first = below.split('/').next().unwrap_or_default();
    let folders = LISTED.iter().map(|(kind, _)| *kind).chain(["cases", "files", "site.yaml", "site.yml"]);
    ids::is_ignored_name(std::ffi::OsStr::new(first)) || folders.into_iter().any(|f| f == first)
}

/// The content folders listed by [`ids::list`], with their extensions.
const LISTED: [(&str, &[&str]); 4] =
    [("issues", &["yaml", "yml"]), ("notes", &["md"]), ("targets", &["yaml", "yml"]), ("pages", &["md"])];

fn load_from(
    root: &Path,
    mut cache: Option<&mut LoadCache>,
    changed: &Changed,
) -> (Content, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let content_dir = root.join("content");
    let site = site::load(root, &mut diags);
    let public = &site.public_numbers;
    if let Some(cache) = cache.as_deref_mut()
        && cache.public != *public
    {
        *cache = LoadCache { public: public.clone(), ..LoadCache::default() };
    }
    let only = match changed {
        Changed::Only(paths) if paths.iter().all(|p| spelled_as_read(p)) => Some(paths),
        _ => None,
    };

    // A folder's listing is kept while only the text of its files changed;
    // the folders are listed at the same time (the two large ones matter).
    let kept: Vec<Option<Arc<ids::Listing>>> = LISTED
        .iter()
        .map(|(kind, _)| {
            let held = cache.as_deref().and_then(|c| c.listing(kind));
            held.filter(|l| only.is_some_and(|paths| l.still_holds(root, kind, paths))).cloned()
        })
        .collect();
    let every_listing_kept = kept.iter().all(Option::is_some);
    let listings: Vec<Arc<ids::Listing>> = LISTED
        .par_iter()
        .zip(kept)
        .map(|((kind, exts), kept)| kept.unwrap_or_else(|| Arc::new(ids::list(root, kind, exts))))
        .collect();
    let [issue_list, note_list, target_list, page_list] = [0, 1, 2, 3].map(|i| Arc::clone(&listings[i]));
    for listing in &listings {
        diags.extend(listing.diags.iter().cloned());
    }

    let held_known = cache.as_deref_mut().and_then(|c| c.known.take()).filter(|_| every_listing_kept);
    let known = held_known.unwrap_or_else(|| {
        Arc::new(KnownIds {
            issues: issue_list.files.iter().map(|f| f.id.clone()).collect(),
            notes: note_list.files.iter().map(|f| f.id.clone()).collect(),
            targets: target_list.files.iter().map(|f| f.id.clone()).collect(),
            pages: page_list.files.iter().map(|f| f.id.clone()).collect(),
        })
    });
    if let Some(cache) = cache.as_deref_mut() {
        cache.known = Some(Arc::clone(&known));
    }

    let (cached_issues, cached_notes, cached_targets, cached_pages) = match cache.as_deref_mut() {
        Some(cache) => (
            Some(&mut cache.issues),
            Some(&mut cache.notes),
            Some(&mut cache.targets),
            Some(&mut cache.pages),
        ),
        None => (None, None, None, None),
    };
    let named = |listing: &ids::Listing, kind: &str| {
        only.filter(|paths| listing.names_every_change(root, kind, paths))
    };
    let mut issues =
        load_all(&issue_list, issue::load, public, cached_issues, named(&issue_list, "issues"), &mut diags);
    let mut notes =
        load_all(&note_list, note::load, public, cached_notes, named(&note_list, "notes"), &mut diags);
    let mut targets = load_all(
        &target_list,
        target::load,
        public,
        cached_targets,
        named(&target_list, "targets"),
        &mut diags,
    );
    let mut pages =
        load_all(&page_list, page::load, public, cached_pages, named(&page_list, "pages"), &mut diags);
    issues.sort_by(|a, b| (a.number, &a.id).cmp(&(b.number, &b.id)));
    sort_notes(&mut notes);
    targets.sort_by(|a, b| (a.order.unwrap_or(i64::MAX), &a.id).cmp(&(b.order.unwrap_or(i64::MAX), &b.id)));
    pages.sort_by(|a, b| (a.order.unwrap_or(i64::MAX), &a.slug).cmp(&(b.order.unwrap_or(i64::MAX), &b.slug)));

    let files = list_files(root, &content_dir.join("files"), &mut diags);
    let theme = theme::load(root, &site, &mut diags);
    // The tables are read again when a file of theirs or the issue ids changed.
    let present = root.join(cases::FOLDER).is_dir();
    let stamps = case_stamps(root);
    let held = cache.as_deref_mut().and_then(|c| c.cases.take()).filter(|held| {
        held.present == present
            && held.stamps == stamps
            && (Arc::ptr_eq(&held.known, &known) || held.known.issues == known.issues)
            && only.is_none_or(|paths| !paths.iter().any(|p| ids::touches(p, cases::FOLDER)))
    });
    let read = match held {
        // The same issue ids: kept with these, so that the next save
        // compares them by identity.
        Some(held) => CasesRead { known: Arc::clone(&known), ..held },
        None => {
            let mut diags = Vec::new();
            let section = cases::load(root, &known.issues, &site.public_numbers, &mut diags).map(Arc::new);
            CasesRead { present, stamps, known: Arc::clone(&known), section, diags }
        }
    };
    diags.extend(read.diags.iter().cloned());
    let cases = read.section.clone();
    if let Some(cache) = cache {
        cache.cases = Some(read);
    }

    let content =
        Content { root: root.to_path_buf(), site, issues, notes, targets, pages, files, known, theme, cases };
    // The checks across files at the same time (the preview runs them
    // after every save), their problems in the same order.
    let (mut across, mut closing) = rayon::join(
        || {
            let mut d = Vec::new();
            crossref::check(&content, &mut d);
            d
        },
        || {
            let mut d = Vec::new();
            closure::check(&content, &mut d);
            d
        },
    );
    diags.append(&mut across);
    diags.append(&mut closing);
    diagnostics::sort(&mut diags);
    (content, diags)
}

/// Notes in date order, ties by slug. Each note's time is read once: the
/// notes lie all over memory, and a sort that read two at every comparison
/// would mostly wait for them (a save in the preview sorts 10^5 notes).
fn sort_notes(notes: &mut Vec<Arc<ProgressNote>>) {
    let order: Vec<usize> = {
        let mut keyed: Vec<(chrono::NaiveDateTime, &str, usize)> =
            notes.iter().enumerate().map(|(i, n)| (n.date.time, n.slug.as_str(), i)).collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, _, i)| i).collect()
    };
    let mut taken: Vec<Option<Arc<ProgressNote>>> = std::mem::take(notes).into_iter().map(Some).collect();
    *notes = order.into_iter().filter_map(|i| taken[i].take()).collect();
}

/// A file loaded, with the problems of its markdown: nesting that cannot
/// become a page, and links a space broke (found when the file is read,
/// and kept with it).
fn with_markdown_problems<T: Texts>((item, mut diags): Loaded<T>, source: &str) -> Loaded<T> {
    for md in item.iter().flat_map(Texts::texts) {
        if let Some(pos) = md.too_deep {
            let message = format!(
                "引用（>）、列表或强调（*）嵌套超过 {} 层，无法生成网页。请简化这段文字的格式",
                markdown::MAX_NESTING
            );
            diags.push(Diagnostic::error(source, Some(pos), message));
        }
        for link in &md.broken_by_space {
            let shown = if link.image { "不会显示图片" } else { "不会成为链接" };
            let message = format!(
                "地址“{dest}”中有空格，这里{shown}，只显示为文字。请去掉地址中的空格（附件也相应改名），或把地址写在尖括号里：<{dest}>",
                dest = link.dest
            );
            diags.push(Diagnostic::warning(source, link.pos, message));
        }
    }
    (item, diags)
}

/// The problems of an issue file's text, as the loader reports them (for
/// files gongkai writes itself, read back before they are written).
pub fn check_issue_text(rel: &str, text: &str) -> Vec<Diagnostic> {
    let id = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".yaml").to_string();
    let file = ids::SourceFile { abs: PathBuf::from(rel), rel: rel.to_string(), id };
    with_markdown_problems(issue::load(&file, text), rel).1
}

/// The problems of a note file's text, as the loader reports them.
pub fn check_note_text(rel: &str, text: &str) -> Vec<Diagnostic> {
    let id = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md").to_string();
    let file = ids::SourceFile { abs: PathBuf::from(rel), rel: rel.to_string(), id };
    with_markdown_problems(note::load(&file, text), rel).1
}

/// The markdown texts of an item of content.
trait Texts {
    fn texts(&self) -> Vec<&Markdown>;
}

impl Texts for Issue {
    fn texts(&self) -> Vec<&Markdown> {
        [&self.description, &self.goal].into_iter().chain(&self.measures).collect()
    }
}

impl Texts for ProgressNote {
    fn texts(&self) -> Vec<&Markdown> {
        let opinion = self.acceptance.as_ref().and_then(|a| a.opinion.as_ref());
        std::iter::once(&self.body).chain(opinion).collect()
    }
}

impl Texts for Target {
    fn texts(&self) -> Vec<&Markdown> {
        self.description.iter().collect()
    }
}

impl Texts for Page {
    fn texts(&self) -> Vec<&Markdown> {
        vec![&self.body]
    }
}

/// One file loaded from its text: the item, unless it is unusable, and
/// the problems found.
type Loaded<T> = (Option<T>, Vec<Diagnostic>);

/// A file loaded, its item shared between the content and the cache.
type Shared<T> = (Option<Arc<T>>, Vec<Diagnostic>);

/// Reads and loads files in parallel; results and diagnostics keep file
/// order. The text read is also where template placeholders and personal
/// information (but for the `public` numbers) are found. A file whose size
/// and modification time are those `cache` has is not read again; with
/// `only`, a file in the cache is read again only when it is named there.
fn load_all<T: Texts + Send + Sync>(
    listing: &Arc<ids::Listing>,
    load_one: fn(&ids::SourceFile, &str) -> Loaded<T>,
    public: &[String],
    cache: Option<&mut Cached<T>>,
    only: Option<&BTreeSet<String>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Arc<T>> {
    let files = &listing.files;
    let read = |file: &ids::SourceFile| -> Shared<T> {
        match source::read_text(&file.abs, &file.rel) {
            Ok(text) => {
                let (item, mut d) = with_markdown_problems(load_one(file, &text), &file.rel);
                d.extend(placeholders::scan(&file.rel, &text));
                d.extend(personal_info::scan_file(&file.rel, &text, public));
                (item.map(Arc::new), d)
            }
            Err(d) => (None, vec![d]),
        }
    };
    let mut items = Vec::with_capacity(files.len());
    let Some(cache) = cache else {
        let results: Vec<Shared<T>> = files.par_iter().map(read).collect();
        for (item, mut d) in results {
            items.extend(item);
            diags.append(&mut d);
        }
        return items;
    };
    // What was read of each file: in place for the same listing, else
    // found by path.
    let before = std::mem::take(cache);
    let held: Vec<Option<(Stamp, Shared<T>)>> = match &before.listing {
        Some(read_for) if Arc::ptr_eq(read_for, listing) => before.read,
        Some(read_for) => {
            let mut by_path: HashMap<&Path, Option<(Stamp, Shared<T>)>> =
                read_for.files.iter().map(|f| f.abs.as_path()).zip(before.read).collect();
            files.iter().map(|f| by_path.remove(f.abs.as_path()).flatten()).collect()
        }
        None => files.iter().map(|_| None).collect(),
    };
    let loaded: Vec<Option<(Stamp, Shared<T>)>> = files
        .par_iter()
        .zip(held)
        .map(|(file, held)| {
            let named = only.is_none_or(|paths| paths.contains(&file.rel));
            match held {
                Some(held) if !named => Some(held),
                held => {
                    // The stamp before the text: a save while reading is seen next time.
                    let stamp = stamp(&file.abs)?;
                    match held.filter(|(s, _)| only.is_none() && *s == stamp) {
                        Some(held) => Some(held),
                        None => Some((stamp, read(file))),
                    }
                }
            }
        })
        .collect();
    for (file, loaded) in files.iter().zip(&loaded) {
        match loaded {
            Some((_, (item, d))) => {
                items.extend(item.clone());
                diags.extend(d.iter().cloned());
            }
            // Gone since it was listed: read as a build would, to report it.
            None => {
                let (item, mut d) = read(file);
                items.extend(item);
                diags.append(&mut d);
            }
        }
    }
    *cache = Cached { listing: Some(Arc::clone(listing)), read: loaded };
    items
}

/// Attachments are copied as they are; hidden and `_` files are skipped.
fn list_files(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut files: Vec<String> = ids::files_under(root, dir, diags)
        .into_iter()
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(ids::slash_path))
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_text_written_by_gongkai_is_checked_as_the_loader_checks_it() {
        let note =
            "---\ntitle: 进展\ndate: 2024-01-01\nissues: [\"01\"]\n---\n见[附件](/files/整改 方案.pdf)。\n";
        let said: Vec<String> =
            super::check_note_text("content/notes/x.md", note).iter().map(|d| d.to_string()).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("content/notes/x.md:6:") && said[0].contains("中有空格"), "{said:?}");
    }
}
