//! Reddish: a Redis 7 compatible engine for learning. See ARCHITECTURE.md.

pub mod cli;
pub mod engine;
pub mod reply;
pub mod resp;
pub mod web;

#[cfg(feature = "js")]
pub mod js;

#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub mod server;

pub use engine::{Engine, EngineOptions, SessionId};
pub use reply::Reply;
