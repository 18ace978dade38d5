//! Links written inside markdown: whether every link points at something
//! that exists (what a link names is `urls::resolve`).

use super::Model;
use crate::content::Markdown;
use crate::diagnostics::Diagnostic;
use crate::urls;
use rayon::prelude::*;
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
/// they are checked as they will be on the day they go live. The texts are
/// checked in parallel (a province has 10^5 notes), their problems kept in
/// the order of the texts.
pub fn check(model: &Model, outputs: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Diagnostic> {
    let c = &model.content;
    let dirs = urls::PageDirs::of(&c.known);
    let unpublished: BTreeSet<String> =
        model.unpublished.iter().map(|&i| urls::note(&c.notes[i].slug)).collect();
    let broken = pages_of_broken_files(model);
    // Every text with links: its markdown, its file, and whether it is unpublished.
    let mut texts: Vec<(&Markdown, &str, bool)> = Vec::new();
    for issue in &c.issues {
        texts.push((&issue.description, &issue.source, false));
        texts.push((&issue.goal, &issue.source, false));
        texts.extend(issue.measures.iter().map(|m| (m, issue.source.as_str(), false)));
    }
    for (i, note) in c.notes.iter().enumerate() {
        texts.push((&note.body, &note.source, model.unpublished.contains(&i)));
    }
    texts.extend(c.targets.iter().filter_map(|t| Some((t.description.as_ref()?, t.source.as_str(), false))));
    texts.extend(c.pages.iter().map(|p| (&p.body, p.source.as_str(), false)));
    texts.retain(|(md, _, _)| !md.links.is_empty());
    texts
        .par_iter()
        .flat_map_iter(|&(md, source, future)| {
            let (broken, unpublished) = (&broken, &unpublished);
            let exists = move |file: &str| {
                outputs(file) || broken.contains(file) || (future && unpublished.contains(file))
            };
            md.links.iter().filter_map(move |link| {
                let message = problem(&link.dest, link.image, dirs, &exists)?;
                Some(Diagnostic::error(source, link.pos, message))
            })
        })
        .collect()
}

fn problem(dest: &str, image: bool, dirs: urls::PageDirs, exists: &dyn Fn(&str) -> bool) -> Option<String> {
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
