//! The site as `gongkai serve` shows it: made again after every save, but
//! only as far as needed. The files read before are kept, and only those
//! the file watcher names are read again (every file whose size or time
//! changed, when it cannot tell); a folder is listed again only when a
//! file was added, removed or renamed in it; the model is made anew (it
//! is fast), but what a save cannot have changed is kept while what it
//! was made from is the same (the compiled templates, the list of the
//! site's files, the 交办件 facts); and no file of the site is made until
//! a browser asks for it,
//! so a save costs the reading of that file, the model, and the pages
//! looked at. Each file is made by the same code as in a build, so it has
//! the same bytes (tests/it/preview.rs checks it after edits, additions
//! and deletions).
//!
//! A build also finds the problems of every page and link, and the notes
//! back-dated since the last release; the preview does that after the
//! site is shown, in [`Generation::check`].

use crate::build;
use crate::content::theme::Theme;
use crate::content::{self, Changed, LoadCache};
use crate::diagnostics::{self, Diagnostic};
use crate::model::cases::CasesFacts;
use crate::model::release::ReleaseHistory;
use crate::model::{Model, links};
use crate::output::site::{FileList, SiteFiles, Source};
use crate::render::{Job, Renderer, Templates};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, OnceLock};

/// Requests answered at once by a generation.
const MAKERS: usize = 4;

/// A site root previewed at a base URL.
pub struct Preview {
    root: PathBuf,
    base_url: String,
    cache: LoadCache,
    /// The templates of the last generation that had no template errors.
    templates: Option<Arc<Templates>>,
    /// The 交办件 facts of the last generation.
    cases: Option<Arc<CasesFacts>>,
    /// The list of files of the last generation that had one.
    files: Option<Arc<FileList>>,
}

/// One state of the site: its problems, and its files made on demand by
/// threads that hold its model (they end when the generation is dropped).
pub struct Generation {
    /// The problems found before any file was made.
    pub diags: Vec<Diagnostic>,
    wants: Option<Mutex<Sender<Want>>>,
}

enum Want {
    File(String, Sender<Option<Vec<u8>>>),
    Has(String, Sender<bool>),
    Paths(Sender<Vec<String>>),
    Check(Arc<AtomicBool>, Sender<Vec<Diagnostic>>),
}

impl Preview {
    pub fn new(root: PathBuf, base_url: String) -> Preview {
        Preview { root, base_url, cache: LoadCache::default(), templates: None, cases: None, files: None }
    }

    /// The site as the files are now, as of `as_of`, as the release after
    /// `earlier`; `changed` says what changed on disk since the last one.
    pub fn generation(
        &mut self,
        as_of: NaiveDate,
        earlier: Option<ReleaseHistory>,
        changed: &Changed,
    ) -> Generation {
        let (content, diags) = content::load_with(&self.root, &mut self.cache, changed);
        let earlier_cases = self.cases.take();
        let (model, diags) = build::model_of(content, diags, as_of, Some(&self.base_url), earlier_cases);
        self.cases = model.cases.clone();
        let templates = self.templates_of(&model.content.theme);
        let (wants, asked) = channel();
        let (ready, found) = channel();
        let earlier_files = self.files.take();
        std::thread::spawn(move || {
            make_on_demand(model, templates, earlier_files, earlier, diags, asked, ready)
        });
        let (diags, files) = found.recv().unwrap_or_default();
        self.files = files;
        let wants = (!diagnostics::has_errors(&diags)).then(|| Mutex::new(wants));
        Generation { diags, wants }
    }

    /// The templates of `theme`, compiled unless they are the last ones.
    fn templates_of(&mut self, theme: &Theme) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        if let Some(templates) = self.templates.as_ref().filter(|t| t.are_of(theme)) {
            return Ok(Arc::clone(templates));
        }
        let compiled = Templates::compile(theme).map(Arc::new);
        self.templates = compiled.as_ref().ok().cloned();
        compiled
    }
}

impl Generation {
    /// Whether it has files (it has none when there are errors).
    pub fn is_site(&self) -> bool {
        self.wants.is_some()
    }

    fn ask<T>(&self, want: impl FnOnce(Sender<T>) -> Want) -> Option<T> {
        let (tx, rx) = channel();
        self.wants.as_ref()?.lock().unwrap_or_else(|e| e.into_inner()).send(want(tx)).ok()?;
        rx.recv().ok()
    }

    /// The bytes of the file at `path` of the site, if it has one.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        self.ask(|tx| Want::File(path.to_string(), tx)).flatten()
    }

    /// Whether the site has a file at `path` (without making it).
    pub fn has(&self, path: &str) -> bool {
        self.ask(|tx| Want::Has(path.to_string(), tx)).unwrap_or(false)
    }

    /// Every path of the site, in order.
    pub fn paths(&self) -> Vec<String> {
        self.ask(Want::Paths).unwrap_or_default()
    }

    /// The problems a build would find in the pages and their links (made
    /// one by one, then thrown away); nothing once `stop` is set.
    pub fn check(&self, stop: Arc<AtomicBool>) -> Vec<Diagnostic> {
        self.ask(|tx| Want::Check(stop, tx)).unwrap_or_default()
    }
}

/// Answers the wants of one generation until it is dropped; first sends
/// the problems found before any file is made.
fn make_on_demand(
    model: Model,
    templates: Result<Arc<Templates>, Vec<Diagnostic>>,
    earlier_files: Option<Arc<FileList>>,
    earlier: Option<ReleaseHistory>,
    mut diags: Vec<Diagnostic>,
    asked: Receiver<Want>,
    ready: Sender<(Vec<Diagnostic>, Option<Arc<FileList>>)>,
) {
    let renderer = templates.map(|t| Renderer::with_templates(&model, t).with_release_page());
    // With errors there is no site and no check to come: the back-dated
    // notes are said with the errors, as a build says them.
    let with_backdated = |mut diags: Vec<Diagnostic>, earlier| {
        diags.extend(build::release_of(&model, earlier).1);
        diagnostics::sort(&mut diags);
        diags.dedup();
        diags
    };
    let files = match renderer.and_then(|r| SiteFiles::after(&model, r, earlier_files)) {
        Ok(files) => files,
        Err(mut d) => {
            diags.append(&mut d);
            let _ = ready.send((with_backdated(diags, earlier), None));
            return;
        }
    };
    diags.extend(links::check(&model, &|file| files.source(file).is_some()));
    diagnostics::sort(&mut diags);
    diags.dedup();
    if diagnostics::has_errors(&diags) {
        let _ = ready.send((with_backdated(diags, earlier), Some(files.list())));
        return;
    }
    let _ = ready.send((diags, Some(files.list())));
    let release = Release { earlier: Mutex::new(earlier), warnings: OnceLock::new() };
    let asked = Mutex::new(asked);
    std::thread::scope(|s| {
        for _ in 0..MAKERS {
            s.spawn(|| {
                loop {
                    let want = asked.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    match want {
                        Ok(want) => answer(&model, &files, &release, want),
                        Err(_) => return,
                    }
                }
            });
        }
    });
}

/// The release of a generation, found when first needed: only the 本次更新
/// page and the check need it, and the facts of every note are a large part
/// of a save at 10,000 issues. Its warnings (back-dated notes) come with
/// the check.
struct Release {
    earlier: Mutex<Option<ReleaseHistory>>,
    warnings: OnceLock<Vec<Diagnostic>>,
}

impl Release {
    /// Finds the release, once, and tells the files; its warnings.
    fn warnings(&self, model: &Model, files: &SiteFiles) -> &[Diagnostic] {
        self.warnings.get_or_init(|| {
            let earlier = self.earlier.lock().unwrap_or_else(|e| e.into_inner()).take();
            let (history, warnings) = build::release_of(model, earlier);
            files.set_release(&history);
            warnings
        })
    }
}

fn answer(model: &Model, files: &SiteFiles, release: &Release, want: Want) {
    match want {
        Want::File(path, reply) => {
            let made = files.source(&path).map(|source| {
                if *source == Source::Page(Job::Release) {
                    release.warnings(model, files);
                }
                files.make(source).bytes
            });
            let _ = reply.send(made);
        }
        Want::Has(path, reply) => {
            let _ = reply.send(files.source(&path).is_some());
        }
        Want::Paths(reply) => {
            let _ = reply.send(files.files().iter().map(|(p, _)| p.clone()).collect());
        }
        Want::Check(stop, reply) => {
            let mut diags = release.warnings(model, files).to_vec();
            diags.extend(build::check_files(model, files, &stop));
            diagnostics::sort(&mut diags);
            diags.dedup();
            let _ = reply.send(if stop.load(Ordering::Relaxed) { Vec::new() } else { diags });
        }
    }
}
