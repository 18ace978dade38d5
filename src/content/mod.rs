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
    pub known: KnownIds,
    pub theme: Theme,
    /// The 交办件 section, when `content/cases/` exists.
    pub cases: Option<cases::CaseSection>,
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
    load_from(root, None)
}

/// The issue, note, target and page files read before, each with its size
/// and modification time: the preview keeps them, so that after a save
/// only the files that changed are read again.
#[derive(Default)]
pub struct LoadCache {
    /// What the personal-information check allowed when they were read.
    public: Vec<String>,
    issues: Cached<Issue>,
    notes: Cached<ProgressNote>,
    targets: Cached<Target>,
    pages: Cached<Page>,
}

type Stamp = (u64, Option<SystemTime>);
type Cached<T> = HashMap<PathBuf, (Stamp, Shared<T>)>;

/// As [`load`], reading again only the files that are not in `cache` as
/// they are now; `cache` then holds the files read.
pub fn load_with(root: &Path, cache: &mut LoadCache) -> (Content, Vec<Diagnostic>) {
    load_from(root, Some(cache))
}

fn load_from(root: &Path, cache: Option<&mut LoadCache>) -> (Content, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let content_dir = root.join("content");
    let site = site::load(root, &mut diags);

    // The two large folders listed at the same time (the preview lists
    // them after every save).
    let found = |kind: &str, exts: &[&str]| {
        let mut d = Vec::new();
        (ids::discover(root, kind, exts, &mut d), d)
    };
    let ((issue_files, mut d_issues), (note_files, mut d_notes)) =
        rayon::join(|| found("issues", &["yaml", "yml"]), || found("notes", &["md"]));
    diags.append(&mut d_issues);
    diags.append(&mut d_notes);
    let target_files = ids::discover(root, "targets", &["yaml", "yml"], &mut diags);
    let page_files = ids::discover(root, "pages", &["md"], &mut diags);

    let known = KnownIds {
        issues: issue_files.iter().map(|f| f.id.clone()).collect(),
        notes: note_files.iter().map(|f| f.id.clone()).collect(),
        targets: target_files.iter().map(|f| f.id.clone()).collect(),
        pages: page_files.iter().map(|f| f.id.clone()).collect(),
    };

    let public = &site.public_numbers;
    let (cached_issues, cached_notes, cached_targets, cached_pages) = match cache {
        Some(cache) => {
            if cache.public != *public {
                *cache = LoadCache { public: public.clone(), ..LoadCache::default() };
            }
            (
                Some(&mut cache.issues),
                Some(&mut cache.notes),
                Some(&mut cache.targets),
                Some(&mut cache.pages),
            )
        }
        None => (None, None, None, None),
    };
    let mut issues = load_all(&issue_files, issue::load, public, cached_issues, &mut diags);
    let mut notes = load_all(&note_files, note::load, public, cached_notes, &mut diags);
    let mut targets = load_all(&target_files, target::load, public, cached_targets, &mut diags);
    let mut pages = load_all(&page_files, page::load, public, cached_pages, &mut diags);
    issues.sort_by(|a, b| (a.number, &a.id).cmp(&(b.number, &b.id)));
    notes.sort_by(|a, b| (a.date.time, &a.slug).cmp(&(b.date.time, &b.slug)));
    targets.sort_by(|a, b| (a.order.unwrap_or(i64::MAX), &a.id).cmp(&(b.order.unwrap_or(i64::MAX), &b.id)));
    pages.sort_by(|a, b| (a.order.unwrap_or(i64::MAX), &a.slug).cmp(&(b.order.unwrap_or(i64::MAX), &b.slug)));

    let files = list_files(root, &content_dir.join("files"), &mut diags);
    let theme = theme::load(root, &site, &mut diags);
    let cases = cases::load(root, &known.issues, &site.public_numbers, &mut diags);

    let content =
        Content { root: root.to_path_buf(), site, issues, notes, targets, pages, files, known, theme, cases };
    crossref::check(&content, &mut diags);
    closure::check(&content, &mut diags);
    for (md, source) in content.markdown() {
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
    diagnostics::sort(&mut diags);
    (content, diags)
}

/// The problems of an issue file's text, as the loader reports them (for
/// files gongkai writes itself, read back before they are written).
pub fn check_issue_text(rel: &str, text: &str) -> Vec<Diagnostic> {
    let id = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".yaml").to_string();
    let file = ids::SourceFile { abs: PathBuf::from(rel), rel: rel.to_string(), id };
    issue::load(&file, text).1
}

/// The problems of a note file's text, as the loader reports them.
pub fn check_note_text(rel: &str, text: &str) -> Vec<Diagnostic> {
    let id = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md").to_string();
    let file = ids::SourceFile { abs: PathBuf::from(rel), rel: rel.to_string(), id };
    note::load(&file, text).1
}

impl Content {
    /// Every markdown text with the file it was written in.
    pub fn markdown(&self) -> Vec<(&Markdown, &str)> {
        let issues = self.issues.iter().flat_map(|i| {
            [&i.description, &i.goal].into_iter().chain(&i.measures).map(|md| (md, i.source.as_str()))
        });
        let notes = self.notes.iter().flat_map(|n| {
            let opinion = n.acceptance.as_ref().and_then(|a| a.opinion.as_ref());
            std::iter::once(&n.body).chain(opinion).map(|md| (md, n.source.as_str()))
        });
        let targets =
            self.targets.iter().filter_map(|t| t.description.as_ref().map(|md| (md, t.source.as_str())));
        let pages = self.pages.iter().map(|p| (&p.body, p.source.as_str()));
        issues.chain(notes).chain(targets).chain(pages).collect()
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
/// and modification time are those `cache` has is not read again.
fn load_all<T: Send + Sync>(
    files: &[ids::SourceFile],
    load_one: fn(&ids::SourceFile, &str) -> Loaded<T>,
    public: &[String],
    cache: Option<&mut Cached<T>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Arc<T>> {
    let read = |file: &ids::SourceFile| -> Shared<T> {
        match source::read_text(&file.abs, &file.rel) {
            Ok(text) => {
                let (item, mut d) = load_one(file, &text);
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
    let stamps: Vec<Option<Stamp>> = files
        .par_iter()
        .map(|file| std::fs::metadata(&file.abs).ok().map(|m| (m.len(), m.modified().ok())))
        .collect();
    let mut before = std::mem::take(cache);
    let kept: Vec<Option<Shared<T>>> = files
        .iter()
        .zip(&stamps)
        .map(|(file, stamp)| {
            before.remove(&file.abs).filter(|(s, _)| Some(*s) == *stamp).map(|(_, loaded)| loaded)
        })
        .collect();
    let loaded: Vec<Shared<T>> =
        files.par_iter().zip(kept).map(|(file, kept)| kept.unwrap_or_else(|| read(file))).collect();
    for ((file, stamp), (item, d)) in files.iter().zip(stamps).zip(loaded) {
        items.extend(item.clone());
        diags.extend(d.iter().cloned());
        if let Some(stamp) = stamp {
            cache.insert(file.abs.clone(), (stamp, (item, d)));
        }
    }
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
