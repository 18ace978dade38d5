//! Stage 3: pages from the model through the theme's Tera templates.
//! Every page is rendered from the one immutable model, independently, so
//! pages render in parallel.

pub mod chart;
pub mod feed_items;
pub mod ledger_views;
pub mod markdown;
pub mod opendata;
pub mod portal;
pub mod release;
pub mod urls;
pub mod views;

use crate::content::theme::Theme;
use crate::diagnostics::{Diagnostic, Pos};
use crate::model::{Model, links};
use markdown::{LinkBase, to_html};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use tera::{Context, Tera};
use views::*;

pub const UPDATES_PER_PAGE: usize = 20;

/// A rendered page: its output path and HTML.
#[derive(Debug)]
pub struct RenderedPage {
    pub path: String,
    pub html: String,
    /// The page's update time, for the sitemap; None for 404.html.
    pub updated: Option<Time>,
    /// Whether the sitemap lists it (not 404.html or the release page).
    pub listed: bool,
    /// Where its template came from (`(内置主题)/templates/issue.html`), for messages.
    pub template: String,
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
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
}

/// Everything the pages share, computed once.
pub struct Renderer<'m> {
    model: &'m Model,
    tera: Tera,
    theme: &'m Theme,
    dirs: BTreeSet<String>,
    site: SiteView,
    rows: Vec<IssueRow>,
    targets: Vec<TargetRow>,
    /// The 本次更新 page, rendered when the build knows its release.
    release: Option<release::ReleaseView>,
    /// The open data files the 数据下载 page lists.
    data_files: Vec<opendata::DataFileView>,
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

impl<'m> Renderer<'m> {
    /// Compiles the theme's templates; template errors are diagnostics.
    pub fn new(model: &'m Model) -> Result<Renderer<'m>, Vec<Diagnostic>> {
        let theme = &model.content.theme;
        let tera = compile(theme)?;
        let c = &model.content;
        let mut nav = vec![
            NavItem { key: "home".into(), title: "首页".into(), path: urls::HOME.into() },
            NavItem { key: "issues".into(), title: "整改台账".into(), path: urls::LEDGER.into() },
            NavItem { key: "updates".into(), title: "整改进展".into(), path: urls::updates_page(1) },
        ];
        if !c.targets.is_empty() {
            nav.push(NavItem {
                key: "targets".into(), title: "目标指标".into(), path: urls::TARGETS.into()
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
            as_of: date(model.as_of),
            updated: model.last_update().map(Time::new),
            domain: portal::site_domain(&c.site.base_url),
            statement: c.pages.iter().find(|p| p.slug == "accessibility").map(|p| urls::page(&p.slug)),
        };
        let rows = c.issues.iter().zip(&model.issues).map(|(i, f)| issue_row(i, f)).collect();
        let targets = c.targets.iter().zip(&model.targets).map(|(t, f)| target_row(t, f)).collect();
        Ok(Renderer {
            model,
            tera,
            theme,
            dirs: links::page_dirs(model),
            site,
            rows,
            targets,
            release: None,
            data_files: Vec::new(),
        })
    }

    /// Lists `files` (made once by the output stage) on the 数据下载 page.
    pub fn with_data_files(mut self, files: &[crate::output::data::DataFile]) -> Self {
        self.data_files = opendata::data_files(self.model, files);
        self
    }

    /// Adds the 本次更新 page for `history`.
    pub fn with_release(mut self, history: &crate::model::release::ReleaseHistory) -> Self {
        self.release = Some(release::ReleaseView::new(history));
        self
    }

    /// Renders every page; a template error in one page does not stop the others.
    pub fn render_all(&self) -> (Vec<RenderedPage>, Vec<Diagnostic>) {
        let results: Vec<Result<RenderedPage, Diagnostic>> =
            self.jobs().par_iter().map(|job| self.render(*job)).collect();
        let mut pages = Vec::new();
        let mut diags = Vec::new();
        for r in results {
            match r {
                Ok(p) => pages.push(p),
                Err(d) => diags.push(d),
            }
        }
        (pages, diags)
    }

    fn jobs(&self) -> Vec<Job> {
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
        if self.release.is_some() {
            jobs.push(Job::Release);
        }
        jobs
    }

    fn render(&self, job: Job) -> Result<RenderedPage, Diagnostic> {
        let (path, template, ctx, updated) = self.context(job);
        let html = self.tera.render(template, &ctx).map_err(|e| self.template_error(template, &path, &e))?;
        // Neither is a lasting page for the sitemap.
        let updated = if matches!(job, Job::NotFound | Job::Release) { None } else { updated };
        let listed = !matches!(job, Job::NotFound | Job::Release);
        let template =
            self.theme.templates.get(template).map(|t| t.origin.clone()).unwrap_or_else(|| template.into());
        Ok(RenderedPage { path, html, updated, listed, template })
    }

    /// The feed item body of every published note (note index → HTML).
    pub fn feed_items(&self) -> (std::collections::HashMap<usize, String>, Vec<Diagnostic>) {
        let results: Vec<_> = self
            .model
            .published
            .par_iter()
            .map(|&n| {
                let mut ctx = Context::new();
                ctx.insert("item", &feed_items::view(self.model, n, &self.dirs));
                let page = format!("{}（订阅源）", urls::note(&self.model.content.notes[n].slug));
                let html = self.tera.render(feed_items::TEMPLATE, &ctx);
                html.map(|h| (n, h.trim().to_string()))
                    .map_err(|e| self.template_error(feed_items::TEMPLATE, &page, &e))
            })
            .collect();
        let mut items = std::collections::HashMap::new();
        let mut diags = Vec::new();
        for r in results {
            match r {
                Ok((n, html)) => {
                    items.insert(n, html);
                }
                Err(d) => diags.push(d),
            }
        }
        (items, diags)
    }

    fn template_error(&self, template: &str, page: &str, e: &tera::Error) -> Diagnostic {
        let origin = self
            .theme
            .templates
            .get(template)
            .map(|t| t.origin.clone())
            .unwrap_or_else(|| template.to_string());
        Diagnostic::error(origin, None, format!("模板渲染失败（生成 {page} 时）：{}", error_chain(e)))
    }

    fn md(&self, text: &str, root: &str, min_heading: u8) -> String {
        to_html(text, LinkBase::Relative(root), &self.dirs, min_heading)
    }

    /// The output path, template and context of a page.
    fn context(&self, job: Job) -> (String, &'static str, Context, Option<Time>) {
        let m = self.model;
        let c = &m.content;
        let mut ctx = Context::new();
        ctx.insert("article", &None::<portal::ArticleMeta>);
        let (path, template, section, title, updated): (String, &'static str, String, String, Option<Time>) =
            match job {
                Job::Home => {
                    ctx.insert("counts", &counts(&self.rows));
                    ctx.insert("groups", &by_category(&self.rows, &c.site.categories));
                    let latest: Vec<NoteRow> = m.published.iter().take(8).map(|&i| note_row(m, i)).collect();
                    ctx.insert("latest", &latest);
                    ctx.insert("targets", &self.targets);
                    ctx.insert("due_soon", &self.rows.iter().filter(|r| r.due_soon).collect::<Vec<_>>());
                    ctx.insert(
                        "overdue",
                        &self.rows.iter().filter(|r| r.schedule.key == "overdue").collect::<Vec<_>>(),
                    );
                    let intro = c.site.description.clone();
                    ctx.insert("intro", &intro);
                    (
                        urls::HOME.into(),
                        "index.html",
                        "home".into(),
                        c.site.title.clone(),
                        self.site.updated.clone(),
                    )
                }
                Job::Ledger => {
                    ctx.insert("counts", &counts(&self.rows));
                    ctx.insert("groups", &by_category(&self.rows, &c.site.categories));
                    ctx.insert("issues", &self.rows);
                    (
                        urls::LEDGER.into(),
                        "issues.html",
                        "issues".into(),
                        "整改台账".into(),
                        self.site.updated.clone(),
                    )
                }
                Job::Issue(i) => {
                    let path = urls::issue(&c.issues[i].id);
                    let root = urls::root_of(&path);
                    let detail = self.issue_detail(i, &root);
                    let updated = detail.row.last_update.clone().or_else(|| self.site.updated.clone());
                    let title = format!("问题{}：{}", c.issues[i].number, c.issues[i].title);
                    ctx.insert(
                        "article",
                        &updated.as_ref().map(|u| portal::ArticleMeta {
                            title: title.clone(),
                            pub_date: u.display.clone(),
                            source: Some(c.issues[i].lead.join("、")),
                        }),
                    );
                    ctx.insert("issue", &detail);
                    (path, "issue.html", "issues".into(), title, updated)
                }
                Job::Updates(n) => {
                    let path = urls::updates_page(n);
                    let total = m.published.len().div_ceil(UPDATES_PER_PAGE).max(1);
                    let notes: Vec<NoteRow> = m
                        .published
                        .iter()
                        .skip((n - 1) * UPDATES_PER_PAGE)
                        .take(UPDATES_PER_PAGE)
                        .map(|&i| note_row(m, i))
                        .collect();
                    ctx.insert("notes", &notes);
                    ctx.insert("pagination", &Pagination::new(n, total));
                    let title = if n == 1 {
                        "整改进展".to_string()
                    } else {
                        format!("整改进展（第{n}页）")
                    };
                    (path, "updates.html", "updates".into(), title, self.site.updated.clone())
                }
                Job::Note(i) => {
                    let note = &c.notes[i];
                    let path = urls::note(&note.slug);
                    let root = urls::root_of(&path);
                    let row = note_row(m, i);
                    ctx.insert("body_html", &self.md(&note.body.text, &root, 2));
                    ctx.insert(
                        "article",
                        &Some(portal::ArticleMeta {
                            title: note.title.clone(),
                            pub_date: row.date.display.clone(),
                            source: note.reported_by.clone().or_else(|| c.site.publisher.host.clone()),
                        }),
                    );
                    ctx.insert("note", &row);
                    (path, "note.html", "updates".into(), note.title.clone(), Some(row.date))
                }
                Job::Targets => {
                    ctx.insert("targets", &self.targets);
                    (
                        urls::TARGETS.into(),
                        "targets.html",
                        "targets".into(),
                        "目标指标".into(),
                        self.site.updated.clone(),
                    )
                }
                Job::Target(i) => {
                    let t = &c.targets[i];
                    let path = urls::target(&t.id);
                    let root = urls::root_of(&path);
                    let f = &m.targets[i];
                    let row = &self.targets[i];
                    ctx.insert("target", row);
                    ctx.insert(
                        "description_html",
                        &t.description.as_ref().map(|d| self.md(&d.text, &root, 2)),
                    );
                    let observations: Vec<ObservationRow> =
                        f.observations.iter().map(ObservationRow::new).collect();
                    ctx.insert("observations", &observations);
                    ctx.insert("baseline", &t.baseline.as_ref().map(ObservationRow::new));
                    ctx.insert("chart", &chart::chart(t, f));
                    let related: Vec<&IssueRow> = c
                        .issues
                        .iter()
                        .zip(&self.rows)
                        .filter(|(i, _)| i.targets.iter().any(|x| x.value == t.id))
                        .map(|(_, r)| r)
                        .collect();
                    ctx.insert("related", &related);
                    let updated =
                        f.latest.as_ref().map(|o| Time::new(o.date.and_time(chrono::NaiveTime::MIN)));
                    (
                        path,
                        "target.html",
                        "targets".into(),
                        t.name.clone(),
                        updated.or_else(|| self.site.updated.clone()),
                    )
                }
                Job::Page(i) => {
                    let p = &c.pages[i];
                    let path = urls::page(&p.slug);
                    let root = urls::root_of(&path);
                    ctx.insert("body_html", &self.md(&p.body.text, &root, 2));
                    ctx.insert("page", &PageView { slug: p.slug.clone(), title: p.title.clone() });
                    let updated = p.date.map(|d| Time::new(d.time)).or_else(|| self.site.updated.clone());
                    ctx.insert(
                        "article",
                        &p.date.map(|d| portal::ArticleMeta {
                            title: p.title.clone(),
                            pub_date: Time::new(d.time).display,
                            source: c.site.publisher.host.clone(),
                        }),
                    );
                    (path, "page.html", format!("page:{}", p.slug), p.title.clone(), updated)
                }
                Job::Search => (
                    "search/index.html".into(),
                    "search.html",
                    "search".into(),
                    "搜索".into(),
                    self.site.updated.clone(),
                ),
                Job::LedgerByProgress => {
                    ctx.insert("counts", &counts(&self.rows));
                    ctx.insert("groups", &ledger_views::by_progress(&self.rows));
                    (
                        ledger_views::BY_PROGRESS.into(),
                        "issues-progress.html",
                        "issues".into(),
                        "整改台账：按整改进度查看".into(),
                        self.site.updated.clone(),
                    )
                }
                Job::LedgerByUnit => {
                    ctx.insert("counts", &counts(&self.rows));
                    ctx.insert("units", &ledger_views::by_unit(&self.rows));
                    (
                        ledger_views::BY_UNIT.into(),
                        "issues-units.html",
                        "issues".into(),
                        "整改台账：按责任单位查看".into(),
                        self.site.updated.clone(),
                    )
                }
                Job::LedgerPrint => {
                    ctx.insert("counts", &counts(&self.rows));
                    ctx.insert("issues", &self.rows);
                    (
                        ledger_views::PRINT.into(),
                        "issues-print.html",
                        "issues".into(),
                        "整改情况汇总表（打印版）".into(),
                        self.site.updated.clone(),
                    )
                }
                Job::Release => {
                    ctx.insert("release", &self.release);
                    (release::PATH.into(), "release.html", "release".into(), "本次更新".into(), None)
                }
                Job::Data => {
                    ctx.insert("data_files", &self.data_files);
                    ctx.insert("data_license", &c.site.data_license);
                    ctx.insert("due_soon_days", &c.site.due_soon_days);
                    ctx.insert("stale_after_days", &c.site.stale_after_days);
                    ctx.insert("subscribe_path", opendata::SUBSCRIBE_PAGE);
                    (
                        opendata::DATA_PAGE.into(),
                        "data.html",
                        "data".into(),
                        "数据下载".into(),
                        self.site.updated.clone(),
                    )
                }
                Job::Subscribe => {
                    ctx.insert("subscriptions", &opendata::subscriptions(m));
                    ctx.insert("data_path", opendata::DATA_PAGE);
                    (
                        opendata::SUBSCRIBE_PAGE.into(),
                        "subscribe.html",
                        "data".into(),
                        "订阅整改进展".into(),
                        self.site.updated.clone(),
                    )
                }
                Job::NotFound => (
                    "404.html".into(),
                    "404.html",
                    "404".into(),
                    "页面未找到".into(),
                    self.site.updated.clone(),
                ),
            };
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
            let css = self
                .theme
                .assets
                .get("assets/style.css")
                .map(|a| String::from_utf8_lossy(&a.data).into_owned());
            ctx.insert("inline_css", &css);
            // Its script is inline too, so that the large-text toggle works at any depth.
            let js = self
                .theme
                .assets
                .get("assets/site.js")
                .map(|a| String::from_utf8_lossy(&a.data).into_owned());
            ctx.insert("inline_js", &js);
        }
        (path, template, ctx, updated)
    }

    fn issue_detail(&self, i: usize, root: &str) -> IssueDetail {
        let m = self.model;
        let issue = &m.content.issues[i];
        let f = &m.issues[i];
        let history = f
            .history
            .iter()
            .map(|h| {
                let note = &m.content.notes[h.note];
                HistoryView {
                    slug: note.slug.clone(),
                    title: note.title.clone(),
                    date: Time::of_note(note.date),
                    path: urls::note(&note.slug),
                    reported_by: note.reported_by.clone(),
                    body_html: self.md(&note.body.text, root, 4),
                    events: event_words(issue, h),
                }
            })
            .collect();
        let milestones = issue
            .milestones
            .iter()
            .enumerate()
            .map(|(n, ms)| {
                let reached = f.milestones_reached[n].map(|note| &m.content.notes[note]);
                MilestoneView {
                    number: n + 1,
                    date: date(ms.date),
                    goal: ms.goal.clone(),
                    missed: f.missed_milestones.contains(&n),
                    reached_on: reached.map(|note| Time::of_note(note.date)),
                    reached_slug: reached.map(|note| note.slug.clone()),
                }
            })
            .collect();
        let targets = issue
            .targets
            .iter()
            .filter_map(|t| m.content.targets.iter().position(|x| x.id == t.value))
            .map(|t| self.targets[t].clone())
            .collect();
        IssueDetail {
            row: self.rows[i].clone(),
            description_html: self.md(&issue.description.text, root, 3),
            goal_html: self.md(&issue.goal.text, root, 3),
            measures_html: issue.measures.iter().map(|x| self.md(&x.text, root, 3)).collect(),
            milestones,
            history,
            targets,
        }
    }
}

#[derive(Debug, Serialize)]
struct PageView {
    slug: String,
    title: String,
}

#[derive(Debug, Serialize)]
struct IssueDetail {
    #[serde(flatten)]
    row: IssueRow,
    description_html: String,
    goal_html: String,
    measures_html: Vec<String>,
    milestones: Vec<MilestoneView>,
    history: Vec<HistoryView>,
    targets: Vec<TargetRow>,
}

#[derive(Debug, Serialize)]
struct MilestoneView {
    number: usize,
    date: String,
    goal: String,
    missed: bool,
    reached_on: Option<Time>,
    reached_slug: Option<String>,
}

#[derive(Debug, Serialize)]
struct HistoryView {
    slug: String,
    title: String,
    date: Time,
    path: String,
    reported_by: Option<String>,
    body_html: String,
    events: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ObservationRow {
    date: String,
    period: String,
    value: Option<String>,
    status: Option<&'static str>,
    note: Option<String>,
    source: Option<String>,
}

impl ObservationRow {
    fn new(o: &crate::content::Observation) -> Self {
        ObservationRow {
            date: date(o.date),
            period: o.period.clone().unwrap_or_else(|| date(o.date)),
            value: o.value.map(crate::model::targets::fmt_number),
            status: o.achieved.map(|a| if a { "已实现" } else { "未实现" }),
            note: o.note.clone(),
            source: o.source.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    /// The first, the last and the pages around the current one, in order;
    /// None where pages are left out (listing all would make every page of
    /// a long list grow with the list).
    pages: Vec<Option<(usize, String)>>,
}

impl Pagination {
    const AROUND: usize = 2;

    fn new(current: usize, total: usize) -> Self {
        let shown = |n: usize| n == 1 || n == total || n.abs_diff(current) <= Self::AROUND;
        let mut pages = Vec::new();
        for n in (1..=total).filter(|&n| shown(n)) {
            if let Some(Some((last, _))) = pages.last()
                && n > last + 1
            {
                pages.push(None);
            }
            pages.push(Some((n, urls::updates_page(n))));
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| urls::updates_page(current - 1)),
            next: (current < total).then(|| urls::updates_page(current + 1)),
            pages,
        }
    }
}

/// Compiles all templates at once (they extend each other); a syntax error
/// is reported at its template file, line and column.
fn compile(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut diags = Vec::new();
    // Parse one by one first, so each syntax error names its own file.
    for (name, file) in &theme.templates {
        if let Err(e) = tera::Template::new(name, None, &file.data) {
            let (pos, detail) = parse_error_detail(&e);
            let message = format!(
                "模板语法错误：请检查此处的 {{{{ … }}}} 或 {{% … %}} 是否写对、是否闭合（Tera 提示：{detail}）"
            );
            diags.push(Diagnostic::error(&file.origin, pos, message));
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let all = theme.templates.iter().map(|(n, f)| (n.as_str(), f.data.as_str()));
    if let Err(e) = tera.add_raw_templates(all) {
        return Err(vec![Diagnostic::error("themes", None, format!("模板错误：{}", error_chain(&e)))]);
    }
    Ok(tera)
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
    use super::Pagination;

    fn numbers(p: &Pagination) -> Vec<Option<usize>> {
        p.pages.iter().map(|x| x.as_ref().map(|(n, _)| *n)).collect()
    }

    #[test]
    fn pagination_shows_the_ends_and_a_window() {
        assert_eq!(numbers(&Pagination::new(1, 3)), [Some(1), Some(2), Some(3)]);
        assert_eq!(numbers(&Pagination::new(1, 10)), [Some(1), Some(2), Some(3), None, Some(10)]);
        assert_eq!(
            numbers(&Pagination::new(6, 10)),
            [Some(1), None, Some(4), Some(5), Some(6), Some(7), Some(8), None, Some(10)]
        );
        assert_eq!(numbers(&Pagination::new(4, 10))[..4], [Some(1), Some(2), Some(3), Some(4)]);
        let p = Pagination::new(10, 10);
        assert_eq!(p.next, None);
        assert_eq!(p.prev.as_deref(), Some("updates/page/9/index.html"));
    }
}
