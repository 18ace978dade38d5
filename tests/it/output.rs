//! The output as a whole: relative links that work from disk and under any
//! sub-directory, no external resource, 404.html, pages that are valid HTML
//! as rendered, sitemap and robots, and what every page shows
//! (its time, the footer, the 示例数据 banner).

use crate::common;

use common::html::{attrs, one, parse, resolve, select, squeezed, text};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const BASE: &str = "https://www.example.gov.cn/ztzl/dczg/";

fn site() -> &'static common::Built {
    static SITE: OnceLock<common::Built> = OnceLock::new();
    SITE.get_or_init(common::build_full)
}

/// Every file of the build, relative, `/`-separated.
fn files() -> BTreeSet<String> {
    let out = site().out();
    walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/"))
        .collect()
}

fn pages() -> Vec<String> {
    files().into_iter().filter(|f| f.ends_with(".html")).collect()
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

fn has_scheme(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("//") || lower.split_once(':').is_some_and(|(s, _)| !s.is_empty() && !s.contains('/'))
}

/// The ids of the elements of a page.
fn ids(html: &str) -> BTreeSet<String> {
    select(&parse(html), "[id]").into_iter().filter_map(|e| e.value().id().map(str::to_string)).collect()
}

#[test]
fn every_internal_link_is_relative_and_resolves_on_disk() {
    let files = files();
    let mut checked = 0;
    let mut anchors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for page in pages().into_iter().filter(|p| p != "404.html") {
        let html = site().read(&page);
        let doc = parse(&html);
        for el in select(&doc, "[href], [src], [action], [srcset], [data]") {
            let name = el.value().name();
            for attr in ["href", "src", "action", "srcset", "data"] {
                let Some(url) = el.value().attr(attr) else { continue };
                if attr == "data" && name != "object" {
                    continue;
                }
                let what = format!("{page}: <{name} {attr}={url}>");
                assert!(!url.starts_with('/'), "{what}: site-absolute, breaks under a sub-directory");
                if has_scheme(url) {
                    let lower = url.to_ascii_lowercase();
                    let canonical = name == "link" && el.value().attr("rel") == Some("canonical");
                    if canonical {
                        assert!(url.starts_with(BASE), "{what}");
                    } else {
                        // Only plain links may leave the site, and none to itself.
                        assert!(name == "a", "{what}: an absolute URL where a relative one belongs");
                        assert!(
                            !url.starts_with(BASE) || url.contains('?'),
                            "{what}: a link into the site must be relative"
                        );
                        assert!(
                            ["https://", "http://", "mailto:", "tel:"].iter().any(|s| lower.starts_with(s)),
                            "{what}"
                        );
                    }
                    continue;
                }
                let (path, fragment) = url.split_once('#').map_or((url, None), |(p, f)| (p, Some(f)));
                let path = path.split('?').next().unwrap();
                let target = if path.is_empty() {
                    page.clone()
                } else {
                    resolve(&page, &decode(path)).unwrap_or_else(|| panic!("{what}: leaves the site"))
                };
                // From disk a folder does not open its index.html: links name the file.
                assert!(files.contains(&target), "{what}: {target} does not exist");
                if let Some(id) = fragment.filter(|f| !f.is_empty() && target.ends_with(".html")) {
                    let ids = anchors.entry(target.clone()).or_insert_with(|| ids(&site().read(&target)));
                    assert!(ids.contains(&decode(id)), "{what}: no id {id} in {target}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn no_external_resource_anywhere() {
    let is_external = |url: &str| {
        let lower = url.trim().to_ascii_lowercase();
        lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
    };
    for page in pages() {
        let html = site().read(&page);
        let doc = parse(&html);
        for (css, attr) in [
            ("script[src]", "src"),
            ("img[src]", "src"),
            ("img[srcset]", "srcset"),
            ("source[src]", "src"),
            ("source[srcset]", "srcset"),
            ("iframe[src]", "src"),
            ("frame[src]", "src"),
            ("embed[src]", "src"),
            ("object[data]", "data"),
            ("video[src]", "src"),
            ("audio[src]", "src"),
            ("video[poster]", "poster"),
            ("track[src]", "src"),
            ("input[src]", "src"),
        ] {
            for url in attrs(&doc, css, attr) {
                assert!(!is_external(&url), "{page}: <{css}> loads {url}");
            }
        }
        for link in select(&doc, "link[href]") {
            let rel = link.value().attr("rel").unwrap_or("");
            let url = link.value().attr("href").unwrap();
            // Canonical and feed links name pages; anything else would be loaded.
            if !matches!(rel, "canonical" | "alternate") {
                assert!(!is_external(url), "{page}: <link rel={rel}> loads {url}");
            }
        }
        assert!(select(&doc, "iframe, frame, embed, object, base").is_empty(), "{page}");
        for style in
            select(&doc, "style").into_iter().map(|s| s.inner_html()).chain(attrs(&doc, "[style]", "style"))
        {
            assert_css_is_local(&format!("{page} (inline)"), &style);
        }
    }
    for file in files() {
        if file.ends_with(".css") {
            assert_css_is_local(&file, &site().read(&file));
        }
    }
}

fn assert_css_is_local(what: &str, css: &str) {
    let lower = css.to_ascii_lowercase();
    assert!(!lower.contains("@import"), "{what} imports a stylesheet");
    for (i, _) in lower.match_indices("url(") {
        let arg = lower[i + 4..].trim_start_matches([' ', '"', '\'']);
        assert!(
            !(arg.starts_with("http:") || arg.starts_with("https:") || arg.starts_with("//")),
            "{what} loads {}",
            &css[i..(i + 60).min(css.len())]
        );
    }
}

#[test]
fn not_found_page_links_absolutely_and_inlines_its_css() {
    let html = site().read("404.html");
    let doc = parse(&html);
    assert!(select(&doc, "link[rel=stylesheet]").is_empty(), "404.html must not load a stylesheet");
    let css: String = select(&doc, "style").into_iter().map(|s| s.inner_html()).collect();
    // The theme's stylesheet, inside the page.
    let own_css = site().read("assets/style.css");
    assert!(
        css.len() * 2 > own_css.len(),
        "404.html holds {} bytes of CSS, the theme {}",
        css.len(),
        own_css.len()
    );
    let mut internal = 0;
    for el in select(&doc, "[href], [src], [action]") {
        for attr in ["href", "src", "action"] {
            let Some(url) = el.value().attr(attr) else { continue };
            if url.starts_with('#') {
                continue;
            }
            assert!(has_scheme(url), "404.html: {attr}={url} is relative; the page is shown at any depth");
            if let Some(rest) = url.strip_prefix(BASE) {
                internal += 1;
                // The URL names a file of the site.
                let rest = decode(rest);
                let rest = rest.split(['#', '?']).next().unwrap();
                let file = if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                };
                assert!(files().contains(&file), "404.html: {url} names no file");
            }
        }
    }
    assert!(internal >= 5, "404.html links home, ledger and updates");
}

#[test]
fn pages_are_written_as_built_and_parse_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let options = gongkai::publish::Options {
        root: common::fixture("full"),
        out: dir.path().join("public"),
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 6, 15).unwrap(),
        base_url: None,
        strict: false,
        changes: None,
        archive: None,
    };
    let published = gongkai::publish::publish(&options).unwrap_or_else(|e| panic!("{e:?}"));
    let manifest = published.outcome.manifest.as_ref().unwrap();
    let pages: Vec<_> = manifest.files.iter().filter(|f| f.path.ends_with(".html")).collect();
    assert!(pages.len() > 40);
    for page in pages {
        // The written file is the page as built, byte for byte.
        let written = std::fs::read(options.out.join(&page.path)).unwrap();
        assert_eq!(gongkai::digest::sha256_hex(&written), page.sha256, "{}", page.path);
        assert_eq!(written.len() as u64, page.size, "{}", page.path);
        // Valid: html5ever reports no parse error.
        let html = String::from_utf8(written).unwrap();
        assert_eq!(parse(&html).errors, Vec::<std::borrow::Cow<str>>::new(), "{}", page.path);
        // Links are written plainly, not with an entity for every `/`.
        assert!(!html.contains("&#x2F;"), "{}", page.path);
    }
}

#[test]
fn sitemap_and_robots() {
    let robots = site().read("robots.txt");
    assert!(robots.lines().any(|l| l == format!("Sitemap: {BASE}sitemap.xml")), "{robots}");
    assert!(robots.contains("User-agent: *"), "{robots}");

    let sitemap = site().read("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(sitemap.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).map(|s| s.split("</loc>").next().unwrap()).collect();
    let lastmods = sitemap.matches("<lastmod>").count();
    assert_eq!(lastmods, locs.len(), "every URL has its last change");
    let files = files();
    for loc in &locs {
        assert!(loc.starts_with(BASE), "{loc}");
        let rest = decode(&loc[BASE.len()..]);
        let file = if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest };
        assert!(files.contains(&file), "sitemap names {loc}, which is not built");
    }
    // Every issue, note, target and page of the fixture; no 404 page.
    for path in [
        "",
        "issues/",
        "issues/07/",
        "updates/",
        "updates/page/2/",
        "updates/2024-06-10-wushui/",
        "targets/pm25/",
        "plan/",
        "accessibility/",
    ] {
        assert!(locs.contains(&format!("{BASE}{path}").as_str()), "sitemap lacks {path}");
    }
    assert!(!sitemap.contains("404"), "the 404 page is not listed");
    assert!(locs.iter().filter(|l| l.contains("/updates/20")).count() == 21);
}

/// The first `YYYY-MM-DD HH:MM` right after `label` in `text`, if any.
fn time_after(text: &str, label: &str) -> Option<String> {
    text.match_indices(label).find_map(|(at, _)| {
        let rest = &text[at + label.len()..];
        let rest: String =
            rest.chars().skip_while(|c| *c == '：' || *c == ':' || c.is_whitespace()).take(16).collect();
        let shape = rest.chars().count() == 16
            && rest.char_indices().all(|(i, c)| match i {
                4 | 7 => c == '-',
                10 => c == ' ',
                13 => c == ':',
                _ => c.is_ascii_digit(),
            });
        shape.then_some(rest)
    })
}

#[test]
fn every_page_shows_its_time_the_footer_and_the_sample_banner() {
    for page in pages() {
        let doc = parse(&site().read(&page));
        let body = text(one(&doc, "body"));
        let time = time_after(&body, "更新时间").or_else(|| time_after(&body, "发布时间"));
        // release.html (本次更新) states its as-of date instead: see the README.
        assert!(
            time.is_some() || page == "release.html",
            "{page} shows no 更新时间/发布时间 YYYY-MM-DD HH:MM"
        );

        let footer = squeezed(&text(one(&doc, "footer")));
        for item in [
            "主办测试市人民政府",
            "承办测试市政务服务和数字化建设管理局",
            "联系方式0436-1234567",
            "网站标识码2208000099",
            "ICP备案号测ICP备12345678号",
            "公安备案号测公网安备22080202000001号",
        ] {
            assert!(footer.contains(item), "{page}: footer lacks {item}");
        }
        let icp: Vec<String> = select(&doc, "footer a[href]")
            .into_iter()
            .filter(|a| text(*a) == "测ICP备12345678号")
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(
            icp,
            ["https://beian.miit.gov.cn/"],
            "{page}: the ICP number links to the MIIT filing site"
        );
        // sample: true in site.yaml.
        assert!(squeezed(&body).contains("示例数据"), "{page} lacks the 示例数据 banner");
    }
    // Times of notes are their own; overview pages show the newest note's.
    let note = text(one(&parse(&site().read("updates/2023-09-28-guolu-paicha/index.html")), "body"));
    assert_eq!(time_after(&note, "发布时间").as_deref(), Some("2023-09-28 16:30"));
    let home = text(one(&parse(&site().read("index.html")), "body"));
    assert_eq!(time_after(&home, "更新时间").as_deref(), Some("2024-06-10 08:00"));
}

#[test]
fn a_real_site_has_no_sample_banner_and_no_empty_footer_items() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/issues")).unwrap();
    std::fs::write(
        root.join("content/site.yaml"),
        "title: 测试市督察整改信息公开\nbase_url: https://www.example.gov.cn/dczg/\nplan_date: 2024-01-01\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/issues/01.yaml"),
        "number: 1\ntitle: 标题\ncategory: 大气污染防治\nkind: long-term\nresponsible:\n  lead: [市生态环境局]\ndescription: 描述。\ngoal: 目标。\nmeasures: [措施。]\n",
    )
    .unwrap();
    let built = common::build(root, "2024-06-15");
    for page in ["index.html", "issues/index.html", "issues/01/index.html", "404.html"] {
        let doc = parse(&built.read(page));
        let body = squeezed(&text(one(&doc, "body")));
        assert!(!body.contains("示例数据"), "{page}");
        let footer = squeezed(&text(one(&doc, "footer")));
        for label in ["主办", "承办", "联系方式", "网站标识码", "ICP备案号", "公安备案号"]
        {
            assert!(!footer.contains(label), "{page}: footer shows an empty {label}");
        }
        // Without notes, the plan date stands for the update time.
        assert!(body.contains("更新时间：2024-01-0100:00"), "{page}: {body}");
    }
}
