//! `gongkai check`: everything `build` checks, without writing anything.

use super::{CheckArgs, EXIT_CONTENT, EXIT_USAGE, error_summary, print_diagnostics, resolve_as_of};

pub fn run(args: CheckArgs) -> u8 {
    let as_of = match resolve_as_of(args.common.as_of.as_deref()) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("错误：{msg}");
            return EXIT_USAGE;
        }
    };
    let outcome = crate::build::build(&args.common.root, as_of, None);
    print_diagnostics(&outcome.diags);
    let m = &outcome.model;
    if !m.unpublished.is_empty() {
        eprintln!("以下进展的日期晚于统计日期 {}，暂不发布（已检查）：", m.as_of);
        for &i in &m.unpublished {
            let n = &m.content.notes[i];
            eprintln!("  {}（{}）{}", n.source, n.date.time.format("%Y-%m-%d %H:%M"), n.title);
        }
    }
    let (errors, warnings) = error_summary(&outcome.diags);
    if errors > 0 {
        eprintln!("检查完成：{errors} 个错误、{warnings} 个警告。");
        EXIT_CONTENT
    } else {
        eprintln!(
            "检查完成：没有错误（{warnings} 个警告）。问题 {} 个，已发布进展 {} 条，统计日期 {}。",
            m.content.issues.len(),
            m.published.len(),
            m.as_of
        );
        0
    }
}
