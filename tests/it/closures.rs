//! 销号公示 and 验收 in the `closures` fixture: every state a notice goes
//! through, on the pages, the feed and the open data, as of 2024-06-05 and
//! day by day around a notice.

use crate::common;
use crate::common::html::{one, parse, select, select_in, text, texts};
use serde_json::Value;
use std::sync::OnceLock;

const AS_OF: &str = "2024-06-05";

fn site() -> &'static common::Built {
    static SITE: OnceLock<common::Built> = OnceLock::new();
    SITE.get_or_init(|| common::build(&common::fixture("closures"), AS_OF))
}

fn page(path: &str) -> scraper::Html {
    parse(&site().read(path))
}

/// An element's text with each run of white space as one space.
fn spaced(el: scraper::ElementRef) -> String {
    text(el).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn issues_json(site: &common::Built) -> Vec<Value> {
    serde_json::from_str::<Value>(&site.read("data/issues.json")).unwrap().as_array().unwrap().clone()
}

/// Per issue: its status, label and the v2 fields, as the open data says.
fn facts(site: &common::Built) -> Vec<[String; 9]> {
    let s = |v: &Value| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
    issues_json(site)
        .iter()
        .map(|i| {
            [
                s(&i["id"]),
                s(&i["status"]),
                s(&i["status_label"]),
                s(&i["finished"]),
                s(&i["publicity_from"]),
                s(&i["publicity_to"]),
                s(&i["closed_on"]),
                s(&i["acceptance_date"]),
                format!("{}/{}", s(&i["acceptance_level"]), s(&i["acceptance_by"])),
            ]
        })
        .collect()
}

#[test]
fn every_issue_has_its_computed_status_and_dates() {
    let row = |cells: [&str; 9]| cells.map(str::to_string);
    assert_eq!(
        facts(site()),
        [
            row([
                "01",
                "closed",
                "已销号",
                "true",
                "2024-03-05",
                "2024-03-11",
                "2024-03-15",
                "2024-03-01",
                "市级/市督察整改办"
            ]),
            row([
                "02",
                "publicizing",
                "销号公示中",
                "true",
                "2024-05-28",
                "2024-06-10",
                "null",
                "2024-05-24",
                "省级/省督察整改办"
            ]),
            row([
                "03",
                "publicizing",
                "公示期满，待销号",
                "true",
                "2024-05-06",
                "2024-05-12",
                "null",
                "2024-05-02",
                "市级/市督察整改办"
            ]),
            row([
                "04",
                "reopened",
                "强化整改",
                "false",
                "2024-04-01",
                "2024-04-07",
                "null",
                "2024-03-28",
                "县级/某县督察整改办"
            ]),
            row([
                "05",
                "closed",
                "已销号",
                "true",
                "2024-04-20",
                "2024-04-26",
                "2024-05-01",
                "2024-04-08",
                "市级/市督察整改办"
            ]),
            row(["06", "in-progress", "整改中", "false", "null", "null", "null", "null", "null/null"]),
            row([
                "07",
                "publicizing",
                "销号公示中",
                "true",
                "2024-06-10",
                "2024-06-20",
                "null",
                "2024-06-03",
                "市级/市督察整改办"
            ]),
            row([
                "08",
                "publicizing",
                "销号公示中",
                "true",
                "2024-05-28",
                "2024-06-10",
                "null",
                "2024-05-24",
                "省级/省督察整改办"
            ]),
        ]
    );
    // The CSV has the same columns, after the v1 ones.
    let csv = site().read("data/issues.csv");
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(
        header.ends_with(
            ",url,as_of,publicity_from,publicity_to,closed_on,acceptance_date,acceptance_level,acceptance_by,publicity_contact"
        ),
        "{header}"
    );
}

/// Issue 01 day by day: done, notice announced, in its period to its last
/// day, ended, closed.
#[test]
fn a_notice_day_by_day() {
    let root = common::fixture("closures");
    let days = [
        ("2024-03-03", "done", "已完成"),
        ("2024-03-04", "publicizing", "销号公示中"),
        ("2024-03-05", "publicizing", "销号公示中"),
        ("2024-03-11", "publicizing", "销号公示中"),
        ("2024-03-12", "publicizing", "公示期满，待销号"),
        ("2024-03-15", "closed", "已销号"),
    ];
    let mut states = Vec::new();
    for (day, status, label) in days {
        let built = common::build(&root, day);
        let issue = &issues_json(&built)[0];
        assert_eq!(
            (issue["status"].as_str(), issue["status_label"].as_str()),
            (Some(status), Some(label)),
            "{day}"
        );
        let html = parse(&built.read("issues/01/index.html"));
        assert_eq!(text(one(&html, ".status-line .tag")), label, "{day}");
        let boxed = select(&html, ".notice-box").first().map(|b| spaced(*b));
        states.push((day, boxed));
    }
    let boxed: Vec<Option<String>> = states.into_iter().map(|(_, b)| b).collect();
    assert_eq!(boxed[0], None);
    let announced = boxed[1].as_deref().unwrap();
    assert!(
        announced.contains("公示期：2024-03-05 至 2024-03-11（共 7 天），将于2024年3月5日开始公示。"),
        "{announced}"
    );
    assert!(boxed[2].as_deref().unwrap().contains("正在公示，还剩 6 天。"));
    assert!(
        boxed[2]
            .as_deref()
            .unwrap()
            .contains("对整改情况有异议的，请在公示期内反映：市督察整改办，电话 0436-3206855")
    );
    assert!(boxed[3].as_deref().unwrap().contains("正在公示，今天截止。"));
    assert!(
        boxed[4].as_deref().unwrap().contains("本问题的销号公示（2024-03-05 至 2024-03-11）已期满，待销号。")
    );
    assert_eq!(boxed[5], None);
}

#[test]
fn the_notices_page_lists_open_notices_then_past_ones_with_their_outcome() {
    let html = page("closures/index.html");
    assert_eq!(text(one(&html, "h1")), "销号公示");
    let rows = |table: usize| -> Vec<Vec<String>> {
        let tables = select(&html, "table.notices");
        select_in(tables[table], "tbody tr")
            .into_iter()
            .map(|tr| select_in(tr, "th, td").into_iter().map(|c| spaced(c)).collect())
            .collect()
    };
    // Soonest ending first; a notice announced for later is listed too.
    assert_eq!(
        rows(0),
        [
            [
                "问题2：第2个测试问题",
                "2024-05-28 至 2024-06-10（共 14 天）公示全文",
                "正在公示，还剩 5 天",
                "市督察整改办，电话 0436-3206855",
                "省级验收：2024-05-24，省督察整改办"
            ],
            [
                "问题8：第8个测试问题",
                "2024-05-28 至 2024-06-10（共 14 天）公示全文",
                "正在公示，还剩 5 天",
                "市督察整改办，电话 0436-3206855",
                "省级验收：2024-05-24，省督察整改办"
            ],
            [
                "问题7：第7个测试问题",
                "2024-06-10 至 2024-06-20（共 11 天）公示全文",
                "将于2024年6月10日开始公示",
                "市督察整改办，电话 0436-3206855",
                "市级验收：2024-06-03，市督察整改办"
            ],
        ]
    );
    // Newest first, each with how it ended and the note that decided it.
    let past: Vec<[String; 3]> =
        rows(1).into_iter().map(|r| [r[0].clone(), r[1].clone(), r[2].clone()]).collect();
    let p = |a: &str, b: &str, c: &str| [a.to_string(), b.to_string(), c.to_string()];
    assert_eq!(
        past,
        [
            p("问题3：第3个测试问题", "2024-05-06 至 2024-05-12（共 7 天）公示全文", "公示期满，待销号"),
            p(
                "问题5：第5个测试问题",
                "2024-04-20 至 2024-04-26（共 7 天）公示全文",
                "2024-05-01 销号查看结果"
            ),
            p(
                "问题5：第5个测试问题",
                "2024-04-10 至 2024-04-16（共 7 天）公示全文",
                "2024-04-20 重新公示查看结果"
            ),
            p(
                "问题4：第4个测试问题",
                "2024-04-01 至 2024-04-07（共 7 天）公示全文",
                "2024-04-05 转入强化整改查看结果"
            ),
            p(
                "问题1：第1个测试问题",
                "2024-03-05 至 2024-03-11（共 7 天）公示全文",
                "2024-03-15 销号查看结果"
            ),
        ]
    );
    let decided: Vec<String> = select(&html, "td[data-label=结果] a")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        decided,
        [
            "../updates/2024-05-01-closed-05/index.html",
            "../updates/2024-04-20-renotice-05/index.html",
            "../updates/2024-04-05-objection-04/index.html",
            "../updates/2024-03-15-closed-01/index.html",
        ]
    );
    assert!(spaced(one(&html, "main")).contains("已销号的问题 2 个，其中经过销号公示的 2 个。"));
}

#[test]
fn the_home_page_shows_the_notices_in_their_period_and_the_nav_links_them() {
    let html = page("index.html");
    let section = one(&html, "section[aria-labelledby=notices-heading]");
    assert!(spaced(section).contains("正在销号公示的问题 3 个。"));
    let links: Vec<String> = select_in(section, "li > a").into_iter().map(text).collect();
    assert_eq!(links, ["问题2：第2个测试问题", "问题8：第8个测试问题", "问题7：第7个测试问题"]);
    assert!(texts(&html, ".site-nav a").contains(&"销号公示".to_string()));
    // A site without notices has no such page, section or link.
    let full = common::build_full();
    assert!(!full.exists("closures/index.html"));
    let home = parse(&full.read("index.html"));
    assert!(select(&home, "section[aria-labelledby=notices-heading]").is_empty());
    assert!(!texts(&home, ".site-nav a").contains(&"销号公示".to_string()));
}

#[test]
fn an_issue_page_shows_its_acceptance_notices_and_history() {
    let html = page("issues/05/index.html");
    let facts: Vec<(String, String)> = select(&html, "table.facts")[0]
        .select(&common::html::sel("tr"))
        .map(|tr| (text(select_in(tr, "th")[0]), spaced(select_in(tr, "td")[0])))
        .collect();
    let get = |k: &str| facts.iter().find(|(h, _)| h == k).map(|(_, v)| v.as_str());
    assert_eq!(get("整改验收"), Some("市级验收：2024-04-08，市督察整改办"));
    assert_eq!(get("销号公示"), Some("2024-04-20 至 2024-04-26（2024-05-01 销号），共公示 2 次"));
    assert_eq!(get("销号日期"), Some("2024-05-01"));
    // In the history, each notice says how it ended for this issue.
    let entry = one(&html, "#note-2024-04-10-notice-05");
    let changes: Vec<String> = select_in(entry, ".changes li").into_iter().map(text).collect();
    assert_eq!(
        changes,
        ["市级整改验收：2024-04-08", "销号公示：2024-04-10 至 2024-04-16", "状态：已完成 → 销号公示中"]
    );
    let period = select_in(entry, ".closure-block td").into_iter().map(spaced).collect::<Vec<_>>();
    assert_eq!(period[3], "2024-04-10 至 2024-04-16（共 7 天） 2024-04-20 重新公示", "{period:?}");
    let renewed = one(&html, "#note-2024-04-20-renotice-05");
    let changes: Vec<String> = select_in(renewed, ".changes li").into_iter().map(text).collect();
    assert_eq!(changes, ["销号公示：2024-04-20 至 2024-04-26"]);
    // The acceptance opinion is markdown.
    let html = page("issues/01/index.html");
    assert_eq!(text(one(&html, "#note-2024-03-04-notice-01 .closure-block .prose strong")), "同意销号");
    // Reopened after an objection: unfinished again, with its new deadline.
    let html = page("issues/04/index.html");
    assert_eq!(texts(&html, ".status-line .tag"), ["强化整改", "达到序时进度"]);
    assert!(select(&html, ".notice-box").is_empty());
}

#[test]
fn a_note_page_and_its_feed_item_give_the_acceptance_and_the_notice() {
    let html = page("updates/2024-05-27-notice-02-08/index.html");
    let blocks = select(&html, ".closure-block");
    assert_eq!(blocks.len(), 2);
    let rows = |block: scraper::ElementRef| -> Vec<String> {
        select_in(block, "tr")
            .into_iter()
            .map(|tr| format!("{}：{}", spaced(select_in(tr, "th")[0]), spaced(select_in(tr, "td")[0])))
            .collect()
    };
    assert_eq!(text(select_in(blocks[0], "h2")[0]), "整改验收");
    assert_eq!(rows(blocks[0]), ["验收日期：2024-05-24", "验收层级：省级", "组织验收单位：省督察整改办"]);
    assert_eq!(text(select_in(blocks[1], "h2")[0]), "销号公示");
    assert_eq!(
        rows(blocks[1]),
        [
            "公示期：2024-05-28 至 2024-06-10（共 14 天） 正在公示，还剩 5 天",
            "意见反馈：市督察整改办，电话 0436-3206855"
        ]
    );
    assert_eq!(
        spaced(select_in(blocks[1], "p")[0]),
        "对公示的整改情况有异议的，请在公示期内通过以上方式反映。"
    );
    // A decided notice's note does not claim it is still open.
    let html = page("updates/2024-04-01-notice-04/index.html");
    assert!(!spaced(one(&html, "main")).contains("正在公示"));

    let feed: rss::Channel = site().read("feed.xml").parse().unwrap();
    let titles: Vec<&str> = feed.items().iter().filter_map(|i| i.title()).collect();
    assert!(
        titles.contains(
            &"【问题2、8 · 省级验收 · 销号公示2024-05-28至2024-06-10】问题2、8通过省级验收，拟销号公示"
        ),
        "{titles:?}"
    );
    assert!(
        titles.contains(
            &"【问题4 · 强化整改 · 时限调整至2024-09-30】公示期间群众反映问题4整改不到位，转入强化整改"
        ),
        "{titles:?}"
    );
    assert!(titles.contains(&"【问题1 · 已销号】问题1公示期满销号"), "{titles:?}");
    let item = feed.items().iter().find(|i| i.title().unwrap_or("").contains("问题2、8通过")).unwrap();
    let description = item.description().unwrap();
    assert!(
        description.contains("<p>整改验收：2024-05-24，省级验收，组织验收单位：省督察整改办。</p>"),
        "{description}"
    );
    assert!(
        description.contains("<p>销号公示：2024-05-28 至 2024-06-10（共 14 天）。对整改情况有异议的，请在公示期内向以下渠道反映：市督察整改办，电话 0436-3206855</p>"),
        "{description}"
    );
}

#[test]
fn the_ledger_groups_and_the_workbook_know_the_new_status() {
    let html = page("issues/status.html");
    assert_eq!(text(one(&html, "#progress-publicizing-heading")), "销号公示中（4个）");
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(site().bytes("data/issues.xlsx"))).unwrap();
    let range = book.worksheet_range("问题整改台账").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    assert_eq!(rows[1][col("整改状态")], "已销号");
    assert_eq!(rows[1][col("销号日期")], "2024-03-15");
    assert_eq!(rows[1][col("整改验收")], "市级验收：2024-03-01，市督察整改办");
    assert_eq!(rows[3][col("整改状态")], "公示期满，待销号");
    assert_eq!(rows[3][col("销号公示")], "2024-05-06 至 2024-05-12（7 天）");
}

/// The example: five issues closed after acceptance and a notice, one of
/// them reopened after an objection first, and issue 16 in its period.
#[test]
fn the_example_closes_after_notices_and_has_one_in_its_period() {
    let example = common::build(&common::example_root(), "2026-11-29");
    let html = parse(&example.read("closures/index.html"));
    let tables = select(&html, "table.notices");
    let open: Vec<String> = select_in(tables[0], "tbody th").into_iter().map(spaced).collect();
    assert_eq!(open, ["问题16：部分规模养殖场粪污处理设施不配套，粪污直排现象时有发生"]);
    let outcomes: Vec<String> =
        select_in(tables[1], "td[data-label=结果] .tag").into_iter().map(spaced).collect();
    assert_eq!(
        outcomes,
        [
            "2024-09-20 销号",
            "2024-09-13 销号",
            "2024-04-26 转入强化整改",
            "2024-04-19 销号",
            "2024-03-22 销号",
            "2023-12-15 销号"
        ]
    );
    let home = parse(&example.read("index.html"));
    assert!(
        spaced(one(&home, "section[aria-labelledby=notices-heading]")).contains("正在销号公示的问题 1 个。")
    );
    let issues = issues_json(&example);
    let closed: Vec<&str> = issues
        .iter()
        .filter(|i| i["closed_on"].is_string() && i["publicity_to"].is_string())
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(closed, ["02", "07", "09", "14", "20"]);
}
