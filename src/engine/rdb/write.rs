//! Writing values in RDB form (`rdbSaveObject` and its helpers).

use super::listpack::Listpack;
use super::lzf::Compressor;
use super::ty;
use crate::engine::args::parse_i64;
use crate::engine::members::Members;
use crate::engine::value::Value;

/// What the configuration decides about the bytes.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// `rdbcompression`: LZF for strings over 20 bytes.
    pub compress: bool,
    /// `list-max-listpack-size`: where list nodes are cut.
    pub list_fill: i64,
}

impl Options {
    pub fn from_config(c: &crate::engine::config::Config) -> Options {
        Options {
            compress: c.get_bool("rdbcompression"),
            list_fill: c.get_i64("list-max-listpack-size"),
        }
    }
}

/// RDB bytes being written.
pub struct Out {
    buf: Vec<u8>,
    opts: Options,
    lzf: Compressor,
}

impl Out {
    pub fn new(opts: Options) -> Out {
        Out {
            buf: Vec::new(),
            opts,
            lzf: Compressor::default(),
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    pub fn bytes_so_far(&self) -> &[u8] {
        &self.buf
    }

    pub fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    pub fn raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    /// A length: 6 bits, 14 bits, or a marker then 32 or 64 bits
    /// (big-endian, unlike everything else).
    pub fn len(&mut self, n: u64) {
        if n < 1 << 6 {
            self.buf.push(n as u8);
        } else if n < 1 << 14 {
            self.buf.push(0x40 | (n >> 8) as u8);
            self.buf.push(n as u8);
        } else if let Ok(n) = u32::try_from(n) {
            self.buf.push(0x80);
            self.buf.extend_from_slice(&n.to_be_bytes());
        } else {
            self.buf.push(0x81);
            self.buf.extend_from_slice(&n.to_be_bytes());
        }
    }

    /// A time in milliseconds (eight bytes, little-endian).
    pub fn ms(&mut self, t: i64) {
        self.buf.extend_from_slice(&t.to_le_bytes());
    }

    /// A string (`rdbSaveRawString`): as an 8, 16 or 32-bit integer when
    /// it is one written the canonical way, LZF-compressed when longer than
    /// 20 bytes and at least four bytes shorter for it, else as it is.
    pub fn string(&mut self, s: &[u8]) {
        if s.len() <= 11 {
            if let Some(v) = parse_i64(s) {
                if let Ok(v) = i8::try_from(v) {
                    self.buf.extend_from_slice(&[0xc0, v as u8]);
                    return;
                }
                if let Ok(v) = i16::try_from(v) {
                    self.buf.push(0xc1);
                    self.buf.extend_from_slice(&v.to_le_bytes());
                    return;
                }
                if let Ok(v) = i32::try_from(v) {
                    self.buf.push(0xc2);
                    self.buf.extend_from_slice(&v.to_le_bytes());
                    return;
                }
            }
        }
        if self.opts.compress && s.len() > 20 {
            if let Some(c) = self.lzf.compress(s, s.len() - 4) {
                self.buf.push(0xc3);
                self.len(c.len() as u64);
                self.len(s.len() as u64);
                self.buf.extend_from_slice(&c);
                return;
            }
        }
        self.len(s.len() as u64);
        self.buf.extend_from_slice(s);
    }

    /// The type byte `v` is saved under, then `v`.
    pub fn value_with_type(&mut self, v: &Value) {
        self.byte(type_of(v));
        self.value(v);
    }

    /// A value's bytes (`rdbSaveObject`).
    pub fn value(&mut self, v: &Value) {
        match v {
            Value::Str(s) => self.string(&s.bytes),
            Value::List(l) => {
                let nodes = crate::engine::sizes::quicklist_nodes(l, self.opts.list_fill);
                self.len(nodes.len() as u64);
                let mut items = l.iter();
                for (count, _) in nodes {
                    let mut lp = Listpack::default();
                    for e in items.by_ref().take(count) {
                        lp.push(e);
                    }
                    // A packed node (Redis's plain nodes hold elements of
                    // a gigabyte or more, which the protocol refuses).
                    self.len(2);
                    self.string(&lp.finish());
                }
            }
            Value::Set(s) => match &s.items {
                Members::Ints(v) => self.string(&intset(v, s.items.int_width())),
                Members::Table(t) => {
                    self.len(t.len() as u64);
                    for m in t.iter() {
                        self.string(m);
                    }
                }
            },
            Value::Hash(h) => {
                if h.listpack() {
                    let mut lp = Listpack::default();
                    for (f, v) in h.map.iter() {
                        lp.push(f);
                        lp.push(v);
                    }
                    self.string(&lp.finish());
                } else {
                    self.len(h.map.len() as u64);
                    for (f, v) in h.map.iter() {
                        self.string(f);
                        self.string(v);
                    }
                }
            }
            Value::ZSet(z) => {
                if z.listpack() {
                    let mut lp = Listpack::default();
                    for (score, m) in z.iter() {
                        lp.push(m);
                        push_score(&mut lp, score);
                    }
                    self.string(&lp.finish());
                } else {
                    // Highest score first, as Redis walks its skiplist
                    // from the tail (loading then always inserts at the
                    // head).
                    let items: Vec<(f64, &[u8])> = z.iter().collect();
                    self.len(items.len() as u64);
                    for (score, m) in items.into_iter().rev() {
                        self.string(m);
                        self.buf.extend_from_slice(&score.to_le_bytes());
                    }
                }
            }
            Value::Stream(s) => s.0.to_rdb(self),
        }
    }
}

/// The type byte of a value as Redis 7.0 saves it.
pub fn type_of(v: &Value) -> u8 {
    match v {
        Value::Str(_) => ty::STRING,
        Value::List(_) => ty::LIST_QUICKLIST_2,
        Value::Set(s) if s.intset() => ty::SET_INTSET,
        Value::Set(_) => ty::SET,
        Value::Hash(h) if h.listpack() => ty::HASH_LISTPACK,
        Value::Hash(_) => ty::HASH,
        Value::ZSet(z) if z.listpack() => ty::ZSET_LISTPACK,
        Value::ZSet(_) => ty::ZSET_2,
        Value::Stream(_) => ty::STREAM_LISTPACKS_2,
    }
}

/// A sorted set's score in its listpack (`zzlInsertAt`): an integer when
/// the double is a whole number a `long long` holds without loss, else
/// its `%.17g` text.
fn push_score(lp: &mut Listpack, score: f64) {
    const HALF: f64 = (i64::MAX / 2) as f64;
    if (-HALF..=HALF).contains(&score) && score == (score as i64) as f64 {
        lp.push_int(score as i64);
    } else {
        lp.push(crate::resp::format_double(score).as_bytes());
    }
}

/// An intset's blob: its width in bytes, its length (both u32,
/// little-endian), then the members in order, little-endian.
fn intset(members: &[i64], width: usize) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 + members.len() * width);
    b.extend_from_slice(&(width as u32).to_le_bytes());
    b.extend_from_slice(&(members.len() as u32).to_le_bytes());
    for v in members {
        b.extend_from_slice(&v.to_le_bytes()[..width]);
    }
    b
}
