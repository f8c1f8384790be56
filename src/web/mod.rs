//! The browser playground. The pure part (state and behaviour, tested
//! natively): `model` (clients, consoles), `saving`, `share` (share
//! links), `learn` (tutorials and their checks), `timeline` (time bar,
//! undo/redo), `clock`, `history`, `scene` (the event stream read into
//! what the pictures show), `describe` (narration and descriptions). The
//! Yew part, built for wasm32: `state` (the reducer), `hooks`,
//! `components/` and `platform/` (browser glue).

pub mod clock;
pub mod describe;
pub mod handover;
pub mod history;
pub mod learn;
pub mod model;
pub mod saving;
pub mod scene;
pub mod share;
pub mod timeline;

#[cfg(feature = "web")]
mod components;
#[cfg(feature = "web")]
mod hooks;
#[cfg(feature = "web")]
mod platform;
#[cfg(feature = "web")]
mod state;

#[cfg(feature = "web")]
pub use components::app::run;
#[cfg(feature = "web")]
pub use components::embed::run as run_embed;
#[cfg(feature = "web")]
pub use components::learn::run as run_learn;
#[cfg(feature = "web")]
pub use components::packs::run as run_pack;
