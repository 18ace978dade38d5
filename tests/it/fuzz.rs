//! Malformed input of every kind through the loader (and for the nastiest
//! cases the whole build): nothing may panic, and input that cannot be a
//! valid file must give an error, never silence.

use crate::common;

use gongkai::diagnostics::Diagnostic;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

const SITE: &str = "title: 测试市督察整改信息公开\nbase_url: https://www.example.gov.cn/dczg/\n";

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 6, 15).unwrap()
}

/// A site root holding a valid site.yaml and `files` (which may replace it).
fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut all: Vec<(&str, &[u8])> = vec![("content/site.yaml", SITE.as_bytes())];
    all.extend_from_slice(files);
    for (path, bytes) in all {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

/// Loads the site and derives the model; panics are caught and reported
/// with the input that caused them.
fn load(root: &Path, what: &str) -> Vec<Diagnostic> {
    catch_unwind(AssertUnwindSafe(|| {
        let (content, diags) = gongkai::content::load(root);
        let _ = gongkai::model::Model::new(content, as_of());
        diags
    }))
    .unwrap_or_else(|_| panic!("loading panicked on {what}"))
}

/// One input file of a batch: its path in the site, its bytes, and what it tries.
struct Case {
    path: String,
    bytes: Vec<u8>,
    what: String,
}

/// Builds one site holding every case (with `common` files) in memory, as
/// a build is slow enough that one per case would make the test crawl. If
/// it panics, each case is built alone to name the one that did.
fn build_all(common: &[(&str, &[u8])], cases: &[Case]) -> Vec<Diagnostic> {
    let build = |cases: &[&Case]| {
        let mut files = common.to_vec();
        files.extend(cases.iter().map(|c| (c.path.as_str(), c.bytes.as_slice())));
        let dir = site(&files);
        catch_unwind(AssertUnwindSafe(|| {
            gongkai::build::build(dir.path(), as_of(), None, &gongkai::output::write::Discard).diags
        }))
    };
    build(&cases.iter().collect::<Vec<_>>()).unwrap_or_else(|_| {
        for case in cases {
            if build(&[case]).is_err() {
                panic!("the build panicked on {}", case.what);
            }
        }
        panic!("the build panicked on the cases together only");
    })
}

fn errors_in<'a>(diags: &'a [Diagnostic], path: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.is_error() && d.path == path).collect()
}

/// A small deterministic generator, so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every text file of the `full` fixture cut short at many places: no
/// panic, and an error wherever the cut removes something required.
#[test]
fn truncated_files_of_the_full_fixture() {
    let content = common::fixture("full/content");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&content).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let name = entry.file_name().to_string_lossy();
        if !matches!(ext, "yaml" | "md") || name.starts_with(['_', '.']) {
            continue;
        }
        let rel = format!("content/{}", path.strip_prefix(&content).unwrap().to_string_lossy());
        let text = fs::read_to_string(path).unwrap();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let step = (cuts.len() / 25).max(1);
        for &cut in cuts.iter().step_by(step) {
            let truncated = &text[..cut];
            let dir = site(&[(rel.as_str(), truncated.as_bytes())]);
            let what = format!("{rel} cut at byte {cut}");
            let diags = load(dir.path(), &what);
            checked += 1;
            // Cut before a required part: the file cannot be valid.
            let required_gone = if rel.contains("/issues/") {
                !truncated.contains("\nmeasures:")
            } else if rel.contains("/notes/") || rel.contains("/pages/") {
                !truncated.lines().skip(1).any(|l| l.trim_end() == "---")
            } else if rel.ends_with("site.yaml") {
                !truncated.contains("\nbase_url:")
            } else {
                !truncated.contains("\ntarget")
            };
            if required_gone {
                assert!(!errors_in(&diags, &rel).is_empty(), "no error for {what}:\n{truncated}");
            }
        }
    }
    assert!(checked > 800, "only {checked} truncations");
}

/// Random bytes and random YAML punctuation as each kind of file: never a
/// panic, always an error for that file.
#[test]
fn random_bytes_and_punctuation() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // With the full-width punctuation of a Chinese input method, which the
    // loader looks for before parsing.
    let alphabet: Vec<char> = ":-[]{}&*!|>'\"%@`#,?~ \t\n\n\n\r二〇aZ09.\\：，　“”［］".chars().collect();
    for case in 0..300 {
        let len = rng.below(300);
        let bytes: Vec<u8> = if case % 2 == 0 {
            (0..len).map(|_| rng.next() as u8).collect()
        } else {
            (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect::<String>().into_bytes()
        };
        let (rel, prefix): (&str, &[u8]) = match case % 3 {
            0 => ("content/issues/01.yaml", b""),
            // After a valid opening fence, so that the front matter parser sees the noise.
            1 => ("content/notes/a.md", b"---\n"),
            _ => ("content/site.yaml", b""),
        };
        let input = [prefix, &bytes].concat();
        let dir = site(&[(rel, &input)]);
        let what = format!("case {case}: {rel} = {:?}", String::from_utf8_lossy(&input));
        let diags = load(dir.path(), &what);
        assert!(!errors_in(&diags, rel).is_empty(), "no error for {what}");
    }
}

fn issue(extra: &str) -> String {
    format!(
        "number: 1\ntitle: 标题\ncategory: 大气污染防治\nkind: short-term\ndeadline: 2023-12-31\nresponsible:\n  lead: [市生态环境局]\ndescription: 描述。\ngoal: 目标。\nmeasures:\n  - 措施。\n{extra}"
    )
}

/// Inputs chosen to break parsers: nesting, anchors, tags, several
/// documents, huge numbers, empty and odd files. Each must be an error
/// (the file cannot be valid as written), through the whole build.
#[test]
fn hostile_yaml_is_an_error_not_a_crash() {
    let deep_flow = format!("number: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let deep_map = format!("number: {}1{}\n", "{a: ".repeat(5_000), "}".repeat(5_000));
    let deep_block = format!("measures:\n  {}x\n", "- ".repeat(20_000));
    let laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n".to_string();
    let long_line = format!("title: {}\n", "长".repeat(200_000));
    let cases: Vec<(&str, String)> = vec![
        ("deep flow nesting", deep_flow),
        ("deep flow mappings", deep_map),
        ("deep block nesting", issue("").replace("measures:\n  - 措施。\n", &deep_block)),
        ("anchors and aliases", issue(&laughs)),
        ("alias without anchor", issue("leaders: *x\n")),
        ("merge key", issue("<<: {title: x}\n")),
        ("core tag", issue("").replace("number: 1", "number: !!int 1")),
        ("custom tag", issue("").replace("title: 标题", "title: !标题 x")),
        ("binary tag", issue("leaders: !!binary aGVsbG8=\n")),
        ("two documents", format!("{}---\n{}", issue(""), issue(""))),
        ("document end then content", format!("{}...\nnumber: 2\n", issue(""))),
        ("directive", format!("%YAML 1.2\n---\n{}colour: x\n", issue(""))),
        ("huge number", issue("").replace("number: 1", "number: 99999999999999999999999999")),
        ("negative number", issue("").replace("number: 1", "number: -1")),
        ("float number", issue("").replace("number: 1", "number: 1.0e400")),
        ("hex number", issue("").replace("number: 1", "number: 0x1F")),
        ("number with plus", issue("").replace("number: 1", "number: +1")),
        ("far future deadline", issue("").replace("2023-12-31", "99999-12-31")),
        ("deadline as a number", issue("").replace("2023-12-31", "20231231")),
        ("empty file", String::new()),
        ("only a BOM", "\u{FEFF}".to_string()),
        ("only line breaks", "\r\n\r\n\n".to_string()),
        ("only a comment", "# 问题\n".to_string()),
        ("a scalar", "城区燃煤小锅炉未按期淘汰\n".to_string()),
        ("a list", "- number: 1\n".to_string()),
        ("NUL byte", issue("").replace("标题", "标\0题")),
        ("complex key", format!("? [a, b]\n: c\n{}", issue(""))),
        ("flow key", format!("[a]: b\n{}", issue(""))),
        ("null key", format!("~: b\n{}", issue(""))),
        ("numeric key", format!("1: b\n{}", issue(""))),
        ("duplicate key", format!("{}number: 2\n", issue(""))),
        ("huge line", issue("").replace("title: 标题\n", &long_line).replace("number: 1", "numbr: 1")),
        ("CR line ends", issue("colour: x\n").replace('\n', "\r")),
        ("milestones of wrong shape", issue("milestones: [[2023-09-30, x], {date: x}, 3]\n")),
        ("targets of wrong shape", issue("targets: {pm25: 1}\n")),
        ("responsible lists", issue("").replace("  lead: [市生态环境局]", "  lead: [[a], {b: c}, ~]")),
    ];
    let cases: Vec<Case> = cases
        .into_iter()
        .enumerate()
        .map(|(i, (what, text))| Case {
            path: format!("content/issues/c{i:02}.yaml"),
            // Numbers apart, so that no error comes from a clash between cases.
            bytes: text.replacen("number: 1\n", &format!("number: {}\n", i + 1), 1).into_bytes(),
            what: what.to_string(),
        })
        .collect();
    let diags = build_all(&[], &cases);
    for case in &cases {
        assert!(!errors_in(&diags, &case.path).is_empty(), "no error for {}: {diags:#?}", case.what);
    }
}

fn note(front: &str, body: &str) -> String {
    format!("---\ntitle: 进展\ndate: 2024-01-01\n{front}---\n{body}")
}

/// Markdown and front matter oddities: no panic anywhere in the build;
/// where the note cannot be valid, an error for it.
#[test]
fn hostile_notes_and_markdown() {
    let must_fail: Vec<(&str, String)> = vec![
        ("only the fence", "---".to_string()),
        ("fence without newline", "---\ntitle: a\ndate: 2024-01-01\n---".replace("---\ntitle", "---title")),
        ("indented closing fence", "---\ntitle: a\ndate: 2024-01-01\n  ---\n正文\n".to_string()),
        ("issues of wrong shape", note("issues: [[\"01\"], {a: 1}]\n", "")),
        ("issues as a mapping", note("issues: {\"01\": done}\n", "")),
        ("milestone zero", note("issues: [\"01\"]\nmilestones: [0]\n", "")),
        ("milestone huge", note("issues: [\"01\"]\nmilestones: [4294967296]\n", "")),
        ("status as a list", note("issues: [\"01\"]\nstatus: [done]\n", "")),
        ("date far away", note("", "").replace("2024-01-01", "+10000-01-01")),
        ("date with an impossible offset", note("", "").replace("2024-01-01", "2024-01-01T00:00:00+25:00")),
        ("script link", note("", "[x](javascript:alert(1))\n")),
        ("relative link", note("", "[x](../x.html)\n")),
        ("protocol-relative image", note("", "![x](//cdn.example.com/a.png)\n")),
        ("percent escape that is not UTF-8", note("", "[x](/files/%FF.pdf)\n")),
        ("link up and out", note("", "[x](/../../etc/passwd)\n")),
    ];
    let one_issue = issue("");
    let common = [("content/issues/01.yaml", one_issue.as_bytes())];
    let notes = |cases: Vec<(&str, String)>| -> Vec<Case> {
        let to_case = |(i, (what, text)): (usize, (&str, String))| Case {
            path: format!("content/notes/n{i:02}.md"),
            bytes: text.into_bytes(),
            what: what.to_string(),
        };
        cases.into_iter().enumerate().map(to_case).collect()
    };
    let must_fail = notes(must_fail);
    let diags = build_all(&common, &must_fail);
    for case in &must_fail {
        assert!(!errors_in(&diags, &case.path).is_empty(), "no error for {}: {diags:#?}", case.what);
    }

    // Nesting deep enough to overflow the stack of the HTML minifier.
    let too_deep = notes(
        [
            ("deep quotes", format!("{}引用\n", ">".repeat(5_000))),
            ("deep lists", (0..500).map(|i| format!("{}- 项\n", "  ".repeat(i))).collect()),
            ("deep emphasis", format!("{}强调{}\n", "*".repeat(5_000), "*".repeat(5_000))),
        ]
        .into_iter()
        .map(|(what, body)| (what, note("issues: [\"01\"]\n", &body)))
        .collect(),
    );
    let diags = build_all(&common, &too_deep);
    for case in &too_deep {
        let errors = errors_in(&diags, &case.path);
        let deep = errors.len() == 1 && errors[0].message.contains("嵌套超过 50 层");
        assert!(deep, "{}: {diags:#?}", case.what);
    }

    // Valid notes with bodies that stress the markdown renderer: they build.
    let bodies: Vec<(&str, String)> = vec![
        ("nesting at the limit", format!("{}引用\n", ">".repeat(48))),
        ("many brackets", format!("{}\n", "[".repeat(20_000))),
        ("huge table", format!("|a|b|\n|-|-|\n{}", "|1|2|\n".repeat(5_000))),
        ("raw html", "<script>alert(1)</script><iframe src=//x></iframe>\n\n<!-- 注释 -->\n".to_string()),
        ("fragment links", "[a](#) [b](/#main) [c](/issues/01/#history) [d](/?q=1)\n".to_string()),
        ("external links", "[a](https://www.mee.gov.cn/) [b](mailto:a@b.cn) [c](tel:0436)\n".to_string()),
        ("NUL and controls", "正文\0\u{1}\u{7f}\u{202e}结束\n".to_string()),
        ("no final newline", "正文".to_string()),
        ("a fence in the body", "正文\n\n---\n\n---\n".to_string()),
    ];
    let bodies =
        notes(bodies.into_iter().map(|(what, body)| (what, note("issues: [\"01\"]\n", &body))).collect());
    let diags = build_all(&common, &bodies);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "these should build: {errors:#?}");
}

/// Numbers at the edges in site settings and targets go through the model
/// (progress, rates) and the pages without a panic.
#[test]
fn extreme_numbers_in_settings_and_targets() {
    let targets = [
        "name: a\nunit: u\ntarget: {value: 1e308, comparison: \">\", by: 2025-12-31}\nbaseline: {date: 2022-12-31, value: -1e308}\nobservations:\n  - {date: 2023-12-31, value: 1.7976931348623157e308}\n",
        "name: b\nunit: u\ntarget: {value: 0, comparison: \"<=\", by: 2022-12-31}\nbaseline: {date: 2022-12-31, value: 0}\nobservations:\n  - {date: 2022-12-31, value: 0}\n",
        "name: c\nunit: u\ntarget: {value: 5, comparison: \"<\", by: 2023-01-01}\nbaseline: {date: 2023-01-01, value: 9}\nobservations:\n  - {date: 2023-01-01, value: 7}\n",
        "name: d\nunit: u\ntarget: {value: 1e-320, comparison: \">=\", by: 9999-12-31}\nbaseline: {date: 0001-01-01, value: 5e-324}\nobservations:\n  - {date: 9999-12-31, value: 1e-320}\n",
    ];
    let site_yaml = format!(
        "{SITE}due_soon_days: 9223372036854775807\nstale_after_days: 9223372036854775807\nfeed_items: 4294967295\nplan_date: 0001-01-01\n"
    );
    let one_issue = issue("targets: [t00, t01, t02, t03]\n");
    let common =
        [("content/site.yaml", site_yaml.as_bytes()), ("content/issues/01.yaml", one_issue.as_bytes())];
    let cases: Vec<Case> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| Case {
            path: format!("content/targets/t{i:02}.yaml"),
            bytes: t.as_bytes().to_vec(),
            what: format!("target {i}"),
        })
        .collect();
    let diags = build_all(&common, &cases);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "these should build: {errors:#?}");
}

/// Spreadsheets cut short, random bytes under every table name, and a
/// valid workbook with cells of every kind: never a panic.
#[test]
fn broken_and_odd_case_tables() {
    let settings = "title: 交办件\ntables:\n  - {file: t.xlsx, batch: 1, received: 2023-04-12, published: 2023-04-20}\n  - {file: t.xls, batch: 2, received: 2023-04-12, published: 2023-04-20}\n  - {file: t.csv, batch: 3, received: 2023-04-12, published: 2023-04-20}\n";
    let real = fs::read(common::fixture("cases/content/cases/第1批.xlsx")).unwrap();
    let old = fs::read(common::fixture("cases/content/cases/第2批.xls")).unwrap();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut tried = 0;
    for cut in (0..real.len()).step_by(real.len() / 40).chain((0..old.len()).step_by(old.len() / 40)) {
        let noise: Vec<u8> = (0..rng.below(400)).map(|_| rng.next() as u8).collect();
        let dir = site(&[
            ("content/cases/cases.yaml", settings.as_bytes()),
            ("content/cases/t.xlsx", &real[..cut.min(real.len())]),
            ("content/cases/t.xls", &old[..cut.min(old.len())]),
            ("content/cases/t.csv", &noise),
        ]);
        load(dir.path(), &format!("tables cut at byte {cut}"));
        tried += 1;
    }
    assert!(tried >= 80);
}
