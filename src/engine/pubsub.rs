//! Who listens to what, and the messages waiting for each client.
//!
//! Subscriptions are kept twice, as Redis keeps them: on the session (what
//! it is subscribed to, for its counts and for UNSUBSCRIBE with no
//! arguments) and here, by channel (who receives a PUBLISH). Both sides
//! are `IndexSet`s so that the order is the order of subscription, which
//! is what a learner expects to see listed.
//!
//! Messages for a client go to its outbox, never straight to a socket: the
//! engine does no I/O. The host drains outboxes after every command
//! (`Engine::take_pushes`), the client's own first, then writes the
//! command's reply; that is the order Redis writes them in, since a client
//! receives its own PUBLISH before the count. An outbox is bounded like
//! Redis's pubsub output buffer: a client that lets it pass the hard limit
//! is disconnected, and no one else is affected.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, OnceLock};

use indexmap::{IndexMap, IndexSet};

use super::SessionId;
use crate::reply::Reply;

/// Which of the three namespaces a subscription is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Channel,
    Pattern,
    Shard,
}

impl Kind {
    /// The confirmation words Redis sends (`subscribe`, `punsubscribe`, ...).
    pub fn verb(self, subscribe: bool) -> &'static str {
        match (self, subscribe) {
            (Kind::Channel, true) => "subscribe",
            (Kind::Channel, false) => "unsubscribe",
            (Kind::Pattern, true) => "psubscribe",
            (Kind::Pattern, false) => "punsubscribe",
            (Kind::Shard, true) => "ssubscribe",
            (Kind::Shard, false) => "sunsubscribe",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Channel => "channel",
            Kind::Pattern => "pattern",
            Kind::Shard => "shard",
        }
    }
}

/// A session's side of its subscriptions.
#[derive(Debug, Clone, Default)]
pub struct Subscriptions {
    pub channels: IndexSet<Vec<u8>>,
    pub patterns: IndexSet<Vec<u8>>,
    pub shard: IndexSet<Vec<u8>>,
}

impl Subscriptions {
    pub fn of(&self, kind: Kind) -> &IndexSet<Vec<u8>> {
        match kind {
            Kind::Channel => &self.channels,
            Kind::Pattern => &self.patterns,
            Kind::Shard => &self.shard,
        }
    }

    pub fn of_mut(&mut self, kind: Kind) -> &mut IndexSet<Vec<u8>> {
        match kind {
            Kind::Channel => &mut self.channels,
            Kind::Pattern => &mut self.patterns,
            Kind::Shard => &mut self.shard,
        }
    }

    /// The count a confirmation carries: channels and patterns together,
    /// shard channels apart (as Redis counts them).
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Shard => self.shard.len(),
            _ => self.channels.len() + self.patterns.len(),
        }
    }

    /// In subscribed mode (which, for a RESP2 client, restricts commands).
    pub fn active(&self) -> bool {
        !(self.channels.is_empty() && self.patterns.is_empty() && self.shard.is_empty())
    }
}

/// The engine's side: subscribers by channel and by pattern.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    channels: IndexMap<Vec<u8>, IndexSet<SessionId>>,
    patterns: IndexMap<Vec<u8>, IndexSet<SessionId>>,
    shard: IndexMap<Vec<u8>, IndexSet<SessionId>>,
}

impl Registry {
    fn map(&self, kind: Kind) -> &IndexMap<Vec<u8>, IndexSet<SessionId>> {
        match kind {
            Kind::Channel => &self.channels,
            Kind::Pattern => &self.patterns,
            Kind::Shard => &self.shard,
        }
    }

    fn map_mut(&mut self, kind: Kind) -> &mut IndexMap<Vec<u8>, IndexSet<SessionId>> {
        match kind {
            Kind::Channel => &mut self.channels,
            Kind::Pattern => &mut self.patterns,
            Kind::Shard => &mut self.shard,
        }
    }

    pub fn add(&mut self, kind: Kind, name: &[u8], id: SessionId) {
        self.map_mut(kind)
            .entry(name.to_vec())
            .or_default()
            .insert(id);
    }

    /// Forget one subscription; a name nobody listens to any more goes.
    pub fn remove(&mut self, kind: Kind, name: &[u8], id: SessionId) {
        let map = self.map_mut(kind);
        if let Some(ids) = map.get_mut(name) {
            ids.shift_remove(&id);
            if ids.is_empty() {
                map.shift_remove(name);
            }
        }
    }

    pub fn subscribers(&self, kind: Kind, channel: &[u8]) -> Vec<SessionId> {
        self.map(kind)
            .get(channel)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }

    /// `(pattern, session)` for every pattern subscription matching `channel`.
    pub fn pattern_matches(&self, channel: &[u8]) -> Vec<(Vec<u8>, SessionId)> {
        let mut out = Vec::new();
        for (pattern, ids) in &self.patterns {
            if super::glob::matches(pattern, channel, false) {
                out.extend(ids.iter().map(|id| (pattern.clone(), *id)));
            }
        }
        out
    }

    /// Names with at least one subscriber, in the order they first got one.
    pub fn names(&self, kind: Kind) -> Vec<&[u8]> {
        self.map(kind).keys().map(|k| k.as_slice()).collect()
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.map(kind).len()
    }
}

/// What a frame costs in an output buffer, roughly as Redis counts it.
fn frame_bytes(r: &Reply) -> usize {
    match r {
        Reply::Bulk(b) => b.len() + 16,
        Reply::Array(v) | Reply::Push(v) | Reply::Set(v) => {
            16 + v.iter().map(frame_bytes).sum::<usize>()
        }
        Reply::Simple(s) | Reply::Error(s) => s.len() + 8,
        _ => 16,
    }
}

/// A message every subscriber of a channel receives alike: built once per
/// PUBLISH and shared by their outboxes, as Redis shares one object among
/// its clients' buffers. A host that writes RESP keeps its encoding here
/// too (`resp2`, `resp3`), so it is encoded once, not once per receiver.
#[derive(Debug)]
pub struct SharedFrame {
    pub reply: Reply,
    bytes: usize,
    pub resp2: OnceLock<Vec<u8>>,
    pub resp3: OnceLock<Vec<u8>>,
}

impl SharedFrame {
    pub fn new(reply: Reply) -> Arc<SharedFrame> {
        Arc::new(SharedFrame {
            bytes: frame_bytes(&reply),
            reply,
            resp2: OnceLock::new(),
            resp3: OnceLock::new(),
        })
    }
}

/// One frame in an outbox: a client's own, or a message shared with
/// other receivers.
#[derive(Debug, Clone)]
pub enum Frame {
    Own(Reply),
    Shared(Arc<SharedFrame>),
}

impl Frame {
    pub fn into_reply(self) -> Reply {
        match self {
            Frame::Own(r) => r,
            Frame::Shared(s) => s.reply.clone(),
        }
    }

    fn bytes(&self) -> usize {
        match self {
            Frame::Own(r) => frame_bytes(r),
            Frame::Shared(s) => s.bytes,
        }
    }
}

/// Frames waiting for their clients.
#[derive(Debug, Clone, Default)]
pub struct Outboxes {
    boxes: BTreeMap<SessionId, (VecDeque<Frame>, usize)>,
}

impl Outboxes {
    /// Queue a frame; false when the client's outbox is now over `limit`
    /// bytes (the caller disconnects it).
    pub fn push(&mut self, id: SessionId, frame: Reply, limit: usize) -> bool {
        self.push_frame(id, Frame::Own(frame), limit)
    }

    pub fn push_frame(&mut self, id: SessionId, frame: Frame, limit: usize) -> bool {
        let slot = self.boxes.entry(id).or_default();
        slot.1 = slot.1.saturating_add(frame.bytes());
        slot.0.push_back(frame);
        limit == 0 || slot.1 <= limit
    }

    pub fn take(&mut self, id: SessionId) -> Vec<Reply> {
        self.boxes
            .remove(&id)
            .map(|(q, _)| q.into_iter().map(Frame::into_reply).collect())
            .unwrap_or_default()
    }

    pub fn take_all(&mut self) -> Vec<(SessionId, Vec<Reply>)> {
        self.take_all_frames()
            .into_iter()
            .map(|(id, q)| (id, q.into_iter().map(Frame::into_reply).collect()))
            .collect()
    }

    /// Every outbox as it is, shared frames still shared.
    pub fn take_all_frames(&mut self) -> Vec<(SessionId, VecDeque<Frame>)> {
        std::mem::take(&mut self.boxes)
            .into_iter()
            .map(|(id, (q, _))| (id, q))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.boxes.is_empty()
    }
}
