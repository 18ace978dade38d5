//! The 交办件 section of the `cases` fixture, as of 2024-06-15: read from
//! tables in every shape (two-row merged header, merged cells, numbers as
//! text, .xls, CSV in UTF-8 and GB18030), published by date, and shown on
//! every page, feed and data file it belongs to.

use crate::common;
use crate::common::html::{attrs, one, parse, select, select_in, squeezed, text, texts};
use serde_json::{Value, json};
use std::sync::OnceLock;

const BASE: &str = "https://www.example.gov.cn/cases-test/";

fn site() -> &'static common::Built {
    static SITE: OnceLock<common::Built> = OnceLock::new();
    SITE.get_or_init(|| common::build(&common::fixture("cases"), common::FULL_AS_OF))
}

fn page(path: &str) -> scraper::Html {
    parse(&site().read(path))
}

fn cases_json() -> Vec<Value> {
    serde_json::from_str::<Value>(&site().read("data/cases.json")).unwrap().as_array().unwrap().clone()
}

#[test]
fn every_case_is_read_with_its_current_values() {
    let cases = cases_json();
    let ids: Vec<&str> = cases.iter().map(|c| c["id"].as_str().unwrap()).collect();
    // Batch 3 is published on 2024-07-01: not yet.
    assert_eq!(ids, ["2023001", "2023002", "2023003", "B-1", "B-2"]);
    // A number typed as a number is its digits; the header over two rows
    // (整改情况, 问责 情况) read as the lower cells; the update applied.
    assert_eq!(
        cases[0],
        json!({
            "id": "2023001", "summary": "城东某砖厂烟尘扰民，\n夜间尤其严重。", "district": "东城区",
            "types": ["大气", "噪声"], "verified": "除尘设施未运行。", "truth": "属实",
            "handling": "已完成除尘设施改造，恢复生产。", "accountability": "约谈镇分管领导。", "state": "已办结",
            "lead": ["东城区人民政府"], "issues": ["01"], "duplicate_of": null, "batch": 1,
            "received": "2023-04-12", "published": "2023-04-20", "last_update": "2023-09-30",
            "url": format!("{BASE}cases/2023001/"),
        })
    );
    // 责任单位 merged down over two cases; 是 is 已办结; 「01、02」 two issues.
    assert_eq!(cases[1]["lead"], json!(["东城区人民政府"]));
    assert_eq!(cases[1]["state"], "已办结");
    assert_eq!(cases[1]["types"], json!(["固废"]));
    assert_eq!(cases[1]["issues"], json!(["01", "02"]));
    // The .xls: other header words, a mapped header, a repeat, units split
    // outside brackets only, 否 updated to 已办结 by a lower-case id.
    assert_eq!(cases[3]["summary"], "砖厂烟尘扰民（重复反映）。");
    assert_eq!(cases[3]["duplicate_of"], "2023001");
    assert_eq!(cases[3]["lead"], json!(["东城区人民政府", "市生态环境局"]));
    assert_eq!((&cases[3]["state"], &cases[3]["last_update"]), (&json!("已办结"), &json!("2023-09-30")));
    assert_eq!(cases[4]["lead"], json!(["各县（市、区）政府"]));
    assert_eq!(cases[4]["types"], json!(["噪声"]));
    assert_eq!(cases[4]["truth"], "基本属实");

    let csv = site().read("data/cases.csv");
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "id,summary,district,types,verified,truth,handling,accountability,state,lead,issues,duplicate_of,batch,received,published,last_update,url"
    );
    assert!(csv.contains("B-1,砖厂烟尘扰民（重复反映）。,东城区,大气,"), "{csv}");
    assert!(csv.contains(",东城区人民政府；市生态环境局,,2023001,2,"), "{csv}");
}

#[test]
fn the_overview_counts_and_draws_by_district_and_type() {
    let doc = page("cases/index.html");
    assert_eq!(text(one(&doc, "h1")), "测试市督察交办信访件办理情况");
    let figures: Vec<String> = texts(&doc, ".figures li").iter().map(|f| squeezed(f)).collect();
    assert_eq!(figures, ["5交办件（件）", "80.0%属实率", "100.0%办结率", "1有问责情况（件）"]);
    let summary = squeezed(&text(select(&doc, "#case-overview-heading + ul + p")[0]));
    assert_eq!(
        summary,
        "共交办5件（其中重复交办1件）。经调查核实，属实、基本属实或部分属实4件，属实率80.0%（在有核实结论的5件中）；已办结5件，办结率100.0%。"
    );
    let counts = |caption: &str| -> Vec<Vec<String>> {
        let table = select(&doc, "table.counts")
            .into_iter()
            .find(|t| text(select_in(*t, "caption")[0]) == caption)
            .unwrap_or_else(|| panic!("no table {caption}"));
        select_in(table, "tbody tr")
            .into_iter()
            .map(|r| select_in(r, "th, td").into_iter().map(text).collect())
            .collect()
    };
    assert_eq!(counts("各行政区域的交办件"), [["东城区", "3", "60.0%"], ["西城区", "2", "40.0%"]]);
    assert_eq!(
        counts("各污染类型的交办件"),
        [["大气", "3", "60.0%"], ["噪声", "2", "40.0%"], ["固废", "1", "20.0%"]]
    );
    assert_eq!(
        counts("按是否属实"),
        [
            ["属实", "2", "40.0%"],
            ["基本属实", "1", "20.0%"],
            ["部分属实", "1", "20.0%"],
            ["不属实", "1", "20.0%"]
        ]
    );
    // Every case is 已办结 by now: the update closed the last two.
    assert_eq!(counts("按办理状态"), [["已办结", "5", "100.0%"]]);
    // The charts say what they show to those who cannot see them.
    let labels = attrs(&doc, "figure.bar-chart svg.chart-wide", "aria-label");
    assert_eq!(
        labels,
        ["按行政区域（件）：东城区3件，西城区2件", "按污染类型（件）：大气3件，噪声2件，固废1件"]
    );
    let bars: Vec<String> = select(&doc, "figure.bar-chart svg.chart-wide")[0]
        .select(&scraper::Selector::parse("rect").unwrap())
        .map(|r| r.value().attr("width").unwrap().to_string())
        .collect();
    let (a, b): (f64, f64) = (bars[0].parse().unwrap(), bars[1].parse().unwrap());
    assert!((a / b - 1.5).abs() < 0.01, "{bars:?}");
    // The batches published, and the update with what it changed.
    assert_eq!(texts(&doc, "table.case-batches tbody th"), ["第1批交办件", "第2批交办件"]);
    assert_eq!(text(one(&doc, "#update-2023-09-30 h3")), "整改进展更新（2023-09-30）");
    let updated = texts(&doc, "#update-2023-09-30 li");
    assert_eq!(
        updated,
        ["2023001处理和整改情况：已完成除尘设施改造，恢复生产。办理状态：已办结", "B-1办理状态：已办结"]
    );
}

#[test]
fn a_batch_page_shows_the_table_as_published_and_the_state_now() {
    let doc = page("cases/batch/1/index.html");
    assert_eq!(text(one(&doc, "h1")), "第1批交办件");
    let headings = texts(&doc, "table.cases thead th");
    assert_eq!(
        headings,
        [
            "受理编号",
            "反映问题",
            "行政区域",
            "污染类型",
            "调查核实情况",
            "是否属实",
            "处理和整改情况",
            "问责情况",
            "办理状态",
            "责任单位",
            "关联问题",
            "目前状态"
        ]
    );
    let first = select(&doc, "table.cases tbody tr")[0];
    let cells: Vec<String> = select_in(first, "td").into_iter().map(text).collect();
    assert_eq!(cells[7], "阶段性办结", "as published");
    assert_eq!(cells[10], "已办结 有新进展", "as now");
    assert_eq!(
        attrs(&doc, "table.cases tbody th a", "href"),
        [
            "../../../cases/2023001/index.html",
            "../../../cases/2023002/index.html",
            "../../../cases/2023003/index.html"
        ]
    );
    // Batch 3 is not published yet.
    assert!(!site().exists("cases/batch/3/index.html"));
    assert!(!site().exists("cases/C-1/index.html"));
}

#[test]
fn a_case_page_has_every_field_and_its_dated_history() {
    let doc = page("cases/2023001/index.html");
    assert_eq!(text(one(&doc, "h1")), "交办件 2023001");
    let facts: Vec<(String, String)> = select(&doc, "table.facts tr")
        .into_iter()
        .map(|r| (text(select_in(r, "th")[0]), text(select_in(r, "td")[0])))
        .collect();
    let get = |k: &str| facts.iter().find(|(h, _)| h == k).map(|(_, v)| v.as_str()).unwrap_or("");
    assert_eq!(get("批次"), "第1批交办件（2023-04-12 交办）");
    assert_eq!(get("污染类型"), "大气、噪声");
    assert_eq!(get("办理状态"), "已办结");
    assert_eq!(get("关联问题"), "问题1：测试问题1");
    assert_eq!(get("再次交办"), "B-1");
    let history = texts(&doc, "#case-history > ol > li");
    assert_eq!(
        history,
        [
            "2023-04-12 督察组第1批交办",
            "2023-04-20 公开第1批交办件办理情况",
            "2023-09-30 整改进展更新（2023-09-30） 处理和整改情况：已完成除尘设施改造，恢复生产。办理状态：已办结",
        ]
    );
    let repeat = page("cases/B-1/index.html");
    let facts = squeezed(&text(one(&repeat, "table.facts")));
    assert!(facts.contains("重复交办与2023001反映的是同一问题"), "{facts}");
    // The issue pages list the cases that name them.
    assert_eq!(texts(&page("issues/01/index.html"), ".case-links li a"), ["2023001", "2023002"]);
    assert_eq!(texts(&page("issues/02/index.html"), ".case-links li a"), ["2023002"]);
}

#[test]
fn the_feed_has_one_item_per_published_table_newest_first() {
    let channel: rss::Channel = site().read("cases/feed.xml").parse().expect("feed parses");
    let titles: Vec<&str> = channel.items().iter().map(|i| i.title().unwrap()).collect();
    assert_eq!(
        titles,
        ["交办件整改进展更新（2023-09-30，2件）", "第2批交办件办理情况（2件）", "第1批交办件办理情况（3件）"]
    );
    let links: Vec<&str> = channel.items().iter().map(|i| i.link().unwrap()).collect();
    assert_eq!(
        links,
        [
            format!("{BASE}cases/#update-2023-09-30"),
            format!("{BASE}cases/batch/2/"),
            format!("{BASE}cases/batch/1/")
        ]
    );
    assert_eq!(channel.items()[2].pub_date(), Some("Thu, 20 Apr 2023 00:00:00 +0800"));
    assert_eq!(channel.link(), format!("{BASE}cases/"));
    let body = channel.items()[2].description().unwrap();
    assert!(body.contains(&format!("<a href=\"{BASE}cases/2023001/\">2023001</a>")), "{body}");
    common::python::python_check(site(), BASE, &["cases/feed.xml".to_string()]);
}

#[test]
fn cases_are_searched_listed_in_the_sitemap_and_on_the_home_page() {
    let docs = common::search::docs(site());
    let case =
        docs.iter().position(|d| d["url"] == "cases/2023001/index.html").expect("the case is searchable")
            as u32;
    let found = |key: &str| common::search::entries(site(), key).iter().any(|e| e.0 == case);
    assert!(found("2023001"), "a case is found by its number");
    assert!(found("东城"), "and by a place");
    let sitemap = site().read("sitemap.xml");
    assert!(
        sitemap.contains(&format!(
            "<loc>{BASE}cases/2023001/</loc><lastmod>2023-09-30T00:00:00+08:00</lastmod>"
        ))
    );
    assert!(sitemap.contains(&format!("<loc>{BASE}cases/batch/2/</loc>")));
    let home = squeezed(&text(one(&page("index.html"), "main")));
    assert!(
        home.contains(
            "督察组共交办群众信访举报件5件，属实或部分属实4件（属实率80.0%），已办结5件（办结率100.0%）。"
        ),
        "{home}"
    );
    let nav = texts(&page("index.html"), ".site-nav a");
    assert!(nav.contains(&"交办件".to_string()), "{nav:?}");
    let release = squeezed(&text(one(&page("release.html"), "main")));
    assert!(release.contains("交办件5件"), "{release}");
    let data = parse(&site().read("data/index.html"));
    let files = texts(&data, "table.data-files tbody th");
    assert!(
        files.contains(&"cases.csv".to_string()) && files.contains(&"cases.json".to_string()),
        "{files:?}"
    );
    assert_eq!(select(&data, "dl[data-file=cases] dt").len(), 17);
}

#[test]
fn the_search_page_says_cases_are_searched_and_links_them() {
    let search = page("search/index.html");
    assert_eq!(
        text(one(&search, "label[for=search-q]")),
        "搜索督察反馈问题、整改进展、目标指标、交办件和本站页面"
    );
    assert!(
        text(one(&search, "#search-hint"))
            .ends_with("查询信访举报的办理情况，请输入交办件的受理编号或所在地名。")
    );
    assert!(attrs(&search, ".search-browse a", "href").contains(&"../cases/index.html".to_string()));
    // A site without the section does not mention it.
    let full = common::build_full();
    let search = parse(&full.read("search/index.html"));
    assert_eq!(text(one(&search, "label[for=search-q]")), "搜索督察反馈问题、整改进展、目标指标和本站页面");
    assert!(!full.read("search/index.html").contains("交办件"));
}
