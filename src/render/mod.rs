//! Stage 3: pages from the model through the theme's Tera templates.
//! Every page is rendered from the one immutable model, independently, so
//! pages render in parallel.

pub mod bar_chart;
pub mod cases;
pub mod chart;
pub mod closures;
pub mod content_files;
pub mod feed_items;
pub mod ledger_views;
pub mod markdown;
pub mod opendata;
mod pages;
pub mod portal;
pub mod release;
pub mod search_docs;
pub mod views;
pub mod words;

use crate::content::theme::Theme;
use crate::diagnostics::{Diagnostic, Pos};
use crate::model::Model;
use crate::urls;
use markdown::{LinkBase, to_html};
pub use pages::Frame;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::{Arc, OnceLock};
use tera::{Context, Tera};
use views::*;

pub const UPDATES_PER_PAGE: usize = 20;
/// Issues the home page lists under 需要关注的问题; the rest are a link away.
pub const HOME_ATTENTION: usize = 10;

/// A rendered page: its output path and HTML.
#[derive(Debug)]
pub struct RenderedPage {
    pub path: String,
    pub html: String,
    /// The page's update time, for the sitemap; None for 404.html.
    pub updated: Option<Time>,
    /// Whether the sitemap lists it (every page but 404.html).
    pub listed: bool,
    /// Where its template came from (`(内置主题)/templates/issue.html`), for messages.
    pub template: String,
}

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    Ledger,
    Issue(usize),
    Updates(usize),
    Note(usize),
    Targets,
    Target(usize),
    Page(usize),
    NotFound,
    Release,
    Search,
    LedgerByProgress,
    LedgerByUnit,
    LedgerPrint,
    /// 数据下载: the open data files, their columns and terms of use.
    Data,
    /// How to subscribe to the feeds and the deadline calendar.
    Subscribe,
    /// The 交办件 overview.
    Cases,
    /// A batch table, by its index in the section's tables.
    CaseBatch(usize),
    /// A case, by its index in the model's cases.
    Case(usize),
    /// 销号公示: every notice before closing, when there is one.
    Closures,
}

impl Job {
    /// Whether the page lists every issue: on a province's site it is
    /// megabytes of HTML.
    pub fn lists_every_issue(self) -> bool {
        matches!(
            self,
            Job::Ledger | Job::LedgerByProgress | Job::LedgerByUnit | Job::LedgerPrint | Job::Subscribe
        )
    }
}

/// Everything the pages share, computed once.
pub struct Renderer<'m> {
    model: &'m Model,
    templates: Arc<Templates>,
    theme: &'m Theme,
    dirs: urls::PageDirs<'m>,
    site: SiteView,
    /// The ledger's rows, made when a page first needs them (most pages
    /// do not, and the preview makes only the pages looked at).
    rows: OnceLock<Vec<IssueRow>>,
    targets: Vec<TargetRow>,
    /// The 本次更新 page, when the site has one, with its view once the
    /// release is known (the preview finds it only when the page is asked for).
    release: Option<OnceLock<release::ReleaseView>>,
    /// The open data files the 数据下载 page lists, once they are made.
    data_files: OnceLock<Vec<opendata::DataFileView>>,
}

#[derive(Debug, Clone, Serialize)]
struct SiteView {
    title: String,
    description: Option<String>,
    base_url: String,
    language: String,
    sample: bool,
    publisher: crate::content::Publisher,
    identifiers: crate::content::Identifiers,
    nav: Vec<NavItem>,
    as_of: String,
    updated: Option<Time>,
    /// Host of base_url, for the SiteDomain monitoring tag.
    domain: String,
    /// Path of the accessibility statement (the page with slug `accessibility`), linked from every footer.
    statement: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct NavItem {
    /// Matches the `section` of the pages it covers.
    key: String,
    title: String,
    path: String,
}

/// The theme's templates, compiled. The preview keeps them from one save
/// to the next while the templates stay as they are: parsing them is a
/// good part of a save.
pub struct Templates {
    tera: Tera,
    /// The sources compiled, by template name.
    sources: Vec<(String, String)>,
}

impl Templates {
    /// Compiles the theme's templates; template errors are diagnostics.
    pub fn compile(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let sources = theme.templates.iter().map(|(name, file)| (name.clone(), file.data.clone())).collect();
        Ok(Templates { tera: compile(theme)?, sources })
    }

    /// Whether these are the templates of `theme`.
    pub fn are_of(&self, theme: &Theme) -> bool {
        self.sources.len() == theme.templates.len()
            && self
                .sources
                .iter()
                .zip(&theme.templates)
                .all(|((n, s), (name, file))| n == name && *s == file.data)
    }
}

impl<'m> Renderer<'m> {
    /// Compiles the theme's templates; template errors are diagnostics.
    pub fn new(model: &'m Model) -> Result<Renderer<'m>, Vec<Diagnostic>> {
        let templates = Templates::compile(&model.content.theme)?;
        Ok(Self::with_templates(model, Arc::new(templates)))
    }

    /// With the theme's templates compiled before (see [`Templates::are_of`]).
    pub fn with_templates(model: &'m Model, templates: Arc<Templates>) -> Renderer<'m> {
        let theme = &model.content.theme;
        let c = &model.content;
        let mut nav = vec![
            NavItem { key: "home".into(), title: words::HOME.into(), path: urls::HOME.into() },
            NavItem { key: "issues".into(), title: words::LEDGER.into(), path: urls::LEDGER.into() },
            NavItem { key: "updates".into(), title: words::UPDATES.into(), path: urls::updates_page(1) },
        ];
        if !c.targets.is_empty() {
            nav.push(NavItem {
                key: "targets".into(),
                title: words::TARGETS.into(),
                path: urls::TARGETS.into(),
            });
        }
        if model.cases.is_some() {
            nav.push(NavItem { key: "cases".into(), title: words::CASES.into(), path: urls::CASES.into() });
        }
        if closures::has_notices(model) {
            nav.push(NavItem {
                key: "closures".into(),
                title: words::CLOSURES.into(),
                path: urls::CLOSURES.into(),
            });
        }
        nav.extend(c.pages.iter().filter(|p| p.order.is_some()).map(|p| NavItem {
            key: format!("page:{}", p.slug),
            title: p.title.clone(),
            path: urls::page(&p.slug),
        }));
        let site = SiteView {
            title: c.site.title.clone(),
            description: c.site.description.clone(),
            base_url: c.site.base_url.clone(),
            language: c.site.language.clone(),
            sample: c.site.sample,
            publisher: c.site.publisher.clone(),
            identifiers: c.site.identifiers.clone(),
            nav,
            as_of: words::date(model.as_of),
            updated: model.last_update().map(Time::new),
            domain: portal::site_domain(&c.site.base_url),
            statement: c.pages.iter().find(|p| p.slug == "accessibility").map(|p| urls::page(&p.slug)),
        };
        let targets = c.targets.iter().zip(&model.targets).map(|(t, f)| target_row(t, f)).collect();
        Renderer {
            model,
            templates,
            theme,
            dirs: urls::PageDirs::of(&model.content.known),
            site,
            rows: OnceLock::new(),
            targets,
            release: None,
            data_files: OnceLock::new(),
        }
    }

    /// A row of the ledger for every issue, in ledger order. Made on one
    /// thread: pages are rendered in parallel, and a parallel job here could
    /// start another page that waits for these rows on the same thread.
    fn rows(&self) -> &[IssueRow] {
        let m = self.model;
        self.rows
            .get_or_init(|| m.content.issues.iter().zip(&m.issues).map(|(i, f)| issue_row(i, f)).collect())
    }

    /// Lists `files` (made once by the output stage) on the 数据下载 page;
    /// it is rendered only after this.
    pub fn set_data_files(&self, files: &[opendata::DataFileFacts]) {
        let _ = self.data_files.set(opendata::data_files(self.model, files));
    }

    pub fn has_data_files(&self) -> bool {
        self.data_files.get().is_some()
    }

    /// Adds the 本次更新 page for `history`.
    pub fn with_release(self, history: &crate::model::release::ReleaseHistory) -> Self {
        let renderer = self.with_release_page();
        renderer.set_release(history);
        renderer
    }

    /// Adds the 本次更新 page, for a release told later by [`Self::set_release`]
    /// (before the page is rendered).
    pub fn with_release_page(mut self) -> Self {
        self.release = Some(OnceLock::new());
        self
    }

    /// Tells the release of a site with the 本次更新 page; only the first is kept.
    pub fn set_release(&self, history: &crate::model::release::ReleaseHistory) {
        if let Some(view) = &self.release {
            view.get_or_init(|| release::ReleaseView::new(history));
        }
    }

    /// Every page of the site.
    pub fn jobs(&self) -> Vec<Job> {
        let c = &self.model.content;
        let mut jobs = vec![Job::Home, Job::Ledger, Job::NotFound];
        jobs.extend([Job::Search, Job::LedgerByProgress, Job::LedgerByUnit, Job::LedgerPrint]);
        jobs.extend((0..c.issues.len()).map(Job::Issue));
        let pages = self.model.published.len().div_ceil(UPDATES_PER_PAGE).max(1);
        jobs.extend((1..=pages).map(Job::Updates));
        jobs.extend(self.model.published.iter().map(|&i| Job::Note(i)));
        if !c.targets.is_empty() {
            jobs.push(Job::Targets);
            jobs.extend((0..c.targets.len()).map(Job::Target));
        }
        jobs.extend((0..c.pages.len()).map(Job::Page));
        jobs.extend([Job::Data, Job::Subscribe]);
        if closures::has_notices(self.model) {
            jobs.push(Job::Closures);
        }
        if let Some(cases) = &self.model.cases {
            jobs.push(Job::Cases);
            jobs.extend(cases.batches.iter().map(|(t, _)| Job::CaseBatch(*t)));
            jobs.extend((0..cases.cases.len()).map(Job::Case));
        }
        if self.release.is_some() {
            jobs.push(Job::Release);
        }
        jobs
    }

    /// Where a page goes, without rendering it.
    pub fn job_path(&self, job: Job) -> String {
        let c = &self.model.content;
        match job {
            Job::Home => urls::HOME.into(),
            Job::Ledger => urls::LEDGER.into(),
            Job::Issue(i) => urls::issue(&c.issues[i].id),
            Job::Updates(n) => urls::updates_page(n),
            Job::Note(i) => urls::note(&c.notes[i].slug),
            Job::Targets => urls::TARGETS.into(),
            Job::Target(i) => urls::target(&c.targets[i].id),
            Job::Page(i) => urls::page(&c.pages[i].slug),
            Job::NotFound => urls::NOT_FOUND.into(),
            Job::Release => urls::RELEASE.into(),
            Job::Search => urls::SEARCH.into(),
            Job::LedgerByProgress => urls::LEDGER_BY_PROGRESS.into(),
            Job::LedgerByUnit => urls::LEDGER_BY_UNIT.into(),
            Job::LedgerPrint => urls::LEDGER_PRINT.into(),
            Job::Data => urls::DATA.into(),
            Job::Subscribe => urls::SUBSCRIBE.into(),
            Job::Cases => urls::CASES.into(),
            Job::CaseBatch(t) => {
                let number = c.cases.as_ref().and_then(|s| s.tables[t].batch()).unwrap_or_default();
                urls::case_batch(number)
            }
            Job::Case(i) => self.model.cases.as_ref().map(|f| urls::case(&f.cases[i].id)).unwrap_or_default(),
            Job::Closures => urls::CLOSURES.into(),
        }
    }

    /// Where a page goes, its template and update time, without rendering it.
    pub fn frame(&self, job: Job) -> Frame {
        self.page_context(job, &mut Context::new())
    }

    /// Where the template of a page comes from, for messages.
    pub fn template_origin(&self, job: Job) -> String {
        let template = self.frame(job).template;
        self.theme.templates.get(template).map(|t| t.origin.clone()).unwrap_or_else(|| template.into())
    }

    /// Renders one page.
    pub fn render(&self, job: Job) -> Result<RenderedPage, Diagnostic> {
        let (path, template, mut ctx, updated) = self.context(job);
        self.insert_ledger_rows(job, &path, &mut ctx)?;
        let html = self
            .templates
            .tera
            .render(template, &ctx)
            .map_err(|e| self.template_error(template, &path, &e))?;
        // Not a page of its own address: shown for any missing one.
        let updated = if matches!(job, Job::NotFound) { None } else { updated };
        let listed = !matches!(job, Job::NotFound);
        let template =
            self.theme.templates.get(template).map(|t| t.origin.clone()).unwrap_or_else(|| template.into());
        Ok(RenderedPage { path, html, updated, listed, template })
    }

    /// The feed item body of a published note.
    pub fn feed_item(&self, n: usize) -> Result<String, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("item", &feed_items::view(self.model, n, self.dirs));
        let page = format!("{}（订阅源）", urls::note(&self.model.content.notes[n].slug));
        let html = self.templates.tera.render(feed_items::TEMPLATE, &ctx);
        html.map(|h| h.trim().to_string()).map_err(|e| self.template_error(feed_items::TEMPLATE, &page, &e))
    }

    /// The feed item body of a published 交办件 table.
    pub fn case_feed_item(&self, t: usize) -> Result<String, Diagnostic> {
        const TEMPLATE: &str = "feed_case_table.html";
        let (Some(section), Some(facts)) = (&self.model.content.cases, &self.model.cases) else {
            return Ok(String::new());
        };
        let mut ctx = Context::new();
        ctx.insert("item", &cases::feed_table_view(self.model, section, facts, t));
        self.templates
            .tera
            .render(TEMPLATE, &ctx)
            .map(|h| h.trim().to_string())
            .map_err(|e| self.template_error(TEMPLATE, &format!("{}（订阅源）", urls::CASES_FEED), &e))
    }

    fn template_error(&self, template: &str, page: &str, e: &tera::Error) -> Diagnostic {
        let origin = self
            .theme
            .templates
            .get(template)
            .map(|t| t.origin.clone())
            .unwrap_or_else(|| template.to_string());
        Diagnostic::error(origin, None, format!("模板渲染失败（生成 {page} 时）：{}", render_error_words(e)))
    }

    fn md(&self, text: &str, root: &str, min_heading: u8) -> String {
        to_html(text, LinkBase::Relative(root), self.dirs, min_heading)
    }

    /// The output path, template and context of a page: the page's own
    /// part (pages.rs), then what every page's layout uses.
    fn context(&self, job: Job) -> (String, &'static str, Context, Option<Time>) {
        let c = &self.model.content;
        let mut ctx = Context::new();
        ctx.insert("article", &None::<portal::ArticleMeta>);
        let Frame { path, template, section, title, updated } = self.page_context(job, &mut ctx);
        // 404.html is shown at any depth, so its links are absolute.
        let root = if matches!(job, Job::NotFound) { c.site.base_url.clone() } else { urls::root_of(&path) };
        ctx.insert("site", &self.site);
        ctx.insert("root", &root);
        ctx.insert("page_path", &path);
        ctx.insert("page_url", &urls::absolute(&c.site.base_url, &path));
        ctx.insert("section", &section);
        ctx.insert("title", &title);
        ctx.insert("updated", &updated);
        // The monitoring tag ColumnName: the navigation entry the page is under.
        let column =
            self.site.nav.iter().find(|n| n.key == section).map_or(title.as_str(), |n| n.title.as_str());
        ctx.insert("column", column);
        let report_url = match (&c.site.identifiers.site_code, job) {
            (_, Job::NotFound) | (None, _) => None,
            (Some(code), _) => Some(portal::error_report_url(code, &urls::absolute(&c.site.base_url, &path))),
        };
        ctx.insert("error_report_url", &report_url);
        if matches!(job, Job::NotFound) {
            // Its style and script are inline, so that it looks right and
            // the large-text toggle works at any depth.
            let asset = |name: &str| {
                self.theme.assets.get(name).map(|a| String::from_utf8_lossy(&a.data).into_owned())
            };
            ctx.insert("inline_css", &asset("assets/style.css"));
            ctx.insert("inline_js", &asset("assets/site.js"));
        }
        (path, template, ctx, updated)
    }
}

/// Compiles all templates at once (they extend each other); a syntax error
/// is reported at its template file, line and column.
fn compile(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    // Parsing is a good part of a small site's build: the templates are
    // parsed in parallel, each on its own so that a syntax error names its
    // file, then put together as `Tera::add_raw_templates` does.
    let parsed: Vec<_> = theme
        .templates
        .par_iter()
        .map(|(name, file)| (name, file, tera::Template::new(name, None, &file.data)))
        .collect();
    let mut diags = Vec::new();
    for (name, file, template) in parsed {
        match template {
            Ok(template) => {
                tera.templates.insert(name.clone(), template);
            }
            Err(e) => {
                let (pos, detail) = parse_error_detail(&e);
                let message = format!(
                    "模板语法错误：请检查此处的 {{{{ … }}}} 或 {{% … %}} 是否写对、是否闭合（Tera 提示：{detail}）"
                );
                diags.push(Diagnostic::error(&file.origin, pos, message));
            }
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    if let Err(e) = tera.build_inheritance_chains().and_then(|()| tera.check_macro_files()) {
        return Err(vec![inheritance_error(theme, &e)]);
    }
    Ok(tera)
}

/// A template that extends one that does not exist, at the template's
/// file; any other error of putting the templates together, at the theme.
fn inheritance_error(theme: &Theme, e: &tera::Error) -> Diagnostic {
    // Tera: "Template 'a.html' is inheriting from 'b.html', which doesn't exist or isn't loaded."
    let english = e.to_string();
    let quoted: Vec<&str> = english.split('\'').skip(1).step_by(2).collect();
    if let (true, [child, parent, ..]) = (english.contains("is inheriting from"), quoted.as_slice())
        && let Some(file) = theme.templates.get(*child)
    {
        let message =
            format!("模板错误：这个模板继承（extends）的模板“{parent}”不存在：请检查 extends 中的文件名");
        return Diagnostic::error(&file.origin, None, message);
    }
    Diagnostic::error("themes", None, format!("模板错误：{}", render_error_words(e)))
}

/// Escapes what HTML text and quoted attribute values need. Tera's own
/// escape also writes every `/` as `&#x2F;`, which bloats each link of a
/// page and is needed nowhere.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The `--> line:column` of a Tera (pest) parse error, and its explanation.
fn parse_error_detail(e: &tera::Error) -> (Option<Pos>, String) {
    let chain = error_chain(e);
    let pos = chain.split("--> ").nth(1).and_then(|rest| {
        let head: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
        let (l, c) = head.split_once(':')?;
        Some(Pos::new(l.parse().ok()?, c.parse().ok()?))
    });
    let detail = chain
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('='))
        .map(|l| l.trim_start_matches([' ', '=']).to_string());
    (pos, detail.unwrap_or(chain))
}

/// Tera's render error in Chinese where its form is known (a missing
/// variable, filter, function, test or template), else its own words.
fn render_error_words(e: &tera::Error) -> String {
    let mut parts = Vec::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        let english = s.to_string();
        // The first line names the template, which the message already does.
        if !english.starts_with("Failed to render '") {
            parts.push(explain_render_error(&english));
        }
        source = s.source();
    }
    if parts.is_empty() { error_chain(e) } else { parts.join("：") }
}

fn explain_render_error(english: &str) -> String {
    // The name between backticks (a variable) or quotes (the others).
    let quoted = |open: char, close: char| {
        let start = english.find(open)? + open.len_utf8();
        let len = english[start..].find(close)?;
        Some(english[start..start + len].to_string())
    };
    let name = quoted('`', '`').or_else(|| quoted('\'', '\''));
    let known: &[(&str, &str)] = &[
        ("Variable `", "变量 {} 不存在：请检查拼写，或先用 {% if … %} 判断它是否存在"),
        ("Filter '", "过滤器 {} 不存在（Tera 内置的过滤器见其文档）"),
        ("Function '", "函数 {} 不存在"),
        ("Test '", "测试 {} 不存在"),
        ("Template '", "找不到模板 {}：请检查 extends、include 或 import 中的文件名"),
    ];
    match (known.iter().find(|(k, _)| english.starts_with(k)), name) {
        (Some((_, words)), Some(name)) => words.replacen("{}", &name, 1),
        _ => format!("Tera 提示：{english}"),
    }
}

fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join("：")
}

#[cfg(test)]
mod tests {
    use super::explain_render_error;

    #[test]
    fn render_errors_are_explained_in_chinese() {
        assert_eq!(
            explain_render_error("Variable `issue.titel` not found in context while rendering 'issue.html'"),
            "变量 issue.titel 不存在：请检查拼写，或先用 {% if … %} 判断它是否存在"
        );
        assert_eq!(
            explain_render_error("Filter 'upcase' not found"),
            "过滤器 upcase 不存在（Tera 内置的过滤器见其文档）"
        );
        assert_eq!(
            explain_render_error("Template 'partials/x.html' not found"),
            "找不到模板 partials/x.html：请检查 extends、include 或 import 中的文件名"
        );
        assert_eq!(
            explain_render_error("Tried to iterate on a container"),
            "Tera 提示：Tried to iterate on a container"
        );
    }
}
