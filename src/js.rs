//! The JS API: the engine for pages and Node, without the playground.
//!
//! ```js
//! const { Reddish } = require("./reddish.js");   // wasm-bindgen --target nodejs
//! const r = new Reddish();
//! r.exec(["SET", "a", "1"]);   // "OK"
//! r.exec(["INCR", "a"]);       // 2
//! r.run("GET a");              // '"2"' (redis-cli's formatting)
//! ```
//!
//! `exec` returns the reply as a JS value (strings, numbers, `null`,
//! arrays, `Map`s, booleans; integers past 2^53 as `BigInt`; bytes that are
//! not UTF-8 as `Uint8Array`) and throws an `Error` whose message is Redis's
//! error text. `run` returns what redis-cli would print. The clock is the
//! host's (`Date.now()`), read before each call. `toRdb` and `loadRdb`
//! carry the whole dataset out and in as a dump.rdb in Redis 7.0's format
//! (a file redis-server loads, or one it wrote).

use js_sys::{Array, Map, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::cli::Input;
use crate::engine::{ClientAddr, Engine, EngineOptions, SessionId};
use crate::reply::Reply;
use crate::web::model::{execute_for_console, MAX_REPEAT};

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

// Crossing between JS and wasm costs more than most commands: with
// wasm-bindgen's own conversions, each argument is a round trip (a handle,
// then a copy through a fresh array) and each reply string another. So
// `exec` crosses three times whatever the command: JS writes every
// argument into one buffer in the module's memory (ASCII byte by byte,
// the rest by `encodeInto`), the engine runs the command, and JS builds
// the reply from one buffer the engine wrote (`write_reply`'s format).
#[wasm_bindgen(inline_js = r#"
let memory = null, u8 = null, dv = null;
const encoder = new TextEncoder();
// ignoreBOM: a value that starts with U+FEFF keeps it, as wasm-bindgen's
// own decoder keeps it.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
function views() {
  if (u8 === null || u8.buffer !== memory.buffer) {
    u8 = new Uint8Array(memory.buffer);
    dv = new DataView(memory.buffer);
  }
}
export function reddish_install(m) { memory = m; }
// Each argument as a 4-byte length then its bytes. Returns the bytes
// written, or minus the room it needs when `cap` is too small.
export function reddish_encode(args, at, cap) {
  views();
  const p = put(args, at, at + cap, 'exec');
  return p < 0 ? -need(args) : p - at;
}
// `execMany`'s commands: their count, then each command's argument count
// and arguments as above.
export function reddish_encode_many(cmds, at, cap) {
  if (!Array.isArray(cmds)) throw new TypeError('execMany takes an array of commands');
  views();
  const end = at + cap;
  if (at + 4 > end) return -needMany(cmds);
  dv.setUint32(at, cmds.length, true);
  let p = at + 4;
  for (const c of cmds) {
    if (p + 4 > end) { p = -1; break; }
    const start = p;
    p = put(c, p + 4, end, 'execMany');
    if (p < 0) break;
    dv.setUint32(start, c.length, true);
  }
  return p < 0 ? -needMany(cmds) : p - at;
}
function needMany(cmds) {
  let n = 4;
  for (const c of cmds) n += 4 + need(c);
  if (n > 0x7fffffff) throw new RangeError('arguments over 2 GiB in one call');
  return n;
}
function put(args, p, end, who) {
  if (!Array.isArray(args)) throw new TypeError(`${who} takes arrays of arguments`);
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    if (typeof a === 'number' || typeof a === 'bigint') a = String(a);
    if (typeof a === 'string') {
      const n = a.length;
      // ASCII byte by byte; the rest, if any, by encodeInto, which says
      // whether all of it fitted.
      if (p + 4 + n > end) return -1;
      const start = p + 4;
      let q = start, j = 0;
      for (; j < n; j++) {
        const c = a.charCodeAt(j);
        if (c >= 0x80) break;
        u8[q++] = c;
      }
      if (j < n) {
        const rest = a.slice(j);
        const done = encoder.encodeInto(rest, u8.subarray(q, end));
        if (done.read < rest.length) return -1;
        q += done.written;
      }
      dv.setUint32(p, q - start, true);
      p = q;
    } else if (a instanceof Uint8Array) {
      if (p + 4 + a.length > end) return -1;
      dv.setUint32(p, a.length, true);
      u8.set(a, p + 4);
      p += 4 + a.length;
    } else {
      throw new TypeError(`${who}: argument ${i} is ${a === null ? 'null' : typeof a}; arguments are strings, numbers or Uint8Arrays`);
    }
  }
  return p;
}
// The bytes `put` needs for `args`, exactly; past what one call may pass
// (2 GiB), a RangeError.
function need(args) {
  let n = 0;
  if (Array.isArray(args)) {
    for (const a of args) n += 4 + (a instanceof Uint8Array ? a.length : utf8Length(String(a)));
  }
  if (n > 0x7fffffff) throw new RangeError('arguments over 2 GiB in one call');
  return n;
}
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
let q = 0;
function text(n) {
  const start = q;
  q += n;
  if (n < 48) {
    let s = '';
    for (let i = start; i < q; i++) s += String.fromCharCode(u8[i]);
    return s;
  }
  return utf8.decode(u8.subarray(start, q));
}
function value() {
  const tag = u8[q++];
  let n = 0;
  switch (tag) {
    case 0: return null;
    case 1: q += 8; return dv.getFloat64(q - 8, true);
    case 2: return u8[q++] === 1;
    case 3: n = dv.getUint32(q, true); q += 4; return text(n);
    case 4: n = dv.getUint32(q, true); q += 4; q += n; return utf8.decode(u8.subarray(q - n, q));
    case 5: n = dv.getUint32(q, true); q += 4; q += n; return u8.slice(q - n, q);
    case 6: { n = dv.getUint32(q, true); q += 4; const s = text(n);
      try { return BigInt(s); } catch { return s; } }
    case 7: { n = dv.getUint32(q, true); q += 4; const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = value();
      return out; }
    case 8: { n = dv.getUint32(q, true); q += 4; const m = new Map();
      for (let i = 0; i < n; i++) { const k = value(); m.set(k, value()); }
      return m; }
    case 9: n = dv.getUint32(q, true); q += 4; q += n; return new Error(utf8.decode(u8.subarray(q - n, q)));
  }
  throw new Error(`reddish: reply tag ${tag} unknown`);
}
export function reddish_decode(at) { views(); q = at; return value(); }
"#)]
extern "C" {
    fn reddish_install(memory: &JsValue);
    #[wasm_bindgen(catch)]
    fn reddish_encode(args: &JsValue, at: u32, cap: u32) -> Result<i32, JsValue>;
    #[wasm_bindgen(catch)]
    fn reddish_encode_many(cmds: &JsValue, at: u32, cap: u32) -> Result<i32, JsValue>;
    fn reddish_decode(at: u32) -> JsValue;
}

/// Read the arguments `reddish_encode` wrote: each a 4-byte length, then
/// its bytes.
fn read_args(buf: &[u8]) -> Vec<Vec<u8>> {
    let mut argv = Vec::new();
    let mut rest = buf;
    while let Some((len, tail)) = rest.split_first_chunk::<4>() {
        let n = (u32::from_le_bytes(*len) as usize).min(tail.len());
        let (arg, tail) = tail.split_at(n);
        argv.push(arg.to_vec());
        rest = tail;
    }
    argv
}

/// Read the commands `reddish_encode_many` wrote: their count, then each
/// one's argument count and arguments.
fn read_many(buf: &[u8]) -> Vec<Vec<Vec<u8>>> {
    fn word(rest: &mut &[u8]) -> usize {
        match rest.split_first_chunk::<4>() {
            Some((n, tail)) => {
                *rest = tail;
                u32::from_le_bytes(*n) as usize
            }
            None => 0,
        }
    }
    let mut rest = buf;
    let count = word(&mut rest);
    let mut cmds = Vec::with_capacity(count.min(rest.len() / 4));
    for _ in 0..count {
        let argc = word(&mut rest);
        let mut argv = Vec::with_capacity(argc.min(rest.len() / 4));
        for _ in 0..argc {
            let n = word(&mut rest).min(rest.len());
            let (arg, tail) = rest.split_at(n);
            argv.push(arg.to_vec());
            rest = tail;
        }
        cmds.push(argv);
    }
    cmds
}

/// The reply in the format `reddish_decode` reads: a tag byte, then
/// 0 null; 1 a number (f64); 2 a boolean (one byte); 3 ASCII text, 4 UTF-8
/// text, 5 bytes that are not UTF-8 (each a 4-byte length then the bytes);
/// 6 an integer JS numbers cannot hold (its digits, for BigInt); 7 an
/// array, 8 a map (a 4-byte count, then the items or pairs); 9 an error
/// (its text, for `new Error`), which only `execMany` writes.
fn write_reply(out: &mut Vec<u8>, r: &Reply) {
    fn len(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&(n.min(u32::MAX as usize) as u32).to_le_bytes());
    }
    fn bytes(out: &mut Vec<u8>, b: &[u8]) {
        let tag = if b.is_ascii() {
            3
        } else if std::str::from_utf8(b).is_ok() {
            4
        } else {
            5
        };
        out.push(tag);
        len(out, b.len());
        out.extend_from_slice(b);
    }
    fn number(out: &mut Vec<u8>, f: f64) {
        out.push(1);
        out.extend_from_slice(&f.to_le_bytes());
    }
    match r {
        Reply::Simple(s) | Reply::Error(s) => bytes(out, s.as_bytes()),
        Reply::Integer(i) if (-MAX_SAFE..=MAX_SAFE).contains(i) => number(out, *i as f64),
        Reply::Integer(i) => {
            out.push(6);
            let digits = i.to_string();
            len(out, digits.len());
            out.extend_from_slice(digits.as_bytes());
        }
        // Digits, for BigInt (a script's big_number may hold anything
        // else, which goes as text).
        Reply::BigNumber(n) if !n.is_ascii() => bytes(out, n.as_bytes()),
        Reply::BigNumber(n) => {
            out.push(6);
            len(out, n.len());
            out.extend_from_slice(n.as_bytes());
        }
        Reply::Bulk(b) | Reply::Verbatim(_, b) => bytes(out, b),
        Reply::Null | Reply::NullArray => out.push(0),
        Reply::Array(items) | Reply::Set(items) | Reply::Push(items) => {
            out.push(7);
            len(out, items.len());
            for item in items {
                write_reply(out, item);
            }
        }
        Reply::Map(pairs) => {
            out.push(8);
            len(out, pairs.len());
            for (k, v) in pairs {
                write_reply(out, k);
                write_reply(out, v);
            }
        }
        Reply::Double(d) => number(out, *d),
        Reply::Boolean(b) => out.extend_from_slice(&[2, u8::from(*b)]),
        // The reply an attribute annotates (only DEBUG PROTOCOL attrib).
        Reply::Attributed(_, reply) => write_reply(out, reply),
    }
}

#[wasm_bindgen]
pub struct Reddish {
    engine: Engine,
    session: SessionId,
    /// Where JS writes `exec`'s arguments (its length is its room).
    args: Vec<u8>,
    /// Where the engine writes the reply for JS to read.
    out: Vec<u8>,
}

impl Default for Reddish {
    fn default() -> Self {
        Reddish::new()
    }
}

/// Room for arguments and replies kept between calls; a bigger one is
/// given back after its call.
const BUF_KEEP: usize = 64 * 1024;
const BUF_START: usize = 4096;

#[wasm_bindgen]
impl Reddish {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Reddish {
        let now = now_ms();
        let mut engine = Engine::new(EngineOptions {
            seed: now as u64,
            // The keyspace's hash seed, unknown to whoever sends the keys.
            hash_seed: (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64,
            start_us: now.saturating_mul(1000),
            ..Default::default()
        });
        engine.set_event_detail(crate::engine::Detail::Off);
        let session = engine.open_session(ClientAddr {
            addr: "127.0.0.1:40000".into(),
            laddr: "127.0.0.1:6379".into(),
            fd: 8,
        });
        reddish_install(&wasm_bindgen::memory());
        Reddish {
            engine,
            session,
            args: vec![0; BUF_START],
            out: Vec::with_capacity(BUF_START),
        }
    }

    /// Run one command given as its words (strings; numbers and
    /// `Uint8Array`s too, as their text and their bytes); the reply as a
    /// JS value.
    pub fn exec(&mut self, args: &JsValue) -> Result<JsValue, JsValue> {
        let argv = self.take_args(args)?;
        self.tick();
        let reply = self.engine.execute(self.session, &argv);
        if let Reply::Error(e) = reply {
            return Err(JsError::new(&e).into());
        }
        self.out.clear();
        write_reply(&mut self.out, &reply);
        Ok(self.decode_out())
    }

    /// Run several commands in order, as a pipeline: one crossing into
    /// the engine for all of them. Returns each one's reply; a command
    /// that failed has an `Error` in its place (nothing is thrown), and
    /// the ones after it still run, as Redis runs a pipeline.
    #[wasm_bindgen(js_name = execMany)]
    pub fn exec_many(&mut self, commands: &JsValue) -> Result<JsValue, JsValue> {
        let n = self.encode(commands, reddish_encode_many)?;
        let cmds = read_many(&self.args[..n]);
        self.shrink_args();
        self.tick();
        self.out.clear();
        self.out.push(7);
        self.out
            .extend_from_slice(&u32::try_from(cmds.len()).unwrap_or(u32::MAX).to_le_bytes());
        for argv in &cmds {
            match self.engine.execute(self.session, argv) {
                Reply::Error(e) => {
                    self.out.push(9);
                    let n = u32::try_from(e.len()).unwrap_or(u32::MAX);
                    self.out.extend_from_slice(&n.to_le_bytes());
                    self.out.extend_from_slice(e.as_bytes());
                }
                reply => write_reply(&mut self.out, &reply),
            }
        }
        Ok(self.decode_out())
    }

    /// JS's value of what `write_reply` put in `out`.
    fn decode_out(&mut self) -> JsValue {
        let value = reddish_decode(self.out.as_ptr() as u32);
        if self.out.capacity() > BUF_KEEP {
            self.out = Vec::with_capacity(BUF_START);
        }
        value
    }

    /// The engine's clock to the host's, when it has moved: the clock's
    /// work (expiry, save points) needs nothing more within one
    /// millisecond, and calls come many to a millisecond.
    fn tick(&mut self) {
        let now = now_ms();
        if now != self.engine.now_ms() {
            self.engine.tick(now);
        }
    }

    /// The arguments JS wrote (`reddish_encode`'s format).
    fn take_args(&mut self, args: &JsValue) -> Result<Vec<Vec<u8>>, JsValue> {
        let n = self.encode(args, reddish_encode)?;
        let argv = read_args(&self.args[..n]);
        self.shrink_args();
        Ok(argv)
    }

    /// Have `encode` write `value` into `args` (made bigger when it did
    /// not fit); the length written.
    fn encode(
        &mut self,
        value: &JsValue,
        encode: fn(&JsValue, u32, u32) -> Result<i32, JsValue>,
    ) -> Result<usize, JsValue> {
        let room = |b: &Vec<u8>| {
            (
                b.as_ptr() as u32,
                u32::try_from(b.len()).unwrap_or(u32::MAX),
            )
        };
        let (at, cap) = room(&self.args);
        let mut wrote = encode(value, at, cap)?;
        if wrote < 0 {
            self.args = vec![0; wrote.unsigned_abs() as usize];
            let (at, cap) = room(&self.args);
            wrote = encode(value, at, cap)?;
        }
        usize::try_from(wrote)
            .ok()
            .filter(|n| *n <= self.args.len())
            .ok_or_else(|| JsError::new("the arguments did not fit").into())
    }

    /// A buffer made bigger for one call is given back after it.
    fn shrink_args(&mut self) {
        if self.args.len() > BUF_KEEP {
            self.args = vec![0; BUF_START];
        }
    }

    /// Messages that arrived for this client (SUBSCRIBE confirmations
    /// beyond the first, PUBLISH to a channel it listens to, keyspace
    /// notifications) since the last call, oldest first, each as an
    /// array like `["message", channel, payload]`. `exec` returns only a
    /// command's own reply; these wait here.
    pub fn messages(&mut self) -> Array {
        self.engine.tick(now_ms());
        self.engine
            .take_pushes(self.session)
            .iter()
            .map(to_js)
            .collect()
    }

    /// The whole dataset (every database, deadlines, function libraries)
    /// as the bytes of a dump.rdb, Redis 7.0's RDB format.
    #[wasm_bindgen(js_name = toRdb)]
    pub fn to_rdb(&mut self) -> Uint8Array {
        self.engine.tick(now_ms());
        Uint8Array::from(self.engine.rdb_bytes().as_slice())
    }

    /// Replace the dataset with a dump.rdb's (one written by `toRdb` or by
    /// redis-server up to 7.0). Keys past their deadline are left out. A
    /// file that does not read throws an `Error` saying why, and changes
    /// nothing.
    #[wasm_bindgen(js_name = loadRdb)]
    pub fn load_rdb(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        self.engine.tick(now_ms());
        self.engine
            .load_rdb(bytes, true, false)
            .map_err(|e| JsError::new(&format!("not a dump.rdb this engine reads: {e}")))
    }

    /// Run a line as typed at redis-cli; what redis-cli would print,
    /// without the final newline. Read like redis-cli reads it: quotes and
    /// escapes, a repeat count (`3 INCR n`, at most 10,000 runs), `HELP`.
    /// `quit`, `clear` and `:set` have no screen to act on and print nothing.
    pub fn run(&mut self, line: &str) -> String {
        let mut text = match crate::cli::parse_line(line) {
            Input::Empty | Input::Quit | Input::Clear | Input::SetHints(_) => String::new(),
            Input::Print(text) => text,
            Input::Help(args) => crate::cli::help_text(&args),
            Input::Command { repeat, argv } => {
                self.engine.tick(now_ms());
                let mut out = String::new();
                for _ in 0..repeat.min(MAX_REPEAT) {
                    let reply = execute_for_console(&mut self.engine, self.session, &argv);
                    // Confirmations and messages first, as redis-cli shows them.
                    let proto = self.engine.session(self.session).map_or(2, |s| s.resp);
                    for f in self.engine.take_pushes(self.session) {
                        let f = crate::cli::as_received(&f, proto);
                        out.push_str(&crate::cli::format_push(&f));
                    }
                    out.push_str(&crate::cli::format_command_reply(&argv, &reply));
                    for f in self.engine.take_late_pushes(self.session) {
                        let f = crate::cli::as_received(&f, proto);
                        out.push_str(&crate::cli::format_push(&f));
                    }
                }
                out
            }
        };
        if text.ends_with('\n') {
            text.pop();
        }
        text
    }
}

fn bytes_to_js(b: &[u8]) -> JsValue {
    match std::str::from_utf8(b) {
        Ok(s) => JsValue::from_str(s),
        Err(_) => Uint8Array::from(b).into(),
    }
}

/// Integers JS numbers hold exactly stay numbers; the rest become BigInt.
const MAX_SAFE: i64 = (1 << 53) - 1;

fn to_js(r: &Reply) -> JsValue {
    match r {
        Reply::Simple(s) => JsValue::from_str(s),
        Reply::Error(e) => JsValue::from_str(e),
        Reply::Integer(i) if (-MAX_SAFE..=MAX_SAFE).contains(i) => JsValue::from_f64(*i as f64),
        Reply::Integer(i) => js_sys::BigInt::from(*i).into(),
        Reply::Bulk(b) => bytes_to_js(b),
        Reply::Null | Reply::NullArray => JsValue::NULL,
        Reply::Array(items) | Reply::Set(items) | Reply::Push(items) => {
            items.iter().map(to_js).collect::<Array>().into()
        }
        Reply::Map(pairs) => {
            let m = Map::new();
            for (k, v) in pairs {
                m.set(&to_js(k), &to_js(v));
            }
            m.into()
        }
        Reply::Double(d) => JsValue::from_f64(*d),
        Reply::Boolean(b) => JsValue::from_bool(*b),
        Reply::BigNumber(n) => js_sys::BigInt::new(&JsValue::from_str(n))
            .map(JsValue::from)
            .unwrap_or_else(|_| JsValue::from_str(n)),
        Reply::Verbatim(_, text) => bytes_to_js(text),
        // The reply an attribute annotates (only DEBUG PROTOCOL attrib).
        Reply::Attributed(_, reply) => to_js(reply),
    }
}
