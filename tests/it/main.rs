//! The integration tests: the real `gongkai` binary run on fixture sites
//! (`tests/fixtures/`) and the example, and what it writes read back with
//! independent parsers (HTML with scraper, JSON, CSV, XML, and Python's
//! feedparser and icalendar). One test binary, so that the crates the
//! tests use are linked once; the helpers they share are in `common`.

mod common;

mod build_full;
mod cases;
mod cli;
mod cli_check;
mod cli_new;
mod closures;
mod errors;
mod feeds;
mod fuzz;
mod hard_wrap;
mod import;
mod open_data;
mod output;
mod preview;
mod release;
mod serve;
mod setup;
mod targets;
mod theme;
