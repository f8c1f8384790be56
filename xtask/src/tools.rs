//! Finding, and when missing installing, the outside tools the chores need.
//!
//! Rule: never install what is already there, and never half-succeed. When a
//! tool cannot be installed the chore stops with a message that says what to
//! run by hand. New tools (the wasm32 target, trunk, wasm-bindgen-cli for the
//! browser playground) belong here too, as one `ensure_*` function each.

use std::process::Command;

use crate::{fail, run, Result};

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
