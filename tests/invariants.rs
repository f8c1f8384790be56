//! The invariants of ARCHITECTURE.md that a grep can check.
//!
//! `engine`, `resp` and `cli` must run unchanged in a browser tab and in a
//! test with a manual clock, so they may not name web APIs, async runtimes,
//! the OS clock, threads or OS randomness. (`std::time::Instant::now()`
//! panics on wasm32-unknown-unknown, which is how this rule was learnt.)

use std::path::{Path, PathBuf};

const PURE_DIRS: &[&str] = &["src/engine", "src/resp", "src/cli", "src/reply.rs"];

const FORBIDDEN: &[&str] = &[
    "yew",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "gloo",
    "tokio",
    "Instant",
    "SystemTime",
    "std::thread",
    "std::net",
    "std::fs",
    "std::process",
    "getrandom",
    "thread_rng",
    "RandomState",
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let Ok(rd) = std::fs::read_dir(path) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Whole-word occurrence, so that `Instant` does not match `Instantly`.
fn names(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text.get(..i).and_then(|s| s.chars().last());
        let after = text.get(i + word.len()..).and_then(|s| s.chars().next());
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

#[test]
fn pure_modules_name_no_platform_api() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in PURE_DIRS {
        rust_files(&root.join(d), &mut files);
    }
    assert!(
        files.len() > 10,
        "expected the engine's sources, found {files:?}"
    );
    let mut offences = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            // Doc and line comments may explain the rule itself.
            let code = line.split("//").next().unwrap_or("");
            for w in FORBIDDEN {
                if names(code, w) {
                    offences.push(format!("{}:{}: names `{w}`", f.display(), n + 1));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "platform APIs in pure modules:\n{}",
        offences.join("\n")
    );
}

/// A `HashMap`'s iteration order changes from run to run (its hasher is
/// seeded per process). Anything a client can see in order (KEYS, SCAN,
/// RANDOMKEY) must come from ordered storage (`IndexMap` keeps insertion
/// order), so that replaying the same commands gives the same replies.
#[test]
fn engine_uses_no_os_seeded_hashmaps() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/engine"), &mut files);
    let mut offences = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            // table.rs's name index is looked up, never walked.
            let typed = (code.contains("HashMap<") || code.contains("HashSet<"))
                && !f.ends_with("table.rs");
            if typed || code.contains("HashMap::new()") || code.contains("HashSet::new()") {
                offences.push(format!("{}:{}", f.display(), n + 1));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "unordered hash maps in the engine:\n{}",
        offences.join("\n")
    );
}

/// The playground reads the engine through the inspection API (`inspect`,
/// `views`) and the event stream, never through its sessions or databases
/// directly: those are the engine's to change.
#[test]
fn the_playground_reads_no_engine_internals() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/web"), &mut files);
    assert!(
        files.len() > 10,
        "src/web should hold the playground's files"
    );
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for internal in [
            "engine.session(",
            "engine.sessions(",
            "engine.db(",
            ".raw_get(",
        ] {
            if text.contains(internal) {
                bad.push(format!("{} uses {internal}", f.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
