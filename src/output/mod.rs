//! Stage 4: the files of the site — rendered pages (minified), theme
//! assets, attachments and generated files — and the one place that
//! writes them to disk.

pub mod changes;
pub mod data;
pub mod feeds;
pub mod ics;
pub mod manifest;
pub mod minify;
pub mod search;
pub mod site_archive;
pub mod site_links;
pub mod sitemap;
pub mod write;
pub mod zip_writer;

use crate::model::Model;
use crate::render::{RenderedPage, urls};
use rayon::prelude::*;
use std::collections::BTreeSet;

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
    feed_items: &std::collections::HashMap<usize, String>,
) -> Result<Site, Vec<crate::diagnostics::Diagnostic>> {
    let c = &model.content;
    let sitemap = sitemap::sitemap(&c.site.base_url, &pages);
    let mut files: Vec<OutputFile> =
        pages.into_par_iter().map(|p| OutputFile { bytes: minify::html(&p.html), path: p.path }).collect();
    for (path, asset) in &c.theme.assets {
        files.push(OutputFile { path: path.clone(), bytes: asset.data.clone() });
    }
    let mut diags = Vec::new();
    for rel in &c.files {
        let abs = c.root.join("content/files").join(rel);
        match std::fs::read(&abs) {
            Ok(bytes) => files.push(OutputFile { path: format!("files/{rel}"), bytes }),
            Err(e) => diags.push(crate::diagnostics::Diagnostic::error(
                format!("content/files/{rel}"),
                None,
                format!("无法读取附件：{e}"),
            )),
        }
    }
    files.push(OutputFile { path: "sitemap.xml".into(), bytes: sitemap.into_bytes() });
    for feed in feeds::feeds(model) {
        files.push(OutputFile {
            bytes: feeds::to_xml(model, &feed, feed_items).into_bytes(),
            path: feed.path,
        });
    }
    for file in data_files {
        files.push(OutputFile { path: file.path(), bytes: file.bytes });
    }
    files.push(OutputFile { path: search::INDEX_PATH.into(), bytes: search::index_script(model) });
    files.push(OutputFile { path: "robots.txt".into(), bytes: robots(&c.site.base_url).into_bytes() });
    if !diags.is_empty() {
        return Err(diags);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Site { files })
}

fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", urls::absolute(base_url, "sitemap.xml"))
}
