//! The ledger as an Excel workbook (`gongkai export ledger`,
//! `data/issues.xlsx`): what a city sends upward. One row per issue with
//! every field of `data/issues.json` under Chinese headers, the facts in
//! words, and the columns `gongkai import issues` reads, so that importing
//! the workbook gives back the same issues. Header bold and frozen, columns
//! sized to their text, long texts wrapped, landscape on one page wide.
//! The same content and as-of date give the same bytes.

use crate::dates;
use crate::model::Model;
use crate::render::words;
use crate::urls;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// A column: its header, and how wide it may grow (in Excel's units).
struct Column {
    header: &'static str,
    max_width: f64,
}

const fn col(header: &'static str, max_width: f64) -> Column {
    Column { header, max_width }
}

const COLUMNS: &[Column] = &[
    col("序号", 6.0),
    col("编号", 8.0),
    col("问题名称", 30.0),
    col("类别", 22.0),
    col("整改类型", 10.0),
    col("牵头单位", 20.0),
    col("配合单位", 22.0),
    col("责任领导", 16.0),
    col("整改时限", 12.0),
    col("当前整改时限", 12.0),
    col("时限调整次数", 8.0),
    col("整改状态", 10.0),
    col("是否完成", 8.0),
    col("整改进度", 14.0),
    col("临近整改时限", 8.0),
    col("长期未更新", 8.0),
    col("最近更新", 12.0),
    col("整改进展条数", 8.0),
    col("整改验收", 30.0),
    col("销号公示", 30.0),
    col("销号日期", 12.0),
    col("反馈问题", 50.0),
    col("整改目标", 40.0),
    col("整改措施", 50.0),
    col("阶段目标", 36.0),
    col("目标指标", 12.0),
    col("网址", 40.0),
    col("统计日期", 12.0),
];

/// The rows of the ledger, made one by one (a province's ledger is large):
/// one cell text per column, in the order of `COLUMNS`.
fn rows(model: &Model) -> impl Iterator<Item = Vec<String>> + '_ {
    let c = &model.content;
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
    c.issues.iter().zip(&model.issues).map(move |(i, f)| {
        let value = |header: &str| -> String {
            match header {
                "序号" => i.number.to_string(),
                "编号" => i.id.clone(),
                "问题名称" => i.title.clone(),
                "类别" => i.category.value.clone(),
                "整改类型" => words::issue_kind(i.kind).to_string(),
                // One name a line: a name may hold a 、 (市委常委、组织部部长).
                "牵头单位" => i.lead.join("\n"),
                "配合单位" => i.support.join("\n"),
                "责任领导" => i.leaders.join("\n"),
                "整改时限" => {
                    i.deadline.map(dates::ymd).unwrap_or_else(|| words::issue_kind(i.kind).to_string())
                }
                "当前整改时限" => f.deadline.map(dates::ymd).unwrap_or_default(),
                "时限调整次数" => f.deadline_changes.len().to_string(),
                "整改状态" => words::issue_status(f).to_string(),
                "是否完成" => yes_no(f.finished),
                "整改进度" => words::schedule(f.schedule).to_string(),
                "临近整改时限" => yes_no(f.due_soon),
                "长期未更新" => yes_no(f.stale),
                "最近更新" => f.last_update.map(|t| dates::ymd(t.date())).unwrap_or_default(),
                "整改进展条数" => f.history.len().to_string(),
                "整改验收" => f
                    .acceptance
                    .and_then(|n| c.notes[n].acceptance.as_deref())
                    .map(words::acceptance)
                    .unwrap_or_default(),
                "销号公示" => {
                    f.notices.last().map(|n| words::publicity_period(n.from, n.to)).unwrap_or_default()
                }
                "销号日期" => f.closed_on.map(|t| dates::ymd(t.date())).unwrap_or_default(),
                "反馈问题" => i.description.text.trim().to_string(),
                "整改目标" => i.goal.text.trim().to_string(),
                "整改措施" => i
                    .measures
                    .iter()
                    .enumerate()
                    .map(|(n, m)| format!("{}. {}", n + 1, m.text.trim()))
                    .collect::<Vec<_>>()
                    .join("\n"),
                "阶段目标" => i
                    .milestones
                    .iter()
                    .map(|m| format!("{}前{}", words::date_in_words(m.date), m.goal))
                    .collect::<Vec<_>>()
                    .join("\n"),
                "目标指标" => {
                    i.targets.iter().map(|t| t.value.clone()).collect::<Vec<_>>().join(words::LIST)
                }
                "网址" => urls::absolute(&c.site.base_url, &urls::issue(&i.id)),
                "统计日期" => dates::ymd(model.as_of),
                _ => String::new(),
            }
        };
        COLUMNS.iter().map(|column| value(column.header)).collect()
    })
}

/// Excel's width of a text's longest line: a Chinese character is two.
fn width(text: &str) -> f64 {
    text.lines()
        .map(|l| l.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>())
        .fold(0.0, f64::max)
}

/// The workbook's bytes.
/// Excel holds at most 32,767 characters in a cell; longer text (a pasted
/// report, say) is cut there with a pointer to the page, which has it all.
fn excel_text(text: &str) -> String {
    const MAX: usize = 32_767;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let tail = words::CUT_FOR_EXCEL;
    let mut cut: String = text.chars().take(MAX - tail.chars().count()).collect();
    cut.push_str(tail);
    cut
}

pub fn workbook(model: &Model) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // Dated by the as-of date, never the clock: the same build, the same bytes.
    let (y, m, d) = {
        use chrono::Datelike;
        (model.as_of.year() as u16, model.as_of.month() as u8, model.as_of.day() as u8)
    };
    let title = format!("{}：问题整改台账", model.content.site.title);
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("gongkai")
            .set_creation_datetime(&ExcelDateTime::from_ymd(y.max(1900), m, d)?),
    );
    // Rows are written to a temporary file as they are made, not held:
    // every cell of 10,000 issues held took about 100 MB.
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("问题整改台账")?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#DCE6F1")
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    // Each column as wide as its widest text, within its limit: one pass
    // over the rows to measure, another to write.
    let mut widest: Vec<f64> = COLUMNS.iter().map(|column| width(column.header)).collect();
    for row in rows(model) {
        for (w, text) in widest.iter_mut().zip(&row) {
            *w = w.max(width(text));
        }
    }
    let widths: Vec<f64> =
        COLUMNS.iter().zip(widest).map(|(column, w)| (w + 2.0).clamp(6.0, column.max_width)).collect();
    for (c, column) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, column.header, &header)?;
        sheet.set_column_width(c as u16, widths[c])?;
    }
    let numbers = ["序号", "时限调整次数", "整改进展条数"];
    for (r, row) in rows(model).enumerate() {
        let r = r as u32 + 1;
        // Each row as tall as its longest wrapped text, so that it reads the
        // same in Excel, WPS and LibreOffice without resizing by hand; set
        // before its cells, which are written out as the next row starts.
        let lines = row
            .iter()
            .zip(&widths)
            .map(|(text, w)| text.lines().map(|l| (width(l) / (w - 1.0)).ceil().max(1.0)).sum::<f64>())
            .fold(1.0, f64::max);
        sheet.set_row_height(r, (lines * 15.0).min(409.0))?;
        for (c, text) in row.iter().enumerate() {
            let col = c as u16;
            match text.parse::<f64>() {
                Ok(n) if numbers.contains(&COLUMNS[c].header) => {
                    sheet.write_number_with_format(r, col, n, &cell)?
                }
                _ => sheet.write_string_with_format(r, col, excel_text(text), &cell)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 3)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_repeat_rows(0, 0)?;
    book.save_to_buffer()
}

/// Why the workbook could not be made, for the office. Its rows go through
/// a temporary file: the one failure an office can meet and mend; any
/// other is a writer bug, shown as the writer says it.
pub fn reason(e: &XlsxError) -> String {
    match e {
        XlsxError::TempFileError(dir, io) => {
            words::no_temporary_file(&dir.display().to_string(), &crate::diagnostics::io_reason(io))
        }
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_at_excels_limit_and_say_so() {
        assert_eq!(excel_text("短文字"), "短文字");
        let exact = "字".repeat(32_767);
        assert_eq!(excel_text(&exact), exact);
        let cut = excel_text(&"字".repeat(40_000));
        assert_eq!(cut.chars().count(), 32_767);
        assert!(cut.ends_with(words::CUT_FOR_EXCEL));
    }
}
