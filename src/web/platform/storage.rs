//! Saving in the browser: localStorage, three entries (dataset, clients and
//! their histories, broken leftovers). Anything that fails to load is kept
//! under its own name and offered for download; it is never dropped.

use wasm_bindgen::JsCast;

const DATA: &str = "reddish:v1:data";
const CLIENTS: &str = "reddish:v1:clients";
const BROKEN: &str = "reddish:v1:broken";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub struct Saved {
    pub data: Option<String>,
    pub clients: Option<String>,
}

pub fn load() -> Saved {
    let s = storage();
    let get = |k: &str| s.as_ref().and_then(|s| s.get_item(k).ok().flatten());
    Saved {
        data: get(DATA),
        clients: get(CLIENTS),
    }
}

/// Write both entries; an error (quota, private mode) comes back as text
/// for the page to show.
pub fn save(data: &str, clients: &str) -> Result<(), String> {
    let s = storage().ok_or("this browser gives the page no storage")?;
    s.set_item(DATA, data)
        .map_err(|_| "the browser refused to save the data (storage full?)".to_string())?;
    s.set_item(CLIENTS, clients)
        .map_err(|_| "the browser refused to save the clients".to_string())?;
    Ok(())
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
    if let Some(s) = storage() {
        let _ = s.remove_item(DATA);
        let _ = s.remove_item(CLIENTS);
    }
}

/// Offer `text` as a file download.
pub fn download(name: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/plain");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
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
