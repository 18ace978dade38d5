//! What the 交办件 pages show: the overview with its counts and charts, each
//! batch's table as published with each case's current state, each case
//! with its history, in words from `words.rs`.

use super::bar_chart::{BarChart, bar_chart};
use super::views::{IssueLink, Tag, issue_link};
use super::words;
use crate::content::cases::{CaseSection, CaseTable, CaseValues, Field, TableKind};
use crate::model::Model;
use crate::model::cases::{CaseFacts, CaseStats, CasesFacts};
use crate::urls;
use serde::Serialize;

/// A case in a list (an issue's related cases): its number, what was
/// reported and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct CaseLink {
    pub id: String,
    pub path: String,
    pub summary: Option<String>,
    pub state: Option<Tag>,
}

pub fn case_link(c: &CaseFacts) -> CaseLink {
    CaseLink {
        id: c.id.clone(),
        path: urls::case(&c.id),
        summary: c.values.summary.clone(),
        state: c.values.state.map(|s| Tag { key: s.key(), label: words::case_state(s) }),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub text: String,
    pub path: String,
}

/// One case's values as the site shows them.
#[derive(Debug, Clone, Serialize)]
pub struct CaseValuesView {
    pub summary: Option<String>,
    pub district: Option<String>,
    pub types: Option<String>,
    pub verified: Option<String>,
    pub truth: Option<Tag>,
    pub handling: Option<String>,
    pub accountability: Option<String>,
    pub state: Option<Tag>,
    pub lead: Option<String>,
    pub issues: Vec<IssueLink>,
    pub duplicate_of: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub id: String,
    pub path: String,
    pub batch: u32,
    pub batch_title: String,
    pub batch_path: String,
    pub received: String,
    pub published: String,
    pub last_update: String,
    /// Current values.
    pub now: CaseValuesView,
    /// The dated history: received, published, each update.
    pub history: Vec<HistoryLine>,
    /// Later cases that repeat this one.
    pub repeated_by: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryLine {
    pub date: String,
    pub what: String,
    pub changes: Vec<String>,
    pub link: Option<Link>,
}

/// A count with its share, for a table beside a chart.
#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    pub label: String,
    pub key: String,
    pub count: usize,
    pub percent: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatsView {
    pub cases: usize,
    pub with_truth: usize,
    pub truthful: usize,
    pub truth_rate: Option<String>,
    pub done: usize,
    pub done_rate: Option<String>,
    pub accountability: usize,
    pub repeats: usize,
    pub no_district: usize,
    pub by_district: Vec<CountRow>,
    pub by_type: Vec<CountRow>,
    pub by_truth: Vec<CountRow>,
    pub by_state: Vec<CountRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchSummary {
    pub number: u32,
    pub title: String,
    pub path: String,
    pub received: String,
    pub published: String,
    pub stats: StatsView,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    pub anchor: String,
    pub title: String,
    pub published: String,
    pub cases: Vec<UpdatedCase>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdatedCase {
    pub id: String,
    pub path: String,
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub title: String,
    pub inspection: Option<(String, String)>,
    pub contact: Option<String>,
    pub stats: StatsView,
    pub district_chart: Option<BarChart>,
    pub type_chart: Option<BarChart>,
    pub batches: Vec<BatchSummary>,
    pub updates: Vec<UpdateView>,
    pub feed_path: String,
}

/// A column of a batch table as published.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchView {
    #[serde(flatten)]
    pub summary: BatchSummary,
    pub columns: Vec<Column>,
    pub rows: Vec<BatchRow>,
}

/// A row of a batch table: the values as the table published them, and
/// the case's state now.
#[derive(Debug, Clone, Serialize)]
pub struct BatchRow {
    pub id: String,
    pub path: String,
    pub published: CaseValuesView,
    pub state_now: Option<Tag>,
    /// Whether a later table changed the case.
    pub updated: bool,
}

fn values_view(model: &Model, v: &CaseValues) -> CaseValuesView {
    let issues = v
        .issues
        .iter()
        .flatten()
        .filter_map(|id| model.issue_position(&id.value))
        .map(|i| issue_link(&model.content.issues[i]))
        .collect();
    CaseValuesView {
        summary: v.summary.clone(),
        district: v.district.clone(),
        types: v
            .types
            .as_ref()
            .map(|t| t.iter().map(|t| words::case_type(*t)).collect::<Vec<_>>().join(words::LIST)),
        verified: v.verified.clone(),
        truth: v.truth.map(|t| Tag { key: t.key(), label: words::truth(t) }),
        handling: v.handling.clone(),
        accountability: v.accountability.clone(),
        state: v.state.map(|s| Tag { key: s.key(), label: words::case_state(s) }),
        lead: v.lead.as_ref().map(|l| words::names(l)),
        issues,
        duplicate_of: v
            .duplicate_of
            .as_ref()
            .map(|d| Link { text: d.value.clone(), path: urls::case(&d.value) }),
    }
}

/// What an update changed, one line per field: 「办理状态：已办结」.
fn change_lines(model: &Model, u: &crate::model::cases::CaseUpdate) -> Vec<String> {
    let v = values_view(model, &u.values);
    u.changed
        .iter()
        .filter_map(|f| {
            let value = match f {
                Field::Summary => v.summary.clone(),
                Field::District => v.district.clone(),
                Field::Types => v.types.clone(),
                Field::Verified => v.verified.clone(),
                Field::Truth => v.truth.as_ref().map(|t| t.label.to_string()),
                Field::Handling => v.handling.clone(),
                Field::Accountability => v.accountability.clone(),
                Field::State => v.state.as_ref().map(|t| t.label.to_string()),
                Field::Lead => v.lead.clone(),
                Field::Issues => Some(
                    v.issues
                        .iter()
                        .map(|i| words::issue_number(i.number))
                        .collect::<Vec<_>>()
                        .join(words::LIST),
                ),
                Field::DuplicateOf => v.duplicate_of.as_ref().map(|d| d.text.clone()),
                Field::Id | Field::Ignored => None,
            }?;
            Some(format!("{}：{value}", words::case_field(*f)))
        })
        .collect()
}

fn count_rows(rows: Vec<(String, String, usize)>, total: usize) -> Vec<CountRow> {
    rows.into_iter()
        .map(|(label, key, count)| CountRow {
            label,
            key,
            count,
            percent: words::percent(if total == 0 { 0.0 } else { count as f64 * 100.0 / total as f64 }),
        })
        .collect()
}

pub fn stats_view(s: &CaseStats) -> StatsView {
    StatsView {
        cases: s.cases,
        with_truth: s.with_truth,
        truthful: s.truthful,
        truth_rate: s.truth_rate().map(words::percent),
        done: s.done,
        done_rate: s.done_rate().map(words::percent),
        accountability: s.accountability,
        repeats: s.repeats,
        no_district: s.no_district,
        by_district: count_rows(
            s.by_district.iter().map(|(d, n)| (d.clone(), d.clone(), *n)).collect(),
            s.cases,
        ),
        by_type: count_rows(
            s.by_type
                .iter()
                .map(|(t, n)| (words::case_type(*t).to_string(), t.key().to_string(), *n))
                .collect(),
            s.cases,
        ),
        by_truth: count_rows(
            s.by_truth.iter().map(|(t, n)| (words::truth(*t).to_string(), t.key().to_string(), *n)).collect(),
            s.with_truth,
        ),
        by_state: count_rows(
            s.by_state
                .iter()
                .map(|(t, n)| (words::case_state(*t).to_string(), t.key().to_string(), *n))
                .collect(),
            s.cases,
        ),
    }
}

fn batch_summary(section: &CaseSection, table: usize, stats: &CaseStats) -> Option<BatchSummary> {
    let t = &section.tables[table];
    let TableKind::Batch { number, received } = t.kind else { return None };
    Some(BatchSummary {
        number,
        title: words::batch_title(number),
        path: urls::case_batch(number),
        received: words::date(received),
        published: words::date(t.published),
        stats: stats_view(stats),
    })
}

pub fn section_view(model: &Model, section: &CaseSection, facts: &CasesFacts) -> SectionView {
    let stats = stats_view(&facts.stats);
    let chart = |title: &str, rows: &[CountRow]| {
        let list: Vec<(String, usize)> = rows.iter().map(|r| (r.label.clone(), r.count)).collect();
        let desc = words::count_list(&list);
        bar_chart(format!("{title}（件）"), desc, &list)
    };
    let updates = facts
        .published
        .iter()
        .filter(|&&t| section.tables[t].kind == TableKind::Update)
        .map(|&t| {
            let table = &section.tables[t];
            let cases = facts
                .cases
                .iter()
                .filter_map(|c| c.updates.iter().find(|u| u.table == t).map(|u| (c, u)))
                .map(|(c, u)| UpdatedCase {
                    id: c.id.clone(),
                    path: urls::case(&c.id),
                    changes: change_lines(model, u),
                })
                .collect();
            UpdateView {
                anchor: urls::case_update_anchor(table.published),
                title: words::case_update_title(table.published),
                published: words::date(table.published),
                cases,
            }
        })
        .collect();
    SectionView {
        title: section.title.clone(),
        inspection: section.inspection.map(|(a, b)| (words::date(a), words::date(b))),
        contact: section.contact.clone(),
        district_chart: chart(words::CASES_BY_DISTRICT, &stats.by_district),
        type_chart: chart(words::CASES_BY_TYPE, &stats.by_type),
        stats,
        batches: facts.batches.iter().filter_map(|(t, s)| batch_summary(section, *t, s)).collect(),
        updates,
        feed_path: urls::CASES_FEED.to_string(),
    }
}

pub fn batch_view(
    model: &Model,
    section: &CaseSection,
    facts: &CasesFacts,
    table: usize,
) -> Option<BatchView> {
    let stats = facts.batches.iter().find(|(t, _)| *t == table).map(|(_, s)| s)?;
    let t: &CaseTable = &section.tables[table];
    let columns = t
        .fields
        .iter()
        .filter(|f| **f != Field::Id)
        .map(|f| Column { key: f.name(), label: words::case_field(*f) })
        .collect();
    let rows = facts
        .cases
        .iter()
        .filter(|c| c.table == table)
        .map(|c| BatchRow {
            id: c.id.clone(),
            path: urls::case(&c.id),
            published: values_view(model, &t.rows[c.row].values),
            state_now: c.values.state.map(|s| Tag { key: s.key(), label: words::case_state(s) }),
            updated: !c.updates.is_empty(),
        })
        .collect();
    Some(BatchView { summary: batch_summary(section, table, stats)?, columns, rows })
}

pub fn case_view(model: &Model, facts: &CasesFacts, c: &CaseFacts) -> CaseView {
    let mut history = vec![
        HistoryLine {
            date: words::date(c.received),
            what: words::case_received(c.batch),
            changes: Vec::new(),
            link: None,
        },
        HistoryLine {
            date: words::date(c.published),
            what: words::case_published(c.batch),
            changes: Vec::new(),
            link: Some(Link { text: words::batch_title(c.batch), path: urls::case_batch(c.batch) }),
        },
    ];
    for u in &c.updates {
        history.push(HistoryLine {
            date: words::date(u.published),
            what: words::case_update_title(u.published),
            changes: change_lines(model, u),
            link: Some(Link {
                text: words::case_update_title(u.published),
                path: format!("{}#{}", urls::CASES, urls::case_update_anchor(u.published)),
            }),
        });
    }
    let repeated_by = facts
        .cases
        .iter()
        .filter(|o| o.values.duplicate_of.as_ref().is_some_and(|d| d.value.eq_ignore_ascii_case(&c.id)))
        .map(|o| Link { text: o.id.clone(), path: urls::case(&o.id) })
        .collect();
    CaseView {
        id: c.id.clone(),
        path: urls::case(&c.id),
        batch: c.batch,
        batch_title: words::batch_title(c.batch),
        batch_path: urls::case_batch(c.batch),
        received: words::date(c.received),
        published: words::date(c.published),
        last_update: words::date(c.last_update),
        now: values_view(model, &c.values),
        history,
        repeated_by,
    }
}

/// The description of a table's item in `cases/feed.xml`: its counts and
/// its cases, every link absolute.
#[derive(Debug, Clone, Serialize)]
pub struct FeedTableView {
    pub batch: Option<StatsView>,
    pub cases: Vec<FeedCase>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedCase {
    pub id: String,
    pub url: String,
    pub summary: Option<String>,
    pub state: Option<Tag>,
    pub changes: Vec<String>,
}

pub fn feed_table_view(
    model: &Model,
    section: &CaseSection,
    facts: &CasesFacts,
    table: usize,
) -> FeedTableView {
    let base = &model.content.site.base_url;
    let t = &section.tables[table];
    let batch = facts.batches.iter().find(|(b, _)| *b == table).map(|(_, s)| stats_view(s));
    let cases = t
        .rows
        .iter()
        .filter_map(|row| facts.case(&row.id).map(|c| (row, c)))
        .map(|(row, c)| FeedCase {
            id: c.id.clone(),
            url: urls::absolute(base, &urls::case(&c.id)),
            summary: row.values.summary.clone().or_else(|| c.values.summary.clone()),
            state: row.values.state.map(|s| Tag { key: s.key(), label: words::case_state(s) }),
            changes: c
                .updates
                .iter()
                .find(|u| u.table == table)
                .map(|u| change_lines(model, u))
                .unwrap_or_default(),
        })
        .collect();
    FeedTableView { batch, cases }
}
