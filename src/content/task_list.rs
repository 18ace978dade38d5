//! A rectification task list (整改任务清单) as the inspection office sends
//! it, read into issues for `gongkai import issues`: title rows, a header
//! over two merged rows, section rows that set the category (一、大气污染防治),
//! 责任单位 merged down over several problems, numbers stored as text,
//! deadlines as people write them (2023年12月底前, 立行立改, several dated
//! phrases in one cell), measures numbered in one cell. Every cell that
//! cannot be read is an error at its cell.

use super::IssueKind;
use super::spreadsheet::{Sheet, Value, header_key, split_list};
use crate::diagnostics::Diagnostic;
use chrono::{Datelike, NaiveDate};

/// One problem of the list, ready to be written as an issue file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedIssue {
    pub number: u32,
    pub title: String,
    /// The title was made from the description (no 问题名称 column).
    pub title_made: bool,
    pub category: String,
    pub kind: IssueKind,
    pub deadline: Option<NaiveDate>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub leaders: Vec<String>,
    pub description: String,
    pub goal: String,
    pub measures: Vec<String>,
    pub milestones: Vec<(NaiveDate, String)>,
    pub targets: Vec<String>,
    /// The row in the list (1-based), for messages.
    pub row: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Title,
    Kind,
    Description,
    Category,
    Goal,
    Measures,
    Deadline,
    Lead,
    Support,
    Units,
    Leaders,
    Milestones,
    Targets,
    /// A column the ledger export adds (computed facts): not imported.
    Computed,
}

const HEADERS: &[(&str, Column)] = &[
    ("序号", Column::Number),
    ("问题名称", Column::Title),
    ("问题标题", Column::Title),
    ("整改类型", Column::Kind),
    ("反馈问题", Column::Description),
    ("存在问题", Column::Description),
    ("问题描述", Column::Description),
    ("督察反馈问题", Column::Description),
    ("具体问题", Column::Description),
    ("类别", Column::Category),
    ("问题类别", Column::Category),
    ("整改目标", Column::Goal),
    ("整改措施", Column::Measures),
    ("整改时限", Column::Deadline),
    ("完成时限", Column::Deadline),
    ("整改期限", Column::Deadline),
    ("牵头单位", Column::Lead),
    ("牵头责任单位", Column::Lead),
    ("配合单位", Column::Support),
    ("配合责任单位", Column::Support),
    ("责任单位", Column::Units),
    ("责任领导", Column::Leaders),
    ("牵头领导", Column::Leaders),
    ("阶段目标", Column::Milestones),
    ("目标指标", Column::Targets),
    ("相关目标指标", Column::Targets),
    // What `gongkai export ledger` adds: facts computed as of a date.
    ("编号", Column::Computed),
    ("当前整改时限", Column::Computed),
    ("时限调整次数", Column::Computed),
    ("整改状态", Column::Computed),
    ("是否完成", Column::Computed),
    ("整改进度", Column::Computed),
    ("临近整改时限", Column::Computed),
    ("长期未更新", Column::Computed),
    ("最近更新", Column::Computed),
    ("整改进展条数", Column::Computed),
    ("网址", Column::Computed),
    ("统计日期", Column::Computed),
];

/// What reading a list found.
#[derive(Debug, Default)]
pub struct TaskList {
    pub issues: Vec<ImportedIssue>,
    /// Errors and warnings, each at its cell.
    pub diags: Vec<Diagnostic>,
    /// Headers of columns that are not imported.
    pub skipped: Vec<String>,
}

/// Reads the task list in `sheet`; `plan_date` stands for the deadline of
/// a 立行立改 problem whose cell gives no date; `public` are the phone
/// numbers meant to be public.
pub fn read(sheet: &Sheet, plan_date: Option<NaiveDate>, public: &[String]) -> TaskList {
    let mut list = TaskList::default();
    let key = |r: usize, c: usize| header_key(&sheet.text(r, c));
    let column = |text: &str| HEADERS.iter().find(|(h, _)| *h == text).map(|(_, c)| *c);
    // The header: the first row with 序号 and at least one other known heading.
    let header = (0..sheet.rows()).find(|&r| {
        let known: Vec<Column> = (0..sheet.cols()).filter_map(|c| column(&key(r, c))).collect();
        known.contains(&Column::Number) && known.len() > 1
    });
    let Some(header) = header else {
        list.diags.push(Diagnostic::error(
            &sheet.path,
            None,
            "找不到表头：没有一行同时含有“序号”和“问题名称”“反馈问题”“整改措施”等列。请确认打开的是整改任务清单，或用 --sheet 指定工作表",
        ));
        return list;
    };
    let mut last = sheet.merged_down_to(header);
    if last == header && (0..sheet.cols()).any(|c| sheet.merged_across(header, c)) {
        last = header + 1;
    }
    let mut columns: Vec<(usize, Column)> = Vec::new();
    for c in 0..sheet.cols() {
        let Some(row) = (header..=last).rev().find(|&r| !sheet.text(r, c).is_empty()) else { continue };
        let text = sheet.text(row, c);
        match column(&header_key(&text)) {
            Some(Column::Computed) => {}
            Some(col) if columns.iter().any(|(_, x)| *x == col) => {
                list.diags.push(sheet.warning(row, c, format!("与前面的列重复，“{text}”这一列不导入")));
            }
            Some(col) => columns.push((c, col)),
            None => list.skipped.push(text),
        }
    }
    let has = |col: Column| columns.iter().any(|(_, x)| *x == col);
    for (col, name) in [
        (Column::Description, "反馈问题（或存在问题、问题描述）"),
        (Column::Goal, "整改目标"),
        (Column::Measures, "整改措施"),
    ] {
        if !has(col) {
            list.diags.push(sheet.error(header, 0, format!("任务清单缺少“{name}”一列，无法导入")));
        }
    }
    if !has(Column::Lead) && !has(Column::Units) {
        list.diags.push(sheet.error(header, 0, "任务清单缺少“牵头单位”或“责任单位”一列，无法导入"));
    }
    if !has(Column::Deadline) && !has(Column::Kind) {
        list.diags.push(sheet.error(header, 0, "任务清单缺少“整改时限”一列，无法导入"));
    }
    if list.diags.iter().any(Diagnostic::is_error) {
        return list;
    }
    let number_col = columns.iter().find(|(_, x)| *x == Column::Number).map_or(0, |(c, _)| *c);
    let mut category: Option<String> = None;
    for r in last + 1..sheet.rows() {
        let cells: Vec<String> = (0..sheet.cols()).map(|c| sheet.text(r, c)).collect();
        let Some(first) = cells.iter().find(|t| !t.is_empty()) else { continue };
        if ["备注", "注：", "注:", "说明", "合计", "填表说明"].iter().any(|p| first.starts_with(p))
        {
            continue;
        }
        // A section heading: one text across the row (merged or alone), not a number.
        let distinct: Vec<&String> = {
            let mut d: Vec<&String> = cells.iter().filter(|t| !t.is_empty()).collect();
            d.dedup();
            d
        };
        if distinct.len() == 1 && number_of(&sheet.text(r, number_col)).is_none() {
            category = Some(section_name(first));
            continue;
        }
        for &(c, _) in &columns {
            for found in super::personal_info::find(&sheet.text(r, c), public) {
                list.diags.push(sheet.error(r, c, found.message));
            }
        }
        if let Some(issue) = read_row(sheet, r, &columns, category.as_deref(), plan_date, &mut list.diags) {
            list.issues.push(issue);
        }
    }
    if list.issues.is_empty() && !list.diags.iter().any(Diagnostic::is_error) {
        list.diags.push(Diagnostic::error(&sheet.path, None, "任务清单中没有问题：表头下面没有带序号的行"));
    }
    let mut seen: Vec<(u32, usize)> = Vec::new();
    for issue in &list.issues {
        if let Some((_, row)) = seen.iter().find(|(n, _)| *n == issue.number) {
            list.diags.push(sheet.error(
                issue.row - 1,
                number_col,
                format!("序号 {} 与第 {row} 行重复，每个问题的序号必须不同", issue.number),
            ));
        }
        seen.push((issue.number, issue.row));
    }
    list
}

/// 「一、大气污染防治」 → 「大气污染防治」; 「（二）水污染问题」 → 「水污染问题」.
fn section_name(text: &str) -> String {
    let t = text.trim();
    let t = t.trim_start_matches(|c: char| "一二三四五六七八九十百零〇0123456789".contains(c));
    let t = t.trim_start_matches(['、', '.', '．', ' ']);
    let t = if t.starts_with(['（', '(']) {
        t.trim_start_matches(['（', '('])
            .trim_start_matches(|c: char| "一二三四五六七八九十0123456789".contains(c))
            .trim_start_matches(['）', ')'])
    } else {
        t
    };
    t.trim().trim_end_matches(['：', ':']).trim().to_string()
}

/// A positive whole number, typed as a number or as text (full-width digits too).
fn number_of(text: &str) -> Option<u32> {
    let digits: String = text.trim().chars().map(ascii_digit).collect();
    digits.parse::<u32>().ok().filter(|n| *n > 0)
}

fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    }
}

fn read_row(
    sheet: &Sheet,
    r: usize,
    columns: &[(usize, Column)],
    section: Option<&str>,
    plan_date: Option<NaiveDate>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ImportedIssue> {
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let cell = |col: Column| columns.iter().find(|(_, x)| *x == col).map(|(c, _)| *c);
    let text = |col: Column| cell(col).map(|c| clean(&sheet.text(r, c))).filter(|t| !t.is_empty());
    let number_col = cell(Column::Number).unwrap_or(0);
    let number = match number_of(&sheet.text(r, number_col)) {
        Some(n) => n,
        None => {
            diags.push(sheet.error(
                r,
                number_col,
                format!("序号“{}”应为正整数，例如 7", sheet.text(r, number_col)),
            ));
            return None;
        }
    };
    let mut required = |col: Column, name: &str| -> Option<String> {
        let t = text(col);
        if t.is_none()
            && let Some(c) = cell(col)
        {
            diags.push(sheet.error(r, c, format!("问题 {number} 的“{name}”是空的")));
        }
        t
    };
    let description = required(Column::Description, "反馈问题");
    let goal = required(Column::Goal, "整改目标");
    let measures = required(Column::Measures, "整改措施").map(|t| split_measures(&t));
    let (title, title_made) = match text(Column::Title) {
        Some(t) => (Some(t.replace('\n', "")), false),
        None => (description.as_deref().map(first_sentence), true),
    };
    let category = text(Column::Category).or_else(|| section.map(str::to_string));
    if category.is_none() {
        let c = cell(Column::Category).unwrap_or(number_col);
        diags.push(sheet.error(
            r,
            c,
            format!("问题 {number} 没有类别：表中没有“类别”一列，上方也没有“一、大气污染防治”这样的分类行"),
        ));
    }
    let (lead, support) = match (text(Column::Lead), text(Column::Units)) {
        (Some(lead), _) => {
            (split_list(&lead), text(Column::Support).map(|s| split_list(&s)).unwrap_or_default())
        }
        (None, Some(units)) => {
            let mut all = split_list(&units);
            let lead = if all.is_empty() { Vec::new() } else { vec![all.remove(0)] };
            (lead, all)
        }
        (None, None) => {
            let c = cell(Column::Lead).or(cell(Column::Units)).unwrap_or(number_col);
            diags.push(sheet.error(r, c, format!("问题 {number} 没有牵头责任单位")));
            (Vec::new(), Vec::new())
        }
    };
    let kind_cell = text(Column::Kind);
    let kind_written = match kind_cell.as_deref() {
        None => None,
        Some(k) => match kind_of(k) {
            Some(kind) => Some(kind),
            None => {
                let c = cell(Column::Kind).unwrap_or(number_col);
                diags.push(sheet.error(r, c, format!("整改类型“{k}”无效，应为立行立改、限期整改或长期坚持")));
                None
            }
        },
    };
    let deadline_col = cell(Column::Deadline);
    let deadline_text = text(Column::Deadline).unwrap_or_default();
    let deadline_value = deadline_col.map(|c| sheet.value(r, c).clone()).unwrap_or(Value::Empty);
    let parsed = match deadline_value {
        Value::Date(d) => Ok(Deadline { date: Some(d), ..Deadline::default() }),
        _ => parse_deadline(&deadline_text),
    };
    let mut deadline = match parsed {
        Ok(d) => d,
        Err(why) => {
            diags.push(sheet.error(r, deadline_col.unwrap_or(number_col), why));
            Deadline::default()
        }
    };
    let kind = kind_written.or(deadline.kind).unwrap_or(IssueKind::ShortTerm);
    if deadline.date.is_none() && kind != IssueKind::LongTerm {
        match (kind, plan_date) {
            (IssueKind::Immediate, Some(p)) => {
                deadline.date = Some(p);
                diags.push(sheet.warning(
                    r,
                    deadline_col.unwrap_or(number_col),
                    format!("问题 {number} 立行立改，没有写日期：整改时限按整改方案发布日期 {p}（site.yaml 的 plan_date）导入，请核对"),
                ));
            }
            _ if deadline_text.is_empty() || kind == IssueKind::Immediate => {
                diags.push(sheet.error(
                    r,
                    deadline_col.unwrap_or(number_col),
                    format!("问题 {number} 没有整改时限：请写日期（如 2023年12月底前），或写“长期坚持”"),
                ));
            }
            _ => {}
        }
    }
    let mut milestones = deadline.milestones;
    if let Some(t) = text(Column::Milestones) {
        match parse_deadline(&t) {
            Ok(m) => {
                milestones.extend(m.milestones);
                if let Some(last) = m.date {
                    let words = m.last_words.unwrap_or_default();
                    milestones.push((last, words));
                }
            }
            Err(why) => diags.push(sheet.error(r, cell(Column::Milestones).unwrap_or(number_col), why)),
        }
    }
    milestones.sort_by_key(|(d, _)| *d);
    for (d, words) in &mut milestones {
        if words.is_empty() {
            *words = format!("完成{}前的阶段任务", crate::dates::ymd(*d));
        }
    }
    let leaders = text(Column::Leaders).map(|t| split_list(&t)).unwrap_or_default();
    let targets = text(Column::Targets).map(|t| split_list(&t)).unwrap_or_default();
    if diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(ImportedIssue {
        number,
        title: title?,
        title_made,
        category: category?,
        kind,
        deadline: deadline.date,
        lead,
        support,
        leaders,
        description: description?,
        goal: goal?,
        measures: measures?,
        milestones,
        targets,
        row: r + 1,
    })
}

/// Line breaks as `\n`, spaces at the ends of lines gone.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn kind_of(text: &str) -> Option<IssueKind> {
    match header_key(text).as_str() {
        "立行立改" | "immediate" => Some(IssueKind::Immediate),
        "限期整改" | "short-term" => Some(IssueKind::ShortTerm),
        "长期坚持" | "long-term" => Some(IssueKind::LongTerm),
        _ => None,
    }
}

/// The title made from a description: its first sentence, at most 40 characters.
pub fn first_sentence(text: &str) -> String {
    let first = text.split(['。', '；', '\n']).find(|s| !s.trim().is_empty()).unwrap_or(text).trim();
    let first = first.trim_end_matches(['，', '、']);
    if first.chars().count() > 40 { first.chars().take(40).collect() } else { first.to_string() }
}

/// Measures typed in one cell: split at `1.` `1、` `（1）` `①` when the cell
/// numbers them, else at line breaks; numbers taken off.
pub fn split_measures(text: &str) -> Vec<String> {
    let starts = measure_starts(text);
    let parts: Vec<String> = if starts.len() >= 2 || (starts.len() == 1 && starts[0].0 == 0) {
        let mut parts = Vec::new();
        for (k, &(at, len)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(text.len(), |(next, _)| *next);
            parts.push(text[at + len..end].to_string());
        }
        if starts[0].0 > 0 {
            parts.insert(0, text[..starts[0].0].to_string());
        }
        parts
    } else {
        text.lines().map(str::to_string).collect()
    };
    parts
        .iter()
        .map(|p| p.trim().trim_end_matches(['；', ';']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Where a numbered item starts (at the start of the text or of a line, or
/// after a sentence): its byte offset and the length of its number.
fn measure_starts(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut expected = 1u32;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in bytes.iter().enumerate() {
        let after_break = k == 0 || matches!(bytes[k - 1].1, '\n' | '。' | '；' | ';' | ' ');
        if !after_break {
            continue;
        }
        let rest = &text[at..];
        if let Some(len) = numbered(rest, expected) {
            found.push((at, len));
            expected += 1;
        } else if c == '\n' {
            continue;
        }
    }
    found
}

/// The length of the item number `n` at the start of `s`, if it is one.
fn numbered(s: &str, n: u32) -> Option<usize> {
    let circled = char::from_u32(0x2460 + n - 1).filter(|_| n <= 20);
    if let Some(c) = circled.filter(|c| s.starts_with(*c)) {
        return Some(c.len_utf8());
    }
    let digits = n.to_string();
    for (open, close) in [("（", "）"), ("(", ")")] {
        let form = format!("{open}{digits}{close}");
        if s.starts_with(&form) {
            return Some(form.len());
        }
    }
    for sep in [".", "．", "、"] {
        let form = format!("{digits}{sep}");
        // 「2023.12」 is a date, not item 2023: a number is followed by text.
        if s.starts_with(&form) && !s[form.len()..].starts_with(|c: char| c.is_ascii_digit()) {
            return Some(form.len());
        }
    }
    None
}

/// A deadline (or 阶段目标) cell read as people write it.
#[derive(Debug, Default, PartialEq)]
struct Deadline {
    /// 立行立改 or 长期坚持 when the cell says so.
    kind: Option<IssueKind>,
    /// The latest date of the cell.
    date: Option<NaiveDate>,
    /// The earlier dated phrases, with their words.
    milestones: Vec<(NaiveDate, String)>,
    /// The words of the latest dated phrase.
    last_words: Option<String>,
}

/// Reads 整改时限 as people write it: dates in every form, `2023年12月底前`
/// (the month's last day), `2025年底前`, `立行立改`, `长期坚持`, and several
/// dated phrases (the latest is the deadline, the earlier ones milestones
/// with their words).
fn parse_deadline(text: &str) -> Result<Deadline, String> {
    let normal: String = text.chars().map(ascii_digit).collect();
    let phrases = dated_phrases(&normal);
    let kind = if normal.contains("立行立改") {
        Some(IssueKind::Immediate)
    } else if normal.contains("长期坚持") && phrases.is_empty() {
        Some(IssueKind::LongTerm)
    } else {
        None
    };
    if phrases.is_empty() && kind.is_none() && !normal.trim().is_empty() {
        return Err(format!(
            "无法识别整改时限“{}”：请写日期，例如 2023-12-31、2023年12月31日、2023年12月底前、2025年底前，或写“立行立改”“长期坚持”",
            text.trim()
        ));
    }
    let mut phrases = phrases;
    phrases.sort_by_key(|(d, _)| *d);
    let last = phrases.pop();
    Ok(Deadline {
        kind,
        date: last.as_ref().map(|(d, _)| *d),
        milestones: phrases,
        last_words: last.map(|(_, w)| w),
    })
}

/// Every date phrase of a text with the words that follow it (up to the
/// next clause), or precede it when none follow.
fn dated_phrases(text: &str) -> Vec<(NaiveDate, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut clause_start = 0;
    while i < chars.len() {
        if matches!(chars[i], '；' | ';' | '。' | '，' | ',' | '\n') {
            clause_start = i + 1;
        }
        let Some((date, len)) = date_at(&chars[i..]) else {
            i += 1;
            continue;
        };
        let mut j = i + len;
        for suffix in ["之前", "以前", "前"] {
            let s: Vec<char> = suffix.chars().collect();
            if chars[j..].starts_with(&s) {
                j += s.len();
                break;
            }
        }
        let end = (j..chars.len())
            .find(|&k| matches!(chars[k], '；' | ';' | '。' | '，' | ',' | '\n'))
            .unwrap_or(chars.len());
        let after: String = chars[j..end].iter().collect();
        let before: String = chars[clause_start..i].iter().collect();
        let words = if after.trim().is_empty() { before } else { after };
        let words = words.trim().trim_matches(['：', ':']).trim().to_string();
        out.push((date, words));
        i = j;
    }
    out
}

/// A date at the start of `s`: its day and length in characters.
fn date_at(s: &[char]) -> Option<(NaiveDate, usize)> {
    let num = |from: usize, max: usize| -> Option<(u32, usize)> {
        let digits: String = s.get(from..)?.iter().take_while(|c| c.is_ascii_digit()).take(max).collect();
        if digits.is_empty() { None } else { Some((digits.parse().ok()?, digits.len())) }
    };
    let (year, ylen) = num(0, 4)?;
    if ylen != 4 {
        return None;
    }
    let at = |k: usize, text: &str| -> bool {
        let t: Vec<char> = text.chars().collect();
        s.get(k..k + t.len()).is_some_and(|x| x == t.as_slice())
    };
    let sep = *s.get(4)?;
    let last_of_month = |y: i32, m: u32| {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
            .or_else(|| NaiveDate::from_ymd_opt(y + 1, 1, 1))
            .and_then(|d| d.pred_opt())
    };
    match sep {
        '年' => {
            if at(5, "底") || at(5, "末") {
                return Some((NaiveDate::from_ymd_opt(year as i32, 12, 31)?, 6));
            }
            if at(5, "上半年") {
                return Some((NaiveDate::from_ymd_opt(year as i32, 6, 30)?, 8));
            }
            if at(5, "下半年") {
                return Some((NaiveDate::from_ymd_opt(year as i32, 12, 31)?, 8));
            }
            let (month, mlen) = num(5, 2)?;
            let k = 5 + mlen;
            if !at(k, "月") {
                return None;
            }
            let k = k + 1;
            if at(k, "底") || at(k, "末") {
                return Some((last_of_month(year as i32, month)?, k + 1));
            }
            if let Some((day, dlen)) = num(k, 2) {
                let end = k + dlen;
                let end = if at(end, "日") || at(end, "号") { end + 1 } else { end };
                return Some((NaiveDate::from_ymd_opt(year as i32, month, day)?, end));
            }
            Some((last_of_month(year as i32, month)?, k))
        }
        '-' | '/' | '.' => {
            let (month, mlen) = num(5, 2)?;
            let k = 5 + mlen;
            if s.get(k) != Some(&sep) {
                return None;
            }
            let (day, dlen) = num(k + 1, 2)?;
            Some((NaiveDate::from_ymd_opt(year as i32, month, day)?, k + 1 + dlen))
        }
        _ => None,
    }
    .filter(|(d, _)| d.year() == year as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse(s).unwrap()
    }

    #[test]
    fn deadlines_as_people_write_them() {
        let one = |t: &str| parse_deadline(t).unwrap().date;
        assert_eq!(one("2023-12-31"), Some(d("2023-12-31")));
        assert_eq!(one("2023/12/31"), Some(d("2023-12-31")));
        assert_eq!(one("2023.12.31"), Some(d("2023-12-31")));
        assert_eq!(one("2023年12月31日前"), Some(d("2023-12-31")));
        assert_eq!(one("2023年12月底前"), Some(d("2023-12-31")));
        assert_eq!(one("2024年2月底前完成"), Some(d("2024-02-29")));
        assert_eq!(one("２０２５年底前"), Some(d("2025-12-31")));
        assert_eq!(one("2024年6月"), Some(d("2024-06-30")));
        assert_eq!(one("2024年上半年"), Some(d("2024-06-30")));
        let w = parse_deadline("立行立改").unwrap();
        assert_eq!(
            (w.date, parse_deadline("立行立改，2023年8月底前").unwrap().date),
            (None, Some(d("2023-08-31")))
        );
        assert!(parse_deadline("长期坚持").unwrap().date.is_none());
        assert!(parse_deadline("尽快").is_err());
    }

    #[test]
    fn several_dated_phrases_are_a_deadline_and_milestones() {
        let w =
            parse_deadline("2023年9月底前完成排查建档；2023年11月30日前完成淘汰改造；2023年12月底前全部完成")
                .unwrap();
        assert_eq!(w.date, Some(d("2023-12-31")));
        assert_eq!(
            w.milestones,
            [(d("2023-09-30"), "完成排查建档".to_string()), (d("2023-11-30"), "完成淘汰改造".to_string())]
        );
        assert_eq!(w.last_words.as_deref(), Some("全部完成"));
        // The words before the date, when none follow it.
        let w = parse_deadline("完成排查：2023年9月底前\n完成整改：2023年12月底前").unwrap();
        assert_eq!(w.milestones, [(d("2023-09-30"), "完成排查".to_string())]);
    }

    #[test]
    fn measures_numbered_in_every_way() {
        let want = ["开展排查，建立台账。", "制定方案。", "完成淘汰。"];
        for cell in [
            "1.开展排查，建立台账。2.制定方案。3.完成淘汰。",
            "1、开展排查，建立台账。\n2、制定方案。\n3、完成淘汰。",
            "（1）开展排查，建立台账。（2）制定方案。（3）完成淘汰。",
            "①开展排查，建立台账。②制定方案。③完成淘汰。",
            "开展排查，建立台账。\n制定方案。\n\n完成淘汰。",
            "(1) 开展排查，建立台账。\n(2) 制定方案。\n(3) 完成淘汰。",
        ] {
            let got = split_measures(cell);
            assert_eq!(got, want, "{cell}");
        }
        // A separator at the end of an item is not part of it.
        assert_eq!(split_measures("1.制定方案；2.完成淘汰；"), ["制定方案", "完成淘汰"]);
        // A date is not an item number; a single unnumbered measure stays whole.
        assert_eq!(split_measures("2023.12前完成改造。"), ["2023.12前完成改造。"]);
        assert_eq!(split_measures("1. 一项措施，分两行\n写完。"), ["一项措施，分两行\n写完。"]);
    }

    #[test]
    fn section_rows_name_the_category() {
        assert_eq!(section_name("一、大气污染防治"), "大气污染防治");
        assert_eq!(section_name("（二）水污染问题"), "水污染问题");
        assert_eq!(section_name("三. 生态保护："), "生态保护");
        assert_eq!(
            first_sentence("城区仍有12台燃煤小锅炉在用，未按期淘汰。另有…"),
            "城区仍有12台燃煤小锅炉在用，未按期淘汰"
        );
    }
}
