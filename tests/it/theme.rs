//! The default theme as built pages show it: structure that accessibility
//! relies on, the conventions of government sites, the ledger views, the
//! search index and self-containment. The browser suite (tests/browser/)
//! checks the same pages in Chromium with axe-core and the Nu checker.

use crate::common;
use crate::common::html::{resolve, sel, text};

use scraper::{ElementRef, Html};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn html_pages(out: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    pages.sort();
    pages
}

fn meta(doc: &Html, name: &str) -> Option<String> {
    doc.select(&sel(&format!(r#"meta[name="{name}"]"#)))
        .next()
        .and_then(|m| m.value().attr("content"))
        .map(String::from)
}

fn is_external(url: &str) -> bool {
    url.starts_with("//") || url.contains("://") || url.starts_with("data:")
}

/// Checks every page of a built site; returns the problems found.
fn structural_problems(site: &common::Built, title: &str) -> Vec<String> {
    let out = site.out();
    let mut problems = Vec::new();
    let mut fail = |page: &str, what: String| problems.push(format!("{page}: {what}"));
    for page in html_pages(&out) {
        let doc = Html::parse_document(&site.read(&page));
        let html = doc.root_element();
        if html.value().attr("lang") != Some("zh-CN") {
            fail(&page, "lang is not zh-CN".into());
        }
        let h1s = doc.select(&sel("h1")).count();
        if h1s != 1 {
            fail(&page, format!("{h1s} h1 elements"));
        }
        // Headings never skip a level downwards.
        let mut last = 1;
        for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
            let level = h.value().name()[1..].parse::<usize>().unwrap();
            if level > last + 1 {
                fail(&page, format!("h{level} after h{last}: {}", text(h)));
            }
            last = level;
        }
        let first_link = doc.select(&sel("body a")).next();
        if first_link.and_then(|a| a.value().attr("href")) != Some("#main")
            || doc.select(&sel("main#main")).count() != 1
        {
            fail(&page, "the first link is not a skip link to main#main".into());
        }
        if meta(&doc, "renderer").as_deref() != Some("webkit") {
            fail(&page, "no renderer=webkit meta".into());
        }
        let xua = doc.select(&sel(r#"meta[http-equiv="X-UA-Compatible"]"#)).next();
        if xua.and_then(|m| m.value().attr("content")) != Some("IE=edge") {
            fail(&page, "no X-UA-Compatible meta".into());
        }
        if meta(&doc, "SiteName").as_deref() != Some(title) {
            fail(&page, "SiteName is not the site title".into());
        }
        if meta(&doc, "SiteDomain").as_deref() != Some("www.example.gov.cn") {
            fail(&page, "SiteDomain is not the host of base_url".into());
        }
        if page != "404.html" && meta(&doc, "ColumnName").is_none_or(|c| c.is_empty()) {
            fail(&page, "no ColumnName".into());
        }
        // The large-text toggle: a real toggle button, hidden until the script runs.
        let toggle = doc.select(&sel("button.text-size-toggle")).next();
        if toggle.is_none_or(|b| {
            b.value().attr("aria-pressed") != Some("false") || b.value().attr("hidden").is_none()
        }) {
            fail(&page, "no hidden text-size toggle with aria-pressed=false".into());
        }
        // The stored text size is applied in <head>, before the stylesheet.
        let head_script = doc.select(&sel("head script")).next().map(text).unwrap_or_default();
        let head = site.read(&page);
        let script_at = head.find("gongkai-text-size");
        let style_at = head.find("rel=\"stylesheet\"").or_else(|| head.find("<style>"));
        if !head_script.contains("large-text")
            || script_at.is_none()
            || style_at.is_none()
            || script_at > style_at
        {
            fail(&page, "the text size is not applied before the stylesheet".into());
        }
        // Every <time> has a machine-readable date.
        for t in doc.select(&sel("time")) {
            let dt = t.value().attr("datetime").unwrap_or("");
            let ok = chrono::NaiveDate::parse_from_str(dt, "%Y-%m-%d").is_ok()
                || chrono::DateTime::parse_from_rfc3339(dt).is_ok();
            if !ok {
                fail(&page, format!("time without a valid datetime: {dt:?}"));
            }
        }
        // Self-contained: nothing is loaded from anywhere else.
        let loads = "script[src], img[src], iframe, source, video, audio, object, embed, link[href]";
        for e in doc.select(&sel(loads)) {
            let v = e.value();
            let rel = v.attr("rel").unwrap_or("");
            if v.name() == "link" && ["canonical", "alternate"].contains(&rel) {
                continue;
            }
            let url = v.attr("src").or(v.attr("href")).or(v.attr("data")).unwrap_or("");
            if v.name() == "iframe" || url.is_empty() || is_external(url) {
                fail(&page, format!("loads an outside resource: <{} {url}>", v.name()));
            }
        }
        // The accessibility statement is one click away from every page.
        let statement = doc
            .select(&sel(".site-footer a"))
            .find(|a| text(*a) == "无障碍声明")
            .and_then(|a| a.value().attr("href").map(String::from));
        let expected = if page == "404.html" {
            Some("https://www.example.gov.cn/ztzl/dczg/accessibility/index.html".to_string())
        } else {
            statement
                .as_deref()
                .map(|h| resolve(&page, h).unwrap_or_default())
                .filter(|p| p == "accessibility/index.html")
                .and(statement.clone())
        };
        if statement.is_none() || statement != expected {
            fail(&page, format!("footer link to the accessibility statement is {statement:?}"));
        }
    }
    problems
}

#[test]
fn every_page_of_the_fixture_has_the_accessible_structure() {
    let site = common::build_full();
    let problems = structural_problems(&site, "测试市督察整改信息公开");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_page_of_the_example_has_the_accessible_structure() {
    let site = common::build(&common::example_root(), "2026-11-29");
    let problems = structural_problems(&site, "白城市第二轮省级生态环境保护督察整改信息公开");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The stylesheet and scripts load nothing from elsewhere either.
    for asset in ["assets/style.css", "assets/site.js", "assets/search.js"] {
        let body = site.read(asset);
        assert!(
            !body.contains("@import") && !body.contains("url(http") && !body.contains("//cdn"),
            "{asset}"
        );
    }
}

#[test]
fn article_pages_carry_the_monitoring_tags() {
    let site = common::build_full();
    let note = Html::parse_document(&site.read("updates/2023-09-28-guolu-paicha/index.html"));
    assert_eq!(meta(&note, "ColumnName").as_deref(), Some("整改进展"));
    assert_eq!(meta(&note, "ArticleTitle").as_deref(), Some("完成城区燃煤小锅炉排查建档"));
    assert_eq!(meta(&note, "PubDate").as_deref(), Some("2023-09-28 16:30"));
    assert_eq!(meta(&note, "ContentSource").as_deref(), Some("市生态环境局"));
    assert_eq!(meta(&note, "SiteIDCode").as_deref(), Some("2208000099"));

    let issue = Html::parse_document(&site.read("issues/01/index.html"));
    assert_eq!(meta(&issue, "ColumnName").as_deref(), Some("整改台账"));
    assert_eq!(meta(&issue, "ArticleTitle").as_deref(), Some("问题1：城区燃煤小锅炉未按期淘汰"));

    let page = Html::parse_document(&site.read("plan/index.html"));
    assert_eq!(meta(&page, "ColumnName").as_deref(), Some("整改方案"));
    assert_eq!(meta(&page, "PubDate").as_deref(), Some("2023-07-17 09:54"));
    assert_eq!(meta(&page, "ContentSource").as_deref(), Some("测试市人民政府"));

    // Overview pages are columns, not articles.
    let ledger = Html::parse_document(&site.read("issues/index.html"));
    assert_eq!(meta(&ledger, "ColumnName").as_deref(), Some("整改台账"));
    assert_eq!(meta(&ledger, "ArticleTitle"), None);
    let home = Html::parse_document(&site.read("index.html"));
    assert_eq!(meta(&home, "ColumnName").as_deref(), Some("首页"));
}

fn error_report_link(doc: &Html) -> Option<String> {
    doc.select(&sel(".site-footer a"))
        .find(|a| text(*a) == "我为政府网站找错")
        .and_then(|a| a.value().attr("href").map(String::from))
}

#[test]
fn error_report_link_carries_site_code_and_page_url() {
    let site = common::build_full();
    let issue = Html::parse_document(&site.read("issues/07/index.html"));
    assert_eq!(
        error_report_link(&issue).as_deref(),
        Some(
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=2208000099\
             &url=https%3A%2F%2Fwww.example.gov.cn%2Fztzl%2Fdczg%2Fissues%2F07%2F"
        )
    );
    let summary = Html::parse_document(&site.read("issues/print.html"));
    assert_eq!(
        error_report_link(&summary).as_deref(),
        Some(
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=2208000099\
             &url=https%3A%2F%2Fwww.example.gov.cn%2Fztzl%2Fdczg%2Fissues%2Fprint.html"
        )
    );
    // 404.html stands for any address, so it has no page URL to report.
    assert_eq!(error_report_link(&Html::parse_document(&site.read("404.html"))), None);
}

#[test]
fn without_a_site_code_there_is_no_error_report_link() {
    let dir = common::copy_fixture("full");
    let yaml = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let without: String =
        text.lines().filter(|l| !l.contains("site_code")).map(|l| format!("{l}\n")).collect();
    assert_ne!(text, without);
    std::fs::write(&yaml, without).unwrap();
    let site = common::build(dir.path(), common::FULL_AS_OF);
    for page in ["index.html", "issues/07/index.html"] {
        let doc = Html::parse_document(&site.read(page));
        assert_eq!(error_report_link(&doc), None, "{page}");
        assert_eq!(meta(&doc, "SiteIDCode"), None, "{page}");
        assert!(meta(&doc, "SiteName").is_some(), "{page}");
    }
}

#[test]
fn read_aloud_is_offered_on_issue_and_note_pages_only() {
    let site = common::build_full();
    for page in html_pages(&site.out()) {
        let doc = Html::parse_document(&site.read(&page));
        let boxes: Vec<ElementRef> = doc.select(&sel(".read-aloud")).collect();
        let article_page = page.starts_with("issues/") && page.matches('/').count() == 2
            || page.starts_with("updates/")
                && page.matches('/').count() == 2
                && !page.starts_with("updates/page/");
        assert_eq!(boxes.len(), usize::from(article_page), "{page}");
        if let Some(b) = boxes.first() {
            // Hidden until the script finds speech synthesis; it reads the article.
            assert!(b.value().attr("hidden").is_some(), "{page}");
            let target = b.value().attr("data-read").unwrap();
            assert_eq!(doc.select(&sel(&format!("article#{target}"))).count(), 1, "{page}");
        }
    }
}

fn issues_json(site: &common::Built) -> Vec<Value> {
    serde_json::from_str::<Value>(&site.read("data/issues.json")).unwrap().as_array().unwrap().clone()
}

/// Issue page paths listed in the ledger tables of `section`.
fn ledger_rows(section: ElementRef) -> Vec<String> {
    section
        .select(&sel("table.ledger tbody th a"))
        .map(|a| resolve("issues/x.html", a.value().attr("href").unwrap()).unwrap())
        .collect()
}

#[test]
fn ledger_by_progress_puts_each_issue_in_one_group_with_counts() {
    let site = common::build_full();
    let issues = issues_json(&site);
    let doc = Html::parse_document(&site.read("issues/status.html"));
    let mut seen: Vec<String> = Vec::new();
    let mut expected_groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for i in &issues {
        let key = if i["finished"].as_bool().unwrap() { &i["status"] } else { &i["schedule"] };
        let path = format!("issues/{}/index.html", i["id"].as_str().unwrap());
        expected_groups.entry(key.as_str().unwrap().to_string()).or_default().push(path);
    }
    for section in doc.select(&sel("main section[id^=progress-]")) {
        let key = section.value().id().unwrap().trim_start_matches("progress-").to_string();
        let rows = ledger_rows(section);
        let want = expected_groups.remove(&key).unwrap_or_default();
        assert_eq!(rows, want, "group {key}");
        let heading = text(section.select(&sel("h2")).next().unwrap());
        assert!(heading.ends_with(&format!("（{}个）", want.len())), "{heading}");
        // The count table links to the group with the same number.
        let count_row = doc
            .select(&sel("table.group-counts tbody tr"))
            .find(|tr| {
                tr.select(&sel("a")).any(|a| a.value().attr("href") == Some(&format!("#progress-{key}")))
            })
            .unwrap();
        assert_eq!(text(count_row.select(&sel("td")).next().unwrap()), want.len().to_string());
        seen.extend(rows);
    }
    assert!(expected_groups.is_empty(), "groups missing from the page: {expected_groups:?}");
    assert_eq!(seen.len(), issues.len());
    // The fixture reaches the states that matter.
    assert!(doc.select(&sel("#progress-overdue table.ledger tbody tr")).count() > 0);
    assert!(doc.select(&sel("#progress-behind table.ledger tbody tr")).count() > 0);
}

#[test]
fn ledger_by_unit_lists_every_lead_and_support_unit() {
    let site = common::build_full();
    let issues = issues_json(&site);
    let doc = Html::parse_document(&site.read("issues/units.html"));
    let units: BTreeMap<String, ElementRef> = doc
        .select(&sel("main section[id^=unit-]"))
        .map(|s| (text(s.select(&sel("h2")).next().unwrap()), s))
        .collect();
    let mut lead: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut support: BTreeMap<String, usize> = BTreeMap::new();
    for i in &issues {
        let path = format!("issues/{}/index.html", i["id"].as_str().unwrap());
        for u in i["lead"].as_array().unwrap() {
            lead.entry(u.as_str().unwrap().into()).or_default().push(path.clone());
        }
        for u in i["support"].as_array().unwrap() {
            *support.entry(u.as_str().unwrap().into()).or_default() += 1;
        }
    }
    for (unit, paths) in &lead {
        let section = units.get(unit).unwrap_or_else(|| panic!("no section for {unit}"));
        assert_eq!(&ledger_rows(*section), paths, "{unit}");
    }
    for (unit, n) in &support {
        let section = units.get(unit).unwrap_or_else(|| panic!("no section for {unit}"));
        assert_eq!(section.select(&sel("h3 + ul > li")).count(), *n, "{unit}");
    }
    let all: std::collections::BTreeSet<&String> = lead.keys().chain(support.keys()).collect();
    assert_eq!(units.len(), all.len());
}

#[test]
fn printable_summary_has_every_issue_with_its_status_in_words() {
    let site = common::build_full();
    let issues = issues_json(&site);
    let doc = Html::parse_document(&site.read("issues/print.html"));
    let rows: Vec<ElementRef> = doc.select(&sel("table.summary tbody tr")).collect();
    assert_eq!(rows.len(), issues.len());
    for (row, issue) in rows.iter().zip(&issues) {
        let cells: Vec<String> = row.select(&sel("td, th")).map(text).collect();
        assert_eq!(cells[0], issue["number"].to_string());
        assert_eq!(cells[1], issue["title"].as_str().unwrap());
        assert!(cells[4].starts_with(issue["status_label"].as_str().unwrap()), "{cells:?}");
        if issue["schedule"] == "overdue" {
            assert!(cells[4].contains("逾期"), "{cells:?}");
        }
    }
    // A landscape page, set by the page itself.
    assert!(site.read("issues/print.html").contains("A4 landscape"));
}

#[test]
fn search_index_covers_issues_notes_targets_and_pages() {
    let site = common::build_full();
    let docs = common::search::docs(&site);
    let urls: Vec<&str> = docs.iter().map(|d| d["url"].as_str().unwrap()).collect();
    let notes = site.read("data/notes.csv").lines().count() - 1;
    let targets =
        serde_json::from_str::<Value>(&site.read("data/targets.json")).unwrap().as_array().unwrap().len();
    assert_eq!(docs.len(), issues_json(&site).len() + notes + targets + 3);
    for url in &urls {
        assert!(site.exists(url), "{url}");
    }
    assert!(urls.contains(&"issues/01/index.html") && urls.contains(&"accessibility/index.html"));
    // A note not yet published is not searchable.
    assert!(!urls.iter().any(|u| u.contains("yangchen-wancheng")));
    let (_, shards) = common::search::meta(&site);
    for n in 0..shards {
        assert!(!site.read(&format!("search/i/{n}.js")).contains("yangchen"), "piece {n}");
    }

    // 锅炉 (boiler): issue 1 by its title (weight 5 per occurrence, flag 1) and the notes about it.
    let entries = common::search::entries(&site, "锅炉");
    let hits: BTreeMap<&str, (u32, u32)> = entries.iter().map(|e| (urls[e.0 as usize], (e.1, e.2))).collect();
    assert!(hits["issues/01/index.html"].0 >= 5 && hits["issues/01/index.html"].1 & 1 == 1, "{hits:?}");
    assert!(hits.contains_key("updates/2023-09-28-guolu-paicha/index.html"), "{hits:?}");
    // In document order; a character alone finds what its words find.
    assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
    let single: Vec<u32> = common::search::entries(&site, "*锅").iter().map(|e| e.0).collect();
    assert!(entries.iter().all(|e| single.contains(&e.0)));
}

#[test]
fn search_page_works_without_javascript_as_a_list_of_ways_in() {
    let site = common::build_full();
    let doc = Html::parse_document(&site.read("search/index.html"));
    let form = doc.select(&sel("form#search-form[role=search]")).next().unwrap();
    assert_eq!(form.value().attr("action"), Some("index.html"));
    assert_eq!(doc.select(&sel(r#"label[for="search-q"]"#)).count(), 1);
    assert!(doc.select(&sel(".nojs-only")).next().is_some_and(|p| text(p).contains("JavaScript")));
    let links: Vec<String> = doc
        .select(&sel(".search-browse a"))
        .map(|a| resolve("search/index.html", a.value().attr("href").unwrap()).unwrap())
        .collect();
    for want in ["issues/index.html", "issues/status.html", "issues/units.html", "updates/index.html"] {
        assert!(links.iter().any(|l| l == want), "{want} in {links:?}");
    }
    let scripts: Vec<&str> =
        doc.select(&sel("script[src]")).map(|s| s.value().attr("src").unwrap()).collect();
    assert_eq!(scripts, ["search-data.js", "../assets/search.js", "../assets/site.js"]);
    // Every other page has the search box in its header, leading here.
    let home = Html::parse_document(&site.read("issues/07/index.html"));
    let header_form = home.select(&sel(".site-header form[role=search]")).next().unwrap();
    assert_eq!(header_form.value().attr("action"), Some("../../search/index.html"));
}
