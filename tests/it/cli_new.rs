//! `gongkai new` and `gongkai init`: templates with every field explained,
//! dated today (here `--as-of`), that refuse to overwrite and build at once.

use crate::common;

use scraper::{Html, Selector};

const TODAY: &str = "2024-06-15";

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = common::gongkai(args);
    (out.status.code(), common::stderr(&out))
}

/// Every YAML key line (`key:` at the start of a line, commented out or
/// not) follows a comment line that explains it in Chinese.
fn assert_every_field_explained(text: &str, what: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let mut keys = 0;
    for (i, line) in lines.iter().enumerate() {
        let field = line.trim_start_matches("# ").trim_start();
        let is_key = field.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !line.contains('（')
        });
        if !is_key || *line == "---" {
            continue;
        }
        keys += 1;
        let explained = lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim_start())
            .take_while(|l| l.starts_with('#') || l.is_empty())
            .any(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        assert!(explained, "{what}: “{line}” has no Chinese comment above it");
    }
    assert!(keys >= 3, "{what}: found only {keys} fields");
}

#[test]
fn init_makes_a_site_root_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("新网站");
    let (code, said) = run(&["init", root.to_str().unwrap(), "--as-of", TODAY]);
    assert_eq!(code, Some(0), "{said}");
    for rel in [
        "content/site.yaml",
        "content/issues/01.yaml",
        "content/notes/2024/2024-06-15-zhenggai-qidong.md",
        "content/targets/pm25.yaml",
        "content/pages/accessibility.md",
    ] {
        let text = std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(text.contains(TODAY), "{rel} has no date");
        assert!(!text.contains("{{") && !text.contains("{%"), "{rel} has template tags left");
        assert_every_field_explained(&text, rel);
    }
    assert!(root.join("content/files").is_dir());

    let (out, build) = common::try_build(&root, TODAY);
    assert!(build.status.success(), "{}", common::stderr(&build));
    let public = out.path().join("public");
    let page = std::fs::read_to_string(public.join("accessibility/index.html")).unwrap();
    let doc = Html::parse_document(&page);
    let h1: Vec<String> =
        doc.select(&Selector::parse("main h1").unwrap()).map(|e| e.text().collect()).collect();
    assert_eq!(h1, ["无障碍声明"]);
    for page in [
        "index.html",
        "issues/01/index.html",
        "updates/2024-06-15-zhenggai-qidong/index.html",
        "targets/pm25/index.html",
    ] {
        assert!(public.join(page).is_file(), "{page}");
    }
    // The placeholders are warnings: the site builds, but a strict check refuses it.
    let said = common::stderr(&build);
    assert!(said.contains("content/issues/01.yaml:11:8: 警告: 这里还是模板中的“【请填写】”"), "{said}");
    let (code, said) = run(&["check", "--root", root.to_str().unwrap(), "--as-of", TODAY, "--strict"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("严格模式（--strict）下按错误处理"), "{said}");
    let (code, said) = run(&["check", "--root", root.to_str().unwrap(), "--as-of", TODAY]);
    assert_eq!(code, Some(0), "{said}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("笔记.txt"), "我的文件").unwrap();
    let (code, said) = run(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(said.contains("不是空文件夹"), "{said}");
    assert!(!dir.path().join("content").exists());
    assert_eq!(std::fs::read_to_string(dir.path().join("笔记.txt")).unwrap(), "我的文件");
    // An empty folder is fine.
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(run(&["init", empty.path().to_str().unwrap(), "--as-of", TODAY]).0, Some(0));
}

#[test]
fn new_issue_writes_an_explained_template_with_the_next_number_that_builds() {
    let site = common::copy_fixture("full");
    let root = site.path().to_str().unwrap();
    let (code, said) = run(&["new", "issue", "12", "--root", root, "--as-of", TODAY]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("已新建问题文件 content/issues/12.yaml（序号 12）"), "{said}");
    let text = std::fs::read_to_string(site.path().join("content/issues/12.yaml")).unwrap();
    assert_every_field_explained(&text, "issue");
    assert!(text.contains("\nnumber: 12\n"), "{text}");
    assert!(text.contains(&format!("\ndeadline: {TODAY}\n")), "{text}");
    // The site lists categories, so the template uses one of them.
    assert!(text.contains("\ncategory: 大气污染防治\n"), "{text}");

    let (out, build) = common::try_build(site.path(), TODAY);
    assert!(build.status.success(), "{}", common::stderr(&build));
    let page = std::fs::read_to_string(out.path().join("public/issues/12/index.html")).unwrap();
    assert!(page.contains("【请填写】问题标题"));
}

#[test]
fn new_note_for_an_issue_is_dated_today_and_appears_in_the_issue_history() {
    let site = common::copy_fixture("full");
    let root = site.path().to_str().unwrap();
    let (code, said) =
        run(&["new", "note", "2024-06-15-jinzhan", "--issue", "03", "--root", root, "--as-of", TODAY]);
    assert_eq!(code, Some(0), "{said}");
    let rel = "content/notes/2024/2024-06-15-jinzhan.md";
    assert!(said.contains(&format!("已新建进展文件 {rel}（日期 {TODAY}）")), "{said}");
    let text = std::fs::read_to_string(site.path().join(rel)).unwrap();
    assert!(text.starts_with("---\n"));
    let front = text.split("\n---\n").next().unwrap();
    assert_every_field_explained(front, "note");
    assert!(front.contains(&format!("\ndate: {TODAY}\n")));
    assert!(front.contains("\nissues: [\"03\"]\n"));

    let (out, build) = common::try_build(site.path(), TODAY);
    assert!(build.status.success(), "{}", common::stderr(&build));
    let issue = std::fs::read_to_string(out.path().join("public/issues/03/index.html")).unwrap();
    assert!(issue.contains("id=\"note-2024-06-15-jinzhan\""), "the note is not in the history of issue 03");

    // A general note has no issues line.
    let (code, _) = run(&["new", "note", "zonghe", "--root", root, "--as-of", TODAY]);
    assert_eq!(code, Some(0));
    let text = std::fs::read_to_string(site.path().join("content/notes/2024/zonghe.md")).unwrap();
    assert!(!text.contains("\nissues:") && text.contains("\n# issues: [\"07\"]\n"), "{text}");
}

#[test]
fn new_refuses_existing_files_bad_names_and_unknown_issues() {
    let site = common::copy_fixture("full");
    let root = site.path().to_str().unwrap();
    let original = std::fs::read(site.path().join("content/issues/01.yaml")).unwrap();
    for (args, message) in [
        (vec!["new", "issue", "01"], "问题编号“01”已经存在：content/issues/01.yaml"),
        (vec!["new", "issue", "问题13"], "不能用作网址"),
        (vec!["new", "issue", "a b"], "不能用作网址"),
        (vec!["new", "issue", "x.html"], "不能使用"),
        (vec!["new", "note", "page"], "“page”留给进展列表的分页"),
        (vec!["new", "note", "a.xml"], "不能使用"),
        (
            vec!["new", "note", "2024-06-10-WUSHUI"],
            "进展名称“2024-06-10-WUSHUI”已经存在：content/notes/2024/2024-06-10-wushui.md",
        ),
        (vec!["new", "note", "x", "--issue", "99"], "没有编号为“99”的问题"),
        (vec!["new", "note", "x", "--issue", "../01"], "没有编号为“../01”的问题"),
    ] {
        let mut full = args.clone();
        full.extend(["--root", root, "--as-of", TODAY]);
        let (code, said) = run(&full);
        assert_eq!(code, Some(2), "{args:?}: {said}");
        assert!(said.contains(message), "{args:?}: {said}");
    }
    assert_eq!(std::fs::read(site.path().join("content/issues/01.yaml")).unwrap(), original);
    assert!(!site.path().join("content/notes/2024/x.md").exists());
    assert!(!site.path().join("content/notes/2024/page.md").exists());

    // Outside a site root.
    let empty = tempfile::tempdir().unwrap();
    let (code, said) = run(&["new", "issue", "01", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(said.contains("不是网站根目录"), "{said}");
    assert!(!empty.path().join("content").exists());
}

#[test]
fn today_comes_from_source_date_epoch_when_no_as_of_is_given() {
    let site = common::copy_fixture("full");
    // 2024-02-29T16:30:00Z is already 2024-03-01 in Beijing.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["new", "note", "epoch", "--root", site.path().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1709224200")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = std::fs::read_to_string(site.path().join("content/notes/2024/epoch.md")).unwrap();
    assert!(text.contains("\ndate: 2024-03-01\n"), "{text}");
}
