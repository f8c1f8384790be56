//! HyperLogLog (PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST) in Redis's
//! own representation, so the same elements give the same counts and the
//! same bytes (GET on the key returns what Redis would). The facts, from
//! Redis's documentation of its format:
//!
//! - a 16-byte header: `HYLL`, the encoding (0 dense, 1 sparse), three
//!   zero bytes, and the cached cardinality (8 bytes, little endian; its
//!   top bit set means "stale");
//! - 16384 registers (the hash's low 14 bits pick one), each holding the
//!   length of the run of zero bits, plus one, in the hash's other 50
//!   bits; the hash is MurmurHash64A with seed 0xadc83b19;
//! - dense: 6 bits per register, packed from the least significant bit
//!   of each byte up (12,288 bytes);
//! - sparse: opcodes for runs of registers: `00xxxxxx` up to 64 zeros,
//!   `01xxxxxx yyyyyyyy` up to 16384 zeros, `1vvvvvxx` up to 4 registers
//!   of value 1 to 32. A set that would make it longer than
//!   `hll-sparse-max-bytes`, or a value over 32, turns it dense;
//! - the estimate is Ertl's improved estimator over the registers'
//!   histogram.
//!
//! The rest of the engine (`cmd::ext`): the page's first load leaves these
//! handlers out.

use super::{arg, strings::record_written};
use crate::engine::args::eq_ignore_case;
use crate::engine::errors::WRONGTYPE;
use crate::engine::events::{Effect, Selection};
use crate::engine::value::{bytes_from_vec, StrEnc, StrValue, Value};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

const REGISTERS: usize = 1 << 14;
/// Hash bits left after the register index: runs are at most Q + 1.
const Q: usize = 50;
const HEADER: usize = 16;
const DENSE_SIZE: usize = HEADER + REGISTERS * 6 / 8;
const DENSE: u8 = 0;
const SPARSE: u8 = 1;
/// Where the top byte of the cached cardinality is (its top bit: stale).
const CACHE_FLAG: usize = 15;
const VAL_MAX: u8 = 32;
const VAL_MAX_RUN: usize = 4;
const ZERO_MAX_RUN: usize = 64;
/// 0.5 / ln 2, the estimator's constant as the registers go to infinity.
const ALPHA_INF: f64 = 0.721_347_520_444_481_7;

const CORRUPT: &str = "INVALIDOBJ Corrupted HLL object detected";
const NOT_HLL: &str = "WRONGTYPE Key is not a valid HyperLogLog string value.";

/// MurmurHash2, 64-bit (MurmurHash64A), reading words little endian as
/// Redis does on every machine.
fn murmur64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut words = key.chunks_exact(8);
    for w in &mut words {
        let mut k = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        k = k.wrapping_mul(M);
        k ^= k >> 47;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        for (i, b) in tail.iter().enumerate() {
            h ^= u64::from(*b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> 47;
    h = h.wrapping_mul(M);
    h ^= h >> 47;
    h
}

/// The register an element falls in, and the value it offers it: the
/// position of the first 1 bit after the index bits (1 for `...1`).
fn pattern(element: &[u8]) -> (usize, u8) {
    let hash = murmur64a(element, 0xadc8_3b19);
    let index = (hash as usize) & (REGISTERS - 1);
    let rest = (hash >> 14) | (1 << Q);
    (index, rest.trailing_zeros() as u8 + 1)
}

fn dense_get(regs: &[u8], i: usize) -> u8 {
    let (byte, shift) = (i * 6 / 8, (i * 6) & 7);
    let b0 = u16::from(regs.get(byte).copied().unwrap_or(0));
    let b1 = u16::from(regs.get(byte + 1).copied().unwrap_or(0));
    (((b0 >> shift) | (b1 << (8 - shift))) & 63) as u8
}

fn dense_put(regs: &mut [u8], i: usize, v: u8) {
    let (byte, shift) = (i * 6 / 8, (i * 6) & 7);
    let v = u16::from(v);
    if let Some(b) = regs.get_mut(byte) {
        *b = ((u16::from(*b) & !(63 << shift)) | (v << shift)) as u8;
    }
    if let Some(b) = regs.get_mut(byte + 1) {
        *b = ((u16::from(*b) & !(63 >> (8 - shift))) | (v >> (8 - shift))) as u8;
    }
}

/// Raise register `i` to `v`; whether it changed.
fn dense_raise(regs: &mut [u8], i: usize, v: u8) -> bool {
    if v > dense_get(regs, i) {
        dense_put(regs, i, v);
        true
    } else {
        false
    }
}

/// One sparse opcode at `p`: (registers it covers, its value, its bytes).
/// A two-byte opcode cut by the end reads a zero, as Redis reads the
/// string's terminating zero.
fn opcode(s: &[u8], p: usize) -> (usize, u8, usize) {
    let b = s.get(p).copied().unwrap_or(0);
    match b & 0xc0 {
        0x00 => (usize::from(b & 0x3f) + 1, 0, 1),
        0x40 => {
            let low = usize::from(s.get(p + 1).copied().unwrap_or(0));
            (((usize::from(b & 0x3f) << 8) | low) + 1, 0, 2)
        }
        _ => (usize::from(b & 3) + 1, ((b >> 2) & 0x1f) + 1, 1),
    }
}

fn val_op(value: u8, run: usize) -> u8 {
    0x80 | ((value - 1) << 2) | (run as u8 - 1)
}

/// A run of `n` zero registers as one or two bytes.
fn zero_op(out: &mut Vec<u8>, n: usize) {
    if n > ZERO_MAX_RUN {
        out.push(0x40 | ((n - 1) >> 8) as u8);
        out.push(((n - 1) & 0xff) as u8);
    } else {
        out.push((n - 1) as u8);
    }
}

/// A new, empty HyperLogLog: sparse, one opcode for its 16384 zero
/// registers (the longest run one opcode holds).
fn empty() -> Vec<u8> {
    let mut s = b"HYLL".to_vec();
    s.extend([SPARSE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    zero_op(&mut s, REGISTERS);
    s
}

/// Walk a sparse HyperLogLog's opcodes, calling `set(register, value)`
/// for each register a value opcode covers; stops, as Redis does, at a
/// value run that would pass the last register. Answers whether the
/// opcodes covered exactly the 16384 registers (`to_dense` and PFCOUNT's
/// and PFMERGE's merge both need that answer).
fn each_sparse_value(s: &[u8], mut set: impl FnMut(usize, u8)) -> bool {
    let (mut i, mut p) = (0, HEADER);
    while p < s.len() {
        let (run, value, len) = opcode(s, p);
        if value > 0 {
            if run + i > REGISTERS {
                break;
            }
            for r in i..i + run {
                set(r, value);
            }
        }
        i += run;
        p += len;
    }
    i == REGISTERS
}

/// The dense form of a sparse HyperLogLog, or `None` when its opcodes do
/// not cover exactly the 16384 registers.
fn to_dense(s: &[u8]) -> Option<Vec<u8>> {
    let mut d = vec![0u8; DENSE_SIZE];
    d.get_mut(..HEADER)?.copy_from_slice(s.get(..HEADER)?);
    d[4] = DENSE;
    let regs = d.get_mut(HEADER..)?;
    each_sparse_value(s, |r, v| dense_put(regs, r, v)).then_some(d)
}

/// Raise register `index` of a sparse HyperLogLog to `count`, splitting
/// and merging opcodes as Redis does, or turning it dense when the value
/// is over 32 or the string would pass `max_bytes`. Answers whether a
/// register changed; `Err` when the opcodes are corrupt.
fn sparse_raise(s: &mut Vec<u8>, index: usize, count: u8, max_bytes: usize) -> Result<bool, ()> {
    if count > VAL_MAX {
        return promote(s, index, count);
    }
    // Find the opcode covering `index`.
    let (mut p, mut first, mut span, mut prev) = (HEADER, 0, 0, None);
    while p < s.len() {
        let (run, _, len) = opcode(s, p);
        span = run;
        if index < first + span {
            break;
        }
        prev = Some(p);
        p += len;
        first += span;
    }
    if span == 0 || p >= s.len() {
        return Err(());
    }
    let (run, value, oplen) = opcode(s, p);
    if value > 0 && value >= count {
        return Ok(false);
    }
    if run == 1 && oplen == 1 {
        // A single register (a value, or one zero): rewrite it in place.
        s[p] = val_op(count, 1);
    } else {
        let last = first + span - 1;
        let mut seq = Vec::with_capacity(5);
        if value == 0 {
            if index != first {
                zero_op(&mut seq, index - first);
            }
            seq.push(val_op(count, 1));
            if index != last {
                zero_op(&mut seq, last - index);
            }
        } else {
            if index != first {
                seq.push(val_op(value, index - first));
            }
            seq.push(val_op(count, 1));
            if index != last {
                seq.push(val_op(value, last - index));
            }
        }
        if seq.len() > oplen && s.len() + seq.len() - oplen > max_bytes {
            return promote(s, index, count);
        }
        let end = (p + oplen).min(s.len());
        s.splice(p..end, seq);
    }
    // Merge neighbouring runs of the same value, looking at up to five
    // opcodes from the one before the change.
    let mut q = prev.unwrap_or(HEADER);
    let mut scan = 5;
    while q < s.len() && scan > 0 {
        scan -= 1;
        let b = s[q];
        if b & 0xc0 == 0x40 {
            q += 2;
            continue;
        }
        if b & 0xc0 == 0 {
            q += 1;
            continue;
        }
        if let Some(&n) = s.get(q + 1).filter(|n| **n & 0x80 != 0) {
            let (run1, v1, _) = opcode(s, q);
            let (run2, v2, _) = (usize::from(n & 3) + 1, ((n >> 2) & 0x1f) + 1, 1);
            if v1 == v2 && run1 + run2 <= VAL_MAX_RUN {
                s[q + 1] = val_op(v1, run1 + run2);
                s.remove(q);
                continue;
            }
        }
        q += 1;
    }
    s[CACHE_FLAG] |= 0x80;
    Ok(true)
}

fn promote(s: &mut Vec<u8>, index: usize, count: u8) -> Result<bool, ()> {
    let mut d = to_dense(s).ok_or(())?;
    let changed = d
        .get_mut(HEADER..)
        .is_some_and(|r| dense_raise(r, index, count));
    *s = d;
    Ok(changed)
}

/// Add one element; whether a register changed.
fn add(s: &mut Vec<u8>, element: &[u8], max_bytes: usize) -> Result<bool, ()> {
    let (index, count) = pattern(element);
    match s.get(4) {
        Some(&DENSE) => Ok(s
            .get_mut(HEADER..)
            .is_some_and(|r| dense_raise(r, index, count))),
        Some(&SPARSE) => sparse_raise(s, index, count, max_bytes),
        _ => Err(()),
    }
}

/// Raise `max` to each register of `s`; `Err` for corrupt sparse opcodes.
fn merge_into(max: &mut [u8], s: &[u8]) -> Result<(), ()> {
    if s.get(4) == Some(&DENSE) {
        let regs = s.get(HEADER..).unwrap_or_default();
        for (i, m) in max.iter_mut().enumerate() {
            *m = (*m).max(dense_get(regs, i));
        }
        return Ok(());
    }
    let covered = each_sparse_value(s, |r, v| {
        if let Some(m) = max.get_mut(r) {
            *m = (*m).max(v);
        }
    });
    if covered {
        Ok(())
    } else {
        Err(())
    }
}

/// How many registers hold each value; `None` for sparse opcodes that do
/// not cover the registers exactly.
fn histogram(s: &[u8]) -> Option<[u64; 64]> {
    let mut h = [0u64; 64];
    if s.get(4) == Some(&DENSE) {
        let regs = s.get(HEADER..).unwrap_or_default();
        for i in 0..REGISTERS {
            h[usize::from(dense_get(regs, i))] += 1;
        }
        return Some(h);
    }
    let (mut i, mut p) = (0, HEADER);
    while p < s.len() {
        let (run, value, len) = opcode(s, p);
        h[usize::from(value)] += run as u64;
        i += run;
        p += len;
    }
    (i == REGISTERS).then_some(h)
}

fn sigma(mut x: f64) -> f64 {
    if x == 1.0 {
        return f64::INFINITY;
    }
    let (mut y, mut z) = (1.0, x);
    loop {
        x *= x;
        let before = z;
        z += x * y;
        y += y;
        if before == z {
            return z;
        }
    }
}

fn tau(mut x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        return 0.0;
    }
    let (mut y, mut z) = (1.0, 1.0 - x);
    loop {
        x = x.sqrt();
        let before = z;
        y *= 0.5;
        z -= (1.0 - x) * (1.0 - x) * y;
        if before == z {
            return z / 3.0;
        }
    }
}

/// Ertl's estimator over the registers' histogram, rounded as Redis
/// rounds it (half away from zero).
fn estimate(h: &[u64; 64]) -> u64 {
    let m = REGISTERS as f64;
    let mut z = m * tau((m - h[Q + 1] as f64) / m);
    for j in (1..=Q).rev() {
        z += h[j] as f64;
        z *= 0.5;
    }
    z += m * sigma(h[0] as f64 / m);
    (ALPHA_INF * m * m / z).round() as u64
}

/// Whether `bytes` is a HyperLogLog Redis would read.
fn valid(bytes: &[u8], enc: StrEnc) -> bool {
    enc != StrEnc::Int
        && bytes.len() >= HEADER
        && bytes.starts_with(b"HYLL")
        && bytes[4] <= SPARSE
        && (bytes[4] != DENSE || bytes.len() == DENSE_SIZE)
}

/// The HyperLogLog at `key`, taken out of it to be changed (and put back
/// with `put_back`): `None` when absent; WRONGTYPE for another type or a
/// string that is not one. Redis leaves such a string raw-encoded.
fn take(eng: &mut Engine, db: usize, key: &[u8]) -> Result<Option<Vec<u8>>, Reply> {
    match eng.lookup_mut(db, key).map(|e| &mut e.value) {
        None => Ok(None),
        Some(Value::Str(s)) if valid(&s.bytes, s.enc) => {
            s.enc = StrEnc::Raw;
            Ok(Some(std::mem::take(&mut s.bytes).into_vec()))
        }
        Some(Value::Str(_)) => Err(Reply::err(NOT_HLL)),
        #[allow(unreachable_patterns)]
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

/// `take`, or a new empty HyperLogLog when the key is absent (and whether
/// it is new), as PFADD and PFMERGE's destination make one.
fn take_or_new(eng: &mut Engine, db: usize, key: &[u8]) -> Result<(Vec<u8>, bool), Reply> {
    Ok(match take(eng, db, key)? {
        Some(s) => (s, false),
        None => (empty(), true),
    })
}

/// Put a HyperLogLog taken with `take` back, or store it when it was made
/// new (`created`).
fn put_back(eng: &mut Engine, db: usize, key: &[u8], bytes: Vec<u8>, created: bool) {
    if created {
        eng.store(db, key, Value::Str(StrValue::raw(bytes)), false);
        return;
    }
    if let Some(Value::Str(s)) = eng
        .db_mut(db)
        .and_then(|d| d.raw_get_mut(key))
        .map(|e| &mut e.value)
    {
        s.bytes = bytes_from_vec(bytes);
    }
}

/// A copy of the HyperLogLog at `key` for reading (PFCOUNT of several
/// keys, PFMERGE's sources).
fn read(eng: &mut Engine, db: usize, key: &[u8]) -> Result<Option<Vec<u8>>, Reply> {
    match eng.lookup(db, key) {
        None => Ok(None),
        Some(Value::Str(s)) if valid(&s.bytes, s.enc) => Ok(Some(s.bytes.to_vec())),
        Some(Value::Str(_)) => Err(Reply::err(NOT_HLL)),
        #[allow(unreachable_patterns)]
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

fn sparse_max(eng: &Engine) -> usize {
    static SPARSE_MAX: crate::engine::config::Slot =
        crate::engine::config::Slot::new("hll-sparse-max-bytes");
    usize::try_from(eng.config.get_i64_at(&SPARSE_MAX)).unwrap_or(0)
}

/// PFADD key [element [element ...]]
pub fn pfadd(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let max_bytes = sparse_max(eng);
    let (mut s, created) = match take_or_new(eng, db, key) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let mut updated = created;
    let mut failed = false;
    // For the picture: which registers went up, to what.
    let mut raised = Vec::new();
    let track = eng.effects_on();
    for element in argv.get(2..).unwrap_or_default() {
        match add(&mut s, element, max_bytes) {
            Ok(changed) => {
                updated |= changed;
                if changed && track {
                    let (index, count) = pattern(element);
                    raised.push((index as u16, count));
                }
            }
            Err(()) => {
                failed = true;
                break;
            }
        }
    }
    if updated && !failed {
        s[CACHE_FLAG] |= 0x80;
    }
    let len = s.len();
    put_back(eng, db, key, s, created);
    if failed {
        // Redis keeps what was added before the corrupt opcode, unsaid.
        return Reply::err(CORRUPT);
    }
    if updated {
        record_written(eng, db, key, 0, len);
        if !raised.is_empty() {
            eng.effect(db, key, || Effect::Registers { raised });
        }
        eng.notify(db, key, "pfadd");
    }
    Reply::Integer(i64::from(updated))
}

/// For the pictures: how PFCOUNT got its answer for `key`.
fn counted(eng: &mut Engine, db: usize, key: &[u8], cached: bool, stored: bool) {
    eng.effect(db, key, || {
        Effect::Selected(Selection::Count { cached, stored })
    });
}

/// PFCOUNT key [key ...]
pub fn pfcount(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let db = sess.db;
    let keys = argv.get(1..).unwrap_or_default();
    if keys.len() > 1 {
        let mut max = vec![0u8; REGISTERS];
        for key in keys {
            match read(eng, db, key) {
                Ok(Some(s)) => {
                    if merge_into(&mut max, &s).is_err() {
                        return Reply::err(CORRUPT);
                    }
                    counted(eng, db, key, false, false);
                }
                Ok(None) => {}
                Err(e) => return e,
            }
        }
        let mut h = [0u64; 64];
        for v in max {
            h[usize::from(v)] += 1;
        }
        return Reply::Integer(estimate(&h) as i64);
    }
    let key = arg(argv, 1);
    let mut s = match take(eng, db, key) {
        Ok(Some(s)) => s,
        Ok(None) => return Reply::Integer(0),
        Err(e) => return e,
    };
    let cached = s.get(8..16).map(|c| {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        u64::from_le_bytes(b)
    });
    let reply = match cached {
        Some(card) if card >> 63 == 0 => {
            counted(eng, db, key, true, false);
            Reply::Integer(card as i64)
        }
        _ => match histogram(&s) {
            None => Reply::err(CORRUPT),
            Some(h) => {
                let card = estimate(&h);
                if let Some(c) = s.get_mut(8..16) {
                    c.copy_from_slice(&card.to_le_bytes());
                }
                // Writing the cache is a change WATCH sees.
                eng.dirty += 1;
                eng.touch_watched(db, key);
                counted(eng, db, key, false, true);
                Reply::Integer(card as i64)
            }
        },
    };
    put_back(eng, db, key, s, false);
    reply
}

/// PFMERGE destkey [sourcekey [sourcekey ...]]
pub fn pfmerge(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, dest) = (sess.db, arg(argv, 1));
    let mut max = vec![0u8; REGISTERS];
    let mut dense = false;
    // The destination is a source too (it is argv[1] of the sources).
    for key in argv.get(1..).unwrap_or_default() {
        match read(eng, db, key) {
            Ok(Some(s)) => {
                dense |= s.get(4) == Some(&DENSE);
                if merge_into(&mut max, &s).is_err() {
                    return Reply::err(CORRUPT);
                }
            }
            Ok(None) => {}
            Err(e) => return e,
        }
    }
    let max_bytes = sparse_max(eng);
    let (mut s, created) = match take_or_new(eng, db, dest) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let mut broken = false;
    if dense && s.get(4) == Some(&SPARSE) {
        match to_dense(&s) {
            Some(d) => s = d,
            None => broken = true,
        }
    }
    if !broken {
        for (i, &v) in max.iter().enumerate().filter(|(_, v)| **v > 0) {
            if s.get(4) == Some(&DENSE) {
                if let Some(r) = s.get_mut(HEADER..) {
                    dense_raise(r, i, v);
                }
            } else {
                // Redis goes on past a corrupt opcode here.
                let _ = sparse_raise(&mut s, i, v, max_bytes);
            }
        }
        s[CACHE_FLAG] |= 0x80;
    }
    let len = s.len();
    put_back(eng, db, dest, s, created);
    if broken {
        return Reply::err(CORRUPT);
    }
    record_written(eng, db, dest, 0, len);
    eng.notify(db, dest, "pfadd");
    Reply::ok()
}

/// PFDEBUG subcommand key
pub fn pfdebug(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key, sub) = (sess.db, arg(argv, 2), arg(argv, 1));
    let mut s = match take(eng, db, key) {
        Ok(Some(s)) => s,
        Ok(None) => return Reply::err("ERR The specified key does not exist"),
        Err(e) => return e,
    };
    let name = String::from_utf8_lossy(sub).into_owned();
    let wrong_args = || {
        Reply::err(format!(
            "ERR Wrong number of arguments for the '{name}' subcommand"
        ))
    };
    let reply = if eq_ignore_case(sub, "getreg") || eq_ignore_case(sub, "todense") {
        if argv.len() != 3 {
            wrong_args()
        } else {
            let sparse = s.get(4) == Some(&SPARSE);
            let converted = if sparse { to_dense(&s) } else { None };
            match (sparse, converted) {
                (true, None) => Reply::err(CORRUPT),
                (_, d) => {
                    if let Some(d) = d {
                        s = d;
                        eng.dirty += 1;
                    }
                    if eq_ignore_case(sub, "todense") {
                        Reply::Integer(i64::from(sparse))
                    } else {
                        let regs = s.get(HEADER..).unwrap_or_default();
                        Reply::Array(
                            (0..REGISTERS)
                                .map(|i| Reply::Integer(i64::from(dense_get(regs, i))))
                                .collect(),
                        )
                    }
                }
            }
        }
    } else if eq_ignore_case(sub, "decode") {
        if argv.len() != 3 {
            wrong_args()
        } else if s.get(4) != Some(&SPARSE) {
            Reply::err("ERR HLL encoding is not sparse")
        } else {
            let mut words = Vec::new();
            let mut p = HEADER;
            while p < s.len() {
                let (run, value, len) = opcode(&s, p);
                words.push(match (value, len) {
                    (0, 1) => format!("z:{run}"),
                    (0, _) => format!("Z:{run}"),
                    _ => format!("v:{value},{run}"),
                });
                p += len;
            }
            Reply::Bulk(words.join(" ").into_bytes())
        }
    } else if eq_ignore_case(sub, "encoding") {
        if argv.len() != 3 {
            wrong_args()
        } else if s.get(4) == Some(&DENSE) {
            Reply::simple("dense")
        } else {
            Reply::simple("sparse")
        }
    } else {
        Reply::err(format!("ERR Unknown PFDEBUG subcommand '{name}'"))
    };
    put_back(eng, db, key, s, false);
    reply
}

/// PFSELFTEST: Redis's own check of this implementation: dense registers
/// read back what was written, and a sparse and a dense HyperLogLog fed
/// the same ten million elements agree at every power of ten and stay
/// within six standard errors of the truth.
pub fn pfselftest(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    let mut regs = vec![0u8; DENSE_SIZE - HEADER];
    let mut want = vec![0u8; REGISTERS];
    for _ in 0..1000 {
        for (i, w) in want.iter_mut().enumerate() {
            *w = eng.rng.u8(..64);
            dense_put(&mut regs, i, *w);
        }
        for (i, w) in want.iter().enumerate() {
            let got = dense_get(&regs, i);
            if got != *w {
                return Reply::err(format!(
                    "ERR TESTFAILED Register {i} should be {w} but is {got}"
                ));
            }
        }
    }
    let mut dense = b"HYLL".to_vec();
    dense.resize(DENSE_SIZE, 0);
    let mut sparse = empty();
    let max_bytes = sparse_max(eng);
    let error = 1.04 / (REGISTERS as f64).sqrt();
    let seed = eng.rng.u64(..);
    let mut checkpoint: u64 = 1;
    for j in 1..=10_000_000u64 {
        let element = (j ^ seed).to_le_bytes();
        let (index, count) = pattern(&element);
        if let Some(r) = dense.get_mut(HEADER..) {
            dense_raise(r, index, count);
        }
        let _ = add(&mut sparse, &element, max_bytes);
        if j != checkpoint {
            continue;
        }
        if (j as usize) < max_bytes / 2 && sparse.get(4) != Some(&SPARSE) {
            return Reply::err("ERR TESTFAILED sparse encoding not used");
        }
        let card = histogram(&dense).map_or(0, |h| estimate(&h));
        if histogram(&sparse).map_or(0, |h| estimate(&h)) != card {
            return Reply::err("ERR TESTFAILED dense/sparse disagree");
        }
        let off = checkpoint.abs_diff(card);
        let allowed = if j == 10 {
            1
        } else {
            (error * 6.0 * checkpoint as f64).ceil() as u64
        };
        if off > allowed {
            return Reply::err(format!(
                "ERR TESTFAILED Too big error. card:{checkpoint} abserr:{off}"
            ));
        }
        checkpoint *= 10;
    }
    Reply::ok()
}

/// What a picture shows of a HyperLogLog (`None`: `bytes` is not one).
/// Only the page draws it.
#[cfg_attr(not(feature = "web"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq)]
pub struct HllView {
    pub dense: bool,
    /// Registers above zero.
    pub set: usize,
    /// How many registers hold each value, 0 to 63.
    pub histogram: Vec<u64>,
    /// The estimate now (`None`: corrupt sparse opcodes).
    pub estimate: Option<u64>,
    /// The count cached in the header, when it is fresh.
    pub cached: Option<u64>,
}

/// Registers in all, for the pictures.
#[cfg_attr(not(feature = "web"), allow(dead_code))]
pub const REGISTER_COUNT: usize = REGISTERS;

#[cfg_attr(not(feature = "web"), allow(dead_code))]
pub fn view(bytes: &[u8]) -> Option<HllView> {
    if !valid(bytes, StrEnc::Raw) {
        return None;
    }
    let h = histogram(bytes);
    let mut card = [0u8; 8];
    card.copy_from_slice(bytes.get(8..16)?);
    let card = u64::from_le_bytes(card);
    Some(HllView {
        dense: bytes[4] == DENSE,
        set: h.map_or(0, |h| REGISTERS - h[0] as usize),
        histogram: h.map_or_else(Vec::new, |h| h.to_vec()),
        estimate: h.map(|h| estimate(&h)),
        cached: (card >> 63 == 0).then_some(card),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registers_pack_six_bits_from_the_low_end() {
        let mut r = vec![0u8; 4];
        dense_put(&mut r, 0, 0b11_1111);
        assert_eq!(r, [0b0011_1111, 0, 0, 0]);
        dense_put(&mut r, 1, 0b10_0001);
        assert_eq!(r, [0b0111_1111, 0b0000_1000, 0, 0]);
        assert_eq!(dense_get(&r, 1), 0b10_0001);
        assert_eq!(dense_get(&r, 0), 63);
    }

    #[test]
    fn a_view_reads_the_header_and_the_registers() {
        let mut s = empty();
        for e in ["a", "b", "c"] {
            add(&mut s, e.as_bytes(), 3000).unwrap();
        }
        let v = view(&s).unwrap();
        // Adding made the cached count stale.
        assert_eq!(
            (v.dense, v.set, v.estimate, v.cached),
            (false, 3, Some(3), None)
        );
        s[8..16].copy_from_slice(&3u64.to_le_bytes());
        assert_eq!(view(&s).unwrap().cached, Some(3));
        assert_eq!(view(b"HYLL"), None);
        assert_eq!(view(b"hello there, not a HyperLogLog"), None);
    }

    #[test]
    fn an_empty_hll_counts_zero_and_is_one_opcode() {
        let s = empty();
        assert_eq!(s.len(), 18);
        assert_eq!(&s[16..], [0x7f, 0xff]);
        assert_eq!(histogram(&s).map(|h| estimate(&h)), Some(0));
    }

    #[test]
    fn sparse_and_dense_agree() {
        let mut s = empty();
        let mut d = b"HYLL".to_vec();
        d.resize(DENSE_SIZE, 0);
        for i in 0..2000u32 {
            let e = i.to_string();
            add(&mut s, e.as_bytes(), 100_000).unwrap();
            let (index, count) = pattern(e.as_bytes());
            dense_raise(&mut d[HEADER..], index, count);
        }
        assert_eq!(s[4], SPARSE);
        let (a, b) = (histogram(&s).unwrap(), histogram(&d).unwrap());
        assert_eq!(a, b);
        assert_eq!(to_dense(&s).unwrap()[HEADER..], d[HEADER..]);
        let n = estimate(&a);
        assert!((1950..=2050).contains(&n), "{n}");
    }
}
