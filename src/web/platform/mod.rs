//! Browser glue only: storage (localStorage and, for big datasets,
//! IndexedDB), the modules fetched on demand (Lua, Markdown), the command
//! docs and text files, share links, the panic page.

pub mod docs;
pub mod full;
pub mod idb;
pub mod lua;
pub mod md;
pub mod share;
pub mod storage;
