//! The native RESP server: the engine behind a TCP socket, so that real
//! clients (redis-cli, redis-py, redis-benchmark) can talk to it.
//!
//! # One thread, one event loop
//! Like Redis's `ae`, one thread owns the engine and every socket: a
//! [`mio::Poll`] (epoll on Linux) reports which connections are readable
//! or writable and the loop serves them in turn. No command ever waits for
//! a lock held by another client, and no context switch happens between a
//! read and its reply: with redis-benchmark's 50 clients on a 2-core
//! machine, a thread per connection spent about half its time in the
//! scheduler.
//!
//! The engine sits in a [`Mutex`] only so that a test (or, later, a host
//! thread) can look at it between two turns of the loop: the loop takes the
//! lock once per wakeup, uncontended, and drops it before sleeping in
//! `poll`. Commands never take it.
//!
//! # One connection
//! mio's readiness is edge-triggered, so a readable connection is read
//! until the kernel has nothing more (or a short read says so), not once:
//! - each chunk read goes into the connection's [`RequestParser`], every
//!   complete command in it is run (pipelining), the engine's clock is
//!   moved with the wall clock once per chunk, and each reply is encoded
//!   in the protocol the session speaks at that moment (HELLO 3 answers in
//!   RESP3) into the connection's output buffer;
//! - the output is written without waiting for the socket to be reported
//!   writable, once every ready connection has been served and before
//!   the loop sleeps again (Redis's `beforeSleep` →
//!   `handleClientsWithPendingWrites`). Writing the replies of a batch
//!   back to back rather than between two clients' commands matters on a
//!   busy machine: each write wakes a client, which may preempt the
//!   server. With redis-benchmark -P 16 on a 2-core machine whose other
//!   core was busy, writing each connection's replies right after its
//!   commands cost about 0.6 involuntary context switches per pipelined
//!   batch, writing them at the end of the turn about 0.3. Only when a
//!   write would block is WRITABLE interest registered, and it is dropped
//!   again once the buffer is empty (`sendReplyToClient`);
//! - a client that keeps sending gets [`READ_BUDGET`] bytes per turn, then
//!   waits for the others: its remaining input is read on the next turn of
//!   the loop, which then polls without sleeping.
//!
//! How a connection ends, as in Redis:
//! - QUIT, or a protocol error (whose error reply is queued): no more input
//!   is read or run; the output is flushed, then the socket is closed;
//! - a query buffer over `client_query_buffer_limit`, pending output over
//!   `client_output_buffer_limit`, an HTTP request smuggled to the port
//!   (see [`is_http_probe`]), a socket error: closed at once, unsent
//!   output dropped;
//! - end of file from the peer: what is already queued is written if the
//!   socket takes it without blocking, then closed.
//!
//! # Time
//! Besides the tick before each batch, `poll` sleeps at most
//! `tick_interval` (100 ms, Redis's hz 10), so active expiry (and, later,
//! blocking timeouts) runs even when no client sends anything.
//!
//! # Replies to other connections (pushes)
//! Pub/sub messages and unblocked clients mean a command run by one
//! connection produces output for another. Every connection lives on this
//! thread, so delivering it needs no lock and no thread hop: after each
//! batch and each timer tick the loop calls [`EventLoop::deliver_pushes`],
//! which will append pending pushes to the receivers' output buffers.

use std::collections::HashMap;
use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mio::net::TcpListener as MioListener;
use mio::{Events, Interest, Poll, Token, Waker};

use crate::engine::pubsub::Frame;
use crate::engine::{ClientAddr, Engine, EngineOptions, SessionId};
use crate::resp::{self, RequestParser};

mod busy;
mod conn;
mod disk;

use conn::{fd_of, read_and_run, Conn, Ready, Turn};

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
    /// Hard limit on the output a client lets pile up (replies it does not
    /// read): past it the client is disconnected. Redis has no limit for
    /// normal clients by default; this one only guards the server's memory.
    pub client_output_buffer_limit: usize,
    /// Hard limit on output queued for a client by *other* clients
    /// (client-output-buffer-limit pubsub, 32 MB in Redis). Applied by
    /// [`EventLoop::deliver_pushes`] once the engine produces pushes.
    pub push_buffer_limit: usize,
    /// How often the timer runs active expiry (Redis: hz 10).
    pub tick_interval: Duration,
    /// Other `--name value` options: configuration parameters set at
    /// start, as redis-server takes them (immutable ones included, such as
    /// `enable-debug-command`).
    pub config: Vec<(String, String)>,
    /// The configuration file it was started with, as an absolute path:
    /// what CONFIG REWRITE rewrites.
    pub config_file: Option<String>,
    /// `user NAME RULES...` lines of the config file (or `--user`), made
    /// at start as Redis's ACLLoadConfiguredUsers does.
    pub users: Vec<String>,
    /// Keep files in `dir` (the current directory unless `--dir`) and load
    /// its dump.rdb at start, as redis-server does. Off for servers a test
    /// starts in process, which keep their files in memory.
    pub files: bool,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            seed: 0x5eed,
            maxclients: 10_000,
            proto_max_bulk_len: resp::DEFAULT_MAX_BULK_LEN,
            client_query_buffer_limit: 1024 * 1024 * 1024,
            client_output_buffer_limit: 1024 * 1024 * 1024,
            push_buffer_limit: 32 * 1024 * 1024,
            tick_interval: Duration::from_millis(100),
            config: Vec::new(),
            config_file: None,
            users: Vec::new(),
            files: false,
        }
    }
}

/// Redis's PROTO_IOBUF_LEN: the least we ask the kernel for per read.
const READ_CHUNK: usize = 16 * 1024;
/// Bytes one connection may read per turn of the loop before the others
/// get theirs.
const READ_BUDGET: usize = 256 * 1024;
/// Output buffers larger than this are not kept once flushed.
const KEEP_BUFFER: usize = 1024 * 1024;
/// Events taken from the kernel per `poll`.
const EVENTS: usize = 1024;

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);
/// Connection `i` of [`EventLoop::conns`] is `Token(FIRST_CONN + i)`.
const FIRST_CONN: usize = 2;

/// Unix time in microseconds, from the OS clock: the one place the server
/// gives the engine its notion of "now".
fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A mutex whose holder panicked is still usable: the engine's invariants
/// are kept per command, and one bad command must not take the server
/// down.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What the event loop shares with the threads that started it.
pub struct Shared {
    /// The engine. The loop holds this lock while it serves a batch of
    /// events and releases it while it sleeps; lock it from another thread
    /// to inspect the engine between two batches.
    pub engine: Mutex<Engine>,
    clients: AtomicUsize,
    shutdown: AtomicBool,
    local: SocketAddr,
}

impl Shared {
    /// The address the server started on (useful when bound to port 0);
    /// a client's CONFIG SET port moves the server but not this.
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// Connections currently open.
    pub fn connected_clients(&self) -> usize {
        self.clients.load(Ordering::Relaxed)
    }
}

/// A running server; dropping it (or [`ServerHandle::shutdown`]) stops
/// accepting and closes every connection.
pub struct ServerHandle {
    shared: Arc<Shared>,
    waker: Arc<Waker>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl ServerHandle {
    /// See [`Shared::local_addr`].
    pub fn local_addr(&self) -> SocketAddr {
        self.shared.local
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Stop the loop and wait for it: the listener and every connection
    /// are closed when this returns.
    pub fn shutdown(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        let _ = self.waker.wake();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Stack of the thread that runs the engine. The Lua VM recurses on the
/// Rust stack for each nested Lua call and stops at 200 levels, which takes
/// a few MB in a release build and several times that in a debug one; the
/// memory is only reserved, and used only by a script that nests that deep.
const ENGINE_STACK: usize = 256 * 1024 * 1024;

/// Start serving on `listener` in a background thread.
pub fn spawn(listener: TcpListener, opts: ServerOptions) -> io::Result<ServerHandle> {
    let lp = EventLoop::new(listener, opts)?;
    let shared = Arc::clone(&lp.shared);
    let waker = Arc::new(Waker::new(lp.poll.registry(), WAKER)?);
    let thread = thread::Builder::new()
        .name("reddish-server".into())
        .stack_size(ENGINE_STACK)
        .spawn(move || lp.run())?;
    Ok(ServerHandle {
        shared,
        waker,
        thread: Some(thread),
    })
}

/// Serve on `listener` until the process ends (what the binary runs), on
/// a thread with the engine's stack.
pub fn serve(listener: TcpListener, opts: ServerOptions) -> io::Result<()> {
    // The lines Redis's own test suite reads on a server it started (its
    // PID before anything is loaded, then readiness or why it stopped,
    // as Redis's log has them), so that suite can start this server in
    // place of redis-server.
    println!("reddish-server, PID: {}", std::process::id());
    let lp = EventLoop::new(listener, opts).inspect_err(|e| println!("{e}"))?;
    println!("Ready to accept connections");
    thread::Builder::new()
        .name("reddish-server".into())
        .stack_size(ENGINE_STACK)
        .spawn(move || lp.run())?
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the event loop panicked")))
}

/// The server: listener, connections and engine, all on one thread.
struct EventLoop {
    shared: Arc<Shared>,
    opts: ServerOptions,
    poll: Poll,
    /// None after CONFIG SET port 0 (Redis then listens on no TCP port).
    listener: Option<MioListener>,
    /// Open connections by token (minus [`FIRST_CONN`]); `free` lists the
    /// empty slots.
    conns: Vec<Option<Conn>>,
    free: Vec<usize>,
    /// Session id -> slot, for delivering pushes to their connections.
    by_session: HashMap<SessionId, usize>,
    /// Connections whose read budget ran out: served again next turn.
    again: Vec<usize>,
    /// Connections with output to write (or to close) before the loop
    /// sleeps again: Redis's clients_pending_write.
    writes: Vec<usize>,
    argv: Vec<Vec<u8>>,
    /// accept() failed for lack of resources (EMFILE...): the connections
    /// still in the backlog raise no new event, so retry on the timer.
    accept_retry: bool,
    /// What serving others while a script runs long uses (see
    /// [`BusyHost for EventLoop`](EventLoop::serve_while_busy)).
    busy_events: Events,
    busy_argv: Vec<Vec<u8>>,
    /// The connections this turn of the loop serves.
    turn: Vec<Ready>,
    /// The origin of [`BusyHost::now_us`].
    clock: Instant,
    served_while_busy: bool,
}

impl EventLoop {
    fn new(listener: TcpListener, opts: ServerOptions) -> io::Result<EventLoop> {
        let local = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        let mut listener = MioListener::from_std(listener);
        let poll = Poll::new()?;
        poll.registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        let mut engine = Engine::new(EngineOptions {
            seed: opts.seed,
            start_us: now_us(),
            hash_seed: std::hash::BuildHasher::hash_one(
                &std::collections::hash_map::RandomState::new(),
                now_us(),
            ),
            ..Default::default()
        });
        // Nobody watches the event stream of a network server.
        engine.set_event_detail(crate::engine::Detail::Off);
        // A script runs until it ends or SCRIPT KILL stops it, as in Redis:
        // this server answers other clients meanwhile (BusyHost), so it
        // needs no instruction budget.
        engine.scripting.instruction_limit = u64::MAX;
        engine.allow_shutdown();
        // What CONFIG GET and INFO report must be what this process does:
        // the port it listens on, the bulk limit it was started with.
        let _ = engine.config.set_startup("port", &local.port().to_string());
        let _ = engine.config.set_startup("bind", &local.ip().to_string());
        let _ = engine
            .config
            .set_startup("maxclients", &opts.maxclients.to_string());
        engine.config_file = opts.config_file.clone();
        let _ = engine
            .config
            .set_startup("proto-max-bulk-len", &opts.proto_max_bulk_len.to_string());
        for (name, value) in &opts.config {
            // parse_args checked them against the same table.
            let _ = engine.config.set_startup(name, value);
        }
        if !opts.users.is_empty() {
            if !engine
                .config
                .get_str("aclfile")
                .unwrap_or_default()
                .is_empty()
            {
                return Err(io::Error::other(
                    "Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is invalid. This setup is very likely to lead to configuration errors and security holes, please define either an ACL file or declare users directly in your redis.conf, but not both.",
                ));
            }
            crate::engine::cmd::acl::load_config_users(&mut engine, &opts.users)
                .map_err(io::Error::other)?;
        }
        if opts.files {
            start_files(&mut engine, &opts)?;
        }
        let shared = Arc::new(Shared {
            engine: Mutex::new(engine),
            clients: AtomicUsize::new(0),
            shutdown: AtomicBool::new(false),
            local,
        });
        Ok(EventLoop {
            shared,
            opts,
            poll,
            listener: Some(listener),
            conns: Vec::new(),
            free: Vec::new(),
            by_session: HashMap::new(),
            again: Vec::new(),
            writes: Vec::new(),
            argv: Vec::new(),
            accept_retry: false,
            busy_events: Events::with_capacity(EVENTS),
            busy_argv: Vec::new(),
            turn: Vec::new(),
            clock: Instant::now(),
            served_while_busy: false,
        })
    }

    fn run(mut self) -> io::Result<()> {
        let shared = Arc::clone(&self.shared);
        let mut events = Events::with_capacity(EVENTS);
        let interval = self.opts.tick_interval.max(Duration::from_millis(1));
        let mut next_tick = Instant::now() + interval;
        let result = loop {
            let timeout = if self.again.is_empty() {
                next_tick.saturating_duration_since(Instant::now())
            } else {
                Duration::ZERO
            };
            match self.poll.poll(&mut events, Some(timeout)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => break Err(e),
            }
            if shared.shutdown.load(Ordering::SeqCst) {
                break Ok(());
            }
            let mut engine = lock(&shared.engine);
            // This turn's work, kept in a field so that a script running
            // long in the middle of it can serve the rest (BusyHost): with
            // edge-triggered readiness, an event taken here is not
            // reported again.
            self.turn.clear();
            for ev in events.iter() {
                match ev.token() {
                    LISTENER => {
                        // So that CLIENT LIST's age starts now. (A client
                        // accepted while a script runs long is not: the
                        // clock stands still for the script.)
                        engine.tick_hosted(now_us(), &mut self);
                        self.accept(&mut engine);
                    }
                    WAKER => {}
                    Token(t) => {
                        // An error or hang-up is found out by reading or
                        // writing; so is a spurious event, harmlessly.
                        let hup = ev.is_error() || ev.is_read_closed();
                        self.turn.push(Ready {
                            slot: t.wrapping_sub(FIRST_CONN),
                            readable: ev.is_readable() || hup,
                            writable: ev.is_writable() || ev.is_write_closed() || ev.is_error(),
                            drain: hup,
                            done: false,
                        });
                    }
                }
            }
            for slot in std::mem::take(&mut self.again) {
                if let Some(Some(c)) = self.conns.get_mut(slot) {
                    c.queued = false;
                }
                self.turn.push(Ready {
                    slot,
                    readable: true,
                    writable: false,
                    drain: true,
                    done: false,
                });
            }
            let mut i = 0;
            while let Some(r) = self.turn.get_mut(i) {
                i += 1;
                if !std::mem::replace(&mut r.done, true) {
                    let r = *r;
                    self.serve(&mut engine, r.slot, r.readable, r.writable, r.drain);
                }
            }
            let now = Instant::now();
            if now >= next_tick {
                // A command held back by CLIENT PAUSE may run in the tick,
                // a script among them: the loop is its host too.
                engine.tick_hosted(now_us(), &mut self);
                self.deliver_pushes(&mut engine);
                if self.accept_retry {
                    self.accept(&mut engine);
                }
                next_tick = now + interval;
            }
            self.write_pending(&mut engine);
            if engine.shutdown_requested() {
                break Ok(());
            }
        };
        let mut engine = lock(&shared.engine);
        for slot in 0..self.conns.len() {
            self.close(&mut engine, slot);
        }
        result
    }

    /// Accept every pending connection.
    fn accept(&mut self, engine: &mut Engine) {
        loop {
            let Some(listener) = &self.listener else {
                return;
            };
            let (mut stream, peer) = match listener.accept() {
                Ok(v) => v,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.accept_retry = false;
                    return;
                }
                // This one connection is gone; the next may be fine.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::Interrupted
                            | io::ErrorKind::ConnectionAborted
                            | io::ErrorKind::ConnectionReset
                    ) =>
                {
                    continue
                }
                // Out of fds or memory: keep serving, retry on the timer.
                Err(_) => {
                    self.accept_retry = true;
                    return;
                }
            };
            let _ = stream.set_nodelay(true);
            if self.shared.clients.load(Ordering::Relaxed) >= self.opts.maxclients {
                // A fresh socket's send buffer is empty: this cannot block.
                let _ = (&stream).write(b"-ERR max number of clients reached\r\n");
                engine.stats.rejected_connections += 1;
                continue;
            }
            if let Some(denied) = engine.protected_mode_refusal(&peer.ip().to_string()) {
                let _ = (&stream).write(denied);
                continue;
            }
            let slot = self.free.pop().unwrap_or(self.conns.len());
            if self
                .poll
                .registry()
                .register(&mut stream, Token(FIRST_CONN + slot), Interest::READABLE)
                .is_err()
            {
                if slot < self.conns.len() {
                    self.free.push(slot);
                }
                continue;
            }
            let laddr = stream
                .local_addr()
                .map(|a| a.to_string())
                .unwrap_or_default();
            let id = engine.open_session(ClientAddr {
                addr: peer.to_string(),
                laddr,
                fd: fd_of(&stream, slot),
            });
            let conn = Conn {
                stream,
                id,
                parser: RequestParser::with_max_bulk_len(self.opts.proto_max_bulk_len),
                out: Vec::new(),
                sent: 0,
                want_write: false,
                closing: false,
                queued: false,
                write_queued: false,
                blocked: false,
                resume: false,
            };
            match self.conns.get_mut(slot) {
                Some(entry) => *entry = Some(conn),
                None => self.conns.push(Some(conn)),
            }
            self.by_session.insert(id, slot);
            self.shared.clients.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Serve one connection's readiness: run what it sent, queue it for
    /// writing what it is owed. `drain` reads until the kernel says
    /// WouldBlock even after a short read (needed to see an end of file
    /// that came with data).
    fn serve(
        &mut self,
        engine: &mut Engine,
        slot: usize,
        readable: bool,
        writable: bool,
        drain: bool,
    ) {
        let Some(Some(conn)) = self.conns.get_mut(slot) else {
            return;
        };
        let turn = if readable && !conn.closing {
            // The connection leaves its slot while its commands run, so
            // that the loop itself can be lent to the engine as the host
            // that serves the others if a script runs long; meanwhile its
            // own socket is not read, as Redis protects a script's caller.
            let Some(mut conn) = self.conns.get_mut(slot).and_then(Option::take) else {
                return;
            };
            let mut argv = std::mem::take(&mut self.argv);
            let turn = read_and_run(
                &mut conn,
                &mut argv,
                engine,
                self.limits(),
                drain,
                Some(self),
            );
            self.argv = argv;
            // Others were served meanwhile: the events that came for this
            // connection then were taken (read it again next turn), and a
            // write queued for it then found it out of its slot.
            let busy = std::mem::take(&mut self.served_while_busy);
            if busy {
                conn.write_queued = false;
            }
            if let Some(entry) = self.conns.get_mut(slot) {
                *entry = Some(conn);
            }
            match turn {
                Turn::Done if busy => Turn::Again,
                other => other,
            }
        } else if writable || conn.pending_output() > 0 {
            Turn::Done
        } else {
            return;
        };
        self.deliver_pushes(engine);
        self.end_turn(engine, slot, turn);
    }

    /// What a connection's turn ended with: close it, mark it closing, or
    /// queue it for another read turn; then queue it for writing if it is
    /// owed output (or has to be closed once flushed).
    fn end_turn(&mut self, engine: &mut Engine, slot: usize, turn: Turn) {
        let Some(Some(conn)) = self.conns.get_mut(slot) else {
            return;
        };
        match turn {
            Turn::Drop => return self.close(engine, slot),
            Turn::Eof => {
                let _ = conn.flush();
                return self.close(engine, slot);
            }
            Turn::Close => conn.closing = true,
            Turn::Again => {
                if !conn.queued {
                    conn.queued = true;
                    self.again.push(slot);
                }
            }
            Turn::Done => {}
        }
        if (conn.pending_output() > 0 || conn.closing || conn.want_write) && !conn.write_queued {
            conn.write_queued = true;
            self.writes.push(slot);
        }
    }

    /// Write to every connection queued in `writes`, once all the ready
    /// events are served and before sleeping, as Redis's beforeSleep does:
    /// the replies of a whole batch of clients go out back to back, so
    /// waking a client (and being preempted by it on a busy machine)
    /// happens once per batch rather than between two clients' commands.
    fn write_pending(&mut self, engine: &mut Engine) {
        if self.writes.is_empty() {
            return;
        }
        let mut slots = std::mem::take(&mut self.writes);
        for &slot in &slots {
            self.write(engine, slot);
        }
        slots.clear();
        if self.writes.is_empty() {
            // Keep the capacity.
            self.writes = slots;
        }
    }

    /// Write what the connection is owed without blocking; register
    /// WRITABLE interest only if the socket would block, drop it once the
    /// buffer is empty. A closing connection is closed once flushed.
    fn write(&mut self, engine: &mut Engine, slot: usize) {
        let Some(Some(conn)) = self.conns.get_mut(slot) else {
            return;
        };
        conn.write_queued = false;
        match conn.flush() {
            Err(_) => self.close(engine, slot),
            Ok(true) if conn.closing => self.close(engine, slot),
            Ok(true) => {
                if conn.want_write {
                    conn.want_write = false;
                    let token = Token(FIRST_CONN + slot);
                    if self
                        .poll
                        .registry()
                        .reregister(&mut conn.stream, token, Interest::READABLE)
                        .is_err()
                    {
                        self.close(engine, slot);
                    }
                }
            }
            Ok(false) => {
                if !conn.want_write {
                    conn.want_write = true;
                    let token = Token(FIRST_CONN + slot);
                    let both = Interest::READABLE | Interest::WRITABLE;
                    if self
                        .poll
                        .registry()
                        .reregister(&mut conn.stream, token, both)
                        .is_err()
                    {
                        self.close(engine, slot);
                    }
                }
            }
        }
    }

    /// Hand pushes the engine has queued (pub/sub messages, replies to
    /// clients it unblocked) to their connections. Called after each batch
    /// and each timer tick, on this thread, so no lock is involved.
    ///
    /// Move the messages the engine queued for other clients (PUBLISH,
    /// keyspace notifications) into their connections' output, each in
    /// its receiver's protocol, and queue those for writing as `serve`
    /// does. A receiver whose output passes the limit is dropped, as are
    /// the clients the engine itself disconnected (its pubsub limit).
    fn deliver_pushes(&mut self, engine: &mut Engine) {
        for id in engine.take_disconnected() {
            if let Some(&slot) = self.by_session.get(&id) {
                self.close(engine, slot);
            }
        }
        if !engine.has_pushes() {
            return;
        }
        for (id, frames) in engine.take_all_frames() {
            let Some(&slot) = self.by_session.get(&id) else {
                continue;
            };
            let proto = engine.session(id).map_or(2, |s| s.resp);
            let Some(Some(conn)) = self.conns.get_mut(slot) else {
                continue;
            };
            for frame in &frames {
                match frame {
                    Frame::Own(reply) => resp::encode(reply, proto, &mut conn.out),
                    // A message many receive is encoded once per protocol.
                    Frame::Shared(shared) => {
                        let cell = if proto == 3 {
                            &shared.resp3
                        } else {
                            &shared.resp2
                        };
                        let bytes = cell.get_or_init(|| resp::encode_to_vec(&shared.reply, proto));
                        conn.out.extend_from_slice(bytes);
                    }
                }
            }
            if conn.blocked && !engine.is_blocked(id) {
                // Served, timed out or unblocked: its reply is in `frames`.
                conn.blocked = false;
                conn.resume = true;
                if !conn.queued {
                    conn.queued = true;
                    self.again.push(slot);
                }
            }
            if conn.pending_output() > self.opts.client_output_buffer_limit {
                self.close(engine, slot);
                continue;
            }
            if !conn.write_queued {
                conn.write_queued = true;
                self.writes.push(slot);
            }
        }
    }

    /// Close a connection and forget its session; its slot is reused.
    fn close(&mut self, engine: &mut Engine, slot: usize) {
        let Some(conn) = self.conns.get_mut(slot).and_then(Option::take) else {
            return;
        };
        // Closing the socket (the drop) removes it from the poll set.
        engine.close_session(conn.id);
        self.by_session.remove(&conn.id);
        self.free.push(slot);
        self.shared.clients.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Parse `reddish-server` arguments: `--port N`, `--bind ADDR`, `--seed N`,
/// `--maxclients N`, also as `--port=N`. Returns (bind, port, options).
pub fn parse_args<I: IntoIterator<Item = String>>(
    args: I,
) -> Result<(String, u16, ServerOptions), String> {
    let mut bind = "127.0.0.1".to_string();
    let mut port: u16 = 6379;
    let mut opts = ServerOptions {
        files: true,
        ..ServerOptions::default()
    };
    let mut it = args.into_iter().peekable();
    // A configuration file first, as redis-server takes one: its lines
    // come before the command line's options, which win.
    let mut from_file = Vec::new();
    if let Some(path) = it.next_if(|a| !a.starts_with('-')) {
        from_file = config_file(&path)?;
        opts.config_file =
            Some(std::fs::canonicalize(&path).map_or(path, |p| p.to_string_lossy().into_owned()));
    }
    let mut it = from_file.into_iter().chain(it);
    while let Some(arg) = it.next() {
        let (name, inline_value) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "--help" || name == "-h" {
            return Err(USAGE.to_string());
        }
        let mut value = || {
            inline_value
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "--port" => {
                port = value()?
                    .parse()
                    .map_err(|_| "--port wants a number from 0 to 65535".to_string())?
            }
            "--bind" => bind = value()?,
            // ACL users, one per `user` line; checked when they are made.
            "--user" => opts.users.push(value()?),
            "--seed" => {
                opts.seed = value()?
                    .parse()
                    .map_err(|_| "--seed wants an unsigned number".to_string())?
            }
            "--maxclients" => {
                opts.maxclients = value()?
                    .parse()
                    .map_err(|_| "--maxclients wants a number".to_string())?;
            }
            other => {
                // Any configuration parameter, as redis-server takes them:
                // checked here, so that a bad one stops the start.
                let Some(param) = other.strip_prefix("--").filter(|p| !p.is_empty()) else {
                    return Err(format!("unknown option {other:?}\n{USAGE}"));
                };
                let value = value()?;
                if matches!(param, "port" | "bind" | "proto-max-bulk-len" | "maxclients") {
                    return Err(format!("--{param} takes its own form: {USAGE}"));
                }
                crate::engine::config::Config::default()
                    .set_startup(param, &value)
                    .map_err(|e| format!("--{param} {value}: {}", e.0))?;
                opts.config.push((param.to_string(), value));
            }
        }
    }
    Ok((bind, port, opts))
}

/// A redis.conf's directives as `--name value` arguments: one per line,
/// words split as redis-cli splits them (quotes and escapes), several
/// words after the name joined by spaces. As in redis-server, `save`
/// lines add up (`save 900 1` then `save 60 10000`; `save ""` clears
/// them), and of `bind`'s addresses the first is taken (a `-` in front
/// marks one as optional), since this server listens on one.
fn config_file(path: &str) -> Result<Vec<String>, String> {
    let text = std::fs::read(path)
        .map_err(|e| format!("Fatal error, can't open config file '{path}': {e}"))?;
    let mut out = Vec::new();
    let mut saves: Option<String> = None;
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        let line = line.trim_ascii();
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        let words = crate::resp::request::split_args(line).ok_or_else(|| {
            format!(
                "*** FATAL CONFIG FILE ERROR ***\nline {}: unbalanced quotes",
                i + 1
            )
        })?;
        let mut words = words
            .into_iter()
            .map(|w| String::from_utf8_lossy(&w).into_owned());
        let Some(name) = words.next() else { continue };
        let name = name.to_ascii_lowercase();
        let rest: Vec<String> = words.collect();
        let value = match name.as_str() {
            "save" => {
                let points = rest.join(" ");
                saves = Some(match saves.take() {
                    Some(before) if !points.trim().is_empty() && !before.is_empty() => {
                        format!("{before} {points}")
                    }
                    _ => points,
                });
                continue;
            }
            "bind" => rest
                .first()
                .map(|a| a.trim_start_matches('-').to_string())
                .unwrap_or_default(),
            _ => rest.join(" "),
        };
        out.push(format!("--{name}"));
        out.push(value);
    }
    if let Some(points) = saves {
        out.push("--save".into());
        out.push(points);
    }
    Ok(out)
}

/// Files in `dir` (the current directory, as redis-server's default),
/// and the dump file loaded if there is one. A file that does not load
/// stops the start, as it stops redis-server, and is left as it is.
fn start_files(engine: &mut Engine, opts: &ServerOptions) -> io::Result<()> {
    let given = |name: &str| {
        opts.config
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    if !given("dir") {
        let cwd = std::env::current_dir()?;
        let _ = engine.config.set_startup("dir", &cwd.to_string_lossy());
    }
    // redis-server's save points when none are given.
    if !given("save") {
        let _ = engine.config.set_startup("save", "3600 1 300 100 60 10000");
    }
    engine.set_disk(Box::new(disk::FsDisk));
    // The users of the ACL file, when one is set (Redis stops its start on
    // any error in it).
    if !engine
        .config
        .get_str("aclfile")
        .unwrap_or_default()
        .is_empty()
    {
        if let Err(e) = crate::engine::cmd::acl::load_acl_file(engine) {
            return Err(io::Error::other(format!(
                "Aborting Redis startup because of ACL errors: {e}"
            )));
        }
    }
    // With appendonly on, the AOF is the data (as in Redis, dump.rdb is
    // then not read); its files are opened, or made, at once.
    if engine.config.get_bool("appendonly") {
        match engine.load_aof_at_start() {
            Ok(true) => eprintln!("DB loaded from append only file"),
            Ok(false) => {}
            Err(e) => {
                return Err(io::Error::other(format!(
                    "Fatal error loading the append only file: {e}. Exiting."
                )))
            }
        }
        engine.start_persistence();
        return Ok(());
    }
    let name = engine.config.get_str("dbfilename").unwrap_or_default();
    match engine.load_rdb_file(true, false) {
        Ok(true) => eprintln!("DB loaded from disk ({name})"),
        Ok(false) => {}
        Err(e) => {
            return Err(io::Error::other(format!(
                "Fatal error loading the DB ({name}): {e}. Exiting."
            )))
        }
    }
    Ok(())
}

pub const USAGE: &str = "usage: reddish-server [--port 6379] [--bind 127.0.0.1] [--seed N] [--maxclients 10000] [--<config-parameter> <value> ...]";

#[cfg(test)]
mod tests;
