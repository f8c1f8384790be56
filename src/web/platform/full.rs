//! Moving this tab to the page's full build (the rest of the engine; see
//! `handover.rs` for what moves and why). Two session-storage entries,
//! so they live as long as the tab and no longer: one tells
//! `www/index.html`'s loader to start the full build in this tab from now
//! on, the other carries the handover text across the reload.

const FULL: &str = "reddish:v1:full";
const HANDOVER: &str = "reddish:v1:handover";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Reload this tab into the full build, with `handover` for it to read
/// (`None`: nothing to carry, the address says it all); or why not
/// (nothing changed then).
pub fn reload_into_full(handover: Option<&str>) -> Result<(), String> {
    let s = session().ok_or("this browser gives the page no session storage")?;
    match handover {
        Some(text) => s.set_item(HANDOVER, text),
        None => s.remove_item(HANDOVER),
    }
    .and_then(|_| s.set_item(FULL, "1"))
    .map_err(|_| "the browser refused to keep the consoles for the reload".to_string())?;
    web_sys::window()
        .map(|w| w.location().reload())
        .transpose()
        .ok()
        .flatten()
        .ok_or_else(|| "the page could not reload".to_string())
}

/// Whether this is the full build (it has the rest of the engine).
pub fn is_full() -> bool {
    crate::engine::table::ext_handlers().is_some()
}

/// The handover text the build before this one left, taken (read once).
pub fn take_handover() -> Option<String> {
    let s = session()?;
    let text = s.get_item(HANDOVER).ok().flatten()?;
    let _ = s.remove_item(HANDOVER);
    Some(text)
}
