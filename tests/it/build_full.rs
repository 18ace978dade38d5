//! The `full` fixture built as of 2024-06-15: every computed fact of the
//! content format, asserted where the public sees it — the pages (parsed),
//! the open data and `gongkai check`.
//!
//! The fixture's issues reach every state (see its site.yaml):
//! 01 done · 02 deadline moved twice, on schedule · 03 overdue and stale ·
//! 04 due soon (25 days) · 05 long-term, behind (milestone missed) ·
//! 06 done then reopened, deadline moved · 07 ongoing · 08 deadline on the
//! as-of date · 09 milestones reached out of order · 10 closed ·
//! 11 done by its initial status.

use crate::common;

use common::html::{attrs, one, parse, select, select_in, squeezed, text, texts};
use serde_json::Value;
use std::sync::OnceLock;

/// One build of the fixture shared by the tests of this file.
fn site() -> &'static common::Built {
    static SITE: OnceLock<common::Built> = OnceLock::new();
    SITE.get_or_init(common::build_full)
}

fn page(path: &str) -> scraper::Html {
    parse(&site().read(path))
}

/// Published notes, newest first, ties (same time) by slug.
const PUBLISHED: [&str; 21] = [
    "2024-06-10-wushui",
    "2024-06-05-caoyuan-1",
    "2024-06-01-a",
    "2024-06-01-b",
    "2024-05-20-guanwang",
    "2024-05-01-jiegan-yanqi",
    "2024-04-20-caoyuan-2",
    "2024-04-10-shidi",
    "2024-03-15-tuijinhui",
    "2024-03-01-jiegan-fantan",
    "2024-02-01-yuanqu-guanwang",
    "2024-01-15-zhongwuran",
    "2024-01-05-special",
    "2023-12-20-guolu-wancheng",
    "2023-12-15-yangchen-yanqi",
    "2023-11-25-guolu-gaizao",
    "2023-10-10-youyan-xiaohao",
    "2023-09-28-guolu-paicha",
    "2023-08-20-jiegan",
    "2023-08-10-youyan",
    "2023-07-20-plan",
];

const UNPUBLISHED: &str = "2024-07-01-yangchen-wancheng";

/// Per issue: (id, status, schedule, deadline, original deadline, deadline
/// changes, due soon, stale, last update, notes).
type Facts = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    u64,
    bool,
    bool,
    Option<&'static str>,
    u64,
);

const FACTS: [Facts; 11] = [
    (
        "01",
        "done",
        "finished",
        Some("2023-12-31"),
        Some("2023-12-31"),
        0,
        false,
        false,
        Some("2023-12-20"),
        3,
    ),
    (
        "02",
        "in-progress",
        "on-schedule",
        Some("2024-09-30"),
        Some("2023-12-31"),
        2,
        false,
        false,
        Some("2024-06-01"),
        2,
    ),
    (
        "03",
        "in-progress",
        "overdue",
        Some("2024-03-31"),
        Some("2024-03-31"),
        0,
        false,
        true,
        Some("2024-02-01"),
        1,
    ),
    (
        "04",
        "in-progress",
        "on-schedule",
        Some("2024-07-10"),
        Some("2024-07-10"),
        0,
        true,
        false,
        Some("2024-05-20"),
        2,
    ),
    ("05", "in-progress", "behind", None, None, 0, false, false, Some("2024-04-10"), 1),
    (
        "06",
        "reopened",
        "on-schedule",
        Some("2024-08-31"),
        Some("2023-08-31"),
        1,
        false,
        false,
        Some("2024-05-01"),
        3,
    ),
    ("07", "ongoing", "finished", None, None, 0, false, false, Some("2024-01-15"), 1),
    (
        "08",
        "in-progress",
        "on-schedule",
        Some("2024-06-15"),
        Some("2024-06-15"),
        0,
        true,
        false,
        Some("2024-06-10"),
        1,
    ),
    (
        "09",
        "in-progress",
        "on-schedule",
        Some("2025-06-30"),
        Some("2025-06-30"),
        0,
        false,
        false,
        Some("2024-06-05"),
        2,
    ),
    (
        "10",
        "closed",
        "finished",
        Some("2023-08-15"),
        Some("2023-08-15"),
        0,
        false,
        false,
        Some("2023-10-10"),
        2,
    ),
    ("11", "done", "finished", Some("2023-07-31"), Some("2023-07-31"), 0, false, false, None, 0),
];

fn label(status: &str) -> &'static str {
    match status {
        "in-progress" => "整改中",
        "basically-done" => "基本完成",
        "done" => "已完成",
        "closed" => "已销号",
        "ongoing" => "长期坚持",
        "reopened" => "强化整改",
        other => panic!("unknown status {other}"),
    }
}

fn schedule_label(schedule: &str) -> &'static str {
    match schedule {
        "overdue" => "逾期",
        "behind" => "未达到序时进度",
        "on-schedule" => "达到序时进度",
        _ => "",
    }
}

#[test]
fn builds_every_page_type() {
    let site = site();
    for path in [
        "index.html",
        "issues/index.html",
        "issues/01/index.html",
        "issues/01/feed.xml",
        "updates/index.html",
        "updates/page/2/index.html",
        "updates/status.xml",
        "updates/2023-09-28-guolu-paicha/index.html",
        "targets/index.html",
        "targets/pm25/index.html",
        "plan/index.html",
        "about/index.html",
        "accessibility/index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "data/issues.json",
        "data/issues.csv",
        "data/notes.csv",
        "data/targets.json",
        "data/targets.csv",
        "files/plan.pdf",
        "files/photo.png",
        "files/整改清单.csv",
        "assets/style.css",
    ] {
        assert!(site.exists(path), "missing {path}");
    }
    for id in FACTS.map(|f| f.0) {
        assert!(site.exists(&format!("issues/{id}/index.html")), "issue {id}");
    }
    for slug in PUBLISHED {
        assert!(site.exists(&format!("updates/{slug}/index.html")), "note {slug}");
    }
    // Attachments are copied byte for byte.
    assert_eq!(
        site.bytes("files/photo.png"),
        std::fs::read(common::fixture("full/content/files/photo.png")).unwrap()
    );
}

#[test]
fn open_data_carries_every_computed_fact() {
    let issues: Vec<Value> = serde_json::from_str(&site().read("data/issues.json")).unwrap();
    // The same facts, in ledger order, as JSON.
    let want: Vec<Value> = FACTS
        .iter()
        .map(|&(id, status, schedule, deadline, original, changes, due_soon, stale, last_update, notes)| {
            serde_json::json!({
                "id": id, "status": status, "schedule": schedule, "deadline": deadline,
                "original_deadline": original, "deadline_changes": changes, "due_soon": due_soon,
                "stale": stale, "last_update": last_update, "notes": notes,
            })
        })
        .collect();
    let keys = [
        "id",
        "status",
        "schedule",
        "deadline",
        "original_deadline",
        "deadline_changes",
        "due_soon",
        "stale",
        "last_update",
        "notes",
    ];
    let got: Vec<Value> = issues
        .iter()
        .map(|r| Value::Object(keys.iter().map(|k| (k.to_string(), r[*k].clone())).collect()))
        .collect();
    assert_eq!(got, want);

    // The other fields of the contract, for every issue.
    for (r, f) in issues.iter().zip(FACTS) {
        let id = f.0;
        assert_eq!(r["number"].as_u64(), Some(id.parse().unwrap()), "{id}");
        assert_eq!(r["status_label"], label(f.1), "{id}");
        assert_eq!(r["finished"], f.2 == "finished", "{id}");
        assert_eq!(r["url"], format!("https://www.example.gov.cn/ztzl/dczg/issues/{id}/"), "{id}");
        for key in ["title", "category", "kind"] {
            assert!(r[key].as_str().is_some_and(|v| !v.is_empty()), "{id}: {key}");
        }
        assert!(r["lead"].as_array().is_some_and(|l| !l.is_empty()) && r["support"].is_array(), "{id}");
    }
    let first = &issues[0];
    assert_eq!(first["title"], "城区燃煤小锅炉未按期淘汰");
    assert_eq!(first["category"], "大气污染防治");
    assert_eq!(first["kind"], "short-term");
    assert_eq!(first["lead"], serde_json::json!(["市生态环境局"]));
    assert_eq!(first["support"], serde_json::json!(["市住房和城乡建设局", "市市场监督管理局"]));
    assert_eq!(issues[4]["kind"], "long-term");
    assert_eq!(issues[5]["kind"], "immediate");

    // notes.csv: the published notes only, with RFC 3339 times in Beijing time.
    let csv = site().read("data/notes.csv");
    let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let slugs: Vec<(String, String)> =
        rows.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[1].to_string())).collect();
    assert_eq!(slugs.len(), 21);
    let find = |slug: &str| slugs.iter().find(|(s, _)| s == slug).map(|(_, d)| d.as_str());
    assert_eq!(find("2024-06-10-wushui"), Some("2024-06-10T08:00:00+08:00"));
    assert_eq!(find("2023-09-28-guolu-paicha"), Some("2023-09-28T16:30:00+08:00"));
    assert_eq!(find("2023-08-10-youyan"), Some("2023-08-10T00:00:00+08:00"));
    assert_eq!(find(UNPUBLISHED), None);
}

#[test]
fn check_accepts_the_fixture_and_lists_the_unpublished_note() {
    let root = common::fixture("full");
    let out = common::gongkai(&["check", "--root", root.to_str().unwrap(), "--as-of", common::FULL_AS_OF]);
    let stderr = common::stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("错误:") && !stderr.contains("警告:"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "\n  content/notes/2024/{UNPUBLISHED}.md（2024-07-01 00:00）扬尘问题整改完成\n"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("问题 11 个，已发布进展 21 条"), "{stderr}");
}

#[test]
fn home_page_headline_figures_and_latest_updates() {
    let doc = page("index.html");
    let main = squeezed(&text(one(&doc, "main")));
    for figure in ["11反馈问题", "4已完成整改", "1逾期", "1未达到序时进度", "2临近整改时限"]
    {
        assert!(main.contains(figure), "home page lacks “{figure}”: {main}");
    }
    // What the site is.
    assert!(main.contains("测试市生态环境保护督察反馈问题整改进展"), "{main}");
    // The latest updates, newest first, linking to their notes.
    let links: Vec<String> = attrs(&doc, "main a[href^='updates/20']", "href");
    let expected: Vec<String> =
        PUBLISHED.iter().take(links.len()).map(|s| format!("updates/{s}/index.html")).collect();
    assert!(links.len() >= 5, "{links:?}");
    assert_eq!(links, expected);
}

/// Cells of every ledger table, by column header, with the table's caption.
fn ledger_rows(doc: &scraper::Html) -> Vec<(String, Vec<std::collections::BTreeMap<String, String>>)> {
    let columns = ["序号", "问题", "类别", "责任单位", "整改时限", "状态", "最近更新"];
    select(doc, "table")
        .into_iter()
        .filter(|t| {
            let heads: Vec<String> = select_in(*t, "thead th").into_iter().map(text).collect();
            heads == columns
        })
        .map(|t| {
            let caption = select_in(t, "caption").into_iter().map(text).next().unwrap_or_default();
            let rows = select_in(t, "tbody tr")
                .into_iter()
                .map(|tr| {
                    let cells: Vec<String> = select_in(tr, "th, td").into_iter().map(text).collect();
                    columns.iter().map(|c| c.to_string()).zip(cells).collect()
                })
                .collect();
            (caption, rows)
        })
        .collect()
}

#[test]
fn ledger_by_category_with_status_as_text() {
    let doc = page("issues/index.html");
    let tables = ledger_rows(&doc);
    let by_category: Vec<(String, Vec<String>)> = tables
        .iter()
        .map(|(caption, rows)| (caption.clone(), rows.iter().map(|r| r["序号"].clone()).collect()))
        .collect();
    // The order of site.yaml's categories; ledger order (序号) inside each.
    let expected = [
        ("大气污染防治", vec!["1", "2", "6", "7", "10"]),
        ("水污染防治", vec!["3", "4", "8", "11"]),
        ("生态保护修复", vec!["5", "9"]),
    ];
    assert_eq!(by_category.len(), 3, "{by_category:?}");
    for ((caption, numbers), (category, want)) in by_category.iter().zip(expected) {
        assert!(caption.contains(category), "{caption}");
        assert_eq!(numbers, &want, "{category}");
    }

    let rows: Vec<_> = tables.iter().flat_map(|(_, rows)| rows).collect();
    let row = |n: &str| rows.iter().find(|r| r["序号"] == n).unwrap_or_else(|| panic!("row {n}"));
    for (id, status, schedule, deadline, original, changes, due_soon, stale, last_update, _) in FACTS {
        let n = id.trim_start_matches('0');
        let r = row(n);
        assert!(!r["类别"].is_empty(), "{id}");
        // Status as words, with the schedule when unfinished.
        assert!(r["状态"].contains(label(status)), "{id}: {}", r["状态"]);
        assert!(r["状态"].contains(schedule_label(schedule)), "{id}: {}", r["状态"]);
        assert_eq!(r["状态"].contains("临近"), due_soon, "{id}: {}", r["状态"]);
        assert_eq!(r["状态"].contains("久未更新"), stale, "{id}: {}", r["状态"]);
        match deadline {
            Some(d) => assert!(r["整改时限"].starts_with(d), "{id}: {}", r["整改时限"]),
            None => assert_eq!(r["整改时限"], "长期坚持", "{id}"),
        }
        // A moved deadline shows where it started.
        assert_eq!(
            r["整改时限"].contains(&format!("调整 {changes} 次")),
            changes > 0,
            "{id}: {}",
            r["整改时限"]
        );
        if changes > 0 {
            assert!(r["整改时限"].contains(original.unwrap()), "{id}: {}", r["整改时限"]);
        }
        assert_eq!(r["最近更新"], last_update.unwrap_or("暂无"), "{id}");
    }
    assert!(row("3")["状态"].contains("逾期 76 天"), "{}", row("3")["状态"]);
    assert!(row("4")["状态"].contains("剩 25 天"), "{}", row("4")["状态"]);
    assert!(row("8")["状态"].contains("今天到期"), "{}", row("8")["状态"]);
    assert_eq!(row("1")["问题"], "城区燃煤小锅炉未按期淘汰");
    assert_eq!(row("1")["责任单位"], "市生态环境局");

    // Usable without JavaScript: the rows are in the page itself.
    assert_eq!(rows.len(), 11);
    let links = attrs(&doc, "main table a[href]", "href");
    for id in FACTS.map(|f| f.0) {
        assert!(links.contains(&format!("../issues/{id}/index.html")), "ledger lacks a link to {id}");
    }
}

/// The rows of the facts table of an issue page: header → value.
fn issue_facts(doc: &scraper::Html) -> std::collections::BTreeMap<String, String> {
    select(doc, "main table tr")
        .into_iter()
        .filter_map(|tr| {
            let th = select_in(tr, "th[scope=row]").into_iter().next()?;
            let td = select_in(tr, "td").into_iter().next()?;
            Some((text(th), text(td)))
        })
        .collect()
}

#[test]
fn issue_page_shows_every_field_of_the_issue_file() {
    let doc = page("issues/01/index.html");
    assert_eq!(texts(&doc, "h1"), ["问题1 城区燃煤小锅炉未按期淘汰"]);
    let facts = issue_facts(&doc);
    assert_eq!(facts["序号"], "1");
    assert_eq!(facts["类别"], "大气污染防治");
    assert_eq!(facts["整改类型"], "限期整改");
    assert_eq!(facts["整改时限"], "2023-12-31");
    assert_eq!(facts["牵头责任单位"], "市生态环境局");
    assert_eq!(facts["配合单位"], "市住房和城乡建设局、市市场监督管理局");
    assert_eq!(facts["责任领导"], "市政府分管副市长");
    let main = text(one(&doc, "main"));
    for written in [
        "城区仍有 12 台 10 蒸吨以下燃煤小锅炉在用。",
        "2023 年底前全部淘汰或完成清洁能源改造。",
        "开展全面排查，建立燃煤锅炉台账。",
        "实施“一炉一策”，逐台制定淘汰方案。",
        "完成排查建档",
        "完成淘汰改造",
        "细颗粒物（PM2.5）年均浓度",
    ] {
        assert!(main.contains(written), "issue 01 lacks “{written}”");
    }
    // Markdown in the description, its site link made relative.
    assert_eq!(texts(&doc, "main strong"), ["12 台"]);
    let links = attrs(&doc, "main a[href]", "href");
    assert!(links.contains(&"../../plan/index.html".to_string()), "{links:?}");
    assert!(links.contains(&"../../targets/pm25/index.html".to_string()), "{links:?}");

    // Long-term without deadline; moved deadlines with where they started.
    assert_eq!(issue_facts(&page("issues/05/index.html"))["整改时限"], "长期坚持");
    assert_eq!(
        issue_facts(&page("issues/02/index.html"))["整改时限"],
        "2024-09-30（原定 2023-12-31，调整 2 次）"
    );
    assert_eq!(issue_facts(&page("issues/06/index.html"))["整改类型"], "立行立改");
}

/// Per issue: the notes of its history in order, each with the changes it made.
#[allow(clippy::type_complexity)]
const HISTORIES: [(&str, &[(&str, &[&str])]); 11] = [
    (
        "01",
        &[
            ("2023-09-28-guolu-paicha", &["完成阶段目标1：完成排查建档"]),
            ("2023-11-25-guolu-gaizao", &["完成阶段目标2：完成淘汰改造"]),
            ("2023-12-20-guolu-wancheng", &["状态：整改中 → 已完成"]),
        ],
    ),
    (
        "02",
        &[
            ("2023-12-15-yangchen-yanqi", &["整改时限调整：2023-12-31 → 2024-06-30"]),
            ("2024-06-01-a", &["整改时限调整：2024-06-30 → 2024-09-30"]),
        ],
    ),
    ("03", &[("2024-02-01-yuanqu-guanwang", &[])]),
    ("04", &[("2024-02-01-yuanqu-guanwang", &[]), ("2024-05-20-guanwang", &[])]),
    ("05", &[("2024-04-10-shidi", &[])]),
    (
        "06",
        &[
            ("2023-08-20-jiegan", &["状态：整改中 → 已完成"]),
            ("2024-03-01-jiegan-fantan", &["状态：已完成 → 强化整改"]),
            ("2024-05-01-jiegan-yanqi", &["整改时限调整：2023-08-31 → 2024-08-31"]),
        ],
    ),
    ("07", &[("2024-01-15-zhongwuran", &["状态：整改中 → 长期坚持"])]),
    ("08", &[("2024-06-10-wushui", &[])]),
    (
        "09",
        &[
            ("2024-04-20-caoyuan-2", &["完成阶段目标2：完成第一批补播"]),
            ("2024-06-05-caoyuan-1", &["完成阶段目标1：完成治理方案"]),
        ],
    ),
    (
        "10",
        &[
            ("2023-08-10-youyan", &["状态：整改中 → 基本完成"]),
            ("2023-10-10-youyan-xiaohao", &["状态：基本完成 → 已销号"]),
        ],
    ),
    ("11", &[]),
];

#[test]
fn issue_histories_are_dated_timelines_of_every_change() {
    for (id, notes) in HISTORIES {
        let path = format!("issues/{id}/index.html");
        let doc = page(&path);
        let history = one(&doc, "#history");
        let entries = select_in(history, "[id^='note-']");
        let slugs: Vec<&str> = entries.iter().map(|e| &e.value().id().unwrap()["note-".len()..]).collect();
        let expected: Vec<&str> = notes.iter().map(|n| n.0).collect();
        assert_eq!(slugs, expected, "history of {id}");
        for (entry, (slug, changes)) in entries.iter().zip(notes.iter()) {
            let entry_text = text(*entry);
            for change in *changes {
                assert!(entry_text.contains(change), "{id}/{slug} lacks “{change}”: {entry_text}");
            }
            // Every entry is dated and links to its note.
            let time = select_in(*entry, "time[datetime]")
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("{id}/{slug}"));
            assert!(time.value().attr("datetime").unwrap().ends_with("+08:00"), "{id}/{slug}");
            let links: Vec<&str> =
                select_in(*entry, "a[href]").iter().map(|a| a.value().attr("href").unwrap()).collect();
            assert!(
                links.contains(&format!("../../updates/{slug}/index.html").as_str()),
                "{id}/{slug}: {links:?}"
            );
            if changes.is_empty() {
                assert!(
                    !entry_text.contains("→"),
                    "{id}/{slug} shows a change it did not make: {entry_text}"
                );
            }
        }

        // 最近更新 at the top, before the history.
        let main_html = one(&doc, "main").html();
        let latest = main_html.find("最近更新").unwrap_or_else(|| panic!("{id} has no 最近更新"));
        assert!(latest < main_html.find("id=\"history\"").unwrap(), "{id}: 最近更新 comes after the history");
        let latest_text: String = main_html[latest..].chars().take(120).collect();
        match notes.last() {
            Some((slug, _)) => assert!(latest_text.contains(&format!("#note-{slug}")), "{id}: {latest_text}"),
            None => assert!(latest_text.contains("暂无"), "{id}: {latest_text}"),
        }
    }
    // Times as written: an RFC 3339 note at its Beijing time, a date-only
    // note by its date alone (its datetime at 00:00).
    let doc = page("issues/08/index.html");
    let time = one(&doc, "#note-2024-06-10-wushui time");
    assert_eq!(time.value().attr("datetime"), Some("2024-06-10T08:00:00+08:00"));
    assert_eq!(text(time), "2024-06-10 08:00");
    let doc = page("issues/06/index.html");
    let time = one(&doc, "#note-2023-08-20-jiegan time");
    assert_eq!(time.value().attr("datetime"), Some("2023-08-20T00:00:00+08:00"));
    assert_eq!(text(time), "2023-08-20");
}

#[test]
fn status_and_schedule_on_issue_pages() {
    for (id, status, schedule, ..) in FACTS {
        let doc = page(&format!("issues/{id}/index.html"));
        let main = text(one(&doc, "main"));
        let head: String = main.split("最近更新").next().unwrap().to_string();
        assert!(head.contains(label(status)), "{id}: {head}");
        if schedule != "finished" {
            assert!(head.contains(schedule_label(schedule)), "{id}: {head}");
        }
    }
}

/// The milestone rows of an issue page: (number, date, goal, state).
fn milestones(id: &str) -> Vec<Vec<String>> {
    let doc = page(&format!("issues/{id}/index.html"));
    select(&doc, "main table")
        .into_iter()
        .filter(|t| select_in(*t, "thead th").into_iter().map(text).any(|h| h == "阶段目标"))
        .flat_map(|t| select_in(t, "tbody tr"))
        .map(|tr| select_in(tr, "td").into_iter().map(text).collect())
        .collect()
}

#[test]
fn milestones_reached_missed_and_still_open() {
    assert_eq!(
        milestones("09"),
        [
            ["1", "2024-03-31", "完成治理方案", "已完成 2024-06-05"],
            ["2", "2024-05-31", "完成第一批补播", "已完成 2024-04-20"],
            ["3", "2024-12-31", "完成全部治理", "未到期"],
        ]
    );
    assert_eq!(
        milestones("05"),
        [
            ["1", "2024-03-31", "拆除全部违规建筑", "未按期完成"],
            ["2", "2024-12-31", "完成植被恢复", "未到期"]
        ]
    );
    assert_eq!(
        milestones("01"),
        [
            ["1", "2023-09-30", "完成排查建档", "已完成 2023-09-28"],
            ["2", "2023-11-30", "完成淘汰改造", "已完成 2023-11-25"]
        ]
    );
    assert!(milestones("02").is_empty());
    // A reached milestone links to the note that reported it.
    let doc = page("issues/09/index.html");
    let hrefs = attrs(&doc, "main table a[href^='#note-']", "href");
    assert_eq!(hrefs, ["#note-2024-06-05-caoyuan-1", "#note-2024-04-20-caoyuan-2"]);
}

/// The note pages an updates list links to, in order.
fn listed_notes(path: &str, root: &str) -> Vec<String> {
    let doc = page(path);
    let mut slugs: Vec<String> = Vec::new();
    for href in attrs(&doc, "main a[href]", "href") {
        let Some(rest) = href.strip_prefix(root) else { continue };
        let Some(slug) = rest.strip_suffix("/index.html") else { continue };
        if !slug.contains('/') && slug != "page" && !slugs.iter().any(|s| s == slug) {
            slugs.push(slug.to_string());
        }
    }
    slugs
}

#[test]
fn updates_are_paginated_newest_first_with_ties_by_slug() {
    assert_eq!(listed_notes("updates/index.html", "../updates/"), PUBLISHED[..20]);
    assert_eq!(listed_notes("updates/page/2/index.html", "../../../updates/"), PUBLISHED[20..]);
    let doc = page("updates/index.html");
    assert!(attrs(&doc, "main a[href]", "href").contains(&"../updates/page/2/index.html".to_string()));
    let doc = page("updates/page/2/index.html");
    assert!(attrs(&doc, "main a[href]", "href").contains(&"../../../updates/index.html".to_string()));
}

#[test]
fn note_pages_link_their_issues_and_show_their_time() {
    let issue_links = |slug: &str| -> Vec<String> {
        let doc = page(&format!("updates/{slug}/index.html"));
        let mut links: Vec<String> = attrs(&doc, "main a[href*='issues/']", "href")
            .into_iter()
            .filter(|h| h.ends_with("/index.html") && h != "../../issues/index.html")
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        links.retain(|l| seen.insert(l.clone()));
        links
    };
    assert_eq!(
        issue_links("2024-02-01-yuanqu-guanwang"),
        ["../../issues/03/index.html", "../../issues/04/index.html"]
    );
    assert_eq!(issue_links("2023-12-15-yangchen-yanqi"), ["../../issues/02/index.html"]);
    for general in ["2023-07-20-plan", "2024-03-15-tuijinhui", "2024-06-01-b"] {
        assert!(issue_links(general).is_empty(), "{general}: {:?}", issue_links(general));
    }

    let doc = page("updates/2024-06-10-wushui/index.html");
    let main = text(one(&doc, "main"));
    assert!(main.contains("2024-06-10 08:00"), "{main}");
    let doc = page("updates/2023-09-28-guolu-paicha/index.html");
    let main = text(one(&doc, "main"));
    assert!(main.contains("2023-09-28 16:30") && main.contains("市生态环境局"), "{main}");
    assert!(main.contains("完成阶段目标1：完成排查建档"), "{main}");
    // A site link with a fragment, made relative.
    assert!(attrs(&doc, "main a[href]", "href").contains(&"../../issues/01/index.html#history".to_string()));
}

#[test]
fn special_characters_and_raw_html_are_text() {
    let doc = page("updates/2024-01-05-special/index.html");
    assert_eq!(texts(&doc, "h1"), ["排查发现问题 & 整改<完成> ]]> 🎉"]);
    assert!(select(&doc, "main script, main iframe").is_empty());
    let main = text(one(&doc, "main"));
    assert!(main.contains("<script>alert(\"x\")</script>"), "{main}");
    assert_eq!(attrs(&doc, "main img", "src"), ["../../files/photo.png"]);
    let links = attrs(&doc, "main a[href]", "href");
    assert!(links.contains(&"../../targets/pm25/index.html".to_string()), "{links:?}");
    assert!(links.contains(&"../../files/%E6%95%B4%E6%94%B9%E6%B8%85%E5%8D%95.csv".to_string()), "{links:?}");
}

#[test]
fn free_pages_with_navigation_in_their_order() {
    let doc = page("index.html");
    let nav = select(&doc, "nav")
        .into_iter()
        .find(|n| select_in(*n, "a[href='issues/index.html']").len() == 1)
        .expect("main navigation");
    let links: Vec<String> =
        select_in(nav, "a[href]").iter().map(|a| a.value().attr("href").unwrap().to_string()).collect();
    let plan = links.iter().position(|l| l == "plan/index.html").expect("整改方案 in the navigation");
    let about = links.iter().position(|l| l == "about/index.html").expect("关于本站 in the navigation");
    assert!(plan < about, "order 1 before order 2: {links:?}");
    // A page without `order` is not in the navigation, but is built.
    assert!(!links.iter().any(|l| l.starts_with("accessibility/")), "{links:?}");
    let doc = page("plan/index.html");
    assert_eq!(texts(&doc, "main h1"), ["整改方案"]);
    // The page's markdown heading sits below its title.
    assert_eq!(texts(&doc, "main h2"), ["工作目标"]);
    let main = text(one(&doc, "main"));
    assert!(main.contains("2023-07-17 09:54"), "the page's own date: {main}");
}

#[test]
fn unpublished_drafts_and_hidden_files_appear_nowhere() {
    let site = site();
    for entry in walkdir::WalkDir::new(site.out()).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let content = String::from_utf8_lossy(&bytes);
        let path = entry.path().display();
        for secret in
            [UNPUBLISHED, "扬尘问题整改完成", "另一条未发布的进展", "this is a draft", "ignored too"]
        {
            assert!(!content.contains(secret), "{path} shows “{secret}”");
        }
        assert!(!content.contains("_draft") && !content.contains(".backup"), "{path}");
    }
    // Its status change does not count either: 02 is still in progress.
    let doc = page("issues/02/index.html");
    assert!(!text(one(&doc, "#history")).contains("已完成"));
}

#[test]
fn bom_and_crlf_files_read_as_plain_text() {
    for file in ["issues/10.yaml", "notes/2023/2023-08-20-jiegan.md", "pages/accessibility.md"] {
        let raw = std::fs::read(common::fixture(&format!("full/content/{file}"))).unwrap();
        assert!(
            raw.starts_with(b"\xEF\xBB\xBF") && raw.windows(2).any(|w| w == b"\r\n"),
            "{file} lost its BOM/CRLF"
        );
    }
    assert_eq!(texts(&page("issues/10/index.html"), "h1"), ["问题10 餐饮油烟扰民"]);
    assert_eq!(texts(&page("accessibility/index.html"), "main h1"), ["无障碍声明"]);
    let doc = page("updates/2023-08-20-jiegan/index.html");
    assert!(text(one(&doc, "main")).contains("网格化巡查全面落实。"));
    for path in ["issues/10/index.html", "updates/2023-08-20-jiegan/index.html", "accessibility/index.html"] {
        let html = site().read(path);
        assert!(!html.contains('\r') && !html.contains('\u{feff}'), "{path}");
    }
}

/// The same content a day and a fortnight later: the facts move with the as-of date.
#[test]
fn facts_follow_the_as_of_date() {
    let facts = |as_of: &str| -> Vec<Value> {
        let built = common::build(&common::fixture("full"), as_of);
        serde_json::from_str(&built.read("data/issues.json")).unwrap()
    };
    let day_after = facts("2024-06-16");
    // 08's deadline was the as-of date: a day later it is overdue.
    assert_eq!(day_after[7]["schedule"], "overdue");
    assert_eq!(day_after[7]["due_soon"], false);
    assert_eq!(day_after[3]["due_soon"], true);

    let july = facts("2024-07-01");
    // The note of 2024-07-01 is published on its day and finishes 02.
    assert_eq!(july[1]["status"], "done");
    assert_eq!(july[1]["schedule"], "finished");
    assert_eq!(july[1]["notes"], 3);
    assert_eq!(july[1]["last_update"], "2024-07-01");
    // 04 is due in 9 days; 09 is still on schedule (its next milestone is in December).
    assert_eq!(july[3]["due_soon"], true);
    assert_eq!(july[8]["schedule"], "on-schedule");

    // A note at 08:00 on the as-of date is published that day.
    let that_day = facts("2024-06-10");
    assert_eq!(that_day[7]["notes"], 1);
    assert_eq!(that_day[7]["last_update"], "2024-06-10");
    let day_before = facts("2024-06-09");
    assert_eq!(day_before[7]["notes"], 0);
    assert_eq!(day_before[7]["last_update"], Value::Null);

    let before = facts("2024-04-19");
    // Before the note of 2024-04-20, 09 had missed its first milestone.
    assert_eq!(before[8]["schedule"], "behind");
    assert_eq!(before[8]["notes"], 0);
    // 06 was reopened but its deadline not yet moved: overdue.
    assert_eq!(before[5]["status"], "reopened");
    assert_eq!(before[5]["schedule"], "overdue");
}

#[test]
fn feeds_hold_the_published_notes_only() {
    let feed = site().read("feed.xml");
    // feed_items: 3 in site.yaml.
    assert_eq!(feed.matches("<item>").count(), 3);
    assert!(feed.contains("https://www.example.gov.cn/ztzl/dczg/updates/2024-06-10-wushui/"));
    let issue_feed = site().read("issues/02/feed.xml");
    assert_eq!(issue_feed.matches("<item>").count(), 2);
    assert!(!issue_feed.contains(UNPUBLISHED));
}

/// The home page names what needs attention: overdue issues first, then
/// those due soon, in ledger order; past ten, a link to all of them.
#[test]
fn home_page_lists_issues_needing_attention_up_to_ten() {
    let numbers = |site: &common::Built| -> Vec<String> {
        let doc = parse(&site.read("index.html"));
        texts(&doc, "ul.attention > li > a")
            .iter()
            .map(|t| t.split('：').next().unwrap().to_string())
            .collect()
    };
    let site = site();
    assert_eq!(numbers(site), ["问题3", "问题4", "问题8"]);
    assert!(!site.read("index.html").contains("需要关注的问题</a>"));

    let dir = common::copy_fixture("full");
    for n in 12..=24 {
        let yaml = format!(
            "number: {n}\ntitle: 新增逾期问题{n}\ncategory: 大气污染防治\nkind: short-term\ndeadline: 2023-12-31\n\
             responsible:\n  lead: [市生态环境局]\ndescription: 说明。\ngoal: 目标。\nmeasures: [措施。]\n"
        );
        std::fs::write(dir.path().join(format!("content/issues/{n}.yaml")), yaml).unwrap();
    }
    let more = common::build(dir.path(), common::FULL_AS_OF);
    let listed = numbers(&more);
    assert_eq!(
        listed,
        ["问题3", "问题12", "问题13", "问题14", "问题15", "问题16", "问题17", "问题18", "问题19", "问题20"]
    );
    let doc = parse(&more.read("index.html"));
    let link = one(&doc, "section[aria-labelledby='attention-heading'] p a");
    assert_eq!(text(link), "按整改进度查看全部 16 个需要关注的问题");
    assert_eq!(link.value().attr("href"), Some("issues/status.html"));
}
