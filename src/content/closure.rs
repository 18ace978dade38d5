//! The last step of rectification, checked across notes: a note that
//! closes an issue (销号) must follow the site's `closure` rules — a notice
//! (销号公示) that has ended, an acceptance (验收) on or before it. Without
//! the rules, closing while a notice still runs is a warning: that is what
//! inspections find when a problem was "closed" without real fixing.
//!
//! Every note is checked, published or not, so that a note cannot break
//! the build on the day it goes live.

use super::{Content, ProgressNote, Publicity, Status};
use crate::diagnostics::Diagnostic;
use chrono::NaiveDate;
use std::collections::HashMap;

pub fn check(c: &Content, diags: &mut Vec<Diagnostic>) {
    let rules = c.site.closure;
    let mut notices: HashMap<&str, (&Publicity, &ProgressNote)> = HashMap::new();
    let mut accepted: HashMap<&str, NaiveDate> = HashMap::new();
    let numbers: HashMap<&str, u32> = c.issues.iter().map(|i| (i.id.as_str(), i.number)).collect();
    let number = |id: &str| numbers.get(id).map(u32::to_string);
    // content.notes is in time order (ties by slug): the order the steps happened.
    for note in &c.notes {
        for id in note.issues.iter().map(|i| i.value.as_str()) {
            if let Some(a) = &note.acceptance {
                accepted.insert(id, a.date);
            }
            if note.status == Some(Status::Closed) {
                let Some(n) = number(id) else { continue };
                let date = note.date.date();
                let error = |message: String| Diagnostic::error(&note.source, note.status_pos, message);
                match notices.get(id) {
                    None if rules.require_publicity => diags.push(error(format!(
                        "问题{n}还没有销号公示，不能销号：本网站要求销号前先公示（site.yaml 中 closure 的 require_publicity）。请先写一条带 publicity 的进展，公示期满后再写 status: closed"
                    ))),
                    Some((p, by)) if p.to >= date => {
                        let message = format!(
                            "问题{n}的销号公示（{} 至 {}，见 {}）到 {} 才结束，{date} 还不能销号：公示期满、没有异议后再写 status: closed",
                            p.from, p.to, by.source, p.to
                        );
                        if rules.require_publicity {
                            diags.push(error(message));
                        } else {
                            diags.push(Diagnostic::warning(&note.source, note.status_pos, message));
                        }
                    }
                    _ => {}
                }
                if rules.require_acceptance && accepted.get(id).is_none_or(|d| *d > date) {
                    diags.push(error(format!(
                        "问题{n}没有整改验收，不能销号：本网站要求销号前先验收（site.yaml 中 closure 的 require_acceptance）。请在这条或之前的进展中写 acceptance（验收日期 date、层级 level、验收单位 by）"
                    )));
                }
            }
            if let Some(p) = &note.publicity {
                notices.insert(id, (p, note));
            }
        }
    }
}
