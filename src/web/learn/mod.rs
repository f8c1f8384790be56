//! Tutorials and exercise packs, without the browser: the format
//! (`format.rs`), reading it from Markdown (`parse.rs`, feature
//! `markdown`: the Markdown module, not any first load), the checks and
//! why they fail (`check.rs`), a lesson played in a sandbox playground of
//! its own (`lesson.rs`), packs' variants, grading and results
//! (`pack.rs`), and progress (`progress.rs`).

pub mod check;
pub mod format;
pub mod lesson;
pub mod lines;
pub mod pack;
#[cfg(feature = "markdown")]
pub mod parse;
pub mod progress;
#[cfg(feature = "markdown")]
pub mod prose;
pub mod wire;
