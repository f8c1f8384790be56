//! The playground's Yew components: small views over the reducer's state
//! (`state.rs`), each with its own props, sending `Action`s.

pub mod app;
mod clients;
mod console;
pub mod embed;
mod keyspace;
pub mod learn;
pub mod packs;
mod pictures;
mod tabs;
mod timebar;
