//! The native RESP server: the engine behind a TCP socket, so that real
//! clients (redis-cli, redis-py, redis-benchmark) can talk to it.
//!
//! Threads and std sockets only, no async runtime and no dependency: the
//! engine is one `Mutex<Engine>` (Redis too runs one command at a time),
//! and a thread per connection keeps the code obvious. The price is a
//! context switch per blocking read, which Redis's epoll loop does not pay:
//! with redis-benchmark's 50 pipelined clients on a 2-core machine this
//! server does roughly 55-70% of redis-server's requests per second, most
//! of the gap being the kernel's scheduler. An event loop (epoll through
//! `libc` or `mio`) is the way to close it if it ever matters.
//!
//! # One connection
//! Its thread reads whatever has arrived, parses *every* complete command
//! in it (pipelining), then takes the engine lock once for the whole batch:
//! `tick` with the wall clock, `execute` each command, encode each reply in
//! the protocol the session speaks at that moment (HELLO 3 answers in
//! RESP3). The lock is released before anything touches the socket, so a
//! slow reader never stalls other clients.
//!
//! # Replies to other connections (pushes)
//! Pub/sub messages and unblocked clients mean a command run by one
//! connection produces output for another. Each connection therefore has a
//! [`Conn`] in a registry keyed by session id: an outbox (bytes waiting
//! to be written) and a writer (the socket behind a lock).
//! - Output is appended to an outbox *while the engine lock is held*, so
//!   the bytes of every connection are in the order the engine produced
//!   them, whoever produced them.
//! - Writing takes the writer lock, then drains the outbox; whoever flushes
//!   writes everything queued so far, in order.
//! - A connection flushes its own replies on its own thread (the common
//!   case costs no thread hop). Output for *another* connection is queued
//!   with [`Shared::deliver`] and written by that connection's pusher
//!   thread, started on first use, so a publisher never blocks on a slow
//!   subscriber. A subscriber that lets its outbox grow past
//!   [`ServerOptions::push_buffer_limit`] is disconnected, as Redis does
//!   with client-output-buffer-limit for pubsub clients.
//! - Lock order: engine, then outbox; writer, then outbox. The outbox lock
//!   is only ever held for a copy or a swap.
//!
//! The engine does not produce pushes yet; [`Shared::deliver_pushes`] is
//! where they will be collected (after each batch and each timer tick).

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::engine::{ClientAddr, Engine, EngineOptions, SessionId};
use crate::resp::{self, RequestParser};

/// What `redis-server` would take from its config file, limited to what
/// this server uses.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Seed of the engine's PRNG.
    pub seed: u64,
    /// maxclients: connections beyond it get an error and are closed.
    pub maxclients: usize,
    /// proto-max-bulk-len.
    pub proto_max_bulk_len: u64,
    /// client-query-buffer-limit: a client whose pending request grows past
    /// it is disconnected without a reply, as Redis does.
    pub client_query_buffer_limit: usize,
    /// Hard limit on output queued for a client by *other* clients
    /// (client-output-buffer-limit pubsub, 32 MB in Redis).
    pub push_buffer_limit: usize,
    /// How often the timer runs active expiry (Redis: hz 10).
    pub tick_interval: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            seed: 0x5eed,
            maxclients: 10_000,
            proto_max_bulk_len: resp::DEFAULT_MAX_BULK_LEN,
            client_query_buffer_limit: 1024 * 1024 * 1024,
            push_buffer_limit: 32 * 1024 * 1024,
            tick_interval: Duration::from_millis(100),
        }
    }
}

/// Redis's PROTO_IOBUF_LEN: the least we ask the kernel for per read.
const READ_CHUNK: usize = 16 * 1024;
/// Commands run per engine lock at most.
const MAX_BATCH: usize = 1024;
/// Output buffers larger than this are not kept between batches.
const KEEP_BUFFER: usize = 1024 * 1024;

/// Unix time in microseconds, from the OS clock: the one place the server
/// gives the engine its notion of "now".
fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A mutex whose holder panicked is still usable: the engine's invariants
/// are kept per command, and one bad connection must not take the server
/// down.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One connection as other threads see it.
pub struct Conn {
    pub id: SessionId,
    /// A clone of the connection's socket, written under `writer` and shut
    /// down to end the connection from outside.
    stream: TcpStream,
    writer: Mutex<()>,
    outbox: Mutex<Vec<u8>>,
    wake: Condvar,
    closed: AtomicBool,
    pusher: AtomicBool,
}

impl Conn {
    /// Write everything queued, in order. `spare` is an empty buffer the
    /// caller lends (and gets back empty) so no allocation is needed.
    fn flush(&self, spare: &mut Vec<u8>) -> io::Result<()> {
        let _w = lock(&self.writer);
        loop {
            {
                let mut ob = lock(&self.outbox);
                if ob.is_empty() {
                    return Ok(());
                }
                spare.clear();
                std::mem::swap(&mut *ob, spare);
            }
            let res = (&self.stream).write_all(spare);
            spare.clear();
            if spare.capacity() > KEEP_BUFFER {
                *spare = Vec::new();
            }
            res?;
        }
    }

    /// Queue bytes (under the engine lock, to keep the engine's order).
    /// Swaps instead of copying when the outbox is empty, the usual case.
    fn queue(&self, bytes: &mut Vec<u8>) -> usize {
        let mut ob = lock(&self.outbox);
        if ob.is_empty() {
            std::mem::swap(&mut *ob, bytes);
        } else {
            ob.extend_from_slice(bytes);
            bytes.clear();
        }
        ob.len()
    }

    /// End the connection: its reader sees EOF and cleans up.
    fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        let _ = self.stream.shutdown(Shutdown::Both);
        self.wake.notify_all();
    }

    /// The thread that writes output queued by other connections.
    fn pusher_loop(self: Arc<Self>) {
        let mut spare = Vec::new();
        loop {
            {
                let mut ob = lock(&self.outbox);
                while ob.is_empty() && !self.closed.load(Ordering::SeqCst) {
                    ob = self.wake.wait(ob).unwrap_or_else(|p| p.into_inner());
                }
            }
            if self.closed.load(Ordering::SeqCst) {
                return;
            }
            if self.flush(&mut spare).is_err() {
                self.close();
                return;
            }
        }
    }
}

/// State shared by the accept loop, the timer and every connection.
pub struct Shared {
    pub engine: Mutex<Engine>,
    conns: Mutex<HashMap<SessionId, Arc<Conn>>>,
    clients: AtomicUsize,
    next_fd: AtomicI64,
    shutdown: AtomicBool,
    opts: ServerOptions,
    local: SocketAddr,
}

impl Shared {
    /// Queue output for another connection and wake its pusher. Call with
    /// the engine lock held (that is what orders it with the connection's
    /// own replies). Unknown or closed sessions are ignored: the client
    /// may have gone between the command and the delivery.
    pub fn deliver(&self, id: SessionId, bytes: &[u8]) {
        let Some(conn) = lock(&self.conns).get(&id).cloned() else { return };
        if conn.closed.load(Ordering::SeqCst) {
            return;
        }
        let len = {
            let mut ob = lock(&conn.outbox);
            ob.extend_from_slice(bytes);
            ob.len()
        };
        if len > self.opts.push_buffer_limit {
            conn.close();
            return;
        }
        if !conn.pusher.swap(true, Ordering::SeqCst) {
            let c = Arc::clone(&conn);
            let spawned = thread::Builder::new().name(format!("reddish-push-{id}")).spawn(move || c.pusher_loop());
            if spawned.is_err() {
                conn.close();
                return;
            }
        }
        conn.wake.notify_one();
    }

    /// Hand pushes the engine has queued (pub/sub messages, replies to
    /// clients it unblocked) to their connections. `except` is the
    /// connection running the batch: its own output is queued by its
    /// thread, in line with its replies. Called with the engine lock held.
    ///
    /// The engine has no push queue yet; when it gains one (a
    /// `take_pushes(session)` per the design, plus a way to list sessions
    /// with pending pushes), this encodes each in the receiver's protocol
    /// and calls [`Shared::deliver`].
    fn deliver_pushes(&self, _engine: &mut Engine, _except: Option<SessionId>) {}

    /// The server's own address (useful when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// Connections currently open.
    pub fn connected_clients(&self) -> usize {
        self.clients.load(Ordering::SeqCst)
    }

    fn is_shutting_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }
}

/// A running server; dropping it (or [`ServerHandle::shutdown`]) stops
/// accepting and closes every connection.
pub struct ServerHandle {
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl ServerHandle {
    pub fn local_addr(&self) -> SocketAddr {
        self.shared.local
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Stop accepting, close every connection, wait for the accept loop.
    /// Connection threads end on their own once their socket is shut.
    pub fn shutdown(&mut self) {
        stop(&self.shared);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn stop(shared: &Shared) {
    if shared.shutdown.swap(true, Ordering::SeqCst) {
        return;
    }
    // A blocking accept() only returns on a connection: make one.
    let mut wake = shared.local;
    if wake.ip().is_unspecified() {
        wake.set_ip(if wake.is_ipv4() { [127, 0, 0, 1].into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
    }
    let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
    let conns: Vec<Arc<Conn>> = lock(&shared.conns).values().cloned().collect();
    for c in conns {
        c.close();
    }
}

/// Start serving on `listener` in background threads.
pub fn spawn(listener: TcpListener, opts: ServerOptions) -> io::Result<ServerHandle> {
    let shared = new_shared(&listener, opts)?;
    let s = Arc::clone(&shared);
    let accept = thread::Builder::new().name("reddish-accept".into()).spawn(move || accept_loop(listener, s))?;
    Ok(ServerHandle { shared, accept: Some(accept) })
}

/// Serve on `listener` until the process ends (what the binary runs).
pub fn serve(listener: TcpListener, opts: ServerOptions) -> io::Result<()> {
    let shared = new_shared(&listener, opts)?;
    accept_loop(listener, shared);
    Ok(())
}

fn new_shared(listener: &TcpListener, opts: ServerOptions) -> io::Result<Arc<Shared>> {
    let mut engine = Engine::new(EngineOptions { seed: opts.seed, start_us: now_us() });
    // Nobody watches the event stream of a network server.
    engine.set_events_enabled(false);
    let shared = Arc::new(Shared {
        engine: Mutex::new(engine),
        conns: Mutex::new(HashMap::new()),
        clients: AtomicUsize::new(0),
        // Redis's first client fd is typically 8; the number only shows in
        // CLIENT LIST.
        next_fd: AtomicI64::new(8),
        shutdown: AtomicBool::new(false),
        local: listener.local_addr()?,
        opts,
    });
    let timer = Arc::clone(&shared);
    thread::Builder::new().name("reddish-timer".into()).spawn(move || timer_loop(timer))?;
    Ok(shared)
}

/// Active expiry (and, later, blocking timeouts) happen on this timer even
/// when no client sends anything.
fn timer_loop(shared: Arc<Shared>) {
    while !shared.is_shutting_down() {
        thread::sleep(shared.opts.tick_interval);
        let mut engine = lock(&shared.engine);
        engine.tick_us(now_us());
        shared.deliver_pushes(&mut engine, None);
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.is_shutting_down() {
            break;
        }
        let stream = match stream {
            Ok(s) => s,
            // Out of fds, a connection reset before accept: keep serving,
            // but do not spin if the condition persists.
            Err(_) => {
                thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        // Counted here, not in the thread, so a burst of connections cannot
        // overshoot maxclients.
        if shared.clients.fetch_add(1, Ordering::SeqCst) >= shared.opts.maxclients {
            shared.clients.fetch_sub(1, Ordering::SeqCst);
            let mut s = stream;
            let _ = s.write_all(b"-ERR max number of clients reached\r\n");
            let _ = s.shutdown(Shutdown::Both);
            continue;
        }
        // The slot is given back when the guard drops: when the thread
        // ends, even by a panic, or right away if it cannot be started.
        let slot = ClientSlot(Arc::clone(&shared));
        let _ = thread::Builder::new().name("reddish-conn".into()).spawn(move || {
            connection(&slot.0, stream);
        });
    }
}

/// One of maxclients' slots, held by a connection's thread.
struct ClientSlot(Arc<Shared>);

impl Drop for ClientSlot {
    fn drop(&mut self) {
        self.0.clients.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Undoes a connection's registration however its thread ends, a panic in
/// a command included: the session closes and the registry forgets it.
struct Registered<'a> {
    shared: &'a Shared,
    conn: Arc<Conn>,
}

impl Drop for Registered<'_> {
    fn drop(&mut self) {
        self.conn.close();
        lock(&self.shared.conns).remove(&self.conn.id);
        lock(&self.shared.engine).close_session(self.conn.id);
    }
}

/// How a batch ended.
enum After {
    Continue,
    /// Flush what is queued, then close (QUIT, protocol error).
    Close,
    /// Close without writing anything more (the HTTP guard below).
    Drop,
}

/// Redis's guard against cross-protocol scripting: a browser tricked into
/// posting to the Redis port sends `POST` or `Host:` lines, and Redis
/// drops the connection at once, without a reply (even to earlier
/// commands of the same read).
fn is_http_probe(argv: &[Vec<u8>]) -> bool {
    argv.first().is_some_and(|c| c.eq_ignore_ascii_case(b"post") || c.eq_ignore_ascii_case(b"host:"))
}

fn connection(shared: &Arc<Shared>, mut stream: TcpStream) {
    let peer = stream.peer_addr().map(|a| a.to_string()).unwrap_or_default();
    let laddr = stream.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let Ok(write_half) = stream.try_clone() else { return };
    let fd = shared.next_fd.fetch_add(1, Ordering::SeqCst);
    let id = {
        let mut engine = lock(&shared.engine);
        engine.tick_us(now_us());
        engine.open_session(ClientAddr { addr: peer, laddr, fd })
    };
    let conn = Arc::new(Conn {
        id,
        stream: write_half,
        writer: Mutex::new(()),
        outbox: Mutex::new(Vec::new()),
        wake: Condvar::new(),
        closed: AtomicBool::new(false),
        pusher: AtomicBool::new(false),
    });
    lock(&shared.conns).insert(id, Arc::clone(&conn));
    let registered = Registered { shared, conn };
    // Registered after a shutdown began? Then nobody else will close it.
    if shared.is_shutting_down() {
        registered.conn.close();
    }
    let _ = serve_connection(shared, &registered.conn, &mut stream);
}

fn serve_connection(shared: &Shared, conn: &Conn, stream: &mut TcpStream) -> io::Result<()> {
    let mut parser = RequestParser::with_max_bulk_len(shared.opts.proto_max_bulk_len);
    // Commands are parsed into these slots and the slots reused, argument
    // buffers included: in the steady state a pipelined batch allocates
    // nothing on this side of the engine.
    let mut batch: Vec<Vec<Vec<u8>>> = Vec::new();
    let mut argcs: Vec<usize> = Vec::new();
    let mut out: Vec<u8> = Vec::with_capacity(READ_CHUNK);
    loop {
        let n = stream.read(parser.spare(READ_CHUNK))?;
        if n == 0 {
            return Ok(());
        }
        parser.filled(n);

        // A huge pipeline is run MAX_BATCH commands per lock, so one
        // client cannot hold the engine (or grow its output) without bound.
        loop {
            argcs.clear();
            let mut protocol_error = None;
            while argcs.len() < MAX_BATCH {
                if batch.len() <= argcs.len() {
                    batch.push(Vec::new());
                }
                let Some(slot) = batch.get_mut(argcs.len()) else { break };
                match parser.next_into(slot) {
                    None => break,
                    Some(Ok(argc)) => argcs.push(argc),
                    Some(Err(e)) => {
                        protocol_error = Some(e);
                        break;
                    }
                }
            }
            if protocol_error.is_none() && parser.pending_bytes() > shared.opts.client_query_buffer_limit {
                // Redis closes such a client without a word (and logs it).
                return Ok(());
            }
            if argcs.is_empty() && protocol_error.is_none() {
                break;
            }
            let full = argcs.len() == MAX_BATCH;

            let after = {
                let mut engine = lock(&shared.engine);
                let mut after = run_batch(&mut engine, conn.id, &batch, &argcs, &mut out);
                if matches!(after, After::Continue) {
                    if let Some(e) = &protocol_error {
                        out.extend_from_slice(&e.wire());
                        after = After::Close;
                    }
                }
                if !matches!(after, After::Drop) {
                    conn.queue(&mut out);
                }
                shared.deliver_pushes(&mut engine, Some(conn.id));
                after
            };
            out.clear();
            match after {
                After::Drop => return Ok(()),
                After::Close => {
                    conn.flush(&mut out)?;
                    return Ok(());
                }
                After::Continue => conn.flush(&mut out)?,
            }
            if !full {
                break;
            }
        }
    }
}

/// Run a batch of commands for one session under one engine lock; command
/// `i` is `batch[i][..argcs[i]]`.
fn run_batch(engine: &mut Engine, id: SessionId, batch: &[Vec<Vec<u8>>], argcs: &[usize], out: &mut Vec<u8>) -> After {
    engine.tick_us(now_us());
    for (slot, &argc) in batch.iter().zip(argcs) {
        let argv = slot.get(..argc).unwrap_or_default();
        if is_http_probe(argv) {
            out.clear();
            return After::Drop;
        }
        let reply = engine.execute(id, argv);
        let Some(session) = engine.session(id) else {
            // The engine dropped the session (CLIENT KILL of itself, say).
            resp::encode(&reply, 2, out);
            return After::Close;
        };
        let (proto, closing) = (session.resp, session.closing);
        resp::encode(&reply, proto, out);
        if closing {
            return After::Close;
        }
    }
    After::Continue
}

/// Parse `reddish-server` arguments: `--port N`, `--bind ADDR`, `--seed N`,
/// `--maxclients N`, also as `--port=N`. Returns (bind, port, options).
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<(String, u16, ServerOptions), String> {
    let mut bind = "127.0.0.1".to_string();
    let mut port: u16 = 6379;
    let mut opts = ServerOptions::default();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let (name, inline_value) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "--help" || name == "-h" {
            return Err(USAGE.to_string());
        }
        let mut value = || inline_value.clone().or_else(|| it.next()).ok_or_else(|| format!("{name} needs a value"));
        match name.as_str() {
            "--port" => port = value()?.parse().map_err(|_| "--port wants a number from 0 to 65535".to_string())?,
            "--bind" => bind = value()?,
            "--seed" => opts.seed = value()?.parse().map_err(|_| "--seed wants an unsigned number".to_string())?,
            "--maxclients" => {
                opts.maxclients = value()?.parse().map_err(|_| "--maxclients wants a number".to_string())?;
            }
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    Ok((bind, port, opts))
}

pub const USAGE: &str = "usage: reddish-server [--port 6379] [--bind 127.0.0.1] [--seed N] [--maxclients 10000]";

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_arguments() {
        let (bind, port, opts) = parse_args(args("--port 7000 --bind 0.0.0.0 --seed 42")).unwrap();
        assert_eq!((bind.as_str(), port, opts.seed), ("0.0.0.0", 7000, 42));
        let (bind, port, _) = parse_args(args("")).unwrap();
        assert_eq!((bind.as_str(), port), ("127.0.0.1", 6379));
        let (_, port, opts) = parse_args(args("--port=1234 --maxclients=5")).unwrap();
        assert_eq!((port, opts.maxclients), (1234, 5));
        assert!(parse_args(args("--port")).is_err());
        assert!(parse_args(args("--port x")).is_err());
        assert!(parse_args(args("--nope 1")).is_err());
    }

    #[test]
    fn deliver_reaches_another_connection_in_order() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut server = spawn(listener, ServerOptions::default()).unwrap();
        let mut client = TcpStream::connect(server.local_addr()).unwrap();
        client.set_read_timeout(Some(Duration::from_secs(5))).ok();
        // Wait for the connection to register.
        let mut id = None;
        for _ in 0..500 {
            id = lock(&server.shared().conns).keys().next().copied();
            if id.is_some() {
                break;
            }
            thread::sleep(Duration::from_millis(5));
        }
        let id = id.expect("connection never registered");
        {
            let _engine = lock(&server.shared().engine);
            server.shared().deliver(id, b">1\r\n+one\r\n");
            server.shared().deliver(id, b">1\r\n+two\r\n");
        }
        let want = b">1\r\n+one\r\n>1\r\n+two\r\n";
        let mut got = vec![0u8; want.len()];
        client.read_exact(&mut got).unwrap();
        assert_eq!(got, want);
        server.shutdown();
        let mut rest = Vec::new();
        let n = client.read_to_end(&mut rest).unwrap_or(0);
        assert_eq!(n, 0, "shutdown closes connections");
    }
}
