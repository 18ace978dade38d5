//! A typed reader over position-tagged YAML.
//!
//! serde-style deserialisation stops at the first problem and forgets where
//! values were written. The contract needs every problem of a file at once,
//! each with its line and column, and ids taken as the literal text written
//! (`07` is "07", not 7). So YAML is parsed into marked-yaml's tree, where
//! every scalar is the text as written, and read field by field here.

use crate::diagnostics::{Diagnostic, Pos};
use chrono::NaiveDate;
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, Span};
use marked_yaml::{LoadError, LoaderOptions, Node};

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
    pub diags: Vec<Diagnostic>,
}

impl Reader {
    pub fn new(path: &str, line_offset: usize) -> Self {
        Reader { path: path.to_string(), line_offset, diags: Vec::new() }
    }

    /// Parses `text`, which must hold a mapping (an empty text is an empty mapping).
    pub fn parse(&mut self, text: &str) -> Option<MarkedMappingNode> {
        let options = LoaderOptions::default().error_on_duplicate_keys(true).prevent_coercion(true);
        match marked_yaml::parse_yaml_with_options(0, text, options) {
            Ok(Node::Mapping(map)) => Some(map),
            Ok(_) => {
                self.error(Some(Pos::new(self.line_offset + 1, 1)), "内容应为“键: 值”的形式");
                None
            }
            Err(e) => {
                self.load_error(e, text);
                None
            }
        }
    }

    fn load_error(&mut self, err: LoadError, text: &str) {
        let (marker, message) = match &err {
            LoadError::TopLevelMustBeMapping(m) => {
                let hint = if text.contains('：') {
                    "；键后面要用英文冒号加空格（“title: …”），不能用中文冒号“：”"
                } else {
                    ""
                };
                (Some(*m), format!("内容应为“键: 值”的形式{hint}"))
            }
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
            LoadError::ScanError(m, scan) => (Some(*m), explain_scan_error(&scan.to_string())),
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
            let suggestion = allowed
                .iter()
                .map(|a| (strsim::levenshtein(a, k), a))
                .filter(|(d, a)| *d <= 2.max(a.len() / 3))
                .min()
                .map(|(_, a)| format!("是否想写“{a}”？"))
                .unwrap_or_default();
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
            Some(node) => {
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”不能为空，应填写{expected}"));
                None
            }
            None => {
                let pos = self.span_pos(map.span());
                self.error(pos, format!("缺少必填项“{key}”（{expected}）"));
                None
            }
        }
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
        let value = s.as_str().trim();
        if value.is_empty() {
            let pos = self.pos(node);
            self.error(pos, format!("“{key}”不能为空"));
            return None;
        }
        Some(value.to_string())
    }

    /// Markdown text, kept as written (block scalars keep their newlines).
    pub fn markdown_text(&mut self, node: &Node, key: &str) -> Option<String> {
        let s = self.scalar(node, key, "一段文字（可用 Markdown）")?;
        if s.as_str().trim().is_empty() {
            let pos = self.pos(node);
            self.error(pos, format!("“{key}”不能为空"));
            return None;
        }
        Some(s.as_str().to_string())
    }

    pub fn located_text(&mut self, node: &Node, key: &str) -> Option<Located<String>> {
        let pos = self.pos(node);
        self.text(node, key).map(|value| Located { value, pos })
    }

    pub fn date(&mut self, node: &Node, key: &str) -> Option<NaiveDate> {
        let s = self.scalar(node, key, "日期（YYYY-MM-DD）")?;
        let raw = s.as_str().trim();
        match parse_date(raw) {
            Some(d) => Some(d),
            None => {
                let pos = self.pos(node);
                self.error(pos, format!("“{key}”的日期“{raw}”无效，应写成 YYYY-MM-DD，例如 2023-12-31"));
                None
            }
        }
    }

    pub fn positive_integer(&mut self, node: &Node, key: &str) -> Option<u32> {
        let s = self.scalar(node, key, "正整数")?;
        let raw = s.as_str().trim();
        match raw.parse::<u32>() {
            Ok(n) if n > 0 && !raw.starts_with('+') => Some(n),
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

    /// A list of one-line texts, each with its position.
    pub fn text_list(&mut self, node: &Node, key: &str, single_ok: bool) -> Vec<Located<String>> {
        self.list(node, key, single_ok).into_iter().filter_map(|item| self.located_text(item, key)).collect()
    }
}

/// A YAML null: an empty value, `~` or `null` written without quotes.
pub fn is_null(node: &Node) -> bool {
    match node {
        Node::Scalar(s) => s.may_coerce() && matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"),
        _ => false,
    }
}

pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    // Exactly YYYY-MM-DD: chrono alone would accept 2023-7-1.
    let b = raw.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
}

fn parse_number(raw: &str) -> Option<f64> {
    let ok_shape = !raw.is_empty()
        && raw.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !ok_shape {
        return None;
    }
    raw.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Turns the YAML scanner's English message into advice a clerk can act on.
fn explain_scan_error(english: &str) -> String {
    let known: &[(&str, &str)] = &[
        (
            "mapping values are not allowed",
            "此处不能出现“键: 值”。常见原因：文字中含有“: ”（冒号加空格），请给整段文字加引号；或缩进不对",
        ),
        ("did not find expected key", "缩进不对或缺少键：同一层的各项必须左对齐，列表项以“- ”开头"),
        (
            "cannot start any token",
            "有无法识别的字符。常见原因：用了 Tab 缩进（请改用空格），或文字以 @、`、% 等符号开头（请加引号）",
        ),
        ("tabs", "不能用 Tab 缩进，请改用空格"),
        ("did not find expected ',' or ']'", "方括号列表没有正确结束，应写成 [甲, 乙]"),
        ("did not find expected ',' or '}'", "花括号没有正确结束，应写成 {date: 2023-09-30, goal: …}"),
        ("quoted scalar", "引号没有成对闭合"),
        ("end of stream", "文件意外结束：引号或括号没有闭合"),
        ("did not find expected node content", "缺少内容：冒号或“- ”后面应有值"),
        ("did not find expected '-' indicator", "列表的缩进不对：同一列表的各项“- ”必须左对齐"),
        ("could not find expected ':'", "缺少冒号：应写成“键: 值”"),
    ];
    match known.iter().find(|(k, _)| english.contains(k)) {
        Some((_, advice)) => format!("YAML 格式错误：{advice}"),
        None => format!("YAML 格式错误（{english}）"),
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
    fn quoted_numbers_and_bools_are_text() {
        let (m, mut r) = read("n: \"25\"\nb: 'true'\n");
        let m = m.unwrap();
        assert_eq!(r.number(m.get_node("n").unwrap(), "n"), None);
        assert_eq!(r.boolean(m.get_node("b").unwrap(), "b"), None);
        assert_eq!(r.diags.len(), 2);
    }

    #[test]
    fn dates_must_be_exact() {
        assert!(parse_date("2023-07-01").is_some());
        assert!(parse_date("2023-7-1").is_none());
        assert!(parse_date("2023-02-30").is_none());
        assert!(parse_date("2023/07/01").is_none());
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
    fn chinese_colon_gets_a_hint() {
        let (m, r) = read("title：白城\n");
        assert!(m.is_none());
        assert!(r.diags[0].message.contains("中文冒号"), "{}", r.diags[0].message);
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let (m, r) = read("");
        assert!(m.is_some());
        assert!(r.diags.is_empty());
    }
}
