//! Stage 4: the files of the site — rendered pages, theme
//! assets, attachments and generated files — and the one place that
//! writes them to disk.

pub mod changes;
pub mod data;
pub mod feeds;
pub mod html_scan;
pub mod ics;
pub mod ledger_xlsx;
pub mod manifest;
pub mod search;
pub mod site_archive;
pub mod site_links;
pub mod sitemap;
pub mod write;
pub mod zip_writer;

use crate::diagnostics::Diagnostic;
use crate::model::Model;
use crate::render::RenderedPage;
use crate::urls;
use std::collections::{BTreeSet, HashMap};

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything a build writes, in path order.
#[derive(Debug, Default)]
pub struct Site {
    pub files: Vec<OutputFile>,
}

impl Site {
    pub fn paths(&self) -> BTreeSet<String> {
        self.files.iter().map(|f| f.path.clone()).collect()
    }
}

/// Assembles the site from the rendered pages and the model.
/// Attachments are read here, since they are copied as they are.
pub fn assemble(
    model: &Model,
    pages: Vec<RenderedPage>,
    data_files: Vec<data::DataFile>,
    feed_items: &HashMap<usize, String>,
    case_items: &HashMap<usize, String>,
) -> Result<Site, Vec<Diagnostic>> {
    let c = &model.content;
    let sitemap = sitemap::sitemap(&c.site.base_url, &pages);
    let mut origins: Vec<Origin> = pages.iter().map(|p| Origin::Page(p.template.clone())).collect();
    let mut files: Vec<OutputFile> =
        pages.into_iter().map(|p| OutputFile { bytes: p.html.into_bytes(), path: p.path }).collect();
    for (path, asset) in &c.theme.assets {
        files.push(OutputFile { path: path.clone(), bytes: asset.data.clone() });
        origins.push(Origin::ThemeFile(&asset.origin));
    }
    let mut diags = Vec::new();
    for rel in &c.files {
        let abs = c.root.join("content/files").join(rel);
        match std::fs::read(&abs) {
            Ok(bytes) => {
                files.push(OutputFile { path: urls::attachment(rel), bytes });
                origins.push(Origin::Attachment(rel));
            }
            Err(e) => diags.push(Diagnostic::error(
                format!("content/files/{rel}"),
                None,
                format!("无法读取附件：{}", crate::diagnostics::io_reason(&e)),
            )),
        }
    }
    files.push(OutputFile { path: urls::SITEMAP.into(), bytes: sitemap.into_bytes() });
    for feed in feeds::feeds(model) {
        files.push(OutputFile {
            bytes: feeds::to_xml(model, &feed, feed_items).into_bytes(),
            path: feed.path,
        });
    }
    if let Some(xml) = feeds::cases_xml(model, case_items) {
        files.push(OutputFile { path: urls::CASES_FEED.into(), bytes: xml.into_bytes() });
    }
    for file in data_files {
        files.push(OutputFile { path: file.path(), bytes: file.bytes });
    }
    files.push(OutputFile { path: urls::SEARCH_INDEX.into(), bytes: search::index_script(model) });
    files.push(OutputFile { path: urls::ROBOTS.into(), bytes: robots(&c.site.base_url).into_bytes() });
    diags.extend(clashes(&files, &origins));
    if !diags.is_empty() {
        return Err(diags);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Site { files })
}

/// Where a file of the site comes from, to name both sides when two would
/// be written to one path (a theme's `static/index.html` would silently
/// replace the home page).
enum Origin<'a> {
    /// A rendered page, with the origin of its template.
    Page(String),
    /// A theme's static file, by origin (`themes/x/static/…`).
    ThemeFile(&'a str),
    /// Relative to `content/files/`.
    Attachment(&'a str),
}

impl Origin<'_> {
    fn describe(&self) -> String {
        match self {
            Origin::Page(template) => format!("生成的页面（模板 {template}）"),
            Origin::ThemeFile(origin) => format!("主题文件“{origin}”"),
            Origin::Attachment(rel) => format!("附件“content/files/{rel}”"),
        }
    }

    /// The file to change, if it is the site's own.
    fn source(&self) -> Option<String> {
        match self {
            Origin::ThemeFile(origin) if !origin.starts_with(crate::content::theme::BUILT_IN) => {
                Some(origin.to_string())
            }
            Origin::Attachment(rel) => Some(format!("content/files/{rel}")),
            _ => None,
        }
    }
}

/// An error for every output path that two files would be written to, at
/// the file of the site's own that causes it. `origins` holds the origin
/// of each of the first files; those after them are generated (feeds, open
/// data, sitemap, …).
fn clashes(files: &[OutputFile], origins: &[Origin]) -> Vec<Diagnostic> {
    let describe = |i: usize| origins.get(i).map_or_else(|| "生成的文件".to_string(), Origin::describe);
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(files.len());
    let mut diags = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let Some(&j) = first.get(file.path.as_str()) else {
            first.insert(&file.path, i);
            continue;
        };
        // Theme files come before attachments: the theme file is named.
        let own = [j, i].into_iter().find_map(|k| origins.get(k).and_then(Origin::source).map(|s| (k, s)));
        let (named, other) = match own {
            Some((k, _)) if k == i => (i, j),
            _ => (j, i),
        };
        let both = format!(
            "{}要输出为网站中的“{}”，与{}重名，只能保留一个",
            describe(named),
            file.path,
            describe(other)
        );
        diags.push(match own {
            Some((_, source)) => Diagnostic::error(source, None, format!("{both}。请给这个文件改名或删除它")),
            None => Diagnostic::error(&file.path, None, both),
        });
    }
    diags
}

fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", urls::absolute(base_url, urls::SITEMAP))
}
