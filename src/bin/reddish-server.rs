//! `reddish-server [--port 6379] [--bind 127.0.0.1] [--seed N]`: the engine
//! over RESP, for redis-cli, client libraries and redis-benchmark.

use std::net::TcpListener;
use std::process::ExitCode;

fn main() -> ExitCode {
    let (bind, port, opts) = match reddish::server::parse_args(std::env::args().skip(1)) {
        Ok(v) => v,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind((bind.as_str(), port)) {
        Ok(l) => l,
        Err(e) => {
            // Redis's wording, so scripts that grep for it keep working.
            eprintln!("Could not create server TCP listening socket {bind}:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| format!("{bind}:{port}"));
    eprintln!("reddish-server ready to accept connections on {addr}");
    match reddish::server::serve(listener, opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reddish-server: {e}");
            ExitCode::FAILURE
        }
    }
}
