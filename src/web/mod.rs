//! The browser playground. `model` is the state and behaviour, pure and
//! tested natively; the rest are Yew views over it, built for wasm32.

pub mod clock;
pub mod describe;
pub mod history;
pub mod model;
pub mod scene;
pub mod timeline;

#[cfg(feature = "web")]
mod app;
#[cfg(feature = "web")]
mod console;
#[cfg(feature = "web")]
mod keyspace;
#[cfg(feature = "web")]
mod lua;
#[cfg(feature = "web")]
mod storage;

#[cfg(feature = "web")]
pub use app::run;
