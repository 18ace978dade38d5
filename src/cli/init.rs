//! `gongkai init <dir>`: a new site root whose `content/` holds the least a
//! site needs (settings, one issue, one note, one target, the
//! accessibility statement), every field explained, and builds at once.

use super::new::write_new;
use super::scaffold::{self, PLACEHOLDER};
use super::{EXIT_USAGE, InitArgs, resolve_as_of};
use chrono::Datelike;

pub fn run(args: InitArgs) -> u8 {
    match init(&args) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("错误：{msg}");
            EXIT_USAGE
        }
    }
}

fn init(args: &InitArgs) -> Result<(), String> {
    let today = resolve_as_of(args.as_of.as_deref())?;
    let dir = &args.dir;
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| {
            format!("{} 不是可以使用的文件夹：{}", dir.display(), crate::diagnostics::io_reason(&e))
        })?;
        if entries.next().is_some() {
            return Err(format!(
                "{} 不是空文件夹。为避免覆盖您的文件，请指定一个不存在的或空的文件夹",
                dir.display()
            ));
        }
    }
    let date = today.format("%Y-%m-%d").to_string();
    let note = format!("{date}-zhenggai-qidong");
    let mut ctx = tera::Context::new();
    ctx.insert("date", &date);
    ctx.insert("id", "01");
    ctx.insert("number", &1);
    ctx.insert("category", &format!("{PLACEHOLDER}类别，例如 大气污染防治"));
    ctx.insert("categories", &Vec::<String>::new());
    ctx.insert("slug", &note);
    ctx.insert("issue", &Some("01"));
    let files = [
        ("content/site.yaml".to_string(), "site.yaml"),
        ("content/issues/01.yaml".to_string(), "issue.yaml"),
        (format!("content/notes/{}/{note}.md", today.year()), "note.md"),
        ("content/targets/pm25.yaml".to_string(), "target.yaml"),
        ("content/pages/accessibility.md".to_string(), "accessibility.md"),
    ];
    // Render all before writing any, so a failure leaves nothing half made.
    let mut rendered = Vec::new();
    for (rel, template) in &files {
        let mut ctx = ctx.clone();
        if *template == "target.yaml" {
            ctx.insert("id", "pm25");
        }
        rendered.push((rel, scaffold::render(template, &ctx)?));
    }
    std::fs::create_dir_all(dir.join("content/files")).map_err(|e| {
        format!("无法创建 {}：{}", dir.join("content/files").display(), crate::diagnostics::io_reason(&e))
    })?;
    for (rel, text) in &rendered {
        write_new(dir, rel, text)?;
    }
    eprintln!("已新建网站根目录 {}：", dir.display());
    for (rel, _) in &rendered {
        eprintln!("  {rel}");
    }
    eprintln!("  content/files/（附件放在这里）");
    eprintln!("下一步：");
    eprintln!("  1. 用文本编辑器打开这些文件，按说明把标有“{PLACEHOLDER}”的地方改成实际内容；");
    eprintln!("  2. 运行 gongkai serve --root {} 在浏览器中预览，修改后页面自动刷新；", dir.display());
    eprintln!("  3. 用 gongkai new issue 编号、gongkai new note 名称 --issue 编号 添加问题和进展。");
    Ok(())
}
