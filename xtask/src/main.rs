//! `cargo xtask`: the project's chores, written in Rust so they run the same
//! everywhere `cargo` does (the alias lives in `.cargo/config.toml`).
//!
//! # Format
//! ```text
//! cargo xtask test     install missing tools, then cargo test --workspace --all-targets
//! cargo xtask serve    run something useful locally (the native RESP server, for now)
//! cargo xtask bench    redis-server vs reddish-server, side by side, with redis-benchmark
//! ```
//!
//! Each subcommand installs what it needs only when it is missing, prints a
//! header per step, streams the output of what it runs, and exits non-zero on
//! the first failure. CI calls `.ci/run`, which calls `cargo xtask test`.

mod bench;
mod proc;
mod serve;
mod tools;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

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
  test     install missing tools (redis-server, redis-tools, python redis),
           then run `cargo test --workspace --all-targets`
  serve    run the native RESP server on port 6379 (--port N to change);
           the browser playground is not built yet
  bench    build reddish-server (release) and compare it with redis-server
           using redis-benchmark; prints req/s and the ratio per command
  help     show this text
";

fn main() -> ExitCode {
    let mut args = env::args().skip(1);
    let cmd = args.next();
    let rest: Vec<String> = args.collect();
    let result = match cmd.as_deref() {
        Some("test") => no_args("test", &rest).and_then(|()| test()),
        Some("serve") => serve::serve(&rest),
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
fn test() -> Result<()> {
    let started = Instant::now();
    header("1/3", "tools: redis-server, redis-cli, redis-benchmark");
    tools::ensure_redis(&["redis-server", "redis-cli", "redis-benchmark"])?;
    header(
        "2/3",
        "tools: python3 `redis` package (differential test clients)",
    );
    tools::ensure_python_redis()?;
    header("3/3", "cargo test --workspace --all-targets");
    match env::var("CI") {
        Ok(ci) => println!("CI={ci}"),
        Err(_) => println!("CI is not set"),
    }
    // CI (and everything else in our environment) passes through untouched.
    run(cargo().args(["test", "--workspace", "--all-targets"]))?;
    println!("\nxtask test: all passed in {:.1?}", started.elapsed());
    Ok(())
}

// ---------------------------------------------------------------------------
// Shared helpers.

/// A step header, easy to find in a long CI log.
pub fn header(step: &str, title: &str) {
    println!("\n==> [{step}] {title}");
}

/// The workspace root: xtask lives in `<root>/xtask`.
pub fn workspace_root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
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
