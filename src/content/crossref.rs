//! Checks between files: the references one file makes to another.

use super::Content;
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::collections::BTreeSet;

pub fn check(c: &Content, diags: &mut Vec<Diagnostic>) {
    let by_id: std::collections::HashMap<&str, &super::Issue, foldhash::fast::FixedState> =
        c.issues.iter().map(|i| (i.id.as_str(), &**i)).collect();
    let mut numbers: std::collections::BTreeMap<u32, &str> = Default::default();
    for issue in &c.issues {
        if let Some(first) = numbers.insert(issue.number, &issue.source) {
            numbers.insert(issue.number, first);
            diags.push(Diagnostic::error(
                &issue.source,
                issue.number_pos,
                format!("序号 {} 与 {first} 重复，每个问题的序号必须不同", issue.number),
            ));
        }
        if !c.site.categories.is_empty() && !c.site.categories.contains(&issue.category.value) {
            diags.push(Diagnostic::error(
                &issue.source,
                issue.category.pos,
                format!(
                    "类别“{}”不在 content/site.yaml 的 categories 中。可用的类别：{}",
                    issue.category.value,
                    c.site.categories.join("、")
                ),
            ));
        }
        for t in &issue.targets {
            if !c.known.targets.contains(&t.value) {
                diags.push(unknown(&issue.source, t, "指标", &c.known.targets, IdList::TARGETS));
            }
        }
    }

    // A province has 10^5 notes: they are checked in parallel, their
    // problems kept in note order.
    let notes = c.notes.par_iter().flat_map_iter(|note| {
        let mut diags = Vec::new();
        for (k, id) in note.issues.iter().enumerate() {
            if note.issues[..k].iter().any(|earlier| earlier.value == id.value) {
                diags.push(Diagnostic::error(
                    &note.source,
                    id.pos,
                    format!("“issues”中问题“{}”写了两次", id.value),
                ));
            } else if !by_id.contains_key(id.value.as_str()) && !c.known.issues.contains(&id.value) {
                diags.push(unknown(&note.source, id, "问题", &c.known.issues, IdList::ISSUES));
            }
        }
        let single = match note.issues.as_slice() {
            [only] => by_id.get(only.value.as_str()).copied(),
            _ => None,
        };
        if let Some(issue) = single {
            for m in &note.milestones {
                if m.value as usize > issue.milestones.len() {
                    let have = match issue.milestones.len() {
                        0 => "没有阶段目标（milestones）".to_string(),
                        n => format!("只有 {n} 个阶段目标，没有第 {} 个", m.value),
                    };
                    diags.push(Diagnostic::error(
                        &note.source,
                        m.pos,
                        format!(
                            "问题“{}”{have}。“milestones”写的是 {} 中阶段目标的序号（从 1 开始）",
                            issue.id, issue.source
                        ),
                    ));
                }
            }
        }
        diags
    });
    diags.par_extend(notes);
}

/// A key whose value is a list of ids, as hints show it.
struct IdList {
    key: &'static str,
    folder: &'static str,
    example: &'static str,
    quoted: bool,
}

impl IdList {
    const ISSUES: IdList = IdList { key: "issues", folder: "content/issues/", example: "07", quoted: true };
    const TARGETS: IdList =
        IdList { key: "targets", folder: "content/targets/", example: "pm25", quoted: false };

    /// `["07"]` or `[pm25]`.
    fn list_of(&self, id: &str) -> String {
        if self.quoted { format!("[\"{id}\"]") } else { format!("[{id}]") }
    }
}

/// An id that names no file, with the likely intended one: the same but
/// for letter case, the same number with its leading zeros (`7` for `07`),
/// or the same typed with a Chinese input method (`“07”`, `［07］`, `０７`).
fn unknown(
    path: &str,
    id: &super::yaml::Located<String>,
    what: &str,
    known: &BTreeSet<String>,
    list: IdList,
) -> Diagnostic {
    let written = &id.value;
    let folder = list.folder;
    let same_number = |k: &str| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        digits(k) && digits(written) && k.trim_start_matches('0') == written.trim_start_matches('0')
    };
    let hint = if let Some(ascii) = half_width(written) {
        let ascii = if ascii.is_empty() { list.example.to_string() } else { ascii };
        format!(
            "编号里有中文引号、全角括号或全角数字：请切换到英文输入法，用英文引号和方括号，写成 {}: {}",
            list.key,
            list.list_of(&ascii)
        )
    } else if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(written)) {
        format!("是否是“{k}”？（大小写要一致）")
    } else if let Some(k) = known.iter().find(|k| same_number(k)) {
        format!("是否是“{k}”？编号要和文件名完全一致，包括开头的 0")
    } else {
        format!("编号就是 {folder} 下的文件名（不含扩展名），例如 {}", list.list_of(list.example))
    };
    Diagnostic::error(path, id.pos, format!("找不到{what}“{written}”：{folder} 下没有这个文件。{hint}"))
}

/// `written` typed in ASCII, when it holds full-width forms or Chinese
/// quotes: those become ASCII and quotes and brackets are dropped.
fn half_width(written: &str) -> Option<String> {
    let chinese_quote = |c: char| matches!(c, '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』');
    let full_width = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c);
    if !written.chars().any(|c| chinese_quote(c) || full_width(c)) {
        return None;
    }
    let ascii = written
        .chars()
        .filter(|&c| !chinese_quote(c))
        .map(|c| if full_width(c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c })
        .filter(|c| !matches!(c, '[' | ']' | '"' | '\''))
        .collect::<String>();
    Some(ascii.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_typed_with_a_chinese_input_method() {
        assert_eq!(half_width("“01”").as_deref(), Some("01"));
        assert_eq!(half_width("［\"01\"］").as_deref(), Some("01"));
        assert_eq!(half_width("０７").as_deref(), Some("07"));
        assert_eq!(half_width("「ｐｍ２５」").as_deref(), Some("pm25"));
        assert_eq!(half_width("07"), None);
    }
}
