//! Markdown as written in a content file, with where it was written, so a
//! broken link inside it can be reported at its own line and column.

use crate::diagnostics::Pos;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct Markdown {
    pub text: String,
    /// Every link and image destination, with its position in the file.
    pub links: Vec<LinkRef>,
    /// Where the nesting of quotes, lists or emphasis first goes deeper
    /// than [`MAX_NESTING`], if it does.
    pub too_deep: Option<Pos>,
    /// Links meant but not made: `[附件](/files/整改 方案.pdf)` is plain
    /// text, because a space ends a link's address.
    pub broken_by_space: Vec<LinkRef>,
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
        // Code and the links made: a `](` inside them is as meant.
        let mut skip: Vec<Range<usize>> = Vec::new();
        for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
            if matches!(
                event,
                Event::Code(_) | Event::Start(Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. })
            ) {
                skip.push(range.clone());
            }
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
        let broken_by_space = spaced_destinations(&text, &skip)
            .into_iter()
            .map(|(start, dest)| LinkRef {
                dest,
                pos: Some(origin.position(&text, start)),
                image: text[start..].starts_with('!'),
            })
            .collect();
        // Too deep is an error that fails the build; the text is dropped so
        // that nothing renders it while the other problems are collected.
        let text = if too_deep.is_some() { String::new() } else { text };
        Markdown { text, links, too_deep, broken_by_space }
    }

    /// Markdown held in a YAML scalar that starts at `pos` in `source`.
    pub fn from_yaml(text: String, pos: Option<Pos>, source: &str) -> Self {
        let Some(pos) = pos else {
            return Markdown::new(text, Origin { line: 1, column: 1, line_for_line: false, indent: 0 });
        };
        let lines: Vec<&str> = source.lines().collect();
        let index = pos.line.saturating_sub(1).min(lines.len());
        let line = lines.get(index).copied().unwrap_or("");
        let first = line.chars().nth(pos.column.saturating_sub(1));
        // The parser puts a `|` block where its text starts, on the line
        // after the `|`: the lines of the text are lines of the file.
        let at_indentation = pos.column.saturating_sub(1) == line.len() - line.trim_start_matches(' ').len();
        let header = lines[..index].iter().rev().find(|l| !l.trim().is_empty());
        let origin = if at_indentation && header.is_some_and(|l| opens_literal_block(l)) {
            // Blank lines before the first line of text are in the text.
            let blank = text.chars().take_while(|&c| c == '\n').count();
            Origin {
                line: pos.line.saturating_sub(blank),
                column: 1,
                line_for_line: true,
                indent: pos.column.saturating_sub(1),
            }
        } else {
            let quoted = matches!(first, Some('"' | '\''));
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

/// Whether a YAML line ends with `|` (with its indicators, `|-`, `|+2`),
/// which opens a literal block on the lines after it.
fn opens_literal_block(line: &str) -> bool {
    let code = line.split(" #").next().unwrap_or(line).trim_end();
    let header = code.trim_end_matches(['+', '-', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    header.strip_suffix('|').is_some_and(|before| before.is_empty() || before.ends_with(' '))
}

/// Each `[text](address)` outside `skip` whose address, up to the first
/// `)` on its line, has a space: its start (the `[`, or the `!` of an
/// image) and the address.
fn spaced_destinations(text: &str, skip: &[Range<usize>]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("](") {
        if skip.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let rest = &text[at + 2..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let Some(mut dest) = line.find(')').map(|end| line[..end].trim()) else { continue };
        // A title after the address (`"说明"`) is not part of it.
        if let Some(title) =
            dest.find(" \"").or_else(|| dest.find(" '")).filter(|_| dest.ends_with(['"', '\'']))
        {
            dest = dest[..title].trim_end();
        }
        if dest.is_empty() || dest.starts_with('<') || !dest.contains([' ', '\t']) {
            continue;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let mut depth = 0;
        let open = text[line_start..at].char_indices().rev().find_map(|(i, c)| {
            match c {
                ']' => depth += 1,
                '[' if depth == 0 => return Some(line_start + i),
                '[' => depth -= 1,
                _ => {}
            }
            None
        });
        let start = open.map_or(at, |i| if text[..i].ends_with('!') { i - 1 } else { i });
        found.push((start, dest.to_string()));
    }
    found
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

    /// Positions as the YAML reader gives them (a `|` block starts at its
    /// first line of text).
    fn from_yaml_field(source: &str, key: &str) -> Markdown {
        let mut r = crate::content::yaml::Reader::new("t.yaml", 0);
        let map = r.parse(source).unwrap();
        let node = map.get_node(key).unwrap();
        let pos = r.pos(node);
        Markdown::from_yaml(r.markdown_text(node, key).unwrap(), pos, source)
    }

    #[test]
    fn literal_block_maps_lines_and_indent() {
        let source =
            "a: 1\ndescription: |  # 注释\n\n  第一行\n    见[此](/issues/09/)\ngoal: |-\n   x [y](/z/)\n";
        let md = from_yaml_field(source, "description");
        assert_eq!(md.links[0].pos, Some(Pos::new(5, 6)));
        let md = from_yaml_field(source, "goal");
        assert_eq!(md.links[0].pos, Some(Pos::new(7, 6)));
        let md = from_yaml_field("goal: 见 [y](/z/)\n", "goal");
        assert_eq!(md.links[0].pos, Some(Pos::new(1, 9)));
    }

    #[test]
    fn links_broken_by_a_space() {
        let origin = Origin { line: 3, column: 1, line_for_line: true, indent: 0 };
        let text = "见[附件[1]](/files/a b.pdf)，![图](/b c.png \"题\")。\n\n`[x](/d e)` [好](/f \"题\") [好](</g h>)\n";
        let md = Markdown::new(text.to_string(), origin);
        let got: Vec<_> =
            md.broken_by_space.iter().map(|l| (l.dest.as_str(), l.pos.unwrap(), l.image)).collect();
        assert_eq!(got, [("/files/a b.pdf", Pos::new(3, 2), false), ("/b c.png", Pos::new(3, 26), true)]);
        assert_eq!(md.links.len(), 2);
    }

    #[test]
    fn quoted_scalar_offsets_by_quote() {
        let source = "  - \"见[此](/x/)\"\n";
        let md = Markdown::from_yaml("见[此](/x/)".into(), Some(Pos::new(1, 5)), source);
        assert_eq!(md.links[0].pos, Some(Pos::new(1, 7)));
    }
}
