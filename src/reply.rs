//! The reply model shared by the engine, the RESP codec and the console.
//!
//! It is RESP3's model: richer types (maps, sets, doubles, booleans, pushes)
//! are kept as such so that a RESP3 client sees them, and the encoder
//! downgrades them for a RESP2 client the way Redis does. Handlers build
//! replies and never encode them themselves.

/// One reply, as a command handler produces it.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// `+OK`: a status line. Never contains CR or LF.
    Simple(String),
    /// `-ERR ...`: the full error text, prefix included (`ERR`, `WRONGTYPE`, ...).
    Error(String),
    Integer(i64),
    Bulk(Vec<u8>),
    /// The null bulk string (`$-1` in RESP2, `_` in RESP3).
    Null,
    /// The null array (`*-1` in RESP2, `_` in RESP3): BLPOP's timeout, EXEC's abort.
    NullArray,
    Array(Vec<Reply>),
    /// RESP3 map; a flat array of pairs in RESP2.
    Map(Vec<(Reply, Reply)>),
    /// RESP3 set; an array in RESP2.
    Set(Vec<Reply>),
    /// RESP3 double; a bulk string in RESP2.
    Double(f64),
    /// RESP3 boolean; the integer 1 or 0 in RESP2.
    Boolean(bool),
    /// RESP3 big number, as decimal digits; a bulk string in RESP2.
    BigNumber(String),
    /// RESP3 verbatim string with its three-letter format (`txt`, `mkd`); a bulk string in RESP2.
    Verbatim(String, Vec<u8>),
    /// RESP3 out-of-band push (pub/sub messages); an array in RESP2.
    Push(Vec<Reply>),
    /// RESP3 attributes (`|`) sent ahead of a reply; a RESP2 client gets
    /// the reply alone. Only DEBUG PROTOCOL attrib sends them.
    Attributed(Vec<(Reply, Reply)>, Box<Reply>),
}

impl Reply {
    pub fn ok() -> Reply {
        Reply::Simple("OK".to_string())
    }

    pub fn simple(s: &str) -> Reply {
        Reply::Simple(s.to_string())
    }

    /// An error reply. Redis never lets a newline into an error line (it
    /// would break the protocol), so neither do we.
    pub fn err(text: impl Into<String>) -> Reply {
        let text: String = text.into();
        if text.contains(['\r', '\n']) {
            Reply::Error(text.replace(['\r', '\n'], " "))
        } else {
            Reply::Error(text)
        }
    }

    pub fn bulk(bytes: impl Into<Vec<u8>>) -> Reply {
        Reply::Bulk(bytes.into())
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Reply::Error(_))
    }

    /// Map in RESP3, flat array of pairs in RESP2: built here so handlers
    /// need not know which protocol the client speaks.
    pub fn map(pairs: Vec<(Reply, Reply)>) -> Reply {
        Reply::Map(pairs)
    }

    pub fn bulks<I, B>(items: I) -> Reply
    where
        I: IntoIterator<Item = B>,
        B: Into<Vec<u8>>,
    {
        Reply::Array(items.into_iter().map(|b| Reply::Bulk(b.into())).collect())
    }
}
