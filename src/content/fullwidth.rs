//! Full-width punctuation typed where YAML needs its ASCII twin: the
//! commonest mistake of a clerk writing with a Chinese input method.
//!
//! YAML reads `category：…` as text, not as a key, and a full-width space
//! as content, not indentation, so the parser reports something confusing
//! a line later. This scan runs before the parser and points at the
//! character itself. It looks only where YAML expects syntax: never inside
//! comments, quoted strings, `|`/`>` blocks or the continuation lines of a
//! text, so a title or a description may use `：`, `，` and `　` freely.
//! (A `，` inside a list of names is caught later, where the reader knows
//! the list holds names: see `Reader::text_list`.)

/// A full-width character where YAML syntax belongs, with its 1-based
/// line and column in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

const FULL_WIDTH_SPACE: char = '\u{3000}';

/// Every slip in `text`. Each one breaks the structure of the file, so
/// the parser would only report a consequence of it.
pub fn scan(text: &str) -> Vec<Slip> {
    let mut scanner = Scanner::default();
    for (i, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        scanner.line(i + 1, &chars);
    }
    scanner.slips
}

/// What earlier lines left open.
#[derive(Default)]
struct Scanner {
    /// A `|` or `>` block: its lines are those indented more than this.
    block: Option<usize>,
    /// A plain text that continues on lines indented more than this.
    plain: Option<usize>,
    /// The quote that closes an open quoted string.
    quote: Option<char>,
    /// Open flow collections, `[` or `{`, innermost last.
    flow: Vec<char>,
    slips: Vec<Slip>,
}

impl Scanner {
    fn line(&mut self, n: usize, chars: &[char]) {
        let indent = chars.iter().take_while(|&&c| c == ' ').count();
        let blank = chars.iter().all(|&c| c == ' ' || c == '\t');
        if let Some(parent) = self.block {
            if blank || indent > parent {
                return;
            }
            self.block = None;
        }
        if self.quote.is_some() || !self.flow.is_empty() {
            self.tokens(n, chars, 0, 0);
            return;
        }
        if blank {
            return;
        }
        if chars[indent] == '#' {
            self.plain = None;
            return;
        }
        if let Some(parent) = self.plain {
            if indent > parent {
                return;
            }
            self.plain = None;
        }
        let leading = chars.iter().take_while(|&&c| c == ' ' || c == FULL_WIDTH_SPACE).count();
        if let Some(i) = chars[..leading].iter().position(|&c| c == FULL_WIDTH_SPACE) {
            self.slip(
                n,
                i,
                "这一行开头用了全角空格“　”缩进，YAML 不认。请删除全角空格，改用英文空格缩进（同一层的各项左对齐）",
            );
            return;
        }
        // `- ` items: what follows belongs to the last dash.
        let (mut i, mut parent) = (indent, indent);
        while chars[i] == '-' && chars.get(i + 1).is_none_or(|&c| c == ' ') {
            parent = i;
            i += 1;
            while chars.get(i) == Some(&' ') {
                i += 1;
            }
            if i == chars.len() {
                return;
            }
        }
        // After a dash the text may be a list item that happens to start
        // with a word and `：` (`- VOCs：…`); keys are lower case.
        if let Some(colon) = key_then_full_width_colon(chars, i, i > indent) {
            self.colon_slip(n, chars, i, colon);
            return;
        }
        self.tokens(n, chars, i, parent);
    }

    /// Follows quotes, flow collections, block indicators and plain text
    /// from `chars[start]` to the end of the line. `parent` is the column
    /// of the node the line's value belongs to (its key or its dash).
    fn tokens(&mut self, n: usize, chars: &[char], start: usize, mut parent: usize) {
        let mut at_node_start = true;
        // At a key of a `{…}` mapping (after `{` or `,`, not after `:`).
        let mut at_flow_key = false;
        let mut node_col = start;
        let mut plain = false;
        let mut i = start;
        while i < chars.len() {
            let c = chars[i];
            if let Some(q) = self.quote {
                if q == '"' && c == '\\' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if q == '\'' && chars.get(i + 1) == Some(&'\'') {
                        i += 2;
                        continue;
                    }
                    self.quote = None;
                    at_node_start = false;
                    let next = (i + 1..chars.len()).find(|&j| chars[j] != ' ');
                    if let Some(j) = next.filter(|&j| chars[j] == '，' && !self.flow.is_empty()) {
                        self.slip(
                            n,
                            j,
                            "列表各项之间用了中文逗号“，”。请改成英文逗号“,”，例如 [\"01\", \"02\"]",
                        );
                    }
                }
                i += 1;
                continue;
            }
            let after_space = i == 0 || matches!(chars[i - 1], ' ' | '\t');
            match c {
                ' ' | '\t' => {}
                '#' if after_space => break,
                '"' | '\'' if at_node_start => {
                    self.quote = Some(c);
                    node_col = i;
                }
                '[' | '{' if at_node_start || !self.flow.is_empty() => {
                    self.flow.push(c);
                    at_node_start = true;
                    at_flow_key = c == '{';
                }
                ']' | '}' if !self.flow.is_empty() => {
                    self.flow.pop();
                    at_node_start = false;
                }
                ',' if !self.flow.is_empty() => {
                    at_node_start = true;
                    at_flow_key = self.flow.last() == Some(&'{');
                }
                ':' if chars
                    .get(i + 1)
                    .is_none_or(|&next| next == ' ' || (!self.flow.is_empty() && ",]}".contains(next))) =>
                {
                    at_node_start = true;
                    at_flow_key = false;
                    parent = node_col;
                    plain = false;
                }
                '|' | '>' if at_node_start && self.flow.is_empty() && is_block_header(&chars[i + 1..]) => {
                    self.block = Some(parent);
                    return;
                }
                _ if at_node_start => {
                    at_node_start = false;
                    node_col = i;
                    if let Some(colon) = key_then_full_width_colon(chars, i, false).filter(|_| at_flow_key) {
                        self.colon_slip(n, chars, i, colon);
                    }
                    plain = self.flow.is_empty();
                }
                _ => {}
            }
            i += 1;
        }
        if plain && self.flow.is_empty() && self.quote.is_none() {
            self.plain = Some(parent);
        }
    }

    fn colon_slip(&mut self, n: usize, chars: &[char], key_start: usize, colon: usize) {
        let key: String = chars[key_start..colon].iter().collect::<String>().trim_end().to_string();
        let message = format!("键“{key}”后面用了中文冒号“：”。请改成英文冒号加空格“: ”，写成 {key}: …");
        self.slip(n, colon, message);
    }

    fn slip(&mut self, line: usize, index: usize, message: impl Into<String>) {
        self.slips.push(Slip { line, column: index + 1, message: message.into() });
    }
}

/// The index of the `：` when `chars[start..]` is a key (ASCII letters,
/// digits and `_`, starting with a letter or `_`; lower case only when
/// `lower`) followed by optional spaces and `：`.
fn key_then_full_width_colon(chars: &[char], start: usize, lower: bool) -> Option<usize> {
    let first_ok = |c: char| {
        if lower { c.is_ascii_lowercase() || c == '_' } else { c.is_ascii_alphabetic() || c == '_' }
    };
    let rest_ok = |c: char| {
        if lower {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
        } else {
            c.is_ascii_alphanumeric() || c == '_'
        }
    };
    if !chars.get(start).is_some_and(|&c| first_ok(c)) {
        return None;
    }
    let mut i = start + 1;
    while chars.get(i).is_some_and(|&c| rest_ok(c)) {
        i += 1;
    }
    while chars.get(i).is_some_and(|&c| c == ' ' || c == '\t') {
        i += 1;
    }
    (chars.get(i) == Some(&'：')).then_some(i)
}

/// What may follow `|` or `>` for it to open a block: chomping and
/// indentation indicators, then nothing but a comment.
fn is_block_header(rest: &[char]) -> bool {
    let header = rest.iter().take_while(|c| matches!(c, '+' | '-' | '1'..='9')).count();
    let tail = &rest[header..];
    let spaces = tail.iter().take_while(|&&c| c == ' ' || c == '\t').count();
    spaces == tail.len() || (spaces > 0 && tail[spaces] == '#')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Vec<(usize, usize)> {
        scan(text).iter().map(|s| (s.line, s.column)).collect()
    }

    #[test]
    fn full_width_colon_after_a_key() {
        assert_eq!(at("number: 7\ncategory：大气污染防治\nkind: short-term\n"), [(2, 9)]);
        assert_eq!(at("publisher:\n  host：白城市人民政府\n  operator： 某局\n"), [(2, 7), (3, 11)]);
        assert_eq!(at("milestones:\n  - date：2023-09-30\n    goal: 完成\n"), [(2, 9)]);
        assert_eq!(at("milestones:\n  - {date：2023-09-30, goal： 完成}\n"), [(2, 10), (2, 27)]);
        let slip = &scan("title ：白城\n")[0];
        assert_eq!(slip.message, "键“title”后面用了中文冒号“：”。请改成英文冒号加空格“: ”，写成 title: …");
    }

    #[test]
    fn full_width_space_as_indentation() {
        assert_eq!(at("responsible:\n\u{3000}\u{3000}lead: [甲]\n"), [(2, 1)]);
        assert_eq!(at("responsible:\n  \u{3000}lead: [甲]\n"), [(2, 3)]);
    }

    #[test]
    fn full_width_comma_after_a_quoted_item() {
        assert_eq!(at("issues: [\"01\"，\"02\"]\n"), [(1, 14)]);
    }

    #[test]
    fn text_may_use_full_width_punctuation() {
        let text = "\
# 说明：这里的注释可以用中文冒号：和逗号，
title: 标题：城区锅炉，未淘汰  # 注释：也可以
category: \"a：b\"
description: |
  note：这是正文。
  \u{3000}\u{3000}first：段首缩进也可以。

  VOCs：治理，完成。
goal: >-
  text：折叠的正文
measures:
  - VOCs：开展治理，完成。
  - PM25：下降
  - 开展排查，
    continued：同一段文字的下一行
  - 'it''s：引号里的文字'
  - \"多行的
    引号：文字\"
leaders: [副市长：张三, \"a：b\", pm25：下降]
milestones: [{date: 2023-09-30, goal: pm25：下降}]
name: it's here
";
        assert_eq!(scan(text), []);
    }

    #[test]
    fn a_block_ends_where_its_indentation_ends() {
        assert_eq!(at("description: |\n  note：正文\nkind：long-term\n"), [(3, 5)]);
        assert_eq!(at("measures:\n  - |\n    a：b\n  - x\nstatus：done\n"), [(5, 7)]);
    }
}
