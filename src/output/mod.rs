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
pub mod site;
pub mod site_archive;
pub mod site_links;
pub mod sitemap;
pub mod write;
pub mod zip_writer;
