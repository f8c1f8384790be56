//! One connection's side of the loop: its buffers, reading what it sent
//! and running every complete command in it, replies into its output.

use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::thread;
use std::time::Duration;

use mio::net::TcpStream as MioStream;

use super::{now_us, KEEP_BUFFER, READ_BUDGET, READ_CHUNK};
use crate::engine::{BusyHost, Engine, SessionId};
use crate::resp::{self, RequestParser};

/// One client connection.
pub(super) struct Conn {
    pub(super) stream: MioStream,
    pub(super) id: SessionId,
    pub(super) parser: RequestParser,
    /// Replies not yet written: `out[sent..]`.
    pub(super) out: Vec<u8>,
    pub(super) sent: usize,
    /// WRITABLE interest is registered (a write would have blocked).
    pub(super) want_write: bool,
    /// QUIT or a protocol error: read nothing more, flush, then close.
    pub(super) closing: bool,
    /// In [`EventLoop::again`], waiting for another read turn.
    pub(super) queued: bool,
    /// In [`EventLoop::writes`], waiting to be written to.
    pub(super) write_queued: bool,
    /// Waiting in a blocking command: what it sends meanwhile stays in
    /// the parser, as Redis leaves it in the query buffer.
    pub(super) blocked: bool,
    /// Just unblocked: run what it sent while it waited before reading more.
    pub(super) resume: bool,
}

impl Conn {
    pub(super) fn pending_output(&self) -> usize {
        self.out.len().saturating_sub(self.sent)
    }

    /// Write as much queued output as the socket takes without blocking.
    /// `Ok(true)` when nothing is left.
    pub(super) fn flush(&mut self) -> io::Result<bool> {
        while self.sent < self.out.len() {
            let pending = self.out.get(self.sent..).unwrap_or_default();
            match (&self.stream).write(pending) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => self.sent += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    // Keep the written part from growing without bound
                    // while the client reads slowly; amortised O(1).
                    if self.sent >= self.out.len() / 2 {
                        self.out.drain(..self.sent);
                        self.sent = 0;
                    }
                    return Ok(false);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.out.clear();
        self.sent = 0;
        if self.out.capacity() > KEEP_BUFFER {
            self.out = Vec::new();
        }
        Ok(true)
    }
}

/// A connection to serve in this turn of the loop.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ready {
    pub(super) slot: usize,
    pub(super) readable: bool,
    pub(super) writable: bool,
    /// Read until the kernel says WouldBlock (see [`EventLoop::serve`]).
    pub(super) drain: bool,
    /// Served already (by the loop, or while a script ran long).
    pub(super) done: bool,
}

/// How a connection's turn ended.
pub(super) enum Turn {
    /// Nothing more to read for now.
    Done,
    /// The read budget ran out; more input may be waiting.
    Again,
    /// Flush what is queued, then close (QUIT, protocol error).
    Close,
    /// Close without writing anything more.
    Drop,
    /// The peer closed its side: write what the socket takes, then close.
    Eof,
}

/// How running the buffered commands ended.
pub(super) enum After {
    Continue,
    Close,
    Drop,
}

/// Redis's guard against cross-protocol scripting: a browser tricked into
/// posting to the Redis port sends `POST` or `Host:` lines, and Redis
/// drops the connection at once, without a reply (even to earlier
/// commands of the same read).
pub(super) fn is_http_probe(argv: &[Vec<u8>]) -> bool {
    argv.first()
        .is_some_and(|c| c.eq_ignore_ascii_case(b"post") || c.eq_ignore_ascii_case(b"host:"))
}

pub(super) static PROTO_MAX_BULK_LEN: crate::engine::config::Slot =
    crate::engine::config::Slot::new("proto-max-bulk-len");

/// Run every complete command in the connection's parser, replies into
/// its output buffer. `argv` is a scratch vector whose buffers the parser
/// recycles, so the steady state allocates nothing here.
pub(super) fn run_commands(
    conn: &mut Conn,
    argv: &mut Vec<Vec<u8>>,
    engine: &mut Engine,
    output_limit: usize,
    mut host: Option<&mut (dyn BusyHost + 'static)>,
) -> After {
    let mut ticked = false;
    // CONFIG SET proto-max-bulk-len applies to requests still to be read,
    // on every connection, as in Redis.
    conn.parser.set_max_bulk_len(
        u64::try_from(engine.config.get_i64_at(&PROTO_MAX_BULK_LEN)).unwrap_or(u64::MAX),
    );
    loop {
        if conn.blocked {
            return After::Continue;
        }
        // Until it authenticates, a client may send only short requests
        // (Redis's limits on unauthenticated clients).
        conn.parser
            .set_unauthenticated(engine.auth_required(conn.id));
        let argc = match conn.parser.next_into(argv) {
            None => return After::Continue,
            Some(Ok(argc)) => argc,
            Some(Err(e)) => {
                conn.out.extend_from_slice(&e.wire());
                return After::Close;
            }
        };
        let cmd = argv.get(..argc).unwrap_or_default();
        if is_http_probe(cmd) {
            return After::Drop;
        }
        // Once per batch: the clock moves, due keys expire (not while a
        // script runs long: its world stands still until it ends).
        if !ticked {
            if let Some(host) = host.as_deref_mut() {
                engine.tick_hosted(now_us(), host);
                ticked = true;
            }
        }
        // The engine must not panic on any input (a tested invariant); if
        // a bug makes it, only the client that triggered it is lost.
        let run = catch_unwind(AssertUnwindSafe(|| match host.as_deref_mut() {
            Some(host) => engine.submit_hosted(conn.id, cmd, host),
            None => engine.submit_while_busy(conn.id, cmd),
        }));
        let Ok(reply) = run else {
            return After::Drop;
        };
        // SHUTDOWN succeeded: Redis exits without a reply.
        if engine.shutdown_requested() {
            return After::Drop;
        }
        // DEBUG SLEEP: the whole server stops (this thread serves every
        // client), then answers, as Redis does.
        if let Some(us) = engine.take_sleep() {
            thread::sleep(Duration::from_micros(us));
            if let Some(host) = host.as_deref_mut() {
                engine.tick_hosted(now_us(), host);
            }
        }
        // Blocked: the reply comes with the pushes once it is served.
        // (None and not blocked: CLIENT REPLY OFF or SKIP, nothing to send
        // but its pushes.)
        let Some(reply) = reply else {
            conn.blocked = engine.is_blocked(conn.id);
            if !conn.blocked {
                let proto = engine.session(conn.id).map_or(2, |s| s.resp);
                for frame in engine.take_pushes(conn.id) {
                    resp::encode(&frame, proto, &mut conn.out);
                }
                for frame in engine.take_late_pushes(conn.id) {
                    resp::encode(&frame, proto, &mut conn.out);
                }
                // No reply and closing: a restart closes it unanswered.
                if engine.session(conn.id).is_none_or(|s| s.closing) {
                    return After::Close;
                }
            }
            continue;
        };
        let Some(session) = engine.session(conn.id) else {
            // The engine dropped the session (CLIENT KILL of itself, say).
            resp::encode(&reply, 2, &mut conn.out);
            return After::Close;
        };
        let (proto, closing) = (session.resp, session.closing);
        // Its own pushes first (subscription confirmations, a message it
        // published to itself), then the reply: Redis's order.
        if engine.has_pushes() {
            for frame in engine.take_pushes(conn.id) {
                resp::encode(&frame, proto, &mut conn.out);
            }
        }
        resp::encode(&reply, proto, &mut conn.out);
        // What belongs after the reply (its own invalidations, its own
        // MONITOR line).
        for frame in engine.take_late_pushes(conn.id) {
            resp::encode(&frame, proto, &mut conn.out);
        }
        if closing {
            return After::Close;
        }
        if conn.pending_output() > output_limit {
            return After::Drop;
        }
    }
}

/// The per-connection limits reading and running use.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub(super) query: usize,
    pub(super) output: usize,
}

/// Run the complete commands in the parser; the turn's end when they
/// closed or dropped the connection. `host` serves the others if a script
/// runs long; `None` when this is such a serving.
pub(super) fn run_buffered(
    conn: &mut Conn,
    argv: &mut Vec<Vec<u8>>,
    engine: &mut Engine,
    limits: Limits,
    host: Option<&mut (dyn BusyHost + 'static)>,
) -> Option<Turn> {
    match run_commands(conn, argv, engine, limits.output, host) {
        After::Continue => None,
        After::Close => Some(Turn::Close),
        After::Drop => Some(Turn::Drop),
    }
}

/// Read what the connection sent and run every complete command, up to
/// [`READ_BUDGET`] bytes.
pub(super) fn read_and_run(
    conn: &mut Conn,
    argv: &mut Vec<Vec<u8>>,
    engine: &mut Engine,
    limits: Limits,
    drain: bool,
    mut host: Option<&mut (dyn BusyHost + 'static)>,
) -> Turn {
    if std::mem::take(&mut conn.resume) {
        if let Some(end) = run_buffered(conn, argv, engine, limits, host.as_deref_mut()) {
            return end;
        }
    }
    let mut budget = READ_BUDGET;
    loop {
        let buf = conn.parser.spare(READ_CHUNK);
        let offered = buf.len();
        let n = match (&conn.stream).read(buf) {
            Ok(0) => return Turn::Eof,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Turn::Done,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Turn::Drop,
        };
        conn.parser.filled(n);
        if let Some(end) = run_buffered(conn, argv, engine, limits, host.as_deref_mut()) {
            return end;
        }
        if conn.parser.pending_bytes() > limits.query {
            // Redis closes such a client without a word (and logs it).
            return Turn::Drop;
        }
        // A short read emptied the socket: epoll reports the next bytes
        // as a new edge, so the read that would say WouldBlock is saved.
        if n < offered && !drain {
            return Turn::Done;
        }
        budget = budget.saturating_sub(n);
        if budget == 0 {
            return Turn::Again;
        }
    }
}

/// The number CLIENT LIST shows as `fd`: the socket's own, as in Redis.
#[cfg(unix)]
pub(super) fn fd_of(stream: &MioStream, _slot: usize) -> i64 {
    use std::os::fd::AsRawFd;
    i64::from(stream.as_raw_fd())
}

#[cfg(not(unix))]
pub(super) fn fd_of(_stream: &MioStream, slot: usize) -> i64 {
    (FIRST_CONN + slot) as i64
}
