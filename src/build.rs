//! The whole build in memory: content → model → pages → files, with every
//! diagnostic of every stage. Nothing here writes to disk. `build`, `check`
//! and `serve` all run this, so they check exactly the same things, down to
//! every link and `#anchor` of the rendered pages.

use crate::content;
use crate::diagnostics::{self, Diagnostic};
use crate::model::release::{self, ContentFacts, ReleaseHistory};
use crate::model::{Model, links};
use crate::output::{self, Site, manifest, site_links};
use crate::render::Renderer;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug)]
pub struct Outcome {
    pub model: Model,
    /// The files of the site; None when there are errors.
    pub site: Option<Site>,
    /// The manifest of `site` (also one of its files).
    pub manifest: Option<manifest::Manifest>,
    /// Errors and warnings, sorted by file and position.
    pub diags: Vec<Diagnostic>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        diagnostics::has_errors(&self.diags)
    }
}

/// Builds the site under `root` as of `as_of`; `base_url` replaces the one
/// in site.yaml (already checked by the caller).
pub fn build(root: &Path, as_of: NaiveDate, base_url: Option<&str>) -> Outcome {
    build_after(root, as_of, base_url, None)
}

/// As [`build`], as the release after the one `earlier` recorded (read from
/// the manifest in the output folder), which the 本次更新 page compares with.
pub fn build_after(
    root: &Path,
    as_of: NaiveDate,
    base_url: Option<&str>,
    earlier: Option<ReleaseHistory>,
) -> Outcome {
    let (mut content, mut diags) = content::load(root);
    if let Some(url) = base_url {
        content.site.base_url = url.to_string();
    }
    let model = Model::new(content, as_of);
    diags.extend(crate::model::date_warnings::warnings(&model));
    let history = ReleaseHistory::next(earlier, ContentFacts::of(&model), as_of);
    diags.extend(release::backdating_warnings(&model, &history));
    let (data_files, mut d) = output::data::files(&model);
    diags.append(&mut d);
    let data_facts: Vec<_> = data_files.iter().map(output::data::DataFile::facts).collect();
    let site = match Renderer::new(&model).map(|r| r.with_release(&history).with_data_files(&data_facts)) {
        Err(mut d) => {
            diags.append(&mut d);
            None
        }
        Ok(renderer) => {
            let (pages, mut d) = renderer.render_all();
            diags.append(&mut d);
            let (feed_items, mut d) = renderer.feed_items();
            diags.append(&mut d);
            let (case_items, mut d) = renderer.case_feed_items();
            diags.append(&mut d);
            let templates: BTreeMap<String, String> =
                pages.iter().map(|p| (p.path.clone(), p.template.clone())).collect();
            match output::assemble(&model, pages, data_files, &feed_items, &case_items) {
                Ok(site) => {
                    diags.extend(links::check(&model, &site.paths()));
                    // The rendered pages, once the content is free of errors:
                    // a broken link in markdown is reported once, by the
                    // content check, not again in every page that shows it.
                    if !diagnostics::has_errors(&diags) {
                        diags.extend(site_links::check(&model, &site.files, &templates));
                    }
                    Some(site)
                }
                Err(mut d) => {
                    diags.append(&mut d);
                    None
                }
            }
        }
    };
    diagnostics::sort(&mut diags);
    let mut site = site.filter(|_| !diagnostics::has_errors(&diags));
    let manifest = site.as_mut().map(|site| {
        let m = manifest::manifest(site, as_of, history);
        site.files.push(manifest::to_file(&m));
        m
    });
    Outcome { model, site, manifest, diags }
}
