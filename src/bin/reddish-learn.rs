//! The tutorial page's entry point (tutorials, packs, embedded
//! consoles); www/index.html loads it instead of the playground when the
//! address asks for one. It shares the playground's library but not its
//! undo, saving or share links, so its first load has room for lessons.

fn main() {
    reddish::web::run_learn();
}

/// The page's allocator (see Cargo.toml): smaller and faster in wasm than
/// the default dlmalloc.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
