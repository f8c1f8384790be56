//! The embedded console's entry point (`?embed=1`, for docs pages): a
//! console and, on request, a picture; no tutorials, no saving. A docs
//! page with twenty consoles loads this small entry, not the playground.

fn main() {
    reddish::web::run_embed();
}

/// The page's allocator (see Cargo.toml): smaller and faster in wasm than
/// the default dlmalloc.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
