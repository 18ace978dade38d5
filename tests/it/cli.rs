//! `gongkai build` from the command line: exit codes, the output folder
//! (atomic, never over a user's files), the as-of date, `--base-url` and
//! determinism.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs gongkai in `cwd` with `SOURCE_DATE_EPOCH` set or removed.
fn run_in(cwd: &Path, args: &[&str], epoch: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.args(args).current_dir(cwd);
    match epoch {
        Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
        None => cmd.env_remove("SOURCE_DATE_EPOCH"),
    };
    cmd.output().expect("run gongkai")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file and folder under `dir` with the SHA-256 of its bytes (folders
/// as `/`), so that two trees compare byte for byte.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            let hash = if e.file_type().is_dir() {
                "/".to_string()
            } else {
                gongkai::digest::sha256_hex(&fs::read(e.path()).unwrap())
            };
            (rel, hash)
        })
        .collect()
}

fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", s(root), "--out", s(out), "--as-of", common::FULL_AS_OF];
    args.extend_from_slice(extra);
    common::gongkai(&args)
}

fn assert_exit(out: &Output, code: i32, says: &str) {
    let stderr = common::stderr(out);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert!(stderr.contains(says), "expected “{says}” in:\n{stderr}");
    assert!(out.stdout.is_empty(), "messages go to standard error");
}

#[test]
fn exit_status_0_for_a_good_site_1_for_content_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert_exit(&build(&common::fixture("full"), &dir.path().join("a"), &[]), 0, "已生成网站");
    assert_exit(
        &build(&common::fixture("invalid/unknown-key"), &dir.path().join("b"), &[]),
        1,
        "网站没有生成",
    );
    // A missing site.yaml is a content error too, as is a root without content/.
    assert_exit(
        &build(&common::fixture("invalid/missing-site-yaml"), &dir.path().join("c"), &[]),
        1,
        "找不到网站设置文件",
    );
    assert_exit(&build(dir.path(), &dir.path().join("d"), &[]), 1, "找不到网站设置文件");
    let check = common::gongkai(&["check", "--root", s(&common::fixture("invalid/unknown-key"))]);
    assert_exit(&check, 1, "个错误");
}

#[test]
fn wrong_usage_is_exit_status_2_in_chinese() {
    let full = common::fixture("full");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--as-of", "2024-13-01"], "--as-of 的值“2024-13-01”无效，应写成 YYYY-MM-DD"),
        (vec!["--as-of", "20240615"], "--as-of 的值“20240615”无效"),
        (
            vec!["--base-url", "www.example.gov.cn/dczg/"],
            "--base-url 的值无效：缺少开头的 https:// 或 http://",
        ),
        (vec!["--base-url", "ftp://example.gov.cn/"], "--base-url 的值无效：只能以 http:// 或 https:// 开头"),
        (vec!["--fast"], "未知的参数“--fast”"),
    ];
    for (extra, says) in cases {
        let mut args = vec!["build", "--root", s(&full), "--out", s(&out)];
        args.extend_from_slice(&extra);
        assert_exit(&common::gongkai(&args), 2, says);
        assert!(!out.exists(), "{extra:?} wrote the site");
    }
    assert_exit(&common::gongkai(&["publish"]), 2, "未知的命令“publish”");
    assert_exit(&common::gongkai(&[]), 2, "缺少命令");
    assert_exit(&common::gongkai(&["check", "--as-of", "2024-6-1"]), 2, "--as-of 的值“2024-6-1”无效");
    let bad_epoch = run_in(dir.path(), &["check", "--root", s(&full)], Some("yesterday"));
    assert_exit(&bad_epoch, 2, "环境变量 SOURCE_DATE_EPOCH 的值“yesterday”无效");
}

#[test]
fn forbidden_output_folders_are_wrong_usage_and_touch_nothing() {
    let site = common::copy_fixture("full");
    let root = site.path();
    fs::create_dir_all(root.join("themes/default")).unwrap();
    let before = tree(root);
    let cases = [
        (root.to_path_buf(), "输出目录不能是网站根目录本身"),
        (root.join("content/.."), "输出目录不能是网站根目录本身"),
        (root.parent().unwrap().to_path_buf(), "输出目录不能是网站根目录的上级目录"),
        (PathBuf::from("/"), "输出目录不能是网站根目录的上级目录"),
        (root.join("content"), "输出目录不能在 content/ 里面"),
        (root.join("content/public"), "输出目录不能在 content/ 里面"),
        (root.join("themes/default/out"), "输出目录不能在 themes/ 里面"),
    ];
    for (out, says) in cases {
        assert_exit(&build(root, &out, &[]), 2, says);
        assert_eq!(tree(root), before, "--out {} changed the site root", out.display());
    }
    // A relative --out is taken from the working directory.
    let rel = run_in(root, &["build", "--out", ".", "--as-of", common::FULL_AS_OF], None);
    assert_exit(&rel, 2, "输出目录不能是网站根目录本身");
    assert_eq!(tree(root), before);
}

#[test]
fn a_folder_of_the_users_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine");
    fs::create_dir_all(out.join("photos")).unwrap();
    fs::write(out.join("report.docx"), "草稿").unwrap();
    fs::write(out.join("photos/a.jpg"), [0xFF, 0xD8]).unwrap();
    let before = tree(&out);
    // The message names the first file in the way, and counts the others.
    let said = format!(
        "错误：输出目录 {} 里有不是 gongkai 生成的文件：photos/a.jpg（另有 1 个）。为避免删除您的文件，拒绝写入。",
        out.display()
    );
    assert_exit(&build(&common::fixture("full"), &out, &[]), 2, &said);
    assert_eq!(tree(&out), before);
    // A file, not a folder, at --out.
    let file = dir.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    let said = format!("错误：输出目录 {} 是一个文件，不是文件夹，拒绝写入。", file.display());
    assert_exit(&build(&common::fixture("full"), &file, &[]), 2, &said);
    assert_eq!(fs::read(&file).unwrap(), b"x");
}

#[test]
fn explorer_and_finder_junk_in_an_earlier_build_is_not_the_users() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_exit(&build(&common::fixture("full"), &out, &[]), 0, "已生成网站");
    // The build was opened in Windows Explorer and on a Mac.
    fs::write(out.join("Thumbs.db"), "cache").unwrap();
    fs::write(out.join("issues/desktop.ini"), "[.ShellClassInfo]").unwrap();
    fs::write(out.join("assets/.DS_Store"), "finder").unwrap();
    assert_exit(&build(&common::fixture("full"), &out, &[]), 0, "已生成网站");
    // Removed with the old build, and not counted as changes.
    for junk in ["Thumbs.db", "issues/desktop.ini", "assets/.DS_Store"] {
        assert!(!out.join(junk).exists(), "{junk} is still there");
    }
    let fresh = tempfile::tempdir().unwrap();
    assert_exit(&build(&common::fixture("full"), &fresh.path().join("public"), &[]), 0, "已生成网站");
    assert_eq!(tree(&out), tree(&fresh.path().join("public")));
}

#[test]
fn files_added_by_hand_to_an_earlier_build_are_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_exit(&build(&common::fixture("full"), &out, &[]), 0, "已生成网站");
    // The server's verification file, put there by the webmaster.
    fs::write(out.join("google1234.html"), "google-site-verification").unwrap();
    let before = tree(&out);
    let refused = build(&common::fixture("full"), &out, &[]);
    assert_exit(&refused, 2, "里有不是 gongkai 生成的文件：google1234.html。为避免删除您的文件");
    assert_eq!(tree(&out), before);
    // Moved away, the folder is ours again.
    fs::remove_file(out.join("google1234.html")).unwrap();
    assert_exit(&build(&common::fixture("full"), &out, &[]), 0, "已生成网站");
}

#[test]
fn a_theme_file_that_would_replace_a_generated_file_is_an_error() {
    let site = common::copy_fixture("full");
    let root = site.path();
    let stat = root.join("themes/default/static");
    for file in
        ["index.html", "files/plan.pdf", "data/issues.csv", "issues/index.html", "feed.xml", "favicon.ico"]
    {
        let path = stat.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "theme").unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let failed = build(root, &out, &[]);
    assert_exit(&failed, 1, "网站没有生成");
    assert!(!out.exists());
    let errors: Vec<String> =
        common::stderr(&failed).lines().filter(|l| l.contains(": 错误: ")).map(String::from).collect();
    let said = |file: &str, other: &str| {
        format!(
            "themes/default/static/{file}: 错误: 主题文件“themes/default/static/{file}”要输出为网站中的“{file}”，与{other}重名，只能保留一个。请给这个文件改名或删除它"
        )
    };
    assert_eq!(
        errors,
        [
            said("data/issues.csv", "生成的文件"),
            said("feed.xml", "生成的文件"),
            said("files/plan.pdf", "附件“content/files/plan.pdf”"),
            said("index.html", "生成的页面（模板 (内置主题)/templates/index.html）"),
            said("issues/index.html", "生成的页面（模板 (内置主题)/templates/issues.html）"),
        ]
    );

    // Without the clashing files the theme's own file is published.
    for file in ["index.html", "files/plan.pdf", "data/issues.csv", "issues/index.html", "feed.xml"] {
        fs::remove_file(stat.join(file)).unwrap();
    }
    assert_exit(&build(root, &out, &[]), 0, "已生成网站");
    assert_eq!(fs::read(out.join("favicon.ico")).unwrap(), b"theme");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join(".gongkai-manifest.json")).unwrap()).unwrap();
    let paths: Vec<&str> =
        manifest["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths.iter().filter(|p| **p == "index.html").count(), 1);
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = common::copy_fixture("full");
    let root = site.path();
    let out = root.join("public");
    assert_exit(
        &common::gongkai(&["build", "--root", s(root), "--as-of", common::FULL_AS_OF]),
        0,
        "已生成网站",
    );
    let built = tree(&out);
    assert!(built.contains_key("index.html") && built.contains_key(".gongkai-manifest.json"));
    let beside = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    // Nothing left beside the output by a failed build (its staging folder).
    let leftovers =
        || -> Vec<String> { beside(root).into_iter().filter(|n| n.contains("gongkai")).collect() };

    // A content error, then a template that fails to render: both found
    // before anything is written.
    fs::write(
        root.join("content/notes/2024/2024-06-12-bad.md"),
        "---\ntitle: 进展\ndate: 2024-06-12\nissues: [\"99\"]\n---\n正文\n",
    )
    .unwrap();
    assert_exit(
        &common::gongkai(&["build", "--root", s(root), "--as-of", common::FULL_AS_OF]),
        1,
        "保持原样",
    );
    assert_eq!(tree(&out), built);
    assert_eq!(leftovers(), Vec::<String>::new());

    fs::remove_file(root.join("content/notes/2024/2024-06-12-bad.md")).unwrap();
    fs::create_dir_all(root.join("themes/default/templates")).unwrap();
    fs::write(
        root.join("themes/default/templates/note.html"),
        "{% extends \"base.html\" %}{% block content %}{{ note.missing.field }}{% endblock content %}",
    )
    .unwrap();
    let failed = common::gongkai(&["build", "--root", s(root), "--as-of", common::FULL_AS_OF]);
    assert_exit(&failed, 1, "模板渲染失败");
    assert_eq!(tree(&out), built);
    assert_eq!(leftovers(), Vec::<String>::new());

    // The ledger workbook's rows go through a temporary file: without a
    // usable temporary folder, the build says which, and where to set another.
    fs::remove_dir_all(root.join("themes")).unwrap();
    let failed = common::gongkai_with_tmpdir(
        &["build", "--root", s(root), "--as-of", common::FULL_AS_OF],
        Some(&root.join("no-such-folder")),
    );
    assert_exit(&failed, 1, "data/issues.xlsx: 错误: 无法生成该数据文件：无法在临时文件夹");
    assert!(common::stderr(&failed).contains("TMPDIR"));
    assert_eq!(tree(&out), built);
    assert_eq!(leftovers(), Vec::<String>::new());
}

#[test]
fn the_gitkeep_of_a_repository_is_kept() {
    let site = common::copy_fixture("full");
    let root = site.path();
    fs::create_dir_all(root.join("public")).unwrap();
    fs::write(root.join("public/.gitkeep"), "").unwrap();
    // Defaults: the working directory is the root, the output its public/.
    for _ in 0..2 {
        assert_exit(&run_in(root, &["build", "--as-of", common::FULL_AS_OF], None), 0, "已生成网站");
        assert!(root.join("public/.gitkeep").is_file());
        assert!(root.join("public/index.html").is_file());
    }
}

/// The as-of date a build used, as its home page states it.
fn as_of_of(out: &Path) -> String {
    let doc = common::html::parse(&fs::read_to_string(out.join("index.html")).unwrap());
    let main = common::html::text(common::html::one(&doc, "main"));
    let at = main.find("统计截至").unwrap_or_else(|| panic!("no 统计截至 in {main}"));
    main[at..].chars().filter(|c| c.is_ascii_digit() || *c == '-').take(10).collect()
}

#[test]
fn as_of_beats_source_date_epoch_beats_today() {
    let full = common::fixture("full");
    let dir = tempfile::tempdir().unwrap();
    // 2024-06-30T16:00:00Z is already 2024-07-01 in Beijing.
    let epoch = "1719763200";
    let out = dir.path().join("a");
    let run = run_in(dir.path(), &["build", "--root", s(&full), "--out", s(&out)], Some(epoch));
    assert_exit(&run, 0, "统计日期 2024-07-01");
    assert_eq!(as_of_of(&out), "2024-07-01");

    let out = dir.path().join("b");
    let run = run_in(
        dir.path(),
        &["build", "--root", s(&full), "--out", s(&out), "--as-of", "2024-06-15"],
        Some(epoch),
    );
    assert_exit(&run, 0, "统计日期 2024-06-15");
    assert_eq!(as_of_of(&out), "2024-06-15");

    let beijing_today = || (chrono::Utc::now() + chrono::Duration::hours(8)).format("%Y-%m-%d").to_string();
    let before = beijing_today();
    let out = dir.path().join("c");
    let run = run_in(dir.path(), &["build", "--root", s(&full), "--out", s(&out)], None);
    let after = beijing_today();
    assert_eq!(run.status.code(), Some(0), "{}", common::stderr(&run));
    let used = as_of_of(&out);
    assert!(used == before || used == after, "today in Beijing is {before}, the build used {used}");
}

/// Text files of a build, by path (the manifest and archives hold hashes
/// and compressed bytes of the others, so they differ with them).
fn texts_of(out: &Path) -> BTreeMap<String, String> {
    tree(out)
        .into_keys()
        .filter(|p| out.join(p).is_file())
        .filter(|p| {
            !p.ends_with(".zip")
                && !p.ends_with(".xlsx")
                && !p.ends_with(".gz")
                && !p.ends_with(".png")
                && !p.ends_with(".pdf")
        })
        .filter(|p| p != ".gongkai-manifest.json")
        .map(|p| {
            let text = fs::read_to_string(out.join(&p)).unwrap_or_else(|e| panic!("{p}: {e}"));
            (p, text)
        })
        .collect()
}

/// The links and sources of a page, each with the element it is on.
fn links_of(html: &str) -> Vec<String> {
    let doc = common::html::parse(html);
    let mut links = Vec::new();
    for el in common::html::select(&doc, "[href], [src], [action]") {
        for attr in ["href", "src", "action"] {
            if let Some(v) = el.value().attr(attr) {
                links.push(format!("{} {attr}={v}", el.value().name()));
            }
        }
    }
    links
}

#[test]
fn base_url_changes_absolute_urls_only() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_exit(&build(&common::fixture("full"), &a, &[]), 0, "已生成网站");
    let staging = "http://staging.example.cn/preview/dczg/";
    let run = build(&common::fixture("full"), &b, &["--base-url", "http://staging.example.cn/preview/dczg"]);
    assert_exit(&run, 0, "已生成网站");
    let (a, b) = (texts_of(&a), texts_of(&b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let original = "https://www.example.gov.cn/ztzl/dczg/";
    for (path, text) in &b {
        // No trace of the base_url of site.yaml, in any form.
        for old in [original, "https%3A%2F%2Fwww.example.gov.cn", "www.example.gov.cn/ztzl"] {
            assert!(!text.replace("\r\n ", "").contains(old), "{path} still names {old}");
        }
        if !path.ends_with(".html") {
            continue;
        }
        // Every link of every page is the same but for absolute URLs under the base.
        let (before, after) = (links_of(&a[path]), links_of(text));
        assert_eq!(before.len(), after.len(), "{path}");
        for (x, y) in before.iter().zip(&after) {
            if x.contains(original) {
                assert_eq!(&x.replace(original, staging), y, "{path}");
            } else if !x.contains("www.example.gov.cn") {
                assert_eq!(x, y, "{path}: a link that is not absolute under the base changed");
            }
        }
    }
    // Where absolute URLs belong: feeds, sitemap, open data, 404.html.
    assert!(b["sitemap.xml"].contains("<loc>http://staging.example.cn/preview/dczg/issues/07/</loc>"));
    assert!(
        b["feed.xml"]
            .contains("<link>http://staging.example.cn/preview/dczg/updates/2024-06-10-wushui/</link>")
    );
    assert!(b["data/issues.json"].contains("\"url\": \"http://staging.example.cn/preview/dczg/issues/01/\""));
    assert!(b["robots.txt"].contains("Sitemap: http://staging.example.cn/preview/dczg/sitemap.xml"));
    assert!(
        links_of(&b["404.html"])
            .contains(&"a href=http://staging.example.cn/preview/dczg/issues/".to_string())
    );
}

#[test]
fn builds_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    assert_exit(&build(&common::fixture("full"), &first, &[]), 0, "已生成网站");
    let expected = tree(&first);

    // Again, into another folder, from another working directory, with a
    // relative --root.
    let second = dir.path().join("second");
    let fixtures = common::fixture("");
    let run = run_in(
        &fixtures,
        &["build", "--root", "full", "--out", s(&second), "--as-of", common::FULL_AS_OF],
        None,
    );
    assert_exit(&run, 0, "已生成网站");
    assert_eq!(tree(&second), expected);

    // A copy of the site made in reverse order (so the file system lists its
    // folders in another order), somewhere else.
    let copy = tempfile::tempdir().unwrap();
    let source = common::fixture("full");
    let mut entries: Vec<PathBuf> =
        walkdir::WalkDir::new(&source).into_iter().map(|e| e.unwrap().into_path()).collect();
    entries.sort();
    for path in entries.iter().rev() {
        let to = copy.path().join(path.strip_prefix(&source).unwrap());
        if path.is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(path, &to).unwrap();
        }
    }
    let third = dir.path().join("third");
    assert_exit(&build(copy.path(), &third, &[]), 0, "已生成网站");
    assert_eq!(tree(&third), expected);

    // Over the previous build in place: still the same bytes.
    assert_exit(&build(&common::fixture("full"), &first, &[]), 0, "已生成网站");
    assert_eq!(tree(&first), expected);
}

/// The clerk reads the help in Chinese: clap's English headings, usage
/// placeholders and default-value notes are all replaced.
#[test]
fn every_help_text_is_chinese() {
    let commands: &[&[&str]] = &[
        &[],
        &["build"],
        &["check"],
        &["serve"],
        &["new"],
        &["new", "issue"],
        &["new", "note"],
        &["init"],
        &["import"],
        &["import", "issues"],
        &["import", "notes"],
        &["export"],
        &["export", "ledger"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let out = common::gongkai(&args);
        let help = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(help.contains("用法：gongkai"), "{args:?}:\n{help}");
        assert!(help.contains("选项:"), "{args:?}:\n{help}");
        for english in
            ["Usage", "Options", "Arguments", "Commands", "OPTIONS", "COMMAND", "[default", "Print help"]
        {
            assert!(!help.contains(english), "{args:?} help says {english}:\n{help}");
        }
    }
}

const LOCKED: &str = "另一个 gongkai build 正在生成";

#[test]
fn a_build_refuses_an_output_folder_another_build_is_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // Held as a running build holds it.
    let lock = fs::File::create(dir.path().join(".public.gongkai-lock")).unwrap();
    lock.try_lock().unwrap();
    let refused = build(&common::fixture("full"), &out, &[]);
    assert_exit(&refused, 2, &format!("{LOCKED} {}", out.display()));
    assert!(common::stderr(&refused).contains("请等它完成后再运行"));
    assert!(!out.exists(), "nothing written");
    drop(lock);
    let built = build(&common::fixture("full"), &out, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    // The lock goes with the build that held it.
    assert!(!dir.path().join(".public.gongkai-lock").exists());
}

#[test]
fn builds_started_at_once_into_one_folder_leave_one_complete_build() {
    let root = common::example_root();
    let reference = tempfile::tempdir().unwrap();
    let one = build(&root, &reference.path().join("public"), &[]);
    assert!(one.status.success(), "{}", common::stderr(&one));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let builds: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_gongkai"))
                .args(["build", "--root", s(&root), "--out", s(&out), "--as-of", common::FULL_AS_OF])
                .env_remove("SOURCE_DATE_EPOCH")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut won = 0;
    for b in builds {
        let o = b.wait_with_output().unwrap();
        if o.status.success() {
            won += 1;
        } else {
            assert_exit(&o, 2, LOCKED);
        }
    }
    assert!(won >= 1, "one build wins");
    // Complete, as one build alone writes it, and nothing left beside it.
    assert_eq!(tree(&out), tree(&reference.path().join("public")));
    let beside: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside, ["public"]);
}

#[test]
fn a_build_killed_while_writing_leaves_the_lock_usable() {
    let root = common::example_root();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let lock = dir.path().join(".public.gongkai-lock");
    let mut running = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--root", s(&root), "--out", s(&out), "--as-of", common::FULL_AS_OF])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed as soon as it holds the lock (or when it has finished).
    let started = std::time::Instant::now();
    while !lock.exists() && running.try_wait().unwrap().is_none() {
        assert!(started.elapsed().as_secs() < 60, "the build never took its lock");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    running.kill().unwrap();
    running.wait().unwrap();
    let next = build(&root, &out, &[]);
    assert!(next.status.success(), "{}", common::stderr(&next));
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join(".gongkai-manifest.json")).unwrap()).unwrap();
    let listed: Vec<&str> =
        manifest["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(listed.len() > 100);
    for path in listed {
        assert!(out.join(path).is_file(), "{path} missing");
    }
}
