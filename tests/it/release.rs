//! The release workflow's files: the manifest of every build, the change
//! list between two builds, the 本次更新 page, and the hand-over archive.

use crate::common;

use scraper::{Html, Selector};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Output;

const MANIFEST: &str = ".gongkai-manifest.json";

/// Every file under `dir`, by `/`-separated relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn build(root: &Path, out: &Path, as_of: &str, extra: &[&str]) -> Output {
    let mut args =
        vec!["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--as-of", as_of];
    args.extend_from_slice(extra);
    common::gongkai(&args)
}

fn built(root: &Path, out: &Path, as_of: &str, extra: &[&str]) -> String {
    let output = build(root, out, as_of, extra);
    assert!(output.status.success(), "build failed:\n{}", common::stderr(&output));
    common::stderr(&output)
}

fn manifest(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join(MANIFEST)).unwrap()).unwrap()
}

/// SHA-256 in hex, computed here, not by gongkai, to check its manifest.
fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn texts(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

/// The rows of the table that follows the heading starting with `heading`.
fn table_after(html: &str, heading: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(html);
    let h2 = Selector::parse("main h2").unwrap();
    let rows = Selector::parse("tbody tr").unwrap();
    let cells = Selector::parse("th, td").unwrap();
    let Some(h) = doc.select(&h2).find(|h| h.text().collect::<String>().starts_with(heading)) else {
        return Vec::new();
    };
    let table = h.next_siblings().filter_map(scraper::ElementRef::wrap).next().expect("table after heading");
    table
        .select(&rows)
        .map(|r| r.select(&cells).map(|c| c.text().collect::<String>().trim().to_string()).collect())
        .collect()
}

/// The list items (text, link) of the list that follows the heading starting with `heading`.
fn list_after(html: &str, heading: &str) -> Vec<(String, Option<String>)> {
    let doc = Html::parse_document(html);
    let h2 = Selector::parse("main h2").unwrap();
    let li = Selector::parse("li").unwrap();
    let a = Selector::parse("a").unwrap();
    let Some(h) = doc.select(&h2).find(|h| h.text().collect::<String>().starts_with(heading)) else {
        return Vec::new();
    };
    let list = h
        .next_siblings()
        .filter_map(scraper::ElementRef::wrap)
        .find(|e| e.value().name() == "ul")
        .expect("list after heading");
    list.select(&li)
        .map(|item| {
            let text = item.text().collect::<String>().trim().to_string();
            (text, item.select(&a).next().and_then(|l| l.value().attr("href")).map(String::from))
        })
        .collect()
}

#[test]
fn every_build_records_a_manifest_of_its_files() {
    let site = common::build_full();
    let m = manifest(&site.out());
    assert_eq!(m["generator"], "gongkai");
    assert_eq!(m["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["as_of"], common::FULL_AS_OF);

    let mut on_disk = files(&site.out());
    assert!(on_disk.remove(MANIFEST).is_some());
    let listed: BTreeMap<String, (u64, String)> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                (e["size"].as_u64().unwrap(), e["sha256"].as_str().unwrap().into()),
            )
        })
        .collect();
    let paths: Vec<&String> = listed.keys().collect();
    assert_eq!(
        paths,
        on_disk.keys().collect::<Vec<_>>(),
        "the manifest lists exactly the files of the build"
    );
    for (path, bytes) in &on_disk {
        assert_eq!(listed[path], (bytes.len() as u64, hex(bytes)), "{path}");
    }
    // The terminal counts the files as the manifest and the change list do.
    let said = common::stderr(&site.output);
    let n = listed.len();
    for count in [format!("已生成网站：{n} 个文件和清单 {MANIFEST}，"), format!("全部 {n} 个文件都是新的")]
    {
        assert!(said.contains(&count), "“{count}” not in\n{said}");
    }

    // The site does not link to it.
    for (path, bytes) in &on_disk {
        assert!(!String::from_utf8_lossy(bytes).contains(MANIFEST), "{path} mentions the manifest");
    }
    // It records the published content, and nothing not yet published.
    let release = &m["release"];
    assert_eq!(release["current"]["released_on"], common::FULL_AS_OF);
    assert_eq!(release["previous"], Value::Null);
    let notes = release["current"]["content"]["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 21);
    let text = String::from_utf8(std::fs::read(site.out().join(MANIFEST)).unwrap()).unwrap();
    assert!(!text.contains("2024-07-01-yangchen-wancheng") && !text.contains("扬尘问题整改完成"));
    let issue_03 =
        release["current"]["content"]["issues"].as_array().unwrap().iter().find(|i| i["id"] == "03").unwrap();
    assert_eq!(issue_03["number"], 3);
}

/// The changes made between the two builds of the next tests.
fn change_content(root: &Path) {
    let notes = root.join("content/notes/2024");
    let wushui = notes.join("2024-06-10-wushui.md");
    let text = std::fs::read_to_string(&wushui)
        .unwrap()
        .replace("乡镇污水处理站恢复运行", "乡镇污水处理站已恢复运行");
    std::fs::write(&wushui, text).unwrap();
    std::fs::remove_file(notes.join("2024-05-20-guanwang.md")).unwrap();
    std::fs::write(
        notes.join("2024-06-12-xin.md"),
        "---\ntitle: 乡镇污水处理站全部恢复运行\ndate: 2024-06-12\nissues: [\"08\"]\nstatus: done\n---\n3 座污水处理站全部恢复运行。\n",
    )
    .unwrap();
    std::fs::write(
        notes.join("2024-06-13-yanqi.md"),
        "---\ntitle: 排水口改造时限调整\ndate: 2024-06-13 09:30\nissues: [\"03\"]\ndeadline: 2024-09-30\n---\n因汛期施工受限，时限调整至9月底。\n",
    )
    .unwrap();
    let pm25 = root.join("content/targets/pm25.yaml");
    let text = std::fs::read_to_string(&pm25).unwrap().replace(
        "observations:\n",
        "observations:\n  - {date: 2024-06-01, period: 2024年1—5月, value: 26, source: 市生态环境局}\n",
    );
    std::fs::write(&pm25, text).unwrap();
}

#[test]
fn the_change_list_names_exactly_the_files_that_differ_between_two_builds() {
    let site = common::copy_fixture("full");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let first = built(site.path(), &out, common::FULL_AS_OF, &[]);
    assert!(first.contains("输出目录中没有上次生成的网站"), "{first}");
    let before = files(&out);

    change_content(site.path());
    let list = dir.path().join("release/changes.txt");
    let second = built(site.path(), &out, common::FULL_AS_OF, &["--changes", list.to_str().unwrap()]);
    let after = files(&out);

    // What really differs, file by file.
    let mut expected = Vec::new();
    for (path, bytes) in &after {
        match before.get(path) {
            None => expected.push(format!("A {path}")),
            Some(old) if old != bytes => expected.push(format!("M {path}")),
            Some(_) => {}
        }
    }
    expected.extend(before.keys().filter(|p| !after.contains_key(*p)).map(|p| format!("D {p}")));
    expected.retain(|l| !l.ends_with(MANIFEST));
    expected.sort_by(|a, b| a[2..].cmp(&b[2..]));
    let written = std::fs::read_to_string(&list).unwrap();
    assert_eq!(written.lines().collect::<Vec<_>>(), expected);
    assert!(written.ends_with('\n'));
    for line in [
        "A updates/2024-06-12-xin/index.html",
        "A updates/2024-06-13-yanqi/index.html",
        "M updates/2024-06-10-wushui/index.html",
        "D updates/2024-05-20-guanwang/index.html",
        "M release.html",
        "M issues/08/index.html",
    ] {
        assert!(expected.iter().any(|l| l == line), "{line} missing from\n{written}");
    }
    assert!(!expected.iter().any(|l| l.ends_with("files/plan.pdf")), "unchanged attachment listed");

    let count = |code: &str| expected.iter().filter(|l| l.starts_with(code)).count();
    let summary = format!(
        "与上次生成（统计日期 {}）相比：新增 {} 个、修改 {} 个、删除 {} 个文件。",
        common::FULL_AS_OF,
        count("A "),
        count("M "),
        count("D ")
    );
    assert!(second.contains(&summary), "{summary}\n{second}");
    assert!(
        second.contains(&format!("已写出变化清单：{}（{} 行）", list.display(), expected.len())),
        "{second}"
    );
}

#[test]
fn the_release_page_lists_what_changed_in_content_terms() {
    let site = common::copy_fixture("full");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // Released on 06-11 (the fixture's notes up to 06-10), so the notes of
    // 06-12 and 06-13 are new, not back-dated.
    built(site.path(), &out, "2024-06-11", &[]);
    let first = std::fs::read_to_string(out.join("release.html")).unwrap();
    assert_eq!(texts(&first, "main p.lead"), ["这是首次发布。"]);
    let before = manifest(&out);
    let deadline_03 = before["release"]["current"]["content"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "03")
        .unwrap()["deadline"]
        .as_str()
        .unwrap()
        .to_string();

    change_content(site.path());
    let said = built(site.path(), &out, "2024-06-16", &[]);
    assert!(!said.contains("补发"), "{said}");
    let html = std::fs::read_to_string(out.join("release.html")).unwrap();
    assert_eq!(
        texts(&html, "main p.lead"),
        [
            "本次发布（统计日期 2024-06-16）与上一次发布（统计日期 2024-06-11）相比：新发布整改进展 2 条，更正整改进展 1 条，撤下整改进展 1 条，1 个问题整改状态变化，1 个问题整改时限调整，目标指标新数据 1 项。"
        ]
    );
    assert!(
        said.contains(
            "本次更新页面（release.html）：与上一次发布（统计日期 2024-06-11）相比，新发布整改进展 2 条"
        ),
        "{said}"
    );
    assert_eq!(
        list_after(&html, "新发布的整改进展"),
        [
            (
                "排水口改造时限调整 （2024-06-13 09:30，涉及问题3）".to_string(),
                Some("updates/2024-06-13-yanqi/index.html".to_string())
            ),
            (
                "乡镇污水处理站全部恢复运行 （2024-06-12，涉及问题8）".to_string(),
                Some("updates/2024-06-12-xin/index.html".to_string())
            ),
        ]
    );
    let issue_08_title =
        texts(&std::fs::read_to_string(out.join("issues/08/index.html")).unwrap(), "main h1")[0].clone();
    assert!(issue_08_title.contains("乡镇污水处理设施运行不正常"));
    assert_eq!(table_after(&html, "整改状态变化"), [["8", "乡镇污水处理设施运行不正常", "整改中", "已完成"]]);
    let deadlines = table_after(&html, "整改时限调整");
    assert_eq!(deadlines.len(), 1);
    assert_eq!(deadlines[0][0], "3");
    assert_eq!(deadlines[0][2..], [deadline_03, "2024-09-30".to_string()]);
    assert_eq!(
        table_after(&html, "目标指标新数据"),
        [["细颗粒物（PM2.5）年均浓度", "2024年1—5月", "26 微克/立方米", "新数据"]]
    );
    assert_eq!(
        list_after(&html, "更正的整改进展"),
        [(
            "乡镇污水处理站已恢复运行 （2024-06-10 08:00）".to_string(),
            Some("updates/2024-06-10-wushui/index.html".to_string())
        )]
    );
    assert_eq!(
        list_after(&html, "撤下的内容"),
        [("整改进展：园区污水管网建设过半 （2024-05-20）".to_string(), None)]
    );
    // Every link on it leads to a page of this build.
    let doc = Html::parse_document(&html);
    for a in doc.select(&Selector::parse("main a").unwrap()) {
        let href = a.value().attr("href").unwrap();
        assert!(out.join(href).is_file(), "release.html links to missing {href}");
    }
    // Linked from the footer of every page, listed in the sitemap, and
    // dated like every page.
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(texts(&home, "footer a[href='release.html']").contains(&"本次更新".to_string()));
    assert!(std::fs::read_to_string(out.join("sitemap.xml")).unwrap().contains("/release.html</loc>"));
    assert_eq!(texts(&html, ".page-meta time"), ["2024-06-13 09:30"], "the newest note");
}

#[test]
fn a_note_dated_before_the_last_release_is_a_warning_and_listed_as_backdated() {
    let site = common::copy_fixture("full");
    // The default output folder, whose manifest `check` compares with too.
    let out = site.path().join("public");
    // Released on 06-11 and published again, unchanged, on 06-15.
    built(site.path(), &out, "2024-06-11", &[]);
    built(site.path(), &out, common::FULL_AS_OF, &[]);
    // Then notes dated 06-12 and 06-13 appear: that build would have shown them.
    change_content(site.path());
    let published = files(&out);
    let strict = build(site.path(), &out, "2024-06-16", &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let said = common::stderr(&strict);
    let warning = "这条进展的日期早于上次发布（2024-06-15），是补发的吗？请确认日期无误";
    for at in ["content/notes/2024/2024-06-12-xin.md:3:7", "content/notes/2024/2024-06-13-yanqi.md:3:7"] {
        assert!(said.contains(&format!("{at}: 警告: {warning}")), "{at}\n{said}");
    }
    assert!(said.contains("严格模式（--strict）：2 个警告按错误处理"), "{said}");
    assert!(files(&out) == published, "a strict build with warnings touched the site");
    // `check` says the same before the build.
    let check = common::gongkai(&["check", "--root", site.path().to_str().unwrap(), "--as-of", "2024-06-16"]);
    let checked = common::stderr(&check);
    assert_eq!(check.status.code(), Some(0), "{checked}");
    let diagnostics =
        |s: &str| s.lines().filter(|l| l.contains(": 警告: ")).map(String::from).collect::<Vec<_>>();
    assert_eq!(diagnostics(&checked), diagnostics(&said));

    let said = built(site.path(), &out, "2024-06-16", &[]);
    assert_eq!(said.matches(warning).count(), 2, "{said}");
    let html = std::fs::read_to_string(out.join("release.html")).unwrap();
    assert_eq!(
        texts(&html, "main p.lead"),
        [
            "本次发布（统计日期 2024-06-16）与上一次发布（统计日期 2024-06-11）相比：新发布整改进展 2 条（其中补发 2 条），更正整改进展 1 条，撤下整改进展 1 条，1 个问题整改状态变化，1 个问题整改时限调整，目标指标新数据 1 项。"
        ]
    );
    let notes = list_after(&html, "新发布的整改进展");
    assert_eq!(notes.len(), 2);
    for (text, _) in &notes {
        assert!(text.starts_with("补发 "), "{text}");
    }
    assert_eq!(
        texts(&html, "#new-notes + p"),
        ["标有“补发”的进展，日期早于上一次发布（统计日期 2024-06-15），是在那次发布之后补充公开的。"]
    );

    // The next release with a note of its own day: nothing is back-dated.
    std::fs::write(
        site.path().join("content/notes/2024/2024-06-20-xunjian.md"),
        "---\ntitle: 开展汛期巡查\ndate: 2024-06-20\n---\n巡查完成。\n",
    )
    .unwrap();
    let said = built(site.path(), &out, "2024-06-20", &["--strict"]);
    assert!(!said.contains("补发"), "{said}");
    let html = std::fs::read_to_string(out.join("release.html")).unwrap();
    assert_eq!(list_after(&html, "新发布的整改进展").len(), 1);
    assert!(!html.contains("补发"));
}

#[test]
fn the_release_page_is_deterministic_given_the_previous_manifest() {
    let site = common::copy_fixture("full");
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    built(site.path(), &first, common::FULL_AS_OF, &[]);
    change_content(site.path());
    let mut results = Vec::new();
    for name in ["a", "b"] {
        let out = dir.path().join(name);
        common::copy_dir(&first, &out);
        built(site.path(), &out, common::FULL_AS_OF, &[]);
        results.push(files(&out));
    }
    assert!(results[0] == results[1], "two builds after the same previous build differ");
}

#[test]
fn a_rebuild_without_content_changes_changes_no_file_and_keeps_the_release_page() {
    let site = common::copy_fixture("full");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    built(site.path(), &out, common::FULL_AS_OF, &[]);
    let before = files(&out);
    let list = dir.path().join("changes.txt");
    let again = built(site.path(), &out, common::FULL_AS_OF, &["--changes", list.to_str().unwrap()]);
    assert!(again.contains("没有文件变化，无需上传"), "{again}");
    assert_eq!(std::fs::read_to_string(&list).unwrap(), "");
    assert!(files(&out) == before, "a rebuild changed the output");

    // The next day publishes the 2024-07-01 note: a new release.
    built(site.path(), &out, "2024-07-01", &[]);
    let release = std::fs::read_to_string(out.join("release.html")).unwrap();
    let lead = texts(&release, "main p.lead");
    assert_eq!(
        lead,
        [
            "本次发布（统计日期 2024-07-01）与上一次发布（统计日期 2024-06-15）相比：新发布整改进展 1 条，1 个问题整改状态变化。"
        ]
    );
    // Built again on a later day with nothing new: still that release.
    built(site.path(), &out, "2024-07-02", &[]);
    let later = std::fs::read_to_string(out.join("release.html")).unwrap();
    assert_eq!(texts(&later, "main p.lead"), lead);
    assert_eq!(list_after(&later, "新发布的整改进展"), list_after(&release, "新发布的整改进展"));
}

#[test]
fn an_unreadable_previous_manifest_makes_a_first_build_with_a_warning() {
    let site = common::copy_fixture("full");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    built(site.path(), &out, common::FULL_AS_OF, &[]);
    std::fs::write(out.join(MANIFEST), "{ not json").unwrap();
    let said = built(site.path(), &out, common::FULL_AS_OF, &[]);
    assert!(said.contains("警告：无法读取上次生成的清单"), "{said}");
    assert!(said.contains("输出目录中没有上次生成的网站"), "{said}");
    assert_eq!(manifest(&out)["as_of"], common::FULL_AS_OF);

    // Without a readable manifest only the files the new build writes again
    // are taken as gongkai's: one added by hand stops the build.
    std::fs::write(out.join(MANIFEST), "{ not json").unwrap();
    std::fs::write(out.join("baidu_verify_abc.html"), "abc").unwrap();
    let before = files(&out);
    let refused = build(site.path(), &out, common::FULL_AS_OF, &[]);
    let said = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(2), "{said}");
    assert!(
        said.contains("里有不是 gongkai 生成的文件：baidu_verify_abc.html。为避免删除您的文件，拒绝写入"),
        "{said}"
    );
    assert!(files(&out) == before, "the refused build changed the folder");
}

#[test]
fn zip_and_tar_gz_archives_hold_exactly_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::fixture("full");
    for (name, archive) in [("zip", "交付/site.zip"), ("tgz", "交付/site.tar.gz")] {
        let out = dir.path().join(name);
        let path = dir.path().join(archive);
        let said = built(&root, &out, common::FULL_AS_OF, &["--archive", path.to_str().unwrap()]);
        let folder = files(&out);
        let packed =
            format!("已打包整个网站：{}（{} 个文件和清单 {MANIFEST}）", path.display(), folder.len() - 1);
        assert!(said.contains(&packed), "{packed}\n{said}");
        let (entries, dirs) = if name == "zip" { unzip(&path) } else { untar(&path) };
        assert!(entries == folder, "{archive}: the archive differs from the output folder");
        // Every folder has its entry, so any unpacker recreates the tree.
        for path in folder.keys() {
            let mut p = path.as_str();
            while let Some((parent, _)) = p.rsplit_once('/') {
                assert!(dirs.contains(&format!("{parent}/")), "{archive}: no entry for {parent}/");
                p = parent;
            }
        }

        // The same build gives the same bytes.
        let again = dir.path().join(format!("again-{name}"));
        let path2 = dir.path().join(format!("again-{}", archive.replace('/', "-")));
        built(&root, &again, common::FULL_AS_OF, &["--archive", path2.to_str().unwrap()]);
        assert!(
            std::fs::read(&path).unwrap() == std::fs::read(&path2).unwrap(),
            "{archive} is not reproducible"
        );
    }
}

fn unzip(path: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut entries = BTreeMap::new();
    let mut dirs = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if f.is_dir() {
            dirs.push(name);
            continue;
        }
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        assert!(entries.insert(name, bytes).is_none());
    }
    (entries, dirs)
}

fn untar(path: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let gz = flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap());
    let mut tar = tar::Archive::new(gz);
    let mut entries = BTreeMap::new();
    let mut dirs = Vec::new();
    for entry in tar.entries().unwrap() {
        let mut e = entry.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        if e.header().entry_type().is_dir() {
            dirs.push(format!("{}/", name.trim_end_matches('/')));
            continue;
        }
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        assert!(entries.insert(name, bytes).is_none());
    }
    (entries, dirs)
}

#[test]
fn files_beside_the_site_are_refused_in_the_output_or_content_folder() {
    let site = common::copy_fixture("full");
    let out = site.path().join("public");
    for (flag, file, why) in [
        ("--archive", out.join("site.zip"), "不能放在输出目录里"),
        ("--changes", out.join("sub/changes.txt"), "不能放在输出目录里"),
        ("--archive", site.path().join("content/files/site.zip"), "不能放在 content/ 里"),
        ("--archive", site.path().join("site.rar"), "应以 .zip、.tar.gz 或 .tgz 结尾"),
    ] {
        let output = build(site.path(), &out, common::FULL_AS_OF, &[flag, file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{flag} {}", file.display());
        assert!(common::stderr(&output).contains(why), "{}", common::stderr(&output));
        assert!(!out.exists() && !file.exists(), "{flag} {}: something was written", file.display());
    }
}

#[test]
fn strict_builds_refuse_warnings_and_keep_the_previous_site() {
    let site = common::copy_fixture("full");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    built(site.path(), &out, common::FULL_AS_OF, &["--strict"]);
    let before = files(&out);
    // A stray file is a warning: ignored, but probably a mistake.
    std::fs::write(site.path().join("content/notes/说明.txt"), "备忘").unwrap();
    let lenient = dir.path().join("lenient");
    built(site.path(), &lenient, common::FULL_AS_OF, &[]);
    let strict = build(site.path(), &out, common::FULL_AS_OF, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let said = common::stderr(&strict);
    assert!(said.contains("content/notes/说明.txt: 警告:"), "{said}");
    assert!(said.contains("严格模式（--strict）：1 个警告按错误处理，网站没有生成"), "{said}");
    assert!(files(&out) == before, "the previous site was touched");
}

#[test]
fn the_release_step_is_one_call_that_reports_what_it_did() {
    use gongkai::publish::{Options, Refused, publish};
    let site = common::copy_fixture("full");
    let dir = tempfile::tempdir().unwrap();
    let mut options = Options {
        root: site.path().to_path_buf(),
        out: dir.path().join("public"),
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 6, 15).unwrap(),
        base_url: None,
        strict: false,
        changes: Some(dir.path().join("changes.txt")),
        archive: None,
    };
    let first = publish(&options).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(first.previous.is_none());
    assert_eq!(first.changes.len(), first.files);
    assert_eq!(first.change_list.as_ref().map(|(_, r)| *r.as_ref().unwrap()), Some(first.files));
    assert!(first.release.as_ref().unwrap().previous.is_none());

    change_content(site.path());
    let second = publish(&options).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(second.previous.as_ref().map(|m| m.as_of.as_str()), Some("2024-06-15"));
    let listed = std::fs::read_to_string(dir.path().join("changes.txt")).unwrap();
    let reported: Vec<String> =
        second.changes.iter().map(|c| format!("{} {}", c.change.code(), c.path)).collect();
    assert_eq!(listed.lines().collect::<Vec<_>>(), reported);
    assert!(second.release.as_ref().unwrap().previous.is_some());

    // Refused: while another build holds the folder, and with warnings when strict.
    let lock = std::fs::File::create(dir.path().join(".public.gongkai-lock")).unwrap();
    lock.try_lock().unwrap();
    assert!(matches!(publish(&options), Err(Refused::Locked(_))));
    drop(lock);
    options.root = common::fixture("invalid/implausible-date");
    options.strict = true;
    match publish(&options) {
        Err(Refused::Content { outcome, strict: true, .. }) => assert!(outcome.warnings() > 0),
        other => panic!("{other:?}"),
    }
}

/// The preview's base URL in these tests.
const PREVIEW_BASE: &str = "http://127.0.0.1:9/";

/// A copy of the full fixture released on 06-11 and again, unchanged, on
/// 06-15 into its default output folder, then changed as
/// [`change_content`] does (two of its new notes back-dated); and the
/// preview of it as of 06-16, comparing with the release in that folder
/// as serve does.
fn previewed_after_two_releases(
    extra: impl FnOnce(&Path),
) -> (tempfile::TempDir, gongkai::preview::Generation) {
    let site = common::copy_fixture("full");
    let out = site.path().join("public");
    built(site.path(), &out, "2024-06-11", &["--base-url", PREVIEW_BASE]);
    built(site.path(), &out, common::FULL_AS_OF, &["--base-url", PREVIEW_BASE]);
    change_content(site.path());
    extra(site.path());
    let earlier = gongkai::output::manifest::read(&out).unwrap().unwrap().release;
    assert!(earlier.is_some());
    let mut preview = gongkai::preview::Preview::new(site.path().to_path_buf(), PREVIEW_BASE.to_string());
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 16).unwrap();
    let generation = preview.generation(as_of, earlier, &gongkai::content::Changed::Anything);
    (site, generation)
}

#[test]
fn the_preview_finds_the_release_and_its_backdated_notes_as_the_build_does() {
    let (site, generation) = previewed_after_two_releases(|_| {});
    let out = site.path().join("public");
    assert!(generation.is_site(), "{:?}", generation.diags);
    // The page first, before the check has found the release.
    let page = generation.file("release.html").unwrap();
    let mut warnings: Vec<String> = generation.diags.iter().map(|d| d.to_string()).collect();
    warnings.extend(generation.check(Default::default()).iter().map(|d| d.to_string()));
    warnings.sort();

    let said = built(site.path(), &out, "2024-06-16", &["--base-url", PREVIEW_BASE]);
    assert!(
        page == std::fs::read(out.join("release.html")).unwrap(),
        "release.html differs from the build's"
    );
    let mut build_warnings: Vec<String> =
        said.lines().filter(|l| l.contains(": 警告: ")).map(String::from).collect();
    build_warnings.sort();
    assert_eq!(warnings, build_warnings);
    assert_eq!(warnings.iter().filter(|w| w.contains("是补发的吗")).count(), 2, "{warnings:?}");
}

#[test]
fn the_preview_with_errors_still_says_which_notes_are_backdated() {
    // An error elsewhere: there is no site to show, and no check to come.
    let (site, generation) = previewed_after_two_releases(|root| {
        std::fs::write(
            root.join("content/notes/2024/2024-06-16-cuowu.md"),
            "---\ntitle: 编号写错的进展\ndate: 2024-06-16\nissues: [\"99\"]\n---\n正文。\n",
        )
        .unwrap()
    });
    assert!(!generation.is_site());
    let mut said: Vec<String> = generation.diags.iter().map(|d| d.to_string()).collect();
    said.sort();
    // `check` compares with the same release, in public/.
    let check = common::gongkai(&["check", "--root", site.path().to_str().unwrap(), "--as-of", "2024-06-16"]);
    let mut checked: Vec<String> = common::stderr(&check)
        .lines()
        .filter(|l| l.contains(": 警告: ") || l.contains(": 错误: "))
        .map(String::from)
        .collect();
    checked.sort();
    assert_eq!(said, checked);
    assert_eq!(said.iter().filter(|w| w.contains("是补发的吗")).count(), 2, "{said:?}");
    assert!(
        said.iter().any(|e| e.contains("2024-06-16-cuowu.md") && e.contains("找不到问题“99”")),
        "{said:?}"
    );
}
