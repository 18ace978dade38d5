//! The part of each page's context that is its own: one function per
//! page type, each returning the page's [`Frame`]. What every page shares
//! (site, root, navigation, monitoring tags) is added in `Renderer::context`.

use super::views::*;
use super::{
    HOME_ATTENTION, Job, Renderer, UPDATES_PER_PAGE, cases, chart, closures, ledger_views, opendata, portal,
    words,
};
use crate::diagnostics::Diagnostic;
use crate::urls;
use serde::Serialize;
use tera::Context;

/// The templates of the ledger's rows: a ledger table's, a unit's
/// supported issues (list items), the printable summary's.
const LEDGER_ROWS: &str = "partials/ledger_rows.html";
const LEDGER_SUPPORT_ITEMS: &str = "partials/ledger_support_items.html";
const LEDGER_PRINT_ROWS: &str = "partials/ledger_print_rows.html";

/// How many rows of the ledger are rendered at once.
const ROWS_PER_RENDER: usize = 256;

/// A group of a ledger page, its rows rendered.
#[derive(Serialize)]
struct RenderedGroup {
    name: String,
    anchor: String,
    counts: Counts,
    rows: String,
}

/// A responsible unit on the units page, its issues rendered.
#[derive(Serialize)]
struct RenderedUnit {
    name: String,
    anchor: String,
    counts: Counts,
    /// The issues it leads, as table rows.
    lead: String,
    /// The issues it supports, as list items.
    support: String,
    /// How many it supports.
    supported: usize,
}

/// Where a page goes and what frames it: its output path, template, the
/// navigation section it is under, its title and its update time.
pub struct Frame {
    pub path: String,
    pub template: &'static str,
    pub section: String,
    pub title: String,
    pub updated: Option<Time>,
}

impl Frame {
    fn new(
        path: impl Into<String>,
        template: &'static str,
        section: &str,
        title: impl Into<String>,
    ) -> Frame {
        Frame { path: path.into(), template, section: section.into(), title: title.into(), updated: None }
    }

    fn updated(mut self, updated: Option<Time>) -> Frame {
        self.updated = updated;
        self
    }
}

impl Renderer<'_> {
    /// Inserts the page's own variables into `ctx` and says where it goes.
    pub(super) fn page_context(&self, job: Job, ctx: &mut Context) -> Frame {
        match job {
            Job::Home => self.home(ctx),
            Job::Ledger => self.ledger(ctx),
            Job::LedgerByProgress => self.ledger_by_progress(ctx),
            Job::LedgerByUnit => self.ledger_by_unit(ctx),
            Job::LedgerPrint => self.ledger_print(ctx),
            Job::Issue(i) => self.issue(i, ctx),
            Job::Updates(n) => self.updates(n, ctx),
            Job::Note(i) => self.note(i, ctx),
            Job::Targets => self.targets_page(ctx),
            Job::Target(i) => self.target(i, ctx),
            Job::Page(i) => self.page(i, ctx),
            Job::Search => {
                ctx.insert("has_cases", &self.model.cases.is_some());
                self.site_frame(urls::SEARCH, "search.html", "search", words::SEARCH)
            }
            Job::Data => self.data(ctx),
            Job::Subscribe => self.subscribe(ctx),
            Job::Release => {
                ctx.insert("release", &self.release.as_ref().and_then(|r| r.get()));
                self.site_frame(urls::RELEASE, "release.html", "release", words::RELEASE)
            }
            Job::NotFound => self.site_frame(urls::NOT_FOUND, "404.html", "404", words::NOT_FOUND),
            Job::Cases => self.cases(ctx),
            Job::CaseBatch(t) => self.case_batch(t, ctx),
            Job::Case(i) => self.case(i, ctx),
            Job::Closures => {
                ctx.insert("closures", &closures::closures(self.model));
                self.site_frame(urls::CLOSURES, "closures.html", "closures", words::CLOSURES)
            }
        }
    }

    /// A page about the whole site, updated when the site last was.
    fn site_frame(&self, path: &str, template: &'static str, section: &str, title: &str) -> Frame {
        Frame::new(path, template, section, title).updated(self.site.updated.clone())
    }

    fn home(&self, ctx: &mut Context) -> Frame {
        let m = self.model;
        let c = &m.content;
        ctx.insert("counts", &counts(self.rows()));
        ctx.insert("groups", &category_counts(self.rows(), &c.site.categories));
        let latest: Vec<NoteRow> = m.published.iter().take(8).map(|&i| note_row(m, i)).collect();
        ctx.insert("latest", &latest);
        ctx.insert("targets", &self.targets);
        // Overdue first, then due soon, in ledger order; a province has
        // thousands, so the home page shows the first and links the rest.
        let overdue = |r: &&IssueRow| r.schedule.key == "overdue";
        let attention: Vec<&IssueRow> = self
            .rows()
            .iter()
            .filter(overdue)
            .chain(self.rows().iter().filter(|r| r.due_soon && !overdue(r)))
            .collect();
        ctx.insert("attention_total", &attention.len());
        ctx.insert("attention", &attention[..attention.len().min(HOME_ATTENTION)]);
        ctx.insert("intro", &c.site.description);
        let cases = c.cases.as_ref().zip(m.cases.as_ref()).map(|(section, facts)| CasesSummary {
            title: section.title.clone(),
            path: urls::CASES,
            stats: cases::stats_view(&facts.stats),
        });
        ctx.insert("cases", &cases);
        let notices = if closures::has_notices(m) { closures::closures(m).open } else { Vec::new() };
        ctx.insert("notices", &notices);
        self.site_frame(urls::HOME, "index.html", "home", &c.site.title)
    }

    // The ledger's pages: their rows are added by `insert_ledger_rows`.
    fn ledger(&self, ctx: &mut Context) -> Frame {
        ctx.insert("counts", &counts(self.rows()));
        self.site_frame(urls::LEDGER, "issues.html", "issues", words::LEDGER)
    }

    fn ledger_by_progress(&self, ctx: &mut Context) -> Frame {
        ctx.insert("counts", &counts(self.rows()));
        self.site_frame(urls::LEDGER_BY_PROGRESS, "issues-progress.html", "issues", words::LEDGER_BY_PROGRESS)
    }

    fn ledger_by_unit(&self, ctx: &mut Context) -> Frame {
        ctx.insert("counts", &counts(self.rows()));
        self.site_frame(urls::LEDGER_BY_UNIT, "issues-units.html", "issues", words::LEDGER_BY_UNIT)
    }

    fn ledger_print(&self, ctx: &mut Context) -> Frame {
        ctx.insert("counts", &counts(self.rows()));
        self.site_frame(urls::LEDGER_PRINT, "issues-print.html", "issues", words::LEDGER_PRINT)
    }

    /// Adds the rows of a ledger page at `path`, rendered apart from the
    /// page (see [`Self::rendered_rows`]); other pages have none.
    pub(super) fn insert_ledger_rows(
        &self,
        job: Job,
        path: &str,
        ctx: &mut Context,
    ) -> Result<(), Diagnostic> {
        let rows = |template, rows: &[&IssueRow]| self.rendered_rows(template, rows, path);
        let group = |g: Group| -> Result<RenderedGroup, Diagnostic> {
            let rows = rows(LEDGER_ROWS, &g.rows)?;
            Ok(RenderedGroup { name: g.name, anchor: g.anchor, counts: g.counts, rows })
        };
        let groups = |groups: Vec<Group>| groups.into_iter().map(group).collect::<Result<Vec<_>, _>>();
        match job {
            Job::Ledger => {
                ctx.insert("groups", &groups(by_category(self.rows(), &self.model.content.site.categories))?)
            }
            Job::LedgerByProgress => ctx.insert("groups", &groups(ledger_views::by_progress(self.rows()))?),
            Job::LedgerByUnit => {
                let unit = |u: ledger_views::UnitGroup| -> Result<RenderedUnit, Diagnostic> {
                    Ok(RenderedUnit {
                        lead: rows(LEDGER_ROWS, &u.lead)?,
                        support: rows(LEDGER_SUPPORT_ITEMS, &u.support)?,
                        supported: u.support.len(),
                        name: u.name,
                        anchor: u.anchor,
                        counts: u.counts,
                    })
                };
                let units: Result<Vec<_>, _> =
                    ledger_views::by_unit(self.rows()).into_iter().map(unit).collect();
                ctx.insert("units", &units?);
            }
            Job::LedgerPrint => {
                let all: Vec<&IssueRow> = self.rows().iter().collect();
                ctx.insert("rows", &rows(LEDGER_PRINT_ROWS, &all)?);
            }
            _ => {}
        }
        Ok(())
    }

    /// `rows` rendered from `template` for the page at `path`, a few
    /// hundred at a time: a province's rows as template values are tens of
    /// megabytes (Tera copies them whole, and again for each macro given
    /// them), while their HTML is a few.
    fn rendered_rows(&self, template: &str, rows: &[&IssueRow], path: &str) -> Result<String, Diagnostic> {
        let root = urls::root_of(path);
        let mut html = String::new();
        for chunk in rows.chunks(ROWS_PER_RENDER) {
            let mut ctx = Context::new();
            ctx.insert("rows", chunk);
            ctx.insert("root", &root);
            let part = self.templates.tera.render(template, &ctx);
            html.push_str(&part.map_err(|e| self.template_error(template, path, &e))?);
        }
        Ok(html)
    }

    fn issue(&self, i: usize, ctx: &mut Context) -> Frame {
        let issue = &self.model.content.issues[i];
        let path = urls::issue(&issue.id);
        let detail = self.issue_detail(i, &urls::root_of(&path));
        let updated = detail.row.last_update.clone().or_else(|| self.site.updated.clone());
        let title = words::issue_title(issue);
        let article = updated.as_ref().map(|u| portal::ArticleMeta {
            title: title.clone(),
            pub_date: u.display.clone(),
            source: Some(words::names(&issue.lead)),
        });
        ctx.insert("article", &article);
        ctx.insert("issue", &detail);
        Frame::new(path, "issue.html", "issues", title).updated(updated)
    }

    fn updates(&self, n: usize, ctx: &mut Context) -> Frame {
        let m = self.model;
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
        let title = words::updates_page(n);
        self.site_frame(&urls::updates_page(n), "updates.html", "updates", &title)
    }

    fn note(&self, i: usize, ctx: &mut Context) -> Frame {
        let m = self.model;
        let note = &m.content.notes[i];
        let path = urls::note(&note.slug);
        let row = note_row(m, i);
        let root = urls::root_of(&path);
        ctx.insert("body_html", &self.md(&note.body.text, &root, 2));
        let md = |text: &str| self.md(text, &root, 3);
        ctx.insert("acceptance", &note.acceptance.as_ref().map(|a| closures::acceptance_view(a, &md)));
        ctx.insert("publicity", &note.publicity.as_ref().map(|p| closures::publicity_view(p, m.as_of)));
        let article = portal::ArticleMeta {
            title: note.title.clone(),
            pub_date: row.date.display.clone(),
            source: note.reported_by.clone().or_else(|| m.content.site.publisher.host.clone()),
        };
        ctx.insert("article", &Some(article));
        let updated = Some(row.date.clone());
        ctx.insert("note", &row);
        Frame::new(path, "note.html", "updates", &note.title).updated(updated)
    }

    fn targets_page(&self, ctx: &mut Context) -> Frame {
        ctx.insert("targets", &self.targets);
        self.site_frame(urls::TARGETS, "targets.html", "targets", words::TARGETS)
    }

    fn target(&self, i: usize, ctx: &mut Context) -> Frame {
        let c = &self.model.content;
        let t = &c.targets[i];
        let facts = &self.model.targets[i];
        let path = urls::target(&t.id);
        let root = urls::root_of(&path);
        ctx.insert("target", &self.targets[i]);
        ctx.insert("description_html", &t.description.as_ref().map(|d| self.md(&d.text, &root, 2)));
        let observations: Vec<ObservationRow> = facts.observations.iter().map(ObservationRow::new).collect();
        ctx.insert("observations", &observations);
        ctx.insert("baseline", &t.baseline.as_ref().map(ObservationRow::new));
        ctx.insert("chart", &chart::chart(t, facts));
        let related: Vec<&IssueRow> = c
            .issues
            .iter()
            .zip(self.rows())
            .filter(|(issue, _)| issue.targets.iter().any(|x| x.value == t.id))
            .map(|(_, row)| row)
            .collect();
        ctx.insert("related", &related);
        let measured = facts.latest.as_ref().map(|o| Time::new(o.date.and_time(chrono::NaiveTime::MIN)));
        Frame::new(path, "target.html", "targets", &t.name)
            .updated(measured.or_else(|| self.site.updated.clone()))
    }

    fn page(&self, i: usize, ctx: &mut Context) -> Frame {
        let c = &self.model.content;
        let p = &c.pages[i];
        let path = urls::page(&p.slug);
        ctx.insert("body_html", &self.md(&p.body.text, &urls::root_of(&path), 2));
        ctx.insert("page", &PageView { slug: p.slug.clone(), title: p.title.clone() });
        let article = p.date.map(|d| portal::ArticleMeta {
            title: p.title.clone(),
            pub_date: Time::new(d.time).display,
            source: c.site.publisher.host.clone(),
        });
        ctx.insert("article", &article);
        let updated = p.date.map(|d| Time::new(d.time)).or_else(|| self.site.updated.clone());
        Frame::new(path, "page.html", &format!("page:{}", p.slug), &p.title).updated(updated)
    }

    fn data(&self, ctx: &mut Context) -> Frame {
        let site = &self.model.content.site;
        ctx.insert("data_files", self.data_files.get().map_or(&[][..], Vec::as_slice));
        ctx.insert("data_license", &site.data_license);
        ctx.insert("due_soon_days", &site.due_soon_days);
        ctx.insert("stale_after_days", &site.stale_after_days);
        ctx.insert("subscribe_path", urls::SUBSCRIBE);
        ctx.insert("has_cases", &self.model.cases.is_some());
        self.site_frame(urls::DATA, "data.html", "data", words::DATA)
    }

    fn subscribe(&self, ctx: &mut Context) -> Frame {
        ctx.insert("subscriptions", &opendata::subscriptions(self.model));
        ctx.insert("data_path", urls::DATA);
        self.site_frame(urls::SUBSCRIBE, "subscribe.html", "data", words::SUBSCRIBE)
    }

    /// The 交办件 section and its facts (a job for its pages exists only with both).
    fn cases_of(&self) -> (&crate::content::cases::CaseSection, &crate::model::cases::CasesFacts) {
        match (&self.model.content.cases, &self.model.cases) {
            (Some(section), Some(facts)) => (section, facts),
            _ => unreachable!("no 交办件 page is rendered without the section"),
        }
    }

    /// When the section last changed: its newest published table.
    fn cases_updated(&self) -> Option<Time> {
        let (section, facts) = self.cases_of();
        facts
            .published
            .iter()
            .map(|&t| section.tables[t].published)
            .max()
            .map(|d| Time::new(d.and_time(chrono::NaiveTime::MIN)))
    }

    fn cases(&self, ctx: &mut Context) -> Frame {
        let (section, facts) = self.cases_of();
        ctx.insert("cases", &cases::section_view(self.model, section, facts));
        Frame::new(urls::CASES, "cases.html", "cases", &section.title).updated(self.cases_updated())
    }

    fn case_batch(&self, table: usize, ctx: &mut Context) -> Frame {
        let (section, facts) = self.cases_of();
        let view = cases::batch_view(self.model, section, facts, table);
        let (path, title) =
            view.as_ref().map(|v| (v.summary.path.clone(), v.summary.title.clone())).unwrap_or_default();
        ctx.insert("batch", &view);
        ctx.insert("section_title", &section.title);
        Frame::new(path, "cases-batch.html", "cases", title).updated(self.cases_updated())
    }

    fn case(&self, i: usize, ctx: &mut Context) -> Frame {
        let (_, facts) = self.cases_of();
        let c = &facts.cases[i];
        ctx.insert("case", &cases::case_view(self.model, facts, c));
        let updated = Some(Time::new(c.last_update.and_time(chrono::NaiveTime::MIN)));
        Frame::new(urls::case(&c.id), "case.html", "cases", words::case_title(&c.id)).updated(updated)
    }

    fn issue_detail(&self, i: usize, root: &str) -> IssueDetail {
        let m = self.model;
        let issue = &m.content.issues[i];
        let f = &m.issues[i];
        let md = |text: &str| self.md(text, root, 5);
        let closure = closures::issue_closure(m, i, &|text| self.md(text, root, 3));
        // A notice in the history says how it ended for this issue.
        let notice_of = |note: usize| {
            f.notices.iter().position(|n| n.note == note).map(|k| closure.notices[k].publicity.clone())
        };
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
                    acceptance: note.acceptance.as_ref().map(|a| closures::acceptance_view(a, &md)),
                    publicity: notice_of(h.note),
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
                    date: words::date(ms.date),
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
        let cases =
            m.cases.iter().flat_map(|facts| facts.of_issue(&issue.id)).map(cases::case_link).collect();
        IssueDetail {
            closure,
            cases,
            row: self.rows()[i].clone(),
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
    /// 交办件 whose 关联问题 name the issue.
    cases: Vec<cases::CaseLink>,
    /// Its acceptance and notices before closing.
    closure: closures::IssueClosureView,
}

/// The 交办件 on the home page: a few figures and the way in.
#[derive(Debug, Serialize)]
struct CasesSummary {
    title: String,
    path: &'static str,
    stats: cases::StatsView,
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
    acceptance: Option<closures::AcceptanceView>,
    publicity: Option<closures::PublicityView>,
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
            date: words::date(o.date),
            period: words::period(o),
            value: o.value.map(words::number),
            status: o.achieved.map(words::achieved),
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
