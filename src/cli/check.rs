//! `gongkai check`: everything `build` checks (the content, and every link
//! and `#anchor` of the rendered pages), without writing anything, and the
//! list of notes not yet published.

use crate::output::write::Discard;

use super::{
    CheckArgs, EXIT_CONTENT, EXIT_USAGE, error_summary, print_diagnostics, release_in_default_out,
    resolve_as_of,
};

pub fn run(args: CheckArgs) -> u8 {
    let as_of = match resolve_as_of(args.common.as_of.as_deref()) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("错误：{msg}");
            return EXIT_USAGE;
        }
    };
    let root = &args.common.root;
    let outcome = crate::build::build_after(root, as_of, None, release_in_default_out(root), &Discard);
    // A built site had every link of its pages checked.
    let pages_checked =
        outcome.manifest.as_ref().map(|m| m.files.iter().filter(|f| f.path.ends_with(".html")).count());
    print_diagnostics(&outcome.diags);
    let m = &outcome.model;
    if !m.unpublished.is_empty() {
        eprintln!("以下 {} 条进展的日期晚于统计日期 {}，暂不发布（已检查）：", m.unpublished.len(), m.as_of);
        for &i in &m.unpublished {
            let n = &m.content.notes[i];
            eprintln!("  {}（{}）{}", n.source, n.date.time.format("%Y-%m-%d %H:%M"), n.title);
        }
    }
    let later: Vec<_> = m
        .content
        .targets
        .iter()
        .zip(&m.targets)
        .flat_map(|(t, f)| f.later.iter().map(move |o| (t, o)))
        .collect();
    if !later.is_empty() {
        eprintln!("以下 {} 条监测数据的日期晚于统计日期 {}，暂不发布（已检查）：", later.len(), m.as_of);
        for (t, o) in later {
            let period = o.period.as_deref().map(|p| format!("（{p}）")).unwrap_or_default();
            eprintln!("  {}：{}{} {}", t.source, o.date, period, t.name);
        }
    }
    if let (Some(section), Some(facts)) = (&m.content.cases, &m.cases)
        && !facts.unpublished.is_empty()
    {
        eprintln!(
            "以下 {} 张交办件表格的发布日期晚于统计日期 {}，暂不发布（已检查）：",
            facts.unpublished.len(),
            m.as_of
        );
        for &t in &facts.unpublished {
            let table = &section.tables[t];
            eprintln!("  {}（发布日期 {}）", table.source, table.published);
        }
    }
    let (errors, warnings) = error_summary(&outcome.diags);
    if errors > 0 {
        eprintln!("检查完成：{errors} 个错误、{warnings} 个警告。");
        return EXIT_CONTENT;
    }
    if args.strict && warnings > 0 {
        eprintln!("检查完成：{warnings} 个警告，严格模式（--strict）下按错误处理。");
        return EXIT_CONTENT;
    }
    eprintln!(
        "检查完成：没有错误（{warnings} 个警告）。问题 {} 个，已发布进展 {} 条，统计日期 {}{}。",
        m.content.issues.len(),
        m.published.len(),
        m.as_of,
        pages_checked.map(|n| format!("；已检查 {n} 个页面中的全部站内链接和锚点")).unwrap_or_default()
    );
    0
}
