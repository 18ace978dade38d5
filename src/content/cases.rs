//! The 交办件 section, `content/cases/`: `cases.yaml` names the tables, and
//! the tables are the office's own spreadsheets (`.xlsx`, `.xls`, `.csv`),
//! read as they are: title rows above the header, a header over two merged
//! rows, cells merged down over several cases, a 合计 row at the bottom.
//! Every problem of every table is reported at its cell.

use super::ids;
use super::spreadsheet::{self, Sheet, header_key, split_list};
use super::yaml::{Located, Reader};
use crate::diagnostics::{Diagnostic, Pos};
use chrono::NaiveDate;
use marked_yaml::types::MarkedMappingNode;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const FOLDER: &str = "content/cases";
pub const SETTINGS: &str = "content/cases/cases.yaml";

/// 是否属实.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Truth {
    True,
    MostlyTrue,
    PartlyTrue,
    False,
}

impl Truth {
    /// As written in a table.
    pub const ALL: [(&'static str, Truth); 4] = [
        ("属实", Truth::True),
        ("基本属实", Truth::MostlyTrue),
        ("部分属实", Truth::PartlyTrue),
        ("不属实", Truth::False),
    ];

    pub fn key(self) -> &'static str {
        match self {
            Truth::True => "true",
            Truth::MostlyTrue => "mostly-true",
            Truth::PartlyTrue => "partly-true",
            Truth::False => "false",
        }
    }

    /// Counts toward 属实率.
    pub fn is_true(self) -> bool {
        self != Truth::False
    }
}

/// 办理状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CaseState {
    Done,
    StageDone,
    Open,
}

impl CaseState {
    /// As written in a table (是 and 否 answer 是否办结).
    pub const ALL: [(&'static str, CaseState); 5] = [
        ("已办结", CaseState::Done),
        ("阶段性办结", CaseState::StageDone),
        ("未办结", CaseState::Open),
        ("是", CaseState::Done),
        ("否", CaseState::Open),
    ];

    pub fn key(self) -> &'static str {
        match self {
            CaseState::Done => "done",
            CaseState::StageDone => "stage-done",
            CaseState::Open => "open",
        }
    }
}

/// 污染类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CaseType {
    Air,
    Water,
    Soil,
    Noise,
    Ecology,
    Waste,
    Radiation,
    Ocean,
    Other,
}

impl CaseType {
    /// In display order, with their short names.
    pub const ALL: [(&'static str, CaseType); 9] = [
        ("大气", CaseType::Air),
        ("水", CaseType::Water),
        ("土壤", CaseType::Soil),
        ("噪声", CaseType::Noise),
        ("生态", CaseType::Ecology),
        ("固废", CaseType::Waste),
        ("辐射", CaseType::Radiation),
        ("海洋", CaseType::Ocean),
        ("其他", CaseType::Other),
    ];

    /// The type a cell names: the short name, or a longer form
    /// (大气污染, 水污染, 固体废物, 生态破坏 …).
    pub fn parse(raw: &str) -> Option<CaseType> {
        let raw = raw.trim().trim_end_matches("污染").trim_end_matches("问题");
        let long = [
            ("固体废物", CaseType::Waste),
            ("固废污染", CaseType::Waste),
            ("生态破坏", CaseType::Ecology),
            ("生态环境", CaseType::Ecology),
            ("生态保护", CaseType::Ecology),
            ("空气", CaseType::Air),
            ("废气", CaseType::Air),
            ("废水", CaseType::Water),
            ("水体", CaseType::Water),
            ("噪音", CaseType::Noise),
            ("其它", CaseType::Other),
        ];
        CaseType::ALL.iter().chain(long.iter()).find(|(name, _)| *name == raw).map(|(_, t)| *t)
    }

    pub fn key(self) -> &'static str {
        match self {
            CaseType::Air => "air",
            CaseType::Water => "water",
            CaseType::Soil => "soil",
            CaseType::Noise => "noise",
            CaseType::Ecology => "ecology",
            CaseType::Waste => "waste",
            CaseType::Radiation => "radiation",
            CaseType::Ocean => "ocean",
            CaseType::Other => "other",
        }
    }
}

/// A column of a case table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    Summary,
    District,
    Types,
    Verified,
    Truth,
    Handling,
    Accountability,
    State,
    Lead,
    Issues,
    DuplicateOf,
    /// 序号, and columns mapped to `ignore`.
    Ignored,
}

impl Field {
    /// Field names as `columns:` in cases.yaml writes them.
    pub const NAMES: [(&'static str, Field); 13] = [
        ("id", Field::Id),
        ("summary", Field::Summary),
        ("district", Field::District),
        ("types", Field::Types),
        ("verified", Field::Verified),
        ("truth", Field::Truth),
        ("handling", Field::Handling),
        ("accountability", Field::Accountability),
        ("state", Field::State),
        ("lead", Field::Lead),
        ("issues", Field::Issues),
        ("duplicate_of", Field::DuplicateOf),
        ("ignore", Field::Ignored),
    ];

    /// The headers recognised for each field.
    pub const HEADERS: [(&'static str, Field); 31] = [
        ("受理编号", Field::Id),
        ("交办编号", Field::Id),
        ("信访件编号", Field::Id),
        ("转办编号", Field::Id),
        ("交办问题基本情况", Field::Summary),
        ("群众反映问题", Field::Summary),
        ("信访反映问题", Field::Summary),
        ("反映问题", Field::Summary),
        ("行政区域", Field::District),
        ("所属区域", Field::District),
        ("属地", Field::District),
        ("区域", Field::District),
        ("污染类型", Field::Types),
        ("问题类型", Field::Types),
        ("调查核实情况", Field::Verified),
        ("核查情况", Field::Verified),
        ("是否属实", Field::Truth),
        ("属实情况", Field::Truth),
        ("处理和整改情况", Field::Handling),
        ("处理整改情况", Field::Handling),
        ("整改情况", Field::Handling),
        ("最新整改情况", Field::Handling),
        ("问责情况", Field::Accountability),
        ("责任人被处理情况", Field::Accountability),
        ("办理状态", Field::State),
        ("办结情况", Field::State),
        ("是否办结", Field::State),
        ("责任单位", Field::Lead),
        ("牵头单位", Field::Lead),
        ("关联问题", Field::Issues),
        ("序号", Field::Ignored),
    ];

    pub fn name(self) -> &'static str {
        Field::NAMES.iter().find(|(_, f)| *f == self).map_or("", |(n, _)| n)
    }
}

/// The header texts recognised for `duplicate_of` (kept apart: the table
/// above is full).
const DUPLICATE_HEADERS: [&str; 2] = ["重复件", "重复交办"];

/// The values of one row; None where the cell is empty (in an update
/// table: no change).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseValues {
    pub summary: Option<String>,
    pub district: Option<String>,
    pub types: Option<Vec<CaseType>>,
    pub verified: Option<String>,
    pub truth: Option<Truth>,
    pub handling: Option<String>,
    pub accountability: Option<String>,
    pub state: Option<CaseState>,
    pub lead: Option<Vec<String>>,
    pub issues: Option<Vec<Located<String>>>,
    pub duplicate_of: Option<Located<String>>,
}

/// One case (a row) of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub id: String,
    /// The id's cell.
    pub pos: Pos,
    pub values: CaseValues,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// 第N批: the cases forwarded on `received`.
    Batch { number: u32, received: NaiveDate },
    /// Newer values for cases of earlier batches.
    Update,
}

/// One table of `cases.yaml` and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseTable {
    /// The file name inside `content/cases/`.
    pub file: String,
    /// Relative to the site root, for messages.
    pub source: String,
    pub kind: TableKind,
    pub published: NaiveDate,
    /// The table's entry in cases.yaml.
    pub pos: Option<Pos>,
    /// The sheet read, for messages; None for a CSV file.
    pub sheet: Option<String>,
    /// The fields of the table's columns, in order (ignored ones left out).
    pub fields: Vec<Field>,
    pub rows: Vec<CaseRow>,
}

impl CaseTable {
    /// An error at the cell at `pos` of this table, named as Excel names it.
    pub fn error_at(&self, pos: Pos, message: impl AsRef<str>) -> Diagnostic {
        let cell = spreadsheet::cell_name(pos.line.saturating_sub(1), pos.column.saturating_sub(1));
        let at = match &self.sheet {
            Some(name) => format!("工作表“{name}”单元格 {cell}"),
            None => format!("单元格 {cell}"),
        };
        Diagnostic::error(&self.source, Some(pos), format!("{at}：{}", message.as_ref()))
    }

    pub fn batch(&self) -> Option<u32> {
        match self.kind {
            TableKind::Batch { number, .. } => Some(number),
            TableKind::Update => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseSection {
    pub title: String,
    /// 督察进驻期.
    pub inspection: Option<(NaiveDate, NaiveDate)>,
    pub contact: Option<String>,
    /// Batch tables by number, then update tables by date (ties in the
    /// order cases.yaml lists them).
    pub tables: Vec<CaseTable>,
}

const KEYS: &[&str] = &["title", "inspection", "contact", "columns", "tables"];
const TABLE_KEYS: &[&str] = &["file", "batch", "update", "received", "published", "sheet"];

/// Reads `content/cases/` when it exists; `issues` are the ids of the
/// issue files, which a case may name.
/// `public` are the phone numbers meant to be public (site.yaml).
pub fn load(
    root: &Path,
    issues: &BTreeSet<String>,
    public: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<CaseSection> {
    let dir = root.join(FOLDER);
    if !dir.is_dir() {
        return None;
    }
    let files = ids::files_under(root, &dir, diags);
    let names: BTreeSet<String> =
        files.iter().filter_map(|e| e.path().strip_prefix(&dir).ok().map(ids::slash_path)).collect();
    let settings = ["cases.yaml", "cases.yml"].into_iter().find(|n| names.contains(*n));
    let Some(settings) = settings else {
        diags.push(Diagnostic::error(
            FOLDER,
            None,
            "有 content/cases/ 文件夹，但缺少设置文件 content/cases/cases.yaml：请在其中写明 title 和 tables（每张表的文件名、批次和发布日期）",
        ));
        return None;
    };
    let rel = format!("{FOLDER}/{settings}");
    let text = match super::source::read_text(&dir.join(settings), &rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    diags.extend(super::placeholders::scan(&rel, &text));
    diags.extend(super::personal_info::scan_file(&rel, &text, public));
    let mut r = Reader::new(&rel, 0);
    let section = r.parse(&text).and_then(|map| read_settings(&mut r, &map, &names));
    diags.append(&mut r.diags);
    let (mut section, specs) = section?;
    for name in &names {
        if name != settings && !specs.iter().any(|s| &s.file == name) {
            diags.push(Diagnostic::warning(
                format!("{FOLDER}/{name}"),
                None,
                format!("没有写在 {rel} 的 tables 中，不会发布。如果是草稿，可以改名以“_”开头"),
            ));
        }
    }
    // In parallel: a round's tables are many, and the preview reads them
    // again after every save.
    let read: Vec<(TableSpec, Option<CaseTable>, Vec<Diagnostic>)> = specs
        .into_par_iter()
        .map(|spec| {
            let mut d = Vec::new();
            let table = read_table(&dir, &spec, issues, public, &mut d);
            (spec, table, d)
        })
        .collect();
    for (_, table, mut d) in read {
        diags.append(&mut d);
        section.tables.extend(table);
    }
    section.tables.sort_by_key(|t| match t.kind {
        TableKind::Batch { number, .. } => (0, number, t.published),
        TableKind::Update => (1, 0, t.published),
    });
    check_ids(&section, diags);
    Some(section)
}

/// A table as cases.yaml lists it, before it is read.
struct TableSpec {
    file: String,
    pos: Option<Pos>,
    kind: TableKind,
    published: NaiveDate,
    sheet: Option<String>,
    /// Header text (as compared) → field, from `columns:`.
    columns: BTreeMap<String, Field>,
}

fn read_settings(
    r: &mut Reader,
    map: &MarkedMappingNode,
    files: &BTreeSet<String>,
) -> Option<(CaseSection, Vec<TableSpec>)> {
    r.check_keys(map, KEYS);
    let title =
        r.required(map, "title", "交办件栏目的标题，例如 第二轮省级生态环境保护督察交办信访件办理情况");
    let title = title.and_then(|n| r.text(n, "title"));
    let inspection = r.optional(map, "inspection").and_then(|n| {
        let m = r.mapping(n, "inspection")?;
        r.check_keys(m, &["from", "to"]);
        let from = r.required(m, "from", "督察进驻的第一天 YYYY-MM-DD").and_then(|n| r.date(n, "from"));
        let to_node = r.required(m, "to", "督察进驻的最后一天 YYYY-MM-DD");
        let to_pos = to_node.and_then(|n| r.pos(n));
        let to = to_node.and_then(|n| r.date(n, "to"));
        let (from, to) = (from?, to?);
        if to < from {
            r.error(to_pos, format!("督察进驻期的结束日期 {to} 早于开始日期 {from}"));
            return None;
        }
        Some((from, to))
    });
    let contact = r.optional(map, "contact").and_then(|n| r.text(n, "contact"));
    let mut columns = BTreeMap::new();
    if let Some(m) = r.optional(map, "columns").and_then(|n| r.mapping(n, "columns")) {
        for (key, value) in m.iter() {
            let pos = r.pos(value);
            let Some(name) = r.text(value, "columns") else { continue };
            match Field::NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, field)) => {
                    columns.insert(header_key(key.as_str()), *field);
                }
                None => {
                    let allowed: Vec<&str> = Field::NAMES.iter().map(|(n, _)| *n).collect();
                    r.error(pos, format!("“{name}”不是交办件表格的列，应为以下之一：{}", allowed.join("、")));
                }
            }
        }
    }
    let tables_node = r.required(
        map,
        "tables",
        "交办件表格的列表，每项写 file、batch（或 update: true）、received 和 published",
    );
    let mut specs: Vec<TableSpec> = Vec::new();
    for item in tables_node.map(|n| r.list(n, "tables", false)).unwrap_or_default() {
        let pos = r.pos(item);
        let Some(m) = r.mapping(item, "tables") else { continue };
        r.check_keys(m, TABLE_KEYS);
        let file_node = r.required(m, "file", "表格文件名（在 content/cases/ 中），例如 第01批.xlsx");
        let file = file_node.and_then(|n| r.located_text(n, "file"));
        let published =
            r.required(m, "published", "这张表的发布日期 YYYY-MM-DD").and_then(|n| r.date(n, "published"));
        let sheet = r.optional(m, "sheet").and_then(|n| r.text(n, "sheet"));
        let update = r.optional(m, "update").and_then(|n| r.boolean(n, "update")).unwrap_or(false);
        let batch_node = r.optional(m, "batch");
        let kind = if update {
            if let Some(n) = batch_node {
                let p = r.pos(n);
                r.error(p, "更新表（update: true）不属于某一批次，不能写“batch”");
            }
            if let Some(n) = r.optional(m, "received") {
                let p = r.pos(n);
                r.error(p, "更新表（update: true）没有交办日期，不能写“received”");
            }
            Some(TableKind::Update)
        } else {
            let number = r
                .required(m, "batch", "批次号（第几批），正整数；进展更新表写 update: true")
                .and_then(|n| r.positive_integer(n, "batch"));
            let received =
                r.required(m, "received", "交办日期 YYYY-MM-DD").and_then(|n| r.date(n, "received"));
            let taken =
                number.and_then(|n| specs.iter().find(|s| s.kind_number() == Some(n)).map(|s| (n, s)));
            if let Some((number, first)) = taken {
                let p = batch_node.and_then(|n| r.pos(n));
                r.error(p, format!("第{number}批已由 {} 使用，批次号不能重复", first.file));
            }
            if let (Some(received), Some(published)) = (received, published)
                && published < received
            {
                let p = m.get_node("published").and_then(|n| r.pos(n));
                r.error(p, format!("发布日期 {published} 早于交办日期 {received}"));
            }
            // Kept despite a bad date, so that its rows are still checked.
            number.zip(received).map(|(number, received)| TableKind::Batch { number, received })
        };
        let Some(file) = file else { continue };
        if !files.contains(&file.value) {
            let other = files.iter().find(|f| f.to_lowercase() == file.value.to_lowercase());
            let hint = other.map(|o| format!("是否是“{o}”？文件名的大小写要一致")).unwrap_or_else(|| {
                "请把表格放进 content/cases/，文件名（含扩展名 .xlsx、.xls 或 .csv）要与这里写的一致"
                    .to_string()
            });
            r.error(file.pos, format!("找不到表格文件 content/cases/{}：{hint}", file.value));
            continue;
        }
        if specs.iter().any(|s| s.file == file.value) {
            r.error(file.pos, format!("表格 {} 在 tables 中写了两次", file.value));
            continue;
        }
        if let (Some(kind), Some(published)) = (kind, published) {
            specs.push(TableSpec { file: file.value, pos, kind, published, sheet, columns: columns.clone() });
        }
    }
    let section = CaseSection { title: title?, inspection, contact, tables: Vec::new() };
    Some((section, specs))
}

impl TableSpec {
    fn kind_number(&self) -> Option<u32> {
        match self.kind {
            TableKind::Batch { number, .. } => Some(number),
            TableKind::Update => None,
        }
    }
}

/// The first cell text of a row that is not a case: a total or a note.
fn is_footer(text: &str) -> bool {
    ["合计", "总计", "备注", "注：", "注:", "说明"].iter().any(|p| text.starts_with(p))
}

fn field_of(key: &str, columns: &BTreeMap<String, Field>) -> Option<Field> {
    columns.get(key).copied().or_else(|| {
        Field::HEADERS
            .iter()
            .find(|(h, _)| *h == key)
            .map(|(_, f)| *f)
            .or_else(|| DUPLICATE_HEADERS.contains(&key).then_some(Field::DuplicateOf))
    })
}

fn read_table(
    dir: &Path,
    spec: &TableSpec,
    issues: &BTreeSet<String>,
    public: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<CaseTable> {
    let source = format!("{FOLDER}/{}", spec.file);
    let sheet = match Sheet::read(&dir.join(&spec.file), &source, spec.sheet.as_deref()) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    // The header row: the first with a cell recognised as the id column.
    let header = (0..sheet.rows()).find(|&r| {
        (0..sheet.cols()).any(|c| field_of(&header_key(&sheet.text(r, c)), &spec.columns) == Some(Field::Id))
    });
    let Some(header) = header else {
        let names: Vec<&str> =
            Field::HEADERS.iter().filter(|(_, f)| *f == Field::Id).map(|(h, _)| *h).collect();
        diags.push(Diagnostic::error(
            &source,
            None,
            format!(
                "找不到表头：没有一行含有{}之一的列。如果这一列的标题不同，请在 cases.yaml 的 columns 中写明，例如 columns: {{件号: id}}",
                names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join("、")
            ),
        ));
        return None;
    };
    // A header over two rows: cells merged down from the header row, or a
    // group heading merged across columns above its sub-headings.
    let mut last = sheet.merged_down_to(header);
    if last == header && (0..sheet.cols()).any(|c| sheet.merged_across(header, c)) {
        last = header + 1;
    }
    let mut columns: Vec<(usize, Field)> = Vec::new();
    for c in 0..sheet.cols() {
        let cell = (header..=last).rev().find(|&r| !sheet.text(r, c).is_empty());
        let Some(row) = cell else {
            if let Some(r) = (last + 1..sheet.rows()).find(|&r| !sheet.text(r, c).is_empty()) {
                diags.push(sheet.error(r, c, "这一列有内容，但没有表头。请在表头中写上这一列的标题"));
            }
            continue;
        };
        let text = sheet.text(row, c);
        match field_of(&header_key(&text), &spec.columns) {
            Some(Field::Ignored) => {}
            Some(field) => {
                if let Some(&(first, _)) = columns.iter().find(|(_, f)| *f == field) {
                    diags.push(sheet.error(
                        row,
                        c,
                        format!(
                            "表头“{text}”与 {} 列是同一项，一张表中每一项只能有一列",
                            spreadsheet::column_name(first)
                        ),
                    ));
                } else {
                    columns.push((c, field));
                }
            }
            None => {
                let known: Vec<&str> =
                    Field::HEADERS.iter().map(|(h, _)| *h).chain(DUPLICATE_HEADERS).collect();
                diags.push(sheet.error(
                    row,
                    c,
                    format!(
                        "不认识的表头“{text}”。可以识别的表头：{}。其他标题请在 cases.yaml 的 columns 中写明它是哪一项，例如 columns: {{{text}: summary}}，不需要的列写 ignore",
                        known.join("、")
                    ),
                ));
            }
        }
    }
    let batch = matches!(spec.kind, TableKind::Batch { .. });
    if batch && !columns.iter().any(|(_, f)| *f == Field::Summary) {
        diags.push(sheet.error(
            header,
            0,
            "批次表缺少反映问题这一列（表头“交办问题基本情况”“群众反映问题”“信访反映问题”或“反映问题”）",
        ));
    }
    let mut rows = Vec::new();
    for r in last + 1..sheet.rows() {
        let first = (0..sheet.cols()).map(|c| sheet.text(r, c)).find(|t| !t.is_empty());
        let Some(first) = first else { continue };
        if is_footer(&first) {
            continue;
        }
        if let Some(row) = read_row(&sheet, r, &columns, batch, issues, public, diags) {
            rows.push(row);
        }
    }
    Some(CaseTable {
        file: spec.file.clone(),
        source,
        kind: spec.kind,
        published: spec.published,
        pos: spec.pos,
        sheet: sheet.name.clone(),
        fields: columns.iter().map(|(_, f)| *f).collect(),
        rows,
    })
}

/// Ids: letters, digits, `-` and `_`; `batch` and `page` are folders of the section.
pub fn id_problem(id: &str) -> Option<&'static str> {
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')) {
        Some("受理编号只能包含英文字母、数字、“-”和“_”")
    } else if ["batch", "page"].contains(&id.to_ascii_lowercase().as_str()) {
        Some("“batch”和“page”留给网站的栏目，不能用作受理编号")
    } else {
        None
    }
}

fn read_row(
    sheet: &Sheet,
    r: usize,
    columns: &[(usize, Field)],
    batch: bool,
    issues: &BTreeSet<String>,
    public: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<CaseRow> {
    let mut v = CaseValues::default();
    let mut id = None;
    let text = |c: usize| {
        let t = sheet.text(r, c);
        (!t.is_empty()).then_some(t)
    };
    for &(c, field) in columns {
        if let spreadsheet::Value::Error(e) = sheet.value(r, c) {
            diags.push(sheet.error(r, c, format!("单元格中是公式错误 {e}，请改成文字")));
            continue;
        }
        let Some(t) = text(c) else { continue };
        // Every published cell: a complainant's number must never reach the site.
        if field != Field::Ignored {
            for found in super::personal_info::find(&t, public) {
                diags.push(sheet.error(r, c, found.message));
            }
        }
        match field {
            Field::Id => match id_problem(&t) {
                Some(why) => diags.push(sheet.error(r, c, format!("受理编号“{t}”无效：{why}"))),
                None => id = Some((t, sheet.pos(r, c))),
            },
            Field::Summary => v.summary = Some(t),
            Field::District => v.district = Some(t),
            Field::Verified => v.verified = Some(t),
            Field::Handling => v.handling = Some(t),
            Field::Accountability => v.accountability = Some(t),
            Field::Types => {
                let mut types = Vec::new();
                for item in split_list(&t) {
                    match CaseType::parse(&item) {
                        Some(ty) if !types.contains(&ty) => types.push(ty),
                        Some(_) => {}
                        None => {
                            let allowed: Vec<&str> = CaseType::ALL.iter().map(|(n, _)| *n).collect();
                            diags.push(sheet.error(
                                r,
                                c,
                                format!(
                                    "污染类型“{item}”无效，应为以下之一：{}（几种类型用“、”隔开）",
                                    allowed.join("、")
                                ),
                            ));
                        }
                    }
                }
                v.types = Some(types);
            }
            Field::Truth => match Truth::ALL.iter().find(|(n, _)| *n == header_key(&t)) {
                Some((_, truth)) => v.truth = Some(*truth),
                None => diags.push(sheet.error(
                    r,
                    c,
                    format!("“{t}”不是属实情况，应为属实、基本属实、部分属实或不属实"),
                )),
            },
            Field::State => match CaseState::ALL.iter().find(|(n, _)| *n == header_key(&t)) {
                Some((_, state)) => v.state = Some(*state),
                None => diags.push(sheet.error(
                    r,
                    c,
                    format!("“{t}”不是办理状态，应为已办结、阶段性办结或未办结（是 即已办结，否 即未办结）"),
                )),
            },
            Field::Lead => v.lead = Some(split_list(&t)),
            Field::Issues => {
                let mut list = Vec::new();
                for item in split_list(&t) {
                    // 「问题7」 and 「7」 both name issue 07 when that is its file.
                    let bare = item.trim_start_matches("问题").trim();
                    let found =
                        [bare.to_string(), format!("{bare:0>2}")].into_iter().find(|id| issues.contains(id));
                    match found {
                        Some(id) => list.push(Located { value: id, pos: Some(sheet.pos(r, c)) }),
                        None => diags.push(sheet.error(
                            r,
                            c,
                            format!("关联问题“{item}”不存在：content/issues/ 下没有这个编号的问题文件"),
                        )),
                    }
                }
                v.issues = Some(list);
            }
            Field::DuplicateOf => {
                if !matches!(t.as_str(), "否" | "无" | "-" | "—") {
                    let earlier =
                        t.trim_start_matches("是").trim_matches(|c: char| !c.is_ascii_alphanumeric());
                    if earlier.is_empty() {
                        diags.push(sheet.error(
                            r,
                            c,
                            "重复件应写最早交办的那一件的受理编号，不是重复件写“否”或留空",
                        ));
                    } else {
                        v.duplicate_of =
                            Some(Located { value: earlier.to_string(), pos: Some(sheet.pos(r, c)) });
                    }
                }
            }
            Field::Ignored => {}
        }
    }
    let Some((id, pos)) = id else {
        let id_col = columns.iter().find(|(_, f)| *f == Field::Id).map_or(0, |(c, _)| *c);
        if text(id_col).is_none() {
            diags.push(sheet.error(r, id_col, "这一行有内容，但没有受理编号"));
        }
        return None;
    };
    if batch && v.summary.is_none() {
        let col = columns.iter().find(|(_, f)| *f == Field::Summary).map(|(c, _)| *c);
        if let Some(c) = col {
            diags.push(sheet.error(r, c, format!("交办件 {id} 缺少反映的问题")));
        }
    }
    Some(CaseRow { id, pos, values: v })
}

/// Ids unique over the batch tables (ignoring letter case), update rows
/// naming cases of batches published before or with them, repeats naming
/// an earlier case.
fn check_ids(section: &CaseSection, diags: &mut Vec<Diagnostic>) {
    // Lower-case id → (table, row).
    let mut cases: BTreeMap<String, (&CaseTable, &CaseRow)> = BTreeMap::new();
    for t in section.tables.iter().filter(|t| t.batch().is_some()) {
        for row in &t.rows {
            let key = row.id.to_lowercase();
            if let Some((first_table, first)) = cases.get(&key) {
                diags.push(t.error_at(
                    row.pos,
                    format!(
                        "受理编号“{}”重复：{} 第 {} 行已有这一件（不区分大小写）",
                        row.id, first_table.file, first.pos.line
                    ),
                ));
            } else {
                cases.insert(key, (t, row));
            }
        }
    }
    for t in &section.tables {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for row in &t.rows {
            let key = row.id.to_lowercase();
            if t.batch().is_none() {
                if let Some(line) = seen.insert(key.clone(), row.pos.line) {
                    diags.push(t.error_at(
                        row.pos,
                        format!("受理编号“{}”在这张更新表中已在第 {line} 行出现，每件只能写一行", row.id),
                    ));
                }
                match cases.get(&key) {
                    Some((batch, _)) if batch.published <= t.published => {}
                    Some((batch, _)) => diags.push(t.error_at(
                        row.pos,
                        format!(
                            "交办件“{}”所在的 {}（发布日期 {}）晚于这张更新表（发布日期 {}），更新表只能更新已经发布的交办件",
                            row.id, batch.file, batch.published, t.published
                        ),
                    )),
                    None => diags.push(t.error_at(
                        row.pos,
                        format!("找不到交办件“{}”：各批次表中都没有这个受理编号", row.id),
                    )),
                }
            }
            if let Some(dup) = &row.values.duplicate_of {
                let key = dup.value.to_lowercase();
                let earlier = cases.get(&key).filter(|(other, _)| other.published <= t.published);
                let at = dup.pos.unwrap_or(row.pos);
                if key == row.id.to_lowercase() {
                    diags.push(t.error_at(at, "重复件不能写自己的受理编号"));
                } else if earlier.is_none() {
                    diags.push(t.error_at(
                        at,
                        format!("重复件“{}”不是更早交办的件：各批次表中没有这个受理编号", dup.value),
                    ));
                }
            }
        }
    }
}
