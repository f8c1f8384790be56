//! The playground's Yew components: small views over the reducer's state
//! (`state.rs`), each with its own props, sending `Action`s.

mod aof;
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

/// The full build's pictures (bitmaps, HyperLogLogs).
pub fn install_full_pictures() {
    pictures::bits::install();
    clients::install_more_states();
    app::install_rdb_buttons();
    aof::install();
    timebar::install_disk_bar();
}

/// Start an entry of the page: the panic page, then `C` rendered into
/// `#app` (every entry's `run`).
fn mount<C>()
where
    C: yew::BaseComponent,
    C::Properties: Default,
{
    crate::web::platform::storage::install_panic_page();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    yew::Renderer::<C>::with_root(root).render();
}
