//! Bitmaps: strings read and written bit by bit (SETBIT, GETBIT, BITCOUNT,
//! BITPOS, BITOP) and as packed integers of any width (BITFIELD). Bit 0 is
//! the most significant bit of byte 0, as in Redis. These handlers are
//! part of "the rest of the engine" (see `cmd::ext`): the playground's
//! first load leaves them out.
//!
//! What decides which error a client sees follows Redis 7.0's order:
//! BITCOUNT looks the key up before it reads its range (so a missing key
//! answers 0 even with a malformed range), BITPOS reads the bit first,
//! BITFIELD parses every operation before it touches the key.

use super::{
    arg,
    strings::{record_written, with_bytes},
};
use crate::engine::args::{eq_ignore_case, parse_i64};
use crate::engine::errors::{NOT_INTEGER, SYNTAX, WRONGTYPE};
use crate::engine::events::{Effect, Selection};
use crate::engine::value::{StrEnc, StrValue, Value};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

const BAD_OFFSET: &str = "ERR bit offset is not an integer or out of range";
const BAD_BIT: &str = "ERR bit is not an integer or out of range";
const BAD_TYPE: &str =
    "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

/// A bit offset argument (`getBitOffsetFromArgument`): an integer, or for
/// BITFIELD `#N`, meaning N fields of `width` bits in. Past
/// `proto-max-bulk-len` bytes is refused, as is a negative offset.
fn bit_offset(eng: &Engine, raw: &[u8], width: Option<u32>) -> Result<u64, Reply> {
    let (hash, digits) = match (raw.first(), width) {
        (Some(b'#'), Some(w)) => (Some(w), raw.get(1..).unwrap_or_default()),
        _ => (None, raw),
    };
    let n = parse_i64(digits).ok_or_else(|| Reply::err(BAD_OFFSET))?;
    // C multiplies without a check; so do we, the same way.
    let n = hash.map_or(n, |w| n.wrapping_mul(i64::from(w)));
    let max = eng.config.get_i64("proto-max-bulk-len");
    if n < 0 || (n >> 3) >= max {
        return Err(Reply::err(BAD_OFFSET));
    }
    Ok(n as u64)
}

/// The string at `key`, made at least long enough to hold bit `maxbit`
/// (zero bytes added), created when absent, and left raw-encoded as
/// Redis's `lookupStringForBitCommand` leaves it. Answers whether the key
/// was created or grew.
fn string_for_bits(eng: &mut Engine, db: usize, key: &[u8], maxbit: u64) -> Result<bool, Reply> {
    let len = usize::try_from(maxbit >> 3)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    match eng.lookup_mut(db, key).map(|e| &mut e.value) {
        None => {
            eng.store(db, key, Value::Str(StrValue::raw(vec![0; len])), false);
            Ok(true)
        }
        Some(Value::Str(s)) => {
            s.enc = StrEnc::Raw;
            let grew = s.bytes.len() < len;
            if grew {
                s.bytes.resize(len, 0);
            }
            Ok(grew)
        }
        #[allow(unreachable_patterns)]
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

/// The string at `key`, for a write that `string_for_bits` prepared.
fn bytes_mut<'a>(eng: &'a mut Engine, db: usize, key: &[u8]) -> Option<&'a mut [u8]> {
    match eng.db_mut(db)?.raw_get_mut(key).map(|e| &mut e.value) {
        Some(Value::Str(s)) => Some(&mut s.bytes),
        _ => None,
    }
}

fn bit_at(bytes: &[u8], bit: u64) -> bool {
    usize::try_from(bit >> 3)
        .ok()
        .and_then(|i| bytes.get(i))
        .is_some_and(|b| b & (0x80 >> (bit & 7)) != 0)
}

fn set_bit_at(bytes: &mut [u8], bit: u64, on: bool) {
    if let Some(b) = usize::try_from(bit >> 3)
        .ok()
        .and_then(|i| bytes.get_mut(i))
    {
        let mask = 0x80 >> (bit & 7);
        if on {
            *b |= mask;
        } else {
            *b &= !mask;
        }
    }
}

/// For the pictures: bits a command wrote, and bits it read.
fn wrote_bits(eng: &mut Engine, db: usize, key: &[u8], first: u64, last: u64) {
    eng.effect(db, key, || Effect::BitsWritten { first, last });
}

fn read_bits(eng: &mut Engine, db: usize, key: &[u8], first: u64, last: u64) {
    eng.effect(db, key, || {
        Effect::Selected(Selection::Bits { first, last })
    });
}

/// SETBIT key offset value
pub fn setbit(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let offset = match bit_offset(eng, arg(argv, 2), None) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let on = match parse_i64(arg(argv, 3)) {
        Some(0) => false,
        Some(1) => true,
        _ => return Reply::err(BAD_BIT),
    };
    let dirty = match string_for_bits(eng, db, key, offset) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let Some(bytes) = bytes_mut(eng, db, key) else {
        return Reply::Integer(0);
    };
    let was = bit_at(bytes, offset);
    // Redis 7.0 signals the write only when the key is new, grew, or the
    // bit changed.
    if dirty || was != on {
        set_bit_at(bytes, offset, on);
        wrote_bits(eng, db, key, offset, offset);
        eng.notify(db, key, "setbit");
    }
    Reply::Integer(i64::from(was))
}

/// GETBIT key offset
pub fn getbit(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let offset = match bit_offset(eng, arg(argv, 2), None) {
        Ok(o) => o,
        Err(e) => return e,
    };
    match with_bytes(eng, sess.db, arg(argv, 1), |b| b.map(|b| bit_at(b, offset))) {
        Ok(bit) => {
            if bit.is_some() {
                read_bits(eng, sess.db, arg(argv, 1), offset, offset);
            }
            Reply::Integer(i64::from(bit.unwrap_or(false)))
        }
        Err(e) => e,
    }
}

/// A BYTE|BIT range of a string of `len` bytes, as BITCOUNT and BITPOS
/// read it: negative indexes from the end, clamped to the string. Answers
/// the first and last bit, or `None` for an empty range.
fn bit_range(len: usize, start: i64, end: i64, in_bits: bool) -> Option<(u64, u64)> {
    let total = if in_bits { len as i64 * 8 } else { len as i64 };
    let start = if start < 0 {
        (total + start).max(0)
    } else {
        start
    };
    let mut end = if end < 0 { (total + end).max(0) } else { end };
    if end >= total {
        end = total - 1;
    }
    if start > end {
        return None;
    }
    let (start, end) = (start as u64, end as u64);
    Some(if in_bits {
        (start, end)
    } else {
        (start * 8, end * 8 + 7)
    })
}

/// The optional BYTE|BIT word.
fn unit(raw: Option<&Vec<u8>>) -> Result<bool, Reply> {
    match raw {
        None => Ok(false),
        Some(w) if eq_ignore_case(w, "bit") => Ok(true),
        Some(w) if eq_ignore_case(w, "byte") => Ok(false),
        Some(_) => Err(Reply::err(SYNTAX)),
    }
}

/// Set bits from bit `from` to bit `to`, both included.
fn count_ones(bytes: &[u8], from: u64, to: u64) -> u64 {
    let (first, last) = ((from >> 3) as usize, (to >> 3) as usize);
    let Some(span) = bytes.get(first..=last) else {
        return 0;
    };
    let mut n: u64 = span.iter().map(|b| u64::from(b.count_ones())).sum();
    // Take off the bits of the edge bytes outside the range.
    let head = span.first().map_or(0, |b| b & !(0xffu8 >> (from & 7)));
    let tail = span.last().map_or(0, |b| b & (0x7fu8 >> (to & 7)));
    n -= u64::from(head.count_ones() + tail.count_ones());
    n
}

/// BITCOUNT key [start end [BYTE | BIT]]
pub fn bitcount(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let range = argv.get(2..).unwrap_or_default();
    match with_bytes(eng, sess.db, arg(argv, 1), |bytes| {
        let Some(bytes) = bytes else {
            return Ok((0, None));
        };
        let (from, to) = match range {
            [] => (0, (bytes.len() as u64 * 8).wrapping_sub(1)),
            [s, e] | [s, e, _] => {
                let s = parse_i64(s).ok_or_else(|| Reply::err(NOT_INTEGER))?;
                let e = parse_i64(e).ok_or_else(|| Reply::err(NOT_INTEGER))?;
                let in_bits = unit(range.get(2))?;
                if s < 0 && e < 0 && s > e {
                    return Ok((0, None));
                }
                match bit_range(bytes.len(), s, e, in_bits) {
                    Some(r) => r,
                    None => return Ok((0, None)),
                }
            }
            _ => return Err(Reply::err(SYNTAX)),
        };
        if bytes.is_empty() {
            return Ok((0, None));
        }
        Ok((count_ones(bytes, from, to) as i64, Some((from, to))))
    }) {
        Ok(Ok((n, read))) => {
            if let Some((a, b)) = read {
                read_bits(eng, sess.db, arg(argv, 1), a, b);
            }
            Reply::Integer(n)
        }
        Ok(Err(e)) | Err(e) => e,
    }
}

/// BITPOS key bit [start [end [BYTE | BIT]]]
pub fn bitpos(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let want = match parse_i64(arg(argv, 2)) {
        Some(0) => false,
        Some(1) => true,
        Some(_) => return Reply::err("ERR The bit argument must be 1 or 0."),
        None => return Reply::err(NOT_INTEGER),
    };
    let range = argv.get(3..).unwrap_or_default();
    match with_bytes(eng, sess.db, arg(argv, 1), |bytes| {
        // A missing key is an endless run of zero bits.
        let Some(bytes) = bytes else {
            return Ok((if want { -1 } else { 0 }, None));
        };
        if range.len() > 3 {
            return Err(Reply::err(SYNTAX));
        }
        let start = match range.first() {
            Some(s) => parse_i64(s).ok_or_else(|| Reply::err(NOT_INTEGER))?,
            None => 0,
        };
        let in_bits = unit(range.get(2))?;
        let end_given = range.len() >= 2;
        let end = match range.get(1) {
            Some(e) => parse_i64(e).ok_or_else(|| Reply::err(NOT_INTEGER))?,
            None => -1,
        };
        let Some((from, to)) = bit_range(bytes.len(), start, end, in_bits) else {
            return Ok((-1, None));
        };
        Ok(match (from..=to).find(|&b| bit_at(bytes, b) == want) {
            Some(b) => (b as i64, Some((from, b))),
            // Looking for a clear bit with no end given: the string goes
            // on with zero bits after its last byte.
            None if !want && !end_given => (to as i64 + 1, Some((from, to))),
            None => (-1, Some((from, to))),
        })
    }) {
        Ok(Ok((n, read))) => {
            if let Some((a, b)) = read {
                read_bits(eng, sess.db, arg(argv, 1), a, b);
            }
            Reply::Integer(n)
        }
        Ok(Err(e)) | Err(e) => e,
    }
}

#[derive(Clone, Copy)]
enum Op {
    And,
    Or,
    Xor,
    Not,
}

/// BITOP <AND | OR | XOR | NOT> destkey key [key ...]
pub fn bitop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let db = sess.db;
    let op = match args_op(arg(argv, 1)) {
        Some(op) => op,
        None => return Reply::err(SYNTAX),
    };
    let (dest, sources) = (arg(argv, 2), argv.get(3..).unwrap_or_default());
    if matches!(op, Op::Not) && sources.len() != 1 {
        return Reply::err("ERR BITOP NOT must be called with a single source key.");
    }
    let mut inputs: Vec<Vec<u8>> = Vec::with_capacity(sources.len());
    for k in sources {
        match with_bytes(eng, db, k, |b| b.map(<[u8]>::to_vec).unwrap_or_default()) {
            Ok(v) => inputs.push(v),
            Err(e) => return e,
        }
    }
    if eng.effects_on() {
        for (k, v) in sources.iter().zip(&inputs) {
            if !v.is_empty() {
                read_bits(eng, db, k, 0, v.len() as u64 * 8 - 1);
            }
        }
    }
    let len = inputs.iter().map(Vec::len).max().unwrap_or(0);
    if len == 0 {
        if eng.delete(db, dest) {
            eng.notify(db, dest, "del");
        }
        return Reply::Integer(0);
    }
    let byte = |v: &Vec<u8>, i: usize| v.get(i).copied().unwrap_or(0);
    let out: Vec<u8> = (0..len)
        .map(|i| {
            let mut acc = inputs.first().map_or(0, |v| byte(v, i));
            if matches!(op, Op::Not) {
                return !acc;
            }
            for v in inputs.iter().skip(1) {
                let b = byte(v, i);
                acc = match op {
                    Op::And => acc & b,
                    Op::Or => acc | b,
                    Op::Xor | Op::Not => acc ^ b,
                };
            }
            acc
        })
        .collect();
    eng.store(db, dest, Value::Str(StrValue::raw(out)), false);
    record_written(eng, db, dest, 0, len);
    eng.notify(db, dest, "set");
    Reply::Integer(len as i64)
}

fn args_op(raw: &[u8]) -> Option<Op> {
    [
        ("and", Op::And),
        ("or", Op::Or),
        ("xor", Op::Xor),
        ("not", Op::Not),
    ]
    .into_iter()
    .find(|(w, _)| eq_ignore_case(raw, w))
    .map(|(_, op)| op)
}

#[derive(Clone, Copy, PartialEq)]
enum Overflow {
    Wrap,
    Sat,
    Fail,
}

#[derive(Clone, Copy, PartialEq)]
enum FieldOp {
    Get,
    Set(i64),
    Incr(i64),
}

struct Field {
    op: FieldOp,
    signed: bool,
    bits: u32,
    offset: u64,
    overflow: Overflow,
}

/// A field type: `i1`..`i64` or `u1`..`u63`. Like C's `strlen`, the
/// width's digits stop at a zero byte.
fn field_type(raw: &[u8]) -> Result<(bool, u32), Reply> {
    let signed = match raw.first() {
        Some(b'i') => true,
        Some(b'u') => false,
        _ => return Err(Reply::err(BAD_TYPE)),
    };
    let digits = raw.get(1..).unwrap_or_default();
    let digits = digits.split(|&b| b == 0).next().unwrap_or_default();
    match parse_i64(digits) {
        Some(n) if n >= 1 && n <= if signed { 64 } else { 63 } => Ok((signed, n as u32)),
        _ => Err(Reply::err(BAD_TYPE)),
    }
}

/// Read `bits` bits from bit `offset` as an unsigned number; past the end
/// of `bytes` reads zeros.
fn get_unsigned(bytes: &[u8], offset: u64, bits: u32) -> u64 {
    (0..u64::from(bits)).fold(0, |v, i| (v << 1) | u64::from(bit_at(bytes, offset + i)))
}

fn get_signed(bytes: &[u8], offset: u64, bits: u32) -> i64 {
    let v = get_unsigned(bytes, offset, bits);
    if bits < 64 && v & (1 << (bits - 1)) != 0 {
        (v | (u64::MAX << bits)) as i64
    } else {
        v as i64
    }
}

fn set_field(bytes: &mut [u8], offset: u64, bits: u32, value: u64) {
    for i in 0..u64::from(bits) {
        let on = value & (1 << (u64::from(bits) - 1 - i)) != 0;
        set_bit_at(bytes, offset + i, on);
    }
}

/// Adding `incr` to `value` in an unsigned field of `bits` bits: `None`
/// when it fits, else what the overflow mode makes of it (`None` inside
/// for FAIL), as Redis's `checkUnsignedBitfieldOverflow`.
fn unsigned_overflow(value: u64, incr: i64, bits: u32, mode: Overflow) -> Option<Option<u64>> {
    let max = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let max_incr = max.wrapping_sub(value) as i64;
    let min_incr = value.wrapping_neg() as i64;
    let high = value > max || (incr > 0 && incr > max_incr);
    let low = !high && incr < 0 && incr < min_incr;
    if !high && !low {
        return None;
    }
    Some(match mode {
        Overflow::Wrap => {
            Some(value.wrapping_add(incr as u64) & !u64::MAX.checked_shl(bits).unwrap_or(0))
        }
        Overflow::Sat => Some(if high { max } else { 0 }),
        Overflow::Fail => None,
    })
}

/// The same for a signed field (`checkSignedBitfieldOverflow`).
fn signed_overflow(value: i64, incr: i64, bits: u32, mode: Overflow) -> Option<Option<i64>> {
    let max = if bits == 64 {
        i64::MAX
    } else {
        (1i64 << (bits - 1)) - 1
    };
    let min = -max - 1;
    let max_incr = (max as u64).wrapping_sub(value as u64) as i64;
    let min_incr = min.wrapping_sub(value);
    let high = value > max
        || (bits != 64 && incr > max_incr)
        || (value >= 0 && incr > 0 && incr > max_incr);
    let low = !high
        && (value < min
            || (bits != 64 && incr < min_incr)
            || (value < 0 && incr < 0 && incr < min_incr));
    if !high && !low {
        return None;
    }
    Some(match mode {
        Overflow::Wrap => {
            let mut c = (value as u64).wrapping_add(incr as u64);
            if bits < 64 {
                let mask = u64::MAX << bits;
                if c & (1 << (bits - 1)) != 0 {
                    c |= mask;
                } else {
                    c &= !mask;
                }
            }
            Some(c as i64)
        }
        Overflow::Sat => Some(if high { max } else { min }),
        Overflow::Fail => None,
    })
}

/// Parse BITFIELD's operations, all of them before anything runs.
fn parse_fields(eng: &Engine, ops: &[Vec<u8>]) -> Result<Vec<Field>, Reply> {
    let mut out = Vec::new();
    let mut overflow = Overflow::Wrap;
    let mut i = 0;
    while let Some(word) = ops.get(i) {
        let left = ops.len() - i - 1;
        let kind = if eq_ignore_case(word, "get") && left >= 2 {
            0
        } else if eq_ignore_case(word, "set") && left >= 3 {
            1
        } else if eq_ignore_case(word, "incrby") && left >= 3 {
            2
        } else if eq_ignore_case(word, "overflow") && left >= 1 {
            let mode = arg(ops, i + 1);
            overflow = if eq_ignore_case(mode, "wrap") {
                Overflow::Wrap
            } else if eq_ignore_case(mode, "sat") {
                Overflow::Sat
            } else if eq_ignore_case(mode, "fail") {
                Overflow::Fail
            } else {
                return Err(Reply::err("ERR Invalid OVERFLOW type specified"));
            };
            i += 2;
            continue;
        } else {
            return Err(Reply::err(SYNTAX));
        };
        let (signed, bits) = field_type(arg(ops, i + 1))?;
        let offset = bit_offset(eng, arg(ops, i + 2), Some(bits))?;
        let op = if kind == 0 {
            FieldOp::Get
        } else {
            let n = parse_i64(arg(ops, i + 3)).ok_or_else(|| Reply::err(NOT_INTEGER))?;
            if kind == 1 {
                FieldOp::Set(n)
            } else {
                FieldOp::Incr(n)
            }
        };
        out.push(Field {
            op,
            signed,
            bits,
            offset,
            overflow,
        });
        i += if kind == 0 { 3 } else { 4 };
    }
    Ok(out)
}

/// Run one SET or INCRBY on `bytes`: the reply (the old value for SET,
/// the new one for INCRBY, nil when FAIL refused it), and whether it
/// counts as a change: the value differs, or `grew` (the key is new or
/// longer); none when refused, as Redis counts.
fn write_field(bytes: &mut [u8], f: &Field, grew: bool) -> (Reply, bool) {
    let before = get_unsigned(bytes, f.offset, f.bits);
    let reply = write_field_value(bytes, f);
    let changed = reply != Reply::Null && (grew || get_unsigned(bytes, f.offset, f.bits) != before);
    (reply, changed)
}

fn write_field_value(bytes: &mut [u8], f: &Field) -> Reply {
    let (set, n) = match f.op {
        FieldOp::Set(n) => (true, n),
        FieldOp::Incr(n) => (false, n),
        FieldOp::Get => return Reply::Null,
    };
    if f.signed {
        let old = get_signed(bytes, f.offset, f.bits);
        let (base, incr) = if set { (n, 0) } else { (old, n) };
        let new = match signed_overflow(base, incr, f.bits, f.overflow) {
            None => base.wrapping_add(incr),
            Some(Some(v)) => v,
            Some(None) => return Reply::Null,
        };
        set_field(bytes, f.offset, f.bits, new as u64);
        Reply::Integer(if set { old } else { new })
    } else {
        let old = get_unsigned(bytes, f.offset, f.bits);
        let (base, incr) = if set { (n as u64, 0) } else { (old, n) };
        let new = match unsigned_overflow(base, incr, f.bits, f.overflow) {
            None => base.wrapping_add(incr as u64),
            Some(Some(v)) => v,
            Some(None) => return Reply::Null,
        };
        set_field(bytes, f.offset, f.bits, new);
        Reply::Integer(if set { old as i64 } else { new as i64 })
    }
}

fn read_field(bytes: Option<&[u8]>, f: &Field) -> Reply {
    let bytes = bytes.unwrap_or_default();
    Reply::Integer(if f.signed {
        get_signed(bytes, f.offset, f.bits)
    } else {
        get_unsigned(bytes, f.offset, f.bits) as i64
    })
}

fn bitfield_generic(
    eng: &mut Engine,
    sess: &mut Session,
    argv: &[Vec<u8>],
    read_only: bool,
) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let fields = match parse_fields(eng, argv.get(2..).unwrap_or_default()) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let writes: Vec<&Field> = fields.iter().filter(|f| f.op != FieldOp::Get).collect();
    let span = |f: &Field| (f.offset, f.offset + u64::from(f.bits) - 1);
    if writes.is_empty() {
        return match with_bytes(eng, db, key, |b| {
            (
                b.is_some(),
                fields.iter().map(|f| read_field(b, f)).collect(),
            )
        }) {
            Ok((exists, replies)) => {
                if exists && eng.effects_on() {
                    for (a, b) in fields.iter().map(span) {
                        read_bits(eng, db, key, a, b);
                    }
                }
                Reply::Array(replies)
            }
            Err(e) => e,
        };
    }
    if read_only {
        return Reply::err("ERR BITFIELD_RO only supports the GET subcommand");
    }
    let highest = writes
        .iter()
        .map(|f| f.offset + u64::from(f.bits) - 1)
        .max()
        .unwrap_or(0);
    let grew = match string_for_bits(eng, db, key, highest) {
        Ok(g) => g,
        Err(e) => return e,
    };
    let Some(bytes) = bytes_mut(eng, db, key) else {
        return Reply::Array(Vec::new());
    };
    let mut changes = 0u64;
    let replies = fields
        .iter()
        .map(|f| match f.op {
            FieldOp::Get => read_field(Some(bytes), f),
            _ => {
                let (reply, changed) = write_field(bytes, f, grew);
                changes += u64::from(changed);
                reply
            }
        })
        .collect();
    if eng.effects_on() {
        for f in &fields {
            let (a, b) = span(f);
            match f.op {
                FieldOp::Get => read_bits(eng, db, key, a, b),
                _ => wrote_bits(eng, db, key, a, b),
            }
        }
    }
    // Redis signals the key once, and counts every change as dirty.
    if changes > 0 {
        eng.notify(db, key, "setbit");
        eng.dirty += changes - 1;
    }
    Reply::Array(replies)
}

/// BITFIELD key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] <SET encoding offset value | INCRBY encoding offset increment> ...]
pub fn bitfield(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    bitfield_generic(eng, sess, argv, false)
}

/// BITFIELD_RO key [GET encoding offset [GET encoding offset ...]]
pub fn bitfield_ro(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    bitfield_generic(eng, sess, argv, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_count_only_their_bits() {
        let b = [0xffu8, 0x0f, 0xf0];
        assert_eq!(count_ones(&b, 0, 23), 16);
        assert_eq!(count_ones(&b, 4, 11), 4);
        assert_eq!(count_ones(&b, 12, 19), 8);
        assert_eq!(count_ones(&b, 7, 7), 1);
        assert_eq!(count_ones(&b, 8, 11), 0);
    }

    #[test]
    fn fields_wrap_and_saturate_as_redis() {
        assert_eq!(unsigned_overflow(255, 1, 8, Overflow::Wrap), Some(Some(0)));
        assert_eq!(unsigned_overflow(255, 1, 8, Overflow::Sat), Some(Some(255)));
        assert_eq!(unsigned_overflow(0, -1, 8, Overflow::Sat), Some(Some(0)));
        assert_eq!(unsigned_overflow(0, -1, 8, Overflow::Fail), Some(None));
        assert_eq!(unsigned_overflow(3, 4, 8, Overflow::Fail), None);
        assert_eq!(signed_overflow(127, 1, 8, Overflow::Wrap), Some(Some(-128)));
        assert_eq!(
            signed_overflow(-128, -1, 8, Overflow::Sat),
            Some(Some(-128))
        );
        assert_eq!(
            signed_overflow(i64::MAX, 1, 64, Overflow::Wrap),
            Some(Some(i64::MIN))
        );
        assert_eq!(signed_overflow(5, -3, 4, Overflow::Fail), None);
        let mut b = [0u8; 2];
        set_field(&mut b, 4, 8, 0xab);
        assert_eq!(b, [0x0a, 0xb0]);
        assert_eq!(get_unsigned(&b, 4, 8), 0xab);
        assert_eq!(get_signed(&b, 4, 8), 0xab_u8 as i8 as i64);
    }
}
