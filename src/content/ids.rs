//! Finding content files and checking the ids their names give them.

use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A content file found on disk, with the id its stem gives it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub abs: PathBuf,
    /// Relative to the site root, `/`-separated: what messages show.
    pub rel: String,
    pub id: String,
}

/// Editor backups and drafts: names starting with `.` or `_`.
pub fn is_ignored_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('_')
}

/// The files under `dir` (skipping ignored names), sorted by name, symbolic
/// links followed; a folder that cannot be read, a broken link or a link
/// loop is an error at its path relative to `root`, not silently left out
/// (its notes would vanish from the site). A missing `dir` is no error:
/// every content folder is optional.
pub fn files_under(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<walkdir::DirEntry> {
    walk(root, dir, diags).0
}

/// As [`files_under`], and whether a symbolic link was followed.
fn walk(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> (Vec<walkdir::DirEntry>, bool) {
    let mut files = Vec::new();
    let mut linked = false;
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(e.file_name()));
    for entry in walk {
        match entry {
            Ok(e) => {
                linked |= e.path_is_symlink();
                if e.file_type().is_file() {
                    files.push(e);
                }
            }
            Err(e)
                if e.depth() == 0
                    && e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) => {}
            Err(e) => {
                // A broken link may be mended behind the watcher's back.
                linked = true;
                let at = e.path().unwrap_or(dir);
                let rel = at.strip_prefix(root).map(slash_path).unwrap_or_else(|_| slash_path(at));
                let reason = match (e.loop_ancestor(), e.io_error()) {
                    (Some(_), _) => "符号链接指向了它所在的上层文件夹，形成循环".to_string(),
                    (None, Some(io)) if io.kind() == std::io::ErrorKind::NotFound => {
                        "符号链接指向的文件不存在".to_string()
                    }
                    (None, Some(io)) => crate::diagnostics::io_reason(io),
                    (None, None) => e.to_string(),
                };
                diags.push(Diagnostic::error(rel, None, format!("无法读取：{reason}")));
            }
        }
    }
    // Sorted once, by a key made once per file: walkdir's sorting of each
    // folder parsed both names at every comparison (50,000 notes: 30 ms).
    files.sort_by_cached_key(|e| order_key(e.path()));
    (files, linked)
}

/// A key whose byte order is the order of paths (component by component,
/// as `Path`'s own): the components joined by a byte no name holds.
fn order_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len());
    for (i, c) in path.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
    }
    key
}

pub fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Ids are ASCII letters, digits, `-`, `_` and `.`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Why `id` may not be used for `kind`, if it may not.
pub fn reserved_reason(kind: &str, id: &str) -> Option<&'static str> {
    let lower = id.to_ascii_lowercase();
    let generated_file = lower.ends_with(".html") || lower.ends_with(".xml");
    match kind {
        "pages"
            if ["issues", "updates", "targets", "data", "files", "assets", "search", "cases", "closures"]
                .contains(&lower.as_str()) =>
        {
            Some("这个名字已用于网站的栏目")
        }
        "pages" | "issues" | "targets" if generated_file => {
            Some("以 .html 或 .xml 结尾的名字留给网站自动生成的文件")
        }
        "pages" if lower == "robots.txt" => Some("这个名字留给网站自动生成的文件"),
        "notes" if lower == "page" => Some("“page”留给进展列表的分页"),
        "notes" if lower.ends_with(".xml") => Some("以 .xml 结尾的名字留给订阅源"),
        _ => None,
    }
}

/// The files of `content/<kind>/` as [`list`] found them, with what the
/// walk saw: the preview keeps it, and lists the folder again only when a
/// file was added, removed or renamed in it.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<SourceFile>,
    /// Bad names, reserved names, duplicates, unreadable folders.
    pub diags: Vec<Diagnostic>,
    /// Every file walked, relative to the root, `/`-separated.
    walked: BTreeSet<String>,
    /// A symbolic link was followed, or could not be: a watcher of the
    /// folder does not see the changes behind it.
    linked: bool,
}

impl Listing {
    /// Whether the folder still lists as this when only the paths in
    /// `changed` (relative to `root`, `/`-separated, as a file watcher
    /// names them) have changed since: the files of changed paths that
    /// were walked are only new text.
    pub fn still_holds(&self, root: &Path, kind: &str, changed: &BTreeSet<String>) -> bool {
        if self.linked {
            return false;
        }
        let dir = format!("content/{kind}");
        let inside = format!("{dir}/");
        // The folder itself, or one it is in, made, moved or removed.
        if changed.iter().any(|p| touches(p, &dir) && !p.starts_with(&inside)) {
            return false;
        }
        changed.iter().filter_map(|p| p.strip_prefix(&inside).map(|below| (p, below))).all(|(p, below)| {
            if is_ignored_below(below) {
                return true;
            }
            match std::fs::metadata(root.join(p)) {
                Ok(m) if m.is_file() => self.walked.contains(p),
                // A folder made, or renamed into this one.
                Ok(_) => false,
                // Gone: it changes the listing if it was a file or a folder of files.
                Err(_) => {
                    let folder = format!("{p}/");
                    !self.walked.contains(p)
                        && !self.walked.range(folder.clone()..).next().is_some_and(|w| w.starts_with(&folder))
                }
            }
        })
    }

    /// Whether the watcher's `changed` paths name every file of the folder
    /// that changed, as the listing spells it: not when a symbolic link was
    /// followed, nor when a changed file has another spelling (the letter
    /// case of a case-insensitive disk, a Windows short name); the files'
    /// sizes and times must then be compared.
    pub fn names_every_change(&self, root: &Path, kind: &str, changed: &BTreeSet<String>) -> bool {
        let inside = format!("content/{kind}/");
        !self.linked
            && changed.iter().filter_map(|p| p.strip_prefix(&inside).map(|below| (p, below))).all(
                |(p, below)| is_ignored_below(below) || self.walked.contains(p) || !root.join(p).is_file(),
            )
    }
}

/// Whether a path inside a folder (`/`-separated) is one the walk never
/// enters: it or a folder it is in has an ignored name (an editor's
/// `.x.md.swp`).
fn is_ignored_below(below: &str) -> bool {
    below.split('/').any(|name| is_ignored_name(OsStr::new(name)))
}

/// Whether a change at `path` may change what is under `folder` (both
/// relative to the root): it is inside it, or it is the folder or one the
/// folder is in.
pub fn touches(path: &str, folder: &str) -> bool {
    path.is_empty()
        || path == folder
        || path.starts_with(&format!("{folder}/"))
        || folder.starts_with(&format!("{path}/"))
}

/// Lists the files of `content/<kind>/` with one of `exts`, in path order,
/// reporting bad names, reserved names and duplicate ids (ignoring case:
/// offices edit on Windows and servers may be IIS). Of duplicates only the
/// first is listed.
pub fn list(root: &Path, kind: &str, exts: &[&str]) -> Listing {
    let dir = root.join("content").join(kind);
    let mut diags = Vec::new();
    let (entries, linked) = walk(root, &dir, &mut diags);
    let entries: Vec<PathBuf> = entries.into_iter().map(|e| e.into_path()).collect();
    let mut walked = BTreeSet::new();

    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut files = Vec::new();
    for abs in entries {
        let rel = abs.strip_prefix(root).map(slash_path).unwrap_or_else(|_| slash_path(&abs));
        walked.insert(rel.clone());
        let ext = abs.extension().and_then(OsStr::to_str).unwrap_or("").to_ascii_lowercase();
        if !exts.contains(&ext.as_str()) {
            let wanted = exts.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" 或 ");
            diags.push(Diagnostic::warning(&rel, None, format!("不是 {wanted} 文件，已忽略")));
            continue;
        }
        let id = abs.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !is_valid_id(&id) {
            diags.push(Diagnostic::error(
                &rel,
                None,
                format!(
                    "文件名“{id}”不能用作网址：只能包含英文字母、数字、-、_ 和 .，请改名，例如 {}",
                    example_name(kind, &ext)
                ),
            ));
            continue;
        }
        if let Some(why) = reserved_reason(kind, &id) {
            diags.push(Diagnostic::error(&rel, None, format!("文件名“{id}”不能使用：{why}，请改名")));
            continue;
        }
        match seen.get(&id.to_ascii_lowercase()) {
            Some(first) => diags.push(Diagnostic::error(
                &rel,
                None,
                format!(
                    "{}“{id}”与 {first} 重复（不区分大小写：Windows 和部分服务器不分大小写），请改名其中一个",
                    id_noun(kind)
                ),
            )),
            None => {
                seen.insert(id.to_ascii_lowercase(), rel.clone());
                files.push(SourceFile { abs, rel, id });
            }
        }
    }
    Listing { files, diags, walked, linked }
}

/// What the stem of a file of `kind` is called in messages.
fn id_noun(kind: &str) -> &'static str {
    match kind {
        "issues" => "问题编号",
        "targets" => "指标编号",
        _ => "文件名",
    }
}

fn example_name(kind: &str, ext: &str) -> String {
    match kind {
        "issues" => format!("07.{ext}"),
        "notes" => format!("2023-09-28-guolu-paicha.{ext}"),
        "targets" => format!("pm25.{ext}"),
        _ => format!("about.{ext}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_in_path_order() {
        let mut paths: Vec<PathBuf> =
            ["n/2023-x/a.md", "n/2023/b.md", "n/2023/a-b.md", "n/2023/a.md", "n/a", "n/A"]
                .iter()
                .map(PathBuf::from)
                .collect();
        let mut by_key = paths.clone();
        by_key.sort_by_cached_key(|p| order_key(p));
        paths.sort();
        assert_eq!(by_key, paths);
        // Not the order of the paths as strings, where "2023-x/" comes before "2023/".
        let shown: Vec<_> = by_key.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(shown, ["n/2023/a-b.md", "n/2023/a.md", "n/2023/b.md", "n/2023-x/a.md", "n/A", "n/a"]);
    }

    #[test]
    fn id_rules() {
        assert!(is_valid_id("07"));
        assert!(is_valid_id("a-1_b.c"));
        assert!(!is_valid_id("问题7"));
        assert!(!is_valid_id("a b"));
        assert!(reserved_reason("pages", "Data").is_some());
        assert!(reserved_reason("pages", "about").is_none());
        assert!(reserved_reason("notes", "page").is_some());
        assert!(reserved_reason("notes", "x.html").is_none());
        assert!(reserved_reason("issues", "x.HTML").is_some());
        assert!(reserved_reason("targets", "feed.xml").is_some());
    }
}
