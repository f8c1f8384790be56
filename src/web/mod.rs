//! The browser playground. The pure part (state and behaviour, tested
//! natively): `model` (clients, consoles), `saving`, `share` (share
//! links), `learn` (tutorials and their checks), `timeline` (time bar,
//! undo/redo), `clock`, `history`, `scene` (the event stream read into
//! what the pictures show), `describe` (narration and descriptions). The
//! Yew part, built for wasm32: `state` (the reducer), `hooks`,
//! `components/` and `platform/` (browser glue).

pub mod clock;
pub mod describe;
pub mod describe_streams;
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

/// The page's full build (src/bin/reddish-full.rs): the rest of the
/// engine installed, then the entry the address asks for, as
/// `www/index.html`'s loader picks them.
#[cfg(feature = "web")]
pub fn run_full() {
    crate::engine::table::install_ext();
    components::install_full_pictures();
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok());
    let has = |name: &str| search.as_ref().is_some_and(|q| q.has(name));
    if has("embed") {
        run_embed()
    } else if has("pack") {
        run_pack()
    } else if has("tutorial") {
        run_learn()
    } else {
        run()
    }
}
