//! Finding, and when missing installing, the outside tools the chores need.
//!
//! Rule: never install what is already there, and never half-succeed. When a
//! tool cannot be installed the chore stops with a message that says what to
//! run by hand. One `ensure_*` function per tool:
//!
//! | tool | how it is installed when missing |
//! | --- | --- |
//! | redis-server, redis-cli, redis-benchmark | apt: redis-server redis-tools |
//! | python `redis` | pip |
//! | wasm32-unknown-unknown | `rustup target add` |
//! | trunk 0.21.14 | `cargo install --locked` (~8 min on 2 cores) |
//! | wasm-bindgen-cli 0.2.130 | `cargo install` without `--locked` (~4 min) |
//! | node >= 20, npm | never installed: Debian 12's node is too old |
//! | playwright-core, binaryen (wasm-opt), terser | `npm ci` in tests/browser/ |
//! | chromium | apt |
//!
//! Trunk runs wasm-bindgen and wasm-opt itself and would download them when
//! the ones on PATH have the wrong version; `Trunk.toml` pins both, the
//! functions here install exactly those, [`tool_path`] puts them on PATH and
//! every trunk run gets `--offline`, so a build downloads nothing.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, fail, run, workspace_root, Result};

/// The wasm-bindgen-cli version: must equal the `wasm-bindgen` crate
/// (`=0.2.130` in Cargo.toml) and `[tools] wasm_bindgen` in Trunk.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// Trunk 0.22 needs a newer rustc than ours; 0.21.14 is known to work.
pub const TRUNK_VERSION: &str = "0.21.14";
/// What `wasm-opt --version` must say (`[tools] wasm_opt` in Trunk.toml);
/// the npm package `binaryen` 132.0.0 (tests/browser/package.json) ships it.
pub const WASM_OPT_VERSION: &str = "version_132";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Oldest node that playwright-core (and `node --test` as we use it) runs on;
/// see [`node_loads_the_js_api`] for the minor versions the JS API needs.
pub const NODE_MIN_MAJOR: u32 = 20;
/// The browser the tests drive; `REDDISH_CHROMIUM` overrides it.
pub const CHROMIUM_DEFAULT: &str = "/usr/bin/chromium";

/// The `redis` Python client the differential tests drive servers with.
/// Pinned so every machine compares replies through the same client.
pub const PYTHON_REDIS_VERSION: &str = "8.1.0";

/// Debian packages that provide the reference server and its client tools
/// (`redis-tools` ships redis-cli and redis-benchmark).
const REDIS_PACKAGES: [&str; 2] = ["redis-server", "redis-tools"];

/// Makes sure every program in `bins` runs; installs `redis-server` and
/// `redis-tools` with apt when one of them does not.
pub fn ensure_redis(bins: &[&str]) -> Result<()> {
    let missing = report_versions(bins);
    if missing.is_empty() {
        println!("all present, nothing to install");
        return Ok(());
    }
    println!(
        "missing: {}; installing {}",
        missing.join(", "),
        REDIS_PACKAGES.join(" ")
    );
    apt_install(&REDIS_PACKAGES)?;
    let still_missing = report_versions(bins);
    if still_missing.is_empty() {
        Ok(())
    } else {
        Err(fail!(
            "{} still missing after `apt-get install -y {}`; install them by hand",
            still_missing.join(", "),
            REDIS_PACKAGES.join(" ")
        ))
    }
}

/// Makes sure `python3 -c 'import redis'` works; pip-installs the pinned
/// version when it does not.
pub fn ensure_python_redis() -> Result<()> {
    match version_of("python3", &["--version"]) {
        Some(v) => println!("python3: {v}"),
        None => {
            return Err(fail!(
                "python3 not found; the differential tests need it \
                 (install python3 and pip, then rerun)"
            ))
        }
    }
    if let Some(v) = python_redis_version() {
        println!("python redis {v}: present, nothing to install");
        return Ok(());
    }
    let spec = format!("redis=={PYTHON_REDIS_VERSION}");
    println!("python redis: missing; installing {spec}");
    let pip = |extra: &[&str]| {
        let mut cmd = Command::new("python3");
        cmd.args(["-m", "pip", "install"])
            .args(extra)
            .arg(&spec)
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("PIP_NO_INPUT", "1");
        cmd
    };
    if let Err(first) = run(&mut pip(&[])) {
        // Debian's own python3 refuses pip installs outside a venv (PEP 668);
        // a throwaway CI machine is exactly the case the override is for.
        println!("pip install failed ({first}); retrying with --break-system-packages");
        run(&mut pip(&["--break-system-packages"]))
            .map_err(|e| fail!("could not install python {spec} with pip: {e}"))?;
    }
    match python_redis_version() {
        Some(v) => {
            println!("python redis {v}: installed");
            Ok(())
        }
        None => Err(fail!(
            "pip reported success but `python3 -c 'import redis'` still fails"
        )),
    }
}

fn python_redis_version() -> Option<String> {
    version_of(
        "python3",
        &[
            "-c",
            "import redis; print(getattr(redis, '__version__', 'unknown'))",
        ],
    )
}

/// Prints `name: version` for each program that runs; returns those that don't.
fn report_versions<'a>(bins: &[&'a str]) -> Vec<&'a str> {
    let mut missing = Vec::new();
    for &bin in bins {
        match version_of(bin, &["--version"]) {
            Some(v) => println!("{bin}: {v}"),
            None => {
                println!("{bin}: not found");
                missing.push(bin);
            }
        }
    }
    missing
}

/// The first line a program prints for `args`, if it runs and succeeds.
pub fn version_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    // Some tools (old pythons) print their version on stderr.
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    let text = String::from_utf8_lossy(&text);
    Some(text.lines().next().unwrap_or("").trim().to_string())
}

/// `apt-get update` then `apt-get install -y <packages>`, as root or through
/// `sudo -n` (never prompting: CI has no terminal to answer on).
fn apt_install(packages: &[&str]) -> Result<()> {
    if version_of("apt-get", &["--version"]).is_none() {
        return Err(fail!(
            "apt-get not found: install {} with your package manager",
            packages.join(" ")
        ));
    }
    run(&mut privileged(&["apt-get", "update"])?).map_err(|e| {
        fail!(
            "`apt-get update` failed ({e}); cannot install {}",
            packages.join(" ")
        )
    })?;
    let mut args = vec!["apt-get", "install", "-y"];
    args.extend_from_slice(packages);
    run(&mut privileged(&args)?).map_err(|e| {
        fail!(
            "`apt-get install` failed ({e}); install {} by hand",
            packages.join(" ")
        )
    })
}

/// A command that runs with root rights: directly when we are root, else
/// through `sudo -n`. Either way apt must not stop to ask questions.
fn privileged(argv: &[&str]) -> Result<Command> {
    if is_root() {
        let mut cmd = Command::new(argv[0]);
        cmd.args(&argv[1..])
            .env("DEBIAN_FRONTEND", "noninteractive");
        return Ok(cmd);
    }
    if version_of("sudo", &["--version"]).is_none() {
        return Err(fail!(
            "not root and sudo not found: run `{}` as root",
            argv.join(" ")
        ));
    }
    let mut cmd = Command::new("sudo");
    cmd.args(["-n", "env", "DEBIAN_FRONTEND=noninteractive"])
        .args(argv);
    Ok(cmd)
}

fn is_root() -> bool {
    version_of("id", &["-u"]).is_some_and(|uid| uid == "0")
}

// ---------------------------------------------------------------------------
// The browser side: wasm32 target, trunk, wasm-bindgen-cli, node packages,
// chromium.

/// `~/.cargo/bin` (where `cargo install` puts trunk and wasm-bindgen).
fn cargo_bin_dir() -> Option<PathBuf> {
    if let Some(home) = env::var_os("CARGO_HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(home).join("bin"));
    }
    env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo").join("bin"))
}

/// The npm project of the browser tests (package.json + package-lock.json).
pub fn npm_dir() -> PathBuf {
    workspace_root().join("tests").join("browser")
}

fn npm_bin_dir() -> PathBuf {
    npm_dir().join("node_modules").join(".bin")
}

/// PATH with the tools' folders first: `tests/browser/node_modules/.bin`
/// (wasm-opt for trunk) and `~/.cargo/bin` (trunk, wasm-bindgen), each
/// added only when not already there.
pub fn tool_path() -> OsString {
    let current = env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = env::split_paths(&current).collect();
    let mut front = vec![npm_bin_dir()];
    front.extend(cargo_bin_dir());
    front.retain(|d| !dirs.contains(d));
    front.append(&mut dirs);
    env::join_paths(front).unwrap_or(current)
}

/// Installs the wasm32 target with rustup when the toolchain lacks it.
pub fn ensure_wasm_target() -> Result<()> {
    if wasm_target_installed() {
        println!("{WASM_TARGET}: installed");
        return Ok(());
    }
    println!("{WASM_TARGET}: missing; installing it with rustup");
    if version_of("rustup", &["--version"]).is_none() {
        return Err(fail!(
            "the {WASM_TARGET} target is missing and rustup is not on PATH: \
             add the target to your toolchain by hand"
        ));
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
        .map_err(|e| fail!("`rustup target add {WASM_TARGET}` failed: {e}"))?;
    if wasm_target_installed() {
        Ok(())
    } else {
        Err(fail!(
            "rustup reported success but {WASM_TARGET} is still missing"
        ))
    }
}

/// Looks in the sysroot of the rustc cargo uses (works with or without
/// rustup, and for whichever toolchain a rust-toolchain file picks).
fn wasm_target_installed() -> bool {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(out) = Command::new(rustc)
        .arg("--print")
        .arg("sysroot")
        .current_dir(workspace_root())
        .output()
    else {
        return false;
    };
    let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
    out.status.success()
        && Path::new(&sysroot)
            .join("lib")
            .join("rustlib")
            .join(WASM_TARGET)
            .join("lib")
            .is_dir()
}

/// trunk at exactly [`TRUNK_VERSION`] (`cargo install --locked`).
pub fn ensure_trunk() -> Result<()> {
    ensure_cargo_tool(CargoTool {
        bin: "trunk",
        krate: "trunk",
        version: TRUNK_VERSION,
        locked: true,
        minutes: 8,
    })
}

/// wasm-bindgen-cli at exactly [`WASM_BINDGEN_VERSION`]. Without
/// `--locked`: its lock file names a dependency version the registry lacks.
pub fn ensure_wasm_bindgen() -> Result<()> {
    ensure_cargo_tool(CargoTool {
        bin: "wasm-bindgen",
        krate: "wasm-bindgen-cli",
        version: WASM_BINDGEN_VERSION,
        locked: false,
        minutes: 4,
    })
}

struct CargoTool {
    bin: &'static str,
    krate: &'static str,
    version: &'static str,
    locked: bool,
    /// Rough install time on 2 cores, to say in the log.
    minutes: u32,
}

fn ensure_cargo_tool(t: CargoTool) -> Result<()> {
    let found = version_of(t.bin, &["--version"]);
    // `trunk 0.21.14`, `wasm-bindgen 0.2.130`: the version is the second word.
    let found_version = found
        .as_deref()
        .and_then(|v| v.split_whitespace().nth(1))
        .map(str::to_string);
    if found_version.as_deref() == Some(t.version) {
        println!("{}: {} (ok)", t.bin, found.unwrap_or_default());
        return Ok(());
    }
    match &found {
        Some(v) => println!("{}: found `{v}`, need {}; reinstalling", t.bin, t.version),
        None => println!("{}: not found; installing {} {}", t.bin, t.krate, t.version),
    }
    println!(
        "(cargo install builds it from source: about {} minutes on 2 cores)",
        t.minutes
    );
    let mut cmd = cargo();
    // Build in cargo's own temporary folder, not in our (cached) target dir.
    cmd.env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR");
    cmd.args(["install", t.krate, "--version", t.version]);
    if t.locked {
        cmd.arg("--locked");
    }
    run(&mut cmd).map_err(|e| {
        fail!(
            "could not install {} {} ({e}); try `cargo install {} --version {}{}` by hand",
            t.krate,
            t.version,
            t.krate,
            t.version,
            if t.locked { " --locked" } else { "" }
        )
    })?;
    match version_of(t.bin, &["--version"]) {
        Some(v) if v.split_whitespace().nth(1) == Some(t.version) => {
            println!("{}: {v} (installed)", t.bin);
            Ok(())
        }
        other => Err(fail!(
            "installed {} {} but `{} --version` says {:?}; is another {} earlier on PATH?",
            t.krate,
            t.version,
            t.bin,
            other,
            t.bin
        )),
    }
}

/// Whether this node `require`s an ES module without a flag (20.19+,
/// 22.12+, 23+): the JS API package loads its small JS part, an ES module
/// wasm-bindgen ships as a snippet, that way.
fn node_loads_the_js_api(version: &str) -> bool {
    let mut parts = version.trim_start_matches('v').split('.');
    let mut next = || {
        parts
            .next()
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (major, minor) = (next(), next());
    match major {
        20 => minor >= 19,
        22 => minor >= 12,
        m => m >= 23,
    }
}

/// node (>= [`NODE_MIN_MAJOR`]) and npm; never installed by us (Debian 12's
/// nodejs is 18). Returns node's version.
pub fn check_node() -> Result<String> {
    let Some(v) = version_of("node", &["--version"]) else {
        return Err(fail!(
            "node not found: install Node.js {NODE_MIN_MAJOR} or newer (with npm)"
        ));
    };
    let major = v
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);
    if major < NODE_MIN_MAJOR || !node_loads_the_js_api(&v) {
        return Err(fail!(
            "node {v} is too old: the tests need Node.js 20.19, 22.12 or newer"
        ));
    }
    println!("node: {v}");
    match version_of("npm", &["--version"]) {
        Some(n) => println!("npm: {n}"),
        None => {
            return Err(fail!(
                "npm not found (it comes with Node.js {NODE_MIN_MAJOR}+)"
            ))
        }
    }
    Ok(v)
}

/// Written next to node_modules after a successful `npm ci`: a copy of the
/// lock file it installed. A different lock file means install again.
const NPM_STAMP: &str = ".reddish-installed-lock.json";

/// `npm ci` in tests/browser when node_modules is missing or was installed
/// from another lock file; then checks that wasm-opt is the pinned one.
pub fn ensure_npm_packages() -> Result<()> {
    npm_ci(&npm_dir(), &["playwright-core", "binaryen", "terser"])?;
    let wasm_opt = npm_bin_dir().join("wasm-opt");
    match version_of(&wasm_opt.to_string_lossy(), &["--version"]) {
        Some(v) if v.contains(WASM_OPT_VERSION) => {
            println!("wasm-opt: {v} ({})", wasm_opt.display());
            Ok(())
        }
        other => Err(fail!(
            "{} --version says {other:?}, expected {WASM_OPT_VERSION}",
            wasm_opt.display()
        )),
    }
}

/// `npm ci` in `dir` (an npm project with its lock file) unless each of
/// `wanted` is installed from that same lock file.
pub fn npm_ci(dir: &Path, wanted: &[&str]) -> Result<()> {
    let lock = fs::read(dir.join("package-lock.json")).map_err(|e| {
        fail!(
            "cannot read {}: {e}",
            dir.join("package-lock.json").display()
        )
    })?;
    let stamp = dir.join("node_modules").join(NPM_STAMP);
    let complete = wanted.iter().all(|p| {
        dir.join("node_modules")
            .join(p)
            .join("package.json")
            .is_file()
    });
    if complete && fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        println!("node packages ({}): installed", wanted.join(", "));
        return Ok(());
    }
    println!(
        "node packages: missing or stale; `npm ci` in {}",
        dir.display()
    );
    // --ignore-scripts: no package may download anything (a browser, a
    // binary) at install time; none of ours needs a script.
    run(Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(dir))
    .map_err(|e| fail!("`npm ci` in {} failed: {e}", dir.display()))?;
    fs::write(&stamp, &lock).map_err(|e| fail!("cannot write {}: {e}", stamp.display()))
}

/// The chromium the browser tests drive: `REDDISH_CHROMIUM`, else
/// /usr/bin/chromium, installed with apt when missing. Returns its path.
pub fn ensure_chromium() -> Result<PathBuf> {
    let path = chromium_path();
    if let Some(v) = chromium_version(&path) {
        println!("chromium: {v} ({})", path.display());
        return Ok(path);
    }
    if env::var_os("REDDISH_CHROMIUM").is_some() {
        return Err(fail!(
            "REDDISH_CHROMIUM={} does not run (`--version` failed)",
            path.display()
        ));
    }
    println!(
        "chromium: not found at {}; installing it with apt",
        path.display()
    );
    apt_install(&["chromium"])?;
    match chromium_version(&path) {
        Some(v) => {
            println!("chromium: {v} (installed)");
            Ok(path)
        }
        None => Err(fail!(
            "`apt-get install chromium` succeeded but {} --version still fails",
            path.display()
        )),
    }
}

pub fn chromium_path() -> PathBuf {
    env::var_os("REDDISH_CHROMIUM")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM_DEFAULT))
}

fn chromium_version(path: &Path) -> Option<String> {
    // Debian's wrapper script prints shell noise on stderr; stdout has the version.
    let out = Command::new(path).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_js_api_needs_a_node_that_requires_es_modules() {
        for (v, ok) in [
            ("v20.18.3", false),
            ("v20.19.0", true),
            ("v21.7.3", false),
            ("v22.11.0", false),
            ("v22.12.0", true),
            ("v24.1.0", true),
        ] {
            assert_eq!(node_loads_the_js_api(v), ok, "{v}");
        }
    }

    #[test]
    fn tool_path_puts_tool_dirs_first_once() {
        let p = tool_path();
        let dirs: Vec<PathBuf> = env::split_paths(&p).collect();
        assert_eq!(dirs.first(), Some(&npm_bin_dir()));
        assert_eq!(dirs.iter().filter(|d| **d == npm_bin_dir()).count(), 1);
    }

    #[test]
    fn pinned_versions_match_trunk_toml_and_cargo_toml() {
        let root = workspace_root();
        let trunk = fs::read_to_string(root.join("Trunk.toml")).unwrap();
        assert!(
            trunk.contains(&format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"")),
            "Trunk.toml must pin wasm_bindgen = \"{WASM_BINDGEN_VERSION}\""
        );
        assert!(
            trunk.contains(&format!("wasm_opt = \"{WASM_OPT_VERSION}\"")),
            "Trunk.toml must pin wasm_opt = \"{WASM_OPT_VERSION}\""
        );
        let cargo_toml = fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let pin = format!("\"={WASM_BINDGEN_VERSION}\"");
        assert!(
            cargo_toml
                .lines()
                .any(|l| l.trim_start().starts_with("wasm-bindgen ") && l.contains(&pin)),
            "Cargo.toml must pin the wasm-bindgen crate to ={WASM_BINDGEN_VERSION}"
        );
        let hello_cargo = fs::read_to_string(root.join("xtask/hello/Cargo.toml")).unwrap();
        assert!(
            hello_cargo
                .lines()
                .any(|l| l.trim_start().starts_with("wasm-bindgen ") && l.contains(&pin)),
            "xtask/hello/Cargo.toml must pin wasm-bindgen to ={WASM_BINDGEN_VERSION}"
        );
        let hello = fs::read_to_string(root.join("xtask/hello/Trunk.toml")).unwrap();
        assert!(hello.contains(&format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"")));
        assert!(hello.contains(&format!("wasm_opt = \"{WASM_OPT_VERSION}\"")));
        let binaryen = WASM_OPT_VERSION.trim_start_matches("version_");
        let pkg = fs::read_to_string(npm_dir().join("package.json")).unwrap();
        assert!(
            pkg.contains(&format!("\"binaryen\": \"{binaryen}.0.0\"")),
            "tests/browser/package.json must pin binaryen {binaryen}.0.0"
        );
    }
}
