//! A set's members, stored the way their encoding says: while the set is
//! an intset, a sorted `Vec<i64>` (8 bytes a member, listed by value, as
//! Redis's intset is); once it is a hashtable, an `IndexSet` of byte
//! strings.
//!
//! An intset grows by exactly one slot per member, as Redis's does: a
//! million three-member sets then cost 24 bytes of members each, not the
//! 32 that doubling would reserve. The table is boxed so that a small set
//! is one `Vec` wide inside the value.

use std::borrow::Cow;

use indexmap::IndexSet;

use super::args::parse_i64;

#[derive(Debug, Clone, PartialEq)]
pub enum Members {
    Ints(Vec<i64>),
    Table(Box<IndexSet<Vec<u8>>>),
}

impl Default for Members {
    fn default() -> Self {
        Members::Ints(Vec::new())
    }
}

fn text(v: i64) -> Vec<u8> {
    v.to_string().into_bytes()
}

impl Members {
    pub fn len(&self) -> usize {
        match self {
            Members::Ints(v) => v.len(),
            Members::Table(t) => t.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_ints(&self) -> bool {
        matches!(self, Members::Ints(_))
    }

    pub fn contains(&self, m: &[u8]) -> bool {
        match self {
            // Only canonical integers can be in an intset ("07" is not 7).
            Members::Ints(v) => parse_i64(m).is_some_and(|x| v.binary_search(&x).is_ok()),
            Members::Table(t) => t.contains(m),
        }
    }

    /// Add a member; true when it was new. An intset takes only integers:
    /// the caller converts first (see `Set::add`).
    pub fn insert(&mut self, m: &[u8]) -> bool {
        if let (Members::Ints(_), None) = (&*self, parse_i64(m)) {
            self.to_table();
        }
        match self {
            Members::Ints(v) => match parse_i64(m).map(|x| (x, v.binary_search(&x))) {
                Some((x, Err(pos))) => {
                    v.reserve_exact(1);
                    v.insert(pos, x);
                    true
                }
                _ => false,
            },
            Members::Table(t) => t.insert(m.to_vec()),
        }
    }

    pub fn remove(&mut self, m: &[u8]) -> bool {
        match self {
            Members::Ints(v) => match parse_i64(m).map(|x| v.binary_search(&x)) {
                Some(Ok(pos)) => {
                    v.remove(pos);
                    true
                }
                _ => false,
            },
            Members::Table(t) => t.swap_remove(m),
        }
    }

    pub fn get_index(&self, i: usize) -> Option<Cow<'_, [u8]>> {
        match self {
            Members::Ints(v) => v.get(i).map(|x| Cow::Owned(text(*x))),
            Members::Table(t) => t.get_index(i).map(|m| Cow::Borrowed(m.as_slice())),
        }
    }

    /// Take out the member at a position (SPOP).
    pub fn remove_index(&mut self, i: usize) -> Option<Vec<u8>> {
        match self {
            Members::Ints(v) => (i < v.len()).then(|| text(v.remove(i))),
            Members::Table(t) => t.swap_remove_index(i),
        }
    }

    /// In the order Redis lists them: by value for an intset.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Cow<'_, [u8]>> + '_> {
        match self {
            Members::Ints(v) => Box::new(v.iter().map(|x| Cow::Owned(text(*x)))),
            Members::Table(t) => Box::new(t.iter().map(|m| Cow::Borrowed(m.as_slice()))),
        }
    }

    /// Integer width an intset uses for these members (2, 4 or 8 bytes).
    pub fn int_width(&self) -> usize {
        match self {
            Members::Ints(v) => v
                .iter()
                .map(|&x| {
                    if i16::try_from(x).is_ok() {
                        2
                    } else if i32::try_from(x).is_ok() {
                        4
                    } else {
                        8
                    }
                })
                .max()
                .unwrap_or(2),
            Members::Table(_) => 8,
        }
    }

    pub fn clear(&mut self) {
        match self {
            Members::Ints(v) => v.clear(),
            Members::Table(t) => t.clear(),
        }
    }

    /// Become a hashtable (never the other way, as in Redis). The order
    /// it starts with is the intset's.
    pub fn to_table(&mut self) {
        if let Members::Ints(v) = self {
            *self = Members::Table(Box::new(v.iter().map(|x| text(*x)).collect()));
        }
    }
}
