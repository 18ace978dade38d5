//! The theme: Tera templates and static assets. The `default` theme is built
//! into the binary; a `themes/<name>/` folder in the site root overrides its
//! files one by one (same relative path wins).

use super::ids::slash_path;
use super::site::SiteConfig;
use super::source::read_text;
use crate::diagnostics::{Diagnostic, io_reason};
use include_dir::{Dir, DirEntry, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

#[derive(Debug, Clone)]
pub struct ThemeFile<T> {
    pub data: T,
    /// Where it came from, for messages: `themes/x/templates/a.html` or
    /// `(内置主题)/templates/a.html`.
    pub origin: String,
}

#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (path under `templates/`) → source.
    pub templates: BTreeMap<String, ThemeFile<String>>,
    /// Path under `static/` (= path in the output) → bytes.
    pub assets: BTreeMap<String, ThemeFile<Vec<u8>>>,
}

pub const BUILT_IN: &str = "(内置主题)";

pub fn built_in() -> Theme {
    let mut theme = Theme::default();
    let mut stack: Vec<&Dir> = vec![&DEFAULT_THEME];
    while let Some(dir) = stack.pop() {
        for entry in dir.entries() {
            match entry {
                DirEntry::Dir(d) => stack.push(d),
                DirEntry::File(f) => {
                    let path = slash_path(f.path());
                    let origin = format!("{BUILT_IN}/{path}");
                    if let Some(name) = path.strip_prefix("templates/") {
                        let text = String::from_utf8_lossy(f.contents()).into_owned();
                        theme.templates.insert(name.to_string(), ThemeFile { data: text, origin });
                    } else if let Some(name) = path.strip_prefix("static/") {
                        theme
                            .assets
                            .insert(name.to_string(), ThemeFile { data: f.contents().to_vec(), origin });
                    }
                }
            }
        }
    }
    theme
}

pub fn load(root: &Path, site: &SiteConfig, diags: &mut Vec<Diagnostic>) -> Theme {
    let mut theme = built_in();
    let name = &site.theme.value;
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            diags.push(Diagnostic::error(
                super::site::PATH,
                site.theme.pos,
                format!("找不到主题“{name}”：网站根目录下没有 themes/{name}/ 文件夹"),
            ));
        }
        return theme;
    }
    for entry in super::ids::files_under(root, &dir, diags) {
        let Ok(inner) = entry.path().strip_prefix(&dir) else { continue };
        let inner = slash_path(inner);
        let rel = format!("themes/{name}/{inner}");
        if let Some(tpl) = inner.strip_prefix("templates/") {
            match read_text(entry.path(), &rel) {
                Ok(text) => {
                    theme.templates.insert(tpl.to_string(), ThemeFile { data: text, origin: rel });
                }
                Err(d) => diags.push(d),
            }
        } else if let Some(asset) = inner.strip_prefix("static/") {
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    theme.assets.insert(asset.to_string(), ThemeFile { data: bytes, origin: rel });
                }
                Err(e) => {
                    diags.push(Diagnostic::error(&rel, None, format!("无法读取文件：{}", io_reason(&e))))
                }
            }
        }
    }
    theme
}
