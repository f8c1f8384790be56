//! The page's full build: every entry of the page (playground, tutorial
//! page, packs, embedded console) with the rest of the engine (bitmaps,
//! ...). www/index.html's loader starts it in a tab once a line there
//! needed one of those commands (src/web/handover.rs); it is never a
//! first load, so it has no size budget of its own.

fn main() {
    reddish::web::run_full();
}

/// The page's allocator (see Cargo.toml): smaller and faster in wasm than
/// the default dlmalloc.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
