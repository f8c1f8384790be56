//! Child processes that must not outlive us: servers on loopback ports, and
//! commands with a time limit.
//!
//! A `Server` is killed when it is dropped, so every way out of a chore
//! (success, `?`, panic) stops it. On Linux the child is also told to die
//! with us (`PR_SET_PDEATHSIG`), which covers what `Drop` cannot: Ctrl-C, or
//! CI killing the job.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::{fail, show, Result};

/// A server child process listening on `127.0.0.1:port`.
pub struct Server {
    pub name: String,
    pub port: u16,
    child: Child,
    log: PathBuf,
}

impl Server {
    /// Starts `cmd` with its output going to `log`, then waits until it
    /// answers PING on `port`.
    pub fn start(name: &str, mut cmd: Command, port: u16, log: &Path) -> Result<Server> {
        if let Some(dir) = log.parent() {
            fs::create_dir_all(dir).map_err(|e| fail!("cannot create {}: {e}", dir.display()))?;
        }
        let out = File::create(log).map_err(|e| fail!("cannot create {}: {e}", log.display()))?;
        let err = out
            .try_clone()
            .map_err(|e| fail!("cannot reopen {}: {e}", log.display()))?;
        cmd.stdin(Stdio::null()).stdout(out).stderr(err);
        die_with_parent(&mut cmd);
        println!("$ {}   (log: {})", show(&cmd), log.display());
        let child = cmd
            .spawn()
            .map_err(|e| fail!("could not start {name} (`{}`): {e}", show(&cmd)))?;
        let mut server = Server {
            name: name.to_string(),
            port,
            child,
            log: log.to_path_buf(),
        };
        server.wait_ready(Duration::from_secs(15))?;
        println!("{name} is up on 127.0.0.1:{port}");
        Ok(server)
    }

    /// The child's process id (for reading its memory from /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Polls with PING until the reply is `+PONG`, the child dies, or time runs out.
    fn wait_ready(&mut self, limit: Duration) -> Result<()> {
        let deadline = Instant::now() + limit;
        let mut last;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(fail!(
                    "{} exited during startup ({status}); last lines of {}:\n{}",
                    self.name,
                    self.log.display(),
                    tail(&self.log, 20)
                ));
            }
            match ping(self.port) {
                Ok(reply) if reply.starts_with("+PONG") => return Ok(()),
                Ok(reply) => last = format!("PING answered {reply:?}"),
                Err(e) => last = e.to_string(),
            }
            if Instant::now() >= deadline {
                return Err(fail!(
                    "{} did not answer PING on 127.0.0.1:{} within {limit:?} ({last}); log: {}",
                    self.name,
                    self.port,
                    self.log.display()
                ));
            }
            thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Kill fails only if it already exited; either way, reap it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One RESP PING, returning the first line of the reply.
fn ping(port: u16) -> std::io::Result<String> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut conn = TcpStream::connect_timeout(&addr, Duration::from_millis(300))?;
    conn.set_read_timeout(Some(Duration::from_secs(1)))?;
    conn.set_write_timeout(Some(Duration::from_secs(1)))?;
    conn.write_all(b"*1\r\n$4\r\nPING\r\n")?;
    let mut buf = [0u8; 64];
    let n = conn.read(&mut buf)?;
    let reply = String::from_utf8_lossy(&buf[..n]);
    Ok(reply.lines().next().unwrap_or("").to_string())
}

/// `n` distinct free loopback ports, found by letting the OS pick (bind to
/// port 0). All listeners are held until every port is known, so the ports
/// differ; they are released before returning, so a short race remains.
pub fn free_ports(n: usize) -> Result<Vec<u16>> {
    let mut listeners = Vec::with_capacity(n);
    for _ in 0..n {
        let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .map_err(|e| fail!("cannot bind a free port on 127.0.0.1: {e}"))?;
        listeners.push(l);
    }
    listeners
        .iter()
        .map(|l| {
            l.local_addr()
                .map(|a| a.port())
                .map_err(|e| fail!("cannot read a bound port: {e}"))
        })
        .collect()
}

/// Waits for `child`, killing it once it has run longer than `limit`.
fn wait_or_kill(child: &mut Child, shown: &str, limit: Duration) -> Result<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail!("`{shown}` took longer than {limit:?}; killed it"));
            }
            Ok(None) => thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(fail!("waiting for `{shown}`: {e}")),
        }
    }
}

/// Runs `cmd` to completion and returns its stdout (stderr passes through),
/// killing it if it runs longer than `limit`. A hung benchmark against a
/// server that stopped answering must not hang CI.
pub fn output_with_timeout(mut cmd: Command, limit: Duration) -> Result<String> {
    let shown = show(&cmd);
    println!("$ {shown}");
    cmd.stdin(Stdio::null()).stdout(Stdio::piped());
    die_with_parent(&mut cmd);
    let mut child = cmd
        .spawn()
        .map_err(|e| fail!("could not start `{shown}`: {e}"))?;
    let mut stdout = child.stdout.take().expect("stdout was piped");
    let reader = thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let status = wait_or_kill(&mut child, &shown, limit)?;
    let text = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(fail!("`{shown}` failed ({status}); output:\n{text}"));
    }
    Ok(text)
}

/// Runs `cmd` with inherited stdio (its output streams as it comes), like
/// `run`, but kills it when it runs longer than `limit`: a browser test
/// waiting on a page that never answers must not hang CI.
pub fn run_with_timeout(mut cmd: Command, limit: Duration) -> Result<()> {
    let shown = show(&cmd);
    println!("$ {shown}");
    cmd.stdin(Stdio::null());
    die_with_parent(&mut cmd);
    let mut child = cmd
        .spawn()
        .map_err(|e| fail!("could not start `{shown}`: {e}"))?;
    let status = wait_or_kill(&mut child, &shown, limit)?;
    if status.success() {
        Ok(())
    } else {
        Err(crate::Error::Failed {
            what: format!("`{shown}`"),
            code: status.code().unwrap_or(1),
        })
    }
}

/// The last `n` lines of a file, for error messages.
fn tail(path: &Path, n: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Asks the kernel to SIGKILL the child when we die (Linux only; elsewhere
/// `Drop` is the only guard).
#[cfg(target_os = "linux")]
fn die_with_parent(cmd: &mut Command) {
    use std::ffi::{c_int, c_ulong};
    use std::os::unix::process::CommandExt;

    extern "C" {
        // From glibc, which every std binary on Linux links anyway.
        fn prctl(option: c_int, ...) -> c_int;
    }
    const PR_SET_PDEATHSIG: c_int = 1;
    const SIGKILL: c_ulong = 9;

    // SAFETY: the closure runs in the forked child before exec and only makes
    // one async-signal-safe system call; it touches no memory of ours.
    unsafe {
        cmd.pre_exec(|| {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_cmd: &mut Command) {}
