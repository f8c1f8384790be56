//! `cargo xtask serve [--port N]`
//!
//! Meant to serve the browser playground. That does not exist yet, so for now
//! it runs the native RESP server, which `redis-cli -p N` can talk to. When
//! the web entry lands, this is where the web path goes: make sure the wasm32
//! target, trunk and a matching wasm-bindgen-cli are installed (one
//! `tools::ensure_*` each), then `trunk serve`.

use crate::{cargo, fail, header, run, Result};

const DEFAULT_PORT: u16 = 6379;

pub fn serve(args: &[String]) -> Result<()> {
    let port = parse_port(args)?;
    println!("note: the web playground is not built yet; running the native RESP server instead.");
    println!("      connect with `redis-cli -p {port}`; stop with Ctrl-C.");
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

fn parse_port(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(DEFAULT_PORT),
        [flag, value] if flag == "--port" => value
            .parse()
            .map_err(|_| fail!("--port needs a number from 0 to 65535, got `{value}`")),
        _ => Err(fail!("usage: cargo xtask serve [--port N]")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn port_defaults_and_parses() {
        assert_eq!(parse_port(&args(&[])).unwrap(), 6379);
        assert_eq!(parse_port(&args(&["--port", "7000"])).unwrap(), 7000);
        assert!(parse_port(&args(&["--port", "x"])).is_err());
        assert!(parse_port(&args(&["--bogus"])).is_err());
    }
}
