//! The whole build: content → model → every file of the site, each handed
//! to a sink as soon as it is made, with every diagnostic of every stage.
//! `build` writes into a staging folder, `check` into nothing, and both
//! check exactly the same things, down to every link and `#anchor` of the
//! rendered pages.

use crate::content;
use crate::diagnostics::{self, Diagnostic};
use crate::digest;
use crate::model::cases::CasesFacts;
use crate::model::release::{self, ContentFacts, ReleaseHistory};
use crate::model::{Model, links};
use crate::output::manifest::{self, Entry, Manifest};
use crate::output::site::{Made, Paths, SiteFiles, SitemapFacts, Source};
use crate::output::site_links::LinkCheck;
use crate::output::write::Sink;
use crate::render::Renderer;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug)]
pub struct Outcome {
    pub model: Model,
    /// Every file put into the sink, with its size and hash; None when
    /// there are errors (the sink's files are then not a site).
    pub manifest: Option<Manifest>,
    /// Errors and warnings, sorted by file and position.
    pub diags: Vec<Diagnostic>,
    /// The sink refused a file: the first error.
    pub write_error: Option<io::Error>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        diagnostics::has_errors(&self.diags)
    }
}

/// Builds the site under `root` as of `as_of` into `sink`; `base_url`
/// replaces the one in site.yaml (already checked by the caller).
pub fn build(root: &Path, as_of: NaiveDate, base_url: Option<&str>, sink: &dyn Sink) -> Outcome {
    build_after(root, as_of, base_url, None, sink)
}

/// As [`build`], as the release after the one `earlier` recorded (read from
/// the manifest in the output folder), which the 本次更新 page compares with.
pub fn build_after(
    root: &Path,
    as_of: NaiveDate,
    base_url: Option<&str>,
    earlier: Option<ReleaseHistory>,
    sink: &dyn Sink,
) -> Outcome {
    let (content, diags) = content::load(root);
    let Prepared { model, history, mut diags } = prepare(content, diags, as_of, base_url, earlier);
    let (entries, write_error) = match site_files(&model, &history) {
        Err(mut d) => {
            diags.append(&mut d);
            (Vec::new(), None)
        }
        Ok(files) => {
            let paths = files.paths();
            diags.extend(links::check(&model, &|file| paths.contains(file)));
            make_all(&model, &files, &paths, sink, &AtomicBool::new(false), &mut diags)
        }
    };
    diagnostics::sort(&mut diags);
    diags.dedup();
    let manifest = (!diagnostics::has_errors(&diags)).then(|| manifest::manifest(entries, as_of, history));
    Outcome { model, manifest, diags, write_error }
}

/// The content as of a date, with what this release adds: everything a
/// build knows before it makes a file.
pub struct Prepared {
    pub model: Model,
    pub history: ReleaseHistory,
    pub diags: Vec<Diagnostic>,
}

/// The model of `content` as of `as_of`, as the release after `earlier`,
/// with the warnings about its dates.
pub fn prepare(
    content: content::Content,
    diags: Vec<Diagnostic>,
    as_of: NaiveDate,
    base_url: Option<&str>,
    earlier: Option<ReleaseHistory>,
) -> Prepared {
    let (model, mut diags) = model_of(content, diags, as_of, base_url, None);
    let (history, mut warnings) = release_of(&model, earlier);
    diags.append(&mut warnings);
    Prepared { model, history, diags }
}

/// The model of `content` as of `as_of`, with the warnings about its dates
/// (`earlier_cases`: see [`Model::reusing`]).
pub fn model_of(
    mut content: content::Content,
    mut diags: Vec<Diagnostic>,
    as_of: NaiveDate,
    base_url: Option<&str>,
    earlier_cases: Option<Arc<CasesFacts>>,
) -> (Model, Vec<Diagnostic>) {
    if let Some(url) = base_url {
        content.site.base_url = url.to_string();
    }
    let model = Model::reusing(content, as_of, earlier_cases);
    diags.extend(crate::model::date_warnings::warnings(&model));
    (model, diags)
}

/// The release of `model` after `earlier`, with the warnings about notes
/// dated before that release.
pub fn release_of(model: &Model, earlier: Option<ReleaseHistory>) -> (ReleaseHistory, Vec<Diagnostic>) {
    let history = ReleaseHistory::next(earlier, ContentFacts::of(model), model.as_of);
    let warnings = release::backdating_warnings(model, &history);
    (history, warnings)
}

/// The files of the site of `model`, each to be made on demand.
pub fn site_files<'m>(model: &'m Model, history: &ReleaseHistory) -> Result<SiteFiles<'m>, Vec<Diagnostic>> {
    SiteFiles::new(model, Renderer::new(model)?.with_release(history))
}

/// Makes every file of `files` only to check it, as a build would: the
/// problems of every page and link. Returns nothing once `stop` is set
/// (the preview stops checking a site that has been replaced).
pub fn check_files(model: &Model, files: &SiteFiles, stop: &AtomicBool) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    make_all(model, files, &files.paths(), &crate::output::write::Discard, stop, &mut diags);
    diagnostics::sort(&mut diags);
    diags.dedup();
    if stop.load(Ordering::Relaxed) { Vec::new() } else { diags }
}

/// What a build keeps of a file once it is put: its size and hash for the
/// manifest, the problems found making it, and what the sitemap says of a
/// page (not its path, which the file list has).
struct Kept {
    file: usize,
    size: u64,
    sha256: [u8; 32],
    diags: Vec<Diagnostic>,
    sitemap: Option<SitemapFacts>,
}

/// Makes every file into `sink`, in parallel, checking the links of every
/// page as it is made; the sitemap last, from the pages made. Returns the
/// files put, in path order, and the first write error.
fn make_all(
    model: &Model,
    files: &SiteFiles,
    paths: &Paths,
    sink: &dyn Sink,
    stop: &AtomicBool,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Entry>, Option<io::Error>) {
    // A broken markdown link is reported once, by the content check, not
    // again in every page that shows it.
    let content_ok = !diagnostics::has_errors(diags);
    let check = LinkCheck::new(&model.content.site.base_url, paths);
    let write_error = std::sync::Mutex::new(None);
    // With errors in the content nothing is published: the files are made
    // to find every problem, not written.
    let put = |path: &str, bytes: &[u8]| {
        if !content_ok {
            return;
        }
        if let Err(e) = sink.put(path, bytes) {
            write_error.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
        }
    };
    let keep = |file: usize, made: Made| -> Kept {
        let path = &files.files()[file].0;
        if let Some(page) = made.page.as_ref().filter(|_| content_ok) {
            check.page(path, &page.template, &String::from_utf8_lossy(&made.bytes));
        }
        put(path, &made.bytes);
        let (size, sha256) = (made.bytes.len() as u64, digest::sha256(&made.bytes));
        Kept { file, size, sha256, diags: made.diags, sitemap: made.page.map(|p| p.sitemap) }
    };
    let stopped = || stop.load(Ordering::Relaxed);
    let make = |file: usize| -> Option<Kept> {
        if stopped() {
            return None;
        }
        Some(keep(file, files.make(&files.files()[file].1)))
    };
    // The files made from one large value first, each dropped before the
    // next: the data files, each written as soon as it is made, and the
    // pieces of the search index; then the rest; the sitemap last.
    if stopped() {
        return (Vec::new(), None);
    }
    let made = std::sync::Mutex::new(Vec::new());
    files.make_data(&|path, m| {
        // The file list has every data file (see `data::names`).
        if let Some(file) = files.position(path) {
            let k = keep(file, m);
            made.lock().unwrap_or_else(|e| e.into_inner()).push(k);
        }
    });
    let mut kept: Vec<Kept> = Vec::with_capacity(files.files().len());
    kept.append(&mut made.into_inner().unwrap_or_else(|e| e.into_inner()));
    if stopped() {
        return (Vec::new(), None);
    }
    let of_kind = |kind: fn(&Source) -> bool| -> Vec<usize> {
        let all = files.files().iter().enumerate();
        all.filter(|(_, (_, s))| kind(s)).map(|(i, _)| i).collect()
    };
    files.prepare_search_index();
    kept.par_extend(of_kind(|s| matches!(s, Source::SearchShard(_))).into_par_iter().filter_map(make));
    files.release_search_index();
    // The pages that list every issue are made one after another beside
    // the rest, so that two of them are never held at once.
    let rest = of_kind(|s| !matches!(s, Source::Data(_) | Source::SearchShard(_) | Source::Sitemap));
    let (every_issue, rest): (Vec<usize>, Vec<usize>) = rest
        .into_iter()
        .partition(|&i| matches!(files.files()[i].1, Source::Page(job) if job.lists_every_issue()));
    let (mut large, ()) = rayon::join(
        || every_issue.into_iter().filter_map(make).collect::<Vec<_>>(),
        || kept.par_extend(rest.into_par_iter().filter_map(make)),
    );
    kept.append(&mut large);
    kept.sort_unstable_by_key(|k| k.file);
    let listed = kept.iter().filter_map(|k| {
        let page = k.sitemap.as_ref().filter(|p| p.listed)?;
        Some((files.files()[k.file].0.as_str(), page.lastmod.as_deref()))
    });
    let sitemap = crate::output::sitemap::sitemap(&model.content.site.base_url, listed);
    put(crate::urls::SITEMAP, sitemap.as_bytes());
    let mut entries = Vec::with_capacity(kept.len() + 1);
    for k in kept {
        let path = &files.files()[k.file].0;
        entries.push(Entry { path: path.clone(), size: k.size, sha256: digest::hex(&k.sha256) });
        diags.extend(k.diags);
    }
    let at = entries.partition_point(|e| e.path.as_str() < crate::urls::SITEMAP);
    entries.insert(at, manifest::entry(crate::urls::SITEMAP, sitemap.as_bytes()));
    if content_ok && !diagnostics::has_errors(diags) {
        diags.extend(check.finish(model));
    }
    (entries, write_error.into_inner().unwrap_or_else(|e| e.into_inner()))
}
