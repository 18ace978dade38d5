//! Open data for journalists and other sites: the ledger, the notes and
//! the targets as JSON and CSV in the shape the content format fixes, the
//! deadlines as a calendar, and all of them in one zip.
//! CSV is UTF-8 with a byte-order mark (Excel), RFC 4180 with CRLF.

use super::ics;
use super::zip_writer::{self, ZipEntry};
use crate::dates;
use crate::diagnostics::Diagnostic;
use crate::model::Model;
use crate::render::opendata::DataFileFacts;
use crate::render::{views, words};
use crate::urls;
use chrono::NaiveDateTime;
use serde::{Serialize, Serializer};
use std::sync::Mutex;

/// One file under `data/`.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// File name inside `data/`.
    pub name: &'static str,
    pub bytes: Vec<u8>,
    /// Records (rows, objects or calendar events) it holds; None for the zip.
    pub records: Option<usize>,
    /// When the content it is made from last changed (Beijing time).
    pub updated: Option<NaiveDateTime>,
}

impl DataFile {
    pub fn path(&self) -> String {
        format!("data/{}", self.name)
    }

    /// What the data page lists of it.
    pub fn facts(&self) -> DataFileFacts {
        DataFileFacts {
            name: self.name,
            bytes: self.bytes.len(),
            records: self.records,
            updated: self.updated,
        }
    }
}

/// The names of the files of `data/` (as [`files`] makes them), without making them.
pub fn names(model: &Model) -> Vec<&'static str> {
    let mut names = vec![
        "issues.csv",
        "issues.json",
        "issues.xlsx",
        "notes.csv",
        "notes.json",
        "targets.csv",
        "targets.json",
        "deadlines.ics",
    ];
    if model.cases.is_some() {
        names.extend(["cases.csv", "cases.json"]);
    }
    names.push("all.zip");
    names
}

/// Where the data page lists the file `name` of `data/` (as [`names`] gives them).
pub fn listed_at(model: &Model, name: &str) -> usize {
    names(model).iter().position(|n| *n == name).unwrap_or(usize::MAX)
}

/// Every file of `data/`, in the order the data page lists them; the zip
/// (last) holds all the others.
pub fn files(model: &Model) -> (Vec<DataFile>, Vec<Diagnostic>) {
    let made = Mutex::new(Vec::new());
    let (zip, diags) = make_each(model, &|file| made.lock().unwrap_or_else(|e| e.into_inner()).push(file));
    let mut files = made.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by_key(|f| listed_at(model, f.name));
    files.push(zip);
    (files, diags)
}

/// Makes every file of `data/` but the zip, handing each to `each` as soon
/// as it is made (from either of two parallel tasks, so in no fixed order), and
/// returns the zip of them all, with the problems found. A province's data
/// files are tens of megabytes: none is held once handed on, the zip keeps
/// each compressed.
pub fn make_each(model: &Model, each: &(dyn Fn(DataFile) + Sync)) -> (DataFile, Vec<Diagnostic>) {
    let ledger_updated = model.last_update();
    let targets_updated = targets_updated(model).or(ledger_updated);
    // Each file's entry of the zip, compressed on its own.
    let parts = Mutex::new(Vec::new());
    let diags = Mutex::new(Vec::new());
    let hand = |name, bytes: Vec<u8>, records, updated| {
        match zip_writer::zip_bytes([ZipEntry::file(name, &bytes, updated)]) {
            Ok(part) => parts.lock().unwrap_or_else(|e| e.into_inner()).push((name, part, updated)),
            Err(e) => cannot_make(&diags, "data/all.zip", &e.to_string()),
        }
        each(DataFile { name, bytes, records: Some(records), updated });
    };
    // Each kind of record is made, written as JSON and CSV, and dropped
    // before the next; the workbook, which takes as long as all the
    // others, is made beside them.
    rayon::join(
        || {
            let issue_count = model.content.issues.len();
            // Cells are cut to Excel's limits, so this fails only on a
            // writer bug or a missing temporary folder; then it is an
            // error of the build, never an empty file.
            let ledger = super::ledger_xlsx::workbook(model).unwrap_or_else(|e| {
                cannot_make(&diags, "data/issues.xlsx", &super::ledger_xlsx::reason(&e));
                Vec::new()
            });
            hand("issues.xlsx", ledger, issue_count, ledger_updated);
        },
        || {
            let issues = issues(model);
            hand("issues.csv", issues_csv(&issues), issues.len(), ledger_updated);
            hand("issues.json", json(&issues), issues.len(), ledger_updated);
            drop(issues);
            let notes = notes(model);
            hand("notes.csv", notes_csv(&notes), notes.len(), ledger_updated);
            hand("notes.json", json(&notes), notes.len(), ledger_updated);
            drop(notes);
            let targets = targets(model);
            hand("targets.csv", targets_csv(&targets), targets.len(), targets_updated);
            hand("targets.json", json(&targets), targets.len(), targets_updated);
            let deadlines = ics::deadlines(model);
            hand("deadlines.ics", deadlines.text.into_bytes(), deadlines.events, ledger_updated);
            if let Some(cases) = cases(model) {
                let updated = cases_updated(model);
                hand("cases.csv", table(CASE_COLUMNS, &cases), cases.len(), updated);
                hand("cases.json", json(&cases), cases.len(), updated);
            }
        },
    );
    let mut parts = parts.into_inner().unwrap_or_else(|e| e.into_inner());
    parts.sort_by_key(|(name, _, _)| listed_at(model, name));
    let updated = parts.iter().filter_map(|(_, _, updated)| *updated).max();
    // Joining fails only on a duplicate entry name (these are fixed) or a
    // part that is not a zip (they were made above).
    let zip = zip_writer::join(parts.iter().map(|(_, part, _)| part.as_slice())).unwrap_or_else(|e| {
        cannot_make(&diags, "data/all.zip", &e.to_string());
        Vec::new()
    });
    let diags = diags.into_inner().unwrap_or_else(|e| e.into_inner());
    (DataFile { name: "all.zip", bytes: zip, records: None, updated }, diags)
}

fn cannot_make(diags: &Mutex<Vec<Diagnostic>>, path: &str, reason: &str) {
    let d = Diagnostic::error(path, None, words::cannot_make_data_file(reason));
    diags.lock().unwrap_or_else(|e| e.into_inner()).push(d);
}

/// The newest published observation or baseline date of any target.
fn targets_updated(model: &Model) -> Option<NaiveDateTime> {
    let c = &model.content;
    c.targets
        .iter()
        .zip(&model.targets)
        .flat_map(|(t, f)| f.observations.iter().chain(&t.baseline))
        .map(|o| o.date)
        .filter(|&d| d <= model.as_of)
        .max()
        .map(|d| d.and_time(chrono::NaiveTime::MIN))
}

/// When the 交办件 last changed: the newest published table.
fn cases_updated(model: &Model) -> Option<NaiveDateTime> {
    let (section, facts) = model.content.cases.as_ref().zip(model.cases.as_ref())?;
    facts
        .published
        .iter()
        .map(|&t| section.tables[t].published)
        .max()
        .map(|d| d.and_time(chrono::NaiveTime::MIN))
}

/// One 交办件 with its current values, in the words of its table.
#[derive(Debug, Serialize)]
pub struct CaseRecord {
    pub id: String,
    pub summary: Option<String>,
    pub district: Option<String>,
    pub types: Vec<&'static str>,
    pub verified: Option<String>,
    pub truth: Option<&'static str>,
    pub handling: Option<String>,
    pub accountability: Option<String>,
    pub state: Option<&'static str>,
    pub lead: Vec<String>,
    pub issues: Vec<String>,
    pub duplicate_of: Option<String>,
    pub batch: u32,
    pub received: String,
    pub published: String,
    pub last_update: String,
    pub url: String,
}

pub fn cases(model: &Model) -> Option<Vec<CaseRecord>> {
    let facts = model.cases.as_ref()?;
    let base = &model.content.site.base_url;
    Some(
        facts
            .cases
            .iter()
            .map(|c| {
                let v = &c.values;
                CaseRecord {
                    id: c.id.clone(),
                    summary: v.summary.clone(),
                    district: v.district.clone(),
                    types: v.types.iter().flatten().map(|t| words::case_type(*t)).collect(),
                    verified: v.verified.clone(),
                    truth: v.truth.map(words::truth),
                    handling: v.handling.clone(),
                    accountability: v.accountability.clone(),
                    state: v.state.map(words::case_state),
                    lead: v.lead.clone().unwrap_or_default(),
                    issues: v.issues.iter().flatten().map(|i| i.value.clone()).collect(),
                    duplicate_of: v.duplicate_of.as_ref().map(|d| d.value.clone()),
                    batch: c.batch,
                    received: dates::ymd(c.received),
                    published: dates::ymd(c.published),
                    last_update: dates::ymd(c.last_update),
                    url: urls::absolute(base, &urls::case(&c.id)),
                }
            })
            .collect(),
    )
}

#[derive(Debug, Serialize)]
pub struct IssueRecord {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub category: String,
    pub kind: &'static str,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub deadline: Option<String>,
    pub original_deadline: Option<String>,
    pub deadline_changes: usize,
    pub status: &'static str,
    pub status_label: &'static str,
    pub finished: bool,
    pub schedule: &'static str,
    pub due_soon: bool,
    pub stale: bool,
    pub last_update: Option<String>,
    pub notes: usize,
    pub url: String,
    // Extra fields (the contract allows additions).
    /// The date the computed facts refer to.
    pub as_of: String,
    // 销号公示 and 验收 (v2): the latest notice and acceptance.
    pub publicity_from: Option<String>,
    pub publicity_to: Option<String>,
    pub closed_on: Option<String>,
    pub acceptance_date: Option<String>,
    pub acceptance_level: Option<&'static str>,
    pub acceptance_by: Option<String>,
    /// Extra: where objections to the latest notice go.
    pub publicity_contact: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct NoteRecord {
    pub slug: String,
    pub date: String,
    pub title: String,
    pub issues: Vec<String>,
    pub status: Option<&'static str>,
    pub deadline: Option<String>,
    pub url: String,
    // Extra field: who reported it (`source:` in the front matter).
    pub source: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TargetRecord {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub kind: &'static str,
    pub comparison: Option<&'static str>,
    #[serde(serialize_with = "number")]
    pub target_value: Option<f64>,
    pub by: String,
    #[serde(serialize_with = "number")]
    pub baseline_value: Option<f64>,
    #[serde(serialize_with = "number")]
    pub latest_value: Option<f64>,
    pub latest_date: Option<String>,
    pub achieved: bool,
    #[serde(serialize_with = "number")]
    pub progress_percent: Option<f64>,
    pub url: String,
    // Extra fields (the contract allows additions).
    pub target_text: Option<String>,
    pub assessment: &'static str,
    pub summary: String,
}

/// Whole numbers as `25`, not `25.0`, so JSON and CSV read the same.
fn number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

pub fn issues(model: &Model) -> Vec<IssueRecord> {
    let base = &model.content.site.base_url;
    model
        .content
        .issues
        .iter()
        .zip(&model.issues)
        .map(|(i, f)| {
            let notes = &model.content.notes;
            let notice = f.notices.last();
            let publicity = notice.and_then(|n| notes[n.note].publicity.as_ref());
            let acceptance = f.acceptance.and_then(|n| notes[n].acceptance.as_ref());
            IssueRecord {
                id: i.id.clone(),
                number: i.number,
                title: i.title.clone(),
                category: i.category.value.clone(),
                kind: i.kind.key(),
                lead: i.lead.clone(),
                support: i.support.clone(),
                deadline: f.deadline.map(dates::ymd),
                original_deadline: i.deadline.map(dates::ymd),
                deadline_changes: f.deadline_changes.len(),
                status: f.status.key(),
                status_label: words::issue_status(f),
                finished: f.finished,
                schedule: f.schedule.key(),
                due_soon: f.due_soon,
                stale: f.stale,
                last_update: f.last_update.map(|t| dates::ymd(t.date())),
                notes: f.history.len(),
                url: urls::absolute(base, &urls::issue(&i.id)),
                as_of: dates::ymd(model.as_of),
                publicity_from: notice.map(|n| dates::ymd(n.from)),
                publicity_to: notice.map(|n| dates::ymd(n.to)),
                closed_on: f.closed_on.map(|t| dates::ymd(t.date())),
                acceptance_date: acceptance.map(|a| dates::ymd(a.date)),
                acceptance_level: acceptance.map(|a| a.level.name()),
                acceptance_by: acceptance.map(|a| a.by.clone()),
                publicity_contact: publicity.map(|p| p.contact.clone()),
            }
        })
        .collect()
}

pub fn notes(model: &Model) -> Vec<NoteRecord> {
    let c = &model.content;
    model
        .published
        .iter()
        .map(|&n| {
            let note = &c.notes[n];
            NoteRecord {
                slug: note.slug.clone(),
                date: views::Time::new(note.date.time).iso,
                title: note.title.clone(),
                issues: note.issues.iter().map(|i| i.value.clone()).collect(),
                status: note.status.map(|s| s.key()),
                deadline: note.deadline.map(dates::ymd),
                url: urls::absolute(&c.site.base_url, &urls::note(&note.slug)),
                source: note.reported_by.clone(),
            }
        })
        .collect()
}

pub fn targets(model: &Model) -> Vec<TargetRecord> {
    let c = &model.content;
    c.targets
        .iter()
        .zip(&model.targets)
        .map(|(t, f)| TargetRecord {
            id: t.id.clone(),
            name: t.name.clone(),
            unit: t.unit.clone(),
            kind: t.kind.key(),
            comparison: t.goal.comparison.map(|c| c.symbol()),
            target_value: t.goal.value,
            by: dates::ymd(t.goal.by),
            baseline_value: t.baseline.as_ref().and_then(|b| b.value),
            latest_value: f.latest.as_ref().and_then(|o| o.value),
            latest_date: f.latest.as_ref().map(|o| dates::ymd(o.date)),
            achieved: f.achieved,
            progress_percent: f.progress_percent.map(|p| (p * 10.0).round() / 10.0),
            url: urls::absolute(&c.site.base_url, &urls::target(&t.id)),
            target_text: t.goal.text.clone(),
            assessment: f.assessment.key(),
            summary: words::target_summary(t, f),
        })
        .collect()
}

/// Pretty-printed JSON array, UTF-8 without a byte-order mark.
pub fn json<T: Serialize>(records: &[T]) -> Vec<u8> {
    // Serialising plain records to memory cannot fail.
    let mut bytes = serde_json::to_vec_pretty(records).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A CSV table: header row and rows of cells, with a BOM and CRLF.
pub fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

const LIST_SEPARATOR: &str = "；";

pub const ISSUE_COLUMNS: &[&str] = &[
    "id",
    "number",
    "title",
    "category",
    "kind",
    "lead",
    "support",
    "deadline",
    "original_deadline",
    "deadline_changes",
    "status",
    "status_label",
    "finished",
    "schedule",
    "due_soon",
    "stale",
    "last_update",
    "notes",
    "url",
    "as_of",
    "publicity_from",
    "publicity_to",
    "closed_on",
    "acceptance_date",
    "acceptance_level",
    "acceptance_by",
    "publicity_contact",
];

pub const CASE_COLUMNS: &[&str] = &[
    "id",
    "summary",
    "district",
    "types",
    "verified",
    "truth",
    "handling",
    "accountability",
    "state",
    "lead",
    "issues",
    "duplicate_of",
    "batch",
    "received",
    "published",
    "last_update",
    "url",
];

pub const NOTE_COLUMNS: &[&str] = &["slug", "date", "title", "issues", "status", "deadline", "url", "source"];

pub const TARGET_COLUMNS: &[&str] = &[
    "id",
    "name",
    "unit",
    "kind",
    "comparison",
    "target_value",
    "by",
    "baseline_value",
    "latest_value",
    "latest_date",
    "achieved",
    "progress_percent",
    "url",
    "target_text",
    "assessment",
    "summary",
];

/// A CSV table of `records` with `columns`, each cell the record's JSON
/// value written as the contract wants it: null empty, lists joined with `；`.
/// Deriving the rows from the JSON form keeps the two formats identical.
fn table<T: Serialize>(columns: &[&str], records: &[T]) -> Vec<u8> {
    csv(
        columns,
        records.iter().map(|r| {
            let value = serde_json::to_value(r).unwrap_or_default();
            columns.iter().map(|c| cell(&value[*c])).collect()
        }),
    )
}

fn cell(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(LIST_SEPARATOR),
        Value::Object(_) => v.to_string(),
    }
}

pub fn issues_csv(records: &[IssueRecord]) -> Vec<u8> {
    table(ISSUE_COLUMNS, records)
}

pub fn notes_csv(records: &[NoteRecord]) -> Vec<u8> {
    table(NOTE_COLUMNS, records)
}

pub fn targets_csv(records: &[TargetRecord]) -> Vec<u8> {
    table(TARGET_COLUMNS, records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_crlf_and_quotes_what_needs_it() {
        let bytes = csv(&["a", "b"], [vec!["x,y".to_string(), "say \"hi\"\nbye".to_string()]]);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a,b\r\n\"x,y\",\"say \"\"hi\"\"\nbye\"\r\n");
    }

    #[test]
    fn whole_numbers_serialise_without_fraction() {
        #[derive(Serialize)]
        struct N {
            #[serde(serialize_with = "number")]
            v: Option<f64>,
        }
        let s = |v| serde_json::to_string(&N { v }).unwrap();
        assert_eq!(s(Some(25.0)), r#"{"v":25}"#);
        assert_eq!(s(Some(0.125)), r#"{"v":0.125}"#);
        assert_eq!(s(Some(-3.0)), r#"{"v":-3}"#);
        assert_eq!(s(None), r#"{"v":null}"#);
        assert_eq!(cell(&serde_json::to_value(N { v: Some(25.0) }).unwrap()["v"]), "25");
        assert_eq!(cell(&serde_json::to_value(N { v: Some(0.125) }).unwrap()["v"]), "0.125");
    }
}
