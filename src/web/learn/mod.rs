//! Tutorials and exercise packs, without the browser: the format
//! (`format.rs`), reading it from Markdown (`parse.rs`, feature
//! `markdown`: the page will fetch it on demand, not in its first load),
//! the checks and why they fail (`check.rs`), and a lesson played in a
//! sandbox playground of its own (`lesson.rs`).

pub mod check;
pub mod format;
pub mod lesson;
pub mod lines;
#[cfg(feature = "markdown")]
pub mod parse;
pub mod progress;
#[cfg(feature = "markdown")]
pub mod prose;
pub mod wire;
