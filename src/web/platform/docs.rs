//! The command docs (`src/engine/docs.txt`: summaries, complexities, ACL
//! categories, tips, groups; `src/engine/texts.txt`: HELP replies, INFO
//! templates) fetched when first needed: they are served next to the
//! page rather than carried in its first load.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Both files, one after the other, as `table::install_docs` takes them.
/// Trunk puts them next to the page (www/index.html copies them); the
/// URLs are relative to it, so a deployment under any path prefix finds
/// them.
pub async fn fetch() -> Result<String, String> {
    let docs = fetch_text("docs.txt").await?;
    let texts = fetch_text("texts.txt").await?;
    Ok(docs + &texts)
}

/// A text file served next to the page (`url` relative to it).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let answer = JsFuture::from(window.fetch_with_str(url))
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
