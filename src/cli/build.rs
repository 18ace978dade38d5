//! `gongkai build`

use super::{BuildArgs, EXIT_CONTENT, EXIT_USAGE, error_summary, paths, print_diagnostics, resolve_as_of};
use crate::output::write::{OutDirProblem, check_replaceable, write_site};

pub fn run(args: BuildArgs) -> u8 {
    let root = &args.common.root;
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    let as_of = match resolve_as_of(args.common.as_of.as_deref()) {
        Ok(d) => d,
        Err(msg) => return usage(&msg),
    };
    let base_url = match args.base_url.as_deref().map(crate::content::normalize_base_url) {
        Some(Err(why)) => return usage(&format!("--base-url 的值无效：{why}")),
        Some(Ok(url)) => Some(url),
        None => None,
    };
    if let Some(why) = paths::forbidden_out(root, &out) {
        return usage(&format!("{why}：{}", out.display()));
    }
    match check_replaceable(&out) {
        Ok(()) => {}
        Err(OutDirProblem::NotOurs(p)) => {
            return usage(&format!(
                "输出目录 {} 里有不是 gongkai 生成的文件，为避免删除您的文件，拒绝写入。请指定一个空目录，或先把其中的文件移走",
                p.display()
            ));
        }
        Err(OutDirProblem::Io(e)) => return usage(&format!("无法读取输出目录 {}：{e}", out.display())),
    }

    let outcome = crate::build::build(root, as_of, base_url.as_deref());
    print_diagnostics(&outcome.diags);
    let (errors, warnings) = error_summary(&outcome.diags);
    let Some(site) = outcome.site else {
        eprintln!("共 {errors} 个错误、{warnings} 个警告，网站没有生成；{} 保持原样。", out.display());
        return EXIT_CONTENT;
    };
    if let Err(e) = write_site(&out, &site.files) {
        eprintln!("错误：写入 {} 失败：{e}。原有内容保持不变。", out.display());
        return EXIT_USAGE;
    }
    let m = &outcome.model;
    eprintln!(
        "已生成网站：{} 个文件，写入 {}（统计日期 {}；问题 {} 个，已发布进展 {} 条，未到发布日期 {} 条；警告 {warnings} 个）",
        site.files.len(),
        out.display(),
        m.as_of,
        m.content.issues.len(),
        m.published.len(),
        m.unpublished.len()
    );
    0
}

fn usage(msg: &str) -> u8 {
    eprintln!("错误：{msg}");
    EXIT_USAGE
}
