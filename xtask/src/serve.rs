//! `cargo xtask serve [--port N] [--release]`: the browser playground with
//! `trunk serve` (127.0.0.1:8080 by default, see Trunk.toml; it rebuilds on
//! change). `cargo xtask serve --native [--port N]`: the native RESP server
//! instead (port 6379 by default), for `redis-cli -p N`.
//!
//! Tools are installed first when missing (wasm32 target, wasm-bindgen-cli,
//! trunk, and node's wasm-opt, which the `--release` build runs), and the
//! crates fetched; trunk then runs `--offline` and downloads nothing.

use crate::{cargo, fail, header, run, tools, web, workspace_root, Result};

const NATIVE_PORT: u16 = 6379;

#[derive(Debug, PartialEq)]
struct Options {
    native: bool,
    port: Option<u16>,
    release: bool,
}

pub fn serve(args: &[String]) -> Result<()> {
    let opts = parse(args)?;
    if opts.native {
        return native(opts.port.unwrap_or(NATIVE_PORT));
    }
    header(
        "1/2",
        "tools: wasm32 target, wasm-bindgen-cli, trunk, wasm-opt",
    );
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen()?;
    tools::ensure_trunk()?;
    // wasm-opt runs only in release builds; a dev serve works without node.
    let node = tools::check_node().and_then(|_| tools::ensure_npm_packages());
    if let Err(e) = node {
        if opts.release {
            return Err(e);
        }
        println!("note: {e}\n      (only `--release` builds need wasm-opt; serving a dev build)");
    }
    let port = opts
        .port
        .map_or_else(|| "8080 (Trunk.toml)".to_string(), |p| p.to_string());
    header(
        "2/2",
        &format!("trunk serve on 127.0.0.1:{port}; stop with Ctrl-C"),
    );
    web::fetch_crates(&workspace_root())?;
    let mut cmd = web::trunk(&workspace_root(), "serve");
    if let Some(p) = opts.port {
        cmd.args(["--port", &p.to_string()]);
    }
    if opts.release {
        cmd.arg("--release");
    }
    run(&mut cmd)
}

fn native(port: u16) -> Result<()> {
    println!("connect with `redis-cli -p {port}`; stop with Ctrl-C.");
    header("1/1", &format!("reddish-server --port {port}"));
    let port = port.to_string();
    run(cargo().args([
        "run",
        "--release",
        "--bin",
        "reddish-server",
        "--",
        "--port",
        &port,
    ]))
}

const USAGE: &str = "usage: cargo xtask serve [--port N] [--release] | serve --native [--port N]";

fn parse(args: &[String]) -> Result<Options> {
    let mut opts = Options {
        native: false,
        port: None,
        release: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--native" => opts.native = true,
            "--release" => opts.release = true,
            "--port" => {
                let value = it
                    .next()
                    .ok_or_else(|| fail!("--port needs a value; {USAGE}"))?;
                opts.port =
                    Some(value.parse().map_err(|_| {
                        fail!("--port needs a number from 0 to 65535, got `{value}`")
                    })?);
            }
            _ => return Err(fail!("{USAGE}")),
        }
    }
    if opts.native && opts.release {
        return Err(fail!("--release is for the web build; {USAGE}"));
    }
    Ok(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_parse() {
        let o = parse(&args(&[])).unwrap();
        assert_eq!(
            o,
            Options {
                native: false,
                port: None,
                release: false
            }
        );
        let o = parse(&args(&["--port", "7000", "--release"])).unwrap();
        assert_eq!((o.port, o.release), (Some(7000), true));
        let o = parse(&args(&["--native"])).unwrap();
        assert!(o.native && o.port.is_none());
        assert!(parse(&args(&["--port", "x"])).is_err());
        assert!(parse(&args(&["--port"])).is_err());
        assert!(parse(&args(&["--bogus"])).is_err());
        assert!(parse(&args(&["--native", "--release"])).is_err());
    }
}
