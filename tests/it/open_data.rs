//! Open data (`data/`), the 数据下载 page and the sitemap of the `full`
//! fixture (as of 2024-06-15) and the `feeds` fixture (as of 2024-06-30),
//! parsed and compared with exact expected values.

use crate::common;
use crate::common::html::text;

use common::Built;
use serde_json::{Value, json};
use std::io::Read;

const FULL: &str = "https://www.example.gov.cn/ztzl/dczg/";
const FEEDS: &str = "https://data.example.gov.cn/dczg/";

fn build_feeds_fixture() -> Built {
    common::build(&common::fixture("feeds"), "2024-06-30")
}

fn json_file(site: &Built, path: &str) -> Value {
    let bytes = site.bytes(path);
    assert_ne!(&bytes[..3], b"\xEF\xBB\xBF", "{path}: JSON has no byte-order mark");
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Header and rows of a CSV file, after checking the BOM and CRLF endings.
fn csv_file(site: &Built, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = site.bytes(path);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or_else(|| panic!("{path}: no UTF-8 BOM"));
    let text = std::str::from_utf8(body).expect("UTF-8");
    assert!(text.ends_with("\r\n"), "{path}: last line must end in CRLF");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "{path}: bare LF");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

/// An expected issue record: the fields given plus its number, url and as_of.
fn issue(id: &str, fields: Value) -> Value {
    let mut record = json!({
        "id": id, "number": id.parse::<u32>().unwrap(),
        "url": format!("{FULL}issues/{id}/"), "as_of": "2024-06-15",
        // No notice or acceptance in this fixture (tests/it/closures.rs has them).
        "publicity_from": null, "publicity_to": null, "closed_on": null, "acceptance_date": null,
        "acceptance_level": null, "acceptance_by": null, "publicity_contact": null,
    });
    record.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    record
}

fn expected_full_issues() -> Vec<Value> {
    vec![
        issue(
            "01",
            json!({
                "title": "城区燃煤小锅炉未按期淘汰", "category": "大气污染防治", "kind": "short-term",
                "lead": ["市生态环境局"], "support": ["市住房和城乡建设局", "市市场监督管理局"],
                "deadline": "2023-12-31", "original_deadline": "2023-12-31", "deadline_changes": 0,
                "status": "done", "status_label": "已完成", "finished": true, "schedule": "finished",
                "due_soon": false, "stale": false, "last_update": "2023-12-20", "notes": 3,
            }),
        ),
        // Deadline moved twice; the note dated 2024-07-01 is not published yet.
        issue(
            "02",
            json!({
                "title": "建筑工地扬尘管控不到位", "category": "大气污染防治", "kind": "short-term",
                "lead": ["市住房和城乡建设局"], "support": [],
                "deadline": "2024-09-30", "original_deadline": "2023-12-31", "deadline_changes": 2,
                "status": "in-progress", "status_label": "整改中", "finished": false, "schedule": "on-schedule",
                "due_soon": false, "stale": false, "last_update": "2024-06-01", "notes": 2,
            }),
        ),
        // Past its deadline, and no note for 135 days.
        issue(
            "03",
            json!({
                "title": "城区部分排水口雨污混流", "category": "水污染防治", "kind": "short-term",
                "lead": ["市水利局"], "support": [],
                "deadline": "2024-03-31", "original_deadline": "2024-03-31", "deadline_changes": 0,
                "status": "in-progress", "status_label": "整改中", "finished": false, "schedule": "overdue",
                "due_soon": false, "stale": true, "last_update": "2024-02-01", "notes": 1,
            }),
        ),
        // 25 days to its deadline.
        issue(
            "04",
            json!({
                "title": "工业园区污水管网不完善", "category": "水污染防治", "kind": "short-term",
                "lead": ["工业园区管委会"], "support": [],
                "deadline": "2024-07-10", "original_deadline": "2024-07-10", "deadline_changes": 0,
                "status": "in-progress", "status_label": "整改中", "finished": false, "schedule": "on-schedule",
                "due_soon": true, "stale": false, "last_update": "2024-05-20", "notes": 2,
            }),
        ),
        // Long-term, no deadline, the milestone of 2024-03-31 not reached.
        issue(
            "05",
            json!({
                "title": "湿地保护区内违规建设", "category": "生态保护修复", "kind": "long-term",
                "lead": ["市林业和草原局"], "support": [],
                "deadline": null, "original_deadline": null, "deadline_changes": 0,
                "status": "in-progress", "status_label": "整改中", "finished": false, "schedule": "behind",
                "due_soon": false, "stale": false, "last_update": "2024-04-10", "notes": 1,
            }),
        ),
        // Done, then reopened, then given a new deadline.
        issue(
            "06",
            json!({
                "title": "秸秆露天焚烧反弹", "category": "大气污染防治", "kind": "immediate",
                "lead": ["市农业农村局"], "support": [],
                "deadline": "2024-08-31", "original_deadline": "2023-08-31", "deadline_changes": 1,
                "status": "reopened", "status_label": "强化整改", "finished": false, "schedule": "on-schedule",
                "due_soon": false, "stale": false, "last_update": "2024-05-01", "notes": 3,
            }),
        ),
        issue(
            "07",
            json!({
                "title": "重污染天气应对机制不健全", "category": "大气污染防治", "kind": "long-term",
                "lead": ["市生态环境局"], "support": [],
                "deadline": null, "original_deadline": null, "deadline_changes": 0,
                "status": "ongoing", "status_label": "长期坚持", "finished": true, "schedule": "finished",
                "due_soon": false, "stale": false, "last_update": "2024-01-15", "notes": 1,
            }),
        ),
        // Deadline on the as-of date: due soon, not overdue.
        issue(
            "08",
            json!({
                "title": "乡镇污水处理设施运行不正常", "category": "水污染防治", "kind": "short-term",
                "lead": ["市水利局"], "support": [],
                "deadline": "2024-06-15", "original_deadline": "2024-06-15", "deadline_changes": 0,
                "status": "in-progress", "status_label": "整改中", "finished": false, "schedule": "on-schedule",
                "due_soon": true, "stale": false, "last_update": "2024-06-10", "notes": 1,
            }),
        ),
        issue(
            "09",
            json!({
                "title": "草原退化治理进度滞后", "category": "生态保护修复", "kind": "short-term",
                "lead": ["市林业和草原局"], "support": [],
                "deadline": "2025-06-30", "original_deadline": "2025-06-30", "deadline_changes": 0,
                "status": "in-progress", "status_label": "整改中", "finished": false, "schedule": "on-schedule",
                "due_soon": false, "stale": false, "last_update": "2024-06-05", "notes": 2,
            }),
        ),
        issue(
            "10",
            json!({
                "title": "餐饮油烟扰民", "category": "大气污染防治", "kind": "immediate",
                "lead": ["市城市管理局"], "support": [],
                "deadline": "2023-08-15", "original_deadline": "2023-08-15", "deadline_changes": 0,
                "status": "closed", "status_label": "已销号", "finished": true, "schedule": "finished",
                "due_soon": false, "stale": false, "last_update": "2023-10-10", "notes": 2,
                "closed_on": "2023-10-10",
            }),
        ),
        // Done from the start, without any note.
        issue(
            "11",
            json!({
                "title": "饮用水水源地标志不全", "category": "水污染防治", "kind": "immediate",
                "lead": ["市生态环境局"], "support": [],
                "deadline": "2023-07-31", "original_deadline": "2023-07-31", "deadline_changes": 0,
                "status": "done", "status_label": "已完成", "finished": true, "schedule": "finished",
                "due_soon": false, "stale": false, "last_update": null, "notes": 0,
            }),
        ),
    ]
}

#[test]
fn issues_json_has_the_computed_facts_as_of_the_as_of_date() {
    let site = common::build_full();
    let issues = json_file(&site, "data/issues.json");
    let expected = expected_full_issues();
    for (got, want) in issues.as_array().unwrap().iter().zip(&expected) {
        assert_eq!(got, want, "issue {}", want["id"]);
    }
    assert_eq!(issues.as_array().unwrap().len(), 11);
}

/// A JSON value as the CSV writes it.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("；"),
        other => other.to_string(),
    }
}

#[test]
fn csv_files_hold_the_json_columns_and_rows() {
    let site = common::build_full();
    for name in ["issues", "notes", "targets"] {
        let records = json_file(&site, &format!("data/{name}.json"));
        let records = records.as_array().unwrap();
        let (header, rows) = csv_file(&site, &format!("data/{name}.csv"));
        // JSON objects have no order; the CSV columns are the same fields.
        let keys = header.clone();
        let mut fields: Vec<String> = records[0].as_object().unwrap().keys().cloned().collect();
        let mut sorted = header.clone();
        fields.sort();
        sorted.sort();
        assert_eq!(sorted, fields, "{name}: CSV columns are the JSON fields");
        assert_eq!(rows.len(), records.len(), "{name}: one row per record");
        for (row, record) in rows.iter().zip(records) {
            let expected: Vec<String> = keys.iter().map(|k| cell(&record[k])).collect();
            assert_eq!(row, &expected, "{name}");
        }
    }
    let (header, _) = csv_file(&site, "data/issues.csv");
    assert_eq!(
        header,
        [
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
        ]
    );
    // The raw line of issue 01: lists joined with ；, booleans as words.
    let text = site.read("data/issues.csv");
    assert!(text.contains(
        "\r\n01,1,城区燃煤小锅炉未按期淘汰,大气污染防治,short-term,市生态环境局,市住房和城乡建设局；市市场监督管理局,\
         2023-12-31,2023-12-31,0,done,已完成,true,finished,false,false,2023-12-20,3,\
         https://www.example.gov.cn/ztzl/dczg/issues/01/,2024-06-15,,,,,,,\r\n"
    ));
}

#[test]
fn notes_csv_lists_the_published_notes_newest_first() {
    let site = common::build_full();
    let (header, rows) = csv_file(&site, "data/notes.csv");
    assert_eq!(header, ["slug", "date", "title", "issues", "status", "deadline", "url", "source"]);
    let slugs_and_dates: Vec<(&str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(
        slugs_and_dates,
        [
            ("2024-06-10-wushui", "2024-06-10T08:00:00+08:00"),
            ("2024-06-05-caoyuan-1", "2024-06-05T00:00:00+08:00"),
            ("2024-06-01-a", "2024-06-01T00:00:00+08:00"),
            ("2024-06-01-b", "2024-06-01T00:00:00+08:00"),
            ("2024-05-20-guanwang", "2024-05-20T00:00:00+08:00"),
            ("2024-05-01-jiegan-yanqi", "2024-05-01T00:00:00+08:00"),
            ("2024-04-20-caoyuan-2", "2024-04-20T00:00:00+08:00"),
            ("2024-04-10-shidi", "2024-04-10T00:00:00+08:00"),
            ("2024-03-15-tuijinhui", "2024-03-15T00:00:00+08:00"),
            ("2024-03-01-jiegan-fantan", "2024-03-01T00:00:00+08:00"),
            ("2024-02-01-yuanqu-guanwang", "2024-02-01T00:00:00+08:00"),
            ("2024-01-15-zhongwuran", "2024-01-15T00:00:00+08:00"),
            ("2024-01-05-special", "2024-01-05T12:00:00+08:00"),
            ("2023-12-20-guolu-wancheng", "2023-12-20T09:00:00+08:00"),
            ("2023-12-15-yangchen-yanqi", "2023-12-15T00:00:00+08:00"),
            ("2023-11-25-guolu-gaizao", "2023-11-25T00:00:00+08:00"),
            ("2023-10-10-youyan-xiaohao", "2023-10-10T00:00:00+08:00"),
            ("2023-09-28-guolu-paicha", "2023-09-28T16:30:00+08:00"),
            ("2023-08-20-jiegan", "2023-08-20T00:00:00+08:00"),
            ("2023-08-10-youyan", "2023-08-10T00:00:00+08:00"),
            ("2023-07-20-plan", "2023-07-20T10:00:00+08:00"),
        ]
    );
    let row = |slug: &str| rows.iter().find(|r| r[0] == slug).unwrap().clone();
    assert_eq!(
        row("2024-02-01-yuanqu-guanwang"),
        [
            "2024-02-01-yuanqu-guanwang",
            "2024-02-01T00:00:00+08:00",
            "城区排水口与园区管网同步排查",
            "03；04",
            "",
            "",
            "https://www.example.gov.cn/ztzl/dczg/updates/2024-02-01-yuanqu-guanwang/",
            "",
        ]
    );
    assert_eq!(row("2024-01-05-special")[2], "排查发现问题 & 整改<完成> ]]> 🎉");
    assert_eq!(row("2024-03-01-jiegan-fantan")[4], "reopened");
    assert_eq!(row("2023-12-15-yangchen-yanqi")[5], "2024-06-30");
    assert_eq!(row("2023-07-20-plan")[7], "市整改办");
}

#[test]
fn targets_json_has_the_computed_progress() {
    let site = common::build_full();
    let targets = json_file(&site, "data/targets.json");
    let fields = |id: &str| {
        let t = targets.as_array().unwrap().iter().find(|t| t["id"] == id).unwrap().clone();
        assert!(!t["summary"].as_str().unwrap().is_empty(), "{id} has a summary");
        let mut t = t.as_object().unwrap().clone();
        t.remove("summary");
        Value::Object(t)
    };
    assert_eq!(
        fields("pm25"),
        json!({
            "id": "pm25", "name": "细颗粒物（PM2.5）年均浓度", "unit": "微克/立方米", "kind": "numeric",
            "comparison": "<", "target_value": 25, "by": "2025-12-31", "baseline_value": 30,
            "latest_value": 27, "latest_date": "2023-12-31", "achieved": false, "progress_percent": 60,
            "url": format!("{FULL}targets/pm25/"), "target_text": "降至每立方米25微克以下", "assessment": "on-track",
        })
    );
    // The latest observation by date, not the last one written.
    assert_eq!(
        fields("good-air-days"),
        json!({
            "id": "good-air-days", "name": "空气质量优良天数比率", "unit": "%", "kind": "numeric",
            "comparison": ">=", "target_value": 97, "by": "2025-12-31", "baseline_value": 92,
            "latest_value": 92.3, "latest_date": "2023-12-31", "achieved": false, "progress_percent": 6,
            "url": format!("{FULL}targets/good-air-days/"), "target_text": null, "assessment": "off-track",
        })
    );
    assert_eq!(
        fields("heavy-pollution"),
        json!({
            "id": "heavy-pollution", "name": "重污染天气", "unit": null, "kind": "qualitative",
            "comparison": null, "target_value": null, "by": "2025-12-31", "baseline_value": null,
            "latest_value": null, "latest_date": "2024-05-31", "achieved": true, "progress_percent": null,
            "url": format!("{FULL}targets/heavy-pollution/"), "target_text": "重污染天气基本消除",
            "assessment": "achieved",
        })
    );
    assert_eq!(fields("forest")["progress_percent"], json!(100));
    let (_, rows) = csv_file(&site, "data/targets.csv");
    let pm25 = rows.iter().find(|r| r[0] == "pm25").unwrap();
    assert_eq!(
        pm25[..13],
        [
            "pm25",
            "细颗粒物（PM2.5）年均浓度",
            "微克/立方米",
            "numeric",
            "<",
            "25",
            "2025-12-31",
            "30",
            "27",
            "2023-12-31",
            "false",
            "60",
            "https://www.example.gov.cn/ztzl/dczg/targets/pm25/"
        ]
    );
}

#[test]
fn csv_quotes_what_needs_quoting_and_keeps_lists_in_written_order() {
    let site = build_feeds_fixture();
    let text = site.read("data/issues.csv");
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains(
        "\r\n01,1,锅炉 & 管网 <整改> ]]> 问题 🎉,\"大气, 水 & <综合>\",short-term,市生态环境局；市住房和城乡建设局,市水务局,\
         2024-09-30,2024-03-31,1,in-progress,整改中,false,on-schedule,false,false,2024-06-01,4,\
         https://data.example.gov.cn/dczg/issues/01/,2024-06-30,,,,,,,\r\n"
    ), "{text}");
    // A long-term issue given a deadline by a note: no original deadline; stale after 121 days.
    assert!(text.contains(
        "\r\n03,3,湿地保护,生态保护,long-term,市林业和草原局,,2025-12-31,,1,in-progress,整改中,false,on-schedule,false,true,\
         2024-03-01,1,https://data.example.gov.cn/dczg/issues/03/,2024-06-30,,,,,,,\r\n"
    ), "{text}");
    let (_, rows) = csv_file(&site, "data/notes.csv");
    assert_eq!(rows.len(), 7, "the note dated 2024-12-01 is not published");
    assert_eq!(
        rows[6],
        [
            "2024-01-10-joint",
            "2024-01-10T09:30:00+08:00",
            "联合整改 & <推进> ]]> 🎉",
            "02；01",
            "",
            "2024-09-30",
            "https://data.example.gov.cn/dczg/updates/2024-01-10-joint/",
            "市整改办 & <督察组>",
        ]
    );
    let notes = json_file(&site, "data/notes.json");
    assert_eq!(notes[6]["issues"], json!(["02", "01"]));
    assert_eq!(notes[6]["status"], Value::Null);
    assert_eq!(notes[2]["issues"], json!([]));
    let issues = json_file(&site, "data/issues.json");
    assert_eq!(issues[2]["original_deadline"], Value::Null);
    assert_eq!(issues[0]["lead"], json!(["市生态环境局", "市住房和城乡建设局"]));
}

const DATA_FILES: [&str; 8] = [
    "issues.csv",
    "issues.json",
    "issues.xlsx",
    "notes.csv",
    "notes.json",
    "targets.csv",
    "targets.json",
    "deadlines.ics",
];

#[test]
fn all_zip_holds_every_data_file_and_is_byte_identical_across_builds() {
    let (site, again) = (common::build_full(), common::build_full());
    let zip_bytes = site.bytes("data/all.zip");
    assert_eq!(zip_bytes, again.bytes("data/all.zip"), "all.zip differs between two builds");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("a zip file");
    let names: Vec<String> =
        (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect();
    assert_eq!(names, DATA_FILES);
    for (i, name) in DATA_FILES.iter().enumerate() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        assert_eq!(bytes, site.bytes(&format!("data/{name}")), "{name} in the zip");
        // Dated by the content: the newest note, or the newest target observation.
        let t = entry.last_modified().unwrap();
        let when = (t.year(), t.month(), t.day(), t.hour(), t.minute());
        let expected = if name.starts_with("targets") { (2024, 5, 31, 0, 0) } else { (2024, 6, 10, 8, 0) };
        assert_eq!(when, expected, "{name} date");
    }
    for name in DATA_FILES.iter().chain(["all.zip"].iter()) {
        assert_eq!(site.bytes(&format!("data/{name}")), again.bytes(&format!("data/{name}")), "{name}");
    }
}

/// The content lines of an iCalendar file after checking RFC 5545's line
/// rules (CRLF, at most 75 octets, folds never inside a character).
fn ics_lines(bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for line in physical {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a fold continues a line").push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    lines
}

#[test]
fn deadlines_calendar_has_one_all_day_event_per_unfinished_issue() {
    let site = common::build_full();
    let bytes = site.bytes("data/deadlines.ics");
    let lines = ics_lines(&bytes);
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    assert!(lines.contains(&"X-WR-CALNAME:测试市督察整改信息公开：整改时限".to_string()));
    let calendar: icalendar::Calendar = std::str::from_utf8(&bytes).unwrap().parse().expect("parses");
    use icalendar::Component;
    let events: Vec<(String, String, String, String, String)> = calendar
        .events()
        .map(|e| {
            let p = |k: &str| e.property_value(k).unwrap_or_default().to_string();
            (p("UID"), p("DTSTART"), p("DTEND"), p("DTSTAMP"), p("SEQUENCE"))
        })
        .collect();
    let uid = |id: &str| format!("issue-{id}-deadline@www.example.gov.cn/ztzl/dczg");
    let event = |id: &str, start: &str, end: &str, stamp: &str, seq: &str| {
        (uid(id), start.to_string(), end.to_string(), stamp.to_string(), seq.to_string())
    };
    // Finished (01, 07, 10, 11) and deadline-less (05) issues have no event;
    // 06 was reopened and has its new deadline.
    assert_eq!(
        events,
        [
            event("02", "20240930", "20241001", "20240531T160000Z", "2"),
            event("03", "20240331", "20240401", "20240131T160000Z", "0"),
            event("04", "20240710", "20240711", "20240519T160000Z", "0"),
            event("06", "20240831", "20240901", "20240430T160000Z", "1"),
            event("08", "20240615", "20240616", "20240610T000000Z", "0"),
            event("09", "20250630", "20250701", "20240604T160000Z", "0"),
        ]
    );
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20240930".to_string()), "all-day: a DATE value");
    let first = calendar.events().next().unwrap();
    assert_eq!(first.get_summary(), Some("问题2整改时限：建筑工地扬尘管控不到位"));
    assert_eq!(first.get_url(), Some("https://www.example.gov.cn/ztzl/dczg/issues/02/"));
    assert_eq!(
        first.get_description(),
        Some(
            "问题2：建筑工地扬尘管控不到位\n类别：大气污染防治\n当前状态：整改中\n\
             整改时限：2024-09-30（原定2023-12-31，调整2次）\n牵头责任单位：市住房和城乡建设局\n\
             详情：https://www.example.gov.cn/ztzl/dczg/issues/02/"
        )
    );
    assert_eq!(bytes, common::build_full().bytes("data/deadlines.ics"), "same calendar on every build");
}

#[test]
fn deadlines_calendar_passes_an_independent_parser_with_special_characters() {
    let site = build_feeds_fixture();
    let report = common::python::python_check(&site, FEEDS, &["data/deadlines.ics".to_string()]);
    let events = &report["files"]["data/deadlines.ics"]["events"];
    assert_eq!(
        events,
        &json!([
            {
                "uid": "issue-01-deadline@data.example.gov.cn/dczg",
                "start": "2024-09-30",
                "stamp": "20240531T160000Z",
                "summary": "问题1整改时限：锅炉 & 管网 <整改> ]]> 问题 🎉",
                "description": "问题1：锅炉 & 管网 <整改> ]]> 问题 🎉\n类别：大气, 水 & <综合>\n当前状态：整改中\n\
                    整改时限：2024-09-30（原定2024-03-31，调整1次）\n牵头责任单位：市生态环境局、市住房和城乡建设局\n\
                    配合单位：市水务局\n详情：https://data.example.gov.cn/dczg/issues/01/",
                "url": "https://data.example.gov.cn/dczg/issues/01/",
                "sequence": 1,
                "categories": ["大气, 水 & <综合>"],
            },
            {
                "uid": "issue-03-deadline@data.example.gov.cn/dczg",
                "start": "2025-12-31",
                "stamp": "20240229T160000Z",
                "summary": "问题3整改时限：湿地保护",
                "description": "问题3：湿地保护\n类别：生态保护\n当前状态：整改中\n整改时限：2025-12-31（调整1次）\n\
                    牵头责任单位：市林业和草原局\n详情：https://data.example.gov.cn/dczg/issues/03/",
                "url": "https://data.example.gov.cn/dczg/issues/03/",
                "sequence": 1,
                "categories": ["生态保护"],
            },
        ])
    );
    assert_eq!(report["files"]["data/deadlines.ics"]["name"], "特殊字符市 & <督察> 整改公开：整改时限");
    ics_lines(&site.bytes("data/deadlines.ics"));
}

fn select<'a>(html: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&scraper::Selector::parse(css).unwrap()).collect()
}

#[test]
fn data_page_links_every_file_with_size_and_update_time() {
    let site = common::build_full();
    let html = scraper::Html::parse_document(&site.read("data/index.html"));
    let rows = select(&html, "table.data-files tbody tr");
    let names: Vec<String> = rows.iter().map(|r| text(select_in(r, "th a")[0])).collect();
    let mut all = DATA_FILES.to_vec();
    all.push("all.zip");
    assert_eq!(names, all);
    for (row, name) in rows.iter().zip(&all) {
        assert_eq!(select_in(row, "th a")[0].value().attr("href"), Some(format!("../data/{name}").as_str()));
        let size = select_in(row, "td[data-bytes]")[0];
        let bytes = site.bytes(&format!("data/{name}")).len();
        assert_eq!(size.value().attr("data-bytes"), Some(bytes.to_string().as_str()), "{name}");
        let label =
            if bytes < 1024 { format!("{bytes} 字节") } else { format!("{:.1} KB", bytes as f64 / 1024.0) };
        assert_eq!(text(size), label, "{name}");
        let time = select_in(row, "time")[0].value().attr("datetime").unwrap().to_string();
        let expected = if name.starts_with("targets") {
            "2024-05-31T00:00:00+08:00"
        } else {
            "2024-06-10T08:00:00+08:00"
        };
        assert_eq!(time, expected, "{name}");
    }
    assert_eq!(text(select_in(&rows[0], "td")[0]), "问题台账（11 条）");
    assert_eq!(text(select_in(&rows[2], "td")[0]), "问题台账（11 条）");
    assert_eq!(text(select_in(&rows[2], "td")[1]), "Excel 工作簿");
    assert_eq!(text(select_in(&rows[7], "td")[0]), "整改时限日历（6 条）");
    assert_eq!(
        text(select(&html, ".data-license")[0]),
        "本站数据可自由转载和使用，请注明来源“测试市督察整改信息公开”。"
    );
    // The subscribe page is linked from here.
    assert!(
        select(&html, "main a")
            .iter()
            .any(|a| a.value().attr("href") == Some("../data/subscribe/index.html"))
    );
}

fn select_in<'a>(e: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    e.select(&scraper::Selector::parse(css).unwrap()).collect()
}

#[test]
fn data_page_explains_every_column_of_every_file() {
    let site = common::build_full();
    let html = scraper::Html::parse_document(&site.read("data/index.html"));
    for name in ["issues", "notes", "targets"] {
        let lists = select(&html, &format!("dl.data-columns[data-file=\"{name}\"]"));
        assert_eq!(lists.len(), 1, "{name}: one list of columns");
        let explained: Vec<String> = select_in(&lists[0], "dt code").into_iter().map(text).collect();
        let (header, _) = csv_file(&site, &format!("data/{name}.csv"));
        assert_eq!(explained, header, "{name}: every column explained, in file order");
        let meanings: Vec<String> = select_in(&lists[0], "dd").into_iter().map(text).collect();
        assert!(meanings.iter().all(|m| m.chars().count() >= 4), "{name}: {meanings:?}");
    }
}

#[test]
fn data_page_has_default_terms_without_data_license() {
    let site = build_feeds_fixture();
    let html = scraper::Html::parse_document(&site.read("data/index.html"));
    assert_eq!(
        text(select(&html, ".data-license")[0]),
        "本站公开的数据可以免费下载、复制和使用，使用时请注明来源“特殊字符市 & <督察> 整改公开”，不得歪曲原意。数据内容以本站网页公布的信息为准。"
    );
}

#[test]
fn every_page_links_the_data_page() {
    let site = common::build_full();
    for (page, href) in [("index.html", "data/index.html"), ("issues/01/index.html", "../../data/index.html")]
    {
        let html = scraper::Html::parse_document(&site.read(page));
        assert!(
            select(&html, "footer a")
                .iter()
                .any(|a| a.value().attr("href") == Some(href) && text(*a) == "数据下载"),
            "{page}"
        );
    }
}

#[test]
fn sitemap_lists_every_public_page_with_its_last_change() {
    let site = common::build_full();
    let xml = site.read("sitemap.xml");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let doc = scraper::Html::parse_fragment(&xml);
    let entries: Vec<(String, Option<String>)> = select(&doc, "url")
        .iter()
        .map(|u| (text(select_in(u, "loc")[0]), select_in(u, "lastmod").first().map(|e| text(*e))))
        .collect();
    let lastmod = |path: &str| -> Option<String> {
        let url = format!("{FULL}{path}");
        entries
            .iter()
            .find(|(loc, _)| *loc == url)
            .unwrap_or_else(|| panic!("{url} not in the sitemap"))
            .1
            .clone()
    };
    // Every page the content defines, in directory form, dated by its content.
    for n in 1..=11 {
        lastmod(&format!("issues/{n:02}/"));
    }
    for page in [
        "",
        "issues/",
        "updates/",
        "updates/page/2/",
        "targets/",
        "targets/pm25/",
        "plan/",
        "about/",
        "data/",
        "data/subscribe/",
    ] {
        lastmod(page);
    }
    for (_, slug) in csv_file(&site, "data/notes.csv").1.iter().map(|r| ((), r[0].clone())) {
        lastmod(&format!("updates/{slug}/"));
    }
    assert_eq!(lastmod("").as_deref(), Some("2024-06-10T08:00:00+08:00"));
    assert_eq!(lastmod("issues/01/").as_deref(), Some("2023-12-20T09:00:00+08:00"));
    assert_eq!(lastmod("issues/11/").as_deref(), Some("2024-06-10T08:00:00+08:00"));
    assert_eq!(lastmod("updates/2023-09-28-guolu-paicha/").as_deref(), Some("2023-09-28T16:30:00+08:00"));
    assert_eq!(lastmod("targets/heavy-pollution/").as_deref(), Some("2024-05-31T00:00:00+08:00"));
    // Every URL is a page of this build, under base_url; 404.html is not a page.
    for (loc, _) in &entries {
        let path = loc.strip_prefix(FULL).unwrap_or_else(|| panic!("{loc} is not under base_url"));
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        assert!(site.exists(&file), "{loc} names no file");
    }
    assert!(!xml.contains("404"));
    assert!(!xml.contains("yangchen-wancheng"), "unpublished notes are not listed");
    // And every page of the build is in it (404.html is no page of its own).
    let pages: Vec<String> = walkdir::WalkDir::new(site.out())
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(site.out()).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .collect();
    assert!(pages.len() > 40, "{pages:?}");
    for page in pages {
        lastmod(page.strip_suffix("index.html").unwrap_or(&page));
    }
    assert_eq!(lastmod("release.html").as_deref(), Some("2024-06-10T08:00:00+08:00"));
}
