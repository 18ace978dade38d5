//! HTML minification with minify-html. CSS inside pages is minified; JS is
//! left alone (the theme's scripts are small and must keep working in old
//! dual-engine browsers, so they are not rewritten).

use minify_html::{Cfg, minify};

fn config() -> Cfg {
    Cfg {
        minify_css: true,
        minify_js: false,
        keep_html_and_head_opening_tags: true,
        keep_closing_tags: true,
        ..Cfg::new()
    }
}

pub fn html(source: &str) -> Vec<u8> {
    minify(source.as_bytes(), &config())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_document_structure_and_text() {
        let page = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>问题 &amp; 整改</title>\n  <style> body { color : #111 ; } </style>\n</head>\n<body>\n  <p>  整改   进展  </p>\n  <script>var a = 1;   var b = 2;</script>\n</body>\n</html>\n";
        let out = String::from_utf8(html(page)).unwrap();
        assert!(out.to_ascii_lowercase().starts_with("<!doctype html>"), "{out}");
        assert!(out.contains("<html lang=zh-CN>"), "{out}");
        assert!(out.contains("<title>问题 & 整改</title>"), "{out}");
        assert!(out.contains("body{color:#111}"), "{out}");
        assert!(out.contains("var a = 1;   var b = 2;"), "{out}");
        assert!(out.contains("</p>"), "{out}");
        assert!(out.len() < page.len());
    }
}
