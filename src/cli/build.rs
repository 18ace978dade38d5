//! `gongkai build`: checks the arguments, runs the release step
//! ([`crate::publish`]) and prints its report in Chinese.

use super::{BuildArgs, EXIT_CONTENT, EXIT_USAGE, error_summary, paths, print_diagnostics, resolve_as_of};
use crate::output::changes::{self, Change, FileChange};
use crate::output::manifest::{Manifest, ReadProblem};
use crate::output::site_archive;
use crate::output::write::{MANIFEST, OutDirProblem};
use crate::publish::{Options, Published, Refused, publish};
use crate::render::release::ReleaseView;
use std::path::Path;

/// Changed files listed in the terminal; the change list file has them all.
const LISTED_CHANGES: usize = 30;

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
    for (flag, file) in [("--changes", &args.changes), ("--archive", &args.archive)] {
        if let Some(why) = file.as_deref().and_then(|f| paths::forbidden_beside_out(root, &out, f)) {
            return usage(&format!("{flag} 的文件{why}：{}", file.as_deref().unwrap_or(&out).display()));
        }
    }
    let archive = match &args.archive {
        Some(path) => match site_archive::format_of(path) {
            Some(format) => Some((path, format)),
            None => {
                return usage(&format!(
                    "--archive 的文件名应以 .zip、.tar.gz 或 .tgz 结尾，以确定打包格式：{}",
                    path.display()
                ));
            }
        },
        None => None,
    };
    let options = Options {
        root: root.clone(),
        out: out.clone(),
        as_of,
        base_url,
        strict: args.strict,
        changes: args.changes.clone(),
        archive: archive.map(|(path, format)| (path.clone(), format)),
    };
    match publish(&options) {
        Ok(published) => report(&options, &published),
        Err(refused) => refusal(&out, refused),
    }
}

/// Prints a published build: its warnings, what it wrote, what changed.
fn report(options: &Options, p: &Published) -> u8 {
    let out = &options.out;
    warn_unreadable(out, p.unreadable_manifest.as_ref());
    print_diagnostics(&p.outcome.diags);
    let m = &p.outcome.model;
    // Counted as the change list and the manifest count them: without the manifest.
    eprintln!(
        "已生成网站：{} 个文件和清单 {MANIFEST}，写入 {}（统计日期 {}；问题 {} 个，已发布进展 {} 条，未到发布日期 {} 条；警告 {} 个）",
        p.files,
        out.display(),
        m.as_of,
        m.content.issues.len(),
        m.published.len(),
        m.unpublished.len(),
        p.outcome.warnings()
    );
    report_changes(p.previous.as_ref(), &p.changes);
    if let Some(history) = &p.release {
        let view = ReleaseView::new(history);
        match &view.previous_on {
            None => eprintln!("本次更新页面（release.html）：这是首次发布。"),
            Some(_) if view.summary.is_empty() => {
                eprintln!("本次更新页面（release.html）：与上一次发布相比，内容没有变化。")
            }
            Some(on) => eprintln!(
                "本次更新页面（release.html）：与上一次发布（统计日期 {on}）相比，{}。",
                view.summary
            ),
        }
    }
    match &p.change_list {
        Some((path, Ok(lines))) => eprintln!("已写出变化清单：{}（{lines} 行）", path.display()),
        Some((path, Err(e))) => {
            eprintln!("错误：无法写入变化清单 {}：{}", path.display(), crate::diagnostics::io_reason(e))
        }
        None => {}
    }
    match &p.archive {
        Some((path, Ok(()))) => {
            eprintln!("已打包整个网站：{}（{} 个文件和清单 {MANIFEST}）", path.display(), p.files)
        }
        Some((path, Err(e))) => eprintln!(
            "错误：无法写入打包文件 {}：{}（网站本身已生成）",
            path.display(),
            crate::diagnostics::io_reason(e)
        ),
        None => {}
    }
    if p.extras_failed() { EXIT_USAGE } else { 0 }
}

/// Prints why nothing was published; the output folder is as it was.
fn refusal(out: &Path, refused: Refused) -> u8 {
    match refused {
        Refused::Locked(path) => usage(&format!(
            "另一个 gongkai build 正在生成 {}（锁文件 {}），为避免两次生成互相覆盖，本次没有生成。请等它完成后再运行",
            out.display(),
            path.display()
        )),
        Refused::Lock(e) => {
            usage(&format!("无法在 {} 旁边创建锁文件：{}", out.display(), crate::diagnostics::io_reason(&e)))
        }
        Refused::Folder(problem) => refuse_folder(out, problem),
        Refused::Content { outcome, unreadable_manifest, strict } => {
            warn_unreadable(out, unreadable_manifest.as_ref());
            print_diagnostics(&outcome.diags);
            let (errors, warnings) = error_summary(&outcome.diags);
            if strict {
                eprintln!(
                    "严格模式（--strict）：{warnings} 个警告按错误处理，网站没有生成；{} 保持原样。",
                    out.display()
                );
            } else {
                eprintln!(
                    "共 {errors} 个错误、{warnings} 个警告，网站没有生成；{} 保持原样。",
                    out.display()
                );
            }
            EXIT_CONTENT
        }
        Refused::Write { error, outcome, unreadable_manifest } => {
            warn_unreadable(out, unreadable_manifest.as_ref());
            if let Some(outcome) = outcome {
                print_diagnostics(&outcome.diags);
            }
            eprintln!(
                "错误：写入 {} 失败：{}。原有内容保持不变。",
                out.display(),
                crate::diagnostics::io_reason(&error)
            );
            EXIT_USAGE
        }
    }
}

fn warn_unreadable(out: &Path, problem: Option<&ReadProblem>) {
    if let Some(why) = problem {
        eprintln!(
            "警告：无法读取上次生成的清单 {}（{why}），本次按首次生成处理。",
            out.join(MANIFEST).display()
        );
    }
}

/// The usage error for an output folder gongkai must not replace.
fn refuse_folder(out: &Path, problem: OutDirProblem) -> u8 {
    let why = match problem {
        OutDirProblem::NotAFolder => {
            format!("输出目录 {} 是一个文件，不是文件夹，拒绝写入。请指定一个文件夹", out.display())
        }
        OutDirProblem::NotOurs { first, more } => {
            let more = if more > 0 { format!("（另有 {more} 个）") } else { String::new() };
            format!(
                "输出目录 {} 里有不是 gongkai 生成的文件：{first}{more}。为避免删除您的文件，拒绝写入。请指定一个空目录，或先把这些文件移走",
                out.display()
            )
        }
        OutDirProblem::Io(e) => {
            format!("无法读取输出目录 {}：{}", out.display(), crate::diagnostics::io_reason(&e))
        }
    };
    usage(&why)
}

/// Prints the counts and the first changed paths.
fn report_changes(previous: Option<&Manifest>, list: &[FileChange]) {
    let Some(before) = previous else {
        eprintln!("输出目录中没有上次生成的网站，全部 {} 个文件都是新的，请整体上传。", list.len());
        return;
    };
    if list.is_empty() {
        eprintln!("与上次生成（统计日期 {}）相比，没有文件变化，无需上传。", before.as_of);
        return;
    }
    eprintln!(
        "与上次生成（统计日期 {}）相比：新增 {} 个、修改 {} 个、删除 {} 个文件。",
        before.as_of,
        changes::count(list, Change::Added),
        changes::count(list, Change::Modified),
        changes::count(list, Change::Removed)
    );
    let mut grouped: Vec<&FileChange> = list.iter().collect();
    grouped.sort_by_key(|c| c.change);
    for c in grouped.into_iter().take(LISTED_CHANGES) {
        eprintln!("  {} {}", c.change.label(), c.path);
    }
    if list.len() > LISTED_CHANGES {
        eprintln!("  ……另有 {} 个（用 --changes 文件名 写出完整清单）", list.len() - LISTED_CHANGES);
    }
}

fn usage(msg: &str) -> u8 {
    eprintln!("错误：{msg}");
    EXIT_USAGE
}
