//! The Markdown reader as a wasm module of its own, fetched by the
//! tutorial page when it first reads a tutorial or a pack
//! (src/web/platform/md.rs): pulldown-cmark is about 70 KB gzipped, more
//! than the first load can carry. One export: the file's text in, the
//! tutorial out as RESP bytes (`learn/wire.rs`), or the error naming its
//! line. Built by Trunk as a "worker" asset (www/index.html).

#[cfg(target_arch = "wasm32")]
mod module {
    use reddish::web::learn::{parse, wire};
    use wasm_bindgen::prelude::*;

    /// `+` then the tutorial's bytes, or `-` then `line N: what is wrong`.
    #[wasm_bindgen]
    pub fn read_tutorial(text: &str) -> Vec<u8> {
        match parse::parse(text) {
            Ok(t) => {
                let mut out = vec![b'+'];
                out.extend(wire::encode(&t));
                out
            }
            Err(e) => format!("-{e}").into_bytes(),
        }
    }
}

fn main() {}
