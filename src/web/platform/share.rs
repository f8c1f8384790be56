//! Share links in the browser: the share text (`web/share.rs`) compressed
//! with the browser's own CompressionStream (deflate-raw: no page weight
//! for a compressor), base64url, after `#state=` in the address. Reading
//! one back caps what decompression may produce, so a small link cannot
//! unpack into gigabytes; a damaged link is an error, never half a state.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
export async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export async function unpack(code, max) {
  let bytes;
  try {
    bytes = Uint8Array.from(atob(code.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  } catch { throw new Error('it is not a complete link'); }
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    let step;
    try { step = await reader.read(); } catch { throw new Error('it is damaged or cut short'); }
    if (step.done) break;
    size += step.value.length;
    if (size > max) { reader.cancel(); throw new Error(`it unpacks to more than ${max} bytes`); }
    parts.push(step.value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  try { return new TextDecoder('utf-8', { fatal: true }).decode(all); }
  catch { throw new Error('it is not text'); }
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn pack(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn unpack(code: &str, max: f64) -> Result<JsValue, JsValue>;
}

/// Longest link the Share button puts in the address bar; a bigger state
/// is offered as a file instead (chat tools and mail cut long links).
pub const MAX_LINK: usize = 32 * 1024;

fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the browser could not do it".into())
}

/// Where a tab remembers the code it put in its own address (per tab:
/// sessionStorage), so a reload after Share is not taken for someone's
/// link.
const OWN_CODE: &str = "reddish:v1:shared";

/// `#state=...` of the current address, if there is one and this tab did
/// not put it there itself (then the address is tidied instead).
pub fn code_in_address() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let code = hash.strip_prefix("#state=")?;
    let own = window
        .session_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(OWN_CODE).ok().flatten());
    if own.as_deref() == Some(code) {
        forget_address();
        return None;
    }
    Some(code.to_string())
}

/// The state text a link's code holds.
pub async fn read(code: &str) -> Result<String, String> {
    let max = crate::web::share::MAX_SHARE_TEXT as f64;
    let text = unpack(code, max).await.map_err(message)?;
    text.as_string().ok_or_else(|| "it is not text".into())
}

/// Put a link to `text` in the address bar, or, when the link would be
/// too long, download the text as a file instead: `Ok(None)` for a link,
/// `Ok(Some(length))` for the file.
pub async fn share(text: String) -> Result<Option<usize>, String> {
    let code = pack(&text)
        .await
        .map_err(message)?
        .as_string()
        .unwrap_or_default();
    let window = web_sys::window().ok_or("no window")?;
    let location = window.location();
    let link = format!(
        "{}{}{}#state={code}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if link.len() > MAX_LINK {
        super::storage::download("reddish-state.txt", &text);
        return Ok(Some(link.len()));
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&link));
    }
    if let Some(s) = window.session_storage().ok().flatten() {
        let _ = s.set_item(OWN_CODE, &code);
    }
    Ok(None)
}

/// Drop `#state=...` from the address (the learner went back to their own
/// data, or kept the shared one).
pub fn forget_address() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let plain = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&plain));
    }
}

/// The file picked in a file input's change event, if any.
pub fn chosen_file(e: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = e.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    // The same file can be picked again.
    input.set_value("");
    file
}

/// A picked file's bytes, refused above `max`.
pub async fn file_bytes(file: web_sys::File, max: f64) -> Result<Vec<u8>, String> {
    if file.size() > max {
        return Err(format!(
            "it holds {} bytes; at most {max} are opened",
            file.size()
        ));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the browser could not read it".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A picked file's text, refused above what a link may unpack to.
pub async fn file_text(file: web_sys::File) -> Result<String, String> {
    let max = crate::web::share::MAX_SHARE_TEXT as f64;
    if file.size() > max {
        return Err(format!(
            "the file holds {} bytes; at most {max} are opened",
            file.size()
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "the browser could not read the file".to_string())?;
    text.as_string()
        .ok_or_else(|| "the file is not text".into())
}
