//! The browser side of the chores: trunk builds, the JS API package, the
//! node test runs (JS API and browser), and gzipped size reports.
//!
//! Trunk always runs with `--offline --skip-version-check`: it must find the
//! pinned wasm-bindgen and wasm-opt on PATH (tools.rs installs them and
//! main() puts their folders first on PATH) and never fetch anything.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::proc::run_with_timeout;
use crate::static_server::StaticServer;
use crate::{cargo, fail, header, run, show, target_dir, tools, workspace_root, Result};

/// Where xtask keeps what it builds for the web: `<target>/xtask/...`.
pub fn out_dir(name: &str) -> PathBuf {
    target_dir().join("xtask").join(name)
}

/// `trunk <sub>` run in `project` (the folder with Trunk.toml), never
/// downloading, with cargo's target dir pinned to ours.
pub fn trunk(project: &Path, sub: &str) -> Command {
    let mut cmd = Command::new("trunk");
    cmd.current_dir(project)
        .arg(sub)
        .args(["--offline", "--skip-version-check"]);
    // trunk reads NO_COLOR as a boolean flag and stops at `NO_COLOR=1`
    // ("invalid value '1'"); honour the convention its own way.
    if env::var_os("NO_COLOR").is_some() {
        cmd.env_remove("NO_COLOR").env("TRUNK_COLOR", "never");
    }
    // Always pinned: the hello app (its own workspace) would otherwise
    // build into xtask/hello/target.
    cmd.env("CARGO_TARGET_DIR", target_dir());
    cmd
}

/// Download every crate `project`'s lock file names, for every target.
/// Trunk's cargo runs `--offline`, and a host build or test never fetches
/// the crates only wasm32 uses, so a fresh machine has none of them until
/// this runs (it does nothing once they are in cargo's cache).
pub fn fetch_crates(project: &Path) -> Result<()> {
    let mut cmd = cargo();
    cmd.arg("fetch")
        .arg("--manifest-path")
        .arg(project.join("Cargo.toml"));
    run(&mut cmd)
}

/// `trunk build --release` of `project` into `dist`; returns how long it took.
pub fn trunk_build_release(project: &Path, dist: &Path) -> Result<Duration> {
    fetch_crates(project)?;
    let started = Instant::now();
    let mut cmd = trunk(project, "build");
    cmd.arg("--release").arg("--dist").arg(dist);
    run(&mut cmd)?;
    let took = started.elapsed();
    println!("trunk build --release: {took:.1?}");
    Ok(took)
}

/// Everything the web builds need: the wasm32 target, wasm-bindgen-cli,
/// trunk, and (for wasm-opt) node with the npm packages.
pub fn ensure_build_tools() -> Result<()> {
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen()?;
    tools::ensure_trunk()?;
    tools::check_node()?;
    tools::ensure_npm_packages()
}

/// Builds the JS API (`--features js`) for wasm32 and runs wasm-bindgen
/// `--target nodejs` on it; returns the package folder (`reddish.js`).
pub fn build_js_pkg() -> Result<PathBuf> {
    run(cargo().args([
        "build",
        "--lib",
        "--release",
        "--target",
        tools::WASM_TARGET,
        "--no-default-features",
        "--features",
        "js",
    ]))?;
    let wasm = target_dir()
        .join(tools::WASM_TARGET)
        .join("release")
        .join("reddish.wasm");
    if !wasm.is_file() {
        return Err(fail!("cargo built no {}", wasm.display()));
    }
    let pkg = out_dir("js-pkg");
    let _ = fs::remove_dir_all(&pkg);
    run(Command::new("wasm-bindgen")
        .args(["--target", "nodejs", "--out-dir"])
        .arg(&pkg)
        .arg(&wasm))?;
    Ok(pkg)
}

/// `tests/<dir>/*.test.mjs`, sorted.
pub fn test_files(dir: &str) -> Result<Vec<PathBuf>> {
    let folder = workspace_root().join("tests").join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .map_err(|e| fail!("cannot list {}: {e}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(fail!("no *.test.mjs files in {}", folder.display()));
    }
    Ok(files)
}

/// `node --test` over `files`, one file at a time, with `envs` set, killed
/// after `limit`.
pub fn node_test(files: &[PathBuf], envs: &[(&str, String)], limit: Duration) -> Result<()> {
    let mut cmd = Command::new("node");
    cmd.current_dir(workspace_root())
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(files);
    for (k, v) in envs {
        println!("{k}={v}");
        cmd.env(k, v);
    }
    run_with_timeout(cmd, limit)
}

/// `cargo xtask bench`'s page timings: the release build served by our
/// static server, then in headless chromium `tests/browser/bench/frames.mjs`
/// (Enter to picture updated at 100,000 elements, per command) and
/// `tests/browser/bench/startup.mjs` (navigation to a focused console, and
/// 100,000 SETs in one paste). They print; they never judge the numbers,
/// only fail when the page does not do what it should.
pub fn frames_report(step: &str) -> Result<()> {
    crate::header(
        step,
        "page: Enter to picture at 100,000 elements, load to focused console, 100,000 SETs pasted",
    );
    ensure_build_tools()?;
    let chromium = tools::ensure_chromium()?;
    let dist = out_dir("bench-frames-dist");
    trunk_build_release(&workspace_root(), &dist)?;
    let server = StaticServer::start(&dist)?;
    // Both scripts against the one build and server, with the same
    // environment; the second runs even when the first failed, so one
    // broken figure does not hide the others.
    let bench = |script: &str, limit: Duration| {
        let mut cmd = Command::new("node");
        cmd.current_dir(workspace_root())
            .arg(
                workspace_root()
                    .join("tests")
                    .join("browser")
                    .join("bench")
                    .join(script),
            )
            .env("REDDISH_URL", server.url())
            .env("REDDISH_CHROMIUM", chromium.display().to_string());
        run_with_timeout(cmd, limit)
    };
    let frames = bench("frames.mjs", Duration::from_secs(600));
    let startup = bench("startup.mjs", Duration::from_secs(300));
    drop(server);
    frames.and(startup)
}

/// What `cargo xtask test` does for the browser: a release build served by
/// our static server, driven by playwright-core in headless chromium.
pub fn browser_tests(chromium: &Path) -> Result<()> {
    let dist = out_dir("web-dist");
    let took = trunk_build_release(&workspace_root(), &dist)?;
    print_sizes_and_check("reddish (test build)", &dist)?;
    let server = StaticServer::start(&dist)?;
    println!("serving {} at {}", dist.display(), server.url());
    // The same build under a path prefix (`/reddish/`), as a static host
    // might serve it.
    let prefixed = out_dir("web-prefixed");
    let _ = fs::remove_dir_all(&prefixed);
    copy_dir(&dist, &prefixed.join("reddish"))?;
    let prefixed_server = StaticServer::start(&prefixed)?;
    let artifacts = out_dir("browser-artifacts");
    let _ = fs::remove_dir_all(&artifacts);
    fs::create_dir_all(&artifacts)
        .map_err(|e| fail!("cannot create {}: {e}", artifacts.display()))?;
    let mut envs = vec![
        ("REDDISH_URL", server.url()),
        ("REDDISH_CHROMIUM", chromium.display().to_string()),
        ("REDDISH_ARTIFACTS", artifacts.display().to_string()),
        (
            "REDDISH_PREFIXED_URL",
            format!("{}reddish/", prefixed_server.url()),
        ),
    ];
    if let Ok(v) = env::var("REDDISH_SCREENSHOT") {
        envs.push(("REDDISH_SCREENSHOT", v));
    }
    let started = Instant::now();
    let result = node_test(&test_files("browser")?, &envs, Duration::from_secs(600));
    println!(
        "browser tests: {:.1?} (trunk build before them: {took:.1?}); failure screenshots go to {}",
        started.elapsed(),
        artifacts.display()
    );
    drop(server);
    drop(prefixed_server);
    result
}

/// Copy the folder `from` to `to`, recursively.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(|e| fail!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| fail!("cannot list {}: {e}", from.display()))?;
    for entry in entries.filter_map(|e| e.ok()) {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            fs::copy(&src, &dst).map_err(|e| fail!("cannot copy {}: {e}", src.display()))?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Sizes.

/// One file the page loads: name, bytes, bytes after `gzip -9`.
#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
}

/// Files of the page's dist fetched only when needed (the Lua VM on the
/// first script, the Markdown reader on the first tutorial): part of no
/// first load.
pub const ON_DEMAND: [&str; 4] = ["reddish-lua", "reddish-md", "reddish-full", "full.css"];

/// The page's entries (www/index.html's loader picks one from the
/// address): file prefix, what it is, and the stylesheets of its own that
/// the loader adds.
pub const ENTRIES: [(&str, &str, &[&str]); 4] = [
    ("reddish-web", "the playground", &[]),
    ("reddish-learn", "the tutorial page", &["learn.css"]),
    (
        "reddish-pack",
        "the exercise pack page",
        &["learn.css", "pack.css"],
    ),
    ("reddish-embed", "the embedded console", &["embed.css"]),
];

fn on_demand(name: &str) -> bool {
    ON_DEMAND.iter().any(|p| name.starts_with(p))
}

/// The wasm, JS and CSS files of a single-entry trunk dist (the hello
/// app) that its index.html loads, wasm first, with their gzipped sizes.
pub fn assets(dist: &Path) -> Result<Vec<Asset>> {
    let out: Vec<Asset> = all_assets(dist)?
        .into_iter()
        .filter(|a| !on_demand(&a.name))
        .collect();
    if !out.iter().any(|a| a.name.ends_with(".wasm")) {
        return Err(fail!("no .wasm file in {}", dist.display()));
    }
    Ok(out)
}

/// What a first load of `entry` (see [`ENTRIES`]) fetches: its glue and
/// wasm, the snippets its glue imports, the shared stylesheet and its own.
pub fn entry_assets(dist: &Path, entry: &str) -> Result<Vec<Asset>> {
    let own_css: &[&str] = ENTRIES
        .iter()
        .find(|(e, _, _)| *e == entry)
        .map_or(&[], |(_, _, css)| *css);
    let glue_path = dist.join(format!("{entry}.js"));
    let glue = fs::read_to_string(&glue_path)
        .map_err(|e| fail!("cannot read {}: {e}", glue_path.display()))?;
    let out: Vec<Asset> = all_assets(dist)?
        .into_iter()
        .filter(|a| {
            let n = a.name.as_str();
            n == format!("{entry}.js")
                || n == format!("{entry}_bg.wasm")
                || (n.starts_with("snippets/") && glue.contains(n))
                || (n.starts_with("style") && n.ends_with(".css"))
                || own_css.contains(&n)
        })
        .collect();
    if !out.iter().any(|a| a.name.ends_with(".wasm")) {
        return Err(fail!("no {entry}_bg.wasm in {}", dist.display()));
    }
    Ok(out)
}

/// The files fetched on demand (see ON_DEMAND).
pub fn on_demand_assets(dist: &Path) -> Result<Vec<Asset>> {
    Ok(all_assets(dist)?
        .into_iter()
        .filter(|a| on_demand(&a.name))
        .collect())
}

fn all_assets(dist: &Path) -> Result<Vec<Asset>> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    list_files(dist, &mut files)?;
    for path in files {
        // Relative to dist: `snippets/<crate>/inline0.js` is a JS module
        // the glue imports at start, so it counts like the glue.
        let Some(name) = path
            .strip_prefix(dist)
            .ok()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if kind_rank(&name).is_none() {
            continue;
        }
        let raw = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        out.push(Asset {
            name,
            raw,
            gzip: gzip_size(&path)?,
        });
    }
    out.sort_by(|a, b| (kind_rank(&a.name), &a.name).cmp(&(kind_rank(&b.name), &b.name)));
    Ok(out)
}

/// Every file under `dir`, recursively.
fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| fail!("cannot list {}: {e}", dir.display()))?;
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.is_dir() {
            list_files(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

fn kind_rank(name: &str) -> Option<u8> {
    [".wasm", ".js", ".css"]
        .iter()
        .position(|ext| name.ends_with(ext))
        .map(|p| p as u8)
}

/// Bytes of `gzip -9 -c file` (what a server with gzip at level 9 sends).
pub fn gzip_size(path: &Path) -> Result<u64> {
    let mut cmd = Command::new("gzip");
    cmd.args(["-9", "-n", "-c"]).arg(path);
    let out = cmd
        .output()
        .map_err(|e| fail!("could not run `{}`: {e}", show(&cmd)))?;
    if !out.status.success() {
        return Err(fail!("`{}` failed ({})", show(&cmd), out.status));
    }
    Ok(out.stdout.len() as u64)
}

pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

pub fn total_gzip(assets: &[Asset]) -> u64 {
    assets.iter().map(|a| a.gzip).sum()
}

/// A table of one build's assets with a total line.
pub fn size_table(title: &str, assets: &[Asset]) -> String {
    let mut out = format!("{title}\n");
    out += &format!("  {:<44} {:>10} {:>10}\n", "file", "raw", "gzip -9");
    for a in assets {
        out += &format!("  {:<44} {:>10} {:>10}\n", a.name, kb(a.raw), kb(a.gzip));
    }
    let raw: u64 = assets.iter().map(|a| a.raw).sum();
    out += &format!(
        "  {:<44} {:>10} {:>10}\n",
        "total",
        kb(raw),
        kb(total_gzip(assets))
    );
    out
}

/// Each entry's first load, and what is fetched later; fails when an
/// entry is over the budget.
pub fn print_sizes_and_check(title: &str, dist: &Path) -> Result<()> {
    let mut over = Ok(());
    for (entry, what, _) in ENTRIES {
        let list = entry_assets(dist, entry)?;
        print!(
            "\n{}",
            size_table(&format!("{title}: {what}, first load"), &list)
        );
        if over.is_ok() {
            over = check_budget(what, &list);
        }
    }
    print!(
        "\n{}",
        size_table(
            &format!("{title}: fetched on demand"),
            &on_demand_assets(dist)?
        )
    );
    over
}

/// `cargo xtask bench`'s size report: our release dist next to a
/// hello-world Yew app built the same way (trunk build --release, wasm-opt z).
pub fn size_report(step: &str) -> Result<()> {
    header(
        step,
        "page weight: reddish vs a hello-world Yew app (trunk build --release)",
    );
    ensure_build_tools()?;
    let ours_dist = out_dir("size-reddish");
    let hello_dist = out_dir("size-hello");
    let ours_took = trunk_build_release(&workspace_root(), &ours_dist)?;
    let hello_took =
        trunk_build_release(&workspace_root().join("xtask").join("hello"), &hello_dist)?;
    let hello = assets(&hello_dist)?;
    let mut firsts = Vec::new();
    for (entry, what, _) in ENTRIES {
        let list = entry_assets(&ours_dist, entry)?;
        print!(
            "\n{}",
            size_table(&format!("reddish, {what} ({entry}), first load"), &list)
        );
        firsts.push((what, list));
    }
    print!(
        "\n{}",
        size_table(
            "reddish, fetched on demand (the Lua VM on the first script, the Markdown reader on the first tutorial)",
            &on_demand_assets(&ours_dist)?
        )
    );
    print!(
        "\n{}",
        size_table("hello-world Yew 0.23 counter (xtask/hello)", &hello)
    );
    for (what, list) in &firsts {
        println!("\n{what}: {}", ratio_line(list, &hello));
    }
    println!("trunk build --release took {ours_took:.1?} (reddish) and {hello_took:.1?} (hello)");
    Ok(())
}

/// Budget for what each entry of the page loads first, gzipped (see the
/// design notes).
pub const BUDGET_GZIP: u64 = 350_000;

/// Fail the test run when the first load is over [`BUDGET_GZIP`]: what
/// most visits do not need must load on demand instead.
pub fn check_budget(what: &str, first_load: &[Asset]) -> Result<()> {
    let total = total_gzip(first_load);
    if total > BUDGET_GZIP {
        return Err(fail!(
            "the first load of {what} is {} gzipped, over the {} budget by {}: move what most visits do not need into a module loaded on demand",
            kb(total),
            kb(BUDGET_GZIP),
            kb(total - BUDGET_GZIP)
        ));
    }
    println!(
        "first load of {what}: {} gzipped, within the {} budget",
        kb(total),
        kb(BUDGET_GZIP)
    );
    Ok(())
}

fn ratio_line(ours: &[Asset], hello: &[Asset]) -> String {
    let (a, b) = (total_gzip(ours), total_gzip(hello));
    let ratio = if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let budget = if a <= BUDGET_GZIP {
        format!("within the {} budget", kb(BUDGET_GZIP))
    } else {
        format!(
            "OVER the {} budget by {}",
            kb(BUDGET_GZIP),
            kb(a - BUDGET_GZIP)
        )
    };
    format!(
        "gzipped total: reddish {} vs hello {} = {ratio:.2}x ({budget})",
        kb(a),
        kb(b)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_counts_its_own_files_and_what_it_imports() {
        let dir = env::temp_dir().join(format!("xtask-assets-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("snippets").join("app-1")).unwrap();
        let write = |name: &str, text: &str| fs::write(dir.join(name), text).unwrap();
        write("index.html", "<html>");
        // The playground's glue imports a snippet; the tutorial page's
        // does not.
        write(
            "reddish-web.js",
            &format!("import 'snippets/app-1/inline0.js';{}", "x".repeat(10_000)),
        );
        write("reddish-web_bg.wasm", "w");
        write("reddish-learn.js", "l");
        write("reddish-learn_bg.wasm", "w");
        write("reddish-md.js", "m");
        write("reddish-md_bg.wasm", "m");
        write("style-1.css", "a{}");
        write("learn.css", "b{}");
        write("snippets/app-1/inline0.js", "y");
        let names = |list: Vec<Asset>| list.into_iter().map(|a| a.name).collect::<Vec<_>>();
        let web = entry_assets(&dir, "reddish-web").unwrap();
        assert_eq!(web[1].raw, 10_035);
        assert!(web[1].gzip > 20 && web[1].gzip < 200, "{:?}", web[1]);
        assert_eq!(
            names(web),
            [
                "reddish-web_bg.wasm",
                "reddish-web.js",
                "snippets/app-1/inline0.js",
                "style-1.css"
            ]
        );
        assert_eq!(
            names(entry_assets(&dir, "reddish-learn").unwrap()),
            [
                "reddish-learn_bg.wasm",
                "reddish-learn.js",
                "learn.css",
                "style-1.css"
            ]
        );
        assert_eq!(
            names(on_demand_assets(&dir).unwrap()),
            ["reddish-md_bg.wasm", "reddish-md.js"]
        );
        let list = assets(&dir).unwrap();
        let table = size_table("t", &list);
        assert!(table.lines().last().unwrap().contains("total"), "{table}");
        let line = ratio_line(&list, &list);
        assert!(
            line.contains("= 1.00x") && line.contains("within"),
            "{line}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_budget_fails_a_first_load_over_it() {
        let at = |gzip| Asset {
            name: "x.wasm".into(),
            raw: gzip * 3,
            gzip,
        };
        assert!(check_budget("p", &[at(BUDGET_GZIP)]).is_ok());
        let err = check_budget("p", &[at(BUDGET_GZIP - 10), at(11)]).unwrap_err();
        assert!(format!("{err:?}").contains("over the"), "{err:?}");
    }
}
