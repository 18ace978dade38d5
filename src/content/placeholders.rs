//! The 【请填写】 marks that `gongkai new` and `gongkai init` leave for the
//! clerk to fill in: a warning wherever one is left in a content file, so
//! that `--strict` refuses to release a half-filled template. Scanned in
//! the text the loader read, so every command that loads the content
//! (build, check, serve) warns alike.

use crate::diagnostics::{Diagnostic, Pos};

/// Marks what a template leaves for the clerk to write.
pub const PLACEHOLDER: &str = "【请填写】";

/// A warning for every mark left in `text`, the content file `rel` as
/// read (without byte-order mark, lines ending in `\n`). Lines of YAML
/// (a YAML file, a markdown file's front matter) starting with `#` are
/// comments, explanations that name the mark, not content.
pub fn scan(rel: &str, text: &str) -> Vec<Diagnostic> {
    if !text.contains(PLACEHOLDER) {
        return Vec::new();
    }
    let markdown = rel.to_ascii_lowercase().ends_with(".md");
    let mut in_front_matter = false;
    let mut diags = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if markdown && trimmed == "---" && (i == 0 || in_front_matter) {
            in_front_matter = i == 0;
            continue;
        }
        if (!markdown || in_front_matter) && trimmed.starts_with('#') {
            continue;
        }
        if let Some(at) = line.find(PLACEHOLDER) {
            let column = line[..at].chars().count() + 1;
            diags.push(Diagnostic::warning(
                rel,
                Some(Pos::new(i + 1, column)),
                format!("这里还是模板中的“{PLACEHOLDER}”，请改成实际内容后再发布"),
            ));
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(rel: &str, text: &str) -> Vec<String> {
        scan(rel, text).iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn marks_outside_comments_with_their_line_and_column() {
        let note = "---\n# 标有“【请填写】”的地方\ntitle: 【请填写】标题\n---\n# 【请填写】标题\n正文\n";
        let said = found("content/notes/a.md", note);
        assert_eq!(said.len(), 2, "{said:?}");
        // Front matter: the comment is skipped; body: a heading is content.
        assert!(
            said[0].starts_with("content/notes/a.md:3:8: 警告: 这里还是模板中的“【请填写】”"),
            "{said:?}"
        );
        assert!(said[1].starts_with("content/notes/a.md:5:3: 警告"), "{said:?}");

        let yaml = "# 【请填写】\ntitle: 好\nresponsible:\n  lead: [【请填写】牵头单位]\n";
        let said = found("content/issues/01.yaml", yaml);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("content/issues/01.yaml:4:10: 警告"), "{said:?}");
    }

    #[test]
    fn a_body_without_front_matter_fence_and_a_file_without_marks() {
        // `---` later in a body is a rule, not the end of a front matter.
        let said = found("content/pages/a.md", "正文\n---\n# 【请填写】\n");
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("content/pages/a.md:3:3: 警告"), "{said:?}");
        assert!(scan("content/site.yaml", "title: 白城市\n").is_empty());
    }
}
