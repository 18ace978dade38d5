//! `content/site.yaml`: the site's settings.

use super::source::read_text;
use super::yaml::{Located, Reader};
use crate::diagnostics::Diagnostic;
use chrono::NaiveDate;
use std::path::Path;

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Publisher {
    pub host: Option<String>,
    pub operator: Option<String>,
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Identifiers {
    pub site_code: Option<String>,
    pub icp: Option<String>,
    pub public_security: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    pub description: Option<String>,
    pub theme: Located<String>,
    pub language: String,
    pub sample: bool,
    pub publisher: Publisher,
    pub identifiers: Identifiers,
    /// Display order of categories; empty when site.yaml gives none.
    pub categories: Vec<String>,
    pub feed_items: usize,
    pub due_soon_days: i64,
    pub stale_after_days: i64,
    pub plan_date: Option<NaiveDate>,
    /// Terms under which the open data may be reused.
    pub data_license: Option<String>,
    /// What closing (销号) needs before it: the site's rules.
    pub closure: ClosureRules,
    /// Phone numbers meant to be public (an office's mobile), exempt from
    /// the personal-information check; digits only.
    pub public_numbers: Vec<String>,
}

/// `closure:` in site.yaml: the steps a closing note must follow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClosureRules {
    /// Closing needs a notice (销号公示) that ended before the closing note.
    pub require_publicity: bool,
    /// Closing needs an acceptance (验收) dated on or before the closing note.
    pub require_acceptance: bool,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: String::new(),
            base_url: "https://www.example.gov.cn/".to_string(),
            description: None,
            theme: Located { value: "default".to_string(), pos: None },
            language: "zh-CN".to_string(),
            sample: false,
            publisher: Publisher::default(),
            identifiers: Identifiers::default(),
            categories: Vec::new(),
            feed_items: 50,
            due_soon_days: 30,
            stale_after_days: 90,
            plan_date: None,
            data_license: None,
            closure: ClosureRules::default(),
            public_numbers: Vec::new(),
        }
    }
}

pub const PATH: &str = "content/site.yaml";

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "theme",
    "language",
    "sample",
    "publisher",
    "identifiers",
    "categories",
    "feed_items",
    "due_soon_days",
    "stale_after_days",
    "plan_date",
    "data_license",
    "closure",
    "public_numbers",
];

pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> SiteConfig {
    let content = root.join("content");
    let (abs, rel) = if !content.join("site.yaml").exists() && content.join("site.yml").exists() {
        (content.join("site.yml"), "content/site.yml")
    } else {
        (content.join("site.yaml"), PATH)
    };
    if !abs.exists() {
        diags.push(Diagnostic::error(
            rel,
            None,
            format!(
                "找不到网站设置文件 {rel}（网站根目录：{}）。请在网站根目录下运行，或用 --root 指定网站根目录；新建网站可运行 gongkai init <目录>",
                root.display()
            ),
        ));
        return SiteConfig::default();
    }
    let text = match read_text(&abs, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return SiteConfig::default();
        }
    };
    diags.extend(super::placeholders::scan(rel, &text));
    let mut r = Reader::new(rel, 0);
    let config: SiteConfig = r.parse(&text).map(|map| read(&mut r, &map)).unwrap_or_default();
    diags.append(&mut r.diags);
    // Its footer and contact are published too.
    diags.extend(super::personal_info::scan_file(rel, &text, &config.public_numbers));
    config
}

fn read(r: &mut Reader, map: &marked_yaml::types::MarkedMappingNode) -> SiteConfig {
    r.check_keys(map, KEYS);
    let mut site = SiteConfig::default();
    if let Some(n) = r.required(map, "title", "网站名称，一行文字") {
        site.title = r.text(n, "title").unwrap_or_default();
    }
    if let Some(n) =
        r.required(map, "base_url", "网站正式发布的完整网址，例如 https://www.example.gov.cn/ztzl/dczg/")
    {
        let pos = r.pos(n);
        if let Some(raw) = r.text(n, "base_url") {
            match normalize_base_url(&raw) {
                Ok(url) => site.base_url = url,
                Err(why) => r.error(
                    pos,
                    format!("“base_url”的值“{raw}”无效：{why}。应为以 http:// 或 https:// 开头的完整网址，例如 https://www.example.gov.cn/ztzl/dczg/"),
                ),
            }
        }
    }
    if let Some(n) = r.optional(map, "description") {
        site.description = r.text(n, "description");
    }
    if let Some(n) = r.optional(map, "theme") {
        let pos = r.pos(n);
        match r.text(n, "theme") {
            // A folder name under themes/, never a path that leaves it.
            Some(value) if super::ids::is_valid_id(&value) && value != "." && value != ".." => {
                site.theme = Located { value, pos }
            }
            Some(value) => r.error(
                pos,
                format!("“theme”应为 themes/ 下一个文件夹的名字（英文字母、数字、-、_），例如 default，实际写的是“{value}”"),
            ),
            None => {}
        }
    }
    if let Some(n) = r.optional(map, "language") {
        site.language = r.text(n, "language").unwrap_or(site.language);
    }
    if let Some(n) = r.optional(map, "sample") {
        site.sample = r.boolean(n, "sample").unwrap_or(false);
    }
    if let Some(m) = r.optional(map, "publisher").and_then(|n| r.mapping(n, "publisher")) {
        r.check_keys(m, &["host", "operator", "contact"]);
        let mut get = |k: &str| r.optional(m, k).and_then(|n| r.text(n, k));
        site.publisher = Publisher { host: get("host"), operator: get("operator"), contact: get("contact") };
    }
    if let Some(m) = r.optional(map, "identifiers").and_then(|n| r.mapping(n, "identifiers")) {
        r.check_keys(m, &["site_code", "icp", "public_security"]);
        let mut get = |k: &str| r.optional(m, k).and_then(|n| r.text(n, k));
        site.identifiers = Identifiers {
            site_code: get("site_code"),
            icp: get("icp"),
            public_security: get("public_security"),
        };
    }
    if let Some(n) = r.optional(map, "categories") {
        let list = r.text_list(n, "categories", false);
        for (i, c) in list.iter().enumerate() {
            if list[..i].iter().any(|p| p.value == c.value) {
                r.error(c.pos, format!("类别“{}”重复", c.value));
            }
        }
        site.categories = list.into_iter().map(|l| l.value).collect();
    }
    if let Some(n) = r.optional(map, "feed_items") {
        site.feed_items = r.positive_integer(n, "feed_items").map(|v| v as usize).unwrap_or(site.feed_items);
    }
    for (key, slot) in
        [("due_soon_days", &mut site.due_soon_days), ("stale_after_days", &mut site.stale_after_days)]
    {
        if let Some(n) = r.optional(map, key) {
            let pos = r.pos(n);
            match r.integer(n, key) {
                Some(v) if v >= 0 => *slot = v,
                Some(_) => r.error(pos, format!("“{key}”不能是负数")),
                None => {}
            }
        }
    }
    if let Some(n) = r.optional(map, "plan_date") {
        site.plan_date = r.date(n, "plan_date");
    }
    if let Some(m) = r.optional(map, "closure").and_then(|n| r.mapping(n, "closure")) {
        r.check_keys(m, &["require_publicity", "require_acceptance"]);
        let mut flag = |k: &str| r.optional(m, k).and_then(|n| r.boolean(n, k)).unwrap_or(false);
        site.closure = ClosureRules {
            require_publicity: flag("require_publicity"),
            require_acceptance: flag("require_acceptance"),
        };
    }
    if let Some(n) = r.optional(map, "public_numbers") {
        for number in r.text_list(n, "public_numbers", true) {
            let digits: String = number.value.chars().filter(char::is_ascii_digit).collect();
            if digits.len() < 7 {
                r.error(
                    number.pos,
                    format!(
                        "“public_numbers”中的“{}”不是电话号码：应写完整号码，例如 \"13804361234\"",
                        number.value
                    ),
                );
            } else {
                site.public_numbers.push(digits);
            }
        }
    }
    if let Some(n) = r.optional(map, "data_license") {
        site.data_license = r.text(n, "data_license");
    }
    site
}

/// Checks a base URL and adds the missing final `/`.
pub fn normalize_base_url(raw: &str) -> Result<String, &'static str> {
    if !raw.contains("://") {
        return Err("缺少开头的 https:// 或 http://");
    }
    let url = url::Url::parse(raw).map_err(|_| "不是有效的网址")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("只能以 http:// 或 https:// 开头");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("缺少域名");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("不能带“?”或“#”部分");
    }
    let mut s = url.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_rules() {
        assert_eq!(normalize_base_url("https://a.gov.cn/x/dczg").unwrap(), "https://a.gov.cn/x/dczg/");
        assert_eq!(normalize_base_url("http://a.gov.cn").unwrap(), "http://a.gov.cn/");
        assert!(normalize_base_url("www.a.gov.cn/x/").is_err());
        assert!(normalize_base_url("ftp://a.gov.cn/").is_err());
        assert!(normalize_base_url("https://a.gov.cn/?x=1").is_err());
        assert!(normalize_base_url("/ztzl/").is_err());
    }
}
