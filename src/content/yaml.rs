//! A typed reader over position-tagged YAML.
//!
//! serde-style deserialisation stops at the first problem and forgets where
//! values were written. The contract needs every problem of a file at once,
//! each with its line and column, and ids taken as the literal text written
//! (`07` is "07", not 7). So YAML is parsed into marked-yaml's tree, where
//! every scalar is the text as written, and read field by field here.

use super::fullwidth;
use crate::diagnostics::{Diagnostic, Pos};
use chrono::NaiveDate;
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, Span};
use marked_yaml::{LoadError, LoaderOptions, Marker, Node};

/// A value with where it was written, for cross-checks made after loading.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Option<Pos>,
}

/// Reads one YAML document (a whole file or a front matter block),
/// collecting diagnostics against `path`.
pub struct Reader {
    pub path: String,
    /// Lines before the YAML in its file (a front matter starts on line 2).
    line_offset: usize,
    /// The YAML text, to tell a `[…]` list from a `- ` list.
    text: String,
    /// Keys that an unknown key of a mapping (named by its position) was
    /// taken to mean: their absence is not reported a second time.
    suggested: Vec<(Option<Pos>, String)>,
    pub diags: Vec<Diagnostic>,
}

impl Reader {
    pub fn new(path: &str, line_offset: usize) -> Self {
        Reader {
            path: path.to_string(),
            line_offset,
            text: String::new(),
            suggested: Vec::new(),
            diags: Vec::new(),
        }
    }

    /// Parses `text`, which must hold a mapping (an empty text is an empty mapping).
    pub fn parse(&mut self, text: &str) -> Option<MarkedMappingNode> {
        self.text = text.to_string();
        let slips = fullwidth::scan(text);
        if !slips.is_empty() {
            // Each breaks the structure: the parser would report only a
            // confusing consequence, often on another line.
            for slip in slips {
                self.error(Some(Pos::new(slip.line + self.line_offset, slip.column)), slip.message);
            }
            return None;
        }
        if let Some(line) = too_deep(text) {
            // Deep nesting would overflow the stack of the YAML parser.
            let message = format!("YAML 格式错误：嵌套层数太多（超过 {MAX_DEPTH} 层），请检查缩进和“- ”");
            self.error(Some(Pos::new(line + self.line_offset, 1)), message);
            return None;
        }
        let options = LoaderOptions::default().error_on_duplicate_keys(true).prevent_coercion(true);
        match marked_yaml::parse_yaml_with_options(0, text, options) {
            Ok(Node::Mapping(map)) => match second_document(text) {
                // The parser reads only the first document; the rest would be lost.
                Some(line) => {
                    self.error(
                        Some(Pos::new(line + self.line_offset, 1)),
                        "一个文件只能有一段内容：这一行的“---”或“...”之后的内容不会被读取。请删除这一行，把内容合并到上面",
                    );
                    None
                }
                None => Some(map),
            },
            Ok(_) => {
                self.error(Some(Pos::new(self.line_offset + 1, 1)), "内容应为“键: 值”的形式");
                None
            }
            Err(e) => {
                self.load_error(e);
                None
            }
        }
    }

    fn load_error(&mut self, err: LoadError) {
        let (marker, message) = match &err {
            LoadError::TopLevelMustBeMapping(m) => (Some(*m), "内容应为“键: 值”的形式".to_string()),
            LoadError::TopLevelMustBeSequence(m) => (Some(*m), "内容应为列表".to_string()),
            LoadError::UnexpectedAnchor(m) => {
                (Some(*m), "不支持 YAML 锚点（&、*）；如果文字以 & 或 * 开头，请给整段文字加引号".to_string())
            }
            LoadError::MappingKeyMustBeScalar(m) => (Some(*m), "键必须是一段文字".to_string()),
            LoadError::UnexpectedTag(m) => {
                (Some(*m), "不支持 YAML 标签（!）；如果文字以 ! 开头，请给整段文字加引号".to_string())
            }
            LoadError::DuplicateKey(inner) => {
                let first = inner.prev_key.span().start().map(|m| m.line()).unwrap_or(0);
                (
                    inner.key.span().start().copied(),
                    format!(
                        "键“{}”重复出现（第一次在第 {} 行），每个键只能写一次",
                        inner.key.as_str(),
                        first + self.line_offset
                    ),
                )
            }
            LoadError::ScanError(m, scan) => {
                // The scanner may point at the end of the line before the tab.
                let at = if scan.info().contains("tab") { indenting_tab(&self.text, m.line()) } else { None };
                (Some(at.unwrap_or(*m)), explain_scan_error(scan.info()))
            }
        };
        let pos = marker.map(|m| Pos::new(m.line() + self.line_offset, m.column()));
        self.error(pos, message);
    }

    pub fn error(&mut self, pos: Option<Pos>, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(&self.path, pos, message));
    }

    pub fn warning(&mut self, pos: Option<Pos>, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(&self.path, pos, message));
    }

    pub fn span_pos(&self, span: &Span) -> Option<Pos> {
        span.start().map(|m| Pos::new(m.line() + self.line_offset, m.column()))
    }

    pub fn pos(&self, node: &Node) -> Option<Pos> {
        self.span_pos(node.span())
    }

    /// Reports every key of `map` that is not in `allowed`, naming the
    /// allowed keys (and the likely intended one).
    pub fn check_keys(&mut self, map: &MarkedMappingNode, allowed: &[&str]) {
        for key in map.keys() {
            let k = key.as_str();
            if allowed.contains(&k) {
                continue;
            }
            let meant = allowed
                .iter()
                .map(|a| (strsim::levenshtein(a, k), *a))
                .filter(|(d, a)| *d <= 2.max(a.len() / 3))
                .min()
                .map(|(_, a)| a);
            if let Some(a) = meant {
                let at = self.mapping_pos(map);
                self.suggested.push((at, a.to_string()));
            }
            let suggestion = meant.map(|a| format!("是否想写“{a}”？")).unwrap_or_default();
            let colon = if k.contains('：') {
                "键后面要用英文冒号加空格，不能用中文冒号“：”。"
            } else {
                ""
            };
            let pos = self.span_pos(key.span());
            self.error(pos, format!("未知的键“{k}”。{colon}{suggestion}允许的键：{}", allowed.join("、")));
        }
    }

    /// The value under `key`, or None when absent or null.
    pub fn optional<'a>(&self, map: &'a MarkedMappingNode, key: &str) -> Option<&'a Node> {
        map.get_node(key).filter(|n| !is_null(n))
    }

    /// The value under `key`; reports its absence, saying what belongs there.
    pub fn required<'a>(
        &mut self,
        map: &'a MarkedMappingNode,
        key: &str,
        expected: &str,
    ) -> Option<&'a Node> {
        match map.get_node(key) {
            Some(node) if !is_null(node) => Some(node),
            Some(_) => {
                // An empty value has no position of its own (the parser puts
                // it at the next token), so point at its key.
                let pos = map.keys().find(|k| k.as_str() == key).and_then(|k| self.span_pos(k.span()));
                self.error(pos, format!("“{key}”不能为空，应填写{expected}"));
                None
            }
            None => {
                let pos = self.mapping_pos(map);
                // A misspelt key already names this one (未知的键“dedline”…“deadline”？).
                if !self.suggested.iter().any(|(at, meant)| *at == pos && meant == key) {
                    self.error(pos, format!("缺少必填项“{key}”（{expected}）"));
                }
                None
            }
        }
    }

    /// Where a mapping starts: its first key. (Its own span starts at the
    /// first `:`, which is not where a reader would look.)
    pub fn mapping_pos(&self, map: &MarkedMappingNode) -> Option<Pos> {
        map.keys()
            .next()
            .map(|first| first.span())
            .or(Some(map.span()))
            .and_then(|span| self.span_pos(span))
            .or(Some(Pos::new(self.line_offset + 1, 1)))
    }

    fn scalar<'a>(&mut self, node: &'a Node, key: &str, expected: &str) -> Option<&'a MarkedScalarNode> {
        match node {
            Node::Scalar(s) => Some(s),
            other => {
                let kind = match other {
                    Node::Mapping(_) => "“键: 值”的组合",
                    _ => "列表",
                };
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”应为{expected}，实际写的是{kind}"));
                None
            }
        }
    }

    /// One line of plain text.
    pub fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        let s = self.scalar(node, key, "一段文字")?;
        let value = self.unfolded(s);
        if value.trim().is_empty() {
            let pos = self.pos(node);
            self.error(pos, format!("“{key}”不能为空"));
            return None;
        }
        Some(value.trim().to_string())
    }

    /// Markdown text, kept as written (block scalars keep their newlines).
    pub fn markdown_text(&mut self, node: &Node, key: &str) -> Option<String> {
        let s = self.scalar(node, key, "一段文字（可用 Markdown）")?;
        let value = self.unfolded(s);
        if value.trim().is_empty() {
            let pos = self.pos(node);
            self.error(pos, format!("“{key}”不能为空"));
            return None;
        }
        Some(value)
    }

    /// The value of a text scalar, where YAML's folding of a line break into
    /// a space (a plain or quoted text over several lines, a `>` block) is
    /// undone between two Chinese characters: 「完成提标\n  改造」 is
    /// 「完成提标改造」, as a reader of the file sees it, not 「完成提标 改造」.
    /// The value is matched against the source from where the scalar starts;
    /// where they do not match (an escape sequence), it is kept as parsed.
    fn unfolded(&self, s: &MarkedScalarNode) -> String {
        let value = s.as_str();
        let chars: Vec<char> = value.chars().collect();
        let spaced = (1..chars.len().saturating_sub(1))
            .any(|i| chars[i] == ' ' && crate::cjk::joins(chars[i - 1], chars[i + 1]));
        // By line and column: the parser's character count drifts after a `|` block.
        let source = s.span().start().and_then(|m| {
            let skipped = self.text.split_inclusive('\n').take(m.line().checked_sub(1)?);
            let rest = self.text.get(skipped.map(str::len).sum::<usize>()..)?;
            Some(rest.chars().skip(m.column().checked_sub(1)?))
        });
        match (spaced, source) {
            (true, Some(source)) => unfold(&chars, source).unwrap_or_else(|| value.to_string()),
            _ => value.to_string(),
        }
    }

    pub fn located_text(&mut self, node: &Node, key: &str) -> Option<Located<String>> {
        let pos = self.pos(node);
        self.text(node, key).map(|value| Located { value, pos })
    }

    pub fn date(&mut self, node: &Node, key: &str) -> Option<NaiveDate> {
        let s = self.scalar(node, key, "日期（YYYY-MM-DD）")?;
        let raw = s.as_str().trim();
        match crate::dates::parse(raw) {
            Some(d) => Some(d),
            None => {
                let pos = self.pos(node);
                let why = if crate::dates::has_date_shape(raw) {
                    "这一天不存在"
                } else {
                    "应写成 YYYY-MM-DD，例如 2023-12-31"
                };
                self.error(pos, format!("“{key}”的日期“{raw}”无效：{why}"));
                None
            }
        }
    }

    pub fn positive_integer(&mut self, node: &Node, key: &str) -> Option<u32> {
        let s = self.scalar(node, key, "正整数")?;
        let raw = s.as_str().trim();
        match raw.parse::<u32>() {
            Ok(n) if n > 0 && !raw.starts_with('+') => Some(n),
            Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”的数值“{raw}”太大，不能超过 {}", u32::MAX));
                None
            }
            _ => {
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”应为正整数（例如 7），实际写的是“{raw}”"));
                None
            }
        }
    }

    pub fn integer(&mut self, node: &Node, key: &str) -> Option<i64> {
        let s = self.scalar(node, key, "整数")?;
        let raw = s.as_str().trim();
        match raw.parse::<i64>() {
            Ok(n) => Some(n),
            Err(e)
                if matches!(
                    e.kind(),
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
                ) =>
            {
                let pos = self.pos(node);
                self.error(
                    pos,
                    format!("“{key}”的数值“{raw}”超出了可用的范围（{} 到 {}）", i64::MIN, i64::MAX),
                );
                None
            }
            Err(_) => {
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”应为整数（例如 3），实际写的是“{raw}”"));
                None
            }
        }
    }

    pub fn number(&mut self, node: &Node, key: &str) -> Option<f64> {
        let s = self.scalar(node, key, "数值")?;
        let raw = s.as_str().trim();
        match parse_number(raw) {
            Some(n) if s.may_coerce() => Some(n),
            _ => {
                let pos = self.pos(node);
                self.error(
                    pos,
                    format!("“{key}”应为数值（例如 25 或 9.48，不带单位、不加引号），实际写的是“{raw}”"),
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, node: &Node, key: &str) -> Option<bool> {
        let s = self.scalar(node, key, "true 或 false")?;
        match (s.may_coerce(), s.as_str().trim()) {
            (true, "true" | "True" | "TRUE") => Some(true),
            (true, "false" | "False" | "FALSE") => Some(false),
            (_, raw) => {
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”应为 true 或 false，实际写的是“{raw}”"));
                None
            }
        }
    }

    /// One of `options` (key as written → value); reports the allowed keys.
    pub fn choice<T: Copy>(&mut self, node: &Node, key: &str, options: &[(&str, T)]) -> Option<T> {
        let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
        let expected = format!("以下之一：{}", names.join("、"));
        let s = self.scalar(node, key, &expected)?;
        let raw = s.as_str().trim();
        match options.iter().find(|(k, _)| *k == raw) {
            Some((_, v)) => Some(*v),
            None => {
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”的值“{raw}”无效，应为{expected}"));
                None
            }
        }
    }

    pub fn mapping<'a>(&mut self, node: &'a Node, key: &str) -> Option<&'a MarkedMappingNode> {
        match node {
            Node::Mapping(m) => Some(m),
            _ => {
                let pos = self.pos(node);
                let kind = if matches!(node, Node::Sequence(_)) { "列表" } else { "一段文字" };
                self.error(pos, format!("“{key}”应为“键: 值”的组合（缩进写在下一行），实际写的是{kind}"));
                None
            }
        }
    }

    /// The items of a list. With `single_ok`, one scalar counts as a list of one.
    pub fn list<'a>(&mut self, node: &'a Node, key: &str, single_ok: bool) -> Vec<&'a Node> {
        match node {
            Node::Sequence(seq) => seq.iter().collect(),
            Node::Scalar(_) if single_ok => vec![node],
            _ => {
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”应为列表，例如 [甲, 乙] 或逐行以“- ”开头"));
                Vec::new()
            }
        }
    }

    /// A list of names or ids, each with its position.
    ///
    /// A `，` typed between the items of `[甲，乙]` (or of a single text,
    /// `lead: 甲，乙`) would make one bogus name: it is an error, and the
    /// item is split there so that the rest is still checked. Names never
    /// hold a `，`; a quoted one is taken as written.
    pub fn text_list(&mut self, node: &Node, key: &str, single_ok: bool) -> Vec<Located<String>> {
        let bracketed = match node {
            Node::Sequence(seq) => self.span_pos(seq.span()).and_then(|p| self.char_at(p)) == Some('['),
            _ => false,
        };
        let mut names = Vec::new();
        for item in self.list(node, key, single_ok) {
            let plain = matches!(item, Node::Scalar(s) if s.may_coerce());
            let Some(name) = self.located_text(item, key) else { continue };
            if plain && (bracketed || !matches!(node, Node::Sequence(_))) && name.value.contains('，') {
                names.extend(self.split_at_full_width_commas(name, key, bracketed));
            } else {
                names.push(name);
            }
        }
        names
    }

    /// Reports each `，` of a one-line plain text and returns its parts.
    fn split_at_full_width_commas(
        &mut self,
        name: Located<String>,
        key: &str,
        bracketed: bool,
    ) -> Vec<Located<String>> {
        let at = |index: usize| name.pos.map(|p| Pos::new(p.line, p.column + index));
        let mut parts = Vec::new();
        let mut start = 0;
        for (index, c) in name.value.chars().chain(['，']).enumerate() {
            if c != '，' {
                continue;
            }
            let part: String = name.value.chars().skip(start).take(index - start).collect();
            let lead = part.chars().take_while(|c| c.is_whitespace()).count();
            if !part.trim().is_empty() {
                parts.push(Located { value: part.trim().to_string(), pos: at(start + lead) });
            }
            start = index + 1;
        }
        let joined = parts.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join(", ");
        let fixed = if bracketed { joined } else { format!("[{joined}]") };
        for (index, c) in name.value.chars().enumerate() {
            if c == '，' {
                self.error(
                    at(index),
                    format!("“{key}”的各项之间用了中文逗号“，”。请改成英文逗号“,”，写成 {fixed}"),
                );
            }
        }
        parts
    }

    /// The character written at `pos` of the file.
    fn char_at(&self, pos: Pos) -> Option<char> {
        let line = pos.line.checked_sub(self.line_offset + 1)?;
        self.text.lines().nth(line)?.chars().nth(pos.column.checked_sub(1)?)
    }
}

/// `value` with each space that stands for a line break of `source` (the
/// text from where the scalar starts) removed between Chinese characters;
/// None where the two do not match.
fn unfold(value: &[char], source: impl Iterator<Item = char>) -> Option<String> {
    let mut src = source.peekable();
    if src.peek().is_some_and(|q| matches!(q, '"' | '\'') && value.first() != Some(q)) {
        src.next();
    }
    let mut out = String::with_capacity(value.len() * 3);
    for (i, &c) in value.iter().enumerate() {
        let next = *src.peek()?;
        if c == next {
            out.push(c);
            src.next();
            continue;
        }
        if c != ' ' || !matches!(next, ' ' | '\t' | '\n') {
            return None;
        }
        // Trailing blanks, the line break, the next line's indentation.
        let mut breaks = 0;
        while let Some(&w) = src.peek().filter(|w| matches!(w, ' ' | '\t' | '\n')) {
            breaks += usize::from(w == '\n');
            src.next();
        }
        if breaks != 1 {
            return None;
        }
        let joined =
            out.chars().next_back().zip(value.get(i + 1)).is_some_and(|(b, &a)| crate::cjk::joins(b, a));
        if !joined {
            out.push(' ');
        }
    }
    Some(out)
}

/// Far more levels of nesting than any content file needs.
const MAX_DEPTH: usize = 100;

/// The 1-based line at which block nesting exceeds [`MAX_DEPTH`], if it
/// does: the levels of indentation open at a line plus the compact list
/// items (`- - x`) that start it. (Flow nesting, `[[…]]`, is limited by the
/// parser itself.)
fn too_deep(text: &str) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let rest = line.trim_start_matches(' ');
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let indent = line.len() - rest.len();
        while indents.last().is_some_and(|&top| top > indent) {
            indents.pop();
        }
        if indents.last().is_none_or(|&top| top < indent) {
            indents.push(indent);
        }
        let mut compact = 0;
        let mut item = rest;
        while let Some(next) = item.strip_prefix(['-', '?']).filter(|n| n.starts_with([' ', '\t'])) {
            compact += 1;
            item = next.trim_start_matches([' ', '\t']);
        }
        if indents.len() + compact > MAX_DEPTH {
            return Some(i + 1);
        }
    }
    None
}

/// The 1-based line of a document marker (`---` or `...`) that has content
/// both before and after it, if any.
fn second_document(text: &str) -> Option<usize> {
    let is_marker =
        |l: &str| ["---", "..."].iter().any(|m| l.strip_prefix(m).is_some_and(|rest| rest.trim().is_empty()));
    let is_content = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && !is_marker(l)
    };
    let lines: Vec<&str> = text.lines().collect();
    let first_content = lines.iter().position(|l| is_content(l))?;
    let marker = first_content + lines[first_content..].iter().position(|l| is_marker(l))?;
    lines[marker..].iter().any(|l| is_content(l)).then_some(marker + 1)
}

/// The first tab in the indentation of a line at or after `line` (1-based).
fn indenting_tab(text: &str, line: usize) -> Option<Marker> {
    text.lines().enumerate().skip(line.saturating_sub(1)).find_map(|(n, l)| {
        let indent = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
        let column = indent.find('\t')? + 1;
        Some(Marker::new(0, 0, n + 1, column))
    })
}

/// A YAML null: an empty value, `~` or `null` written without quotes.
pub fn is_null(node: &Node) -> bool {
    match node {
        Node::Scalar(s) => s.may_coerce() && matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"),
        _ => false,
    }
}

fn parse_number(raw: &str) -> Option<f64> {
    let ok_shape = !raw.is_empty()
        && raw.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !ok_shape {
        return None;
    }
    raw.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Turns the YAML scanner's English message into advice a clerk can act
/// on. The first matching pattern wins, so specific ones come first; an
/// unknown message keeps the scanner's words after Chinese advice.
fn explain_scan_error(english: &str) -> String {
    let known: &[(&str, &str)] = &[
        (
            "mapping values are not allowed",
            "此处不能出现“键: 值”。常见原因：文字中含有“: ”（冒号加空格），请给整段文字加引号；或缩进不对",
        ),
        (
            "block sequence entries are not allowed",
            "此处不能出现列表项“- ”：列表应从键的下一行开始并缩进；如果文字以“-”开头，请给整段文字加引号",
        ),
        ("did not find expected key", "缩进不对或缺少键：同一层的各项必须左对齐，列表项以“- ”开头"),
        ("tab", "不能用 Tab 缩进，请改用空格"),
        ("expected ',' or ']'", "方括号列表没有正确结束，应写成 [甲, 乙]"),
        ("expected ',' or '}'", "花括号没有正确结束，应写成 {date: 2023-09-30, goal: …}"),
        (
            "unknown escape character",
            "双引号中的“\\”后面跟了无法识别的字符：请改用单引号，或把“\\”写成“\\\\”",
        ),
        ("end of stream", "文件意外结束：引号或括号没有闭合"),
        ("unexpected eof", "文件意外结束：引号或括号没有闭合"),
        ("quoted scalar", "引号没有成对闭合"),
        ("did not find expected node content", "缺少内容：冒号或“- ”后面应有值"),
        ("did not find expected '-' indicator", "列表的缩进不对：同一列表的各项“- ”必须左对齐"),
        ("expect ':'", "缺少冒号：应写成“键: 值”（英文冒号后加空格）"),
        ("':' must be followed", "冒号后面要加一个空格：应写成“键: 值”"),
        ("'-' must be followed", "“-”后面要加一个空格：列表项应写成“- 内容”"),
        ("anchor", "不支持 YAML 锚点（&、*）；如果文字以 & 或 * 开头，请给整段文字加引号"),
        ("tag", "不支持 YAML 标签（!）；如果文字以 ! 开头，请给整段文字加引号"),
        ("directive", "不支持 YAML 指令（%）；如果文字以 % 开头，请给整段文字加引号"),
        ("document", "一个文件只能有一段内容：不能用“---”或“...”把文件分成几段"),
        ("comments must be separated", "“#”前面要有空格才是注释；如果“#”是文字的一部分，请给整段文字加引号"),
        ("indent", "缩进不对：同一层的各项必须左对齐，下一层要多缩进"),
        ("recursion limit", "嵌套层数太多"),
        ("unexpected character", "有无法识别的字符：如果文字以 @、`、| 或 > 等符号开头，请给整段文字加引号"),
        ("plain scalar cannot start", "文字不能以“-”加符号开头，请给整段文字加引号"),
    ];
    match known.iter().find(|(k, _)| english.contains(k)) {
        Some((_, advice)) => format!("YAML 格式错误：{advice}"),
        None => format!(
            "YAML 格式错误：无法识别此处的写法，请检查缩进、冒号、引号和括号（解析器提示：{english}）"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<MarkedMappingNode>, Reader) {
        let mut r = Reader::new("t.yaml", 0);
        let m = r.parse(text);
        (m, r)
    }

    #[test]
    fn ids_are_literal_text() {
        let (m, mut r) = read("issues: [07, 7.10]\n");
        let list = r.text_list(m.unwrap().get_node("issues").unwrap(), "issues", true);
        let ids: Vec<_> = list.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(ids, ["07", "7.10"]);
    }

    #[test]
    fn positions_are_one_based() {
        let (m, r) = read("a: 1\nbb:  x\n");
        let m = m.unwrap();
        assert_eq!(r.pos(m.get_node("bb").unwrap()), Some(Pos::new(2, 6)));
    }

    #[test]
    fn unknown_key_lists_allowed_and_suggests() {
        let (m, mut r) = read("title: a\ndedline: 2023-01-01\n");
        r.check_keys(&m.unwrap(), &["title", "deadline"]);
        assert_eq!(r.diags.len(), 1);
        assert_eq!(r.diags[0].pos, Some(Pos::new(2, 1)));
        assert!(r.diags[0].message.contains("是否想写“deadline”"));
        assert!(r.diags[0].message.contains("允许的键：title、deadline"));
    }

    #[test]
    fn a_misspelt_required_key_is_not_also_missing() {
        let (m, mut r) = read("dedline: 2023-01-01\nresponsible:\n  support: [甲]\n");
        let m = m.unwrap();
        r.check_keys(&m, &["deadline", "responsible"]);
        assert!(r.required(&m, "deadline", "日期").is_none());
        // The suggestion was made in another mapping: this absence is reported.
        let inner = r.mapping(m.get_node("responsible").unwrap(), "responsible").unwrap();
        r.check_keys(inner, &["lead", "support"]);
        assert!(r.required(inner, "deadline", "日期").is_none());
        let got: Vec<_> = r.diags.iter().map(|d| (d.pos.unwrap(), d.message.as_str())).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].1.starts_with("未知的键“dedline”"));
        assert_eq!(got[1], (Pos::new(3, 3), "缺少必填项“deadline”（日期）"));
    }

    #[test]
    fn quoted_numbers_and_bools_are_text() {
        let (m, mut r) = read("n: \"25\"\nb: 'true'\n");
        let m = m.unwrap();
        assert_eq!(r.number(m.get_node("n").unwrap(), "n"), None);
        assert_eq!(r.boolean(m.get_node("b").unwrap(), "b"), None);
        assert_eq!(r.diags.len(), 2);
    }

    #[test]
    fn duplicate_key_is_reported_with_line_offset() {
        let mut r = Reader::new("n.md", 1);
        assert!(r.parse("title: a\ntitle: b\n").is_none());
        assert_eq!(r.diags[0].pos, Some(Pos::new(3, 1)));
        assert!(r.diags[0].message.contains("第一次在第 2 行"));
    }

    #[test]
    fn syntax_error_is_explained_in_chinese() {
        let (m, r) = read("title: a\n  b: c: d\n");
        assert!(m.is_none());
        assert!(r.diags[0].message.starts_with("YAML 格式错误"), "{}", r.diags[0].message);
        assert_eq!(r.diags[0].pos.map(|p| p.line), Some(2));
    }

    #[test]
    fn numbers_too_large_say_so() {
        let (m, mut r) = read("a: 4294967296\nb: 18446744073709551615\nc: 0\n");
        let m = m.unwrap();
        assert_eq!(r.positive_integer(m.get_node("a").unwrap(), "a"), None);
        assert_eq!(r.integer(m.get_node("b").unwrap(), "b"), None);
        assert_eq!(r.positive_integer(m.get_node("c").unwrap(), "c"), None);
        let said: Vec<&str> = r.diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            said,
            [
                "“a”的数值“4294967296”太大，不能超过 4294967295",
                "“b”的数值“18446744073709551615”超出了可用的范围（-9223372036854775808 到 9223372036854775807）",
                "“c”应为正整数（例如 7），实际写的是“0”",
            ]
        );
    }

    #[test]
    fn a_tab_is_reported_where_it_is() {
        for (text, at) in [
            ("number: 2\ntitle: x\n\tcategory: 水\n", Pos::new(3, 1)),
            ("a:\n  b: 1\n \tc: 2\n", Pos::new(3, 2)),
            ("a: |\n  x\t y\nb:\n\t- 1\n", Pos::new(4, 1)),
        ] {
            let (m, r) = read(text);
            assert!(m.is_none(), "{text:?}");
            assert_eq!(r.diags.len(), 1, "{text:?}: {:?}", r.diags);
            assert_eq!(r.diags[0].pos, Some(at), "{text:?}");
            assert!(r.diags[0].message.contains("不能用 Tab 缩进"), "{}", r.diags[0].message);
        }
    }

    #[test]
    fn full_width_commas_split_names_in_brackets_and_single_texts() {
        let text = "a: [甲，乙, 丙]\nb: 丁，戊\nc:\n  - 己，庚\nd: [\"辛，壬\"]\n";
        let (m, mut r) = read(text);
        let m = m.unwrap();
        let mut names = |key: &str| -> Vec<(String, Pos)> {
            let list = r.text_list(m.get_node(key).unwrap(), key, true);
            list.into_iter().map(|l| (l.value, l.pos.unwrap())).collect()
        };
        let got = names("a");
        assert_eq!(
            got,
            [("甲".into(), Pos::new(1, 5)), ("乙".into(), Pos::new(1, 7)), ("丙".into(), Pos::new(1, 10))]
        );
        assert_eq!(names("b"), [("丁".into(), Pos::new(2, 4)), ("戊".into(), Pos::new(2, 6))]);
        // A `- ` item and a quoted text are taken as written.
        assert_eq!(names("c"), [("己，庚".into(), Pos::new(4, 5))]);
        assert_eq!(names("d"), [("辛，壬".into(), Pos::new(5, 5))]);
        let at: Vec<_> = r.diags.iter().map(|d| d.pos.unwrap()).collect();
        assert_eq!(at, [Pos::new(1, 6), Pos::new(2, 5)]);
        assert!(r.diags[1].message.ends_with("写成 [丁, 戊]"), "{}", r.diags[1].message);
    }

    #[test]
    fn full_width_slips_stop_the_parse_at_their_place() {
        let mut r = Reader::new("n.md", 1);
        assert!(r.parse("title: a\nissues：[\"01\"]\n").is_none());
        assert_eq!(r.diags.len(), 1, "{:?}", r.diags);
        assert_eq!(r.diags[0].pos, Some(Pos::new(3, 7)));
        assert!(r.diags[0].message.contains("中文冒号"), "{}", r.diags[0].message);
    }

    #[test]
    fn missing_and_empty_keys_point_where_a_reader_looks() {
        let (m, mut r) = read("# 注释\nnumber: 1\ngoal:\nresponsible:\n  support: [甲]\n");
        let m = m.unwrap();
        assert!(r.required(&m, "title", "标题").is_none());
        assert!(r.required(&m, "goal", "目标").is_none());
        let responsible = r.mapping(m.get_node("responsible").unwrap(), "responsible").unwrap();
        assert!(r.required(responsible, "lead", "牵头单位").is_none());
        let got: Vec<_> = r.diags.iter().map(|d| d.pos.unwrap()).collect();
        // The first key of the file, the empty key itself, the first key of the inner mapping.
        assert_eq!(got, [Pos::new(2, 1), Pos::new(3, 1), Pos::new(5, 3)]);
    }

    #[test]
    fn a_second_document_is_an_error_not_lost() {
        let (m, r) = read("title: a\n---\ncolour: red\n");
        assert!(m.is_none());
        assert_eq!(r.diags[0].pos, Some(Pos::new(2, 1)));
        // A leading marker and a trailing one are harmless.
        let (m, r) = read("---\ntitle: a\n...\n");
        assert!(m.is_some() && r.diags.is_empty(), "{:?}", r.diags);
    }

    #[test]
    fn impossible_day_is_told_apart_from_bad_shape() {
        let (m, mut r) = read("a: 2023-02-30\nb: 2023/02/03\n");
        let m = m.unwrap();
        assert_eq!(r.date(m.get_node("a").unwrap(), "a"), None);
        assert_eq!(r.date(m.get_node("b").unwrap(), "b"), None);
        assert!(r.diags[0].message.ends_with("这一天不存在"), "{}", r.diags[0].message);
        assert!(r.diags[1].message.contains("YYYY-MM-DD"), "{}", r.diags[1].message);
    }

    #[test]
    fn every_scanner_message_gets_chinese_advice() {
        for text in ["a: [1, 2\n", "a: {b: 1\n", "a:\n\t- b\n", "a: \"\\q\"\n", "a: b\nc\n", "a: @x\n"] {
            let (m, r) = read(text);
            assert!(m.is_none(), "{text:?}");
            let msg = &r.diags[0].message;
            assert!(msg.starts_with("YAML 格式错误：") && !msg.contains("while "), "{text:?}: {msg}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let compact = format!("a:\n  {}x\n", "- ".repeat(200));
        let indented: String = (0..150).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        for text in [compact, indented] {
            let (m, r) = read(&text);
            assert!(m.is_none());
            assert!(r.diags[0].message.contains("嵌套层数太多"), "{}", r.diags[0].message);
        }
        let (m, r) = read(&format!("a:\n  {}x\n", "- ".repeat(20)));
        assert!(m.is_some(), "{:?}", r.diags);
    }

    #[test]
    fn a_line_break_folded_by_yaml_is_no_space_between_chinese_characters() {
        let text = "a: 完成提标\n  改造工程，COD\n  and more\nb: \"出水\n  达标\"\nc: >\n  稳定\n  运行\nd: 甲  乙\ne: \"丙\\t丁\n  戊\"\n";
        let (m, mut r) = read(text);
        let m = m.unwrap();
        let mut get = |k: &str| r.markdown_text(m.get_node(k).unwrap(), k).unwrap();
        assert_eq!(get("a"), "完成提标改造工程，COD and more");
        assert_eq!(get("b"), "出水达标");
        assert_eq!(get("c"), "稳定运行\n");
        // Spaces written on one line are kept; an escape leaves the value as parsed.
        assert_eq!(get("d"), "甲  乙");
        assert_eq!(get("e"), "丙\t丁 戊");
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let (m, r) = read("");
        assert!(m.is_some());
        assert!(r.diags.is_empty());
    }
}
