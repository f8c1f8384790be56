//! What a host may read of a stream to draw it: a window of entries and
//! every group with its consumers and pending entries. Only the full
//! build's stream picture calls it, so the page's first loads carry none
//! of it.

use super::store::{as_stream, Id};
use crate::engine::Engine;

/// One entry, its fields clipped to `max_bytes` each.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryView {
    pub id: (u64, u64),
    pub fields: Vec<(Vec<u8>, Vec<u8>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PendingView {
    pub id: (u64, u64),
    pub consumer: Vec<u8>,
    pub deliveries: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    pub name: Vec<u8>,
    pub last_id: (u64, u64),
    /// Entries not delivered to the group yet, when that can be known.
    pub lag: Option<i64>,
    /// The first pending entries, oldest first, and how many in all.
    pub pending: Vec<PendingView>,
    pub pending_total: usize,
    /// Each consumer and how many entries it holds pending.
    pub consumers: Vec<(Vec<u8>, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StreamView {
    pub length: usize,
    pub last_id: (u64, u64),
    pub first_id: Option<(u64, u64)>,
    pub entries_added: u64,
    /// Entries from the window's start on, oldest first.
    pub entries: Vec<EntryView>,
    /// How many live entries come before the window.
    pub before: usize,
    pub groups: Vec<GroupView>,
}

fn pair(id: Id) -> (u64, u64) {
    (id.ms, id.seq)
}

fn clip(b: &[u8], max: usize) -> Vec<u8> {
    b.get(..max.min(b.len())).unwrap_or(b).to_vec()
}

impl Engine {
    /// The stream at `key` for a picture: `count` entries ending with the
    /// newest, or starting at `from` when given; at most `count` pending
    /// entries per group.
    pub fn stream_view(
        &self,
        db: usize,
        key: &[u8],
        from: Option<(u64, u64)>,
        count: usize,
        max_bytes: usize,
    ) -> Option<StreamView> {
        let v = &self.db(db)?.raw_get(key)?.value;
        let s = as_stream(v)?;
        let mut entries: Vec<_> = match from {
            // 0 entries asked (range's 0 would mean all of them).
            _ if count == 0 => Vec::new(),
            Some((ms, seq)) => s.range(Id::new(ms, seq), Id::MAX, false, count),
            None => {
                let mut e = s.range(Id::MIN, Id::MAX, true, count);
                e.reverse();
                e
            }
        };
        entries.truncate(count);
        let length = usize::try_from(s.length).unwrap_or(usize::MAX);
        let before = match (from, entries.first().and_then(|first| first.id.decr())) {
            (None, _) => length - entries.len(),
            (Some(_), Some(end)) => s.range(Id::MIN, end, false, 0).len(),
            (Some(_), None) => 0,
        };
        Some(StreamView {
            length,
            last_id: pair(s.last_id),
            first_id: s.edge(true).map(pair),
            entries_added: s.entries_added,
            entries: entries
                .into_iter()
                .map(|it| EntryView {
                    id: pair(it.id),
                    fields: it
                        .fields
                        .chunks(2)
                        .map(|p| {
                            let f = p.first().map_or(&[][..], |f| f.as_slice());
                            let v = p.get(1).map_or(&[][..], |v| v.as_slice());
                            (clip(f, max_bytes), clip(v, max_bytes))
                        })
                        .collect(),
                })
                .collect(),
            before,
            groups: s
                .groups
                .iter()
                .map(|g| GroupView {
                    name: g.name.to_vec(),
                    last_id: pair(g.last_id),
                    lag: s.lag(g),
                    pending: g
                        .pel
                        .iter()
                        .take(count)
                        .map(|(id, n)| PendingView {
                            id: pair(*id),
                            consumer: n.consumer.to_vec(),
                            deliveries: n.count,
                        })
                        .collect(),
                    pending_total: g.pel.len(),
                    consumers: g
                        .consumers
                        .iter()
                        .map(|c| (c.name.to_vec(), c.pel.len()))
                        .collect(),
                })
                .collect(),
        })
    }
}
