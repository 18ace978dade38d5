//! Spreadsheets as offices make them, read into a grid of cells: `.xlsx`
//! and `.xls` with calamine (whichever the bytes are, whatever the file is
//! called), `.csv` in UTF-8 (with or without a byte-order mark) or in
//! GB18030/GBK as Excel on Chinese Windows saves it. A cell merged over
//! several rows or columns gives its value to every cell it covers. Every
//! problem names the cell as Excel does (`单元格 C7`) and, in a workbook,
//! the sheet; its position is the row and column.
//!
//! Used for the 交办件 tables (`cases.rs`) and by `gongkai import`.

use crate::diagnostics::{Diagnostic, Pos, io_reason};
use calamine::{Data, Reader, Xls, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;
use std::path::Path;

/// The value of one cell as the workbook holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date (a number shown as a date); a time of day is dropped.
    Date(NaiveDate),
    Bool(bool),
    /// A formula error such as `#REF!`.
    Error(String),
}

/// A merged range, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// One sheet of a workbook, or a CSV file.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file, relative to the site root (or as given), for messages.
    pub path: String,
    /// The sheet's name; None for a CSV file.
    pub name: Option<String>,
    /// Row by row from the sheet's first row (A1), merged values filled in.
    cells: Vec<Vec<Value>>,
    merges: Vec<Merge>,
}

/// What kind of file the bytes are.
enum Kind {
    Xlsx,
    Xls,
    Csv,
}

impl Sheet {
    /// Reads `sheet` (default: the first) of the spreadsheet at `abs`; `rel`
    /// is the path shown in messages.
    pub fn read(abs: &Path, rel: &str, sheet: Option<&str>) -> Result<Sheet, Diagnostic> {
        let bytes = std::fs::read(abs)
            .map_err(|e| Diagnostic::error(rel, None, format!("无法读取表格文件：{}", io_reason(&e))))?;
        Sheet::from_bytes(bytes, rel, sheet)
    }

    pub fn from_bytes(bytes: Vec<u8>, rel: &str, sheet: Option<&str>) -> Result<Sheet, Diagnostic> {
        let fail = |message: String| Diagnostic::error(rel, None, message);
        let lower = rel.to_ascii_lowercase();
        let kind = if bytes.starts_with(b"PK\x03\x04") {
            Kind::Xlsx
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            // An encrypted .xlsx is an OLE file with an EncryptedPackage stream.
            if contains_utf16(&bytes, "EncryptedPackage") {
                return Err(fail(PASSWORD.to_string()));
            }
            Kind::Xls
        } else if lower.ends_with(".csv") {
            Kind::Csv
        } else {
            return Err(fail(
                "不是电子表格文件：只能读取 Excel 工作簿（.xlsx、.xls）和逗号分隔的 .csv 文件。\
                 请在 Excel 中打开后“另存为”其中一种格式"
                    .to_string(),
            ));
        };
        let read = || match kind {
            Kind::Csv => Sheet::from_csv(&bytes, rel, sheet),
            Kind::Xlsx => {
                let book = Xlsx::new(Cursor::new(bytes.clone()))
                    .map_err(|e| fail(workbook_error(&e.to_string())))?;
                Sheet::from_workbook(book, rel, sheet)
            }
            Kind::Xls => {
                let book =
                    Xls::new(Cursor::new(bytes.clone())).map_err(|e| fail(workbook_error(&e.to_string())))?;
                Sheet::from_workbook(book, rel, sheet)
            }
        };
        // calamine asserts on some damaged files instead of returning an
        // error: a damaged workbook is an error of that file, never a crash.
        without_panic(read).unwrap_or_else(|| Err(fail(workbook_error(""))))
    }

    fn from_workbook<B: Workbook>(mut book: B, rel: &str, sheet: Option<&str>) -> Result<Sheet, Diagnostic> {
        let fail = |message: String| Diagnostic::error(rel, None, message);
        let names = book.sheet_names();
        let name = match sheet {
            Some(wanted) => names.iter().find(|n| n.trim() == wanted.trim()).cloned().ok_or_else(|| {
                fail(format!("工作簿中没有名为“{wanted}”的工作表。现有的工作表：{}", names.join("、")))
            })?,
            None => names.first().cloned().ok_or_else(|| fail("工作簿中没有工作表".to_string()))?,
        };
        let range = book.worksheet_range(&name).map_err(|e| fail(workbook_error(&e.to_string())))?;
        let merges = book.merges(&name).map_err(|e| fail(workbook_error(&e.to_string())))?;
        // The range starts at its first used cell; rows and columns count from A1.
        let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let (height, width) = range.get_size();
        let mut cells = vec![vec![Value::Empty; left + width]; top + height];
        for (r, row) in range.rows().enumerate() {
            for (c, data) in row.iter().enumerate() {
                cells[top + r][left + c] = value_of(data);
            }
        }
        Ok(Sheet::filled(rel, Some(name), cells, merges))
    }

    fn from_csv(bytes: &[u8], rel: &str, sheet: Option<&str>) -> Result<Sheet, Diagnostic> {
        if let Some(wanted) = sheet {
            return Err(Diagnostic::error(
                rel,
                None,
                format!("CSV 文件只有一张表，不能指定工作表“{wanted}”：请去掉 sheet 这一项"),
            ));
        }
        let text = decode_csv(bytes, rel)?;
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut cells = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(i + 1, |p| p.line() as usize);
                Diagnostic::error(rel, Some(Pos::new(line, 1)), format!("CSV 格式有误，无法读取这一行：{e}"))
            })?;
            cells.push(
                record
                    .iter()
                    .map(
                        |field| {
                            if field.trim().is_empty() {
                                Value::Empty
                            } else {
                                Value::Text(field.to_string())
                            }
                        },
                    )
                    .collect(),
            );
        }
        let width = cells.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut cells {
            row.resize(width, Value::Empty);
        }
        Ok(Sheet::filled(rel, None, cells, Vec::new()))
    }

    /// A sheet with every merged range's value copied into the cells it covers.
    fn filled(rel: &str, name: Option<String>, mut cells: Vec<Vec<Value>>, merges: Vec<Merge>) -> Sheet {
        // A merged range may reach past the last cell that holds a value.
        let height = merges.iter().map(|m| m.last_row + 1).chain([cells.len()]).max().unwrap_or(0);
        let width =
            merges.iter().map(|m| m.last_col + 1).chain(cells.iter().map(Vec::len)).max().unwrap_or(0);
        cells.resize(height, Vec::new());
        for row in &mut cells {
            row.resize(width, Value::Empty);
        }
        for m in &merges {
            let value =
                cells.get(m.first_row).and_then(|r| r.get(m.first_col)).cloned().unwrap_or(Value::Empty);
            for row in cells.iter_mut().take(m.last_row + 1).skip(m.first_row) {
                for cell in row.iter_mut().take(m.last_col + 1).skip(m.first_col) {
                    *cell = value.clone();
                }
            }
        }
        Sheet { path: rel.to_string(), name, cells, merges }
    }

    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    pub fn cols(&self) -> usize {
        self.cells.first().map_or(0, Vec::len)
    }

    /// The value at a 0-based row and column (empty outside the sheet).
    pub fn value(&self, row: usize, col: usize) -> &Value {
        self.cells.get(row).and_then(|r| r.get(col)).unwrap_or(&Value::Empty)
    }

    /// The cell as text: numbers as written (`12`, not `12.0`), dates
    /// `YYYY-MM-DD`, text trimmed.
    pub fn text(&self, row: usize, col: usize) -> String {
        match self.value(row, col) {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) => number_text(*n),
            Value::Date(d) => crate::dates::ymd(*d),
            Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Value::Error(e) => e.clone(),
        }
    }

    /// Whether the cell is part of a range merged across columns.
    pub fn merged_across(&self, row: usize, col: usize) -> bool {
        self.merges.iter().any(|m| {
            m.last_col > m.first_col
                && (m.first_row..=m.last_row).contains(&row)
                && (m.first_col..=m.last_col).contains(&col)
        })
    }

    /// The last row of any range merged down from `row` (`row` when none).
    pub fn merged_down_to(&self, row: usize) -> usize {
        self.merges.iter().filter(|m| m.first_row == row).map(|m| m.last_row).max().unwrap_or(row)
    }

    /// Whether the row holds nothing.
    pub fn is_empty_row(&self, row: usize) -> bool {
        (0..self.cols()).all(|c| self.text(row, c).is_empty())
    }

    /// Where a cell is, as a position in the file (row, column; 1-based).
    pub fn pos(&self, row: usize, col: usize) -> Pos {
        Pos::new(row + 1, col + 1)
    }

    /// 「工作表“一览表”单元格 C7」, or 「单元格 C7」 in a CSV file.
    pub fn at(&self, row: usize, col: usize) -> String {
        match &self.name {
            Some(name) => format!("工作表“{name}”单元格 {}", cell_name(row, col)),
            None => format!("单元格 {}", cell_name(row, col)),
        }
    }

    /// An error at a cell, the message after the cell's name.
    pub fn error(&self, row: usize, col: usize, message: impl AsRef<str>) -> Diagnostic {
        Diagnostic::error(
            &self.path,
            Some(self.pos(row, col)),
            format!("{}：{}", self.at(row, col), message.as_ref()),
        )
    }

    /// A warning at a cell.
    pub fn warning(&self, row: usize, col: usize, message: impl AsRef<str>) -> Diagnostic {
        Diagnostic::warning(
            &self.path,
            Some(self.pos(row, col)),
            format!("{}：{}", self.at(row, col), message.as_ref()),
        )
    }
}

/// `C7`: the column letters and the row number of a 0-based cell.
pub fn cell_name(row: usize, col: usize) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// `A`, `Z`, `AA`: the letters of a 0-based column.
pub fn column_name(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (col % 26) as u8) as char);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// A number as a clerk typed it: whole numbers without a fraction, others
/// in their shortest form, never in exponent form (a case number typed as
/// a number is its digits).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n}");
        if s.contains('e') {
            format!("{n:.10}").trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

/// Header text as compared: without spaces and line breaks (a header typed
/// over two lines in one cell, or with spaces to centre it).
pub fn header_key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Splits a list typed in one cell at `、` `，` `,` `；` `;` `/`, but never
/// inside brackets: 「各县（市、区）政府、市生态环境局」 is two names. A cell
/// with one name per line is split at its line breaks only, so that a name
/// holding a `、` (市委常委、组织部部长) stays whole.
pub fn split_list(text: &str) -> Vec<String> {
    if text.contains('\n') {
        return text.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    }
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '[' | '〔' => depth += 1,
            '）' | ')' | '】' | ']' | '〕' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／') {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// A date as offices write it: `2023-04-12`, `2023/4/12`, `2023.4.12`,
/// `2023年4月12日`.
pub fn parse_date_text(raw: &str) -> Option<NaiveDate> {
    let t = raw.trim();
    let (y, rest) = t.split_once(['-', '/', '.', '年'])?;
    let (m, d) = rest.split_once(['-', '/', '.', '月'])?;
    let d = d.strip_suffix('日').or_else(|| d.strip_suffix('号')).unwrap_or(d);
    let num = |s: &str| -> Option<u32> {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if y.trim().len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
}

/// A cell's date: an Excel date, or a date written as text in any of the
/// forms of [`parse_date_text`].
pub fn date_of(value: &Value) -> Option<NaiveDate> {
    match value {
        Value::Date(d) => Some(*d),
        Value::Text(t) => parse_date_text(t),
        _ => None,
    }
}

thread_local! {
    /// Set while a workbook is read: a panic then is not reported.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic (reported as None) and keeping its message
/// off the terminal: the clerk sees the file's error instead.
fn without_panic<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(std::cell::Cell::get) {
                default(info);
            }
        }));
    });
    READING.with(|r| r.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    READING.with(|r| r.set(false));
    result.ok()
}

const PASSWORD: &str = "工作簿设置了打开密码，无法读取。请在 Excel 中打开，\
    在“文件 → 信息 → 保护工作簿 → 用密码进行加密”中清除密码后保存";

/// A workbook that calamine could not read, in words.
fn workbook_error(english: &str) -> String {
    if english.contains("password") {
        PASSWORD.to_string()
    } else if english.is_empty() {
        "工作簿已损坏或不是有效的 Excel 文件，无法读取。请在 Excel 中打开后“另存为” .xlsx 再试".to_string()
    } else {
        format!(
            "工作簿已损坏或不是有效的 Excel 文件，无法读取。请在 Excel 中打开后“另存为” .xlsx 再试（读取程序提示：{english}）"
        )
    }
}

fn contains_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &needle).is_some()
}

/// A CSV file's text: UTF-8 (with or without BOM), else GB18030 when it
/// decodes without error; never mojibake.
fn decode_csv(bytes: &[u8], rel: &str) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err(Diagnostic::error(
            rel,
            None,
            "CSV 文件既不是 UTF-8 也不是 GBK/GB18030 编码，无法读取。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”",
        ));
    }
    Ok(text.into_owned())
}

fn value_of(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) if s.trim().is_empty() => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
                .map_or(Value::Number(dt.as_f64()), Value::Date)
        }
        Data::DateTime(dt) => Value::Number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            s.get(..10).and_then(crate::dates::parse).map_or_else(|| Value::Text(s.clone()), Value::Date)
        }
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(format!("#{e:?}")),
    }
}

/// The two workbook readers, for what this module asks of them.
trait Workbook {
    fn sheet_names(&self) -> Vec<String>;
    fn worksheet_range(&mut self, name: &str) -> Result<calamine::Range<Data>, String>;
    fn merges(&mut self, name: &str) -> Result<Vec<Merge>, String>;
}

fn merge_of(d: &calamine::Dimensions) -> Merge {
    Merge {
        first_row: d.start.0 as usize,
        first_col: d.start.1 as usize,
        last_row: d.end.0 as usize,
        last_col: d.end.1 as usize,
    }
}

impl Workbook for Xlsx<Cursor<Vec<u8>>> {
    fn sheet_names(&self) -> Vec<String> {
        Reader::sheet_names(self)
    }
    fn worksheet_range(&mut self, name: &str) -> Result<calamine::Range<Data>, String> {
        Reader::worksheet_range(self, name).map_err(|e| e.to_string())
    }
    fn merges(&mut self, name: &str) -> Result<Vec<Merge>, String> {
        self.merge_cells_by_sheet_name(name)
            .map(|v| v.iter().map(merge_of).collect())
            .map_err(|e| e.to_string())
    }
}

impl Workbook for Xls<Cursor<Vec<u8>>> {
    fn sheet_names(&self) -> Vec<String> {
        Reader::sheet_names(self)
    }
    fn worksheet_range(&mut self, name: &str) -> Result<calamine::Range<Data>, String> {
        Reader::worksheet_range(self, name).map_err(|e| e.to_string())
    }
    fn merges(&mut self, name: &str) -> Result<Vec<Merge>, String> {
        self.merge_cells_by_sheet_name(name)
            .map(|v| v.iter().map(merge_of).collect())
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(6, 2), "C7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(9, 26), "AA10");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn numbers_are_their_digits() {
        assert_eq!(number_text(2023001.0), "2023001");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(12345678901234.0), "12345678901234");
    }

    #[test]
    fn lists_split_outside_brackets() {
        assert_eq!(split_list("各县（市、区）政府、市生态环境局"), ["各县（市、区）政府", "市生态环境局"]);
        assert_eq!(split_list("大气，水/ 噪声；其他"), ["大气", "水", "噪声", "其他"]);
        assert_eq!(
            split_list("市委常委、组织部部长\n 市政府分管副市长 "),
            ["市委常委、组织部部长", "市政府分管副市长"]
        );
        assert!(split_list("  ").is_empty());
    }

    #[test]
    fn dates_in_every_form_offices_write() {
        let d = NaiveDate::from_ymd_opt(2023, 4, 12);
        for raw in ["2023-04-12", "2023/4/12", "2023.4.12", "2023年4月12日", " 2023年04月12号 "] {
            assert_eq!(parse_date_text(raw), d, "{raw}");
        }
        for raw in ["2023-02-30", "23/4/12", "2023年4月", "2023-4", "立行立改"] {
            assert_eq!(parse_date_text(raw), None, "{raw}");
        }
    }

    #[test]
    fn csv_in_utf8_or_gb18030_and_never_mojibake() {
        let text = "受理编号,反映问题\nBC001,\"噪声扰民，夜间施工\"\n";
        let utf8 = Sheet::from_bytes(text.as_bytes().to_vec(), "a.csv", None).unwrap();
        assert_eq!(utf8.text(1, 1), "噪声扰民，夜间施工");
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let gbk = Sheet::from_bytes(gbk.into_owned(), "b.csv", None).unwrap();
        assert_eq!(gbk.text(1, 1), "噪声扰民，夜间施工");
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(Sheet::from_bytes(bom, "c.csv", None).unwrap().text(0, 0), "受理编号");
        let err = Sheet::from_bytes(vec![0xFF, 0xFE, 0x00, 0xD8], "d.csv", None).unwrap_err();
        assert!(err.message.contains("既不是 UTF-8 也不是 GBK"), "{}", err.message);
        assert_eq!(utf8.at(1, 1), "单元格 B2");
    }

    #[test]
    fn what_is_not_a_spreadsheet_says_so() {
        let err = Sheet::from_bytes(b"%PDF-1.4".to_vec(), "a.pdf", None).unwrap_err();
        assert!(err.message.starts_with("不是电子表格文件"), "{}", err.message);
        let err = Sheet::from_bytes(b"PK\x03\x04broken".to_vec(), "a.xlsx", None).unwrap_err();
        assert!(err.message.starts_with("工作簿已损坏"), "{}", err.message);
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0];
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let err = Sheet::from_bytes(ole, "a.xlsx", None).unwrap_err();
        assert!(err.message.starts_with("工作簿设置了打开密码"), "{}", err.message);
    }

    #[test]
    fn a_workbook_with_merged_cells_dates_and_numbers() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("一览表").unwrap();
        let merged = Format::new();
        sheet.merge_range(0, 0, 0, 3, "第一批交办件办理情况", &merged).unwrap();
        sheet.write(2, 0, "受理编号").unwrap();
        sheet.write(3, 0, 2023001).unwrap();
        sheet.write(4, 0, "X-2").unwrap();
        sheet.merge_range(3, 1, 4, 1, "洮北区", &merged).unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        sheet.write_datetime_with_format(3, 2, ExcelDateTime::from_ymd(2023, 4, 12).unwrap(), &date).unwrap();
        sheet.write(4, 2, "2023年4月13日").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let s = Sheet::from_bytes(bytes.clone(), "t.xlsx", None).unwrap();
        assert_eq!(s.name.as_deref(), Some("一览表"));
        assert_eq!(s.text(0, 3), "第一批交办件办理情况");
        assert!(s.merged_across(0, 2));
        assert!(!s.merged_across(3, 1));
        assert_eq!(s.merged_down_to(3), 4);
        assert_eq!((s.text(3, 0), s.text(4, 1)), ("2023001".to_string(), "洮北区".to_string()));
        assert_eq!(date_of(s.value(3, 2)), NaiveDate::from_ymd_opt(2023, 4, 12));
        assert_eq!(date_of(s.value(4, 2)), NaiveDate::from_ymd_opt(2023, 4, 13));
        assert!(s.is_empty_row(1));
        assert_eq!(s.at(4, 2), "工作表“一览表”单元格 C5");
        assert_eq!(s.pos(4, 2), Pos::new(5, 3));
        let err = Sheet::from_bytes(bytes, "t.xlsx", Some("汇总")).unwrap_err();
        assert_eq!(err.message, "工作簿中没有名为“汇总”的工作表。现有的工作表：一览表");
    }
}
