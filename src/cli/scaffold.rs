//! Content templates for `new` and `init`, kept as files in `scaffold/`
//! (built into the binary) and filled in with Tera. Every field is
//! explained in a Chinese comment; what the clerk must still write is
//! marked 【请填写】, and `check` and `build` warn where a mark is left.

use crate::content::ids::{is_ignored_name, slash_path};
use crate::diagnostics::{Diagnostic, Pos};
use include_dir::{Dir, include_dir};
use std::io::Write;
use std::path::Path;
use walkdir::WalkDir;

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// Marks what a template leaves for the clerk to write.
pub const PLACEHOLDER: &str = "【请填写】";

/// The template `name` filled in with `ctx`.
pub fn render(name: &str, ctx: &tera::Context) -> Result<String, String> {
    let file = SCAFFOLD.get_file(name).ok_or_else(|| format!("内置模板 {name} 不存在"))?;
    let source = String::from_utf8_lossy(file.contents());
    tera::Tera::one_off(&source, ctx, false).map_err(|e| format!("内置模板 {name} 有误：{e}"))
}

/// Writes a new file, never over an existing one, creating its folder.
pub fn create(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())
}

/// A warning for every 【请填写】 left in the content files of `root`
/// (comments in YAML and in front matter are explanations, not content).
pub fn placeholders(root: &Path) -> Vec<Diagnostic> {
    let content = root.join("content");
    let files = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || (!is_ignored_name(e.file_name()) && e.path() != content.join("files"))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    let mut diags = Vec::new();
    for entry in files {
        let ext =
            entry.path().extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        let markdown = ext == "md";
        if !markdown && ext != "yaml" && ext != "yml" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        let rel = entry.path().strip_prefix(root).map(slash_path).unwrap_or_default();
        let mut in_front_matter = false;
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start_matches('\u{feff}').trim();
            if markdown && trimmed == "---" && (i == 0 || in_front_matter) {
                in_front_matter = i == 0;
                continue;
            }
            let is_yaml = !markdown || in_front_matter;
            if is_yaml && trimmed.starts_with('#') {
                continue;
            }
            if let Some(at) = line.find(PLACEHOLDER) {
                let column = line[..at].chars().count() + 1;
                diags.push(Diagnostic::warning(
                    &rel,
                    Some(Pos::new(i + 1, column)),
                    format!("这里还是模板中的“{PLACEHOLDER}”，请改成实际内容后再发布"),
                ));
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> tera::Context {
        let mut ctx = tera::Context::new();
        for (k, v) in [("id", "29"), ("slug", "a-b"), ("date", "2024-06-30"), ("category", "大气污染防治")]
        {
            ctx.insert(k, v);
        }
        ctx.insert("number", &29);
        ctx.insert("issue", &Some("07"));
        ctx.insert("categories", &["大气污染防治", "水污染防治"]);
        ctx
    }

    #[test]
    fn every_template_renders_without_leftover_tags() {
        for file in SCAFFOLD.files() {
            let name = file.path().to_string_lossy();
            let text = render(&name, &ctx()).unwrap();
            assert!(!text.contains("{{") && !text.contains("{%"), "{name}: {text}");
            assert!(text.contains("2024-06-30"), "{name} has no date");
        }
    }

    #[test]
    fn finds_placeholders_outside_comments() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("content/notes");
        std::fs::create_dir_all(&notes).unwrap();
        std::fs::write(
            notes.join("a.md"),
            "---\n# 标有“【请填写】”的地方\ntitle: 【请填写】标题\n---\n# 【请填写】标题\n正文\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("content/site.yaml"), "# 【请填写】\ntitle: 好\n").unwrap();
        let found: Vec<String> = placeholders(dir.path()).iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("content/notes/a.md:3:8: 警告"), "{found:?}");
        assert!(found[1].starts_with("content/notes/a.md:5:3: 警告"), "{found:?}");
    }
}
