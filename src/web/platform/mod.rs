//! Browser glue only: storage, the Lua module, the panic page.

pub mod lua;
pub mod storage;
