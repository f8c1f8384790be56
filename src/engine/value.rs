//! Stored values and the encodings Redis would report for them.

use super::args::parse_i64;

/// A value in the keyspace (streams will join when their issue comes);
/// each variant carries what OBJECT ENCODING needs to answer as Redis would.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(StrValue),
    /// Redis 7.0 calls every list a quicklist (listpack lists came in 7.2).
    List(std::collections::VecDeque<Vec<u8>>),
    // Boxed: an enum is as large as its largest variant, and most keys
    // are strings; unboxed, every string key paid for a sorted set's
    // three tables (about 3x Redis's memory for a million small strings).
    Hash(Box<super::cmd::hashes::Hash>),
    Set(Box<super::cmd::sets::Set>),
    ZSet(Box<super::zset::ZSet>),
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
        }
    }

    pub fn encoding(&self) -> &'static str {
        match self {
            Value::Str(s) => s.enc.name(),
            Value::List(_) => "quicklist",
            Value::Hash(h) => h.encoding(),
            Value::Set(s) => s.encoding(),
            Value::ZSet(z) => z.encoding(),
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
    pub bytes: Vec<u8>,
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
        StrValue { bytes, enc }
    }

    /// A string built by the server from text it formatted (INCRBYFLOAT):
    /// never int-encoded, embstr when short.
    pub fn from_text(bytes: Vec<u8>) -> StrValue {
        let enc = if bytes.len() <= EMBSTR_MAX {
            StrEnc::Embstr
        } else {
            StrEnc::Raw
        };
        StrValue { bytes, enc }
    }

    pub fn from_int(v: i64) -> StrValue {
        StrValue {
            bytes: v.to_string().into_bytes(),
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
            bytes,
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
            std::mem::size_of::<super::Value>() <= 40,
            "{}",
            std::mem::size_of::<super::Value>()
        );
    }
}
