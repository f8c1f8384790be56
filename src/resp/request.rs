//! Client requests, parsed the way redis-server 7.0 parses them
//! (networking.c: processInputBuffer, processMultibulkBuffer,
//! processInlineBuffer; sds.c: sdssplitargs).
//!
//! Fidelity goes down to Redis's quirks, because a client (or a fuzzer, or
//! a learner typing into telnet) can observe them:
//! - a line is found with `strchr`, which stops at a NUL byte: a NUL in a
//!   request line makes Redis wait for more data, and so do we;
//! - the two bytes after a bulk argument, and the byte after the `\r` of a
//!   `*`/`$` line, are skipped without being checked;
//! - `*0` and negative counts are ignored, empty inline lines too;
//! - errors quote the offending byte, with CR/LF shown as a space.

use std::fmt;

use crate::reply::Reply;

/// proto-max-bulk-len's default: the largest bulk argument accepted.
pub const DEFAULT_MAX_BULK_LEN: u64 = 512 * 1024 * 1024;

/// PROTO_INLINE_MAX_SIZE: the longest inline request, and the longest
/// `*`/`$` line, Redis buffers while waiting for its end.
pub const INLINE_MAX_SIZE: usize = 64 * 1024;

/// Redis 7.0 accepts any multibulk count up to INT_MAX (6.x capped it at
/// 1024*1024); arguments are only stored as they arrive, so a large count
/// costs nothing by itself.
pub const MAX_MULTIBULK_LEN: i64 = i32::MAX as i64;

/// Above this, a fully consumed buffer is given back to the allocator: one
/// large value must not pin its memory for the life of the connection.
const SHRINK_ABOVE: usize = 1024 * 1024;
const INITIAL_CAPACITY: usize = 16 * 1024;

/// A request Redis refuses. Redis replies with the error and then closes
/// the connection; what comes after it in the buffer is never run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    /// More than 64 KiB of inline request without a newline.
    TooBigInline,
    UnbalancedQuotes,
    /// More than 64 KiB after `*` without a `\r`.
    TooBigMbulkCount,
    InvalidMultibulkLength,
    /// More than 64 KiB after an argument without a `\r`.
    TooBigBulkCount,
    /// An argument line not starting with `$`; carries the byte found.
    ExpectedDollar(u8),
    InvalidBulkLength,
    /// More than 10 arguments before the client authenticated.
    UnauthMultibulkLength,
    /// An argument over 16 KiB before the client authenticated.
    UnauthBulkLength,
}

impl ProtocolError {
    /// The error line's text as Redis sends it, `ERR` prefix included and
    /// without the leading `-`. Bytes, not a `String`: Redis echoes the
    /// offending byte raw, even when it is not UTF-8.
    pub fn text(&self) -> Vec<u8> {
        let msg: &str = match self {
            ProtocolError::TooBigInline => "too big inline request",
            ProtocolError::UnbalancedQuotes => "unbalanced quotes in request",
            ProtocolError::TooBigMbulkCount => "too big mbulk count string",
            ProtocolError::InvalidMultibulkLength => "invalid multibulk length",
            ProtocolError::TooBigBulkCount => "too big bulk count string",
            ProtocolError::InvalidBulkLength => "invalid bulk length",
            ProtocolError::UnauthMultibulkLength => "unauthenticated multibulk length",
            ProtocolError::UnauthBulkLength => "unauthenticated bulk length",
            ProtocolError::ExpectedDollar(got) => {
                // addReplyError turns CR and LF into spaces.
                let got = if *got == b'\r' || *got == b'\n' {
                    b' '
                } else {
                    *got
                };
                let mut t = b"ERR Protocol error: expected '$', got '".to_vec();
                t.push(got);
                t.push(b'\'');
                return t;
            }
        };
        format!("ERR Protocol error: {msg}").into_bytes()
    }

    /// The complete error line, ready to write to the socket.
    pub fn wire(&self) -> Vec<u8> {
        let mut out = vec![b'-'];
        out.extend_from_slice(&self.text());
        out.extend_from_slice(b"\r\n");
        out
    }

    /// As a reply, for hosts that show it rather than send it (a non-UTF-8
    /// byte becomes U+FFFD).
    pub fn to_reply(&self) -> Reply {
        Reply::Error(String::from_utf8_lossy(&self.text()).into_owned())
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.text()))
    }
}

impl std::error::Error for ProtocolError {}

/// Where a multibulk request stands between two reads.
#[derive(Debug)]
enum State {
    /// Between requests: the next byte decides inline or multibulk.
    Idle,
    Multibulk {
        /// Arguments still to come.
        left: usize,
        /// Length of the argument being read, once its `$` line is in.
        bulk: Option<usize>,
        /// Bytes held in the arguments so far, for the query-buffer limit.
        held: usize,
    },
}

/// Recycled argument buffers larger than this are dropped rather than
/// kept: one big value must not stay pinned by the next small command.
const KEEP_ARG: usize = 64 * 1024;
/// Recycled argument slots kept beyond those a command uses.
const KEEP_SLOTS: usize = 256;

/// Incremental request parser: feed it bytes as they arrive, take out
/// complete commands. It never blocks and never does I/O; a host can also
/// read straight into its buffer with [`RequestParser::spare`] and
/// [`RequestParser::filled`] to save a copy.
///
/// Memory grows only with bytes actually received, never with a length a
/// client announces.
#[derive(Debug)]
pub struct RequestParser {
    /// `buf[start..end]` is received and not yet consumed; `buf[end..]` is
    /// spare space, zeroed once when allocated.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// How far the current line has been searched for its end without
    /// success, so a long line arriving byte by byte is scanned once.
    scanned: usize,
    state: State,
    /// The command being assembled is `argv[..argc]`; slots after it are
    /// buffers handed back by the caller, reused to spare allocations.
    argv: Vec<Vec<u8>>,
    argc: usize,
    max_bulk_len: u64,
    /// The client has not authenticated while a password is asked for:
    /// at most 10 arguments of at most 16 KiB each, as Redis allows.
    unauthenticated: bool,
    /// Once a protocol error is found it is returned forever: the
    /// connection is done, nothing after the error may run.
    failed: Option<ProtocolError>,
}

impl Default for RequestParser {
    fn default() -> Self {
        RequestParser::new()
    }
}

impl RequestParser {
    pub fn new() -> RequestParser {
        RequestParser::with_max_bulk_len(DEFAULT_MAX_BULK_LEN)
    }

    /// `max_bulk_len` is proto-max-bulk-len: longer arguments are refused
    /// with "invalid bulk length".
    pub fn with_max_bulk_len(max_bulk_len: u64) -> RequestParser {
        RequestParser {
            buf: Vec::new(),
            start: 0,
            end: 0,
            scanned: 0,
            state: State::Idle,
            argv: Vec::new(),
            argc: 0,
            max_bulk_len,
            unauthenticated: false,
            failed: None,
        }
    }

    /// Whether the client still has to authenticate (see
    /// `unauthenticated`); applies to requests not yet started.
    pub fn set_unauthenticated(&mut self, unauthenticated: bool) {
        self.unauthenticated = unauthenticated;
    }

    /// Change the bulk limit for what is parsed from now on.
    pub fn set_max_bulk_len(&mut self, max_bulk_len: u64) {
        self.max_bulk_len = max_bulk_len;
    }

    /// Append received bytes.
    pub fn feed(&mut self, bytes: &[u8]) {
        let spare = self.spare(bytes.len());
        if let Some(dst) = spare.get_mut(..bytes.len()) {
            dst.copy_from_slice(bytes);
            self.filled(bytes.len());
        }
    }

    /// At least `min` bytes of free buffer to read into; report how many
    /// were written with [`filled`](Self::filled).
    pub fn spare(&mut self, min: usize) -> &mut [u8] {
        self.compact();
        let free = self.buf.len() - self.end;
        if free < min {
            let want = self
                .end
                .saturating_add(min)
                .max(self.buf.len().saturating_mul(2))
                .max(INITIAL_CAPACITY);
            self.buf.resize(want, 0);
        }
        let end = self.end;
        self.buf.get_mut(end..).unwrap_or_default()
    }

    /// `n` bytes were written at the start of the slice [`spare`](Self::spare) returned.
    pub fn filled(&mut self, n: usize) {
        self.end = self.end.saturating_add(n).min(self.buf.len());
    }

    /// Make room by moving unconsumed bytes to the front, and give a large
    /// buffer back once it is empty.
    fn compact(&mut self) {
        if self.start == self.end {
            self.scanned = self.scanned.saturating_sub(self.start);
            self.start = 0;
            self.end = 0;
            if self.buf.len() > SHRINK_ABOVE {
                self.buf = Vec::new();
            }
        } else if self.start > 0 && self.start >= self.buf.len() / 2 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.scanned = self.scanned.saturating_sub(self.start);
            self.start = 0;
        }
    }

    /// Bytes received and not yet consumed.
    pub fn buffered(&self) -> usize {
        self.end - self.start
    }

    /// Memory held for the request being received: unconsumed bytes plus
    /// the arguments of a multibulk request already parsed. The host
    /// compares it with client-query-buffer-limit.
    pub fn pending_bytes(&self) -> usize {
        let held = match &self.state {
            State::Multibulk { held, .. } => *held,
            State::Idle => 0,
        };
        self.buffered().saturating_add(held)
    }

    /// True when a command has started arriving but is not complete.
    pub fn is_partial(&self) -> bool {
        self.buffered() > 0 || matches!(self.state, State::Multibulk { .. })
    }

    /// The next complete command, `None` when more bytes are needed. Empty
    /// requests (`*0`, blank lines) are skipped, as Redis does. After an
    /// error, the same error is returned on every call.
    pub fn next_command(&mut self) -> Option<Result<Vec<Vec<u8>>, ProtocolError>> {
        let mut argv = Vec::new();
        let argc = match self.next_into(&mut argv)? {
            Ok(n) => n,
            Err(e) => return Some(Err(e)),
        };
        argv.truncate(argc);
        Some(Ok(argv))
    }

    /// Like [`next_command`](Self::next_command), without allocating in the
    /// steady state: the command is `argv[..argc]` (the returned count),
    /// and whatever `argv` held before is taken back as buffers to reuse.
    /// A server that keeps passing the same vectors allocates nothing per
    /// command.
    pub fn next_into(&mut self, argv: &mut Vec<Vec<u8>>) -> Option<Result<usize, ProtocolError>> {
        if let Some(e) = &self.failed {
            return Some(Err(e.clone()));
        }
        match self.parse() {
            Ok(true) => {
                let argc = std::mem::replace(&mut self.argc, 0);
                std::mem::swap(&mut self.argv, argv);
                self.argv.truncate(KEEP_SLOTS);
                Some(Ok(argc))
            }
            Ok(false) => None,
            Err(e) => {
                self.failed = Some(e.clone());
                Some(Err(e))
            }
        }
    }

    /// Append an argument to the command being assembled, in a recycled
    /// buffer when there is one.
    fn push_arg(&mut self, from: usize, to: usize) {
        let bytes = self.buf.get(from..to).unwrap_or_default();
        match self.argv.get_mut(self.argc) {
            Some(slot) if slot.capacity() <= KEEP_ARG || bytes.len() > KEEP_ARG => {
                slot.clear();
                slot.extend_from_slice(bytes);
            }
            Some(slot) => *slot = bytes.to_vec(),
            None => self.argv.push(bytes.to_vec()),
        }
        self.argc += 1;
    }

    /// True when a complete command is in `argv[..argc]`.
    fn parse(&mut self) -> Result<bool, ProtocolError> {
        loop {
            if matches!(self.state, State::Idle) {
                let Some(&first) = self.buf.get(self.start).filter(|_| self.start < self.end)
                else {
                    return Ok(false);
                };
                if first == b'*' {
                    if !self.multibulk_header()? {
                        return Ok(false);
                    }
                    continue;
                }
                match self.inline()? {
                    None => return Ok(false),
                    Some(args) if args.is_empty() => continue,
                    Some(args) => {
                        self.argc = 0;
                        self.argv.truncate(args.len());
                        for (i, a) in args.into_iter().enumerate() {
                            match self.argv.get_mut(i) {
                                Some(slot) => *slot = a,
                                None => self.argv.push(a),
                            }
                        }
                        self.argc = self.argv.len();
                        return Ok(true);
                    }
                }
            }
            return self.multibulk_body();
        }
    }

    /// Search the current line for `want`; `strchr` semantics: a NUL ends
    /// the search unsuccessfully. Returns the terminator's index.
    fn find(&mut self, want: u8) -> Option<usize> {
        let from = self.scanned.max(self.start);
        let hay = self.buf.get(from..self.end)?;
        match hay.iter().position(|&b| b == want || b == 0) {
            Some(i) if hay.get(i) == Some(&want) => {
                self.scanned = 0;
                Some(from + i)
            }
            // A NUL: Redis's strchr never sees past it, however much comes later.
            Some(i) => {
                self.scanned = from + i;
                None
            }
            None => {
                self.scanned = self.end;
                None
            }
        }
    }

    fn inline(&mut self) -> Result<Option<Vec<Vec<u8>>>, ProtocolError> {
        let Some(nl) = self.find(b'\n') else {
            if self.buffered() > INLINE_MAX_SIZE {
                return Err(ProtocolError::TooBigInline);
            }
            return Ok(None);
        };
        let mut line_end = nl;
        if nl > self.start && self.buf.get(nl - 1) == Some(&b'\r') {
            line_end -= 1;
        }
        let line = self.buf.get(self.start..line_end).unwrap_or_default();
        let argv = split_args(line).ok_or(ProtocolError::UnbalancedQuotes)?;
        self.start = nl + 1;
        Ok(Some(argv))
    }

    /// Returns false when the header line is not complete yet.
    fn multibulk_header(&mut self) -> Result<bool, ProtocolError> {
        let Some(cr) = self.find(b'\r') else {
            if self.buffered() > INLINE_MAX_SIZE {
                return Err(ProtocolError::TooBigMbulkCount);
            }
            return Ok(false);
        };
        // Redis wants one more byte (the '\n', never checked).
        if cr + 1 >= self.end {
            self.scanned = cr;
            return Ok(false);
        }
        let digits = self.buf.get(self.start + 1..cr).unwrap_or_default();
        let n = match string2ll(digits) {
            Some(n) if n <= MAX_MULTIBULK_LEN => n,
            _ => return Err(ProtocolError::InvalidMultibulkLength),
        };
        if n > 10 && self.unauthenticated {
            return Err(ProtocolError::UnauthMultibulkLength);
        }
        self.start = cr + 2;
        if n > 0 {
            let n = n as usize;
            self.argc = 0;
            self.state = State::Multibulk {
                left: n,
                bulk: None,
                held: 0,
            };
        }
        Ok(true)
    }

    fn multibulk_body(&mut self) -> Result<bool, ProtocolError> {
        loop {
            let (left, bulk) = match &self.state {
                State::Multibulk { left, bulk, .. } => (*left, *bulk),
                State::Idle => return Ok(false),
            };
            if left == 0 {
                self.state = State::Idle;
                return Ok(true);
            }
            let len = match bulk {
                Some(len) => len,
                None => {
                    let Some(cr) = self.find(b'\r') else {
                        if self.buffered() > INLINE_MAX_SIZE {
                            return Err(ProtocolError::TooBigBulkCount);
                        }
                        return Ok(false);
                    };
                    if cr + 1 >= self.end {
                        self.scanned = cr;
                        return Ok(false);
                    }
                    let first = self.buf.get(self.start).copied().unwrap_or(b'\r');
                    if first != b'$' {
                        return Err(ProtocolError::ExpectedDollar(first));
                    }
                    let digits = self.buf.get(self.start + 1..cr).unwrap_or_default();
                    let len = match string2ll(digits) {
                        Some(n) if n >= 0 && (n as u64) <= self.max_bulk_len => n,
                        _ => return Err(ProtocolError::InvalidBulkLength),
                    };
                    if len > 16384 && self.unauthenticated {
                        return Err(ProtocolError::UnauthBulkLength);
                    }
                    let len = usize::try_from(len).map_err(|_| ProtocolError::InvalidBulkLength)?;
                    self.start = cr + 2;
                    if let State::Multibulk { bulk, .. } = &mut self.state {
                        *bulk = Some(len);
                    }
                    len
                }
            };
            // The argument and the two bytes after it (meant to be CRLF,
            // never checked by Redis).
            let need = len.saturating_add(2);
            if self.buffered() < need {
                return Ok(false);
            }
            self.push_arg(self.start, self.start + len);
            self.start += need;
            if let State::Multibulk { left, bulk, held } = &mut self.state {
                *held = held.saturating_add(len + std::mem::size_of::<Vec<u8>>());
                *left -= 1;
                *bulk = None;
            }
        }
    }
}

/// Redis's string2ll: optional '-', no '+', no leading zeros, no spaces,
/// at most 20 characters, must fit an i64.
pub fn string2ll(s: &[u8]) -> Option<i64> {
    if s.is_empty() || s.len() >= 21 {
        return None;
    }
    if s == b"0" {
        return Some(0);
    }
    let (neg, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    match digits.first() {
        Some(b'1'..=b'9') => {}
        _ => return None,
    }
    let mut v: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    if neg {
        if v > i64::MAX as u64 + 1 {
            None
        } else {
            Some((v as i64).wrapping_neg())
        }
    } else {
        i64::try_from(v).ok()
    }
}

/// Split an inline request line into arguments: Redis's `sdssplitargs`,
/// quirks included. `None` means unbalanced quotes (which also covers a
/// closing quote followed by something other than a space).
///
/// - Blanks between arguments are C `isspace` (space, \t, \n, \v, \f, \r),
///   but an unquoted argument ends only at space, \t, \n, \r: `a\x0bb` is
///   one argument.
/// - Inside double quotes: `\xHH`, `\n \r \t \b \a`, and `\` before any
///   other character stands for that character.
/// - Inside single quotes only `\'` is an escape.
/// - Quotes may open in the middle of an argument: `a"b c"` is `ab c`.
/// - A NUL ends the line, as in the C string Redis works on.
///
/// redis-cli splits what a user types with the same function.
pub fn split_args(line: &[u8]) -> Option<Vec<Vec<u8>>> {
    let line = line
        .get(..line.iter().position(|&b| b == 0).unwrap_or(line.len()))
        .unwrap_or_default();
    let at = |i: usize| line.get(i).copied().unwrap_or(0);
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut args = Vec::new();
    let mut p = 0usize;
    loop {
        while p < line.len() && is_space(at(p)) {
            p += 1;
        }
        if p >= line.len() {
            return Some(args);
        }
        let mut cur = Vec::new();
        let (mut inq, mut insq) = (false, false);
        loop {
            let c = at(p);
            if inq {
                if c == b'\\'
                    && at(p + 1) == b'x'
                    && at(p + 2).is_ascii_hexdigit()
                    && at(p + 3).is_ascii_hexdigit()
                {
                    cur.push(hex(at(p + 2)) * 16 + hex(at(p + 3)));
                    p += 3;
                } else if c == b'\\' && at(p + 1) != 0 {
                    p += 1;
                    cur.push(match at(p) {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 0x08,
                        b'a' => 0x07,
                        other => other,
                    });
                } else if c == b'"' {
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return None;
                    }
                    p += 1;
                    break;
                } else if c == 0 {
                    return None;
                } else {
                    cur.push(c);
                }
            } else if insq {
                if c == b'\\' && at(p + 1) == b'\'' {
                    p += 1;
                    cur.push(b'\'');
                } else if c == b'\'' {
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return None;
                    }
                    p += 1;
                    break;
                } else if c == 0 {
                    return None;
                } else {
                    cur.push(c);
                }
            } else {
                match c {
                    b' ' | b'\n' | b'\r' | b'\t' => {
                        p += 1;
                        break;
                    }
                    0 => break,
                    b'"' => inq = true,
                    b'\'' => insq = true,
                    other => cur.push(other),
                }
            }
            p += 1;
        }
        args.push(cur);
    }
}

fn hex(d: u8) -> u8 {
    match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        b'A'..=b'F' => d - b'A' + 10,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Step = Result<Vec<Vec<u8>>, ProtocolError>;

    /// Everything the parser yields for `input` fed at once, up to and
    /// including the first error.
    fn all(input: &[u8]) -> Vec<Step> {
        let mut p = RequestParser::new();
        p.feed(input);
        drain(&mut p)
    }

    fn drain(p: &mut RequestParser) -> Vec<Step> {
        let mut out = Vec::new();
        while let Some(r) = p.next_command() {
            let stop = r.is_err();
            out.push(r);
            if stop {
                break;
            }
        }
        out
    }

    fn cmd(parts: &[&str]) -> Step {
        Ok(parts.iter().map(|s| s.as_bytes().to_vec()).collect())
    }

    fn err_text(input: &[u8]) -> String {
        match all(input).pop() {
            Some(Err(e)) => String::from_utf8_lossy(&e.text()).into_owned(),
            other => panic!("expected an error for {input:?}, got {other:?}"),
        }
    }

    #[test]
    fn multibulk() {
        assert_eq!(all(b"*1\r\n$4\r\nPING\r\n"), vec![cmd(&["PING"])]);
        assert_eq!(
            all(b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n"),
            vec![cmd(&["SET", "k", ""])]
        );
        // Binary-safe: CRLF and NUL inside an argument.
        assert_eq!(
            all(b"*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n"),
            vec![cmd(&["ECHO", "a\r\nb"])]
        );
        assert_eq!(all(b"*1\r\n$4\r\nPI\x00G\r\n"), vec![cmd(&["PI\0G"])]);
    }

    #[test]
    fn redis_quirks_in_multibulk() {
        // The two bytes after an argument are skipped unchecked.
        assert_eq!(
            all(b"*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n"),
            vec![cmd(&["PING"]), cmd(&["PING"])]
        );
        // So is the byte after the '\r' of a count line.
        assert_eq!(all(b"*1\rX$4\r\nPING\r\n"), vec![cmd(&["PING"])]);
        // Zero and negative counts are no-ops.
        assert_eq!(all(b"*0\r\n*-1\r\n*-5\r\nPING\r\n"), vec![cmd(&["PING"])]);
        // Redis 7 takes counts above 1024*1024 and waits for the arguments.
        assert_eq!(all(b"*1048577\r\n"), vec![]);
        assert_eq!(all(b"*2147483647\r\n"), vec![]);
        // A NUL before the line end hides it (strchr), so Redis waits.
        assert_eq!(all(b"*1\x00\r\n"), vec![]);
        assert_eq!(all(b"*1\r\n$4\x00\r\nPING\r\n"), vec![]);
        // Multibulk then inline in one buffer.
        assert_eq!(
            all(b"*1\r\n$4\r\nPING\r\nPING\r\n"),
            vec![cmd(&["PING"]), cmd(&["PING"])]
        );
    }

    #[test]
    fn protocol_errors_match_redis() {
        // Each text checked against redis-server 7.0.15.
        assert_eq!(
            err_text(b"*1\r\nX4\r\nPING\r\n"),
            "ERR Protocol error: expected '$', got 'X'"
        );
        assert_eq!(
            err_text(b"*1\r\n\r\n"),
            "ERR Protocol error: expected '$', got ' '"
        );
        assert_eq!(
            err_text(b"*1\r\n\nPING\r\n"),
            "ERR Protocol error: expected '$', got ' '"
        );
        assert_eq!(
            err_text(b"*2\r\n$4\r\nECHO\r\nPING\r\n"),
            "ERR Protocol error: expected '$', got 'P'"
        );
        for bad in [
            &b"*x\r\n"[..],
            b"*-0\r\n",
            b"*+1\r\n",
            b"*01\r\n",
            b"*\r\n",
            b"*1 \r\n",
            b"*2147483648\r\n",
            b"*99999999999999999999\r\n",
            b"*999999999999999999999\r\n",
        ] {
            assert_eq!(
                err_text(bad),
                "ERR Protocol error: invalid multibulk length",
                "{bad:?}"
            );
        }
        for bad in [
            &b"*1\r\n$-1\r\n"[..],
            b"*1\r\n$x\r\n",
            b"*1\r\n$\r\n",
            b"*1\r\n$-0\r\n",
            b"*1\r\n$+4\r\n",
            b"*1\r\n$04\r\n",
            b"*1\r\n$536870913\r\n",
            b"*1\r\n$99999999999999999999\r\n",
        ] {
            assert_eq!(
                err_text(bad),
                "ERR Protocol error: invalid bulk length",
                "{bad:?}"
            );
        }
        assert_eq!(all(b"*1\r\n$536870912\r\n"), vec![]);
        assert_eq!(
            err_text(b"ECHO \"abc\r\n"),
            "ERR Protocol error: unbalanced quotes in request"
        );
        assert_eq!(
            err_text(b"ECHO 'abc\r\n"),
            "ERR Protocol error: unbalanced quotes in request"
        );
        assert_eq!(
            err_text(b"ECHO \"abc\"d\r\n"),
            "ERR Protocol error: unbalanced quotes in request"
        );
        assert_eq!(
            err_text(b"ECHO \"a\\\r\n"),
            "ERR Protocol error: unbalanced quotes in request"
        );
        let mut long = vec![b'a'; INLINE_MAX_SIZE];
        assert_eq!(all(&long), vec![]);
        long.push(b'a');
        assert_eq!(
            err_text(&long),
            "ERR Protocol error: too big inline request"
        );
        let mut count = b"*".to_vec();
        count.extend(std::iter::repeat_n(b'1', INLINE_MAX_SIZE));
        assert_eq!(
            err_text(&count),
            "ERR Protocol error: too big mbulk count string"
        );
        let mut blen = b"*1\r\n$".to_vec();
        blen.extend(std::iter::repeat_n(b'1', INLINE_MAX_SIZE + 1));
        assert_eq!(
            err_text(&blen),
            "ERR Protocol error: too big bulk count string"
        );
        // The raw byte is echoed.
        let e = all(b"*1\r\n\xffPING\r\n").pop();
        assert_eq!(e, Some(Err(ProtocolError::ExpectedDollar(0xff))));
        assert_eq!(
            ProtocolError::ExpectedDollar(0xff).wire(),
            b"-ERR Protocol error: expected '$', got '\xff'\r\n".to_vec()
        );
    }

    #[test]
    fn commands_before_an_error_still_come_out() {
        let got = all(b"PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$x\r\nPING\r\n");
        assert_eq!(
            got,
            vec![
                cmd(&["PING"]),
                cmd(&["PING"]),
                Err(ProtocolError::InvalidBulkLength)
            ]
        );
        let mut p = RequestParser::new();
        p.feed(b"*x\r\n");
        assert!(matches!(p.next_command(), Some(Err(_))));
        p.feed(b"PING\r\n");
        assert_eq!(
            p.next_command(),
            Some(Err(ProtocolError::InvalidMultibulkLength)),
            "errors are sticky"
        );
    }

    #[test]
    fn inline() {
        assert_eq!(all(b"PING\r\nPING\nPING\r\n"), vec![cmd(&["PING"]); 3]);
        assert_eq!(all(b"\r\n\n   \r\nPING\r\n"), vec![cmd(&["PING"])]);
        assert_eq!(all(b"ECHO\t\tabc  \r\n"), vec![cmd(&["ECHO", "abc"])]);
        assert_eq!(all(b"$4\r\nPING\r\n"), vec![cmd(&["$4"]), cmd(&["PING"])]);
        assert_eq!(all(b"ECHO a\rb\r\n"), vec![cmd(&["ECHO", "a", "b"])]);
        assert_eq!(all(b"PING\rPING\r\n"), vec![cmd(&["PING", "PING"])]);
        // A NUL hides the newline, so Redis waits for more.
        assert_eq!(all(b"ECHO a\x00b\r\n"), vec![]);
        // Incomplete line.
        assert_eq!(all(b"PING"), vec![]);
    }

    #[test]
    fn split_args_like_sdssplitargs() {
        let s = |line: &[u8]| {
            split_args(line).map(|v| {
                v.into_iter()
                    .map(|a| String::from_utf8_lossy(&a).into_owned())
                    .collect::<Vec<_>>()
            })
        };
        let v = |parts: &[&str]| Some(parts.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        assert_eq!(s(b""), v(&[]));
        assert_eq!(s(b"   "), v(&[]));
        assert_eq!(s(br#"ECHO "a\x41\n\q\"b""#), v(&["ECHO", "aA\nq\"b"]));
        assert_eq!(s(br"ECHO 'a\'b\n'"), v(&["ECHO", "a'b\\n"]));
        assert_eq!(s(br"ECHO 'a\\b'"), v(&["ECHO", "a\\\\b"]));
        assert_eq!(s(br#"ECHO "\xZZ""#), v(&["ECHO", "xZZ"]));
        assert_eq!(s(br#"ECHO "\x4""#), v(&["ECHO", "x4"]));
        assert_eq!(s(br#"ECHO "\x4g""#), v(&["ECHO", "x4g"]));
        assert_eq!(s(br#"ECHO "\t\r\b\a""#), v(&["ECHO", "\t\r\x08\x07"]));
        assert_eq!(s(br#"ECHO a"b c""#), v(&["ECHO", "ab c"]));
        assert_eq!(s(b"ECHO \"\""), v(&["ECHO", ""]));
        assert_eq!(s(b"ECHO ''"), v(&["ECHO", ""]));
        assert_eq!(s(b"ECHO \"a\"\x0b"), v(&["ECHO", "a"]));
        assert_eq!(s(b"ECHO a\x0bb"), v(&["ECHO", "a\x0bb"]));
        assert_eq!(s(b"ECHO\x0cabc"), v(&["ECHO\x0cabc"]));
        assert_eq!(s(b"\x0cPING"), v(&["PING"]));
        assert_eq!(s(b"ECHO \"a\"\x0cb"), v(&["ECHO", "a", "b"]));
        assert_eq!(s(b"ECHO 'a'\tb"), v(&["ECHO", "a", "b"]));
        assert_eq!(s(b"a\x00 b"), v(&["a"]));
        assert_eq!(s(b"\"abc"), None);
        assert_eq!(s(b"'abc"), None);
        assert_eq!(s(b"\"abc\"d"), None);
        assert_eq!(s(b"'abc'd"), None);
        assert_eq!(s(b"\"a\\"), None);
        assert_eq!(
            split_args(b"\"\\xff\\x00\"").map(|v| v.concat()),
            Some(vec![0xff, 0x00])
        );
        assert_eq!(
            split_args(b"caf\xc3\xa9").map(|v| v.concat()),
            Some(b"caf\xc3\xa9".to_vec())
        );
    }

    #[test]
    fn string2ll_is_strict() {
        assert_eq!(string2ll(b"0"), Some(0));
        assert_eq!(string2ll(b"-1"), Some(-1));
        assert_eq!(string2ll(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(string2ll(b"-9223372036854775808"), Some(i64::MIN));
        for bad in [
            &b""[..],
            b"-",
            b"-0",
            b"+1",
            b"01",
            b" 1",
            b"1 ",
            b"9223372036854775808",
            b"-9223372036854775809",
            b"1a",
            b"18446744073709551616",
        ] {
            assert_eq!(string2ll(bad), None, "{bad:?}");
        }
    }

    /// Every way of cutting the input into two reads, and one byte at a
    /// time, gives the same commands as reading it whole.
    #[test]
    fn split_at_every_byte() {
        let inputs: &[&[u8]] = &[
            b"*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nva\r\nl\r\n*1\r\n$4\r\nPING\r\nECHO \"a b\" 'c'\r\n\r\n*0\r\nGET key\n",
            b"*2\r\n$4\r\nECHO\r\n$0\r\n\r\n*1\rX$4\r\nPINGxx",
            b"PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$x\r\nPING\r\n",
            b"ECHO \"unbalanced\r\nPING\r\n",
        ];
        for input in inputs {
            let whole = all(input);
            for cut in 0..=input.len() {
                let mut p = RequestParser::new();
                let mut got = Vec::new();
                for part in [&input[..cut], &input[cut..]] {
                    p.feed(part);
                    got.extend(drain(&mut p));
                    if got.last().is_some_and(|r| r.is_err()) {
                        break;
                    }
                }
                assert_eq!(
                    got,
                    whole,
                    "cut at {cut} of {:?}",
                    String::from_utf8_lossy(input)
                );
            }
            let mut p = RequestParser::new();
            let mut got = Vec::new();
            for b in input.iter() {
                p.feed(std::slice::from_ref(b));
                got.extend(drain(&mut p));
                if got.last().is_some_and(|r| r.is_err()) {
                    break;
                }
            }
            assert_eq!(got, whole, "byte by byte");
        }
    }

    #[test]
    fn big_argument_arrives_in_pieces() {
        let value = vec![b'v'; 300_000];
        let mut input = format!("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n${}\r\n", value.len()).into_bytes();
        input.extend_from_slice(&value);
        input.extend_from_slice(b"\r\n");
        let mut p = RequestParser::new();
        let mut got = Vec::new();
        for chunk in input.chunks(7_001) {
            p.feed(chunk);
            got.extend(drain(&mut p));
        }
        assert_eq!(got.len(), 1);
        assert_eq!(
            got.first()
                .and_then(|r| r.as_ref().ok())
                .and_then(|a| a.get(2))
                .map(Vec::len),
            Some(value.len())
        );
        assert_eq!(p.buffered(), 0);
        assert!(!p.is_partial());
    }

    #[test]
    fn next_into_reuses_buffers() {
        let mut p = RequestParser::new();
        p.feed(b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\nGET k\r\n*1\r\n$4\r\nPING\r\n");
        let mut a = Vec::new();
        let mut b = Vec::new();
        assert_eq!(p.next_into(&mut a), Some(Ok(3)));
        assert_eq!(
            a.get(..3),
            Some(&[b"SET".to_vec(), b"k".to_vec(), b"hello".to_vec()][..])
        );
        assert_eq!(p.next_into(&mut b), Some(Ok(2)));
        assert_eq!(b.get(..2), Some(&[b"GET".to_vec(), b"k".to_vec()][..]));
        // `a` goes back in: its buffers are reused, the count says what is valid.
        assert_eq!(p.next_into(&mut a), Some(Ok(1)));
        assert_eq!(a.first(), Some(&b"PING".to_vec()));
        assert_eq!(p.next_into(&mut a), None);
        // Same thing fed byte by byte.
        let mut p = RequestParser::new();
        let mut got = Vec::new();
        for byte in b"*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n*1\r\n$1\r\nx\r\n" {
            p.feed(&[*byte]);
            while let Some(Ok(n)) = p.next_into(&mut a) {
                got.push(a.get(..n).map(|s| s.to_vec()));
            }
        }
        assert_eq!(
            got,
            vec![
                Some(vec![b"ECHO".to_vec(), b"hi".to_vec()]),
                Some(vec![b"x".to_vec()])
            ]
        );
    }

    #[test]
    fn unauthenticated_clients_may_send_short_requests_only() {
        let mut p = RequestParser::new();
        p.set_unauthenticated(true);
        p.feed(b"*11\r\n");
        assert_eq!(
            p.next_command(),
            Some(Err(ProtocolError::UnauthMultibulkLength))
        );
        let mut p = RequestParser::new();
        p.set_unauthenticated(true);
        p.feed(b"*2\r\n$3\r\nGET\r\n$16385\r\n");
        assert_eq!(p.next_command(), Some(Err(ProtocolError::UnauthBulkLength)));
        let mut p = RequestParser::new();
        p.set_unauthenticated(true);
        p.feed(b"*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n*11\r\n");
        assert_eq!(
            p.next_command(),
            Some(Ok(vec![b"AUTH".to_vec(), b"pw".to_vec()]))
        );
        p.set_unauthenticated(false);
        assert_eq!(p.next_command(), None);
    }

    #[test]
    fn max_bulk_len_is_a_parameter() {
        let mut p = RequestParser::with_max_bulk_len(3);
        p.feed(b"*1\r\n$3\r\nabc\r\n*1\r\n$4\r\nabcd\r\n");
        assert_eq!(
            drain(&mut p),
            vec![cmd(&["abc"]), Err(ProtocolError::InvalidBulkLength)]
        );
    }

    #[test]
    fn announced_lengths_do_not_allocate() {
        let mut p = RequestParser::new();
        p.feed(b"*2147483647\r\n$536870912\r\nabc");
        assert_eq!(p.next_command(), None);
        assert!(p.pending_bytes() < 1024);
        assert!(p.buf.len() < 1024 * 1024);
    }

    /// Random bytes, and random mutations of valid requests, never panic
    /// and never yield a command after an error.
    #[test]
    fn fuzz_no_panic() {
        let mut s: u64 = 0x2545F4914F6CDD1D;
        let mut rnd = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let seeds: &[&[u8]] = &[
            b"*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n",
            b"SET \"k\\x41\" 'v\\'' \r\n",
            b"*0\r\n*-1\r\nPING\n",
        ];
        let alphabet = b"*$\r\n\"'\\x0123456789- aA\x00\xff\t";
        for round in 0..20_000 {
            let len = (rnd() % 64) as usize;
            let mut input: Vec<u8> = if round % 2 == 0 {
                (0..len)
                    .map(|_| {
                        *alphabet
                            .get((rnd() % alphabet.len() as u64) as usize)
                            .unwrap_or(&b'a')
                    })
                    .collect()
            } else {
                let mut v = seeds
                    .get(round % seeds.len())
                    .map(|s| s.to_vec())
                    .unwrap_or_default();
                for _ in 0..(rnd() % 4) {
                    if v.is_empty() {
                        break;
                    }
                    let i = (rnd() % v.len() as u64) as usize;
                    if let Some(b) = v.get_mut(i) {
                        *b = (rnd() & 0xff) as u8;
                    }
                }
                v
            };
            if round % 7 == 0 {
                input.extend((0..len).map(|_| (rnd() & 0xff) as u8));
            }
            let mut p = RequestParser::with_max_bulk_len(1 + rnd() % 100);
            let mut failed = false;
            for chunk in input.chunks(1 + (rnd() % 9) as usize) {
                p.feed(chunk);
                for _ in 0..100 {
                    match p.next_command() {
                        None => break,
                        Some(Ok(argv)) => {
                            assert!(!failed);
                            assert!(!argv.is_empty());
                        }
                        Some(Err(e)) => {
                            failed = true;
                            assert!(e.text().starts_with(b"ERR Protocol error: "));
                            break;
                        }
                    }
                }
            }
            let _ = split_args(&input);
        }
    }
}
