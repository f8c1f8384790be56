//! A snapshot as bytes, for what outlives the page: share links (in a
//! URL fragment, after compression), files and IndexedDB.
//!
//! Layout: the mark `RDSH`, the snapshot version (`SNAPSHOT_VERSION`),
//! then the state field after field. Integers and lengths are LEB128
//! varints (signed ones zigzagged first, so small negatives stay short),
//! byte strings carry their length in front, scores are f64 in 8 bytes
//! little endian, and so is the RNG's state. Nothing is nested deeper
//! than a session's MULTI queue, so reading never recurses. Each value
//! keeps its encoding tag (an encoding converted up stays so, even once
//! the value shrank), each collection its element order, a skiplist the
//! order of its member table (ZSCAN's walk), CONFIG only what differs
//! from the defaults (the rest is a default again on the way back). Script
//! SHA1s are not written: they are computed again from the bodies.
//!
//! In order: mark, version, the time taken, the clock (now, start), the
//! RNG, the counters (next client id, data version, next command and
//! message ids), CONFIG changes, the 16 databases (per key: name, type
//! tag with a deadline flag, deadline, last access second, value), the
//! clients in id order, the clients whose watch broke, the wait queues
//! per database, the script bodies, the libraries.
//!
//! What comes back rebuilt rather than copied, none of it observable: a
//! database's deadline table (in key order) and a skiplist's chunks.
//!
//! The RNG: fastrand 2.5's `Rng` is one `u64` of state; `get_seed` reads it
//! and `with_seed` sets it, so the random draws of a restored engine are
//! the original's.
//!
//! Reading trusts nothing. A length is checked against the bytes left
//! before anything is allocated for it (each element takes a byte at
//! least), and every structure is rebuilt through the engine's own
//! constructors with the checks its methods rely on: no key, field,
//! member, subscription or watch twice, an intset sorted, a listpack
//! sorted set in order, no NaN score, an int-encoded string an integer,
//! CONFIG values CONFIG SET could have stored, clients in id order below
//! the next id, every waiting client in exactly the queues of the keys it
//! waits on, times whose difference with the clock fits in an i64,
//! counters far from overflowing. Bytes that pass make a snapshot the
//! engine holds as safely as one it took itself.

use std::collections::BTreeSet;

use indexmap::{IndexMap, IndexSet};

use super::args::parse_i64;
use super::blocking::{Blocked, Wait, Waiters};
use super::cmd::hashes::Hash;
use super::cmd::lists::End;
use super::cmd::sets::Set;
use super::config::{Config, ConfigValue};
use super::db::{Db, Entry};
use super::fields::Fields;
use super::members::Members;
use super::pubsub::{Kind, Subscriptions};
use super::scripting::{library_metadata, sha1_hex, FunctionInfo, Library};
use super::snapshot::{RestoreError, Snapshot, State, SNAPSHOT_VERSION};
use super::value::{Bytes, List, StrEnc, StrValue, Value, EMBSTR_MAX};
use super::zset::ZSet;
use super::{table, ClientAddr, Multi, Session, SessionId, NUM_DBS};

const MAGIC: &[u8] = b"RDSH";
/// Set on a key's type tag when a deadline follows.
const VOLATILE: u8 = 0x10;
/// Counters (ids, the data version) must stay below this: far beyond any
/// session's use, and far enough from `u64::MAX` that `+ 1` never wraps.
const COUNTER_MAX: u64 = 1 << 62;
const KINDS: [Kind; 3] = [Kind::Channel, Kind::Pattern, Kind::Shard];

type Res<T> = Result<T, RestoreError>;

/// Appends the primitives; `Snapshot::to_bytes` says what goes in order.
struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }

    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }

    fn flag(&mut self, b: bool) {
        self.0.push(u8::from(b));
    }

    fn opt_bytes(&mut self, b: Option<&[u8]>) {
        self.flag(b.is_some());
        if let Some(b) = b {
            self.bytes(b);
        }
    }

    fn opt_int(&mut self, n: Option<i64>) {
        self.flag(n.is_some());
        if let Some(n) = n {
            self.int(n);
        }
    }
}

/// Reads the primitives back, each failing rather than reading past the
/// end; `pos` is where the next byte comes from, for error messages.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn bad(&self, what: impl Into<String>) -> RestoreError {
        RestoreError::Invalid {
            at: self.pos,
            what: what.into(),
        }
    }

    fn take(&mut self, n: usize) -> Res<&'a [u8]> {
        let out = self
            .pos
            .checked_add(n)
            .and_then(|end| self.buf.get(self.pos..end))
            .ok_or(RestoreError::Truncated { at: self.buf.len() })?;
        self.pos += n;
        Ok(out)
    }

    fn byte(&mut self) -> Res<u8> {
        Ok(self.take(1)?.first().copied().unwrap_or(0))
    }

    fn uint(&mut self) -> Res<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                break;
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.bad("a number larger than 64 bits"))
    }

    fn int(&mut self) -> Res<i64> {
        let z = self.uint()?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    /// A count of things that take a byte each at least: never more than
    /// the bytes left, so no allocation outgrows the input.
    fn len(&mut self) -> Res<usize> {
        let n = self.uint()?;
        let left = self.buf.len().saturating_sub(self.pos);
        if n > left as u64 {
            return Err(RestoreError::Truncated { at: self.buf.len() });
        }
        Ok(n as usize)
    }

    fn bytes(&mut self) -> Res<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    fn text(&mut self) -> Res<String> {
        let b = self.bytes()?;
        String::from_utf8(b.to_vec()).map_err(|_| self.bad("text that is not UTF-8"))
    }

    fn flag(&mut self) -> Res<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(self.bad(format!("{b} where a yes (1) or no (0) belongs"))),
        }
    }

    fn opt_bytes(&mut self) -> Res<Option<Vec<u8>>> {
        Ok(if self.flag()? {
            Some(self.bytes()?.to_vec())
        } else {
            None
        })
    }

    fn fixed(&mut self) -> Res<[u8; 8]> {
        let b = self.take(8)?;
        <[u8; 8]>::try_from(b).map_err(|_| self.bad("a short number"))
    }

    fn db(&mut self) -> Res<usize> {
        match self.uint()? {
            n if n < NUM_DBS as u64 => Ok(n as usize),
            n => Err(self.bad(format!("database {n} (there are {NUM_DBS})"))),
        }
    }

    /// A time on the engine clock: its distance to `now` must fit in an
    /// i64, as TTL, CLIENT LIST and the views subtract them.
    fn time(&mut self, now_ms: i64) -> Res<i64> {
        let t = self.int()?;
        if t.checked_sub(now_ms).and(now_ms.checked_sub(t)).is_none() {
            return Err(self.bad(format!("a time ({t} ms) too far from the clock")));
        }
        Ok(t)
    }

    fn counter(&mut self) -> Res<u64> {
        match self.uint()? {
            n if n < COUNTER_MAX => Ok(n),
            n => Err(self.bad(format!("a counter too large ({n})"))),
        }
    }

    /// A command name as `Session::last_cmd` holds it: the table's own
    /// string, or the placeholders a new client has.
    fn command(&mut self) -> Res<&'static str> {
        let name = self.text()?;
        match name.as_str() {
            "NULL" => Ok("NULL"),
            "" => Ok(""),
            _ => table::lookup_full(&name)
                .map(|c| c.name)
                .filter(|n| *n == name)
                .ok_or_else(|| self.bad(format!("an unknown command name '{name}'"))),
        }
    }

    fn end(&mut self) -> Res<End> {
        Ok(if self.flag()? { End::Right } else { End::Left })
    }

    /// BLMPOP's and BZMPOP's COUNT (0 for none: a COUNT is never 0).
    fn count(&mut self) -> Res<Option<usize>> {
        let n = self.uint()?;
        usize::try_from(n)
            .map(|n| (n > 0).then_some(n))
            .map_err(|_| self.bad("a COUNT too large"))
    }
}

/// The type and encoding of a value in one byte (below `VOLATILE`).
fn tag(v: &Value) -> u8 {
    match v {
        Value::Str(s) => match s.enc {
            StrEnc::Int => 0,
            StrEnc::Embstr => 1,
            StrEnc::Raw => 2,
        },
        Value::List(_) => 3,
        Value::Hash(h) => 4 + u8::from(!h.listpack()),
        Value::Set(s) => 6 + u8::from(!s.intset()),
        Value::ZSet(z) => 8 + u8::from(!z.listpack()),
        Value::Stream(_) => STREAM_TAG,
    }
}

/// A stream's tag: its own bytes follow (`StreamObj::to_snapshot`).
const STREAM_TAG: u8 = 10;

fn put_value(w: &mut Writer, v: &Value) {
    match v {
        Value::Stream(s) => {
            let mut b = Vec::new();
            s.0.to_snapshot(&mut b);
            w.bytes(&b);
        }
        Value::Str(s) => w.bytes(&s.bytes),
        Value::List(l) => {
            w.len(l.len());
            for e in l.iter() {
                w.bytes(e);
            }
        }
        Value::Hash(h) => {
            w.len(h.map.len());
            for (f, v) in h.map.iter() {
                w.bytes(f);
                w.bytes(v);
            }
        }
        Value::Set(s) => {
            w.len(s.items.len());
            match &s.items {
                Members::Ints(v) => v.iter().for_each(|x| w.int(*x)),
                Members::Table(t) => t.iter().for_each(|m| w.bytes(m)),
            }
        }
        Value::ZSet(z) => {
            w.len(z.len());
            let mut put = |score: f64, m: &[u8]| {
                w.0.extend_from_slice(&score.to_le_bytes());
                w.bytes(m);
            };
            if z.listpack() {
                z.iter().for_each(|(s, m)| put(s, m));
            } else {
                // The member table's order: ZSCAN walks it.
                (0..z.len())
                    .filter_map(|i| z.by_position(i))
                    .for_each(|(m, s)| put(s, m));
            }
        }
    }
}

fn get_value(r: &mut Reader<'_>, tag: u8) -> Res<Value> {
    if tag == STREAM_TAG {
        let b = r.bytes()?;
        return crate::engine::cmd::streams::from_snapshot(b)
            .map(|s| s.into_value())
            .ok_or_else(|| r.bad("a stream that does not read"));
    }
    if tag <= 2 {
        let b = r.bytes()?;
        let (enc, ok) = match tag {
            0 => (StrEnc::Int, b.len() <= 20 && parse_i64(b).is_some()),
            1 => (StrEnc::Embstr, b.len() <= EMBSTR_MAX),
            _ => (StrEnc::Raw, true),
        };
        if !ok {
            return Err(r.bad(format!("a string that cannot be {}", enc.name())));
        }
        return Ok(Value::Str(StrValue {
            bytes: Bytes::from_slice(b),
            enc,
        }));
    }
    if tag > 9 {
        return Err(r.bad(format!("an unknown value type {tag}")));
    }
    let n = r.len()?;
    if n == 0 {
        return Err(r.bad("an empty collection (Redis deletes those)"));
    }
    let twice = |r: &Reader<'_>| r.bad("an element that appears twice");
    Ok(match tag {
        3 => {
            let mut l = List::new();
            for _ in 0..n {
                l.push_back(Bytes::from_slice(r.bytes()?));
            }
            Value::List(Box::new(l))
        }
        4 | 5 => {
            let mut m = IndexMap::new();
            for _ in 0..n {
                let f = r.bytes()?;
                if m.insert(f, r.bytes()?).is_some() {
                    return Err(twice(r));
                }
            }
            let map = if tag == 4 {
                Fields::packed_from(m.into_iter())
            } else {
                let t = m.into_iter().map(|(f, v)| (f.to_vec(), v.to_vec()));
                Fields::Table(Box::new(t.collect()))
            };
            Value::Hash(Hash { map })
        }
        6 => {
            let mut v: Vec<i64> = Vec::new();
            for _ in 0..n {
                let x = r.int()?;
                if v.last().is_some_and(|&last| last >= x) {
                    return Err(r.bad("an intset out of order"));
                }
                v.push(x);
            }
            Value::Set(Set {
                items: Members::Ints(v),
            })
        }
        7 => {
            let mut t = IndexSet::new();
            for _ in 0..n {
                if !t.insert(r.bytes()?.to_vec()) {
                    return Err(twice(r));
                }
            }
            Value::Set(Set {
                items: Members::Table(Box::new(t)),
            })
        }
        _ => {
            let mut m: IndexMap<&[u8], f64> = IndexMap::new();
            for _ in 0..n {
                let score = f64::from_le_bytes(r.fixed()?);
                if score.is_nan() {
                    return Err(r.bad("a sorted set score that is not a number"));
                }
                if m.insert(r.bytes()?, score).is_some() {
                    return Err(twice(r));
                }
            }
            let z = if tag == 8 {
                ZSet::packed_in_order(m.iter().map(|(m, s)| (*s, *m)))
                    .ok_or_else(|| r.bad("a listpack sorted set out of order"))?
            } else {
                let mut z = ZSet::new(false);
                for (m, s) in m {
                    z.insert(m, s);
                }
                z
            };
            Value::ZSet(z)
        }
    })
}

fn put_db(w: &mut Writer, db: &Db) {
    w.len(db.len());
    for (key, e) in db.iter() {
        w.bytes(key);
        let at = db.deadline(key, e);
        w.0.push(tag(&e.value) | if at.is_some() { VOLATILE } else { 0 });
        if let Some(t) = at {
            w.int(t);
        }
        w.uint(u64::from(e.last_access()));
        put_value(w, &e.value);
    }
}

fn get_db(r: &mut Reader<'_>, now_ms: i64) -> Res<Db> {
    let mut db = Db::default();
    for _ in 0..r.len()? {
        let key = r.bytes()?;
        if db.contains(key) {
            return Err(r.bad("a key that appears twice"));
        }
        let tag = r.byte()?;
        let at = if tag & VOLATILE != 0 {
            Some(r.time(now_ms)?)
        } else {
            None
        };
        let seen = u32::try_from(r.uint()?).map_err(|_| r.bad("an access time too large"))?;
        let value = get_value(r, tag & !VOLATILE)?;
        db.insert(key, Entry::restored(value, seen), at);
    }
    Ok(db)
}

fn put_wait(w: &mut Writer, wait: &Wait) {
    match wait {
        Wait::Pop { end, count } => {
            w.0.push(0);
            w.flag(*end == End::Right);
            w.len(count.unwrap_or(0));
        }
        Wait::Move { dst, from, to } => {
            w.0.push(1);
            w.bytes(dst);
            w.flag(*from == End::Right);
            w.flag(*to == End::Right);
        }
        Wait::ZPop { max, count } => {
            w.0.push(2);
            w.flag(*max);
            w.len(count.unwrap_or(0));
        }
        Wait::Postponed(argv) => {
            w.0.push(4);
            w.len(argv.len());
            for a in argv {
                w.bytes(a);
            }
        }
        Wait::Stream(s) => {
            w.0.push(3);
            w.len(s.after.len());
            for (k, (ms, seq)) in &s.after {
                w.bytes(k);
                w.uint(*ms);
                w.uint(*seq);
            }
            match &s.group {
                Some((g, c)) => {
                    w.flag(true);
                    w.bytes(g);
                    w.bytes(c);
                }
                None => w.flag(false),
            }
            w.flag(s.noack);
            w.uint(s.count as u64);
        }
    }
}

fn get_wait(r: &mut Reader<'_>) -> Res<Wait> {
    Ok(match r.byte()? {
        0 => Wait::Pop {
            end: r.end()?,
            count: r.count()?,
        },
        1 => Wait::Move {
            dst: r.bytes()?.to_vec(),
            from: r.end()?,
            to: r.end()?,
        },
        2 => Wait::ZPop {
            max: r.flag()?,
            count: r.count()?,
        },
        3 => {
            let n = r.len()?;
            let mut after = Vec::new();
            for _ in 0..n {
                after.push((r.bytes()?.to_vec(), (r.uint()?, r.uint()?)));
            }
            let group = if r.flag()? {
                Some((r.bytes()?.to_vec(), r.bytes()?.to_vec()))
            } else {
                None
            };
            Wait::Stream(Box::new(crate::engine::blocking::StreamWait {
                serve: crate::engine::cmd::streams::serve_key,
                after,
                group,
                noack: r.flag()?,
                count: usize::try_from(r.uint()?).map_err(|_| r.bad("a COUNT too large"))?,
            }))
        }
        4 => {
            let n = r.len()?;
            let mut argv = Vec::new();
            for _ in 0..n {
                argv.push(r.bytes()?.to_vec());
            }
            Wait::Postponed(argv)
        }
        t => return Err(r.bad(format!("an unknown kind of wait {t}"))),
    })
}

fn put_session(w: &mut Writer, s: &Session) {
    w.uint(s.id);
    w.opt_bytes(s.name.as_deref());
    w.len(s.db);
    w.0.push(s.resp);
    w.bytes(s.addr.addr.as_bytes());
    w.bytes(s.addr.laddr.as_bytes());
    w.int(s.addr.fd);
    w.int(s.created_ms);
    w.int(s.last_ms);
    w.bytes(s.last_cmd.as_bytes());
    w.opt_bytes(s.lib_name.as_deref());
    w.opt_bytes(s.lib_ver.as_deref());
    w.flag(s.closing);
    w.flag(s.multi.is_some());
    if let Some(m) = &s.multi {
        w.flag(m.failed);
        w.len(m.queue.len());
        for argv in &m.queue {
            w.len(argv.len());
            argv.iter().for_each(|a| w.bytes(a));
        }
    }
    w.len(s.watched.len());
    for (db, key) in &s.watched {
        w.len(*db);
        w.bytes(key);
    }
    for kind in KINDS {
        let names = s.subs.of(kind);
        w.len(names.len());
        names.iter().for_each(|n| w.bytes(n));
    }
    w.flag(s.blocked.is_some());
    if let Some(b) = &s.blocked {
        w.bytes(b.command.as_bytes());
        w.len(b.db);
        w.len(b.keys.len());
        b.keys.iter().for_each(|k| w.bytes(k));
        w.opt_int(b.deadline_ms);
        put_wait(w, &b.wait);
        w.uint(b.command_id);
    }
}

fn get_session(r: &mut Reader<'_>, now_ms: i64) -> Res<Session> {
    let id = r.uint()?;
    let name = r.opt_bytes()?;
    let db = r.db()?;
    let resp = r.byte()?;
    if resp != 2 && resp != 3 {
        return Err(r.bad(format!("protocol version {resp} (RESP is 2 or 3)")));
    }
    let addr = ClientAddr {
        addr: r.text()?,
        laddr: r.text()?,
        fd: r.int()?,
    };
    let created_ms = r.time(now_ms)?;
    let last_ms = r.time(now_ms)?;
    let last_cmd = r.command()?;
    let lib_name = r.opt_bytes()?;
    let lib_ver = r.opt_bytes()?;
    let closing = r.flag()?;
    let multi = if r.flag()? {
        let failed = r.flag()?;
        let mut queue = Vec::new();
        for _ in 0..r.len()? {
            let mut argv = Vec::new();
            for _ in 0..r.len()? {
                argv.push(r.bytes()?.to_vec());
            }
            queue.push(argv);
        }
        Some(Multi { queue, failed })
    } else {
        None
    };
    let mut watched = Vec::new();
    let mut seen = BTreeSet::new();
    for _ in 0..r.len()? {
        let db = r.db()?;
        let key = r.bytes()?;
        if !seen.insert((db, key)) {
            return Err(r.bad("a key watched twice"));
        }
        watched.push((db, key.to_vec()));
    }
    let mut subs = Subscriptions::default();
    for kind in KINDS {
        for _ in 0..r.len()? {
            if !subs.of_mut(kind).insert(r.bytes()?.to_vec()) {
                return Err(r.bad("a subscription made twice"));
            }
        }
    }
    let blocked = if r.flag()? {
        let command = r.command()?;
        let db = r.db()?;
        let mut keys = IndexSet::new();
        for _ in 0..r.len()? {
            if !keys.insert(r.bytes()?.to_vec()) {
                return Err(r.bad("a key waited on twice"));
            }
        }
        let deadline_ms = if r.flag()? {
            Some(r.time(now_ms)?)
        } else {
            None
        };
        Some(Blocked {
            command,
            db,
            keys: keys.into_iter().collect(),
            deadline_ms,
            wait: get_wait(r)?,
            command_id: r.uint()?,
            // A pending SLOWLOG entry is not kept in the bytes.
            slowlog: None,
        })
    } else {
        None
    };
    Ok(Session {
        id,
        name,
        db,
        resp,
        addr,
        created_ms,
        last_ms,
        last_cmd,
        lib_name,
        lib_ver,
        closing,
        // Not in the bytes (their layout stays version 1): a restored
        // client is evictable again.
        no_evict: false,
        monitor: false,
        reply_mode: 0,
        multi,
        watched,
        subs,
        blocked,
    })
}

/// The wait queues: exactly the blocked clients' keys, each client once
/// in each queue of its keys (the queues' order, first come first, is what
/// they add to the clients).
fn get_blocking(r: &mut Reader<'_>, sessions: &[Session]) -> Res<Vec<IndexMap<Vec<u8>, Waiters>>> {
    let mut owed: BTreeSet<(usize, &[u8], SessionId)> = BTreeSet::new();
    for s in sessions {
        if let Some(b) = &s.blocked {
            b.keys.iter().for_each(|k| {
                owed.insert((b.db, k.as_slice(), s.id));
            });
        }
    }
    if r.len()? != NUM_DBS {
        return Err(r.bad("wait queues for another number of databases"));
    }
    let mut out = Vec::new();
    for db in 0..NUM_DBS {
        let mut map = IndexMap::new();
        for _ in 0..r.len()? {
            let key = r.bytes()?;
            let mut q = Waiters::new();
            for _ in 0..r.len()? {
                let id = r.uint()?;
                if !owed.remove(&(db, key, id)) {
                    return Err(r.bad(format!("client {id} in a queue it does not wait in")));
                }
                q.push_back(id);
            }
            if q.is_empty() || map.insert(key.to_vec(), q).is_some() {
                return Err(r.bad("a wait queue empty or given twice"));
            }
        }
        out.push(map);
    }
    match owed.first() {
        Some((_, _, id)) => Err(r.bad(format!("client {id} missing from a queue it waits in"))),
        None => Ok(out),
    }
}

fn put_config(w: &mut Writer, config: &Config) {
    let changed = config.changed();
    w.len(changed.len());
    for (name, v) in changed {
        w.bytes(name.as_bytes());
        match v {
            ConfigValue::Bool(b) => w.flag(*b),
            ConfigValue::Int(i) => {
                // Zigzagged as i128 (unsigned long long parameters reach
                // 2^64), in two halves.
                let z = ((i << 1) ^ (i >> 127)) as u128;
                w.0.push(2);
                w.uint(z as u64);
                w.uint((z >> 64) as u64);
            }
            ConfigValue::Text(t) => {
                w.0.push(3);
                w.bytes(t.as_bytes());
            }
        }
    }
}

fn get_config(r: &mut Reader<'_>) -> Res<Config> {
    let mut config = Config::default();
    let mut seen = BTreeSet::new();
    for _ in 0..r.len()? {
        let name = r.text()?;
        let v = match r.byte()? {
            b @ (0 | 1) => ConfigValue::Bool(b == 1),
            2 => {
                let z = u128::from(r.uint()?) | u128::from(r.uint()?) << 64;
                ConfigValue::Int((z >> 1) as i128 ^ -((z & 1) as i128))
            }
            3 => ConfigValue::Text(r.text()?),
            t => return Err(r.bad(format!("an unknown kind of CONFIG value {t}"))),
        };
        if !config.set_stored(&name, v) || !seen.insert(name.to_ascii_lowercase()) {
            return Err(r.bad(format!(
                "a value for CONFIG '{name}' that CONFIG SET would refuse"
            )));
        }
    }
    Ok(config)
}

fn put_library(w: &mut Writer, lib: &Library) {
    w.bytes(lib.name.as_bytes());
    w.bytes(&lib.code);
    w.len(lib.functions.len());
    for f in &lib.functions {
        w.bytes(f.name.as_bytes());
        w.len(f.flags.len());
        f.flags.iter().for_each(|fl| w.bytes(fl.as_bytes()));
        w.opt_bytes(f.description.as_deref().map(str::as_bytes));
    }
}

/// A library, whose name must be the one its code declares; no function
/// may be any other library's (FCALL finds functions by name alone).
fn get_library(r: &mut Reader<'_>, functions: &mut BTreeSet<String>) -> Res<Library> {
    let name = r.text()?;
    let code = r.bytes()?.to_vec();
    if library_metadata(&code).map(|(n, _)| n).ok().as_ref() != Some(&name) {
        return Err(r.bad(format!("library '{name}' whose code has another name")));
    }
    let mut lib = Library {
        name,
        code,
        functions: Vec::new(),
    };
    let n = r.len()?;
    if n == 0 {
        return Err(r.bad("a library without functions"));
    }
    for _ in 0..n {
        let name = r.text()?;
        if !functions.insert(name.to_ascii_lowercase()) {
            return Err(r.bad(format!("function '{name}' defined twice")));
        }
        let mut flags = Vec::new();
        for _ in 0..r.len()? {
            flags.push(r.text()?);
        }
        let description = if r.flag()? { Some(r.text()?) } else { None };
        lib.functions.push(FunctionInfo {
            name,
            flags,
            description,
        });
    }
    Ok(lib)
}

impl Snapshot {
    /// The snapshot as bytes (see the module's docs for the layout).
    /// `from_bytes` gives back a snapshot that restores to the same engine.
    pub fn to_bytes(&self) -> Vec<u8> {
        let s = &*self.state;
        let mut w = Writer(MAGIC.to_vec());
        w.uint(u64::from(self.version));
        w.int(self.taken_ms);
        w.int(s.now_us);
        w.int(s.start_us);
        w.0.extend_from_slice(&s.rng.get_seed().to_le_bytes());
        for n in [s.next_session, s.dirty, s.next_command, s.next_message] {
            w.uint(n);
        }
        put_config(&mut w, &s.config);
        w.len(s.dbs.len());
        s.dbs.iter().for_each(|db| put_db(&mut w, db));
        w.len(s.sessions.len());
        s.sessions.iter().for_each(|sess| put_session(&mut w, sess));
        w.len(s.watch_dirty.len());
        s.watch_dirty.iter().for_each(|id| w.uint(*id));
        w.len(s.blocking.len());
        for map in &s.blocking {
            w.len(map.len());
            for (key, q) in map {
                w.bytes(key);
                w.len(q.len());
                q.iter().for_each(|id| w.uint(*id));
            }
        }
        w.len(s.scripts.len());
        s.scripts.values().for_each(|body| w.bytes(body));
        w.len(s.libraries.len());
        s.libraries
            .values()
            .for_each(|lib| put_library(&mut w, lib));
        w.0
    }

    /// Read bytes `to_bytes` wrote, checking everything (see the module's
    /// docs): damaged or hostile bytes give an error, never a panic nor a
    /// snapshot the engine could not hold.
    pub fn from_bytes(bytes: &[u8]) -> Result<Snapshot, RestoreError> {
        if !bytes.starts_with(MAGIC) {
            return Err(if MAGIC.starts_with(bytes) {
                RestoreError::Truncated { at: bytes.len() }
            } else {
                RestoreError::NotASnapshot
            });
        }
        let r = &mut Reader {
            buf: bytes,
            pos: MAGIC.len(),
        };
        let version = r.uint()?;
        if version != u64::from(SNAPSHOT_VERSION) {
            return Err(RestoreError::Version(
                u32::try_from(version).unwrap_or(u32::MAX),
            ));
        }
        let taken_ms = r.int()?;
        let now_us = r.int()?;
        let start_us = r.int()?;
        if start_us > now_us || now_us.checked_sub(start_us).is_none() {
            return Err(r.bad("a clock behind its start"));
        }
        let now_ms = now_us.div_euclid(1000);
        let rng = fastrand::Rng::with_seed(u64::from_le_bytes(r.fixed()?));
        let next_session = r.counter()?;
        let dirty = r.counter()?;
        let next_command = r.counter()?;
        let next_message = r.counter()?;
        let config = get_config(r)?;
        if r.len()? != NUM_DBS {
            return Err(r.bad(format!("another number of databases than {NUM_DBS}")));
        }
        let mut dbs = Vec::new();
        for _ in 0..NUM_DBS {
            dbs.push(get_db(r, now_ms)?);
        }
        let mut sessions: Vec<Session> = Vec::new();
        for _ in 0..r.len()? {
            let s = get_session(r, now_ms)?;
            if sessions.last().is_some_and(|l| l.id >= s.id) || s.id >= next_session {
                return Err(r.bad(format!("client {} out of order", s.id)));
            }
            sessions.push(s);
        }
        let mut watch_dirty: Vec<SessionId> = Vec::new();
        for _ in 0..r.len()? {
            let id = r.uint()?;
            let known = sessions.binary_search_by_key(&id, |s| s.id).is_ok();
            if !known || watch_dirty.last().is_some_and(|&l| l >= id) {
                return Err(r.bad(format!("client {id} unknown or out of order")));
            }
            watch_dirty.push(id);
        }
        let blocking = get_blocking(r, &sessions)?;
        let mut scripts = IndexMap::new();
        for _ in 0..r.len()? {
            let body = r.bytes()?;
            if scripts.insert(sha1_hex(body), body.to_vec()).is_some() {
                return Err(r.bad("a script cached twice"));
            }
        }
        let mut libraries = IndexMap::new();
        let mut functions = BTreeSet::new();
        for _ in 0..r.len()? {
            let lib = get_library(r, &mut functions)?;
            if libraries.insert(lib.name.clone(), lib).is_some() {
                return Err(r.bad("a library loaded twice"));
            }
        }
        if r.pos != bytes.len() {
            return Err(r.bad("bytes after the end"));
        }
        Ok(Snapshot {
            version: SNAPSHOT_VERSION,
            taken_ms,
            state: Box::new(State {
                dbs,
                sessions,
                next_session,
                now_us,
                start_us,
                rng,
                config,
                dirty,
                watch_dirty,
                blocking,
                scripts,
                libraries,
                next_command,
                next_message,
                tracker: None,
                acl: None,
                unauthenticated: None,
                pause: None,
            }),
        })
    }
}

#[cfg(test)]
mod tests;
