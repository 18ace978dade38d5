//! The whole build in memory: content → model → pages → files, with every
//! diagnostic of every stage. Nothing here writes to disk.

use crate::content;
use crate::diagnostics::{self, Diagnostic};
use crate::model::{Model, links};
use crate::output::{self, Site, manifest};
use crate::render::Renderer;
use chrono::NaiveDate;
use std::path::Path;

pub struct Outcome {
    pub model: Model,
    /// The files of the site; None when there are errors.
    pub site: Option<Site>,
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
    let (mut content, mut diags) = content::load(root);
    if let Some(url) = base_url {
        content.site.base_url = url.to_string();
    }
    let model = Model::new(content, as_of);
    let site = match Renderer::new(&model) {
        Err(mut d) => {
            diags.append(&mut d);
            None
        }
        Ok(renderer) => {
            let (pages, mut d) = renderer.render_all();
            diags.append(&mut d);
            match output::assemble(&model, pages) {
                Ok(site) => {
                    diags.extend(links::check(&model, &site.paths()));
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
    let site = site.filter(|_| !diagnostics::has_errors(&diags)).map(|mut site| {
        let m = manifest::manifest(&site, as_of);
        site.files.push(manifest::to_file(&m));
        site
    });
    Outcome { model, site, diags }
}
