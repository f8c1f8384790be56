//! The playground's entry point; Trunk builds this for the browser.

fn main() {
    reddish::web::run();
}

/// The page's allocator (see Cargo.toml): smaller and faster in wasm than
/// the default dlmalloc.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
