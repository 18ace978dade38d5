//! Content templates for `new` and `init`, kept as files in `scaffold/`
//! (built into the binary) and filled in with Tera. Every field is
//! explained in a Chinese comment; what the clerk must still write is
//! marked 【请填写】, and loading the content warns where a mark is left
//! (`content::placeholders`).

pub use crate::content::placeholders::PLACEHOLDER;
use include_dir::{Dir, include_dir};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// The template `name` filled in with `ctx`.
pub fn render(name: &str, ctx: &tera::Context) -> Result<String, String> {
    let file = SCAFFOLD.get_file(name).ok_or_else(|| format!("内置模板 {name} 不存在"))?;
    let source = String::from_utf8_lossy(file.contents());
    tera::Tera::one_off(&source, ctx, false).map_err(|e| format!("内置模板 {name} 有误：{e}"))
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
}
