//! Where a build may write: never over the site's own sources, and never
//! into a folder of the user's that gongkai did not make.

use std::path::{Component, Path, PathBuf};

/// Makes `p` absolute and free of `.`/`..` without requiring it to exist
/// (an output folder often does not yet).
pub fn absolute(p: &Path) -> PathBuf {
    let base = if p.is_absolute() { PathBuf::new() } else { std::env::current_dir().unwrap_or_default() };
    let joined = base.join(p);
    // Resolve symlinks in the part that exists, so that two spellings of
    // one folder compare equal.
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    let mut clean = PathBuf::new();
    for c in out.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other.as_os_str()),
        }
    }
    clean
}

/// Why `out` may not be the output folder of the site at `root`, if so.
pub fn forbidden_out(root: &Path, out: &Path) -> Option<String> {
    let root = absolute(root);
    let out = absolute(out);
    if out == root {
        return Some("输出目录不能是网站根目录本身".into());
    }
    if root.starts_with(&out) {
        return Some("输出目录不能是网站根目录的上级目录".into());
    }
    for inner in ["content", "themes"] {
        if out.starts_with(root.join(inner)) {
            return Some(format!("输出目录不能在 {inner}/ 里面"));
        }
    }
    None
}

/// Why a file written beside the site (the change list, the archive) may
/// not be at `file`, if so.
pub fn forbidden_beside_out(root: &Path, out: &Path, file: &Path) -> Option<String> {
    let (root, out, file) = (absolute(root), absolute(out), absolute(file));
    if file.starts_with(&out) {
        return Some("不能放在输出目录里（每次生成都会替换输出目录，它也会被一起上传）".into());
    }
    for inner in ["content", "themes"] {
        if file.starts_with(root.join(inner)) {
            return Some(format!("不能放在 {inner}/ 里（那里是网站的源文件）"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_outputs() {
        let root = Path::new("/tmp/gongkai-site");
        assert!(forbidden_out(root, root).is_some());
        assert!(forbidden_out(root, Path::new("/tmp")).is_some());
        assert!(forbidden_out(root, &root.join("content/x")).is_some());
        assert!(forbidden_out(root, &root.join("themes")).is_some());
        assert!(forbidden_out(root, &root.join("public")).is_none());
        assert!(forbidden_out(root, &root.join("content/../public")).is_none());
        assert!(forbidden_out(root, Path::new("/tmp/other-out")).is_none());
    }

    #[test]
    fn files_beside_the_output() {
        let root = Path::new("/tmp/gongkai-site");
        let out = root.join("public");
        assert!(forbidden_beside_out(root, &out, &out.join("site.zip")).is_some());
        assert!(forbidden_beside_out(root, &out, &root.join("public/../public/a/changes.txt")).is_some());
        assert!(forbidden_beside_out(root, &out, &root.join("content/files/site.zip")).is_some());
        assert!(forbidden_beside_out(root, &out, &root.join("themes/x.zip")).is_some());
        assert!(forbidden_beside_out(root, &out, &root.join("site.zip")).is_none());
        assert!(forbidden_beside_out(root, &out, Path::new("/tmp/release/changes.txt")).is_none());
    }
}
