//! Stored values and the encodings Redis would report for them.

use super::args::parse_i64;

/// A short byte string kept inline (up to 16 bytes, in the 24 bytes a
/// `Vec` header takes), longer ones on the heap: keys, string values and
/// list elements, most of which are short.
pub type Bytes = smallvec::SmallVec<[u8; 16]>;

/// A list's elements (see `cmd/lists.rs`).
pub type List = std::collections::VecDeque<Bytes>;

/// Take a client's buffer: short ones are copied inline and the buffer
/// freed, long ones keep their allocation.
pub fn bytes_from_vec(v: Vec<u8>) -> Bytes {
    if v.len() <= 16 {
        Bytes::from_slice(&v)
    } else {
        Bytes::from_vec(v)
    }
}

/// A value in the keyspace; each variant carries what OBJECT ENCODING
/// needs to answer as Redis would.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(StrValue),
    /// Redis 7.0 calls every list a quicklist (listpack lists came in 7.2).
    /// Boxed, so that a `Value` stays 32 bytes (a key's whole entry is
    /// 40).
    List(Box<List>),
    // An enum is as large as its largest variant and most keys are
    // strings: each collection is at most a `Vec` wide here, its big
    // encodings (hashtable, skiplist) boxed inside it.
    Hash(super::cmd::hashes::Hash),
    Set(super::cmd::sets::Set),
    ZSet(super::zset::ZSet),
    /// A stream (`cmd/streams`), behind a trait object: see [`StreamBox`].
    Stream(StreamBox),
}

/// What the core asks of a stream. Streams are part of the rest of the
/// engine (`cmd::ext`): the page's first loads can never make one, so
/// the core reaches a stream's code only through this trait's table,
/// which only a build that makes streams carries. A concrete type here
/// would pull its clone, drop and save code into every first load.
pub trait StreamObj: std::fmt::Debug + Send {
    fn clone_obj(&self) -> Box<dyn StreamObj>;
    fn same(&self, other: &dyn StreamObj) -> bool;
    fn as_any(&self) -> &dyn std::any::Any;
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any;
    /// Entries (XLEN).
    fn entries(&self) -> usize;
    /// The commands that rebuild it under `key` (entries, ids, groups,
    /// consumers and pending entries), as Redis's AOF rewrite writes them.
    fn rebuild(&self, key: &[u8], out: &mut Vec<Vec<Vec<u8>>>);
    /// Its bytes in a snapshot (`snapshot_bytes.rs`), read back by
    /// `cmd::streams::from_snapshot`.
    fn to_snapshot(&self, out: &mut Vec<u8>);
    /// Its RDB form (`engine/rdb`), after the type byte.
    fn to_rdb(&self, out: &mut crate::engine::rdb::Out);
    /// What Redis would allocate for it (MEMORY USAGE with `samples`).
    fn memory(&self, samples: usize) -> usize;
}

/// A stream in the keyspace.
#[derive(Debug)]
pub struct StreamBox(pub Box<dyn StreamObj>);

impl Clone for StreamBox {
    fn clone(&self) -> Self {
        StreamBox(self.0.clone_obj())
    }
}

impl PartialEq for StreamBox {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(other.0.as_ref())
    }
}

impl Value {
    /// The name TYPE and SCAN's TYPE filter use.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Hash(_) => "hash",
            Value::Set(_) => "set",
            Value::ZSet(_) => "zset",
            Value::Stream(_) => "stream",
        }
    }

    /// A collection with no elements left (strings are never "empty").
    pub fn is_empty_collection(&self) -> bool {
        match self {
            Value::Str(_) => false,
            Value::List(l) => l.is_empty(),
            Value::Hash(h) => h.map.is_empty(),
            Value::Set(s) => s.items.is_empty(),
            Value::ZSet(z) => z.is_empty(),
            // Redis keeps an empty stream (its ids and groups still count).
            Value::Stream(_) => false,
        }
    }

    pub fn encoding(&self) -> &'static str {
        match self {
            Value::Str(s) => s.enc.name(),
            Value::List(_) => "quicklist",
            Value::Hash(h) => h.encoding(),
            Value::Set(s) => s.encoding(),
            Value::ZSet(z) => z.encoding(),
            Value::Stream(_) => "stream",
        }
    }
}

/// How Redis would be holding a string: as a machine integer, in one
/// allocation with its header (embstr, up to 44 bytes), or as a separate
/// buffer (raw). Which one depends on the command that made the value, not
/// only on its bytes: APPEND and SETRANGE always leave a raw string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrEnc {
    Int,
    Embstr,
    Raw,
}

impl StrEnc {
    pub fn name(self) -> &'static str {
        match self {
            StrEnc::Int => "int",
            StrEnc::Embstr => "embstr",
            StrEnc::Raw => "raw",
        }
    }
}

/// Longest string Redis keeps as embstr (one 64-byte allocation).
pub const EMBSTR_MAX: usize = 44;

#[derive(Debug, Clone, PartialEq)]
pub struct StrValue {
    pub bytes: Bytes,
    pub enc: StrEnc,
}

impl StrValue {
    /// What `tryObjectEncoding` makes of a client's argument: int when it is
    /// a canonical integer, else embstr or raw by length.
    pub fn from_arg(bytes: Vec<u8>) -> StrValue {
        let enc = if bytes.len() <= 20 && parse_i64(&bytes).is_some() {
            StrEnc::Int
        } else if bytes.len() <= EMBSTR_MAX {
            StrEnc::Embstr
        } else {
            StrEnc::Raw
        };
        StrValue {
            bytes: bytes_from_vec(bytes),
            enc,
        }
    }

    /// A string built by the server from text it formatted (INCRBYFLOAT):
    /// never int-encoded, embstr when short.
    pub fn from_text(bytes: Vec<u8>) -> StrValue {
        let enc = if bytes.len() <= EMBSTR_MAX {
            StrEnc::Embstr
        } else {
            StrEnc::Raw
        };
        StrValue {
            bytes: bytes_from_vec(bytes),
            enc,
        }
    }

    pub fn from_int(v: i64) -> StrValue {
        StrValue {
            bytes: Bytes::from_slice(v.to_string().as_bytes()),
            enc: StrEnc::Int,
        }
    }

    /// Become the integer `v` (INCR), reusing the buffer.
    pub fn set_int(&mut self, v: i64) {
        use std::io::Write;
        self.bytes.clear();
        // Writing to a Vec cannot fail.
        let _ = write!(self.bytes, "{v}");
        self.enc = StrEnc::Int;
    }

    /// A buffer that was edited in place (APPEND, SETRANGE).
    pub fn raw(bytes: Vec<u8>) -> StrValue {
        StrValue {
            bytes: bytes_from_vec(bytes),
            enc: StrEnc::Raw,
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every key pays for the largest variant; keep them boxed.
    #[test]
    fn a_value_stays_small() {
        assert!(
            std::mem::size_of::<super::Value>() <= 32,
            "{}",
            std::mem::size_of::<super::Value>()
        );
    }
}
