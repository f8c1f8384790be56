//! The command docs (summaries and complexities, `src/engine/docs.txt`)
//! fetched when first needed: they are served next to the page rather
//! than carried in its first load.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where Trunk puts the file (www/index.html copies it), relative to the
/// page, so a deployment under any path prefix finds it.
const URL: &str = "docs.txt";

pub async fn fetch() -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let answer = JsFuture::from(window.fetch_with_str(URL))
        .await
        .map_err(|_| "the network did not answer".to_string())?;
    let response: web_sys::Response = answer
        .dyn_into()
        .map_err(|_| "the network answered oddly".to_string())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|_| "the answer has no text".to_string())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "the answer has no text".to_string())
}
