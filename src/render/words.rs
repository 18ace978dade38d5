//! Every word the site says that is not in a template: the Chinese labels
//! of statuses and kinds, the sentences made from facts (a target's gap,
//! an issue's changes, a release's summary), titles of pages, feeds and
//! calendar events, and how numbers and dates are written in them. The
//! model gives facts (numbers, dates, enums); the templates, the feeds, the
//! calendar, the search index and the open data take their words from here.
//! (Diagnostics are worded where the problem is found.)

use crate::content::{Comparison, Issue, IssueKind, Observation, Status, Target, TargetKind};
use crate::model::closure::{NoticeOutcome, PublicityPhase};
use crate::model::targets::TargetDeadline;
use crate::model::{Assessment, Event, Schedule, TargetFacts};
use chrono::{Datelike, NaiveDate, NaiveDateTime};

// --- labels ------------------------------------------------------------------

pub fn status(s: Status) -> &'static str {
    match s {
        Status::InProgress => "整改中",
        Status::BasicallyDone => "基本完成",
        Status::Done => "已完成",
        Status::Closed => "已销号",
        Status::Ongoing => "长期坚持",
        Status::Reopened => "强化整改",
        Status::Publicizing => "销号公示中",
    }
}

/// An issue's status as the site shows it: a notice whose period is over
/// and not yet decided reads 「公示期满，待销号」.
pub fn issue_status(f: &crate::model::IssueFacts) -> &'static str {
    match f.current_notice().map(|n| n.outcome) {
        Some(NoticeOutcome::Pending(PublicityPhase::Ended)) => "公示期满，待销号",
        _ => status(f.status),
    }
}

/// The label of a status key; a key no longer known (from an older
/// manifest) is shown as it is.
pub fn status_key(key: &str) -> String {
    Status::ALL
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| key.to_string(), |(_, s)| status(*s).to_string())
}

pub fn issue_kind(k: IssueKind) -> &'static str {
    match k {
        IssueKind::Immediate => "立行立改",
        IssueKind::ShortTerm => "限期整改",
        IssueKind::LongTerm => "长期坚持",
    }
}

pub fn schedule(s: Schedule) -> &'static str {
    match s {
        Schedule::Finished => "已完成",
        Schedule::Overdue => "逾期",
        Schedule::Behind => "未达到序时进度",
        Schedule::OnSchedule => "达到序时进度",
    }
}

pub fn assessment(a: Assessment, kind: TargetKind) -> &'static str {
    match (a, kind) {
        (Assessment::Achieved, TargetKind::Qualitative) => "已实现",
        (Assessment::Achieved, TargetKind::Numeric) => "已达标",
        (Assessment::OnTrack, _) => "进展顺利",
        (Assessment::OffTrack, TargetKind::Qualitative) => "未实现",
        (Assessment::OffTrack, TargetKind::Numeric) => "需加力",
        (Assessment::InsufficientData, _) => "数据不足",
        (Assessment::NoData, _) => "暂无数据",
    }
}

/// A qualitative observation: 已实现 / 未实现.
pub fn achieved(yes: bool) -> &'static str {
    if yes { "已实现" } else { "未实现" }
}

/// The comparison in words, as a citizen reads it: 低于 / 不高于 / 高于 / 不低于.
pub fn comparison(c: Comparison) -> &'static str {
    match c {
        Comparison::Below => "低于",
        Comparison::AtMost => "不高于",
        Comparison::Above => "高于",
        Comparison::AtLeast => "不低于",
    }
}

// --- numbers and dates ---------------------------------------------------------

/// Up to two decimals, without trailing zeros: 25, 9.48, 92.5.
pub fn number(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// A difference in the target's unit; percentages differ by percentage points.
pub fn amount(v: f64, unit: &str) -> String {
    match unit {
        "%" => format!("{}个百分点", number(v)),
        _ => number(v),
    }
}

/// `YYYY-MM-DD`: a date in a table, a list or a fact.
pub fn date(d: NaiveDate) -> String {
    crate::dates::ymd(d)
}

/// `YYYY-MM-DD HH:MM` (Beijing time): a page's publication or update time.
pub fn date_time(t: NaiveDateTime) -> String {
    crate::dates::ymd_hm(t)
}

/// 「2025年6月30日」: a date inside a sentence.
pub fn date_in_words(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 「2025年底」 for 31 December, else 「2025年6月30日」: a target date.
pub fn deadline(d: NaiveDate) -> String {
    if d.month() == 12 && d.day() == 31 { format!("{}年底", d.year()) } else { date_in_words(d) }
}

/// An observation in a table or a chart: its period (「2023年」), else its date.
pub fn period(o: &Observation) -> String {
    o.period.clone().unwrap_or_else(|| date(o.date))
}

/// An observation in a sentence: its period, else its date in words.
pub fn when(o: &Observation) -> String {
    o.period.clone().unwrap_or_else(|| date_in_words(o.date))
}

/// `850 字节`, `3.2 KB`, `1.4 MB` (1 KB = 1024 字节).
pub fn size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} 字节")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

/// The first `max_chars` characters, with 「……」 when there is more.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        format!("{}……", text.chars().take(max_chars).collect::<String>())
    }
}

/// Between the items of a list in running text.
pub const LIST: &str = "、";

/// Names in a list: 「市生态环境局、市水务局」.
pub fn names(list: &[String]) -> String {
    list.join(LIST)
}

// --- pages, navigation and files -----------------------------------------------------

pub const HOME: &str = "首页";
pub const LEDGER: &str = "整改台账";
pub const LEDGER_BY_PROGRESS: &str = "整改台账：按整改进度查看";
pub const LEDGER_BY_UNIT: &str = "整改台账：按责任单位查看";
pub const LEDGER_PRINT: &str = "整改情况汇总表（打印版）";
pub const UPDATES: &str = "整改进展";
pub const TARGETS: &str = "目标指标";
pub const SEARCH: &str = "搜索";
pub const RELEASE: &str = "本次更新";
pub const NOT_FOUND: &str = "页面未找到";
pub const DATA: &str = "数据下载";
pub const SUBSCRIBE: &str = "订阅整改进展";

/// 「整改进展（第2页）」
pub fn updates_page(n: usize) -> String {
    if n == 1 { UPDATES.to_string() } else { format!("整改进展（第{n}页）") }
}

/// The groups of the ledger by progress, by key (schedule or status).
pub fn progress_group(key: &str) -> &'static str {
    match key {
        "overdue" => "逾期未完成",
        "behind" => "未达到序时进度",
        "on-schedule" => "正在整改（达到序时进度）",
        "basically-done" => "基本完成",
        "done" => "已完成",
        "publicizing" => "销号公示中",
        "closed" => "已销号",
        "ongoing" => "长期坚持",
        _ => "",
    }
}

/// A data file that could not be made (a bug: its inputs are checked).
pub fn cannot_make_data_file(reason: &str) -> String {
    format!("无法生成该数据文件：{reason}")
}

/// Why the workbook, written through a temporary file, could not be made.
pub fn no_temporary_file(dir: &str, reason: &str) -> String {
    format!(
        "无法在临时文件夹 {dir} 中建立临时文件：{reason}。请检查该文件夹，或用环境变量 TMPDIR（Windows 为 TEMP）指定另一个可写的文件夹"
    )
}

/// Ends a cell cut at Excel's length limit.
pub const CUT_FOR_EXCEL: &str = "……（全文见网站）";

/// What a file under `data/` holds and its format, for the data page.
pub fn data_file(name: &str) -> (&'static str, &'static str) {
    match name {
        "issues.csv" => ("问题台账", "CSV"),
        "issues.json" => ("问题台账", "JSON"),
        "issues.xlsx" => ("问题台账", "Excel 工作簿"),
        "notes.csv" => ("整改进展", "CSV"),
        "notes.json" => ("整改进展", "JSON"),
        "targets.csv" => ("目标指标", "CSV"),
        "targets.json" => ("目标指标", "JSON"),
        "deadlines.ics" => ("整改时限日历", "iCalendar"),
        "cases.csv" => ("交办件", "CSV"),
        "cases.json" => ("交办件", "JSON"),
        "all.zip" => ("以上全部文件", "ZIP 压缩包"),
        _ => ("数据文件", ""),
    }
}

// --- feeds and the calendar ----------------------------------------------------------

pub const FEED_ALL: &str = "全部整改进展";
pub const FEED_STATUS: &str = "整改状态与时限变化";
pub const CALENDAR: &str = "整改时限日历";
pub const FEED_CASES: &str = "交办件办理情况";

/// The channel title and description of `feed.xml`.
pub fn site_feed(site_title: &str, description: Option<&str>) -> (String, String) {
    let description = description.map_or_else(|| format!("{site_title}的全部整改进展"), str::to_string);
    (format!("{site_title}：整改进展"), description)
}

/// The channel title and description of `updates/status.xml`.
pub fn status_feed(site_title: &str) -> (String, String) {
    (format!("{site_title}：整改状态与时限变化"), "只包含改变问题整改状态或整改时限的整改进展".to_string())
}

/// The channel title and description of an issue's feed.
pub fn issue_feed_channel(issue: &Issue, site_title: &str) -> (String, String) {
    (
        format!("问题{}：{} - {site_title}", issue.number, issue.title),
        format!("{site_title}问题{}（{}）的全部整改进展", issue.number, issue.title),
    )
}

/// A feed item's title: the issues the note names and what it changed,
/// said once (a note sets the same status and deadline for every issue it
/// names): 「【问题3、4 · 已完成 · 时限调整至2024-09-30】标题」.
pub fn feed_item_title(note_title: &str, numbers: &[u32], events: &[&Event]) -> String {
    let Some((first, rest)) = numbers.split_first() else {
        return note_title.to_string();
    };
    let mut list = format!("问题{first}");
    for n in rest {
        list.push_str(&format!("、{n}"));
    }
    let mut parts = vec![list];
    if let Some(Event::Acceptance { level, .. }) =
        events.iter().find(|e| matches!(e, Event::Acceptance { .. }))
    {
        parts.push(format!("{}验收", level.name()));
    }
    if let Some(Event::Publicity { from, to }) = events.iter().find(|e| matches!(e, Event::Publicity { .. }))
    {
        parts.push(format!("销号公示{}至{}", date(*from), date(*to)));
    }
    // A notice's status (销号公示中) is said by the notice itself.
    if let Some(Event::Status { to, .. }) =
        events.iter().find(|e| matches!(e, Event::Status { to, .. } if *to != Status::Publicizing))
    {
        parts.push(status(*to).to_string());
    }
    if let Some(Event::Deadline { from, to }) = events.iter().find(|e| matches!(e, Event::Deadline { .. })) {
        let verb = if from.is_some() { "时限调整至" } else { "时限定为" };
        parts.push(format!("{verb}{}", date(*to)));
    }
    let mut reached: Vec<usize> = events
        .iter()
        .filter_map(|e| if let Event::Milestone { number } = e { Some(*number) } else { None })
        .collect();
    reached.sort_unstable();
    if !reached.is_empty() {
        let list: Vec<String> = reached.iter().map(usize::to_string).collect();
        parts.push(format!("完成阶段目标{}", list.join("、")));
    }
    format!("【{}】{note_title}", parts.join(" · "))
}

/// The name and description of the deadline calendar.
pub fn calendar(site_title: &str) -> (String, String) {
    (format!("{site_title}：整改时限"), format!("{site_title}未完成整改问题的当前整改时限"))
}

/// A deadline in the calendar: its summary and description (one line per fact).
pub fn deadline_event(
    issue: &Issue,
    f: &crate::model::IssueFacts,
    deadline: NaiveDate,
    url: &str,
) -> (String, String) {
    let mut lines = vec![
        issue_title(issue),
        format!("类别：{}", issue.category.value),
        format!("当前状态：{}", status(f.status)),
        match (issue.deadline, f.deadline_changes.len()) {
            (_, 0) => format!("整改时限：{}", date(deadline)),
            (Some(original), n) => {
                format!("整改时限：{}（原定{}，调整{n}次）", date(deadline), date(original))
            }
            (None, n) => format!("整改时限：{}（调整{n}次）", date(deadline)),
        },
        format!("牵头责任单位：{}", names(&issue.lead)),
    ];
    if !issue.support.is_empty() {
        lines.push(format!("配合单位：{}", names(&issue.support)));
    }
    lines.push(format!("详情：{url}"));
    (format!("问题{}整改时限：{}", issue.number, issue.title), lines.join("\n"))
}

/// 「问题7的整改进展」: an issue's feed on the subscribe page.
pub fn issue_feed(number: u32) -> String {
    format!("问题{number}的整改进展")
}

// --- 交办件 ----------------------------------------------------------------------------

use crate::content::cases::{CaseState, CaseType, Field, Truth};

pub const CASES: &str = "交办件";

pub fn truth(t: Truth) -> &'static str {
    match t {
        Truth::True => "属实",
        Truth::MostlyTrue => "基本属实",
        Truth::PartlyTrue => "部分属实",
        Truth::False => "不属实",
    }
}

pub fn case_state(s: CaseState) -> &'static str {
    match s {
        CaseState::Done => "已办结",
        CaseState::StageDone => "阶段性办结",
        CaseState::Open => "未办结",
    }
}

/// A type in its short form: 水, not 水污染.
pub fn case_type(t: CaseType) -> &'static str {
    CaseType::ALL.iter().find(|(_, x)| *x == t).map_or("", |(name, _)| name)
}

/// The column heading of a field, as the site shows it.
pub fn case_field(f: Field) -> &'static str {
    match f {
        Field::Id => "受理编号",
        Field::Summary => "反映问题",
        Field::District => "行政区域",
        Field::Types => "污染类型",
        Field::Verified => "调查核实情况",
        Field::Truth => "是否属实",
        Field::Handling => "处理和整改情况",
        Field::Accountability => "问责情况",
        Field::State => "办理状态",
        Field::Lead => "责任单位",
        Field::Issues => "关联问题",
        Field::DuplicateOf => "重复件",
        Field::Ignored => "",
    }
}

/// 「第1批」
pub fn batch(number: u32) -> String {
    format!("第{number}批")
}

/// 「第1批交办件」: a batch page's title.
pub fn batch_title(number: u32) -> String {
    format!("第{number}批交办件")
}

/// 「交办件 BC01-001」: a case page's title.
pub fn case_title(id: &str) -> String {
    format!("交办件 {id}")
}

/// 「整改进展更新（2023-03-31）」: an update table.
pub fn case_update_title(published: NaiveDate) -> String {
    format!("整改进展更新（{}）", date(published))
}

pub const CASES_BY_DISTRICT: &str = "按行政区域";
pub const CASES_BY_TYPE: &str = "按污染类型";

/// 「洮北区28件，洮南市17件」: the numbers of a chart, for those who cannot see it.
pub fn count_list(rows: &[(String, usize)]) -> String {
    rows.iter().map(|(label, n)| format!("{label}{n}件")).collect::<Vec<_>>().join("，")
}

/// A case's history: forwarded in batch N, then published.
pub fn case_received(batch: u32) -> String {
    format!("督察组第{batch}批交办")
}

pub fn case_published(batch: u32) -> String {
    format!("公开第{batch}批交办件办理情况")
}

/// A share in percent, one decimal: 「76.8%」.
pub fn percent(p: f64) -> String {
    format!("{:.1}%", p)
}

/// A feed item for a batch table: 「第1批交办件办理情况（30件）」.
pub fn case_feed_batch(number: u32, cases: usize) -> String {
    format!("第{number}批交办件办理情况（{cases}件）")
}

/// A feed item for an update table: 「交办件整改进展更新（2023-03-31，19件）」.
pub fn case_feed_update(published: NaiveDate, cases: usize) -> String {
    format!("交办件整改进展更新（{}，{cases}件）", date(published))
}

/// The channel title and description of `cases/feed.xml`.
pub fn cases_feed(site_title: &str, section_title: &str) -> (String, String) {
    (format!("{site_title}：交办件"), format!("{section_title}：每批交办件的办理情况和之后的整改进展"))
}

/// A case in search results: 「BC01-001：反映……」.
pub fn case_search_title(id: &str, summary: Option<&str>) -> String {
    match summary {
        Some(s) => format!("{id}：{}", excerpt(s, 30)),
        None => id.to_string(),
    }
}

/// The line under a case's title in search results: 「第1批 · 洮北区 · 已办结」.
pub fn case_meta(batch_number: u32, district: Option<&str>, state: Option<CaseState>) -> String {
    let mut parts = vec![batch(batch_number)];
    parts.extend(district.map(str::to_string));
    parts.extend(state.map(|s| case_state(s).to_string()));
    parts.join(" · ")
}

// --- search ---------------------------------------------------------------------------

/// What kind of page a search result is.
pub const KIND_ISSUE: &str = "问题";
pub const KIND_NOTE: &str = "整改进展";
pub const KIND_TARGET: &str = "目标指标";
pub const KIND_PAGE: &str = "页面";

/// The line under an issue's title in the results: 「大气污染防治 · 整改中 · 市生态环境局」.
pub fn issue_meta(issue: &Issue, f: &crate::model::IssueFacts) -> String {
    format!("{} · {} · {}", issue.category.value, issue_status(f), names(&issue.lead))
}

/// The line under a note's title: its date, and who reported it.
pub fn note_meta(d: NaiveDate, source: Option<&str>) -> String {
    match source {
        Some(source) => format!("{} · {source}", date(d)),
        None => date(d),
    }
}

/// The responsible units and leaders of an issue, as text to search.
pub fn responsible(issue: &Issue) -> Vec<String> {
    let mut lines = vec![format!("牵头责任单位：{}", names(&issue.lead))];
    if !issue.support.is_empty() {
        lines.push(format!("配合单位：{}", names(&issue.support)));
    }
    if !issue.leaders.is_empty() {
        lines.push(format!("责任领导：{}", names(&issue.leaders)));
    }
    lines
}

// --- issues and notes --------------------------------------------------------------

/// 「问题7」
pub fn issue_number(number: u32) -> String {
    format!("问题{number}")
}

/// An issue no longer in the ledger, by its id: 「问题07」.
pub fn issue_id(id: &str) -> String {
    format!("问题{id}")
}

/// 「问题7：城区部分燃煤小锅炉未按期淘汰」
pub fn issue_title(issue: &Issue) -> String {
    format!("问题{}：{}", issue.number, issue.title)
}

/// What a note changed for an issue, one line per change:
/// 「状态：整改中 → 已完成」.
pub fn event(issue: &Issue, e: &Event) -> String {
    match e {
        Event::Status { from, to } => format!("状态：{} → {}", status(*from), status(*to)),
        Event::Deadline { from: Some(from), to } => format!("整改时限调整：{} → {}", date(*from), date(*to)),
        Event::Deadline { from: None, to } => format!("确定整改时限：{}", date(*to)),
        Event::Milestone { number } => {
            let goal = issue.milestones.get(number - 1).map(|m| m.goal.as_str()).unwrap_or("");
            format!("完成阶段目标{number}：{goal}")
        }
        Event::Acceptance { date: on, level } => format!("{}整改验收：{}", level.name(), date(*on)),
        Event::Publicity { from, to } => format!("销号公示：{} 至 {}", date(*from), date(*to)),
    }
}

// --- 销号公示 -------------------------------------------------------------------------

pub const CLOSURES: &str = "销号公示";

/// 「正在公示，还剩 3 天」: where a notice stands.
pub fn publicity_phase(phase: PublicityPhase, from: NaiveDate) -> String {
    match phase {
        PublicityPhase::Upcoming => format!("将于{}开始公示", date_in_words(from)),
        PublicityPhase::Open { days_left: 0 } => "正在公示，今天截止".to_string(),
        PublicityPhase::Open { days_left } => format!("正在公示，还剩 {days_left} 天"),
        PublicityPhase::Ended => "公示期满，待销号".to_string(),
    }
}

/// 「2024-03-01 至 2024-03-07（7 天）」: a notice's period, both days counted.
pub fn publicity_period(from: NaiveDate, to: NaiveDate) -> String {
    format!("{} 至 {}（{} 天）", date(from), date(to), crate::model::closure::period_days(from, to))
}

/// How a notice ended, with the date of the note that decided: 「2024-03-10 销号」.
pub fn notice_outcome(outcome: NoticeOutcome, decided: Option<NaiveDate>, from: NaiveDate) -> String {
    let on = decided.map(date).unwrap_or_default();
    match outcome {
        NoticeOutcome::Pending(phase) => publicity_phase(phase, from),
        NoticeOutcome::Closed { .. } => format!("{on} 销号"),
        NoticeOutcome::Reopened { .. } => format!("{on} 转入强化整改"),
        NoticeOutcome::Renewed { .. } => format!("{on} 重新公示"),
        NoticeOutcome::Changed { to, .. } => format!("{on} 状态改为{}", status(to)),
    }
}

/// 「市级验收：2024-02-26，白城市……办公室」
pub fn acceptance(a: &crate::content::Acceptance) -> String {
    format!("{}验收：{}，{}", a.level.name(), date(a.date), a.by)
}

/// A change line of a note on several issues names the issue: 「问题7：状态 …」.
pub fn event_of_issue(number: u32, line: &str) -> String {
    format!("问题{number}：{line}")
}

// --- targets ---------------------------------------------------------------------

/// The goal in words: 「低于25微克/立方米」; a qualitative target's text.
pub fn goal(t: &Target) -> String {
    match (t.goal.value, t.goal.comparison) {
        (Some(v), Some(c)) => format!("{}{}{}", comparison(c), number(v), t.unit.as_deref().unwrap_or("")),
        _ => t.goal.text.clone().unwrap_or_default(),
    }
}

/// 「2025年底前低于25微克/立方米」; a qualitative target's text with its deadline.
pub fn goal_with_deadline(t: &Target) -> String {
    match t.kind {
        TargetKind::Numeric => format!("{}前{}", deadline(t.goal.by), goal(t)),
        TargetKind::Qualitative => format!("{}（期限：{}）", goal(t), deadline(t.goal.by)),
    }
}

/// A change per year in words: 「每年下降1.33微克/立方米」, 「每年上升0.5个百分点」.
pub fn pace(rate: f64, unit: Option<&str>) -> String {
    let unit = unit.unwrap_or("");
    if number(rate.abs()) == "0" {
        return "基本没有变化".to_string();
    }
    let way = if rate < 0.0 { "下降" } else { "上升" };
    let amount = amount(rate.abs(), unit);
    // Percentages are already in 个百分点.
    let unit = if unit == "%" { "" } else { unit };
    format!("每年{way}{amount}{unit}")
}

/// One plain-language sentence on where a target stands: its latest value
/// against where it started, and what is still needed by when.
pub fn target_summary(t: &Target, f: &TargetFacts) -> String {
    let no_data = || match f.deadline {
        TargetDeadline::Ahead => format!("暂无监测数据。目标：{}。", goal_with_deadline(t)),
        _ => format!("暂无监测数据。目标：{}；目标期限已过。", goal_with_deadline(t)),
    };
    let Some(last) = &f.latest else { return no_data() };
    match t.kind {
        TargetKind::Qualitative => qualitative_summary(t, f, last),
        TargetKind::Numeric => numeric_summary(t, f, last).unwrap_or_else(no_data),
    }
}

/// 「目标期限（2023年底）已过，尚未达到目标，期限后尚无监测数据」 for a target
/// not met once its date has come; None before.
fn missed_deadline(t: &Target, f: &TargetFacts, seen: NaiveDate) -> Option<String> {
    let by = t.goal.by;
    let words = deadline(by);
    let not_met = match t.kind {
        TargetKind::Numeric => "尚未达到目标",
        TargetKind::Qualitative => "尚未实现",
    };
    match f.deadline {
        TargetDeadline::Ahead => None,
        TargetDeadline::Reached => Some(format!("目标期限（{words}）已到，{not_met}")),
        TargetDeadline::Passed if seen < by => {
            Some(format!("目标期限（{words}）已过，{not_met}，期限后尚无监测数据"))
        }
        TargetDeadline::Passed => Some(format!("目标期限（{words}）已过，{not_met}")),
    }
}

fn qualitative_summary(t: &Target, f: &TargetFacts, last: &Observation) -> String {
    let note = last.note.as_deref().map(|n| format!("：{}", n.trim_end_matches('。'))).unwrap_or_default();
    if f.achieved {
        return format!("{}评估为已实现{note}。", when(last));
    }
    let outlook = missed_deadline(t, f, last.date)
        .map(|missed| format!("{missed}，需加大力度"))
        .unwrap_or_else(|| format!("目标期限为{}", deadline(t.goal.by)));
    format!("{}评估为尚未实现{note}；{outlook}。", when(last))
}

fn numeric_summary(t: &Target, f: &TargetFacts, last: &Observation) -> Option<String> {
    let (goal_value, cmp) = (t.goal.value?, t.goal.comparison?);
    let last_value = last.value?;
    let unit = t.unit.as_deref().unwrap_or("");
    let mut summary = format!("{}为{}{}", when(last), number(last_value), unit);
    if let Some(r) = &f.reference {
        let diff = last_value - r.value.unwrap_or(last_value);
        if number(diff.abs()) == "0" {
            summary.push_str(&format!("，与{}持平", when(r)));
        } else {
            let change = if diff < 0.0 { "下降" } else { "上升" };
            summary.push_str(&format!("，比{}{change}{}", when(r), amount(diff.abs(), unit)));
        }
    }
    if f.achieved {
        summary.push_str(&format!("，已达到{}的目标。", goal(t)));
        return Some(summary);
    }
    let gap = (goal_value - last_value).abs();
    let (verb, pace) = if cmp.decreasing() { ("降", "降幅") } else { ("升", "增幅") };
    let need = if number(gap) == "0" {
        format!("还需再{verb}一些")
    } else if cmp.strict() {
        format!("还需再{verb}{}以上", amount(gap, unit))
    } else {
        format!("还需再{verb}{}", amount(gap, unit))
    };
    let by = deadline(t.goal.by);
    // Rates as improvement: positive is the better direction.
    let better = |rate: f64| if cmp.decreasing() { -rate } else { rate };
    let rest = match (missed_deadline(t, f, last.date), f.assessment, f.average_rate) {
        (Some(missed), ..) => format!("{missed}；{need}，需加大力度"),
        (_, Assessment::OnTrack, _) => format!("{need}才能在{by}前达到目标，按目前平均{pace}可以按期实现"),
        (_, _, Some(avg)) if better(avg) <= 0.0 => {
            let trend = match (avg == 0.0, cmp.decreasing()) {
                (true, _) => "目前没有改善",
                (false, true) => "目前不降反升",
                (false, false) => "目前不升反降",
            };
            format!("{need}才能在{by}前达到目标，{trend}，需加大力度")
        }
        (_, Assessment::OffTrack, _) => {
            format!("{need}才能在{by}前达到目标，按目前平均{pace}难以按期实现，需加大力度")
        }
        _ => format!("{need}才能在{by}前达到目标，目前数据不足以判断能否按期实现"),
    };
    summary.push_str(&format!("；{rest}。"));
    Some(summary)
}

/// 「27 微克/立方米」: a value with its unit, in the release's list of new data.
pub fn value_with_unit(v: f64, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{} {u}", number(v)),
        None => number(v),
    }
}

/// Where a table has no value to show.
pub const NO_VALUE: &str = "—";

// --- releases ----------------------------------------------------------------------

/// 「新发布整改进展 3 条，2 个问题整改状态变化，……」
pub fn release_summary(ch: &crate::model::release::ReleaseChanges) -> String {
    let new_notes = match ch.backdated_notes.len() {
        0 => "新发布整改进展 {} 条".to_string(),
        n => format!("新发布整改进展 {{}} 条（其中补发 {n} 条）"),
    };
    let parts: Vec<String> = [
        (ch.new_notes.len(), new_notes.as_str()),
        (ch.corrected_notes.len(), "更正整改进展 {} 条"),
        (ch.withdrawn_notes.len(), "撤下整改进展 {} 条"),
        (ch.status_changes.len(), "{} 个问题整改状态变化"),
        (ch.deadline_changes.len(), "{} 个问题整改时限调整"),
        (ch.new_issues.len(), "新增问题 {} 个"),
        (ch.removed_issues.len(), "删除问题 {} 个"),
        (ch.new_observations.len(), "目标指标新数据 {} 项"),
        (ch.corrected_observations.len(), "更正指标数据 {} 项"),
        (ch.new_targets.len(), "新增目标指标 {} 项"),
        (ch.removed_targets.len(), "删除目标指标 {} 项"),
        (ch.new_cases.len(), "新公开交办件 {} 件"),
        (ch.updated_cases.len(), "交办件办理情况更新 {} 件"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, words)| words.replace("{}", &n.to_string()))
    .collect();
    parts.join("，")
}

// --- the target chart ----------------------------------------------------------------

/// 「单位：微克/立方米」, above the value axis.
pub fn chart_unit(unit: &str) -> String {
    format!("单位：{unit}")
}

/// 「期限2025年底」, over the target date.
pub fn chart_deadline(by: NaiveDate) -> String {
    format!("期限{}", deadline(by))
}

/// 「目标：低于25」, on the target line.
pub fn chart_target(c: Comparison, value: f64) -> String {
    format!("目标：{}{}", comparison(c), number(value))
}

/// The label of a point: its value, 「基准28」 for the baseline.
pub fn chart_point(value: f64, baseline: bool) -> String {
    if baseline { format!("基准{}", number(value)) } else { number(value) }
}

pub fn chart_title(t: &Target) -> String {
    format!("{}变化情况", t.name)
}

/// The chart told in one sentence, for those who cannot see it.
pub fn chart_description(t: &Target, baseline: Option<&Observation>, observations: &[Observation]) -> String {
    let unit = t.unit.as_deref().unwrap_or("");
    let unit_part = if unit.is_empty() { String::new() } else { format!("（单位：{unit}）") };
    let mut desc = Vec::new();
    if let Some(b) = baseline {
        desc.push(format!("基准值{}{}", when(b), number(b.value.unwrap_or_default())));
    }
    let observed: Vec<String> =
        observations.iter().map(|o| format!("{}{}", when(o), number(o.value.unwrap_or_default()))).collect();
    desc.push(format!("监测值{}", observed.join("，")));
    desc.push(format!("目标：{}", goal_with_deadline(t)));
    format!("{}{unit_part}。", desc.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::targets::examples::{d, obs, qualitative_target, status as assessed, target};
    use crate::model::targets::target_facts;

    /// Before every target date of these tests, after most observations.
    const AS_OF: &str = "2025-06-30";

    fn pm25(baseline: f64, observations: Vec<Observation>) -> Target {
        target(
            Comparison::Below,
            25.0,
            "微克/立方米",
            Some(obs("2022-12-31", "2022年", baseline)),
            observations,
        )
    }

    fn summary_as_of(t: &Target, as_of: &str) -> String {
        target_summary(t, &target_facts(t, d(as_of)))
    }

    fn summary(t: &Target) -> String {
        summary_as_of(t, AS_OF)
    }

    #[test]
    fn numeric_targets_in_one_sentence() {
        assert_eq!(
            summary(&pm25(30.0, vec![obs("2023-12-31", "2023年", 27.0)])),
            "2023年为27微克/立方米，比2022年下降3；还需再降2以上才能在2025年底前达到目标，按目前平均降幅可以按期实现。"
        );
        assert_eq!(
            summary(&pm25(28.0, vec![obs("2024-12-31", "2024年", 24.0)])),
            "2024年为24微克/立方米，比2022年下降4，已达到低于25微克/立方米的目标。"
        );
        let off = target(
            Comparison::AtLeast,
            97.0,
            "%",
            Some(obs("2022-12-31", "2022年", 92.0)),
            vec![obs("2024-12-31", "2024年", 92.6), obs("2023-12-31", "2023年", 92.3)],
        );
        assert_eq!(
            summary(&off),
            "2024年为92.6%，比2022年上升0.6个百分点；还需再升4.4个百分点才能在2025年底前达到目标，按目前平均增幅难以按期实现，需加大力度。"
        );
        let on = target(
            Comparison::AtLeast,
            68.0,
            "%",
            Some(obs("2022-12-31", "2022年", 65.0)),
            vec![obs("2023-12-31", "2023年", 66.5)],
        );
        assert!(summary(&on).ends_with("按目前平均增幅可以按期实现。"), "{}", summary(&on));
        // At the value of a strict target: a little further still to go.
        let at =
            target(Comparison::Below, 25.0, "微克/立方米", None, vec![obs("2024-12-31", "2024年", 25.0)]);
        assert!(summary(&at).contains("还需再降一些才能"), "{}", summary(&at));
        let lone = target(Comparison::Below, 25.0, "x", None, vec![obs("2023-12-31", "2023年", 27.0)]);
        assert_eq!(
            summary(&lone),
            "2023年为27x；还需再降2以上才能在2025年底前达到目标，目前数据不足以判断能否按期实现。"
        );
        let first = target(
            Comparison::Below,
            25.0,
            "x",
            None,
            vec![obs("2024-12-31", "2024年", 26.0), obs("2023-12-31", "2023年", 28.0)],
        );
        assert!(summary(&first).starts_with("2024年为26x，比2023年下降2；"), "{}", summary(&first));
    }

    #[test]
    fn a_worse_or_unchanged_value_says_so() {
        let slipped = target(
            Comparison::AtLeast,
            97.0,
            "%",
            Some(obs("2022-12-31", "2022年", 99.0)),
            vec![obs("2023-12-31", "2023年", 96.0)],
        );
        assert!(summary(&slipped).contains("目前不升反降，需加大力度"), "{}", summary(&slipped));
        let worse = summary(&pm25(30.0, vec![obs("2023-12-31", "2023年", 32.0)]));
        assert!(
            worse.contains("比2022年上升2；") && worse.ends_with("目前不降反升，需加大力度。"),
            "{worse}"
        );
        let flat = summary(&pm25(27.0, vec![obs("2023-12-31", "2023年", 27.0)]));
        assert!(flat.starts_with("2023年为27微克/立方米，与2022年持平；"), "{flat}");
        assert!(flat.ends_with("目前没有改善，需加大力度。"), "{flat}");
        assert!(summary(&pm25(30.0, vec![obs("2023-12-31", "2023年", 29.5)])).contains("难以按期实现"));
    }

    #[test]
    fn a_target_date_that_has_come_or_passed() {
        let late = pm25(30.0, vec![obs("2026-06-30", "2026年上半年", 26.0)]);
        assert_eq!(
            summary_as_of(&late, "2026-11-29"),
            "2026年上半年为26微克/立方米，比2022年下降4；目标期限（2025年底）已过，尚未达到目标；还需再降1以上，需加大力度。"
        );
        let on = pm25(30.0, vec![obs("2025-12-31", "2025年", 26.0)]);
        assert!(
            summary_as_of(&on, "2025-12-31")
                .contains("；目标期限（2025年底）已到，尚未达到目标；还需再降1以上，需加大力度。")
        );
        let mut t = pm25(30.0, vec![obs("2023-06-30", "2023年上半年", 26.0)]);
        t.goal.by = d("2023-12-31");
        assert!(
            summary_as_of(&t, "2023-09-30").contains("才能在2023年底前达到目标，按目前平均降幅可以按期实现")
        );
        assert_eq!(
            summary_as_of(&t, "2026-11-29"),
            "2023年上半年为26微克/立方米，比2022年下降4；目标期限（2023年底）已过，尚未达到目标，期限后尚无监测数据；还需再降1以上，需加大力度。"
        );
        let held =
            pm25(30.0, vec![obs("2024-12-31", "2024年", 24.0), obs("2024-06-30", "2024年上半年", 26.0)]);
        assert!(summary_as_of(&held, "2024-06-30").starts_with("2024年上半年为26微克/立方米"));
        let unordered =
            pm25(30.0, vec![obs("2024-12-31", "2024年", 26.0), obs("2025-06-30", "2025年上半年", 25.5)]);
        assert!(summary(&unordered).starts_with("2025年上半年为25.5微克/立方米，比2022年下降4.5；"));
    }

    #[test]
    fn without_data() {
        let t = pm25(30.0, vec![]);
        assert_eq!(summary(&t), "暂无监测数据。目标：2025年底前低于25微克/立方米。");
        assert_eq!(
            summary_as_of(&t, "2026-01-01"),
            "暂无监测数据。目标：2025年底前低于25微克/立方米；目标期限已过。"
        );
        assert_eq!(
            summary(&qualitative_target(vec![])),
            "暂无监测数据。目标：重污染天气基本消除（期限：2025年底）。"
        );
    }

    #[test]
    fn qualitative_targets_in_one_sentence() {
        let t = qualitative_target(vec![
            assessed("2024-12-31", "2024年", true, Some("全年未出现重污染天气。")),
            assessed("2023-12-31", "2023年", false, Some("全年2天")),
        ]);
        assert_eq!(summary(&t), "2024年评估为已实现：全年未出现重污染天气。");
        let before = qualitative_target(vec![assessed("2024-12-31", "2024年", false, None)]);
        assert_eq!(summary(&before), "2024年评估为尚未实现；目标期限为2025年底。");
        let lost = qualitative_target(vec![
            assessed("2024-12-31", "2024年", true, None),
            assessed("2026-06-30", "2026年上半年", false, Some("2处水体返黑")),
        ]);
        assert_eq!(
            summary_as_of(&lost, "2026-11-29"),
            "2026年上半年评估为尚未实现：2处水体返黑；目标期限（2025年底）已过，尚未实现，需加大力度。"
        );
        let old = qualitative_target(vec![assessed("2024-12-31", "2024年", false, Some("全年2天"))]);
        assert_eq!(
            summary_as_of(&old, "2026-11-29"),
            "2024年评估为尚未实现：全年2天；目标期限（2025年底）已过，尚未实现，期限后尚无监测数据，需加大力度。"
        );
        let on = qualitative_target(vec![assessed("2025-12-31", "2025年", false, None)]);
        assert_eq!(
            summary_as_of(&on, "2026-11-29"),
            "2025年评估为尚未实现；目标期限（2025年底）已过，尚未实现，需加大力度。"
        );
        assert_eq!(
            summary_as_of(&on, "2025-12-31"),
            "2025年评估为尚未实现；目标期限（2025年底）已到，尚未实现，需加大力度。"
        );
    }

    #[test]
    fn labels_of_assessments() {
        assert_eq!(assessment(Assessment::InsufficientData, TargetKind::Numeric), "数据不足");
        assert_eq!(assessment(Assessment::OffTrack, TargetKind::Numeric), "需加力");
        assert_eq!(assessment(Assessment::OffTrack, TargetKind::Qualitative), "未实现");
        assert_eq!(assessment(Assessment::Achieved, TargetKind::Qualitative), "已实现");
    }

    #[test]
    fn numbers_and_sizes_are_written_plainly() {
        assert_eq!(number(25.0), "25");
        assert_eq!(number(9.48), "9.48");
        assert_eq!(number(92.50), "92.5");
        assert_eq!(number(-0.001), "0");
        assert_eq!(amount(0.6000000001, "%"), "0.6个百分点");
        assert_eq!(size(0), "0 字节");
        assert_eq!(size(1023), "1023 字节");
        assert_eq!(size(1024), "1.0 KB");
        assert_eq!(size(3277), "3.2 KB");
        assert_eq!(size(1_468_006), "1.4 MB");
        assert_eq!(deadline(d("2025-12-31")), "2025年底");
        assert_eq!(deadline(d("2025-06-30")), "2025年6月30日");
    }
}
