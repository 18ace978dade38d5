//! Checks between files: the references one file makes to another.

use super::Content;
use crate::diagnostics::Diagnostic;
use std::collections::BTreeSet;

pub fn check(c: &Content, diags: &mut Vec<Diagnostic>) {
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
                diags.push(unknown(&issue.source, t, "指标", &c.known.targets, "content/targets/"));
            }
        }
    }

    for note in &c.notes {
        for id in &note.issues {
            if !c.known.issues.contains(&id.value) {
                diags.push(unknown(&note.source, id, "问题", &c.known.issues, "content/issues/"));
            }
        }
        let single = match note.issues.as_slice() {
            [only] => c.issues.iter().find(|i| i.id == only.value),
            _ => None,
        };
        if let Some(issue) = single {
            for m in &note.milestones {
                if m.value as usize > issue.milestones.len() {
                    let have = match issue.milestones.len() {
                        0 => "没有阶段目标".to_string(),
                        n => format!("只有第 1—{n} 个阶段目标"),
                    };
                    diags.push(Diagnostic::error(
                        &note.source,
                        m.pos,
                        format!("问题“{}”（{}）{have}，没有第 {} 个", issue.id, issue.source, m.value),
                    ));
                }
            }
        }
    }
}

fn unknown(
    path: &str,
    id: &super::yaml::Located<String>,
    what: &str,
    known: &BTreeSet<String>,
    folder: &str,
) -> Diagnostic {
    let hint = known
        .iter()
        .find(|k| k.eq_ignore_ascii_case(&id.value))
        .map(|k| format!("是否是“{k}”？（大小写要一致）"))
        .unwrap_or_else(|| {
            format!("编号就是 {folder} 下的文件名（不含扩展名），数字编号请加引号，例如 [\"07\"]")
        });
    Diagnostic::error(path, id.pos, format!("找不到{what}“{}”：{folder}下没有这个文件。{hint}", id.value))
}
