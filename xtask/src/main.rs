//! `cargo xtask`: the project's chores, written in Rust so they run the same
//! everywhere `cargo` does (the alias lives in `.cargo/config.toml`).
//!
//! # Format
//! ```text
//! cargo xtask test     install missing tools, then every test: cargo test, the JS API
//!                      in node, the playground in headless chromium
//! cargo xtask serve    the playground with `trunk serve` (--native: the RESP server)
//! cargo xtask dist     the playground's release build in dist/
//! cargo xtask bench    redis-server vs reddish-server with redis-benchmark, and the
//!                      page's gzipped weight vs a hello-world Yew app
//! ```
//!
//! Each subcommand installs what it needs only when it is missing, prints a
//! header per step, streams the output of what it runs, and exits non-zero on
//! the first failure. CI calls `.ci/run`, which calls `cargo xtask test`.

mod bench;
mod proc;
mod serve;
mod static_server;
mod tools;
mod web;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Everything that can stop a chore. `Failed` carries the exit code to pass on
/// (a failing `cargo test` should look like a failing `cargo test`).
#[derive(Debug)]
pub enum Error {
    Msg(String),
    Failed { what: String, code: i32 },
}

pub type Result<T> = std::result::Result<T, Error>;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Msg(msg) => f.write_str(msg),
            Error::Failed { what, code } => write!(f, "{what} failed (exit code {code})"),
        }
    }
}

/// `fail!("...", args)` builds an `Error::Msg` the way `format!` builds a string.
#[macro_export]
macro_rules! fail {
    ($($arg:tt)*) => { $crate::Error::Msg(format!($($arg)*)) };
}

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  test     install missing tools (redis-server, redis-tools, python redis,
           wasm32 target, wasm-bindgen-cli, trunk, node packages, chromium),
           then run every test: `cargo test --workspace --all-targets`, the
           JS API under node (tests/js) and the playground in headless
           chromium (tests/browser; REDDISH_SCREENSHOT=1 rewrites
           docs/screenshot.png). `test --web-only`: only the web tools, the
           JS API and the browser tests (CI always runs everything)
  serve    install missing web tools, then `trunk serve` the playground on
           127.0.0.1:8080 (--port N, --release); `serve --native [--port N]`
           runs the native RESP server instead (port 6379)
  dist     install missing web tools, then `trunk build --release` into dist/
  bench    build reddish-server (release) and compare it with redis-server
           using redis-benchmark (req/s and the ratio per command), then the
           playground's gzipped page weight next to a hello-world Yew app
           (--size-only: just that)
  help     show this text
";

fn main() -> ExitCode {
    // trunk, wasm-bindgen (~/.cargo/bin) and wasm-opt (tests/browser's
    // node_modules/.bin) must be found by us and by trunk, first on PATH.
    // Set before any thread starts.
    env::set_var("PATH", tools::tool_path());
    let mut args = env::args().skip(1);
    let cmd = args.next();
    let rest: Vec<String> = args.collect();
    let result = match cmd.as_deref() {
        Some("test") => match rest.as_slice() {
            [] => test(false),
            [flag] if flag == "--web-only" => test(true),
            _ => Err(fail!("usage: cargo xtask test [--web-only]")),
        },
        Some("serve") => serve::serve(&rest),
        Some("dist") => no_args("dist", &rest).and_then(|()| dist()),
        Some("bench") => bench::bench(&rest),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("xtask: unknown command `{other}`\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
        None => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: error: {err}");
            match err {
                // Pass a failing tool's exit code on; exit codes are 0..=255
                // on Unix, and a death by signal is reported as 1.
                Error::Failed { code, .. } => {
                    ExitCode::from(u8::try_from(code).ok().filter(|c| *c != 0).unwrap_or(1))
                }
                Error::Msg(_) => ExitCode::FAILURE,
            }
        }
    }
}

fn no_args(cmd: &str, rest: &[String]) -> Result<()> {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(fail!(
            "`cargo xtask {cmd}` takes no arguments (got `{arg}`)"
        )),
    }
}

/// `cargo xtask test`: the whole check CI runs.
///
/// Order: tools, `cargo test`, the JS API in node, then the browser tests
/// (a release trunk build served by our static server, driven by
/// playwright-core in headless chromium). Outside CI a missing node or
/// chromium skips the tests that need it, loudly; under CI (`CI` set) it
/// fails the run. `web_only` (`--web-only`) skips redis and `cargo test`,
/// for iterating on the playground.
fn test(web_only: bool) -> Result<()> {
    let started = Instant::now();
    let ci = env::var_os("CI").is_some();
    let mut skipped: Vec<String> = Vec::new();
    let mut times: Vec<(&str, Duration)> = Vec::new();
    let mut timed = |name: &'static str, since: Instant| times.push((name, since.elapsed()));

    if web_only {
        println!("--web-only: skipping redis, python redis and `cargo test`");
    } else {
        header("1/8", "tools: redis-server, redis-cli, redis-benchmark");
        tools::ensure_redis(&["redis-server", "redis-cli", "redis-benchmark"])?;
        header(
            "2/8",
            "tools: python3 `redis` package (differential test clients)",
        );
        tools::ensure_python_redis()?;
    }

    header("3/8", "tools: wasm32 target, wasm-bindgen-cli, trunk");
    let t = Instant::now();
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen()?;
    tools::ensure_trunk()?;
    timed("web tools", t);

    header(
        "4/8",
        "tools: node, npm packages (playwright-core, binaryen's wasm-opt)",
    );
    let node = optional(
        ci,
        "JS API and browser tests (node)",
        tools::check_node().and_then(|_| tools::ensure_npm_packages()),
        &mut skipped,
    )?
    .is_some();

    header("5/8", "tools: chromium");
    let chromium = if node {
        optional(
            ci,
            "browser tests (chromium)",
            tools::ensure_chromium(),
            &mut skipped,
        )?
    } else {
        println!("skipped: no node to drive it");
        None
    };

    if !web_only {
        header("6/8", "cargo test --workspace --all-targets");
        match env::var("CI") {
            Ok(ci) => println!("CI={ci}"),
            Err(_) => println!("CI is not set"),
        }
        // CI (and everything else in our environment) passes through untouched.
        let t = Instant::now();
        run(cargo().args(["test", "--workspace", "--all-targets"]))?;
        timed("cargo test", t);
    }

    header(
        "7/8",
        "JS API: wasm32 build (--features js), wasm-bindgen --target nodejs, node --test tests/js",
    );
    if node {
        let t = Instant::now();
        let pkg = web::build_js_pkg()?;
        web::node_test(
            &web::test_files("js")?,
            &[("REDDISH_JS_PKG", pkg.display().to_string())],
            Duration::from_secs(300),
        )?;
        timed("JS API tests", t);
    } else {
        println!("SKIPPED (no node)");
    }

    header(
        "8/8",
        "browser: trunk build --release, node --test tests/browser (headless chromium)",
    );
    match chromium {
        Some(path) => {
            let t = Instant::now();
            web::browser_tests(&path)?;
            timed("trunk build + browser tests", t);
        }
        None => println!("SKIPPED (no node or no chromium)"),
    }

    println!();
    for (name, took) in &times {
        println!("  {name:<28} {took:>8.1?}");
    }
    if !skipped.is_empty() {
        println!("\nxtask test: SKIPPED, because a tool is missing (CI would fail):");
        for s in &skipped {
            println!("  - {s}");
        }
    }
    let what = if web_only { "web tests" } else { "all" };
    println!("\nxtask test: {what} passed in {:.1?}", started.elapsed());
    Ok(())
}

/// A step some tests need: its failure fails the run under CI, and only
/// skips those tests (with a loud note) elsewhere.
fn optional<T>(
    ci: bool,
    what: &str,
    result: Result<T>,
    skipped: &mut Vec<String>,
) -> Result<Option<T>> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if ci => Err(fail!(
            "{e}\n(CI is set: the {what} must run, not be skipped)"
        )),
        Err(e) => {
            println!("WARNING: skipping the {what}: {e}");
            skipped.push(format!("{what}: {e}"));
            Ok(None)
        }
    }
}

/// `cargo xtask dist`: the playground's release build in `<root>/dist`.
fn dist() -> Result<()> {
    header(
        "1/2",
        "tools: wasm32 target, wasm-bindgen-cli, trunk, node's wasm-opt",
    );
    web::ensure_build_tools()?;
    header("2/2", "trunk build --release");
    let dist = workspace_root().join("dist");
    web::trunk_build_release(&workspace_root(), &dist)?;
    web::print_sizes_and_check(&dist.display().to_string(), &dist)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Shared helpers.

/// A step header, easy to find in a long CI log.
pub fn header(step: &str, title: &str) {
    println!("\n==> [{step}] {title}");
}

/// The workspace root: xtask lives in `<root>/xtask`.
///
/// `cargo run` sets `CARGO_MANIFEST_DIR` for the program it runs, and that
/// is read first: the path compiled in is where xtask was *built*, and
/// with a target dir shared between checkouts (CI's cache) cargo may reuse
/// a binary built from another clone, which would then test that clone.
pub fn workspace_root() -> PathBuf {
    let xtask_dir = env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    xtask_dir
        .parent()
        .map_or_else(|| xtask_dir.clone(), Path::to_path_buf)
}

/// Where cargo puts its output: `CARGO_TARGET_DIR` (or `CARGO_BUILD_TARGET_DIR`)
/// when set, made absolute against our working directory the way cargo would
/// read it, else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    for var in ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"] {
        if let Some(dir) = env::var_os(var).filter(|d| !d.is_empty()) {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                return dir;
            }
            return env::current_dir().map(|cwd| cwd.join(&dir)).unwrap_or(dir);
        }
    }
    workspace_root().join("target")
}

/// A `cargo` command run from the workspace root, with the same cargo that
/// runs us and the target dir pinned to `target_dir()` (so a relative
/// `CARGO_TARGET_DIR` cannot mean something else from the root).
pub fn cargo() -> Command {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace_root());
    if env::var_os("CARGO_TARGET_DIR").is_some_and(|d| !d.is_empty()) {
        cmd.env("CARGO_TARGET_DIR", target_dir());
    }
    cmd
}

/// Shows a command the way a shell user would type it.
pub fn show(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '"') {
            format!("{a:?}")
        } else {
            a.into_owned()
        }
    }));
    parts.join(" ")
}

/// Runs a command with inherited stdio (output streams as it comes) and
/// turns a non-zero exit into `Error::Failed`.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = show(cmd);
    println!("$ {shown}");
    let status = cmd
        .status()
        .map_err(|e| fail!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Failed {
            what: format!("`{shown}`"),
            code: status.code().unwrap_or(1),
        })
    }
}
