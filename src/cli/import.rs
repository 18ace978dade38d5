//! `gongkai import issues` and `gongkai import notes`: a task list or a
//! progress report from Excel becomes content files. Everything is read
//! and checked first, a summary of what would be written is printed, and
//! only then (and only if nothing is wrong and no file would be replaced
//! without `--force`) are the files written.

use super::{EXIT_CONTENT, EXIT_USAGE, ImportArgs, ImportKind, ImportOptions, print_diagnostics};
use crate::content::progress_report;
use crate::content::spreadsheet::Sheet;
use crate::content::task_list::{self, first_sentence};
use crate::diagnostics::{self, Diagnostic};
use crate::output::write::{create_new, write_file};
use crate::render::content_files;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: ImportArgs) -> u8 {
    match args.kind {
        ImportKind::Issues { file, options } => issues(&file, &options),
        ImportKind::Notes { file, date, options } => notes(&file, &date, &options),
    }
}

/// A file to write: its path under the site root and its text.
struct Planned {
    rel: String,
    text: String,
    /// One line for the summary.
    what: String,
}

/// Reads the spreadsheet, printing a usage error when it cannot.
fn sheet(file: &Path, options: &ImportOptions) -> Result<Sheet, u8> {
    if !file.is_file() {
        eprintln!("错误：找不到文件 {}", file.display());
        return Err(EXIT_USAGE);
    }
    Sheet::read(file, &file.display().to_string(), options.sheet.as_deref()).map_err(|d| {
        print_diagnostics(&[d]);
        eprintln!("没有写入任何文件。");
        EXIT_CONTENT
    })
}

fn issues(file: &Path, options: &ImportOptions) -> u8 {
    let root = &options.root;
    if !root.join("content").is_dir() {
        eprintln!(
            "错误：{} 下没有 content/ 文件夹。请在网站根目录下运行，或用 --root 指定网站根目录",
            root.display()
        );
        return EXIT_USAGE;
    }
    let sheet = match sheet(file, options) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (content, _) = crate::content::load(root);
    let list = task_list::read(&sheet, content.site.plan_date, &content.site.public_numbers);
    let mut diags = list.diags;
    let width = list.issues.iter().map(|i| i.number.to_string().len()).max().unwrap_or(2).max(2);
    let mut planned = Vec::new();
    for issue in &list.issues {
        let id = format!("{:0width$}", issue.number);
        let rel = format!("content/issues/{id}.yaml");
        let text = content_files::issue_yaml(issue, &file.display().to_string());
        // What gongkai writes, the loader must accept.
        diags.extend(crate::content::check_issue_text(&rel, &text));
        planned.push(Planned { what: format!("问题{}：{}", issue.number, issue.title), rel, text });
    }
    diagnostics::sort(&mut diags);
    print_diagnostics(&diags);
    if diagnostics::has_errors(&diags) {
        eprintln!(
            "共 {} 个错误，没有写入任何文件。请在 Excel 中按提示的单元格改正后再导入。",
            diags.iter().filter(|d| d.is_error()).count()
        );
        return EXIT_CONTENT;
    }
    let sheet_name = sheet.name.as_deref().map(|n| format!("（工作表“{n}”）")).unwrap_or(" ".to_string());
    eprintln!("从 {}{sheet_name}读取到 {} 个问题，将写入：", file.display(), planned.len());
    for p in &planned {
        eprintln!("  {}  {}", p.rel, p.what);
    }
    let made: Vec<u32> = list.issues.iter().filter(|i| i.title_made).map(|i| i.number).collect();
    if !made.is_empty() {
        eprintln!(
            "清单中没有“问题名称”一列：{} 个问题的标题取自反馈问题的第一句（最多 40 字），请打开文件核对 title。",
            made.len()
        );
    }
    if !list.skipped.is_empty() {
        eprintln!("以下列不导入：{}", list.skipped.join("、"));
    }
    let mut categories: Vec<(&str, usize)> = Vec::new();
    for i in &list.issues {
        match categories.iter_mut().find(|(c, _)| *c == i.category) {
            Some((_, n)) => *n += 1,
            None => categories.push((&i.category, 1)),
        }
    }
    let listed: Vec<String> = categories.iter().map(|(c, n)| format!("{c}（{n} 个）")).collect();
    eprintln!("类别：{}", listed.join("、"));
    let missing: Vec<&str> = categories
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| !content.site.categories.iter().any(|s| s == c))
        .collect();
    if !missing.is_empty() && !content.site.categories.is_empty() {
        let mut all = content.site.categories.clone();
        all.extend(missing.iter().map(|c| c.to_string()));
        eprintln!(
            "以下类别不在 content/site.yaml 的 categories 中：{}。请把 site.yaml 中的 categories 改为：\n  categories: [{}]",
            missing.join("、"),
            all.join(", ")
        );
    } else if content.site.categories.is_empty() {
        let all: Vec<&str> = categories.iter().map(|(c, _)| *c).collect();
        eprintln!("可以在 content/site.yaml 中写明类别的顺序：\n  categories: [{}]", all.join(", "));
    }
    // An issue with the same id in another sub-folder is the same issue.
    let existing: Vec<String> = planned
        .iter()
        .filter(|p| {
            let id = p.rel.trim_start_matches("content/issues/").trim_end_matches(".yaml");
            root.join(&p.rel).exists() || content.known.issues.iter().any(|k| k.eq_ignore_ascii_case(id))
        })
        .map(|p| p.rel.clone())
        .collect();
    finish(root, planned, existing, options)
}

fn notes(file: &Path, date: &str, options: &ImportOptions) -> u8 {
    let root = &options.root;
    let Some(date) = crate::dates::parse(date) else {
        eprintln!("错误：--date 的值“{date}”无效，应写成 YYYY-MM-DD，例如 2024-06-30");
        return EXIT_USAGE;
    };
    if !root.join("content").is_dir() {
        eprintln!(
            "错误：{} 下没有 content/ 文件夹。请在网站根目录下运行，或用 --root 指定网站根目录",
            root.display()
        );
        return EXIT_USAGE;
    }
    let sheet = match sheet(file, options) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (content, _) = crate::content::load(root);
    let (notes, mut diags) = progress_report::read(&sheet, &content.issues, &content.site.public_numbers);
    let mut planned = Vec::new();
    for n in &notes {
        let slug = format!("{}-{}", crate::dates::ymd(date), n.issue);
        let rel = format!("content/notes/{}/{slug}.md", date.format("%Y"));
        let title = n.title.clone().unwrap_or_else(|| first_sentence(&n.body));
        let text =
            content_files::note_markdown(&title, date, &n.issue, n.status, n.source.as_deref(), &n.body);
        let problems = crate::content::check_note_text(&rel, &text);
        diags.extend(problems);
        let status = n.status.map(|s| format!("（{}）", crate::render::words::status(s))).unwrap_or_default();
        planned.push(Planned { what: format!("问题{}{status}：{title}", n.number), rel, text });
    }
    diagnostics::sort(&mut diags);
    print_diagnostics(&diags);
    if diagnostics::has_errors(&diags) {
        eprintln!(
            "共 {} 个错误，没有写入任何文件。",
            diags.iter().filter(|d: &&Diagnostic| d.is_error()).count()
        );
        return EXIT_CONTENT;
    }
    eprintln!("从 {} 读取到 {} 条进展（日期 {date}），将写入：", file.display(), planned.len());
    for p in &planned {
        eprintln!("  {}  {}", p.rel, p.what);
    }
    let existing: Vec<String> = planned
        .iter()
        .filter(|p| {
            let slug = p.rel.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
            root.join(&p.rel).exists() || content.known.notes.iter().any(|k| k.eq_ignore_ascii_case(slug))
        })
        .map(|p| p.rel.clone())
        .collect();
    finish(root, planned, existing, options)
}

/// Writes the planned files, unless some exist (without `--force`) or this is a dry run.
fn finish(root: &Path, planned: Vec<Planned>, existing: Vec<String>, options: &ImportOptions) -> u8 {
    if !existing.is_empty() && !options.force {
        eprintln!(
            "错误：以下 {} 个文件已经存在：{}。为避免覆盖您的修改，没有写入任何文件；确实要用表格中的内容覆盖时，加上 --force 再运行",
            existing.len(),
            existing.join("、")
        );
        return EXIT_USAGE;
    }
    if options.dry_run {
        eprintln!("（--dry-run：只做了检查，没有写入文件）");
        return 0;
    }
    for p in &planned {
        let path: PathBuf = root.join(&p.rel);
        let written = if options.force {
            write_file(&path, |mut f| f.write_all(p.text.as_bytes()))
        } else {
            create_new(&path, p.text.as_bytes())
        };
        if let Err(e) = written {
            eprintln!("错误：无法写入 {}：{}", p.rel, diagnostics::io_reason(&e));
            return EXIT_USAGE;
        }
    }
    let replaced = if options.force && !existing.is_empty() {
        format!("（其中覆盖 {} 个）", existing.len())
    } else {
        String::new()
    };
    eprintln!(
        "已写入 {} 个文件{replaced}。请运行 gongkai check 检查，再用 gongkai serve 预览。",
        planned.len()
    );
    0
}
