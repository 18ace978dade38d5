//! Markdown as written in a content file, with where it was written, so a
//! broken link inside it can be reported at its own line and column.

use crate::diagnostics::Pos;
use pulldown_cmark::{Event, Options, Parser, Tag};

#[derive(Debug, Clone, PartialEq)]
pub struct Markdown {
    pub text: String,
    /// Every link and image destination, with its position in the file.
    pub links: Vec<LinkRef>,
    /// Where the nesting of quotes, lists or emphasis first goes deeper
    /// than [`MAX_NESTING`], if it does.
    pub too_deep: Option<Pos>,
}

/// Far deeper than any real text. Deeper HTML would overflow the stack of
/// the HTML minifier (which recurses per element), so it is refused.
pub const MAX_NESTING: usize = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct LinkRef {
    pub dest: String,
    pub pos: Option<Pos>,
    pub image: bool,
}

/// Where a markdown text starts in its file and how its lines map back.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub line: usize,
    pub column: usize,
    /// Lines of the text are lines of the file (a note body, a `|` block).
    pub line_for_line: bool,
    /// Indentation stripped from each line (a `|` block in YAML).
    pub indent: usize,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

impl Markdown {
    pub fn new(text: String, origin: Origin) -> Self {
        let mut links = Vec::new();
        let mut depth = 0;
        let mut too_deep = None;
        for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
            match event {
                Event::Start(tag) => {
                    depth += 1;
                    if depth > MAX_NESTING && too_deep.is_none() {
                        too_deep = Some(origin.position(&text, range.start));
                    }
                    if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &tag {
                        links.push(LinkRef {
                            dest: dest_url.to_string(),
                            pos: Some(origin.position(&text, range.start)),
                            image: matches!(tag, Tag::Image { .. }),
                        });
                    }
                }
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
        // Too deep is an error that fails the build; the text is dropped so
        // that nothing renders it while the other problems are collected.
        let text = if too_deep.is_some() { String::new() } else { text };
        Markdown { text, links, too_deep }
    }

    /// Markdown held in a YAML scalar that starts at `pos` in `source`.
    pub fn from_yaml(text: String, pos: Option<Pos>, source: &str) -> Self {
        let Some(pos) = pos else {
            return Markdown::new(text, Origin { line: 1, column: 1, line_for_line: false, indent: 0 });
        };
        let mut lines = source.lines().skip(pos.line.saturating_sub(1));
        let start_line = lines.next().unwrap_or("");
        let indicator = start_line.chars().nth(pos.column.saturating_sub(1));
        let origin = if indicator == Some('|') {
            let indent = lines
                .find(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start_matches(' ').len())
                .unwrap_or(0);
            Origin { line: pos.line + 1, column: 1, line_for_line: true, indent }
        } else {
            let quoted = matches!(indicator, Some('"' | '\''));
            Origin {
                line: pos.line,
                column: pos.column + usize::from(quoted),
                line_for_line: false,
                indent: 0,
            }
        };
        Markdown::new(text, origin)
    }
}

impl Origin {
    fn position(&self, text: &str, offset: usize) -> Pos {
        let before = &text[..offset];
        if !self.line_for_line {
            let column = self.column + before.chars().count();
            return Pos::new(self.line, column);
        }
        let line_index = before.matches('\n').count();
        let col = before.rsplit('\n').next().unwrap_or("").chars().count();
        let first = if line_index == 0 { self.column } else { 1 };
        Pos::new(self.line + line_index, first + self.indent + col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_links_carry_file_positions() {
        let md = Markdown::new(
            "第一段。\n\n见[清单](/files/a.pdf)与![图](/files/b.png)。\n".to_string(),
            Origin { line: 7, column: 1, line_for_line: true, indent: 0 },
        );
        let got: Vec<_> = md.links.iter().map(|l| (l.dest.as_str(), l.pos.unwrap())).collect();
        assert_eq!(got, [("/files/a.pdf", Pos::new(9, 2)), ("/files/b.png", Pos::new(9, 21))]);
    }

    #[test]
    fn deep_nesting_is_found() {
        let origin = Origin { line: 5, column: 1, line_for_line: true, indent: 0 };
        let md = Markdown::new(format!("正文\n\n{}引用\n", ">".repeat(80)), origin);
        assert_eq!(md.too_deep, Some(Pos::new(7, 51)));
        assert_eq!(md.text, "");
        let md = Markdown::new("> 引用\n>\n> - *强调*\n".to_string(), origin);
        assert_eq!(md.too_deep, None);
    }

    #[test]
    fn literal_block_maps_lines_and_indent() {
        let source = "description: |\n  第一行\n  见[此](/issues/09/)\n";
        let md = Markdown::from_yaml("第一行\n见[此](/issues/09/)\n".into(), Some(Pos::new(1, 14)), source);
        assert_eq!(md.links[0].pos, Some(Pos::new(3, 4)));
    }

    #[test]
    fn quoted_scalar_offsets_by_quote() {
        let source = "  - \"见[此](/x/)\"\n";
        let md = Markdown::from_yaml("见[此](/x/)".into(), Some(Pos::new(1, 5)), source);
        assert_eq!(md.links[0].pos, Some(Pos::new(1, 7)));
    }
}
