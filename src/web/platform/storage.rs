//! Saving in the browser: localStorage, three entries (dataset, clients and
//! their histories, broken leftovers), and IndexedDB for a dataset too big
//! for localStorage (over 1 MiB of text, or refused by its quota); a fourth
//! entry says the dataset is there. Anything that fails to load is kept
//! under its own name and offered for download; it is never dropped.

use std::cell::Cell;

use wasm_bindgen::JsCast;

use super::idb;

const DATA: &str = "reddish:v1:data";
const CLIENTS: &str = "reddish:v1:clients";
const BROKEN: &str = "reddish:v1:broken";
/// `idb` when the dataset is in IndexedDB (under [`IDB_DATA`]).
const WHERE: &str = "reddish:v1:where";
const IDB_DATA: &str = "data";
const IDB_BROKEN: &str = "broken";
/// Bigger datasets go to IndexedDB: localStorage holds a few MB per site
/// and writes synchronously, stalling the page while it does.
const LOCAL_MAX: usize = 1 << 20;

thread_local! {
    /// Which save is the latest: an IndexedDB write that finishes after a
    /// later save began must not move the markers.
    static SAVES: Cell<u64> = const { Cell::new(0) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// One localStorage entry (the tutorial page's progress).
pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Write one entry; false when the browser refused it.
pub fn set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Put `text` on the clipboard, when the browser lets the page.
pub fn copy_text(text: &str) {
    let copy = js_sys::Function::new_with_args(
        "t",
        "navigator.clipboard && navigator.clipboard.writeText(t).catch(() => {})",
    );
    let _ = copy.call1(
        &wasm_bindgen::JsValue::NULL,
        &wasm_bindgen::JsValue::from_str(text),
    );
}

/// Remove every entry whose name starts with `prefix`.
pub fn remove_prefixed(prefix: &str) {
    let Some(s) = storage() else {
        return;
    };
    let names: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in names {
        let _ = s.remove_item(&k);
    }
}

pub struct Saved {
    pub data: Option<String>,
    pub clients: Option<String>,
    /// The dataset is in IndexedDB: ask [`load_big`] for it.
    pub big: bool,
}

pub fn load() -> Saved {
    let s = storage();
    let get = |k: &str| s.as_ref().and_then(|s| s.get_item(k).ok().flatten());
    Saved {
        data: get(DATA),
        clients: get(CLIENTS),
        big: get(WHERE).as_deref() == Some("idb"),
    }
}

/// The dataset kept in IndexedDB.
pub fn load_big(done: impl FnOnce(Result<Option<String>, String>) + 'static) {
    idb::get(IDB_DATA, done);
}

/// Save the clients at once and the dataset where it fits: localStorage,
/// or IndexedDB when it is big or localStorage refuses it. `done` gets the
/// outcome (later, for IndexedDB); an error is text for the page to show.
/// Until IndexedDB has the new copy, the previous one stays where it was.
pub fn save(data: String, clients: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(s) = storage() else {
        return done(Err("this browser gives the page no storage".into()));
    };
    let n = SAVES.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    if s.set_item(CLIENTS, clients).is_err() {
        return done(Err("the browser refused to save the clients".into()));
    }
    let was_big = s.get_item(WHERE).ok().flatten().is_some();
    if data.len() <= LOCAL_MAX && s.set_item(DATA, &data).is_ok() {
        if was_big {
            let _ = s.remove_item(WHERE);
            idb::delete(IDB_DATA);
        }
        return done(Ok(()));
    }
    idb::put(IDB_DATA, data, move |written| {
        // A later save (or a Reset) decides where the data is, and what
        // the page says about saving.
        if SAVES.with(Cell::get) != n {
            return;
        }
        if written.is_ok() {
            if let Some(s) = storage() {
                let _ = s.set_item(WHERE, "idb");
                let _ = s.remove_item(DATA);
            }
        }
        done(
            written.map_err(|e| {
                format!("the data is too big for localStorage and IndexedDB failed: {e}")
            }),
        )
    });
}

/// Keep a big dataset that could not be loaded under a name of its own in
/// IndexedDB, where the next save cannot overwrite it.
pub fn keep_broken_big(text: String) {
    idb::put(IDB_BROKEN, text, |_| {});
}

/// Move a text that failed to load aside, so that the next save cannot
/// overwrite it.
pub fn keep_broken(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(BROKEN, text);
    }
}

pub fn broken() -> Option<String> {
    storage()?.get_item(BROKEN).ok().flatten()
}

pub fn forget_broken() {
    if let Some(s) = storage() {
        let _ = s.remove_item(BROKEN);
    }
}

pub fn clear_all() {
    // A save still on its way must not bring the old data back.
    SAVES.with(|c| c.set(c.get() + 1));
    if let Some(s) = storage() {
        let _ = s.remove_item(DATA);
        let _ = s.remove_item(CLIENTS);
        if s.get_item(WHERE).ok().flatten().is_some() {
            let _ = s.remove_item(WHERE);
            idb::delete(IDB_DATA);
        }
    }
}

/// Offer `text` as a file download.
pub fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    offer(name, &parts, "text/plain");
}

/// Offer `bytes` as a file download (the full build's dump.rdb).
pub fn download_bytes(name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    offer(name, &parts, "application/octet-stream");
}

/// A Blob of `parts` (JS's Blob takes strings and bytes alike), clicked
/// as a link with a file name.
fn offer(name: &str, parts: &js_sys::Array, mime: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// If Rust panics anyway, say so on the page (the data saved after the
/// last command is intact) and offer a reload, instead of a dead tab.
pub fn install_panic_page() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.clone().into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(div) = doc.create_element("div") else {
            return;
        };
        div.set_class_name("crash");
        div.set_attribute("role", "alert").ok();
        div.set_text_content(Some(&format!(
            "Reddish stopped because of a bug: {msg}. Your data was saved after the last command. "
        )));
        if let Ok(btn) = doc.create_element("button") {
            btn.set_text_content(Some("Reload"));
            btn.set_attribute("onclick", "location.reload()").ok();
            div.append_child(&btn).ok();
        }
        if let Some(body) = doc.body() {
            body.append_child(&div).ok();
        }
    }));
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
