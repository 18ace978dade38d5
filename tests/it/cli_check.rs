//! `gongkai check`: the rendered site's links and anchors, unpublished
//! notes, and `--strict`.

use crate::common;

fn check(root: &std::path::Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--as-of", common::FULL_AS_OF];
    args.extend_from_slice(extra);
    let out = common::gongkai(&args);
    (out.status.code(), common::stderr(&out))
}

#[test]
fn the_fixture_and_the_example_pass_the_rendered_link_check() {
    let (code, said) = check(&common::fixture("full"), &["--strict"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("已检查 5"), "{said}");
    assert!(said.contains("个页面中的全部站内链接和锚点"), "{said}");
    // Unpublished notes are listed, and checked.
    assert!(
        said.contains("以下 1 条进展的日期晚于统计日期 2024-06-15，暂不发布（已检查）：\n  content/notes/2024/2024-07-01-yangchen-wancheng.md（2024-07-01 00:00）扬尘问题整改完成"),
        "{said}"
    );

    let out = common::gongkai(&[
        "check",
        "--root",
        common::example_root().to_str().unwrap(),
        "--as-of",
        "2026-11-29",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}

#[test]
fn broken_links_and_anchors_in_pages_are_errors_at_their_source() {
    let site = common::copy_fixture("full");
    // A theme override whose page template has a missing file, a missing
    // anchor and a link to a folder.
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let page =
        std::fs::read_to_string(common::example_root().join("themes/default/templates/page.html")).unwrap();
    let broken = page.replacen(
        "{% block content %}",
        "{% block content %}<a href=\"{{ root }}nowhere.html\">甲</a><a href=\"#nope\">乙</a><a href=\"{{ root }}issues/\">丙</a>",
        1,
    );
    assert_ne!(broken, page);
    std::fs::write(templates.join("page.html"), broken).unwrap();
    // A note whose markdown points at anchors that do not exist.
    let note = site.path().join("content/notes/2024/2024-05-20-guanwang.md");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, format!("{text}\n见[上文](#shangwen)和[问题4](/issues/04/#histroy)。\n")).unwrap();

    let (code, said) = check(site.path(), &[]);
    assert_eq!(code, Some(1), "{said}");
    let errors: Vec<&str> = said.lines().filter(|l| l.contains(": 错误: ")).collect();
    let theme = "themes/default/templates/page.html: 错误: 3 个页面（例如 about/index.html）中的链接";
    let expected = [
        "content/notes/2024/2024-05-20-guanwang.md:8:2: 错误: 2 个页面（例如 issues/04/index.html）中的链接“#shangwen”指向本页中不存在的位置（没有 id=\"shangwen\" 的元素）".to_string(),
        "content/notes/2024/2024-05-20-guanwang.md:8:18: 错误: 2 个页面（例如 issues/04/index.html）中的链接“../../issues/04/index.html#histroy”指向的位置“#histroy”在 issues/04/index.html 中不存在（没有 id=\"histroy\" 的元素）".to_string(),
        format!("{theme}“#nope”指向本页中不存在的位置（没有 id=\"nope\" 的元素）"),
        format!("{theme}“../issues/”指向文件夹：从本地副本打开网站时，文件夹不会自动打开其中的 index.html，请写出文件名，指向 issues/index.html"),
        format!("{theme}“../nowhere.html”指向的 nowhere.html 不存在"),
    ];
    for e in &expected {
        assert!(errors.contains(&e.as_str()), "missing: {e}\nin:\n{said}");
    }
    // The note is shown on its own page and in the history of issue 04:
    // one mistake, reported once, at the line of the note.
    assert_eq!(errors.len(), expected.len(), "{said}");
    assert!(errors.iter().all(|e| e.starts_with("content/notes/") || e.starts_with("themes/")), "{said}");
    assert!(said.contains("检查完成："), "{said}");
}

#[test]
fn strict_check_fails_on_warnings() {
    let site = common::copy_fixture("full");
    std::fs::write(site.path().join("content/issues/readme.txt"), "说明").unwrap();
    let (code, said) = check(site.path(), &[]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("content/issues/readme.txt: 警告:"), "{said}");
    let (code, said) = check(site.path(), &["--strict"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("检查完成：1 个警告，严格模式（--strict）下按错误处理。"), "{said}");
}

/// The `path:line:column: 错误/警告` lines of a run.
fn diagnostics(said: &str) -> Vec<&str> {
    said.lines().filter(|l| l.contains(": 错误: ") || l.contains(": 警告: ")).collect()
}

#[test]
fn build_refuses_what_check_refuses_with_the_same_messages() {
    let site = common::copy_fixture("full");
    let note = site.path().join("content/notes/2024/2024-05-20-guanwang.md");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, format!("{text}\n见[上文](#shangwen)。\n\n【请填写】补充说明。\n")).unwrap();
    let issue = site.path().join("content/issues/01.yaml");
    let text = std::fs::read_to_string(&issue).unwrap();
    std::fs::write(&issue, format!("# 标有“【请填写】”的地方请改成实际内容\n{text}")).unwrap();

    let (code, checked) = check(site.path(), &[]);
    assert_eq!(code, Some(1), "{checked}");
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let build = common::gongkai(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--out",
        public.to_str().unwrap(),
        "--as-of",
        common::FULL_AS_OF,
    ]);
    let built = common::stderr(&build);
    assert_eq!(build.status.code(), Some(1), "{built}");
    assert!(!public.exists(), "a site with a broken anchor was written");
    assert_eq!(
        diagnostics(&built),
        [
            "content/notes/2024/2024-05-20-guanwang.md:8:2: 错误: 2 个页面（例如 issues/04/index.html）中的链接“#shangwen”指向本页中不存在的位置（没有 id=\"shangwen\" 的元素）",
            "content/notes/2024/2024-05-20-guanwang.md:10:1: 警告: 这里还是模板中的“【请填写】”，请改成实际内容后再发布",
        ],
        "the comment line of the issue file names the mark without being one"
    );
    assert_eq!(diagnostics(&checked), diagnostics(&built));
}

/// The ids and the `href`/`src`/`action` values of a page as a full HTML
/// parser (html5ever's tree builder, through scraper) reads them.
fn parsed(html: &str) -> (std::collections::BTreeSet<String>, Vec<String>) {
    let doc = scraper::Html::parse_document(html);
    let mut ids = std::collections::BTreeSet::new();
    let mut links = Vec::new();
    for el in doc.select(&scraper::Selector::parse("*").unwrap()) {
        let el = el.value();
        ids.extend(el.id().map(String::from));
        if el.name() == "a" {
            ids.extend(el.attr("name").map(String::from));
        }
        for attr in ["href", "src", "action"] {
            links.extend(el.attr(attr).map(|v| v.trim().to_string()));
        }
    }
    links.sort();
    (ids, links)
}

#[test]
fn the_link_scanner_reads_every_page_as_a_full_parser_does() {
    let sites = [
        common::build_full(),
        common::build(&common::fixture("feeds"), "2024-06-30"),
        common::build(&common::example_root(), "2026-11-29"),
    ];
    let mut pages = 0;
    for site in &sites {
        for entry in walkdir::WalkDir::new(site.out()) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "html") {
                continue;
            }
            let html = std::fs::read_to_string(entry.path()).unwrap();
            let scanned = gongkai::output::html_scan::scan(&html);
            let mut links = scanned.links.clone();
            links.sort();
            assert_eq!((scanned.ids, links), parsed(&html), "{}", entry.path().display());
            pages += 1;
        }
    }
    assert!(pages > 200, "{pages} pages");
}
