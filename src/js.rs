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

#[wasm_bindgen]
pub struct Reddish {
    engine: Engine,
    session: SessionId,
}

impl Default for Reddish {
    fn default() -> Self {
        Reddish::new()
    }
}

#[wasm_bindgen]
impl Reddish {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Reddish {
        let now = now_ms();
        let mut engine = Engine::new(EngineOptions {
            seed: now as u64,
            start_us: now.saturating_mul(1000),
            ..Default::default()
        });
        engine.set_event_detail(crate::engine::Detail::Off);
        let session = engine.open_session(ClientAddr {
            addr: "127.0.0.1:40000".into(),
            laddr: "127.0.0.1:6379".into(),
            fd: 8,
        });
        Reddish { engine, session }
    }

    /// Run one command given as its words; the reply as a JS value.
    pub fn exec(&mut self, args: Vec<String>) -> Result<JsValue, JsError> {
        let argv: Vec<Vec<u8>> = args.into_iter().map(String::into_bytes).collect();
        self.engine.tick(now_ms());
        match self.engine.execute(self.session, &argv) {
            Reply::Error(e) => Err(JsError::new(&e)),
            r => Ok(to_js(&r)),
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
