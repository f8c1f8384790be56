//! The exercise pack page's entry point (`?pack=URL`, `?pack`): a
//! pack's exercises beside the console, results to download, the
//! teacher's re-grading. Its own entry: grading and its files did not fit
//! the tutorial page's first load.

fn main() {
    reddish::web::run_pack();
}

/// The page's allocator (see Cargo.toml): smaller and faster in wasm than
/// the default dlmalloc.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
