//! Every file of the built site, each made on demand: a build makes them
//! all, in parallel, and hands each to a sink as soon as it is made (so a
//! site of tens of thousands of pages is never held in memory); the
//! preview server makes those a browser asks for.
//!
//! The list of files, with how each is made, is known before any is made:
//! the link check needs it, and two files may not share a path.

use super::data::{self, DataFile};
use super::feeds::{self, FeedOf};
use super::search::{self, SearchIndex};
use super::sitemap;
use crate::diagnostics::Diagnostic;
use crate::model::Model;
use crate::render::search_docs::{DocRef, doc_refs};
use crate::render::{Job, Renderer, views::Time};
use crate::urls;
use rayon::prelude::*;
use std::sync::{Arc, Mutex};

/// The paths of the site's files, to look up (a fast hash: a large site
/// looks up one path for every link of every page).
pub type Paths<'a> = std::collections::HashSet<&'a str, foldhash::fast::FixedState>;

/// How one file of the site is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Page(Job),
    /// A feed of notes.
    Feed(FeedOf),
    CasesFeed,
    /// A file of `data/`, by name.
    Data(&'static str),
    /// `search/search-data.js`: how the index is split.
    SearchMeta,
    /// A piece of the search index.
    SearchShard(u32),
    /// A searchable page, by its number in the index.
    SearchDoc(u32),
    Sitemap,
    Robots,
    /// A file of the theme's `static/`, by its path.
    Asset(String),
    /// A file of `content/files/`, by its path there.
    Attachment(String),
}

/// A file made: its bytes, and the problems found making it.
pub struct Made {
    pub bytes: Vec<u8>,
    pub diags: Vec<Diagnostic>,
    /// For a page: its template (for messages) and what the sitemap says of it.
    pub page: Option<PageFacts>,
}

#[derive(Debug, Clone)]
pub struct PageFacts {
    pub template: String,
    pub sitemap: SitemapFacts,
}

/// What the sitemap says of a page: kept for every page of a build, so
/// small (not the page's [`Time`], four strings).
#[derive(Debug, Clone)]
pub struct SitemapFacts {
    pub listed: bool,
    /// When it last changed (RFC 3339), where the content dates it.
    pub lastmod: Option<String>,
}

impl SitemapFacts {
    fn new(listed: bool, updated: Option<Time>) -> SitemapFacts {
        SitemapFacts { listed, lastmod: updated.map(|t| t.iso) }
    }
}

pub struct SiteFiles<'m> {
    model: &'m Model,
    renderer: Renderer<'m>,
    files: Arc<FileList>,
    data: Held<(Vec<DataFile>, Vec<Diagnostic>)>,
    /// The searchable pages, in index order.
    search_docs: Vec<DocRef>,
    search: Held<SearchIndex>,
}

/// A large value made on first use and kept until released.
struct Held<T>(Mutex<Option<Arc<T>>>);

impl<T> Held<T> {
    fn new() -> Held<T> {
        Held(Mutex::new(None))
    }

    fn get(&self, make: impl FnOnce() -> T) -> Arc<T> {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        held.get_or_insert_with(|| Arc::new(make())).clone()
    }

    fn release(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl<'m> SiteFiles<'m> {
    /// The files of the site; an error for each path two of them would share.
    pub fn new(model: &'m Model, renderer: Renderer<'m>) -> Result<SiteFiles<'m>, Vec<Diagnostic>> {
        SiteFiles::after(model, renderer, None)
    }

    /// As [`SiteFiles::new`], keeping the list of files of `earlier` when
    /// this site has the same files (see [`FileList`]).
    pub fn after(
        model: &'m Model,
        renderer: Renderer<'m>,
        earlier: Option<Arc<FileList>>,
    ) -> Result<SiteFiles<'m>, Vec<Diagnostic>> {
        let search_docs = doc_refs(model);
        let sources = sources(model, &renderer, search_docs.len());
        let files = match earlier.filter(|e| e.sources == sources && e.names.are_of(model)) {
            Some(kept) => kept,
            None => {
                // The pages, feeds and search documents are most of a large
                // site's files: their paths are made in parallel, in order.
                let paths: Vec<String> = sources.par_iter().map(|s| path(model, &renderer, s)).collect();
                let mut files: Vec<(String, Source)> =
                    paths.into_iter().zip(sources.iter().cloned()).collect();
                // Stable: of files sharing a path, the first listed stays first.
                files.par_sort_by(|a, b| a.0.cmp(&b.0));
                let diags = clashes(model, &renderer, &files);
                if !diags.is_empty() {
                    return Err(diags);
                }
                Arc::new(FileList { files, sources, names: Names::of(model) })
            }
        };
        Ok(SiteFiles { model, renderer, files, data: Held::new(), search_docs, search: Held::new() })
    }

    /// The list of files, to give to the next [`SiteFiles::after`].
    pub fn list(&self) -> Arc<FileList> {
        Arc::clone(&self.files)
    }

    /// Tells the release of a site made with the 本次更新 page but not its
    /// release (see [`Renderer::with_release_page`]).
    pub fn set_release(&self, history: &crate::model::release::ReleaseHistory) {
        self.renderer.set_release(history);
    }

    /// Every file, in path order.
    pub fn files(&self) -> &[(String, Source)] {
        &self.files.files
    }

    /// Every path, for the link check.
    pub fn paths(&self) -> Paths<'_> {
        self.files().iter().map(|(p, _)| p.as_str()).collect()
    }

    pub fn source(&self, path: &str) -> Option<&Source> {
        self.position(path).map(|at| &self.files()[at].1)
    }

    /// Where `path` is in [`Self::files`].
    pub fn position(&self, path: &str) -> Option<usize> {
        self.files().binary_search_by(|(p, _)| p.as_str().cmp(path)).ok()
    }

    /// Makes every file of `data/` once, handing each with its path to
    /// `each` as soon as it is made (from any thread), the zip last: a
    /// build writes them so, never holding them all. The data page, which
    /// lists their sizes, is rendered after this.
    pub fn make_data(&self, each: &(dyn Fn(&str, Made) + Sync)) {
        let plain = |bytes| Made { bytes, diags: Vec::new(), page: None };
        let facts = Mutex::new(Vec::new());
        let (zip, diags) = data::make_each(self.model, &|file| {
            facts.lock().unwrap_or_else(|e| e.into_inner()).push(file.facts());
            each(&file.path(), plain(file.bytes));
        });
        let mut facts = facts.into_inner().unwrap_or_else(|e| e.into_inner());
        facts.sort_by_key(|f| data::listed_at(self.model, f.name));
        facts.push(zip.facts());
        self.renderer.set_data_files(&facts);
        // The data files' own problems are reported once, with the zip.
        each(&zip.path(), Made { diags, ..plain(zip.bytes) });
    }

    /// The files of `data/`, made together for the preview, which makes
    /// one when it is asked for: the data page lists their sizes.
    fn data(&self) -> Arc<(Vec<DataFile>, Vec<Diagnostic>)> {
        self.data.get(|| {
            let made = data::files(self.model);
            let facts: Vec<_> = made.0.iter().map(DataFile::facts).collect();
            self.renderer.set_data_files(&facts);
            made
        })
    }

    fn search(&self) -> Arc<SearchIndex> {
        self.search.get(|| SearchIndex::build(self.model))
    }

    /// Makes the search index now (it is made in parallel, so not from
    /// inside a parallel job) and holds it until [`Self::release_search_index`]:
    /// a build makes its pieces before the pages, so that a large site
    /// never holds the index while it renders its pages.
    pub fn prepare_search_index(&self) {
        drop(self.search());
    }

    /// Drops the search index; it is made again if asked for.
    pub fn release_search_index(&self) {
        self.search.release();
    }

    /// Makes one file. (A build makes the sitemap itself, from the pages it made.)
    pub fn make(&self, source: &Source) -> Made {
        let m = self.model;
        let c = &m.content;
        let plain = |bytes: Vec<u8>| Made { bytes, diags: Vec::new(), page: None };
        match source {
            Source::Page(job) => {
                if matches!(job, Job::Data) && !self.renderer.has_data_files() {
                    self.data();
                }
                match self.renderer.render(*job) {
                    Ok(p) => Made {
                        bytes: p.html.into_bytes(),
                        diags: Vec::new(),
                        page: Some(PageFacts {
                            template: p.template,
                            sitemap: SitemapFacts::new(p.listed, p.updated),
                        }),
                    },
                    Err(d) => Made { bytes: Vec::new(), diags: vec![d], page: None },
                }
            }
            Source::Feed(of) => {
                let diags = std::sync::Mutex::new(Vec::new());
                let body = |n: usize| match self.renderer.feed_item(n) {
                    Ok(html) => Some(html),
                    Err(d) => {
                        diags.lock().unwrap_or_else(|e| e.into_inner()).push(d);
                        None
                    }
                };
                let xml = feeds::to_xml(m, &feeds::feed(m, *of), &body);
                Made { bytes: xml.into_bytes(), diags: diags.into_inner().unwrap_or_default(), page: None }
            }
            Source::CasesFeed => {
                let diags = std::sync::Mutex::new(Vec::new());
                let body = |t: usize| match self.renderer.case_feed_item(t) {
                    Ok(html) => Some(html),
                    Err(d) => {
                        diags.lock().unwrap_or_else(|e| e.into_inner()).push(d);
                        None
                    }
                };
                let xml = feeds::cases_xml(m, &body).unwrap_or_default();
                Made { bytes: xml.into_bytes(), diags: diags.into_inner().unwrap_or_default(), page: None }
            }
            Source::Data(name) => {
                let data = self.data();
                let (files, diags) = &*data;
                let bytes =
                    files.iter().find(|f| f.name == *name).map(|f| f.bytes.clone()).unwrap_or_default();
                // The data files' own problems are reported once, with the zip.
                let diags = if *name == "all.zip" { diags.clone() } else { Vec::new() };
                Made { bytes, diags, page: None }
            }
            Source::SearchMeta => plain(search::meta_script(
                self.search_docs.len() as u32,
                search::shard_count(self.search_docs.len()),
            )),
            Source::SearchShard(n) => plain(self.search().shard_script(*n)),
            Source::SearchDoc(n) => plain(search::doc_script(m, self.search_docs[*n as usize], *n)),
            Source::Sitemap => {
                let pages = self.page_facts();
                let listed =
                    pages.iter().filter(|(_, p)| p.listed).map(|(path, p)| (*path, p.lastmod.as_deref()));
                plain(sitemap::sitemap(&c.site.base_url, listed).into_bytes())
            }
            Source::Robots => plain(robots(&c.site.base_url).into_bytes()),
            Source::Asset(path) => {
                plain(c.theme.assets.get(path).map(|a| a.data.clone()).unwrap_or_default())
            }
            Source::Attachment(rel) => match std::fs::read(c.root.join("content/files").join(rel)) {
                Ok(bytes) => plain(bytes),
                Err(e) => Made {
                    bytes: Vec::new(),
                    diags: vec![Diagnostic::error(
                        format!("content/files/{rel}"),
                        None,
                        format!("无法读取附件：{}", crate::diagnostics::io_reason(&e)),
                    )],
                    page: None,
                },
            },
        }
    }

    /// Every page, in path order, with what the sitemap says of it, without
    /// making it (for a sitemap made on its own, in the preview).
    fn page_facts(&self) -> Vec<(&str, SitemapFacts)> {
        self.files()
            .iter()
            .filter_map(|(path, source)| match source {
                Source::Page(job) => {
                    let frame = self.renderer.frame(*job);
                    let listed = !matches!(job, Job::NotFound);
                    let updated = if listed { frame.updated } else { None };
                    Some((path.as_str(), SitemapFacts::new(listed, updated)))
                }
                _ => None,
            })
            .collect()
    }
}

/// Every file of a site in path order, with what the paths were made from:
/// the sources in the order listed, and the names of the content's items.
/// A site with the same sources and names has the same files, and the
/// preview keeps the list from one save to the next: at 10,000 issues,
/// making and sorting 170,000 paths is a third of a save.
pub struct FileList {
    files: Vec<(String, Source)>,
    sources: Vec<Source>,
    names: Names,
}

/// The ids and slugs the paths of pages and feeds are made of, in the
/// content's order; the 交办件 facts hold the batch numbers and case ids.
struct Names {
    issues: Vec<String>,
    notes: Vec<String>,
    targets: Vec<String>,
    pages: Vec<String>,
    cases: Option<Arc<crate::model::cases::CasesFacts>>,
}

impl Names {
    fn of(model: &Model) -> Names {
        let c = &model.content;
        let (issues, notes) = rayon::join(
            || c.issues.par_iter().map(|i| i.id.clone()).collect(),
            || c.notes.par_iter().map(|n| n.slug.clone()).collect(),
        );
        Names {
            issues,
            notes,
            targets: c.targets.iter().map(|t| t.id.clone()).collect(),
            pages: c.pages.iter().map(|p| p.slug.clone()).collect(),
            cases: model.cases.clone(),
        }
    }

    /// Whether these are the names of `model`'s items (read in parallel:
    /// the notes lie all over memory).
    fn are_of(&self, model: &Model) -> bool {
        let c = &model.content;
        fn same<T: Sync + Send>(names: &[String], items: &[Arc<T>], name: fn(&T) -> &str) -> bool {
            names.len() == items.len() && names.par_iter().zip(items).all(|(n, item)| n == name(item))
        }
        let same_cases = match (&self.cases, &model.cases) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_cases
            && same(&self.issues, &c.issues, |i| &i.id)
            && same(&self.notes, &c.notes, |n| &n.slug)
            && same(&self.targets, &c.targets, |t| &t.id)
            && same(&self.pages, &c.pages, |p| &p.slug)
    }
}

/// How each file of the site is made, in the order listed.
fn sources(model: &Model, renderer: &Renderer, search_docs: usize) -> Vec<Source> {
    let c = &model.content;
    let mut listed: Vec<Source> = renderer.jobs().into_iter().map(Source::Page).collect();
    listed.extend(c.theme.assets.keys().map(|path| Source::Asset(path.clone())));
    listed.extend(c.files.iter().map(|rel| Source::Attachment(rel.clone())));
    listed.push(Source::Sitemap);
    listed.extend(feeds::all(model).map(Source::Feed));
    if model.cases.is_some() {
        listed.push(Source::CasesFeed);
    }
    listed.extend(data::names(model).into_iter().map(Source::Data));
    listed.push(Source::SearchMeta);
    listed.extend((0..search::shard_count(search_docs)).map(Source::SearchShard));
    listed.extend((0..search_docs as u32).map(Source::SearchDoc));
    listed.push(Source::Robots);
    listed
}

/// The output path of the file `source` makes.
fn path(model: &Model, renderer: &Renderer, source: &Source) -> String {
    match source {
        Source::Page(job) => renderer.job_path(*job),
        Source::Asset(path) => path.clone(),
        Source::Attachment(rel) => urls::attachment(rel),
        Source::Sitemap => urls::SITEMAP.into(),
        Source::Feed(of) => feeds::path(model, *of),
        Source::CasesFeed => urls::CASES_FEED.into(),
        Source::Data(name) => format!("data/{name}"),
        Source::SearchMeta => urls::SEARCH_INDEX.into(),
        Source::SearchShard(n) => urls::search_file(&urls::search_part(*n)),
        Source::SearchDoc(n) => urls::search_file(&urls::search_doc(*n)),
        Source::Robots => urls::ROBOTS.into(),
    }
}

fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", urls::absolute(base_url, urls::SITEMAP))
}

/// Where a file of the site comes from, in words, and the file of the
/// site's own to change when two would share a path.
fn origin(model: &Model, renderer: &Renderer, source: &Source) -> (String, Option<String>) {
    let c = &model.content;
    match source {
        Source::Page(job) => (format!("生成的页面（模板 {}）", renderer.template_origin(*job)), None),
        Source::Asset(path) => {
            let origin = c.theme.assets.get(path).map(|a| a.origin.clone()).unwrap_or_default();
            let own = (!origin.starts_with(crate::content::theme::BUILT_IN)).then(|| origin.clone());
            (format!("主题文件“{origin}”"), own)
        }
        Source::Attachment(rel) => {
            (format!("附件“content/files/{rel}”"), Some(format!("content/files/{rel}")))
        }
        _ => ("生成的文件".to_string(), None),
    }
}

/// An error for every output path that two files would be written to, at
/// the file of the site's own that causes it (a theme's `static/index.html`
/// would silently replace the home page). `files` is sorted by path.
fn clashes(model: &Model, renderer: &Renderer, files: &[(String, Source)]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut j = 0;
    for (i, (path, _)) in files.iter().enumerate() {
        if *path != files[j].0 {
            j = i;
        }
        if i == j {
            continue;
        }
        let described = |k: usize| origin(model, renderer, &files[k].1);
        let (a, b) = (described(j), described(i));
        // Theme files come before attachments: the theme file is named.
        let (named, other, own) = match (&a.1, &b.1) {
            (Some(own), _) => (&a.0, &b.0, Some(own.clone())),
            (None, Some(own)) => (&b.0, &a.0, Some(own.clone())),
            (None, None) => (&a.0, &b.0, None),
        };
        let both = format!("{named}要输出为网站中的“{path}”，与{other}重名，只能保留一个");
        diags.push(match own {
            Some(source) => Diagnostic::error(source, None, format!("{both}。请给这个文件改名或删除它")),
            None => Diagnostic::error(path, None, both),
        });
    }
    diags
}
