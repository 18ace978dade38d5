//! `gongkai new issue <id>` and `gongkai new note <slug> [--issue <id>]`:
//! a template file with every field explained, dated today (Beijing time,
//! or `--as-of`), written where the content format expects it, never over
//! an existing file or id.

use super::scaffold::{self, PLACEHOLDER};
use super::{EXIT_USAGE, NewArgs, NewKind, ScaffoldArgs, resolve_as_of};
use crate::content::ids::{is_valid_id, reserved_reason};
use chrono::Datelike;
use std::path::Path;

pub fn run(args: NewArgs) -> u8 {
    let result = match args.kind {
        NewKind::Issue { id, common } => new_issue(&id, &common),
        NewKind::Note { slug, issue, common } => new_note(&slug, issue.as_deref(), &common),
    };
    match result {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("错误：{msg}");
            EXIT_USAGE
        }
    }
}

fn new_issue(id: &str, common: &ScaffoldArgs) -> Result<(), String> {
    let today = resolve_as_of(common.as_of.as_deref())?;
    let root = &common.root;
    require_site(root)?;
    check_name("issues", "问题编号", id, "29")?;
    let (content, _) = crate::content::load(root);
    if let Some(existing) = content.known.issues.iter().find(|k| k.eq_ignore_ascii_case(id)) {
        let file = content.issues.iter().find(|i| &i.id == existing).map(|i| i.source.clone());
        return Err(format!(
            "问题编号“{id}”已经存在{}（编号不区分大小写），不会覆盖。请换一个编号",
            file.map(|f| format!("：{f}")).unwrap_or_default()
        ));
    }
    let number = content.issues.iter().map(|i| i.number).max().unwrap_or(0) + 1;
    let categories = &content.site.categories;
    let category = categories.first().cloned().unwrap_or_else(|| format!("{PLACEHOLDER}类别"));
    let mut ctx = tera::Context::new();
    ctx.insert("id", id);
    ctx.insert("number", &number);
    ctx.insert("date", &today.format("%Y-%m-%d").to_string());
    ctx.insert("category", &category);
    ctx.insert("categories", categories);
    let rel = format!("content/issues/{id}.yaml");
    write_new(root, &rel, &scaffold::render("issue.yaml", &ctx)?)?;
    eprintln!("已新建问题文件 {rel}（序号 {number}）。");
    eprintln!(
        "请用文本编辑器打开，按文件中的说明填写标有“{PLACEHOLDER}”的地方，然后运行 gongkai check 检查。"
    );
    Ok(())
}

fn new_note(slug: &str, issue: Option<&str>, common: &ScaffoldArgs) -> Result<(), String> {
    let today = resolve_as_of(common.as_of.as_deref())?;
    let root = &common.root;
    require_site(root)?;
    check_name("notes", "进展名称", slug, "2024-06-30-guolu-taotai")?;
    let (content, _) = crate::content::load(root);
    if let Some(existing) = content.known.notes.iter().find(|k| k.eq_ignore_ascii_case(slug)) {
        let file = content.notes.iter().find(|n| &n.slug == existing).map(|n| n.source.clone());
        return Err(format!(
            "进展名称“{slug}”已经存在{}（名称不区分大小写），不会覆盖。请换一个名称",
            file.map(|f| format!("：{f}")).unwrap_or_default()
        ));
    }
    if let Some(id) = issue
        && !content.known.issues.contains(id)
    {
        let similar = content.known.issues.iter().find(|k| k.eq_ignore_ascii_case(id));
        return Err(match similar {
            Some(k) => format!("没有编号为“{id}”的问题；您是不是要写“{k}”？（编号区分大小写）"),
            None => format!(
                "没有编号为“{id}”的问题：content/issues/ 下没有 {id}.yaml。请先用 gongkai new issue {id} 新建"
            ),
        });
    }
    let mut ctx = tera::Context::new();
    ctx.insert("slug", slug);
    ctx.insert("issue", &issue);
    ctx.insert("date", &today.format("%Y-%m-%d").to_string());
    let rel = format!("content/notes/{}/{slug}.md", today.year());
    write_new(root, &rel, &scaffold::render("note.md", &ctx)?)?;
    eprintln!("已新建进展文件 {rel}（日期 {}）。", today.format("%Y-%m-%d"));
    eprintln!(
        "请用文本编辑器打开，按文件中的说明填写标有“{PLACEHOLDER}”的地方，然后运行 gongkai check 检查。"
    );
    Ok(())
}

/// `new` works inside a site root.
fn require_site(root: &Path) -> Result<(), String> {
    if root.join("content/site.yaml").is_file() || root.join("content/site.yml").is_file() {
        return Ok(());
    }
    Err(format!(
        "{} 不是网站根目录（找不到 content/site.yaml）。请在网站根目录下运行，或用 --root 指定；新建网站请用 gongkai init 目录",
        root.display()
    ))
}

/// The content format's rules for file names (ids and slugs).
fn check_name(kind: &str, noun: &str, name: &str, example: &str) -> Result<(), String> {
    if !is_valid_id(name) {
        return Err(format!("{noun}“{name}”不能用作网址：只能包含英文字母、数字、-、_ 和 .，例如 {example}"));
    }
    if let Some(why) = reserved_reason(kind, name) {
        return Err(format!("{noun}“{name}”不能使用：{why}"));
    }
    Ok(())
}

/// Writes `rel` under `root`, never over an existing file.
pub(super) fn write_new(root: &Path, rel: &str, text: &str) -> Result<(), String> {
    let path = root.join(rel);
    crate::output::write::create_new(&path, text.as_bytes()).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!("{rel} 已经存在，不会覆盖"),
        _ => format!("无法写入 {rel}：{}", crate::diagnostics::io_reason(&e)),
    })
}
