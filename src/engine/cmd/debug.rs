//! DEBUG: the server's test hooks, refused unless `enable-debug-command`
//! allows them (the check is in dispatch, as Redis makes it before the
//! command runs). Redis's own test suite leans on these: DIGEST to
//! compare datasets, SET-ACTIVE-EXPIRE to watch lazy expiry alone,
//! OBJECT to look at an encoding, SLEEP to make a slow server. The ones
//! that crash or restart the process, or read and write RDB and AOF files
//! (RELOAD, LOADAOF: persistence is issue 18's), answer an error saying so.

use sha1_smol::Sha1;

use super::arg;
use super::streams::store::as_stream;
use crate::engine::args::{eq_ignore_case, parse_f64, parse_i64};
use crate::engine::db::Entry;
use crate::engine::errors;
use crate::engine::events::Stop;
use crate::engine::table::Command;
use crate::engine::value::{StrValue, Value};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

/// Redis's error for a DEBUG the configuration does not allow.
const REFUSED: &str = "ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.";

/// Dispatch's check (`table::Refuse`), before DEBUG runs or is queued.
pub fn refuse(eng: &Engine, sess: &Session, _: &'static Command) -> Option<Reply> {
    (!allowed(eng, sess)).then(|| Reply::err(REFUSED))
}

/// Whether `enable-debug-command` lets this client run DEBUG: `yes`, or
/// `local` and a connection from the loopback address (Redis's
/// `islocalClient`: 127.0.0.1 or ::1).
fn allowed(eng: &Engine, sess: &Session) -> bool {
    match eng.config.get_str("enable-debug-command").as_deref() {
        Some("yes") => true,
        Some("local") => {
            let addr = sess.addr.addr.as_str();
            let ip = addr.rsplit_once(':').map_or(addr, |(ip, _)| ip);
            matches!(ip.trim_matches(['[', ']']), "127.0.0.1" | "::1")
        }
        _ => false,
    }
}

/// DEBUG <subcommand> [<arg> ...]
pub fn debug(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let sub = arg(argv, 1);
    let n = argv.len();
    let is = |word: &str| eq_ignore_case(sub, word);
    if is("help") && n == 2 {
        crate::engine::table::help_reply("debug|help")
    } else if is("object") && n == 3 {
        object(eng, sess, arg(argv, 2))
    } else if is("digest") && n == 2 {
        Reply::Simple(hex(&dataset_digest(eng)))
    } else if is("digest-value") {
        let db = sess.db;
        Reply::Array(
            argv.iter()
                .skip(2)
                .map(|key| {
                    let mut d = [0u8; 20];
                    // Logically expired keys too, as Redis's raw lookup.
                    if let Some(e) = eng.db(db).and_then(|x| x.raw_get(key)) {
                        let volatile = eng.db(db).and_then(|x| x.expire_at(key)).is_some();
                        value_digest(&mut d, e, volatile);
                    }
                    Reply::Simple(hex(&d))
                })
                .collect(),
        )
    } else if is("protocol") && n == 3 {
        protocol(eng, sess, arg(argv, 2))
    } else if is("sleep") && n == 3 {
        sleep(eng, arg(argv, 2));
        Reply::ok()
    } else if is("set-active-expire") && n == 3 {
        eng.active_expire_enabled = super::atoi(arg(argv, 2)) != 0;
        Reply::ok()
    } else if is("quicklist-packed-threshold") && n == 3 {
        // Lists here keep no plain nodes, so there is nothing to set: the
        // size is only checked, as Redis checks it.
        match crate::engine::config::memtoull(&String::from_utf8_lossy(arg(argv, 2))) {
            Some(sz) if sz < (1u64 << 32) => Reply::ok(),
            _ => {
                Reply::err("ERR argument must be a memory value bigger than 1 and smaller than 4gb")
            }
        }
    } else if is("set-skip-checksum-validation") && n == 3 {
        eng.persist.skip_checksum = crate::engine::cmd::atoi(arg(argv, 2)) != 0;
        Reply::ok()
    } else if is("set-disable-deny-scripts") && n == 3 {
        eng.script_deny_disabled = crate::engine::cmd::atoi(arg(argv, 2)) != 0;
        Reply::ok()
    } else if (is("pause-cron") || is("aof-flush-sleep")) && n == 3 {
        // Switches for machinery this server does not have (the cron,
        // the AOF's background flush): Redis takes any text here
        // (`atoi`), and so do we.
        Reply::ok()
    } else if is("error") && n == 3 {
        Reply::err(String::from_utf8_lossy(arg(argv, 2)).into_owned())
    } else if is("log") && n == 3 {
        log_line(&String::from_utf8_lossy(arg(argv, 2)));
        Reply::ok()
    } else if is("populate") && (3..=5).contains(&n) {
        populate(eng, sess, argv)
    } else if is("change-repl-id") && n == 2 {
        // No replication here: there are no ids to change.
        Reply::ok()
    } else if is("stringmatch-test") && n == 2 {
        Reply::simple("Apparently Redis did not crash: test passed")
    } else if (is("listpack") && n == 3) || (is("quicklist") && (n == 3 || n == 4)) {
        printed_on_stdout(eng, sess, argv)
    } else if is("replybuffer") && n == 4 {
        replybuffer(argv)
    } else if is("restart") {
        super::restart::debug_restart(eng, sess, argv, Stop::Clean)
    } else if is("crash-and-recover") {
        super::restart::debug_restart(eng, sess, argv, Stop::Crash)
    } else if is("power-cut") {
        super::restart::debug_restart(eng, sess, argv, Stop::PowerCut)
    } else if ["segfault", "panic", "assert", "oom"].iter().any(|w| is(w)) {
        Reply::err(format!(
            "ERR DEBUG {} would crash the server, which this one does not do",
            String::from_utf8_lossy(sub).to_ascii_uppercase()
        ))
    } else if is("reload") {
        reload(eng, argv)
    } else if is("loadaof") {
        super::aof::debug_loadaof(eng)
    } else {
        super::sub_syntax(argv)
    }
}

/// A line for the server's log: the native server's standard error. A
/// page has no server log; the line goes nowhere there.
pub(crate) fn log_line(text: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{text}");
    #[cfg(target_arch = "wasm32")]
    let _ = text;
}

/// DEBUG SLEEP seconds: the whole server stops. The engine never sleeps
/// itself (it names no thread or clock API): a host that can stop its
/// thread takes the request with `Engine::take_sleep` and sleeps after
/// the reply, every client waiting, as with Redis (the native server
/// does). A page cannot stop its thread, so there the engine holds every
/// client's commands back until that much engine time has passed, as a
/// paused server would.
fn sleep(eng: &mut Engine, secs: &[u8]) {
    // strtod: what does not parse counts as 0.
    let secs = parse_f64(secs)
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(0.0);
    // Microseconds past what a C long long holds: Redis's nanosleep gets
    // a nonsense time and returns at once; so does this.
    let micros = secs * 1_000_000.0;
    if !(1.0..9.2e18).contains(&micros) {
        return;
    }
    let micros = micros as u64;
    // What SLOWLOG sees this command take.
    eng.command_busy_us = i64::try_from(micros).unwrap_or(i64::MAX);
    #[cfg(not(target_arch = "wasm32"))]
    {
        eng.sleep_request = Some(micros);
    }
    #[cfg(target_arch = "wasm32")]
    {
        let ms = i64::try_from(micros / 1000).unwrap_or(i64::MAX);
        let end = eng.now_ms().saturating_add(ms);
        let (old_end, _) = eng.pause.unwrap_or((0, false));
        eng.pause = Some((old_end.max(end), true));
        eng.asleep_until = end;
    }
}

/// DEBUG PROTOCOL type: one reply of each RESP3 type, for client tests.
fn protocol(eng: &mut Engine, sess: &mut Session, name: &[u8]) -> Reply {
    let is = |w: &str| eq_ignore_case(name, w);
    if is("string") {
        Reply::bulk("Hello World")
    } else if is("integer") {
        Reply::Integer(12345)
    } else if is("double") {
        // Redis's sample value, not pi.
        #[allow(clippy::approx_constant)]
        Reply::Double(3.141)
    } else if is("bignum") {
        Reply::BigNumber("1234567999999999999999999999999999999".into())
    } else if is("null") {
        Reply::Null
    } else if is("array") {
        Reply::Array((0..3).map(Reply::Integer).collect())
    } else if is("set") {
        Reply::Set((0..3).map(Reply::Integer).collect())
    } else if is("map") {
        Reply::Map(
            (0..3)
                .map(|j| (Reply::Integer(j), Reply::Boolean(j == 1)))
                .collect(),
        )
    } else if is("attrib") {
        // An attribute is not a reply of its own: it comes ahead of the
        // real reply, to a RESP3 client only (the encoder drops it for
        // RESP2).
        Reply::Attributed(
            vec![(
                Reply::bulk("key-popularity"),
                Reply::Array(vec![Reply::bulk("key:123"), Reply::Integer(90)]),
            )],
            Box::new(Reply::bulk("Some real reply following the attribute")),
        )
    } else if is("push") {
        if sess.resp < 3 {
            return Reply::err("ERR RESP2 is not supported by this command");
        }
        // The push goes out first, then the reply.
        eng.push_to(
            sess.id,
            Reply::Push(vec![Reply::bulk("server-cpu-usage"), Reply::Integer(42)]),
        );
        Reply::bulk("Some real reply following the push reply")
    } else if is("true") {
        Reply::Boolean(true)
    } else if is("false") {
        Reply::Boolean(false)
    } else if is("verbatim") {
        Reply::Verbatim("txt".into(), b"This is a verbatim\nstring".to_vec())
    } else {
        Reply::err("ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false")
    }
}

/// DEBUG POPULATE's bounds in a page (keys, and bytes of values).
#[cfg(target_arch = "wasm32")]
const POPULATE_MAX_KEYS: i64 = 1_000_000;
#[cfg(target_arch = "wasm32")]
const POPULATE_MAX_BYTES: i64 = 64 << 20;

/// DEBUG POPULATE count [prefix] [size]: `count` string keys named
/// `prefix:N` (`key:N`) holding `value:N`, cut or padded with zero bytes
/// to `size`; keys that exist are left alone.
fn populate(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    // Redis's getPositiveLong: one error for both kinds of bad number.
    let positive = |raw: &[u8]| match parse_i64(raw) {
        Some(v) if v >= 0 => Ok(v),
        _ => Err(Reply::err("ERR value is out of range, must be positive")),
    };
    let count = match positive(arg(argv, 2)) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let size = match argv.get(4) {
        Some(raw) => match positive(raw) {
            Ok(s) => s,
            Err(e) => return e,
        },
        None => 0,
    };
    let max_len = crate::engine::cmd::strings::max_string_len(eng) as i64;
    if size > max_len {
        return Reply::err(errors::STRING_TOO_LONG);
    }
    // A page's memory is the tab's: a bound Redis does not have.
    #[cfg(target_arch = "wasm32")]
    if count > POPULATE_MAX_KEYS || count.saturating_mul(size.max(16)) > POPULATE_MAX_BYTES {
        return Reply::err(format!(
            "ERR DEBUG POPULATE makes at most {POPULATE_MAX_KEYS} keys and {} MB in a page",
            POPULATE_MAX_BYTES >> 20
        ));
    }
    let prefix = argv.get(3).map_or(&b"key"[..], |p| p.as_slice());
    let db = sess.db;
    for j in 0..count {
        let mut key = prefix.to_vec();
        key.extend_from_slice(format!(":{j}").as_bytes());
        // Redis formats the name into 128 bytes with its NUL.
        key.truncate(127);
        if eng.lookup(db, &key).is_some() {
            continue;
        }
        let mut val = format!("value:{j}").into_bytes();
        if size > 0 {
            val.resize(size as usize, 0);
        }
        eng.store(db, &key, Value::Str(StrValue::from_text(val)), false);
        eng.signal_modified(db, &key);
    }
    Reply::ok()
}

/// DEBUG LISTPACK key / DEBUG QUICKLIST key [0|1]: Redis prints the
/// structure on its standard output; the native server does the same
/// (in its own layout), a page writes it to the browser's console.
fn printed_on_stdout(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let quicklist = eq_ignore_case(arg(argv, 1), "quicklist");
    let key = arg(argv, 2);
    let Some(v) = eng.lookup(sess.db, key) else {
        return Reply::err(errors::NO_SUCH_KEY);
    };
    let enc = v.encoding();
    if quicklist {
        let Value::List(items) = v else {
            return Reply::err("ERR Not a quicklist encoded object.");
        };
        log_line(&format!("{{quicklist of {} elements}}", items.len()));
        return Reply::simple("Quicklist structure printed on stdout");
    }
    if enc != "listpack" {
        return Reply::err("ERR Not a listpack encoded object.");
    }
    log_line(&format!(
        "{{listpack {} of {}}}",
        String::from_utf8_lossy(key),
        v.type_name()
    ));
    Reply::simple("Listpack structure printed on stdout")
}

/// DEBUG REPLYBUFFER PEAK-RESET-TIME <NEVER|RESET|ms> / RESIZING <0|1>:
/// reply buffers are the host's, so only the arguments are checked.
fn replybuffer(argv: &[Vec<u8>]) -> Reply {
    let (what, value) = (arg(argv, 2), arg(argv, 3));
    if eq_ignore_case(what, "peak-reset-time") {
        if eq_ignore_case(value, "never") || eq_ignore_case(value, "reset") {
            return Reply::ok();
        }
        return match parse_i64(value) {
            Some(_) => Reply::ok(),
            None => Reply::err(errors::NOT_INTEGER),
        };
    }
    if eq_ignore_case(what, "resizing") {
        return Reply::ok();
    }
    super::sub_syntax(argv)
}

// ----- DEBUG RELOAD -----------------------------------------------------------

/// DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save the RDB file (SAVE's
/// file, `dir`/`dbfilename`), empty the dataset (libraries too) and load
/// the file back, as Redis does: encodings are chosen afresh under the
/// present limits, keys past their deadline are left out, idle times
/// start over. NOSAVE loads the file as it is; NOFLUSH loads over what
/// is there, which without MERGE fails on a key or library that exists.
/// Unlike Redis, a load that fails (no file, a bad one) changes nothing:
/// Redis empties the dataset first and then reports the failure.
fn reload(eng: &mut Engine, argv: &[Vec<u8>]) -> Reply {
    let (mut merge, mut flush, mut save) = (false, true, true);
    for o in argv.get(2..).unwrap_or_default() {
        if eq_ignore_case(o, "merge") {
            merge = true;
        } else if eq_ignore_case(o, "noflush") {
            flush = false;
        } else if eq_ignore_case(o, "nosave") {
            save = false;
        } else {
            return Reply::err(
                "ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.",
            );
        }
    }
    if save && eng.save_rdb().is_err() {
        return Reply::err("ERR");
    }
    match eng.load_rdb_file(flush, merge) {
        Ok(true) => {
            eng.report_loaded("dump.rdb");
            Reply::ok()
        }
        Ok(false) | Err(_) => Reply::err("ERR Error trying to load the RDB dump"),
    }
}

// ----- DEBUG OBJECT -----------------------------------------------------------

/// DEBUG OBJECT key: Redis's one-line look at a value. `at:` is where the
/// value sits in this process's memory (it stays while the value is
/// changed in place, as Redis's does); `serializedlength` is the size of
/// the value's RDB form; `lru` is the 24-bit
/// LRU clock of the last access (under an LFU policy, the access minute
/// and counter that Redis keeps in the same field).
fn object(eng: &mut Engine, sess: &mut Session, key: &[u8]) -> Reply {
    let now_ms = eng.now_ms();
    let lfu = eng.maxmemory_policy().contains("lfu");
    let fill = eng.config.get_i64("list-max-listpack-size");
    let compressed = eng.config.get_i64("list-compress-depth") != 0;
    let Some(e) = eng.db(sess.db).and_then(|d| d.raw_get(key)) else {
        return Reply::err(errors::NO_SUCH_KEY);
    };
    let v = &e.value;
    let serialized = rdb_len(eng, v);
    let refcount = if super::keys::shared_int(eng, v) {
        i64::from(i32::MAX)
    } else {
        1
    };
    let lru = if lfu {
        let minutes = (now_ms / 60_000) & 0xffff;
        (minutes << 8) | 5
    } else {
        i64::from(e.last_access()) & 0xff_ffff
    };
    let mut extra = String::new();
    if let Value::List(items) = v {
        let nodes = crate::engine::sizes::quicklist_nodes(items, fill);
        let count = nodes.len().max(1);
        let bytes: usize = nodes.iter().map(|(_, b)| b).sum();
        extra = format!(
            " ql_nodes:{} ql_avg_node:{:.2} ql_listpack_max:{fill} ql_compressed:{} ql_uncompressed_size:{bytes}",
            nodes.len(),
            items.len() as f64 / count as f64,
            u8::from(compressed),
        );
    }
    Reply::Simple(format!(
        "Value at:{:p} refcount:{refcount} encoding:{} serializedlength:{} lru:{lru} lru_seconds_idle:{}{extra}",
        v as *const Value,
        v.encoding(),
        serialized,
        e.idle_seconds(now_ms),
    ))
}

/// `rdbSavedObjectLen`: the bytes of the value's RDB form, as SAVE and
/// DUMP write it (LZF and all, under the present configuration).
fn rdb_len(eng: &Engine, v: &Value) -> usize {
    let mut out =
        crate::engine::rdb::Out::new(crate::engine::rdb::Options::from_config(&eng.config));
    out.value(v);
    out.into_bytes().len()
}

// ----- DEBUG DIGEST -------------------------------------------------------------

fn sha1(bytes: &[u8]) -> [u8; 20] {
    Sha1::from(bytes).digest().bytes()
}

/// Add an unordered part: xor its SHA1 in.
fn xor_in(digest: &mut [u8; 20], bytes: &[u8]) {
    for (d, h) in digest.iter_mut().zip(sha1(bytes)) {
        *d ^= h;
    }
}

/// Add an ordered part: xor its SHA1 in, then hash the result, so that
/// the same parts in another order give another digest.
fn mix_in(digest: &mut [u8; 20], bytes: &[u8]) {
    xor_in(digest, bytes);
    *digest = sha1(digest.as_slice());
}

fn hex(d: &[u8; 20]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Redis's type numbers, which the digest mixes in.
fn type_code(v: &Value) -> u32 {
    match v {
        Value::Str(_) => 0,
        Value::List(_) => 1,
        Value::Set(_) => 2,
        Value::ZSet(_) => 3,
        Value::Hash(_) => 4,
        Value::Stream(_) => 6,
    }
}

/// The digest of one value, as Redis's DEBUG DIGEST-VALUE computes it:
/// ordered parts (a list's elements, a stream's entries) are mixed in,
/// unordered ones (set members, hash fields, sorted set members with
/// their scores) xored, and a key with a time to live says so.
fn value_digest(d: &mut [u8; 20], e: &Entry, volatile: bool) {
    let v = &e.value;
    mix_in(d, &type_code(v).to_be_bytes());
    match v {
        Value::Str(s) => mix_in(d, &s.bytes),
        Value::List(items) => items.iter().for_each(|x| mix_in(d, x)),
        Value::Set(s) => s.items.iter().for_each(|m| xor_in(d, &m)),
        Value::ZSet(z) => {
            for (score, member) in z.iter() {
                let mut one = [0u8; 20];
                mix_in(&mut one, member);
                mix_in(&mut one, crate::resp::format_double(score).as_bytes());
                xor_in(d, &one);
            }
        }
        Value::Hash(h) => {
            for (field, value) in h.map.iter() {
                let mut one = [0u8; 20];
                mix_in(&mut one, field);
                mix_in(&mut one, value);
                xor_in(d, &one);
            }
        }
        Value::Stream(_) => {
            if let Some(s) = as_stream(v) {
                for item in s.range(
                    super::streams::store::Id::MIN,
                    super::streams::store::Id::MAX,
                    false,
                    0,
                ) {
                    mix_in(d, format!("{}.{}", item.id.ms, item.id.seq).as_bytes());
                    item.fields.iter().for_each(|f| mix_in(d, f));
                }
            }
        }
    }
    if volatile {
        xor_in(d, b"!!expire!!");
    }
}

/// DEBUG DIGEST: every non-empty db's number mixed in, then each key's
/// digest (its name mixed with its value's) xored, so that key order does
/// not matter. All zeros for an empty dataset.
fn dataset_digest(eng: &Engine) -> [u8; 20] {
    let mut total = [0u8; 20];
    for (i, db) in eng.dbs().iter().enumerate() {
        if db.is_empty() {
            continue;
        }
        mix_in(&mut total, &(i as u32).to_be_bytes());
        for (key, entry) in db.iter() {
            let mut one = [0u8; 20];
            mix_in(&mut one, key);
            value_digest(&mut one, entry, db.expire_at(key).is_some());
            xor_in(&mut total, &one);
        }
    }
    total
}
