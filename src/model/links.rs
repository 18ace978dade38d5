//! Links written inside markdown: whether every link points at something
//! that exists (what a link names is `urls::resolve`).

use super::Model;
use crate::content::Markdown;
use crate::diagnostics::Diagnostic;
use crate::urls;
use std::collections::BTreeSet;

/// The files of the pages of ids whose file exists but could not be read
/// (it has errors, reported where they are). Links to them count as
/// existing: an id exists as soon as its file exists.
fn pages_of_broken_files(model: &Model) -> BTreeSet<String> {
    let c = &model.content;
    // Every id read is known, once: as many read as known means none broken.
    fn unread<'a>(
        known: &'a BTreeSet<String>,
        read: impl ExactSizeIterator<Item = &'a str>,
    ) -> Vec<&'a String> {
        if read.len() == known.len() {
            return Vec::new();
        }
        let read: BTreeSet<&str> = read.collect();
        known.iter().filter(|id| !read.contains(id.as_str())).collect()
    }
    let mut files = BTreeSet::new();
    for id in unread(&c.known.issues, c.issues.iter().map(|i| i.id.as_str())) {
        files.insert(urls::issue(id));
        files.insert(urls::issue_feed(id));
    }
    for slug in unread(&c.known.notes, c.notes.iter().map(|n| n.slug.as_str())) {
        files.insert(urls::note(slug));
    }
    for id in unread(&c.known.targets, c.targets.iter().map(|t| t.id.as_str())) {
        files.insert(urls::target(id));
    }
    for slug in unread(&c.known.pages, c.pages.iter().map(|p| p.slug.as_str())) {
        files.insert(urls::page(slug));
    }
    files
}

/// Checks every link in the content against the files of the build.
/// Links in notes not yet published may also name other unpublished notes:
/// they are checked as they will be on the day they go live.
pub fn check(model: &Model, outputs: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let c = &model.content;
    let dirs = urls::page_dirs(&c.known);
    let unpublished: BTreeSet<String> =
        model.unpublished.iter().map(|&i| urls::note(&c.notes[i].slug)).collect();
    let broken = pages_of_broken_files(model);
    let mut diags = Vec::new();
    let mut check_md = |md: &Markdown, source: &str, future: bool| {
        for link in &md.links {
            let exists =
                |file: &str| outputs(file) || broken.contains(file) || (future && unpublished.contains(file));
            if let Some(message) = problem(&link.dest, link.image, &dirs, &exists) {
                diags.push(Diagnostic::error(source, link.pos, message));
            }
        }
    };
    for issue in &c.issues {
        check_md(&issue.description, &issue.source, false);
        check_md(&issue.goal, &issue.source, false);
        for m in &issue.measures {
            check_md(m, &issue.source, false);
        }
    }
    for (i, note) in c.notes.iter().enumerate() {
        check_md(&note.body, &note.source, model.unpublished.contains(&i));
    }
    for t in &c.targets {
        if let Some(md) = &t.description {
            check_md(md, &t.source, false);
        }
    }
    for p in &c.pages {
        check_md(&p.body, &p.source, false);
    }
    diags
}

fn problem(
    dest: &str,
    image: bool,
    dirs: &BTreeSet<String>,
    exists: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let lower = dest.to_ascii_lowercase();
    let external = lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//");
    if image && external {
        return Some(format!(
            "不能引用外部图片“{dest}”：网站不加载其他网站的资源。请把图片放到 content/files/ 下，写成 /files/图片名"
        ));
    }
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
    {
        return None;
    }
    if dest.starts_with('#') {
        return None;
    }
    if dest.starts_with("//") || dest.contains(':') {
        return Some(format!("链接“{dest}”的写法不支持：外部网址请写完整的 https://…，站内链接以“/”开头"));
    }
    let Some(link) = urls::resolve(dest, dirs) else {
        return Some(format!(
            "站内链接“{dest}”应以“/”开头，从网站根目录写起，例如 /files/plan.pdf 或 /issues/07/"
        ));
    };
    if exists(&link.file) {
        return None;
    }
    let hint = if link.file.starts_with("files/") {
        format!("请确认附件 content/{} 存在（文件名大小写要一致）", link.file)
    } else if link.file.starts_with("updates/") {
        "请确认这条进展存在且已发布（日期不晚于统计日期）".to_string()
    } else {
        "请确认编号或文件名正确".to_string()
    };
    Some(format!("链接“{dest}”指向的页面或文件不存在：{hint}"))
}
