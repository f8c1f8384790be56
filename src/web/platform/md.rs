//! The Markdown module (src/bin/reddish-md.rs): fetched the first time the
//! tutorial page reads a file, then kept. It answers a tutorial as RESP
//! bytes (`learn/wire.rs`) or the error naming its line.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::web::learn::format::Tutorial;
use crate::web::learn::wire;

/// The module, imported once (the promise is kept on the global object,
/// so reading fourteen files fetches it once).
async fn module() -> Result<JsValue, String> {
    let import = Function::new_no_args(
        "return globalThis.__reddishMd || (globalThis.__reddishMd = \
         import(new URL('reddish-md.js', document.baseURI).href)\
         .then(m => m.default().then(() => m)))",
    );
    let promise: Promise = import
        .call0(&JsValue::NULL)
        .map_err(|_| "the Markdown reader could not start loading".to_string())?
        .into();
    JsFuture::from(promise).await.map_err(|e| {
        Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .map_or_else(
                || "the Markdown reader could not be fetched".to_string(),
                |m| format!("the Markdown reader could not be fetched ({m})"),
            )
    })
}

/// Read a tutorial (or pack) file.
pub async fn read(text: &str) -> Result<Tutorial, String> {
    let m = module().await?;
    let reader: Function = Reflect::get(&m, &"read_tutorial".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("the Markdown reader has no read_tutorial")?;
    let out = reader
        .call1(&JsValue::NULL, &JsValue::from_str(text))
        .map_err(|_| "the Markdown reader failed on this file".to_string())?;
    let bytes = Uint8Array::new(&out).to_vec();
    match bytes.split_first() {
        Some((b'+', rest)) => wire::decode(rest),
        Some((b'-', rest)) => Err(String::from_utf8_lossy(rest).into_owned()),
        _ => Err("the Markdown reader answered oddly".into()),
    }
}
