//! A progress report (整改进展报表) as departments send it: one row per
//! problem with its progress and status, read into notes for `gongkai
//! import notes`. Every cell that cannot be read is an error at its cell.

use super::spreadsheet::{Sheet, header_key};
use super::{Issue, Status};
use crate::diagnostics::Diagnostic;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedNote {
    /// The issue's id.
    pub issue: String,
    pub number: u32,
    pub title: Option<String>,
    pub status: Option<Status>,
    pub source: Option<String>,
    pub body: String,
    /// The row in the report (1-based).
    pub row: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Number,
    Title,
    Body,
    Status,
    Source,
}

const HEADERS: &[(&str, Column)] = &[
    ("问题编号", Column::Id),
    ("编号", Column::Id),
    ("序号", Column::Number),
    ("标题", Column::Title),
    ("进展情况", Column::Body),
    ("整改进展", Column::Body),
    ("最新进展", Column::Body),
    ("整改进展情况", Column::Body),
    ("整改状态", Column::Status),
    ("状态", Column::Status),
    ("信息来源", Column::Source),
    ("报送单位", Column::Source),
];

/// The Chinese labels a report may use for a status.
const STATUS_WORDS: &[(&str, Status)] = &[
    ("整改中", Status::InProgress),
    ("正在整改", Status::InProgress),
    ("基本完成", Status::BasicallyDone),
    ("已完成", Status::Done),
    ("完成", Status::Done),
    ("已销号", Status::Closed),
    ("长期坚持", Status::Ongoing),
    ("强化整改", Status::Reopened),
];

/// Reads the report in `sheet`; rows name issues of `issues` by id or 序号.
/// `public` are the phone numbers meant to be public.
pub fn read(sheet: &Sheet, issues: &[Arc<Issue>], public: &[String]) -> (Vec<ImportedNote>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let column = |text: &str| HEADERS.iter().find(|(h, _)| *h == text).map(|(_, c)| *c);
    let header = (0..sheet.rows()).find(|&r| {
        let known: Vec<Column> =
            (0..sheet.cols()).filter_map(|c| column(&header_key(&sheet.text(r, c)))).collect();
        known.contains(&Column::Body) && (known.contains(&Column::Id) || known.contains(&Column::Number))
    });
    let Some(header) = header else {
        diags.push(Diagnostic::error(
            &sheet.path,
            None,
            "找不到表头：没有一行同时含有“进展情况”和“问题编号”（或“序号”）。请确认打开的是整改进展报表，或用 --sheet 指定工作表",
        ));
        return (Vec::new(), diags);
    };
    let last = sheet.merged_down_to(header);
    let mut columns: Vec<(usize, Column)> = Vec::new();
    for c in 0..sheet.cols() {
        let Some(row) = (header..=last).rev().find(|&r| !sheet.text(r, c).is_empty()) else { continue };
        if let Some(col) = column(&header_key(&sheet.text(row, c)))
            && !columns.iter().any(|(_, x)| *x == col)
        {
            columns.push((c, col));
        }
    }
    let cell = |col: Column| columns.iter().find(|(_, x)| *x == col).map(|(c, _)| *c);
    let which = cell(Column::Id).or(cell(Column::Number)).unwrap_or(0);
    let mut notes = Vec::new();
    for r in last + 1..sheet.rows() {
        if sheet.is_empty_row(r) {
            continue;
        }
        let first = (0..sheet.cols()).map(|c| sheet.text(r, c)).find(|t| !t.is_empty()).unwrap_or_default();
        if ["备注", "注：", "注:", "说明", "合计", "填表说明"].iter().any(|p| first.starts_with(p))
        {
            continue;
        }
        for &(c, _) in &columns {
            for found in super::personal_info::find(&sheet.text(r, c), public) {
                diags.push(sheet.error(r, c, found.message));
            }
        }
        let text = |col: Column| cell(col).map(|c| sheet.text(r, c)).filter(|t| !t.is_empty());
        let written = sheet.text(r, which);
        let issue = match (cell(Column::Id), cell(Column::Number)) {
            (Some(_), _) => issues.iter().find(|i| i.id == written || format!("{written:0>2}") == i.id),
            (None, _) => written.parse::<u32>().ok().and_then(|n| issues.iter().find(|i| i.number == n)),
        };
        let Some(issue) = issue else {
            let what = if cell(Column::Id).is_some() { "编号" } else { "序号" };
            diags.push(sheet.error(
                r,
                which,
                format!("找不到{what}为“{written}”的问题：content/issues/ 中没有这个问题"),
            ));
            continue;
        };
        let status = match text(Column::Status) {
            None => None,
            Some(s) => {
                let key = header_key(&s);
                let found =
                    STATUS_WORDS.iter().chain(Status::ALL.iter()).find(|(w, _)| *w == key).map(|(_, st)| *st);
                if found.is_none() {
                    diags.push(sheet.error(
                        r,
                        cell(Column::Status).unwrap_or(which),
                        format!(
                            "整改状态“{s}”无效，应为整改中、基本完成、已完成、已销号、长期坚持或强化整改"
                        ),
                    ));
                    continue;
                }
                found
            }
        };
        let Some(body) = text(Column::Body) else {
            diags.push(sheet.error(
                r,
                cell(Column::Body).unwrap_or(which),
                format!("问题 {} 的进展情况是空的", issue.number),
            ));
            continue;
        };
        notes.push(ImportedNote {
            issue: issue.id.clone(),
            number: issue.number,
            title: text(Column::Title),
            status,
            source: text(Column::Source),
            body,
            row: r + 1,
        });
    }
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for n in &notes {
        if let Some((_, row)) = seen.iter().find(|(id, _)| *id == n.issue) {
            diags.push(sheet.error(
                n.row - 1,
                which,
                format!(
                    "问题 {} 在第 {row} 行已有一行进展：每个问题一行（要写两条进展请分两次导入）",
                    n.number
                ),
            ));
        }
        seen.push((&n.issue, n.row));
    }
    (notes, diags)
}
