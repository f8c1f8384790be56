//! Browser glue only: storage (localStorage and, for big datasets,
//! IndexedDB), the Lua module, the panic page.

pub mod docs;
pub mod idb;
pub mod lua;
pub mod share;
pub mod storage;
