//! Content files written for the office by `gongkai import`: an issue
//! file in the content format, as a clerk would write it (long texts as
//! `|` blocks, names in `[…]` lists), and a progress note. Every file made
//! here is read back with the loader before anything is written.

use crate::content::Status;
use crate::content::task_list::ImportedIssue;
use chrono::NaiveDate;

/// The text of `content/issues/<id>.yaml` for `issue`.
pub fn issue_yaml(issue: &ImportedIssue, source: &str) -> String {
    let mut y = String::new();
    y.push_str(&format!("# 由 gongkai import issues 从 {source} 第 {} 行导入\n", issue.row));
    y.push_str(&format!("number: {}\n", issue.number));
    y.push_str(&format!("title: {}\n", scalar(&issue.title)));
    y.push_str(&format!("category: {}\n", scalar(&issue.category)));
    y.push_str(&format!("kind: {}\n", issue.kind.key()));
    if let Some(d) = issue.deadline {
        y.push_str(&format!("deadline: {}\n", crate::dates::ymd(d)));
    }
    y.push_str("responsible:\n");
    y.push_str(&format!("  lead: {}\n", list(&issue.lead)));
    if !issue.support.is_empty() {
        y.push_str(&format!("  support: {}\n", list(&issue.support)));
    }
    if !issue.leaders.is_empty() {
        y.push_str(&format!("leaders: {}\n", list(&issue.leaders)));
    }
    y.push_str(&format!("description:{}", block(&issue.description, 2)));
    y.push_str(&format!("goal:{}", block(&issue.goal, 2)));
    y.push_str("measures:\n");
    for m in &issue.measures {
        y.push_str(&format!("  -{}", block(m, 4)));
    }
    if !issue.milestones.is_empty() {
        y.push_str("milestones:\n");
        for (date, goal) in &issue.milestones {
            y.push_str(&format!("  - {{date: {}, goal: {}}}\n", crate::dates::ymd(*date), flow_scalar(goal)));
        }
    }
    if !issue.targets.is_empty() {
        y.push_str(&format!("targets: {}\n", list(&issue.targets)));
    }
    y
}

/// The text of a progress note.
pub fn note_markdown(
    title: &str,
    date: NaiveDate,
    issue: &str,
    status: Option<Status>,
    source: Option<&str>,
    body: &str,
) -> String {
    let mut m = String::from("---\n");
    m.push_str(&format!("title: {}\n", scalar(title)));
    m.push_str(&format!("date: {}\n", crate::dates::ymd(date)));
    m.push_str(&format!("issues: [{}]\n", quoted(issue)));
    if let Some(s) = status {
        m.push_str(&format!("status: {}\n", s.key()));
    }
    if let Some(s) = source {
        m.push_str(&format!("source: {}\n", scalar(s)));
    }
    m.push_str("---\n");
    m.push_str(body.trim());
    m.push('\n');
    m
}

/// A one-line text as YAML: plain when nothing in it means something to
/// YAML, else in double quotes.
fn scalar(text: &str) -> String {
    if is_plain(text) { text.to_string() } else { quoted(text) }
}

/// A text inside `{…}` or `[…]`, where `,` and brackets end it too.
fn flow_scalar(text: &str) -> String {
    if is_plain(text) && !text.contains([',', '[', ']', '{', '}']) { text.to_string() } else { quoted(text) }
}

/// Double-quoted: a JSON string is a valid YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace('"', "'")))
}

fn is_plain(text: &str) -> bool {
    let first = text.chars().next();
    !text.is_empty()
        && text.trim() == text
        && !text.contains(['\n', '\t', '"', '\''])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !first.is_some_and(|c| "-?:,[]{}#&*!|>%@`".contains(c))
        // 「35台锅炉」 is text; 「2023-12-31」 or 「25」 would be a date or a number.
        && !(first.is_some_and(|c| c.is_ascii_digit() || c == '.') && text.is_ascii())
        && !matches!(text.to_ascii_lowercase().as_str(), "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~")
}

/// Names as a `[…]` list.
fn list(names: &[String]) -> String {
    format!("[{}]", names.iter().map(|n| flow_scalar(n)).collect::<Vec<_>>().join(", "))
}

/// A text after its key: ` 一行` or a `|` block indented by `indent`.
fn block(text: &str, indent: usize) -> String {
    if !text.contains('\n') {
        return format!(" {}\n", scalar(text));
    }
    let pad = " ".repeat(indent);
    let mut out = String::from(" |\n");
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}{}\n", line.trim_end()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(scalar("城区燃煤锅炉"), "城区燃煤锅炉");
        assert_eq!(scalar("2023年完成"), "2023年完成");
        assert_eq!(scalar("2023-12-31"), "\"2023-12-31\"");
        assert_eq!(scalar("25"), "\"25\"");
        assert_eq!(scalar("- 开头"), "\"- 开头\"");
        assert_eq!(scalar("目标: 降低"), "\"目标: 降低\"");
        assert_eq!(scalar("说“好”"), "说“好”");
        assert_eq!(flow_scalar("甲,乙"), "\"甲,乙\"");
        assert_eq!(block("一行", 2), " 一行\n");
        assert_eq!(block("第一行\n\n第二行", 2), " |\n  第一行\n\n  第二行\n");
    }
}
