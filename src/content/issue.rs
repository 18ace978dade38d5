//! `content/issues/<id>.yaml`: one problem from the inspection feedback.

use super::Status;
use super::ids::SourceFile;
use super::markdown::Markdown;
use super::yaml::{Located, Reader};
use crate::diagnostics::{Diagnostic, Pos};
use chrono::NaiveDate;
use marked_yaml::types::MarkedMappingNode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssueKind {
    Immediate,
    ShortTerm,
    LongTerm,
}

impl IssueKind {
    pub const ALL: [(&'static str, IssueKind); 3] = [
        ("immediate", IssueKind::Immediate),
        ("short-term", IssueKind::ShortTerm),
        ("long-term", IssueKind::LongTerm),
    ];

    pub fn key(self) -> &'static str {
        IssueKind::ALL.iter().find(|(_, k)| *k == self).map(|(s, _)| *s).unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct Milestone {
    pub date: NaiveDate,
    pub date_pos: Option<Pos>,
    pub goal: String,
}

#[derive(Debug, Clone)]
pub struct Issue {
    pub id: String,
    pub source: String,
    pub number: u32,
    pub number_pos: Option<Pos>,
    pub title: String,
    pub category: Located<String>,
    pub kind: IssueKind,
    /// The deadline written in the issue file (notes may move it).
    pub deadline: Option<NaiveDate>,
    pub deadline_pos: Option<Pos>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub leaders: Vec<String>,
    pub description: Markdown,
    pub goal: Markdown,
    pub measures: Vec<Markdown>,
    pub milestones: Vec<Milestone>,
    pub targets: Vec<Located<String>>,
    pub initial_status: Status,
}

const KEYS: &[&str] = &[
    "number",
    "title",
    "category",
    "kind",
    "deadline",
    "responsible",
    "leaders",
    "description",
    "goal",
    "measures",
    "milestones",
    "targets",
    "status",
];

/// The issue in `file`, from the text `content::load` read.
pub fn load(file: &SourceFile, text: &str) -> (Option<Issue>, Vec<Diagnostic>) {
    let mut r = Reader::new(&file.rel, 0);
    let issue = r.parse(text).and_then(|map| read(&mut r, &map, file, text));
    (issue, r.diags)
}

fn read(r: &mut Reader, map: &MarkedMappingNode, file: &SourceFile, text: &str) -> Option<Issue> {
    r.check_keys(map, KEYS);
    let number_node = r.required(map, "number", "序号，正整数，例如 7");
    let number_pos = number_node.and_then(|n| r.pos(n));
    let number = number_node.and_then(|n| r.positive_integer(n, "number"));
    let title = r.required(map, "title", "问题标题，一行文字").and_then(|n| r.text(n, "title"));
    let category =
        r.required(map, "category", "类别，例如 大气污染防治").and_then(|n| r.located_text(n, "category"));
    let kind = r
        .required(
            map,
            "kind",
            "整改类型：immediate（立行立改）、short-term（限期整改）或 long-term（长期坚持）",
        )
        .and_then(|n| r.choice(n, "kind", &IssueKind::ALL));

    let deadline_pos = r.optional(map, "deadline").and_then(|n| r.pos(n));
    let deadline = match (r.optional(map, "deadline"), kind) {
        (Some(n), _) => r.date(n, "deadline"),
        (None, Some(IssueKind::Immediate | IssueKind::ShortTerm)) => {
            r.required(
                map,
                "deadline",
                "整改时限，日期 YYYY-MM-DD；只有 long-term（长期坚持）的问题可以不填",
            );
            None
        }
        (None, _) => None,
    };

    let (lead, support) = match r.required(
        map,
        "responsible",
        "责任单位：lead（牵头单位，至少一个）和 support（配合单位，可选）",
    ) {
        Some(n) => match r.mapping(n, "responsible") {
            Some(m) => {
                r.check_keys(m, &["lead", "support"]);
                let lead = r
                    .required(m, "lead", "牵头责任单位，至少一个，例如 [市生态环境局]")
                    .map(|n| {
                        let pos = r.pos(n);
                        let list = r.text_list(n, "lead", true);
                        if list.is_empty() {
                            r.error(pos, "“lead”至少要有一个牵头单位");
                        }
                        list
                    })
                    .unwrap_or_default();
                let support =
                    r.optional(m, "support").map(|n| r.text_list(n, "support", true)).unwrap_or_default();
                (values(lead), values(support))
            }
            None => (Vec::new(), Vec::new()),
        },
        None => (Vec::new(), Vec::new()),
    };
    let leaders =
        r.optional(map, "leaders").map(|n| values(r.text_list(n, "leaders", true))).unwrap_or_default();

    let description = markdown(r, map, "description", "问题描述，可用 Markdown", text);
    let goal = markdown(r, map, "goal", "整改目标，可用 Markdown", text);
    let measures = match r.required(map, "measures", "整改措施，列表，每项以“- ”开头，至少一项")
    {
        Some(n) => {
            let pos = r.pos(n);
            let items = r.list(n, "measures", false);
            if items.is_empty() && matches!(n, marked_yaml::Node::Sequence(_)) {
                r.error(pos, "“measures”至少要有一项整改措施");
            }
            items
                .into_iter()
                .filter_map(|item| {
                    let p = r.pos(item);
                    r.markdown_text(item, "measures").map(|t| Markdown::from_yaml(t, p, text))
                })
                .collect()
        }
        None => Vec::new(),
    };

    let milestones = r.optional(map, "milestones").map(|n| milestones(r, n)).unwrap_or_default();
    let targets = r.optional(map, "targets").map(|n| r.text_list(n, "targets", true)).unwrap_or_default();
    // A bad status is reported and fails the build; the issue is kept so
    // that its links and targets are still checked.
    let initial_status =
        r.optional(map, "status").and_then(|n| Status::read(r, n)).unwrap_or(Status::InProgress);

    Some(Issue {
        id: file.id.clone(),
        source: file.rel.clone(),
        number: number?,
        number_pos,
        title: title?,
        category: category?,
        kind: kind?,
        deadline,
        deadline_pos,
        lead,
        support,
        leaders,
        description: description?,
        goal: goal?,
        measures,
        milestones,
        targets,
        initial_status,
    })
}

fn values(list: Vec<Located<String>>) -> Vec<String> {
    list.into_iter().map(|l| l.value).collect()
}

fn markdown(
    r: &mut Reader,
    map: &MarkedMappingNode,
    key: &str,
    expected: &str,
    text: &str,
) -> Option<Markdown> {
    let node = r.required(map, key, expected)?;
    let pos = r.pos(node);
    r.markdown_text(node, key).map(|t| Markdown::from_yaml(t, pos, text))
}

fn milestones(r: &mut Reader, node: &marked_yaml::Node) -> Vec<Milestone> {
    let mut out: Vec<Milestone> = Vec::new();
    for item in r.list(node, "milestones", false) {
        let Some(m) = r.mapping(item, "milestones") else { continue };
        r.check_keys(m, &["date", "goal"]);
        let date_node = r.required(m, "date", "阶段目标的日期 YYYY-MM-DD");
        let date_pos = date_node.and_then(|n| r.pos(n));
        let date = date_node.and_then(|n| r.date(n, "date"));
        let goal = r.required(m, "goal", "阶段目标的内容，一行文字").and_then(|n| r.text(n, "goal"));
        if let (Some(date), Some(goal)) = (date, goal) {
            if let Some(prev) = out.last().filter(|p| p.date > date) {
                r.error(date_pos, format!("阶段目标应按日期先后排列：{date} 早于上一项的 {}", prev.date));
            }
            out.push(Milestone { date, date_pos, goal });
        }
    }
    out
}
