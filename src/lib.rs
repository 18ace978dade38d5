//! gongkai (公开): a static site generator for the public disclosure of
//! environmental-inspection rectification (督察整改信息公开).
//!
//! The data flows one way: [`content`] reads the files of a site root into
//! a typed model with diagnostics; [`model`] derives the facts (status
//! history, schedule, target progress) as of a date; [`render`] turns them
//! into pages through Tera templates; [`output`] assembles and writes the
//! files. [`build`] runs the stages; the CLI only wires them.
//! [`urls`] is the public URL layout every stage shares.

pub mod build;
pub mod cjk;
pub mod cli;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod digest;
pub mod model;
pub mod output;
pub mod preview;
pub mod publish;
pub mod render;
pub mod urls;
