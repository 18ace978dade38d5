//! Feeds of the `full` fixture (as of 2024-06-15) and of the `feeds`
//! fixture (as of 2024-06-30: special characters, several issues per note,
//! ties, a long-term issue given a deadline), parsed with the rss crate and
//! checked with an independent parser (Python's feedparser).

use crate::common;

use crate::common::python::{all_feeds, python_check};
use common::Built;

const FULL: &str = "https://www.example.gov.cn/ztzl/dczg/";
const FEEDS: &str = "https://data.example.gov.cn/dczg/";
const FEEDS_AS_OF: &str = "2024-06-30";

fn build_feeds_fixture() -> Built {
    common::build(&common::fixture("feeds"), FEEDS_AS_OF)
}

fn channel(site: &Built, path: &str) -> rss::Channel {
    site.read(path).parse().unwrap_or_else(|e| panic!("{path} is not RSS: {e}"))
}

fn guids(c: &rss::Channel) -> Vec<&str> {
    c.items().iter().map(|i| i.guid().expect("guid").value()).collect()
}

fn titles(c: &rss::Channel) -> Vec<&str> {
    c.items().iter().map(|i| i.title().expect("title")).collect()
}

fn dates(c: &rss::Channel) -> Vec<&str> {
    c.items().iter().map(|i| i.pub_date().expect("pubDate")).collect()
}

fn categories(item: &rss::Item) -> Vec<&str> {
    item.categories().iter().map(|c| c.name()).collect()
}

fn note_url(base: &str, slug: &str) -> String {
    format!("{base}updates/{slug}/")
}

fn self_link(c: &rss::Channel) -> &str {
    let atom = c.atom_ext().expect("atom extension");
    let links: Vec<&str> = atom.links().iter().filter(|l| l.rel() == "self").map(|l| l.href()).collect();
    assert_eq!(links.len(), 1, "one atom:link rel=self");
    links[0]
}

#[test]
fn site_feed_has_the_newest_feed_items_notes() {
    let site = common::build_full();
    let c = channel(&site, "feed.xml");
    assert_eq!(c.title(), "测试市督察整改信息公开：整改进展");
    assert_eq!(c.link(), FULL);
    assert_eq!(c.description(), "测试市生态环境保护督察反馈问题整改进展");
    assert_eq!(c.language(), Some("zh-cn"));
    assert_eq!(c.last_build_date(), Some("Mon, 10 Jun 2024 08:00:00 +0800"));
    assert_eq!(self_link(&c), format!("{FULL}feed.xml"));
    // feed_items is 3; 2024-06-01-a and -b share a date: a comes first.
    let slugs = ["2024-06-10-wushui", "2024-06-05-caoyuan-1", "2024-06-01-a"];
    let urls: Vec<String> = slugs.iter().map(|s| note_url(FULL, s)).collect();
    assert_eq!(guids(&c), urls);
    for item in c.items() {
        assert_eq!(item.link(), item.guid().map(|g| g.value()));
        assert!(item.guid().unwrap().is_permalink());
    }
    assert_eq!(
        titles(&c),
        [
            "【问题8】乡镇污水处理站恢复运行",
            "【问题9 · 完成阶段目标1】草原治理方案印发",
            "【问题2 · 时限调整至2024-09-30】扬尘整治时限再次调整"
        ]
    );
    assert_eq!(
        dates(&c),
        [
            "Mon, 10 Jun 2024 08:00:00 +0800",
            "Wed, 05 Jun 2024 00:00:00 +0800",
            "Sat, 01 Jun 2024 00:00:00 +0800"
        ]
    );
    assert_eq!(categories(&c.items()[0]), ["水污染防治"]);
    assert_eq!(categories(&c.items()[1]), ["生态保护修复"]);
    assert_eq!(categories(&c.items()[2]), ["大气污染防治"]);
    assert_eq!(
        c.items()[2].description(),
        Some(concat!(
            "<ul><li>整改时限调整：2024-06-30 → 2024-09-30</li></ul>\n",
            "<p>因部分工地停工，时限再次调整。</p>\n",
            "<p>涉及问题：<a href=\"https://www.example.gov.cn/ztzl/dczg/issues/02/\">问题2：建筑工地扬尘管控不到位</a></p>",
        ))
    );
    // Not yet published on the as-of date.
    assert!(!site.read("feed.xml").contains("yangchen-wancheng"));
}

#[test]
fn status_feed_has_only_status_and_deadline_changes() {
    let site = common::build_full();
    let c = channel(&site, "updates/status.xml");
    assert_eq!(c.title(), "测试市督察整改信息公开：整改状态与时限变化");
    assert_eq!(c.link(), format!("{FULL}issues/"));
    assert_eq!(c.language(), Some("zh-cn"));
    assert_eq!(self_link(&c), format!("{FULL}updates/status.xml"));
    // Milestone-only and plain notes (06-10, 06-05) are left out; at most feed_items.
    let slugs = ["2024-06-01-a", "2024-05-01-jiegan-yanqi", "2024-03-01-jiegan-fantan"];
    assert_eq!(guids(&c), slugs.iter().map(|s| note_url(FULL, s)).collect::<Vec<_>>());
    assert_eq!(
        titles(&c),
        [
            "【问题2 · 时限调整至2024-09-30】扬尘整治时限再次调整",
            "【问题6 · 时限调整至2024-08-31】秸秆焚烧强化整改时限确定",
            "【问题6 · 强化整改】秸秆焚烧问题出现反弹",
        ]
    );
    assert_eq!(c.last_build_date(), Some("Sat, 01 Jun 2024 00:00:00 +0800"));
}

#[test]
fn every_issue_has_a_feed_of_all_its_notes() {
    let site = common::build_full();
    for n in 1..=11 {
        assert!(site.exists(&format!("issues/{n:02}/feed.xml")), "issue {n:02} has no feed");
    }
    let c = channel(&site, "issues/06/feed.xml");
    assert_eq!(c.title(), "问题6：秸秆露天焚烧反弹 - 测试市督察整改信息公开");
    assert_eq!(c.link(), format!("{FULL}issues/06/"));
    assert_eq!(self_link(&c), format!("{FULL}issues/06/feed.xml"));
    let slugs = ["2024-05-01-jiegan-yanqi", "2024-03-01-jiegan-fantan", "2023-08-20-jiegan"];
    assert_eq!(guids(&c), slugs.iter().map(|s| note_url(FULL, s)).collect::<Vec<_>>());
    assert_eq!(titles(&c)[2], "【问题6 · 已完成】秸秆焚烧专项整治完成");
    // An issue without notes: an empty feed dated by the site's newest note.
    let c = channel(&site, "issues/11/feed.xml");
    assert!(c.items().is_empty());
    assert_eq!(c.last_build_date(), Some("Mon, 10 Jun 2024 08:00:00 +0800"));
}

#[test]
fn special_characters_survive_in_titles_bodies_and_categories() {
    let site = build_feeds_fixture();
    let c = channel(&site, "issues/01/feed.xml");
    assert_eq!(c.title(), "问题1：锅炉 & 管网 <整改> ]]> 问题 🎉 - 特殊字符市 & <督察> 整改公开");
    let joint = c
        .items()
        .iter()
        .find(|i| i.link() == Some(&note_url(FEEDS, "2024-01-10-joint")))
        .expect("joint note");
    // Two issues, numbered in ledger order, and the change they share.
    assert_eq!(joint.title(), Some("【问题1、2 · 时限调整至2024-09-30】联合整改 & <推进> ]]> 🎉"));
    assert_eq!(joint.pub_date(), Some("Wed, 10 Jan 2024 09:30:00 +0800"));
    assert_eq!(categories(joint), ["大气, 水 & <综合>", "大气污染防治"]);
    let body = joint.description().expect("description");
    assert_eq!(
        body,
        concat!(
            "<ul><li>问题1：整改时限调整：2024-03-31 → 2024-09-30</li><li>问题2：整改时限调整：2024-12-31 → 2024-09-30</li></ul>\n",
            "<p>联合推进：A &amp; B &lt; C ]]&gt; D 🎉，代码 <code>]]&gt;</code>。</p>\n",
            "<p><img src=\"https://data.example.gov.cn/dczg/files/%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.png\" alt=\"现场照片\" /></p>\n",
            "<p>见<a href=\"https://data.example.gov.cn/dczg/issues/01/#history\">问题1</a>、",
            "<a href=\"https://data.example.gov.cn/dczg/updates/2024-01-10-joint/#main\">详情</a>和",
            "<a href=\"https://www.mee.gov.cn/\">生态环境部</a>。</p>\n",
            "<p>涉及问题：<a href=\"https://data.example.gov.cn/dczg/issues/01/\">问题1：锅炉 &amp; 管网 &lt;整改&gt; ]]&gt; 问题 🎉</a>；",
            "<a href=\"https://data.example.gov.cn/dczg/issues/02/\">问题2：建筑工地扬尘</a></p>\n",
            "<p>信息来源：市整改办 &amp; &lt;督察组&gt;</p>",
        )
    );
    // The raw XML keeps the CDATA section well-formed around `]]>`.
    let xml = site.read("issues/01/feed.xml");
    assert!(
        xml.contains(
            "<title>【问题1、2 · 时限调整至2024-09-30】联合整改 &amp; &lt;推进&gt; ]]&gt; 🎉</title>"
        ),
        "{xml}"
    );
}

#[test]
fn issue_feeds_are_not_capped_and_keep_ties_in_slug_order() {
    let site = build_feeds_fixture();
    // feed_items is 3, but an issue feed holds every published note about it.
    let c = channel(&site, "issues/01/feed.xml");
    let slugs = ["2024-06-01-more", "2024-02-01-x", "2024-02-01-y", "2024-01-10-joint"];
    assert_eq!(guids(&c), slugs.iter().map(|s| note_url(FEEDS, s)).collect::<Vec<_>>());
    // Setting the status it already has is no change: no status in the title.
    assert_eq!(titles(&c)[1], "【问题1】例行检查 x");
    let site_feed = channel(&site, "feed.xml");
    let slugs = ["2024-06-01-more", "2024-05-01-done", "2024-04-01-general"];
    assert_eq!(guids(&site_feed), slugs.iter().map(|s| note_url(FEEDS, s)).collect::<Vec<_>>());
    // A general note has no issue and no category.
    assert_eq!(titles(&site_feed)[2], "四月工作通报");
    assert!(site_feed.items()[2].categories().is_empty());
    assert_eq!(dates(&site_feed)[2], "Mon, 01 Apr 2024 18:05:00 +0800");
    // Without a description in site.yaml the channel still describes itself.
    assert_eq!(site_feed.description(), "特殊字符市 & <督察> 整改公开的全部整改进展");
    assert!(!site.read("feed.xml").contains("2024-12-01-future"));
}

#[test]
fn status_feed_counts_a_first_deadline_and_skips_repeated_status() {
    let site = build_feeds_fixture();
    let c = channel(&site, "updates/status.xml");
    let slugs = ["2024-05-01-done", "2024-03-01-wetland", "2024-01-10-joint"];
    assert_eq!(guids(&c), slugs.iter().map(|s| note_url(FEEDS, s)).collect::<Vec<_>>());
    assert_eq!(
        titles(&c),
        [
            "【问题2 · 已完成】扬尘整改完成",
            "【问题3 · 时限定为2025-12-31】湿地保护确定完成时限",
            "【问题1、2 · 时限调整至2024-09-30】联合整改 & <推进> ]]> 🎉",
        ]
    );
}

#[test]
fn feeds_are_byte_identical_across_builds() {
    let (one, two) = (build_feeds_fixture(), build_feeds_fixture());
    for path in ["feed.xml", "updates/status.xml", "issues/01/feed.xml", "issues/03/feed.xml"] {
        assert_eq!(one.bytes(path), two.bytes(path), "{path} differs between builds");
    }
}

#[test]
fn pages_announce_their_feeds() {
    let site = common::build_full();
    let alternates = |path: &str| -> Vec<String> {
        let html = scraper::Html::parse_document(&site.read(path));
        let sel = scraper::Selector::parse(r#"link[rel="alternate"][type="application/rss+xml"]"#).unwrap();
        html.select(&sel).map(|e| e.value().attr("href").unwrap_or_default().to_string()).collect()
    };
    assert_eq!(alternates("index.html"), ["feed.xml", "updates/status.xml"]);
    assert_eq!(alternates("updates/page/2/index.html"), ["../../../feed.xml", "../../../updates/status.xml"]);
    assert_eq!(
        alternates("issues/06/index.html"),
        ["../../feed.xml", "../../updates/status.xml", "../../issues/06/feed.xml"]
    );
    // A visible 订阅 link on every page and the issue's own feed on its page.
    let links = |path: &str| -> Vec<(String, String)> {
        let html = scraper::Html::parse_document(&site.read(path));
        let sel = scraper::Selector::parse("a[href]").unwrap();
        html.select(&sel)
            .map(|a| (a.text().collect::<String>(), a.value().attr("href").unwrap().to_string()))
            .collect()
    };
    let home = links("index.html");
    assert!(home.iter().any(|(t, h)| t.contains("订阅") && h == "feed.xml"), "{home:?}");
    assert!(home.iter().any(|(t, h)| t.contains("订阅") && h == "data/subscribe/index.html"), "{home:?}");
    let issue = links("issues/06/index.html");
    assert!(
        issue.iter().any(|(t, h)| t.contains("订阅本问题") && h == "../../issues/06/feed.xml"),
        "{issue:?}"
    );
}

#[test]
fn subscribe_page_lists_every_feed_with_its_address() {
    let site = common::build_full();
    let html = scraper::Html::parse_document(&site.read("data/subscribe/index.html"));
    let sel = scraper::Selector::parse("main a.url").unwrap();
    let feeds: Vec<(String, String)> = html
        .select(&sel)
        .map(|a| (a.value().attr("href").unwrap().to_string(), a.text().collect()))
        .collect();
    let mut expected = vec![
        ("../../feed.xml".to_string(), format!("{FULL}feed.xml")),
        ("../../updates/status.xml".to_string(), format!("{FULL}updates/status.xml")),
    ];
    for n in 1..=11 {
        expected.push((format!("../../issues/{n:02}/feed.xml"), format!("{FULL}issues/{n:02}/feed.xml")));
    }
    expected.push(("../../data/deadlines.ics".to_string(), format!("{FULL}data/deadlines.ics")));
    assert_eq!(feeds, expected);
    let h1 = scraper::Selector::parse("h1").unwrap();
    assert_eq!(html.select(&h1).next().unwrap().text().collect::<String>(), "订阅整改进展");
}

#[test]
fn every_feed_passes_feedparser_on_the_fixtures() {
    let site = common::build_full();
    let feeds = all_feeds(&site);
    assert_eq!(feeds.len(), 13);
    let report = python_check(&site, FULL, &feeds);
    let feed = &report["files"]["feed.xml"];
    assert_eq!(feed["items"].as_array().unwrap().len(), 3);
    assert_eq!(feed["items"][0]["guid"], note_url(FULL, "2024-06-10-wushui"));

    let site = build_feeds_fixture();
    let feeds = all_feeds(&site);
    let report = python_check(&site, FEEDS, &feeds);
    // feedparser reads the special characters back exactly.
    let item = &report["files"]["issues/01/feed.xml"]["items"][3];
    assert_eq!(item["title"], "【问题1、2 · 时限调整至2024-09-30】联合整改 & <推进> ]]> 🎉");
    assert_eq!(item["published"], "Wed, 10 Jan 2024 09:30:00 +0800");
    assert_eq!(item["categories"], serde_json::json!(["大气, 水 & <综合>", "大气污染防治"]));
    assert!(item["description"].as_str().unwrap().contains("A &amp; B &lt; C ]]&gt; D 🎉"));
}

#[test]
fn every_feed_of_the_example_site_passes_feedparser() {
    let site = common::build(&common::example_root(), "2026-11-29");
    let feeds = all_feeds(&site);
    assert_eq!(feeds.len(), 2 + 28);
    python_check(&site, "https://www.example.gov.cn/ztzl/dczg/", &feeds);
}
