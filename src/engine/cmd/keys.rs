//! The generic group: commands that work on keys whatever their type.

use crate::engine::args::{eq_ignore_case, int_arg, parse_i64};
use crate::engine::cmd::arg;
use crate::engine::errors;
use crate::engine::glob;
use crate::engine::value::{StrEnc, Value};
use crate::engine::{Engine, Session, NUM_DBS};
use crate::reply::Reply;

const SAME_OBJECT: &str = "ERR source and destination objects are the same";

/// DEL key [key ...]
pub fn del(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut n = 0;
    for k in argv.iter().skip(1) {
        if eng.delete(sess.db, k) {
            eng.notify(sess.db, k, "del");
            n += 1;
        }
    }
    Reply::Integer(n)
}

/// UNLINK key [key ...]
///
/// Redis frees large values on another thread; here freeing is the same
/// work either way, so UNLINK is DEL.
pub fn unlink(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    del(eng, sess, argv)
}

/// EXISTS key [key ...]
pub fn exists(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let n = argv
        .iter()
        .skip(1)
        .filter(|k| eng.exists_read(sess.db, k))
        .count();
    Reply::Integer(n as i64)
}

/// TOUCH key [key ...]
pub fn touch(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let n = argv
        .iter()
        .skip(1)
        .filter(|k| eng.lookup(sess.db, k).is_some())
        .count();
    Reply::Integer(n as i64)
}

/// TYPE key
pub fn type_(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let key = arg(argv, 1);
    let name = if eng.exists_read(sess.db, key) {
        eng.db(sess.db)
            .and_then(|d| d.raw_get(key))
            .map_or("none", |e| e.value.type_name())
    } else {
        "none"
    };
    Reply::simple(name)
}

/// Alive keys of `db` matching `pattern`, in storage order.
fn matching_keys(eng: &Engine, db: usize, pattern: &[u8]) -> Vec<Vec<u8>> {
    let now = eng.now_ms();
    let all = pattern == b"*";
    eng.db(db)
        .map(|d| {
            d.iter()
                .filter(|(k, e)| d.deadline(k, e).is_none_or(|t| now <= t))
                .filter(|(k, _)| all || glob::matches(pattern, k, false))
                .map(|(k, _)| k.to_vec())
                .collect()
        })
        .unwrap_or_default()
}

/// KEYS pattern
pub fn keys(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    Reply::bulks(matching_keys(eng, sess.db, arg(argv, 1)))
}

/// Redis reads cursors with `strtoul`: an optional sign, digits, nothing
/// else; a minus wraps around as in C.
pub(crate) fn parse_cursor(raw: &[u8]) -> Result<u64, Reply> {
    let bad = || Reply::err("ERR invalid cursor");
    let (neg, digits) = match raw.first() {
        Some(b'-') => (true, raw.get(1..).unwrap_or_default()),
        Some(b'+') => (false, raw.get(1..).unwrap_or_default()),
        _ => (false, raw),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let v: u64 = std::str::from_utf8(digits)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    Ok(if neg { v.wrapping_neg() } else { v })
}

/// SCAN's options, shared with HSCAN/SSCAN/ZSCAN when they arrive.
pub(crate) struct ScanOptions {
    pub pattern: Option<Vec<u8>>,
    pub count: usize,
    pub type_name: Option<String>,
}

pub(crate) fn parse_scan_options(
    argv: &[Vec<u8>],
    from: usize,
    allow_type: bool,
) -> Result<ScanOptions, Reply> {
    let mut o = ScanOptions {
        pattern: None,
        count: 10,
        type_name: None,
    };
    let mut j = from;
    while let Some(opt) = argv.get(j) {
        let Some(val) = argv.get(j + 1) else {
            return Err(Reply::err(errors::SYNTAX));
        };
        if eq_ignore_case(opt, "count") {
            let c = int_arg(val)?;
            if c < 1 {
                return Err(Reply::err(errors::SYNTAX));
            }
            o.count = usize::try_from(c).unwrap_or(usize::MAX);
        } else if eq_ignore_case(opt, "match") {
            o.pattern = if val.as_slice() == b"*" {
                None
            } else {
                Some(val.clone())
            };
        } else if allow_type && eq_ignore_case(opt, "type") {
            o.type_name = Some(String::from_utf8_lossy(val).to_ascii_lowercase());
        } else {
            return Err(Reply::err(errors::SYNTAX));
        }
        j += 2;
    }
    Ok(o)
}

/// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
///
/// The cursor counts the positions still to visit, walking the keyspace
/// from its last position down (see `db.rs` for why that survives changes).
pub fn scan(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let cursor = match parse_cursor(arg(argv, 1)) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let opts = match parse_scan_options(argv, 2, true) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let db = sess.db;
    let len = eng.db(db).map_or(0, |d| d.len()) as u64;
    let mut pos = if cursor == 0 { len } else { cursor.min(len) };
    let mut found = Vec::new();
    let mut visited = 0usize;
    while pos > 0 && visited < opts.count {
        pos -= 1;
        visited += 1;
        if let Some((k, e)) = eng.db(db).and_then(|d| d.key_at(pos as usize)) {
            let type_ok = opts
                .type_name
                .as_deref()
                .is_none_or(|t| e.value.type_name() == t);
            let name_ok = opts
                .pattern
                .as_deref()
                .is_none_or(|p| glob::matches(p, k, false));
            if type_ok && name_ok {
                found.push(k.to_vec());
            }
        }
    }
    // Expired keys are dropped after the walk, so that removing them cannot
    // disturb the positions being walked.
    let alive: Vec<Vec<u8>> = found.into_iter().filter(|k| eng.exists(db, k)).collect();
    Reply::Array(vec![Reply::bulk(pos.to_string()), Reply::bulks(alive)])
}

/// RANDOMKEY
pub fn randomkey(eng: &mut Engine, sess: &mut Session, _argv: &[Vec<u8>]) -> Reply {
    let mut tries = 0;
    loop {
        tries += 1;
        let len = eng.db(sess.db).map_or(0, |d| d.len());
        if len == 0 {
            return Reply::Null;
        }
        let i = eng.random_index(len);
        let Some(key) = eng
            .db(sess.db)
            .and_then(|d| d.key_at(i))
            .map(|(k, _)| k.to_vec())
        else {
            return Reply::Null;
        };
        // An expired pick is removed, so the loop ends; while clients are
        // paused nothing is removed, and after 100 expired picks the last
        // one is answered (Redis 7.2's way out of the same loop).
        if eng.exists(sess.db, &key) || tries >= 100 {
            return Reply::Bulk(key);
        }
    }
}

fn rename_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], nx: bool) -> Reply {
    let (db, src, dst) = (sess.db, arg(argv, 1), arg(argv, 2));
    if !eng.exists(db, src) {
        return Reply::err(errors::NO_SUCH_KEY);
    }
    if src == dst {
        return if nx { Reply::Integer(0) } else { Reply::ok() };
    }
    if eng.exists(db, dst) {
        if nx {
            return Reply::Integer(0);
        }
        eng.delete(db, dst);
    }
    let Some((entry, at)) = eng.db_mut(db).and_then(|d| d.take(src)) else {
        return Reply::err(errors::NO_SUCH_KEY);
    };
    eng.put_entry(db, dst, entry, at);
    eng.notify(db, src, "rename_from");
    eng.notify(db, dst, "rename_to");
    if nx {
        Reply::Integer(1)
    } else {
        Reply::ok()
    }
}

/// RENAME key newkey
pub fn rename(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    rename_generic(eng, sess, argv, false)
}

/// RENAMENX key newkey
pub fn renamenx(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    rename_generic(eng, sess, argv, true)
}

/// A database number as SELECT-like commands take it.
fn db_index(raw: &[u8]) -> Result<usize, Reply> {
    let id = int_arg(raw)?;
    if id < 0 || id >= NUM_DBS as i64 {
        return Err(Reply::err(errors::DB_INDEX_OUT_OF_RANGE));
    }
    Ok(id as usize)
}

/// COPY source destination [DB destination-db] [REPLACE]
pub fn copy(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (src_db, src, dst) = (sess.db, arg(argv, 1), arg(argv, 2));
    let mut dst_db = src_db;
    let mut replace = false;
    let mut j = 3;
    while let Some(opt) = argv.get(j) {
        if eq_ignore_case(opt, "replace") {
            replace = true;
        } else if eq_ignore_case(opt, "db") && j + 1 < argv.len() {
            // COPY reads the number with a long parser: a huge one is "not an integer".
            dst_db = match db_index(arg(argv, j + 1)) {
                Ok(d) => d,
                Err(e) => return e,
            };
            j += 1;
        } else {
            return Reply::err(errors::SYNTAX);
        }
        j += 1;
    }
    if src_db == dst_db && src == dst {
        return Reply::err(SAME_OBJECT);
    }
    let Some(entry) = eng.lookup_mut(src_db, src).map(|e| e.clone()) else {
        return Reply::Integer(0);
    };
    let at = eng.db(src_db).and_then(|d| d.expire_at(src));
    if eng.exists(dst_db, dst) {
        if !replace {
            return Reply::Integer(0);
        }
        eng.delete(dst_db, dst);
    }
    eng.put_entry(dst_db, dst, entry, at);
    eng.notify(dst_db, dst, "copy_to");
    Reply::Integer(1)
}

/// MOVE key db
pub fn move_(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (src_db, key) = (sess.db, arg(argv, 1));
    // MOVE reads the number as a C int.
    let dst_db = match parse_i64(arg(argv, 2)) {
        None => return Reply::err(errors::NOT_INTEGER),
        Some(v) if i32::try_from(v).is_err() => {
            return Reply::err(
                "ERR value is out of range, value must between -2147483648 and 2147483647",
            )
        }
        Some(v) if v < 0 || v >= NUM_DBS as i64 => {
            return Reply::err(errors::DB_INDEX_OUT_OF_RANGE)
        }
        Some(v) => v as usize,
    };
    if src_db == dst_db {
        return Reply::err(SAME_OBJECT);
    }
    if !eng.exists(src_db, key) || eng.exists(dst_db, key) {
        return Reply::Integer(0);
    }
    let Some((entry, at)) = eng.db_mut(src_db).and_then(|d| d.take(key)) else {
        return Reply::Integer(0);
    };
    eng.put_entry(dst_db, key, entry, at);
    eng.notify(src_db, key, "move_from");
    eng.notify(dst_db, key, "move_to");
    Reply::Integer(1)
}

#[derive(Default)]
struct ExpireFlags {
    nx: bool,
    xx: bool,
    gt: bool,
    lt: bool,
}

fn parse_expire_flags(argv: &[Vec<u8>]) -> Result<ExpireFlags, Reply> {
    let mut f = ExpireFlags::default();
    for opt in argv.iter().skip(3) {
        if eq_ignore_case(opt, "nx") {
            f.nx = true;
        } else if eq_ignore_case(opt, "xx") {
            f.xx = true;
        } else if eq_ignore_case(opt, "gt") {
            f.gt = true;
        } else if eq_ignore_case(opt, "lt") {
            f.lt = true;
        } else {
            return Err(Reply::err(format!(
                "ERR Unsupported option {}",
                errors::clip(opt, usize::MAX)
            )));
        }
    }
    if f.nx && (f.xx || f.gt || f.lt) {
        return Err(Reply::err(
            "ERR NX and XX, GT or LT options at the same time are not compatible",
        ));
    }
    if f.gt && f.lt {
        return Err(Reply::err(
            "ERR GT and LT options at the same time are not compatible",
        ));
    }
    Ok(f)
}

/// The EXPIRE family. `relative` adds the current time; `seconds` scales.
fn expire_generic(
    eng: &mut Engine,
    sess: &mut Session,
    argv: &[Vec<u8>],
    relative: bool,
    seconds: bool,
    name: &str,
) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let flags = match parse_expire_flags(argv) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let mut when = match int_arg(arg(argv, 2)) {
        Ok(w) => w,
        Err(e) => return e,
    };
    let invalid = || Reply::err(errors::invalid_expire(name));
    if seconds {
        match when.checked_mul(1000) {
            Some(ms) => when = ms,
            None => return invalid(),
        }
    }
    if relative {
        match when.checked_add(eng.now_ms()) {
            Some(w) => when = w,
            None => return invalid(),
        }
    }
    if !eng.exists(db, key) {
        return Reply::Integer(0);
    }
    let current = eng.db(db).and_then(|d| d.expire_at(key));
    let refused = (flags.nx && current.is_some())
        || (flags.xx && current.is_none())
        || (flags.gt && current.is_none_or(|c| when <= c))
        || (flags.lt && current.is_some_and(|c| when >= c));
    if refused {
        return Reply::Integer(0);
    }
    if when <= eng.now_ms() && !eng.persist.loading {
        eng.delete(db, key);
        eng.notify(db, key, "del");
        eng.propagate_as(|| vec![b"DEL".to_vec(), key.to_vec()]);
    } else {
        eng.set_expire(db, key, Some(when));
        eng.notify(db, key, "expire");
        // Logged as the deadline, its flags kept (Redis rewrites the
        // command and its time argument).
        if name != "pexpireat" && eng.propagating() {
            let mut line = vec![
                b"PEXPIREAT".to_vec(),
                key.to_vec(),
                when.to_string().into_bytes(),
            ];
            line.extend(argv.iter().skip(3).cloned());
            eng.propagate_as(|| line);
        }
    }
    Reply::Integer(1)
}

/// EXPIRE key seconds [NX | XX | GT | LT]
pub fn expire(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    expire_generic(eng, sess, argv, true, true, "expire")
}

/// PEXPIRE key milliseconds [NX | XX | GT | LT]
pub fn pexpire(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    expire_generic(eng, sess, argv, true, false, "pexpire")
}

/// EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
pub fn expireat(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    expire_generic(eng, sess, argv, false, true, "expireat")
}

/// PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
pub fn pexpireat(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    expire_generic(eng, sess, argv, false, false, "pexpireat")
}

/// The deadline of an alive key: Err(-2) when absent, Ok(None) when it has none.
/// The key's deadline, or -2 for a missing key. TTL and its kin read the
/// key as Redis's lookupKeyRead does (a hit or a miss each); PERSIST,
/// a write, does not count.
fn deadline_of(eng: &mut Engine, db: usize, key: &[u8]) -> Result<Option<i64>, Reply> {
    let alive = if eng.read_lookups {
        eng.exists_read(db, key)
    } else {
        eng.exists(db, key)
    };
    if !alive {
        return Err(Reply::Integer(-2));
    }
    Ok(eng.db(db).and_then(|d| d.expire_at(key)))
}

fn ttl_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], seconds: bool) -> Reply {
    match deadline_of(eng, sess.db, arg(argv, 1)) {
        Err(r) => r,
        Ok(None) => Reply::Integer(-1),
        Ok(Some(at)) => {
            let left = (at - eng.now_ms()).max(0);
            Reply::Integer(if seconds { (left + 500) / 1000 } else { left })
        }
    }
}

/// TTL key
pub fn ttl(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    ttl_generic(eng, sess, argv, true)
}

/// PTTL key
pub fn pttl(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    ttl_generic(eng, sess, argv, false)
}

/// EXPIRETIME key
pub fn expiretime(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match deadline_of(eng, sess.db, arg(argv, 1)) {
        Err(r) => r,
        Ok(None) => Reply::Integer(-1),
        // Rounded to the nearest second without overflowing near i64::MAX
        // (`PEXPIREAT k 9223372036854775807` is accepted).
        Ok(Some(at)) => Reply::Integer(at / 1000 + i64::from(at % 1000 >= 500)),
    }
}

/// PEXPIRETIME key
pub fn pexpiretime(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match deadline_of(eng, sess.db, arg(argv, 1)) {
        Err(r) => r,
        Ok(None) => Reply::Integer(-1),
        Ok(Some(at)) => Reply::Integer(at),
    }
}

/// PERSIST key
pub fn persist(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    match deadline_of(eng, db, key) {
        Ok(Some(_)) => {
            eng.set_expire(db, key, None);
            eng.notify(db, key, "persist");
            Reply::Integer(1)
        }
        _ => Reply::Integer(0),
    }
}

/// Whether the eviction policy counts accesses (LFU) rather than recency.
fn lfu_policy(eng: &Engine) -> bool {
    eng.maxmemory_policy().contains("lfu")
}

const NOT_LFU: &str = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
const IS_LFU: &str = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

/// OBJECT ENCODING key
pub fn object_encoding(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let key = arg(argv, 2);
    if !eng.exists_counted(sess.db, key) {
        return Reply::Null;
    }
    match eng.db(sess.db).and_then(|d| d.raw_get(key)) {
        Some(e) => Reply::bulk(e.value.encoding()),
        None => Reply::Null,
    }
}

/// OBJECT IDLETIME key
pub fn object_idletime(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let key = arg(argv, 2);
    if !eng.exists_counted(sess.db, key) {
        return Reply::Null;
    }
    if lfu_policy(eng) {
        return Reply::err(IS_LFU);
    }
    let now = eng.now_ms();
    let idle = eng
        .db(sess.db)
        .and_then(|d| d.raw_get(key))
        .map_or(0, |e| e.idle_seconds(now));
    Reply::Integer(idle)
}

/// OBJECT FREQ key
pub fn object_freq(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let key = arg(argv, 2);
    if !eng.exists_counted(sess.db, key) {
        return Reply::Null;
    }
    if !lfu_policy(eng) {
        return Reply::err(NOT_LFU);
    }
    let now = eng.now_ms();
    let (_, decay) = eng.evict.lfu_settings();
    let freq = eng
        .db(sess.db)
        .and_then(|d| d.raw_get(key))
        .map_or(0, |e| e.lfu_count(now, decay));
    Reply::Integer(i64::from(freq))
}

/// OBJECT REFCOUNT key
pub fn object_refcount(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let key = arg(argv, 2);
    if !eng.exists_counted(sess.db, key) {
        return Reply::Null;
    }
    let shared = eng
        .db(sess.db)
        .and_then(|d| d.raw_get(key))
        .is_some_and(|e| shared_int(eng, &e.value));
    Reply::Integer(if shared { i64::from(i32::MAX) } else { 1 })
}

/// Whether Redis would hold this value as one of its shared integer
/// objects: each integer below 10000, when no LRU/LFU policy needs
/// per-key access data. OBJECT REFCOUNT then says INT_MAX.
pub(crate) fn shared_int(eng: &Engine, v: &Value) -> bool {
    match v {
        Value::Str(s) if s.enc == StrEnc::Int => {
            !eng.maxmemory_policy().contains("lru")
                && !lfu_policy(eng)
                && parse_i64(&s.bytes).is_some_and(|v| (0..10_000).contains(&v))
        }
        _ => false,
    }
}

/// OBJECT HELP
pub fn object_help(_eng: &mut Engine, _sess: &mut Session, _argv: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("object|help")
}

impl Engine {
    /// The configured eviction policy, lowercase.
    pub(crate) fn maxmemory_policy(&self) -> String {
        self.config
            .get_str("maxmemory-policy")
            .unwrap_or_else(|| "noeviction".to_string())
    }
}
